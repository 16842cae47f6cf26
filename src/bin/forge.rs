//! `forge`: a same-MD5 GIF or JPEG pair from two pictures, on the command line.
//!
//! ```text
//! cargo run --release --bin forge -- --canvas 640x480 A_IMAGE B_IMAGE --out X.gif Y.gif
//! cargo run --release --bin forge -- --jpeg A_IMAGE B_IMAGE --out X.jpg Y.jpg
//! cargo run --release --bin forge -- --jpeg --bench [--runs 5]
//! cargo run --release --bin forge -- --bench [--canvas 640x480] [--runs 5]
//! cargo run --release --bin forge -- --write-photos DIR
//! ```
//!
//! `--write-photos` saves the benchmark's two 12-megapixel JPEGs (photo-a.jpg, photo-b.jpg)
//! for the browser benchmark, `scripts/bench-forge.mjs`.
//!
//! The first form writes X.gif (showing A) and Y.gif (showing B) and prints both MD5s. The
//! second writes a JPEG pair from the universal JPEG collision (docs/how-it-works.md §7): any
//! sizes, at most 2048 pixels on the long side. The third times every stage on two generated 12-megapixel photo-like JPEGs. Times are CPU
//! time of this thread where Linux reports it (`/proc/thread-self/schedstat`), because the
//! machine may be busy with other work; wall time is shown beside the total.

use hashwall::decode::decode_rgba;
use hashwall::fingerprint::md5;
use hashwall::forge::jpeg::encode as jpeg_encode;
use hashwall::forge::jpeg::{assemble as jpeg_assemble, forge_jpeg_files, shipped_jpeg_blocks};
use hashwall::forge::layout::{self, GifImage};
use hashwall::forge::palette::Indexed;
use hashwall::forge::{
    CollisionBlocks, ForgedPair, blocks_for, fit, forge_files, lzw, palette, shipped_canvases,
    synthetic, verify,
};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: forge --canvas WxH A_IMAGE B_IMAGE --out X.gif Y.gif
       forge --jpeg A_IMAGE B_IMAGE --out X.jpg Y.jpg
       forge --jpeg --bench [--runs N]
       forge --bench [--canvas WxH] [--runs N]
       forge --write-photos DIR";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("forge: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Default)]
struct Args {
    canvas: Option<(u16, u16)>,
    inputs: Vec<String>,
    outputs: Vec<String>,
    bench: bool,
    jpeg: bool,
    runs: Option<usize>,
    write_photos: Option<String>,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--canvas" => {
                let text = it.next().ok_or("--canvas needs WxH")?;
                let (w, h) = text
                    .split_once(['x', 'X'])
                    .ok_or(format!("--canvas {text:?}: expected WxH"))?;
                let side = |s: &str| {
                    s.parse::<u16>()
                        .map_err(|_| format!("--canvas {text:?}: {s:?} is not a size"))
                };
                out.canvas = Some((side(w)?, side(h)?));
            }
            "--out" => {
                for _ in 0..2 {
                    out.outputs
                        .push(it.next().ok_or("--out needs two file names")?);
                }
            }
            "--bench" => out.bench = true,
            "--jpeg" => out.jpeg = true,
            "--write-photos" => {
                out.write_photos = Some(it.next().ok_or("--write-photos needs a folder")?);
            }
            "--runs" => {
                let n = it.next().ok_or("--runs needs a number")?;
                out.runs = Some(
                    n.parse()
                        .map_err(|_| format!("--runs {n:?} is not a number"))?,
                );
            }
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
            _ => out.inputs.push(arg),
        }
    }
    Ok(out)
}

fn run(args: Vec<String>) -> Result<(), String> {
    let args = parse(args)?;
    if let Some(dir) = &args.write_photos {
        return write_photos(dir);
    }
    if args.jpeg {
        return run_jpeg(args);
    }
    let (width, height) = args.canvas.unwrap_or((640, 480));
    let blocks = blocks_for(width, height);
    if blocks.is_empty() {
        let known: Vec<String> = shipped_canvases()
            .iter()
            .map(|(w, h)| format!("{w}x{h}"))
            .collect();
        return Err(format!(
            "no collision blocks for a {width}x{height} canvas; available: {}",
            known.join(", ")
        ));
    }
    if args.bench {
        return bench(&blocks, args.runs.unwrap_or(5).max(1));
    }
    if args.canvas.is_none() {
        return Err(format!("--canvas is needed\n{USAGE}"));
    }
    let ([a, b], [x_out, y_out]) = files(args, "gif")?;
    let read = |path: &str| std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"));
    let (a_bytes, b_bytes) = (read(&a)?, read(&b)?);
    let clock = Clock::start();
    let pair = forge_files(&blocks, &a_bytes, &b_bytes).map_err(|e| e.to_string())?;
    let (cpu, wall) = clock.read();
    let write = |path: &str, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))
    };
    write(&x_out, &pair.x)?;
    write(&y_out, &pair.y)?;
    report(&pair, &x_out, &y_out, cpu, wall);
    Ok(())
}

