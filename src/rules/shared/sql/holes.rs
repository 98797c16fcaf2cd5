//! Without a parse: can a SQL literal of this file end up with holes in it? The text-level
//! reading of what `sql::js_built` and `sql::py_built` turn into interpolated SQL, so that
//! sql-interpolation skips files whose SQL is only ever written out whole
//! (`db.query("SELECT * FROM t WHERE id = $1", [id])`).
//!
//! A literal that starts like a SQL statement gets holes only if
//! - it holds them itself: a template literal with `${`, a Python f-string;
//! - an operator that adds them follows it: `+` (JavaScript and Python), `%` and
//!   `.format(` (Python), after closing parentheses, comments and the other parts of an
//!   implicitly concatenated Python string;
//! - or it is assigned to a name (directly, or through `text(...)` in Python) and that
//!   name, or a name assigned from it, is followed by such an operator (`sql += ...`,
//!   `sql % params`, `base + " WHERE ..."`).
//!
//! Whatever the scanner cannot read (a triple-quoted string or template that never ends)
//! counts as "may".

use crate::lang::{StringEnd, js_scan, py_lines};

/// At most this many names are followed through assignments before giving up ("may").
const MAX_NAMES: usize = 32;

/// True when some literal opening at one of `quotes` (a quote followed by a SQL statement
/// keyword, in increasing order) may receive interpolated values.
pub fn literal_may_get_holes(
    quotes: impl Iterator<Item = usize>,
    text: &[u8],
    python: bool,
) -> bool {
    let mut names: Vec<&[u8]> = Vec::new();
    for quote in quotes {
        let Some(literal) = literal_at_quote(text, quote, python) else {
            // Not the opening quote of a literal (a closing quote, a quote in prose).
            continue;
        };
        let Some(end) = literal.end else {
            return true;
        };
        if literal.interpolated || operator_follows(text, end, python) {
            return true;
        }
        add_names(&mut names, assigned_names(text, literal.start, python));
        if names.len() > MAX_NAMES {
            return true;
        }
    }
    names_may_get_holes(text, names, python)
}

struct Literal {
    /// The first byte of the literal, prefix letters included.
    start: usize,
    /// One past its last byte; `None` when it never ends.
    end: Option<usize>,
    /// A template literal with `${`, or a Python f-string.
    interpolated: bool,
}

/// The literal whose (last) opening quote is at `quote`, or `None` when no literal can open
/// there.
fn literal_at_quote(text: &[u8], quote: usize, python: bool) -> Option<Literal> {
    let q = text[quote];
    if !python && q == b'`' {
        return Some(template_at(text, quote));
    }
    if python && q == b'`' {
        return None;
    }
    let triple = python && quote >= 2 && text[quote - 2] == q && text[quote - 1] == q;
    let opener = if triple { quote - 2 } else { quote };
    string_at(text, opener, python)
}

/// A JavaScript template literal opening at `open`.
fn template_at(text: &[u8], open: usize) -> Literal {
    let mut i = open + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'$' if text.get(i + 1) == Some(&b'{') => {
                return Literal {
                    start: open,
                    end: None,
                    interpolated: true,
                };
            }
            b'`' => {
                return Literal {
                    start: open,
                    end: Some(i + 1),
                    interpolated: false,
                };
            }
            _ => i += 1,
        }
    }
    Literal {
        start: open,
        end: None,
        interpolated: false,
    }
}

