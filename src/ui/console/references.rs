//! The visual reference pictures, kept as perceptual signatures.

use super::super::store::SandboxHandle;
use super::super::work::{Uploads, Work};
use super::selected_entry;
use crate::platform::{Action, EntryRef, ListEdit};
use crate::scenario::SandboxAction;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(ReferenceList)]
pub fn reference_list() -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let work = use_context::<Rc<Work>>().expect("work context");
    let uploads = use_context::<UseReducerHandle<Uploads>>().expect("uploads context");
    let highlighted = selected_entry(&sandbox);
    let on_pick = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            work.add_reference(&file, &file.name());
        }
        input.set_value("");
    });

    html! {
        <details class="list-block">
            <summary><h3>{format!("Visual reference pictures ({})", sandbox.0.platform.lists().references.len())}</h3></summary>
            <p class="muted">{"Analysis compares each picture, in luminosity greyscale scaled by its shortest side, with these: a match flags the file and its MD5 is listed."}</p>
            <ul class="entries references">
            { for sandbox.0.platform.lists().references.iter().map(|r| {
                let on = matches!(&highlighted, Some(EntryRef::Reference { id, .. }) if *id == r.id);
                // Seeded references are tray pictures; the others have a preview from the worker.
                let preview = sandbox.0.previews.get(&format!("ref:{}", r.signature.hash)).cloned().or_else(|| {
                    crate::samples::catalogue().into_iter().find(|s| s.title == r.name).and_then(|s| super::super::samples::url(&s))
                });
                let sandbox = sandbox.clone();
                let id = r.id;
                let remove = Callback::from(move |_| sandbox.dispatch(SandboxAction::Platform(Action::Edit(ListEdit::RemoveReference { id }))));
                html! {
                    <li class={classes!("entry", on.then_some("highlight"))}>
                        { for preview.map(|src| html! { <img class="ref-preview" {src} alt="" /> }) }
                        <span class="entry-label">{format!("#{} {}", r.id, r.name)}</span>
                        <span class="muted">{format!("{}×{}, PDQ quality {}", r.signature.width, r.signature.height, r.signature.quality)}</span>
                        <span class="provenance muted">{r.provenance.describe()}</span>
                        <button class="link" onclick={remove} aria-label={format!("Remove reference {}", r.name)}>{"Remove"}</button>
                    </li>
                }
            }) }
            </ul>
            <input id="reference-file" class="visually-hidden" type="file" accept="image/*" onchange={on_pick} />
            <label for="reference-file" class="button secondary small">{"Add a reference picture…"}</label>
            { for uploads.console_note.clone().map(|n| html! { <p class="note" role="status">{n}</p> }) }
        </details>
    }
}
