//! The event log: every decision the server makes, with the rule behind it and a sentence
//! a teacher can read out (product F2).

use super::lists::KeywordMatch;
use super::model::{AccountId, ChatId, Feature, MessageId, Millis, Region};
use super::rules::{Rule, RuleCitation};
use crate::filters::Similarity;
use crate::fingerprint::Digest;
use serde::{Deserialize, Serialize};

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the log, from 1.
    pub seq: u64,
    /// Simulated time.
    pub at: Millis,
    pub message: Option<MessageId>,
    pub recipient: Option<AccountId>,
    pub kind: EventKind,
    /// The rule that decided.
    pub rule: Option<RuleCitation>,
    /// For per-recipient decisions: the rule that made filtering apply (or not) to this
    /// recipient.
    pub policy: Option<RuleCitation>,
    /// The list entry involved.
    pub entry: Option<EntryRef>,
    /// A plain English sentence.
    pub text: String,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    AccountCreated {
        account: AccountId,
        region: Region,
    },
    NumberLinked {
        account: AccountId,
        number: String,
    },
    ChatCreated {
        chat: ChatId,
        feature: Feature,
    },
    Sent {
        chat: ChatId,
        sender: AccountId,
    },
    Md5Computed {
        md5: Digest,
        size: u64,
    },
    IndexLookup {
        feature: Feature,
        md5: Digest,
        hit: bool,
    },
    /// The keyword check of a text message (only made when some recipient is filtered).
    TextChecked {
        feature: Feature,
        matched: Option<KeywordMatch>,
    },
    Delivered,
    Dropped,
    AnalysisQueued {
        job: u64,
        due: Millis,
    },
    /// An analysis ran. `job` is `None` for the real-time analysis of a novel picture.
    Analysed {
        job: Option<u64>,
        visual: VisualOutcome,
        text: TextOutcome,
        flagged: bool,
    },
    /// An analysis job found the MD5 already listed, so had nothing to add.
    AnalysisSkipped {
        job: u64,
    },
    HashAdded {
        feature: Feature,
        md5: Digest,
    },
    Recalled,
    ListEdited {
        change: ListChange,
    },
    OptionsChanged {
        changes: Vec<String>,
    },
}

/// A list entry named by an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum EntryRef {
    Hash { feature: Feature, md5: Digest },
    Keyword { id: u32, combination: String },
    Reference { id: u32, name: String },
}

/// What a list edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListChange {
    Added,
    Removed,
    Imported,
}

/// The visual-similarity part of an analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "visual", rename_all = "snake_case")]
pub enum VisualOutcome {
    /// The file is not a picture (or is a text message).
    NotAPicture,
    /// A picture that could not be decoded or was too big: why.
    Unreadable { reason: String },
    /// No reference pictures are listed.
    NoReferences,
    /// The closest reference (a matching one first, then the smallest distance).
    Compared {
        reference: u32,
        name: String,
        similarity: Similarity,
    },
}

impl VisualOutcome {
    /// True when a reference matched.
    pub fn is_match(&self) -> bool {
        matches!(self, Self::Compared { similarity, .. } if similarity.is_match)
    }
}

/// Where analysed text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSource {
    /// Recognised in a picture.
    Ocr,
    /// Read from a text file.
    Document,
    /// A chat text message (surveillance of international text, an option).
    Message,
}

/// The keyword part of an analysis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "text", rename_all = "snake_case")]
pub enum TextOutcome {
    /// No text to check, and why (e.g. "OCR not available").
    NoText { reason: String },
    Checked {
        source: TextSource,
        matched: Option<KeywordMatch>,
    },
}

impl TextOutcome {
    /// The matched entry, if any.
    pub fn matched(&self) -> Option<&KeywordMatch> {
        match self {
            Self::Checked { matched, .. } => matched.as_ref(),
            Self::NoText { .. } => None,
        }
    }
}

/// Builds events; the platform stamps `seq` and `at` when it records them.
pub(crate) struct Draft {
    pub(crate) event: Event,
}

impl Draft {
    pub(crate) fn new(kind: EventKind, text: impl Into<String>) -> Self {
        Self {
            event: Event {
                seq: 0,
                at: 0,
                message: None,
                recipient: None,
                kind,
                rule: None,
                policy: None,
                entry: None,
                text: text.into(),
            },
        }
    }

    pub(crate) fn message(mut self, id: MessageId) -> Self {
        self.event.message = Some(id);
        self
    }

    pub(crate) fn recipient(mut self, id: AccountId) -> Self {
        self.event.recipient = Some(id);
        self
    }

    pub(crate) fn rule(mut self, rule: Rule) -> Self {
        self.event.rule = Some(rule.cite());
        self
    }

    pub(crate) fn policy(mut self, rule: Rule) -> Self {
        self.event.policy = Some(rule.cite());
        self
    }

    pub(crate) fn entry(mut self, entry: EntryRef) -> Self {
        self.event.entry = Some(entry);
        self
    }
}
