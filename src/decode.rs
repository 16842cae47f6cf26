//! Decoding untrusted pictures, safely.
//!
//! Everything a user drops in is hostile until proven otherwise: absurd dimensions in a
//! header, decompression bombs, truncated or mislabelled files. The header is read first
//! and the picture is refused before any pixel buffer is allocated if it is too large;
//! the decoder itself runs under allocation limits as a second line of defence.

use crate::l10n::Message;
use crate::message;
use image::{ImageFormat, ImageReader, Limits, RgbaImage};
use std::fmt;
use std::io::Cursor;

/// Most pixels a picture may have (a 48-megapixel phone photo fits).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Longest side accepted.
pub const MAX_SIDE: u32 = 16_384;
/// Largest encoded file handed to a decoder.
pub const MAX_FILE_BYTES: usize = 100 << 20;

/// Why a file could not be decoded as a picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    NotAPicture,
    TooLargeFile {
        bytes: usize,
    },
    TooLarge {
        width: u32,
        height: u32,
    },
    /// The file ends before the picture does.
    Truncated,
    /// The picture's data is damaged; the decoder's own words.
    Corrupt(String),
}

impl DecodeError {
    /// What went wrong, as a message: a worker finds it, the page words it.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => message!("filters.picture.empty"),
            Self::NotAPicture => message!("filters.picture.not_a_picture"),
            Self::TooLargeFile { bytes } => message!(
                "filters.picture.too_large_file",
                size = bytes >> 20,
                limit = MAX_FILE_BYTES >> 20
            ),
            Self::TooLarge { width, height } => message!(
                "filters.picture.too_large",
                width = *width,
                height = *height,
                megapixels = MAX_PIXELS / 1_000_000,
                side = MAX_SIDE
            ),
            Self::Truncated => message!("filters.picture.truncated"),
            Self::Corrupt(why) => message!("filters.picture.corrupt", why = why),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for DecodeError {}

/// The format of a picture, from its first bytes (never from its name).
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    let format = image::guess_format(bytes).ok()?;
    matches!(
        format,
        ImageFormat::Png
            | ImageFormat::Jpeg
            | ImageFormat::Gif
            | ImageFormat::WebP
            | ImageFormat::Bmp
    )
    .then_some(format)
}

/// Width and height from the header alone, without decoding pixels.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), DecodeError> {
    // Reading a header allocates nothing, so the claim is read without limits and judged
    // by `check_size`: the error can then say what the file claimed.
    let mut reader = reader(bytes)?;
    reader.no_limits();
    reader
        .into_dimensions()
        .map_err(|e| DecodeError::Corrupt(e.to_string()))
}

/// Decodes a picture to straight-alpha RGBA. Animated pictures give their first frame.
pub fn decode_rgba(bytes: &[u8]) -> Result<RgbaImage, DecodeError> {
    let (width, height) = dimensions(bytes)?;
    check_size(width, height)?;
    let image = reader(bytes)?.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => DecodeError::TooLarge { width, height },
        e if ends_early(&e) => DecodeError::Truncated,
        other => DecodeError::Corrupt(other.to_string()),
    })?;
    Ok(image.into_rgba8())
}

/// Whether a decoder stopped because the data ran out, as each decoder says it: an I/O
/// end of file (PNG, BMP), or the GIF decoder's own end-of-file error.
fn ends_early(e: &image::ImageError) -> bool {
    match e {
        image::ImageError::IoError(io) => io.kind() == std::io::ErrorKind::UnexpectedEof,
        image::ImageError::Decoding(d) => std::error::Error::source(d)
            .and_then(|s| s.downcast_ref::<gif::DecodingError>())
            .is_some_and(|g| matches!(g, gif::DecodingError::UnexpectedEof)),
        _ => false,
    }
}

/// Refuses dimensions beyond the limits.
pub fn check_size(width: u32, height: u32) -> Result<(), DecodeError> {
    if width == 0 || height == 0 {
        return Err(DecodeError::Corrupt("zero width or height".into()));
    }
    if width > MAX_SIDE || height > MAX_SIDE || width as u64 * height as u64 > MAX_PIXELS {
        return Err(DecodeError::TooLarge { width, height });
    }
    Ok(())
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError::TooLargeFile { bytes: bytes.len() });
    }
    let format = sniff(bytes).ok_or(DecodeError::NotAPicture)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // RGBA of the largest accepted picture plus the decoder's own working buffers.
    limits.max_alloc = Some(MAX_PIXELS * 4 * 2);
    reader.limits(limits);
    Ok(reader)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageEncoder;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let pixels = vec![200u8; (width * height * 4) as usize];
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&pixels, width, height, image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    #[test]
    fn decodes_a_png() {
        let img = decode_rgba(&png(3, 2)).unwrap();
        assert_eq!(img.dimensions(), (3, 2));
        assert_eq!(img.get_pixel(2, 1).0, [200, 200, 200, 200]);
    }

    #[test]
    fn empty_and_non_pictures_are_refused() {
        assert_eq!(decode_rgba(b""), Err(DecodeError::Empty));
        assert_eq!(
            decode_rgba(b"just some text"),
            Err(DecodeError::NotAPicture)
        );
    }

    #[test]
    fn a_picture_cut_short_is_truncated_and_damage_is_corrupt() {
        let bytes = png(64, 64);
        assert_eq!(
            decode_rgba(&bytes[..bytes.len() / 2]),
            Err(DecodeError::Truncated)
        );
        let img = crate::filters::test_pictures::picture(3, 64, 48);
        let mut gif = Vec::new();
        image::codecs::gif::GifEncoder::new(&mut gif)
            .encode(img.as_raw(), 64, 48, image::ExtendedColorType::Rgba8)
            .unwrap();
        assert_eq!(
            decode_rgba(&gif[..gif.len() / 2]),
            Err(DecodeError::Truncated)
        );
        let mut damaged = bytes.clone();
        let idat = damaged.windows(4).position(|w| w == b"IDAT").unwrap() + 8;
        damaged[idat..idat + 64].iter_mut().for_each(|x| *x ^= 0xA5);
        assert!(matches!(
            decode_rgba(&damaged),
            Err(DecodeError::Corrupt(_))
        ));
    }

    #[test]
    fn huge_headers_refused_before_decoding() {
        // A valid PNG header (correct CRC) claiming 20000×20000, with a tiny body.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let crc = crate::samples::document_files::crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(dimensions(&bytes), Ok((20_000, 20_000)));
        assert_eq!(
            decode_rgba(&bytes),
            Err(DecodeError::TooLarge {
                width: 20_000,
                height: 20_000
            })
        );

        // The same claim in a GIF screen descriptor, followed by nothing at all.
        let mut gif = b"GIF89a".to_vec();
        gif.extend_from_slice(&20_000u16.to_le_bytes());
        gif.extend_from_slice(&20_000u16.to_le_bytes());
        gif.extend_from_slice(&[0, 0, 0]);
        gif.extend_from_slice(&[0x2C, 0, 0, 0, 0, 0x20, 0x4E, 0x20, 0x4E, 0, 8]);
        let err = decode_rgba(&gif).unwrap_err();
        assert!(matches!(err, DecodeError::TooLarge { .. }), "{err:?}");

        assert!(check_size(4000, 3000).is_ok());
        assert!(check_size(16_385, 10).is_err());
        assert!(check_size(10_000, 10_000).is_err());
    }
}
