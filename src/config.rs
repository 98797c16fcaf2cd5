//! `backlint.yaml`: rule severities, excluded paths and the paths that hold tests.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lang::yaml;
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
    /// Paths of tests and test fixtures (gitignore-style); replaces the default list.
    #[serde(default)]
    test_files: Option<Vec<String>>,
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
    "*.test.*",
    "*.spec.*",
    "*.e2e.*",
    ".env.test",
    ".env.testing",
];

/// The loaded configuration.
#[derive(Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub rules: BTreeMap<String, RuleSetting>,
    exclude: Option<Gitignore>,
    /// `None`: the default test paths.
    test_files: Option<Gitignore>,
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
        for id in raw.rules.keys() {
            if rules::index_of(id).is_none() {
                let (line, column) = key_position(&text, id);
                let hint =
                    rules::suggest(id).map_or(String::new(), |s| format!("; did you mean `{s}`?"));
                return Err(error(line, column, format!("unknown rule `{id}`{hint}")));
            }
        }
        let base = path.parent().unwrap_or(Path::new("."));
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
        let test_files = match &raw.test_files {
            None => None,
            Some(globs) => Some(
                test_matcher(globs.iter().map(String::as_str))
                    .map_err(|e| error(0, 0, format!("invalid test-files pattern: {e}")))?,
            ),
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            rules: raw.rules,
            exclude,
            test_files,
        })
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

    /// True when the config excludes this path.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(exclude) = &self.exclude else {
            return false;
        };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        exclude
            .matched_path_or_any_parents(&absolute, false)
            .is_ignore()
    }
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
