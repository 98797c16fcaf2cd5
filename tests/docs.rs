//! The generated rule pages, their index and the README table are up to date.
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
    let pages = root().join("docs/rules");
    std::fs::create_dir_all(&pages).expect("docs/rules");
    stale.extend(check_or_update(
        &pages.join("README.md"),
        &docs::rules_index(meta),
    ));
    for m in meta {
        stale.extend(check_or_update(
            &pages.join(format!("{}.md", m.id)),
            &docs::rule_page(m),
        ));
    }
    // A page whose rule no longer exists is stale too.
    for entry in std::fs::read_dir(&pages).expect("docs/rules").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".md") else {
            continue;
        };
        if id != "README" && !meta.iter().any(|m| m.id == id) {
            if std::env::var_os("BACKLINT_UPDATE_DOCS").is_some() {
                std::fs::remove_file(entry.path()).expect("remove stale page");
            } else {
                stale.push(format!("docs/rules/{name} documents no rule"));
            }
        }
    }
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

/// Every rule points its readers at public documentation, and its page speaks of the user's
/// code: no references to where the rule came from.
#[test]
fn rule_pages_have_public_references_only() {
    let meta = rules::metadata().unwrap();
    let mut problems = Vec::new();
    for m in meta {
        if m.references.is_empty() {
            problems.push(format!("{}: no `references:`", m.id));
        }
        for r in &m.references {
            if !r.url.starts_with("https://") {
                problems.push(format!(
                    "{}: reference `{}` is not an https URL",
                    m.id, r.url
                ));
            }
        }
        let page = docs::rule_page(m);
        for internal in ["§", "seed", "Source:"] {
            if page.contains(internal) {
                problems.push(format!("{}: the page mentions `{internal}`", m.id));
            }
        }
        assert!(page.contains("## References"), "{}", m.id);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
