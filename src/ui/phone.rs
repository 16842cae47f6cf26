//! One account's phone: who it is, its chats, the open chat's messages, and a composer. It
//! shows only what the platform's view of this account contains, so a dropped item simply
//! is not there. The whole phone takes dropped files and tray samples for its open chat.

use super::composer::{Composer, SAMPLE_DRAG_TYPE};
use super::drop_zone::use_drop_zone;
use super::format;
use super::renders;
use super::sandbox_page::Previews;
use crate::filters::FileKind;
use crate::platform::{
    AccountView, ChatId, MessageId, MessageStatus, MessageView, Region, ViewContent, narrate,
};
use crate::samples::Sample;
use crate::scenario::uploads::{Upload, UploadNote};
use crate::t;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhoneProps {
    pub view: AccountView,
    /// "registered with …" when the account now uses another number.
    pub registered: Option<String>,
    pub open: Option<ChatId>,
    /// The message the instructor selected in the timeline, if it is anywhere.
    pub highlighted: Option<MessageId>,
    pub previews: Previews,
    pub uploads: Vec<Upload>,
    pub note: Option<UploadNote>,
    pub on_open: Callback<ChatId>,
    pub on_recall: Callback<MessageId>,
    pub on_text: Callback<(ChatId, String)>,
    pub on_files: Callback<(ChatId, Vec<File>)>,
    pub on_sample: Callback<(ChatId, Sample)>,
    pub on_clear_note: Callback<()>,
}

/// The files of a `FileList`, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

#[function_component(Phone)]
pub fn phone(props: &PhoneProps) -> Html {
    renders::count("Phone");
    let _lang = super::lang::use_lang();
    let view = &props.view;
    let chat_view = view.chats.iter().find(|c| Some(c.chat) == props.open);
    let list = use_node_ref();
    {
        let list = list.clone();
        let count = chat_view.map_or(0, |c| c.messages.len());
        use_effect_with(
            (props.open, count, props.highlighted),
            move |&(_, _, selected)| {
                if let Some(list) = list.cast::<HtmlElement>() {
                    keep_in_view(&list, selected);
                }
            },
        );
    }
    let (region_class, region_label) = match view.region {
        Region::China => ("region china", t!("sandbox.phone.region_china")),
        Region::International => ("region intl", t!("sandbox.phone.region_intl")),
    };
    let phone_id = format!("phone-{}", view.account.0);

    let zone = {
        let open = props.open;
        let (on_files, on_sample) = (props.on_files.clone(), props.on_sample.clone());
        use_drop_zone(Callback::from(move |data: web_sys::DataTransfer| {
            let Some(chat) = open else {
                return;
            };
            let sample = data
                .get_data(SAMPLE_DRAG_TYPE)
                .ok()
                .and_then(|id| crate::samples::sample(&id));
            match sample {
                Some(sample) => on_sample.emit((chat, sample)),
                None => on_files.emit((chat, files_of(data.files()))),
            }
        }))
    };

    html! {
        <article class={classes!("phone", zone.dragging.then_some("dragging"))} id={phone_id.clone()}
            aria-labelledby={format!("{phone_id}-name")}
            ondragover={zone.ondragover} ondragleave={zone.ondragleave} ondrop={zone.ondrop}>
            <header class="phone-head">
                <h3 id={format!("{phone_id}-name")}><bdi>{&view.name}</bdi></h3>
                <span class={region_class}>{region_label}</span>
                <p class="number">{&view.number}
                    { for props.registered.as_ref().map(|r| html! { <span class="muted">{" · "}{r}</span> }) }
                </p>
            </header>
            <nav class="chat-tabs" aria-label={t!("sandbox.phone.chats", name = view.name)}>
                { for view.chats.iter().map(|c| {
                    let chat = c.chat;
                    let onclick = props.on_open.reform(move |_: MouseEvent| chat);
                    let current = Some(chat) == props.open;
                    let count = c.messages.len();
                    html! {
                        <button class={classes!("chat-tab", current.then_some("on"))} aria-pressed={current.to_string()} {onclick}>
                            <bdi>{&c.name}</bdi>
                            if count > 0 { <span class="count">{format!(" · {count}")}</span> }
                        </button>
                    }
                }) }
            </nav>
            <ol class="messages" aria-label={t!("sandbox.phone.messages")} tabindex="0" ref={list}>
                { match chat_view {
                    Some(chat) if chat.messages.is_empty() => html! { <li class="empty muted">{t!("sandbox.phone.no_messages")}</li> },
                    Some(chat) => chat.messages.iter().map(|m| {
                        let preview = props.previews.iter().find(|(id, _)| *id == m.message).map(|(_, url)| url.clone());
                        let on_recall = (m.mine && m.status == MessageStatus::Sent).then(|| {
                            let id = m.message;
                            props.on_recall.reform(move |_: ()| id)
                        });
                        html! {
                            <Bubble key={m.message.0} message={m.clone()} highlighted={props.highlighted == Some(m.message)}
                                {preview} {on_recall} />
                        }
                    }).collect::<Html>(),
                    None => html! { <li class="empty muted">{t!("sandbox.phone.no_chat")}</li> },
                } }
            </ol>
            { for chat_view.map(|c| {
                let chat = c.chat;
                html! {
                    <Composer account={view.account} chat_name={c.name.clone()}
                        uploads={props.uploads.clone()} note={props.note.clone()}
                        on_text={props.on_text.reform(move |text| (chat, text))}
                        on_files={props.on_files.reform(move |files| (chat, files))}
                        on_sample={props.on_sample.reform(move |sample| (chat, sample))}
                        on_clear_note={props.on_clear_note.clone()} />
                }
            }) }
        </article>
    }
}

