//! Who is filtered and what is blocked in real time: the routing rules, per recipient.

use super::*;

#[test]
fn preset_cast_and_lists() {
    let (p, cast) = setup();
    let region = |id: AccountId| p.account(id).unwrap().region;
    assert_eq!(region(cast.wang_fang), Region::China);
    assert_eq!(region(cast.chen_jie), Region::China);
    assert_eq!(region(cast.amira), Region::International);
    assert_eq!(region(cast.tom), Region::International);
    let chen = p.account(cast.chen_jie).unwrap();
    assert_eq!(
        chen.current_number.region(),
        Region::International,
        "now on a Canadian number"
    );
    assert_eq!(
        p.chat(cast.international_chat).unwrap().members,
        vec![cast.amira, cast.tom]
    );
    assert_eq!(p.chat(cast.mixed_group).unwrap().feature, Feature::Group);
    let lists = p.lists();
    let count = |f: Feature| lists.keywords.iter().filter(|k| k.applies_to(f)).count();
    assert!(
        count(Feature::Group) > count(Feature::OneToOne),
        "group list is larger"
    );
    assert_eq!(count(Feature::Group), SEEDED_KEYWORDS.len());
    assert!(
        lists.keywords.iter().all(
            |k| matches!(&k.provenance, Provenance::Seeded { source } if source.contains('§'))
        )
    );
    assert_eq!(lists.references.len(), 1);

    let seeded_md5 = crate::fingerprint::md5(b"sample file");
    let (p, _) = preset(
        1,
        vec![ReferenceSeed {
            md5: Some(seeded_md5),
            ..reference_seed()
        }],
    );
    assert!(p.lists().hashes.group.contains(&seeded_md5));
    assert!(p.lists().hashes.one_to_one.is_empty());
}

#[test]
fn citizen_lab_combination_example_in_a_chat() {
    let (mut p, cast) = setup();
    add_keyword(&mut p, "帶來+調整+整體+領域");
    let article = "一帶來二二調整體三三三領域四四四四";
    let events = say(&mut p, cast.china_chat, cast.amira, article);
    let (kind, rule, policy) = fate(&events, cast.wang_fang);
    assert_eq!(kind, EventKind::Dropped);
    assert_eq!(rule, Some(Rule::KeywordCombination));
    assert_eq!(policy, Some(Rule::ChinaRecipientFiltered));
    let id = message_of(&events);
    assert_eq!(
        sees(&p, cast.amira, id).unwrap().status,
        MessageStatus::Sent
    );
    assert!(
        sees(&p, cast.wang_fang, id).is_none(),
        "no placeholder for the recipient"
    );

    // One part missing (整體 without 調整): delivered.
    let events = say(
        &mut p,
        cast.china_chat,
        cast.amira,
        "一帶來二二整體三三三領域四四四四",
    );
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
    assert_eq!(
        sees(&p, cast.wang_fang, message_of(&events))
            .unwrap()
            .status,
        MessageStatus::Received
    );
}

#[test]
fn rule1_region_stays_with_the_first_number() {
    let (mut p, cast) = setup();
    // Chen Jie registered in China and now uses a Canadian number: still filtered.
    let events = say(
        &mut p,
        cast.mixed_group,
        cast.amira,
        "冠状病毒会人传人，李文亮说",
    );
    assert!(dropped(&events, cast.chen_jie));
    let events = say(
        &mut p,
        cast.mixed_group,
        cast.chen_jie,
        "冠状病毒会人传人，李文亮说",
    );
    for member in [cast.amira, cast.tom, cast.wang_fang] {
        assert_eq!(
            fate(&events, member).2,
            Some(Rule::ChinaSenderFilteredForAll)
        );
        assert!(dropped(&events, member));
    }
    // The other way round: a Canadian registration linking a Chinese number stays uncensored.
    let events = p
        .apply(Action::CreateAccount {
            name: "Lucas".into(),
            number: "+1 416 555 0177".into(),
        })
        .unwrap();
    let lucas = match events[0].kind {
        EventKind::AccountCreated { account, region } => {
            assert_eq!(region, Region::International);
            account
        }
        ref other => panic!("{other:?}"),
    };
    let linked = p
        .apply(Action::LinkNumber {
            account: lucas,
            number: "+86 138 0000 0009".into(),
        })
        .unwrap();
    assert_eq!(linked[0].rule.unwrap(), Rule::RegionFixedAtRegistration);
    assert_eq!(p.account(lucas).unwrap().region, Region::International);
    p.apply(Action::CreateChat {
        name: "Lucas & Tom".into(),
        feature: Feature::OneToOne,
        members: vec![lucas, cast.tom],
    })
    .unwrap();
    let events = say(&mut p, ChatId(3), lucas, "法轮功");
    assert_eq!(
        fate(&events, cast.tom),
        (
            EventKind::Delivered,
            None,
            Some(Rule::InternationalOnlyUnfiltered)
        )
    );
}

