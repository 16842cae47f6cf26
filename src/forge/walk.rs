//! How one GIF parser reads a file, byte by byte.
//!
//! A forged pair works only because two parsers that start in the same comment part ways at
//! the collision and then read the same bytes differently. This module is that parser, kept
//! deliberately small and strict: it follows exactly the block grammar decoders follow
//! (header, comment extensions, image descriptor, local palette, LZW sub-blocks, trailer) and
//! refuses anything else. The layout search uses it to learn where each parser stands after
//! the collision, verification uses it to check what each file contains, and the lab's
//! "how each parser reads the file" bar is drawn from its spans.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a parser reads one byte range of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SpanKind {
    /// Signature and logical screen descriptor.
    Header,
    /// The 128 colliding bytes (read as comment payload and one sub-block length).
    Collision,
    /// A comment extension: skipped by the parser, whatever it contains.
    Comment,
    /// The 10-byte image descriptor.
    ImageDescriptor,
    /// A colour table.
    Palette,
    /// LZW minimum code size and the data sub-blocks of the picture shown (for a JPEG: its
    /// scans).
    ImageData,
    /// A JPEG's tables and frame header: quantisation, Huffman, SOF.
    Tables,
    /// The trailer byte that ends the file for this parser.
    Trailer,
    /// Bytes after the trailer, which no decoder reads.
    Unread,
}

/// A byte range `start..end` of a file and how one parser reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: SpanKind,
}

/// One picture as a parser met it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenImage {
    /// Offset of the 0x2C that starts the image descriptor.
    pub at: usize,
    /// The 10 descriptor bytes, 0x2C included.
    pub descriptor: [u8; 10],
    /// The local colour table, empty if there is none.
    pub palette: Vec<u8>,
    pub min_code_size: u8,
    /// The LZW data with the sub-block lengths removed.
    pub data: Vec<u8>,
}

/// Everything one parser saw in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    pub width: u16,
    pub height: u16,
    pub spans: Vec<Span>,
    pub images: Vec<SeenImage>,
    /// Offset of the trailer byte.
    pub trailer: usize,
}

/// Why a byte stream is not a GIF this parser accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    pub offset: usize,
    pub reason: &'static str,
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a well-formed GIF at byte {}: {}",
            self.offset, self.reason
        )
    }
}

impl std::error::Error for WalkError {}

/// Which kind of sub-block chain a parser is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chain {
    Comment,
    Image,
}

/// The parser's state between two bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Header { at: usize },
    GlobalPalette { left: usize },
    Introducer,
    ExtensionLabel,
    Length(Chain),
    Payload { chain: Chain, left: u8 },
    Descriptor { at: usize },
    LocalPalette { left: usize },
    MinCodeSize,
    Done,
}

/// A byte-by-byte GIF parser.
#[derive(Clone, Debug)]
pub struct Walker {
    state: State,
    offset: usize,
    header: [u8; 13],
    spans: Vec<Span>,
    images: Vec<SeenImage>,
    trailer: Option<usize>,
}

impl Default for Walker {
    fn default() -> Self {
        Self::new()
    }
}

impl Walker {
    pub fn new() -> Self {
        Self {
            state: State::Header { at: 0 },
            offset: 0,
            header: [0; 13],
            spans: Vec::new(),
            images: Vec::new(),
            trailer: None,
        }
    }

