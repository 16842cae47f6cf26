//! The surveillance queue: every file whose MD5 was not listed is analysed a few simulated
//! seconds after sending (international-only chats and recalled messages included), and
//! the MD5 of a file found sensitive joins the hash index with its provenance
//! (sources §4.1, §6).

use super::events::{Draft, EntryRef, EventKind, TextOutcome, Trigger, VisualOutcome};
use super::model::{Content, Feature, MessageId, Millis};
use super::options::LearnTarget;
use super::rules::Rule;
use super::{ActionError, Event, Platform};
use crate::filters::{
    Detection, FileFacts, FileKind, HashEntry, PdqMatcher, Provenance, TextSource, Verdict,
    VisualMatcher,
};
use serde::{Deserialize, Serialize};

/// An analysis waiting for its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// What flagged the file: a visual match first, then keywords in its text.
    pub(crate) fn detection(&self) -> Option<Detection> {
        if let VisualOutcome::Compared {
            reference,
            name,
            similarity,
        } = &self.visual
            && similarity.is_match
        {
            return Some(Detection::Visual {
                reference: *reference,
                name: name.clone(),
            });
        }
        match &self.text {
            TextOutcome::Checked {
                source,
                matched: Some(m),
            } => Some(Detection::Keywords {
                source: *source,
                entry: m.entry,
                combination: m.combination.clone(),
            }),
            _ => None,
        }
    }
}

/// The rule a detection cites.
fn rule_of(detection: Option<&Detection>) -> Rule {
    match detection {
        Some(Detection::Visual { .. }) => Rule::VisualSimilarity,
        Some(Detection::Keywords {
            source: TextSource::Ocr,
            ..
        }) => Rule::OcrKeywords,
        Some(Detection::Keywords {
            source: TextSource::Message,
            ..
        }) => Rule::InternationalTextAnalysed,
        Some(Detection::Keywords { .. }) => Rule::DocumentText,
        None => Rule::OnlySensitiveLearned,
    }
}

