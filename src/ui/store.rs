//! The sandbox as Yew state: the pure [`Sandbox`] reducer behind a `use_reducer` handle,
//! loaded from and saved to localStorage.

use crate::platform::ReferenceSeed;
use crate::scenario::{Sandbox, SandboxAction};
use crate::web::storage;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

const SANDBOX_KEY: &str = "hashwall.sandbox.v1";
const PREVIEWS_KEY: &str = "hashwall.previews.v1";
/// Previews kept across reloads; each is a few kilobytes, and storage is small.
const KEPT_PREVIEWS: usize = 60;
/// Seed of the classroom sandbox: every class sees the same delays. Written as the date the
/// Citizen Lab published its WeChat report.
#[allow(clippy::inconsistent_digit_grouping)]
pub const SANDBOX_SEED: u64 = 2020_05_07;

/// The sandbox in Yew's reducer shape.
#[derive(Clone, PartialEq)]
pub struct SandboxStore(pub Sandbox);

impl Reducible for SandboxStore {
    type Action = SandboxAction;

    fn reduce(self: Rc<Self>, action: SandboxAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.reduce(action);
        Rc::new(next)
    }
}

/// The handle components use to read the sandbox and dispatch to it.
pub type SandboxHandle = UseReducerHandle<SandboxStore>;

impl SandboxStore {
    /// The saved sandbox, or the preset if there is none (or it is damaged).
    pub fn load(seeds: Vec<ReferenceSeed>) -> Self {
        let mut sandbox = storage::load(SANDBOX_KEY)
            .and_then(|text| Sandbox::from_json(&text, seeds.clone()).ok())
            .unwrap_or_else(|| Sandbox::new(SANDBOX_SEED, seeds));
        if let Some(previews) = storage::load(PREVIEWS_KEY)
            .and_then(|text| serde_json::from_str::<BTreeMap<String, String>>(&text).ok())
        {
            sandbox.previews = Rc::new(previews);
        }
        Self(sandbox)
    }
}

/// What decides whether the sandbox needs saving: everything but the clock's last digits,
/// so a playing clock saves every couple of seconds rather than every tick.
pub fn save_key(sandbox: &Sandbox) -> (usize, u64, String) {
    let ui = format!(
        "{}{}{:?}{:?}{:?}{}",
        sandbox.behind_the_scenes,
        sandbox.playing,
        sandbox.speed,
        sandbox.open_chats,
        sandbox.selected_event,
        sandbox.platform.pending_jobs().len()
    );
    (
        sandbox.platform.log().len(),
        sandbox.platform.now() / 2_000,
        ui,
    )
}

/// Saves the sandbox; returns why not, if it could not.
pub fn save(sandbox: &Sandbox) -> Result<(), String> {
    storage::save(SANDBOX_KEY, &sandbox.to_json())
}

/// Saves the newest previews.
pub fn save_previews(previews: &BTreeMap<String, String>) -> Result<(), String> {
    // Data URLs do not sort by age; keep sample and reference previews and any others up
    // to the limit, which is plenty for a lesson.
    let kept: BTreeMap<&String, &String> = previews.iter().take(KEPT_PREVIEWS).collect();
    storage::save(
        PREVIEWS_KEY,
        &serde_json::to_string(&kept).unwrap_or_default(),
    )
}

/// Forgets everything saved (used by the reset button).
pub fn forget() {
    storage::remove(SANDBOX_KEY);
}
