//! The keyword list: single phrases and `+`-joined combinations, per chat feature.

use super::super::cited::Cited;
use super::super::fields::text_into;
use super::super::state::use_sandbox;
use super::{provenance, selected_entry};
use crate::platform::{Action, EntryRef, Feature, ListEdit};
use crate::scenario::SandboxAction;
use crate::t;
use yew::prelude::*;

#[function_component(KeywordList)]
pub fn keyword_list() -> Html {
    let _lang = super::super::lang::use_lang();
    let sandbox = use_sandbox();
    let text = use_state(String::new);
    let group_only = use_state(|| false);
    let highlighted = selected_entry(&sandbox);

    let on_add = {
        let (sandbox, text, group_only) = (sandbox.clone(), text.clone(), group_only.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let features = if *group_only {
                vec![Feature::Group]
            } else {
                Feature::ALL.to_vec()
            };
            sandbox.dispatch(SandboxAction::Platform(Action::Edit(
                ListEdit::AddKeyword {
                    text: (*text).clone(),
                    features,
                },
            )));
            text.set(String::new());
        })
    };
    let on_text = text_into::<InputEvent>(&text);
    let on_group = {
        let group_only = group_only.clone();
        Callback::from(move |_| group_only.set(!*group_only))
    };

    html! {
        <details class="list-block">
            <summary><h3>{t!("console.keywords.heading", n = sandbox.platform.lists().keywords.len())}</h3></summary>
            <p class="muted"><Cited text={t!("console.keywords.intro")} /></p>
            <ul class="entries keywords">
            { for sandbox.platform.lists().keywords.iter().map(|k| {
                let on = matches!(&highlighted, Some(EntryRef::Keyword { id, .. }) if *id == k.id);
                let id = k.id;
                let remove = sandbox.callback(move |_: MouseEvent| SandboxAction::Platform(Action::Edit(ListEdit::RemoveKeyword { id })));
                let features = match k.features.as_slice() {
                    [Feature::Group] => t!("console.keywords.group_only"),
                    [Feature::OneToOne] => t!("console.keywords.one_to_one_only"),
                    _ => t!("console.keywords.both"),
                };
                html! {
                    <li class={classes!("entry", on.then_some("highlight"))}>
                        <bdi class="combination" lang="zh">{k.combination.to_string()}</bdi>
                        <span class="features">{features}</span>
                        <span class="provenance muted"><Cited text={provenance(&k.provenance)} /></span>
                        <button class="link" onclick={remove} aria-label={t!("console.keywords.remove_label", entry = k.combination)}>{t!("console.remove")}</button>
                    </li>
                }
            }) }
            </ul>
            <form class="row-form" onsubmit={on_add}>
                <label>{t!("console.keywords.entry")}{" "}<input id="keyword-entry" value={(*text).clone()} oninput={on_text} placeholder={t!("console.keywords.placeholder")} required=true lang="zh" /></label>
                <label class="check"><input type="checkbox" checked={*group_only} onchange={on_group} />{" "}{t!("console.keywords.group_only")}</label>
                <button type="submit">{t!("console.keywords.add")}</button>
            </form>
        </details>
    }
}
