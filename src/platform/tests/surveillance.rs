//! The hidden analysis: queued jobs, what they learn, recall, and the clock.

use super::*;

#[test]
fn rule3_text_surveillance_toggle_logs_but_learns_nothing() {
    let (mut p, cast) = setup();
    with_options(&mut p, |o| o.analyse_international_text = true);
    let events = say(
        &mut p,
        cast.international_chat,
        cast.amira,
        "习近平到武汉了",
    );
    assert_eq!(fate(&events, cast.tom).0, EventKind::Delivered);
    let queued = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
        .unwrap();
    assert_eq!(queued.rule.unwrap().confidence(), Confidence::Unconfirmed);
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(flagged);
    assert!(matches!(
        text,
        TextOutcome::Checked {
            source: TextSource::Message,
            matched: Some(_)
        }
    ));
    assert_eq!(event.rule.unwrap(), Rule::InternationalTextAnalysed);
    assert!(hash_added(&events).is_empty());
    // Chats with a China-registered member are filtered in real time, not surveilled.
    let events = say(&mut p, cast.china_chat, cast.amira, "hello");
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
    );
}

#[test]
fn surveillance_story() {
    let (mut p, cast) = setup();
    // 1. The sensitive picture travels among international accounts: delivered, queued.
    let events = send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    let first = message_of(&events);
    assert_eq!(fate(&events, cast.tom).0, EventKind::Delivered);
    let due = events
        .iter()
        .find_map(|e| match e.kind {
            EventKind::AnalysisQueued { due, .. } => Some(due),
            _ => None,
        })
        .unwrap();
    assert!(
        (2_000..=4_000).contains(&due),
        "a few seconds by default: {due}"
    );
    assert_eq!(
        sees(&p, cast.tom, first).unwrap().status,
        MessageStatus::Received
    );

    // 2. Nothing happens before the delay.
    assert!(wait(&mut p, due - 1).is_empty());
    // 3. The analysis matches the reference and learns the MD5, with provenance.
    let events = wait(&mut p, 1);
    let (visual, _, flagged, event) = analysed(&events);
    assert!(flagged && visual.is_match(), "{visual:?}");
    assert_eq!(event.at, due);
    assert_eq!(event.rule.unwrap(), Rule::VisualSimilarity);
    assert_eq!(event.policy.unwrap(), Rule::InternationalFilesAnalysed);
    assert_eq!(hash_added(&events), vec![Feature::OneToOne]);
    let md5 = sensitive_copy().md5;
    let entry = p.lists().hashes.one_to_one.get(&md5).expect("learned");
    match &entry.provenance {
        Provenance::Learned { message, at, by } => {
            assert_eq!((*message, *at), (first.0 as u64, due));
            assert!(
                matches!(by, Detection::Visual { name, .. } if name == "Protest poster"),
                "{by:?}"
            );
        }
        other => panic!("{other:?}"),
    }

    // 4. The identical file to a China-registered account vanishes silently.
    let events = send(&mut p, cast.china_chat, cast.amira, sensitive_copy());
    let second = message_of(&events);
    let drop = events
        .iter()
        .find(|e| e.kind == EventKind::Dropped)
        .unwrap();
    assert_eq!(drop.recipient, Some(cast.wang_fang));
    assert_eq!(drop.rule.unwrap(), Rule::Md5Lookup);
    assert_eq!(
        drop.entry,
        Some(EntryRef::Hash {
            feature: Feature::OneToOne,
            md5
        })
    );
    let said = narrate::event(drop, &p);
    assert!(
        said.contains("Dropped silently for \u{2068}Wang Fang\u{2069}"),
        "{said}"
    );
    let lookup = events
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::IndexLookup {
                    listed: Some(_),
                    ..
                }
            )
        })
        .unwrap();
    let said = narrate::event(lookup, &p);
    assert!(said.contains(&format!("learned from {first}")), "{said}");
    assert_eq!(
        sees(&p, cast.amira, second).unwrap().status,
        MessageStatus::Sent
    );
    let wang = p.view(cast.wang_fang).unwrap();
    let chat = wang
        .chats
        .iter()
        .find(|c| c.chat == cast.china_chat)
        .unwrap();
    assert!(chat.messages.is_empty(), "the recipient's view has nothing");
}

