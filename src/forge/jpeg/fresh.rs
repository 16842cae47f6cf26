//! A brand-new universal JPEG collision from our own attack, for the lab's live mode: the
//! same prefix with a nonce from the seed, block 1 carrying `FF FE` at bytes 57–58.

use super::prefix::{JpegBlocks, forced, jpeg_prefix};
use crate::collide::{CollideError, Control, Search, SearchStats, first_good_nonce};

/// A collision found, with how it was found.
#[derive(Clone, Debug, PartialEq)]
pub struct FreshJpeg {
    pub blocks: JpegBlocks,
    pub nonce: u32,
    /// The seed of the search that succeeded.
    pub seed: u64,
    /// Searches run: more than one when a collision's shorter comment ended inside the
    /// collision (about 1 in 475).
    pub searches: u32,
    pub stats: SearchStats,
}

/// The search in steps: `run` returns `None` when `on_progress` asked for a pause and goes
/// on from there when called again, to the same result.
pub struct FreshJpegSearch {
    seed: u64,
    nonce: u32,
    searches: u32,
    current: Option<([u8; 64], Search)>,
}

impl FreshJpegSearch {
    pub fn new(seed: u64) -> FreshJpegSearch {
        FreshJpegSearch {
            seed,
            nonce: (seed % 1_000_000) as u32,
            searches: 0,
            current: None,
        }
    }

    pub fn run(
        &mut self,
        on_progress: &mut dyn FnMut(&SearchStats) -> Control,
    ) -> Result<Option<FreshJpeg>, CollideError> {
        loop {
            let (prefix, search) = self.current.get_or_insert_with(|| {
                self.nonce = first_good_nonce(self.nonce, jpeg_prefix).unwrap_or(self.nonce);
                let seed = self.seed.wrapping_add(u64::from(self.searches));
                self.searches += 1;
                let prefix = jpeg_prefix(self.nonce);
                (prefix, Search::with_forced(&prefix, seed, forced()))
            });
            let Some(c) = search.run(on_progress)? else {
                return Ok(None);
            };
            let blocks = JpegBlocks {
                prefix: *prefix,
                block_x: c.block_x,
                block_y: c.block_y,
            };
            self.current = None;
            if blocks.check().is_ok() {
                return Ok(Some(FreshJpeg {
                    blocks,
                    nonce: self.nonce,
                    seed: self.seed.wrapping_add(u64::from(self.searches) - 1),
                    searches: self.searches,
                    stats: c.stats,
                }));
            }
            self.nonce = self.nonce.wrapping_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::jpeg::{forge_jpeg, parse_jpeg_blocks, shipped_jpeg_blocks};
    use crate::forge::synthetic;

    fn find(seed: u64, pause_every: u32) -> FreshJpeg {
        let mut search = FreshJpegSearch::new(seed);
        let mut calls = 0u32;
        let mut on_progress = |_: &SearchStats| {
            calls += 1;
            if pause_every > 0 && calls.is_multiple_of(pause_every) {
                Control::Pause
            } else {
                Control::Continue
            }
        };
        loop {
            if let Some(found) = search.run(&mut on_progress).unwrap() {
                return found;
            }
        }
    }

    #[test]
    fn the_shipped_collision_is_what_its_recorded_seed_finds() {
        // www/collisions/jpeg-blocks.txt records seed 2026 (and nonce 2026).
        let found = find(2026, 0);
        assert_eq!(found.blocks, shipped_jpeg_blocks()[0]);
        assert_eq!((found.nonce, found.seed), (2026, 2026));
    }

    #[test]
    fn a_fresh_collision_carries_a_verified_jpeg_pair_and_pausing_changes_nothing() {
        let found = find(77, 3);
        assert_eq!(found, find(77, 0));
        let line = found.blocks.to_line();
        let blocks = parse_jpeg_blocks(&line).unwrap().remove(0);
        let (a, b) = (synthetic::photo(120, 90, 1), synthetic::drawing(64, 200, 2));
        let pair = forge_jpeg(&blocks, &a, &b).unwrap();
        assert_eq!(
            crate::fingerprint::md5(&pair.x),
            crate::fingerprint::md5(&pair.y)
        );
    }
}
