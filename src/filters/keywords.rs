//! Keyword combinations, matched the way WeChat filters chat text.
//!
//! An entry is one phrase (`法轮功`) or a combination of parts written with `+`
//! (`冠状病毒+人传人+李文亮`). A text matches an entry when every part occurs in it as a
//! literal substring, in any order, separated by anything, overlaps allowed: Citizen Lab's
//! own simulator checks `all(k in msg for k in combo)`, and their example article
//! `一帶來二二調整體三三三領域四四四四` triggers {帶來, 調整, 整體, 領域} although 調整 and
//! 整體 share 整 (sources §3.3). No case or width folding is done: simplified and
//! traditional spellings are separate entries in the published lists.
//!
//! All parts of all entries go into one Aho-Corasick automaton ([`super::automaton`]), which
//! reports overlapping occurrences, so that a part hidden inside another part's occurrence is
//! still found.

use super::automaton::Automaton;
use crate::t;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The most text the distinct parts of a list may add up to. The largest published lists are
/// well under a megabyte; this keeps an imported file from filling the tab's memory.
pub const MAX_PATTERN_BYTES: usize = 16 << 20;

/// Why a keyword entry could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeywordError {
    /// Nothing but spaces.
    Empty,
    /// Part number `position` (from 1) is empty, as in `a++b` or `a+`.
    EmptyPart { position: usize, text: String },
    /// The parts add up to more than [`MAX_PATTERN_BYTES`].
    TooLarge { bytes: usize },
}

impl fmt::Display for KeywordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Empty => t!("filters.keyword.empty"),
            Self::EmptyPart { position, text } => t!(
                "filters.keyword.empty_part",
                position = position,
                text = format!("{text:?}")
            ),
            Self::TooLarge { bytes } => t!(
                "filters.keyword.too_large",
                bytes = bytes,
                max = MAX_PATTERN_BYTES
            ),
        })
    }
}

impl std::error::Error for KeywordError {}

/// One blacklist entry: a phrase, or parts that must all occur.
///
/// Serialised as its `+`-joined text, as the published Citizen Lab lists write it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Combination {
    parts: Vec<String>,
}

impl Combination {
    /// Parses `+`-joined text, trimming each part. Empty parts are refused.
    pub fn parse(text: &str) -> Result<Self, KeywordError> {
        if text.trim().is_empty() {
            return Err(KeywordError::Empty);
        }
        let mut parts = Vec::new();
        for (i, part) in text.split('+').enumerate() {
            let part = part.trim();
            if part.is_empty() {
                return Err(KeywordError::EmptyPart {
                    position: i + 1,
                    text: text.to_string(),
                });
            }
            // A repeated part adds no condition: keep the first.
            if !parts.iter().any(|p| p == part) {
                parts.push(part.to_string());
            }
        }
        Ok(Self { parts })
    }

    /// The parts, in the order written.
    pub fn parts(&self) -> &[String] {
        &self.parts
    }

    /// True for a single phrase.
    pub fn is_phrase(&self) -> bool {
        self.parts.len() == 1
    }
}

impl fmt::Display for Combination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.parts.join("+"))
    }
}

impl TryFrom<String> for Combination {
    type Error = KeywordError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<Combination> for String {
    fn from(c: Combination) -> Self {
        c.to_string()
    }
}

/// Where one part of a matched entry was found: byte offsets into the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartFound {
    pub part: String,
    pub start: usize,
    pub end: usize,
}

/// An entry that matched, with the first occurrence of each of its parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeywordHit {
    /// Index of the entry in the list the matcher was built from.
    pub entry: usize,
    pub parts: Vec<PartFound>,
}

/// A compiled list of combinations.
#[derive(Clone, Debug)]
pub struct KeywordMatcher {
    automaton: Automaton,
    patterns: Vec<String>,
    /// For each entry, the indices of its parts in `patterns`.
    entries: Vec<Vec<usize>>,
}

