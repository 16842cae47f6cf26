//! The canvas: an opaque picture held in floating point, painted shape by shape with
//! anti-aliased coverage and rounded to 8-bit RGBA once at the end.
//!
//! Coverage is computed per pixel as the exact covered length of 16 horizontal sample
//! lines: edges come out smooth without storing a supersampled image, and the result
//! depends only on the shapes, never on the order pixels are visited.

use super::geometry::{Point, Transform, pt};
use super::noise::{fractal_noise, lattice};
use super::shapes::Path;
use image::RgbaImage;

/// Sample lines per pixel row: vertical edges are exact, horizontal ones accurate to 1/16.
const SUBROWS: usize = 16;

/// A colour in sRGB with straight alpha, each channel in `[0, 1]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colour {
    pub r: f32,
    pub g: f32,
    pub b: f32,
    pub a: f32,
}

impl Colour {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Self {
        Colour {
            r: ((rgb >> 16) & 0xFF) as f32 / 255.0,
            g: ((rgb >> 8) & 0xFF) as f32 / 255.0,
            b: (rgb & 0xFF) as f32 / 255.0,
            a: 1.0,
        }
    }

    /// The same colour with opacity `a`.
    pub const fn alpha(self, a: f32) -> Self {
        Colour { a, ..self }
    }

    /// The colour a fraction `t` of the way to `other`.
    pub fn mix(self, other: Colour, t: f32) -> Self {
        let l = |x: f32, y: f32| x + (y - x) * t;
        Colour {
            r: l(self.r, other.r),
            g: l(self.g, other.g),
            b: l(self.b, other.b),
            a: l(self.a, other.a),
        }
    }
}

/// How a filled shape is coloured. Positions are in the drawing units in force when the
/// shape is filled.
#[derive(Clone, Debug)]
pub enum Paint {
    Solid(Colour),
    /// Colour stops along the line from `from` to `to`, flat beyond either end.
    Linear {
        from: Point,
        to: Point,
        stops: Vec<(f32, Colour)>,
    },
    /// Colour stops from the centre (0) to the ellipse of radii `rx`, `ry` (1).
    Radial {
        centre: Point,
        rx: f32,
        ry: f32,
        stops: Vec<(f32, Colour)>,
    },
    /// Soft fractal noise blending `low` into `high`; `cell` is the size of the largest
    /// blobs along x and y.
    Noise {
        low: Colour,
        high: Colour,
        cell: (f32, f32),
        seed: u32,
    },
}

impl From<Colour> for Paint {
    fn from(c: Colour) -> Self {
        Paint::Solid(c)
    }
}

impl Paint {
    pub fn linear(from: Point, to: Point, stops: &[(f32, Colour)]) -> Self {
        Paint::Linear {
            from,
            to,
            stops: stops.to_vec(),
        }
    }

    pub fn radial(centre: Point, r: f32, stops: &[(f32, Colour)]) -> Self {
        Paint::Radial {
            centre,
            rx: r,
            ry: r,
            stops: stops.to_vec(),
        }
    }

    fn at(&self, p: Point) -> Colour {
        match self {
            Paint::Solid(c) => *c,
            Paint::Linear { from, to, stops } => {
                let (dx, dy) = (to.x - from.x, to.y - from.y);
                let len2 = (dx * dx + dy * dy).max(1e-12);
                along(stops, ((p.x - from.x) * dx + (p.y - from.y) * dy) / len2)
            }
            Paint::Radial {
                centre,
                rx,
                ry,
                stops,
            } => {
                let (u, v) = ((p.x - centre.x) / rx, (p.y - centre.y) / ry);
                along(stops, (u * u + v * v).sqrt())
            }
            Paint::Noise {
                low,
                high,
                cell,
                seed,
            } => {
                // Stretch the noise's middle range so the texture is visible, not grey mush.
                let n = fractal_noise(p.x / cell.0, p.y / cell.1, *seed, 4);
                low.mix(*high, ((n - 0.5) * 2.2 + 0.5).clamp(0.0, 1.0))
            }
        }
    }
}

/// The colour at position `t` along sorted gradient stops.
fn along(stops: &[(f32, Colour)], t: f32) -> Colour {
    let Some(first) = stops.first() else {
        return Colour::hex(0).alpha(0.0);
    };
    if t <= first.0 {
        return first.1;
    }
    for pair in stops.windows(2) {
        let ((t0, c0), (t1, c1)) = (pair[0], pair[1]);
        if t <= t1 {
            return c0.mix(c1, if t1 > t0 { (t - t0) / (t1 - t0) } else { 1.0 });
        }
    }
    stops[stops.len() - 1].1
}

