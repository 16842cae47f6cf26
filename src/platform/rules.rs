//! The simulation's rules, each with its source and how sure the research is of it.
//!
//! Every decision in the event log cites one of these, so the UI can show a teacher
//! which behaviour was observed by the Citizen Lab and which is this simulator's guess
//! (product F8). Tags and section numbers refer to `research/wechat-facts.md`; rule
//! numbers to product §2.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How well a rule is supported (the tags of wechat-facts.md, plus our own assumptions).
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

/// A rule of the simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    RegionFixedAtRegistration,
    ChinaSenderFilteredForAll,
    ChinaRecipientFiltered,
    MixedGroupInternational,
    InternationalOnlyUnfiltered,
    InternationalFilesAnalysed,
    InternationalTextAnalysed,
    KeywordCombination,
    Md5Lookup,
    SeparateIndexes,
    VisualSimilarity,
    OcrKeywords,
    DocumentText,
    OnlySensitiveLearned,
    LearnedHashTarget,
    AnalysisDelay,
    RecalledStillAnalysed,
    NewBytesNewMd5,
    RealtimeNovelImage,
    SilentDrop,
}

impl Rule {
    /// Every rule, for the sources page.
    pub const ALL: [Rule; 20] = [
        Rule::RegionFixedAtRegistration,
        Rule::ChinaSenderFilteredForAll,
        Rule::ChinaRecipientFiltered,
        Rule::MixedGroupInternational,
        Rule::InternationalOnlyUnfiltered,
        Rule::InternationalFilesAnalysed,
        Rule::InternationalTextAnalysed,
        Rule::KeywordCombination,
        Rule::Md5Lookup,
        Rule::SeparateIndexes,
        Rule::VisualSimilarity,
        Rule::OcrKeywords,
        Rule::DocumentText,
        Rule::OnlySensitiveLearned,
        Rule::LearnedHashTarget,
        Rule::AnalysisDelay,
        Rule::RecalledStillAnalysed,
        Rule::NewBytesNewMd5,
        Rule::RealtimeNovelImage,
        Rule::SilentDrop,
    ];

