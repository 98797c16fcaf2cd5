//! Configuration per file: each file is judged with the nearest `backlint.yaml` /
//! `.backlint.yaml` above it up to the project root, `extends` inherits from another file
//! inside the project, and `--config FILE` overrides them all. Driven through the binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

const PY_TLS: &str = "import requests\nrequests.get('https://x', verify=False)\n";
const JS_TLS: &str = "const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });\n";
const TS_TLS: &str = "import https from 'https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n";

/// A project (its own git repository) with the same TLS finding in Python, JavaScript and
/// TypeScript at the root, in `sub/` and in `sub/quiet/`.
fn project(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    for prefix in ["", "sub/", "sub/quiet/"] {
        dir.write(&format!("{prefix}a.py"), PY_TLS);
        dir.write(&format!("{prefix}b.js"), JS_TLS);
        dir.write(&format!("{prefix}c.ts"), TS_TLS);
    }
    dir
}

/// The findings of a JSON run as (project-relative path, rule, severity), whatever the
/// working directory.
fn keyed(project: &Path, cwd: &Path, args: &[&str]) -> (BTreeSet<(String, String, String)>, i32) {
    let (value, code) = check_json(cwd, args);
    let found = findings(&value)
        .into_iter()
        .map(|f| {
            let absolute = backlint::root::normalize(&cwd.join(&f.path));
            let relative = absolute
                .strip_prefix(project)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (relative, f.rule, f.severity)
        })
        .collect();
    (found, code)
}

fn tls(path: &str, severity: &str) -> (String, String, String) {
    (
        path.to_string(),
        "tls-verify-disabled".to_string(),
        severity.to_string(),
    )
}

#[test]
fn the_nearest_configuration_sets_severity_and_turns_rules_off_below_it() {
    let dir = project("config-nested");
    dir.write("backlint.yaml", "rules:\n  tls-verify-disabled: info\n");
    dir.write(
        "sub/backlint.yaml",
        "rules:\n  tls-verify-disabled: error\n",
    );
    dir.write(
        "sub/quiet/.backlint.yaml",
        "rules:\n  tls-verify-disabled: off\n",
    );
    let (found, code) = keyed(dir.path(), dir.path(), &[]);
    let mut expected = BTreeSet::new();
    for file in ["a.py", "b.js", "c.ts"] {
        expected.insert(tls(file, "info"));
        expected.insert(tls(&format!("sub/{file}"), "error"));
    }
    assert_eq!(found, expected);
    assert_eq!(code, 1);
    // The same from inside `sub/`, for the directory and for the files named.
    let sub = dir.path().join("sub");
    let (from_sub, _) = keyed(dir.path(), &sub, &[]);
    let below: BTreeSet<_> = expected
        .iter()
        .filter(|k| k.0.starts_with("sub/"))
        .cloned()
        .collect();
    assert_eq!(from_sub, below);
    let (named, _) = keyed(
        dir.path(),
        &sub,
        &["quiet/a.py", "a.py", "../b.js", "quiet/c.ts"],
    );
    let expected_named: BTreeSet<_> = [tls("sub/a.py", "error"), tls("b.js", "info")]
        .into_iter()
        .collect();
    assert_eq!(named, expected_named);
}

#[test]
fn neither_the_order_of_the_paths_nor_the_working_directory_changes_the_answer() {
    let dir = project("config-order-cwd");
    dir.write("sub/backlint.yaml", "rules:\n  tls-verify-disabled: off\n");
    let sub = dir.path().join("sub");
    let runs = [
        keyed(
            dir.path(),
            dir.path(),
            &["a.py", "sub/a.py", "b.js", "sub/c.ts"],
        ),
        keyed(
            dir.path(),
            dir.path(),
            &["sub/c.ts", "sub/a.py", "b.js", "a.py"],
        ),
        keyed(dir.path(), &sub, &["../a.py", "a.py", "../b.js", "c.ts"]),
        keyed(dir.path(), &sub, &["c.ts", "a.py", "../b.js", "../a.py"]),
    ];
    let expected: BTreeSet<_> = [tls("a.py", "error"), tls("b.js", "error")]
        .into_iter()
        .collect();
    for (found, code) in &runs {
        assert_eq!(found, &expected);
        assert_eq!(*code, 1);
    }
    // Only the files of `sub/`, which its configuration leaves clean, from either place.
    for (cwd, args) in [
        (dir.path().to_path_buf(), vec!["sub/a.py", "sub/b.js"]),
        (sub.clone(), vec!["b.js", "a.py"]),
    ] {
        let (found, code) = keyed(dir.path(), &cwd, &args);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(code, 0);
    }
}

