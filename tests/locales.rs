//! The two languages stay in step: every message exists in both, with the same placeholders,
//! the Chinese is translated (not English copied over), the fetched catalogue matches its
//! sources, and every key the code asks for exists.

use hashwall::l10n::{self, catalogue};
use hashwall::scenario::address::Lang;
use std::collections::BTreeSet;
use std::path::Path;

/// Messages that are rightly the same in both languages: names, and the language menu's
/// autonyms.
const SAME_IN_BOTH: &[&str] = &["shell.name", "view.lang_en", "view.lang_zh"];

#[test]
fn every_area_has_both_languages_with_the_same_keys_and_placeholders() {
    both_languages_agree(
        &catalogue::areas("en").unwrap(),
        &catalogue::areas("zh-CN").unwrap(),
    );
}

#[test]
fn the_later_parts_have_both_languages_too() {
    let en = catalogue::later_areas("en").unwrap();
    assert!(
        !en.is_empty(),
        "the evasion lab's messages are in locales/later"
    );
    both_languages_agree(&en, &catalogue::later_areas("zh-CN").unwrap());
    // No key is both compiled in and fetched later.
    let compiled = catalogue::merged("en").unwrap();
    let later = catalogue::later_merged("en").unwrap();
    assert!(later.keys().all(|k| !compiled.contains_key(k)));
}

fn both_languages_agree(
    en: &[(String, catalogue::Messages)],
    zh: &[(String, catalogue::Messages)],
) {
    let names = |areas: &[(String, catalogue::Messages)]| {
        areas.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        names(en),
        names(zh),
        "the same area files in locales/en and locales/zh-CN"
    );
    let mut problems = Vec::new();
    for ((area, en), (_, zh)) in en.iter().zip(zh) {
        for key in en.keys().filter(|k| !zh.contains_key(*k)) {
            problems.push(format!("{area}: {key} has no Chinese"));
        }
        for key in zh.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!("{area}: {key} has no English"));
        }
        for (key, text) in en {
            let Some(chinese) = zh.get(key) else { continue };
            if text.trim().is_empty() || chinese.trim().is_empty() {
                problems.push(format!("{area}: {key} is empty"));
            }
            if catalogue::placeholders(text) != catalogue::placeholders(chinese) {
                problems.push(format!("{area}: {key} has other placeholders in Chinese"));
            }
            let words = text
                .split_whitespace()
                .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
                .count();
            if chinese == text && words >= 2 && !SAME_IN_BOTH.contains(&key.as_str()) {
                problems.push(format!("{area}: {key} is English in the Chinese file"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_fetched_catalogues_are_up_to_date() {
    let written = catalogue::written().unwrap();
    assert_eq!(
        written.len(),
        3,
        "Chinese, and the later parts in both languages"
    );
    for (path, json) in written {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == json,
            "{} is stale: run `cargo run --bin locales`",
            path.display()
        );
    }
}

/// Every `t!("…")` and `message!("…")` key written in the code, with the file it is in.
fn keys_in_code(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            keys_in_code(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let calls = text
                .match_indices("t!(\"")
                .chain(text.match_indices("message!(\""));
            for (at, call) in calls {
                // `t!(` itself, not the end of `format!(` or `print!(`.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &text[at + call.len()..];
                if let Some(end) = rest.find('"') {
                    out.push((rest[..end].to_string(), path.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn every_key_the_code_asks_for_exists() {
    let mut en = catalogue::merged("en").unwrap();
    let compiled_in = en.clone();
    en.extend(catalogue::later_merged("en").unwrap());
    let mut used = Vec::new();
    keys_in_code(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut used,
    );
    assert!(
        used.len() > 20,
        "the scan found the code's keys ({})",
        used.len()
    );
    let missing: BTreeSet<String> = used
        .iter()
        .filter(|(key, _)| !en.contains_key(key))
        .map(|(key, file)| format!("{key} ({file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys with no message:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    // The compiled-in English is the same catalogue the sources describe.
    for key in compiled_in.keys().take(50) {
        assert!(l10n::has_key(key), "{key} is not compiled in");
    }
}

#[test]
fn chinese_is_served_once_loaded_and_english_stays_the_fallback() {
    let json = std::fs::read_to_string(catalogue::fetched_path()).unwrap();
    let count = l10n::load(Lang::ZhCn, &json).unwrap();
    assert_eq!(count, catalogue::merged("zh-CN").unwrap().len());
    assert!(l10n::is_loaded(Lang::ZhCn));
    let zh = l10n::text_in(Lang::ZhCn, "shell.page.replication");
    let en = l10n::text_in(Lang::En, "shell.page.replication");
    assert_eq!(en, "Guided replication");
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{zh}"
    );
    assert!(
        l10n::load(Lang::ZhCn, "[1, 2]").is_err(),
        "a damaged catalogue is refused"
    );
    assert_eq!(
        l10n::text_in(Lang::ZhCn, "shell.page.replication"),
        zh,
        "and the loaded one kept"
    );
}
