//! One file: read, prefilter, parse, walk with its rules and fact collectors.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use super::cache::{self, CachedOutcome, Entry, EntryKey};
use super::project::resolve;
use super::stats::{AtomicStats, add, nanos_since};
use super::walk::{MAX_VISITED_DEPTH, walk};
use super::{Enabled, Engine, Finding, IN_RULE, MAX_FILE_SIZE, display_path, panic_message};
use crate::diagnostic::{Diagnostic, Findings, Severity};
use crate::discover::Input;
use crate::facts::collect::{CODE_COLLECTORS, CollectorRun, Demand, Gate};
use crate::facts::{FileFacts, PackageFacts, ProjectFile};
use crate::lang::pruning::{JS_WITNESSES, PY_WITNESSES, closed_for_walk, may_hold_witnessed_kind};
use crate::lang::{self, FileKind, Grammar, caddyfile, compose, dockerfile, dotenv, yaml};
use crate::roles::Roles;
use crate::root::{self};
use crate::rules::{Prescan, RULES, Rule, TestStatus, TreeContext};
use crate::source::SourceFile;
use crate::suppress::{self, Suppression};

impl Engine {
    /// Lints one file, or takes its result from the cache when nothing it depends on
    /// changed (`cache`). A file named on the command line is always linted afresh, and so
    /// is a text given in place of a file's content.
    pub(super) fn lint_file(
        &self,
        input: &Input,
        roots: &[PathBuf],
        reported: bool,
        stats: &AtomicStats,
    ) -> FileResult {
        let Some(cache) = &self.cache else {
            return self.lint_fresh(input, roots, reported, stats, None);
        };
        // With one configuration, no path need be made absolute to find it.
        let config_index = match self.configs.all().len() {
            0 | 1 => 0,
            _ => self.configs.index_for(&super::absolute_path(&input.path)),
        };
        let config_key = self.cache_keys.get(config_index).copied().unwrap_or(0);
        if self.is_overlaid(&input.path) {
            // A text in place of the file's content: its entry stays the file's, and only
            // tells whether the text links as the file does.
            let mut result = self.lint_fresh(input, roots, reported, stats, None);
            result.overlay_links_as_read = cache
                .peek(&input.path, input.kind, input.fragment)
                .is_some_and(|(entry, facts)| {
                    entry.held_for.is_empty()
                        && key_stands(&entry.key, input, roots, config_key)
                        && super::on_demand::same_links(
                            facts.as_deref(),
                            result.facts.as_ref().map(|f| &*f.facts),
                        )
                });
            return result;
        }
        let taken = cache.take(&input.path, input.kind, input.fragment);
        // What the entry read gave the project, to tell whether a new result links the
        // same: kept only when the file is linted afresh.
        let mut before: Option<(EntryKey, bool, Option<Arc<FileFacts>>)> = None;
        // A file named on the command line is linted afresh; its entry only tells whether
        // the result is the one the cache holds already.
        let (usable, previous) = match taken {
            Some(taken) if input.explicit => (None, Some(taken)),
            taken => (taken, None),
        };
        if let Some((entry, facts)) = &previous {
            before = Some((entry.key.clone(), entry.held_for.is_empty(), facts.clone()));
        }
        let usable = match usable {
            Some((entry, facts))
                if key_stands(&entry.key, input, roots, config_key)
                    && (entry.findings_complete || !reported)
                    && entry.has_facts == facts.is_some() =>
            {
                Some((entry, facts))
            }
            Some((entry, facts)) => {
                before = Some((entry.key, entry.held_for.is_empty(), facts));
                None
            }
            None => None,
        };
        // Taken before the read: a change after it makes the time differ next run.
        let metadata = std::fs::metadata(&input.path).ok();
        let mut read = None;
        if let Some((entry, facts)) = usable {
            let unchanged = entry.unchanged_on_disk(metadata.as_ref());
            if !entry.keeps_text && unchanged {
                return self.result_from_cache(input, entry, facts, None, config_index, stats);
            }
            match root::read_bounded(&input.path) {
                root::Read::Bytes(bytes)
                    if bytes.len() as u64 == entry.size
                        && cache::content_hash(&bytes) == entry.content =>
                {
                    let mut entry = entry;
                    if !unchanged {
                        entry.modified = metadata.as_ref().and_then(cache::modified_nanos);
                        entry.checked_at = cache.started;
                        entry.as_read = false;
                        // The same content: the same facts.
                        entry.links_as_read = true;
                    }
                    let text = entry.keeps_text.then_some(bytes);
                    return self.result_from_cache(input, entry, facts, text, config_index, stats);
                }
                other => {
                    read = Some(other);
                    before = Some((entry.key, entry.held_for.is_empty(), facts));
                }
            }
        }
        let key = EntryKey {
            path: input.path.clone(),
            display: display_path(&input.path),
            relative: relative_to_roots(&input.path, roots).to_path_buf(),
            kind: input.kind,
            fragment: input.fragment,
            config: config_key,
        };
        let read = read.unwrap_or_else(|| root::read_bounded(&input.path));
        let content = match &read {
            root::Read::Bytes(b) => Some((cache::content_hash(b), b.len() as u64)),
            _ => None,
        };
        let mut result = self.lint_fresh(input, roots, reported, stats, Some(read));
        let Some((content, size)) = content else {
            return result;
        };
        let outcome = match result.outcome {
            Outcome::Linted { bytes, .. } => CachedOutcome::Linted { bytes },
            Outcome::NotApplicable => CachedOutcome::NotApplicable,
            Outcome::Binary(share) => CachedOutcome::Binary(share),
            _ => return result,
        };
        let (standing, suppressions) = match &result.suppressions {
            Some((standing, found)) => (
                Some((standing.test, standing.roles, standing.code)),
                found.clone(),
            ),
            None => (None, Vec::new()),
        };
        let mut entry = Entry {
            key,
            content,
            size,
            modified: metadata.as_ref().and_then(cache::modified_nanos),
            checked_at: cache.started,
            findings_complete: reported,
            outcome,
            test_code: result.test_code,
            standing,
            suppressions,
            diagnostics: std::mem::take(&mut result.raw),
            keeps_text: result.text.is_some(),
            has_facts: result.facts.is_some(),
            held_for: result
                .held
                .as_ref()
                .map_or_else(Vec::new, |held| held.collectors.clone()),
            as_read: false,
            links_as_read: false,
            details_at: None,
        };
        // The same result as the entry read (a named file that did not change): the entry
        // read stands, with the time its content was first hashed.
        if let Some((read_entry, read_facts)) = &previous {
            let fresh_facts = result.facts.as_ref().map(|f| &*f.facts);
            if cache::same_result(read_entry, read_facts.as_deref(), &entry, fresh_facts) {
                entry.checked_at = read_entry.checked_at;
                entry.as_read = true;
            }
        }
        // A file held for the project phase is wanted by its content, which changed.
        entry.links_as_read = before.is_some_and(|(key, not_held, facts)| {
            key == entry.key
                && not_held
                && entry.held_for.is_empty()
                && super::on_demand::same_links(
                    facts.as_deref(),
                    result.facts.as_ref().map(|f| &*f.facts),
                )
        });
        result.entry = Some(entry);
        result
    }

