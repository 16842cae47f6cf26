//! A birthday cake with lit candles in a dimmed room: small flames in the dark, the
//! deliberate near-miss for the candlelight vigil.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, pt};
use crate::samples::shapes::{Path, Pen};

const TOP: Point = pt(320.0, 250.0);
const RX: f32 = 150.0;
const RY: f32 = 40.0;
const DEPTH: f32 = 112.0;

pub fn draw(c: &mut Canvas) {
    c.fill_all(Paint::radial(
        pt(320.0, 230.0),
        460.0,
        &[
            (0.0, Colour::hex(0x5A3A3A)),
            (0.5, Colour::hex(0x34222A)),
            (1.0, Colour::hex(0x1A1219)),
        ],
    ));
    // Bunting strung across the wall.
    let mut string = Pen::new(pt(-10.0, 40.0));
    string.quad(pt(320.0, 130.0), pt(650.0, 40.0));
    c.fill(
        &Path::new().stroke(string.points(), 2.0),
        Colour::hex(0x8A7468),
    );
    let colours = [0xB5525E, 0xD9A441, 0x4D8A8C, 0x8B5FA0];
    let points = string.points();
    for i in 0..11 {
        let a = points[1 + i * 2];
        let b = points[2 + i * 2];
        let tip = pt((a.x + b.x) / 2.0, (a.y + b.y) / 2.0 + 30.0);
        c.fill(
            &Path::new().polygon(&[a, b, tip]),
            Colour::hex(colours[i % 4]).alpha(0.8),
        );
    }
    // Table and plate.
    c.fill(
        &Path::new().rect(0.0, 330.0, 640.0, 150.0),
        Paint::linear(
            pt(0.0, 330.0),
            pt(0.0, 480.0),
            &[(0.0, Colour::hex(0x6B3A48)), (1.0, Colour::hex(0x3A1F29))],
        ),
    );
    shadow(c, pt(320.0, 392.0), 210.0, 34.0, 0.4);
    c.fill(
        &Path::new().ellipse(pt(320.0, 376.0), 200.0, 44.0),
        Colour::hex(0xD8D4D6),
    );
    c.fill(
        &Path::new().ellipse(pt(320.0, 372.0), 170.0, 34.0),
        Colour::hex(0xEDEAEC),
    );

    // The cake: sponge side, pink icing dripping over its top edge.
    let bottom = TOP.y + DEPTH;
    c.fill(
        &Path::new()
            .rect(TOP.x - RX, TOP.y, 2.0 * RX, DEPTH)
            .ellipse(pt(TOP.x, bottom), RX, RY),
        Paint::linear(
            pt(TOP.x - RX, 0.0),
            pt(TOP.x + RX, 0.0),
            &[
                (0.0, Colour::hex(0xC9966A)),
                (0.45, Colour::hex(0xF6D6A8)),
                (1.0, Colour::hex(0xB9865C)),
            ],
        ),
    );
    c.fill(
        &Path::new().rect(TOP.x - RX, TOP.y + 58.0, 2.0 * RX, 9.0),
        Colour::hex(0xF4EEE4).alpha(0.9),
    );
    let mut icing = Pen::new(pt(TOP.x - RX, TOP.y));
    let drips = 9;
    for i in 0..drips {
        let t0 = i as f32 / drips as f32;
        let t1 = (i as f32 + 1.0) / drips as f32;
        let x0 = TOP.x - RX + 2.0 * RX * t0;
        let x1 = TOP.x - RX + 2.0 * RX * t1;
        let rim = |x: f32| TOP.y + RY * (1.0 - ((x - TOP.x) / RX).powi(2)).max(0.0).sqrt();
        let depth = 18.0 + 22.0 * ((i * 5 % 7) as f32 / 6.0);
        let mid = (x0 + x1) / 2.0;
        icing.line(pt(x0 + 4.0, rim(x0 + 4.0) + 4.0)).cubic(
            pt(mid - 10.0, rim(mid) + depth),
            pt(mid + 10.0, rim(mid) + depth),
            pt(x1 - 4.0, rim(x1 - 4.0) + 4.0),
        );
    }
    icing
        .line(pt(TOP.x + RX, TOP.y))
        .arc(TOP, RX, RY, 0.0, -std::f32::consts::PI);
    c.fill(&Path::new().polygon(icing.points()), Colour::hex(0xF08BA8));
    c.fill(
        &Path::new().ellipse(TOP, RX - 8.0, RY - 5.0),
        Colour::hex(0xF7A8BF),
    );
    // Strawberries round the edge and sprinkles.
    for i in 0..8 {
        let angle = std::f32::consts::PI * (0.08 + 0.84 * i as f32 / 7.0);
        let p = crate::samples::geometry::on_ellipse(TOP, RX - 22.0, RY - 12.0, angle);
        c.fill(&Path::new().ellipse(p, 11.0, 9.0), Colour::hex(0xD6283C));
        c.fill(
            &Path::new().ellipse(pt(p.x, p.y - 7.0), 6.0, 2.5),
            Colour::hex(0x4E9A3A),
        );
    }
    let mut sprinkles = Path::new();
    for i in 0..30 {
        let angle = i as f32 * 2.4;
        let r = 0.25 + 0.5 * ((i * 7 % 11) as f32 / 10.0);
        let p = crate::samples::geometry::on_ellipse(TOP, (RX - 40.0) * r, (RY - 16.0) * r, angle);
        sprinkles = sprinkles.line(p, pt(p.x + 5.0, p.y + 1.5 * (i % 3) as f32 - 1.5), 2.5);
    }
    c.fill(&sprinkles, Colour::hex(0xFFF4C2));

    // Candles, each a striped stick with its flame and a soft halo.
    for (x, y) in [
        (260.0, 238.0),
        (300.0, 228.0),
        (340.0, 228.0),
        (380.0, 238.0),
        (285.0, 256.0),
        (355.0, 256.0),
    ] {
        candle(c, pt(x, y));
    }
}

