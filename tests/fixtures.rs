//! Every fixture under testdata/ against its `expect:` annotations, exact both ways, with all
//! default rules running.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;

use common::*;

/// The runs that make up the fixture suite: each case directory is linted on its own, as a
/// project of its own (cross-file rules see only the case), and each rule directory once for
/// its loose single-file fixtures. Returns (directory to lint, prefix whose findings count,
/// whether subdirectories are excluded).
fn cases() -> Vec<(std::path::PathBuf, bool)> {
    let testdata = root().join("testdata");
    let mut out = Vec::new();
    let mut top: Vec<_> = std::fs::read_dir(&testdata)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    top.sort();
    for dir in top.into_iter().filter(|p| p.is_dir()) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        // Fix cases hold a project before and after its fixes: `tests/fix.rs` runs them.
        if name == "fixes" {
            continue;
        }
        if name == "demo" || name == "bad-input" {
            out.push((dir, false));
            continue;
        }
        out.push((dir.clone(), true));
        let mut subs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        subs.sort();
        out.extend(subs.into_iter().map(|s| (s, false)));
    }
    out
}

/// Rules that are on by default, and rules that are off.
fn rule_sets() -> (Vec<String>, Vec<String>) {
    let meta = backlint::rules::metadata().expect("metadata parses");
    let (on, off): (Vec<_>, Vec<_>) = meta
        .iter()
        .partition(|m| m.default == backlint::rules::DefaultState::On);
    (
        on.into_iter().map(|m| m.id.clone()).collect(),
        off.into_iter().map(|m| m.id.clone()).collect(),
    )
}

/// The demo's expected findings, which `tests/golden/demo-expected.txt` lists (`path:line
/// rule@severity`, paths relative to `testdata/demo/`) so that its files read as a user's.
fn demo_expectations(rel: &str) -> Vec<Expectation> {
    let listed = std::fs::read_to_string(root().join("tests/golden/demo-expected.txt"))
        .expect("tests/golden/demo-expected.txt");
    let mut out = Vec::new();
    for line in listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (place, finding) = line.split_once(' ').expect("`path:line rule@severity`");
        let (path, line_no) = place.rsplit_once(':').expect("`path:line`");
        if format!("testdata/demo/{path}") != rel {
            continue;
        }
        let (rule, severity) = match finding.split_once('@') {
            Some((r, s)) => (r.to_string(), Some(s.to_string())),
            None => (finding.to_string(), None),
        };
        let line_no: u64 = line_no.parse().expect("a line number");
        out.push(Expectation {
            line: line_no,
            rule,
            severity,
            written_at: line_no,
        });
    }
    out
}

