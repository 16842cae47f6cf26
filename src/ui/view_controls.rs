//! How the app is shown, under the navigation: the language, the theme, presenter mode for a
//! projector, and sharing (a link to what is on screen, and the code to embed it in an article). Each
//! is part of the address, so a copied link carries it.

use super::address::{self, use_address};
use super::lang::{self, LangFailure, use_lang};
use crate::scenario::address::{Address, Lang};
use crate::scenario::embed::{self, Display, Theme};
use crate::t;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn theme_label(theme: Theme) -> String {
    match theme {
        Theme::Auto => t!("view.theme_auto"),
        Theme::Light => t!("view.theme_light"),
        Theme::Dark => t!("view.theme_dark"),
    }
    .into_owned()
}

/// A language's own name, the same in every language.
fn lang_label(lang: Lang) -> String {
    match lang {
        Lang::En => t!("view.lang_en"),
        Lang::ZhCn => t!("view.lang_zh"),
    }
    .into_owned()
}

/// What was just copied, to say so.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Link,
    Embed,
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
    let lang_now = use_lang();
    let failure = use_context::<LangFailure>().unwrap_or_default();
    let shown = handle.shown.clone();
    let copied = use_state(|| None::<Copied>);
    let on_lang = {
        let (go, shown) = (handle.go.clone(), shown.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let Some(chosen) = Lang::from_tag(&value) else {
                return;
            };
            lang::remember(chosen);
            let mut next = shown.clone();
            next.lang = Some(chosen);
            go.emit((next, false));
        })
    };
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
        &t!("view.embed_title"),
    );
    let copy = |what: Copied, text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            address::copy(&text);
            copied.set(Some(what));
        })
    };
    html! {
        <div class="view-controls">
            <label>{t!("view.language")}{" "}
                <select id="lang" onchange={on_lang}>
                    { for Lang::ALL.into_iter().map(|l| html! {
                        <option value={l.tag()} lang={l.tag()} selected={l == lang_now}>{lang_label(l)}</option>
                    }) }
                </select>
            </label>
            { for failure.0.map(|why| html! {
                <p class="muted small" role="alert">{t!("view.lang_failed", why = why)}</p>
            }) }
            <label>{t!("view.theme")}{" "}
                <select id="theme" onchange={on_theme}>
                    { for [Theme::Auto, Theme::Light, Theme::Dark].into_iter().map(|t| html! {
                        <option value={t.name()} selected={t == shown.display.theme}>{theme_label(t)}</option>
                    }) }
                </select>
            </label>
            <button class="secondary small" aria-pressed={shown.presenter.to_string()} onclick={on_presenter}>
                {t!("view.presenter")}
            </button>
            <details class="share">
                <summary>{t!("view.share")}</summary>
                <div class="share-body">
                    <label for="share-link">{t!("view.link")}</label>
                    <div class="row-form">
                        <input id="share-link" readonly=true value={link.clone()} />
                        <button class="secondary small" onclick={copy(Copied::Link, link)}>{t!("view.copy_link")}</button>
                    </div>
                    <label for="embed-code">{t!("view.embed")}</label>
                    <textarea id="embed-code" readonly=true rows="4" value={snippet.clone()} />
                    <button class="secondary small" onclick={copy(Copied::Embed, snippet)}>{t!("view.copy_embed")}</button>
                    <p class="muted small" role="status">{ match *copied {
                        Some(Copied::Link) => t!("view.copied_link").into_owned(),
                        Some(Copied::Embed) => t!("view.copied_embed").into_owned(),
                        None => String::new(),
                    } }</p>
                </div>
            </details>
        </div>
    }
}
