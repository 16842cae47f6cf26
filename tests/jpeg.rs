//! Same-MD5 JPEG pairs from the universal collision, checked from the outside.
//!
//! Every pair `forge_jpeg` returns has verified itself; these tests check it again from its
//! bytes alone: MD5 recomputed with the `md-5` crate, a second decoder (`jpeg-decoder`) that
//! must show each file's own picture pixel for pixel as that picture's JPEG shows alone, and a
//! walk of each file's segments that must read exactly its own picture's segments.

use hashwall::forge::ForgeError;
use hashwall::forge::jpeg::encode::{self, MAX_SIDE};
use hashwall::forge::jpeg::interleave::MAX_PIECE;
use hashwall::forge::jpeg::prefix::{GAP, JpegBlocks, SUFFIX_AT};
use hashwall::forge::jpeg::segments::{COM, SOI, read_segments};
use hashwall::forge::jpeg::{JpegPair, forge_jpeg, forge_jpeg_files, shipped_jpeg_blocks};
use hashwall::forge::synthetic;
use image::RgbaImage;
use md5::{Digest as _, Md5};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn blocks() -> JpegBlocks {
    shipped_jpeg_blocks().remove(0)
}

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Pixels as the `jpeg-decoder` crate decodes a file, with its size.
fn second_decoder(file: &[u8]) -> (u16, u16, Vec<u8>) {
    let mut decoder = jpeg_decoder::Decoder::new(file);
    let pixels = decoder.decode().expect("jpeg-decoder decodes the file");
    let info = decoder.info().expect("info after decoding");
    assert_eq!(info.pixel_format, jpeg_decoder::PixelFormat::RGB24);
    (info.width, info.height, pixels)
}

/// The segments a decoder acts on (everything but COM), from SOI to EOI.
fn read_without_comments(file: &[u8]) -> Vec<Vec<u8>> {
    read_segments(file, 0)
        .expect("the file reads as segments")
        .into_iter()
        .filter(|s| s.marker != COM)
        .map(|s| s.bytes.to_vec())
        .collect()
}

