//! Block 2: the second near-collision, which cancels δCV1 (docs/attack.md §8.1), on whichever of
//! the five paths the chaining values after block 1 select.
//!
//! Q2..Q16 are drawn first and Q1 last, because Q1 is the cheap knob: it fixes m0 and m1, and
//! with them Q17..Q21, without touching any other round-1 word.

use super::engine::{Random, State, cost, q4_tunnel, steps_17_to_19};
use super::lanes::{self, Hidden, Lanes, N};
use super::md5q::{
    AC, Cv, RC, Trace, at, boolean, compress, inverse, states, step, trace_start, word_at,
};
use super::path::{Path, add_words};
use super::progress::{Cancelled, Meter};
use super::tables::{RowMask, TableError, Variant};
use super::verify::trace_conditions;

/// Draws of Q1 per set of states Q2..Q16 before starting over (docs/attack.md §13.14).
const Q1_DRAWS: u32 = 4096;

/// Both files' second blocks.
#[derive(Clone, Debug)]
pub struct Block2 {
    pub x: [u32; 16],
    pub y: [u32; 16],
}

/// How to draw Q2 before Q1 (docs/attack.md §8.1 step 1): row 2 with its references to Q1 resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row2Plan {
    /// Row 2 with every `^`/`!` to Q1 replaced by a fixed value or a relation to Q0.
    pub row2: RowMask,
    /// Bits of Q1 that are free in row 1 but tied to Q2 by row 2: copied from Q2 ...
    pub copy: u32,
    /// ... and complemented where row 2 says `!`.
    pub copy_flip: u32,
}

impl Row2Plan {
    pub fn new(path: &Path) -> Result<Row2Plan, TableError> {
        let (r1, r2) = (path.row(1), path.row(2));
        let refuse = |reason: &str| TableError {
            table: path.name,
            line: 0,
            reason: reason.into(),
        };
        // Row 3 tied to Q1 or row 1 tied to Q−1 under a row-2 relation cannot be resolved this way.
        if path.row(3).related2() != 0 || r2.related1() & r1.related2() != 0 {
            return Err(refuse(
                "rows 1..3 relate Q1 in a way the block-2 procedure cannot draw",
            ));
        }
        let tied = r2.related1();
        let flip2 = r2.ne1;
        let mut row2 = RowMask {
            cond: r2.cond & !tied,
            fixed1: r2.fixed1,
            eq1: 0,
            ne1: 0,
            eq2: r2.eq2,
            ne2: r2.ne2,
        };
        // Q1 fixed by row 1: Q2 is fixed to the implied value.
        let fixed = tied & r1.cond & !r1.related1();
        row2.cond |= fixed;
        row2.fixed1 |= fixed & (r1.fixed1 ^ flip2);
        // Q1 tied to Q0 by row 1: Q2 is tied to Q0 (distance 2), the senses combined.
        let via_q0 = tied & r1.related1();
        let differs = (r1.ne1 ^ flip2) & via_q0;
        row2.cond |= via_q0;
        row2.eq2 |= via_q0 & !differs;
        row2.ne2 |= differs;
        // Q1 free: Q2 is free now and Q1 copies it later.
        let copy = tied & !r1.cond;
        Ok(Row2Plan {
            row2,
            copy,
            copy_flip: copy & flip2,
        })
    }

    /// Q1 from random bits, consistent with row 1 and with the Q2 already drawn.
    #[inline(always)]
    fn q1(&self, row1: &RowMask, random: u32, q2: u32, q0: u32, qm1: u32) -> u32 {
        let q1 = row1.draw(random, q0, qm1);
        (q1 & !self.copy) | ((q2 ^ self.copy_flip) & self.copy)
    }
}

