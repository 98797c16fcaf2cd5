//! hardcoded-secret: passwords, tokens and signing secrets written as literals in code and
//! committed configuration.

use std::ops::Range;
use crate::lang::tree::{FieldExt, KindExt};

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::lang::compose::ComposeFile;
use crate::lang::dotenv::EnvFile;
use crate::lang::tree::{text, unwrap_expression};
use crate::lang::yaml::YamlNode;
use crate::lang::{js, py};
use crate::project::is_env_template;
use crate::rules::shared::secrets::{
    is_placeholder, is_placeholder_for, mask, may_contain_secret, secret_kind, tokens,
};
use crate::rules::{Prescan, Rule, TreeContext};
use crate::source::SourceFile;

pub struct HardcodedSecret;

const HELP_JS: &str = "read it from the environment (`process.env.DB_PASSWORD`) or a secret manager; keep the real value in an uncommitted `.env` and a placeholder in `.env.example`, and rotate the exposed secret";
const HELP_PY: &str = "read it from the environment (`os.environ[\"DB_PASSWORD\"]`, pydantic-settings) or a secret manager; keep the real value in an uncommitted `.env` and a placeholder in `.env.example`, and rotate the exposed secret";
const HELP_COMPOSE: &str = "reference a variable instead: `POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}` with the value in an uncommitted `.env` (or Docker secrets with `POSTGRES_PASSWORD_FILE`), and rotate the exposed secret";
const HELP_ENV: &str = "keep real values out of committed files: commit `.env.example` with a placeholder and add this file to `.gitignore`; rotate the exposed secret";
const HELP_TOKEN: &str = "revoke the credential now (it is in the history), then load it from the environment or a secret manager";

/// Files whose values are placeholders by design: `.env.example`, `config.example.js`.
fn is_example_file(path: &std::path::Path) -> bool {
    if is_env_template(path) {
        return true;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    [".example", ".sample", ".template"]
        .iter()
        .any(|m| name.contains(m))
}

fn skipped(file: &SourceFile) -> bool {
    file.is_test || is_example_file(&file.path)
}

/// Reports every well-known token of a file.
fn scan_tokens(src: &str, out: &mut Findings) {
    for token in tokens(src) {
        let n = token.range.len();
        out.report(
            token.range.clone(),
            format!("{} committed in the source (`{}…`, {n} characters)", token.kind, token.prefix),
        )
        .help(HELP_TOKEN);
    }
}

/// A literal value given to a secret-named setting: reported unless it is a placeholder or
/// a well-known token (reported by the token scan).
fn report_named(out: &mut Findings, name: &str, value: &str, range: Range<usize>, help: &str) {
    let Some(kind) = secret_kind(name) else { return };
    if is_placeholder_for(name, value) || !tokens(value).is_empty() {
        return;
    }
    out.report(range, format!("hard-coded {kind} in `{name}` ({})", mask(value)))
        .help(help);
}

/// The name of a JS object key or assignment target: `password`, `'api-key'`, `this.secret`.
fn js_name(node: Node, src: &str) -> Option<String> {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "property_identifier" | "identifier" | "shorthand_property_identifier" => Some(text(node, src).to_string()),
        "string" => js::string_value(node, src),
        "member_expression" => node.field("property").map(|p| text(p, src).to_string()),
        "subscript_expression" => node.field("index").and_then(|i| js::string_value(i, src)),
        _ => None,
    }
}

/// A literal string, never a template with substitutions.
fn js_literal(node: Node, src: &str) -> Option<(String, Range<usize>)> {
    let node = unwrap_expression(node);
    js::string_value(node, src).map(|v| (v, node.byte_range()))
}

fn py_literal(node: Node, src: &str) -> Option<(String, Range<usize>)> {
    let node = py::unwrap(node);
    py::string_value(node, src).map(|v| (v, node.byte_range()))
}

