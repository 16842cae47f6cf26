//! The simulation's rules, one record each: a short id, the sources it follows, how sure the
//! research is of it, and one sentence a teacher can read out.
//!
//! Every decision in the event log names one of these, so the interface can show which
//! behaviour the Citizen Lab observed and which is this simulator's own choice. Sources are
//! the ids of `docs/sources.md` (works such as `S5`, facts such as `§1.4`, our own choices
//! such as `A2`); the rule numbers are those of `docs/how-it-works.md` §2.

use crate::t;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How well a rule is supported (the levels of `docs/sources.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Read directly in Citizen Lab material.
    Confirmed,
    /// From press coverage or third-party summaries.
    Secondary,
    /// Counted in Citizen Lab's published datasets.
    Data,
    /// No support found; inference only.
    Unconfirmed,
    /// A choice made by this simulator where the research is silent.
    Assumption,
}

impl Confidence {
    /// The level in the current language, for the interface (the `Display` form is the
    /// exports' English).
    pub fn label(self) -> Cow<'static, str> {
        match self {
            Self::Confirmed => t!("platform.confidence.confirmed"),
            Self::Secondary => t!("platform.confidence.secondary"),
            Self::Data => t!("platform.confidence.data"),
            Self::Unconfirmed => t!("platform.confidence.unconfirmed"),
            Self::Assumption => t!("platform.confidence.assumption"),
        }
    }
}

/// The level as the exports name it, in English whatever the page's language.
impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Confirmed => "confirmed",
            Self::Secondary => "secondary",
            Self::Data => "data",
            Self::Unconfirmed => "unconfirmed",
            Self::Assumption => "assumption",
        })
    }
}

/// A rule with everything the interface says about it. The fields are English, as the
/// exports and `docs/how-it-works.md` write them; the interface shows them in the page's
/// language through [`RuleRecord::id_text`], [`RuleRecord::summary_text`] and
/// [`RuleRecord::source_text`] (a test keeps the two in step).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleRecord {
    pub rule: Rule,
    /// Short id shown in the log, e.g. "rule 2".
    pub id: &'static str,
    /// The works it follows, as `docs/sources.md` names them, e.g. "S5 via T2".
    pub works: &'static str,
    /// The sections of `docs/sources.md` that state it, e.g. `["1.4"]`.
    pub facts: &'static [&'static str],
    pub confidence: Confidence,
    /// One sentence a teacher can read out, in English. Only the tests keep it, to check the
    /// catalogue's English against it: the app reads the catalogue ([`RuleRecord::summary_text`]),
    /// so the page does not carry every sentence twice.
    #[cfg(test)]
    pub summary: &'static str,
}

impl RuleRecord {
    /// "S5 via T2 · sources §1.4", for a citation line in an export (English).
    pub fn source(&self) -> String {
        let facts: Vec<String> = self.facts.iter().map(|f| format!("§{f}")).collect();
        match (self.works.is_empty(), facts.is_empty()) {
            (false, false) => format!("{} · sources {}", self.works, facts.join(", ")),
            (true, false) => format!("sources {}", facts.join(", ")),
            _ => self.works.to_string(),
        }
    }

    /// The citation line of [`RuleRecord::source`] in the current language.
    pub fn source_text(&self) -> String {
        let facts: Vec<String> = self.facts.iter().map(|f| format!("§{f}")).collect();
        let works = self.rule.works_text();
        match (works.is_empty(), facts.is_empty()) {
            (false, false) => t!(
                "platform.source.works_and_facts",
                works = works,
                facts = facts.join(", ")
            )
            .into_owned(),
            (true, false) => t!("platform.source.facts", facts = facts.join(", ")).into_owned(),
            _ => works.into_owned(),
        }
    }

    /// The short id ("rule 2") in the current language.
    pub fn id_text(&self) -> Cow<'static, str> {
        self.rule.words().0
    }

    /// The sentence a teacher can read out, in the current language.
    pub fn summary_text(&self) -> Cow<'static, str> {
        self.rule.words().1
    }
}

/// Declares the rules once: the enum and its records come from the same list, so a rule
/// cannot exist without its record.
macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident: $id:literal, $works:literal, [$($fact:literal),*], $confidence:ident,
       $summary:literal;)*) => {
        /// A rule of the simulation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Rule {
            $($(#[$doc])* $name,)*
        }

        /// Every rule's record, in the order of [`Rule`].
        pub const RULES: &[RuleRecord] = &[
            $(RuleRecord {
                rule: Rule::$name,
                id: $id,
                works: $works,
                facts: &[$($fact),*],
                confidence: Confidence::$confidence,
                #[cfg(test)]
                summary: $summary,
            },)*
        ];
    };
}

rules! {
    RegionFixedAtRegistration: "rule 1", "S2, S5", ["1.1"], Confirmed,
        "An account's region is that of the number it was first registered with; linking a \
         foreign number later does not lift censorship.";
    ChinaSenderFilteredForAll: "rule 2", "S5 via T2", ["1.4"], Confirmed,
        "A filtered message from a China-registered account reaches nobody, international \
         members included.";
    ChinaRecipientFiltered: "rule 2", "S2; T7, T12", ["1.3", "1.4"], Secondary,
        "A China-registered recipient never receives a filtered item.";
    MixedGroupInternational: "rule 2 (toggle)", "A3", ["1.4", "10"], Unconfirmed,
        "Whether international members of a mixed group still receive an item filtered for \
         its China-registered members is not known.";
    InternationalOnlyUnfiltered: "rule 3", "S1, S2", ["1.2"], Confirmed,
        "Chats among international accounts only are never filtered.";
    InternationalFilesAnalysed: "rule 3", "S1, S2", ["5", "6.1"], Confirmed,
        "Files sent among international accounts only are still analysed, and feed the \
         blacklist used against China-registered accounts.";
    InternationalTextAnalysed: "rule 3 (toggle)", "S2; A7", ["3.6"], Unconfirmed,
        "Whether text sent among international accounts is analysed is unknown.";
    KeywordCombination: "rule 4", "S11 code; S6 via T13", ["3.2", "3.3"], Confirmed,
        "Text is blocked when every part of a blacklisted combination occurs in it, in any \
         order, overlaps allowed.";
    Md5Lookup: "rule 5", "S3", ["4.1"], Confirmed,
        "A file's MD5 is looked up when it is sent: a listed MD5 is dropped at once, an \
         unlisted one is delivered and queued for analysis.";
    SeparateIndexes: "rule 5", "T4; S7 data", ["1.5"], Secondary,
        "One-to-one and group chats have separate blacklists; the group lists are larger.";
    VisualSimilarity: "rule 6", "S3; S4 via T15; S12 data; A8", ["4.1", "4.5"], Secondary,
        "Pictures are compared with blacklisted reference pictures on their greyscale, \
         normalised by the shortest side, whole image against whole image.";
    OcrKeywords: "rule 6", "S3, S4; A10", ["4.1", "4.4"], Confirmed,
        "Text read in a picture (OCR, on its luminosity greyscale) is checked against the \
         keyword list.";
    DocumentText: "rule 6 (documents)", "S1; A11", ["5", "6.8"], Confirmed,
        "Documents are analysed like pictures, and the MD5s of sensitive ones are learned. \
         Here the text of PDF, Word (.docx) and plain-text files is read and checked against \
         the keyword list; how WeChat reads documents is not published (A11).";
    OnlySensitiveLearned: "rule 6", "S1, S3", ["6.6"], Confirmed,
        "Only files found sensitive have their MD5 added to the blacklist.";
    LearnedHashTarget: "rule 6 (option)", "A4", ["9"], Assumption,
        "Which blacklists a learned MD5 joins (every chat feature, or only the one it was \
         sent in) is not known.";
    AnalysisDelay: "rule 7", "T10, T15; A5", ["4.6", "6.5"], Assumption,
        "Analysis finishes a few seconds after sending (about 10 s visual and 5–30 s OCR were \
         seen in Moments); the delays here are settings.";
    RecalledStillAnalysed: "rule 6 (recall)", "T7, T8", ["6.4"], Secondary,
        "Recalling a file does not stop its analysis.";
    NewBytesNewMd5: "rule 8", "S3", ["7"], Confirmed,
        "Any change of bytes gives a new MD5, which is delivered and analysed again.";
    RealtimeNovelImage: "rule 5 (option)", "T8; A6", ["4.6", "6.2"], Secondary,
        "Pictures were sometimes censored in real time the first time they were sent.";
    ListingRate: "rule 6 (realism)", "T7; A20", ["6.4"], Secondary,
        "Not every trigger took effect: in the 2019 trials 49 of 60 sensitive images were \
         blocked afterwards; a setting gives the chance that a flagged file's MD5 is listed.";
    CollisionRefusal: "rule 5 (counter-move)", "C11; A21", ["6.2"], Assumption,
        "A platform could check every file for the blocks of an MD5 collision attack and drop \
         one that carries them wherever the filter applies; WeChat evidently did not, since \
         the Citizen Lab's pair worked, so this is off by default.";
    SilentDrop: "rules 2–5 (silence)", "S5, T1", ["2"], Confirmed,
        "Blocking is silent: the sender sees the message as sent, the recipient sees nothing.";
}

impl Rule {
    /// The rule's record.
    pub fn record(self) -> &'static RuleRecord {
        &RULES[self as usize]
    }

    /// Every rule, in declaration order (for the sources page).
    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|r| r.rule)
    }

    pub fn confidence(self) -> Confidence {
        self.record().confidence
    }

    /// The rule's sentence in the current language.
    pub fn summary(self) -> Cow<'static, str> {
        self.words().1
    }

    /// The rule's short id and sentence in the current language.
    fn words(self) -> (Cow<'static, str>, Cow<'static, str>) {
        use Rule as R;
        match self {
            R::RegionFixedAtRegistration => (
                t!("platform.rules.region_fixed_at_registration.id"),
                t!("platform.rules.region_fixed_at_registration.summary"),
            ),
            R::ChinaSenderFilteredForAll => (
                t!("platform.rules.china_sender_filtered_for_all.id"),
                t!("platform.rules.china_sender_filtered_for_all.summary"),
            ),
            R::ChinaRecipientFiltered => (
                t!("platform.rules.china_recipient_filtered.id"),
                t!("platform.rules.china_recipient_filtered.summary"),
            ),
            R::MixedGroupInternational => (
                t!("platform.rules.mixed_group_international.id"),
                t!("platform.rules.mixed_group_international.summary"),
            ),
            R::InternationalOnlyUnfiltered => (
                t!("platform.rules.international_only_unfiltered.id"),
                t!("platform.rules.international_only_unfiltered.summary"),
            ),
            R::InternationalFilesAnalysed => (
                t!("platform.rules.international_files_analysed.id"),
                t!("platform.rules.international_files_analysed.summary"),
            ),
            R::InternationalTextAnalysed => (
                t!("platform.rules.international_text_analysed.id"),
                t!("platform.rules.international_text_analysed.summary"),
            ),
            R::KeywordCombination => (
                t!("platform.rules.keyword_combination.id"),
                t!("platform.rules.keyword_combination.summary"),
            ),
            R::Md5Lookup => (
                t!("platform.rules.md5_lookup.id"),
                t!("platform.rules.md5_lookup.summary"),
            ),
            R::SeparateIndexes => (
                t!("platform.rules.separate_indexes.id"),
                t!("platform.rules.separate_indexes.summary"),
            ),
            R::VisualSimilarity => (
                t!("platform.rules.visual_similarity.id"),
                t!("platform.rules.visual_similarity.summary"),
            ),
            R::OcrKeywords => (
                t!("platform.rules.ocr_keywords.id"),
                t!("platform.rules.ocr_keywords.summary"),
            ),
            R::DocumentText => (
                t!("platform.rules.document_text.id"),
                t!("platform.rules.document_text.summary"),
            ),
            R::OnlySensitiveLearned => (
                t!("platform.rules.only_sensitive_learned.id"),
                t!("platform.rules.only_sensitive_learned.summary"),
            ),
            R::LearnedHashTarget => (
                t!("platform.rules.learned_hash_target.id"),
                t!("platform.rules.learned_hash_target.summary"),
            ),
            R::AnalysisDelay => (
                t!("platform.rules.analysis_delay.id"),
                t!("platform.rules.analysis_delay.summary"),
            ),
            R::RecalledStillAnalysed => (
                t!("platform.rules.recalled_still_analysed.id"),
                t!("platform.rules.recalled_still_analysed.summary"),
            ),
            R::NewBytesNewMd5 => (
                t!("platform.rules.new_bytes_new_md5.id"),
                t!("platform.rules.new_bytes_new_md5.summary"),
            ),
            R::RealtimeNovelImage => (
                t!("platform.rules.realtime_novel_image.id"),
                t!("platform.rules.realtime_novel_image.summary"),
            ),
            R::ListingRate => (
                t!("platform.rules.listing_rate.id"),
                t!("platform.rules.listing_rate.summary"),
            ),
            R::CollisionRefusal => (
                t!("platform.rules.collision_refusal.id"),
                t!("platform.rules.collision_refusal.summary"),
            ),
            R::SilentDrop => (
                t!("platform.rules.silent_drop.id"),
                t!("platform.rules.silent_drop.summary"),
            ),
        }
    }

    /// The works the rule follows in the current language: only those with words in them
    /// ("via", "code", "data") differ from the ids as written.
    fn works_text(self) -> Cow<'static, str> {
        use Rule as R;
        match self {
            R::ChinaSenderFilteredForAll => {
                t!("platform.rules.china_sender_filtered_for_all.works")
            }
            R::KeywordCombination => t!("platform.rules.keyword_combination.works"),
            R::SeparateIndexes => t!("platform.rules.separate_indexes.works"),
            R::VisualSimilarity => t!("platform.rules.visual_similarity.works"),
            other => Cow::Borrowed(other.record().works),
        }
    }
}

impl fmt::Display for Rule {
    /// "rule 2 [S5 via T2 · sources §1.4; confirmed]": self-contained, for exports.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.record();
        write!(f, "{} [{}; {}]", r.id, r.source(), r.confidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_record_in_order() {
        for (i, record) in RULES.iter().enumerate() {
            assert_eq!(record.rule as usize, i, "{:?} out of order", record.rule);
            assert_eq!(record.rule.record(), record);
            assert!(record.summary.ends_with('.'), "{:?}", record.rule);
            assert!(record.id.starts_with("rule"), "{:?}", record.rule);
            assert!(!record.facts.is_empty(), "{:?} cites no fact", record.rule);
        }
        assert_eq!(Rule::all().count(), RULES.len());
    }

    #[test]
    fn every_citation_resolves_inside_the_repository() {
        let how = include_str!("../../docs/how-it-works.md");
        let sources = include_str!("../../docs/sources.md");
        for record in RULES {
            assert!(
                how.contains(&format!("**{}**", record.id)),
                "how-it-works.md §2.4 does not explain {}",
                record.id
            );
            for fact in record.facts {
                let anchor = format!("<a id=\"s{}\"></a>", fact.replace('.', "-"));
                assert!(sources.contains(&anchor), "no sources §{fact}");
            }
            for work in record
                .works
                .split([',', ';', ' '])
                .filter(|w| w.len() > 1 && w[1..].chars().all(|c| c.is_ascii_digit()))
            {
                let anchor = format!("<a id=\"{work}\"></a>");
                assert!(sources.contains(&anchor), "{work} is not in sources.md");
            }
        }
    }

    #[test]
    fn citations_read_as_one_line() {
        assert_eq!(
            Rule::MixedGroupInternational.confidence(),
            Confidence::Unconfirmed
        );
        assert_eq!(Rule::LearnedHashTarget.confidence(), Confidence::Assumption);
        assert_eq!(
            Rule::ChinaSenderFilteredForAll.to_string(),
            "rule 2 [S5 via T2 · sources §1.4; confirmed]"
        );
        assert_eq!(
            Rule::MixedGroupInternational.record().source(),
            "A3 · sources §1.4, §10"
        );
    }

    #[test]
    fn the_interface_words_in_english_are_the_records() {
        for record in RULES {
            assert_eq!(record.id_text(), record.id, "{:?}", record.rule);
            assert_eq!(record.summary_text(), record.summary, "{:?}", record.rule);
            assert_eq!(record.source_text(), record.source(), "{:?}", record.rule);
        }
        assert_eq!(
            [
                Confidence::Confirmed,
                Confidence::Secondary,
                Confidence::Data,
                Confidence::Unconfirmed,
                Confidence::Assumption
            ]
            .map(|c| c.label() == c.to_string()),
            [true; 5]
        );
    }
}
