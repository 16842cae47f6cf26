//! Where the tray's files are served from (copied there by Trunk).

use crate::samples::Sample;

/// The address of a sample's file, relative to the page.
pub fn url(sample: &Sample) -> Option<String> {
    sample.file_name.map(|name| format!("samples/{name}"))
}
