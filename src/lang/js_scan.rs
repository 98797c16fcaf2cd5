//! JavaScript/TypeScript bracket structure, read without a parse: which brackets pair up and
//! where loops and iteration callbacks run, with strings, template literals, comments and
//! regular expressions skipped. Prefilters use it to ask "is this text inside a loop?"
//! before deciding whether a file is worth parsing.
//!
//! The scan is linear. Whenever the text does not read as expected (a string running into a
//! line break, an unclosed template or comment, brackets that do not pair — which is also
//! how JSX text with an apostrophe shows up) it gives up and returns `None`: callers then
//! assume the worst and parse the file.

use std::ops::Range;

use super::StringEnd;

/// Words before a `(` that does not call anything.
const STATEMENT_KEYWORDS: &[&[u8]] = &[
    b"if",
    b"for",
    b"while",
    b"switch",
    b"catch",
    b"function",
    b"return",
    b"typeof",
    b"await",
    b"yield",
    b"new",
    b"in",
    b"of",
    b"do",
    b"else",
    b"case",
    b"void",
    b"delete",
    b"throw",
];

/// Words after which a `/` starts a regular expression rather than a division.
const BEFORE_REGEX: &[&[u8]] = &[
    b"return",
    b"typeof",
    b"case",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"instanceof",
    b"yield",
    b"await",
    b"else",
    b"do",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Start of text, an operator or an opening bracket: a `/` here starts a regex.
    Operator,
    /// An identifier, number, string or closing bracket: a `/` here divides.
    Value,
}

/// What one scan of a file found; ask it several questions without scanning again.
pub struct Scan {
    /// For each opening bracket, in order: its position and its closing position.
    brackets: Vec<Bracket>,
    /// `for`, `while`, `do` keywords: position and the bracket around them.
    loop_keywords: Vec<(usize, Option<usize>)>,
    /// Iteration calls: the `(` that opens their arguments, and for a method
    /// (`this.rows.map(`) the identifier right before its dot (`rows`).
    iteration_calls: Vec<(usize, Option<Range<usize>>)>,
    /// Every call (a `(` after a name, `)` or `]` that is not a statement keyword): the `(`.
    calls: Vec<usize>,
    /// `throw` keywords.
    throws: Vec<usize>,
}

struct Bracket {
    open: usize,
    close: Option<usize>,
    /// Opened outside any other bracket.
    top_level: bool,
}

/// The byte ranges that run once per iteration of a loop: `for`/`while`/`do` statements
/// (header and body) and the arguments of iteration calls (`rows.map(...)`, `pMap(...)`),
/// except those of a method whose receiver ends in an identifier `skip_receiver` accepts
/// (`connections.map(...)` for a caller that does not count loops over connections).
/// `None` when the brackets do not pair up.
pub fn loop_regions(
    src: &[u8],
    scan: &Scan,
    skip_receiver: &dyn Fn(&[u8]) -> bool,
) -> Option<Vec<Range<usize>>> {
    let mut regions = Vec::new();
    let close_of = |open: usize| -> Option<usize> {
        let i = scan.brackets.binary_search_by_key(&open, |b| b.open).ok()?;
        scan.brackets[i].close
    };
    let end_of_enclosing = |enclosing: Option<usize>| -> usize {
        enclosing
            .and_then(|i| scan.brackets[i].close)
            .unwrap_or(src.len())
    };
    for &(at, enclosing) in &scan.loop_keywords {
        // The loop's extent: its header and body. A braced body ends at its brace; any other
        // body is taken to run to the end of the enclosing block, which can only say more.
        let mut i = skip_space(src, at + keyword_len(src, at));
        if src[i..].starts_with(b"await") {
            i = skip_space(src, i + 5);
        }
        let mut end = end_of_enclosing(enclosing);
        if src.get(i) == Some(&b'(') {
            let header_close = close_of(i)?;
            let body = skip_space(src, header_close + 1);
            match src.get(body) {
                Some(b'{') => end = close_of(body)?,
                // `while (x);` and the `while` that ends a `do` loop: no body of their own.
                Some(b';') => end = body,
                _ => {}
            }
        } else if src.get(i) == Some(&b'{') {
            end = close_of(i)?;
        }
        regions.push(at..end);
    }
    for (open, receiver) in &scan.iteration_calls {
        let close = close_of(*open)?;
        if receiver
            .as_ref()
            .is_some_and(|r| skip_receiver(&src[r.clone()]))
        {
            continue;
        }
        regions.push(*open..close);
    }
    Some(regions)
}

