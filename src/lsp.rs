//! `backlint lsp`: a Language Server Protocol server over stdio.
//!
//! Diagnostics are published when a document is opened or saved, and after edits once the
//! buffer has been quiet for a moment (debounced). Each finding carries its severity, the
//! rule id as code and a link to the rule's documentation; positions are in UTF-16 code
//! units as the protocol requires. Code actions offer "suppress on this line" for every
//! finding. Changes to `backlint.yaml` re-lint every open document. A lint runs with every
//! open buffer in place of its file, and after it every other open document whose
//! diagnostics changed (a Caddyfile whose upstream an edited compose file renamed) is
//! published again; so is one whose diagnostics a file changed on disk changed
//! (`workspace/didChangeWatchedFiles`). A document over the
//! engine's size limit is not checked, and one diagnostic at its start says so.
//!
//! Messages are read by [`transport`]: a malformed one is answered with a JSON-RPC error and
//! the server reads on. Their params and results are `lsp-types`' types; a request whose
//! params do not fit its method is answered with an "invalid params" error. Document URIs are
//! read as paths by [`file_uri`] (percent-decoded; drive letters and UNC hosts on Windows); a
//! document that is not a local file (`untitled:`, a remote scheme) gets no diagnostics.

mod file_uri;
mod transport;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Exit, Notification, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Initialize, Request, Shutdown};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    InitializeParams, InitializeResult, Location, NumberOrString, Position,
    PublishDiagnosticsParams, Range, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Url, WorkspaceEdit,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::{Config, Configs};
use crate::diagnostic::Severity;
use crate::engine::{CacheLocation, Engine, Finding, MAX_FILE_SIZE, MemoryCache, RunOutput};
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
pub const DEFAULT_DOCS_URL: &str = crate::docs::RULE_DOCS_BASE_URL;

/// JSON-RPC error codes the server answers with (the transport answers malformed frames).
const INVALID_PARAMS: i64 = -32602;
const METHOD_NOT_FOUND: i64 = -32601;
const INTERNAL_ERROR: i64 = -32603;

struct Document {
    path: PathBuf,
    text: String,
    version: i32,
}

struct Server<'m> {
    headers: &'m [RuleHeader],
    documents: BTreeMap<Url, Document>,
    /// Documents edited and not yet linted, with the time of their last edit.
    pending: BTreeMap<Url, Instant>,
    docs_url: String,
    shutdown: bool,
    /// The project's per-file results and facts, kept between lints: a lint reads and
    /// parses the edited document and the files changed on disk, and runs the project
    /// phase on the facts of the others.
    project: MemoryCache,
    /// The diagnostics last published for each open document: another document's are
    /// published again only when they change.
    published: BTreeMap<Url, Vec<Diagnostic>>,
}

/// The `initializationOptions` the server reads.
#[derive(Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct InitializationOptions {
    docs_base_url: Option<String>,
}

/// A JSON-RPC message the server writes: a response (`id` with `result` or `error`) or a
/// notification (`method` with `params`).
#[derive(Serialize)]
struct Outgoing<'a, T: Serialize> {
    jsonrpc: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ResponseError>,
}

#[derive(Serialize)]
struct ResponseError {
    code: i64,
    message: String,
}

/// What handling a request gives: its result, or an error to answer with.
type Reply = Result<Value, ResponseError>;

fn send(message: &impl Serialize) {
    let Ok(body) = serde_json::to_string(message) else {
        return;
    };
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = out.flush();
}

fn notify<N: Notification>(params: N::Params) {
    send(&Outgoing {
        jsonrpc: "2.0",
        id: None,
        method: Some(N::METHOD),
        params: Some(params),
        result: None,
        error: None,
    });
}

fn respond(id: &Value, reply: Reply) {
    let (result, error) = match reply {
        Ok(result) => (Some(result), None),
        Err(error) => (None, Some(error)),
    };
    send(&Outgoing {
        jsonrpc: "2.0",
        id: Some(id),
        method: None,
        params: None,
        result,
        error,
    });
}

/// A request's result as JSON.
fn to_result(value: impl Serialize) -> Reply {
    serde_json::to_value(value).map_err(|e| ResponseError {
        code: INTERNAL_ERROR,
        message: format!("Internal error: {e}"),
    })
}

