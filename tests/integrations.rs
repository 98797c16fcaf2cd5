//! CI integrations: SARIF checked by Microsoft's SARIF validator, GitHub/GitLab/JUnit output,
//! baselines, git-based selection, fail levels, and the real pre-commit framework.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const BAD_JS: &str =
    "function list(req) {\n  return db.query(`SELECT * FROM t WHERE id = ${req.params.id}`);\n}\n";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The SARIF validator from the npm registry (`@microsoft/sarif-multitool`), as `.ci/run`
/// installs it into `target/tools`.
fn sarif_validator() -> Option<PathBuf> {
    let candidate = root().join("target/tools/node_modules/.bin/sarif-multitool");
    if candidate.exists() {
        return Some(candidate);
    }
    if std::env::var_os("BACKLINT_REQUIRE_TOOLS").is_some() {
        panic!(
            "the SARIF validator is required but {} is missing",
            candidate.display()
        );
    }
    eprintln!("skipping: SARIF validator not installed (run .ci/run)");
    None
}

#[test]
fn sarif_passes_the_sarif_validator() {
    let out = run(&["check", "testdata", "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let run0 = &value["runs"][0];
    assert!(run0["tool"]["driver"]["rules"].as_array().unwrap().len() >= 10);
    let result = &run0["results"][0];
    assert!(result["partialFingerprints"]["backlintFingerprint/v1"].is_string());
    assert!(result["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());

    let Some(validator) = sarif_validator() else {
        return;
    };
    let dir = TempDir::new("sarif");
    let file = dir.write("out.sarif", &out.stdout);
    let check = Command::new(validator)
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{report}");
    assert!(report.contains("1 files scanned"), "{report}");
    assert!(!report.contains(": error "), "{report}");
    assert!(!report.contains(": warning "), "{report}");
}

#[test]
fn github_gitlab_and_junit_formats() {
    let dir = TempDir::new("ci-formats");
    dir.write("a,b.js", BAD_JS);
    let gh = stdout(&run_in(dir.path(), &["check", ".", "--format", "github"]));
    assert_eq!(
        gh.lines()
            .next()
            .unwrap()
            .split("::")
            .take(2)
            .collect::<Vec<_>>()
            .join("::"),
        "::error file=a%2Cb.js,line=2,col=10,endLine=2,endColumn=65,title=sql-interpolation"
    );
    let gl: serde_json::Value =
        serde_json::from_slice(&run_in(dir.path(), &["check", ".", "--format", "gitlab"]).stdout)
            .unwrap();
    assert_eq!(gl[0]["check_name"], "sql-interpolation");
    assert_eq!(gl[0]["severity"], "critical");
    assert_eq!(gl[0]["location"]["lines"]["begin"], 2);
    let junit = stdout(&run_in(dir.path(), &["check", ".", "--format", "junit"]));
    assert!(junit.starts_with("<?xml"));
    assert!(junit.contains("<testcase name=\"a,b.js\""));
    assert!(junit.contains("<failure type=\"sql-interpolation\""));
}

#[test]
fn baseline_reports_only_new_findings_and_survives_moves() {
    let dir = TempDir::new("baseline");
    dir.write("a.js", BAD_JS);
    let out = run_in(
        dir.path(),
        &["check", ".", "--write-baseline", "baseline.json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let (v, code) = check_json(dir.path(), &[".", "--baseline", "baseline.json"]);
    assert_eq!((findings(&v).len(), code), (0, 0));
    // The same code moved down the file: still known.
    dir.write("a.js", format!("// header\n\n{BAD_JS}"));
    let (v, _) = check_json(dir.path(), &[".", "--baseline", "baseline.json"]);
    assert_eq!(findings(&v).len(), 0);
    // A second, new occurrence is reported.
    dir.write(
        "a.js",
        format!("{BAD_JS}{}", BAD_JS.replace("list", "other")),
    );
    let (v, code) = check_json(dir.path(), &[".", "--baseline", "baseline.json"]);
    assert_eq!((findings(&v).len(), code), (1, 1));
}

/// A baseline written at the root holds from a subdirectory and with absolute paths; the
/// findings that are gone are counted, and writing the baseline again drops them.
#[test]
fn baselines_hold_from_any_directory() {
    let dir = TempDir::new("baseline-dirs");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir.write("src/a.js", BAD_JS);
    dir.write("src/b.js", BAD_JS.replace("list", "other"));
    let written = run_in(
        dir.path(),
        &["check", ".", "--write-baseline", "baseline.json"],
    );
    assert_eq!(written.status.code(), Some(0));
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let src = dir.path().join("src");
    let absolute = src.to_str().unwrap();
    for (cwd, target) in [
        (dir.path(), "src"),
        (src.as_path(), "."),
        (dir.path(), absolute),
    ] {
        let (v, code) = check_json(cwd, &[target, "--baseline", baseline]);
        assert_eq!((findings(&v).len(), code), (0, 0), "{cwd:?} {target}");
    }
    // A fixed finding is counted as gone...
    dir.write("src/b.js", "const fixed = 1;\n");
    let out = run_in(dir.path(), &["check", ".", "--baseline", baseline]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("1 baselined finding(s) no longer occur"),
        "{}",
        stderr(&out)
    );
    // ...and dropped when the baseline is written again.
    run_in(dir.path(), &["check", ".", "--write-baseline", baseline]);
    let text = std::fs::read_to_string(baseline).unwrap();
    assert!(
        text.contains("src/a.js") && !text.contains("src/b.js"),
        "{text}"
    );
    let out = run_in(dir.path(), &["check", ".", "--baseline", baseline]);
    assert!(
        !stderr(&out).contains("no longer occur"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fail_level_sets_the_exit_code() {
    let dir = TempDir::new("fail-level");
    dir.write(
        "docker-compose.yml",
        "services:\n  api:\n    image: node:20-slim\n    command: node server.js\n    depends_on: [db]\n  db:\n    image: postgres:16\n",
    );
    assert_eq!(run_in(dir.path(), &["check", "."]).status.code(), Some(0));
    assert_eq!(
        run_in(dir.path(), &["check", ".", "--fail-level", "info"])
            .status
            .code(),
        Some(1)
    );
    dir.write("a.js", BAD_JS);
    assert_eq!(
        run_in(dir.path(), &["check", ".", "--fail-level", "error"])
            .status
            .code(),
        Some(1)
    );
    dir.write("backlint.yaml", "fail-level: info\n");
    std::fs::remove_file(dir.path().join("a.js")).unwrap();
    assert_eq!(run_in(dir.path(), &["check", "."]).status.code(), Some(1));
}

#[test]
fn staged_and_changed_since_select_files_but_keep_the_project() {
    let dir = TempDir::new("git");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    dir.write("old.js", BAD_JS);
    dir.write("docker-compose.yml", "services:\n  caddy:\n    image: caddy:2\n    ports: [\"80:80\"]\n    volumes: [\"./Caddyfile:/etc/caddy/Caddyfile\"]\n  web:\n    build: .\n    expose: [\"8000\"]\n");
    dir.write("Caddyfile", "example.com {\n\treverse_proxy web:8000\n}\n");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "init"]);
    // Only the Caddyfile changes: its wrong upstream is found through the compose file.
    dir.write("Caddyfile", "example.com {\n\treverse_proxy wbe:8000\n}\n");
    git(dir.path(), &["add", "Caddyfile"]);
    let (v, _) = check_json(dir.path(), &["--staged"]);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].path.as_str(), f[0].rule.as_str()),
        ("Caddyfile", "caddy-upstream-unknown-host")
    );
    dir.write("new.js", BAD_JS);
    let (v, _) = check_json(dir.path(), &["--changed-since", "HEAD"]);
    let paths: Vec<String> = findings(&v).into_iter().map(|f| f.path).collect();
    assert_eq!(paths, vec!["Caddyfile", "new.js"]);
    let out = run_in(dir.path(), &["check", "--changed-since", "no-such-ref"]);
    assert_eq!(out.status.code(), Some(2));

    // `--staged` lints what is staged, not the working tree: a staged wrong upstream fails
    // even when the copy on disk is fixed since...
    dir.write("Caddyfile", "example.com {\n\treverse_proxy web:8000\n}\n");
    let (v, _) = check_json(dir.path(), &["--staged"]);
    let rules: Vec<String> = findings(&v).into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["caddy-upstream-unknown-host"]);
    // ...and a staged fix passes while the working tree is still broken.
    git(dir.path(), &["add", "Caddyfile"]);
    dir.write("Caddyfile", "example.com {\n\treverse_proxy wbe:8000\n}\n");
    let (v, code) = check_json(dir.path(), &["--staged"]);
    assert!(findings(&v).is_empty(), "{:?}", findings(&v));
    assert_eq!(code, 0);

    // Outside a git repository: one line saying so, exit 2.
    let plain = TempDir::new("not-git");
    for option in ["--staged", "--changed-since=HEAD"] {
        let out = run_in(plain.path(), &["check", option]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("needs a git repository"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

#[test]
fn init_writes_a_valid_starter_config() {
    let dir = TempDir::new("init");
    assert_eq!(run_in(dir.path(), &["init"]).status.code(), Some(0));
    assert_eq!(run_in(dir.path(), &["init"]).status.code(), Some(2));
    dir.write("a.js", "const a = 1;\n");
    assert_eq!(run_in(dir.path(), &["check", "."]).status.code(), Some(0));
}

/// Runs `program` in `dir` with `envs` set: whether it succeeded, and what it printed on
/// both streams (the user's view).
fn run_reporting(
    dir: &std::path::Path,
    envs: &[(&str, &std::ffi::OsStr)],
    program: &str,
    args: &[&str],
) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), report)
}

/// `git commit` in `dir`, which runs the installed hooks: whether it was accepted, and what
/// it printed.
fn commit_with_hooks(
    dir: &std::path::Path,
    envs: &[(&str, &std::ffi::OsStr)],
    message: &str,
) -> (bool, String) {
    let args = [
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        message,
    ];
    run_reporting(dir, envs, "git", &args)
}

/// The real pre-commit framework, with backlint added by `repo:`/`rev:` as users do.
#[test]
fn pre_commit_refuses_a_bad_commit_and_accepts_a_good_one() {
    if !tool_available("pre-commit", "--version") {
        return;
    }
    let head = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(root())
        .output()
        .unwrap();
    if !head.status.success() {
        return;
    }
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let dir = TempDir::new("pre-commit");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    dir.write(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: backlint\n",
            root().display()
        ),
    );
    dir.write(
        "ok.js",
        "module.exports = (req) => db.query('SELECT 1 FROM t WHERE id = ?', [req.params.id]);\n",
    );
    // The pre-commit environment caches the built hook between runs of the suite.
    let home = root().join("target/pre-commit-home");
    let envs = [("PRE_COMMIT_HOME", home.as_os_str())];
    let (installed, report) = run_reporting(dir.path(), &envs, "pre-commit", &["install"]);
    assert!(installed, "{report}");
    // `git commit` runs the installed hook; its output is the user's view.
    let commit = |message: &str| commit_with_hooks(dir.path(), &envs, message);
    git(dir.path(), &["add", "."]);
    let (good, report) = commit("good");
    assert!(good, "{report}");

    dir.write("bad.js", BAD_JS);
    git(dir.path(), &["add", "bad.js"]);
    let (bad_accepted, report) = commit("bad");
    assert!(!bad_accepted, "the bad commit was accepted: {report}");
    assert!(report.contains("error[sql-interpolation]"), "{report}");
    assert!(report.contains("bad.js"), "{report}");
    assert!(
        !report.contains("ok.js:"),
        "only staged files are reported: {report}"
    );

    // A Caddy upstream broken from the compose side: only the compose file is staged, and
    // the commit is refused with the Caddyfile's finding, labelled at the compose change.
    git(dir.path(), &["rm", "-q", "--cached", "bad.js"]);
    std::fs::remove_file(dir.path().join("bad.js")).unwrap();
    dir.write(
        "docker-compose.yml",
        "services:\n  caddy:\n    image: caddy:2\n    ports: [\"80:80\"]\n    volumes: [\"./Caddyfile:/etc/caddy/Caddyfile\"]\n  web:\n    build: .\n    expose: [\"8000\"]\n",
    );
    dir.write("Caddyfile", "example.com {\n\treverse_proxy web:8000\n}\n");
    git(dir.path(), &["add", "docker-compose.yml", "Caddyfile"]);
    let (good, report) = commit("proxy");
    assert!(good, "{report}");
    dir.write(
        "docker-compose.yml",
        "services:\n  caddy:\n    image: caddy:2\n    ports: [\"80:80\"]\n    volumes: [\"./Caddyfile:/etc/caddy/Caddyfile\"]\n  web:\n    build: .\n    expose: [\"9000\"]\n",
    );
    git(dir.path(), &["add", "docker-compose.yml"]);
    let (accepted, report) = commit("move the port");
    assert!(!accepted, "the broken upstream was accepted: {report}");
    assert!(
        report.contains("error[caddy-upstream-port-mismatch]")
            && report.contains("Caddyfile:2:")
            && report.contains("docker-compose.yml:8:"),
        "{report}"
    );
}

/// The README's recipe for teams that install the binary themselves (`pip install backlint`,
/// a release download): a `repo: local` hook with `language: system`. The binary is the one
/// in `BACKLINT_SYSTEM_INSTALL` when set (CI points it at a fresh venv holding the wheel),
/// else the one this suite built.
#[test]
fn pre_commit_with_a_system_install() {
    if !tool_available("pre-commit", "--version") {
        return;
    }
    let install = std::env::var_os("BACKLINT_SYSTEM_INSTALL")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_BIN_EXE_backlint"))
                .parent()
                .unwrap()
                .to_path_buf()
        });
    assert!(install.join("backlint").is_file(), "{}", install.display());
    let path = std::env::join_paths(
        std::iter::once(install.clone()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    let dir = TempDir::new("pre-commit-system");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    dir.write(
        ".pre-commit-config.yaml",
        "repos:\n  - repo: local\n    hooks:\n      - id: backlint\n        name: backlint\n        entry: backlint check\n        language: system\n        require_serial: true\n        types_or: [javascript, ts, python, yaml, dockerfile]\n",
    );
    dir.write("ok.py", "import os\n");
    let home = root().join("target/pre-commit-home");
    let envs = [
        ("PATH", path.as_os_str()),
        ("PRE_COMMIT_HOME", home.as_os_str()),
    ];
    let (installed, report) = run_reporting(dir.path(), &envs, "pre-commit", &["install"]);
    assert!(installed, "{report}");
    let commit = |message: &str| commit_with_hooks(dir.path(), &envs, message);
    git(dir.path(), &["add", "."]);
    let (good, report) = commit("good");
    assert!(good, "{report}");
    dir.write("bad.js", BAD_JS);
    git(dir.path(), &["add", "bad.js"]);
    let (accepted, report) = commit("bad");
    assert!(!accepted, "the bad commit was accepted: {report}");
    assert!(report.contains("error[sql-interpolation]"), "{report}");
}

/// A partial run reports the findings that touch the files it names: where they are, or
/// where one of their labels is. Changing only the compose file breaks the Caddy upstream.
#[test]
fn a_compose_side_change_reports_the_caddyfile_finding() {
    let dir = TempDir::new("compose-side");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    let compose = |port: &str, name: &str| {
        format!(
            "services:\n  caddy:\n    image: caddy:2\n    ports: [\"80:80\"]\n    volumes: [\"./Caddyfile:/etc/caddy/Caddyfile\"]\n  {name}:\n    build: .\n    expose: [\"{port}\"]\n"
        )
    };
    dir.write("docker-compose.yml", compose("8000", "web"));
    dir.write("Caddyfile", "example.com {\n\treverse_proxy web:8000\n}\n");
    dir.write("other.js", "const a = 1;\n");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "init"]);
    for (port, name, rule) in [
        ("9000", "web", "caddy-upstream-port-mismatch"),
        ("8000", "api", "caddy-upstream-unknown-host"),
    ] {
        dir.write("docker-compose.yml", compose(port, name));
        for args in [
            vec!["docker-compose.yml"],
            vec!["--staged"],
            vec!["--changed-since", "HEAD"],
        ] {
            git(dir.path(), &["add", "docker-compose.yml"]);
            let (v, code) = check_json(dir.path(), &args);
            let found: Vec<(String, String)> =
                findings(&v).into_iter().map(|f| (f.path, f.rule)).collect();
            assert_eq!(
                found,
                [("Caddyfile".to_string(), rule.to_string())],
                "{args:?}"
            );
            assert_eq!(code, 1);
            let labels = v["diagnostics"][0]["labels"].as_array().unwrap();
            assert!(
                labels.iter().any(|l| l["path"] == "docker-compose.yml"),
                "{labels:?}"
            );
        }
        // Naming an unrelated file reports nothing of it.
        let (v, _) = check_json(dir.path(), &["other.js"]);
        assert!(findings(&v).is_empty());
    }
}

/// Seed 002's layout: Caddy's compose project and the backend's, joined by an external
/// network. Renaming the backend's service in its own compose file breaks the upstream; a
/// run naming only that file reports the Caddyfile's finding, labelled at the renamed key.
#[test]
fn a_rename_in_the_backend_compose_project_reports_the_upstream() {
    let dir = TempDir::new("seed-002-rename");
    let fixture = root().join("testdata/caddy-upstream-network-mismatch/seed_502_fixed");
    copy_tree(&fixture, dir.path());
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let (v, _) = check_json(dir.path(), &["backend/docker-compose.yml"]);
    assert!(findings(&v).is_empty(), "{:?}", findings(&v));
    let compose = std::fs::read_to_string(dir.path().join("backend/docker-compose.yml")).unwrap();
    dir.write(
        "backend/docker-compose.yml",
        compose.replacen("  web:", "  api:", 1),
    );
    let (v, _) = check_json(dir.path(), &["backend/docker-compose.yml"]);
    let found: Vec<(String, String)> = findings(&v).into_iter().map(|f| (f.path, f.rule)).collect();
    assert!(
        !found.is_empty()
            && found.iter().all(|f| f
                == &(
                    "Caddyfile".to_string(),
                    "caddy-upstream-unknown-host".to_string()
                )),
        "{found:?}"
    );
    let labels = v["diagnostics"][0]["labels"].as_array().unwrap();
    assert!(
        labels
            .iter()
            .any(|l| l["path"] == "backend/docker-compose.yml"
                && l["message"] == "`api` is declared here"),
        "{labels:?}"
    );
}
