//! The search both blocks share (SPEC.md §7.1 steps 5–7, §8.1 steps 5–7): from round-1
//! states that already satisfy rows 1..21, run the Q4, Q9/Q10 and Q9 tunnels and the steps
//! 21..63 with early aborts, and hand every state that meets all conditions through Q64 to the
//! caller.
//!
//! The innermost loop (the Q9 tunnel) is nearly all of the attack's time, so it is written out
//! step by step on local variables: the masks come from the table, the shape (rows 25..47
//! without conditions, T checks at steps 22 and 34) is checked once by `Path::compile`.

use super::md5q::{AC, RC, Trace, WORD, at, boolean, inverse, step, word_at};
use super::path::Path;
use super::progress::{Cancelled, Meter};
use super::tables::{RowMask, TRow};
use crate::rng::Rng;

/// Round-1 states and message words of the base message under construction.
#[derive(Clone, Debug)]
pub struct State {
    pub q: Trace,
    pub m: [u32; 16],
}

/// Innermost iterations between two progress ticks.
const CHUNK: u32 = 1 << 12;

/// Approximate MD5 steps per unit of work, for the progress meter.
pub mod cost {
    pub const INNER: u64 = 16;
    pub const DRAW: u64 = 2;
    pub const RESTART: u64 = 24;
    pub const Q9Q10: u64 = 8;
}

/// 32-bit random words from the project's seeded generator, both halves of each 64-bit output.
pub struct Random {
    rng: Rng,
    spare: Option<u32>,
}

impl Random {
    pub fn new(seed: u64) -> Self {
        Random {
            rng: Rng::new(seed),
            spare: None,
        }
    }

    #[inline(always)]
    pub fn next(&mut self) -> u32 {
        match self.spare.take() {
            Some(x) => x,
            None => {
                let x = self.rng.next_u64();
                self.spare = Some((x >> 32) as u32);
                x as u32
            }
        }
    }
}

/// Runs the Q4 tunnel and everything inside it.
///
/// On entry Q_{-3}..Q_20 are set and satisfy their rows, as do Q21 unless the Q4 tunnel
/// changes m5; m0, m1, m2, m5, m6, m11, m14, m15 match them. Returns `Ok(true)` as soon as
/// `on_candidate` accepts a candidate (it receives the 16 message words).
pub fn q4_tunnel(
    path: &Path,
    st: &mut State,
    meter: &mut Meter,
    on_candidate: &mut impl FnMut(&[u32; 16], &mut Meter) -> bool,
) -> Result<bool, Cancelled> {
    let mask = path.tunnels.q4;
    let q4 = st.q[at(4)];
    let mut s = 0u32;
    let found = loop {
        st.q[at(4)] = q4 ^ s;
        meter.counts().q4_values += 1;
        st.m[3] = word_at(3, &st.q);
        st.m[4] = word_at(4, &st.q);
        st.m[7] = word_at(7, &st.q);
        let mut ok = true;
        if path.tunnels.q4_changes_m5 {
            st.m[5] = word_at(5, &st.q);
            let q = &mut st.q;
            q[at(21)] = step(20, q[at(17)], q[at(20)], q[at(19)], q[at(18)], st.m[5]);
            ok = path.row(21).holds(q[at(21)], q[at(20)], q[at(19)]);
        }
        if ok && q9q10_tunnel(path, st, meter, on_candidate)? {
            break true;
        }
        s = s.wrapping_sub(mask) & mask;
        if s == 0 {
            break false;
        }
    };
    if !found {
        st.q[at(4)] = q4;
    }
    Ok(found)
}

/// The Q9/Q10 tunnel: rows 22..24 and T22 for each value, then the Q9 tunnel.
fn q9q10_tunnel(
    path: &Path,
    st: &mut State,
    meter: &mut Meter,
    on_candidate: &mut impl FnMut(&[u32; 16], &mut Meter) -> bool,
) -> Result<bool, Cancelled> {
    let t = &path.tunnels;
    let mask = (t.q9q10_q10 as u64) << 32 | t.q9q10_q9 as u64;
    let (q9, q10) = (st.q[at(9)], st.q[at(10)]);
    let mut s = 0u64;
    let found = loop {
        st.q[at(9)] = q9 ^ s as u32;
        st.q[at(10)] = q10 ^ (s >> 32) as u32;
        meter.counts().q9q10_values += 1;
        meter.tick(cost::Q9Q10)?;
        st.m[10] = word_at(10, &st.q);
        st.m[13] = word_at(13, &st.q);
        if steps_21_to_23(path, st) {
            meter.counts().q9q10_passes += 1;
            if q9_tunnel(path, st, meter, on_candidate)? {
                break true;
            }
        }
        s = s.wrapping_sub(mask) & mask;
        if s == 0 {
            break false;
        }
    };
    if !found {
        st.q[at(9)] = q9;
        st.q[at(10)] = q10;
    }
    Ok(found)
}

/// Steps 21..23 (m10, m15, m4) with rows 22..24 and the T conditions of those steps.
fn steps_21_to_23(path: &Path, st: &mut State) -> bool {
    let (q, m) = (&mut st.q, &st.m);
    for t in 21..24 {
        let i = at(t as i32);
        let sum = boolean(t, q[i], q[i - 1], q[i - 2])
            .wrapping_add(q[i - 3])
            .wrapping_add(AC[t])
            .wrapping_add(m[WORD[t]]);
        let tc = path.t[t];
        if (sum ^ tc.value) & tc.mask != 0 {
            return false;
        }
        q[i + 1] = q[i].wrapping_add(sum.rotate_left(RC[t]));
        if !path.rows[i + 1].holds(q[i + 1], q[i], q[i - 1]) {
            return false;
        }
    }
    true
}

