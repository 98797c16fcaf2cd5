//! error-details-leak: the stack, the whole error or an unknown error's message sent to the
//! client without an environment guard.

use crate::lang::tree::{FieldExt, KindExt};
use std::sync::LazyLock;

use regex::bytes::Regex;
use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::env_guard::{is_environment_guarded, mentions_environment};
use crate::facts::express::is_error_name;
use crate::facts::summaries::{HandedError, ParamSink, SendQuestions};
use crate::lang::tree::{ancestors, contains, descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::{Prescan, Rule, TreeContext};
use crate::util::shape_matches;

pub struct ErrorDetailsLeak;

const HELP_JS: &str = "log the error on the server and send a generic message: `res.status(500).json({ error: 'Internal Server Error' })`; show details only in development: `...(process.env.NODE_ENV !== 'production' && { stack: err.stack })`";
const HELP_PY: &str = "log the exception on the server (`logger.exception(...)`) and return a generic message; show details only in debug: `str(exc) if DEBUG else \"An error occurred\"`";

/// Response methods whose argument goes to the client.
const JS_SENDS: &[&str] = &["json", "send", "jsonp", "end", "write"];
/// Response objects by name.
const JS_RESPONSES: &[&str] = &["res", "response", "resp", "_res"];
/// Words of a condition that tells a known error from an unknown one.
const KNOWN_ERROR_WORDS: &[&str] = &[
    "instanceof",
    ".status",
    "statusCode",
    ".code",
    ".name",
    "expose",
    "isOperational",
    "isJoi",
    "ValidationError",
    "isAxiosError",
    "HttpError",
    "isHttpError",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Leak {
    Stack,
    Whole,
    Message,
}

impl Leak {
    /// What of the error `shown` a response carries, for messages.
    fn what(self, shown: &str) -> String {
        match self {
            Leak::Stack => format!("the stack trace of `{shown}`"),
            Leak::Whole => format!("the whole error `{shown}`"),
            Leak::Message => format!("the message of an unexpected error `{shown}`"),
        }
    }
}

/// Why details of an error must not reach the client, closing a finding's message.
const REVEALS: &str = "it reveals file paths, library versions, SQL or internal hostnames to anyone who triggers the error";

/// A response call (`res.json(`, `.send(`) …
static JS_SEND_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"\.\s*(?:json|send|jsonp|end|write)\s*[(<]"));

/// … and a caught error: a `catch` clause or `.catch(`, or a function whose first
/// parameter is named like an error (`(err, req, res, next)`, `error =>`).
static JS_ERROR_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let names = r"(?:err|error|e|er|ex|exc|exception|_err|_error|\w*Error|\w*Err)";
    crate::util::byte_pattern(&format!(
        r"\bcatch\b|(?:\(|function\s*[\w$]*\s*\()\s*{names}\b|\b{names}\s*=>"
    ))
});

/// A relative import or require (`from './lib/respond'`, `require("../respond")`).
static JS_RELATIVE_IMPORT_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r#"(?:\bfrom|\brequire\s*\()\s*['"`]\.\.?/"#));

/// Python: a formatted traceback, an `except` clause catching every exception under a
/// name, or an exception handler function (what `py_unknown_exception` accepts).
static PY_ERROR_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r"format_exc|format_exception|format_tb|\bexcept\b[^:]*\b(?:Exception|BaseException)\b[^:]*\bas\b|exception_handler|errorhandler|process_exception",
    )
});

impl Rule for ErrorDetailsLeak {
    fn may_match(&self, file: &Prescan) -> bool {
        if file.is_py() {
            shape_matches(&PY_ERROR_TEXT, file.bytes)
        } else {
            // A caught error may also be handed to a function another module exports.
            shape_matches(&JS_ERROR_TEXT, file.bytes)
                && (shape_matches(&JS_SEND_TEXT, file.bytes)
                    || shape_matches(&JS_RELATIVE_IMPORT_TEXT, file.bytes))
        }
    }

    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            &["catch", "err", "except", "exc", "traceback", "stack"],
            // Something that answers the client.
            &[
                ".json(",
                ".send(",
                ".jsonp(",
                ".end(",
                ".write(",
                "Response",
                "jsonify",
                "HTTPException",
                "detail=",
                "return {",
                "return str",
                "return repr",
                "return f\"",
                "return f'",
                "abort(",
                // A function of another module that may answer.
                "import",
                "require(",
            ],
        ]
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Summaries]
    }

    fn send_questions(&self) -> Option<&'static SendQuestions> {
        Some(&SEND_QUESTIONS)
    }

    /// A caught error handed to a function of another module that sends it to the client
    /// (`sendFailure(res, err)` from `./lib/respond`, `errors.fail(e)` raising
    /// `HTTPException(500, detail=str(e))`), reported at the call.
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        // A finding is at a call handing a caught error, labelled where the helper sends
        // it: with neither in a reported file, the summaries are not linked at all.
        let files = &cx.project.files;
        let helper_reported =
            cx.reports_summaries_where(|s| s.functions.iter().any(|f| !f.sends.is_empty()));
        if !helper_reported && !cx.reports_summaries_where(|s| !s.error_calls.is_empty()) {
            return;
        }
        let model = cx.summaries();
        for (index, file) in files.iter().enumerate() {
            // Summaries are read only where a finding may be reported.
            if !(helper_reported || cx.reports(index)) {
                continue;
            }
            let Some(summaries) = file.facts.file_summaries() else {
                continue;
            };
            for call in &summaries.error_calls {
                let Some((target, sink)) = model.error_call_sends((index, call.function), call)
                else {
                    continue;
                };
                let Some(helper_file) = model.file(target) else {
                    continue;
                };
                let name = model.function_name(target);
                let shown = &call.shown;
                let what = match sink.kind.as_str() {
                    "stack" => format!("the stack trace of `{shown}` is sent"),
                    "whole" => format!("the whole error `{shown}` is sent"),
                    "message" if summaries.python => {
                        format!("the exception message of `{shown}` is returned")
                    }
                    _ => format!("the message of an unexpected error `{shown}` is sent"),
                };
                let verb = if summaries.python { "returns" } else { "sends" };
                out.report_in(
                    Some(file.display.clone()),
                    call.range.clone(),
                    format!(
                        "{what} to the client by `{name}` ({}:{}): {REVEALS}",
                        helper_file.display, sink.line
                    ),
                )
                .label_in(
                    helper_file.display.clone(),
                    sink.range.clone(),
                    format!("`{name}` {verb} its parameter `{}` here", sink.name),
                )
                .help(if summaries.python { HELP_PY } else { HELP_JS });
            }
        }
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if js::callee(call).is_some_and(|c| unwrap_expression(c).kind_name() == "identifier") {
            check_js_helper_call(call, cx, out);
            return;
        }
        let Some(method) = js::callee_name(call, src) else {
            return;
        };
        if !JS_SENDS.contains(&method) || answers_sent_response(call, src) {
            return;
        }
        let Some(path) = js::callee(call).and_then(|c| js::dotted_path(c, src)) else {
            return;
        };
        let root = path.split('.').next().unwrap_or("");
        if !(JS_RESPONSES.contains(&root) || is_response_param(call, root, src)) {
            return;
        }
        if js_admin_only_route(call, src)
            || is_installer_file(&cx.file.path)
            || checks_admin_first(call, src)
        {
            return;
        }
        let client_error = literal_status(call, src)
            .or_else(|| earlier_status(call, root, src))
            .is_some_and(|s| (400..500).contains(&s));
        let leaks = js::call_arguments(call)
            .into_iter()
            .flat_map(|arg| js_leaks(arg, src, &|n| is_error_binding(n, src)));
        let check_handler = js_check_handler(call, src);
        for (leak, at, name) in leaks {
            if leak == Leak::Message && (client_error || check_handler || known_error(at, src)) {
                continue;
            }
            if leak != Leak::Stack && (parses_input_only(at, src) || relays_upstream(at, src)) {
                continue;
            }
            if leak == Leak::Whole && recognised_app_error(at, src) {
                continue;
            }
            if leak != Leak::Stack && compared_to_literal(at, src) {
                continue;
            }
            if leak == Leak::Whole && writes_error_object_raw(call, method, at) {
                continue;
            }
            if only_without_next(call, src) {
                continue;
            }
            if guarded(at, src) {
                continue;
            }
            if leak == Leak::Whole && fastify_generic_message(call, at, src) {
                continue;
            }
            out.report(
                call.byte_range(),
                format!("{} is sent to the client: {REVEALS}", leak.what(&name)),
            )
            .label(at.byte_range(), "error details here")
            .help(HELP_JS);
            return;
        }
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call", "interpolation"]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let (detail, variable) = match node.kind_name() {
            "call" => {
                let Some(callee) = node.field("function") else {
                    return;
                };
                let name = text(callee, src);
                match name {
                    "traceback.format_exc"
                    | "traceback.format_exception"
                    | "traceback.format_tb" => ("the traceback", None),
                    // A bare name is the traceback module's only when imported from it: a
                    // project's own `format_exception(error_dict)` formats something else.
                    "format_exc" | "format_exception" | "format_tb"
                        if imports_from_traceback(src) =>
                    {
                        ("the traceback", None)
                    }
                    "str" | "repr" => {
                        let Some(arg) = py::positional_arguments(node).first().copied() else {
                            return;
                        };
                        if arg.kind_name() != "identifier" {
                            return;
                        }
                        ("the exception message", Some(text(arg, src)))
                    }
                    _ => return check_py_helper_call(node, cx, out),
                }
            }
            "interpolation" => {
                let Some(expr) = node.named_child(0) else {
                    return;
                };
                if expr.kind_name() != "identifier" {
                    return;
                }
                ("the exception message", Some(text(expr, src)))
            }
            _ => return,
        };
        if let Some(variable) = variable {
            if !py_unknown_exception(node, variable, src)
                || py_recognised_exception(node, variable, src)
                || parses_input_only(node, src)
            {
                return;
            }
        } else if !py_in_error_context(node) {
            return;
        }
        if py_command_line_module(src)
            || py_admin_only_route(node, src)
            || checks_admin_first(node, src)
            || is_installer_file(&cx.file.path)
        {
            return;
        }
        let Some(sink) = py_response_sink(node, src) else {
            return;
        };
        if returns_data_outside_handler(sink, node, src) || only_tested(node, sink) {
            return;
        }
        if py_debug_guarded(node, src) {
            return;
        }
        // The message of an error answered with a 4xx status describes the client's own
        // input (`HTTPException(status_code=400, detail=str(exc))`).
        if variable.is_some()
            && (py_client_error_status(sink, src) || py_check_result(node, sink, src))
        {
            return;
        }
        out.report(
            sink.byte_range(),
            format!("{detail} is returned to the client: {REVEALS}"),
        )
        .label(node.byte_range(), "error details here")
        .help(HELP_PY);
    }
}

