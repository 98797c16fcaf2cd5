//! Applying fixes: choosing the edits of one pass, checking that every file still parses,
//! and the unified diff of what changed.

pub mod diff;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Applicability, FindingFix};
use crate::engine::Finding;
use crate::lang::{self, FileKind};
use crate::source::LineIndex;

/// The most passes of fix, re-lint: the same bound as Ruff's.
pub const MAX_PASSES: usize = 100;

/// Which fixes a run applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// `--unsafe-fixes`: unsafe fixes are applied (and counted as fixable) too.
    pub unsafe_fixes: bool,
}

impl Policy {
    /// Whether a fix of this applicability is applied under this policy.
    pub fn applies(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
    }
}

/// How many findings have a fix that this run would apply, and how many more an
/// `--unsafe-fixes` run would.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixable {
    pub applicable: usize,
    pub unsafe_only: usize,
}

impl Fixable {
    pub fn of(findings: &[Finding], policy: Policy) -> Fixable {
        let mut counts = Fixable::default();
        for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
            if policy.applies(fix.applicability) {
                counts.applicable += 1;
            } else if fix.applicability == Applicability::Unsafe {
                counts.unsafe_only += 1;
            }
        }
        counts
    }
}

/// The outcome of one pass: the new text of each file it changed, and how many fixes it
/// applied.
#[derive(Default)]
pub struct Pass {
    pub texts: BTreeMap<Arc<str>, String>,
    pub applied: usize,
    /// Fixes left out because the file would no longer parse.
    pub refused: Vec<String>,
}

/// One pass: the fixes the policy allows, whose every edit lies in a file the run may write
/// (`writable`), taken in finding order; a fix that overlaps an edit already taken waits for
/// the next pass (after the re-lint, it may be gone or moved). A file whose new text would no
/// longer parse while the old one did gets none of its fixes.
pub fn pass(
    findings: &[Finding],
    sources: &BTreeMap<Arc<str>, Arc<str>>,
    writable: &BTreeSet<Arc<str>>,
    policy: Policy,
) -> Pass {
    let mut taken: Vec<&FindingFix> = Vec::new();
    let mut ranges: BTreeMap<Arc<str>, Vec<Range<usize>>> = BTreeMap::new();
    for fix in findings.iter().filter_map(|f| f.fix.as_ref()) {
        if !policy.applies(fix.applicability) || fix.edits.is_empty() {
            continue;
        }
        let usable = fix
            .edits
            .iter()
            .all(|e| writable.contains(&e.path) && sources.contains_key(&e.path));
        let overlaps = fix.edits.iter().any(|e| {
            ranges
                .get(&e.path)
                .is_some_and(|taken| taken.iter().any(|r| overlap(r, &e.range)))
        }) || edits_overlap_each_other(fix);
        if !usable || overlaps {
            continue;
        }
        for e in &fix.edits {
            ranges
                .entry(e.path.clone())
                .or_default()
                .push(e.range.clone());
        }
        taken.push(fix);
    }
    // Fixes that touch a file that would no longer parse are dropped, with every other
    // fix of theirs, until what remains parses.
    let mut refused_files: BTreeSet<Arc<str>> = BTreeSet::new();
    let mut refused = Vec::new();
    loop {
        let kept: Vec<&FindingFix> = taken
            .iter()
            .copied()
            .filter(|f| !f.edits.iter().any(|e| refused_files.contains(&e.path)))
            .collect();
        let texts = apply(&kept, sources);
        let broken: Vec<Arc<str>> = texts
            .iter()
            .filter(|(path, new)| {
                let old = sources.get(*path).map_or("", |t| t);
                breaks_parse(path, old, new)
            })
            .map(|(path, _)| path.clone())
            .collect();
        if broken.is_empty() {
            return Pass {
                texts,
                applied: kept.len(),
                refused,
            };
        }
        for path in broken {
            refused.push(format!(
                "warning: {path}: fixes not applied: the file would no longer parse"
            ));
            refused_files.insert(path);
        }
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    // Two insertions at one offset, or an insertion at a replaced range's edge, also
    // conflict: their order would be a guess.
    a.start < b.end && b.start < a.end || a.start == b.start || a == b
}

fn edits_overlap_each_other(fix: &FindingFix) -> bool {
    fix.edits.iter().enumerate().any(|(i, a)| {
        fix.edits[i + 1..]
            .iter()
            .any(|b| a.path == b.path && overlap(&a.range, &b.range))
    })
}

/// The new texts of the files the fixes edit.
fn apply(
    fixes: &[&FindingFix],
    sources: &BTreeMap<Arc<str>, Arc<str>>,
) -> BTreeMap<Arc<str>, String> {
    let mut by_file: BTreeMap<Arc<str>, Vec<(Range<usize>, &str)>> = BTreeMap::new();
    for fix in fixes {
        for e in &fix.edits {
            by_file
                .entry(e.path.clone())
                .or_default()
                .push((e.range.clone(), &e.content));
        }
    }
    let mut texts = BTreeMap::new();
    for (path, mut edits) in by_file {
        let Some(old) = sources.get(&path) else {
            continue;
        };
        edits.sort_by_key(|(r, _)| (r.start, r.end));
        let mut new = String::with_capacity(old.len());
        let mut at = 0;
        for (range, content) in edits {
            let (Some(before), true) = (old.get(at..range.start), range.end <= old.len()) else {
                continue;
            };
            new.push_str(before);
            new.push_str(content);
            at = range.end;
        }
        new.push_str(old.get(at..).unwrap_or(""));
        if new != **old {
            texts.insert(path, new);
        }
    }
    texts
}

/// True when `new` does not parse as the file's kind while `old` did: such a text is never
/// written. Kinds backlint reads line by line (`.env`, Dockerfile) always parse.
pub fn breaks_parse(path: &str, old: &str, new: &str) -> bool {
    !parses(path, new) && parses(path, old)
}

/// Whether a text parses as the kind of the file at `path`, with the parser backlint reads
/// it with.
pub fn parses(path: &str, text: &str) -> bool {
    let path = Path::new(path);
    let lower = path.to_string_lossy().to_ascii_lowercase();
    match FileKind::detect(path) {
        Some(kind) if kind.grammar().is_some() => kind.grammar().is_some_and(|grammar| {
            lang::parse(grammar, text).is_ok_and(|tree| !tree.root_node().has_error())
        }),
        Some(FileKind::Caddy) => lang::caddyfile::parse(text).is_ok(),
        _ if lower.ends_with(".yml") || lower.ends_with(".yaml") => {
            lang::yaml::parse(text, &LineIndex::new(text)).is_ok()
        }
        Some(FileKind::Json | FileKind::PackageJson) => {
            serde_json::from_str::<serde_json::Value>(text).is_ok()
        }
        _ => true,
    }
}
