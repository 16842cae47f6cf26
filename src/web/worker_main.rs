//! The code that runs inside a Web Worker: it reads numbered requests, does the heavy work
//! with the pure core, and posts progress and one reply per request, under the same number.

use crate::detect::{Detector, Role};
use crate::filters::{FileIntake, NoOcr, default_matcher};
use crate::fingerprint::Md5Stream;
use crate::jobs::{
    CHUNK_BYTES, Failure, FromWorker, Progress, Reply, Request, TWIN_LIMIT, ToWorker, wire,
};
use crate::scenario::notice::Notice;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// Installs the main worker's message handler. Called once by the worker binary's `main`.
pub fn start() {
    install(handle);
}

/// Installs the documents worker's handler: it only reads documents, so that the PDF and
/// ZIP readers load on the first document rather than with every page (see index.html).
#[cfg(feature = "documents")]
pub fn start_documents() {
    install(serve_documents);
}

fn install(serve: fn(&DedicatedWorkerGlobalScope, &JsValue)) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        serve(&scope, &event.data());
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    // Messages sent before the handler existed were dropped: the page waits for this.
    post(&scope, &FromWorker::Ready, &[]);
}

/// The request's work, with what it needs to report on itself.
struct Job<'a> {
    scope: &'a DedicatedWorkerGlobalScope,
    id: u32,
}

impl Job<'_> {
    fn progress(&self, progress: Progress) {
        post(
            self.scope,
            &FromWorker::Progress {
                id: self.id,
                progress,
            },
            &[],
        );
    }

    fn reply(&self, mut reply: Reply) {
        // A forged pair's files travel beside the JSON, transferred rather than copied.
        let files = reply.take_files();
        let bytes: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
        post(self.scope, &FromWorker::Done { id: self.id, reply }, &bytes);
    }

    /// A failure the page never causes (it asks each worker only what that worker answers),
    /// as plain text.
    fn fail(&self, message: impl Into<String>) {
        self.reply(Reply::Failed {
            message: message.into(),
        });
    }

    /// A failure the person reads, as data: this worker speaks English only, the page their
    /// language.
    fn refuse(&self, failure: &Failure) {
        self.reply(Reply::Refused {
            failure: failure.message(),
        });
    }
}

/// The request in a posted message and the files attached to it. `None`: no valid envelope,
/// so no number to answer under (the page only sends valid ones).
fn unpack(data: &JsValue) -> Option<(u32, Request, Vec<Blob>)> {
    let ToWorker { id, request } = Reflect::get(data, &wire::JSON.into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|json| serde_json::from_str::<ToWorker>(&json).ok())?;
    let files: Vec<Blob> = Reflect::get(data, &wire::FILES.into())
        .ok()
        .filter(|f| f.is_array())
        .map(|f| {
            js_sys::Array::from(&f)
                .iter()
                .filter_map(|b| b.dyn_into::<Blob>().ok())
                .collect()
        })
        .unwrap_or_default();
    Some((id, request, files))
}

#[cfg(feature = "documents")]
fn serve_documents(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let Some((id, request, files)) = unpack(data) else {
        return;
    };
    let job = Job { scope, id };
    match (request, files.first()) {
        (Request::ReadDocument { format }, Some(blob)) => match read_all(blob) {
            Ok(bytes) => job.reply(Reply::DocumentRead {
                read: crate::filters::documents::extract(format, &bytes),
            }),
            Err(failure) => job.refuse(&failure),
        },
        (Request::ReadDocument { .. }, None) => job.refuse(&Failure::NoFile),
        _ => job.fail("the documents worker only reads documents"),
    }
}

fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
    let Some((id, request, files)) = unpack(data) else {
        return;
    };
    let job = Job { scope, id };
    if files.len() < request.files_needed() {
        return job.refuse(&match request.files_needed() {
            1 => Failure::NoFile,
            _ => Failure::TwoPictures,
        });
    }
    match request {
        Request::Hash => {
            let (scope, blob) = (scope.clone(), files[0].clone());
            wasm_bindgen_futures::spawn_local(async move {
                hash(&Job { scope: &scope, id }, &blob).await;
            });
        }
        Request::Analyse { name, mime } => analyse(&job, &files[0], &name, &mime),
        Request::Inspect => inspect(&job, &files[0]),
        Request::Collide {
            width,
            height,
            seed,
        } => {
            let scope = scope.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let job = Job { scope: &scope, id };
                collide(&job, width, height, seed).await;
            });
        }
        Request::ReadDocument { .. } | Request::ReadText => {
            job.fail("documents and pictures' text are read by their own workers");
        }
        Request::Notice => notice(&job, &files[0], &files[1]),
        Request::Detect => {
            let (scope, blob) = (scope.clone(), files[0].clone());
            wasm_bindgen_futures::spawn_local(async move {
                detect(&Job { scope: &scope, id }, &blob).await;
            });
        }
        Request::Forge {
            width,
            height,
            blocks,
        } => {
            let scope = scope.clone();
            let (a, b) = (files[0].clone(), files[1].clone());
            wasm_bindgen_futures::spawn_local(async move {
                let job = Job { scope: &scope, id };
                forge(&job, width, height, blocks, &a, &b).await;
            });
        }
        Request::ForgeJpeg { blocks } => {
            let scope = scope.clone();
            let (a, b) = (files[0].clone(), files[1].clone());
            wasm_bindgen_futures::spawn_local(async move {
                forge_jpeg(&Job { scope: &scope, id }, blocks, &a, &b).await;
            });
        }
        Request::CollideJpeg { seed } => {
            let scope = scope.clone();
            wasm_bindgen_futures::spawn_local(async move {
                collide_jpeg(&Job { scope: &scope, id }, seed).await;
            });
        }
        #[cfg(feature = "later")]
        Request::Evade { variant } => evade(&job, &files[0], variant),
    }
}

/// One variant for the evasion lab: made, encoded, judged, previewed.
#[cfg(feature = "later")]
fn evade(job: &Job, blob: &Blob, variant: crate::filters::variants::Variant) {
    let bytes = match read_all(blob) {
        Ok(bytes) => bytes,
        Err(failure) => return job.refuse(&failure),
    };
    let img = match crate::decode::decode_rgba(&bytes) {
        Ok(img) => img,
        Err(error) => return job.refuse(&Failure::Picture(error)),
    };
    match crate::filters::variants::evaluate_decoded(&bytes, &img, variant) {
        Ok(made) => job.reply(Reply::Evaded {
            row: Box::new(made.row),
            mime: made.mime.to_string(),
            preview: crate::thumbnail::preview_of(&made.pixels),
            file: made.bytes,
        }),
        Err(message) => job.fail(message),
    }
}

/// Reads a file in fixed chunks and hands each chunk to `take` (through one [`Feed`]).
fn stream(job: &Job, blob: &Blob, mut take: impl FnMut(&[u8])) -> Result<u64, Failure> {
    let reader = FileReaderSync::new().map_err(|_| Failure::NoReader)?;
    let total = blob.size() as u64;
    let mut feed = Feed::new(total);
    let mut done = 0u64;
    while done < total {
        let end = (done + CHUNK_BYTES as u64).min(total);
        let chunk = blob
            .slice_with_f64_and_f64(done as f64, end as f64)
            .and_then(|slice| reader.read_as_array_buffer(&slice))
            .map_err(|_| Failure::Moved)?;
        feed.pass(job, &chunk, end, &mut take);
        done = end;
    }
    Ok(total)
}

/// The one buffer that a file's chunks pass through on their way to the work, with progress
/// posted after each: memory stays flat however large the file is.
struct Feed {
    buffer: Vec<u8>,
    total: u64,
}

impl Feed {
    fn new(total: u64) -> Feed {
        Feed {
            buffer: vec![0u8; CHUNK_BYTES.min(total as usize).max(1)],
            total,
        }
    }

    /// Hands the bytes of `chunk` (an `ArrayBuffer` of at most [`CHUNK_BYTES`]) to `take`;
    /// `done` is where the chunk ends in the file.
    fn pass(&mut self, job: &Job, chunk: &JsValue, done: u64, take: &mut impl FnMut(&[u8])) {
        let view = Uint8Array::new(chunk);
        let len = view.length() as usize;
        view.copy_to(&mut self.buffer[..len]);
        take(&self.buffer[..len]);
        job.progress(Progress::Bytes {
            done,
            total: self.total,
        });
    }
}

