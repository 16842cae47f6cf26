//! What the server learns from one file: its MD5, and what analysis can read in it.
//!
//! [`analyse_file`] is pure, so a browser worker can run it off the main thread and hand
//! the resulting [`FileFacts`] to the platform with the send. Big files come through
//! [`FileIntake`] in chunks: the MD5 is always computed incrementally (as WeChat's server
//! hashes every file, sources §4.1), and content analysis runs only on files under a
//! size limit. Nothing here fails: a file that cannot be read still gets its MD5, and its
//! facts say why its content was not analysed.

use super::documents::{self, DocumentError, DocumentFormat, Extracted};
use super::text::{self, TextError};
use super::visual::{VisualMatcher, VisualSignature};
use super::{PdqMatcher, default_matcher};
use crate::decode::{self, DecodeError};
use crate::detect::{Detection, Detector};
use crate::fingerprint::{Digest, Greyscale, luminosity};
use crate::t;
use image::RgbaImage;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Files larger than this are hashed but their content is not analysed.
pub const CONTENT_LIMIT: u64 = decode::MAX_FILE_BYTES as u64;
/// Bytes kept from the start of every file, to recognise its format.
const HEAD_BYTES: usize = 64;

/// What sort of file this is, judged from its bytes first and its name or type second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Image,
    Text,
    /// A PDF or Word document (see [`documents::sniff`]).
    Document(DocumentFormat),
    Other,
}

/// Why a file's content could not be analysed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", content = "detail", rename_all = "snake_case")]
pub enum ContentProblem {
    Empty,
    /// Named or labelled as a picture, but not one this app can read.
    NotAPicture,
    /// The picture's file or dimensions exceed the decoding limits.
    TooLarge(String),
    /// The file ends before the picture does.
    Truncated,
    /// The picture's data is damaged.
    Corrupt(String),
    /// Named or labelled as text, but not readable text.
    NotText(String),
    /// Neither a picture nor plain text.
    Unsupported,
    /// Over the size limit for content analysis; only the MD5 was computed.
    TooBigToAnalyse {
        size: u64,
        limit: u64,
    },
    /// A document whose text could not be read.
    Document(DocumentError),
    /// The document reader itself failed (in the browser: its worker could not start).
    ReaderFailed(String),
}

/// Said on the page (never in a worker), so in the reader's language. The details of
/// `TooLarge`, `Corrupt` and `NotText` were written by the worker that read the file, in
/// English.
impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(&t!("filters.problem.empty")),
            Self::NotAPicture => f.write_str(&t!("filters.problem.not_a_picture")),
            Self::TooLarge(why) => write!(f, "{why}"),
            Self::Truncated => f.write_str(&t!("filters.problem.truncated")),
            Self::Corrupt(why) => write!(f, "{why}"),
            Self::NotText(why) => write!(f, "{why}"),
            Self::Unsupported => f.write_str(&t!("filters.problem.unsupported")),
            Self::Document(why) => f.write_str(&t!("filters.problem.document", why = why)),
            Self::ReaderFailed(why) => f.write_str(&t!("filters.problem.reader_failed", why = why)),
            Self::TooBigToAnalyse { size, limit } => f.write_str(&t!(
                "filters.problem.too_big_to_analyse",
                size = size >> 20,
                limit = limit >> 20
            )),
        }
    }
}

impl From<DecodeError> for ContentProblem {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::Empty => Self::Empty,
            DecodeError::NotAPicture => Self::NotAPicture,
            DecodeError::TooLargeFile { .. } | DecodeError::TooLarge { .. } => {
                Self::TooLarge(e.to_string())
            }
            DecodeError::Truncated => Self::Truncated,
            DecodeError::Corrupt(_) => Self::Corrupt(e.to_string()),
        }
    }
}

/// A picture's size and visual signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureFacts {
    pub width: u32,
    pub height: u32,
    /// The name of the matcher that made the signature.
    pub matcher: String,
    pub signature: VisualSignature,
    /// PDQ's signature too, whatever the matcher, so the console can switch to PDQ for
    /// comparison without sending anything again. Absent from facts analysed before it was
    /// kept (the platform then says the picture has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdq: Option<VisualSignature>,
}

