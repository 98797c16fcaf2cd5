//! `backlint lsp`: a Language Server Protocol server over stdio.
//!
//! Diagnostics are published when a document is opened or saved, and after edits once the
//! buffer has been quiet for a moment (debounced). Each finding carries its severity, the
//! rule id as code and a link to the rule's documentation; positions are in UTF-16 code
//! units as the protocol requires. Code actions offer "suppress on this line" for every
//! finding. Changes to `backlint.yaml` re-lint every open document. A document over the
//! engine's size limit is not checked, and one diagnostic at its start says so.
//!
//! Messages are read by [`transport`]: a malformed one is answered with a JSON-RPC error and
//! the server reads on.

mod transport;

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::engine::{Engine, Finding, MAX_FILE_SIZE};
use crate::exit::ExitStatus;
use crate::lang::FileKind;
use crate::rules::RuleHeader;
use crate::source::LineIndex;
use transport::{Frame, Transport};

/// How long a buffer must be quiet after an edit before it is linted.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// The code of the diagnostic on a document that was not checked.
const INTERNAL_LIMIT: &str = "internal-limit";

/// Where rule documentation lives, unless the client sets `docsBaseUrl`.
pub const DEFAULT_DOCS_URL: &str = "https://github.com/backlint/backlint/blob/main/rules/";

struct Document {
    path: PathBuf,
    text: String,
    version: i64,
}

struct Server<'m> {
    headers: &'m [RuleHeader],
    documents: BTreeMap<String, Document>,
    /// Documents edited and not yet linted, with the time of their last edit.
    pending: BTreeMap<String, Instant>,
    docs_url: String,
    shutdown: bool,
}

fn send(message: &Value) {
    let body = message.to_string();
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = out.flush();
}

/// `file:///a%20b/c.js` → `/a b/c.js`.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

pub fn path_to_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!(
        "file://{}",
        crate::output::sarif::uri(&absolute.to_string_lossy()).trim_start_matches("file://")
    )
}

fn position(lines: &LineIndex, text: &str, offset: usize) -> Value {
    let line = lines.line_of(crate::source::clamp_to_char_boundary(text, offset));
    json!({"line": line, "character": lines.utf16_column(text, offset)})
}

