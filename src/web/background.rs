//! The page's handle on a worker: send a request (with a file), get replies on a callback.
//!
//! The worker (its own wasm, about 380 KB gzipped) starts on the first request, not with
//! the page, so the first render never waits for it. A worker only listens once its wasm has
//! loaded; anything posted earlier is lost, so requests wait in a queue until it says `Ready`.
//!
//! A worker can die (a trap in its wasm, the browser killing it for memory). Then every job
//! it still owed gets a `Failed` reply, so no part of the page waits forever, and the next
//! request starts a fresh worker.

use crate::jobs::{Reply, Request};
use js_sys::{Function, Object, Reflect};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, Event, MessageEvent, Worker};

/// Where Trunk puts the worker's loader (see index.html).
const WORKER_URL: &str = "./worker_loader.js";

#[derive(Default)]
struct Link {
    /// The running worker, if one has been started and has not died.
    worker: RefCell<Option<Worker>>,
    ready: Cell<bool>,
    /// Set when a worker failed before it ever became ready: starting another would fail too.
    broken: Cell<bool>,
    waiting: RefCell<Vec<JsValue>>,
    /// Jobs sent and not yet finished: they are failed if the worker dies.
    in_flight: RefCell<BTreeSet<u32>>,
    /// The page's two listeners, set on each worker started.
    handlers: RefCell<Option<(Function, Function)>>,
}

impl Link {
    /// The running worker, started now if there is none.
    fn worker(&self) -> Result<Worker, String> {
        if let Some(worker) = &*self.worker.borrow() {
            return Ok(worker.clone());
        }
        let worker = Worker::new(WORKER_URL)
            .map_err(|_| "this browser could not start a Web Worker".to_string())?;
        if let Some((on_message, on_error)) = &*self.handlers.borrow() {
            worker.set_onmessage(Some(on_message));
            worker.set_onerror(Some(on_error));
        }
        self.ready.set(false);
        *self.worker.borrow_mut() = Some(worker.clone());
        Ok(worker)
    }

    fn stop(&self) {
        if let Some(worker) = self.worker.borrow_mut().take() {
            // Unhook first: an event already on its way (a load error, a late reply) must not
            // reach listeners that are about to be dropped.
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.ready.set(false);
        self.waiting.borrow_mut().clear();
    }
}

/// A worker, started on demand, and the closures that receive its replies and its failure.
pub struct Background {
    link: Rc<Link>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    next_job: Cell<u32>,
}

impl Background {
    /// Prepares a worker; `on_reply` gets every reply it sends. The worker itself starts
    /// with the first request (or [`Background::warm`]), which is where a browser that
    /// cannot start one says so.
    pub fn start(on_reply: impl Fn(Reply, Vec<Vec<u8>>) + 'static) -> Self {
        let on_reply = Rc::new(on_reply);
        let link = Rc::new(Link::default());
        let on_message = {
            let (link, on_reply) = (link.clone(), on_reply.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let Some(reply) = Reflect::get(&data, &"json".into())
                    .ok()
                    .and_then(|j| j.as_string())
                    .and_then(|j| serde_json::from_str::<Reply>(&j).ok())
                else {
                    return;
                };
                if reply == Reply::Ready {
                    link.ready.set(true);
                    if let Some(worker) = &*link.worker.borrow() {
                        for message in link.waiting.borrow_mut().drain(..) {
                            let _ = worker.post_message(&message);
                        }
                    }
                    return;
                }
                let bytes: Vec<Vec<u8>> = Reflect::get(&data, &"bytes".into())
                    .ok()
                    .filter(|b| b.is_array())
                    .map(|b| {
                        js_sys::Array::from(&b)
                            .iter()
                            .map(|a| js_sys::Uint8Array::new(&a).to_vec())
                            .collect()
                    })
                    .unwrap_or_default();
                if reply.is_final() {
                    link.in_flight.borrow_mut().remove(&reply.job());
                }
                on_reply(reply, bytes);
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
                    .unwrap_or_else(|| "no reason given".into());
                let message = if link.ready.get() {
                    format!(
                        "The background worker stopped ({detail}). Try again: a new one will start."
                    )
                } else {
                    link.broken.set(true);
                    format!("The background worker could not start ({detail}). Reload the page.")
                };
                link.stop();
                let jobs = std::mem::take(&mut *link.in_flight.borrow_mut());
                for job in jobs {
                    let message = message.clone();
                    on_reply(Reply::Failed { job, message }, Vec::new());
                }
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
            next_job: Cell::new(1),
        }
    }

    /// Starts the worker now, before any job, so its wasm is loaded and compiled ahead.
    pub fn warm(&self) -> Result<(), String> {
        if self.link.broken.get() {
            return Err("the background worker is not running: reload the page".into());
        }
        self.link.worker().map(drop)
    }

    /// A fresh job number.
    pub fn next_job(&self) -> u32 {
        let job = self.next_job.get();
        self.next_job.set(job + 1);
        job
    }

    /// Sends a request, with a file when the job needs one.
    pub fn send(&self, request: &Request, file: Option<&Blob>) -> Result<(), String> {
        self.send_files(request, &file.into_iter().collect::<Vec<_>>())
    }

    /// Sends a request with files (`file`, `file2`, … in the message).
    pub fn send_files(&self, request: &Request, files: &[&Blob]) -> Result<(), String> {
        if self.link.broken.get() {
            return Err("the background worker is not running: reload the page".into());
        }
        let message = Object::new();
        let json = serde_json::to_string(request).map_err(|e| e.to_string())?;
        let _ = Reflect::set(&message, &"json".into(), &JsValue::from_str(&json));
        for (i, file) in files.iter().enumerate() {
            let field = if i == 0 {
                "file".to_string()
            } else {
                format!("file{}", i + 1)
            };
            let _ = Reflect::set(&message, &field.into(), file);
        }
        let worker = self.link.worker()?;
        self.link.in_flight.borrow_mut().insert(request.job());
        if self.link.ready.get() {
            worker
                .post_message(&message)
                .map_err(|_| "the worker did not accept the job".to_string())
        } else {
            self.link.waiting.borrow_mut().push(message.into());
            Ok(())
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.link.stop();
    }
}