/// True when `name` is the response parameter of an enclosing handler
/// (`(req, reply) => ...`, `(err, rq, rs, next)`).
fn is_response_param(node: Node, name: &str, src: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    ancestors(node).filter(|a| js::is_function(*a)).any(|f| {
        let params = js::parameter_names(f, src);
        let index = if params.len() == 4 { 2 } else { 1 };
        params.get(index) == Some(&name) && crate::facts::express::has_handler_shape(f, src)
    })
}

/// `res.status(400).json(...)` → 400.
fn literal_status(call: Node, src: &str) -> Option<u32> {
    let mut current = js::callee_object(call).map(unwrap_expression);
    for _ in 0..8 {
        let node = current?;
        if node.kind_name() != "call_expression" {
            return None;
        }
        if js::callee_name(node, src) == Some("status") {
            let first = js::call_arguments(node).first().copied()?;
            return status_number(first, src);
        }
        current = js::callee_object(node).map(unwrap_expression);
    }
    None
}

/// `res.status(429);` as an earlier statement of the same block.
fn earlier_status(call: Node, root: &str, src: &str) -> Option<u32> {
    let statement = ancestors(call)
        .find(|a| a.kind_name() == "expression_statement" || a.kind_name() == "return_statement")?;
    let block = statement.parent()?;
    let mut cursor = block.walk();
    let mut status = None;
    for sibling in block.named_children(&mut cursor) {
        if sibling.start_byte() >= statement.start_byte() {
            break;
        }
        let Some(expr) = sibling
            .named_child(0)
            .filter(|_| sibling.kind_name() == "expression_statement")
        else {
            continue;
        };
        if expr.kind_name() == "call_expression"
            && js::callee_name(expr, src) == Some("status")
            && js::callee_object(expr).is_some_and(|o| text(o, src) == root)
        {
            status = js::call_arguments(expr)
                .first()
                .and_then(|a| status_number(*a, src));
        }
    }
    status
}

/// The status a `status(...)` argument sets: `400`, or the default of the error's own
/// status (`e.status || 400`, `err.statusCode ?? 403`): an error that carries a status
/// and falls back to a client error is one the application raised on purpose.
fn status_number(argument: Node, src: &str) -> Option<u32> {
    let argument = unwrap_expression(argument);
    if argument.kind_name() == "binary_expression"
        && argument
            .field("operator")
            .is_some_and(|o| matches!(text(o, src), "||" | "??"))
    {
        return text(unwrap_expression(argument.field("right")?), src)
            .parse()
            .ok();
    }
    text(argument, src).parse().ok()
}

/// JavaScript: true when a condition around the error tells it is an instance of a class
/// of the application's own (`if (error instanceof AppError) res.status(...).send(error)`),
/// not of a built-in error: an error the project defines and throws with messages meant
/// for clients.
fn recognised_app_error(node: Node, src: &str) -> bool {
    const BUILT_IN_ERRORS: &[&str] = &[
        "Error",
        "TypeError",
        "RangeError",
        "SyntaxError",
        "ReferenceError",
        "EvalError",
        "URIError",
        "AggregateError",
        "Object",
    ];
    let name = text(node, src);
    for ancestor in ancestors(node) {
        if js::is_function(ancestor) {
            break;
        }
        let Some(condition) = ancestor.field("condition") else {
            continue;
        };
        if contains(condition, node)
            || !ancestor
                .field("consequence")
                .is_some_and(|c| contains(c, node))
        {
            continue;
        }
        let recognised = descendants(condition).any(|n| {
            n.kind_name() == "binary_expression"
                && n.field("operator")
                    .is_some_and(|o| text(o, src) == "instanceof")
                && n.field("left").is_some_and(|l| text(l, src) == name)
                && n.field("right").is_some_and(|r| {
                    let class = text(r, src);
                    !BUILT_IN_ERRORS.contains(&class) && !class.contains('.')
                })
        });
        if recognised {
            return true;
        }
    }
    false
}

/// True when the function around the node first turns away everyone but administrators:
/// an earlier `if (!context.permissions.canManageBilling()) { throwPermissionError(); }`
/// or `if not request.user.is_superuser: raise PermissionDenied` in its body. Those who
/// pass configure the instance and read its errors.
fn checks_admin_first(node: Node, src: &str) -> bool {
    // The handler's own body, or that of a function around the callback that answers
    // (`.catch((error) => res.status(400).send(error))` after the handler's check).
    // Around a callback, the check must be a single one on the user who asks
    // (`if (!req.user.admin)`): one on a path (`!p.startsWith(ADMIN_PATH)`) or one that lets
    // others through as well (`!user.is_admin && !isAuthor`) does not make the answer
    // administrators' only.
    ancestors(node)
        .filter(|a| js::is_function(*a) || py::is_function(*a))
        .enumerate()
        .any(|(depth, function)| turns_away_non_admins(function, node, depth > 0, src))
}

/// True when the body of `function` turns away everyone but administrators in an `if`
/// before `node`; `on_user` asks for a single check on the requesting user.
fn turns_away_non_admins(function: Node, node: Node, on_user: bool, src: &str) -> bool {
    let Some(body) = function.field("body") else {
        return false;
    };
    let mut cursor = body.walk();
    let statements: Vec<Node> = body.named_children(&mut cursor).collect();
    statements.into_iter().any(|statement| {
        statement.end_byte() <= node.start_byte()
            && statement.kind_name() == "if_statement"
            && statement.field("condition").is_some_and(|c| {
                let condition = text(c, src).trim_start_matches('(').trim_start();
                let negated = condition.starts_with('!') || condition.starts_with("not ");
                let single_user_check = condition.to_ascii_lowercase().contains("user")
                    && !["&&", "||", " and ", " or "]
                        .iter()
                        .any(|joint| condition.contains(joint));
                negated && names_admin_guard(condition) && (!on_user || single_user_check)
            })
            && statement.field("consequence").is_some_and(|c| {
                descendants(c).any(|n| match n.kind_name() {
                    "return_statement" | "throw_statement" | "raise_statement" => true,
                    "call_expression" => {
                        js::callee_name(n, src).is_some_and(|f| f.starts_with("throw"))
                    }
                    _ => false,
                })
            })
    })
}

/// The error details in a response argument: `err.stack`, `err` itself, `err.message`.
/// `is_error` tells whether an identifier names the error.
fn js_leaks<'t>(
    arg: Node<'t>,
    src: &str,
    is_error: &dyn Fn(Node) -> bool,
) -> Vec<(Leak, Node<'t>, String)> {
    let arg = unwrap_expression(arg);
    let mut found: Vec<(Leak, Node, String)> = Vec::new();
    for node in descendants(arg) {
        if js::is_function(node) {
            continue;
        }
        let candidate = match node.kind_name() {
            "member_expression" => {
                let (Some(object), Some(property)) = (
                    node.field("object").map(unwrap_expression),
                    node.field("property"),
                ) else {
                    continue;
                };
                if object.kind_name() != "identifier" || !is_error(object) {
                    continue;
                }
                match text(property, src) {
                    "stack" => Some((Leak::Stack, node)),
                    "message" => Some((Leak::Message, node)),
                    "toString" => Some((Leak::Message, node)),
                    _ => None,
                }
            }
            "identifier" | "shorthand_property_identifier" => {
                if !is_error(node) {
                    continue;
                }
                let parent = node.parent();
                let whole = node.id() == arg.id()
                    || parent.is_some_and(|p| match p.kind_name() {
                        "pair" => p.field("value").is_some_and(|v| v.id() == node.id()),
                        "object" | "array" | "spread_element" => true,
                        _ => false,
                    });
                let message = parent.is_some_and(|p| {
                    p.kind_name() == "template_substitution"
                        || (p.kind_name() == "arguments"
                            && p.parent().is_some_and(|c| {
                                js::callee(c).is_some_and(|f| text(f, src) == "String")
                            }))
                });
                if whole {
                    Some((Leak::Whole, node))
                } else if message {
                    Some((Leak::Message, node))
                } else {
                    None
                }
            }
            _ => None,
        };
        let Some((leak, at)) = candidate else {
            continue;
        };
        let name = text(at, src).split('.').next().unwrap_or("").to_string();
        found.push((leak, at, name));
    }
    // The most revealing first: the stack, the whole error, then the message.
    found.sort_by_key(|(l, _, _)| match l {
        Leak::Stack => 0,
        Leak::Whole => 1,
        Leak::Message => 2,
    });
    found
}

/// True when the error object itself is the whole argument of Node's `res.end(err)` /
/// `res.write(err)`: they take only a string or a buffer and throw on any other object
/// (`ERR_INVALID_ARG_TYPE`), so none of the error's text reaches the client. Express's
/// `res.send(err)` / `res.json(err)` serialise it and stay reported.
fn writes_error_object_raw(call: Node, method: &str, error: Node) -> bool {
    matches!(method, "end" | "write")
        && js::call_arguments(call)
            .first()
            .is_some_and(|arg| unwrap_expression(*arg).id() == error.id())
}

