//! The behaviours the research left open, as labelled settings.
//!
//! Each option is named by an [`OptionKey`] and has one record: its label, the rule it
//! stands for, how sure the research is, and a line of explanation, so the console can show
//! every unconfirmed behaviour as a visible, sourced setting rather than a silent assumption.

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
    /// Every chat feature's index.
    AllFeatures,
    /// Only the index of the feature the file was sent in: each feature keeps its own
    /// index, as the research reports (sources §1.5).
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
    /// Chance (0–100 %) that the MD5 of a file the analysis flags is listed: 100 is a
    /// deterministic demonstration; the Citizen Lab's trials took effect 49 times in 60.
    #[serde(default = "always")]
    pub listing_percent: u8,
}

fn always() -> u8 {
    100
}

impl Default for Options {
    fn default() -> Self {
        Self {
            mixed_group_international_receive: true,
            analyse_international_text: false,
            learned_hash_target: LearnTarget::ChatFeature,
            visual_delay: DelayRange::new(2_000, 4_000),
            ocr_delay: DelayRange::new(3_000, 6_000),
            document_delay: DelayRange::new(2_000, 4_000),
            realtime_novel_images: false,
            realtime_novel_percent: 20,
            listing_percent: 100,
        }
    }
}

/// The name of one option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionKey {
    MixedGroupInternationalReceive,
    AnalyseInternationalText,
    LearnedHashTarget,
    VisualDelay,
    OcrDelay,
    DocumentDelay,
    RealtimeNovelImages,
    RealtimeNovelPercent,
    ListingPercent,
}

/// The value of one option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum OptionValue {
    Flag(bool),
    Learn(LearnTarget),
    Delay(DelayRange),
    Percent(u8),
}

impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag(on) => f.write_str(if *on { "yes" } else { "no" }),
            Self::Learn(LearnTarget::AllFeatures) => f.write_str("every chat feature"),
            Self::Learn(LearnTarget::ChatFeature) => f.write_str("the chat feature it was sent in"),
            Self::Delay(range) => range.fmt(f),
            Self::Percent(p) => write!(f, "{p} %"),
        }
    }
}

/// One option's label, rule, confidence and explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionRecord {
    pub key: OptionKey,
    pub label: &'static str,
    pub rule: Rule,
    pub confidence: Confidence,
    pub explanation: &'static str,
}

/// Every option, in the order the console lists them.
pub const OPTIONS: [OptionRecord; 9] = [
    OptionRecord {
        key: OptionKey::MixedGroupInternationalReceive,
        label: "International members of a mixed group still receive filtered items",
        rule: Rule::MixedGroupInternational,
        confidence: Confidence::Unconfirmed,
        explanation: "Observed: the China-registered member misses the item. Not stated: \
                      whether the other international members get it. Default yes, as a second \
                      Canadian test account would have served as a delivery check.",
    },
    OptionRecord {
        key: OptionKey::AnalyseInternationalText,
        label: "Text among international accounts is analysed",
        rule: Rule::InternationalTextAnalysed,
        confidence: Confidence::Unconfirmed,
        explanation: "The Citizen Lab did not know whether chat text is under similar \
                      surveillance. Off by default; when on, matches are only logged.",
    },
    OptionRecord {
        key: OptionKey::LearnedHashTarget,
        label: "A learned MD5 is added to",
        rule: Rule::LearnedHashTarget,
        confidence: Confidence::Assumption,
        explanation: "Not published. Each chat feature keeps its own index (reported for \
                      one-to-one chats, groups and Moments), so by default a learned MD5 joins the \
                      index of the feature it was sent in: trigger and measurement must then use \
                      the same kind of chat.",
    },
    OptionRecord {
        key: OptionKey::VisualDelay,
        label: "Analysis delay of a picture",
        rule: Rule::AnalysisDelay,
        confidence: Confidence::Assumption,
        explanation: "Visual matches were removed within about 10 s in Moments; around the \
                      2020 study analysis usually took a few seconds.",
    },
    OptionRecord {
        key: OptionKey::OcrDelay,
        label: "Analysis delay of a picture with text (OCR)",
        rule: Rule::AnalysisDelay,
        confidence: Confidence::Assumption,
        explanation: "OCR matches took 5–30 s in Moments; shortened here to keep a lesson moving.",
    },
    OptionRecord {
        key: OptionKey::DocumentDelay,
        label: "Analysis delay of a document",
        rule: Rule::AnalysisDelay,
        confidence: Confidence::Assumption,
        explanation: "No measurement was published for documents: a few seconds.",
    },
    OptionRecord {
        key: OptionKey::RealtimeNovelImages,
        label: "Novel pictures are sometimes censored on first sending",
        rule: Rule::RealtimeNovelImage,
        confidence: Confidence::Secondary,
        explanation: "Reported as happening sometimes in the 2020 study's period, unexplained. \
                      When on, a novel picture is analysed before delivery with the chance below.",
    },
    OptionRecord {
        key: OptionKey::RealtimeNovelPercent,
        label: "Chance of analysis before delivery",
        rule: Rule::RealtimeNovelImage,
        confidence: Confidence::Assumption,
        explanation: "No rate was published; the value is a setting.",
    },
    OptionRecord {
        key: OptionKey::ListingPercent,
        label: "Chance that a flagged file's MD5 is listed",
        rule: Rule::ListingRate,
        confidence: Confidence::Secondary,
        explanation: "In the Citizen Lab's 2019 trials 49 of 60 trigger images (about 82 %) were \
                      blocked afterwards, and why the others were not is unknown. 100 % makes a \
                      demonstration deterministic; 82 % imitates the trials.",
    },
];

