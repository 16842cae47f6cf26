//! The detector fed chunk by chunk: MD5 of the whole file plus the blocks that are part of a
//! collision, in memory that does not grow with the file.

use super::class::{self, CollisionClass, Role};
use super::compress::{compress, words};
use crate::collide::md5q::{Cv, IV, cv_bytes};
use crate::fingerprint::Digest;
use serde::{Deserialize, Serialize};

/// A 64-byte block of the file that is one block of a known collision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Detection {
    /// Byte offset of the block in the file (a multiple of 64).
    pub offset: u64,
    pub class: CollisionClass,
    pub role: Role,
}

/// What a whole file scan found.
/// Serialisable both ways, so a worker can send it to the page as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scan {
    /// The file's ordinary MD5.
    pub md5: Digest,
    /// Detected blocks, by offset.
    pub blocks: Vec<Detection>,
}

/// A scan in progress. Feed the file in order, in chunks of any size; the result does not
/// depend on the chunking.
#[derive(Clone, Debug)]
pub struct Detector {
    cv: Cv,
    /// Bytes of an incomplete block carried over to the next chunk.
    pending: [u8; 64],
    pending_len: usize,
    /// Bytes fed so far.
    len: u64,
    blocks: Vec<Detection>,
}

impl Default for Detector {
    fn default() -> Self {
        Self::new()
    }
}

impl Detector {
    pub fn new() -> Self {
        Detector {
            cv: IV,
            pending: [0; 64],
            pending_len: 0,
            len: 0,
            blocks: Vec::new(),
        }
    }

    /// Feeds the next chunk of the file.
    pub fn feed(&mut self, mut chunk: &[u8]) {
        if self.pending_len > 0 {
            let take = (64 - self.pending_len).min(chunk.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&chunk[..take]);
            self.pending_len += take;
            chunk = &chunk[take..];
            if self.pending_len < 64 {
                return;
            }
            let block = self.pending;
            self.block(&block);
            self.pending_len = 0;
        }
        let mut blocks = chunk.chunks_exact(64);
        for block in &mut blocks {
            self.block(block.try_into().expect("64 bytes"));
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    /// Bytes fed so far.
    pub fn len(&self) -> u64 {
        self.len + self.pending_len as u64
    }

    /// True until a non-empty chunk has been fed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Blocks detected so far (a block is checked once all its 64 bytes have been fed).
    pub fn detections(&self) -> &[Detection] {
        &self.blocks
    }

    /// The MD5 of everything fed, and every detection.
    pub fn finish(self) -> Scan {
        let bits = self.len().wrapping_mul(8);
        let mut tail = [0u8; 128];
        tail[..self.pending_len].copy_from_slice(&self.pending[..self.pending_len]);
        tail[self.pending_len] = 0x80;
        // The padding never holds a collision block (its last 8 bytes are the length), so it is
        // only hashed.
        let used = if self.pending_len < 56 { 64 } else { 128 };
        tail[used - 8..used].copy_from_slice(&bits.to_le_bytes());
        let mut cv = self.cv;
        for block in tail[..used].chunks_exact(64) {
            cv = compress(&cv, &words(block.try_into().expect("64 bytes"))).0;
        }
        Scan {
            md5: Digest(cv_bytes(&cv)),
            blocks: self.blocks,
        }
    }

    #[inline(always)]
    fn block(&mut self, block: &[u8; 64]) {
        let m = words(block);
        let (out, taps) = compress(&self.cv, &m);
        let offset = self.len;
        let blocks = &mut self.blocks;
        class::check(&self.cv, &m, &out, &taps, &mut |class, role| {
            blocks.push(Detection {
                offset,
                class,
                role,
            });
        });
        self.cv = out;
        self.len += 64;
    }
}

/// Scans a whole buffer: its MD5 and the collision blocks in it.
pub fn scan(bytes: &[u8]) -> Scan {
    let mut d = Detector::new();
    d.feed(bytes);
    d.finish()
}
