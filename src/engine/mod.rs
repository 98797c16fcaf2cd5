//! The lint run, as a pipeline of phases, each in its own module:
//!
//! 1. discover (`scope`: which files are walked and which reported; `crate::discover`);
//! 2. per file, in parallel (`file`): read, `prefilter` (which rules may match), parse, and
//!    one `walk` of the tree dispatching nodes to the rules and fact collectors that asked
//!    for their kind;
//! 3. follow the files others pull in (`includes`), linted the way their importer reads them;
//! 4. link the project's facts and run the project rules (`project`);
//! 5. configuration overrides, suppressions, order and fingerprints (`report`);
//!
//! with the counters of `--stats` (`stats`). No rule's behaviour is decided here: rules
//! declare what they read (node kinds, needles, facts), and the phases give it to them.

mod cache;
mod file;
mod includes;
mod listing;
mod on_demand;
mod prefilter;
mod project;
mod report;
mod scope;
mod stats;
mod walk;

pub use crate::diagnostic::{Finding, FindingLabel};
pub use cache::{DEFAULT_DIR as DEFAULT_CACHE_DIR, MemoryCache};
use file::{FileResult, Outcome, Standing};
use prefilter::Prefilter;
use report::assign_fingerprints;
pub use report::{fnv64, sort_findings};
use scope::Scope;
use stats::AtomicStats;
pub use stats::{CacheStats, ListingStats, Stats};
use walk::Dispatch;

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, ConfigError, Configs};
use crate::diagnostic::Severity;
use crate::discover::{self, Input};
use crate::facts::collect::{CODE_COLLECTORS, Demand, Questions};
use crate::facts::topology::normalize;
use crate::facts::{Project, ProjectFile};
use crate::lang::{self, FileKind};
use crate::roles::{FileRole, Roles};
use crate::root::{self, Boundary, Refusal};
use crate::rules::{self, RULES, RuleHeader, TestFiles};
use crate::suppress::Suppression;

/// Rounds of following imports and includes: deeper chains are not followed.
const MAX_IMPORT_ROUNDS: usize = 8;

pub use crate::root::MAX_FILE_SIZE;

/// A rule enabled for this run.
#[derive(Clone, Copy)]
struct Enabled {
    /// Index into `RULES`.
    index: usize,
    /// Bit per language (`Lang as u8`).
    languages: u16,
    test_files: TestFiles,
    /// The roles of code no request runs that the rule skips (a `Roles::mask`).
    skipped_roles: u8,
    /// The rule reads a fact gathered only where such a rule may match
    /// (`Demand::WhereRuleMayMatch`): its needles decide whether a code file is parsed,
    /// even though it looks at no syntax node itself.
    reads_fact_where_it_matches: bool,
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
    /// The rules enabled by some configuration of the run (or `--select`).
    enabled: Vec<Enabled>,
    /// Per configuration (`configs` index), per `enabled` slot: the rule's severity in the
    /// files that configuration governs, `None` where it does not run.
    severities: Vec<Vec<Option<Severity>>>,
    dispatch: Arc<Dispatch>,
    prefilter: Arc<Prefilter>,
    configs: Configs,
    /// The rules' headers, `--select` and `--ignore`, to enable the rules again when the
    /// run finds configurations.
    headers: Vec<RuleHeader>,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    /// Test hook: every rule runs on every file of its languages, as if the prefilter
    /// matched; a run must report the same findings either way.
    no_prefilter: bool,
    /// Test hook: a rule invocation on a file whose path contains this text panics.
    panic_trigger: Option<String>,
    /// Text to lint in place of a file's content (standard input, an editor's buffer).
    overlay: BTreeMap<String, Vec<u8>>,
    /// The process ends after the run (`backlint check`): the project's facts need not be
    /// freed one by one.
    process_ends_after_run: bool,
    /// Measure the time spent in each rule (`--stats`); off by default, as the clock reads
    /// cost time of their own.
    rule_timing: bool,
    /// The code collectors (`CODE_COLLECTORS` slots) whose facts an enabled rule reads.
    collectors: Vec<usize>,
    /// The enabled rules' questions the collectors ask (`facts::collect::Questions`).
    questions: Questions,
    /// The configuration's `exclude` applies to files named on the command line too.
    force_exclude: bool,
    /// Keep the line starts of the files with facts (`FileFacts::line_starts`).
    keep_line_starts: bool,
    /// Where the result cache is kept (off unless asked for).
    cache_location: CacheLocation,
    /// The result cache of the run under way.
    cache: Option<cache::Cache>,
    /// Per configuration (`configs` index): what a cache entry's configuration must be
    /// for the entry to be used (`cache_keys`).
    cache_keys: Vec<u64>,
}

