//! Lanes as two WebAssembly `v128`s: eight words, each operation one vector instruction per
//! vector (a rotation two shifts and an or, since wasm has no vector rotation).
//!
//! Compiled only into the workers' SIMD build (`-C target-feature=+simd128`, see
//! `scripts/build-simd-worker.sh`); a browser without SIMD gets the portable build instead.

use core::arch::wasm32::{
    u32x4, u32x4_add, u32x4_bitmask, u32x4_eq, u32x4_extract_lane, u32x4_shl, u32x4_shr,
    u32x4_splat, u32x4_sub, v128, v128_and, v128_bitselect, v128_not, v128_or, v128_xor,
};
use std::ops::{Add, BitAnd, BitOr, BitXor, Not, Sub};

/// Vectors per group. One step of one vector waits on the step before it, so a single vector
/// leaves the processor idle between steps; two independent vectors fill that gap. Measured in
/// Chromium (`node scripts/bench-collide-worker.mjs 20`, the same 20 searches): one vector
/// 1.45 times the portable build's speed, two 1.84 times, three 1.13 times (x86-64 has sixteen
/// vector registers, and three groups of state no longer fit).
const V: usize = 2;

/// Lanes per group.
pub const N: usize = 4 * V;

/// `N` words, one per iteration.
#[derive(Clone, Copy, Debug)]
pub struct Lanes([v128; V]);

impl PartialEq for Lanes {
    fn eq(&self, other: &Lanes) -> bool {
        self.to_array() == other.to_array()
    }
}

impl Eq for Lanes {}

impl Lanes {
    #[inline(always)]
    fn map(self, f: impl Fn(v128) -> v128) -> Lanes {
        Lanes(self.0.map(f))
    }

    #[inline(always)]
    fn zip(self, o: Lanes, f: impl Fn(v128, v128) -> v128) -> Lanes {
        Lanes(std::array::from_fn(|i| f(self.0[i], o.0[i])))
    }

    #[inline(always)]
    pub fn splat(x: u32) -> Lanes {
        Lanes([u32x4_splat(x); V])
    }

    #[inline(always)]
    pub fn from_array(a: [u32; N]) -> Lanes {
        Lanes(std::array::from_fn(|v| {
            u32x4(a[4 * v], a[4 * v + 1], a[4 * v + 2], a[4 * v + 3])
        }))
    }

    #[inline(always)]
    pub fn to_array(self) -> [u32; N] {
        std::array::from_fn(|i| {
            let v = self.0[(i / 4) % V];
            match i % 4 {
                0 => u32x4_extract_lane::<0>(v),
                1 => u32x4_extract_lane::<1>(v),
                2 => u32x4_extract_lane::<2>(v),
                _ => u32x4_extract_lane::<3>(v),
            }
        })
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
        self.map(|v| u32x4_shl(v, n))
    }

    #[inline(always)]
    pub(super) fn shr(self, n: u32) -> Lanes {
        self.map(|v| u32x4_shr(v, n))
    }

    /// Lane by lane, the bits of `ones` where `mask` is 1 and of `zeros` where it is 0:
    /// one `v128.bitselect`, where the portable form needs three operations.
    #[inline(always)]
    pub fn select(mask: Lanes, ones: Lanes, zeros: Lanes) -> Lanes {
        Lanes(std::array::from_fn(|i| {
            v128_bitselect(ones.0[i], zeros.0[i], mask.0[i])
        }))
    }

    /// Bit i set iff lane i is zero.
    #[inline(always)]
    pub fn zero_lanes(self) -> u32 {
        let mut bits = 0;
        for (i, v) in self.0.into_iter().enumerate() {
            bits |= u32::from(u32x4_bitmask(u32x4_eq(v, u32x4_splat(0)))) << (4 * i);
        }
        bits
    }
}

impl Add for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn add(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| u32x4_add(a, b))
    }
}

impl Sub for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn sub(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| u32x4_sub(a, b))
    }
}

impl BitAnd for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitand(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| v128_and(a, b))
    }
}

impl BitOr for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitor(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| v128_or(a, b))
    }
}

impl BitXor for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitxor(self, o: Lanes) -> Lanes {
        self.zip(o, |a, b| v128_xor(a, b))
    }
}

impl Not for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn not(self) -> Lanes {
        self.map(|v| v128_not(v))
    }
}
