//! tls-verify-disabled: TLS certificate verification switched off in code or configuration.

use crate::lang::tree::{FieldExt, KindExt};
use std::sync::LazyLock;

use regex::bytes::Regex;
use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::env_guard::is_environment_guarded;
use crate::lang::caddyfile::Caddyfile;
use crate::lang::compose::ComposeFile;
use crate::lang::dotenv::EnvFile;
use crate::lang::tree::{root_of, text, unwrap_expression};
use crate::lang::yaml::YamlNode;
use crate::lang::{FileKind, js, py};
use crate::rules::{Prescan, Rule, TreeContext};
use crate::source::SourceFile;

pub struct TlsVerifyDisabled;

/// The settings the JavaScript checks read.
static JS_TLS_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(r"rejectUnauthorized|strictSSL|NODE_TLS_REJECT_UNAUTHORIZED")
});

/// The Python checks: a verification argument or attribute set to `False`/`None`, the
/// unverified context, `CERT_NONE`, the environment switches.
static PY_TLS_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"\b(?:verify|verify_ssl|check_hostname|ssl)\s*=[\s(\\]*(?:False|None)\b|["']verify["']\s*:\s*False\b|cert_reqs\s*=|_create_unverified_context|CERT_NONE|NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY"#,
    )
});

const HELP_JS: &str = "keep verification on and trust the certificate instead: pass its CA with `ca: fs.readFileSync('ca.pem')` (or NODE_EXTRA_CA_CERTS); if it must be off for local development, guard it: `rejectUnauthorized: process.env.NODE_ENV !== 'development'`";
const HELP_PY: &str = "keep verification on and trust the certificate instead: `verify='/path/to/ca.pem'` or `ssl.create_default_context(cafile=...)`; if it must be off for local development, guard it with a setting such as `settings.DEBUG`";
const HELP_ENV: &str = "remove the variable and trust the certificate instead (NODE_EXTRA_CA_CERTS / SSL_CERT_FILE pointing at its CA)";

/// Environment variables that switch verification off, and the value that does it.
const ENV_SWITCHES: &[(&str, &str)] = &[
    ("NODE_TLS_REJECT_UNAUTHORIZED", "0"),
    ("PYTHONHTTPSVERIFY", "0"),
];

