//! Every bad example of every rule yields a finding of that rule; every good example yields
//! no finding of any rule. The examples are what `backlint explain` shows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use backlint::rules;
use common::*;

#[test]
fn examples_behave_as_documented() {
    let meta = rules::metadata().expect("metadata parses");
    let dir = TempDir::new("examples");
    // case directory → (rule, bad?)
    let mut cases: BTreeMap<String, (String, bool)> = BTreeMap::new();
    for m in meta {
        for (kind, list, bad) in [
            ("bad", &m.examples.bad, true),
            ("good", &m.examples.good, false),
        ] {
            for (i, ex) in list.iter().enumerate() {
                let case = format!("{}/{kind}-{i}", m.id);
                if let (Some(lang), Some(code)) = (ex.lang, &ex.code) {
                    dir.write(&format!("{case}/{}", lang.example_file_name()), code);
                }
                for (name, code) in ex.files.iter().flatten() {
                    dir.write(&format!("{case}/{name}"), code);
                }
                cases.insert(case, (m.id.clone(), bad));
            }
        }
    }
    // Every rule runs, so that the examples of rules that are off by default are checked
    // too; a finding counts when its rule is on by default or is the case's own rule.
    let all: Vec<&str> = meta.iter().map(|m| m.id.as_str()).collect();
    let select = all.join(",");
    let (value, _) = check_json(dir.path(), &[".", "--select", &select]);
    let found: Vec<Found> = findings(&value)
        .into_iter()
        .filter(|f| {
            let default_on = meta
                .iter()
                .any(|m| m.id == f.rule && m.default == rules::DefaultState::On);
            default_on
                || cases
                    .get(case_of(&f.path))
                    .is_some_and(|(rule, _)| *rule == f.rule)
        })
        .collect();
    let mut problems = Vec::new();
    for (case, (rule, bad)) in &cases {
        let prefix = format!("{case}/");
        let here: Vec<&Found> = found
            .iter()
            .filter(|f| f.path.starts_with(&prefix))
            .collect();
        if *bad && !here.iter().any(|f| &f.rule == rule) {
            problems.push(format!(
                "{case}: bad example produced no `{rule}` finding (found: {here:?})"
            ));
        }
        if !*bad && !here.is_empty() {
            problems.push(format!("{case}: good example produced findings: {here:?}"));
        }
    }
    assert!(!cases.is_empty());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `rule/bad-0/example.js` → `rule/bad-0`.
fn case_of(path: &str) -> &str {
    let mut slashes = path.match_indices('/').map(|(i, _)| i);
    let _ = slashes.next();
    match slashes.next() {
        Some(i) => &path[..i],
        None => path,
    }
}
