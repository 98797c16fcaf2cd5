//! Caddyfile lexer and parser: global options, site blocks, snippets and nested directive
//! blocks, with the byte span of every token. Nesting is built with an explicit stack.

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token's value: quotes removed, escapes resolved, heredoc body for heredocs.
    pub text: String,
    pub range: Range<usize>,
    /// Logical line number: tokens of one directive line share it (line continuations and
    /// line breaks inside quoted tokens do not start a new one).
    pub line: usize,
    /// Written in quotes, backticks or as a heredoc: braces inside are not structure.
    pub quoted: bool,
}

/// A directive line: its first token, arguments and an optional `{ ... }` block.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Directive {
    pub name: Token,
    pub args: Vec<Token>,
    pub block: Option<Vec<Directive>>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum TopLevel {
    /// The leading `{ ... }` block of global options.
    Global(Vec<Directive>),
    /// `(name) { ... }`
    Snippet(Token, Vec<Directive>),
    /// A site block: its addresses and body.
    Site(Vec<Token>, Vec<Directive>),
    /// The directives of a file imported inside a block (`import conf.d/*` in a site).
    Imported(Vec<Directive>),
}

/// An `import` line: a snippet name or a file path / glob, relative to the importing file.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Import {
    pub pattern: Token,
    /// Inside a block (a site, a snippet, a directive's block): what it imports are
    /// directives of that block. At the top level it imports site blocks and snippets.
    pub in_block: bool,
}

#[derive(Serialize, Deserialize, Debug, Clone, Default)]
pub struct Caddyfile {
    pub items: Vec<TopLevel>,
    /// Every `import` line, in order.
    pub imports: Vec<Import>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: Range<usize>,
    pub message: String,
}

/// Splits Caddyfile text into tokens.
pub fn tokenize(text: &str) -> Result<Vec<Token>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut line = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if matches!(bytes.get(i + 1), Some(b'\n')) => {
                // Line continuation: the next physical line continues this logical line.
                i += 2;
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => {
                i += 3;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                let start = i;
                let start_line = line;
                let mut value = String::new();
                i += 1;
                let mut closed = false;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' if matches!(bytes.get(i + 1), Some(b'"') | Some(b'\\')) => {
                            value.push(bytes[i + 1] as char);
                            i += 2;
                        }
                        b'"' => {
                            closed = true;
                            i += 1;
                            break;
                        }
                        _ => {
                            let ch_len = utf8_len(bytes[i]);
                            value.push_str(text.get(i..i + ch_len).unwrap_or("?"));
                            i += ch_len;
                        }
                    }
                }
                if !closed {
                    return Err(SyntaxError {
                        range: start..start + 1,
                        message: "unterminated quoted string".into(),
                    });
                }
                tokens.push(Token {
                    text: value,
                    range: start..i,
                    line: start_line,
                    quoted: true,
                });
            }
            b'`' => {
                let start = i;
                let start_line = line;
                let Some(close) = text.get(i + 1..).and_then(|rest| rest.find('`')) else {
                    return Err(SyntaxError {
                        range: start..start + 1,
                        message: "unterminated backtick string".into(),
                    });
                };
                let value = &text[i + 1..i + 1 + close];
                i = i + 1 + close + 1;
                tokens.push(Token {
                    text: value.to_string(),
                    range: start..i,
                    line: start_line,
                    quoted: true,
                });
            }
            b'<' if text.get(i..).is_some_and(|r| r.starts_with("<<"))
                && heredoc_marker(text, i + 2).is_some() =>
            {
                let start = i;
                let start_line = line;
                let marker_end = heredoc_marker(text, i + 2).unwrap_or(i + 2);
                let marker = &text[i + 2..marker_end];
                let body_start = marker_end + 1;
                // The closing marker stands alone on a line, possibly indented.
                let mut search = body_start;
                let mut found = None;
                while search <= text.len() {
                    let line_end = text[search..].find('\n').map_or(text.len(), |p| search + p);
                    let line_text = &text[search..line_end];
                    let content = line_text.trim_start();
                    // The closing marker starts its line (after indentation); tokens may follow.
                    if let Some(after) = content.strip_prefix(marker) {
                        if after.is_empty() || after.starts_with([' ', '\t', '\r']) {
                            let marker_end =
                                search + (line_text.len() - content.len()) + marker.len();
                            found = Some((search, marker_end));
                            break;
                        }
                    }
                    if line_end >= text.len() {
                        break;
                    }
                    search = line_end + 1;
                }
                let Some((close_start, close_end)) = found else {
                    return Err(SyntaxError {
                        range: start..marker_end,
                        message: format!("heredoc <<{marker} is never closed"),
                    });
                };
                let body = text.get(body_start..close_start).unwrap_or("");
                i = close_end;
                tokens.push(Token {
                    text: body.trim_end_matches('\n').to_string(),
                    range: start..close_end,
                    line: start_line,
                    quoted: true,
                });
            }
            _ => {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                    // A quote inside a bare token (`header "a b"` is two tokens, `a"b` one).
                    i += 1;
                }
                tokens.push(Token {
                    text: text[start..i].to_string(),
                    range: start..i,
                    line,
                    quoted: false,
                });
            }
        }
    }
    Ok(tokens)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// End of a heredoc marker (`<<EOF` followed by a newline), if the text at `at` is one.
