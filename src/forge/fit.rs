//! Fitting a picture to the collision's canvas.
//!
//! The canvas size is baked into the bytes before the collision, so every picture must be
//! brought to exactly that size: scaled to fit inside it keeping its aspect ("contain"),
//! centred on a neutral grey, transparency composited over white. Shrinking uses an exact
//! area (box) filter in one streaming pass, which is both the right filter for large
//! reductions and fast enough for a 12-megapixel photo; enlarging uses bilinear filtering
//! for modest factors and nearest neighbour from 2× up, so small drawings stay crisp instead
//! of turning to mush.

use image::RgbaImage;

/// The letterbox colour around a picture that does not fill the canvas.
pub const BACKGROUND: [u8; 3] = [128, 128, 128];

/// Where a fitted picture sits on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

/// The placement of a `src_w`×`src_h` picture on a `width`×`height` canvas.
pub fn placement(src_w: u32, src_h: u32, width: u32, height: u32) -> Placement {
    let scale = (width as f64 / src_w as f64).min(height as f64 / src_h as f64);
    let w = ((src_w as f64 * scale).round() as u32).clamp(1, width);
    let h = ((src_h as f64 * scale).round() as u32).clamp(1, height);
    Placement {
        left: (width - w) / 2,
        top: (height - h) / 2,
        width: w,
        height: h,
    }
}

/// The picture fitted to a `width`×`height` canvas, as packed RGB.
///
/// An empty source gives a plain background (callers refuse empty pictures earlier).
pub fn fit(src: &RgbaImage, width: u32, height: u32) -> Vec<u8> {
    let mut canvas = BACKGROUND.repeat(width as usize * height as usize);
    let (sw, sh) = src.dimensions();
    if sw == 0 || sh == 0 || width == 0 || height == 0 {
        return canvas;
    }
    let place = placement(sw, sh, width, height);
    let pixels = if place.width < sw {
        shrink(src, place.width, place.height)
    } else if place.width == sw && place.height == sh {
        (0..sw * sh)
            .map(|i| over_white(src.as_raw(), i as usize))
            .collect()
    } else if place.width >= 2 * sw {
        nearest(src, place.width, place.height)
    } else {
        bilinear(src, place.width, place.height)
    };
    for (row, line) in pixels.chunks_exact(place.width as usize).enumerate() {
        let to = ((place.top as usize + row) * width as usize + place.left as usize) * 3;
        canvas[to..to + line.len() * 3].copy_from_slice(line.as_flattened());
    }
    canvas
}

/// Pixel `i` of packed RGBA, composited over white.
fn over_white(rgba: &[u8], i: usize) -> [u8; 3] {
    let p = &rgba[4 * i..4 * i + 4];
    if p[3] == 255 {
        return [p[0], p[1], p[2]];
    }
    let a = p[3] as u32;
    // c·a + 255·(255 − a), divided by 255 with rounding.
    let mix = |c: u8| ((c as u32 * a + 255 * (255 - a) + 127) / 255) as u8;
    [mix(p[0]), mix(p[1]), mix(p[2])]
}

/// For each source index along one axis, the output cell it falls in and the share of its
/// width that lies in that cell (the rest goes to the next cell).
fn area_weights(src: u32, dst: u32) -> Vec<(u32, f32)> {
    let step = src as f64 / dst as f64;
    (0..src)
        .map(|i| {
            let cell = ((i as f64 / step) as u32).min(dst - 1);
            let boundary = (cell + 1) as f64 * step;
            let share = if cell + 1 < dst && (i + 1) as f64 > boundary {
                boundary - i as f64
            } else {
                1.0
            };
            (cell, share as f32)
        })
        .collect()
}

/// The source columns one output cell covers: whole pixels, plus up to two pixels cut by
/// the cell's edges with the share of them that lies inside.
struct Cover {
    whole: std::ops::Range<usize>,
    cut: [(usize, f32); 2],
}

