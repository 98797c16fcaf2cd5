//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other CI systems read it.

use serde_json::{Value, json};

use crate::diagnostic::{Applicability, Severity};
use crate::engine::{Finding, RunOutput};
use crate::rules::{RULES, RuleMeta};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference, absolute paths as `file://` URIs. Every byte other
/// than an unreserved character (RFC 3986) and the separator is percent-encoded: space,
/// `%`, `#`, `?`, `:`, non-ASCII, controls. A backslash is a separator only on Windows; on
/// Unix it is part of the name and is encoded as `%5C`.
pub fn uri(path: &str) -> String {
    let windows = std::path::MAIN_SEPARATOR == '\\';
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' if windows => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if out.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn region(f: &crate::engine::FindingLabel) -> Value {
    json!({
        "startLine": f.start.line,
        "startColumn": f.start.column,
        "endLine": f.end.line,
        "endColumn": f.end.column,
    })
}

fn result(f: &Finding) -> Value {
    let rule_index = RULES.iter().position(|r| r.id == f.rule);
    let mut text = f.message.clone();
    if let Some(help) = &f.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut value = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&f.path)},
                "region": {
                    "startLine": f.start.line,
                    "startColumn": f.start.column,
                    "endLine": f.end.line,
                    "endColumn": f.end.column,
                }
            }
        }],
        "partialFingerprints": {"backlintFingerprint/v1": f.fingerprint},
    });
    if let (Some(index), Some(obj)) = (rule_index, value.as_object_mut()) {
        obj.insert("ruleIndex".into(), json!(index));
    }
    if !f.labels.is_empty() {
        if let Some(obj) = value.as_object_mut() {
            let related: Vec<Value> = f
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    json!({
                        "id": i,
                        "message": {"text": l.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(&l.path)},
                            "region": region(l),
                        }
                    })
                })
                .collect();
            obj.insert("relatedLocations".into(), Value::Array(related));
        }
    }
    // SARIF `fixes`: one per finding with edits, each edited file an artifact change.
    if let (Some(fix), Some(obj)) = (&f.fix, value.as_object_mut()) {
        if !fix.edits.is_empty() && fix.applicability != Applicability::DisplayOnly {
            let mut by_file: Vec<(&str, Vec<Value>)> = Vec::new();
            for e in &fix.edits {
                let replacement = json!({
                    "deletedRegion": {
                        "startLine": e.start.line,
                        "startColumn": e.start.column,
                        "endLine": e.end.line,
                        "endColumn": e.end.column,
                    },
                    "insertedContent": {"text": e.content},
                });
                match by_file.iter_mut().find(|(p, _)| *p == &*e.path) {
                    Some((_, list)) => list.push(replacement),
                    None => by_file.push((&e.path, vec![replacement])),
                }
            }
            let changes: Vec<Value> = by_file
                .into_iter()
                .map(|(path, replacements)| {
                    json!({
                        "artifactLocation": {"uri": uri(path)},
                        "replacements": replacements,
                    })
                })
                .collect();
            obj.insert(
                "fixes".into(),
                json!([{
                    "description": {"text": format!("{} ({})", fix.message, fix.applicability.as_str())},
                    "artifactChanges": changes,
                }]),
            );
        }
    }
    value
}

fn rule(meta: &RuleMeta) -> Value {
    json!({
        "id": meta.id,
        "name": meta
            .id
            .split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            })
            .collect::<String>(),
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.summary},
        "help": {"text": meta.explanation, "markdown": meta.explanation},
        "helpUri": crate::docs::rule_url(&meta.id),
        "defaultConfiguration": {"level": level(meta.severity), "enabled": meta.default == crate::rules::DefaultState::On},
        "properties": {"tags": meta.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>()},
    })
}

pub fn render(output: &RunOutput, meta: &[RuleMeta]) -> String {
    let value = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "backlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/backlint/backlint",
                "rules": meta.iter().map(rule).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": output.findings.iter().map(result).collect::<Vec<_>>(),
        }]
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
