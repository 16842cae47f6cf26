//! A candlelight vigil at night: a dark crowd holding hundreds of small flames in paper
//! cups, as at the 4 June vigils held in Hong Kong's Victoria Park every year until 2020.

use crate::rng::Rng;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, Transform, pt};
use crate::samples::shapes::{Path, Pen};

const HORIZON: f32 = 150.0;

pub fn draw(c: &mut Canvas) {
    c.fill_all(Paint::linear(
        pt(0.0, 0.0),
        pt(0.0, HORIZON),
        &[(0.0, Colour::hex(0x070B1C)), (1.0, Colour::hex(0x1B1A33))],
    ));
    // City towers beyond the park, barely lighter than the night.
    let mut towers = Path::new();
    let mut rng = Rng::new(64);
    let mut x = -10.0;
    while x < 650.0 {
        let w = 22.0 + rng.range(0, 30) as f32;
        let h = 20.0 + rng.range(0, 70) as f32;
        towers = towers.rect(x, HORIZON - h, w - 3.0, h + 2.0);
        x += w;
    }
    c.fill(&towers, Colour::hex(0x1F2037));
    // The crowd, lit warm from below by its own candles.
    c.fill(
        &Path::new().rect(0.0, HORIZON, 640.0, 480.0 - HORIZON),
        Paint::linear(
            pt(0.0, HORIZON),
            pt(0.0, 480.0),
            &[
                (0.0, Colour::hex(0x3A2A2C)),
                (0.25, Colour::hex(0x22181F)),
                (1.0, Colour::hex(0x0E0B10)),
            ],
        ),
    );
    c.fill(
        &Path::new().rect(0.0, HORIZON - 30.0, 640.0, 60.0),
        Paint::linear(
            pt(0.0, HORIZON - 30.0),
            pt(0.0, HORIZON + 30.0),
            &[
                (0.0, Colour::hex(0xFF9A40).alpha(0.0)),
                (0.5, Colour::hex(0xFF9A40).alpha(0.18)),
                (1.0, Colour::hex(0xFF9A40).alpha(0.0)),
            ],
        ),
    );

    // Rows of candles from the far side forward: size and spacing grow linearly with the
    // distance below the horizon, as in perspective.
    let mut rng = Rng::new(1989);
    let mut y = HORIZON + 5.0;
    while y < 430.0 {
        let near = (y - HORIZON) / (480.0 - HORIZON);
        let size = 0.2 + 1.2 * near;
        let spacing = 40.0 * size;
        let mut x = -(rng.range(0, 100) as f32 / 100.0) * spacing;
        while x < 640.0 + spacing {
            let dx = (rng.range(0, 100) as f32 / 100.0 - 0.5) * spacing * 0.8;
            let dy = (rng.range(0, 100) as f32 / 100.0 - 0.5) * size * 5.0;
            candle(c, pt(x + dx, y + dy), size);
            x += spacing;
        }
        y += 16.0 * size;
    }
    // Three people in front, seen from behind, one raising a candle.
    person(c, pt(95.0, 420.0), 2.6, 0.2);
    person(c, pt(560.0, 430.0), 2.9, 0.8);
    person(c, pt(330.0, 455.0), 2.4, 0.5);
}

/// The dark head and shoulders of someone at `base` (the middle of the shoulders), seen
/// from behind against the candlelight.
fn person(c: &mut Canvas, base: Point, size: f32, lean: f32) {
    c.with(
        Transform::scale(size, size).then(Transform::translate(base.x, base.y)),
        |c| {
            let body = Paint::linear(
                pt(0.0, -40.0),
                pt(0.0, 20.0),
                &[(0.0, Colour::hex(0x1C1419)), (1.0, Colour::hex(0x0A080B))],
            );
            let head = pt(-2.0 + 4.0 * lean, -27.0);
            let mut shoulders = Pen::new(pt(-32.0, 40.0));
            shoulders
                .cubic(pt(-32.0, 0.0), pt(-26.0, -12.0), pt(0.0, -13.0))
                .cubic(pt(26.0, -12.0), pt(32.0, 0.0), pt(32.0, 40.0));
            c.fill(
                &Path::new()
                    .polygon(shoulders.points())
                    .rect(-6.0, -20.0, 12.0, 10.0)
                    .ellipse(head, 11.0, 13.0),
                body,
            );
        },
    );
}

/// One candle in a paper cup, its flame's base at `base`; `size` 1 is a flame 10 units
/// tall.
fn candle(c: &mut Canvas, base: Point, size: f32) {
    c.with(
        Transform::scale(size, size).then(Transform::translate(base.x, base.y)),
        |c| {
            let warm = Colour::hex(0xFFB24A);
            // Far away the halos merge into the haze over the crowd; drawing each one would
            // only add noise (and weight to the PNG).
            if size > 0.75 {
                c.fill(
                    &Path::new().circle(pt(0.0, -4.0), 18.0),
                    Paint::radial(
                        pt(0.0, -4.0),
                        18.0,
                        &[
                            (0.0, warm.alpha(0.35)),
                            (0.3, warm.alpha(0.1)),
                            (1.0, warm.alpha(0.0)),
                        ],
                    ),
                );
            }
            if size > 0.6 {
                // The cup: a white paper cone, glowing where the flame shines through.
                c.fill(
                    &Path::new().polygon(&[
                        pt(-5.5, 0.0),
                        pt(5.5, 0.0),
                        pt(3.5, 12.0),
                        pt(-3.5, 12.0),
                    ]),
                    Paint::linear(
                        pt(0.0, 0.0),
                        pt(0.0, 12.0),
                        &[(0.0, Colour::hex(0xF2C27E)), (1.0, Colour::hex(0x7A4A2A))],
                    ),
                );
                c.fill(
                    &Path::new().ellipse(pt(0.0, 0.0), 5.5, 1.6),
                    Colour::hex(0xFFD98F),
                );
            }
            let mut flame = Pen::new(pt(0.0, -11.0));
            flame
                .cubic(pt(2.5, -6.0), pt(3.2, -1.0), pt(0.0, 0.5))
                .cubic(pt(-3.2, -1.0), pt(-2.5, -6.0), pt(0.0, -11.0));
            c.fill(&Path::new().polygon(flame.points()), Colour::hex(0xFF9F2E));
            c.fill(
                &Path::new().ellipse(pt(0.0, -3.0), 1.3, 2.6),
                Colour::hex(0xFFF6C8),
            );
        },
    );
}