/// Where a run keeps its result cache.
#[derive(Clone, Debug, Default)]
pub enum CacheLocation {
    /// No cache: every file is read and linted.
    #[default]
    Off,
    /// The directory the configuration of the project walked names (`cache-dir`), else
    /// `.backlint_cache/` at its root.
    ProjectRoot,
    /// This directory.
    Dir(PathBuf),
    /// In memory, for the runs given the same `MemoryCache` (an editor server's lints).
    Memory(MemoryCache),
}

/// Findings the engine reports itself, not a rule: they can be suppressed like a rule's.
pub const ENGINE_FINDINGS: [&str; 3] = ["internal-error", "internal-limit", "outside-project"];

/// The path as shown: relative paths keep their form without a leading `./`; a relative path
/// that climbs (`../svc/app.py`, as the walk of a project root above the working directory
/// names the files) is shown from the working directory (`app.py` when run in `svc`).
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut s: &str = &text;
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    // A path with a `..` component holds the text `..`: most paths are told by that alone.
    let climbs = s.contains("..")
        && path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if climbs && path.is_relative() {
        if let Some(shown) = from_working_directory(Path::new(s)) {
            return shown;
        }
    }
    s.to_string()
}

/// A relative path that climbs, resolved lexically against the working directory and
/// spelled from it: `../svc/app.py` in `svc` is `app.py`, `../compose.yaml` stays.
fn from_working_directory(path: &Path) -> Option<String> {
    let cwd = root::working_directory()?;
    let absolute = normalize(&cwd.join(path));
    let common = cwd
        .components()
        .zip(absolute.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut shown = PathBuf::new();
    for _ in common..cwd.components().count() {
        shown.push("..");
    }
    for part in absolute.components().skip(common) {
        shown.push(part.as_os_str());
    }
    Some(shown.to_string_lossy().into_owned())
}

/// A path as an absolute one, resolved lexically against the working directory (as given
/// when the working directory cannot be read).
fn absolute_path(path: &Path) -> PathBuf {
    root::absolute(path).unwrap_or_else(|| normalize(path))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

/// Per rule (`RULES` index): its severity under one configuration, `None` when off.
fn severities_under(
    config: &Config,
    headers: &[RuleHeader],
    select: Option<&[String]>,
    ignore: &[String],
) -> Vec<Option<Severity>> {
    RULES
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let m = headers.get(index)?;
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
                return None;
            }
            Some(
                configured
                    .and_then(|setting| setting.severity())
                    .unwrap_or(m.severity),
            )
        })
        .collect()
}

impl Engine {
    /// Builds the engine for the selected rules, with one configuration for every file.
    /// Rule ids must already be valid.
    pub fn new(
        headers: &[RuleHeader],
        select: Option<&[String]>,
        ignore: &[String],
        config: Config,
    ) -> Engine {
        Engine::with_configs(headers, select, ignore, Configs::fixed(config))
    }

    /// Builds the engine for the selected rules; each file is judged with its configuration
    /// from `configs` (see `Configs`), those found during the run included.
    pub fn with_configs(
        headers: &[RuleHeader],
        select: Option<&[String]>,
        ignore: &[String],
        configs: Configs,
    ) -> Engine {
        let mut engine = Engine {
            enabled: Vec::new(),
            severities: Vec::new(),
            dispatch: Arc::new(Dispatch::new(&[])),
            prefilter: Arc::new(Prefilter::new(&[])),
            configs,
            headers: headers.to_vec(),
            select: select.map(<[String]>::to_vec),
            ignore: ignore.to_vec(),
            no_prefilter: std::env::var_os("BACKLINT_DEBUG_NO_PREFILTER").is_some_and(|v| v == "1"),
            panic_trigger: std::env::var("BACKLINT_DEBUG_PANIC_ON")
                .ok()
                .filter(|s| !s.is_empty()),
            overlay: BTreeMap::new(),
            process_ends_after_run: false,
            rule_timing: false,
            collectors: Vec::new(),
            questions: Questions::default(),
            force_exclude: true,
            keep_line_starts: false,
            cache_location: CacheLocation::Off,
            cache: None,
            cache_keys: Vec::new(),
        };
        engine.enable_rules();
        engine
    }

