//! The page's handle on a worker: send a request (with a file), get replies on a callback.
//!
//! A worker only listens once its wasm has loaded; anything posted earlier is lost. So
//! requests wait in a queue until the worker says `Ready`.
//!
//! A worker can die (a trap in its wasm, the browser killing it for memory). Then every job
//! it still owed gets a `Failed` reply, so no part of the page waits forever, and a fresh
//! worker takes its place for the next request.

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

struct Link {
    worker: RefCell<Worker>,
    ready: Cell<bool>,
    /// Set when a worker failed before it ever became ready: starting another would fail too.
    broken: Cell<bool>,
    waiting: RefCell<Vec<JsValue>>,
    /// Jobs sent and not yet finished: they are failed if the worker dies.
    in_flight: RefCell<BTreeSet<u32>>,
    /// The page's two listeners, set again on each new worker.
    handlers: RefCell<Option<(Function, Function)>>,
}

impl Link {
    fn new_worker(&self) -> Result<Worker, String> {
        let worker = Worker::new(WORKER_URL)
            .map_err(|_| "this browser could not start a Web Worker".to_string())?;
        if let Some((on_message, on_error)) = &*self.handlers.borrow() {
            worker.set_onmessage(Some(on_message));
            worker.set_onerror(Some(on_error));
        }
        Ok(worker)
    }
}

/// One running worker and the closures that receive its replies and its failure.
pub struct Background {
    link: Rc<Link>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    next_job: Cell<u32>,
}

impl Background {
    /// Starts a worker; `on_reply` gets every reply it sends.
    pub fn start(on_reply: impl Fn(Reply, Vec<Vec<u8>>) + 'static) -> Result<Self, String> {
        let on_reply = Rc::new(on_reply);
        let worker = Worker::new(WORKER_URL)
            .map_err(|_| "this browser could not start a Web Worker".to_string())?;
        let link = Rc::new(Link {
            worker: RefCell::new(worker),
            ready: Cell::new(false),
            broken: Cell::new(false),
            waiting: RefCell::new(Vec::new()),
            in_flight: RefCell::new(BTreeSet::new()),
            handlers: RefCell::new(None),
        });
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
                if reply == Reply::Ready {
                    link.ready.set(true);
                    let worker = link.worker.borrow();
                    for message in link.waiting.borrow_mut().drain(..) {
                        let _ = worker.post_message(&message);
                    }
                } else {
                    if reply.is_final() {
                        link.in_flight.borrow_mut().remove(&reply.job());
                    }
                    on_reply(reply, bytes);
                }
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
                    .unwrap_or_default();
                let was_ready = link.ready.replace(false);
                link.worker.borrow().terminate();
                let message = if was_ready {
                    match link.new_worker() {
                        Ok(worker) => {
                            *link.worker.borrow_mut() = worker;
                            format!(
                                "The background worker stopped ({detail}). It has been restarted: try again."
                            )
                        }
                        Err(why) => {
                            link.broken.set(true);
                            format!("The background worker stopped ({detail}), and {why}.")
                        }
                    }
                } else {
                    link.broken.set(true);
                    format!("The background worker could not start ({detail}). Reload the page.")
                };
                link.waiting.borrow_mut().clear();
                let jobs = std::mem::take(&mut *link.in_flight.borrow_mut());
                for job in jobs {
                    on_reply(
                        Reply::Failed {
                            job,
                            message: message.clone(),
                        },
                        Vec::new(),
                    );
                }
            })
        };
        let handlers: (Function, Function) = (
            on_message.as_ref().unchecked_ref::<Function>().clone(),
            on_error.as_ref().unchecked_ref::<Function>().clone(),
        );
        {
            let worker = link.worker.borrow();
            worker.set_onmessage(Some(&handlers.0));
            worker.set_onerror(Some(&handlers.1));
        }
        *link.handlers.borrow_mut() = Some(handlers);
        Ok(Self {
            link,
            _on_message: on_message,
            _on_error: on_error,
            next_job: Cell::new(1),
        })
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
        if self.link.broken.get() {
            return Err("the background worker is not running: reload the page".into());
        }
        self.link.in_flight.borrow_mut().insert(request.job());
        if self.link.ready.get() {
            self.link
                .worker
                .borrow()
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
        self.link.worker.borrow().terminate();
    }
}
