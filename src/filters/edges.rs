//! The default visual matcher: a map of sharp edges, compared whole image against whole
//! image. A *hypothesis* about WeChat's unpublished algorithm, fitted to Citizen Lab's
//! measurements (sources §4.5), not a reconstruction of it.
//!
//! What the measurements say, and how each is built in:
//! - crude, no machine learning, luminosity greyscale, normalised by the shortest side,
//!   whole images, no sliding window (S4 via T15): the picture is rescaled so its shortest
//!   side is [`SHORT_SIDE`] pixels and nothing else is searched for;
//! - blur evades from a middle level, depending on the picture: an edge counts only where
//!   the greyscale changes by at least [`EdgeMatcher::edge_step`] levels per pixel, and
//!   blur lowers that slope until a picture's edges fall under it, soft pictures first;
//! - black-and-white (Otsu) thresholding mostly evades: edges between tones on the same
//!   side of the threshold vanish and shading becomes new contours;
//! - inverting light and dark is still caught: an edge's slope and its line (its
//!   orientation, modulo 180°) do not change when light and dark swap;
//! - a recolour that vanishes under luminosity leaves no edge at all: nothing to match;
//! - mirroring moves and turns the edges; stretching, squashing and framing rescale or
//!   shift them: all evade;
//! - blank canvas along the long side and tiling: pictures are aligned on their centres
//!   and only the part both cover is compared, so a centred original inside blank canvas,
//!   or the middle copy of a stack at the same scale, is still found.

use super::visual::{HexBytes, Similarity, Verdict, VisualMatcher, VisualSignature, normalise_to};
use crate::fingerprint::Greyscale;
use serde::{Deserialize, Serialize};

/// Pictures are rescaled so their shortest side has this many pixels.
pub const SHORT_SIDE: u32 = 128;
/// Each cell of the edge map covers this many pixels square (so 32 cells across the
/// shortest side).
pub const CELL: u32 = 4;
/// The longest side is at most this many times the shortest (longer banners are
/// squeezed), which bounds a signature at 32 × 256 cells.
pub const MAX_ASPECT: u32 = 8;
/// Edge directions told apart (0°, 45°, 90°, 135°, each modulo 180°).
pub const ORIENTATIONS: usize = 4;
/// Features per cell: each direction, as a soft or a hard edge.
pub const FEATURES: usize = 2 * ORIENTATIONS;
/// How far either side of an edge (pixels, at the normalised scale) its contrast is read.
const REACH: f64 = 3.0;

/// The edge-map matcher. Its settings were chosen to reproduce the §4.5 table with the
/// test set in `filters::evasion` (see `docs/sources.md`, A8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EdgeMatcher {
    /// Smallest slope, in grey levels per pixel at the normalised scale, that is an edge.
    pub edge_step: u32,
    /// Edge pixels of one kind a cell needs before it counts as holding that edge.
    pub min_pixels: u32,
    /// Grey levels between the two sides of an edge (read [`REACH`] pixels away) from
    /// which it is a hard edge. Black-and-white thresholding makes every edge it keeps
    /// hard, so this is what tells a thresholded copy from the original.
    pub hard_contrast: u32,
    /// Largest share (per cent) of edge cells without a counterpart that still matches.
    pub max_distance: u32,
    /// Pictures with edges in fewer than this share (per cent) of cells are featureless
    /// and never match.
    pub min_quality: u8,
}

impl Default for EdgeMatcher {
    fn default() -> Self {
        Self {
            edge_step: 8,
            min_pixels: 2,
            hard_contrast: 160,
            max_distance: 45,
            min_quality: 2,
        }
    }
}

/// The cells across and down of a picture's edge map.
pub fn grid(width: u32, height: u32) -> (usize, usize) {
    let (w, h) = (width.max(1) as u64, height.max(1) as u64);
    let short = w.min(h);
    let across = SHORT_SIDE / CELL;
    let cells = |side: u64| {
        ((side * across as u64 + short / 2) / short).clamp(1, (across * MAX_ASPECT) as u64) as usize
    };
    (cells(w), cells(h))
}

