//! "Would the platform notice?": what a censor that checks every upload for the blocks of a
//! collision attack (counter-cryptanalysis, sources C11) would find in a pair's two files, and
//! the twin it could rebuild from one of them. Computed in a worker (the page does not carry
//! the detector) and kept by the lab's reducer beside the pair it belongs to.

use crate::detect::Detection;
use crate::fingerprint::Digest;
use serde::{Deserialize, Serialize};

/// The detector's findings for a pair, file X then file Y.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// File X's MD5: which pair the findings are about.
    pub md5: Digest,
    pub found: [Vec<Detection>; 2],
    /// The file that file X's collision implies, if it holds a complete one.
    pub twin: Option<ImpliedTwin>,
}

/// What file X alone gives away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpliedTwin {
    /// Its MD5 (the same as X's: the twin is checked before it is reported).
    pub md5: Digest,
    /// Whether it is file Y, byte for byte.
    pub is_other_file: bool,
}

impl Notice {
    /// Scans both files. About the cost of hashing them once more (see `detect`).
    pub fn of(x: &[u8], y: &[u8]) -> Self {
        use crate::detect::{scan, twin};
        let (scan_x, scan_y) = (scan(x), scan(y));
        // `twin` has already checked that the twin hashes to X's MD5: no need to hash it again.
        let twin = twin(x, &scan_x).map(|t| ImpliedTwin {
            md5: scan_x.md5,
            is_other_file: t.bytes == y,
        });
        Notice {
            md5: scan_x.md5,
            found: [scan_x.blocks, scan_y.blocks],
            twin,
        }
    }

    /// Whether the detector flags either file.
    pub fn noticed(&self) -> bool {
        self.found.iter().any(|f| !f.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{CollisionClass, Role};
    use crate::fingerprint::md5;

    #[test]
    fn our_pair_is_noticed_and_gives_itself_away() {
        let blocks = &crate::forge::shipped_blocks()[0];
        let (x, y) = (blocks.head(false).to_vec(), blocks.head(true).to_vec());
        let notice = Notice::of(&x, &y);
        assert!(notice.noticed());
        for found in &notice.found {
            let roles: Vec<(Role, CollisionClass)> =
                found.iter().map(|d| (d.role, d.class)).collect();
            assert_eq!(
                roles,
                [
                    (Role::NearCollision, CollisionClass::Fastcoll),
                    (Role::Collision, CollisionClass::Fastcoll)
                ]
            );
            assert_eq!(found[1].offset, found[0].offset + 64);
        }
        let twin = notice.twin.expect("X implies a twin");
        assert!(twin.is_other_file);
        assert_eq!(twin.md5, md5(&y));
    }

    #[test]
    fn ordinary_files_are_not_noticed() {
        let a: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 251) as u8).collect();
        let b: Vec<u8> = a.iter().rev().copied().collect();
        let notice = Notice::of(&a, &b);
        assert!(!notice.noticed());
        assert_eq!(notice.twin, None);
    }
}
