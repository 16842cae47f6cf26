//! The server's real-time path: who is filtered, the keyword check of text, the MD5
//! lookup of files, delivery or silent drop per recipient, and recall.

use super::events::{Draft, EntryRef, EventKind};
use super::model::{AccountId, Chat, ChatId, Content, Message, MessageId, Outcome, Region};
use super::rules::Rule;
use super::{ActionError, Event, Platform, at};
use crate::filters::{FileFacts, FileKind};

/// Whether filtering applies to one recipient of one message, and the rule that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Filtering {
    Exempt(Rule),
    Applies(Rule),
}

impl Platform {
    /// The per-recipient policy of product §2, rules 2–3.
    pub(crate) fn filtering(
        &self,
        chat: &Chat,
        sender: AccountId,
        recipient: AccountId,
    ) -> Filtering {
        let region = |id: AccountId| self.accounts[id.0 as usize].region;
        if region(sender) == Region::China {
            Filtering::Applies(Rule::ChinaSenderFilteredForAll)
        } else if region(recipient) == Region::China {
            Filtering::Applies(Rule::ChinaRecipientFiltered)
        } else if !self.international_only(chat) {
            if self.options.mixed_group_international_receive {
                Filtering::Exempt(Rule::MixedGroupInternational)
            } else {
                Filtering::Applies(Rule::MixedGroupInternational)
            }
        } else {
            Filtering::Exempt(Rule::InternationalOnlyUnfiltered)
        }
    }

    /// True when no member of the chat is China-registered.
    pub(crate) fn international_only(&self, chat: &Chat) -> bool {
        chat.members
            .iter()
            .all(|m| self.accounts[m.0 as usize].region == Region::International)
    }

    fn check_sender(&self, chat: ChatId, sender: AccountId) -> Result<Chat, ActionError> {
        self.account(sender)?;
        let chat = self.chat(chat)?.clone();
        if !chat.members.contains(&sender) {
            return Err(ActionError::NotAMember {
                account: sender,
                chat: chat.id,
            });
        }
        Ok(chat)
    }

    fn sent(
        &mut self,
        out: &mut Vec<Event>,
        chat: &Chat,
        sender: AccountId,
        what: String,
    ) -> MessageId {
        let id = MessageId(self.messages.len() as u32 + 1);
        let text = format!(
            "{} sent {what} in the {} chat \"{}\" ({id}).",
            self.name(sender),
            chat.feature,
            chat.name
        );
        self.record(
            out,
            Draft::new(
                EventKind::Sent {
                    chat: chat.id,
                    sender,
                },
                text,
            )
            .message(id),
        );
        id
    }

    fn recipients(&self, chat: &Chat, sender: AccountId) -> Vec<(AccountId, Filtering)> {
        chat.members
            .iter()
            .filter(|&&m| m != sender)
            .map(|&m| (m, self.filtering(chat, sender, m)))
            .collect()
    }

    /// Records a delivery that no filter looked at.
    fn exempt(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        recipient: AccountId,
        rule: Rule,
    ) -> Outcome {
        let why = match rule {
            Rule::MixedGroupInternational => {
                "an international sender to an international member of a mixed group (the \
                 toggle says such members still receive filtered items; not confirmed)"
            }
            _ => "chats among international accounts only are never filtered",
        };
        let text = format!("Delivered to {}: {why}.", self.name(recipient));
        self.record(
            out,
            Draft::new(EventKind::Delivered, text)
                .message(id)
                .recipient(recipient)
                .policy(rule),
        );
        Outcome::Delivered
    }

