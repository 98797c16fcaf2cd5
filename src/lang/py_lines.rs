//! Python's logical lines, read without a parse: where each statement starts and ends (a
//! bracket or a backslash continues it), its indentation, and whether a `for` runs inside
//! its brackets (a comprehension). Strings and comments are skipped, so their contents never
//! look like code. Prefilters use this to ask block-structure questions ("is this text inside
//! a loop?") before deciding whether a file is worth parsing.
//!
//! The scan is linear and allocation-light. When the text does not read as Python (a string
//! or bracket left open at the end, a closing bracket with none open) it gives up and
//! returns `None`: callers then assume the worst and parse the file.

use std::ops::Range;

use super::StringEnd;

/// One logical line: a statement, or a compound statement's header.
#[derive(Debug, Clone)]
pub struct LogicalLine {
    /// From the first character of code to the end of the last physical line.
    pub range: Range<usize>,
    /// Columns of indentation of its first physical line (a tab counts as 8).
    pub indent: usize,
    /// A `for` keyword inside brackets: a comprehension or generator expression.
    pub comprehension: bool,
}

/// Splits `src` into logical lines; `None` when the text is not well-formed enough to tell.
pub fn logical_lines(src: &[u8]) -> Option<Vec<LogicalLine>> {
    let mut lines = Vec::new();
    let mut i = 0;
    let n = src.len();
    // State of the current logical line.
    let mut start: Option<usize> = None;
    let mut indent = 0;
    let mut depth: usize = 0;
    let mut comprehension = false;
    let mut at_line_start = true;
    let mut column = 0;
    while i < n {
        let b = src[i];
        if at_line_start {
            match b {
                b' ' => {
                    column += 1;
                    i += 1;
                    continue;
                }
                b'\t' => {
                    column = (column / 8 + 1) * 8;
                    i += 1;
                    continue;
                }
                b'\x0c' => {
                    i += 1;
                    continue;
                }
                _ => at_line_start = false,
            }
        }
        match b {
            b'\n' => {
                if depth == 0 && !ends_with_backslash(src, i) {
                    if let Some(s) = start.take() {
                        lines.push(LogicalLine {
                            range: s..i,
                            indent,
                            comprehension,
                        });
                    }
                    comprehension = false;
                    at_line_start = true;
                    column = 0;
                }
                i += 1;
            }
            b'#' => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(n, |at| i + at);
            }
            b'\'' | b'"' => {
                if start.is_none() {
                    start = Some(i);
                    indent = column;
                }
                i = skip_string(src, i)?;
            }
            b'(' | b'[' | b'{' => {
                if start.is_none() {
                    start = Some(i);
                    indent = column;
                }
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            b' ' | b'\t' | b'\r' | b'\\' | b'\x0c' => i += 1,
            _ => {
                if start.is_none() {
                    start = Some(i);
                    indent = column;
                }
                if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
                    let word_start = i;
                    while i < n
                        && (src[i].is_ascii_alphanumeric() || src[i] == b'_' || src[i] >= 0x80)
                    {
                        i += 1;
                    }
                    let word = &src[word_start..i];
                    // A string prefix (`f"`, `rb'`) belongs to the string.
                    if i < n && (src[i] == b'\'' || src[i] == b'"') && is_string_prefix(word) {
                        i = skip_string(src, i)?;
                    } else if depth > 0 && word == b"for" {
                        comprehension = true;
                    }
                } else {
                    i += 1;
                }
            }
        }
    }
    if depth != 0 {
        return None;
    }
    if let Some(s) = start {
        lines.push(LogicalLine {
            range: s..n,
            indent,
            comprehension,
        });
    }
    Some(lines)
}

fn ends_with_backslash(src: &[u8], newline: usize) -> bool {
    let mut j = newline;
    if j > 0 && src[j - 1] == b'\r' {
        j -= 1;
    }
    j > 0 && src[j - 1] == b'\\'
}

fn is_string_prefix(word: &[u8]) -> bool {
    word.len() <= 2
        && word
            .iter()
            .all(|c| matches!(c.to_ascii_lowercase(), b'r' | b'b' | b'u' | b'f' | b't'))
}

/// The index just past the string starting at the quote `at`; `None` when it never ends.
/// Only the quotes matter here, so escapes are honoured and f-string fields are skipped as
/// part of the text (a quote of the same kind inside a field ends the string early in old
/// Pythons and is rare in new ones; a wrong guess shows as a string left open).
fn skip_string(src: &[u8], at: usize) -> Option<usize> {
    string_end(src, at).closed()
}