/// A message's params as the type its method takes.
fn parse_params<P: DeserializeOwned>(params: Value) -> Result<P, ResponseError> {
    serde_json::from_value(params).map_err(|e| ResponseError {
        code: INVALID_PARAMS,
        message: format!("Invalid params: {e}"),
    })
}

/// An LSP position: UTF-16 columns, numbers past `u32` clamped.
fn position(line: usize, character: usize) -> Position {
    Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(character).unwrap_or(u32::MAX),
    )
}

/// The position of a byte offset in a document.
fn position_of(lines: &LineIndex, text: &str, offset: usize) -> Position {
    let line = lines.line_of(crate::source::clamp_to_char_boundary(text, offset));
    position(line, lines.utf16_column(text, offset))
}

impl Server<'_> {
    /// Lints a document and publishes its diagnostics, then lints every other open document
    /// and publishes those whose diagnostics changed: an edit to a compose file changes
    /// what the open Caddyfile's upstreams reach.
    fn lint(&mut self, uri: &Url) {
        self.publish(uri, true);
        self.relint_others(Some(uri));
    }

    /// Lints every open document but `except`, publishing the diagnostics that changed.
    fn relint_others(&mut self, except: Option<&Url>) {
        let others: Vec<Url> = self
            .documents
            .keys()
            .filter(|other| Some(*other) != except)
            .cloned()
            .collect();
        for other in others {
            self.publish(&other, false);
        }
    }

    /// Lints a document and publishes its diagnostics: always, or only when they differ
    /// from those last published.
    fn publish(&mut self, uri: &Url, always: bool) {
        let Some(diagnostics) = self.document_diagnostics(uri) else {
            return;
        };
        if !always && self.published.get(uri) == Some(&diagnostics) {
            return;
        }
        let version = self.documents.get(uri).map(|doc| doc.version);
        self.published.insert(uri.clone(), diagnostics.clone());
        notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(
            uri.clone(),
            diagnostics,
            version,
        ));
    }

    /// The diagnostics of an open document; `None` when it is not open.
    fn document_diagnostics(&self, uri: &Url) -> Option<Vec<Diagnostic>> {
        let doc = self.documents.get(uri)?;
        let diagnostics = if doc.text.len() as u64 > MAX_FILE_SIZE {
            vec![Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::WARNING),
                code: Some(NumberOrString::String(INTERNAL_LIMIT.to_string())),
                source: Some("backlint".to_string()),
                message: format!(
                    "backlint did not check this file: it is {} bytes, over the {MAX_FILE_SIZE} byte limit",
                    doc.text.len()
                ),
                ..Diagnostic::default()
            }]
        } else {
            self.diagnostics(uri, doc)
        };
        Some(diagnostics)
    }

    /// The document's findings as LSP diagnostics.
    fn diagnostics(&self, uri: &Url, doc: &Document) -> Vec<Diagnostic> {
        // The other open buffers stand for their files: the project is the one the editor
        // shows.
        let others: Vec<(&Path, &str)> = self
            .documents
            .iter()
            .filter(|(other, _)| *other != uri)
            .map(|(_, other)| (other.path.as_path(), other.text.as_str()))
            .collect();
        let findings =
            lint_document_run(self.headers, &doc.path, &doc.text, &others, &self.project)
                .map(|output| output.findings)
                .unwrap_or_default();
        let lines = LineIndex::new(&doc.text);
        let range_of = |range: &std::ops::Range<usize>| Range {
            start: position_of(&lines, &doc.text, range.start),
            end: position_of(&lines, &doc.text, range.end),
        };
        findings
            .iter()
            .map(|f| {
                let mut message = f.message.clone();
                if let Some(help) = &f.help {
                    message.push_str("\nhelp: ");
                    message.push_str(help);
                }
                let related = f
                    .labels
                    .iter()
                    .filter_map(|l| {
                        let location = if l.path == f.path {
                            Location::new(uri.clone(), range_of(&l.range))
                        } else {
                            let range = Range {
                                start: position(
                                    l.start.line.saturating_sub(1),
                                    l.start.column.saturating_sub(1),
                                ),
                                end: position(
                                    l.end.line.saturating_sub(1),
                                    l.end.column.saturating_sub(1),
                                ),
                            };
                            Location::new(file_uri::from_path(Path::new(&*l.path))?, range)
                        };
                        Some(DiagnosticRelatedInformation {
                            location,
                            message: l.message.clone(),
                        })
                    })
                    .collect();
                Diagnostic {
                    range: range_of(&f.range),
                    severity: Some(match f.severity {
                        Severity::Error => DiagnosticSeverity::ERROR,
                        Severity::Warning => DiagnosticSeverity::WARNING,
                        Severity::Info => DiagnosticSeverity::INFORMATION,
                    }),
                    code: Some(NumberOrString::String(f.rule.to_string())),
                    code_description: Url::parse(&format!("{}{}.md", self.docs_url, f.rule))
                        .ok()
                        .map(|href| CodeDescription { href }),
                    source: Some("backlint".to_string()),
                    message,
                    related_information: Some(related),
                    data: f.fix.as_ref().and_then(|fix| fix_data(fix, uri, &range_of)),
                    ..Diagnostic::default()
                }
            })
            .collect()
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let Some(doc) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let kind = FileKind::detect(&doc.path).unwrap_or(FileKind::Js);
        let mut actions = Vec::new();
        let wants = |wanted: &CodeActionKind| {
            params
                .context
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|k| wanted.as_str().starts_with(k.as_str())))
        };
        let fix_all = CodeActionKind::new(FIX_ALL_KIND);
        if wants(&fix_all) {
            if let Some(edit) = fix_all_edit(self.headers, &doc.path, &doc.text, &self.project) {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "backlint: fix all safely fixable findings".to_string(),
                    kind: Some(fix_all.clone()),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                }));
            }
        }
        if !wants(&CodeActionKind::QUICKFIX) {
            return actions;
        }
        // The document's own configuration (the nearest above it, and what it extends).
        let require_reason = {
            let mut configs = Configs::discovered();
            let root = crate::root::absolute(&crate::root::project_root(&doc.path));
            let dir = crate::root::absolute(&doc.path)
                .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
            match (dir, root) {
                (Some(dir), Some(root)) => configs
                    .resolve(&dir, &root)
                    .is_ok_and(|index| configs.get(index).require_suppression_reason),
                _ => false,
            }
        };
        for diagnostic in params.context.diagnostics {
            if diagnostic.source.as_deref() != Some("backlint") {
                continue;
            }
            // The rule's fix, carried in the diagnostic's data.
            if let Some(fix) = diagnostic
                .data
                .as_ref()
                .and_then(|d| serde_json::from_value::<FixData>(d.clone()).ok())
            {
                let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
                for e in fix.edits {
                    changes
                        .entry(e.uri)
                        .or_default()
                        .push(TextEdit::new(e.range, e.new_text));
                }
                let safe = fix.applicability == crate::diagnostic::Applicability::Safe;
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: if safe {
                        format!("Fix: {}", fix.title)
                    } else {
                        format!("Fix (unsafe): {}", fix.title)
                    },
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    is_preferred: Some(safe),
                    edit: Some(WorkspaceEdit {
                        changes: Some(changes),
                        ..WorkspaceEdit::default()
                    }),
                    ..CodeAction::default()
                }));
            }
            if diagnostic.source.as_deref() != Some("backlint") {
                continue;
            }
            let Some(NumberOrString::String(rule)) = &diagnostic.code else {
                continue;
            };
            if rule == INTERNAL_LIMIT {
                continue;
            }
            let line = diagnostic.range.start.line as usize;
            let Some(edit) = suppression_edit(kind, &doc.text, line, rule, require_reason) else {
                continue;
            };
            let title = format!("Suppress {rule} on this line");
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                ..CodeAction::default()
            }));
        }
        actions
    }

    fn relint_all(&mut self) {
        let all: Vec<Url> = self.documents.keys().cloned().collect();
        for uri in all {
            self.publish(&uri, true);
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        let options: InitializationOptions = params
            .initialization_options
            .and_then(|o| serde_json::from_value(o).ok())
            .unwrap_or_default();
        if let Some(url) = options.docs_base_url {
            self.docs_url = url;
        }
        InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::FULL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(FIX_ALL_KIND),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "backlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        }
    }

    /// Answers a request.
    fn request(&mut self, method: &str, params: Value) -> Reply {
        match method {
            Initialize::METHOD => to_result(self.initialize(parse_params(params)?)),
            Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            CodeActionRequest::METHOD => to_result(self.code_actions(parse_params(params)?)),
            _ => Err(ResponseError {
                code: METHOD_NOT_FOUND,
                message: format!("method not found: {method}"),
            }),
        }
    }

    /// Acts on a notification. One whose params are not what its method takes is dropped:
    /// there is no one to answer.
    fn notification(&mut self, method: &str, params: Value) -> Result<(), ResponseError> {
        match method {
            DidOpenTextDocument::METHOD => {
                let DidOpenTextDocumentParams { text_document } = parse_params(params)?;
                // A document that is not a local file (an unsaved buffer, a remote one) is
                // not tracked: it gets no diagnostics.
                if let Some(path) = file_uri::to_path(&text_document.uri) {
                    let uri = text_document.uri;
                    self.documents.insert(
                        uri.clone(),
                        Document {
                            path,
                            text: text_document.text,
                            version: text_document.version,
                        },
                    );
                    self.lint(&uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                let DidChangeTextDocumentParams {
                    text_document,
                    content_changes,
                } = parse_params(params)?;
                if let Some(doc) = self.documents.get_mut(&text_document.uri) {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = content_changes.into_iter().next_back() {
                        doc.text = change.text;
                    }
                    doc.version = text_document.version;
                    self.pending.insert(text_document.uri, Instant::now());
                }
            }
            DidSaveTextDocument::METHOD => {
                let DidSaveTextDocumentParams { text_document, .. } = parse_params(params)?;
                let uri = text_document.uri;
                self.pending.remove(&uri);
                if is_config(&uri) {
                    self.relint_all();
                } else {
                    self.lint(&uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                let DidCloseTextDocumentParams { text_document } = parse_params(params)?;
                let uri = text_document.uri;
                self.documents.remove(&uri);
                self.pending.remove(&uri);
                self.published.remove(&uri);
                notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, Vec::new(), None));
            }
            DidChangeWatchedFiles::METHOD => {
                let DidChangeWatchedFilesParams { changes } = parse_params(params)?;
                // A configuration changed: every document again. Another file changed on
                // disk: the open documents whose diagnostics it changes.
                if changes.iter().any(|c| is_config(&c.uri)) {
                    self.relint_all();
                } else if !changes.is_empty() {
                    self.relint_others(None);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Handles one message; answers it if it is a request.
    fn handle(&mut self, message: Value) {
        let Value::Object(mut message) = message else {
            return;
        };
        let method = match message.remove("method") {
            Some(Value::String(method)) => method,
            _ => return,
        };
        let params = message.remove("params").unwrap_or(Value::Null);
        match message.get("id") {
            Some(id) => respond(id, self.request(&method, params)),
            None => {
                let _ = self.notification(&method, params);
            }
        }
    }
}

/// Whether `uri` names a backlint configuration file.
fn is_config(uri: &Url) -> bool {
    uri.path_segments()
        .and_then(|mut segments| segments.next_back())
        .is_some_and(|name| crate::config::FILE_NAMES.contains(&name))
}

/// Lints a buffer as the file at `path`, with the project around it for cross-file rules;
/// returns the buffer's findings. The other files' results come from `project` when they
/// have not changed since it kept them.
pub fn lint_document(
    headers: &[RuleHeader],
    path: &Path,
    text: &str,
    project: &MemoryCache,
) -> Vec<Finding> {
    lint_document_run(headers, path, text, &[], project)
        .map(|output| output.findings)
        .unwrap_or_default()
}

/// The run that lints a buffer (`lint_document`), with other buffers (`others`: path and
/// text) read in place of their files.
fn lint_document_run(
    headers: &[RuleHeader],
    path: &Path,
    text: &str,
    others: &[(&Path, &str)],
    project: &MemoryCache,
) -> Option<RunOutput> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // An engine over the project kept in `project`, with the other buffers in place of
    // their files.
    let engine_with = |configs: Configs| {
        let mut engine = Engine::with_configs(headers, None, &[], configs);
        for (other, other_text) in others {
            engine.set_overlay(other, other_text.as_bytes().to_vec());
        }
        engine.set_cache(CacheLocation::Memory(project.clone()));
        engine
    };
    // The file's own result is kept first when the project holds none (the document was
    // just opened): a buffer that links as the file does (the same imports and calls)
    // then needs nothing parsed again for the project phase.
    if !project.holds(path) && path.is_file() {
        let mut configs = Configs::discovered();
        configs.turn_on_unless_set("syntax-error");
        let _ = engine_with(configs).run(&[path.to_path_buf()], threads);
    }
    // The document is judged with its own configuration (the nearest above it, and what
    // that extends), as `backlint check` judges it; with the defaults when that cannot be
    // loaded (the editor shows no error of its own for it).
    // An open document is parsed anyway: its syntax errors are reported unless the
    // configuration switches the rule off.
    for mut configs in [Configs::discovered(), Configs::fixed(Config::default())] {
        configs.turn_on_unless_set("syntax-error");
        let mut engine = engine_with(configs);
        engine.set_overlay(path, text.as_bytes().to_vec());
        if let Ok(output) = engine.run(&[path.to_path_buf()], threads) {
            return Some(output);
        }
    }
    None
}

/// The code action kind of "apply every safe fix of the file" (on save, in editors that
/// run `source.fixAll`).
pub const FIX_ALL_KIND: &str = "source.fixAll.backlint";

/// A fix as a diagnostic carries it in `data`, for the quick fix that applies it.
#[derive(Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct FixData {
    title: String,
    applicability: crate::diagnostic::Applicability,
    edits: Vec<FixDataEdit>,
}

#[derive(Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct FixDataEdit {
    uri: Url,
    range: Range,
    new_text: String,
}

/// The `data` of a diagnostic with a fix that can be applied (not display-only). Edits in
/// the document use its positions; edits in other files their line and column.
fn fix_data(
    fix: &crate::diagnostic::FindingFix,
    uri: &Url,
    range_of: &dyn Fn(&std::ops::Range<usize>) -> Range,
) -> Option<Value> {
    if fix.applicability == crate::diagnostic::Applicability::DisplayOnly || fix.edits.is_empty() {
        return None;
    }
    let own = fix.edits.first().map(|e| e.path.clone());
    let edits = fix
        .edits
        .iter()
        .map(|e| {
            if file_uri::from_path(Path::new(&*e.path)).as_ref() == Some(uri)
                || (Some(&e.path) == own.as_ref() && !Path::new(&*e.path).is_absolute())
            {
                return Some(FixDataEdit {
                    uri: uri.clone(),
                    range: range_of(&e.range),
                    new_text: e.content.clone(),
                });
            }
            let at = |p: &crate::source::Position| {
                position(p.line.saturating_sub(1), p.column.saturating_sub(1))
            };
            Some(FixDataEdit {
                uri: file_uri::from_path(Path::new(&*e.path))?,
                range: Range::new(at(&e.start), at(&e.end)),
                new_text: e.content.clone(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    serde_json::to_value(FixData {
        title: fix.message.clone(),
        applicability: fix.applicability,
        edits,
    })
    .ok()
}

/// One edit replacing the whole buffer with the text every safe fix of this file gives
/// (fixes that edit other files are left to their quick fixes); `None` when there is none.
fn fix_all_edit(
    headers: &[RuleHeader],
    path: &Path,
    text: &str,
    project: &MemoryCache,
) -> Option<TextEdit> {
    let policy = crate::fix::Policy {
        unsafe_fixes: false,
    };
    let mut current = text.to_string();
    for _ in 0..crate::fix::MAX_PASSES {
        let findings = lint_document(headers, path, &current, project);
        let Some(own) = findings
            .iter()
            .find(|f| f.fix.is_some())
            .map(|f| f.path.clone())
        else {
            break;
        };
        let sources = BTreeMap::from([(own.clone(), std::sync::Arc::from(current.as_str()))]);
        let writable = std::collections::BTreeSet::from([own.clone()]);
        let pass = crate::fix::pass(&findings, &sources, &writable, policy);
        match pass.texts.get(&own) {
            Some(new) if pass.applied > 0 => current = new.clone(),
            _ => break,
        }
    }
    if current == text {
        return None;
    }
    let lines = LineIndex::new(text);
    Some(TextEdit::new(
        Range::new(position(0, 0), position_of(&lines, text, text.len())),
        current,
    ))
}

/// The edit that suppresses `rule` on a 0-based line: a trailing comment, or a comment line
/// above where the file kind has no trailing comments (Dockerfile, `.env`).
fn suppression_edit(
    kind: FileKind,
    text: &str,
    line: usize,
    rule: &str,
    require_reason: bool,
) -> Option<TextEdit> {
    // A reason placeholder to fill in where the configuration requires one.
    let reason = if require_reason { " -- reason" } else { "" };
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
        let start = position(line, 0);
        return Some(TextEdit::new(
            Range::new(start, start),
            format!("{indent}{marker} backlint-ignore-next-line {rule}{reason}\n"),
        ));
    }
    let end = position(line, line_text.chars().map(char::len_utf16).sum());
    // Two spaces before an inline `#` comment in Python (PEP 8).
    let gap = if kind == FileKind::Py { "  " } else { " " };
    Some(TextEdit::new(
        Range::new(end, end),
        format!("{gap}{marker} backlint-ignore {rule}{reason}"),
    ))
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
        project: MemoryCache::default(),
        published: BTreeMap::new(),
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
                if message["method"] == Exit::METHOD {
                    return if server.shutdown {
                        ExitStatus::Success
                    } else {
                        ExitStatus::Failure
                    };
                }
                server.handle(message);
            }
            Some(Frame::Malformed(problem)) => send(&problem.response()),
            Some(Frame::Eof) => return ExitStatus::Success,
            None => {}
        }
        let due: Vec<Url> = server
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// A copy of the demo backend as a repository of its own.
    fn demo() -> PathBuf {
        let to = std::env::temp_dir().join(format!(
            "backlint-lsp-project-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/demo");
        let mut dirs = vec![from.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                let target = to.join(path.strip_prefix(&from).unwrap());
                if path.is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                    dirs.push(path);
                } else {
                    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                    std::fs::copy(&path, &target).unwrap();
                }
            }
        }
        std::fs::create_dir_all(to.join(".git")).unwrap();
        to
    }

    /// The document's findings with the project kept in `memory`, checked against a lint
    /// that keeps nothing; and how many files came from `memory`.
    fn lint_both(path: &Path, text: &str, memory: &MemoryCache) -> (String, usize) {
        let headers = crate::rules::headers().unwrap();
        let kept = lint_document_run(headers, path, text, &[], memory).unwrap();
        let fresh = lint_document_run(headers, path, text, &[], &MemoryCache::default()).unwrap();
        let shown = format!("{:?}", kept.findings);
        assert_eq!(shown, format!("{:?}", fresh.findings));
        (shown, kept.stats.cache.map_or(0, |c| c.hits))
    }

    #[test]
    fn the_server_keeps_the_project_between_lints_and_reads_only_what_changed() {
        let project = demo();
        let compose = project.join("docker-compose.yml");
        let main = project.join("svc/main.py");
        let text = std::fs::read_to_string(&main).unwrap();
        let memory = MemoryCache::default();
        // The first lint keeps the file's own result before linting the buffer, so that
        // later buffers are compared with it.
        assert!(!memory.holds(&main));
        let (first, _) = lint_both(&main, &text, &memory);
        assert!(memory.holds(&main));
        let (again, hits) = lint_both(&main, &text, &memory);
        assert_eq!(first, again);
        assert!(hits >= 5, "{hits} files kept");
        // The document edited: its findings move, the rest is kept.
        let (edited, hits) = lint_both(&main, &format!("\n\n{text}"), &memory);
        assert_ne!(edited, first);
        assert!(hits >= 5, "{hits} files kept");
        // Another file changed on disk: its new facts reach the document's findings.
        let services = std::fs::read_to_string(&compose).unwrap();
        std::fs::write(&compose, services.replacen("\n  svc:\n", "\n  stock:\n", 1)).unwrap();
        lint_both(&main, &text, &memory);
        std::fs::remove_file(&compose).unwrap();
        let (without, _) = lint_both(&main, &text, &memory);
        assert_ne!(
            without, first,
            "the compose file's facts were kept after it went"
        );
        let _ = std::fs::remove_dir_all(&project);
    }
}
