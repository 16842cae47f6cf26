//! The common suffix: one byte string that file X's parser reads as picture A and file Y's
//! parser reads as picture B.
//!
//! After the collision both parsers are inside the prefix's comment, at different offsets
//! ([`Starts`](super::blocks::Starts)). From there the search simulates both, byte by byte, in four stages:
//!
//! 1. X ends its comment and shows A; Y keeps skipping and lands in A's fixed bytes at an
//!    offset the search picks (module `handover`).
//! 2. Y hops through A's descriptor and palette, then through A's LZW data; X's sub-block
//!    sizes are chosen so that Y never lands on a 00 nor on X's own length byte
//!    (module `crossing`, mode `Apart`).
//! 3. After A's terminator X opens a new comment (`21 FE`); Y ends its comment and shows B;
//!    X lands in B's fixed bytes.
//! 4. X hops through B and falls into step with B's sub-blocks (mode `Lock`), so its comment
//!    ends on B's terminator and both parsers read the same trailer.
//!
//! When a choice leads nowhere the search backs up: other sub-block sizes first, then other
//! entry offsets, then palette tweaks of one unit. It counts every step against a limit
//! proportional to the data size and gives a clear error, never a hang, when the limit is
//! reached; the caller may then try another collision.

use super::blocks::{CollisionBlocks, HEAD_LEN};
use super::crossing::{Crossed, Crossing, Mode};
use super::handover::{Exit, Handover, Handovers, exits};
use super::lzw::MIN_CODE_SIZE;
use super::walk::walk;
use crate::message;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Descriptor (10 bytes), local palette (768) and LZW minimum code size (1).
pub const FIXED_LEN: usize = 10 + 768 + 1;
/// Palette tweaks tried per picture, at most.
const MAX_TWEAKS: usize = 2;
/// Filler for bytes both parsers skip.
const FILLER: u8 = b' ';

/// One picture as a GIF stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GifImage {
    /// Descriptor (full canvas, local 256-colour palette, not interlaced), palette, min code size.
    pub fixed: [u8; FIXED_LEN],
    /// The LZW data, before it is cut into sub-blocks.
    pub data: Vec<u8>,
    /// Palette entries no pixel uses.
    pub free: [bool; 256],
}

impl GifImage {
    pub fn new(
        width: u16,
        height: u16,
        palette: &[u8; 768],
        used: &[bool; 256],
        data: Vec<u8>,
    ) -> Self {
        let mut fixed = [0u8; FIXED_LEN];
        fixed[0] = 0x2C;
        fixed[5..7].copy_from_slice(&width.to_le_bytes());
        fixed[7..9].copy_from_slice(&height.to_le_bytes());
        // Local colour table of 2^(7+1) entries; bit 6 (interlace) stays clear.
        fixed[9] = 0x87;
        fixed[10..778].copy_from_slice(palette);
        fixed[778] = MIN_CODE_SIZE;
        Self {
            fixed,
            data,
            free: used.map(|u| !u),
        }
    }

    pub fn palette(&self) -> [u8; 768] {
        self.fixed[10..778]
            .try_into()
            .expect("the palette is 768 bytes")
    }

    fn tweaked(&self, tweaks: &[(usize, u8)]) -> Self {
        let mut out = self.clone();
        for &(at, value) in tweaks {
            out.fixed[at] = value;
        }
        out
    }

    /// Palette changes to colours a pixel shows (free entries do not count).
    fn visible_tweaks(&self, tweaks: &[(usize, u8)]) -> usize {
        tweaks
            .iter()
            .filter(|(at, _)| !self.free[(at - 10) / 3])
            .count()
    }
}

/// Counts search steps against a limit.
#[derive(Clone, Debug)]
pub struct Budget {
    used: u64,
    limit: u64,
}

impl Budget {
    pub fn new(limit: u64) -> Self {
        Self { used: 0, limit }
    }

    pub fn spend(&mut self, steps: u64) -> Result<(), LayoutError> {
        self.used += steps;
        if self.used > self.limit {
            return Err(LayoutError::GaveUp { steps: self.limit });
        }
        Ok(())
    }

    pub fn used(&self) -> u64 {
        self.used
    }
}

/// The default step limit for two pictures' data: linear in their size, with ample room
/// (a typical search needs about one step per 255 data bytes).
pub fn step_limit(a: &GifImage, b: &GifImage) -> u64 {
    20_000 + 2 * (a.data.len() + b.data.len()) as u64
}

