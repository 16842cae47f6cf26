//! The behaviours the research left open, as labelled settings.
//!
//! Each option names the rule it stands for, so the UI can show its source, its
//! confidence and a one-line explanation beside the toggle (product F8: unconfirmed
//! behaviour is a visible toggle, never silently assumed).

use super::rules::{Confidence, Rule};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A range of simulated delays in milliseconds; each job draws one from the seeded Rng.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelayRange {
    pub min_ms: u64,
    pub max_ms: u64,
}

impl DelayRange {
    /// Longest delay accepted: an hour of simulated time.
    pub const MAX_MS: u64 = 3_600_000;

    /// A range from `min_ms` to `max_ms` inclusive.
    pub const fn new(min_ms: u64, max_ms: u64) -> Self {
        Self { min_ms, max_ms }
    }
}

impl fmt::Display for DelayRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min_ms == self.max_ms {
            write!(f, "{} s", self.min_ms as f64 / 1000.0)
        } else {
            write!(
                f,
                "{}–{} s",
                self.min_ms as f64 / 1000.0,
                self.max_ms as f64 / 1000.0
            )
        }
    }
}

/// Where the MD5 of a file found sensitive is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LearnTarget {
    /// Every chat feature's index: the trigger and the measurement may happen in any
    /// kinds of chat, so the Citizen Lab experiment always reproduces.
    AllFeatures,
    /// Only the index of the feature the file was sent in.
    ChatFeature,
}

/// The open questions, answered by the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// International members of a mixed group still receive an item that is filtered for
    /// its China-registered members, when the sender is international.
    pub mixed_group_international_receive: bool,
    /// Text sent among international accounts only is analysed (and the result logged;
    /// no text blacklist exists to learn into).
    pub analyse_international_text: bool,
    /// Where a learned MD5 goes.
    pub learned_hash_target: LearnTarget,
    /// Delay of the analysis of a picture without OCR text.
    pub visual_delay: DelayRange,
    /// Delay of the analysis of a picture with OCR text.
    pub ocr_delay: DelayRange,
    /// Delay of the analysis of documents and other files (and of surveilled text).
    pub document_delay: DelayRange,
    /// Novel pictures are sometimes analysed and censored before delivery.
    pub realtime_novel_images: bool,
    /// Chance (0–100 %) that a novel picture is analysed before delivery, when enabled.
    pub realtime_novel_percent: u8,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            mixed_group_international_receive: true,
            analyse_international_text: false,
            learned_hash_target: LearnTarget::AllFeatures,
            visual_delay: DelayRange::new(2_000, 4_000),
            ocr_delay: DelayRange::new(3_000, 6_000),
            document_delay: DelayRange::new(2_000, 4_000),
            realtime_novel_images: false,
            realtime_novel_percent: 20,
        }
    }
}

/// An option as the UI lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OptionInfo {
    /// The field name in [`Options`].
    pub key: &'static str,
    pub label: &'static str,
    /// The current value, as text.
    pub value: String,
    pub rule: Rule,
    pub source: &'static str,
    pub confidence: Confidence,
    pub explanation: &'static str,
}

