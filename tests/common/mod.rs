//! What several test crates read alike.

/// The `key value` lines of a test-vector file, skipping blanks and `#` comments.
pub fn key_values(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| line.split_once(' ').unwrap_or((line, "")))
}
