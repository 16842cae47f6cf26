//! The screen-reader live region: deliveries (and, behind the scenes, drops) are read out.

use super::store::SandboxHandle;
use yew::prelude::*;

#[function_component(LiveRegion)]
pub fn live_region() -> Html {
    let sandbox = use_context::<SandboxHandle>().expect("sandbox context");
    let latest = sandbox.0.announcements.last().cloned().unwrap_or_default();
    html! {
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{latest}</div>
    }
}
