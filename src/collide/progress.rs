//! What the search reports while it runs (loop counts, docs/attack.md §11.2) and how a
//! caller stops it.
//!
//! The browser worker has no clock it may block on and no thread to kill, so the search itself
//! calls back every few milliseconds of work; the callback's answer is the only way to stop it.

use super::tables::Variant;

/// What `on_progress` answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    Stop,
    /// Return at the next restart, so that `Search::run` can go on later exactly where it
    /// left off. A browser worker pauses every so often: only between two calls can it
    /// be terminated at once (Chromium lets a busy worker run on for 2 s after `terminate`).
    Pause,
}

/// Counts of the search loops of one block, named after the steps of docs/attack.md §7.1 and §8.1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoopCounts {
    /// Fresh draws of the round-1 states (step 1).
    pub restarts: u64,
    /// Draws of Q17 (block 1) or Q1 (block 2).
    pub early_draws: u64,
    /// Draws that passed rows 17..20 (block 1: Q17 batches that succeeded) or 17..21 (block 2).
    pub early_passes: u64,
    /// States that passed the row-21 check before the tunnels.
    pub q21_passes: u64,
    /// Q4-tunnel values tried.
    pub q4_values: u64,
    /// Q9/Q10-tunnel values tried.
    pub q9q10_values: u64,
    /// Q9/Q10-tunnel values that passed rows 22..24 and T22.
    pub q9q10_passes: u64,
    /// Q9-tunnel (innermost) iterations.
    pub inner_iterations: u64,
    /// States with every condition through Q64.
    pub candidates: u64,
    /// Candidates with exactly the wanted chaining-value difference (block 1: δCV1; block 2: 0).
    pub solutions: u64,
}

/// Everything the search has counted so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SearchStats {
    /// Restarts of the block-1 search (each draws new round-1 states).
    pub block1_attempts: u64,
    /// Restarts of the block-2 search.
    pub block2_attempts: u64,
    /// The block being searched now: 1 or 2 (and 2 once done).
    pub block: u8,
    /// Block-1 solutions thrown away because their chaining value suits no block-2 path
    /// (docs/attack.md §5.4).
    pub block1_unusable: u64,
    /// The block-2 path, once block 1 is found.
    pub variant: Option<Variant>,
    pub block1: LoopCounts,
    pub block2: LoopCounts,
}

impl SearchStats {
    /// Innermost iterations of both blocks: the best single measure of work done.
    pub fn inner_iterations(&self) -> u64 {
        self.block1.inner_iterations + self.block2.inner_iterations
    }
}

/// The search was stopped by its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

/// Work between two calls of `on_progress`, in units of about one MD5 step. 2^19 steps are
/// about 2^15 innermost iterations: a few milliseconds natively.
pub const REPORT_EVERY: u64 = 1 << 19;

/// Counts work and calls the caller back every [`REPORT_EVERY`] units.
pub struct Meter<'a> {
    pub stats: SearchStats,
    pending: u64,
    /// The caller asked for a pause; honoured at the next restart.
    pause: bool,
    /// Calls made so far (tests use it to prove a stop is prompt).
    pub calls: u64,
    on_progress: &'a mut dyn FnMut(&SearchStats) -> Control,
}

impl<'a> Meter<'a> {
    /// A meter that counts on from `stats` (all zero for a new search, block 1).
    pub fn resume(
        stats: SearchStats,
        on_progress: &'a mut dyn FnMut(&SearchStats) -> Control,
    ) -> Self {
        Meter {
            stats,
            pending: 0,
            pause: false,
            calls: 0,
            on_progress,
        }
    }

    /// Whether the caller asked for a pause since the last call (and forgets that it did).
    #[inline]
    pub fn take_pause(&mut self) -> bool {
        std::mem::take(&mut self.pause)
    }

    /// Records `units` of work; reports when enough has piled up.
    #[inline]
    pub fn tick(&mut self, units: u64) -> Result<(), Cancelled> {
        self.pending += units;
        if self.pending >= REPORT_EVERY {
            self.report()
        } else {
            Ok(())
        }
    }

    /// The loop counts of the block being searched.
    #[inline]
    pub fn counts(&mut self) -> &mut LoopCounts {
        if self.stats.block == 2 {
            &mut self.stats.block2
        } else {
            &mut self.stats.block1
        }
    }

    /// Calls the caller now.
    pub fn report(&mut self) -> Result<(), Cancelled> {
        self.pending = 0;
        self.calls += 1;
        match (self.on_progress)(&self.stats) {
            Control::Continue => Ok(()),
            Control::Pause => {
                self.pause = true;
                Ok(())
            }
            Control::Stop => Err(Cancelled),
        }
    }
}
