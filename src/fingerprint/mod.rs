//! Fingerprints of files: the exact MD5 the censor indexes, and the luminosity greyscale
//! the visual filters start from.

mod grey;
mod md5;
mod pdq;

pub use grey::{Greyscale, luminosity};
pub use md5::{Digest, Md5Stream, md5};