#[test]
fn fixtures_match_annotations() {
    let (on, off) = rule_sets();
    let mut found = Vec::new();
    let mut fix_problems = Vec::new();
    for (dir, loose_only) in cases() {
        let rel = dir
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // A rule that is off by default runs, with the default rules, on its own fixtures.
        let own_off_rule = off
            .iter()
            .find(|id| rel.starts_with(&format!("testdata/{id}")));
        let select = own_off_rule.map(|id| format!("{},{id}", on.join(",")));
        let mut args = vec![rel.as_str(), "--threads", "2"];
        if let Some(select) = &select {
            args.extend(["--select", select.as_str()]);
        }
        let (value, _) = check_json(isolated_testdata(), &args);
        fix_problems.extend(undeclared_fixes(&value));
        let prefix = format!("{rel}/");
        for f in findings(&value) {
            let inside = f.path.strip_prefix(&prefix).unwrap_or("");
            if !loose_only || !inside.contains('/') {
                found.push(f);
            }
        }
    }
    let testdata = root().join("testdata");

    let mut expected: BTreeMap<String, Vec<Expectation>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut annotated = 0;
    for path in files_below(&testdata) {
        let Ok(text) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&text);
        let rel = path
            .strip_prefix(root())
            .expect("under root")
            .to_string_lossy()
            .into_owned();
        let listed = if rel.starts_with("testdata/demo/") {
            Ok(demo_expectations(&rel))
        } else {
            expectations(&path, &text)
        };
        match listed {
            Ok(mut list) => {
                // Rules that are off by default are expected only in their own directory.
                if !off
                    .iter()
                    .any(|id| rel.starts_with(&format!("testdata/{id}/")))
                {
                    list.retain(|e| !off.contains(&e.rule));
                }
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if stem.ends_with("_ok") && !list.is_empty() {
                    problems.push(format!(
                        "{rel}: a file named `_ok` must carry no annotations"
                    ));
                }
                annotated += list.len();
                expected.insert(rel, list);
            }
            Err(e) => problems.push(e),
        }
    }
    problems.extend(compare(&expected, &found));
    problems.extend(fix_problems);
    assert!(annotated > 0, "no annotations found under testdata/");
    assert!(
        problems.is_empty(),
        "{} fixture mismatch(es):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn annotation_parser_reads_both_forms() {
    let js = "// expect: a\nfoo();\nbar(); // expect: b@error, c\n";
    let list = expectations(std::path::Path::new("x.js"), js).unwrap();
    let got: Vec<_> = list
        .iter()
        .map(|e| (e.line, e.rule.as_str(), e.severity.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![(2, "a", None), (3, "b", Some("error")), (3, "c", None)]
    );
    let env = "KEY=1 # expect: tls-verify-disabled\n";
    assert!(expectations(std::path::Path::new(".env"), env).is_err());
    let dangling = "# expect: a\n";
    assert!(expectations(std::path::Path::new("x.py"), dangling).is_err());
}

#[test]
fn comparison_reports_both_directions() {
    let mut files = BTreeMap::new();
    files.insert(
        "a.js".to_string(),
        vec![Expectation {
            line: 2,
            rule: "r".into(),
            severity: Some("error".into()),
            written_at: 1,
        }],
    );
    let found = vec![Found {
        path: "a.js".into(),
        line: 3,
        rule: "r".into(),
        severity: "error".into(),
    }];
    let problems = compare(&files, &found);
    assert_eq!(problems.len(), 2, "{problems:?}");
}

/// The prefilter (needles and each rule's text shapes) only saves work: linting every fixture
/// with it switched off must report exactly the same findings, and the files named
/// `prefilter_*` hold the unusual spellings (line continuations, casts, annotations with
/// `=>` or `;`) that a too-narrow shape would miss.
#[test]
fn prefilter_never_hides_a_finding() {
    let testdata = isolated_testdata().join("testdata");
    let every_rule = every_rule_id();
    let with = backlint()
        .args(["check", "--format", "json", "--select", every_rule])
        .arg(&testdata)
        .output()
        .unwrap();
    let without = backlint()
        .env("BACKLINT_DEBUG_NO_PREFILTER", "1")
        .args(["check", "--format", "json", "--select", every_rule])
        .arg(&testdata)
        .output()
        .unwrap();
    let with: serde_json::Value = serde_json::from_slice(&with.stdout).unwrap();
    let without: serde_json::Value = serde_json::from_slice(&without.stdout).unwrap();
    let with = findings(&with);
    let without = findings(&without);
    assert!(with.len() > 200, "too few findings: {}", with.len());
    let hidden: Vec<_> = without.iter().filter(|f| !with.contains(f)).collect();
    let added: Vec<_> = with.iter().filter(|f| !without.contains(f)).collect();
    assert!(
        hidden.is_empty() && added.is_empty(),
        "the prefilter hides {hidden:#?}\nand adds {added:#?}"
    );
}

/// The README's run command, `backlint check testdata/demo`, from the root of backlint's own
/// checkout: the demo lies inside a repository whose `testdata/demo/` path names sample code,
/// and still reports every finding `tests/golden/demo-expected.txt` lists, and exits 1.
#[test]
fn the_readme_command_reports_the_demo_in_place() {
    let (value, code) = check_json(&root(), &["testdata/demo", "--no-cache"]);
    let mut got: Vec<String> = findings(&value)
        .into_iter()
        .map(|f| format!("{}:{} {}@{}", f.path, f.line, f.rule, f.severity))
        .collect();
    got.sort();
    let listed = std::fs::read_to_string(root().join("tests/golden/demo-expected.txt"))
        .expect("tests/golden/demo-expected.txt");
    let mut expected: Vec<String> = listed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| format!("testdata/demo/{l}"))
        .collect();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(code, 1);
}
