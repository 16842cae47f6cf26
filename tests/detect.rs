//! Tests of the collision detector: every collision we have, of both classes, is found in both
//! files at the right blocks, and nothing is found in random data or in the machine's own files.
//!
//! Collisions come from: our sample twins and shipped GIF blocks, fresh runs of our own attack,
//! the 30 reference fastcoll vectors, the 15 reference GIF collisions, Wang et al.'s 2004
//! collisions and two published UniColl collisions (`data/detect/PROVENANCE.md`).

mod common;

use hashwall::collide::{Control, collide, pad_prefix};
use hashwall::detect::{CollisionClass, Detection, Detector, Role, Scan, scan};
use hashwall::fingerprint::md5;
use hashwall::rng::Rng;
use std::path::{Path, PathBuf};
use std::process::Command;

const VECTORS: &str = include_str!("../data/fastcoll/vectors.txt");
const GIF_REFERENCE: &str = include_str!("../data/fastcoll/gif-reference-collisions.txt");
const GIF_BLOCKS: &str = include_str!("../www/collisions/gif-blocks.txt");
const WANG2004: &str = include_str!("../data/detect/wang2004.txt");
const UNICOLL: &str = include_str!("../data/detect/unicoll.txt");

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex {s}");
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

/// Two files that collide: `prefix ‖ x` and `prefix ‖ y` (prefix a multiple of 64 bytes).
#[derive(Clone)]
struct Pair {
    name: String,
    prefix: Vec<u8>,
    x: Vec<u8>,
    y: Vec<u8>,
}

impl Pair {
    fn file(&self, which: &[u8], suffix: &[u8]) -> Vec<u8> {
        [&self.prefix[..], which, suffix].concat()
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect())
}

/// `name prefix|- x y md5` lines (data/detect/*.txt); the listed MD5 is checked here, so a
/// transcription error cannot pass as a collision.
fn listed_pairs(text: &str) -> Vec<Pair> {
    data_lines(text)
        .map(|f| {
            assert_eq!(f.len(), 5, "{f:?}");
            let prefix = if f[1] == "-" { Vec::new() } else { unhex(f[1]) };
            let pair = Pair {
                name: f[0].to_string(),
                prefix: pad_prefix(&prefix),
                x: unhex(f[2]),
                y: unhex(f[3]),
            };
            assert_eq!(pair.prefix, prefix, "{}: prefix is whole blocks", pair.name);
            let (fx, fy) = (pair.file(&pair.x, &[]), pair.file(&pair.y, &[]));
            assert_ne!(fx, fy, "{}", pair.name);
            assert_eq!(md5(&fx).hex(), f[4], "{}: MD5 of file X", pair.name);
            assert_eq!(md5(&fy).hex(), f[4], "{}: MD5 of file Y", pair.name);
            pair
        })
        .collect()
}

/// `width height prefix x y md5 v` lines (the GIF block files).
fn gif_pairs(text: &str, source: &str) -> Vec<Pair> {
    data_lines(text)
        .map(|f| Pair {
            name: format!("{source} {}x{} md5 {}", f[0], f[1], f[5]),
            prefix: unhex(f[2]),
            x: unhex(f[3]),
            y: unhex(f[4]),
        })
        .collect()
}

/// The 30 vectors of data/fastcoll/vectors.txt (prefix zero-padded as the tool did).
fn vector_pairs() -> Vec<Pair> {
    let mut out: Vec<Pair> = Vec::new();
    let mut prefix = Vec::new();
    let mut x = Vec::new();
    for (key, value) in common::key_values(VECTORS) {
        match key {
            "prefix" if value == "-" => prefix = Vec::new(),
            "prefix" => prefix = unhex(value),
            "suffix1" => x = unhex(value),
            "suffix2" => out.push(Pair {
                name: format!("vector {}", out.len() + 1),
                prefix: pad_prefix(&prefix),
                x: std::mem::take(&mut x),
                y: unhex(value),
            }),
            _ => {}
        }
    }
    assert_eq!(out.len(), 30);
    out
}

