//! The evasion lab's variants of one picture, and what each filter makes of them.
//!
//! The original stands for a blacklisted picture: its MD5 is on the hash list and it is a
//! visual reference. [`evaluate`] makes one variant, encodes it as a file a user could send,
//! and compares it with the original as the server would: by MD5, by the app's visual
//! matcher (a hypothesis, sources A8) and by PDQ (for comparison). OCR is not here: it is
//! JavaScript in its own worker, which the lab asks separately with the variant's bytes.

use super::transform::{self, Side};
use super::{PdqMatcher, Similarity, VisualMatcher, default_matcher};
use crate::fingerprint::{Digest, Greyscale, luminosity, md5};
use image::RgbaImage;
use serde::{Deserialize, Serialize};

/// Highest blur level, on the 1–10 scale of Citizen Lab's tests.
pub const MAX_BLUR: u8 = 10;

/// One transformation of the original, at the parameters the lab uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// The file itself, unchanged: every filter should catch it.
    Original,
    /// The same pixels saved again as PNG: new bytes, same picture.
    Reencode,
    /// One pixel nudged by one level.
    OnePixel,
    /// Half the size, same shape.
    Resize,
    /// Saved as JPEG at quality 75.
    Jpeg,
    Mirror,
    /// Height × 0.6 ("shorter" in the table).
    Shorter,
    /// Width × 0.65 ("thinner").
    Thinner,
    /// A white frame 2.5 % of the shortest side wide.
    ThinBorder,
    /// A white frame 10 % of the shortest side wide.
    WideBorder,
    /// 10 % cut from each side.
    Crop,
    /// 10° clockwise on a grown white canvas.
    Rotate,
    /// White canvas, a quarter of the long side, split before and after.
    PadLong,
    /// The same along the short side.
    PadShort,
    /// Three copies stacked top to bottom.
    Tile,
    /// Blur at a level from 1 to [`MAX_BLUR`].
    Blur(u8),
    /// Black and white at the Otsu level.
    Otsu,
    /// The whole picture recoloured to one luminosity.
    Recolour,
    /// Text recoloured to the luminosity of its ground.
    CamouflageText,
    /// Light and dark swapped.
    Invert,
}

impl Variant {
    /// Every variant, in the grid's order: the controls, then the table's rows.
    pub fn all() -> Vec<Variant> {
        use Variant::*;
        let mut all = vec![
            Original, Reencode, OnePixel, Resize, Jpeg, Mirror, Shorter, Thinner, ThinBorder,
            WideBorder, Crop, Rotate, PadLong, PadShort, Tile,
        ];
        all.extend((1..=MAX_BLUR).map(Blur));
        all.extend([Otsu, Recolour, CamouflageText, Invert]);
        all
    }

    /// A stable name for addresses, file names and tests: `mirror`, `blur-5`.
    pub fn slug(self) -> String {
        match self {
            Self::Blur(level) => format!("blur-{level}"),
            other => serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
                .unwrap_or_default(),
        }
    }

    /// The variant a slug names.
    pub fn from_slug(slug: &str) -> Option<Variant> {
        Self::all().into_iter().find(|v| v.slug() == slug)
    }

    /// The pixels of this variant of `img` (the original's own for the two controls that
    /// change only bytes: [`Variant::Original`] and [`Variant::Reencode`]).
    pub fn apply(self, img: &RgbaImage) -> Result<RgbaImage, String> {
        let short = img.width().min(img.height());
        let frame = |fraction: f64| ((short as f64 * fraction).round() as u32).max(1);
        Ok(match self {
            Self::Original | Self::Reencode => img.clone(),
            Self::OnePixel => transform::one_pixel(img),
            Self::Resize => transform::resize(img, 0.5),
            Self::Jpeg => transform::jpeg(img, 75)?,
            Self::Mirror => transform::mirror(img),
            Self::Shorter => transform::stretch(img, 1.0, 0.6),
            Self::Thinner => transform::stretch(img, 0.65, 1.0),
            Self::ThinBorder => transform::border(img, frame(0.025), transform::WHITE),
            Self::WideBorder => transform::border(img, frame(0.1), transform::WHITE),
            Self::Crop => transform::crop(img, 0.1),
            Self::Rotate => transform::rotate(img, 10.0),
            Self::PadLong => transform::pad(img, Side::Long, 0.25),
            Self::PadShort => transform::pad(img, Side::Short, 0.25),
            Self::Tile => transform::tile(img, 3),
            Self::Blur(level) => transform::blur(img, level.clamp(1, MAX_BLUR) as u32),
            Self::Otsu => transform::otsu(img),
            Self::Recolour => transform::vanish(img),
            Self::CamouflageText => transform::camouflage_text(img),
            Self::Invert => transform::invert(img),
        })
    }
}

/// What the server makes of one variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvasionRow {
    pub variant: Variant,
    pub width: u32,
    pub height: u32,
    /// The variant file's size in bytes.
    pub size: u64,
    pub md5: Digest,
    /// Same MD5 as the original: the hash list catches it.
    pub md5_caught: bool,
    /// The app's matcher (a hypothesis, A8) against the original.
    pub visual: Similarity,
    /// PDQ against the original, for comparison.
    pub pdq: Similarity,
}

/// A variant made and judged: the row, and the file itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluated {
    pub row: EvasionRow,
    /// The variant as a file: the original's bytes for [`Variant::Original`], JPEG for
    /// [`Variant::Jpeg`], PNG for the rest.
    pub bytes: Vec<u8>,
    pub mime: &'static str,
    /// The decoded pixels, for a preview.
    pub pixels: RgbaImage,
}

