//! The collision lab: any two pictures become two GIF files with the same MD5, each
//! showing its own picture; or load the built-in pair. Every pair is checked again here
//! (MD5 recomputed, bytes compared) before it is shown.

mod hex;
mod live;
mod parser_bar;
mod picker;

use crate::fingerprint::md5;
use crate::forge::{ForgeStats, Span};
use crate::jobs::{Reply, Request};
use crate::web::background::Background;
use crate::web::download::download;
use hex::HexCompare;
use live::{Found, LiveSearch};
use parser_bar::{ParserBar, legend};
use picker::{Pick, PicturePicker};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A verified pair, ready to show.
#[derive(Clone, PartialEq)]
struct Pair {
    x: Rc<Vec<u8>>,
    y: Rc<Vec<u8>>,
    md5_x: String,
    md5_y: String,
    x_url: String,
    y_url: String,
    x_map: Vec<Span>,
    y_map: Vec<Span>,
    /// How it was made, for the summary line.
    origin: String,
    stats: Option<ForgeStats>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Working(String),
    Done(Rc<Pair>),
    Failed(String),
}

fn object_url(bytes: &[u8], mime: &str) -> String {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        .unwrap_or_default()
}

/// Checks a pair as the page received it, whoever made it: same MD5, different bytes.
fn checked(
    x: Vec<u8>,
    y: Vec<u8>,
    x_map: Vec<Span>,
    y_map: Vec<Span>,
    origin: String,
    stats: Option<ForgeStats>,
) -> Status {
    let (mx, my) = (md5(&x), md5(&y));
    if mx != my {
        return Status::Failed(format!(
            "the two files do not share an MD5 ({mx} and {my}): not shown"
        ));
    }
    if x == y {
        return Status::Failed("the two files are identical: not a collision".into());
    }
    let (x_url, y_url) = (object_url(&x, "image/gif"), object_url(&y, "image/gif"));
    Status::Done(Rc::new(Pair {
        x: Rc::new(x),
        y: Rc::new(y),
        md5_x: mx.hex(),
        md5_y: my.hex(),
        x_url,
        y_url,
        x_map,
        y_map,
        origin,
        stats,
    }))
}

