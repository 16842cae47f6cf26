//! Keeping files across a reload: the lab's chosen pictures and its last pair, in IndexedDB
//! (localStorage holds only a few megabytes of text). Everything stays in this browser.
//!
//! Storage can be missing (a sandboxed iframe, a private window) or full; then these calls
//! fail with a message and the app simply forgets on reload.

use crate::t;
use futures_channel::oneshot;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "hashwall";
const STORE: &str = "files";

/// Waits for an IndexedDB request to succeed or fail.
async fn settle(request: &IdbRequest) -> Result<JsValue, String> {
    let (tx, rx) = oneshot::channel::<Result<(), String>>();
    let tx = std::rc::Rc::new(std::cell::RefCell::new(Some(tx)));
    let on_success = {
        let tx = tx.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(Ok(()));
            }
        })
    };
    let on_error = Closure::<dyn FnMut()>::new(move || {
        if let Some(tx) = tx.borrow_mut().take() {
            let _ = tx.send(Err(t!("forge.web.store_refused").into_owned()));
        }
    });
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let outcome = rx
        .await
        .unwrap_or_else(|_| Err(t!("forge.web.store_gone").into_owned()));
    request.set_onsuccess(None);
    request.set_onerror(None);
    outcome?;
    request
        .result()
        .map_err(|_| t!("forge.web.store_no_result").into_owned())
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| t!("forge.web.no_indexeddb").into_owned())?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(DATABASE, 1)
        .map_err(|_| t!("forge.web.cannot_keep").into_owned())?;
    let on_upgrade = {
        let request = request.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                let _ = db.create_object_store(STORE);
            }
        })
    };
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = settle(&request).await;
    request.set_onupgradeneeded(None);
    db?.dyn_into::<IdbDatabase>()
        .map_err(|_| t!("forge.web.no_database").into_owned())
}

async fn with_store<F>(mode: IdbTransactionMode, act: F) -> Result<JsValue, String>
where
    F: FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
{
    let db = open().await?;
    let store = db
        .transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE))
        .map_err(|_| t!("forge.web.no_transaction").into_owned())?;
    let request = act(&store).map_err(|_| t!("forge.web.request_refused").into_owned())?;
    let result = settle(&request).await;
    db.close();
    result
}

/// Keeps `value` (a Blob, bytes, or a plain object of them) under `key`.
pub async fn put(key: &str, value: &JsValue) -> Result<(), String> {
    let key = JsValue::from_str(key);
    with_store(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(value, &key)
    })
    .await
    .map(drop)
}

/// What was kept under `key`, if anything.
pub async fn get(key: &str) -> Result<Option<JsValue>, String> {
    let key = JsValue::from_str(key);
    let value = with_store(IdbTransactionMode::Readonly, |s| s.get(&key)).await?;
    Ok((!value.is_undefined()).then_some(value))
}

/// Forgets `key`.
pub async fn remove(key: &str) -> Result<(), String> {
    let key = JsValue::from_str(key);
    with_store(IdbTransactionMode::Readwrite, |s| s.delete(&key))
        .await
        .map(drop)
}
