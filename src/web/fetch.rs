//! Loading the app's own files (the sample tray) as blobs. Only same-origin paths are
//! ever fetched; the page's policy would refuse anything else.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The file at `path` (relative to the page) as a Blob.
pub async fn own_file(path: &str) -> Result<web_sys::Blob, String> {
    let fail = |_| format!("{path} could not be loaded");
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(fail)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "{path} could not be loaded ({})",
            response.status()
        ));
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
        .map_err(|_| "a file could not be read".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
