//! Human output: rustc-style snippets rendered by codespan-reporting, then a summary line.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, Config};

use crate::diagnostic::Severity;
use crate::engine::RunOutput;
use crate::output::Counts;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Writes every finding with its snippet, then the summary line.
pub fn render(
    out: &mut dyn WriteColor,
    output: &RunOutput,
    elapsed: Duration,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<Arc<str>, usize> = BTreeMap::new();
    for (path, text) in &output.sources {
        ids.insert(path.clone(), files.add(path.to_string(), text.clone()));
    }
    let config = Config::default();
    for f in &output.findings {
        let Some(&file_id) = ids.get(&f.path) else {
            writeln!(
                out,
                "{}: {}:{}:{}: {}",
                f.rule, f.path, f.start.line, f.start.column, f.message
            )?;
            continue;
        };
        let mut labels = vec![Label::primary(file_id, f.range.clone())];
        for l in &f.labels {
            if let Some(&id) = ids.get(&l.path) {
                labels.push(Label::secondary(id, l.range.clone()).with_message(l.message.clone()));
            }
        }
        let mut diagnostic = Diagnostic::new(severity(f.severity))
            .with_code(f.rule)
            .with_message(&f.message)
            .with_labels(labels);
        if let Some(help) = &f.help {
            diagnostic = diagnostic.with_notes(vec![format!("help: {help}")]);
        }
        if term::emit_to_write_style(out, &config, &files, &diagnostic).is_err() {
            writeln!(
                out,
                "{}: {}:{}:{}: {}",
                f.rule, f.path, f.start.line, f.start.column, f.message
            )?;
        }
    }
    let counts = Counts::of(&output.findings);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}: {}, {}, {} in {:.2}s",
        plural(output.files_checked, "file") + " checked",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.infos, "info"),
        elapsed.as_secs_f64()
    )?;
    Ok(())
}
