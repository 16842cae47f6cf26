//! Files on their way into the sandbox: each is read and analysed in a worker (its MD5
//! streamed, its picture decoded once, a document's text read), then sent into its chat; reference pictures for the
//! console go the same way. Progress and problems land in the uploads state.

use super::state::{SandboxDispatch, UploadsStore};
use crate::filters::FileKind;
use crate::jobs::{Progress, Reply, Request};
use crate::platform::{AccountId, Action, ChatId, ListEdit};
use crate::samples::{Sample, SampleKind};
use crate::scenario::SandboxAction;
use crate::scenario::uploads::{Upload, UploadNote, UploadsAction};
use crate::t;
use crate::web::analyser::{Analysed, Analyser};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::Blob;
use yew::prelude::*;

/// The analysing workers and where their results go.
pub struct Intake {
    analyser: Analyser,
    sandbox: SandboxDispatch,
    uploads: UseReducerDispatcher<UploadsStore>,
    next_upload: Cell<u32>,
}

impl PartialEq for Intake {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Intake {
    pub fn new(sandbox: SandboxDispatch, uploads: UseReducerDispatcher<UploadsStore>) -> Self {
        Self {
            analyser: Analyser::new(),
            sandbox,
            uploads,
            next_upload: Cell::new(0),
        }
    }

    /// Analyses `file` in the worker, then sends it from `sender` into `chat`.
    pub fn send_file(&self, file: &Blob, name: &str, mime: &str, chat: ChatId, sender: AccountId) {
        let id = self.next_upload.get() + 1;
        self.next_upload.set(id);
        let upload = Upload {
            sender,
            name: name.to_string(),
            done: 0,
            total: file.size() as u64,
        };
        self.uploads.dispatch(UploadsAction::Start(id, upload));
        let progress = {
            let uploads = self.uploads.clone();
            move |p: Progress| {
                if let Progress::Bytes { done, total } = p {
                    uploads.dispatch(UploadsAction::Progress {
                        upload: id,
                        done,
                        total,
                    });
                }
            }
        };
        let reply = self.analyser.analyse(file, name, mime, progress);
        let (sandbox, uploads) = (self.sandbox.clone(), self.uploads.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let note = match reply.await {
                Ok(Analysed { facts, preview }) => {
                    let note = facts
                        .problem
                        .as_ref()
                        .map(|problem| UploadNote::Unanalysable {
                            name: facts.name.clone(),
                            problem: problem.clone(),
                        });
                    sandbox.dispatch(SandboxAction::SendFile {
                        chat,
                        sender,
                        facts: Box::new(facts),
                        preview,
                    });
                    note
                }
                Err(e) => Some(UploadNote::Failed(e.to_string())),
            };
            uploads.dispatch(UploadsAction::Finish { upload: id, note });
        });
    }

    /// Sends a tray sample: texts go straight into the chat; pictures and documents are
    /// loaded from the app's own files and analysed like any file a person drops.
    pub fn send_sample(self: &Rc<Self>, sample: Sample, chat: ChatId, sender: AccountId) {
        if let (SampleKind::Text, Some(text)) = (sample.kind, sample.text) {
            return self
                .sandbox
                .dispatch(SandboxAction::Platform(Action::SendText {
                    chat,
                    sender,
                    text: text.to_string(),
                }));
        }
        let Some(url) = super::samples::url(&sample) else {
            return self.sandbox.dispatch(SandboxAction::Report(
                t!("sandbox.intake.nothing_to_send", id = sample.id).into_owned(),
            ));
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match crate::web::fetch::own_file(&url).await {
                Ok(blob) => {
                    let name = sample.file_name.unwrap_or(sample.id);
                    this.send_file(&blob, name, sample.mime, chat, sender);
                }
                Err(message) => this.sandbox.dispatch(SandboxAction::Report(message)),
            }
        });
    }

    /// Computes the visual signatures of `file` (the app matcher's and PDQ's) and lists it
    /// as a reference picture. The worker analyses it as it would a sent picture, since
    /// that analysis keeps both signatures.
    pub fn add_reference(&self, file: &Blob, name: &str) {
        self.uploads.dispatch(UploadsAction::ConsoleNote(Some(
            t!("sandbox.intake.reading", name = name).into_owned(),
        )));
        let request = Request::Analyse {
            name: name.to_string(),
            // The worker tells a picture by its bytes; the type would only name other files.
            mime: String::new(),
        };
        let reply = self.analyser.main().request(request, &[file], |_| {});
        let (sandbox, uploads, name) =
            (self.sandbox.clone(), self.uploads.clone(), name.to_string());
        wasm_bindgen_futures::spawn_local(async move {
            let note = match reply.await {
                Ok(Reply::Analysed { facts, preview }) => match facts.picture {
                    Some(picture) => {
                        if let Some(url) = preview {
                            sandbox.dispatch(SandboxAction::AddPreview {
                                key: format!("ref:{}", picture.signature.hash),
                                url,
                            });
                        }
                        sandbox.dispatch(SandboxAction::Platform(Action::Edit(
                            ListEdit::AddReference {
                                name,
                                signature: picture.signature,
                                pdq: picture.pdq,
                            },
                        )));
                        None
                    }
                    None => {
                        let why = match (facts.kind, &facts.problem) {
                            (FileKind::Image, Some(problem)) => problem.to_string(),
                            _ => t!("filters.picture.not_a_picture").into_owned(),
                        };
                        Some(t!("forge.job.reference", name = name, why = why).into_owned())
                    }
                },
                Ok(_) => Some(t!("sandbox.intake.wrong_answer").into_owned()),
                Err(e) => Some(e.to_string()),
            };
            uploads.dispatch(UploadsAction::ConsoleNote(note));
        });
    }
}

/// The intake, for the components that send files.
#[hook]
pub fn use_intake() -> Rc<Intake> {
    use_context::<Rc<Intake>>().expect("the app provides the intake")
}
