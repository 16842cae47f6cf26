//! What survives a reload, in localStorage: the sandbox (saved when its revision changes),
//! the clock, picture previews, the lab's choices and the fingerprint page's results. The
//! lab's pictures and pair are bytes, kept apart in IndexedDB (`web::blob_store`).

use crate::platform::ReferenceSeed;
use crate::scenario::lab::{Lab, SavedLab};
use crate::scenario::replication::Replication;
use crate::scenario::{Clock, Sandbox};
use crate::web::storage;
use std::collections::BTreeMap;
use std::rc::Rc;

// Version 2: events became data (their sentences are written when shown).
const SANDBOX_KEY: &str = "hashwall.sandbox.v2";
const CLOCK_KEY: &str = "hashwall.clock.v1";
const PREVIEWS_KEY: &str = "hashwall.previews.v1";
const LAB_KEY: &str = "hashwall.lab.v1";
const REPLICATION_KEY: &str = "hashwall.replication.v1";
/// Previews kept across reloads; each is a few kilobytes, and storage is small.
const KEPT_PREVIEWS: usize = 60;
/// Seed of the classroom sandbox: every class sees the same delays. Written as the date the
/// Citizen Lab published its WeChat report.
#[allow(clippy::inconsistent_digit_grouping)]
pub const SANDBOX_SEED: u64 = 2020_05_07;

/// The saved sandbox, or the preset if there is none (or it is damaged).
pub fn load_sandbox(seeds: Vec<ReferenceSeed>) -> Sandbox {
    let mut sandbox = storage::load(SANDBOX_KEY)
        .and_then(|text| Sandbox::from_json(&text, seeds.clone()).ok())
        .unwrap_or_else(|| Sandbox::new(SANDBOX_SEED, seeds));
    if let Some(previews) = storage::load(PREVIEWS_KEY)
        .and_then(|text| serde_json::from_str::<BTreeMap<String, String>>(&text).ok())
    {
        sandbox.previews = Rc::new(previews);
    }
    sandbox
}

/// The saved clock, never behind the platform it drives.
pub fn load_clock(sandbox: &Sandbox) -> Clock {
    let mut clock: Clock = storage::load(CLOCK_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    clock.now = clock.now.max(sandbox.platform.now());
    clock
}

/// Saves the sandbox; returns why not, if it could not (the app works on regardless).
pub fn save_sandbox(sandbox: &Sandbox) -> Result<(), String> {
    storage::save(SANDBOX_KEY, &sandbox.to_json())
}

pub fn save_clock(clock: &Clock) -> Result<(), String> {
    storage::save(CLOCK_KEY, &serde_json::to_string(clock).unwrap_or_default())
}

/// Saves the previews (data URLs do not sort by age; a lesson never needs more).
pub fn save_previews(previews: &BTreeMap<String, String>) -> Result<(), String> {
    let kept: BTreeMap<&String, &String> = previews.iter().take(KEPT_PREVIEWS).collect();
    storage::save(
        PREVIEWS_KEY,
        &serde_json::to_string(&kept).unwrap_or_default(),
    )
}

/// Forgets the sandbox and its clock (the reset button).
pub fn forget_sandbox() {
    storage::remove(SANDBOX_KEY);
    storage::remove(CLOCK_KEY);
}

pub fn load_lab(shipped: &[(u16, u16)]) -> Lab {
    let saved: SavedLab = storage::load(LAB_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    Lab::restore(saved, shipped)
}

pub fn save_lab(saved: &SavedLab) -> Result<(), String> {
    storage::save(LAB_KEY, &serde_json::to_string(saved).unwrap_or_default())
}

/// The saved replication, or a new run (a fresh seed from the time) if there is none.
pub fn load_replication(seeds: Vec<ReferenceSeed>) -> Replication {
    storage::load(REPLICATION_KEY)
        .and_then(|text| Replication::from_json(&text, seeds.clone()).ok())
        .unwrap_or_else(|| Replication::new(fresh_seed(), seeds))
}

pub fn save_replication(replication: &Replication) -> Result<(), String> {
    storage::save(REPLICATION_KEY, &replication.to_json())
}

/// A seed for a new run: the time, so each class's run differs unless a seed is given.
pub fn fresh_seed() -> u64 {
    (js_sys::Date::now() as u64) % 1_000_000
}
