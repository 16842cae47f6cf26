//! Reading documents: the tray's PDF and DOCX give back the text they were made from, and
//! hostile documents (cut short, encrypted, zip bombs, lying headers, the old binary format)
//! give a reason, never a panic and never a hang.

use hashwall::filters::documents::{self, DocumentError, DocumentFormat, MAX_INFLATED_BYTES};
use hashwall::filters::{ContentProblem, FileKind, analyse_file};
use hashwall::fingerprint::md5;
use hashwall::samples::document_files;
use hashwall::samples::texts::{MEETING_NOTES, WEEKEND_PLANS};
use std::io::Write;

/// The text without any whitespace: a PDF's lines are wrapped, so only the characters count.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_tray_documents_read_back_as_the_text_they_were_made_from() {
    let pdf = documents::extract(DocumentFormat::Pdf, &document_files::pdf(MEETING_NOTES)).unwrap();
    assert_eq!(squeezed(&pdf.text), squeezed(MEETING_NOTES));
    assert!(!pdf.truncated);
    let docx =
        documents::extract(DocumentFormat::Docx, &document_files::docx(WEEKEND_PLANS)).unwrap();
    // Paragraphs come back one per line; the empty ones leave no line.
    let lines: Vec<&str> = WEEKEND_PLANS.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(docx.text, lines.join("\n"));
}

#[test]
fn a_long_document_is_read_across_pages_and_cut_at_the_text_limit() {
    let line = "六四天安门，".repeat(6);
    let long: String = (0..200).map(|i| format!("{i} {line}\n")).collect();
    let bytes = document_files::pdf(&long);
    let out = documents::extract(DocumentFormat::Pdf, &bytes).unwrap();
    assert_eq!(squeezed(&out.text), squeezed(&long), "every page is read");
    assert!(!out.truncated);

    let huge: String = "法轮功 ".repeat(documents::MAX_TEXT_BYTES / 8);
    let out = documents::extract(DocumentFormat::Docx, &document_files::docx(&huge)).unwrap();
    assert!(out.truncated);
    assert!(out.text.len() <= documents::MAX_TEXT_BYTES);
}

#[test]
fn a_pdf_cut_anywhere_is_read_in_part_or_called_damaged() {
    let bytes = document_files::pdf(MEETING_NOTES);
    let mut damaged = 0;
    for cut in (0..bytes.len()).step_by(37) {
        match documents::extract(DocumentFormat::Pdf, &bytes[..cut]) {
            Ok(out) => {
                assert!(
                    squeezed(MEETING_NOTES).starts_with(&squeezed(&out.text)),
                    "cut at {cut}: only text that is there"
                );
                assert!(
                    out.truncated && !out.text.is_empty(),
                    "cut at {cut}: said to be partial"
                );
            }
            Err(DocumentError::Damaged(why)) => {
                assert!(!why.is_empty());
                damaged += 1;
            }
            Err(other) => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert!(damaged > 0, "a PDF cut early is damaged");
    // Through the analysis, as a person dropping it would see it.
    let facts = analyse_file("cut.pdf", "application/pdf", &bytes[..bytes.len() / 3]);
    assert_eq!(facts.kind, FileKind::Document(DocumentFormat::Pdf));
    assert_eq!(facts.md5, md5(&bytes[..bytes.len() / 3]), "hashed anyway");
}

#[test]
fn an_encrypted_pdf_is_not_read() {
    let bytes = include_bytes!("data/encrypted.pdf");
    assert_eq!(
        documents::extract(DocumentFormat::Pdf, bytes),
        Err(DocumentError::Encrypted)
    );
    let facts = analyse_file("secret.pdf", "application/pdf", bytes);
    let problem = facts.problem.expect("a reason");
    assert!(problem.to_string().contains("password"), "{problem}");
    assert_eq!(facts.text, None);
    // Encrypted with an owner password only: anyone may open it, and so may the server.
    let open = documents::extract(DocumentFormat::Pdf, include_bytes!("data/owner-only.pdf"));
    assert_eq!(
        open.map(|o| o.text),
        Ok("Only the owner may print: Tiananmen 1989".to_string())
    );
}

/// A PDF whose one page's content stream inflates to `inflated` bytes of spaces.
fn pdf_with_content(inflated: usize) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut content = b"BT /F1 12 Tf 72 700 Td (hello) Tj ET\n".to_vec();
    content.resize(inflated, b' ');
    let mut stream = Stream::new(dictionary! {}, content);
    stream.compress().unwrap();
    let content_id = doc.add_object(stream);
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_pdf_that_inflates_too_far_is_refused() {
    let small = pdf_with_content(1000);
    assert_eq!(
        documents::extract(DocumentFormat::Pdf, &small)
            .unwrap()
            .text,
        "hello"
    );
    let bomb = pdf_with_content(MAX_INFLATED_BYTES + 4096);
    assert!(bomb.len() < 200_000, "a small file: {} bytes", bomb.len());
    match documents::extract(DocumentFormat::Pdf, &bomb) {
        Err(DocumentError::TooBig(why)) => assert!(!why.is_empty()),
        other => panic!("{other:?}"),
    }
}

/// A ZIP with `word/document.xml` deflated from `xml`.
fn deflated_docx(xml: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_zip_bomb_is_refused_even_when_its_headers_lie() {
    let mut xml = b"<w:document><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(MAX_INFLATED_BYTES + (8 << 20), b'a');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bomb = deflated_docx(&xml);
    assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
    let facts = analyse_file("bomb.docx", "", &bomb);
    match &facts.problem {
        Some(ContentProblem::Document(DocumentError::TooBig(why))) => {
            assert!(why.contains("MB"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    // The same bomb with both headers claiming a tiny size: the bounded read still stops it.
    let mut liar = bomb.clone();
    let declared = (xml.len() as u32).to_le_bytes();
    let places: Vec<usize> = liar
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == declared)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(places.len(), 2, "the local and the central header");
    for at in places {
        liar[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    match documents::extract(DocumentFormat::Docx, &liar) {
        Err(DocumentError::TooBig(_) | DocumentError::Damaged(_)) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_archives_and_the_old_binary_format_say_what_they_are() {
    let sheet = document_files::stored_zip(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(
        documents::extract(DocumentFormat::Docx, &sheet),
        Err(DocumentError::NotAWordDocument)
    );
    let facts = analyse_file("sheet.docx", "", &sheet);
    assert_eq!(
        facts.problem,
        Some(ContentProblem::Document(DocumentError::NotAWordDocument))
    );
    // An OLE compound file: what Office writes for a password-protected .docx.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let facts = analyse_file("secret.docx", "", &ole);
    assert_eq!(facts.kind, FileKind::Document(DocumentFormat::OfficeBinary));
    assert_eq!(
        facts.problem,
        Some(ContentProblem::Document(DocumentError::OfficeBinary))
    );
    assert!(facts.problem.unwrap().to_string().contains("password"));
    // A file that only claims to be a Word document.
    let facts = analyse_file("notes.docx", "", b"just some words");
    assert!(
        matches!(
            facts.problem,
            Some(ContentProblem::Document(DocumentError::Damaged(_)))
        ),
        "{:?}",
        facts.problem
    );
}

#[test]
fn random_bytes_after_a_pdf_header_never_panic() {
    // A cheap fuzz: the reader must answer, whatever follows the magic.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let base = document_files::pdf("Hello 六四");
    for _ in 0..300 {
        let mut bytes = base.clone();
        for _ in 0..(next() % 8 + 1) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        let _ = documents::extract(DocumentFormat::Pdf, &bytes);
    }
}