/// [`stream`], with the next chunk read while this one is worked on. The browser reads a
/// file on another thread, so a large file takes about as long as the slower of reading and
/// hashing rather than their sum (measured: reading 500 MB in 4 MiB pieces takes about as long
/// as hashing it).
async fn stream_ahead(
    job: &Job<'_>,
    blob: &Blob,
    mut take: impl FnMut(&[u8]),
) -> Result<u64, Failure> {
    let total = blob.size() as u64;
    let read = |from: u64| {
        let end = (from + CHUNK_BYTES as u64).min(total);
        blob.slice_with_f64_and_f64(from as f64, end as f64)
            .map(|slice| wasm_bindgen_futures::JsFuture::from(slice.array_buffer()))
            .map_err(|_| Failure::Moved)
    };
    let mut feed = Feed::new(total);
    let mut done = 0u64;
    let mut next = if total > 0 { Some(read(0)?) } else { None };
    while let Some(reading) = next.take() {
        let chunk = reading.await.map_err(|_| Failure::Moved)?;
        let end = (done + CHUNK_BYTES as u64).min(total);
        if end < total {
            next = Some(read(end)?);
        }
        feed.pass(job, &chunk, end, &mut take);
        done = end;
    }
    Ok(total)
}

async fn hash(job: &Job<'_>, blob: &Blob) {
    let mut md5 = Md5Stream::new();
    match stream_ahead(job, blob, |chunk| md5.update(chunk)).await {
        Ok(size) => job.reply(Reply::Hashed {
            md5: md5.finish(),
            size,
        }),
        Err(failure) => job.refuse(&failure),
    }
}

fn analyse(job: &Job, blob: &Blob, name: &str, mime: &str) {
    let mut intake = FileIntake::new(name, mime, blob.size() as u64);
    let matcher = default_matcher();
    if let Err(failure) = stream(job, blob, |chunk| intake.feed(chunk)) {
        return job.refuse(&failure);
    }
    let (facts, picture) = intake.finish_keeping_picture(&matcher, &NoOcr);
    // The preview comes from the pixels the analysis decoded: a big photo is decoded once.
    let preview = picture.as_ref().map(crate::thumbnail::preview_of);
    job.reply(Reply::Analysed {
        facts: Box::new(facts),
        preview,
    });
}

/// Reads the header only: an absurd size or a file that is no picture is known at once,
/// before anyone asks for a pair.
fn inspect(job: &Job, blob: &Blob) {
    let checked = read_all(blob).and_then(|bytes| {
        let (width, height) = crate::decode::dimensions(&bytes).map_err(Failure::Picture)?;
        crate::decode::check_size(width, height).map_err(Failure::Picture)?;
        Ok((width, height))
    });
    match checked {
        Ok((width, height)) => job.reply(Reply::Inspected { width, height }),
        Err(failure) => job.refuse(&failure),
    }
}

/// The collision detector over one file, streamed so that any size works; the twin its first
/// complete collision implies, for a file that fits in memory twice.
async fn detect(job: &Job<'_>, blob: &Blob) {
    let mut detector = Detector::new();
    let size = match stream_ahead(job, blob, |chunk| detector.feed(chunk)).await {
        Ok(size) => size,
        Err(failure) => return job.refuse(&failure),
    };
    let scan = detector.finish();
    let complete = scan.blocks.iter().any(|d| d.role == Role::Collision);
    let twin = if complete && size <= TWIN_LIMIT {
        match read_all(blob) {
            Ok(bytes) => crate::detect::twin(&bytes, &scan).map(|t| t.bytes),
            Err(failure) => return job.refuse(&failure),
        }
    } else {
        None
    };
    job.reply(Reply::Detected {
        scan,
        twin: twin.unwrap_or_default(),
    });
}

/// The collision detector over both files of a pair, and the twin the first implies.
fn notice(job: &Job, x: &Blob, y: &Blob) {
    match read_all(x).and_then(|x| Ok((x, read_all(y)?))) {
        Ok((x, y)) => job.reply(Reply::Noticed {
            notice: Notice::of(&x, &y),
        }),
        Err(failure) => job.refuse(&failure),
    }
}

