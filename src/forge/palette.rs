//! Reducing a fitted picture to a 256-colour palette of its own.
//!
//! Each picture of a forged pair carries a local colour table, so each gets the palette that
//! suits it best. Flat pictures (at most 256 colours: drawings, screenshots, solid fills) keep
//! their colours exactly. Others are quantised with NeuQuant (`color_quant`); photo-like ones
//! (many colours) are also Floyd–Steinberg dithered, while those with only somewhat more
//! than 256 colours (anti-aliased line art) are not, because dithering would sprinkle noise
//! over their flat areas.

use color_quant::NeuQuant;
use std::collections::HashMap;

/// Above this many distinct colours a picture counts as photo-like and is dithered.
pub const PHOTO_COLOURS: usize = 1024;
/// NeuQuant learns from about this many pixels, whatever the picture's size.
const SAMPLES: usize = 15_000;
/// The value of palette entries no pixel uses: the largest possible skip for a parser that
/// happens to read one as a sub-block length, and never a zero.
pub const UNUSED: u8 = 0xFF;

/// How a picture was reduced to its palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reduction {
    /// At most 256 colours: kept exactly.
    Exact,
    /// NeuQuant palette, nearest colour per pixel.
    Quantised,
    /// NeuQuant palette with Floyd–Steinberg dithering.
    Dithered,
}

/// A picture as palette indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indexed {
    /// 256 RGB entries.
    pub palette: [u8; 768],
    /// Whether any pixel uses each entry; unused entries may be changed freely.
    pub used: [bool; 256],
    pub indices: Vec<u8>,
    pub reduction: Reduction,
}

impl Indexed {
    /// The picture as RGBA, as a decoder shows it.
    pub fn rgba(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.indices.len() * 4);
        for &i in &self.indices {
            let c = &self.palette[3 * i as usize..3 * i as usize + 3];
            out.extend_from_slice(&[c[0], c[1], c[2], 255]);
        }
        out
    }
}

/// Reduces packed RGB pixels to at most 256 colours.
pub fn quantise(rgb: &[u8], width: usize) -> Indexed {
    let distinct = count_colours(rgb, PHOTO_COLOURS + 1);
    let mut indexed = if distinct <= 256 {
        exact(rgb)
    } else {
        neuquant(rgb, width, distinct > PHOTO_COLOURS)
    };
    indexed.used = [false; 256];
    for &i in &indexed.indices {
        indexed.used[i as usize] = true;
    }
    for (entry, &used) in indexed.palette.chunks_exact_mut(3).zip(&indexed.used) {
        if !used {
            entry.fill(UNUSED);
        }
    }
    indexed
}

fn key(p: &[u8]) -> u32 {
    (p[0] as u32) << 16 | (p[1] as u32) << 8 | p[2] as u32
}

/// Distinct colours, counted up to `cap`.
fn count_colours(rgb: &[u8], cap: usize) -> usize {
    let mut seen = std::collections::HashSet::with_capacity(cap.min(4096));
    for p in rgb.chunks_exact(3) {
        if seen.insert(key(p)) && seen.len() >= cap {
            break;
        }
    }
    seen.len()
}

fn exact(rgb: &[u8]) -> Indexed {
    let mut palette = [0u8; 768];
    let mut slots: HashMap<u32, u8> = HashMap::with_capacity(256);
    let indices = rgb
        .chunks_exact(3)
        .map(|p| {
            let next = slots.len();
            *slots.entry(key(p)).or_insert_with(|| {
                palette[3 * next..3 * next + 3].copy_from_slice(p);
                next as u8
            })
        })
        .collect();
    Indexed {
        palette,
        used: [false; 256],
        indices,
        reduction: Reduction::Exact,
    }
}

fn neuquant(rgb: &[u8], width: usize, dither: bool) -> Indexed {
    let rgba: Vec<u8> = rgb
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    // NeuQuant learns from one pixel in `sampling` (1 to 30). On a 640×480 photo-like test
    // picture, learning from about 15,000 pixels (1 in 20) gave the same error as the
    // customary 1 in 10 (4.7 vs 4.9 RMS per channel after dithering) in under half the time
    // (12 vs 26 ms); smaller pictures sample more densely to keep that many.
    let sampling = (rgb.len() / 3 / SAMPLES).clamp(1, 30) as i32;
    let quant = NeuQuant::new(sampling, 256, &rgba);
    let mut palette = [0u8; 768];
    palette.copy_from_slice(&quant.color_map_rgb());
    let mut nearest = Nearest::new(&palette);
    let indices = if dither {
        floyd_steinberg(rgb, width, &mut nearest, &palette)
    } else {
        let mut memo: HashMap<u32, u8> = HashMap::new();
        rgb.chunks_exact(3)
            .map(|p| {
                *memo
                    .entry(key(p))
                    .or_insert_with(|| nearest.find([p[0], p[1], p[2]]))
            })
            .collect()
    };
    let reduction = if dither {
        Reduction::Dithered
    } else {
        Reduction::Quantised
    };
    Indexed {
        palette,
        used: [false; 256],
        indices,
        reduction,
    }
}

