//! The behaviours the research left open, as labelled settings.
//!
//! Each option is named by an [`OptionKey`] and has one record: its label, the rule it
//! stands for, how sure the research is, and a line of explanation, so the console can show
//! every unconfirmed behaviour as a visible, sourced setting rather than a silent assumption.
//! The words are in `locales/*/platform.*.yml`: [`OptionKey::label`] and
//! [`OptionKey::explanation`] give them in the page's language.

use super::rules::{Confidence, Rule};
use crate::t;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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

/// "2–4 s", in the current language.
impl fmt::Display for DelayRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (min, max) = (self.min_ms as f64 / 1000.0, self.max_ms as f64 / 1000.0);
        if self.min_ms == self.max_ms {
            f.write_str(&t!("platform.options.seconds", s = min))
        } else {
            f.write_str(&t!("platform.options.seconds_range", min = min, max = max))
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
    /// Files that carry the blocks of a known MD5 collision attack are dropped wherever the
    /// filter applies (A21): a counter-move WeChat evidently did not make, so off by default.
    #[serde(default)]
    pub refuse_collision_files: bool,
    /// Pictures are compared with PDQ, Meta's industry perceptual hash, instead of the app's
    /// edge-map matcher, a hypothesis about WeChat's unpublished one (A8, A9): for
    /// comparison, so off by default. Absent from states saved before it existed.
    #[serde(default)]
    pub compare_with_pdq: bool,
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
            refuse_collision_files: false,
            compare_with_pdq: false,
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
    RefuseCollisionFiles,
    CompareWithPdq,
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

/// The value as a sentence says it, in the current language.
impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag(true) => f.write_str(&t!("platform.options.flag_on")),
            Self::Flag(false) => f.write_str(&t!("platform.options.flag_off")),
            Self::Learn(LearnTarget::AllFeatures) => {
                f.write_str(&t!("platform.options.every_feature"))
            }
            Self::Learn(LearnTarget::ChatFeature) => {
                f.write_str(&t!("platform.options.sent_feature"))
            }
            Self::Delay(range) => range.fmt(f),
            Self::Percent(p) => write!(f, "{p} %"),
        }
    }
}

/// One option's label, rule and confidence (its explanation is [`OptionKey::explanation`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionRecord {
    pub key: OptionKey,
    /// The label in English; the interface shows [`OptionKey::label`], in the page's
    /// language (a test keeps the two in step). Only the tests keep it, so the page does not
    /// carry every label twice.
    #[cfg(test)]
    pub label: &'static str,
    pub rule: Rule,
    pub confidence: Confidence,
}

