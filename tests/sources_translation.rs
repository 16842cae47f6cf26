//! The Chinese words of the sources page and the sample tray stay in step with the English.
//!
//! - `docs/sources.zh-CN.md`, which the sources page shows in Chinese, has the sections,
//!   entries, anchors and bracket tags of `docs/sources.md`, in the same order, and every
//!   citation in it lands on an entry.
//! - Every tray sample has its title, caption and source line in both languages. Those keys
//!   are made from the sample's id at run time, so no scan of the code finds them; the English
//!   messages must also equal the sample's own data, which `index.json` keeps.

use hashwall::l10n::catalogue;
use hashwall::samples;
use hashwall::scenario::sources::{Block, Inline, Piece, Section, anchors, inline, parse, pieces};
use std::path::PathBuf;

fn docs(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name)
}

fn english() -> Vec<Section> {
    parse(&std::fs::read_to_string(docs("sources.md")).expect("docs/sources.md"))
}

fn chinese() -> Vec<Section> {
    let path = docs("sources.zh-CN.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}): the sources page shows it in Chinese. Write it as \
             docs/sources.md translated: the same headings, anchors (<a id=\"…\"></a>) and \
             [confidence; sources] brackets, the prose in Chinese.",
            path.display()
        )
    });
    parse(&text)
}

/// What must match between the two files in one section: its level and anchor, then each
/// fact (anchor, confidence, the citations of its bracket) and each table's size, in order.
/// Prose may be split differently; these may not.
fn outline(section: &Section) -> Vec<String> {
    let mut out = vec![format!(
        "heading level {} anchor {:?}",
        section.level, section.anchor
    )];
    for block in &section.blocks {
        match block {
            Block::Paragraph(_) => {}
            Block::Fact {
                anchor,
                confidence,
                sources,
                ..
            } => {
                let cited: Vec<String> = sources.as_deref().map(citations).unwrap_or_default();
                out.push(format!(
                    "entry anchor {anchor:?} confidence {confidence:?} citing {cited:?}"
                ));
            }
            Block::Table { header, rows } => {
                out.push(format!(
                    "table of {} columns and {} rows",
                    header.len(),
                    rows.len()
                ));
            }
        }
    }
    out
}

/// The anchors a text cites, in order.
fn citations(text: &str) -> Vec<String> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Cite { anchor, .. } => Some(anchor),
            Piece::Text(_) => None,
        })
        .collect()
}

/// Every piece of text of a file, with where it is (for messages).
fn texts(sections: &[Section]) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for s in sections {
        let at = s.anchor.clone().unwrap_or_else(|| s.title.clone());
        out.push((format!("the heading {:?}", s.title), s.title.as_str()));
        for b in &s.blocks {
            match b {
                Block::Paragraph(text) => {
                    out.push((format!("a paragraph under {at}"), text.as_str()));
                }
                Block::Fact {
                    anchor,
                    text,
                    sources,
                    ..
                } => {
                    let at = format!(
                        "the entry {} under {at}",
                        anchor.as_deref().unwrap_or("(no anchor)")
                    );
                    out.push((at.clone(), text.as_str()));
                    out.extend(sources.as_deref().map(|s| (at, s)));
                }
                Block::Table { header, rows } => {
                    for cell in header.iter().chain(rows.iter().flatten()) {
                        out.push((format!("a table under {at}"), cell.as_str()));
                    }
                }
            }
        }
    }
    out
}

/// The citations and in-file links of a file that land on no entry of it.
fn unresolved(sections: &[Section]) -> Vec<String> {
    let defined = anchors(sections);
    let mut problems = Vec::new();
    for (at, text) in texts(sections) {
        for anchor in citations(text) {
            if !defined.contains(&anchor.as_str()) {
                problems.push(format!("{anchor} in {at}"));
            }
        }
        for run in inline(text) {
            if let Inline::Link { url, .. } = run
                && let Some(anchor) = url
                    .strip_prefix("sources.md#")
                    .or_else(|| url.strip_prefix("sources.zh-CN.md#"))
                && !defined.contains(&anchor)
            {
                problems.push(format!("the link {url} in {at}"));
            }
        }
    }
    problems
}