/// True when the answer is the fallback for a handler given no `next`:
/// `next ? next(err) : res.status(401).json(err)` or `if (next) next(err); else ...`, where
/// `next` is the third parameter of an enclosing function (`(req, res, next) => ...`).
/// Express always passes `next`, so the error goes to its error handler and the fallback
/// never runs.
fn only_without_next(call: Node, src: &str) -> bool {
    let mut previous = call;
    for ancestor in ancestors(call) {
        if js::is_function(ancestor) && ancestor.id() != call.id() {
            break;
        }
        let (condition, consequence, alternative) = match ancestor.kind_name() {
            "ternary_expression" => (
                ancestor.field("condition"),
                ancestor.field("consequence"),
                ancestor.field("alternative"),
            ),
            "if_statement" => (
                ancestor.field("condition"),
                ancestor.field("consequence"),
                ancestor.field("alternative"),
            ),
            _ => {
                previous = ancestor;
                continue;
            }
        };
        let (Some(condition), Some(consequence), Some(alternative)) =
            (condition, consequence, alternative)
        else {
            previous = ancestor;
            continue;
        };
        if contains(alternative, previous) {
            let condition = unwrap_expression(condition);
            let name = text(condition, src);
            let hands_on = condition.kind_name() == "identifier"
                && descendants(consequence).any(|n| {
                    n.kind_name() == "call_expression"
                        && js::callee(n).is_some_and(|c| text(c, src) == name)
                        && !js::call_arguments(n).is_empty()
                });
            if hands_on && is_next_parameter(condition, name, src) {
                return true;
            }
        }
        previous = ancestor;
    }
    false
}

/// True when `name` is the third parameter of a function around `node`, the place of
/// Express's `next` in `(req, res, next)`.
fn is_next_parameter(node: Node, name: &str, src: &str) -> bool {
    ancestors(node)
        .filter(|a| js::is_function(*a))
        .any(|function| js::parameter_names(function, src).get(2).copied() == Some(name))
}

/// True when an identifier names a caught error: a `catch (err)` parameter or the first,
/// error-named parameter of an enclosing function (`(err, req, res, next)`,
/// `.catch((error) => ...)`, `(err, rows) => ...`).
fn is_error_binding(identifier: Node, src: &str) -> bool {
    let name = text(identifier, src);
    for ancestor in ancestors(identifier) {
        if ancestor.kind_name() == "catch_clause" {
            if let Some(param) = ancestor.field("parameter") {
                if text(param, src) == name {
                    return true;
                }
            }
        }
        if js::is_function(ancestor) {
            let params = js::parameter_names(ancestor, src);
            if let Some(i) = params.iter().position(|p| *p == name) {
                return i == 0 && is_error_name(name);
            }
        }
    }
    false
}

/// True when a condition around the node tells which error it is (`err instanceof
/// ValidationError`, `err.expose`, `err.status < 500`).
fn known_error(node: Node, src: &str) -> bool {
    for ancestor in ancestors(node) {
        if js::is_function(ancestor) {
            break;
        }
        if let Some(condition) = ancestor.field("condition") {
            if contains(condition, node) {
                continue;
            }
            let t = text(condition, src);
            if KNOWN_ERROR_WORDS.iter().any(|w| t.contains(w)) {
                return true;
            }
        }
    }
    false
}

/// True when the error is answered only in the branch of an `if` that found it equal to a
/// literal: `if (err.message === '401') return res.status(401).send(err)`,
/// `if (error === 'NOT_FOUND') ...`. Such an error is one the application threw with that
/// message itself; the text is designed, not internal. (`!==` and the `else` branch do not
/// count: there the error is any other.)
fn compared_to_literal(error: Node, src: &str) -> bool {
    let mut object = unwrap_expression(error);
    while object.kind_name() == "member_expression" {
        let Some(inner) = object.field("object") else {
            break;
        };
        object = unwrap_expression(inner);
    }
    if object.kind_name() != "identifier" {
        return false;
    }
    let name = text(object, src);
    let mut previous = error;
    for ancestor in ancestors(error) {
        if js::is_function(ancestor) {
            break;
        }
        let in_consequence = ancestor.kind_name() == "if_statement"
            && ancestor
                .field("consequence")
                .is_some_and(|c| c.id() == previous.id() || contains(c, error));
        previous = ancestor;
        if !in_consequence {
            continue;
        }
        let Some(condition) = ancestor.field("condition") else {
            continue;
        };
        let found = descendants(condition).any(|n| {
            n.kind_name() == "binary_expression"
                && n.field("operator")
                    .is_some_and(|o| matches!(text(o, src), "===" | "=="))
                && n.field("left").zip(n.field("right")).is_some_and(|(l, r)| {
                    let side = |x: Node| {
                        let t = text(x, src);
                        t == name
                            || t == format!("{name}.message")
                            || t == format!("{name}?.message")
                    };
                    let literal = |x: Node| matches!(x.kind_name(), "string" | "number");
                    (side(l) && literal(r)) || (literal(l) && side(r))
                })
        });
        if found {
            return true;
        }
    }
    false
}

/// True when the node only runs in development: inside an `if`/ternary/`&&` on the
/// environment, or after an early return taken in production.
fn guarded(node: Node, src: &str) -> bool {
    if is_environment_guarded(node, src) {
        return true;
    }
    let mut previous = node;
    for ancestor in ancestors(node) {
        if ancestor.kind_name() == "binary_expression" {
            let is_and = ancestor
                .field("operator")
                .is_some_and(|o| matches!(text(o, src), "&&" | "||"));
            if let (true, Some(left)) = (is_and, ancestor.field("left")) {
                if !contains(left, node) && mentions_environment(text(left, src)) {
                    return true;
                }
            }
        }
        if ancestor.kind_name() == "statement_block" {
            // An earlier `if (production) { ...; return }` in the same block.
            let mut cursor = ancestor.walk();
            for statement in ancestor.named_children(&mut cursor) {
                if statement.start_byte() >= previous.start_byte() {
                    break;
                }
                if statement.kind_name() == "if_statement"
                    && statement
                        .field("condition")
                        .is_some_and(|c| mentions_environment(text(c, src)))
                    && statement.field("consequence").is_some_and(|c| {
                        descendants(c).any(|n| n.kind_name() == "return_statement")
                    })
                {
                    return true;
                }
            }
        }
        if js::is_function(ancestor) {
            break;
        }
        previous = ancestor;
    }
    false
}

/// Python: true when `name` at `node` is the exception of an `except Exception as name` (or
/// a bare `except`/`BaseException`), or the exception parameter of a handler registered for
/// `Exception`/500.
fn py_unknown_exception(node: Node, name: &str, src: &str) -> bool {
    for ancestor in ancestors(node) {
        if ancestor.kind_name() == "except_clause" {
            let mut cursor = ancestor.walk();
            let children: Vec<Node> = ancestor.named_children(&mut cursor).collect();
            // `except Exception as e` → as_pattern(Exception, as_pattern_target(e)).
            for child in children {
                if child.kind_name() == "as_pattern" {
                    let alias = child.field("alias").map_or("", |a| text(a, src).trim());
                    if alias == name {
                        let types = child.named_child(0).map_or("", |t| text(t, src));
                        return is_generic_exception(types);
                    }
                }
            }
        }
        if ancestor.kind_name() == "function_definition" {
            let params = py::parameter_names(ancestor, src);
            if !params.contains(&name) {
                return false;
            }
            return py::decorators(ancestor).iter().any(|d| {
                let t = text(*d, src);
                (t.contains("exception_handler") || t.contains("errorhandler"))
                    && (t.contains("Exception") || t.contains("500"))
            }) || (text(ancestor, src).starts_with("def process_exception")
                && params.last() == Some(&name));
        }
    }
    false
}

fn is_generic_exception(types: &str) -> bool {
    types
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .any(|t| matches!(t.trim(), "Exception" | "BaseException"))
}

/// True inside an `except` clause or an exception handler function.
fn py_in_error_context(node: Node) -> bool {
    ancestors(node).any(|a| a.kind_name() == "except_clause")
        || py::enclosing_function(node).is_some_and(|f| {
            py::decorators(f)
                .iter()
                .any(|d| d.kind_name() == "call" || d.kind_name() == "attribute")
        })
}

/// The statement or call that sends the value to the client: `return ...`,
/// `JSONResponse(...)`, `jsonify(...)`, `raise HTTPException(detail=...)`.
fn py_response_sink<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    for ancestor in ancestors(node) {
        match ancestor.kind_name() {
            "return_statement" | "raise_statement" => {
                if ancestor.kind_name() == "raise_statement"
                    && !text(ancestor, src).contains("HTTPException")
                    && !text(ancestor, src).contains("APIException")
                {
                    return None;
                }
                return Some(ancestor);
            }
            "call" => {
                let name = py::callee_name(ancestor, src).unwrap_or("");
                if matches!(
                    name,
                    "JSONResponse"
                        | "PlainTextResponse"
                        | "HTMLResponse"
                        | "Response"
                        | "jsonify"
                        | "make_response"
                        | "HttpResponse"
                        | "JsonResponse"
                        | "HttpResponseServerError"
                        | "abort"
                ) {
                    return Some(ancestor);
                }
                if matches!(
                    name,
                    "error"
                        | "exception"
                        | "warning"
                        | "info"
                        | "debug"
                        | "print"
                        | "critical"
                        | "log"
                ) {
                    return None;
                }
            }
            "function_definition" | "lambda" => return None,
            _ => {}
        }
    }
    None
}

/// True when `sink` returns plain data (a dict, a tuple, a list, a string) or a record of
/// how the work went (`ConnectorFailure(...)`, `CompressionResult(...)`) from a function
/// that serves no request: a query runner's `return None, str(e)`, a background task's
/// `return {"error": str(e)}`, a connector's failure kept with its indexing run. The caller decides what reaches a client; what leaves a
/// request handler (a route function, a view, a view class's `get`/`post` method) or a
/// response object built here (`ErrorResponse(str(e))`) is still reported.
fn returns_data_outside_handler(sink: Node, detail: Node, src: &str) -> bool {
    if sink.kind_name() != "return_statement" {
        return false;
    }
    let Some(mut value) = sink.named_child(0).map(py::unwrap) else {
        return false;
    };
    // `return failed_ids or [str(exc)]`, `return x if ok else {"error": str(e)}`: the
    // alternative that holds the message is what is returned.
    while matches!(
        value.kind_name(),
        "boolean_operator" | "conditional_expression"
    ) {
        let mut cursor = value.walk();
        let Some(holding) = value
            .named_children(&mut cursor)
            .find(|child| contains(*child, detail))
        else {
            return false;
        };
        value = py::unwrap(holding);
    }
    if !matches!(
        value.kind_name(),
        "dictionary" | "tuple" | "expression_list" | "list" | "string" | "call"
    ) || (value.kind_name() == "call"
        && !py::callee_name(value, src).is_some_and(|callee| {
            matches!(callee, "str" | "repr" | "dict")
                || names_result_record(callee)
                || hands_message_on(callee)
        }))
    {
        return false;
    }
    let Some(function) = py::enclosing_function(sink) else {
        return false;
    };
    let is_view_method = function.field("name").is_some_and(|n| {
        matches!(
            text(n, src),
            "get" | "post" | "put" | "patch" | "delete" | "head" | "options"
        )
    });
    !is_view_method && !crate::facts::handler::py_is_request_handler(function, src)
}

