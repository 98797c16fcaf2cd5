//! Golden files for the rendering of each output format, and what the formats do with file
//! names and contents that hold control characters. Rule behaviour is asserted by the
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

/// A project whose file names, source lines and quoted code hold terminal escape sequences
/// and characters XML does not allow.
fn hostile_project() -> TempDir {
    let dir = TempDir::new("hostile-output");
    // A finding after a comment full of controls: ESC sequences, the C1 CSI (U+009B), DEL.
    dir.write(
        "e\x1b[31mvil.js",
        "const https = require('https');\n\
         /* \x1b[2J\u{9b}31m\x7f\x1b]0;pwned\x07 */ const agent = new https.Agent({ rejectUnauthorized: false });\n",
    );
    // The second finding's message quotes the code, comment included.
    dir.write(
        "u\u{FFFF}\x1b.py",
        "import requests\n\
         requests.get('https://x', verify=False)\n\
         requests.get('https://x', verify=  # \u{FFFF} \x1b]0;pwned\x07 \r\n    False)\n",
    );
    dir
}

/// Control characters in the output, other than line feeds, carriage returns before them
/// (quoted code from a CRLF file) and, when `colours` is set, backlint's own colours.
fn stray_controls(text: &str, colours: bool) -> Vec<String> {
    let mut stray = Vec::new();
    for (at, c) in text.char_indices() {
        if c == '\x1b' && colours {
            // An SGR sequence: ESC [ digits and semicolons, then `m`.
            let rest = &text[at + 1..];
            let body = rest.strip_prefix('[').unwrap_or("!");
            let end = body.find(|c: char| !c.is_ascii_digit() && c != ';');
            if end.is_some_and(|e| body[e..].starts_with('m')) {
                continue;
            }
        }
        let crlf = c == '\r' && text[at + 1..].starts_with('\n');
        if c != '\n' && !crlf && c.is_control() {
            stray.push(format!(
                "{c:?} at {at}: {:?}",
                &text[at.saturating_sub(20)..at]
            ));
        }
    }
    stray
}

#[test]
fn human_shows_control_characters_from_the_checked_files() {
    let dir = hostile_project();
    let out = run_in(dir.path(), &["check", ".", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(stray_controls(&text, false), Vec::<String>::new(), "{text}");
    assert!(text.contains("┌─ e␛[31mvil.js:2:"), "{text}");
    assert!(
        text.contains("/* ␛[2J\u{FFFD}31m␡␛]0;pwned␇ */ const agent"),
        "{text}"
    );
    assert!(
        text.contains("`verify=  # \u{FFFF} ␛]0;pwned␇ \r\n    False`"),
        "{text}"
    );
    // The carets stay under the flagged code: every control is one column wide.
    let lines: Vec<&str> = text.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("rejectUnauthorized: false }"))
        .unwrap();
    let column = |line: &str, what: &str| line[..line.find(what).unwrap()].chars().count();
    assert_eq!(
        column(lines[source], "rejectUnauthorized"),
        column(lines[source + 1], "^"),
        "{}\n{}",
        lines[source],
        lines[source + 1]
    );

    // With colours, the only escape sequences are backlint's own.
    let out = run_in(dir.path(), &["check", ".", "--color", "always"]);
    let text = stdout(&out);
    assert!(text.contains("\x1b["), "no colours: {text}");
    assert_eq!(stray_controls(&text, true), Vec::<String>::new(), "{text}");
    assert!(text.contains("␛]0;pwned␇"), "{text}");
}

#[test]
fn github_annotations_show_control_characters() {
    let dir = hostile_project();
    let out = run_in(dir.path(), &["check", ".", "--format", "github"]);
    let text = stdout(&out);
    assert_eq!(stray_controls(&text, false), Vec::<String>::new(), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines.iter().all(|l| l.starts_with("::error file=")),
        "{text}"
    );
    assert!(text.contains("::error file=e␛[31mvil.js,line=2,"), "{text}");
    assert!(
        text.contains("::error file=u\u{FFFF}␛.py,line=3,"),
        "{text}"
    );
    // The CRLF inside the quoted code stays escaped as workflow command data.
    assert!(
        text.contains("`verify=  # \u{FFFF} ␛]0;pwned␇ %0D%0A    False`"),
        "{text}"
    );
}

#[test]
fn junit_is_well_formed_with_hostile_names_and_messages() {
    let dir = hostile_project();
    let out = run_in(dir.path(), &["check", ".", "--format", "junit"]);
    let xml = stdout(&out);
    // Only characters XML 1.0 allows.
    let forbidden: Vec<char> = xml
        .chars()
        .filter(|&c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    assert_eq!(forbidden, Vec::<char>::new(), "{xml}");
    if !tool_available("python3", "--version") {
        return;
    }
    let file = dir.write("report.xml", &out.stdout);
    let parse = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import json, sys, xml.etree.ElementTree as E\n\
             root = E.parse(sys.argv[1]).getroot()\n\
             print(json.dumps({'names': [c.get('name') for c in root.iter('testcase')],\n\
                               'messages': [f.get('message') for f in root.iter('failure')],\n\
                               'texts': [f.text for f in root.iter('failure')]}))",
        )
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        parse.status.success(),
        "not well-formed: {}\n{xml}",
        String::from_utf8_lossy(&parse.stderr)
    );
    let parsed: serde_json::Value = serde_json::from_slice(&parse.stdout).unwrap();
    assert_eq!(
        parsed["names"],
        serde_json::json!(["e␛[31mvil.js", "u\u{FFFD}␛.py"]),
        "{xml}"
    );
    // Line breaks in attributes survive parsing as references; U+FFFF is replaced.
    let quoted = "`verify=  # \u{FFFD} ␛]0;pwned␇ \r\n    False`";
    let messages = parsed["messages"].as_array().unwrap();
    assert!(
        messages
            .iter()
            .any(|m| m.as_str().unwrap().starts_with(quoted)),
        "{parsed}"
    );
    let texts = parsed["texts"].as_array().unwrap();
    assert!(
        texts.iter().any(|t| t.as_str().unwrap().contains(quoted)),
        "{parsed}"
    );
}

#[cfg(unix)]
#[test]
fn sarif_uris_percent_encode_file_names() {
    let dir = TempDir::new("sarif-uri");
    let js = "const https = require('https');\nnew https.Agent({ rejectUnauthorized: false });\n";
    dir.write("a\\b.js", js);
    dir.write("sp ace%#?é.js", js);
    let out = run_in(dir.path(), &["check", ".", "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut uris: Vec<&str> = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    uris.sort();
    assert_eq!(uris, ["a%5Cb.js", "sp%20ace%25%23%3F%C3%A9.js"]);
}

/// Discovery skips names that are not UTF-8, but a directory given on the command line
/// can have one: every format shows it with U+FFFD.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("lossy-name");
    let sub = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"x\xffy"))
        .join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("a.js"),
        "const https = require('https');\nnew https.Agent({ rejectUnauthorized: false });\n",
    )
    .unwrap();
    for format in ["human", "json", "sarif", "github", "gitlab", "junit"] {
        let out = backlint()
            .current_dir(dir.path())
            .arg("check")
            .arg(std::path::Path::new(std::ffi::OsStr::from_bytes(
                b"x\xffy/sub",
            )))
            .args(["--format", format, "--color", "never"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        let shown = if format == "sarif" {
            "x%EF%BF%BDy/sub/a.js"
        } else {
            "x\u{FFFD}y/sub/a.js"
        };
        assert!(text.contains(shown), "{format}: {text}");
    }
}