#[function_component(LabPage)]
pub fn lab_page() -> Html {
    let a = use_state(|| None::<Pick>);
    let b = use_state(|| None::<Pick>);
    let canvases = use_memo((), |_| crate::forge::shipped_canvases());
    // The tray's pictures are 640×480: that canvas first, when it is shipped.
    let canvas = use_state(|| {
        if canvases.contains(&(640, 480)) {
            (640, 480)
        } else {
            canvases.first().copied().unwrap_or((640, 480))
        }
    });
    let status = use_state(|| Status::Idle);
    // A collision computed live in this browser, for a canvas of the user's choosing.
    let fresh = use_state(|| None::<Found>);

    let worker = {
        let status = status.clone();
        use_memo((), move |_| {
            let worker = Background::start(move |reply, mut bytes| match reply {
                Reply::Forged {
                    x_map,
                    y_map,
                    stats,
                    ms,
                    width,
                    height,
                    ..
                } if bytes.len() == 2 => {
                    let y = bytes.pop().unwrap_or_default();
                    let x = bytes.pop().unwrap_or_default();
                    let origin = format!(
                        "Forged on a {width}×{height} canvas in {:.0} ms in a Web Worker, and verified there with two GIF decoders.",
                        ms
                    );
                    status.set(checked(x, y, x_map, y_map, origin, Some(stats)));
                }
                Reply::Failed { message, .. } => status.set(Status::Failed(message)),
                _ => {}
            });
            // Started with the lab rather than with the first pair: the browser keeps one
            // compiled copy of the worker's wasm while a worker holds it, so the live search's
            // short-lived workers reuse its optimised code instead of each starting cold
            // (measured: several times faster per search). A failure shows on the first job.
            let _ = worker.warm();
            worker
        })
    };

    let on_error = {
        let status = status.clone();
        Callback::from(move |m: String| status.set(Status::Failed(m)))
    };
    let pick = |slot: &UseStateHandle<Option<Pick>>| {
        let slot = slot.clone();
        Callback::from(move |p: Pick| slot.set(Some(p)))
    };
    let on_canvas = {
        let canvas = canvas.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((w, h)) = value
                .split_once('x')
                .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
            {
                canvas.set((w, h));
            }
        })
    };
    // Starts forging the chosen pictures on a canvas, with live blocks when given.
    let start_forge = {
        let (status, worker) = (status.clone(), worker.clone());
        Rc::new(
            move |a: &Pick, b: &Pick, (width, height): (u16, u16), blocks: Option<String>| {
                status.set(Status::Working(format!("Forging a {width}×{height} pair…")));
                let job = worker.next_job();
                let request = Request::Forge {
                    job,
                    width,
                    height,
                    blocks,
                };
                if let Err(m) = worker.send_files(&request, &[&a.blob, &b.blob]) {
                    status.set(Status::Failed(m));
                }
            },
        )
    };
    let on_forge = {
        let (a, b, canvas, fresh, start_forge) = (
            a.clone(),
            b.clone(),
            canvas.clone(),
            fresh.clone(),
            start_forge.clone(),
        );
        Callback::from(move |_| {
            let (Some(a), Some(b)) = ((*a).clone(), (*b).clone()) else {
                return;
            };
            let blocks = fresh
                .as_ref()
                .filter(|f| (f.width, f.height) == *canvas)
                .map(|f| f.line.clone());
            start_forge(&a, &b, *canvas, blocks);
        })
    };
    let on_found = {
        let (a, b, canvas, fresh, start_forge) = (
            a.clone(),
            b.clone(),
            canvas.clone(),
            fresh.clone(),
            start_forge.clone(),
        );
        Callback::from(move |found: Found| {
            canvas.set((found.width, found.height));
            if let (Some(a), Some(b)) = ((*a).clone(), (*b).clone()) {
                start_forge(
                    &a,
                    &b,
                    (found.width, found.height),
                    Some(found.line.clone()),
                );
            }
            fresh.set(Some(found));
        })
    };
    let on_builtin = {
        let status = status.clone();
        Callback::from(move |_| {
            let status = status.clone();
            status.set(Status::Working("Loading the built-in pair…".into()));
            wasm_bindgen_futures::spawn_local(async move {
                let load = |name: &'static str| async move {
                    let blob = crate::web::fetch::own_file(&format!("samples/{name}")).await?;
                    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
                        .await
                        .map_err(|_| format!("{name} could not be read"))?;
                    Ok::<_, String>(js_sys::Uint8Array::new(&buffer).to_vec())
                };
                let result = async {
                    Ok::<_, String>((
                        load("twin-sensitive.gif").await?,
                        load("twin-benign.gif").await?,
                    ))
                }
                .await;
                status.set(match result {
                    Ok((x, y)) => {
                        let maps = |bytes: &[u8]| crate::forge::parser_map(bytes).unwrap_or_default();
                        let (xm, ym) = (maps(&x), maps(&y));
                        checked(x, y, xm, ym, "The built-in pair, forged ahead of time from two drawings of this project (also in the sandbox's tray).".into(), None)
                    }
                    Err(m) => Status::Failed(m),
                });
            });
        })
    };

    let ready = a.is_some() && b.is_some() && !matches!(*status, Status::Working(_));
    html! {
        <section class="panel lab" aria-labelledby="lab-title">
            <h2 id="lab-title">{"Collision lab: two pictures, one MD5"}</h2>
            <p>{"Pick any two pictures. The lab makes two GIF files that share an MD5 fingerprint, yet each shows its own picture. A censor that blocks by MD5 cannot tell them apart: blocking one blocks the other."}</p>
            <div class="lab-pickers">
                <PicturePicker which="a" label="Picture A (file X shows it)" picked={(*a).clone()} on_pick={pick(&a)} on_error={on_error.clone()} />
                <PicturePicker which="b" label="Picture B (file Y shows it)" picked={(*b).clone()} on_pick={pick(&b)} on_error={on_error.clone()} />
            </div>
            <div class="lab-actions">
                <label>{"Canvas "}
                    <select id="lab-canvas" onchange={on_canvas}>
                        { for canvases.iter().map(|&(w, h)| html! {
                            <option value={format!("{w}x{h}")} selected={(w, h) == *canvas}>{format!("{w} × {h}")}</option>
                        }) }
                        { for fresh.as_ref().filter(|f| !canvases.contains(&(f.width, f.height))).map(|f| html! {
                            <option value={format!("{}x{}", f.width, f.height)} selected={(f.width, f.height) == *canvas}>
                                {format!("{} × {} (your new collision)", f.width, f.height)}
                            </option>
                        }) }
                    </select>
                </label>
                <button id="lab-forge" onclick={on_forge} disabled={!ready}>{"Make the same-MD5 pair"}</button>
                <button id="lab-builtin" class="secondary" onclick={on_builtin}>{"Show the built-in pair"}</button>
            </div>
            <LiveSearch {on_found} />
            <div aria-live="polite">
                { match &*status {
                    Status::Idle => html! { <p class="muted">{"Both pictures are fitted to the canvas, each gets its own 256-colour palette, and the two are laid out around a precomputed MD5 collision for that canvas."}</p> },
                    Status::Working(what) => html! { <p id="lab-status" class="muted">{what}</p> },
                    Status::Failed(why) => html! { <p id="lab-error" class="error" role="alert">{why}</p> },
                    Status::Done(pair) => result(pair),
                } }
            </div>
        </section>
    }
}

