//! The messages the page and its Web Workers exchange.
//!
//! Heavy work (hashing big files, decoding and analysing pictures, forging, searching
//! collisions) runs in workers so the page never freezes. The protocol is plain serde data,
//! so it is tested natively; the browser glue in `web` only adds the one thing JSON cannot
//! carry, the `File` being worked on.

use crate::filters::{FileFacts, VisualSignature};
use crate::fingerprint::Digest;
use crate::forge::{ForgeStats, Span};
use serde::{Deserialize, Serialize};

/// Bytes read from a file per step. Big enough that per-chunk overhead vanishes next to
/// hashing, small enough that progress moves often and memory stays flat.
pub const CHUNK_BYTES: usize = 4 << 20;

/// Work the page asks of a worker. Each request carries a job number its replies repeat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// MD5 of the attached file, streamed in chunks.
    Hash { job: u32 },
    /// Everything the server needs to route and later analyse the attached file: its MD5
    /// (streamed), its content facts, and a preview for the chat views.
    Analyse {
        job: u32,
        name: String,
        mime: String,
    },
    /// The visual signature of the attached picture, to list it as a reference.
    Reference { job: u32, name: String },
    /// Two GIFs with one MD5 from the two attached pictures (`file` shown by X, `file2`
    /// by Y), on a canvas with shipped collision blocks.
    Forge {
        job: u32,
        width: u16,
        height: u16,
        /// A collision line (blocks file format) to use instead of the shipped ones.
        blocks: Option<String>,
    },
    /// A brand-new collision for a canvas, searched with our own attack from `seed`.
    Collide {
        job: u32,
        width: u16,
        height: u16,
        seed: u64,
    },
}

impl Request {
    /// The job number its replies will carry.
    pub fn job(&self) -> u32 {
        match self {
            Self::Hash { job }
            | Self::Analyse { job, .. }
            | Self::Reference { job, .. }
            | Self::Forge { job, .. }
            | Self::Collide { job, .. } => *job,
        }
    }
}

/// What a worker sends back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker has started and will now receive requests.
    Ready,
    Progress {
        job: u32,
        done: u64,
        total: u64,
    },
    Hashed {
        job: u32,
        md5: Digest,
        size: u64,
    },
    Analysed {
        job: u32,
        facts: Box<FileFacts>,
        preview: Option<String>,
    },
    Reference {
        job: u32,
        name: String,
        signature: VisualSignature,
        preview: Option<String>,
    },
    /// A verified same-MD5 pair; the two files travel beside the JSON, X then Y.
    Forged {
        job: u32,
        md5: Digest,
        width: u16,
        height: u16,
        x_map: Vec<Span>,
        y_map: Vec<Span>,
        stats: ForgeStats,
        /// Worker time from receiving the pictures to the verified pair, in milliseconds.
        ms: f64,
    },
    /// How a collision search is going (sent a few times a second).
    Searching {
        job: u32,
        block1_attempts: u64,
        block2_attempts: u64,
        block: u8,
    },
    /// A verified collision for a canvas, as a blocks-file line.
    Collided {
        job: u32,
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
    Failed {
        job: u32,
        message: String,
    },
}

impl Reply {
    /// Whether this is a job's last reply (progress reports are not; `Ready` is no job's).
    pub fn is_final(&self) -> bool {
        !matches!(
            self,
            Self::Ready | Self::Progress { .. } | Self::Searching { .. }
        )
    }

    /// The job this reply belongs to (0 for messages about the worker itself).
    pub fn job(&self) -> u32 {
        match self {
            Self::Ready => 0,
            Self::Progress { job, .. }
            | Self::Hashed { job, .. }
            | Self::Analysed { job, .. }
            | Self::Reference { job, .. }
            | Self::Forged { job, .. }
            | Self::Searching { job, .. }
            | Self::Collided { job, .. }
            | Self::Failed { job, .. } => *job,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::md5;

    #[test]
    fn replies_round_trip_as_json() {
        let replies = [
            Reply::Progress {
                job: 3,
                done: 10,
                total: 20,
            },
            Reply::Hashed {
                job: 3,
                md5: md5(b"x"),
                size: 1,
            },
            Reply::Failed {
                job: 4,
                message: "the file could not be read".into(),
            },
            Reply::Analysed {
                job: 5,
                facts: Box::new(crate::filters::analyse_file(
                    "a.txt",
                    "text/plain",
                    "法轮功".as_bytes(),
                )),
                preview: None,
            },
        ];
        for reply in replies {
            let json = serde_json::to_string(&reply).unwrap();
            assert_eq!(serde_json::from_str::<Reply>(&json).unwrap(), reply);
        }
        assert_eq!(Request::Hash { job: 7 }.job(), 7);
        assert!(!Reply::Ready.is_final());
        assert!(
            !Reply::Progress {
                job: 1,
                done: 1,
                total: 2
            }
            .is_final()
        );
        assert!(
            Reply::Hashed {
                job: 1,
                md5: md5(b""),
                size: 0
            }
            .is_final()
        );
        assert_eq!(
            Reply::Failed {
                job: 9,
                message: String::new()
            }
            .job(),
            9
        );
    }
}