/// A quoted string whose first quote is at `opener` (Python: with its prefix letters and
/// triple quotes). `None` when a single-quoted string runs into a line break: then the
/// quote did not open a literal.
fn string_at(text: &[u8], opener: usize, python: bool) -> Option<Literal> {
    let mut start = opener;
    let mut interpolated = false;
    if python {
        // Prefix letters (`f`, `rb`, `Fr`...) right before the quote, not part of a word.
        let mut p = opener;
        while p > 0 && opener - p < 3 && b"rRbBuUfF".contains(&text[p - 1]) {
            p -= 1;
        }
        if p == 0 || !is_word_byte(text[p - 1]) {
            interpolated = text[p..opener].iter().any(|c| matches!(c, b'f' | b'F'));
            start = p;
        }
    }
    let end = if python {
        py_lines::string_end(text, opener)
    } else {
        js_scan::string_end(text, opener)
    };
    let end = match end {
        StringEnd::Closed(end) => Some(end),
        StringEnd::Eof => None,
        StringEnd::LineBreak => return None,
    };
    Some(Literal {
        start,
        end,
        interpolated,
    })
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// True when an operator that adds holes comes next after `at`, past closing parentheses,
/// comments, line continuations and (Python) further parts of a concatenated string.
fn operator_follows(text: &[u8], at: usize, python: bool) -> bool {
    let mut i = at;
    loop {
        i = skip_space_and_comments(text, i, python);
        match text.get(i) {
            Some(b')') => i += 1,
            Some(&c) if python && (c == b'"' || c == b'\'' || b"rRbBuUfF".contains(&c)) => {
                // Another part of an implicitly concatenated string (a prefix letter that is
                // a name instead ends the walk).
                let mut q = i;
                while q < text.len() && q - i < 3 && b"rRbBuUfF".contains(&text[q]) {
                    q += 1;
                }
                if !matches!(text.get(q), Some(b'"' | b'\'')) {
                    return false;
                }
                let Some(part) = string_at(text, q, true) else {
                    return false;
                };
                match part.end {
                    Some(end) if !part.interpolated => i = end,
                    _ => return true,
                }
            }
            Some(b'+') => return true,
            Some(b'%') => return python,
            Some(b'.') if python => {
                let j = skip_space_and_comments(text, i + 1, true);
                return text[j..].starts_with(b"format");
            }
            _ => return false,
        }
    }
}

/// The position of the first byte at or after `at` that is not white space, a comment or
/// (Python) a line continuation.
fn skip_space_and_comments(text: &[u8], mut i: usize, python: bool) -> usize {
    loop {
        match text.get(i) {
            Some(c) if c.is_ascii_whitespace() => i += 1,
            Some(b'\\') if python && matches!(text.get(i + 1), Some(b'\n' | b'\r')) => i += 2,
            Some(b'#') if python => i = line_end(text, i),
            Some(b'/') if !python && text.get(i + 1) == Some(&b'/') => i = line_end(text, i),
            Some(b'/') if !python && text.get(i + 1) == Some(&b'*') => {
                i = match text[i + 2..].windows(2).position(|w| w == b"*/") {
                    Some(p) => i + 2 + p + 2,
                    None => text.len(),
                };
            }
            _ => return i,
        }
    }
}

fn line_end(text: &[u8], i: usize) -> usize {
    crate::util::find_byte(text, i, b'\n').unwrap_or(text.len())
}

/// The names assigned the value that starts at `value_start`: the words before the `=` of
/// `sql = value`, `const sql: string = value`, `self.sql = (value`, Python
/// `stmt = text(value` (SQLAlchemy's `text()` keeps the text as it is). Empty when the
/// value is not the right-hand side of an assignment.
fn assigned_names(text: &[u8], value_start: usize, python: bool) -> Vec<&[u8]> {
    let mut i = skip_back_space_and_parens(text, value_start, python);
    if python && text[..i].ends_with(b"text") {
        let word = i - 4;
        if word == 0 || !is_word_byte(text[word - 1]) || text[word - 1] == b'.' {
            let mut w = word;
            while w > 0 && (is_word_byte(text[w - 1]) || text[w - 1] == b'.') {
                w -= 1;
            }
            i = skip_back_space_and_parens(text, w, python);
        }
    }
    if i == 0 || text[i - 1] != b'=' {
        return Vec::new();
    }
    let eq = i - 1;
    if eq > 0 && matches!(text[eq - 1], b'=' | b'!' | b'<' | b'>') {
        return Vec::new();
    }
    let line_start = text[..eq]
        .iter()
        .rposition(|c| *c == b'\n')
        .map_or(0, |p| p + 1);
    words(&text[line_start..eq])
}

/// The position after the last byte before `at` that is not white space, an opening
/// parenthesis, a comment ending an earlier line or (Python) a line continuation.
fn skip_back_space_and_parens(text: &[u8], mut i: usize, python: bool) -> usize {
    while i > 0 {
        let c = text[i - 1];
        if c == b'\n' {
            i = comment_start(text, i - 1, python);
        } else if c.is_ascii_whitespace() || c == b'(' || (python && c == b'\\') {
            i -= 1;
        } else {
            break;
        }
    }
    i
}

/// For a line ending at `end`: where the comment that ends it starts (a `#` or `//` with an
/// even number of quotes before it on the line), or `end` when it has none.
fn comment_start(text: &[u8], end: usize, python: bool) -> usize {
    let start = text[..end]
        .iter()
        .rposition(|c| *c == b'\n')
        .map_or(0, |p| p + 1);
    let line = &text[start..end];
    let marker: &[u8] = if python { b"#" } else { b"//" };
    let Some(at) = line.windows(marker.len()).position(|w| w == marker) else {
        return end;
    };
    let quotes = line[..at]
        .iter()
        .filter(|c| matches!(c, b'"' | b'\'' | b'`'))
        .count();
    if quotes % 2 == 0 { start + at } else { end }
}

/// The identifier words of a piece of text.
fn words(text: &[u8]) -> Vec<&[u8]> {
    text.split(|c| !is_word_byte(*c))
        .filter(|w| w.first().is_some_and(|c| !c.is_ascii_digit()))
        .collect()
}

fn add_names<'t>(names: &mut Vec<&'t [u8]>, new: Vec<&'t [u8]>) {
    for name in new {
        if !names.contains(&name) {
            names.push(name);
        }
    }
}