/// The byte ranges of brackets opened at the top level of the text (function bodies, class
/// bodies, call arguments, blocks): a position outside all of them is at module level.
pub fn nested_regions(scan: &Scan) -> Option<Vec<Range<usize>>> {
    scan.brackets
        .iter()
        .filter(|b| b.top_level)
        .map(|b| b.close.map(|close| b.open..close + 1))
        .collect()
}

/// True when a `throw` lies inside the arguments of some call (`setTimeout(() => { throw e })`,
/// `fs.readFile(p, (err) => { if (err) throw err })`): the only place a callback can throw.
pub fn throws_inside_call_arguments(scan: &Scan) -> Option<bool> {
    if scan.throws.is_empty() {
        return Some(false);
    }
    let mut arguments = Vec::with_capacity(scan.calls.len());
    for &open in &scan.calls {
        let i = scan.brackets.binary_search_by_key(&open, |b| b.open).ok()?;
        arguments.push(open..scan.brackets[i].close? + 1);
    }
    let arguments = crate::util::RangeSet::new(arguments);
    Some(scan.throws.iter().any(|&at| arguments.overlaps(at..at + 1)))
}

/// Array methods and helpers that call their function argument once per element: the lists
/// the loop rules read.
fn is_iteration_call(name: &[u8]) -> bool {
    crate::lang::js::ITERATION_METHODS
        .iter()
        .chain(crate::lang::js::ITERATION_HELPERS)
        .any(|m| m.as_bytes() == name)
}

fn keyword_len(src: &[u8], at: usize) -> usize {
    src[at..]
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(src.len() - at)
}

fn skip_space(src: &[u8], mut i: usize) -> usize {
    loop {
        while i < src.len() && src[i].is_ascii_whitespace() {
            i += 1;
        }
        if src[i..].starts_with(b"//") {
            while i < src.len() && src[i] != b'\n' {
                i += 1;
            }
        } else if src[i..].starts_with(b"/*") {
            match find(src, i + 2, b"*/") {
                Some(end) => i = end + 2,
                None => return src.len(),
            }
        } else {
            return i;
        }
    }
}

fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    src.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The identifier right before the dot of a method name starting at `name_start`
/// (`rows` in `rows.map`, `rows?.map`, `rows!.map`, `rows\n  .map`); `None` when the
/// receiver ends otherwise (a call, an index).
fn receiver_before_dot(src: &[u8], name_start: usize) -> Option<Range<usize>> {
    let mut i = name_start;
    while i > 0 && src[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == 0 || src[i - 1] != b'.' {
        return None;
    }
    i -= 1;
    while i > 0 && (src[i - 1].is_ascii_whitespace() || matches!(src[i - 1], b'?' | b'!')) {
        i -= 1;
    }
    let end = i;
    while i > 0 && is_ident_byte(src[i - 1]) {
        i -= 1;
    }
    (i < end).then_some(i..end)
}

/// A byte of a JavaScript identifier; a non-ASCII byte belongs to a Unicode letter.
pub fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// Scans `src`; `None` when the text cannot be read reliably.
pub fn scan(src: &[u8]) -> Option<Scan> {
    let n = src.len();
    let mut out = Scan {
        brackets: Vec::new(),
        loop_keywords: Vec::new(),
        iteration_calls: Vec::new(),
        calls: Vec::new(),
        throws: Vec::new(),
    };
    // The last token could end a callee: a name that is not a keyword, `)` or `]`.
    let mut callee_before = false;
    // Open brackets: index into `out.brackets`, and whether it is a template's `${`.
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let mut last = Last::Operator;
    // An iteration method name was read at this bracket depth; its `(` may follow after
    // type arguments.
    let mut pending_call: Option<usize> = None;
    let mut pending_receiver: Option<Range<usize>> = None;
    let mut after_dot = false;
    let mut i = 0;
    if src.starts_with(b"#!") {
        while i < n && src[i] != b'\n' {
            i += 1;
        }
    }
    while i < n {
        let c = src[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' => {
                i += 1;
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'/') => {
                while i < n && src[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                i = find(src, i + 2, b"*/")? + 2;
                continue;
            }
            b'/' => {
                if last == Last::Operator {
                    i = skip_regex(src, i)?;
                    last = Last::Value;
                } else {
                    i += 1;
                    last = Last::Operator;
                }
            }
            b'\'' | b'"' => {
                i = skip_string(src, i)?;
                last = Last::Value;
                callee_before = false;
            }
            b'`' => {
                i = skip_template(src, i + 1, &mut stack, &mut out)?;
                last = Last::Value;
            }
            b'(' | b'[' | b'{' => {
                // `rows.map(`, `rows.map<Row>(`, `pMap(`: the call's arguments run per element.
                if c == b'(' && pending_call == Some(stack.len()) {
                    out.iteration_calls.push((i, pending_receiver.take()));
                }
                if c == b'(' && callee_before {
                    out.calls.push(i);
                }
                callee_before = false;
                pending_call = None;
                open(&mut out, &mut stack, i, false);
                i += 1;
                last = Last::Operator;
            }
            b')' | b']' | b'}' => {
                pending_call = None;
                let (index, template) = stack.pop()?;
                let opener = src[out.brackets[index].open];
                let pairs = matches!((opener, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !pairs {
                    return None;
                }
                out.brackets[index].close = Some(i);
                callee_before = c != b'}';
                i += 1;
                if template {
                    // Back inside the template literal.
                    i = skip_template(src, i, &mut stack, &mut out)?;
                }
                last = Last::Value;
            }
            b'.' => {
                // `cb?.(...)` still calls `cb`.
                callee_before = callee_before && src.get(i + 1) == Some(&b'(');
                after_dot = true;
                i += 1;
                last = Last::Operator;
                continue;
            }
            _ if is_ident_byte(c) => {
                let start = i;
                while i < n && is_ident_byte(src[i]) {
                    i += 1;
                }
                let name = &src[start..i];
                let dotted = after_dot;
                if !dotted && matches!(name, b"for" | b"while" | b"do") {
                    let enclosing = stack.last().map(|(index, _)| *index);
                    out.loop_keywords.push((start, enclosing));
                }
                if is_iteration_call(name) {
                    pending_call = Some(stack.len());
                    pending_receiver = if dotted {
                        receiver_before_dot(src, start)
                    } else {
                        None
                    };
                }
                if !dotted && name == b"throw" {
                    out.throws.push(start);
                }
                callee_before = dotted || !STATEMENT_KEYWORDS.contains(&name);
                last = if !dotted && BEFORE_REGEX.contains(&name) {
                    Last::Operator
                } else {
                    Last::Value
                };
                after_dot = false;
                continue;
            }
            _ => {
                if c == b';' {
                    pending_call = None;
                }
                // `f<T>(`, `f!(`, `f?.(`: type arguments and the like keep the callee.
                callee_before = callee_before && matches!(c, b'<' | b'>' | b'!' | b'?' | b',');
                i += 1;
                last = Last::Operator;
            }
        }
        after_dot = false;
    }
    if !stack.is_empty() {
        return None;
    }
    Some(out)
}

fn open(out: &mut Scan, stack: &mut Vec<(usize, bool)>, at: usize, template: bool) {
    out.brackets.push(Bracket {
        open: at,
        close: None,
        top_level: stack.is_empty(),
    });
    stack.push((out.brackets.len() - 1, template));
}

/// Past a quoted string; `None` if a line break or the end comes first.
fn skip_string(src: &[u8], at: usize) -> Option<usize> {
    string_end(src, at).closed()
}

/// How the `'` or `"` string starting at `at` ends.
pub fn string_end(src: &[u8], at: usize) -> StringEnd {
    let quote = src[at];
    let mut i = at + 1;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' => return StringEnd::LineBreak,
            c if c == quote => return StringEnd::Closed(i + 1),
            _ => i += 1,
        }
    }
    StringEnd::Eof
}

/// Past a regular expression literal (`/[/]x/g`); `None` if a line break comes first.
fn skip_regex(src: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    let mut in_class = false;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' => return None,
            b'[' => {
                in_class = true;
                i += 1;
            }
            b']' => {
                in_class = false;
                i += 1;
            }
            b'/' if !in_class => {
                i += 1;
                while i < src.len() && src[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return Some(i);
            }
            _ => i += 1,
        }
    }
    None
}

