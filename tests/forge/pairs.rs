//! Property tests: random picture pairs forged on every shipped canvas, each pair verified.
//!
//! `forge` verifies every pair itself before returning it; these tests check the result
//! again from the outside: equal MD5 recomputed, different bytes, each file decoded by the
//! `image` crate from its bytes alone showing exactly the pixels the pair reports, and those
//! pixels being the fitted picture (exactly for flat pictures, in local averages for dithered
//! ones). Run with `--nocapture` to see the search figures per canvas.

use hashwall::fingerprint::md5;
use hashwall::forge::{self, Reduction, blocks_for, fit, shipped_canvases, synthetic};
use hashwall::rng::Rng;
use image::{Rgba, RgbaImage};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::RefCell;

/// Pairs per canvas; five canvases make 210 pairs.
const CASES: u32 = 42;

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// Gradients, fine texture and noise: thousands of colours, dithered.
    Photo,
    /// A few flat colours with one-pixel lines: exact palette, very regular LZW data.
    Drawing,
    /// Random pixels: the most detailed picture there is, LZW data close to random.
    Noise,
    /// A photo fading to transparent, composited over white.
    Faded,
}

#[derive(Clone, Debug)]
struct Picture {
    kind: Kind,
    width: u32,
    height: u32,
    seed: u64,
}

impl Picture {
    fn render(&self) -> RgbaImage {
        let (w, h, seed) = (self.width, self.height, self.seed);
        match self.kind {
            Kind::Photo => synthetic::photo(w, h, seed),
            Kind::Drawing => synthetic::drawing(w, h, seed),
            Kind::Noise => {
                let mut rng = Rng::new(seed);
                RgbaImage::from_fn(w, h, |_, _| {
                    let v = rng.next_u32().to_le_bytes();
                    Rgba([v[0], v[1], v[2], 255])
                })
            }
            Kind::Faded => {
                let mut img = synthetic::photo(w, h, seed);
                for (x, y, p) in img.enumerate_pixels_mut() {
                    p.0[3] = ((x + 2 * y) % 256) as u8;
                }
                img
            }
        }
    }
}

fn picture() -> impl Strategy<Value = Picture> {
    let kind = prop_oneof![
        3 => Just(Kind::Photo),
        2 => Just(Kind::Drawing),
        2 => Just(Kind::Noise),
        1 => Just(Kind::Faded),
    ];
    // Mostly small sources (quick), sometimes large ones; any aspect ratio.
    let side = || prop_oneof![12 => 1u32..=700, 1 => 700u32..=2400];
    (kind, side(), side(), any::<u64>()).prop_map(|(kind, width, height, seed)| Picture {
        kind,
        width,
        height,
        seed,
    })
}

/// Mean absolute difference of 8×8 block averages between packed RGB and RGBA pixels.
fn block_error(rgb: &[u8], rgba: &[u8], width: usize) -> f64 {
    let height = rgb.len() / 3 / width;
    let (mut total, mut count) = (0.0, 0);
    for by in 0..height / 8 {
        for bx in 0..width / 8 {
            for k in 0..3 {
                let (mut a, mut b) = (0i64, 0i64);
                for y in by * 8..by * 8 + 8 {
                    for x in bx * 8..bx * 8 + 8 {
                        a += rgb[3 * (y * width + x) + k] as i64;
                        b += rgba[4 * (y * width + x) + k] as i64;
                    }
                }
                total += (a - b).abs() as f64 / 64.0;
                count += 1;
            }
        }
    }
    total / count as f64
}

struct Record {
    steps: u64,
    data: usize,
    retries: u32,
    detours: u32,
    tweaks: u32,
    locked: bool,
}

fn check(
    width: u16,
    height: u16,
    a: &Picture,
    b: &Picture,
    log: &RefCell<Vec<Record>>,
) -> Result<(), TestCaseError> {
    let blocks = blocks_for(width, height);
    let (img_a, img_b) = (a.render(), b.render());
    let pair =
        forge::forge(&blocks, &img_a, &img_b).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(md5(&pair.x), md5(&pair.y));
    prop_assert_eq!(md5(&pair.x), pair.md5);
    prop_assert_ne!(&pair.x, &pair.y);
    for (file, shown, img) in [
        (&pair.x, &pair.shown_a, &img_a),
        (&pair.y, &pair.shown_b, &img_b),
    ] {
        let decoded =
            image::load_from_memory(file).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let decoded = decoded.to_rgba8();
        prop_assert_eq!(
            decoded.as_raw(),
            shown,
            "a file shows other pixels than reported"
        );
        let fitted = fit::fit(img, width as u32, height as u32);
        let error = block_error(&fitted, shown, width as usize);
        prop_assert!(
            error < 8.0,
            "shown picture strays from the fitted one: {error:.2}"
        );
    }
    for (reduction, fitted, shown) in [
        (
            pair.stats.reduction_a,
            fit::fit(&img_a, width as u32, height as u32),
            &pair.shown_a,
        ),
        (
            pair.stats.reduction_b,
            fit::fit(&img_b, width as u32, height as u32),
            &pair.shown_b,
        ),
    ] {
        if reduction == Reduction::Exact {
            let off = fitted
                .chunks_exact(3)
                .zip(shown.chunks_exact(4))
                .flat_map(|(f, s)| (0..3).map(move |k| f[k].abs_diff(s[k])));
            prop_assert!(
                off.max().unwrap_or(0) <= 1,
                "an exact palette moved a colour by more than one unit"
            );
        }
    }
    let s = pair.stats;
    log.borrow_mut().push(Record {
        steps: s.search_steps,
        data: s.data_a + s.data_b,
        retries: s.retries,
        detours: s.layout.detours,
        tweaks: s.layout.palette_tweaks,
        locked: s.layout.locked,
    });
    Ok(())
}

fn run_canvas(index: usize) {
    let (width, height) = shipped_canvases()[index];
    let config = Config {
        cases: CASES,
        max_shrink_iters: 16,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let log = RefCell::new(Vec::new());
    let result = runner.run(&(picture(), picture()), |(a, b)| {
        check(width, height, &a, &b, &log)
    });
    let log = log.into_inner();
    let worst = log
        .iter()
        .map(|r| r.steps as f64 / r.data as f64)
        .fold(0.0, f64::max);
    let most = log.iter().map(|r| r.steps).max().unwrap_or(0);
    eprintln!(
        "{width}x{height}: {} pairs verified; retries {}; entry detours {}; palette tweaks {}; locked {}/{}; \
         search steps max {most}, max {worst:.4} per data byte",
        log.len(),
        log.iter().map(|r| r.retries).sum::<u32>(),
        log.iter().map(|r| r.detours).sum::<u32>(),
        log.iter().map(|r| r.tweaks).sum::<u32>(),
        log.iter().filter(|r| r.locked).count(),
        log.len(),
    );
    if let Err(e) = result {
        panic!("{width}x{height}: {e}");
    }
    assert!(log.len() >= CASES as usize);
}

#[test]
fn pairs_on_512x512() {
    run_canvas(0);
}

#[test]
fn pairs_on_640x480() {
    run_canvas(1);
}

#[test]
fn pairs_on_480x640() {
    run_canvas(2);
}

#[test]
fn pairs_on_640x360() {
    run_canvas(3);
}

#[test]
fn pairs_on_360x640() {
    run_canvas(4);
}