    fn policy_reason(&self, rule: Rule) -> &'static str {
        match rule {
            Rule::ChinaSenderFilteredForAll => {
                "the sender is China-registered, so nobody receives it"
            }
            Rule::ChinaRecipientFiltered => "the recipient is China-registered",
            _ => {
                "the mixed-group toggle withholds it from international members too (not confirmed)"
            }
        }
    }

    pub(crate) fn send_text(
        &mut self,
        out: &mut Vec<Event>,
        chat: ChatId,
        sender: AccountId,
        text: String,
    ) -> Result<(), ActionError> {
        let chat = self.check_sender(chat, sender)?;
        if text.trim().is_empty() {
            return Err(ActionError::BadChat("an empty message is not sent".into()));
        }
        let content = Content::Text(text.clone());
        let id = self.sent(out, &chat, sender, content.describe());
        let recipients = self.recipients(&chat, sender);
        let filtered = recipients
            .iter()
            .any(|(_, f)| matches!(f, Filtering::Applies(_)));
        let mut matched = None;
        if filtered {
            // Lists are validated on every edit, so the matcher always compiles.
            matched = self
                .lists
                .find_keyword(&text, &[chat.feature])
                .ok()
                .flatten();
            let (sentence, entry) = match &matched {
                Some(m) => {
                    let found: Vec<String> = m
                        .parts
                        .iter()
                        .map(|p| format!("{} at byte {}", p.part, p.start))
                        .collect();
                    (
                        format!(
                            "The server checked the text against the {} keyword list: every part of \
                             {} occurs in it ({}).",
                            chat.feature,
                            m.combination,
                            found.join(", ")
                        ),
                        Some(EntryRef::Keyword {
                            id: m.entry,
                            combination: m.combination.clone(),
                        }),
                    )
                }
                None => (
                    format!(
                        "The server checked the text against the {} keyword list: no blacklisted \
                         combination is complete in it.",
                        chat.feature
                    ),
                    None,
                ),
            };
            let mut draft = Draft::new(
                EventKind::TextChecked {
                    feature: chat.feature,
                    matched: matched.clone(),
                },
                sentence,
            )
            .message(id)
            .rule(Rule::KeywordCombination);
            if let Some(entry) = entry {
                draft = draft.entry(entry);
            }
            self.record(out, draft);
        }
        let mut outcomes = Vec::new();
        for (recipient, filtering) in recipients {
            let outcome = match (filtering, &matched) {
                (Filtering::Exempt(rule), _) => self.exempt(out, id, recipient, rule),
                (Filtering::Applies(rule), Some(m)) => {
                    let text = format!(
                        "Dropped silently for {}: {}, and the text contains {}. The sender still \
                         sees it as sent; the recipient sees nothing.",
                        self.name(recipient),
                        self.policy_reason(rule),
                        m.combination
                    );
                    let entry = EntryRef::Keyword {
                        id: m.entry,
                        combination: m.combination.clone(),
                    };
                    self.record(
                        out,
                        Draft::new(EventKind::Dropped, text)
                            .message(id)
                            .recipient(recipient)
                            .rule(Rule::KeywordCombination)
                            .policy(rule)
                            .entry(entry),
                    );
                    Outcome::Dropped
                }
                (Filtering::Applies(rule), None) => {
                    let text = format!(
                        "Delivered to {}: filtered ({}), but no blacklisted combination was found.",
                        self.name(recipient),
                        self.policy_reason(rule)
                    );
                    self.record(
                        out,
                        Draft::new(EventKind::Delivered, text)
                            .message(id)
                            .recipient(recipient)
                            .rule(Rule::KeywordCombination)
                            .policy(rule),
                    );
                    Outcome::Delivered
                }
            };
            outcomes.push((recipient, outcome));
        }
        self.messages.push(Message {
            id,
            chat: chat.id,
            sender,
            sent_at: self.now,
            content,
            outcomes,
            recalled_at: None,
        });
        if self.options.analyse_international_text && self.international_only(&chat) {
            self.queue_analysis(out, id);
        }
        Ok(())
    }

    pub(crate) fn send_file(
        &mut self,
        out: &mut Vec<Event>,
        chat: ChatId,
        sender: AccountId,
        facts: FileFacts,
    ) -> Result<(), ActionError> {
        let chat = self.check_sender(chat, sender)?;
        let md5 = facts.md5;
        let id = self.sent(out, &chat, sender, format!("the file \"{}\"", facts.name));
        let text = format!(
            "The server computed the MD5 of \"{}\" ({} bytes): {md5}. Any change of bytes would \
             give a different MD5.",
            facts.name, facts.size
        );
        self.record(
            out,
            Draft::new(
                EventKind::Md5Computed {
                    md5,
                    size: facts.size,
                },
                text,
            )
            .message(id)
            .rule(Rule::NewBytesNewMd5),
        );

        let feature = chat.feature;
        let listed = self
            .lists
            .hashes
            .get(feature)
            .get(&md5)
            .map(|e| e.provenance.describe());
        let hash_ref = EntryRef::Hash { feature, md5 };
        let text = match &listed {
            Some(origin) => format!(
                "MD5 found in the {feature} hash index, {origin}. The file is dropped in real \
                 time for every filtered recipient and is not analysed again."
            ),
            None => format!(
                "MD5 not in the {feature} hash index: the file is delivered and queued for analysis."
            ),
        };
        let mut draft = Draft::new(
            EventKind::IndexLookup {
                feature,
                md5,
                hit: listed.is_some(),
            },
            text,
        )
        .message(id)
        .rule(Rule::Md5Lookup)
        .policy(Rule::SeparateIndexes);
        if listed.is_some() {
            draft = draft.entry(hash_ref.clone());
        }
        self.record(out, draft);

        let recipients = self.recipients(&chat, sender);
        let filtered = recipients
            .iter()
            .any(|(_, f)| matches!(f, Filtering::Applies(_)));
        let realtime_hit = listed.is_none()
            && filtered
            && facts.kind == FileKind::Image
            && self.realtime_analysis(out, id, &chat, &facts);

        let mut outcomes = Vec::new();
        for (recipient, filtering) in recipients {
            let outcome = match filtering {
                Filtering::Exempt(rule) => self.exempt(out, id, recipient, rule),
                Filtering::Applies(rule) if listed.is_some() || realtime_hit => {
                    let (because, fired) = if listed.is_some() {
                        ("its MD5 is listed", Rule::Md5Lookup)
                    } else {
                        (
                            "the real-time analysis of this novel picture found it sensitive",
                            Rule::RealtimeNovelImage,
                        )
                    };
                    let text = format!(
                        "Dropped silently for {}: {}, and {because}. The sender still sees it as \
                         sent; the recipient sees nothing.",
                        self.name(recipient),
                        self.policy_reason(rule)
                    );
                    let mut draft = Draft::new(EventKind::Dropped, text)
                        .message(id)
                        .recipient(recipient)
                        .rule(fired)
                        .policy(rule);
                    if listed.is_some() {
                        draft = draft.entry(hash_ref.clone());
                    }
                    self.record(out, draft);
                    Outcome::Dropped
                }
                Filtering::Applies(rule) => {
                    let text = format!(
                        "Delivered to {}: filtered ({}), but its MD5 is not listed yet.",
                        self.name(recipient),
                        self.policy_reason(rule)
                    );
                    self.record(
                        out,
                        Draft::new(EventKind::Delivered, text)
                            .message(id)
                            .recipient(recipient)
                            .rule(Rule::Md5Lookup)
                            .policy(rule),
                    );
                    Outcome::Delivered
                }
            };
            outcomes.push((recipient, outcome));
        }
        let content = Content::File(Box::new(facts));
        self.messages.push(Message {
            id,
            chat: chat.id,
            sender,
            sent_at: self.now,
            content,
            outcomes,
            recalled_at: None,
        });
        if listed.is_none() {
            self.queue_analysis(out, id);
        }
        Ok(())
    }

    /// The optional real-time analysis of a novel picture (T8). Returns true when it
    /// found the picture sensitive. The Rng is drawn only when the option is on, so
    /// turning it off leaves every other draw unchanged.
    fn realtime_analysis(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        chat: &Chat,
        facts: &FileFacts,
    ) -> bool {
        if !self.options.realtime_novel_images {
            return false;
        }
        let roll = self.rng.range(1, 100);
        if roll > self.options.realtime_novel_percent as u64 {
            return false;
        }
        let analysis = self.analyse_file_facts(facts, &self.learn_features(chat.feature));
        let text = format!(
            "Real-time analysis of novel picture \"{}\" (drawn {roll} ≤ {} %): {}",
            facts.name,
            self.options.realtime_novel_percent,
            analysis.sentence()
        );
        let flagged = analysis.flagged;
        let draft = Draft::new(
            EventKind::Analysed {
                job: None,
                visual: analysis.visual,
                text: analysis.text,
                flagged,
            },
            text,
        )
        .message(id)
        .rule(Rule::RealtimeNovelImage);
        self.record(out, draft);
        flagged
    }

    pub(crate) fn recall(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        by: AccountId,
    ) -> Result<(), ActionError> {
        let message = self.message(id)?;
        if message.sender != by {
            return Err(ActionError::NotTheSender {
                message: id,
                account: by,
            });
        }
        if message.recalled_at.is_some() {
            return Err(ActionError::AlreadyRecalled(id));
        }
        let pending = self.jobs.iter().find(|j| j.message == id).map(|j| j.due);
        self.messages[id.0 as usize - 1].recalled_at = Some(self.now);
        let mut draft = match pending {
            Some(due) => Draft::new(
                EventKind::Recalled,
                format!(
                    "{} recalled {id}. It disappears from the chat, but the server keeps its copy: \
                     the analysis due at {} still runs.",
                    self.name(by),
                    at(due)
                ),
            )
            .rule(Rule::RecalledStillAnalysed),
            None => Draft::new(
                EventKind::Recalled,
                format!(
                    "{} recalled {id}. It disappears from the chat.",
                    self.name(by)
                ),
            ),
        };
        draft = draft.message(id);
        self.record(out, draft);
        Ok(())
    }
}
