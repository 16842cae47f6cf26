//! The surveillance queue: every file whose MD5 was not listed is analysed a few simulated
//! seconds after sending (international-only chats and recalled messages included), and
//! the MD5 of a file found sensitive joins the hash index with its provenance
//! (wechat-facts §4.1, §6).

use super::events::{Draft, EntryRef, EventKind, TextOutcome, TextSource, VisualOutcome};
use super::model::{Content, Feature, MessageId, Millis};
use super::options::LearnTarget;
use super::rules::Rule;
use super::{ActionError, Event, Platform, at};
use crate::filters::{FileFacts, FileKind, HashEntry, Provenance, VisualMatcher};
use serde::{Deserialize, Serialize};

/// An analysis waiting for its time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: u64,
    pub message: MessageId,
    pub due: Millis,
}

/// The result of analysing one file against the lists as they are now.
pub(crate) struct Analysis {
    pub(crate) visual: VisualOutcome,
    pub(crate) text: TextOutcome,
    pub(crate) flagged: bool,
}

impl Analysis {
    /// "Visual: …; text: …. Found sensitive." for the log.
    pub(crate) fn sentence(&self) -> String {
        let visual = match &self.visual {
            VisualOutcome::NotAPicture => "not a picture".to_string(),
            VisualOutcome::Unreadable { reason } => {
                format!("the picture could not be read ({reason})")
            }
            VisualOutcome::NoReferences => "no reference pictures are listed".to_string(),
            VisualOutcome::Compared {
                reference,
                name,
                similarity,
            } => {
                format!(
                    "closest reference #{reference} \"{name}\", {}",
                    similarity.explanation
                )
            }
        };
        let text = match &self.text {
            TextOutcome::NoText { reason } => format!("no text to check ({reason})"),
            TextOutcome::Checked { source, matched } => {
                let what = match source {
                    TextSource::Ocr => "the text read in the picture",
                    TextSource::Document => "the document's text",
                    TextSource::Message => "the message",
                };
                match matched {
                    Some(m) => format!("{what} contains every part of {}", m.combination),
                    None => format!("{what} contains no blacklisted combination"),
                }
            }
        };
        let verdict = if self.flagged {
            "Found sensitive."
        } else {
            "Not found sensitive, so its MD5 is not added (only files found sensitive are)."
        };
        format!("visual: {visual}; text: {text}. {verdict}")
    }
}

impl Platform {
    /// The features whose lists an analysis checks and whose indexes learn its MD5.
    pub(crate) fn learn_features(&self, chat_feature: Feature) -> Vec<Feature> {
        match self.options.learned_hash_target {
            LearnTarget::AllFeatures => Feature::ALL.to_vec(),
            LearnTarget::ChatFeature => vec![chat_feature],
        }
    }

    /// Queues the analysis of a message, with a delay drawn from the options.
    pub(crate) fn queue_analysis(&mut self, out: &mut Vec<Event>, message: MessageId) {
        let msg = &self.messages[message.0 as usize - 1];
        let international = self.international_only(&self.chats[msg.chat.0 as usize]);
        let (range, what) = match &msg.content {
            Content::File(f) if f.kind == FileKind::Image && f.ocr_text.is_some() => {
                (self.options.ocr_delay, "picture with text (OCR)")
            }
            Content::File(f) if f.kind == FileKind::Image => (self.options.visual_delay, "picture"),
            Content::File(_) => (self.options.document_delay, "document"),
            Content::Text(_) => (self.options.document_delay, "text message"),
        };
        let delay = self.rng.range(range.min_ms, range.max_ms);
        let due = self.now + delay;
        let id = self.next_job;
        self.next_job += 1;
        self.jobs.push(Job { id, message, due });
        let (rule, why) = match (&msg.content, international) {
            (Content::Text(_), _) => (
                Rule::InternationalTextAnalysed,
                "text among international accounts is analysed because the (unconfirmed) option is on",
            ),
            (Content::File(_), true) => (
                Rule::InternationalFilesAnalysed,
                "files among international accounts only are analysed too, though never filtered",
            ),
            (Content::File(_), false) => (
                Rule::Md5Lookup,
                "every file with an unlisted MD5 is analysed",
            ),
        };
        let text = format!(
            "Analysis of the {what} queued: {why}. Due at {} ({:.1} s later; delays are a setting).",
            at(due),
            delay as f64 / 1000.0
        );
        self.record(
            out,
            Draft::new(EventKind::AnalysisQueued { job: id, due }, text)
                .message(message)
                .rule(rule)
                .policy(Rule::AnalysisDelay),
        );
    }

