//! A ginger cat sitting on a cushion, facing the viewer.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::pt;
use crate::samples::shapes::{Path, Pen};

const FUR: Colour = Colour::hex(0xE8913A);
const FUR_LIGHT: Colour = Colour::hex(0xF8D3A0);
const STRIPE: Colour = Colour::hex(0xC06A22);
const INK: Colour = Colour::hex(0x3A2416);

pub fn draw(c: &mut Canvas) {
    // A warm room: plain wall, a window's patch of light, wooden floor.
    c.fill_all(Colour::hex(0xF1E2C6));
    c.fill(
        &Path::new().rect(430.0, 40.0, 160.0, 190.0),
        Colour::hex(0xFFF6E4),
    );
    c.fill(
        &Path::new().rect(430.0, 40.0, 160.0, 190.0).polygon_hole(&[
            pt(438.0, 48.0),
            pt(582.0, 48.0),
            pt(582.0, 222.0),
            pt(438.0, 222.0),
        ]),
        Colour::hex(0xE2CCA6),
    );
    c.fill(
        &Path::new()
            .rect(506.0, 44.0, 8.0, 182.0)
            .rect(434.0, 131.0, 152.0, 8.0),
        Colour::hex(0xE2CCA6),
    );
    c.fill(
        &Path::new().rect(0.0, 372.0, 640.0, 108.0),
        Paint::linear(
            pt(0.0, 372.0),
            pt(0.0, 480.0),
            &[(0.0, Colour::hex(0xC89A66)), (1.0, Colour::hex(0xA87A4A))],
        ),
    );
    for x in [90.0, 250.0, 410.0, 570.0] {
        c.fill(
            &Path::new().line(pt(x, 372.0), pt(x - 30.0, 480.0), 2.0),
            Colour::hex(0x9A6E40),
        );
    }
    // The cushion.
    shadow(c, pt(320.0, 440.0), 175.0, 22.0, 0.35);
    c.fill(
        &Path::new().rounded_rect(160.0, 378.0, 320.0, 60.0, 28.0),
        Colour::hex(0x3F8E93),
    );
    c.fill(
        &Path::new().rounded_rect(172.0, 382.0, 296.0, 22.0, 11.0),
        Colour::hex(0x5BAAAE),
    );

    // Tail curling round the right side.
    let mut tail = Pen::new(pt(370.0, 398.0));
    tail.cubic(pt(440.0, 405.0), pt(470.0, 370.0), pt(448.0, 318.0));
    c.fill(&Path::new().stroke(tail.points(), 24.0), FUR);
    c.fill(
        &Path::new().stroke(&tail.points()[tail.points().len() - 5..], 24.0),
        STRIPE,
    );
    // Body: a pear shape, with a pale chest.
    let mut body = Pen::new(pt(320.0, 222.0));
    body.cubic(pt(380.0, 222.0), pt(410.0, 330.0), pt(400.0, 392.0))
        .cubic(pt(395.0, 408.0), pt(245.0, 408.0), pt(240.0, 392.0))
        .cubic(pt(230.0, 330.0), pt(260.0, 222.0), pt(320.0, 222.0));
    c.fill(&Path::new().polygon(body.points()), FUR);
    for (a, b, d) in [
        (pt(252.0, 310.0), pt(272.0, 318.0), pt(258.0, 332.0)),
        (pt(388.0, 310.0), pt(368.0, 318.0), pt(382.0, 332.0)),
    ] {
        let mut stripe = Pen::new(a);
        stripe.quad(b, d);
        c.fill(&Path::new().stroke(stripe.points(), 7.0), STRIPE);
    }
    c.fill(
        &Path::new().ellipse(pt(320.0, 300.0), 40.0, 62.0),
        FUR_LIGHT,
    );
    // Front legs and paws.
    c.fill(
        &Path::new()
            .rounded_rect(282.0, 310.0, 30.0, 92.0, 14.0)
            .rounded_rect(328.0, 310.0, 30.0, 92.0, 14.0),
        FUR,
    );
    c.fill(
        &Path::new()
            .ellipse(pt(296.0, 399.0), 19.0, 11.0)
            .ellipse(pt(344.0, 399.0), 19.0, 11.0),
        FUR_LIGHT,
    );
    c.fill(
        &Path::new().line(pt(320.0, 330.0), pt(320.0, 402.0), 2.5),
        STRIPE,
    );

    // Head: ears, a wide face, pale muzzle.
    for side in [-1.0f32, 1.0] {
        let x = |dx: f32| 320.0 + side * dx;
        c.fill(
            &Path::new().polygon(&[pt(x(22.0), 150.0), pt(x(70.0), 98.0), pt(x(78.0), 178.0)]),
            FUR,
        );
        c.fill(
            &Path::new().polygon(&[pt(x(36.0), 150.0), pt(x(66.0), 116.0), pt(x(70.0), 166.0)]),
            Colour::hex(0xF2A7A0),
        );
    }
    c.fill(&Path::new().ellipse(pt(320.0, 200.0), 84.0, 66.0), FUR);
    for dx in [-14.0, 0.0, 14.0] {
        c.fill(
            &Path::new().stroke(&[pt(320.0 + dx, 138.0), pt(320.0 + dx * 1.2, 158.0)], 6.0),
            STRIPE,
        );
    }
    c.fill(
        &Path::new()
            .ellipse(pt(304.0, 232.0), 22.0, 17.0)
            .ellipse(pt(336.0, 232.0), 22.0, 17.0),
        FUR_LIGHT,
    );
    // Eyes: green, with tall pupils and a glint.
    for x in [288.0, 352.0] {
        c.fill(
            &Path::new().ellipse(pt(x, 196.0), 16.0, 18.0),
            Colour::hex(0x9CC23C),
        );
        c.fill(
            &Path::new().ellipse(pt(x, 196.0), 4.5, 14.0),
            Colour::hex(0x17140F),
        );
        c.fill(
            &Path::new().circle(pt(x + 5.0, 189.0), 3.5),
            Colour::hex(0xFFFFFF),
        );
    }
    // Nose, mouth and whiskers.
    c.fill(
        &Path::new().polygon(&[pt(311.0, 220.0), pt(329.0, 220.0), pt(320.0, 230.0)]),
        Colour::hex(0xE27A7A),
    );
    let mut mouth = Pen::new(pt(306.0, 240.0));
    mouth
        .quad(pt(314.0, 246.0), pt(320.0, 236.0))
        .quad(pt(326.0, 246.0), pt(334.0, 240.0));
    c.fill(
        &Path::new()
            .stroke(&[pt(320.0, 229.0), pt(320.0, 237.0)], 2.2)
            .stroke(mouth.points(), 2.2),
        INK,
    );
    let mut whiskers = Path::new();
    for (i, dy) in [-6.0f32, 2.0, 10.0].iter().enumerate() {
        let spread = i as f32 * 9.0 - 9.0;
        whiskers = whiskers
            .stroke(
                &[pt(290.0, 234.0 + dy), pt(215.0, 226.0 + dy + spread)],
                1.8,
            )
            .stroke(
                &[pt(350.0, 234.0 + dy), pt(425.0, 226.0 + dy + spread)],
                1.8,
            );
    }
    c.fill(&whiskers, Colour::hex(0xFFFBF2));
}