/// How much of each pixel in a rectangle a shape covers, from 0 to 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    pub x0: usize,
    pub y0: usize,
    pub width: usize,
    pub height: usize,
    pub values: Vec<f32>,
}

impl Coverage {
    /// The covered area in pixels.
    pub fn area(&self) -> f64 {
        self.values.iter().map(|&v| v as f64).sum()
    }
}

/// A picture being drawn. Shapes are given in drawing units (a fixed design size chosen
/// by the scene) and mapped to the canvas's pixels, so a scene renders at any size.
#[derive(Clone, Debug)]
pub struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<[f32; 3]>,
    transform: Transform,
}

impl Canvas {
    /// A `width`×`height` canvas on which a `design_width`×`design_height` drawing fills the
    /// whole frame (stretched if the proportions differ), painted `background`.
    pub fn new(
        width: u32,
        height: u32,
        design_width: f32,
        design_height: f32,
        background: Colour,
    ) -> Self {
        let (w, h) = (width as usize, height as usize);
        Canvas {
            width: w,
            height: h,
            pixels: vec![[background.r, background.g, background.b]; w * h],
            transform: Transform::scale(width as f32 / design_width, height as f32 / design_height),
        }
    }

    /// Draws with `local` applied before the current mapping (to place, scale or turn a
    /// group of shapes), then restores the mapping.
    pub fn with(&mut self, local: Transform, draw: impl FnOnce(&mut Canvas)) {
        let saved = self.transform;
        self.transform = local.then(saved);
        draw(self);
        self.transform = saved;
    }

    /// The pixels `path` covers under the current mapping, clipped to the canvas.
    pub fn coverage(&self, path: &Path) -> Coverage {
        coverage(&path.flatten(&self.transform), self.width, self.height)
    }

    /// The canvas's size in pixels.
    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// The mapping in force from drawing units to pixels.
    pub fn transform(&self) -> Transform {
        self.transform
    }

    /// Paints the shape.
    pub fn fill(&mut self, path: &Path, paint: impl Into<Paint>) {
        if self.transform.inverse().is_none() {
            return;
        }
        let cov = self.coverage(path);
        self.fill_coverage(&cov, paint);
    }

    /// Paints each pixel of `cov` in proportion to its coverage. `cov` must lie on the canvas:
    /// [`Canvas::coverage`] makes such masks, and so does the lettering, from glyphs.
    pub fn fill_coverage(&mut self, cov: &Coverage, paint: impl Into<Paint>) {
        let paint = paint.into();
        let Some(to_local) = self.transform.inverse() else {
            return;
        };
        debug_assert!(cov.x0 + cov.width <= self.width && cov.y0 + cov.height <= self.height);
        for row in 0..cov.height {
            for col in 0..cov.width {
                let c = cov.values[row * cov.width + col];
                if c <= 0.0 {
                    continue;
                }
                let (x, y) = (cov.x0 + col, cov.y0 + row);
                let colour = paint.at(to_local.apply(pt(x as f32 + 0.5, y as f32 + 0.5)));
                let a = colour.a * c;
                let px = &mut self.pixels[y * self.width + x];
                px[0] += (colour.r - px[0]) * a;
                px[1] += (colour.g - px[1]) * a;
                px[2] += (colour.b - px[2]) * a;
            }
        }
    }

    /// Fills the whole canvas.
    pub fn fill_all(&mut self, paint: impl Into<Paint>) {
        let Some(to_local) = self.transform.inverse() else {
            return;
        };
        let (w, h) = (self.width as f32, self.height as f32);
        let corners = [pt(0.0, 0.0), pt(w, 0.0), pt(w, h), pt(0.0, h)].map(|p| to_local.apply(p));
        self.fill(&Path::new().polygon(&corners), paint);
    }

    /// Adds monochrome per-pixel grain of the given strength, like film or a phone sensor.
    pub fn grain(&mut self, strength: f32, seed: u32) {
        for y in 0..self.height {
            for x in 0..self.width {
                let n = (lattice(x as i32, y as i32, seed) - 0.5) * strength;
                for c in &mut self.pixels[y * self.width + x] {
                    *c += n;
                }
            }
        }
    }

    /// The finished picture, opaque 8-bit RGBA.
    pub fn to_rgba(&self) -> RgbaImage {
        let bytes = self
            .pixels
            .iter()
            .flat_map(|px| {
                let q = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
                [q(px[0]), q(px[1]), q(px[2]), 255]
            })
            .collect();
        RgbaImage::from_raw(self.width as u32, self.height as u32, bytes)
            .expect("buffer matches size")
    }
}

