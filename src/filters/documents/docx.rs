//! Word documents (.docx): the text of `word/document.xml`, paragraph by paragraph.
//!
//! A .docx is a ZIP archive of XML parts (ECMA-376). The body text is in `w:t` runs inside
//! `w:p` paragraphs; tabs and breaks are elements of their own. Headers, footers, comments
//! and footnotes live in other parts and are not read (said in the docs, sources A11).

use super::{DocumentError, Extracted, MAX_INFLATED_BYTES, MAX_TEXT_BYTES, TextSink};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};
use zip::ZipArchive;
use zip::result::ZipError;

const BODY: &str = "word/document.xml";

pub fn extract(bytes: &[u8]) -> Result<Extracted, DocumentError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let part = archive.by_name(BODY).map_err(|e| match e {
        ZipError::FileNotFound => DocumentError::NotAWordDocument,
        e => zip_error(e),
    })?;
    if part.encrypted() {
        return Err(DocumentError::Encrypted);
    }
    // The declared size may lie (a crafted archive), so the read is bounded as well.
    if part.size() > MAX_INFLATED_BYTES as u64 {
        return Err(inflates_to(part.size()));
    }
    let mut xml = Vec::new();
    part.take(MAX_INFLATED_BYTES as u64 + 1)
        .read_to_end(&mut xml)
        .map_err(|e| DocumentError::Damaged(format!("its text part could not be inflated: {e}")))?;
    if xml.len() > MAX_INFLATED_BYTES {
        return Err(inflates_to(xml.len() as u64));
    }
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&xml);
    let xml = std::str::from_utf8(xml)
        .map_err(|e| DocumentError::Damaged(format!("its text part is not UTF-8: {e}")))?;
    body_text(xml)
}

/// The paragraphs' text, one line each.
fn body_text(xml: &str) -> Result<Extracted, DocumentError> {
    let mut reader = Reader::from_str(xml);
    let mut sink = TextSink::new(MAX_TEXT_BYTES);
    // Text counts only inside a `w:t` (or `w:delText`, deleted text a reviewer can still see:
    // it is in the file the server receives).
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            DocumentError::Damaged(format!(
                "its XML breaks at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        let open = match event {
            Event::Start(e) => Some((e.local_name().as_ref().to_string(), false)),
            Event::Empty(e) => Some((e.local_name().as_ref().to_string(), true)),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "t" | "delText" => in_text = false,
                    "p" => _ = sink.end_line(),
                    _ => {}
                }
                None
            }
            Event::Text(t) if in_text => {
                sink.push_str(&t.xml10_content());
                None
            }
            Event::CData(t) if in_text => {
                sink.push_str(&t.xml10_content());
                None
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    sink.push_str(c.encode_utf8(&mut [0; 4]));
                }
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some((name, empty)) = open {
            match name.as_str() {
                "t" | "delText" => in_text = !empty,
                "tab" => _ = sink.push_str("\t"),
                "br" | "cr" => _ = sink.push_str("\n"),
                _ => {}
            }
        }
        if sink.is_full() {
            break;
        }
    }
    Ok(sink.finish())
}

fn inflates_to(size: u64) -> DocumentError {
    DocumentError::TooBig(format!(
        "its text part inflates to {} MB or more",
        size.max(MAX_INFLATED_BYTES as u64 + 1).div_ceil(1 << 20)
    ))
}

fn zip_error(e: ZipError) -> DocumentError {
    match e {
        ZipError::InvalidPassword => DocumentError::Encrypted,
        e => DocumentError::Damaged(format!("not a readable ZIP archive: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tabs_and_entities_are_read() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>习近平</w:t></w:r><w:r><w:t xml:space="preserve">到 </w:t></w:r><w:r><w:t>武汉</w:t></w:r></w:p>
            <w:p><w:r><w:t>a&amp;b</w:t><w:tab/><w:t>&#x516D;四</w:t><w:br/><w:t>c</w:t></w:r></w:p>
            <w:p><w:r><w:instrText>HYPERLINK</w:instrText><w:t/></w:r></w:p>
        </w:body></w:document>"#;
        let out = body_text(xml).unwrap();
        assert_eq!(out.text, "习近平到 武汉\na&b\t六四\nc");
        assert!(!out.truncated);
    }

    #[test]
    fn broken_xml_is_damage_not_a_panic() {
        let err = body_text("<w:p><w:t>abc</w:p>").unwrap_err();
        assert!(matches!(err, DocumentError::Damaged(_)), "{err:?}");
    }
}
