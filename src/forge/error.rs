//! Everything that can stop a forge, in words a user can act on.
//!
//! The forge runs in a Web Worker, which speaks English only; the error crosses to the page
//! as data (it is serde), so the page words it in the language it shows.

use super::layout::LayoutError;
use crate::decode::DecodeError;
use crate::t;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ForgeError {
    /// A line of a collision blocks file is malformed or its claim is false.
    Blocks { line: usize, reason: String },
    /// No collision blocks were given (or none exist for the canvas asked for).
    NoBlocks,
    /// The blocks given are for different canvases.
    MixedCanvases,
    /// A picture has no pixels.
    EmptyPicture {
        #[serde(deserialize_with = "which_picture")]
        which: Which,
    },
    /// A picture file could not be decoded.
    Unreadable {
        #[serde(deserialize_with = "which_picture")]
        which: Which,
        #[serde(with = "DecodeErrorDef")]
        error: DecodeError,
    },
    /// Compression failed (not expected with 8-bit indices).
    Encode(String),
    /// Every collision was tried and none gave a layout.
    NoLayout { tried: usize, last: LayoutError },
    /// A built pair failed verification; it is not offered.
    Verify(String),
}

/// Which picture an error is about: "first" or "second". A name for the type, so that serde
/// does not take the text as borrowed from its input (which no error could outlive).
pub type Which = &'static str;

/// Which picture an error is about, as sent.
fn which_picture<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    Ok(match String::deserialize(d)?.as_str() {
        "second" => "second",
        _ => "first",
    })
}

/// [`DecodeError`] as data, so that a picture's problem found in a worker crosses to the page
/// (serde's mirror of a type defined elsewhere; it must list the same variants).
#[derive(Serialize, Deserialize)]
#[serde(remote = "DecodeError")]
#[allow(dead_code)]
pub(crate) enum DecodeErrorDef {
    Empty,
    NotAPicture,
    TooLargeFile { bytes: usize },
    TooLarge { width: u32, height: u32 },
    Truncated,
    Corrupt(String),
}

impl fmt::Display for ForgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Blocks { line, reason } => {
                t!("forge.error.blocks", line = line, reason = reason)
            }
            Self::NoBlocks => t!("forge.error.no_blocks"),
            Self::MixedCanvases => t!("forge.error.mixed_canvases"),
            Self::EmptyPicture { which: "second" } => t!("forge.error.empty_second"),
            Self::EmptyPicture { .. } => t!("forge.error.empty_first"),
            Self::Unreadable {
                which: "second",
                error,
            } => t!("forge.error.unreadable_second", error = error),
            Self::Unreadable { error, .. } => t!("forge.error.unreadable_first", error = error),
            Self::Encode(why) => return f.write_str(why),
            Self::NoLayout { tried, last } => {
                t!("forge.error.no_layout", tried = tried, last = last)
            }
            Self::Verify(why) => t!("forge.error.verify", why = why),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ForgeError {}