/// How the string starting at the quote `at` (single or triple quoted) ends; only a
/// single-quoted one can end at a line break.
pub fn string_end(src: &[u8], at: usize) -> StringEnd {
    let quote = src[at];
    let n = src.len();
    let triple = at + 2 < n && src[at + 1] == quote && src[at + 2] == quote;
    let mut i = if triple { at + 3 } else { at + 1 };
    while i < n {
        // Jump to the next byte that can matter.
        let next = if triple {
            memchr::memchr2(b'\\', quote, &src[i..])
        } else {
            memchr::memchr3(b'\\', quote, b'\n', &src[i..])
        };
        let Some(skip) = next else {
            break;
        };
        i += skip;
        match src[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return StringEnd::LineBreak,
            c if c == quote => {
                if !triple {
                    return StringEnd::Closed(i + 1);
                }
                if i + 2 < n && src[i + 1] == quote && src[i + 2] == quote {
                    return StringEnd::Closed(i + 3);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    StringEnd::Eof
}

/// The byte ranges of code that runs once per iteration of a loop: the bodies of `for` and
/// `while` statements (and `while` conditions), whole logical lines holding a comprehension
/// or a `lambda`. Ranges may overlap; a nested function inside a loop counts as inside.
pub fn loop_regions(src: &[u8], lines: &[LogicalLine]) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    // Open loop blocks: (header indentation, start of the body).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut last_end = 0;
    for line in lines {
        while let Some(&(indent, body_start)) = open.last() {
            if line.indent > indent {
                break;
            }
            open.pop();
            regions.push(body_start..last_end);
        }
        let text = &src[line.range.clone()];
        let keyword = loop_keyword(text);
        if let Some(keyword) = keyword {
            if keyword == LoopKeyword::While {
                regions.push(line.range.clone());
            }
            // `for x in xs: body()` on one line.
            if let Some(colon) = header_colon(text) {
                let rest = &text[colon + 1..];
                if rest.iter().any(|c| !c.is_ascii_whitespace()) {
                    regions.push(line.range.start + colon + 1..line.range.end);
                }
            }
            open.push((line.indent, line.range.end));
        }
        if line.comprehension || contains_word(text, b"lambda") {
            regions.push(line.range.clone());
        }
        last_end = line.range.end;
    }
    for (_, body_start) in open {
        regions.push(body_start..last_end);
    }
    regions
}

/// The loop a logical line opens, if it is a loop header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopKeyword {
    /// `for` or `async for`.
    For,
    While,
}

/// The loop keyword a logical line starts with.
pub fn loop_keyword(text: &[u8]) -> Option<LoopKeyword> {
    match first_word(text) {
        b"for" => Some(LoopKeyword::For),
        b"while" => Some(LoopKeyword::While),
        b"async" if second_word(text) == b"for" => Some(LoopKeyword::For),
        _ => None,
    }
}

/// The identifier a logical line starts with (empty when it starts otherwise).
pub fn first_word(text: &[u8]) -> &[u8] {
    let end = text
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
        .unwrap_or(text.len());
    &text[..end]
}

fn second_word(text: &[u8]) -> &[u8] {
    let first = first_word(text).len();
    let rest = &text[first..];
    let skip = rest
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(rest.len());
    first_word(&rest[skip..])
}

/// The colon that ends a compound statement's header, outside brackets and strings.
fn header_colon(text: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\'' | b'"' => {
                i = skip_string(text, i).unwrap_or(text.len());
                continue;
            }
            b':' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn contains_word(text: &[u8], word: &[u8]) -> bool {
    text.windows(word.len()).enumerate().any(|(i, w)| {
        w == word
            && (i == 0 || !is_word_byte(text[i - 1]))
            && text.get(i + word.len()).is_none_or(|c| !is_word_byte(*c))
    })
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions_text(src: &str) -> Vec<String> {
        let lines = logical_lines(src.as_bytes()).unwrap_or_default();
        loop_regions(src.as_bytes(), &lines)
            .into_iter()
            .map(|r| src[r].trim().to_string())
            .collect()
    }

    #[test]
    fn logical_lines_join_brackets_and_skip_strings() {
        let src = "x = (1,\n  2)\ns = '''a\n(b'''\n# c (\ny = f\"{x}\" \\\n  + 'z'\n";
        let lines = logical_lines(src.as_bytes()).unwrap_or_default();
        let texts: Vec<&str> = lines.iter().map(|l| &src[l.range.clone()]).collect();
        assert_eq!(
            texts,
            vec![
                "x = (1,\n  2)",
                "s = '''a\n(b'''",
                "y = f\"{x}\" \\\n  + 'z'"
            ]
        );
    }

    #[test]
    fn unbalanced_text_gives_up() {
        assert!(logical_lines(b"x = (1,\n").is_none());
        assert!(logical_lines(b"x = 'abc\n").is_none());
        assert!(logical_lines(b"x = 1)\n").is_none());
    }

    #[test]
    fn loop_bodies_comprehensions_and_lambdas() {
        let src = "for o in orders:\n    a(o)\n\n    b(o)\nc()\nwhile ok():\n    d()\ne = [f(x) for x in y]\ng = map(lambda v: h(v), w)\nfor i in r: k(i)\n";
        let regions = regions_text(src);
        assert!(
            regions
                .iter()
                .any(|r| r.contains("a(o)") && r.contains("b(o)") && !r.contains("c()"))
        );
        assert!(regions.iter().any(|r| r == "while ok():"));
        assert!(regions.iter().any(|r| r == "d()"));
        assert!(regions.iter().any(|r| r.contains("f(x) for x in y")));
        assert!(regions.iter().any(|r| r.contains("lambda v")));
        assert!(regions.iter().any(|r| r == "k(i)"));
        assert!(!regions.iter().any(|r| r.contains("c()")));
    }
}
