//! Command-line behaviour: exit codes, messages, subcommands, determinism.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use common::*;

const BAD_JS: &str = "app.get('/u/:id', async (req, res) => {\n  const q = `SELECT * FROM users WHERE id = ${req.params.id}`;\n  res.json(await db.query(q));\n});\n";
const LEAKY_ERROR_MIDDLEWARE: &str = "app.use((err, req, res, next) => {\n  res.status(500).json({ error: err.message, stack: err.stack });\n});\n";
const GOOD_JS: &str = "app.get('/u/:id', async (req, res) => {\n  res.json(await db.query('SELECT * FROM users WHERE id = ?', [req.params.id]));\n});\n";

#[test]
fn exit_codes() {
    let dir = TempDir::new("exit");
    dir.write("bad/a.js", BAD_JS);
    dir.write("good/a.js", GOOD_JS);
    assert_eq!(run_in(dir.path(), &["check", "bad"]).status.code(), Some(1));
    assert_eq!(
        run_in(dir.path(), &["check", "good"]).status.code(),
        Some(0)
    );

    let missing = run_in(dir.path(), &["check", "nope"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("`nope` does not exist"),
        "{}",
        stderr(&missing)
    );

    let typo = run_in(
        dir.path(),
        &["check", "good", "--select", "sql-interpolaton"],
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains("did you mean `sql-interpolation`"),
        "{}",
        stderr(&typo)
    );

    let usage = run_in(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(usage.status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn select_and_ignore() {
    let dir = TempDir::new("select");
    dir.write(
        "a.js",
        format!("{BAD_JS}const agent = new https.Agent({{ rejectUnauthorized: false }});\n"),
    );
    let rules_of = |args: &[&str]| -> Vec<String> {
        let (v, _) = check_json(dir.path(), args);
        findings(&v).into_iter().map(|f| f.rule).collect()
    };
    assert_eq!(
        rules_of(&["."]),
        vec!["sql-interpolation", "tls-verify-disabled"]
    );
    assert_eq!(
        rules_of(&[".", "--select", "tls-verify-disabled"]),
        vec!["tls-verify-disabled"]
    );
    assert_eq!(
        rules_of(&[".", "--ignore", "tls-verify-disabled"]),
        vec!["sql-interpolation"]
    );
}

#[test]
fn json_shape_and_relative_paths() {
    let dir = TempDir::new("json");
    dir.write("src/orders.js", BAD_JS);
    let (v, code) = check_json(dir.path(), &["src"]);
    assert_eq!(code, 1);
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["errors"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "sql-interpolation");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "src/orders.js");
    assert_eq!(d["start"]["line"], 3);
    assert_eq!(d["start"]["column"], 18);
    let offset = d["start"]["offset"].as_u64().unwrap() as usize;
    assert!(BAD_JS[offset..].starts_with("db.query(q)"));
    assert_eq!(
        d["end"]["offset"].as_u64().unwrap() as usize,
        offset + "db.query(q)".len()
    );
    assert!(d["help"].as_str().unwrap().contains("?"));
    let labels = d["labels"].as_array().unwrap();
    assert!(
        labels
            .iter()
            .any(|l| l["message"] == "SQL built here" && l["start"]["line"] == 2)
    );

    // An absolute input path gives absolute paths.
    let abs = dir.path().join("src");
    let (v, _) = check_json(dir.path(), &[abs.to_str().unwrap()]);
    assert!(
        v["diagnostics"][0]["path"]
            .as_str()
            .unwrap()
            .starts_with('/')
    );
}

#[test]
fn human_output_has_snippet_and_summary() {
    let dir = TempDir::new("human");
    dir.write("a.js", BAD_JS);
    let out = run_in(dir.path(), &["check", ".", "--color", "never"]);
    let text = stdout(&out);
    assert!(
        text.contains("error[sql-interpolation]: SQL built from request input"),
        "{text}"
    );
    assert!(text.contains("┌─ a.js:3:18"), "{text}");
    assert!(text.contains("SQL built here"), "{text}");
    assert!(text.contains("= help: pass values as parameters"), "{text}");
    assert!(
        text.contains("1 file checked: 1 error, 0 warnings, 0 infos in"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no color codes with --color never"
    );
    let colored = stdout(&run_in(dir.path(), &["check", ".", "--color", "always"]));
    assert!(
        colored.contains('\u{1b}'),
        "color codes with --color always"
    );
}

#[test]
fn rules_and_explain() {
    let out = run(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.lines().any(|l| l.starts_with("sql-interpolation")
        && l.contains("error")
        && l.contains("js ts py")));
    assert!(
        text.lines()
            .any(|l| l.starts_with("tls-verify-disabled") && l.contains("env compose caddy"))
    );

    let out = run(&["explain", "tls-verify-disabled"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("# tls-verify-disabled"));
    assert!(text.contains("## Bad examples") && text.contains("## Good examples"));
    assert!(text.contains("rejectUnauthorized"));
    // The page speaks of the user's code and points at public documentation.
    assert!(
        text.contains("## References\n\n- [OWASP Transport Layer Security Cheat Sheet](https://")
    );
    assert!(!text.contains("Source:") && !text.contains('§'), "{text}");
    // `explain` prints the rule's published page.
    let page = std::fs::read_to_string(root().join("docs/rules/tls-verify-disabled.md")).unwrap();
    assert_eq!(text, page);

    let out = run(&["explain", "tls-verify"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `tls-verify-disabled`"));

    let out = run(&["--version"]);
    assert!(stdout(&out).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn output_is_the_same_for_any_thread_count() {
    let one = run(&["check", "testdata", "--format", "json", "--threads", "1"]);
    let many = run(&["check", "testdata", "--format", "json", "--threads", "8"]);
    assert!(!one.stdout.is_empty());
    assert_eq!(stdout(&one), stdout(&many));
}

#[test]
fn discovery_honours_ignores_and_reads_dotenv() {
    let dir = TempDir::new("discover");
    dir.write(".gitignore", "generated/\n");
    dir.write("generated/a.js", BAD_JS);
    dir.write("node_modules/pkg/a.js", BAD_JS);
    dir.write(
        "venv/lib/a.py",
        "import requests\nrequests.get('https://x', verify=False)\n",
    );
    dir.write(".venv-custom/pyvenv.cfg", "");
    dir.write("src/.hidden.js", BAD_JS);
    dir.write(".env", "NODE_TLS_REJECT_UNAUTHORIZED=0\n");
    dir.write(".env.production", "NODE_TLS_REJECT_UNAUTHORIZED=0\n");
    dir.write("notes.txt", "SELECT");
    let (v, _) = check_json(dir.path(), &["."]);
    let paths: Vec<String> = findings(&v).into_iter().map(|f| f.path).collect();
    assert_eq!(paths, vec![".env", ".env.production"]);
    // A file named explicitly is linted even when ignored.
    let (v, _) = check_json(dir.path(), &["generated/a.js"]);
    assert_eq!(findings(&v).len(), 1);
}

#[test]
fn stats_go_to_stderr() {
    // Without the result cache: with it warm, no rule runs on a file that did not change.
    let out = run(&[
        "check",
        "testdata",
        "--stats",
        "--format",
        "json",
        "--no-cache",
    ]);
    let err = stderr(&out);
    for needle in [
        "files by kind",
        "skipped by prefilter",
        "parsed",
        "discovery",
        "read",
        "prefilter",
        "parse",
        "rules",
        "output",
    ] {
        assert!(err.contains(needle), "--stats lacks `{needle}`: {err}");
    }
    // Per rule: the files it ran on. testdata has sql-interpolation positives, so that rule
    // ran on at least one file; a rule for a file kind testdata lacks would show 0.
    let sql_line = err
        .lines()
        .find(|l| l.trim_start().starts_with("sql-interpolation "))
        .unwrap_or_else(|| panic!("no per-rule line for sql-interpolation: {err}"));
    let files: usize = sql_line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(files > 0, "{sql_line}");
    assert!(err.contains("bytes;"), "parsed bytes missing: {err}");
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("stdout stays pure JSON");
}

#[test]
fn config_file_sets_severity_and_excludes() {
    let dir = TempDir::new("config");
    dir.write("a.js", BAD_JS);
    dir.write("legacy/b.js", BAD_JS);
    dir.write(
        "backlint.yaml",
        "rules:\n  sql-interpolation: warning\nexclude:\n  - legacy/\n",
    );
    let (v, code) = check_json(dir.path(), &["."]);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, "warning");
    assert_eq!(code, 1);
    // A named file that `exclude` matches is not linted either (a pre-commit hook names
    // every staged file), unless --no-force-exclude says otherwise.
    let (v, code) = check_json(dir.path(), &["legacy/b.js"]);
    assert!(findings(&v).is_empty(), "{:?}", findings(&v));
    assert_eq!(code, 0);
    let (v, _) = check_json(dir.path(), &["legacy/b.js", "--no-force-exclude"]);
    assert_eq!(findings(&v).len(), 1);

    dir.write("backlint.yaml", "rules:\n  sql-interpolation: off\n");
    let (v, code) = check_json(dir.path(), &["."]);
    assert!(findings(&v).is_empty());
    assert_eq!(code, 0);

    dir.write("backlint.yaml", "rules:\n  tls-verify: error\n");
    let out = run_in(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("backlint.yaml:2:3") && err.contains("did you mean `tls-verify-disabled`"),
        "{err}"
    );

    dir.write("backlint.yaml", "rulez: {}\n");
    let out = run_in(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown field `rulez`"),
        "{}",
        stderr(&out)
    );

    let out = run_in(dir.path(), &["check", ".", "--config", "missing.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn test_files_are_checked_as_each_rule_says() {
    let dir = TempDir::new("test-files");
    let in_describe = |code: &str| format!("describe('users', () => {{\n{code}}});\n");
    // Test code: SQL built in a test is not served, and TLS switched off in a test reaches
    // only the test's own local server.
    dir.write("test/users.test.js", in_describe(BAD_JS));
    dir.write(
        "test/tls.test.js",
        in_describe("const agent = new https.Agent({ rejectUnauthorized: false });\n"),
    );
    // A helper under test/ that uses no test framework is ordinary code for the rules that
    // skip test code (SQL built from request input, an error middleware sending the stack)...
    dir.write("test/support/routes.js", BAD_JS);
    dir.write("test/support/errors.js", LEAKY_ERROR_MIDDLEWARE);
    // ...except for the rules that skip every test file: fixtures hold secrets on purpose.
    dir.write(
        "test/support/db.js",
        "module.exports = new Pool({ user: 'app', password: 'Sup3rS3cret!' });\n",
    );
    // The same code outside the test paths.
    dir.write("src/users.js", BAD_JS);

    let rules_at = |v: &serde_json::Value| {
        let mut found: Vec<(String, String)> = findings(v)
            .into_iter()
            .map(|f| (f.path.clone(), f.rule.clone()))
            .collect();
        found.sort();
        found
    };
    let pair = |p: &str, r: &str| (p.to_string(), r.to_string());
    let (v, _) = check_json(dir.path(), &["."]);
    assert_eq!(
        rules_at(&v),
        [
            pair("src/users.js", "sql-interpolation"),
            pair("test/support/errors.js", "error-details-leak"),
            pair("test/support/routes.js", "sql-interpolation"),
        ]
    );
    let out = run_in(dir.path(), &["check", ".", "--stats", "--format", "json"]);
    assert!(
        stderr(&out).contains("test code:              2 "),
        "{}",
        stderr(&out)
    );

    // `test-files: []`: no file is a test file.
    dir.write("backlint.yaml", "test-files: []\n");
    let (v, _) = check_json(dir.path(), &["."]);
    assert_eq!(
        rules_at(&v),
        [
            pair("src/users.js", "sql-interpolation"),
            pair("test/support/db.js", "hardcoded-secret"),
            pair("test/support/errors.js", "error-details-leak"),
            pair("test/support/routes.js", "sql-interpolation"),
            pair("test/tls.test.js", "tls-verify-disabled"),
            pair("test/users.test.js", "sql-interpolation"),
        ]
    );
}

/// Code no request runs is not checked by the rules about served code, by role; the
/// configuration's `file-roles` replaces a role's default paths.
#[test]
fn file_roles_decide_which_rules_check_a_file() {
    let dir = TempDir::new("file-roles");
    dir.write("src/users.js", BAD_JS);
    dir.write("scripts/users.js", BAD_JS);
    dir.write("db/migrations/001_users.js", BAD_JS);
    dir.write("static/js/users.js", BAD_JS);
    dir.write("seeds/users.js", BAD_JS);
    // A secret in a script is a leak all the same; in seed data it is a fixture.
    let secret = "module.exports = new Pool({ user: 'app', password: 'Sup3rS3cret!' });\n";
    dir.write("scripts/db.js", secret);
    dir.write("seeds/db.js", secret);
    // Minified code is checked by no rule about code.
    dir.write(
        "src/vendor.js",
        format!("{}\n", BAD_JS.replace('\n', " ").repeat(100)),
    );
    let rules_at = |v: &serde_json::Value| {
        let mut found: Vec<(String, String)> = findings(v)
            .into_iter()
            .map(|f| (f.path.clone(), f.rule.clone()))
            .collect();
        found.sort();
        found.dedup();
        found
    };
    let pair = |p: &str, r: &str| (p.to_string(), r.to_string());
    let (v, _) = check_json(dir.path(), &["."]);
    assert_eq!(
        rules_at(&v),
        [
            pair("scripts/db.js", "hardcoded-secret"),
            pair("src/users.js", "sql-interpolation"),
        ]
    );
    dir.write(
        "backlint.yaml",
        "file-roles:\n  tooling: [migrations/]\n  dev-data: []\n",
    );
    let (v, _) = check_json(dir.path(), &["."]);
    assert_eq!(
        rules_at(&v),
        [
            pair("scripts/db.js", "hardcoded-secret"),
            pair("scripts/users.js", "sql-interpolation"),
            pair("seeds/db.js", "hardcoded-secret"),
            pair("seeds/users.js", "sql-interpolation"),
            pair("src/users.js", "sql-interpolation"),
        ]
    );
}

/// Files git tracks are read even when an ignore file matches them; untracked ignored files
/// are not.
#[test]
fn tracked_files_are_read_even_when_ignored() {
    let dir = TempDir::new("tracked-ignored");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !git(&["init", "-q"]) {
        eprintln!("skipped: git is not available");
        return;
    }
    dir.write(".gitignore", ".env*\nlocal.js\n");
    dir.write(".env", "DATABASE_PASSWORD=Sup3rS3cretValue\n");
    dir.write("local.js", BAD_JS);
    assert!(git(&["add", "-f", ".env"]));
    let (v, _) = check_json(dir.path(), &["."]);
    let rules: Vec<(String, String)> = findings(&v).into_iter().map(|f| (f.path, f.rule)).collect();
    assert_eq!(
        rules,
        [(".env".to_string(), "hardcoded-secret".to_string())],
        "the tracked .env is read, the untracked ignored local.js is not"
    );
}

const TLS_JS: &str = "const agent = new https.Agent({ rejectUnauthorized: false });\n";

/// `--exit-zero` turns findings into exit 0; usage and configuration errors stay 2.
#[test]
fn exit_zero_keeps_errors_as_errors() {
    let dir = TempDir::new("exit-zero");
    dir.write("a.js", BAD_JS);
    let out = run_in(
        dir.path(),
        &["check", ".", "--exit-zero", "--color", "never"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("error[sql-interpolation]"));
    let (v, code) = check_json(dir.path(), &[".", "--exit-zero", "--fail-level", "info"]);
    assert_eq!((findings(&v).len(), code), (1, 0));
    let missing = run_in(dir.path(), &["check", "nope", "--exit-zero"]);
    assert_eq!(missing.status.code(), Some(2));
    dir.write("backlint.yaml", "rulez: {}\n");
    let invalid = run_in(dir.path(), &["check", ".", "--exit-zero"]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(stdout(&invalid).is_empty(), "{}", stdout(&invalid));
}

#[test]
fn quiet_prints_findings_without_the_summary() {
    let dir = TempDir::new("quiet");
    dir.write("a.js", BAD_JS);
    for flag in ["-q", "--quiet"] {
        let out = run_in(dir.path(), &["check", ".", flag, "--color", "never"]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1));
        assert!(text.contains("error[sql-interpolation]"), "{text}");
        assert!(!text.contains("checked"), "{text}");
    }
    let clean = TempDir::new("quiet-clean");
    clean.write("a.js", GOOD_JS);
    let out = run_in(clean.path(), &["check", ".", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn statistics_count_findings_per_rule_most_first() {
    let dir = TempDir::new("statistics");
    dir.write("a.js", format!("{BAD_JS}{TLS_JS}"));
    dir.write("b.js", TLS_JS);
    let out = run_in(
        dir.path(),
        &["check", ".", "--statistics", "--color", "never"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2  tls-verify-disabled  error", "{text}");
    assert_eq!(lines[1], "1  sql-interpolation    error", "{text}");
    assert!(lines[2].starts_with("2 files checked: 3 errors"), "{text}");
    assert_eq!(lines.len(), 3, "no snippets: {text}");
    let quiet = run_in(dir.path(), &["check", ".", "--statistics", "-q"]);
    assert_eq!(stdout(&quiet).lines().count(), 2, "{}", stdout(&quiet));

    let out = run_in(
        dir.path(),
        &["check", ".", "--statistics", "--format", "json"],
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([
            {"rule": "tls-verify-disabled", "count": 2, "severity": "error", "fixable": 0},
            {"rule": "sql-interpolation", "count": 1, "severity": "error", "fixable": 0},
        ])
    );
    let sarif = run_in(
        dir.path(),
        &["check", ".", "--statistics", "--format", "sarif"],
    );
    assert_eq!(sarif.status.code(), Some(2));
    assert!(
        stderr(&sarif).contains("--statistics"),
        "{}",
        stderr(&sarif)
    );
}

/// `rules --format json` lists what the table lists, with each rule's documentation URL; the
/// table's columns line up however long a rule's language list is.
#[test]
fn rules_as_json_and_as_an_aligned_table() {
    let out = run(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed = listed.as_array().unwrap();
    assert!(listed.len() > 10);
    for rule in listed {
        let id = rule["id"].as_str().unwrap();
        assert!(
            ["error", "warning", "info"].contains(&rule["severity"].as_str().unwrap()),
            "{rule}"
        );
        assert!(
            ["on", "off", "preview"].contains(&rule["default"].as_str().unwrap()),
            "{rule}"
        );
        assert!(!rule["languages"].as_array().unwrap().is_empty(), "{rule}");
        assert!(!rule["summary"].as_str().unwrap().is_empty(), "{rule}");
        let url = rule["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://") && url.ends_with(&format!("/docs/rules/{id}.md")),
            "{url}"
        );
    }
    let sql = listed
        .iter()
        .find(|r| r["id"] == "sql-interpolation")
        .unwrap();
    assert_eq!(sql["languages"], serde_json::json!(["js", "ts", "py"]));

    let table = stdout(&run(&["rules"]));
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    let column = |name: &str| header.find(name).unwrap();
    let summary_at = header.chars().count() - "SUMMARY".len();
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), listed.len());
    for (row, rule) in rows.iter().zip(listed) {
        let chars: Vec<char> = row.chars().collect();
        let summary: String = chars[summary_at..].iter().collect();
        assert_eq!(summary, rule["summary"].as_str().unwrap(), "{row}");
        assert_eq!(chars[summary_at - 1], ' ', "{row}");
        let at = |name: &str| chars[column(name)..].iter().collect::<String>();
        assert!(at("SEVERITY").starts_with(rule["severity"].as_str().unwrap()));
        assert!(at("DEFAULT").starts_with(rule["default"].as_str().unwrap()));
        let first_language = rule["languages"][0].as_str().unwrap();
        assert!(at("LANGUAGES").starts_with(first_language), "{row}");
    }
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(
            script.contains("backlint") && script.contains("exit-zero"),
            "{shell}: {script}"
        );
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

/// Colours: `--color` decides when given; under `auto`, NO_COLOR wins over FORCE_COLOR and
/// CLICOLOR_FORCE, either of which colours output that is not a terminal.
#[test]
fn colour_follows_the_environment_conventions() {
    let dir = TempDir::new("colour");
    dir.write("a.js", BAD_JS);
    let coloured = |env: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = backlint();
        cmd.current_dir(dir.path()).args(["check", "."]).args(extra);
        for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"] {
            cmd.env_remove(name);
        }
        cmd.envs(env.iter().copied());
        stdout(&cmd.output().unwrap()).contains('\u{1b}')
    };
    assert!(!coloured(&[], &[]), "a pipe gets no colour");
    assert!(coloured(&[("FORCE_COLOR", "1")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "")], &[]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")], &[]));
    assert!(!coloured(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "1")], &["--color", "never"]));
    assert!(coloured(&[("NO_COLOR", "1")], &["--color", "always"]));
}

#[test]
fn info_findings_are_named_info() {
    let dir = TempDir::new("info-word");
    dir.write("a.js", BAD_JS);
    dir.write("backlint.yaml", "rules:\n  sql-interpolation: info\n");
    for colour in ["never", "always"] {
        let text = stdout(&run_in(dir.path(), &["check", ".", "--color", colour]));
        assert!(text.contains("info[sql-interpolation]"), "{text}");
        assert!(!text.contains("note"), "{text}");
        assert!(text.contains("1 info in"), "{text}");
    }
}

#[test]
fn paths_without_a_file_to_read_are_warned_about() {
    let dir = TempDir::new("nothing-to-read");
    dir.write("docs/README.md", "# notes\n");
    dir.write("src/a.js", GOOD_JS);
    let out = run_in(dir.path(), &["check", "docs"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("warning: no file to lint in `docs`"),
        "{}",
        stderr(&out)
    );
    let out = run_in(dir.path(), &["check", "docs/README.md"]);
    assert!(stderr(&out).contains("warning: no file to lint"));
    for args in [&["check", "src"][..], &["check", "docs", "src"][..]] {
        let out = run_in(dir.path(), args);
        assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    }
}

/// The configuration does not depend on the order of the paths: each file has the nearest
/// one above it (`sub/backlint.yaml` turns the rule off for `sub/a.py` only).
#[test]
fn the_configuration_does_not_depend_on_the_order_of_the_paths() {
    let dir = TempDir::new("config-order");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    dir.write("sub/backlint.yaml", "rules:\n  tls-verify-disabled: off\n");
    let code = "import requests\nrequests.get('https://x', verify=False)\n";
    dir.write("a.py", code);
    dir.write("sub/a.py", code);
    let (one, _) = check_json(dir.path(), &["a.py", "sub/a.py"]);
    let (other, _) = check_json(dir.path(), &["sub/a.py", "a.py"]);
    assert_eq!(findings(&one), findings(&other));
    assert_eq!(findings(&one).len(), 1, "{:?}", findings(&one));
}

#[test]
fn show_settings_prints_the_configuration_a_file_gets() {
    let dir = TempDir::new("show-settings");
    dir.write(
        "backlint.yaml",
        "rules:\n  n-plus-one-query: off\n  tls-verify-disabled: info\nexclude:\n  - legacy/\n\
         test-files:\n  - checks/\nfile-roles:\n  tooling: [ops/]\noverrides:\n  - files: [\"svc/\"]\n    rules:\n      sql-interpolation: warning\n",
    );
    dir.write("svc/app.js", BAD_JS);
    dir.write(
        "checks/app.test.py",
        "import pytest\n\ndef test_x():\n    pass\n",
    );
    dir.write("legacy/old.js", BAD_JS);
    dir.write("ops/job.py", "print(1)\n");

    let out = run_in(dir.path(), &["check", "--show-settings", "svc/app.js"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line_of = |text: &str, start: &str| -> String {
        text.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line `{start}` in:\n{text}"))
            .to_string()
    };
    assert!(
        line_of(&text, "config:").ends_with("backlint.yaml"),
        "{text}"
    );
    assert_eq!(line_of(&text, "exclude:"), "exclude: legacy/");
    assert_eq!(line_of(&text, "test-files:"), "test-files: checks/");
    assert_eq!(line_of(&text, "tooling:"), "  tooling: ops/");
    assert!(
        line_of(&text, "browser-code").contains("(default)"),
        "{text}"
    );
    assert_eq!(line_of(&text, "excluded:"), "excluded: false");
    assert_eq!(line_of(&text, "test file:"), "test file: no");
    assert_eq!(line_of(&text, "roles:"), "roles: none");
    assert!(line_of(&text, "n-plus-one-query").ends_with("off (config)"));
    assert!(line_of(&text, "tls-verify-disabled").ends_with("info (config)"));
    assert!(line_of(&text, "sql-interpolation").ends_with("warning (override)"));
    assert!(line_of(&text, "hardcoded-secret").ends_with("error (default)"));
    assert!(line_of(&text, "error-handler-headers-sent").contains("off"));

    let text = stdout(&run_in(
        dir.path(),
        &["check", "--show-settings", "checks/app.test.py"],
    ));
    assert!(line_of(&text, "test file:").contains("test code"), "{text}");
    assert!(line_of(&text, "sql-interpolation").contains("skips test code"));
    assert!(line_of(&text, "sql-interpolation").contains("error (default)"));

    let text = stdout(&run_in(
        dir.path(),
        &["check", "--show-settings", "legacy/old.js"],
    ));
    assert_eq!(line_of(&text, "excluded:"), "excluded: true");
    let text = stdout(&run_in(
        dir.path(),
        &["check", "--show-settings", "ops/job.py"],
    ));
    assert_eq!(line_of(&text, "roles:"), "roles: tooling");

    // The configuration is the one found above the file, not above the working directory.
    let other = TempDir::new("show-settings-none");
    other.write("a.py", "x = 1\n");
    let text = stdout(&run_in(other.path(), &["check", "--show-settings", "a.py"]));
    assert_eq!(line_of(&text, "config:"), "config: none (defaults)");
    assert!(line_of(&text, "test-files").starts_with("test-files (default): test/"));

    let missing = run_in(dir.path(), &["check", "--show-settings", "nope.js"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn configuration_errors_name_file_line_key_and_the_closest_value() {
    let dir = TempDir::new("config-errors");
    dir.write("a.js", GOOD_JS);
    let cases = [
        (
            "rules:\n  sql-interpolation: warn\n",
            "backlint.yaml:2:22: rules.sql-interpolation: unknown variant `warn`",
            "did you mean `warning`?",
        ),
        (
            "exclud:\n  - legacy/\n",
            "backlint.yaml:1:1: unknown field `exclud`",
            "did you mean `exclude`?",
        ),
        (
            "overrides:\n  - file: [a/]\n",
            "backlint.yaml:2:5: overrides[0]: unknown field `file`",
            "did you mean `files`?",
        ),
        (
            "overrides:\n  - files: [a/]\n    rules:\n      sql-interpoltion: off\n",
            "backlint.yaml:4:7: overrides[0].rules: unknown rule `sql-interpoltion`",
            "did you mean `sql-interpolation`?",
        ),
        (
            "fail-level: warn\n",
            "backlint.yaml:1:13: fail-level: unknown variant `warn`",
            "did you mean `warning`?",
        ),
        (
            "file-roles:\n  toolin: [ops/]\n",
            "backlint.yaml:2:3: file-roles: unknown variant `toolin`",
            "did you mean `tooling`?",
        ),
        (
            "rules:\n  sql-interpolation:\n    severity: warning\n",
            "rules.sql-interpolation: ",
            "expected one of `off`, `info`, `warning`, `error`",
        ),
    ];
    for (config, position, hint) in cases {
        dir.write("backlint.yaml", config);
        let out = run_in(dir.path(), &["check", "."]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = stderr(&out);
        assert!(
            err.contains(position) && err.contains(hint),
            "{config}\n{err}"
        );
        // The position is printed once, before the message; the parser's own words for an
        // enumerated value given as a map do not reach the user.
        assert!(
            !err.contains(" at line ") && !err.contains("YAML tag"),
            "{err}"
        );
    }
}

#[test]
fn init_names_the_schema_first_and_the_schema_knows_every_starter_key() {
    let dir = TempDir::new("init-schema");
    assert_eq!(run_in(dir.path(), &["init"]).status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("backlint.yaml")).unwrap();
    let first = written.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "# yaml-language-server: $schema={}",
            backlint::config::SCHEMA_URL
        )
    );
    let schema: serde_json::Value = serde_json::from_str(&backlint::config::json_schema()).unwrap();
    assert!(
        backlint::config::SCHEMA_URL.ends_with("schema/backlint.schema.json"),
        "the URL names the committed file"
    );
    let properties = schema["properties"].as_object().unwrap();
    // Every top-level key the starter shows, commented or not, is in the schema.
    let mut keys_seen = 0;
    for line in written.lines().skip(1) {
        let key_line = line.strip_prefix("# ").unwrap_or(line);
        let Some((key, _)) = key_line.split_once(':') else {
            continue;
        };
        if key.is_empty()
            || key.starts_with(' ')
            || !key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        {
            continue;
        }
        assert!(properties.contains_key(key), "`{key}` is not in the schema");
        keys_seen += 1;
    }
    assert!(keys_seen >= 5, "{written}");
    // Rule ids are listed so that editors complete them.
    let rule_ids = schema["properties"]["rules"]["properties"]
        .as_object()
        .unwrap();
    assert!(rule_ids.contains_key("sql-interpolation"));
    assert_eq!(schema["properties"]["rules"]["additionalProperties"], false);
}

#[test]
fn man_prints_roff_pages() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.contains(".TH backlint 1"), "{page}");
    assert!(page.contains("backlint\\-check(1)"), "{page}");
    let out = run(&["man", "check"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.contains(".TH backlint-check 1"), "{page}");
    assert!(page.contains("\\-\\-show\\-settings"), "{page}");
    assert_eq!(run(&["man", "nope"]).status.code(), Some(2));
}

/// Each finding links to its rule's page: the JSON `url`, SARIF `helpUri` and the human
/// output's `see:` line name the same address.
#[test]
fn findings_link_to_their_rule_page() {
    let url = "https://github.com/backlint/backlint/blob/main/docs/rules/sql-interpolation.md";
    let dir = "testdata/sql-interpolation";
    let out = run(&["check", dir, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let rule = d["rule"].as_str().unwrap();
        assert_eq!(
            d["url"].as_str().unwrap(),
            format!("https://github.com/backlint/backlint/blob/main/docs/rules/{rule}.md")
        );
    }
    let out = run(&["check", dir, "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let sql = rules
        .iter()
        .find(|r| r["id"] == "sql-interpolation")
        .unwrap();
    assert_eq!(sql["helpUri"].as_str().unwrap(), url);
    let out = run(&["check", dir, "--color", "never"]);
    assert!(
        stdout(&out).contains(&format!("= see: {url}")),
        "{}",
        stdout(&out)
    );
}
