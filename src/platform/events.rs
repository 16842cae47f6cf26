//! The event log: every decision the server makes, as data, with the rule behind it.
//! Sentences are written from events by [`super::narrate`], in one place.

use super::lists::KeywordMatch;
use super::model::{AccountId, ChatId, Feature, MessageId, Millis, Region};
use super::options::OptionChange;
use super::rules::Rule;
use crate::filters::{Detection, Provenance, Similarity, TextSource};
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
    pub rule: Option<Rule>,
    /// For per-recipient decisions: the rule that made filtering apply (or not) to this
    /// recipient.
    pub policy: Option<Rule>,
    /// The list entry involved.
    pub entry: Option<EntryRef>,
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
    /// The real-time MD5 lookup; `listed` is the entry's provenance on a hit.
    IndexLookup {
        feature: Feature,
        md5: Digest,
        listed: Option<Provenance>,
    },
    /// The collision detector's check of a file (made when the option to refuse such files
    /// is on): the offsets of the collision blocks it found.
    CollisionChecked {
        blocks: Vec<u64>,
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
    /// An analysis ran.
    Analysed {
        trigger: Trigger,
        visual: VisualOutcome,
        text: TextOutcome,
        flagged: bool,
    },
    /// An analysis job found the MD5 already listed, so had nothing to add.
    AnalysisSkipped {
        job: u64,
    },
    /// A learned MD5 joined an index, because of what the analysis detected.
    HashAdded {
        feature: Feature,
        md5: Digest,
        by: Detection,
    },
    /// The analysis flagged the file, but its MD5 was not listed this time: `roll` (1–100)
    /// was drawn above the realism setting's `percent`.
    NotListed {
        roll: u64,
        percent: u8,
    },
    /// The sender withdrew the message; an analysis still due runs anyway.
    Recalled {
        analysis_due: Option<Millis>,
    },
    ListEdited {
        change: ListChange,
    },
    OptionsChanged {
        changes: Vec<OptionChange>,
    },
}

/// What started an analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "trigger", rename_all = "snake_case")]
pub enum Trigger {
    /// A queued job fell due.
    Job { job: u64 },
    /// The real-time analysis of a novel picture: `roll` (1–100) was drawn against the
    /// option's `percent`.
    Realtime { roll: u64, percent: u8 },
}

/// A list entry named by an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum EntryRef {
    Hash { feature: Feature, md5: Digest },
    Keyword { id: u32, combination: String },
    Reference { id: u32, name: String },
}

/// What a list edit did (the event's entry says to which entry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ListChange {
    /// An MD5 added by hand.
    AddedHash,
    /// A keyword entry added by hand for these chat features.
    AddedKeyword {
        features: Vec<Feature>,
    },
    /// A reference picture added by hand; `usable` is false when it is too featureless for
    /// the matcher (its quality below `min_quality`).
    AddedReference {
        quality: u8,
        min_quality: u8,
        usable: bool,
    },
    Removed,
    /// Every list replaced, with these sizes.
    Imported {
        one_to_one: usize,
        group: usize,
        keywords: usize,
        references: usize,
    },
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
    /// The closest reference (a matching one first, then one PDQ could not compare for want
    /// of a signature, then the smallest distance).
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

/// The keyword part of an analysis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "text", rename_all = "snake_case")]
pub enum TextOutcome {
    /// No text to check, and why (e.g. "OCR was not run on this picture").
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
    pub(crate) fn new(kind: EventKind) -> Self {
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
        self.event.rule = Some(rule);
        self
    }

    pub(crate) fn policy(mut self, rule: impl Into<Option<Rule>>) -> Self {
        self.event.policy = rule.into();
        self
    }

    pub(crate) fn entry(mut self, entry: impl Into<Option<EntryRef>>) -> Self {
        self.event.entry = entry.into();
        self
    }
}
