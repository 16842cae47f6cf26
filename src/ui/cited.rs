//! A sentence with its citations as links to the sources page: a reader is one click from
//! where a claim comes from.

use crate::scenario::sources::{Inline, Piece, inline, pieces};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CitedProps {
    pub text: AttrValue,
}

#[function_component(Cited)]
pub fn cited(props: &CitedProps) -> Html {
    html! {
        <>
            { for pieces(&props.text).into_iter().map(|piece| match piece {
                Piece::Text(t) => html! { {t.to_string()} },
                Piece::Cite { label, anchor } => html! {
                    <a class="cite" href={format!("#sources/{anchor}")}>{label.to_string()}</a>
                },
            }) }
        </>
    }
}

/// Inline Markdown of the sources file (either language's), with its citations as links.
#[function_component(Markdown)]
pub fn markdown(props: &CitedProps) -> Html {
    html! {
        <>
            { for inline(&props.text).into_iter().map(|run| match run {
                Inline::Plain(t) => html! { <Cited text={t.to_string()} /> },
                Inline::Strong(t) => html! { <strong><Cited text={t.to_string()} /></strong> },
                Inline::Code(t) => html! { <code>{t.to_string()}</code> },
                Inline::Link { text, url } => match url
                    .strip_prefix("sources.md#")
                    .or_else(|| url.strip_prefix("sources.zh-CN.md#"))
                {
                    Some(anchor) => html! { <a class="cite" href={format!("#sources/{anchor}")}>{text.to_string()}</a> },
                    None if url.starts_with("https://") || url.starts_with("http://") => html! {
                        <a href={url.to_string()} rel="noopener noreferrer external" target="_blank">{text.to_string()}</a>
                    },
                    // A document of the repository the app does not carry: its name only.
                    None => html! { {text.to_string()} },
                },
            }) }
        </>
    }
}
