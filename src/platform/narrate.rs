//! Sentences about what the platform did, written from its structured events: the one place
//! where the log's words live (the decisions are in `route` and `surveillance`). Each takes
//! the platform as it is now, which is enough: accounts, chats and messages are never
//! removed, and everything that can change later (a list entry's origin, an option) is
//! carried by the event itself.
//!
//! Sentences are written when shown, in the current language (`locales/*/narrate.*.yml`), so
//! a log says itself again in the other language after a switch. The few words an event
//! carries as text (the reason a picture was unreadable, a similarity's explanation) are
//! written again from the message's facts or the verdict where these exist.

use super::Platform;
use super::events::{EntryRef, Event, EventKind, ListChange, TextOutcome, Trigger, VisualOutcome};
use super::model::{Content, Feature, Millis, Region};
use super::options::OptionChange;
use super::rules::Rule;
use crate::filters::{Detection, FileFacts, FileKind, Provenance, TextSource, Verdict};
use crate::t;

/// A string someone typed or named, wrapped in Unicode isolates (FSI … PDI) so that its
/// direction cannot spill over the sentence around it: a file name with a right-to-left
/// override must never reorder the MD5 printed beside it.
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

/// Simulated time as the app shows it everywhere: "42.5 s" or "3 min 05.0 s" (in Chinese
/// "42.5 秒" or "3 分 05.0 秒").
pub fn time(ms: Millis) -> String {
    let tenths = ms / 100;
    let (min, sec, tenth) = (tenths / 600, (tenths / 10) % 60, tenths % 10);
    if min == 0 {
        t!("narrate.seconds", s = format!("{sec}.{tenth}")).into_owned()
    } else {
        t!(
            "narrate.minutes",
            min = min,
            s = format!("{sec:02}.{tenth}")
        )
        .into_owned()
    }
}

/// Where a list entry came from, e.g. "learned from message #3 at 4.2 s (visual
/// similarity: reference #1 "Cartoon")".
pub fn provenance(p: &Provenance) -> String {
    match p {
        Provenance::Seeded { source } => {
            t!("narrate.seeded", source = super::seeded_source_text(source))
        }
        Provenance::Manual { at } => t!("narrate.manual", at = time(*at)),
        Provenance::Learned { message, at, by } => t!(
            "narrate.learned",
            message = message,
            at = time(*at),
            by = detection(by)
        ),
    }
    .into_owned()
}

/// What flagged a file, e.g. "OCR text: keywords 习近平+喊口号".
pub fn detection(d: &Detection) -> String {
    match d {
        Detection::Visual { reference, name } => t!(
            "narrate.by_visual",
            reference = reference,
            name = isolate(name)
        ),
        Detection::Keywords {
            source,
            combination,
            ..
        } => {
            let combination = isolate(combination);
            match source {
                TextSource::Ocr => t!("narrate.by_ocr", combination = combination),
                TextSource::Document => t!("narrate.by_document", combination = combination),
                TextSource::Message => t!("narrate.by_message", combination = combination),
            }
        }
    }
    .into_owned()
}

/// A list entry, e.g. "group hash index: 0cc1…" or "keyword entry #3: 习近平+喊口号".
pub fn entry(e: &EntryRef) -> String {
    match e {
        EntryRef::Hash { feature: f, md5 } => {
            t!("narrate.entry_hash", feature = feature(*f), md5 = md5.hex())
        }
        EntryRef::Keyword { id, combination } => t!(
            "narrate.entry_keyword",
            id = id,
            combination = isolate(combination)
        ),
        EntryRef::Reference { id, name } => {
            t!("narrate.entry_reference", id = id, name = isolate(name))
        }
    }
    .into_owned()
}

/// An option change, e.g. "Chance of analysis before delivery: 20 % → 50 %".
pub fn option_change(c: &OptionChange) -> String {
    t!(
        "narrate.option_change",
        label = c.key.label(),
        from = c.from,
        to = c.to
    )
    .into_owned()
}

/// A chat feature as the log's sentences name it ("the {feature} hash index"). Not
/// [`Feature::label`]: Chinese sentences here need the noun (一对一聊天, 群聊) where the
/// platform's other words use the adjective.
fn feature(f: Feature) -> String {
    match f {
        Feature::OneToOne => t!("narrate.feature.one_to_one"),
        Feature::Group => t!("narrate.feature.group"),
    }
    .into_owned()
}

