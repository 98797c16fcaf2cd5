//! Fixes, through the real binary: every case under `testdata/fixes/<rule>/<case>/` is a
//! project `before/` its fixes and `after/` them. A copy of `before/` is fixed with `--fix`
//! (and `--unsafe-fixes` for cases named `unsafe-*`, which a plain `--fix` must leave
//! alone) and compared byte for byte with `after/`; every file still parses; the re-lint
//! finds no finding of the rule and none that was not there before; a second `--fix`
//! changes nothing; `--diff` prints the case's `fix.diff` and exits 1 when there is a change.
//! `BACKLINT_UPDATE_FIXES=1` rewrites the `fix.diff` files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

/// Every file below `dir`, by its path relative to `dir`.
/// The project's files (not the result cache `check` keeps beside them, which git ignores).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .filter(|f| !f.starts_with(dir.join(backlint::engine::DEFAULT_CACHE_DIR)))
        .map(|f| {
            let rel = f.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(&f).unwrap())
        })
        .collect()
}

fn cases() -> Vec<(String, PathBuf)> {
    let base = root().join("testdata/fixes");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&base).unwrap().flatten() {
        for case in std::fs::read_dir(rule.path()).unwrap().flatten() {
            if case.path().is_dir() {
                out.push((rule.file_name().to_string_lossy().into_owned(), case.path()));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no fix cases under testdata/fixes");
    out
}

/// (rule, path, message) of every finding, to tell new findings from old ones.
fn finding_keys(value: &serde_json::Value) -> Vec<(String, String, String)> {
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn with_mode<'a>(args: &[&'a str], unsafe_case: bool) -> Vec<&'a str> {
    let mut all = args.to_vec();
    if unsafe_case {
        all.push("--unsafe-fixes");
    }
    all.push(".");
    all
}