/// True when the message is only tested on its way to the sink: `return "connection" not
/// in str(e).lower()`, `return str(exc) == "timeout"` answer a boolean, not the text.
fn only_tested(detail: Node, sink: Node) -> bool {
    ancestors(detail)
        .take_while(|a| a.id() != sink.id())
        .any(|a| matches!(a.kind_name(), "comparison_operator" | "not_operator"))
}

/// Python: true when a helper returns a new exception of the project's own that carries
/// the message (`return StoreConnectionError(str(exc))`, for the caller's `raise
/// classify(exc) from exc`). Raised, it travels as any internal exception does, which the
/// rule does not follow either when it is raised where it is made; an HTTP exception
/// (`HTTPException(detail=str(exc))`, `ApiException(...)`) is an answer and stays a sink.
fn returns_internal_exception(sink: Node, src: &str) -> bool {
    let Some(value) = sink.named_child(0).map(py::unwrap) else {
        return false;
    };
    if value.kind_name() != "call" {
        return false;
    }
    let Some(callee) = py::callee_name(value, src) else {
        return false;
    };
    let class = callee.rsplit('.').next().unwrap_or(callee);
    let lower = class.to_ascii_lowercase();
    class.starts_with(|c: char| c.is_ascii_uppercase())
        && (class.ends_with("Error") || class.ends_with("Exception"))
        && !lower.contains("http")
        && !lower.contains("api")
        && !lower.contains("response")
}

/// True for a function (not a class) that is handed the message and returns its own result:
/// `return update_transfer(db, id, "pending", str(e))` stores it. A function named for
/// building an answer (`error_response(str(e))`, `render_error(...)`, `jsonify(...)`) is
/// not one.
fn hands_message_on(callee: &str) -> bool {
    const ANSWER_WORDS: &[&str] = &[
        "response", "respond", "reply", "render", "abort", "json", "redirect", "http",
    ];
    let lower = callee.to_ascii_lowercase();
    callee.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && !ANSWER_WORDS.iter().any(|word| lower.contains(word))
}

/// True for a class that records how internal work went rather than answering a request:
/// `ConnectorFailure`, `AttachmentProcessingResult`, `CompressionResult`. A class named as
/// an answer (`InvoiceResponse`, `PaymentReply`, `ApiError`, `StatusMessage`) is what a
/// handler sends on, and stays reported.
fn names_result_record(callee: &str) -> bool {
    let class = callee.rsplit('.').next().unwrap_or(callee);
    const RECORD_WORDS: [&str; 4] = ["Result", "Failure", "Outcome", "Record"];
    if class.starts_with(|c: char| c.is_ascii_uppercase()) {
        // A backend's status or health report (`StatusResponse(f"Unable to connect:
        // {exc}", 0)` from a funding source's `status()`) is read on the operator's
        // status page.
        return RECORD_WORDS.iter().any(|word| class.ends_with(word))
            || class.starts_with("Status")
            || class.starts_with("Health");
    }
    // A function that builds such a record: `_create_document_failure(item, str(e))`.
    class.rsplit('_').next().is_some_and(|last| {
        RECORD_WORDS
            .iter()
            .any(|word| last.eq_ignore_ascii_case(word))
    })
}

/// True when the source imports a formatting function from the traceback module
/// (`from traceback import format_exc`).
fn imports_from_traceback(src: &str) -> bool {
    src.lines()
        .any(|l| l.trim_start().starts_with("from traceback import"))
}

/// Python: true when an `if isinstance(e, Http404):` around the node tells which error it
/// is. The code recognises the error by its type and answers with its message on purpose.
fn py_recognised_exception(node: Node, name: &str, src: &str) -> bool {
    let prefix = format!("isinstance({name},");
    for ancestor in ancestors(node) {
        if ancestor.kind_name() == "function_definition" {
            break;
        }
        if !matches!(ancestor.kind_name(), "if_statement" | "elif_clause") {
            continue;
        }
        let in_consequence = ancestor
            .field("consequence")
            .is_some_and(|c| contains(c, node));
        let Some(condition) = ancestor.field("condition").filter(|_| in_consequence) else {
            continue;
        };
        if let Some(types) = text(condition, src).trim().strip_prefix(prefix.as_str()) {
            if !is_generic_exception(types.trim_end_matches(')')) {
                return true;
            }
        }
    }
    false
}

/// True when the `try` whose error reaches the node only parses or decodes data
/// (`json.loads(request.body)`, `JSON.parse(body)`, `bolt11_decode(invoice)`,
/// `bytes.fromhex(id)`): the message describes the input (a line and column, a bad
/// character), nothing of the server.
fn parses_input_only(node: Node, src: &str) -> bool {
    let Some(handler) =
        ancestors(node).find(|a| matches!(a.kind_name(), "except_clause" | "catch_clause"))
    else {
        return false;
    };
    let Some(body) = handler
        .parent()
        .filter(|t| t.kind_name() == "try_statement")
        .and_then(|t| t.field("body"))
    else {
        return false;
    };
    let mut calls = descendants(body)
        .filter(|n| matches!(n.kind_name(), "call" | "call_expression"))
        .peekable();
    calls.peek().is_some()
        && calls.all(|call| {
            let callee = if call.kind_name() == "call" {
                py::callee_name(call, src)
            } else {
                js::callee_name(call, src)
            };
            callee.is_some_and(names_parser)
        })
}

/// JavaScript: true when the `try` whose error is caught proxies a request to another API:
/// it calls `fetch` and answers with the upstream's own status (`res.status(response.status)`).
/// A failure there is the upstream's or the network's, and the route exists to relay it.
fn relays_upstream(node: Node, src: &str) -> bool {
    let Some(body) = ancestors(node)
        .find(|a| a.kind_name() == "catch_clause")
        .and_then(|c| c.parent())
        .filter(|t| t.kind_name() == "try_statement")
        .and_then(|t| t.field("body"))
    else {
        return false;
    };
    let calls: Vec<Node> = descendants(body)
        .filter(|n| n.kind_name() == "call_expression")
        .collect();
    let fetches = calls
        .iter()
        .any(|c| js::callee(*c).is_some_and(|f| text(f, src) == "fetch"));
    let relays_status = calls.iter().any(|c| {
        js::callee_name(*c, src) == Some("status")
            && js::call_arguments(*c).first().is_some_and(|a| {
                let a = unwrap_expression(*a);
                a.kind_name() == "member_expression"
                    && a.field("property")
                        .is_some_and(|p| text(p, src) == "status")
            })
    });
    fetches && relays_status
}

/// `loads`, `parse`, `JSON.parse`, `bolt11_decode`, `fromhex`, `fromisoformat`, `UUID`.
fn names_parser(callee: &str) -> bool {
    let lower = callee.to_ascii_lowercase();
    ["loads", "parse", "decode"]
        .iter()
        .any(|w| lower.contains(w))
        || matches!(lower.as_str(), "fromhex" | "fromisoformat" | "uuid")
}

fn py_debug_guarded(node: Node, src: &str) -> bool {
    if is_environment_guarded(node, src) {
        return true;
    }
    for ancestor in ancestors(node) {
        if ancestor.kind_name() == "function_definition" {
            break;
        }
        let condition = match ancestor.kind_name() {
            "if_statement" | "elif_clause" => ancestor.field("condition"),
            "conditional_expression" => ancestor.named_child(1),
            "boolean_operator" => ancestor.field("left"),
            _ => None,
        };
        if let Some(c) = condition.filter(|c| !contains(*c, node)) {
            if text(c, src).to_ascii_lowercase().contains("debug") {
                return true;
            }
        }
        // An earlier `if not settings.DEBUG: return generic_response` in the same block.
        if ancestor.kind_name() == "block" {
            let mut cursor = ancestor.walk();
            let early_return = ancestor.named_children(&mut cursor).any(|statement| {
                statement.end_byte() <= node.start_byte()
                    && statement.kind_name() == "if_statement"
                    && statement
                        .field("condition")
                        .is_some_and(|c| text(c, src).to_ascii_lowercase().contains("debug"))
                    && statement.field("consequence").is_some_and(|c| {
                        descendants(c).any(|n| {
                            matches!(n.kind_name(), "return_statement" | "raise_statement")
                        })
                    })
            });
            if early_return {
                return true;
            }
        }
    }
    false
}

/// Names of 4xx statuses in `HTTPStatus` / `status` constants.
const PY_CLIENT_STATUS_NAMES: &[&str] = &[
    "BAD_REQUEST",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "CONFLICT",
    "UNPROCESSABLE_ENTITY",
    "UNPROCESSABLE_CONTENT",
    "PAYMENT_REQUIRED",
    "GONE",
    "TOO_MANY_REQUESTS",
    "HTTP_4",
];

