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

    /// Sends bytes as they are, framed or not.
    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Closes the server's input and waits for it to exit.
    fn close(self) -> std::process::ExitStatus {
        let Client {
            stdin, mut child, ..
        } = self;
        drop(stdin);
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("server still running 20 s after its input ended");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
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
            .ends_with("docs/rules/tls-verify-disabled.md")
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

/// The editor server reports where an open buffer stops parsing (`syntax-error`, off by
/// default in `check`), and still runs the other rules on the rest of the buffer.
#[test]
fn open_buffer_with_a_syntax_error() {
    let dir = TempDir::new("lsp-syntax");
    let text =
        "const agent = new https.Agent({ rejectUnauthorized: false });\nfunction broken( {\n";
    let path = dir.write("src/agent.js", text);
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(dir.path());
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.path().display())}}));
    client.wait(|m| m["id"] == 1);
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}}}));
    let diagnostics = client.diagnostics_for(&uri);
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["syntax-error", "tls-verify-disabled"],
        "{diagnostics:?}"
    );
    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    client.wait(|m| m["id"] == 2);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(client.child.wait().unwrap().success());

    // `check` leaves it off unless selected.
    let out = backlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings(&v).iter().all(|f| f.rule != "syntax-error"));
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

/// A path with a space and a non-ASCII letter arrives percent-encoded: the server reads the
/// file's own project (its `backlint.yaml` makes the rule a warning) and answers under the
/// URI the client sent. A document that is not a local file gets no diagnostics, and a
/// request whose params do not fit its method gets an error; the server reads on.
#[test]
fn percent_encoded_uris_are_decoded_and_other_schemes_get_nothing() {
    let dir = TempDir::new("lsp-uris");
    let text = "const agent = new https.Agent({ rejectUnauthorized: false });\n";
    dir.write("my app/caf\u{e9}/agent.js", text);
    dir.write(
        "my app/backlint.yaml",
        "rules:\n  tls-verify-disabled: warning\n",
    );
    let uri = format!(
        "file://{}/my%20app/caf%C3%A9/agent.js",
        dir.path().display()
    );
    let mut client = Client::start(dir.path());
    client.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    client.wait(|m| m["id"] == 1);

    for other in [
        "untitled:Untitled-1",
        "https://example.com/agent.js",
        "not a uri",
    ] {
        client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": other, "languageId": "javascript", "version": 1, "text": text}}}));
    }
    client.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": "untitled:Untitled-1"},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}}}),
    );
    client.send(json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {}}}));
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}}}));

    let mut published = Vec::new();
    let mut next = || {
        let m = client.wait(|_| true);
        if m["method"] == "textDocument/publishDiagnostics" {
            published.push(m["params"]["uri"].clone());
        }
        m
    };
    let untitled = next();
    assert_eq!(untitled["id"], 2, "{untitled}");
    assert_eq!(untitled["result"], json!([]), "{untitled}");
    let invalid = next();
    assert_eq!(invalid["id"], 3, "{invalid}");
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    let opened = next();
    assert_eq!(published, [json!(uri)], "{opened}");
    let diagnostics = opened["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "tls-verify-disabled");
    assert_eq!(diagnostics[0]["severity"], 2, "{diagnostics:?}");

    client.send(json!({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}));
    client.wait(|m| m["id"] == 4);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(client.close().success());
}

/// Runs Neovim headless with its built-in LSP client attached to `backlint lsp` on `file`,
/// then `script` (Lua that fills a `lines` table), and returns the lines it wrote.
fn run_neovim(dir: &TempDir, file: &std::path::Path, script: &str) -> String {
    let out_file = dir.path().join("neovim-output.txt");
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
{script}
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
    std::fs::read_to_string(&out_file).unwrap_or_default()
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
    let written = run_neovim(
        &dir,
        &file,
        r#"
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format("%d:%d:%s:%s", d.lnum, d.col, tostring(d.code), d.source or ""))
end
"#,
    );
    assert_eq!(
        written.trim(),
        "0:32:tls-verify-disabled:backlint",
        "neovim saw: {written:?}"
    );
}

