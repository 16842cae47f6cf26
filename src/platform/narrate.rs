//! Sentences about what the platform did, written from its structured events: the one place
//! where the log's words live (the decisions are in `route` and `surveillance`). Each takes
//! the platform as it is now, which is enough: accounts, chats and messages are never
//! removed, and everything that can change later (a list entry's origin, an option) is
//! carried by the event itself.

use super::Platform;
use super::events::{EntryRef, Event, EventKind, ListChange, TextOutcome, Trigger, VisualOutcome};
use super::model::{Content, Millis};
use super::options::OptionChange;
use super::rules::Rule;
use crate::filters::{Detection, FileKind, Provenance, TextSource};

/// A string someone typed or named, wrapped in Unicode isolates (FSI … PDI) so that its
/// direction cannot spill over the sentence around it: a file name with a right-to-left
/// override must never reorder the MD5 printed beside it.
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

/// Simulated time as the app shows it everywhere: "42.5 s" or "3 min 05.0 s".
pub fn time(ms: Millis) -> String {
    let tenths = ms / 100;
    let (min, sec, tenth) = (tenths / 600, (tenths / 10) % 60, tenths % 10);
    if min == 0 {
        format!("{sec}.{tenth} s")
    } else {
        format!("{min} min {sec:02}.{tenth} s")
    }
}

/// Where a list entry came from, e.g. "learned from message #3 at 4.2 s (visual
/// similarity: reference #1 "Cartoon")".
pub fn provenance(p: &Provenance) -> String {
    match p {
        Provenance::Seeded { source } => format!("seeded ({source})"),
        Provenance::Manual { at } => format!("added by hand at {}", time(*at)),
        Provenance::Learned { message, at, by } => format!(
            "learned from message #{message} at {} ({})",
            time(*at),
            detection(by)
        ),
    }
}

/// What flagged a file, e.g. "OCR text: keywords 习近平+喊口号".
pub fn detection(d: &Detection) -> String {
    match d {
        Detection::Visual { reference, name } => {
            format!(
                "visual similarity: reference #{reference} \"{}\"",
                isolate(name)
            )
        }
        Detection::Keywords {
            source,
            combination,
            ..
        } => {
            let how = match source {
                TextSource::Ocr => "OCR text",
                TextSource::Document => "document text",
                TextSource::Message => "message text",
            };
            format!("{how}: keywords {}", isolate(combination))
        }
    }
}

/// A list entry, e.g. "group hash index: 0cc1…" or "keyword entry #3: 习近平+喊口号".
pub fn entry(e: &EntryRef) -> String {
    match e {
        EntryRef::Hash { feature, md5 } => format!("{feature} hash index: {}", md5.hex()),
        EntryRef::Keyword { id, combination } => {
            format!("keyword entry #{id}: {}", isolate(combination))
        }
        EntryRef::Reference { id, name } => format!("visual reference #{id}: {}", isolate(name)),
    }
}

/// An option change, e.g. "Chance of analysis before delivery: 20 % → 50 %".
pub fn option_change(c: &OptionChange) -> String {
    format!("{}: {} → {}", c.key.record().label, c.from, c.to)
}