/// Exact nearest palette colour (squared RGB distance), fast enough for every pixel.
///
/// NeuQuant's own lookup weighs in alpha and stops early in both directions at once, which
/// misses the nearest colour for about 1.6% of pixels of a test gradient. Here RGB space is
/// cut into cells; the first query in a cell lists the palette colours that can be nearest to
/// some point of it (those no farther from the cell than the farthest corner is from the
/// best colour), sorted by their distance to the cell, and each query scans that list until
/// the next colour is farther from the cell than the best match is from the query.
/// A photo's palette crowds into part of the space, so cells are small (8 levels a side)
/// and are listed from the list of the 16-level cell around them, not from all 256 colours.
struct Nearest {
    colour: [[i32; 3]; 256],
    coarse: Lists,
    fine: Lists,
}

/// Candidate lists for cells of one size: per cell, a range of `entries` once computed.
struct Lists {
    side: i32,
    cells: Vec<Option<(u32, u16)>>,
    entries: Vec<(i32, u8)>,
}

impl Lists {
    fn new(side: i32) -> Self {
        let n = (256 / side) as usize;
        Self {
            side,
            cells: vec![None; n * n * n],
            entries: Vec::new(),
        }
    }

    fn index(&self, cell: [usize; 3]) -> usize {
        let n = (256 / self.side) as usize;
        (cell[0] * n + cell[1]) * n + cell[2]
    }

    fn get(&self, at: usize) -> Option<&[(i32, u8)]> {
        self.cells[at]
            .map(|(start, len)| &self.entries[start as usize..start as usize + len as usize])
    }

    /// Lists, for the cell, those of `candidates` that can be nearest to a point in it.
    fn fill(
        &mut self,
        at: usize,
        cell: [usize; 3],
        colour: &[[i32; 3]; 256],
        candidates: impl Iterator<Item = u8> + Clone,
    ) {
        let lo = cell.map(|c| c as i32 * self.side);
        let side = self.side;
        let near_far = |c: &[i32; 3]| {
            let (mut near, mut far) = (0, 0);
            for k in 0..3 {
                let hi = lo[k] + side - 1;
                let out = (lo[k] - c[k]).max(c[k] - hi).max(0);
                near += out * out;
                far += (c[k] - lo[k]).pow(2).max((c[k] - hi).pow(2));
            }
            (near, far)
        };
        let bound = candidates
            .clone()
            .map(|i| near_far(&colour[i as usize]).1)
            .min()
            .unwrap_or(0);
        let start = self.entries.len();
        for i in candidates {
            let near = near_far(&colour[i as usize]).0;
            if near <= bound {
                self.entries.push((near, i));
            }
        }
        self.entries[start..].sort_unstable();
        self.cells[at] = Some((start as u32, (self.entries.len() - start) as u16));
    }
}

impl Nearest {
    fn new(palette: &[u8; 768]) -> Self {
        let mut colour = [[0; 3]; 256];
        for (c, p) in colour.iter_mut().zip(palette.chunks_exact(3)) {
            *c = [p[0] as i32, p[1] as i32, p[2] as i32];
        }
        Self {
            colour,
            coarse: Lists::new(16),
            fine: Lists::new(8),
        }
    }

    fn find(&mut self, query: [u8; 3]) -> u8 {
        let q = query.map(|v| v as i32);
        let cell = q.map(|v| (v / self.fine.side) as usize);
        let at = self.fine.index(cell);
        if self.fine.cells[at].is_none() {
            let parent = cell.map(|c| c / 2);
            let up = self.coarse.index(parent);
            if self.coarse.cells[up].is_none() {
                self.coarse.fill(up, parent, &self.colour, 0..=255u8);
            }
            let candidates: Vec<u8> = self
                .coarse
                .get(up)
                .unwrap_or_default()
                .iter()
                .map(|e| e.1)
                .collect();
            self.fine
                .fill(at, cell, &self.colour, candidates.into_iter());
        }
        let mut best = (i32::MAX, 0u8);
        for &(near, i) in self.fine.get(at).unwrap_or_default() {
            if near >= best.0 {
                break;
            }
            let c = self.colour[i as usize];
            let d = (c[0] - q[0]).pow(2) + (c[1] - q[1]).pow(2) + (c[2] - q[2]).pow(2);
            if d < best.0 {
                best = (d, i);
            }
        }
        best.1
    }
}

