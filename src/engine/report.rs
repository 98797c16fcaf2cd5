//! The last phases: configuration overrides, suppressions, order and fingerprints.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::file::Standing;
use super::scope::Scope;
use super::{ENGINE_FINDINGS, Engine, Finding, RunOutput};
use crate::diagnostic::Severity;
use crate::root::{self};
use crate::rules::RULES;
use crate::suppress::{self, Suppression};

impl Engine {
    /// Each finding under the configuration of the file holding its primary location: its
    /// rule's severity there (dropped where the rule is off), then that configuration's
    /// `overrides`. A cross-file finding follows the file it is reported in. `only`: the
    /// rules whose findings are settled (all when `None`); the others were settled before.
    pub(super) fn apply_config(&self, output: &mut RunOutput, only: Option<&[&str]>) {
        let slots: BTreeMap<&str, usize> = self
            .enabled
            .iter()
            .enumerate()
            .map(|(slot, e)| (RULES[e.index].id, slot))
            .collect();
        let mut config_of: BTreeMap<Arc<str>, usize> = BTreeMap::new();
        output.findings.retain_mut(|f| {
            if only.is_some_and(|rules| !rules.contains(&f.rule)) {
                return true;
            }
            let index = *config_of
                .entry(f.path.clone())
                .or_insert_with(|| self.config_index(Path::new(&*f.path)));
            if let Some(&slot) = slots.get(f.rule) {
                // Findings come at the most severe level, or at a milder one their rule chose
                // (`downgrade_to`): the file's configured severity caps them.
                match self.severity_in(index, slot) {
                    Some(severity) => f.severity = f.severity.min(severity),
                    None => return false,
                }
            }
            let config = self.configs.get(index);
            if !config.has_overrides() {
                return true;
            }
            match config.override_for(&f.path, f.rule) {
                None => true,
                Some(None) => false,
                Some(Some(severity)) => {
                    f.severity = severity;
                    true
                }
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
            // Capped by each file's configuration in `apply_config`.
            unused: enabled("unused-suppression").map(|_| Severity::Error),
            invalid: enabled("invalid-suppression").map(|_| Severity::Error),
            // Asked where any configuration asks; dropped below where the file's does not.
            require_reason: self
                .configs
                .all()
                .iter()
                .any(|c| c.require_suppression_reason),
            engine_findings: &ENGINE_FINDINGS,
        };
        // Whether the rule checked a file of this standing: a rule that is off or does not
        // check test files cannot use a suppression in one.
        let checks = |id: &str, standing: &Standing| {
            self.enabled
                .iter()
                .enumerate()
                .find(|(_, e)| RULES[e.index].id == id)
                .is_some_and(|(slot, e)| {
                    self.severity_in(standing.config, slot).is_some() && !standing.skipped_by(e)
                })
        };
        suppress::apply(
            &policy,
            suppressions,
            |path| scope.reports(path),
            checks,
            &output.sources,
            &mut output.findings,
        );
        if policy.require_reason {
            output.findings.retain(|f| {
                f.rule != "invalid-suppression"
                    || f.message != REASON_MISSING
                    || self
                        .config_for(Path::new(&*f.path))
                        .require_suppression_reason
            });
        }
        // The suppression rules' own severity (or off) in each file's configuration.
        self.apply_config(output, Some(&["unused-suppression", "invalid-suppression"]));
        sort_findings(&mut output.findings);
    }
}

/// The message of the finding on a suppression without a reason (`suppress::apply`).
const REASON_MISSING: &str = "suppression without a reason";

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