    /// Enables every rule that some configuration of the run turns on, once per run (not
    /// per file): which of them run on a file is its configuration's row of `severities`.
    fn enable_rules(&mut self) {
        let per_config: Vec<Vec<Option<Severity>>> = self
            .configs
            .all()
            .iter()
            .map(|config| {
                severities_under(config, &self.headers, self.select.as_deref(), &self.ignore)
            })
            .collect();
        let mut enabled = Vec::new();
        for (index, entry) in RULES.iter().enumerate() {
            let Some(m) = self.headers.get(index) else {
                continue;
            };
            // Enabled when some configuration of the run turns it on.
            if !per_config
                .iter()
                .any(|row| row.get(index).copied().flatten().is_some())
            {
                continue;
            }
            let languages = m
                .languages
                .iter()
                .fold(0u16, |acc, l| acc | (1 << (*l as u16)));
            enabled.push(Enabled {
                index,
                languages,
                test_files: m.test_files,
                skipped_roles: Roles::mask(&m.skips),
                reads_fact_where_it_matches: entry.rule.facts().iter().any(|fact| {
                    CODE_COLLECTORS
                        .iter()
                        .any(|c| c.fact() == *fact && c.demand() == Demand::WhereRuleMayMatch)
                }),
            });
        }
        self.severities = per_config
            .iter()
            .map(|row| {
                enabled
                    .iter()
                    .map(|e| row.get(e.index).copied().flatten())
                    .collect()
            })
            .collect();
        self.collectors = (0..CODE_COLLECTORS.len())
            .filter(|c| {
                let fact = CODE_COLLECTORS[*c].fact();
                enabled
                    .iter()
                    .any(|e| RULES[e.index].rule.facts().contains(&fact))
            })
            .collect();
        self.questions = Questions {
            calls: enabled
                .iter()
                .find_map(|e| RULES[e.index].rule.call_questions()),
            sends: enabled
                .iter()
                .find_map(|e| RULES[e.index].rule.send_questions()),
            acquires: enabled
                .iter()
                .find_map(|e| RULES[e.index].rule.acquire_questions()),
            rejects: enabled
                .iter()
                .find_map(|e| RULES[e.index].rule.reject_questions()),
        };
        (self.dispatch, self.prefilter) = dispatch_and_prefilter(&enabled);
        self.enabled = enabled;
    }

    /// The severity of the rule in `slot` in the files configuration `config` governs;
    /// `None` where it does not run there.
    fn severity_in(&self, config: usize, slot: usize) -> Option<Severity> {
        self.severities
            .get(config)
            .and_then(|row| row.get(slot).copied().flatten())
    }

    /// The configuration that governs a file, by its path as given or shown.
    fn config_index(&self, path: &Path) -> usize {
        self.configs.index_for(&absolute_path(path))
    }

    /// The configuration that governs a file, by its path as given or shown.
    pub fn config_for(&self, path: &Path) -> &Config {
        self.configs.get(self.config_index(path))
    }

    /// Whether the configuration's `exclude` applies to files named on the command line
    /// (the default) or only to walked ones.
    pub fn set_force_exclude(&mut self, on: bool) {
        self.force_exclude = on;
    }

    /// Keeps the line starts of every file with facts, for a view of the project that
    /// names lines (`run_viewing`).
    pub fn set_keep_line_starts(&mut self, on: bool) {
        self.keep_line_starts = on;
    }

    /// Keeps per-file results between runs there (see `cache`): a run then reads and
    /// lints only the files that changed, with the same output.
    pub fn set_cache(&mut self, location: CacheLocation) {
        self.cache_location = location;
    }

    /// Whether this run keeps no cache: it is off, or a test hook or a view of the project
    /// changes what files give.
    fn cache_off(&self) -> bool {
        matches!(self.cache_location, CacheLocation::Off)
            || self.no_prefilter
            || self.panic_trigger.is_some()
            || self.keep_line_starts
    }

    /// Where the file list of a walk over these roots is kept, beside the result cache
    /// (`listing`). Finding the cache directory named by the project root's configuration
    /// resolves that configuration first, as the run would after the walk.
    fn listing_store(&mut self, walk_roots: &[PathBuf]) -> Option<listing::ListingStore> {
        if self.cache_off() {
            return None;
        }
        let roots: Vec<PathBuf> = walk_roots.iter().map(|r| absolute_path(r)).collect();
        let dir = match &self.cache_location {
            CacheLocation::Off => return None,
            CacheLocation::ProjectRoot => {
                let root = roots.first()?;
                let default = root.join(cache::DEFAULT_DIR);
                let index = self.configs.resolve(root, root).ok()?;
                self.configs.get(index).cache_dir.clone().unwrap_or(default)
            }
            CacheLocation::Dir(dir) => absolute_path(dir),
            CacheLocation::Memory(memory) => {
                return Some(listing::ListingStore::Memory(memory.clone()));
            }
        };
        Some(listing::ListingStore::in_dir(&dir, walk_roots))
    }