    /// A file's result from its cache entry: `text` is its content when the result keeps
    /// it (findings and suppressions are shown and matched against it).
    fn result_from_cache(
        &self,
        input: &Input,
        entry: Entry,
        facts: Option<Arc<FileFacts>>,
        text: Option<Vec<u8>>,
        config_index: usize,
        stats: &AtomicStats,
    ) -> FileResult {
        // The entry's key stands (`key_stands`): its display is the path's.
        let display: Arc<str> = Arc::from(entry.key.display.as_str());
        stats.cached.fetch_add(1, Ordering::Relaxed);
        if entry.test_code {
            stats.test_code.fetch_add(1, Ordering::Relaxed);
        }
        let mut result = FileResult {
            display: display.clone(),
            path: input.path.clone(),
            kind: input.kind,
            fragment: input.fragment,
            outcome: match entry.outcome {
                CachedOutcome::Linted { bytes } => Outcome::Linted {
                    kind: input.kind,
                    bytes,
                },
                CachedOutcome::NotApplicable => Outcome::NotApplicable,
                CachedOutcome::Binary(share) => Outcome::Binary(share),
            },
            findings: Vec::new(),
            text: None,
            facts: facts.map(|facts| ProjectFile {
                display: display.clone(),
                path: input.path.clone(),
                kind: input.kind,
                facts,
            }),
            suppressions: None,
            raw: Vec::new(),
            test_code: entry.test_code,
            held: (!entry.held_for.is_empty()).then(|| Held {
                bytes: None,
                collectors: entry.held_for.clone(),
            }),
            entry: None,
            overlay_links_as_read: false,
        };
        if let Some((test, roles, code)) = entry.standing {
            if !entry.suppressions.is_empty() {
                let standing = Standing {
                    test,
                    roles,
                    code,
                    config: config_index,
                };
                result.suppressions = Some((standing, entry.suppressions.clone()));
            }
        }
        if let Some(bytes) = text {
            let file = SourceFile::new(input.path.clone(), display.to_string(), bytes);
            result.findings = entry
                .diagnostics
                .iter()
                .cloned()
                .map(|d| resolve(d, &file, &display, &BTreeMap::new()))
                .collect();
            result.text = Some(Arc::from(file.text.as_str()));
        }
        result.entry = Some(entry);
        result
    }