impl Rule for TlsVerifyDisabled {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&[
            "rejectUnauthorized",
            "NODE_TLS_REJECT_UNAUTHORIZED",
            "strictSSL",
            "verify",
            "ssl",
            "CERT_NONE",
            "check_hostname",
            "PYTHONHTTPSVERIFY",
            "tls_insecure_skip_verify",
        ]]
    }

    fn may_match(&self, file: &Prescan) -> bool {
        let re = match file.kind {
            FileKind::Py => &PY_TLS_TEXT,
            FileKind::Js | FileKind::Ts | FileKind::Tsx => &JS_TLS_TEXT,
            _ => return true,
        };
        crate::util::shape_matches(re, file.bytes)
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &[
            "pair",
            "shorthand_property_identifier",
            "assignment_expression",
        ]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        match node.kind_name() {
            "pair" => {
                let (Some(key), Some(value)) = (node.field("key"), node.field("value")) else {
                    return;
                };
                let key_name = property_key(key, src);
                if !matches!(key_name.as_str(), "rejectUnauthorized" | "strictSSL") {
                    return;
                }
                if !is_js_false(value, src)
                    || is_environment_guarded(node, src)
                    || is_opt_in_guarded(node, src)
                    || is_defaults_fallback(node, src)
                    || is_server_option(node, src)
                    || in_branch_without_remote_https(node, src)
                {
                    return;
                }
                out.report(
                    node.byte_range(),
                    format!("`{key_name}: false` accepts any certificate: connections can be intercepted"),
                )
                .help(HELP_JS);
            }
            // `{ rejectUnauthorized }` with `const rejectUnauthorized = false` before.
            "shorthand_property_identifier" => {
                let key_name = text(node, src);
                if !matches!(key_name, "rejectUnauthorized" | "strictSSL")
                    || !is_js_false(node, src)
                    || is_environment_guarded(node, src)
                    || is_opt_in_guarded(node, src)
                {
                    return;
                }
                out.report(
                    node.byte_range(),
                    format!("`{key_name}` is `false` here: any certificate is accepted and connections can be intercepted"),
                )
                .help(HELP_JS);
            }
            "assignment_expression" => {
                let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
                    return;
                };
                let Some(path) = js::dotted_path(left, src) else {
                    return;
                };
                if is_environment_guarded(node, src) || is_opt_in_guarded(node, src) {
                    return;
                }
                if path == "process.env.NODE_TLS_REJECT_UNAUTHORIZED" {
                    let value = unwrap_expression(right);
                    let zero = js::string_value(value, src).is_some_and(|v| v.trim() == "0")
                        || (value.kind_name() == "number" && text(value, src) == "0");
                    if zero && !is_health_check_script(cx) {
                        out.report(
                            node.byte_range(),
                            "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every TLS connection of the process",
                        )
                        .help(HELP_JS);
                    }
                } else if (path.ends_with(".rejectUnauthorized") || path.ends_with(".strictSSL"))
                    && is_js_false(right, src)
                {
                    out.report(
                        node.byte_range(),
                        "certificate verification is switched off: connections can be intercepted",
                    )
                    .help(HELP_JS);
                }
            }
            _ => {}
        }
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &[
            "keyword_argument",
            "attribute",
            "identifier",
            "assignment",
            "pair",
        ]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        match node.kind_name() {
            "keyword_argument" => {
                let (Some(name), Some(value)) = (node.field("name"), node.field("value")) else {
                    return;
                };
                let name = text(name, src);
                let value = py::unwrap(value);
                let disabled = match name {
                    "verify" | "verify_ssl" => {
                        value.kind_name() == "false" && is_tls_client_call(node, src)
                    }
                    "check_hostname" => value.kind_name() == "false",
                    // aiohttp's `ssl=False` skips verification; for database and cache
                    // clients `ssl=False` means plain TCP, which is a different choice.
                    "ssl" => value.kind_name() == "false" && is_http_client_call(node, src),
                    "cert_reqs" | "ssl_cert_reqs" => {
                        value.kind_name() == "none"
                            || py::string_value(value, src)
                                .is_some_and(|v| v.eq_ignore_ascii_case("none") || v == "CERT_NONE")
                    }
                    _ => false,
                };
                if !disabled || py_guarded(node, src) {
                    return;
                }
                out.report(
                    node.byte_range(),
                    format!("`{}` switches off certificate verification: connections can be intercepted", text(node, src)),
                )
                .help(HELP_PY);
            }
            "attribute" | "identifier" => {
                let name = if node.kind_name() == "attribute" {
                    node.field("attribute").map_or("", |a| text(a, src))
                } else {
                    // A bare name only when it is not the attribute part of `x.name`.
                    if node.parent().is_some_and(|p| p.kind_name() == "attribute") {
                        return;
                    }
                    text(node, src)
                };
                let message = match name {
                    "_create_unverified_context" => {
                        "`ssl._create_unverified_context` builds a context that accepts any certificate"
                    }
                    "CERT_NONE" => {
                        if is_comparison_or_import(node) {
                            return;
                        }
                        "`CERT_NONE` accepts any certificate: connections can be intercepted"
                    }
                    _ => return,
                };
                if py_guarded(node, src) {
                    return;
                }
                out.report(node.byte_range(), message).help(HELP_PY);
            }
            // `REQUEST_OPTIONS = {"timeout": 10, "verify": False}` spread into client calls.
            "pair" => {
                let (Some(key), Some(value)) = (node.field("key"), node.field("value")) else {
                    return;
                };
                if py::string_value(key, src).as_deref() == Some("verify")
                    && py::unwrap(value).kind_name() == "false"
                    && !inside_jwt_call(node, src)
                    && !py_guarded(node, src)
                {
                    out.report(
                        node.byte_range(),
                        "`\"verify\": False` switches off certificate verification for the requests it is passed to",
                    )
                    .help(HELP_PY);
                }
            }
            "assignment" => {
                let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
                    return;
                };
                let attribute = (left.kind_name() == "attribute")
                    .then(|| left.field("attribute"))
                    .flatten()
                    .map(|a| text(a, src));
                let is_false = py::unwrap(right).kind_name() == "false";
                if attribute == Some("check_hostname") && is_false && !py_guarded(node, src) {
                    out.report(
                        node.byte_range(),
                        "`check_hostname = False` accepts a certificate issued for any host",
                    )
                    .help(HELP_PY);
                }
                // `session.verify = False` on a requests/httpx session or client.
                if attribute == Some("verify")
                    && is_false
                    && left.field("object").is_some_and(|o| is_http_session(o, cx))
                    && !py_guarded(node, src)
                {
                    out.report(
                        node.byte_range(),
                        format!("`{}` switches off certificate verification for every request of the session", text(node, src)),
                    )
                    .help(HELP_PY);
                }
                // `os.environ["NODE_TLS_REJECT_UNAUTHORIZED"] = "0"` / PYTHONHTTPSVERIFY
                if left.kind_name() == "subscript" && text(left, src).starts_with("os.environ") {
                    let key = left
                        .field("subscript")
                        .and_then(|k| py::string_value(k, src));
                    let value = py::string_value(right, src);
                    if let (Some(key), Some(value)) = (key, value) {
                        if ENV_SWITCHES
                            .iter()
                            .any(|(k, v)| *k == key && *v == value.trim())
                            && !py_guarded(node, src)
                        {
                            out.report(node.byte_range(), format!("{key}={value} turns off certificate verification for the process"))
                                .help(HELP_PY);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn check_env(&self, _file: &SourceFile, env: &EnvFile, out: &mut Findings) {
        for entry in &env.entries {
            if ENV_SWITCHES
                .iter()
                .any(|(k, v)| *k == entry.key && *v == entry.value.trim())
            {
                out.report(
                    entry.range.clone(),
                    format!("{}={} turns off certificate verification for every TLS connection of the app", entry.key, entry.value.trim()),
                )
                .help(HELP_ENV);
            }
        }
    }

    fn check_compose(
        &self,
        _file: &SourceFile,
        _doc: &YamlNode,
        model: &ComposeFile,
        out: &mut Findings,
    ) {
        for service in &model.services {
            for var in &service.environment {
                let Some(value) = &var.value else { continue };
                if ENV_SWITCHES
                    .iter()
                    .any(|(k, v)| *k == var.key && *v == value.trim())
                {
                    out.report(
                        var.key_range.start..var.value_range.end.max(var.key_range.end),
                        format!(
                            "{}={} in service `{}` turns off certificate verification for every TLS connection it makes",
                            var.key,
                            value.trim(),
                            service.name
                        ),
                    )
                    .help(HELP_ENV);
                }
            }
        }
    }

    fn check_caddyfile(&self, _file: &SourceFile, caddy: &Caddyfile, out: &mut Findings) {
        for (_, directive) in caddy.directives() {
            if directive.name.text == "tls_insecure_skip_verify" {
                out.report(
                    directive.name.range.clone(),
                    "`tls_insecure_skip_verify` makes Caddy accept any certificate from the upstream",
                )
                .help("give the transport the upstream's CA instead: `tls_trust_pool file /path/ca.pem` (or `tls_trusted_ca_certs`), and `tls_server_name` if the name differs");
            }
        }
    }
}

/// The name of an object key: `rejectUnauthorized`, `'rejectUnauthorized'`.
fn property_key(key: Node, src: &str) -> String {
    js::string_value(key, src).unwrap_or_else(|| text(key, src).to_string())
}

/// `false`, `!1`, `0` as a boolean option, also through a name bound once to one
/// (`const rejectUnauthorized = false`).
fn is_js_false(value: Node, src: &str) -> bool {
    let value = unwrap_expression(value);
    match value.kind_name() {
        "identifier" | "shorthand_property_identifier" => {
            js_single_binding(value, src).is_some_and(|v| is_js_false_literal(v, src))
        }
        _ => is_js_false_literal(value, src),
    }
}

fn is_js_false_literal(value: Node, src: &str) -> bool {
    let value = unwrap_expression(value);
    match value.kind_name() {
        "false" => true,
        "unary_expression" => text(value, src).replace(' ', "") == "!1",
        "number" => text(value, src) == "0",
        _ => false,
    }
}

/// The value of the only binding of the name `at` visible there: in the nearest function
/// that binds it, else at module level. `None` for parameters and reassigned names.
fn js_single_binding<'t>(at: Node<'t>, src: &str) -> Option<Node<'t>> {
    let bindings = js::visible_bindings(at, text(at, src), root_of(at), src);
    match bindings.as_slice() {
        [only] if only.kind != js::BindingKind::Destructure => Some(only.value),
        _ => None,
    }
}

/// Whether `verify=False` is given to something that makes TLS connections: a method call
/// (`requests.get`, `session.post`, `boto3.client`), a class (`httpx.Client`, `Minio`) or a
/// request function (`urlopen`, `request`). Not JWT decoding (`jwt.decode(t, verify=False)`
/// skips the signature check, another rule's concern) nor a plain function of the project
/// (`send_code(phone, verify=False)`).
fn is_tls_client_call(keyword: Node, src: &str) -> bool {
    let Some(call) = keyword.parent().and_then(|args| args.parent()) else {
        return false;
    };
    let Some(function) = call.field("function").map(py::unwrap) else {
        return false;
    };
    let callee = text(function, src);
    let name = callee.rsplit('.').next().unwrap_or("");
    if name == "decode" || callee.to_ascii_lowercase().contains("jwt") {
        return false;
    }
    function.kind_name() == "attribute"
        || name.starts_with(|c: char| c.is_ascii_uppercase())
        || matches!(
            name,
            "get"
                | "post"
                | "put"
                | "patch"
                | "delete"
                | "head"
                | "options"
                | "request"
                | "urlopen"
                | "stream"
        )
}

fn inside_jwt_call(node: Node, src: &str) -> bool {
    let mut current = node;
    for _ in 0..4 {
        let Some(parent) = current.parent() else {
            return false;
        };
        if parent.kind_name() == "call" {
            let callee = parent.field("function").map_or("", |f| text(f, src));
            return callee.ends_with("decode") || callee.to_ascii_lowercase().contains("jwt");
        }
        current = parent;
    }
    false
}

/// An object that is an HTTP session or client: named so (`session`, `self.http_client`),
/// or assigned a `Session(...)` / `Client(...)` in this file.
fn is_http_session(object: Node, cx: &TreeContext) -> bool {
    let object_text = text(object, cx.src);
    let last = object_text
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if ["session", "client", "http", "sess"]
        .iter()
        .any(|w| last.contains(w))
    {
        return true;
    }
    object.kind_name() == "identifier"
        && py::module_bindings_of(cx.root, object_text, cx.src, object.start_byte())
            .into_iter()
            .chain(
                py::enclosing_function(object)
                    .map(|f| py::bindings_of(f, object_text, cx.src, object.start_byte()))
                    .unwrap_or_default(),
            )
            .any(|b| {
                let value = text(b.value, cx.src);
                value.contains("Session(") || value.contains("Client(")
            })
}

/// Calls of HTTP clients where `ssl=False` means "do not verify" (aiohttp).
fn is_http_client_call(keyword: Node, src: &str) -> bool {
    let Some(call) = keyword.parent().and_then(|args| args.parent()) else {
        return false;
    };
    let callee = call.field("function").map_or("", |f| text(f, src));
    let name = callee.rsplit('.').next().unwrap_or("");
    callee.contains("aiohttp")
        || matches!(
            name,
            "TCPConnector"
                | "get"
                | "post"
                | "put"
                | "patch"
                | "delete"
                | "head"
                | "options"
                | "request"
                | "ws_connect"
        )
}

fn is_comparison_or_import(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "comparison_operator" => return true,
            "import_from_statement" | "import_statement" => return true,
            // `CERT_NONE = 0`: a module defining the constant (a stand-in for `ssl`).
            "assignment" => {
                return parent
                    .field("left")
                    .is_some_and(|left| left.id() == current.id());
            }
            "attribute" | "parenthesized_expression" | "dotted_name" | "aliased_import" => {
                current = parent
            }
            _ => return false,
        }
    }
    false
}

