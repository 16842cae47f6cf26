//! Reading a JPEG as a decoder does: marker segments one after another (ITU-T T.81 B.1.1).
//!
//! A scan is its SOS header followed by entropy-coded data, which runs to the next marker
//! that is neither a stuffed `FF 00` nor a restart marker; for the interleaving it is one
//! indivisible piece.

/// One segment as it lies in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The marker's second byte (`0xDA` for SOS, …).
    pub marker: u8,
    /// Offset of the marker's `FF` in the file.
    pub at: usize,
    /// The whole segment: marker, length, body and, for a scan, its entropy-coded data.
    pub bytes: &'a [u8],
}

pub const SOI: u8 = 0xD8;
pub const EOI: u8 = 0xD9;
pub const SOS: u8 = 0xDA;
pub const COM: u8 = 0xFE;

/// Markers that stand alone, without a length: SOI, EOI, RST0–7 and TEM.
fn standalone(marker: u8) -> bool {
    matches!(marker, SOI | EOI | 0xD0..=0xD7 | 0x01)
}

/// Why a file does not read as JPEG segments (the offset where it went wrong).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentError {
    NoMarker(usize),
    BadLength(usize),
    PastTheEnd(usize),
}

impl std::fmt::Display for SegmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoMarker(at) => write!(f, "no marker at byte {at}"),
            Self::BadLength(at) => write!(f, "the segment at byte {at} has a length under 2"),
            Self::PastTheEnd(at) => write!(f, "the segment at byte {at} runs past the end"),
        }
    }
}

impl From<SegmentError> for String {
    fn from(e: SegmentError) -> String {
        e.to_string()
    }
}

/// The segments a decoder reads from `at` to EOI (included). SOI at `at` counts as a segment.
pub fn read_segments(file: &[u8], mut at: usize) -> Result<Vec<Segment<'_>>, SegmentError> {
    let mut out = Vec::new();
    loop {
        if file.get(at) != Some(&0xFF) {
            return Err(SegmentError::NoMarker(at));
        }
        let start = at;
        // A marker may be preceded by any number of fill bytes FF.
        while file.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let past = SegmentError::PastTheEnd(start);
        let marker = *file.get(at + 1).ok_or(past)?;
        let mut end = at + 2;
        if !standalone(marker) {
            let length = match file.get(end..end + 2) {
                Some(&[high, low]) => usize::from(u16::from_be_bytes([high, low])),
                _ => return Err(past),
            };
            if length < 2 {
                return Err(SegmentError::BadLength(start));
            }
            end += length;
            if end > file.len() {
                return Err(past);
            }
        }
        if marker == SOS {
            end = entropy_end(file, end).ok_or(past)?;
        }
        out.push(Segment {
            marker,
            at: start,
            bytes: &file[start..end],
        });
        if marker == EOI {
            return Ok(out);
        }
        at = end;
    }
}

/// Where entropy-coded data that starts at `at` ends: at the next real marker (`None` if
/// the file ends first).
fn entropy_end(file: &[u8], mut at: usize) -> Option<usize> {
    loop {
        at += file.get(at..)?.iter().position(|&b| b == 0xFF)?;
        match file.get(at + 1)? {
            0x00 | 0xD0..=0xD7 => at += 2,
            // Fill bytes before a marker.
            0xFF => at += 1,
            _ => return Some(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_scan_at_its_next_marker_only() {
        // SOI, COM "hi", SOS with 1 component, data holding a stuffed FF00 and an RST, EOI.
        let file = [
            0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x04, b'h', b'i', 0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63,
            0, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0xD9,
        ];
        let segs = read_segments(&file, 0).unwrap();
        let markers: Vec<u8> = segs.iter().map(|s| s.marker).collect();
        assert_eq!(markers, [SOI, COM, SOS, EOI]);
        assert_eq!(segs[2].bytes.len(), 17);
        assert_eq!(segs[3].at, 25);
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        for file in [
            &[0xFF, 0xD8, 0xFF][..],
            &[0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x09, 1][..],
            &[0xFF, 0xD8, 0x00][..],
            &[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34][..],
            &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01][..],
        ] {
            assert!(read_segments(file, 0).is_err(), "{file:02x?}");
        }
    }
}