/// True when the response the message goes into carries a 4xx status:
/// `status_code=400`, `status_code=HTTPStatus.BAD_REQUEST`, `status=status.HTTP_400_...`.
fn py_client_error_status(sink: Node, src: &str) -> bool {
    // Flask's `return jsonify(...), 400`: the status is the tuple's last element.
    let answer = std::iter::once(sink)
        .chain(ancestors(sink).take_while(|a| !py::is_function(*a)))
        .find(|a| a.kind_name() == "return_statement");
    let tuple_status = answer
        .and_then(|r| r.named_child(0))
        .map(py::unwrap)
        .filter(|v| matches!(v.kind_name(), "tuple" | "expression_list"))
        .and_then(|v| v.named_child(u32::try_from(v.named_child_count().checked_sub(1)?).ok()?))
        .is_some_and(|last| is_client_status(text(last, src)));
    // A status passed by position: `make_response(str(e), 401)`, `abort(400, str(e))`,
    // `HTTPException(HTTPStatus.BAD_REQUEST, str(e))`.
    let positional_status = || {
        descendants(sink).take(256).any(|n| {
            n.kind_name() == "call"
                && py::callee_name(n, src).is_some_and(|callee| {
                    matches!(
                        callee,
                        "make_response"
                            | "Response"
                            | "HttpResponse"
                            | "JsonResponse"
                            | "abort"
                            | "HTTPException"
                    )
                })
                && py::positional_arguments(n)
                    .iter()
                    .any(|a| is_client_status(text(*a, src)))
        })
    };
    tuple_status
        || positional_status()
        || descendants(sink).take(256).any(|n| {
            if n.kind_name() != "keyword_argument" {
                return false;
            }
            let named_status = n
                .field("name")
                .is_some_and(|k| matches!(text(k, src), "status_code" | "status"));
            let Some(value) = n.field("value") else {
                return false;
            };
            named_status && is_client_status(text(value, src))
        })
}

/// `400`, `HTTPStatus.BAD_REQUEST`, `status.HTTP_404_NOT_FOUND`.
fn is_client_status(v: &str) -> bool {
    v.parse::<u32>()
        .is_ok_and(|code| (400..500).contains(&code))
        || PY_CLIENT_STATUS_NAMES.iter().any(|name| {
            v.rsplit('.')
                .next()
                .is_some_and(|last| last.starts_with(name))
        })
}

/// Fastify: `err.message = 'An error has occurred'; reply.send(err)` in a
/// `setErrorHandler` callback. Fastify serialises an error as statusCode, error and
/// message only, and the message was just replaced by a generic text.
fn fastify_generic_message(call: Node, error: Node, src: &str) -> bool {
    let Some(function) = js::enclosing_function(call) else {
        return false;
    };
    let in_error_handler = function
        .parent()
        .filter(|p| p.kind_name() == "arguments")
        .and_then(|p| p.parent())
        .is_some_and(|c| js::callee_name(c, src) == Some("setErrorHandler"));
    if !in_error_handler || js::callee_name(call, src) != Some("send") {
        return false;
    }
    let name = text(error, src);
    let target = format!("{name}.message");
    crate::lang::tree::descendants_mentioning(function, src, &target).any(|n| {
        n.kind_name() == "assignment_expression"
            && n.end_byte() <= call.start_byte()
            && n.field("left").is_some_and(|l| text(l, src) == target)
            && n.field("right")
                .is_some_and(|r| js::string_value(r, src).is_some())
    })
}

/// True when a Python module is a command-line interface and serves nothing: it imports
/// `click` or `typer`, declares commands (`@cli.command(...)`, `@app.command()`) and has no
/// route decorator (`@app.get(...)`, `@router.post(...)`, `@bp.route(...)`). What its
/// functions return goes to the operator's terminal, not to a client.
fn py_command_line_module(src: &str) -> bool {
    let imports_cli = src.lines().any(|l| {
        let l = l.trim_start();
        ["import click", "from click", "import typer", "from typer"]
            .iter()
            .any(|p| l.starts_with(p))
    });
    if !imports_cli {
        return false;
    }
    let decorators = || {
        src.lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('@'))
    };
    const ROUTES: [&str; 9] = [
        ".route(",
        ".get(",
        ".post(",
        ".put(",
        ".patch(",
        ".delete(",
        ".websocket(",
        "api_view",
        ".api_route(",
    ];
    decorators().any(|d| d.contains(".command(") || d.contains(".group("))
        && !decorators().any(|d| ROUTES.iter().any(|r| d.contains(r)))
}

/// True when a name says it lets only administrators through: `check_admin`,
/// `requireAdmin`, `admin_required`, `check_super_user`, `staff_member_required`.
/// True for the code of a first-run web installer (`install/web.js`, `server/setup.js`,
/// `installer/views.py`): it runs before the application is configured, for the operator
/// installing it, and reports why a database connection or a setup step failed by design.
fn is_installer_file(path: &std::path::Path) -> bool {
    const INSTALLER_NAMES: &[&str] = &["install", "installer", "setup", "setup-wizard", "wizard"];
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    // `setup.py` packages a Python project; it serves nothing.
    let is_python_packaging = stem == "setup" && path.extension().is_none_or(|e| e == "py");
    INSTALLER_NAMES.contains(&stem) && !is_python_packaging
        || path
            .parent()
            .into_iter()
            .flat_map(|p| p.components())
            .filter_map(|c| c.as_os_str().to_str())
            .any(|dir| matches!(dir, "install" | "installer"))
}

fn names_admin_guard(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("admin")
        || lower.contains("superuser")
        || lower.contains("super_user")
        || lower.contains("staff_member_required")
        // A guard that admits only the deployment's own control plane.
        || lower.contains("control_plane")
        || names_manage_permission(&lower)
}

/// True when a lower-cased guard requires a permission to manage the instance's
/// configuration: `require_permission(Permission.MANAGE_CONNECTORS)`,
/// `permission_required("manage_settings")`. Those who hold it configure the server and
/// read its errors to fix that configuration.
fn names_manage_permission(lower: &str) -> bool {
    lower.contains("permission")
        && ["manage_", "manage:", "manage."]
            .iter()
            .any(|word| lower.contains(word))
}

/// True when a route path says only the deployment's own services call it: a segment
/// `internal` (`/internal/workflows/run`, `/api/internal/jobs`).
fn is_internal_path(path: &str) -> bool {
    path.split('/')
        .any(|segment| matches!(segment, "internal" | "_internal"))
}

/// True when a route path lies in the administration area: a segment `admin`
/// (`/admin/query-history`, `/api/admin/users`).
fn is_admin_path(path: &str) -> bool {
    path.split('/').any(|segment| segment == "admin")
}

/// True when a guard's text requires a permission (`require_permission(Permission.X)`,
/// `requirePermission('audit:read')`).
fn names_permission(guard: &str) -> bool {
    guard.to_ascii_lowercase().contains("permission")
}

/// Python: true when a route serves the deployment's own services only: its path, or the
/// prefix of the router it is declared on, is internal (`@router.post("/internal/run")`,
/// `router = APIRouter(prefix="/internal/workflows")` at module level).
fn py_internal_route(function: Node, src: &str) -> bool {
    py_route_path(function, src, is_internal_path)
}

/// Python: true when a route of the administration area (`@router.get("/admin/history")`)
/// also requires a permission of its caller (`Depends(require_permission(...))` in its
/// decorator or parameters): only the operators granted it read the answer. Neither alone
/// is enough: an `/admin` path may check no more than a login, and a permission may be one
/// every user holds.
fn py_admin_area_with_permission(function: Node, src: &str) -> bool {
    let requires_permission = py::decorators(function)
        .iter()
        .copied()
        .chain(function.field("parameters"))
        .any(|n| {
            descendants(n).take(256).any(|d| {
                d.kind_name() == "call"
                    && py::callee_name(d, src) == Some("Depends")
                    && names_permission(text(d, src))
            })
        });
    requires_permission && py_route_path(function, src, is_admin_path)
}

/// Python: true when the path a route decorator gives (`@router.post("/internal/run")`), or
/// the prefix of the router it is declared on (`router = APIRouter(prefix="/internal")` at
/// module level), satisfies `wanted`.
fn py_route_path(function: Node, src: &str, wanted: fn(&str) -> bool) -> bool {
    let Some(root) = ancestors(function).last() else {
        return false;
    };
    py::decorators(function).iter().any(|decorator| {
        if decorator.kind_name() != "call" {
            return false;
        }
        let by_path = py::positional_arguments(*decorator)
            .first()
            .and_then(|a| py::string_value(*a, src))
            .is_some_and(|p| wanted(&p));
        let by_prefix = || {
            py::callee_object(*decorator)
                .filter(|o| o.kind_name() == "identifier")
                .is_some_and(|router| {
                    py::module_bindings_of(root, text(router, src), src, function.start_byte())
                        .iter()
                        .any(|binding| {
                            let value = py::unwrap(binding.value);
                            value.kind_name() == "call"
                                && ["prefix", "url_prefix"].iter().any(|keyword| {
                                    py::keyword_argument(value, keyword, src)
                                        .and_then(|p| py::string_value(p, src))
                                        .is_some_and(|p| wanted(&p))
                                })
                        })
                })
        };
        by_path || by_prefix()
    })
}

/// True when the handler around `node` serves administrators only: a decorator of an
/// enclosing function names an admin guard (`@router.delete("/x",
/// dependencies=[Depends(check_admin)])`, `@admin_required`), or a parameter is one
/// (`user: User = Depends(check_admin)`). The operator who reads the error runs the server.
fn py_admin_only_route(node: Node, src: &str) -> bool {
    ancestors(node)
        .filter(|a| a.kind_name() == "function_definition")
        .any(|function| {
            let by_decorator = py::decorators(function).iter().any(|d| {
                // A name of its own or an argument (`@admin_required`,
                // `Depends(check_admin)`), not a router named `admin` (`@admin.route`).
                descendants(*d).take(256).any(|n| {
                    (n.kind_name() == "identifier"
                        && n.parent().is_none_or(|p| p.kind_name() != "attribute")
                        && names_admin_guard(text(n, src)))
                        || (n.kind_name() == "call"
                            && py::callee_name(n, src) == Some("Depends")
                            && names_admin_guard(text(n, src)))
                })
            });
            let by_parameter = function.field("parameters").is_some_and(|params| {
                descendants(params).take(256).any(|n| {
                    n.kind_name() == "call"
                        && py::callee_name(n, src) == Some("Depends")
                        && names_admin_guard(text(n, src))
                })
            });
            by_decorator
                || by_parameter
                || admin_only_class(function, src)
                || py_internal_route(function, src)
                || py_admin_area_with_permission(function, src)
        })
}