/// Words (lowercase, without `-`, `_` and `:`) of a setting whose only purpose is to turn
/// certificate verification off: `rejectUnauthorized=false` in a connection URL, libpq's
/// `sslmode`, an "allow self-signed", "unsafe TLS" or "ignore certificate errors" option
/// (`ignore_cert_errors`, `ignoreCertificateErrors`, `ignore_ssl_errors`).
const OPT_IN_WORDS: &[&str] = &[
    "rejectunauthorized",
    "ignorecert",
    "ignoressl",
    "ignoretls",
    "selfsigned",
    "unsafe",
    "insecure",
    "sslmode",
    "tlsverify",
    "verifyssl",
    "verifytls",
    "skipverify",
    "allowinvalid",
    // `ALLOW_UNAUTHORIZED_CERTS`: an option allowing the certificates verification rejects.
    "allowunauthorized",
    // A verification setting itself (`verify`, `verify_cert`, `ssl_verify`,
    // `validate_certs`, `check_cert`): the branch it chooses is the operator's choice.
    "verify",
    "validatecert",
    "checkcert",
    // `mysqlSkipValidateServerCert`, `skip_validation`.
    "skipvalidat",
];

/// True when the switch sits under a condition (`if`, ternary, `&&`) that reads an explicit
/// opt-out the operator or user configured: `if (config['smtp:allow-self-signed'])`,
/// `params.get('rejectUnauthorized') === 'false' ? { rejectUnauthorized: false } : {}`,
/// `if (sslMode === 'require')`. Like the NODE_ENV guard, the choice is deliberate and
/// made where the deployment is configured.
fn is_opt_in_guarded(node: Node, src: &str) -> bool {
    if reads_peer_certificate(node, src) || after_opt_in_guard_clause(node, src) {
        return true;
    }
    let opt_in = |condition: Node| names_opt_in(condition, src);
    let mut previous = node;
    for ancestor in crate::lang::tree::ancestors(node) {
        if js::is_function(ancestor) {
            break;
        }
        let condition = match ancestor.kind_name() {
            // Either branch: `if (sslMode === 'verify-full') {...} else { rejectUnauthorized:
            // false }` follows the setting as much as its `then` branch does.
            "if_statement" => ancestor.field("condition").filter(|_| {
                ["consequence", "alternative"].iter().any(|branch| {
                    ancestor
                        .field(branch)
                        .is_some_and(|c| c.id() == previous.id())
                })
            }),
            // `switch (sslMode) { case 'require': ... default: ... }`: each case is a value
            // of the setting.
            "switch_statement" => {
                if previous.kind_name() == "switch_body" && switches_on_sslmode(previous, src) {
                    return true;
                }
                ancestor.field("value").filter(|v| v.id() != previous.id())
            }
            "ternary_expression" => ancestor
                .field("condition")
                .filter(|c| c.id() != previous.id()),
            "binary_expression" => ancestor
                .field("left")
                .filter(|l| l.id() != previous.id() && text(ancestor, src).contains("&&")),
            _ => None,
        };
        if condition.is_some_and(opt_in) {
            return true;
        }
        previous = ancestor;
    }
    false
}

