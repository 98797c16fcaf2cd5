//! "Is this an Express app, a handler, an error middleware?" — the questions the Express
//! rules share, and the small per-file facts they read in the project phase: the apps and
//! routers a module creates, the handlers it registers, what it imports and exports. The
//! facts are names and byte ranges, never syntax trees; `model.rs` links them across files.

use crate::lang::tree::{FieldExt, KindExt};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::bytes::Regex;
use tree_sitter::Node;

use crate::facts::http::is_app_like;
use crate::facts::http::is_registration_method;
use crate::lang::tree::{ancestors, contains, text, unwrap_expression};
use crate::lang::{js, layout};

/// Names an error parameter conventionally has.
const ERROR_NAMES: &[&str] = &[
    "err",
    "error",
    "e",
    "er",
    "ex",
    "exc",
    "exception",
    "_err",
    "_error",
];

/// True for a parameter name that holds an error: `err`, `error`, `e`, `httpError`.
pub fn is_error_name(name: &str) -> bool {
    ERROR_NAMES.contains(&name) || name.ends_with("Error") || name.ends_with("Err")
}

/// True when a name or expression text mentions an error (`errorHandler`,
/// `Sentry.Handlers.errorHandler()`, `handleErrors`, `celebrateErrors`).
pub fn mentions_error(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if lower.contains("error") || lower.contains("exception") {
        return true;
    }
    // `err` as a word or a camel-case part: `handleErr`, `errHandler`, `err_handler`.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = lower[from..].find("err") {
        let i = from + at;
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_lowercase() || bytes[i] == b'E';
        let after = bytes.get(i + 3).copied();
        let after_ok = after.is_none_or(|c| !c.is_ascii_lowercase());
        if before_ok && after_ok {
            return true;
        }
        from = i + 3;
    }
    false
}

/// True for a request parameter: named `req`/`request` or typed `Request`.
fn is_request_param(param: Node, src: &str) -> bool {
    let (name, ty) = param_name_and_type(param, src);
    matches!(name, "req" | "request" | "_req" | "_request") || ty.contains("Request")
}

fn is_response_param(param: Node, src: &str) -> bool {
    let (name, ty) = param_name_and_type(param, src);
    matches!(name, "res" | "response" | "_res" | "_response") || ty.contains("Response")
}

/// A parameter's name (empty for patterns, `...` for rest parameters) and type text.
fn param_name_and_type<'s>(param: Node, src: &'s str) -> (&'s str, &'s str) {
    let ty = param.field("type").map_or("", |t| text(t, src));
    let target = match param.kind_name() {
        "required_parameter" | "optional_parameter" => param.field("pattern"),
        "assignment_pattern" => param.field("left"),
        _ => Some(param),
    };
    let name = match target {
        Some(t) if t.kind_name() == "identifier" => text(t, src),
        Some(t) if t.kind_name() == "rest_pattern" => "...",
        _ => "",
    };
    (name, ty)
}

/// Where a `next` parameter goes after a function's last parameter, and its text: `, _next`,
/// or typed as the other parameters are (`NextFunction` when the file names that type,
/// else `unknown`, which any `next` Express passes is).
fn next_param_insertion(function: Node, src: &str) -> Option<(usize, String)> {
    param_insertion(function, src, "_next", true)
}

/// Where a parameter `name` can be added after the last one, and the text that adds it
/// (typed `NextFunction` in TypeScript when the others are typed and the file names it;
/// typed `unknown` otherwise when `unknown_type` allows, else `None`).
fn param_insertion(
    function: Node,
    src: &str,
    name: &str,
    unknown_type: bool,
) -> Option<(usize, String)> {
    let list = function.field("parameters")?;
    let mut cursor = list.walk();
    if list
        .named_children(&mut cursor)
        .any(|c| c.kind_name() == "comment")
    {
        return None;
    }
    let params = js::parameters(function);
    let last = params.last()?;
    let typed = params.iter().any(|p| p.field("type").is_some());
    let text = match (typed, src.contains("NextFunction")) {
        (false, _) => format!(", {name}"),
        (true, true) => format!(", {name}: NextFunction"),
        (true, false) if unknown_type => format!(", {name}: unknown"),
        (true, false) => return None,
    };
    Some((last.end_byte(), text))
}

/// The insertions that wrap an async handler's block body in `try { ... } catch (err) {
/// next(err); }`, re-indenting the body one level (see `FnFact::wrap_in_try`).
fn try_wrap_insertions(
    function: Node,
    params: &[String],
    src: &str,
) -> Option<Vec<(usize, String)>> {
    let body = function.field("body")?;
    if body.kind_name() != "statement_block" {
        return None;
    }
    // Re-indenting a line inside a multi-line string or template would change its value.
    let multi_line_string = crate::lang::tree::descendants(body).any(|n| {
        matches!(n.kind_name(), "template_string" | "string") && text(n, src).contains('\n')
    });
    if multi_line_string {
        return None;
    }
    let mut inserts = Vec::new();
    // `next`: the parameter after `res` (after `err, req, res` in error middleware), or one
    // added after `(req, res)`.
    let next_index = if params.len() == 4 && is_error_name(&params[0]) {
        3
    } else {
        2
    };
    let next = match params.get(next_index) {
        Some(name) if !name.is_empty() && name != "..." => name.clone(),
        Some(_) => return None,
        None if params.len() == next_index => {
            inserts.push(param_insertion(function, src, "next", false)?);
            "next".to_string()
        }
        None => return None,
    };
    let open = body.start_byte() + 1;
    let close = body.end_byte().checked_sub(1)?;
    let inner = src.get(open..close)?;
    if !inner.contains('\n') {
        inserts.push((open, " try {".to_string()));
        inserts.push((close, format!("}} catch (err) {{ {next}(err); }} ")));
        return Some(inserts);
    }
    // The closing brace stands alone on its line: its indentation is the function's.
    let close_line = layout::line_start(src, close);
    let outer = layout::indentation(src, close)?;
    // One level: what the first statement adds to the function's indentation.
    let first = body.named_child(0)?;
    let first_line = layout::line_start(src, first.start_byte());
    let first_indent = &src[first_line..first.start_byte()];
    let unit = layout::indent_step(outer, first_indent).unwrap_or("  ");
    let inner_indent = format!("{outer}{unit}");
    inserts.push((open, format!("\n{inner_indent}try {{")));
    let mut line_start = open + inner.find('\n')? + 1;
    while line_start < close_line {
        let line_end = src[line_start..]
            .find('\n')
            .map_or(src.len(), |i| line_start + i);
        if !src[line_start..line_end].trim().is_empty() {
            inserts.push((line_start, unit.to_string()));
        }
        line_start = line_end + 1;
    }
    inserts.push((
        close_line,
        format!(
            "{inner_indent}}} catch (err) {{\n{inner_indent}{unit}{next}(err);\n{inner_indent}}}\n"
        ),
    ));
    Some(inserts)
}

/// The parameter names of a function, positionally (`""` for patterns, `...` for rest).
pub fn param_list(function: Node, src: &str) -> Vec<String> {
    js::parameters(function)
        .into_iter()
        .filter(|p| p.kind_name() != "comment")
        .map(|p| param_name_and_type(p, src).0.to_string())
        .collect()
}

/// True when a function looks like a route handler or middleware: `(req, res)`,
/// `(req, res, next)`, `(err, req, res, next)`, or typed `Request`/`Response`.
pub fn has_handler_shape(function: Node, src: &str) -> bool {
    let params = js::parameters(function);
    let offset = match params.first() {
        Some(p) if params.len() == 4 && is_error_name(param_name_and_type(*p, src).0) => 1,
        _ => 0,
    };
    match (params.get(offset), params.get(offset + 1)) {
        (Some(req), Some(res)) => is_request_param(*req, src) && is_response_param(*res, src),
        _ => false,
    }
}