impl KeywordMatcher {
    /// Compiles the entries; their order gives [`KeywordHit::entry`].
    pub fn new<'a>(
        entries: impl IntoIterator<Item = &'a Combination>,
    ) -> Result<Self, KeywordError> {
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut compiled = Vec::new();
        for combination in entries {
            let ids = combination
                .parts()
                .iter()
                .map(|part| {
                    *index.entry(part.as_str()).or_insert_with(|| {
                        patterns.push(part.clone());
                        patterns.len() - 1
                    })
                })
                .collect();
            compiled.push(ids);
        }
        let bytes = patterns.iter().map(String::len).sum();
        if bytes > MAX_PATTERN_BYTES {
            return Err(KeywordError::TooLarge { bytes });
        }
        let automaton = Automaton::new(&patterns);
        Ok(Self {
            automaton,
            patterns,
            entries: compiled,
        })
    }

    /// Every entry whose parts all occur in `text`, in list order.
    pub fn find_all(&self, text: &str) -> Vec<KeywordHit> {
        // First occurrence of each distinct part. The automaton reports overlapping
        // occurrences, so 整體 is found inside 調整體 even though 調整 starts earlier and
        // claims the shared 整. Parts are whole UTF-8 strings, so the byte ranges fall on
        // character boundaries.
        let first = self.automaton.first_occurrences(text.as_bytes());
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(entry, ids)| {
                let parts = ids
                    .iter()
                    .map(|&id| {
                        first[id].map(|(start, end)| PartFound {
                            part: self.patterns[id].clone(),
                            start,
                            end,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(KeywordHit { entry, parts })
            })
            .collect()
    }

    /// The first entry (in list order) that matches, if any.
    pub fn first(&self, text: &str) -> Option<KeywordHit> {
        self.find_all(text).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(entries: &[&str]) -> KeywordMatcher {
        let combos: Vec<Combination> = entries
            .iter()
            .map(|e| Combination::parse(e).unwrap())
            .collect();
        KeywordMatcher::new(&combos).unwrap()
    }

    const ARTICLE: &str = "一帶來二二調整體三三三領域四四四四";

    #[test]
    fn citizen_lab_overlapping_example_is_blocked() {
        let m = matcher(&["帶來+調整+整體+領域"]);
        let hit = m.first(ARTICLE).expect("the combination must match");
        let found: Vec<(&str, usize, usize)> = hit
            .parts
            .iter()
            .map(|p| (p.part.as_str(), p.start, p.end))
            .collect();
        // Byte offsets: each CJK character is 3 bytes in UTF-8.
        assert_eq!(
            found,
            vec![
                ("帶來", 3, 9),
                ("調整", 15, 21),
                ("整體", 18, 24),
                ("領域", 33, 39)
            ]
        );
        // 調整 and 整體 really share 整.
        assert!(found[1].2 > found[2].1);
    }

    #[test]
    fn citizen_lab_example_passes_when_any_part_is_missing() {
        let m = matcher(&["帶來+調整+整體+領域"]);
        for missing in ["帶來", "調整", "整體", "領域"] {
            let text = match missing {
                // Removing 整 would take both overlapping parts; cut only the one asked for.
                "調整" => ARTICLE.replace("調整體", "整體"),
                "整體" => ARTICLE.replace("調整體", "調整"),
                other => ARTICLE.replace(other, "〇"),
            };
            assert!(m.first(&text).is_none(), "{missing} removed: {text}");
        }
    }

    #[test]
    fn any_order_and_any_separation() {
        let m = matcher(&["六四+学生+民主运动"]);
        assert!(m.first("民主运动……那年的学生，六四").is_some());
        assert!(m.first("六四 学生").is_none(), "one part missing");
        // Each part alone passes (S5 caption via T2).
        for part in ["六四", "学生", "民主运动"] {
            assert!(m.first(part).is_none());
        }
    }

    #[test]
    fn no_case_or_width_normalisation() {
        let m = matcher(&["Liu Xiaobo", "法轮功"]);
        assert!(m.first("liu xiaobo").is_none(), "case is not folded");
        assert!(
            m.first("Ｌｉｕ Ｘｉａｏｂｏ").is_none(),
            "full width is not folded"
        );
        assert!(
            m.first("法輪功").is_none(),
            "traditional is a separate entry"
        );
        assert_eq!(m.first("about Liu Xiaobo").unwrap().entry, 0);
        assert_eq!(m.first("法轮功").unwrap().entry, 1);
    }

    #[test]
    fn reports_every_matching_entry_in_list_order() {
        let m = matcher(&[
            "武汉+五大诉求",
            "冠状病毒",
            "冠状病毒+人传人+李文亮",
            "习近平到武汉",
        ]);
        let hits = m.find_all("李文亮说冠状病毒会人传人");
        assert_eq!(hits.iter().map(|h| h.entry).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn parsing_trims_and_refuses_empty_parts() {
        let c = Combination::parse(" 冠状病毒 + 人传人+李文亮 ").unwrap();
        assert_eq!(c.parts(), ["冠状病毒", "人传人", "李文亮"]);
        assert_eq!(c.to_string(), "冠状病毒+人传人+李文亮");
        assert!(!c.is_phrase());
        assert_eq!(Combination::parse("   "), Err(KeywordError::Empty));
        let err = Combination::parse("武汉++五大诉求").unwrap_err();
        assert_eq!(
            err,
            KeywordError::EmptyPart {
                position: 2,
                text: "武汉++五大诉求".into()
            }
        );
        assert!(err.to_string().contains("part 2"), "{err}");
        assert!(Combination::parse("武汉+").is_err());
        assert!(Combination::parse("+武汉").is_err());
        assert_eq!(Combination::parse("a+a+b").unwrap().parts(), ["a", "b"]);
    }

    #[test]
    fn serialises_as_plus_joined_text() {
        let c = Combination::parse("习近平+喊口号").unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, "\"习近平+喊口号\"");
        assert_eq!(serde_json::from_str::<Combination>(&json).unwrap(), c);
        assert!(serde_json::from_str::<Combination>("\"a++b\"").is_err());
    }

    #[test]
    fn empty_list_matches_nothing() {
        let m = KeywordMatcher::new(&[]).unwrap();
        assert!(m.find_all("anything").is_empty());
    }
}
