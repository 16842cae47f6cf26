//! A protest leaflet calling people to a 4 June vigil, in large type an OCR reads easily,
//! and the same leaflet camouflaged: its ink recoloured to the luminosity of its paper, as in
//! the Citizen Lab's OCR tests (docs/sources.md §4.4). In colour the words are plain to see;
//! in luminosity greyscale, where WeChat's OCR and visual filter start, the page is blank.

use crate::samples::canvas::{Canvas, Colour};
use crate::samples::geometry::{Point, pt};
use crate::samples::lettering::{Align, write};
use crate::samples::shapes::Path;
use crate::samples::texts::LEAFLET_LINES;

/// The plain leaflet: near-black ink on off-white paper.
const PAPER: Colour = Colour::hex(0xF3EFE4);
const INK: Colour = Colour::hex(0x1E1E1E);

/// The camouflage: a mid grey, and a bright red of exactly the same luminosity,
/// 0.299 × 255 + 0.587 × 57 + 0.114 × 64 = 117 = 0x75. With equal luminosity, every blend of
/// the two along a letter's anti-aliased edge has it too, up to rounding.
const GREY_PAPER: Colour = Colour::hex(0x757575);
const RED_INK: Colour = Colour::hex(0xFF3940);

/// The type sizes (em, in pixels of the 640×480 design): a headline and two lines, all at
/// least 48 px so that no OCR could miss them. (No more lines: text is what makes a tray
/// thumbnail heavy, and every first visit fetches them all.)
const SIZES: [f32; 3] = [104.0, 60.0, 50.0];
const BASELINES: [f32; 3] = [180.0, 296.0, 386.0];

pub fn draw_plain(c: &mut Canvas) {
    draw(c, PAPER, INK);
}

pub fn draw_camouflaged(c: &mut Canvas) {
    draw(c, GREY_PAPER, RED_INK);
}

fn draw(c: &mut Canvas, paper: Colour, ink: Colour) {
    c.fill_all(paper);
    // A printed frame, and a rule under the headline. Everything is in the one ink, so that
    // the camouflaged copy keeps a single luminosity.
    let frame = Path::new()
        .rect(22.0, 22.0, 596.0, 436.0)
        .polygon_hole(&rect(32.0, 32.0, 576.0, 416.0));
    c.fill(&frame, ink);
    c.fill(&Path::new().rect(120.0, 214.0, 400.0, 5.0), ink);
    for ((line, size), baseline) in LEAFLET_LINES.iter().zip(SIZES).zip(BASELINES) {
        write(c, line, size, (320.0, baseline), Align::Centre, ink);
    }
}

/// The corners of a rectangle, for a hole.
fn rect(x: f32, y: f32, w: f32, h: f32) -> [Point; 4] {
    [pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)]
}