/// Everything the platform needs to know about a sent file; the bytes stay outside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    pub name: String,
    pub mime: String,
    pub size: u64,
    pub md5: Digest,
    pub kind: FileKind,
    /// For pictures that decoded.
    pub picture: Option<PictureFacts>,
    /// For text files and documents: their text (cut at [`text::MAX_TEXT_BYTES`]).
    pub text: Option<String>,
    pub text_truncated: bool,
    /// Text recognised in a picture, when OCR is available.
    pub ocr_text: Option<String>,
    /// Why there is no OCR text, e.g. "OCR was not run on this picture".
    pub ocr_note: Option<String>,
    /// OCR's mean confidence in `ocr_text`, in percent. Absent from facts saved before OCR.
    #[serde(default)]
    pub ocr_confidence: Option<u8>,
    /// Why the content could not be analysed, if it could not.
    pub problem: Option<ContentProblem>,
    /// The blocks of a known MD5 collision attack found in the file (`detect`), which a
    /// platform may refuse files for (the option `refuse_collision_files`). Absent from facts
    /// saved before the detector ran, hence the default.
    #[serde(default)]
    pub collision_blocks: Vec<Detection>,
}

impl FileFacts {
    /// The format of a document whose text is still to be read: a build without the
    /// `documents` feature (the page's main worker) leaves that to the documents worker.
    pub fn unread_document(&self) -> Option<DocumentFormat> {
        match self.kind {
            FileKind::Document(format)
                if format.is_readable() && self.text.is_none() && self.problem.is_none() =>
            {
                Some(format)
            }
            _ => None,
        }
    }

    /// Whether this is a decoded picture whose text is still to be read: the page's main
    /// worker has no OCR ([`NoOcr`]) and leaves that to the OCR worker.
    pub fn unread_picture_text(&self) -> bool {
        self.kind == FileKind::Image
            && self.picture.is_some()
            && self.ocr_text.is_none()
            && self.ocr_note.as_deref() == Some(NO_OCR_NOTE)
    }

    /// Records what OCR read in this picture: its text and confidence, or why it read
    /// nothing. A picture in which OCR found no text has neither text nor note, so it is
    /// analysed as a picture without text ("no text found").
    pub fn read_picture_text(&mut self, read: Result<(String, u8), String>) {
        self.ocr_note = None;
        match read {
            Ok((text, confidence)) if !text.trim().is_empty() => {
                self.ocr_text = Some(text);
                self.ocr_confidence = Some(confidence);
            }
            Ok(_) => {}
            Err(why) => self.ocr_note = Some(why),
        }
    }

    /// Why the analysis could not look at this picture, in the current language: what the
    /// platform logs as an unreadable picture.
    pub fn unreadable_reason(&self) -> String {
        self.problem.as_ref().map_or_else(
            || t!("filters.not_decoded").into_owned(),
            ContentProblem::to_string,
        )
    }

    /// Why the analysis had no text to check, in the current language: the OCR note, else
    /// the content problem.
    pub fn no_text_reason(&self) -> String {
        match (&self.ocr_note, &self.problem) {
            (Some(note), _) if note == NO_OCR_NOTE => t!("filters.no_ocr").into_owned(),
            (Some(note), _) => note.clone(),
            (None, Some(problem)) => problem.to_string(),
            (None, None) => t!("filters.no_text_found").into_owned(),
        }
    }

    /// Records what the document reader made of this file.
    pub fn read_document(&mut self, read: Result<Extracted, DocumentError>) {
        match read {
            Ok(Extracted { text, truncated }) => {
                self.text = Some(text);
                self.text_truncated = truncated;
            }
            Err(why) => self.problem = Some(ContentProblem::Document(why)),
        }
    }
}