/// The two blocks of a collision at `offset` in one file, as the detector must report them.
fn expected(offset: u64, class: CollisionClass) -> Vec<Detection> {
    vec![
        Detection {
            offset,
            class,
            role: Role::NearCollision,
        },
        Detection {
            offset: offset + 64,
            class,
            role: Role::Collision,
        },
    ]
}

/// Both files of a pair, bare and followed by a common suffix: same MD5 (the ordinary one), and
/// exactly the two collision blocks found in each.
fn assert_detected(pair: &Pair, class: CollisionClass, rng: &mut Rng) {
    let mut suffix = vec![0u8; rng.range(1, 300) as usize];
    rng.fill(&mut suffix);
    let offset = pair.prefix.len() as u64;
    for tail in [&[][..], &suffix[..]] {
        let (fx, fy) = (pair.file(&pair.x, tail), pair.file(&pair.y, tail));
        let (sx, sy) = (scan(&fx), scan(&fy));
        assert_eq!(sx.md5, md5(&fx), "{}: MD5 of X", pair.name);
        assert_eq!(sy.md5, sx.md5, "{}: the pair collides", pair.name);
        assert_eq!(sx.blocks, expected(offset, class), "{}: file X", pair.name);
        assert_eq!(sy.blocks, expected(offset, class), "{}: file Y", pair.name);
    }
}

#[test]
fn our_jpeg_twins_are_both_flagged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/samples");
    let sensitive = std::fs::read(dir.join("twin-sensitive.jpg")).unwrap();
    let benign = std::fs::read(dir.join("twin-benign.jpg")).unwrap();
    assert_ne!(sensitive, benign);
    let first_diff = sensitive
        .iter()
        .zip(&benign)
        .position(|(a, b)| a != b)
        .unwrap();
    let offset = (first_diff / 64 * 64) as u64;
    for file in [&sensitive, &benign] {
        let s = scan(file);
        assert_eq!(s.md5, md5(file));
        assert_eq!(s.blocks, expected(offset, CollisionClass::Fastcoll));
    }
}

#[test]
fn every_shipped_gif_block_pair_is_flagged() {
    let pairs = gif_pairs(GIF_BLOCKS, "gif-blocks");
    assert_eq!(pairs.len(), 15);
    let mut rng = Rng::new(1);
    for pair in &pairs {
        assert_detected(pair, CollisionClass::Fastcoll, &mut rng);
    }
}

#[test]
fn reference_gif_collisions_are_flagged() {
    let pairs = gif_pairs(GIF_REFERENCE, "gif-reference");
    assert_eq!(pairs.len(), 15);
    let mut rng = Rng::new(2);
    for pair in &pairs {
        assert_detected(pair, CollisionClass::Fastcoll, &mut rng);
    }
}

#[test]
fn the_thirty_fastcoll_vectors_are_flagged() {
    let mut rng = Rng::new(3);
    for pair in &vector_pairs() {
        assert_detected(pair, CollisionClass::Fastcoll, &mut rng);
    }
}

#[test]
fn wang_2004_collisions_collide_and_are_flagged() {
    let pairs = listed_pairs(WANG2004);
    assert_eq!(pairs.len(), 2);
    let mut rng = Rng::new(4);
    for pair in &pairs {
        assert_detected(pair, CollisionClass::Fastcoll, &mut rng);
    }
}

#[test]
fn published_unicoll_collisions_collide_and_are_flagged() {
    let pairs = listed_pairs(UNICOLL);
    assert_eq!(pairs.len(), 2);
    let mut rng = Rng::new(5);
    for pair in &pairs {
        // UniColl's signature: +1 at byte 9 of the first block, −1 at byte 9 of the second.
        let diffs: Vec<usize> = (0..128).filter(|&i| pair.x[i] != pair.y[i]).collect();
        assert_eq!(diffs, [9, 73], "{}", pair.name);
        assert_detected(pair, CollisionClass::Unicoll, &mut rng);
    }
}

#[test]
fn fresh_collisions_of_our_own_attack_are_flagged() {
    let mut rng = Rng::new(6);
    for (seed, prefix) in [
        (101, &b""[..]),
        (102, &b"hashwall detector test"[..]),
        (103, &[0xffu8; 64][..]),
    ] {
        let c = collide(prefix, seed, &mut |_| Control::Continue).unwrap();
        let pair = Pair {
            name: format!("collide seed {seed}"),
            prefix: c.padded_prefix.clone(),
            x: c.block_x.to_vec(),
            y: c.block_y.to_vec(),
        };
        assert_detected(&pair, CollisionClass::Fastcoll, &mut rng);
    }
}