/// Inputs and outputs of a two-pictures command, or the usage.
fn files(args: Args, ext: &str) -> Result<([String; 2], [String; 2]), String> {
    Ok((
        <[String; 2]>::try_from(args.inputs)
            .map_err(|_| format!("two input pictures are needed\n{USAGE}"))?,
        <[String; 2]>::try_from(args.outputs)
            .map_err(|_| format!("--out X.{ext} Y.{ext} is needed\n{USAGE}"))?,
    ))
}

fn run_jpeg(args: Args) -> Result<(), String> {
    if args.canvas.is_some() {
        return Err(format!("--jpeg takes no --canvas\n{USAGE}"));
    }
    if args.bench {
        return bench_jpeg(args.runs.unwrap_or(5).max(1));
    }
    let ([a, b], [x_out, y_out]) = files(args, "jpg")?;
    let read = |path: &str| std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"));
    let (a_bytes, b_bytes) = (read(&a)?, read(&b)?);
    let blocks = shipped_jpeg_blocks();
    let blocks = blocks.first().ok_or("no JPEG collision is shipped")?;
    let clock = Clock::start();
    let pair = forge_jpeg_files(blocks, &a_bytes, &b_bytes).map_err(|e| e.to_string())?;
    let (cpu, wall) = clock.read();
    for (path, bytes) in [(&x_out, &pair.x), (&y_out, &pair.y)] {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    for (path, bytes, twin, input, which) in [
        (&x_out, &pair.x, &pair.a, &a, "first"),
        (&y_out, &pair.y, &pair.b, &b, "second"),
    ] {
        println!(
            "{}  {path}  ({} bytes, shows the {which} picture at {}x{}; alone it would be {} bytes; {input} is {} bytes)",
            md5(bytes),
            bytes.len(),
            twin.width,
            twin.height,
            twin.alone,
            std::fs::metadata(input).map_or(0, |m| m.len()),
        );
    }
    let cpu = cpu.map_or("unavailable".into(), |c| format!("{c:.0} ms"));
    println!("same MD5 {}; cpu {cpu}, wall {wall:.0} ms", pair.md5);
    Ok(())
}

fn report(pair: &ForgedPair, x_out: &str, y_out: &str, cpu: Option<f64>, wall: f64) {
    println!(
        "{}  {x_out}  ({} bytes, shows the first picture)",
        md5(&pair.x),
        pair.x.len()
    );
    println!(
        "{}  {y_out}  ({} bytes, shows the second picture)",
        md5(&pair.y),
        pair.y.len()
    );
    let s = &pair.stats;
    println!(
        "canvas {}x{}; pictures {:?} / {:?}; LZW data {} + {} bytes",
        pair.width, pair.height, s.reduction_a, s.reduction_b, s.data_a, s.data_b
    );
    println!(
        "layout: {} steps, {} collision(s) retried, {} entry detours, {} palette tweaks, {}",
        s.search_steps,
        s.retries,
        s.layout.detours,
        s.layout.palette_tweaks,
        if s.layout.locked {
            "parsers meet at the trailer"
        } else {
            "Y ends before X"
        }
    );
    match cpu {
        Some(cpu) => println!("time: {cpu:.1} ms CPU ({wall:.1} ms wall), decoding included"),
        None => println!("time: {wall:.1} ms wall, decoding included"),
    }
}

/// CPU time of this thread in nanoseconds, where Linux reports it.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

struct Clock {
    wall: Instant,
    cpu: Option<u64>,
}

impl Clock {
    fn start() -> Self {
        Self {
            wall: Instant::now(),
            cpu: cpu_ns(),
        }
    }

    /// (CPU ms, wall ms) since the start.
    fn read(&self) -> (Option<f64>, f64) {
        let cpu = self.cpu.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e6);
        (cpu, self.wall.elapsed().as_secs_f64() * 1e3)
    }

    /// (CPU ms or NaN, wall ms) since the last lap, and restart.
    fn lap(&mut self) -> (f64, f64) {
        let (cpu, wall) = self.read();
        *self = Self::start();
        (cpu.unwrap_or(f64::NAN), wall)
    }
}

/// Median and minimum per stage over the runs, CPU and wall.
fn print_stages<const N: usize>(names: &[&str; N], table: &[[(f64, f64); N]]) {
    // Linux may account CPU time in scheduler ticks (4 ms here), so short stages are
    // better read from the wall clock when the machine is quiet.
    println!("stage       CPU ms: median    min   wall ms: median    min   (both pictures)");
    for (i, name) in names.iter().enumerate() {
        let median_min = |pick: fn(&(f64, f64)) -> f64| {
            let mut v: Vec<f64> = table.iter().map(|t| pick(&t[i])).collect();
            v.sort_by(f64::total_cmp);
            (v[v.len() / 2], v[0])
        };
        let (cpu, wall) = (median_min(|t| t.0), median_min(|t| t.1));
        println!(
            "{name:<10} {:>15.1} {:>6.1} {:>16.1} {:>6.1}",
            cpu.0, cpu.1, wall.0, wall.1
        );
    }
}

