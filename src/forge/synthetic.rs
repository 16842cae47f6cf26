//! Generated pictures for tests and benchmarks, the same on every machine.
//!
//! Forging is hardest on detailed photos (LZW data that looks random, thousands of colours)
//! and on flat drawings (few colours, very regular LZW data), so there is one generator for
//! each. Both are deterministic for a seed.

use crate::rng::Rng;
use image::{Rgba, RgbaImage};

/// A photo-like picture: smooth colour gradients, a fine woven texture and sensor-like noise.
pub fn photo(width: u32, height: u32, seed: u64) -> RgbaImage {
    let mut rng = Rng::new(seed);
    let phase = rng.range(0, 1000) as f32 / 100.0;
    let (fx, fy) = (
        0.2 + rng.range(0, 100) as f32 / 200.0,
        0.2 + rng.range(0, 100) as f32 / 200.0,
    );
    let tint = [
        rng.range(0, 255) as f32,
        rng.range(0, 255) as f32,
        rng.range(0, 255) as f32,
    ];
    // The texture is separable, so it costs two table lookups per pixel, not two sines.
    let across: Vec<f32> = (0..width).map(|x| (x as f32 * fx + phase).sin()).collect();
    let down: Vec<f32> = (0..height).map(|y| (y as f32 * fy).cos()).collect();
    let mut img = RgbaImage::new(width, height);
    let (w, h) = (width.max(2) as f32 - 1.0, height.max(2) as f32 - 1.0);
    for (y, row) in img.rows_mut().enumerate() {
        let v = y as f32 / h;
        for (x, p) in row.enumerate() {
            let u = x as f32 / w;
            let texture = 18.0 * across[x] * down[y];
            let noise = rng.next_u64();
            let channel = |k: usize, base: f32| {
                let n = ((noise >> (16 * k)) & 0xFF) as f32 / 255.0 * 24.0 - 12.0;
                (base + texture + n).clamp(0.0, 255.0) as u8
            };
            *p = Rgba([
                channel(0, tint[0] * (1.0 - u) + 220.0 * u * v),
                channel(1, tint[1] * v + 60.0 * (1.0 - v)),
                channel(2, tint[2] * (1.0 - u * v) + 40.0 * u),
                255,
            ]);
        }
    }
    img
}

/// A flat drawing: a few solid colours in rectangles, circles and one-pixel lines.
pub fn drawing(width: u32, height: u32, seed: u64) -> RgbaImage {
    let mut rng = Rng::new(seed);
    let mut colour = || {
        Rgba([
            rng.next_u32() as u8,
            rng.next_u32() as u8,
            rng.next_u32() as u8,
            255,
        ])
    };
    let mut img = RgbaImage::from_pixel(width, height, colour());
    let shapes: Vec<(u32, u32, u32, u32, bool, Rgba<u8>)> = {
        let mut rng = Rng::new(seed ^ 0x5EED);
        (0..1 + rng.range(0, 7))
            .map(|_| {
                let x = rng.range(0, width as u64 - 1) as u32;
                let y = rng.range(0, height as u64 - 1) as u32;
                let s = 1 + rng.range(0, (width.max(height) / 2) as u64) as u32;
                let round = rng.range(0, 1) == 1;
                let c = Rgba([
                    rng.next_u32() as u8,
                    rng.next_u32() as u8,
                    rng.next_u32() as u8,
                    255,
                ]);
                (x, y, s, s / 2 + 1, round, c)
            })
            .collect()
    };
    for (cx, cy, a, b, round, c) in shapes {
        for (x, y, p) in img.enumerate_pixels_mut() {
            let (dx, dy) = (x as i64 - cx as i64, y as i64 - cy as i64);
            let inside = if round {
                dx * dx * (b as i64).pow(2) + dy * dy * (a as i64).pow(2)
                    <= (a as i64 * b as i64).pow(2)
            } else {
                dx.unsigned_abs() <= a as u64 && dy.unsigned_abs() <= b as u64
            };
            // One-pixel lines through the shape's centre.
            if inside || x == cx || y == cy {
                *p = c;
            }
        }
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn photos_have_many_colours_and_drawings_few() {
        let colours = |img: &RgbaImage| img.pixels().map(|p| p.0).collect::<HashSet<_>>().len();
        assert!(colours(&photo(200, 150, 1)) > 5000);
        let d = drawing(200, 150, 1);
        assert!((1..=16).contains(&colours(&d)), "{}", colours(&d));
    }

    #[test]
    fn same_seed_same_picture() {
        assert_eq!(photo(40, 30, 5), photo(40, 30, 5));
        assert_ne!(photo(40, 30, 5), photo(40, 30, 6));
        assert_eq!(drawing(40, 30, 5), drawing(40, 30, 5));
    }
}
