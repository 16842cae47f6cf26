//! The sources a reader can follow: `docs/sources.md` read into sections and entries for the
//! in-app sources page, and citations in any sentence ("S5 via T2 · sources §1.4") split
//! into links to their entries.
//!
//! The page fetches the file itself when it is first opened (it is copied beside the app),
//! so the bibliography adds nothing to the first load.

/// A piece of a sentence: plain text, or a citation with the anchor it links to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Cite { label: &'a str, anchor: String },
}

/// Splits `text` into plain runs and citations: works (`S5`, `T12`, `C4`), our choices
/// (`A3`) and sections of the facts (`§1.4`, cited as `s1-4`).
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let cite = if rest.starts_with('§') {
            let digits = rest['§'.len_utf8()..]
                .char_indices()
                .take_while(|&(j, c)| {
                    c.is_ascii_digit()
                        || (c == '.'
                            && rest['§'.len_utf8() + j + 1..]
                                .starts_with(|d: char| d.is_ascii_digit()))
                })
                .map(|(j, c)| j + c.len_utf8())
                .last();
            digits.map(|n| {
                let len = '§'.len_utf8() + n;
                (
                    len,
                    format!("s{}", rest['§'.len_utf8()..len].replace('.', "-")),
                )
            })
        } else if boundary && rest.starts_with(['S', 'T', 'C', 'A']) {
            let n = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
            let end = 1 + n;
            let ends_word = !rest[end..].starts_with(|c: char| c.is_ascii_alphanumeric());
            (n > 0 && ends_word).then(|| (end, rest[..end].to_string()))
        } else {
            None
        };
        match cite {
            Some((len, anchor)) => {
                if plain_from < i {
                    out.push(Piece::Text(&text[plain_from..i]));
                }
                out.push(Piece::Cite {
                    label: &text[i..i + len],
                    anchor,
                });
                i += len;
                plain_from = i;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < text.len() {
        out.push(Piece::Text(&text[plain_from..]));
    }
    out
}

/// A run of Markdown inline text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline<'a> {
    Plain(&'a str),
    Strong(&'a str),
    Code(&'a str),
    Link { text: &'a str, url: &'a str },
}

/// Splits the inline Markdown the file uses: `**strong**`, `` `code` `` and `[text](url)`.
pub fn inline(text: &str) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = ["**", "`", "["]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min();
        let Some((at, mark)) = next else {
            out.push(Inline::Plain(rest));
            break;
        };
        let after = &rest[at + mark.len()..];
        let parsed = match mark {
            "**" => after
                .find("**")
                .map(|end| (Inline::Strong(&after[..end]), end + 2)),
            "`" => after
                .find('`')
                .map(|end| (Inline::Code(&after[..end]), end + 1)),
            _ => after.find("](").and_then(|mid| {
                let url_end = after[mid + 2..].find(')')?;
                Some((
                    Inline::Link {
                        text: &after[..mid],
                        url: &after[mid + 2..mid + 2 + url_end],
                    },
                    mid + 2 + url_end + 1,
                ))
            }),
        };
        match parsed {
            Some((piece, used)) => {
                if at > 0 {
                    out.push(Inline::Plain(&rest[..at]));
                }
                out.push(piece);
                rest = &after[used..];
            }
            None => {
                // An unmatched mark is plain text.
                out.push(Inline::Plain(&rest[..at + mark.len()]));
                rest = after;
            }
        }
    }
    out
}

/// A block of the sources page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A fact, with its confidence and its sources when it ends with `[confidence; …]`.
    Fact {
        anchor: Option<String>,
        text: String,
        confidence: Option<String>,
        sources: Option<String>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// A heading and what follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// 1 for the title, 2 and 3 below.
    pub level: u8,
    pub anchor: Option<String>,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Reads `docs/sources.md`.
pub fn parse(markdown: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut pending_anchor: Option<String> = None;
    let mut paragraph = String::new();
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    let section = |sections: &mut Vec<Section>| -> usize {
        if sections.is_empty() {
            sections.push(Section {
                level: 1,
                anchor: None,
                title: String::new(),
                blocks: Vec::new(),
            });
        }
        sections.len() - 1
    };
    let flush = |sections: &mut Vec<Section>,
                 paragraph: &mut String,
                 table: &mut Option<(Vec<String>, Vec<Vec<String>>)>| {
        let at = section(sections);
        if !paragraph.trim().is_empty() {
            sections[at]
                .blocks
                .push(Block::Paragraph(paragraph.trim().to_string()));
        }
        paragraph.clear();
        if let Some((header, rows)) = table.take() {
            sections[at].blocks.push(Block::Table { header, rows });
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if let Some(anchor) = anchor_only(trimmed) {
            flush(&mut sections, &mut paragraph, &mut table);
            pending_anchor = Some(anchor);
            continue;
        }
        if let Some(heading) = trimmed.strip_prefix('#') {
            flush(&mut sections, &mut paragraph, &mut table);
            let level = 1 + heading.chars().take_while(|&c| c == '#').count() as u8;
            sections.push(Section {
                level,
                anchor: pending_anchor.take(),
                title: heading.trim_start_matches('#').trim().to_string(),
                blocks: Vec::new(),
            });
            continue;
        }
        if trimmed.starts_with('|') {
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            let separator = cells.iter().all(|c| c.chars().all(|x| "-: ".contains(x)));
            match (&mut table, separator) {
                (_, true) => {}
                (Some((_, rows)), false) => rows.push(cells),
                (None, false) => table = Some((cells, Vec::new())),
            }
            continue;
        }
        let item = trimmed.strip_prefix("- ").or_else(|| {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            (digits > 0)
                .then(|| trimmed[digits..].strip_prefix(". "))
                .flatten()
        });
        if let Some(item) = item {
            flush(&mut sections, &mut paragraph, &mut table);
            let (anchor, item) = leading_anchor(item);
            let at = section(&mut sections);
            sections[at].blocks.push(fact(anchor, item));
        } else if trimmed.is_empty() || trimmed == "---" {
            flush(&mut sections, &mut paragraph, &mut table);
        } else if line.starts_with("  ")
            && !line.starts_with("   ")
            && let at = section(&mut sections)
            && let Some(Block::Fact { anchor, text, .. }) = sections[at].blocks.last()
        {
            // A list item's text wrapped onto the next line, indented by the width of "- ":
            // read again whole, so a tag at the end of the last line still counts.
            let whole = fact(anchor.clone(), &format!("{text} {trimmed}"));
            sections[at].blocks.pop();
            sections[at].blocks.push(whole);
        } else if line.starts_with("   ") || line.starts_with('\t') {
            // A continuation of a list item: it belongs to the item above.
            let at = section(&mut sections);
            if let Some(Block::Fact { text, .. }) = sections[at].blocks.last_mut() {
                let (anchor, more) = leading_anchor(trimmed.trim_start_matches("- "));
                let _ = anchor;
                text.push('\n');
                text.push_str(more);
            }
        } else {
            paragraph.push_str(trimmed);
            paragraph.push(' ');
        }
    }
    flush(&mut sections, &mut paragraph, &mut table);
    sections
}

/// `<a id="X"></a>` alone on a line.
fn anchor_only(line: &str) -> Option<String> {
    let (anchor, rest) = leading_anchor(line);
    (anchor.is_some() && rest.is_empty()).then_some(anchor)?
}

/// An anchor at the start of `text`, and what follows it.
fn leading_anchor(text: &str) -> (Option<String>, &str) {
    text.strip_prefix("<a id=\"")
        .and_then(|rest| rest.split_once("\"></a>"))
        .map_or((None, text), |(id, rest)| {
            (Some(id.to_string()), rest.trim_start())
        })
}

/// A list item: a fact when it ends with `[confidence; sources]`.
fn fact(anchor: Option<String>, item: &str) -> Block {
    let bracket = item
        .trim_end()
        .strip_suffix(']')
        .and_then(|body| body.rsplit_once('['))
        .filter(|(_, inside)| inside.contains(';'));
    match bracket {
        Some((text, inside)) => {
            let (confidence, sources) = inside.split_once(';').unwrap_or((inside, ""));
            Block::Fact {
                anchor,
                text: text.trim().to_string(),
                confidence: Some(confidence.trim().to_string()),
                sources: Some(sources.trim().to_string()),
            }
        }
        None => Block::Fact {
            anchor,
            text: item.trim().to_string(),
            confidence: None,
            sources: None,
        },
    }
}

/// Every anchor the file defines (sections, works, our choices, steps).
pub fn anchors(sections: &[Section]) -> Vec<&str> {
    let mut out = Vec::new();
    for s in sections {
        out.extend(s.anchor.as_deref());
        for b in &s.blocks {
            if let Block::Fact {
                anchor: Some(a), ..
            } = b
            {
                out.push(a.as_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: &str = include_str!("../../docs/sources.md");

    #[test]
    fn citations_become_links_and_the_rest_stays_text() {
        assert_eq!(
            pieces("S5 via T2 · sources §1.4, §10"),
            vec![
                Piece::Cite {
                    label: "S5",
                    anchor: "S5".into()
                },
                Piece::Text(" via "),
                Piece::Cite {
                    label: "T2",
                    anchor: "T2".into()
                },
                Piece::Text(" · sources "),
                Piece::Cite {
                    label: "§1.4",
                    anchor: "s1-4".into()
                },
                Piece::Text(", "),
                Piece::Cite {
                    label: "§10",
                    anchor: "s10".into()
                },
            ]
        );
        // Not citations: a word that starts like one, a section sign without a number, CJK.
        assert_eq!(
            pieces("Some Also ST3x § and 法轮功 A13."),
            vec![
                Piece::Text("Some Also ST3x § and 法轮功 "),
                Piece::Cite {
                    label: "A13",
                    anchor: "A13".into()
                },
                Piece::Text("."),
            ]
        );
    }

    #[test]
    fn inline_markdown_is_read() {
        assert_eq!(
            inline("**S1** Knockel, *We Chat* `code` [C3](sources.md#C3) end"),
            vec![
                Inline::Strong("S1"),
                Inline::Plain(" Knockel, *We Chat* "),
                Inline::Code("code"),
                Inline::Plain(" "),
                Inline::Link {
                    text: "C3",
                    url: "sources.md#C3"
                },
                Inline::Plain(" end"),
            ]
        );
        assert_eq!(
            inline("a ** b"),
            vec![Inline::Plain("a **"), Inline::Plain(" b")]
        );
    }

    #[test]
    fn the_projects_sources_read_back_and_every_citation_resolves() {
        let sections = parse(SOURCES);
        let anchors = anchors(&sections);
        for id in [
            "S1", "S13", "T7", "C11", "A4", "A20", "s1-4", "s4-5", "s9-5", "s10",
        ] {
            assert!(anchors.contains(&id), "{id} missing");
        }
        // Every fact of the facts part says how sure it is.
        let facts: Vec<_> = sections
            .iter()
            .filter(|s| s.anchor.as_deref().is_some_and(|a| a.starts_with("s")))
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Fact { confidence, .. } => Some(confidence),
                _ => None,
            })
            .collect();
        assert!(facts.len() > 100, "{} facts", facts.len());
        assert!(facts.iter().filter(|c| c.is_some()).count() * 10 >= facts.len() * 9);
        // The visual-evasion table survives as a table.
        let evasion = sections
            .iter()
            .find(|s| s.anchor.as_deref() == Some("s4-5"))
            .unwrap();
        assert!(evasion.blocks.iter().any(
            |b| matches!(b, Block::Table { rows, .. } if rows.iter().any(|r| r[0] == "Mirrored"))
        ));
        // A list item wrapped onto lines indented by two spaces stays one item.
        let first = sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Fact { text, .. } if text.contains("What could be read.") => Some(text),
                _ => None,
            });
        assert!(
            first.is_some_and(|t| t.ends_with("and are tagged that way.")),
            "{first:?}"
        );
        // Every citation the rules make lands on an entry.
        for record in crate::platform::RULES {
            for piece in pieces(&record.source()) {
                if let Piece::Cite { anchor, .. } = piece {
                    assert!(
                        anchors.contains(&anchor.as_str()),
                        "{anchor} ({:?})",
                        record.rule
                    );
                }
            }
        }
    }
}
