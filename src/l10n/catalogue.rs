//! The message sources, read natively: `locales/<lang>/<area>.<lang>.yml`, one file per area of
//! the app in each language, nested keys flattened with dots as rust-i18n does. Used by the
//! `locales` command, which writes the fetched catalogues, and by the tests that keep the two
//! languages in step.
//!
//! `locales/later/<lang>/` holds the messages of the parts of the app with a wasm of their own
//! that loads later (the evasion lab). rust-i18n compiles `locales/en` into every build, the
//! page's included, so their English is kept out of it and fetched with the part, in both
//! languages (`www/locales/later.<lang>.json`).

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One language's messages, key → text, in key order.
pub type Messages = BTreeMap<String, String>;

/// The folder of the message sources, in the source tree.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// The committed catalogue the page fetches for Chinese.
pub fn fetched_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("www/locales/zh-CN.json")
}

/// The folder of the messages fetched later, in the source tree.
pub fn later_root() -> PathBuf {
    root().join("later")
}

/// The committed catalogue of the later parts' messages in the language tagged `tag`.
pub fn later_path(tag: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("www/locales/later.{tag}.json"))
}

/// Every area file of a language, as (area, messages), in name order.
pub fn areas(tag: &str) -> Result<Vec<(String, Messages)>, String> {
    areas_in(&root(), tag)
}

/// Every area file of a language fetched later.
pub fn later_areas(tag: &str) -> Result<Vec<(String, Messages)>, String> {
    areas_in(&later_root(), tag)
}

fn areas_in(root: &Path, tag: &str) -> Result<Vec<(String, Messages)>, String> {
    let dir = root.join(tag);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let area = name
                .strip_suffix(&format!(".{tag}.yml"))
                .ok_or_else(|| format!("{}: expected a name ending .{tag}.yml", path.display()))?;
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let value: Value =
                serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut messages = Messages::new();
            flatten("", &value, &mut messages).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((area.to_string(), messages))
        })
        .collect()
}

/// All of a language's messages in one map; a key defined twice is an error.
pub fn merged(tag: &str) -> Result<Messages, String> {
    merge(areas(tag)?)
}

/// All of a language's messages fetched later, in one map.
pub fn later_merged(tag: &str) -> Result<Messages, String> {
    merge(later_areas(tag)?)
}

fn merge(areas: Vec<(String, Messages)>) -> Result<Messages, String> {
    let mut all = Messages::new();
    for (area, messages) in areas {
        for (key, text) in messages {
            if all.insert(key.clone(), text).is_some() {
                return Err(format!("{key} is defined twice (again in {area})"));
            }
        }
    }
    Ok(all)
}

fn flatten(prefix: &str, value: &Value, out: &mut Messages) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out)?;
            }
            Ok(())
        }
        Value::String(text) => {
            out.insert(prefix.to_string(), text.clone());
            Ok(())
        }
        other => Err(format!("{prefix}: expected text, found {other}")),
    }
}

/// The `%{name}` placeholders of a message, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .match_indices("%{")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find('}').map(|end| &rest[..end])
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The catalogue the page fetches: the Chinese messages as one flat JSON object.
pub fn fetched_json() -> Result<String, String> {
    to_json(&merged("zh-CN")?)
}

/// The catalogue of the later parts' messages in the language tagged `tag`.
pub fn later_json(tag: &str) -> Result<String, String> {
    to_json(&later_merged(tag)?)
}

fn to_json(messages: &Messages) -> Result<String, String> {
    let mut json = serde_json::to_string_pretty(messages).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

/// Every catalogue the `locales` command writes, as (path, contents).
pub fn written() -> Result<Vec<(PathBuf, String)>, String> {
    let mut out = vec![(fetched_path(), fetched_json()?)];
    for tag in ["en", "zh-CN"] {
        out.push((later_path(tag), later_json(tag)?));
    }
    Ok(out)
}

/// Loads the later parts' messages into the running process, both languages (for tests of
/// the code that speaks them).
pub fn load_later() -> Result<(), String> {
    use crate::scenario::address::Lang;
    for lang in Lang::ALL {
        super::load(lang, &later_json(lang.tag())?)?;
    }
    Ok(())
}
