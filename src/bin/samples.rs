//! Writes the sample tray to a folder: every picture (PNG, one JPEG) and its thumbnail
//! (`thumbs/`), the documents, and `index.json`, the catalogue with each file's size and MD5.
//!
//! ```text
//! cargo run --release --bin samples -- --out www/samples [--contact-sheet sheet.png]
//! ```
//!
//! The output is deterministic: running it again rewrites identical files, which the
//! tests check against the committed copies.

use hashwall::decode::decode_rgba;
use hashwall::fingerprint::{Digest, md5};
use hashwall::samples::{self, PICTURE_HEIGHT, PICTURE_WIDTH, Sample, SampleKind, files};
use image::RgbaImage;
use image::imageops::{self, FilterType};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One line of `index.json`: the catalogue entry and, for files, what was written.
#[derive(Serialize)]
struct IndexEntry {
    #[serde(flatten)]
    sample: Sample,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    md5: Option<Digest>,
}

#[derive(Serialize)]
struct Index {
    generator: &'static str,
    samples: Vec<IndexEntry>,
}

struct Options {
    out: Option<PathBuf>,
    contact_sheet: Option<PathBuf>,
}

const USAGE: &str = "usage: samples --out DIR [--contact-sheet FILE.png]";

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        out: None,
        contact_sheet: None,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--out" => options.out = Some(value()?),
            "--contact-sheet" => options.contact_sheet = Some(value()?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if options.out.is_none() && options.contact_sheet.is_none() {
        return Err(USAGE.to_string());
    }
    Ok(options)
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)).and_then(|options| run(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), String> {
    if let Some(out) = &options.out {
        write_tray(out)?;
    }
    if let Some(sheet) = &options.contact_sheet {
        let bytes =
            files::encode(&contact_sheet()?, files::Format::Png).map_err(|e| e.to_string())?;
        std::fs::write(sheet, bytes)
            .map_err(|e| format!("cannot write {}: {e}", sheet.display()))?;
        println!("contact sheet: {}", sheet.display());
    }
    Ok(())
}

fn write_tray(out: &PathBuf) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut entries = Vec::new();
    for sample in samples::catalogue() {
        let mut entry = IndexEntry {
            sample,
            width: None,
            height: None,
            bytes: None,
            md5: None,
        };
        if let Some(name) = sample.file_name {
            let bytes = samples::file_bytes(&sample).map_err(|e| e.to_string())?;
            let path = out.join(name);
            std::fs::write(&path, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            if sample.kind == SampleKind::Picture {
                (entry.width, entry.height) = (Some(PICTURE_WIDTH), Some(PICTURE_HEIGHT));
            }
            if sample.kind == SampleKind::Picture {
                let thumb = samples::thumbnail_bytes(&sample).map_err(|e| e.to_string())?;
                let dir = out.join("thumbs");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let path = dir.join(samples::thumbnail_name(&sample));
                std::fs::write(&path, &thumb)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            let digest = md5(&bytes);
            println!("{:<20} {:>7} bytes  {}", name, bytes.len(), digest);
            (entry.bytes, entry.md5) = (Some(bytes.len()), Some(digest));
        }
        entries.push(entry);
    }
    let index = Index {
        generator: "cargo run --release --bin samples -- --out www/samples",
        samples: entries,
    };
    let mut json = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    json.push('\n');
    let path = out.join("index.json");
    std::fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    write_references(out)?;
    println!(
        "{} samples listed in {}",
        index.samples.len(),
        path.display()
    );
    Ok(())
}

/// Every picture file, decoded, as a 128×96 thumbnail, five to a row, for reviewing them together at the
/// size the tray shows them.
fn contact_sheet() -> Result<RgbaImage, String> {
    let (tw, th, gap, columns) = (128u32, 96u32, 8u32, 5u32);
    let pictures: Vec<Sample> = samples::catalogue()
        .into_iter()
        .filter(|s| s.kind == SampleKind::Picture)
        .collect();
    let rows = (pictures.len() as u32).div_ceil(columns);
    let mut sheet = RgbaImage::from_pixel(
        columns * (tw + gap) + gap,
        rows * (th + gap) + gap,
        image::Rgba([255, 255, 255, 255]),
    );
    for (i, sample) in pictures.iter().enumerate() {
        // Decode the file itself, so the sheet shows what a user receives (JPEG included).
        let bytes = samples::file_bytes(sample).map_err(|e| e.to_string())?;
        let full = decode_rgba(&bytes).map_err(|e| format!("{}: {e}", sample.id))?;
        let thumb = imageops::resize(&full, tw, th, FilterType::Triangle);
        let (col, row) = (i as u32 % columns, i as u32 / columns);
        imageops::overlay(
            &mut sheet,
            &thumb,
            (gap + col * (tw + gap)) as i64,
            (gap + row * (th + gap)) as i64,
        );
    }
    Ok(sheet)
}

/// The sensitive pictures' visual signatures (the app matcher's and PDQ's), which the sandbox seeds its reference list with.
fn write_references(out: &Path) -> Result<(), String> {
    use hashwall::filters::{PdqMatcher, VisualMatcher, default_matcher};
    use hashwall::fingerprint::luminosity;
    use hashwall::samples::references::ReferenceRecord;
    let mut records = Vec::new();
    for sample in samples::catalogue() {
        if !samples::references::is_reference(&sample) {
            continue;
        }
        let bytes = samples::file_bytes(&sample).map_err(|e| e.to_string())?;
        let rgba = decode_rgba(&bytes).map_err(|e| e.to_string())?;
        let grey = luminosity(rgba.width(), rgba.height(), rgba.as_raw());
        records.push(ReferenceRecord {
            id: sample.id.to_string(),
            name: sample.title.to_string(),
            signature: default_matcher().signature(&grey),
            pdq: Some(PdqMatcher::default().signature(&grey)),
            md5: md5(&bytes),
        });
    }
    let mut json = serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?;
    json.push('\n');
    let path = out.join("references.json");
    std::fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "{} reference signatures in {}",
        records.len(),
        path.display()
    );
    Ok(())
}