/// Searches block 2 for `variant` from the chaining values after block 1; `None` when the
/// caller asked for a pause (call again to go on).
pub fn search(
    variant: Variant,
    cv1x: &Cv,
    cv1y: &Cv,
    path: &Path,
    plan: &Row2Plan,
    rng: &mut Random,
    meter: &mut Meter,
) -> Result<Option<Block2>, Cancelled> {
    let (base_cv, other_cv) = if variant.base_is_y() {
        (cv1y, cv1x)
    } else {
        (cv1x, cv1y)
    };
    let mut st = State {
        q: trace_start(base_cv),
        m: [0; 16],
    };
    loop {
        // A pause is taken here, before the restart draws anything: the next call starts
        // this restart afresh from the same generator, as if there had been no pause.
        if meter.take_pause() {
            return Ok(None);
        }
        meter.stats.block2_attempts += 1;
        meter.counts().restarts += 1;
        meter.tick(cost::RESTART)?;
        // Step 1: Q2..Q16, Q2 with its ties to Q1 resolved.
        let q = &mut st.q;
        q[at(2)] = plan.row2.draw(rng.next(), 0, q[at(0)]);
        for i in at(3)..=at(16) {
            q[i] = path.rows[i].draw(rng.next(), q[i - 1], q[i - 2]);
        }
        // Step 2: the words that do not depend on Q1.
        for t in [5, 6, 7, 11, 14, 15] {
            st.m[t] = word_at(t, q);
        }
        // Step 3: Q1, hence m0, m1 and Q17..Q21.
        if !q1_loop(path, plan, &mut st, rng, meter)? {
            continue;
        }
        // Step 4.
        for t in [2, 3, 4] {
            st.m[t] = word_at(t, &st.q);
        }
        // Steps 5–8.
        let mut found: Option<[u32; 16]> = None;
        let mut on_candidate = |m: &[u32; 16], meter: &mut Meter| -> bool {
            debug_assert_eq!(
                trace_conditions(&path.rows, &path.t, &states(base_cv, m), m, 1..=64),
                Ok(())
            );
            let other = add_words(m, &path.dm);
            if compress(base_cv, m) != compress(other_cv, &other) {
                return false;
            }
            meter.counts().solutions += 1;
            found = Some(*m);
            true
        };
        q4_tunnel(path, &mut st, meter, &mut on_candidate)?;
        if let Some(base) = found {
            let other = add_words(&base, &path.dm);
            let (x, y) = if variant.base_is_y() {
                (other, base)
            } else {
                (base, other)
            };
            return Ok(Some(Block2 { x, y }));
        }
    }
}