    /// Reads the next byte of the file.
    pub fn feed(&mut self, byte: u8) -> Result<(), WalkError> {
        let offset = self.offset;
        let fail = |reason| Err(WalkError { offset, reason });
        let (kind, next) = match self.state {
            State::Header { at } => {
                self.header[at] = byte;
                if at < 6 && byte != b"GIF89a"[at] && !(at == 4 && byte == b'7') {
                    return fail("not a GIF signature");
                }
                let next = if at < 12 {
                    State::Header { at: at + 1 }
                } else if byte & 0x80 != 0 {
                    State::GlobalPalette {
                        left: 3 << ((byte & 7) + 1),
                    }
                } else {
                    State::Introducer
                };
                (SpanKind::Header, next)
            }
            State::GlobalPalette { left } => (
                SpanKind::Palette,
                if left > 1 {
                    State::GlobalPalette { left: left - 1 }
                } else {
                    State::Introducer
                },
            ),
            State::Introducer => match byte {
                0x21 => (SpanKind::Comment, State::ExtensionLabel),
                0x2C => {
                    self.images.push(SeenImage {
                        at: offset,
                        descriptor: [0x2C, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                        palette: Vec::new(),
                        min_code_size: 0,
                        data: Vec::new(),
                    });
                    (SpanKind::ImageDescriptor, State::Descriptor { at: 1 })
                }
                0x3B => {
                    self.trailer = Some(offset);
                    (SpanKind::Trailer, State::Done)
                }
                _ => return fail("expected an extension, an image or the trailer"),
            },
            State::ExtensionLabel if byte == 0xFE => {
                (SpanKind::Comment, State::Length(Chain::Comment))
            }
            State::ExtensionLabel => return fail("an extension other than a comment"),
            State::Length(chain) => {
                let kind = chain_kind(chain);
                match byte {
                    0 => (kind, State::Introducer),
                    left => (kind, State::Payload { chain, left }),
                }
            }
            State::Payload { chain, left } => {
                if chain == Chain::Image {
                    self.current_image().data.push(byte);
                }
                let next = if left > 1 {
                    State::Payload {
                        chain,
                        left: left - 1,
                    }
                } else {
                    State::Length(chain)
                };
                (chain_kind(chain), next)
            }
            State::Descriptor { at } => {
                self.current_image().descriptor[at] = byte;
                let next = if at < 9 {
                    State::Descriptor { at: at + 1 }
                } else if byte & 0x80 != 0 {
                    State::LocalPalette {
                        left: 3 << ((byte & 7) + 1),
                    }
                } else {
                    State::MinCodeSize
                };
                (SpanKind::ImageDescriptor, next)
            }
            State::LocalPalette { left } => {
                self.current_image().palette.push(byte);
                (
                    SpanKind::Palette,
                    if left > 1 {
                        State::LocalPalette { left: left - 1 }
                    } else {
                        State::MinCodeSize
                    },
                )
            }
            State::MinCodeSize => {
                if !(1..=11).contains(&byte) {
                    return fail("LZW minimum code size out of range");
                }
                self.current_image().min_code_size = byte;
                (SpanKind::ImageData, State::Length(Chain::Image))
            }
            State::Done => (SpanKind::Unread, State::Done),
        };
        self.state = next;
        self.mark(kind);
        self.offset += 1;
        Ok(())
    }

    /// If the parser is inside a comment, the offset of the next sub-block length it reads.
    ///
    /// This is the whole state a skipping parser carries: where it will next look.
    pub fn next_comment_length(&self) -> Option<usize> {
        match self.state {
            State::Length(Chain::Comment) => Some(self.offset),
            State::Payload {
                chain: Chain::Comment,
                left,
            } => Some(self.offset + left as usize),
            _ => None,
        }
    }

    /// The walk so far, if the file is complete (the trailer was read).
    pub fn finish(self) -> Result<Walk, WalkError> {
        let Some(trailer) = self.trailer else {
            return Err(WalkError {
                offset: self.offset,
                reason: "the file ends before the trailer",
            });
        };
        Ok(Walk {
            width: u16::from_le_bytes([self.header[6], self.header[7]]),
            height: u16::from_le_bytes([self.header[8], self.header[9]]),
            spans: self.spans,
            images: self.images,
            trailer,
        })
    }

    fn current_image(&mut self) -> &mut SeenImage {
        self.images
            .last_mut()
            .expect("image states are entered only after a descriptor")
    }

    fn mark(&mut self, kind: SpanKind) {
        match self.spans.last_mut() {
            Some(last) if last.kind == kind && last.end == self.offset => last.end += 1,
            _ => self.spans.push(Span {
                start: self.offset,
                end: self.offset + 1,
                kind,
            }),
        }
    }
}

fn chain_kind(chain: Chain) -> SpanKind {
    match chain {
        Chain::Comment => SpanKind::Comment,
        Chain::Image => SpanKind::ImageData,
    }
}

/// Reads a whole file as one parser does.
pub fn walk(file: &[u8]) -> Result<Walk, WalkError> {
    let mut walker = Walker::new();
    for &byte in file {
        walker.feed(byte)?;
    }
    walker.finish()
}

/// Relabels `range` as `kind` in a span list, keeping it sorted and merged.
pub fn paint(spans: &[Span], start: usize, end: usize, kind: SpanKind) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len() + 2);
    let mut push = |span: Span| {
        if span.start >= span.end {
            return;
        }
        match out.last_mut() {
            Some(last) if last.kind == span.kind && last.end == span.start => last.end = span.end,
            _ => out.push(span),
        }
    };
    let mut painted = false;
    for s in spans {
        if s.end <= start || s.start >= end {
            if s.start >= end && !painted {
                push(Span { start, end, kind });
                painted = true;
            }
            push(*s);
            continue;
        }
        push(Span {
            start: s.start,
            end: start.max(s.start),
            kind: s.kind,
        });
        if !painted {
            push(Span { start, end, kind });
            painted = true;
        }
        push(Span {
            start: end.min(s.end),
            end: s.end,
            kind: s.kind,
        });
    }
    if !painted {
        push(Span { start, end, kind });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×1 GIF: comment "hi", one image with a 2-colour palette, trailer.
    fn tiny() -> Vec<u8> {
        let mut f = b"GIF89a".to_vec();
        f.extend_from_slice(&[2, 0, 1, 0, 0, 0, 0]);
        f.extend_from_slice(&[0x21, 0xFE, 2, b'h', b'i', 0]);
        f.extend_from_slice(&[0x2C, 0, 0, 0, 0, 2, 0, 1, 0, 0x80]);
        f.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
        f.extend_from_slice(&[2, 3, 0x44, 0x01, 0x05, 0]);
        f.push(0x3B);
        f
    }

    #[test]
    fn reads_each_block_with_its_kind() {
        let file = tiny();
        let w = walk(&file).unwrap();
        assert_eq!((w.width, w.height), (2, 1));
        let kinds: Vec<_> = w.spans.iter().map(|s| (s.start, s.end, s.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (0, 13, SpanKind::Header),
                (13, 19, SpanKind::Comment),
                (19, 29, SpanKind::ImageDescriptor),
                (29, 35, SpanKind::Palette),
                (35, 41, SpanKind::ImageData),
                (41, 42, SpanKind::Trailer),
            ]
        );
        assert_eq!(w.images.len(), 1);
        assert_eq!(w.images[0].data, vec![0x44, 0x01, 0x05]);
        assert_eq!(w.images[0].palette, vec![0, 0, 0, 255, 255, 255]);
        assert_eq!(w.trailer, 41);
    }

    #[test]
    fn bytes_after_the_trailer_are_unread() {
        let mut file = tiny();
        file.extend_from_slice(b"junk");
        let w = walk(&file).unwrap();
        assert_eq!(
            *w.spans.last().unwrap(),
            Span {
                start: 42,
                end: 46,
                kind: SpanKind::Unread
            }
        );
    }

    #[test]
    fn refuses_what_decoders_refuse() {
        let mut file = tiny();
        file[19] = 0x2D;
        assert_eq!(walk(&file).unwrap_err().offset, 19);
        let mut file = tiny();
        file[14] = 0xF9;
        assert!(walk(&file).unwrap_err().reason.contains("comment"));
        let file = tiny();
        assert!(walk(&file[..40]).unwrap_err().reason.contains("trailer"));
        assert!(walk(b"PNG").is_err());
    }

    #[test]
    fn knows_where_a_comment_reads_its_next_length() {
        let file = tiny();
        let mut walker = Walker::new();
        for &b in &file[..16] {
            walker.feed(b).unwrap();
        }
        // The length 2 at offset 15 covers 16 and 17, so the next length is read at 18.
        assert_eq!(walker.next_comment_length(), Some(18));
        walker.feed(file[16]).unwrap();
        walker.feed(file[17]).unwrap();
        assert_eq!(walker.next_comment_length(), Some(18));
        walker.feed(file[18]).unwrap();
        assert_eq!(walker.next_comment_length(), None);
    }

    #[test]
    fn paint_relabels_and_merges() {
        let spans = vec![
            Span {
                start: 0,
                end: 10,
                kind: SpanKind::Header,
            },
            Span {
                start: 10,
                end: 30,
                kind: SpanKind::Comment,
            },
        ];
        let got = paint(&spans, 5, 20, SpanKind::Collision);
        assert_eq!(
            got,
            vec![
                Span {
                    start: 0,
                    end: 5,
                    kind: SpanKind::Header
                },
                Span {
                    start: 5,
                    end: 20,
                    kind: SpanKind::Collision
                },
                Span {
                    start: 20,
                    end: 30,
                    kind: SpanKind::Comment
                },
            ]
        );
        assert_eq!(
            paint(&spans, 0, 30, SpanKind::Comment),
            vec![Span {
                start: 0,
                end: 30,
                kind: SpanKind::Comment
            }]
        );
    }
}
