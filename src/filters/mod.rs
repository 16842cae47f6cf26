//! The censor's filters, independent of any chat: keyword combinations, the MD5 hash
//! index, visual similarity, plain-text and document reading, and the per-file analysis a worker runs.
//!
//! The platform decides *when* each filter applies (who is censored, which list); this
//! module only answers "does this match, and why".

pub mod analysis;
pub mod documents;
pub mod hash_index;
pub mod keywords;
mod provenance;
pub mod text;
pub mod visual;

#[cfg(test)]
pub(crate) mod test_pictures;

pub use analysis::{
    ContentProblem, FileFacts, FileIntake, FileKind, NoOcr, PictureFacts, TextRecogniser,
    analyse_file, analyse_file_with,
};
pub use hash_index::{HashEntry, HashIndex};
pub use keywords::{Combination, KeywordError, KeywordHit, KeywordMatcher, PartFound};
pub use provenance::{Detection, Provenance, TextSource};
pub use visual::{PdqMatcher, Similarity, VisualMatcher, VisualSignature};
