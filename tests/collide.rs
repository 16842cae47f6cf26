//! Tests of the collision attack against the specification's vectors and against MD5 itself.
//!
//! The 30 vectors of `data/fastcoll/vectors.txt` are collisions made by the reference tool (test
//! data only): they check our MD5-in-Q-notation, the tables and our verification. The search is
//! checked by running it once and recomputing MD5 with the independent `md-5` crate.

mod common;

use hashwall::collide::md5q::{self, Cv, Trace, at};
use hashwall::collide::path::{DM1, DM2, Paths, add_words};
use hashwall::collide::tables::{Table, Variant, tables};
use hashwall::collide::verify::{check_pair, trace_conditions, trace_differences};
use hashwall::collide::{
    CollideError, Control, Forced, REPORT_EVERY, Search, SearchStats, collide, first_good_nonce,
    good_chaining_value, pad_prefix, prefix_chaining_value,
};
use hashwall::fingerprint::md5;
use hashwall::forge::prefix::{gif_prefix, switch_lengths};
use hashwall::rng::Rng;
use std::collections::HashMap;

const VECTORS: &str = include_str!("../data/fastcoll/vectors.txt");

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex {s}");
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}

/// A chaining value from its 32 digest-order hex digits.
fn cv_hex(s: &str) -> Cv {
    let b = unhex(s);
    std::array::from_fn(|i| u32::from_le_bytes(b[4 * i..4 * i + 4].try_into().unwrap()))
}

struct Vector {
    n: usize,
    fields: HashMap<String, String>,
}

impl Vector {
    fn get(&self, key: &str) -> &str {
        self.fields
            .get(key)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("vector {} has no {key}", self.n))
    }
    fn prefix(&self) -> Vec<u8> {
        match self.get("prefix") {
            "-" => Vec::new(),
            hex => unhex(hex),
        }
    }
    fn suffix(&self, which: &str) -> [u8; 128] {
        unhex(self.get(which)).try_into().unwrap()
    }
}

/// The Q trace lines of vector 1: (block, t) -> (Q_t of X, Q_t of Y).
type QTrace = HashMap<(u32, i32), (u32, u32)>;

/// The vectors, and the Q trace of vector 1.
fn vectors() -> (Vec<Vector>, QTrace) {
    let mut out: Vec<Vector> = Vec::new();
    let mut trace = HashMap::new();
    for (key, value) in common::key_values(VECTORS) {
        match key {
            "vector" => out.push(Vector {
                n: value.parse().unwrap(),
                fields: HashMap::new(),
            }),
            "qtrace" => {
                let f: Vec<&str> = value.split_whitespace().collect();
                let block = if f[0] == "block1" { 1 } else { 2 };
                let num = |s: &str, k: &str| s.strip_prefix(k).unwrap().to_string();
                let t: i32 = num(f[1], "t=").parse().unwrap();
                let x = u32::from_str_radix(&num(f[2], "X="), 16).unwrap();
                let y = u32::from_str_radix(&num(f[3], "Y="), 16).unwrap();
                trace.insert((block, t), (x, y));
            }
            _ => {
                out.last_mut()
                    .unwrap()
                    .fields
                    .insert(key.to_string(), value.to_string());
            }
        }
    }
    assert_eq!(out.len(), 30);
    assert_eq!(trace.len(), 2 * 68);
    (out, trace)
}

/// Everything about one pair, recomputed: the traces of both files for both blocks.
struct Pair {
    cv0: Cv,
    cv1x: Cv,
    cv1y: Cv,
    x1: [u32; 16],
    y1: [u32; 16],
    x2: [u32; 16],
    y2: [u32; 16],
}

impl Pair {
    fn new(padded_prefix: &[u8], sx: &[u8; 128], sy: &[u8; 128]) -> Pair {
        let cv0 = md5q::chaining_value(padded_prefix);
        let (x1, y1) = (md5q::words(&sx[..64]), md5q::words(&sy[..64]));
        let (x2, y2) = (md5q::words(&sx[64..]), md5q::words(&sy[64..]));
        let (cv1x, cv1y) = (md5q::compress(&cv0, &x1), md5q::compress(&cv0, &y1));
        Pair {
            cv0,
            cv1x,
            cv1y,
            x1,
            y1,
            x2,
            y2,
        }
    }

