//! The sandbox's starting cast and lists: two China-registered accounts (one
//! now using a Canadian number), two international ones, an international-only chat, a
//! one-to-one chat with a China-registered account, a mixed group, and a seeded keyword
//! list of real combinations. The reference pictures come from the caller, which owns the
//! sample images.

use super::lists::{KeywordEntry, VisualReference};
use super::model::{AccountId, ChatId, Feature};
use super::{Action, Platform};
use crate::filters::{Combination, HashEntry, Provenance, VisualSignature};
use crate::fingerprint::Digest;
use crate::t;
use std::borrow::Cow;

const BOTH: &[Feature] = &[Feature::OneToOne, Feature::Group];
const GROUP: &[Feature] = &[Feature::Group];

/// Why some entries are on the group list only.
const GROUP_ONLY: &str = "group list only here, as group lists are larger than one-to-one lists \
                          (S7 data: 60 combinations blocked in group chat, 41 of them in one-to-one; \
                          sources §1.5)";
/// Why the COVID entries sit on the one-to-one list too.
const BOTH_BY_CHOICE: &str = "observed in group-chat tests; on the one-to-one list too by this \
                              simulator's choice (A13)";
/// Where a seeded reference's MD5 sits, after the reference's own source.
const SAMPLE_MD5: &str = "the sample file's MD5, group index only (T4, sources §1.5)";

/// The seeded keyword entries: text, features, source. The lists are dated snapshots of
/// 2016–2020 (the real ones change over time, sources §3.4); which feature's list each entry
/// sits on is this simulator's choice (A13), said in its source. The sources are the lists'
/// data, in English; [`seeded_source_text`] shows them in the page's language.
pub const SEEDED_KEYWORDS: [(&str, &[Feature], &str); 12] = [
    (
        "冠状病毒+人传人+李文亮",
        BOTH,
        "S12 coronavirus/wechat.csv, detected 9 Feb 2020 (sources §3.5)",
    ),
    (
        "诺贝尔和平奖+提名+李文亮",
        BOTH,
        "S12 coronavirus/wechat.csv, detected 11 Feb 2020 (sources §3.5)",
    ),
    (
        "习近平+喊口号",
        BOTH,
        "S12 coronavirus/wechat.csv, detected 13 Feb 2020 (sources §3.5)",
    ),
    (
        "习近平到武汉",
        BOTH,
        "S12 coronavirus/wechat.csv, a single phrase, detected 4 Feb 2020 (sources §3.5)",
    ),
    (
        "帶來+調整+整體+領域",
        BOTH,
        "not an observed WeChat entry: a synthetic test case from the Citizen Lab's \
         keyword-isolation simulator code (S11), parts overlapping in 整 (sources §3.3)",
    ),
    (
        "法轮功",
        GROUP,
        "T3 on S5: blocked in one-to-one chat in June 2016, but passed there by August 2016, \
         so only on the group list here (sources §1.5)",
    ),
    (
        "法輪功",
        BOTH,
        "S12: the traditional spelling is a separate entry (sources §3.3)",
    ),
    (
        "武汉+五大诉求",
        GROUP,
        "S12 coronavirus/wechat.csv, detected 11 Feb 2020 (sources §3.5)",
    ),
    (
        "美国疾控中心+冠状病毒",
        GROUP,
        "S12 coronavirus/wechat.csv, detected 11 Feb 2020 (sources §3.5)",
    ),
    (
        "肺炎+疾病预防控制+病毒+医学期刊",
        GROUP,
        "S12 coronavirus/wechat.csv, detected 14 Feb 2020 (sources §3.5)",
    ),
    (
        "六四+学生+民主运动",
        GROUP,
        "S5 figure caption via T2: blocked in group chat in 2016, each part alone passed \
         (sources §1.4)",
    ),
    (
        "中国大陆+王全璋的妻子+家属的打压",
        GROUP,
        "S6 via T13 (sources §3.2)",
    ),
];

/// The features whose seeded lists hold an entry that `text` completes, if any (for the
/// tray's captions: "blocked in group chats").
pub fn seeded_features_blocking(text: &str) -> Vec<Feature> {
    let mut features: Vec<Feature> = SEEDED_KEYWORDS
        .iter()
        .filter(|(entry, _, _)| {
            Combination::parse(entry)
                .ok()
                .and_then(|c| crate::filters::KeywordMatcher::new([&c]).ok())
                .is_some_and(|m| m.first(text).is_some())
        })
        .flat_map(|(_, features, _)| features.iter().copied())
        .collect();
    features.sort();
    features.dedup();
    features
}

