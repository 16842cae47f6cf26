//! The sample tray: deterministic pictures, committed files that match the generator,
//! pictures distinct enough for perceptual hashing, and texts whose keyword combinations
//! are really there (or, in the near-misses, one part short).

use hashwall::decode::decode_rgba;
use hashwall::fingerprint::{Digest, luminosity, md5};
use hashwall::samples::files::{self, Format};
use hashwall::samples::scenes::{SCENES, scene};
use hashwall::samples::texts::{self, CHAT_TEXTS, MEETING_NOTES, MEETING_NOTES_COMBINATION, parts};
use hashwall::samples::{self, PICTURE_HEIGHT, PICTURE_WIDTH, Sample, SampleError, SampleKind};
use image::imageops::{self, FilterType};
use image::{GrayImage, RgbaImage};
use std::collections::HashSet;
use std::path::PathBuf;

fn tray_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("www/samples")
}

/// The drawn pictures (the forged same-MD5 twins are tested in `samples::twins`).
fn pictures() -> Vec<Sample> {
    samples::catalogue()
        .into_iter()
        .filter(|s| s.kind == SampleKind::Picture && !s.id.starts_with("twin-"))
        .collect()
}

/// The luminosity greyscale scaled to 64×64: what a whole-image visual comparison starts
/// from (sources §4.5), with fine detail averaged away.
fn grey_64(rgba: &RgbaImage) -> Vec<f64> {
    let grey = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
    let grey = GrayImage::from_raw(grey.width, grey.height, grey.pixels).unwrap();
    imageops::resize(&grey, 64, 64, FilterType::Triangle)
        .pixels()
        .map(|p| p.0[0] as f64)
        .collect()
}

fn mean_abs_diff(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>() / a.len() as f64
}

/// Meta's PDQ hash (hashwall's own, full size) of the luminosity greyscale, and its quality
/// from 0 to 100.
fn pdq(rgba: &RgbaImage) -> ([u8; 32], f32) {
    let grey = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
    let hashwall::fingerprint::Pdq { hash, quality } = hashwall::fingerprint::pdq(&grey);
    (hash, quality as f32)
}

