//! Source text and position conversion.
//!
//! Every file is read once into a `SourceFile`. Invalid UTF-8 bytes are replaced one for one
//! by `?`, so byte offsets into the text are byte offsets into the file on disk.

use std::path::PathBuf;

/// A file's text and the index of its line starts.
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as it is shown to the user.
    pub display: String,
    pub text: String,
    pub lines: LineIndex,
    /// True when invalid UTF-8 bytes were replaced.
    pub lossy: bool,
}

impl SourceFile {
    pub fn new(path: PathBuf, display: String, bytes: Vec<u8>) -> SourceFile {
        let (text, lossy) = text_from_bytes(bytes);
        let lines = LineIndex::new(&text);
        SourceFile {
            path,
            display,
            text,
            lines,
            lossy,
        }
    }
}

/// Turns bytes into a `String` of the same length: each byte of an invalid UTF-8 sequence
/// becomes `?`, so offsets keep their meaning.
pub fn text_from_bytes(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => {
            let mut bytes = err.into_bytes();
            let mut start = 0;
            while start < bytes.len() {
                match std::str::from_utf8(&bytes[start..]) {
                    Ok(_) => break,
                    Err(e) => {
                        let bad_at = start + e.valid_up_to();
                        let bad_len = e.error_len().unwrap_or(bytes.len() - bad_at);
                        for b in &mut bytes[bad_at..bad_at + bad_len] {
                            *b = b'?';
                        }
                        start = bad_at + bad_len;
                    }
                }
            }
            // Every invalid sequence was replaced by ASCII, so this cannot fail; fall back to
            // a lossy copy rather than panic if it ever did.
            let text = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            (text, true)
        }
    }
}

/// A 1-based line and 1-based column counted in characters, plus the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Byte offsets of line starts.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { starts }
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    pub fn line_start(&self, line0: usize) -> usize {
        self.starts.get(line0).copied().unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Position of a byte offset: line and column are 1-based, the column counts characters.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp_to_char_boundary(text, offset);
        let line0 = self.line_of(offset);
        let start = self.line_start(line0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position {
            line: line0 + 1,
            column,
            offset,
        }
    }

    /// UTF-16 column (0-based) of a byte offset, as the Language Server Protocol counts.
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let offset = clamp_to_char_boundary(text, offset);
        let start = self.line_start(self.line_of(offset));
        text.get(start..offset)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum())
    }

    /// Byte offset of a 1-based line and a 0-based character column on it.
    pub fn offset_of_char_column(&self, text: &str, line1: usize, col0: usize) -> usize {
        let start = self.line_start(line1.saturating_sub(1));
        let rest = text.get(start..).unwrap_or("");
        let mut offset = start;
        for (i, (byte, ch)) in rest.char_indices().enumerate() {
            if i == col0 || ch == '\n' {
                return start + byte;
            }
            offset = start + byte + ch.len_utf8();
        }
        offset
    }
}

pub fn clamp_to_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_keeps_offsets() {
        let (text, lossy) = text_from_bytes(b"a\xff\xfeb\nc".to_vec());
        assert!(lossy);
        assert_eq!(text, "a??b\nc");
    }

    #[test]
    fn columns_count_characters() {
        let text = "é = 1\nxyz";
        let idx = LineIndex::new(text);
        let p = idx.position(text, 4);
        assert_eq!((p.line, p.column), (1, 4));
        let p = idx.position(text, text.len());
        assert_eq!((p.line, p.column), (2, 4));
        assert_eq!(idx.utf16_column("😀x", 4), 2);
    }
}
