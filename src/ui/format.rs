//! Small formatting helpers for the interface.

use crate::t;

/// A byte count for people: "812 bytes", "48 KB", "3.2 MB", "1.1 GB".
pub fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        t!("sandbox.format.bytes", n = bytes).into_owned()
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else {
        format!("{:.1} GB", b / KB / KB / KB)
    }
}

/// The first characters of an MD5, for tight spaces (the full value is in a tooltip).
pub fn short_md5(hex: &str) -> String {
    format!("{}…", &hex[..hex.len().min(10)])
}

/// A message cut around the one placeholder it still holds (`%{name}` for `"name"`), so that
/// what fills it can be an element of its own: a name in `<bdi>`, a link. The message is a
/// whole sentence in either language; only where the placeholder sits differs. A message
/// without the placeholder comes back whole, before an empty rest.
pub fn around(message: &str, placeholder: &str) -> (String, String) {
    let mark = ["%{", placeholder, "}"].concat();
    match message.split_once(&mark) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (message.to_string(), String::new()),
    }
}