fn hamming(a: &[u8; 32], b: &[u8; 32]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// PDQ's confident-match threshold in Meta's HMA: a distance of 31 bits or less is a match
/// (docs/sources.md, C14).
const PDQ_MATCH: u32 = 31;

#[test]
fn scenes_render_identically_twice() {
    for scene in SCENES {
        let a = scene.render(PICTURE_WIDTH, PICTURE_HEIGHT);
        let b = scene.render(PICTURE_WIDTH, PICTURE_HEIGHT);
        assert!(a == b, "{} differs between two renderings", scene.id);
        // Any size works, so nothing depends on the tray's size by accident.
        assert_eq!(scene.render(160, 90).dimensions(), (160, 90));
    }
}

#[test]
fn committed_files_match_the_generator() {
    let text = std::fs::read_to_string(tray_dir().join("index.json")).expect(
        "www/samples/index.json: run `cargo run --release --bin samples -- --out www/samples`",
    );
    let index: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = index["samples"].as_array().unwrap();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = samples::catalogue().iter().map(|s| s.id).collect();
    assert_eq!(ids, expected, "index.json lists the catalogue, in order");

    let mut files = 0;
    for (entry, sample) in entries.iter().zip(samples::catalogue()) {
        assert_eq!(entry["title"], sample.title);
        assert_eq!(entry["sensitive"], sample.sensitive);
        let Some(name) = sample.file_name else {
            assert!(
                entry.get("md5").is_none(),
                "{}: chat messages have no file",
                sample.id
            );
            continue;
        };
        files += 1;
        let fresh = samples::file_bytes(&sample).unwrap();
        let listed = Digest::from_hex(entry["md5"].as_str().unwrap()).unwrap();
        assert_eq!(
            md5(&fresh),
            listed,
            "{name}: index.json is stale, regenerate the tray"
        );
        assert_eq!(entry["bytes"].as_u64(), Some(fresh.len() as u64), "{name}");
        let on_disk = std::fs::read(tray_dir().join(name)).unwrap();
        assert_eq!(
            md5(&on_disk),
            listed,
            "{name}: the committed file is stale, regenerate the tray"
        );
    }
    assert_eq!(
        files,
        pictures().len() + 6,
        "every drawn picture, the two twins, the two text files and the PDF and DOCX"
    );
}

#[test]
fn picture_files_decode_to_the_drawing_and_stay_small() {
    for sample in pictures() {
        let bytes = samples::file_bytes(&sample).unwrap();
        let decoded = decode_rgba(&bytes).unwrap();
        assert_eq!(
            decoded.dimensions(),
            (PICTURE_WIDTH, PICTURE_HEIGHT),
            "{}",
            sample.id
        );
        let drawn = samples::picture_pixels(sample.id).unwrap();
        match Format::from_mime(sample.mime).unwrap() {
            Format::Png => {
                assert!(decoded == drawn, "{}: PNG is lossless", sample.id);
                // Flat illustrations must stay light enough to ship with the page.
                assert!(
                    bytes.len() <= 150_000,
                    "{}: {} bytes",
                    sample.id,
                    bytes.len()
                );
            }
            Format::Jpeg => {
                let diff = mean_abs_diff(&grey_64(&decoded), &grey_64(&drawn));
                assert!(
                    diff < 2.0,
                    "{}: the JPEG looks like its drawing ({diff:.2})",
                    sample.id
                );
                assert!(
                    bytes.len() <= 200_000,
                    "{}: {} bytes",
                    sample.id,
                    bytes.len()
                );
            }
        }
    }
}

/// Every pair of pictures differs by at least this mean absolute difference (0–255 grey
/// levels) in the 64×64 luminosity greyscale. Re-encoding a picture as JPEG moves it by
/// less than 2 (checked below), so 15, about 6% of the range, separates "the same picture,
/// re-encoded" from "another picture" with a wide margin on both sides.
const MIN_GREY_DIFFERENCE: f64 = 15.0;

#[test]
fn pictures_are_distinct_in_greyscale() {
    let pics = pictures();
    let greys: Vec<Vec<f64>> = pics
        .iter()
        .map(|s| grey_64(&samples::picture_pixels(s.id).unwrap()))
        .collect();
    let mut same_picture = 0.0f64;
    for (sample, grey) in pics.iter().zip(&greys) {
        let drawn = samples::picture_pixels(sample.id).unwrap();
        let reencoded = decode_rgba(&files::encode(&drawn, Format::Jpeg).unwrap()).unwrap();
        same_picture = same_picture.max(mean_abs_diff(grey, &grey_64(&reencoded)));
    }
    assert!(
        same_picture < 2.0,
        "JPEG re-encoding moved a picture by {same_picture:.2}"
    );
    for i in 0..pics.len() {
        for j in i + 1..pics.len() {
            let d = mean_abs_diff(&greys[i], &greys[j]);
            assert!(
                d > MIN_GREY_DIFFERENCE,
                "{} and {} are too alike: {d:.1}",
                pics[i].id,
                pics[j].id
            );
        }
    }
    let vigil = pics.iter().position(|s| s.id == "candle-vigil").unwrap();
    let cake = pics.iter().position(|s| s.id == "birthday-cake").unwrap();
    assert!(
        samples::picture_pixels("candle-vigil").unwrap()
            != samples::picture_pixels("birthday-cake").unwrap()
    );
    assert!(mean_abs_diff(&greys[vigil], &greys[cake]) > MIN_GREY_DIFFERENCE);
}

#[test]
fn perceptual_hashes_tell_every_picture_apart() {
    // The camouflaged leaflet is blank in greyscale, so PDQ has nothing to hash: that is its
    // point, and it is checked below.
    let pics: Vec<Sample> = pictures()
        .into_iter()
        .filter(|s| s.id != CAMOUFLAGE)
        .collect();
    let hashes: Vec<[u8; 32]> = pics
        .iter()
        .map(|s| {
            let (hash, quality) = pdq(&samples::picture_pixels(s.id).unwrap());
            // HMA discards hashes of quality 49 or less: too little structure to match on.
            assert!(quality >= 50.0, "{}: PDQ quality {quality}", s.id);
            hash
        })
        .collect();
    let (_, quality) = pdq(&samples::picture_pixels(CAMOUFLAGE).unwrap());
    assert!(
        quality < 50.0,
        "the camouflage gives PDQ {quality} to go on"
    );
    for i in 0..pics.len() {
        for j in i + 1..pics.len() {
            let d = hamming(&hashes[i], &hashes[j]);
            assert!(
                d > PDQ_MATCH,
                "PDQ would match {} with {}: {d} bits",
                pics[i].id,
                pics[j].id
            );
        }
    }
    // And the hash does call a re-encoded copy the same picture, so the test can tell.
    let lake = samples::picture_pixels("mountain-lake").unwrap();
    let jpeg =
        decode_rgba(&samples::file_bytes(&samples::sample("mountain-lake").unwrap()).unwrap())
            .unwrap();
    assert!(hamming(&pdq(&lake).0, &pdq(&jpeg).0) <= PDQ_MATCH);
}

/// Every combination used anywhere in the tray.
fn all_combinations() -> Vec<&'static str> {
    let mut all: Vec<&str> = CHAT_TEXTS
        .iter()
        .filter_map(|t| t.combination.or(t.near_miss_of))
        .collect();
    all.push(MEETING_NOTES_COMBINATION);
    all.sort();
    all.dedup();
    all
}