/// Why no layout was produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// The collision does not leave the parsers in a comment at different offsets.
    BadCollision(String),
    /// A picture has no data at all.
    NoData,
    /// The step limit was reached.
    GaveUp { steps: u64 },
    /// Every choice was tried without success.
    NoWay { steps: u64 },
    /// The finished layout failed its own check (a bug, reported rather than shipped).
    Inconsistent(String),
}

impl LayoutError {
    /// Why no layout was found, as a message (worded where it is shown).
    pub fn message(&self) -> crate::l10n::Message {
        match self {
            Self::BadCollision(why) => message!("forge.layout.bad_collision", why = why),
            Self::NoData => message!("forge.layout.no_data"),
            Self::GaveUp { steps } => message!("forge.layout.gave_up", steps = *steps),
            Self::NoWay { steps } => message!("forge.layout.no_way", steps = *steps),
            Self::Inconsistent(why) => message!("forge.layout.inconsistent", why = why),
        }
    }
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for LayoutError {}

/// Figures about one search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayoutStats {
    /// Steps the search took (sub-block choices, handovers and entry points tried).
    pub steps: u64,
    /// Entry points tried before the one that worked (0: the first).
    pub detours: u32,
    /// Palette bytes of shown colours changed by one unit (free entries not counted).
    pub palette_tweaks: u32,
    /// Whether X's last comment fell into step with B's sub-blocks (the usual ending).
    pub locked: bool,
}

/// A finished layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Everything after the collision, the same in both files.
    pub suffix: Vec<u8>,
    /// The pictures as written (palettes possibly tweaked).
    pub a: GifImage,
    pub b: GifImage,
    pub stats: LayoutStats,
}

/// The part after A: how Y leaves its comment for B and how X skips B.
#[derive(Clone, Debug)]
struct Ending {
    /// Relative to A's terminator.
    handover: Handover,
    tweaks: Vec<(usize, u8)>,
    crossed: Crossed,
}

/// Lays out the suffix for `blocks` and pictures `a` (shown by X) and `b` (shown by Y).
pub fn layout(
    blocks: &CollisionBlocks,
    a: &GifImage,
    b: &GifImage,
    limit: u64,
) -> Result<Layout, LayoutError> {
    let starts = blocks.starts().map_err(LayoutError::BadCollision)?;
    if a.data.is_empty() || b.data.is_empty() {
        return Err(LayoutError::NoData);
    }
    let mut budget = Budget::new(limit);
    let mut endings: HashMap<usize, Option<Ending>> = HashMap::new();
    let mut cross_a = Crossing::new(&a.data, Mode::Apart);
    let mut cross_b = Crossing::new(&b.data, Mode::Lock);
    let mut entries = Handovers::new(starts.x, starts.y);
    let mut tried = HashSet::new();
    let mut detours = 0;
    for level in 0..=MAX_TWEAKS {
        let mut i = 0;
        while let Some(entry) = entries.get(i, &mut budget)? {
            i += 1;
            for exit in exits(&a.fixed, &a.free, entry.entry(), level) {
                budget.spend(1)?;
                // Y on X's first data length byte would put them in step.
                if exit.delta == 0 || !tried.insert(exit.delta) {
                    continue;
                }
                let mut accept = |tail: usize, budget: &mut Budget| {
                    Ok(match endings.entry(tail) {
                        Entry::Occupied(known) => known.get().is_some(),
                        Entry::Vacant(new) => {
                            new.insert(finish(tail, b, &mut cross_b, budget)?).is_some()
                        }
                    })
                };
                if let Some(crossed) = cross_a.run(exit.delta, &mut budget, &mut accept)? {
                    let Crossed::Ended { sizes, tail } = crossed else {
                        return Err(LayoutError::Inconsistent("a crossing of A locked".into()));
                    };
                    let Some(Some(ending)) = endings.get(&tail) else {
                        return Err(LayoutError::Inconsistent(
                            "a crossing ended without a stored ending".into(),
                        ));
                    };
                    return assemble(
                        blocks,
                        a,
                        b,
                        &entry,
                        &exit,
                        &sizes,
                        ending,
                        detours,
                        budget.used(),
                    );
                }
                detours += 1;
            }
        }
    }
    Err(LayoutError::NoWay {
        steps: budget.used(),
    })
}

