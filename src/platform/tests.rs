//! Scenario tests: every rule of product §2, the surveillance story, recall, evasion,
//! bad files, determinism and persistence.

use super::*;
use crate::filters::test_pictures::{self, grey_of};
use crate::filters::{ContentProblem, FileFacts, VisualMatcher, analyse_file};
use image::{RgbaImage, imageops};

/// The picture the censor's reference list holds.
fn sensitive_picture() -> RgbaImage {
    test_pictures::picture(11, 640, 480)
}

fn reference_seed() -> ReferenceSeed {
    ReferenceSeed {
        name: "Protest poster".into(),
        source: "generated test picture".into(),
        signature: PdqMatcher::default().signature(&grey_of(&sensitive_picture())),
        md5: None,
    }
}

fn setup() -> (Platform, Cast) {
    preset(42, vec![reference_seed()])
}

fn png_file(name: &str, img: &RgbaImage) -> Box<FileFacts> {
    Box::new(analyse_file(name, "image/png", &test_pictures::png(img)))
}

fn jpeg_file(name: &str, img: &RgbaImage, quality: u8) -> Box<FileFacts> {
    Box::new(analyse_file(
        name,
        "image/jpeg",
        &test_pictures::jpeg(img, quality),
    ))
}

/// A rescaled, recompressed copy of the sensitive picture: new bytes, new MD5, same look.
fn sensitive_copy() -> Box<FileFacts> {
    let half = imageops::resize(
        &sensitive_picture(),
        320,
        240,
        imageops::FilterType::Triangle,
    );
    jpeg_file("poster.jpg", &half, 75)
}

fn text_file(name: &str, text: &str) -> Box<FileFacts> {
    Box::new(analyse_file(name, "text/plain", text.as_bytes()))
}

fn say(p: &mut Platform, chat: ChatId, sender: AccountId, text: &str) -> Vec<Event> {
    p.apply(Action::SendText {
        chat,
        sender,
        text: text.into(),
    })
    .unwrap()
}

fn send(p: &mut Platform, chat: ChatId, sender: AccountId, facts: Box<FileFacts>) -> Vec<Event> {
    p.apply(Action::SendFile {
        chat,
        sender,
        facts,
    })
    .unwrap()
}

fn wait(p: &mut Platform, ms: u64) -> Vec<Event> {
    p.apply(Action::AdvanceClock { ms }).unwrap()
}

/// Delivered or Dropped for one recipient, with the rule and policy that decided.
fn fate(events: &[Event], recipient: AccountId) -> (EventKind, Option<Rule>, Option<Rule>) {
    let e = events
        .iter()
        .find(|e| {
            e.recipient == Some(recipient)
                && matches!(e.kind, EventKind::Delivered | EventKind::Dropped)
        })
        .unwrap_or_else(|| panic!("no decision for {recipient}"));
    (
        e.kind.clone(),
        e.rule.as_ref().map(|r| r.rule),
        e.policy.as_ref().map(|r| r.rule),
    )
}

fn dropped(events: &[Event], recipient: AccountId) -> bool {
    fate(events, recipient).0 == EventKind::Dropped
}

fn sees(p: &Platform, account: AccountId, message: MessageId) -> Option<MessageView> {
    let view = p.view(account).unwrap();
    view.chats
        .into_iter()
        .flat_map(|c| c.messages)
        .find(|m| m.message == message)
}

fn message_of(events: &[Event]) -> MessageId {
    events[0].message.expect("a send starts with Sent")
}

fn with_options(p: &mut Platform, change: impl FnOnce(&mut Options)) {
    let mut options = p.options().clone();
    change(&mut options);
    p.apply(Action::SetOptions(options)).unwrap();
}

fn add_keyword(p: &mut Platform, text: &str) {
    p.apply(Action::Edit(ListEdit::AddKeyword {
        text: text.into(),
        features: Feature::ALL.to_vec(),
    }))
    .unwrap();
}