/// True for an `async` function.
pub fn is_async(function: Node) -> bool {
    let mut cursor = function.walk();

    function
        .children(&mut cursor)
        .any(|c| c.kind_name() == "async")
}

/// How many places a rejection can escape are kept per function.
const MAX_UNGUARDED: usize = 8;

/// Every `await` or `throw` of an async function that runs outside any try/catch of the
/// function (and is not an awaited `.catch(...)`): where a rejection can escape. In source
/// order (at most `MAX_UNGUARDED`), with what an awaited call calls when it names a function
/// (`await loadItems()` → `loadItems`, `await store.list()` → `store.list`; `Value::Other`
/// otherwise). Nested functions are skipped; awaits in a try statement's catch or finally
/// clause count as handled.
pub fn unguarded_awaits(function: Node, src: &str) -> Vec<(Range<usize>, Value)> {
    let mut found = Vec::new();
    let Some(body) = function.field("body") else {
        return found;
    };
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        if found.len() >= MAX_UNGUARDED {
            break;
        }
        match node.kind_name() {
            "await_expression" if !awaits_handled_promise(node, src) => {
                found.push((node.byte_range(), awaited_callee(node, src)));
                continue;
            }
            "throw_statement" => {
                found.push((
                    node.byte_range(),
                    Value::Other {
                        mentions_error: false,
                    },
                ));
                continue;
            }
            "for_in_statement" => {
                let mut cursor = node.walk();
                if node.children(&mut cursor).any(|c| c.kind_name() == "await") {
                    found.push((
                        node.byte_range(),
                        Value::Other {
                            mentions_error: false,
                        },
                    ));
                    continue;
                }
            }
            "try_statement" if node.field("handler").is_some() => continue,
            kind if js::FUNCTION_KINDS.contains(&kind) || kind == "class" => continue,
            _ => {}
        }
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    found
}

/// What `await f(...)` / `await obj.f(...)` calls, as a name to resolve.
fn awaited_callee(await_node: Node, src: &str) -> Value {
    let other = Value::Other {
        mentions_error: false,
    };
    let Some(call) = await_node
        .named_child(0)
        .map(unwrap_expression)
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return other;
    };
    let Some(callee) = call.field("function").map(unwrap_expression) else {
        return other;
    };
    match callee.kind_name() {
        "identifier" => Value::Local(text(callee, src).to_string()),
        "member_expression" => {
            // `await new Config().load()`: the method of the class it makes an instance of.
            let object =
                callee
                    .field("object")
                    .map(unwrap_expression)
                    .and_then(|o| match o.kind_name() {
                        "identifier" => Some(o),
                        "new_expression" => o
                            .field("constructor")
                            .filter(|c| c.kind_name() == "identifier"),
                        _ => None,
                    });
            let property = callee.field("property");
            match (object, property) {
                (Some(object), Some(property)) => Value::Member(
                    text(object, src).to_string(),
                    text(property, src).to_string(),
                ),
                _ => other,
            }
        }
        _ => other,
    }
}

/// True when an async function can never reject: nothing it awaits or throws runs outside a
/// try/catch, it has one, and no catch or finally clause throws or awaits again
/// (`async function load() { try { return await db.all() } catch (err) { log(err); return [] } }`).
/// `unguarded` is what `unguarded_awaits` found in it.
pub fn never_rejects(function: Node, unguarded: &[(Range<usize>, Value)]) -> bool {
    if !is_async(function) || !unguarded.is_empty() {
        return false;
    }
    let Some(body) = function.field("body") else {
        return false;
    };
    let mut has_catch = false;
    let mut stack = vec![(body, false)];
    while let Some((node, in_handler)) = stack.pop() {
        let kind = node.kind_name();
        if js::FUNCTION_KINDS.contains(&kind) || kind == "class" {
            continue;
        }
        if in_handler && matches!(kind, "throw_statement" | "await_expression") {
            return false;
        }
        let handler = matches!(kind, "catch_clause" | "finally_clause");
        has_catch |= kind == "catch_clause";
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        stack.extend(
            children
                .into_iter()
                .rev()
                .map(|c| (c, in_handler || handler)),
        );
    }
    has_catch
}

/// True when `node` lies in a try statement with a catch clause (body, catch or finally),
/// below `boundary`.
pub fn is_inside_try(node: Node, boundary: Node) -> bool {
    for ancestor in ancestors(node) {
        if ancestor.id() == boundary.id() {
            return false;
        }
        if ancestor.kind_name() == "try_statement" && ancestor.field("handler").is_some() {
            return true;
        }
    }
    false
}

/// `await p.catch(...)`, `await Promise.allSettled(...)`: the rejection is handled.
fn awaits_handled_promise(await_node: Node, src: &str) -> bool {
    let Some(inner) = await_node.named_child(0).map(unwrap_expression) else {
        return false;
    };
    if inner.kind_name() != "call_expression" {
        return false;
    }
    matches!(js::callee_name(inner, src), Some("catch" | "allSettled"))
}

/// What an expression refers to, as far as one file can tell.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A function of this file (index into `ExpressFacts::functions`).
    Function(u32),
    /// An app or router created in this file (index into `ExpressFacts::apps`).
    App(u32),
    /// A name to look up in this file.
    Local(String),
    /// `object.property` with an identifier object.
    Member(String, String),
    /// `require('spec')`, `import ... from 'spec'`.
    Import {
        spec: String,
        name: ImportName,
    },
    /// A call: a wrapper such as `asyncHandler(fn)` or a factory such as `createApp()`.
    Call {
        callee: Box<Value>,
        mentions_error: bool,
        /// The first argument, when it is a name: what a wrapper wraps.
        #[serde(default)]
        wrapped: Option<Box<Value>>,
    },
    /// A class, or an instance of one (`new UserController()`).
    Class(String),
    /// An object literal: its properties.
    Object(Vec<(String, Value)>),
    Other {
        mentions_error: bool,
    },
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum ImportName {
    /// The module object: `const m = require('x')`, `import * as m from 'x'`.
    Module,
    /// A named export (`default` for default imports).
    Named(String),
}

/// A function a rule may ask about.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct FnFact {
    /// The name it is bound to: declaration, variable, property or method name.
    pub name: Option<String>,
    /// For methods: the class name.
    pub class: Option<String>,
    /// From the start of the function to the start of its body.
    pub head: Range<usize>,
    pub params: Vec<String>,
    pub is_async: bool,
    /// For async functions: every await or throw outside try/catch (`unguarded_awaits`),
    /// with the function an awaited call names.
    pub unguarded_awaits: Vec<(Range<usize>, Value)>,
    /// An async function that catches everything it awaits and never rejects
    /// (`never_rejects`).
    pub never_rejects: bool,
    /// `(req, res, ...)`-shaped.
    pub handler_shape: bool,
    /// An identifier the function returns at its top level (`return app`).
    pub returns: Option<String>,
    /// Bound by a declaration or variable (`function f`, `const f = ...`), so a local name.
    pub local: bool,
    /// A 404 handler: named `notFound` or answering 404.
    pub not_found: bool,
    /// Where a parameter can be added after the last one, with the text to add for a
    /// trailing `next` (typed in TypeScript when the others are): `None` for a parameter
    /// written without parentheses or a list holding a comment.
    pub next_param: Option<(usize, String)>,
    /// For an async function whose awaits can reject outside try/catch: the insertions that
    /// wrap its body in `try { ... } catch (err) { next(err); }` (the `next` parameter added
    /// when missing, the body re-indented one level). `None` when the body is an expression,
    /// holds a string spanning lines (re-indenting would change it), or `next` cannot be named.
    pub wrap_in_try: Option<Vec<(usize, String)>>,
    /// A `(req, res)` handler that answers with fixed content and passes no error on: not
    /// async, no `next` in use, and a body made only of calls on the response
    /// (`res.status(200).json({ ok: true })`) whose arguments do not read the request,
    /// literals stored and log lines of values (`answers_fixed_content`).
    #[serde(default)]
    pub answers_fixed_content: bool,
    /// A `(req, res)` handler that protects a credential step by itself: it answers 429, or
    /// it accepts only server-issued OAuth grants (`auth_routes::guards_itself`).
    #[serde(default)]
    pub guards_itself: bool,
}

