//! callback-throw: `throw` inside an asynchronous callback (timer, fs, driver, event)
//! within a route handler or middleware: Express never sees it and the process dies.

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::express::{
    has_handler_shape, inside_handler, is_async, is_error_name, is_inside_try, may_use_express,
    param_list,
};
use crate::facts::http::{is_app_like, is_registration_method};
use crate::lang::tree::{
    FieldExt, KindExt, ancestors, descendants_mentioning, text, unwrap_expression,
};
use crate::lang::{js, js_scan};
use crate::rules::{Prescan, Rule, TreeContext};

pub struct CallbackThrow;

const HELP: &str = "hand the error to Express instead of throwing: `if (err) return next(err)`; for code that may throw inside the callback, wrap it in `try { ... } catch (err) { next(err) }`";

const TIMERS: &[&str] = &["setTimeout", "setInterval", "setImmediate", "nextTick"];
const EVENTS: &[&str] = &[
    "on",
    "once",
    "addListener",
    "prependListener",
    "prependOnceListener",
];
/// Methods whose callbacks run synchronously or turn a throw into a rejection.
const NOT_ASYNC_CALLBACKS: &[&str] = &[
    "map",
    "forEach",
    "filter",
    "reduce",
    "reduceRight",
    "flatMap",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "sort",
    "then",
    "catch",
    "finally",
    "replace",
    "replaceAll",
    "parse",
    "stringify",
    "call",
    "apply",
    "transaction",
    "each",
    "from",
];
/// Node's callback-style fs functions.
const FS_FUNCTIONS: &[&str] = &[
    "readFile",
    "writeFile",
    "appendFile",
    "readdir",
    "stat",
    "lstat",
    "access",
    "unlink",
    "mkdir",
    "rmdir",
    "rm",
    "rename",
    "open",
    "close",
    "read",
    "write",
    "copyFile",
    "exists",
];

impl Rule for CallbackThrow {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            &["throw"],
            // A callback that runs later: timers, events, fs, Node-style `(err, ...)`.
            &[
                "setTimeout",
                "setInterval",
                "setImmediate",
                "nextTick",
                ".on(",
                ".once(",
                ".addListener(",
                "fs.",
                "readFile",
                "writeFile",
                "(err",
                "(error",
                "(e,",
                "(er,",
                "(ex,",
            ],
        ]
    }

    fn may_match(&self, file: &Prescan) -> bool {
        // A callback written inline throws inside some call's arguments; one passed by name
        // (`setTimeout(tick, 10)`) can throw anywhere, but matters only where handlers are.
        file.js_brackets()
            .and_then(js_scan::throws_inside_call_arguments)
            .unwrap_or(true)
            || may_use_express(file.bytes)
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["throw_statement"]
    }

    fn check_js(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(callback) = js::enclosing_function(node) else {
            return;
        };
        if is_async(callback) || is_inside_try(node, callback) {
            return;
        }
        if let Some(kind) = callback_kind(inline_argument(callback), callback, src) {
            if !inside_handler(callback, src) {
                return;
            }
            out.report(
                node.byte_range(),
                format!(
                    "`throw` inside {kind} callback: it runs after the handler has returned, so Express never sees it; the exception is uncaught and the process exits"
                ),
            )
            .label(callback.byte_range().start..callback.byte_range().start + 1, "callback starts here")
            .help(HELP);
            return;
        }
        // A function declared on its own and passed by name: `fs.readFile(p, onRead)`.
        if has_handler_shape(callback, src) {
            return;
        }
        let Some((name, scope)) = declared_name(callback, src) else {
            return;
        };
        let Some((call, kind)) = passed_by_name(name, scope, callback, src) else {
            return;
        };
        out.report(
            node.byte_range(),
            format!(
                "`throw` inside `{name}`, which a route handler passes as {kind} callback: it runs after the handler has returned, so Express never sees it; the exception is uncaught and the process exits"
            ),
        )
        .label(call.byte_range(), format!("`{name}` is passed as {kind} callback here"))
        .help(HELP);
    }
}

