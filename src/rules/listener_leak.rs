//! listener-leak: a listener added to a long-lived emitter inside a request handler and
//! never removed.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::handler::js_enclosing_handler;
use crate::lang::js;
use crate::lang::tree::{ancestors, descendants, text, unwrap_expression};
use crate::rules::{Rule, TreeContext};

pub struct ListenerLeak;

impl Rule for ListenerLeak {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            &[".on(", "addListener", "prependListener"],
            &["req", "res", "ctx", "reply", "@Get", "@Post", "@Sse"],
        ]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(method) = js::callee_name(call, src) else {
            return;
        };
        if !matches!(method, "on" | "addListener" | "prependListener") {
            return;
        }
        let Some(emitter) = js::callee_object(call).map(unwrap_expression) else {
            return;
        };
        let args = js::call_arguments(call);
        if args.len() < 2 {
            return;
        }
        // `{ signal }` removes the listener when the signal aborts.
        if args
            .get(2)
            .is_some_and(|o| text(*o, src).contains("signal"))
        {
            return;
        }
        // A fresh object (`spawn(...).on`, `fetch().on`) dies with the request.
        let Some(root) = root_identifier(emitter, src) else {
            return;
        };
        let Some(handler) = js_enclosing_handler(call, src) else {
            return;
        };
        if root != "this" && is_request_scoped(call, handler, root, src) {
            return;
        }
        // `const off = bus.on(...)` (nanoevents, mitt wrappers): an unsubscribe is kept.
        if call.parent().is_some_and(|p| {
            matches!(
                p.kind_name(),
                "variable_declarator"
                    | "assignment_expression"
                    | "return_statement"
                    | "arguments"
                    | "array"
            )
        }) {
            return;
        }
        let emitter_text = text(emitter, src);
        let removed = descendants(handler).any(|n| {
            n.kind_name() == "call_expression"
                && js::callee_name(n, src)
                    .is_some_and(|m| matches!(m, "removeListener" | "off" | "removeAllListeners"))
                && js::callee_object(n)
                    .is_some_and(|o| text(unwrap_expression(o), src) == emitter_text)
        });
        if removed {
            return;
        }
        let event = args
            .first()
            .and_then(|a| js::string_value(*a, src))
            .unwrap_or_else(|| "the event".to_string());
        let listener = args
            .get(1)
            .map(|l| unwrap_expression(*l))
            .filter(|l| l.kind_name() == "identifier")
            .map_or("listener", |l| text(l, src));
        let head_end = handler
            .field("body")
            .map_or(handler.end_byte(), |b| b.start_byte());
        let head = handler.start_byte()..head_end.max(handler.start_byte() + 1);
        let head_text = src.get(head.clone()).unwrap_or("");
        let head = head.start..head.start + head_text.trim_end().len().max(1);
        out.report(
            call.byte_range(),
            format!(
                "listener for `{event}` is added to `{emitter_text}` on every request and never removed: listeners pile up and keep each request's objects alive"
            ),
        )
        .label(head, "request handler: runs once per request")
        .help(format!(
            "remove it when the request ends: `req.on('close', () => {emitter_text}.off('{event}', {listener}))` with a named listener"
        ));
    }
}

/// The identifier a member chain starts from (`this` for `this.bus`).
fn root_identifier<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    let mut current = node;
    for _ in 0..16 {
        match current.kind_name() {
            "identifier" => return Some(text(current, src)),
            "this" => return Some("this"),
            "member_expression" => {
                current = unwrap_expression(current.field("object")?);
            }
            _ => return None,
        }
    }
    None
}

/// True when `root` is a parameter of a function between the call and the handler
/// (inclusive), or declared inside the handler: an object of this request.
fn is_request_scoped(call: Node, handler: Node, root: &str, src: &str) -> bool {
    for f in ancestors(call).filter(|n| js::is_function(*n)) {
        if js::parameters(f).iter().any(|p| {
            descendants(*p).any(|n| {
                matches!(
                    n.kind_name(),
                    "identifier" | "shorthand_property_identifier_pattern"
                ) && text(n, src) == root
            })
        }) {
            return true;
        }
        if f.id() == handler.id() {
            break;
        }
    }
    !js::bindings_of(handler, root, src, call.start_byte()).is_empty()
        || descendants(handler).any(|n| {
            n.kind_name() == "variable_declarator"
                && n.start_byte() < call.start_byte()
                && n.field("name")
                    .is_some_and(|id| descendants(id).any(|i| text(i, src) == root))
        })
}
