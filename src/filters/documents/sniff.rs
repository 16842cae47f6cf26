//! Telling a document from its first bytes, its declared type and its name.

use super::DocumentFormat;

const PDF_MAGIC: &[u8] = b"%PDF-";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const DOCX_MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The document format of a file, judged from its first bytes (at least the first 64) and,
/// where the bytes leave it open, its declared type and name. `None`: not a document.
///
/// Bytes win: a PDF named `.txt` is a PDF. A ZIP archive is a Word document only when its
/// first entry lies under `word/` or its name or type says so; an OLE container only when
/// its name or type says Office. A file that only *claims* a format (a `.pdf` that is not one)
/// is taken at its word, so that its reader can say what is wrong with it.
pub fn sniff(name: &str, mime: &str, head: &[u8]) -> Option<DocumentFormat> {
    let mime = mime.trim().to_ascii_lowercase();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let says_word = ext == "docx" || mime == DOCX_MIME;
    let says_office = says_word
        || ["doc", "xls", "xlsx", "ppt", "pptx"].contains(&ext.as_str())
        || mime.starts_with("application/msword")
        || mime.starts_with("application/vnd.ms-")
        || mime.starts_with("application/vnd.openxmlformats-officedocument");
    if head.windows(PDF_MAGIC.len()).any(|w| w == PDF_MAGIC) {
        Some(DocumentFormat::Pdf)
    } else if head.starts_with(ZIP_MAGIC) {
        (says_word || first_entry(head).is_some_and(|n| n.starts_with(b"word/")))
            .then_some(DocumentFormat::Docx)
    } else if head.starts_with(OLE_MAGIC) {
        says_office.then_some(DocumentFormat::OfficeBinary)
    } else if ext == "pdf" || mime == "application/pdf" {
        Some(DocumentFormat::Pdf)
    } else if says_word {
        Some(DocumentFormat::Docx)
    } else if ext == "doc" || mime.starts_with("application/msword") {
        Some(DocumentFormat::OfficeBinary)
    } else {
        None
    }
}

/// The name of a ZIP archive's first entry, from its local header, if the head holds it.
fn first_entry(head: &[u8]) -> Option<&[u8]> {
    let len = usize::from(u16::from_le_bytes([*head.get(26)?, *head.get(27)?]));
    head.get(30..30 + len)
        .or_else(|| head.get(30..).filter(|rest| !rest.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DocumentFormat::*;

    fn zip_head(first: &str) -> Vec<u8> {
        let mut h = ZIP_MAGIC.to_vec();
        h.extend_from_slice(&[
            20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]);
        h.extend_from_slice(&(first.len() as u16).to_le_bytes());
        h.extend_from_slice(&[0, 0]);
        h.extend_from_slice(first.as_bytes());
        h
    }

    #[test]
    fn bytes_decide_before_names() {
        assert_eq!(
            sniff("notes.txt", "text/plain", b"%PDF-1.7\n%\xe2\xe3"),
            Some(Pdf)
        );
        assert_eq!(sniff("x", "", &zip_head("word/document.xml")), Some(Docx));
        assert_eq!(
            sniff("plan.docx", "", &zip_head("[Content_Types].xml")),
            Some(Docx)
        );
        assert_eq!(
            sniff("sheet.xlsx", "", &zip_head("[Content_Types].xml")),
            None,
            "a spreadsheet is not a Word document"
        );
        assert_eq!(
            sniff("photos.zip", "application/zip", &zip_head("a.jpg")),
            None
        );
        assert_eq!(sniff("secret.docx", "", OLE_MAGIC), Some(OfficeBinary));
        assert_eq!(sniff("setup.msi", "", OLE_MAGIC), None);
    }

    #[test]
    fn a_file_that_only_claims_a_format_is_taken_at_its_word() {
        assert_eq!(sniff("cut.pdf", "", b"garbage"), Some(Pdf));
        assert_eq!(sniff("x", "application/pdf", b""), Some(Pdf));
        assert_eq!(sniff("report.docx", "", b"hello"), Some(Docx));
        assert_eq!(sniff("old.doc", "", b"hello"), Some(OfficeBinary));
        assert_eq!(sniff("notes.txt", "text/plain", b"hello"), None);
    }

    #[test]
    fn a_short_or_odd_zip_header_does_not_panic() {
        for len in 0..40 {
            let head = zip_head("word/document.xml");
            let _ = sniff("x", "", &head[..len.min(head.len())]);
        }
        let mut odd = zip_head("w");
        odd[26] = 0xFF;
        odd[27] = 0xFF;
        assert_eq!(sniff("x", "", &odd), None, "a name running past the head");
    }
}
