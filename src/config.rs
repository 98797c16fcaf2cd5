//! `backlint.yaml`: rule severities, excluded paths and the paths that hold tests.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lang::yaml;
use crate::roles::{FileRole, RolePatterns, Roles};
use crate::rules;
use crate::source::LineIndex;

pub const FILE_NAMES: &[&str] = &["backlint.yaml", ".backlint.yaml"];

/// A rule's setting in the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Info,
    Warning,
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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    fail_level: Option<Severity>,
    #[serde(default)]
    require_suppression_reason: bool,
    /// Run the rules in preview too.
    #[serde(default)]
    preview: bool,
    /// Paths of tests and test fixtures (gitignore-style); replaces the default list.
    #[serde(default)]
    test_files: Option<Vec<String>>,
    /// Paths of code no request runs, by role (gitignore-style); each list replaces the
    /// default list of its role.
    #[serde(default)]
    file_roles: BTreeMap<FileRole, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
}

struct Override {
    files: Gitignore,
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
    "test-utils/",
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
    pub rules: BTreeMap<String, RuleSetting>,
    pub fail_level: Option<Severity>,
    pub require_suppression_reason: bool,
    /// Run the rules in preview too (`--preview`).
    pub preview: bool,
    exclude: Option<Gitignore>,
    overrides: Vec<Override>,
    /// `None`: the default test paths.
    test_files: Option<Gitignore>,
    /// `None`: the default role paths.
    roles: Option<RolePatterns>,
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
    /// Finds `backlint.yaml` in `start` or the nearest directory above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(start).ok()?;
        let mut dir = if absolute.is_dir() {
            Some(absolute.as_path())
        } else {
            absolute.parent()
        };
        while let Some(d) = dir {
            for name in FILE_NAMES {
                let candidate = d.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            dir = d.parent();
        }
        None
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
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
                error(line, column, e.to_string())
            })?
        };
        for id in raw
            .rules
            .keys()
            .chain(raw.overrides.iter().flat_map(|o| o.rules.keys()))
        {
            if rules::index_of(id).is_none() {
                let (line, column) = key_position(&text, id);
                let hint =
                    rules::suggest(id).map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                return Err(error(line, column, format!("unknown rule `{id}`{hint}")));
            }
        }
        // Globs are relative to the config file's directory, made absolute so that every
        // path asked about can be compared with it.
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let base_dir = std::path::absolute(parent)
            .map(|p| crate::facts::topology::normalize(&p))
            .unwrap_or_else(|_| parent.to_path_buf());
        let base = base_dir.as_path();
        let exclude = if raw.exclude.is_empty() {
            None
        } else {
            let mut builder = GitignoreBuilder::new(base);
            for glob in &raw.exclude {
                builder
                    .add_line(None, glob)
                    .map_err(|e| error(0, 0, format!("invalid exclude pattern `{glob}`: {e}")))?;
            }
            Some(builder.build().map_err(|e| error(0, 0, e.to_string()))?)
        };
        let mut overrides = Vec::new();
        for o in raw.overrides {
            let mut builder = GitignoreBuilder::new(base);
            for glob in &o.files {
                builder
                    .add_line(None, glob)
                    .map_err(|e| error(0, 0, format!("invalid override pattern `{glob}`: {e}")))?;
            }
            overrides.push(Override {
                files: builder.build().map_err(|e| error(0, 0, e.to_string()))?,
                rules: o.rules,
            });
        }
        let test_files = match &raw.test_files {
            None => None,
            Some(globs) => Some(
                test_matcher(globs.iter().map(String::as_str))
                    .map_err(|e| error(0, 0, format!("invalid test-files pattern: {e}")))?,
            ),
        };
        let roles = if raw.file_roles.is_empty() {
            None
        } else {
            let lists: Vec<(FileRole, Vec<String>)> = raw.file_roles.into_iter().collect();
            Some(RolePatterns::new(&lists).map_err(|e| error(0, 0, e))?)
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            roles,
            rules: raw.rules,
            fail_level: raw.fail_level,
            require_suppression_reason: raw.require_suppression_reason,
            preview: raw.preview,
            exclude,
            overrides,
            test_files,
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

    /// True when a path (relative to the checked directory) belongs to tests or test
    /// fixtures: rules that would flag deliberate test data skip these files.
    pub fn is_test_file(&self, relative: &Path) -> bool {
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

    /// The roles of a file (see `roles`), from its path relative to the checked directory
    /// and its bytes; `python` says which language code is in (`None`: not code).
    pub fn roles_of(&self, relative: &Path, bytes: &[u8], python: Option<bool>) -> Roles {
        self.roles
            .as_ref()
            .unwrap_or_else(|| RolePatterns::defaults())
            .roles_of(relative, bytes, python)
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

/// Line and column (1-based) of the mapping key `key` under `rules:`.
fn key_position(text: &str, key: &str) -> (usize, usize) {
    let lines = LineIndex::new(text);
    let Ok(docs) = yaml::parse(text, &lines) else {
        return (0, 0);
    };
    let found = docs
        .first()
        .and_then(|d| d.get("rules"))
        .and_then(|r| r.entry(key))
        .map(|(k, _)| lines.position(text, k.range.start));
    found.map_or((0, 0), |p| (p.line, p.column))
}
