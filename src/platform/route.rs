//! The server's real-time path. A message gets one verdict — is it blocked, and by which
//! rule and list entry — and one routing loop then delivers it or drops it silently for
//! each recipient, depending on whether the filter applies to that recipient.
//!
//! Changing who is censored means changing [`Platform::route`]; changing what is blocked
//! means changing a verdict. The sentences for all of it are in `narrate`.

use super::events::{Draft, EntryRef, EventKind, Trigger};
use super::model::{AccountId, Chat, ChatId, Content, Message, MessageId, Outcome, Region};
use super::rules::Rule;
use super::{ActionError, Event, Platform};
use crate::filters::{FileFacts, FileKind};
use crate::t;

/// Whether the filter applies to one recipient of one message, and the rule that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Exempt(Rule),
    Filtered(Rule),
}

/// Why a message is blocked wherever the filter applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) rule: Rule,
    pub(crate) entry: Option<EntryRef>,
}

/// A message's verdict: the rule that checked it, and what it found, if anything.
struct Verdict {
    checked_by: Rule,
    hit: Option<Hit>,
}

impl Platform {
    /// Who is censored (rules 2–3): the one place that decides.
    pub(crate) fn route(&self, chat: &Chat, sender: AccountId, recipient: AccountId) -> Route {
        let region = |id: AccountId| self.accounts[id.0 as usize].region;
        if region(sender) == Region::China {
            Route::Filtered(Rule::ChinaSenderFilteredForAll)
        } else if region(recipient) == Region::China {
            Route::Filtered(Rule::ChinaRecipientFiltered)
        } else if self.international_only(chat) {
            Route::Exempt(Rule::InternationalOnlyUnfiltered)
        } else if self.options.mixed_group_international_receive {
            Route::Exempt(Rule::MixedGroupInternational)
        } else {
            Route::Filtered(Rule::MixedGroupInternational)
        }
    }

    /// True when no member of the chat is China-registered.
    pub(crate) fn international_only(&self, chat: &Chat) -> bool {
        chat.members
            .iter()
            .all(|m| self.accounts[m.0 as usize].region == Region::International)
    }