/// The sentence for one event of `p`'s log.
pub fn event(e: &Event, p: &Platform) -> String {
    let name = |id| isolate(p.name(id));
    let message = e.message.and_then(|id| p.message(id).ok());
    let file_name = || match message.map(|m| &m.content) {
        Some(Content::File(f)) => isolate(&f.name),
        _ => String::new(),
    };
    let id = e.message.map(|m| m.to_string()).unwrap_or_default();
    match &e.kind {
        EventKind::AccountCreated { account, region } => {
            let number = p
                .account(*account)
                .map(|a| isolate(&a.registered_number.to_string()))
                .unwrap_or_default();
            format!(
                "{} registered with {number}: the account is {region}, for good.",
                name(*account)
            )
        }
        EventKind::NumberLinked { account, number } => {
            let number = isolate(number);
            let (region, first) = p.account(*account).map_or_else(
                |_| (String::new(), String::new()),
                |a| {
                    (
                        a.region.to_string(),
                        isolate(&a.registered_number.to_string()),
                    )
                },
            );
            format!(
                "{} linked {number}. The account stays {region}: its region comes from the number \
                 it was first registered with ({first}).",
                name(*account)
            )
        }
        EventKind::ChatCreated { chat, feature } => {
            let (chat_name, members) = p.chat(*chat).map_or_else(
                |_| (String::new(), String::new()),
                |c| {
                    let names: Vec<String> = c.members.iter().map(|&m| name(m)).collect();
                    (isolate(&c.name), names.join(", "))
                },
            );
            format!("A {feature} chat \"{chat_name}\" was opened with {members}.")
        }
        EventKind::Sent { chat, sender } => {
            let what = message.map(|m| content(&m.content)).unwrap_or_default();
            let (feature, chat_name) = p
                .chat(*chat)
                .map(|c| (c.feature.to_string(), isolate(&c.name)))
                .unwrap_or_default();
            format!(
                "{} sent {what} in the {feature} chat \"{chat_name}\" ({id}).",
                name(*sender)
            )
        }
        EventKind::Md5Computed { md5, size } => format!(
            "The server computed the MD5 of \"{}\" ({size} bytes): {md5}. Any change of bytes \
             would give a different MD5.",
            file_name()
        ),
        EventKind::IndexLookup {
            feature, listed, ..
        } => match listed {
            Some(origin) => format!(
                "MD5 found in the {feature} hash index, {}. The file is dropped in real time for \
                 every filtered recipient and is not analysed again.",
                provenance(origin)
            ),
            None => format!(
                "MD5 not in the {feature} hash index: the file is delivered and queued for \
                 analysis."
            ),
        },
        EventKind::TextChecked { feature, matched } => match matched {
            Some(m) => {
                let found: Vec<String> = m
                    .parts
                    .iter()
                    .map(|p| format!("{} at byte {}", isolate(&p.part), p.start))
                    .collect();
                format!(
                    "The server checked the text against the {feature} keyword list: every part \
                     of {} occurs in it ({}).",
                    isolate(&m.combination),
                    found.join(", ")
                )
            }
            None => format!(
                "The server checked the text against the {feature} keyword list: no blacklisted \
                 combination is complete in it."
            ),
        },
        EventKind::Delivered => {
            let to = e.recipient.map(name).unwrap_or_default();
            match (e.rule, e.policy) {
                (None, Some(Rule::MixedGroupInternational)) => format!(
                    "Delivered to {to}: an international sender to an international member of a \
                     mixed group (the toggle says such members still receive filtered items; not \
                     confirmed)."
                ),
                (None, _) => format!(
                    "Delivered to {to}: chats among international accounts only are never \
                     filtered."
                ),
                (Some(Rule::KeywordCombination), policy) => format!(
                    "Delivered to {to}: filtered ({}), but no blacklisted combination was found.",
                    filtered_because(policy)
                ),
                (Some(_), policy) => format!(
                    "Delivered to {to}: filtered ({}), but its MD5 is not listed yet.",
                    filtered_because(policy)
                ),
            }
        }
        EventKind::Dropped => {
            let because = match (e.rule, &e.entry) {
                (Some(Rule::KeywordCombination), Some(EntryRef::Keyword { combination, .. })) => {
                    format!("the text contains {}", isolate(combination))
                }
                (Some(Rule::RealtimeNovelImage), _) => {
                    "the real-time analysis of this novel picture found it sensitive".into()
                }
                _ => "its MD5 is listed".into(),
            };
            format!(
                "Dropped silently for {}: {}, and {because}. The sender still sees it as sent; \
                 the recipient sees nothing.",
                e.recipient.map(name).unwrap_or_default(),
                filtered_because(e.policy)
            )
        }
        EventKind::AnalysisQueued { due, .. } => {
            let what = match message.map(|m| &m.content) {
                Some(Content::File(f)) if f.kind == FileKind::Image && f.ocr_text.is_some() => {
                    "picture with text (OCR)"
                }
                Some(Content::File(f)) if f.kind == FileKind::Image => "picture",
                Some(Content::File(f)) => match f.kind {
                    FileKind::Document(format) => format.noun(),
                    FileKind::Text => "text file",
                    _ => "file",
                },
                _ => "text message",
            };
            let why = match e.rule {
                Some(Rule::InternationalTextAnalysed) => {
                    "text among international accounts is analysed because the (unconfirmed) \
                     option is on"
                }
                Some(Rule::InternationalFilesAnalysed) => {
                    "files among international accounts only are analysed too, though never \
                     filtered"
                }
                _ => "every file with an unlisted MD5 is analysed",
            };
            format!(
                "Analysis of the {what} queued: {why}. Due at {} ({:.1} s later; delays are a \
                 setting).",
                time(*due),
                due.saturating_sub(e.at) as f64 / 1000.0
            )
        }
        EventKind::Analysed {
            trigger,
            visual,
            text,
            flagged,
        } => {
            let result = analysis(visual, text, *flagged);
            match trigger {
                Trigger::Realtime { roll, percent } => format!(
                    "Real-time analysis of novel picture \"{}\" (drawn {roll} ≤ {percent} %): \
                     {result}",
                    file_name()
                ),
                Trigger::Job { .. } => match text {
                    TextOutcome::Checked {
                        source: TextSource::Message,
                        matched,
                    } => match matched {
                        Some(m) => format!(
                            "Surveillance of {id} (an unconfirmed option): the text contains \
                             every part of {}. Nothing is added: WeChat's text surveillance is not \
                             established and there is no text blacklist to learn into.",
                            isolate(&m.combination)
                        ),
                        None => format!(
                            "Surveillance of {id} (an unconfirmed option): no blacklisted \
                             combination in the text."
                        ),
                    },
                    _ => {
                        let recalled = message
                            .and_then(|m| m.recalled_at)
                            .filter(|&r| r <= e.at)
                            .map_or("", |_| " (recalled, but still analysed)");
                        // Said, so that a class knows a long document was only partly checked.
                        let partial = match message.map(|m| &m.content) {
                            Some(Content::File(f)) if f.text_truncated => {
                                " Only the start of its text was read (this app reads at most \
                                 1 MiB of a document's text)."
                            }
                            _ => "",
                        };
                        format!(
                            "Analysis of {id} (\"{}\"){recalled}: {result}{partial}",
                            file_name()
                        )
                    }
                },
            }
        }
        EventKind::AnalysisSkipped { .. } => format!(
            "Analysis of {id} (\"{}\") skipped: its MD5 was listed meanwhile, so there is \
             nothing to add.",
            file_name()
        ),
        EventKind::HashAdded { feature, md5, by } => {
            let origin = provenance(&Provenance::Learned {
                message: e.message.map_or(0, |m| m.0 as u64),
                at: e.at,
                by: by.clone(),
            });
            format!(
                "MD5 {md5} added to the {feature} hash index, {origin}. From now on this exact \
                 file is dropped in real time for China-registered accounts in {feature} chats."
            )
        }
        EventKind::NotListed { roll, percent } => format!(
            "The analysis of {id} flagged it, but its MD5 was not listed this time (drawn {roll} > \
             {percent} %, the realism setting: in the Citizen Lab's trials 49 of 60 sensitive \
             images took effect)."
        ),
        EventKind::Recalled { analysis_due } => {
            let who = message.map(|m| name(m.sender)).unwrap_or_default();
            match analysis_due {
                Some(due) => format!(
                    "{who} recalled {id}. It disappears from the chat, but the server keeps its \
                     copy: the analysis due at {} still runs.",
                    time(*due)
                ),
                None => format!("{who} recalled {id}. It disappears from the chat."),
            }
        }
        EventKind::ListEdited { change } => list_edit(change, e.entry.as_ref()),
        EventKind::OptionsChanged { changes } => {
            let changes: Vec<String> = changes.iter().map(option_change).collect();
            format!("Options changed: {}.", changes.join("; "))
        }
    }
}