fn hash_added(events: &[Event]) -> Vec<Feature> {
    events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::HashAdded { feature, .. } => Some(feature),
            _ => None,
        })
        .collect()
}

fn analysed(events: &[Event]) -> (&VisualOutcome, &TextOutcome, bool, &Event) {
    events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Analysed {
                visual,
                text,
                flagged,
                ..
            } => Some((visual, text, *flagged, e)),
            _ => None,
        })
        .expect("an analysis ran")
}

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
    assert_eq!(
        linked[0].rule.as_ref().unwrap().rule,
        Rule::RegionFixedAtRegistration
    );
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
    assert_eq!(
        queued.rule.as_ref().unwrap().rule,
        Rule::InternationalFilesAnalysed
    );
    assert_eq!(
        queued.policy.as_ref().unwrap().confidence,
        Confidence::Assumption
    );
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
    assert_eq!(
        queued.rule.as_ref().unwrap().confidence,
        Confidence::Unconfirmed
    );
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
    assert_eq!(
        event.rule.as_ref().unwrap().rule,
        Rule::InternationalTextAnalysed
    );
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
            hit: false,
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
            hit: true,
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
    assert_eq!(hash_added(&events), vec![Feature::OneToOne, Feature::Group]);
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
    assert_eq!(event.rule.as_ref().unwrap().rule, Rule::VisualSimilarity);
    assert_eq!(
        event.policy.as_ref().unwrap().rule,
        Rule::InternationalFilesAnalysed
    );
    assert_eq!(hash_added(&events), vec![Feature::OneToOne, Feature::Group]);
    let md5 = sensitive_copy().md5;
    let entry = p.lists().hashes.one_to_one.get(&md5).expect("learned");
    match &entry.provenance {
        Provenance::Learned {
            message,
            at,
            rule,
            matched,
        } => {
            assert_eq!((*message, *at), (first.0 as u64, due));
            assert_eq!(rule, "visual similarity");
            assert!(matched.contains("Protest poster"), "{matched}");
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
    assert_eq!(drop.rule.as_ref().unwrap().rule, Rule::Md5Lookup);
    assert_eq!(
        drop.entry,
        Some(EntryRef::Hash {
            feature: Feature::OneToOne,
            md5
        })
    );
    assert!(
        drop.text.contains("Dropped silently for Wang Fang"),
        "{}",
        drop.text
    );
    let lookup = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::IndexLookup { hit: true, .. }))
        .unwrap();
    assert!(
        lookup.text.contains(&format!("learned from {first}")),
        "{}",
        lookup.text
    );
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
    assert!(
        matches!(visual, VisualOutcome::Compared { similarity, .. } if similarity.distance > 31)
    );
    assert_eq!(
        text,
        &TextOutcome::NoText {
            reason: "OCR not available".into()
        }
    );
    assert_eq!(
        event.rule.as_ref().unwrap().rule,
        Rule::OnlySensitiveLearned
    );
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
    assert_eq!(recalled[0].kind, EventKind::Recalled);
    assert_eq!(
        recalled[0].rule.as_ref().unwrap().rule,
        Rule::RecalledStillAnalysed
    );
    let tom_sees = sees(&p, cast.tom, id).unwrap();
    assert_eq!(
        (tom_sees.status, tom_sees.content),
        (MessageStatus::Recalled, None)
    );
    let events = wait(&mut p, 10_000);
    let (_, _, flagged, event) = analysed(&events);
    assert!(flagged);
    assert_eq!(
        event.policy.as_ref().unwrap().rule,
        Rule::RecalledStillAnalysed
    );
    assert!(
        event.text.contains("recalled, but still analysed"),
        "{}",
        event.text
    );
    assert_eq!(hash_added(&events).len(), 2);
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
fn mirrored_and_stretched_variants_evade_while_a_recompressed_copy_is_caught() {
    let original = sensitive_picture();
    let variants = [
        (
            "mirrored.png",
            png_file("mirrored.png", &imageops::flip_horizontal(&original)),
            false,
        ),
        (
            "stretched.png",
            png_file(
                "stretched.png",
                &imageops::resize(&original, 960, 480, imageops::FilterType::Triangle),
            ),
            false,
        ),
        (
            "shorter.png",
            png_file(
                "shorter.png",
                &imageops::resize(&original, 640, 300, imageops::FilterType::Triangle),
            ),
            false,
        ),
        (
            "recompressed.jpg",
            jpeg_file("recompressed.jpg", &original, 60),
            true,
        ),
        ("rescaled.jpg", sensitive_copy(), true),
    ];
    for (name, facts, caught) in variants {
        let (mut p, cast) = setup();
        send(&mut p, cast.international_chat, cast.amira, facts);
        let events = wait(&mut p, 10_000);
        let (visual, _, flagged, event) = analysed(&events);
        assert_eq!(flagged, caught, "{name}: {}", event.text);
        let VisualOutcome::Compared { similarity, .. } = visual else {
            panic!("{name}: {visual:?}")
        };
        match name {
            "mirrored.png" => assert!(
                similarity.distance > 31 && similarity.aspect_ok,
                "{name}: {similarity:?}"
            ),
            "stretched.png" | "shorter.png" => {
                assert!(!similarity.aspect_ok, "{name}: {similarity:?}")
            }
            _ => assert!(similarity.distance <= 31, "{name}: {similarity:?}"),
        }
        assert_eq!(
            hash_added(&events).len(),
            if caught { 2 } else { 0 },
            "{name}"
        );
    }
}

