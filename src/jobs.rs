//! The messages the page and its Web Workers exchange.
//!
//! Heavy work (hashing big files, decoding and analysing pictures, forging, searching
//! collisions) runs in workers so the page never freezes. The protocol is plain serde data,
//! so it is tested natively; the browser glue in `web` only adds what JSON cannot carry: the
//! files worked on, and the bytes of a forged pair, under the [`wire`] keys.
//!
//! The page numbers each request and the worker repeats the number on every message about it
//! ([`ToWorker`], [`FromWorker`]); callers never see the numbers — they await one reply per
//! request (`web::worker_client`).

use crate::decode::DecodeError;
use crate::detect::Scan;
use crate::filters::FileFacts;
use crate::filters::documents::{DocumentError, DocumentFormat, Extracted};
use crate::fingerprint::Digest;
use crate::forge::jpeg::Twin;
use crate::forge::{ForgeError, ForgeStats, Span};
use crate::l10n::Message;
use crate::scenario::notice::Notice;
use crate::{message, t};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Bytes read from a file per step. Big enough that per-chunk overhead vanishes next to
/// hashing, small enough that progress moves often and memory stays flat.
pub const CHUNK_BYTES: usize = 4 << 20;

/// Largest file whose collision twin a worker rebuilds: the file must be held in memory
/// twice. Larger files are still scanned, chunk by chunk.
pub const TWIN_LIMIT: u64 = 64 << 20;

/// The keys of the JavaScript objects posted between page and worker.
pub mod wire {
    /// The JSON text of a [`super::ToWorker`] or [`super::FromWorker`].
    pub const JSON: &str = "json";
    /// The `Blob`s a request works on, in order (an array).
    pub const FILES: &str = "files";
    /// The byte arrays a reply carries beside its JSON (an array of `Uint8Array`).
    pub const BYTES: &str = "bytes";
}

/// Work the page asks of a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// MD5 of the attached file, streamed in chunks.
    Hash,
    /// Everything the server needs to route and later analyse the attached file: its MD5
    /// (streamed), its content facts, and a preview for the chat views.
    Analyse { name: String, mime: String },
    /// Whether the attached file is a picture this app can decode, from its header alone.
    Inspect,
    /// Two GIFs with one MD5 from the two attached pictures (the first shown by X, the
    /// second by Y), on a canvas with shipped collision blocks.
    Forge {
        width: u16,
        height: u16,
        /// A collision line (blocks file format) to use instead of the shipped ones.
        blocks: Option<String>,
    },
    /// Two JPEGs with one MD5 from the two attached pictures (the first shown by X), around
    /// the universal JPEG collision, or the one found live (a JPEG blocks line).
    ForgeJpeg { blocks: Option<String> },
    /// A brand-new collision for a canvas, searched with our own attack from `seed`.
    Collide { width: u16, height: u16, seed: u64 },
    /// A brand-new universal JPEG collision, searched from `seed`; answered by `Collided`
    /// with a JPEG blocks line.
    CollideJpeg { seed: u64 },
    /// The text of the attached document. Only the documents worker answers this one.
    ReadDocument { format: DocumentFormat },
    /// The text in the attached picture, by OCR. Only the OCR worker (`www/ocr-worker.js`,
    /// Tesseract) answers this one.
    ReadText,
    /// What a censor's collision detector finds in the two attached files (X, Y) of a pair.
    Notice,
    /// What the collision detector finds in the attached file, and the twin it implies.
    Detect,
    /// One variant of the attached picture for the evasion lab, judged by MD5 and both
    /// visual matchers. Only builds with the `evasion` feature know it (the lab's own wasm
    /// and the main worker): the page never sends it and does not carry its code.
    #[cfg(feature = "later")]
    Evade {
        variant: crate::filters::variants::Variant,
    },
}

impl Request {
    /// How many files the request works on.
    pub fn files_needed(&self) -> usize {
        match self {
            Self::Hash
            | Self::Analyse { .. }
            | Self::Inspect
            | Self::ReadDocument { .. }
            | Self::ReadText
            | Self::Detect => 1,
            #[cfg(feature = "later")]
            Self::Evade { .. } => 1,
            Self::Forge { .. } | Self::ForgeJpeg { .. } | Self::Notice => 2,
            Self::Collide { .. } | Self::CollideJpeg { .. } => 0,
        }
    }
}

