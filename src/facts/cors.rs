//! Where cross-origin requests with credentials are allowed from any origin (`cors({ origin:
//! true, credentials: true })`, an echoed `Origin` with `Allow-Credentials: true`, FastAPI's
//! `CORSMiddleware`, Flask-CORS, django-cors-headers), and what a module shows of the
//! credentials a browser would attach by itself: cookies, sessions, HTTP authentication.
//! cors-credentials-wildcard judges the sites per package.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::facts::auth_routes::without_comments;
use crate::facts::env_guard::is_environment_guarded;
use crate::lang::context::TreeContext;
use crate::lang::tree::{FieldExt, KindExt, descendants, text, unwrap_expression};
use crate::lang::{js, py};

/// How a site allows credentials from any origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CorsSiteKind {
    /// A JavaScript CORS options object: `cors({ origin: true, credentials: true })`.
    Options,
    /// Starlette / FastAPI `CORSMiddleware(allow_origins=["*"], allow_credentials=True)`.
    Middleware,
    /// A hand-written middleware copying the request's `Origin` into the answer.
    EchoedOrigin,
    /// Flask-CORS `CORS(app, supports_credentials=True)` with no `origins`.
    FlaskCors,
    /// django-cors-headers `CORS_ALLOW_ALL_ORIGINS = True` with credentials.
    DjangoSettings,
}

/// One place that allows credentials from any origin.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CorsSite {
    pub kind: CorsSiteKind,
    pub range: Range<usize>,
}

/// What one module tells cors-credentials-wildcard.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CorsFacts {
    pub sites: Vec<CorsSite>,
    /// The module names something a browser attaches to a request by itself: a cookie, a
    /// session, HTTP authentication (`WWW-Authenticate`, Basic auth), passport.
    pub ambient_credentials: bool,
    /// The module reads the request's `Authorization` header (`HEADER_AUTH`): the API
    /// authenticates with a token the calling code sets, which no other website can attach.
    pub header_auth: bool,
}

/// Words that show credentials a browser attaches by itself.
static AMBIENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)cookie|session|www-authenticate|basic[_-]?auth|httpbasic|passport").ok()
});

/// A read of the request's `Authorization` header, or a scheme that takes the token from it:
/// `req.headers.authorization`, `ctx.get('Authorization')`, `const { authorization } =
/// ctx.header`, passport-jwt's `fromAuthHeader…`, FastAPI's `HTTPBearer` and
/// `OAuth2PasswordBearer`, `request.headers.get("Authorization")`.
static HEADER_AUTH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)headers?\s*\.\s*authorization\b|headers?\s*\[\s*['"`]authorization['"`]|\{\s*authorization\s*\}\s*=\s*[\w.]*\.headers?\b|\b(?:get|header|getheader)\s*\(\s*['"`]authorization['"`]|fromauthheader|\bhttpbearer\b|\boauth2passwordbearer\b"#,
    )
    .ok()
});

/// A cheap test of a file's bytes: it may allow CORS credentials or show how it
/// authenticates.
pub fn may_hold(bytes: &[u8]) -> bool {
    let lower = bytes.to_ascii_lowercase();
    let has = |word: &[u8]| memchr::memmem::find(&lower, word).is_some();
    has(b"credentials")
        || has(b"cors_allow")
        || has(b"cors_origin_allow")
        || has(b"cookie")
        || has(b"session")
        || has(b"authorization")
        || has(b"www-authenticate")
        || has(b"basicauth")
        || has(b"basic_auth")
        || has(b"basic-auth")
        || has(b"passport")
        || has(b"bearer")
}

/// Gathers `CorsFacts` from the nodes of one walk.
pub struct CorsCollector {
    python: bool,
    facts: CorsFacts,
}

impl CorsCollector {
    pub fn new(src: &str, python: bool) -> CorsCollector {
        let code = without_comments(src);
        CorsCollector {
            python,
            facts: CorsFacts {
                sites: Vec::new(),
                ambient_credentials: AMBIENT.as_ref().is_some_and(|r| r.is_match(&code)),
                header_auth: HEADER_AUTH.as_ref().is_some_and(|r| r.is_match(&code)),
            },
        }
    }

    pub fn visit(&mut self, node: Node, cx: &TreeContext) {
        if self.python {
            self.py(node, cx);
        } else {
            self.js(node, cx);
        }
    }

    pub fn finish(self) -> Option<CorsFacts> {
        let f = &self.facts;
        if f.sites.is_empty() && !f.ambient_credentials && !f.header_auth {
            return None;
        }
        Some(self.facts)
    }

    fn push(&mut self, node: Node, kind: CorsSiteKind) {
        self.facts.sites.push(CorsSite {
            kind,
            range: node.byte_range(),
        });
    }

