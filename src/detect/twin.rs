//! The file a detected collision implies.
//!
//! A detected near-collision block followed by the block that completes it is half of an
//! identical-prefix collision. Replacing both by their sisters (the attack's message
//! differences applied, with opposite signs in the two blocks) gives a second file with the same
//! MD5. For an identical-prefix pair, ours or the Citizen Lab's, that second file is the other
//! file of the pair, byte for byte: so a censor holding one file of a pair holds both, and
//! could list the innocent twin's content along with it, or refuse the pair outright.

use super::class::{CLASSES, CollisionClass, Role, sister_words};
use super::compress::words;
use super::stream::Scan;
use crate::fingerprint::md5;

/// A file with the same MD5 as the one scanned, rebuilt from its detected collision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Twin {
    pub bytes: Vec<u8>,
    /// Offset of the near-collision block whose collision was flipped.
    pub offset: u64,
    pub class: CollisionClass,
}

/// The twin implied by the first complete collision in `bytes` (a near-collision block and,
/// right after it, the block that completes it, of the same class), checked: it has the same
/// MD5 as `bytes` and differs from it. `None` when the scan found no complete collision.
///
/// `found` must be the scan of `bytes`.
pub fn twin(bytes: &[u8], found: &Scan) -> Option<Twin> {
    let complete = |offset: u64, class: CollisionClass| {
        found
            .blocks
            .iter()
            .any(|d| d.offset == offset + 64 && d.class == class && d.role == Role::Collision)
    };
    for near in found
        .blocks
        .iter()
        .filter(|d| d.role == Role::NearCollision)
    {
        if !complete(near.offset, near.class) {
            continue;
        }
        // Which sign the file's blocks carry is not recorded by the scan; trying both and
        // keeping the one that collides is cheaper than recording it, and checks the result.
        for minus in [false, true] {
            let mut candidate = bytes.to_vec();
            flip(&mut candidate, near.offset, near.class, minus);
            flip(&mut candidate, near.offset + 64, near.class, !minus);
            if candidate != bytes && md5(&candidate) == found.md5 {
                return Some(Twin {
                    bytes: candidate,
                    offset: near.offset,
                    class: near.class,
                });
            }
        }
    }
    None
}

/// Replaces the 64-byte block at `offset` by its sister for `class`.
fn flip(bytes: &mut [u8], offset: u64, class: CollisionClass, minus: bool) {
    let Some(dm) = CLASSES.iter().find(|c| c.kind == class).map(|c| &c.dm) else {
        return;
    };
    let at = offset as usize;
    let Some(block) = bytes.get_mut(at..at + 64) else {
        return;
    };
    let block: &mut [u8; 64] = block.try_into().expect("64 bytes");
    let sister = sister_words(&words(block), dm, minus);
    for (k, word) in sister.iter().enumerate() {
        block[4 * k..4 * k + 4].copy_from_slice(&word.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::scan;

    fn hex(text: &str) -> Vec<u8> {
        let clean: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
        clean
            .chunks(2)
            .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
            .collect()
    }

    /// The first collision line of the shipped GIF blocks: prefix, block X, block Y.
    fn shipped_pair() -> (Vec<u8>, Vec<u8>) {
        let blocks = &crate::forge::shipped_blocks()[0];
        (blocks.head(false).to_vec(), blocks.head(true).to_vec())
    }

    #[test]
    fn the_twin_of_one_file_of_our_pair_is_the_other_file() {
        let (x, y) = shipped_pair();
        assert_ne!(x, y);
        for (file, other) in [(&x, &y), (&y, &x)] {
            let found = scan(file);
            let twin = twin(file, &found).expect("a complete collision is found");
            assert_eq!(&twin.bytes, other);
            assert_eq!(md5(&twin.bytes), md5(file));
            assert_eq!(twin.class, CollisionClass::Fastcoll);
        }
    }

    #[test]
    fn a_suffix_after_the_collision_is_kept() {
        let (mut x, mut y) = shipped_pair();
        let tail = b"anything at all after the collision, the same in both files";
        x.extend_from_slice(tail);
        y.extend_from_slice(tail);
        let found = scan(&x);
        assert_eq!(twin(&x, &found).map(|t| t.bytes), Some(y));
    }

    /// Every published pair of `data/detect/` (Wang 2004, the fastcoll class; corkami's UniColl
    /// prefixes, whose JPEG one begins the Citizen Lab's WeChat pair): one file implies the other.
    #[test]
    fn published_pairs_imply_their_other_half() {
        let mut checked = Vec::new();
        for text in [
            include_str!("../../data/detect/wang2004.txt"),
            include_str!("../../data/detect/unicoll.txt"),
        ] {
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let f: Vec<&str> = line.split_whitespace().collect();
                let prefix = if f[1] == "-" { Vec::new() } else { hex(f[1]) };
                let x = [prefix.clone(), hex(f[2])].concat();
                let y = [prefix, hex(f[3])].concat();
                for (file, other) in [(&x, &y), (&y, &x)] {
                    let implied = twin(file, &scan(file)).map(|t| t.bytes);
                    assert_eq!(implied.as_ref(), Some(other), "{}", f[0]);
                }
                checked.push(f[0]);
            }
        }
        assert_eq!(checked.len(), 4, "{checked:?}");
    }

    #[test]
    fn no_collision_no_twin() {
        let plain: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        assert_eq!(twin(&plain, &scan(&plain)), None);
        assert_eq!(twin(&[], &scan(&[])), None);
        // Half a collision (the near-collision block alone) implies no twin either.
        let (x, _) = shipped_pair();
        let cut = &x[..x.len() - 64];
        let found = scan(cut);
        assert!(twin(cut, &found).is_none(), "{:?}", found.blocks);
    }
}
