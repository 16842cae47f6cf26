//! Fingerprints of files: the exact MD5 the censor indexes, the luminosity greyscale the
//! visual filters start from, and the PDQ perceptual hash they compare.

mod grey;
mod md5;
mod pdq;

pub use grey::{Greyscale, luminosity};
pub use md5::{Digest, Md5Stream, md5};
pub use pdq::{Pdq, pdq};