impl FnFact {
    /// A 4-parameter error middleware (or one taking `...args`).
    pub fn is_error_middleware(&self) -> bool {
        self.params.len() >= 4 || self.params.iter().any(|p| p == "...")
    }

    /// Fewer than 4 parameters, the first named like an error.
    pub fn is_short_error_middleware(&self) -> bool {
        !self.is_error_middleware() && self.params.first().is_some_and(|p| is_error_name(p))
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppKind {
    /// `express()`
    App,
    /// `express.Router()`, `Router()`
    Router,
    /// `express-promise-router`: forwards rejections itself.
    PromiseRouter,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct AppFact {
    /// The name it is bound to (`app`, `this.app`); empty when unnamed.
    pub name: String,
    pub kind: AppKind,
    /// The creating call.
    pub range: Range<usize>,
}

/// `app.get('/x', h1, h2)`, `router.use(mw)`, `router.route('/x').post(h)`.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Registration {
    /// Receiver text: `app`, `router`, `this.app`.
    pub receiver: String,
    /// When the receiver is a parameter of an enclosing function: (function, parameter index).
    pub receiver_param: Option<(u32, u32)>,
    /// Start byte of the enclosing function, 0 at top level: registrations are ordered
    /// only within one scope.
    pub scope: usize,
    pub method: String,
    pub range: Range<usize>,
    pub handlers: Vec<Value>,
    /// Registered only in development or test runs: inside the branch of an `if` on a
    /// development switch (`if (isDev)`, `if (process.env.NODE_ENV === 'development')`,
    /// `if (process.env.NODE_ENV !== 'production')`, an end-to-end test switch).
    pub development_only: bool,
}

/// A call that passes a name that may hold an app to a function: `routes(app)`,
/// `require('./errors')(app)`, `http.createServer(app)`.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Pass {
    pub callee: Value,
    /// The last name of the callee (`createServer`).
    pub callee_name: String,
    pub arg_index: u32,
    pub arg: String,
    pub arg_param: Option<(u32, u32)>,
    pub range: Range<usize>,
    /// Made only in development or test runs (see `Registration::development_only`).
    pub development_only: bool,
}

/// What one JavaScript/TypeScript module tells the Express rules.
#[derive(Serialize, Deserialize, Clone, Debug, Default)]
pub struct ExpressFacts {
    /// Imports `express` (or a package whose name starts with `express`).
    pub imports_express: bool,
    /// Imports `express-async-errors` (patches Express 4 to forward rejections).
    pub imports_async_errors: bool,
    pub apps: Vec<AppFact>,
    pub functions: Vec<FnFact>,
    pub registrations: Vec<Registration>,
    pub passes: Vec<Pass>,
    /// Module-level names and imports: name → value.
    pub locals: Vec<(String, Value)>,
    /// Exports: name → value; `default` for `module.exports =` and `export default`;
    /// `*` for `export * from`.
    pub exports: Vec<(String, Value)>,
}

impl ExpressFacts {
    fn is_empty(&self) -> bool {
        !self.imports_express
            && !self.imports_async_errors
            && self.apps.is_empty()
            && self.registrations.is_empty()
            && self.passes.is_empty()
            && self.exports.is_empty()
    }

