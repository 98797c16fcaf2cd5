//! `backlint.yaml`: rule severities, excluded paths and the paths that hold tests.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lang::yaml;
use crate::roles::{FileRole, RolePatterns, Roles};
use crate::rules;
use crate::source::LineIndex;

pub const FILE_NAMES: &[&str] = &["backlint.yaml", ".backlint.yaml"];

/// Where editors fetch the JSON Schema of `backlint.yaml` (`backlint init` names it in the
/// file's first line); the file is `schema/backlint.schema.json` in the repository.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/backlint/backlint/main/schema/backlint.schema.json";

/// A rule's setting in the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// The rule runs; its findings are `info`.
    Info,
    /// The rule runs; its findings are `warning`.
    Warning,
    /// The rule runs; its findings are `error`.
    Error,
}

impl RuleSetting {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Off => None,
            RuleSetting::Info => Some(Severity::Info),
            RuleSetting::Warning => Some(Severity::Warning),
            RuleSetting::Error => Some(Severity::Error),
        }
    }
}

/// `backlint.yaml`: every key is optional.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "backlint configuration")]
struct RawConfig {
    /// Another configuration file (relative to this one, inside the project root) whose
    /// keys apply where this file does not set them; `rules` are merged per rule id.
    extends: Option<String>,
    /// Rule severities by rule id (`backlint rules` lists the ids).
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
    /// Paths never linted (gitignore-style patterns, relative to this file).
    exclude: Option<Vec<String>>,
    /// Settings for some paths only; the last matching entry wins.
    overrides: Option<Vec<RawOverride>>,
    /// The lowest severity that makes the exit code 1 (default: warning).
    fail_level: Option<Severity>,
    /// Require a reason in every suppression: `backlint-ignore RULE -- reason`.
    require_suppression_reason: Option<bool>,
    /// Run the rules in preview too.
    preview: Option<bool>,
    /// Paths of tests and test fixtures (gitignore-style, relative to this file); replaces
    /// the default list.
    test_files: Option<Vec<String>>,
    /// Paths of code no request runs, by role (gitignore-style, relative to this file);
    /// each list replaces the default list of its role.
    file_roles: Option<BTreeMap<FileRole, Vec<String>>>,
    /// Where `check` keeps its result cache: a directory inside the project root, relative
    /// to this file (default: `.backlint_cache` at the project root). `--cache-dir` and
    /// `BACKLINT_CACHE_DIR` take precedence.
    cache_dir: Option<String>,
}

/// A key's value with the file that set it: path patterns are relative to that file's
/// directory, and errors name it.
struct FromFile<T> {
    value: T,
    /// The configuration file that set the key.
    file: PathBuf,
    /// Its directory, absolute.
    base: PathBuf,
}

/// The keys of a configuration and the files in its `extends` chain that set them.
#[derive(Default)]
struct MergedConfig {
    rules: BTreeMap<String, RuleSetting>,
    exclude: Option<FromFile<Vec<String>>>,
    overrides: Option<FromFile<Vec<RawOverride>>>,
    fail_level: Option<Severity>,
    require_suppression_reason: Option<bool>,
    preview: Option<bool>,
    test_files: Option<FromFile<Vec<String>>>,
    file_roles: Option<FromFile<BTreeMap<FileRole, Vec<String>>>>,
    cache_dir: Option<FromFile<String>>,
}

impl MergedConfig {
    /// Sets the keys `raw` sets that are not set yet (`raw` is further up the chain than
    /// what was merged before); rules are merged per rule id.
    fn inherit(&mut self, raw: RawConfig, file: &Path, base: &Path) {
        let from = |value| FromFile {
            value,
            file: file.to_path_buf(),
            base: base.to_path_buf(),
        };
        for (id, setting) in raw.rules {
            self.rules.entry(id).or_insert(setting);
        }
        if self.exclude.is_none() {
            self.exclude = raw.exclude.map(from);
        }
        if self.overrides.is_none() {
            self.overrides = raw.overrides.map(|o| FromFile {
                value: o,
                file: file.to_path_buf(),
                base: base.to_path_buf(),
            });
        }
        self.fail_level = self.fail_level.or(raw.fail_level);
        self.require_suppression_reason = self
            .require_suppression_reason
            .or(raw.require_suppression_reason);
        self.preview = self.preview.or(raw.preview);
        if self.test_files.is_none() {
            self.test_files = raw.test_files.map(|t| FromFile {
                value: t,
                file: file.to_path_buf(),
                base: base.to_path_buf(),
            });
        }
        if self.cache_dir.is_none() {
            self.cache_dir = raw.cache_dir.map(|d| FromFile {
                value: d,
                file: file.to_path_buf(),
                base: base.to_path_buf(),
            });
        }
        if self.file_roles.is_none() {
            self.file_roles = raw.file_roles.map(|r| FromFile {
                value: r,
                file: file.to_path_buf(),
                base: base.to_path_buf(),
            });
        }
    }
}

