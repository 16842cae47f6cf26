//! `collide`: our MD5 collision attack on the command line.
//!
//! ```text
//! collide --prefix FILE --seed N --out A.bin B.bin [--stats]
//! collide --canvas WxH --seed N --out A.bin B.bin [--stats]
//!   either form: [--force 57=ff,58=fe|e3-ef]  (bytes 56–58 of block 1 held to these values)
//! collide --gif 512x512,640x480 --per-canvas 3 --seed N --out www/collisions/gif-blocks.txt
//! collide --jpeg --seed N --out www/collisions/jpeg-blocks.txt
//! ```
//!
//! The first form writes `padded prefix ‖ block` to each file (the `--canvas` form searches
//! after the app's own GIF prefix for that canvas, with the first good nonce from the seed, as
//! the lab's live mode does for its first search) and prints the CPU and wall time
//! and the attempt counts (`--stats` adds the loop counts of docs/attack.md §11.2, one `key=value`
//! per field, for scripts). The second regenerates the GIF collision blocks the app ships, the
//! third the universal JPEG collision (forced bytes `FF FE` at 57–58 of block 1).

use hashwall::collide::{
    CollideError, Collision, Control, Forced, LoopCounts, Search, SearchStats, first_good_nonce,
};
use hashwall::fingerprint::md5;
use hashwall::forge::jpeg;
use hashwall::forge::prefix::{gif_prefix, switch_lengths};
use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  collide --prefix FILE --seed N --out A.bin B.bin [--stats]
  collide --canvas WxH --seed N --out A.bin B.bin [--stats]
    (either: --force OFFSET=hex[|hex|hex-hex],...   bytes 56..58 of block 1 held to these values)
  collide --gif WxH[,WxH...] --per-canvas K --seed N --out FILE
  collide --jpeg --seed N --out FILE";

/// Where the files mode's prefix comes from.
#[derive(Debug)]
enum Prefix {
    File(String),
    /// The app's GIF prefix for this canvas.
    Canvas(u16, u16),
}