/// Every option, in the order the console lists them.
pub const OPTIONS: [OptionRecord; 11] = [
    OptionRecord {
        key: OptionKey::MixedGroupInternationalReceive,
        #[cfg(test)]
        label: "International members of a mixed group still receive filtered items",
        rule: Rule::MixedGroupInternational,
        confidence: Confidence::Unconfirmed,
    },
    OptionRecord {
        key: OptionKey::AnalyseInternationalText,
        #[cfg(test)]
        label: "Text among international accounts is analysed",
        rule: Rule::InternationalTextAnalysed,
        confidence: Confidence::Unconfirmed,
    },
    OptionRecord {
        key: OptionKey::LearnedHashTarget,
        #[cfg(test)]
        label: "A learned MD5 is added to",
        rule: Rule::LearnedHashTarget,
        confidence: Confidence::Assumption,
    },
    OptionRecord {
        key: OptionKey::VisualDelay,
        #[cfg(test)]
        label: "Analysis delay of a picture",
        rule: Rule::AnalysisDelay,
        confidence: Confidence::Assumption,
    },
    OptionRecord {
        key: OptionKey::OcrDelay,
        #[cfg(test)]
        label: "Analysis delay of a picture with text (OCR)",
        rule: Rule::AnalysisDelay,
        confidence: Confidence::Assumption,
    },
    OptionRecord {
        key: OptionKey::DocumentDelay,
        #[cfg(test)]
        label: "Analysis delay of a document",
        rule: Rule::AnalysisDelay,
        confidence: Confidence::Assumption,
    },
    OptionRecord {
        key: OptionKey::RealtimeNovelImages,
        #[cfg(test)]
        label: "Novel pictures are sometimes censored on first sending",
        rule: Rule::RealtimeNovelImage,
        confidence: Confidence::Secondary,
    },
    OptionRecord {
        key: OptionKey::RealtimeNovelPercent,
        #[cfg(test)]
        label: "Chance of analysis before delivery",
        rule: Rule::RealtimeNovelImage,
        confidence: Confidence::Assumption,
    },
    OptionRecord {
        key: OptionKey::ListingPercent,
        #[cfg(test)]
        label: "Chance that a flagged file's MD5 is listed",
        rule: Rule::ListingRate,
        confidence: Confidence::Secondary,
    },
    OptionRecord {
        key: OptionKey::RefuseCollisionFiles,
        #[cfg(test)]
        label: "Files that carry a collision block are refused",
        rule: Rule::CollisionRefusal,
        confidence: Confidence::Assumption,
    },
    OptionRecord {
        key: OptionKey::CompareWithPdq,
        #[cfg(test)]
        label: "Pictures are compared with PDQ (industry perceptual hash, for comparison)",
        rule: Rule::VisualSimilarity,
        confidence: Confidence::Assumption,
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
        f.write_str(&match self {
            Self::Backwards(key) => t!("platform.options.backwards", label = key.label()),
            Self::TooLong(key) => t!("platform.options.too_long", label = key.label()),
            Self::NotAPercentage(p) => t!("platform.options.not_a_percentage", p = p),
            Self::WrongType(key) => t!("platform.options.wrong_type", label = key.label()),
        })
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
            K::RefuseCollisionFiles => "refuse_collision_files",
            K::CompareWithPdq => "compare_with_pdq",
        }
    }

    /// The option's label in the current language.
    pub fn label(self) -> Cow<'static, str> {
        self.words().0
    }

    /// The line that says what the research knows, in the current language.
    pub fn explanation(self) -> Cow<'static, str> {
        self.words().1
    }

    fn words(self) -> (Cow<'static, str>, Cow<'static, str>) {
        use OptionKey as K;
        match self {
            K::MixedGroupInternationalReceive => (
                t!("platform.options.mixed_group_international_receive.label"),
                t!("platform.options.mixed_group_international_receive.explanation"),
            ),
            K::AnalyseInternationalText => (
                t!("platform.options.analyse_international_text.label"),
                t!("platform.options.analyse_international_text.explanation"),
            ),
            K::LearnedHashTarget => (
                t!("platform.options.learned_hash_target.label"),
                t!("platform.options.learned_hash_target.explanation"),
            ),
            K::VisualDelay => (
                t!("platform.options.visual_delay.label"),
                t!("platform.options.visual_delay.explanation"),
            ),
            K::OcrDelay => (
                t!("platform.options.ocr_delay.label"),
                t!("platform.options.ocr_delay.explanation"),
            ),
            K::DocumentDelay => (
                t!("platform.options.document_delay.label"),
                t!("platform.options.document_delay.explanation"),
            ),
            K::RealtimeNovelImages => (
                t!("platform.options.realtime_novel_images.label"),
                t!("platform.options.realtime_novel_images.explanation"),
            ),
            K::RealtimeNovelPercent => (
                t!("platform.options.realtime_novel_percent.label"),
                t!("platform.options.realtime_novel_percent.explanation"),
            ),
            K::ListingPercent => (
                t!("platform.options.listing_percent.label"),
                t!("platform.options.listing_percent.explanation"),
            ),
            K::RefuseCollisionFiles => (
                t!("platform.options.refuse_collision_files.label"),
                t!("platform.options.refuse_collision_files.explanation"),
            ),
            K::CompareWithPdq => (
                t!("platform.options.compare_with_pdq.label"),
                t!("platform.options.compare_with_pdq.explanation"),
            ),
        }
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
            K::RefuseCollisionFiles => OptionValue::Flag(self.refuse_collision_files),
            K::CompareWithPdq => OptionValue::Flag(self.compare_with_pdq),
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
            (K::RefuseCollisionFiles, V::Flag(on)) => next.refuse_collision_files = on,
            (K::CompareWithPdq, V::Flag(on)) => next.compare_with_pdq = on,
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

/// Seconds as a person types them ("30", "1.5", "1,5", ".25"), as milliseconds rounded to the
/// nearest one; `None` for anything else. Read by hand: `str::parse::<f64>` would bring the
/// standard library's float parser and its tables (about 14 KB) into the page for one field.
pub fn typed_seconds_to_millis(text: &str) -> Option<u64> {
    let text = text.trim();
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut millis: u64 = 0;
    for b in whole.bytes() {
        millis = millis.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    millis = millis.checked_mul(1000)?;
    let mut place = 100;
    for b in fraction.bytes().take(3) {
        millis += u64::from(b - b'0') * place;
        place /= 10;
    }
    let round_up = fraction.as_bytes().get(3).is_some_and(|&b| b >= b'5');
    millis.checked_add(u64::from(round_up))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_seconds_read_as_people_write_them() {
        let read = typed_seconds_to_millis;
        assert_eq!(read("30"), Some(30_000));
        assert_eq!(read(" 1.5 "), Some(1_500));
        assert_eq!(read("1,5"), Some(1_500), "a decimal comma");
        assert_eq!(read(".25"), Some(250));
        assert_eq!(read("2."), Some(2_000));
        assert_eq!(read("0.0004"), Some(0));
        assert_eq!(
            read("0.0005"),
            Some(1),
            "rounded to the nearest millisecond"
        );
        assert_eq!(read("0.1239"), Some(124));
        for bad in [
            "",
            " ",
            ".",
            "-1",
            "1e3",
            "1.2.3",
            "abc",
            "１",
            "99999999999999999999",
        ] {
            assert_eq!(read(bad), None, "{bad:?}");
        }
    }

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
            assert!(!record.key.explanation().is_empty());
            assert_eq!(
                record.key.label(),
                record.label,
                "the English label is the record's"
            );
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
    fn values_and_refusals_read_as_sentences() {
        assert_eq!(DelayRange::new(2_000, 4_000).to_string(), "2–4 s");
        assert_eq!(DelayRange::new(1_500, 1_500).to_string(), "1.5 s");
        assert_eq!(
            OptionsError::Backwards(OptionKey::VisualDelay).to_string(),
            "the Analysis delay of a picture starts after it ends"
        );
        assert_eq!(
            OptionsError::NotAPercentage(101).to_string(),
            "a chance of 101 % is not a percentage"
        );
        // A lone "%" beside a placeholder is kept, in Chinese too.
        let zh = crate::l10n::catalogue::merged("zh-CN").unwrap();
        crate::l10n::load(
            crate::scenario::address::Lang::ZhCn,
            &serde_json::to_string(&zh).unwrap(),
        )
        .unwrap();
        let chinese = t!(
            "platform.options.not_a_percentage",
            locale = "zh-CN",
            p = 101
        );
        assert!(
            chinese.contains("101 %") && !chinese.contains('{'),
            "{chinese}"
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
            | K::ListingPercent
            | K::RefuseCollisionFiles
            | K::CompareWithPdq => OPTIONS.iter().any(|o| o.key == key),
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
            K::RefuseCollisionFiles,
            K::CompareWithPdq,
        ];
        assert!(keys.into_iter().all(listed));
        assert_eq!(keys.len(), OPTIONS.len());
    }

    #[test]
    fn pdq_is_a_labelled_choice_off_by_default_and_old_settings_load() {
        let options = Options::default();
        assert!(!options.compare_with_pdq);
        let record = OptionKey::CompareWithPdq.record();
        assert_eq!(record.rule, Rule::VisualSimilarity);
        assert!(record.rule.record().source().contains("A8"));
        assert!(record.label.contains("PDQ") && record.label.contains("for comparison"));
        let why = OptionKey::CompareWithPdq.explanation();
        assert!(
            why.contains("hypothesis") && why.contains("A8, A9") && why.contains("unpublished"),
            "{why}"
        );
        // Settings saved before the option existed read as off.
        let mut json = serde_json::to_value(&options).unwrap();
        json.as_object_mut().unwrap().remove("compare_with_pdq");
        assert_eq!(serde_json::from_value::<Options>(json).unwrap(), options);
        let on = options
            .with(OptionKey::CompareWithPdq, OptionValue::Flag(true))
            .unwrap();
        assert!(on.compare_with_pdq);
        assert_eq!(
            options.changes_to(&on),
            vec![OptionChange {
                key: OptionKey::CompareWithPdq,
                from: OptionValue::Flag(false),
                to: OptionValue::Flag(true),
            }]
        );
        assert_eq!(
            serde_json::from_str::<Options>(&serde_json::to_string(&on).unwrap()).unwrap(),
            on
        );
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