/// Why a setting was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// A delay range that starts after it ends.
    Backwards(OptionKey),
    /// A delay over [`DelayRange::MAX_MS`].
    TooLong(OptionKey),
    NotAPercentage(u8),
    /// A value of the wrong type for the key.
    WrongType(OptionKey),
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Backwards(key) => write!(f, "the {} starts after it ends", key.record().label),
            Self::TooLong(key) => write!(
                f,
                "the {} is over an hour of simulated time",
                key.record().label
            ),
            Self::NotAPercentage(p) => write!(f, "a chance of {p} % is not a percentage"),
            Self::WrongType(key) => write!(f, "not a value for \"{}\"", key.record().label),
        }
    }
}

impl std::error::Error for OptionsError {}

/// One option that changed, for the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionChange {
    pub key: OptionKey,
    pub from: OptionValue,
    pub to: OptionValue,
}

impl OptionKey {
    /// The option's name in saved and exported settings (and in element ids).
    pub fn name(self) -> &'static str {
        use OptionKey as K;
        match self {
            K::MixedGroupInternationalReceive => "mixed_group_international_receive",
            K::AnalyseInternationalText => "analyse_international_text",
            K::LearnedHashTarget => "learned_hash_target",
            K::VisualDelay => "visual_delay",
            K::OcrDelay => "ocr_delay",
            K::DocumentDelay => "document_delay",
            K::RealtimeNovelImages => "realtime_novel_images",
            K::RealtimeNovelPercent => "realtime_novel_percent",
            K::ListingPercent => "listing_percent",
        }
    }

    /// Whether the console shows the option: the OCR delay stays hidden while this version
    /// reads no text in pictures (A10), so no setting pretends otherwise.
    pub fn shown(self) -> bool {
        self != Self::OcrDelay
    }

    /// The option's record.
    pub fn record(self) -> &'static OptionRecord {
        OPTIONS
            .iter()
            .find(|o| o.key == self)
            .expect("every key has a record (tested)")
    }
}

impl Options {
    /// The value of one option.
    pub fn get(&self, key: OptionKey) -> OptionValue {
        use OptionKey as K;
        match key {
            K::MixedGroupInternationalReceive => {
                OptionValue::Flag(self.mixed_group_international_receive)
            }
            K::AnalyseInternationalText => OptionValue::Flag(self.analyse_international_text),
            K::LearnedHashTarget => OptionValue::Learn(self.learned_hash_target),
            K::VisualDelay => OptionValue::Delay(self.visual_delay),
            K::OcrDelay => OptionValue::Delay(self.ocr_delay),
            K::DocumentDelay => OptionValue::Delay(self.document_delay),
            K::RealtimeNovelImages => OptionValue::Flag(self.realtime_novel_images),
            K::RealtimeNovelPercent => OptionValue::Percent(self.realtime_novel_percent),
            K::ListingPercent => OptionValue::Percent(self.listing_percent),
        }
    }

