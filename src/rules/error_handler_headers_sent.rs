//! error-handler-headers-sent: custom error middleware that writes a response without first
//! delegating to `next(err)` when the headers are already sent.

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::express::{is_error_name, param_list};
use crate::lang::js;
use crate::lang::tree::{FieldExt, KindExt, ancestors, descendants, text, unwrap_expression};
use crate::rules::{Rule, TreeContext};

pub struct ErrorHandlerHeadersSent;

const RESPONSE_METHODS: &[&str] = &[
    "send",
    "json",
    "jsonp",
    "render",
    "end",
    "sendStatus",
    "sendFile",
    "redirect",
    "write",
];

const HELP: &str =
    "delegate to the default handler first: `if (res.headersSent) { return next(err) }`";

/// What happens to a response write when the error comes after the headers were sent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Guard {
    /// The write is skipped and the error goes to `next(err)`.
    Delegated,
    /// The write is skipped, but nothing hands the error on: the response is left half-sent.
    Skipped,
    /// The write still runs.
    Reachable,
}

/// The names an error middleware's checks are made with.
struct Names<'a> {
    response: &'a str,
    next: &'a str,
    function: Node<'a>,
    src: &'a str,
}

impl Rule for ErrorHandlerHeadersSent {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["next"]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &[
            "function_declaration",
            "function_expression",
            "function",
            "arrow_function",
            "method_definition",
        ]
    }

    fn check_js(&self, function: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let params = param_list(function, src);
        if params.len() != 4 || !params.first().is_some_and(|p| is_error_name(p)) {
            return;
        }
        let response = params[2].as_str();
        if response.is_empty() {
            return;
        }
        let Some(body) = function.field("body") else {
            return;
        };
        let names = Names {
            response,
            next: params[3].as_str(),
            function,
            src,
        };
        let mut skipped = None;
        let mut reachable = None;
        for write in descendants(body).filter(|n| is_write(*n, response, src)) {
            match guard(write, &names) {
                Guard::Delegated => {}
                Guard::Skipped => {
                    skipped.get_or_insert(write);
                }
                Guard::Reachable => {
                    reachable = Some(write);
                    break;
                }
            }
        }
        let check = descendants(body).find(|n| is_sent(*n, &names));
        let head = function.start_byte()..body.start_byte();
        match (reachable, skipped, check) {
            (Some(write), _, None) => {
                out.report(
                    head,
                    "error middleware responds without checking `res.headersSent`: when the error comes after the response has started, writing again fails with ERR_HTTP_HEADERS_SENT instead of letting Express close the connection",
                )
                .label(write.byte_range(), "responds here")
                .help(HELP);
            }
            (Some(write), _, Some(check)) => {
                out.report(
                    head,
                    "error middleware checks `res.headersSent` but still responds when it is true: writing again fails with ERR_HTTP_HEADERS_SENT; hand the error to `next(err)` so Express closes the connection",
                )
                .label(check.byte_range(), "checked here, without `return next(err)`")
                .label(write.byte_range(), "responds here even when the headers were sent")
                .help(HELP);
            }
            (None, Some(write), check) => {
                let mut report = out.report(
                    head,
                    "error middleware does not call `next(err)` when `res.headersSent` is true: the half-sent response is never finished or closed, so the client can hang until a timeout; Express's default handler would close the connection and fail the request",
                );
                if let Some(check) = check {
                    report = report.label(
                        check.byte_range(),
                        "headers already sent: nothing hands the error on",
                    );
                }
                drop(
                    report
                        .label(
                            write.byte_range(),
                            "responds here only when nothing was sent",
                        )
                        .help(HELP),
                );
            }
            (None, None, _) => {}
        }
    }
}

/// `res.json(...)`, `res.status(500).send(...)`: a call that writes the response.
fn is_write(node: Node, response: &str, src: &str) -> bool {
    node.kind_name() == "call_expression"
        && js::callee_name(node, src).is_some_and(|m| RESPONSE_METHODS.contains(&m))
        && js::callee(node)
            .and_then(|c| js::dotted_path(c, src))
            .is_some_and(|p| p.split('.').next() == Some(response))
}

