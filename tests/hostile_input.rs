//! Hostile and odd input: no abort, no read outside the project, bounded memory and time,
//! text read as the ecosystem reads it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

const BAD_JS: &str =
    "function f(req) { return db.query(`SELECT * FROM t WHERE id = ${req.params.id}`); }\n";

fn found(dir: &Path, args: &[&str]) -> (Vec<(String, String, u64)>, i32, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = run_in(dir, &all);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    let list = findings(&v)
        .into_iter()
        .map(|f| (f.path, f.rule, f.line))
        .collect();
    (list, out.status.code().unwrap_or(-1), stderr(&out))
}

/// A Python file indented `levels` deep, with a JSON parse of request data at the bottom.
fn deep_python(levels: usize) -> String {
    let mut text = String::from("import json\n");
    for level in 0..levels {
        text.push_str(&" ".repeat(level));
        text.push_str("if x:\n");
    }
    text.push_str(&" ".repeat(levels));
    // An f-string keeps a string delimiter open in the grammar's state, the shape that
    // made tree-sitter abort.
    text.push_str("y = json.loads(f\"{request.body}\")\n");
    text
}

#[test]
fn deep_python_indentation_is_refused_not_aborted() {
    let dir = TempDir::new("deep-indent");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir.write("deep.py", deep_python(520));
    dir.write("ok.js", BAD_JS);
    let (list, code, err) = found(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert!(
        list.contains(&("ok.js".into(), "sql-interpolation".into(), 1)),
        "{list:?}"
    );
    assert!(
        list.contains(&("deep.py".into(), "internal-limit".into(), 1)),
        "{list:?}"
    );
    // Read only as context for another file, it does not abort the run either.
    let (list, code, err) = found(dir.path(), &["ok.js"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        list,
        vec![("ok.js".into(), "sql-interpolation".into(), 1)],
        "{err}"
    );
    // The human output says which limit.
    let out = run_in(dir.path(), &["check", "deep.py"]);
    assert!(
        stdout(&out).contains("over backlint's limit of 380"),
        "{}",
        stdout(&out)
    );
}

/// Each grammar takes deep nesting of each construct without aborting or overflowing; code
/// nested deeper than the rules look is said to be partly checked.
#[test]
fn every_grammar_takes_deep_nesting() {
    let dir = TempDir::new("deep-grammars");
    let n = 20_000;
    dir.write(
        "blocks.js",
        format!("{}x{}\n", "{".repeat(n), "}".repeat(n)),
    );
    dir.write(
        "templates.js",
        format!("x = {}1{};\n", "`${".repeat(n), "}`".repeat(n)),
    );
    dir.write(
        "arrows.ts",
        format!("const f = {}1;\n", "(a: number) => ".repeat(n)),
    );
    dir.write(
        "generics.ts",
        format!("let x: {}T{};\n", "A<".repeat(n), ">".repeat(n)),
    );
    dir.write(
        "jsx.tsx",
        format!("const x = {}{};\n", "<a>".repeat(n), "</a>".repeat(n)),
    );
    dir.write(
        "lists.py",
        format!("x = {}1{}\n", "[".repeat(n), "]".repeat(n)),
    );
    dir.write(
        "fstrings.py",
        format!("x = {}1{}\n", "f'{".repeat(200), "}'".repeat(200)),
    );
    dir.write("lambdas.py", format!("f = {}1\n", "lambda: ".repeat(n)));
    // A query deep inside nested calls: below the depth the rules look at. (Short lines
    // around it keep the file from looking minified, which no rule would check.)
    dir.write(
        "nested_query.js",
        format!(
            "{}{}db.query(`SELECT * FROM t WHERE id = ${{req.params.id}}`){};\n",
            "// x\n".repeat(100),
            "f(".repeat(3_000),
            ")".repeat(3_000)
        ),
    );
    dir.write("ok.js", BAD_JS);
    let (list, code, err) = found(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert!(
        list.contains(&("ok.js".into(), "sql-interpolation".into(), 1)),
        "{list:?}"
    );
    assert!(
        list.contains(&("nested_query.js".into(), "internal-limit".into(), 1)),
        "{list:?}"
    );
}

/// Writes a project in `dir/project` and, beside it, files that must never be read.
fn project_with_outside_references(dir: &TempDir) -> std::path::PathBuf {
    dir.write("outside/secret.env", "LEAKED=zzz-outside-marker-zzz\n");
    dir.write(
        "outside/x.yml",
        "services:\n  leak:\n    image: zzz-outside-marker-zzz\n    environment:\n      DATABASE_URL: postgres://localhost:5432/zzz\n",
    );
    dir.write(
        "outside/site.caddy",
        "zzz-outside-marker-zzz.example.com {\n\treverse_proxy https://x:1 {\n\t\ttransport http {\n\t\t\ttls_insecure_skip_verify\n\t\t}\n\t}\n}\n",
    );
    let outside = std::fs::canonicalize(dir.path().join("outside")).unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    std::os::unix::fs::symlink(&outside, project.join("linked")).unwrap();
    let compose = format!(
        "include:\n  - {abs}/x.yml\nservices:\n  api:\n    image: node\n    env_file:\n      - {abs}/secret.env\n      - ../outside/secret.env\n      - linked/secret.env\n      - /proc/self/pagemap\n",
        abs = outside.display()
    );
    std::fs::write(project.join("docker-compose.yml"), compose).unwrap();
    std::fs::write(
        project.join("Caddyfile"),
        "import ../outside/*.caddy\nimport linked/*.caddy\n",
    )
    .unwrap();
    std::fs::write(project.join("ok.js"), BAD_JS).unwrap();
    project
}

#[test]
fn references_outside_the_project_are_not_read() {
    let dir = TempDir::new("outside-root");
    let project = project_with_outside_references(&dir);
    for format in ["human", "json", "sarif", "github", "gitlab", "junit"] {
        for args in [vec!["."], vec!["docker-compose.yml", "Caddyfile"]] {
            let mut all = vec!["check", "--format", format, "--color", "never"];
            all.extend(args.iter().copied());
            let out = run_in(&project, &all);
            let text = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                !text.contains("zzz-outside-marker-zzz"),
                "{format} {args:?}: {text}"
            );
            assert!(out.status.code().is_some(), "{format}: killed");
        }
    }
    let (list, _, err) = found(&project, &["."]);
    let outside: Vec<u64> = list
        .iter()
        .filter(|f| f.1 == "outside-project")
        .map(|f| f.2)
        .collect();
    // Compose: the include (line 2), three env_files leading out (7, 8, 9) and /proc
    // (10); Caddyfile: both imports.
    assert_eq!(outside.len(), 7, "{list:?}\n{err}");
    assert!(
        list.contains(&("ok.js".into(), "sql-interpolation".into(), 1)),
        "{list:?}"
    );
    // Nothing from the outside files was judged: no localhost dependency, no TLS finding.
    assert!(
        !list
            .iter()
            .any(|f| f.1 == "compose-localhost-dependency" || f.1 == "tls-verify-disabled"),
        "{list:?}"
    );
    // A named file that is a link out of the project is not read either.
    std::os::unix::fs::symlink(dir.path().join("outside/secret.env"), project.join(".env"))
        .unwrap();
    let out = run_in(&project, &["check", ".env", "--format", "json"]);
    assert!(!stdout(&out).contains("zzz-outside"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("outside the project"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn referenced_files_the_project_ignores_are_not_read() {
    let dir = TempDir::new("ignored-env-file");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir.write(
        "docker-compose.yml",
        "services:\n  api:\n    image: node\n    env_file: local.env\n  db:\n    image: postgres\n",
    );
    dir.write("local.env", "DATABASE_URL=postgres://localhost:5432/app\n");
    let (list, _, _) = found(dir.path(), &["."]);
    assert!(
        list.iter().any(|f| f.1 == "compose-localhost-dependency"),
        "read when not ignored: {list:?}"
    );
    dir.write(".gitignore", "local.env\n");
    let (list, _, _) = found(dir.path(), &["."]);
    assert!(
        !list.iter().any(|f| f.1 == "compose-localhost-dependency"),
        "not read when ignored: {list:?}"
    );
}

/// Runs backlint in `dir` and gives up after `limit`.
fn run_with_timeout(dir: &Path, args: &[&str], limit: Duration) -> Option<Output> {
    let mut child = backlint()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn a_fifo_is_not_opened() {
    let dir = TempDir::new("fifo");
    dir.write("ok.js", BAD_JS);
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.js"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = run_with_timeout(
        dir.path(),
        &["check", "pipe.js", "ok.js", "--format", "json"],
        Duration::from_secs(30),
    )
    .expect("backlint waited on a FIFO");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("pipe.js: skipped: not a regular file"),
        "{}",
        stderr(&out)
    );
    let out = run_with_timeout(dir.path(), &["check", "."], Duration::from_secs(30))
        .expect("backlint waited on a FIFO while walking");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_nul_byte_does_not_hide_a_file() {
    let dir = TempDir::new("nul");
    dir.write("a.js", format!("const sep = '\0';\n{BAD_JS}"));
    dir.write(
        "b.py",
        "import requests\nSEP = '\0'\nrequests.get(url, verify=False)\n",
    );
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 200));
    elf.extend_from_slice(b"SELECT");
    dir.write("blob.js", elf);
    let (list, _, err) = found(dir.path(), &["."]);
    assert!(
        list.contains(&("a.js".into(), "sql-interpolation".into(), 2)),
        "{list:?}"
    );
    assert!(
        list.contains(&("b.py".into(), "tls-verify-disabled".into(), 3)),
        "{list:?}"
    );
    assert!(
        err.contains("blob.js: skipped: binary file (93 % of its first"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_changes_nothing() {
    let files: [(&str, &str); 5] = [
        (".env", "NODE_TLS_REJECT_UNAUTHORIZED=0\n"),
        (
            "Caddyfile",
            "a.example.com {\n\treverse_proxy https://x:1 {\n\t\ttransport http {\n\t\t\ttls_insecure_skip_verify\n\t\t}\n\t}\n}\n",
        ),
        (
            "Dockerfile",
            "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\nCMD [\"uvicorn\", \"main:app\", \"--port\", \"8000\"]\n",
        ),
        (
            "docker-compose.yml",
            "services:\n  api:\n    build: .\n    ports: [\"8000:8000\"]\n",
        ),
        (
            "pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: app\n    image: x\n    ports:\n    - containerPort: 8000\n",
        ),
    ];
    let plain = TempDir::new("bom-plain");
    let marked = TempDir::new("bom-marked");
    for (name, text) in files {
        plain.write(name, text);
        marked.write(name, format!("\u{feff}{text}"));
    }
    let (expected, _) = check_json(plain.path(), &["."]);
    let (actual, _) = check_json(marked.path(), &["."]);
    let key = |v: &serde_json::Value| -> Vec<(String, String, u64, u64)> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["rule"].as_str().unwrap().to_string(),
                    d["start"]["line"].as_u64().unwrap(),
                    d["start"]["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let expected = key(&expected);
    assert_eq!(expected.len(), 4, "{expected:?}");
    assert_eq!(key(&actual), expected);
}

#[test]
fn thread_counts_are_capped() {
    let dir = TempDir::new("threads");
    dir.write("ok.js", BAD_JS);
    let out = run_in(
        dir.path(),
        &["check", ".", "--threads", "1000000000", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("using 256"), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&v).len(), 1);
}

#[test]
fn names_that_are_not_utf8_are_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("names");
    dir.write("ok.js", BAD_JS);
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.js");
    std::fs::write(dir.path().join(name), BAD_JS).unwrap();
    let out = run_in(dir.path(), &["check", ".", "--format", "json"]);
    assert!(
        stderr(&out).contains("skipped: the name is not UTF-8"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&v).len(), 1);
}

/// An alias bomb over long strings is refused within a fixed memory budget: the run is
/// given 1 GiB of address space, which the unbounded expansion (gigabytes) cannot fit in.
#[test]
fn yaml_alias_bombs_stay_within_a_memory_budget() {
    let dir = TempDir::new("alias-bomb");
    let mut lines = vec![format!("a0: &a0 \"{}\"", "x".repeat(100_000))];
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 10].join(",");
        lines.push(format!("a{level}: &a{level} [{refs}]"));
    }
    dir.write("docker-compose.yml", lines.join("\n") + "\n");
    dir.write("ok.js", BAD_JS);
    let binary = env!("CARGO_BIN_EXE_backlint");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1048576 && exec '{binary}' check . --format json --threads 2"
        ))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<String> = findings(&v).into_iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"yaml-syntax".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"sql-interpolation".to_string()),
        "{rules:?}"
    );
}

/// Many findings on one long line cost in proportion to their number: four times the
/// findings (and the line) take well under sixteen times as long. Short lines around the
/// long one keep the file from looking minified, which no rule would check.
#[test]
fn findings_on_one_long_line_grow_linearly() {
    let dir = TempDir::new("long-line");
    let write = |name: &str, n: usize| {
        let pad = "var q=1;".repeat(60);
        let line: String = (0..n)
            .map(|_| format!("https.request({{rejectUnauthorized:false}});{pad}"))
            .collect();
        dir.write(name, line + "\n" + &"x;\n".repeat(8_000));
    };
    write("small.js", 500);
    write("large.js", 2_000);
    let time = |name: &str| {
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let out = run_in(dir.path(), &["check", name, "--format", "json"]);
                assert_eq!(out.status.code(), Some(1));
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let small = time("small.js");
    let large = time("large.js");
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.001);
    assert!(ratio < 9.0, "{small:?} -> {large:?} ({ratio:.1}x for 4x)");
}

/// A file named in a subdirectory is judged with the project around it however its path is
/// spelled (`svc/Dockerfile` lost the finding that `./svc/Dockerfile` had).
#[test]
fn a_named_file_in_a_subdirectory_keeps_its_finding() {
    let dir = TempDir::new("named-subdir");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir.write(
        "svc/Dockerfile",
        "FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\nCMD [\"uvicorn\", \"main:app\", \"--port\", \"8000\"]\n",
    );
    dir.write(
        "docker-compose.yml",
        "services:\n  api:\n    build: ./svc\n    ports: [\"8000:8000\"]\n",
    );
    let absolute = dir.path().join("svc/Dockerfile");
    for spelling in [
        "svc/Dockerfile",
        "./svc/Dockerfile",
        absolute.to_str().unwrap(),
    ] {
        let (list, _, err) = found(dir.path(), &[spelling]);
        let rules: Vec<&str> = list.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(rules, ["app-listens-on-loopback"], "{spelling}: {err}");
    }
}
