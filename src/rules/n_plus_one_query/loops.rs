//! "Does this node run once per iteration of a loop?" for JavaScript/TypeScript and Python:
//! `for`, `for…of`, `for…in`, `while`, `do`, iteration callbacks (`forEach`, `map`, `filter`,
//! `reduce`…, `Promise.all(xs.map(...))`) and comprehensions. Nested functions other than
//! iteration callbacks end the search: a route registered in a loop is not run in it.

use crate::lang::tree::{FieldExt, KindExt};
use std::ops::Range;

use tree_sitter::Node;

use crate::lang::tree::{ancestors, descendants, text, unwrap_expression};
use crate::lang::{js, py};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopKind {
    /// `for (init; cond; step)`
    For,
    /// `for (x of xs)`, `for (k in o)`, Python `for x in xs`
    ForEach,
    /// `while`, `do … while`
    While,
    /// A callback run per element: `xs.forEach(...)`, `xs.map(...)`, Python `map(f, xs)`.
    Callback,
    /// Python list, set, dict comprehensions and generator expressions.
    Comprehension,
}

/// A loop that runs a node once per iteration.
#[derive(Clone, Debug)]
pub struct Loop<'t> {
    /// The loop statement, the iterating call or the comprehension.
    pub node: Node<'t>,
    pub kind: LoopKind,
    /// What to underline for "the loop": the loop header (`for (const u of users)`), the
    /// iterating method (`users.map`) or the comprehension's `for … in …` clause.
    pub head: Range<usize>,
    /// Text for a label at `head`.
    pub label: String,
    /// The part that runs per iteration (loop body, callback function, comprehension).
    pub body: Node<'t>,
    /// The loop's own variables: loop targets, counters, callback parameters, names read in a
    /// `while` condition.
    pub variables: Vec<String>,
    /// The iterated expression, when there is one (`users` in `for (u of users)`).
    pub iterable: Option<Node<'t>>,
    /// The loop condition of `for`/`while` loops.
    pub condition: Option<Node<'t>>,
}

/// The innermost loop that runs `node` once per iteration, within `node`'s function.
pub fn js_enclosing_loop<'t>(node: Node<'t>, src: &str) -> Option<Loop<'t>> {
    let mut child = node;
    for anc in ancestors(node) {
        let is_field = |field: &str| {
            anc.child_by_field_name(field)
                .is_some_and(|f| f.id() == child.id())
        };
        match anc.kind_name() {
            "for_statement"
                if is_field("body") || is_field("condition") || is_field("increment") =>
            {
                return Some(js_for(anc, src));
            }
            "for_in_statement" if is_field("body") => return Some(js_for_in(anc, src)),
            "while_statement" | "do_statement" if is_field("body") || is_field("condition") => {
                return Some(js_while(anc, src));
            }
            kind if js::FUNCTION_KINDS.contains(&kind) => return js_callback_loop(anc, src),
            "class_body" | "program" => return None,
            _ => {}
        }
        child = anc;
    }
    None
}

fn head_until(stmt: Node, body: Option<Node>, src: &str) -> Range<usize> {
    let end = body.map_or(stmt.end_byte(), |b| b.start_byte());
    let start = stmt.start_byte();
    let trimmed = src.get(start..end).map_or(0, |s| s.trim_end().len());
    start..start + trimmed.max(1)
}

fn js_for<'t>(stmt: Node<'t>, src: &str) -> Loop<'t> {
    let body = stmt.field("body").unwrap_or(stmt);
    let mut variables = Vec::new();
    for field in ["initializer", "increment"] {
        if let Some(part) = stmt.child_by_field_name(field) {
            collect_js_targets(part, src, &mut variables);
        }
    }
    Loop {
        node: stmt,
        kind: LoopKind::For,
        head: head_until(stmt, Some(body), src),
        label: "loop runs the query once per iteration".to_string(),
        body,
        variables,
        iterable: None,
        condition: stmt.field("condition"),
    }
}

/// Names declared or updated by a `for` initializer or increment (`let i = 0`, `i++`, `i += 1`).
fn collect_js_targets(part: Node, src: &str, out: &mut Vec<String>) {
    for n in descendants(part) {
        let target = match n.kind_name() {
            "variable_declarator" => n.field("name"),
            "assignment_expression" | "augmented_assignment_expression" => n.field("left"),
            "update_expression" => n.field("argument"),
            _ => None,
        };
        if let Some(t) = target {
            identifiers_in(t, src, out);
        }
    }
}

