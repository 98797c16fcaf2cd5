//! The lint run: discover → read → prefilter → parse → one walk per file dispatching rules
//! by node kind → sort.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use tree_sitter::Node;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Findings, Severity};
use crate::discover::{self, Input};
use crate::facts::topology::normalize;
use crate::facts::{FileFacts, PackageFacts, Project, ProjectContext, ProjectFile};
use crate::facts::{env_reads, express, listen};
use crate::lang::{self, FileKind, Grammar, caddyfile, compose, dockerfile, dotenv, yaml};
use crate::roles::Roles;
use crate::root::{self, Boundary, Refusal};
use crate::rules::{self, Prescan, RULES, Rule, RuleHeader, TestFiles, TestStatus, TreeContext};
use crate::source::{Position, SourceFile};
use crate::suppress::{self, Suppression};

/// Rounds of following imports and includes: deeper chains are not followed.
const MAX_IMPORT_ROUNDS: usize = 8;

pub use crate::root::MAX_FILE_SIZE;

/// A rule enabled for this run.
#[derive(Clone, Copy)]
struct Enabled {
    /// Index into `RULES`.
    index: usize,
    severity: Severity,
    /// Bit per language (`Lang as u8`).
    languages: u16,
    test_files: TestFiles,
    /// The roles of code no request runs that the rule skips (a `Roles::mask`).
    skipped_roles: u8,
}

/// A finding with resolved positions, ready for output.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: Arc<str>,
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<FindingLabel>,
    /// Stable identity for baselines and CI: rule, path and the text of the flagged line
    /// (not its number), with an occurrence counter for repeats.
    pub fingerprint: String,
}

#[derive(Clone, Debug)]
pub struct FindingLabel {
    pub path: Arc<str>,
    pub range: Range<usize>,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

/// Counters for `--stats`. Phase times are summed over worker threads.
#[derive(Default)]
pub struct Stats {
    pub files_by_kind: BTreeMap<&'static str, (usize, u64)>,
    pub skipped_prefilter: usize,
    /// Test files written with a test framework, which rules about served code skip.
    pub test_code: usize,
    pub skipped_binary: usize,
    pub skipped_large: usize,
    pub parsed: usize,
    pub parsed_bytes: u64,
    /// Files parsed only to collect project facts or read suppressions (no rule active).
    pub parsed_for_facts: usize,
    pub unreadable: usize,
    pub discovery: Duration,
    pub lint_wall: Duration,
    pub read: Duration,
    pub prefilter: Duration,
    pub parse: Duration,
    pub rules: Duration,
    pub project: Duration,
    pub threads: usize,
    /// Per enabled rule: id, files it ran on, and time spent in it (summed over threads;
    /// measured only when rule timing is on).
    pub by_rule: Vec<(&'static str, usize, Duration)>,
}

#[derive(Default)]
struct AtomicStats {
    read: AtomicU64,
    prefilter: AtomicU64,
    parse: AtomicU64,
    rules: AtomicU64,
    parsed: AtomicUsize,
    parsed_bytes: AtomicU64,
    parsed_for_facts: AtomicUsize,
    skipped_prefilter: AtomicUsize,
    test_code: AtomicUsize,
    /// Per enabled rule slot: files the rule ran on, nanoseconds spent in it.
    rule_files: Vec<AtomicUsize>,
    rule_nanos: Vec<AtomicU64>,
}

impl AtomicStats {
    fn new(rules: usize) -> AtomicStats {
        AtomicStats {
            rule_files: (0..rules).map(|_| AtomicUsize::new(0)).collect(),
            rule_nanos: (0..rules).map(|_| AtomicU64::new(0)).collect(),
            ..AtomicStats::default()
        }
    }
}

fn add(counter: &AtomicU64, since: Instant) {
    let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
    counter.fetch_add(nanos, Ordering::Relaxed);
}

/// Everything a run produced.
#[derive(Default)]
pub struct RunOutput {
    pub findings: Vec<Finding>,
    /// Texts of the files that have findings, for rendering snippets.
    pub sources: BTreeMap<Arc<str>, Arc<str>>,
    pub files_checked: usize,
    /// The paths of the files checked, in order.
    pub checked: Vec<Arc<str>>,
    /// Warnings for stderr (unreadable files and directories, skipped files).
    pub notes: Vec<String>,
    pub stats: Stats,
}

/// Per-grammar tables from node kind id to the rules that want that kind.
struct Dispatch {
    tables: [Vec<Vec<u16>>; 4],
    /// Per grammar and kind id: a call (`call_expression`, Python `call`), where servers
    /// are started.
    calls: [Vec<bool>; 4],
    /// Per grammar and kind id: nodes whose children no rule or collector looks at (the
    /// quotes and fragments of a string, the parts of a regex literal); the walk does not
    /// step into them. A Python f-string or t-string stays open (`closed_for_walk`).
    opaque: [Vec<bool>; 4],
    /// Per grammar: which nodes the walk may skip the insides of (`Pruning`).
    pruning: [Pruning; 4],
}

/// Per kind id of one grammar: whether the walk may judge a node of that kind by its text
/// (`may_hold_witnessed_kind`), and the brackets of the kinds judged by the text inside them.
#[derive(Default)]
struct Pruning {
    prunable: Vec<bool>,
    brackets: Vec<Option<(u8, u8)>>,
}

impl Pruning {
    fn new(
        language: &tree_sitter::Language,
        prunable: Option<&[&str]>,
        bracketed: &[(&str, u8, u8)],
    ) -> Pruning {
        let count = language.node_kind_count();
        let prunable = match prunable {
            Some(kinds) => lang::kind_ids_named(language, kinds),
            None => vec![true; count],
        };
        let brackets = (0..count)
            .map(|id| {
                let name = u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))?;
                bracketed
                    .iter()
                    .find(|(kind, _, _)| *kind == name)
                    .map(|(_, open, close)| (*open, *close))
            })
            .collect();
        Pruning { prunable, brackets }
    }
}

impl Dispatch {
    fn new(enabled: &[Enabled]) -> Dispatch {
        let mut tables: [Vec<Vec<u16>>; 4] = Default::default();
        let mut calls: [Vec<bool>; 4] = Default::default();
        let mut opaque: [Vec<bool>; 4] = Default::default();
        let mut pruning: [Pruning; 4] = Default::default();
        // A rule that asks for the parts of a string or regex keeps them open.
        let parts_wanted = enabled.iter().any(|rule| {
            let rule = RULES[rule.index].rule;
            rule.js_node_kinds()
                .iter()
                .chain(rule.py_node_kinds())
                .any(|k| {
                    matches!(
                        *k,
                        "string_fragment"
                            | "escape_sequence"
                            | "regex_pattern"
                            | "regex_flags"
                            | "string_start"
                            | "string_content"
                            | "string_end"
                            | "escape_interpolation"
                    )
                })
        });
        for grammar in Grammar::ALL {
            let language = grammar.language();
            let count = language.node_kind_count();
            let mut table = vec![Vec::new(); count];
            for (slot, rule) in enabled.iter().enumerate() {
                let entry = &RULES[rule.index];
                let kinds = if grammar == Grammar::Py {
                    entry.rule.py_node_kinds()
                } else {
                    entry.rule.js_node_kinds()
                };
                for kind in kinds {
                    for (id, cell) in table.iter_mut().enumerate() {
                        let Ok(id16) = u16::try_from(id) else { break };
                        if language.node_kind_is_named(id16)
                            && language.node_kind_for_id(id16) == Some(kind)
                        {
                            if let Ok(slot) = u16::try_from(slot) {
                                cell.push(slot);
                            }
                        }
                    }
                }
            }
            tables[grammar.index()] = table;
            let call = if grammar == Grammar::Py {
                "call"
            } else {
                "call_expression"
            };
            calls[grammar.index()] = lang::kind_ids_named(&language, &[call]);
            // Python strings are closed too, except f- and t-strings, whose interpolations
            // hold expressions (`closed_for_walk`).
            let closed: &[&str] = if parts_wanted {
                &[]
            } else if grammar == Grammar::Py {
                &["string"]
            } else {
                &["string", "regex"]
            };
            opaque[grammar.index()] = lang::kind_ids_named(&language, closed);
            pruning[grammar.index()] = if grammar == Grammar::Py {
                Pruning::new(&language, None, PY_BRACKETED_KINDS)
            } else {
                Pruning::new(&language, Some(JS_PRUNABLE_KINDS), JS_BRACKETED_KINDS)
            };
        }
        Dispatch {
            tables,
            calls,
            opaque,
            pruning,
        }
    }
}

