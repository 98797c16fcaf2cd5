//! "Is this function an HTTP request handler?" for JavaScript/TypeScript: Express, Koa,
//! Fastify, Hapi and Next.js handlers and middleware, NestJS controller methods.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::facts::http::{
    APP_WORDS, NEST_ROUTE_DECORATORS, PY_ROUTE_DECORATORS, is_handler_registration_method,
};
use crate::lang::js;
use crate::lang::tree::{ancestors, text, unwrap_expression};
use crate::util::identifier_words;

/// True when `function` handles an HTTP request.
pub fn js_is_request_handler(function: Node, src: &str) -> bool {
    if !js::is_function(function) {
        return false;
    }
    let params = js::parameter_names(function, src);
    let first = params.first().copied().unwrap_or("");
    let second = params.get(1).copied().unwrap_or("");
    if matches!(first, "req" | "request") && matches!(second, "res" | "response" | "reply" | "h") {
        return true;
    }
    if js_is_route_argument(function, src) && !params.is_empty() {
        return true;
    }
    if function.kind_name() == "method_definition" && has_nest_route_decorator(function, src) {
        return true;
    }
    false
}

/// `app.get('/x', fn)`, `router.use(fn)`, `fastify.post('/x', opts, fn)`.
fn js_is_route_argument(function: Node, src: &str) -> bool {
    let Some(args) = function.parent().filter(|p| p.kind_name() == "arguments") else {
        return false;
    };
    let Some(call) = args.parent().filter(|p| p.kind_name() == "call_expression") else {
        return false;
    };
    let Some(name) = js::callee_name(call, src) else {
        return false;
    };
    if !is_handler_registration_method(name) {
        return false;
    }
    let Some(object) = js::callee_object(call).map(unwrap_expression) else {
        return false;
    };
    // `router.route('/x').get(fn)`
    let receiver = match object.kind_name() {
        "call_expression" => js::callee_object(object).map_or("", |o| text(o, src)),
        _ => text(object, src),
    };
    let last = receiver.rsplit('.').next().unwrap_or(receiver);
    if !identifier_words(last)
        .iter()
        .any(|w| APP_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    // `server.on('request', (req, res) => ...)` only for the request event.
    if name == "on" {
        return js::call_arguments(call)
            .first()
            .and_then(|a| js::string_value(*a, src))
            .is_some_and(|e| e == "request");
    }
    true
}

fn has_nest_route_decorator(method: Node, src: &str) -> bool {
    let mut cursor = method.walk();
    let own = method
        .children(&mut cursor)
        .filter(|c| c.kind_name() == "decorator")
        .any(|d| is_nest_route(d, src));
    if own {
        return true;
    }
    // Decorators can also be siblings in the class body, before the method.
    let mut prev = method.prev_named_sibling();
    while let Some(p) = prev {
        if p.kind_name() != "decorator" {
            break;
        }
        if is_nest_route(p, src) {
            return true;
        }
        prev = p.prev_named_sibling();
    }
    false
}

fn is_nest_route(decorator: Node, src: &str) -> bool {
    let t = text(decorator, src).trim_start_matches('@');
    NEST_ROUTE_DECORATORS
        .iter()
        .any(|d| t.starts_with(d) && t[d.len()..].starts_with('('))
}

/// The nearest enclosing function that is a request handler.
pub fn js_enclosing_handler<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    ancestors(node)
        .filter(|n| js::is_function(*n))
        .find(|f| js_is_request_handler(*f, src))
}

/// True when the Python function handles a request: a route decorator (Flask, FastAPI,
/// DRF `@api_view`), or a Django view whose first parameter is `request`.
pub fn py_is_request_handler(function: Node, src: &str) -> bool {
    let decorated = crate::lang::py::decorators(function).into_iter().any(|d| {
        let d = if d.kind_name() == "call" {
            d.field("function").unwrap_or(d)
        } else {
            d
        };
        let name = text(d, src).rsplit('.').next().unwrap_or("");
        PY_ROUTE_DECORATORS.contains(&name)
    });
    decorated
        || crate::lang::py::parameter_names(function, src)
            .iter()
            .find(|p| !matches!(**p, "self" | "cls"))
            == Some(&"request")
}