    /// Short id shown in the log, e.g. "rule 2".
    pub fn id(self) -> &'static str {
        match self {
            Self::RegionFixedAtRegistration => "rule 1",
            Self::ChinaSenderFilteredForAll | Self::ChinaRecipientFiltered => "rule 2",
            Self::MixedGroupInternational => "rule 2 (toggle)",
            Self::InternationalOnlyUnfiltered | Self::InternationalFilesAnalysed => "rule 3",
            Self::InternationalTextAnalysed => "rule 3 (toggle)",
            Self::KeywordCombination => "rule 4",
            Self::Md5Lookup | Self::SeparateIndexes => "rule 5",
            Self::VisualSimilarity | Self::OcrKeywords | Self::OnlySensitiveLearned => "rule 6",
            Self::DocumentText => "rule 6 (documents)",
            Self::LearnedHashTarget => "rule 6 (option)",
            Self::AnalysisDelay => "rule 7",
            Self::RecalledStillAnalysed => "rule 6 (recall)",
            Self::NewBytesNewMd5 => "rule 8",
            Self::RealtimeNovelImage => "rule 5 (option)",
            Self::SilentDrop => "rules 2–5 (silence)",
        }
    }

    /// Where the rule comes from.
    pub fn source(self) -> &'static str {
        match self {
            Self::RegionFixedAtRegistration => "S2, S5 (wechat-facts §1.1)",
            Self::ChinaSenderFilteredForAll => "S5 via T2 (wechat-facts §1.4)",
            Self::ChinaRecipientFiltered => "S2; T7, T12 (wechat-facts §1.3, §1.4)",
            Self::MixedGroupInternational => "wechat-facts §1.4, §10",
            Self::InternationalOnlyUnfiltered => "S1, S2 (wechat-facts §1.2)",
            Self::InternationalFilesAnalysed => "S1, S2 (wechat-facts §5, §6.1)",
            Self::InternationalTextAnalysed => "S2 (wechat-facts §3.6)",
            Self::KeywordCombination => "S11 code; S6 via T13 (wechat-facts §3.2, §3.3)",
            Self::Md5Lookup => "S3 (wechat-facts §4.1)",
            Self::SeparateIndexes => "T4; S7 data (wechat-facts §1.5)",
            Self::VisualSimilarity => "S3; S4 via T15; S12 data (wechat-facts §4.1, §4.5)",
            Self::OcrKeywords => "S3, S4 (wechat-facts §4.1, §4.4)",
            Self::DocumentText => "S1 (wechat-facts §5)",
            Self::OnlySensitiveLearned => "S1, S3 (wechat-facts §6.6)",
            Self::LearnedHashTarget => "wechat-facts §9 step 5",
            Self::AnalysisDelay => "T10, T15 (wechat-facts §4.6, §6.5)",
            Self::RecalledStillAnalysed => "T7, T8 (wechat-facts §6.4)",
            Self::NewBytesNewMd5 => "S3 (wechat-facts §7)",
            Self::RealtimeNovelImage => "T8 (wechat-facts §4.6, §6.2)",
            Self::SilentDrop => "S5, T1 (wechat-facts §2)",
        }
    }

    /// How well supported the rule is.
    pub fn confidence(self) -> Confidence {
        match self {
            Self::RegionFixedAtRegistration
            | Self::ChinaSenderFilteredForAll
            | Self::InternationalOnlyUnfiltered
            | Self::InternationalFilesAnalysed
            | Self::KeywordCombination
            | Self::Md5Lookup
            | Self::OcrKeywords
            | Self::OnlySensitiveLearned
            | Self::NewBytesNewMd5
            | Self::SilentDrop => Confidence::Confirmed,
            Self::ChinaRecipientFiltered
            | Self::SeparateIndexes
            | Self::VisualSimilarity
            | Self::RecalledStillAnalysed
            | Self::RealtimeNovelImage => Confidence::Secondary,
            Self::MixedGroupInternational
            | Self::InternationalTextAnalysed
            | Self::DocumentText => Confidence::Unconfirmed,
            Self::LearnedHashTarget | Self::AnalysisDelay => Confidence::Assumption,
        }
    }

    /// One sentence a teacher can read out.
    pub fn summary(self) -> &'static str {
        match self {
            Self::RegionFixedAtRegistration => {
                "An account's region is that of the number it was first registered with; \
                 linking a foreign number later does not lift censorship."
            }
            Self::ChinaSenderFilteredForAll => {
                "A filtered message from a China-registered account reaches nobody, \
                 international members included."
            }
            Self::ChinaRecipientFiltered => {
                "A China-registered recipient never receives a filtered item."
            }
            Self::MixedGroupInternational => {
                "Whether international members of a mixed group still receive an item filtered \
                 for its China-registered members is not known."
            }
            Self::InternationalOnlyUnfiltered => {
                "Chats among international accounts only are never filtered."
            }
            Self::InternationalFilesAnalysed => {
                "Files sent among international accounts only are still analysed, and feed the \
                 blacklist used against China-registered accounts."
            }
            Self::InternationalTextAnalysed => {
                "Whether text sent among international accounts is analysed is unknown."
            }
            Self::KeywordCombination => {
                "Text is blocked when every part of a blacklisted combination occurs in it, \
                 in any order, overlaps allowed."
            }
            Self::Md5Lookup => {
                "A file's MD5 is looked up when it is sent: a listed MD5 is dropped at once, \
                 an unlisted one is delivered and queued for analysis."
            }
            Self::SeparateIndexes => {
                "One-to-one and group chats have separate blacklists; the group lists are larger."
            }
            Self::VisualSimilarity => {
                "Pictures are compared with blacklisted reference pictures on their greyscale, \
                 normalised by the shortest side, whole image against whole image."
            }
            Self::OcrKeywords => {
                "Text read in a picture (OCR) is checked against the keyword list."
            }
            Self::DocumentText => {
                "Documents are analysed; how WeChat extracts their text is not published, so \
                 plain text is read here."
            }
            Self::OnlySensitiveLearned => {
                "Only files found sensitive have their MD5 added to the blacklist."
            }
            Self::LearnedHashTarget => {
                "Which blacklists a learned MD5 joins (every chat feature, or only the one it \
                 was sent in) is not known."
            }
            Self::AnalysisDelay => {
                "Analysis finishes a few seconds after sending (about 10 s visual and 5–30 s \
                 OCR were seen in Moments); the delays here are settings."
            }
            Self::RecalledStillAnalysed => "Recalling a file does not stop its analysis.",
            Self::NewBytesNewMd5 => {
                "Any change of bytes gives a new MD5, which is delivered and analysed again."
            }
            Self::RealtimeNovelImage => {
                "Pictures were sometimes censored in real time the first time they were sent."
            }
            Self::SilentDrop => {
                "Blocking is silent: the sender sees the message as sent, the recipient sees nothing."
            }
        }
    }

    /// The rule with its source and confidence, as carried by events.
    pub fn cite(self) -> RuleCitation {
        RuleCitation {
            rule: self,
            id: self.id().into(),
            source: self.source().into(),
            confidence: self.confidence(),
        }
    }
}

/// A rule as cited in the log: self-contained, so exported logs still say where each
/// decision came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleCitation {
    pub rule: Rule,
    pub id: String,
    pub source: String,
    pub confidence: Confidence,
}

impl fmt::Display for RuleCitation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}; {}]", self.id, self.source, self.confidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_sourced() {
        for rule in Rule::ALL {
            assert!(rule.source().contains("wechat-facts §"), "{rule:?}");
            assert!(rule.summary().ends_with('.'), "{rule:?}");
            assert!(rule.id().starts_with("rule"), "{rule:?}");
        }
        assert_eq!(
            Rule::MixedGroupInternational.confidence(),
            Confidence::Unconfirmed
        );
        assert_eq!(Rule::LearnedHashTarget.confidence(), Confidence::Assumption);
        assert_eq!(
            Rule::ChinaSenderFilteredForAll.cite().to_string(),
            "rule 2 [S5 via T2 (wechat-facts §1.4); confirmed]"
        );
    }
}