    /// Moves the clock forward by `ms`, running due jobs in time order at their own times.
    pub(crate) fn advance(&mut self, out: &mut Vec<Event>, ms: u64) -> Result<(), ActionError> {
        let target = self.now.checked_add(ms).ok_or(ActionError::ClockOverflow)?;
        while let Some(next) = self
            .jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| j.due <= target)
            .min_by_key(|(_, j)| (j.due, j.id))
            .map(|(i, _)| i)
        {
            let job = self.jobs.remove(next);
            self.now = job.due;
            self.run_job(out, job);
        }
        self.now = target;
        Ok(())
    }

    fn run_job(&mut self, out: &mut Vec<Event>, job: Job) {
        let message = self.messages[job.message.0 as usize - 1].clone();
        let chat = self.chats[message.chat.0 as usize].clone();
        let features = self.learn_features(chat.feature);
        let policy = if message.recalled_at.is_some() {
            Some(Rule::RecalledStillAnalysed)
        } else if self.international_only(&chat) {
            Some(Rule::InternationalFilesAnalysed)
        } else {
            None
        };
        let facts = match &message.content {
            Content::Text(text) => {
                self.surveil_text(out, &job, text, &features);
                return;
            }
            Content::File(facts) => facts,
        };
        if features
            .iter()
            .all(|&f| self.lists.hashes.get(f).contains(&facts.md5))
        {
            let text = format!(
                "Analysis of {} (\"{}\") skipped: its MD5 was listed meanwhile, so there is nothing to add.",
                job.message, facts.name
            );
            self.record(
                out,
                Draft::new(EventKind::AnalysisSkipped { job: job.id }, text).message(job.message),
            );
            return;
        }
        let analysis = self.analyse_file_facts(facts, &features);
        let (rule, entry, why) = if let VisualOutcome::Compared {
            reference,
            name,
            similarity,
        } = &analysis.visual
            && similarity.is_match
        {
            let entry = EntryRef::Reference {
                id: *reference,
                name: name.clone(),
            };
            (
                Rule::VisualSimilarity,
                Some(entry),
                (
                    "visual similarity",
                    format!("reference #{reference} \"{name}\""),
                ),
            )
        } else if let Some(m) = analysis.text.matched() {
            let rule = if facts.kind == FileKind::Image {
                Rule::OcrKeywords
            } else {
                Rule::DocumentText
            };
            let entry = EntryRef::Keyword {
                id: m.entry,
                combination: m.combination.clone(),
            };
            let how = if rule == Rule::OcrKeywords {
                "OCR text"
            } else {
                "document text"
            };
            (
                rule,
                Some(entry),
                (how, format!("keywords {}", m.combination)),
            )
        } else {
            (Rule::OnlySensitiveLearned, None, ("", String::new()))
        };
        let recalled = if message.recalled_at.is_some() {
            " (recalled, but still analysed)"
        } else {
            ""
        };
        let text = format!(
            "Analysis of {} (\"{}\"){recalled}: {}",
            job.message,
            facts.name,
            analysis.sentence()
        );
        let mut draft = Draft::new(
            EventKind::Analysed {
                job: Some(job.id),
                visual: analysis.visual,
                text: analysis.text,
                flagged: analysis.flagged,
            },
            text,
        )
        .message(job.message)
        .rule(rule);
        if let Some(policy) = policy {
            draft = draft.policy(policy);
        }
        if let Some(entry) = entry {
            draft = draft.entry(entry);
        }
        self.record(out, draft);
        if !analysis.flagged {
            return;
        }
        let (how, matched) = why;
        for feature in features {
            let provenance = Provenance::Learned {
                message: job.message.0 as u64,
                at: self.now,
                rule: how.to_string(),
                matched: matched.clone(),
            };
            let origin = provenance.describe();
            let added = self.lists.hashes.get_mut(feature).insert(
                facts.md5,
                HashEntry {
                    label: facts.name.clone(),
                    provenance,
                },
            );
            if !added {
                continue;
            }
            let text = format!(
                "MD5 {} added to the {feature} hash index, {origin}. From now on this exact file \
                 is dropped in real time for China-registered accounts in {feature} chats.",
                facts.md5
            );
            self.record(
                out,
                Draft::new(
                    EventKind::HashAdded {
                        feature,
                        md5: facts.md5,
                    },
                    text,
                )
                .message(job.message)
                .rule(Rule::OnlySensitiveLearned)
                .policy(Rule::LearnedHashTarget)
                .entry(EntryRef::Hash {
                    feature,
                    md5: facts.md5,
                }),
            );
        }
    }

    /// The optional analysis of text among international accounts: logged, never learned
    /// (there is no text blacklist to learn into, and the behaviour is unconfirmed).
    fn surveil_text(&mut self, out: &mut Vec<Event>, job: &Job, text: &str, features: &[Feature]) {
        let matched = self.lists.find_keyword(text, features).ok().flatten();
        let flagged = matched.is_some();
        let sentence = match &matched {
            Some(m) => format!(
                "Surveillance of {} (an unconfirmed option): the text contains every part of {}. \
                 Nothing is added: WeChat's text surveillance is not established and there is no \
                 text blacklist to learn into.",
                job.message, m.combination
            ),
            None => format!(
                "Surveillance of {} (an unconfirmed option): no blacklisted combination in the text.",
                job.message
            ),
        };
        let entry = matched.as_ref().map(|m| EntryRef::Keyword {
            id: m.entry,
            combination: m.combination.clone(),
        });
        let mut draft = Draft::new(
            EventKind::Analysed {
                job: Some(job.id),
                visual: VisualOutcome::NotAPicture,
                text: TextOutcome::Checked {
                    source: TextSource::Message,
                    matched,
                },
                flagged,
            },
            sentence,
        )
        .message(job.message)
        .rule(Rule::InternationalTextAnalysed);
        if let Some(entry) = entry {
            draft = draft.entry(entry);
        }
        self.record(out, draft);
    }

    /// Checks a file's facts against the reference pictures and the keyword entries of
    /// `features`, as the lists stand now.
    pub(crate) fn analyse_file_facts(&self, facts: &FileFacts, features: &[Feature]) -> Analysis {
        let visual = match (&facts.picture, facts.kind) {
            (Some(picture), _) if !self.lists.references.is_empty() => {
                let best = self
                    .lists
                    .references
                    .iter()
                    .map(|r| (r, self.visual.compare(&r.signature, &picture.signature)))
                    .min_by_key(|(r, s)| (!s.is_match, s.distance, r.id));
                match best {
                    Some((r, similarity)) => VisualOutcome::Compared {
                        reference: r.id,
                        name: r.name.clone(),
                        similarity,
                    },
                    None => VisualOutcome::NoReferences,
                }
            }
            (Some(_), _) => VisualOutcome::NoReferences,
            (None, FileKind::Image) => VisualOutcome::Unreadable {
                reason: facts
                    .problem
                    .as_ref()
                    .map_or("it was not decoded".into(), |p| p.to_string()),
            },
            (None, _) => VisualOutcome::NotAPicture,
        };
        let check = |text: &str, source| TextOutcome::Checked {
            source,
            matched: self.lists.find_keyword(text, features).ok().flatten(),
        };
        let text = if let Some(ocr) = &facts.ocr_text {
            check(ocr, TextSource::Ocr)
        } else if let Some(doc) = &facts.text {
            check(doc, TextSource::Document)
        } else {
            let reason = facts
                .ocr_note
                .clone()
                .or_else(|| facts.problem.as_ref().map(|p| p.to_string()))
                .unwrap_or_else(|| "no text found".into());
            TextOutcome::NoText { reason }
        };
        let flagged = visual.is_match() || text.matched().is_some();
        Analysis {
            visual,
            text,
            flagged,
        }
    }
}
