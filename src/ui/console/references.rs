//! The visual reference pictures, kept as perceptual signatures.

use super::super::cited::Cited;
use super::super::file_picker::FilePicker;
use super::super::intake::use_intake;
use super::super::state::{use_sandbox, use_uploads};
use super::{provenance, selected_entry};
use crate::platform::{Action, EntryRef, ListEdit};
use crate::scenario::SandboxAction;
use crate::t;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(ReferenceList)]
pub fn reference_list() -> Html {
    let _lang = super::super::lang::use_lang();
    let sandbox = use_sandbox();
    let intake = use_intake();
    let uploads = use_uploads();
    let highlighted = selected_entry(&sandbox);
    let on_pick = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            intake.add_reference(&file, &file.name());
        }
        input.set_value("");
    });

    html! {
        <details class="list-block">
            <summary><h3>{t!("console.references.heading", n = sandbox.platform.lists().references.len())}</h3></summary>
            <p class="muted"><Cited text={t!("console.references.intro")} /></p>
            <ul class="entries references">
            { for sandbox.platform.lists().references.iter().map(|r| {
                let on = matches!(&highlighted, Some(EntryRef::Reference { id, .. }) if *id == r.id);
                // Seeded references are tray pictures; the others have a preview from the worker.
                let preview = sandbox.previews.get(&format!("ref:{}", r.signature.hash)).cloned().or_else(|| {
                    crate::samples::catalogue().into_iter().find(|s| s.title == r.name).and_then(|s| super::super::samples::url(&s))
                });
                let id = r.id;
                let remove = sandbox.callback(move |_: MouseEvent| SandboxAction::Platform(Action::Edit(ListEdit::RemoveReference { id })));
                html! {
                    <li class={classes!("entry", on.then_some("highlight"))}>
                        { for preview.map(|src| html! { <img class="ref-preview" {src} alt="" /> }) }
                        <span class="entry-label">{format!("#{} ", r.id)}<bdi>{&r.name}</bdi></span>
                        <span class="muted">{t!("console.references.size", width = r.signature.width, height = r.signature.height, quality = r.signature.quality)}</span>
                        <span class="provenance muted"><Cited text={provenance(&r.provenance)} /></span>
                        <button class="link" onclick={remove} aria-label={t!("console.references.remove_label", name = r.name)}>{t!("console.remove")}</button>
                    </li>
                }
            }) }
            </ul>
            <FilePicker id="reference-file" label={t!("console.references.add")} accept="image/*"
                class="button secondary small" on_change={on_pick} />
            { for uploads.console_note.clone().map(|n| html! { <p class="note" role="status">{n}</p> }) }
        </details>
    }
}