/// The list entry a detection names.
fn entry_of(detection: &Detection) -> EntryRef {
    match detection {
        Detection::Visual { reference, name } => EntryRef::Reference {
            id: *reference,
            name: name.clone(),
        },
        Detection::Keywords {
            entry, combination, ..
        } => EntryRef::Keyword {
            id: *entry,
            combination: combination.clone(),
        },
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
        let range = match &msg.content {
            Content::File(f) if f.kind == FileKind::Image && f.ocr_text.is_some() => {
                self.options.ocr_delay
            }
            Content::File(f) if f.kind == FileKind::Image => self.options.visual_delay,
            Content::File(_) | Content::Text(_) => self.options.document_delay,
        };
        let rule = match (&msg.content, international) {
            (Content::Text(_), _) => Rule::InternationalTextAnalysed,
            (Content::File(_), true) => Rule::InternationalFilesAnalysed,
            (Content::File(_), false) => Rule::Md5Lookup,
        };
        let due = self.now + self.rng.range(range.min_ms, range.max_ms);
        let id = self.next_job;
        self.next_job += 1;
        self.jobs.push(Job { id, message, due });
        let draft = Draft::new(EventKind::AnalysisQueued { job: id, due })
            .message(message)
            .rule(rule)
            .policy(Rule::AnalysisDelay);
        self.record(out, draft);
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
        let message = &self.messages[job.message.0 as usize - 1];
        let chat = &self.chats[message.chat.0 as usize];
        let features = self.learn_features(chat.feature);
        let policy = if message.recalled_at.is_some() {
            Some(Rule::RecalledStillAnalysed)
        } else if self.international_only(chat) {
            Some(Rule::InternationalFilesAnalysed)
        } else {
            None
        };
        let facts = match &message.content {
            Content::Text(text) => {
                let analysis = self.analyse_text(text, &features);
                self.record_analysis(out, &job, analysis, None);
                return;
            }
            Content::File(facts) => facts.clone(),
        };
        let listed_everywhere = features
            .iter()
            .all(|&f| self.lists.hashes.get(f).contains(&facts.md5));
        if listed_everywhere {
            let skipped = Draft::new(EventKind::AnalysisSkipped { job: job.id });
            self.record(out, skipped.message(job.message));
            return;
        }
        let analysis = self.analyse_file_facts(&facts, &features);
        if let Some(detection) = self.record_analysis(out, &job, analysis, policy) {
            self.learn(out, &job, &facts, &features, &detection);
        }
    }

    /// Logs an analysis; returns what flagged it, if anything did.
    fn record_analysis(
        &mut self,
        out: &mut Vec<Event>,
        job: &Job,
        analysis: Analysis,
        policy: Option<Rule>,
    ) -> Option<Detection> {
        let detection = analysis.detection();
        let rule = match &analysis.text {
            // Text surveillance cites its option whatever it found.
            TextOutcome::Checked {
                source: TextSource::Message,
                ..
            } => Rule::InternationalTextAnalysed,
            _ => rule_of(detection.as_ref()),
        };
        let kind = EventKind::Analysed {
            trigger: Trigger::Job { job: job.id },
            visual: analysis.visual,
            text: analysis.text,
            flagged: analysis.flagged,
        };
        let draft = Draft::new(kind)
            .message(job.message)
            .rule(rule)
            .policy(policy)
            .entry(detection.as_ref().map(entry_of));
        self.record(out, draft);
        // Text surveillance only logs: there is no text blacklist to learn into, and the
        // behaviour is unconfirmed.
        detection.filter(|d| {
            !matches!(
                d,
                Detection::Keywords {
                    source: TextSource::Message,
                    ..
                }
            )
        })
    }

    /// Adds a flagged file's MD5 to the indexes of `features` that lack it — unless the
    /// realism setting says this trigger does not take effect. The Rng is drawn only below
    /// 100 %, so a deterministic run draws exactly what it drew before the setting existed.
    fn learn(
        &mut self,
        out: &mut Vec<Event>,
        job: &Job,
        facts: &FileFacts,
        features: &[Feature],
        detection: &Detection,
    ) {
        let percent = self.options.listing_percent;
        if percent < 100 {
            let roll = self.rng.range(1, 100);
            if roll > percent as u64 {
                let draft = Draft::new(EventKind::NotListed { roll, percent })
                    .message(job.message)
                    .rule(Rule::ListingRate);
                return self.record(out, draft);
            }
        }
        let md5 = facts.md5;
        for &feature in features {
            let provenance = Provenance::Learned {
                message: job.message.0 as u64,
                at: self.now,
                by: detection.clone(),
            };
            let entry = HashEntry {
                label: facts.name.clone(),
                provenance,
            };
            if !self.lists.hashes.get_mut(feature).insert(md5, entry) {
                continue;
            }
            let kind = EventKind::HashAdded {
                feature,
                md5,
                by: detection.clone(),
            };
            let draft = Draft::new(kind)
                .message(job.message)
                .rule(Rule::OnlySensitiveLearned)
                .policy(Rule::LearnedHashTarget)
                .entry(EntryRef::Hash { feature, md5 });
            self.record(out, draft);
        }
    }

    /// The optional analysis of text among international accounts.
    fn analyse_text(&self, text: &str, features: &[Feature]) -> Analysis {
        let matched = self.lists.find_keyword(text, features).ok().flatten();
        Analysis {
            visual: VisualOutcome::NotAPicture,
            flagged: matched.is_some(),
            text: TextOutcome::Checked {
                source: TextSource::Message,
                matched,
            },
        }
    }

    /// Checks a file's facts against the reference pictures and the keyword entries of
    /// `features`, as the lists stand now.
    pub(crate) fn analyse_file_facts(&self, facts: &FileFacts, features: &[Feature]) -> Analysis {
        let visual = match (&facts.picture, facts.kind) {
            (Some(picture), _) => self
                .lists
                .references
                .iter()
                .map(|r| {
                    let similarity = if self.options.compare_with_pdq {
                        PdqMatcher::default().compare_kept(r.pdq.as_ref(), picture.pdq.as_ref())
                    } else {
                        self.visual.compare(&r.signature, &picture.signature)
                    };
                    (r, similarity)
                })
                // A match first; then a reference PDQ could not compare, so that a missing
                // signature is said rather than passed over; then the closest.
                .min_by_key(|(r, s)| {
                    let unsigned = matches!(s.verdict, Some(Verdict::PdqMissing { .. }));
                    (!s.is_match, !unsigned, s.distance, r.id)
                })
                .map_or(VisualOutcome::NoReferences, |(r, similarity)| {
                    VisualOutcome::Compared {
                        reference: r.id,
                        name: r.name.clone(),
                        similarity,
                    }
                }),
            // The reasons below are the event's data, in English like the file facts' own
            // (which the page's worker writes); the log shows them as they are.
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
