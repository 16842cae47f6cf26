//! The code that runs inside a Web Worker: it reads requests, does the heavy work with the
//! pure core, and posts replies.

use crate::fingerprint::Md5Stream;
use crate::jobs::{CHUNK_BYTES, Reply, Request};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// Installs the message handler. Called once by the worker binary's `main`.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        handle(&scope, &event.data());
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    // Messages sent before the handler existed were dropped: the page waits for this.
    post(&scope, &Reply::Ready);
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let request = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|json| serde_json::from_str::<Request>(&json).ok());
    let Some(request) = request else {
        post(
            scope,
            &Reply::Failed {
                job: 0,
                message: "the worker got a message it does not understand".into(),
            },
        );
        return;
    };
    match request {
        Request::Hash { job } => {
            let reply = match Reflect::get(data, &"file".into())
                .ok()
                .and_then(|f| f.dyn_into::<Blob>().ok())
            {
                Some(blob) => hash_blob(scope, job, &blob),
                None => Reply::Failed {
                    job,
                    message: "no file was attached".into(),
                },
            };
            post(scope, &reply);
        }
    }
}

/// Streams a file through MD5 in fixed chunks, reusing one buffer so memory stays flat
/// however large the file is.
fn hash_blob(scope: &DedicatedWorkerGlobalScope, job: u32, blob: &Blob) -> Reply {
    let reader = match FileReaderSync::new() {
        Ok(r) => r,
        Err(_) => {
            return Reply::Failed {
                job,
                message: "this browser cannot read files in a worker".into(),
            };
        }
    };
    let total = blob.size() as u64;
    let mut stream = Md5Stream::new();
    let mut buffer = vec![0u8; CHUNK_BYTES];
    let mut done = 0u64;
    while done < total {
        let end = (done + CHUNK_BYTES as u64).min(total);
        let chunk = blob
            .slice_with_f64_and_f64(done as f64, end as f64)
            .and_then(|slice| reader.read_as_array_buffer(&slice));
        let Ok(chunk) = chunk else {
            return Reply::Failed {
                job,
                message: "the file could not be read (was it moved or deleted?)".into(),
            };
        };
        let view = Uint8Array::new(&chunk);
        let len = view.length() as usize;
        view.copy_to(&mut buffer[..len]);
        stream.update(&buffer[..len]);
        done = end;
        post(scope, &Reply::Progress { job, done, total });
    }
    Reply::Hashed {
        job,
        md5: stream.finish(),
        size: total,
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    let json = serde_json::to_string(reply).expect("replies always serialise");
    // A failed post means the page is gone; there is no one left to tell.
    let _ = scope.post_message(&JsValue::from_str(&json));
}