    pub fn local(&self, name: &str) -> Option<&Value> {
        self.locals.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn export(&self, name: &str) -> Option<&Value> {
        self.exports.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// The node kinds the extractor looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Other,
    Function,
    Interesting,
}

/// The node kinds the extractor dispatches on, besides the functions (`js::FUNCTION_KINDS`).
pub const VISITED_KINDS: &[&str] = &[
    "import_statement",
    "call_expression",
    "variable_declarator",
    "assignment_expression",
    "export_statement",
    "public_field_definition",
    "field_definition",
    "class_declaration",
];

/// Kind id → `Kind` for the grammar of `node`.
fn kind_table(node: Node) -> Vec<Kind> {
    let language = node.language();
    let count = language.node_kind_count();
    (0..count)
        .map(|id| {
            // Named kinds only: the `function` keyword is not a function.
            let name = u16::try_from(id)
                .ok()
                .filter(|id| language.node_kind_is_named(*id))
                .and_then(|id| language.node_kind_for_id(id))
                .unwrap_or("");
            if js::FUNCTION_KINDS.contains(&name) {
                Kind::Function
            } else if VISITED_KINDS.contains(&name) {
                Kind::Interesting
            } else {
                Kind::Other
            }
        })
        .collect()
}

/// A function the walk is inside.
struct Open<'a> {
    node: Node<'a>,
    end: usize,
    /// Its parameter names, computed when first asked for.
    params: Option<Vec<String>>,
}

/// Builds `ExpressFacts` from the nodes of one pre-order walk. The functions enclosing the
/// current node are kept on a stack, so no question walks up the tree (`Node::parent` is
/// not constant time in tree-sitter).
pub struct Extractor<'a> {
    src: &'a str,
    /// Node kind id → what the extractor does with it (built from the first node's grammar).
    kinds: Vec<Kind>,
    scopes: Vec<Open<'a>>,
    facts: ExpressFacts,
    fn_ids: HashMap<usize, u32>,
    app_ids: HashMap<usize, u32>,
    /// Local names of `require('express')` / `import express`.
    express_names: Vec<String>,
    /// Local names of `Router` imported from express.
    router_names: Vec<String>,
    /// Local names of `express-promise-router`.
    promise_router_names: Vec<String>,
}

impl<'a> Extractor<'a> {
    pub fn new(src: &'a str) -> Extractor<'a> {
        Extractor {
            src,
            kinds: Vec::new(),
            scopes: Vec::new(),
            facts: ExpressFacts::default(),
            fn_ids: HashMap::new(),
            app_ids: HashMap::new(),
            express_names: Vec::new(),
            router_names: Vec::new(),
            promise_router_names: Vec::new(),
        }
    }

    pub fn finish(mut self) -> Option<ExpressFacts> {
        let facts = &mut self.facts;
        (!facts.is_empty()).then_some(self.facts)
    }

    pub fn visit(&mut self, node: Node<'a>) {
        if self.kinds.is_empty() {
            self.kinds = kind_table(node);
        }
        let kind = self
            .kinds
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(Kind::Other);
        let start = node.start_byte();
        while self
            .scopes
            .last()
            .is_some_and(|open| open.end <= start && open.node.id() != node.id())
        {
            self.scopes.pop();
        }
        if kind == Kind::Other {
            return;
        }
        self.dispatch(node);
        if kind == Kind::Function {
            self.scopes.push(Open {
                node,
                end: node.end_byte(),
                params: None,
            });
        }
    }

    /// True outside every function (class bodies and object literals included).
    fn module_level(&self) -> bool {
        self.scopes.is_empty()
    }

    fn dispatch(&mut self, node: Node<'a>) {
        match node.kind_name() {
            "import_statement" => self.import_statement(node),
            "call_expression" => self.call(node),
            "variable_declarator" => self.declarator(node),
            "assignment_expression" => self.assignment(node),
            "export_statement" => self.export_statement(node),
            "public_field_definition" | "field_definition" => self.class_field(node),
            "class_declaration" if self.module_level() => {
                if let Some(name) = node.field("name") {
                    let name = text(name, self.src).to_string();
                    self.facts.locals.push((name.clone(), Value::Class(name)));
                }
            }
            "function_declaration"
            | "generator_function_declaration"
            | "method_definition"
            | "function_expression"
            | "function"
            | "arrow_function"
                if self.module_level() =>
            {
                let parents = near_ancestors(node);
                if binding_name_among(node, &parents, self.src).is_some() {
                    self.function_among(node, parents);
                }
            }
            _ => {}
        }
    }

    fn import_statement(&mut self, node: Node<'a>) {
        let src = self.src;
        let Some(spec) = node.field("source").and_then(|s| js::string_value(s, src)) else {
            return;
        };
        self.note_package(&spec);
        let Some(clause) = crate::lang::tree::child_of_kind(node, "import_clause") else {
            return;
        };
        let mut cursor = clause.walk();
        for part in clause.named_children(&mut cursor) {
            match part.kind_name() {
                "identifier" => {
                    let local = text(part, src).to_string();
                    self.bind_package_name(&spec, &local, None);
                    self.facts.locals.push((
                        local,
                        Value::Import {
                            spec: spec.clone(),
                            name: ImportName::Named("default".into()),
                        },
                    ));
                }
                "namespace_import" => {
                    if let Some(id) = crate::lang::tree::child_of_kind(part, "identifier") {
                        let local = text(id, src).to_string();
                        self.bind_package_name(&spec, &local, None);
                        self.facts.locals.push((
                            local,
                            Value::Import {
                                spec: spec.clone(),
                                name: ImportName::Module,
                            },
                        ));
                    }
                }
                "named_imports" => {
                    let mut c2 = part.walk();
                    for specifier in part.named_children(&mut c2) {
                        let Some(name) = specifier.field("name") else {
                            continue;
                        };
                        let name = text(name, src).to_string();
                        let local = specifier
                            .field("alias")
                            .map_or(name.clone(), |a| text(a, src).to_string());
                        self.bind_package_name(&spec, &local, Some(&name));
                        self.facts.locals.push((
                            local,
                            Value::Import {
                                spec: spec.clone(),
                                name: ImportName::Named(name),
                            },
                        ));
                    }
                }
                _ => {}
            }
        }
    }

    fn note_package(&mut self, spec: &str) {
        if spec == "express-async-errors" {
            self.facts.imports_async_errors = true;
        }
        if spec == "express" || spec.starts_with("express-") || spec.starts_with("@types/express") {
            self.facts.imports_express = true;
        }
    }

    /// Remembers local names of express, its `Router` and express-promise-router.
    fn bind_package_name(&mut self, spec: &str, local: &str, imported: Option<&str>) {
        match (spec, imported) {
            ("express", None | Some("default")) => self.express_names.push(local.to_string()),
            ("express", Some("Router")) => self.router_names.push(local.to_string()),
            ("express-promise-router", None | Some("default")) => {
                self.promise_router_names.push(local.to_string())
            }
            _ => {}
        }
    }

    fn call(&mut self, call: Node<'a>) {
        let src = self.src;
        let Some(callee) = call.child(0) else {
            return;
        };
        match callee.kind_name() {
            "identifier" if text(callee, src) == "require" => {
                if let Some(spec) = require_spec(call, src) {
                    self.note_package(&spec);
                }
                return;
            }
            "member_expression" => {
                // Only registrations and `express.Router()` are method calls of interest;
                // other method calls may still pass an app (`http.createServer(app)`).
                let property = callee
                    .child(callee.child_count().saturating_sub(1))
                    .map_or("", |p| text(p, src));
                if !is_registration_method(property) && property != "Router" {
                    self.pass(call);
                    return;
                }
            }
            _ => {}
        }
        if let Some(kind) = self.app_creation(call) {
            let name = assigned_name(call, src).unwrap_or_default();
            let index = self.facts.apps.len() as u32;
            self.facts.apps.push(AppFact {
                name,
                kind,
                range: call.byte_range(),
            });
            self.app_ids.insert(call.id(), index);
            return;
        }
        if self.registration(call) {
            return;
        }
        self.pass(call);
    }

    /// `express()`, `express.Router()`, `Router()`, `require('express')()`,
    /// `require('express').Router()`, `PromiseRouter()`.
    fn app_creation(&self, call: Node) -> Option<AppKind> {
        let src = self.src;
        let callee = js::callee(call)?;
        match callee.kind_name() {
            "identifier" => {
                let name = text(callee, src);
                if self.express_names.iter().any(|n| n == name) {
                    Some(AppKind::App)
                } else if self.router_names.iter().any(|n| n == name) {
                    Some(AppKind::Router)
                } else if self.promise_router_names.iter().any(|n| n == name) {
                    Some(AppKind::PromiseRouter)
                } else {
                    None
                }
            }
            "call_expression" => match require_spec(callee, src).as_deref() {
                Some("express") => Some(AppKind::App),
                Some("express-promise-router") => Some(AppKind::PromiseRouter),
                _ => None,
            },
            "member_expression" => {
                let property = text(callee.field("property")?, src);
                if property != "Router" {
                    return None;
                }
                let object = unwrap_expression(callee.field("object")?);
                let is_express = match object.kind_name() {
                    "identifier" => self.express_names.iter().any(|n| n == text(object, src)),
                    "call_expression" => require_spec(object, src).as_deref() == Some("express"),
                    _ => false,
                };
                is_express.then_some(AppKind::Router)
            }
            _ => None,
        }
    }

    /// Records a handler registration; false when the call is not one.
    fn registration(&mut self, call: Node<'a>) -> bool {
        let src = self.src;
        let Some(callee) = js::callee(call) else {
            return false;
        };
        if callee.kind_name() != "member_expression" {
            return false;
        }
        let Some(method) = callee.field("property").map(|p| text(p, src)) else {
            return false;
        };
        if !is_registration_method(method) {
            return false;
        }
        let args = js::call_arguments(call);
        // `app.get('env')` reads a setting.
        if args.is_empty() || (method == "get" && args.len() == 1 && is_path(args[0])) {
            return false;
        }
        // Walk `router.route('/x').get(a).post(b)` down to `router`.
        let Some(mut object) = callee.field("object").map(unwrap_expression) else {
            return false;
        };
        let mut has_path = false;
        for _ in 0..16 {
            if object.kind_name() != "call_expression" {
                break;
            }
            let Some(inner) = js::callee(object).filter(|c| c.kind_name() == "member_expression")
            else {
                return false;
            };
            let name = inner.field("property").map_or("", |p| text(p, src));
            if name == "route" {
                has_path = true;
            } else if !is_registration_method(name) {
                return false;
            }
            let Some(next) = inner.field("object").map(unwrap_expression) else {
                return false;
            };
            object = next;
            if name == "route" {
                break;
            }
        }
        let Some(receiver) = receiver_text(object, src) else {
            return false;
        };
        let mut handlers = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            let arg = unwrap_expression(*arg);
            if i == 0 && is_path(arg) {
                has_path = true;
                continue;
            }
            if arg.kind_name() == "array" {
                let mut cursor = arg.walk();
                for element in arg.named_children(&mut cursor) {
                    if !is_path(element) && element.kind_name() != "comment" {
                        handlers.push(self.value_of(element, 0));
                    }
                }
            } else {
                handlers.push(self.value_of(arg, 0));
            }
        }
        if handlers.is_empty() || (method != "use" && !has_path) {
            return false;
        }
        let receiver_param = if object.kind_name() == "identifier" {
            self.param_binding(object, &receiver)
        } else {
            None
        };
        self.facts.registrations.push(Registration {
            receiver,
            receiver_param,
            scope: self.scopes.last().map_or(0, |o| o.node.start_byte()),
            method: method.to_string(),
            range: call.byte_range(),
            handlers,
            development_only: under_development_switch(call, src),
        });
        true
    }

