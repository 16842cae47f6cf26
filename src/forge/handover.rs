//! Where one parser leaves its comment for a picture while the other keeps skipping, and how
//! the skipper then crosses that picture's fixed bytes.
//!
//! Between pictures both parsers are inside comments, so every byte there is free: each
//! parser's sub-block lengths sit in the other's payload. The *ender* writes lengths up to a
//! 00 at `end`, which starts its picture at `end + 1`; the *skipper* writes lengths so that it
//! first lands inside that picture at a chosen offset. Varying that offset is the search's
//! first lever (docs/how-it-works.md §4.4).
//!
//! From the landing, the skipper hops through the picture's 779 fixed bytes (descriptor,
//! palette, minimum code size) reading each landed byte as a length. Chains from different
//! offsets soon merge inside the palette (docs/how-it-works.md §4, pitfall 3), so this module
//! also offers the second lever: a landed palette byte may be changed, by one unit for a colour
//! in use (invisible) and to any value for an entry no pixel uses, which sends the skipper
//! elsewhere.

use super::layout::{Budget, FIXED_LEN, LayoutError};
use std::collections::HashSet;

/// How far past the parsers' positions the search looks for a place to end a comment.
const WINDOW: usize = 600;
/// Values tried for a palette entry no pixel uses (the skip lengths they give are spread out).
const FREE_VALUES: [u8; 8] = [1, 32, 64, 96, 128, 160, 192, 224];
/// Offset of the local palette in the fixed bytes, and its length.
const PALETTE: std::ops::Range<usize> = 10..10 + 768;

/// Both parsers' comment sub-block lengths from their current positions to a handover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handover {
    /// The ender's length positions; the last one holds the 00 that ends its comment.
    pub ender: Vec<usize>,
    /// The skipper's length positions followed by its first landing in the ender's picture.
    pub skipper: Vec<usize>,
}

impl Handover {
    pub fn end(&self) -> usize {
        *self.ender.last().expect("a handover has an end")
    }

    pub fn target(&self) -> usize {
        *self.skipper.last().expect("a handover has a target")
    }

    /// Offset of the skipper's first landing from the start of the ender's picture.
    pub fn entry(&self) -> usize {
        self.target() - self.end() - 1
    }

    /// Writes both parsers' length bytes (relative to `origin`).
    pub fn write(&self, origin: usize, put: &mut impl FnMut(usize, u8)) {
        for w in self.ender.windows(2) {
            put(origin + w[0], (w[1] - w[0] - 1) as u8);
        }
        put(origin + self.end(), 0);
        for w in self.skipper.windows(2) {
            put(origin + w[0], (w[1] - w[0] - 1) as u8);
        }
    }
}

/// Positions `from`, …, `to` with every gap a valid sub-block (a length of 1 to 255, so a gap
/// of 2 to 256), no inner position past `max_inner` or `forbidden`. Greedy: longest hops.
fn chain(
    from: usize,
    to: usize,
    max_inner: usize,
    forbidden: impl Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    let mut out = vec![from];
    let mut at = from;
    while at != to {
        let gap = to.checked_sub(at)?;
        if (2..=256).contains(&gap) {
            out.push(to);
            break;
        }
        if gap < 2 {
            return None;
        }
        let mut next = (at + 256).min(max_inner).min(to - 2);
        while next >= at + 2 && forbidden(next) {
            next -= 1;
        }
        if next < at + 2 {
            return None;
        }
        out.push(next);
        at = next;
    }
    Some(out)
}

/// The cheapest handover for each entry offset the skipper can reach, cheapest first,
/// computed as far as the search asks.
pub struct Handovers {
    ender_next: usize,
    skipper_next: usize,
    /// Next comment end to consider.
    end: usize,
    found: Vec<Handover>,
    seen: HashSet<usize>,
}

impl Handovers {
    pub fn new(ender_next: usize, skipper_next: usize) -> Self {
        Self {
            ender_next,
            skipper_next,
            end: ender_next,
            found: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// The `i`-th cheapest handover, or `None` once the window is exhausted.
    pub fn get(&mut self, i: usize, budget: &mut Budget) -> Result<Option<Handover>, LayoutError> {
        let last = self.ender_next.max(self.skipper_next) + WINDOW;
        while self.found.len() <= i && self.end <= last {
            budget.spend(1)?;
            let end = self.end;
            self.end += 1;
            self.scan(end);
        }
        Ok(self.found.get(i).cloned())
    }

    /// Adds the handovers that end the ender's comment at `end`, one per new entry offset.
    fn scan(&mut self, end: usize) {
        let skipper_next = self.skipper_next;
        if end == skipper_next {
            return;
        }
        let Some(ender) = chain(self.ender_next, end, usize::MAX, |p| p == skipper_next) else {
            return;
        };
        let targets = if skipper_next > end {
            skipper_next..=skipper_next
        } else {
            end + 1..=end + 255
        };
        for target in targets {
            if self.seen.contains(&(target - end - 1)) {
                continue;
            }
            let forbidden = |p: usize| ender.binary_search(&p).is_ok();
            if let Some(skipper) = chain(skipper_next, target, end.saturating_sub(1), forbidden) {
                self.seen.insert(target - end - 1);
                self.found.push(Handover {
                    ender: ender.clone(),
                    skipper,
                });
            }
        }
    }
}

/// Where a skipper leaves a picture's fixed bytes, and the palette changes that send it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exit {
    /// Landing offset from the picture's first data length byte.
    pub delta: usize,
    /// (offset in the fixed bytes, new value).
    pub tweaks: Vec<(usize, u8)>,
}

/// Every exit from landing at `entry` that uses exactly `tweaks` palette changes.
///
/// `free[c]` says palette entry `c` is unused. A 00 byte outside the palette ends the
/// skipper's comment, so such chains give no exit.
pub fn exits(
    fixed: &[u8; FIXED_LEN],
    free: &[bool; 256],
    entry: usize,
    tweaks: usize,
) -> Vec<Exit> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    hop(fixed, free, entry, tweaks, &mut path, &mut out);
    out
}