    /// Block-1 traces (base X, other Y).
    fn block1(&self) -> (Trace, Trace) {
        (
            md5q::states(&self.cv0, &self.x1),
            md5q::states(&self.cv0, &self.y1),
        )
    }

    /// Block-2 traces as the variant's table describes them (base, other), with the base words.
    fn block2(&self, v: Variant) -> (Trace, Trace, [u32; 16]) {
        let tx = md5q::states(&self.cv1x, &self.x2);
        let ty = md5q::states(&self.cv1y, &self.y2);
        if v.base_is_y() {
            (ty, tx, self.y2)
        } else {
            (tx, ty, self.x2)
        }
    }
}

/// Every Q, T, D and A row of the block-1 table and of the selected block-2 table holds.
fn check_against_tables(pair: &Pair, variant: Variant) -> Result<(), String> {
    let t = tables().map_err(|e| e.to_string())?;
    let all = |table: &Table, base: &Trace, other: &Trace, m: &[u32; 16]| -> Result<(), String> {
        trace_conditions(&table.q, &table.t, base, m, -3..=64)
            .map_err(|e| format!("{}: {e}", table.name))?;
        trace_differences(table, base, other).map_err(|e| format!("{}: {e}", table.name))
    };
    let (bx, by) = pair.block1();
    all(&t.block1, &bx, &by, &pair.x1)?;
    let (base, other, m) = pair.block2(variant);
    all(t.block2(variant), &base, &other, &m)
}

#[test]
fn q_notation_compression_agrees_with_md5() {
    let mut rng = Rng::new(2024);
    for len in [0usize, 1, 55, 56, 63, 64, 65, 119, 120, 200, 1000] {
        let mut msg = vec![0u8; len];
        rng.fill(&mut msg);
        // MD5's own padding, then our compression block by block.
        let mut padded = msg.clone();
        padded.push(0x80);
        while padded.len() % 64 != 56 {
            padded.push(0);
        }
        padded.extend_from_slice(&(len as u64 * 8).to_le_bytes());
        let cv = md5q::chaining_value(&padded);
        assert_eq!(md5q::cv_bytes(&cv), md5(&msg).0, "length {len}");
    }
}

#[test]
fn q_trace_of_vector_1_matches() {
    let (vs, trace) = vectors();
    let v = &vs[0];
    let pair = Pair::new(
        &pad_prefix(&v.prefix()),
        &v.suffix("suffix1"),
        &v.suffix("suffix2"),
    );
    let x1 = md5q::states(&pair.cv0, &pair.x1);
    let y1 = md5q::states(&pair.cv0, &pair.y1);
    let x2 = md5q::states(&pair.cv1x, &pair.x2);
    let y2 = md5q::states(&pair.cv1y, &pair.y2);
    for t in -3..=64 {
        assert_eq!((x1[at(t)], y1[at(t)]), trace[&(1, t)], "block 1, Q{t}");
        assert_eq!((x2[at(t)], y2[at(t)]), trace[&(2, t)], "block 2, Q{t}");
    }
}

#[test]
fn every_vector_verifies_and_meets_the_tables() {
    let (vs, _) = vectors();
    let paths = Paths::compile(tables().unwrap()).unwrap();
    let mut variants = std::collections::HashSet::new();
    for v in &vs {
        let prefix = v.prefix();
        assert_eq!(prefix.len(), v.get("prefix_len").parse::<usize>().unwrap());
        let padded = pad_prefix(&prefix);
        let (sx, sy) = (v.suffix("suffix1"), v.suffix("suffix2"));
        let values =
            check_pair(&padded, &sx, &sy).unwrap_or_else(|e| panic!("vector {}: {e}", v.n));
        assert_eq!(values.cv0, cv_hex(v.get("cv0")), "vector {}", v.n);
        assert_eq!(prefix_chaining_value(&prefix), values.cv0);
        assert_eq!(values.cv1x, cv_hex(v.get("cv1_x")), "vector {}", v.n);
        assert_eq!(values.cv1y, cv_hex(v.get("cv1_y")), "vector {}", v.n);
        assert_eq!(values.cv2, cv_hex(v.get("cv2")), "vector {}", v.n);
        assert_eq!(
            md5(&[&padded[..], &sx[..]].concat()).hex(),
            v.get("md5"),
            "vector {}",
            v.n
        );
        let diff: Vec<String> = (0..128)
            .filter(|&i| sx[i] != sy[i])
            .map(|i| i.to_string())
            .collect();
        assert_eq!(diff.join(" "), v.get("diff"), "vector {}", v.n);

        let variant = paths
            .variant_for(&values.cv1x)
            .unwrap_or_else(|| panic!("vector {}: no variant", v.n));
        assert_eq!(variant.name(), v.get("variant"), "vector {}", v.n);
        variants.insert(variant);
        let pair = Pair::new(&padded, &sx, &sy);
        check_against_tables(&pair, variant).unwrap_or_else(|e| panic!("vector {}: {e}", v.n));
    }
    assert_eq!(variants.len(), 5, "the vectors cover every block-2 path");
}

