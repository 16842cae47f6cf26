//! A crowd at night holding up blank white sheets of paper: the "A4" or "white paper"
//! protests of November 2022 in China, where an empty page stood for everything that
//! could not be said.

use crate::samples::canvas::{Canvas, Colour, Paint};
use crate::samples::geometry::{Point, Transform, pt};
use crate::samples::shapes::{Path, Pen};

/// A sheet of A4 is √2 times taller than wide.
const A4_WIDTH: f32 = 62.0;
const A4_HEIGHT: f32 = A4_WIDTH * 1.414;

pub fn draw(c: &mut Canvas) {
    c.fill_all(Paint::linear(
        pt(0.0, 0.0),
        pt(0.0, 480.0),
        &[
            (0.0, Colour::hex(0x18233A)),
            (0.68, Colour::hex(0x4A5570)),
            (1.0, Colour::hex(0x39415A)),
        ],
    ));
    // Buildings across the street, with a few lit windows, and a street lamp's glow.
    let mut blocks = Path::new();
    for (x, w, top) in [
        (-10.0, 150.0, 90.0),
        (150.0, 120.0, 130.0),
        (280.0, 170.0, 70.0),
        (460.0, 190.0, 110.0),
    ] {
        blocks = blocks.rect(x, top, w - 6.0, 300.0);
    }
    c.fill(
        &blocks,
        Paint::linear(
            pt(0.0, 70.0),
            pt(0.0, 380.0),
            &[(0.0, Colour::hex(0x131A29)), (1.0, Colour::hex(0x2C344A))],
        ),
    );
    let mut windows = Path::new();
    for (x, y) in [
        (30.0, 120.0),
        (80.0, 160.0),
        (190.0, 170.0),
        (320.0, 100.0),
        (370.0, 150.0),
        (410.0, 110.0),
        (500.0, 140.0),
        (560.0, 180.0),
        (600.0, 130.0),
    ] {
        windows = windows.rect(x, y, 14.0, 18.0);
    }
    c.fill(&windows, Colour::hex(0xC9A868).alpha(0.55));
    let lamp = pt(118.0, 58.0);
    c.fill(
        &Path::new().circle(lamp, 170.0),
        Paint::radial(
            lamp,
            170.0,
            &[
                (0.0, Colour::hex(0xFFD9A0).alpha(0.45)),
                (0.25, Colour::hex(0xFFD9A0).alpha(0.14)),
                (1.0, Colour::hex(0xFFD9A0).alpha(0.0)),
            ],
        ),
    );
    c.fill(
        &Path::new()
            .line(pt(118.0, 62.0), pt(118.0, 330.0), 5.0)
            .line(pt(100.0, 58.0), pt(136.0, 58.0), 4.0),
        Colour::hex(0x0D1118),
    );
    c.fill(&Path::new().ellipse(lamp, 12.0, 5.0), Colour::hex(0xFFF1D2));

    // The back of the crowd, then the front; some hold a sheet up, most stand and watch.
    let back = [
        (20.0, None),
        (85.0, Some(-0.08)),
        (150.0, None),
        (215.0, None),
        (440.0, None),
        (500.0, Some(0.1)),
        (565.0, None),
        (625.0, None),
    ];
    for (x, sheet) in back {
        protester(c, pt(x, 352.0), 0.7, sheet);
    }
    let front = [
        (40.0, None),
        (175.0, Some(0.06)),
        (320.0, Some(-0.03)),
        (468.0, None),
        (600.0, Some(-0.12)),
    ];
    for (x, sheet) in front {
        protester(c, pt(x, 448.0), 0.95 + (x / 640.0) * 0.1, sheet);
    }
}

/// Someone seen from behind, shoulders centred on `at`; with `Some(tilt)` they hold a
/// blank sheet above their head, turned by `tilt` radians.
fn protester(c: &mut Canvas, at: Point, size: f32, sheet: Option<f32>) {
    c.with(
        Transform::scale(size, size).then(Transform::translate(at.x, at.y)),
        |c| {
            let body = Paint::linear(
                pt(0.0, -60.0),
                pt(0.0, 120.0),
                &[(0.0, Colour::hex(0x0F1218)), (1.0, Colour::hex(0x040507))],
            );
            let mut torso = Pen::new(pt(-46.0, 160.0));
            torso
                .cubic(pt(-46.0, 10.0), pt(-38.0, -8.0), pt(0.0, -10.0))
                .cubic(pt(38.0, -8.0), pt(46.0, 10.0), pt(46.0, 160.0));
            let mut figure = Path::new()
                .polygon(torso.points())
                .rect(-9.0, -30.0, 18.0, 24.0)
                .ellipse(pt(0.0, -44.0), 17.0, 20.0);
            if let Some(tilt) = sheet {
                // Both arms up, hands at the sheet's lower corners.
                let (left, right) = corners(tilt);
                figure = figure
                    .stroke(&[pt(-32.0, -2.0), pt(-42.0, -60.0), left], 13.0)
                    .stroke(&[pt(32.0, -2.0), pt(42.0, -60.0), right], 13.0);
            }
            c.fill(&figure, body);
            if let Some(tilt) = sheet {
                c.with(
                    Transform::rotate(tilt).then(Transform::translate(0.0, -150.0)),
                    |c| {
                        let page = Path::new().rect(
                            -A4_WIDTH / 2.0,
                            -A4_HEIGHT / 2.0,
                            A4_WIDTH,
                            A4_HEIGHT,
                        );
                        c.fill(
                            &page,
                            Paint::linear(
                                pt(0.0, -A4_HEIGHT / 2.0),
                                pt(0.0, A4_HEIGHT / 2.0),
                                &[(0.0, Colour::hex(0xFBFBF6)), (1.0, Colour::hex(0xDCDDD8))],
                            ),
                        );
                    },
                );
                let (left, right) = corners(tilt);
                c.fill(
                    &Path::new().circle(left, 7.5).circle(right, 7.5),
                    Colour::hex(0x2A2D33),
                );
            }
        },
    );
}

/// Where the hands grip the sheet: near its lower corners, after the tilt.
fn corners(tilt: f32) -> (Point, Point) {
    let turn = Transform::rotate(tilt).then(Transform::translate(0.0, -150.0));
    (
        turn.apply(pt(-A4_WIDTH / 2.0, A4_HEIGHT / 2.0 - 10.0)),
        turn.apply(pt(A4_WIDTH / 2.0, A4_HEIGHT / 2.0 - 10.0)),
    )
}
