//! Several innermost iterations side by side: [`N`] 32-bit lanes with the operations MD5 needs.
//!
//! One MD5 step depends on the previous one, so a single chain of steps leaves most of a
//! processor idle. The Q9-tunnel iterations are independent; running `N` of them in lockstep
//! keeps the processor busy.
//!
//! Two backends with one interface:
//! - [`portable`]: plain loops over arrays, which the compiler turns into SIMD instructions where
//!   it can (natively the widest vectors of the processor that builds it, `.cargo/config.toml`;
//!   in wasm built without `simd128`, scalar code);
//! - `v128` (wasm32 built with `simd128`, the workers' SIMD build): two WebAssembly vectors, with
//!   the instructions written out (the README's Performance section has the measurements). Its
//!   intrinsics are safe functions, so the crate stays free of `unsafe`.
//!
//! The search finds the same collision with either backend and whatever `N` is.

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod portable;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub use portable::{Lanes, N};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod v128;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use v128::{Lanes, N};

/// Whether the target has vector shifts but no vector rotation (x86-64's SSE2 and AVX2, wasm's
/// simd128; AVX-512 has a rotation).
const VECTOR_SHIFTS: bool = cfg!(any(
    all(target_arch = "x86_64", not(target_feature = "avx512f")),
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

/// The boolean function of step t, lane by lane (same forms as `md5q::boolean`).
#[inline(always)]
pub fn boolean(t: usize, x: Lanes, y: Lanes, z: Lanes) -> Lanes {
    match t / 16 {
        0 => Lanes::select(x, y, z),
        1 => Lanes::select(z, x, y),
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
