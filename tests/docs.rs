//! The generated rule index and README table are up to date.
//! Refresh them with `BACKLINT_UPDATE_DOCS=1 cargo test --test docs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use backlint::{docs, rules};
use common::root;

fn check_or_update(path: &std::path::Path, expected: &str) -> Option<String> {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current == expected {
        return None;
    }
    if std::env::var_os("BACKLINT_UPDATE_DOCS").is_some() {
        std::fs::write(path, expected).expect("write docs");
        return None;
    }
    Some(format!(
        "{} is stale: run `BACKLINT_UPDATE_DOCS=1 cargo test --test docs`",
        path.display()
    ))
}

#[test]
fn generated_docs_are_current() {
    let meta = rules::metadata().unwrap();
    let mut stale = Vec::new();
    stale.extend(check_or_update(
        &root().join("rules/README.md"),
        &docs::rules_index(meta),
    ));
    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md exists");
    let updated = docs::readme_with_table(&readme, meta)
        .expect("README.md has the rules:start/rules:end markers");
    stale.extend(check_or_update(&readme_path, &updated));
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn config_schema_is_current() {
    let stale = check_or_update(
        &root().join("schema/backlint.schema.json"),
        &backlint::config::json_schema(),
    );
    assert!(stale.is_none(), "{}", stale.unwrap_or_default());
}
