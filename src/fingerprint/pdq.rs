//! Meta's PDQ perceptual hash of a greyscale picture: 256 bits that barely change when a
//! picture is rescaled, recompressed or blurred, and a quality score that says whether the
//! picture has enough structure for those bits to mean anything.
//!
//! The algorithm is the one in Meta's PDQ hashing document (docs/sources.md): luminance in;
//! a Jarosz tent filter (a box filter along the rows, then along the columns, twice, each
//! window about 1/128 of its side, so the tent spans one cell of a 64×64 grid); the centre
//! of every cell sampled into a 64×64 grid; the 16×16 lowest non-constant coefficients of
//! its DCT; one bit per coefficient, set when it is above their median. Quality is the sum
//! of the differences between neighbours on the 64×64 grid.
//!
//! The arithmetic follows the reference step by step in single precision: the low bits of
//! the hash of a near-flat picture are rounding noise, and only the same additions in the
//! same order reproduce them. The known answers (`data/pdq/vectors.txt`) are those of
//! pdqhash 0.1.1, the Rust port hashwall used before this module, and every one is matched
//! bit for bit. Where pdqhash departs from Meta's reference code, this module follows
//! pdqhash, so that no stored signature changes:
//!
//! - the DCT table is built with single-precision angles (see `dct_matrix`), which only
//!   changes the hash of a picture whose coefficients are all rounding noise (flat, or a
//!   sum of a horizontal and a vertical profile);
//! - the quality does not truncate each gradient to a whole percent (see `quality`), so
//!   smooth pictures score higher than in the reference;
//! - pictures under 5 pixels a side are hashed, where the reference returns an empty hash
//!   (`filters::visual::normalise` never makes one).

use super::Greyscale;
use std::sync::OnceLock;

/// A PDQ hash and its quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pdq {
    /// The 256 bits, bit 255 first: printed as hex, the bytes read as the reference tools
    /// print a hash.
    pub hash: [u8; 32],
    /// 0 (flat) to 100. The reference tools discard hashes of quality 49 or less.
    pub quality: u8,
}

/// The side of the grid the filtered picture is sampled into.
const GRID: usize = 64;
/// The side of the block of DCT coefficients that become bits.
const COEFFS: usize = 16;

/// PDQ of a greyscale picture of any size from 1×1.
///
/// A picture with no pixels, or whose buffer is not width × height bytes, has nothing to
/// hash: it gets the all-zero hash and quality 0, which callers discard as featureless.
pub fn pdq(grey: &Greyscale) -> Pdq {
    let (width, height) = (grey.width as usize, grey.height as usize);
    if width == 0 || height == 0 || grey.pixels.len() != width * height {
        return Pdq {
            hash: [0; 32],
            quality: 0,
        };
    }
    let grid = tent_filter_and_sample(&grey.pixels, width, height);
    let quality = quality(&grid);
    let coefficients = dct_16(&grid);
    Pdq {
        hash: bits_above_median(&coefficients),
        quality,
    }
}

/// The Jarosz tent filter followed by sampling: the 64×64 grid, row-major.
///
/// Every box pass here runs down the rows of a buffer, one running sum per column, so it
/// vectorises; a pass along the picture's rows runs on the transposed picture. The last two
/// passes only compute what the grid samples: the third pass only the 64 sampled columns,
/// the fourth only the 64 sampled rows of those.
fn tent_filter_and_sample(pixels: &[u8], width: usize, height: usize) -> Vec<f32> {
    let across = window(width);
    let down = window(height);
    let mut a = Vec::with_capacity(width * height);
    let mut b = Vec::with_capacity(width * height);
    transpose(pixels, height, width, |p| p as f32, &mut a);
    // Transposed (a row per picture column): the first pass along the picture's rows.
    box_down(&a, height, across, 0..width, &mut b);
    transpose(&b, width, height, |v| v, &mut a);
    box_down(&a, width, down, 0..height, &mut b);
    transpose(&b, height, width, |v| v, &mut a);
    let mut columns = Vec::with_capacity(GRID * height);
    box_down(&a, height, across, sampled(width), &mut columns);
    transpose(&columns, GRID, height, |v| v, &mut a);
    let mut grid = Vec::with_capacity(GRID * GRID);
    box_down(&a, GRID, down, sampled(height), &mut grid);
    grid
}

/// The box window for a side: half a grid cell, since two passes make a tent twice as
/// wide as one box (1 for sides up to 128 pixels, 2 up to 256, and so on).
fn window(side: usize) -> usize {
    side.div_ceil(2 * GRID)
}

