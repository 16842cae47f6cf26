//! Sending a tray sample: texts go straight into the chat; pictures and the document are
//! loaded from the app's own files and analysed like any file a user drops.

use super::store::SandboxHandle;
use super::work::Work;
use crate::platform::{AccountId, Action, ChatId};
use crate::samples::{Sample, SampleKind};
use crate::scenario::SandboxAction;
use std::rc::Rc;

/// Where the tray's files are served from (copied there by Trunk).
pub fn url(sample: &Sample) -> Option<String> {
    sample.file_name.map(|name| format!("samples/{name}"))
}

/// Sends `sample` from `sender` into `chat`.
pub fn send(
    sample: Sample,
    chat: ChatId,
    sender: AccountId,
    sandbox: &SandboxHandle,
    work: &Rc<Work>,
) {
    match (sample.kind, sample.text, url(&sample)) {
        (SampleKind::Text, Some(text), _) => {
            sandbox.dispatch(SandboxAction::Platform(Action::SendText {
                chat,
                sender,
                text: text.to_string(),
            }))
        }
        (_, _, Some(url)) => {
            let work = work.clone();
            let sandbox = sandbox.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match crate::web::fetch::own_file(&url).await {
                    Ok(blob) => {
                        let name = sample.file_name.unwrap_or(sample.id);
                        work.send_file(&blob, name, sample.mime, chat, sender);
                    }
                    Err(message) => sandbox.dispatch(SandboxAction::Report(message)),
                }
            });
        }
        _ => sandbox.dispatch(SandboxAction::Report(format!(
            "the sample {} has nothing to send",
            sample.id
        ))),
    }
}