#[test]
fn one_flipped_bit_is_rejected() {
    let (vs, _) = vectors();
    let t = tables().unwrap();
    let v = &vs[3]; // prefix of 56 bytes, variant S00
    let padded = pad_prefix(&v.prefix());
    let (sx, sy) = (v.suffix("suffix1"), v.suffix("suffix2"));
    // In the bytes: every single-bit change of either block of either file breaks the pair.
    let mut rng = Rng::new(1);
    for _ in 0..64 {
        let byte = rng.range(0, 127) as usize;
        let bit = 1u8 << rng.range(0, 7);
        let mut x = sx;
        x[byte] ^= bit;
        assert!(
            check_pair(&padded, &x, &sy).is_err(),
            "X byte {byte} bit {bit:#x}"
        );
        let mut y = sy;
        y[byte] ^= bit;
        assert!(
            check_pair(&padded, &sx, &y).is_err(),
            "Y byte {byte} bit {bit:#x}"
        );
    }
    // In the trace: flipping any one conditioned bit of any Q_t violates that row.
    let pair = Pair::new(&padded, &sx, &sy);
    let (bx, _) = pair.block1();
    assert_eq!(
        trace_conditions(&t.block1.q, &t.block1.t, &bx, &pair.x1, -3..=64),
        Ok(())
    );
    for row in 1..=64 {
        let cond = t.block1.q[at(row)].cond;
        for bit in (0..32).map(|b| 1u32 << b).filter(|b| cond & b != 0) {
            let mut q = bx;
            q[at(row)] ^= bit;
            assert!(
                trace_conditions(&t.block1.q, &t.block1.t, &q, &pair.x1, row..=row).is_err(),
                "Q{row} bit {bit:#x}"
            );
        }
    }
    // And in the message: a flipped bit of X's first block no longer meets the block-1 table.
    let mut x1 = pair.x1;
    x1[9] ^= 1 << 20;
    let q = md5q::states(&pair.cv0, &x1);
    assert!(trace_conditions(&t.block1.q, &t.block1.t, &q, &x1, -3..=64).is_err());
}

#[test]
fn prefixes_of_any_length_pad_to_whole_blocks() {
    for (len, want) in [(0, 0), (1, 64), (63, 64), (64, 64), (65, 128)] {
        let prefix: Vec<u8> = (1..=len as u8).collect();
        let padded = pad_prefix(&prefix);
        assert_eq!(padded.len(), want, "length {len}");
        assert_eq!(&padded[..len], &prefix[..]);
        assert!(padded[len..].iter().all(|&b| b == 0));
        assert_eq!(
            prefix_chaining_value(&prefix),
            md5q::chaining_value(&padded)
        );
    }
    assert_eq!(prefix_chaining_value(&[]), md5q::IV);
}

#[test]
fn nonce_rule_of_spec_10_3() {
    // Bits 25 and 24 of c (word 2) and of d (word 3).
    let cv = |c: u32, d: u32| [0xffff_ffff, 0, c, d];
    assert!(good_chaining_value(&cv(0, 0)));
    assert!(good_chaining_value(&cv(3 << 24, 3 << 24)));
    assert!(!good_chaining_value(&cv(1 << 24, 0)));
    assert!(!good_chaining_value(&cv(0, 1 << 25)));
    let mut found = 0;
    let mut from = 0;
    for _ in 0..20 {
        let n = first_good_nonce(from, |n| gif_prefix(320, 200, n)).unwrap();
        assert!(good_chaining_value(&prefix_chaining_value(&gif_prefix(
            320, 200, n
        ))));
        for skipped in from..n {
            assert!(!good_chaining_value(&prefix_chaining_value(&gif_prefix(
                320, 200, skipped
            ))));
        }
        found += 1;
        from = n + 1;
    }
    // About one nonce in four qualifies; twenty should need far fewer than 400 tries.
    assert!(from < 400, "{found} good nonces took {from} tries");
}