#[test]
fn rule2_china_sender_is_filtered_for_everyone_and_parts_alone_pass() {
    let (mut p, cast) = setup();
    let events = say(
        &mut p,
        cast.mixed_group,
        cast.wang_fang,
        "六四那年，学生们的民主运动",
    );
    for member in [cast.amira, cast.tom, cast.chen_jie] {
        assert!(dropped(&events, member), "{member}");
    }
    let id = message_of(&events);
    assert_eq!(
        sees(&p, cast.wang_fang, id).unwrap().status,
        MessageStatus::Sent
    );
    for member in [cast.amira, cast.tom, cast.chen_jie] {
        assert!(sees(&p, member, id).is_none());
    }
    // "If the keywords are sent individually they are received."
    for part in ["六四", "学生", "民主运动"] {
        let events = say(&mut p, cast.mixed_group, cast.wang_fang, part);
        assert!(!dropped(&events, cast.amira), "{part}");
    }
}

#[test]
fn rule2_mixed_group_with_both_settings_of_the_toggle() {
    let (mut p, cast) = setup();
    let text = "武汉的五大诉求";
    let events = say(&mut p, cast.mixed_group, cast.amira, text);
    assert!(dropped(&events, cast.wang_fang) && dropped(&events, cast.chen_jie));
    assert_eq!(
        fate(&events, cast.tom),
        (
            EventKind::Delivered,
            None,
            Some(Rule::MixedGroupInternational)
        )
    );
    assert!(sees(&p, cast.tom, message_of(&events)).is_some());

    with_options(&mut p, |o| o.mixed_group_international_receive = false);
    let events = say(&mut p, cast.mixed_group, cast.amira, text);
    assert_eq!(
        fate(&events, cast.tom),
        (
            EventKind::Dropped,
            Some(Rule::KeywordCombination),
            Some(Rule::MixedGroupInternational)
        )
    );
    assert!(dropped(&events, cast.wang_fang));
    assert!(sees(&p, cast.tom, message_of(&events)).is_none());
    // Files follow the same toggle.
    let md5 = sensitive_copy().md5;
    p.apply(Action::Edit(ListEdit::AddHash {
        feature: Feature::Group,
        md5,
        label: "poster".into(),
    }))
    .unwrap();
    let events = send(&mut p, cast.mixed_group, cast.amira, sensitive_copy());
    assert!(dropped(&events, cast.tom) && dropped(&events, cast.wang_fang));
    with_options(&mut p, |o| o.mixed_group_international_receive = true);
    let events = send(&mut p, cast.mixed_group, cast.amira, sensitive_copy());
    assert!(!dropped(&events, cast.tom) && dropped(&events, cast.wang_fang));
}

#[test]
fn rule3_international_chats_are_never_filtered_but_their_files_are_analysed() {
    let (mut p, cast) = setup();
    let events = say(&mut p, cast.international_chat, cast.amira, "习近平到武汉");
    assert_eq!(
        fate(&events, cast.tom),
        (
            EventKind::Delivered,
            None,
            Some(Rule::InternationalOnlyUnfiltered)
        )
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TextChecked { .. })),
        "text not even checked"
    );
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.kind, EventKind::AnalysisQueued { .. })),
        "text not analysed by default"
    );

    // Even a listed MD5 reaches an international recipient.
    let md5 = sensitive_copy().md5;
    p.apply(Action::Edit(ListEdit::AddHash {
        feature: Feature::OneToOne,
        md5,
        label: "poster".into(),
    }))
    .unwrap();
    let events = send(
        &mut p,
        cast.international_chat,
        cast.amira,
        sensitive_copy(),
    );
    assert_eq!(fate(&events, cast.tom).0, EventKind::Delivered);

    // A novel file is delivered, and analysed.
    let events = send(
        &mut p,
        cast.international_chat,
        cast.amira,
        text_file("notes.txt", "hello"),
    );
    assert_eq!(fate(&events, cast.tom).0, EventKind::Delivered);
    let queued = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
        .unwrap();
    assert_eq!(queued.rule.unwrap(), Rule::InternationalFilesAnalysed);
    assert_eq!(queued.policy.unwrap().confidence(), Confidence::Assumption);
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, _) = analysed(&events);
    assert!(matches!(
        text,
        TextOutcome::Checked {
            source: TextSource::Document,
            matched: None
        }
    ));
    assert!(!flagged);
    assert!(
        hash_added(&events).is_empty(),
        "only files found sensitive are added"
    );
}

