//! "Does this expression come from the request?" for JavaScript/TypeScript and Python
//! handlers, following local bindings a few steps back.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::lang::tree::{descendants, text, unwrap_expression};
use crate::lang::{js, py};

/// How many binding steps are followed back from an identifier.
const MAX_STEPS: usize = 6;

/// How many nodes of one expression are searched for request input.
const MAX_NODES: usize = 4096;

/// How many names are traced back to their bindings per expression.
const MAX_LOOKUPS: usize = 64;

/// Properties of a request object that carry client input.
const JS_REQUEST_PARTS: &[&str] = &[
    "params",
    "query",
    "body",
    "headers",
    "cookies",
    "signedCookies",
    "param",
    "header",
    "get",
    "queryStringParameters",
    "pathParameters",
    "rawBody",
    "request",
];

/// Names a handler's request parameter conventionally has.
const JS_REQUEST_NAMES: &[&str] = &["req", "request", "ctx", "context", "event"];

/// NestJS parameter decorators that inject request input.
const NEST_INPUT_DECORATORS: &[&str] = &["Param", "Query", "Body", "Headers", "Req", "Request"];

/// Returns the first piece of request input the expression is built from, as source text.
pub fn js_request_source<'s>(expr: Node, src: &'s str) -> Option<&'s str> {
    let mut todo: Vec<(Node, usize)> = vec![(expr, 0)];
    let mut seen = 0usize;
    let mut lookups = 0usize;
    while let Some((node, steps)) = todo.pop() {
        seen += 1;
        if seen > 64 {
            break;
        }
        // Bounded: an expression of pathological size is not searched to its end.
        for n in descendants(node).take(MAX_NODES) {
            match n.kind_name() {
                "member_expression" | "call_expression" => {
                    if let Some(hit) = js_request_access(n, src) {
                        return Some(hit);
                    }
                }
                "identifier" if steps < MAX_STEPS && lookups < MAX_LOOKUPS => {
                    lookups += 1;
                    let name = text(n, src);
                    // Closures see the bindings and parameters of the functions around them.
                    let mut scope = js::enclosing_function(n);
                    while let Some(function) = scope {
                        if js_is_input_parameter(function, name, src) {
                            return Some(text(n, src));
                        }
                        let bindings = js::bindings_of(function, name, src, n.start_byte());
                        let found = !bindings.is_empty();
                        for b in bindings {
                            if b.value.id() != node.id() {
                                // An array filled later: what is pushed into it.
                                if unwrap_expression(b.value).kind_name() == "array" {
                                    todo.extend(
                                        js::pushed_values(function, name, src)
                                            .take(16)
                                            .map(|v| (v, steps + 1)),
                                    );
                                }
                                todo.push((b.value, steps + 1));
                            }
                        }
                        if found {
                            break;
                        }
                        if js::parameter_names(function, src).contains(&name) {
                            // `tags.map((tag) => ...)`: the element comes from `tags`.
                            if let Some(items) = iterated_collection(function, src) {
                                todo.push((items, steps + 1));
                            }
                            break;
                        }
                        scope = js::enclosing_function(function);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// For a callback passed to an array method (`items.map(cb)`, `forEach`, `filter`...), the
/// collection it walks.
pub fn iterated_collection<'t>(callback: Node<'t>, src: &str) -> Option<Node<'t>> {
    let arguments = callback.parent().filter(|p| p.kind_name() == "arguments")?;
    let call = arguments
        .parent()
        .filter(|c| c.kind_name() == "call_expression")?;
    let method = js::callee_name(call, src)?;
    matches!(
        method,
        "map" | "flatMap" | "forEach" | "filter" | "some" | "every" | "find" | "reduce"
    )
    .then(|| js::callee_object(call))
    .flatten()
}

/// `req.params.id`, `req.body`, `request.query`, `ctx.request.body`, `req.get('x')`.
fn js_request_access<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    let node = unwrap_expression(node);
    let member = if node.kind_name() == "call_expression" {
        unwrap_expression(node.field("function")?)
    } else {
        node
    };
    if member.kind_name() != "member_expression" {
        return None;
    }
    let object = unwrap_expression(member.field("object")?);
    let property = text(member.field("property")?, src);
    if object.kind_name() == "identifier"
        && JS_REQUEST_NAMES.contains(&text(object, src))
        && JS_REQUEST_PARTS.contains(&property)
        && property != "request"
    {
        return Some(text(node, src));
    }
    // `ctx.request.body`, Hono's `c.req.param('id')`, and the search parameters of a
    // Fetch API request (`request.nextUrl.searchParams.get('q')`).
    if object.kind_name() == "member_expression" && JS_REQUEST_PARTS.contains(&property) {
        let inner = text(object, src);
        let root = inner.split('.').next().unwrap_or("");
        if matches!(
            inner,
            "ctx.request" | "context.request" | "c.req" | "ctx.req"
        ) || (inner.ends_with(".searchParams") && JS_REQUEST_NAMES.contains(&root))
        {
            return Some(text(node, src));
        }
    }
    None
}

/// A NestJS handler parameter decorated with `@Param()`, `@Query()`, `@Body()`..., or a
/// name destructured from a handler's request parameter (`({ body }, res) => ...`).
fn js_is_input_parameter(function: Node, name: &str, src: &str) -> bool {
    let params = js::parameters(function);
    if params.len() >= 2 && destructures_request_part(params[0], name, src) {
        return true;
    }
    params.into_iter().any(|param| {
        let Some(pattern) = param.field("pattern") else {
            return false;
        };
        if text(pattern, src) != name {
            return false;
        }
        let mut cursor = param.walk();
        param.children(&mut cursor).any(|c| {
            c.kind_name() == "decorator"
                && NEST_INPUT_DECORATORS
                    .iter()
                    .any(|d| text(c, src).trim_start_matches('@').starts_with(d))
        })
    })
}

/// True when the parameter `param` is an object pattern that binds `name` from a part of the
/// request: `{ body }`, `{ params: { id } }`, `{ query: { q = '' } }`, `{ body: payload }`.
fn destructures_request_part(param: Node, name: &str, src: &str) -> bool {
    let pattern = match param.kind_name() {
        "object_pattern" => param,
        // TypeScript: `({ body }: Request, res: Response)`.
        _ => match param.field("pattern") {
            Some(p) if p.kind_name() == "object_pattern" => p,
            _ => return false,
        },
    };
    let is_part = |key: &str| JS_REQUEST_PARTS.contains(&key) && key != "request";
    let mut cursor = pattern.walk();
    pattern
        .named_children(&mut cursor)
        .any(|member| match member.kind_name() {
            "shorthand_property_identifier_pattern" => {
                let key = text(member, src);
                key == name && is_part(key)
            }
            "object_assignment_pattern" => member.field("left").is_some_and(|left| {
                let key = text(left, src);
                key == name && is_part(key)
            }),
            "pair_pattern" => {
                member.field("key").is_some_and(|k| is_part(text(k, src)))
                    && member.field("value").is_some_and(|value| {
                        descendants(value).any(|n| {
                            matches!(
                                n.kind_name(),
                                "identifier" | "shorthand_property_identifier_pattern"
                            ) && text(n, src) == name
                                && n.parent().is_none_or(|p| {
                                    p.kind_name() != "pair_pattern"
                                        || p.field("key").is_none_or(|k| k.id() != n.id())
                                })
                        })
                    })
            }
            _ => false,
        })
}

/// Attributes of a Flask/Django/Starlette request that carry client input.
const PY_REQUEST_PARTS: &[&str] = &[
    "args",
    "form",
    "json",
    "values",
    "data",
    "files",
    "GET",
    "POST",
    "body",
    "query_params",
    "path_params",
    "cookies",
    "COOKIES",
    "headers",
    "META",
    "get_json",
    "match_info",
    "query",
];

/// Returns the first piece of request input the Python expression is built from.
pub fn py_request_source<'s>(expr: Node, src: &'s str) -> Option<&'s str> {
    let mut todo: Vec<(Node, usize)> = vec![(expr, 0)];
    let mut seen = 0usize;
    let mut lookups = 0usize;
    while let Some((node, steps)) = todo.pop() {
        seen += 1;
        if seen > 64 {
            break;
        }
        for n in descendants(node).take(MAX_NODES) {
            match n.kind_name() {
                "attribute" => {
                    let (Some(object), Some(attr)) = (n.field("object"), n.field("attribute"))
                    else {
                        continue;
                    };
                    let object_text = text(object, src);
                    if (object_text == "request" || object_text == "self.request")
                        && PY_REQUEST_PARTS.contains(&text(attr, src))
                    {
                        return Some(text(n, src));
                    }
                }
                "identifier" if steps < MAX_STEPS && lookups < MAX_LOOKUPS => {
                    lookups += 1;
                    let name = text(n, src);
                    let mut scope = py::enclosing_function(n);
                    while let Some(function) = scope {
                        if py_is_handler_parameter(function, name, src) {
                            return Some(name);
                        }
                        let bindings = py::bindings_of(function, name, src, n.start_byte());
                        let found = !bindings.is_empty();
                        for b in bindings {
                            if b.value.id() != node.id() {
                                todo.push((b.value, steps + 1));
                            }
                        }
                        if found || py::parameter_names(function, src).contains(&name) {
                            break;
                        }
                        scope = py::enclosing_function(function);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// A parameter of a route handler: FastAPI/Flask path and query parameters, Django URL
/// keyword arguments (any parameter after `request` of a view function).
fn py_is_handler_parameter(function: Node, name: &str, src: &str) -> bool {
    let params = py::parameter_names(function, src);
    if !params.contains(&name) || matches!(name, "self" | "cls" | "request") {
        return false;
    }
    // Dependencies injected by FastAPI (`db: Session = Depends(get_db)`) are not input.
    if let Some(p) = function.field("parameters") {
        let mut cursor = p.walk();
        let injected = p.named_children(&mut cursor).any(|param| {
            param.field("name").is_some_and(|n| text(n, src) == name)
                && param
                    .field("value")
                    .is_some_and(|v| text(v, src).starts_with("Depends"))
        });
        if injected {
            return false;
        }
    }
    let is_route = py::decorators(function).into_iter().any(|d| {
        d.kind_name() == "call"
            && py::callee_name(d, src)
                .is_some_and(|name| crate::facts::http::PY_ROUTE_DECORATORS.contains(&name))
    });
    is_route
        || params.iter().find(|p| !matches!(**p, "self" | "cls")) == Some(&"request")
        || is_resource_method(function, src)
}

/// Base classes whose HTTP-verb methods receive the URL's parameters as arguments
/// (Flask-RESTful and Flask-Smorest resources, Flask's `MethodView`, Starlette's
/// `HTTPEndpoint`).
const PY_RESOURCE_BASES: &[&str] = &["Resource", "MethodResource", "MethodView", "HTTPEndpoint"];

/// `def get(self, user_id)` of a class deriving from a resource base.
fn is_resource_method(function: Node, src: &str) -> bool {
    let verb = function
        .field("name")
        .is_some_and(|n| matches!(text(n, src), "get" | "post" | "put" | "patch" | "delete"));
    let class = function
        .parent()
        .filter(|b| b.kind_name() == "block")
        .and_then(|b| b.parent())
        .filter(|c| c.kind_name() == "class_definition");
    verb && class
        .and_then(|c| c.field("superclasses"))
        .is_some_and(|bases| {
            descendants(bases).any(|n| {
                matches!(n.kind_name(), "identifier" | "attribute")
                    && PY_RESOURCE_BASES
                        .iter()
                        .any(|b| text(n, src).rsplit('.').next() == Some(*b))
            })
        })
}