/// The index of the pixel at the centre of each of the 64 cells along a side.
fn sampled(side: usize) -> impl Iterator<Item = usize> {
    (0..GRID).map(move |i| (2 * i + 1) * side / (2 * GRID))
}

/// Transposes a `rows` × `cols` buffer, converting each value with `f`.
fn transpose<T: Copy>(
    src: &[T],
    rows: usize,
    cols: usize,
    f: impl Fn(T) -> f32,
    dst: &mut Vec<f32>,
) {
    // Tiles keep both the rows read and the rows written in cache on tall pictures.
    const TILE: usize = 32;
    dst.clear();
    dst.resize(rows * cols, 0.0);
    for r0 in (0..rows).step_by(TILE) {
        for c0 in (0..cols).step_by(TILE) {
            for r in r0..(r0 + TILE).min(rows) {
                for c in c0..(c0 + TILE).min(cols) {
                    dst[c * rows + r] = f(src[r * cols + c]);
                }
            }
        }
    }
}

/// One box pass down a buffer of `lanes` columns: the mean of the `window` values around
/// each row (fewer at the ends, where the window is cut), kept only for the `wanted` rows
/// (increasing), which are appended to `dst`.
///
/// The running sums follow the reference exactly: the first `window / 2` values are summed
/// before the first output, then each step adds the value entering and subtracts the one
/// leaving, in that order, and divides by the number of values held.
fn box_down(
    src: &[f32],
    lanes: usize,
    window: usize,
    wanted: impl Iterator<Item = usize>,
    dst: &mut Vec<f32>,
) {
    dst.clear();
    let len = src.len() / lanes;
    let ahead = window / 2;
    let behind = window - ahead;
    let row = |i: usize| &src[i * lanes..(i + 1) * lanes];
    let mut sum = vec![0f32; lanes];
    for i in 0..ahead.min(len) {
        sum.iter_mut().zip(row(i)).for_each(|(s, v)| *s += v);
    }
    let mut next = 0;
    for want in wanted {
        while next <= want {
            if next + ahead < len {
                sum.iter_mut()
                    .zip(row(next + ahead))
                    .for_each(|(s, v)| *s += v);
            }
            if next >= behind {
                sum.iter_mut()
                    .zip(row(next - behind))
                    .for_each(|(s, v)| *s -= v);
            }
            next += 1;
        }
        let held = ((want + ahead + 1).min(len) - (want + 1).saturating_sub(behind)) as f32;
        dst.extend(sum.iter().map(|s| s / held));
    }
}

/// The quality, 0–100: the sum of the absolute differences between neighbours on the grid
/// (down the columns, then along the rows), as fractions of full scale, 0.9 of it per point.
///
/// This is pdqhash's variant, the one hashwall has always used: Meta's reference
/// first truncates each difference to a whole percent, so that only significant gradients
/// count, and scores smooth pictures lower (a 256-pixel ramp: 44 there, 70 here).
fn quality(grid: &[f32]) -> u8 {
    let step = |u: f32, v: f32| ((u - v) / 255.0).abs();
    let rows = grid.chunks_exact(GRID);
    // One running single-precision sum in this order, so the rounding is pdqhash's too.
    let down = rows
        .clone()
        .zip(rows.clone().skip(1))
        .flat_map(|(upper, lower)| upper.iter().zip(lower).map(|(&u, &v)| step(u, v)));
    let across = rows.flat_map(|row| row.windows(2).map(|pair| step(pair[0], pair[1])));
    let sum = down.chain(across).fold(0f32, |sum, d| sum + d);
    ((sum / 90.0).min(1.0) * 100.0).round() as u8
}

/// The 16 × 64 DCT-II rows for frequencies 1 to 16 (the constant row 0 is not hashed).
///
/// Built as pdqhash's table was (all 1024 entries agree): scale and angle in single
/// precision, the cosine rounded to single precision. Meta's reference takes the angle in
/// double, which moves 820 entries by an ulp: enough to reorder the near-zero coefficients
/// of a flat picture.
fn dct_matrix() -> &'static [[f32; GRID]; COEFFS] {
    static MATRIX: OnceLock<[[f32; GRID]; COEFFS]> = OnceLock::new();
    MATRIX.get_or_init(|| {
        let scale = (2.0 / GRID as f32).sqrt();
        let step = std::f32::consts::PI / 2.0 / GRID as f32;
        let mut m = [[0.0; GRID]; COEFFS];
        for (i, row) in m.iter_mut().enumerate() {
            for (j, d) in row.iter_mut().enumerate() {
                let angle = step * (i + 1) as f32 * (2 * j + 1) as f32;
                *d = scale * cos(angle as f64) as f32;
            }
        }
        m
    })
}