fn complete_in(text: &str) -> Vec<&'static str> {
    all_combinations()
        .into_iter()
        .filter(|c| parts(c).all(|p| text.contains(p)))
        .collect()
}

#[test]
fn blocked_texts_contain_every_part_of_their_combination() {
    let blocked: Vec<_> = CHAT_TEXTS
        .iter()
        .filter(|t| t.combination.is_some())
        .collect();
    assert!(blocked.len() >= 4);
    for t in blocked {
        let combination = t.combination.unwrap();
        assert!(
            parts(combination).count() >= 2,
            "{}: a combination has several parts",
            t.id
        );
        for part in parts(combination) {
            assert!(t.text.contains(part), "{} lacks {part}", t.id);
        }
        assert!(
            t.source.is_some(),
            "{}: cite where the combination comes from",
            t.id
        );
        // Nothing else in the tray is complete in it, so the UI's "why" is unambiguous.
        assert_eq!(complete_in(t.text), vec![combination], "{}", t.id);
    }
    for part in parts(MEETING_NOTES_COMBINATION) {
        assert!(
            MEETING_NOTES.contains(part),
            "the meeting notes lack {part}"
        );
    }
    assert_eq!(complete_in(MEETING_NOTES), vec![MEETING_NOTES_COMBINATION]);
}

#[test]
fn overlapping_parts_share_a_character() {
    // The Citizen Lab's example: 調整 and 整體 overlap in 調整體; both count.
    let t = CHAT_TEXTS
        .iter()
        .find(|t| t.combination == Some("帶來+調整+整體+領域"))
        .unwrap();
    assert!(t.text.contains("調整體"));
}

#[test]
fn each_near_miss_lacks_exactly_one_part() {
    let near: Vec<_> = CHAT_TEXTS
        .iter()
        .filter(|t| t.near_miss_of.is_some())
        .collect();
    for t in &near {
        let of = t.near_miss_of.unwrap();
        let missing: Vec<&str> = parts(of).filter(|p| !t.text.contains(p)).collect();
        assert_eq!(missing.len(), 1, "{} misses {missing:?} of {of}", t.id);
        assert!(
            t.combination.is_none(),
            "{}: a near-miss contains no combination",
            t.id
        );
        assert!(complete_in(t.text).is_empty(), "{}", t.id);
        // Its blocked twin is in the tray too.
        assert!(
            CHAT_TEXTS.iter().any(|b| b.combination == Some(of)),
            "{}: no blocked twin",
            t.id
        );
    }
    // Every blocked message has its near-miss.
    for b in CHAT_TEXTS.iter().filter_map(|t| t.combination) {
        assert!(
            near.iter().any(|t| t.near_miss_of == Some(b)),
            "{b} has no near-miss"
        );
    }
}

#[test]
fn neutral_texts_complete_no_combination() {
    let neutral: Vec<_> = CHAT_TEXTS
        .iter()
        .filter(|t| t.combination.is_none() && t.near_miss_of.is_none())
        .collect();
    assert!(neutral.len() >= 2);
    for t in neutral {
        assert!(complete_in(t.text).is_empty(), "{}", t.id);
    }
}

