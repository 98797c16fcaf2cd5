//! "Where does this app listen?": server start calls in JavaScript/TypeScript and Python,
//! kept as project facts for the topology rules.

use std::ops::Range;

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::facts::ListenFact;
use crate::lang::context::TreeContext;
use crate::lang::tree::{named_children, text, unwrap_expression};
use crate::lang::{js, py};

/// A port expression: a literal, `process.env.PORT || 3000`, or a constant bound to one.
#[derive(Default)]
struct PortExpr {
    port: Option<u16>,
    env: Option<String>,
    fallback: Option<u16>,
}

fn js_port(expr: Node, cx: &TreeContext, depth: usize) -> PortExpr {
    let src = cx.src;
    let expr = unwrap_expression(expr);
    match expr.kind_name() {
        "number" => PortExpr {
            port: text(expr, src).parse().ok(),
            ..PortExpr::default()
        },
        "string" => PortExpr {
            port: js::string_value(expr, src).and_then(|v| v.parse().ok()),
            ..PortExpr::default()
        },
        "member_expression" | "subscript_expression" => {
            let path = js::dotted_path(expr, src).unwrap_or_default();
            PortExpr {
                env: path.strip_prefix("process.env.").map(str::to_string),
                ..PortExpr::default()
            }
        }
        "binary_expression" => {
            let op = expr.field("operator").map_or("", |o| text(o, src));
            let (Some(l), Some(r)) = (expr.field("left"), expr.field("right")) else {
                return PortExpr::default();
            };
            if op == "||" || op == "??" {
                let left = js_port(l, cx, depth + 1);
                let right = js_port(r, cx, depth + 1);
                PortExpr {
                    port: None,
                    env: left.env,
                    fallback: right.port.or(left.port),
                }
            } else {
                PortExpr::default()
            }
        }
        "call_expression" => {
            // Number(process.env.PORT) / parseInt(process.env.PORT, 10)
            match js::call_arguments(expr).first() {
                Some(arg) if depth < 4 => js_port(*arg, cx, depth + 1),
                _ => PortExpr::default(),
            }
        }
        "identifier" if depth < 4 => {
            let name = text(expr, src);
            let scope = js::enclosing_function(expr).unwrap_or(cx.root);
            let mut bindings = js::bindings_of(scope, name, src, expr.start_byte());
            if bindings.is_empty() {
                bindings = js::module_bindings_of(cx.root, name, src, expr.start_byte());
            }
            match bindings.last() {
                Some(b) if b.kind != js::BindingKind::Destructure => {
                    js_port(b.value, cx, depth + 1)
                }
                _ => PortExpr::default(),
            }
        }
        _ => PortExpr::default(),
    }
}

/// A host expression: a literal, `process.env.HOST || '0.0.0.0'`, or a name bound to one.
#[derive(Default)]
struct HostExpr {
    /// The literal, or the fallback when `env` is unset.
    host: Option<String>,
    env: Option<String>,
    /// Where the literal's text stands (inside its quotes), to rewrite it.
    literal: Option<Range<usize>>,
}

/// The text of a string literal inside its quotes (`'127.0.0.1'`, `"localhost"`, `f"..."` is
/// not one).
fn literal_inside(node: Node, src: &str) -> Option<Range<usize>> {
    let raw = text(node, src);
    let quote = raw.find(['\'', '"', '`'])?;
    let prefix = &raw[..quote];
    if prefix.contains(['f', 'F']) || raw.len() < quote + 2 {
        return None;
    }
    Some(node.start_byte() + quote + 1..node.end_byte() - 1)
}

impl HostExpr {
    fn is_known(&self) -> bool {
        self.host.is_some() || self.env.is_some()
    }
}

fn js_host(expr: Node, cx: &TreeContext, depth: usize) -> HostExpr {
    let src = cx.src;
    let expr = unwrap_expression(expr);
    match expr.kind_name() {
        "string" | "template_string" => HostExpr {
            host: js::string_value(expr, src),
            env: None,
            literal: literal_inside(expr, src),
        },
        "member_expression" | "subscript_expression" => HostExpr {
            host: None,
            env: js::dotted_path(expr, src)
                .and_then(|p| p.strip_prefix("process.env.").map(str::to_string)),
            literal: None,
        },
        "binary_expression" if depth < 4 => {
            let op = expr.field("operator").map_or("", |o| text(o, src));
            let (Some(l), Some(r)) = (expr.field("left"), expr.field("right")) else {
                return HostExpr::default();
            };
            if op != "||" && op != "??" {
                return HostExpr::default();
            }
            let left = js_host(l, cx, depth + 1);
            let right = js_host(r, cx, depth + 1);
            match left.env {
                Some(env) => HostExpr {
                    host: right.host,
                    env: Some(env),
                    literal: right.literal,
                },
                // `'127.0.0.1' || x`: a non-empty literal is always taken.
                None => HostExpr {
                    host: left.host.filter(|h| !h.is_empty()),
                    env: None,
                    literal: left.literal,
                },
            }
        }
        // A name bound once in the file: `const HOST = '127.0.0.1'`; not a parameter.
        "identifier" if depth < 4 => {
            let name = text(expr, src);
            let mut function = js::enclosing_function(expr);
            while let Some(f) = function {
                if js::parameter_names(f, src).contains(&name) {
                    return HostExpr::default();
                }
                function = js::enclosing_function(f);
            }
            let bindings = js::bindings_of(cx.root, name, src, usize::MAX);
            match bindings.as_slice() {
                [b] if matches!(b.kind, js::BindingKind::Const | js::BindingKind::Assign) => {
                    js_host(b.value, cx, depth + 1)
                }
                _ => HostExpr::default(),
            }
        }
        _ => HostExpr::default(),
    }
}