/// The node of an inline callback that sits among a call's arguments: the function, or the
/// parentheses around it.
fn inline_argument(function: Node) -> Node {
    match function.parent() {
        Some(p) if p.kind_name() == "parenthesized_expression" => p,
        _ => function,
    }
}

/// The name a function is declared with (`function onRead() {}`, `const onStat = () => {}`)
/// and the block or program its name is visible in.
fn declared_name<'t>(function: Node<'t>, src: &'t str) -> Option<(&'t str, Node<'t>)> {
    let (name, statement) = if function.kind_name() == "function_declaration" {
        (function.field("name")?, function)
    } else {
        let mut node = function;
        while node.parent().is_some_and(|p| {
            matches!(
                p.kind_name(),
                "parenthesized_expression" | "as_expression" | "satisfies_expression"
            )
        }) {
            node = node.parent()?;
        }
        let declarator = node
            .parent()
            .filter(|p| p.kind_name() == "variable_declarator")?;
        if declarator
            .field("value")
            .is_none_or(|v| v.id() != node.id())
        {
            return None;
        }
        let declaration = declarator.parent().filter(|d| {
            matches!(
                d.kind_name(),
                "lexical_declaration" | "variable_declaration"
            )
        })?;
        (declarator.field("name")?, declaration)
    };
    if name.kind_name() != "identifier" {
        return None;
    }
    let mut scope = statement.parent()?;
    if scope.kind_name() == "export_statement" {
        scope = scope.parent()?;
    }
    if !matches!(
        scope.kind_name(),
        "statement_block" | "program" | "class_static_block"
    ) {
        return None;
    }
    Some((text(name, src), scope))
}

/// The first call inside a route handler or middleware that passes `name` (declared in
/// `scope` as `function`) as an asynchronous callback, and the kind of callback.
fn passed_by_name<'t>(
    name: &str,
    scope: Node<'t>,
    function: Node<'t>,
    src: &str,
) -> Option<(Node<'t>, &'static str)> {
    for node in descendants_mentioning(scope, src, name) {
        if node.kind_name() != "identifier" || text(node, src) != name {
            continue;
        }
        if node.parent().is_none_or(|p| p.kind_name() != "arguments") {
            continue;
        }
        let Some(kind) = callback_kind(node, function, src) else {
            continue;
        };
        if shadowed(node, scope, name, function, src) || !inside_handler(node, src) {
            continue;
        }
        let call = node.parent().and_then(|a| a.parent())?;
        return Some((call, kind));
    }
    None
}

/// True when a use of `name` below `scope` refers to another binding: a parameter of a
/// function in between, or a declaration of the same name in a block in between.
fn shadowed(usage: Node, scope: Node, name: &str, function: Node, src: &str) -> bool {
    for ancestor in ancestors(usage) {
        if ancestor.id() == scope.id() {
            return false;
        }
        if js::is_function(ancestor) && js::parameter_names(ancestor, src).contains(&name) {
            return true;
        }
        if ancestor.kind_name() == "statement_block"
            && declares(ancestor, name, src).is_some_and(|d| d.id() != function.id())
        {
            return true;
        }
    }
    false
}

