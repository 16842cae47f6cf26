//! Shapes as outlines: polygons, ellipses, rounded rectangles, thick lines and Bézier
//! outlines, gathered into a [`Path`] that the canvas fills.
//!
//! Every filled part is oriented the same way and the canvas fills by the non-zero rule,
//! so overlapping parts simply merge (a thick line is the union of its segments and round
//! joints, with no seams); holes are the parts oriented the other way.

use super::geometry::{Point, Transform, on_ellipse, pt, sin_cos};
use std::f32::consts::{FRAC_PI_2, PI, TAU};

/// Curves are cut into this many straight pieces when a [`Pen`] draws them.
const CURVE_STEPS: usize = 24;

#[derive(Clone, Debug)]
enum Part {
    Polygon {
        points: Vec<Point>,
        hole: bool,
    },
    Ellipse {
        centre: Point,
        rx: f32,
        ry: f32,
        angle: f32,
        hole: bool,
    },
}

/// A set of closed outlines filled together.
#[derive(Clone, Debug, Default)]
pub struct Path {
    parts: Vec<Part>,
}

impl Path {
    pub fn new() -> Self {
        Self::default()
    }

    /// A filled polygon (any orientation, at least three points).
    pub fn polygon(mut self, points: &[Point]) -> Self {
        self.parts.push(Part::Polygon {
            points: points.to_vec(),
            hole: false,
        });
        self
    }

    /// A polygonal hole cut out of the parts before and after it.
    pub fn polygon_hole(mut self, points: &[Point]) -> Self {
        self.parts.push(Part::Polygon {
            points: points.to_vec(),
            hole: true,
        });
        self
    }

    pub fn rect(self, x: f32, y: f32, w: f32, h: f32) -> Self {
        self.polygon(&[pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)])
    }

    /// A rectangle with corners rounded to radius `r`.
    pub fn rounded_rect(self, x: f32, y: f32, w: f32, h: f32, r: f32) -> Self {
        let r = r.min(w / 2.0).min(h / 2.0);
        let mut pen = Pen::new(pt(x + r, y));
        pen.line(pt(x + w - r, y))
            .arc(pt(x + w - r, y + r), r, r, -FRAC_PI_2, 0.0)
            .line(pt(x + w, y + h - r))
            .arc(pt(x + w - r, y + h - r), r, r, 0.0, FRAC_PI_2)
            .line(pt(x + r, y + h))
            .arc(pt(x + r, y + h - r), r, r, FRAC_PI_2, PI)
            .line(pt(x, y + r))
            .arc(pt(x + r, y + r), r, r, PI, PI + FRAC_PI_2);
        self.polygon(pen.points())
    }

    pub fn ellipse(self, centre: Point, rx: f32, ry: f32) -> Self {
        self.rotated_ellipse(centre, rx, ry, 0.0)
    }

    /// An ellipse whose `rx` axis is turned by `angle` radians (clockwise on screen).
    pub fn rotated_ellipse(mut self, centre: Point, rx: f32, ry: f32, angle: f32) -> Self {
        self.parts.push(Part::Ellipse {
            centre,
            rx,
            ry,
            angle,
            hole: false,
        });
        self
    }

    pub fn circle(self, centre: Point, r: f32) -> Self {
        self.ellipse(centre, r, r)
    }

    /// An elliptical hole.
    pub fn ellipse_hole(mut self, centre: Point, rx: f32, ry: f32) -> Self {
        self.parts.push(Part::Ellipse {
            centre,
            rx,
            ry,
            angle: 0.0,
            hole: true,
        });
        self
    }

    /// A circular band between radii `inner` and `outer`.
    pub fn ring(self, centre: Point, outer: f32, inner: f32) -> Self {
        self.circle(centre, outer)
            .ellipse_hole(centre, inner, inner)
    }

    /// A straight band of the given width with square-cut ends.
    pub fn line(self, a: Point, b: Point, width: f32) -> Self {
        let len = a.distance(b);
        if len == 0.0 {
            return self;
        }
        let (nx, ny) = (
            -(b.y - a.y) / len * width / 2.0,
            (b.x - a.x) / len * width / 2.0,
        );
        self.polygon(&[
            pt(a.x + nx, a.y + ny),
            pt(b.x + nx, b.y + ny),
            pt(b.x - nx, b.y - ny),
            pt(a.x - nx, a.y - ny),
        ])
    }

    /// A thick polyline with round ends and round joints.
    pub fn stroke(mut self, points: &[Point], width: f32) -> Self {
        for pair in points.windows(2) {
            self = self.line(pair[0], pair[1], width);
        }
        for &p in points {
            self = self.circle(p, width / 2.0);
        }
        self
    }

    /// The outlines in canvas coordinates, oriented for the non-zero rule: filled parts
    /// have positive signed area, holes negative.
    pub fn flatten(&self, to_canvas: &Transform) -> Vec<Vec<Point>> {
        self.parts
            .iter()
            .filter_map(|part| {
                let (mut points, hole): (Vec<Point>, bool) = match part {
                    Part::Polygon { points, hole } => {
                        (points.iter().map(|&p| to_canvas.apply(p)).collect(), *hole)
                    }
                    Part::Ellipse {
                        centre,
                        rx,
                        ry,
                        angle,
                        hole,
                    } => {
                        // Enough pieces that the chord sags less than ~0.05 px: the area
                        // error stays far below 1% and edges look round.
                        let r = rx.abs().max(ry.abs()) * to_canvas.max_stretch();
                        let n = ((PI * (r * 10.0).sqrt()).ceil() as usize).clamp(16, 720);
                        // Vertices sit slightly outside the ellipse so that the polygon's
                        // area equals the ellipse's exactly, whatever the number of pieces.
                        let step = std::f64::consts::TAU / n as f64;
                        let grow = (step / sin_cos(step).0).sqrt() as f32;
                        let turn = Transform::rotate(*angle)
                            .then(Transform::translate(centre.x, centre.y));
                        let points = (0..n)
                            .map(|i| {
                                let local = on_ellipse(
                                    pt(0.0, 0.0),
                                    rx * grow,
                                    ry * grow,
                                    TAU * i as f32 / n as f32,
                                );
                                to_canvas.apply(turn.apply(local))
                            })
                            .collect();
                        (points, *hole)
                    }
                };
                if points.len() < 3 {
                    return None;
                }
                if (signed_area(&points) < 0.0) != hole {
                    points.reverse();
                }
                Some(points)
            })
            .collect()
    }
}

