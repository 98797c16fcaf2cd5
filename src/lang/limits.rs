//! Inputs a grammar cannot take safely, found before the parse.
//!
//! tree-sitter's parser is iterative and takes any nesting of brackets, blocks and strings
//! (tested to 50,000 levels in every grammar), but the Python grammar keeps its stack of
//! indentation widths in a state that tree-sitter copies into a buffer of 1,024 bytes, two
//! bytes per level plus one per open string: from about 511 levels of indentation the copy no
//! longer fits and tree-sitter aborts the process. CPython itself refuses more than 100
//! levels, so a file this deep is generated or hostile; it is not parsed, and the run says so.

use memchr::memchr;

/// The most indentation widths a Python file may hold and still be parsed: two bytes each,
/// with the grammar's 255 string delimiters at most and its two bytes of header, stays
/// below tree-sitter's 1,024-byte scanner state (2 + 255 + 2 × 380 = 1,017).
pub const MAX_PYTHON_INDENT_WIDTHS: usize = 380;

/// Why a file is not parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverLimit {
    pub what: &'static str,
    pub found: usize,
    pub limit: usize,
}

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}, over backlint's limit of {}",
            self.found, self.what, self.limit
        )
    }
}

/// The Python grammar's indentation stack grows by one width each time a block is indented
/// further than the one around it, so it never holds more entries than the file has distinct
/// indentation widths. Those are counted here the way the grammar measures them: a space is
/// one, a tab eight, a carriage return or form feed starts again from zero, a backslash at the
/// end of the line carries the count on to the next line, and the count is 16 bits wide.
pub fn python_indentation(text: &[u8]) -> Option<OverLimit> {
    let widths = distinct_python_indent_widths(text);
    (widths > MAX_PYTHON_INDENT_WIDTHS).then_some(OverLimit {
        what: "indentation widths",
        found: widths,
        limit: MAX_PYTHON_INDENT_WIDTHS,
    })
}

fn distinct_python_indent_widths(text: &[u8]) -> usize {
    let mut seen = vec![0u64; 1 << 10];
    let mut count = 0usize;
    let mut at = 0usize;
    loop {
        let mut width: u16 = 0;
        loop {
            match text.get(at) {
                Some(b' ') => width = width.wrapping_add(1),
                Some(b'\t') => width = width.wrapping_add(8),
                Some(b'\r' | b'\x0c') => width = 0,
                Some(b'\\') => match (text.get(at + 1), text.get(at + 2)) {
                    (Some(b'\n'), _) => at += 1,
                    (Some(b'\r'), Some(b'\n')) => at += 2,
                    _ => break,
                },
                _ => break,
            }
            at += 1;
        }
        let (word, bit) = (usize::from(width) / 64, usize::from(width) % 64);
        if let Some(slot) = seen.get_mut(word) {
            if *slot & (1 << bit) == 0 {
                *slot |= 1 << bit;
                count += 1;
            }
        }
        match text.get(at..).and_then(|rest| memchr(b'\n', rest)) {
            Some(newline) => at += newline + 1,
            None => return count,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_widths_as_the_grammar_measures_them() {
        assert_eq!(distinct_python_indent_widths(b""), 1);
        assert_eq!(
            distinct_python_indent_widths(b"if a:\n    b\n    c\nd\n"),
            2
        );
        // A tab is eight; a form feed starts again; blank lines count as width 0.
        assert_eq!(
            distinct_python_indent_widths(b"if a:\n\tb\n        c\n  \x0c  d\n\n"),
            3
        );
        // A continuation carries the width on: 2 + 3.
        assert_eq!(distinct_python_indent_widths(b"  \\\n   x\n"), 2);
    }

    #[test]
    fn deep_files_are_over_the_limit() {
        let mut deep = String::new();
        for level in 0..MAX_PYTHON_INDENT_WIDTHS + 5 {
            deep.push_str(&" ".repeat(level));
            deep.push_str("if x:\n");
        }
        assert!(python_indentation(deep.as_bytes()).is_some());
        let mut shallow = String::new();
        for level in 0..MAX_PYTHON_INDENT_WIDTHS - 5 {
            shallow.push_str(&" ".repeat(level));
            shallow.push_str("if x:\n");
        }
        assert_eq!(python_indentation(shallow.as_bytes()), None);
    }
}
