//! The MD5 hash index: the real-time blacklist of files.
//!
//! WeChat keeps "a hash index populated by MD5 hashes of images sent by users"; a file
//! whose MD5 is listed is dropped at once, because an MD5 is cheap to compute while OCR
//! and visual comparison are not (S3, sources §4.1, §7). Each entry remembers where
//! it came from so the console can show that the list grew from users' own messages.

use super::Provenance;
use crate::fingerprint::Digest;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One listed MD5.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashEntry {
    /// A human label, e.g. the file name it was learned from.
    pub label: String,
    pub provenance: Provenance,
}

/// MD5 → entry, ordered by digest so exports are stable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HashIndex {
    entries: BTreeMap<Digest, HashEntry>,
}

impl HashIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Lists `digest`. An MD5 already listed keeps its first entry (its true origin), and
    /// `false` is returned.
    pub fn insert(&mut self, digest: Digest, entry: HashEntry) -> bool {
        match self.entries.entry(digest) {
            std::collections::btree_map::Entry::Occupied(_) => false,
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(entry);
                true
            }
        }
    }

    /// Unlists `digest`, returning its entry if it was listed.
    pub fn remove(&mut self, digest: &Digest) -> Option<HashEntry> {
        self.entries.remove(digest)
    }

    /// The entry for `digest`, if listed.
    pub fn get(&self, digest: &Digest) -> Option<&HashEntry> {
        self.entries.get(digest)
    }

    /// True when `digest` is listed.
    pub fn contains(&self, digest: &Digest) -> bool {
        self.entries.contains_key(digest)
    }

    /// Number of listed MD5s.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in digest order.
    pub fn iter(&self) -> impl Iterator<Item = (&Digest, &HashEntry)> {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::md5;

    fn entry(label: &str) -> HashEntry {
        HashEntry {
            label: label.into(),
            provenance: Provenance::Manual { at: 0 },
        }
    }

    #[test]
    fn insert_lookup_remove() {
        let mut index = HashIndex::new();
        let a = md5(b"sensitive");
        let b = md5(b"benign");
        assert!(index.insert(a, entry("first")));
        assert!(!index.insert(a, entry("second")), "an MD5 is listed once");
        assert_eq!(
            index.get(&a).unwrap().label,
            "first",
            "the original provenance stays"
        );
        assert!(index.contains(&a));
        assert!(!index.contains(&b));
        assert_eq!(index.len(), 1);
        assert_eq!(index.remove(&a).unwrap().label, "first");
        assert!(index.is_empty());
        assert!(index.remove(&a).is_none());
    }

    #[test]
    fn json_is_a_map_keyed_by_hex_md5() {
        let mut index = HashIndex::new();
        index.insert(md5(b""), entry("empty file"));
        let json = serde_json::to_string(&index).unwrap();
        assert!(
            json.starts_with("{\"d41d8cd98f00b204e9800998ecf8427e\":"),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<HashIndex>(&json).unwrap(), index);
        assert!(serde_json::from_str::<HashIndex>("{\"nothex\":{}}").is_err());
    }
}
