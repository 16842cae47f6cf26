//! The picture transformations of Citizen Lab's visual-evasion tests (sources §4.5), so
//! a matcher can be checked against their table row by row.
//!
//! Every function is pure and works on RGBA pixels, as a user's editing tool would. Where
//! the table does not say how a transformation was made (the size of a border, the
//! direction of tiling, what "level 5" of blur means), the choice is written down here.

use image::{ImageEncoder, Rgba, RgbaImage, imageops};

/// White, the colour of a blank canvas.
pub const WHITE: Rgba<u8> = Rgba([255, 255, 255, 255]);

/// A mirror image (left and right swapped).
pub fn mirror(img: &RgbaImage) -> RgbaImage {
    imageops::flip_horizontal(img)
}

/// A non-uniform resize: width times `fx`, height times `fy` (the table's "shorter" is
/// `fy` < 1, "thinner" is `fx` < 1).
pub fn stretch(img: &RgbaImage, fx: f64, fy: f64) -> RgbaImage {
    let side = |n: u32, f: f64| ((n as f64 * f).round() as u32).max(1);
    imageops::resize(
        img,
        side(img.width(), fx),
        side(img.height(), fy),
        imageops::FilterType::Triangle,
    )
}

/// A uniform resize by `factor`, which keeps the shape.
pub fn resize(img: &RgbaImage, factor: f64) -> RgbaImage {
    stretch(img, factor, factor)
}

/// A solid frame `width` pixels wide on every side: the picture itself is untouched.
pub fn border(img: &RgbaImage, width: u32, colour: Rgba<u8>) -> RgbaImage {
    let mut out = RgbaImage::from_pixel(img.width() + 2 * width, img.height() + 2 * width, colour);
    imageops::replace(&mut out, img, width as i64, width as i64);
    out
}

/// Which side of a picture a canvas is extended along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The longer side (the width of a landscape picture) grows.
    Long,
    /// The shorter side grows.
    Short,
}

/// Extends the canvas along one side by `fraction` of that side, with blank (white)
/// canvas split evenly before and after, as an editor's "canvas size" does.
pub fn pad(img: &RgbaImage, side: Side, fraction: f64) -> RgbaImage {
    let (w, h) = img.dimensions();
    let widen = (w >= h) == (side == Side::Long);
    let extra = |n: u32| (n as f64 * fraction).round() as u32;
    let (nw, nh) = if widen {
        (w + extra(w), h)
    } else {
        (w, h + extra(h))
    };
    let mut out = RgbaImage::from_pixel(nw, nh, WHITE);
    imageops::replace(&mut out, img, ((nw - w) / 2) as i64, ((nh - h) / 2) as i64);
    out
}

/// `n` copies stacked top to bottom, like a long screenshot. The table does not say which
/// way its copies were laid out; stacking is the reading under which its split (every
/// wide picture evaded, most tall ones were caught) follows from comparing pictures at
/// the scale of their shortest side.
pub fn tile(img: &RgbaImage, n: u32) -> RgbaImage {
    let (w, h) = img.dimensions();
    let n = n.max(1);
    let mut out = RgbaImage::new(w, h * n);
    for i in 0..n {
        imageops::replace(&mut out, img, 0, (i * h) as i64);
    }
    out
}

/// The Gaussian standard deviation, in pixels, of blur `level` (1–10) on a picture whose
/// shortest side is `short_side`: one pixel per level at a shortest side of 256, scaled
/// with the picture, so a level means the same on a thumbnail and on a photo. (Citizen
/// Lab's 1–10 scale is not defined in the table; this is ours.)
pub fn blur_sigma(level: u32, short_side: u32) -> f64 {
    level as f64 * short_side.max(1) as f64 / 256.0
}

/// A Gaussian blur at `level` (see [`blur_sigma`]), approximated by three box blurs, which
/// cost the same at any level.
pub fn blur(img: &RgbaImage, level: u32) -> RgbaImage {
    let sigma = blur_sigma(level, img.width().min(img.height()));
    // Three passes of a box of width 2r+1 have variance 3·((2r+1)²−1)/12 = r(r+1).
    let r = ((0.25 + sigma * sigma).sqrt() - 0.5).round().max(0.0) as usize;
    let mut out = img.clone();
    if r == 0 {
        return out;
    }
    for _ in 0..3 {
        box_pass(&mut out, r, true);
        box_pass(&mut out, r, false);
    }
    out
}