/// The JPEG twins' stages on the same two generated 12-megapixel photos as `--bench`.
fn bench_jpeg(runs: usize) -> Result<(), String> {
    println!("generating two 4000x3000 photo-like JPEGs...");
    let (ja, jb) = (photo_jpeg(1)?, photo_jpeg(2)?);
    println!(
        "JPEG sizes {} and {} bytes; {runs} runs",
        ja.len(),
        jb.len()
    );
    let blocks = shipped_jpeg_blocks();
    let blocks = blocks.first().ok_or("no JPEG collision is shipped")?;
    let mut table: Vec<[(f64, f64); 5]> = Vec::new();
    for _ in 0..runs {
        let mut t = [(0.0, 0.0); 5];
        let total = Clock::start();
        let mut clock = Clock::start();
        let (a, b) = (
            decode_rgba(&ja).map_err(|e| e.to_string())?,
            decode_rgba(&jb).map_err(|e| e.to_string())?,
        );
        t[0] = clock.lap();
        let ea = jpeg_encode::encode(&a)?;
        t[1] = clock.lap();
        let eb = jpeg_encode::encode(&b)?;
        t[2] = clock.lap();
        let pair = jpeg_assemble(blocks, &ea, &eb).map_err(|e| e.to_string())?;
        t[3] = clock.lap();
        let (cpu, wall) = total.read();
        t[4] = (cpu.unwrap_or(f64::NAN), wall);
        table.push(t);
        println!(
            "  run: twins {}x{} and {}x{}, files {} bytes (alone {} + {})",
            pair.a.width,
            pair.a.height,
            pair.b.width,
            pair.b.height,
            pair.x.len(),
            pair.a.alone,
            pair.b.alone
        );
    }
    print_stages(
        &["decode", "encode A", "encode B", "weave+check", "total"],
        &table,
    );
    Ok(())
}

const STAGES: [&str; 7] = [
    "decode", "fit", "quantise", "lzw", "layout", "verify", "total",
];

/// Times each stage on two generated 12-megapixel JPEG photos.
/// A generated 12-megapixel photo-like picture as a JPEG (quality 90).
fn photo_jpeg(seed: u64) -> Result<Vec<u8>, String> {
    let img = synthetic::photo(4000, 3000, seed);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .map(|_| out)
        .map_err(|e| e.to_string())
}

/// Writes the benchmark's two photos into `dir`.
fn write_photos(dir: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir}: {e}"))?;
    for (name, seed) in [("photo-a.jpg", 1), ("photo-b.jpg", 2)] {
        let path = std::path::Path::new(dir).join(name);
        std::fs::write(&path, photo_jpeg(seed)?)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn bench(blocks: &[CollisionBlocks], runs: usize) -> Result<(), String> {
    let (w, h) = (blocks[0].width, blocks[0].height);
    println!("generating two 4000x3000 photo-like JPEGs...");
    let (ja, jb) = (photo_jpeg(1)?, photo_jpeg(2)?);
    println!(
        "JPEG sizes {} and {} bytes; canvas {w}x{h}; {runs} runs",
        ja.len(),
        jb.len()
    );
    let mut table: Vec<[(f64, f64); 7]> = Vec::new();
    for _ in 0..runs {
        let mut t = [(0.0, 0.0); 7];
        let total = Clock::start();
        let mut clock = Clock::start();
        let (a, b) = (
            decode_rgba(&ja).map_err(|e| e.to_string())?,
            decode_rgba(&jb).map_err(|e| e.to_string())?,
        );
        t[0] = clock.lap();
        let (fa, fb) = (
            fit::fit(&a, w as u32, h as u32),
            fit::fit(&b, w as u32, h as u32),
        );
        t[1] = clock.lap();
        let (qa, qb) = (
            palette::quantise(&fa, w as usize),
            palette::quantise(&fb, w as usize),
        );
        t[2] = clock.lap();
        let (da, db) = (lzw::compress(&qa.indices)?, lzw::compress(&qb.indices)?);
        t[3] = clock.lap();
        let ia = GifImage::new(w, h, &qa.palette, &qa.used, da);
        let ib = GifImage::new(w, h, &qb.palette, &qb.used, db);
        let (used, found) = blocks
            .iter()
            .find_map(|blk| {
                layout::layout(blk, &ia, &ib, layout::step_limit(&ia, &ib))
                    .ok()
                    .map(|l| (blk, l))
            })
            .ok_or("no layout with any collision")?;
        t[4] = clock.lap();
        let [x, y] = [false, true].map(|y| [&used.head(y)[..], &found.suffix].concat());
        let shown = |q: &Indexed, img: &GifImage| {
            Indexed {
                palette: img.palette(),
                ..q.clone()
            }
            .rgba()
        };
        verify::verify(&x, &y, w, h, &shown(&qa, &found.a), &shown(&qb, &found.b))?;
        t[5] = clock.lap();
        let (cpu, wall) = total.read();
        t[6] = (cpu.unwrap_or(f64::NAN), wall);
        table.push(t);
        println!(
            "  run: layout {} steps for {} data bytes, files {} bytes",
            found.stats.steps,
            ia.data.len() + ib.data.len(),
            x.len()
        );
    }
    print_stages(&STAGES, &table);
    Ok(())
}