#[test]
fn rule5_hash_hits_drop_in_real_time_and_indexes_are_separate() {
    let (mut p, cast) = setup();
    let md5 = sensitive_copy().md5;
    p.apply(Action::Edit(ListEdit::AddHash {
        feature: Feature::Group,
        md5,
        label: "poster".into(),
    }))
    .unwrap();
    // Not in the one-to-one index: delivered, then queued for analysis.
    let events = send(&mut p, cast.china_chat, cast.amira, sensitive_copy());
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::IndexLookup {
            feature: Feature::OneToOne,
            listed: None,
            ..
        }
    )));
    assert_eq!(
        fate(&events, cast.wang_fang),
        (
            EventKind::Delivered,
            Some(Rule::Md5Lookup),
            Some(Rule::ChinaRecipientFiltered)
        )
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
    );
    // In the group index: dropped at once for China-registered members, not analysed again.
    let events = send(&mut p, cast.mixed_group, cast.amira, sensitive_copy());
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::IndexLookup {
            feature: Feature::Group,
            listed: Some(_),
            ..
        }
    )));
    let drop = events
        .iter()
        .find(|e| e.kind == EventKind::Dropped && e.recipient == Some(cast.wang_fang))
        .unwrap();
    assert_eq!(
        drop.entry,
        Some(EntryRef::Hash {
            feature: Feature::Group,
            md5
        })
    );
    assert!(dropped(&events, cast.chen_jie));
    assert!(
        !events
            .iter()
            .any(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
    );
    // Keyword lists are per feature too: a group-only entry passes in one-to-one chat.
    let events = say(
        &mut p,
        cast.china_chat,
        cast.amira,
        "美国疾控中心谈冠状病毒",
    );
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
    let events = say(
        &mut p,
        cast.mixed_group,
        cast.amira,
        "美国疾控中心谈冠状病毒",
    );
    assert!(dropped(&events, cast.wang_fang));
}

#[test]
fn rule8_changed_bytes_give_a_new_md5_that_is_delivered_and_analysed_again() {
    let (mut p, cast) = setup();
    let listed = sensitive_copy();
    p.apply(Action::Edit(ListEdit::AddHash {
        feature: Feature::OneToOne,
        md5: listed.md5,
        label: "poster".into(),
    }))
    .unwrap();
    let half = imageops::resize(
        &sensitive_picture(),
        320,
        240,
        imageops::FilterType::Triangle,
    );
    let reencoded = jpeg_file("poster.jpg", &half, 74);
    assert_ne!(reencoded.md5, listed.md5);
    assert!(dropped(
        &send(&mut p, cast.china_chat, cast.amira, listed),
        cast.wang_fang
    ));
    let events = send(&mut p, cast.china_chat, cast.amira, reencoded);
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::AnalysisQueued { .. }))
    );
    let events = wait(&mut p, 10_000);
    assert!(analysed(&events).2, "the visual filter still recognises it");
    assert_eq!(hash_added(&events), vec![Feature::OneToOne]);
}

#[test]
fn realtime_censorship_of_novel_pictures_is_an_option() {
    let (mut p, cast) = setup();
    with_options(&mut p, |o| {
        o.realtime_novel_images = true;
        o.realtime_novel_percent = 100;
    });
    let events = send(&mut p, cast.china_chat, cast.amira, sensitive_copy());
    assert_eq!(
        fate(&events, cast.wang_fang).1,
        Some(Rule::RealtimeNovelImage)
    );
    assert!(dropped(&events, cast.wang_fang));
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::Analysed {
            trigger: Trigger::Realtime { .. },
            flagged: true,
            ..
        }
    )));
    // A benign novel picture is analysed too, and delivered.
    let events = send(
        &mut p,
        cast.china_chat,
        cast.amira,
        png_file("cat.png", &test_pictures::picture(3, 300, 200)),
    );
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
    with_options(&mut p, |o| o.realtime_novel_percent = 0);
    let half = imageops::resize(
        &sensitive_picture(),
        400,
        300,
        imageops::FilterType::Triangle,
    );
    let events = send(
        &mut p,
        cast.china_chat,
        cast.amira,
        png_file("poster2.png", &half),
    );
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
}

#[test]
fn a_platform_that_refuses_collision_files_drops_a_twin_never_seen_before() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples/twin-benign.jpg");
    let twin = std::fs::read(path).unwrap();
    let facts = || Box::new(analyse_file("twin-benign.jpg", "image/jpeg", &twin));
    let checked = |events: &[Event]| {
        events.iter().find_map(|e| match &e.kind {
            EventKind::CollisionChecked { blocks } => Some((blocks.clone(), e.rule)),
            _ => None,
        })
    };
    // Off, as WeChat evidently was: the benign twin, never seen, reaches Wang Fang.
    let (mut p, cast) = setup();
    let events = send(&mut p, cast.china_chat, cast.amira, facts());
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
    assert_eq!(checked(&events), None, "no check while the option is off");
    // On: its collision blocks are found, and it is dropped for her, silently, by that rule.
    with_options(&mut p, |o| o.refuse_collision_files = true);
    let events = send(&mut p, cast.china_chat, cast.amira, facts());
    let (blocks, rule) = checked(&events).expect("checked");
    assert_eq!(blocks.len(), 2);
    assert_eq!(rule, Some(Rule::CollisionRefusal));
    assert!(dropped(&events, cast.wang_fang));
    // Among international accounts nothing is filtered, so it still arrives (rule 3).
    let events = send(&mut p, cast.international_chat, cast.amira, facts());
    assert_eq!(fate(&events, cast.tom).0, EventKind::Delivered);
    // An ordinary picture is checked, carries no block, and is delivered.
    let plain = png_file("plain.png", &test_pictures::picture(3, 64, 48));
    let events = send(&mut p, cast.china_chat, cast.amira, plain);
    assert_eq!(checked(&events).map(|(b, _)| b), Some(vec![]));
    assert_eq!(fate(&events, cast.wang_fang).0, EventKind::Delivered);
}