#[test]
fn extends_inherits_what_the_child_does_not_set() {
    let dir = project("config-extends");
    // base: two rules and a fail level; strict: one rule changed, test paths replaced;
    // sub: one rule changed again.
    dir.write(
        "configs/base.yaml",
        "rules:\n  tls-verify-disabled: info\n  hardcoded-secret: off\nfail-level: error\ntest-files: [checks/]\n",
    );
    dir.write(
        "configs/strict.yaml",
        "extends: base.yaml\nrules:\n  tls-verify-disabled: warning\ntest-files: []\n",
    );
    dir.write(
        "sub/backlint.yaml",
        "extends: ../configs/strict.yaml\nrules:\n  tls-verify-disabled: error\n",
    );
    dir.write(
        "sub/quiet/backlint.yaml",
        "extends: ../../configs/strict.yaml\n",
    );
    dir.write("sub/secret.py", "PASSWORD = 'hunter2-real-prod-password'\n");
    let (found, code) = keyed(dir.path(), dir.path(), &["sub"]);
    let mut expected = BTreeSet::new();
    for file in ["a.py", "b.js", "c.ts"] {
        expected.insert(tls(&format!("sub/{file}"), "error"));
        expected.insert(tls(&format!("sub/quiet/{file}"), "warning"));
    }
    assert_eq!(found, expected, "hardcoded-secret is off through the chain");
    assert_eq!(code, 1);

    let out = run_in(dir.path(), &["check", "--show-settings", "sub/quiet/a.py"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("config: ") && lines[1].ends_with("sub/quiet/backlint.yaml"));
    assert!(lines[2].starts_with("extends: ") && lines[2].ends_with("configs/strict.yaml"));
    assert!(lines[3].starts_with("extends: ") && lines[3].ends_with("configs/base.yaml"));
    assert!(text.contains("\nfail-level: error\n"), "{text}");
    assert!(text.contains("\ntest-files: []\n"), "{text}");
    let rule_line = |id: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap()
            .to_string()
    };
    assert!(rule_line("tls-verify-disabled").ends_with("warning (config)"));
    assert!(rule_line("hardcoded-secret").ends_with("off (config)"));

    // Only warnings where the chain's fail level is `error`: exit 0.
    let (_, code) = keyed(dir.path(), dir.path(), &["sub/quiet"]);
    assert_eq!(code, 0);
}

#[test]
fn extends_outside_the_project_a_cycle_and_a_missing_file_are_errors() {
    let outer = TempDir::new("config-extends-outside");
    outer.write("shared.yaml", "rules:\n  tls-verify-disabled: off\n");
    let root = outer.path().join("app");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join("a.py"), PY_TLS).unwrap();
    std::fs::write(root.join("backlint.yaml"), "extends: ../shared.yaml\n").unwrap();
    let out = run_in(&root, &["check", "a.py"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`../shared.yaml` is outside the project root"),
        "{}",
        stderr(&out)
    );

    let dir = project("config-extends-cycle");
    dir.write("backlint.yaml", "extends: configs/one.yaml\n");
    dir.write("configs/one.yaml", "extends: two.yaml\n");
    dir.write("configs/two.yaml", "extends: ../backlint.yaml\n");
    let out = run_in(dir.path(), &["check", "a.py"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`extends` makes a cycle"), "{err}");
    let chain = err.split("cycle: ").nth(1).unwrap();
    let names: Vec<&str> = chain.trim().split(" -> ").collect();
    assert_eq!(names.len(), 4, "{err}");
    assert!(names[0].ends_with("backlint.yaml") && names[3].ends_with("backlint.yaml"));
    assert!(names[1].ends_with("one.yaml") && names[2].ends_with("two.yaml"));

    let dir = project("config-extends-missing");
    dir.write("sub/backlint.yaml", "extends: nowhere.yaml\n");
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("extends: `nowhere.yaml` does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn both_configuration_names_in_one_directory_is_an_error_naming_both() {
    let dir = project("config-both-names");
    dir.write("sub/backlint.yaml", "rules:\n  tls-verify-disabled: off\n");
    dir.write(
        "sub/.backlint.yaml",
        "rules:\n  tls-verify-disabled: info\n",
    );
    for args in [
        &["check"][..],
        &["check", "sub/a.py"],
        &["check", "--show-settings", "sub/a.py"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("sub/backlint.yaml") && err.contains("sub/.backlint.yaml"),
            "{err}"
        );
    }
}

#[test]
fn config_option_is_the_configuration_of_every_file() {
    let dir = project("config-option");
    dir.write("sub/backlint.yaml", "rules:\n  tls-verify-disabled: off\n");
    dir.write("ci.yaml", "rules:\n  tls-verify-disabled: info\n");
    let (found, _) = keyed(
        dir.path(),
        dir.path(),
        &["--config", "ci.yaml", "sub/quiet"],
    );
    let expected: BTreeSet<_> = ["a.py", "b.js", "c.ts"]
        .iter()
        .map(|f| tls(&format!("sub/quiet/{f}"), "info"))
        .collect();
    assert_eq!(found, expected);
}

/// A path excluded by the configuration of a directory above stays excluded below a nested
/// configuration; the nested one's patterns are relative to its own directory.
#[test]
fn excludes_apply_to_their_subtree_and_nested_patterns_are_relative_to_their_file() {
    let dir = project("config-exclude");
    dir.write("backlint.yaml", "exclude:\n  - sub/quiet/\n");
    dir.write("sub/backlint.yaml", "exclude:\n  - /b.js\n");
    let (found, _) = keyed(dir.path(), dir.path(), &[]);
    let expected: BTreeSet<_> = ["a.py", "b.js", "c.ts", "sub/a.py", "sub/c.ts"]
        .iter()
        .map(|f| tls(f, "error"))
        .collect();
    assert_eq!(found, expected);
    // Named files are excluded the same way.
    let (named, _) = keyed(dir.path(), dir.path(), &["sub/quiet/a.py", "sub/b.js"]);
    assert!(named.is_empty(), "{named:?}");
}

/// `test-files` of a nested configuration are relative to its directory and apply to its
/// subtree only.
#[test]
fn test_files_of_a_nested_configuration_apply_to_its_subtree() {
    let dir = TempDir::new("config-test-files");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let secret = "API_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'\n";
    dir.write("checks/keys.py", secret);
    dir.write("svc/checks/keys.py", secret);
    dir.write("svc/backlint.yaml", "test-files: [/checks/]\n");
    let (found, _) = keyed(dir.path(), dir.path(), &["--select", "hardcoded-secret"]);
    let paths: Vec<&str> = found.iter().map(|k| k.0.as_str()).collect();
    assert_eq!(paths, ["checks/keys.py"]);
}