/// Neovim's built-in LSP client asks for the code actions of a finding, applies the quick fix
/// the server offers, and sees the diagnostic go once the server re-lints the edited buffer.
#[test]
fn neovim_client_applies_a_quick_fix() {
    if !tool_available("nvim", "--version") {
        return;
    }
    let dir = TempDir::new("nvim-fix");
    let file = dir.write(
        "app.js",
        "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.use((err, req, res) => {\n  res.status(500).send('broken');\n});\n",
    );
    let written = run_neovim(
        &dir,
        &file,
        r#"
local rule = "express-error-handler-arity"
local function finding()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == rule then return d end
  end
  return nil
end
local lines = {}
vim.wait(20000, function() return finding() ~= nil end, 100)
local d = finding()
table.insert(lines, "before:" .. tostring(d ~= nil))
if d ~= nil then
  local range = {
    start = { line = d.lnum, character = d.col },
    ["end"] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
  }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = range,
    -- What Neovim's own code action request sends: the diagnostic with the fields the server
    -- published (its `data` among them) kept by the client.
    context = { diagnostics = { vim.tbl_extend("keep",
      { range = range, code = d.code, message = d.message, source = d.source, severity = d.severity },
      (d.user_data or {}).lsp or {}) } },
  }
  local replies = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
  for _, reply in pairs(replies) do
    for _, action in ipairs(reply.result or {}) do
      if action.kind == "quickfix" and action.isPreferred and action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        table.insert(lines, "applied:" .. action.title)
        break
      end
    end
  end
  vim.wait(20000, function() return finding() == nil end, 100)
  table.insert(lines, "after:" .. tostring(finding() ~= nil))
  table.insert(lines, "line:" .. vim.api.nvim_buf_get_lines(0, 3, 4, false)[1])
end
"#,
    );
    assert_eq!(
        written.trim(),
        "before:true\napplied:Fix: add the `next` parameter\nafter:false\nline:app.use((err, req, res, _next) => {",
        "neovim saw: {written:?}"
    );
}

/// The error reply the server sent for a malformed frame.
fn error_reply(m: &Value, id: Value, code: i64) {
    assert_eq!(m["jsonrpc"], "2.0", "{m}");
    assert_eq!(m["id"], id, "{m}");
    assert_eq!(m["error"]["code"], code, "{m}");
    assert!(m.get("result").is_none(), "{m}");
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Each malformed frame is answered with an error, in order, and the server reads on.
#[test]
fn malformed_frames_are_answered_and_the_server_reads_on() {
    let dir = TempDir::new("lsp-malformed");
    let mut client = Client::start(dir.path());
    client.send_raw(b"Content-Length: abc\r\n\r\n{}");
    client.send_raw(&frame("{\"jsonrpc\": \"2.0\", bad json"));
    client.send_raw(&frame(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#));
    client.send_raw(&frame(r#"[{"jsonrpc":"2.0","method":"initialized"}]"#));
    let mut long_line = vec![b'x'; 1 << 20];
    long_line.extend(b"\r\n");
    client.send_raw(&long_line);
    client.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );

    let next = || client.wait(|_| true);
    error_reply(&next(), Value::Null, -32700);
    let invalid_json = next();
    error_reply(&invalid_json, Value::Null, -32700);
    assert!(
        invalid_json["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Parse error"),
        "{invalid_json}"
    );
    error_reply(&next(), json!(7), -32600);
    error_reply(&next(), Value::Null, -32600);
    error_reply(&next(), Value::Null, -32700);
    let init = next();
    assert_eq!(init["id"], 1, "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "backlint", "{init}");

    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    client.wait(|m| m["id"] == 2);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(client.close().success());
}

/// A length no message may have is answered; with no body behind it, the end of the input
/// ends the server normally.
#[test]
fn huge_content_length_then_end_of_input_exits_cleanly() {
    let dir = TempDir::new("lsp-huge");
    let mut client = Client::start(dir.path());
    client.send_raw(b"Content-Length: 100000000000000\r\n\r\n");
    let reply = client.wait(|_| true);
    error_reply(&reply, Value::Null, -32600);
    assert!(
        reply["error"]["message"]
            .as_str()
            .unwrap()
            .contains("over the 67108864 byte limit"),
        "{reply}"
    );
    let status = client.close();
    assert_eq!(status.code(), Some(0), "{status:?}");
}

/// A message over the limit is skipped as it arrives; the one after it is read.
#[test]
fn message_over_the_limit_is_skipped() {
    let dir = TempDir::new("lsp-over-limit");
    let mut client = Client::start(dir.path());
    let length = 64 * 1024 * 1024 + 1;
    client.send_raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1024 * 1024];
    let mut sent = 0;
    while sent < length {
        let n = chunk.len().min(length - sent);
        client.stdin.write_all(&chunk[..n]).unwrap();
        sent += n;
    }
    client.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    error_reply(&client.wait(|_| true), Value::Null, -32600);
    let init = client.wait(|_| true);
    assert_eq!(init["id"], 1, "{init}");
    assert!(init["result"]["capabilities"].is_object(), "{init}");
}

/// A buffer over the engine's size limit is not checked, and a diagnostic says so.
#[test]
fn document_over_the_size_limit_is_flagged() {
    let dir = TempDir::new("lsp-large");
    let small = "const agent = new https.Agent({ rejectUnauthorized: false });\n";
    let path = dir.write("big.js", small);
    let uri = format!("file://{}", path.display());
    let text = format!(
        "const agent = new https.Agent({{ rejectUnauthorized: false }});\n{}",
        "// padding\n".repeat(500_000)
    );
    assert!(text.len() > 5 * 1024 * 1024);
    let mut client = Client::start(dir.path());
    client.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    client.wait(|m| m["id"] == 1);
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}}}));
    let diagnostics = client.diagnostics_for(&uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "internal-limit");
    assert_eq!(d["source"], "backlint");
    assert_eq!(d["severity"], 2);
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}})
    );
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("not check") && message.contains(&text.len().to_string()),
        "{message}"
    );

    // Not a finding: nothing to suppress.
    client.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}}),
    );
    let actions = client.wait(|m| m["id"] == 2);
    assert_eq!(actions["result"], json!([]), "{actions}");

    // Back under the limit, the buffer is checked again.
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": small}]}}));
    let after = client
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2);
    assert_eq!(
        after["params"]["diagnostics"][0]["code"], "tls-verify-disabled",
        "{after}"
    );
}

