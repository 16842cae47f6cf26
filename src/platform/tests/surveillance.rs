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
