//! A mountain lake at sunset, drawn soft and grainy like a phone photo: the tray's one
//! JPEG, and the obvious "harmless holiday picture".

use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, Transform, pt};
use crate::samples::noise::fractal_noise;
use crate::samples::shapes::Path;

const SHORE: f32 = 290.0;
const SUN: Point = pt(410.0, 228.0);

pub fn draw(c: &mut Canvas) {
    let sky = [
        (0.0, Colour::hex(0x1F2A58)),
        (0.35, Colour::hex(0x5B4F86)),
        (0.7, Colour::hex(0xE07C62)),
        (1.0, Colour::hex(0xFFCF86)),
    ];
    c.fill_all(Paint::linear(pt(0.0, 0.0), pt(0.0, SHORE), &sky));
    // Long thin clouds catching the light, fading out above and below their band.
    for i in 0..24 {
        let y = 30.0 + i as f32 * 8.0;
        let fade = 1.0 - ((i as f32 - 11.5) / 12.0).abs();
        c.fill(
            &Path::new().rect(0.0, y, 640.0, 8.0),
            Paint::Noise {
                low: Colour::hex(0xF7A58C).alpha(0.0),
                high: Colour::hex(0xFBBCA4).alpha(0.6 * fade),
                cell: (220.0, 26.0),
                seed: 7,
            },
        );
    }
    c.fill(
        &Path::new().circle(SUN, 190.0),
        Paint::radial(
            SUN,
            190.0,
            &[
                (0.0, Colour::hex(0xFFF0C0).alpha(0.8)),
                (0.2, Colour::hex(0xFFD490).alpha(0.35)),
                (1.0, Colour::hex(0xFFC080).alpha(0.0)),
            ],
        ),
    );
    c.fill(&Path::new().circle(SUN, 24.0), Colour::hex(0xFFF8E2));

    // The landscape above the waterline, then its reflection, darker and a little blurred
    // by ripples.
    landscape(c);
    c.fill(
        &Path::new().rect(0.0, SHORE, 640.0, 480.0 - SHORE),
        Paint::linear(
            pt(0.0, SHORE),
            pt(0.0, 480.0),
            &[
                (0.0, Colour::hex(0xE8A070)),
                (0.3, Colour::hex(0x8A5E7A)),
                (1.0, Colour::hex(0x1E2548)),
            ],
        ),
    );
    let mirror = Transform::scale(1.0, -0.9).then(Transform::translate(0.0, SHORE * 1.9));
    c.with(mirror, landscape);
    c.fill(
        &Path::new().rect(0.0, SHORE, 640.0, 480.0 - SHORE),
        Colour::hex(0x1A2040).alpha(0.35),
    );
    c.fill(
        &Path::new().rect(0.0, SHORE, 640.0, 480.0 - SHORE),
        Paint::Noise {
            low: Colour::hex(0x0E1230).alpha(0.0),
            high: Colour::hex(0xFFD8A8).alpha(0.35),
            cell: (160.0, 3.0),
            seed: 11,
        },
    );
    // The sun's path across the water: short bright dashes, wider nearer the shore.
    let mut glitter = Path::new();
    for i in 0..90 {
        let depth = fractal_noise(i as f32 * 0.91, 0.5, 23, 1);
        let y = SHORE + 3.0 + depth * depth * 185.0;
        let spread = 8.0 + (y - SHORE) * 0.45;
        let across = fractal_noise(i as f32 * 1.37, 4.5, 29, 1) - 0.5;
        let len = 3.0 + spread * 0.5 * fractal_noise(i as f32 * 2.11, 8.5, 31, 1);
        glitter = glitter.ellipse(pt(SUN.x + across * spread * 1.6, y), len, 0.9);
    }
    c.fill(&glitter, Colour::hex(0xFFF1C8).alpha(0.7));
    c.fill(
        &Path::new().rect(0.0, SHORE - 1.0, 640.0, 2.0),
        Colour::hex(0x2A2236).alpha(0.6),
    );
    c.grain(0.07, 5);
}

/// Three mountain ridges, farthest and palest first, then the dark wooded shore.
fn landscape(c: &mut Canvas) {
    let layers = [
        (Colour::hex(0x9A7FA8), 236.0, 110.0, 140.0, 1),
        (Colour::hex(0x66557F), 258.0, 70.0, 90.0, 2),
        (Colour::hex(0x3A3152), 278.0, 34.0, 60.0, 3),
    ];
    for (colour, base, height, cell, seed) in layers {
        let mut outline = vec![pt(-10.0, SHORE + 2.0)];
        for i in 0..=166 {
            let x = i as f32 * 4.0 - 10.0;
            // Sharpened noise gives peaks rather than rolling hills.
            let n = fractal_noise(x / cell, seed as f32 * 3.1, seed, 4);
            // A valley where the sun goes down.
            let valley = 0.3 + 0.7 * ((x - SUN.x).abs() / 170.0).min(1.0);
            outline.push(pt(x, base - height * valley * (n * n * 1.6)));
        }
        outline.push(pt(660.0, SHORE + 2.0));
        c.fill(&Path::new().polygon(&outline), colour);
    }
    // Pines along the shore.
    let mut pines = Path::new().rect(-10.0, SHORE - 8.0, 660.0, 10.0);
    for i in 0..80 {
        let x = i as f32 * 8.3 - 4.0;
        let h =
            14.0 + 26.0 * fractal_noise(x / 30.0, 9.0, 31, 2) + 8.0 * fractal_noise(x, 2.0, 37, 1);
        pines = pines.polygon(&[
            pt(x - h * 0.22, SHORE),
            pt(x, SHORE - h),
            pt(x + h * 0.22, SHORE),
        ]);
    }
    c.fill(&pines, Colour::hex(0x1C1A2A));
}
