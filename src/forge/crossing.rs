//! One parser crossing the other's LZW data while skipping it inside a comment.
//!
//! The *shower* reads a picture's data in sub-blocks whose sizes the search chooses; the
//! *skipper*, inside a comment, reads whatever byte it lands on as its next sub-block length.
//! Everything that matters is local: at each of the shower's length bytes the state is just
//! `(k, delta)`, how much data is already written and how far ahead the skipper's next landing
//! is. From one simulation of the skipper's chain over the next 255 data bytes, every choice
//! of sub-block size is judged at once (landings before the new length byte read the same
//! data whatever the size), so a step is cheap and a dead state is remembered and never
//! explored twice. That keeps the depth-first search linear in the data size in practice.
//!
//! Two goals, two modes (docs/how-it-works.md §4.4, and pitfalls 1–3 of its §4):
//! - [`Mode::Apart`]: while the second file's parser skips the first picture, the two must
//!   never read a length byte at the same offset (they would be in step for ever after), and
//!   the skipper must never land on a 00 data byte (its comment would end inside the data).
//! - [`Mode::Lock`]: while the first file's parser skips the second picture, landing on the
//!   shower's length byte is the goal: from then on both read the same sub-blocks, the
//!   comment ends on the picture's terminator and both parsers read the same trailer.

use super::layout::{Budget, LayoutError};
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Apart,
    Lock,
}

/// How a crossing ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Crossed {
    /// Lock mode: the skipper landed on the length byte that follows these sub-blocks (the
    /// rest of the data may be cut any way).
    Locked { sizes: Vec<usize> },
    /// The data is all written in these sub-blocks; the skipper next lands `tail` bytes after
    /// the data's 00 terminator.
    Ended { sizes: Vec<usize>, tail: usize },
}

/// Where the skipper lands over the next sub-block, relative to the shower's length byte.
struct Landings {
    /// Landing offsets in order; the last one is past the reachable data or on a zero.
    marks: Vec<usize>,
    /// Offset of a landing on a 00 data byte, if any (then it is the last mark).
    zero: Option<usize>,
    /// Largest sub-block size that keeps the skipper off that zero (and within the data).
    reach: usize,
    hit: [u64; 8],
}

impl Landings {
    fn is_mark(&self, offset: usize) -> bool {
        offset < 512 && self.hit[offset / 64] >> (offset % 64) & 1 == 1
    }

    /// The skipper's first landing after a sub-block of `size` bytes.
    fn after(&self, size: usize) -> usize {
        *self
            .marks
            .iter()
            .find(|&&m| m > size)
            .expect("the last mark lies beyond any valid size")
    }
}

/// A depth-first search over one picture's data, with its dead states remembered.
pub struct Crossing<'d> {
    data: &'d [u8],
    mode: Mode,
    dead: HashSet<(usize, usize)>,
}

struct Frame {
    k: usize,
    delta: usize,
    /// The size being tried (sizes are tried from large to small); 0 before the first.
    size: usize,
}

impl<'d> Crossing<'d> {
    pub fn new(data: &'d [u8], mode: Mode) -> Self {
        Self {
            data,
            mode,
            dead: HashSet::new(),
        }
    }

    fn landings(&self, k: usize, delta: usize) -> Landings {
        let room = (self.data.len() - k).min(255);
        let mut l = Landings {
            marks: Vec::new(),
            zero: None,
            reach: room,
            hit: [0; 8],
        };
        let mut j = delta;
        while j <= room {
            let v = self.data[k + j - 1];
            l.marks.push(j);
            l.hit[j / 64] |= 1 << (j % 64);
            if v == 0 {
                l.zero = Some(j);
                l.reach = j - 1;
                return l;
            }
            j += 1 + v as usize;
        }
        l.marks.push(j);
        if j < 512 {
            l.hit[j / 64] |= 1 << (j % 64);
        }
        l
    }