/// Rule settings for the files some patterns match.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    /// The files this entry applies to (gitignore-style patterns, relative to this file).
    files: Vec<String>,
    /// Rule severities by rule id for these files.
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
}

struct Override {
    files: Gitignore,
    /// The patterns as written, for `--show-settings`.
    patterns: Vec<String>,
    rules: BTreeMap<String, RuleSetting>,
}

/// Where tests and their fixtures live unless `test-files` says otherwise. Patterns are
/// gitignore-style and matched against the path relative to the checked directory.
pub const DEFAULT_TEST_FILES: &[&str] = &[
    "test/",
    "tests/",
    "__tests__/",
    "spec/",
    "e2e/",
    "fixtures/",
    "integration-tests/",
    "unittests/",
    "unit-tests/",
    "unit_tests/",
    // Load-test harnesses: their servers and manifests live for one test run.
    "loadtest/",
    "loadtests/",
    "load-tests/",
    "load_tests/",
    "test-utils/",
    "test_utils/",
    "testutils/",
    "test-environments/",
    "test-setup.*",
    "*.test.*",
    "*.spec.*",
    "*.e2e.*",
    "test_*.py",
    "*_test.py",
    "tests.py",
    "conftest.py",
    ".env.test",
    ".env.testing",
];

/// The loaded configuration.
#[derive(Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    /// The files it was read from: `path` first, then each file the one before `extends`.
    pub chain: Vec<PathBuf>,
    pub rules: BTreeMap<String, RuleSetting>,
    pub fail_level: Option<Severity>,
    pub require_suppression_reason: bool,
    /// Run the rules in preview too (`--preview`).
    pub preview: bool,
    exclude: Option<Gitignore>,
    overrides: Vec<Override>,
    /// `None`: the default test paths.
    test_files: Option<Gitignore>,
    /// The directory `test-files` patterns are relative to (`None`: the project root).
    test_files_base: Option<PathBuf>,
    /// `None`: the default role paths.
    roles: Option<RolePatterns>,
    /// The directory `file-roles` patterns are relative to (`None`: the project root).
    roles_base: Option<PathBuf>,
    /// The patterns as written, for `--show-settings`.
    written: WrittenPatterns,
    /// Where `check` keeps its result cache (`cache-dir`), absolute; checked to lie inside
    /// the project root.
    pub cache_dir: Option<PathBuf>,
}

/// The path patterns of a configuration as written in it.
#[derive(Default, Debug)]
struct WrittenPatterns {
    exclude: Vec<String>,
    test_files: Option<Vec<String>>,
    file_roles: BTreeMap<FileRole, Vec<String>>,
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

impl Config {
    /// A hash of everything in this configuration that decides a file's per-file result:
    /// the files it was read from (with their content), its rule settings, its path
    /// patterns and the run's options applied to it. Two configurations with one identity
    /// judge a file alike (the result cache keys entries by it).
    pub fn identity(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.path.hash(&mut hasher);
        for file in &self.chain {
            file.hash(&mut hasher);
            std::fs::read(file).ok().hash(&mut hasher);
        }
        format!(
            "{:?} {:?} {} {} {:?} {:?} {:?}",
            self.rules,
            self.fail_level,
            self.require_suppression_reason,
            self.preview,
            self.test_files_base,
            self.roles_base,
            self.written,
        )
        .hash(&mut hasher);
        hasher.finish()
    }

    /// Loads a configuration file and the files it `extends`, which must lie inside the
    /// project root of `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let root = crate::root::project_root(path);
        Config::load_within(path, &root)
    }