#[test]
fn catalogue_is_complete_and_consistent() {
    let all = samples::catalogue();
    let ids: HashSet<&str> = all.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    let names: Vec<&str> = all.iter().filter_map(|s| s.file_name).collect();
    assert_eq!(
        names.iter().collect::<HashSet<_>>().len(),
        names.len(),
        "file names are unique"
    );

    let pics = pictures();
    assert!(pics.iter().filter(|s| s.sensitive).count() >= 3);
    assert!(pics.iter().filter(|s| !s.sensitive).count() >= 5);
    assert_eq!(pics.len(), SCENES.len(), "every scene is in the tray");
    for s in &pics {
        assert!(scene(s.id).is_some(), "{} has a scene", s.id);
        assert!(Format::from_mime(s.mime).is_some(), "{}", s.id);
    }
    for s in &all {
        assert!(!s.title.is_empty() && !s.caption.is_empty(), "{}", s.id);
        assert!(
            !s.caption.contains('\n'),
            "{}: the caption is one line",
            s.id
        );
        match s.kind {
            SampleKind::Text => {
                assert!(
                    s.text.is_some() && s.gloss.is_some() && s.file_name.is_none(),
                    "{}",
                    s.id
                );
                assert_eq!(s.sensitive, s.combination.is_some(), "{}", s.id);
            }
            SampleKind::Document => {
                // The text the server reads: PDF and DOCX go through the documents reader.
                let bytes = samples::file_bytes(s).unwrap();
                let facts = hashwall::filters::analyse_file(s.file_name.unwrap(), s.mime, &bytes);
                assert_eq!(facts.problem, None, "{}", s.id);
                let text = facts.text.expect("a document's text is read");
                let text = text.as_str();
                assert_eq!(s.sensitive, s.combination.is_some(), "{}", s.id);
                // A sensitive document completes its combination; a benign one completes none.
                assert_eq!(
                    complete_in(text),
                    s.combination.into_iter().collect::<Vec<_>>(),
                    "{}",
                    s.id
                );
            }
            SampleKind::Picture => {
                let ext = match s.mime {
                    "image/png" => ".png",
                    "image/gif" => ".gif",
                    _ => ".jpg",
                };
                assert!(s.file_name.unwrap().ends_with(ext), "{}", s.id);
            }
        }
    }
    assert_eq!(
        pics.iter().filter(|s| s.mime == "image/jpeg").count(),
        1,
        "one photo-like JPEG"
    );
}

const LEAFLET: &str = "protest-leaflet";
const CAMOUFLAGE: &str = "leaflet-camouflage";
const MENU: &str = "noodle-menu";

fn grey_of(id: &str) -> Vec<u8> {
    let rgba = samples::picture_pixels(id).unwrap();
    luminosity(rgba.width(), rgba.height(), rgba.as_raw()).pixels
}

#[test]
fn the_leaflet_is_black_on_white_in_greyscale() {
    // What an OCR needs: dark strokes against a light page. Its three lines of 50 to 104 px
    // type cover several percent of the picture.
    let grey = grey_of(LEAFLET);
    let dark = grey.iter().filter(|&&v| v < 80).count();
    let light = grey.iter().filter(|&&v| v > 200).count();
    assert!(dark > 20_000, "{dark} dark pixels");
    assert!(light > 200_000, "{light} light pixels");
    assert!(
        dark + light > grey.len() * 95 / 100,
        "crisp: few greys between"
    );
}

#[test]
fn the_camouflaged_leaflet_shows_its_words_in_colour_only() {
    let plain = samples::picture_pixels(LEAFLET).unwrap();
    let camouflaged = samples::picture_pixels(CAMOUFLAGE).unwrap();
    // Blank in luminosity greyscale, which the OCR and the visual filter read.
    let grey = grey_of(CAMOUFLAGE);
    let (lo, hi) = (grey.iter().min().unwrap(), grey.iter().max().unwrap());
    assert!(hi - lo <= 2, "greyscale range {lo}..={hi}");
    // In colour, the same leaflet: where the plain one has ink, the red stands out from the
    // grey paper (taken from the corner, outside the frame); where it has paper, paper.
    let (white, paper) = (plain.get_pixel(4, 4).0, camouflaged.get_pixel(4, 4).0);
    let (mut ink, mut red_gap) = (0u64, 0u64);
    for (p, c) in plain.pixels().zip(camouflaged.pixels()) {
        let luma = (299 * p.0[0] as u32 + 587 * p.0[1] as u32 + 114 * p.0[2] as u32) / 1000;
        if luma < 80 {
            ink += 1;
            red_gap += (c.0[0] as i32 - paper[0] as i32).unsigned_abs() as u64;
        } else if p.0 == white {
            assert_eq!(c.0, paper, "the paper is one grey");
        }
    }
    assert!(ink > 20_000, "{ink} ink pixels");
    let mean = red_gap as f64 / ink as f64;
    assert!(
        mean > 100.0,
        "the words differ from the paper by {mean:.0} in red"
    );
}

