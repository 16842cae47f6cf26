//! Lanes as an array of words, operated on by plain loops.

use std::ops::{Add, BitAnd, BitOr, BitXor, Not, Sub};

/// Lanes per group. Natively, on the x86-64 baseline (SSE2), eight measured best (two SSE2
/// vectors, or eight scalar chains; four and sixteen were 5–10 % slower). With AVX2 or AVX-512
/// (the native tools are built for the processor that builds them, `.cargo/config.toml`),
/// sixteen is best: per block-1 solution over the same ten searches, 13.6 ms with eight lanes and
/// 10.3 ms with sixteen under AVX2, 7.9 ms with sixteen under AVX-512, against 17.8 ms for SSE2.
/// In wasm32 (the portable worker build) under Node 20's V8, ten searches took 30 s with four
/// lanes and 55 s with eight: fewer values to keep in registers. (This backend compiled with
/// `simd128` took 27 s and 37 s; the SIMD build uses `v128.rs` instead.) The search finds the
/// same collision whatever `N` is.
#[cfg(all(not(target_arch = "wasm32"), target_feature = "avx2"))]
pub const N: usize = 16;
#[cfg(all(not(target_arch = "wasm32"), not(target_feature = "avx2")))]
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
    pub(super) fn shl(self, n: u32) -> Lanes {
        self.map(|x| x.wrapping_shl(n))
    }

    #[inline(always)]
    pub(super) fn shr(self, n: u32) -> Lanes {
        self.map(|x| x.wrapping_shr(n))
    }

    /// Lane by lane, the bits of `ones` where `mask` is 1 and of `zeros` where it is 0.
    #[inline(always)]
    pub fn select(mask: Lanes, ones: Lanes, zeros: Lanes) -> Lanes {
        zeros ^ (mask & (ones ^ zeros))
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