    /// Records calls that pass an identifier (maybe an app) to a function.
    /// True when a name may hold an app here: an app, an import or factory result, or an
    /// app-named parameter of an enclosing function.
    fn may_hold_app(&mut self, name: &str) -> bool {
        self.facts.apps.iter().any(|a| a.name == name)
            || self
                .facts
                .locals
                .iter()
                .any(|(n, v)| n == name && matches!(v, Value::Import { .. } | Value::Call { .. }))
            || (is_app_like(name) && self.param_binding_index(name).is_some())
    }

    /// The innermost enclosing function with a parameter `name`: (scope index, parameter).
    fn param_binding_index(&mut self, name: &str) -> Option<(usize, usize)> {
        let src = self.src;
        for (depth, open) in self.scopes.iter_mut().enumerate().rev() {
            let params = open
                .params
                .get_or_insert_with(|| param_list(open.node, src));
            if let Some(i) = params.iter().position(|p| p == name) {
                return Some((depth, i));
            }
        }
        None
    }

    fn pass(&mut self, call: Node<'a>) {
        let src = self.src;
        // A quick look before anything is allocated: most calls pass no app.
        let Some(arguments) = call.field("arguments") else {
            return;
        };
        let mut cursor = arguments.walk();
        let mut candidate = false;
        for arg in arguments.named_children(&mut cursor) {
            let name = match arg.kind_name() {
                "identifier" => text(arg, src),
                "member_expression" if text(arg, src).starts_with("this.") => text(arg, src),
                _ => continue,
            };
            if self.may_hold_app(name) {
                candidate = true;
                break;
            }
        }
        if !candidate {
            return;
        }
        let args = js::call_arguments(call);
        if args.is_empty() || args.len() > 6 {
            return;
        }
        let Some(callee) = js::callee(call) else {
            return;
        };
        // Method calls on an app (`app.listen(port)`) pass nothing interesting.
        let callee_name = match callee.kind_name() {
            "identifier" => text(callee, src).to_string(),
            "member_expression" => callee
                .field("property")
                .map_or(String::new(), |p| text(p, src).to_string()),
            _ => String::new(),
        };
        for (i, arg) in args.iter().enumerate() {
            let arg = unwrap_expression(*arg);
            let Some(name) = receiver_text(arg, src) else {
                continue;
            };
            let arg_param = if arg.kind_name() == "identifier" {
                self.param_binding(arg, &name)
            } else {
                None
            };
            if !self.may_hold_app(&name) {
                continue;
            }
            let callee_value = self.value_of(callee, 0);
            self.facts.passes.push(Pass {
                callee: callee_value,
                callee_name: callee_name.clone(),
                arg_index: i as u32,
                arg: name,
                arg_param,
                range: call.byte_range(),
                development_only: under_development_switch(call, src),
            });
        }
    }

    /// When `name` at `node` is a parameter of an enclosing function: that function and the
    /// parameter's index.
    fn param_binding(&mut self, _node: Node<'a>, name: &str) -> Option<(u32, u32)> {
        let (depth, index) = self.param_binding_index(name)?;
        let function = self.scopes[depth].node;
        Some((self.function(function), index as u32))
    }

    fn declarator(&mut self, node: Node<'a>) {
        let src = self.src;
        let (Some(target), Some(value)) = (node.field("name"), node.field("value")) else {
            return;
        };
        let value = unwrap_expression(value);
        // `const express = require('express')`, `const { Router } = require('express')`.
        if let Some(spec) = require_spec(value, src) {
            match target.kind_name() {
                "identifier" => self.bind_package_name(&spec, text(target, src), None),
                "object_pattern" => {
                    for (imported, local) in pattern_names(target, src) {
                        self.bind_package_name(&spec, &local, Some(&imported));
                    }
                }
                _ => {}
            }
        }
        if !self.module_level() {
            return;
        }
        match target.kind_name() {
            "identifier" => {
                let name = text(target, src).to_string();
                let v = self.value_of(value, 0);
                self.facts.locals.push((name, v));
            }
            "object_pattern" => {
                let base = require_spec(value, src);
                for (imported, local) in pattern_names(target, src) {
                    let v = match &base {
                        Some(spec) => Value::Import {
                            spec: spec.clone(),
                            name: ImportName::Named(imported),
                        },
                        None => Value::Other {
                            mentions_error: mentions_error(&local),
                        },
                    };
                    self.facts.locals.push((local, v));
                }
            }
            _ => {}
        }
    }

    /// `private users = new UsersController()` → a local `this.users`.
    fn class_field(&mut self, node: Node<'a>) {
        let src = self.src;
        let (Some(name), Some(value)) = (
            node.field("name").or_else(|| node.field("property")),
            node.field("value"),
        ) else {
            return;
        };
        if !self.module_level() {
            return;
        }
        let name = format!("this.{}", text(name, src));
        let v = self.value_of(value, 0);
        self.facts.locals.push((name, v));
    }

    fn assignment(&mut self, node: Node<'a>) {
        let src = self.src;
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let Some(path) = js::dotted_path(left, src) else {
            return;
        };
        // `this.users = new UsersController()` in a constructor or method.
        if path.starts_with("this.") && path.matches('.').count() == 1 {
            let in_class =
                self.scopes.len() == 1 && self.scopes[0].node.kind_name() == "method_definition";
            if in_class {
                let v = self.value_of(right, 0);
                self.facts.locals.push((path, v));
            }
            return;
        }
        let name = match path.as_str() {
            "module.exports" => "default".to_string(),
            p => match p
                .strip_prefix("module.exports.")
                .or_else(|| p.strip_prefix("exports."))
            {
                Some(n) if !n.contains('.') => n.to_string(),
                _ => return,
            },
        };
        if !self.module_level() {
            return;
        }
        let value = self.value_of(right, 0);
        self.facts.exports.push((name, value));
    }

    fn export_statement(&mut self, node: Node<'a>) {
        let src = self.src;
        let source = node.field("source").and_then(|s| js::string_value(s, src));
        if let Some(value) = node.field("value") {
            let v = self.value_of(value, 0);
            self.facts.exports.push(("default".into(), v));
            return;
        }
        if let Some(declaration) = node.field("declaration") {
            let is_default = {
                let mut cursor = node.walk();

                node.children(&mut cursor)
                    .any(|c| c.kind_name() == "default")
            };
            match declaration.kind_name() {
                "function_declaration" | "generator_function_declaration" | "class_declaration" => {
                    let name = declaration.field("name").map(|n| text(n, src).to_string());
                    let value = if declaration.kind_name() == "class_declaration" {
                        name.clone().map(Value::Class)
                    } else {
                        Some(Value::Function(self.function(declaration)))
                    };
                    if let Some(value) = value {
                        if is_default {
                            self.facts.exports.push(("default".into(), value.clone()));
                        }
                        if let Some(name) = name {
                            self.facts.exports.push((name, value));
                        }
                    }
                }
                "lexical_declaration" | "variable_declaration" => {
                    let mut cursor = declaration.walk();
                    for declarator in declaration.named_children(&mut cursor) {
                        if let Some(name) = declarator
                            .field("name")
                            .filter(|n| n.kind_name() == "identifier")
                        {
                            let name = text(name, src).to_string();
                            self.facts.exports.push((name.clone(), Value::Local(name)));
                        }
                    }
                }
                // `export default function () {}` / `export default class {}` without a name.
                kind if js::FUNCTION_KINDS.contains(&kind) => {
                    let f = self.function(declaration);
                    self.facts
                        .exports
                        .push(("default".into(), Value::Function(f)));
                }
                _ => {}
            }
            return;
        }
        // `export { a, b as c }`, `export { a } from './x'`, `export * from './x'`.
        let mut cursor = node.walk();
        let clause = node
            .named_children(&mut cursor)
            .find(|c| c.kind_name() == "export_clause");
        match (clause, source) {
            (Some(clause), source) => {
                let mut c2 = clause.walk();
                for specifier in clause.named_children(&mut c2) {
                    let Some(name) = specifier.field("name") else {
                        continue;
                    };
                    let name = text(name, src).to_string();
                    let exported = specifier
                        .field("alias")
                        .map_or(name.clone(), |a| text(a, src).to_string());
                    let value = match &source {
                        Some(spec) => Value::Import {
                            spec: spec.clone(),
                            name: ImportName::Named(name),
                        },
                        None => Value::Local(name),
                    };
                    self.facts.exports.push((exported, value));
                }
            }
            (None, Some(spec)) => self.facts.exports.push((
                "*".into(),
                Value::Import {
                    spec,
                    name: ImportName::Module,
                },
            )),
            (None, None) => {}
        }
    }

