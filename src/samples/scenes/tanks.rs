//! A column of tanks halted before one standing man with two shopping bags (Beijing,
//! 5 June 1989): the best-known picture of the crackdown, drawn as a flat illustration.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Transform, pt};
use crate::samples::shapes::{Path, Pen};

const OLIVE: Colour = Colour::hex(0x5E6A3F);
const OLIVE_DARK: Colour = Colour::hex(0x47512F);
const OLIVE_LIGHT: Colour = Colour::hex(0x76834F);
const TRACK: Colour = Colour::hex(0x2C2F28);
const WHEEL: Colour = Colour::hex(0x575B4E);

pub fn draw(c: &mut Canvas) {
    // Hazy sky over a wide avenue seen from above and to the side.
    c.fill_all(Paint::linear(
        pt(0.0, 0.0),
        pt(0.0, 175.0),
        &[(0.0, Colour::hex(0xB9BAB2)), (1.0, Colour::hex(0xDCD8CC))],
    ));
    // Distant buildings along the far side.
    let blocks = [
        (0.0, 32.0),
        (70.0, 45.0),
        (150.0, 28.0),
        (215.0, 52.0),
        (300.0, 38.0),
        (380.0, 58.0),
        (470.0, 34.0),
        (540.0, 47.0),
    ];
    let mut skyline = Path::new();
    for (i, &(x, h)) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1).map_or(640.0, |b| b.0);
        skyline = skyline.rect(x, 175.0 - h, next - x, h);
    }
    c.fill(&skyline, Colour::hex(0xA7A79F));
    c.fill(
        &Path::new().rect(0.0, 168.0, 640.0, 10.0),
        Colour::hex(0x8F9088),
    );
    // The road surface, lighter towards the far side.
    c.fill(
        &Path::new().rect(0.0, 176.0, 640.0, 304.0),
        Paint::linear(
            pt(0.0, 176.0),
            pt(0.0, 480.0),
            &[(0.0, Colour::hex(0xA19E96)), (1.0, Colour::hex(0x8A8780))],
        ),
    );
    // Lane markings run with the column towards the far right.
    let slope = -0.46;
    for (base_y, width) in [(450.0, 4.0), (330.0, 3.0)] {
        let mut x = -20.0;
        while x < 660.0 {
            let len = 46.0 - x * 0.04;
            let p0 = pt(x, base_y + slope * x);
            let p1 = pt(x + len, base_y + slope * (x + len));
            x += len * 1.9;
            if p1.y < 190.0 {
                continue;
            }
            c.fill(
                &Path::new().line(p0, p1, width * (1.0 - x / 1400.0)),
                Colour::hex(0xE9E6DD),
            );
        }
    }
    // Street lamps along the far kerb.
    for (x, scale) in [(40.0, 1.0), (250.0, 0.8), (430.0, 0.65)] {
        let base = 182.0 + 4.0 * scale;
        let top = base - 120.0 * scale;
        c.fill(
            &Path::new().line(pt(x, base), pt(x, top), 3.0 * scale),
            Colour::hex(0x6F6E68),
        );
        c.fill(
            &Path::new().line(
                pt(x - 16.0 * scale, top),
                pt(x + 16.0 * scale, top),
                3.0 * scale,
            ),
            Colour::hex(0x6F6E68),
        );
        for dx in [-16.0, 16.0] {
            c.fill(
                &Path::new().ellipse(
                    pt(x + dx * scale, top + 4.0 * scale),
                    5.0 * scale,
                    3.5 * scale,
                ),
                Colour::hex(0xF1EEE2),
            );
        }
    }

    // The column, farthest first so nearer tanks overlap it.
    for &(x, ground, scale) in [
        (572.0, 224.0, 0.42),
        (512.0, 262.0, 0.6),
        (430.0, 316.0, 0.85),
        (290.0, 396.0, 1.25),
    ]
    .iter()
    {
        c.with(
            Transform::scale(scale, scale).then(Transform::translate(x, ground)),
            tank,
        );
    }
    // The man, standing alone in front of the leading tank's gun.
    c.with(
        Transform::scale(1.25, 1.25).then(Transform::translate(118.0, 410.0)),
        man,
    );
}