    /// Loads a configuration file and the files it `extends`, which must lie inside `root`.
    /// A missing file, a file outside `root` and a cycle are errors.
    pub fn load_within(path: &Path, root: &Path) -> Result<Config, ConfigError> {
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut merged = MergedConfig::default();
        let mut chain: Vec<PathBuf> = Vec::new();
        let mut seen: Vec<PathBuf> = Vec::new();
        let mut current = path.to_path_buf();
        loop {
            let canonical = std::fs::canonicalize(&current).map_err(|e| ConfigError {
                path: current.clone(),
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            })?;
            if seen.contains(&canonical) {
                let names: Vec<String> = chain
                    .iter()
                    .chain(std::iter::once(&current))
                    .map(|p| p.display().to_string())
                    .collect();
                return Err(ConfigError {
                    path: path.to_path_buf(),
                    line: 0,
                    column: 0,
                    message: format!("`extends` makes a cycle: {}", names.join(" -> ")),
                });
            }
            seen.push(canonical);
            chain.push(current.clone());
            let raw = read_raw(&current)?;
            let parent = current
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Globs are relative to the directory of the file that sets them, made absolute
            // so that every path asked about can be compared with them.
            let base = crate::root::absolute(parent).unwrap_or_else(|| parent.to_path_buf());
            let extends = raw.extends.clone();
            merged.inherit(raw, &current, &base);
            let Some(target) = extends else {
                break;
            };
            let next = crate::root::normalize(&parent.join(&target));
            let error = |message: String| ConfigError {
                path: current.clone(),
                line: 0,
                column: 0,
                message,
            };
            if !next.is_file() {
                return Err(error(format!(
                    "extends: `{target}` does not exist (looked for {})",
                    next.display()
                )));
            }
            let inside = std::fs::canonicalize(&next)
                .is_ok_and(|resolved| resolved.starts_with(&canonical_root));
            if !inside {
                return Err(error(format!(
                    "extends: `{target}` is outside the project root {}",
                    root.display()
                )));
            }
            current = next;
        }
        let cache_dir = match &merged.cache_dir {
            Some(set) => Some(cache_dir_within(set, root, &canonical_root)?),
            None => None,
        };
        let mut config = Config::build(merged, chain)?;
        config.cache_dir = cache_dir;
        Ok(config)
    }

    /// The configuration from its merged keys.
    fn build(merged: MergedConfig, chain: Vec<PathBuf>) -> Result<Config, ConfigError> {
        let error = |file: &Path, message: String| ConfigError {
            path: file.to_path_buf(),
            line: 0,
            column: 0,
            message,
        };
        let exclude = match &merged.exclude {
            Some(set) if !set.value.is_empty() => {
                let mut builder = GitignoreBuilder::new(&set.base);
                for glob in &set.value {
                    builder.add_line(None, glob).map_err(|e| {
                        error(&set.file, format!("invalid exclude pattern `{glob}`: {e}"))
                    })?;
                }
                Some(
                    builder
                        .build()
                        .map_err(|e| error(&set.file, e.to_string()))?,
                )
            }
            _ => None,
        };
        let mut overrides = Vec::new();
        if let Some(set) = merged.overrides {
            for o in set.value {
                let mut builder = GitignoreBuilder::new(&set.base);
                for glob in &o.files {
                    builder.add_line(None, glob).map_err(|e| {
                        error(&set.file, format!("invalid override pattern `{glob}`: {e}"))
                    })?;
                }
                overrides.push(Override {
                    files: builder
                        .build()
                        .map_err(|e| error(&set.file, e.to_string()))?,
                    patterns: o.files,
                    rules: o.rules,
                });
            }
        }
        let test_files = match &merged.test_files {
            None => None,
            Some(set) => Some(
                test_matcher(set.value.iter().map(String::as_str))
                    .map_err(|e| error(&set.file, format!("invalid test-files pattern: {e}")))?,
            ),
        };
        let roles = match &merged.file_roles {
            Some(set) if !set.value.is_empty() => {
                let lists: Vec<(FileRole, Vec<String>)> = set
                    .value
                    .iter()
                    .map(|(role, list)| (*role, list.clone()))
                    .collect();
                Some(RolePatterns::new(&lists).map_err(|e| error(&set.file, e))?)
            }
            _ => None,
        };
        let written = WrittenPatterns {
            exclude: merged
                .exclude
                .as_ref()
                .map(|set| set.value.clone())
                .unwrap_or_default(),
            test_files: merged.test_files.as_ref().map(|set| set.value.clone()),
            file_roles: merged
                .file_roles
                .as_ref()
                .map(|set| set.value.clone())
                .unwrap_or_default(),
        };
        Ok(Config {
            path: chain.first().cloned(),
            chain,
            roles,
            roles_base: merged
                .file_roles
                .map(|set| crate::facts::topology::normalize(&set.base)),
            rules: merged.rules,
            fail_level: merged.fail_level,
            require_suppression_reason: merged.require_suppression_reason.unwrap_or(false),
            preview: merged.preview.unwrap_or(false),
            exclude,
            overrides,
            test_files,
            test_files_base: merged
                .test_files
                .map(|set| crate::facts::topology::normalize(&set.base)),
            written,
            cache_dir: None,
        })
    }

    pub fn has_overrides(&self) -> bool {
        !self.overrides.is_empty()
    }

