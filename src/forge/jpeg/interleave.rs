//! Two JPEG streams woven into one common suffix, each hidden from the other's parser inside
//! comment (COM) segments.
//!
//! After the collision the two files resume parsing at different offsets, 32,768 bytes apart
//! (docs/how-it-works.md §7). From there the suffix is a run of chunks that alternate between
//! the files. Each chunk holds whole segments of one file and ends with that file's COM header,
//! whose body spans the other file's next chunk. The file that is behind writes; the one ahead
//! waits inside a COM whose length is set once the writer's chunk is known. A COM body holds at
//! most 65,533 bytes, so every segment (a scan with its entropy-coded data counts as one) must
//! fit in [`MAX_PIECE`].
//!
//! Once one file has written its EOI the other needs no more hiding: its pending COM ends right
//! after that EOI and the rest of its segments follow plainly. Decoders stop at EOI, so what
//! follows it in the finished file is never read.

use std::fmt;

/// The largest segment a chunk can carry: a COM spans at most 65,535 − 2 body bytes, and the
/// chunk must also hold the writer's own 4-byte COM header.
pub const MAX_PIECE: usize = 65_529;

/// A COM segment header: marker, then the big-endian length (which counts itself).
fn com_header(length: usize) -> [u8; 4] {
    debug_assert!((2..=0xFFFF).contains(&length));
    [0xFF, 0xFE, (length >> 8) as u8, length as u8]
}

/// Why two streams could not be woven.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterleaveError {
    /// A segment is larger than a COM body can hide.
    PieceTooLarge { size: usize },
    /// The second file resumes before the first, or the first before the suffix starts.
    BadOffsets,
}

impl fmt::Display for InterleaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PieceTooLarge { size } => write!(
                f,
                "a JPEG segment of {size} bytes is larger than the {MAX_PIECE} a comment can hide"
            ),
            Self::BadOffsets => f.write_str("the files' resume offsets are out of order"),
        }
    }
}

impl std::error::Error for InterleaveError {}

/// One file's segments, in order, and how far it has got.
struct Stream<'a> {
    pieces: &'a [Vec<u8>],
    next: usize,
}

impl Stream<'_> {
    fn peek(&self) -> Option<&[u8]> {
        self.pieces.get(self.next).map(Vec::as_slice)
    }
    fn done(&self) -> bool {
        self.next == self.pieces.len()
    }
}

/// The shared bytes that follow the collision: `first` (whole segments ending with EOI) parsed
/// from absolute offset `first_at`, `second` from `second_at`; the returned bytes start at
/// absolute offset `base` (where the collision ends), which both files' COMs already cover.
pub fn interleave(
    first: &[Vec<u8>],
    second: &[Vec<u8>],
    base: usize,
    first_at: usize,
    second_at: usize,
) -> Result<Vec<u8>, InterleaveError> {
    if !(base <= first_at && first_at < second_at) {
        return Err(InterleaveError::BadOffsets);
    }
    if let Some(size) = first
        .iter()
        .chain(second)
        .map(Vec::len)
        .find(|&n| n > MAX_PIECE)
    {
        return Err(InterleaveError::PieceTooLarge { size });
    }
    let mut out = Out {
        base,
        bytes: Vec::new(),
    };
    out.pad_to(first_at);
    let mut writer = Stream {
        pieces: first,
        next: 0,
    };
    let mut waiter = Stream {
        pieces: second,
        next: 0,
    };

    // The opening chunk: the waiter's resume offset is fixed by the collision.
    write_pieces(&mut out, &mut writer, second_at);
    if writer.done() {
        out.pad_to(second_at);
        write_pieces(&mut out, &mut waiter, usize::MAX);
        return Ok(out.bytes);
    }
    let mut pending = out.pos();
    out.push(&[0; 4]);
    out.pad_to(second_at);
    std::mem::swap(&mut writer, &mut waiter);

    // From here on the waiter's COM header sits at `pending` and its length is still open: it can
    // reach at most 65,535 + 2 bytes past the header.
    loop {
        let reach = pending + 2 + 0xFFFF;
        write_pieces(&mut out, &mut writer, reach);
        if writer.done() {
            out.patch_com(pending, out.pos());
            write_pieces(&mut out, &mut waiter, usize::MAX);
            return Ok(out.bytes);
        }
        let header = out.pos();
        out.push(&[0; 4]);
        out.patch_com(pending, out.pos());
        pending = header;
        std::mem::swap(&mut writer, &mut waiter);
    }
}

/// Writes the stream's next segments while they leave room for a 4-byte COM header before
/// `limit` (the last segment, EOI, needs no header after it).
fn write_pieces(out: &mut Out, stream: &mut Stream, limit: usize) {
    while let Some(piece) = stream.peek() {
        let last = stream.next + 1 == stream.pieces.len();
        let room = if last { 0 } else { 4 };
        if out.pos().saturating_add(piece.len()).saturating_add(room) > limit {
            break;
        }
        out.push(piece);
        stream.next += 1;
    }
}

