//! The page's client of one Web Worker: `request` sends one request and returns a future
//! of its one reply. Numbering requests, routing progress and replies back to their callers,
//! and failing what a dead worker owed are this module's job, not the callers'.
//!
//! The worker (its own wasm, a few hundred KB) starts on the first request, not with the
//! page, so the first render never waits for it. A worker only listens once its wasm has
//! loaded; anything posted earlier would be lost, so requests wait here until it says
//! `Ready`. If it dies (a trap in its wasm, the browser killing it for memory), every pending
//! request fails with a message and the next request starts a fresh worker. Dropping the
//! client stops its worker and cancels what is pending.

use crate::jobs::{FromWorker, JobError, Progress, Reply, Request, ToWorker, wire};
use crate::t;
use futures_channel::oneshot;
use js_sys::{Function, Object, Reflect};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, Event, MessageEvent, Worker};

/// The workers' loaders (see index.html): the main worker, which starts its SIMD or its
/// portable build (`www/worker-start.js`), and the documents worker (the PDF and DOCX
/// readers), loaded only when a document needs reading.
const WORKER_URL: &str = "./worker-start.js";
/// The main worker's portable build even where SIMD runs, when the page's address asks for it
/// with `simd=off` (for tests and benchmarks).
const PORTABLE_WORKER_URL: &str = "./worker-start.js?simd=off";
const DOCUMENTS_URL: &str = "./documents_loader.js";
/// The OCR worker (Tesseract), loaded only when the first picture needs its text read.
const OCR_URL: &str = "./ocr-worker.js";

/// A request waiting for its reply.
struct Pending {
    on_progress: Box<dyn Fn(Progress)>,
    done: oneshot::Sender<Result<Reply, JobError>>,
}

struct Link {
    /// The worker's script.
    url: &'static str,
    /// The running worker, if one has been started and has not died.
    worker: RefCell<Option<Worker>>,
    ready: Cell<bool>,
    /// Set when a worker failed before it ever became ready: starting another would fail too.
    broken: Cell<bool>,
    /// Messages posted before the worker was ready.
    waiting: RefCell<Vec<JsValue>>,
    pending: RefCell<BTreeMap<u32, Pending>>,
    next_id: Cell<u32>,
    /// The page's two listeners, set on each worker started.
    handlers: RefCell<Option<(Function, Function)>>,
}

impl Link {
    fn new(url: &'static str) -> Self {
        Self {
            url,
            worker: RefCell::default(),
            ready: Cell::default(),
            broken: Cell::default(),
            waiting: RefCell::default(),
            pending: RefCell::default(),
            next_id: Cell::default(),
            handlers: RefCell::default(),
        }
    }

    /// The running worker, started now if there is none.
    fn worker(&self) -> Result<Worker, JobError> {
        if self.broken.get() {
            return Err(JobError::CannotStart(
                t!("forge.client.failed_before").into_owned(),
            ));
        }
        if let Some(worker) = &*self.worker.borrow() {
            return Ok(worker.clone());
        }
        let worker = Worker::new(self.url)
            .map_err(|_| JobError::CannotStart(t!("forge.client.refused").into_owned()))?;
        if let Some((on_message, on_error)) = &*self.handlers.borrow() {
            worker.set_onmessage(Some(on_message));
            worker.set_onerror(Some(on_error));
        }
        self.ready.set(false);
        *self.worker.borrow_mut() = Some(worker.clone());
        Ok(worker)
    }

    /// Stops the worker; what it owed fails with `why`.
    fn stop(&self, why: Option<&JobError>) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            // Unhook first: an event already on its way (a load error, a late reply) must not
            // reach listeners that are about to be dropped.
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.ready.set(false);
        self.waiting.borrow_mut().clear();
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        for (_, request) in pending {
            // Without a reason the sender is simply dropped: its future says `Cancelled`.
            if let Some(why) = why {
                let _ = request.done.send(Err(why.clone()));
            }
        }
    }

    fn receive(&self, data: &JsValue) {
        let Some(message) = Reflect::get(data, &wire::JSON.into())
            .ok()
            .and_then(|j| j.as_string())
            .and_then(|j| serde_json::from_str::<FromWorker>(&j).ok())
        else {
            return;
        };
        match message {
            FromWorker::Ready => {
                self.ready.set(true);
                if let Some(worker) = &*self.worker.borrow() {
                    for message in self.waiting.borrow_mut().drain(..) {
                        let _ = worker.post_message(&message);
                    }
                }
            }
            FromWorker::Progress { id, progress } => {
                if let Some(request) = self.pending.borrow().get(&id) {
                    (request.on_progress)(progress);
                }
            }
            FromWorker::Done { id, mut reply } => {
                let Some(request) = self.pending.borrow_mut().remove(&id) else {
                    return;
                };
                reply.put_files(files_of(data));
                let _ = request.done.send(reply.into_result());
            }
        }
    }
}