    /// The setting the last matching override gives a rule for a path: `None` when no
    /// override speaks of it, `Some(None)` when it turns the rule off.
    pub fn override_for(&self, path: &str, rule: &str) -> Option<Option<Severity>> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
        self.overrides
            .iter()
            .rev()
            .filter(|o| glob_matches(&o.files, &absolute))
            .find_map(|o| o.rules.get(rule))
            .map(|setting| setting.severity())
    }

    /// True when a file belongs to tests or test fixtures: rules that would flag deliberate
    /// test data skip these files. `absolute` is the file's absolute path, `relative` its
    /// path relative to the project root; patterns set in a configuration file are matched
    /// relative to that file's directory, the defaults relative to the project root.
    pub fn is_test_file(&self, absolute: &Path, relative: &Path) -> bool {
        let relative = relative_to_base(self.test_files_base.as_deref(), absolute, relative);
        static DEFAULT: std::sync::OnceLock<Option<Gitignore>> = std::sync::OnceLock::new();
        let matcher = match &self.test_files {
            Some(m) => Some(m),
            None => DEFAULT
                .get_or_init(|| test_matcher(DEFAULT_TEST_FILES.iter().copied()).ok())
                .as_ref(),
        };
        let Some(matcher) = matcher else {
            return false;
        };
        if relative.has_root() {
            return false;
        }
        matcher
            .matched_path_or_any_parents(relative, false)
            .is_ignore()
    }

    /// The roles of a file (see `roles`), from its path (absolute, and relative to the
    /// project root, as for `is_test_file`) and its bytes; `python` says which language
    /// code is in (`None`: not code).
    pub fn roles_of(
        &self,
        absolute: &Path,
        relative: &Path,
        bytes: &[u8],
        python: Option<bool>,
    ) -> Roles {
        let relative = relative_to_base(self.roles_base.as_deref(), absolute, relative);
        self.roles
            .as_ref()
            .unwrap_or_else(|| RolePatterns::defaults())
            .roles_of(relative, bytes, python)
    }

    /// True when the configuration lists its own `file-roles` patterns for `role`.
    pub fn configures_role(&self, role: FileRole) -> bool {
        self.written.file_roles.contains_key(&role)
    }

    /// True when the config excludes this path.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(exclude) = &self.exclude else {
            return false;
        };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        glob_matches(exclude, &absolute)
    }
}

/// The directory a configuration's `cache-dir` names, absolute: it must lie inside the
/// project root (a repository's configuration cannot direct backlint's writes elsewhere),
/// and so must whatever part of it exists once links are followed.
fn cache_dir_within(
    set: &FromFile<String>,
    root: &Path,
    canonical_root: &Path,
) -> Result<PathBuf, ConfigError> {
    let error = |message: String| ConfigError {
        path: set.file.clone(),
        line: 0,
        column: 0,
        message,
    };
    if set.value.trim().is_empty() {
        return Err(error(
            "cache-dir: give a directory inside the project root".into(),
        ));
    }
    let dir = crate::root::normalize(&set.base.join(&set.value));
    let root_absolute = crate::root::absolute(root).unwrap_or_else(|| root.to_path_buf());
    let outside = || {
        error(format!(
            "cache-dir: `{}` is outside the project root {}; only a directory inside it is accepted",
            set.value,
            root.display()
        ))
    };
    if dir == root_absolute || !dir.starts_with(&root_absolute) {
        return Err(outside());
    }
    // The deepest part that exists, with its links followed, is inside the root too.
    let existing = dir.ancestors().find(|a| a.exists()).unwrap_or(&dir);
    let resolved = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    if !resolved.starts_with(canonical_root) || (existing == dir && resolved == canonical_root) {
        return Err(outside());
    }
    Ok(dir)
}

/// The configuration file in a directory, if any; both names in one directory is an error.
pub fn file_in(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    let present: Vec<PathBuf> = FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .filter(|path| path.is_file())
        .collect();
    match present.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        [first, second, ..] => Err(ConfigError {
            path: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "both {} and {} exist; keep one of them",
                first.display(),
                second.display()
            ),
        }),
    }
}

/// Which configuration files directories held when the project's file list was kept
/// (`engine::listing`): while that list stands, no entry of those directories was added,
/// removed or renamed, so the lookup need not ask the file system again.
#[derive(Debug, Default)]
pub struct KnownConfigFiles {
    /// Absolute directory → bit `i` set when `FILE_NAMES[i]` is a file there.
    by_dir: crate::util::FastMap<OsString, u8>,
}

impl KnownConfigFiles {
    pub fn insert(&mut self, dir: OsString, present: u8) {
        self.by_dir.insert(dir, present);
    }

    /// What `file_in` would answer for `dir` (absolute), when known and not an error.
    fn file_in(&self, dir: &Path) -> Option<Option<PathBuf>> {
        let present = *self.by_dir.get(dir.as_os_str())?;
        let mut names = FILE_NAMES
            .iter()
            .enumerate()
            .filter(|(i, _)| present & (1 << i) != 0);
        match (names.next(), names.next()) {
            (None, _) => Some(None),
            (Some((_, name)), None) => Some(Some(dir.join(name))),
            // Both: `file_in` tells the error.
            (Some(_), Some(_)) => None,
        }
    }
}