/// `app.listen(port[, host][, cb])`, `server.listen({ port, host })`.
pub fn js_listen(call: Node, cx: &TreeContext) -> Option<ListenFact> {
    let src = cx.src;
    if js::callee_name(call, src)? != "listen" {
        return None;
    }
    let object = js::callee_object(call)?;
    let args = js::call_arguments(call);
    let first = *args.first()?;
    let (port, host) = if unwrap_expression(first).kind_name() == "object" {
        let mut port = PortExpr::default();
        let mut host = HostExpr::default();
        for pair in named_children(unwrap_expression(first)) {
            let (Some(k), Some(v)) = (pair.field("key"), pair.field("value")) else {
                continue;
            };
            match text(k, src) {
                "port" => port = js_port(v, cx, 0),
                "host" => host = js_host(v, cx, 0),
                _ => {}
            }
        }
        (port, host)
    } else {
        let host = args
            .get(1)
            .map_or_else(HostExpr::default, |a| js_host(*a, cx, 0));
        (js_port(first, cx, 0), host)
    };
    if port.port.is_none() && port.env.is_none() && port.fallback.is_none() {
        return None;
    }
    Some(ListenFact {
        call: format!("{}.listen", text(object, src)),
        port: port.port,
        port_env: port.env,
        port_fallback: port.fallback,
        // Node listens on all interfaces when no host is given.
        host_is_default: !host.is_known(),
        host_edit: host.literal.clone().map(|r| (r, "0.0.0.0".to_string())),
        host: host.host,
        host_env: host.env,
        range: call.byte_range(),
    })
}

fn py_port(expr: Node, cx: &TreeContext, depth: usize) -> PortExpr {
    let src = cx.src;
    let expr = py::unwrap(expr);
    match expr.kind_name() {
        "integer" => PortExpr {
            port: text(expr, src).parse().ok(),
            ..PortExpr::default()
        },
        "call" if depth < 4 => {
            let callee = expr.field("function").map_or("", |f| text(f, src));
            let args = py::positional_arguments(expr);
            let string_arg = |i: usize| args.get(i).and_then(|a| py::string_value(*a, src));
            match callee {
                // int(os.environ.get("PORT", 8000)) / int(os.getenv("PORT", "8000"))
                "int" => args
                    .first()
                    .map_or_else(PortExpr::default, |a| py_port(*a, cx, depth + 1)),
                "os.environ.get" | "os.getenv" => PortExpr {
                    port: None,
                    env: string_arg(0),
                    fallback: args.get(1).and_then(|a| {
                        py::string_value(*a, src)
                            .and_then(|v| v.parse().ok())
                            .or_else(|| text(*a, src).parse().ok())
                    }),
                },
                _ => PortExpr::default(),
            }
        }
        "identifier" if depth < 4 => {
            let name = text(expr, src);
            let scope = py::enclosing_function(expr).unwrap_or(cx.root);
            let mut bindings = py::bindings_of(scope, name, src, expr.start_byte());
            if bindings.is_empty() {
                bindings = py::module_bindings_of(cx.root, name, src, expr.start_byte());
            }
            bindings
                .last()
                .map_or_else(PortExpr::default, |b| py_port(b.value, cx, depth + 1))
        }
        _ => PortExpr::default(),
    }
}