/// Python: true when the class a view method belongs to admits only administrators: a
/// DRF `permission_classes = (IsAdminUser,)`, or a base class named for them
/// (`class DebugController(BaseAdminController)`).
fn admin_only_class(function: Node, src: &str) -> bool {
    let Some(class) = ancestors(function).find(|a| a.kind_name() == "class_definition") else {
        return false;
    };
    let by_base = class
        .field("superclasses")
        .is_some_and(|bases| names_admin_guard(text(bases, src)));
    let by_permissions = class.field("body").is_some_and(|body| {
        py::assignments(body).into_iter().any(|(_, target, value)| {
            text(target, src) == "permission_classes" && names_admin_guard(text(value, src))
        })
    });
    by_base || by_permissions
}

/// JavaScript: true when a route registration names an internal path
/// (`router.post('/internal/jobs', handler)`): only the deployment's own services call it.
fn js_internal_route(route: Node, src: &str) -> bool {
    const ROUTE_METHODS: &[&str] = &["get", "post", "put", "patch", "delete", "all", "use"];
    js::callee_name(route, src).is_some_and(|m| ROUTE_METHODS.contains(&m))
        && js::call_arguments(route)
            .first()
            .and_then(|a| js::string_value(*a, src))
            .is_some_and(|p| is_internal_path(&p))
}

/// JavaScript: true when a route of the administration area (`router.get('/admin/audit',
/// ...)`) has a middleware before `handler` that requires a permission
/// (`requirePermission('audit:read')`); see `py_admin_area_with_permission`.
fn js_admin_area_with_permission(route: Node, handler: Node, src: &str) -> bool {
    let arguments = js::call_arguments(route);
    let in_admin_area = arguments
        .first()
        .and_then(|a| js::string_value(*a, src))
        .is_some_and(|p| is_admin_path(&p));
    in_admin_area
        && arguments.iter().skip(1).any(|arg| {
            arg.end_byte() <= handler.start_byte()
                && matches!(
                    arg.kind_name(),
                    "identifier" | "member_expression" | "call_expression"
                )
                && names_permission(text(*arg, src))
        })
}

/// True when the route whose handler sends the response has an admin guard among its
/// middleware: `router.delete('/x', requireAdmin, async (req, res) => ...)`.
fn js_admin_only_route(call: Node, src: &str) -> bool {
    ancestors(call)
        .filter(|a| js::is_function(*a))
        .any(|handler| {
            let Some(route) = handler
                .parent()
                .filter(|p| p.kind_name() == "arguments")
                .and_then(|args| args.parent())
            else {
                return false;
            };
            js::call_arguments(route).iter().any(|arg| {
                let before = arg.end_byte() <= handler.start_byte();
                let admin_guard = is_js_admin_guard(*arg, src)
                    // A list of middleware (`[validatedRequest, roleValid([ROLES.admin])]`).
                    || (arg.kind_name() == "array" && {
                        let mut cursor = arg.walk();
                        let mut elements = arg.named_children(&mut cursor);
                        elements.any(|element| is_js_admin_guard(element, src))
                    });
                // A middleware written in place that compares the caller's token with the
                // deployment's shared secret: only the project's own services call the route.
                let shared_secret_guard =
                    js::is_function(*arg) && text(*arg, src).contains("timingSafeEqual");
                before && (admin_guard || shared_secret_guard)
            }) || js_internal_route(route, src)
                || js_admin_area_with_permission(route, handler, src)
        })
}

/// JavaScript: true for a middleware argument named for admitting administrators only
/// (`requireAdmin`, `auth.isAdmin`, `roleValid([ROLES.admin])`).
fn is_js_admin_guard(node: Node, src: &str) -> bool {
    matches!(
        node.kind_name(),
        "identifier" | "member_expression" | "call_expression"
    ) && names_admin_guard(text(node, src))
}

/// JavaScript: true when the response a send call answers with was already sent by an
/// earlier call of the chain (`res.send(500).send(err)`): Express throws on the second send
/// instead of answering with its argument.
fn answers_sent_response(call: Node, src: &str) -> bool {
    let mut object = js::callee_object(call).map(unwrap_expression);
    for _ in 0..8 {
        let Some(node) = object.filter(|o| o.kind_name() == "call_expression") else {
            return false;
        };
        if js::callee_name(node, src).is_some_and(|m| JS_SENDS.contains(&m)) {
            return true;
        }
        object = js::callee_object(node).map(unwrap_expression);
    }
    false
}

/// JavaScript: the function a module declares at its top level under `name`
/// (`function sendFailure(...) {}`, `const sendFailure = (...) => {}`, exported or not).
fn js_module_function<'t>(root: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut cursor = root.walk();
    let statements: Vec<Node> = root.named_children(&mut cursor).collect();
    for statement in statements {
        let statement = if statement.kind_name() == "export_statement" {
            match statement.field("declaration") {
                Some(declaration) => declaration,
                None => continue,
            }
        } else {
            statement
        };
        let named = |n: Node| n.field("name").is_some_and(|id| text(id, src) == name);
        match statement.kind_name() {
            "function_declaration" | "generator_function_declaration" if named(statement) => {
                return Some(statement);
            }
            "lexical_declaration" | "variable_declaration" => {
                let mut inner = statement.walk();
                let declarators: Vec<Node> = statement.named_children(&mut inner).collect();
                for declarator in declarators {
                    if declarator.kind_name() != "variable_declarator" || !named(declarator) {
                        continue;
                    }
                    return declarator
                        .field("value")
                        .map(unwrap_expression)
                        .filter(|v| js::is_function(*v));
                }
            }
            _ => {}
        }
    }
    None
}

/// JavaScript: a caught error handed to a function of the same module that sends it to the
/// client (`catch (err) { sendFailure(res, err) }` with `function sendFailure(res, detail) {
/// res.status(500).json({ error: detail.message }) }`), reported at the call. A helper whose
/// first parameter is named like an error is read as an error handler of its own, and
/// reported where it sends.
fn check_js_helper_call(call: Node, cx: &TreeContext, out: &mut Findings) {
    let src = cx.src;
    let Some(callee) = js::callee(call).map(unwrap_expression) else {
        return;
    };
    let name = text(callee, src);
    let arguments = js::call_arguments(call);
    let Some((index, error)) = arguments
        .iter()
        .map(|a| unwrap_expression(*a))
        .enumerate()
        .find(|(_, a)| a.kind_name() == "identifier" && is_error_binding(*a, src))
    else {
        return;
    };
    let Some(root) = ancestors(call).last() else {
        return;
    };
    let Some(helper) = js_module_function(root, name, src) else {
        return;
    };
    if contains(helper, call) {
        return;
    }
    let parameters = js::parameters(helper);
    let names = js::parameter_names(helper, src);
    if parameters.len() != names.len() {
        return;
    }
    let Some(param) = names.get(index).copied() else {
        return;
    };
    if index == 0 && is_error_name(param) {
        return;
    }
    let Some((kind, at)) = js_param_leak(helper, param, &names, src) else {
        return;
    };
    if js_admin_only_route(call, src)
        || is_installer_file(&cx.file.path)
        || checks_admin_first(call, src)
        || guarded(call, src)
        || kind == Leak::Message && known_error(call, src)
        || kind != Leak::Stack && (parses_input_only(call, src) || relays_upstream(call, src))
    {
        return;
    }
    out.report(
        call.byte_range(),
        format!(
            "{} is sent to the client by `{name}`: {REVEALS}",
            kind.what(text(error, src))
        ),
    )
    .label(
        at.byte_range(),
        format!("`{name}` sends its parameter `{param}` here"),
    )
    .help(HELP_JS);
}

/// JavaScript: where a function (`helper`, with its parameter names `names`) sends its
/// parameter `param` to the client, and what of it.
fn js_param_leak<'t>(
    helper: Node<'t>,
    param: &str,
    names: &[&str],
    src: &'t str,
) -> Option<(Leak, Node<'t>)> {
    js_param_leaks(helper, &[param], names, src)
        .into_iter()
        .next()
        .map(|(kind, at, _)| (kind, at))
}

/// JavaScript: where a function (`helper`, with its parameter names `names`) first sends
/// each of the parameters `params` to the client, and what of it, in one walk of its body.
fn js_param_leaks<'t>(
    helper: Node<'t>,
    params: &[&str],
    names: &[&str],
    src: &'t str,
) -> Vec<(Leak, Node<'t>, String)> {
    let mut found: Vec<(Leak, Node<'t>, String)> = Vec::new();
    let Some(body) = helper.field("body") else {
        return found;
    };
    let is_param = |n: Node| {
        params.contains(&text(n, src))
            && js::enclosing_function(n).is_some_and(|f| f.id() == helper.id())
    };
    for send in descendants(body) {
        if send.kind_name() != "call_expression"
            || !js::callee_name(send, src).is_some_and(|m| JS_SENDS.contains(&m))
            || answers_sent_response(send, src)
        {
            continue;
        }
        let Some(path) = js::callee(send).and_then(|c| js::dotted_path(c, src)) else {
            continue;
        };
        let root_name = path.split('.').next().unwrap_or("");
        if !(JS_RESPONSES.contains(&root_name) || names.contains(&root_name)) {
            continue;
        }
        let client_error = literal_status(send, src)
            .or_else(|| earlier_status(send, root_name, src))
            .is_some_and(|s| (400..500).contains(&s));
        let leaks = js::call_arguments(send)
            .into_iter()
            .flat_map(|arg| js_leaks(arg, src, &is_param));
        for (kind, at, name) in leaks {
            if found.iter().any(|(_, _, n)| *n == name)
                || kind == Leak::Message && (client_error || known_error(at, src))
                || kind != Leak::Stack && (parses_input_only(at, src) || relays_upstream(at, src))
                || kind == Leak::Whole && recognised_app_error(at, src)
                || guarded(at, src)
            {
                continue;
            }
            found.push((kind, at, name));
        }
        if found.len() == params.len() {
            break;
        }
    }
    found
}

/// What the function summaries ask of functions and calls (`facts::summaries`).
static SEND_QUESTIONS: SendQuestions = SendQuestions {
    sends_param: summary_sends_params,
    hands_error: summary_hands_error,
    may_send: summary_may_send,
    may_define_sender: summary_may_define_sender,
};

/// A JavaScript module that exports something.
static JS_EXPORT_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"\bexport\b|\bexports\b"));
/// A Python answer that may carry a message: an HTTP error, `abort`, a response …
static PY_ANSWER_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"HTTPException|abort\(|Response\(|jsonify\("));
/// An exception handler function (what `py_unknown_exception` accepts besides `except`).
static PY_HANDLER_FUNCTION_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(r"exception_handler|errorhandler|process_exception")
});
/// A Python `except` clause catching every exception under a name.
static PY_CATCH_ALL_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(r"\bexcept\b[^:]*\b(?:Exception|BaseException)\b[^:]*\bas\b")
});