/// Which of `FILE_NAMES` are regular files in `dir` (bit `i` for `FILE_NAMES[i]`); `None`
/// when one is a link or cannot be told, whose answer may change without `dir` changing.
pub fn config_files_present(dir: &Path) -> Option<u8> {
    let mut present = 0;
    for (i, name) in FILE_NAMES.iter().enumerate() {
        match std::fs::symlink_metadata(dir.join(name)) {
            Ok(metadata) if metadata.file_type().is_symlink() => return None,
            Ok(metadata) if metadata.is_file() => present |= 1 << i,
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return None,
        }
    }
    Some(present)
}

/// The configurations of one run: the one `--config` names, for every file; or, for each
/// file, the nearest `backlint.yaml` / `.backlint.yaml` at or above its directory up to its
/// project root (closest wins; the defaults where there is none). Each directory is looked
/// up once, each configuration file loaded once.
pub struct Configs {
    /// `[0]`: the configuration `--config` names, or the defaults.
    list: Vec<Config>,
    /// Per configuration: the one that governs the directory above its file's (`None` for
    /// `[0]`); a path excluded there is excluded below too.
    parents: Vec<Option<usize>>,
    fixed: bool,
    /// `--preview`: every configuration runs the rules in preview too.
    preview: bool,
    /// Rules every configuration runs unless it sets them itself (the editor's
    /// `syntax-error`).
    on_unless_set: Vec<String>,
    /// Absolute directory → the configuration that governs the files in it.
    /// Keyed by the directory's bytes (hashing a `Path` walks its components; the
    /// directories are spelled one way, from `absolute_path` and `Path::parent`).
    by_dir: crate::util::FastMap<OsString, usize>,
    /// Absolute path of a configuration file → its index.
    by_file: BTreeMap<PathBuf, usize>,
    /// The configuration files of directories as the kept file list knows them.
    known_files: KnownConfigFiles,
}

impl Configs {
    /// One configuration for every file (`--config FILE`).
    pub fn fixed(config: Config) -> Configs {
        Configs {
            list: vec![config],
            parents: vec![None],
            fixed: true,
            preview: false,
            on_unless_set: Vec::new(),
            by_dir: HashMap::default(),
            by_file: BTreeMap::new(),
            known_files: KnownConfigFiles::default(),
        }
    }

    /// Directories whose configuration files are known without asking the file system
    /// (the kept file list stands); replaces what an earlier run knew.
    pub fn know_files(&mut self, known: KnownConfigFiles) {
        self.known_files = known;
    }

    /// The configurations found above the files of a run, as `resolve` finds them.
    pub fn discovered() -> Configs {
        Configs {
            fixed: false,
            ..Configs::fixed(Config::default())
        }
    }

    pub fn is_fixed(&self) -> bool {
        self.fixed
    }

    /// `--preview`: every configuration runs the rules in preview too.
    pub fn force_preview(&mut self) {
        self.preview = true;
        self.reapply_run_options();
    }

    /// Runs `rule` as an error under every configuration that does not set it itself, those
    /// found later included.
    pub fn turn_on_unless_set(&mut self, rule: &str) {
        self.on_unless_set.push(rule.to_string());
        self.reapply_run_options();
    }

    /// What the run asks of every configuration (`force_preview`, `turn_on_unless_set`),
    /// applied to one.
    fn apply_run_options(preview: bool, on_unless_set: &[String], config: &mut Config) {
        config.preview |= preview;
        for rule in on_unless_set {
            config
                .rules
                .entry(rule.clone())
                .or_insert(RuleSetting::Error);
        }
    }

    fn reapply_run_options(&mut self) {
        for config in &mut self.list {
            Configs::apply_run_options(self.preview, &self.on_unless_set, config);
        }
    }

    /// Every configuration of the run so far; indexes are those `resolve` returns.
    pub fn all(&self) -> &[Config] {
        &self.list
    }

    pub fn get(&self, index: usize) -> &Config {
        self.list.get(index).unwrap_or(&self.list[0])
    }

    /// The index of the configuration that governs the files in `dir` (absolute): the
    /// nearest configuration file at or above it, up to `root` (absolute). Loads the files
    /// found on the way (and what they extend) once each.
    pub fn resolve(&mut self, dir: &Path, root: &Path) -> Result<usize, ConfigError> {
        if self.fixed {
            return Ok(0);
        }
        // Up to a directory already looked up, or the root.
        let mut walked: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        let mut above = 0;
        let mut current = Some(dir);
        while let Some(d) = current {
            if let Some(&index) = self.by_dir.get(d.as_os_str()) {
                above = index;
                break;
            }
            let file = match self.known_files.file_in(d) {
                Some(file) => file,
                None => file_in(d)?,
            };
            walked.push((d.to_path_buf(), file));
            if d.as_os_str() == root.as_os_str() || !crate::root::is_within(d, root) {
                break;
            }
            current = d.parent();
        }
        // From the top down: each directory is governed by the nearest file at or above it.
        let mut governing = above;
        for (d, file) in walked.into_iter().rev() {
            if let Some(file) = file {
                let index = match self.by_file.get(&file) {
                    Some(&index) => index,
                    None => {
                        let mut config = Config::load_within(&file, root)?;
                        Configs::apply_run_options(self.preview, &self.on_unless_set, &mut config);
                        self.list.push(config);
                        self.parents.push(Some(governing));
                        let index = self.list.len() - 1;
                        self.by_file.insert(file, index);
                        index
                    }
                };
                governing = index;
            }
            self.by_dir.insert(d.into_os_string(), governing);
        }
        Ok(governing)
    }

