//! Block 1: a near-collision from any chaining value, by Stevens' method with Klima's tunnels
//! (docs/attack.md §7.1). File X's block is built; Y's is X + δM1, and the pair must leave exactly
//! δCV1 and a chaining value that one of the block-2 paths accepts.

use super::engine::{Random, State, cost, q4_tunnel, steps_17_to_19};
use super::forced::Forced;
use super::md5q::{
    Cv, Trace, at, compress, inverse, output, states, step, step_at, trace_start, word_at,
};
use super::path::{DCV1, DM1, Path, Paths, add_words, sub_cv};
use super::progress::{Cancelled, Meter};
use super::tables::{TableError, Variant};
use super::verify::trace_conditions;

/// Draws of Q17 per set of round-1 states before starting over (docs/attack.md §13.14).
const Q17_DRAWS: u32 = 128;

/// An accepted block 1.
#[derive(Clone, Debug)]
pub struct Block1 {
    /// File X's block; Y's is X + δM1.
    pub x: [u32; 16],
    pub cv1x: Cv,
    pub cv1y: Cv,
    pub variant: Variant,
}

/// Refuses a table the procedure of §7.1 cannot follow: Q2 is computed, not drawn, so row 2
/// must be empty and rows 3 and 4 must not refer to Q2.
pub fn check_shape(path: &Path) -> Result<(), TableError> {
    let bad = path.row(2).cond != 0 || path.row(3).related1() != 0 || path.row(4).related2() != 0;
    if bad {
        return Err(TableError {
            table: path.name,
            line: 0,
            reason: "rows 2..4 must not constrain Q2 for block 1".into(),
        });
    }
    Ok(())
}

/// Searches block 1 from `cv0` until a solution whose chaining value suits a block-2 path;
/// `None` when the caller asked for a pause (call again to go on).
pub fn search(
    cv0: &Cv,
    paths: &Paths,
    rng: &mut Random,
    meter: &mut Meter,
    forced: Option<&Forced>,
) -> Result<Option<Block1>, Cancelled> {
    let path = &paths.block1;
    let mut st = State {
        q: trace_start(cv0),
        m: [0; 16],
    };
    loop {
        // A pause is taken here, before the restart draws anything: the next call starts
        // this restart afresh from the same generator, as if there had been no pause.
        if meter.take_pause() {
            return Ok(None);
        }
        meter.stats.block1_attempts += 1;
        meter.counts().restarts += 1;
        meter.tick(cost::RESTART)?;
        // Step 1: Q1 and Q3..Q16 (rows 3 and 4 do not read Q2, which is still unknown).
        let q = &mut st.q;
        q[at(1)] = path.row(1).draw(rng.next(), q[at(0)], q[at(-1)]);
        let mut drawn = true;
        for i in at(3)..=at(16) {
            q[i] = path.rows[i].draw(rng.next(), q[i - 1], q[i - 2]);
            if i == at(15)
                && let Some(forced) = forced
            {
                // Q15 from an m14 that carries the forced bytes, if row 15 allows one.
                match q15_for(path, q, forced, rng) {
                    Some(q15) => q[i] = q15,
                    None => {
                        drawn = false;
                        break;
                    }
                }
            }
        }
        if !drawn {
            continue;
        }
        // Step 2: the words that do not depend on Q2.
        for t in [0, 6, 11, 14, 15] {
            st.m[t] = word_at(t, q);
        }
        // Step 3: Q17..Q20.
        if !q17_batch(path, &mut st, rng, meter)? {
            continue;
        }
        // Step 4: m1 from Q17, hence Q2, m2, m5 and Q21.
        let q = &mut st.q;
        st.m[1] = inverse(16, q[at(17)], q[at(16)], q[at(15)], q[at(14)], q[at(13)]);
        step_at(1, q, &st.m);
        st.m[2] = word_at(2, q);
        st.m[5] = word_at(5, q);
        step_at(20, q, &st.m);
        if !path.tunnels.q4_changes_m5 {
            if !path.row(21).holds(q[at(21)], q[at(20)], q[at(19)]) {
                continue;
            }
            meter.counts().q21_passes += 1;
        }
        // Steps 5–8.
        let mut found: Option<Block1> = None;
        let mut on_candidate = |m: &[u32; 16], meter: &mut Meter| -> bool {
            let q = states(cv0, m);
            debug_assert_eq!(trace_conditions(&path.rows, &path.t, &q, m, 1..=64), Ok(()));
            let cv1x = output(cv0, &q);
            let y = add_words(m, &DM1);
            let cv1y = compress(cv0, &y);
            if sub_cv(&cv1y, &cv1x) != DCV1 {
                return false;
            }
            meter.counts().solutions += 1;
            match paths.variant_for(&cv1x) {
                Some(variant) => {
                    found = Some(Block1 {
                        x: *m,
                        cv1x,
                        cv1y,
                        variant,
                    });
                    true
                }
                None => {
                    meter.stats.block1_unusable += 1;
                    false
                }
            }
        };
        q4_tunnel(path, &mut st, meter, &mut on_candidate)?;
        if let Some(block) = found {
            return Ok(Some(block));
        }
    }
}

/// Tries at most this many m14 values per restart for one that row 15 accepts (each is
/// accepted with probability about 2^-6).
const M14_DRAWS: u32 = 1024;

/// A Q15 that meets row 15 and makes m14 (step 14, from Q11..Q14) carry the forced bytes.
fn q15_for(path: &Path, q: &Trace, forced: &Forced, rng: &mut Random) -> Option<u32> {
    let [q11, q12, q13, q14] = [q[at(11)], q[at(12)], q[at(13)], q[at(14)]];
    (0..M14_DRAWS).find_map(|_| {
        let m14 = forced.m14(rng.next(), || rng.next());
        let q15 = step(14, q11, q14, q13, q12, m14);
        path.row(15).holds(q15, q14, q13).then_some(q15)
    })
}

/// Step 3 of §7.1: up to 128 draws of Q17, each checked through Q20. m1 is still free, so
/// steps 16..19 involve only chosen quantities (m6, m11, m0).
fn q17_batch(
    path: &Path,
    st: &mut State,
    rng: &mut Random,
    meter: &mut Meter,
) -> Result<bool, Cancelled> {
    let q = &mut st.q;
    let (q15, q16) = (q[at(15)], q[at(16)]);
    let mut draws = 0;
    let mut ok = false;
    while draws < Q17_DRAWS {
        draws += 1;
        let q17 = path.row(17).draw(rng.next(), q16, q15);
        if let Some([q18, q19, q20]) = steps_17_to_19(path, q, &st.m, st.m[0], q17) {
            q[at(17)..=at(20)].copy_from_slice(&[q17, q18, q19, q20]);
            ok = true;
            break;
        }
    }
    let counts = meter.counts();
    counts.early_draws += draws as u64;
    counts.early_passes += ok as u64;
    meter.tick(draws as u64 * cost::DRAW)?;
    Ok(ok)
}
