//! Everything that can stop a forge, in words a user can act on.

use super::layout::LayoutError;
use crate::decode::DecodeError;
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
    EmptyPicture { which: &'static str },
    /// A picture file could not be decoded.
    Unreadable {
        which: &'static str,
        error: DecodeError,
    },
    /// Compression failed (not expected with 8-bit indices).
    Encode(String),
    /// Every collision was tried and none gave a layout.
    NoLayout { tried: usize, last: LayoutError },
    /// A built pair failed verification; it is not offered.
    Verify(String),
}

impl fmt::Display for ForgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Blocks { line, reason } => write!(f, "collision blocks, line {line}: {reason}"),
            Self::NoBlocks => write!(f, "no collision blocks are available for this canvas size"),
            Self::MixedCanvases => write!(
                f,
                "the collision blocks given are for different canvas sizes"
            ),
            Self::EmptyPicture { which } => write!(f, "the {which} picture has no pixels"),
            Self::Unreadable { which, error } => {
                write!(f, "the {which} picture cannot be used: {error}")
            }
            Self::Encode(why) => write!(f, "{why}"),
            Self::NoLayout { tried, last } => {
                write!(
                    f,
                    "no same-MD5 layout was found with {tried} collision(s); the last said: {last}"
                )
            }
            Self::Verify(why) => write!(
                f,
                "the forged pair failed verification and is not offered: {why}"
            ),
        }
    }
}

impl std::error::Error for ForgeError {}