#[test]
fn fixes_turn_before_into_after() {
    let mut problems = Vec::new();
    for (rule, case) in cases() {
        let name = format!(
            "{rule}/{}",
            case.file_name().unwrap().to_string_lossy().into_owned()
        );
        let unsafe_case = name.contains("/unsafe-");
        let before = tree(&case.join("before"));
        let after = tree(&case.join("after"));
        let dir = TempDir::new("fix");
        copy_tree(&case.join("before"), dir.path());
        let (first, _) = check_json(dir.path(), &["."]);
        problems.extend(undeclared_fixes(&first));

        if unsafe_case {
            let out = run_in(dir.path(), &["check", "--fix", "."]);
            if tree(dir.path()) != before {
                problems.push(format!(
                    "{name}: a plain --fix applied an unsafe fix: {}",
                    stderr(&out)
                ));
            }
        }

        // --diff: the golden diff, nothing written, exit 1 when there is a change.
        let out = run_in(dir.path(), &with_mode(&["check", "--diff"], unsafe_case));
        let diff = stdout(&out);
        let golden = case.join("fix.diff");
        if std::env::var_os("BACKLINT_UPDATE_FIXES").is_some() {
            if diff.is_empty() {
                let _ = std::fs::remove_file(&golden);
            } else {
                std::fs::write(&golden, &diff).unwrap();
            }
        } else {
            let expected = std::fs::read_to_string(&golden).unwrap_or_default();
            if diff != expected {
                problems.push(format!(
                    "{name}: --diff printed\n{diff}\nexpected\n{expected}"
                ));
            }
        }
        let changes = before != after;
        if out.status.code() != Some(if changes { 1 } else { 0 }) {
            problems.push(format!("{name}: --diff exited {:?}", out.status.code()));
        }
        if tree(dir.path()) != before {
            problems.push(format!("{name}: --diff wrote files"));
        }

        // --fix: byte for byte the expected files.
        let out = run_in(dir.path(), &with_mode(&["check", "--fix"], unsafe_case));
        let fixed = tree(dir.path());
        if fixed != after {
            for (path, text) in &fixed {
                if after.get(path) != Some(text) {
                    problems.push(format!(
                        "{name}: {path} after --fix:\n{}\n(stdout: {})",
                        String::from_utf8_lossy(text),
                        stdout(&out)
                    ));
                }
            }
        }
        for (path, text) in &fixed {
            let text = String::from_utf8_lossy(text);
            if !backlint::fix::parses(path, &text) {
                problems.push(format!("{name}: {path} no longer parses after --fix"));
            }
        }

        // The re-lint: the rule's findings are gone (where a fix was offered), and no
        // finding is new.
        let (again, _) = check_json(dir.path(), &["."]);
        let old = finding_keys(&first);
        for key in finding_keys(&again) {
            if changes && key.0 == rule {
                problems.push(format!("{name}: still reported after --fix: {key:?}"));
            } else if !old.contains(&key) {
                problems.push(format!("{name}: new finding after --fix: {key:?}"));
            }
        }

        // Idempotence: a second run changes nothing.
        run_in(dir.path(), &with_mode(&["check", "--fix"], unsafe_case));
        if tree(dir.path()) != fixed {
            problems.push(format!("{name}: a second --fix changed the files"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn fix_summary_and_markers() {
    let case = root().join("testdata/fixes/express-error-handler-arity/inline-js/before");
    let dir = TempDir::new("fix-summary");
    copy_tree(&case, dir.path());
    let out = run_in(dir.path(), &["check", "--color", "never", "."]);
    let text = stdout(&out);
    assert!(
        text.contains("[*] error middleware with 3 parameters"),
        "{text}"
    );
    assert!(text.contains("= fix: add the `next` parameter"), "{text}");
    assert!(text.contains("[*] 1 fixable with --fix"), "{text}");

    let (value, _) = check_json(dir.path(), &["."]);
    let arity = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "express-error-handler-arity")
        .unwrap();
    let fix = &arity["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["edits"][0]["path"], "app.js");
    assert_eq!(fix["edits"][0]["start"]["line"], 6);
    assert_eq!(fix["edits"][0]["content"], ", _next");

    let out = run_in(dir.path(), &["check", "--statistics", "."]);
    let statistics = stdout(&out);
    assert!(
        statistics
            .lines()
            .any(|l| l.contains(" express-error-handler-arity ") && l.ends_with("error  [*]")),
        "{statistics}"
    );

    let out = run_in(dir.path(), &["check", "--fix", "--color", "never", "."]);
    assert!(stdout(&out).contains("Fixed 1 finding"), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // Unsafe fixes are counted apart, and --fix-only reports no findings.
    let case = root().join("testdata/fixes/caddy-upstream-unknown-host/unsafe-typo/before");
    let dir = TempDir::new("fix-unsafe");
    copy_tree(&case, dir.path());
    let out = run_in(dir.path(), &["check", "--color", "never", "."]);
    assert!(
        stdout(&out).contains("1 more fixable with --unsafe-fixes"),
        "{}",
        stdout(&out)
    );
    let out = run_in(dir.path(), &["check", "--fix-only", "."]);
    assert_eq!(
        stdout(&out),
        "Fixed 0 findings; 1 more fixable with --unsafe-fixes\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sarif_carries_fixes() {
    let case = root().join("testdata/fixes/caddy-upstream-port-mismatch/python-app/before");
    let dir = TempDir::new("fix-sarif");
    copy_tree(&case, dir.path());
    let out = run_in(dir.path(), &["check", "--format", "sarif", "."]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fix = &value["runs"][0]["results"][0]["fixes"][0];
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "Caddyfile");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], ":9000");
    assert_eq!(replacement["deletedRegion"]["startLine"], 2);
}

/// In a partial run (files named), a fix whose edit lies in a file not named is shown, not
/// applied: a pre-commit hook with `--fix` edits only the files it names.
#[test]
fn partial_run_edits_only_named_files() {
    let case = root().join("testdata/fixes/caddy-upstream-port-mismatch/python-app/before");
    let dir = TempDir::new("fix-partial");
    copy_tree(&case, dir.path());
    let before = tree(dir.path());
    // Naming the compose file reports the Caddyfile's finding (labelled there), but the
    // edit is in the Caddyfile, which was not named.
    let out = run_in(dir.path(), &["check", "--fix", "docker-compose.yml"]);
    assert_eq!(tree(dir.path()), before, "{}", stdout(&out));
    let out = run_in(dir.path(), &["check", "--fix", "Caddyfile"]);
    assert_ne!(tree(dir.path()), before, "{}", stdout(&out));
}

/// A fix that would leave a file that does not parse is not written.
#[test]
fn fix_refuses_unparsable_result() {
    assert!(backlint::fix::parses(
        "a.js",
        "app.use((err, req, res, _next) => {});\n"
    ));
    assert!(!backlint::fix::parses(
        "a.js",
        "app.use((err, req, res, , _next) => {});\n"
    ));
    assert!(backlint::fix::breaks_parse("a.py", "x = 1\n", "x = (\n"));
    assert!(!backlint::fix::breaks_parse("a.py", "x = (\n", "x = ((\n"));
    assert!(!backlint::fix::parses("Caddyfile", "a {\n"));
}

/// `--fix` with `--baseline` fixes what the run reports: the findings the baseline records
/// are left as they are, a new one is fixed.
#[test]
fn fix_with_baseline_leaves_baselined_findings() {
    let case = root().join("testdata/fixes/express-error-handler-arity/inline-js/before");
    let dir = TempDir::new("fix-baseline");
    copy_tree(&case, dir.path());
    let out = run_in(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "."],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = std::fs::read_to_string(dir.path().join("app.js")).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--fix", "--baseline", "baseline.json", "."],
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app.js")).unwrap(),
        before,
        "{}",
        stdout(&out)
    );
    // A new error middleware of three parameters is not in the baseline: fixed.
    let added = format!(
        "{before}\napp.use(function lateHandler(err, req, res) {{\n  res.status(500).end();\n}});\n"
    );
    std::fs::write(dir.path().join("app.js"), &added).unwrap();
    run_in(
        dir.path(),
        &["check", "--fix", "--baseline", "baseline.json", "."],
    );
    let fixed = std::fs::read_to_string(dir.path().join("app.js")).unwrap();
    assert!(
        fixed.contains("lateHandler(err, req, res, _next)"),
        "{fixed}"
    );
    assert_eq!(fixed.matches("_next").count(), 1, "{fixed}");
}