/// A message's content for sentences: the first words of a text, or a file's name.
fn content(c: &Content) -> String {
    match c {
        Content::Text(text) => {
            let preview: String = text.chars().take(24).collect();
            let more = if text.chars().count() > 24 { "…" } else { "" };
            format!("the text \"{}{more}\"", isolate(&preview))
        }
        Content::File(facts) => format!("the file \"{}\"", isolate(&facts.name)),
    }
}

/// Why the filter applied to a recipient.
fn filtered_because(policy: Option<Rule>) -> &'static str {
    match policy {
        Some(Rule::ChinaSenderFilteredForAll) => {
            "the sender is China-registered, so nobody receives it"
        }
        Some(Rule::ChinaRecipientFiltered) => "the recipient is China-registered",
        _ => "the mixed-group toggle withholds it from international members too (not confirmed)",
    }
}

/// "visual: …; text: …. Found sensitive."
pub fn analysis(visual: &VisualOutcome, text: &TextOutcome, flagged: bool) -> String {
    let visual = match visual {
        VisualOutcome::NotAPicture => "not a picture".to_string(),
        VisualOutcome::Unreadable { reason } => {
            format!("the picture could not be read ({reason})")
        }
        VisualOutcome::NoReferences => "no reference pictures are listed".to_string(),
        VisualOutcome::Compared {
            reference,
            name,
            similarity,
        } => format!(
            "closest reference #{reference} \"{}\", {}",
            isolate(name),
            similarity.explanation
        ),
    };
    let text = match text {
        TextOutcome::NoText { reason } => format!("no text to check ({reason})"),
        TextOutcome::Checked { source, matched } => {
            let what = match source {
                TextSource::Ocr => "the text read in the picture",
                TextSource::Document => "the document's text",
                TextSource::Message => "the message",
            };
            match matched {
                Some(m) => format!("{what} contains every part of {}", isolate(&m.combination)),
                None => format!("{what} contains no blacklisted combination"),
            }
        }
    };
    let verdict = if flagged {
        "Found sensitive."
    } else {
        "Not found sensitive, so its MD5 is not added (only files found sensitive are)."
    };
    format!("visual: {visual}; text: {text}. {verdict}")
}

