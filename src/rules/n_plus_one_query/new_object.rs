//! Loops that fill in the parts of one object the function has just created: the
//! ingredients of the one recipe read from a file, the filters and sortings of the one view
//! being imported, the choices of the one question being added. They run once per part
//! of that object, as many as the one input describing it holds, not once per row of a
//! table.

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt, ancestors, descendants, text};
use crate::lang::{js, py};
use crate::rules::TreeContext;
use crate::rules::shared::db;

use super::Lang;
use super::loops::{self, Loop};

/// Query methods that write a new row (or find it, creating it when missing).
const CREATING_METHODS: &[&str] = &[
    "create",
    "get_or_create",
    "update_or_create",
    "insert",
    "insertOne",
    "upsert",
    "findOrCreate",
];

/// Words of names that hold what a request sent: a list in it is as long as the client
/// likes, whatever object it describes (`request.data["items"]`, `body.lines`, a Django
/// form's `cleaned_data`).
const REQUEST_WORDS: &[&str] = &[
    "request",
    "req",
    "body",
    "payload",
    "params",
    "query",
    "input",
    "post",
    "validated",
    "cleaned",
    "form",
    "forms",
];

/// True when the query creates a part of one object the enclosing function created before
/// the loop, outside any loop: the statement holding the query names that object
/// (`ViewFilter.objects.create(view=view, ...)`, `step.ingredients.add(Ingredient.objects
/// .create(...))`, `prisma.recipeTag.create({ data: { recipeId: recipe.id } })`), and the
/// loop walks a collection the function holds itself (read from its input or built from
/// it), not rows of a query, not the request's input and not a list handed in as a
/// parameter. The loop must be the function's outermost: a loop over the parts of one of
/// several objects runs per part of all of them.
pub(super) fn fills_a_new_object(
    method_call: Node,
    lp: &Loop,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    let src = cx.src;
    let method = lang.callee_name(method_call, src);
    if !method.is_some_and(|m| CREATING_METHODS.contains(&m)) {
        return false;
    }
    let Some(iterable) = lp.iterable else {
        return false;
    };
    let function = match lang {
        Lang::Js => js::enclosing_function(lp.node),
        Lang::Py => py::enclosing_function(lp.node),
    };
    let Some(function) = function else {
        return false;
    };
    let outer_loop = match lang {
        Lang::Js => loops::js_enclosing_loop(lp.node, src),
        Lang::Py => loops::py_enclosing_loop(lp.node, src),
    };
    if outer_loop.is_some() || !held_by_the_function(iterable, function, cx, lang) {
        return false;
    }
    let Some(statement) = ancestors(method_call)
        .take_while(|a| a.id() != lp.body.id())
        .filter(|a| is_statement(*a))
        .last()
    else {
        return false;
    };
    // The statement itself, and the statements of the loop that link the row it binds
    // (`step = Step.objects.create(...)` ... `recipe.steps.add(step)`).
    let mut statements = vec![statement];
    if let Some(bound) = assigned_name(statement, src) {
        statements.extend(descendants(lp.body).filter(|s| {
            is_statement(*s)
                && s.id() != statement.id()
                && descendants(*s).any(|n| n.kind_name() == "identifier" && text(n, src) == bound)
        }));
    }
    statements.into_iter().any(|statement| {
        descendants(statement)
            .filter(|n| n.kind_name() == "identifier")
            .any(|name| created_before_the_loop(name, lp, function, cx, lang))
    })
}

/// The name a statement binds: `step` in `step = Step.objects.create(...)` or `const step =
/// await ...`.
fn assigned_name<'s>(statement: Node, src: &'s str) -> Option<&'s str> {
    let target = match statement.kind_name() {
        "expression_statement" => {
            let inner = statement.named_child(0)?;
            (inner.kind_name() == "assignment")
                .then(|| inner.field("left"))
                .flatten()?
        }
        "lexical_declaration" | "variable_declaration" => {
            statement.named_child(0)?.field("name")?
        }
        _ => return None,
    };
    (target.kind_name() == "identifier").then(|| text(target, src))
}

fn is_statement(node: Node) -> bool {
    matches!(
        node.kind_name(),
        "expression_statement"
            | "lexical_declaration"
            | "variable_declaration"
            | "return_statement"
    )
}