/// Makes `variant` of the picture in `original` (a file's bytes) and judges it.
pub fn evaluate(original: &[u8], variant: Variant) -> Result<Evaluated, String> {
    let img = crate::decode::decode_rgba(original).map_err(|e| e.to_string())?;
    evaluate_decoded(original, &img, variant)
}

/// [`evaluate`] for a file already decoded to `img`.
pub fn evaluate_decoded(
    original: &[u8],
    img: &RgbaImage,
    variant: Variant,
) -> Result<Evaluated, String> {
    // The file as sent, and its pixels as the server decodes them.
    let (bytes, mime, sent) = match variant {
        Variant::Original => (original.to_vec(), mime_of(original), img.clone()),
        Variant::Jpeg => {
            let bytes = transform::encode_jpeg(img, 75)?;
            let sent = crate::decode::decode_rgba(&bytes).map_err(|e| e.to_string())?;
            (bytes, "image/jpeg", sent)
        }
        _ => {
            let pixels = variant.apply(img)?;
            (transform::encode_png(&pixels)?, "image/png", pixels)
        }
    };
    let (was, now) = (grey(img), grey(&sent));
    let edge = default_matcher();
    let pdq = PdqMatcher::default();
    let md5_original = md5(original);
    let md5 = md5(&bytes);
    let row = EvasionRow {
        variant,
        width: sent.width(),
        height: sent.height(),
        size: bytes.len() as u64,
        md5,
        md5_caught: md5 == md5_original,
        visual: edge.compare(&edge.signature(&was), &edge.signature(&now)),
        pdq: pdq.compare(&pdq.signature(&was), &pdq.signature(&now)),
    };
    Ok(Evaluated {
        row,
        bytes,
        mime,
        pixels: sent,
    })
}

fn grey(img: &RgbaImage) -> Greyscale {
    luminosity(img.width(), img.height(), img.as_raw())
}

/// The type of a picture file, from its first bytes.
fn mime_of(bytes: &[u8]) -> &'static str {
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png) => "image/png",
        Ok(image::ImageFormat::Jpeg) => "image/jpeg",
        Ok(image::ImageFormat::Gif) => "image/gif",
        Ok(image::ImageFormat::WebP) => "image/webp",
        Ok(image::ImageFormat::Bmp) => "image/bmp",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::test_pictures;

    /// A photo-like original, as a user's camera would give it.
    fn original() -> Vec<u8> {
        test_pictures::jpeg(&test_pictures::picture(4, 320, 240), 90)
    }

    #[test]
    fn slugs_name_every_variant_once() {
        let all = Variant::all();
        assert_eq!(all.len(), 15 + MAX_BLUR as usize + 4);
        let slugs: std::collections::BTreeSet<String> = all.iter().map(|v| v.slug()).collect();
        assert_eq!(slugs.len(), all.len());
        for v in all {
            assert_eq!(Variant::from_slug(&v.slug()), Some(v), "{}", v.slug());
        }
        assert_eq!(Variant::Blur(5).slug(), "blur-5");
        assert_eq!(Variant::PadLong.slug(), "pad-long");
        assert_eq!(Variant::from_slug("blur-11"), None);
    }

    #[test]
    fn the_original_is_caught_by_every_filter_and_new_bytes_escape_md5() {
        let file = original();
        let same = evaluate(&file, Variant::Original).unwrap();
        assert!(same.bytes == file);
        assert_eq!(same.mime, "image/jpeg");
        assert!(same.row.md5_caught && same.row.visual.is_match && same.row.pdq.is_match);
        assert_eq!(same.row.visual.distance, 0);
        for variant in [Variant::Reencode, Variant::OnePixel, Variant::Jpeg] {
            let e = evaluate(&file, variant).unwrap();
            assert!(e.bytes != file, "{variant:?} gives new bytes");
            assert_eq!(e.row.md5, md5(&e.bytes), "the MD5 is the file's");
            assert!(!e.row.md5_caught, "{variant:?}");
            assert!(e.row.visual.is_match, "{variant:?} looks the same");
            assert!(e.row.pdq.is_match, "{variant:?} looks the same to PDQ");
        }
    }

    #[test]
    fn variants_are_real_files_of_the_size_they_claim() {
        let file = original();
        for variant in Variant::all() {
            let e = evaluate(&file, variant).unwrap();
            let decoded = crate::decode::decode_rgba(&e.bytes).unwrap();
            assert_eq!(
                decoded.dimensions(),
                (e.row.width, e.row.height),
                "{variant:?}"
            );
            assert_eq!(e.row.size, e.bytes.len() as u64);
            assert_eq!(mime_of(&e.bytes), e.mime, "{variant:?}");
        }
        let tile = evaluate(&file, Variant::Tile).unwrap();
        assert_eq!((tile.row.width, tile.row.height), (320, 720));
    }

    #[test]
    fn the_grid_follows_the_matchers_on_the_table_rows() {
        let file = original();
        let judge = |v| evaluate(&file, v).unwrap().row;
        // The fitted matcher lets a mirrored copy and a heavy blur through; PDQ's verdicts
        // differ on blur (sources A8, A9).
        assert!(!judge(Variant::Mirror).visual.is_match);
        assert!(!judge(Variant::Shorter).visual.is_match);
        assert!(judge(Variant::Invert).visual.is_match);
        let blurred = judge(Variant::Blur(8));
        assert!(!blurred.visual.is_match && blurred.pdq.is_match);
    }

    #[test]
    fn what_is_not_a_picture_is_an_error_not_a_panic() {
        let err = evaluate(b"not a picture at all", Variant::Mirror).unwrap_err();
        assert!(!err.is_empty());
    }
}