/// The byte arrays that travelled beside a reply's JSON.
fn files_of(data: &JsValue) -> Vec<Vec<u8>> {
    Reflect::get(data, &wire::BYTES.into())
        .ok()
        .filter(|b| b.is_array())
        .map(|b| {
            js_sys::Array::from(&b)
                .iter()
                .map(|a| js_sys::Uint8Array::new(&a).to_vec())
                .collect()
        })
        .unwrap_or_default()
}

/// A worker, started on demand, and the closures that receive its messages and its failure.
pub struct WorkerClient {
    link: Rc<Link>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl PartialEq for WorkerClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.link, &other.link)
    }
}

impl Default for WorkerClient {
    fn default() -> Self {
        Self::new()
    }
}

impl WorkerClient {
    /// A client of the main worker; it starts with the first request (or
    /// [`WorkerClient::warm`]).
    pub fn new() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let address = crate::scenario::address::Address::parse(&search, "");
        Self::of(if address.portable_worker {
            PORTABLE_WORKER_URL
        } else {
            WORKER_URL
        })
    }

    /// A client of the documents worker, which answers only `Request::ReadDocument`.
    pub fn documents() -> Self {
        Self::of(DOCUMENTS_URL)
    }

    /// A client of the OCR worker, which answers only `Request::ReadText`.
    pub fn ocr() -> Self {
        Self::of(OCR_URL)
    }

    fn of(url: &'static str) -> Self {
        let link = Rc::new(Link::new(url));
        let on_message = {
            let link = link.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                link.receive(&event.data());
            })
        };
        let on_error = {
            let link = link.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                // Handled here: the browser need not report it as uncaught on the page.
                event.prevent_default();
                let detail = Reflect::get(&event, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| t!("forge.client.no_reason").into_owned());
                let why = if link.ready.get() {
                    JobError::WorkerStopped(detail)
                } else {
                    link.broken.set(true);
                    JobError::CannotStart(detail)
                };
                link.stop(Some(&why));
            })
        };
        *link.handlers.borrow_mut() = Some((
            on_message.as_ref().unchecked_ref::<Function>().clone(),
            on_error.as_ref().unchecked_ref::<Function>().clone(),
        ));
        Self {
            link,
            _on_message: on_message,
            _on_error: on_error,
        }
    }

    /// Starts the worker now, before any request, so its wasm is loaded and compiled ahead.
    pub fn warm(&self) {
        // A failure shows on the first request.
        let _ = self.link.worker();
    }

    /// Sends `request` with the files it works on; `on_progress` hears how it goes. The
    /// future resolves with the reply, or why there is none.
    /// The future borrows nothing (`use<P>`): the request is posted before it returns.
    pub fn request<P: Fn(Progress) + 'static>(
        &self,
        request: Request,
        files: &[&Blob],
        on_progress: P,
    ) -> impl Future<Output = Result<Reply, JobError>> + 'static + use<P> {
        let (done, answer) = oneshot::channel();
        let posted = self.post(request, files, Box::new(on_progress), done);
        async move {
            posted?;
            // A dropped sender means the client stopped the worker.
            answer.await.unwrap_or(Err(JobError::Cancelled))
        }
    }

    fn post(
        &self,
        request: Request,
        files: &[&Blob],
        on_progress: Box<dyn Fn(Progress)>,
        done: oneshot::Sender<Result<Reply, JobError>>,
    ) -> Result<(), JobError> {
        let link = &self.link;
        let worker = link.worker()?;
        let id = link.next_id.get().wrapping_add(1);
        link.next_id.set(id);
        let json = serde_json::to_string(&ToWorker { id, request })
            .map_err(|e| JobError::Failed(e.to_string()))?;
        let message = Object::new();
        let _ = Reflect::set(&message, &wire::JSON.into(), &JsValue::from_str(&json));
        let array = js_sys::Array::new();
        for file in files {
            array.push(file);
        }
        let _ = Reflect::set(&message, &wire::FILES.into(), &array);
        link.pending
            .borrow_mut()
            .insert(id, Pending { on_progress, done });
        if link.ready.get() {
            if worker.post_message(&message).is_err() {
                link.pending.borrow_mut().remove(&id);
                return Err(JobError::WorkerStopped(
                    t!("forge.client.not_accepted").into_owned(),
                ));
            }
        } else {
            link.waiting.borrow_mut().push(message.into());
        }
        Ok(())
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.link.stop(None);
    }
}
