//! The sample tray: pictures and texts the project made, to drag onto a phone (or send
//! from a phone's "Samples" menu, which works with the keyboard).

use super::cited::Cited;
use super::composer::SAMPLE_DRAG_TYPE;
use super::format;
use super::samples;
use crate::samples::{Sample, SampleKind, catalogue};
use crate::t;
use web_sys::DragEvent;
use yew::prelude::*;

fn is_twin(sample: &Sample) -> bool {
    sample.id.starts_with("twin-")
}

#[derive(Properties, PartialEq)]
pub struct SampleCardProps {
    pub sample: Sample,
}

/// One tray item, dragged by its sample id onto a phone.
#[function_component(SampleCard)]
pub fn sample_card(props: &SampleCardProps) -> Html {
    // The sample's own words follow the language too.
    let _lang = super::lang::use_lang();
    let sample = props.sample;
    let ondragstart = Callback::from(move |event: DragEvent| {
        if let Some(data) = event.data_transfer() {
            let _ = data.set_data(SAMPLE_DRAG_TYPE, sample.id);
            let _ = data.set_data("text/plain", sample.title);
        }
    });
    let badge = sample
        .badge()
        .map(|b| html! { <span class="badge flag">{b}</span> });
    let body = match sample.kind {
        SampleKind::Picture => html! {
            <img src={samples::thumbnail_url(&sample).unwrap_or_default()} alt="" loading="lazy"
                width={crate::samples::THUMB_WIDTH.to_string()} height={crate::samples::THUMB_HEIGHT.to_string()} />
        },
        SampleKind::Text => {
            html! { <p class="sample-text" lang="zh">{sample.text.unwrap_or_default()}</p> }
        }
        SampleKind::Document => {
            html! { <p class="sample-text">{"📄 "}{sample.file_name.unwrap_or_default()}</p> }
        }
    };
    html! {
        <li class="sample" draggable="true" {ondragstart} data-sample={sample.id}>
            {body}
            <p class="sample-title">{sample.shown_title()}{" "}{ for badge }</p>
            { for sample.shown_gloss().map(|g| html! { <p class="muted gloss">{g}</p> }) }
            <p class="small caption">{sample.shown_caption()}</p>
            { for sample.shown_source().map(|s| html! { <p class="muted small source"><Cited text={s} /></p> }) }
        </li>
    }
}

#[function_component(SampleTray)]
pub fn sample_tray() -> Html {
    let _lang = super::lang::use_lang();
    let items = catalogue();
    let (before, after) = format::around(&t!("sandbox.tray.replication"), "link");
    let card = |sample: Sample| html! { <SampleCard key={sample.id} {sample} /> };
    html! {
        <section class="panel tray" aria-labelledby="tray-title">
            <h2 id="tray-title">{t!("sandbox.tray.title")}</h2>
            <p class="muted">{t!("sandbox.tray.intro")}</p>
            <details open=true>
                <summary>{t!("sandbox.tray.twins")}</summary>
                <ol class="muted small steps">
                    <li>{t!("sandbox.tray.control")}</li>
                    <li>{t!("sandbox.tray.trigger")}</li>
                    <li>{t!("sandbox.tray.wait")}</li>
                    <li>{t!("sandbox.tray.measure")}</li>
                    <li>{before}<a href="#replication">{t!("sandbox.tray.replication_link")}</a>{after}</li>
                </ol>
                <ul class="samples pictures">{ for items.iter().filter(|s| is_twin(s)).copied().map(card) }</ul>
            </details>
            <details open=true>
                <summary>{t!("sandbox.tray.pictures")}</summary>
                <ul class="samples pictures">{ for items.iter().filter(|s| s.kind == SampleKind::Picture && !is_twin(s)).copied().map(card) }</ul>
            </details>
            <details>
                <summary>{t!("sandbox.tray.texts")}</summary>
                <ul class="samples texts">{ for items.iter().filter(|s| s.kind != SampleKind::Picture).copied().map(card) }</ul>
            </details>
        </section>
    }
}
