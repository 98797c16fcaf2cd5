//! Human output: rustc-style snippets rendered by codespan-reporting, then a summary line.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use crate::diagnostic::{Applicability, Severity};
use crate::engine::RunOutput;
use crate::fix::{Fixable, Policy};
use crate::output::{Counts, escape};
use crate::source::LineIndex;

/// Lines longer than this (in bytes) are not shown in snippets.
const MAX_SHOWN_LINE: usize = 2_000;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Writes an info finding's header as `info[rule]`, the word the summary and the
/// configuration use: codespan names its lowest severity `note`, and writes that word first.
struct InfoHeader<'w> {
    out: &'w mut dyn WriteColor,
    renaming: bool,
}

impl std::io::Write for InfoHeader<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.renaming && !buf.is_empty() {
            self.renaming = false;
            if let Some(rest) = buf.strip_prefix(b"note") {
                self.out.write_all(b"info")?;
                self.out.write_all(rest)?;
                return Ok(buf.len());
            }
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl WriteColor for InfoHeader<'_> {
    fn supports_color(&self) -> bool {
        self.out.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> std::io::Result<()> {
        self.out.set_color(spec)
    }

    fn reset(&mut self) -> std::io::Result<()> {
        self.out.reset()
    }
}

/// Writes one diagnostic, naming an info finding `info`.
fn emit(
    out: &mut dyn WriteColor,
    config: &Config,
    files: &SimpleFiles<String, Arc<str>>,
    diagnostic: &Diagnostic<usize>,
) -> Result<(), codespan_reporting::files::Error> {
    let mut out = InfoHeader {
        renaming: diagnostic.severity == CsSeverity::Note,
        out,
    };
    term::emit_to_write_style(&mut out, config, files, diagnostic)
}

/// What human output says about fixes: `[*]` on the findings this run's policy would fix,
/// and the summary's count of fixed and fixable findings.
pub struct FixView {
    /// How many fixes were applied, when fixes were applied (`--fix`).
    pub fixed: Option<usize>,
    pub fixable: Fixable,
    pub policy: Policy,
}

impl FixView {
    /// A run that applies no fixes, with only safe fixes counted as fixable.
    pub fn none() -> FixView {
        FixView {
            fixed: None,
            fixable: Fixable::default(),
            policy: Policy {
                unsafe_fixes: false,
            },
        }
    }
}

/// The fix part of the summary: after `--fix`, `Fixed N findings; M more fixable with
/// --unsafe-fixes`; otherwise how many `--fix` (or `--unsafe-fixes`) would fix.
pub fn fix_summary(fixed: usize, remaining: Fixable) -> String {
    let mut text = format!("Fixed {fixed} finding{}", if fixed == 1 { "" } else { "s" });
    if remaining.unsafe_only > 0 {
        text.push_str(&format!(
            "; {} more fixable with --unsafe-fixes",
            remaining.unsafe_only
        ));
    }
    text
}

/// Writes every finding with its snippet, then the summary line (unless `summary` is false).
pub fn render(
    out: &mut dyn WriteColor,
    output: &RunOutput,
    fixes: &FixView,
    elapsed: Duration,
    summary: bool,
) -> std::io::Result<()> {
    // Names, source texts and messages come from the checked files: their control
    // characters are shown, not sent to the terminal (see `escape`). The colours are
    // codespan's own and pass through untouched.
    let mut files = SimpleFiles::new();
    let mut ids: BTreeMap<Arc<str>, (usize, Option<escape::Source>)> = BTreeMap::new();
    for (path, text) in &output.sources {
        let shown = escape::Source::new(text);
        let text: Arc<str> = match &shown {
            Some(source) => Arc::from(source.text.as_str()),
            None => text.clone(),
        };
        let id = files.add(escape::name(path).into_owned(), text);
        ids.insert(path.clone(), (id, shown));
    }
    // Byte ranges of the original text, moved to where they are in the shown one.
    let range = |shown: &Option<escape::Source>, r: &Range<usize>| match shown {
        Some(source) => source.range(r),
        None => r.clone(),
    };
    let plain = |out: &mut dyn WriteColor, f: &crate::engine::Finding| {
        writeln!(
            out,
            "{}: {}:{}:{}: {}",
            f.rule,
            escape::name(&f.path),
            f.start.line,
            f.start.column,
            escape::text(&f.message)
        )
    };
    // `[*]` before the message of a finding this run's policy would fix, as Ruff marks it;
    // the fix itself (or a display-only suggestion) is a note.
    let message_of = |f: &crate::engine::Finding| match &f.fix {
        Some(fix) if fixes.policy.applies(fix.applicability) => {
            format!("[*] {}", escape::text(&f.message))
        }
        _ => escape::text(&f.message).into_owned(),
    };
    let fix_note = |f: &crate::engine::Finding| {
        f.fix.as_ref().map(|fix| match fix.applicability {
            Applicability::Safe => format!("fix: {}", escape::text(&fix.message)),
            Applicability::Unsafe => {
                format!("unsafe fix: {}", escape::text(&fix.message))
            }
            Applicability::DisplayOnly => format!("suggestion: {}", escape::text(&fix.message)),
        })
    };
    let config = Config::default();
    let mut line_indexes: BTreeMap<Arc<str>, LineIndex> = BTreeMap::new();
    for f in &output.findings {
        let Some((file_id, shown)) = ids.get(&f.path) else {
            plain(out, f)?;
            continue;
        };
        // A snippet shows whole lines: a finding on a line of a minified file would print
        // megabytes, once per finding. Such a line is named, not shown.
        if let Some(text) = output.sources.get(&f.path) {
            let index = line_indexes
                .entry(f.path.clone())
                .or_insert_with(|| LineIndex::new(text));
            let line0 = f.start.line.saturating_sub(1);
            let start = index.line_start(line0);
            let end = if line0 + 1 < index.line_count() {
                index.line_start(line0 + 1)
            } else {
                text.len()
            };
            if end.saturating_sub(start) > MAX_SHOWN_LINE {
                let mut notes = vec![format!(
                    "at {}:{}:{} (a line of {} bytes, not shown)",
                    escape::name(&f.path),
                    f.start.line,
                    f.start.column,
                    end - start
                )];
                notes.extend(f.help.iter().map(|h| format!("help: {}", escape::text(h))));
                notes.extend(fix_note(f));
                notes.extend(crate::docs::finding_url(f.rule).map(|url| format!("see: {url}")));
                let diagnostic = Diagnostic::new(severity(f.severity))
                    .with_code(f.rule)
                    .with_message(message_of(f))
                    .with_notes(notes);
                if emit(out, &config, &files, &diagnostic).is_err() {
                    plain(out, f)?;
                }
                continue;
            }
        }
        let mut labels = vec![Label::primary(*file_id, range(shown, &f.range))];
        for l in &f.labels {
            if let Some((id, shown)) = ids.get(&l.path) {
                labels.push(
                    Label::secondary(*id, range(shown, &l.range))
                        .with_message(escape::text(&l.message)),
                );
            }
        }
        let mut diagnostic = Diagnostic::new(severity(f.severity))
            .with_code(f.rule)
            .with_message(message_of(f))
            .with_labels(labels);
        let notes: Vec<String> = f
            .help
            .iter()
            .map(|help| format!("help: {}", escape::text(help)))
            .chain(fix_note(f))
            .chain(crate::docs::finding_url(f.rule).map(|url| format!("see: {url}")))
            .collect();
        if !notes.is_empty() {
            diagnostic = diagnostic.with_notes(notes);
        }
        if emit(out, &config, &files, &diagnostic).is_err() {
            plain(out, f)?;
        }
    }
    if summary {
        write_summary(out, output, elapsed)?;
        if let Some(fixed) = fixes.fixed {
            writeln!(out, "{}", fix_summary(fixed, fixes.fixable))?;
        } else if fixes.fixable.applicable > 0 || fixes.fixable.unsafe_only > 0 {
            let mut line = String::new();
            if fixes.fixable.applicable > 0 {
                line.push_str(&format!(
                    "[*] {} fixable with --fix{}",
                    fixes.fixable.applicable,
                    if fixes.policy.unsafe_fixes {
                        " --unsafe-fixes"
                    } else {
                        ""
                    }
                ));
            }
            if fixes.fixable.unsafe_only > 0 {
                if !line.is_empty() {
                    line.push_str("; ");
                }
                line.push_str(&format!(
                    "{} more fixable with --unsafe-fixes",
                    fixes.fixable.unsafe_only
                ));
            }
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The closing line: files checked and findings by severity.
pub fn write_summary(
    out: &mut dyn WriteColor,
    output: &RunOutput,
    elapsed: Duration,
) -> std::io::Result<()> {
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
