//! The fingerprint page: several files hashed side by side, with equal MD5s marked, since
//! comparing two files is what a person comes to do. Finished results survive a reload.

use crate::fingerprint::Digest;
use serde::{Deserialize, Serialize};

/// Where one file's hashing is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HashState {
    Hashing { done: u64 },
    Done(Digest),
    Failed(String),
}

/// One file on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprinted {
    pub id: u32,
    pub name: String,
    pub size: u64,
    pub state: HashState,
}

/// The page's files, in the order they were chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprints {
    pub files: Vec<Fingerprinted>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FingerprintAction {
    /// A file was chosen; the interface gives it a fresh id.
    Add {
        id: u32,
        name: String,
        size: u64,
    },
    Progress {
        id: u32,
        done: u64,
    },
    Done {
        id: u32,
        md5: Digest,
    },
    Failed {
        id: u32,
        message: String,
    },
    Remove(u32),
    Clear,
}

impl Fingerprints {
    /// Files kept at most: a comparison table, not an archive.
    pub const KEPT: usize = 24;

    /// Applies an action; returns whether anything changed.
    pub fn reduce(&mut self, action: FingerprintAction) -> bool {
        let state = |files: &mut Vec<Fingerprinted>, id: u32, state: HashState| match files
            .iter_mut()
            .find(|f| f.id == id)
        {
            Some(f) if f.state != state => {
                f.state = state;
                true
            }
            _ => false,
        };
        match action {
            FingerprintAction::Add { id, name, size } => {
                self.files.push(Fingerprinted {
                    id,
                    name,
                    size,
                    state: HashState::Hashing { done: 0 },
                });
                let excess = self.files.len().saturating_sub(Self::KEPT);
                self.files.drain(..excess);
                true
            }
            FingerprintAction::Progress { id, done } => {
                state(&mut self.files, id, HashState::Hashing { done })
            }
            FingerprintAction::Done { id, md5 } => state(&mut self.files, id, HashState::Done(md5)),
            FingerprintAction::Failed { id, message } => {
                state(&mut self.files, id, HashState::Failed(message))
            }
            FingerprintAction::Remove(id) => {
                let before = self.files.len();
                self.files.retain(|f| f.id != id);
                self.files.len() != before
            }
            FingerprintAction::Clear => !std::mem::take(&mut self.files).is_empty(),
        }
    }

    /// The other files whose MD5 equals that of file `id` (by their position, from 1).
    pub fn same_md5_as(&self, id: u32) -> Vec<usize> {
        let Some(HashState::Done(md5)) = self.files.iter().find(|f| f.id == id).map(|f| &f.state)
        else {
            return Vec::new();
        };
        self.files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.id != id && f.state == HashState::Done(*md5))
            .map(|(i, _)| i + 1)
            .collect()
    }

    /// What to keep across a reload: finished results only (a half-read file is gone).
    pub fn to_json(&self) -> String {
        let kept = Fingerprints {
            files: self
                .files
                .iter()
                .filter(|f| matches!(f.state, HashState::Done(_)))
                .cloned()
                .collect(),
        };
        serde_json::to_string(&kept).expect("plain data")
    }

    /// Restores saved results (anything damaged gives an empty page).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// An id no file has.
    pub fn next_id(&self) -> u32 {
        self.files.iter().map(|f| f.id + 1).max().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::md5;

    #[test]
    fn equal_md5s_are_found_and_results_survive_a_reload() {
        let mut page = Fingerprints::default();
        for (id, name) in [(1, "x.gif"), (2, "y.gif"), (3, "z.png")] {
            assert!(page.reduce(FingerprintAction::Add {
                id,
                name: name.into(),
                size: 10
            }));
        }
        assert!(page.reduce(FingerprintAction::Progress { id: 1, done: 5 }));
        assert!(!page.reduce(FingerprintAction::Progress { id: 1, done: 5 }));
        let twin = md5(b"twin");
        page.reduce(FingerprintAction::Done { id: 1, md5: twin });
        assert_eq!(page.same_md5_as(1), Vec::<usize>::new(), "y is not done");
        page.reduce(FingerprintAction::Done { id: 2, md5: twin });
        page.reduce(FingerprintAction::Failed {
            id: 3,
            message: "unreadable".into(),
        });
        assert_eq!(page.same_md5_as(1), vec![2]);
        assert_eq!(page.same_md5_as(2), vec![1]);
        assert!(page.same_md5_as(3).is_empty());
        assert_eq!(page.next_id(), 4);

        let back = Fingerprints::from_json(&page.to_json());
        assert_eq!(back.files.len(), 2, "the failed file is not kept");
        assert_eq!(back.same_md5_as(2), vec![1]);
        assert_eq!(Fingerprints::from_json("garbage"), Fingerprints::default());
        assert!(page.reduce(FingerprintAction::Remove(2)));
        assert!(page.same_md5_as(1).is_empty());
        assert!(page.reduce(FingerprintAction::Clear));
        assert!(!page.reduce(FingerprintAction::Clear));
    }

    #[test]
    fn the_page_keeps_the_latest_files_only() {
        let mut page = Fingerprints::default();
        for id in 1..=(Fingerprints::KEPT as u32 + 3) {
            page.reduce(FingerprintAction::Add {
                id,
                name: format!("{id}"),
                size: 1,
            });
        }
        assert_eq!(page.files.len(), Fingerprints::KEPT);
        assert_eq!(page.files[0].id, 4);
    }
}
