//! The Yew interface. Components render the core's state and send it actions; they hold
//! no rules of their own. Compiled only for wasm32.
//!
//! Pages read shared state through the hooks of [`state`]; leaf components (a bubble, a
//! composer, a tray card, a log row) take plain props and `Callback`s. Work in workers goes
//! through the intake (files into the sandbox) and the lab service.

mod address;
mod announcer;
mod app;
mod cited;
mod clock;
mod composer;
mod console;
mod drop_guard;
mod drop_zone;
mod embed;
#[cfg(feature = "later")]
mod evasion;
mod fields;
mod file_picker;
#[cfg(feature = "later")]
mod fingerprint_page;
mod format;
mod intake;
mod lab;
mod lang;
#[cfg(feature = "later")]
pub mod later;
mod later_mount;
mod manage;
mod persist;
mod phone;
pub mod renders;
mod replication;
mod samples;
mod sandbox_page;
mod sources_page;
mod state;
mod timeline;
mod tray;
mod view_controls;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