/// An account's region as the log's sentences name it ("the account is {region}"); in
/// Chinese a noun (中国注册账户), unlike `Region`'s `Display`.
fn region(r: Region) -> String {
    match r {
        Region::China => t!("narrate.region.china"),
        Region::International => t!("narrate.region.international"),
    }
    .into_owned()
}

/// Between the items of a list in a sentence: ", " (in Chinese "、").
fn separator() -> String {
    t!("narrate.separator").into_owned()
}

/// The sentence for one event of `p`'s log.
pub fn event(e: &Event, p: &Platform) -> String {
    let name = |id| isolate(p.name(id));
    let message = e.message.and_then(|id| p.message(id).ok());
    let facts = match message.map(|m| &m.content) {
        Some(Content::File(f)) => Some(f.as_ref()),
        _ => None,
    };
    let file_name = || facts.map(|f| isolate(&f.name)).unwrap_or_default();
    let id = e.message.map(|m| m.to_string()).unwrap_or_default();
    let to = || e.recipient.map(name).unwrap_or_default();
    match &e.kind {
        EventKind::AccountCreated { account, region: r } => {
            let number = p
                .account(*account)
                .map(|a| isolate(&a.registered_number.to_string()))
                .unwrap_or_default();
            t!(
                "narrate.account_created",
                name = name(*account),
                number = number,
                region = region(*r)
            )
        }
        EventKind::NumberLinked { account, number } => {
            let (r, first) = p.account(*account).map_or_else(
                |_| (String::new(), String::new()),
                |a| (region(a.region), isolate(&a.registered_number.to_string())),
            );
            t!(
                "narrate.number_linked",
                name = name(*account),
                number = isolate(number),
                region = r,
                first = first
            )
        }
        EventKind::ChatCreated { chat, feature: f } => {
            let (chat_name, members) = p.chat(*chat).map_or_else(
                |_| (String::new(), String::new()),
                |c| {
                    let names: Vec<String> = c.members.iter().map(|&m| name(m)).collect();
                    (isolate(&c.name), names.join(&separator()))
                },
            );
            t!(
                "narrate.chat_created",
                feature = feature(*f),
                chat = chat_name,
                members = members
            )
        }
        EventKind::Sent { chat, sender } => {
            let what = message.map(|m| content(&m.content)).unwrap_or_default();
            let (f, chat_name) = p
                .chat(*chat)
                .map(|c| (feature(c.feature), isolate(&c.name)))
                .unwrap_or_default();
            t!(
                "narrate.sent",
                name = name(*sender),
                what = what,
                feature = f,
                chat = chat_name,
                id = id
            )
        }
        EventKind::Md5Computed { md5, size } => t!(
            "narrate.md5_computed",
            file = file_name(),
            size = size,
            md5 = md5
        ),
        EventKind::CollisionChecked { blocks } => match blocks.as_slice() {
            [] => t!("narrate.collision_none"),
            [first, ..] => t!(
                "narrate.collision_found",
                count = blocks.len(),
                first = first
            ),
        },
        EventKind::IndexLookup {
            feature: f, listed, ..
        } => match listed {
            Some(origin) => t!(
                "narrate.index_hit",
                feature = feature(*f),
                origin = provenance(origin)
            ),
            None => t!("narrate.index_miss", feature = feature(*f)),
        },
        EventKind::TextChecked {
            feature: f,
            matched,
        } => match matched {
            Some(m) => {
                let found: Vec<String> = m
                    .parts
                    .iter()
                    .map(|p| {
                        t!("narrate.part_at", part = isolate(&p.part), start = p.start).into_owned()
                    })
                    .collect();
                t!(
                    "narrate.text_matched",
                    feature = feature(*f),
                    combination = isolate(&m.combination),
                    found = found.join(&separator())
                )
            }
            None => t!("narrate.text_clean", feature = feature(*f)),
        },
        EventKind::Delivered => match (e.rule, e.policy) {
            (None, Some(Rule::MixedGroupInternational)) => {
                t!("narrate.delivered_mixed_group", to = to())
            }
            (None, _) => t!("narrate.delivered_international", to = to()),
            (Some(Rule::KeywordCombination), policy) => t!(
                "narrate.delivered_no_combination",
                to = to(),
                because = filtered_because(policy)
            ),
            (Some(_), policy) => t!(
                "narrate.delivered_not_listed",
                to = to(),
                because = filtered_because(policy)
            ),
        },
        EventKind::Dropped => {
            let because = match (e.rule, &e.entry) {
                (Some(Rule::KeywordCombination), Some(EntryRef::Keyword { combination, .. })) => {
                    t!("narrate.because_text", combination = isolate(combination))
                }
                (Some(Rule::RealtimeNovelImage), _) => t!("narrate.because_realtime"),
                (Some(Rule::CollisionRefusal), _) => t!("narrate.because_collision"),
                _ => t!("narrate.because_listed"),
            };
            t!(
                "narrate.dropped",
                to = to(),
                policy = filtered_because(e.policy),
                because = because
            )
        }
        EventKind::AnalysisQueued { due, .. } => {
            let what = match facts {
                Some(f) if f.kind == FileKind::Image && f.ocr_text.is_some() => {
                    t!("narrate.kind.picture_with_text")
                }
                Some(f) if f.kind == FileKind::Image => t!("narrate.kind.picture"),
                Some(f) => match f.kind {
                    FileKind::Document(format) => format.noun(),
                    FileKind::Text => t!("narrate.kind.text_file"),
                    _ => t!("narrate.kind.file"),
                },
                None => t!("narrate.kind.text_message"),
            };
            let why = match e.rule {
                Some(Rule::InternationalTextAnalysed) => t!("narrate.why.international_text"),
                Some(Rule::InternationalFilesAnalysed) => t!("narrate.why.international_files"),
                _ => t!("narrate.why.unlisted"),
            };
            t!(
                "narrate.queued",
                what = what,
                why = why,
                due = time(*due),
                later = format!("{:.1}", due.saturating_sub(e.at) as f64 / 1000.0)
            )
        }
        EventKind::Analysed {
            trigger,
            visual,
            text,
            flagged,
        } => {
            let result = || analysis_of(visual, text, *flagged, facts);
            match trigger {
                Trigger::Realtime { roll, percent } => t!(
                    "narrate.realtime",
                    file = file_name(),
                    roll = roll,
                    percent = percent,
                    result = result()
                ),
                Trigger::Job { .. } => match text {
                    TextOutcome::Checked {
                        source: TextSource::Message,
                        matched,
                    } => match matched {
                        Some(m) => t!(
                            "narrate.surveillance_matched",
                            id = id,
                            combination = isolate(&m.combination)
                        ),
                        None => t!("narrate.surveillance_clean", id = id),
                    },
                    _ => {
                        let recalled = message
                            .and_then(|m| m.recalled_at)
                            .filter(|&r| r <= e.at)
                            .map_or_else(String::new, |_| {
                                t!("narrate.still_analysed").into_owned()
                            });
                        // Said, so that a class knows a long document was only partly checked.
                        let partial = match facts {
                            Some(f) if f.text_truncated => t!("narrate.partly_read").into_owned(),
                            _ => String::new(),
                        };
                        t!(
                            "narrate.analysed",
                            id = id,
                            file = file_name(),
                            recalled = recalled,
                            result = result(),
                            partial = partial
                        )
                    }
                },
            }
        }
        EventKind::AnalysisSkipped { .. } => {
            t!("narrate.skipped", id = id, file = file_name())
        }
        EventKind::HashAdded {
            feature: f,
            md5,
            by,
        } => {
            let origin = provenance(&Provenance::Learned {
                message: e.message.map_or(0, |m| m.0 as u64),
                at: e.at,
                by: by.clone(),
            });
            t!(
                "narrate.hash_added",
                md5 = md5,
                feature = feature(*f),
                origin = origin
            )
        }
        EventKind::NotListed { roll, percent } => t!(
            "narrate.not_listed",
            id = id,
            roll = roll,
            percent = percent
        ),
        EventKind::Recalled { analysis_due } => {
            let who = message.map(|m| name(m.sender)).unwrap_or_default();
            match analysis_due {
                Some(due) => t!(
                    "narrate.recalled_analysis_due",
                    who = who,
                    id = id,
                    due = time(*due)
                ),
                None => t!("narrate.recalled", who = who, id = id),
            }
        }
        EventKind::ListEdited { change } => list_edit(change, e.entry.as_ref()).into(),
        EventKind::OptionsChanged { changes } => {
            let changes: Vec<String> = changes.iter().map(option_change).collect();
            t!(
                "narrate.options_changed",
                changes = changes.join(&*t!("narrate.change_separator"))
            )
        }
    }
    .into_owned()
}