/// A request's final answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Hashed {
        md5: Digest,
        size: u64,
    },
    Analysed {
        facts: Box<FileFacts>,
        preview: Option<String>,
    },
    /// The picture's size, read from its header and within the decoding limits.
    Inspected {
        width: u32,
        height: u32,
    },
    /// A verified same-MD5 pair. The two files travel beside the JSON (X then Y) and are
    /// put back here by the page.
    Forged {
        md5: Digest,
        width: u16,
        height: u16,
        x_map: Vec<Span>,
        y_map: Vec<Span>,
        stats: ForgeStats,
        /// Worker time from receiving the pictures to the verified pair, in milliseconds.
        ms: f64,
        #[serde(skip)]
        x: Vec<u8>,
        #[serde(skip)]
        y: Vec<u8>,
    },
    /// A verified same-MD5 JPEG pair; the two files travel beside the JSON, as for `Forged`.
    ForgedJpeg {
        md5: Digest,
        a: Twin,
        b: Twin,
        x_map: Vec<Span>,
        y_map: Vec<Span>,
        /// Worker time from receiving the pictures to the verified pair, in milliseconds.
        ms: f64,
        #[serde(skip)]
        x: Vec<u8>,
        #[serde(skip)]
        y: Vec<u8>,
    },
    /// A verified collision for a canvas, as a blocks-file line.
    Collided {
        line: String,
        nonce: u32,
        seed: u64,
        searches: u32,
        variant: String,
        block1_attempts: u64,
        block2_attempts: u64,
        /// Worker time of the whole search, in milliseconds.
        ms: f64,
    },
    /// What the document reader made of a document: its text, or why it has none.
    DocumentRead {
        read: Result<Extracted, DocumentError>,
    },
    /// What OCR read in a picture (lines joined by newlines; empty if none) and its mean
    /// confidence in percent.
    TextRead {
        text: String,
        confidence: u8,
    },
    /// The detector's findings for a pair.
    Noticed {
        notice: Notice,
    },
    /// The detector's findings for one file, and the file its first complete collision
    /// implies (empty if none, or if the file is over [`TWIN_LIMIT`]); the twin travels
    /// beside the JSON.
    Detected {
        scan: Scan,
        #[serde(skip)]
        twin: Vec<u8>,
    },
    /// A variant for the evasion lab, its preview (a `data:` URL), and the variant file,
    /// which travels beside the JSON.
    #[cfg(feature = "later")]
    Evaded {
        row: Box<crate::filters::variants::EvasionRow>,
        mime: String,
        preview: String,
        #[serde(skip)]
        file: Vec<u8>,
    },
    /// The work could not be done, and why (shown to the person as it is).
    Failed {
        message: String,
    },
    /// The work could not be done, and why, as data: the page words it in its language.
    Refused {
        failure: Message,
    },
}

/// Why a worker could not do the work. It crosses to the page as its [`Message`]: a worker
/// never loads Chinese, so the page says it, in the language it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The request came without the file it works on.
    NoFile,
    /// A forge came without its two pictures.
    TwoPictures,
    /// This browser cannot read files in a worker.
    NoReader,
    /// The file could not be read as it was streamed (it may have been moved or deleted).
    Moved,
    /// The file could not be read.
    Unread,
    /// The attached file is not a picture that can be used (said as the decoder says it).
    Picture(DecodeError),
    /// Picture `which` ("A" or "B") of a forge could not be decoded.
    PictureOf { which: String, error: DecodeError },
    /// The forge refused.
    Forge(ForgeError),
    /// A collision search was asked for a canvas without a width or a height.
    NoCanvas,
    /// The collision search failed, in its own (English) words: only a defect does this.
    Search(String),
}