fn identifiers_in(node: Node, src: &str, out: &mut Vec<String>) {
    for n in descendants(node) {
        if matches!(
            n.kind_name(),
            "identifier" | "shorthand_property_identifier_pattern"
        ) {
            let name = text(n, src).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
}

fn js_for_in<'t>(stmt: Node<'t>, src: &str) -> Loop<'t> {
    let body = stmt.field("body").unwrap_or(stmt);
    let mut variables = Vec::new();
    if let Some(left) = stmt.field("left") {
        identifiers_in(left, src, &mut variables);
    }
    let iterable = stmt.field("right");
    let label = match iterable {
        Some(it) => format!("loop over `{}`", short(text(it, src))),
        None => "loop".to_string(),
    };
    Loop {
        node: stmt,
        kind: LoopKind::ForEach,
        head: head_until(stmt, Some(body), src),
        label,
        body,
        variables,
        iterable,
        condition: None,
    }
}

fn js_while<'t>(stmt: Node<'t>, src: &str) -> Loop<'t> {
    let body = stmt.field("body").unwrap_or(stmt);
    let condition = stmt.field("condition");
    let mut variables = Vec::new();
    if let Some(c) = condition {
        identifiers_in(c, src, &mut variables);
    }
    let head = if stmt.kind_name() == "do_statement" {
        condition.map_or(stmt.start_byte()..stmt.start_byte() + 2, |c| {
            stmt.start_byte()..stmt.start_byte() + 2.min(c.end_byte())
        })
    } else {
        head_until(stmt, Some(body), src)
    };
    Loop {
        node: stmt,
        kind: LoopKind::While,
        head,
        label: "loop runs the query once per iteration".to_string(),
        body,
        variables,
        iterable: None,
        condition,
    }
}

/// A function passed as the per-element callback of an iteration method or helper.
pub(super) fn js_callback_loop<'t>(function: Node<'t>, src: &str) -> Option<Loop<'t>> {
    let args = function.parent().filter(|p| p.kind_name() == "arguments")?;
    let call = args
        .parent()
        .filter(|p| p.kind_name() == "call_expression")?;
    let name = js::callee_name(call, src)?;
    let arguments = js::call_arguments(call);
    let position = arguments.iter().position(|a| a.id() == function.id())?;
    let callee = js::callee(call)?;
    let (iterable, is_method) = if js::ITERATION_METHODS.contains(&name) && position == 0 {
        (js::callee_object(call)?, true)
    } else if position == 1 && is_iteration_helper(callee, name, src) {
        (*arguments.first()?, false)
    } else {
        return None;
    };
    let mut variables = Vec::new();
    for param in js::parameters(function) {
        identifiers_in(param, src, &mut variables);
    }
    let body = function.field("body").unwrap_or(function);
    let all = fed_to_promise_all(call, src);
    let label = match (is_method, all) {
        (true, Some(all)) => format!(
            "`{name}` callback runs once per element of `{}`, all at once through `{all}`",
            short(text(iterable, src))
        ),
        (true, None) => format!(
            "`{name}` callback runs once per element of `{}`",
            short(text(iterable, src))
        ),
        (false, _) => format!(
            "`{}` runs the callback once per element of `{}`",
            short(text(callee, src)),
            short(text(iterable, src))
        ),
    };
    let head = if is_method {
        callee.byte_range()
    } else {
        callee.start_byte()..args.start_byte()
    };
    Some(Loop {
        node: call,
        kind: LoopKind::Callback,
        head,
        label,
        body,
        variables,
        iterable: Some(iterable),
        condition: None,
    })
}

fn is_iteration_helper(callee: Node, name: &str, src: &str) -> bool {
    if js::ITERATION_HELPERS.contains(&name) {
        return true;
    }
    // `Promise.map(xs, fn)` / `Bluebird.map(xs, fn)` / `async.map(xs, fn)`
    name == "map"
        && callee.kind_name() == "member_expression"
        && callee
            .field("object")
            .is_some_and(|o| matches!(text(o, src), "Promise" | "Bluebird" | "async" | "BPromise"))
}

/// `Promise.all(xs.map(...))` (directly or through `await`): the name of the combinator.
fn fed_to_promise_all<'t>(call: Node<'t>, src: &'t str) -> Option<&'t str> {
    let mut current = call;
    for _ in 0..4 {
        let parent = current.parent()?;
        match parent.kind_name() {
            "arguments" => {
                let outer = parent.parent()?;
                let callee = js::callee(outer)?;
                let path = text(callee, src);
                return path.starts_with("Promise.").then_some(path);
            }
            "parenthesized_expression" | "await_expression" | "as_expression" => current = parent,
            _ => return None,
        }
    }
    None
}

/// The innermost loop that runs `node` once per iteration, within `node`'s function.
pub fn py_enclosing_loop<'t>(node: Node<'t>, src: &str) -> Option<Loop<'t>> {
    let mut child = node;
    for anc in ancestors(node) {
        let is_field = |field: &str| {
            anc.child_by_field_name(field)
                .is_some_and(|f| f.id() == child.id())
        };
        match anc.kind_name() {
            "for_statement" if is_field("body") => return Some(py_for(anc, src)),
            "while_statement" if is_field("body") || is_field("condition") => {
                return Some(py_while(anc, src));
            }
            "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => {
                if let Some(found) = py_comprehension(anc, child, src) {
                    return Some(found);
                }
            }
            "lambda" => return py_map_lambda(anc, src),
            "function_definition" | "class_definition" | "module" => return None,
            _ => {}
        }
        child = anc;
    }
    None
}