/// The edge map: one bit per cell and direction, packed row by row, cell by cell.
fn edge_map(m: &EdgeMatcher, grey: &Greyscale) -> Vec<bool> {
    let (gw, gh) = grid(grey.width, grey.height);
    let norm = normalise_to(grey, gw as u32 * CELL, gh as u32 * CELL);
    let (w, h) = (norm.width as usize, norm.height as usize);
    let at = |x: usize, y: usize| norm.pixels[y * w + x] as i32;
    let mut counts = vec![0u32; gw * gh * FEATURES];
    // Sobel: the sums below are 8 times the slope in grey levels per pixel.
    let step = (8 * m.edge_step) as i32;
    for y in 1..h.saturating_sub(1) {
        for x in 1..w.saturating_sub(1) {
            let gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1)
                - at(x - 1, y - 1)
                - 2 * at(x - 1, y)
                - at(x - 1, y + 1);
            let gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1)
                - at(x - 1, y - 1)
                - 2 * at(x, y - 1)
                - at(x + 1, y - 1);
            if gx * gx + gy * gy < step * step {
                continue;
            }
            // The edge's line, modulo 180°, so swapping light and dark changes nothing.
            let angle = (gy as f64)
                .atan2(gx as f64)
                .rem_euclid(std::f64::consts::PI);
            let bin = ((angle / std::f64::consts::FRAC_PI_4).round() as usize) % ORIENTATIONS;
            // The contrast across the edge, which blur keeps (until it is wide) and
            // thresholding pushes to the maximum.
            let norm_len = ((gx * gx + gy * gy) as f64).sqrt();
            let (ux, uy) = (gx as f64 / norm_len * REACH, gy as f64 / norm_len * REACH);
            let side = |sign: f64| {
                let sx = (x as f64 + sign * ux).round().clamp(0.0, (w - 1) as f64) as usize;
                let sy = (y as f64 + sign * uy).round().clamp(0.0, (h - 1) as f64) as usize;
                at(sx, sy)
            };
            let hard = side(1.0).abs_diff(side(-1.0)) >= m.hard_contrast;
            let feature = bin + if hard { ORIENTATIONS } else { 0 };
            let cell = (y / CELL as usize).min(gh - 1) * gw + (x / CELL as usize).min(gw - 1);
            counts[cell * FEATURES + feature] += 1;
        }
    }
    counts.into_iter().map(|n| n >= m.min_pixels).collect()
}

fn pack(bits: &[bool]) -> Vec<u8> {
    bits.chunks(8)
        .map(|byte| {
            byte.iter()
                .enumerate()
                .fold(0u8, |acc, (i, &b)| acc | (u8::from(b) << i))
        })
        .collect()
}

fn bit(bytes: &[u8], i: usize) -> bool {
    bytes[i / 8] >> (i % 8) & 1 == 1
}

impl VisualMatcher for EdgeMatcher {
    fn name(&self) -> &'static str {
        "Edge map (hypothesis fitted to Citizen Lab's tests)"
    }

    fn signature(&self, grey: &Greyscale) -> VisualSignature {
        let bits = edge_map(self, grey);
        let cells = bits.len() / FEATURES;
        let with_edges = bits
            .chunks(FEATURES)
            .filter(|c| c.iter().any(|&b| b))
            .count();
        VisualSignature {
            hash: HexBytes(pack(&bits)),
            quality: (100 * with_edges / cells.max(1)).min(100) as u8,
            width: grey.width,
            height: grey.height,
        }
    }

    fn compare(&self, a: &VisualSignature, b: &VisualSignature) -> Similarity {
        let (ga, gb) = (grid(a.width, a.height), grid(b.width, b.height));
        let (aspect_a, aspect_b) = (a.aspect(), b.aspect());
        let expected = |g: (usize, usize)| (g.0 * g.1 * FEATURES).div_ceil(8);
        let comparable = a.hash.0.len() == expected(ga) && b.hash.0.len() == expected(gb);
        let quality_ok = a.quality >= self.min_quality && b.quality >= self.min_quality;
        let (distance, shared) = if comparable {
            centred_distance(&a.hash.0, ga, &b.hash.0, gb)
        } else {
            (100, 0)
        };
        let is_match = comparable && quality_ok && shared > 0 && distance <= self.max_distance;
        let verdict = if !comparable {
            Verdict::EdgeOtherMatcher
        } else if !quality_ok || shared == 0 {
            Verdict::EdgeFeatureless {
                quality: a.quality.min(b.quality),
                min: self.min_quality,
            }
        } else if is_match {
            Verdict::EdgeMatch {
                distance,
                max: self.max_distance,
            }
        } else {
            Verdict::EdgeNoMatch {
                distance,
                max: self.max_distance,
            }
        };
        Similarity {
            distance,
            max_distance: self.max_distance,
            aspect_a,
            aspect_b,
            // No aspect gate: shape matters only through where the edges land.
            aspect_ok: true,
            quality_a: a.quality,
            quality_b: b.quality,
            quality_ok,
            is_match,
            explanation: verdict.english(),
            verdict: Some(verdict),
        }
    }
}

