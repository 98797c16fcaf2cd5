//! Servers, outbound calls and timeouts of a JavaScript or TypeScript module: where a Node
//! HTTP server starts (`app.listen(3000)`, `http.createServer(app).listen(port)`), whether the
//! module registers routes, the calls to other services it makes inside functions
//! (`fetch`, axios, got, `http.request`, undici) without a `timeout` or `signal`, and whether
//! it names a timeout anywhere. server-timeout-missing judges them per package.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use crate::facts::auth_routes::without_comments;
use crate::facts::http::{NEST_ROUTE_DECORATORS, VERB_METHODS, is_app_like};
use crate::lang::js;
use crate::lang::tree::{FieldExt, KindExt, text, unwrap_expression};

/// A timeout named in code: an option or property called `timeout` (axios, got, superagent,
/// `server.timeout = 30000`), the server's `requestTimeout`/`headersTimeout`/
/// `connectionTimeout` (Node, Fastify), `server.setTimeout`/`req.setTimeout`, an abort signal
/// (`AbortSignal.timeout(…)`, an `AbortController`, a `signal:` option), a timeout middleware
/// (connect-timeout, express-timeout-handler, koa-timeout) or a race against a timer.
static TIMEOUT_MENTION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"\btimeout['"]?\s*:|\.timeout\s*(?:=[^=]|\()|\.setTimeout\s*\(|\b(?:requestTimeout|headersTimeout|connectionTimeout)\b|AbortSignal|AbortController|\bsignal['"]?\s*:|connect-timeout|timeout-handler|koa-timeout|p-timeout|promise-timeout|Promise\.race\b"#,
    )
    .ok()
});

/// A module that imports a Node HTTP server framework (Express, Fastify, Koa, NestJS) or
/// Node's `http`/`https`.
static SERVER_IMPORT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?:require\(\s*|from\s*)['"](?:express|fastify|koa|@nestjs/core|(?:node:)?https?)['"]"#,
    )
    .ok()
});

/// Methods of axios, got and Node's `http` that send a request, with the index of the
/// argument that holds the options.
const AXIOS_METHODS: &[(&str, usize)] = &[
    ("get", 1),
    ("delete", 1),
    ("head", 1),
    ("options", 1),
    ("post", 2),
    ("put", 2),
    ("patch", 2),
    ("request", 0),
];

const GOT_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "head"];

/// A server started in a module.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ServerStart {
    /// The callee as written (`app.listen`).
    pub call: String,
    pub range: Range<usize>,
}

/// A call to another service sent without a timeout or an abort signal.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct UntimedCall {
    /// The callee as written (`axios.get`, `fetch`).
    pub call: String,
    pub range: Range<usize>,
}

/// What one module tells server-timeout-missing.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ServerTimeoutFacts {
    /// `listen` calls on an app or server of a module that imports a Node HTTP server.
    pub servers: Vec<ServerStart>,
    /// The module registers a route (`app.get('/x', h)`, `@Get()`).
    pub registers_routes: bool,
    /// Outbound calls inside functions with neither a `timeout` nor a `signal` option.
    pub untimed_calls: Vec<UntimedCall>,
    /// The module names a timeout somewhere (see `TIMEOUT_MENTION`).
    pub names_timeout: bool,
}

/// A cheap test of a file's bytes: it may start a server, call another service or name a
/// timeout.
pub fn may_hold(bytes: &[u8]) -> bool {
    let has = |word: &[u8]| memchr::memmem::find(bytes, word).is_some();
    has(b"listen")
        || has(b"fetch")
        || has(b"axios")
        || has(b"got")
        || has(b"request")
        || has(b"imeout")
        || has(b"@Get")
        || has(b"@Post")
}

/// Gathers `ServerTimeoutFacts` from the call expressions and decorators of one walk.
pub struct ServerTimeoutCollector<'a> {
    src: &'a str,
    serves_http: bool,
    /// Local names bound to axios and got (`axios`, `got`, `httpClient`).
    axios_names: Vec<String>,
    got_names: Vec<String>,
    facts: ServerTimeoutFacts,
}

