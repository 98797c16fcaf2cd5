//! Source text and position conversion.
//!
//! Every file is read once into a `SourceFile`. Invalid UTF-8 bytes are replaced one for one
//! by `?`, so byte offsets into the text are byte offsets into the file on disk.

use std::path::PathBuf;
use std::sync::OnceLock;

/// A file's text and the index of its line starts.
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as it is shown to the user.
    pub display: String,
    /// The path relative to the checked folder that holds the file (`settings/dev.py` when
    /// `backlint check /srv/app` reads `/srv/app/settings/dev.py`): what rules judge a
    /// file's purpose by, never the folders above the project. The whole path when unknown.
    pub relative: PathBuf,
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
            relative: path.clone(),
            path,
            display,
            text,
            lines,
            lossy,
        }
    }

    /// The same file, known to be at `relative` under the checked folder.
    pub fn with_relative(mut self, relative: PathBuf) -> SourceFile {
        self.relative = relative;
        self
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
    /// The text starts with a byte order mark, which takes no column: editors do not show it.
    bom: bool,
    /// Character counts at every `CHECKPOINT_BYTES` of the text, built on the first column
    /// asked on a long line: a column then costs a search and a short count, not the length
    /// of the line (a minified file holds megabytes on one line).
    checkpoints: OnceLock<Vec<Checkpoint>>,
}

/// Columns further than this from their line's start are counted from checkpoints.
const CHECKPOINT_BYTES: usize = 4096;

/// The characters and UTF-16 code units before a byte of the text.
#[derive(Clone, Copy)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            bom: text.starts_with('\u{feff}'),
            checkpoints: OnceLock::new(),
        }
    }

    /// The byte offset of each line's start, in order.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// Characters and UTF-16 code units of `text[from..to]` (both on char boundaries).
    fn count(&self, text: &str, from: usize, to: usize) -> (usize, usize) {
        let slice = |a: usize, b: usize| {
            text.get(a..b).map_or((0, 0), |s| {
                s.chars()
                    .fold((0, 0), |(c, u), ch| (c + 1, u + ch.len_utf16()))
            })
        };
        if to.saturating_sub(from) <= CHECKPOINT_BYTES {
            return slice(from, to);
        }
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut list = vec![Checkpoint {
                byte: 0,
                chars: 0,
                utf16: 0,
            }];
            let mut at = 0;
            while at < text.len() {
                let next = clamp_to_char_boundary(text, at + CHECKPOINT_BYTES).max(at + 1);
                let next = if text.is_char_boundary(next) {
                    next
                } else {
                    text.len()
                };
                let (chars, utf16) = slice(at, next);
                let last = list[list.len() - 1];
                list.push(Checkpoint {
                    byte: next,
                    chars: last.chars + chars,
                    utf16: last.utf16 + utf16,
                });
                at = next;
            }
            list
        });
        let before = |offset: usize| {
            let i = checkpoints
                .partition_point(|c| c.byte <= offset)
                .saturating_sub(1);
            let c = checkpoints.get(i).copied().unwrap_or(Checkpoint {
                byte: 0,
                chars: 0,
                utf16: 0,
            });
            let (chars, utf16) = slice(c.byte, offset);
            (c.chars + chars, c.utf16 + utf16)
        };
        let (a_chars, a_utf16) = before(from);
        let (b_chars, b_utf16) = before(to);
        (b_chars - a_chars, b_utf16 - a_utf16)
    }

    /// The byte where columns of the line start counting: after a byte order mark.
    fn column_start(&self, line0: usize) -> usize {
        let start = self.line_start(line0);
        if line0 == 0 && self.bom {
            start + 3
        } else {
            start
        }
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
        let start = self.column_start(line0).min(offset);
        let column = self.count(text, start, offset).0 + 1;
        Position {
            line: line0 + 1,
            column,
            offset,
        }
    }

    /// UTF-16 column (0-based) of a byte offset, as the Language Server Protocol counts.
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let offset = clamp_to_char_boundary(text, offset);
        let start = self.column_start(self.line_of(offset)).min(offset);
        self.count(text, start, offset).1
    }

    /// Byte offset of a 1-based line and a 0-based character column on it.
    pub fn offset_of_char_column(&self, text: &str, line1: usize, col0: usize) -> usize {
        let start = self.column_start(line1.saturating_sub(1));
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

    /// Columns far into a long line, counted from checkpoints, are the plain counts.
    #[test]
    fn long_lines_count_like_short_ones() {
        let text = format!("a\n{}", "é😀xy".repeat(5000));
        let idx = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(997).chain([text.len()]) {
            let offset = clamp_to_char_boundary(&text, offset);
            let start = idx.line_start(idx.line_of(offset));
            let plain = text[start..offset].chars().count() + 1;
            let utf16: usize = text[start..offset].chars().map(char::len_utf16).sum();
            assert_eq!(idx.position(&text, offset).column, plain, "{offset}");
            assert_eq!(idx.utf16_column(&text, offset), utf16, "{offset}");
        }
    }
}