    /// Lints one file. A file read only as context for the files reported (a partial run)
    /// gives its facts to the project but runs no per-file rule. `read`: the file as read
    /// already, if it was.
    fn lint_fresh(
        &self,
        input: &Input,
        roots: &[PathBuf],
        reported: bool,
        stats: &AtomicStats,
        read: Option<root::Read>,
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
            raw: Vec::new(),
            test_code: false,
            held: None,
            entry: None,
            overlay_links_as_read: false,
        };
        let read_started = Instant::now();
        let read = match (read, self.overlay.get(&*display)) {
            (Some(read), _) => read,
            (None, Some(text)) if text.len() as u64 > MAX_FILE_SIZE => {
                root::Read::TooLarge(text.len() as u64)
            }
            (None, Some(text)) => root::Read::Bytes(text.clone()),
            (None, None) => root::read_bounded(&input.path),
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
        if input.kind == FileKind::K8s && !crate::lang::k8s::looks_like_manifest(&bytes) {
            return result;
        }
        if input.kind == FileKind::PackageJson {
            let text = String::from_utf8_lossy(&bytes);
            if let Some(mut package) = PackageFacts::parse(&text) {
                if std::str::from_utf8(&bytes).is_err() {
                    // Offsets into the repaired text would not point into the file.
                    for script in &mut package.scripts {
                        script.range = 0..0;
                    }
                }
                result.facts = Some(ProjectFile {
                    display,
                    path: input.path.clone(),
                    kind: input.kind,
                    facts: Arc::new(FileFacts {
                        package: Some(package),
                        ..FileFacts::default()
                    }),
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
        let standing = self.standing_of(&input.path, input.kind, &bytes, roots);
        let config_index = standing.config;
        let test_status = standing.test;
        let roles = standing.roles;
        if test_status == TestStatus::TestCode {
            stats.test_code.fetch_add(1, Ordering::Relaxed);
            result.test_code = true;
        }
        // For parsed languages, only rules that look at syntax nodes make a parse worth it.
        let candidates: Vec<usize> = (0..self.enabled.len())
            .filter(|s| self.severity_in(config_index, *s).is_some())
            .filter(|s| self.enabled[*s].languages & lang_bit != 0)
            .filter(|s| !standing.skipped_by(&self.enabled[*s]))
            .filter(|s| match input.kind.grammar() {
                Some(_) if RULES[self.enabled[*s].index].rule.reads_every_file() => true,
                Some(Grammar::Py) => !RULES[self.enabled[*s].index]
                    .rule
                    .py_node_kinds()
                    .is_empty(),
                Some(_) => {
                    self.enabled[*s].reads_fact_where_it_matches
                        || !RULES[self.enabled[*s].index]
                            .rule
                            .js_node_kinds()
                            .is_empty()
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
        let active = if reported {
            prefiltered.clone()
        } else {
            Vec::new()
        };
        add(&stats.prefilter, prefilter_started);
        // Code gives the facts that enabled rules read, as far as its collectors want the
        // file; a file read only as context for a partial run gives them too.
        let collect: Vec<usize> = match input.kind.grammar() {
            Some(grammar) => {
                let gate = Gate {
                    bytes: &bytes,
                    python: grammar == Grammar::Py,
                    runs_with_the_app: test_status == TestStatus::NotTest
                        && roles.runs_with_the_app(),
                    generated: roles.generated,
                    requested: false,
                    questions: self.questions,
                };
                self.collectors
                    .iter()
                    .copied()
                    .filter(|c| {
                        let collector = CODE_COLLECTORS[*c];
                        let requested = collector.demand() == Demand::WhereRuleMayMatch
                            && prefiltered.iter().any(|s| {
                                RULES[self.enabled[*s].index]
                                    .rule
                                    .facts()
                                    .contains(&collector.fact())
                            });
                        collector.wants(&Gate { requested, ..gate })
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        // A collector that gathers only from files parsed anyway holds the others.
        let (mut collect, when_parsed): (Vec<usize>, Vec<usize>) = collect
            .into_iter()
            .partition(|c| CODE_COLLECTORS[*c].demand() != Demand::WhenParsed);
        let has_suppressions = suppress::contains_suppression(&bytes);
        let gate = Gate {
            bytes: &bytes,
            python: input.kind == FileKind::Py,
            runs_with_the_app: true,
            generated: false,
            requested: false,
            questions: self.questions,
        };
        // Asked last: only of a file nothing else parses.
        let parsed_alone = || {
            when_parsed
                .iter()
                .any(|c| CODE_COLLECTORS[*c].wants_alone(&gate))
        };
        if !active.is_empty() || !collect.is_empty() || has_suppressions || parsed_alone() {
            collect.extend(when_parsed);
        } else if !when_parsed.is_empty() {
            stats.skipped_prefilter.fetch_add(1, Ordering::Relaxed);
            result.held = Some(Held {
                bytes: Some(bytes),
                collectors: when_parsed,
            });
            return result;
        }
        // Configuration files always give their facts to the project index.
        let has_facts = !collect.is_empty()
            || matches!(
                input.kind,
                FileKind::Compose
                    | FileKind::Caddy
                    | FileKind::Env
                    | FileKind::Docker
                    | FileKind::K8s
            );
        if active.is_empty() && !has_facts && !has_suppressions {
            stats.skipped_prefilter.fetch_add(1, Ordering::Relaxed);
            return result;
        }

        let file = SourceFile::new(input.path.clone(), display.to_string(), bytes)
            .with_relative(relative_to_roots(&input.path, roots).to_path_buf());
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
                collectors: collect,
            },
            stats,
        );
        for (slot, nanos) in run.nanos.iter().enumerate() {
            stats.rule_nanos[slot].fetch_add(*nanos, Ordering::Relaxed);
        }
        if self.keep_line_starts && !facts.is_empty() {
            facts.line_starts = file.lines.starts().to_vec();
        }
        if !facts.is_empty() {
            result.facts = Some(ProjectFile {
                display: display.clone(),
                path: input.path.clone(),
                kind: input.kind,
                facts: Arc::new(facts),
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
                fix: None,
            });
        }
        if has_suppressions {
            let found = suppress::parse(input.kind, &file.text);
            if !found.is_empty() {
                result.suppressions = Some((standing, found));
            }
        }
        if self.cache.is_some() {
            result.raw = diagnostics.clone();
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

    /// Parses a held file (`Held`) for its collectors only, when the project phase needs its
    /// facts; no rule runs on it. `bytes`: its content, read now when the cache gave its
    /// result.
    pub(super) fn parse_held(
        &self,
        path: &Path,
        display: &Arc<str>,
        kind: FileKind,
        bytes: Vec<u8>,
        collectors: Vec<usize>,
        stats: &AtomicStats,
    ) -> Option<ProjectFile> {
        let input = Input {
            path: path.to_path_buf(),
            kind,
            explicit: false,
            fragment: false,
        };
        let file = SourceFile::new(path.to_path_buf(), display.to_string(), bytes);
        let mut run = FileRun {
            engine: self,
            active: vec![false; self.enabled.len()],
            nanos: Vec::new(),
            findings: Findings::new(),
            panicked: Vec::new(),
            trigger_panic: false,
        };
        let mut facts = FileFacts::default();
        stats.parsed_on_demand.fetch_add(1, Ordering::Relaxed);
        self.check_file(
            &file,
            &input,
            &mut run,
            &mut facts,
            Collect { collectors },
            stats,
        );
        if self.keep_line_starts && !facts.is_empty() {
            facts.line_starts = file.lines.starts().to_vec();
        }
        (!facts.is_empty()).then(|| ProjectFile {
            display: display.clone(),
            path: path.to_path_buf(),
            kind,
            facts: Arc::new(facts),
        })
    }

    pub(super) fn check_file(
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
            let grammar = if grammar == Grammar::Js && lang::is_flow(&file.text) {
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
            if let Some(error) = lang::tree::first_syntax_error(tree.root_node(), &file.text) {
                run.each_active(|rule, out| {
                    rule.check_syntax_error(file, kind, error.range.clone(), &error.message, out)
                });
            }
            let cx = TreeContext::new(file, kind, tree.root_node());
            let table = &self.dispatch.tables[grammar.index()];
            let python = grammar == Grammar::Py;
            let mut collectors: Vec<(usize, Box<dyn CollectorRun>)> = collect
                .collectors
                .iter()
                .map(|c| {
                    (
                        *c,
                        CODE_COLLECTORS[*c].start(&file.text, python, &self.questions),
                    )
                })
                .collect();
            let mut collector_nanos = vec![0u64; collectors.len()];
            let opaque = &self.dispatch.opaque[grammar.index()];
            let bytes = file.text.as_bytes();
            let witnesses = self.witness_bytes(run, &collect, python);
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
                    for (i, (_, collector)) in collectors.iter_mut().enumerate() {
                        let started = self.rule_timing.then(Instant::now);
                        collector.visit(node, &cx);
                        if let Some(started) = started {
                            collector_nanos[i] += nanos_since(started);
                        }
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
            for (i, (slot, collector)) in collectors.into_iter().enumerate() {
                let started = self.rule_timing.then(Instant::now);
                collector.finish(&cx, facts);
                if let Some(started) = started {
                    collector_nanos[i] += nanos_since(started);
                }
                stats.collector_files[slot].fetch_add(1, Ordering::Relaxed);
                stats.collector_nanos[slot].fetch_add(collector_nanos[i], Ordering::Relaxed);
            }
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
                            let objects = crate::facts::k8s::objects(&docs);
                            let defines =
                                !objects.workloads.is_empty() || !objects.services.is_empty();
                            facts.k8s_objects = defines.then_some(objects);
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
            FileKind::Json => {
                let strings = lang::json_config::strings(&config_text);
                add(&stats.parse, parse_started);
                let rules_started = Instant::now();
                run.each_active(|rule, out| rule.check_json_config(file, &strings, out));
                add(&stats.rules, rules_started);
            }
            _ => {}
        }
    }
}

impl Engine {
    /// Where a file stands for the rules: its test status, its roles, whether it is code, and
    /// the configuration that governs it. Test paths and roles are matched relative to the
    /// root the file was found under.
    pub(super) fn standing_of(
        &self,
        path: &Path,
        kind: FileKind,
        bytes: &[u8],
        roots: &[PathBuf],
    ) -> Standing {
        let relative = relative_to_roots(path, roots);
        let absolute = super::absolute_path(path);
        let config_index = self.configs.index_for(&absolute);
        let config = self.configs.get(config_index);
        let test = match config.is_test_file(&absolute, relative) {
            false => TestStatus::NotTest,
            true if kind.grammar().is_some()
                && crate::roles::is_test_code(relative, bytes, kind == FileKind::Py) =>
            {
                TestStatus::TestCode
            }
            true => TestStatus::TestFile,
        };
        let roles = config.roles_of(
            &absolute,
            relative,
            bytes,
            kind.grammar().map(|g| g == Grammar::Py),
        );
        Standing {
            test,
            roles,
            code: kind.grammar().is_some(),
            config: config_index,
        }
    }
}

/// What a file is, as far as which rules check it: test code, code no request runs,
/// minified code.
#[derive(Clone, Copy, Debug)]
pub(super) struct Standing {
    pub(super) test: TestStatus,
    pub(super) roles: Roles,
    /// JavaScript, TypeScript or Python: minified code is checked by no rule about code.
    pub(super) code: bool,
    /// The configuration that governs the file (a `Configs` index).
    pub(super) config: usize,
}

impl Standing {
    pub(super) fn skipped_by(self, rule: &Enabled) -> bool {
        rule.test_files.skips(self.test)
            || self.roles.skipped_by(rule.skipped_roles)
            || (self.code && self.roles.generated)
    }
}

/// The state of one file's rule invocations.
pub(super) struct FileRun<'e> {
    pub(super) engine: &'e Engine,
    pub(super) active: Vec<bool>,
    /// Per slot: nanoseconds spent in the rule (empty when rule timing is off).
    pub(super) nanos: Vec<u64>,
    pub(super) findings: Findings,
    /// Rules that panicked on this file, with the panic message.
    pub(super) panicked: Vec<(usize, String)>,
    pub(super) trigger_panic: bool,
}

impl FileRun<'_> {
    /// Runs one rule under `catch_unwind`; a panic disables the rule for the rest of the file.
    pub(super) fn invoke(&mut self, slot: usize, f: impl FnOnce(&dyn Rule, &mut Findings)) {
        if !self.active.get(slot).copied().unwrap_or(false) {
            return;
        }
        let enabled = self.engine.enabled[slot];
        let entry = &RULES[enabled.index];
        // The most severe level: each finding gets its file's configured severity (or the
        // milder one its rule chose) in `apply_config`.
        self.findings.start_rule(entry.id, Severity::Error);
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

    pub(super) fn each_active(&mut self, mut f: impl FnMut(&dyn Rule, &mut Findings)) {
        for slot in 0..self.active.len() {
            self.invoke(slot, &mut f);
        }
    }
}

pub(super) enum Outcome {
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

pub(super) struct FileResult {
    pub(super) display: Arc<str>,
    /// The input's path, kind and reading, to tell whether a file pulled in by another was
    /// already linted the way its importer reads it.
    pub(super) path: PathBuf,
    pub(super) kind: FileKind,
    pub(super) fragment: bool,
    /// The file's suppressions, and its test status (a rule that skips the file leaves its
    /// suppressions unused without making them wrong).
    pub(super) suppressions: Option<(Standing, Vec<Suppression>)>,
    pub(super) outcome: Outcome,
    pub(super) facts: Option<ProjectFile>,
    pub(super) findings: Vec<Finding>,
    pub(super) text: Option<Arc<str>>,
    /// The per-file findings before positions are resolved (kept for the cache only).
    pub(super) raw: Vec<Diagnostic>,
    /// Test code written with a test framework (`Stats::test_code`).
    pub(super) test_code: bool,
    /// The result as the cache keeps it, when the cache is on.
    pub(super) entry: Option<Entry>,
    /// Code that a `Demand::WhenParsed` collector wants and nothing else parsed.
    pub(super) held: Option<Held>,
    /// A text linted in place of the file's content whose function summaries link as
    /// those of the file's cache entry (`on_demand::same_links`).
    pub(super) overlay_links_as_read: bool,
}

/// A code file held unparsed for collectors that gather only on demand: the project phase
/// parses it when a question about the facts gathered needs it (`parse_held`).
pub(super) struct Held {
    /// Its content as read; `None` when its result came from the cache (read on demand).
    pub(super) bytes: Option<Vec<u8>>,
    /// The collectors (`CODE_COLLECTORS` slots) to run on it.
    pub(super) collectors: Vec<usize>,
}

/// Which collectors gather facts from a code file during its walk (`CODE_COLLECTORS` slots).
pub(super) struct Collect {
    pub(super) collectors: Vec<usize>,
}

/// A path relative to the root it was found under (the nearest).
/// Whether a cache entry's key is the one the file would get now (`EntryKey`), told
/// without building that key: most files of a run are taken from the cache, and making a
/// path's display and relative forms allocates and parses its components.
fn key_stands(stored: &EntryKey, input: &Input, roots: &[PathBuf], config: u64) -> bool {
    stored.kind == input.kind
        && stored.fragment == input.fragment
        && stored.config == config
        && stored.path.as_os_str() == input.path.as_os_str()
        && display_is(&stored.display, &input.path)
        && relative_is(&stored.relative, &input.path, roots)
}

/// `display_path(path) == shown`, without allocating when the path does not climb.
fn display_is(shown: &str, path: &Path) -> bool {
    let Some(mut text) = path.to_str() else {
        return display_path(path) == shown;
    };
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    if text.contains("..") {
        return display_path(path) == shown;
    }
    text == shown
}

/// `relative_to_roots(path, roots) == relative`, told from bytes when there is one root
/// and both spell only plain components (`relative_to_root_bytes`).
fn relative_is(relative: &Path, path: &Path, roots: &[PathBuf]) -> bool {
    let fast = match roots {
        [root] => relative_to_root_bytes(path, root),
        _ => None,
    };
    match fast {
        Some(bytes) => bytes == relative.as_os_str().as_encoded_bytes(),
        None => relative_to_roots(path, roots) == relative,
    }
}

/// The bytes of `relative_to_roots(path, [root])` when both paths are spelled with plain
/// components only (after a leading `./`, or a leading `/`): no empty, `.` or `..`
/// component, where comparing bytes and comparing components agree. `None` otherwise.
fn relative_to_root_bytes<'p>(path: &'p Path, root: &Path) -> Option<&'p [u8]> {
    fn plain(bytes: &[u8]) -> Option<&[u8]> {
        let bytes = bytes.strip_prefix(b"./").unwrap_or(bytes);
        let inner = bytes.strip_prefix(b"/").unwrap_or(bytes);
        inner
            .split(|b| *b == b'/')
            .all(|part| !part.is_empty() && part != b"." && part != b"..")
            .then_some(bytes)
    }
    let path = plain(path.as_os_str().as_encoded_bytes())?;
    let root = root.as_os_str().as_encoded_bytes();
    if root == b"." || root == b"./" {
        return Some(path);
    }
    let root = plain(root)?;
    match path.strip_prefix(root) {
        Some([]) => Some(&[]),
        Some([b'/', rest @ ..]) => Some(rest),
        // Not under the root: the path itself, as `relative_to_roots` gives it.
        _ => None,
    }
}

pub(super) fn relative_to_roots<'p>(path: &'p Path, roots: &[PathBuf]) -> &'p Path {
    let path_from_dot = path.strip_prefix(".").unwrap_or(path);
    let mut nearest: Option<&Path> = None;
    for root in roots {
        let root = root.strip_prefix(".").unwrap_or(root);
        let Ok(relative) = path_from_dot.strip_prefix(root) else {
            continue;
        };
        // Components are counted only when two roots hold the path.
        nearest = match nearest {
            Some(kept) if kept.components().count() <= relative.components().count() => Some(kept),
            _ => Some(relative),
        };
    }
    nearest.unwrap_or(path)
}

/// A file, or part of one, that backlint did not check because it is over one of its
/// limits: reported as a finding so that no format loses it, at the file's start.
pub(super) fn internal_limit(message: String) -> Diagnostic {
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
        fix: None,
    }
}

impl Engine {
    /// The witness bytes of every node kind looked at in this file by its active rules and
    /// collectors, or `None` when one of those kinds has none (`PY_WITNESSES`,
    /// `JS_WITNESSES`). A prunable node whose text holds none of these bytes has nothing
    /// below it to visit.
    pub(super) fn witness_bytes(
        &self,
        run: &FileRun,
        collect: &Collect,
        python: bool,
    ) -> Option<[bool; 256]> {
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
        for slot in &collect.collectors {
            for kinds in CODE_COLLECTORS[*slot].visited_kinds(python) {
                add(kinds)?;
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_told_from_bytes_is_relative_to_roots() {
        let paths = [
            "a.py",
            "./a.py",
            "apps/a.py",
            "./apps/a.py",
            "apps",
            "appsx/a.py",
            "/w/apps/a.py",
            "/w/a.py",
            "apps//a.py",
            "./apps/./a.py",
            "apps/../a.py",
            "././apps/a.py",
            "..",
            "../apps/a.py",
        ];
        let roots = [
            ".", "./", "apps", "./apps", "apps/", "/w", "/w/apps", "/", "..", "", "apps/.",
        ];
        for path in paths {
            for root in roots {
                let (path, root) = (Path::new(path), PathBuf::from(root));
                let slow = relative_to_roots(path, std::slice::from_ref(&root));
                if let Some(fast) = relative_to_root_bytes(path, &root) {
                    assert_eq!(
                        fast,
                        slow.as_os_str().as_encoded_bytes(),
                        "{} under {}",
                        path.display(),
                        root.display()
                    );
                }
                assert!(
                    relative_is(slow, path, std::slice::from_ref(&root)),
                    "{} under {}",
                    path.display(),
                    root.display()
                );
            }
        }
    }

    #[test]
    fn display_is_display_path() {
        for path in [
            "a.py",
            "./a.py",
            "././a.py",
            "apps/x.py",
            "../x.py",
            "a/../b.py",
            "a..b/c.py",
            "./../x.py",
        ] {
            let path = Path::new(path);
            assert!(display_is(&display_path(path), path), "{}", path.display());
            assert!(!display_is("other.py", path), "{}", path.display());
        }
    }
}
