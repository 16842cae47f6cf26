//! Lanes as one WebAssembly `v128`: four words, each operation one vector instruction
//! (a rotation two shifts and an or, since wasm has no vector rotation).
//!
//! Compiled only into the workers' SIMD build (`-C target-feature=+simd128`, see
//! `scripts/build-simd-worker.sh`); a browser without SIMD gets the portable build instead.

use core::arch::wasm32::{
    u32x4, u32x4_add, u32x4_bitmask, u32x4_eq, u32x4_extract_lane, u32x4_shl, u32x4_shr,
    u32x4_splat, u32x4_sub, v128, v128_and, v128_bitselect, v128_not, v128_or, v128_xor,
};
use std::ops::{Add, BitAnd, BitOr, BitXor, Not, Sub};

/// Lanes per group: one vector. (Two vectors per group measured slower in the portable
/// build's wasm, which has the same register pressure; see `portable.rs`.)
pub const N: usize = 4;

/// Four words, one per iteration.
#[derive(Clone, Copy, Debug)]
pub struct Lanes(v128);

impl PartialEq for Lanes {
    fn eq(&self, other: &Lanes) -> bool {
        self.to_array() == other.to_array()
    }
}

impl Eq for Lanes {}

impl Lanes {
    #[inline(always)]
    pub fn splat(x: u32) -> Lanes {
        Lanes(u32x4_splat(x))
    }

    #[inline(always)]
    pub fn from_array(a: [u32; N]) -> Lanes {
        Lanes(u32x4(a[0], a[1], a[2], a[3]))
    }

    #[inline(always)]
    pub fn to_array(self) -> [u32; N] {
        [
            u32x4_extract_lane::<0>(self.0),
            u32x4_extract_lane::<1>(self.0),
            u32x4_extract_lane::<2>(self.0),
            u32x4_extract_lane::<3>(self.0),
        ]
    }

    /// Lane i.
    #[inline(always)]
    pub fn lane(self, i: usize) -> u32 {
        self.to_array()[i % N]
    }

    /// Rotation by a constant: the portable build's spelling, for steps whose lanes the
    /// optimiser may keep in scalar registers.
    #[inline(always)]
    pub fn rotate_left(self, n: u32) -> Lanes {
        self.shl(n) | self.shr(32 - n)
    }

    #[inline(always)]
    pub(super) fn shl(self, n: u32) -> Lanes {
        Lanes(u32x4_shl(self.0, n))
    }

    #[inline(always)]
    pub(super) fn shr(self, n: u32) -> Lanes {
        Lanes(u32x4_shr(self.0, n))
    }

    /// Lane by lane, the bits of `ones` where `mask` is 1 and of `zeros` where it is 0:
    /// one `v128.bitselect`, where the portable form needs three operations.
    #[inline(always)]
    pub fn select(mask: Lanes, ones: Lanes, zeros: Lanes) -> Lanes {
        Lanes(v128_bitselect(ones.0, zeros.0, mask.0))
    }

    /// Bit i set iff lane i is zero.
    #[inline(always)]
    pub fn zero_lanes(self) -> u32 {
        u32::from(u32x4_bitmask(u32x4_eq(self.0, u32x4_splat(0))))
    }
}

impl Add for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn add(self, o: Lanes) -> Lanes {
        Lanes(u32x4_add(self.0, o.0))
    }
}

impl Sub for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn sub(self, o: Lanes) -> Lanes {
        Lanes(u32x4_sub(self.0, o.0))
    }
}

impl BitAnd for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitand(self, o: Lanes) -> Lanes {
        Lanes(v128_and(self.0, o.0))
    }
}

impl BitOr for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitor(self, o: Lanes) -> Lanes {
        Lanes(v128_or(self.0, o.0))
    }
}

impl BitXor for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitxor(self, o: Lanes) -> Lanes {
        Lanes(v128_xor(self.0, o.0))
    }
}

impl Not for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn not(self) -> Lanes {
        Lanes(v128_not(self.0))
    }
}
