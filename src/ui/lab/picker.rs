//! Choosing a picture for the lab: a file (picker, drop or paste) or a tray sample.

use crate::samples::{SampleKind, catalogue};
use web_sys::{Blob, DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// A chosen picture.
#[derive(Clone, PartialEq)]
pub struct Pick {
    pub name: String,
    pub blob: Blob,
    /// What an `<img>` can show it from.
    pub url: String,
}

impl Pick {
    /// A picture from the user's own files.
    pub fn from_file(file: &web_sys::File) -> Self {
        let url = web_sys::Url::create_object_url_with_blob(file).unwrap_or_default();
        Self {
            name: file.name(),
            blob: file.clone().into(),
            url,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// "a" or "b": used in element ids.
    pub which: AttrValue,
    pub label: AttrValue,
    pub picked: Option<Pick>,
    pub on_pick: Callback<Pick>,
    pub on_error: Callback<String>,
}

#[function_component(PicturePicker)]
pub fn picture_picker(props: &PickerProps) -> Html {
    let dragging = use_state(|| false);
    let id = format!("lab-{}", props.which);

    let on_file = {
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_pick.emit(Pick::from_file(&file));
            }
            input.set_value("");
        })
    };
    let on_sample = {
        let (on_pick, on_error) = (props.on_pick.clone(), props.on_error.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Some(sample) = crate::samples::sample(&select.value()) else {
                return;
            };
            let Some(url) = super::super::samples::url(&sample) else {
                return;
            };
            let (on_pick, on_error) = (on_pick.clone(), on_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::web::fetch::own_file(&url).await {
                    Ok(blob) => on_pick.emit(Pick {
                        name: sample.file_name.unwrap_or(sample.id).to_string(),
                        blob,
                        url,
                    }),
                    Err(message) => on_error.emit(message),
                }
            });
            select.set_value("");
        })
    };
    let on_drop = {
        let (on_pick, dragging) = (props.on_pick.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                on_pick.emit(Pick::from_file(&file));
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };

    html! {
        <div class={classes!("picker", (*dragging).then_some("dragging"))}
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <h3>{&props.label}</h3>
            <div class="picker-preview">
                { match &props.picked {
                    Some(p) => html! { <img src={p.url.clone()} alt={format!("chosen: {}", p.name)} /> },
                    None => html! { <p class="muted">{"Drop a picture here"}</p> },
                } }
            </div>
            { for props.picked.as_ref().map(|p| html! { <p class="muted small picked-name">{&p.name}</p> }) }
            <input id={format!("{id}-file")} class="visually-hidden" type="file" accept="image/*" onchange={on_file} />
            <label for={format!("{id}-file")} class="button secondary small">{"Choose a picture…"}</label>
            <label class="small">{" or a sample: "}
                <select id={format!("{id}-sample")} onchange={on_sample}>
                    <option value="" selected=true>{"—"}</option>
                    { for catalogue().into_iter().filter(|s| s.kind == SampleKind::Picture && !s.id.starts_with("twin-")).map(|s| html! {
                        <option value={s.id}>{s.title}</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
