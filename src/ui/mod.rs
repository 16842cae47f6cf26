//! The Yew interface. Components render the core's state and send it actions; they hold
//! no rules of their own. Compiled only for wasm32.

mod app;
mod clock;
mod composer;
mod console;
mod fields;
mod fingerprint_panel;
mod format;
mod lab;
mod live;
mod manage;
mod phone;
mod samples;
mod sandbox_page;
mod store;
mod timeline;
mod tray;
mod work;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
