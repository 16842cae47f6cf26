//! PDF: the text its pages show, as the `lopdf` crate decodes it (simple fonts by their
//! encoding, composite fonts by their ToUnicode map or a predefined Unicode CMap).
//!
//! Every stream is inflated with a bound, so a small file cannot grow into gigabytes. A
//! page that cannot be decoded is skipped; a document none of whose pages can be is damaged.
//! Text drawn as pictures (a scan) has no text to read: that is an empty result, not an error.

use super::{DocumentError, Extracted, MAX_INFLATED_BYTES, MAX_PAGES, MAX_TEXT_BYTES, TextSink};
use lopdf::{DecompressError, Document, Error, LoadOptions};

pub fn extract(bytes: &[u8]) -> Result<Extracted, DocumentError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_INFLATED_BYTES),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(load_error)?;
    // Lenient loading keeps a document it could not decrypt with the empty password (which
    // readers try first), and its `/Encrypt` entry with it; its objects are then ciphertext.
    if doc.trailer.has(b"Encrypt") {
        return Err(DocumentError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(DocumentError::Damaged("no pages were found".into()));
    }
    let mut sink = TextSink::new(MAX_TEXT_BYTES);
    let mut unreadable = None;
    let mut read_any = false;
    'pages: for &number in pages.keys().take(MAX_PAGES) {
        for chunk in doc.extract_text_chunks_with_limit(&[number], MAX_INFLATED_BYTES) {
            match chunk {
                Ok(text) => {
                    read_any = true;
                    if !sink.push_str(&text) {
                        break 'pages;
                    }
                }
                Err(e @ Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                    return Err(too_big(&e));
                }
                Err(e) => {
                    unreadable.get_or_insert_with(|| format!("page {number}: {e}"));
                }
            }
        }
        sink.end_line();
    }
    if pages.len() > MAX_PAGES {
        sink.mark_truncated();
    }
    // A file cut short loses its end-of-file marker; lenient loading still finds the pages
    // whose objects survived, so what they show is read, and said to be partial.
    let cut_short = !ends_as_a_pdf(bytes);
    if cut_short {
        sink.mark_truncated();
    }
    let out = sink.finish();
    match unreadable {
        Some(why) if !read_any => Err(DocumentError::Damaged(why)),
        _ if cut_short && out.text.is_empty() => Err(DocumentError::Damaged(
            "the file ends before its end-of-file marker".into(),
        )),
        _ => Ok(out),
    }
}

/// Whether `%%EOF` lies in the last KiB, where readers look for it (ISO 32000-1, 7.5.5).
fn ends_as_a_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

fn load_error(e: Error) -> DocumentError {
    match e {
        Error::InvalidPassword | Error::Decryption(_) | Error::UnsupportedSecurityHandler(_) => {
            DocumentError::Encrypted
        }
        Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => too_big(&e),
        e => DocumentError::Damaged(e.to_string()),
    }
}

fn too_big(e: &Error) -> DocumentError {
    DocumentError::TooBig(format!("a part of it inflates too far ({e})"))
}
