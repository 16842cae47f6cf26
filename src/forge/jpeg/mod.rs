//! Same-MD5 JPEG pairs at photo quality, from one universal collision.
//!
//! See docs/how-it-works.md §7. The [`prefix`] and its collision are fixed; each picture is
//! [`encode`]d as a progressive JPEG whose [`segments`] all fit in a comment, and the two
//! streams are [`interleave`]d into a common suffix. Before a pair is offered it is verified:
//! same MD5, different bytes, and each file decodes to its own picture.

pub mod encode;
pub mod fresh;
pub mod interleave;
pub mod prefix;
pub mod segments;

use super::{ForgeError, Span, SpanKind};
use crate::decode::decode_rgba;
use crate::fingerprint::{Digest, md5};
use encode::Encoded;
use image::RgbaImage;
use prefix::SUFFIX_AT;
pub use prefix::{JpegBlocks, parse_jpeg_blocks, shipped_jpeg_blocks};
use serde::{Deserialize, Serialize};

/// Two JPEG files with the same MD5: `x` shows picture A, `y` picture B.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JpegPair {
    pub x: Vec<u8>,
    pub y: Vec<u8>,
    pub md5: Digest,
    pub a: Twin,
    pub b: Twin,
}

/// What one twin shows and what it would weigh alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Twin {
    pub width: u32,
    pub height: u32,
    /// The same picture as a JPEG file of its own, in bytes.
    pub alone: usize,
}

/// Largest mean difference, per channel on the 0–255 scale, between a decoded twin and the
/// pixels it was encoded from. It only catches garbage: the proof that a file shows its own
/// picture is that it reads as exactly that picture's segments. Quality 90 with 4:2:0 chroma
/// stays below 10 on photos; pure noise, whose colour 4:2:0 averages away, reaches about 25;
/// random pixels against other random pixels are about 85 apart.
pub const MAX_MEAN_ERROR: f64 = 48.0;

/// Forges a pair from two pictures.
pub fn forge_jpeg(
    blocks: &JpegBlocks,
    a: &RgbaImage,
    b: &RgbaImage,
) -> Result<JpegPair, ForgeError> {
    for (picture, which) in [(a, "first"), (b, "second")] {
        if picture.width() == 0 || picture.height() == 0 {
            return Err(ForgeError::EmptyPicture { which });
        }
    }
    let a = encode::encode(a).map_err(ForgeError::Encode)?;
    let b = encode::encode(b).map_err(ForgeError::Encode)?;
    assemble(blocks, &a, &b)
}

/// [`forge_jpeg`] from two picture files (any format [`crate::decode`] reads).
pub fn forge_jpeg_files(blocks: &JpegBlocks, a: &[u8], b: &[u8]) -> Result<JpegPair, ForgeError> {
    let read =
        |bytes, which| decode_rgba(bytes).map_err(|error| ForgeError::Unreadable { which, error });
    forge_jpeg(blocks, &read(a, "first")?, &read(b, "second")?)
}

/// Weaves two encoded pictures after the collision and verifies the pair.
pub fn assemble(blocks: &JpegBlocks, a: &Encoded, b: &Encoded) -> Result<JpegPair, ForgeError> {
    let (_, resume) = blocks
        .check()
        .map_err(|reason| ForgeError::Blocks { line: 1, reason })?;
    // X's parser reads A's segments from resume.x; the file that resumes first goes first.
    let suffix = if resume.x < resume.y {
        interleave::interleave(&a.pieces, &b.pieces, SUFFIX_AT, resume.x, resume.y)
    } else {
        interleave::interleave(&b.pieces, &a.pieces, SUFFIX_AT, resume.y, resume.x)
    }
    .map_err(|e| ForgeError::Encode(e.to_string()))?;
    let x = [blocks.head(false), suffix.clone()].concat();
    let y = [blocks.head(true), suffix].concat();
    let md5 = verify(&x, &y, a, b).map_err(ForgeError::Verify)?;
    let twin = |e: &Encoded| Twin {
        width: e.width,
        height: e.height,
        alone: e.standalone.len(),
    };
    Ok(JpegPair {
        x,
        y,
        md5,
        a: twin(a),
        b: twin(b),
    })
}