#[derive(Debug)]
enum Mode {
    Files {
        prefix: Prefix,
        forced: Option<Forced>,
        seed: u64,
        out: (String, String),
        stats: bool,
    },
    Gif {
        canvases: Vec<(u16, u16)>,
        per_canvas: usize,
        seed: u64,
        out: String,
    },
    Jpeg {
        seed: u64,
        out: String,
    },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match parse(&args) {
        Ok(mode) => mode,
        Err(msg) => {
            eprintln!("collide: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match mode {
        Mode::Files {
            prefix,
            forced,
            seed,
            out,
            stats,
        } => run_files(&prefix, forced.as_ref(), seed, &out, stats),
        Mode::Gif {
            canvases,
            per_canvas,
            seed,
            out,
        } => run_gif(&canvases, per_canvas, seed, &out, &args),
        Mode::Jpeg { seed, out } => run_jpeg(seed, &out, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("collide: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[String]) -> Result<Mode, String> {
    let mut prefix = None;
    let mut gif = None;
    let mut per_canvas = None;
    let mut seed = None;
    let mut out = Vec::new();
    let mut stats = false;
    let mut forced = None;
    let mut jpeg = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--prefix" => prefix = Some(Prefix::File(value("--prefix")?)),
            "--canvas" => {
                let (w, h) = canvas(&value("--canvas")?)?;
                prefix = Some(Prefix::Canvas(w, h));
            }
            "--gif" => gif = Some(value("--gif")?),
            "--per-canvas" => {
                let v = value("--per-canvas")?;
                per_canvas = Some(
                    v.parse::<usize>()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or(format!("--per-canvas wants a positive count, got {v:?}"))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = Some(
                    v.parse::<u64>()
                        .map_err(|_| format!("--seed wants a whole number, got {v:?}"))?,
                );
            }
            "--out" => {
                out.push(value("--out")?);
                // The files mode takes two names after one --out: take every non-option value.
                while let Some(next) = it.clone().next().filter(|s| !s.starts_with("--")) {
                    out.push(next.clone());
                    it.next();
                }
            }
            "--stats" => stats = true,
            "--jpeg" => jpeg = true,
            "--force" => {
                forced = Some(Forced::parse(&value("--force")?).map_err(|e| e.to_string())?);
            }
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if prefix.is_none() && gif.is_none() && !jpeg {
        return Err("give --prefix FILE, --canvas WxH, --gif WxH,... or --jpeg".into());
    }
    let seed = seed.ok_or("--seed N is required")?;
    if jpeg {
        if prefix.is_some() || gif.is_some() || forced.is_some() || per_canvas.is_some() {
            return Err("--jpeg takes only --seed and --out".into());
        }
        let [out] = <[String; 1]>::try_from(out)
            .map_err(|_| "--out wants one file name in --jpeg mode".to_string())?;
        return Ok(Mode::Jpeg { seed, out });
    }
    match (prefix, gif) {
        (Some(_), Some(_)) => Err("give either --prefix or --gif, not both".into()),
        (Some(prefix), None) => {
            if per_canvas.is_some() {
                return Err("--per-canvas belongs to --gif".into());
            }
            match <[String; 2]>::try_from(out) {
                Ok([a, b]) => Ok(Mode::Files {
                    prefix,
                    forced,
                    seed,
                    out: (a, b),
                    stats,
                }),
                Err(_) => Err("--out wants two file names: A.bin B.bin".into()),
            }
        }
        (None, Some(list)) => {
            if forced.is_some() {
                return Err("--force belongs to --prefix or --canvas".into());
            }
            let canvases = list.split(',').map(canvas).collect::<Result<Vec<_>, _>>()?;
            let [out] = <[String; 1]>::try_from(out)
                .map_err(|_| "--out wants one file name in --gif mode".to_string())?;
            Ok(Mode::Gif {
                canvases,
                per_canvas: per_canvas.unwrap_or(3),
                seed,
                out,
            })
        }
        (None, None) => Err("give --prefix FILE or --gif WxH,...".into()),
    }
}

fn canvas(text: &str) -> Result<(u16, u16), String> {
    let bad = || format!("canvas {text:?} is not WIDTHxHEIGHT with sizes 1..65535");
    let (w, h) = text.trim().split_once('x').ok_or_else(bad)?;
    let size = |s: &str| s.parse::<u16>().ok().filter(|&n| n > 0).ok_or_else(bad);
    Ok((size(w)?, size(h)?))
}

/// CPU seconds (user + system) of this process so far, from /proc (Linux); None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports in USER_HZ, which is 100 on every mainstream configuration.
    Some(ticks as f64 / 100.0)
}

/// A search that also notes when block 2 started (wall clock) and counts the progress calls.
fn timed_search(
    prefix: &[u8],
    seed: u64,
    forced: Option<&Forced>,
) -> Result<(Collision, Option<Instant>, u64), CollideError> {
    let mut block2_start = None;
    let mut calls = 0;
    let mut search = match forced {
        Some(forced) => Search::with_forced(prefix, seed, forced.clone()),
        None => Search::new(prefix, seed),
    };
    let mut on_progress = |s: &SearchStats| {
        calls += 1;
        if s.block == 2 && block2_start.is_none() {
            block2_start = Some(Instant::now());
        }
        Control::Continue
    };
    let c = loop {
        if let Some(c) = search.run(&mut on_progress)? {
            break c;
        }
    };
    Ok((c, block2_start, calls))
}

fn run_files(
    prefix: &Prefix,
    forced: Option<&Forced>,
    seed: u64,
    (out_a, out_b): &(String, String),
    stats: bool,
) -> Result<(), String> {
    let prefix = match prefix {
        Prefix::File(path) => {
            std::fs::read(path).map_err(|e| format!("cannot read prefix {path:?}: {e}"))?
        }
        &Prefix::Canvas(w, h) => {
            let nonce = first_good_nonce((seed % 1_000_000) as u32, |n| gif_prefix(w, h, n))
                .ok_or("no nonce left")?;
            gif_prefix(w, h, nonce).to_vec()
        }
    };
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    let (c, block2_start, calls) =
        timed_search(&prefix, seed, forced).map_err(|e| e.to_string())?;
    if let Some(forced) = forced
        && !(forced.holds(&c.block_x) && forced.holds(&c.block_y))
    {
        return Err("the collision lacks a forced byte".into());
    }
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let wall = start.elapsed().as_secs_f64();
    let block2 = block2_start.map_or(0.0, |t| t.elapsed().as_secs_f64());
    for (path, data) in [(out_a, c.file_x()), (out_b, c.file_y())] {
        std::fs::write(path, data).map_err(|e| format!("cannot write {path:?}: {e}"))?;
    }
    let s = &c.stats;
    let cpu_text = cpu.map_or("unavailable".to_string(), |t| format!("{t:.2} s"));
    println!(
        "md5 {}  variant {}  differing bytes {:?}",
        c.md5(),
        s.variant.map_or("?", |v| v.name()),
        c.differing_bytes()
    );
    println!(
        "time: cpu {cpu_text}, wall {wall:.2} s (block 1 {:.2} s, block 2 {block2:.2} s)",
        wall - block2
    );
    println!(
        "attempts: block 1 {}, block 2 {}",
        s.block1_attempts, s.block2_attempts
    );
    if stats {
        print_counts("block1", &s.block1);
        print_counts("block2", &s.block2);
        println!("block1_unusable={}", s.block1_unusable);
        println!("block1_wall_seconds={:.3}", wall - block2);
        println!("block2_wall_seconds={block2:.3}");
        println!("progress_calls={calls}");
    }
    Ok(())
}

fn print_counts(block: &str, c: &LoopCounts) {
    let fields = [
        ("restarts", c.restarts),
        ("early_draws", c.early_draws),
        ("early_passes", c.early_passes),
        ("q21_passes", c.q21_passes),
        ("q4_values", c.q4_values),
        ("q9q10_values", c.q9q10_values),
        ("q9q10_passes", c.q9q10_passes),
        ("inner_iterations", c.inner_iterations),
        ("candidates", c.candidates),
        ("solutions", c.solutions),
    ];
    for (name, value) in fields {
        println!("{block}_{name}={value}");
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Days since 1970-01-01 to a calendar date (proleptic Gregorian).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + (month <= 2) as i64, month, day)
}

fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_date((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The universal JPEG collision: the first good nonce from the seed, then seeds upward until a
/// collision's shorter COM ends after the collision (nearly always the first).
fn run_jpeg(seed: u64, out: &str, args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let cpu0 = cpu_seconds();
    let nonce = first_good_nonce((seed % 1_000_000) as u32, jpeg::prefix::jpeg_prefix)
        .ok_or("no nonce left")?;
    let prefix = jpeg::prefix::jpeg_prefix(nonce);
    let mut discarded = Vec::new();
    let (blocks, this_seed, variant) = (seed..)
        .find_map(|this_seed| {
            let found = timed_search(&prefix, this_seed, Some(&jpeg::prefix::forced()));
            let c = match found {
                Ok((c, _, _)) => c,
                Err(e) => return Some(Err(e.to_string())),
            };
            let blocks = jpeg::JpegBlocks {
                prefix,
                block_x: c.block_x,
                block_y: c.block_y,
            };
            match blocks.check() {
                Ok(_) => Some(Ok((blocks, this_seed, c.stats.variant))),
                Err(why) => {
                    eprintln!("seed {this_seed}: {why}; discarded");
                    discarded.push(this_seed);
                    None
                }
            }
        })
        .ok_or("no seed left")??;
    let (_, resume) = blocks.check()?;
    let cpu = cpu_seconds()
        .zip(cpu0)
        .map_or("unavailable".into(), |(b, a)| format!("{:.1} s", b - a));
    let command = format!("cargo run --release --bin collide -- {}", args.join(" "));
    let text = format!(
        "# The universal same-MD5 JPEG prefix and its collision, made by hashwall's own MD5 collision\n\
         # attack (src/collide, docs/attack.md) with bytes 57-58 of block 1 forced to FF FE (a COM marker).\n\
         # Produced {} with: {command}\n\
         # Nonce {nonce} (the first from the seed whose chaining value meets docs/attack.md §10.3), seed {this_seed}\n\
         # ({}; discarded seeds: {discarded:?}); CPU {cpu}, wall {:.1} s.\n\
         #\n\
         # One line, space-separated: prefix_hex(64 bytes) block_x_hex(128) block_y_hex(128) md5_hex\n\
         # prefix = hashwall::forge::jpeg::prefix::jpeg_prefix(nonce): FF D8, FF FE 00 75, 58 bytes of text.\n\
         # Block 1 bytes 57-60 are FF FE and a COM length whose high byte differs by 0x80: file X resumes\n\
         # at byte {}, file Y at byte {} (docs/how-it-works.md §7).\n{}\n",
        today(),
        variant.map_or("?", |v| v.name()),
        started.elapsed().as_secs_f64(),
        resume.x,
        resume.y,
        blocks.to_line()
    );
    std::fs::write(out, text).map_err(|e| format!("cannot write {out:?}: {e}"))?;
    eprintln!(
        "wrote {out}: nonce {nonce}, seed {this_seed}, resumes {} / {}",
        resume.x, resume.y
    );
    Ok(())
}

fn run_gif(
    canvases: &[(u16, u16)],
    per_canvas: usize,
    seed: u64,
    out: &str,
    args: &[String],
) -> Result<(), String> {
    let mut lines = Vec::new();
    let mut provenance = Vec::new();
    let mut next_seed = seed;
    let mut discarded = 0;
    let started = Instant::now();
    let cpu0 = cpu_seconds();
    for &(w, h) in canvases {
        let mut nonce = 0u32;
        let mut used = Vec::new();
        while used.len() < per_canvas {
            nonce = first_good_nonce(nonce, |n| gif_prefix(w, h, n)).ok_or("no nonce left")?;
            let prefix = gif_prefix(w, h, nonce);
            let this_seed = next_seed;
            next_seed += 1;
            let (c, _, _) = timed_search(&prefix, this_seed, None).map_err(|e| e.to_string())?;
            let x_ok = c.padded_prefix == prefix;
            match switch_lengths(&c.block_x, &c.block_y) {
                Some((v, _)) if x_ok => {
                    let (mx, my) = (md5(&c.file_x()), md5(&c.file_y()));
                    if mx != my {
                        return Err(format!(
                            "{w}x{h} nonce {nonce}: MD5s differ after the search; not written"
                        ));
                    }
                    lines.push(format!(
                        "{w} {h} {} {} {} {} {v}",
                        hex(&prefix),
                        hex(&c.block_x),
                        hex(&c.block_y),
                        mx
                    ));
                    used.push(format!(
                        "nonce {nonce} seed {this_seed} ({})",
                        c.stats.variant.map_or("?", |v| v.name())
                    ));
                    eprintln!(
                        "{w}x{h}: pair {} of {per_canvas} (nonce {nonce}, seed {this_seed}, v {v})",
                        used.len()
                    );
                }
                _ => {
                    discarded += 1;
                    eprintln!(
                        "{w}x{h}: nonce {nonce}, seed {this_seed}: switch byte unusable, discarded"
                    );
                }
            }
            nonce += 1;
        }
        provenance.push(format!("#   {w}x{h}: {}", used.join("; ")));
    }
    let cpu = cpu_seconds()
        .zip(cpu0)
        .map_or("unavailable".into(), |(b, a)| format!("{:.1} s", b - a));
    let mut text = String::new();
    let command = format!("cargo run --release --bin collide -- {}", args.join(" "));
    let header = [
        "# Same-MD5 collision blocks for 64-byte GIF prefixes, made by hashwall's own MD5 collision".to_string(),
        "# attack (src/collide, specified in docs/attack.md; no other tool's code or output).".to_string(),
        format!("# Produced {} with: {command}", today()),
        format!("# Seeds {seed}.. in order, one per search ({discarded} pair(s) discarded for v < 4); CPU {cpu}."),
        "# Nonces are the first from 0 up (after the previous one) whose chaining value meets docs/attack.md".to_string(),
        "# §10.3 (c[25] = c[24], d[25] = d[24]); each pair below, in order:".to_string(),
    ];
    for line in header.iter().chain(&provenance) {
        text.push_str(line);
        text.push('\n');
    }
    let format_doc = [
        "#",
        "# One line each, space-separated:",
        "#   width height prefix_hex(64 bytes) block_x_hex(128 bytes) block_y_hex(128 bytes) md5_hex v",
        "# prefix = hashwall::forge::prefix::gif_prefix(width, height, nonce):",
        "#          \"GIF89a\" W(u16 LE) H(u16 LE) 00 00 00, 21 FE 2F <47 bytes of text>, 7B",
        "# MD5(prefix + block_x) == MD5(prefix + block_y) == md5_hex, and any common suffix keeps it equal.",
        "# Collision byte 123 is the next comment sub-block length: v in one block, v + 128 in the other.",
    ];
    for line in format_doc {
        text.push_str(line);
        text.push('\n');
    }
    for line in &lines {
        text.push_str(line);
        text.push('\n');
    }
    if let Some(dir) = std::path::Path::new(out)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir:?}: {e}"))?;
    }
    std::fs::write(out, &text).map_err(|e| format!("cannot write {out:?}: {e}"))?;
    let checked = check_gif_file(out)?;
    println!(
        "wrote {checked} verified pairs to {out} in {:.1} s wall, CPU {cpu}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Re-reads a written file and recomputes every line's MD5s.
fn check_gif_file(path: &str) -> Result<usize, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot re-read {path:?}: {e}"))?;
    let mut n = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split(' ').collect();
        let unhex = |s: &str| -> Vec<u8> {
            (0..s.len() / 2)
                .filter_map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
                .collect()
        };
        let (p, x, y) = (unhex(f[2]), unhex(f[3]), unhex(f[4]));
        let (mx, my) = (
            md5(&[&p[..], &x[..]].concat()),
            md5(&[&p[..], &y[..]].concat()),
        );
        if mx != my || mx.hex() != f[5] || x == y {
            return Err(format!("{path}: line {} fails the MD5 check", n + 1));
        }
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_date_known_days() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(19_723), (2024, 1, 1));
        assert_eq!(civil_date(20_513), (2026, 3, 1));
    }

    #[test]
    fn arguments_are_checked() {
        let a = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert!(matches!(
            parse(&a("--prefix p --seed 1 --out a b")),
            Ok(Mode::Files { .. })
        ));
        assert!(matches!(
            parse(&a(
                "--prefix p --seed 1 --force 57=ff,58=fe|e3-ef --out a b"
            )),
            Ok(Mode::Files {
                forced: Some(_),
                ..
            })
        ));
        assert!(
            parse(&a("--prefix p --seed 1 --force 59=ff --out a b"))
                .unwrap_err()
                .contains("59")
        );
        assert!(matches!(
            parse(&a("--canvas 640x480 --seed 1 --out a b")),
            Ok(Mode::Files {
                prefix: Prefix::Canvas(640, 480),
                ..
            })
        ));
        assert!(matches!(
            parse(&a("--gif 64x64,10x20 --per-canvas 2 --seed 1 --out f")),
            Ok(Mode::Gif { .. })
        ));
        assert!(
            parse(&a("--prefix p --seed x --out a b"))
                .unwrap_err()
                .contains("--seed")
        );
        assert!(
            parse(&a("--prefix p --seed 1 --out a"))
                .unwrap_err()
                .contains("two file names")
        );
        assert!(
            parse(&a("--gif 0x5 --seed 1 --out f"))
                .unwrap_err()
                .contains("canvas")
        );
        assert!(
            parse(&a("--prefix p --out a b"))
                .unwrap_err()
                .contains("required")
        );
        assert!(parse(&a("--frobnicate")).unwrap_err().contains("unknown"));
    }
}
