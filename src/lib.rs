//! hashwall: an in-browser demonstrator of hash-based censorship.
//!
//! The crate is one library with a pure core and a thin browser shell:
//!
//! - [`collide`]: our own MD5 collision attack (two blocks after any prefix).
//! - [`csv`]: CSV for spreadsheets, fields quoted and formulas defused.
//! - [`decode`]: untrusted pictures to pixels, under size limits.
//! - [`detect`]: the censor's side, MD5 collision blocks found inside one file (counter-cryptanalysis).
//! - [`filters`]: keyword combinations, the MD5 hash index, visual similarity, file analysis.
//! - [`fingerprint`]: streaming MD5 and the luminosity greyscale every filter shares.
//! - [`forge`]: same-MD5 GIF pairs from two pictures.
//! - [`jobs`]: the messages between the page and its workers.
//! - [`l10n`]: the interface's words in English and Simplified Chinese (`t!`).
//! - [`platform`]: the simulated messaging platform, a deterministic state machine.
//! - [`samples`]: the sample tray, pictures drawn and texts written by the project itself.
//! - [`rng`]: the small seeded generator that makes every simulation replayable.
//! - [`scenario`]: the classroom sandbox around the platform, and its announcements.
//! - [`thumbnail`]: small JPEG previews as `data:` URLs.
//! - `ui` and `web` (wasm32 only): the Yew interface and the browser glue.
//!
//! Nothing outside `ui` and `web` knows about the browser.
#![forbid(unsafe_code)]

pub mod collide;
pub mod csv;
pub mod decode;
pub mod detect;
pub mod filters;
pub mod fingerprint;
pub mod forge;
pub mod jobs;
pub mod l10n;
pub mod platform;
pub mod rng;
pub mod samples;
pub mod scenario;
pub mod thumbnail;

// English compiled in; Chinese fetched on demand and served by `l10n::Fetched` (see there).
rust_i18n::i18n!("locales/en", fallback = "en", backend = l10n::Fetched);

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