    /// The result cache for a run over these walk roots; none when it is off, or when a
    /// test hook or a view of the project changes what files give.
    fn open_cache(&self, walk_roots: &[PathBuf]) -> Option<cache::Cache> {
        if self.cache_off() {
            return None;
        }
        let roots: Vec<PathBuf> = walk_roots.iter().map(|r| absolute_path(r)).collect();
        let dir = match &self.cache_location {
            CacheLocation::Off => return None,
            CacheLocation::ProjectRoot => {
                // The configuration of the project root may name another directory inside it.
                let default = roots.first()?.join(cache::DEFAULT_DIR);
                let governing = self.configs.get(self.configs.index_for(&default));
                governing.cache_dir.clone().unwrap_or(default)
            }
            CacheLocation::Dir(dir) => absolute_path(dir),
            CacheLocation::Memory(memory) => return Some(cache::Cache::in_memory(memory)),
        };
        Some(cache::Cache::open(&dir, &roots))
    }

    /// Per configuration: a hash of what decides a file's per-file result besides the file
    /// itself: the rules enabled in the run (they decide which facts are gathered), the
    /// rules that run under the configuration, and the configuration's content.
    fn cache_keys(&self) -> Vec<u64> {
        use std::hash::{Hash, Hasher};
        let enabled: Vec<&str> = self.enabled.iter().map(|e| RULES[e.index].id).collect();
        self.configs
            .all()
            .iter()
            .enumerate()
            .map(|(index, config)| {
                let mut hasher = std::hash::DefaultHasher::new();
                enabled.hash(&mut hasher);
                self.collectors.hash(&mut hasher);
                self.severities.get(index).hash(&mut hasher);
                config.identity().hash(&mut hasher);
                hasher.finish()
            })
            .collect()
    }

    /// Measures the time spent in each rule, reported in `Stats::by_rule`.
    pub fn set_rule_timing(&mut self, on: bool) {
        self.rule_timing = on;
    }