/// The source seeded keyword `i` carries in the lists (English, as exported).
fn keyword_source(i: usize) -> String {
    let (_, features, source) = SEEDED_KEYWORDS[i];
    if features == GROUP {
        format!("{source}; {GROUP_ONLY}")
    } else if source.contains("coronavirus") {
        format!("{source}; {BOTH_BY_CHOICE}")
    } else {
        source.to_string()
    }
}

/// [`keyword_source`] in the current language.
fn keyword_source_text(i: usize) -> String {
    let source = match i {
        0 => t!("platform.preset.keyword_1"),
        1 => t!("platform.preset.keyword_2"),
        2 => t!("platform.preset.keyword_3"),
        3 => t!("platform.preset.keyword_4"),
        4 => t!("platform.preset.keyword_5"),
        5 => t!("platform.preset.keyword_6"),
        6 => t!("platform.preset.keyword_7"),
        7 => t!("platform.preset.keyword_8"),
        8 => t!("platform.preset.keyword_9"),
        9 => t!("platform.preset.keyword_10"),
        10 => t!("platform.preset.keyword_11"),
        _ => t!("platform.preset.keyword_12"),
    };
    let (_, features, english) = SEEDED_KEYWORDS[i];
    let note: Cow<'static, str> = if features == GROUP {
        t!("platform.preset.group_only")
    } else if english.contains("coronavirus") {
        t!("platform.preset.both_by_choice")
    } else {
        return source.into_owned();
    };
    t!("platform.preset.with_note", source = source, note = note).into_owned()
}

/// A seeded entry's source (see [`Provenance::Seeded`]) in the current language, for the
/// interface: the sources this module wrote are translated; any other words (a reference
/// picture's own source, an imported list's) are kept as they are.
pub fn seeded_source_text(source: &str) -> String {
    if let Some(i) = (0..SEEDED_KEYWORDS.len()).find(|&i| keyword_source(i) == source) {
        return keyword_source_text(i);
    }
    match source
        .strip_suffix(SAMPLE_MD5)
        .and_then(|s| s.strip_suffix("; "))
    {
        Some(own) => t!(
            "platform.preset.with_note",
            source = own,
            note = t!("platform.preset.sample_md5")
        )
        .into_owned(),
        None => source.to_string(),
    }
}

/// A reference picture supplied by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceSeed {
    pub name: String,
    /// Where the picture comes from, shown as its provenance.
    pub source: String,
    pub signature: VisualSignature,
    /// PDQ's signature of the same picture, for the comparison with PDQ.
    pub pdq: Option<VisualSignature>,
    /// The MD5 of the sample file, if it should start in the group hash index (as an
    /// already-known sensitive picture; the one-to-one index starts empty, so the group
    /// index is the larger).
    pub md5: Option<Digest>,
}

/// The ids of the preset's accounts and chats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cast {
    /// China-registered, in China.
    pub wang_fang: AccountId,
    /// China-registered, now using a Canadian number: still censored (rule 1).
    pub chen_jie: AccountId,
    /// International (Canada).
    pub amira: AccountId,
    /// International (United Kingdom).
    pub tom: AccountId,
    /// One-to-one, Amira and Tom: international only.
    pub international_chat: ChatId,
    /// One-to-one, Amira and Wang Fang.
    pub china_chat: ChatId,
    /// Group of all four.
    pub mixed_group: ChatId,
}

/// The sandbox's starting state.
pub fn preset(seed: u64, references: Vec<ReferenceSeed>) -> (Platform, Cast) {
    let mut p = Platform::new(seed);
    let run = |p: &mut Platform, action: Action| {
        p.apply(action)
            .expect("the preset's actions are valid by construction");
    };
    let account = |name: &str, number: &str| Action::CreateAccount {
        name: name.into(),
        number: number.into(),
    };
    run(&mut p, account("Wang Fang", "+86 138 0000 0001"));
    run(&mut p, account("Chen Jie", "+86 139 0000 0002"));
    run(&mut p, account("Amira", "+1 604 555 0199"));
    run(&mut p, account("Tom", "+44 20 7946 0958"));
    let (wang_fang, chen_jie, amira, tom) =
        (AccountId(0), AccountId(1), AccountId(2), AccountId(3));
    run(
        &mut p,
        Action::LinkNumber {
            account: chen_jie,
            number: "+1 416 555 0134".into(),
        },
    );
    let chat = |name: &str, feature, members: Vec<AccountId>| Action::CreateChat {
        name: name.into(),
        feature,
        members,
    };
    run(
        &mut p,
        chat("Amira & Tom", Feature::OneToOne, vec![amira, tom]),
    );
    run(
        &mut p,
        chat(
            "Amira & Wang Fang",
            Feature::OneToOne,
            vec![amira, wang_fang],
        ),
    );
    run(
        &mut p,
        chat(
            "Study group",
            Feature::Group,
            vec![amira, tom, wang_fang, chen_jie],
        ),
    );

    run(&mut p, seeded_lists(references));

    (
        p,
        Cast {
            wang_fang,
            chen_jie,
            amira,
            tom,
            international_chat: ChatId(0),
            china_chat: ChatId(1),
            mixed_group: ChatId(2),
        },
    )
}