/// A Python function's parameter list (one level of nested brackets: `x=int(5)`).
static PY_DEF_PARAMS_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"\bdef\s+\w+\s*\(((?:[^()]|\([^()]*\))*)\)"));
/// The text of a bare name, as `py_param_sinks` reads a sent parameter: `str(e)`,
/// `repr(e)`, an f-string's `{e}` / `{e!r}` / `{e:>10}`.
static PY_TEXT_OF_NAME_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(r"\b(?:str|repr)\(\s*(\w+)\s*[,)]|\{\s*(\w+)\s*[}!:=]")
});

/// Python, without a parse: may a function of the file send one of its parameters in an
/// answer (`py_param_sinks`)? An answer (an HTTP error, `abort`, a response) and the text
/// of a bare name (`str(e)`, `f"{e}"`) that some `def` of the file takes as a parameter.
fn py_may_define_sender(bytes: &[u8]) -> bool {
    if !shape_matches(&PY_ANSWER_TEXT, bytes) {
        return false;
    }
    let (Some(defs), Some(texts)) = (PY_DEF_PARAMS_TEXT.as_ref(), PY_TEXT_OF_NAME_TEXT.as_ref())
    else {
        return true;
    };
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let mut params: Vec<&[u8]> = Vec::new();
    for found in defs.captures_iter(bytes) {
        let Some(list) = found.get(1) else { continue };
        // Every word of the list may be a parameter's name (annotations and defaults too).
        for word in list.as_bytes().split(|b| !is_word(b)) {
            if !word.is_empty() && !matches!(word, b"self" | b"cls") && !params.contains(&word) {
                params.push(word);
            }
        }
    }
    !params.is_empty()
        && texts.captures_iter(bytes).any(|found| {
            found
                .iter()
                .skip(1)
                .flatten()
                .any(|name| params.contains(&name.as_bytes()))
        })
}

/// Python imports, as text: `from m import a, b as c` (`(?:...)` groups, parenthesised
/// lists over lines) and `import m.n as o`.
static PY_IMPORT_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r"(?m)^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)|import[ \t]+([^\n#;]*))",
    )
});
/// An `except` clause catching every exception under a name: the name.
static PY_CATCH_ALL_NAME_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(r"^except\b[^:]*\b(?:Exception|BaseException)\b[^:]*\bas\s+(\w+)\s*:")
});

/// Python, without a parse: may an `except` handler catching everything under a name hand
/// it to a function the file imports (`summary_hands_error`)? A statement of the handler's
/// block calls an imported name (`fail(...)`, `errors.fail(...)`, `Errors.fail(...)`; not
/// a class's constructor, which no summary describes) and mentions the caught name.
fn py_may_hand_error(bytes: &[u8]) -> bool {
    // An exception handler function's parameter is a caught error too.
    if shape_matches(&PY_HANDLER_FUNCTION_TEXT, bytes) {
        return true;
    }
    if !shape_matches(&PY_CATCH_ALL_TEXT, bytes) {
        return false;
    }
    let (Some(imports), Some(catch_all)) =
        (PY_IMPORT_TEXT.as_ref(), PY_CATCH_ALL_NAME_TEXT.as_ref())
    else {
        return true;
    };
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let mut imported: Vec<&[u8]> = Vec::new();
    for found in imports.captures_iter(bytes) {
        for group in found.iter().skip(1).flatten() {
            for item in group.as_bytes().split(|b| *b == b',') {
                // `a as b`: the local name is the last word; `x.y`: the first name.
                let words: Vec<&[u8]> = item
                    .split(|b| !(is_word(b) || *b == b'.'))
                    .filter(|w| !w.is_empty())
                    .collect();
                let Some(local) = words.last() else { continue };
                let local = local.split(|b| *b == b'.').next().unwrap_or(local);
                let class = local.first().is_some_and(u8::is_ascii_uppercase);
                if !local.is_empty() && !class && !imported.contains(&local) {
                    imported.push(local);
                }
            }
        }
    }
    if imported.is_empty() {
        return false;
    }
    let Some(lines) = crate::lang::py_lines::logical_lines(bytes) else {
        return true;
    };
    // The handlers open around the current statement: (indentation, caught name).
    let mut handlers: Vec<(usize, &[u8])> = Vec::new();
    for line in &lines {
        let code = bytes.get(line.range.clone()).unwrap_or_default();
        handlers.retain(|(indent, _)| line.indent > *indent);
        let mentions = |word: &[u8]| {
            memchr::memmem::find_iter(code, word).any(|at| {
                let before = at.checked_sub(1).and_then(|i| code.get(i));
                let after = code.get(at + word.len());
                before.is_none_or(|b| !is_word(b) && *b != b'.')
                    && after.is_none_or(|b| !is_word(b))
            })
        };
        if !handlers.is_empty() {
            let calls_import = imported.iter().any(|name| {
                memchr::memmem::find_iter(code, name).any(|at| {
                    let before = at.checked_sub(1).and_then(|i| code.get(i));
                    let rest = &code[at + name.len()..];
                    // A class's constructor is no summarised function; its methods are.
                    let class = name.first().is_some_and(u8::is_ascii_uppercase);
                    before.is_none_or(|b| !is_word(b) && *b != b'.')
                        && match rest.first() {
                            Some(b'(') => !class,
                            Some(b'.') => true,
                            _ => false,
                        }
                })
            });
            if calls_import && handlers.iter().any(|(_, name)| mentions(name)) {
                return true;
            }
        }
        if let Some(name) = catch_all.captures(code).and_then(|found| found.get(1)) {
            handlers.push((line.indent, name.as_bytes()));
        }
    }
    false
}

/// Whether a file may define a function sending what it is given to the client.
fn summary_may_define_sender(bytes: &[u8], python: bool) -> bool {
    if python {
        py_may_define_sender(bytes)
    } else {
        shape_matches(&JS_SEND_TEXT, bytes) && shape_matches(&JS_EXPORT_TEXT, bytes)
    }
}

/// Whether a file may define a function sending what it is given to the client (a module
/// that exports such a function, in JavaScript), or hand a caught error to a function of
/// another module (`summaries::SendQuestions::may_send`).
fn summary_may_send(bytes: &[u8], python: bool) -> bool {
    if python {
        py_may_hand_error(bytes) || py_may_define_sender(bytes)
    } else {
        let catches =
            shape_matches(&JS_ERROR_TEXT, bytes) && shape_matches(&JS_RELATIVE_IMPORT_TEXT, bytes);
        catches || shape_matches(&JS_SEND_TEXT, bytes) && shape_matches(&JS_EXPORT_TEXT, bytes)
    }
}

/// The parameters a function sends to the client: the stack, the whole value or its
/// message (JavaScript), its message in a raised HTTP error or a returned response
/// (Python). A JavaScript function whose first parameter is named like an error is an
/// error handler of its own (reported where it sends).
fn summary_sends_params<'t>(function: Node<'t>, cx: &TreeContext<'t>) -> Vec<ParamSink> {
    let src = cx.src;
    let mut out = Vec::new();
    let body_text = text(function, src).as_bytes();
    if cx.kind == crate::lang::FileKind::Py {
        if !(memchr::memmem::find(body_text, b"str(").is_some()
            || memchr::memmem::find(body_text, b"repr(").is_some()
            || memchr::memmem::find(body_text, b"{").is_some())
        {
            return out;
        }
        let names: Vec<&str> = py::parameter_names(function, src)
            .into_iter()
            .filter(|p| !matches!(*p, "self" | "cls"))
            .collect();
        // One walk: per parameter, a sink reaching the client wherever the function is
        // called if there is one, else one reaching it when the caller answers with it.
        let mut found: Vec<(Node, bool, &str)> = Vec::new();
        for (at, needs_answer, name) in py_param_sinks(function, &names, true, src) {
            match found.iter_mut().find(|(_, _, n)| *n == name) {
                Some(first) if first.1 && !needs_answer => *first = (at, needs_answer, name),
                Some(_) => {}
                None => found.push((at, needs_answer, name)),
            }
        }
        for (at, needs_answer, param) in found {
            let Some(index) = names.iter().position(|n| *n == param) else {
                continue;
            };
            out.push(ParamSink {
                param: index,
                name: param.to_string(),
                range: at.byte_range(),
                line: at.start_position().row + 1,
                kind: "message".into(),
                needs_answer,
            });
        }
        return out;
    }
    if !shape_matches(&JS_SEND_TEXT, body_text) {
        return out;
    }
    let parameters = js::parameters(function);
    let names = js::parameter_names(function, src);
    if parameters.len() != names.len() {
        return out;
    }
    let params: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(index, param)| !(*index == 0 && is_error_name(param)))
        .map(|(_, param)| *param)
        .collect();
    if params.is_empty() {
        return out;
    }
    for (kind, at, name) in js_param_leaks(function, &params, &names, src) {
        let Some(index) = names.iter().position(|n| *n == name) else {
            continue;
        };
        out.push(ParamSink {
            param: index,
            name,
            range: at.byte_range(),
            line: at.start_position().row + 1,
            kind: match kind {
                Leak::Stack => "stack",
                Leak::Whole => "whole",
                Leak::Message => "message",
            }
            .into(),
            needs_answer: false,
        });
    }
    out
}

/// Where a Python call handing a caught error to a helper is no finding whatever the
/// helper does: a command-line module, an admin-only route, an installer, a branch guarded
/// by a debug switch, or a handler of input parsing.
fn py_call_answers_no_client(call: Node, cx: &TreeContext) -> bool {
    let src = cx.src;
    py_command_line_module(src)
        || py_admin_only_route(call, src)
        || checks_admin_first(call, src)
        || is_installer_file(&cx.file.path)
        || parses_input_only(call, src)
        || py_debug_guarded(call, src)
}

