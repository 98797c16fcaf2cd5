//! Every fixture under testdata/ against its `expect:` annotations, exact both ways, with all
//! default rules running.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::*;

/// Rules that are off by default: their fixtures are checked in a second run that selects
/// them together with every default rule.
fn off_by_default() -> Vec<String> {
    backlint::rules::metadata()
        .expect("metadata parses")
        .iter()
        .filter(|m| m.default == backlint::rules::DefaultState::Off)
        .map(|m| m.id.clone())
        .collect()
}

#[test]
fn fixtures_match_annotations() {
    let testdata = root().join("testdata");
    let off = off_by_default();
    let (value, _) = check_json(&root(), &["testdata", "--threads", "2"]);
    let mut found = findings(&value);
    // Findings in an off rule's own directory come from its selected run below.
    found.retain(|f| {
        !off.iter()
            .any(|id| f.path.starts_with(&format!("testdata/{id}/")))
    });
    let defaults: Vec<String> = backlint::rules::metadata()
        .expect("metadata parses")
        .iter()
        .filter(|m| m.default == backlint::rules::DefaultState::On)
        .map(|m| m.id.clone())
        .collect();
    for id in &off {
        let dir = format!("testdata/{id}");
        let select = format!("{},{id}", defaults.join(","));
        let (value, _) = check_json(&root(), &[&dir, "--threads", "2", "--select", &select]);
        found.extend(findings(&value));
    }

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
        match expectations(&path, &text) {
            Ok(mut list) => {
                // Off rules are expected only in their own directory's selected run.
                let own_dir = off
                    .iter()
                    .any(|id| rel.starts_with(&format!("testdata/{id}/")));
                if !own_dir {
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