/// Scans template text from `i` (just inside the backtick or just after a `${...}`): returns
/// past the closing backtick, or at a `${` after pushing it as a bracket.
fn skip_template(
    src: &[u8],
    mut i: usize,
    stack: &mut Vec<(usize, bool)>,
    out: &mut Scan,
) -> Option<usize> {
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'`' => return Some(i + 1),
            b'$' if src.get(i + 1) == Some(&b'{') => {
                open(out, stack, i + 1, true);
                return Some(i + 2);
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_loop(src: &str, needle: &str) -> bool {
        let at = src.find(needle).unwrap_or(0);
        scan(src.as_bytes())
            .and_then(|s| loop_regions(src.as_bytes(), &s, &|r| r == b"connections"))
            .unwrap_or_default()
            .iter()
            .any(|r| r.contains(&at))
    }

    #[test]
    fn loop_bodies_and_callbacks() {
        let src = "for (const u of users) { await A(u); }\nB();\nrows.map<Row>(async r => E(r));\nF();\ndo { G() } while (y);\nfunction f() { while (x) C(); }\nD();\n";
        assert!(in_loop(src, "A(u)"));
        assert!(!in_loop(src, "B()"));
        assert!(in_loop(src, "E(r)"));
        assert!(!in_loop(src, "F()"));
        assert!(in_loop(src, "G()"));
        // A body without braces runs to the end of the enclosing block, at most.
        assert!(in_loop(src, "C()"));
        assert!(!in_loop(src, "D()"));
        // A receiver the caller skips: its callback is no loop, loops inside it still are.
        let src = "connections.map(c => J(c));\nthis.connections?.forEach(c => { for (const r of rows) K(r); });\nL(p => connections.map(M));\n";
        assert!(!in_loop(src, "J(c)"));
        assert!(in_loop(src, "K(r)"));
        assert!(!in_loop(src, "M)"));
    }

    #[test]
    fn strings_comments_templates_and_regexes_do_not_confuse_brackets() {
        let src = "const s = '{ for (';\n// for (\n/* } */ const r = /[/{]/g;\nconst t = `${a.map(x => `${x}`)} }`;\nfor (;;) { H() }\nI();\n";
        assert!(in_loop(src, "x}"));
        assert!(in_loop(src, "H()"));
        assert!(!in_loop(src, "I()"));
    }

    #[test]
    fn nested_regions_cover_everything_below_module_level() {
        let src =
            "const a = {};\nfunction f() { const b = {}; }\nclass C { m() { return [1]; } }\n";
        let nested = scan(src.as_bytes())
            .and_then(|s| nested_regions(&s))
            .unwrap_or_default();
        let inside = |needle: &str| {
            let at = src.find(needle).unwrap_or(0);
            nested.iter().any(|r| r.contains(&at))
        };
        assert!(!inside("a = {}"));
        assert!(inside("b = {}"));
        assert!(inside("return [1]"));
    }

    #[test]
    fn throws_in_callbacks_only() {
        let t = |src: &str| scan(src.as_bytes()).and_then(|s| throws_inside_call_arguments(&s));
        assert_eq!(
            t("setTimeout(() => { throw new Error('x') }, 10)"),
            Some(true)
        );
        assert_eq!(
            t("fs.readFile<string>(p, function (err) { if (err) throw err; })"),
            Some(true)
        );
        assert_eq!(
            t("function f(a) { if (a) { throw new Error('x') } }"),
            Some(false)
        );
        assert_eq!(t("const f = (a) => { throw a }"), Some(false));
    }

    #[test]
    fn unreadable_text_gives_up() {
        assert!(scan(b"const s = 'abc\nfor (x of y) {}").is_none());
        assert!(scan(b"for (x of y) {").is_none());
        assert!(scan(b"<p>Don't {x}</p>").is_none());
        assert!(scan(b"f(a]").is_none());
    }
}
