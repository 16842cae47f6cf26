//! The code that runs inside a Web Worker: it reads requests, does the heavy work with the
//! pure core, and posts replies.

use crate::filters::{FileIntake, NoOcr, PdqMatcher, VisualMatcher as _};
use crate::fingerprint::{Md5Stream, luminosity};
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
    let attached = |field: &str| {
        Reflect::get(data, &field.into())
            .ok()
            .and_then(|f| f.dyn_into::<Blob>().ok())
    };
    let (blob, blob2) = (attached("file"), attached("file2"));
    let reply = match (request, blob) {
        (Request::Hash { job }, Some(blob)) => hash(scope, job, &blob),
        (Request::Analyse { job, name, mime }, Some(blob)) => {
            analyse(scope, job, &blob, &name, &mime)
        }
        (Request::Reference { job, name }, Some(blob)) => reference(job, &blob, name),
        (
            Request::Collide {
                job,
                width,
                height,
                seed,
            },
            _,
        ) => collide(scope, job, width, height, seed),
        (
            Request::Forge {
                job,
                width,
                height,
                blocks,
            },
            Some(a),
        ) => match blob2 {
            Some(b) => {
                let scope = scope.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    forge(&scope, job, width, height, blocks, &a, &b).await
                });
                return;
            }
            None => Reply::Failed {
                job,
                message: "two pictures are needed".into(),
            },
        },
        (request, None) => Reply::Failed {
            job: request.job(),
            message: "no file was attached".into(),
        },
    };
    post(scope, &reply);
}

/// Reads a file in fixed chunks, reusing one buffer, and hands each chunk to `take`.
/// Memory stays flat however large the file is; progress is posted after each chunk.
fn stream(
    scope: &DedicatedWorkerGlobalScope,
    job: u32,
    blob: &Blob,
    mut take: impl FnMut(&[u8]),
) -> Result<u64, String> {
    let reader = FileReaderSync::new()
        .map_err(|_| "this browser cannot read files in a worker".to_string())?;
    let total = blob.size() as u64;
    let mut buffer = vec![0u8; CHUNK_BYTES.min(total as usize).max(1)];
    let mut done = 0u64;
    while done < total {
        let end = (done + CHUNK_BYTES as u64).min(total);
        let chunk = blob
            .slice_with_f64_and_f64(done as f64, end as f64)
            .and_then(|slice| reader.read_as_array_buffer(&slice))
            .map_err(|_| "the file could not be read (was it moved or deleted?)".to_string())?;
        let view = Uint8Array::new(&chunk);
        let len = view.length() as usize;
        view.copy_to(&mut buffer[..len]);
        take(&buffer[..len]);
        done = end;
        post(scope, &Reply::Progress { job, done, total });
    }
    Ok(total)
}

fn hash(scope: &DedicatedWorkerGlobalScope, job: u32, blob: &Blob) -> Reply {
    let mut md5 = Md5Stream::new();
    match stream(scope, job, blob, |chunk| md5.update(chunk)) {
        Ok(size) => Reply::Hashed {
            job,
            md5: md5.finish(),
            size,
        },
        Err(message) => Reply::Failed { job, message },
    }
}

fn analyse(
    scope: &DedicatedWorkerGlobalScope,
    job: u32,
    blob: &Blob,
    name: &str,
    mime: &str,
) -> Reply {
    let mut intake = FileIntake::new(name, mime, blob.size() as u64);
    let matcher = PdqMatcher::default();
    if let Err(message) = stream(scope, job, blob, |chunk| intake.feed(chunk)) {
        return Reply::Failed { job, message };
    }
    let (facts, picture) = intake.finish_keeping_picture(&matcher, &NoOcr);
    // The preview comes from the pixels the analysis decoded: a big photo is decoded once.
    let preview = picture.as_ref().map(crate::thumbnail::preview_of);
    Reply::Analysed {
        job,
        facts: Box::new(facts),
        preview,
    }
}

fn reference(job: u32, blob: &Blob, name: String) -> Reply {
    let bytes = match read_all(blob) {
        Ok(bytes) => bytes,
        Err(message) => return Reply::Failed { job, message },
    };
    match crate::decode::decode_rgba(&bytes) {
        Ok(rgba) => {
            let grey = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
            let signature = PdqMatcher::default().signature(&grey);
            let preview = Some(crate::thumbnail::preview_of(&rgba));
            Reply::Reference {
                job,
                name,
                signature,
                preview,
            }
        }
        Err(e) => Reply::Failed {
            job,
            message: format!("{name} cannot be a reference picture: {e}"),
        },
    }
}

