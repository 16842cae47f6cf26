//! Same-MD5 GIF pairs: two files that share an MD5 and each show their own picture.
//!
//! See `docs/how-it-works.md` §4 for the construction: a comment sub-block whose
//! length byte is the last differing byte of a fastcoll collision, so the two files' GIF
//! parsers part ways there and never meet again until the trailer.
//!
//! The pipeline, one module per stage:
//! [`fit`] each picture to the collision's canvas, reduce it to its own [`palette`],
//! compress it ([`lzw`]), find the common suffix that both parsers read differently
//! ([`layout`]), then [`verify`] the pair with real decoders. [`blocks`] holds the
//! precomputed collisions, [`walk`] the byte-by-byte GIF parser everything is checked with,
//! and [`synthetic`] the generated pictures tests and benchmarks use.

pub mod blocks;
mod crossing;
mod error;
pub mod fit;
pub mod fresh;
mod handover;
pub mod jpeg;
pub mod layout;
pub mod lzw;
pub mod palette;
pub mod prefix;
pub mod synthetic;
pub mod verify;
pub mod walk;

pub use blocks::{CollisionBlocks, blocks_for, parse_blocks, shipped_blocks, shipped_canvases};
pub use error::ForgeError;
pub use layout::{LayoutError, LayoutStats};
pub use palette::Reduction;
pub use walk::{Span, SpanKind};

use crate::decode::decode_rgba;
use crate::fingerprint::Digest;
use image::RgbaImage;
use layout::GifImage;
use palette::Indexed;
use serde::{Deserialize, Serialize};

/// Two GIF files with the same MD5: `x` shows picture A, `y` picture B.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgedPair {
    pub x: Vec<u8>,
    pub y: Vec<u8>,
    pub md5: Digest,
    pub width: u16,
    pub height: u16,
    /// How X's parser reads X, range by range.
    pub x_map: Vec<Span>,
    /// How Y's parser reads Y.
    pub y_map: Vec<Span>,
    /// Picture A as X shows it (RGBA, `width`×`height`): fitted, quantised, as decoded.
    pub shown_a: Vec<u8>,
    /// Picture B as Y shows it.
    pub shown_b: Vec<u8>,
    pub stats: ForgeStats,
}

/// Figures about how a pair was made (no timings: they belong to the caller).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgeStats {
    /// Layout search steps, over every collision tried.
    pub search_steps: u64,
    /// Collisions that failed before the one used (0: the first worked).
    pub retries: u32,
    /// The successful search's own figures.
    pub layout: LayoutStats,
    pub reduction_a: Reduction,
    pub reduction_b: Reduction,
    /// LZW data sizes of A and B, before sub-block lengths.
    pub data_a: usize,
    pub data_b: usize,
}

/// A picture made ready for the canvas: fitted, indexed, compressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub indexed: Indexed,
    pub image: GifImage,
}

/// Fits, quantises and compresses a picture for a `width`×`height` canvas.
pub fn prepare(
    picture: &RgbaImage,
    width: u16,
    height: u16,
    which: &'static str,
) -> Result<Prepared, ForgeError> {
    if picture.width() == 0 || picture.height() == 0 {
        return Err(ForgeError::EmptyPicture { which });
    }
    let rgb = fit::fit(picture, width as u32, height as u32);
    let indexed = palette::quantise(&rgb, width as usize);
    let data = lzw::compress(&indexed.indices).map_err(ForgeError::Encode)?;
    let image = GifImage::new(width, height, &indexed.palette, &indexed.used, data);
    Ok(Prepared { indexed, image })
}

/// Forges a pair from two pictures, trying the collisions in `blocks` (all for one canvas)
/// in turn until a layout is found.
pub fn forge(
    blocks: &[CollisionBlocks],
    a: &RgbaImage,
    b: &RgbaImage,
) -> Result<ForgedPair, ForgeError> {
    let (width, height) = canvas(blocks)?;
    let a = prepare(a, width, height, "first")?;
    let b = prepare(b, width, height, "second")?;
    forge_prepared(blocks, &a, &b)
}