    /// These options with one value changed, checked.
    pub fn with(&self, key: OptionKey, value: OptionValue) -> Result<Options, OptionsError> {
        use OptionKey as K;
        use OptionValue as V;
        let mut next = self.clone();
        match (key, value) {
            (K::MixedGroupInternationalReceive, V::Flag(on)) => {
                next.mixed_group_international_receive = on;
            }
            (K::AnalyseInternationalText, V::Flag(on)) => next.analyse_international_text = on,
            (K::RealtimeNovelImages, V::Flag(on)) => next.realtime_novel_images = on,
            (K::LearnedHashTarget, V::Learn(target)) => next.learned_hash_target = target,
            (K::VisualDelay, V::Delay(range)) => next.visual_delay = range,
            (K::OcrDelay, V::Delay(range)) => next.ocr_delay = range,
            (K::DocumentDelay, V::Delay(range)) => next.document_delay = range,
            (K::RealtimeNovelPercent, V::Percent(p)) => next.realtime_novel_percent = p,
            (K::ListingPercent, V::Percent(p)) => next.listing_percent = p,
            (key, _) => return Err(OptionsError::WrongType(key)),
        }
        next.validate()?;
        Ok(next)
    }

    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), OptionsError> {
        for key in [
            OptionKey::VisualDelay,
            OptionKey::OcrDelay,
            OptionKey::DocumentDelay,
        ] {
            if let OptionValue::Delay(d) = self.get(key) {
                if d.min_ms > d.max_ms {
                    return Err(OptionsError::Backwards(key));
                }
                if d.max_ms > DelayRange::MAX_MS {
                    return Err(OptionsError::TooLong(key));
                }
            }
        }
        for p in [self.realtime_novel_percent, self.listing_percent] {
            if p > 100 {
                return Err(OptionsError::NotAPercentage(p));
            }
        }
        Ok(())
    }

    /// What differs between `self` and `new`, in the console's order.
    pub fn changes_to(&self, new: &Options) -> Vec<OptionChange> {
        OPTIONS
            .iter()
            .map(|o| OptionChange {
                key: o.key,
                from: self.get(o.key),
                to: new.get(o.key),
            })
            .filter(|c| c.from != c.to)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_record_and_a_value() {
        let options = Options::default();
        assert_eq!(options.validate(), Ok(()));
        for (i, record) in OPTIONS.iter().enumerate() {
            assert_eq!(
                OPTIONS.iter().position(|o| o.key == record.key),
                Some(i),
                "{:?} twice",
                record.key
            );
            assert_eq!(record.key.record(), record);
            assert_eq!(
                serde_json::to_string(&record.key).unwrap(),
                format!("\"{}\"", record.key.name())
            );
            // Setting an option to its own value is accepted and changes nothing.
            let same = options.with(record.key, options.get(record.key)).unwrap();
            assert_eq!(same, options);
            assert!(!record.explanation.is_empty());
        }
        let mixed = OptionKey::MixedGroupInternationalReceive.record();
        assert_eq!(
            (options.get(mixed.key).to_string(), mixed.confidence),
            ("yes".to_string(), Confidence::Unconfirmed)
        );
        assert_eq!(
            OptionKey::LearnedHashTarget.record().confidence,
            Confidence::Assumption
        );
    }

    #[test]
    fn the_records_cover_every_key() {
        use OptionKey as K;
        // A key added to the enum breaks this match until it is listed here too.
        let listed = |key: OptionKey| match key {
            K::MixedGroupInternationalReceive
            | K::AnalyseInternationalText
            | K::LearnedHashTarget
            | K::VisualDelay
            | K::OcrDelay
            | K::DocumentDelay
            | K::RealtimeNovelImages
            | K::RealtimeNovelPercent
            | K::ListingPercent => OPTIONS.iter().any(|o| o.key == key),
        };
        let keys = [
            K::MixedGroupInternationalReceive,
            K::AnalyseInternationalText,
            K::LearnedHashTarget,
            K::VisualDelay,
            K::OcrDelay,
            K::DocumentDelay,
            K::RealtimeNovelImages,
            K::RealtimeNovelPercent,
            K::ListingPercent,
        ];
        assert!(keys.into_iter().all(listed));
        assert_eq!(keys.len(), OPTIONS.len());
    }

    #[test]
    fn refuses_impossible_settings_and_lists_changes() {
        let bad = Options {
            visual_delay: DelayRange::new(5_000, 1_000),
            ..Options::default()
        };
        assert_eq!(
            bad.validate(),
            Err(OptionsError::Backwards(OptionKey::VisualDelay))
        );
        assert!(bad.validate().unwrap_err().to_string().contains("picture"));
        let options = Options::default();
        assert_eq!(
            options.with(
                OptionKey::VisualDelay,
                OptionValue::Delay(DelayRange::new(0, DelayRange::MAX_MS + 1))
            ),
            Err(OptionsError::TooLong(OptionKey::VisualDelay))
        );
        assert_eq!(
            options.with(OptionKey::RealtimeNovelPercent, OptionValue::Percent(101)),
            Err(OptionsError::NotAPercentage(101))
        );
        assert_eq!(
            options.with(OptionKey::OcrDelay, OptionValue::Flag(true)),
            Err(OptionsError::WrongType(OptionKey::OcrDelay))
        );
        let new = options
            .with(OptionKey::AnalyseInternationalText, OptionValue::Flag(true))
            .unwrap();
        assert_eq!(
            options.changes_to(&new),
            vec![OptionChange {
                key: OptionKey::AnalyseInternationalText,
                from: OptionValue::Flag(false),
                to: OptionValue::Flag(true),
            }]
        );
    }
}