/// One box blur of radius `r` along rows (`along_rows`) or columns, edges clamped.
fn box_pass(img: &mut RgbaImage, r: usize, along_rows: bool) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let (lines, len) = if along_rows { (h, w) } else { (w, h) };
    let index = |line: usize, i: usize| {
        if along_rows {
            line * w + i
        } else {
            i * w + line
        }
    };
    let raw: &mut [u8] = img;
    let mut line_px = vec![[0u32; 4]; len];
    let width = (2 * r + 1) as u32;
    for line in 0..lines {
        for (i, px) in line_px.iter_mut().enumerate() {
            let at = index(line, i) * 4;
            *px = [0, 1, 2, 3].map(|c| raw[at + c] as u32);
        }
        let clamp = |i: isize| line_px[i.clamp(0, len as isize - 1) as usize];
        let mut sum = [0u32; 4];
        for i in -(r as isize)..=r as isize {
            let p = clamp(i);
            (0..4).for_each(|c| sum[c] += p[c]);
        }
        for i in 0..len {
            let at = index(line, i) * 4;
            (0..4).for_each(|c| raw[at + c] = ((sum[c] + width / 2) / width) as u8);
            let (add, drop) = (clamp((i + r + 1) as isize), clamp(i as isize - r as isize));
            (0..4).for_each(|c| sum[c] = sum[c] + add[c] - drop[c]);
        }
    }
}

/// The luminosity of a pixel, with the weights the analysis uses (0.299, 0.587, 0.114).
fn luma(p: &Rgba<u8>) -> u8 {
    let [r, g, b, _] = p.0;
    ((299 * r as u32 + 587 * g as u32 + 114 * b as u32 + 500) / 1000) as u8
}

/// The grey level that best splits a picture's luminosity into two classes (Otsu 1979:
/// the threshold with the largest between-class variance). Pixels above it are light.
pub fn otsu_level(img: &RgbaImage) -> u8 {
    let mut histogram = [0u64; 256];
    img.pixels().for_each(|p| histogram[luma(p) as usize] += 1);
    let total: u64 = histogram.iter().sum();
    let sum_all: f64 = histogram
        .iter()
        .enumerate()
        .map(|(v, &n)| v as f64 * n as f64)
        .sum();
    let (mut dark_n, mut dark_sum) = (0u64, 0f64);
    let (mut best, mut best_var) = (0u8, -1f64);
    for (v, &n) in histogram.iter().enumerate() {
        dark_n += n;
        dark_sum += v as f64 * n as f64;
        let light_n = total - dark_n;
        if dark_n == 0 || light_n == 0 {
            continue;
        }
        let (m0, m1) = (
            dark_sum / dark_n as f64,
            (sum_all - dark_sum) / light_n as f64,
        );
        let var = dark_n as f64 * light_n as f64 * (m0 - m1) * (m0 - m1);
        if var > best_var {
            (best, best_var) = (v as u8, var);
        }
    }
    best
}

/// Black and white: pixels lighter than the Otsu level become white, the rest black.
pub fn otsu(img: &RgbaImage) -> RgbaImage {
    let level = otsu_level(img);
    RgbaImage::from_fn(img.width(), img.height(), |x, y| {
        let v = if luma(img.get_pixel(x, y)) > level {
            255
        } else {
            0
        };
        Rgba([v, v, v, 255])
    })
}

/// Light and dark swapped (a photographic negative).
pub fn invert(img: &RgbaImage) -> RgbaImage {
    RgbaImage::from_fn(img.width(), img.height(), |x, y| {
        let [r, g, b, a] = img.get_pixel(x, y).0;
        Rgba([255 - r, 255 - g, 255 - b, a])
    })
}

/// Recolours so the picture survives as hue but vanishes under luminosity greyscale: each
/// grey level becomes a mix of an orange and a blue of the same luminosity (about 127),
/// as in Citizen Lab's recolouring that evaded OCR and the visual filter (§4.4, §4.5).
pub fn vanish(img: &RgbaImage) -> RgbaImage {
    // Y(255, 87, 0) ≈ 127.3 and Y(0, 167, 255) ≈ 127.1; luminosity is linear, so every mix
    // of the two has the same luminosity to within rounding.
    const DARK: [f64; 3] = [255.0, 87.0, 0.0];
    const LIGHT: [f64; 3] = [0.0, 167.0, 255.0];
    RgbaImage::from_fn(img.width(), img.height(), |x, y| {
        let t = luma(img.get_pixel(x, y)) as f64 / 255.0;
        let mix = |c: usize| (DARK[c] * (1.0 - t) + LIGHT[c] * t).round() as u8;
        Rgba([mix(0), mix(1), mix(2), 255])
    })
}

