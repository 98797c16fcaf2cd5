//! `--format json`: one JSON object with a summary and every diagnostic.

use serde_json::{Value, json};

use crate::engine::{Finding, RunOutput};
use crate::output::Counts;
use crate::source::Position;

fn position(p: &Position) -> Value {
    json!({"line": p.line, "column": p.column, "offset": p.offset})
}

pub fn finding(f: &Finding) -> Value {
    json!({
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
    })
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
