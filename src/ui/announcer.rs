//! The screen-reader live region: deliveries (and, behind the scenes, drops) are read out.

use super::state::use_sandbox;
use yew::prelude::*;

#[function_component(Announcer)]
pub fn announcer() -> Html {
    let sandbox = use_sandbox();
    let latest = sandbox.announcements.last().cloned().unwrap_or_default();
    html! {
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{latest}</div>
    }
}
