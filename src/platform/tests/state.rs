//! Determinism, persistence, the console's edits, refused actions and citations.

use super::*;

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
    assert!(matches!(
        events[0].kind,
        EventKind::ListEdited {
            change: ListChange::Imported { .. }
        }
    ));
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

    let signature = default_matcher().signature(&grey_of(&test_pictures::picture(9, 200, 200)));
    let e = p
        .apply(Action::Edit(ListEdit::AddReference {
            name: "Tank".into(),
            signature,
            pdq: None,
        }))
        .unwrap();
    assert_eq!(
        e[0].entry,
        Some(EntryRef::Reference {
            id: 2,
            name: "Tank".into()
        })
    );
    let flat = default_matcher().signature(&grey_of(&RgbaImage::from_pixel(
        50,
        50,
        image::Rgba([9, 9, 9, 255]),
    )));
    let e = p
        .apply(Action::Edit(ListEdit::AddReference {
            name: "Blank".into(),
            signature: flat,
            pdq: None,
        }))
        .unwrap();
    let said = narrate::event(&e[0], &p);
    assert!(said.contains("too featureless"), "{said}");
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
            let policy = e.policy.expect("per-recipient decisions cite their policy");
            assert!(policy.record().source().contains("sources §"), "{policy}");
        }
        if matches!(
            e.kind,
            EventKind::Dropped | EventKind::Analysed { .. } | EventKind::HashAdded { .. }
        ) {
            assert!(e.rule.is_some(), "{e:?}");
        }
        assert!(!narrate::event(e, &p).is_empty());
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