/// Reads text in pictures. In the browser OCR runs in its own worker (Tesseract, see
/// [`FileFacts::read_picture_text`]); the Rust analysis itself uses [`NoOcr`].
pub trait TextRecogniser {
    /// The text in a greyscale picture, or why there is none.
    fn recognise(&self, grey: &Greyscale) -> Result<String, String>;
}

/// The recogniser of builds without OCR (the main worker, the command line): it reads
/// nothing and says so, and the page's OCR worker takes over from there.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoOcr;

/// What [`NoOcr`] notes on every picture. It is written in a worker, which speaks English
/// only, so it stays English in the facts; [`FileFacts::no_text_reason`] says it in the
/// reader's language.
pub const NO_OCR_NOTE: &str = "OCR was not run on this picture";

impl TextRecogniser for NoOcr {
    fn recognise(&self, _grey: &Greyscale) -> Result<String, String> {
        Err(NO_OCR_NOTE.into())
    }
}

/// Analyses a whole file in memory with the app's matcher ([`AppMatcher`](super::AppMatcher)) and no OCR.
pub fn analyse_file(name: &str, mime: &str, bytes: &[u8]) -> FileFacts {
    analyse_file_with(name, mime, bytes, &default_matcher(), &NoOcr)
}

/// Analyses a whole file in memory with the given matcher and recogniser.
pub fn analyse_file_with(
    name: &str,
    mime: &str,
    bytes: &[u8],
    visual: &dyn VisualMatcher,
    ocr: &dyn TextRecogniser,
) -> FileFacts {
    let scan = crate::detect::scan(bytes);
    let mut facts = blank(name, mime, bytes.len() as u64, scan.md5, bytes);
    facts.collision_blocks = scan.blocks;
    if bytes.len() as u64 > CONTENT_LIMIT {
        facts.problem = Some(ContentProblem::TooBigToAnalyse {
            size: facts.size,
            limit: CONTENT_LIMIT,
        });
    } else {
        read_content(&mut facts, bytes, visual, ocr);
    }
    facts
}

/// Facts with the MD5 and kind filled in and nothing read yet.
fn blank(name: &str, mime: &str, size: u64, md5: Digest, head: &[u8]) -> FileFacts {
    FileFacts {
        name: name.to_string(),
        mime: mime.to_string(),
        size,
        md5,
        kind: kind_of(name, mime, head),
        picture: None,
        text: None,
        text_truncated: false,
        ocr_text: None,
        ocr_note: None,
        ocr_confidence: None,
        problem: None,
        collision_blocks: Vec::new(),
    }
}

/// Fills in what the content says; returns the decoded picture, if it was one.
fn read_content(
    facts: &mut FileFacts,
    bytes: &[u8],
    visual: &dyn VisualMatcher,
    ocr: &dyn TextRecogniser,
) -> Option<RgbaImage> {
    match facts.kind {
        FileKind::Image => match decode::decode_rgba(bytes) {
            Ok(rgba) => {
                let grey = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
                match ocr.recognise(&grey) {
                    Ok(found) => facts.ocr_text = Some(found),
                    Err(why) => facts.ocr_note = Some(why),
                }
                facts.picture = Some(PictureFacts {
                    width: grey.width,
                    height: grey.height,
                    matcher: visual.name().to_string(),
                    signature: visual.signature(&grey),
                    pdq: Some(PdqMatcher::default().signature(&grey)),
                });
                return Some(rgba);
            }
            Err(e) => facts.problem = Some(e.into()),
        },
        FileKind::Text => match text::decode_text(bytes) {
            Ok(decoded) => {
                facts.text = Some(decoded.text);
                facts.text_truncated = decoded.truncated;
            }
            Err(TextError::Empty) => facts.problem = Some(ContentProblem::Empty),
            Err(e) => facts.problem = Some(ContentProblem::NotText(e.to_string())),
        },
        FileKind::Document(_) if bytes.is_empty() => facts.problem = Some(ContentProblem::Empty),
        FileKind::Document(DocumentFormat::OfficeBinary) => {
            facts.problem = Some(ContentProblem::Document(DocumentError::OfficeBinary));
        }
        #[cfg(feature = "documents")]
        FileKind::Document(format) => facts.read_document(documents::extract(format, bytes)),
        // Left for the documents worker: see `FileFacts::unread_document`.
        #[cfg(not(feature = "documents"))]
        FileKind::Document(_) => {}
        FileKind::Other if bytes.is_empty() => facts.problem = Some(ContentProblem::Empty),
        FileKind::Other => facts.problem = Some(ContentProblem::Unsupported),
    }
    None
}