/// Same MD5, different bytes, and each file decodes to the picture it was made from.
pub fn verify(x: &[u8], y: &[u8], a: &Encoded, b: &Encoded) -> Result<Digest, String> {
    let digest = md5(x);
    if digest != md5(y) {
        return Err("the two files' MD5s differ".into());
    }
    if x == y {
        return Err("the two files are identical".into());
    }
    for (file, own, other, name) in [(x, a, b, "X"), (y, b, a, "Y")] {
        // Structurally: a decoder meets SOI and then exactly this picture's segments.
        let read = segments::read_segments(file, 0)
            .map_err(|e| format!("file {name} does not read as JPEG segments: {e}"))?;
        let mut read = read.iter().filter(|s| s.marker != segments::COM);
        if read.next().map(|s| s.marker) != Some(segments::SOI)
            || !read
                .map(|s| s.bytes)
                .eq(own.pieces.iter().map(Vec::as_slice))
        {
            return Err(format!(
                "file {name} does not read as its own picture's segments"
            ));
        }
        // And in fact: a real decoder shows this picture.
        let shown = decode_rgba(file).map_err(|e| format!("file {name} does not decode: {e}"))?;
        if shown.dimensions() != (own.width, own.height) {
            return Err(format!(
                "file {name} shows a {}×{} picture, not its own {}×{}",
                shown.width(),
                shown.height(),
                own.width,
                own.height
            ));
        }
        let error = mean_error(&shown, &own.rgb);
        if error > MAX_MEAN_ERROR {
            return Err(format!(
                "file {name} does not show its own picture (mean difference {error:.1})"
            ));
        }
        if (other.width, other.height) == (own.width, own.height)
            && mean_error(&shown, &other.rgb) < error
        {
            return Err(format!("file {name} shows the other picture"));
        }
    }
    Ok(digest)
}

/// How a decoder reads a twin, range by range, for the lab's parser bars: the collision bytes
/// (which both comments cover) shown as such.
pub fn parser_map(file: &[u8]) -> Result<Vec<Span>, segments::SegmentError> {
    let collision = prefix::PREFIX_LEN..SUFFIX_AT;
    let mut spans = Vec::new();
    let mut end = 0;
    for segment in segments::read_segments(file, 0)? {
        let kind = match segment.marker {
            segments::SOI => SpanKind::Header,
            segments::COM => SpanKind::Comment,
            segments::SOS => SpanKind::ImageData,
            segments::EOI => SpanKind::Trailer,
            _ => SpanKind::Tables,
        };
        end = segment.at + segment.bytes.len();
        // The parts of the segment outside the collision keep their kind.
        for (start, stop) in [
            (segment.at, end.min(collision.start)),
            (segment.at.max(collision.end), end),
        ] {
            if start < stop {
                spans.push(Span {
                    start,
                    end: stop,
                    kind,
                });
            }
        }
    }
    // The collision goes between the spans before and after it (SOI and the first COM lie
    // before it, so it is never first).
    let at = spans.partition_point(|s| s.start < collision.start);
    spans.insert(
        at,
        Span {
            start: collision.start,
            end: collision.end,
            kind: SpanKind::Collision,
        },
    );
    if end < file.len() {
        spans.push(Span {
            start: end,
            end: file.len(),
            kind: SpanKind::Unread,
        });
    }
    Ok(spans)
}

/// Mean absolute difference per channel between decoded RGBA and packed RGB of the same size.
pub fn mean_error(shown: &RgbaImage, rgb: &[u8]) -> f64 {
    let total: u64 = shown
        .as_raw()
        .chunks_exact(4)
        .zip(rgb.chunks_exact(3))
        .map(|(p, q)| (0..3).map(|c| u64::from(p[c].abs_diff(q[c]))).sum::<u64>())
        .sum();
    total as f64 / rgb.len().max(1) as f64
}