    /// The index of a function's facts, recording them on first use.
    fn function(&mut self, function: Node<'a>) -> u32 {
        if let Some(i) = self.fn_ids.get(&function.id()) {
            return *i;
        }
        self.function_among(function, near_ancestors(function))
    }

    /// `function`, its nearest ancestors given (`near_ancestors`).
    fn function_among(&mut self, function: Node<'a>, parents: Vec<Node<'a>>) -> u32 {
        if let Some(i) = self.fn_ids.get(&function.id()) {
            return *i;
        }
        let src = self.src;
        let name = binding_name_among(function, &parents, src);
        let is_async = is_async(function);
        let unguarded = if is_async {
            unguarded_awaits(function, src)
        } else {
            Vec::new()
        };
        let body = function.field("body");
        let head_end = body.map_or(function.end_byte(), |b| b.start_byte());
        let returns = body
            .filter(|b| b.kind_name() == "statement_block")
            .and_then(|b| {
                let mut cursor = b.walk();

                b.named_children(&mut cursor)
                    .filter(|s| s.kind_name() == "return_statement")
                    .find_map(|s| s.named_child(0))
                    .and_then(|v| receiver_text(unwrap_expression(v), src))
            });
        let fact = FnFact {
            not_found: is_not_found_handler(function, name.as_deref(), src),
            name,
            class: class_name(function, &parents, src),
            head: function.start_byte()..head_end,
            params: param_list(function, src),
            is_async,
            never_rejects: is_async && never_rejects(function, &unguarded),
            unguarded_awaits: unguarded,
            handler_shape: has_handler_shape(function, src),
            returns,
            local: is_local_binding(function, &parents),
            next_param: next_param_insertion(function, src),
            wrap_in_try: None,
            answers_fixed_content: false,
            guards_itself: false,
        };
        let fact = FnFact {
            answers_fixed_content: answers_fixed_content(function, &fact.params, is_async, src),
            guards_itself: fact.handler_shape
                && crate::facts::auth_routes::guards_itself(text(function, src)),
            wrap_in_try: if !fact.unguarded_awaits.is_empty() {
                try_wrap_insertions(function, &fact.params, src)
            } else {
                None
            },
            ..fact
        };
        let index = self.facts.functions.len() as u32;
        self.facts.functions.push(fact);
        self.fn_ids.insert(function.id(), index);
        index
    }

    /// What an expression refers to. `depth` bounds nested object literals.
    fn value_of(&mut self, node: Node<'a>, depth: usize) -> Value {
        let src = self.src;
        let node = unwrap_expression(node);
        let kind = node.kind_name();
        if js::FUNCTION_KINDS.contains(&kind) {
            return Value::Function(self.function(node));
        }
        match kind {
            "identifier" => Value::Local(text(node, src).to_string()),
            "member_expression" => {
                let (Some(object), Some(property)) = (
                    node.field("object").map(unwrap_expression),
                    node.field("property"),
                ) else {
                    return Value::Other {
                        mentions_error: false,
                    };
                };
                let property = text(property, src).to_string();
                match object.kind_name() {
                    "identifier" => Value::Member(text(object, src).to_string(), property),
                    // `this.handler` → a method of the enclosing class.
                    "this" => match enclosing_class(node, src) {
                        Some(class) => Value::Member(class, property),
                        None => Value::Other {
                            mentions_error: mentions_error(&property),
                        },
                    },
                    // `this.controller.handler`
                    "member_expression" if receiver_text(object, src).is_some() => {
                        Value::Member(receiver_text(object, src).unwrap_or_default(), property)
                    }
                    "call_expression" => match require_spec(object, src) {
                        Some(spec) => Value::Import {
                            spec,
                            name: ImportName::Named(property),
                        },
                        None => Value::Other {
                            mentions_error: mentions_error(&property),
                        },
                    },
                    _ => Value::Other {
                        mentions_error: mentions_error(&property),
                    },
                }
            }
            "call_expression" => {
                if let Some(spec) = require_spec(node, src) {
                    return Value::Import {
                        spec,
                        name: ImportName::Module,
                    };
                }
                if let Some(i) = self.app_ids.get(&node.id()) {
                    return Value::App(*i);
                }
                let Some(callee) = js::callee(node) else {
                    return Value::Other {
                        mentions_error: false,
                    };
                };
                // `handler.bind(this)` is the handler.
                if js::callee_name(node, src) == Some("bind") {
                    if let Some(object) = js::callee_object(node) {
                        return self.value_of(object, depth + 1);
                    }
                }
                let mentions = mentions_error(text(callee, src));
                let callee = if depth < 4 {
                    self.value_of(callee, depth + 1)
                } else {
                    Value::Other {
                        mentions_error: mentions,
                    }
                };
                // The first argument, when it names something: the function or module a
                // wrapper wraps (`asyncHandler(login)`, `wrapController(controller)`).
                let wrapped = js::call_arguments(node)
                    .first()
                    .map(|a| unwrap_expression(*a))
                    .filter(|a| matches!(a.kind_name(), "identifier" | "member_expression"))
                    .filter(|_| depth < 4)
                    .map(|a| Box::new(self.value_of(a, depth + 1)));
                Value::Call {
                    callee: Box::new(callee),
                    mentions_error: mentions,
                    wrapped,
                }
            }
            "new_expression" => match node.field("constructor") {
                Some(c) if c.kind_name() == "identifier" => Value::Class(text(c, src).to_string()),
                _ => Value::Other {
                    mentions_error: false,
                },
            },
            "object" if depth < 4 => {
                let mut props = Vec::new();
                let mut cursor = node.walk();
                let children: Vec<Node> = node.named_children(&mut cursor).collect();
                for child in children {
                    match child.kind_name() {
                        "pair" => {
                            let (Some(key), Some(value)) =
                                (child.field("key"), child.field("value"))
                            else {
                                continue;
                            };
                            let key = js::string_value(key, src)
                                .unwrap_or_else(|| text(key, src).to_string());
                            let v = self.value_of(value, depth + 1);
                            props.push((key, v));
                        }
                        "shorthand_property_identifier" => {
                            let name = text(child, src).to_string();
                            props.push((name.clone(), Value::Local(name)));
                        }
                        "method_definition" => {
                            if let Some(name) = child.field("name") {
                                let name = text(name, src).to_string();
                                props.push((name, Value::Function(self.function(child))));
                            }
                        }
                        _ => {}
                    }
                }
                Value::Object(props)
            }
            "class" => Value::Class(String::new()),
            _ => Value::Other {
                mentions_error: false,
            },
        }
    }
}

/// `require('x')` → `x`.
pub fn require_spec(call: Node, src: &str) -> Option<String> {
    let call = unwrap_expression(call);
    if call.kind_name() != "call_expression" {
        return None;
    }
    let callee = call.field("function")?;
    if callee.kind_name() != "identifier" || text(callee, src) != "require" {
        return None;
    }
    let first = *js::call_arguments(call).first()?;
    js::string_value(first, src)
}

/// An app or router reference: an identifier or `this.name`.
fn receiver_text(node: Node, src: &str) -> Option<String> {
    match node.kind_name() {
        "identifier" => Some(text(node, src).to_string()),
        "member_expression" => {
            let object = node.field("object")?;
            let property = node.field("property")?;
            (object.kind_name() == "this").then(|| format!("this.{}", text(property, src)))
        }
        _ => None,
    }
}

/// A route path argument: a string, template, regular expression or an array of them.
fn is_path(node: Node) -> bool {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "string" | "template_string" | "regex" => true,
        "array" => {
            let mut cursor = node.walk();
            let items: Vec<Node> = node.named_children(&mut cursor).collect();
            !items.is_empty()
                && items
                    .iter()
                    .all(|n| matches!(n.kind_name(), "string" | "template_string" | "regex"))
        }
        _ => false,
    }
}

