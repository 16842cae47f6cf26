//! The `analyse` command: one JSON line per file, good and bad, and usage errors.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/samples");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_analyse"))
        .args(args)
        .output()
        .expect("the analyse binary runs")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// A scratch directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwall-analyse-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_png(path: &Path, img: &image::RgbaImage) {
    img.save_with_format(path, image::ImageFormat::Png).unwrap();
}

#[test]
fn pictures_are_compared_with_every_reference_by_both_matchers() {
    let dir = scratch("pictures");
    let tank = format!("{SAMPLES}/tank-column.png");
    let candles = format!("{SAMPLES}/candle-vigil.png");
    let original = image::open(&tank).unwrap().to_rgba8();
    let half = dir.join("half.png");
    write_png(
        &half,
        &image::imageops::resize(&original, 320, 240, image::imageops::FilterType::Triangle),
    );
    let mirrored = dir.join("mirrored.png");
    write_png(&mirrored, &image::imageops::flip_horizontal(&original));
    let cut = dir.join("cut.png");
    let bytes = std::fs::read(&tank).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let missing = dir.join("missing.png");

    let (half, mirrored, cut, missing) = (
        half.to_str().unwrap(),
        mirrored.to_str().unwrap(),
        cut.to_str().unwrap(),
        missing.to_str().unwrap(),
    );
    let out = run(&[
        "--reference",
        &tank,
        "--reference",
        &candles,
        half,
        mirrored,
        cut,
        missing,
    ]);
    assert!(out.status.success(), "{out:?}");
    let lines = lines(&out);
    assert_eq!(lines.len(), 4);

    let matched = |line: &Value, matcher: &str| -> Vec<bool> {
        line[matcher]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["matched"].as_bool().unwrap())
            .collect()
    };
    // Half size: caught by both matchers, and only against the tanks.
    assert_eq!(lines[0]["file"], half);
    assert_eq!(lines[0]["md5"].as_str().unwrap().len(), 32);
    assert_eq!(matched(&lines[0], "visual"), [true, false]);
    assert_eq!(matched(&lines[0], "pdq"), [true, false]);
    for c in lines[0]["visual"].as_array().unwrap() {
        assert_eq!(
            c["matched"].as_bool().unwrap(),
            c["distance"].as_u64() <= c["threshold"].as_u64()
        );
    }
    assert_eq!(lines[0]["visual"][0]["reference"], tank.as_str());
    assert!(lines[0]["ocr"].is_null() && lines[0]["error"].is_null());
    assert!(lines[0]["keywords"].is_null(), "no --keywords given");
    // Mirrored: evades.
    assert_eq!(matched(&lines[1], "visual"), [false, false]);
    // A cut PNG: its MD5, no comparisons, and why.
    assert_eq!(lines[2]["md5"].as_str().unwrap().len(), 32);
    assert_eq!(lines[2]["visual"].as_array().unwrap().len(), 0);
    assert!(lines[2]["error"].as_str().unwrap().contains("truncated"));
    // A missing file: no MD5, an error, and the command went on.
    assert!(lines[3]["md5"].is_null());
    assert!(lines[3]["error"].as_str().unwrap().contains("cannot read"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn keywords_are_found_in_texts() {
    let dir = scratch("keywords");
    let list = dir.join("keywords.txt");
    std::fs::write(&list, "# Citizen Lab style\n六四+学生\n\n法轮功\n").unwrap();
    let message = dir.join("message.txt");
    std::fs::write(&message, "学生们记得六四").unwrap();
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, "今天天气很好").unwrap();
    let out = run(&[
        "--keywords",
        list.to_str().unwrap(),
        message.to_str().unwrap(),
        plain.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let lines = lines(&out);
    assert_eq!(lines[0]["keywords"], serde_json::json!(["六四+学生"]));
    assert_eq!(lines[1]["keywords"], serde_json::json!([]));
    assert_eq!(lines[0]["visual"], serde_json::json!([]));
    assert!(lines[0]["error"].is_null());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn wrong_arguments_give_usage_and_exit_2() {
    let dir = scratch("usage");
    let not_a_picture = dir.join("notes.txt");
    std::fs::write(&not_a_picture, "hello").unwrap();
    let bad_keywords = dir.join("bad.txt");
    std::fs::write(&bad_keywords, "a++b\n").unwrap();
    let tank = format!("{SAMPLES}/tank-column.png");
    for args in [
        vec![],
        vec!["--reference"],
        vec!["--reference", tank.as_str()],
        vec!["some-file.png"],
        vec!["--frobnicate", "x.png"],
        vec!["--reference", not_a_picture.to_str().unwrap(), "x.png"],
        vec!["--reference", "/no/such/reference.png", "x.png"],
        vec!["--keywords", bad_keywords.to_str().unwrap(), "x.png"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage:"),
            "{args:?}"
        );
    }
    std::fs::remove_dir_all(dir).ok();
}
