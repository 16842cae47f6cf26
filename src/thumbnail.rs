//! Small previews of pictures for the chat views, as `data:` URLs.
//!
//! The page's policy allows pictures from `data:` URLs, and a few kilobytes of JPEG per
//! picture fit in localStorage, so previews survive a reload without keeping any file.

use image::{ExtendedColorType, ImageEncoder, RgbaImage};

/// Longest side of a preview, in pixels (twice the size it is shown at, for sharp screens).
pub const PREVIEW_SIDE: u32 = 240;

/// A JPEG preview of decoded pixels as a `data:` URL.
pub fn preview_of(rgba: &RgbaImage) -> String {
    format!("data:image/jpeg;base64,{}", base64(&preview_jpeg(rgba)))
}

/// A JPEG preview of decoded pixels, at most [`PREVIEW_SIDE`] wide or high, transparent
/// areas over white.
pub fn preview_jpeg(rgba: &RgbaImage) -> Vec<u8> {
    let (w, h) = rgba.dimensions();
    let scale = (PREVIEW_SIDE as f64 / w.max(h) as f64).min(1.0);
    let (tw, th) = (
        ((w as f64 * scale).round() as u32).max(1),
        ((h as f64 * scale).round() as u32).max(1),
    );
    let small = image::imageops::thumbnail(rgba, tw, th);
    let rgb: Vec<u8> = small
        .pixels()
        .flat_map(|p| {
            let a = p[3] as u32;
            let over_white = move |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
            [over_white(p[0]), over_white(p[1]), over_white(p[2])]
        })
        .collect();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .write_image(&rgb, tw, th, ExtendedColorType::Rgb8)
        .expect("encoding into memory cannot fail");
    jpeg
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, want) in cases {
            assert_eq!(base64(input.as_bytes()), want);
        }
    }

    #[test]
    fn preview_is_a_small_jpeg_that_decodes() {
        let img = RgbaImage::from_fn(1000, 500, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
        });
        let jpeg = preview_jpeg(&img);
        assert!(jpeg.len() < 30_000, "preview is {} bytes", jpeg.len());
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!(
            (back.width(), back.height()),
            (PREVIEW_SIDE, PREVIEW_SIDE / 2)
        );
        assert!(preview_of(&img).starts_with("data:image/jpeg;base64,/9j/"));
    }
}