/// Stages 3 and 4 for an ending where Y next lands `tail` bytes after A's terminator.
fn finish(
    tail: usize,
    b: &GifImage,
    cross_b: &mut Crossing,
    budget: &mut Budget,
) -> Result<Option<Ending>, LayoutError> {
    // Relative to A's terminator: X reads 21 FE at 1 and 2, its first length at 3.
    let mut y = tail;
    while y < 3 {
        y += 1 + [0x00u8, 0x21, 0xFE][y] as usize;
    }
    if y == 3 {
        return Ok(None);
    }
    let mut entries = Handovers::new(y, 3);
    for level in 0..=MAX_TWEAKS {
        let mut i = 0;
        while let Some(entry) = entries.get(i, budget)? {
            i += 1;
            for exit in exits(&b.fixed, &b.free, entry.entry(), level) {
                budget.spend(1)?;
                if let Some(crossed) = cross_b.run(exit.delta, budget, &mut |_, _| Ok(true))? {
                    return Ok(Some(Ending {
                        handover: entry,
                        tweaks: exit.tweaks,
                        crossed,
                    }));
                }
            }
        }
    }
    Ok(None)
}

/// Writes the suffix for a solution, then checks it with two independent parser walks.
#[allow(clippy::too_many_arguments)]
fn assemble(
    blocks: &CollisionBlocks,
    a: &GifImage,
    b: &GifImage,
    entry: &Handover,
    exit: &Exit,
    sizes_a: &[usize],
    ending: &Ending,
    detours: u32,
    steps: u64,
) -> Result<Layout, LayoutError> {
    let a = a.tweaked(&exit.tweaks);
    let b = b.tweaked(&ending.tweaks);
    let mut file: Vec<u8> = Vec::with_capacity(HEAD_LEN + a.data.len() + b.data.len() + 4096);
    file.resize(HEAD_LEN, FILLER);
    let mut put = |at: usize, byte: u8| {
        if file.len() <= at {
            file.resize(at + 1, FILLER);
        }
        file[at] = byte;
    };
    entry.write(0, &mut put);
    let a_end = write_picture(&mut put, entry.end() + 1, &a, sizes_a);
    put(a_end + 1, 0x21);
    put(a_end + 2, 0xFE);
    ending.handover.write(a_end, &mut put);
    let b_at = a_end + ending.handover.end() + 1;
    let locked = matches!(ending.crossed, Crossed::Locked { .. });
    let b_end = match &ending.crossed {
        Crossed::Locked { sizes } => {
            // In step: the rest of B may be cut anyhow; full sub-blocks are smallest.
            let done: usize = sizes.iter().sum();
            let rest = b.data.len() - done;
            let mut all = sizes.clone();
            all.extend(std::iter::repeat_n(255, rest / 255));
            if !rest.is_multiple_of(255) {
                all.push(rest % 255);
            }
            write_picture(&mut put, b_at, &b, &all)
        }
        Crossed::Ended { sizes, .. } => write_picture(&mut put, b_at, &b, sizes),
    };
    put(b_end + 1, 0x3B);
    if let Crossed::Ended { tail, .. } = ending.crossed {
        // X is still in its comment past Y's trailer, where nothing is read by Y: end it there.
        let mut x = b_end + tail;
        if x == b_end + 1 {
            x += 1 + 0x3B;
        }
        put(x, 0);
        put(x + 1, 0x3B);
    }
    let stats = LayoutStats {
        steps,
        detours,
        palette_tweaks: (a.visible_tweaks(&exit.tweaks) + b.visible_tweaks(&ending.tweaks)) as u32,
        locked,
    };
    let layout = Layout {
        suffix: file.split_off(HEAD_LEN),
        a,
        b,
        stats,
    };
    check(blocks, &layout)?;
    Ok(layout)
}

/// Writes a picture at `at`: fixed bytes, data in sub-blocks of `sizes`, the 00 terminator.
/// Returns the terminator's offset.
fn write_picture(
    put: &mut impl FnMut(usize, u8),
    at: usize,
    image: &GifImage,
    sizes: &[usize],
) -> usize {
    for (i, &byte) in image.fixed.iter().enumerate() {
        put(at + i, byte);
    }
    let mut pos = at + FIXED_LEN;
    let mut k = 0;
    for &size in sizes {
        put(pos, size as u8);
        for (i, &byte) in image.data[k..k + size].iter().enumerate() {
            put(pos + 1 + i, byte);
        }
        pos += 1 + size;
        k += size;
    }
    put(pos, 0);
    pos
}