/// True when the cases of a switch are libpq's `sslmode` values (`case 'verify-full':`,
/// `case "verify-ca":`), whatever the switched setting is called (`switch (config.ssl)`):
/// each case follows the mode the operator chose.
fn switches_on_sslmode(body: Node, src: &str) -> bool {
    let mut cursor = body.walk();
    let cases: Vec<Node> = body.named_children(&mut cursor).collect();
    cases.into_iter().any(|case| {
        case.field("value")
            .and_then(|v| js::string_value(v, src))
            .is_some_and(|v| matches!(v.as_str(), "verify-full" | "verify-ca"))
    })
}

/// True when the pair sits in the options of a TLS server (`https.createServer({ key, cert,
/// requestCert: false, rejectUnauthorized: false })`): a server's `rejectUnauthorized`
/// concerns the certificates it asks clients for (`requestCert`), not the servers it
/// connects to, so nothing can be intercepted through it.
fn is_server_option(pair: Node, src: &str) -> bool {
    let Some(object) = pair.parent().filter(|o| o.kind_name() == "object") else {
        return false;
    };
    let mut cursor = object.walk();
    let siblings: Vec<Node> = object.named_children(&mut cursor).collect();
    siblings.into_iter().any(|sibling| {
        sibling.kind_name() == "pair"
            && sibling
                .field("key")
                .is_some_and(|k| property_key(k, src) == "requestCert")
    })
}

