//! Documents: recognising PDF and Word files, and reading their text.
//!
//! WeChat analyses documents sent among international accounts as it does pictures, and
//! learns the MD5 of the sensitive ones (S1, sources §5 and §6.8); how it extracts their
//! text is not published, so here a document's text is read as its format defines it and
//! matched against the keyword list like a text file's (an assumption, sources A11).
//!
//! Recognising a document is cheap and lives in every build ([`sniff`]). Reading one needs a
//! PDF parser and a ZIP and XML reader, which stay behind the `documents` feature: the browser
//! builds them into a worker of their own that loads on the first document, so the page and
//! the main worker do not carry them. Hostile documents are expected: every reader has limits
//! (text kept, bytes inflated, pages read), and every failure is a [`DocumentError`] with a
//! reason, never a panic.

#[cfg(feature = "documents")]
mod docx;
#[cfg(feature = "documents")]
mod pdf;
mod sink;
mod sniff;

pub use sink::TextSink;
pub use sniff::sniff;

use crate::t;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Text kept from one document; longer texts are cut here, and say so.
pub const MAX_TEXT_BYTES: usize = super::text::MAX_TEXT_BYTES;
/// The most one compressed part of a document (a PDF stream, a DOCX's XML) may inflate to:
/// far above what real documents need, far below what would exhaust a browser tab.
pub const MAX_INFLATED_BYTES: usize = 32 << 20;
/// Pages of a PDF that are read; text beyond them counts as cut.
pub const MAX_PAGES: usize = 2000;

/// The document formats this app recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Pdf,
    /// Word's XML format: a ZIP archive holding `word/document.xml`.
    Docx,
    /// An OLE compound file: a Word file in the old binary format (.doc), or any Office
    /// document protected by a password. Recognised, never read.
    OfficeBinary,
}

impl DocumentFormat {
    /// How narration names a file of this format, in the current language.
    pub fn noun(self) -> Cow<'static, str> {
        match self {
            Self::Pdf => t!("filters.document.pdf"),
            Self::Docx => t!("filters.document.docx"),
            Self::OfficeBinary => t!("filters.document.office"),
        }
    }

    /// True when a reader exists for the format.
    pub fn is_readable(self) -> bool {
        !matches!(self, Self::OfficeBinary)
    }
}

/// The text read from a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    pub text: String,
    /// True when only part of the text was read (see [`MAX_TEXT_BYTES`], [`MAX_PAGES`]).
    pub truncated: bool,
}

/// Why a document's text could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", content = "detail", rename_all = "snake_case")]
pub enum DocumentError {
    /// Protected by a password this app does not have.
    Encrypted,
    /// Cut short or corrupt; the detail is what the reader tripped on.
    Damaged(String),
    /// A part inflates beyond [`MAX_INFLATED_BYTES`] (a decompression bomb, or simply huge).
    TooBig(String),
    /// A ZIP archive, but not a Word document.
    NotAWordDocument,
    /// See [`DocumentFormat::OfficeBinary`].
    OfficeBinary,
}

/// Said on the page, in the reader's language; the details of `Damaged` and `TooBig` were
/// written by the documents worker, in English.
impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Encrypted => t!("filters.document.encrypted"),
            Self::Damaged(why) => t!("filters.document.damaged", why = why),
            Self::TooBig(why) => t!(
                "filters.document.too_big",
                why = why,
                limit = MAX_INFLATED_BYTES >> 20
            ),
            Self::NotAWordDocument => t!("filters.document.not_a_word_document"),
            Self::OfficeBinary => t!("filters.document.office_binary"),
        })
    }
}

impl std::error::Error for DocumentError {}

/// Reads the text of a document of a known format.
#[cfg(feature = "documents")]
pub fn extract(format: DocumentFormat, bytes: &[u8]) -> Result<Extracted, DocumentError> {
    match format {
        DocumentFormat::Pdf => pdf::extract(bytes),
        DocumentFormat::Docx => docx::extract(bytes),
        DocumentFormat::OfficeBinary => Err(DocumentError::OfficeBinary),
    }
}
