//! Bad and unusual inputs, from files: each is used sensibly or refused with a clear message.
//! And one run on two 12-megapixel JPEGs, the size a phone camera produces.

use hashwall::decode::DecodeError;
use hashwall::fingerprint::md5;
use hashwall::forge::fit::BACKGROUND;
use hashwall::forge::{ForgeError, blocks_for, forge_files, parse_blocks, synthetic};
use image::{ImageEncoder, Rgba, RgbaImage};

fn png(img: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

fn jpeg(img: &RgbaImage) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&rgb)
        .unwrap();
    out
}

/// RGBA of pixel (x, y) in a pair's shown picture on a 640-wide canvas.
fn at(shown: &[u8], x: usize, y: usize) -> [u8; 4] {
    let i = 4 * (y * 640 + x);
    shown[i..i + 4].try_into().unwrap()
}

fn other() -> Vec<u8> {
    png(&synthetic::drawing(64, 48, 9))
}

#[test]
fn a_damaged_picture_is_refused_clearly() {
    let good = png(&synthetic::photo(64, 64, 1));
    let err = forge_files(&blocks_for(640, 480), &good[..good.len() / 2], &other()).unwrap_err();
    assert!(
        matches!(
            err,
            ForgeError::Unreadable {
                which: "first",
                error: DecodeError::Truncated
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the first picture cannot be used: the picture is cut short"),
        "{err}"
    );
    // Damaged rather than cut short: the compressed data scrambled in the middle.
    let mut damaged = good.clone();
    let idat = damaged.windows(4).position(|w| w == b"IDAT").unwrap() + 8;
    damaged[idat..idat + 64].iter_mut().for_each(|x| *x ^= 0xA5);
    let err = forge_files(&blocks_for(640, 480), &damaged, &other()).unwrap_err();
    assert!(
        matches!(
            err,
            ForgeError::Unreadable {
                which: "first",
                error: DecodeError::Corrupt(_)
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the first picture cannot be used: the picture is damaged"),
        "{err}"
    );
}

#[test]
fn a_non_picture_and_an_empty_file_are_refused() {
    let err = forge_files(&blocks_for(640, 480), &other(), b"%PDF-1.7 not a picture").unwrap_err();
    assert_eq!(
        err,
        ForgeError::Unreadable {
            which: "second",
            error: DecodeError::NotAPicture
        }
    );
    assert!(
        err.to_string().contains("not a picture this app can read"),
        "{err}"
    );
    let err = forge_files(&blocks_for(640, 480), b"", &other()).unwrap_err();
    assert_eq!(
        err,
        ForgeError::Unreadable {
            which: "first",
            error: DecodeError::Empty
        }
    );
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_header_claiming_20000_by_20000_is_refused_before_decoding() {
    // A real 1×1 PNG whose header is changed to claim 20000×20000 (with a correct CRC). Its
    // body could never fill that, so "too large" proves the header alone was judged.
    let mut file = png(&RgbaImage::from_pixel(1, 1, Rgba([1, 2, 3, 255])));
    file[16..20].copy_from_slice(&20_000u32.to_be_bytes());
    file[20..24].copy_from_slice(&20_000u32.to_be_bytes());
    let crc = crc32(&file[12..29]);
    file[29..33].copy_from_slice(&crc.to_be_bytes());
    let err = forge_files(&blocks_for(512, 512), &other(), &file).unwrap_err();
    assert_eq!(
        err,
        ForgeError::Unreadable {
            which: "second",
            error: DecodeError::TooLarge {
                width: 20_000,
                height: 20_000
            }
        }
    );
    assert!(err.to_string().contains("20000×20000"), "{err}");
}

#[test]
fn a_one_pixel_picture_fills_the_canvas_height() {
    let dot = RgbaImage::from_pixel(1, 1, Rgba([200, 30, 60, 255]));
    let pair = forge_files(&blocks_for(640, 480), &png(&dot), &other()).unwrap();
    assert_eq!(md5(&pair.x), md5(&pair.y));
    // Contain: a 480×480 square in the middle, grey letterbox at the sides.
    assert_eq!(at(&pair.shown_a, 320, 240), [200, 30, 60, 255]);
    assert_eq!(at(&pair.shown_a, 80, 0), [200, 30, 60, 255]);
    assert_eq!(
        at(&pair.shown_a, 79, 0),
        [BACKGROUND[0], BACKGROUND[1], BACKGROUND[2], 255]
    );
}

#[test]
fn a_transparent_png_is_composited_over_white() {
    let mut img = RgbaImage::from_pixel(64, 48, Rgba([0, 0, 0, 0]));
    img.put_pixel(0, 0, Rgba([0, 0, 255, 255]));
    let pair = forge_files(&blocks_for(640, 480), &png(&img), &other()).unwrap();
    assert_eq!(at(&pair.shown_a, 320, 240), [255, 255, 255, 255]);
    assert_eq!(at(&pair.shown_a, 0, 0), [0, 0, 255, 255]);
}

#[test]
fn an_animated_gif_gives_its_first_frame() {
    let mut file = Vec::new();
    {
        let palette = [255, 0, 0, 0, 0, 255];
        let mut enc = gif::Encoder::new(&mut file, 8, 6, &palette).unwrap();
        enc.set_repeat(gif::Repeat::Infinite).unwrap();
        for index in [0u8, 1] {
            let frame = gif::Frame {
                width: 8,
                height: 6,
                delay: 50,
                buffer: vec![index; 48].into(),
                ..Default::default()
            };
            enc.write_frame(&frame).unwrap();
        }
    }
    let pair = forge_files(&blocks_for(640, 480), &other(), &file).unwrap();
    assert_eq!(
        at(&pair.shown_b, 320, 240),
        [255, 0, 0, 255],
        "the first frame is red"
    );
    // And the forged file itself is a still picture: one frame.
    let frames = image::AnimationDecoder::into_frames(
        image::codecs::gif::GifDecoder::new(std::io::Cursor::new(&pair.y)).unwrap(),
    );
    assert_eq!(frames.count(), 1);
}

#[test]
fn a_blocks_file_with_a_false_md5_or_a_bad_line_is_refused() {
    let text = include_str!("../../data/fastcoll/gif-reference-collisions.txt");
    assert_eq!(parse_blocks(text).unwrap().len(), 15);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.starts_with('#')).unwrap();
    let mut fields: Vec<String> = lines[first].split(' ').map(String::from).collect();
    fields[5] = fields[5].replace(&fields[5][..2], "ff");
    let mut bad = lines.clone();
    let changed = fields.join(" ");
    bad[first] = &changed;
    let err = parse_blocks(&bad.join("\n")).unwrap_err();
    assert!(
        matches!(err, ForgeError::Blocks { line, .. } if line == first + 1),
        "{err:?}"
    );
    assert!(err.to_string().contains("the MD5 is "), "{err}");
    let err = parse_blocks("640 480 not enough fields").unwrap_err();
    assert_eq!(
        err.to_string(),
        "collision blocks, line 1: expected 7 fields (width height prefix block_x block_y md5 v), found 5"
    );
}

#[test]
fn two_twelve_megapixel_jpegs_forge_and_verify() {
    let (a, b) = (
        jpeg(&synthetic::photo(4000, 3000, 21)),
        jpeg(&synthetic::photo(3000, 4000, 22)),
    );
    let pair = forge_files(&blocks_for(640, 480), &a, &b).unwrap();
    assert_eq!(md5(&pair.x), md5(&pair.y));
    assert_ne!(pair.x, pair.y);
    assert_eq!(pair.shown_a.len(), 640 * 480 * 4);
    // A fills the canvas; B (portrait) is letterboxed at the sides.
    assert_ne!(
        at(&pair.shown_a, 0, 0),
        [BACKGROUND[0], BACKGROUND[1], BACKGROUND[2], 255]
    );
    assert_eq!(
        at(&pair.shown_b, 0, 0),
        [BACKGROUND[0], BACKGROUND[1], BACKGROUND[2], 255]
    );
    // Each file carries both pictures: the one it shows and the one it skips.
    assert!(
        pair.stats.data_a > 100_000,
        "a detailed photo gives large LZW data: {}",
        pair.stats.data_a
    );
    assert!(pair.x.len() > pair.stats.data_a + pair.stats.data_b);
}