fn heredoc_marker(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if len == 0 || rest.as_bytes().get(len) != Some(&b'\n') {
        return None;
    }
    Some(at + len)
}

/// Groups tokens into logical lines (a line's tokens share its line number).
fn lines(tokens: Vec<Token>) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut current_line = usize::MAX;
    for token in tokens {
        if token.line != current_line || out.is_empty() {
            current_line = token.line;
            out.push(Vec::new());
        }
        if let Some(last) = out.last_mut() {
            last.push(token);
        }
    }
    out
}

fn is_open(t: &Token) -> bool {
    !t.quoted && t.text == "{"
}

fn is_close(t: &Token) -> bool {
    !t.quoted && t.text == "}"
}

/// Parses a whole Caddyfile.
pub fn parse(text: &str) -> Result<Caddyfile, SyntaxError> {
    parse_as(text, false)
}

/// Parses a file that a Caddyfile imports inside a block: its lines are directives of that
/// block, not site blocks.
pub fn parse_fragment(text: &str) -> Result<Caddyfile, SyntaxError> {
    parse_as(text, true)
}

const BRACE_ON_NEW_LINE: &str =
    "Unexpected '{' on a new line; did you mean to place the '{' on the previous line?";

fn parse_as(text: &str, fragment: bool) -> Result<Caddyfile, SyntaxError> {
    let tokens = tokenize(text)?;
    // Environment placeholders are replaced before parsing: `{$VAR` without its `}` breaks it.
    for t in &tokens {
        if let Some(at) = t.text.find("{$") {
            if !t.text[at..].contains('}') {
                let start = if t.quoted {
                    t.range.start
                } else {
                    t.range.start + at
                };
                return Err(SyntaxError {
                    range: start..t.range.end,
                    message: format!("unclosed environment placeholder `{}`", &t.text[at..]),
                });
            }
        }
    }
    let mut lines = lines(tokens).into_iter().peekable();

    // Each open block on the stack: the directive list being filled and, for nested blocks,
    // the directive that owns it. The bottom frame is the top level.
    struct Frame {
        head: Option<Vec<Token>>,
        open: Range<usize>,
        body: Vec<Directive>,
    }
    let mut items: Vec<TopLevel> = Vec::new();
    let mut imports: Vec<Import> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Top-level lines without braces: a single site whose body is the rest of the file. An
    // imported fragment is read the same way: every line is a directive.
    let mut bare_site: Option<(Vec<Token>, Vec<Directive>)> =
        fragment.then(|| (Vec::new(), Vec::new()));

    while let Some(mut line_tokens) = lines.next() {
        // `}` may be followed by nothing on its line.
        if line_tokens.first().is_some_and(is_close) {
            let close = line_tokens.remove(0);
            let Some(frame) = stack.pop() else {
                return Err(SyntaxError {
                    range: close.range,
                    message: "unexpected '}': no block is open".into(),
                });
            };
            let head = frame.head.unwrap_or_default();
            let mut head_tokens = head.clone().into_iter();
            let nested =
                |name: Token, rest: std::vec::IntoIter<Token>, body: Vec<Directive>| Directive {
                    name,
                    args: rest.collect(),
                    block: Some(body),
                };
            if let Some(parent) = stack.last_mut() {
                if let Some(name) = head_tokens.next() {
                    parent.body.push(nested(name, head_tokens, frame.body));
                }
            } else if let Some((_, body)) = bare_site.as_mut() {
                // A braceless site: every block belongs to its body.
                if let Some(name) = head_tokens.next() {
                    body.push(nested(name, head_tokens, frame.body));
                }
            } else {
                // Snippets are set aside before Caddy looks for the global options block: it is
                // the first block that is not a snippet.
                let first = items.iter().all(|i| matches!(i, TopLevel::Snippet(..)));
                items.push(top_level_item(head, frame.body, first));
            }
            if let Some(extra) = line_tokens.first() {
                return Err(SyntaxError {
                    range: extra.range.clone(),
                    message: format!("unexpected '{}' after '}}' on the same line", extra.text),
                });
            }
            continue;
        }
        if line_tokens.is_empty() {
            continue;
        }
        let in_block = !stack.is_empty() || bare_site.is_some();
        let is_import = line_tokens[0].text == "import" && !line_tokens[0].quoted;
        if in_block {
            // Inside a block, a `{` that starts a line opens nothing: Caddy wants it at the
            // end of the line it belongs to.
            if line_tokens.len() == 1 && is_open(&line_tokens[0]) {
                return Err(SyntaxError {
                    range: line_tokens[0].range.clone(),
                    message: BRACE_ON_NEW_LINE.into(),
                });
            }
        } else if !is_import && !line_tokens.iter().any(is_open) {
            // Site addresses continue on the next line after a trailing comma, and the
            // site's `{` may stand on the line after its addresses.
            while line_tokens
                .last()
                .is_some_and(|t| !t.quoted && t.text.ends_with(','))
            {
                let Some(next) =
                    lines.next_if(|l| l.first().is_some_and(|t| !is_open(t) && !is_close(t)))
                else {
                    break;
                };
                line_tokens.extend(next);
            }
            if let Some(open) = lines.next_if(|l| l.len() == 1 && is_open(&l[0])) {
                line_tokens.extend(open);
            }
        }
        if is_import {
            if let Some(pattern) = line_tokens.get(1) {
                imports.push(Import {
                    pattern: pattern.clone(),
                    in_block,
                });
            }
        }
        // A `{` inside a line (not last) is a syntax error.
        if let Some(pos) = line_tokens.iter().position(is_open) {
            if pos + 1 != line_tokens.len() {
                let next = &line_tokens[pos + 1];
                return Err(SyntaxError {
                    range: next.range.clone(),
                    message: format!(
                        "unexpected '{}' after '{{': a block's opening brace must end its line",
                        next.text
                    ),
                });
            }
            let open = line_tokens.pop().map(|t| t.range).unwrap_or(0..0);
            stack.push(Frame {
                head: Some(line_tokens),
                open,
                body: Vec::new(),
            });
            continue;
        }
        if let Some(close) = line_tokens.iter().find(|t| is_close(t)) {
            return Err(SyntaxError {
                range: close.range.clone(),
                message: "unexpected '}': a closing brace must start its line".into(),
            });
        }
        let directive = |tokens: Vec<Token>| {
            let mut it = tokens.into_iter();
            it.next().map(|name| Directive {
                name,
                args: it.collect(),
                block: None,
            })
        };
        if let Some(frame) = stack.last_mut() {
            frame.body.extend(directive(line_tokens));
        } else if let Some((_, body)) = bare_site.as_mut() {
            body.extend(directive(line_tokens));
        } else if is_import {
            // A top-level import brings in whole site blocks or snippets.
        } else if items
            .iter()
            .all(|i| matches!(i, TopLevel::Global(_) | TopLevel::Snippet(..)))
        {
            // The first line of a braceless single site: its addresses; the rest of the file
            // is its body.
            bare_site = Some((line_tokens, Vec::new()));
        } else {
            return Err(SyntaxError {
                range: line_tokens[0].range.clone(),
                message: format!(
                    "`{}` is outside any block: after a site block, every site needs braces",
                    line_tokens[0].text
                ),
            });
        }
    }
    if let Some(frame) = stack.pop() {
        return Err(SyntaxError {
            range: frame.open,
            message: "this '{' is never closed".into(),
        });
    }
    if let Some((addresses, body)) = bare_site {
        items.push(if fragment {
            TopLevel::Imported(body)
        } else {
            TopLevel::Site(strip_commas(addresses), body)
        });
    }
    Ok(Caddyfile { items, imports })
}

