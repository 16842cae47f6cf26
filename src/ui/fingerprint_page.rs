//! Choose files, see their MD5s side by side: the fingerprint the censor's index is keyed
//! by. Files with equal MD5s are marked, since comparing is what a person comes to do.

use super::file_picker::FilePicker;
use super::format;
use super::later::use_fingerprints;
use super::phone::files_of;
use crate::jobs::{Progress, Reply, Request};
use crate::scenario::fingerprints::{FingerprintAction, HashState};
use crate::t;
use crate::web::worker_client::WorkerClient;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(FingerprintPage)]
pub fn fingerprint_page() -> Html {
    let _lang = super::lang::use_lang();
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
                            message: t!("fingerprint.worker_confused").into_owned(),
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
    let clear = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(FingerprintAction::Clear))
    };

    html! {
        <section class="panel" aria-labelledby="fingerprint-title">
            <h2 id="fingerprint-title">{t!("fingerprint.title")}</h2>
            <p>{t!("fingerprint.intro")}</p>
            <div class="file-picker">
                <FilePicker id="file" label={t!("fingerprint.choose")} multiple=true class="button" on_change={onchange} />
                if !page.files.is_empty() {
                    {" "}<button class="secondary" onclick={clear}>{t!("fingerprint.clear")}</button>
                }
            </div>
            if page.files.is_empty() {
                <p class="muted" id="no-files">{t!("fingerprint.no_files")}</p>
            } else {
                <table class="fingerprints" aria-live="polite">
                    <caption class="visually-hidden">{t!("fingerprint.caption")}</caption>
                    <thead><tr><th scope="col">{"#"}</th><th scope="col">{t!("fingerprint.col_file")}</th><th scope="col">{t!("fingerprint.col_size")}</th><th scope="col">{"MD5"}</th><th scope="col">{t!("fingerprint.col_same")}</th></tr></thead>
                    <tbody>
                    { for page.files.iter().enumerate().map(|(i, f)| {
                        let twins = page.same_md5_as(f.id);
                        let (md5, class) = match &f.state {
                            HashState::Hashing { done } => (html! {
                                <>
                                    <progress max={f.size.max(1).to_string()} value={done.to_string()} aria-label={t!("fingerprint.hashing_label", name = f.name)}></progress>
                                    <span class="muted">{" "}{t!("fingerprint.computing")}</span>
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