/// True when one of `names`, or a name assigned from one of them, is followed by an operator
/// that adds holes.
fn names_may_get_holes<'t>(text: &'t [u8], mut names: Vec<&'t [u8]>, python: bool) -> bool {
    let mut next = 0;
    while next < names.len() {
        if names.len() > MAX_NAMES {
            return true;
        }
        let name = names[next];
        next += 1;
        for at in word_occurrences(text, name) {
            if operator_follows(text, at + name.len(), python) || interpolated_at(text, at, python)
            {
                return true;
            }
            let assigned = assigned_names(text, at, python);
            add_names(&mut names, assigned);
        }
    }
    false
}

/// True when the name at `at` opens an interpolation (`${sql} WHERE ...`, Python
/// `f"{sql} WHERE ..."`): the text it holds continues in another literal.
fn interpolated_at(text: &[u8], at: usize, python: bool) -> bool {
    let before = text[..at].trim_ascii_end();
    if python {
        before.ends_with(b"{")
    } else {
        before.ends_with(b"${")
    }
}

/// The positions where `name` occurs as a whole word.
fn word_occurrences<'t>(text: &'t [u8], name: &'t [u8]) -> impl Iterator<Item = usize> + 't {
    let n = name.len();
    memchr::memmem::find_iter(text, name).filter(move |&i| {
        (i == 0 || !is_word_byte(text[i - 1])) && text.get(i + n).is_none_or(|c| !is_word_byte(*c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(src: &str, python: bool) -> bool {
        let text = src.as_bytes();
        literal_may_get_holes(super::super::statement_literal_starts(text), text, python)
    }

    #[test]
    fn javascript() {
        assert!(may("db.query(`SELECT * FROM t WHERE id = ${id}`)", false));
        assert!(may("db.query('SELECT * FROM t WHERE id = ' + id)", false));
        assert!(may(
            "db.query(('SELECT * FROM t WHERE id = ') /* c */\n + id)",
            false
        ));
        assert!(may(
            "let q = \"SELECT * FROM t\";\nif (x) q += ' WHERE a = ' + x;",
            false
        ));
        assert!(may(
            "const base: string =\n  'SELECT * FROM t';\nconst q = base;\ndb.query(q + id)",
            false
        ));
        assert!(!may(
            "db.query('SELECT * FROM t WHERE id = $1', [id])",
            false
        ));
        assert!(!may(
            "db.query(`SELECT * FROM t WHERE id = ?`, [id]); x = a + b",
            false
        ));
        assert!(!may(
            "const q = 'SELECT * FROM \\'t\\''; db.query(q, [id]); n = 1 + 2",
            false
        ));
        assert!(!may("// don't 'select' anything\ndb.query(q)", false));
        assert!(may(
            "const sql = // the base query\n  'SELECT * FROM t';\ndb.query(sql + id)",
            false
        ));
        assert!(may(
            "let sql = 'SELECT * FROM t';\nsql = `${ sql } WHERE a = '${a}'`;\ndb.query(sql)",
            false
        ));
    }

    #[test]
    fn python() {
        assert!(may(
            "cur.execute(f\"SELECT * FROM t WHERE id = {i}\")",
            true
        ));
        assert!(may(
            "cur.execute(\"SELECT * FROM t WHERE id = %s\" % i)",
            true
        ));
        assert!(may(
            "cur.execute(\"SELECT a \"  # c\n  'FROM t WHERE id = %s' % (i,))",
            true
        ));
        assert!(may("cur.execute(\"SELECT a \" f'WHERE id = {i}')", true));
        assert!(may(
            "q = '''\n  SELECT * FROM t WHERE id = {}\n'''.format(i)",
            true
        ));
        assert!(may(
            "stmt = sa.text(\"SELECT * FROM t\")\nq = stmt\nconn.execute(q % x)",
            true
        ));
        assert!(may("q = 'SELECT * FROM t'\nq += ' WHERE id = ' + i", true));
        assert!(may("q = \"\"\"SELECT * FROM t", true));
        assert!(may(
            "sql = (  # the base query\n    \"SELECT * FROM t\"\n)\ncur.execute(sql % x)",
            true
        ));
        assert!(!may(
            "cur.execute(\"SELECT * FROM t WHERE id = %s\", (i,))",
            true
        ));
        assert!(!may(
            "q = '''SELECT * FROM t WHERE id = %s'''\ncur.execute(q, (i,))\nx = 10 % 3",
            true
        ));
        assert!(!may("format = 1\ncur.execute('SELECT 1')", true));
        assert!(may(
            "sql = 'SELECT * FROM t'\nsql = f\"{sql} WHERE a = '{a}'\"\ncur.execute(sql)",
            true
        ));
    }
}