fn covers(src: u32, dst: u32) -> Vec<Cover> {
    let step = src as f64 / dst as f64;
    (0..dst)
        .map(|c| {
            let (lo, hi) = (c as f64 * step, ((c + 1) as f64 * step).min(src as f64));
            let (first, last) = (lo.ceil(), hi.floor());
            let cut_left = (lo.floor() as usize, (first - lo) as f32);
            let cut_right = ((last as usize).min(src as usize - 1), (hi - last) as f32);
            Cover {
                whole: first as usize..last as usize,
                cut: [cut_left, cut_right],
            }
        })
        .collect()
}

/// Area-averaging reduction: exact box filter, one streaming pass over the source.
/// Each row is reduced across with integer sums of whole pixels, then added to at most two
/// output rows with its vertical share.
fn shrink(src: &RgbaImage, w: u32, h: u32) -> Vec<[u8; 3]> {
    let (sw, sh) = src.dimensions();
    let cols = covers(sw, w);
    let rows = area_weights(sh, h);
    let raw = src.as_raw();
    let width = w as usize * 3;
    let mut acc = vec![0f32; width * h as usize];
    let mut line = vec![0f32; width];
    for (y, &(cell_y, share_y)) in rows.iter().enumerate() {
        let base = y * sw as usize;
        for (cover, out) in cols.iter().zip(line.chunks_exact_mut(3)) {
            let mut sum = [0u32; 3];
            for i in cover.whole.clone() {
                let p = over_white(raw, base + i);
                sum[0] += p[0] as u32;
                sum[1] += p[1] as u32;
                sum[2] += p[2] as u32;
            }
            let mut total = sum.map(|v| v as f32);
            for &(i, share) in &cover.cut {
                if share > 0.0 {
                    let p = over_white(raw, base + i);
                    for k in 0..3 {
                        total[k] += p[k] as f32 * share;
                    }
                }
            }
            out.copy_from_slice(&total);
        }
        let top = cell_y as usize * width;
        for (a, v) in acc[top..top + width].iter_mut().zip(&line) {
            *a += v * share_y;
        }
        if share_y < 1.0 {
            let next = top + width;
            for (a, v) in acc[next..next + width].iter_mut().zip(&line) {
                *a += v * (1.0 - share_y);
            }
        }
    }
    let norm = (w as f64 * h as f64 / (sw as f64 * sh as f64)) as f32;
    acc.chunks_exact(3)
        .map(|c| [0, 1, 2].map(|k| (c[k] * norm).round().clamp(0.0, 255.0) as u8))
        .collect()
}

fn nearest(src: &RgbaImage, w: u32, h: u32) -> Vec<[u8; 3]> {
    let (sw, sh) = src.dimensions();
    let raw = src.as_raw();
    let mut out = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        let sy = (y as u64 * sh as u64 / h as u64) as usize;
        for x in 0..w {
            let sx = (x as u64 * sw as u64 / w as u64) as usize;
            out.push(over_white(raw, sy * sw as usize + sx));
        }
    }
    out
}