fn top_level_item(head: Vec<Token>, body: Vec<Directive>, first: bool) -> TopLevel {
    if head.is_empty() && first {
        return TopLevel::Global(body);
    }
    if head.len() == 1 && head[0].text.starts_with('(') && head[0].text.ends_with(')') {
        let mut name = head[0].clone();
        name.text = name
            .text
            .trim_start_matches('(')
            .trim_end_matches(')')
            .to_string();
        return TopLevel::Snippet(name, body);
    }
    TopLevel::Site(strip_commas(head), body)
}

/// Site addresses may be written `a, b` or `a,b`.
fn strip_commas(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::new();
    for t in tokens {
        if t.quoted {
            out.push(t);
            continue;
        }
        let mut offset = t.range.start;
        for part in t.text.split(',') {
            if !part.is_empty() {
                out.push(Token {
                    text: part.to_string(),
                    range: offset..offset + part.len(),
                    line: t.line,
                    quoted: false,
                });
            }
            offset += part.len() + 1;
        }
    }
    out
}

impl Caddyfile {
    /// True when the file defines a snippet of this name (`(name) { ... }`): `import name`
    /// then means the snippet, not a file.
    pub fn defines_snippet(&self, name: &str) -> bool {
        self.items
            .iter()
            .any(|i| matches!(i, TopLevel::Snippet(n, _) if n.text == name))
    }

