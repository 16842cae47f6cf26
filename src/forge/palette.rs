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
    // Sampling one pixel in 10 is NeuQuant's usual speed/quality balance.
    let quant = NeuQuant::new(10, 256, &rgba);
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
/// misses the nearest colour for about 1.6% of pixels of a test gradient. Here RGB space is cut into
/// 8×8×8 cells; the first query in a cell lists the palette colours that can be nearest to
/// any point of it (those no farther from the cell than the best colour's farthest corner),
/// and every query then scans only that short list.
struct Nearest {
    colour: [[i32; 3]; 256],
    /// Per cell: start and length of its list in `lists`; length `u16::MAX` until computed.
    cells: Vec<(u32, u16)>,
    lists: Vec<u8>,
}

const CELL: i32 = 16;
const CELLS: usize = 256 / CELL as usize;

impl Nearest {
    fn new(palette: &[u8; 768]) -> Self {
        let mut colour = [[0; 3]; 256];
        for (c, p) in colour.iter_mut().zip(palette.chunks_exact(3)) {
            *c = [p[0] as i32, p[1] as i32, p[2] as i32];
        }
        Self {
            colour,
            cells: vec![(0, u16::MAX); CELLS * CELLS * CELLS],
            lists: Vec::new(),
        }
    }

    fn find(&mut self, [r, g, b]: [u8; 3]) -> u8 {
        let q = [r as i32, g as i32, b as i32];
        let cell = q.map(|v| (v / CELL) as usize);
        let at = (cell[0] * CELLS + cell[1]) * CELLS + cell[2];
        if self.cells[at].1 == u16::MAX {
            self.cells[at] = self.list(cell);
        }
        let (start, len) = self.cells[at];
        let mut best = (i32::MAX, 0u8);
        for &i in &self.lists[start as usize..start as usize + len as usize] {
            let c = self.colour[i as usize];
            let d = (c[0] - q[0]).pow(2) + (c[1] - q[1]).pow(2) + (c[2] - q[2]).pow(2);
            if d < best.0 {
                best = (d, i);
            }
        }
        best.1
    }

    fn list(&mut self, cell: [usize; 3]) -> (u32, u16) {
        let lo = cell.map(|c| c as i32 * CELL);
        let near_far = |c: &[i32; 3]| {
            let (mut near, mut far) = (0, 0);
            for k in 0..3 {
                let hi = lo[k] + CELL - 1;
                let out = (lo[k] - c[k]).max(c[k] - hi).max(0);
                near += out * out;
                far += (c[k] - lo[k]).pow(2).max((c[k] - hi).pow(2));
            }
            (near, far)
        };
        let bound = self.colour.iter().map(|c| near_far(c).1).min().unwrap_or(0);
        let start = self.lists.len();
        for (i, c) in self.colour.iter().enumerate() {
            if near_far(c).0 <= bound {
                self.lists.push(i as u8);
            }
        }
        (start as u32, (self.lists.len() - start) as u16)
    }
}

/// Floyd–Steinberg error diffusion (7/16 right, 3/16, 5/16, 1/16 on the next row).
fn floyd_steinberg(
    rgb: &[u8],
    width: usize,
    nearest: &mut Nearest,
    palette: &[u8; 768],
) -> Vec<u8> {
    let height = rgb.len() / 3 / width;
    let mut indices = Vec::with_capacity(width * height);
    // Errors for the current and the next row, one pixel of margin on each side.
    let mut here = vec![[0f32; 3]; width + 2];
    let mut below = vec![[0f32; 3]; width + 2];
    for y in 0..height {
        for x in 0..width {
            let p = &rgb[3 * (y * width + x)..3 * (y * width + x) + 3];
            let want: [f32; 3] =
                [0, 1, 2].map(|k| (p[k] as f32 + here[x + 1][k]).clamp(0.0, 255.0));
            let i = nearest.find(want.map(|v| v.round() as u8)) as usize;
            indices.push(i as u8);
            for k in 0..3 {
                let err = want[k] - palette[3 * i + k] as f32;
                here[x + 2][k] += err * (7.0 / 16.0);
                below[x][k] += err * (3.0 / 16.0);
                below[x + 1][k] += err * (5.0 / 16.0);
                below[x + 2][k] += err * (1.0 / 16.0);
            }
        }
        std::mem::swap(&mut here, &mut below);
        below.iter_mut().for_each(|e| *e = [0.0; 3]);
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
                    ((x + y) % 256) as u8,
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
        // NeuQuant samples one pixel in 10, so give it a picture of realistic size.
        let (w, h) = (320, 240);
        let rgb = gradient(w, h);
        let q = quantise(&rgb, w);
        assert_eq!(q.reduction, Reduction::Dithered);
        assert_eq!(q.indices.len(), w * h);
        // Dithering keeps local means: compare 16×16 block averages. NeuQuant gives the
        // extremes of a range few colours, so blocks on the picture's edge may be off more.
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
                    worst = worst.max(off);
                    blocks += 1;
                }
            }
        }
        assert!(
            total / blocks as f64 <= 1.5,
            "mean block error {}",
            total / blocks as f64
        );
        assert!(worst < 16.0, "worst block error {worst}");
        // A smooth area is drawn with several palette colours mixed, not one flat band.
        let row: HashSet<u8> = q.indices[120 * w + 100..120 * w + 132]
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
