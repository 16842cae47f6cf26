//! Where a list entry came from: seeded with the scenario, added by hand in the censor's
//! console, or learned by the surveillance pipeline from a message.
//!
//! The console shows this beside every entry (product F3), so a class can see that the
//! blacklist grew from their own messages.

use serde::{Deserialize, Serialize};

/// The origin of a hash, keyword or visual-reference entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Provenance {
    /// Part of the starting scenario; `source` says where the entry comes from.
    Seeded { source: String },
    /// Added in the censor's console at simulated time `at` (ms).
    Manual { at: u64 },
    /// Added by the analysis of message `message` at simulated time `at` (ms), because
    /// `rule` fired on `matched` (a keyword combination or a reference picture).
    Learned {
        message: u64,
        at: u64,
        rule: String,
        matched: String,
    },
}

impl Provenance {
    /// One line for the console, e.g. "learned from message #3 at 12.500 s (…)".
    pub fn describe(&self) -> String {
        match self {
            Self::Seeded { source } => format!("seeded ({source})"),
            Self::Manual { at } => format!("added by hand at {}", format_time(*at)),
            Self::Learned {
                message,
                at,
                rule,
                matched,
            } => {
                format!(
                    "learned from message #{message} at {} ({rule}: {matched})",
                    format_time(*at)
                )
            }
        }
    }
}

/// Simulated milliseconds as seconds with three decimals, e.g. "12.500 s".
pub fn format_time(ms: u64) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_each_origin() {
        assert_eq!(format_time(12_500), "12.500 s");
        assert_eq!(format_time(7), "0.007 s");
        let learned = Provenance::Learned {
            message: 3,
            at: 4_250,
            rule: "visual similarity".into(),
            matched: "reference #1 \"Cartoon\"".into(),
        };
        assert_eq!(
            learned.describe(),
            "learned from message #3 at 4.250 s (visual similarity: reference #1 \"Cartoon\")"
        );
        assert_eq!(
            Provenance::Manual { at: 1000 }.describe(),
            "added by hand at 1.000 s"
        );
        let json = serde_json::to_string(&learned).unwrap();
        assert!(json.contains("\"from\":\"learned\""), "{json}");
        assert_eq!(serde_json::from_str::<Provenance>(&json).unwrap(), learned);
    }
}
