//! Collision blocks: a GIF prefix and the two 128-byte blocks that collide after it.
//!
//! Owns the text format the attack writes and the app ships (`www/collisions/gif-blocks.txt`),
//! its validation (a line is accepted only if its MD5 claim holds and both files' parsers
//! come out of the collision inside a comment, at different places), and the parsers' start
//! positions that the layout search begins from.

use super::ForgeError;
use super::prefix::{PREFIX_LEN, SWITCH_BYTE};
use super::walk::Walker;
use crate::fingerprint::{Digest, md5};
use crate::t;
use std::sync::OnceLock;

/// Prefix plus one collision block: everything before the common suffix.
pub const HEAD_LEN: usize = PREFIX_LEN + 128;

/// One precomputed collision for a canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollisionBlocks {
    pub width: u16,
    pub height: u16,
    pub prefix: [u8; PREFIX_LEN],
    pub block_x: [u8; 128],
    pub block_y: [u8; 128],
}

/// Where each file's parser next reads a comment sub-block length, just after the collision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Starts {
    pub x: usize,
    pub y: usize,
}

impl CollisionBlocks {
    /// The first `HEAD_LEN` bytes of file X (with `block_x`) or Y.
    pub fn head(&self, y: bool) -> [u8; HEAD_LEN] {
        let mut head = [0u8; HEAD_LEN];
        head[..PREFIX_LEN].copy_from_slice(&self.prefix);
        head[PREFIX_LEN..].copy_from_slice(if y { &self.block_y } else { &self.block_x });
        head
    }

    /// The MD5 both heads share, or `None` if they do not collide.
    pub fn shared_md5(&self) -> Option<Digest> {
        let (x, y) = (md5(&self.head(false)), md5(&self.head(true)));
        (x == y && self.block_x != self.block_y).then_some(x)
    }

    /// Where the two parsers stand after the collision.
    ///
    /// Both must still be inside the prefix's comment, and at different places: otherwise
    /// they would read the common suffix identically and the pair could not differ.
    pub fn starts(&self) -> Result<Starts, String> {
        let x = comment_position(&self.head(false))?;
        let y = comment_position(&self.head(true))?;
        if x == y {
            return Err(t!("forge.blocks.in_step").into_owned());
        }
        Ok(Starts { x, y })
    }
}

fn comment_position(head: &[u8; HEAD_LEN]) -> Result<usize, String> {
    let mut walker = Walker::new();
    for &byte in head {
        walker.feed(byte).map_err(|e| e.to_string())?;
    }
    walker
        .next_comment_length()
        .ok_or_else(|| t!("forge.blocks.inside").into_owned())
}

/// Parses and checks collision lines:
/// `width height prefix_hex block_x_hex block_y_hex md5_hex v`, `#` starting a comment line.
pub fn parse_blocks(text: &str) -> Result<Vec<CollisionBlocks>, ForgeError> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| ForgeError::Blocks {
            line: index + 1,
            reason,
        };
        out.push(parse_line(line).map_err(bad)?);
    }
    Ok(out)
}

fn parse_line(line: &str) -> Result<CollisionBlocks, String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [width, height, prefix, block_x, block_y, digest, v] = fields[..] else {
        return Err(t!("forge.blocks.fields", found = fields.len()).into_owned());
    };
    let side = |name: &str, text: &str| match text.parse::<u16>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(t!("forge.blocks.side", name = name, text = format!("{text:?}")).into_owned()),
    };
    let blocks = CollisionBlocks {
        width: side("width", width)?,
        height: side("height", height)?,
        prefix: hex_array("prefix", prefix)?,
        block_x: hex_array("block_x", block_x)?,
        block_y: hex_array("block_y", block_y)?,
    };
    let p = &blocks.prefix;
    if &p[..6] != b"GIF89a" {
        return Err(t!("forge.blocks.signature").into_owned());
    }
    if p[6..10] != [blocks.width.to_le_bytes(), blocks.height.to_le_bytes()].concat()[..] {
        return Err(t!("forge.blocks.canvas", width = width, height = height).into_owned());
    }
    if p[10] & 0x80 != 0 {
        return Err(t!("forge.blocks.global_palette").into_owned());
    }
    let claimed = Digest::from_hex(digest)?;
    let Some(shared) = blocks.shared_md5() else {
        return Err(t!("forge.blocks.no_collision").into_owned());
    };
    if shared != claimed {
        return Err(t!("forge.blocks.md5", shared = shared, claimed = claimed).into_owned());
    }
    let (bx, by) = (blocks.block_x[SWITCH_BYTE], blocks.block_y[SWITCH_BYTE]);
    if bx ^ by != 0x80 || v.parse::<u8>().ok() != Some(bx.min(by)) {
        return Err(t!(
            "forge.blocks.switch",
            v = format!("{v:?}"),
            byte = SWITCH_BYTE,
            bx = bx,
            by = by
        )
        .into_owned());
    }
    blocks.starts()?;
    Ok(blocks)
}

fn hex_array<const N: usize>(name: &str, text: &str) -> Result<[u8; N], String> {
    if text.len() != 2 * N || !text.is_ascii() {
        return Err(t!(
            "forge.blocks.hex_len",
            name = name,
            digits = 2 * N,
            found = text.len()
        )
        .into_owned());
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
            .map_err(|_| t!("forge.blocks.not_hex", name = name).into_owned())?;
    }
    Ok(out)
}

