//! express-async-error: an async route handler or middleware on Express 4 whose awaits can
//! reject outside try/catch, with no wrapper that forwards the rejection to `next`.

use std::collections::BTreeSet;

use crate::diagnostic::{Applicability, Findings, Fix};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::express;
use crate::facts::express::AppKind;
use crate::facts::express::Registration;
use crate::facts::express::Value;
use crate::facts::express_model::{ExpressModel, Target};
use crate::facts::http::is_app_like;
use crate::facts::summaries::RejectQuestions;
use crate::lang::tree::{FieldExt, KindExt};
use crate::rules::{Prescan, Rule, TreeContext};
use tree_sitter::Node;

pub struct ExpressAsyncError;

const HELP: &str = "catch the rejection and pass it on: wrap the body in `try { ... } catch (err) { next(err) }`, or wrap the handler (`asyncHandler(...)`, `.catch(next)`), or `require('express-async-errors')` once at startup; Express 5 forwards rejected promises itself";

impl Rule for ExpressAsyncError {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        express::EXPRESS_NEEDLES
    }

    fn may_match(&self, file: &Prescan) -> bool {
        express::may_use_express(file.bytes)
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Express, Fact::Summaries]
    }

    fn reject_questions(&self) -> Option<&'static RejectQuestions> {
        Some(&REJECT_QUESTIONS)
    }

    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let model = cx.express_model();
        let mut reported = BTreeSet::new();
        for (file, facts) in model.modules() {
            if facts.registrations.is_empty()
                || model.express_major(file) >= 5
                || model.async_errors_patched(file)
            {
                continue;
            }
            for reg in &facts.registrations {
                // A route that only development or test runs register serves no user.
                if reg.development_only
                    || model.passed_only_in_development(file, reg.receiver_param, 0)
                    || registered_by_development_only_call(model, file, reg)
                {
                    continue;
                }
                let apps = model.receiver_apps(file, &reg.receiver, reg.receiver_param, 0);
                if apps.iter().any(|a| {
                    model
                        .app(a.0, a.1)
                        .is_some_and(|a| a.kind == AppKind::PromiseRouter)
                }) {
                    continue;
                }
                let known = !apps.is_empty();
                let conventional = is_app_like(&reg.receiver) && model.uses_express(file);
                if !known && !conventional {
                    continue;
                }
                for handler in &reg.handlers {
                    let Target::Function(f, i) = model.resolve(file, handler, 0) else {
                        continue;
                    };
                    let Some(function) = model.function(f, i) else {
                        continue;
                    };
                    // An awaited function of the project that never rejects lets nothing
                    // escape.
                    let Some(unguarded) = function
                        .unguarded_awaits
                        .iter()
                        .find(|(_, callee)| {
                            !matches!(callee, Value::Local(_) | Value::Member(..))
                                || !never_rejects(cx, model, f, callee)
                        })
                        .map(|(range, _)| range.clone())
                    else {
                        continue;
                    };
                    if !function.is_async || (!known && !function.handler_shape) {
                        continue;
                    }
                    if f != file && (model.express_major(f) >= 5 || model.async_errors_patched(f)) {
                        continue;
                    }
                    if !reported.insert((f, i)) {
                        continue;
                    }
                    let display = model.file(f).display.clone();
                    let kind = if reg.method == "use" {
                        "middleware"
                    } else {
                        "route handler"
                    };
                    let mut report = out
                        .report_in(
                            Some(display.clone()),
                            function.head.clone(),
                            format!(
                                "async {kind} on Express 4: a rejection here never reaches Express, so the request hangs until the client times out and Node reports an unhandled rejection"
                            ),
                        )
                        .label(unguarded, "can reject here, outside try/catch")
                        .help(HELP);
                    if !(f == file
                        && reg.range.start <= function.head.start
                        && function.head.end <= reg.range.end)
                    {
                        report = report.label_in(
                            model.file(file).display.clone(),
                            reg.range.clone(),
                            format!("registered with `{}.{}` here", reg.receiver, reg.method),
                        );
                    }
                    if let Some(inserts) = &function.wrap_in_try {
                        report = report.fix(Fix::edits_in(
                            Applicability::Unsafe,
                            "wrap the body in `try { ... } catch (err) { next(err) }`",
                            Some(display.clone()),
                            inserts
                                .iter()
                                .map(|(at, content)| (*at..*at, content.clone())),
                        ));
                    }
                    drop(report);
                }
            }
        }
    }
}

/// True when the function that makes a registration is called only in development or test
/// runs: `module.exports = function (app) { const router = express.Router();
/// router.get(...); app.use('/debug', router) }`, required and called only under
/// `if (process.env.NODE_ENV === 'development')`. The registration on its own router is then
/// made in those runs only, as one on the app it is given.
fn registered_by_development_only_call(
    model: &ExpressModel,
    file: usize,
    reg: &Registration,
) -> bool {
    if reg.scope == 0 || reg.receiver_param.is_some() {
        return false;
    }
    let Some(facts) = model.facts(file) else {
        return false;
    };
    facts
        .functions
        .iter()
        .position(|f| f.head.start == reg.scope && !f.params.is_empty())
        .and_then(|index| u32::try_from(index).ok())
        .is_some_and(|index| model.passed_only_in_development(file, Some((index, 0)), 0))
}