/// Aligns two edge maps centre on centre and compares the cells both cover: the share (per
/// cent) of edges in either map with no edge of the same direction in the same cell of
/// the other, and the number of edges looked at.
fn centred_distance(a: &[u8], ga: (usize, usize), b: &[u8], gb: (usize, usize)) -> (u32, u32) {
    let (w, h) = (ga.0.min(gb.0), ga.1.min(gb.1));
    let offset = |g: (usize, usize)| ((g.0 - w) / 2, (g.1 - h) / 2);
    let (oa, ob) = (offset(ga), offset(gb));
    let (mut edges, mut alone) = (0u32, 0u32);
    for y in 0..h {
        for x in 0..w {
            let ia = ((y + oa.1) * ga.0 + x + oa.0) * FEATURES;
            let ib = ((y + ob.1) * gb.0 + x + ob.0) * FEATURES;
            for o in 0..FEATURES {
                let (ea, eb) = (bit(a, ia + o), bit(b, ib + o));
                edges += u32::from(ea) + u32::from(eb);
                alone += u32::from(ea != eb);
            }
        }
    }
    if edges == 0 {
        return (100, 0);
    }
    ((100 * alone + edges / 2) / edges, edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::test_pictures::{self, grey_of};

    fn sig(img: &image::RgbaImage) -> VisualSignature {
        EdgeMatcher::default().signature(&grey_of(img))
    }

    #[test]
    fn the_grid_follows_the_shortest_side() {
        assert_eq!(grid(640, 480), (43, 32));
        assert_eq!(grid(480, 640), (32, 43));
        assert_eq!(grid(320, 240), (43, 32));
        assert_eq!(grid(1, 5000), (32, 256));
        assert_eq!(grid(0, 0), (32, 32));
    }

    #[test]
    fn a_picture_matches_itself_and_not_another() {
        let m = EdgeMatcher::default();
        let a = sig(&test_pictures::picture(1, 640, 480));
        let b = sig(&test_pictures::picture(2, 640, 480));
        let same = m.compare(&a, &a);
        assert!(same.is_match && same.distance == 0, "{}", same.explanation);
        let other = m.compare(&a, &b);
        assert!(!other.is_match, "{}", other.explanation);
    }

    #[test]
    fn featureless_pictures_never_match() {
        let m = EdgeMatcher::default();
        let flat = sig(&image::RgbaImage::from_pixel(
            300,
            200,
            image::Rgba([90, 140, 200, 255]),
        ));
        assert_eq!(flat.quality, 0);
        let s = m.compare(&flat, &flat);
        assert!(!s.is_match && !s.quality_ok, "{}", s.explanation);
        assert!(s.explanation.contains("structure"), "{}", s.explanation);
    }

    #[test]
    fn signatures_of_other_matchers_are_not_compared() {
        let m = EdgeMatcher::default();
        let a = sig(&test_pictures::picture(1, 640, 480));
        let mut pdq_like = a.clone();
        pdq_like.hash = HexBytes(vec![0; 32]);
        let s = m.compare(&a, &pdq_like);
        assert!(!s.is_match, "{}", s.explanation);
        assert!(s.explanation.contains("another matcher"));
    }

    #[test]
    fn tiny_and_degenerate_pictures_do_not_panic() {
        let m = EdgeMatcher::default();
        for (w, h) in [(1, 1), (1, 5000), (3, 2), (7000, 2)] {
            let grey = Greyscale {
                width: w,
                height: h,
                pixels: (0..w * h).map(|i| (i * 37 % 256) as u8).collect(),
            };
            let s = m.signature(&grey);
            let (gw, gh) = grid(w, h);
            assert_eq!(s.hash.0.len(), (gw * gh * FEATURES).div_ceil(8));
            m.compare(&s, &s);
        }
        // A buffer that lies about its size.
        let liar = Greyscale {
            width: 100,
            height: 100,
            pixels: vec![0; 10],
        };
        assert_eq!(m.signature(&liar).quality, 0);
    }

    #[test]
    fn signature_json_round_trip() {
        let s = sig(&test_pictures::picture(3, 200, 150));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<VisualSignature>(&json).unwrap(), s);
    }
}
