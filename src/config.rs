//! `backlint.yaml`: rule severities, excluded paths and the paths that hold tests.

use std::collections::BTreeMap;
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
    /// Rule severities by rule id (`backlint rules` lists the ids).
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
    /// Paths never linted (gitignore-style patterns, relative to this file).
    #[serde(default)]
    exclude: Vec<String>,
    /// Settings for some paths only; the last matching entry wins.
    #[serde(default)]
    overrides: Vec<RawOverride>,
    /// The lowest severity that makes the exit code 1 (default: warning).
    fail_level: Option<Severity>,
    /// Require a reason in every suppression: `backlint-ignore RULE -- reason`.
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
    /// The patterns as written, for `--show-settings`.
    written: WrittenPatterns,
}

/// The path patterns of a configuration as written in it.
#[derive(Default)]
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
                error(line, column, parse_error_message(&e.to_string()))
            })?
        };
        for id in raw
            .rules
            .keys()
            .chain(raw.overrides.iter().flat_map(|o| o.rules.keys()))
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
                patterns: o.files,
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
            let lists: Vec<(FileRole, Vec<String>)> = raw
                .file_roles
                .iter()
                .map(|(role, list)| (*role, list.clone()))
                .collect();
            Some(RolePatterns::new(&lists).map_err(|e| error(0, 0, e))?)
        };
        let written = WrittenPatterns {
            exclude: raw.exclude,
            test_files: raw.test_files,
            file_roles: raw.file_roles,
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
            written,
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

impl Config {
    /// The resolved settings for one file, as `check --show-settings FILE` prints them:
    /// the configuration file, each rule's severity for this file (or why it is off), the
    /// path patterns, and where the file stands among them. `relative` is the file's path
    /// relative to its project root; `bytes` its contents (roles look at both).
    pub fn describe_for(
        &self,
        file: &Path,
        relative: &Path,
        bytes: &[u8],
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
        let _ = writeln!(out, "excluded: {}", self.is_excluded(file));
        let python = match file.extension().and_then(|e| e.to_str()) {
            Some("py") => Some(true),
            Some("js" | "jsx" | "mjs" | "cjs" | "ts" | "tsx" | "mts" | "cts") => Some(false),
            _ => None,
        };
        let is_test = self.is_test_file(relative);
        let is_test_code = is_test
            && python.is_some_and(|py| {
                crate::roles::named_as_test(relative)
                    || crate::roles::uses_test_framework(bytes, py)
            });
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
        let roles = self.roles_of(relative, bytes, python);
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
