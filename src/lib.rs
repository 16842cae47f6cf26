//! hashwall: an in-browser demonstrator of hash-based censorship.
//!
//! The crate is one library with a pure core and a thin browser shell:
//!
//! - [`collide`]: our own MD5 collision attack (two blocks after any prefix).
//! - [`decode`]: untrusted pictures to pixels, under size limits.
//! - [`fingerprint`]: streaming MD5 and the luminosity greyscale every filter shares.
//! - [`forge`]: same-MD5 GIF pairs from two pictures.
//! - [`rng`]: the small seeded generator that makes every simulation replayable.
//!
//! Nothing outside `ui` (compiled only for `wasm32`) knows about the browser.
#![forbid(unsafe_code)]

pub mod collide;
pub mod decode;
pub mod fingerprint;
pub mod forge;
pub mod rng;
