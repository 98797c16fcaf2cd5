//! Loops over a parameter: what the callers in the same file pass decides how long the
//! loop is. `def upsert_shelves(user, book, shelves): for shelf in shelves: ...` called as
//! `upsert_shelves(user, book, book_data.get("shelves"))` walks the shelves of one imported
//! book, as a loop written over `book_data.get("shelves")` at the call would.

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt, ancestors, descendants, text};
use crate::lang::{js, py};
use crate::rules::TreeContext;

use super::Lang;
use super::loops;

/// How many call sites of one function are read at most; a function called more often
/// than this in its own file is a shared helper whose callers are not all read.
const MAX_CALL_SITES: usize = 16;

/// The parameter a loop walks: the iterable is a parameter of the enclosing function
/// (`for shelf in shelves`, `for x in items or []`, `enumerate(items)`, `items.items()`,
/// `Object.entries(items)`, `items ?? []`), never rebound in the function.
fn walked_parameter<'t>(iterable: Node<'t>, cx: &TreeContext<'t>, lang: Lang) -> Option<Node<'t>> {
    let src = cx.src;
    let mut node = iterable;
    for _ in 0..6 {
        node = match lang {
            Lang::Js => loops::js_strip_await(node),
            Lang::Py => py::unwrap(node),
        };
        let next = match (lang, node.kind_name()) {
            // `items or []`, `items ?? []`, `items || []`
            (Lang::Py, "boolean_operator") | (Lang::Js, "binary_expression") => {
                let operator = node.field("operator").map(|o| text(o, src));
                matches!(operator, Some("or" | "??" | "||"))
                    .then(|| node.field("left"))
                    .flatten()
            }
            (Lang::Py, "call") => {
                let name = py::callee_name(node, src);
                match py::callee_object(node) {
                    None if matches!(name, Some("enumerate" | "list" | "sorted" | "reversed")) => {
                        py::positional_arguments(node).first().copied()
                    }
                    Some(object)
                        if matches!(name, Some("items" | "keys" | "values"))
                            && py::positional_arguments(node).is_empty() =>
                    {
                        Some(object)
                    }
                    _ => None,
                }
            }
            (Lang::Js, "call_expression") => {
                let on_object = js::callee_object(node).is_some_and(|o| text(o, src) == "Object")
                    && js::callee_name(node, src)
                        .is_some_and(|n| matches!(n, "keys" | "values" | "entries"));
                if on_object {
                    js::call_arguments(node).first().copied()
                } else {
                    None
                }
            }
            (_, "identifier") => return Some(node),
            _ => None,
        };
        node = next?;
    }
    None
}

/// The name a function is called by in its file, and whether it is called as a method
/// (`self.name(...)`, `this.name(...)`).
fn function_name<'s>(function: Node, src: &'s str, lang: Lang) -> Option<(&'s str, bool)> {
    match lang {
        Lang::Py => {
            let name = text(function.field("name")?, src);
            let params = py::parameter_names(function, src);
            let method = matches!(params.first(), Some(&"self" | &"cls"))
                && ancestors(function).any(|a| a.kind_name() == "class_definition");
            Some((name, method))
        }
        Lang::Js => match function.kind_name() {
            "function_declaration" | "generator_function_declaration" => {
                Some((text(function.field("name")?, src), false))
            }
            "method_definition" => Some((text(function.field("name")?, src), true)),
            "arrow_function" | "function_expression" | "function" => {
                let parent = function.parent()?;
                (parent.kind_name() == "variable_declarator")
                    .then(|| parent.field("name"))
                    .flatten()
                    .filter(|n| n.kind_name() == "identifier")
                    .map(|n| (text(n, src), false))
            }
            _ => None,
        },
    }
}