fn read_all(blob: &Blob) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new()
        .map_err(|_| "this browser cannot read files in a worker".to_string())?;
    let buffer = reader
        .read_as_array_buffer(blob)
        .map_err(|_| "the file could not be read".to_string())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    post_with_bytes(scope, reply, &[]);
}

/// Posts `{json, bytes: [Uint8Array…]}`, transferring the byte buffers.
fn post_with_bytes(scope: &DedicatedWorkerGlobalScope, reply: &Reply, bytes: &[&[u8]]) {
    let json = serde_json::to_string(reply).expect("replies always serialise");
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"json".into(), &JsValue::from_str(&json));
    let arrays = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for b in bytes {
        let array = Uint8Array::from(*b);
        transfer.push(&array.buffer());
        arrays.push(&array);
    }
    let _ = Reflect::set(&message, &"bytes".into(), &arrays);
    // A failed post means the page is gone; there is no one left to tell.
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// Forges a pair and posts it with its two files transferred, not copied.
async fn forge(
    scope: &DedicatedWorkerGlobalScope,
    job: u32,
    width: u16,
    height: u16,
    fresh: Option<String>,
    a: &Blob,
    b: &Blob,
) {
    let started = js_sys::Date::now();
    let picture = |blob: &Blob, which: &str| {
        let (scope, blob, which) = (scope.clone(), blob.clone(), which.to_string());
        async move {
            let bytes = read_all(&blob)?;
            crate::web::browser_decode::picture_for_canvas(&scope, &bytes, &blob, width, height)
                .await
                .map_err(|e| format!("picture {which}: {e}"))
        }
    };
    let result = async {
        let (a, b) = (picture(a, "A").await?, picture(b, "B").await?);
        let blocks = match fresh {
            // Checked again here: a line from the page is input like any other.
            Some(line) => crate::forge::parse_blocks(&line).map_err(|e| e.to_string())?,
            None => crate::forge::blocks_for(width, height),
        };
        crate::forge::forge(&blocks, &a, &b).map_err(|e| e.to_string())
    }
    .await;
    match result {
        Ok(pair) => {
            let reply = Reply::Forged {
                job,
                md5: pair.md5,
                width: pair.width,
                height: pair.height,
                x_map: pair.x_map,
                y_map: pair.y_map,
                stats: pair.stats,
                ms: js_sys::Date::now() - started,
            };
            post_with_bytes(scope, &reply, &[&pair.x, &pair.y]);
        }
        Err(message) => post(scope, &Reply::Failed { job, message }),
    }
}

/// Searches a new collision for a canvas, posting progress a few times a second. The page
/// cancels by terminating the worker, which stops it at once.
fn collide(
    scope: &DedicatedWorkerGlobalScope,
    job: u32,
    width: u16,
    height: u16,
    seed: u64,
) -> Reply {
    use crate::collide::Control;
    if width == 0 || height == 0 {
        return Reply::Failed {
            job,
            message: "the canvas needs a width and a height".into(),
        };
    }
    let started = js_sys::Date::now();
    let mut last_post = started;
    let mut on_progress = |stats: &crate::collide::SearchStats| {
        let now = js_sys::Date::now();
        if now - last_post >= 200.0 {
            last_post = now;
            post(
                scope,
                &Reply::Searching {
                    job,
                    block1_attempts: stats.block1_attempts,
                    block2_attempts: stats.block2_attempts,
                    block: stats.block,
                },
            );
        }
        Control::Continue
    };
    match crate::forge::fresh::fresh_blocks(width, height, seed, &mut on_progress) {
        Ok(fresh) => Reply::Collided {
            job,
            line: fresh.blocks.to_line(),
            nonce: fresh.nonce,
            seed: fresh.seed,
            searches: fresh.searches,
            variant: fresh
                .stats
                .variant
                .map(|v| format!("{v:?}"))
                .unwrap_or_default(),
            block1_attempts: fresh.stats.block1_attempts,
            block2_attempts: fresh.stats.block2_attempts,
            ms: js_sys::Date::now() - started,
        },
        Err(e) => Reply::Failed {
            job,
            message: format!("the collision search failed: {e}"),
        },
    }
}