impl Server<'_> {
    fn lint(&self, uri: &str) {
        let Some(doc) = self.documents.get(uri) else {
            return;
        };
        let diagnostics = if doc.text.len() as u64 > MAX_FILE_SIZE {
            vec![json!({
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "severity": 2,
                "code": INTERNAL_LIMIT,
                "source": "backlint",
                "message": format!(
                    "backlint did not check this file: it is {} bytes, over the {MAX_FILE_SIZE} byte limit",
                    doc.text.len()
                ),
            })]
        } else {
            self.diagnostics(uri, doc)
        };
        send(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": {"uri": uri, "version": doc.version, "diagnostics": diagnostics},
        }));
    }

    /// The document's findings as LSP diagnostics.
    fn diagnostics(&self, uri: &str, doc: &Document) -> Vec<Value> {
        let findings = lint_document(self.headers, &doc.path, &doc.text);
        let lines = LineIndex::new(&doc.text);
        findings
            .iter()
            .map(|f| {
                let mut message = f.message.clone();
                if let Some(help) = &f.help {
                    message.push_str("\nhelp: ");
                    message.push_str(help);
                }
                let related: Vec<Value> = f
                    .labels
                    .iter()
                    .map(|l| {
                        let same = l.path == f.path;
                        let (uri, range) = if same {
                            (
                                uri.to_string(),
                                json!({"start": position(&lines, &doc.text, l.range.start), "end": position(&lines, &doc.text, l.range.end)}),
                            )
                        } else {
                            (
                                path_to_uri(Path::new(&*l.path)),
                                json!({"start": {"line": l.start.line - 1, "character": l.start.column - 1}, "end": {"line": l.end.line - 1, "character": l.end.column - 1}}),
                            )
                        };
                        json!({"location": {"uri": uri, "range": range}, "message": l.message})
                    })
                    .collect();
                json!({
                    "range": {
                        "start": position(&lines, &doc.text, f.range.start),
                        "end": position(&lines, &doc.text, f.range.end),
                    },
                    "severity": match f.severity {
                        Severity::Error => 1,
                        Severity::Warning => 2,
                        Severity::Info => 3,
                    },
                    "code": f.rule,
                    "codeDescription": {"href": format!("{}{}.yaml", self.docs_url, f.rule)},
                    "source": "backlint",
                    "message": message,
                    "relatedInformation": related,
                })
            })
            .collect()
    }

    fn code_actions(&self, params: &Value) -> Value {
        let uri = params["textDocument"]["uri"].as_str().unwrap_or("");
        let Some(doc) = self.documents.get(uri) else {
            return json!([]);
        };
        let kind = FileKind::detect(&doc.path).unwrap_or(FileKind::Js);
        let mut actions = Vec::new();
        for diagnostic in params["context"]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if diagnostic["source"] != "backlint" {
                continue;
            }
            let Some(rule) = diagnostic["code"].as_str().filter(|&c| c != INTERNAL_LIMIT) else {
                continue;
            };
            let line = diagnostic["range"]["start"]["line"].as_u64().unwrap_or(0) as usize;
            let Some(edit) = suppression_edit(kind, &doc.text, line, rule) else {
                continue;
            };
            actions.push(json!({
                "title": format!("Suppress {rule} on this line"),
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "edit": {"changes": {uri: [edit]}},
            }));
        }
        Value::Array(actions)
    }

    fn relint_all(&self) {
        for uri in self.documents.keys() {
            self.lint(uri);
        }
    }

    /// Handles one message; returns a response for requests.
    fn handle(&mut self, message: &Value) -> Option<Value> {
        let method = message["method"].as_str().unwrap_or("");
        let params = &message["params"];
        let result = match method {
            "initialize" => {
                if let Some(url) = params["initializationOptions"]["docsBaseUrl"].as_str() {
                    self.docs_url = url.to_string();
                }
                json!({
                    "capabilities": {
                        "textDocumentSync": {"openClose": true, "change": 1, "save": {"includeText": false}},
                        "codeActionProvider": {"codeActionKinds": ["quickfix"]},
                    },
                    "serverInfo": {"name": "backlint", "version": env!("CARGO_PKG_VERSION")},
                })
            }
            "shutdown" => {
                self.shutdown = true;
                Value::Null
            }
            "textDocument/codeAction" => self.code_actions(params),
            "textDocument/didOpen" => {
                let doc = &params["textDocument"];
                let uri = doc["uri"].as_str().unwrap_or("").to_string();
                if let Some(path) = uri_to_path(&uri) {
                    self.documents.insert(
                        uri.clone(),
                        Document {
                            path,
                            text: doc["text"].as_str().unwrap_or("").to_string(),
                            version: doc["version"].as_i64().unwrap_or(0),
                        },
                    );
                    self.lint(&uri);
                }
                return None;
            }
            "textDocument/didChange" => {
                let uri = params["textDocument"]["uri"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                if let Some(doc) = self.documents.get_mut(&uri) {
                    if let Some(text) = params["contentChanges"]
                        .as_array()
                        .and_then(|c| c.last())
                        .and_then(|c| c["text"].as_str())
                    {
                        doc.text = text.to_string();
                    }
                    doc.version = params["textDocument"]["version"]
                        .as_i64()
                        .unwrap_or(doc.version);
                    self.pending.insert(uri, Instant::now());
                }
                return None;
            }
            "textDocument/didSave" => {
                let uri = params["textDocument"]["uri"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                self.pending.remove(&uri);
                if is_config(&uri) {
                    self.relint_all();
                } else {
                    self.lint(&uri);
                }
                return None;
            }
            "textDocument/didClose" => {
                let uri = params["textDocument"]["uri"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                self.documents.remove(&uri);
                self.pending.remove(&uri);
                send(
                    &json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": {"uri": uri, "diagnostics": []}}),
                );
                return None;
            }
            "workspace/didChangeWatchedFiles" => {
                let config_changed = params["changes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|c| c["uri"].as_str().is_some_and(is_config));
                if config_changed {
                    self.relint_all();
                }
                return None;
            }
            _ => {
                if message.get("id").is_some() {
                    return Some(json!({
                        "jsonrpc": "2.0",
                        "id": message["id"],
                        "error": {"code": -32601, "message": format!("method not found: {method}")},
                    }));
                }
                return None;
            }
        };
        message
            .get("id")
            .map(|id| json!({"jsonrpc": "2.0", "id": id, "result": result}))
    }
}

fn is_config(uri: &str) -> bool {
    crate::config::FILE_NAMES
        .iter()
        .any(|n| uri.ends_with(&format!("/{n}")))
}

/// Lints a buffer as the file at `path`, with the project around it for cross-file rules;
/// returns the buffer's findings.
pub fn lint_document(headers: &[RuleHeader], path: &Path, text: &str) -> Vec<Finding> {
    let config = Config::discover(path)
        .and_then(|p| Config::load(&p).ok())
        .unwrap_or_default();
    let mut engine = Engine::new(headers, None, &[], config);
    engine.set_overlay(path, text.as_bytes().to_vec());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let output = engine.run(&[path.to_path_buf()], threads);
    output.findings
}

/// The edit that suppresses `rule` on a 0-based line: a trailing comment, or a comment line
/// above where the file kind has no trailing comments (Dockerfile, `.env`).
fn suppression_edit(kind: FileKind, text: &str, line: usize, rule: &str) -> Option<Value> {
    let line_text = text.split('\n').nth(line)?.trim_end_matches('\r');
    let marker = match kind {
        FileKind::Js | FileKind::Ts | FileKind::Tsx => "//",
        _ => "#",
    };
    if matches!(kind, FileKind::Docker | FileKind::Env) {
        let indent: String = line_text
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        return Some(json!({
            "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
            "newText": format!("{indent}{marker} backlint-ignore-next-line {rule}\n"),
        }));
    }
    let end: usize = line_text.chars().map(char::len_utf16).sum();
    Some(json!({
        "range": {"start": {"line": line, "character": end}, "end": {"line": line, "character": end}},
        "newText": format!(" {marker} backlint-ignore {rule}"),
    }))
}

pub fn serve(headers: &[RuleHeader]) -> ExitStatus {
    let (sender, receiver) = mpsc::channel::<Frame>();
    std::thread::spawn(move || {
        let mut transport = Transport::new(BufReader::new(std::io::stdin().lock()));
        loop {
            let frame = transport.read_frame();
            let end = frame == Frame::Eof;
            if sender.send(frame).is_err() || end {
                break;
            }
        }
    });
    let mut server = Server {
        headers,
        documents: BTreeMap::new(),
        pending: BTreeMap::new(),
        docs_url: DEFAULT_DOCS_URL.to_string(),
        shutdown: false,
    };
    loop {
        // Wait for the next message, or until the oldest pending edit is due.
        let timeout = server
            .pending
            .values()
            .min()
            .map(|t| DEBOUNCE.saturating_sub(t.elapsed()));
        let frame = match timeout {
            Some(t) => match receiver.recv_timeout(t) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return ExitStatus::Success,
            },
            None => match receiver.recv() {
                Ok(m) => Some(m),
                Err(_) => return ExitStatus::Success,
            },
        };
        match frame {
            Some(Frame::Message(message)) => {
                if message["method"] == "exit" {
                    return if server.shutdown {
                        ExitStatus::Success
                    } else {
                        ExitStatus::Failure
                    };
                }
                if let Some(response) = server.handle(&message) {
                    send(&response);
                }
            }
            Some(Frame::Malformed(problem)) => send(&problem.response()),
            Some(Frame::Eof) => return ExitStatus::Success,
            None => {}
        }
        let due: Vec<String> = server
            .pending
            .iter()
            .filter(|(_, t)| t.elapsed() >= DEBOUNCE)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            server.pending.remove(&uri);
            server.lint(&uri);
        }
    }
}
