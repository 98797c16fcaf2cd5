//! Bad input never crashes the run and never loses the other files' results.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use common::*;

const BAD_JS: &str =
    "function f(req) { return db.query(`SELECT * FROM t WHERE id = ${req.params.id}`); }\n";

fn rules_and_lines(dir: &std::path::Path) -> (Vec<(String, String, u64)>, i32) {
    let (v, code) = check_json(dir, &["."]);
    let list = findings(&v)
        .into_iter()
        .map(|f| (f.path, f.rule, f.line))
        .collect();
    (list, code)
}

#[test]
fn deep_nesting_does_not_crash() {
    let dir = TempDir::new("deep");
    let depth = 50_000;
    dir.write(
        "deep.js",
        format!("x = {}1{};\n", "[".repeat(depth), "]".repeat(depth)),
    );
    dir.write("deep2.js", format!("f({});\n", "(".repeat(depth)));
    dir.write(
        "deep.py",
        format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth)),
    );
    dir.write(
        "docker-compose.yml",
        format!("services: {}\n", "[".repeat(depth)),
    );
    dir.write("Caddyfile", format!("{}\n", "a {\n".repeat(depth)));
    dir.write("ok.js", BAD_JS);
    let (found, code) = rules_and_lines(dir.path());
    assert_eq!(code, 1);
    assert!(
        found.contains(&("ok.js".into(), "sql-interpolation".into(), 1)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "docker-compose.yml" && f.1 == "yaml-syntax"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "Caddyfile" && f.1 == "caddyfile-syntax"),
        "{found:?}"
    );
}

/// Deep nesting inside the expressions rules analyse (not only in the file as a whole): the
/// rules' own recursion and ancestor questions are bounded, so this neither overflows the
/// stack nor takes the square of the depth.
#[test]
fn deeply_nested_expressions_inside_analysed_calls() {
    let dir = TempDir::new("deep-expr");
    let n = 50_000;
    dir.write(
        "concat.js",
        format!(
            "db.query(\"SELECT * FROM t WHERE a = \" + {}y{});\n",
            "(\"x\" + ".repeat(n),
            ")".repeat(n)
        ),
    );
    dir.write(
        "ternary.js",
        format!(
            "db.query(`SELECT * FROM t WHERE a = ${{{}1{}}}`);\n",
            "x ? (".repeat(n),
            " : 2)".repeat(n)
        ),
    );
    dir.write(
        "concat.py",
        format!(
            "cursor.execute(\"SELECT * FROM t WHERE a = \" + {}y{})\n",
            "(\"x\" + ".repeat(n),
            ")".repeat(n)
        ),
    );
    dir.write(
        "conditional.py",
        format!(
            "cursor.execute(\"SELECT %s\" % ({}c{}))\n",
            "(a if b else ".repeat(n),
            ")".repeat(n)
        ),
    );
    // The same depth as the argument of calls other rules analyse.
    let deep = format!("{}y{}", "(\"x\" + ".repeat(n), ")".repeat(n));
    dir.write(
        "others.js",
        format!(
            "app.get('/a', (req, res) => {{ res.send(err.message + {deep}); }});\nfunction f(items) {{ for (const i of items) {{ db.query('SELECT 1 WHERE a = ?', [{deep}]); }} }}\n"
        ),
    );
    dir.write("ok.js", BAD_JS);
    let started = std::time::Instant::now();
    let (found, _) = rules_and_lines(dir.path());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        found.contains(&("ok.js".into(), "sql-interpolation".into(), 1)),
        "{found:?}"
    );
}

#[test]
fn binary_and_huge_files_are_skipped_with_a_note() {
    let dir = TempDir::new("binary");
    dir.write("blob.js", b"\x7fELF\x00\x00\x00\x00\x00\x01\x02SELECT");
    let mut big = String::from("// big\n");
    while big.len() <= 5 * 1024 * 1024 {
        big.push_str("const a = 1;\n");
    }
    dir.write("big.js", big);
    dir.write("ok.js", BAD_JS);
    let out = run_in(dir.path(), &["check", ".", "--format", "json", "--stats"]);
    let err = stderr(&out);
    assert!(err.contains("blob.js: skipped: binary file"), "{err}");
    assert!(err.contains("big.js: skipped:"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&v).len(), 1);
}