#[test]
fn ocr_and_document_text_are_checked_against_keywords() {
    let (mut p, cast) = setup();
    let mut picture = analyse_file(
        "flyer.png",
        "image/png",
        &test_pictures::png(&test_pictures::picture(4, 300, 200)),
    );
    picture.ocr_text = Some("传单：习近平在广场喊口号".into());
    picture.ocr_note = None;
    send(
        &mut p,
        cast.international_chat,
        cast.amira,
        Box::new(picture),
    );
    let queued = p.pending_jobs()[0].due;
    assert!((3_000..=6_000).contains(&queued), "OCR delay: {queued}");
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(flagged);
    assert!(
        matches!(text, TextOutcome::Checked { source: TextSource::Ocr, matched: Some(m) } if m.combination == "习近平+喊口号")
    );
    assert_eq!(event.rule.as_ref().unwrap().rule, Rule::OcrKeywords);

    let doc = text_file(
        "report.txt",
        "内部报告：肺炎疫情……疾病预防控制中心……病毒样本……医学期刊投稿",
    );
    send(&mut p, cast.international_chat, cast.amira, doc);
    let events = wait(&mut p, 10_000);
    let (_, text, flagged, event) = analysed(&events);
    assert!(flagged, "{}", event.text);
    assert!(matches!(
        text,
        TextOutcome::Checked {
            source: TextSource::Document,
            ..
        }
    ));
    assert_eq!(event.rule.as_ref().unwrap().rule, Rule::DocumentText);
    let learned = p
        .lists()
        .hashes
        .one_to_one
        .iter()
        .find(|(_, e)| e.label == "report.txt")
        .unwrap();
    assert!(
        learned
            .1
            .provenance
            .describe()
            .contains("document text: keywords 肺炎+疾病预防控制+病毒+医学期刊")
    );
}

