//! Text on the tray's pictures, set in a subset of Noto Sans CJK SC Bold
//! (`assets/fonts/`, OFL-1.1) and rasterised with `ab_glyph`.
//!
//! Native only: the page never draws the tray (it fetches the committed files), so neither
//! the font nor the rasteriser belongs in any wasm. Glyphs become coverage masks that the
//! canvas paints like any shape, so text takes the same paints and blending as the rest.

use super::canvas::{Canvas, Coverage, Paint};
use super::geometry::pt;
use ab_glyph::{Font, FontRef, PxScale, point};

/// The subset the pictures are drawn with; `scripts/subset-font.sh` remakes it.
const FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Bold-subset.otf");

/// The shipped font, parsed.
pub fn font() -> FontRef<'static> {
    FontRef::try_from_slice(FONT).expect("the committed font subset is a valid OpenType font")
}

/// Where a line sits relative to its anchor's x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A line's width in drawing units at font size `size` (the em, as in CSS `font-size`).
pub fn width(text: &str, size: f32) -> f32 {
    let font = font();
    let em = font.units_per_em().unwrap_or(1000.0);
    text.chars()
        .map(|ch| font.h_advance_unscaled(font.glyph_id(ch)))
        .sum::<f32>()
        * size
        / em
}

/// Writes one line of text with its baseline at `y`, placed by `align` about `x`, all in
/// drawing units. No kerning or shaping: the pictures' Chinese needs none, and their few
/// English words look fine without.
pub fn write(
    c: &mut Canvas,
    text: &str,
    size: f32,
    (x, y): (f32, f32),
    align: Align,
    paint: impl Into<Paint>,
) {
    let paint = paint.into();
    let font = font();
    let em = font.units_per_em().unwrap_or(1000.0);
    let mut caret = match align {
        Align::Left => x,
        Align::Centre => x - width(text, size) / 2.0,
        Align::Right => x - width(text, size),
    };
    // Lettering is upright, so the mapping is a scale and a shift (no turning). ab_glyph's
    // pixel scale is the font's ascent-to-descent height, not its em.
    let to_canvas = c.transform();
    let per_em = font.height_unscaled() / em;
    let scale = PxScale {
        x: size * to_canvas.a * per_em,
        y: size * to_canvas.d * per_em,
    };
    for ch in text.chars() {
        let id = font.glyph_id(ch);
        let at = to_canvas.apply(pt(caret, y));
        caret += font.h_advance_unscaled(id) * size / em;
        if let Some(glyph) =
            font.outline_glyph(id.with_scale_and_position(scale, point(at.x, at.y)))
            && let Some(cov) = on_canvas(c, &glyph)
        {
            c.fill_coverage(&cov, paint.clone());
        }
    }
}

/// The glyph's coverage, clipped to the canvas (`None` when nothing of it is on it).
fn on_canvas(c: &Canvas, glyph: &ab_glyph::OutlinedGlyph) -> Option<Coverage> {
    let bounds = glyph.px_bounds();
    let (w, h) = (bounds.width() as usize, bounds.height() as usize);
    let mut mask = vec![0.0f32; w * h];
    glyph.draw(|x, y, v| mask[y as usize * w + x as usize] = v.clamp(0.0, 1.0));
    // The bounds are whole pixels; clip them to the canvas.
    let (cw, ch) = c.size();
    let (left, top) = (bounds.min.x as i64, bounds.min.y as i64);
    let clip = |v: i64, max: usize| v.clamp(0, max as i64) as usize;
    let (x0, x1) = (clip(left, cw), clip(left + w as i64, cw));
    let (y0, y1) = (clip(top, ch), clip(top + h as i64, ch));
    if x0 >= x1 || y0 >= y1 {
        return None;
    }
    let values = (y0..y1)
        .flat_map(|y| {
            let row = (y as i64 - top) as usize * w;
            let (from, to) = ((x0 as i64 - left) as usize, (x1 as i64 - left) as usize);
            mask[row + from..row + to].iter().copied()
        })
        .collect();
    Some(Coverage {
        x0,
        y0,
        width: x1 - x0,
        height: y1 - y0,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::canvas::Colour;
    use crate::samples::canvas::tests::plain;

    fn ink(c: &Canvas) -> f64 {
        let img = c.to_rgba();
        img.pixels().map(|p| (255 - p.0[0]) as f64 / 255.0).sum()
    }

    #[test]
    fn a_cjk_character_is_one_em_wide_and_inks_its_box() {
        assert_eq!(width("六四", 48.0), 96.0);
        let mut c = plain(120, 80);
        write(
            &mut c,
            "四",
            48.0,
            (10.0, 60.0),
            Align::Left,
            Colour::hex(0),
        );
        let img = c.to_rgba();
        // Ink only inside the em box (0.88 em above the baseline at 60, 0.12 em below), and a
        // fair share of it.
        for (x, y, p) in img.enumerate_pixels() {
            if p.0[0] < 255 {
                assert!((10..58).contains(&x) && (17..66).contains(&y), "{x},{y}");
            }
        }
        assert!(ink(&c) > 48.0 * 48.0 * 0.2, "{}", ink(&c));
    }

    #[test]
    fn alignment_places_the_line_and_the_edges_clip() {
        let centred = |align, x| {
            let mut c = plain(200, 60);
            write(&mut c, "六四", 40.0, (x, 50.0), align, Colour::hex(0));
            c.to_rgba()
        };
        assert!(centred(Align::Centre, 100.0) == centred(Align::Left, 60.0));
        assert!(centred(Align::Right, 140.0) == centred(Align::Left, 60.0));
        // Half off every edge: drawn where it shows, no panic.
        let mut c = plain(30, 30);
        write(
            &mut c,
            "六四",
            40.0,
            (15.0, 20.0),
            Align::Centre,
            Colour::hex(0),
        );
        write(
            &mut c,
            "六四",
            40.0,
            (-500.0, 900.0),
            Align::Left,
            Colour::hex(0),
        );
        assert!(ink(&c) > 0.0);
    }
}
