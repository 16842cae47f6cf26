//! Files on their way to the server: progress per upload for the sender's phone, and a note
//! per sender (or for the console) about a file the server could not read.

use crate::filters::ContentProblem;
use crate::platform::AccountId;
use crate::t;
use std::collections::BTreeMap;

/// A file being read and analysed before it is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub sender: AccountId,
    pub name: String,
    pub done: u64,
    pub total: u64,
}

/// Why a sender's file did not go as planned. Kept as facts, so the note is worded in the
/// language shown when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadNote {
    /// The file was sent, but the server could not analyse it.
    Unanalysable {
        name: String,
        problem: ContentProblem,
    },
    /// The file could not be read at all (the reason, from the browser or the worker).
    Failed(String),
}

impl UploadNote {
    /// The note in the current language.
    pub fn text(&self) -> String {
        match self {
            Self::Unanalysable { name, problem } => {
                t!("sandbox.note.unanalysable", name = name, problem = problem).into_owned()
            }
            Self::Failed(why) => why.clone(),
        }
    }
}

/// Uploads in flight, and the latest notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uploads {
    /// By upload number (the interface numbers them).
    pub active: BTreeMap<u32, Upload>,
    /// The latest note per sender about a file the server could not read.
    pub notes: BTreeMap<AccountId, UploadNote>,
    /// A note for the censor's console (a reference picture being read, or refused).
    pub console_note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadsAction {
    Start(u32, Upload),
    Progress {
        upload: u32,
        done: u64,
        total: u64,
    },
    Finish {
        upload: u32,
        note: Option<UploadNote>,
    },
    ConsoleNote(Option<String>),
    ClearNote(AccountId),
}

impl Uploads {
    /// Applies an action; returns whether anything changed.
    pub fn reduce(&mut self, action: UploadsAction) -> bool {
        match action {
            UploadsAction::Start(id, upload) => {
                self.notes.remove(&upload.sender);
                self.active.insert(id, upload);
                true
            }
            UploadsAction::Progress {
                upload,
                done,
                total,
            } => match self.active.get_mut(&upload) {
                Some(u) if (u.done, u.total) != (done, total) => {
                    (u.done, u.total) = (done, total);
                    true
                }
                _ => false,
            },
            UploadsAction::Finish { upload, note } => match self.active.remove(&upload) {
                Some(finished) => {
                    if let Some(note) = note {
                        self.notes.insert(finished.sender, note);
                    }
                    true
                }
                None => false,
            },
            UploadsAction::ConsoleNote(note) => {
                std::mem::replace(&mut self.console_note, note.clone()) != note
            }
            UploadsAction::ClearNote(account) => self.notes.remove(&account).is_some(),
        }
    }

    /// The uploads `sender` has in flight.
    pub fn of(&self, sender: AccountId) -> impl Iterator<Item = &Upload> {
        self.active.values().filter(move |u| u.sender == sender)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_runs_from_start_to_a_note() {
        let amira = AccountId(2);
        let mut uploads = Uploads::default();
        let upload = Upload {
            sender: amira,
            name: "big.jpg".into(),
            done: 0,
            total: 10,
        };
        assert!(uploads.reduce(UploadsAction::Start(1, upload)));
        assert!(uploads.reduce(UploadsAction::Progress {
            upload: 1,
            done: 5,
            total: 10
        }));
        assert!(!uploads.reduce(UploadsAction::Progress {
            upload: 1,
            done: 5,
            total: 10
        }));
        assert_eq!(uploads.of(amira).next().unwrap().done, 5);
        assert!(uploads.reduce(UploadsAction::Finish {
            upload: 1,
            note: Some(UploadNote::Failed("unreadable".into()))
        }));
        assert_eq!(uploads.of(amira).count(), 0);
        assert_eq!(uploads.notes[&amira].text(), "unreadable");
        assert!(!uploads.reduce(UploadsAction::Finish {
            upload: 1,
            note: None
        }));
        assert!(uploads.reduce(UploadsAction::ClearNote(amira)));
        assert!(!uploads.reduce(UploadsAction::ClearNote(amira)));
        assert!(!uploads.reduce(UploadsAction::ConsoleNote(None)));
    }

    #[test]
    fn a_note_about_an_unanalysable_file_names_it_and_the_problem() {
        let note = UploadNote::Unanalysable {
            name: "broken.png".into(),
            problem: ContentProblem::Empty,
        };
        assert_eq!(
            note.text(),
            "broken.png was sent, but the server cannot analyse it: the file is empty."
        );
    }
}
