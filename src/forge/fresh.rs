//! Brand-new collision blocks for any canvas, from our own attack: what the lab's live mode
//! forges with when no precomputed collision exists for the size asked.

use super::CollisionBlocks;
use super::prefix::gif_prefix;
use crate::collide::{CollideError, Control, Search, SearchStats, first_good_nonce};
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
    let mut search = FreshSearch::new(width, height, seed);
    loop {
        if let Some(fresh) = search.run(on_progress)? {
            return Ok(fresh);
        }
    }
}

/// [`fresh_blocks`] in steps: `run` returns `None` when `on_progress` asked for a pause
/// ([`Control::Pause`]) and goes on from there when called again, to the same result.
pub struct FreshSearch {
    width: u16,
    height: u16,
    seed: u64,
    nonce: u32,
    searches: u32,
    /// The collision search under way, and the prefix it searches after.
    current: Option<([u8; 64], Search)>,
}

impl FreshSearch {
    pub fn new(width: u16, height: u16, seed: u64) -> FreshSearch {
        FreshSearch {
            width,
            height,
            seed,
            nonce: (seed % 1_000_000) as u32,
            searches: 0,
            current: None,
        }
    }

    pub fn run(
        &mut self,
        on_progress: &mut dyn FnMut(&SearchStats) -> Control,
    ) -> Result<Option<Fresh>, CollideError> {
        let (width, height) = (self.width, self.height);
        loop {
            let (prefix, search) = self.current.get_or_insert_with(|| {
                let nonce = first_good_nonce(self.nonce, |n| gif_prefix(width, height, n))
                    .unwrap_or(self.nonce);
                self.nonce = nonce;
                let this_seed = self.seed.wrapping_add(self.searches as u64);
                self.searches += 1;
                let prefix = gif_prefix(width, height, nonce);
                (prefix, Search::new(&prefix, this_seed))
            });
            let Some(c) = search.run(on_progress)? else {
                return Ok(None);
            };
            let blocks = CollisionBlocks {
                width,
                height,
                prefix: *prefix,
                block_x: c.block_x,
                block_y: c.block_y,
            };
            self.current = None;
            if let (Some(md5), Ok(_)) = (blocks.shared_md5(), blocks.starts()) {
                return Ok(Some(Fresh {
                    blocks,
                    md5,
                    nonce: self.nonce,
                    seed: self.seed.wrapping_add(self.searches as u64 - 1),
                    searches: self.searches,
                    stats: c.stats,
                }));
            }
            self.nonce = self.nonce.wrapping_add(1);
        }
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
    fn a_search_that_pauses_finds_what_one_that_never_pauses_finds() {
        let whole = fresh_blocks(200, 150, 7, &mut |_| Control::Continue).unwrap();
        let mut search = FreshSearch::new(200, 150, 7);
        let (mut calls, mut pauses) = (0u32, 0u32);
        let mut every_third = |_: &SearchStats| {
            calls += 1;
            if calls % 3 == 0 {
                Control::Pause
            } else {
                Control::Continue
            }
        };
        let found = loop {
            match search.run(&mut every_third).unwrap() {
                Some(found) => break found,
                None => pauses += 1,
            }
        };
        assert!(pauses > 10, "paused {pauses} times");
        // The same blocks, and the same counts: no restart was run twice or skipped.
        assert_eq!(found, whole);
    }

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