const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "bmp", "heic", "tif"];
const TEXT_EXTENSIONS: [&str; 6] = ["txt", "text", "md", "csv", "log", "json"];

/// Bytes first (a PNG named `.txt` is a picture), then the declared type, then the name;
/// unlabelled content that reads as text is text.
fn kind_of(name: &str, mime: &str, head: &[u8]) -> FileKind {
    if decode::sniff(head).is_some() {
        return FileKind::Image;
    }
    if let Some(format) = documents::sniff(name, mime, head) {
        return FileKind::Document(format);
    }
    let mime = mime.trim().to_ascii_lowercase();
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if mime.starts_with("image/") || IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        FileKind::Image
    } else if mime.starts_with("text/")
        || TEXT_EXTENSIONS.contains(&ext.as_str())
        // Unlabelled: its first bytes read as text (a character cut at their end is fine).
        || (!head.is_empty() && text::looks_like_text(head))
    {
        FileKind::Text
    } else {
        FileKind::Other
    }
}

/// Takes a file in chunks: the MD5 streams over every byte, and the bytes are kept for
/// content analysis only while the file stays under the limit, so memory stays flat for
/// a 1 GB file.
#[derive(Clone)]
pub struct FileIntake {
    name: String,
    mime: String,
    /// The MD5 and the collision detector in one pass (about 1.2× the cost of the MD5 alone).
    scan: Detector,
    head: Vec<u8>,
    kept: Option<Vec<u8>>,
    limit: u64,
}

impl FileIntake {
    /// Starts a file whose size the caller already knows (a browser `File` does), with
    /// the default [`CONTENT_LIMIT`].
    pub fn new(name: &str, mime: &str, declared_size: u64) -> Self {
        Self::with_limit(name, mime, declared_size, CONTENT_LIMIT)
    }

    /// As [`FileIntake::new`], analysing content only up to `limit` bytes.
    pub fn with_limit(name: &str, mime: &str, declared_size: u64, limit: u64) -> Self {
        Self {
            name: name.to_string(),
            mime: mime.to_string(),
            scan: Detector::new(),
            head: Vec::new(),
            kept: (declared_size <= limit).then(|| Vec::with_capacity(declared_size as usize)),
            limit,
        }
    }

