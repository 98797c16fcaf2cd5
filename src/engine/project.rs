//! The project phase: every project rule once over the linked facts, and the positions of
//! what they report.

use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Instant;

use super::scope::Scope;
use super::{Engine, Finding, FindingLabel, IN_RULE, RunOutput, panic_message};
use crate::diagnostic::{Diagnostic, Findings, Severity};
use crate::diagnostic::{FindingEdit, FindingFix};
use crate::facts::{Project, ProjectContext, ProjectFile};
use crate::rules::RULES;
use crate::source::SourceFile;

impl Engine {
    /// Runs every enabled project rule once, then resolves its findings' positions by
    /// reading the files they point into.
    pub(super) fn check_project(
        &self,
        project: &Project,
        scope: &Scope,
        refused: Vec<Diagnostic>,
        reports_beyond_code: bool,
        output: &mut RunOutput,
    ) {
        let mut findings = Findings::new();
        findings.items = refused;
        let mut panicked = Vec::new();
        let mut cx = ProjectContext::new(project);
        if let Some(cache) = &self.cache {
            cx = cx.with_earlier_links(Box::new(|| cache.links()));
        }
        let cx = match scope.report_only {
            Some(_) => cx.reporting(
                project
                    .files
                    .iter()
                    .map(|f| scope.reports(&f.display))
                    .collect(),
                reports_beyond_code,
            ),
            None => cx,
        };
        for enabled in &self.enabled {
            let entry = &RULES[enabled.index];
            if !cx.may_report_from(entry.rule.facts()) {
                continue;
            }
            // Severities are set per file in `apply_config`, as for the per-file rules.
            findings.start_rule(entry.id, Severity::Error);
            IN_RULE.with(|c| c.set(true));
            let started = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                entry.rule.check_project(&cx, &mut findings)
            }));
            output
                .stats
                .by_project_rule
                .push((entry.id, started.elapsed()));
            IN_RULE.with(|c| c.set(false));
            if let Err(payload) = outcome {
                panicked.push((entry.id, panic_message(payload.as_ref())));
            }
        }
        output.stats.project_models = cx.models_built();
        if let (Some(cache), Some(links)) = (&self.cache, cx.computed_links()) {
            // The cache is an optimisation: a links file that cannot be written is linked
            // again next time.
            let _ = cache.write_links(links);
        }
        for (id, message) in panicked {
            output.notes.push(format!(
                "error: internal error: rule `{id}` failed on the project ({message})"
            ));
        }
        let mut by_file: BTreeMap<Arc<str>, Vec<Diagnostic>> = BTreeMap::new();
        for d in findings.items {
            if let Some(file) = d.file.clone() {
                by_file.entry(file).or_default().push(d);
            }
        }
        // The project's files by the name findings give them (the first of a name, as a
        // search in path order finds it).
        let mut by_display: BTreeMap<&str, &ProjectFile> = BTreeMap::new();
        for f in &project.files {
            by_display.entry(&f.display).or_insert(f);
        }
        for (display, diagnostics) in by_file {
            // A finding is reported when it touches a file reported on: where it is, or where
            // one of its labels is (a compose change that breaks a Caddy upstream is reported
            // on the Caddyfile, labelled at the compose file).
            let diagnostics: Vec<Diagnostic> = if scope.reports(&display) {
                diagnostics
            } else {
                diagnostics
                    .into_iter()
                    .filter(|d| {
                        d.labels
                            .iter()
                            .any(|l| l.file.as_ref().is_some_and(|f| scope.reports(f)))
                    })
                    .collect()
            };
            if diagnostics.is_empty() {
                continue;
            }
            let Some(pf) = by_display.get(&*display) else {
                continue;
            };
            let Some(bytes) = self.read_again(&pf.path, &display) else {
                continue;
            };
            // A rule reports nothing in a file it does not check, whether it judged the file
            // alone or the project (an Express app under the test paths, a workload in a
            // load-test harness).
            let standing = self.standing_of(&pf.path, pf.kind, &bytes, &scope.walk_roots);
            let diagnostics: Vec<Diagnostic> = diagnostics
                .into_iter()
                .filter(|d| {
                    !self
                        .enabled
                        .iter()
                        .find(|e| RULES[e.index].id == d.rule)
                        .is_some_and(|e| standing.skipped_by(e))
                })
                .collect();
            if diagnostics.is_empty() {
                continue;
            }
            let file = SourceFile::new(pf.path.clone(), display.to_string(), bytes);
            let mut texts: BTreeMap<Arc<str>, SourceFile> = BTreeMap::new();
            for d in diagnostics {
                // Labels and fix edits in other files need those files' positions too.
                let fix_files = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.file));
                for other_file in d.labels.iter().map(|l| &l.file).chain(fix_files) {
                    if let Some(other) = other_file.as_ref().filter(|o| **o != display) {
                        if !texts.contains_key(other) {
                            if let Some(of) = by_display.get(&**other) {
                                if let Some(b) = self.read_again(&of.path, other) {
                                    texts.insert(
                                        other.clone(),
                                        SourceFile::new(of.path.clone(), other.to_string(), b),
                                    );
                                }
                            }
                        }
                    }
                }
                output.findings.push(resolve(d, &file, &display, &texts));
            }
            for (name, other) in texts {
                output
                    .sources
                    .entry(name)
                    .or_insert_with(|| Arc::from(other.text.as_str()));
            }
            output
                .sources
                .entry(display.clone())
                .or_insert_with(|| Arc::from(file.text.as_str()));
        }
    }
}