/// [`forge`] from two picture files (any format [`crate::decode`] reads).
pub fn forge_files(
    blocks: &[CollisionBlocks],
    a: &[u8],
    b: &[u8],
) -> Result<ForgedPair, ForgeError> {
    canvas(blocks)?;
    let a = decode_rgba(a).map_err(|error| ForgeError::Unreadable {
        which: "first",
        error,
    })?;
    let b = decode_rgba(b).map_err(|error| ForgeError::Unreadable {
        which: "second",
        error,
    })?;
    forge(blocks, &a, &b)
}

fn canvas(blocks: &[CollisionBlocks]) -> Result<(u16, u16), ForgeError> {
    let first = blocks.first().ok_or(ForgeError::NoBlocks)?;
    if blocks
        .iter()
        .any(|b| (b.width, b.height) != (first.width, first.height))
    {
        return Err(ForgeError::MixedCanvases);
    }
    Ok((first.width, first.height))
}

/// Lays out, builds and verifies a pair from prepared pictures.
pub fn forge_prepared(
    blocks: &[CollisionBlocks],
    a: &Prepared,
    b: &Prepared,
) -> Result<ForgedPair, ForgeError> {
    let (width, height) = canvas(blocks)?;
    let mut steps = 0;
    let mut last = None;
    for (retries, pair) in blocks.iter().enumerate() {
        let limit = layout::step_limit(&a.image, &b.image);
        let found = match layout::layout(pair, &a.image, &b.image, limit) {
            Ok(found) => found,
            Err(e) => {
                steps += match e {
                    LayoutError::GaveUp { steps } | LayoutError::NoWay { steps } => steps,
                    _ => 0,
                };
                last = Some(e);
                continue;
            }
        };
        steps += found.stats.steps;
        let shown_a = Indexed {
            palette: found.a.palette(),
            ..a.indexed.clone()
        }
        .rgba();
        let shown_b = Indexed {
            palette: found.b.palette(),
            ..b.indexed.clone()
        }
        .rgba();
        let [x, y] = [false, true].map(|y| [&pair.head(y)[..], &found.suffix].concat());
        let md5 = verify::verify(&x, &y, width, height, &shown_a, &shown_b)
            .map_err(ForgeError::Verify)?;
        let map = |file: &[u8]| parser_map(file).map_err(ForgeError::Verify);
        let stats = ForgeStats {
            search_steps: steps,
            retries: retries as u32,
            layout: found.stats,
            reduction_a: a.indexed.reduction,
            reduction_b: b.indexed.reduction,
            data_a: a.image.data.len(),
            data_b: b.image.data.len(),
        };
        return Ok(ForgedPair {
            x_map: map(&x)?,
            y_map: map(&y)?,
            x,
            y,
            md5,
            width,
            height,
            shown_a,
            shown_b,
            stats,
        });
    }
    Err(ForgeError::NoLayout {
        tried: blocks.len(),
        last: last.unwrap_or(LayoutError::NoData),
    })
}

