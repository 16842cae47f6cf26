//! The sample tray: pictures and texts the project made, to drag onto a phone (or send
//! from a phone's "Samples" menu, which works with the keyboard).

use super::cited::Cited;
use super::composer::SAMPLE_DRAG_TYPE;
use super::samples;
use crate::samples::{Sample, SampleKind, catalogue};
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
            <p class="sample-title">{sample.title}{" "}{ for badge }</p>
            { for sample.gloss.map(|g| html! { <p class="muted gloss">{g}</p> }) }
            <p class="small caption">{sample.caption}</p>
            { for sample.source.map(|s| html! { <p class="muted small source"><Cited text={s} /></p> }) }
        </li>
    }
}

#[function_component(SampleTray)]
pub fn sample_tray() -> Html {
    let items = catalogue();
    let card = |sample: Sample| html! { <SampleCard key={sample.id} {sample} /> };
    html! {
        <section class="panel tray" aria-labelledby="tray-title">
            <h2 id="tray-title">{"Sample tray"}</h2>
            <p class="muted">{"Pictures and texts drawn and written by this project. Drag one onto a phone, or use a phone's “Samples” menu."}</p>
            <details open=true>
                <summary>{"Same-MD5 twins: the Citizen Lab experiment"}</summary>
                <ol class="muted small steps">
                    <li>{"Control: from Amira's chat with Wang Fang, send a harmless picture no one has sent yet, say the bicycle (drag it onto her phone, or use her Samples menu). It arrives."}</li>
                    <li>{"Trigger: in Amira's chat with Tom, send twin A (the tanks). Only international accounts are in that chat, and it arrives."}</li>
                    <li>{"Wait: let the hidden analysis run (Play, or Step)."}</li>
                    <li>{"Measure: from Amira's chat with Wang Fang, send twin B (the cat), never sent before. It never arrives: the server learned its MD5 from twin A."}</li>
                    <li><a href="#replication">{"The guided replication"}</a>{" runs this design trial after trial, with a fresh pair each time."}</li>
                </ol>
                <ul class="samples pictures">{ for items.iter().filter(|s| is_twin(s)).copied().map(card) }</ul>
            </details>
            <details open=true>
                <summary>{"Pictures"}</summary>
                <ul class="samples pictures">{ for items.iter().filter(|s| s.kind == SampleKind::Picture && !is_twin(s)).copied().map(card) }</ul>
            </details>
            <details>
                <summary>{"Messages and a document"}</summary>
                <ul class="samples texts">{ for items.iter().filter(|s| s.kind != SampleKind::Picture).copied().map(card) }</ul>
            </details>
        </section>
    }
}
