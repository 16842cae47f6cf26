//! A red city bicycle in profile, parked on a path on a bright day.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, on_ellipse, pt};
use crate::samples::shapes::Path;
use std::f32::consts::TAU;

const REAR: Point = pt(178.0, 322.0);
const FRONT: Point = pt(462.0, 322.0);
const WHEEL: f32 = 92.0;
const CRANK: Point = pt(300.0, 334.0);
const FRAME: Colour = Colour::hex(0xD23C36);
const DARK: Colour = Colour::hex(0x2A2A2E);
const METAL: Colour = Colour::hex(0xA9AEB4);

pub fn draw(c: &mut Canvas) {
    c.fill_all(Paint::linear(
        pt(0.0, 0.0),
        pt(0.0, 330.0),
        &[(0.0, Colour::hex(0x9CCBE6)), (1.0, Colour::hex(0xE3F1F5))],
    ));
    for (x, y, s) in [(110.0, 80.0, 1.0), (470.0, 60.0, 0.8), (590.0, 130.0, 0.6)] {
        c.fill(
            &Path::new()
                .ellipse(pt(x, y), 60.0 * s, 18.0 * s)
                .ellipse(pt(x - 26.0 * s, y - 10.0 * s), 30.0 * s, 20.0 * s)
                .ellipse(pt(x + 20.0 * s, y - 14.0 * s), 34.0 * s, 24.0 * s),
            Colour::hex(0xFFFFFF),
        );
    }
    // A hedge behind the path, then the path.
    let mut hedge = Path::new().rect(0.0, 300.0, 640.0, 80.0);
    for i in 0..12 {
        hedge = hedge.circle(
            pt(
                i as f32 * 60.0 - 10.0,
                300.0 + 8.0 * ((i * 3 % 5) as f32 - 2.0),
            ),
            42.0,
        );
    }
    c.fill(&hedge, Colour::hex(0x6FA85A));
    c.fill(
        &Path::new().rect(0.0, 380.0, 640.0, 100.0),
        Colour::hex(0xD8D2C4),
    );
    c.fill(
        &Path::new().rect(0.0, 380.0, 640.0, 6.0),
        Colour::hex(0xBDB6A6),
    );
    shadow(c, pt(320.0, 418.0), 250.0, 10.0, 0.35);

    wheel(c, REAR);
    wheel(c, FRONT);
    // Chain from the chainring to the rear sprocket.
    c.fill(
        &Path::new()
            .line(pt(CRANK.x, CRANK.y - 24.0), pt(REAR.x, REAR.y - 10.0), 3.0)
            .line(pt(CRANK.x, CRANK.y + 24.0), pt(REAR.x, REAR.y + 10.0), 3.0),
        DARK,
    );
    c.fill(&Path::new().circle(REAR, 11.0), DARK);

    // The diamond frame: seat tube, top tube, down tube, stays and fork.
    let seat_top = pt(272.0, 196.0);
    let head_top = pt(424.0, 190.0);
    let head_bottom = pt(434.0, 232.0);
    let mut frame = Path::new()
        .stroke(&[CRANK, seat_top], 12.0)
        .stroke(&[pt(276.0, 212.0), pt(426.0, 204.0)], 11.0)
        .stroke(&[CRANK, head_bottom], 13.0)
        .stroke(&[REAR, CRANK], 8.0)
        .stroke(&[REAR, pt(276.0, 214.0)], 8.0)
        .stroke(&[head_top, head_bottom], 14.0);
    frame = frame.stroke(&[head_bottom, pt(448.0, 280.0), FRONT], 8.0);
    c.fill(&frame, FRAME);
    // Mudguard over the rear wheel.
    let guard: Vec<Point> = (0..=20)
        .map(|i| on_ellipse(REAR, WHEEL + 5.0, WHEEL + 5.0, -2.7 + 1.7 * i as f32 / 20.0))
        .collect();
    c.fill(&Path::new().stroke(&guard, 6.0), FRAME);
    // Saddle, handlebar, bell.
    c.fill(
        &Path::new()
            .stroke(&[seat_top, pt(266.0, 172.0)], 7.0)
            .stroke(&[head_top, pt(420.0, 170.0)], 7.0),
        METAL,
    );
    c.fill(
        &Path::new().polygon(&[
            pt(232.0, 166.0),
            pt(300.0, 162.0),
            pt(302.0, 170.0),
            pt(278.0, 178.0),
            pt(236.0, 176.0),
        ]),
        Colour::hex(0x3B2A22),
    );
    c.fill(
        &Path::new().stroke(
            &[
                pt(420.0, 170.0),
                pt(436.0, 166.0),
                pt(404.0, 150.0),
                pt(380.0, 152.0),
            ],
            7.0,
        ),
        METAL,
    );
    c.fill(
        &Path::new().stroke(&[pt(392.0, 151.5), pt(374.0, 153.0)], 11.0),
        DARK,
    );
    c.fill(
        &Path::new().circle(pt(414.0, 160.0), 6.0),
        Colour::hex(0xE8C547),
    );
    // Crank, pedals and chainring.
    c.fill(
        &Path::new().ring(CRANK, 26.0, 18.0).circle(CRANK, 7.0),
        METAL,
    );
    c.fill(
        &Path::new()
            .stroke(&[CRANK, pt(CRANK.x + 30.0, CRANK.y + 36.0)], 7.0)
            .stroke(&[CRANK, pt(CRANK.x - 30.0, CRANK.y - 36.0)], 7.0),
        DARK,
    );
    c.fill(
        &Path::new()
            .rounded_rect(CRANK.x + 18.0, CRANK.y + 34.0, 26.0, 7.0, 2.0)
            .rounded_rect(CRANK.x - 44.0, CRANK.y - 40.0, 26.0, 7.0, 2.0),
        DARK,
    );
}

fn wheel(c: &mut Canvas, hub: Point) {
    c.fill(&Path::new().ring(hub, WHEEL, WHEEL - 9.0), DARK);
    c.fill(&Path::new().ring(hub, WHEEL - 9.0, WHEEL - 14.0), METAL);
    let mut spokes = Path::new();
    for i in 0..18 {
        let angle = TAU * i as f32 / 18.0;
        spokes = spokes.line(
            on_ellipse(hub, 6.0, 6.0, angle + 0.4),
            on_ellipse(hub, WHEEL - 12.0, WHEEL - 12.0, angle),
            1.4,
        );
    }
    c.fill(&spokes, Colour::hex(0x8D9298));
    c.fill(&Path::new().circle(hub, 8.0), METAL);
}