/// Scrolls a message list, and only the list (the page stays where the reader is), so that
/// the selected message is in view when this chat has it, and the newest message otherwise.
fn keep_in_view(list: &HtmlElement, selected: Option<MessageId>) {
    let bubble = selected
        .and_then(|id| {
            list.query_selector(&format!("[data-message=\"{}\"]", id.0))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    match bubble {
        // The list is the bubbles' offset parent (position: relative), so offsets are in its frame.
        Some(b) => {
            list.set_scroll_top(b.offset_top() - (list.client_height() - b.offset_height()) / 2);
        }
        None => list.set_scroll_top(list.scroll_height()),
    }
}

#[derive(Properties, PartialEq)]
pub struct BubbleProps {
    pub message: MessageView,
    pub highlighted: bool,
    /// The picture's preview, for a picture that has one.
    pub preview: Option<AttrValue>,
    /// Offered on the sender's own messages that can still be recalled.
    pub on_recall: Option<Callback<()>>,
}

/// A message as its phone shows it. Names and texts from people are isolated (`<bdi>`), so
/// a right-to-left override in a file name cannot reorder the MD5 beside it.
#[function_component(Bubble)]
pub fn bubble(props: &BubbleProps) -> Html {
    let _lang = super::lang::use_lang();
    let m = &props.message;
    let class = classes!(
        "bubble",
        m.mine.then_some("mine"),
        props.highlighted.then_some("highlight"),
        (m.status == MessageStatus::Recalled).then_some("recalled")
    );
    let md5_line = |md5: &crate::fingerprint::Digest| {
        let hex = md5.hex();
        html! { <>{" · MD5 "}<code class="digest" title={hex.clone()}>{format::short_md5(&hex)}</code></> }
    };
    let body = match &m.content {
        None if m.mine => html! { <p class="muted">{t!("sandbox.phone.you_recalled")}</p> },
        None => {
            let (before, after) = format::around(&t!("sandbox.phone.recalled"), "name");
            html! { <p class="muted">{before}<bdi>{&m.sender_name}</bdi>{after}</p> }
        }
        Some(ViewContent::Text(text)) => html! { <p class="text"><bdi>{text}</bdi></p> },
        Some(ViewContent::File {
            name,
            size,
            md5,
            kind,
        }) => match (kind, &props.preview) {
            (FileKind::Image, Some(src)) => html! {
                <figure class="picture">
                    <img src={src.clone()} alt={t!("sandbox.phone.picture_alt", name = name)} />
                    <figcaption class="muted"><bdi class="file-name">{name}</bdi>{md5_line(md5)}</figcaption>
                </figure>
            },
            _ => html! {
                <p class="file">
                    <span class="file-icon" aria-hidden="true">{"📄"}</span>
                    <span><bdi class="file-name">{name}</bdi><br/>
                        <span class="muted">{format::size(*size)}{md5_line(md5)}</span></span>
                </p>
            },
        },
    };
    let recall = props.on_recall.as_ref().map(|on_recall| {
        let onclick = on_recall.reform(|_: MouseEvent| ());
        html! { <button class="link recall" {onclick} aria-label={t!("sandbox.phone.recall_label", id = m.message.0)}>{t!("sandbox.phone.recall")}</button> }
    });
    html! {
        <li {class} data-message={m.message.0.to_string()}>
            if !m.mine { <span class="sender"><bdi>{&m.sender_name}</bdi></span> }
            {body}
            <span class="meta">
                {narrate::time(m.at)}
                if m.mine && m.status == MessageStatus::Sent { <span class="sent">{t!("sandbox.phone.sent")}</span> }
                { for recall }
            </span>
        </li>
    }
}
