//! Everything that can stop a forge, in words a user can act on.
//!
//! The forge runs in a Web Worker, which speaks English only; the error crosses to the page
//! as a [`Message`], so the page words it in the language it shows.

use super::layout::LayoutError;
use crate::decode::DecodeError;
use crate::l10n::Message;
use crate::message;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForgeError {
    /// A line of a collision blocks file is malformed or its claim is false.
    Blocks { line: usize, reason: String },
    /// No collision blocks were given (or none exist for the canvas asked for).
    NoBlocks,
    /// The blocks given are for different canvases.
    MixedCanvases,
    /// A picture has no pixels.
    EmptyPicture { which: Which },
    /// A picture file could not be decoded.
    Unreadable { which: Which, error: DecodeError },
    /// Compression failed (not expected with 8-bit indices).
    Encode(String),
    /// Every collision was tried and none gave a layout.
    NoLayout { tried: usize, last: LayoutError },
    /// A built pair failed verification; it is not offered.
    Verify(String),
}

/// Which picture an error is about: "first" or "second".
pub type Which = &'static str;

impl ForgeError {
    /// What stopped the forge, as a message: the forge runs in a worker, the page words it.
    pub fn message(&self) -> Message {
        match self {
            Self::Blocks { line, reason } => {
                message!("forge.error.blocks", line = *line, reason = reason)
            }
            Self::NoBlocks => message!("forge.error.no_blocks"),
            Self::MixedCanvases => message!("forge.error.mixed_canvases"),
            Self::EmptyPicture { which: "second" } => message!("forge.error.empty_second"),
            Self::EmptyPicture { .. } => message!("forge.error.empty_first"),
            Self::Unreadable {
                which: "second",
                error,
            } => message!("forge.error.unreadable_second", error = error.message()),
            Self::Unreadable { error, .. } => {
                message!("forge.error.unreadable_first", error = error.message())
            }
            Self::Encode(why) => message!("forge.error.encode", why = why),
            Self::NoLayout { tried, last } => message!(
                "forge.error.no_layout",
                tried = *tried,
                last = last.message()
            ),
            Self::Verify(why) => message!("forge.error.verify", why = why),
        }
    }
}

impl fmt::Display for ForgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ForgeError {}