#[test]
fn invalid_utf8_keeps_positions() {
    let dir = TempDir::new("utf8");
    let mut bytes = b"// \xff\xfe broken\n".to_vec();
    bytes.extend_from_slice("const s = 'é'; ".as_bytes());
    bytes.extend_from_slice(b"const a = new https.Agent({ rejectUnauthorized: false });\n");
    dir.write("a.js", &bytes);
    let (v, _) = check_json(dir.path(), &["."]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "tls-verify-disabled");
    assert_eq!(d["start"]["line"], 2);
    // Columns count characters: `é` is one column, two bytes.
    let prefix = "const s = 'é'; const a = new https.Agent({ ";
    assert_eq!(
        d["start"]["column"].as_u64().unwrap() as usize,
        prefix.chars().count() + 1
    );
    let offset = d["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&bytes[offset..offset + 18], b"rejectUnauthorized");
}

#[test]
fn syntax_errors_are_still_linted() {
    let dir = TempDir::new("syntax");
    dir.write("broken.js", format!("const x = ;\nlet y = )(;\n{BAD_JS}"));
    dir.write(
        "broken.py",
        "def f(:\n    requests.get(url, verify=False)\n",
    );
    let (found, _) = rules_and_lines(dir.path());
    assert!(
        found
            .iter()
            .any(|f| f.0 == "broken.js" && f.1 == "sql-interpolation"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "broken.py" && f.1 == "tls-verify-disabled"),
        "{found:?}"
    );
}

#[test]
fn broken_yaml_and_caddyfile_are_diagnostics_at_the_error() {
    let dir = TempDir::new("broken-config");
    dir.write(
        "docker-compose.yml",
        "services:\n  web:\n    image: node\n   ports: [1]\n",
    );
    dir.write(
        "Caddyfile",
        "example.com {\n\treverse_proxy web:8000\n\trespond \"unterminated\n}\n",
    );
    dir.write("ok.js", BAD_JS);
    let (found, _) = rules_and_lines(dir.path());
    assert!(
        found.contains(&("docker-compose.yml".into(), "yaml-syntax".into(), 4)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Caddyfile".into(), "caddyfile-syntax".into(), 3)),
        "{found:?}"
    );
    assert!(
        found.contains(&("ok.js".into(), "sql-interpolation".into(), 1)),
        "{found:?}"
    );
}

#[test]
fn unreadable_file_is_a_warning_and_the_run_goes_on() {
    let dir = TempDir::new("unreadable");
    dir.write("ok.js", BAD_JS);
    // A link to /proc/self/mem (which even root cannot read from offset 0) leads out of the
    // project: it is not opened, and the run goes on.
    let link = dir.path().join("unreadable.js");
    std::os::unix::fs::symlink("/proc/self/mem", &link).unwrap();
    let out = run_in(
        dir.path(),
        &["check", "ok.js", "unreadable.js", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("warning: unreadable.js: not read: it leads to /proc/"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&v).len(), 1);
}

#[test]
fn a_panicking_rule_is_reported_and_other_results_survive() {
    let dir = TempDir::new("panic");
    dir.write("boom.js", BAD_JS);
    dir.write("ok.js", BAD_JS);
    let out = backlint()
        .current_dir(dir.path())
        .env("BACKLINT_DEBUG_PANIC_ON", "boom")
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = findings(&v).into_iter().map(|f| (f.path, f.rule)).collect();
    assert!(
        found.contains(&("boom.js".into(), "internal-error".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("ok.js".into(), "sql-interpolation".into())),
        "{found:?}"
    );
    assert!(
        !stderr(&out).contains("panicked at"),
        "rule panics are not printed raw: {}",
        stderr(&out)
    );
}

/// The inputs kept in `testdata/bad-input/` (among them crashes the fuzzer found) are linted
/// with every rule on, and no rule fails on them.
#[test]
fn bad_input_files_lint_without_internal_errors() {
    let all: Vec<&str> = backlint::rules::RULES.iter().map(|r| r.id).collect();
    let select = all.join(",");
    let out = run(&[
        "check",
        "testdata/bad-input",
        "--select",
        &select,
        "--format",
        "json",
    ]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}: {}",
        out.status,
        stderr(&out)
    );
    assert!(!stderr(&out).contains("internal error"), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<_> = findings(&v)
        .into_iter()
        .filter(|f| f.rule == "internal-error")
        .map(|f| f.path)
        .collect();
    assert!(failed.is_empty(), "rules failed on {failed:?}");
}