/// Whether `write` runs when the headers were sent, and if not, whether the error is handed
/// to `next(err)` on that path.
fn guard(write: Node, names: &Names) -> Guard {
    let mut child = write;
    for ancestor in ancestors(write) {
        if ancestor.id() == names.function.id() {
            break;
        }
        match ancestor.kind_name() {
            "if_statement" | "ternary_expression" => {
                let sense = ancestor
                    .field("condition")
                    .and_then(|c| when_sent(c, names, 0));
                let consequence = ancestor.field("consequence");
                let alternative = ancestor.field("alternative");
                let in_consequence = consequence.is_some_and(|c| c.id() == child.id());
                let in_alternative = alternative.is_some_and(|a| a.id() == child.id());
                match (sense, in_consequence, in_alternative) {
                    // The branch runs only when nothing was sent; the other path is taken
                    // when the headers were sent.
                    (Some(false), true, _) => {
                        let delegated = alternative.is_some_and(|a| delegates(a, names))
                            || following(ancestor).any(|s| delegates(s, names));
                        return if delegated {
                            Guard::Delegated
                        } else {
                            Guard::Skipped
                        };
                    }
                    (Some(true), _, true) => {
                        return if consequence.is_some_and(|c| delegates(c, names)) {
                            Guard::Delegated
                        } else {
                            Guard::Skipped
                        };
                    }
                    (Some(true), true, _) | (Some(false), _, true) => return Guard::Reachable,
                    _ => {}
                }
            }
            "statement_block" => {
                // An earlier `if (res.headersSent) return next(err);` in the same block.
                let mut cursor = ancestor.walk();
                for statement in ancestor.named_children(&mut cursor) {
                    if statement.id() == child.id() {
                        break;
                    }
                    if statement.kind_name() != "if_statement" {
                        continue;
                    }
                    let sent_branch = match statement
                        .field("condition")
                        .and_then(|c| when_sent(c, names, 0))
                    {
                        Some(true) => statement.field("consequence"),
                        Some(false) => statement.field("alternative"),
                        None => None,
                    };
                    if let Some(branch) = sent_branch.filter(|b| terminates(*b)) {
                        return if delegates(branch, names) {
                            Guard::Delegated
                        } else {
                            Guard::Skipped
                        };
                    }
                }
            }
            _ => {}
        }
        child = ancestor;
    }
    Guard::Reachable
}

/// The statements after `statement` in its block.
fn following(statement: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(statement.next_named_sibling(), |s| s.next_named_sibling())
}

/// The value of a condition when the headers were sent: `Some(true)` for `res.headersSent`
/// and `res.headersSent || ...`, `Some(false)` for `!res.headersSent` and
/// `!res.headersSent && ...`, `None` when it depends on something else (or is nested
/// deeper than a condition is written).
fn when_sent(condition: Node, names: &Names, depth: usize) -> Option<bool> {
    if depth > 8 {
        return None;
    }
    let condition = unwrap_expression(condition);
    if is_sent(condition, names) {
        return Some(true);
    }
    match condition.kind_name() {
        "unary_expression" => {
            let operator = condition.field("operator").map(|o| text(o, names.src));
            if operator != Some("!") {
                return None;
            }
            when_sent(condition.field("argument")?, names, depth + 1).map(|v| !v)
        }
        "binary_expression" => {
            let operator = text(condition.field("operator")?, names.src);
            let left = condition.field("left")?;
            let right = condition.field("right")?;
            let sides = [
                when_sent(left, names, depth + 1),
                when_sent(right, names, depth + 1),
            ];
            match operator {
                "||" if sides.contains(&Some(true)) => Some(true),
                "&&" if sides.contains(&Some(false)) => Some(false),
                "===" | "==" | "!==" | "!=" => {
                    let equal = matches!(operator, "===" | "==");
                    let (checked, literal) = if is_sent(unwrap_expression(left), names) {
                        (left, right)
                    } else {
                        (right, left)
                    };
                    if !is_sent(unwrap_expression(checked), names) {
                        return None;
                    }
                    match unwrap_expression(literal).kind_name() {
                        "true" => Some(equal),
                        "false" => Some(!equal),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `res.headersSent`, or a name bound to it in the middleware (`const sent = res.headersSent`).
fn is_sent(node: Node, names: &Names) -> bool {
    match node.kind_name() {
        "member_expression" => {
            node.field("property")
                .is_some_and(|p| text(p, names.src) == "headersSent")
                && node
                    .field("object")
                    .is_some_and(|o| text(unwrap_expression(o), names.src) == names.response)
        }
        "identifier" => {
            let name = text(node, names.src);
            js::bindings_of(names.function, name, names.src, node.start_byte())
                .iter()
                .any(|b| {
                    let value = unwrap_expression(b.value);
                    value.kind_name() == "member_expression" && is_sent(value, names)
                })
        }
        _ => false,
    }
}

/// True when a branch hands the error on: `next(err)` with an argument, or closes the
/// connection itself (`res.destroy()`, `req.socket.destroy()`) as Express's default
/// handler does.
fn delegates(branch: Node, names: &Names) -> bool {
    descendants(branch).any(|n| {
        n.kind_name() == "call_expression"
            && match js::callee(n) {
                Some(c) if c.kind_name() == "identifier" => {
                    !names.next.is_empty()
                        && text(c, names.src) == names.next
                        && !js::call_arguments(n).is_empty()
                }
                Some(_) => js::callee_name(n, names.src) == Some("destroy"),
                None => false,
            }
    })
}

/// True when a branch ends the function: `return ...`, `throw ...`, or a block holding one.
fn terminates(branch: Node) -> bool {
    let branch = if branch.kind_name() == "else_clause" {
        match branch.named_child(0) {
            Some(s) => s,
            None => return false,
        }
    } else {
        branch
    };
    match branch.kind_name() {
        "return_statement" | "throw_statement" => true,
        "statement_block" => {
            let mut cursor = branch.walk();
            branch
                .named_children(&mut cursor)
                .any(|s| matches!(s.kind_name(), "return_statement" | "throw_statement"))
        }
        _ => false,
    }
}
