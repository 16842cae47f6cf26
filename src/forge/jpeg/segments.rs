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

/// The segments a decoder reads from `at` to EOI (included). SOI at `at` counts as a segment.
pub fn read_segments(file: &[u8], mut at: usize) -> Result<Vec<Segment<'_>>, String> {
    let mut out = Vec::new();
    loop {
        if file.get(at) != Some(&0xFF) {
            return Err(format!("no marker at byte {at}"));
        }
        let start = at;
        // A marker may be preceded by any number of fill bytes FF.
        while file.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = *file.get(at + 1).ok_or("the file ends inside a marker")?;
        let mut end = at + 2;
        if !standalone(marker) {
            let high = *file
                .get(end)
                .ok_or("the file ends inside a segment length")?;
            let low = *file
                .get(end + 1)
                .ok_or("the file ends inside a segment length")?;
            let length = usize::from(u16::from_be_bytes([high, low]));
            if length < 2 {
                return Err(format!("segment at byte {start} has length {length}"));
            }
            end += length;
            if end > file.len() {
                return Err(format!(
                    "segment at byte {start} runs past the end of the file"
                ));
            }
        }
        if marker == SOS {
            end = entropy_end(file, end)?;
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

/// Where entropy-coded data that starts at `at` ends: at the next real marker.
fn entropy_end(file: &[u8], mut at: usize) -> Result<usize, String> {
    loop {
        let ff = file[at..]
            .iter()
            .position(|&b| b == 0xFF)
            .ok_or("a scan's data runs to the end of the file")?;
        at += ff;
        match file.get(at + 1) {
            Some(0x00 | 0xD0..=0xD7) => at += 2,
            // Fill bytes before a marker.
            Some(0xFF) => at += 1,
            Some(_) => return Ok(at),
            None => return Err("a scan's data runs to the end of the file".into()),
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