/// A battle tank in profile facing left, 200 units long, standing on y = 0.
fn tank(c: &mut Canvas) {
    shadow(c, pt(100.0, 2.0), 118.0, 12.0, 0.35);
    // Tracks and road wheels.
    c.fill(
        &Path::new().rounded_rect(4.0, -36.0, 192.0, 36.0, 18.0),
        TRACK,
    );
    for i in 0..6 {
        let centre = pt(30.0 + 28.0 * i as f32, -15.0);
        c.fill(&Path::new().circle(centre, 11.5), WHEEL);
        c.fill(&Path::new().circle(centre, 4.0), TRACK);
    }
    c.fill(
        &Path::new()
            .circle(pt(184.0, -18.0), 9.0)
            .circle(pt(16.0, -18.0), 8.0),
        WHEEL,
    );
    // Hull with its sloped front, and the fender over the tracks.
    c.fill(
        &Path::new().polygon(&[
            pt(-6.0, -44.0),
            pt(202.0, -44.0),
            pt(200.0, -66.0),
            pt(34.0, -70.0),
            pt(-6.0, -54.0),
        ]),
        OLIVE,
    );
    c.fill(&Path::new().rect(-6.0, -46.0, 208.0, 7.0), OLIVE_DARK);
    c.fill(
        &Path::new().polygon(&[
            pt(-6.0, -54.0),
            pt(34.0, -70.0),
            pt(60.0, -69.0),
            pt(8.0, -52.0),
        ]),
        OLIVE_LIGHT,
    );
    // Turret: a low dome set towards the rear, with a hatch on top.
    let mut turret = Pen::new(pt(64.0, -68.0));
    turret.cubic(pt(70.0, -100.0), pt(150.0, -104.0), pt(174.0, -68.0));
    c.fill(&Path::new().polygon(turret.points()), OLIVE);
    let mut light = Pen::new(pt(72.0, -74.0));
    light
        .cubic(pt(80.0, -96.0), pt(130.0, -100.0), pt(150.0, -90.0))
        .line(pt(110.0, -84.0));
    c.fill(&Path::new().polygon(light.points()), OLIVE_LIGHT.alpha(0.6));
    c.fill(
        &Path::new().rounded_rect(118.0, -104.0, 26.0, 9.0, 3.0),
        OLIVE_DARK,
    );
    // The gun, pointing ahead.
    c.fill(
        &Path::new().line(pt(76.0, -84.0), pt(-92.0, -82.0), 7.0),
        OLIVE_DARK,
    );
    c.fill(
        &Path::new().line(pt(-28.0, -82.8), pt(-52.0, -82.5), 11.0),
        OLIVE_DARK,
    );
    c.fill(
        &Path::new().rounded_rect(62.0, -92.0, 18.0, 16.0, 4.0),
        OLIVE_DARK,
    );
}

/// A man seen from the side and behind, 90 units tall, feet on y = 0.
fn man(c: &mut Canvas) {
    shadow(c, pt(0.0, 1.0), 22.0, 4.0, 0.4);
    let trousers = Colour::hex(0x1E1E22);
    let shirt = Colour::hex(0xF5F3EC);
    let bag = Colour::hex(0xE3E1D8);
    c.fill(
        &Path::new()
            .stroke(&[pt(-3.0, -44.0), pt(-5.0, -2.0)], 9.0)
            .stroke(&[pt(4.0, -44.0), pt(6.0, -2.0)], 9.0),
        trousers,
    );
    c.fill(
        &Path::new()
            .rounded_rect(-6.0 - 4.0, -4.0, 10.0, 5.0, 2.0)
            .rounded_rect(2.0, -4.0, 10.0, 5.0, 2.0),
        trousers,
    );
    // Shirt, arms hanging down a little way from the body, each hand holding a bag.
    c.fill(
        &Path::new()
            .stroke(&[pt(-11.0, -74.0), pt(-17.0, -50.0)], 6.5)
            .stroke(&[pt(11.0, -74.0), pt(17.0, -50.0)], 6.5),
        shirt,
    );
    c.fill(
        &Path::new().rounded_rect(-12.0, -80.0, 24.0, 40.0, 6.0),
        shirt,
    );
    c.fill(
        &Path::new()
            .circle(pt(-17.5, -48.0), 3.2)
            .circle(pt(17.5, -48.0), 3.2),
        Colour::hex(0xC49A78),
    );
    for side in [-1.0f32, 1.0] {
        let x = side * 18.0;
        c.fill(
            &Path::new().stroke(&[pt(x, -47.0), pt(x + side * 2.0, -38.0)], 1.6),
            Colour::hex(0x9E9C94),
        );
        c.fill(
            &Path::new().rounded_rect(x - 5.0 + side * 4.0, -39.0, 10.0, 15.0, 2.5),
            bag,
        );
    }
    c.fill(
        &Path::new().rect(-4.0, -84.0, 8.0, 6.0),
        Colour::hex(0xC49A78),
    );
    c.fill(
        &Path::new().ellipse(pt(0.0, -90.0), 7.5, 8.5),
        Colour::hex(0x211A16),
    );
}
