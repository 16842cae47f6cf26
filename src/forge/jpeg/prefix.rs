//! The universal JPEG prefix and the collision that follows it.
//!
//! A JPEG's dimensions come after the collision, so one collision serves every pair of photos.
//! The 64-byte prefix is SOI and a comment (COM) whose body runs to byte 56 of collision
//! block 1. The attack holds bytes 57–58 of block 1 to `FF FE`, a second COM marker, so byte 59,
//! whose top bit the collision flips, is the high byte of that COM's length and byte 60 its
//! low byte. The two files' lengths then differ by 32,768: one parser resumes 32 KB after the
//! other (docs/how-it-works.md §7).
//!
//! Why COM and not an unused APPn marker: every decoder must skip a COM, while several parse
//! some APPn segments. Why the top bit of the length's high byte rather than its low byte (a
//! 128-byte offset): 32 KB leaves the first file room for its headers and first scans before
//! the second file starts, and costs nothing, since both files' COMs hide the gap anyway.

use crate::collide::Forced;
use crate::fingerprint::{Digest, md5};
use std::fmt::Write as _;

/// Length of the prefix: one MD5 block.
pub const PREFIX_LEN: usize = 64;
/// Offset of block 1's byte 57 in the file: the second COM's marker.
pub const MARKER_AT: usize = PREFIX_LEN + 57;
/// Where the collision ends and the common suffix begins.
pub const SUFFIX_AT: usize = PREFIX_LEN + 128;
/// How far apart the two files resume: the flipped bit is bit 15 of the length.
pub const GAP: usize = 0x8000;
/// The forced bytes the attack must produce, in `collide --force` syntax.
pub const FORCE: &str = "57=ff,58=fe";

/// The prefix, with `nonce` written into its comment so that a search can pick a chaining
/// value that suits the attack (docs/attack.md §10.3).
pub fn jpeg_prefix(nonce: u32) -> [u8; PREFIX_LEN] {
    let mut p = vec![0xFF, 0xD8, 0xFF, 0xFE];
    // The COM's length counts its own two bytes: its body ends just before MARKER_AT.
    let length = (MARKER_AT - 4) as u16;
    p.extend_from_slice(&length.to_be_bytes());
    let mut text = format!("hashwall universal same-MD5 JPEG prefix #{nonce} ").into_bytes();
    text.resize(PREFIX_LEN - p.len(), b'.');
    p.extend_from_slice(&text);
    p.try_into().expect("the prefix adds up to 64 bytes")
}

/// The forced bytes as the attack takes them.
pub fn forced() -> Forced {
    Forced::parse(FORCE).expect("the JPEG forcing is well formed")
}

/// The universal prefix and its two colliding blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JpegBlocks {
    pub prefix: [u8; PREFIX_LEN],
    pub block_x: [u8; 128],
    pub block_y: [u8; 128],
}

/// Where each file's parser resumes after the collision (absolute offsets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resume {
    pub x: usize,
    pub y: usize,
}

impl JpegBlocks {
    /// The first [`SUFFIX_AT`] bytes of file X (`y == false`) or Y.
    pub fn head(&self, y: bool) -> Vec<u8> {
        [
            &self.prefix[..],
            if y {
                &self.block_y[..]
            } else {
                &self.block_x[..]
            },
        ]
        .concat()
    }