fn py_for<'t>(stmt: Node<'t>, src: &str) -> Loop<'t> {
    let body = stmt.field("body").unwrap_or(stmt);
    let mut variables = Vec::new();
    if let Some(left) = stmt.field("left") {
        py_identifiers_in(left, src, &mut variables);
    }
    let iterable = stmt.field("right");
    let counted = iterable.is_some_and(|it| is_py_range(it, src));
    let label = match iterable {
        Some(it) if !counted => format!("loop over `{}`", short(text(it, src))),
        _ => "loop runs the query once per iteration".to_string(),
    };
    Loop {
        node: stmt,
        kind: if counted {
            LoopKind::For
        } else {
            LoopKind::ForEach
        },
        head: head_until(stmt, Some(body), src),
        label,
        body,
        variables,
        iterable,
        condition: None,
    }
}

/// `range(...)`: a counted loop rather than a loop over rows.
fn is_py_range(node: Node, src: &str) -> bool {
    let node = py::unwrap(node);
    node.kind_name() == "call"
        && node
            .field("function")
            .is_some_and(|f| text(f, src) == "range")
}

fn py_identifiers_in(node: Node, src: &str, out: &mut Vec<String>) {
    for n in descendants(node) {
        if n.kind_name() == "identifier" {
            let name = text(n, src).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
}

fn py_while<'t>(stmt: Node<'t>, src: &str) -> Loop<'t> {
    let body = stmt.field("body").unwrap_or(stmt);
    let condition = stmt.field("condition");
    let mut variables = Vec::new();
    if let Some(c) = condition {
        py_identifiers_in(c, src, &mut variables);
    }
    Loop {
        node: stmt,
        kind: LoopKind::While,
        head: head_until(stmt, Some(body), src),
        label: "loop runs the query once per iteration".to_string(),
        body,
        variables,
        iterable: None,
        condition,
    }
}

/// A comprehension runs its element, its `if` clauses and the iterables of its inner `for`
/// clauses per iteration; the first iterable is evaluated once, outside.
fn py_comprehension<'t>(comp: Node<'t>, child: Node<'t>, src: &str) -> Option<Loop<'t>> {
    let mut cursor = comp.walk();
    let clauses: Vec<Node> = comp
        .named_children(&mut cursor)
        .filter(|c| c.kind_name() == "for_in_clause")
        .collect();
    let first = *clauses.first()?;
    if child.id() == first.id() {
        // Inside the first iterable (or the target): evaluated once.
        return None;
    }
    let mut variables = Vec::new();
    for clause in &clauses {
        if let Some(left) = clause.field("left") {
            py_identifiers_in(left, src, &mut variables);
        }
    }
    let iterable = first.field("right");
    Some(Loop {
        node: comp,
        kind: LoopKind::Comprehension,
        head: first.byte_range(),
        label: match iterable {
            Some(it) => format!(
                "comprehension runs it once per element of `{}`",
                short(text(it, src))
            ),
            None => "comprehension runs it once per element".to_string(),
        },
        body: comp,
        variables,
        iterable,
        condition: None,
    })
}

/// `map(lambda x: ..., xs)`
pub(super) fn py_map_lambda<'t>(lambda: Node<'t>, src: &str) -> Option<Loop<'t>> {
    let args = lambda
        .parent()
        .filter(|p| p.kind_name() == "argument_list")?;
    let call = args.parent().filter(|p| p.kind_name() == "call")?;
    if call.field("function").map(|f| text(f, src)) != Some("map") {
        return None;
    }
    let positional = py::positional_arguments(call);
    if positional.first().map(|a| a.id()) != Some(lambda.id()) {
        return None;
    }
    let iterable = positional.get(1).copied();
    let mut variables = Vec::new();
    if let Some(params) = lambda.field("parameters") {
        py_identifiers_in(params, src, &mut variables);
    }
    let function = call.field("function")?;
    Some(Loop {
        node: call,
        kind: LoopKind::Callback,
        head: function.byte_range(),
        label: "`map` runs the lambda once per element".to_string(),
        body: lambda.field("body").unwrap_or(lambda),
        variables,
        iterable,
        condition: None,
    })
}

/// One line, at most 40 characters, for labels.
fn short(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        let cut: String = one_line.chars().take(37).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// The expression without `await` and type wrappers.
pub fn js_strip_await(node: Node<'_>) -> Node<'_> {
    let mut node = unwrap_expression(node);
    for _ in 0..8 {
        if node.kind_name() == "await_expression" {
            match node.named_child(0) {
                Some(inner) => node = unwrap_expression(inner),
                None => break,
            }
        } else {
            break;
        }
    }
    node
}