/// True when a JavaScript function is exported from its module (`export function f`,
/// `export { f }`, `export default f`, `module.exports = { f }`, `exports.f = f`): callers
/// in other files are not read here.
fn js_exported(function: Node, name: &str, cx: &TreeContext) -> bool {
    let src = cx.src;
    if ancestors(function).any(|a| a.kind_name() == "export_statement") {
        return true;
    }
    let is_name = |n: Node| {
        matches!(
            n.kind_name(),
            "identifier" | "shorthand_property_identifier"
        ) && text(n, src) == name
    };
    // The names an export lists: the export clause, or the exported value itself.
    let lists_name = |value: Node| {
        if is_name(value) {
            return true;
        }
        let mut cursor = value.walk();
        let entries: Vec<Node> = value.named_children(&mut cursor).collect();
        entries.into_iter().any(|entry| match entry.kind_name() {
            "export_specifier" => entry.field("name").is_some_and(is_name),
            "shorthand_property_identifier" => is_name(entry),
            "pair" => entry.field("value").is_some_and(is_name),
            _ => false,
        })
    };
    descendants(cx.root).any(|n| match n.kind_name() {
        "export_statement" => {
            let mut cursor = n.walk();
            let parts: Vec<Node> = n.named_children(&mut cursor).collect();
            parts.into_iter().any(lists_name)
        }
        "assignment_expression" => {
            let target = n.field("left").map(|l| text(l, src)).unwrap_or("");
            (target.starts_with("module.exports") || target.starts_with("exports."))
                && (n.field("right").is_some_and(lists_name)
                    || target.ends_with(&format!(".{name}")))
        }
        _ => false,
    })
}

/// The arguments the file's calls of the function pass as its parameter `index` (named
/// `param`): `None` when a call cannot be read (spread arguments, too many calls).
fn passed_arguments<'t>(
    cx: &TreeContext<'t>,
    name: &str,
    method: bool,
    index: usize,
    param: &str,
    lang: Lang,
) -> Option<Vec<Node<'t>>> {
    let src = cx.src;
    let mut out = Vec::new();
    let mut calls = 0;
    for call in descendants(cx.root).filter(|n| n.kind_name() == lang.call_kind()) {
        let Some(callee) = call.field("function") else {
            continue;
        };
        let called = match (lang, callee.kind_name()) {
            (_, "identifier") => !method && text(callee, src) == name,
            (Lang::Py, "attribute") => {
                method
                    && callee
                        .field("attribute")
                        .is_some_and(|a| text(a, src) == name)
                    && callee
                        .field("object")
                        .is_some_and(|o| matches!(text(o, src), "self" | "cls"))
            }
            (Lang::Js, "member_expression") => {
                method
                    && callee
                        .field("property")
                        .is_some_and(|p| text(p, src) == name)
                    && callee
                        .field("object")
                        .is_some_and(|o| o.kind_name() == "this")
            }
            _ => false,
        };
        if !called {
            continue;
        }
        calls += 1;
        if calls > MAX_CALL_SITES {
            return None;
        }
        let argument = match lang {
            Lang::Py => {
                let list = call.field("arguments")?;
                let mut cursor = list.walk();
                let splat = list.named_children(&mut cursor).any(|a| {
                    matches!(
                        a.kind_name(),
                        "list_splat" | "dictionary_splat" | "generator_expression"
                    )
                });
                if splat {
                    return None;
                }
                let position = if method { index.checked_sub(1)? } else { index };
                py::keyword_argument(call, param, src)
                    .or_else(|| py::positional_arguments(call).get(position).copied())
            }
            Lang::Js => {
                let args = js::call_arguments(call);
                if args.iter().any(|a| a.kind_name() == "spread_element") {
                    return None;
                }
                args.get(index).copied()
            }
        };
        // A call leaving the parameter to its default passes what the code wrote.
        if let Some(argument) = argument {
            out.push(argument);
        }
    }
    (calls > 0 && !out.is_empty()).then_some(out)
}

