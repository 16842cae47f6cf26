//! Choosing a picture for the lab: a file (picker, drop) or a tray sample. A picture the
//! browser cannot show is explained at once, not when "Make" is pressed.

use super::super::drop_zone::use_drop_zone;
use super::super::file_picker::FilePicker;
use crate::samples::{Sample, SampleKind, catalogue};
use crate::scenario::lab::{Picked, Slot};
use crate::t;
use web_sys::{File, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub slot: Slot,
    pub label: AttrValue,
    pub picked: Option<Picked>,
    /// Where the chosen picture can be shown from.
    pub preview: Option<String>,
    pub on_file: Callback<File>,
    pub on_sample: Callback<Sample>,
    /// The preview failed to load: the file is not a picture the browser reads.
    pub on_broken: Callback<()>,
}

#[function_component(PicturePicker)]
pub fn picture_picker(props: &PickerProps) -> Html {
    let _lang = crate::ui::lang::use_lang();
    let id = format!("lab-{}", props.slot.name());

    let on_file = {
        let on_file_picked = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file_picked.emit(file);
            }
            input.set_value("");
        })
    };
    let on_sample = {
        let on_sample = props.on_sample.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(sample) = crate::samples::sample(&select.value()) {
                on_sample.emit(sample);
            }
            select.set_value("");
        })
    };
    let zone = {
        let on_file = props.on_file.clone();
        use_drop_zone(Callback::from(move |data: web_sys::DataTransfer| {
            if let Some(file) = data.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
        }))
    };
    let on_error = props.on_broken.reform(|_: Event| ());
    let problem = props.picked.as_ref().and_then(|p| p.problem.clone());

    html! {
        <div class={classes!("picker", zone.dragging.then_some("dragging"))}
            ondragover={zone.ondragover} ondragleave={zone.ondragleave} ondrop={zone.ondrop}>
            <h3>{&props.label}</h3>
            <div class="picker-preview">
                { match (&props.picked, &props.preview, &problem) {
                    (Some(p), Some(src), None) => html! {
                        <img src={src.clone()} alt={t!("lab.picker.alt", name = p.name)} onerror={on_error} />
                    },
                    (Some(_), _, Some(_)) => html! { <p class="muted">{t!("lab.picker.cannot_show")}</p> },
                    _ => html! { <p class="muted">{t!("lab.picker.drop")}</p> },
                } }
            </div>
            { for props.picked.as_ref().map(|p| html! { <p class="muted small picked-name"><bdi>{&p.name}</bdi></p> }) }
            { for problem.map(|why| html! { <p class="error small pick-problem" id={format!("{id}-problem")} role="alert">{why}</p> }) }
            <FilePicker id={format!("{id}-file")} label={t!("lab.picker.choose")} accept="image/*"
                class="button secondary small" on_change={on_file} />
            <label class="small">{" "}{t!("lab.picker.or_sample")}{" "}
                <select id={format!("{id}-sample")} onchange={on_sample}>
                    <option value="" selected=true>{"—"}</option>
                    { for catalogue().into_iter().filter(|s| s.kind == SampleKind::Picture && !s.id.starts_with("twin-")).map(|s| html! {
                        <option value={s.id}>{s.shown_title()}</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
