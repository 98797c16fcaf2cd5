//! Shared helpers for the integration tests: run the real binary, parse its JSON output,
//! parse `expect:` annotations, build temporary projects.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command for the built binary, run from the crate root.
pub fn backlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backlint"));
    cmd.current_dir(root());
    cmd.env_remove("BACKLINT_DEBUG_PANIC_ON");
    cmd
}

pub fn run(args: &[&str]) -> Output {
    backlint().args(args).output().expect("binary runs")
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    backlint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `check --format json` with extra arguments and returns the parsed JSON and exit code.
pub fn check_json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    let code = out.status.code().unwrap_or(-1);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); exit {code}\nstdout: {}\nstderr: {}",
            stdout(&out),
            stderr(&out)
        )
    });
    (value, code)
}

/// A finding reduced to what annotations assert.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: String,
    pub line: u64,
    pub rule: String,
    pub severity: String,
}

pub fn findings(value: &Value) -> Vec<Found> {
    value["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| Found {
            path: d["path"].as_str().unwrap_or("").to_string(),
            line: d["start"]["line"].as_u64().unwrap_or(0),
            rule: d["rule"].as_str().unwrap_or("").to_string(),
            severity: d["severity"].as_str().unwrap_or("").to_string(),
        })
        .collect()
}

/// One `expect:` annotation: the line it applies to, the rule and an optional severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub line: u64,
    pub rule: String,
    pub severity: Option<String>,
    /// Where the annotation itself is written (1-based), for messages.
    pub written_at: u64,
}

/// The comment marker of a file kind, and whether trailing annotations are allowed.
fn comment_style(path: &Path) -> (&'static str, bool) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" | "json" => ("//", true),
        _ if name.starts_with("Dockerfile") || name == ".env" || name.starts_with(".env.") => {
            ("#", false)
        }
        _ => ("#", true),
    }
}

/// Parses the annotations of a fixture file. Errors describe malformed annotations.
pub fn expectations(path: &Path, text: &str) -> Result<Vec<Expectation>, String> {
    let (marker, trailing_allowed) = comment_style(path);
    let tag = format!("{marker} expect:");
    let mut out = Vec::new();
    let mut pending: Vec<(String, Option<String>, u64)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        let trimmed = line.trim_start();
        let (own_line, annotation) = if let Some(rest) = trimmed.strip_prefix(&tag) {
            (true, Some(rest))
        } else if let Some(at) = line.find(&tag) {
            (false, Some(&line[at + tag.len()..]))
        } else {
            (false, None)
        };
        let Some(annotation) = annotation else {
            if !trimmed.is_empty() {
                for (rule, severity, written_at) in pending.drain(..) {
                    out.push(Expectation {
                        line: line_no,
                        rule,
                        severity,
                        written_at,
                    });
                }
            }
            continue;
        };
        if !own_line && !trailing_allowed {
            return Err(format!(
                "{}:{line_no}: trailing annotations are not allowed in this file kind; put `{tag}` on the line above",
                path.display()
            ));
        }
        for item in annotation.split(',') {
            let item = item.trim();
            if item.is_empty() {
                return Err(format!("{}:{line_no}: empty expectation", path.display()));
            }
            let (rule, severity) = match item.split_once('@') {
                Some((r, s)) => {
                    if !["error", "warning", "info"].contains(&s) {
                        return Err(format!(
                            "{}:{line_no}: unknown severity `{s}`",
                            path.display()
                        ));
                    }
                    (r.to_string(), Some(s.to_string()))
                }
                None => (item.to_string(), None),
            };
            if own_line {
                pending.push((rule, severity, line_no));
            } else {
                out.push(Expectation {
                    line: line_no,
                    rule,
                    severity,
                    written_at: line_no,
                });
            }
        }
        // A trailing annotation line is also a code line: it resolves pending ones.
        if !own_line {
            let annotations = std::mem::take(&mut pending);
            for (rule, severity, written_at) in annotations {
                out.push(Expectation {
                    line: line_no,
                    rule,
                    severity,
                    written_at,
                });
            }
        }
    }
    if let Some((rule, _, written_at)) = pending.first() {
        return Err(format!(
            "{}:{written_at}: annotation `{rule}` is not followed by any code line",
            path.display()
        ));
    }
    Ok(out)
}

