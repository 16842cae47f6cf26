//! A file dropped anywhere on the page must never make the browser leave the app to show
//! it: drop zones handle their own drops, and this catches the rest.

use gloo::events::{EventListener, EventListenerOptions};

/// Listens on the window for as long as the returned listeners live.
pub fn install() -> Option<[EventListener; 2]> {
    let window = web_sys::window()?;
    let options = EventListenerOptions::enable_prevent_default();
    let refuse = |name: &'static str| {
        EventListener::new_with_options(&window, name, options, |event| event.prevent_default())
    };
    Some([refuse("dragover"), refuse("drop")])
}