/// Encodes as JPEG at `quality` (1–100) and decodes again, as a re-upload would.
pub fn jpeg(img: &RgbaImage, quality: u8) -> Result<RgbaImage, String> {
    let bytes = encode_jpeg(img, quality)?;
    crate::decode::decode_rgba(&bytes).map_err(|e| format!("JPEG decoding failed: {e}"))
}

/// A JPEG file of the picture at `quality` (1–100), transparency dropped.
pub fn encode_jpeg(img: &RgbaImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).into_rgb8();
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality.clamp(1, 100))
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| format!("JPEG encoding failed: {e}"))?;
    Ok(bytes)
}

/// A PNG file of the picture. Fast compression: the evasion lab encodes some thirty
/// variants a run, and their size does not matter.
pub fn encode_png(img: &RgbaImage) -> Result<Vec<u8>, String> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Adaptive)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| format!("PNG encoding failed: {e}"))?;
    Ok(bytes)
}

/// Cuts `fraction` of each side away (0.1 keeps the middle 80 % of width and height), as
/// the crop that S4 says evades (sources §4.5).
pub fn crop(img: &RgbaImage, fraction: f64) -> RgbaImage {
    let (w, h) = img.dimensions();
    let cut = |n: u32| ((n as f64 * fraction.clamp(0.0, 0.45)).round() as u32).min((n - 1) / 2);
    let (cx, cy) = (cut(w), cut(h));
    imageops::crop_imm(img, cx, cy, w - 2 * cx, h - 2 * cy).to_image()
}

/// Turns the picture `degrees` clockwise about its centre on a canvas grown to hold all of
/// it, the corners filled with blank (white) canvas, as an editor's free rotation does.
/// Pixels are sampled bilinearly.
pub fn rotate(img: &RgbaImage, degrees: f64) -> RgbaImage {
    let (w, h) = (img.width() as f64, img.height() as f64);
    let (sin, cos) = degrees.to_radians().sin_cos();
    let nw = (w * cos.abs() + h * sin.abs()).round().max(1.0);
    let nh = (w * sin.abs() + h * cos.abs()).round().max(1.0);
    RgbaImage::from_fn(nw as u32, nh as u32, |x, y| {
        // Back from the new canvas to the source, about both centres.
        let (dx, dy) = (x as f64 + 0.5 - nw / 2.0, y as f64 + 0.5 - nh / 2.0);
        let sx = dx * cos + dy * sin + w / 2.0 - 0.5;
        let sy = -dx * sin + dy * cos + h / 2.0 - 0.5;
        bilinear(img, sx, sy).unwrap_or(WHITE)
    })
}

/// The colour at a fractional position, or `None` outside the picture.
fn bilinear(img: &RgbaImage, x: f64, y: f64) -> Option<Rgba<u8>> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    if x < -0.5 || y < -0.5 || x > w as f64 - 0.5 || y > h as f64 - 0.5 {
        return None;
    }
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let at = |xi: i64, yi: i64| {
        img.get_pixel(xi.clamp(0, w - 1) as u32, yi.clamp(0, h - 1) as u32)
            .0
    };
    let (x0, y0) = (x0 as i64, y0 as i64);
    let (a, b, c, d) = (
        at(x0, y0),
        at(x0 + 1, y0),
        at(x0, y0 + 1),
        at(x0 + 1, y0 + 1),
    );
    Some(Rgba(std::array::from_fn(|i| {
        let top = a[i] as f64 * (1.0 - fx) + b[i] as f64 * fx;
        let bottom = c[i] as f64 * (1.0 - fx) + d[i] as f64 * fx;
        (top * (1.0 - fy) + bottom * fy).round() as u8
    })))
}

/// Lettering camouflaged in luminosity: the dark side of the Otsu split (the text, on a
/// light poster) becomes a red, the light side a grey, both of the light side's mean
/// luminosity. A colour screen still shows the text; luminosity greyscale is flat, so an
/// OCR that reads it sees nothing (sources §4.4: 0 of 6 such colours were filtered). The
/// tray's camouflaged leaflet is drawn the same way (#FF3940 on #757575).
pub fn camouflage_text(img: &RgbaImage) -> RgbaImage {
    let level = otsu_level(img);
    let (sum, n) = img
        .pixels()
        .map(luma)
        .filter(|&l| l > level)
        .fold((0u64, 0u64), |(s, n), l| (s + l as u64, n + 1));
    let target = if n == 0 { 128.0 } else { sum as f64 / n as f64 };
    let grey = target.round() as u8;
    // A red of that luminosity: as much red as fits, the rest from green (B = G/2).
    let red = (255.0f64).min(target / 0.299);
    let green = ((target - 0.299 * red) / (0.587 + 0.057)).max(0.0);
    let text = Rgba([
        red.round() as u8,
        green.round() as u8,
        (green / 2.0).round() as u8,
        255,
    ]);
    RgbaImage::from_fn(img.width(), img.height(), |x, y| {
        if luma(img.get_pixel(x, y)) > level {
            Rgba([grey, grey, grey, 255])
        } else {
            text
        }
    })
}