fn py_host(expr: Node, cx: &TreeContext, depth: usize) -> HostExpr {
    let src = cx.src;
    let expr = py::unwrap(expr);
    match expr.kind_name() {
        "string" => HostExpr {
            host: py::string_value(expr, src),
            env: None,
            literal: literal_inside(expr, src),
        },
        // os.environ.get("HOST", "0.0.0.0") / os.getenv("HOST") / os.environ["HOST"]
        "call" => {
            let callee = expr.field("function").map_or("", |f| text(f, src));
            if !matches!(callee, "os.environ.get" | "os.getenv") {
                return HostExpr::default();
            }
            let args = py::positional_arguments(expr);
            HostExpr {
                host: args.get(1).and_then(|a| py::string_value(*a, src)),
                env: args.first().and_then(|a| py::string_value(*a, src)),
                literal: args.get(1).and_then(|a| literal_inside(*a, src)),
            }
        }
        "subscript" => {
            let value = expr.field("value").map_or("", |v| text(v, src));
            HostExpr {
                host: None,
                env: (value == "os.environ")
                    .then(|| expr.field("subscript"))
                    .flatten()
                    .and_then(|s| py::string_value(s, src)),
                literal: None,
            }
        }
        // A name bound once in the file: `HOST = "127.0.0.1"`; not a parameter.
        "identifier" if depth < 4 => {
            let name = text(expr, src);
            let mut function = py::enclosing_function(expr);
            while let Some(f) = function {
                if py::parameter_names(f, src).contains(&name) {
                    return HostExpr::default();
                }
                function = py::enclosing_function(f);
            }
            let bindings = py::bindings_of(cx.root, name, src, usize::MAX);
            match bindings.as_slice() {
                [b] if !b.append => py_host(b.value, cx, depth + 1),
                _ => HostExpr::default(),
            }
        }
        _ => HostExpr::default(),
    }
}

/// `uvicorn.run(app, host=..., port=...)`, Flask `app.run(...)`, aiohttp `web.run_app(...)`.
pub fn py_listen(call: Node, cx: &TreeContext) -> Option<ListenFact> {
    let src = cx.src;
    let callee = text(call.field("function")?, src);
    let (default_host, default_port) = match callee {
        "uvicorn.run" | "hypercorn.run" => ("127.0.0.1", 8000),
        "web.run_app" | "aiohttp.web.run_app" => ("0.0.0.0", 8080),
        // Flask's development server.
        "app.run" | "application.run" | "socketio.run" => ("127.0.0.1", 5000),
        _ => return None,
    };
    let host_node = py::keyword_argument(call, "host", src);
    let host = host_node.map_or_else(HostExpr::default, |h| py_host(h, cx, 0));
    // A host read from configuration is not known.
    if host_node.is_some() && !host.is_known() {
        return None;
    }
    let port = py::keyword_argument(call, "port", src).map(|p| py_port(p, cx, 0));
    let port = port.unwrap_or(PortExpr {
        port: Some(default_port),
        ..PortExpr::default()
    });
    Some(ListenFact {
        call: callee.to_string(),
        port: port.port,
        port_env: port.env,
        port_fallback: port.fallback,
        host_is_default: host_node.is_none(),
        host_edit: match host_node {
            Some(_) => host.literal.clone().map(|r| (r, "0.0.0.0".to_string())),
            None => py_host_insertion(call),
        },
        host: match host_node {
            Some(_) => host.host,
            None => Some(default_host.to_string()),
        },
        host_env: host.env,
        range: call.byte_range(),
    })
}

/// Where a `host="0.0.0.0"` keyword goes in a call that gives none: after the last argument.
fn py_host_insertion(call: Node) -> Option<(Range<usize>, String)> {
    let arguments = call.field("arguments")?;
    let last = named_children(arguments)
        .into_iter()
        .rfind(|a| a.kind_name() != "comment");
    Some(match last {
        Some(arg) => (
            arg.end_byte()..arg.end_byte(),
            ", host=\"0.0.0.0\"".to_string(),
        ),
        None => {
            let at = arguments.start_byte() + 1;
            (at..at, "host=\"0.0.0.0\"".to_string())
        }
    })
}

/// True when app code may start a server (a cheap byte check before collecting facts): the
/// callees `listen::js_listen` and `listen::py_listen` accept. In Python these are a few
/// whole callee texts; `.run(` alone is in many files that start no server.
pub fn may_start_server(bytes: &[u8], python: bool) -> bool {
    if !python {
        // `.listen(`, `.listen (`, `.listen\n(`.
        return memchr::memmem::find_iter(bytes, b".listen").any(|at| {
            bytes[at + 7..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|c| *c == b'(')
        });
    }
    const RUNS: &[&[u8]] = &[
        b"uvicorn.run",
        b"hypercorn.run",
        b"app.run",
        b"application.run",
        b"socketio.run",
    ];
    // Every callee names `run`: look for it, then at what surrounds it.
    memchr::memmem::find_iter(bytes, b"run").any(|at| {
        bytes[at..].starts_with(b"run_app")
            || RUNS.iter().any(|callee| bytes[..at + 3].ends_with(callee))
    })
}