/// Floyd–Steinberg error diffusion (7/16 right, 3/16, 5/16, 1/16 on the next row), in
/// integer sixteenths.
fn floyd_steinberg(
    rgb: &[u8],
    width: usize,
    nearest: &mut Nearest,
    palette: &[u8; 768],
) -> Vec<u8> {
    let height = rgb.len() / 3 / width;
    let mut indices = Vec::with_capacity(width * height);
    // Errors in sixteenths for the current and the next row, one pixel of margin each side.
    let mut here = vec![[0i32; 3]; width + 2];
    let mut below = vec![[0i32; 3]; width + 2];
    for row in rgb.chunks_exact(3 * width) {
        for (x, p) in row.chunks_exact(3).enumerate() {
            let e = here[x + 1];
            let want = [0, 1, 2].map(|k| (p[k] as i32 + ((e[k] + 8) >> 4)).clamp(0, 255));
            let i = nearest.find(want.map(|v| v as u8)) as usize;
            indices.push(i as u8);
            for k in 0..3 {
                let err = want[k] - palette[3 * i + k] as i32;
                here[x + 2][k] += err * 7;
                below[x][k] += err * 3;
                below[x + 1][k] += err * 5;
                below[x + 2][k] += err;
            }
        }
        std::mem::swap(&mut here, &mut below);
        below.fill([0; 3]);
    }
    indices
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn gradient(width: usize, height: usize) -> Vec<u8> {
        let mut rgb = Vec::with_capacity(width * height * 3);
        for y in 0..height {
            for x in 0..width {
                rgb.extend_from_slice(&[
                    (x * 255 / width) as u8,
                    (y * 255 / height) as u8,
                    ((x + y) * 255 / (width + height)) as u8,
                ]);
            }
        }
        rgb
    }

    #[test]
    fn flat_pictures_keep_their_colours_exactly() {
        let mut rgb = Vec::new();
        for i in 0..600 {
            rgb.extend_from_slice(&[(i % 7) as u8 * 30, 0, 255]);
        }
        let q = quantise(&rgb, 30);
        assert_eq!(q.reduction, Reduction::Exact);
        let shown: Vec<u8> = q
            .rgba()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        assert_eq!(shown, rgb);
        assert_eq!(q.used.iter().filter(|&&u| u).count(), 7);
        assert!(q.palette[7 * 3..].iter().all(|&b| b == UNUSED));
    }

    #[test]
    fn photos_are_dithered_and_close() {
        // The size of a real canvas.
        let (w, h) = (640, 480);
        let rgb = gradient(w, h);
        let q = quantise(&rgb, w);
        assert_eq!(q.reduction, Reduction::Dithered);
        assert_eq!(q.indices.len(), w * h);
        // Dithering keeps local means: compare 16×16 block averages.
        let shown = q.rgba();
        let (mut total, mut worst, mut blocks) = (0f64, 0f64, 0);
        for by in 0..h / 16 {
            for bx in 0..w / 16 {
                for k in 0..3 {
                    let (mut a, mut b) = (0f64, 0f64);
                    for y in by * 16..by * 16 + 16 {
                        for x in bx * 16..bx * 16 + 16 {
                            a += rgb[3 * (y * w + x) + k] as f64;
                            b += shown[4 * (y * w + x) + k] as f64;
                        }
                    }
                    let off = (a - b).abs() / 256.0;
                    total += off;
                    blocks += 1;
                    // NeuQuant's palette falls short of a colour range's extremes, here the
                    // picture's edges (blocks next to them were off by up to 9 units): judge
                    // the worst block 3 blocks away from them.
                    if (3..w / 16 - 3).contains(&bx) && (3..h / 16 - 3).contains(&by) {
                        worst = worst.max(off);
                    }
                }
            }
        }
        assert!(
            total / blocks as f64 <= 1.0,
            "mean block error {}",
            total / blocks as f64
        );
        assert!(worst < 5.0, "worst block error {worst}");
        // A smooth area is drawn with several palette colours mixed, not one flat band.
        let row: HashSet<u8> = q.indices[240 * w + 200..240 * w + 232]
            .iter()
            .copied()
            .collect();
        assert!(row.len() >= 3, "{row:?}");
    }

    #[test]
    fn nearest_is_exact() {
        let mut rng = crate::rng::Rng::new(4);
        let mut palette = [0u8; 768];
        rng.fill(&mut palette);
        let mut nearest = Nearest::new(&palette);
        for _ in 0..5000 {
            let mut q = [0u8; 3];
            rng.fill(&mut q);
            let dist = |i: usize| {
                (0..3)
                    .map(|k| (palette[3 * i + k] as i32 - q[k] as i32).pow(2))
                    .sum::<i32>()
            };
            let best = (0..256).map(dist).min().unwrap();
            assert_eq!(dist(nearest.find(q) as usize), best);
        }
    }

    #[test]
    fn a_few_hundred_colours_are_quantised_without_dithering() {
        let mut rgb = Vec::new();
        for i in 0..400u32 {
            for _ in 0..4 {
                rgb.extend_from_slice(&[(i % 256) as u8, (i / 256 * 100) as u8, 7]);
            }
        }
        let q = quantise(&rgb, 40);
        assert_eq!(q.reduction, Reduction::Quantised);
        // Without dithering, equal inputs map to equal outputs.
        for run in q.indices.chunks_exact(4) {
            assert!(run.iter().all(|&i| i == run[0]));
        }
    }
}
