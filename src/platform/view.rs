//! What one account sees on its phone: its chats, and in each only the messages it sent
//! or that were delivered to it. A dropped item leaves no trace for its recipient, and the
//! sender's copy always reads "sent" (sources §2).

use super::model::{AccountId, ChatId, Content, Feature, MessageId, Millis, Outcome, Region};
use super::{ActionError, Platform};
use crate::filters::FileKind;
use crate::fingerprint::Digest;
use serde::{Deserialize, Serialize};

/// One account's phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub account: AccountId,
    pub name: String,
    pub region: Region,
    /// The number linked now.
    pub number: String,
    pub chats: Vec<ChatView>,
}

/// A chat as a member sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatView {
    pub chat: ChatId,
    pub name: String,
    pub feature: Feature,
    /// Members with their names.
    pub members: Vec<(AccountId, String)>,
    pub messages: Vec<MessageView>,
}

/// How a message shows on this phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageStatus {
    /// Sent by this account (whatever happened to it).
    Sent,
    /// Received by this account.
    Received,
    /// Withdrawn by its sender: shown as a notice, without content.
    Recalled,
}

/// What a visible message shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewContent {
    Text(String),
    File {
        name: String,
        size: u64,
        md5: Digest,
        kind: FileKind,
    },
}

/// A message on this phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub message: MessageId,
    pub sender: AccountId,
    pub sender_name: String,
    pub at: Millis,
    pub mine: bool,
    pub status: MessageStatus,
    /// `None` once recalled.
    pub content: Option<ViewContent>,
}

impl Platform {
    /// What `account` sees.
    pub fn view(&self, account: AccountId) -> Result<AccountView, ActionError> {
        let me = self.account(account)?;
        let chats = self
            .chats
            .iter()
            .filter(|c| c.members.contains(&account))
            .map(|chat| ChatView {
                chat: chat.id,
                name: chat.name.clone(),
                feature: chat.feature,
                members: chat
                    .members
                    .iter()
                    .map(|&m| (m, self.name(m).to_string()))
                    .collect(),
                messages: self
                    .messages
                    .iter()
                    .filter(|m| m.chat == chat.id)
                    .filter(|m| {
                        m.sender == account || m.outcomes.contains(&(account, Outcome::Delivered))
                    })
                    .map(|m| {
                        let mine = m.sender == account;
                        let status = match (m.recalled_at, mine) {
                            (Some(_), _) => MessageStatus::Recalled,
                            (None, true) => MessageStatus::Sent,
                            (None, false) => MessageStatus::Received,
                        };
                        let content = m.recalled_at.is_none().then(|| match &m.content {
                            Content::Text(t) => ViewContent::Text(t.clone()),
                            Content::File(f) => ViewContent::File {
                                name: f.name.clone(),
                                size: f.size,
                                md5: f.md5,
                                kind: f.kind,
                            },
                        });
                        MessageView {
                            message: m.id,
                            sender: m.sender,
                            sender_name: self.name(m.sender).to_string(),
                            at: m.sent_at,
                            mine,
                            status,
                            content,
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(AccountView {
            account,
            name: me.name.clone(),
            region: me.region,
            number: me.current_number.to_string(),
            chats,
        })
    }
}
