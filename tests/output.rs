//! Golden files for the rendering of each output format. Rule behaviour is asserted by the
//! fixtures; these pin down what users and tools read. Refresh with
//! `BACKLINT_UPDATE_GOLDEN=1 cargo test --test output`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use common::*;

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("BACKLINT_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} differs; if the change is intended run `BACKLINT_UPDATE_GOLDEN=1 cargo test --test output`",
        path.display()
    );
}

#[test]
fn human_format() {
    let dir = root().join("tests/golden");
    let out = run_in(&dir, &["check", "input", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // The elapsed time varies between runs.
    let stable: String = text
        .lines()
        .map(|l| match l.rfind(" in ") {
            Some(at) if l.contains("files checked") || l.contains("file checked") => {
                format!("{} in <time>", &l[..at])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    golden("human.txt", &format!("{stable}\n"));
}

#[test]
fn json_format() {
    let dir = root().join("tests/golden");
    let out = run_in(&dir, &["check", "input", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    golden(
        "json.json",
        &format!("{}\n", serde_json::to_string_pretty(&value).unwrap()),
    );
}
