//! hashwall: an in-browser demonstrator of hash-based censorship.
//!
//! The crate is one library with a pure core and a thin browser shell:
//!
//! - [`decode`]: untrusted pictures to pixels, under size limits.
//! - [`fingerprint`]: streaming MD5 and the luminosity greyscale every filter shares.
//! - [`forge`]: same-MD5 GIF pairs from two pictures.
//! - [`jobs`]: the messages between the page and its workers.
//! - [`rng`]: the small seeded generator that makes every simulation replayable.
//! - [`samples`]: the sample tray, pictures drawn and texts written by the project itself.
//! - `ui` and `web` (wasm32 only): the Yew interface and the browser glue.
//!
//! Nothing outside `ui` and `web` knows about the browser.
#![forbid(unsafe_code)]

pub mod decode;
pub mod fingerprint;
pub mod forge;
pub mod jobs;
pub mod rng;
pub mod samples;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
