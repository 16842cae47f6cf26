//! One of the app's own text files, fetched and read whole.

use crate::t;

/// The text of `path`, beside the app.
pub async fn own_text(path: &str) -> Result<String, String> {
    let blob = super::fetch::own_file(path).await?;
    let text = wasm_bindgen_futures::JsFuture::from(blob.text())
        .await
        .map_err(|_| t!("forge.web.text_unread", path = path).into_owned())?;
    text.as_string()
        .ok_or_else(|| t!("forge.web.not_text", path = path).into_owned())
}