fn hop(
    fixed: &[u8; FIXED_LEN],
    free: &[bool; 256],
    at: usize,
    tweaks: usize,
    path: &mut Vec<(usize, u8)>,
    out: &mut Vec<Exit>,
) {
    if at >= FIXED_LEN {
        if tweaks == 0 {
            out.push(Exit {
                delta: at - FIXED_LEN,
                tweaks: path.clone(),
            });
        }
        return;
    }
    let v = fixed[at];
    if v != 0 {
        hop(fixed, free, at + 1 + v as usize, tweaks, path, out);
    }
    if tweaks == 0 || !PALETTE.contains(&at) {
        return;
    }
    let alternatives: Vec<u8> = if free[(at - PALETTE.start) / 3] {
        FREE_VALUES.iter().copied().filter(|&a| a != v).collect()
    } else {
        [v.checked_sub(1), v.checked_add(1)]
            .into_iter()
            .flatten()
            .filter(|&a| a != 0)
            .collect()
    };
    for a in alternatives {
        path.push((at, a));
        hop(fixed, free, at + 1 + a as usize, tweaks - 1, path, out);
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every(ender_next: usize, skipper_next: usize) -> Vec<Handover> {
        let mut budget = Budget::new(100_000);
        let mut list = Handovers::new(ender_next, skipper_next);
        (0..)
            .map_while(|i| list.get(i, &mut budget).unwrap())
            .collect()
    }

    fn check(h: &Handover, ender_next: usize, skipper_next: usize) {
        assert_eq!(h.ender[0], ender_next);
        assert_eq!(h.skipper[0], skipper_next);
        for chain in [&h.ender, &h.skipper] {
            for w in chain.windows(2) {
                assert!((2..=256).contains(&(w[1] - w[0])), "{chain:?}");
            }
        }
        let ender: HashSet<_> = h.ender.iter().collect();
        for p in &h.skipper[..h.skipper.len() - 1] {
            assert!(
                *p < h.end() && !ender.contains(p),
                "skipper length at {p} clashes: {h:?}"
            );
        }
        assert!(h.target() > h.end());
    }

    #[test]
    fn handovers_reach_every_entry_offset() {
        for (ender_next, skipper_next) in
            [(208, 336), (336, 208), (200, 201), (500, 250), (192, 600)]
        {
            let all = every(ender_next, skipper_next);
            let entries: HashSet<usize> = all.iter().map(|h| h.entry()).collect();
            for o in 0..255 {
                assert!(
                    entries.contains(&o),
                    "({ender_next}, {skipper_next}) misses entry {o}"
                );
            }
            for h in &all {
                check(h, ender_next, skipper_next);
            }
            // Cheapest first: ends never decrease.
            assert!(all.windows(2).all(|w| w[0].end() <= w[1].end()));
        }
    }

    #[test]
    fn the_short_parser_ends_at_once_when_it_can() {
        // The usual collision: short parser next reads at 188 + v, long at 316 + v.
        let mut budget = Budget::new(10);
        let first = Handovers::new(208, 336)
            .get(0, &mut budget)
            .unwrap()
            .unwrap();
        assert_eq!(first.ender, vec![208]);
        assert_eq!(first.skipper, vec![336]);
        assert_eq!(first.entry(), 127);
    }

    #[test]
    fn written_lengths_drive_both_parsers_as_planned() {
        for h in every(300, 250).iter().step_by(17) {
            let mut bytes = vec![0xAAu8; h.target() + 1];
            h.write(0, &mut |p, b| bytes[p] = b);
            // Ender from 300: hop on lengths until a 00.
            let mut at = 300;
            while bytes[at] != 0 {
                at += 1 + bytes[at] as usize;
            }
            assert_eq!(at, h.end());
            let mut at = 250;
            while at <= h.end() {
                at += 1 + bytes[at] as usize;
            }
            assert_eq!(at, h.target());
        }
    }

    #[test]
    fn exits_follow_the_palette_and_its_tweaks() {
        let mut fixed = [0u8; FIXED_LEN];
        fixed[0] = 0x2C;
        fixed[9] = 0x87;
        for (i, b) in fixed[PALETTE].iter_mut().enumerate() {
            *b = (i % 200 + 30) as u8;
        }
        fixed[FIXED_LEN - 1] = 8;
        let free = [false; 256];
        let plain = exits(&fixed, &free, 0, 0);
        assert_eq!(plain.len(), 1);
        let mut at = 0;
        while at < FIXED_LEN {
            at += 1 + fixed[at] as usize;
        }
        assert_eq!(plain[0].delta, at - FIXED_LEN);
        // Landing on a zero in the descriptor gives nothing.
        assert!(exits(&fixed, &free, 1, 0).is_empty());
        // One tweak of ±1 at any landing in the palette.
        let one = exits(&fixed, &free, 0, 1);
        assert!(one.len() >= 6, "{}", one.len());
        for e in &one {
            let [(i, v)] = e.tweaks[..] else {
                panic!("{e:?}")
            };
            assert!(PALETTE.contains(&i) && v.abs_diff(fixed[i]) == 1);
        }
        // A zero palette byte is only crossed by tweaking it.
        let landing = 1 + fixed[0] as usize;
        fixed[landing] = 0;
        assert!(exits(&fixed, &free, 0, 0).is_empty());
        assert!(
            exits(&fixed, &free, 0, 1)
                .iter()
                .any(|e| e.tweaks == vec![(landing, 1)])
        );
    }
}