    /// A file's bytes after the per-file phase (project findings need their positions):
    /// the overlay when it stands for that file.
    /// Drops the findings of rules that skip a role in the scripts of a package whose
    /// manifest gives its files that role: browser code in a browser front end's package
    /// (`PackageFacts::is_browser_front_end`), the role a path pattern gives `client/` or
    /// `*.tsx`, decided here for a monorepo's `packages/web`, whose files are named like a
    /// server's; development data in a member package that describes itself as tests or an
    /// example (`PackageFacts::is_for_tests_or_examples`: an e2e harness, a mock server, a
    /// sample webhook receiver). A configuration that lists patterns of its own for the role
    /// decides alone.
    fn drop_package_role_findings(
        &self,
        project: &Project,
        script_paths: &BTreeMap<Arc<str>, PathBuf>,
        output: &mut RunOutput,
    ) {
        let masks: Vec<(&'static str, u8)> = self
            .enabled
            .iter()
            .filter(|e| e.skipped_roles != 0)
            .map(|e| (RULES[e.index].id, e.skipped_roles))
            .collect();
        // Project rules report in files of the project: their scripts are found there.
        let project_scripts: BTreeMap<&str, &Path> = project
            .files
            .iter()
            .filter(|f| matches!(f.kind, FileKind::Js | FileKind::Ts | FileKind::Tsx))
            .map(|f| (&*f.display, f.path.as_path()))
            .collect();
        let mut by_file: BTreeMap<Arc<str>, Roles> = BTreeMap::new();
        output.findings.retain(|finding| {
            let Some((_, skipped)) = masks.iter().find(|(id, _)| *id == finding.rule) else {
                return true;
            };
            let Some(path) = script_paths
                .get(&finding.path)
                .map(PathBuf::as_path)
                .or_else(|| project_scripts.get(&*finding.path).copied())
            else {
                return true;
            };
            let roles = *by_file.entry(finding.path.clone()).or_insert_with(|| {
                let config = self.config_for(path);
                let mut roles = Roles::default();
                if !config.configures_role(FileRole::BrowserCode)
                    && project
                        .package_for(path)
                        .is_some_and(|package| package.is_browser_front_end())
                {
                    roles.insert(FileRole::BrowserCode);
                }
                if !config.configures_role(FileRole::DevData)
                    && project
                        .member_package_for(path)
                        .is_some_and(|package| package.is_for_tests_or_examples())
                {
                    roles.insert(FileRole::DevData);
                }
                roles
            });
            !roles.skipped_by(*skipped)
        });
    }

    /// Drops the findings of rules that skip `vendored` in folders of third-party Python
    /// packages copied into the repository under an ordinary name (`lib/` beside the app):
    /// see `roles::vendored_python_sites` for the evidence, and `roles::puts_on_import_path`
    /// for the app putting the folder on `sys.path`, which it also needs. A configuration
    /// that lists `vendored` patterns of its own decides alone.
    fn drop_vendored_site_findings(
        &self,
        inputs: &[Input],
        manifests: &[PathBuf],
        output: &mut RunOutput,
    ) {
        let vendored = Roles::mask(&[FileRole::Vendored]);
        let skipping: Vec<&'static str> = self
            .enabled
            .iter()
            .filter(|e| e.skipped_roles & vendored != 0)
            .map(|e| RULES[e.index].id)
            .collect();
        if skipping.is_empty()
            || !output
                .findings
                .iter()
                .any(|f| f.path.ends_with(".py") && skipping.contains(&f.rule))
        {
            return;
        }
        let py_files: Vec<&Path> = inputs
            .iter()
            .filter(|i| i.kind == FileKind::Py)
            .map(|i| i.path.as_path())
            .collect();
        let texts: Vec<(&Path, String)> = manifests
            .iter()
            .filter_map(|m| match root::read_bounded(m) {
                root::Read::Bytes(bytes) => {
                    Some((m.as_path(), String::from_utf8_lossy(&bytes).into_owned()))
                }
                _ => None,
            })
            .collect();
        let texts: Vec<(&Path, &str)> = texts.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let candidates = crate::roles::vendored_python_sites(&py_files, &texts);
        if candidates.is_empty() {
            return;
        }
        // The folder must be one the app around it puts on its import path, in a file of
        // its own (beside the folder or below that, not inside it).
        let mut sites: Vec<PathBuf> = Vec::new();
        for site in candidates {
            let (Some(name), Some(app)) =
                (site.file_name().and_then(|n| n.to_str()), site.parent())
            else {
                continue;
            };
            let mut own_files = py_files
                .iter()
                .filter(|p| p.starts_with(app) && !p.starts_with(&site));
            let on_path = own_files.any(|p| {
                let text = match self.read_again(p, &display_path(p)) {
                    Some(bytes) => bytes,
                    None => return false,
                };
                memchr::memmem::find(&text, name.as_bytes()).is_some()
                    && crate::roles::puts_on_import_path(&String::from_utf8_lossy(&text), name)
            });
            if on_path && !self.config_for(&site).configures_role(FileRole::Vendored) {
                sites.push(site);
            }
        }
        let dropped: BTreeSet<String> = py_files
            .iter()
            .filter(|p| sites.iter().any(|site| p.starts_with(site)))
            .map(|p| display_path(p))
            .collect();
        output
            .findings
            .retain(|f| !(skipping.contains(&f.rule) && dropped.contains(&*f.path)));
    }

    /// Drops the per-file findings of rules that review them against the linked project
    /// and find that another file disproves them (`Rule::holds_in_project`).
    fn review_findings_in_project(&self, project: &Project, output: &mut RunOutput) {
        let reviewing: Vec<&'static str> = self
            .enabled
            .iter()
            .map(|e| &RULES[e.index])
            .filter(|entry| entry.rule.reviews_findings_in_project())
            .map(|entry| entry.id)
            .collect();
        if !output.findings.iter().any(|f| reviewing.contains(&f.rule)) {
            return;
        }
        let by_display: BTreeMap<&str, &ProjectFile> =
            project.files.iter().map(|f| (&*f.display, f)).collect();
        output.findings.retain(|finding| {
            if !reviewing.contains(&finding.rule) {
                return true;
            }
            let (Some(entry), Some(file)) = (
                crate::rules::index_of(finding.rule).map(|i| &RULES[i]),
                by_display.get(&*finding.path),
            ) else {
                return true;
            };
            entry.rule.holds_in_project(project, file)
        });
    }

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

    /// Tells the engine that the process ends after the run, so that it need not free
    /// what the run built.
    pub fn set_process_ends_after_run(&mut self) {
        self.process_ends_after_run = true;
    }

    /// Whether a text stands in place of the file at `path` (`set_overlay`). Most files of
    /// a run have none: a file whose name no overlaid path ends with is told without
    /// spelling its display path.
    pub(super) fn is_overlaid(&self, path: &Path) -> bool {
        if self.overlay.is_empty() {
            return false;
        }
        if let Some(name) = path.file_name().and_then(|name| name.to_str()) {
            if !self.overlay.keys().any(|shown| shown.ends_with(name)) {
                return false;
            }
        }
        self.overlay.contains_key(&display_path(path))
    }

    pub fn enabled_rule_ids(&self) -> Vec<&'static str> {
        self.enabled.iter().map(|e| RULES[e.index].id).collect()
    }

    /// Lints the paths. When files are named explicitly, the whole project around them is
    /// read (so cross-file rules see it) and findings are reported only for the paths given.
    ///
    /// Each file is judged with its configuration; a configuration file that cannot be
    /// loaded (or two in one directory) is an error.
    pub fn run(&mut self, paths: &[PathBuf], threads: usize) -> Result<RunOutput, ConfigError> {
        self.run_viewing(paths, threads, |_| {})
    }

