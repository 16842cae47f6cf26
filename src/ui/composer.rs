//! Writing into a chat: text, a file picker, the sample menu, and pasted files. (Dropped
//! files are taken by the whole phone.) It holds only the text being typed; sending is the
//! page's business, through the callbacks.

use super::fields::text_into;
use super::file_picker::FilePicker;
use super::format;
use super::phone::files_of;
use crate::platform::AccountId;
use crate::samples::{Sample, SampleKind, catalogue};
use crate::scenario::uploads::{Upload, UploadNote};
use crate::t;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

/// The drag data type that carries a tray sample's id.
pub const SAMPLE_DRAG_TYPE: &str = "application/x-hashwall-sample";

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub account: AccountId,
    pub chat_name: String,
    /// This sender's files on their way.
    pub uploads: Vec<Upload>,
    /// A note about the last file the server could not read.
    pub note: Option<UploadNote>,
    pub on_text: Callback<String>,
    pub on_files: Callback<Vec<File>>,
    pub on_sample: Callback<Sample>,
    pub on_clear_note: Callback<()>,
}

#[function_component(Composer)]
pub fn composer(props: &ComposerProps) -> Html {
    let _lang = super::lang::use_lang();
    let text = use_state(String::new);
    let ids = format!("{}", props.account.0);

    let on_submit = {
        let (text, on_text) = (text.clone(), props.on_text.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if text.trim().is_empty() {
                return;
            }
            on_text.emit((*text).clone());
            text.set(String::new());
        })
    };
    let on_input = text_into::<InputEvent>(&text);
    let on_paste = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let files = files_of(
                event
                    .dyn_ref::<web_sys::ClipboardEvent>()
                    .and_then(|e| e.clipboard_data())
                    .and_then(|d| d.files()),
            );
            if !files.is_empty() {
                event.prevent_default();
                on_files.emit(files);
            }
        })
    };
    let on_pick = {
        let on_files = props.on_files.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_files.emit(files_of(input.files()));
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let clear_note = props.on_clear_note.reform(|_: MouseEvent| ());

    html! {
        <div class="composer">
            { for props.uploads.iter().map(|u| {
                let (before, after) =
                    format::around(&t!("sandbox.composer.sending", size = format::size(u.total)), "name");
                html! {
                    <div class="upload">
                        <span>{before}<bdi>{&u.name}</bdi>{after}</span>
                        <progress max={u.total.max(1).to_string()} value={u.done.to_string()}
                            aria-label={t!("sandbox.composer.sending_label", name = u.name)}></progress>
                    </div>
                }
            }) }
            { for props.note.as_ref().map(|n| html! {
                <p class="note" role="status"><bdi>{n.text()}</bdi>{" "}<button class="link" onclick={clear_note}>{t!("sandbox.composer.ok")}</button></p>
            }) }
            <form class="compose-row" onsubmit={on_submit}>
                <label class="visually-hidden" for={format!("text-{ids}")}>{t!("sandbox.composer.message_to", chat = props.chat_name)}</label>
                <input id={format!("text-{ids}")} class="compose-text" type="text" autocomplete="off"
                    placeholder={t!("sandbox.composer.placeholder")} value={(*text).clone()} oninput={on_input} onpaste={on_paste} />
                <button type="submit">{t!("sandbox.composer.send")}</button>
            </form>
            <div class="compose-tools">
                <FilePicker id={format!("attach-{ids}")} label={t!("sandbox.composer.attach")} multiple=true
                    class="button secondary small" input_class="attach" on_change={on_pick} />
                <details class="sample-menu" onkeydown={Callback::from(|e: KeyboardEvent| if e.key() == "Escape" { close_menu(&e) })}>
                    <summary class="button secondary small">{t!("sandbox.composer.samples")}</summary>
                    <ul>
                        { for catalogue().into_iter().map(|sample| {
                            let on_sample = props.on_sample.clone();
                            let onclick = Callback::from(move |event: MouseEvent| {
                                on_sample.emit(sample);
                                close_menu(&event);
                            });
                            let kind = match sample.kind {
                                SampleKind::Picture => t!("sandbox.composer.kind_picture"),
                                SampleKind::Text => t!("sandbox.composer.kind_message"),
                                SampleKind::Document => t!("sandbox.composer.kind_document"),
                            };
                            html! {
                                <li><button class="link sample-choice" data-sample={sample.id} {onclick}>
                                    {sample.shown_title()}<span class="muted">{kind}</span>
                                </button></li>
                            }
                        }) }
                    </ul>
                </details>
            </div>
        </div>
    }
}

/// Closes the samples menu an event came from and gives the focus back to its summary, so a
/// keyboard user is not left on a hidden button.
fn close_menu(event: &impl AsRef<Event>) {
    let Some(details) = event
        .as_ref()
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("details").ok().flatten())
    else {
        return;
    };
    let _ = details.remove_attribute("open");
    if let Some(summary) = details
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = summary.focus();
    }
}
