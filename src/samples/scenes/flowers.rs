//! A vase of bright flowers on a table against a plain wall.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, on_ellipse, pt};
use crate::samples::shapes::{Path, Pen};
use std::f32::consts::TAU;

const STEM: Colour = Colour::hex(0x4E8F3A);

pub fn draw(c: &mut Canvas) {
    c.fill_all(Paint::linear(
        pt(0.0, 0.0),
        pt(0.0, 360.0),
        &[(0.0, Colour::hex(0xDCEBD9)), (1.0, Colour::hex(0xF3F1DE))],
    ));
    c.fill(
        &Path::new().rect(0.0, 360.0, 640.0, 120.0),
        Paint::linear(
            pt(0.0, 360.0),
            pt(0.0, 480.0),
            &[(0.0, Colour::hex(0xE0B883)), (1.0, Colour::hex(0xC4945E))],
        ),
    );
    c.fill(
        &Path::new().rect(0.0, 360.0, 640.0, 4.0),
        Colour::hex(0xB98A55),
    );
    shadow(c, pt(330.0, 402.0), 90.0, 14.0, 0.4);

    // Flower heads: where they are, colour of the petals and heart, size, petal count.
    let heads = [
        (pt(206.0, 150.0), 0xF06C9B, 0xFFD84D, 46.0, 10),
        (pt(318.0, 92.0), 0xF7C631, 0x8A5A1E, 52.0, 14),
        (pt(436.0, 140.0), 0xF28C38, 0xFFF0A8, 44.0, 8),
        (pt(268.0, 214.0), 0xFFFFFF, 0xF5B82E, 36.0, 12),
        (pt(384.0, 210.0), 0x9C6BD3, 0xFFE27A, 38.0, 9),
        (pt(160.0, 238.0), 0xE8413C, 0x3A1D14, 32.0, 7),
        (pt(486.0, 236.0), 0xFF9EC0, 0xFFFFFF, 32.0, 11),
    ];
    // Stems from the vase's mouth to each head, with a leaf half-way.
    let mouth = pt(320.0, 272.0);
    let mut stems = Path::new();
    let mut leaves = Path::new();
    for (i, &(head, ..)) in heads.iter().enumerate() {
        let from = pt(mouth.x + (head.x - mouth.x) * 0.08, mouth.y + 10.0);
        let mut stem = Pen::new(from);
        stem.quad(
            pt(from.x + (head.x - from.x) * 0.2, (from.y + head.y) / 2.0),
            head,
        );
        stems = stems.stroke(stem.points(), 5.0);
        let mid = stem.points()[stem.points().len() / 2];
        let side = if i % 2 == 0 { 1.0 } else { -1.0 };
        leaves = leaves.rotated_ellipse(pt(mid.x + side * 16.0, mid.y), 20.0, 7.0, side * -0.6);
    }
    c.fill(&stems, STEM);
    c.fill(&leaves, Colour::hex(0x5FA647));
    for (centre, petals, heart, size, count) in heads {
        flower(
            c,
            centre,
            Colour::hex(petals),
            Colour::hex(heart),
            size,
            count,
        );
    }

    // The vase: a round blue jug with a white band.
    let mut vase = Pen::new(pt(294.0, 268.0));
    vase.line(pt(346.0, 268.0))
        .cubic(pt(346.0, 290.0), pt(392.0, 300.0), pt(390.0, 344.0))
        .cubic(pt(388.0, 382.0), pt(362.0, 398.0), pt(320.0, 398.0))
        .cubic(pt(278.0, 398.0), pt(252.0, 382.0), pt(250.0, 344.0))
        .cubic(pt(248.0, 300.0), pt(294.0, 290.0), pt(294.0, 268.0));
    c.fill(
        &Path::new().polygon(vase.points()),
        Paint::linear(
            pt(250.0, 0.0),
            pt(390.0, 0.0),
            &[
                (0.0, Colour::hex(0x2F5E9E)),
                (0.4, Colour::hex(0x5B8FD0)),
                (1.0, Colour::hex(0x24497D)),
            ],
        ),
    );
    c.fill(
        &Path::new().ellipse(pt(320.0, 268.0), 27.0, 6.0),
        Colour::hex(0x1C3A66),
    );
    let mut band = Pen::new(pt(254.0, 330.0));
    band.quad(pt(320.0, 345.0), pt(386.0, 330.0))
        .line(pt(388.0, 342.0))
        .quad(pt(320.0, 358.0), pt(252.0, 342.0));
    c.fill(&Path::new().polygon(band.points()), Colour::hex(0xF4F1E6));
}

/// A round flower: `count` petals around a heart.
fn flower(c: &mut Canvas, centre: Point, petal: Colour, heart: Colour, size: f32, count: usize) {
    let mut petals = Path::new();
    for k in 0..count {
        let angle = TAU * k as f32 / count as f32;
        petals = petals.rotated_ellipse(
            on_ellipse(centre, size * 0.55, size * 0.55, angle),
            size * 0.5,
            size * 0.22,
            angle,
        );
    }
    c.fill(&petals, petal);
    // A faint darker line down each petal gives it some form.
    let mut veins = Path::new();
    for k in 0..count {
        let angle = TAU * k as f32 / count as f32;
        veins = veins.line(
            on_ellipse(centre, size * 0.3, size * 0.3, angle),
            on_ellipse(centre, size * 0.85, size * 0.85, angle),
            1.5,
        );
    }
    c.fill(&veins, Colour::hex(0x000000).alpha(0.08));
    c.fill(&Path::new().circle(centre, size * 0.3), heart);
    c.fill(
        &Path::new().circle(
            pt(centre.x - size * 0.08, centre.y - size * 0.08),
            size * 0.12,
        ),
        Colour::hex(0xFFFFFF).alpha(0.25),
    );
}