impl Failure {
    /// The failure as it crosses to the page.
    pub fn message(&self) -> Message {
        match self {
            Self::NoFile => message!("forge.job.no_file"),
            Self::TwoPictures => message!("forge.job.two_pictures"),
            Self::NoReader => message!("forge.job.no_reader"),
            Self::Moved => message!("forge.job.moved"),
            Self::Unread => message!("forge.job.unread"),
            Self::Picture(error) => error.message(),
            Self::PictureOf { which, error } => {
                message!("forge.job.picture", which = which, why = error.message())
            }
            Self::Forge(error) => error.message(),
            Self::NoCanvas => message!("forge.job.no_canvas"),
            Self::Search(why) => message!("forge.job.search", why = why),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// How a request is going (sent a few times a second).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    /// Bytes of the attached file read so far.
    Bytes { done: u64, total: u64 },
    /// Attempts of a collision search so far, and the block it is on.
    Search {
        block1_attempts: u64,
        block2_attempts: u64,
        block: u8,
    },
}

/// What the page posts: a numbered request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToWorker {
    pub id: u32,
    pub request: Request,
}

/// What a worker posts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker has started and will now receive requests.
    Ready,
    Progress {
        id: u32,
        progress: Progress,
    },
    Done {
        id: u32,
        reply: Reply,
    },
}

/// Why a request got no reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobError {
    /// The worker did the work and reported a problem (a message for the person).
    Failed(String),
    /// The worker could not do the work, for a reason the page words.
    Refused(Message),
    /// The worker stopped (it crashed or the browser killed it) before replying.
    WorkerStopped(String),
    /// No worker could be started in this browser.
    CannotStart(String),
    /// The page cancelled the request (it stopped the worker).
    Cancelled,
}