    /// The index of the configuration that governs a file (absolute path) whose directory
    /// was resolved; the nearest resolved directory above it otherwise.
    pub fn index_for(&self, absolute: &Path) -> usize {
        if self.fixed {
            return 0;
        }
        absolute
            .ancestors()
            .skip(1)
            .find_map(|dir| self.by_dir.get(dir.as_os_str()).copied())
            .unwrap_or(0)
    }

    /// Whether some configuration of the run has `exclude` patterns (without any, no file
    /// is excluded and no path need be made absolute to ask).
    pub fn excludes_any(&self) -> bool {
        self.list.iter().any(|config| config.exclude.is_some())
    }

    /// True when the file's configuration, or one governing a directory above it, excludes
    /// it (absolute path).
    pub fn is_excluded(&self, absolute: &Path) -> bool {
        if !self.excludes_any() {
            return false;
        }
        let mut index = Some(self.index_for(absolute));
        // Each configuration's parent governs a directory strictly above its own: the chain
        // ends, and is never longer than the number of configurations.
        for _ in 0..self.list.len() {
            let Some(i) = index else {
                return false;
            };
            if self.get(i).is_excluded(absolute) {
                return true;
            }
            index = self.parents.get(i).copied().flatten();
        }
        false
    }
}

impl Config {
    /// The resolved settings for one file, as `check --show-settings FILE` prints them:
    /// the configuration file, each rule's severity for this file (or why it is off), the
    /// path patterns, and where the file stands among them. `relative` is the file's path
    /// relative to its project root; `bytes` its contents (roles look at both); `excluded`
    /// whether this configuration or one governing a directory above excludes it.
    pub fn describe_for(
        &self,
        file: &Path,
        relative: &Path,
        bytes: &[u8],
        excluded: bool,
        headers: &[rules::RuleHeader],
    ) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(out, "file: {}", file.display());
        let _ = writeln!(
            out,
            "config: {}",
            self.path
                .as_ref()
                .map_or("none (defaults)".to_string(), |p| p.display().to_string())
        );
        for extended in self.chain.iter().skip(1) {
            let _ = writeln!(out, "extends: {}", extended.display());
        }
        let _ = writeln!(out, "preview: {}", self.preview);
        let _ = writeln!(
            out,
            "fail-level: {}",
            self.fail_level.unwrap_or(Severity::Warning).as_str()
        );
        let _ = writeln!(
            out,
            "require-suppression-reason: {}",
            self.require_suppression_reason
        );
        let list = |patterns: &[String]| {
            if patterns.is_empty() {
                "[]".to_string()
            } else {
                patterns.join(", ")
            }
        };
        let _ = writeln!(out, "exclude: {}", list(&self.written.exclude));
        match &self.written.test_files {
            Some(patterns) => {
                let _ = writeln!(out, "test-files: {}", list(patterns));
            }
            None => {
                let _ = writeln!(
                    out,
                    "test-files (default): {}",
                    DEFAULT_TEST_FILES.join(", ")
                );
            }
        }
        let _ = writeln!(out, "file-roles:");
        for role in FileRole::ALL {
            match self.written.file_roles.get(&role) {
                Some(patterns) => {
                    let _ = writeln!(out, "  {}: {}", role.name(), list(patterns));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {} (default): {}",
                        role.name(),
                        role.default_patterns().join(", ")
                    );
                }
            }
        }
        for o in &self.overrides {
            let settings: Vec<String> = o
                .rules
                .iter()
                .map(|(id, setting)| format!("{id}={}", setting_name(*setting)))
                .collect();
            let _ = writeln!(
                out,
                "override: files {} -> {}",
                list(&o.patterns),
                settings.join(", ")
            );
        }
        let _ = writeln!(out, "excluded: {excluded}");
        let python = match file.extension().and_then(|e| e.to_str()) {
            Some("py") => Some(true),
            Some("js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts") => Some(false),
            _ => None,
        };
        let absolute = crate::root::absolute(file).unwrap_or_else(|| file.to_path_buf());
        let is_test = self.is_test_file(&absolute, relative);
        let is_test_code =
            is_test && python.is_some_and(|py| crate::roles::is_test_code(relative, bytes, py));
        let _ = writeln!(
            out,
            "test file: {}",
            match (is_test, is_test_code) {
                (false, _) => "no",
                (true, false) => "yes (no test framework used: helpers, fixtures, settings)",
                (true, true) =>
                    "yes, test code (uses a test framework, or its name says it is part of the tests)",
            }
        );
        let roles = self.roles_of(&absolute, relative, bytes, python);
        let role_names: Vec<&str> = FileRole::ALL
            .iter()
            .filter(|r| roles.has(**r))
            .map(|r| r.name())
            .collect();
        let _ = writeln!(
            out,
            "roles: {}",
            if role_names.is_empty() {
                "none".to_string()
            } else {
                role_names.join(", ")
            }
        );
        let _ = writeln!(out, "rules:");
        let file_text = file.to_string_lossy();
        let width = rules::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for (entry, header) in rules::RULES.iter().zip(headers) {
            let configured = self.rules.get(entry.id).copied();
            let (enabled, state) = match configured {
                Some(RuleSetting::Off) => (false, "off (config)".to_string()),
                Some(setting) => (true, format!("{} (config)", setting_name(setting))),
                None => match header.default {
                    rules::DefaultState::On => {
                        (true, format!("{} (default)", header.severity.as_str()))
                    }
                    rules::DefaultState::Preview if self.preview => {
                        (true, format!("{} (preview, on)", header.severity.as_str()))
                    }
                    rules::DefaultState::Preview => (false, "off (preview)".to_string()),
                    rules::DefaultState::Off => (false, "off (default)".to_string()),
                },
            };
            // An override changes the severity of a rule that runs, or turns it off here.
            let state = match self.override_for(&file_text, entry.id) {
                Some(Some(severity)) if enabled => format!("{} (override)", severity.as_str()),
                Some(None) if enabled => "off (override)".to_string(),
                _ => state,
            };
            let mut notes = Vec::new();
            if is_test {
                match header.test_files {
                    rules::TestFiles::Skip => notes.push("skips test files".to_string()),
                    rules::TestFiles::SkipTestCode if is_test_code => {
                        notes.push("skips test code".to_string())
                    }
                    rules::TestFiles::SkipTestCode => {}
                    rules::TestFiles::Check => {}
                }
            }
            for role in header.skips.iter().filter(|r| roles.has(**r)) {
                notes.push(format!("skips {}", role.name()));
            }
            if enabled && !notes.is_empty() {
                let _ = writeln!(out, "  {:width$}  {state}; {}", entry.id, notes.join(", "));
            } else {
                let _ = writeln!(out, "  {:width$}  {state}", entry.id);
            }
        }
        out
    }
}

