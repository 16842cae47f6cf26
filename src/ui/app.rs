//! The application shell: title, privacy promise, and the panels.

use super::fingerprint_panel::FingerprintPanel;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <>
            <header class="masthead">
                <h1>{"hashwall"}</h1>
                <p class="tagline">{"See how a messaging platform silently censors files by their MD5 fingerprint."}</p>
                <p class="privacy" id="privacy">
                    {"Your files never leave this browser: everything is computed on this device and nothing is uploaded."}
                </p>
            </header>
            <main id="main">
                <FingerprintPanel />
            </main>
        </>
    }
}