/// Step 3 of §8.1: up to 4 096 draws of Q1, each checked through Q20 (and Q21 unless the Q4
/// tunnel changes m5, in which case the tunnel checks it per value).
///
/// Draws go [`N`] at a time through m1 and Q17 (lanes, see `lanes.rs`); the few that meet
/// row 17 continue one by one.
fn q1_loop(
    path: &Path,
    plan: &Row2Plan,
    st: &mut State,
    rng: &mut Random,
    meter: &mut Meter,
) -> Result<bool, Cancelled> {
    let q = &mut st.q;
    let m = &mut st.m;
    let [qm3, qm2, qm1, q0] = [q[at(-3)], q[at(-2)], q[at(-1)], q[at(0)]];
    let [q2, q13, q14, q15, q16] = [q[at(2)], q[at(13)], q[at(14)], q[at(15)], q[at(16)]];
    let (r1, r17) = (path.row(1), path.row(17));
    // Q1 = free random bits | bits fixed by row 1 and by the copies from Q2.
    let free1 = !r1.cond & !plan.copy;
    let fixed1 = plan.q1(r1, 0, q2, q0, qm1) & !free1;
    let hidden = Hidden::new();
    let splat = Lanes::splat;
    // m1 = RR(Q2 − Q1, 12) − F(Q1, Q0, Q−1) − Q−2 − AC1, and Q17 = Q16 + RL(c16 + m1, 5).
    let c1 = splat(qm2.wrapping_add(AC[1]));
    let c16 = splat(
        boolean(16, q16, q15, q14)
            .wrapping_add(q13)
            .wrapping_add(AC[16]),
    );
    let want17 = splat(r17.want(q16, q15));
    let cond17 = splat(r17.cond);
    // Draw k is the same whatever `N` is, and the first draw that passes wins.
    let mut rng = rng.fork();
    let mut draws = 0;
    let mut found = None;
    'draws: while draws < Q1_DRAWS {
        draws += N as u32;
        let q1v = (Lanes::from_array(rng.lanes()) & splat(free1)) | splat(fixed1);
        let m1v = (splat(q2) - q1v).rotate_left_hidden(32 - RC[1], &hidden)
            - lanes::boolean(1, q1v, splat(q0), splat(qm1))
            - c1;
        let q17v = splat(q16) + (c16 + m1v).rotate_left_hidden(RC[16], &hidden);
        let mut passed = ((q17v ^ want17) & cond17).zero_lanes();
        while passed != 0 {
            let lane = passed.trailing_zeros() as usize;
            passed &= passed - 1;
            let (q1, m1, q17) = (q1v.lane(lane), m1v.lane(lane), q17v.lane(lane));
            if let Some(rest) = rows_18_to_21(path, q, m, [qm3, qm2, qm1, q0, q1], q17) {
                found = Some((q1, m1, q17, rest));
                break 'draws;
            }
        }
    }
    let ok = found.is_some();
    if let Some((q1, m1, q17, (m0, [q18, q19, q20, q21]))) = found {
        q[at(1)] = q1;
        q[at(17)] = q17;
        q[at(18)] = q18;
        q[at(19)] = q19;
        q[at(20)] = q20;
        q[at(21)] = q21;
        m[0] = m0;
        m[1] = m1;
    }
    let check21 = !path.tunnels.q4_changes_m5;
    let counts = meter.counts();
    counts.early_draws += draws as u64;
    counts.early_passes += ok as u64;
    counts.q21_passes += (ok && check21) as u64;
    meter.tick(draws as u64 * cost::DRAW)?;
    Ok(ok)
}

/// Steps 17..20 from a Q17 that meets row 17: m0 and Q18..Q21 if rows 18..21 hold (row 21
/// only if the Q4 tunnel keeps m5).
#[inline(always)]
fn rows_18_to_21(
    path: &Path,
    q: &Trace,
    m: &[u32; 16],
    [qm3, qm2, qm1, q0, q1]: [u32; 5],
    q17: u32,
) -> Option<(u32, [u32; 4])> {
    let m0 = inverse(0, q1, q0, qm1, qm2, qm3);
    let [q18, q19, q20] = steps_17_to_19(path, q, m, m0, q17)?;
    let q21 = step(20, q17, q20, q19, q18, m[5]);
    if !path.tunnels.q4_changes_m5 && !path.row(21).holds(q21, q20, q19) {
        return None;
    }
    Some((m0, [q18, q19, q20, q21]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collide::path::Paths;
    use crate::collide::tables::tables;

    #[test]
    fn row2_plan_draws_q1_q2_that_satisfy_rows_1_and_2() {
        let paths = Paths::compile(tables().unwrap()).unwrap();
        let mut rng = Random::new(4);
        for v in Variant::ALL {
            let path = paths.block2(v);
            let plan = Row2Plan::new(path).unwrap();
            // docs/attack.md §8.1: only W has Q1 bits copied from Q2, namely
            // 30, 29, 28, 20, 19, 18, 17, 12 and 7.
            let want_copy = if v == Variant::W {
                [30, 29, 28, 20, 19, 18, 17, 12, 7]
                    .iter()
                    .fold(0, |m, b| m | 1 << b)
            } else {
                0
            };
            assert_eq!(plan.copy, want_copy, "{v}");
            for _ in 0..2000 {
                let (qm1, q0) = (rng.next(), rng.next());
                let q2 = plan.row2.draw(rng.next(), 0, q0);
                let q1 = plan.q1(path.row(1), rng.next(), q2, q0, qm1);
                assert!(path.row(1).holds(q1, q0, qm1), "{v}: row 1");
                assert!(path.row(2).holds(q2, q1, q0), "{v}: row 2");
            }
        }
    }
}
