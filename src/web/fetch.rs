//! Loading the app's own files (the sample tray) as blobs. Only same-origin paths are
//! ever fetched; the page's policy would refuse anything else.

use crate::t;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The file at `path` (relative to the page) as a Blob.
pub async fn own_file(path: &str) -> Result<web_sys::Blob, String> {
    let fail = |_| t!("forge.web.not_loaded", path = path).into_owned();
    let window = web_sys::window().ok_or_else(|| t!("forge.web.no_window").into_owned())?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(fail)?
        .unchecked_into();
    if !response.ok() {
        return Err(t!(
            "forge.web.not_loaded_status",
            path = path,
            status = response.status()
        )
        .into_owned());
    }
    let blob = JsFuture::from(response.blob().map_err(fail)?)
        .await
        .map_err(fail)?;
    Ok(blob.unchecked_into())
}

/// The bytes of a blob.
pub async fn bytes(blob: &web_sys::Blob) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| t!("forge.web.blob_unread").into_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