/// True when the switch sits in the `else` branch of a test that the URL is `https:`
/// (often also not the local host): `if (isSecure) { https.get(url, ...) } else { axios.get(url,
/// { httpsAgent: new https.Agent({ rejectUnauthorized: false }) }) }` with `const isSecure =
/// new URL(url).protocol === 'https:' && hostname !== 'localhost'`. That branch fetches plain
/// `http:` URLs, where the agent is unused, or the local host; a remote `https:` URL takes the
/// verified branch.
fn in_branch_without_remote_https(node: Node, src: &str) -> bool {
    let mut previous = node;
    for ancestor in crate::lang::tree::ancestors(node) {
        if js::is_function(ancestor) {
            break;
        }
        if ancestor.kind_name() == "if_statement"
            && ancestor
                .field("alternative")
                .is_some_and(|a| a.id() == previous.id())
            && ancestor
                .field("condition")
                .is_some_and(|c| tests_https_protocol(c, src))
        {
            return true;
        }
        previous = ancestor;
    }
    false
}

/// True when a condition requires the `https:` protocol (`url.protocol === 'https:'`), itself
/// or through a name bound once to such a test.
fn tests_https_protocol(condition: Node, src: &str) -> bool {
    let condition = unwrap_expression(condition);
    let tested = if condition.kind_name() == "identifier" {
        match js_single_binding(condition, src) {
            Some(value) => text(value, src),
            None => return false,
        }
    } else {
        text(condition, src)
    };
    let compact: String = tested.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "==='https:'",
        "===\"https:\"",
        "'https:'===",
        "\"https:\"===",
    ]
    .iter()
    .any(|test| compact.contains(test))
}

