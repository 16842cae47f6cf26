//! MD5's compression function, unrolled, keeping the few state words the detector needs.
//!
//! The detector cannot use the `md-5` crate for the file's own hashing: it needs the chaining
//! value before every block and some of the compression's inner state words (Q44..Q52 and
//! Q61..Q64 in the Q_t notation of [`crate::collide::md5q`]), which a hashing library does not
//! expose. Fully unrolled with constant rotations, this runs at the speed of `md-5`'s own
//! portable code, and keeping the words costs a few register moves.

use crate::collide::md5q::{AC, Cv, RC, WORD};

/// Inner state words of one compression, as the sister computations need them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taps {
    /// Q44..=Q52: Q_t at index t − 44.
    pub mid: [u32; 9],
    /// Q61..=Q64, the last four state words before the feed-forward.
    pub end: [u32; 4],
}

impl Taps {
    /// Q_t for t in 44..=52.
    #[inline(always)]
    pub fn q(&self, t: usize) -> u32 {
        self.mid[t - 44]
    }
}

#[inline(always)]
fn f(x: u32, y: u32, z: u32) -> u32 {
    z ^ (x & (y ^ z))
}
#[inline(always)]
fn g(x: u32, y: u32, z: u32) -> u32 {
    y ^ (z & (x ^ y))
}
#[inline(always)]
fn h(x: u32, y: u32, z: u32) -> u32 {
    x ^ y ^ z
}
#[inline(always)]
fn i(x: u32, y: u32, z: u32) -> u32 {
    y ^ (x | !z)
}

/// One step: `$a` (holding Q_{t−3}) becomes Q_{t+1}; `$b, $c, $d` hold Q_t, Q_{t−1}, Q_{t−2}.
macro_rules! step {
    ($fun:ident, $t:expr, $m:ident, $a:ident, $b:ident, $c:ident, $d:ident) => {
        // The message word, constant and Q_{t−3} do not wait for the previous step: add them first.
        $a = $b.wrapping_add(
            $a.wrapping_add($m[WORD[$t]])
                .wrapping_add(AC[$t])
                .wrapping_add($fun($b, $c, $d))
                .rotate_left(RC[$t]),
        );
    };
}

/// Steps t..t+4. Afterwards a, d, c, b hold Q_{t+1}, Q_{t+2}, Q_{t+3}, Q_{t+4}.
macro_rules! four {
    ($fun:ident, $t:expr, $m:ident, $a:ident, $b:ident, $c:ident, $d:ident) => {
        step!($fun, $t, $m, $a, $b, $c, $d);
        step!($fun, $t + 1, $m, $d, $a, $b, $c);
        step!($fun, $t + 2, $m, $c, $d, $a, $b);
        step!($fun, $t + 3, $m, $b, $c, $d, $a);
    };
}

/// One compression of the 16 words `m` from `cv`: the new chaining value and the taps.
#[inline(always)]
pub fn compress(cv: &Cv, m: &[u32; 16]) -> (Cv, Taps) {
    // a, b, c, d start as Q_{-3}, Q_0, Q_{-1}, Q_{-2}.
    let [mut a, mut b, mut c, mut d] = *cv;
    four!(f, 0, m, a, b, c, d);
    four!(f, 4, m, a, b, c, d);
    four!(f, 8, m, a, b, c, d);
    four!(f, 12, m, a, b, c, d);
    four!(g, 16, m, a, b, c, d);
    four!(g, 20, m, a, b, c, d);
    four!(g, 24, m, a, b, c, d);
    four!(g, 28, m, a, b, c, d);
    four!(h, 32, m, a, b, c, d);
    four!(h, 36, m, a, b, c, d);
    four!(h, 40, m, a, b, c, d);
    let q44 = b;
    four!(h, 44, m, a, b, c, d);
    let (q45, q46, q47, q48) = (a, d, c, b);
    four!(i, 48, m, a, b, c, d);
    let (q49, q50, q51, q52) = (a, d, c, b);
    four!(i, 52, m, a, b, c, d);
    four!(i, 56, m, a, b, c, d);
    four!(i, 60, m, a, b, c, d);
    let taps = Taps {
        mid: [q44, q45, q46, q47, q48, q49, q50, q51, q52],
        end: [a, d, c, b],
    };
    let out = [
        cv[0].wrapping_add(a),
        cv[1].wrapping_add(b),
        cv[2].wrapping_add(c),
        cv[3].wrapping_add(d),
    ];
    (out, taps)
}

/// The 16 little-endian words of a 64-byte block.
#[inline(always)]
pub fn words(block: &[u8; 64]) -> [u32; 16] {
    std::array::from_fn(|k| {
        u32::from_le_bytes([
            block[4 * k],
            block[4 * k + 1],
            block[4 * k + 2],
            block[4 * k + 3],
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collide::md5q::{self, at};
    use crate::rng::Rng;

    #[test]
    fn equals_the_q_notation_compression_and_its_trace() {
        let mut rng = Rng::new(0xde7ec7);
        for _ in 0..2_000 {
            let cv: Cv = std::array::from_fn(|_| rng.next_u32());
            let m: [u32; 16] = std::array::from_fn(|_| rng.next_u32());
            let (out, taps) = compress(&cv, &m);
            let q = md5q::states(&cv, &m);
            assert_eq!(out, md5q::output(&cv, &q));
            for t in 44..=52 {
                assert_eq!(taps.q(t), q[at(t as i32)], "Q{t}");
            }
            assert_eq!(taps.end, [q[at(61)], q[at(62)], q[at(63)], q[at(64)]]);
        }
    }

    #[test]
    fn words_are_little_endian() {
        let mut block = [0u8; 64];
        Rng::new(5).fill(&mut block);
        assert_eq!(words(&block), md5q::words(&block));
    }
}