/// Each open document is judged with its own configuration: the nearest above it, with
/// what that extends (here `sub/` raises the rule to an error, `sub/quiet/` turns it off).
#[test]
fn each_document_gets_the_nearest_configuration() {
    let dir = TempDir::new("lsp-nested-config");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let text = "const agent = new https.Agent({ rejectUnauthorized: false });\n";
    dir.write("backlint.yaml", "rules:\n  tls-verify-disabled: info\n");
    dir.write(
        "sub/backlint.yaml",
        "extends: ../backlint.yaml\nrules:\n  tls-verify-disabled: error\n",
    );
    dir.write(
        "sub/quiet/backlint.yaml",
        "rules:\n  tls-verify-disabled: off\n",
    );
    let mut client = Client::start(dir.path());
    client.send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    client.wait(|m| m["id"] == 1);
    // LSP severities: 1 error, 3 information; none where the rule is off.
    for (file, expected) in [
        ("a.js", Some(3)),
        ("sub/a.js", Some(1)),
        ("sub/quiet/a.js", None),
    ] {
        let path = dir.write(file, text);
        let uri = format!("file://{}", path.display());
        client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}}}));
        let diagnostics = client.diagnostics_for(&uri);
        let severities: Vec<i64> = diagnostics
            .iter()
            .filter_map(|d| d["severity"].as_i64())
            .collect();
        assert_eq!(
            severities,
            expected.into_iter().collect::<Vec<_>>(),
            "{file}"
        );
    }
    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    client.wait(|m| m["id"] == 2);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(client.close().success());
}

/// The position (0-based line, UTF-16 character) as a byte offset of an ASCII text.
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    text.split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>()
        + character
}

#[test]
fn quick_fix_and_fix_all_clear_the_finding() {
    let dir = TempDir::new("lsp-fix");
    dir.write("backlint.yaml", "require-suppression-reason: true\n");
    let text = "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.use((err, req, res) => {\n  res.status(500).send('broken');\n});\n";
    let path = dir.write("app.js", text);
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(dir.path());
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.path().display())}}));
    let init = client.wait(|m| m["id"] == 1);
    assert_eq!(
        init["result"]["capabilities"]["codeActionProvider"]["codeActionKinds"][1],
        "source.fixAll.backlint"
    );
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "javascript", "version": 1, "text": text}}}));
    let diagnostics = client.diagnostics_for(&uri);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "express-error-handler-arity")
        .unwrap_or_else(|| panic!("{diagnostics:?}"))
        .clone();

    client.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}}),
    );
    let actions = client.wait(|m| m["id"] == 2);
    let actions = actions["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Fix: add the `next` parameter")
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let suppress = actions
        .iter()
        .find(|a| a["title"] == "Suppress express-error-handler-arity on this line")
        .unwrap();
    assert_eq!(
        suppress["edit"]["changes"][&uri][0]["newText"],
        " // backlint-ignore express-error-handler-arity -- reason"
    );

    // Applying the quick fix's edit clears the diagnostic.
    let edit = &fix["edit"]["changes"][&uri][0];
    let (start, end) = (
        offset_of(text, &edit["range"]["start"]),
        offset_of(text, &edit["range"]["end"]),
    );
    let fixed = format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    );
    assert!(
        fixed.contains("app.use((err, req, res, _next) => {"),
        "{fixed}"
    );
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}}));
    let after = client
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2);
    let left = after["params"]["diagnostics"].as_array().unwrap();
    assert!(
        left.iter()
            .all(|d| d["code"] != "express-error-handler-arity"),
        "{left:?}"
    );

    // source.fixAll.backlint on the original text gives the same result.
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}}));
    client.send(
        json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [], "only": ["source.fixAll"]}}}),
    );
    let all = client.wait(|m| m["id"] == 3);
    let action = &all["result"][0];
    assert_eq!(action["kind"], "source.fixAll.backlint");
    assert_eq!(action["edit"]["changes"][&uri][0]["newText"], fixed);
}

