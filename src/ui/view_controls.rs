//! How the app is shown, under the navigation: the theme, presenter mode for a projector,
//! and sharing (a link to what is on screen, and the code to embed it in an article). Each
//! is part of the address, so a copied link carries it.

use super::address::{self, use_address};
use crate::scenario::address::Address;
use crate::scenario::embed::{self, Display, Theme};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::Auto => "System",
        Theme::Light => "Light",
        Theme::Dark => "Dark",
    }
}

/// The address an article should frame to show what is on screen now.
fn embedded(shown: &Address) -> Address {
    Address {
        display: Display {
            embed: true,
            ..shown.display.clone()
        },
        presenter: false,
        ..shown.clone()
    }
}

#[function_component(ViewControls)]
pub fn view_controls() -> Html {
    let handle = use_address();
    let shown = handle.shown.clone();
    let copied = use_state(|| None::<&'static str>);
    let on_theme = {
        let (go, shown) = (handle.go.clone(), shown.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = shown.clone();
            next.display.theme = Theme::named(&value).unwrap_or_default();
            go.emit((next, false));
        })
    };
    let on_presenter = {
        let (go, shown) = (handle.go.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = shown.clone();
            next.presenter = !next.presenter;
            go.emit((next, false));
        })
    };
    let link = address::link(&shown);
    let frame = embedded(&shown);
    let snippet = embed::snippet(
        &address::link(&frame),
        &frame.display.frame_id,
        "hashwall: hash-based censorship, in your browser",
    );
    let copy = |what: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            address::copy(&text);
            copied.set(Some(what));
        })
    };
    html! {
        <div class="view-controls">
            <label>{"Theme "}
                <select id="theme" onchange={on_theme}>
                    { for [Theme::Auto, Theme::Light, Theme::Dark].into_iter().map(|t| html! {
                        <option value={t.name()} selected={t == shown.display.theme}>{theme_label(t)}</option>
                    }) }
                </select>
            </label>
            <button class="secondary small" aria-pressed={shown.presenter.to_string()} onclick={on_presenter}>
                {"Presenter mode"}
            </button>
            <details class="share">
                <summary>{"Share or embed"}</summary>
                <div class="share-body">
                    <label for="share-link">{"Link to this view"}</label>
                    <div class="row-form">
                        <input id="share-link" readonly=true value={link.clone()} />
                        <button class="secondary small" onclick={copy("link", link)}>{"Copy link"}</button>
                    </div>
                    <label for="embed-code">{"Embed in an article (an iframe that fits its height)"}</label>
                    <textarea id="embed-code" readonly=true rows="4" value={snippet.clone()} />
                    <button class="secondary small" onclick={copy("embed code", snippet)}>{"Copy embed code"}</button>
                    <p class="muted small" role="status">{ copied.map(|what| format!("Copied the {what}.")).unwrap_or_default() }</p>
                </div>
            </details>
        </div>
    }
}
