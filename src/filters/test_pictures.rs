//! Procedural test pictures with real structure (gradients, shapes, text-like strokes),
//! so visual-matching tests need no image files and no outside data.

use crate::fingerprint::{Greyscale, luminosity};
use crate::rng::Rng;
use image::{ImageEncoder, Rgba, RgbaImage};

/// A scene drawn from `seed`: a two-colour gradient, a dozen filled shapes and three rows
/// of glyph-like strokes, placed asymmetrically so a mirror image really differs.
pub fn picture(seed: u64, width: u32, height: u32) -> RgbaImage {
    let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9).wrapping_add(17));
    let colour = |rng: &mut Rng| {
        [
            rng.range(0, 255) as u8,
            rng.range(0, 255) as u8,
            rng.range(0, 255) as u8,
        ]
    };
    let (c0, c1) = (colour(&mut rng), colour(&mut rng));
    let (w, h) = (width as f64, height as f64);
    let mut img = RgbaImage::from_fn(width, height, |x, y| {
        let t = (x as f64 / w * 0.7 + y as f64 / h * 0.3).min(1.0);
        let mix = |a: u8, b: u8| (a as f64 * (1.0 - t) + b as f64 * t) as u8;
        Rgba([mix(c0[0], c1[0]), mix(c0[1], c1[1]), mix(c0[2], c1[2]), 255])
    });
    for _ in 0..12 {
        let c = colour(&mut rng);
        let cx = rng.range(0, 1000) as f64 / 1000.0 * w;
        let cy = rng.range(0, 1000) as f64 / 1000.0 * h;
        let r = (rng.range(40, 200) as f64 / 1000.0) * w.min(h);
        let shape = rng.range(0, 2);
        fill(&mut img, c, |x, y| {
            let (dx, dy) = (x - cx, y - cy);
            match shape {
                0 => dx * dx + dy * dy <= r * r,
                1 => dx.abs() <= r * 1.4 && dy.abs() <= r * 0.7,
                _ => dy >= -r && dy <= r && dx.abs() <= (dy + r) * 0.6,
            }
        });
    }
    // Glyphs: 3×5 cells of thick strokes, like characters on a poster.
    let ink = colour(&mut rng);
    let cell = (w.min(h) / 40.0).max(1.0);
    for row in 0..3 {
        let top = h * (0.15 + 0.3 * row as f64);
        let count = rng.range(4, 9);
        let left = rng.range(0, 300) as f64 / 1000.0 * w;
        for g in 0..count {
            let bits = rng.next_u32();
            let gx = left + g as f64 * cell * 4.5;
            fill(&mut img, ink, |x, y| {
                let (col, line) = (((x - gx) / cell).floor(), ((y - top) / cell).floor());
                (0.0..3.0).contains(&col)
                    && (0.0..5.0).contains(&line)
                    && bits >> (line as u32 * 3 + col as u32) & 1 == 1
            });
        }
    }
    img
}

fn fill(img: &mut RgbaImage, c: [u8; 3], inside: impl Fn(f64, f64) -> bool) {
    for (x, y, p) in img.enumerate_pixels_mut() {
        if inside(x as f64 + 0.5, y as f64 + 0.5) {
            *p = Rgba([c[0], c[1], c[2], 255]);
        }
    }
}

/// The luminosity greyscale of a picture.
pub fn grey_of(img: &RgbaImage) -> Greyscale {
    luminosity(img.width(), img.height(), img.as_raw())
}

/// PNG bytes of a picture.
pub fn png(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgba8,
        )
        .expect("PNG encoding into memory");
    out
}

/// JPEG bytes of a picture at `quality` (1–100).
pub fn jpeg(img: &RgbaImage, quality: u8) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("JPEG encoding into memory");
    out
}

/// Decodes bytes made by [`png`] or [`jpeg`].
pub fn decode(bytes: &[u8]) -> RgbaImage {
    crate::decode::decode_rgba(bytes).expect("test picture decodes")
}
