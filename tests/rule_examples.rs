//! Every bad example of every rule yields a finding of that rule; every good example yields
//! no finding of any rule. The examples are what `backlint explain` shows.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

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
    // Each example is its own project: one run per example, so that cross-file rules see
    // only the files of that example.
    let mut problems = Vec::new();
    let defaults: Vec<&str> = meta
        .iter()
        .filter(|m| m.default == rules::DefaultState::On)
        .map(|m| m.id.as_str())
        .collect();
    for (case, (rule, bad)) in &cases {
        // The default rules, and the example's own rule even when it is off by default.
        let select = format!("{},{rule}", defaults.join(","));
        let (value, _) = check_json(dir.path(), &[case.as_str(), "--select", &select]);
        problems.extend(undeclared_fixes(&value));
        let found = findings(&value);
        let here: Vec<&Found> = found.iter().collect();
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