/// The censor's starting lists: the seeded keywords and the reference pictures (the latter's
/// MD5 in the group index where a seed says so), as one import.
fn seeded_lists(references: Vec<ReferenceSeed>) -> Action {
    let mut lists = super::Lists::default();
    for (i, (text, features, _)) in SEEDED_KEYWORDS.iter().enumerate() {
        let source = keyword_source(i);
        lists.keywords.push(KeywordEntry {
            id: i as u32 + 1,
            combination: Combination::parse(text).expect("seeded keywords are well formed"),
            features: features.to_vec(),
            provenance: Provenance::Seeded { source },
        });
    }
    for (i, seed) in references.into_iter().enumerate() {
        if let Some(md5) = seed.md5 {
            let source = format!("{}; {SAMPLE_MD5}", seed.source);
            lists.hashes.group.insert(
                md5,
                HashEntry {
                    label: seed.name.clone(),
                    provenance: Provenance::Seeded { source },
                },
            );
        }
        lists.references.push(VisualReference {
            id: i as u32 + 1,
            name: seed.name,
            signature: seed.signature,
            pdq: seed.pdq,
            provenance: Provenance::Seeded {
                source: seed.source,
            },
        });
    }
    Action::Edit(super::ListEdit::Import(Box::new(lists)))
}

/// The ids of the guided replication's accounts and chats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplicationCast {
    /// International (Canada): sends every file of every trial.
    pub amira: AccountId,
    /// International (United Kingdom).
    pub tom: AccountId,
    /// International (Germany).
    pub lena: AccountId,
    /// China-registered: the account whose censorship is measured.
    pub wang_fang: AccountId,
    /// A group of international accounts only, where the trigger is sent (as in the 2019
    /// trials, sources §6.4).
    pub trigger_chat: ChatId,
    /// A group with the China-registered account, where the control and the measurement
    /// are sent (a group too, so that what the trigger teaches applies here, A4).
    pub measure_chat: ChatId,
}

/// The guided replication's cast: the Citizen Lab's two conversations (sources §6.1).
pub fn replication_preset(
    seed: u64,
    references: Vec<ReferenceSeed>,
) -> (Platform, ReplicationCast) {
    let mut p = Platform::new(seed);
    let run = |p: &mut Platform, action: Action| {
        p.apply(action)
            .expect("the preset's actions are valid by construction");
    };
    for (name, number) in [
        ("Amira", "+1 604 555 0199"),
        ("Tom", "+44 20 7946 0958"),
        ("Lena", "+49 30 5557 0123"),
        ("Wang Fang", "+86 138 0000 0001"),
    ] {
        run(
            &mut p,
            Action::CreateAccount {
                name: name.into(),
                number: number.into(),
            },
        );
    }
    let (amira, tom, lena, wang_fang) = (AccountId(0), AccountId(1), AccountId(2), AccountId(3));
    for (name, members) in [
        ("Friends abroad", vec![amira, tom, lena]),
        ("Family group", vec![amira, tom, wang_fang]),
    ] {
        run(
            &mut p,
            Action::CreateChat {
                name: name.into(),
                feature: Feature::Group,
                members,
            },
        );
    }
    run(&mut p, seeded_lists(references));
    (
        p,
        ReplicationCast {
            amira,
            tom,
            lena,
            wang_fang,
            trigger_chat: ChatId(0),
            measure_chat: ChatId(1),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_sources_read_the_same_in_english() {
        for i in 0..SEEDED_KEYWORDS.len() {
            let source = keyword_source(i);
            assert_eq!(seeded_source_text(&source), source, "keyword {}", i + 1);
        }
        let reference = format!("a sample picture; {SAMPLE_MD5}");
        assert_eq!(seeded_source_text(&reference), reference);
        assert_eq!(seeded_source_text("typed by hand"), "typed by hand");
    }
}
