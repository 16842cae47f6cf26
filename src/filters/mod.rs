//! The censor's filters, independent of any chat: keyword combinations, the MD5 hash
//! index, visual similarity, plain-text and document reading, and the per-file analysis a worker runs.
//!
//! The platform decides *when* each filter applies (who is censored, which list); this
//! module only answers "does this match, and why".

pub mod analysis;
mod automaton;
pub mod documents;
pub mod edges;
pub mod hash_index;
pub mod keywords;
mod provenance;
pub mod text;
pub mod transform;
pub mod variants;
pub mod visual;

#[cfg(test)]
mod evasion;

#[cfg(test)]
pub(crate) mod test_pictures;

pub use analysis::{
    ContentProblem, FileFacts, FileIntake, FileKind, NoOcr, PictureFacts, TextRecogniser,
    analyse_file, analyse_file_with,
};
pub use edges::EdgeMatcher;
pub use hash_index::{HashEntry, HashIndex};
pub use keywords::{Combination, KeywordError, KeywordHit, KeywordMatcher, PartFound};
pub use provenance::{Detection, Provenance, TextSource};
pub use visual::{PdqMatcher, Similarity, Verdict, VisualMatcher, VisualSignature};

/// The visual matcher the app uses everywhere (analysis, the worker, the platform): the
/// edge-map hypothesis fitted to Citizen Lab's tests. [`PdqMatcher`] stays for comparison.
pub type AppMatcher = EdgeMatcher;

/// The app's visual matcher with its default settings.
pub fn default_matcher() -> AppMatcher {
    AppMatcher::default()
}