    /// True when the filter applies to at least one recipient of a message in `chat`.
    fn filtered_somewhere(&self, chat: &Chat, sender: AccountId) -> bool {
        chat.members
            .iter()
            .filter(|&&m| m != sender)
            .any(|&m| matches!(self.route(chat, sender, m), Route::Filtered(_)))
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

    pub(crate) fn send_text(
        &mut self,
        out: &mut Vec<Event>,
        chat: ChatId,
        sender: AccountId,
        text: String,
    ) -> Result<(), ActionError> {
        let chat = self.check_sender(chat, sender)?;
        if text.trim().is_empty() {
            return Err(ActionError::BadChat(
                t!("platform.errors.empty_message").into_owned(),
            ));
        }
        let id = self.sent(out, &chat, sender);
        let verdict = self.text_verdict(out, id, &chat, sender, &text);
        let outcomes = self.route_to_each(out, id, &chat, sender, &verdict);
        self.store(id, &chat, sender, Content::Text(text), outcomes);
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
        let id = self.sent(out, &chat, sender);
        let (verdict, listed) = self.file_verdict(out, id, &chat, sender, &facts);
        let outcomes = self.route_to_each(out, id, &chat, sender, &verdict);
        self.store(id, &chat, sender, Content::File(Box::new(facts)), outcomes);
        if !listed {
            self.queue_analysis(out, id);
        }
        Ok(())
    }

    /// Records the send and returns the new message's id (the message itself is stored
    /// once its fate is known).
    fn sent(&mut self, out: &mut Vec<Event>, chat: &Chat, sender: AccountId) -> MessageId {
        let id = MessageId(self.messages.len() as u32 + 1);
        let kind = EventKind::Sent {
            chat: chat.id,
            sender,
        };
        self.record(out, Draft::new(kind).message(id));
        id
    }

    fn store(
        &mut self,
        id: MessageId,
        chat: &Chat,
        sender: AccountId,
        content: Content,
        outcomes: Vec<(AccountId, Outcome)>,
    ) {
        self.messages.push(Message {
            id,
            chat: chat.id,
            sender,
            sent_at: self.now,
            content,
            outcomes,
            recalled_at: None,
        });
    }

    /// Text: the keyword list of the chat's feature, checked only when someone is filtered.
    fn text_verdict(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        chat: &Chat,
        sender: AccountId,
        text: &str,
    ) -> Verdict {
        let checked_by = Rule::KeywordCombination;
        if !self.filtered_somewhere(chat, sender) {
            return Verdict {
                checked_by,
                hit: None,
            };
        }
        // Lists are validated on every edit, so the matcher always compiles.
        let matched = self
            .lists
            .find_keyword(text, &[chat.feature])
            .ok()
            .flatten();
        let entry = matched.as_ref().map(|m| EntryRef::Keyword {
            id: m.entry,
            combination: m.combination.clone(),
        });
        let kind = EventKind::TextChecked {
            feature: chat.feature,
            matched,
        };
        let draft = Draft::new(kind).message(id).rule(checked_by);
        self.record(out, draft.entry(entry.clone()));
        Verdict {
            checked_by,
            hit: entry.map(|entry| Hit {
                rule: checked_by,
                entry: Some(entry),
            }),
        }
    }

    /// Files: the MD5 lookup in the chat feature's index, and optionally the real-time
    /// analysis of a novel picture. Also says whether the MD5 was listed (then the file is
    /// not analysed again).
    fn file_verdict(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        chat: &Chat,
        sender: AccountId,
        facts: &FileFacts,
    ) -> (Verdict, bool) {
        let (md5, feature) = (facts.md5, chat.feature);
        let computed = EventKind::Md5Computed {
            md5,
            size: facts.size,
        };
        self.record(
            out,
            Draft::new(computed).message(id).rule(Rule::NewBytesNewMd5),
        );
        let listed = self
            .lists
            .hashes
            .get(feature)
            .get(&md5)
            .map(|e| e.provenance.clone());
        // A platform that refuses collision files (A21) looks at the file's blocks first: what
        // its MD5 index says no longer matters for a file it will not carry.
        if let Some(refused) = self.collision_check(out, id, facts) {
            let verdict = Verdict {
                checked_by: Rule::CollisionRefusal,
                hit: Some(refused),
            };
            return (verdict, listed.is_some());
        }
        let entry = EntryRef::Hash { feature, md5 };
        let hit = listed.is_some().then(|| Hit {
            rule: Rule::Md5Lookup,
            entry: Some(entry.clone()),
        });
        let lookup = Draft::new(EventKind::IndexLookup {
            feature,
            md5,
            listed: listed.clone(),
        })
        .message(id)
        .rule(Rule::Md5Lookup)
        .policy(Rule::SeparateIndexes)
        .entry(hit.as_ref().map(|_| entry));
        self.record(out, lookup);
        let hit = match hit {
            None if facts.kind == FileKind::Image && self.filtered_somewhere(chat, sender) => {
                self.realtime_analysis(out, id, chat, facts)
            }
            hit => hit,
        };
        let verdict = Verdict {
            checked_by: Rule::Md5Lookup,
            hit,
        };
        (verdict, listed.is_some())
    }

    /// The collision detector's verdict, when the option to refuse such files is on (A21):
    /// a file that carries the blocks of a known collision attack is a hit like a listed MD5.
    fn collision_check(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        facts: &FileFacts,
    ) -> Option<Hit> {
        if !self.options.refuse_collision_files {
            return None;
        }
        let blocks: Vec<u64> = facts.collision_blocks.iter().map(|d| d.offset).collect();
        let found = !blocks.is_empty();
        let draft = Draft::new(EventKind::CollisionChecked { blocks })
            .message(id)
            .rule(Rule::CollisionRefusal);
        self.record(out, draft);
        found.then_some(Hit {
            rule: Rule::CollisionRefusal,
            entry: None,
        })
    }

    /// The optional real-time analysis of a novel picture (T8). The Rng is drawn only when
    /// the option is on, so turning it off leaves every other draw unchanged.
    fn realtime_analysis(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        chat: &Chat,
        facts: &FileFacts,
    ) -> Option<Hit> {
        if !self.options.realtime_novel_images {
            return None;
        }
        let roll = self.rng.range(1, 100);
        let percent = self.options.realtime_novel_percent;
        if roll > percent as u64 {
            return None;
        }
        let analysis = self.analyse_file_facts(facts, &self.learn_features(chat.feature));
        let flagged = analysis.flagged;
        let kind = EventKind::Analysed {
            trigger: Trigger::Realtime { roll, percent },
            visual: analysis.visual,
            text: analysis.text,
            flagged,
        };
        let draft = Draft::new(kind).message(id).rule(Rule::RealtimeNovelImage);
        self.record(out, draft);
        flagged.then_some(Hit {
            rule: Rule::RealtimeNovelImage,
            entry: None,
        })
    }

    /// The routing loop: for every recipient, delivered unless the filter applies to them
    /// and the verdict is a hit.
    fn route_to_each(
        &mut self,
        out: &mut Vec<Event>,
        id: MessageId,
        chat: &Chat,
        sender: AccountId,
        verdict: &Verdict,
    ) -> Vec<(AccountId, Outcome)> {
        let recipients: Vec<AccountId> = chat
            .members
            .iter()
            .copied()
            .filter(|&m| m != sender)
            .collect();
        let mut outcomes = Vec::with_capacity(recipients.len());
        for recipient in recipients {
            let (outcome, draft) = match (self.route(chat, sender, recipient), &verdict.hit) {
                (Route::Exempt(why), _) => (
                    Outcome::Delivered,
                    Draft::new(EventKind::Delivered).policy(why),
                ),
                (Route::Filtered(why), Some(hit)) => (
                    Outcome::Dropped,
                    Draft::new(EventKind::Dropped)
                        .rule(hit.rule)
                        .policy(why)
                        .entry(hit.entry.clone()),
                ),
                (Route::Filtered(why), None) => (
                    Outcome::Delivered,
                    Draft::new(EventKind::Delivered)
                        .rule(verdict.checked_by)
                        .policy(why),
                ),
            };
            self.record(out, draft.message(id).recipient(recipient));
            outcomes.push((recipient, outcome));
        }
        outcomes
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
        let analysis_due = self.jobs.iter().find(|j| j.message == id).map(|j| j.due);
        self.messages[id.0 as usize - 1].recalled_at = Some(self.now);
        let mut draft = Draft::new(EventKind::Recalled { analysis_due }).message(id);
        if analysis_due.is_some() {
            draft = draft.rule(Rule::RecalledStillAnalysed);
        }
        self.record(out, draft);
        Ok(())
    }
}
