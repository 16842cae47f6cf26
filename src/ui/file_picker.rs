//! A file input that looks like a button, announced once.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub multiple: bool,
    #[prop_or_default]
    pub accept: Option<AttrValue>,
    /// The visible label's classes.
    #[prop_or_default]
    pub class: Classes,
    /// The input's own classes, beside `visually-hidden file-input`.
    #[prop_or_default]
    pub input_class: Classes,
    pub on_change: Callback<Event>,
}

/// A file input that looks like a button. The input itself is the one control a keyboard or
/// a screen reader meets (named by `aria-label`); the visible label is for the mouse and is
/// hidden from assistive technology, so the picker is announced once, not twice.
#[function_component(FilePicker)]
pub fn file_picker(props: &FilePickerProps) -> Html {
    html! {
        <>
            <input id={props.id.clone()} class={classes!("visually-hidden", "file-input", props.input_class.clone())} type="file"
                multiple={props.multiple} accept={props.accept.clone()}
                aria-label={props.label.clone()} onchange={props.on_change.clone()} />
            <label for={props.id.clone()} class={props.class.clone()} aria-hidden="true">{&props.label}</label>
        </>
    }
}
