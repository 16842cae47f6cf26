//! `analyse`: the app's file analysis on the command line, for researchers.
//!
//! ```text
//! analyse --reference R.png [--reference R2.png …] [--keywords FILE] FILE…
//! ```
//!
//! Prints one JSON line per file: `file`, `md5`, `visual` (the app's matcher, a hypothesis
//! fitted to Citizen Lab's tests) and `pdq` (PDQ, for comparison), each a list of
//! `{reference, distance, threshold, matched}` with one entry per reference; `ocr` (null:
//! there is no native OCR), `keywords` (the combinations found in a text file's or
//! document's text; null without `--keywords`) and `error` (null, or why the content
//! could not be read). The analysis is the worker's own (`analyse_file_with`). A file that
//! cannot be read gets its error and the others go on; the exit code is 0 unless the
//! arguments are wrong (usage, exit 2).

use hashwall::filters::{
    Combination, FileFacts, KeywordMatcher, NoOcr, PdqMatcher, VisualMatcher, VisualSignature,
    analyse_file_with, default_matcher,
};
use hashwall::fingerprint::Digest;
use serde::Serialize;
use std::process::ExitCode;

const USAGE: &str = "usage:
  analyse --reference R.png [--reference R2.png ...] [--keywords FILE] FILE...
    one JSON line per FILE: its MD5, its distance to every reference picture (the app's
    matcher and PDQ), and the keyword combinations (one +-joined per line of the keywords
    file) found in its text";

/// What the command was asked to do.
struct Request {
    references: Vec<String>,
    keywords: Option<String>,
    files: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Request, String> {
    let mut request = Request {
        references: Vec::new(),
        keywords: None,
        files: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--reference" | "--keywords" => {
                let value = args
                    .next()
                    .ok_or_else(|| format!("{arg} needs a file name"))?
                    .clone();
                if arg == "--reference" {
                    request.references.push(value);
                } else if request.keywords.replace(value).is_some() {
                    return Err("--keywords given twice".into());
                }
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file => request.files.push(file.to_string()),
        }
    }
    if request.files.is_empty() {
        return Err("no file to analyse".into());
    }
    if request.references.is_empty() && request.keywords.is_none() {
        return Err("give at least one --reference picture or a --keywords file".into());
    }
    Ok(request)
}

/// A reference picture, fingerprinted by both matchers.
struct Reference {
    name: String,
    visual: VisualSignature,
    pdq: VisualSignature,
}

fn signature_of(path: &str, matcher: &dyn VisualMatcher) -> Result<VisualSignature, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read reference {path}: {e}"))?;
    let facts = analyse_file_with(path, "", &bytes, matcher, &NoOcr);
    match facts.picture {
        Some(picture) => Ok(picture.signature),
        None => Err(format!(
            "reference {path} is not a picture this app can read{}",
            facts.problem.map(|p| format!(": {p}")).unwrap_or_default()
        )),
    }
}

fn load_reference(path: &str) -> Result<Reference, String> {
    Ok(Reference {
        name: path.to_string(),
        visual: signature_of(path, &default_matcher())?,
        pdq: signature_of(path, &PdqMatcher::default())?,
    })
}

/// The combinations of a keywords file: one per line; blank lines and `#` comments skipped.
fn load_keywords(path: &str) -> Result<(Vec<Combination>, KeywordMatcher), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read keywords {path}: {e}"))?;
    let combinations = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|(i, line)| {
            Combination::parse(line).map_err(|e| format!("{path}, line {}: {e}", i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let matcher = KeywordMatcher::new(&combinations).map_err(|e| e.to_string())?;
    Ok((combinations, matcher))
}

#[derive(Serialize)]
struct Comparison<'a> {
    reference: &'a str,
    distance: u32,
    threshold: u32,
    matched: bool,
}

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    md5: Option<Digest>,
    visual: Vec<Comparison<'a>>,
    pdq: Vec<Comparison<'a>>,
    ocr: Option<String>,
    keywords: Option<Vec<String>>,
    error: Option<String>,
}

fn compare<'a>(
    matcher: &dyn VisualMatcher,
    facts: Option<&FileFacts>,
    references: &'a [Reference],
    pick: impl Fn(&Reference) -> &VisualSignature,
) -> Vec<Comparison<'a>> {
    let Some(picture) = facts.and_then(|f| f.picture.as_ref()) else {
        return Vec::new();
    };
    references
        .iter()
        .map(|r| {
            let s = matcher.compare(pick(r), &picture.signature);
            Comparison {
                reference: &r.name,
                distance: s.distance,
                threshold: s.max_distance,
                matched: s.is_match,
            }
        })
        .collect()
}

fn analyse<'a>(
    path: &'a str,
    references: &'a [Reference],
    keywords: Option<&(Vec<Combination>, KeywordMatcher)>,
) -> Line<'a> {
    let read = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"));
    // The app's matcher decides; PDQ is run on the same bytes for comparison.
    let facts = read
        .as_ref()
        .ok()
        .map(|bytes| analyse_file_with(path, "", bytes, &default_matcher(), &NoOcr));
    let pdq_facts = read
        .as_ref()
        .ok()
        .filter(|_| facts.as_ref().is_some_and(|f| f.picture.is_some()))
        .map(|bytes| analyse_file_with(path, "", bytes, &PdqMatcher::default(), &NoOcr));
    let keywords = keywords.map(|(combinations, matcher)| {
        let text = facts.as_ref().and_then(|f| f.text.as_deref()).unwrap_or("");
        matcher
            .find_all(text)
            .into_iter()
            .map(|hit| combinations[hit.entry].to_string())
            .collect()
    });
    Line {
        file: path,
        md5: facts.as_ref().map(|f| f.md5),
        visual: compare(&default_matcher(), facts.as_ref(), references, |r| {
            &r.visual
        }),
        pdq: compare(
            &PdqMatcher::default(),
            pdq_facts.as_ref(),
            references,
            |r| &r.pdq,
        ),
        ocr: facts.as_ref().and_then(|f| f.ocr_text.clone()),
        keywords,
        error: match (&read, &facts) {
            (Err(e), _) => Some(e.clone()),
            (_, Some(f)) => f.problem.as_ref().map(ToString::to_string),
            _ => None,
        },
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let setup = parse_args(&args).and_then(|request| {
        let references = request
            .references
            .iter()
            .map(|r| load_reference(r))
            .collect::<Result<Vec<_>, _>>()?;
        let keywords = request.keywords.as_deref().map(load_keywords).transpose()?;
        Ok((request.files, references, keywords))
    });
    let (files, references, keywords) = match setup {
        Ok(setup) => setup,
        Err(why) => {
            if !why.is_empty() {
                eprintln!("analyse: {why}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    for file in &files {
        let line = analyse(file, &references, keywords.as_ref());
        match serde_json::to_string(&line) {
            Ok(json) => println!("{json}"),
            Err(e) => eprintln!("analyse: {file}: {e}"),
        }
    }
    ExitCode::SUCCESS
}