#[test]
fn the_words_on_the_pictures_meet_the_default_keyword_list_as_their_samples_say() {
    // The sandbox's own lists and matcher, every chat feature's entries.
    let (platform, _) = hashwall::platform::preset(1, Vec::new());
    let lists = platform.lists();
    let all = hashwall::platform::Feature::ALL;
    let leaflet = samples::sample(LEAFLET).unwrap();
    let hit = lists
        .find_keyword(&texts::leaflet_text(), &all)
        .unwrap()
        .expect("the leaflet's words complete a listed combination");
    assert_eq!(Some(hit.combination.as_str()), leaflet.combination);
    assert!(leaflet.sensitive && !samples::references::is_reference(&leaflet));
    // Each line alone passes: only the words together are listed.
    for line in texts::LEAFLET_LINES {
        assert_eq!(lists.find_keyword(line, &all).unwrap(), None, "{line}");
    }
    assert_eq!(lists.find_keyword(&texts::menu_text(), &all).unwrap(), None);
    for id in [CAMOUFLAGE, MENU] {
        let sample = samples::sample(id).unwrap();
        assert!(!sample.sensitive && sample.combination.is_none(), "{id}");
    }
}

#[test]
fn every_lettered_character_has_its_glyph_in_the_shipped_subset() {
    use ab_glyph::Font;
    let font = samples::lettering::font();
    let text = texts::leaflet_text() + &texts::menu_text();
    for ch in text.chars().filter(|c| *c != '\n') {
        assert_ne!(
            font.glyph_id(ch).0,
            0,
            "{ch:?} is not in assets/fonts: add it to scripts/subset-font.sh and run it"
        );
    }
    let size = std::fs::metadata(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("assets/fonts/NotoSansCJKsc-Bold-subset.otf"),
    )
    .unwrap()
    .len();
    assert!(size < 100_000, "a subset, not the whole font: {size} bytes");
    for id in samples::scenes::LETTERED {
        assert!(scene(id).is_some() && samples::sample(id).is_some(), "{id}");
    }
}

#[test]
fn asking_for_what_is_not_a_file_is_an_error() {
    let chat = samples::sample("text-hot-pot").unwrap();
    let err = samples::file_bytes(&chat).unwrap_err();
    assert_eq!(err, SampleError::NotAFile("text-hot-pot"));
    assert!(err.to_string().contains("chat message"));
    let err = samples::picture_pixels("no-such-picture").unwrap_err();
    assert_eq!(
        err.to_string(),
        "there is no sample called \"no-such-picture\""
    );
    assert!(samples::sample("no-such-sample").is_none());
}

#[test]
fn committed_thumbnails_match_the_generator_and_stay_light() {
    let mut total = 0;
    for sample in samples::catalogue()
        .into_iter()
        .filter(|s| s.kind == SampleKind::Picture)
    {
        let fresh = samples::thumbnail_bytes(&sample).unwrap();
        let name = samples::thumbnail_name(&sample);
        let on_disk = std::fs::read(tray_dir().join("thumbs").join(&name)).unwrap_or_else(|_| {
            panic!("www/samples/thumbs/{name} is missing: regenerate the tray")
        });
        assert!(
            on_disk == fresh,
            "{name}: the committed thumbnail is stale, regenerate the tray"
        );
        let decoded = decode_rgba(&fresh).unwrap();
        assert_eq!(
            decoded.dimensions(),
            (samples::THUMB_WIDTH, samples::THUMB_HEIGHT),
            "{name}"
        );
        total += fresh.len();
    }
    // The first visit to the sandbox fetches them all: they must stay a small part of the
    // 600 KB a first load may cost.
    assert!(total < 80_000, "thumbnails total {total} bytes");
}
