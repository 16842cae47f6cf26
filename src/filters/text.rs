//! Plain-text files: decoding them for keyword analysis.
//!
//! Documents exchanged among international accounts are analysed for sensitive content
//! (S1, sources §5); how WeChat extracts their text is not published, so the
//! simulator reads plain text only: UTF-8 (with or without a byte-order mark) and UTF-16
//! with a byte-order mark. Anything else is refused with a reason rather than guessed at.

use super::keywords::{KeywordHit, KeywordMatcher};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Text kept for analysis; longer files are cut here (and say so).
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// How the bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

/// Text read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    pub encoding: Encoding,
    /// True when the text was cut at [`MAX_TEXT_BYTES`] (or at a character cut off by a
    /// truncated file).
    pub truncated: bool,
}

/// Why a file is not readable text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    Empty,
    /// Looks like binary data.
    Binary(String),
    /// Invalid UTF-8 at this byte offset.
    NotUtf8 {
        at: usize,
    },
    /// Broken UTF-16.
    BadUtf16(String),
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the file is empty"),
            Self::Binary(why) => write!(f, "not a text file: {why}"),
            Self::NotUtf8 { at } => write!(
                f,
                "not a text file this app can read: byte {at} is not valid UTF-8 (only UTF-8, \
                 and UTF-16 with a byte-order mark, are read)"
            ),
            Self::BadUtf16(why) => write!(f, "damaged UTF-16 text: {why}"),
        }
    }
}

impl std::error::Error for TextError {}

/// Decodes a plain-text file.
pub fn decode_text(bytes: &[u8]) -> Result<DecodedText, TextError> {
    if bytes.is_empty() {
        return Err(TextError::Empty);
    }
    let (text, encoding, cut) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le, false),
        [0xFE, 0xFF, rest @ ..] => (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            let (text, cut) = utf8(rest, 3)?;
            (text, Encoding::Utf8Bom, cut)
        }
        _ => {
            let (text, cut) = utf8(bytes, 0)?;
            (text, Encoding::Utf8, cut)
        }
    };
    if text.contains('\0') {
        return Err(TextError::Binary(
            "it contains NUL characters, which text files do not".into(),
        ));
    }
    let (text, limited) = limit(text);
    Ok(DecodedText {
        text,
        encoding,
        truncated: cut || limited,
    })
}

/// True when [`decode_text`] would accept the bytes.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    decode_text(bytes).is_ok()
}

/// Every keyword entry found in a text file.
pub fn scan_text(bytes: &[u8], matcher: &KeywordMatcher) -> Result<Vec<KeywordHit>, TextError> {
    Ok(matcher.find_all(&decode_text(bytes)?.text))
}

/// UTF-8, tolerating only a character cut off by the end of the file.
fn utf8(bytes: &[u8], offset: usize) -> Result<(String, bool), TextError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), false)),
        // `error_len() == None`: the input ends inside a character, as a truncated file does.
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => Ok((
            String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
            true,
        )),
        Err(e) => Err(TextError::NotUtf8 {
            at: offset + e.valid_up_to(),
        }),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(TextError::BadUtf16(
            "an odd number of bytes, so the file is cut short".into(),
        ));
    }
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| {
            TextError::BadUtf16(format!(
                "unpaired surrogate 0x{:04X}",
                e.unpaired_surrogate()
            ))
        })
}

fn limit(mut text: String) -> (String, bool) {
    if text.len() <= MAX_TEXT_BYTES {
        return (text, false);
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    (text, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::keywords::Combination;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let plain = decode_text("习近平到武汉".as_bytes()).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding, plain.truncated),
            ("习近平到武汉", Encoding::Utf8, false)
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("武汉".as_bytes());
        let d = decode_text(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("武汉", Encoding::Utf8Bom));
    }

    #[test]
    fn reads_utf16_with_bom_both_ways() {
        let text = "冠状病毒 and 𝄞";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_text(&le).unwrap().text, text);
        assert_eq!(decode_text(&le).unwrap().encoding, Encoding::Utf16Le);
        assert_eq!(decode_text(&be).unwrap().text, text);
        assert!(matches!(
            decode_text(&le[..le.len() - 1]),
            Err(TextError::BadUtf16(_))
        ));
        // A lone high surrogate.
        assert!(matches!(
            decode_text(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]),
            Err(TextError::BadUtf16(_))
        ));
    }

    #[test]
    fn refuses_binary_with_a_reason() {
        assert_eq!(decode_text(b""), Err(TextError::Empty));
        let err = decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(matches!(err, TextError::NotUtf8 { at: 0 }), "{err:?}");
        let err = decode_text(b"abc\0def").unwrap_err();
        assert!(err.to_string().contains("NUL"), "{err}");
        let err = decode_text(b"ok so far \xC3\x28 then broken").unwrap_err();
        assert_eq!(err, TextError::NotUtf8 { at: 10 });
        assert!(!looks_like_text(&[0, 159, 146, 150]));
    }

    #[test]
    fn a_character_cut_by_truncation_is_tolerated() {
        let bytes = "武汉".as_bytes();
        let d = decode_text(&bytes[..4]).unwrap();
        assert_eq!(d.text, "武");
        assert!(d.truncated);
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let long = "汉".repeat(MAX_TEXT_BYTES / 3 + 10);
        let d = decode_text(long.as_bytes()).unwrap();
        assert!(d.truncated);
        assert!(d.text.len() <= MAX_TEXT_BYTES && d.text.len() > MAX_TEXT_BYTES - 3);
    }

    #[test]
    fn scans_a_text_file_for_combinations() {
        let list = [Combination::parse("美国疾控中心+冠状病毒").unwrap()];
        let m = KeywordMatcher::new(&list).unwrap();
        let hits = scan_text("报告：冠状病毒……美国疾控中心说".as_bytes(), &m).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(scan_text("冠状病毒".as_bytes(), &m).unwrap().is_empty());
        assert!(scan_text(b"\xff\x00\x01", &m).is_err());
    }
}