/// True when a condition reads one of the opt-out settings of `OPT_IN_WORDS`.
fn names_opt_in(condition: Node, src: &str) -> bool {
    let t: String = text(condition, src)
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ':'))
        .collect::<String>()
        .to_ascii_lowercase();
    OPT_IN_WORDS.iter().any(|w| t.contains(w))
}

/// Python: under an environment switch, or in the branch an explicit opt-out chooses, or in
/// a function that reads the peer's certificate.
fn py_guarded(node: Node, src: &str) -> bool {
    is_environment_guarded(node, src)
        || is_py_opt_in_guarded(node, src)
        || reads_peer_certificate(node, src)
        || after_opt_in_guard_clause(node, src)
}

/// True when the switch runs only after a guard clause on an explicit opt-out has let it
/// through: an earlier statement of an enclosing block of the same function is an `if` (no
/// `else`) whose condition reads a setting of `OPT_IN_WORDS` and whose branch ends in
/// `return`, `raise` or `throw` (`if verify: return None` then `return
/// PoolManager(cert_reqs=ssl.CERT_NONE)`). What follows is the branch the operator's setting
/// chooses when it is off, as in `if not verify: ...`.
fn after_opt_in_guard_clause(node: Node, src: &str) -> bool {
    let mut previous = node;
    for ancestor in crate::lang::tree::ancestors(node) {
        if matches!(
            ancestor.kind_name(),
            "block" | "statement_block" | "module" | "program"
        ) {
            let mut sibling = previous.prev_named_sibling();
            let mut steps = 0usize;
            while let Some(statement) = sibling {
                steps += 1;
                if steps > 64 {
                    break;
                }
                if is_opt_in_guard_clause(statement, src) {
                    return true;
                }
                sibling = statement.prev_named_sibling();
            }
        }
        if js::is_function(ancestor)
            || matches!(ancestor.kind_name(), "function_definition" | "lambda")
        {
            break;
        }
        previous = ancestor;
    }
    false
}

