//! The Yew interface. Components render the core's state and send it actions; they hold
//! no rules of their own. Compiled only for wasm32.

mod app;
mod fingerprint_panel;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