fn candle(c: &mut Canvas, base: Point) {
    let (w, h) = (10.0, 52.0);
    c.fill(
        &Path::new().rect(base.x - w / 2.0, base.y - h, w, h),
        Colour::hex(0xF7F2EA),
    );
    let mut stripes = Path::new();
    for k in 0..4 {
        let y = base.y - h + 6.0 + k as f32 * 13.0;
        stripes = stripes.polygon(&[
            pt(base.x - w / 2.0, y),
            pt(base.x + w / 2.0, y - 5.0),
            pt(base.x + w / 2.0, y + 1.0),
            pt(base.x - w / 2.0, y + 6.0),
        ]);
    }
    c.fill(&stripes, Colour::hex(0x4A9BD0));
    let tip = pt(base.x, base.y - h);
    let warm = Colour::hex(0xFFB24A);
    c.fill(
        &Path::new().circle(pt(tip.x, tip.y - 10.0), 34.0),
        Paint::radial(
            pt(tip.x, tip.y - 10.0),
            34.0,
            &[(0.0, warm.alpha(0.4)), (1.0, warm.alpha(0.0))],
        ),
    );
    c.fill(
        &Path::new().line(tip, pt(tip.x, tip.y - 5.0), 1.5),
        Colour::hex(0x222222),
    );
    let mut flame = Pen::new(pt(tip.x, tip.y - 26.0));
    flame
        .cubic(
            pt(tip.x + 6.0, tip.y - 14.0),
            pt(tip.x + 7.0, tip.y - 3.0),
            pt(tip.x, tip.y - 2.0),
        )
        .cubic(
            pt(tip.x - 7.0, tip.y - 3.0),
            pt(tip.x - 6.0, tip.y - 14.0),
            pt(tip.x, tip.y - 26.0),
        );
    c.fill(&Path::new().polygon(flame.points()), Colour::hex(0xFF9F2E));
    c.fill(
        &Path::new().ellipse(pt(tip.x, tip.y - 9.0), 2.8, 5.5),
        Colour::hex(0xFFF6C8),
    );
}