#[test]
fn benign_pictures_are_analysed_but_not_learned() {
    let (mut p, cast) = setup();
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        png_file("cat.png", &test_pictures::picture(3, 400, 300)),
    );
    let events = wait(&mut p, 10_000);
    let (visual, text, flagged, event) = analysed(&events);
    assert!(!flagged);
    assert!(matches!(visual, VisualOutcome::Compared { similarity, .. }
            if similarity.distance > similarity.max_distance));
    assert_eq!(
        text,
        &TextOutcome::NoText {
            reason: "OCR was not run on this picture".into()
        }
    );
    assert_eq!(event.rule.unwrap(), Rule::OnlySensitiveLearned);
    assert!(hash_added(&events).is_empty());
    assert!(p.lists().hashes.one_to_one.is_empty());
}

#[test]
fn a_recalled_message_is_still_analysed() {
    let (mut p, cast) = setup();
    let events = send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    let id = message_of(&events);
    let recalled = p
        .apply(Action::Recall {
            message: id,
            by: cast.amira,
        })
        .unwrap();
    assert!(matches!(
        recalled[0].kind,
        EventKind::Recalled {
            analysis_due: Some(_)
        }
    ));
    assert_eq!(recalled[0].rule.unwrap(), Rule::RecalledStillAnalysed);
    let tom_sees = sees(&p, cast.tom, id).unwrap();
    assert_eq!(
        (tom_sees.status, tom_sees.content),
        (MessageStatus::Recalled, None)
    );
    let events = wait(&mut p, 10_000);
    let (_, _, flagged, event) = analysed(&events);
    assert!(flagged);
    assert_eq!(event.policy.unwrap(), Rule::RecalledStillAnalysed);
    let said = narrate::event(event, &p);
    assert!(said.contains("recalled, but still analysed"), "{said}");
    assert_eq!(hash_added(&events), vec![Feature::OneToOne]);
    // And the recalled file is now blocked for China-registered accounts.
    assert!(dropped(
        &send(&mut p, cast.china_chat, cast.amira, sensitive_copy()),
        cast.wang_fang
    ));
}

#[test]
fn recall_is_refused_for_others_and_twice() {
    let (mut p, cast) = setup();
    let id = message_of(&say(&mut p, cast.international_chat, cast.amira, "hi"));
    assert_eq!(
        p.apply(Action::Recall {
            message: id,
            by: cast.tom
        }),
        Err(ActionError::NotTheSender {
            message: id,
            account: cast.tom
        })
    );
    p.apply(Action::Recall {
        message: id,
        by: cast.amira,
    })
    .unwrap();
    assert_eq!(
        p.apply(Action::Recall {
            message: id,
            by: cast.amira
        }),
        Err(ActionError::AlreadyRecalled(id))
    );
    assert!(
        p.apply(Action::Recall {
            message: MessageId(99),
            by: cast.amira
        })
        .is_err()
    );
}

#[test]
fn a_learned_md5_joins_the_index_of_its_chat_feature_or_every_index_as_set() {
    let (mut p, cast) = setup();
    assert_eq!(p.options().learned_hash_target, LearnTarget::ChatFeature);
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    let events = wait(&mut p, 10_000);
    assert_eq!(hash_added(&events), vec![Feature::OneToOne]);
    // The group index did not learn it: in the group, China-registered members still get it.
    let events = send(&mut p, cast.mixed_group, cast.amira, sensitive_copy());
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
    assert!(dropped(
        &send(&mut p, cast.china_chat, cast.amira, sensitive_copy()),
        cast.wang_fang
    ));

    // With the other setting, one analysis lists the MD5 in every feature's index.
    let (mut p, cast) = setup();
    with_options(&mut p, |o| o.learned_hash_target = LearnTarget::AllFeatures);
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    let events = wait(&mut p, 10_000);
    assert_eq!(hash_added(&events), vec![Feature::OneToOne, Feature::Group]);
    assert!(dropped(
        &send(&mut p, cast.mixed_group, cast.amira, sensitive_copy()),
        cast.wang_fang
    ));
}