/// The caught error a call hands to its callee, with the kinds of leak the rule reports
/// from this call (none in an admin-only route, an installer, a guarded branch; no message
/// of an error the code recognises).
fn summary_hands_error<'t>(call: Node<'t>, cx: &TreeContext<'t>) -> Option<HandedError> {
    let src = cx.src;
    if cx.kind == crate::lang::FileKind::Py {
        let arguments = py::positional_arguments(call);
        let (arg, error) = arguments.iter().copied().enumerate().find(|(_, a)| {
            a.kind_name() == "identifier"
                && py_unknown_exception(call, text(*a, src), src)
                && !py_recognised_exception(call, text(*a, src), src)
        })?;
        if py_call_answers_no_client(call, cx) {
            return None;
        }
        let answered = call
            .parent()
            .is_some_and(|p| matches!(p.kind_name(), "return_statement" | "raise_statement"));
        return Some(HandedError {
            arg,
            shown: text(error, src).to_string(),
            kinds: vec!["message".into()],
            answered,
        });
    }
    let (arg, error) = js::call_arguments(call)
        .iter()
        .map(|a| unwrap_expression(*a))
        .enumerate()
        .find(|(_, a)| a.kind_name() == "identifier" && is_error_binding(*a, src))?;
    if js_admin_only_route(call, src)
        || is_installer_file(&cx.file.path)
        || checks_admin_first(call, src)
        || guarded(call, src)
    {
        return None;
    }
    let mut kinds = vec!["stack".to_string()];
    if !(parses_input_only(call, src) || relays_upstream(call, src)) {
        kinds.push("whole".into());
        if !known_error(call, src) {
            kinds.push("message".into());
        }
    }
    Some(HandedError {
        arg,
        shown: text(error, src).to_string(),
        kinds,
        answered: true,
    })
}

/// Python: the function of the module that `call` names, with the callee as written and
/// whether it is a method: a module-level `def name` for `name(...)`, a method of the
/// enclosing class for `self.name(...)`.
fn py_module_function<'t>(call: Node<'t>, src: &'t str) -> Option<(Node<'t>, &'t str, bool)> {
    let callee = call.field("function")?;
    let (scope, name, method) = match callee.kind_name() {
        "identifier" => (ancestors(call).last()?, text(callee, src), false),
        "attribute" => {
            let object = callee.field("object")?;
            if !matches!(text(object, src), "self" | "cls") {
                return None;
            }
            let class = ancestors(call).find(|a| a.kind_name() == "class_definition")?;
            (
                class.field("body")?,
                text(callee.field("attribute")?, src),
                true,
            )
        }
        _ => return None,
    };
    let mut cursor = scope.walk();
    let definitions: Vec<Node> = scope.named_children(&mut cursor).collect();
    let function = definitions.into_iter().find_map(|d| {
        let function = if d.kind_name() == "decorated_definition" {
            d.field("definition")?
        } else {
            d
        };
        (function.kind_name() == "function_definition"
            && function.field("name").is_some_and(|n| text(n, src) == name))
        .then_some(function)
    })?;
    Some((function, text(callee, src), method))
}

/// Python: an unknown exception handed to a function of the same module (or a method of the
/// same class) that returns its message to the client (`except Exception as e: fail(e)`
/// with `def fail(detail): raise HTTPException(500, detail=str(detail))`), reported at the
/// call. A helper that returns a response object counts when the call's value is returned
/// or raised.
fn check_py_helper_call(call: Node, cx: &TreeContext, out: &mut Findings) {
    let src = cx.src;
    let arguments = py::positional_arguments(call);
    let Some((index, error)) = arguments.iter().copied().enumerate().find(|(_, a)| {
        a.kind_name() == "identifier"
            && py_unknown_exception(call, text(*a, src), src)
            && !py_recognised_exception(call, text(*a, src), src)
    }) else {
        return;
    };
    let Some((helper, name, method)) = py_module_function(call, src) else {
        return;
    };
    if contains(helper, call) {
        return;
    }
    let names = py::parameter_names(helper, src);
    let offset = usize::from(method && names.first().is_some_and(|p| matches!(*p, "self" | "cls")));
    let Some(param) = names.get(index + offset).copied() else {
        return;
    };
    let answered_by_call = call
        .parent()
        .is_some_and(|p| matches!(p.kind_name(), "return_statement" | "raise_statement"));
    let Some((at, _)) = py_param_sink(helper, param, answered_by_call, src) else {
        return;
    };
    if py_call_answers_no_client(call, cx) {
        return;
    }
    out.report(
        call.byte_range(),
        format!(
            "the exception message of `{}` is returned to the client by `{name}`: {REVEALS}",
            text(error, src)
        ),
    )
    .label(
        at.byte_range(),
        format!("`{name}` returns its parameter `{param}` here"),
    )
    .help(HELP_PY);
}

/// Python: where a function (`helper`) returns its parameter `param`'s message to the
/// client, and whether it gets there only when the caller answers with the call's value. A
/// raise (or Flask's raising `abort`) reaches the client wherever the helper is called; a
/// response it builds or returns, only when the caller answers with it (`answered`: the
/// caller does; otherwise such a sink is given only when no delivered one is found).
fn py_param_sink<'t>(
    helper: Node<'t>,
    param: &str,
    answered: bool,
    src: &str,
) -> Option<(Node<'t>, bool)> {
    py_param_sinks(helper, &[param], answered, src)
        .find(|(_, _, name)| *name == param)
        .map(|(at, needs_answer, _)| (at, needs_answer))
}

/// Python: the places a function (`helper`) returns the message of one of `params` to the
/// client (see `py_param_sink`), in the order of its body, with the parameter's name.
fn py_param_sinks<'t, 's>(
    helper: Node<'t>,
    params: &'s [&'s str],
    answered: bool,
    src: &'s str,
) -> impl Iterator<Item = (Node<'t>, bool, &'s str)> + use<'t, 's> {
    let body = helper.field("body");
    body.into_iter()
        .flat_map(descendants)
        .filter_map(move |node| {
            let variable = match node.kind_name() {
                "call" if matches!(py::callee_name(node, src), Some("str" | "repr")) => {
                    py::positional_arguments(node).first().copied()
                }
                "interpolation" => node.named_child(0),
                _ => None,
            }?;
            let param = params.iter().find(|p| **p == text(variable, src))?;
            if variable.kind_name() != "identifier"
                || py::enclosing_function(node).is_none_or(|f| f.id() != helper.id())
            {
                return None;
            }
            let sink = py_response_sink(node, src)?;
            if only_tested(node, sink) {
                return None;
            }
            let needs_answer = match sink.kind_name() {
                "raise_statement" => false,
                "return_statement" => {
                    if returns_data_outside_handler(sink, node, src)
                        || returns_internal_exception(sink, src)
                    {
                        return None;
                    }
                    true
                }
                _ => py::callee_name(sink, src) != Some("abort"),
            };
            let delivered = answered || !needs_answer;
            (delivered && !py_client_error_status(sink, src) && !py_debug_guarded(node, src))
                .then_some((node, needs_answer, *param))
        })
}

/// Words of a record that reports the outcome of a check the caller asked for.
const CHECK_WORDS: &[&str] = &[
    "Validate",
    "Validation",
    "Validity",
    "Test",
    "Verify",
    "Verification",
];
/// Last words of such a record.
const RESULT_WORDS: &[&str] = &["Response", "Result", "Results", "Outcome", "Report"];

/// Python: true when the message goes into the answer of a check the caller asked for: a
/// record named for validating, testing or verifying (`HookValidateResponse(status=...,
/// error_message=str(exc))`, `TestConnectionResult(error=str(e))`,
/// `ExpressionValidationResponse(errors=[...])`), or any answer of a request handler named
/// for one (`def verify_condition(...)`, `def test_connection(...)`,
/// `def validate_credentials(...)`). Why the check failed is what the endpoint answers, and
/// it describes the input or the target the caller gave to check.
fn py_check_result(node: Node, sink: Node, src: &str) -> bool {
    let check_handler = py::enclosing_function(node).is_some_and(|function| {
        function.field("name").is_some_and(|name| {
            let first = text(name, src).split('_').next().unwrap_or("");
            matches!(first, "validate" | "verify" | "test")
        }) && crate::facts::handler::py_is_request_handler(function, src)
    });
    check_handler
        || std::iter::once(node)
            .chain(ancestors(node))
            .take_while(|a| a.id() != sink.id())
            .chain(std::iter::once(sink))
            .filter(|a| a.kind_name() == "call")
            .filter_map(|call| py::callee_name(call, src))
            .any(|callee| {
                let class = callee.rsplit('.').next().unwrap_or(callee);
                let words = camel_words(class);
                words.iter().any(|w| CHECK_WORDS.contains(w))
                    && words.last().is_some_and(|w| RESULT_WORDS.contains(w))
            })
}

/// The words of a CamelCase name: `HookValidateResponse` → `Hook`, `Validate`, `Response`.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < name.len() {
        words.push(&name[start..]);
    }
    words
}

/// JavaScript: true when the request handler around the call is named for a check the
/// caller asked for (`async function testConnection(req, res)`, `const validateWebhook =
/// async (req, res) => ...`, a controller's `verifyCredentials(req, res)`): the message of
/// why the check failed is its answer (see `py_check_result`).
fn js_check_handler(call: Node, src: &str) -> bool {
    let Some(handler) = ancestors(call).find(|a| js::is_function(*a)) else {
        return false;
    };
    if !crate::facts::express::has_handler_shape(handler, src) {
        return false;
    }
    let name = handler.field("name").or_else(|| {
        handler
            .parent()
            .filter(|p| matches!(p.kind_name(), "variable_declarator" | "pair"))
            .and_then(|p| p.field("name").or_else(|| p.field("key")))
    });
    name.is_some_and(|n| {
        let name = text(n, src);
        let first: String = name
            .chars()
            .take_while(|c| !c.is_ascii_uppercase() && *c != '_')
            .collect();
        matches!(first.as_str(), "validate" | "verify" | "test")
    })
}
