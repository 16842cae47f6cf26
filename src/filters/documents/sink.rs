//! Collecting a document's text up to a limit, as its readers find it.

use super::Extracted;

/// Text gathered piece by piece, cut on a character boundary at its limit.
#[derive(Debug)]
pub struct TextSink {
    text: String,
    limit: usize,
    truncated: bool,
}

impl TextSink {
    pub fn new(limit: usize) -> Self {
        Self {
            text: String::new(),
            limit,
            truncated: false,
        }
    }

    /// Appends `piece`, or as much of it as fits; false once the sink is full.
    pub fn push_str(&mut self, piece: &str) -> bool {
        if self.truncated {
            return false;
        }
        let room = self.limit - self.text.len();
        if piece.len() <= room {
            self.text.push_str(piece);
            return true;
        }
        let mut cut = room;
        while !piece.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.push_str(&piece[..cut]);
        self.truncated = true;
        false
    }

    /// Ends a line (a paragraph, a page), unless the text is empty or already ends one.
    pub fn end_line(&mut self) -> bool {
        if self.text.is_empty() || self.text.ends_with('\n') {
            return !self.truncated;
        }
        self.push_str("\n")
    }

    /// Records that text was left unread for another reason (a page limit).
    pub fn mark_truncated(&mut self) {
        self.truncated = true;
    }

    pub fn is_full(&self) -> bool {
        self.truncated
    }

    pub fn finish(self) -> Extracted {
        Extracted {
            text: self.text.trim_end().to_string(),
            truncated: self.truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_on_a_character_boundary_at_the_limit() {
        let mut sink = TextSink::new(7);
        assert!(sink.push_str("六四"));
        assert!(!sink.push_str("天安门"), "full");
        assert!(!sink.push_str("more"));
        let out = sink.finish();
        assert_eq!(
            out.text, "六四",
            "the third character would cross the limit"
        );
        assert!(out.truncated);
    }

    #[test]
    fn lines_end_once() {
        let mut sink = TextSink::new(100);
        sink.end_line();
        sink.push_str("a");
        sink.end_line();
        sink.end_line();
        sink.push_str("b");
        let out = sink.finish();
        assert_eq!(out.text, "a\nb");
        assert!(!out.truncated);
    }
}
