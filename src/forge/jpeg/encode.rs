//! Each picture as a progressive JPEG cut into pieces small enough to hide in a comment.
//!
//! A baseline JPEG is one scan, far larger than the 65,529 bytes a COM can hide
//! ([`super::interleave::MAX_PIECE`]). Progressive JPEG (T.81 Annex G) sends the picture in many
//! scans; with spectral selection each scan carries one component's DC, or one band of its AC
//! coefficients, so each is a fraction of the whole. We use the `jpeg-encoder` crate with 33
//! scans per component, the most its band split handles (one DC scan, then AC band 1 alone and
//! pairs 2–3 … 62–63), optimised Huffman tables, quality 90 and 4:2:0 chroma (4:4:4 below 16 pixels).
//!
//! The largest scan is a component's DC or its first AC band, which grow with the number of
//! blocks. Pictures are therefore scaled to at most [`MAX_SIDE`] on their long side, and if a
//! scan still does not fit (a very detailed or noisy picture) the picture is scaled down by the
//! factor that scan's size calls for, and encoded again.

use super::interleave::MAX_PIECE;
use super::segments::{COM, SOI, read_segments};
use crate::forge::fit;
use image::RgbaImage;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

/// The longest side a twin keeps: a 12-megapixel photo becomes about 3 megapixels.
pub const MAX_SIDE: u32 = 2048;
/// JPEG quality (1–100) of the twins.
pub const QUALITY: u8 = 90;
/// Scans per component: the most `jpeg-encoder`'s band split handles correctly.
const SCANS: u8 = 33;
/// Encodings tried before giving up; each shrinks the picture by at least 5 %.
const SHRINK_ROUNDS: u32 = 8;

/// A picture encoded for the interleaving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    /// The pixels that were encoded, packed RGB.
    pub rgb: Vec<u8>,
    /// The same JPEG as a file of its own (what the picture would weigh alone).
    pub standalone: Vec<u8>,
    /// Its segments in order, from the first table to EOI, without SOI, APPn and COM.
    pub pieces: Vec<Vec<u8>>,
}

/// The size a `width`×`height` picture is encoded at: its own, or scaled to fit `max_side`.
pub fn target_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_side {
        return (width, height);
    }
    let scale = f64::from(max_side) / f64::from(long);
    let side = |n: u32| ((f64::from(n) * scale).round() as u32).clamp(1, max_side);
    (side(width), side(height))
}

/// Encodes a picture (non-empty) at the largest size whose scans all fit in a comment.
pub fn encode(picture: &RgbaImage) -> Result<Encoded, String> {
    let mut max_side = MAX_SIDE;
    for _ in 0..SHRINK_ROUNDS {
        let (width, height) = target_size(picture.width(), picture.height(), max_side);
        let rgb = fit::fit(picture, width, height);
        let standalone = encode_rgb(&rgb, width, height)?;
        let pieces = pieces(&standalone)?;
        let largest = pieces.iter().map(Vec::len).max().unwrap_or(0);
        if largest <= MAX_PIECE {
            return Ok(Encoded {
                width,
                height,
                rgb,
                standalone,
                pieces,
            });
        }
        // A scan's size follows the number of blocks, so the area must shrink by about
        // MAX_PIECE / largest; aim a little lower so that one more round nearly always does.
        let factor = (0.92 * MAX_PIECE as f64 / largest as f64).sqrt().min(0.95);
        max_side = ((f64::from(width.max(height)) * factor) as u32).max(1);
    }
    Err("the picture's scans do not fit in a comment even scaled down".into())
}

/// Below this many pixels on its shorter side a picture keeps its full colour resolution.
const TINY_SIDE: u32 = 16;

/// A progressive JPEG of packed RGB pixels.
pub fn encode_rgb(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let (w, h) = (side(width)?, side(height)?);
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, QUALITY);
    // 4:2:0 averages the colour of each 2×2 square. On a photo that is invisible; on a
    // picture a few pixels across, each pixel may be its own colour, and the average shows.
    encoder.set_sampling_factor(if width.min(height) < TINY_SIDE {
        SamplingFactor::R_4_4_4
    } else {
        SamplingFactor::R_4_2_0
    });
    encoder.set_progressive_scans(SCANS);
    encoder.set_optimized_huffman_tables(true);
    encoder
        .encode(rgb, w, h, ColorType::Rgb)
        .map_err(|e| format!("JPEG encoding failed: {e}"))?;
    Ok(out)
}

fn side(n: u32) -> Result<u16, String> {
    u16::try_from(n)
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("a side of {n} pixels cannot be encoded"))
}

/// The segments the interleaving carries: SOI is the prefix's, and APPn (the encoder's JFIF
/// header, which belongs right after SOI) and COM would only take room.
fn pieces(jpeg: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let segments = read_segments(jpeg, 0)?;
    if segments.first().map(|s| s.marker) != Some(SOI) {
        return Err("the encoder's output does not start with SOI".into());
    }
    // read_segments ends at EOI, so the last piece is EOI.
    Ok(segments
        .iter()
        .filter(|s| !matches!(s.marker, SOI | COM | 0xE0..=0xEF))
        .map(|s| s.bytes.to_vec())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::jpeg::segments::{EOI, SOS};
    use crate::forge::synthetic;

    #[test]
    fn target_size_keeps_the_aspect_and_the_cap() {
        assert_eq!(target_size(4000, 3000, 2048), (2048, 1536));
        assert_eq!(target_size(3000, 4000, 2048), (1536, 2048));
        assert_eq!(target_size(640, 480, 2048), (640, 480));
        assert_eq!(target_size(10_000, 3, 2048), (2048, 1));
    }

    #[test]
    fn pieces_are_tables_scans_and_eoi() {
        let picture = synthetic::photo(300, 200, 5);
        let e = encode(&picture).unwrap();
        assert_eq!((e.width, e.height), (300, 200));
        let scans = e.pieces.iter().filter(|p| p[1] == SOS).count();
        assert_eq!(scans, 3 * usize::from(SCANS));
        assert_eq!(e.pieces.last().unwrap(), &[0xFF, EOI]);
        assert!(
            e.pieces
                .iter()
                .all(|p| !matches!(p[1], SOI | COM | 0xE0..=0xEF))
        );
        let decoded = image::load_from_memory(&e.standalone).unwrap().to_rgb8();
        assert_eq!(decoded.dimensions(), (300, 200));
    }
}
