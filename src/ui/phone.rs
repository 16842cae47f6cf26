//! One account's phone: who it is, its chats, the open chat's messages, and a composer.
//! It shows only what the platform's view of this account contains, so a dropped item
//! simply is not there.

use super::composer::Composer;
use super::format;
use super::store::SandboxHandle;
use crate::filters::FileKind;
use crate::platform::{
    AccountId, Action, MessageId, MessageStatus, MessageView, Region, ViewContent,
};
use crate::scenario::SandboxAction;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PhoneProps {
    pub account: AccountId,
}

#[function_component(Phone)]
pub fn phone(props: &PhoneProps) -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let s = &sandbox.0;
    let view = s.platform.view(props.account);
    let open = s.open_chat(props.account);
    let chat_view = view
        .as_ref()
        .ok()
        .and_then(|v| v.chats.iter().find(|c| Some(c.chat) == open));
    let selected_message = s
        .selected_event
        .and_then(|seq| s.platform.log().iter().find(|e| e.seq == seq))
        .and_then(|e| e.message);
    let list = use_node_ref();
    {
        let list = list.clone();
        let count = chat_view.map_or(0, |c| c.messages.len());
        use_effect_with((open, count, selected_message), move |&(_, _, selected)| {
            if let Some(list) = list.cast::<HtmlElement>() {
                keep_in_view(&list, selected);
            }
        });
    }
    let Ok(view) = &view else {
        return html! {};
    };
    let account = s.platform.account(props.account).ok();
    let (region_class, region_label) = match view.region {
        Region::China => ("region china", "China-registered"),
        Region::International => ("region intl", "International"),
    };
    let registered = account
        .filter(|a| a.registered_number != a.current_number)
        .map(|a| format!("registered with {}", a.registered_number));
    let phone_id = format!("phone-{}", props.account.0);

    html! {
        <article class="phone" id={phone_id.clone()} aria-labelledby={format!("{phone_id}-name")}>
            <header class="phone-head">
                <h3 id={format!("{phone_id}-name")}>{&view.name}</h3>
                <span class={region_class}>{region_label}</span>
                <p class="number">{&view.number}
                    { for registered.map(|r| html! { <span class="muted">{" · "}{r}</span> }) }
                </p>
            </header>
            <nav class="chat-tabs" aria-label={format!("{}'s chats", view.name)}>
                { for view.chats.iter().map(|c| {
                    let sandbox = sandbox.clone();
                    let (account, chat) = (props.account, c.chat);
                    let onclick = Callback::from(move |_| sandbox.dispatch(SandboxAction::OpenChat { account, chat }));
                    let current = Some(c.chat) == open;
                    let count = c.messages.len();
                    html! {
                        <button class={classes!("chat-tab", current.then_some("on"))} aria-pressed={current.to_string()} {onclick}>
                            {&c.name}
                            if count > 0 { <span class="count">{format!(" · {count}")}</span> }
                        </button>
                    }
                }) }
            </nav>
            <ol class="messages" aria-label="Messages" tabindex="0" ref={list}>
                { match chat_view {
                    Some(chat) if chat.messages.is_empty() => html! { <li class="empty muted">{"No messages yet."}</li> },
                    Some(chat) => chat.messages.iter().map(|m| html! {
                        <Bubble message={m.clone()} highlighted={selected_message == Some(m.message)} />
                    }).collect::<Html>(),
                    None => html! { <li class="empty muted">{"No chat open."}</li> },
                } }
            </ol>
            { for chat_view.map(|c| html! { <Composer account={props.account} chat={c.chat} chat_name={c.name.clone()} /> }) }
        </article>
    }
}

/// Scrolls a message list, and only the list (the page stays where the reader is), so that the
/// selected message is in view when this chat has it, and the newest message otherwise.
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
            list.set_scroll_top(b.offset_top() - (list.client_height() - b.offset_height()) / 2)
        }
        None => list.set_scroll_top(list.scroll_height()),
    }
}

#[derive(Properties, PartialEq)]
pub struct BubbleProps {
    pub message: MessageView,
    pub highlighted: bool,
}

/// A message as its phone shows it.
#[function_component(Bubble)]
pub fn bubble(props: &BubbleProps) -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let m = &props.message;
    let class = classes!(
        "bubble",
        m.mine.then_some("mine"),
        props.highlighted.then_some("highlight"),
        (m.status == MessageStatus::Recalled).then_some("recalled")
    );
    let body = match &m.content {
        None => html! {
            <p class="muted">{ if m.mine { "You recalled a message.".to_string() } else { format!("{} recalled a message.", m.sender_name) } }</p>
        },
        Some(ViewContent::Text(text)) => html! { <p class="text">{text}</p> },
        Some(ViewContent::File {
            name,
            size,
            md5,
            kind,
        }) => {
            let preview = sandbox
                .0
                .previews
                .get(&crate::scenario::preview_key(m.message))
                .cloned();
            match (kind, preview) {
                (FileKind::Image, Some(src)) => html! {
                    <figure class="picture">
                        <img {src} alt={format!("picture: {name}")} />
                        <figcaption class="muted">{name}{" · MD5 "}<code title={md5.hex()}>{format::short_md5(&md5.hex())}</code></figcaption>
                    </figure>
                },
                _ => html! {
                    <p class="file">
                        <span class="file-icon" aria-hidden="true">{"📄"}</span>
                        <span>{name}<br/><span class="muted">{format::size(*size)}{" · MD5 "}
                            <code title={md5.hex()}>{format::short_md5(&md5.hex())}</code></span></span>
                    </p>
                },
            }
        }
    };
    let recall = (m.mine && m.status == MessageStatus::Sent).then(|| {
        let sandbox = sandbox.clone();
        let (message, by) = (m.message, m.sender);
        let onclick = Callback::from(move |_| sandbox.dispatch(SandboxAction::Platform(Action::Recall { message, by })));
        html! { <button class="link recall" {onclick} aria-label={format!("Recall message {}", message.0)}>{"Recall"}</button> }
    });
    html! {
        <li {class} data-message={m.message.0.to_string()}>
            { if !m.mine { html! { <span class="sender">{&m.sender_name}</span> } } else { html! {} } }
            {body}
            <span class="meta">
                {format::clock(m.at)}
                { if m.mine && m.status == MessageStatus::Sent { html! { <span class="sent">{" · sent ✓"}</span> } } else { html! {} } }
                { for recall }
            </span>
        </li>
    }
}
