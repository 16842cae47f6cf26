//! Brand-new collision blocks for any canvas, from our own attack: what the lab's live mode
//! forges with when no precomputed collision exists for the size asked.

use super::CollisionBlocks;
use super::prefix::gif_prefix;
use crate::collide::{CollideError, Control, SearchStats, collide, first_good_nonce};
use crate::fingerprint::Digest;

/// A collision found for a canvas, with how it was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Fresh {
    pub blocks: CollisionBlocks,
    /// The MD5 of prefix + block, the same for both blocks (not of a finished file).
    pub md5: Digest,
    pub nonce: u32,
    /// The seed of the search that succeeded.
    pub seed: u64,
    /// Searches run: more than one when a collision's switch byte left the two GIF parsers
    /// unable to part ways, which happens for a few percent of collisions.
    pub searches: u32,
    /// Counts of the successful search.
    pub stats: SearchStats,
}

/// Searches collisions after `gif_prefix(width, height, nonce)` until one can carry two
/// pictures. `seed` picks both the first nonce and the searches, so racing workers with
/// different seeds search different prefixes. `on_progress` may stop the search.
pub fn fresh_blocks(
    width: u16,
    height: u16,
    seed: u64,
    on_progress: &mut dyn FnMut(&SearchStats) -> Control,
) -> Result<Fresh, CollideError> {
    let mut nonce = (seed % 1_000_000) as u32;
    let mut searches = 0;
    loop {
        nonce = first_good_nonce(nonce, |n| gif_prefix(width, height, n)).unwrap_or(nonce);
        let prefix = gif_prefix(width, height, nonce);
        let this_seed = seed.wrapping_add(searches as u64);
        searches += 1;
        let c = collide(&prefix, this_seed, on_progress)?;
        let blocks = CollisionBlocks {
            width,
            height,
            prefix,
            block_x: c.block_x,
            block_y: c.block_y,
        };
        if let (Some(md5), Ok(_)) = (blocks.shared_md5(), blocks.starts()) {
            return Ok(Fresh {
                blocks,
                md5,
                nonce,
                seed: this_seed,
                searches,
                stats: c.stats,
            });
        }
        nonce = nonce.wrapping_add(1);
    }
}

impl CollisionBlocks {
    /// The line for a blocks file (`width height prefix block_x block_y md5 v`), which
    /// [`super::parse_blocks`] reads back and checks.
    pub fn to_line(&self) -> String {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        let md5 = self.shared_md5().map(|d| d.hex()).unwrap_or_default();
        let v = super::prefix::switch_lengths(&self.block_x, &self.block_y).map_or(0, |(v, _)| v);
        format!(
            "{} {} {} {} {} {md5} {v}",
            self.width,
            self.height,
            hex(&self.prefix),
            hex(&self.block_x),
            hex(&self.block_y)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::{forge, parse_blocks, synthetic};

    #[test]
    fn a_fresh_collision_for_an_unshipped_canvas_carries_a_verified_pair() {
        let fresh = fresh_blocks(200, 150, 7, &mut |_| Control::Continue).unwrap();
        assert_eq!((fresh.blocks.width, fresh.blocks.height), (200, 150));
        let back = parse_blocks(&fresh.blocks.to_line()).unwrap();
        assert_eq!(back, vec![fresh.blocks.clone()]);
        let pair = forge(
            &back,
            &synthetic::photo(300, 200, 1),
            &synthetic::drawing(120, 160, 2),
        )
        .unwrap();
        assert_eq!(
            crate::fingerprint::md5(&pair.x),
            crate::fingerprint::md5(&pair.y)
        );
        assert_eq!(
            crate::fingerprint::md5(&pair.x[..192]),
            fresh.md5,
            "the heads collide"
        );
        assert_ne!(pair.x, pair.y);
    }

    #[test]
    fn a_stopped_search_says_so() {
        let mut calls = 0;
        let result = fresh_blocks(320, 240, 3, &mut |_| {
            calls += 1;
            Control::Stop
        });
        assert!(matches!(result, Err(CollideError::Cancelled)));
        assert_eq!(calls, 1);
    }
}
