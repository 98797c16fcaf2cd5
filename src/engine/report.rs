//! The last phases: configuration overrides, suppressions, order and fingerprints.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::file::Standing;
use super::scope::Scope;
use super::{ENGINE_FINDINGS, Engine, Finding, RunOutput};
use crate::root::{self};
use crate::rules::RULES;
use crate::suppress::{self, Suppression};

impl Engine {
    /// Per-path rule settings of the configuration's `overrides`.
    pub(super) fn apply_overrides(&self, output: &mut RunOutput) {
        if !self.config.has_overrides() {
            return;
        }
        output
            .findings
            .retain_mut(|f| match self.config.override_for(&f.path, f.rule) {
                None => true,
                Some(None) => false,
                Some(Some(severity)) => {
                    f.severity = severity;
                    true
                }
            });
    }

    /// Removes suppressed findings, then reports suppressions that suppressed nothing, name
    /// unknown rules or lack a required reason (`suppress::apply`).
    pub(super) fn apply_suppressions(
        &self,
        suppressions: BTreeMap<Arc<str>, (Standing, Vec<Suppression>)>,
        scope: &Scope,
        output: &mut RunOutput,
    ) {
        let enabled = |id: &str| self.enabled.iter().find(|e| RULES[e.index].id == id);
        let policy = suppress::Policy {
            unused: enabled("unused-suppression").map(|e| e.severity),
            invalid: enabled("invalid-suppression").map(|e| e.severity),
            require_reason: self.config.require_suppression_reason,
            engine_findings: &ENGINE_FINDINGS,
        };
        // Whether the rule checked a file of this standing: a rule that is off or does not
        // check test files cannot use a suppression in one.
        let checks =
            |id: &str, standing: &Standing| enabled(id).is_some_and(|e| !standing.skipped_by(e));
        suppress::apply(
            &policy,
            suppressions,
            |path| scope.reports(path),
            checks,
            &output.sources,
            &mut output.findings,
        );
        sort_findings(&mut output.findings);
    }
}

/// FNV-1a, 64 bits: a hash whose value never changes between builds or platforms.
pub fn fnv64(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Gives each finding a fingerprint that survives code moving up or down the file: its
/// rule, its file and the text of its line with white space folded. Each line's index is
/// built once per file and each (rule, line) hashed once, so many findings on one long line
/// cost the line once, not once each.
pub(super) fn assign_fingerprints(output: &mut RunOutput) {
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    // The path hashed is the one relative to the project root, so that a fingerprint is
    // the same from any directory and for any spelling of the path.
    let mut project_paths: BTreeMap<Arc<str>, Arc<str>> = BTreeMap::new();
    let mut indexes: BTreeMap<Arc<str>, crate::source::LineIndex> = BTreeMap::new();
    let mut hashes: BTreeMap<(&'static str, Arc<str>, usize), u64> = BTreeMap::new();
    for f in &mut output.findings {
        let text = output
            .sources
            .get(&f.path)
            .cloned()
            .unwrap_or_else(|| Arc::from(""));
        let index = indexes
            .entry(f.path.clone())
            .or_insert_with(|| crate::source::LineIndex::new(&text));
        let line0 = index.line_of(f.range.start.min(text.len()));
        let base = *hashes
            .entry((f.rule, f.path.clone(), line0))
            .or_insert_with(|| {
                let start = index.line_start(line0);
                let line = text
                    .get(start..)
                    .unwrap_or("")
                    .split('\n')
                    .next()
                    .unwrap_or("");
                let folded = line.split_whitespace().collect::<Vec<_>>().join(" ");
                let path = project_paths.entry(f.path.clone()).or_insert_with(|| {
                    root::project_relative(Path::new(&*f.path))
                        .map_or_else(|| f.path.clone(), Arc::from)
                });
                fnv64(&[f.rule, path, &folded])
            });
        let count = seen.entry(base).or_insert(0);
        f.fingerprint = format!("{base:016x}:{count}");
        *count += 1;
    }
}

/// Output order: path, line, column, rule, message.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&*a.path, a.start.line, a.start.column, a.rule, &a.message).cmp(&(
            &*b.path,
            b.start.line,
            b.start.column,
            b.rule,
            &b.message,
        ))
    });
}