    /// Searches sub-block sizes from a start where the skipper lands `delta` bytes after the
    /// shower's first length byte. `accept(tail)` judges a finished crossing (it may run the
    /// rest of the layout); a rejected ending counts as a dead end.
    pub fn run(
        &mut self,
        delta: usize,
        budget: &mut Budget,
        accept: &mut dyn FnMut(usize, &mut Budget) -> Result<bool, LayoutError>,
    ) -> Result<Option<Crossed>, LayoutError> {
        if delta == 0 {
            // The skipper reads the shower's very first length byte.
            return Ok((self.mode == Mode::Lock).then(|| Crossed::Locked { sizes: Vec::new() }));
        }
        if self.dead.contains(&(0, delta)) {
            return Ok(None);
        }
        let mut stack = vec![Frame {
            k: 0,
            delta,
            size: 0,
        }];
        let mut cached: Option<((usize, usize), Landings)> = None;
        while let Some(top) = stack.last_mut() {
            budget.spend(1)?;
            let key = (top.k, top.delta);
            if cached.as_ref().is_none_or(|(k, _)| *k != key) {
                cached = Some((key, self.landings(top.k, top.delta)));
            }
            let land = &cached.as_ref().expect("just filled").1;
            if top.size == 0 {
                if self.mode == Mode::Lock {
                    // Any landing the shower can put a length byte under locks the two.
                    if let Some(&m) = land.marks.iter().find(|&&m| m >= 2 && m <= land.reach + 1) {
                        let mut sizes: Vec<usize> = stack.iter().map(|f| f.size).collect();
                        *sizes.last_mut().expect("non-empty stack") = m - 1;
                        return Ok(Some(Crossed::Locked { sizes }));
                    }
                }
                top.size = land.reach + 1;
            }
            // Next size down whose length byte the skipper does not land on.
            top.size -= 1;
            while top.size > 0 && land.is_mark(top.size + 1) {
                top.size -= 1;
            }
            if top.size == 0 {
                self.dead.insert(key);
                stack.pop();
                continue;
            }
            let (k, size) = (top.k + top.size, top.size);
            let next = land.after(size) - (size + 1);
            if k == self.data.len() {
                if accept(next, budget)? {
                    let sizes = stack.iter().map(|f| f.size).collect();
                    return Ok(Some(Crossed::Ended { sizes, tail: next }));
                }
                continue;
            }
            if !self.dead.contains(&(k, next)) {
                stack.push(Frame {
                    k,
                    delta: next,
                    size: 0,
                });
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays a crossing and checks every rule the search claims to keep.
    fn replay(data: &[u8], delta: usize, crossed: &Crossed, mode: Mode) {
        let (sizes, locked) = match crossed {
            Crossed::Locked { sizes } => (sizes.clone(), true),
            Crossed::Ended { sizes, .. } => (sizes.clone(), false),
        };
        // Lay out the shower's bytes: length, data..., and the terminator.
        let mut bytes = Vec::new();
        let mut lengths = HashSet::new();
        let mut k = 0;
        for &s in &sizes {
            lengths.insert(bytes.len());
            bytes.push(s as u8);
            bytes.extend_from_slice(&data[k..k + s]);
            k += s;
        }
        lengths.insert(bytes.len());
        if !locked {
            assert_eq!(k, data.len());
            bytes.push(0);
        }
        let mut at = delta;
        while at < bytes.len() {
            if lengths.contains(&at) {
                assert!(
                    locked && mode == Mode::Lock,
                    "landed on a length byte at {at}"
                );
                return;
            }
            assert_ne!(bytes[at], 0, "landed on a zero at {at}");
            at += 1 + bytes[at] as usize;
        }
        assert!(
            !locked || at == bytes.len(),
            "a lock must land on the next length byte"
        );
        if let Crossed::Ended { tail, .. } = crossed {
            assert_eq!(at - (bytes.len() - 1), *tail);
        }
    }

    fn noise(len: usize, seed: u64, zeros_in: u64) -> Vec<u8> {
        let mut rng = crate::rng::Rng::new(seed);
        (0..len)
            .map(|_| {
                if rng.range(0, zeros_in - 1) == 0 {
                    0
                } else {
                    rng.range(1, 255) as u8
                }
            })
            .collect()
    }

    #[test]
    fn apart_crossings_keep_the_parsers_out_of_step() {
        // One data byte in 20 is zero here, far more than in real LZW data (about 1%).
        for seed in 0..40 {
            let data = noise(5_000 + seed as usize * 97, seed, 20);
            let mut crossing = Crossing::new(&data, Mode::Apart);
            let mut budget = Budget::new(1_000_000);
            let delta = 1 + seed as usize * 7 % 250;
            let got = crossing
                .run(delta, &mut budget, &mut |_, _| Ok(true))
                .unwrap();
            let got = got.unwrap_or_else(|| panic!("seed {seed}: no crossing from {delta}"));
            replay(&data, delta, &got, Mode::Apart);
        }
    }

    #[test]
    fn lock_crossings_lock_at_once() {
        let data = noise(10_000, 9, 50);
        for delta in 1..=256 {
            let mut budget = Budget::new(10_000);
            let mut crossing = Crossing::new(&data, Mode::Lock);
            let got = crossing
                .run(delta, &mut budget, &mut |_, _| Ok(true))
                .unwrap()
                .unwrap();
            replay(&data, delta, &got, Mode::Lock);
            if let Crossed::Locked { sizes } = &got {
                assert!(sizes.len() <= 2, "delta {delta}: {sizes:?}");
            }
        }
    }

    #[test]
    fn a_zero_at_the_first_landing_is_a_dead_start() {
        let mut data = noise(1000, 3, 1000);
        data[0] = 0;
        let mut budget = Budget::new(10_000);
        let mut crossing = Crossing::new(&data, Mode::Apart);
        assert_eq!(
            crossing.run(1, &mut budget, &mut |_, _| Ok(true)).unwrap(),
            None
        );
        assert_eq!(
            crossing.run(0, &mut budget, &mut |_, _| Ok(true)).unwrap(),
            None
        );
    }

    #[test]
    fn all_zero_data_is_refused_within_budget() {
        // Nothing can be crossed: every landing is a zero or a length byte.
        let data = vec![0u8; 3000];
        let mut budget = Budget::new(200_000);
        let mut crossing = Crossing::new(&data, Mode::Apart);
        for delta in 1..40 {
            assert_eq!(
                crossing
                    .run(delta, &mut budget, &mut |_, _| Ok(true))
                    .unwrap(),
                None
            );
        }
        assert!(budget.used() < 200_000);
    }

    #[test]
    fn the_ending_is_judged_by_accept() {
        let data = noise(2000, 5, 100);
        let mut tails = Vec::new();
        let mut budget = Budget::new(100_000);
        let mut crossing = Crossing::new(&data, Mode::Apart);
        // Refuse the first two endings: the search must find a third, different cut.
        let got = crossing
            .run(3, &mut budget, &mut |tail, _| {
                tails.push(tail);
                Ok(tails.len() > 2)
            })
            .unwrap()
            .unwrap();
        assert_eq!(tails.len(), 3);
        replay(&data, 3, &got, Mode::Apart);
    }

    #[test]
    fn exhausted_budget_is_an_error_not_a_hang() {
        let data = noise(200_000, 11, 100);
        let mut budget = Budget::new(50);
        let mut crossing = Crossing::new(&data, Mode::Apart);
        let got = crossing.run(5, &mut budget, &mut |_, _| Ok(false));
        assert!(matches!(got, Err(LayoutError::GaveUp { .. })), "{got:?}");
    }
}