/// The signed area of a closed polygon (positive when clockwise on screen, y pointing down).
pub fn signed_area(points: &[Point]) -> f32 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (p, q) = (points[i], points[(i + 1) % n]);
            p.x * q.y - q.x * p.y
        })
        .sum::<f32>()
        / 2.0
}

/// Draws an outline point by point, with straight lines, Bézier curves and arcs.
#[derive(Clone, Debug)]
pub struct Pen {
    points: Vec<Point>,
}

impl Pen {
    pub fn new(start: Point) -> Self {
        Self {
            points: vec![start],
        }
    }

    fn last(&self) -> Point {
        *self
            .points
            .last()
            .expect("a pen always has its start point")
    }

    pub fn line(&mut self, to: Point) -> &mut Self {
        self.points.push(to);
        self
    }

    /// A quadratic Bézier curve with control point `c`.
    pub fn quad(&mut self, c: Point, to: Point) -> &mut Self {
        let from = self.last();
        for i in 1..=CURVE_STEPS {
            let t = i as f32 / CURVE_STEPS as f32;
            self.points.push(from.lerp(c, t).lerp(c.lerp(to, t), t));
        }
        self
    }

    /// A cubic Bézier curve with control points `c1`, `c2`.
    pub fn cubic(&mut self, c1: Point, c2: Point, to: Point) -> &mut Self {
        let from = self.last();
        for i in 1..=CURVE_STEPS {
            let t = i as f32 / CURVE_STEPS as f32;
            let (a, b, c) = (from.lerp(c1, t), c1.lerp(c2, t), c2.lerp(to, t));
            self.points.push(a.lerp(b, t).lerp(b.lerp(c, t), t));
        }
        self
    }

    /// An elliptical arc from angle `from` to `to` (radians), joined by a line to the
    /// current point.
    pub fn arc(&mut self, centre: Point, rx: f32, ry: f32, from: f32, to: f32) -> &mut Self {
        for i in 0..=CURVE_STEPS {
            let t = from + (to - from) * i as f32 / CURVE_STEPS as f32;
            self.points.push(on_ellipse(centre, rx, ry, t));
        }
        self
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_oriented_for_nonzero_filling() {
        let path = Path::new()
            .polygon(&[pt(0.0, 0.0), pt(0.0, 10.0), pt(10.0, 10.0), pt(10.0, 0.0)])
            .ellipse_hole(pt(5.0, 5.0), 2.0, 2.0);
        let outlines = path.flatten(&Transform::IDENTITY);
        assert!(
            signed_area(&outlines[0]) > 0.0,
            "counter-clockwise input is turned around"
        );
        assert!(signed_area(&outlines[1]) < 0.0, "holes run the other way");
    }

    #[test]
    fn bezier_ends_where_asked() {
        let mut pen = Pen::new(pt(0.0, 0.0));
        pen.cubic(pt(1.0, 5.0), pt(4.0, 5.0), pt(5.0, 0.0))
            .quad(pt(7.0, 3.0), pt(9.0, 1.0));
        assert_eq!(*pen.points().last().unwrap(), pt(9.0, 1.0));
        assert_eq!(pen.points().len(), 1 + 2 * CURVE_STEPS);
    }
}