/// The iterable is a collection the function holds itself: its root is a name bound in
/// the function (not a parameter, `self` or `this`), and neither the iterable nor that
/// binding runs a query or reads the request's input.
pub(super) fn held_by_the_function(
    iterable: Node,
    function: Node,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    let src = cx.src;
    let mut node = iterable;
    for _ in 0..16 {
        node = match lang {
            Lang::Js => loops::js_strip_await(node),
            Lang::Py => py::unwrap(node),
        };
        let next = match node.kind_name() {
            "attribute" | "member_expression" => node.field("object"),
            "subscript" => node.field("value"),
            "subscript_expression" => node.field("object"),
            "call" => match py::callee_object(node) {
                Some(object) => Some(object),
                None if py::callee_name(node, src).is_some_and(|n| {
                    matches!(n, "enumerate" | "list" | "sorted" | "reversed" | "tuple")
                }) =>
                {
                    py::positional_arguments(node).first().copied()
                }
                None => None,
            },
            "call_expression" => js::callee_object(node),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    if node.kind_name() != "identifier" || runs_a_query_or_reads_request(iterable, cx) {
        return false;
    }
    let name = text(node, src);
    // A parameter bound again (`value = clean(value)`) is still the caller's list.
    let parameters = match lang {
        Lang::Js => js::parameter_names(function, src),
        Lang::Py => py::parameter_names(function, src),
    };
    if parameters.contains(&name) {
        return false;
    }
    // The binding of the root, and those of the names its value reads, a few levels up
    // (`names = parse(text)` with `text = form.cleaned_data.get(...)`).
    let mut pending = vec![(node, 0)];
    let mut checked = 0;
    let mut held = false;
    while let Some((at, depth)) = pending.pop() {
        checked += 1;
        if checked > 16 {
            break;
        }
        let word = text(at, src);
        if parameters.contains(&word) && depth > 0 {
            continue;
        }
        let values: Vec<Node> = match lang {
            Lang::Js => js::visible_bindings(at, word, cx.root, src)
                .into_iter()
                .map(|b| b.value)
                .collect(),
            Lang::Py => py::visible_bindings(at, word, cx.root, src)
                .into_iter()
                .map(|b| b.value)
                .collect(),
        };
        if depth == 0 {
            if values.is_empty() {
                return false;
            }
            held = true;
        }
        for value in values {
            if !ancestors(value).any(|a| a.id() == function.id()) {
                if depth == 0 {
                    return false;
                }
                continue;
            }
            if runs_a_query_or_reads_request(value, cx) {
                return false;
            }
            if depth < 3 {
                pending.extend(
                    descendants(value)
                        .filter(|n| n.kind_name() == "identifier" && text(*n, src) != word)
                        .map(|n| (n, depth + 1)),
                );
            }
        }
    }
    held
}

/// A query call or a name of the request's input anywhere in `node`.
fn runs_a_query_or_reads_request(node: Node, cx: &TreeContext) -> bool {
    let src = cx.src;
    descendants(node).any(|n| match n.kind_name() {
        "call" => db::py_query_call(n, cx).is_some(),
        "call_expression" => db::js_query_call(n, src).is_some(),
        "identifier" | "property_identifier" => {
            let words = crate::util::identifier_words(text(n, src));
            words.iter().any(|w| REQUEST_WORDS.contains(&w.as_str()))
        }
        _ => false,
    })
}

/// `name` is bound once, in `function` before the loop and outside any loop, to the row a
/// creating query returned (`view = View.objects.create(...)`, `const recipe = await
/// prisma.recipe.create(...)`).
fn created_before_the_loop(
    name: Node,
    lp: &Loop,
    function: Node,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    let src = cx.src;
    let word = text(name, src);
    let bindings: Vec<(Node, Node)> = match lang {
        Lang::Js => js::visible_bindings(name, word, cx.root, src)
            .into_iter()
            .map(|b| (b.value, b.site))
            .collect(),
        Lang::Py => py::visible_bindings(name, word, cx.root, src)
            .into_iter()
            .map(|b| (b.value, b.site))
            .collect(),
    };
    let [(value, site)] = bindings[..] else {
        return false;
    };
    if site.start_byte() >= lp.node.start_byte()
        || !ancestors(site).any(|a| a.id() == function.id())
    {
        return false;
    }
    let in_a_loop = match lang {
        Lang::Js => loops::js_enclosing_loop(site, src).is_some(),
        Lang::Py => loops::py_enclosing_loop(site, src).is_some(),
    };
    if in_a_loop {
        return false;
    }
    let value = match lang {
        Lang::Js => loops::js_strip_await(value),
        Lang::Py => match py::unwrap(value) {
            v if v.kind_name() == "await" => v.named_child(0).unwrap_or(v),
            v => v,
        },
    };
    let query = match (lang, value.kind_name()) {
        (Lang::Js, "call_expression") => db::js_query_call(value, src)
            .or_else(|| db::js_typed_query_call(value, src))
            .map(|q| q.method_call),
        (Lang::Py, "call") => db::py_query_call(value, cx).map(|q| q.method_call),
        _ => None,
    };
    query.is_some_and(|call| {
        lang.callee_name(call, src)
            .is_some_and(|m| CREATING_METHODS.contains(&m))
    })
}
