//! The message sources, read natively: `locales/<lang>/<area>.<lang>.yml`, one file per area of
//! the app in each language, nested keys flattened with dots as rust-i18n does. Used by the
//! `locales` command, which writes the fetched catalogue, and by the tests that keep the two
//! languages in step.

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

/// Every area file of a language, as (area, messages), in name order.
pub fn areas(tag: &str) -> Result<Vec<(String, Messages)>, String> {
    let dir = root().join(tag);
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
    let mut all = Messages::new();
    for (area, messages) in areas(tag)? {
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
    let messages = merged("zh-CN")?;
    let mut json = serde_json::to_string_pretty(&messages).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}
