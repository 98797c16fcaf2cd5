//! The language server, driven over stdio with JSON-RPC as an editor would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, ChildStdout, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use serde_json::{Value, json};

struct Client {
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    child: std::process::Child,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(dir: &std::path::Path) -> Client {
        let mut child = backlint()
            .current_dir(dir)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout: ChildStdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(m) = read_message(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take().unwrap(),
            messages: rx,
            child,
        }
    }

    fn send(&mut self, value: Value) {
        let body = value.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next message matching `pred`, skipping others.
    fn wait(&self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .expect("server answered in time");
            if pred(&m) {
                return m;
            }
        }
    }

    fn diagnostics_for(&self, uri: &str) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

#[test]
fn diagnostics_code_actions_and_lifecycle() {
    let dir = TempDir::new("lsp");
    // Non-ASCII before the finding: the column must be counted in UTF-16 units.
    let text =
        "const note = '日本語 😀'; const agent = new https.Agent({ rejectUnauthorized: false });\n";
    let path = dir.write("src/agent.js", text);
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(dir.path());
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.path().display())}}));
    let init = client.wait(|m| m["id"] == 1);
    assert_eq!(
        init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"][0],
        "quickfix"
    );
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}}}));
    let diagnostics = client.diagnostics_for(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "tls-verify-disabled");
    assert_eq!(d["severity"], 1);
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("tls-verify-disabled.yaml")
    );
    let prefix = "const note = '日本語 😀'; const agent = new https.Agent({ ";
    let utf16: usize = prefix.chars().map(char::len_utf16).sum();
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": utf16}));

    client.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}}),
    );
    let actions = client.wait(|m| m["id"] == 2);
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Suppress tls-verify-disabled on this line");
    let edit = &action["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], " // backlint-ignore tls-verify-disabled");

    // An edit that fixes the problem clears the diagnostics after the debounce.
    let fixed = "const agent = new https.Agent({ rejectUnauthorized: true });\n";
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}}));
    let after = client
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2);
    assert_eq!(after["params"]["diagnostics"].as_array().unwrap().len(), 0);

    // A config change re-lints open documents: turning the rule off keeps them clean, and
    // turning it back on brings the finding back for the unsaved buffer.
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}}));
    let again = client
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 3);
    assert_eq!(again["params"]["diagnostics"].as_array().unwrap().len(), 1);
    let config = dir.write("backlint.yaml", "rules:\n  tls-verify-disabled: off\n");
    client.send(json!({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": format!("file://{}", config.display()), "type": 2}]}}));
    let off = client.diagnostics_for(&uri);
    assert!(off.is_empty(), "{off:?}");

    client.send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}));
    client.wait(|m| m["id"] == 3);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = client.child.wait().unwrap();
    assert!(status.success());
}

#[test]
fn stdin_filename_lints_the_buffer_as_that_file() {
    let dir = TempDir::new("stdin");
    dir.write("svc/client.py", "import requests\n");
    let mut child = backlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "svc/client.py",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"import requests\nrequests.get('https://x', verify=False)\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].path.as_str(), f[0].line, f[0].rule.as_str()),
        ("svc/client.py", 2, "tls-verify-disabled")
    );
}

/// Neovim's built-in LSP client opens a bad file and reads back the diagnostics.
#[test]
fn neovim_client_receives_diagnostics() {
    if !tool_available("nvim", "--version") {
        return;
    }
    let dir = TempDir::new("nvim");
    let file = dir.write(
        "app.js",
        "const agent = new https.Agent({ rejectUnauthorized: false });\n",
    );
    let out_file = dir.path().join("diagnostics.txt");
    let init = dir.write(
        "init.lua",
        format!(
            r#"
local client_id = vim.lsp.start_client({{
  name = "backlint",
  cmd = {{ "{bin}", "lsp" }},
  root_dir = "{root}",
}})
vim.cmd("edit {file}")
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local lines = {{}}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format("%d:%d:%s:%s", d.lnum, d.col, tostring(d.code), d.source or ""))
end
vim.fn.writefile(lines, "{out}")
vim.cmd("qa!")
"#,
            bin = env!("CARGO_BIN_EXE_backlint"),
            root = dir.path().display(),
            file = file.display(),
            out = out_file.display(),
        ),
    );
    let status = std::process::Command::new("nvim")
        .args(["--headless", "--clean", "-u"])
        .arg(&init)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read_to_string(&out_file).unwrap_or_default();
    assert_eq!(
        written.trim(),
        "0:32:tls-verify-disabled:backlint",
        "neovim saw: {written:?}"
    );
}