#[test]
fn jobs_run_in_time_order_at_their_own_times() {
    let (mut p, cast) = setup();
    with_options(&mut p, |o| {
        o.visual_delay = DelayRange::new(5_000, 5_000);
        o.document_delay = DelayRange::new(1_000, 1_000);
    });
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    wait(&mut p, 500);
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        text_file("b.txt", "hello"),
    );
    let events = wait(&mut p, 60_000);
    let times: Vec<(u64, Option<MessageId>)> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Analysed { .. }))
        .map(|e| (e.at, e.message))
        .collect();
    assert_eq!(
        times,
        vec![(1_500, Some(MessageId(2))), (5_000, Some(MessageId(1)))]
    );
    assert_eq!(p.now(), 60_500);
    assert!(p.pending_jobs().is_empty());
    assert_eq!(
        p.apply(Action::AdvanceClock { ms: u64::MAX }),
        Err(ActionError::ClockOverflow)
    );
}

#[test]
fn analysis_of_an_md5_listed_meanwhile_is_skipped() {
    let (mut p, cast) = setup();
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    send(&mut p, cast.international_chat, cast.tom, sensitive_copy());
    let events = wait(&mut p, 10_000);
    assert_eq!(hash_added(&events).len(), 1, "learned once");
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::AnalysisSkipped { .. }))
            .count(),
        1
    );
}

/// The analysis of one picture sent among international accounts: whether it matched a
/// reference, the reference it names, and the server view's sentence.
fn analysis_of_copy(
    p: &mut Platform,
    cast: &Cast,
    name: &str,
    img: &RgbaImage,
) -> (bool, String, String) {
    send(p, cast.international_chat, cast.amira, png_file(name, img));
    let events = wait(p, 10_000);
    let (visual, _, _, event) = analysed(&events);
    let reference = match visual {
        VisualOutcome::Compared { name, .. } => name.clone(),
        other => panic!("{name}: not compared: {other:?}"),
    };
    (visual.is_match(), reference, narrate::event(event, p))
}

#[test]
fn the_console_switches_the_comparison_to_pdq_where_the_two_matchers_disagree() {
    use crate::filters::transform::{self, Side};
    // The tray's empty chair and copies on which the edge map and PDQ disagree (measured
    // as in `filters::evasion`, A9): the edge map catches the nearly symmetric chair
    // mirrored, light and dark swapped, and padded along its long side, and lets a heavy
    // blur evade; PDQ does each the other way. A half-size copy is caught by both.
    let chair = crate::samples::picture_pixels("empty-chair").unwrap();
    let copies = [
        ("mirrored.png", transform::mirror(&chair), true, false),
        ("blurred.png", transform::blur(&chair, 6), false, true),
        ("inverted.png", transform::invert(&chair), true, false),
        (
            "padded.png",
            transform::pad(&chair, Side::Long, 0.25),
            true,
            false,
        ),
        ("half.png", transform::resize(&chair, 0.5), true, true),
    ];
    let title = crate::samples::catalogue()
        .into_iter()
        .find(|s| s.id == "empty-chair")
        .unwrap()
        .title;
    for pdq in [false, true] {
        // A fresh sandbox for each matcher, so that no copy's MD5 is already learned.
        let (mut p, cast) = preset(7, crate::samples::references::seeds());
        if pdq {
            let on = p
                .options()
                .with(OptionKey::CompareWithPdq, OptionValue::Flag(true))
                .unwrap();
            p.apply(Action::SetOptions(on)).unwrap();
        }
        for (name, copy, by_edges, by_pdq) in &copies {
            let (caught, reference, said) = analysis_of_copy(&mut p, &cast, name, copy);
            let expected = if pdq { *by_pdq } else { *by_edges };
            assert_eq!(caught, expected, "PDQ {pdq}, {name}: {said}");
            if caught {
                assert_eq!(reference, title, "{name}: {said}");
            }
            let by = if pdq {
                "(by PDQ, for comparison)"
            } else {
                "(by the edge map, the default hypothesis)"
            };
            assert!(said.contains(by), "{said}");
        }
    }
}