/// Resolves byte ranges into positions. Labels in other files use `others`; a label whose
/// file is not available is dropped.
pub(super) fn resolve(
    d: Diagnostic,
    file: &SourceFile,
    display: &Arc<str>,
    others: &BTreeMap<Arc<str>, SourceFile>,
) -> Finding {
    let clamp = |text: &str, r: &Range<usize>| {
        let start = r.start.min(text.len());
        start..r.end.min(text.len()).max(start)
    };
    let range = clamp(&file.text, &d.range);
    let labels = d
        .labels
        .into_iter()
        .filter_map(|l| {
            let (path, source) = match &l.file {
                None => (display.clone(), file),
                Some(p) if p == display => (display.clone(), file),
                Some(p) => (p.clone(), others.get(p)?),
            };
            let r = clamp(&source.text, &l.range);
            Some(FindingLabel {
                path,
                start: source.lines.position(&source.text, r.start),
                end: source.lines.position(&source.text, r.end),
                range: r,
                message: l.message,
            })
        })
        .collect();
    // A fix is kept whole or not at all: an edit in a file that is not available drops it.
    let fix = d.fix.and_then(|fix| {
        let edits = fix
            .edits
            .into_iter()
            .map(|e| {
                let (path, source) = match &e.file {
                    None => (display.clone(), file),
                    Some(p) if p == display => (display.clone(), file),
                    Some(p) => (p.clone(), others.get(p)?),
                };
                let r = clamp(&source.text, &e.range);
                if !source.text.is_char_boundary(r.start) || !source.text.is_char_boundary(r.end) {
                    return None;
                }
                Some(FindingEdit {
                    path,
                    start: source.lines.position(&source.text, r.start),
                    end: source.lines.position(&source.text, r.end),
                    range: r,
                    content: e.content,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FindingFix {
            applicability: fix.applicability,
            message: fix.message,
            edits,
        })
    });
    Finding {
        rule: d.rule,
        severity: d.severity,
        path: display.clone(),
        start: file.lines.position(&file.text, range.start),
        end: file.lines.position(&file.text, range.end),
        range,
        message: d.message,
        help: d.help,
        labels,
        fix,
        fingerprint: String::new(),
    }
}