/// cos x for 0 ≤ x < 2^19, within 4e-16, by plain double-precision arithmetic.
///
/// Rounded to single precision that is the correctly rounded cosine (the table test checks
/// all 1024), and the same on every platform, where a libm cosine may differ in its last
/// bit between the native tools that compute the reference signatures and the browser's
/// wasm. It also keeps libm's cosine and its large-argument reduction out of the worker.
fn cos(x: f64) -> f64 {
    // π/2 in two parts, the first with 33 significant bits so that n × HI is exact.
    const HI: f64 = 1.570_796_326_734_125_6;
    const LO: f64 = 6.077_100_506_506_192e-11;
    let n = (x * std::f64::consts::FRAC_2_PI).round();
    let r = (x - n * HI) - n * LO;
    let r2 = r * r;
    // Taylor series in nested form, 12 terms: the first omitted is below 1e-20 on |r| ≤ π/4.
    let series = |first: f64| {
        (0..12).rev().fold(1.0, |rest, k| {
            let m = first + 2.0 * k as f64;
            1.0 - r2 / (m * (m + 1.0)) * rest
        })
    };
    match n as u32 % 4 {
        0 => series(1.0),
        1 => -r * series(2.0),
        2 => -series(1.0),
        _ => r * series(2.0),
    }
}

/// D · grid · Dᵀ: the 16×16 coefficients, row-major. Each sum runs over k upwards from
/// zero in single precision, as in the reference.
fn dct_16(grid: &[f32]) -> [[f32; COEFFS]; COEFFS] {
    let d = dct_matrix();
    let mut t = [[0f32; GRID]; COEFFS];
    for (t_row, d_row) in t.iter_mut().zip(d) {
        for (&dk, grid_row) in d_row.iter().zip(grid.chunks_exact(GRID)) {
            t_row
                .iter_mut()
                .zip(grid_row)
                .for_each(|(t, &g)| *t += dk * g);
        }
    }
    let mut b = [[0f32; COEFFS]; COEFFS];
    for (b_row, t_row) in b.iter_mut().zip(&t) {
        for (b, d_row) in b_row.iter_mut().zip(d) {
            *b = t_row
                .iter()
                .zip(d_row)
                .fold(0.0, |sum, (&t, &d)| sum + t * d);
        }
    }
    b
}

