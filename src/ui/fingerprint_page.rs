//! Choose files, see their MD5s side by side: the fingerprint the censor's index is keyed
//! by. Files with equal MD5s are marked, since comparing is what a person comes to do.

use super::file_picker::FilePicker;
use super::format;
use super::phone::files_of;
use super::state::use_fingerprints;
use crate::jobs::{Progress, Reply, Request};
use crate::scenario::fingerprints::{FingerprintAction, HashState};
use crate::web::worker_client::WorkerClient;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(FingerprintPage)]
pub fn fingerprint_page() -> Html {
    let page = use_fingerprints();
    let worker = use_memo((), |_| WorkerClient::new());
    // Ids stay unique even if files are chosen twice before the page renders again.
    let next_id = use_mut_ref(|| 0u32);

    let onchange = {
        let (page, worker) = (page.clone(), worker.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut id = (*next_id.borrow()).max(page.next_id());
            for file in files_of(input.files()) {
                page.dispatch(FingerprintAction::Add {
                    id,
                    name: file.name(),
                    size: file.size() as u64,
                });
                let progress = {
                    let page = page.clone();
                    move |p: Progress| {
                        if let Progress::Bytes { done, .. } = p {
                            page.dispatch(FingerprintAction::Progress { id, done });
                        }
                    }
                };
                let reply = worker.request(Request::Hash, &[&file], progress);
                let page = page.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    page.dispatch(match reply.await {
                        Ok(Reply::Hashed { md5, .. }) => FingerprintAction::Done { id, md5 },
                        Ok(_) => FingerprintAction::Failed {
                            id,
                            message: "the worker answered something else".into(),
                        },
                        Err(e) => FingerprintAction::Failed {
                            id,
                            message: e.to_string(),
                        },
                    });
                });
                id += 1;
            }
            *next_id.borrow_mut() = id;
            input.set_value("");
        })
    };
    let clear = page.callback(|_: MouseEvent| FingerprintAction::Clear);

    html! {
        <section class="panel" aria-labelledby="fingerprint-title">
            <h2 id="fingerprint-title">{"Fingerprint files"}</h2>
            <p>{"In real time, the censor does not look at your picture: it looks up its MD5, a 128-bit fingerprint of the exact bytes. (It looks at the picture later, in the background.) Choose two or more files to compare their fingerprints: any change of bytes gives another MD5, and a forged pair shares one."}</p>
            <div class="file-picker">
                <FilePicker id="file" label="Choose files…" multiple=true class="button" on_change={onchange} />
                if !page.files.is_empty() {
                    {" "}<button class="secondary" onclick={clear}>{"Clear"}</button>
                }
            </div>
            if page.files.is_empty() {
                <p class="muted" id="no-files">{"No file chosen yet."}</p>
            } else {
                <table class="fingerprints" aria-live="polite">
                    <caption class="visually-hidden">{"Files and their MD5 fingerprints"}</caption>
                    <thead><tr><th scope="col">{"#"}</th><th scope="col">{"File"}</th><th scope="col">{"Size"}</th><th scope="col">{"MD5"}</th><th scope="col">{"Same MD5 as"}</th></tr></thead>
                    <tbody>
                    { for page.files.iter().enumerate().map(|(i, f)| {
                        let twins = page.same_md5_as(f.id);
                        let (md5, class) = match &f.state {
                            HashState::Hashing { done } => (html! {
                                <>
                                    <progress max={f.size.max(1).to_string()} value={done.to_string()} aria-label={format!("Hashing {}", f.name)}></progress>
                                    <span class="muted">{" computing"}</span>
                                </>
                            }, None),
                            HashState::Done(md5) => (html! { <code class="digest md5">{md5.hex()}</code> }, Some("done")),
                            HashState::Failed(why) => (html! { <span class="error" role="alert">{why}</span> }, Some("failed")),
                        };
                        html! {
                            <tr key={f.id} class={classes!(class, (!twins.is_empty()).then_some("same-md5"))}>
                                <td>{i + 1}</td>
                                <td><bdi class="file-name">{&f.name}</bdi></td>
                                <td>{format::size(f.size)}</td>
                                <td>{md5}</td>
                                <td class="twins">{ if twins.is_empty() { html! {} } else {
                                    html! { <strong>{"= "}{twins.iter().map(|n| format!("#{n}")).collect::<Vec<_>>().join(", ")}</strong> }
                                } }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
