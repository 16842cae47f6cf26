//! Callbacks that copy a form field into component state, shared by the forms of the app.

use crate::platform::Feature;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::{Callback, TargetCast, UseStateHandle};

/// Keeps `state` equal to the text of the input the event came from (`oninput` or `onchange`).
pub fn text_into<E: TargetCast + 'static>(state: &UseStateHandle<String>) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |e: E| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

/// Keeps `state` equal to the chat feature chosen in a `<select>` whose values are the
/// features' names; an unknown value leaves it unchanged.
pub fn feature_into<E: TargetCast + 'static>(state: &UseStateHandle<Feature>) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |e: E| {
        if let Ok(feature) = e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
        {
            state.set(feature);
        }
    })
}
