//! An empty chair on a stage, with a medal on a ribbon laid across its seat: the chair
//! left empty for Liu Xiaobo, in prison, at the 2010 Nobel Peace Prize ceremony in Oslo.

use super::shadow;
use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::pt;
use crate::samples::shapes::{Path, Pen};

const WOOD: Colour = Colour::hex(0xC89B62);
const WOOD_DARK: Colour = Colour::hex(0x8E6537);
const CLOTH: Colour = Colour::hex(0x6F8FBF);
const CLOTH_DARK: Colour = Colour::hex(0x4F6D9C);
const FLOOR_LINE: f32 = 380.0;

pub fn draw(c: &mut Canvas) {
    // A deep blue backdrop, brightest behind the chair, with soft vertical folds.
    c.fill_all(Paint::radial(
        pt(320.0, 230.0),
        420.0,
        &[
            (0.0, Colour::hex(0x3A63A8)),
            (0.55, Colour::hex(0x1E3A70)),
            (1.0, Colour::hex(0x0C1A38)),
        ],
    ));
    for i in 0..12 {
        let x = i as f32 * 56.0 - 10.0;
        c.fill(
            &Path::new().rect(x, 0.0, 56.0, FLOOR_LINE),
            Paint::linear(
                pt(x, 0.0),
                pt(x + 56.0, 0.0),
                &[
                    (0.0, Colour::hex(0x000000).alpha(0.16)),
                    (0.45, Colour::hex(0xFFFFFF).alpha(0.05)),
                    (1.0, Colour::hex(0x000000).alpha(0.16)),
                ],
            ),
        );
    }
    // The stage floor.
    c.fill(
        &Path::new().rect(0.0, FLOOR_LINE, 640.0, 480.0 - FLOOR_LINE),
        Paint::linear(
            pt(0.0, FLOOR_LINE),
            pt(0.0, 480.0),
            &[(0.0, Colour::hex(0x5A3B26)), (1.0, Colour::hex(0x2E1D13))],
        ),
    );
    c.fill(
        &Path::new().rect(0.0, FLOOR_LINE - 3.0, 640.0, 5.0),
        Colour::hex(0x25160F),
    );
    // One spotlight from above, and the pool of light it makes around the chair.
    let beam = Path::new().polygon(&[
        pt(285.0, 0.0),
        pt(355.0, 0.0),
        pt(470.0, 430.0),
        pt(170.0, 430.0),
    ]);
    c.fill(
        &beam,
        Paint::linear(
            pt(0.0, 0.0),
            pt(0.0, 430.0),
            &[
                (0.0, Colour::hex(0xFFF6DD).alpha(0.16)),
                (0.8, Colour::hex(0xFFF6DD).alpha(0.06)),
                (1.0, Colour::hex(0xFFF6DD).alpha(0.0)),
            ],
        ),
    );
    c.fill(
        &Path::new().ellipse(pt(320.0, 428.0), 190.0, 36.0),
        Paint::Radial {
            centre: pt(320.0, 428.0),
            rx: 190.0,
            ry: 36.0,
            stops: vec![
                (0.0, Colour::hex(0xFFEBC4).alpha(0.55)),
                (0.7, Colour::hex(0xFFEBC4).alpha(0.25)),
                (1.0, Colour::hex(0xFFEBC4).alpha(0.0)),
            ],
        },
    );
    chair(c);
    medal(c);
}

fn chair(c: &mut Canvas) {
    shadow(c, pt(322.0, 426.0), 100.0, 12.0, 0.45);
    // Back legs, seen under the seat further away than the front ones.
    c.fill(
        &Path::new()
            .line(pt(268.0, 340.0), pt(270.0, 402.0), 8.0)
            .line(pt(372.0, 340.0), pt(370.0, 402.0), 8.0),
        WOOD_DARK,
    );
    // Backrest: a padded panel between two wooden posts.
    c.fill(
        &Path::new().rounded_rect(262.0, 132.0, 116.0, 176.0, 14.0),
        CLOTH,
    );
    c.fill(
        &Path::new().rounded_rect(272.0, 144.0, 96.0, 150.0, 10.0),
        CLOTH_DARK.alpha(0.35),
    );
    c.fill(
        &Path::new()
            .rounded_rect(252.0, 118.0, 13.0, 196.0, 5.0)
            .rounded_rect(375.0, 118.0, 13.0, 196.0, 5.0),
        WOOD,
    );
    c.fill(
        &Path::new().rounded_rect(250.0, 112.0, 140.0, 14.0, 6.0),
        WOOD,
    );
    // Seat: the padded top seen from a little above, then its front edge.
    c.fill(
        &Path::new().polygon(&[
            pt(256.0, 304.0),
            pt(384.0, 304.0),
            pt(404.0, 334.0),
            pt(236.0, 334.0),
        ]),
        CLOTH,
    );
    c.fill(
        &Path::new().polygon(&[
            pt(262.0, 306.0),
            pt(378.0, 306.0),
            pt(384.0, 314.0),
            pt(256.0, 314.0),
        ]),
        CLOTH_DARK.alpha(0.4),
    );
    c.fill(
        &Path::new().rounded_rect(232.0, 332.0, 176.0, 16.0, 4.0),
        WOOD,
    );
    // Front legs, tapering to the floor.
    for x in [244.0, 396.0] {
        c.fill(
            &Path::new().polygon(&[
                pt(x - 6.0, 346.0),
                pt(x + 6.0, 346.0),
                pt(x + 4.0, 428.0),
                pt(x - 4.0, 428.0),
            ]),
            WOOD,
        );
    }
}

/// A gold medal on a red ribbon, laid over the seat and hanging down its front.
fn medal(c: &mut Canvas) {
    let ribbon = Colour::hex(0xB3202A);
    let mut band = Pen::new(pt(292.0, 310.0));
    band.line(pt(314.0, 310.0))
        .line(pt(326.0, 372.0))
        .line(pt(308.0, 372.0));
    c.fill(&Path::new().polygon(band.points()), ribbon);
    let mut band = Pen::new(pt(348.0, 310.0));
    band.line(pt(326.0, 310.0))
        .line(pt(314.0, 372.0))
        .line(pt(332.0, 372.0));
    c.fill(&Path::new().polygon(band.points()), Colour::hex(0x8F1820));
    let centre = pt(320.0, 386.0);
    c.fill(
        &Path::new().circle(centre, 22.0),
        Paint::radial(
            pt(313.0, 378.0),
            30.0,
            &[
                (0.0, Colour::hex(0xFBE3A0)),
                (0.6, Colour::hex(0xD9A93F)),
                (1.0, Colour::hex(0x9C7121)),
            ],
        ),
    );
    c.fill(
        &Path::new().ring(centre, 17.0, 15.0),
        Colour::hex(0xA57A26).alpha(0.7),
    );
    // A profile in relief, as on the Nobel medals, suggested by one darker shape.
    let mut head = Pen::new(pt(316.0, 397.0));
    head.cubic(pt(310.0, 390.0), pt(311.0, 376.0), pt(321.0, 374.0))
        .cubic(pt(329.0, 373.0), pt(330.0, 382.0), pt(327.0, 385.0))
        .line(pt(329.0, 389.0))
        .line(pt(325.0, 390.0))
        .line(pt(325.0, 397.0));
    c.fill(
        &Path::new().polygon(head.points()),
        Colour::hex(0xB98A2E).alpha(0.8),
    );
}
