//! Where a list entry came from: seeded with the scenario, added by hand in the censor's
//! console, or learned by the surveillance pipeline from a message.
//!
//! The console shows this beside every entry, so a class can see that the blacklist grew
//! from their own messages. Provenance is data; `platform::narrate` writes it as a sentence.

use serde::{Deserialize, Serialize};

/// The origin of a hash, keyword or visual-reference entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Provenance {
    /// Part of the starting scenario; `source` cites where the entry comes from
    /// (`docs/sources.md`).
    Seeded { source: String },
    /// Added in the censor's console at simulated time `at` (ms).
    Manual { at: u64 },
    /// Added by the analysis of message `message` at simulated time `at` (ms), because of
    /// what it detected.
    Learned {
        message: u64,
        at: u64,
        by: Detection,
    },
}

/// What made an analysis find a file sensitive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "filter", rename_all = "snake_case")]
pub enum Detection {
    /// It looks like reference picture `reference`.
    Visual { reference: u32, name: String },
    /// Text read from it contains every part of keyword entry `entry`.
    Keywords {
        source: TextSource,
        entry: u32,
        combination: String,
    },
}

/// Where analysed text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSource {
    /// Recognised in a picture.
    Ocr,
    /// Read from a document.
    Document,
    /// A chat text message (surveillance of international text, an option).
    Message,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_round_trips_as_tagged_json() {
        let by = Detection::Keywords {
            source: TextSource::Document,
            entry: 2,
            combination: "a+b".into(),
        };
        for p in [
            Provenance::Learned {
                message: 7,
                at: 1,
                by,
            },
            Provenance::Manual { at: 9 },
        ] {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Provenance>(&json).unwrap(), p);
        }
        let json = serde_json::to_string(&Provenance::Seeded {
            source: "S1".into(),
        })
        .unwrap();
        assert_eq!(json, r#"{"from":"seeded","source":"S1"}"#);
    }
}