/// Compares findings with annotations for a set of files; returns every mismatch.
pub fn compare(files: &BTreeMap<String, Vec<Expectation>>, found: &[Found]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut by_file: BTreeMap<&str, Vec<&Found>> = BTreeMap::new();
    for f in found {
        by_file.entry(f.path.as_str()).or_default().push(f);
    }
    for (path, expected) in files {
        let mut actual: Vec<&Found> = by_file.remove(path.as_str()).unwrap_or_default();
        for e in expected {
            let pos = actual.iter().position(|f| {
                f.line == e.line
                    && f.rule == e.rule
                    && e.severity.as_ref().is_none_or(|s| *s == f.severity)
            });
            match pos {
                Some(p) => {
                    actual.remove(p);
                }
                None => {
                    let also = actual
                        .iter()
                        .filter(|f| f.line == e.line && f.rule == e.rule)
                        .map(|f| format!(" (found it @{})", f.severity))
                        .collect::<String>();
                    problems.push(format!(
                        "{path}:{}: expected {}{}, found nothing{also}",
                        e.line,
                        e.rule,
                        e.severity
                            .as_ref()
                            .map_or(String::new(), |s| format!("@{s}"))
                    ))
                }
            }
        }
        for f in actual {
            problems.push(format!(
                "{path}:{}: unexpected {}@{}",
                f.line, f.rule, f.severity
            ));
        }
    }
    for (path, rest) in by_file {
        for f in rest {
            problems.push(format!(
                "{path}:{}: unexpected {}@{} (file has no annotations)",
                f.line, f.rule, f.severity
            ));
        }
    }
    problems
}

/// Every file below `dir`, sorted, as paths relative to the crate root.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "backlint-test-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// True when an external tool runs. In CI (`BACKLINT_REQUIRE_TOOLS=1`, set by `.ci/run`,
/// which installs them) a missing tool fails the test instead of skipping it.
pub fn tool_available(program: &str, version_arg: &str) -> bool {
    let ok = Command::new(program)
        .arg(version_arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok && std::env::var_os("BACKLINT_REQUIRE_TOOLS").is_some() {
        panic!("{program} is required (BACKLINT_REQUIRE_TOOLS is set) but does not run");
    }
    if !ok {
        eprintln!("skipping: {program} is not installed");
    }
    ok
}

/// A directory outside any repository holding a copy of `testdata/`, made once per test
/// binary: a fixture case linted there is a project of its own (no `.git` above it), as a
/// small repository of its own would be. Linted in place, a case would be a directory of
/// this repository, read with everything around it.
pub fn isolated_testdata() -> &'static Path {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let base = std::env::temp_dir().join(format!(
            "backlint-testdata-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        copy_tree(&root().join("testdata"), &base.join("testdata"));
        base
    })
}

/// Copies every file below `from` to the same place below `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for file in files_below(from) {
        let target = to.join(file.strip_prefix(from).expect("below"));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::copy(&file, &target).expect("copy file");
    }
}

/// Every rule's id, comma-separated, as `backlint rules` lists them (for `--select`).
pub fn every_rule_id() -> &'static str {
    static RULES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let listing = stdout(&run(&["rules"]));
        let ids: Vec<&str> = listing
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert!(ids.len() > 20, "{listing}");
        ids.join(",")
    })
}

/// Findings whose fix has an applicability the rule's yaml does not declare under `fix:`
/// (a rule must say which fixes it offers, and `backlint explain` shows them).
pub fn undeclared_fixes(value: &Value) -> Vec<String> {
    let meta = backlint::rules::metadata().expect("metadata parses");
    let mut problems = Vec::new();
    for d in value["diagnostics"].as_array().into_iter().flatten() {
        let Some(applicability) = d["fix"]["applicability"].as_str() else {
            continue;
        };
        let rule = d["rule"].as_str().unwrap_or("");
        let declared = meta.iter().find(|m| m.id == rule).is_some_and(|m| {
            m.fix
                .iter()
                .any(|f| f.applicability.as_str() == applicability)
        });
        if !declared {
            problems.push(format!(
                "{}:{}: `{rule}` offers a {applicability} fix that rules/{rule}.yaml does not declare",
                d["path"].as_str().unwrap_or(""),
                d["start"]["line"]
            ));
        }
    }
    problems
}
