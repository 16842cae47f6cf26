//! The MD5 hash index of each chat feature.

use super::super::cited::Cited;
use super::super::fields::{feature_into, text_into};
use super::super::state::use_sandbox;
use super::{provenance, selected_entry};
use crate::fingerprint::Digest;
use crate::platform::{Action, EntryRef, Feature, ListEdit};
use crate::scenario::SandboxAction;
use crate::t;
use yew::prelude::*;

/// "1 entry", "3 entries".
fn entries(n: usize) -> String {
    if n == 1 {
        t!("console.hashes.entries_one", n = n)
    } else {
        t!("console.hashes.entries_other", n = n)
    }
    .into_owned()
}

#[function_component(HashLists)]
pub fn hash_lists() -> Html {
    let _lang = super::super::lang::use_lang();
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
                        t!("console.hashes.by_hand").into_owned()
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
            <summary><h3>{t!("console.hashes.heading", one_to_one = lists.hashes.one_to_one.len(), group = lists.hashes.group.len())}</h3></summary>
            <p class="muted"><Cited text={t!("console.hashes.intro")} /></p>
            <div class="indexes">
            { for Feature::ALL.iter().map(|&f| {
                let index = lists.hashes.get(f);
                html! {
                    <div class="index" id={format!("index-{f}")}>
                        <h4>{t!("console.hashes.index_heading", feature = f.label(), count = entries(index.len()))}</h4>
                        if index.is_empty() { <p class="muted">{t!("console.hashes.empty")}</p> }
                        <ul class="entries">
                        { for index.iter().map(|(digest, entry)| {
                            let on = highlighted == Some(EntryRef::Hash { feature: f, md5: *digest });
                            let d = *digest;
                            let remove = sandbox.callback(move |_: MouseEvent| SandboxAction::Platform(Action::Edit(ListEdit::RemoveHash { feature: f, md5: d })));
                            html! {
                                <li class={classes!("entry", on.then_some("highlight"))} data-md5={digest.hex()}>
                                    <code class="digest">{digest.hex()}</code>
                                    <bdi class="entry-label">{&entry.label}</bdi>
                                    <span class="provenance muted"><Cited text={provenance(&entry.provenance)} /></span>
                                    <button class="link" onclick={remove} aria-label={t!("console.hashes.remove_label", md5 = digest.hex(), feature = f.label())}>{t!("console.remove")}</button>
                                </li>
                            }
                        }) }
                        </ul>
                    </div>
                }
            }) }
            </div>
            <form class="row-form" onsubmit={on_add}>
                <label>{"MD5 "}<input class="mono" size="34" value={(*md5).clone()} oninput={text_into::<InputEvent>(&md5)} placeholder={t!("console.hashes.md5_placeholder")} required=true /></label>
                <label>{t!("console.hashes.label")}{" "}<input value={(*label).clone()} oninput={text_into::<InputEvent>(&label)} /></label>
                <label>{t!("console.hashes.index")}{" "}
                    <select onchange={on_feature}>
                        <option value={Feature::OneToOne.to_string()} selected={*feature == Feature::OneToOne}>{Feature::OneToOne.label()}</option>
                        <option value={Feature::Group.to_string()} selected={*feature == Feature::Group}>{Feature::Group.label()}</option>
                    </select>
                </label>
                <button type="submit">{t!("console.hashes.add")}</button>
            </form>
        </details>
    }
}
