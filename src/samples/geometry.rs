//! Points, affine transforms and the little trigonometry the drawings need.
//!
//! Sine and cosine are computed here from polynomials rather than taken from the platform's
//! `libm`: native and wasm32 builds then produce bit-identical pictures, and the committed
//! sample files can be checked against a fresh rendering on any machine.

use std::f64::consts::{FRAC_2_PI, FRAC_PI_2};

/// A point (or vector) in drawing units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// Shorthand for a point.
pub const fn pt(x: f32, y: f32) -> Point {
    Point { x, y }
}

impl Point {
    /// The point a fraction `t` of the way from `self` to `other`.
    pub fn lerp(self, other: Point, t: f32) -> Point {
        pt(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
        )
    }

    /// Distance to `other`.
    pub fn distance(self, other: Point) -> f32 {
        ((other.x - self.x).powi(2) + (other.y - self.y).powi(2)).sqrt()
    }
}

/// Sine and cosine of `angle` (radians), accurate to about 1e-11 and identical on every
/// platform because only IEEE basic operations are used.
pub fn sin_cos(angle: f64) -> (f64, f64) {
    // Reduce to r in [-π/4, π/4] and a quadrant; the angles drawn here are small, so a
    // one-constant reduction loses nothing visible.
    let quadrant = (angle * FRAC_2_PI).round();
    let r = angle - quadrant * FRAC_PI_2;
    let r2 = r * r;
    // Taylor series to degree 13/12: the next term is below 1e-12 on this interval.
    let sin = r
        * (1.0
            - r2 / 6.0
                * (1.0
                    - r2 / 20.0
                        * (1.0
                            - r2 / 42.0
                                * (1.0 - r2 / 72.0 * (1.0 - r2 / 110.0 * (1.0 - r2 / 156.0))))));
    let cos = 1.0
        - r2 / 2.0
            * (1.0
                - r2 / 12.0
                    * (1.0
                        - r2 / 30.0 * (1.0 - r2 / 56.0 * (1.0 - r2 / 90.0 * (1.0 - r2 / 132.0)))));
    match (quadrant as i64).rem_euclid(4) {
        0 => (sin, cos),
        1 => (cos, -sin),
        2 => (-sin, -cos),
        _ => (-cos, sin),
    }
}

/// The point at `angle` (radians, clockwise on screen because y points down) on an ellipse.
pub fn on_ellipse(centre: Point, rx: f32, ry: f32, angle: f32) -> Point {
    let (s, c) = sin_cos(angle as f64);
    pt(centre.x + rx * c as f32, centre.y + ry * s as f32)
}

/// An affine map: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Transform {
    pub const IDENTITY: Transform = Transform {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn translate(x: f32, y: f32) -> Self {
        Transform {
            e: x,
            f: y,
            ..Self::IDENTITY
        }
    }

    pub fn scale(sx: f32, sy: f32) -> Self {
        Transform {
            a: sx,
            d: sy,
            ..Self::IDENTITY
        }
    }

    /// Rotation by `angle` radians about the origin (clockwise on screen).
    pub fn rotate(angle: f32) -> Self {
        let (s, c) = sin_cos(angle as f64);
        let (s, c) = (s as f32, c as f32);
        Transform {
            a: c,
            b: s,
            c: -s,
            d: c,
            e: 0.0,
            f: 0.0,
        }
    }

    /// `self` first, then `next`.
    pub fn then(self, next: Transform) -> Transform {
        Transform {
            a: next.a * self.a + next.c * self.b,
            b: next.b * self.a + next.d * self.b,
            c: next.a * self.c + next.c * self.d,
            d: next.b * self.c + next.d * self.d,
            e: next.a * self.e + next.c * self.f + next.e,
            f: next.b * self.e + next.d * self.f + next.f,
        }
    }

    pub fn apply(&self, p: Point) -> Point {
        pt(
            self.a * p.x + self.c * p.y + self.e,
            self.b * p.x + self.d * p.y + self.f,
        )
    }

    /// The inverse map, or `None` if the map flattens the plane.
    pub fn inverse(&self) -> Option<Transform> {
        let det = self.a * self.d - self.b * self.c;
        if det.abs() < 1e-12 {
            return None;
        }
        let (a, b, c, d) = (self.d / det, -self.b / det, -self.c / det, self.a / det);
        Some(Transform {
            a,
            b,
            c,
            d,
            e: -(a * self.e + c * self.f),
            f: -(b * self.e + d * self.f),
        })
    }

    /// The largest factor by which the map stretches a length (bounds curve flattening).
    pub fn max_stretch(&self) -> f32 {
        (self.a * self.a + self.b * self.b)
            .max(self.c * self.c + self.d * self.d)
            .sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sin_cos_matches_std_closely() {
        for i in -400..=400 {
            let x = i as f64 * 0.0317;
            let (s, c) = sin_cos(x);
            assert!((s - x.sin()).abs() < 1e-10, "sin({x})");
            assert!((c - x.cos()).abs() < 1e-10, "cos({x})");
        }
    }

    #[test]
    fn transform_then_inverse_is_identity() {
        let t = Transform::rotate(0.7)
            .then(Transform::scale(2.0, 3.0))
            .then(Transform::translate(5.0, -4.0));
        let p = pt(12.5, -3.25);
        let back = t.inverse().unwrap().apply(t.apply(p));
        assert!(back.distance(p) < 1e-4);
        assert!(Transform::scale(0.0, 1.0).inverse().is_none());
    }
}
