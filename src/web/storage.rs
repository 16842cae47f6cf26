//! Saving and loading text in the browser's localStorage.
//!
//! Storage can be missing (a sandboxed iframe has an opaque origin) or full; both are
//! reported, never fatal: the app keeps working without persistence.

use crate::t;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text saved under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    let storage = storage().ok_or_else(|| t!("forge.web.no_storage").into_owned())?;
    storage
        .set_item(key, value)
        .map_err(|_| t!("forge.web.storage_full").into_owned())
}

/// Forgets `key`.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