/// A message's content for sentences: the first words of a text, or a file's name.
fn content(c: &Content) -> String {
    match c {
        Content::Text(text) => {
            let preview: String = text.chars().take(24).collect();
            let more = if text.chars().count() > 24 { "…" } else { "" };
            t!(
                "narrate.content_text",
                text = format!("{}{more}", isolate(&preview))
            )
        }
        Content::File(facts) => t!("narrate.content_file", name = isolate(&facts.name)),
    }
    .into_owned()
}

/// Why the filter applied to a recipient.
fn filtered_because(policy: Option<Rule>) -> String {
    match policy {
        Some(Rule::ChinaSenderFilteredForAll) => t!("narrate.policy.china_sender"),
        Some(Rule::ChinaRecipientFiltered) => t!("narrate.policy.china_recipient"),
        _ => t!("narrate.policy.mixed_group"),
    }
    .into_owned()
}

/// "visual: …; text: …. Found sensitive."
pub fn analysis(visual: &VisualOutcome, text: &TextOutcome, flagged: bool) -> String {
    analysis_of(visual, text, flagged, None)
}

/// What OCR read in a picture, as the server view quotes it: on one line, cut after
/// [`OCR_QUOTE_CHARS`] characters, and its confidence in percent ("?" where unknown).
fn ocr_reading(facts: Option<&FileFacts>) -> (String, String) {
    let text = facts.and_then(|f| f.ocr_text.as_deref()).unwrap_or("…");
    let mut quote: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((cut, _)) = quote.char_indices().nth(OCR_QUOTE_CHARS) {
        quote.truncate(cut);
        quote.push('…');
    }
    let confidence = facts
        .and_then(|f| f.ocr_confidence)
        .map_or_else(|| "?".to_string(), |c| c.to_string());
    (isolate(&quote), confidence)
}

