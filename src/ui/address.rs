//! The address bar, read and written: what it asks for when the page opens or the reader goes
//! back, and the state the app shows written back into it (`scenario::address` decides
//! both), so a copied link reopens the same page, step, theme and mode.

use crate::scenario::address::Address;
use yew::prelude::*;

/// What the address asks for now.
pub fn current() -> Address {
    let location = web_sys::window().map(|w| w.location());
    let read = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    Address::parse(
        &read(web_sys::Location::search),
        &read(web_sys::Location::hash),
    )
}

/// Puts `address` in the address bar: a new history entry when `push` (a change of page, so
/// Back returns), else in place. Nothing is written when it is already there.
pub fn write(address: &Address, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = address.query();
    if window.location().search().ok().as_deref() == Some(query.as_str()) {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    // A relative "?…" keeps the path and drops any old-style "#page" hash.
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query))
    };
}

/// The full link to `address`, to copy.
pub fn link(address: &Address) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default();
    format!("{base}{}", address.query())
}

/// Copies `text` to the clipboard; false when the browser refused.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// The address shown and the way to change it, for every component.
#[derive(Clone, PartialEq)]
pub struct AddressHandle {
    /// What the app shows now (the replication's step included).
    pub shown: Address,
    /// Changes the address: `(next, push)`.
    pub go: Callback<(Address, bool)>,
}

/// The address shown, from the app's context.
#[hook]
pub fn use_address() -> AddressHandle {
    use_context::<AddressHandle>().expect("the app provides the address")
}
