//! The page's handle on a worker: send a request (with a file), get replies on a callback.
//!
//! A worker only listens once its wasm has loaded; anything posted earlier is lost. So
//! requests wait in a queue until the worker says `Ready`.

use crate::jobs::{Reply, Request};
use js_sys::{Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, MessageEvent, Worker};

/// Where Trunk puts the worker's loader (see index.html).
const WORKER_URL: &str = "./worker_loader.js";

struct Link {
    worker: Worker,
    ready: Cell<bool>,
    waiting: RefCell<Vec<JsValue>>,
}

/// One running worker and the closure that receives its replies.
pub struct Background {
    link: Rc<Link>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    next_job: Cell<u32>,
}

impl Background {
    /// Starts a worker; `on_reply` gets every reply it sends.
    pub fn start(on_reply: impl Fn(Reply, Vec<Vec<u8>>) + 'static) -> Result<Self, String> {
        let worker = Worker::new(WORKER_URL)
            .map_err(|_| "this browser could not start a Web Worker".to_string())?;
        let link = Rc::new(Link {
            worker,
            ready: Cell::new(false),
            waiting: RefCell::new(Vec::new()),
        });
        let on_message = {
            let link = link.clone();
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
                    for message in link.waiting.borrow_mut().drain(..) {
                        let _ = link.worker.post_message(&message);
                    }
                } else {
                    on_reply(reply, bytes);
                }
            })
        };
        link.worker
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Ok(Self {
            link,
            _on_message: on_message,
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
        if self.link.ready.get() {
            self.link
                .worker
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
        self.link.worker.terminate();
    }
}