    /// Every directive at any depth, with the site addresses it belongs to (empty for
    /// global options and snippets). Walked with an explicit stack.
    pub fn directives(&self) -> Vec<(&[Token], &Directive)> {
        let mut out = Vec::new();
        for item in &self.items {
            let (addresses, body): (&[Token], &[Directive]) = match item {
                TopLevel::Global(body) => (&[], body),
                TopLevel::Snippet(_, body) | TopLevel::Imported(body) => (&[], body),
                TopLevel::Site(addresses, body) => (addresses, body),
            };
            let mut todo: Vec<&Directive> = body.iter().rev().collect();
            while let Some(d) = todo.pop() {
                out.push((addresses, d));
                if let Some(block) = &d.block {
                    todo.extend(block.iter().rev());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_options_after_snippets() {
        let caddy =
            parse("(s) {\n\tencode gzip\n}\n{\n\tadmin off\n}\nexample.com {\n\timport s\n}\n")
                .unwrap_or_default();
        assert!(matches!(caddy.items.get(1), Some(TopLevel::Global(_))));
    }

    #[test]
    fn sites_snippets_and_blocks() {
        let text = "{\n\temail a@b.c\n}\n(common) {\n\tencode gzip\n}\nexample.com, www.example.com {\n\timport common\n\treverse_proxy web:8000 {\n\t\ttransport http {\n\t\t\ttls_insecure_skip_verify\n\t\t}\n\t}\n}\n";
        let file = parse(text).unwrap();
        assert_eq!(file.items.len(), 3);
        assert!(matches!(file.items[0], TopLevel::Global(_)));
        let names: Vec<_> = file
            .directives()
            .iter()
            .map(|(_, d)| d.name.text.clone())
            .collect();
        assert!(names.contains(&"tls_insecure_skip_verify".to_string()));
        match &file.items[2] {
            TopLevel::Site(addrs, _) => assert_eq!(addrs.len(), 2),
            _ => panic!("expected a site"),
        }
    }

    #[test]
    fn errors_have_positions() {
        let err = parse("example.com {\n  respond \"hi\"\n").unwrap_err();
        assert_eq!(err.range.start, 12);
        let err = parse("}\n").unwrap_err();
        assert_eq!(err.range, 0..1);
        let err = parse("a {\n  respond \"x\n}\n").unwrap_err();
        assert!(err.message.contains("unterminated"));
    }

    #[test]
    fn brace_on_its_own_line() {
        // Inside a block, a `{` that starts a line is an error.
        let text =
            "example.com {\n\thandle /api/*\n\t{\n\t\treverse_proxy 127.0.0.1:8000\n\t}\n}\n";
        let err = parse(text).unwrap_err();
        assert_eq!(&text[err.range.clone()], "{");
        assert_eq!(err.range.start, 30);
        assert!(err.message.starts_with("Unexpected '{' on a new line"));
        // In a braceless site too.
        let err = parse("localhost\nreverse_proxy web:80\n{\n}\n").unwrap_err();
        assert!(err.message.starts_with("Unexpected '{' on a new line"));
        // A site's `{` may stand on the line after its addresses, after a first site too.
        let file = parse("a.com {\n}\nexample.com\n{\n\treverse_proxy web:8000\n}\n").unwrap();
        assert_eq!(file.items.len(), 2);
        assert!(
            matches!(&file.items[1], TopLevel::Site(a, b) if a[0].text == "example.com" && b.len() == 1)
        );
        // Addresses continue after a trailing comma.
        let file = parse("a.com,\nb.com {\n\trespond hi\n}\n").unwrap();
        assert!(matches!(&file.items[0], TopLevel::Site(a, _) if a.len() == 2));
        // The global options block, placeholders and heredocs are no blocks on a new line.
        parse("{\n\temail a@b.c\n}\n:80 {\n\trespond <<EOF\n\t\t{\n\t\tEOF 200\n\theader X {$VAL}\n\trespond {args[0]}\n}\n").unwrap();
    }

    #[test]
    fn imports_and_fragments() {
        let text = "(snip) {\n\timport inner/*\n}\nimport sites/*.caddy\nexample.com {\n\timport conf.d/*\n\timport snip\n}\n";
        let file = parse(text).unwrap();
        let got: Vec<_> = file
            .imports
            .iter()
            .map(|i| (i.pattern.text.as_str(), i.in_block))
            .collect();
        assert_eq!(
            got,
            vec![
                ("inner/*", true),
                ("sites/*.caddy", false),
                ("conf.d/*", true),
                ("snip", true)
            ]
        );
        assert!(file.defines_snippet("snip"));
        // A fragment's lines are directives, blocks included, and a `}` closes nothing.
        let file = parse_fragment(
            "reverse_proxy admin:3001\nhandle /x/* {\n\tfile_server\n}\nencode gzip\n",
        )
        .unwrap();
        let names: Vec<_> = file
            .directives()
            .iter()
            .map(|(_, d)| d.name.text.clone())
            .collect();
        assert_eq!(
            names,
            vec!["reverse_proxy", "handle", "file_server", "encode"]
        );
        assert!(parse_fragment("respond hi\n}\n").is_err());
        assert!(parse_fragment("{\n}\n").is_err());
    }

    #[test]
    fn braceless_site_and_comments() {
        let file = parse("localhost:8080\n# comment\nreverse_proxy app:3000 # trailing\n").unwrap();
        let ds = file.directives();
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].1.args[0].text, "app:3000");
    }
}
