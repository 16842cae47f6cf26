//! Render counts per component, for the browser benchmark (`scripts/bench-render.mjs`):
//! a paused clock must cost no render at all. Counting is a few additions per render.

use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

thread_local! {
    static COUNTS: RefCell<BTreeMap<&'static str, u64>> = RefCell::default();
}

/// Notes one render of `component`.
pub fn count(component: &'static str) {
    COUNTS.with(|c| *c.borrow_mut().entry(component).or_default() += 1);
}

/// Renders so far per component, as JSON (`window.wasmBindings.render_counts()`).
#[wasm_bindgen]
pub fn render_counts() -> String {
    COUNTS.with(|c| serde_json::to_string(&*c.borrow()).unwrap_or_default())
}