impl<'a> ServerTimeoutCollector<'a> {
    pub fn new(src: &'a str) -> ServerTimeoutCollector<'a> {
        let code = without_comments(src);
        ServerTimeoutCollector {
            src,
            serves_http: SERVER_IMPORT.as_ref().is_some_and(|r| r.is_match(&code)),
            axios_names: imported_names(src, "axios"),
            got_names: imported_names(src, "got"),
            facts: ServerTimeoutFacts {
                names_timeout: TIMEOUT_MENTION.as_ref().is_some_and(|r| r.is_match(&code)),
                ..ServerTimeoutFacts::default()
            },
        }
    }

    pub fn visit(&mut self, node: Node<'a>) {
        match node.kind_name() {
            "call_expression" => self.visit_call(node),
            "decorator" => {
                let name = text(node, self.src)
                    .trim_start_matches('@')
                    .split('(')
                    .next()
                    .unwrap_or_default()
                    .trim();
                if NEST_ROUTE_DECORATORS.contains(&name) {
                    self.facts.registers_routes = true;
                }
            }
            _ => {}
        }
    }

    fn visit_call(&mut self, call: Node<'a>) {
        let src = self.src;
        let Some(method) = js::callee_name(call, src) else {
            return;
        };
        let args = js::call_arguments(call);
        if VERB_METHODS.contains(&method)
            && args.len() >= 2
            && js::string_value(args[0], src).is_some_and(|p| p.starts_with('/'))
        {
            self.facts.registers_routes = true;
        }
        if method == "listen" && self.serves_http {
            if let Some(object) = js::callee_object(call) {
                if is_server_object(object, src) {
                    let call_text = js::callee(call).map_or("listen", |c| text(c, src));
                    self.facts.servers.push(ServerStart {
                        call: shorten(call_text),
                        range: call.byte_range(),
                    });
                }
            }
            return;
        }
        if js::enclosing_function(call).is_none() {
            return;
        }
        let Some(options_index) = self.outbound_options_index(call, method) else {
            return;
        };
        // A call whose answer nobody waits for (a webhook posted from an event handler)
        // holds no request open.
        if is_fire_and_forget(call, src) {
            return;
        }
        // A callback in the options' place (`http.get(url, reply => …)`) leaves them unset.
        let options = args
            .get(options_index)
            .copied()
            .filter(|a| !js::is_function(unwrap_expression(*a)));
        let untimed = match options {
            None => true,
            Some(options) => {
                let options = unwrap_expression(options);
                options.kind_name() == "object"
                    && !text(options, src).contains("...")
                    && js::object_property(options, &["timeout", "signal"], src).is_none()
            }
        };
        if untimed {
            let call_text = js::callee(call).map_or(method, |c| text(c, src));
            self.facts.untimed_calls.push(UntimedCall {
                call: shorten(call_text),
                range: call.byte_range(),
            });
        }
    }

    /// For a call that sends a request to another service, the index of its options
    /// argument: `fetch(url, init)`, `axios.get(url, config)`, `axios.post(url, data,
    /// config)`, `got(url, options)`, `http.request(url, options)`, `undici.request(url,
    /// options)`.
    fn outbound_options_index(&self, call: Node, method: &str) -> Option<usize> {
        let src = self.src;
        let callee = js::callee(call)?;
        if callee.kind_name() == "identifier" {
            let name = text(callee, src);
            if name == "fetch" {
                return Some(1);
            }
            if self.got_names.iter().any(|n| n == name) {
                return Some(1);
            }
            // `axios(config)`, `axios(url, config)`.
            if self.axios_names.iter().any(|n| n == name) {
                let args = js::call_arguments(call);
                return Some(
                    if args
                        .first()
                        .is_some_and(|a| unwrap_expression(*a).kind_name() == "object")
                    {
                        0
                    } else {
                        1
                    },
                );
            }
            return None;
        }
        let object = js::callee_object(call)?;
        if object.kind_name() != "identifier" {
            return None;
        }
        let object = text(object, src);
        if self.axios_names.iter().any(|n| n == object) {
            return AXIOS_METHODS
                .iter()
                .find(|(m, _)| *m == method)
                .map(|(_, i)| *i);
        }
        if self.got_names.iter().any(|n| n == object) && GOT_METHODS.contains(&method) {
            return Some(1);
        }
        if matches!(object, "http" | "https") && matches!(method, "request" | "get") {
            return Some(1);
        }
        if object == "undici" && matches!(method, "request" | "fetch") {
            return Some(1);
        }
        None
    }

    pub fn finish(self) -> Option<ServerTimeoutFacts> {
        let facts = self.facts;
        (!facts.servers.is_empty()
            || facts.registers_routes
            || !facts.untimed_calls.is_empty()
            || facts.names_timeout)
            .then_some(facts)
    }
}

/// True for a call whose result is dropped: a statement of its own, or followed only by
/// `.catch(...)` / `.finally(...)` (`axios.post(hook, body).catch(log)`, `void fetch(url)`),
/// neither awaited, returned nor continued with `.then`.
fn is_fire_and_forget(call: Node, src: &str) -> bool {
    let mut value = call;
    loop {
        let Some(parent) = value.parent() else {
            return false;
        };
        match parent.kind_name() {
            "expression_statement" => return true,
            "parenthesized_expression" => value = parent,
            "unary_expression" if text(parent, src).starts_with("void") => value = parent,
            "member_expression" => {
                let chained = parent.field("object").is_some_and(|o| o.id() == value.id())
                    && parent
                        .field("property")
                        .is_some_and(|p| matches!(text(p, src), "catch" | "finally"));
                let Some(next) = parent
                    .parent()
                    .filter(|c| c.kind_name() == "call_expression" && chained)
                else {
                    return false;
                };
                value = next;
            }
            _ => return false,
        }
    }
}

/// The object of a `listen` call that is an HTTP app or server: `app`, `server`,
/// `this.app`, `fastify`, `http.createServer(app)`, `express()`.
fn is_server_object(object: Node, src: &str) -> bool {
    let object = unwrap_expression(object);
    match object.kind_name() {
        "identifier" | "member_expression" => {
            let name = text(object, src);
            let last = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
            is_app_like(name)
                || last.ends_with("server")
                || last == "fastify"
                || last == "koa"
                || last == "instance"
        }
        "call_expression" => matches!(
            js::callee_name(object, src),
            Some("createServer" | "express" | "fastify" | "Fastify")
        ),
        _ => false,
    }
}

/// A callee's text for a message, on one line and short.
fn shorten(callee: &str) -> String {
    let one_line: String = callee.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        let cut: String = one_line.chars().take(40).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// The names a module binds to the default export of a package: `const axios =
/// require('axios')`, `import got from 'got'`, `import * as axios from 'axios'`.
fn imported_names(src: &str, package: &str) -> Vec<String> {
    static IMPORT: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(
            r#"(?:const|let|var|import)\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s*(?:=\s*require\(\s*|from\s*)['"]([\w@/.-]+)['"]"#,
        )
        .ok()
    });
    let Some(import) = IMPORT.as_ref() else {
        return Vec::new();
    };
    import
        .captures_iter(src)
        .filter(|c| c.get(2).is_some_and(|p| p.as_str() == package))
        .filter_map(|c| c.get(1).map(|n| n.as_str().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions_timeout(code: &str) -> bool {
        TIMEOUT_MENTION.as_ref().is_some_and(|r| r.is_match(code))
    }

    #[test]
    fn timeouts_are_named_in_many_ways() {
        assert!(mentions_timeout("server.timeout = 30000;"));
        assert!(mentions_timeout("server.requestTimeout = 10_000;"));
        assert!(mentions_timeout("axios.create({ timeout: 5000 })"));
        assert!(mentions_timeout(
            "fetch(url, { signal: AbortSignal.timeout(5000) })"
        ));
        assert!(mentions_timeout("req.setTimeout(5000)"));
        assert!(mentions_timeout(
            "const timeout = require('connect-timeout');"
        ));
    }

    #[test]
    fn other_timeouts_are_not_request_timeouts() {
        assert!(!mentions_timeout("setTimeout(() => retry(), 1000);"));
        assert!(!mentions_timeout(
            "new Pool({ connectionTimeoutMillis: 2000 })"
        ));
        assert!(!mentions_timeout("server.keepAliveTimeout = 65000;"));
        assert!(!mentions_timeout("if (server.timeout === 0) log();"));
    }

    #[test]
    fn client_names_come_from_their_imports() {
        assert_eq!(
            imported_names("const axios = require('axios');", "axios"),
            vec!["axios"]
        );
        assert_eq!(
            imported_names("import http from 'got';", "got"),
            vec!["http"]
        );
        assert!(imported_names("import axios from 'axios-retry';", "axios").is_empty());
    }
}
