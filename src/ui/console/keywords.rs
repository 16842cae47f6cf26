//! The keyword list: single phrases and `+`-joined combinations, per chat feature.

use super::super::cited::Cited;
use super::super::fields::text_into;
use super::super::state::use_sandbox;
use super::selected_entry;
use crate::platform::{Action, EntryRef, Feature, ListEdit, narrate};
use crate::scenario::SandboxAction;
use yew::prelude::*;

#[function_component(KeywordList)]
pub fn keyword_list() -> Html {
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
            <summary><h3>{format!("Keyword list ({} entries)", sandbox.platform.lists().keywords.len())}</h3></summary>
            <p class="muted"><Cited text="A text is blocked when every part of an entry occurs in it, in any order, even overlapping; no case or width folding (§3.3, A12). Each entry sits on the list of one-to-one chats, of group chats, or both. The entries are dated snapshots of lists seen in 2016–2020; WeChat's real lists change over time (S5, §3.4, A13)." /></p>
            <ul class="entries keywords">
            { for sandbox.platform.lists().keywords.iter().map(|k| {
                let on = matches!(&highlighted, Some(EntryRef::Keyword { id, .. }) if *id == k.id);
                let id = k.id;
                let remove = sandbox.callback(move |_: MouseEvent| SandboxAction::Platform(Action::Edit(ListEdit::RemoveKeyword { id })));
                let features = match k.features.as_slice() {
                    [Feature::Group] => "group chats only",
                    [Feature::OneToOne] => "one-to-one chats only",
                    _ => "one-to-one and group chats",
                };
                html! {
                    <li class={classes!("entry", on.then_some("highlight"))}>
                        <bdi class="combination" lang="zh">{k.combination.to_string()}</bdi>
                        <span class="features">{features}</span>
                        <span class="provenance muted"><Cited text={narrate::provenance(&k.provenance)} /></span>
                        <button class="link" onclick={remove} aria-label={format!("Remove keyword entry {}", k.combination)}>{"Remove"}</button>
                    </li>
                }
            }) }
            </ul>
            <form class="row-form" onsubmit={on_add}>
                <label>{"Entry "}<input id="keyword-entry" value={(*text).clone()} oninput={on_text} placeholder="part+part+part" required=true lang="zh" /></label>
                <label class="check"><input type="checkbox" checked={*group_only} onchange={on_group} />{" group chats only"}</label>
                <button type="submit">{"Add entry"}</button>
            </form>
        </details>
    }
}
