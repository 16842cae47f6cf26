//! A bowl of noodle soup seen from the side and above: egg, sliced pork, fish cake,
//! seaweed and spring onion on the noodles, chopsticks resting on the rim.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, Transform, pt};
use crate::samples::shapes::{Path, Pen};

const RIM: Point = pt(320.0, 236.0);
const RIM_RX: f32 = 205.0;
const RIM_RY: f32 = 88.0;

pub fn draw(c: &mut Canvas) {
    // A wooden table with a soft grain.
    c.fill_all(Paint::Noise {
        low: Colour::hex(0x9A6234),
        high: Colour::hex(0xB9804C),
        cell: (420.0, 16.0),
        seed: 3,
    });
    shadow(c, pt(330.0, 404.0), 190.0, 40.0, 0.45);
    // The bowl's foot, then its outside, white with a blue band, under its rim.
    c.fill(
        &Path::new().ellipse(pt(RIM.x, 390.0), 74.0, 12.0),
        Colour::hex(0xBDB8AC),
    );
    let mut side = Pen::new(pt(RIM.x - RIM_RX, RIM.y));
    side.cubic(
        pt(RIM.x - RIM_RX + 10.0, 350.0),
        pt(RIM.x - 90.0, 392.0),
        pt(RIM.x, 394.0),
    )
    .cubic(
        pt(RIM.x + 90.0, 392.0),
        pt(RIM.x + RIM_RX - 10.0, 350.0),
        pt(RIM.x + RIM_RX, RIM.y),
    );
    c.fill(
        &Path::new().polygon(side.points()),
        Paint::linear(
            pt(RIM.x - RIM_RX, 0.0),
            pt(RIM.x + RIM_RX, 0.0),
            &[
                (0.0, Colour::hex(0xD9D6CE)),
                (0.4, Colour::hex(0xFAF8F2)),
                (1.0, Colour::hex(0xC9C5BB)),
            ],
        ),
    );
    let mut band = Pen::new(pt(RIM.x - 196.0, 280.0));
    band.quad(pt(RIM.x, 380.0), pt(RIM.x + 196.0, 280.0))
        .line(pt(RIM.x + 190.0, 300.0))
        .quad(pt(RIM.x, 398.0), pt(RIM.x - 190.0, 300.0));
    c.fill(&Path::new().polygon(band.points()), Colour::hex(0x2F5E9E));
    c.fill(
        &Path::new().ellipse(RIM, RIM_RX, RIM_RY),
        Colour::hex(0xF4F1EA),
    );
    // The broth.
    c.fill(
        &Path::new().ellipse(RIM, RIM_RX - 14.0, RIM_RY - 10.0),
        Paint::Radial {
            centre: pt(RIM.x - 40.0, RIM.y - 20.0),
            rx: 230.0,
            ry: 110.0,
            stops: vec![(0.0, Colour::hex(0xEDB865)), (1.0, Colour::hex(0xB9722E))],
        },
    );

    // Noodles: wavy strands in a heap, kept inside the broth.
    let mut noodles = Path::new();
    for i in 0..13 {
        let y = RIM.y - 34.0 + i as f32 * 6.5;
        let half = (RIM_RX - 40.0)
            * (1.0 - ((y - RIM.y) / (RIM_RY - 14.0)).powi(2))
                .max(0.0)
                .sqrt();
        let points: Vec<Point> = (0..=70)
            .map(|k| {
                let t = k as f32 / 70.0;
                let x = RIM.x - half + 2.0 * half * t;
                // A zigzag (triangle wave) two units either way, shifted from strand to
                // strand: the crinkle of ramen.
                let phase = (t * 14.0 + i as f32 * 1.1).fract();
                pt(x, y + 8.0 * (phase - 0.5).abs() - 2.0)
            })
            .collect();
        noodles = noodles.stroke(&points, 4.5);
    }
    c.fill(&noodles, Colour::hex(0xF5DE8E));

    // Seaweed standing at the back.
    c.with(
        Transform::rotate(-0.12).then(Transform::translate(222.0, 168.0)),
        |c| {
            c.fill(
                &Path::new().rect(0.0, 0.0, 56.0, 74.0),
                Colour::hex(0x1F2A1E),
            );
        },
    );
    c.with(
        Transform::rotate(0.08).then(Transform::translate(262.0, 164.0)),
        |c| {
            c.fill(
                &Path::new().rect(0.0, 0.0, 50.0, 70.0),
                Colour::hex(0x27352A),
            );
        },
    );
    // Two slices of pork.
    for (centre, r) in [(pt(390.0, 212.0), 44.0), (pt(440.0, 238.0), 38.0)] {
        c.fill(
            &Path::new().ellipse(centre, r, r * 0.55),
            Colour::hex(0x8C4A2E),
        );
        c.fill(
            &Path::new().ellipse(centre, r - 7.0, (r - 7.0) * 0.55),
            Colour::hex(0xE4B59A),
        );
        c.fill(
            &Path::new().ellipse(pt(centre.x - 4.0, centre.y + 1.0), r * 0.35, r * 0.18),
            Colour::hex(0xF3D9C8),
        );
    }
    // Half a boiled egg.
    c.with(
        Transform::rotate(-0.2).then(Transform::translate(250.0, 262.0)),
        |c| {
            c.fill(
                &Path::new().ellipse(pt(0.0, 0.0), 42.0, 28.0),
                Colour::hex(0xFFFDF6),
            );
            c.fill(
                &Path::new().ellipse(pt(0.0, 1.0), 22.0, 15.0),
                Colour::hex(0xF4A024),
            );
            c.fill(
                &Path::new().ellipse(pt(-3.0, -2.0), 12.0, 8.0),
                Colour::hex(0xFBC15A),
            );
        },
    );
    // A slice of fish cake with its pink swirl.
    let cake = pt(345.0, 272.0);
    c.fill(
        &Path::new().ellipse(cake, 30.0, 19.0),
        Colour::hex(0xFFFFFF),
    );
    let mut swirl = Pen::new(cake);
    swirl
        .arc(cake, 8.0, 5.0, 0.0, 3.0)
        .arc(cake, 16.0, 10.0, 3.0, 6.2)
        .arc(cake, 22.0, 13.5, 6.2, 9.0);
    c.fill(
        &Path::new().stroke(swirl.points(), 3.0),
        Colour::hex(0xE8667F),
    );
    // Spring onion rings.
    let mut onion = Path::new();
    for (x, y) in [
        (300.0, 215.0),
        (318.0, 226.0),
        (334.0, 208.0),
        (296.0, 236.0),
        (420.0, 276.0),
        (200.0, 226.0),
        (372.0, 252.0),
        (352.0, 236.0),
        (188.0, 250.0),
        (398.0, 290.0),
        (316.0, 300.0),
        (284.0, 292.0),
    ] {
        onion = onion.ring(pt(x, y), 6.0, 3.2);
    }
    c.fill(&onion, Colour::hex(0x6DBE45));
    // Chopsticks on the table in front.
    for (from, to) in [
        (pt(440.0, 452.0), pt(636.0, 380.0)),
        (pt(452.0, 464.0), pt(640.0, 398.0)),
    ] {
        c.fill(
            &Path::new().stroke(
                &[pt(from.x + 4.0, from.y + 6.0), pt(to.x + 4.0, to.y + 6.0)],
                9.0,
            ),
            Colour::hex(0x000000).alpha(0.2),
        );
        c.fill(&Path::new().stroke(&[from, to], 9.0), Colour::hex(0x3B2414));
    }
    // Steam.
    for x in [270.0, 330.0, 390.0] {
        let mut wisp = Pen::new(pt(x, 160.0));
        wisp.cubic(pt(x - 20.0, 130.0), pt(x + 20.0, 100.0), pt(x, 60.0));
        c.fill(
            &Path::new().stroke(wisp.points(), 8.0),
            Colour::hex(0xFFFFFF).alpha(0.35),
        );
    }
}