fn read_all(blob: &Blob) -> Result<Vec<u8>, Failure> {
    let reader = FileReaderSync::new().map_err(|_| Failure::NoReader)?;
    let buffer = reader
        .read_as_array_buffer(blob)
        .map_err(|_| Failure::Unread)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Posts `{json, bytes: [Uint8Array…]}`, transferring the byte buffers.
fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker, bytes: &[&[u8]]) {
    let json = serde_json::to_string(message).expect("worker messages always serialise");
    let object = js_sys::Object::new();
    let _ = Reflect::set(&object, &wire::JSON.into(), &JsValue::from_str(&json));
    let arrays = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for b in bytes {
        let array = Uint8Array::from(*b);
        transfer.push(&array.buffer());
        arrays.push(&array);
    }
    let _ = Reflect::set(&object, &wire::BYTES.into(), &arrays);
    // A failed post means the page is gone; there is no one left to tell.
    let _ = scope.post_message_with_transfer(&object, &transfer);
}

/// A picture to forge with, decoded by the browser at most at the size it will have
/// (`width`×`height` to fit in).
async fn picture(
    job: &Job<'_>,
    blob: &Blob,
    which: &str,
    width: u16,
    height: u16,
) -> Result<image::RgbaImage, Failure> {
    let bytes = read_all(blob)?;
    crate::web::browser_decode::picture_for_canvas(job.scope, &bytes, blob, width, height)
        .await
        .map_err(|error| Failure::PictureOf {
            which: which.to_string(),
            error,
        })
}

/// Forges a pair from two pictures.
async fn forge(job: &Job<'_>, width: u16, height: u16, fresh: Option<String>, a: &Blob, b: &Blob) {
    let started = js_sys::Date::now();
    let result = async {
        let a = picture(job, a, "A", width, height).await?;
        let b = picture(job, b, "B", width, height).await?;
        let blocks = match fresh {
            // Checked again here: a line from the page is input like any other.
            Some(line) => crate::forge::parse_blocks(&line).map_err(Failure::Forge)?,
            None => crate::forge::blocks_for(width, height),
        };
        crate::forge::forge(&blocks, &a, &b).map_err(Failure::Forge)
    }
    .await;
    match result {
        Ok(pair) => job.reply(Reply::Forged {
            md5: pair.md5,
            width: pair.width,
            height: pair.height,
            x_map: pair.x_map,
            y_map: pair.y_map,
            stats: pair.stats,
            ms: js_sys::Date::now() - started,
            x: pair.x,
            y: pair.y,
        }),
        Err(failure) => job.refuse(&failure),
    }
}

/// Forges a JPEG pair from two pictures, each decoded by the browser at most at the twins'
/// stated size (the long side of [`crate::forge::jpeg::encode::MAX_SIDE`]).
async fn forge_jpeg(job: &Job<'_>, fresh: Option<String>, a: &Blob, b: &Blob) {
    use crate::forge::jpeg::{self, encode::MAX_SIDE};
    let started = js_sys::Date::now();
    let side = MAX_SIDE as u16;
    let result = async {
        let a = picture(job, a, "A", side, side).await?;
        let b = picture(job, b, "B", side, side).await?;
        let blocks = match fresh {
            // Checked again here: a line from the page is input like any other.
            Some(line) => jpeg::parse_jpeg_blocks(&line).map_err(|reason| {
                Failure::Forge(crate::forge::ForgeError::Blocks { line: 1, reason })
            })?,
            None => jpeg::shipped_jpeg_blocks(),
        };
        let blocks = blocks
            .first()
            .ok_or(Failure::Forge(crate::forge::ForgeError::NoBlocks))?;
        let pair = jpeg::forge_jpeg(blocks, &a, &b).map_err(Failure::Forge)?;
        let map = |file: &[u8]| jpeg::parser_map(file).unwrap_or_default();
        Ok::<_, Failure>((map(&pair.x), map(&pair.y), pair))
    }
    .await;
    match result {
        Ok((x_map, y_map, pair)) => job.reply(Reply::ForgedJpeg {
            md5: pair.md5,
            a: pair.a,
            b: pair.b,
            x_map,
            y_map,
            ms: js_sys::Date::now() - started,
            x: pair.x,
            y: pair.y,
        }),
        Err(failure) => job.refuse(&failure),
    }
}

