//! SQL that crosses a function boundary inside one module: a function that returns SQL
//! text built from its parameters (a builder: `buildLookup(name)`, `def build_lookup(name)`)
//! and a function that runs its parameter as SQL (a runner: `runLookup(sql)`,
//! `def run_lookup(sql)`). The builder's holes that are its parameters stand for what each
//! call passes; a runner's calls are where SQL built by interpolation is handed to the
//! database.

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt, descendants, named_children, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::TreeContext;

/// How many calls of one function are read.
const MAX_CALLS: usize = 64;

/// The function of this JavaScript/TypeScript module bound to `name` at its top level:
/// `function name(...)`, `const name = (...) => ...`, `const name = function (...)`, exported
/// or not.
pub fn js_module_function<'t>(root: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    for statement in named_children(root) {
        let statement = if statement.kind_name() == "export_statement" {
            match statement.field("declaration") {
                Some(declaration) => declaration,
                None => continue,
            }
        } else {
            statement
        };
        match statement.kind_name() {
            "function_declaration"
                if statement
                    .field("name")
                    .is_some_and(|n| text(n, src) == name) =>
            {
                return Some(statement);
            }
            "lexical_declaration" | "variable_declaration" => {
                for declarator in named_children(statement) {
                    if declarator.kind_name() != "variable_declarator"
                        || !declarator
                            .field("name")
                            .is_some_and(|n| n.kind_name() == "identifier" && text(n, src) == name)
                    {
                        continue;
                    }
                    let value = declarator.field("value").map(unwrap_expression)?;
                    return js::is_function(value).then_some(value);
                }
            }
            _ => {}
        }
    }
    None
}

/// The names of a JavaScript function's parameters, by position (`""` for a destructured or
/// rest parameter).
pub fn js_parameter_names(function: Node, src: &str) -> Vec<String> {
    js::parameters(function)
        .into_iter()
        .map(|param| {
            let target = match param.kind_name() {
                "required_parameter" | "optional_parameter" => param.field("pattern"),
                "assignment_pattern" => param.field("left"),
                _ => Some(param),
            };
            target
                .filter(|t| t.kind_name() == "identifier")
                .map(|t| text(t, src).to_string())
                .unwrap_or_default()
        })
        .collect()
}

/// What a JavaScript function returns: an arrow function's expression body, or the value of
/// the one `return` among the top-level statements of its body.
pub fn js_returned(function: Node<'_>) -> Option<Node<'_>> {
    let body = function.field("body")?;
    if body.kind_name() != "statement_block" {
        return Some(body);
    }
    let mut returned = named_children(body)
        .into_iter()
        .filter(|s| s.kind_name() == "return_statement")
        .filter_map(|s| s.named_child(0));
    let value = returned.next()?;
    returned.next().is_none().then_some(value)
}

/// The calls of a JavaScript function in its module: `name(...)` for a function bound to a
/// name, `this.name(...)` for a method.
pub fn js_calls_of<'t>(function: Node<'t>, cx: &TreeContext<'t>) -> Vec<Node<'t>> {
    let src = cx.src;
    let (name, method) = match function.kind_name() {
        "method_definition" => (function.field("name"), true),
        "function_declaration" | "generator_function_declaration" => {
            (function.field("name"), false)
        }
        _ => (
            function
                .parent()
                .filter(|p| p.kind_name() == "variable_declarator")
                .and_then(|d| d.field("name")),
            false,
        ),
    };
    let Some(name) = name.filter(|n| matches!(n.kind_name(), "identifier" | "property_identifier"))
    else {
        return Vec::new();
    };
    let name = text(name, src);
    descendants(cx.root)
        .filter(|n| n.kind_name() == "call_expression")
        .filter(|call| {
            let Some(callee) = call.field("function").map(unwrap_expression) else {
                return false;
            };
            match callee.kind_name() {
                "identifier" => !method && text(callee, src) == name,
                "member_expression" => {
                    method
                        && callee
                            .field("object")
                            .is_some_and(|o| o.kind_name() == "this")
                        && callee
                            .field("property")
                            .is_some_and(|p| text(p, src) == name)
                }
                _ => false,
            }
        })
        .take(MAX_CALLS)
        .collect()
}

/// The function of this Python module defined at its top level as `name` (the first, when
/// it is defined more than once).
pub fn py_module_function<'t>(root: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    py_module_functions(root, name, src).next()
}

