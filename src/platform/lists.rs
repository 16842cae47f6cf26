//! The censor's lists: an MD5 index per chat feature, keyword entries with the features
//! they apply to, and the visual reference pictures. Every entry carries its provenance,
//! and the whole set exports and imports as one JSON document.

use super::model::Feature;
use crate::filters::{
    Combination, HashIndex, KeywordError, KeywordMatcher, PartFound, Provenance, VisualSignature,
};
use crate::fingerprint::Digest;
use crate::t;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One MD5 index per chat feature (rule 5: separate lists per feature).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashIndexes {
    pub one_to_one: HashIndex,
    pub group: HashIndex,
}

impl HashIndexes {
    /// The index of a feature.
    pub fn get(&self, feature: Feature) -> &HashIndex {
        match feature {
            Feature::OneToOne => &self.one_to_one,
            Feature::Group => &self.group,
        }
    }

    /// The index of a feature, to edit.
    pub fn get_mut(&mut self, feature: Feature) -> &mut HashIndex {
        match feature {
            Feature::OneToOne => &mut self.one_to_one,
            Feature::Group => &mut self.group,
        }
    }
}

/// A keyword entry and the chat features whose lists hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeywordEntry {
    pub id: u32,
    pub combination: Combination,
    pub features: Vec<Feature>,
    pub provenance: Provenance,
}

impl KeywordEntry {
    /// True when the entry is on the list of `feature`.
    pub fn applies_to(&self, feature: Feature) -> bool {
        self.features.contains(&feature)
    }
}

/// A blacklisted picture, kept as its visual signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisualReference {
    pub id: u32,
    pub name: String,
    pub signature: VisualSignature,
    /// Its PDQ signature, for the console's comparison with PDQ (the option
    /// `compare_with_pdq`). Absent from references listed before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdq: Option<VisualSignature>,
    pub provenance: Provenance,
}

/// A keyword entry that matched a text, and where its parts were found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeywordMatch {
    pub entry: u32,
    /// The entry as written, e.g. `冠状病毒+人传人+李文亮`.
    pub combination: String,
    pub parts: Vec<PartFound>,
}

/// All the lists the server filters with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lists {
    pub hashes: HashIndexes,
    pub keywords: Vec<KeywordEntry>,
    pub references: Vec<VisualReference>,
}

/// A change made in the censor's console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListEdit {
    AddHash {
        feature: Feature,
        md5: Digest,
        label: String,
    },
    RemoveHash {
        feature: Feature,
        md5: Digest,
    },
    /// `text` is a phrase or `+`-joined parts.
    AddKeyword {
        text: String,
        features: Vec<Feature>,
    },
    RemoveKeyword {
        id: u32,
    },
    AddReference {
        name: String,
        signature: VisualSignature,
        /// PDQ's signature of the same picture; absent from journals saved before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pdq: Option<VisualSignature>,
    },
    RemoveReference {
        id: u32,
    },
    /// Replaces every list (a JSON import).
    Import(Box<Lists>),
}

