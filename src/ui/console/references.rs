//! The visual reference pictures, kept as perceptual signatures.

use super::super::cited::Cited;
use super::super::file_picker::FilePicker;
use super::super::intake::use_intake;
use super::super::state::{use_sandbox, use_uploads};
use super::selected_entry;
use crate::platform::{Action, EntryRef, ListEdit, narrate};
use crate::scenario::SandboxAction;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(ReferenceList)]
pub fn reference_list() -> Html {
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
            <summary><h3>{format!("Visual reference pictures ({})", sandbox.platform.lists().references.len())}</h3></summary>
            <p class="muted"><Cited text="Analysis compares each picture, in luminosity greyscale scaled by its shortest side, with these: a match flags the file and its MD5 is listed. WeChat's algorithm is unpublished; this matcher (edge maps compared whole image against whole image) is a hypothesis fitted to the Citizen Lab's evasion tests (hypothesis; A8, A9)." /></p>
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
                        <span class="muted">{format!("{}×{}, edges in {} % of cells", r.signature.width, r.signature.height, r.signature.quality)}</span>
                        <span class="provenance muted"><Cited text={narrate::provenance(&r.provenance)} /></span>
                        <button class="link" onclick={remove} aria-label={format!("Remove reference {}", r.name)}>{"Remove"}</button>
                    </li>
                }
            }) }
            </ul>
            <FilePicker id="reference-file" label="Add a reference picture…" accept="image/*"
                class="button secondary small" on_change={on_pick} />
            { for uploads.console_note.clone().map(|n| html! { <p class="note" role="status">{n}</p> }) }
        </details>
    }
}