/// One bit per coefficient, set when it is strictly above the median (the 128th smallest,
/// which the reference's median search returns for 256 values), so about half are set.
fn bits_above_median(coefficients: &[[f32; COEFFS]; COEFFS]) -> [u8; 32] {
    let flat = coefficients.as_flattened();
    // Integers in the floats' order, so the median can be found by bisecting on them: 32
    // counting passes, a few hundred bytes of wasm where a sort would take kilobytes.
    let key = |c: f32| {
        let bits = c.to_bits();
        if bits >> 31 == 1 {
            !bits
        } else {
            bits | 1 << 31
        }
    };
    let keys: Vec<u32> = flat.iter().map(|&c| key(c)).collect();
    let rank = flat.len() / 2;
    let (mut low, mut high) = (0, u32::MAX);
    while low < high {
        let mid = low + (high - low) / 2;
        if keys.iter().filter(|&&k| k <= mid).count() >= rank {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    // The smallest key with `rank` keys at or below it is a coefficient's.
    let median = flat[keys
        .iter()
        .position(|&k| k == low)
        .expect("a coefficient's key")];
    let mut hash = [0u8; 32];
    for (k, &c) in flat.iter().enumerate() {
        if c > median {
            // Bit k of the reference's sixteen 16-bit words, which print last word first.
            hash[31 - k / 8] |= 1 << (k % 8);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::visual::{HexBytes, normalise};
    use crate::fingerprint::luminosity;
    use crate::rng::Rng;
    use std::path::PathBuf;

    fn data_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/pdq")
    }

    fn grey(width: u32, height: u32, f: impl Fn(u32, u32) -> u8) -> Greyscale {
        let pixels = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| f(x, y))
            .collect();
        Greyscale {
            width,
            height,
            pixels,
        }
    }

    fn noise(seed: u64, width: u32, height: u32) -> Greyscale {
        let mut pixels = vec![0; width as usize * height as usize];
        Rng::new(seed).fill(&mut pixels);
        Greyscale {
            width,
            height,
            pixels,
        }
    }

    /// Every known-answer case, by the name `data/pdq/vectors.txt` gives it: the tray's
    /// pictures (at full size and as `normalise` hands them to the hash) and seeded
    /// synthetic pictures chosen to reach the edges of the algorithm (1-pixel sides, a
    /// window of 1, windows of 8 and more, 16:1 banners, ties at the median).
    fn cases() -> Vec<(String, Greyscale)> {
        let mut cases = Vec::new();
        let tray = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/samples");
        let mut files: Vec<String> = std::fs::read_dir(&tray)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            // The twins are the tanks and the cat re-encoded; the known answers cover the
            // tray's own pictures, as pdqhash hashed them (data/pdq/PROVENANCE.md).
            .filter(|n| (n.ends_with(".png") || n.ends_with(".jpg")) && !n.starts_with("twin-"))
            .collect();
        files.sort();
        for name in files {
            let bytes = std::fs::read(tray.join(&name)).unwrap();
            let rgba = crate::decode::decode_rgba(&bytes).unwrap();
            let full = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
            cases.push((format!("sample/{name}/normalised"), normalise(&full)));
            cases.push((format!("sample/{name}/full"), full));
        }
        let synthetic = [
            ("flat-white", grey(256, 256, |_, _| 255)),
            ("flat-grey", grey(300, 200, |_, _| 128)),
            ("dot", grey(1, 1, |_, _| 77)),
            ("noise-3x7", noise(3, 3, 7)),
            ("noise-5x5", noise(5, 5, 5)),
            ("gradient-horizontal", grey(256, 256, |x, _| x as u8)),
            (
                "gradient-diagonal",
                grey(341, 256, |x, y| ((x + y) * 255 / (340 + 255)) as u8),
            ),
            (
                "checkerboard-8",
                grey(
                    256,
                    256,
                    |x, y| if (x / 8 + y / 8) % 2 == 0 { 0 } else { 255 },
                ),
            ),
            (
                "checkerboard-1",
                grey(97, 64, |x, y| if (x + y) % 2 == 0 { 30 } else { 220 }),
            ),
            ("noise-64", noise(64, 64, 64)),
            ("noise-256", noise(1, 256, 256)),
            ("noise-1000x700", noise(2, 1000, 700)),
            (
                "rings",
                grey(640, 480, |x, y| {
                    let (dx, dy) = (x.abs_diff(250) as u64, y.abs_diff(300) as u64);
                    ((dx * dx + dy * dy).isqrt() * 13 % 256) as u8
                }),
            ),
            (
                "banner",
                grey(4096, 256, |x, y| {
                    ((x / 37 * 53 + y / 19 * 29 + (x * y) / 4099) % 251) as u8
                }),
            ),
            (
                "tower",
                grey(256, 4096, |x, y| (x * 37 % 100 + y * 150 / 4096 + 5) as u8),
            ),
            ("stripe-1x300", grey(1, 300, |_, y| (y * 7 % 256) as u8)),
            ("stripe-2000x1", noise(7, 2000, 1)),
            ("noise-odd-17x1023", noise(17, 17, 1023)),
        ];
        cases.extend(synthetic.into_iter().map(|(n, g)| (n.to_string(), g)));
        for (seed, (w, h)) in [(1, (640, 480)), (2, (333, 500)), (5, (1201, 97))] {
            let img = crate::filters::test_pictures::picture(seed, w, h);
            cases.push((
                format!("picture-{seed}"),
                crate::filters::test_pictures::grey_of(&img),
            ));
        }
        cases
    }

    fn hamming(a: &[u8; 32], b: &[u8; 32]) -> u32 {
        a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
    }

    /// (name, width×height, hash, quality) of every line of `data/pdq/vectors.txt`.
    fn vectors() -> Vec<(String, String, String, u8)> {
        let text = std::fs::read_to_string(data_dir().join("vectors.txt")).unwrap();
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                assert_eq!(f.len(), 4, "{l}");
                (f[0].into(), f[1].into(), f[2].into(), f[3].parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn known_answers_are_reproduced_bit_for_bit() {
        let vectors = vectors();
        let cases = cases();
        assert_eq!(vectors.len(), cases.len(), "one vector per case");
        let mut wrong = Vec::new();
        for ((name, size, hash, quality), (case, grey)) in vectors.iter().zip(&cases) {
            assert_eq!(name, case, "vectors.txt lists the cases in order");
            assert_eq!(size, &format!("{}x{}", grey.width, grey.height), "{name}");
            let expected = HexBytes::from_hex(hash).unwrap().0;
            let ours = pdq(grey);
            let bits = hamming(&ours.hash, expected.as_slice().try_into().unwrap());
            if bits != 0 || ours.quality != *quality {
                wrong.push(format!(
                    "{name}: {bits} bits differ, quality {} (expected {quality})",
                    ours.quality
                ));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn the_dct_table_is_pdqhash_s() {
        let bytes: Vec<u8> = dct_matrix()
            .as_flattened()
            .iter()
            .flat_map(|d| d.to_bits().to_le_bytes())
            .collect();
        // MD5 of pdqhash 0.1.1's `DCT_MATRIX` (src/dct.rs), row-major, little-endian bits.
        assert_eq!(
            crate::fingerprint::md5(&bytes).to_string(),
            "ee43b76ab354d128faefa63ec22ed82e"
        );
    }

    #[test]
    fn the_cosine_is_within_a_few_ulps() {
        for i in 0..=6400 {
            let x = i as f64 / 100.0;
            let (ours, libm) = (cos(x), x.cos());
            assert!((ours - libm).abs() <= 4e-16, "cos {x}: {ours} vs {libm}");
        }
    }

    #[test]
    fn a_mirror_image_is_another_picture() {
        // Not the camouflaged leaflet: it is blank in greyscale, so it has no quality and its
        // hash is rounding noise, which a mirror leaves as it is.
        for (name, grey) in cases()
            .into_iter()
            .filter(|(n, g)| n.starts_with("sample/") && pdq(g).quality > 0)
        {
            let w = grey.width as usize;
            let mirrored = Greyscale {
                pixels: grey
                    .pixels
                    .chunks_exact(w)
                    .flat_map(|row| row.iter().rev().copied())
                    .collect(),
                ..grey.clone()
            };
            // Mirroring negates the odd horizontal frequencies: about half the bits flip.
            let bits = hamming(&pdq(&grey).hash, &pdq(&mirrored).hash);
            assert!(bits > 64, "{name}: only {bits} bits differ");
        }
    }

    #[test]
    fn flat_pictures_have_no_quality() {
        for (w, h, v) in [(1, 1, 0), (300, 200, 128), (640, 480, 255), (7, 3000, 40)] {
            let flat = grey(w, h, |_, _| v);
            assert_eq!(pdq(&flat).quality, 0, "{w}×{h} of {v}");
        }
        // A faint ramp has some structure but not enough to trust.
        let faint = grey(256, 256, |x, _| 100 + (x / 64) as u8);
        assert!(pdq(&faint).quality < 50, "{}", pdq(&faint).quality);
    }

    #[test]
    fn degenerate_buffers_hash_to_nothing() {
        let empty = Pdq {
            hash: [0; 32],
            quality: 0,
        };
        for (width, height, len) in [(0, 0, 0), (0, 5, 0), (4, 4, 15)] {
            let g = Greyscale {
                width,
                height,
                pixels: vec![9; len],
            };
            assert_eq!(pdq(&g), empty);
        }
    }

    #[test]
    fn about_half_the_bits_are_set() {
        for (name, grey) in cases()
            .into_iter()
            .filter(|(n, _)| n.starts_with("sample/"))
        {
            let ones: u32 = pdq(&grey).hash.iter().map(|b| b.count_ones()).sum();
            assert!((120..=128).contains(&ones), "{name}: {ones} bits set");
        }
    }

    /// Timing on the normalised tray pictures (341×256, what the app hashes):
    /// `cargo test --release --lib fingerprint::pdq::tests::speed -- --ignored --nocapture`.
    /// Before pdqhash was removed, the same run timed it too: 0.21 ms here, 0.49 ms there.
    #[test]
    #[ignore]
    fn speed() {
        use std::time::Instant;
        let inputs: Vec<Greyscale> = cases()
            .into_iter()
            .filter(|(n, _)| n.ends_with("/normalised"))
            .map(|(_, g)| g)
            .collect();
        let rounds = 50;
        let time = || {
            let start = Instant::now();
            for _ in 0..rounds {
                for g in &inputs {
                    std::hint::black_box(pdq(std::hint::black_box(g)));
                }
            }
            start.elapsed().as_secs_f64() / (rounds * inputs.len()) as f64
        };
        time();
        let best = (0..5).map(|_| time()).fold(f64::MAX, f64::min);
        println!("PDQ of a 341×256 picture: {:.3} ms", best * 1e3);
    }
}