#[test]
fn chained_collisions_are_all_flagged() {
    // A file with two collisions in a row (the second made after the first): four blocks.
    let first = collide(b"", 201, &mut |_| Control::Continue).unwrap();
    let second = collide(&first.file_x(), 202, &mut |_| Control::Continue).unwrap();
    let file = second.file_y();
    let s = scan(&file);
    let mut want = expected(0, CollisionClass::Fastcoll);
    want.extend(expected(128, CollisionClass::Fastcoll));
    assert_eq!(s.blocks, want);
    assert_eq!(s.md5, md5(&second.file_x()));
}

#[test]
fn one_changed_bit_undoes_the_detection() {
    // The checks must rest on the exact bytes: a bit flipped in the second block leaves only the
    // near-collision; one flipped in the first block also changes the chaining value the second
    // block needed, so nothing is left.
    let mut rng = Rng::new(9);
    let pairs = [&vector_pairs()[..5], &listed_pairs(UNICOLL)[..]].concat();
    for pair in &pairs {
        let class = if pair.name.starts_with("corkami") {
            CollisionClass::Unicoll
        } else {
            CollisionClass::Fastcoll
        };
        let offset = pair.prefix.len() as u64;
        for (byte, want) in [
            (
                rng.range(64, 127) as usize,
                vec![expected(offset, class)[0]],
            ),
            (rng.range(0, 63) as usize, vec![]),
        ] {
            let mut x = pair.x.clone();
            x[byte] ^= 1 << rng.range(0, 7);
            assert_eq!(
                scan(&pair.file(&x, &[])).blocks,
                want,
                "{} byte {byte}",
                pair.name
            );
        }
    }
}

#[test]
fn chunking_does_not_change_the_scan() {
    let pair = &listed_pairs(UNICOLL)[1];
    let mut rng = Rng::new(7);
    let mut suffix = vec![0u8; 5000];
    rng.fill(&mut suffix);
    let file = pair.file(&pair.y, &suffix);
    let whole = scan(&file);
    assert_eq!(whole.blocks.len(), 2);
    for _ in 0..200 {
        let mut d = Detector::new();
        let mut at = 0;
        while at < file.len() {
            let step = (rng.range(0, 150) as usize).min(file.len() - at);
            d.feed(&file[at..at + step]);
            at += step;
        }
        assert_eq!(d.len(), file.len() as u64);
        assert_eq!(d.finish(), whole);
    }
}

#[test]
fn a_scan_round_trips_through_json_with_readable_names() {
    let pair = &listed_pairs(WANG2004)[1];
    let s = scan(&pair.file(&pair.x, &[]));
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        json,
        format!(
            r#"{{"md5":"{}","blocks":[{{"offset":0,"class":"fastcoll","role":"near-collision"}},{{"offset":64,"class":"fastcoll","role":"collision"}}]}}"#,
            s.md5
        )
    );
    assert_eq!(serde_json::from_str::<Scan>(&json).unwrap(), s);
}

#[test]
fn md5_is_the_ordinary_one_for_every_length_around_the_padding() {
    let mut data = vec![0u8; 300];
    Rng::new(8).fill(&mut data);
    for len in 0..data.len() {
        assert_eq!(scan(&data[..len]).md5, md5(&data[..len]), "length {len}");
    }
}

/// Seeded files of mixed sizes and kinds: random bytes, and low-entropy ones (a repeated byte,
/// a counter, text-like) where structure might fool a careless check.
fn random_file(rng: &mut Rng, n: usize) -> Vec<u8> {
    let len = match n % 4 {
        0 => rng.range(0, 200),
        _ => rng.range(0, 64 << 10),
    } as usize;
    let mut data = vec![0u8; len];
    match n % 10 {
        0 => data.fill(rng.next_u32() as u8),
        1 => data
            .iter_mut()
            .enumerate()
            .for_each(|(i, b)| *b = (i as u32).wrapping_mul(0x01010101 + n as u32) as u8),
        2 => data
            .iter_mut()
            .for_each(|b| *b = b" etaoinshrdlu\n"[rng.range(0, 13) as usize]),
        _ => rng.fill(&mut data),
    }
    data
}