/// Walks both files as a decoder would and checks that each shows exactly its picture.
pub fn check(blocks: &CollisionBlocks, layout: &Layout) -> Result<(), LayoutError> {
    for (y, image) in [(false, &layout.a), (true, &layout.b)] {
        let name = if y { "Y" } else { "X" };
        let mut file = blocks.head(y).to_vec();
        file.extend_from_slice(&layout.suffix);
        let seen =
            walk(&file).map_err(|e| LayoutError::Inconsistent(format!("file {name}: {e}")))?;
        let [shown] = &seen.images[..] else {
            return Err(LayoutError::Inconsistent(format!(
                "file {name} has {} pictures",
                seen.images.len()
            )));
        };
        let fixed = [
            &shown.descriptor[..],
            &shown.palette,
            &[shown.min_code_size],
        ]
        .concat();
        if fixed != image.fixed || shown.data != image.data {
            return Err(LayoutError::Inconsistent(format!(
                "file {name} shows the wrong picture"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forge::blocks::shipped_blocks;
    use crate::rng::Rng;

    fn picture(seed: u64, len: usize, zero_in: u64) -> GifImage {
        let mut rng = Rng::new(seed);
        let mut palette = [0u8; 768];
        rng.fill(&mut palette);
        let data = (0..len)
            .map(|_| {
                if rng.range(1, zero_in) == 1 {
                    0
                } else {
                    rng.range(1, 255) as u8
                }
            })
            .collect();
        GifImage::new(640, 480, &palette, &[true; 256], data)
    }

    #[test]
    fn lays_out_random_data_for_every_shipped_collision() {
        for (i, blocks) in shipped_blocks().iter().enumerate() {
            let a = picture(i as u64, 30_000, 100);
            let b = picture(i as u64 + 100, 20_000, 100);
            let got = layout(blocks, &a, &b, step_limit(&a, &b)).unwrap();
            assert!(got.stats.locked);
            // Length bytes, two 779-byte fixed parts and the handovers: small overhead.
            let overhead = got.suffix.len() - a.data.len() - b.data.len();
            assert!(overhead < 2 * FIXED_LEN + 1000, "overhead {overhead}");
            assert!(got.stats.steps < 2_000, "steps {}", got.stats.steps);
        }
    }

    #[test]
    fn the_two_files_end_alike_when_locked() {
        let blocks = &shipped_blocks()[3];
        let (a, b) = (picture(1, 5000, 80), picture(2, 7000, 80));
        let got = layout(blocks, &a, &b, step_limit(&a, &b)).unwrap();
        assert!(got.suffix.ends_with(&[0x00, 0x3B]));
    }

    #[test]
    fn a_one_byte_picture_still_lays_out() {
        // B's data is one byte: X either locks on B's terminator or ends after Y's trailer.
        let blocks = &shipped_blocks()[0];
        let a = picture(7, 3000, 100);
        let mut b = picture(8, 1, 100);
        b.data = vec![200];
        let got = layout(blocks, &a, &b, step_limit(&a, &b)).unwrap();
        check(blocks, &got).unwrap();
    }

    #[test]
    fn a_palette_that_stops_every_plain_chain_is_crossed_with_tweaks() {
        // Palette bytes of 255 (the longest hop) with zeros at fixed offsets 266..=510: from
        // any entry offset, a plain chain lands on one of those zeros, so only a palette
        // tweak (255 → 254, one unit of a colour in use) gets the skipper through.
        let mut palette = [255u8; 768];
        palette[256..=500].fill(0);
        let mut a = picture(3, 20_000, 100);
        let mut b = picture(4, 20_000, 100);
        for image in [&mut a, &mut b] {
            *image = GifImage::new(640, 480, &palette, &[true; 256], image.data.clone());
        }
        for entry in 0..255 {
            assert!(
                exits(&a.fixed, &a.free, entry, 0).is_empty(),
                "entry {entry} needs no tweak"
            );
        }
        let blocks = &shipped_blocks()[4];
        let got = layout(blocks, &a, &b, step_limit(&a, &b)).unwrap();
        assert!(got.stats.palette_tweaks >= 2, "{:?}", got.stats);
        for (before, after) in [(&a, &got.a), (&b, &got.b)] {
            let changed: Vec<usize> = (0..FIXED_LEN)
                .filter(|&i| before.fixed[i] != after.fixed[i])
                .collect();
            assert!(!changed.is_empty());
            assert!(
                changed
                    .iter()
                    .all(|&i| after.fixed[i].abs_diff(before.fixed[i]) == 1)
            );
        }
        check(blocks, &got).unwrap();
    }

    #[test]
    fn hopeless_data_is_a_clear_error() {
        let blocks = &shipped_blocks()[0];
        let a = GifImage {
            data: vec![0; 20_000],
            ..picture(1, 1, 2)
        };
        let b = picture(2, 5000, 100);
        let err = layout(blocks, &a, &b, step_limit(&a, &b)).unwrap_err();
        assert!(
            matches!(err, LayoutError::GaveUp { .. } | LayoutError::NoWay { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("another collision may work"));
        let empty = GifImage {
            data: Vec::new(),
            ..b.clone()
        };
        assert_eq!(
            layout(blocks, &empty, &b, 1000).unwrap_err(),
            LayoutError::NoData
        );
    }
}