/// The name an app creation is assigned to: `const app = express()`, `this.app = express()`,
/// `private app = express()`.
fn assigned_name(call: Node, src: &str) -> Option<String> {
    let mut node = call;
    for _ in 0..4 {
        let parent = node.parent()?;
        match parent.kind_name() {
            "parenthesized_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression" => node = parent,
            "variable_declarator" => {
                let name = parent.field("name")?;
                return (name.kind_name() == "identifier").then(|| text(name, src).to_string());
            }
            "assignment_expression" => {
                let left = parent.field("left")?;
                return receiver_text(unwrap_expression(left), src);
            }
            "public_field_definition" | "field_definition" => {
                let name = parent.field("name").or_else(|| parent.field("property"))?;
                return Some(format!("this.{}", text(name, src)));
            }
            _ => return None,
        }
    }
    None
}

/// The ancestors the questions about a function look at (`binding_name`, `class_name`,
/// `is_local_binding`), nearest first: found once, with one descent from the root.
fn near_ancestors(function: Node) -> Vec<Node> {
    ancestors(function).take(4).collect()
}

/// The name a function is bound to.
pub fn binding_name(function: Node, src: &str) -> Option<String> {
    if let Some(name) = function.field("name") {
        return Some(text(name, src).to_string());
    }
    binding_name_among(function, &near_ancestors(function), src)
}

/// `binding_name`, with the function's nearest ancestors given.
fn binding_name_among(function: Node, parents: &[Node], src: &str) -> Option<String> {
    if let Some(name) = function.field("name") {
        return Some(text(name, src).to_string());
    }
    for &parent in parents {
        match parent.kind_name() {
            "parenthesized_expression" | "as_expression" | "satisfies_expression" => {}
            "variable_declarator" => {
                let name = parent.field("name")?;
                return (name.kind_name() == "identifier").then(|| text(name, src).to_string());
            }
            "pair" => {
                let key = parent.field("key")?;
                return Some(js::string_value(key, src).unwrap_or_else(|| text(key, src).into()));
            }
            "assignment_expression" => {
                let left = parent.field("left")?;
                let path = js::dotted_path(left, src)?;
                return Some(path.rsplit('.').next().unwrap_or(&path).to_string());
            }
            "public_field_definition" | "field_definition" => {
                let name = parent.field("name").or_else(|| parent.field("property"))?;
                return Some(text(name, src).to_string());
            }
            _ => return None,
        }
    }
    None
}

/// A 404 handler: named like `notFound` (`name`: its binding name), or its body answers 404.
fn is_not_found_handler(function: Node, name: Option<&str>, src: &str) -> bool {
    let name = name.unwrap_or_default().to_ascii_lowercase();
    name.contains("notfound") || name.contains("not_found") || name.contains("404") || {
        function
            .field("body")
            .is_some_and(|b| text(b, src).contains("404"))
    }
}

/// Response methods that write fixed content or headers and cannot fail on their own
/// (`render` runs a template and `sendFile` reads a file: both may pass an error on).
const FIXED_RESPONSE_METHODS: &[&str] = &[
    "send",
    "json",
    "end",
    "status",
    "sendStatus",
    "type",
    "contentType",
    "set",
    "header",
    "setHeader",
    "append",
    "vary",
    "location",
    "redirect",
];

/// True for a `(req, res)` handler that answers with fixed content and passes no error on:
/// not async, a `next` parameter (if any) never used, and a body of statements that cannot
/// fail: calls on the response whose arguments do not read the request
/// (`res.status(200).json({ ok: true })`), at least one of them; a literal stored in a
/// variable or a property (`STATE = 'up'`, `res.statusCode = 200`); a log line of values
/// (`logger.debug('state set')`, `console.log(STATE)`).
fn answers_fixed_content(function: Node, params: &[String], is_async: bool, src: &str) -> bool {
    let (request, response) = match params {
        [request, response] => (request, response),
        [request, response, next] => {
            let Some(body) = function.field("body") else {
                return false;
            };
            if mentions_identifier(body, next, src) {
                return false;
            }
            (request, response)
        }
        _ => return false,
    };
    if is_async {
        return false;
    }
    let Some(body) = function.field("body") else {
        return false;
    };
    let mut statements = Vec::new();
    if body.kind_name() == "statement_block" {
        let mut cursor = body.walk();
        for statement in body.named_children(&mut cursor) {
            match (statement.kind_name(), statement.named_child(0)) {
                ("comment", _) => {}
                ("expression_statement", Some(expression)) => statements.push(expression),
                _ => return false,
            }
        }
    } else {
        statements.push(body);
    }
    let mut answers = false;
    for statement in statements {
        if is_fixed_response_call(statement, request, response, src) {
            answers = true;
        } else if !(stores_literal(statement) || logs_values(statement, request, src)) {
            return false;
        }
    }
    answers
}

/// True when `name` appears as an identifier anywhere under `node`.
fn mentions_identifier(node: Node, name: &str, src: &str) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.kind_name() == "identifier" && text(node, src) == name {
            return true;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// `STATE = 'up'`, `res.statusCode = 200`: a literal assigned to a name or a property.
fn stores_literal(node: Node) -> bool {
    let node = unwrap_expression(node);
    if node.kind_name() != "assignment_expression" {
        return false;
    }
    let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
        return false;
    };
    let target = match left.kind_name() {
        "identifier" => true,
        "member_expression" => left
            .field("object")
            .is_some_and(|o| unwrap_expression(o).kind_name() == "identifier"),
        _ => false,
    };
    let literal = match unwrap_expression(right).kind_name() {
        "string" | "number" | "true" | "false" | "null" | "undefined" => true,
        "template_string" => {
            let mut cursor = right.walk();
            let substituted = right
                .named_children(&mut cursor)
                .any(|c| c.kind_name() == "template_substitution");
            !substituted
        }
        _ => false,
    };
    target && literal
}

/// `console.log('state up')`, `logger.debug(STATE)`: a log line of values that neither
/// computes anything nor reads the request.
fn logs_values(node: Node, request: &str, src: &str) -> bool {
    const LOGGERS: &[&str] = &["console", "logger", "log", "Log"];
    const LEVELS: &[&str] = &["log", "debug", "info", "warn", "error", "trace", "verbose"];
    let node = unwrap_expression(node);
    if node.kind_name() != "call_expression" {
        return false;
    }
    let Some(callee) = node.field("function") else {
        return false;
    };
    let (Some(object), Some(property)) = (callee.field("object"), callee.field("property")) else {
        return false;
    };
    callee.kind_name() == "member_expression"
        && object.kind_name() == "identifier"
        && LOGGERS.contains(&text(object, src))
        && LEVELS.contains(&text(property, src))
        && node
            .field("arguments")
            .is_none_or(|arguments| !computes_or_reads_request(arguments, request, src))
}

