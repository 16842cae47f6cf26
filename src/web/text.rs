//! One of the app's own text files, fetched and read whole.

/// The text of `path`, beside the app.
pub async fn own_text(path: &str) -> Result<String, String> {
    let blob = super::fetch::own_file(path).await?;
    let text = wasm_bindgen_futures::JsFuture::from(blob.text())
        .await
        .map_err(|_| format!("{path} could not be read"))?;
    text.as_string().ok_or(format!("{path} is not text"))
}