#[test]
fn the_chinese_sources_have_the_english_sections_entries_and_anchors_in_order() {
    let (en, zh) = (english(), chinese());
    let en_outline: Vec<Vec<String>> = en.iter().map(outline).collect();
    let zh_outline: Vec<Vec<String>> = zh.iter().map(outline).collect();
    for (i, (e, z)) in en_outline.iter().zip(&zh_outline).enumerate() {
        if let Some(j) = (0..e.len().max(z.len())).find(|&j| e.get(j) != z.get(j)) {
            panic!(
                "docs/sources.zh-CN.md departs from docs/sources.md in section {} ({:?} / {:?}), \
                 item {j}:\n  English: {}\n  Chinese: {}",
                i + 1,
                en[i].title,
                zh[i].title,
                e.get(j).map_or("(nothing)", String::as_str),
                z.get(j).map_or("(nothing)", String::as_str),
            );
        }
    }
    assert_eq!(
        en.len(),
        zh.len(),
        "docs/sources.zh-CN.md has {} sections, docs/sources.md {}; the first {} match",
        zh.len(),
        en.len(),
        en.len().min(zh.len())
    );
    assert_eq!(
        anchors(&zh),
        anchors(&en),
        "the same anchors, in the same order"
    );
}

#[test]
fn every_citation_in_the_chinese_sources_lands_on_an_entry() {
    let zh = chinese();
    let problems = unresolved(&zh);
    assert!(
        problems.is_empty(),
        "citations in docs/sources.zh-CN.md with no entry (write ids as in English, with a \
         space or ASCII punctuation on each side):\n{}",
        problems.join("\n")
    );
    // The facts are translated, not English copied over.
    let facts: Vec<&str> = zh
        .iter()
        .filter(|s| s.anchor.as_deref().is_some_and(|a| a.starts_with('s')))
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Fact { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let chinese = facts
        .iter()
        .filter(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .count();
    assert!(
        chinese * 10 >= facts.len() * 9,
        "only {chinese} of the {} facts of docs/sources.zh-CN.md are in Chinese",
        facts.len()
    );
}

#[test]
fn the_english_sources_pass_the_same_checks() {
    // The yardstick itself: the English file's citations all land, so the Chinese one can.
    let en = english();
    assert!(unresolved(&en).is_empty(), "{}", unresolved(&en).join("\n"));
    assert!(en.iter().map(outline).map(|o| o.len()).sum::<usize>() > 200);
}

#[test]
fn every_tray_sample_has_its_words_in_both_languages() {
    let en = catalogue::merged("en").unwrap();
    let zh = catalogue::merged("zh-CN").unwrap();
    let mut problems = Vec::new();
    let all = samples::catalogue();
    assert!(all.len() > 20, "the tray's {} samples", all.len());
    for sample in &all {
        for (key, data) in sample.message_keys() {
            match en.get(&key) {
                None => problems.push(format!("{key}: no English message")),
                Some(text) if text != data => problems.push(format!(
                    "{key}: the English message differs from the sample's data\n    message: {text}\n    data:    {data}"
                )),
                Some(_) => {}
            }
            match zh.get(&key) {
                None => problems.push(format!("{key}: no Chinese message")),
                Some(text) if text.trim().is_empty() || text == data => {
                    problems.push(format!("{key}: the Chinese message is not translated"));
                }
                Some(_) => {}
            }
        }
    }
    // No message is left over from a sample that is gone.
    for key in en.keys().filter(|k| k.starts_with("samples.")) {
        let part = key
            .trim_start_matches("samples.")
            .split('.')
            .next()
            .unwrap_or_default();
        let known = ["badge", "source"].contains(&part) || all.iter().any(|s| s.id == part);
        if !known {
            problems.push(format!("{key}: no sample {part}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_tray_speaks_english_by_default_with_the_samples_own_words() {
    // Native tests never switch the language: the shown words are the data's.
    for sample in samples::catalogue() {
        assert_eq!(sample.shown_title(), sample.title, "{}", sample.id);
        assert_eq!(sample.shown_caption(), sample.caption, "{}", sample.id);
        assert_eq!(
            sample.shown_source().as_deref(),
            sample.source,
            "{}",
            sample.id
        );
        assert_eq!(sample.shown_gloss(), sample.gloss, "{}", sample.id);
    }
}