/// Every definition of `name` at the top level of this Python module, in order.
pub fn py_module_functions<'t, 'a>(
    root: Node<'t>,
    name: &'a str,
    src: &'a str,
) -> impl Iterator<Item = Node<'t>> + 'a
where
    't: 'a,
{
    named_children(root)
        .into_iter()
        .filter_map(move |statement| {
            let definition = match statement.kind_name() {
                "function_definition" => statement,
                "decorated_definition" => statement.field("definition")?,
                _ => return None,
            };
            (definition.kind_name() == "function_definition"
                && definition
                    .field("name")
                    .is_some_and(|n| text(n, src) == name))
            .then_some(definition)
        })
}

/// The names of a Python function's parameters that a call fills by position (`self` and
/// `cls` of a method left out).
pub fn py_positional_parameters<'s>(function: Node, src: &'s str) -> Vec<&'s str> {
    let mut names = py::parameter_names(function, src);
    let in_class = py::enclosing_function(function).is_none()
        && crate::lang::tree::ancestors(function).any(|a| a.kind_name() == "class_definition");
    if in_class && names.first().is_some_and(|n| matches!(*n, "self" | "cls")) {
        names.remove(0);
    }
    names
}

/// What a Python function returns: the value of the one `return` among the top-level
/// statements of its body.
pub fn py_returned(function: Node<'_>) -> Option<Node<'_>> {
    let body = function.field("body")?;
    let mut returned = named_children(body)
        .into_iter()
        .filter(|s| s.kind_name() == "return_statement")
        .filter_map(|s| s.named_child(0));
    let value = returned.next()?;
    returned.next().is_none().then_some(value)
}

/// The calls of a Python function in its module: `name(...)` for a module-level function,
/// `self.name(...)` / `cls.name(...)` for a method.
pub fn py_calls_of<'t>(function: Node<'t>, cx: &TreeContext<'t>) -> Vec<Node<'t>> {
    let src = cx.src;
    let Some(name) = function.field("name").map(|n| text(n, src)) else {
        return Vec::new();
    };
    let method = py::enclosing_function(function).is_none()
        && crate::lang::tree::ancestors(function).any(|a| a.kind_name() == "class_definition");
    descendants(cx.root)
        .filter(|n| n.kind_name() == "call")
        .filter(|call| {
            let Some(callee) = call.field("function") else {
                return false;
            };
            match callee.kind_name() {
                "identifier" => !method && text(callee, src) == name,
                "attribute" => {
                    method
                        && callee
                            .field("object")
                            .is_some_and(|o| matches!(text(o, src), "self" | "cls"))
                        && callee
                            .field("attribute")
                            .is_some_and(|a| text(a, src) == name)
                }
                _ => false,
            }
        })
        .take(MAX_CALLS)
        .collect()
}

/// The position of the parameter `name` among a function's parameters as a call fills them,
/// when the SQL argument `sql_arg` is that parameter of the function enclosing it (not a
/// local that shadows it).
pub fn js_runs_parameter<'t>(sql_arg: Node<'t>, src: &str) -> Option<(Node<'t>, usize)> {
    let sql_arg = unwrap_expression(sql_arg);
    if sql_arg.kind_name() != "identifier" {
        return None;
    }
    let name = text(sql_arg, src);
    let function = js::enclosing_function(sql_arg)?;
    if !js::bindings_of(function, name, src, sql_arg.start_byte()).is_empty() {
        return None;
    }
    let index = js_parameter_names(function, src)
        .iter()
        .position(|p| p == name)?;
    Some((function, index))
}

/// `js_runs_parameter` for Python.
pub fn py_runs_parameter<'t>(sql_arg: Node<'t>, src: &str) -> Option<(Node<'t>, usize)> {
    let sql_arg = py::unwrap(sql_arg);
    if sql_arg.kind_name() != "identifier" {
        return None;
    }
    let name = text(sql_arg, src);
    let function = py::enclosing_function(sql_arg)?;
    if !py::bindings_of(function, name, src, sql_arg.start_byte()).is_empty() {
        return None;
    }
    let index = py_positional_parameters(function, src)
        .iter()
        .position(|p| *p == name)?;
    Some((function, index))
}

/// The argument a Python call passes for the parameter at `index` named `name`: by keyword,
/// else by position.
pub fn py_argument<'t>(call: Node<'t>, index: usize, name: &str, src: &str) -> Option<Node<'t>> {
    py::keyword_argument(call, name, src)
        .or_else(|| py::positional_arguments(call).get(index).copied())
}