    fn js(&mut self, node: Node, cx: &TreeContext) {
        let src = cx.src;
        match node.kind_name() {
            "object" => {
                let Some(credentials) = js::object_property(node, &["credentials"], src) else {
                    return;
                };
                if unwrap_expression(credentials).kind_name() != "true" {
                    return;
                }
                let Some(origin) = js::object_property(node, &["origin"], src) else {
                    return;
                };
                let origin = unwrap_expression(origin);
                // Options under a `cors` key (socket.io and Engine.IO servers, NestJS
                // `create(..., { cors })`, Apollo) are handed to the `cors` package, which
                // answers a literal `*` with `*`: browsers refuse credentialed requests with
                // it. A server there that checks each connection (`allowRequest`,
                // `verifyClient`) answers no page it has not admitted.
                if node.parent().is_some_and(|p| p.kind_name() == "pair")
                    && (js::string_value(origin, src).is_some_and(|v| v == "*")
                        || src.contains("allowRequest")
                        || src.contains("verifyClient"))
                {
                    return;
                }
                let any_origin = match origin.kind_name() {
                    "true" => true,
                    "regex" => matches!(
                        origin.field("pattern").map(|p| text(p, src)),
                        Some(".*" | "^.*$" | ".+" | "^.+$")
                    ),
                    _ => js::string_value(origin, src).is_some_and(|v| v == "*"),
                };
                if any_origin && is_cors_options(node, src) && !is_environment_guarded(node, src) {
                    self.push(node, CorsSiteKind::Options);
                }
            }
            "call_expression" => {
                // A hand-written middleware copying the request's Origin into the answer.
                let Some(name) = js::callee_name(node, src) else {
                    return;
                };
                if !matches!(name, "setHeader" | "header" | "set") {
                    return;
                }
                let args = js::call_arguments(node);
                let (Some(header), Some(value)) = (args.first(), args.get(1)) else {
                    return;
                };
                if !js::string_value(*header, src)
                    .is_some_and(|h| h.eq_ignore_ascii_case("access-control-allow-origin"))
                {
                    return;
                }
                let Some(function) = js::enclosing_function(node) else {
                    return;
                };
                if !is_request_origin(*value, node, cx)
                    || !allows_credentials(function, src)
                    || checks_origin(function, src)
                {
                    return;
                }
                self.push(node, CorsSiteKind::EchoedOrigin);
            }
            _ => {}
        }
    }

    fn py(&mut self, node: Node, cx: &TreeContext) {
        let src = cx.src;
        match node.kind_name() {
            "call" => {
                // Starlette / FastAPI CORSMiddleware.
                if let Some(credentials) = py::keyword_argument(node, "allow_credentials", src) {
                    if py::unwrap(credentials).kind_name() != "true"
                        || !text(node, src).contains("CORSMiddleware")
                    {
                        return;
                    }
                    let any_origin = py::keyword_argument(node, "allow_origins", src)
                        .is_some_and(|o| is_py_wildcard_list(o, node, cx))
                        || py::keyword_argument(node, "allow_origin_regex", src).is_some_and(|r| {
                            py::string_value(r, src).is_some_and(|v| is_match_all_regex(&v))
                        });
                    if any_origin && !is_environment_guarded(node, src) {
                        self.push(node, CorsSiteKind::Middleware);
                    }
                    return;
                }
                // Flask-CORS: `CORS(app, supports_credentials=True)` with the default `*`.
                if cx.py_callee_name(node) != Some("CORS") {
                    return;
                }
                let Some(credentials) = py::keyword_argument(node, "supports_credentials", src)
                else {
                    return;
                };
                if py::unwrap(credentials).kind_name() != "true"
                    || py::keyword_argument(node, "resources", src).is_some()
                    || text(node, src).contains("**")
                {
                    return;
                }
                let any_origin = match py::keyword_argument(node, "origins", src) {
                    None => true,
                    Some(origins) => {
                        py::string_value(origins, src).is_some_and(|v| v == "*")
                            || is_py_wildcard_list(origins, node, cx)
                    }
                };
                if any_origin && !is_environment_guarded(node, src) {
                    self.push(node, CorsSiteKind::FlaskCors);
                }
            }
            "assignment" => {
                // django-cors-headers settings.
                if node
                    .parent()
                    .is_none_or(|p| p.kind_name() != "expression_statement")
                    || node
                        .parent()
                        .and_then(|p| p.parent())
                        .is_none_or(|p| p.kind_name() != "module")
                {
                    return;
                }
                let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
                    return;
                };
                let name = text(left, src);
                if !matches!(name, "CORS_ALLOW_ALL_ORIGINS" | "CORS_ORIGIN_ALLOW_ALL")
                    || py::unwrap(right).kind_name() != "true"
                {
                    return;
                }
                let credentials = cx.text_fact("sets CORS_ALLOW_CREDENTIALS = True", |src| {
                    src.lines().any(|line| {
                        let line = line.trim_start();
                        line.starts_with("CORS_ALLOW_CREDENTIALS")
                            && line
                                .split_once('=')
                                .is_some_and(|(_, v)| v.trim().starts_with("True"))
                    })
                });
                if credentials {
                    self.push(node, CorsSiteKind::DjangoSettings);
                }
            }
            _ => {}
        }
    }
}