/// The collision blocks the app ships, from `www/collisions/gif-blocks.txt`.
///
/// The file is compiled in and checked by this module's tests; were it ever broken, the list
/// would be empty and forging would say that no blocks exist for the canvas.
pub fn shipped_blocks() -> Vec<CollisionBlocks> {
    static SHIPPED: OnceLock<Vec<CollisionBlocks>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| parse_blocks(SHIPPED_TEXT).unwrap_or_default())
        .clone()
}

/// The shipped blocks for one canvas, in file order.
pub fn blocks_for(width: u16, height: u16) -> Vec<CollisionBlocks> {
    shipped_blocks()
        .into_iter()
        .filter(|b| (b.width, b.height) == (width, height))
        .collect()
}

/// The canvases the shipped blocks cover, in file order, each once.
///
/// Written out rather than read from the blocks file, so that the page, which only lists
/// them, does not carry the file (12 KB of hex) that only the forging worker needs. A test
/// keeps the two equal.
pub const SHIPPED_CANVASES: [(u16, u16); 5] =
    [(512, 512), (640, 480), (480, 640), (640, 360), (360, 640)];

/// [`SHIPPED_CANVASES`] as a list.
pub fn shipped_canvases() -> Vec<(u16, u16)> {
    SHIPPED_CANVASES.to_vec()
}

const SHIPPED_TEXT: &str = include_str!("../../www/collisions/gif-blocks.txt");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::prefix::gif_prefix;

    const REFERENCE: &str = include_str!("../../data/fastcoll/gif-reference-collisions.txt");

    fn first_line() -> String {
        REFERENCE
            .lines()
            .find(|l| !l.starts_with('#') && !l.trim().is_empty())
            .unwrap()
            .to_string()
    }

    #[test]
    fn the_listed_canvases_are_those_of_the_shipped_file() {
        let mut in_file: Vec<(u16, u16)> = Vec::new();
        for b in parse_blocks(SHIPPED_TEXT).unwrap() {
            if !in_file.contains(&(b.width, b.height)) {
                in_file.push((b.width, b.height));
            }
        }
        assert_eq!(shipped_canvases(), in_file);
    }

    #[test]
    fn shipped_blocks_parse_and_cover_the_five_canvases() {
        parse_blocks(SHIPPED_TEXT).expect("the shipped file parses");
        let canvases = shipped_canvases();
        assert_eq!(
            canvases,
            vec![(512, 512), (640, 480), (480, 640), (640, 360), (360, 640)]
        );
        for (w, h) in canvases {
            assert!(
                blocks_for(w, h).len() >= 2,
                "{w}×{h} has a spare pair to retry with"
            );
        }
    }

    #[test]
    fn reference_blocks_collide_and_switch_parsers() {
        let all = parse_blocks(REFERENCE).unwrap();
        assert_eq!(all.len(), 15);
        for b in &all {
            assert!(b.shared_md5().is_some());
            let s = b.starts().unwrap();
            // The short parser's next length is at 188 + v, the long one's 128 bytes later.
            assert_eq!(s.x.abs_diff(s.y), 128);
            assert!(s.x.min(s.y) >= HEAD_LEN);
        }
        // Three per canvas, on the prefixes with nonces 0, 1 and 2.
        for (i, b) in all.iter().enumerate() {
            assert_eq!(
                b.prefix,
                gif_prefix(b.width, b.height, (i % 3) as u32),
                "line {i}"
            );
        }
    }

    #[test]
    fn a_wrong_md5_is_rejected_with_its_line() {
        let line = first_line();
        let mut fields: Vec<String> = line.split(' ').map(String::from).collect();
        fields[5] = "00000000000000000000000000000000".into();
        let text = format!("# header\n\n{}\n", fields.join(" "));
        let err = parse_blocks(&text).unwrap_err();
        assert!(matches!(err, ForgeError::Blocks { line: 3, .. }), "{err:?}");
        assert!(
            err.to_string()
                .contains("not 00000000000000000000000000000000"),
            "{err}"
        );
    }

    #[test]
    fn blocks_that_do_not_collide_are_rejected() {
        let line = first_line();
        let mut fields: Vec<String> = line.split(' ').map(String::from).collect();
        // Flip one bit of block_y outside the collision's differences.
        let mut y = fields[4].clone().into_bytes();
        y[0] = if y[0] == b'9' { b'8' } else { b'9' };
        fields[4] = String::from_utf8(y).unwrap();
        let err = parse_blocks(&fields.join(" ")).unwrap_err();
        assert!(err.to_string().contains("same MD5"), "{err}");
    }

    #[test]
    fn wrong_line_formats_are_rejected_clearly() {
        let line = first_line();
        let fields: Vec<&str> = line.split(' ').collect();
        let cases = [
            (fields[..6].join(" "), "expected 7 fields"),
            (format!("0 {}", fields[1..].join(" ")), "width \"0\""),
            (
                format!("{} {} ab {}", fields[0], fields[1], fields[3..].join(" ")),
                "prefix must be 128 hex",
            ),
            (
                format!("640 {}", fields[1..].join(" ")),
                "not for a 640×512 canvas",
            ),
            (
                line.replacen("9536b3", "9536z3", 1),
                "block_x is not hexadecimal",
            ),
            (format!("{} 21", fields[..6].join(" ")), "v \"21\""),
        ];
        for (text, want) in cases {
            let err = parse_blocks(&text).unwrap_err();
            assert!(err.to_string().contains(want), "{text:.40}: {err}");
        }
    }
}
