//! Turning drawn pictures into the bytes of sample files, in memory.
//!
//! Flat illustrations become PNG (exact, and small because flat colours compress well);
//! the one photo-like picture becomes a JPEG, as a phone would save it. Both encoders are
//! deterministic, so the same drawing always gives the same file and the same MD5.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{DynamicImage, ImageEncoder, RgbaImage};
use std::fmt;

/// JPEG quality for the photo-like sample: what phone cameras typically save.
pub const JPEG_QUALITY: u8 = 88;

/// How a picture is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Png,
    Jpeg,
}

impl Format {
    pub const fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
        }
    }

    /// The format a picture sample of this MIME type is stored in.
    pub fn from_mime(mime: &str) -> Option<Format> {
        [Format::Png, Format::Jpeg]
            .into_iter()
            .find(|f| f.mime() == mime)
    }
}

/// Why a sample file could not be produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SampleError {
    /// No sample has this id.
    Unknown(String),
    /// The sample is a chat message, typed rather than attached: it has no file.
    NotAFile(&'static str),
    /// The encoder failed (it does not for pictures of sane size).
    Encode(String),
}

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SampleError::Unknown(id) => write!(f, "there is no sample called {id:?}"),
            SampleError::NotAFile(id) => {
                write!(f, "the sample {id:?} is a chat message, not a file")
            }
            SampleError::Encode(why) => write!(f, "the sample picture could not be encoded: {why}"),
        }
    }
}

impl std::error::Error for SampleError {}

/// The picture as a JPEG of the given quality (the alpha channel dropped).
pub fn encode_jpeg(image: &RgbaImage, quality: u8) -> Result<Vec<u8>, SampleError> {
    let rgb = DynamicImage::ImageRgba8(image.clone()).into_rgb8();
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| SampleError::Encode(e.to_string()))?;
    Ok(out)
}

/// The picture encoded as a file. The pictures are opaque, so the alpha channel is dropped.
pub fn encode(image: &RgbaImage, format: Format) -> Result<Vec<u8>, SampleError> {
    if format == Format::Jpeg {
        return encode_jpeg(image, JPEG_QUALITY);
    }
    let rgb = DynamicImage::ImageRgba8(image.clone()).into_rgb8();
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| SampleError::Encode(e.to_string()))?;
    Ok(out)
}
