//! Soft, seeded value noise for textures (water, clouds, fur) and per-pixel film grain.
//!
//! Everything comes from an integer hash of the lattice coordinates and a seed, so the
//! texture is the same on every run and platform and needs no stored state.

/// A pseudo-random value in `[0, 1)` for a lattice point.
pub fn lattice(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x27D4_EB2D)
        ^ (y as u32).wrapping_mul(0x1656_67B1)
        ^ seed.wrapping_mul(0x9E37_79B9).rotate_left(13);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h = h.wrapping_mul(0x297A_2D39);
    h ^= h >> 15;
    (h >> 8) as f32 / (1u32 << 24) as f32
}

/// Smoothly interpolated noise in `[0, 1)`, one lattice cell per unit.
pub fn value_noise(x: f32, y: f32, seed: u32) -> f32 {
    let (fx, fy) = (x.floor(), y.floor());
    let (ix, iy) = (fx as i32, fy as i32);
    let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
    let (tx, ty) = (smooth(x - fx), smooth(y - fy));
    let top = lattice(ix, iy, seed) * (1.0 - tx) + lattice(ix + 1, iy, seed) * tx;
    let bottom = lattice(ix, iy + 1, seed) * (1.0 - tx) + lattice(ix + 1, iy + 1, seed) * tx;
    top * (1.0 - ty) + bottom * ty
}

/// Several octaves of value noise, each half the size and half the weight of the one
/// before, normalised back to `[0, 1)`.
pub fn fractal_noise(x: f32, y: f32, seed: u32, octaves: u32) -> f32 {
    let (mut sum, mut weight, mut total, mut freq) = (0.0, 1.0, 0.0, 1.0);
    for octave in 0..octaves {
        sum += weight * value_noise(x * freq, y * freq, seed.wrapping_add(octave * 7919));
        total += weight;
        weight *= 0.5;
        freq *= 2.0;
    }
    sum / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_seeded_bounded_and_varied() {
        let a: Vec<f32> = (0..200)
            .map(|i| fractal_noise(i as f32 * 0.37, 1.5, 3, 4))
            .collect();
        let b: Vec<f32> = (0..200)
            .map(|i| fractal_noise(i as f32 * 0.37, 1.5, 3, 4))
            .collect();
        let c: Vec<f32> = (0..200)
            .map(|i| fractal_noise(i as f32 * 0.37, 1.5, 4, 4))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.iter().all(|v| (0.0..1.0).contains(v)));
        let (lo, hi) = a
            .iter()
            .fold((1.0f32, 0.0f32), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        assert!(hi - lo > 0.3, "noise should vary, spread {}", hi - lo);
    }

    #[test]
    fn value_noise_is_continuous() {
        // Neighbouring samples a hundredth of a cell apart differ little: the noise is soft.
        for i in 0..1000 {
            let x = i as f32 * 0.01;
            assert!((value_noise(x, 0.3, 9) - value_noise(x + 0.01, 0.3, 9)).abs() < 0.03);
        }
    }
}
