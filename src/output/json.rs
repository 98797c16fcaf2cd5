//! `--format json`: one JSON object with a summary and every diagnostic.

use serde_json::{Value, json};

use crate::diagnostic::FindingFix;
use crate::engine::{Finding, RunOutput};
use crate::output::Counts;
use crate::source::Position;

fn position(p: &Position) -> Value {
    json!({"line": p.line, "column": p.column, "offset": p.offset})
}

/// A finding's fix: its applicability, what it does, and each edit with its path, the
/// positions of the replaced range and the new text.
pub fn fix(fix: &FindingFix) -> Value {
    json!({
        "applicability": fix.applicability.as_str(),
        "message": fix.message,
        "edits": fix.edits.iter().map(|e| json!({
            "path": &*e.path,
            "start": position(&e.start),
            "end": position(&e.end),
            "content": e.content,
        })).collect::<Vec<_>>(),
    })
}

/// A finding; `fix` is present only when the rule offers one.
pub fn finding(f: &Finding) -> Value {
    let mut value = json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "path": &*f.path,
        "start": position(&f.start),
        "end": position(&f.end),
        "message": f.message,
        "help": f.help,
        "url": crate::docs::finding_url(f.rule),
        "labels": f.labels.iter().map(|l| json!({
            "path": &*l.path,
            "start": position(&l.start),
            "end": position(&l.end),
            "message": l.message,
        })).collect::<Vec<_>>(),
    });
    if let (Some(f), Some(object)) = (&f.fix, value.as_object_mut()) {
        object.insert("fix".into(), fix(f));
    }
    value
}

pub fn render(output: &RunOutput) -> String {
    let counts = Counts::of(&output.findings);
    let value = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "summary": {
            "files": output.files_checked,
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
        },
        "diagnostics": output.findings.iter().map(finding).collect::<Vec<_>>(),
    });
    let mut text = value.to_string();
    text.push('\n');
    text
}