    /// Checks the whole claim: the heads collide, carry the COM markers, and their lengths
    /// differ by exactly [`GAP`] with the shorter one ending after the collision. The rare
    /// solution whose shorter COM would end inside block 2 is refused here.
    pub fn check(&self) -> Result<(Digest, Resume), String> {
        let (hx, hy) = (self.head(false), self.head(true));
        let digest = md5(&hx);
        if digest != md5(&hy) || hx == hy {
            return Err("the two blocks do not collide".into());
        }
        // The comment's text is free; SOI and the COM header reaching MARKER_AT are not.
        if hx[..6] != jpeg_prefix(0)[..6] {
            return Err("the prefix is not SOI and a comment reaching byte 57 of block 1".into());
        }
        for head in [&hx, &hy] {
            if head[MARKER_AT..MARKER_AT + 2] != [0xFF, 0xFE] {
                return Err("block 1 does not carry FF FE at bytes 57–58".into());
            }
        }
        let resume = |head: &[u8]| {
            let length = usize::from(u16::from_be_bytes([
                head[MARKER_AT + 2],
                head[MARKER_AT + 3],
            ]));
            MARKER_AT + 2 + length
        };
        let (x, y) = (resume(&hx), resume(&hy));
        if x.abs_diff(y) != GAP {
            return Err("the two comment lengths do not differ by 32,768".into());
        }
        if x.min(y) < SUFFIX_AT {
            return Err("the shorter comment ends inside the collision".into());
        }
        Ok((digest, Resume { x, y }))
    }

    /// One line of the shipped format: `prefix_hex block_x_hex block_y_hex md5_hex`.
    pub fn to_line(&self) -> String {
        let digest = md5(&self.head(false));
        format!(
            "{} {} {} {digest}",
            hex(&self.prefix),
            hex(&self.block_x),
            hex(&self.block_y)
        )
    }
}

/// Parses the shipped format (`#` starts a comment line) and checks every line.
pub fn parse_jpeg_blocks(text: &str) -> Result<Vec<JpegBlocks>, String> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| format!("line {}: {why}", index + 1);
        let (blocks, digest) = unchecked(line).ok_or_else(|| {
            bad("want prefix_hex(64 bytes) block_x_hex(128) block_y_hex(128) md5_hex")
        })?;
        let (got, _) = blocks.check().map_err(|why| bad(&why))?;
        if got.to_string() != digest.to_ascii_lowercase() {
            return Err(bad("the MD5 on the line is not the blocks' MD5"));
        }
        out.push(blocks);
    }
    Ok(out)
}

/// A line's blocks and MD5 text, read but not checked: callers check the collision (the page
/// checks a found pair's MD5s itself, the worker checks the whole claim before forging).
pub fn unchecked(line: &str) -> Option<(JpegBlocks, &str)> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [prefix, x, y, digest] = fields[..] else {
        return None;
    };
    let blocks = JpegBlocks {
        prefix: unhex(prefix)?,
        block_x: unhex(x)?,
        block_y: unhex(y)?,
    };
    Some((blocks, digest))
}

/// The collision the app ships (`www/collisions/jpeg-blocks.txt`).
pub fn shipped_jpeg_blocks() -> Vec<JpegBlocks> {
    parse_jpeg_blocks(include_str!("../../../www/collisions/jpeg-blocks.txt"))
        .expect("the shipped JPEG collision checks out")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_soi_and_a_comment_reaching_the_forced_marker() {
        let p = jpeg_prefix(7);
        assert_eq!(p[..4], [0xFF, 0xD8, 0xFF, 0xFE]);
        let length = usize::from(u16::from_be_bytes([p[4], p[5]]));
        assert_eq!(4 + length, MARKER_AT);
        assert!(String::from_utf8_lossy(&p).contains("#7 "));
        assert_ne!(jpeg_prefix(7), jpeg_prefix(8));
    }

    #[test]
    fn the_shipped_collision_checks_out() {
        let blocks = shipped_jpeg_blocks();
        assert!(!blocks.is_empty());
        for b in &blocks {
            let (_, resume) = b.check().unwrap();
            assert!(forced().holds(&b.block_x) && forced().holds(&b.block_y));
            assert!(resume.x.min(resume.y) >= SUFFIX_AT);
        }
    }

    #[test]
    fn a_tampered_line_is_refused() {
        let line = shipped_jpeg_blocks()[0].to_line();
        assert!(parse_jpeg_blocks(&line).is_ok());
        let mut bad = line.clone().into_bytes();
        bad[200] = if bad[200] == b'0' { b'1' } else { b'0' };
        assert!(parse_jpeg_blocks(std::str::from_utf8(&bad).unwrap()).is_err());
        assert!(parse_jpeg_blocks("00 11").is_err());
    }
}