#[test]
fn one_full_collision_from_a_fixed_seed() {
    // A GIF prefix whose nonce meets the rule of docs/attack.md §10.3, as the app builds them; seed
    // chosen to finish in a few seconds at the test profile's opt-level 3.
    let nonce = first_good_nonce(0, |n| gif_prefix(512, 512, n)).unwrap();
    let prefix = gif_prefix(512, 512, nonce);
    let mut calls = 0u64;
    let c = collide(&prefix, 5, &mut |_: &SearchStats| {
        calls += 1;
        Control::Continue
    })
    .expect("a collision");
    assert_eq!(c.padded_prefix, prefix);
    assert_ne!(c.block_x, c.block_y);
    let suffix = b"any common suffix, e.g. the rest of a GIF file\x00\x3b";
    let fx = [&prefix[..], &c.block_x[..], &suffix[..]].concat();
    let fy = [&prefix[..], &c.block_y[..], &suffix[..]].concat();
    assert_eq!(md5(&fx), md5(&fy));
    assert_eq!(md5(&c.file_x()), md5(&c.file_y()));
    assert_eq!(c.md5(), md5(&c.file_y()));

    // Differences exactly where δM puts them: words 4, 11, 14 of each block.
    let words = |b: &[u8; 128], k: usize| md5q::words(&b[64 * k..64 * k + 64]);
    assert_eq!(words(&c.block_y, 0), add_words(&words(&c.block_x, 0), &DM1));
    assert_eq!(words(&c.block_y, 1), add_words(&words(&c.block_x, 1), &DM2));
    let diff = c.differing_bytes();
    for always in [19, 45, 59, 83, 109, 123] {
        assert!(diff.contains(&always), "byte {always} differs: {diff:?}");
        assert_eq!(c.block_x[always] ^ c.block_y[always], 0x80);
    }
    assert_eq!(diff.last(), Some(&123));
    assert!(
        diff.iter()
            .all(|i| [19, 45, 46, 47, 59, 83, 109, 110, 111, 123].contains(i)),
        "{diff:?}"
    );

    // It follows the paths, and the statistics add up.
    let variant = c.stats.variant.expect("variant recorded");
    let pair = Pair::new(&c.padded_prefix, &c.block_x, &c.block_y);
    check_against_tables(&pair, variant).unwrap();
    let s = &c.stats;
    assert_eq!(s.block1_attempts, s.block1.restarts);
    assert_eq!(s.block2_attempts, s.block2.restarts);
    assert!(s.block1.solutions >= 1 && s.block1.solutions == s.block1_unusable + 1);
    assert_eq!(s.block2.solutions, 1);
    assert!(s.block1.candidates >= s.block1.solutions);
    // Progress was reported about every REPORT_EVERY units (an inner iteration is 16).
    let expected_calls = s.inner_iterations() * 16 / REPORT_EVERY;
    assert!(
        calls >= expected_calls / 2 && calls > 0,
        "{calls} calls for {} inner iterations",
        s.inner_iterations()
    );
}