const OCR_QUOTE_CHARS: usize = 80;

/// As [`analysis`], saying why a picture was unreadable or had no text from the file's
/// facts when they are at hand, so that the reason follows the language too (the event
/// keeps it as text, in the language of the moment it was analysed).
fn analysis_of(
    visual: &VisualOutcome,
    text: &TextOutcome,
    flagged: bool,
    facts: Option<&FileFacts>,
) -> String {
    let visual = match visual {
        VisualOutcome::NotAPicture => t!("narrate.visual.not_a_picture"),
        VisualOutcome::Unreadable { reason } => t!(
            "narrate.visual.unreadable",
            reason = facts.map_or_else(|| reason.clone(), FileFacts::unreadable_reason)
        ),
        VisualOutcome::NoReferences => t!("narrate.visual.no_references"),
        VisualOutcome::Compared {
            reference,
            name,
            similarity,
        } => {
            // The verdict tells which matcher compared: the console's PDQ option can change
            // it between two analyses.
            let matcher = if similarity.verdict.as_ref().is_some_and(Verdict::is_pdq) {
                t!("narrate.visual.pdq")
            } else {
                t!("narrate.visual.edge")
            };
            t!(
                "narrate.visual.compared",
                reference = reference,
                name = isolate(name),
                matcher = matcher,
                explanation = similarity.explain()
            )
        }
    };
    let text = match text {
        TextOutcome::NoText { reason } => t!(
            "narrate.text.none",
            reason = facts.map_or_else(|| reason.clone(), FileFacts::no_text_reason)
        ),
        TextOutcome::Checked { source, matched } => match (source, matched) {
            (TextSource::Ocr, Some(m)) => {
                let (read, confidence) = ocr_reading(facts);
                t!(
                    "narrate.text.ocr_matched",
                    text = read,
                    confidence = confidence,
                    combination = isolate(&m.combination)
                )
            }
            (TextSource::Ocr, None) => {
                let (read, confidence) = ocr_reading(facts);
                t!(
                    "narrate.text.ocr_clean",
                    text = read,
                    confidence = confidence
                )
            }
            (TextSource::Document, Some(m)) => t!(
                "narrate.text.document_matched",
                combination = isolate(&m.combination)
            ),
            (TextSource::Document, None) => t!("narrate.text.document_clean"),
            (TextSource::Message, Some(m)) => t!(
                "narrate.text.message_matched",
                combination = isolate(&m.combination)
            ),
            (TextSource::Message, None) => t!("narrate.text.message_clean"),
        },
    };
    let verdict = if flagged {
        t!("narrate.found_sensitive")
    } else {
        t!("narrate.not_found_sensitive")
    };
    t!(
        "narrate.analysis",
        visual = visual,
        text = text,
        verdict = verdict
    )
    .into_owned()
}