/// The function or value a block's own statements declare under `name`, if any.
fn declares<'t>(block: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut cursor = block.walk();
    for statement in block.named_children(&mut cursor) {
        match statement.kind_name() {
            "function_declaration" | "class_declaration"
                if statement
                    .field("name")
                    .is_some_and(|n| text(n, src) == name) =>
            {
                return Some(statement);
            }
            "lexical_declaration" | "variable_declaration" => {
                let mut inner = statement.walk();
                for declarator in statement.named_children(&mut inner) {
                    if declarator
                        .field("name")
                        .is_some_and(|n| text(n, src) == name)
                    {
                        return Some(
                            declarator
                                .field("value")
                                .map_or(declarator, unwrap_expression),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// What kind of asynchronous callback `function` is, if `node` — the function itself or a
/// name for it — is passed to an API that calls it later.
fn callback_kind(node: Node, function: Node, src: &str) -> Option<&'static str> {
    let args = node.parent().filter(|p| p.kind_name() == "arguments")?;
    let call = args
        .parent()
        .filter(|p| p.kind_name() == "call_expression")?;
    let name = js::callee_name(call, src)?;
    if matches!(name, "then" | "catch" | "finally") {
        return None;
    }
    // `trySafe(run, (error) => { throw ... })`, `tryThat(...)`, `attempt(...)`: the wrapper
    // runs the callback in the catch of the promise it awaits, so the throw becomes a
    // rejection of the handler's own promise.
    if js::is_catching_wrapper(name) {
        return None;
    }
    // `passport.authenticate(strategy, (err, user, info) => ...)`: the custom callback runs
    // inside the strategy's verify step, whose try/catch hands a throw to `next(err)`.
    if name == "authenticate"
        && js::callee_object(call).is_some_and(|o| text(o, src).ends_with("passport"))
    {
        return None;
    }
    // `jwt.verify(token, secret, cb)` with a secret (not a key-lookup function) calls `cb`
    // synchronously: a throw there reaches the handler's caller like any other.
    if name == "verify" && is_sync_jwt_verify(call, src) {
        return None;
    }
    // Array methods and the like take their callback first; `User.find(query, cb)` does not.
    let first_argument = args.named_child(0).is_some_and(|a| a.id() == node.id());
    if NOT_ASYNC_CALLBACKS.contains(&name) && first_argument {
        return None;
    }
    // `app.use(fn)`, `router.get(path, fn)`: a registration, not a callback.
    if is_registration_method(name)
        && js::callee_object(call)
            .and_then(|o| js::dotted_path(o, src))
            .is_some_and(|r| is_app_like(&r))
    {
        return None;
    }
    if TIMERS.contains(&name) {
        return Some("a timer");
    }
    if EVENTS.contains(&name) {
        return Some("an event");
    }
    let object = js::callee_object(call).map(unwrap_expression);
    let on_fs = object.is_some_and(|o| {
        let t = text(o, src);
        t == "fs" || t.ends_with(".fs") || t == "fsp"
    });
    if on_fs || (object.is_none() && FS_FUNCTIONS.contains(&name)) {
        return Some("an fs");
    }
    let params = param_list(function, src);
    if params.first().is_some_and(|p| is_error_name(p)) {
        return Some("a Node-style");
    }
    None
}

/// `jwt.verify(token, secret, cb)` / `jsonwebtoken.verify(...)` whose secret is a value, not
/// a function: jsonwebtoken calls the callback before `verify` returns.
fn is_sync_jwt_verify(call: Node, src: &str) -> bool {
    let on_jwt = js::callee_object(call).is_some_and(|o| {
        let t = text(o, src);
        t == "jwt" || t == "jsonwebtoken" || t.ends_with(".jwt")
    });
    if !on_jwt {
        return false;
    }
    let args = js::call_arguments(call);
    let Some(secret) = args.get(1).map(|a| unwrap_expression(*a)) else {
        return false;
    };
    if js::is_function(secret) {
        return false;
    }
    if secret.kind_name() != "identifier" {
        return true;
    }
    // A name declared as a function in the module is a key-lookup callback (`getKey`).
    let name = text(secret, src);
    let root = crate::lang::tree::root_of(call);
    !crate::lang::tree::descendants_mentioning(root, src, name).any(|n| match n.kind_name() {
        "function_declaration" => n.field("name").is_some_and(|id| text(id, src) == name),
        "variable_declarator" => {
            n.field("name").is_some_and(|id| text(id, src) == name)
                && n.field("value")
                    .is_some_and(|v| js::is_function(unwrap_expression(v)))
        }
        _ => false,
    })
}