fn list_edit(change: &ListChange, entry: Option<&EntryRef>) -> String {
    match (change, entry) {
        (ListChange::AddedHash, Some(EntryRef::Hash { feature, md5 })) => {
            format!("MD5 {md5} added by hand to the {feature} hash index.")
        }
        (ListChange::AddedKeyword { features }, Some(EntryRef::Keyword { combination, .. })) => {
            let features: Vec<String> = features.iter().map(|f| f.to_string()).collect();
            format!(
                "Keyword {} added by hand to the {} list.",
                isolate(combination),
                features.join(" and ")
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
                format!(
                    " Sharp edges fill only {quality} % of its cells (fewer than {min_quality} %): \
                     too featureless to match anything."
                )
            };
            format!(
                "Reference picture \"{}\" added by hand.{warning}",
                isolate(name)
            )
        }
        (ListChange::Removed, Some(EntryRef::Hash { feature, md5 })) => {
            format!("MD5 {md5} removed from the {feature} hash index.")
        }
        (ListChange::Removed, Some(EntryRef::Keyword { combination, .. })) => {
            format!("Keyword {} removed.", isolate(combination))
        }
        (ListChange::Removed, Some(EntryRef::Reference { name, .. })) => {
            format!("Reference picture \"{}\" removed.", isolate(name))
        }
        (
            ListChange::Imported {
                one_to_one,
                group,
                keywords,
                references,
            },
            _,
        ) => format!(
            "Lists imported: {one_to_one} one-to-one and {group} group MD5s, {keywords} keyword \
             entries, {references} reference picture(s)."
        ),
        _ => "The lists were edited.".to_string(),
    }
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