#[test]
fn python_suppression_has_two_spaces_before_the_comment() {
    let dir = TempDir::new("lsp-py");
    let text = "def find(cursor, user_id):\n    cursor.execute(f\"SELECT * FROM users WHERE id = {user_id}\")\n";
    let path = dir.write("db.py", text);
    let uri = format!("file://{}", path.display());
    let mut client = Client::start(dir.path());
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.path().display())}}));
    client.wait(|m| m["id"] == 1);
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}}));
    let diagnostics = client.diagnostics_for(&uri);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "sql-interpolation")
        .unwrap_or_else(|| panic!("{diagnostics:?}"))
        .clone();
    client.send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}}),
    );
    let actions = client.wait(|m| m["id"] == 2);
    assert_eq!(
        actions["result"][0]["edit"]["changes"][&uri][0]["newText"],
        "  # backlint-ignore sql-interpolation"
    );
}

/// Whether a `publishDiagnostics` for `uri` holds a diagnostic of `rule`.
fn publishes(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn has_rule(m: &Value, rule: &str) -> bool {
    m["params"]["diagnostics"]
        .as_array()
        .is_some_and(|all| all.iter().any(|d| d["code"] == rule))
}

/// An edit to one open document publishes the diagnostics of every other open document it
/// changes: the compose service the open Caddyfile proxies to, renamed in the unsaved
/// compose buffer; and so does a file changed on disk (`workspace/didChangeWatchedFiles`).
#[test]
fn an_edit_to_one_document_republishes_the_others_it_changes() {
    let dir = TempDir::new("lsp-project");
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    let caddy = dir.write("Caddyfile", "example.com {\n\treverse_proxy web:8000\n}\n");
    let compose_text = "services:\n  caddy:\n    image: caddy:2\n    ports: [\"80:80\"]\n    volumes:\n      - ./Caddyfile:/etc/caddy/Caddyfile\n  web:\n    build: .\n    command: gunicorn app.wsgi -b 0.0.0.0:8000\n";
    let renamed = compose_text.replace("  web:\n", "  frontend:\n");
    let compose = dir.write("docker-compose.yml", compose_text);
    let caddy_uri = format!("file://{}", caddy.display());
    let compose_uri = format!("file://{}", compose.display());
    let rule = "caddy-upstream-unknown-host";

    let mut client = Client::start(dir.path());
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.path().display())}}));
    client.wait(|m| m["id"] == 1);
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": caddy_uri, "languageId": "caddyfile", "version": 1, "text": std::fs::read_to_string(&caddy).unwrap()}}}));
    let first = client.wait(|m| publishes(m, &caddy_uri));
    assert!(!has_rule(&first, rule), "{first}");
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": compose_uri, "languageId": "yaml", "version": 1, "text": compose_text}}}));
    client.wait(|m| publishes(m, &compose_uri));

    // The service renamed in the unsaved buffer: the Caddyfile's upstream no longer answers.
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": compose_uri, "version": 2}, "contentChanges": [{"text": renamed}]}}));
    let broken = client.wait(|m| publishes(m, &caddy_uri));
    assert!(has_rule(&broken, rule), "{broken}");
    // And back.
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": compose_uri, "version": 3}, "contentChanges": [{"text": compose_text}]}}));
    let mended = client.wait(|m| publishes(m, &caddy_uri));
    assert!(!has_rule(&mended, rule), "{mended}");

    // Closed, then renamed on disk: the watched-files notice re-lints the Caddyfile.
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": compose_uri}}}));
    std::fs::write(&compose, &renamed).unwrap();
    client.send(json!({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": {"changes": [{"uri": compose_uri, "type": 2}]}}));
    let on_disk = client.wait(|m| publishes(m, &caddy_uri));
    assert!(has_rule(&on_disk, rule), "{on_disk}");

    client.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    client.wait(|m| m["id"] == 2);
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(client.child.wait().unwrap().success());
}