/// One pixel, the middle one, nudged by one level of red: invisible, but every byte of
/// the encoded file after it changes, and with them the MD5.
pub fn one_pixel(img: &RgbaImage) -> RgbaImage {
    let mut out = img.clone();
    let p = out.get_pixel_mut(img.width() / 2, img.height() / 2);
    p.0[0] = if p.0[0] == 255 { 254 } else { p.0[0] + 1 };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::test_pictures;

    fn picture() -> RgbaImage {
        test_pictures::picture(3, 160, 120)
    }

    #[test]
    fn mirroring_twice_is_the_identity() {
        let p = picture();
        assert_ne!(mirror(&p), p);
        assert_eq!(mirror(&mirror(&p)), p);
    }

    #[test]
    fn stretch_and_resize_set_the_size() {
        let p = picture();
        assert_eq!(stretch(&p, 1.0, 0.5).dimensions(), (160, 60));
        assert_eq!(stretch(&p, 0.5, 1.0).dimensions(), (80, 120));
        assert_eq!(resize(&p, 0.5).dimensions(), (80, 60));
    }

    #[test]
    fn border_and_padding_keep_the_original_pixels() {
        let p = picture();
        let framed = border(&p, 7, Rgba([200, 0, 0, 255]));
        assert_eq!(framed.dimensions(), (174, 134));
        assert_eq!(*framed.get_pixel(0, 0), Rgba([200, 0, 0, 255]));
        assert_eq!(imageops::crop_imm(&framed, 7, 7, 160, 120).to_image(), p);

        let long = pad(&p, Side::Long, 0.5);
        assert_eq!(long.dimensions(), (240, 120));
        assert_eq!(imageops::crop_imm(&long, 40, 0, 160, 120).to_image(), p);
        assert_eq!(*long.get_pixel(0, 60), WHITE);
        let short = pad(&p, Side::Short, 0.5);
        assert_eq!(short.dimensions(), (160, 180));
        assert_eq!(imageops::crop_imm(&short, 0, 30, 160, 120).to_image(), p);
        // A tall picture's long side is its height.
        let tall = pad(&stretch(&p, 0.5, 1.0), Side::Long, 1.0);
        assert_eq!(tall.dimensions(), (80, 240));
    }

    #[test]
    fn tiles_are_copies() {
        let p = picture();
        let t = tile(&p, 3);
        assert_eq!(t.dimensions(), (160, 360));
        for i in 0..3 {
            assert_eq!(imageops::crop_imm(&t, 0, i * 120, 160, 120).to_image(), p);
        }
    }

    #[test]
    fn blur_smooths_more_at_higher_levels() {
        let p = picture();
        // Total variation along rows falls as the level rises.
        let variation = |img: &RgbaImage| -> u64 {
            img.rows()
                .map(|row| {
                    let row: Vec<u8> = row.map(luma).collect();
                    row.windows(2)
                        .map(|w| w[0].abs_diff(w[1]) as u64)
                        .sum::<u64>()
                })
                .sum()
        };
        let levels: Vec<u64> = [0, 2, 5, 10]
            .iter()
            .map(|&l| variation(&blur(&p, l)))
            .collect();
        assert!(levels.windows(2).all(|w| w[1] < w[0]), "{levels:?}");
        assert_eq!(blur(&p, 0), p);
        assert_eq!(blur_sigma(5, 512), 10.0);
        // A flat picture stays flat.
        let flat = RgbaImage::from_pixel(50, 40, Rgba([10, 20, 30, 255]));
        assert_eq!(blur(&flat, 10), flat);
    }

    #[test]
    fn otsu_is_two_valued_and_splits_two_tones() {
        let p = picture();
        let bw = otsu(&p);
        assert!(
            bw.pixels()
                .all(|px| px.0 == [0, 0, 0, 255] || px.0 == [255; 4])
        );
        let two = RgbaImage::from_fn(10, 10, |x, _| {
            if x < 5 {
                Rgba([40, 40, 40, 255])
            } else {
                Rgba([180, 180, 180, 255])
            }
        });
        let level = otsu_level(&two);
        assert!((40..180).contains(&level), "{level}");
        assert_eq!(otsu(&two).get_pixel(0, 0).0, [0, 0, 0, 255]);
        assert_eq!(otsu(&two).get_pixel(9, 0).0, [255; 4]);
    }

    #[test]
    fn inversion_swaps_light_and_dark() {
        let p = picture();
        assert_eq!(invert(&invert(&p)), p);
        assert_eq!(luma(&invert(&p)[(0, 0)]), 255 - luma(&p[(0, 0)]));
    }

    #[test]
    fn the_vanishing_recolour_keeps_hue_but_not_luminosity() {
        let p = picture();
        let v = vanish(&p);
        let lumas: Vec<u8> = v.pixels().map(luma).collect();
        let (lo, hi) = (lumas.iter().min().unwrap(), lumas.iter().max().unwrap());
        assert!(hi - lo <= 1, "luminosity spread {lo}..{hi}");
        // The colour still carries the picture: dark and light pixels differ in hue.
        let distinct: std::collections::HashSet<_> = v.pixels().map(|p| p.0).collect();
        assert!(distinct.len() > 10);
    }

    #[test]
    fn jpeg_round_trip_keeps_size_and_looks() {
        let p = picture();
        let j = jpeg(&p, 70).unwrap();
        assert_eq!(j.dimensions(), p.dimensions());
        assert_ne!(j, p, "JPEG is lossy");
        let mean_error: f64 = j
            .pixels()
            .zip(p.pixels())
            .map(|(a, b)| luma(a).abs_diff(luma(b)) as f64)
            .sum::<f64>()
            / (160.0 * 120.0);
        assert!(mean_error < 6.0, "{mean_error}");
    }

    #[test]
    fn crop_keeps_the_middle() {
        let p = picture();
        let c = crop(&p, 0.1);
        assert_eq!(c.dimensions(), (128, 96));
        assert_eq!(imageops::crop_imm(&p, 16, 12, 128, 96).to_image(), c);
        assert_eq!(crop(&p, 0.0), p);
        // Never to nothing.
        assert!(crop(&RgbaImage::new(3, 3), 0.9).width() >= 1);
    }

    #[test]
    fn rotation_grows_the_canvas_and_keeps_the_middle() {
        let p = picture();
        let r = rotate(&p, 10.0);
        let (sin, cos) = 10f64.to_radians().sin_cos();
        assert_eq!(r.width(), (160.0 * cos + 120.0 * sin).round() as u32);
        assert_eq!(r.height(), (160.0 * sin + 120.0 * cos).round() as u32);
        // The corners are blank canvas; the centre is the picture's centre.
        assert_eq!(*r.get_pixel(0, 0), WHITE);
        let (a, b) = (
            r.get_pixel(r.width() / 2, r.height() / 2),
            p.get_pixel(80, 60),
        );
        assert!(luma(a).abs_diff(luma(b)) < 40, "{a:?} vs {b:?}");
        // A quarter turn of a quarter turn of … is the picture again, up to sampling.
        let q = rotate(&p, 90.0);
        assert_eq!(q.dimensions(), (120, 160));
        assert_eq!(q.get_pixel(119, 0), p.get_pixel(0, 0));
        assert_eq!(rotate(&p, 0.0), p);
    }

    #[test]
    fn camouflaged_text_vanishes_in_greyscale_but_not_in_colour() {
        // Dark lettering on a light poster.
        let poster = RgbaImage::from_fn(120, 60, |x, y| {
            if (20..100).contains(&x) && (25..35).contains(&y) && x % 7 < 4 {
                Rgba([20, 20, 30, 255])
            } else {
                Rgba([235, 230, 220, 255])
            }
        });
        let c = camouflage_text(&poster);
        let lumas: std::collections::BTreeSet<u8> = c.pixels().map(luma).collect();
        assert!(
            lumas.last().unwrap() - lumas.first().unwrap() <= 1,
            "greyscale is flat: {lumas:?}"
        );
        let colours: std::collections::BTreeSet<[u8; 4]> = c.pixels().map(|p| p.0).collect();
        assert_eq!(colours.len(), 2, "text and ground stay apart in colour");
        assert_ne!(c.get_pixel(21, 30), c.get_pixel(5, 5));
    }

    #[test]
    fn one_pixel_changes_exactly_one_pixel() {
        let p = picture();
        let q = one_pixel(&p);
        let changed = p.pixels().zip(q.pixels()).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        let white = RgbaImage::from_pixel(4, 4, WHITE);
        assert_eq!(one_pixel(&white).get_pixel(2, 2).0, [254, 255, 255, 255]);
    }
}
