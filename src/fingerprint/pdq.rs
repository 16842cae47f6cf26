//! Meta's PDQ perceptual hash (to come): the known-answer cases it will be checked against.

#[cfg(test)]
mod tests {
    use crate::filters::visual::{HexBytes, normalise};
    use crate::fingerprint::{Greyscale, luminosity};
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
            .filter(|n| n.ends_with(".png") || n.ends_with(".jpg"))
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
                grey(256, 256, |x, y| if (x / 8 + y / 8) % 2 == 0 { 0 } else { 255 }),
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

    /// pdqhash 0.1.1 fed the greyscale as `PdqMatcher` fed it: a Luma8 buffer, full size.
    fn pdqhash_of(grey: &Greyscale) -> ([u8; 32], u8) {
        let luma = pdqhash::image::ImageBuffer::<pdqhash::image::Luma<u8>, Vec<u8>>::from_raw(
            grey.width,
            grey.height,
            grey.pixels.clone(),
        )
        .unwrap();
        let (hash, quality) =
            pdqhash::generate_pdq_full_size(&pdqhash::image::DynamicImage::ImageLuma8(luma));
        (hash, (quality * 100.0).round() as u8)
    }

    /// Writes `data/pdq/vectors.txt` from pdqhash; run once, while pdqhash was a dependency:
    /// `cargo test --release --lib fingerprint::pdq::tests::write_vectors -- --ignored`.
    #[test]
    #[ignore]
    fn write_vectors() {
        let mut out = String::from(
            "# PDQ known answers from pdqhash 0.1.1 (see PROVENANCE.md).\n\
             # case  width×height  hash (hex, bytes as pdqhash returns them)  quality (0–100)\n",
        );
        for (name, grey) in cases() {
            let (hash, quality) = pdqhash_of(&grey);
            out += &format!(
                "{name} {}x{} {} {quality}\n",
                grey.width,
                grey.height,
                HexBytes(hash.to_vec())
            );
        }
        std::fs::create_dir_all(data_dir()).unwrap();
        std::fs::write(data_dir().join("vectors.txt"), out).unwrap();
    }
}