impl Lists {
    /// The lists as pretty JSON, for export.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("lists contain only strings, numbers and maps")
    }

    /// Reads exported lists, refusing malformed or inconsistent ones.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let lists: Lists = serde_json::from_str(text)
            .map_err(|e| t!("platform.lists.not_an_export", why = e).into_owned())?;
        lists.validate()?;
        Ok(lists)
    }

    /// Checks what JSON cannot: unique ids, named references, features on every keyword,
    /// and a keyword list the matcher can compile.
    pub fn validate(&self) -> Result<(), String> {
        let mut ids = BTreeSet::new();
        for k in &self.keywords {
            if !ids.insert(k.id) {
                return Err(t!("platform.lists.keyword_id_twice", id = k.id).into_owned());
            }
            if k.features.is_empty() {
                let (id, combination) = (k.id, &k.combination);
                return Err(t!(
                    "platform.lists.keyword_no_feature",
                    id = id,
                    combination = combination
                )
                .into_owned());
            }
        }
        let mut ids = BTreeSet::new();
        for r in &self.references {
            if !ids.insert(r.id) {
                return Err(t!("platform.lists.reference_id_twice", id = r.id).into_owned());
            }
            if r.name.trim().is_empty() {
                return Err(t!("platform.lists.reference_no_name", id = r.id).into_owned());
            }
        }
        KeywordMatcher::new(self.keywords.iter().map(|k| &k.combination))
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// The id the next keyword entry gets.
    pub fn next_keyword_id(&self) -> u32 {
        self.keywords.iter().map(|k| k.id + 1).max().unwrap_or(1)
    }

    /// The id the next reference gets.
    pub fn next_reference_id(&self) -> u32 {
        self.references.iter().map(|r| r.id + 1).max().unwrap_or(1)
    }

    /// The first entry (in list order) on the list of any of `features` that matches `text`.
    pub fn find_keyword(
        &self,
        text: &str,
        features: &[Feature],
    ) -> Result<Option<KeywordMatch>, KeywordError> {
        let entries: Vec<&KeywordEntry> = self
            .keywords
            .iter()
            .filter(|k| features.iter().any(|&f| k.applies_to(f)))
            .collect();
        let matcher = KeywordMatcher::new(entries.iter().map(|k| &k.combination))?;
        Ok(matcher.first(text).map(|hit| {
            let entry = entries[hit.entry];
            KeywordMatch {
                entry: entry.id,
                combination: entry.combination.to_string(),
                parts: hit.parts,
            }
        }))
    }

    /// Adds a keyword entry, refusing bad text or an empty feature list.
    pub fn add_keyword(
        &mut self,
        text: &str,
        features: &[Feature],
        provenance: Provenance,
    ) -> Result<u32, String> {
        let combination = Combination::parse(text).map_err(|e| e.to_string())?;
        let features: Vec<Feature> = Feature::ALL
            .into_iter()
            .filter(|f| features.contains(f))
            .collect();
        if features.is_empty() {
            return Err(t!("platform.lists.choose_feature").into_owned());
        }
        let id = self.next_keyword_id();
        self.keywords.push(KeywordEntry {
            id,
            combination,
            features,
            provenance,
        });
        if let Err(e) = self.validate() {
            self.keywords.pop();
            return Err(e);
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let mut lists = Lists::default();
        let seeded = || Provenance::Seeded {
            source: "test".into(),
        };
        lists
            .add_keyword("法轮功", &Feature::ALL, seeded())
            .unwrap();
        lists
            .add_keyword("六四+学生+民主运动", &[Feature::Group], seeded())
            .unwrap();
        lists
    }

    #[test]
    fn keywords_apply_per_feature() {
        let lists = lists();
        let text = "六四那年的学生和民主运动";
        assert_eq!(
            lists.find_keyword(text, &[Feature::OneToOne]).unwrap(),
            None
        );
        let hit = lists
            .find_keyword(text, &[Feature::Group])
            .unwrap()
            .unwrap();
        assert_eq!(
            (hit.entry, hit.combination.as_str()),
            (2, "六四+学生+民主运动")
        );
        assert_eq!(hit.parts.len(), 3);
        assert_eq!(
            lists
                .find_keyword("法轮功", &[Feature::OneToOne])
                .unwrap()
                .unwrap()
                .entry,
            1
        );
    }

    #[test]
    fn adding_refuses_bad_entries() {
        let mut lists = lists();
        let manual = Provenance::Manual { at: 0 };
        assert!(
            lists
                .add_keyword("a++b", &Feature::ALL, manual.clone())
                .unwrap_err()
                .contains("part 2")
        );
        assert!(
            lists
                .add_keyword("ok", &[], manual.clone())
                .unwrap_err()
                .contains("feature")
        );
        assert_eq!(lists.keywords.len(), 2);
        assert_eq!(
            lists
                .add_keyword("ok", &[Feature::Group, Feature::Group], manual)
                .unwrap(),
            3
        );
        assert_eq!(lists.keywords[2].features, vec![Feature::Group]);
    }

    #[test]
    fn json_export_round_trip_and_import_checks() {
        let lists = lists();
        let json = lists.to_json();
        assert_eq!(Lists::from_json(&json).unwrap(), lists);
        let twice = json.replace("\"id\": 2", "\"id\": 1");
        assert!(Lists::from_json(&twice).unwrap_err().contains("used twice"));
        assert!(
            Lists::from_json("{\"hashes\": 3}")
                .unwrap_err()
                .contains("not a hashwall list export")
        );
    }
}