/// True when the loop walks a parameter of its function and every call of that function
/// in the file passes, as that parameter, a collection `fixed` accepts (the parts of one
/// record, a constant, configuration): `upsert_shelves(user, book, book_data.get("shelves"))`.
/// The function must be called in the file, and a JavaScript function not exported: then
/// the calls read are all its callers.
pub(super) fn every_caller_passes_a_fixed_collection<'t>(
    iterable: Node<'t>,
    cx: &TreeContext<'t>,
    lang: Lang,
    fixed: fn(Node<'t>, &TreeContext<'t>, Lang) -> bool,
) -> bool {
    let src = cx.src;
    let Some(parameter) = walked_parameter(iterable, cx, lang) else {
        return false;
    };
    let param = text(parameter, src);
    let function = match lang {
        Lang::Py => py::enclosing_function(iterable),
        Lang::Js => js::enclosing_function(iterable),
    };
    let Some(function) = function else {
        return false;
    };
    let params = match lang {
        Lang::Py => py::parameter_names(function, src),
        Lang::Js => js::parameter_names(function, src),
    };
    let Some(index) = params.iter().position(|p| *p == param) else {
        return false;
    };
    let Some(body) = function.field("body") else {
        return false;
    };
    let rebound = match lang {
        Lang::Py => !py::bindings_of(body, param, src, iterable.start_byte()).is_empty(),
        Lang::Js => !js::bindings_of(body, param, src, iterable.start_byte()).is_empty(),
    };
    if rebound {
        return false;
    }
    let Some((name, method)) = function_name(function, src, lang) else {
        return false;
    };
    if lang == Lang::Js && js_exported(function, name, cx) {
        return false;
    }
    cx.node_fact("callers pass a fixed collection", parameter, || {
        passed_arguments(cx, name, method, index, param, lang).is_some_and(|args| {
            args.into_iter()
                .all(|a| fixed(a, cx, lang) && read_from_one_item(a, cx, lang))
        })
    })
}

/// For an argument that reads a field of a record (`book_data.get("shelves")`,
/// `visit_data["images"]`): the record is one item, the variable of a loop around the call
/// (one location of an imported backup) or a name bound once to a field of one object
/// (`book_data = task.book_data`). A record handed in as the caller's parameter (the data
/// dict a request sent) or returned by a call (a fetched listing) may be the whole input,
/// and its lists grow with it. An argument that reads no field (a constant) is not asked.
fn read_from_one_item(argument: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut node = argument;
    let mut fields = 0;
    for _ in 0..8 {
        let unwrapped = match lang {
            Lang::Js => loops::js_strip_await(node),
            Lang::Py => py::unwrap(node),
        };
        let next = match unwrapped.kind_name() {
            "subscript" => unwrapped.field("value"),
            "subscript_expression" => unwrapped.field("object"),
            "call" if py::callee_name(unwrapped, src) == Some("get") => {
                py::callee_object(unwrapped)
            }
            _ => None,
        };
        node = unwrapped;
        match next {
            Some(n) => {
                node = n;
                fields += 1;
            }
            None => break,
        }
    }
    if fields == 0 {
        return true;
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, src);
    let loop_target = |a: Node| match (lang, a.kind_name()) {
        (Lang::Py, "for_statement") | (Lang::Js, "for_in_statement") => {
            a.field("left").is_some_and(|left| {
                descendants(left).any(|n| text(n, src) == name && n.kind_name() == "identifier")
            })
        }
        _ => false,
    };
    if ancestors(argument).any(loop_target) {
        return true;
    }
    let scope = match lang {
        Lang::Py => py::enclosing_function(argument),
        Lang::Js => js::enclosing_function(argument),
    }
    .and_then(|f| f.field("body"))
    .unwrap_or(cx.root);
    let values: Vec<Node> = match lang {
        Lang::Py => py::bindings_of(scope, name, src, argument.start_byte())
            .into_iter()
            .map(|b| b.value)
            .collect(),
        Lang::Js => js::bindings_of(scope, name, src, argument.start_byte())
            .into_iter()
            .map(|b| b.value)
            .collect(),
    };
    matches!(
        values[..],
        [value] if matches!(value.kind_name(), "attribute" | "member_expression")
    )
}
