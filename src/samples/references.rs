//! The visual reference list the sandbox starts with: the tray's sensitive pictures, as
//! the censor would hold them (their perceptual signatures, never the pictures).
//!
//! Signatures are computed once by `cargo run --release --bin samples` into
//! `www/samples/references.json` and compiled in, so the page needs no decoding at start;
//! a test recomputes them from the committed pictures.

use crate::filters::VisualSignature;
use crate::fingerprint::Digest;
use crate::platform::ReferenceSeed;
use serde::{Deserialize, Serialize};

/// The tray picture whose MD5 the group index already holds at the start: an example of a
/// hash the censor learned before the lesson began (group lists start larger, rule 5).
pub const KNOWN_IN_GROUP_INDEX: &str = "blank-paper";

/// One line of `references.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceRecord {
    pub id: String,
    pub name: String,
    pub signature: VisualSignature,
    /// PDQ's signature of the same picture, for the console's comparison with PDQ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdq: Option<VisualSignature>,
    pub md5: Digest,
}

/// Whether a tray item is one of the seeded reference pictures: every sensitive drawing,
/// but not the forged twin, which must be caught by its likeness to the tanks drawing, nor a
/// picture sensitive for its words, which the OCR must find.
pub fn is_reference(sample: &super::Sample) -> bool {
    sample.sensitive
        && sample.kind == super::SampleKind::Picture
        && !sample.id.starts_with("twin-")
        && sample.combination.is_none()
}

/// The records compiled into the app.
pub fn records() -> Vec<ReferenceRecord> {
    serde_json::from_str(include_str!("../../www/samples/references.json")).unwrap_or_default()
}

/// The seeds for [`crate::platform::preset`].
pub fn seeds() -> Vec<ReferenceSeed> {
    records()
        .into_iter()
        .map(|r| ReferenceSeed {
            source: format!(
                "hashwall sample \"{}\", standing in for a censored picture",
                r.id
            ),
            md5: (r.id == KNOWN_IN_GROUP_INDEX).then_some(r.md5),
            name: r.name,
            signature: r.signature,
            pdq: r.pdq,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::{PdqMatcher, VisualMatcher, default_matcher};
    use crate::fingerprint::{luminosity, md5};

    #[test]
    fn compiled_references_match_the_committed_pictures() {
        let records = records();
        let sensitive: Vec<_> = super::super::catalogue()
            .into_iter()
            .filter(is_reference)
            .collect();
        assert_eq!(
            records.len(),
            sensitive.len(),
            "one reference per sensitive picture"
        );
        for sample in sensitive {
            let record = records
                .iter()
                .find(|r| r.id == sample.id)
                .expect("a record");
            let path = format!(
                "{}/www/samples/{}",
                env!("CARGO_MANIFEST_DIR"),
                sample.file_name.unwrap()
            );
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(record.md5, md5(&bytes), "{}", sample.id);
            let rgba = crate::decode::decode_rgba(&bytes).unwrap();
            let grey = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
            assert_eq!(
                record.signature,
                default_matcher().signature(&grey),
                "{}",
                sample.id
            );
            assert_eq!(
                record.pdq,
                Some(PdqMatcher::default().signature(&grey)),
                "{}",
                sample.id
            );
        }
        assert_eq!(seeds().iter().filter(|s| s.md5.is_some()).count(), 1);
    }
}
