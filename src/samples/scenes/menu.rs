//! A noodle shop's chalkboard menu: harmless Chinese in large chalk letters, which an OCR
//! reads as easily as the leaflet's and which completes no keyword combination.

use crate::samples::canvas::{Canvas, Colour};
use crate::samples::geometry::pt;
use crate::samples::lettering::{Align, write};
use crate::samples::shapes::Path;
use crate::samples::texts::{MENU_DISHES, MENU_TITLE};

pub fn draw(c: &mut Canvas) {
    // A wooden frame around a green board. Flat colours: texture would cost the tray's
    // thumbnail bytes that every first visit pays for.
    c.fill_all(Colour::hex(0x7A4E2A));
    c.fill(
        &Path::new().rect(26.0, 24.0, 588.0, 432.0),
        Colour::hex(0x2A4536),
    );
    let chalk = Colour::hex(0xF4F1E6);
    let yellow = Colour::hex(0xF2D16B);
    write(c, MENU_TITLE, 88.0, (320.0, 140.0), Align::Centre, chalk);
    c.fill(
        &Path::new().stroke(&[pt(150.0, 170.0), pt(490.0, 166.0)], 4.0),
        chalk.alpha(0.8),
    );
    for (i, (dish, price)) in MENU_DISHES.iter().enumerate() {
        let baseline = 250.0 + 76.0 * i as f32;
        write(c, dish, 54.0, (70.0, baseline), Align::Left, chalk);
        write(c, price, 54.0, (570.0, baseline), Align::Right, yellow);
    }
}
