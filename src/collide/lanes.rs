//! Several innermost iterations side by side: [`N`] 32-bit lanes with the operations MD5 needs,
//! written as plain loops that the compiler turns into SIMD instructions where it can.
//!
//! One MD5 step depends on the previous one, so a single chain of steps leaves most of a
//! processor idle. The Q9-tunnel iterations are independent; running `N` of them in lockstep
//! keeps the processor busy. (Explicit SIMD intrinsics would need `unsafe`, which the crate
//! forbids; plain loops over arrays get the same instructions where the compiler sees them.)

use std::ops::{Add, BitAnd, BitOr, BitXor, Not, Sub};

/// Lanes per group. Natively eight measured best (two SSE2 vectors, or eight scalar chains;
/// four and sixteen were 5–10 % slower). In wasm32 under Node 20's V8, ten searches took 27 s
/// with four lanes and 37 s with eight (`simd128` on), 30 s and 55 s without `simd128`: fewer
/// values to keep in registers. The search finds the same collision whatever `N` is.
#[cfg(not(target_arch = "wasm32"))]
pub const N: usize = 8;
#[cfg(target_arch = "wasm32")]
pub const N: usize = 4;

/// `N` words, one per iteration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lanes([u32; N]);

impl Lanes {
    #[inline(always)]
    pub fn splat(x: u32) -> Lanes {
        Lanes([x; N])
    }

    #[inline(always)]
    pub fn from_array(a: [u32; N]) -> Lanes {
        Lanes(a)
    }

    #[inline(always)]
    pub fn to_array(self) -> [u32; N] {
        self.0
    }

    /// Lane i.
    #[inline(always)]
    pub fn lane(self, i: usize) -> u32 {
        self.0[i]
    }

    #[inline(always)]
    fn map(self, f: impl Fn(u32) -> u32) -> Lanes {
        let mut out = self.0;
        for x in &mut out {
            *x = f(*x);
        }
        Lanes(out)
    }

    #[inline(always)]
    fn zip(self, other: Lanes, f: impl Fn(u32, u32) -> u32) -> Lanes {
        let mut out = self.0;
        for (x, y) in out.iter_mut().zip(other.0) {
            *x = f(*x, y);
        }
        Lanes(out)
    }

    #[inline(always)]
    pub fn rotate_left(self, n: u32) -> Lanes {
        self.map(|x| x.rotate_left(n))
    }

    #[inline(always)]
    fn shl(self, n: u32) -> Lanes {
        self.map(|x| x.wrapping_shl(n))
    }

    #[inline(always)]
    fn shr(self, n: u32) -> Lanes {
        self.map(|x| x.wrapping_shr(n))
    }

    /// Bit i set iff lane i is zero.
    #[inline(always)]
    pub fn zero_lanes(self) -> u32 {
        let mut bits = 0;
        for (i, x) in self.0.into_iter().enumerate() {
            bits |= ((x == 0) as u32) << i;
        }
        bits
    }
}

/// Whether the target has vector shifts but no vector rotation (x86-64's SSE2, wasm's simd128).
const VECTOR_SHIFTS: bool = cfg!(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
));

/// The numbers 0..=32 as values the optimiser cannot see (see [`Lanes::rotate_left_hidden`]).
#[derive(Clone, Copy)]
pub struct Hidden([u32; 33]);

impl Hidden {
    pub fn new() -> Hidden {
        std::hint::black_box(Hidden(std::array::from_fn(|i| i as u32)))
    }
}

impl Lanes {
    /// Rotation left by `n` (0 < n < 32) that stays in vector registers.
    ///
    /// Where vectors have shifts but no rotation, a rotation (or any pair of shifts by constants
    /// that add up to 32, which the compiler reads as a rotation) sends every lane to a scalar
    /// register and back, which costs more than the step itself. A right shift by 32 − n taken
    /// from [`Hidden`] cannot be paired with the left shift, so both stay vector shifts.
    /// Elsewhere the plain rotation is best.
    #[inline(always)]
    pub fn rotate_left_hidden(self, n: u32, hidden: &Hidden) -> Lanes {
        if VECTOR_SHIFTS {
            self.shl(n) | self.shr(hidden.0[(32 - n) as usize])
        } else {
            self.rotate_left(n)
        }
    }
}

impl Add for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn add(self, o: Lanes) -> Lanes {
        self.zip(o, u32::wrapping_add)
    }
}

impl Sub for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn sub(self, o: Lanes) -> Lanes {
        self.zip(o, u32::wrapping_sub)
    }
}

impl BitAnd for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitand(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| a & b)
    }
}

impl BitOr for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitor(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| a | b)
    }
}

impl BitXor for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitxor(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| a ^ b)
    }
}

impl Not for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn not(self) -> Lanes {
        self.map(|a| !a)
    }
}

/// The boolean function of step t, lane by lane (same forms as `md5q::boolean`).
#[inline(always)]
pub fn boolean(t: usize, x: Lanes, y: Lanes, z: Lanes) -> Lanes {
    match t / 16 {
        0 => z ^ (x & (y ^ z)),
        1 => y ^ (z & (x ^ y)),
        2 => x ^ y ^ z,
        _ => y ^ (x | !z),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collide::md5q;

    #[test]
    fn lanes_compute_what_the_scalar_functions_compute() {
        let mut rng = crate::rng::Rng::new(8);
        for t in 0..64 {
            let [x, y, z]: [[u32; N]; 3] =
                std::array::from_fn(|_| std::array::from_fn(|_| rng.next_u32()));
            let (lx, ly, lz) = (
                Lanes::from_array(x),
                Lanes::from_array(y),
                Lanes::from_array(z),
            );
            assert_eq!(lx.to_array(), x);
            let f = boolean(t, lx, ly, lz);
            let r = (lx + ly - lz).rotate_left(7).rotate_left(29);
            let hidden = lx.rotate_left_hidden(9, &Hidden::new());
            for i in 0..N {
                assert_eq!(f.lane(i), md5q::boolean(t, x[i], y[i], z[i]));
                assert_eq!(
                    r.lane(i),
                    x[i].wrapping_add(y[i]).wrapping_sub(z[i]).rotate_left(4)
                );
                assert_eq!(hidden.lane(i), x[i].rotate_left(9));
            }
        }
        let zeros: [u32; N] = std::array::from_fn(|i| (i % 2) as u32 * 5);
        let want: u32 = (0..N).filter(|i| i % 2 == 0).map(|i| 1 << i).sum();
        assert_eq!(Lanes::from_array(zeros).zero_lanes(), want);
    }
}