/// Names of the request's `Origin` header as JavaScript reads it.
const ORIGIN_READS: &[&str] = &[
    "req.headers.origin",
    "request.headers.origin",
    "req.header('origin')",
    "req.get('origin')",
    "req.headers['origin']",
    "ctx.request.headers.origin",
    "ctx.get('Origin')",
    "ctx.headers.origin",
];

/// The object configures CORS: it is given to a call that names CORS (`cors(...)`,
/// `app.enableCors(...)`, `fastify.register(cors, ...)`) or sits under a `cors` key.
fn is_cors_options(object: Node, src: &str) -> bool {
    let Some(parent) = object.parent() else {
        return false;
    };
    match parent.kind_name() {
        "arguments" => parent
            .parent()
            .filter(|call| call.kind_name() == "call_expression")
            .is_some_and(|call| {
                let before = src
                    .get(call.start_byte()..object.start_byte())
                    .unwrap_or("");
                before.to_ascii_lowercase().contains("cors")
            }),
        "pair" => parent.field("key").is_some_and(|key| {
            text(key, src)
                .trim_matches(['\'', '"'])
                .eq_ignore_ascii_case("cors")
        }),
        _ => false,
    }
}

fn is_match_all_regex(pattern: &str) -> bool {
    matches!(
        pattern,
        ".*" | "^.*$" | ".+" | "^.+$" | "^.*" | "https?://.*" | "^https?://.*$"
    )
}

/// `["*"]`, or a name bound to it.
fn is_py_wildcard_list(value: Node, at: Node, cx: &TreeContext) -> bool {
    let mut value = py::unwrap(value);
    if value.kind_name() == "identifier" {
        let bindings = py::visible_bindings(at, text(value, cx.src), cx.root, cx.src);
        match bindings.as_slice() {
            [binding] if !binding.append => value = py::unwrap(binding.value),
            _ => return false,
        }
    }
    if !matches!(value.kind_name(), "list" | "tuple" | "set") {
        return false;
    }
    let mut cursor = value.walk();
    let items: Vec<Node> = value.named_children(&mut cursor).collect();
    items
        .iter()
        .any(|item| py::string_value(*item, cx.src).is_some_and(|v| v == "*"))
}

/// The request's `Origin` header, read directly or through a name bound to it.
fn is_request_origin(value: Node, at: Node, cx: &TreeContext) -> bool {
    let value = unwrap_expression(value);
    let read = |node: Node| {
        let compact: String = text(node, cx.src)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace('"', "'");
        ORIGIN_READS.iter().any(|r| compact.eq_ignore_ascii_case(r))
    };
    if read(value) {
        return true;
    }
    // `req.headers.origin ?? '*'`, `req.headers.origin || '*'`.
    if value.kind_name() == "binary_expression"
        && value
            .field("operator")
            .is_some_and(|o| matches!(text(o, cx.src), "??" | "||"))
        && value
            .field("left")
            .is_some_and(|l| read(unwrap_expression(l)))
    {
        return true;
    }
    if value.kind_name() != "identifier" {
        return false;
    }
    let bindings = js::visible_bindings(at, text(value, cx.src), cx.root, cx.src);
    matches!(bindings.as_slice(), [binding] if read(binding.value))
        || matches!(bindings.as_slice(), [binding]
            if binding.kind == js::BindingKind::Destructure
                && matches!(text(unwrap_expression(binding.value), cx.src), "req.headers" | "request.headers"))
}

/// The function also answers `Access-Control-Allow-Credentials: true`.
fn allows_credentials(function: Node, src: &str) -> bool {
    let body = text(function, src);
    body.contains("Access-Control-Allow-Credentials")
        && descendants(function)
            .filter(|n| n.kind_name() == "call_expression")
            .any(|call| {
                let args = js::call_arguments(call);
                args.first()
                    .and_then(|h| js::string_value(*h, src))
                    .is_some_and(|h| h.eq_ignore_ascii_case("access-control-allow-credentials"))
                    && args.get(1).is_some_and(|v| {
                        let v = unwrap_expression(*v);
                        v.kind_name() == "true"
                            || js::string_value(v, src).is_some_and(|s| s == "true")
                    })
            })
}

/// The function compares the origin with something (an allow-list, a suffix, a pattern).
fn checks_origin(function: Node, src: &str) -> bool {
    let body = text(function, src);
    [
        ".includes(",
        ".indexOf(",
        ".has(",
        ".test(",
        ".match(",
        ".endsWith(",
        ".startsWith(",
        "===",
        "!==",
        "==",
        "!=",
        ".some(",
        ".find(",
    ]
    .iter()
    .any(|check| body.contains(check))
}
