//! `backlint topology`: every finding of a topology rule is marked on what it reports and
//! nothing else is marked (over every topology fixture), golden files for every format on
//! the seed 002 scenario (broken and fixed) and a Kubernetes fixture, and the Mermaid and
//! DOT outputs rendered to SVG by the real Mermaid CLI and Graphviz. Refresh the golden
//! files with `BACKLINT_UPDATE_GOLDEN=1 cargo test --test topology`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// The rules whose findings the picture marks.
const TOPOLOGY_RULES: &[&str] = &[
    "app-listens-on-loopback",
    "caddy-upstream-network-mismatch",
    "caddy-upstream-port-mismatch",
    "caddy-upstream-unknown-host",
    "compose-depends-on-unhealthy",
    "compose-host-port-conflict",
    "compose-localhost-dependency",
    "k8s-missing-probes",
];

/// The golden cases: (name, directory below testdata/).
const GOLDEN_CASES: &[(&str, &str)] = &[
    (
        "seed_502_broken",
        "caddy-upstream-network-mismatch/seed_502_broken",
    ),
    (
        "seed_502_fixed",
        "caddy-upstream-network-mismatch/seed_502_fixed",
    ),
    (
        "k8s_deployment",
        "k8s-missing-probes/deployment_and_service",
    ),
];

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden/topology").join(name);
    if std::env::var_os("BACKLINT_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} differs; if the change is intended run `BACKLINT_UPDATE_GOLDEN=1 cargo test --test topology`",
        path.display()
    );
}

/// `backlint topology . --format FORMAT` inside a case directory of the isolated testdata.
fn topology_in(dir: &Path, format: &str) -> String {
    let out = backlint()
        .current_dir(dir)
        .args(["topology", ".", "--format", format, "--color", "never"])
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("binary runs");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

fn case_dir(relative: &str) -> PathBuf {
    isolated_testdata().join("testdata").join(relative)
}

/// Every `marks` entry of the model, and the model's `unattached` list, walked with a stack.
fn marks_of(model: &Value) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![model];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    if key == "marks" {
                        for m in inner.as_array().into_iter().flatten() {
                            out.push((
                                m["rule"].as_str().unwrap_or("").to_string(),
                                m["path"].as_str().unwrap_or("").to_string(),
                                m["line"].as_u64().unwrap_or(0),
                            ));
                        }
                    } else {
                        stack.push(inner);
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    out.sort();
    out
}

/// The directories the topology fixtures live in: each topology rule's directory and each
/// case below it, and each project of testdata/projects.
fn topology_cases() -> Vec<String> {
    let testdata = root().join("testdata");
    let mut out = Vec::new();
    let mut top: Vec<String> = std::fs::read_dir(&testdata)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| TOPOLOGY_RULES.contains(&name.as_str()) || name == "projects")
        .collect();
    top.sort();
    for name in top {
        out.push(name.clone());
        let mut subs: Vec<String> = std::fs::read_dir(testdata.join(&name))
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| format!("{name}/{}", e.file_name().to_string_lossy()))
            .collect();
        subs.sort();
        out.extend(subs);
    }
    out
}

#[test]
fn every_topology_finding_is_a_marked_edge_and_every_mark_a_finding() {
    let cases = topology_cases();
    assert!(cases.len() > 20, "topology fixtures found: {cases:?}");
    let base = isolated_testdata();
    let mut total = 0;
    for case in cases {
        let rel = format!("testdata/{case}");
        let (checked, _) = check_json(base, &[rel.as_str(), "--threads", "2"]);
        let mut expected: Vec<(String, String, u64)> = findings(&checked)
            .into_iter()
            .filter(|f| TOPOLOGY_RULES.contains(&f.rule.as_str()))
            .map(|f| (f.rule, f.path, f.line))
            .collect();
        expected.sort();
        let out = run_in(base, &["topology", &rel, "--format", "json"]);
        assert!(out.status.success(), "{case}: {}", stderr(&out));
        let model: Value = serde_json::from_slice(&out.stdout).expect("topology JSON");
        assert_eq!(
            model["unattached"].as_array().map(Vec::len),
            Some(0),
            "{case}: findings on no edge: {}",
            model["unattached"]
        );
        assert_eq!(
            marks_of(&model),
            expected,
            "{case}: marks and findings differ"
        );
        // The drawn edges carry exactly the rules of the findings.
        let mermaid = stdout(&run_in(base, &["topology", &rel, "--format", "mermaid"]));
        let mut drawn: Vec<String> = mermaid
            .lines()
            .filter(|l| l.contains("-->") || l.contains("-.->"))
            .flat_map(|l| l.split("✘ ").skip(1).map(str::to_string))
            .map(|r| r.split([' ', '"']).next().unwrap_or("").to_string())
            .collect();
        drawn.sort();
        drawn.dedup();
        let mut rules: Vec<String> = expected.iter().map(|(r, _, _)| r.clone()).collect();
        rules.dedup();
        assert_eq!(drawn, rules, "{case}: rules drawn on edges");
        total += expected.len();
    }
    assert!(
        total > 30,
        "only {total} topology findings over the fixtures"
    );
}

