//! The censor's counter-move: finding MD5 collision blocks inside a single file.
//!
//! A same-MD5 pair is made of two files that differ only inside a few 64-byte blocks built by a
//! collision attack. Each file alone carries the evidence: for every block, with the chaining
//! value before it known from ordinary hashing, one can compute what the block's "sister" (the
//! block with the attack's message differences applied) would give, and see that the two land
//! exactly where the attack needs them. This is Marc Stevens' counter-cryptanalysis
//! ("Counter-cryptanalysis", CRYPTO 2013), written here from the paper's idea and MD5's structure
//! for two attack classes ([`CollisionClass`]): Wang et al.'s differential, which fastcoll and
//! our own `collide` use, and Stevens' UniColl, which Citizen Lab's WeChat pair uses.
//!
//! [`scan`] reads a whole buffer; [`Detector`] takes a file chunk by chunk (for a browser worker
//! and files larger than memory) and gives the same [`Scan`]: the file's MD5 and each detected
//! block with its offset, class and [`Role`] (first, near-collision block, or second block that
//! completes the collision). A reported block has passed the full definition (two sister
//! compressions), so reports are exact; random data would need a 128-bit coincidence.
//!
//! Speed: the sister is computed only from round 4 on (see `class`), four steps per class for
//! almost every block, so the whole scan costs about 1.2× a plain MD5 (`md-5`) of the same
//! bytes: 1.17–1.40× over eight runs of `detect --bench` (256 MiB) on the shared 2-core
//! development VM under load, 2026-12-02, e.g. 599 against 743 MB/s. Two runs with the checks
//! switched off (a one-off experiment) gave 1.13× and 1.23×, so the checks cost less than the
//! run-to-run noise; the rest is our own compression, which keeps inner states that `md-5` does
//! not expose.
//!
//! Modules: `compress` (MD5's compression keeping the inner states the check starts from),
//! `class` (the classes and the check of one block), `stream` (the detector over a file),
//! `twin` (the other file a detected collision implies).
//!
//! Not detected: attacks with other message differences (chosen-prefix near-collision blocks,
//! single-block collisions, variants whose round-4 path or δIHV differs from the published ones).

mod class;
mod compress;
mod stream;
mod twin;

pub use class::{CollisionClass, Role};
pub use stream::{Detection, Detector, Scan, scan};
pub use twin::{Twin, twin};
