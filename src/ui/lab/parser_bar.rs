//! How each file's GIF or JPEG parser reads it, as a bar: the picture it shows, and the bytes it
//! skips as a comment (which hold the other picture).

use crate::forge::{Span, SpanKind};
use crate::t;
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
        SpanKind::Palette | SpanKind::Tables => "span-palette",
        SpanKind::ImageData => "span-image",
        _ => "span-unread",
    }
}

/// What a parser does with a kind of byte range, named for the bar's tooltips.
fn kind_name(kind: SpanKind) -> String {
    match kind {
        SpanKind::Header => t!("lab.span.header"),
        SpanKind::Collision => t!("lab.span.collision"),
        SpanKind::Comment => t!("lab.span.comment"),
        SpanKind::ImageDescriptor => t!("lab.span.image_descriptor"),
        SpanKind::Palette => t!("lab.span.palette"),
        SpanKind::ImageData => t!("lab.span.image_data"),
        SpanKind::Tables => t!("lab.span.tables"),
        SpanKind::Trailer => t!("lab.span.trailer"),
        SpanKind::Unread => t!("lab.span.unread"),
    }
    .into_owned()
}

#[function_component(ParserBar)]
pub fn parser_bar(props: &ParserBarProps) -> Html {
    let _lang = crate::ui::lang::use_lang();
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
            <figcaption class="small">{t!(
                "lab.bar.caption",
                file = &props.label,
                shown = format!("{:.0}", shown as f64 / len * 100.0),
                skipped = format!("{:.0}", skipped as f64 / len * 100.0)
            )}</figcaption>
            <svg viewBox="0 0 1000 24" preserveAspectRatio="none" role="img"
                aria-label={t!("lab.bar.label", file = &props.label)}>
                { for props.spans.iter().map(|s| {
                    let x = s.start as f64 / len * 1000.0;
                    let w = ((s.end - s.start) as f64 / len * 1000.0).max(0.8);
                    html! { <rect class={kind_class(s.kind)} x={format!("{x:.2}")} y="0" width={format!("{w:.2}")} height="24"><title>{t!("lab.bar.span", kind = kind_name(s.kind), start = s.start, end = s.end)}</title></rect> }
                }) }
            </svg>
        </figure>
    }
}

/// The legend shared by both bars (a JPEG has tables where a GIF has a palette).
pub fn legend(jpeg: bool) -> Html {
    let (tables, structure) = if jpeg {
        (t!("lab.legend.tables"), t!("lab.legend.structure_jpeg"))
    } else {
        (t!("lab.legend.palette"), t!("lab.legend.structure"))
    };
    html! {
        <p class="legend small">
            <span class="key span-image"></span>{" "}{t!("lab.legend.image")}{" "}
            <span class="key span-palette"></span>{" "}{tables}{" "}
            <span class="key span-comment"></span>{" "}{t!("lab.legend.comment")}{" "}
            <span class="key span-collision"></span>{" "}{t!("lab.legend.collision")}{" "}
            <span class="key span-struct"></span>{" "}{structure}{" "}
            <span class="key span-unread"></span>{" "}{t!("lab.legend.unread")}
        </p>
    }
}