struct Edge {
    top: Point,
    bottom: Point,
    winding: i32,
}

/// Non-zero coverage of closed outlines (canvas coordinates) over a `width`×`height` grid.
fn coverage(outlines: &[Vec<Point>], width: usize, height: usize) -> Coverage {
    let finite = outlines
        .iter()
        .flatten()
        .filter(|p| p.x.is_finite() && p.y.is_finite());
    let (mut lo, mut hi) = (pt(f32::MAX, f32::MAX), pt(f32::MIN, f32::MIN));
    for p in finite {
        lo = pt(lo.x.min(p.x), lo.y.min(p.y));
        hi = pt(hi.x.max(p.x), hi.y.max(p.y));
    }
    // Clip to the canvas: anything outside is simply never sampled.
    let x0 = lo.x.floor().clamp(0.0, width as f32) as usize;
    let x1 = hi.x.ceil().clamp(0.0, width as f32) as usize;
    let y0 = lo.y.floor().clamp(0.0, height as f32) as usize;
    let y1 = hi.y.ceil().clamp(0.0, height as f32) as usize;
    let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
    let mut values = vec![0.0f32; w * h];
    if w == 0 || h == 0 {
        return Coverage {
            x0,
            y0,
            width: w,
            height: h,
            values,
        };
    }

    let mut edges = Vec::new();
    for outline in outlines {
        for (i, &a) in outline.iter().enumerate() {
            let b = outline[(i + 1) % outline.len()];
            if a.y == b.y
                || !(a.x.is_finite() && a.y.is_finite() && b.x.is_finite() && b.y.is_finite())
            {
                continue;
            }
            let (top, bottom, winding) = if a.y < b.y { (a, b, 1) } else { (b, a, -1) };
            edges.push(Edge {
                top,
                bottom,
                winding,
            });
        }
    }

    let weight = 1.0 / SUBROWS as f32;
    let mut crossings: Vec<(f32, i32)> = Vec::new();
    let mut runs = vec![0.0f32; w + 1];
    for row in 0..h {
        let line = &mut values[row * w..(row + 1) * w];
        runs.fill(0.0);
        for s in 0..SUBROWS {
            let y = (y0 + row) as f32 + (s as f32 + 0.5) * weight;
            crossings.clear();
            for e in &edges {
                if e.top.y <= y && y < e.bottom.y {
                    let x =
                        e.top.x + (y - e.top.y) * (e.bottom.x - e.top.x) / (e.bottom.y - e.top.y);
                    crossings.push((x - x0 as f32, e.winding));
                }
            }
            crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (mut winding, mut start) = (0, 0.0);
            for &(x, dir) in &crossings {
                let before = winding;
                winding += dir;
                if before == 0 && winding != 0 {
                    start = x;
                } else if before != 0 && winding == 0 {
                    add_span(line, &mut runs, start, x, weight);
                }
            }
        }
        // `runs` marks where whole-pixel runs begin and end; sum it along the row.
        let mut acc = 0.0;
        for (v, r) in line.iter_mut().zip(&runs) {
            acc += r;
            *v = (*v + acc).clamp(0.0, 1.0);
        }
    }
    Coverage {
        x0,
        y0,
        width: w,
        height: h,
        values,
    }
}

