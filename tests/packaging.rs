//! The ways backlint is installed without a Rust toolchain: the GitHub Action, the container
//! image and the Python wheel's metadata. (`packaging/check-wheel.sh` builds and installs the
//! wheel itself; CI runs it.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use common::*;

fn action() -> serde_yaml_ng::Value {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    serde_yaml_ng::from_str(&text).expect("action.yml parses")
}

/// The action is composite, and every `backlint` command it runs uses only options that
/// `backlint check --help` lists; every input it reads is declared.
#[test]
fn the_github_action_uses_only_flags_that_exist() {
    let action = action();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let help = stdout(&run(&["check", "--help"]));
    let declared: Vec<String> = action["inputs"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let mut commands = 0;
    let mut uploads = 0;
    for step in steps {
        if step["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        {
            uploads += 1;
        }
        let text = serde_yaml_ng::to_string(step).unwrap();
        for (at, _) in text.match_indices("inputs.") {
            let name: String = text[at + "inputs.".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            assert!(declared.contains(&name), "undeclared input `{name}`");
        }
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        for line in script
            .lines()
            .filter(|l| l.trim_start().starts_with("backlint "))
        {
            commands += 1;
            let words: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(words.get(1), Some(&"check"), "{line}");
            for flag in words.iter().filter(|w| w.starts_with("--")) {
                assert!(
                    help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
                    "`{flag}` is not an option of `backlint check`"
                );
            }
            assert!(line.contains("--format sarif"), "{line}");
        }
    }
    assert_eq!(commands, 1, "the action runs backlint once");
    assert_eq!(uploads, 1, "the action uploads the SARIF report");
}

/// backlint's own packaging files are quiet under backlint: the image's Dockerfile installs
/// no development dependencies and has nothing a rule would report.
#[test]
fn packaging_files_pass_backlint() {
    let out = run(&["check", "Dockerfile", "action.yml", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]), "{value}");
    assert_eq!(out.status.code(), Some(0));
}

/// The wheel carries the binary (maturin's `bin` bindings) and takes its version from
/// Cargo.toml, so `pip install backlint` installs the same `backlint --version`.
#[test]
fn the_wheel_carries_the_binary() {
    let pyproject = std::fs::read_to_string(root().join("pyproject.toml")).unwrap();
    assert!(pyproject.contains("build-backend = \"maturin\""));
    assert!(pyproject.contains("bindings = \"bin\""));
    assert!(pyproject.contains("dynamic = [\"version\"]"));
    assert!(pyproject.contains("name = \"backlint\""));
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    assert!(dockerfile.contains("ENTRYPOINT [\"/usr/local/bin/backlint\"]"));
}
