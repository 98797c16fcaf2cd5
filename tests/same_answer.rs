//! Same answer however backlint is run: from any working directory, with any spelling of
//! the paths, naming files or walking, on any number of threads. Every partial run reports
//! exactly the findings of a full run at the root that lie in what it names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;

/// A finding as the project sees it: project-relative path, line, column, rule. (Messages
/// that name other files name them from the working directory, as the paths shown are.)
type Key = (String, u64, u64, String);

/// Runs `check --format json ARGS` in `cwd` and returns the findings keyed from `project`.
fn run_keys(project: &Path, cwd: &Path, args: &[&str]) -> BTreeSet<Key> {
    run_labelled(project, cwd, args).into_keys().collect()
}

/// The findings keyed from `project`, each with the project-relative files of its labels.
fn run_labelled(project: &Path, cwd: &Path, args: &[&str]) -> BTreeMap<Key, Vec<String>> {
    let (value, code) = check_json(cwd, args);
    assert!(matches!(code, 0 | 1), "exit {code} for {args:?} in {cwd:?}");
    value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let relative = |shown: &str| {
                let absolute = backlint::root::normalize(&cwd.join(shown));
                absolute
                    .strip_prefix(project)
                    .unwrap_or_else(|_| panic!("{} outside the project", absolute.display()))
                    .to_string_lossy()
                    .into_owned()
            };
            let labels = d["labels"]
                .as_array()
                .map(|ls| {
                    ls.iter()
                        .filter_map(|l| l["path"].as_str())
                        .map(relative)
                        .collect()
                })
                .unwrap_or_default();
            let key = (
                relative(d["path"].as_str().unwrap()),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            );
            (key, labels)
        })
        .collect()
}

/// The findings a run naming `prefix` (a file or a directory) reports: those in it, and
/// those with a label in it.
fn under(full: &BTreeMap<Key, Vec<String>>, prefix: &str) -> BTreeSet<Key> {
    let inside = |path: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    full.iter()
        .filter(|(k, labels)| inside(&k.0) || labels.iter().any(|l| inside(l)))
        .map(|(k, _)| k.clone())
        .collect()
}

/// A fixture project as a git repository of its own.
fn repository(fixture: &str) -> TempDir {
    let dir = TempDir::new("same-answer");
    copy_tree(&root().join(fixture), dir.path());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir
}

/// The demo backend (an Express API, a FastAPI service, compose, Dockerfiles, `.env`).
#[test]
fn the_demo_gives_the_same_answer_however_run() {
    same_answer_however_run("testdata/demo", 5);
}

/// Seed 002's broken layout: findings on the Caddyfile labelled at the compose files.
#[test]
fn a_broken_proxy_layout_gives_the_same_answer_however_run() {
    same_answer_however_run(
        "testdata/caddy-upstream-network-mismatch/seed_502_broken",
        2,
    );
}

/// Three packages of one repository (two Node services and a Python worker), two compose
/// stacks and a Caddy front.
#[test]
fn a_monorepo_gives_the_same_answer_however_run() {
    same_answer_however_run("testdata/projects/monorepo", 2);
}

/// Nested configurations (one `extends` the root's, one turns a rule off) and a cross-file
/// finding whose label lies below a nested configuration.
#[test]
fn nested_configurations_give_the_same_answer_however_run() {
    same_answer_however_run("testdata/projects/nested_config", 5);
}