#[test]
fn learned_hash_target_chat_feature_only() {
    let (mut p, cast) = setup();
    with_options(&mut p, |o| o.learned_hash_target = LearnTarget::ChatFeature);
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
            job: None,
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
fn bad_files_are_hashed_routed_and_explained() {
    let good = test_pictures::png(&sensitive_picture());
    let files: Vec<(&str, &str, Vec<u8>)> = vec![
        ("empty.png", "image/png", vec![]),
        (
            "truncated.png",
            "image/png",
            good[..good.len() / 3].to_vec(),
        ),
        ("corrupt.png", "image/png", {
            let mut b = good.clone();
            let idat = b.windows(4).position(|w| w == b"IDAT").unwrap() + 8;
            b[idat..idat + 64].iter_mut().for_each(|x| *x ^= 0xA5);
            b
        }),
        ("photo.jpg", "image/jpeg", b"definitely not a JPEG".to_vec()),
        (
            "archive.zip",
            "application/zip",
            vec![0x50, 0x4B, 0x03, 0x04, 0, 0, 0xFF, 0xFE],
        ),
    ];
    let (mut p, cast) = setup();
    for (name, mime, bytes) in files {
        let facts = analyse_file(name, mime, &bytes);
        assert_eq!(facts.md5, crate::fingerprint::md5(&bytes), "{name}");
        let events = send(&mut p, cast.china_chat, cast.amira, Box::new(facts.clone()));
        assert_eq!(
            fate(&events, cast.wang_fang).0,
            EventKind::Delivered,
            "{name}"
        );
        let events = wait(&mut p, 10_000);
        let (visual, text, flagged, event) = analysed(&events);
        assert!(!flagged, "{name}");
        match name {
            "archive.zip" => assert_eq!(visual, &VisualOutcome::NotAPicture),
            _ => {
                let VisualOutcome::Unreadable { reason } = visual else {
                    panic!("{name}: {visual:?}")
                };
                assert_eq!(
                    reason,
                    &facts.problem.clone().unwrap().to_string(),
                    "{name}"
                );
            }
        }
        assert!(
            matches!(text, TextOutcome::NoText { .. }),
            "{name}: {text:?}"
        );
        assert!(event.text.contains(name), "{}", event.text);
    }
    let problems: Vec<_> = p
        .messages()
        .iter()
        .map(|m| match &m.content {
            Content::File(f) => f.problem.clone().unwrap(),
            Content::Text(_) => unreachable!(),
        })
        .collect();
    assert_eq!(problems[0], ContentProblem::Empty);
    assert!(
        matches!(problems[1], ContentProblem::Truncated(_)),
        "{:?}",
        problems[1]
    );
    assert!(
        matches!(
            problems[2],
            ContentProblem::Corrupt(_) | ContentProblem::Truncated(_)
        ),
        "{:?}",
        problems[2]
    );
    assert_eq!(problems[3], ContentProblem::NotAPicture);
    assert_eq!(problems[4], ContentProblem::Unsupported);
}

/// A scenario touching every action, for determinism and persistence tests.
fn script(cast: &Cast) -> Vec<Action> {
    let options = Options {
        realtime_novel_images: true,
        realtime_novel_percent: 50,
        ..Options::default()
    };
    vec![
        Action::SetOptions(options),
        Action::SendText {
            chat: cast.mixed_group,
            sender: cast.amira,
            text: "武汉+五大诉求? 武汉五大诉求".into(),
        },
        Action::SendFile {
            chat: cast.international_chat,
            sender: cast.amira,
            facts: sensitive_copy(),
        },
        Action::SendFile {
            chat: cast.international_chat,
            sender: cast.tom,
            facts: text_file("a.txt", "习近平到武汉"),
        },
        Action::AdvanceClock { ms: 2_500 },
        Action::Recall {
            message: MessageId(3),
            by: cast.tom,
        },
        Action::SendFile {
            chat: cast.china_chat,
            sender: cast.amira,
            facts: png_file("cat.png", &test_pictures::picture(3, 300, 200)),
        },
        Action::AdvanceClock { ms: 10_000 },
        Action::SendFile {
            chat: cast.china_chat,
            sender: cast.amira,
            facts: sensitive_copy(),
        },
        Action::Edit(ListEdit::AddKeyword {
            text: "帶來+調整+整體+領域".into(),
            features: vec![Feature::Group],
        }),
        Action::Edit(ListEdit::RemoveKeyword { id: 1 }),
        Action::LinkNumber {
            account: cast.wang_fang,
            number: "+852 5123 4567".into(),
        },
        Action::AdvanceClock { ms: 1_000 },
    ]
}

fn run(seed: u64) -> Platform {
    let (mut p, cast) = preset(seed, vec![reference_seed()]);
    for action in script(&cast) {
        p.apply(action).unwrap();
    }
    p
}

#[test]
fn same_seed_and_actions_give_the_same_log() {
    let a = serde_json::to_string(run(7).log()).unwrap();
    let b = serde_json::to_string(run(7).log()).unwrap();
    assert_eq!(a, b);
    assert!(
        a.contains("\"kind\":\"hash_added\""),
        "the script learns a hash"
    );
    // Another seed draws other delays.
    assert_ne!(a, serde_json::to_string(run(8).log()).unwrap());
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
    assert_eq!(hash_added(&events).len(), 2, "learned once");
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::AnalysisSkipped { .. }))
            .count(),
        1
    );
}