/// Adds `weight` times the covered fraction of each pixel between `a` and `b` on one line.
fn add_span(line: &mut [f32], runs: &mut [f32], a: f32, b: f32, weight: f32) {
    let w = line.len() as f32;
    let (a, b) = (a.max(0.0), b.min(w));
    if a >= b {
        return;
    }
    let (ia, ib) = (a.floor() as usize, b.floor() as usize);
    if ia == ib {
        line[ia] += weight * (b - a);
        return;
    }
    line[ia] += weight * ((ia + 1) as f32 - a);
    runs[ia + 1] += weight;
    runs[ib] -= weight;
    if ib < line.len() {
        line[ib] += weight * (b - ib as f32);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::f64::consts::PI;

    /// A white canvas whose units are its pixels (shared with the lettering tests).
    pub(crate) fn plain(width: u32, height: u32) -> Canvas {
        Canvas::new(
            width,
            height,
            width as f32,
            height as f32,
            Colour::hex(0xFFFFFF),
        )
    }

    #[test]
    fn a_square_covers_exactly_its_area() {
        let c = plain(100, 100);
        // Aligned to pixels: every covered pixel is fully covered, the rest untouched.
        let cov = c.coverage(&Path::new().rect(10.0, 20.0, 30.0, 40.0));
        assert_eq!(cov.area(), 1200.0);
        assert!(cov.values.iter().all(|&v| v == 1.0));
        // Off the grid: the area is still right, within the 1/16-pixel sampling of the
        // horizontal edges; only the one-pixel border is partial.
        let cov = c.coverage(&Path::new().rect(10.3, 20.7, 30.0, 40.0));
        assert!(
            (cov.area() - 1200.0).abs() <= 30.0 / 16.0,
            "area {}",
            cov.area()
        );
        let partial = cov.values.iter().filter(|&&v| v > 0.0 && v < 1.0).count();
        assert_eq!(
            partial,
            2 * 41 + 2 * 29,
            "only the border pixels are partly covered"
        );
    }

    #[test]
    fn a_circle_has_area_pi_r_squared() {
        let c = plain(300, 300);
        for r in [3.0f32, 10.0, 47.5, 140.0] {
            let cov = c.coverage(&Path::new().circle(pt(150.3, 149.6), r));
            let exact = PI * (r as f64).powi(2);
            assert!(
                (cov.area() / exact - 1.0).abs() < 0.01,
                "r = {r}: {} vs {exact}",
                cov.area()
            );
        }
    }

    #[test]
    fn outside_the_canvas_is_clipped() {
        let mut c = plain(50, 40);
        let path = Path::new()
            .rect(-100.0, -100.0, 130.0, 120.0)
            .circle(pt(1000.0, 1000.0), 30.0)
            .stroke(&[pt(-1e6, 20.0), pt(1e6, 20.0)], 4.0)
            .polygon(&[pt(f32::NAN, 0.0), pt(1.0, 1.0), pt(2.0, f32::INFINITY)]);
        let cov = c.coverage(&path);
        assert!(cov.x0 + cov.width <= 50 && cov.y0 + cov.height <= 40);
        // The clipped rectangle is the 30×20 corner; the 4-px band along y = 20 adds the
        // 20×4 beside it and the 30×2 below it.
        assert!(
            (cov.area() - (600.0 + 80.0 + 60.0)).abs() < 1.0,
            "area {}",
            cov.area()
        );
        c.fill(&path, Colour::hex(0));
        c.fill(
            &Path::new().circle(pt(-500.0, -500.0), 10.0),
            Colour::hex(0),
        );
        let img = c.to_rgba();
        assert_eq!(img.get_pixel(0, 0).0, [0, 0, 0, 255]);
        assert_eq!(img.get_pixel(49, 39).0, [255, 255, 255, 255]);
    }

    #[test]
    fn overlapping_parts_merge_and_holes_cut() {
        let c = plain(100, 100);
        let twice = Path::new()
            .rect(10.0, 10.0, 20.0, 20.0)
            .rect(20.0, 10.0, 20.0, 20.0);
        assert_eq!(c.coverage(&twice).area(), 600.0);
        let ring = Path::new().ring(pt(50.0, 50.0), 40.0, 20.0);
        let exact = PI * (1600.0 - 400.0);
        assert!((c.coverage(&ring).area() / exact - 1.0).abs() < 0.01);
    }

    #[test]
    fn edges_blend_and_gradients_run_between_stops() {
        let mut c = plain(10, 1);
        c.fill(&Path::new().rect(0.0, 0.0, 2.5, 1.0), Colour::hex(0));
        let img = c.to_rgba();
        assert_eq!(img.get_pixel(1, 0).0[0], 0);
        assert_eq!(
            img.get_pixel(2, 0).0[0],
            128,
            "half-covered pixel is half blended"
        );
        let mut c = plain(10, 1);
        c.fill_all(Paint::linear(
            pt(0.0, 0.0),
            pt(10.0, 0.0),
            &[(0.0, Colour::hex(0)), (1.0, Colour::hex(0xFFFFFF))],
        ));
        let img = c.to_rgba();
        let reds: Vec<u8> = (0..10).map(|x| img.get_pixel(x, 0).0[0]).collect();
        assert!(reds.windows(2).all(|w| w[0] < w[1]), "{reds:?}");
    }

    #[test]
    fn drawing_units_scale_to_the_canvas() {
        let c = Canvas::new(200, 100, 20.0, 10.0, Colour::hex(0xFFFFFF));
        assert_eq!(
            c.coverage(&Path::new().rect(1.0, 1.0, 2.0, 2.0)).area(),
            400.0
        );
    }
}
