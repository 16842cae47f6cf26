//! The sample tray drawn by the wasm32 build is byte-for-byte the tray drawn natively:
//! every file's MD5 equals the one committed in `www/samples/index.json`, so the browser
//! could draw the samples itself and the censor's hash index would still match them.
//! The lettered pictures are the exception: their font is kept out of the wasm build.
//!
//! Runs in Node (no browser needed):
//! `cargo test --target wasm32-unknown-unknown --test web_samples`.
#![cfg(target_arch = "wasm32")]

use hashwall::fingerprint::md5;
use hashwall::samples;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn tray_files_have_the_committed_md5s() {
    let index: serde_json::Value =
        serde_json::from_str(include_str!("../www/samples/index.json")).unwrap();
    let mut files = 0;
    for entry in index["samples"].as_array().unwrap() {
        let Some(listed) = entry["md5"].as_str() else {
            continue;
        };
        let sample = samples::sample(entry["id"].as_str().unwrap()).unwrap();
        if samples::scenes::LETTERED.contains(&sample.id) {
            continue;
        }
        let bytes = samples::file_bytes(&sample).unwrap();
        assert_eq!(md5(&bytes).hex(), listed, "{}", sample.id);
        files += 1;
    }
    assert_eq!(
        files,
        samples::catalogue()
            .iter()
            .filter(|s| s.file_name.is_some() && !samples::scenes::LETTERED.contains(&s.id))
            .count()
    );
}