impl fmt::Display for JobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Failed(message) => return f.write_str(message),
            Self::Refused(failure) => return write!(f, "{failure}"),
            Self::WorkerStopped(detail) => t!("forge.job.stopped", detail = detail),
            Self::CannotStart(detail) => t!("forge.job.cannot_start", detail = detail),
            Self::Cancelled => t!("forge.job.cancelled"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for JobError {}

impl Reply {
    /// Takes out the bytes that travel beside the JSON (a forged pair's two files, X then
    /// Y), leaving the rest to be serialised.
    pub fn take_files(&mut self) -> Vec<Vec<u8>> {
        match self {
            Self::Forged { x, y, .. } | Self::ForgedJpeg { x, y, .. } => {
                vec![std::mem::take(x), std::mem::take(y)]
            }
            Self::Detected { twin, .. } => vec![std::mem::take(twin)],
            #[cfg(feature = "later")]
            Self::Evaded { file, .. } => vec![std::mem::take(file)],
            _ => Vec::new(),
        }
    }

    /// Puts back the bytes that travelled beside the JSON, in the order `take_files` gave.
    pub fn put_files(&mut self, files: Vec<Vec<u8>>) {
        let mut files = files.into_iter();
        match self {
            Self::Forged { x, y, .. } | Self::ForgedJpeg { x, y, .. } => {
                *x = files.next().unwrap_or_default();
                *y = files.next().unwrap_or_default();
            }
            Self::Detected { twin, .. } => *twin = files.next().unwrap_or_default(),
            #[cfg(feature = "later")]
            Self::Evaded { file, .. } => *file = files.next().unwrap_or_default(),
            _ => {}
        }
    }

    /// The reply as the caller's result: a worker's `Failed` is an error.
    pub fn into_result(self) -> Result<Reply, JobError> {
        match self {
            Self::Failed { message } => Err(JobError::Failed(message)),
            Self::Refused { failure } => Err(JobError::Refused(failure)),
            reply => Ok(reply),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::md5;
    use crate::scenario::address::Lang;

    #[test]
    fn messages_round_trip_as_json() {
        let messages = [
            FromWorker::Ready,
            FromWorker::Progress {
                id: 3,
                progress: Progress::Bytes {
                    done: 10,
                    total: 20,
                },
            },
            FromWorker::Done {
                id: 3,
                reply: Reply::Hashed {
                    md5: md5(b"x"),
                    size: 1,
                },
            },
            FromWorker::Done {
                id: 4,
                reply: Reply::Failed {
                    message: "the file could not be read".into(),
                },
            },
            FromWorker::Done {
                id: 5,
                reply: Reply::Analysed {
                    facts: Box::new(crate::filters::analyse_file(
                        "a.txt",
                        "text/plain",
                        "法轮功".as_bytes(),
                    )),
                    preview: None,
                },
            },
        ];
        for message in messages {
            let json = serde_json::to_string(&message).unwrap();
            assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), message);
        }
        let request = ToWorker {
            id: 7,
            request: Request::Collide {
                width: 640,
                height: 480,
                seed: 1,
            },
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&json).unwrap(), request);
    }

    /// The OCR worker is JavaScript (`www/ocr-worker.js`) and writes these messages by hand:
    /// this pins the JSON it reads and writes.
    #[test]
    fn the_ocr_workers_messages_have_the_json_it_writes_by_hand() {
        let request = ToWorker {
            id: 9,
            request: Request::ReadText,
        };
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"id":9,"request":"ReadText"}"#
        );
        let worker_js = include_str!("../www/ocr-worker.js");
        for written in [
            "post('Ready')",
            "{ Done: { id, reply: { TextRead: { text, confidence } } } }",
            "{ Done: { id, reply: { Refused: { failure } } } }",
            "{ Done: { id, reply: { Failed: { message } } } }",
            "{ key, args: why === undefined ? [] : [['why', { Text: String(why) }]] }",
        ] {
            assert!(worker_js.contains(written), "the worker writes {written}");
        }
        // The refusals it words through the page's catalogue exist in both languages.
        for key in ["filters.ocr.undecodable", "filters.ocr.engine"] {
            assert!(worker_js.contains(&format!("'{key}'")), "{key}");
            for lang in [Lang::En, Lang::ZhCn] {
                assert_ne!(crate::l10n::text_in(lang, key), key, "{key} in {lang:?}");
            }
        }
        let refused: FromWorker = serde_json::from_str(
            r#"{"Done":{"id":9,"reply":{"Refused":{"failure":{"key":"filters.ocr.engine","args":[["why",{"Text":"HTTP 404"}]]}}}}}"#,
        )
        .unwrap();
        let FromWorker::Done { reply, .. } = refused else {
            panic!("{refused:?}")
        };
        let Err(JobError::Refused(failure)) = reply.into_result() else {
            panic!("a refusal")
        };
        assert_eq!(
            crate::l10n::fill(
                &crate::l10n::text_in(Lang::En, &failure.key),
                &[("why", &"HTTP 404")]
            ),
            "the OCR engine did not start: HTTP 404"
        );
        let read: FromWorker = serde_json::from_str(
            r#"{"Done":{"id":9,"reply":{"TextRead":{"text":"六四\nJune 4","confidence":87}}}}"#,
        )
        .unwrap();
        assert_eq!(
            read,
            FromWorker::Done {
                id: 9,
                reply: Reply::TextRead {
                    text: "六四\nJune 4".into(),
                    confidence: 87
                }
            }
        );
        let failed: FromWorker =
            serde_json::from_str(r#"{"Done":{"id":9,"reply":{"Failed":{"message":"no"}}}}"#)
                .unwrap();
        assert!(matches!(
            failed,
            FromWorker::Done {
                reply: Reply::Failed { .. },
                ..
            }
        ));
    }

    #[test]
    fn a_workers_failure_is_the_callers_error() {
        assert_eq!(
            Reply::Failed {
                message: "no".into()
            }
            .into_result(),
            Err(JobError::Failed("no".into()))
        );
        let ok = Reply::Hashed {
            md5: md5(b""),
            size: 0,
        };
        assert_eq!(ok.clone().into_result(), Ok(ok));
        assert_eq!(Request::Hash.files_needed(), 1);
        assert_eq!(
            Request::Forge {
                width: 1,
                height: 1,
                blocks: None
            }
            .files_needed(),
            2
        );
        assert!(
            JobError::CannotStart("x".into())
                .to_string()
                .contains("Reload the page")
        );
    }

    #[test]
    fn a_refusal_travels_as_data_and_reads_as_before() {
        let failures = [
            Failure::Picture(DecodeError::NotAPicture),
            Failure::PictureOf {
                which: "B".into(),
                error: DecodeError::TooLarge {
                    width: 20_000,
                    height: 20_000,
                },
            },
            Failure::Forge(ForgeError::Unreadable {
                which: "second",
                error: DecodeError::Corrupt("bad".into()),
            }),
            Failure::Forge(ForgeError::NoLayout {
                tried: 2,
                last: crate::forge::LayoutError::GaveUp { steps: 9 },
            }),
            Failure::Moved,
        ];
        for failure in failures {
            let reply = Reply::Refused {
                failure: failure.message(),
            };
            let json = serde_json::to_string(&reply).unwrap();
            let back: Reply = serde_json::from_str(&json).unwrap();
            let error = back.into_result().unwrap_err();
            assert_eq!(error, JobError::Refused(failure.message()));
            // Worded on the page, it reads as the worker's own words would.
            assert_eq!(error.to_string(), failure.to_string());
        }
        let said = |failure: Failure| JobError::Refused(failure.message()).to_string();
        assert!(said(Failure::Picture(DecodeError::NotAPicture)).starts_with("not a picture"));
        assert_eq!(
            said(Failure::PictureOf {
                which: "A".into(),
                error: DecodeError::Empty
            }),
            "picture A: the file is empty"
        );
        assert_eq!(
            said(Failure::Moved),
            "the file could not be read (was it moved or deleted?)"
        );
        assert_eq!(
            JobError::WorkerStopped("gone".into()).to_string(),
            "The background worker stopped (gone). Try again: a new one will start."
        );
    }

    #[test]
    fn forged_bytes_never_travel_as_json() {
        let reply = Reply::Forged {
            md5: md5(b""),
            width: 1,
            height: 1,
            x_map: vec![],
            y_map: vec![],
            stats: ForgeStats {
                search_steps: 0,
                retries: 0,
                layout: Default::default(),
                reduction_a: crate::forge::Reduction::Exact,
                reduction_b: crate::forge::Reduction::Exact,
                data_a: 0,
                data_b: 0,
            },
            ms: 0.0,
            x: vec![1, 2, 3],
            y: vec![4],
        };
        let mut sent = reply.clone();
        let files = sent.take_files();
        let json = serde_json::to_string(&sent).unwrap();
        assert!(!json.contains("\"x\""), "{json}");
        let mut received: Reply = serde_json::from_str(&json).unwrap();
        received.put_files(files);
        assert_eq!(received, reply);
    }

    #[test]
    fn a_forged_jpeg_pair_travels_beside_the_json() {
        let twin = |width| Twin {
            width,
            height: 9,
            alone: 1234,
        };
        let reply = Reply::ForgedJpeg {
            md5: md5(b"x"),
            a: twin(16),
            b: twin(32),
            x_map: vec![],
            y_map: vec![],
            ms: 12.0,
            x: vec![0xFF, 0xD8],
            y: vec![0xFF, 0xD8, 0],
        };
        let mut sent = reply.clone();
        let files = sent.take_files();
        assert_eq!(files.len(), 2);
        let json = serde_json::to_string(&sent).unwrap();
        assert!(!json.contains("\"x\""), "{json}");
        let mut received: Reply = serde_json::from_str(&json).unwrap();
        received.put_files(files);
        assert_eq!(received, reply);
        assert_eq!(Request::ForgeJpeg { blocks: None }.files_needed(), 2);
        assert_eq!(Request::CollideJpeg { seed: 1 }.files_needed(), 0);
    }

    #[test]
    fn a_detected_twin_travels_beside_the_json() {
        let bytes = b"any file at all".to_vec();
        let reply = Reply::Detected {
            scan: crate::detect::scan(&bytes),
            twin: vec![9; 200],
        };
        let mut sent = reply.clone();
        let files = sent.take_files();
        assert_eq!(files, vec![vec![9; 200]]);
        let json = serde_json::to_string(&sent).unwrap();
        assert!(!json.contains("twin"), "{json}");
        let mut received: Reply = serde_json::from_str(&json).unwrap();
        received.put_files(files);
        assert_eq!(received, reply);
        assert_eq!(Request::Detect.files_needed(), 1);
        assert_eq!(Request::Notice.files_needed(), 2);
    }
}