fn list_edit(change: &ListChange, entry: Option<&EntryRef>) -> String {
    match (change, entry) {
        (ListChange::AddedHash, Some(EntryRef::Hash { feature: f, md5 })) => {
            t!("narrate.added_hash", md5 = md5, feature = feature(*f))
        }
        (ListChange::AddedKeyword { features }, Some(EntryRef::Keyword { combination, .. })) => {
            let features: Vec<String> = features.iter().map(|&f| feature(f)).collect();
            t!(
                "narrate.added_keyword",
                combination = isolate(combination),
                features = features.join(&*t!("narrate.and"))
            )
        }
        (
            ListChange::AddedReference {
                quality,
                min_quality,
                usable,
            },
            Some(EntryRef::Reference { name, .. }),
        ) => {
            let warning = if *usable {
                String::new()
            } else {
                t!(
                    "narrate.featureless",
                    quality = quality,
                    min_quality = min_quality
                )
                .into_owned()
            };
            t!(
                "narrate.added_reference",
                name = isolate(name),
                warning = warning
            )
        }
        (ListChange::Removed, Some(EntryRef::Hash { feature: f, md5 })) => {
            t!("narrate.removed_hash", md5 = md5, feature = feature(*f))
        }
        (ListChange::Removed, Some(EntryRef::Keyword { combination, .. })) => {
            t!(
                "narrate.removed_keyword",
                combination = isolate(combination)
            )
        }
        (ListChange::Removed, Some(EntryRef::Reference { name, .. })) => {
            t!("narrate.removed_reference", name = isolate(name))
        }
        (
            ListChange::Imported {
                one_to_one,
                group,
                keywords,
                references,
            },
            _,
        ) => t!(
            "narrate.imported",
            one_to_one = one_to_one,
            group = group,
            keywords = keywords,
            references = references
        ),
        _ => t!("narrate.lists_edited"),
    }
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_format() {
        assert_eq!(time(0), "0.0 s");
        assert_eq!(time(4_250), "4.2 s");
        assert_eq!(time(59_999), "59.9 s");
        assert_eq!(time(185_000), "3 min 05.0 s");
    }

    #[test]
    fn names_people_chose_are_isolated_from_the_sentence() {
        let (mut p, cast) = crate::platform::preset(1, vec![]);
        let spoof = "\u{202E}gnp.xxx";
        let mut facts = crate::filters::analyse_file(spoof, "image/png", b"not a png");
        facts.name = spoof.into();
        let events = p
            .apply(crate::platform::Action::SendFile {
                chat: cast.china_chat,
                sender: cast.amira,
                facts: Box::new(facts),
            })
            .unwrap();
        let computed = event(&events[1], &p);
        assert!(
            computed.contains("\"\u{2068}\u{202E}gnp.xxx\u{2069}\""),
            "{computed:?}"
        );
        // The override is closed by its isolate before the MD5 is printed.
        let (before, after) = computed.split_once('\u{2069}').unwrap();
        assert!(before.contains('\u{202E}') && !after.contains('\u{202E}'));
        assert!(after.contains(&crate::fingerprint::md5(b"not a png").hex()));
    }

    #[test]
    fn time_has_chinese_units() {
        let json =
            serde_json::to_string(&crate::l10n::catalogue::merged("zh-CN").unwrap()).unwrap();
        crate::l10n::load(crate::scenario::address::Lang::ZhCn, &json).unwrap();
        // `time` speaks the current language; tests never change it, so ask for Chinese.
        assert_eq!(
            t!("narrate.seconds", locale = "zh-CN", s = "42.5"),
            "42.5 秒"
        );
        assert_eq!(
            t!("narrate.minutes", locale = "zh-CN", min = 3, s = "05.0"),
            "3 分 05.0 秒"
        );
    }

    #[test]
    fn provenance_reads_as_one_line() {
        let learned = Provenance::Learned {
            message: 3,
            at: 4_250,
            by: Detection::Visual {
                reference: 1,
                name: "Cartoon".into(),
            },
        };
        assert_eq!(
            provenance(&learned),
            "learned from message #3 at 4.2 s (visual similarity: reference #1 \"\u{2068}Cartoon\u{2069}\")"
        );
        assert_eq!(
            provenance(&Provenance::Manual { at: 1000 }),
            "added by hand at 1.0 s"
        );
    }
}
