//! Inline suppressions in every file kind backlint reads:
//!
//! * `backlint-ignore-next-line RULE[, RULE] [-- reason]` on its own line: the next line;
//! * `backlint-ignore RULE[, RULE] [-- reason]` after code: its own line;
//! * `backlint-ignore-file RULE[, RULE] [-- reason]` in the first lines: the whole file.
//!
//! They are comments in the file's syntax (`//` in JavaScript and TypeScript, `#` elsewhere;
//! in Dockerfiles only whole-line comments exist, so only the next-line and file forms work).

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Applicability, Finding, FindingEdit, FindingFix, Severity};
use crate::lang::FileKind;
use crate::rules;

/// How far from the top a file-wide suppression may stand.
pub const FILE_DIRECTIVE_LINES: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// A 1-based line.
    Line(usize),
    File,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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
        FileKind::Js | FileKind::Ts | FileKind::Tsx | FileKind::Json => "//",
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

/// True when a file has an inline suppression.
pub fn contains_suppression(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"backlint-ignore").is_some()
}

/// How suppressions are judged in a run: the severities of `unused-suppression` and
/// `invalid-suppression` (`None` when the rule is off), and whether a reason is required.
pub struct Policy<'a> {
    pub unused: Option<Severity>,
    pub invalid: Option<Severity>,
    pub require_reason: bool,
    /// Ids that are no rule's but may be suppressed (the engine's own findings).
    pub engine_findings: &'a [&'a str],
}

/// Removes the findings that a suppression covers, then reports, in the files `reports`
/// accepts, the suppressions that suppressed nothing of a rule that `checks` the file
/// (`unused-suppression`), name an unknown rule or lack a required reason
/// (`invalid-suppression`). `S` is what the caller knows of each file (which rules check it).
pub fn apply<S>(
    policy: &Policy,
    suppressions: BTreeMap<Arc<str>, (S, Vec<Suppression>)>,
    reports: impl Fn(&str) -> bool,
    checks: impl Fn(&str, &S) -> bool,
    sources: &BTreeMap<Arc<str>, Arc<str>>,
    findings: &mut Vec<Finding>,
) {
    if suppressions.is_empty() {
        return;
    }
    let mut used: BTreeMap<Arc<str>, Vec<Vec<bool>>> = suppressions
        .iter()
        .map(|(path, (_, list))| {
            (
                path.clone(),
                list.iter().map(|s| vec![false; s.rules.len()]).collect(),
            )
        })
        .collect();
    findings.retain(|f| {
        let Some((_, list)) = suppressions.get(&f.path) else {
            return true;
        };
        for (i, s) in list.iter().enumerate() {
            let applies = match s.scope {
                Scope::File => true,
                Scope::Line(line) => line == f.start.line,
            };
            if !applies {
                continue;
            }
            if let Some(j) = s.rules.iter().position(|(id, _)| id == f.rule) {
                if let Some(flags) = used.get_mut(&f.path) {
                    flags[i][j] = true;
                }
                return false;
            }
        }
        true
    });
    for (path, (standing, list)) in &suppressions {
        // Only the files reported on have their suppressions judged.
        if !reports(path) {
            continue;
        }
        let Some(text) = sources.get(path).cloned() else {
            continue;
        };
        let lines = crate::source::LineIndex::new(&text);
        let fix_removing = |range: Range<usize>, message: &str| FindingFix {
            applicability: Applicability::Safe,
            message: message.to_string(),
            edits: vec![FindingEdit {
                path: path.clone(),
                start: lines.position(&text, range.start),
                end: lines.position(&text, range.end),
                range,
                content: String::new(),
            }],
        };
        let mut add = |rule: &'static str,
                       severity: Severity,
                       range: &Range<usize>,
                       message: String,
                       help: &str,
                       fix: Option<FindingFix>| {
            findings.push(Finding {
                rule,
                severity,
                path: path.clone(),
                range: range.clone(),
                start: lines.position(&text, range.start),
                end: lines.position(&text, range.end),
                message,
                help: Some(help.to_string()),
                labels: Vec::new(),
                fix,
                fingerprint: String::new(),
            });
        };
        for (i, s) in list.iter().enumerate() {
            if let Some(severity) = policy.invalid {
                if policy.require_reason && s.reason.is_none() {
                    add(
                        "invalid-suppression",
                        severity,
                        &s.range,
                        "suppression without a reason".into(),
                        "say why after `--`: `backlint-ignore RULE -- reason`",
                        None,
                    );
                }
            }
            let unused: Vec<bool> = s
                .rules
                .iter()
                .enumerate()
                .map(|(j, (id, _))| {
                    policy.unused.is_some()
                        && (rules::index_of(id).is_some()
                            || policy.engine_findings.contains(&id.as_str()))
                        && !used.get(path).is_some_and(|f| f[i][j])
                        && checks(id, standing)
                })
                .collect();
            for (j, (id, range)) in s.rules.iter().enumerate() {
                if rules::index_of(id).is_none() && !policy.engine_findings.contains(&id.as_str()) {
                    if let Some(severity) = policy.invalid {
                        let hint = rules::suggest(id)
                            .map_or(String::new(), |r| format!("; did you mean `{r}`?"));
                        add(
                            "invalid-suppression",
                            severity,
                            range,
                            format!("unknown rule `{id}` in suppression{hint}"),
                            "use a rule id from `backlint rules`",
                            None,
                        );
                    }
                    continue;
                }
                let Some(severity) = policy.unused else {
                    continue;
                };
                if unused[j] {
                    let fix = if unused.iter().all(|u| *u) {
                        fix_removing(comment_range(&text, s), "remove the suppression comment")
                    } else {
                        fix_removing(
                            id_range(s, j),
                            &format!("remove `{id}` from the suppression"),
                        )
                    };
                    add(
                        "unused-suppression",
                        severity,
                        range,
                        format!("unused suppression: `{id}` reports nothing here"),
                        "remove it (the code was fixed or the finding moved)",
                        Some(fix),
                    );
                }
            }
        }
    }
}

/// What removing a suppression comment deletes: its whole line when the comment stands
/// alone, else the comment and the spaces before it.
fn comment_range(text: &str, s: &Suppression) -> Range<usize> {
    let line_start = text[..s.range.start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = text[s.range.end..]
        .find('\n')
        .map_or(text.len(), |at| s.range.end + at);
    let before = &text[line_start..s.range.start];
    // The comment marker (`//`, `#`) and the spaces between it and the directive.
    let marker_at = before
        .trim_end()
        .trim_end_matches('/')
        .trim_end_matches('#')
        .len();
    let code = before[..marker_at].trim_end();
    if code.is_empty() {
        let end = if line_end < text.len() {
            line_end + 1
        } else {
            line_end
        };
        line_start..end
    } else {
        let line_end = if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        line_start + code.len()..line_end
    }
}

/// What removing the `j`th rule id of a suppression deletes: the id and the comma that joins
/// it to its neighbour.
fn id_range(s: &Suppression, j: usize) -> Range<usize> {
    let own = s.rules[j].1.clone();
    match (j.checked_sub(1).map(|k| &s.rules[k].1), s.rules.get(j + 1)) {
        (Some(previous), _) => previous.end..own.end,
        (None, Some((_, next))) => own.start..next.start,
        (None, None) => own,
    }
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