fn bilinear(src: &RgbaImage, w: u32, h: u32) -> Vec<[u8; 3]> {
    let (sw, sh) = src.dimensions();
    let raw = src.as_raw();
    // Pixel centres map to pixel centres; edges clamp.
    let axis = |i: u32, from: u32, to: u32| {
        let pos = ((i as f32 + 0.5) * from as f32 / to as f32 - 0.5).max(0.0);
        let lo = (pos as u32).min(from - 1);
        (
            lo as usize,
            (lo + 1).min(from - 1) as usize,
            pos - lo as f32,
        )
    };
    let mut out = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        let (y0, y1, fy) = axis(y, sh, h);
        for x in 0..w {
            let (x0, x1, fx) = axis(x, sw, w);
            let at = |yy: usize, xx: usize| over_white(raw, yy * sw as usize + xx).map(f32::from);
            let (a, b, c, d) = (at(y0, x0), at(y0, x1), at(y1, x0), at(y1, x1));
            out.push([0, 1, 2].map(|k| {
                let top = a[k] + (b[k] - a[k]) * fx;
                let bottom = c[k] + (d[k] - c[k]) * fx;
                (top + (bottom - top) * fy).round().clamp(0.0, 255.0) as u8
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgba;

    fn at(rgb: &[u8], width: u32, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * width + x) * 3) as usize;
        [rgb[i], rgb[i + 1], rgb[i + 2]]
    }

    #[test]
    fn contain_keeps_aspect_and_centres() {
        assert_eq!(
            placement(4000, 3000, 640, 480),
            Placement {
                left: 0,
                top: 0,
                width: 640,
                height: 480
            }
        );
        assert_eq!(
            placement(1000, 1000, 640, 480),
            Placement {
                left: 80,
                top: 0,
                width: 480,
                height: 480
            }
        );
        assert_eq!(
            placement(3000, 1000, 512, 512),
            Placement {
                left: 0,
                top: 170,
                width: 512,
                height: 171
            }
        );
        assert_eq!(
            placement(1, 1, 640, 360),
            Placement {
                left: 140,
                top: 0,
                width: 360,
                height: 360
            }
        );
        assert_eq!(
            placement(10000, 1, 360, 640),
            Placement {
                left: 0,
                top: 319,
                width: 360,
                height: 1
            }
        );
    }

    #[test]
    fn shrinking_averages_areas_exactly() {
        // 4×2 → 2×1 on a 2×1 canvas: each output pixel is the mean of a 2×2 block.
        let mut src = RgbaImage::new(4, 2);
        for (x, y, p) in src.enumerate_pixels_mut() {
            *p = Rgba([if x < 2 { 0 } else { 200 }, (y * 100) as u8, 10, 255]);
        }
        let out = fit(&src, 2, 1);
        assert_eq!(out, vec![0, 50, 10, 200, 50, 10]);
    }

    #[test]
    fn fractional_shrink_preserves_the_mean() {
        let mut src = RgbaImage::new(7, 7);
        for (x, y, p) in src.enumerate_pixels_mut() {
            *p = Rgba([(x * 30) as u8, (y * 30) as u8, 90, 255]);
        }
        let out = fit(&src, 3, 3);
        let mean = |k: usize| {
            out.iter()
                .skip(k)
                .step_by(3)
                .map(|&v| v as f64)
                .sum::<f64>()
                / 9.0
        };
        assert!(
            (mean(0) - 90.0).abs() < 1.0 && (mean(1) - 90.0).abs() < 1.0,
            "{out:?}"
        );
        assert_eq!(at(&out, 3, 1, 1)[2], 90);
    }

    #[test]
    fn transparency_goes_over_white_and_letterbox_is_grey() {
        let src = RgbaImage::from_pixel(2, 1, Rgba([0, 0, 0, 0]));
        let out = fit(&src, 4, 4);
        assert_eq!(at(&out, 4, 0, 1), [255, 255, 255]);
        assert_eq!(at(&out, 4, 3, 2), [255, 255, 255]);
        assert_eq!(at(&out, 4, 0, 0), BACKGROUND);
        let half = RgbaImage::from_pixel(1, 1, Rgba([0, 0, 0, 128]));
        assert_eq!(fit(&half, 1, 1), vec![127, 127, 127]);
    }

    #[test]
    fn tiny_pictures_enlarge_crisply() {
        let mut src = RgbaImage::new(2, 2);
        src.put_pixel(0, 0, Rgba([255, 0, 0, 255]));
        src.put_pixel(1, 0, Rgba([0, 255, 0, 255]));
        src.put_pixel(0, 1, Rgba([0, 0, 255, 255]));
        src.put_pixel(1, 1, Rgba([9, 9, 9, 255]));
        let out = fit(&src, 8, 8);
        // Every output pixel is one of the four source colours: no blending.
        for y in 0..8 {
            for x in 0..8 {
                let want = *src.get_pixel(x / 4, y / 4);
                assert_eq!(at(&out, 8, x, y), [want[0], want[1], want[2]]);
            }
        }
    }

    #[test]
    fn modest_enlargement_interpolates() {
        let mut src = RgbaImage::new(2, 1);
        src.put_pixel(0, 0, Rgba([0, 0, 0, 255]));
        src.put_pixel(1, 0, Rgba([200, 200, 200, 255]));
        let out = fit(&src, 3, 2);
        // 2×1 → 3×2 is 1.5×; the middle column blends the two.
        let mid = at(&out, 3, 1, 0)[0];
        assert!(mid > 0 && mid < 200, "{out:?}");
    }
}
