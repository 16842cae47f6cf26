//! Small formatting helpers for the interface.

/// A byte count for people: "812 bytes", "48 KB", "3.2 MB", "1.1 GB".
pub fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} bytes")
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
