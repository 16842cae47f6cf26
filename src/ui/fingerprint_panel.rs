//! Pick a file, see its MD5: the fingerprint the censor's index is keyed by.

use crate::jobs::{Reply, Request};
use crate::web::background::Background;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Hashing {
        name: String,
        done: u64,
        total: u64,
    },
    Done {
        name: String,
        md5: String,
        size: u64,
    },
    Failed(String),
}

#[function_component(FingerprintPanel)]
pub fn fingerprint_panel() -> Html {
    let status = use_state(|| Status::Idle);
    let name = use_mut_ref(String::new);
    let background = {
        let status = status.clone();
        let name = name.clone();
        use_memo((), move |_| {
            Background::start(move |reply, _| match reply {
                Reply::Progress { done, total, .. } => status.set(Status::Hashing {
                    name: name.borrow().clone(),
                    done,
                    total,
                }),
                Reply::Hashed { md5, size, .. } => status.set(Status::Done {
                    name: name.borrow().clone(),
                    md5: md5.hex(),
                    size,
                }),
                Reply::Failed { message, .. } => status.set(Status::Failed(message)),
                _ => {}
            })
        })
    };

    let onchange = {
        let status = status.clone();
        let background = background.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let worker = &*background;
            *name.borrow_mut() = file.name();
            status.set(Status::Hashing {
                name: file.name(),
                done: 0,
                total: file.size() as u64,
            });
            let job = worker.next_job();
            if let Err(message) = worker.send(&Request::Hash { job }, Some(&file)) {
                status.set(Status::Failed(message));
            }
        })
    };

    let result = match &*status {
        Status::Idle => html! { <output id="md5" class="digest muted">{"no file"}</output> },
        Status::Hashing { name, done, total } => html! {
            <>
                <p>{format!("Hashing {name}…")}</p>
                <progress id="progress" max={total.max(&1).to_string()} value={done.to_string()}></progress>
                <output id="md5" class="digest muted">{"computing"}</output>
            </>
        },
        Status::Done { name, md5, size } => html! {
            <>
                <p>{format!("{name}, {size} bytes")}</p>
                <output id="md5" class="digest">{md5}</output>
            </>
        },
        Status::Failed(message) => html! {
            <p id="error" class="error" role="alert">{message}</p>
        },
    };

    html! {
        <section class="panel" aria-labelledby="fingerprint-title">
            <h2 id="fingerprint-title">{"Fingerprint a file"}</h2>
            <p>{"The censor does not look at your picture when you send it: it looks up its MD5, a 128-bit fingerprint of the exact bytes."}</p>
            <div class="file-picker">
                <input id="file" type="file" class="visually-hidden" {onchange} />
                <label for="file" class="button">{"Choose a file…"}</label>
            </div>
            <div aria-live="polite">{result}</div>
        </section>
    }
}