#[test]
fn a_missing_pdq_signature_is_said_and_never_passes_silently() {
    let (mut p, cast) = setup();
    // A reference listed without a PDQ signature (as by a journal saved before they were
    // kept), and one with: the setup's protest poster.
    let other = test_pictures::picture(12, 640, 480);
    p.apply(Action::Edit(ListEdit::AddReference {
        name: "Old reference".into(),
        signature: default_matcher().signature(&grey_of(&other)),
        pdq: None,
    }))
    .unwrap();
    with_options(&mut p, |o| o.compare_with_pdq = true);
    // The poster's copy still matches its own reference by PDQ: a match comes first.
    let (caught, reference, said) = analysis_of_copy(
        &mut p,
        &cast,
        "copy.png",
        &crate::filters::transform::resize(&sensitive_picture(), 0.5),
    );
    assert!(caught, "{said}");
    assert_eq!(reference, "Protest poster");
    // An unrelated picture is not waved through in silence: the reference PDQ could not
    // compare is the one reported, and the sentence says what to do.
    let (caught, reference, said) = analysis_of_copy(
        &mut p,
        &cast,
        "other.png",
        &test_pictures::picture(13, 640, 480),
    );
    assert!(!caught);
    assert_eq!(reference, "Old reference", "{said}");
    assert!(
        said.contains("the reference has no PDQ signature")
            && said.contains("add the reference picture again"),
        "{said}"
    );
    // A picture analysed before PDQ signatures were kept says so too, and is not flagged.
    let mut old = png_file("old.png", &sensitive_picture());
    old.picture.as_mut().unwrap().pdq = None;
    send(&mut p, cast.international_chat, cast.amira, old.clone());
    let events = wait(&mut p, 10_000);
    let (visual, _, flagged, event) = analysed(&events);
    let said = narrate::event(event, &p);
    assert!(!flagged && !visual.is_match(), "{said}");
    assert!(said.contains("this picture has no PDQ signature"), "{said}");
    // The same facts, compared by the edge map, still match: only PDQ lacked a signature.
    with_options(&mut p, |o| o.compare_with_pdq = false);
    let mut again = old;
    again.md5 = crate::fingerprint::md5(b"another file with the same picture");
    send(&mut p, cast.international_chat, cast.amira, again);
    let events = wait(&mut p, 10_000);
    assert!(analysed(&events).0.is_match());
}

#[test]
fn the_pdq_option_round_trips_through_the_console_and_old_states_still_load() {
    let (mut p, cast) = setup();
    // As the console sets any option: one value changed, checked, then applied and logged.
    let on = p
        .options()
        .with(OptionKey::CompareWithPdq, OptionValue::Flag(true))
        .unwrap();
    let events = p.apply(Action::SetOptions(on.clone())).unwrap();
    assert!(p.options().compare_with_pdq);
    assert_eq!(
        narrate::event(&events[0], &p),
        "Options changed: Pictures are compared with PDQ (industry perceptual hash, for \
         comparison): no → yes."
    );
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    wait(&mut p, 10_000);
    let saved = p.to_json();
    let back = Platform::from_json(&saved).unwrap();
    assert_eq!(back, p);
    assert!(back.options().compare_with_pdq);
    assert!(back.lists().references[0].pdq.is_some());

    // A state saved before the option and PDQ's signatures existed: every "pdq" and
    // "compare_with_pdq" removed. It loads, with the option off and no signatures.
    fn strip(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(map) => {
                let mut n = usize::from(map.remove("pdq").is_some())
                    + usize::from(map.remove("compare_with_pdq").is_some());
                n += map.values_mut().map(strip).sum::<usize>();
                n
            }
            serde_json::Value::Array(items) => items.iter_mut().map(strip).sum(),
            _ => 0,
        }
    }
    let mut old: serde_json::Value = serde_json::from_str(&saved).unwrap();
    // The option, the reference's signature, and the sent copy's in its message and event.
    assert!(strip(&mut old) >= 3);
    let old = Platform::from_json(&old.to_string()).unwrap();
    assert!(!old.options().compare_with_pdq);
    assert_eq!(old.lists().references[0].pdq, None);
    assert!(old.messages().iter().all(|m| match &m.content {
        Content::File(f) => f.picture.as_ref().is_some_and(|pic| pic.pdq.is_none()),
        Content::Text(_) => true,
    }));
    // A journal's reference added before PDQ's signatures were kept replays too.
    let edit: Action = serde_json::from_str(
        &serde_json::to_string(&Action::Edit(ListEdit::AddReference {
            name: "Old".into(),
            signature: default_matcher().signature(&grey_of(&sensitive_picture())),
            pdq: None,
        }))
        .unwrap(),
    )
    .unwrap();
    assert!(!serde_json::to_string(&edit).unwrap().contains("pdq"));
    assert!(matches!(
        edit,
        Action::Edit(ListEdit::AddReference { pdq: None, .. })
    ));
}