/// Everything a test asks of a pair made from pictures `a` and `b`.
fn check_pair(pair: &JpegPair, a: &RgbaImage, b: &RgbaImage) {
    let (x, y) = (&pair.x, &pair.y);
    assert_ne!(x, y);
    assert_eq!(md5_hex(x), md5_hex(y), "the two files share their MD5");
    assert_eq!(md5_hex(x), pair.md5.to_string());
    assert_eq!(
        x[SUFFIX_AT..],
        y[SUFFIX_AT..],
        "everything after the collision is shared"
    );
    for (file, picture, twin) in [(x, a, &pair.a), (y, b, &pair.b)] {
        let own = encode::encode(picture).unwrap();
        assert_eq!((twin.width, twin.height), (own.width, own.height));
        assert_eq!(twin.alone, own.standalone.len());
        // A decoder reads SOI and then exactly the picture's own segments.
        let mut want = vec![vec![0xFF, SOI]];
        want.extend(own.pieces.iter().cloned());
        assert_eq!(read_without_comments(file), want);
        // Two decoders show exactly what the picture's JPEG shows alone.
        let (w, h, pixels) = second_decoder(file);
        assert_eq!((u32::from(w), u32::from(h)), (own.width, own.height));
        assert_eq!(pixels, second_decoder(&own.standalone).2);
        let shown = image::load_from_memory(file).unwrap().to_rgb8();
        let alone = image::load_from_memory(&own.standalone).unwrap().to_rgb8();
        assert_eq!(shown, alone);
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Photo,
    Drawing,
}

fn picture(kind: Kind, width: u32, height: u32, seed: u64) -> RgbaImage {
    match kind {
        Kind::Photo => synthetic::photo(width, height, seed),
        Kind::Drawing => synthetic::drawing(width, height, seed),
    }
}

fn side() -> impl Strategy<Value = u32> {
    prop_oneof![1u32..16, 16u32..400, 400u32..900]
}

fn one_picture() -> impl Strategy<Value = (Kind, u32, u32, u64)> {
    (
        prop_oneof![Just(Kind::Photo), Just(Kind::Drawing)],
        side(),
        side(),
        any::<u64>(),
    )
}

/// A case the random pairs once found: a drawing of 2×3 pixels, each of its own colour, lost
/// its colours to 4:2:0 chroma subsampling and was refused as not showing itself.
#[test]
fn a_tiny_drawing_keeps_its_colours() {
    let blocks = blocks();
    let a = picture(Kind::Photo, 1, 1, 0);
    let b = picture(Kind::Drawing, 2, 3, 4_721_142_028_307_331_516);
    let pair = forge_jpeg(&blocks, &a, &b).unwrap();
    check_pair(&pair, &a, &b);
}

#[test]
fn random_pairs_of_mixed_sizes_all_verify() {
    let blocks = blocks();
    let mut runner = TestRunner::new(Config {
        cases: 100,
        ..Config::default()
    });
    runner
        .run(&(one_picture(), one_picture()), |(pa, pb)| {
            let a = picture(pa.0, pa.1, pa.2, pa.3);
            let b = picture(pb.0, pb.1, pb.2, pb.3);
            let pair =
                forge_jpeg(&blocks, &a, &b).map_err(|e| TestCaseError::fail(e.to_string()))?;
            check_pair(&pair, &a, &b);
            Ok(())
        })
        .unwrap();
}

#[test]
fn twelve_megapixel_pictures_become_twins_of_at_most_the_stated_size() {
    // A smooth 12-megapixel drawing keeps the full stated maximum.
    let a = synthetic::drawing(4000, 3000, 1);
    // A photo with sensor-like noise in every pixel is scaled a little further.
    let b = synthetic::photo(3000, 4000, 2);
    let pair = forge_jpeg(&blocks(), &a, &b).unwrap();
    assert_eq!((pair.a.width, pair.a.height), (MAX_SIDE, 1536));
    let (w, h) = (pair.b.width, pair.b.height);
    assert!((MAX_SIDE * 3 / 4..=MAX_SIDE).contains(&h), "{w}x{h}");
    assert_eq!(w, (f64::from(h) * 0.75).round() as u32);
    check_pair(&pair, &a, &b);
    // The pair carries both pictures; each file is little more than the two alone.
    let overhead = pair.x.len() as f64 / (pair.a.alone + pair.b.alone) as f64;
    assert!(overhead < 1.1, "overhead {overhead:.3}");
}

#[test]
fn a_picture_whose_scans_do_not_fit_is_scaled_down_until_they_do() {
    // Pure noise: each scan of a 2048-pixel square would be far larger than a comment.
    let mut rng = hashwall::rng::Rng::new(9);
    let mut noise = RgbaImage::new(MAX_SIDE, MAX_SIDE);
    rng.fill(&mut noise);
    for p in noise.pixels_mut() {
        p.0[3] = 255;
    }
    let e = encode::encode(&noise).unwrap();
    assert!(e.width < MAX_SIDE && e.width == e.height, "{}", e.width);
    assert!(e.pieces.iter().all(|p| p.len() <= MAX_PIECE));
    let small = synthetic::drawing(50, 80, 3);
    let pair = forge_jpeg(&blocks(), &small, &noise).unwrap();
    check_pair(&pair, &small, &noise);
}

#[test]
fn the_two_files_resume_32_kib_apart_inside_their_comments() {
    let (_, resume) = blocks().check().unwrap();
    assert_eq!(resume.x.abs_diff(resume.y), GAP);
    assert!(resume.x.min(resume.y) >= SUFFIX_AT);
}

#[test]
fn bad_inputs_get_clear_errors() {
    let blocks = blocks();
    let good = synthetic::photo(40, 30, 1);
    let empty = RgbaImage::new(0, 0);
    assert_eq!(
        forge_jpeg(&blocks, &empty, &good),
        Err(ForgeError::EmptyPicture { which: "first" })
    );
    assert_eq!(
        forge_jpeg(&blocks, &good, &empty),
        Err(ForgeError::EmptyPicture { which: "second" })
    );
    let mut png = Vec::new();
    good.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    assert!(forge_jpeg_files(&blocks, &png, &png).is_ok());
    for (a, b, which) in [
        (&b"not a picture"[..], &png[..], "first"),
        (&png[..], &png[..png.len() / 2], "second"),
        (&png[..], &[][..], "second"),
    ] {
        match forge_jpeg_files(&blocks, a, b) {
            Err(ForgeError::Unreadable { which: w, .. }) => assert_eq!(w, which),
            other => panic!("expected Unreadable {which}, got {other:?}"),
        }
    }
    // Blocks that do not collide are refused before anything is built.
    let mut broken = blocks.clone();
    broken.block_y[3] ^= 1;
    assert!(matches!(
        forge_jpeg(&broken, &good, &good),
        Err(ForgeError::Blocks { .. })
    ));
}

#[test]
fn the_cli_writes_a_verified_pair_and_refuses_bad_input() {
    let dir = std::env::temp_dir().join(format!("hashwall-jpeg-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    synthetic::photo(320, 200, 4).save(path("a.png")).unwrap();
    synthetic::drawing(150, 300, 5).save(path("b.png")).unwrap();
    std::fs::write(path("bad.jpg"), b"\xFF\xD8 nothing else").unwrap();
    let forge = |args: &[String]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_forge"))
            .args(args)
            .output()
            .unwrap()
    };
    let ok = forge(&[
        "--jpeg".into(),
        path("a.png"),
        path("b.png"),
        "--out".into(),
        path("x.jpg"),
        path("y.jpg"),
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let (x, y) = (
        std::fs::read(path("x.jpg")).unwrap(),
        std::fs::read(path("y.jpg")).unwrap(),
    );
    assert_eq!(md5_hex(&x), md5_hex(&y));
    assert_eq!(second_decoder(&x).0, 320);
    assert_eq!(second_decoder(&y).0, 150);
    let bad = forge(&[
        "--jpeg".into(),
        path("bad.jpg"),
        path("b.png"),
        "--out".into(),
        path("x2.jpg"),
        path("y2.jpg"),
    ]);
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("first"), "{said}");
    assert!(!dir.join("x2.jpg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
