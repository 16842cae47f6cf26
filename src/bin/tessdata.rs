//! Makes the OCR worker's trained data smaller: copies a Tesseract `.traineddata` file
//! without its LSTM word dictionary (component 19, `LSTM_SYSTEM_DAWG`).
//!
//! ```text
//! cargo run --release --bin tessdata -- IN.traineddata OUT.traineddata
//! ```
//!
//! Why: Debian's chi_sim and chi_tra with their dictionaries come to 4.14 MB gzipped with the
//! engine, over the issue's 4 MB budget for the lazy OCR download; without the dictionaries
//! they are 3.73 MB, and keywords were found as often (docs/research/ocr-study.md §2). The
//! network, character set and recoder are copied byte for byte.
//!
//! The format, as Tesseract's `TessdataManager` writes it: a little-endian `i32` count of
//! components, that many `i64` absolute offsets (-1 for an absent component), then the
//! components in order, each running to the next present one's offset or the file's end.

use std::process::ExitCode;

/// `LSTM_SYSTEM_DAWG` in Tesseract's `TessdataType`.
const WORD_DICTIONARY: usize = 19;

/// The components of a trained-data file, by index (`None` where absent).
fn components(file: &[u8]) -> Result<Vec<Option<&[u8]>>, String> {
    let count = file
        .get(..4)
        .map(|b| i32::from_le_bytes(b.try_into().unwrap()))
        .ok_or("the file is too short to be trained data")?;
    let count = usize::try_from(count)
        .ok()
        .filter(|&n| (1..=64).contains(&n))
        .ok_or_else(|| format!("{count} components: not Tesseract trained data"))?;
    let table_end = 4 + 8 * count;
    let table = file
        .get(4..table_end)
        .ok_or("the offset table is cut short")?;
    let offsets: Vec<Option<usize>> = table
        .chunks_exact(8)
        .map(|b| usize::try_from(i64::from_le_bytes(b.try_into().unwrap())).ok())
        .collect();
    let mut parts = Vec::with_capacity(count);
    for (i, start) in offsets.iter().enumerate() {
        let Some(start) = *start else {
            parts.push(None);
            continue;
        };
        let end = offsets[i + 1..].iter().flatten().next().copied();
        let end = end.unwrap_or(file.len());
        if start < table_end || start > end || end > file.len() {
            return Err(format!("component {i} lies outside the file"));
        }
        parts.push(Some(&file[start..end]));
    }
    Ok(parts)
}

/// The file rebuilt from `parts`, offsets recomputed.
fn assemble(parts: &[Option<&[u8]>]) -> Vec<u8> {
    let mut out = (parts.len() as i32).to_le_bytes().to_vec();
    let mut at = 4 + 8 * parts.len();
    for part in parts {
        let offset = part.map_or(-1, |p| {
            let o = at as i64;
            at += p.len();
            o
        });
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for part in parts.iter().flatten() {
        out.extend_from_slice(part);
    }
    out
}

/// `file` without its word dictionary.
fn strip(file: &[u8]) -> Result<Vec<u8>, String> {
    let mut parts = components(file)?;
    if let Some(slot) = parts.get_mut(WORD_DICTIONARY) {
        *slot = None;
    }
    Ok(assemble(&parts))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: tessdata IN.traineddata OUT.traineddata");
        return ExitCode::from(2);
    };
    let result = std::fs::read(from)
        .map_err(|e| format!("{from}: {e}"))
        .and_then(|file| strip(&file).map_err(|e| format!("{from}: {e}")))
        .and_then(|out| std::fs::write(to, out).map_err(|e| format!("{to}: {e}")));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tessdata: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small file in the format, with components of distinct bytes at `present`.
    fn sample(present: &[usize]) -> Vec<u8> {
        let parts: Vec<Vec<u8>> = (0..24).map(|i| vec![i as u8; 10 + i]).collect();
        let slots: Vec<Option<&[u8]>> = (0..24)
            .map(|i| present.contains(&i).then(|| parts[i].as_slice()))
            .collect();
        assemble(&slots)
    }

    #[test]
    fn stripping_drops_the_dictionary_and_keeps_every_other_component() {
        let file = sample(&[0, 17, 18, 19, 20, 21, 22, 23]);
        let stripped = strip(&file).unwrap();
        assert_eq!(file.len() - stripped.len(), 10 + 19);
        let (before, after) = (components(&file).unwrap(), components(&stripped).unwrap());
        for i in 0..24 {
            if i == WORD_DICTIONARY {
                assert!(before[i].is_some() && after[i].is_none());
            } else {
                assert_eq!(before[i], after[i], "component {i}");
            }
        }
    }

    #[test]
    fn a_file_without_a_dictionary_is_copied_unchanged() {
        let file = sample(&[0, 17, 23]);
        assert_eq!(strip(&file).unwrap(), file);
    }

    #[test]
    fn the_debian_files_keep_their_network_when_installed() {
        // The files the setup script strips; skipped where the Debian package is absent.
        for lang in ["chi_sim", "chi_tra"] {
            let path = format!("/usr/share/tesseract-ocr/5/tessdata/{lang}.traineddata");
            let Ok(file) = std::fs::read(&path) else {
                continue;
            };
            let stripped = strip(&file).unwrap();
            let (before, after) = (components(&file).unwrap(), components(&stripped).unwrap());
            assert_eq!(before[17], after[17], "{lang}: the LSTM network");
            assert!(after[WORD_DICTIONARY].is_none());
            assert!(stripped.len() < file.len() - 400_000, "{lang}");
        }
    }

    #[test]
    fn files_that_are_not_trained_data_are_refused() {
        assert!(strip(b"").is_err());
        assert!(strip(b"\x05\0\0\0short").is_err());
        assert!(strip(&(-3i32).to_le_bytes()).is_err());
        let mut file = sample(&[0, 17]);
        file.truncate(file.len() - 5);
        // The last component now ends at the file's end: still readable, five bytes shorter.
        assert!(strip(&file).is_ok());
        let mut bad = sample(&[0, 17]);
        bad[4..12].copy_from_slice(&(1_000_000i64).to_le_bytes());
        assert!(strip(&bad).is_err());
    }
}
