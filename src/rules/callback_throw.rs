//! callback-throw: `throw` inside an asynchronous callback (timer, fs, driver, event)
//! within a route handler or middleware: Express never sees it and the process dies.

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::lang::{js, js_scan};
use crate::lang::tree::{KindExt, text, unwrap_expression};
use crate::rules::shared::express::{inside_handler, is_async, is_error_name, is_inside_try, param_list};
use crate::rules::{Prescan, Rule, TreeContext};

pub struct CallbackThrow;

const HELP: &str = "hand the error to Express instead of throwing: `if (err) return next(err)`; for code that may throw inside the callback, wrap it in `try { ... } catch (err) { next(err) }`";

const TIMERS: &[&str] = &["setTimeout", "setInterval", "setImmediate", "nextTick"];
const EVENTS: &[&str] = &["on", "once", "addListener", "prependListener", "prependOnceListener"];
/// Methods whose callbacks run synchronously or turn a throw into a rejection.
const NOT_ASYNC_CALLBACKS: &[&str] = &[
    "map", "forEach", "filter", "reduce", "reduceRight", "flatMap", "some", "every", "find",
    "findIndex", "findLast", "findLastIndex", "sort", "then", "catch", "finally", "replace",
    "replaceAll", "parse", "stringify", "call", "apply", "transaction", "each", "from",
];
/// Node's callback-style fs functions.
const FS_FUNCTIONS: &[&str] = &[
    "readFile", "writeFile", "appendFile", "readdir", "stat", "lstat", "access", "unlink",
    "mkdir", "rmdir", "rm", "rename", "open", "close", "read", "write", "copyFile", "exists",
];

impl Rule for CallbackThrow {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            &["throw"],
            // A callback that runs later: timers, events, fs, Node-style `(err, ...)`.
            &[
                "setTimeout", "setInterval", "setImmediate", "nextTick", ".on(", ".once(",
                ".addListener(", "fs.", "readFile", "writeFile", "(err", "(error", "(e,", "(er,",
                "(ex,",
            ],
        ]
    }

    fn may_match(&self, file: &Prescan) -> bool {
        file.js_brackets()
            .and_then(js_scan::throws_inside_call_arguments)
            .unwrap_or(true)
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
        let Some(kind) = callback_kind(callback, src) else {
            return;
        };
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
    }
}

/// What kind of asynchronous callback `function` is, if it is passed to an API that calls
/// it later.
fn callback_kind(function: Node, src: &str) -> Option<&'static str> {
    let mut node = function;
    if node.parent().is_some_and(|p| p.kind_name() == "parenthesized_expression") {
        node = node.parent()?;
    }
    let args = node.parent().filter(|p| p.kind_name() == "arguments")?;
    let call = args.parent().filter(|p| p.kind_name() == "call_expression")?;
    let name = js::callee_name(call, src)?;
    if matches!(name, "then" | "catch" | "finally") {
        return None;
    }
    // Array methods and the like take their callback first; `User.find(query, cb)` does not.
    let first_argument = args.named_child(0).is_some_and(|a| a.id() == node.id());
    if NOT_ASYNC_CALLBACKS.contains(&name) && first_argument {
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
