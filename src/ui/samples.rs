//! Where the tray's files are served from (copied there by Trunk).

use crate::samples::Sample;

/// The address of a sample's file, relative to the page.
pub fn url(sample: &Sample) -> Option<String> {
    sample.file_name.map(|name| format!("samples/{name}"))
}

/// The address of a picture sample's thumbnail (`samples/thumbs/`), which the tray shows;
/// the full file is fetched only when the picture is used.
pub fn thumbnail_url(sample: &Sample) -> Option<String> {
    (sample.kind == crate::samples::SampleKind::Picture)
        .then(|| format!("samples/thumbs/{}", crate::samples::thumbnail_name(sample)))
}
