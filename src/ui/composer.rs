//! Writing into a chat: text, a file picker, the sample menu, drag-and-drop and paste.

use super::fields::text_into;
use super::format;
use super::samples;
use super::store::SandboxHandle;
use super::work::{Uploads, UploadsAction, Work};
use crate::platform::{AccountId, Action, ChatId};
use crate::samples::{SampleKind, catalogue};
use crate::scenario::SandboxAction;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, FileList, HtmlInputElement};
use yew::prelude::*;

/// The drag data type that carries a tray sample's id.
pub const SAMPLE_DRAG_TYPE: &str = "application/x-hashwall-sample";

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub account: AccountId,
    pub chat: ChatId,
    pub chat_name: String,
}

#[function_component(Composer)]
pub fn composer(props: &ComposerProps) -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let work = use_context::<Rc<Work>>().expect("work context");
    let uploads = use_context::<UseReducerHandle<Uploads>>().expect("uploads context");
    let text = use_state(String::new);
    let dragging = use_state(|| false);
    let (account, chat) = (props.account, props.chat);
    let ids = format!("{}-{}", account.0, chat.0);

    let send_files = {
        let work = work.clone();
        move |files: FileList| {
            for i in 0..files.length() {
                if let Some(file) = files.get(i) {
                    work.send_file(&file, &file.name(), &file.type_(), chat, account);
                }
            }
        }
    };

    let on_submit = {
        let text = text.clone();
        let sandbox = sandbox.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if text.trim().is_empty() {
                return;
            }
            sandbox.dispatch(SandboxAction::Platform(Action::SendText {
                chat,
                sender: account,
                text: (*text).clone(),
            }));
            text.set(String::new());
        })
    };
    let on_input = text_into::<InputEvent>(&text);
    let on_paste = {
        let send_files = send_files.clone();
        Callback::from(move |event: Event| {
            let files = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|d| d.files())
                .filter(|f| f.length() > 0);
            if let Some(files) = files {
                event.prevent_default();
                send_files(files);
            }
        })
    };
    let on_pick = {
        let send_files = send_files.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(files) = input.files() {
                send_files(files);
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        let sandbox = sandbox.clone();
        let work = work.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let Some(data) = event.data_transfer() else {
                return;
            };
            let sample = data
                .get_data(SAMPLE_DRAG_TYPE)
                .ok()
                .filter(|id| !id.is_empty());
            if let Some(sample) = sample.and_then(|id| crate::samples::sample(&id)) {
                samples::send(sample, chat, account, &sandbox, &work);
            } else if let Some(files) = data.files() {
                send_files(files);
            }
        })
    };

    let in_flight: Vec<_> = uploads
        .active
        .values()
        .filter(|u| u.sender == account)
        .cloned()
        .collect();
    let note = uploads.notes.get(&account).cloned();
    let clear_note = {
        let uploads = uploads.clone();
        Callback::from(move |_| uploads.dispatch(UploadsAction::ClearNote(account)))
    };

    html! {
        <div class={classes!("composer", (*dragging).then_some("dragging"))}
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            { for in_flight.iter().map(|u| html! {
                <div class="upload">
                    <span>{format!("Sending {} ({})", u.name, format::size(u.total))}</span>
                    <progress max={u.total.max(1).to_string()} value={u.done.to_string()}
                        aria-label={format!("Sending {}", u.name)}></progress>
                </div>
            }) }
            { for note.map(|n| html! {
                <p class="note" role="status">{n}{" "}<button class="link" onclick={clear_note}>{"OK"}</button></p>
            }) }
            <form class="compose-row" onsubmit={on_submit}>
                <label class="visually-hidden" for={format!("text-{ids}")}>{format!("Message to {}", props.chat_name)}</label>
                <input id={format!("text-{ids}")} class="compose-text" type="text" autocomplete="off"
                    placeholder="Message" value={(*text).clone()} oninput={on_input} onpaste={on_paste} />
                <button type="submit">{"Send"}</button>
            </form>
            <div class="compose-tools">
                <input id={format!("attach-{ids}")} class="visually-hidden attach" type="file" multiple=true onchange={on_pick} />
                <label for={format!("attach-{ids}")} class="button secondary small">{"Attach file…"}</label>
                <details class="sample-menu" onkeydown={Callback::from(|e: KeyboardEvent| if e.key() == "Escape" { close_menu(&e) })}>
                    <summary class="button secondary small">{"Samples"}</summary>
                    <ul>
                        { for catalogue().into_iter().map(|sample| {
                            let sandbox = sandbox.clone();
                            let work = work.clone();
                            let onclick = Callback::from(move |event: MouseEvent| {
                                samples::send(sample, chat, account, &sandbox, &work);
                                close_menu(&event);
                            });
                            let kind = match sample.kind { SampleKind::Picture => "picture", SampleKind::Text => "message", SampleKind::TextFile => "document" };
                            html! {
                                <li><button class="link sample-choice" data-sample={sample.id} {onclick}>
                                    {sample.title}<span class="muted">{format!(" ({kind})")}</span>
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
fn close_menu(event: &Event) {
    let Some(details) = event
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