/// One Aho-Corasick automaton over every enabled rule's needles.
struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the rule slot and the needle group it belongs to.
    owners: Vec<(usize, usize)>,
    /// For each rule slot: the bit mask of all its groups (0 = always runs).
    required: Vec<u64>,
}

impl Prefilter {
    fn new(enabled: &[Enabled]) -> Prefilter {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut required = Vec::new();
        for (slot, rule) in enabled.iter().enumerate() {
            let groups = RULES[rule.index].rule.needles();
            let mut mask = 0u64;
            for (g, group) in groups.iter().enumerate().take(64) {
                mask |= 1 << g;
                for needle in *group {
                    patterns.push(*needle);
                    owners.push((slot, g));
                }
            }
            required.push(mask);
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        Prefilter {
            automaton,
            owners,
            required,
        }
    }

    /// Which of the candidate slots may match this text.
    fn active(&self, text: &[u8], candidates: &[usize]) -> Vec<usize> {
        let mut seen = vec![0u64; self.required.len()];
        let needs_scan = candidates.iter().any(|s| self.required[*s] != 0);
        if needs_scan {
            if let Some(ac) = &self.automaton {
                let mut remaining = candidates
                    .iter()
                    .filter(|s| self.required[**s] != 0)
                    .count();
                for m in ac.find_overlapping_iter(text) {
                    let (slot, group) = self.owners[m.pattern().as_usize()];
                    let before = seen[slot];
                    seen[slot] |= 1 << group;
                    if before != self.required[slot]
                        && seen[slot] == self.required[slot]
                        && candidates.contains(&slot)
                    {
                        remaining -= 1;
                        if remaining == 0 {
                            break;
                        }
                    }
                }
            }
        }
        candidates
            .iter()
            .copied()
            .filter(|s| seen[*s] == self.required[*s])
            .collect()
    }
}

thread_local! {
    /// Set while a rule runs, so the panic hook stays quiet for panics the engine catches.
    static IN_RULE: Cell<bool> = const { Cell::new(false) };
}

/// Installs a panic hook that stays silent for rule panics (they become diagnostics) and
/// keeps the default report for any other panic.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_RULE.with(Cell::get) {
            default(info);
        }
    }));
}

pub struct Engine {
    enabled: Vec<Enabled>,
    dispatch: Dispatch,
    prefilter: Prefilter,
    config: Config,
    /// Test hook: every rule runs on every file of its languages, as if the prefilter
    /// matched; a run must report the same findings either way.
    no_prefilter: bool,
    /// Test hook: a rule invocation on a file whose path contains this text panics.
    panic_trigger: Option<String>,
    /// Text to lint in place of a file's content (standard input, an editor's buffer).
    overlay: BTreeMap<String, Vec<u8>>,
    /// Measure the time spent in each rule (`--stats`); off by default, as the clock reads
    /// cost time of their own.
    rule_timing: bool,
    /// The configuration's `exclude` applies to files named on the command line too.
    force_exclude: bool,
}

impl Engine {
    /// Builds the engine for the selected rules. Rule ids must already be valid.
    pub fn new(
        headers: &[RuleHeader],
        select: Option<&[String]>,
        ignore: &[String],
        config: Config,
    ) -> Engine {
        let mut enabled = Vec::new();
        for (index, entry) in RULES.iter().enumerate() {
            let Some(m) = headers.get(index) else {
                continue;
            };
            let configured = config.rules.get(entry.id).copied();
            let wanted = match select {
                Some(selected) => selected.iter().any(|id| id == entry.id),
                None => match configured {
                    Some(setting) => setting.severity().is_some(),
                    None => match m.default {
                        rules::DefaultState::On => true,
                        rules::DefaultState::Preview => config.preview,
                        rules::DefaultState::Off => false,
                    },
                },
            };
            if !wanted || ignore.iter().any(|id| id == entry.id) {
                continue;
            }
            let severity = configured
                .and_then(|setting| setting.severity())
                .unwrap_or(m.severity);
            let languages = m
                .languages
                .iter()
                .fold(0u16, |acc, l| acc | (1 << (*l as u16)));
            enabled.push(Enabled {
                index,
                severity,
                languages,
                test_files: m.test_files,
                skipped_roles: Roles::mask(&m.skips),
            });
        }
        let dispatch = Dispatch::new(&enabled);
        let prefilter = Prefilter::new(&enabled);
        Engine {
            enabled,
            dispatch,
            prefilter,
            config,
            no_prefilter: std::env::var_os("BACKLINT_DEBUG_NO_PREFILTER").is_some_and(|v| v == "1"),
            panic_trigger: std::env::var("BACKLINT_DEBUG_PANIC_ON")
                .ok()
                .filter(|s| !s.is_empty()),
            overlay: BTreeMap::new(),
            rule_timing: false,
            force_exclude: true,
        }
    }

    /// Whether the configuration's `exclude` applies to files named on the command line
    /// (the default) or only to walked ones.
    pub fn set_force_exclude(&mut self, on: bool) {
        self.force_exclude = on;
    }

    /// Measures the time spent in each rule, reported in `Stats::by_rule`.
    pub fn set_rule_timing(&mut self, on: bool) {
        self.rule_timing = on;
    }

    /// A file's bytes after the per-file phase (project findings need their positions):
    /// the overlay when it stands for that file.
    fn read_again(&self, path: &Path, display: &str) -> Option<Vec<u8>> {
        match self.overlay.get(display) {
            Some(text) => Some(text.clone()),
            None => match root::read_bounded(path) {
                root::Read::Bytes(bytes) => Some(bytes),
                _ => None,
            },
        }
    }

    /// Lints `text` as the content of `path`, whatever is on disk (an editor's buffer,
    /// standard input, the staged content of a file).
    pub fn set_overlay(&mut self, path: &Path, text: Vec<u8>) {
        self.overlay.insert(display_path(path), text);
    }