/// The longest the collision search runs before it lets the worker's event loop turn.
/// Chromium terminates a busy worker only 2 s after `terminate()`; between slices, at once.
/// So a race's losers and a cancelled search stop within about this long.
const SLICE_MS: f64 = 100.0;

/// Searches a new collision for a canvas, posting progress a few times a second. The page
/// cancels by terminating the worker; the search pauses every [`SLICE_MS`] so that this
/// takes effect at once (pausing does not change what it finds).
async fn collide(job: &Job<'_>, width: u16, height: u16, seed: u64) {
    if width == 0 || height == 0 {
        return job.refuse(&Failure::NoCanvas);
    }
    let started = js_sys::Date::now();
    let mut search = crate::forge::fresh::FreshSearch::new(width, height, seed);
    match sliced(job, &mut |on_progress| search.run(on_progress)).await {
        Ok(fresh) => job.reply(collided(
            fresh.blocks.to_line(),
            (fresh.nonce, fresh.seed, fresh.searches),
            &fresh.stats,
            started,
        )),
        Err(e) => job.refuse(&Failure::Search(e.to_string())),
    }
}

/// Searches a new universal JPEG collision, as [`collide`] does for a canvas.
async fn collide_jpeg(job: &Job<'_>, seed: u64) {
    let started = js_sys::Date::now();
    let mut search = crate::forge::jpeg::fresh::FreshJpegSearch::new(seed);
    match sliced(job, &mut |on_progress| search.run(on_progress)).await {
        Ok(fresh) => job.reply(collided(
            fresh.blocks.to_line(),
            (fresh.nonce, fresh.seed, fresh.searches),
            &fresh.stats,
            started,
        )),
        Err(e) => job.refuse(&Failure::Search(e.to_string())),
    }
}

/// The reply for a collision found, GIF or JPEG: its blocks line, how it was found (nonce,
/// seed, searches) and the worker time since `started`.
fn collided(
    line: String,
    (nonce, seed, searches): (u32, u64, u32),
    stats: &crate::collide::SearchStats,
    started: f64,
) -> Reply {
    Reply::Collided {
        line,
        nonce,
        seed,
        searches,
        variant: stats.variant.map(|v| format!("{v:?}")).unwrap_or_default(),
        block1_attempts: stats.block1_attempts,
        block2_attempts: stats.block2_attempts,
        ms: js_sys::Date::now() - started,
    }
}

/// A search step: runs until it finds, fails or asks for a pause (`Ok(None)`).
type Step<'a, T> = dyn FnMut(
        &mut dyn FnMut(&crate::collide::SearchStats) -> crate::collide::Control,
    ) -> Result<Option<T>, crate::collide::CollideError>
    + 'a;

/// Runs a pausable search in slices of [`SLICE_MS`], posting progress a few times a second
/// and letting the event loop turn between slices.
async fn sliced<T>(
    job: &Job<'_>,
    run: &mut Step<'_, T>,
) -> Result<T, crate::collide::CollideError> {
    use crate::collide::Control;
    let mut last_post = js_sys::Date::now();
    loop {
        let slice_start = js_sys::Date::now();
        let mut on_progress = |stats: &crate::collide::SearchStats| {
            let now = js_sys::Date::now();
            if now - last_post >= 200.0 {
                last_post = now;
                job.progress(Progress::Search {
                    block1_attempts: stats.block1_attempts,
                    block2_attempts: stats.block2_attempts,
                    block: stats.block,
                });
            }
            if now - slice_start >= SLICE_MS {
                Control::Pause
            } else {
                Control::Continue
            }
        };
        match run(&mut on_progress) {
            Ok(Some(found)) => return Ok(found),
            Ok(None) => yield_to_event_loop().await,
            Err(e) => return Err(e),
        }
    }
}

/// Lets the worker's event loop run once (a message to itself: unlike a timer, no minimum
/// delay), so that a pending `terminate()` takes effect.
async fn yield_to_event_loop() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let (done, turned) = futures_channel::oneshot::channel::<()>();
    let on_message = Closure::once(move || {
        let _ = done.send(());
    });
    channel
        .port1()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    if channel.port2().post_message(&JsValue::NULL).is_ok() {
        let _ = turned.await;
    }
    channel.port1().set_onmessage(None);
}