#[test]
fn whole_state_json_round_trip() {
    let p = run(3);
    let json = p.to_json();
    let restored = Platform::from_json(&json).unwrap();
    assert_eq!(restored, p);
    // The restored platform carries on exactly as the original would.
    let (mut a, mut b) = (p, restored);
    let cast = preset(3, vec![]).1;
    for platform in [&mut a, &mut b] {
        platform
            .apply(Action::SendFile {
                chat: cast.china_chat,
                sender: cast.tom,
                facts: sensitive_copy(),
            })
            .ok();
        platform
            .apply(Action::SendFile {
                chat: cast.international_chat,
                sender: cast.tom,
                facts: text_file("c.txt", "x"),
            })
            .unwrap();
        platform.apply(Action::AdvanceClock { ms: 9_000 }).unwrap();
    }
    assert_eq!(
        serde_json::to_string(a.log()).unwrap(),
        serde_json::to_string(b.log()).unwrap()
    );
    assert!(
        Platform::from_json("{\"seed\": 1}")
            .unwrap_err()
            .contains("not a saved hashwall state")
    );
}

#[test]
fn lists_export_and_import() {
    let p = run(5);
    let exported = p.lists().to_json();
    assert!(
        exported.contains("\"from\": \"learned\""),
        "learned provenance is exported"
    );
    let imported = Lists::from_json(&exported).unwrap();
    assert_eq!(&imported, p.lists());
    let (mut fresh, _) = setup();
    let events = fresh
        .apply(Action::Edit(ListEdit::Import(Box::new(imported))))
        .unwrap();
    assert_eq!(
        events[0].kind,
        EventKind::ListEdited {
            change: ListChange::Imported
        }
    );
    assert_eq!(fresh.lists(), p.lists());
    let mut bad = p.lists().clone();
    bad.keywords[0].features.clear();
    let before = fresh.to_json();
    assert!(matches!(
        fresh.apply(Action::Edit(ListEdit::Import(Box::new(bad)))),
        Err(ActionError::BadEdit(_))
    ));
    assert_eq!(fresh.to_json(), before, "a refused import changes nothing");
}

