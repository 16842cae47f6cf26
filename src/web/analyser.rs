//! Analysing a file as the server would, in workers: the main worker streams its MD5 and
//! decodes a picture; a document's text is read by the documents worker, whose wasm (the PDF
//! and DOCX readers) loads only when the first document arrives, and a picture's text is read
//! by the OCR worker (Tesseract), which loads only when the first picture arrives.

use crate::filters::{ContentProblem, FileFacts};
use crate::jobs::{JobError, Progress, Reply, Request};
use crate::t;
use crate::web::worker_client::WorkerClient;
use std::future::Future;
use std::rc::Rc;
use web_sys::Blob;

/// A file's facts and its preview (pictures only).
pub struct Analysed {
    pub facts: FileFacts,
    pub preview: Option<String>,
}

/// The three workers an analysis may need.
pub struct Analyser {
    main: WorkerClient,
    documents: Rc<WorkerClient>,
    ocr: Rc<WorkerClient>,
}

impl Default for Analyser {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyser {
    pub fn new() -> Self {
        Self {
            main: WorkerClient::new(),
            documents: Rc::new(WorkerClient::documents()),
            ocr: Rc::new(WorkerClient::ocr()),
        }
    }

    /// The main worker, for the other requests (references, forging).
    pub fn main(&self) -> &WorkerClient {
        &self.main
    }

    /// Analyses `file`. A document reader that fails to start or dies does not stop the
    /// file: its facts say why its text is unknown, and it is sent with its MD5 alone.
    pub fn analyse<P: Fn(Progress) + 'static>(
        &self,
        file: &Blob,
        name: &str,
        mime: &str,
        on_progress: P,
    ) -> impl Future<Output = Result<Analysed, JobError>> + 'static + use<P> {
        let request = Request::Analyse {
            name: name.to_string(),
            mime: mime.to_string(),
        };
        let reply = self.main.request(request, &[file], on_progress);
        let (documents, ocr) = (self.documents.clone(), self.ocr.clone());
        let file = file.clone();
        async move {
            let Reply::Analysed { facts, preview } = reply.await? else {
                return Err(JobError::Failed(t!("forge.worker_other").into_owned()));
            };
            let mut facts = *facts;
            if let Some(format) = facts.unread_document() {
                let read = documents.request(Request::ReadDocument { format }, &[&file], |_| {});
                match read.await {
                    Ok(Reply::DocumentRead { read }) => facts.read_document(read),
                    Ok(_) => {
                        facts.problem = Some(ContentProblem::ReaderFailed(
                            t!("forge.reader_other").into_owned(),
                        ));
                    }
                    Err(e) => facts.problem = Some(ContentProblem::ReaderFailed(e.to_string())),
                }
            }
            if facts.unread_picture_text() {
                // Like a document reader, an OCR worker that fails only costs the text.
                let read = match ocr.request(Request::ReadText, &[&file], |_| {}).await {
                    Ok(Reply::TextRead { text, confidence }) => Ok((text, confidence)),
                    Ok(_) => Err(t!("forge.reader_other").into_owned()),
                    Err(e) => Err(e.to_string()),
                };
                facts.read_picture_text(
                    read.map_err(|why| t!("filters.ocr.failed", why = why).into_owned()),
                );
            }
            Ok(Analysed { facts, preview })
        }
    }
}