#[test]
fn forced_bytes_are_in_every_result_and_it_still_collides() {
    // The JPEG marker of issue 14: FF then COM (FE) or an unused APPn, right before byte 59,
    // whose top bit the collision flips. Three prefixes of the app's kind, three seeds.
    let forced = Forced::parse("57=ff,58=fe|e3-ef").unwrap();
    for (size, seed) in [(64u16, 11u64), (200, 12), (640, 13)] {
        let nonce = first_good_nonce(0, |n| gif_prefix(size, size, n)).unwrap();
        let prefix = gif_prefix(size, size, nonce);
        let mut search = Search::with_forced(&prefix, seed, forced.clone());
        let c = loop {
            if let Some(c) = search
                .run(&mut |_: &SearchStats| Control::Continue)
                .unwrap()
            {
                break c;
            }
        };
        for block in [&c.block_x, &c.block_y] {
            assert!(forced.holds(&block[..]), "forced bytes of {block:02x?}");
            assert_eq!(block[57], 0xff);
            assert!(block[58] == 0xfe || (0xe3..=0xef).contains(&block[58]));
        }
        assert_eq!(
            c.block_x[59] ^ c.block_y[59],
            0x80,
            "the length's high byte differs"
        );
        assert_ne!(c.block_x, c.block_y);
        assert_eq!(md5(&c.file_x()), md5(&c.file_y()));
        check_pair(&c.padded_prefix, &c.block_x, &c.block_y).unwrap();
    }
}

#[test]
fn stop_ends_the_search_at_once() {
    let prefix = b"cancel me";
    for stop_at in [1u64, 5] {
        let mut calls = 0u64;
        let mut seen = SearchStats::default();
        let r = collide(prefix, 99, &mut |s: &SearchStats| {
            calls += 1;
            seen = s.clone();
            if calls == stop_at {
                Control::Stop
            } else {
                Control::Continue
            }
        });
        assert_eq!(r.unwrap_err(), CollideError::Cancelled);
        assert_eq!(calls, stop_at, "no call after Stop");
        // Calls come often: at most about REPORT_EVERY units of work between two of them.
        let per_call = seen.inner_iterations() / stop_at;
        assert!(
            per_call <= 2 * REPORT_EVERY / 16,
            "{per_call} inner iterations per call"
        );
    }
}

#[test]
fn stop_during_block_2() {
    // Stop at the first report of block 2: the search ends there, with block 1 done.
    let mut calls_in_block2 = 0;
    let r = collide(b"block two", 3, &mut |s: &SearchStats| {
        if s.block == 2 {
            calls_in_block2 += 1;
            assert!(s.variant.is_some());
            Control::Stop
        } else {
            Control::Continue
        }
    });
    assert_eq!(r.unwrap_err(), CollideError::Cancelled);
    assert_eq!(calls_in_block2, 1);
}

#[test]
fn errors_read_well() {
    assert_eq!(
        CollideError::Cancelled.to_string(),
        "the collision search was cancelled"
    );
    assert!(
        CollideError::Unverified("x".into())
            .to_string()
            .contains("discarded")
    );
}

#[test]
fn shipped_gif_blocks_verify() {
    let text = include_str!("../www/collisions/gif-blocks.txt");
    assert!(
        text.contains("own MD5 collision"),
        "header says where the blocks come from"
    );
    let mut per_canvas: HashMap<(u16, u16), usize> = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split(' ').collect();
        assert_eq!(f.len(), 7, "{line}");
        let (w, h): (u16, u16) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        let prefix = unhex(f[2]);
        let x: [u8; 128] = unhex(f[3]).try_into().unwrap();
        let y: [u8; 128] = unhex(f[4]).try_into().unwrap();
        // The prefix is the app's GIF prefix for this canvas, with the nonce its comment names.
        let comment = String::from_utf8_lossy(&prefix[16..63]).to_string();
        let nonce: u32 = comment
            .split('#')
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(prefix, gif_prefix(w, h, nonce), "{w}x{h}");
        assert!(
            good_chaining_value(&prefix_chaining_value(&prefix)),
            "{w}x{h} nonce {nonce}"
        );
        let (mx, my) = (
            md5(&[&prefix[..], &x[..]].concat()),
            md5(&[&prefix[..], &y[..]].concat()),
        );
        assert_eq!(mx, my);
        assert_eq!(mx.hex(), f[5]);
        assert_ne!(x, y);
        check_pair(&prefix, &x, &y).unwrap();
        let v: u8 = f[6].parse().unwrap();
        assert_eq!(switch_lengths(&x, &y).map(|(short, _)| short), Some(v));
        *per_canvas.entry((w, h)).or_default() += 1;
    }
    let want: HashMap<(u16, u16), usize> = [
        ((512, 512), 3),
        ((640, 480), 3),
        ((480, 640), 3),
        ((640, 360), 3),
        ((360, 640), 3),
    ]
    .into_iter()
    .collect();
    assert_eq!(per_canvas, want);
}