/// True when `callee`, named in `file`, resolves to an async function that never rejects:
/// one of the same module that catches everything it awaits (`express::never_rejects`), as
/// the Express model reads it, or a function of the project as the function summaries say,
/// which also know a function whose every call outside a try names a function that never
/// rejects (`fxa.verify` awaiting `getFxaConfig()`, itself all in try), in the same module
/// or another (the summaries parse those modules on demand, so the answer does not depend
/// on which files the Express model reads). `new Config().load()` names the method `load`
/// of `Config`.
fn never_rejects(cx: &ProjectContext, model: &ExpressModel, file: usize, callee: &Value) -> bool {
    if let Target::Function(f, i) = model.resolve(file, callee, 0) {
        if f == file && model.function(f, i).is_some_and(|g| g.never_rejects) {
            return true;
        }
    }
    let written = match callee {
        Value::Local(name) => name.clone(),
        Value::Member(object, property) => format!("{object}.{property}"),
        _ => return false,
    };
    cx.summaries().call_never_rejects(file, &written)
}

/// What the function summaries ask of functions (`facts::summaries`).
static REJECT_QUESTIONS: RejectQuestions = RejectQuestions {
    never_rejects: summary_never_rejects,
    rejects_only_through: summary_rejects_only_through,
    may_ask: summary_may_ask,
};

/// How many calls outside a try an async function may make and be known never to reject
/// through them.
const MAX_REJECT_THROUGH: usize = 6;

/// For an async function that may reject only through the calls it makes outside any try
/// with a catch: the callees of those calls. Each `await` outside a try awaits a call; there
/// is no `throw`, `new` or `for await` outside a try; catch and finally clauses neither
/// throw nor await again. `None` when anything else could reject it, or when it makes no
/// such call (`summary_never_rejects` answers then).
fn summary_rejects_only_through<'t>(
    function: Node<'t>,
    _cx: &TreeContext<'t>,
) -> Option<Vec<Node<'t>>> {
    if !express::is_async(function) {
        return None;
    }
    let body = function.field("body")?;
    let mut callees = Vec::new();
    // (node, inside a try body, inside a catch or finally clause)
    let mut stack = vec![(body, false, false)];
    while let Some((node, guarded, in_handler)) = stack.pop() {
        let kind = node.kind_name();
        if crate::lang::js::FUNCTION_KINDS.contains(&kind) || kind == "class" {
            continue;
        }
        if in_handler && matches!(kind, "throw_statement" | "await_expression") {
            return None;
        }
        if kind == "try_statement" && node.field("handler").is_some() {
            if let Some(block) = node.field("body") {
                stack.push((block, true, in_handler));
            }
            let mut cursor = node.walk();
            for clause in node.named_children(&mut cursor) {
                if matches!(clause.kind_name(), "catch_clause" | "finally_clause") {
                    stack.push((clause, true, true));
                }
            }
            continue;
        }
        if !guarded {
            match kind {
                "throw_statement" | "new_expression" => return None,
                "for_in_statement" => {
                    let mut cursor = node.walk();
                    if node.children(&mut cursor).any(|c| c.kind_name() == "await") {
                        return None;
                    }
                }
                "await_expression" => {
                    let awaited = node
                        .named_child(0)
                        .map(crate::lang::tree::unwrap_expression);
                    if awaited.is_none_or(|a| a.kind_name() != "call_expression") {
                        return None;
                    }
                }
                "call_expression" => {
                    callees.push(node.field("function")?);
                    if callees.len() > MAX_REJECT_THROUGH {
                        return None;
                    }
                }
                _ => {}
            }
        }
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, guarded, in_handler)));
    }
    (!callees.is_empty()).then_some(callees)
}

/// An async function that can never reject (`express::never_rejects`), and that calls
/// nothing outside a `try` body or a `catch`/`finally` clause: a synchronous throw in an
/// async function rejects it too (`db.first(sql)` before the `try`).
fn summary_never_rejects<'t>(function: Node<'t>, cx: &TreeContext<'t>) -> bool {
    if !express::is_async(function)
        || !express::never_rejects(function, &express::unguarded_awaits(function, cx.src))
    {
        return false;
    }
    let Some(body) = function.field("body") else {
        return false;
    };
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        let kind = node.kind_name();
        if crate::lang::js::FUNCTION_KINDS.contains(&kind) || kind == "class" {
            continue;
        }
        // Inside a try that catches, or in its clauses: handled.
        if kind == "try_statement" && node.field("handler").is_some() {
            continue;
        }
        if matches!(kind, "call_expression" | "new_expression") {
            return false;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    true
}

/// Without a parse: may a JavaScript/TypeScript file define an async function that catches
/// what it awaits, or await a function of a module it imports?
fn summary_may_ask(bytes: &[u8], python: bool) -> bool {
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    !python
        && has(b"async")
        && has(b"await")
        && (has(b"catch") || has(b"import") || has(b"require("))
}