/// The suffix being built, addressed by absolute file offsets.
struct Out {
    base: usize,
    bytes: Vec<u8>,
}

impl Out {
    fn pos(&self) -> usize {
        self.base + self.bytes.len()
    }
    fn push(&mut self, data: &[u8]) {
        self.bytes.extend_from_slice(data);
    }
    /// Fills with zeros (inside some COM body) up to `offset`.
    fn pad_to(&mut self, offset: usize) {
        self.bytes.resize(offset - self.base, 0);
    }
    /// Completes the COM header at `at` so that its file resumes at `resume`.
    fn patch_com(&mut self, at: usize, resume: usize) {
        let i = at - self.base;
        self.bytes[i..i + 4].copy_from_slice(&com_header(resume - at - 2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows a JPEG-like marker stream from `at` the way a decoder skips segments: returns
    /// the segments it reads that are not COM, stopping after EOI.
    fn read(file: &[u8], mut at: usize) -> Vec<Vec<u8>> {
        let mut seen = Vec::new();
        loop {
            assert_eq!(file[at], 0xFF, "a marker at {at}");
            let marker = file[at + 1];
            if marker == 0xD9 {
                seen.push(file[at..at + 2].to_vec());
                return seen;
            }
            let len = usize::from(u16::from_be_bytes([file[at + 2], file[at + 3]]));
            if marker != 0xFE {
                seen.push(file[at..at + 2 + len].to_vec());
            }
            at += 2 + len;
        }
    }

    /// A segment of `size` bytes that a reader can tell apart from every other.
    fn piece(tag: u8, size: usize) -> Vec<u8> {
        let mut p = vec![0xFF, 0xE0 + (tag % 14)];
        p.extend_from_slice(&((size - 2) as u16).to_be_bytes());
        p.extend((4..size).map(|i| (i as u8) ^ tag));
        p
    }

    fn stream(sizes: &[usize], tag: u8) -> Vec<Vec<u8>> {
        let mut pieces: Vec<_> = sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| piece(tag.wrapping_add(i as u8), s))
            .collect();
        pieces.push(vec![0xFF, 0xD9]);
        pieces
    }

    fn check(a: &[usize], b: &[usize], base: usize, first_at: usize) {
        let (a, b) = (stream(a, 0x10), stream(b, 0x80));
        let second_at = first_at + 32_768;
        let suffix = interleave(&a, &b, base, first_at, second_at).unwrap();
        let mut file = vec![0; base];
        file.extend_from_slice(&suffix);
        assert_eq!(
            read(&file, first_at),
            a,
            "first file reads its own segments"
        );
        assert_eq!(
            read(&file, second_at),
            b,
            "second file reads its own segments"
        );
    }

    #[test]
    fn small_streams_need_no_hiding_after_the_first_ends() {
        check(&[100, 200], &[300], 192, 500);
    }

    #[test]
    fn many_large_segments_alternate() {
        let a = [600, 65_529, 40_000, 65_000, 12, 65_529, 30_000];
        let b = [65_529, 65_529, 1_000, 50_000, 64_000, 100];
        check(&a, &b, 192, 192);
        check(&b, &a, 192, 30_000);
    }

    #[test]
    fn a_first_segment_too_big_for_the_opening_chunk_waits() {
        check(&[40_000, 40_000], &[40_000, 40_000], 192, 192);
        check(&[32_764, 4], &[65_529], 192, 1_000);
        check(&[32_765], &[32_765, 32_766], 192, 192);
    }

    #[test]
    fn refuses_a_segment_no_comment_can_hide() {
        let (a, b) = (stream(&[MAX_PIECE + 1], 1), stream(&[10], 2));
        assert_eq!(
            interleave(&a, &b, 192, 192, 192 + 32_768),
            Err(InterleaveError::PieceTooLarge {
                size: MAX_PIECE + 1
            })
        );
        assert_eq!(
            interleave(&b, &b, 192, 300, 300),
            Err(InterleaveError::BadOffsets)
        );
    }

    #[test]
    fn random_streams_always_read_back() {
        let mut rng = crate::rng::Rng::new(14);
        for _ in 0..200 {
            let mut sizes = |n: u64| -> Vec<usize> {
                (0..rng.range(1, n))
                    .map(|_| match rng.range(0, 3) {
                        0 => rng.range(4, 64) as usize,
                        1 => MAX_PIECE - rng.range(0, 8) as usize,
                        _ => rng.range(4, MAX_PIECE as u64) as usize,
                    })
                    .collect()
            };
            let (a, b) = (sizes(12), sizes(12));
            let first_at = rng.range(192, 32_000) as usize;
            check(&a, &b, 192, first_at);
        }
    }
}