    /// Feeds the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.scan.feed(chunk);
        if self.head.len() < HEAD_BYTES {
            let take = (HEAD_BYTES - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        if let Some(kept) = &mut self.kept {
            if kept.len() as u64 + chunk.len() as u64 > self.limit {
                self.kept = None;
            } else {
                kept.extend_from_slice(chunk);
            }
        }
    }

    /// Bytes fed so far.
    pub fn len(&self) -> u64 {
        self.scan.len()
    }

    /// True before any byte was fed.
    pub fn is_empty(&self) -> bool {
        self.scan.is_empty()
    }

    /// The facts, with the default matcher and no OCR.
    pub fn finish(self) -> FileFacts {
        self.finish_with(&default_matcher(), &NoOcr)
    }

    /// The facts, with the given matcher and recogniser.
    pub fn finish_with(self, visual: &dyn VisualMatcher, ocr: &dyn TextRecogniser) -> FileFacts {
        self.finish_keeping_picture(visual, ocr).0
    }

    /// As [`FileIntake::finish_with`], also handing back the decoded picture (for a preview)
    /// so that nobody decodes it twice.
    pub fn finish_keeping_picture(
        self,
        visual: &dyn VisualMatcher,
        ocr: &dyn TextRecogniser,
    ) -> (FileFacts, Option<RgbaImage>) {
        let size = self.scan.len();
        let scan = self.scan.finish();
        let mut facts = blank(&self.name, &self.mime, size, scan.md5, &self.head);
        facts.collision_blocks = scan.blocks;
        let picture = match self.kept {
            Some(bytes) => read_content(&mut facts, &bytes, visual, ocr),
            None => {
                facts.problem = Some(ContentProblem::TooBigToAnalyse {
                    size,
                    limit: self.limit,
                });
                None
            }
        };
        (facts, picture)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::test_pictures;
    use crate::fingerprint::md5;

    fn png() -> Vec<u8> {
        test_pictures::png(&test_pictures::picture(5, 160, 120))
    }

    #[test]
    fn a_file_of_a_same_md5_pair_carries_its_collision_blocks() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples/twin-benign.jpg");
        let twin = std::fs::read(path).unwrap();
        let whole = analyse_file("twin.jpg", "image/jpeg", &twin);
        let mut intake = FileIntake::new("twin.jpg", "image/jpeg", twin.len() as u64);
        // Chunks that do not fall on 64-byte blocks: the detector carries the rest over.
        for chunk in twin.chunks(1000) {
            intake.feed(chunk);
        }
        let streamed = intake.finish();
        assert_eq!(streamed.md5, md5(&twin));
        assert_eq!(streamed.collision_blocks, whole.collision_blocks);
        let offsets: Vec<u64> = whole.collision_blocks.iter().map(|d| d.offset).collect();
        assert_eq!(offsets.len(), 2, "{offsets:?}");
        assert_eq!(offsets[1], offsets[0] + 64);
        assert!(
            analyse_file("p.png", "image/png", &png())
                .collision_blocks
                .is_empty()
        );
    }

    #[test]
    fn a_picture_gets_md5_size_and_signature() {
        let bytes = png();
        let facts = analyse_file("poster.png", "image/png", &bytes);
        assert_eq!(facts.md5, md5(&bytes));
        assert_eq!(facts.size, bytes.len() as u64);
        assert_eq!(facts.kind, FileKind::Image);
        let picture = facts.picture.clone().expect("decoded");
        assert_eq!((picture.width, picture.height), (160, 120));
        assert_eq!(picture.matcher, default_matcher().name());
        // PDQ's signature comes with the app matcher's, for the console's comparison.
        let grey = luminosity(160, 120, test_pictures::picture(5, 160, 120).as_raw());
        assert_eq!(picture.pdq, Some(PdqMatcher::default().signature(&grey)));
        assert_ne!(picture.pdq.as_ref(), Some(&picture.signature));
        // Facts saved before PDQ's signature was kept still load, without one.
        let json = serde_json::to_string(&facts).unwrap();
        let old = json.replace(
            &format!(",\"pdq\":{}", serde_json::to_string(&picture.pdq).unwrap()),
            "",
        );
        assert!(!old.contains("\"pdq\""), "{old}");
        let read = serde_json::from_str::<FileFacts>(&old).unwrap();
        assert_eq!(read.picture.unwrap().pdq, None);
        assert_eq!(
            facts.ocr_note.as_deref(),
            Some("OCR was not run on this picture")
        );
        assert_eq!(facts.ocr_text, None);
        assert_eq!(facts.problem, None);
    }

    #[test]
    fn the_intake_hands_back_the_decoded_picture_once() {
        let bytes = png();
        let mut intake = FileIntake::new("poster.png", "image/png", bytes.len() as u64);
        for chunk in bytes.chunks(1000) {
            intake.feed(chunk);
        }
        let (facts, picture) = intake.finish_keeping_picture(&default_matcher(), &NoOcr);
        let picture = picture.expect("a decoded picture");
        assert_eq!(picture.dimensions(), (160, 120));
        assert_eq!(facts, analyse_file("poster.png", "image/png", &bytes));

        let mut intake = FileIntake::new("a.txt", "text/plain", 2);
        intake.feed(b"hi");
        let (facts, picture) = intake.finish_keeping_picture(&default_matcher(), &NoOcr);
        assert!(picture.is_none());
        assert_eq!(facts.text.as_deref(), Some("hi"));
    }

    #[test]
    fn kind_comes_from_bytes_before_names() {
        let facts = analyse_file("notes.txt", "text/plain", &png());
        assert_eq!(facts.kind, FileKind::Image, "a PNG named .txt is a picture");
        assert!(facts.picture.is_some());
        let facts = analyse_file("report", "", "冠状病毒".as_bytes());
        assert_eq!(facts.kind, FileKind::Text);
        assert_eq!(facts.text.as_deref(), Some("冠状病毒"));
        let facts = analyse_file("data.bin", "application/octet-stream", &[0, 1, 2, 255, 254]);
        assert_eq!(facts.kind, FileKind::Other);
        assert_eq!(facts.problem, Some(ContentProblem::Unsupported));
    }

    #[test]
    fn bad_files_are_hashed_and_explained() {
        let good = png();
        type Case = (
            &'static str,
            &'static str,
            Vec<u8>,
            fn(&ContentProblem) -> bool,
        );
        let cases: Vec<Case> = vec![
            ("empty.png", "image/png", vec![], |p| {
                *p == ContentProblem::Empty
            }),
            (
                "half.png",
                "image/png",
                good[..good.len() / 2].to_vec(),
                |p| matches!(p, ContentProblem::Truncated),
            ),
            (
                "fake.jpg",
                "image/jpeg",
                b"this is not a jpeg at all".to_vec(),
                |p| *p == ContentProblem::NotAPicture,
            ),
            (
                "zip.txt",
                "text/plain",
                vec![0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0xFF],
                |p| matches!(p, ContentProblem::NotText(_)),
            ),
            ("empty", "", vec![], |p| *p == ContentProblem::Empty),
        ];
        for (name, mime, bytes, expected) in cases {
            let facts = analyse_file(name, mime, &bytes);
            assert_eq!(facts.md5, md5(&bytes), "{name}: hashed anyway");
            let problem = facts
                .problem
                .clone()
                .unwrap_or_else(|| panic!("{name}: problem reported"));
            assert!(expected(&problem), "{name}: {problem:?}");
            assert!(!problem.to_string().is_empty());
            assert!(facts.picture.is_none() && facts.text.is_none(), "{name}");
        }
    }

    #[test]
    fn corrupt_pixels_are_reported_as_damage() {
        let mut bytes = png();
        // Scramble the compressed pixel data but keep the header and length intact.
        let idat = bytes.windows(4).position(|w| w == b"IDAT").unwrap() + 8;
        for b in &mut bytes[idat..idat + 40] {
            *b ^= 0x5A;
        }
        let facts = analyse_file("broken.png", "image/png", &bytes);
        let problem = facts.problem.expect("damage reported");
        assert!(
            matches!(
                problem,
                ContentProblem::Corrupt(_) | ContentProblem::Truncated
            ),
            "{problem:?}"
        );
        assert!(problem.to_string().len() > 10, "{problem}");
    }

    #[test]
    fn chunked_intake_equals_whole_file_analysis() {
        let bytes = png();
        let mut intake = FileIntake::new("poster.png", "image/png", bytes.len() as u64);
        for chunk in bytes.chunks(1000) {
            intake.feed(chunk);
        }
        assert_eq!(intake.len(), bytes.len() as u64);
        assert_eq!(
            intake.finish(),
            analyse_file("poster.png", "image/png", &bytes)
        );
    }

    #[test]
    fn intake_over_the_limit_only_hashes() {
        let bytes = png();
        // Declared small but actually over the limit: the buffer is dropped on the way.
        let mut intake = FileIntake::with_limit("poster.png", "image/png", 10, 1000);
        for chunk in bytes.chunks(300) {
            intake.feed(chunk);
        }
        let facts = intake.finish();
        assert_eq!(facts.md5, md5(&bytes));
        assert_eq!(
            facts.kind,
            FileKind::Image,
            "recognised from its first bytes"
        );
        assert_eq!(
            facts.problem,
            Some(ContentProblem::TooBigToAnalyse {
                size: bytes.len() as u64,
                limit: 1000
            })
        );
        assert!(facts.picture.is_none());
        // Declared too big up front: nothing is buffered at all.
        let intake = FileIntake::with_limit("big.bin", "", 5000, 1000);
        assert!(intake.kept.is_none());
    }

    #[test]
    fn a_recogniser_fills_ocr_text() {
        struct Reads(&'static str);
        impl TextRecogniser for Reads {
            fn recognise(&self, _: &Greyscale) -> Result<String, String> {
                Ok(self.0.to_string())
            }
        }
        let facts = analyse_file_with(
            "p.png",
            "image/png",
            &png(),
            &PdqMatcher::default(),
            &Reads("六四"),
        );
        assert!(facts.picture.expect("decoded").matcher.starts_with("PDQ"));
        assert_eq!(facts.ocr_text.as_deref(), Some("六四"));
        assert_eq!(facts.ocr_note, None);
    }

    #[test]
    fn the_ocr_worker_reads_what_the_main_worker_left() {
        let picture = analyse_file("poster.png", "image/png", &png());
        assert!(picture.unread_picture_text());
        let mut read = picture.clone();
        read.read_picture_text(Ok(("六四\nJune 4".into(), 87)));
        assert_eq!(read.ocr_text.as_deref(), Some("六四\nJune 4"));
        assert_eq!(
            (read.ocr_confidence, read.ocr_note.clone()),
            (Some(87), None)
        );
        assert!(!read.unread_picture_text(), "read once");
        let mut blank = picture.clone();
        blank.read_picture_text(Ok((" \n".into(), 0)));
        assert_eq!(
            (blank.ocr_text.clone(), blank.ocr_note.clone()),
            (None, None)
        );
        assert_eq!(blank.no_text_reason(), "no text found");
        assert!(!blank.unread_picture_text());
        let mut failed = picture;
        failed.read_picture_text(Err("the OCR worker stopped".into()));
        assert_eq!(failed.no_text_reason(), "the OCR worker stopped");
        // Only decoded pictures go to OCR.
        assert!(!analyse_file("a.txt", "text/plain", b"hi").unread_picture_text());
        assert!(!analyse_file("h.png", "image/png", &png()[..50]).unread_picture_text());
        // Facts saved before OCR existed still load.
        let json = serde_json::to_string(&read)
            .unwrap()
            .replace(",\"ocr_confidence\":87", "");
        assert!(!json.contains("ocr_confidence"));
        assert_eq!(
            serde_json::from_str::<FileFacts>(&json)
                .unwrap()
                .ocr_confidence,
            None
        );
    }

    #[test]
    fn reasons_read_as_the_platform_logs_them() {
        let picture = analyse_file("poster.png", "image/png", &png());
        assert_eq!(picture.no_text_reason(), NO_OCR_NOTE);
        assert_eq!(
            crate::l10n::text_in(crate::scenario::address::Lang::En, "filters.no_ocr"),
            NO_OCR_NOTE
        );
        let half = analyse_file("half.png", "image/png", &png()[..50]);
        assert_eq!(
            half.unreadable_reason(),
            half.problem.clone().unwrap().to_string()
        );
        let mut plain = analyse_file("a.txt", "text/plain", b"hi");
        plain.text = None;
        assert_eq!(plain.no_text_reason(), "no text found");
        assert_eq!(plain.unreadable_reason(), "it was not decoded");
    }

    #[test]
    fn facts_json_round_trip() {
        let facts = analyse_file("half.png", "image/png", &png()[..50]);
        let json = serde_json::to_string(&facts).unwrap();
        assert_eq!(serde_json::from_str::<FileFacts>(&json).unwrap(), facts);
    }
}