#[test]
fn golden_outputs() {
    for (name, relative) in GOLDEN_CASES {
        let dir = case_dir(relative);
        golden(&format!("{name}.txt"), &topology_in(&dir, "text"));
        golden(&format!("{name}.mmd"), &topology_in(&dir, "mermaid"));
        golden(&format!("{name}.dot"), &topology_in(&dir, "dot"));
        golden(&format!("{name}.json"), &topology_in(&dir, "json"));
    }
}

#[test]
fn broken_seed_marks_the_502_and_fixed_seed_marks_nothing() {
    let broken = topology_in(&case_dir(GOLDEN_CASES[0].1), "text");
    assert!(
        broken.contains("no shared network  Caddyfile:11  ✘ caddy-upstream-network-mismatch"),
        "{broken}"
    );
    let fixed = topology_in(&case_dir(GOLDEN_CASES[1].1), "text");
    assert!(
        !fixed
            .lines()
            .any(|l| l.contains('✘') && !l.starts_with("legend:")),
        "{fixed}"
    );
    assert!(fixed.contains("over backend_default"), "{fixed}");
}

#[test]
fn text_colours_follow_the_environment_as_check_does() {
    let dir = case_dir(GOLDEN_CASES[0].1);
    let with = |vars: &[(&str, &str)]| {
        let mut cmd = backlint();
        cmd.current_dir(&dir)
            .args(["topology", "."])
            .env_remove("FORCE_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("NO_COLOR");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        stdout(&cmd.output().expect("binary runs"))
    };
    assert!(with(&[("FORCE_COLOR", "1")]).contains("\u{1b}["));
    assert!(!with(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]).contains("\u{1b}["));
    assert!(!with(&[]).contains("\u{1b}["), "not a terminal: no colours");
}

#[test]
fn readme_shows_the_seed_broken_and_fixed_as_mermaid() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (name, relative) in &GOLDEN_CASES[..2] {
        let mermaid = topology_in(&case_dir(relative), "mermaid");
        assert!(
            readme.contains(&format!("```mermaid\n{mermaid}```")),
            "README.md must show `backlint topology --format mermaid` of {name}:\n{mermaid}"
        );
    }
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backlint-topology-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn dot_output_renders_with_graphviz() {
    if !tool_available("dot", "-V") {
        return;
    }
    let out_dir = scratch();
    for (name, relative) in GOLDEN_CASES {
        let source = out_dir.join(format!("{name}.dot"));
        std::fs::write(&source, topology_in(&case_dir(relative), "dot")).unwrap();
        let svg = out_dir.join(format!("{name}.dot.svg"));
        let run = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(&source)
            .arg("-o")
            .arg(&svg)
            .output()
            .unwrap();
        assert!(run.status.success(), "{name}: {}", stderr(&run));
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg"), "{name}: no SVG");
    }
}

/// The Mermaid CLI that `.ci/run` installs into target/tools.
fn mermaid_cli() -> PathBuf {
    root().join("target/tools/node_modules/.bin/mmdc")
}

#[test]
fn mermaid_output_renders_with_the_mermaid_cli() {
    let cli = mermaid_cli();
    let chromium = Path::new("/usr/bin/chromium");
    if !tool_available(&cli.to_string_lossy(), "--version") {
        return;
    }
    if !chromium.exists() {
        assert!(
            std::env::var_os("BACKLINT_REQUIRE_TOOLS").is_none(),
            "chromium is required (BACKLINT_REQUIRE_TOOLS is set) but is not installed"
        );
        eprintln!("skipping: /usr/bin/chromium is not installed");
        return;
    }
    let out_dir = scratch();
    // The configuration `.ci/run` writes, or the same one written here.
    let mut config = root().join("target/tools/puppeteer.json");
    if !config.is_file() {
        config = out_dir.join("puppeteer.json");
    }
    let settings: BTreeMap<&str, Value> = BTreeMap::from([
        (
            "executablePath",
            Value::from(chromium.to_string_lossy().as_ref()),
        ),
        (
            "args",
            Value::from(vec![
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ]),
        ),
    ]);
    if !config.is_file() {
        std::fs::write(&config, serde_json::to_string(&settings).unwrap()).unwrap();
    }
    for (name, relative) in GOLDEN_CASES {
        let source = out_dir.join(format!("{name}.mmd"));
        std::fs::write(&source, topology_in(&case_dir(relative), "mermaid")).unwrap();
        let svg = out_dir.join(format!("{name}.mmd.svg"));
        let run = std::process::Command::new(&cli)
            .arg("-i")
            .arg(&source)
            .arg("-o")
            .arg(&svg)
            .arg("-p")
            .arg(&config)
            .arg("-q")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: mmdc failed\nstdout: {}\nstderr: {}",
            stdout(&run),
            stderr(&run)
        );
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg"), "{name}: no SVG");
        // A parse error is drawn as an SVG too: make sure this is the chart.
        assert!(!text.contains("Syntax error"), "{name}: {text}");
    }
}