/// `res.status(200).send('ok')`: a chain of response methods on `response` whose arguments
/// hold values only: no call, no function, no read of `request`.
fn is_fixed_response_call(node: Node, request: &str, response: &str, src: &str) -> bool {
    let mut current = unwrap_expression(node);
    loop {
        if current.kind_name() != "call_expression" {
            return false;
        }
        let Some(callee) = current.field("function") else {
            return false;
        };
        let (Some(object), Some(property)) = (callee.field("object"), callee.field("property"))
        else {
            return false;
        };
        if callee.kind_name() != "member_expression"
            || !FIXED_RESPONSE_METHODS.contains(&text(property, src))
        {
            return false;
        }
        if let Some(arguments) = current.field("arguments") {
            if computes_or_reads_request(arguments, request, src) {
                return false;
            }
        }
        let object = unwrap_expression(object);
        match object.kind_name() {
            "identifier" => return text(object, src) == response,
            "call_expression" => current = object,
            _ => return false,
        }
    }
}

/// True when the arguments of a response call compute something that may throw (a call,
/// a `new`, an `await`, a function) or read the request parameter.
fn computes_or_reads_request(arguments: Node, request: &str, src: &str) -> bool {
    let mut stack = vec![arguments];
    while let Some(node) = stack.pop() {
        match node.kind_name() {
            "call_expression"
            | "new_expression"
            | "await_expression"
            | "arrow_function"
            | "function_expression" => return true,
            "identifier" if text(node, src) == request => return true,
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// True for `function f() {}` and `const f = () => {}`.
fn is_local_binding(function: Node, parents: &[Node]) -> bool {
    match function.kind_name() {
        "function_declaration" | "generator_function_declaration" => true,
        "method_definition" => false,
        _ => parents
            .first()
            .map(|p| {
                if matches!(p.kind_name(), "parenthesized_expression" | "as_expression") {
                    parents.get(1)
                } else {
                    Some(p)
                }
            })
            .is_some_and(|p| p.is_some_and(|p| p.kind_name() == "variable_declarator")),
    }
}

/// The name of the class a node is in.
fn enclosing_class(node: Node, src: &str) -> Option<String> {
    let class = ancestors(node).find(|a| matches!(a.kind_name(), "class_declaration" | "class"))?;
    Some(text(class.field("name")?, src).to_string())
}

/// For a method or class field function: the name of its class.
fn class_name(function: Node, parents: &[Node], src: &str) -> Option<String> {
    // The class body is the method's parent, or the parent of the field holding it.
    let body_at = if function.kind_name() == "method_definition" {
        0
    } else {
        parents.first().filter(|p| {
            matches!(
                p.kind_name(),
                "public_field_definition" | "field_definition"
            )
        })?;
        1
    };
    parents
        .get(body_at)
        .filter(|p| p.kind_name() == "class_body")?;
    let class = *parents.get(body_at + 1)?;
    Some(
        class
            .field("name")
            .map_or(String::new(), |n| text(n, src).to_string()),
    )
}

/// `{ a, b: c }` in a destructuring pattern → `[(a, a), (b, c)]`.
fn pattern_names(pattern: Node, src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cursor = pattern.walk();
    for child in pattern.named_children(&mut cursor) {
        match child.kind_name() {
            "shorthand_property_identifier_pattern" => {
                let n = text(child, src).to_string();
                out.push((n.clone(), n));
            }
            "pair_pattern" => {
                let (Some(key), Some(value)) = (child.field("key"), child.field("value")) else {
                    continue;
                };
                if value.kind_name() == "identifier" {
                    out.push((text(key, src).to_string(), text(value, src).to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

/// True when `node` is (inside) an argument of a call whose callee is a registration method
/// on an app-like receiver: an inline route handler or middleware.
pub fn is_inline_handler(function: Node, src: &str) -> bool {
    let mut node = function;
    for _ in 0..3 {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind_name() {
            "array" | "parenthesized_expression" => node = parent,
            "arguments" => {
                let Some(call) = parent.parent() else {
                    return false;
                };
                let Some(callee) =
                    js::callee(call).filter(|c| c.kind_name() == "member_expression")
                else {
                    return false;
                };
                let method = callee.field("property").map_or("", |p| text(p, src));
                if !is_registration_method(method) {
                    return false;
                }
                let Some(object) = callee.field("object").map(unwrap_expression) else {
                    return false;
                };
                let receiver = js::dotted_path(object, src).unwrap_or_default();
                let last = receiver
                    .rsplit('.')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                return object.kind_name() == "call_expression"
                    || last.contains("app")
                    || last.contains("router")
                    || last == "api"
                    || last == "server"
                    || last == "routes";
            }
            _ => return false,
        }
    }
    false
}

/// True when `function` runs as a route handler or middleware: registered inline on an app
/// or router, or shaped like one (`(req, res, next)`).
pub fn is_handler(function: Node, src: &str) -> bool {
    has_handler_shape(function, src) || is_inline_handler(function, src)
}

/// True when `node` lies inside a handler or middleware function.
pub fn inside_handler(node: Node, src: &str) -> bool {
    ancestors(node)
        .filter(|a| js::is_function(*a))
        .any(|f| is_handler(f, src))
}

/// True when `inner` is inside `outer` (node ranges).
pub fn within(outer: Node, inner: Node) -> bool {
    contains(outer, inner)
}

/// Needles of the Express project rules: a module that creates an app or router, registers
/// on one, passes one on, or defines a handler or error middleware (`(req, res)`,
/// `(err, req, res, next)`).
pub const EXPRESS_NEEDLES: &[&[&str]] = &[&[
    "express", "router", "(req", "req,", "req:", "request,", "request:", "(app", "app,", "app)",
    "app.",
]];

/// The needles of the Express rules, read more exactly: `express` but not `expression`,
/// `(req` but not `(require`.
static EXPRESS_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r"(?i:express)(?:[^iI]|[iI][^oO]|$)|(?i:router|req\s*[,:)]|request\s*[,:]|\(\s*request\b|\(\s*app\b|app\s*[,).])|\(\s*req(?:[^u]|u[^i]|$)",
    )
});

/// False when a file can neither create nor use an Express app, router or handler.
pub fn may_use_express(text: &[u8]) -> bool {
    crate::util::shape_matches(&EXPRESS_TEXT, text)
}

/// True when `node` runs only in development or test runs: it lies in the consequence of an
/// `if` whose condition is a development switch — a name such as `isDev`, `devMode`,
/// `isE2E`, `isTest`, or `NODE_ENV` compared equal to `'development'`/`'dev'`/`'test'` or
/// unequal to `'production'`. A negated switch (`if (!isDev)`) is not one.
pub fn under_development_switch(node: Node, src: &str) -> bool {
    for ancestor in ancestors(node) {
        match ancestor.kind_name() {
            "if_statement"
                if ancestor
                    .field("consequence")
                    .is_some_and(|c| contains(c, node))
                    && ancestor
                        .field("condition")
                        .is_some_and(|c| is_development_switch(text(c, src))) =>
            {
                return true;
            }
            "function_declaration"
            | "function_expression"
            | "arrow_function"
            | "method_definition" => return false,
            _ => {}
        }
    }
    false
}

/// The text of an `if` condition that holds only in development or test runs.
fn is_development_switch(condition: &str) -> bool {
    let condition = condition
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if condition.contains("||") {
        return false;
    }
    let squashed: String = condition
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    if squashed.contains("nodeenv") {
        let unequal = squashed.contains("!==") || squashed.contains("!=");
        let names = |values: &[&str]| {
            values.iter().any(|v| {
                squashed.contains(&format!("'{v}'")) || squashed.contains(&format!("\"{v}\""))
            })
        };
        return if unequal {
            names(&["production", "prod"]) && !names(&["development", "dev", "test"])
        } else {
            names(&["development", "dev", "test"])
        };
    }
    if condition.starts_with('!') || condition.contains("!=") {
        return false;
    }
    const SWITCHES: &[&str] = &[
        "isdev",
        "isdevelopment",
        "devmode",
        "developmentmode",
        "isdevmode",
        "ise2e",
        "ise2etests",
        "ise2etest",
        "e2etests",
        "e2emode",
        "istest",
        "istesting",
        "testmode",
    ];
    let words: Vec<&str> = squashed
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| SWITCHES.contains(w))
}