#[test]
fn list_edits_are_logged_with_their_entries() {
    let (mut p, _) = setup();
    let md5 = crate::fingerprint::md5(b"x");
    let e = p
        .apply(Action::Edit(ListEdit::AddHash {
            feature: Feature::Group,
            md5,
            label: "x".into(),
        }))
        .unwrap();
    assert_eq!(
        e[0].entry,
        Some(EntryRef::Hash {
            feature: Feature::Group,
            md5
        })
    );
    assert!(matches!(
        p.lists().hashes.group.get(&md5).unwrap().provenance,
        Provenance::Manual { at: 0 }
    ));
    assert!(
        p.apply(Action::Edit(ListEdit::AddHash {
            feature: Feature::Group,
            md5,
            label: "x".into()
        }))
        .is_err()
    );
    p.apply(Action::Edit(ListEdit::RemoveHash {
        feature: Feature::Group,
        md5,
    }))
    .unwrap();
    assert!(
        p.apply(Action::Edit(ListEdit::RemoveHash {
            feature: Feature::Group,
            md5
        }))
        .is_err()
    );

    let signature = PdqMatcher::default().signature(&grey_of(&test_pictures::picture(9, 200, 200)));
    let e = p
        .apply(Action::Edit(ListEdit::AddReference {
            name: "Tank".into(),
            signature,
        }))
        .unwrap();
    assert_eq!(
        e[0].entry,
        Some(EntryRef::Reference {
            id: 2,
            name: "Tank".into()
        })
    );
    let flat = PdqMatcher::default().signature(&grey_of(&RgbaImage::from_pixel(
        50,
        50,
        image::Rgba([9, 9, 9, 255]),
    )));
    let e = p
        .apply(Action::Edit(ListEdit::AddReference {
            name: "Blank".into(),
            signature: flat,
        }))
        .unwrap();
    assert!(e[0].text.contains("too featureless"), "{}", e[0].text);
    p.apply(Action::Edit(ListEdit::RemoveReference { id: 2 }))
        .unwrap();
    assert!(
        p.apply(Action::Edit(ListEdit::RemoveReference { id: 2 }))
            .is_err()
    );

    let err = p.apply(Action::Edit(ListEdit::AddKeyword {
        text: "武汉+".into(),
        features: vec![Feature::Group],
    }));
    assert!(err.unwrap_err().to_string().contains("part 2"));
}

#[test]
fn invalid_actions_are_refused_and_change_nothing() {
    let (mut p, cast) = setup();
    let before = p.to_json();
    let refused = [
        Action::SendText {
            chat: cast.international_chat,
            sender: cast.wang_fang,
            text: "hi".into(),
        },
        Action::SendText {
            chat: ChatId(9),
            sender: cast.amira,
            text: "hi".into(),
        },
        Action::SendText {
            chat: cast.international_chat,
            sender: cast.amira,
            text: "  ".into(),
        },
        Action::SendFile {
            chat: cast.china_chat,
            sender: AccountId(9),
            facts: sensitive_copy(),
        },
        Action::CreateAccount {
            name: "X".into(),
            number: "12345".into(),
        },
        Action::CreateAccount {
            name: " ".into(),
            number: "+1 604 555 0100".into(),
        },
        Action::LinkNumber {
            account: cast.amira,
            number: "+1".into(),
        },
        Action::CreateChat {
            name: "Trio".into(),
            feature: Feature::OneToOne,
            members: vec![cast.amira, cast.tom, cast.wang_fang],
        },
        Action::CreateChat {
            name: "Dup".into(),
            feature: Feature::Group,
            members: vec![cast.amira, cast.amira],
        },
        Action::SetOptions(Options {
            ocr_delay: DelayRange::new(9, 1),
            ..Options::default()
        }),
    ];
    for action in refused {
        let err = p.apply(action.clone()).expect_err(&format!("{action:?}"));
        assert!(!err.to_string().is_empty());
        assert_eq!(p.to_json(), before, "{action:?} changed the state");
    }
}

#[test]
fn every_decision_cites_a_sourced_rule() {
    let p = run(11);
    for e in p.log() {
        if matches!(e.kind, EventKind::Delivered | EventKind::Dropped) {
            let policy = e
                .policy
                .as_ref()
                .expect("per-recipient decisions cite their policy");
            assert!(policy.source.contains("wechat-facts"), "{policy}");
        }
        if matches!(
            e.kind,
            EventKind::Dropped | EventKind::Analysed { .. } | EventKind::HashAdded { .. }
        ) {
            assert!(e.rule.is_some(), "{e:?}");
        }
        assert!(!e.text.is_empty());
    }
    assert_eq!(
        p.log().iter().map(|e| e.seq).collect::<Vec<_>>(),
        (1..=p.log().len() as u64).collect::<Vec<_>>()
    );
}

#[test]
fn a_damaged_save_is_refused() {
    let (p, _) = setup();
    let mut value: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
    value["chats"][0]["members"][1] = serde_json::json!(99);
    let err = Platform::from_json(&value.to_string()).unwrap_err();
    assert!(
        err.contains("damaged") && err.contains("account #99"),
        "{err}"
    );
}