/// A file's path relative to the directory of the configuration file that set a list of
/// patterns; relative to the project root (`relative`) when none did or the file is not
/// below that directory.
fn relative_to_base<'p>(base: Option<&Path>, absolute: &'p Path, relative: &'p Path) -> &'p Path {
    base.and_then(|base| absolute.strip_prefix(base).ok())
        .unwrap_or(relative)
}

/// One configuration file, parsed and checked: its keys and values, and its rule ids.
fn read_raw(path: &Path) -> Result<RawConfig, ConfigError> {
    let error = |line: usize, column: usize, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| error(0, 0, format!("cannot read: {e}")))?;
    let raw: RawConfig = if text.trim().is_empty() {
        RawConfig::default()
    } else {
        serde_yaml_ng::from_str(&text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            error(line, column, parse_error_message(&e.to_string()))
        })?
    };
    for id in raw
        .rules
        .keys()
        .chain(raw.overrides.iter().flatten().flat_map(|o| o.rules.keys()))
    {
        if rules::index_of(id).is_none() {
            let (line, column, key_path) = key_position(&text, id);
            let hint = rules::suggest(id).map_or(String::new(), |s| {
                format!("; did you mean `{s}`? (`backlint rules` lists the ids)")
            });
            return Err(error(
                line,
                column,
                format!("{key_path}: unknown rule `{id}`{hint}"),
            ));
        }
    }
    Ok(raw)
}

fn setting_name(setting: RuleSetting) -> &'static str {
    match setting {
        RuleSetting::Off => "off",
        RuleSetting::Info => "info",
        RuleSetting::Warning => "warning",
        RuleSetting::Error => "error",
    }
}

/// True when a gitignore-style set of globs matches the path or a directory above it. Paths
/// outside the globs' base directory never match (the matcher would panic on them).
fn glob_matches(globs: &Gitignore, absolute: &Path) -> bool {
    let absolute = crate::facts::topology::normalize(absolute);
    absolute.starts_with(globs.path())
        && globs
            .matched_path_or_any_parents(&absolute, false)
            .is_ignore()
}

