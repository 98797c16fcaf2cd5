//! Inline suppressions in every file kind backlint reads:
//!
//! * `backlint-ignore-next-line RULE[, RULE] [-- reason]` on its own line: the next line;
//! * `backlint-ignore RULE[, RULE] [-- reason]` after code: its own line;
//! * `backlint-ignore-file RULE[, RULE] [-- reason]` in the first lines: the whole file.
//!
//! They are comments in the file's syntax (`//` in JavaScript and TypeScript, `#` elsewhere;
//! in Dockerfiles only whole-line comments exist, so only the next-line and file forms work).

use std::ops::Range;

use crate::lang::FileKind;

/// How far from the top a file-wide suppression may stand.
pub const FILE_DIRECTIVE_LINES: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A 1-based line.
    Line(usize),
    File,
}

#[derive(Debug, Clone)]
pub struct Suppression {
    pub scope: Scope,
    /// Rule ids as written, with the byte range of each.
    pub rules: Vec<(String, Range<usize>)>,
    pub reason: Option<String>,
    /// The directive's span (from `backlint-ignore` to the end of the comment).
    pub range: Range<usize>,
}

const DIRECTIVE: &str = "backlint-ignore";

/// Finds the suppressions of a file.
pub fn parse(kind: FileKind, text: &str) -> Vec<Suppression> {
    if !text.contains(DIRECTIVE) {
        return Vec::new();
    }
    let marker = match kind {
        FileKind::Js | FileKind::Ts | FileKind::Tsx => "//",
        FileKind::PackageJson => return Vec::new(),
        _ => "#",
    };
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let line_start = offset;
        offset += line.len() + 1;
        let Some(at) = line.find(DIRECTIVE) else {
            continue;
        };
        // The directive must be the start of a comment: marker, then only spaces.
        let before = &line[..at];
        let Some(marker_at) = before.rfind(marker) else {
            continue;
        };
        if !before[marker_at + marker.len()..].trim().is_empty() {
            continue;
        }
        let code_before = before[..marker_at].trim();
        // In JavaScript a block comment opener may precede: `/* backlint-ignore ... */`.
        let rest = &line[at + DIRECTIVE.len()..];
        let (form, rest) = if let Some(r) = rest.strip_prefix("-next-line") {
            ("next", r)
        } else if let Some(r) = rest.strip_prefix("-file") {
            ("file", r)
        } else {
            ("line", rest)
        };
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            continue;
        }
        let scope = match form {
            "next" if code_before.is_empty() => Scope::Line(line_no + 1),
            "file" if code_before.is_empty() && line_no <= FILE_DIRECTIVE_LINES => Scope::File,
            "line" if !code_before.is_empty() => {
                // Dockerfiles have no trailing comments; .env readers differ on them.
                if kind == FileKind::Docker {
                    continue;
                }
                Scope::Line(line_no)
            }
            // An end-of-line directive alone on its line suppresses the next line, as most
            // people who write it mean.
            "line" => Scope::Line(line_no + 1),
            _ => continue,
        };
        let rest_start =
            line_start + at + DIRECTIVE.len() + (line.len() - at - DIRECTIVE.len() - rest.len());
        let (rules_text, reason) = match rest.find("--") {
            Some(dash) => (
                &rest[..dash],
                Some(
                    rest[dash + 2..]
                        .trim()
                        .trim_end_matches("*/")
                        .trim()
                        .to_string(),
                ),
            ),
            None => (rest.trim_end_matches("*/"), None),
        };
        let mut rules = Vec::new();
        let mut cursor = 0;
        for part in rules_text.split(',') {
            let trimmed = part.trim();
            let lead = part.len() - part.trim_start().len();
            if !trimmed.is_empty() {
                let start = rest_start + cursor + lead;
                rules.push((trimmed.to_string(), start..start + trimmed.len()));
            }
            cursor += part.len() + 1;
        }
        let end = line_start + line.trim_end_matches(['\r', ' ', '\t']).len();
        out.push(Suppression {
            scope,
            rules,
            reason: reason.filter(|r| !r.is_empty()),
            range: line_start + at..end.max(line_start + at + DIRECTIVE.len()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let text = "// backlint-ignore-file tls-verify-disabled -- legacy\nfoo(); // backlint-ignore sql-interpolation, tls-verify-disabled\n// backlint-ignore-next-line sql-interpolation -- reviewed\nbar();\nconst s = 'backlint-ignore x';\n";
        let s = parse(FileKind::Js, text);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].scope, Scope::File);
        assert_eq!(s[0].reason.as_deref(), Some("legacy"));
        assert_eq!(s[1].scope, Scope::Line(2));
        assert_eq!(s[1].rules.len(), 2);
        assert_eq!(&text[s[1].rules[1].1.clone()], "tls-verify-disabled");
        assert_eq!(s[2].scope, Scope::Line(4));
        assert_eq!(s[2].reason.as_deref(), Some("reviewed"));
    }

    #[test]
    fn dockerfile_has_no_trailing_comments() {
        let s = parse(
            FileKind::Docker,
            "RUN npm ci # backlint-ignore x\n# backlint-ignore-next-line y\nRUN npm ci\n",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].scope, Scope::Line(3));
    }
}