    pub fn enabled_rule_ids(&self) -> Vec<&'static str> {
        self.enabled.iter().map(|e| RULES[e.index].id).collect()
    }

    /// Lints the paths. When files are named explicitly, the whole project around them is
    /// read (so cross-file rules see it) and findings are reported only for the paths given.
    pub fn run(&self, paths: &[PathBuf], threads: usize) -> RunOutput {
        let mut output = RunOutput::default();
        let started = Instant::now();
        let scope = Scope::new(paths);
        let boundary = Boundary::new(&scope.walk_roots);
        let mut discovery = discover::discover(&scope.walk_roots, threads);
        if scope.report_only.is_some() {
            // Explicit files are linted even when ignored; mark them as such.
            let explicit = discover::discover(paths, threads);
            for input in explicit.inputs.into_iter().filter(|i| i.explicit) {
                let display = display_path(&input.path);
                discovery
                    .inputs
                    .retain(|i| display_path(&i.path) != display);
                discovery.inputs.push(input);
            }
            discovery.inputs.sort();
        }
        output.stats.discovery = started.elapsed();
        output.notes.extend(discovery.errors.iter().cloned());
        // A named file is a link at most (the walk follows none): it is read when what it
        // leads to lies inside the project.
        let mut outside = Vec::new();
        let inputs: Vec<Input> = discovery
            .inputs
            .into_iter()
            .filter(|i| (i.explicit && !self.force_exclude) || !self.config.is_excluded(&i.path))
            .filter(|i| {
                if !i.explicit || self.overlay.contains_key(&display_path(&i.path)) {
                    return true;
                }
                match boundary.admit(&i.path) {
                    Err(Refusal::OutsideProject { resolved }) => {
                        outside.push(format!(
                            "warning: {}: not read: it leads to {}, outside the project",
                            display_path(&i.path),
                            resolved.display()
                        ));
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        output.notes.extend(outside);

        let atomic = AtomicStats::new(self.enabled.len());
        let lint_started = Instant::now();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .ok();
        let lint_all = |inputs: &[Input]| -> Vec<FileResult> {
            let lint = || -> Vec<FileResult> {
                inputs
                    .par_iter()
                    // One job per file, every one of them stealable: the cost of a file ranges
                    // from a byte check to a parse of 300 KB, and without this a thread can be
                    // left folding a long run of heavy files (a `driver/` directory) while the
                    // other idles (lint wall time on typeorm: 0.66 s → 0.55 s on 2 threads).
                    .with_max_len(1)
                    .map(|input| {
                        let reported = scope.reports(&display_path(&input.path));
                        self.lint_file(input, &scope.walk_roots, reported, &atomic)
                    })
                    .collect()
            };
            match &pool {
                Some(pool) => pool.install(lint),
                None => lint(),
            }
        };
        let mut results = lint_all(&inputs);
        // Files pulled in by others (Caddy `import`, compose `include` and `env_file`) are
        // read as what their importer makes them, which their name may not tell: a second
        // round lints those not yet linted that way, and so on for what they pull in.
        let mut followed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut refused = Vec::new();
        for _ in 0..MAX_IMPORT_ROUNDS {
            let wanted = self.referenced_inputs(
                &mut results,
                &scope,
                &boundary,
                &mut followed,
                &mut refused,
            );
            if wanted.is_empty() {
                break;
            }
            let again: BTreeSet<PathBuf> = wanted.iter().map(|i| normalize(&i.path)).collect();
            results.retain(|r| !again.contains(&normalize(&r.path)));
            results.extend(lint_all(&wanted));
        }
        output.stats.lint_wall = lint_started.elapsed();
        output.stats.threads = threads;

        let mut project_files = Vec::new();
        let mut suppressions: BTreeMap<Arc<str>, (Standing, Vec<Suppression>)> = BTreeMap::new();
        for result in results {
            let reported = scope.reports(&result.display);
            match result.outcome {
                Outcome::Linted { kind, bytes } => {
                    if reported {
                        output.files_checked += 1;
                        output.checked.push(result.display.clone());
                        let entry = output.stats.files_by_kind.entry(kind.name()).or_default();
                        entry.0 += 1;
                        entry.1 += bytes;
                    }
                }
                Outcome::NotApplicable => {}
                Outcome::Binary(share) => {
                    output.stats.skipped_binary += 1;
                    if reported {
                        output.notes.push(format!(
                            "note: {}: skipped: binary file ({share} % of its first {} bytes are NUL)",
                            result.display,
                            lang::BINARY_SNIFF_LEN
                        ));
                    }
                }
                Outcome::TooLarge(size) => {
                    output.stats.skipped_large += 1;
                    if reported {
                        output.notes.push(format!(
                            "note: {}: skipped: {} bytes is over the {} byte limit",
                            result.display, size, MAX_FILE_SIZE
                        ));
                    }
                }
                Outcome::NotRegular => {
                    output.stats.unreadable += 1;
                    if reported {
                        output.notes.push(format!(
                            "note: {}: skipped: not a regular file",
                            result.display
                        ));
                    }
                }
                Outcome::Unreadable(err) => {
                    output.stats.unreadable += 1;
                    if reported {
                        output
                            .notes
                            .push(format!("warning: {}: cannot read: {err}", result.display));
                    }
                }
            }
            if let Some(facts) = result.facts {
                project_files.push(facts);
            }
            // A file read as context may hold a project finding that is reported because it
            // involves a named file: its suppressions apply to it.
            if let Some(entry) = result.suppressions {
                suppressions.insert(result.display.clone(), entry);
            }
            if !reported {
                continue;
            }
            if let Some(text) = result.text {
                output.sources.insert(result.display.clone(), text);
            }
            output.findings.extend(result.findings);
        }

        let project_started = Instant::now();
        let project = Project::new(project_files);
        self.check_project(&project, &scope, refused, &mut output);
        output.stats.project = project_started.elapsed();
        self.apply_overrides(&mut output);
        self.apply_suppressions(suppressions, &scope, &mut output);

        output.stats.read = Duration::from_nanos(atomic.read.load(Ordering::Relaxed));
        output.stats.prefilter = Duration::from_nanos(atomic.prefilter.load(Ordering::Relaxed));
        output.stats.parse = Duration::from_nanos(atomic.parse.load(Ordering::Relaxed));
        output.stats.rules = Duration::from_nanos(atomic.rules.load(Ordering::Relaxed));
        output.stats.parsed = atomic.parsed.load(Ordering::Relaxed);
        output.stats.skipped_prefilter = atomic.skipped_prefilter.load(Ordering::Relaxed);
        output.stats.test_code = atomic.test_code.load(Ordering::Relaxed);
        output.stats.parsed_bytes = atomic.parsed_bytes.load(Ordering::Relaxed);
        output.stats.parsed_for_facts = atomic.parsed_for_facts.load(Ordering::Relaxed);
        output.stats.by_rule = self
            .enabled
            .iter()
            .enumerate()
            .map(|(slot, e)| {
                (
                    RULES[e.index].id,
                    atomic.rule_files[slot].load(Ordering::Relaxed),
                    Duration::from_nanos(atomic.rule_nanos[slot].load(Ordering::Relaxed)),
                )
            })
            .collect();
        sort_findings(&mut output.findings);
        // Two findings of one rule on the same range say the same thing (a project rule can
        // reach one place through two services): keep the first.
        output
            .findings
            .dedup_by(|b, a| a.rule == b.rule && a.path == b.path && a.range == b.range);
        assign_fingerprints(&mut output);
        output
    }

    /// The files the linted ones pull in that must be linted (again) the way their importer
    /// reads them: Caddy `import` globs (records what each resolves to in the importer's
    /// facts), compose `include` paths and services' `env_file`s. Only files under the walked
    /// roots, not excluded, not of another kind by name, and each followed once.
    /// A reference that leads out of the project (an absolute path, `..`, a link) is not
    /// followed: it becomes a diagnostic on the referencing line, in `refused`, which never
    /// shows what the target holds. So is a reference to a file the project's ignore files
    /// leave out and git does not track, silently, as the walk skips it.
    fn referenced_inputs(
        &self,
        results: &mut [FileResult],
        scope: &Scope,
        boundary: &Boundary,
        followed: &mut BTreeSet<PathBuf>,
        refused: &mut Vec<Diagnostic>,
    ) -> Vec<Input> {
        let linted: BTreeMap<PathBuf, (FileKind, bool)> = results
            .iter()
            .map(|r| (normalize(&r.path), (r.kind, r.fragment)))
            .collect();
        // Path → (kind, read as a fragment): a file imported both at the top level and
        // inside a block is read as a whole Caddyfile.
        let mut wanted: BTreeMap<PathBuf, (FileKind, bool)> = BTreeMap::new();
        for result in results.iter_mut() {
            let Some(pf) = result.facts.as_mut() else {
                continue;
            };
            let dir = pf.path.parent().map(Path::to_path_buf).unwrap_or_default();
            let first_visit = !followed.contains(&normalize(&pf.path));
            let mut refuse = |refusal: Refusal, written: &str, range: &Range<usize>| {
                if let (Refusal::OutsideProject { .. }, true) = (refusal, first_visit) {
                    refused.push(outside_project(&pf.display, written, range.clone()));
                }
            };
            if let Some(caddy) = &pf.facts.caddy {
                let mut resolved = Vec::new();
                for import in &caddy.imports {
                    if caddy.defines_snippet(&import.pattern.text) {
                        continue;
                    }
                    let mut outside = None;
                    for path in discover::caddy_import_matches(&pf.path, &import.pattern.text) {
                        let path = normalize(&path);
                        if path == normalize(&pf.path) {
                            continue;
                        }
                        match boundary.admit(&path) {
                            Ok(real) if boundary.is_ignored(&real) => continue,
                            Ok(_) => {}
                            Err(refusal) => {
                                outside.get_or_insert(refusal);
                                continue;
                            }
                        }
                        let entry = wanted
                            .entry(path.clone())
                            .or_insert((FileKind::Caddy, import.in_block));
                        if entry.0 == FileKind::Caddy {
                            entry.1 &= import.in_block;
                        }
                        resolved.push(path);
                    }
                    if let Some(refusal) = outside {
                        refuse(refusal, &import.pattern.text, &import.pattern.range);
                    }
                }
                resolved.sort();
                resolved.dedup();
                pf.facts.caddy_imports = resolved;
            }
            if let Some(compose) = &pf.facts.compose {
                let includes = compose.includes.iter().flat_map(|i| i.paths.iter());
                let env_files = compose.services.iter().flat_map(|s| s.env_file.iter());
                for (kind, file) in includes
                    .map(|p| (FileKind::Compose, p))
                    .chain(env_files.map(|p| (FileKind::Env, p)))
                {
                    if file.value.contains('$') {
                        continue;
                    }
                    let path = normalize(&dir.join(&file.value));
                    match boundary.admit(&path) {
                        Ok(real) if boundary.is_ignored(&real) => {}
                        Ok(_) => {
                            wanted.entry(path).or_insert((kind, false));
                        }
                        Err(refusal) => refuse(refusal, &file.value, &file.range),
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (path, (kind, fragment)) in wanted {
            if linted.get(&path) == Some(&(kind, fragment)) || followed.contains(&path) {
                continue;
            }
            // A file whose name says it is something else is not read as Caddy config or
            // compose; a YAML file not named like a compose file is, when included.
            let by_name = discover::kind_for_walk(&path);
            let fits = match kind {
                FileKind::Caddy => matches!(by_name, None | Some(FileKind::Caddy)),
                FileKind::Compose => {
                    matches!(by_name, Some(FileKind::Compose) | Some(FileKind::K8s))
                }
                FileKind::Env => matches!(by_name, None | Some(FileKind::Env)),
                _ => false,
            };
            if !fits
                || !scope.walk_roots.iter().any(|r| is_within(r, &path))
                || self.config.is_excluded(&path)
            {
                continue;
            }
            followed.insert(path.clone());
            out.push(Input {
                path,
                kind,
                explicit: false,
                fragment,
            });
        }
        out
    }

    /// Runs every enabled project rule once, then resolves its findings' positions by
    /// reading the files they point into.
    fn check_project(
        &self,
        project: &Project,
        scope: &Scope,
        refused: Vec<Diagnostic>,
        output: &mut RunOutput,
    ) {
        let mut findings = Findings::new();
        findings.items = refused;
        let mut panicked = Vec::new();
        let cx = ProjectContext::new(project);
        for enabled in &self.enabled {
            let entry = &RULES[enabled.index];
            findings.start_rule(entry.id, enabled.severity);
            IN_RULE.with(|c| c.set(true));
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                entry.rule.check_project(&cx, &mut findings)
            }));
            IN_RULE.with(|c| c.set(false));
            if let Err(payload) = outcome {
                panicked.push((entry.id, panic_message(payload.as_ref())));
            }
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
            let Some(pf) = project.files.iter().find(|f| f.display == display) else {
                continue;
            };
            let Some(bytes) = self.read_again(&pf.path, &display) else {
                continue;
            };
            let file = SourceFile::new(pf.path.clone(), display.to_string(), bytes);
            let mut texts: BTreeMap<Arc<str>, SourceFile> = BTreeMap::new();
            for d in diagnostics {
                // Labels in other files need those files' positions too.
                for label in &d.labels {
                    if let Some(other) = label.file.as_ref().filter(|o| **o != display) {
                        if !texts.contains_key(other) {
                            if let Some(of) = project.files.iter().find(|f| f.display == *other) {
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

    /// Per-path rule settings of the configuration's `overrides`.
    fn apply_overrides(&self, output: &mut RunOutput) {
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
    /// unknown rules or lack a required reason.
    fn apply_suppressions(
        &self,
        suppressions: BTreeMap<Arc<str>, (Standing, Vec<Suppression>)>,
        scope: &Scope,
        output: &mut RunOutput,
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
        output.findings.retain(|f| {
            let Some((_, list)) = suppressions.get(&f.path) else {
                return true;
            };
            for (i, s) in list.iter().enumerate() {
                let applies = match s.scope {
                    suppress::Scope::File => true,
                    suppress::Scope::Line(line) => line == f.start.line,
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
        // Whether the rule checked a file of this test status: a rule that is off or does
        // not check test files cannot use a suppression in one.
        let checks = |id: &str, standing: Standing| {
            self.enabled
                .iter()
                .find(|e| RULES[e.index].id == id)
                .is_some_and(|e| !standing.skipped_by(e))
        };
        let severity_of = |id: &str| {
            self.enabled
                .iter()
                .find(|e| RULES[e.index].id == id)
                .map(|e| e.severity)
        };
        let unused_severity = severity_of("unused-suppression");
        let invalid_severity = severity_of("invalid-suppression");
        for (path, (standing, list)) in &suppressions {
            // Only the files reported on have their suppressions judged.
            if !scope.reports(path) {
                continue;
            }
            let Some(text) = output.sources.get(path).cloned() else {
                continue;
            };
            let lines = crate::source::LineIndex::new(&text);
            let at = |range: &Range<usize>| {
                (
                    lines.position(&text, range.start),
                    lines.position(&text, range.end),
                )
            };
            let mut add = |rule: &'static str,
                           severity: Severity,
                           range: &Range<usize>,
                           message: String,
                           help: &str| {
                let (start, end) = at(range);
                output.findings.push(Finding {
                    rule,
                    severity,
                    path: path.clone(),
                    range: range.clone(),
                    start,
                    end,
                    message,
                    help: Some(help.to_string()),
                    labels: Vec::new(),
                    fingerprint: String::new(),
                });
            };
            for (i, s) in list.iter().enumerate() {
                if let Some(severity) = invalid_severity {
                    if self.config.require_suppression_reason && s.reason.is_none() {
                        add(
                            "invalid-suppression",
                            severity,
                            &s.range,
                            "suppression without a reason".into(),
                            "say why after `--`: `backlint-ignore RULE -- reason`",
                        );
                    }
                }
                for (j, (id, range)) in s.rules.iter().enumerate() {
                    if rules::index_of(id).is_none() && !ENGINE_FINDINGS.contains(&id.as_str()) {
                        if let Some(severity) = invalid_severity {
                            let hint = rules::suggest(id)
                                .map_or(String::new(), |r| format!("; did you mean `{r}`?"));
                            add(
                                "invalid-suppression",
                                severity,
                                range,
                                format!("unknown rule `{id}` in suppression{hint}"),
                                "use a rule id from `backlint rules`",
                            );
                        }
                        continue;
                    }
                    let Some(severity) = unused_severity else {
                        continue;
                    };
                    let flags = used.get(path).is_some_and(|f| f[i][j]);
                    if !flags && checks(id, *standing) {
                        add(
                            "unused-suppression",
                            severity,
                            range,
                            format!("unused suppression: `{id}` reports nothing here"),
                            "remove it (the code was fixed or the finding moved)",
                        );
                    }
                }
            }
        }
        sort_findings(&mut output.findings);
    }

    /// Lints one file. A file read only as context for the files reported (a partial run)
    /// gives its facts to the project but runs no per-file rule.
    fn lint_file(
        &self,
        input: &Input,
        roots: &[PathBuf],
        reported: bool,
        stats: &AtomicStats,
    ) -> FileResult {
        let display: Arc<str> = Arc::from(display_path(&input.path));
        let mut result = FileResult {
            display: display.clone(),
            path: input.path.clone(),
            kind: input.kind,
            fragment: input.fragment,
            outcome: Outcome::NotApplicable,
            findings: Vec::new(),
            text: None,
            facts: None,
            suppressions: None,
        };
        let read_started = Instant::now();
        let read = match self.overlay.get(&*display) {
            Some(text) if text.len() as u64 > MAX_FILE_SIZE => {
                root::Read::TooLarge(text.len() as u64)
            }
            Some(text) => root::Read::Bytes(text.clone()),
            None => root::read_bounded(&input.path),
        };
        let bytes = match read {
            root::Read::Bytes(b) => b,
            root::Read::TooLarge(size) => {
                result.outcome = Outcome::TooLarge(size);
                return result;
            }
            root::Read::NotRegular => {
                result.outcome = Outcome::NotRegular;
                return result;
            }
            root::Read::Unreadable(err) => {
                result.outcome = Outcome::Unreadable(err.to_string());
                return result;
            }
        };
        add(&stats.read, read_started);
        if let Some(share) = lang::binary_share(&bytes) {
            result.outcome = Outcome::Binary(share);
            return result;
        }
        if input.kind == FileKind::K8s && !looks_like_manifest(&bytes) {
            return result;
        }
        if input.kind == FileKind::PackageJson {
            let text = String::from_utf8_lossy(&bytes);
            if let Some(package) = PackageFacts::parse(&text) {
                result.facts = Some(ProjectFile {
                    display,
                    path: input.path.clone(),
                    kind: input.kind,
                    facts: FileFacts {
                        package: Some(package),
                        ..FileFacts::default()
                    },
                });
            }
            return result;
        }
        result.outcome = Outcome::Linted {
            kind: input.kind,
            bytes: bytes.len() as u64,
        };

        let prefilter_started = Instant::now();
        let lang_bit = input.kind.lang().map_or(0, |l| 1u16 << (l as u16));
        // Test paths and roles are matched relative to the root the file was found under.
        let relative = relative_to_roots(&input.path, roots);
        let test_status = match self.config.is_test_file(relative) {
            false => TestStatus::NotTest,
            true if input.kind.grammar().is_some()
                && uses_test_framework(&bytes, input.kind == FileKind::Py) =>
            {
                stats.test_code.fetch_add(1, Ordering::Relaxed);
                TestStatus::TestCode
            }
            true => TestStatus::TestFile,
        };
        let roles = self.config.roles_of(
            relative,
            &bytes,
            input.kind.grammar().map(|g| g == Grammar::Py),
        );
        let standing = Standing {
            test: test_status,
            roles,
            code: input.kind.grammar().is_some(),
        };
        // For parsed languages, only rules that look at syntax nodes make a parse worth it.
        let candidates: Vec<usize> = (0..self.enabled.len())
            .filter(|s| self.enabled[*s].languages & lang_bit != 0)
            .filter(|s| !standing.skipped_by(&self.enabled[*s]))
            .filter(|s| match input.kind.grammar() {
                Some(Grammar::Py) => !RULES[self.enabled[*s].index]
                    .rule
                    .py_node_kinds()
                    .is_empty(),
                Some(_) => {
                    let rule = RULES[self.enabled[*s].index].rule;
                    !rule.js_node_kinds().is_empty() || rule.uses_express_facts()
                }
                None => true,
            })
            .collect();
        let prefiltered = if self.no_prefilter {
            candidates
        } else {
            let mut matched = self.prefilter.active(&bytes, &candidates);
            let prescan = Prescan::new(&bytes, input.kind, &input.path);
            matched.retain(|s| RULES[self.enabled[*s].index].rule.may_match(&prescan));
            matched
        };
        // Cross-file rules need the facts of context files too (partial runs).
        let collect_express = input.kind.grammar().is_some_and(|g| g != Grammar::Py)
            && prefiltered
                .iter()
                .any(|s| RULES[self.enabled[*s].index].rule.uses_express_facts());
        let active = if reported { prefiltered } else { Vec::new() };
        add(&stats.prefilter, prefilter_started);
        // Configuration files always give their facts to the project index, and so does app
        // code that starts a server (minified code gives none).
        let collect_listens = !roles.generated
            && input
                .kind
                .grammar()
                .is_some_and(|g| has_listen_call(&bytes, g == Grammar::Py));
        // The environment rules skip test files, and a check a test, a script or the
        // browser makes does not run when the app starts: their environment reads are no
        // project fact.
        let collect_env = input.kind.grammar().is_some()
            && test_status == TestStatus::NotTest
            && roles.runs_with_the_app()
            && !roles.generated
            && env_reads::may_read_env(&bytes);
        let has_facts = collect_listens
            || collect_env
            || collect_express
            || matches!(
                input.kind,
                FileKind::Compose
                    | FileKind::Caddy
                    | FileKind::Env
                    | FileKind::Docker
                    | FileKind::K8s
            );
        let has_suppressions = contains_suppression(&bytes);
        if active.is_empty() && !has_facts && !has_suppressions {
            stats.skipped_prefilter.fetch_add(1, Ordering::Relaxed);
            return result;
        }

        let file = SourceFile::new(input.path.clone(), display.to_string(), bytes);
        let mut run = FileRun {
            engine: self,
            active: vec![false; self.enabled.len()],
            nanos: if self.rule_timing {
                vec![0; self.enabled.len()]
            } else {
                Vec::new()
            },
            findings: Findings::new(),
            panicked: Vec::new(),
            trigger_panic: self
                .panic_trigger
                .as_deref()
                .is_some_and(|t| file.display.contains(t)),
        };
        for slot in &active {
            run.active[*slot] = true;
            stats.rule_files[*slot].fetch_add(1, Ordering::Relaxed);
        }
        if active.is_empty() {
            stats.parsed_for_facts.fetch_add(1, Ordering::Relaxed);
        }
        let mut facts = FileFacts::default();
        self.check_file(
            &file,
            input,
            &mut run,
            &mut facts,
            Collect {
                listens: collect_listens,
                env: collect_env,
                express: collect_express,
            },
            stats,
        );
        for (slot, nanos) in run.nanos.iter().enumerate() {
            stats.rule_nanos[slot].fetch_add(*nanos, Ordering::Relaxed);
        }
        if !facts.is_empty() {
            result.facts = Some(ProjectFile {
                display: display.clone(),
                path: input.path.clone(),
                kind: input.kind,
                facts,
            });
        }

        let mut diagnostics = run.findings.items;
        for (slot, message) in run.panicked {
            diagnostics.push(Diagnostic {
                file: None,
                rule: "internal-error",
                severity: Severity::Error,
                range: 0..0,
                message: format!(
                    "internal error: rule `{}` failed on this file ({message}); other rules' findings are still reported",
                    RULES[self.enabled[slot].index].id
                ),
                labels: Vec::new(),
                help: Some("please report this with the file attached".into()),
            });
        }
        if has_suppressions {
            let found = suppress::parse(input.kind, &file.text);
            if !found.is_empty() {
                result.suppressions = Some((standing, found));
            }
        }
        if !diagnostics.is_empty() || result.suppressions.is_some() {
            result.findings = diagnostics
                .into_iter()
                .map(|d| resolve(d, &file, &display, &BTreeMap::new()))
                .collect();
            result.text = Some(Arc::from(file.text.as_str()));
        }
        result
    }

    fn check_file(
        &self,
        file: &SourceFile,
        input: &Input,
        run: &mut FileRun,
        facts: &mut FileFacts,
        collect: Collect,
        stats: &AtomicStats,
    ) {
        let kind = input.kind;
        if let Some(grammar) = kind.grammar() {
            // Flow-typed JavaScript (`// @flow`) reads correctly with the TSX grammar; the JS
            // grammar would recover around every type annotation.
            let grammar = if grammar == Grammar::Js && is_flow(&file.text) {
                Grammar::Tsx
            } else {
                grammar
            };
            let parse_started = Instant::now();
            let tree = match lang::parse(grammar, &file.text) {
                Ok(tree) => tree,
                Err(lang::ParseError::OverLimit(over)) => {
                    run.findings.items.push(internal_limit(format!(
                        "not checked: {over}; no rule looked at this file"
                    )));
                    return;
                }
                Err(lang::ParseError::Failed) => return,
            };
            add(&stats.parse, parse_started);
            stats.parsed.fetch_add(1, Ordering::Relaxed);
            stats
                .parsed_bytes
                .fetch_add(file.text.len() as u64, Ordering::Relaxed);
            let rules_started = Instant::now();
            let cx = TreeContext::new(file, kind, tree.root_node());
            let table = &self.dispatch.tables[grammar.index()];
            let python = grammar == Grammar::Py;
            // Servers are started by calls: the walk compares kind ids, not names.
            let calls = &self.dispatch.calls[grammar.index()];
            let mut extractor =
                (!python && collect.express).then(|| express::Extractor::new(&file.text));
            let mut env = collect
                .env
                .then(|| env_reads::EnvCollector::new(&file.text, python));
            let opaque = &self.dispatch.opaque[grammar.index()];
            let bytes = file.text.as_bytes();
            let witnesses = self.witness_bytes(run, collect, python);
            let pruning = &self.dispatch.pruning[grammar.index()];
            let complete = walk(
                tree.root_node(),
                |node| {
                    closed_for_walk(node, opaque, python, bytes)
                        || witnesses
                            .as_ref()
                            .is_some_and(|w| !may_hold_witnessed_kind(node, bytes, w, pruning))
                },
                |node| {
                    if let Some(extractor) = extractor.as_mut() {
                        extractor.visit(node);
                    }
                    if let Some(env) = env.as_mut() {
                        if python {
                            env.visit_py(node, &cx);
                        } else {
                            env.visit_js(node, &cx);
                        }
                    }
                    let is_call = calls.get(usize::from(node.kind_id())) == Some(&true);
                    if collect.listens && is_call {
                        let fact = if python {
                            listen::py_listen(node, &cx)
                        } else {
                            listen::js_listen(node, &cx)
                        };
                        facts.listens.extend(fact);
                    }
                    let Some(slots) = table.get(usize::from(node.kind_id())) else {
                        return;
                    };
                    for &slot in slots {
                        let slot = usize::from(slot);
                        run.invoke(slot, |rule, out| {
                            if grammar == Grammar::Py {
                                rule.check_py(node, &cx, out);
                            } else {
                                rule.check_js(node, &cx, out);
                            }
                        });
                    }
                },
            );
            add(&stats.rules, rules_started);
            if !complete {
                run.findings.items.push(internal_limit(format!(
                    "partly checked: code nested deeper than {MAX_VISITED_DEPTH} levels was not \
                     looked at by any rule"
                )));
            }
            facts.env_use = env.and_then(env_reads::EnvCollector::finish);
            facts.express = extractor.and_then(express::Extractor::finish);
            return;
        }
        let parse_started = Instant::now();
        // A byte order mark is no part of the configuration: the line-based formats read it
        // as blanks, which keeps every offset where it is in the file.
        let config_text = lang::blank_byte_order_mark(&file.text);
        match kind {
            FileKind::Env => {
                let env = dotenv::parse(&config_text);
                add(&stats.parse, parse_started);
                let rules_started = Instant::now();
                run.each_active(|rule, out| rule.check_env(file, &env, out));
                add(&stats.rules, rules_started);
                facts.env = Some(env);
            }
            FileKind::Compose | FileKind::K8s => {
                // A Helm template is not YAML until rendered: it is neither parsed nor linted.
                if kind == FileKind::K8s && file.text.contains("{{") {
                    return;
                }
                let parsed = yaml::parse(&file.text, &file.lines);
                add(&stats.parse, parse_started);
                let rules_started = Instant::now();
                match parsed {
                    Ok(docs) => {
                        if kind == FileKind::Compose {
                            if let Some(doc) = docs.first() {
                                let model = compose::model(doc, &file.text);
                                run.each_active(|rule, out| {
                                    rule.check_compose(file, doc, &model, out)
                                });
                                facts.compose = Some(model);
                            }
                        } else {
                            run.each_active(|rule, out| rule.check_k8s(file, &docs, out));
                            let env = crate::facts::k8s::env_facts(&docs);
                            let declares = env.workloads > 0 || !env.provides.is_empty();
                            facts.k8s_env = declares.then_some(env);
                        }
                    }
                    Err(err) => {
                        let end = (err.offset + 1).min(file.text.len()).max(err.offset);
                        run.each_active(|rule, out| {
                            rule.check_syntax_error(file, kind, err.offset..end, &err.message, out)
                        });
                    }
                }
                add(&stats.rules, rules_started);
            }
            FileKind::Docker => {
                let dockerfile = dockerfile::parse(&config_text);
                add(&stats.parse, parse_started);
                let rules_started = Instant::now();
                run.each_active(|rule, out| rule.check_dockerfile(file, &dockerfile, out));
                add(&stats.rules, rules_started);
                facts.docker = Some(dockerfile);
            }
            FileKind::Caddy => {
                let parsed = if input.fragment {
                    caddyfile::parse_fragment(&config_text)
                } else {
                    caddyfile::parse(&config_text)
                };
                add(&stats.parse, parse_started);
                let rules_started = Instant::now();
                match parsed {
                    Ok(caddy) => {
                        run.each_active(|rule, out| rule.check_caddyfile(file, &caddy, out));
                        facts.caddy = Some(caddy);
                    }
                    Err(err) => run.each_active(|rule, out| {
                        rule.check_syntax_error(file, kind, err.range.clone(), &err.message, out)
                    }),
                }
                add(&stats.rules, rules_started);
            }
            _ => {}
        }
    }
}

/// What a file is, as far as which rules check it: test code, code no request runs,
/// minified code.
#[derive(Clone, Copy, Debug)]
struct Standing {
    test: TestStatus,
    roles: Roles,
    /// JavaScript, TypeScript or Python: minified code is checked by no rule about code.
    code: bool,
}

impl Standing {
    fn skipped_by(self, rule: &Enabled) -> bool {
        rule.test_files.skips(self.test)
            || self.roles.skipped_by(rule.skipped_roles)
            || (self.code && self.roles.generated)
    }
}

/// The state of one file's rule invocations.
struct FileRun<'e> {
    engine: &'e Engine,
    active: Vec<bool>,
    /// Per slot: nanoseconds spent in the rule (empty when rule timing is off).
    nanos: Vec<u64>,
    findings: Findings,
    /// Rules that panicked on this file, with the panic message.
    panicked: Vec<(usize, String)>,
    trigger_panic: bool,
}

impl FileRun<'_> {
    /// Runs one rule under `catch_unwind`; a panic disables the rule for the rest of the file.
    fn invoke(&mut self, slot: usize, f: impl FnOnce(&dyn Rule, &mut Findings)) {
        if !self.active.get(slot).copied().unwrap_or(false) {
            return;
        }
        let enabled = self.engine.enabled[slot];
        let entry = &RULES[enabled.index];
        self.findings.start_rule(entry.id, enabled.severity);
        let trigger = std::mem::take(&mut self.trigger_panic);
        let findings = &mut self.findings;
        IN_RULE.with(|c| c.set(true));
        let started = (!self.nanos.is_empty()).then(Instant::now);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if trigger {
                panic!("panic requested by BACKLINT_DEBUG_PANIC_ON");
            }
            f(entry.rule, findings)
        }));
        if let (Some(started), Some(nanos)) = (started, self.nanos.get_mut(slot)) {
            *nanos += u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        }
        IN_RULE.with(|c| c.set(false));
        if let Err(payload) = outcome {
            self.active[slot] = false;
            self.panicked.push((slot, panic_message(payload.as_ref())));
        }
    }

    fn each_active(&mut self, mut f: impl FnMut(&dyn Rule, &mut Findings)) {
        for slot in 0..self.active.len() {
            self.invoke(slot, &mut f);
        }
    }
}

enum Outcome {
    Linted {
        kind: FileKind,
        bytes: u64,
    },
    NotApplicable,
    /// With the percentage of NUL bytes that made it binary.
    Binary(usize),
    TooLarge(u64),
    NotRegular,
    Unreadable(String),
}

struct FileResult {
    display: Arc<str>,
    /// The input's path, kind and reading, to tell whether a file pulled in by another was
    /// already linted the way its importer reads it.
    path: PathBuf,
    kind: FileKind,
    fragment: bool,
    /// The file's suppressions, and its test status (a rule that skips the file leaves its
    /// suppressions unused without making them wrong).
    suppressions: Option<(Standing, Vec<Suppression>)>,
    outcome: Outcome,
    facts: Option<ProjectFile>,
    findings: Vec<Finding>,
    text: Option<Arc<str>>,
}

/// Which facts to collect from a code file during its walk.
#[derive(Clone, Copy)]
struct Collect {
    listens: bool,
    env: bool,
    express: bool,
}

/// Nodes nested deeper than this are not shown to rules and collectors: no real code nests
/// so deep, and questions about such nodes (their ancestors) would cost the square of the
/// depth. The walk itself still visits them, iteratively.
const MAX_VISITED_DEPTH: u32 = 1_000;

/// Pre-order walk of the whole tree with one cursor, not stepping into `opaque` kinds.
/// False when named nodes lay deeper than `MAX_VISITED_DEPTH` and were not visited.
fn walk<'t>(
    root: Node<'t>,
    closed: impl Fn(Node<'t>) -> bool,
    mut visit: impl FnMut(Node<'t>),
) -> bool {
    let mut cursor = root.walk();
    // Counted here: asking the cursor for its depth costs the depth itself.
    let mut depth: u32 = 0;
    let mut complete = true;
    loop {
        let node = cursor.node();
        // Every consumer dispatches on named kinds: punctuation and keywords (about half
        // the nodes) are stepped over, not visited.
        if node.is_named() {
            if depth <= MAX_VISITED_DEPTH {
                visit(node);
            } else {
                complete = false;
            }
        }
        // Leaves are most nodes: asking for their child count is cheaper than asking the
        // cursor to step down and fail.
        let step_in = node.child_count() > 0 && !closed(node);
        if step_in && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return complete;
            }
            depth = depth.saturating_sub(1);
        }
    }
}

/// True when the walk does not step into `node`: its kind is opaque, and it is not a Python
/// f-string or template string (`f"..."`, `rf'...'`, `t"..."`: the prefix letters before the
/// first quote hold an `f` or a `t`), whose interpolations hold expressions.
fn closed_for_walk(node: Node, opaque: &[bool], python: bool, src: &[u8]) -> bool {
    if !opaque
        .get(usize::from(node.kind_id()))
        .copied()
        .unwrap_or(false)
    {
        return false;
    }
    !python
        || !src
            .get(node.start_byte()..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| !matches!(c, b'"' | b'\''))
            .any(|c| matches!(c, b'f' | b'F' | b't' | b'T'))
}

/// For each Python node kind the walk may prune for: bytes one of which its text always
/// holds. A call has its `(`; a `for` statement, `if`, class, decorated definition's `def` and
/// pair their `:`; a comprehension's `for` clause has the brackets around it below any node
/// that holds it; a keyword argument its `=`, an assignment its `=` or annotation `:`; a
/// subscript its `[`, a string its quote, an interpolation its `{`, a decorated definition
/// its `@`. `module` is the root: it is never below another node.
const PY_WITNESSES: &[(&str, &[u8])] = &[
    ("module", b""),
    ("call", b"("),
    ("for_statement", b":"),
    ("for_in_clause", b"([{"),
    ("keyword_argument", b"="),
    ("assignment", b"=:"),
    ("pair", b":"),
    ("string", b"'\""),
    ("interpolation", b"{"),
    ("decorated_definition", b"@"),
    ("subscript", b"["),
    ("if_statement", b":"),
    ("class_definition", b":"),
];

/// For each JavaScript / TypeScript node kind the walk may prune for: bytes one of which
/// lies between the start and the end of any `JS_PRUNABLE_KINDS` node that holds one. Most
/// are the node's own: a call's `(` (or the backtick of a tagged template), an arrow's `=>`,
/// a function's `(` and `{`, an assignment's `=`, a member access's `.`, a subscript's `[`,
/// a pair's `:`, a string's quote. Statements, declarations and class members are below an
/// expression only inside a function or class body, so such a node holds that body's `{`.
/// `program` is the root.
const JS_WITNESSES: &[(&str, &[u8])] = &[
    ("program", b""),
    ("call_expression", b"(`"),
    ("arrow_function", b"="),
    ("function_expression", b"({"),
    ("function", b"({"),
    ("generator_function", b"({"),
    ("method_definition", b"({"),
    ("function_declaration", b"{"),
    ("generator_function_declaration", b"{"),
    ("class_declaration", b"{"),
    ("import_statement", b"{"),
    ("export_statement", b"{"),
    ("throw_statement", b"{"),
    ("if_statement", b"{"),
    ("variable_declarator", b"{"),
    ("public_field_definition", b"{"),
    ("field_definition", b"{"),
    ("assignment_expression", b"="),
    ("member_expression", b"."),
    ("subscript_expression", b"["),
    ("pair", b":"),
    ("string", b"'\""),
    ("template_string", b"`"),
];

/// JavaScript / TypeScript kinds whose children are expressions, patterns, types and
/// tokens, never a statement, declaration or class member: the only kinds the walk judges
/// by their text. (A block, a class body, a declaration list or an `else` may hold a
/// statement directly, without a `{` of its own below them.)
const JS_PRUNABLE_KINDS: &[&str] = &[
    "expression_statement",
    "return_statement",
    "variable_declarator",
    "arguments",
    "array",
    "object",
    "pair",
    "parenthesized_expression",
    "member_expression",
    "subscript_expression",
    "call_expression",
    "new_expression",
    "binary_expression",
    "unary_expression",
    "update_expression",
    "ternary_expression",
    "await_expression",
    "yield_expression",
    "assignment_expression",
    "augmented_assignment_expression",
    "sequence_expression",
    "spread_element",
    "template_string",
    "template_substitution",
    "arrow_function",
    "formal_parameters",
    "required_parameter",
    "optional_parameter",
    "object_pattern",
    "array_pattern",
    "assignment_pattern",
    "object_assignment_pattern",
    "pair_pattern",
    "rest_pattern",
    "computed_property_name",
    "as_expression",
    "satisfies_expression",
    "non_null_expression",
    "type_annotation",
    "type_arguments",
];

/// Nodes longer than this are stepped into without looking at their text: the look is
/// bounded, so a deep chain of long nodes cannot make the walk quadratic.
const WITNESS_LOOK_LIMIT: usize = 256;

impl Engine {
    /// The witness bytes of every node kind looked at in this file by its active rules and
    /// collectors, or `None` when one of those kinds has none (`PY_WITNESSES`,
    /// `JS_WITNESSES`). A prunable node whose text holds none of these bytes has nothing
    /// below it to visit.
    fn witness_bytes(&self, run: &FileRun, collect: Collect, python: bool) -> Option<[bool; 256]> {
        let witnesses = if python { PY_WITNESSES } else { JS_WITNESSES };
        let mut table = [false; 256];
        let mut add = |kinds: &[&str]| -> Option<()> {
            for kind in kinds {
                let (_, bytes) = witnesses.iter().find(|(k, _)| k == kind)?;
                for b in *bytes {
                    table[usize::from(*b)] = true;
                }
            }
            Some(())
        };
        if collect.env {
            add(if python {
                env_reads::PY_VISITED
            } else {
                env_reads::JS_VISITED
            })?;
        }
        if collect.listens {
            add(&[if python { "call" } else { "call_expression" }])?;
        }
        if collect.express && !python {
            add(express::VISITED_KINDS)?;
            add(lang::js::FUNCTION_KINDS)?;
        }
        for (slot, active) in run.active.iter().enumerate() {
            if *active {
                let rule = RULES[self.enabled[slot].index].rule;
                add(if python {
                    rule.py_node_kinds()
                } else {
                    rule.js_node_kinds()
                })?;
            }
        }
        Some(table)
    }
}

/// Python node kinds whose first and last bytes are their own brackets, which no node below
/// them holds: only the text between is looked at. Not the comprehensions, whose brackets
/// are the witnesses of the `for` clause inside. (A generator given as the only argument,
/// `f(x for x in y)`, is a `generator_expression` that owns the parentheses, not an argument
/// list.)
const PY_BRACKETED_KINDS: &[(&str, u8, u8)] = &[
    ("argument_list", b'(', b')'),
    ("parameters", b'(', b')'),
    ("list", b'[', b']'),
    ("tuple", b'(', b')'),
    ("dictionary", b'{', b'}'),
    ("set", b'{', b'}'),
    ("parenthesized_expression", b'(', b')'),
];

/// The same for JavaScript / TypeScript.
const JS_BRACKETED_KINDS: &[(&str, u8, u8)] = &[
    ("arguments", b'(', b')'),
    ("formal_parameters", b'(', b')'),
    ("array", b'[', b']'),
    ("object", b'{', b'}'),
    ("parenthesized_expression", b'(', b')'),
    ("object_pattern", b'{', b'}'),
    ("array_pattern", b'[', b']'),
];

/// False when nothing below `node` can be of a kind whose witness bytes are `witnesses`: it
/// is of a prunable kind, holds no syntax error, and its text (inside the brackets for
/// bracketed kinds, when they are there) is short and holds none of them.
fn may_hold_witnessed_kind(
    node: Node,
    src: &[u8],
    witnesses: &[bool; 256],
    pruning: &Pruning,
) -> bool {
    let kind = usize::from(node.kind_id());
    if node.byte_range().len() > WITNESS_LOOK_LIMIT
        || pruning.prunable.get(kind) != Some(&true)
        || node.has_error()
    {
        return true;
    }
    let Some(mut text) = src.get(node.byte_range()) else {
        return true;
    };
    if let Some(Some((open, close))) = pruning.brackets.get(kind) {
        if let [first, inside @ .., last] = text {
            if first == open && last == close {
                text = inside;
            }
        }
    }
    text.iter().any(|c| witnesses[usize::from(*c)])
}

/// A Flow pragma in the file's leading comment.
fn is_flow(text: &str) -> bool {
    let head = &text[..crate::source::clamp_to_char_boundary(text, 1024)];
    head.contains("@flow")
}

/// True when a code file is written with a test framework: a call of `describe`, `it`,
/// `test`, `suite`, `beforeEach` … (Mocha, Jest, Vitest, Jasmine, Playwright, `node:test`,
/// also as `describe.only(` or `test.each(`), or a pytest or unittest test. Asked only of files
/// under the test paths, so the scan costs nothing elsewhere.
fn uses_test_framework(bytes: &[u8], python: bool) -> bool {
    if python {
        const MARKS: &[&[u8]] = &[
            b"def test_",
            b"import pytest",
            b"from pytest",
            b"import unittest",
            b"from unittest",
            b"TestCase",
        ];
        return MARKS
            .iter()
            .any(|mark| memchr::memmem::find(bytes, mark).is_some());
    }
    const CALLS: &[&[u8]] = &[
        b"describe",
        b"it",
        b"test",
        b"suite",
        b"beforeEach",
        b"beforeAll",
        b"afterEach",
        b"afterAll",
    ];
    const MODIFIERS: &[&[u8]] = &[
        b"only",
        b"skip",
        b"each",
        b"todo",
        b"concurrent",
        b"serial",
        b"describe",
    ];
    let is_word = crate::lang::js_scan::is_ident_byte;
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        i
    };
    CALLS.iter().any(|name| {
        memchr::memmem::find_iter(bytes, name).any(|at| {
            if at > 0 && (is_word(bytes[at - 1]) || bytes[at - 1] == b'.') {
                return false;
            }
            let after = skip_space(at + name.len());
            match bytes.get(after) {
                Some(b'(') => true,
                Some(b'.') => {
                    let from = skip_space(after + 1);
                    MODIFIERS.iter().any(|m| {
                        bytes[from..].starts_with(m)
                            && !bytes.get(from + m.len()).is_some_and(|c| is_word(*c))
                    })
                }
                _ => false,
            }
        })
    })
}

/// True when a file has an inline suppression.
fn contains_suppression(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"backlint-ignore").is_some()
}

/// True when app code may start a server (a cheap byte check before collecting facts): the
/// callees `listen::js_listen` and `listen::py_listen` accept. In Python these are a few
/// whole callee texts; `.run(` alone is in many files that start no server.
fn has_listen_call(bytes: &[u8], python: bool) -> bool {
    if !python {
        // `.listen(`, `.listen (`, `.listen\n(`.
        return memchr::memmem::find_iter(bytes, b".listen").any(|at| {
            bytes[at + 7..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|c| *c == b'(')
        });
    }
    const RUNS: &[&[u8]] = &[
        b"uvicorn.run",
        b"hypercorn.run",
        b"app.run",
        b"application.run",
        b"socketio.run",
    ];
    // Every callee names `run`: look for it, then at what surrounds it.
    memchr::memmem::find_iter(bytes, b"run").any(|at| {
        bytes[at..].starts_with(b"run_app")
            || RUNS.iter().any(|callee| bytes[..at + 3].ends_with(callee))
    })
}

/// A YAML file is read as a Kubernetes manifest when it has top-level `apiVersion` and `kind`.
fn looks_like_manifest(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut api = false;
    let mut kind = false;
    for line in text.trim_start_matches('\u{feff}').lines() {
        api |= line.starts_with("apiVersion:");
        kind |= line.starts_with("kind:");
    }
    api && kind
}

/// A path relative to the root it was found under (the nearest).
fn relative_to_roots<'p>(path: &'p Path, roots: &[PathBuf]) -> &'p Path {
    roots
        .iter()
        .filter_map(|r| {
            let r = r.strip_prefix(".").unwrap_or(r);
            path.strip_prefix(".").unwrap_or(path).strip_prefix(r).ok()
        })
        .min_by_key(|p| p.components().count())
        .unwrap_or(path)
}

/// Findings the engine reports itself, not a rule: they can be suppressed like a rule's.
pub const ENGINE_FINDINGS: [&str; 3] = ["internal-error", "internal-limit", "outside-project"];

/// A file, or part of one, that backlint did not check because it is over one of its
/// limits: reported as a finding so that no format loses it, at the file's start.
fn internal_limit(message: String) -> Diagnostic {
    Diagnostic {
        file: None,
        rule: "internal-limit",
        severity: Severity::Warning,
        range: 0..0,
        message,
        labels: Vec::new(),
        help: Some(
            "backlint checks the rest of the project; split or simplify the file to have it checked".into(),
        ),
    }
}

/// A file reference that backlint does not follow because it leads out of the project. It
/// names the reference as written, never what the target holds.
fn outside_project(file: &Arc<str>, written: &str, range: Range<usize>) -> Diagnostic {
    Diagnostic {
        file: Some(file.clone()),
        rule: "outside-project",
        severity: Severity::Info,
        range,
        message: format!(
            "`{written}` is not read: it leads outside the project, and backlint reads only files inside it"
        ),
        labels: Vec::new(),
        help: Some(
            "keep referenced files inside the repository to have them checked; a path that only exists where the app is deployed cannot be checked here".into(),
        ),
    }
}

/// The path as shown: relative paths keep their form without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut s: &str = &text;
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// Resolves byte ranges into positions. Labels in other files use `others`; a label whose
/// file is not available is dropped.
fn resolve(
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
        fingerprint: String::new(),
    }
}

/// Which files a run walks and which it reports on.
struct Scope {
    walk_roots: Vec<PathBuf>,
    /// `None`: report everything walked. Otherwise the display paths of the files given and
    /// the directories given (reported with everything below them).
    report_only: Option<(Vec<String>, Vec<String>)>,
}

impl Scope {
    fn new(paths: &[PathBuf]) -> Scope {
        let has_file = paths.iter().any(|p| !p.is_dir());
        if !has_file {
            return Scope {
                walk_roots: paths.to_vec(),
                report_only: None,
            };
        }
        let files: Vec<String> = paths
            .iter()
            .filter(|p| !p.is_dir())
            .map(|p| display_path(p))
            .collect();
        let dirs: Vec<String> = paths
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| {
                let d = display_path(p);
                if d.is_empty() || d == "." {
                    String::new()
                } else {
                    format!("{}/", d.trim_end_matches('/'))
                }
            })
            .collect();
        let mut roots: Vec<PathBuf> = paths.iter().map(|p| root::project_root(p)).collect();
        roots.sort();
        roots.dedup();
        Scope {
            walk_roots: roots,
            report_only: Some((files, dirs)),
        }
    }

    fn reports(&self, display: &str) -> bool {
        match &self.report_only {
            None => true,
            Some((files, dirs)) => {
                files.iter().any(|f| f == display)
                    || dirs.iter().any(|d| display.starts_with(d.as_str()))
            }
        }
    }
}

/// True when `path` lies under `root`, compared lexically (`..` never climbs out).
fn is_within(root: &Path, path: &Path) -> bool {
    let root = normalize(root);
    let path = normalize(path);
    path.starts_with(&root)
        && path
            .components()
            .skip(root.components().count())
            .all(|c| !matches!(c, std::path::Component::ParentDir))
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
fn assign_fingerprints(output: &mut RunOutput) {
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