/// A matcher of gitignore-style patterns over relative paths.
fn test_matcher<'a>(globs: impl Iterator<Item = &'a str>) -> Result<Gitignore, ignore::Error> {
    let mut builder = GitignoreBuilder::new("");
    for glob in globs {
        builder.add_line(None, glob)?;
    }
    builder.build()
}

/// Line and column (1-based) of the mapping key `key` under `rules:`, at the top or in an
/// override, and the path of that `rules:` (`rules`, `overrides[1].rules`).
fn key_position(text: &str, key: &str) -> (usize, usize, String) {
    let lines = LineIndex::new(text);
    let not_found = (0, 0, "rules".to_string());
    let Ok(docs) = yaml::parse(text, &lines) else {
        return not_found;
    };
    let Some(doc) = docs.first() else {
        return not_found;
    };
    let top = doc
        .get("rules")
        .and_then(|r| r.entry(key))
        .map(|(k, _)| (k, "rules".to_string()));
    let in_override = || {
        doc.get("overrides")?
            .as_seq()?
            .iter()
            .enumerate()
            .find_map(|(i, o)| {
                let (k, _) = o.get("rules")?.entry(key)?;
                Some((k, format!("overrides[{i}].rules")))
            })
    };
    match top.or_else(in_override) {
        Some((k, path)) => {
            let p = lines.position(text, k.range.start);
            (p.line, p.column, path)
        }
        None => not_found,
    }
}

/// A YAML or schema error as shown to the user: the position is printed once, before the
/// message (so it is cut from the parser's text), and a misspelt key or value gets the
/// closest valid one (`warn` → `warning`).
fn parse_error_message(text: &str) -> String {
    let message = match text.rfind(" at line ") {
        Some(at) if text[at..].contains(" column ") => &text[..at],
        _ => text,
    };
    // An enumerated value given as a map or list (`severity: warn` under a rule id): the
    // YAML parser speaks of tags; say what the key takes.
    const TAGGED: &str = "expected a YAML tag starting with '!'";
    if let Some(at) = message.find(TAGGED) {
        let key_is_a_rule = message.starts_with("rules.");
        let expected = if key_is_a_rule {
            "expected one of `off`, `info`, `warning`, `error` (a rule's setting is one word: `sql-interpolation: warning`)"
        } else {
            "expected a single word (see `backlint init` for the values each key takes)"
        };
        return format!("{}{expected}", &message[..at]);
    }
    let (Some(word), Some(expected_at)) = (
        ["unknown field `", "unknown variant `"]
            .iter()
            .find_map(|start| message.find(start).map(|i| i + start.len()))
            .and_then(|i| message[i..].split('`').next()),
        message.find("expected "),
    ) else {
        return message.to_string();
    };
    let expected: Vec<&str> = message[expected_at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    match crate::util::closest(word, expected.iter().copied()) {
        Some(closest) => format!("{message}; did you mean `{closest}`?"),
        None => message.to_string(),
    }
}

/// The JSON Schema of `backlint.yaml`, from the configuration's types; the rule ids are
/// listed under `rules` so that editors complete them.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(RawConfig).to_value();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), SCHEMA_URL.into());
    }
    let summaries: BTreeMap<&str, &str> = rules::metadata()
        .map(|meta| {
            meta.iter()
                .map(|m| (m.id.as_str(), m.summary.trim()))
                .collect()
        })
        .unwrap_or_default();
    let mut rule_ids = serde_json::Map::new();
    for entry in rules::RULES {
        let mut property = serde_json::Map::new();
        property.insert("$ref".into(), "#/$defs/RuleSetting".into());
        if let Some(summary) = summaries.get(entry.id) {
            property.insert("description".into(), (*summary).into());
        }
        rule_ids.insert(entry.id.into(), property.into());
    }
    let rule_maps = ["/properties/rules", "/$defs/RawOverride/properties/rules"];
    for pointer in rule_maps {
        if let Some(serde_json::Value::Object(map)) = schema.pointer_mut(pointer) {
            map.insert("properties".into(), rule_ids.clone().into());
            map.insert("additionalProperties".into(), false.into());
        }
    }
    // The roles as the keys of `file-roles`, each with its default list.
    if let Some(serde_json::Value::Object(map)) = schema.pointer_mut("/properties/file-roles") {
        let mut roles = serde_json::Map::new();
        for role in FileRole::ALL {
            let list = serde_json::json!({
                "type": "array",
                "items": { "type": "string" },
                "description": format!(
                    "Replaces the default list: {}",
                    role.default_patterns().join(", ")
                ),
            });
            roles.insert(role.name().into(), list);
        }
        map.insert("properties".into(), roles.into());
        map.insert("additionalProperties".into(), false.into());
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
