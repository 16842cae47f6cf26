//! The MD5 hash index of each chat feature.

use super::super::cited::Cited;
use super::super::fields::{feature_into, text_into};
use super::super::state::use_sandbox;
use super::selected_entry;
use crate::fingerprint::Digest;
use crate::platform::{Action, EntryRef, Feature, ListEdit, narrate};
use crate::scenario::SandboxAction;
use yew::prelude::*;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[function_component(HashLists)]
pub fn hash_lists() -> Html {
    let sandbox = use_sandbox();
    let md5 = use_state(String::new);
    let label = use_state(String::new);
    let feature = use_state(|| Feature::OneToOne);
    let highlighted = selected_entry(&sandbox);
    let lists = sandbox.platform.lists();

    let on_add = {
        let (sandbox, md5, label, feature) =
            (sandbox.clone(), md5.clone(), label.clone(), feature.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match Digest::from_hex(&md5) {
                Ok(digest) => {
                    let label = if label.trim().is_empty() {
                        "added by hand".to_string()
                    } else {
                        (*label).clone()
                    };
                    sandbox.dispatch(SandboxAction::Platform(Action::Edit(ListEdit::AddHash {
                        feature: *feature,
                        md5: digest,
                        label,
                    })));
                    md5.set(String::new());
                }
                Err(why) => sandbox.dispatch(SandboxAction::Report(why.to_string())),
            }
        })
    };
    let on_feature = feature_into::<Event>(&feature);

    html! {
        <details class="list-block" open=true>
            <summary><h3>{format!("MD5 hash indexes ({} one-to-one, {} group)", lists.hashes.one_to_one.len(), lists.hashes.group.len())}</h3></summary>
            <p class="muted"><Cited text="Looked up in real time when a file is sent; a hit is dropped silently for filtered recipients (S3, §4.1). Each chat feature has its own index (§1.5), and a learned MD5 joins the index of the kind of chat it was seen in (a setting below, A4)." /></p>
            <div class="indexes">
            { for Feature::ALL.iter().map(|&f| {
                let index = lists.hashes.get(f);
                html! {
                    <div class="index" id={format!("index-{f}")}>
                        <h4>{format!("{f} ({})", plural(index.len(), "entry", "entries"))}</h4>
                        if index.is_empty() { <p class="muted">{"empty"}</p> }
                        <ul class="entries">
                        { for index.iter().map(|(digest, entry)| {
                            let on = highlighted == Some(EntryRef::Hash { feature: f, md5: *digest });
                            let d = *digest;
                            let remove = sandbox.callback(move |_: MouseEvent| SandboxAction::Platform(Action::Edit(ListEdit::RemoveHash { feature: f, md5: d })));
                            html! {
                                <li class={classes!("entry", on.then_some("highlight"))} data-md5={digest.hex()}>
                                    <code class="digest">{digest.hex()}</code>
                                    <bdi class="entry-label">{&entry.label}</bdi>
                                    <span class="provenance muted"><Cited text={narrate::provenance(&entry.provenance)} /></span>
                                    <button class="link" onclick={remove} aria-label={format!("Remove {} from the {f} index", digest.hex())}>{"Remove"}</button>
                                </li>
                            }
                        }) }
                        </ul>
                    </div>
                }
            }) }
            </div>
            <form class="row-form" onsubmit={on_add}>
                <label>{"MD5 "}<input class="mono" size="34" value={(*md5).clone()} oninput={text_into::<InputEvent>(&md5)} placeholder="32 hex digits" required=true /></label>
                <label>{"Label "}<input value={(*label).clone()} oninput={text_into::<InputEvent>(&label)} /></label>
                <label>{"Index "}
                    <select onchange={on_feature}>
                        <option value={Feature::OneToOne.to_string()} selected={*feature == Feature::OneToOne}>{"one-to-one"}</option>
                        <option value={Feature::Group.to_string()} selected={*feature == Feature::Group}>{"group"}</option>
                    </select>
                </label>
                <button type="submit">{"Add hash"}</button>
            </form>
        </details>
    }
}