impl Rule for HardcodedSecret {
    fn may_match(&self, file: &Prescan) -> bool {
        !file.is_test
            && !is_example_file(file.path)
            && may_contain_secret(file.bytes, file.kind.grammar().is_some())
    }

    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&[
            "pass", "pwd", "secret", "token", "key", "jwt", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_",
            "ghr_", "github_pat_", "xox", "sk_live_", "rk_live_", "AIza", "PRIVATE KEY",
        ]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["program", "pair", "variable_declarator", "assignment_expression", "call_expression"]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if skipped(cx.file) {
            return;
        }
        let (name, value) = match node.kind_name() {
            "program" => {
                scan_tokens(src, out);
                return;
            }
            "pair" => (node.field("key"), node.field("value")),
            "variable_declarator" => (node.field("name"), node.field("value")),
            "assignment_expression" => (node.field("left"), node.field("right")),
            "call_expression" => {
                self.js_signing_call(node, cx, out);
                return;
            }
            _ => return,
        };
        let (Some(name), Some(value)) = (name, value) else { return };
        let (Some(name), Some((value, range))) = (js_name(name, src), js_literal(value, src)) else {
            return;
        };
        report_named(out, &name, &value, range, HELP_JS);
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["module", "keyword_argument", "assignment", "pair", "call"]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if skipped(cx.file) {
            return;
        }
        let (name, value) = match node.kind_name() {
            "module" => {
                scan_tokens(src, out);
                return;
            }
            "keyword_argument" => {
                let Some(name) = node.field("name") else { return };
                (Some(text(name, src).to_string()), node.field("value"))
            }
            "assignment" => {
                let Some(left) = node.field("left") else { return };
                let name = match left.kind_name() {
                    "identifier" => Some(text(left, src).to_string()),
                    "attribute" => left.field("attribute").map(|a| text(a, src).to_string()),
                    "subscript" => left.field("subscript").and_then(|s| py::string_value(s, src)),
                    _ => None,
                };
                (name, node.field("right"))
            }
            "pair" => (
                node.field("key").and_then(|k| py::string_value(k, src)),
                node.field("value"),
            ),
            "call" => {
                self.py_signing_call(node, cx, out);
                return;
            }
            _ => return,
        };
        let (Some(name), Some(value)) = (name, value) else { return };
        let Some((value, range)) = py_literal(value, src) else { return };
        report_named(out, &name, &value, range, HELP_PY);
    }

    fn check_env(&self, file: &SourceFile, env: &EnvFile, out: &mut Findings) {
        if skipped(file) {
            return;
        }
        scan_tokens(&file.text, out);
        for entry in &env.entries {
            report_named(out, &entry.key, &entry.value, entry.value_range.clone(), HELP_ENV);
        }
    }

    fn check_compose(&self, file: &SourceFile, _doc: &YamlNode, model: &ComposeFile, out: &mut Findings) {
        if skipped(file) {
            return;
        }
        scan_tokens(&file.text, out);
        for service in &model.services {
            for var in &service.environment {
                let Some(value) = &var.value else { continue };
                report_named(out, &var.key, value, var.value_range.clone(), HELP_COMPOSE);
            }
        }
    }
}

impl HardcodedSecret {
    /// `jwt.sign(payload, 'secret')`, `jwt.verify(token, SECRET)` with a literal key.
    fn js_signing_call(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(callee) = js::callee(call).and_then(|c| js::dotted_path(c, src)) else { return };
        let last = callee.rsplit('.').next().unwrap_or("");
        if !matches!(last, "sign" | "verify") || !(callee.to_ascii_lowercase().contains("jwt") || src.contains("jsonwebtoken")) {
            return;
        }
        let Some(key) = js::call_arguments(call).get(1).copied() else { return };
        let key = unwrap_expression(key);
        let literal = if key.kind_name() == "identifier" {
            // A constant whose name is not secret-like (those are reported where declared).
            let name = text(key, src);
            if secret_kind(name).is_some() {
                return;
            }
            let scope = js::enclosing_function(call).unwrap_or(cx.root);
            let mut bindings = js::bindings_of(scope, name, src, call.start_byte());
            if bindings.is_empty() {
                bindings = js::bindings_of(cx.root, name, src, call.start_byte());
            }
            match bindings.last() {
                Some(b) if b.kind == js::BindingKind::Const => js_literal(b.value, src),
                _ => None,
            }
        } else {
            js_literal(key, src)
        };
        let Some((value, range)) = literal else { return };
        if is_placeholder(&value) || !tokens(&value).is_empty() {
            return;
        }
        out.report(range, format!("hard-coded signing secret of `{callee}` ({})", mask(&value)))
            .label(call.byte_range(), "tokens are signed with it here")
            .help("anyone who reads the code can forge tokens: load the secret from the environment (`process.env.JWT_SECRET`, checked at startup) and rotate it");
    }

    /// `jwt.encode(payload, "secret", algorithm="HS256")`, `key="..."`.
    fn py_signing_call(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(callee) = call.field("function").map(|f| text(f, src)) else { return };
        let last = callee.rsplit('.').next().unwrap_or("");
        if !matches!(last, "encode" | "decode") || !callee.to_ascii_lowercase().contains("jwt") {
            return;
        }
        let key = py::keyword_argument(call, "key", src).or_else(|| py::positional_arguments(call).get(1).copied());
        let Some((value, range)) = key.and_then(|k| py_literal(k, src)) else { return };
        if is_placeholder(&value) || !tokens(&value).is_empty() {
            return;
        }
        out.report(range, format!("hard-coded signing key of `{callee}` ({})", mask(&value)))
            .label(call.byte_range(), "tokens are signed with it here")
            .help("anyone who reads the code can forge tokens: load the key from the environment (`os.environ[\"JWT_SECRET\"]`, read at startup) and rotate it");
    }
}