fn same_answer_however_run(fixture: &str, at_least: usize) {
    let repo = repository(fixture);
    let project = std::fs::canonicalize(repo.path()).unwrap();
    let full = run_labelled(&project, &project, &[]);
    let keys: BTreeSet<Key> = full.keys().cloned().collect();
    assert!(
        full.len() >= at_least,
        "too few findings to compare: {full:?}"
    );
    for threads in ["1", "3"] {
        assert_eq!(
            run_keys(&project, &project, &[".", "--threads", threads]),
            keys,
            "{threads} threads"
        );
    }
    // With the result cache warm, and without it.
    for cache in ["--no-cache", "--threads=2"] {
        assert_eq!(
            run_labelled(&project, &project, &[".", cache]),
            full,
            "{cache}"
        );
    }

    let files: Vec<String> = files_below(&project)
        .iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == ".git"))
        .map(|f| {
            f.strip_prefix(&project)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for file in &files {
        let expected = under(&full, file);
        let absolute = project.join(file);
        let dotted = format!("./{file}");
        let spellings: Vec<(PathBuf, String)> = vec![
            (project.clone(), file.clone()),
            (project.clone(), dotted),
            (project.clone(), absolute.to_string_lossy().into_owned()),
        ];
        for (cwd, spelled) in &spellings {
            assert_eq!(
                run_keys(&project, cwd, &[spelled]),
                expected,
                "`backlint check {spelled}` in {}",
                cwd.display()
            );
        }
        // From the file's own directory, by its bare name and climbing to it.
        let dir = absolute.parent().unwrap();
        let name = absolute.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            run_keys(&project, dir, &[name]),
            expected,
            "{name} in {dir:?}"
        );
        if dir != project {
            let climbing = format!("../{}/{name}", dir.file_name().unwrap().to_str().unwrap());
            assert_eq!(
                run_keys(&project, dir, &[&climbing]),
                expected,
                "{climbing} in {dir:?}"
            );
        }
    }

    // Each directory, walked from inside it and named from the root.
    let dirs: BTreeSet<String> = files
        .iter()
        .filter_map(|f| Path::new(f).parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    for dir in &dirs {
        let expected = under(&full, dir);
        assert_eq!(
            run_keys(&project, &project.join(dir), &[]),
            expected,
            "`backlint check` in {dir}"
        );
        assert_eq!(
            run_keys(&project, &project, &[dir]),
            expected,
            "`backlint check {dir}`"
        );
    }

    // Two named files in either order.
    if let [a, b, ..] = files.as_slice() {
        let expected: BTreeSet<Key> = under(&full, a).union(&under(&full, b)).cloned().collect();
        assert_eq!(run_keys(&project, &project, &[a, b]), expected);
        assert_eq!(run_keys(&project, &project, &[b, a]), expected);
    }
}

/// Every fixture project under `testdata/` (each case directory, copied into a repository of
/// its own), every file in it: naming the file reports exactly the full run's findings that
/// touch it. Each file is named in one spelling, chosen from its path (relative, `./`,
/// absolute, bare from its directory, climbing from its directory), so every spelling is
/// exercised across the suite at one run per file.
#[test]
fn every_fixture_file_named_alone_reports_what_the_full_run_reports_of_it() {
    let failures = for_each_fixture_project(check_each_file);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every fixture project: a rule selected alone (`--select RULE`) reports exactly the
/// findings of that rule a run selecting every rule reports. What one rule finds never
/// depends on which other rules run (which files they parse, which facts they gather).
/// (Both runs select: `--select` turns on a rule the configuration turns off.)
#[test]
fn every_rule_selected_alone_reports_what_the_full_run_reports_of_it() {
    let failures = for_each_fixture_project(check_each_rule);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every fixture project under `testdata/` (each case directory; the demo as a whole), checked
/// by `check` on two threads; the disagreements it returns, all together.
fn for_each_fixture_project(check: fn(&str) -> Vec<String>) -> Vec<String> {
    let testdata = root().join("testdata");
    let mut projects: Vec<PathBuf> = Vec::new();
    for group in std::fs::read_dir(&testdata).unwrap().flatten() {
        let group = group.path();
        let name = group.file_name().unwrap().to_string_lossy().into_owned();
        if !group.is_dir() || name == "bad-input" {
            continue;
        }
        if name == "demo" {
            projects.push(group);
            continue;
        }
        for case in std::fs::read_dir(&group).unwrap().flatten() {
            if case.path().is_dir() {
                projects.push(case.path());
            }
        }
    }
    projects.sort();
    assert!(projects.len() > 100, "{} projects", projects.len());
    let failures = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(fixture) = projects.get(i) else {
                        break;
                    };
                    let rel = fixture
                        .strip_prefix(root())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    for problem in check(&rel) {
                        failures.lock().unwrap().push(problem);
                    }
                }
            });
        }
    });
    failures.into_inner().unwrap()
}

/// The disagreements of one fixture project, one per rule a run selecting every rule reports
/// (other than `unused-suppression`, whose findings are about the other rules).
fn check_each_rule(fixture: &str) -> Vec<String> {
    let repo = repository(fixture);
    let project = std::fs::canonicalize(repo.path()).unwrap();
    let full = run_keys(&project, &project, &["--select", every_rule_id()]);
    let rules: BTreeSet<&str> = full
        .iter()
        .map(|k| k.3.as_str())
        .filter(|r| *r != "unused-suppression")
        .collect();
    let mut problems = Vec::new();
    for rule in rules {
        let got: BTreeSet<Key> = run_keys(&project, &project, &["--select", rule])
            .into_iter()
            .filter(|k| k.3 == rule)
            .collect();
        let expected: BTreeSet<Key> = full.iter().filter(|k| k.3 == rule).cloned().collect();
        if got != expected {
            problems.push(format!(
                "{fixture}: `backlint check --select {rule}`:\n  got      {got:?}\n  expected {expected:?}"
            ));
        }
    }
    problems
}

/// The disagreements of one fixture project, one per file named.
fn check_each_file(fixture: &str) -> Vec<String> {
    let repo = repository(fixture);
    let project = std::fs::canonicalize(repo.path()).unwrap();
    let full = run_labelled(&project, &project, &[]);
    let mut problems = Vec::new();
    for file in files_below(&project) {
        if file.components().any(|c| c.as_os_str() == ".git") {
            continue;
        }
        let rel = file
            .strip_prefix(&project)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let dir = file.parent().unwrap().to_path_buf();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let spelling = rel.bytes().map(usize::from).sum::<usize>() % 5;
        let (cwd, spelled) = match spelling {
            0 => (project.clone(), rel.clone()),
            1 => (project.clone(), format!("./{rel}")),
            2 => (project.clone(), file.to_string_lossy().into_owned()),
            3 => (dir.clone(), name.clone()),
            _ if dir != project => (
                dir.clone(),
                format!("../{}/{name}", dir.file_name().unwrap().to_string_lossy()),
            ),
            _ => (project.clone(), rel.clone()),
        };
        let got = run_keys(&project, &cwd, &[&spelled]);
        let expected = under(&full, &rel);
        if got != expected {
            problems.push(format!(
                "{fixture}: `backlint check {spelled}` in {}:\n  got      {got:?}\n  expected {expected:?}",
                cwd.display()
            ));
        }
    }
    problems
}