/// `if <opt-out setting>: ... return` with no `else`: see `after_opt_in_guard_clause`.
fn is_opt_in_guard_clause(statement: Node, src: &str) -> bool {
    if statement.kind_name() != "if_statement" || statement.field("alternative").is_some() {
        return false;
    }
    let Some(condition) = statement.field("condition") else {
        return false;
    };
    let Some(branch) = statement.field("consequence") else {
        return false;
    };
    let last = if matches!(branch.kind_name(), "block" | "statement_block") {
        branch.named_child(branch.named_child_count().saturating_sub(1) as _)
    } else {
        Some(branch)
    };
    last.is_some_and(|l| {
        matches!(
            l.kind_name(),
            "return_statement" | "raise_statement" | "throw_statement"
        )
    }) && names_opt_in(condition, src)
}

/// True when the function around the switch reads the certificate the server presents
/// (`sock.getpeercert(binary_form=True)`, `socket.getPeerCertificate(true)`): it connects to
/// fetch that certificate, to record or check its expiry or fingerprint, and must accept any
/// certificate to see it; nothing is trusted to the connection.
fn reads_peer_certificate(node: Node, src: &str) -> bool {
    crate::lang::tree::ancestors(node)
        .filter(|a| {
            js::is_function(*a) || matches!(a.kind_name(), "function_definition" | "lambda")
        })
        .any(|function| {
            let body = text(function, src);
            body.contains("getpeercert(") || body.contains("getPeerCertificate(")
        })
}

/// Python `is_opt_in_guarded`: the switch sits in the branch of an `if`/`elif`, a
/// conditional expression or an `and` whose condition reads an explicit opt-out:
/// `if POSTGRES_SSLMODE == "require": verify_mode = ssl.CERT_NONE` (libpq's `require`
/// encrypts without verifying, by the operator's choice; `verify-full` verifies).
fn is_py_opt_in_guarded(node: Node, src: &str) -> bool {
    let mut previous = node;
    for ancestor in crate::lang::tree::ancestors(node) {
        if matches!(ancestor.kind_name(), "function_definition" | "lambda") {
            break;
        }
        let condition = match ancestor.kind_name() {
            "if_statement" | "elif_clause" => ancestor.field("condition").filter(|_| {
                ancestor
                    .field("consequence")
                    .is_some_and(|c| c.id() == previous.id())
            }),
            // The `else` of `if verify_cert: ... else: verify_mode = ssl.CERT_NONE`: the
            // branch the setting chooses when it is off.
            "else_clause" => ancestor
                .parent()
                .filter(|p| p.kind_name() == "if_statement")
                .and_then(|p| p.field("condition")),
            // `value if condition else other`: the condition is the middle child; either
            // value is the one the setting chooses
            // (`ssl.CERT_REQUIRED if verify_cert else ssl.CERT_NONE`).
            "conditional_expression" => ancestor
                .named_child(1)
                .filter(|condition| condition.id() != previous.id()),
            "boolean_operator" => ancestor.field("left").filter(|l| {
                l.id() != previous.id()
                    && ancestor
                        .field("operator")
                        .is_some_and(|o| text(o, src) == "and")
            }),
            _ => None,
        };
        if condition.is_some_and(|c| names_opt_in(c, src)) {
            return true;
        }
        previous = ancestor;
    }
    false
}

/// True for a property of an object literal passed after the given values to
/// `_.defaults(target, given, { ... })`: the fallback of an option each caller supplies (a
/// per-connection setting the user chooses), used only where the given values leave it out.
fn is_defaults_fallback(pair: Node, src: &str) -> bool {
    let Some(object) = pair.parent().filter(|o| o.kind_name() == "object") else {
        return false;
    };
    let Some(call) = object
        .parent()
        .filter(|a| a.kind_name() == "arguments")
        .and_then(|a| a.parent())
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return false;
    };
    matches!(
        js::callee_name(call, src),
        Some("defaults" | "defaultsDeep")
    ) && js::call_arguments(call)
        .iter()
        .position(|a| a.id() == object.id())
        .is_some_and(|index| index >= 2)
}

/// True for a container health check script (`healthcheck.js`, `health-check.ts`): it
/// probes the application's own server on the local host, whose certificate may be
/// self-signed; no other connection runs in that process.
fn is_health_check_script(cx: &TreeContext) -> bool {
    cx.file
        .relative
        .file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| {
            stem.chars()
                .filter(|c| !matches!(c, '-' | '_' | '.'))
                .collect::<String>()
                .eq_ignore_ascii_case("healthcheck")
        })
}