/// The innermost tunnel: every subset of the Q9-tunnel bits, steps 24..63 for each.
fn q9_tunnel(
    path: &Path,
    st: &mut State,
    meter: &mut Meter,
    on_candidate: &mut impl FnMut(&[u32; 16], &mut Meter) -> bool,
) -> Result<bool, Cancelled> {
    let q = &st.q;
    let [q5, q6, q7, q8, q9, q10, q11, q12, q13] = std::array::from_fn(|i| q[at(5 + i as i32)]);
    let [q21, q22, q23, q24] = std::array::from_fn(|i| q[at(21 + i as i32)]);
    // The parts of m8, m9 and m12 that do not depend on Q9.
    let c8 = boolean(8, q8, q7, q6).wrapping_add(q5).wrapping_add(AC[8]);
    let c9 = q6.wrapping_add(AC[9]);
    let c12 = inverse(12, q13, q12, q11, q10, 0);
    let mut rows = [RowMask::default(); 17];
    rows.copy_from_slice(&path.rows[at(48)..=at(64)]);
    let t34 = path.t[34];
    let mask = path.tunnels.q9;
    let mut m = st.m;
    let mut s = 0u32;
    loop {
        let mut n = 0;
        while n < CHUNK {
            n += 1;
            let q9 = q9 ^ s;
            m[8] = q9.wrapping_sub(q8).rotate_right(RC[8]).wrapping_sub(c8);
            m[9] = q10
                .wrapping_sub(q9)
                .rotate_right(RC[9])
                .wrapping_sub(boolean(9, q9, q8, q7))
                .wrapping_sub(c9);
            m[12] = c12.wrapping_sub(q9);
            if steps_24_to_63(q21, q22, q23, q24, &m, &rows, t34) {
                meter.counts().candidates += 1;
                if on_candidate(&m, meter) {
                    meter.counts().inner_iterations += n as u64;
                    st.m = m;
                    st.q[at(9)] = q9;
                    return Ok(true);
                }
            }
            s = s.wrapping_sub(mask) & mask;
            if s == 0 {
                break;
            }
        }
        meter.counts().inner_iterations += n as u64;
        meter.tick(n as u64 * cost::INNER)?;
        if s == 0 {
            return Ok(false);
        }
    }
}

/// Steps 24..63 from Q21..Q24: true iff T34 and rows 48..64 hold (rows 25..47 have none).
#[inline(always)]
fn steps_24_to_63(
    q21: u32,
    q22: u32,
    q23: u32,
    q24: u32,
    m: &[u32; 16],
    rows: &[RowMask; 17],
    t34: TRow,
) -> bool {
    // a = Q_{t-3}, b = Q_t, c = Q_{t-1}, d = Q_{t-2} before step t.
    let (mut a, mut b, mut c, mut d) = (q21, q24, q23, q22);
    macro_rules! go {
        ($($t:literal)*) => {$(
            let next = step($t, a, b, c, d, m[WORD[$t]]);
            a = d;
            d = c;
            c = b;
            b = next;
        )*};
    }
    macro_rules! checked {
        ($($t:literal)*) => {$(
            go!($t);
            if !rows[$t + 1 - 48].holds(b, c, d) {
                return false;
            }
        )*};
    }
    go!(24 25 26 27 28 29 30 31 32 33);
    // Step 34: the rotation by 16 must carry δm11 = ±2^15 exactly to bit 31 (SPEC.md §3).
    let sum = boolean(34, b, c, d).wrapping_add(m[WORD[34]].wrapping_add(AC[34]).wrapping_add(a));
    if (sum ^ t34.value) & t34.mask != 0 {
        return false;
    }
    let next = b.wrapping_add(sum.rotate_left(RC[34]));
    a = d;
    d = c;
    c = b;
    b = next;
    go!(35 36 37 38 39 40 41 42 43 44 45 46);
    checked!(47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63);
    let _ = a;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collide::md5q::states;

    #[test]
    fn unrolled_steps_agree_with_the_plain_compression() {
        // With no conditions the unrolled tail must reach the end and compute the same states.
        let mut rng = Random::new(9);
        let rows = [RowMask::default(); 17];
        for _ in 0..100 {
            let cv = std::array::from_fn(|_| rng.next());
            let m: [u32; 16] = std::array::from_fn(|_| rng.next());
            let q = states(&cv, &m);
            let sum34 = crate::collide::md5q::t_sum(34, &q, &m);
            let t34 = TRow {
                mask: 1 << 15,
                value: sum34 & (1 << 15),
            };
            assert!(steps_24_to_63(
                q[at(21)],
                q[at(22)],
                q[at(23)],
                q[at(24)],
                &m,
                &rows,
                t34
            ));
            let wrong = TRow {
                mask: 1 << 15,
                value: !sum34 & (1 << 15),
            };
            assert!(!steps_24_to_63(
                q[at(21)],
                q[at(22)],
                q[at(23)],
                q[at(24)],
                &m,
                &rows,
                wrong
            ));
            // A row-64 condition that Q64 violates must stop it at the very end.
            let mut strict = rows;
            strict[16] = RowMask {
                cond: 1,
                fixed1: !q[at(64)] & 1,
                ..RowMask::default()
            };
            assert!(!steps_24_to_63(
                q[at(21)],
                q[at(22)],
                q[at(23)],
                q[at(24)],
                &m,
                &strict,
                t34
            ));
        }
    }
}
