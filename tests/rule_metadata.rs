//! Registry, rules/*.yaml, src/rules/*.rs and testdata/ stay consistent, and metadata
//! follows the house style.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeSet;

use backlint::lang::Lang;
use backlint::rules::{self, RULES};
use common::root;

#[test]
fn registry_yaml_and_testdata_agree() {
    let meta = rules::metadata().expect("every rules/*.yaml parses with deny_unknown_fields");
    let registered: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let sorted = {
        let mut s = ids.clone();
        s.sort();
        s
    };
    assert_eq!(ids, sorted, "registry is kept in id order");
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "duplicate registry entries");

    let yaml_files: BTreeSet<String> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| n.trim_end_matches(".yaml").to_string())
        .collect();
    let registered_owned: BTreeSet<String> = registered.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        yaml_files, registered_owned,
        "rules/*.yaml and the registry differ"
    );

    for m in meta {
        // A rule is one file, or a directory (`mod.rs` and the helpers only it uses).
        let stem = root().join("src/rules").join(m.id.replace('-', "_"));
        let module = if stem.is_dir() {
            stem.join("mod.rs")
        } else {
            stem.with_extension("rs")
        };
        assert!(module.is_file(), "{} has no {}", m.id, module.display());
        let source = std::fs::read_to_string(&module).unwrap();
        let type_name: String =
            m.id.split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
        assert!(
            source.contains(&format!("pub struct {type_name};")),
            "{} must define `pub struct {type_name};`",
            module.display()
        );
        assert!(
            root().join("testdata").join(&m.id).is_dir(),
            "{} has no testdata/{}/",
            m.id,
            m.id
        );
    }

    for entry in std::fs::read_dir(root().join("testdata"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            registered.contains(name.as_str())
                || name == "demo"
                || name == "bad-input"
                || name == "projects"
                || name == "fixes",
            "testdata/{name} is neither a rule id nor demo/bad-input/projects/fixes"
        );
    }
}

#[test]
fn headers_agree_with_the_whole_metadata() {
    // `check` reads only the keys before `summary:`; they must be the ones the whole file
    // declares.
    let meta = rules::metadata().unwrap();
    let headers = rules::headers().expect("every header parses on its own");
    assert_eq!(meta.len(), headers.len());
    for (m, h) in meta.iter().zip(headers) {
        assert_eq!(
            (&h.id, h.severity, &h.languages, h.default, h.test_files),
            (&m.id, m.severity, &m.languages, m.default, m.test_files),
            "rules/{}.yaml: header and metadata differ",
            m.id
        );
    }
}

#[test]
fn metadata_follows_the_house_style() {
    let meta = rules::metadata().unwrap();
    for m in meta {
        let id = &m.id;
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !id.starts_with('-')
                && !id.ends_with('-'),
            "{id}: ids are kebab-case"
        );
        for prefix in ["no-", "disallow-", "ban-"] {
            assert!(
                !id.starts_with(prefix),
                "{id}: ids name the problem, not a prohibition"
            );
        }
        assert!(
            !m.summary.contains('\n') && !m.summary.ends_with('.'),
            "{id}: summary is one line without a period"
        );
        assert!(!m.summary.is_empty() && !m.seed.is_empty());
        let mut last = 0;
        for heading in ["## Why it matters", "## How to fix", "## Not flagged"] {
            let at = m
                .explanation
                .find(heading)
                .unwrap_or_else(|| panic!("{id}: explanation lacks `{heading}`"));
            assert!(at >= last, "{id}: headings in order");
            last = at;
        }
        assert!(!m.languages.is_empty());
        for lang in &m.languages {
            for (kind, list) in [("bad", &m.examples.bad), ("good", &m.examples.good)] {
                let has = list.iter().any(|e| {
                    e.lang == Some(*lang)
                        || e.files
                            .as_ref()
                            .is_some_and(|f| f.keys().any(|n| file_lang(n) == Some(*lang)))
                });
                assert!(has, "{id}: no {kind} example in {}", lang.as_str());
            }
        }
        for ex in m.examples.bad.iter().chain(&m.examples.good) {
            assert!(
                (ex.lang.is_some() && ex.code.is_some() && ex.files.is_none())
                    || (ex.lang.is_none() && ex.code.is_none() && ex.files.is_some()),
                "{id}: an example has either lang+code or files"
            );
        }
    }
}

fn file_lang(name: &str) -> Option<Lang> {
    backlint::discover::kind_for_walk(std::path::Path::new(name)).and_then(|k| k.lang())
}