impl Options {
    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), String> {
        for (name, d) in [
            ("visual delay", self.visual_delay),
            ("OCR delay", self.ocr_delay),
            ("document delay", self.document_delay),
        ] {
            if d.min_ms > d.max_ms {
                return Err(format!("the {name} starts after it ends ({d:?})"));
            }
            if d.max_ms > DelayRange::MAX_MS {
                return Err(format!("the {name} is over an hour of simulated time"));
            }
        }
        if self.realtime_novel_percent > 100 {
            return Err(format!(
                "a chance of {} % is not a percentage",
                self.realtime_novel_percent
            ));
        }
        Ok(())
    }

    /// Every option with its current value, source, confidence and explanation.
    pub fn catalogue(&self) -> Vec<OptionInfo> {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let info = |key, label, value, rule: Rule, confidence, explanation| OptionInfo {
            key,
            label,
            value,
            rule,
            source: rule.source(),
            confidence,
            explanation,
        };
        vec![
            info(
                "mixed_group_international_receive",
                "International members of a mixed group still receive filtered items",
                yes_no(self.mixed_group_international_receive),
                Rule::MixedGroupInternational,
                Confidence::Unconfirmed,
                "Observed: the China-registered member misses the item. Not stated: whether \
                 the other international members get it. Default yes, as a second Canadian \
                 test account would have served as a delivery check.",
            ),
            info(
                "analyse_international_text",
                "Text among international accounts is analysed",
                yes_no(self.analyse_international_text),
                Rule::InternationalTextAnalysed,
                Confidence::Unconfirmed,
                "Citizen Lab: \"We don't know yet if chat message text is under similar \
                 surveillance.\" Off by default; when on, matches are only logged.",
            ),
            info(
                "learned_hash_target",
                "A learned MD5 is added to",
                match self.learned_hash_target {
                    LearnTarget::AllFeatures => "every chat feature".into(),
                    LearnTarget::ChatFeature => "the chat feature it was sent in".into(),
                },
                Rule::LearnedHashTarget,
                Confidence::Assumption,
                "Not published. Every feature by default, so the trigger (international \
                 chat) and the measurement (chat with a China-registered account) may be any \
                 kinds of chat and the Citizen Lab experiment reproduces.",
            ),
            info(
                "visual_delay",
                "Analysis delay of a picture",
                self.visual_delay.to_string(),
                Rule::AnalysisDelay,
                Confidence::Assumption,
                "Visual matches were removed within about 10 s in Moments; around the 2020 \
                 study analysis \"usually takes a few seconds\".",
            ),
            info(
                "ocr_delay",
                "Analysis delay of a picture with text (OCR)",
                self.ocr_delay.to_string(),
                Rule::AnalysisDelay,
                Confidence::Assumption,
                "OCR matches took 5–30 s in Moments; shortened here to keep a lesson moving.",
            ),
            info(
                "document_delay",
                "Analysis delay of a document",
                self.document_delay.to_string(),
                Rule::AnalysisDelay,
                Confidence::Assumption,
                "No measurement was published for documents: \"a few seconds\".",
            ),
            info(
                "realtime_novel_images",
                "Novel pictures are sometimes censored on first sending",
                yes_no(self.realtime_novel_images),
                Rule::RealtimeNovelImage,
                Confidence::Secondary,
                "Reported as \"sometimes\" for the 2020 study's period, unexplained. When on, \
                 a novel picture is analysed before delivery with the chance below.",
            ),
            info(
                "realtime_novel_percent",
                "Chance of analysis before delivery",
                format!("{} %", self.realtime_novel_percent),
                Rule::RealtimeNovelImage,
                Confidence::Assumption,
                "No rate was published; the value is a setting.",
            ),
        ]
    }

    /// Sentences describing what differs between `self` and `new`.
    pub fn changes_to(&self, new: &Options) -> Vec<String> {
        let old = self.catalogue();
        new.catalogue()
            .into_iter()
            .zip(old)
            .filter(|(n, o)| n.value != o.value)
            .map(|(n, o)| format!("{}: {} → {}", n.label, o.value, n.value))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_labelled() {
        let options = Options::default();
        assert_eq!(options.validate(), Ok(()));
        let catalogue = options.catalogue();
        assert_eq!(catalogue.len(), 8);
        let mixed = &catalogue[0];
        assert_eq!(
            (mixed.value.as_str(), mixed.confidence),
            ("yes", Confidence::Unconfirmed)
        );
        assert!(
            catalogue
                .iter()
                .all(|o| o.source.contains('§') && !o.explanation.is_empty())
        );
        assert!(
            catalogue
                .iter()
                .any(|o| o.key == "learned_hash_target" && o.confidence == Confidence::Assumption)
        );
    }

    #[test]
    fn refuses_impossible_settings_and_lists_changes() {
        let mut bad = Options {
            visual_delay: DelayRange::new(5_000, 1_000),
            ..Options::default()
        };
        assert!(bad.validate().unwrap_err().contains("visual delay"));
        bad.visual_delay = DelayRange::new(0, DelayRange::MAX_MS + 1);
        assert!(bad.validate().is_err());
        let bad = Options {
            realtime_novel_percent: 101,
            ..Options::default()
        };
        assert!(bad.validate().is_err());
        let new = Options {
            analyse_international_text: true,
            ..Options::default()
        };
        assert_eq!(
            Options::default().changes_to(&new),
            vec!["Text among international accounts is analysed: no → yes".to_string()]
        );
    }
}
