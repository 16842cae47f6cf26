//! Sending files through the worker: each job is remembered with what to do when its
//! reply comes (send the analysed file into a chat, or list a reference picture), and
//! uploads in flight are tracked so phones can show progress.

use super::store::SandboxStore;
use crate::jobs::{Reply, Request};
use crate::platform::{AccountId, Action, ChatId, ListEdit};
use crate::scenario::SandboxAction;
use crate::web::background::Background;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use web_sys::Blob;
use yew::prelude::*;

/// What to do with a job's result.
#[derive(Clone, Debug)]
enum Purpose {
    Send { chat: ChatId, sender: AccountId },
    Reference,
}

/// A file on its way to the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    pub sender: AccountId,
    pub name: String,
    pub done: u64,
    pub total: u64,
}

/// Uploads in flight, and the latest note per sender about a file the server could not read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Uploads {
    pub active: BTreeMap<u32, Upload>,
    pub notes: BTreeMap<AccountId, String>,
    /// A note for the censor's console (a reference picture that could not be used).
    pub console_note: Option<String>,
}

pub enum UploadsAction {
    Start(u32, Upload),
    Progress { job: u32, done: u64, total: u64 },
    Finish { job: u32, note: Option<String> },
    ConsoleNote(Option<String>),
    ClearNote(AccountId),
}

impl Reducible for Uploads {
    type Action = UploadsAction;

    fn reduce(self: Rc<Self>, action: UploadsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UploadsAction::Start(job, upload) => {
                next.notes.remove(&upload.sender);
                next.active.insert(job, upload);
            }
            UploadsAction::Progress { job, done, total } => {
                if let Some(upload) = next.active.get_mut(&job) {
                    upload.done = done;
                    upload.total = total;
                }
            }
            UploadsAction::Finish { job, note } => {
                if let (Some(upload), Some(note)) = (next.active.remove(&job), note) {
                    next.notes.insert(upload.sender, note);
                }
            }
            UploadsAction::ConsoleNote(note) => next.console_note = note,
            UploadsAction::ClearNote(account) => {
                next.notes.remove(&account);
            }
        }
        Rc::new(next)
    }
}

/// The worker and the jobs waiting for it.
pub struct Work {
    background: Background,
    purposes: Rc<RefCell<HashMap<u32, Purpose>>>,
    uploads: UseReducerDispatcher<Uploads>,
    sandbox: UseReducerDispatcher<SandboxStore>,
}

impl PartialEq for Work {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Work {
    /// Starts the worker and wires its replies to the sandbox and the uploads.
    pub fn start(
        sandbox: UseReducerDispatcher<SandboxStore>,
        uploads: UseReducerDispatcher<Uploads>,
    ) -> Self {
        let purposes: Rc<RefCell<HashMap<u32, Purpose>>> = Rc::default();
        let background = {
            let purposes = purposes.clone();
            let sandbox = sandbox.clone();
            let uploads = uploads.clone();
            Background::start(move |reply, _bytes| on_reply(reply, &purposes, &sandbox, &uploads))
        };
        Self {
            background,
            purposes,
            uploads,
            sandbox,
        }
    }

    /// Analyses `file` in the worker, then sends it from `sender` into `chat`.
    pub fn send_file(&self, file: &Blob, name: &str, mime: &str, chat: ChatId, sender: AccountId) {
        let upload = Upload {
            sender,
            name: name.to_string(),
            done: 0,
            total: file.size() as u64,
        };
        let request = |job| Request::Analyse {
            job,
            name: name.to_string(),
            mime: mime.to_string(),
        };
        if let Some(job) = self.submit(request, file, Purpose::Send { chat, sender }) {
            self.uploads.dispatch(UploadsAction::Start(job, upload));
        }
    }

    /// Computes the visual signature of `file` and lists it as a reference picture.
    pub fn add_reference(&self, file: &Blob, name: &str) {
        self.uploads
            .dispatch(UploadsAction::ConsoleNote(Some(format!("Reading {name}…"))));
        self.submit(
            |job| Request::Reference {
                job,
                name: name.to_string(),
            },
            file,
            Purpose::Reference,
        );
    }

    fn submit(
        &self,
        request: impl FnOnce(u32) -> Request,
        file: &Blob,
        purpose: Purpose,
    ) -> Option<u32> {
        let background = &self.background;
        let job = background.next_job();
        self.purposes.borrow_mut().insert(job, purpose);
        if let Err(message) = background.send(&request(job), Some(file)) {
            self.purposes.borrow_mut().remove(&job);
            self.sandbox.dispatch(SandboxAction::Report(message));
            return None;
        }
        Some(job)
    }
}

fn on_reply(
    reply: Reply,
    purposes: &RefCell<HashMap<u32, Purpose>>,
    sandbox: &UseReducerDispatcher<SandboxStore>,
    uploads: &UseReducerDispatcher<Uploads>,
) {
    match reply {
        Reply::Progress { job, done, total } => {
            uploads.dispatch(UploadsAction::Progress { job, done, total })
        }
        Reply::Analysed {
            job,
            facts,
            preview,
        } => {
            let Some(Purpose::Send { chat, sender }) = purposes.borrow_mut().remove(&job) else {
                return;
            };
            let note = facts.problem.as_ref().map(|problem| {
                format!(
                    "{} was sent, but the server cannot analyse it: {problem}.",
                    facts.name
                )
            });
            sandbox.dispatch(SandboxAction::SendFile {
                chat,
                sender,
                facts,
                preview,
            });
            uploads.dispatch(UploadsAction::Finish { job, note });
        }
        Reply::Reference {
            job,
            name,
            signature,
            preview,
        } => {
            purposes.borrow_mut().remove(&job);
            if let Some(url) = preview {
                sandbox.dispatch(SandboxAction::AddPreview {
                    key: format!("ref:{}", signature.hash),
                    url,
                });
            }
            sandbox.dispatch(SandboxAction::Platform(Action::Edit(
                ListEdit::AddReference { name, signature },
            )));
            uploads.dispatch(UploadsAction::ConsoleNote(None));
        }
        Reply::Failed { job, message } => match purposes.borrow_mut().remove(&job) {
            Some(Purpose::Send { .. }) => uploads.dispatch(UploadsAction::Finish {
                job,
                note: Some(message),
            }),
            Some(Purpose::Reference) => uploads.dispatch(UploadsAction::ConsoleNote(Some(message))),
            None => sandbox.dispatch(SandboxAction::Report(message)),
        },
        Reply::Ready
        | Reply::Hashed { .. }
        | Reply::Forged { .. }
        | Reply::Searching { .. }
        | Reply::Collided { .. } => {}
    }
}