    /// Lints the paths as `run` does, and lets `view` read the linked project (its files'
    /// facts) before it is dropped: `backlint topology` draws the deployment from it, with
    /// the findings of this same run.
    pub fn run_viewing(
        &mut self,
        paths: &[PathBuf],
        threads: usize,
        view: impl FnOnce(&Project),
    ) -> Result<RunOutput, ConfigError> {
        let mut output = RunOutput::default();
        let started = Instant::now();
        let configs_known = self.configs.all().len();
        let scope = Scope::new(paths);
        let boundary = Boundary::new(&scope.walk_roots);
        let listing_store = self.listing_store(&scope.walk_roots);
        let loaded = listing_store.as_ref().and_then(listing::ListingStore::load);
        let mut discovery = match loaded {
            Some(loaded) => {
                output.stats.listing = Some(ListingStats {
                    kept: true,
                    watched: loaded.watched,
                    time: started.elapsed(),
                });
                self.configs.know_files(loaded.config_files);
                loaded.discovery
            }
            None => {
                let walked_at = cache::now_nanos();
                let discovery = discover::discover(&scope.walk_roots, threads);
                // The configuration files the list records are looked up once, for it.
                let known = match &listing_store {
                    Some(store) => {
                        let known = store.save(&scope.walk_roots, &discovery, walked_at);
                        output.stats.listing = Some(ListingStats {
                            kept: false,
                            watched: 0,
                            time: started.elapsed(),
                        });
                        known
                    }
                    None => Default::default(),
                };
                self.configs.know_files(known);
                discovery
            }
        };
        if scope.report_only.is_some() {
            // Explicit files are linted even when ignored; mark them as such.
            let explicit = discover::discover(&Scope::named_files(paths), threads);
            let mut added = false;
            for mut input in explicit.inputs.into_iter().filter(|i| i.explicit) {
                // A named file keeps the walk's spelling (`../svc/app.py` when the root is
                // `..`), so that it is named as the rest of the project is: its package,
                // its compose project and its directory are then those of the full run.
                // Only walked files of the same name are made absolute to compare.
                let absolute = absolute_path(&input.path);
                let name = input.path.file_name().map(|n| n.as_encoded_bytes());
                let walked = discovery.inputs.iter().position(|walked| {
                    name.is_some_and(|name| {
                        walked.path.as_os_str().as_encoded_bytes().ends_with(name)
                    }) && absolute_path(&walked.path) == absolute
                });
                match walked {
                    Some(i) => discovery.inputs[i].explicit = true,
                    None => {
                        input.path = scope.spelled_from_root(&input.path);
                        discovery.inputs.push(input);
                        added = true;
                    }
                }
            }
            if added {
                discover::sort_inputs(&mut discovery.inputs);
            }
        }
        if !self.configs.is_fixed() {
            self.resolve_configs(&discovery.inputs, &scope.walk_roots)?;
            if self.configs.all().len() != configs_known {
                self.enable_rules();
            }
        }
        let cache_started = Instant::now();
        self.cache = self.open_cache(&scope.walk_roots);
        self.cache_keys = match self.cache {
            Some(_) => self.cache_keys(),
            None => Vec::new(),
        };
        let cache_load = cache_started.elapsed();
        let this = &*self;
        output.stats.discovery = started.elapsed();
        output.notes.extend(discovery.errors.iter().cloned());
        // A named file is a link at most (the walk follows none): it is read when what it
        // leads to lies inside the project.
        let mut outside = Vec::new();
        let inputs: Vec<Input> = discovery
            .inputs
            .into_iter()
            .filter(|i| {
                (i.explicit && !this.force_exclude)
                    || !this.configs.excludes_any()
                    || !this.configs.is_excluded(&absolute_path(&i.path))
            })
            .filter(|i| {
                if !i.explicit || this.is_overlaid(&i.path) {
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

        let atomic = AtomicStats::new(this.enabled.len());
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
                        this.lint_file(input, &scope.walk_roots, reported, &atomic)
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
            output.stats.include_rounds += 1;
            let wanted = this.referenced_inputs(
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
        // One entry per file: grown once, not copied a dozen times over.
        let mut entries = Vec::with_capacity(results.len());
        let mut held = Vec::new();
        // The JavaScript and TypeScript files with findings, by the name findings give them.
        let mut script_paths: BTreeMap<Arc<str>, PathBuf> = BTreeMap::new();
        // Every file's result is its cache entry as read, or links as it did (none new, none
        // gone): the project phase's parsing on demand is the one of the run that wrote the
        // cache. A text linted in place of a file (an editor's buffer) leaves the file's
        // entry untaken, and counts as read when it links as that entry does: it is
        // compared with the file, whose entry the cache keeps, never with an earlier text.
        let mut overlays_as_read = 0;
        let mut reports_beyond_code = false;
        let mut as_cached = true;
        for mut result in results {
            if result.overlay_links_as_read {
                overlays_as_read += 1;
            } else {
                as_cached &= result
                    .entry
                    .as_ref()
                    .is_some_and(|e| e.as_read || e.links_as_read);
            }
            entries.extend(result.entry.take());
            if let Some(file) = result.held.take() {
                held.push(on_demand::HeldFile {
                    path: result.path.clone(),
                    display: result.display.clone(),
                    kind: result.kind,
                    held: file,
                });
            }
            let reported = scope.reports(&result.display);
            reports_beyond_code |= reported
                && !matches!(
                    result.kind,
                    FileKind::Js | FileKind::Ts | FileKind::Tsx | FileKind::Py
                );
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
            if matches!(result.kind, FileKind::Js | FileKind::Ts | FileKind::Tsx)
                && !result.findings.is_empty()
            {
                script_paths.insert(result.display.clone(), result.path.clone());
            }
            output.findings.extend(result.findings);
        }

        as_cached &= this
            .cache
            .as_ref()
            .is_some_and(|c| c.untaken() == overlays_as_read);
        let project_started = Instant::now();
        // The run that wrote the cache parsed what its held files were wanted for and kept
        // what they gave in their entries: on the same project the same files are wanted,
        // none of them still held.
        let parsed_on_demand = match held.is_empty() || as_cached {
            true => Vec::new(),
            false => this.parse_on_demand(&mut project_files, held, &atomic, pool.as_ref()),
        };
        let project = Project::new(project_files, &discovery.manifests);
        this.check_project(&project, &scope, refused, reports_beyond_code, &mut output);
        this.drop_package_role_findings(&project, &script_paths, &mut output);
        this.drop_vendored_site_findings(&inputs, &discovery.manifests, &mut output);
        this.review_findings_in_project(&project, &mut output);
        if let Some(cache) = &this.cache {
            output.stats.cache =
                Some(this.store_cache(cache, entries, &parsed_on_demand, &project, cache_load));
        }
        view(&project);
        if this.process_ends_after_run {
            // The operating system takes the memory back at once.
            std::mem::forget(project);
        }
        output.stats.project = project_started.elapsed();
        this.apply_config(&mut output, None);
        this.apply_suppressions(suppressions, &scope, &mut output);

        output.stats.read = Duration::from_nanos(atomic.read.load(Ordering::Relaxed));
        output.stats.prefilter = Duration::from_nanos(atomic.prefilter.load(Ordering::Relaxed));
        output.stats.parse = Duration::from_nanos(atomic.parse.load(Ordering::Relaxed));
        output.stats.rules = Duration::from_nanos(atomic.rules.load(Ordering::Relaxed));
        output.stats.parsed = atomic.parsed.load(Ordering::Relaxed);
        if let Some(cache) = output.stats.cache.as_mut() {
            cache.hits = atomic.cached.load(Ordering::Relaxed);
        }
        output.stats.skipped_prefilter = atomic.skipped_prefilter.load(Ordering::Relaxed);
        output.stats.test_code = atomic.test_code.load(Ordering::Relaxed);
        output.stats.parsed_bytes = atomic.parsed_bytes.load(Ordering::Relaxed);
        output.stats.parsed_for_facts = atomic.parsed_for_facts.load(Ordering::Relaxed);
        output.stats.parsed_on_demand = atomic.parsed_on_demand.load(Ordering::Relaxed);
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
        output.stats.by_collector = self
            .collectors
            .iter()
            .map(|c| {
                (
                    CODE_COLLECTORS[*c].fact().name(),
                    atomic.collector_files[*c].load(Ordering::Relaxed),
                    Duration::from_nanos(atomic.collector_nanos[*c].load(Ordering::Relaxed)),
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
        Ok(output)
    }

    /// Looks up the configuration of every directory that holds an input, each once, up
    /// to the project root the input was found under.
    fn resolve_configs(&mut self, inputs: &[Input], roots: &[PathBuf]) -> Result<(), ConfigError> {
        let roots: Vec<PathBuf> = roots.iter().map(|r| absolute_path(r)).collect();
        // Each directory as the walk spells it once, then made absolute: a directory holds
        // many inputs, and making a path absolute allocates.
        // Inputs are sorted: the files of a directory are next to each other, and its
        // spelling is compared as bytes before it is compared as a path.
        let mut parents: Vec<&Path> = inputs
            .iter()
            .filter_map(|input| input.path.parent())
            .collect();
        // Sorted and compared as bytes: comparing paths parses their components.
        parents.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
        parents.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        parents.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
        let mut dirs: Vec<PathBuf> = parents.into_iter().map(absolute_path).collect();
        dirs.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
        dirs.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
        for dir in dirs {
            // The deepest root holding the directory (a project inside another's walk).
            let root = roots
                .iter()
                .filter(|r| root::is_within(&dir, r))
                .max_by_key(|r| r.as_os_str().len())
                .cloned()
                .unwrap_or_else(|| dir.clone());
            self.configs.resolve(&dir, &root)?;
        }
        Ok(())
    }
}

impl Engine {
    /// Writes the run's entries to the cache when they differ from what it held: a file
    /// linted or hashed again, a file gone. An entry whose file gave facts is written with
    /// them (from the project, where they are); the entries of texts linted in place of a
    /// file's content stay as they were.
    ///
    /// The entries of files the project phase parsed on demand (`parsed_on_demand`) keep
    /// what the parse gave, and are no longer held: the facts a file gives do not depend on
    /// which run asked for them.
    fn store_cache(
        &self,
        cache: &cache::Cache,
        mut entries: Vec<cache::Entry>,
        parsed_on_demand: &[PathBuf],
        project: &Project,
        load: Duration,
    ) -> CacheStats {
        let started = Instant::now();
        // The facts of the project's files by path and kind, built once when needed.
        type FactsByFile<'a> = BTreeMap<(&'a Path, FileKind), &'a Arc<crate::facts::FileFacts>>;
        let facts_by_file = || -> FactsByFile {
            project
                .files
                .iter()
                .map(|f| ((f.path.as_path(), f.kind), &f.facts))
                .collect()
        };
        let mut facts: Option<FactsByFile> = None;
        if !parsed_on_demand.is_empty() {
            let facts = facts.get_or_insert_with(facts_by_file);
            let parsed: HashSet<&Path> = parsed_on_demand.iter().map(PathBuf::as_path).collect();
            for entry in entries
                .iter_mut()
                .filter(|e| !e.held_for.is_empty() && parsed.contains(e.key.path.as_path()))
            {
                entry.held_for.clear();
                entry.has_facts = facts.contains_key(&(entry.key.path.as_path(), entry.key.kind));
                entry.as_read = false;
            }
        }
        let entries = &entries[..];
        let kept = cache.leftovers();
        // Entries kept as read: neither linted nor hashed again this run.
        let kept_as_read = entries.iter().filter(|e| e.as_read).count();
        let mut stats = CacheStats {
            dir: cache.dir().to_path_buf(),
            loaded: cache.loaded_count,
            hits: 0,
            written: false,
            load,
            store: Duration::ZERO,
        };
        let overlaid: Vec<&(cache::Entry, Option<Arc<crate::facts::FileFacts>>)> = kept
            .iter()
            .filter(|(e, _)| self.overlay.contains_key(&e.key.display))
            .collect();
        let changed = kept_as_read != entries.len() || kept.len() != overlaid.len();
        if changed {
            let facts = facts.get_or_insert_with(facts_by_file);
            let mut records: Vec<(&cache::Entry, Option<&Arc<crate::facts::FileFacts>>)> = entries
                .iter()
                .filter_map(|e| match e.has_facts {
                    true => Some((e, Some(*facts.get(&(e.key.path.as_path(), e.key.kind))?))),
                    false => Some((e, None)),
                })
                .collect();
            records.extend(overlaid.iter().map(|(e, f)| (e, f.as_ref())));
            stats.written = cache.write(&records).is_ok();
        }
        stats.store = started.elapsed();
        stats
    }
}

/// The walk's dispatch tables and the prefilter of a set of enabled rules, built once per
/// process for each set (an editor server lints with a new engine on every change, and
/// building the automata costs more than linting one file).
fn dispatch_and_prefilter(enabled: &[Enabled]) -> (Arc<Dispatch>, Arc<Prefilter>) {
    type Built = HashMap<Vec<usize>, (Arc<Dispatch>, Arc<Prefilter>)>;
    static BUILT: std::sync::OnceLock<std::sync::Mutex<Built>> = std::sync::OnceLock::new();
    let key: Vec<usize> = enabled.iter().map(|e| e.index).collect();
    let built = BUILT.get_or_init(Default::default);
    if let Some(found) = built.lock().ok().and_then(|b| b.get(&key).cloned()) {
        return found;
    }
    let made = (
        Arc::new(Dispatch::new(enabled)),
        Arc::new(Prefilter::new(enabled)),
    );
    if let Ok(mut built) = built.lock() {
        built.insert(key, made.clone());
    }
    made
}