fn result(pair: &Rc<Pair>) -> Html {
    let save = |name: &'static str, bytes: Rc<Vec<u8>>| {
        Callback::from(move |_| {
            let _ = download(name, "image/gif", &bytes);
        })
    };
    let differing = pair
        .x
        .iter()
        .zip(pair.y.iter())
        .filter(|(p, q)| p != q)
        .count();
    let file = |id: &str,
                title: &str,
                url: &str,
                digest: &str,
                bytes: &Rc<Vec<u8>>,
                name: &'static str| {
        html! {
            <figure class="lab-file" id={id.to_string()}>
                <img src={url.to_string()} alt={format!("{title}: the picture this file shows")} />
                <figcaption>
                    <strong>{title}</strong>{format!(" · {} bytes", bytes.len())}
                    <br/>{"MD5 "}<code class="digest lab-md5">{digest}</code>
                    <br/><button class="secondary small" onclick={save(name, bytes.clone())}>{format!("Download {name}")}</button>
                </figcaption>
            </figure>
        }
    };
    html! {
        <div class="lab-result" id="lab-result">
            <p class="verdict ok">
                {"✓ Verified here: both files have MD5 "}<code>{&pair.md5_x}</code>
                {format!(", and they differ in {differing} bytes. ")}{&pair.origin}
            </p>
            <div class="lab-files">
                {file("lab-x", "File X", &pair.x_url, &pair.md5_x, &pair.x, "hashwall-x.gif")}
                {file("lab-y", "File Y", &pair.y_url, &pair.md5_y, &pair.y, "hashwall-y.gif")}
            </div>
            <h3>{"How each file is read"}</h3>
            <ParserBar label="File X" spans={pair.x_map.clone()} len={pair.x.len()} />
            <ParserBar label="File Y" spans={pair.y_map.clone()} len={pair.y.len()} />
            {legend()}
            <h3>{"Where the two files differ"}</h3>
            <HexCompare x={pair.x.clone()} y={pair.y.clone()} />
            { for pair.stats.map(|s| html! {
                <p class="muted small">{format!(
                    "Layout search: {} steps for {} + {} bytes of picture data ({} collision block pair{} tried).",
                    s.search_steps, s.data_a, s.data_b, s.retries + 1, if s.retries == 0 { "" } else { "s" }
                )}</p>
            }) }
        </div>
    }
}