#[test]
fn no_detection_in_ten_thousand_random_files() {
    let mut rng = Rng::new(0xfa15e);
    let (mut bytes, mut flagged) = (0u64, Vec::new());
    for n in 0..10_000 {
        let data = random_file(&mut rng, n);
        bytes += data.len() as u64;
        let s = scan(&data);
        if !s.blocks.is_empty() {
            flagged.push((n, s.blocks));
        }
        // The ordinary MD5 on a sample (all files would double the test's time).
        if n % 16 == 0 {
            assert_eq!(s.md5, md5(&data), "file {n}");
        }
    }
    assert!(bytes > 200 << 20, "{bytes} bytes");
    assert!(flagged.is_empty(), "false positives: {flagged:?}");
}

/// Regular files under `root`, in name order, skipping what cannot be listed.
fn walk(root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            walk(&e.path(), out);
        } else if kind.is_file() {
            out.push(e.path());
        }
    }
}

/// The machine's own files: thousands of real formats (fonts, images, libraries, text), an
/// evenly spaced sample of everything under /usr/share and /usr/lib, at most 400 MB in all.
/// About 2 s on the development VM with warm caches; on a machine without those directories
/// there is nothing to check and the test says so.
#[test]
fn no_detection_in_the_machines_files() {
    const FILES: usize = 3000;
    const MAX_FILE: u64 = 32 << 20;
    const MAX_TOTAL: u64 = 400 << 20;
    let mut paths = Vec::new();
    for root in ["/usr/share", "/usr/lib"] {
        walk(Path::new(root), &mut paths);
    }
    let stride = (paths.len() / FILES).max(1);
    let (mut files, mut bytes, mut flagged) = (0, 0u64, Vec::new());
    for path in paths.iter().step_by(stride) {
        let Ok(meta) = std::fs::metadata(path) else {
            continue;
        };
        if meta.len() > MAX_FILE || bytes + meta.len() > MAX_TOTAL {
            continue;
        }
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        files += 1;
        bytes += data.len() as u64;
        let s: Scan = scan(&data);
        if !s.blocks.is_empty() {
            flagged.push((path, s.blocks));
        }
    }
    eprintln!("scanned {files} of the machine's files, {bytes} bytes");
    if files < 100 {
        eprintln!("too few readable files under /usr/share and /usr/lib to be a check");
    }
    assert!(flagged.is_empty(), "detections: {flagged:?}");
}

#[test]
fn cli_prints_one_json_line_per_file_and_goes_on_after_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/samples");
    let twin = dir.join("twin-benign.jpg");
    let plain = dir.join("meeting-notes.txt");
    let missing = dir.join("no-such-file.bin");
    let out = Command::new(env!("CARGO_BIN_EXE_detect"))
        .args([&twin, &missing, &plain])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);

    let twin_bytes = std::fs::read(&twin).unwrap();
    assert_eq!(lines[0]["file"], twin.to_str().unwrap());
    assert_eq!(lines[0]["md5"], md5(&twin_bytes).hex());
    assert_eq!(lines[0]["error"], serde_json::Value::Null);
    let blocks = lines[0]["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0]["class"], "fastcoll");
    assert_eq!(blocks[0]["role"], "near-collision");
    assert_eq!(blocks[1]["role"], "collision");
    assert_eq!(
        blocks[1]["offset"].as_u64().unwrap(),
        blocks[0]["offset"].as_u64().unwrap() + 64
    );

    assert_eq!(lines[1]["file"], missing.to_str().unwrap());
    assert!(lines[1]["error"].as_str().unwrap().len() > 3);
    assert_eq!(lines[1]["md5"], serde_json::Value::Null);

    assert_eq!(lines[2]["blocks"], serde_json::json!([]));
    assert_eq!(lines[2]["error"], serde_json::Value::Null);
}

#[test]
fn cli_without_files_prints_usage_and_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_detect")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}