/// How a GIF parser reads a forged file, with the colliding bytes marked: the lab's bar.
pub fn parser_map(file: &[u8]) -> Result<Vec<Span>, String> {
    let seen = walk::walk(file).map_err(|e| e.to_string())?;
    Ok(walk::paint(
        &seen.spans,
        prefix::PREFIX_LEN,
        blocks::HEAD_LEN,
        SpanKind::Collision,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::md5;

    fn kinds(map: &[Span]) -> Vec<SpanKind> {
        map.iter().map(|s| s.kind).collect()
    }

    #[test]
    fn forges_a_verified_pair_with_maps_of_both_readings() {
        let blocks = blocks_for(640, 480);
        let a = synthetic::photo(300, 200, 1);
        let b = synthetic::drawing(120, 160, 2);
        let pair = forge(&blocks, &a, &b).unwrap();
        assert_eq!(md5(&pair.x), md5(&pair.y));
        assert_eq!(pair.md5, md5(&pair.x));
        assert_ne!(pair.x, pair.y);
        assert_eq!((pair.width, pair.height), (640, 480));
        assert_eq!(pair.stats.reduction_a, Reduction::Dithered);
        assert_eq!(pair.stats.reduction_b, Reduction::Exact);
        use SpanKind::*;
        let x = kinds(&pair.x_map);
        assert_eq!(x[..3], [Header, Comment, Collision]);
        // X reads a comment, then A, then a comment over B, then the trailer.
        let after: Vec<_> = x[3..].to_vec();
        assert_eq!(
            after,
            [
                Comment,
                ImageDescriptor,
                Palette,
                ImageData,
                Comment,
                Trailer
            ]
        );
        let y = kinds(&pair.y_map);
        assert_eq!(
            y,
            [
                Header,
                Comment,
                Collision,
                Comment,
                ImageDescriptor,
                Palette,
                ImageData,
                Trailer
            ]
        );
        // Both maps cover their file without gaps.
        for (map, file) in [(&pair.x_map, &pair.x), (&pair.y_map, &pair.y)] {
            assert_eq!(map[0].start, 0);
            assert_eq!(map.last().unwrap().end, file.len());
            assert!(map.windows(2).all(|w| w[0].end == w[1].start));
        }
        // The picture X shows is where Y skips a comment, and the other way round.
        let a_data = pair.x_map.iter().find(|s| s.kind == ImageData).unwrap();
        let y_at = |i: usize| {
            pair.y_map
                .iter()
                .find(|s| s.start <= i && i < s.end)
                .unwrap()
                .kind
        };
        assert_eq!(y_at(a_data.start), Comment);
        assert_eq!(y_at(a_data.end - 1), Comment);
    }

    #[test]
    fn flat_pictures_are_shown_exactly_or_one_unit_off() {
        let blocks = blocks_for(512, 512);
        let a = synthetic::drawing(512, 512, 3);
        let b = synthetic::drawing(512, 512, 4);
        let pair = forge(&blocks, &a, &b).unwrap();
        // Exact palettes; a palette tweak, if the search needed one, moves a colour by one unit.
        assert!(pair.stats.layout.palette_tweaks <= 4);
        for (shown, want) in [(&pair.shown_a, a.as_raw()), (&pair.shown_b, b.as_raw())] {
            let worst = shown
                .iter()
                .zip(want)
                .map(|(x, y)| x.abs_diff(*y))
                .max()
                .unwrap();
            assert!(worst <= 1, "off by {worst}");
            if pair.stats.layout.palette_tweaks == 0 {
                assert_eq!(shown, want);
            }
        }
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        let img = synthetic::photo(10, 10, 1);
        assert_eq!(forge(&[], &img, &img).unwrap_err(), ForgeError::NoBlocks);
        let mixed = [
            blocks_for(640, 480)[0].clone(),
            blocks_for(512, 512)[0].clone(),
        ];
        assert_eq!(
            forge(&mixed, &img, &img).unwrap_err(),
            ForgeError::MixedCanvases
        );
        let empty = RgbaImage::new(0, 5);
        let err = forge(&blocks_for(640, 480), &img, &empty).unwrap_err();
        assert_eq!(err, ForgeError::EmptyPicture { which: "second" });
        assert_eq!(err.to_string(), "the second picture has no pixels");
    }

    #[test]
    fn the_same_picture_twice_still_makes_two_files() {
        let blocks = blocks_for(360, 640);
        let a = synthetic::photo(90, 160, 8);
        let pair = forge(&blocks, &a, &a).unwrap();
        assert_ne!(pair.x, pair.y);
        assert_eq!(pair.shown_a.len(), 360 * 640 * 4);
    }
}
