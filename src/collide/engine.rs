//! The search both blocks share (docs/attack.md §7.1 steps 5–7, §8.1 steps 5–7): from round-1
//! states that already satisfy rows 1..21, run the Q4, Q9/Q10 and Q9 tunnels and the steps
//! 21..63 with early aborts, and hand every state that meets all conditions through Q64 to the
//! caller.
//!
//! The innermost loop (the Q9 tunnel) is nearly all of the attack's time, so it runs [`N`]
//! iterations side by side (`lanes.rs`) and is written out step by step: the masks come from
//! the table, and the shape it relies on (rows 25..47 without conditions, T checks at steps 22
//! and 34 only) is checked once by `Path::compile`.

use super::lanes::{self, Hidden, Lanes, N};
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

    /// A generator of its own, seeded from this one: its draws do not shift this stream, so
    /// work that consumes draws in groups (of `N`) leaves later results independent of `N`.
    pub fn fork(&mut self) -> Random {
        Random::new(self.rng.next_u64())
    }

    /// `N` words at once.
    #[inline(always)]
    pub fn lanes(&mut self) -> [u32; N] {
        let mut out = [0; N];
        for pair in out.chunks_exact_mut(2) {
            let x = self.rng.next_u64();
            pair[0] = x as u32;
            pair[1] = (x >> 32) as u32;
        }
        out
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

/// Steps 17..19 from Q14..Q17 with m6, m11 and `m0`: Q18..Q20 if rows 18..20 hold. Both
/// blocks check a fresh Q17 this way before anything else depends on it.
#[inline(always)]
pub fn steps_17_to_19(
    path: &Path,
    q: &Trace,
    m: &[u32; 16],
    m0: u32,
    q17: u32,
) -> Option<[u32; 3]> {
    let [q14, q15, q16] = [q[at(14)], q[at(15)], q[at(16)]];
    let q18 = step(17, q14, q17, q16, q15, m[6]);
    if !path.row(18).holds(q18, q17, q16) {
        return None;
    }
    let q19 = step(18, q15, q18, q17, q16, m[11]);
    if !path.row(19).holds(q19, q18, q17) {
        return None;
    }
    let q20 = step(19, q16, q19, q18, q17, m0);
    path.row(20).holds(q20, q19, q18).then_some([q18, q19, q20])
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

/// The innermost tunnel: every subset of the Q9-tunnel bits, steps 24..63 for each, [`N`] at a
/// time (lanes, see `lanes.rs`).
///
/// Half the iterations fail T34, so the steps run in two stages: 24..34 on every group of `N`
/// subsets, and 35..63 only on full groups of the survivors, gathered across groups in a queue.
/// Lanes that already failed are then not carried through thirteen more steps. The order in
/// which candidates reach `on_candidate` is still the order of the subsets.
fn q9_tunnel(
    path: &Path,
    st: &mut State,
    meter: &mut Meter,
    on_candidate: &mut impl FnMut(&[u32; 16], &mut Meter) -> bool,
) -> Result<bool, Cancelled> {
    let q = &st.q;
    let [q5, q6, q7, q8, q9, q10, q11, q12, q13] = std::array::from_fn(|i| q[at(5 + i as i32)]);
    let start = [q[at(21)], q[at(24)], q[at(23)], q[at(22)]];
    // The parts of m8, m9 and m12 that do not depend on Q9.
    let c8 = Lanes::splat(boolean(8, q8, q7, q6).wrapping_add(q5).wrapping_add(AC[8]));
    let c9 = Lanes::splat(q6.wrapping_add(AC[9]));
    let c12 = Lanes::splat(inverse(12, q13, q12, q11, q10, 0));
    let (q7v, q8v, q10v) = (Lanes::splat(q7), Lanes::splat(q8), Lanes::splat(q10));
    let mut rows = [RowMask::default(); 17];
    rows.copy_from_slice(&path.rows[at(48)..=at(64)]);
    let t34 = path.t[34];
    let mask = path.tunnels.q9;
    let m = st.m;
    let mut queue = Queue::default();
    let hidden = Hidden::new();
    let mut s = 0u32;
    let mut done = false;
    while !done {
        let mut n = 0u32;
        while n < CHUNK && !done {
            // The next N subsets; lanes past the last subset start dead.
            let mut subsets = [0u32; N];
            let mut live = 0;
            for (lane, subset) in subsets.iter_mut().enumerate() {
                *subset = s;
                live |= 1 << lane;
                n += 1;
                s = s.wrapping_sub(mask) & mask;
                if s == 0 {
                    done = true;
                    break;
                }
            }
            let q9v = Lanes::splat(q9) ^ Lanes::from_array(subsets);
            let m8 = (q9v - q8v).rotate_left_hidden(32 - RC[8], &hidden) - c8;
            let m9 = (q10v - q9v).rotate_left_hidden(32 - RC[9], &hidden)
                - lanes::boolean(9, q9v, q8v, q7v)
                - c9;
            let m12 = c12 - q9v;
            let (state, passed) = steps_24_to_34(start, &m, [m8, m9, m12], t34, &hidden);
            let mut passed = passed & live;
            if passed == 0 {
                continue;
            }
            let words = [
                state[0].to_array(),
                state[1].to_array(),
                state[2].to_array(),
                state[3].to_array(),
                m8.to_array(),
                m9.to_array(),
                m12.to_array(),
            ];
            while passed != 0 {
                let lane = passed.trailing_zeros() as usize;
                passed &= passed - 1;
                if queue.push(&words, lane)
                    && finish(&mut queue, &m, &rows, meter, on_candidate, st)
                {
                    meter.counts().inner_iterations += n as u64;
                    return Ok(true);
                }
            }
        }
        if done && queue.len > 0 && finish(&mut queue, &m, &rows, meter, on_candidate, st) {
            meter.counts().inner_iterations += n as u64;
            return Ok(true);
        }
        meter.counts().inner_iterations += n as u64;
        meter.tick(n as u64 * cost::INNER)?;
    }
    Ok(false)
}

/// Survivors of T34 waiting for steps 35..63: per lane Q32, Q35, Q34, Q33, m8, m9, m12.
#[derive(Default)]
struct Queue {
    words: [[u32; N]; 7],
    len: usize,
}

impl Queue {
    /// Adds lane `lane` of `words`; true when the queue is full.
    #[inline(always)]
    fn push(&mut self, words: &[[u32; N]; 7], lane: usize) -> bool {
        // `len < N` always holds here; the mask only spares the bounds checks.
        let at = self.len % N;
        for (to, from) in self.words.iter_mut().zip(words) {
            to[at] = from[lane % N];
        }
        self.len += 1;
        self.len == N
    }
}

/// Steps 35..63 on the queued lanes; hands each that meets rows 48..64 to `on_candidate`.
/// Empties the queue; true if a candidate was accepted (then `st.m` holds its words).
#[inline(always)]
fn finish(
    queue: &mut Queue,
    m: &[u32; 16],
    rows: &[RowMask; 17],
    meter: &mut Meter,
    on_candidate: &mut impl FnMut(&[u32; 16], &mut Meter) -> bool,
    st: &mut State,
) -> bool {
    let q = &queue.words;
    let w: [Lanes; 7] = [
        Lanes::from_array(q[0]),
        Lanes::from_array(q[1]),
        Lanes::from_array(q[2]),
        Lanes::from_array(q[3]),
        Lanes::from_array(q[4]),
        Lanes::from_array(q[5]),
        Lanes::from_array(q[6]),
    ];
    let live = (1u32 << queue.len) - 1;
    queue.len = 0;
    let mut found = steps_35_to_63([w[0], w[1], w[2], w[3]], m, [w[4], w[5], w[6]], rows) & live;
    while found != 0 {
        let lane = found.trailing_zeros() as usize;
        found &= found - 1;
        meter.counts().candidates += 1;
        let mut words = *m;
        (words[8], words[9], words[12]) = (w[4].lane(lane), w[5].lane(lane), w[6].lane(lane));
        if on_candidate(&words, meter) {
            st.m = words;
            return true;
        }
    }
    false
}

/// The message word of step t plus AC_t for lanes that differ only in m8, m9 and m12.
#[inline(always)]
fn word(t: usize, m: &[u32; 16], [m8, m9, m12]: [Lanes; 3]) -> Lanes {
    match WORD[t] {
        8 => m8 + Lanes::splat(AC[t]),
        9 => m9 + Lanes::splat(AC[t]),
        12 => m12 + Lanes::splat(AC[t]),
        k => Lanes::splat(m[k].wrapping_add(AC[t])),
    }
}

/// MD5 steps on lanes; `state` is [Q_{t-3}, Q_t, Q_{t-1}, Q_{t-2}] before and after each.
///
/// With `$hidden` (see `Lanes::rotate_left_hidden`) the rotation is written as two shifts,
/// which keeps the steps in vector registers; that is how steps 24..34 run. Without it the rotation is a plain one: the optimiser then keeps the lanes
/// in scalar registers, where a rotation is one instruction and the processor overlaps the `N`
/// independent chains; that is faster for steps 35..63, whose lanes come from the queue.
macro_rules! steps {
    ($state:ident, $m:ident, $varying:ident, $hidden:ident; $($t:literal)*) => {$(
        let [a, b, c, d] = $state;
        let sum = lanes::boolean($t, b, c, d) + (word($t, $m, $varying) + a);
        $state = [d, b + sum.rotate_left_hidden(RC[$t], $hidden), b, c];
    )*};
    ($state:ident, $m:ident, $varying:ident; $($t:literal)*) => {$(
        let [a, b, c, d] = $state;
        let sum = lanes::boolean($t, b, c, d) + (word($t, $m, $varying) + a);
        $state = [d, b + sum.rotate_left(RC[$t]), b, c];
    )*};
}

/// Steps 24..34 from Q21..Q24 (`start` = [Q21, Q24, Q23, Q22]) for lanes that differ in m8, m9,
/// m12 (`varying`): the states [Q32, Q35, Q34, Q33] and the lanes whose T34 holds.
#[inline(always)]
fn steps_24_to_34(
    start: [u32; 4],
    m: &[u32; 16],
    varying: [Lanes; 3],
    t34: TRow,
    hidden: &Hidden,
) -> ([Lanes; 4], u32) {
    let mut state = [
        Lanes::splat(start[0]),
        Lanes::splat(start[1]),
        Lanes::splat(start[2]),
        Lanes::splat(start[3]),
    ];
    steps!(state, m, varying, hidden; 24 25 26 27 28 29 30 31 32 33);
    // Step 34: the rotation by 16 must carry δm11 = ±2^15 exactly to bit 31 (docs/attack.md §3).
    let [a, b, c, d] = state;
    let sum = lanes::boolean(34, b, c, d) + (word(34, m, varying) + a);
    let live = ((sum ^ Lanes::splat(t34.value)) & Lanes::splat(t34.mask)).zero_lanes();
    ([d, b + sum.rotate_left_hidden(RC[34], hidden), b, c], live)
}

/// Steps 35..63 from [Q32, Q35, Q34, Q33]: the lanes that meet rows 48..64 (25..47 have none).
#[inline(always)]
fn steps_35_to_63(
    mut state: [Lanes; 4],
    m: &[u32; 16],
    varying: [Lanes; 3],
    rows: &[RowMask; 17],
) -> u32 {
    let mut live = !0u32;
    macro_rules! checked {
        ($($t:literal)*) => {$(
            steps!(state, m, varying; $t);
            let row = &rows[$t + 1 - 48];
            if row.cond != 0 {
                let [_, b, c, d] = state;
                let want = Lanes::splat(row.fixed1)
                    | (c & Lanes::splat(row.eq1))
                    | (!c & Lanes::splat(row.ne1))
                    | (d & Lanes::splat(row.eq2))
                    | (!d & Lanes::splat(row.ne2));
                live &= ((b ^ want) & Lanes::splat(row.cond)).zero_lanes();
                if live == 0 {
                    return 0;
                }
            }
        )*};
    }
    steps!(state, m, varying; 35 36 37 38 39 40 41 42 43 44 45 46);
    checked!(47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63);
    live
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collide::md5q::{states, step_at, t_sum};

    #[test]
    fn lockstep_steps_agree_with_the_plain_compression() {
        // Lanes that differ in m8, m9, m12, all started from the same Q21..Q24: the stages must
        // compute what plain steps compute, and keep exactly the lanes that meet the conditions.
        let mut rng = Random::new(9);
        let rows = [RowMask::default(); 17];
        for _ in 0..100 {
            let cv = std::array::from_fn(|_| rng.next());
            let base: [u32; 16] = std::array::from_fn(|_| rng.next());
            let q = states(&cv, &base);
            let ms: [[u32; 16]; N] = std::array::from_fn(|_| {
                let mut m = base;
                (m[8], m[9], m[12]) = (rng.next(), rng.next(), rng.next());
                m
            });
            let reference: [Trace; N] = std::array::from_fn(|i| {
                let mut t = q;
                for step in 24..64 {
                    step_at(step, &mut t, &ms[i]);
                }
                t
            });
            let varying = [8, 9, 12].map(|k| Lanes::from_array(std::array::from_fn(|i| ms[i][k])));
            let start = [q[at(21)], q[at(24)], q[at(23)], q[at(22)]];
            let t34_bit = |i: usize| t_sum(34, &reference[i], &ms[i]) & (1 << 15);
            let t34 = TRow {
                mask: 1 << 15,
                value: t34_bit(0),
            };
            let hidden = Hidden::new();
            let (state, live) = steps_24_to_34(start, &base, varying, t34, &hidden);
            let want: u32 = (0..N)
                .filter(|&i| t34_bit(i) == t34.value)
                .map(|i| 1 << i)
                .sum();
            assert_eq!(live, want);
            for (i, r) in reference.iter().enumerate() {
                let got = state.map(|l| l.lane(i));
                assert_eq!(got, [r[at(32)], r[at(35)], r[at(34)], r[at(33)]]);
            }
            assert_eq!(steps_35_to_63(state, &base, varying, &rows), !0);
            // A row-64 condition that only lane 0's Q64 meets keeps only lane 0.
            let mut strict = rows;
            strict[16] = RowMask {
                cond: !0,
                fixed1: reference[0][at(64)],
                ..RowMask::default()
            };
            assert_eq!(steps_35_to_63(state, &base, varying, &strict), 1);
        }
    }
}
