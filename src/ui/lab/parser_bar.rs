//! How each file's GIF parser reads it, as a bar: the picture it shows, and the bytes it
//! skips as a comment (which hold the other picture).

use crate::forge::{Span, SpanKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParserBarProps {
    pub label: AttrValue,
    pub spans: Vec<Span>,
    pub len: usize,
}

fn kind_class(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Header | SpanKind::ImageDescriptor | SpanKind::Trailer => "span-struct",
        SpanKind::Collision => "span-collision",
        SpanKind::Comment => "span-comment",
        SpanKind::Palette => "span-palette",
        SpanKind::ImageData => "span-image",
        _ => "span-unread",
    }
}

#[function_component(ParserBar)]
pub fn parser_bar(props: &ParserBarProps) -> Html {
    let len = props.len.max(1) as f64;
    let shown: usize = props
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::ImageData)
        .map(|s| s.end - s.start)
        .sum();
    let skipped: usize = props
        .spans
        .iter()
        .filter(|s| s.kind == SpanKind::Comment)
        .map(|s| s.end - s.start)
        .sum();
    html! {
        <figure class="parser-bar">
            <figcaption class="small">{&props.label}{format!(
                ": {:.0} % read as the picture it shows, {:.0} % skipped as comments",
                shown as f64 / len * 100.0, skipped as f64 / len * 100.0
            )}</figcaption>
            <svg viewBox="0 0 1000 24" preserveAspectRatio="none" role="img"
                aria-label={format!("{}: the parser's reading of the file", props.label)}>
                { for props.spans.iter().map(|s| {
                    let x = s.start as f64 / len * 1000.0;
                    let w = ((s.end - s.start) as f64 / len * 1000.0).max(0.8);
                    html! { <rect class={kind_class(s.kind)} x={format!("{x:.2}")} y="0" width={format!("{w:.2}")} height="24"><title>{format!("{:?}: bytes {}–{}", s.kind, s.start, s.end)}</title></rect> }
                }) }
            </svg>
        </figure>
    }
}

/// The legend shared by both bars.
pub fn legend() -> Html {
    html! {
        <p class="legend small">
            <span class="key span-image"></span>{" picture shown "}
            <span class="key span-palette"></span>{" its palette "}
            <span class="key span-comment"></span>{" skipped comment (the other picture hides here) "}
            <span class="key span-collision"></span>{" collision bytes "}
            <span class="key span-struct"></span>{" GIF structure"}
        </p>
    }
}
