//! Control characters made visible. File names, source lines and messages that quote code
//! come from the checked files; a terminal or a CI log viewer would act on an escape
//! sequence in them (clear the screen, retitle the window, recolour or hide the rest of the
//! report), so backlint prints them as visible characters instead.
//!
//! Each control character becomes exactly one character of display width one: C0 controls
//! and DEL their Unicode control pictures (ESC is `␛`, BEL `␇`, DEL `␡`), C1 controls
//! (U+0080–U+009F, which have no pictures) U+FFFD `�`. One for one keeps the columns of the
//! human output right: codespan counts characters for the `line:column` it prints and
//! display widths for the carets, and a multi-character escape such as `\x1b` would move
//! both away from the columns the other formats report. C1 controls in source text are
//! nearly always text decoded with the wrong encoding, so which one it was matters little.

use std::borrow::Cow;
use std::ops::Range;

/// The visible stand-in for a control character, `None` for any other character.
fn picture(c: char) -> Option<char> {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32),
        '\x7f' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Whether `c`, found at byte `at` of `s`, is printed as it is in running text: tab, line
/// feed, and a carriage return that ends a line (CRLF). A lone carriage return would move
/// the cursor back over what was printed.
fn kept_in_text(s: &str, at: usize, c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\r' => s.as_bytes().get(at + 1) == Some(&b'\n'),
        _ => false,
    }
}

fn replace(s: &str, keep: impl Fn(usize, char) -> bool) -> Cow<'_, str> {
    let needs = |(at, c): &(usize, char)| picture(*c).is_some() && !keep(*at, *c);
    let Some((first, _)) = s.char_indices().find(needs) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for (at, c) in s[first..].char_indices() {
        match picture(c) {
            Some(p) if !keep(first + at, c) => out.push(p),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text shown in running lines (messages, help, label text): every control character
/// visible except tab, line feed and the carriage return of a CRLF.
pub fn text(s: &str) -> Cow<'_, str> {
    replace(s, |at, c| kept_in_text(s, at, c))
}

/// A file name: every control character visible, tab and line feed included, so that a
/// name stays on its line.
pub fn name(s: &str) -> Cow<'_, str> {
    replace(s, |_, _| false)
}

/// A replaced character: its bytes in the original text and in the shown text.
struct Moved {
    from: Range<usize>,
    to: Range<usize>,
}

/// A whole source text as [`text`] shows it, with the byte offsets of the original mapped
/// into it (the stand-ins are longer in UTF-8 than the characters they replace).
pub struct Source {
    pub text: String,
    moved: Vec<Moved>,
}

impl Source {
    /// `None` when the text has nothing to replace and can be shown as it is.
    pub fn new(original: &str) -> Option<Source> {
        let Cow::Owned(text) = text(original) else {
            return None;
        };
        let mut moved = Vec::new();
        let mut shift = 0usize;
        for (at, c) in original.char_indices() {
            if let Some(p) = picture(c).filter(|_| !kept_in_text(original, at, c)) {
                let from = at..at + c.len_utf8();
                let to = at + shift..at + shift + p.len_utf8();
                shift += p.len_utf8() - c.len_utf8();
                moved.push(Moved { from, to });
            }
        }
        Some(Source { text, moved })
    }

    /// Where byte `offset` of the original text is in the shown text. An offset inside a
    /// replaced character goes to the start of its stand-in.
    pub fn offset(&self, offset: usize) -> usize {
        let before = self.moved.partition_point(|m| m.from.start < offset);
        let Some(m) = before.checked_sub(1).and_then(|i| self.moved.get(i)) else {
            return offset;
        };
        if offset >= m.from.end {
            m.to.end + (offset - m.from.end)
        } else {
            m.to.start
        }
    }

    pub fn range(&self, range: &Range<usize>) -> Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_tab_newline_and_crlf() {
        assert_eq!(text("a\tb\r\nc\n"), "a\tb\r\nc\n");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
        assert_eq!(text("a\rb\x1b[2J\x07\x7f\u{9b}c\r"), "a␍b␛[2J␇␡\u{FFFD}c␍");
        assert_eq!(name("a\tb\nc\r\n\x1b"), "a␉b␊c␍␊␛");
        assert_eq!(name("\0\x1f"), "␀␟");
    }

    #[test]
    fn source_offsets_follow_the_stand_ins() {
        let original = "a\x1bb\u{85}c\r\nd";
        let source = Source::new(original).unwrap();
        assert_eq!(source.text, "a␛b\u{FFFD}c\r\nd");
        for (at, c) in original.char_indices() {
            let shown = source.offset(at);
            let expected = source.text[shown..].chars().next().unwrap();
            let kept = kept_in_text(original, at, c);
            assert_eq!(if kept { c } else { picture(c).unwrap_or(c) }, expected);
        }
        assert_eq!(source.offset(original.len()), source.text.len());
        // Inside the two bytes of U+0085: the start of its stand-in.
        assert_eq!(source.offset(4), source.offset(3));
        assert!(Source::new("nothing to do\r\n").is_none());
    }
}
