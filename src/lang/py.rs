//! Python helpers over tree-sitter nodes.

use super::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use super::tree::{ancestors, descendants, descendants_mentioning, text};

pub fn is_function(node: Node) -> bool {
    matches!(node.kind_name(), "function_definition" | "lambda")
}

/// The nearest function enclosing `node` (not `node` itself).
pub fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    ancestors(node).find(|n| is_function(*n))
}

/// Skips parentheses.
pub fn unwrap(mut node: Node<'_>) -> Node<'_> {
    for _ in 0..64 {
        if node.kind_name() == "parenthesized_expression" {
            match super::tree::first_named_child_not_comment(node) {
                Some(inner) => node = inner,
                None => return node,
            }
        } else {
            return node;
        }
    }
    node
}

/// True for an f-string with at least one `{...}` interpolation.
pub fn is_fstring(node: Node) -> bool {
    node.kind_name() == "string" && {
        let mut cursor = node.walk();
        node.named_children(&mut cursor)
            .any(|c| c.kind_name() == "interpolation")
    }
}

/// The value of a plain string literal (no interpolation), without prefix and quotes.
/// Implicitly concatenated literals (`"a" "b"`) are joined.
pub fn string_value(node: Node, src: &str) -> Option<String> {
    let node = unwrap(node);
    match node.kind_name() {
        "string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                match child.kind_name() {
                    "string_content" => out.push_str(text(child, src)),
                    "escape_sequence" => out.push_str(text(child, src)),
                    "interpolation" => return None,
                    _ => {}
                }
            }
            Some(out)
        }
        "concatenated_string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for part in node.named_children(&mut cursor) {
                out.push_str(&string_value(part, src)?);
            }
            Some(out)
        }
        _ => None,
    }
}

/// The static text of a string, f-string or concatenation of them, with each
/// interpolation replaced by a space: what the SQL looks like around the holes.
pub fn template_text(node: Node, src: &str) -> String {
    let mut out = String::new();
    for n in descendants(node) {
        match n.kind_name() {
            // Content nested inside interpolations (strings within `{...}`) is not static.
            "string_content" | "escape_sequence"
                if !ancestors(n)
                    .take_while(|a| a.id() != node.id())
                    .any(|a| a.kind_name() == "interpolation") =>
            {
                out.push_str(text(n, src));
            }
            "interpolation" => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Dotted path of identifiers and attributes: `self.cursor.execute` → `"self.cursor.execute"`,
/// with calls in the chain written `()`: `db.session().execute` .
pub fn dotted_path(node: Node, src: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut current = unwrap(node);
    for _ in 0..32 {
        match current.kind_name() {
            "identifier" => {
                parts.push(text(current, src));
                let mut path = String::new();
                for part in parts.iter().rev() {
                    if *part != "()" && !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(part);
                }
                return Some(path);
            }
            "attribute" => {
                parts.push(text(current.field("attribute")?, src));
                current = unwrap(current.field("object")?);
            }
            "call" => {
                parts.push("()");
                current = unwrap(current.field("function")?);
            }
            _ => return None,
        }
    }
    None
}

/// The last name of the callee: `cursor.execute(...)` → `execute`, `text(...)` → `text`.
pub fn callee_name<'s>(call: Node, src: &'s str) -> Option<&'s str> {
    let callee = unwrap(call.field("function")?);
    match callee.kind_name() {
        "identifier" => Some(text(callee, src)),
        "attribute" => Some(text(callee.field("attribute")?, src)),
        _ => None,
    }
}

/// The object a method is called on.
pub fn callee_object(call: Node<'_>) -> Option<Node<'_>> {
    let callee = unwrap(call.field("function")?);
    if callee.kind_name() == "attribute" {
        callee.field("object")
    } else {
        None
    }
}

/// Positional arguments of a call.
pub fn positional_arguments(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(args) = call.field("arguments") else {
        return Vec::new();
    };
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|n| {
            !matches!(
                n.kind_name(),
                "keyword_argument" | "comment" | "list_splat" | "dictionary_splat"
            )
        })
        .collect()
}

/// The value of a keyword argument by name.
pub fn keyword_argument<'t>(call: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let args = call.field("arguments")?;
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|n| n.kind_name() == "keyword_argument")
        .find(|n| n.field("name").is_some_and(|k| text(k, src) == name))
        .and_then(|n| n.field("value"))
}

/// A value bound to a name by assignment.
#[derive(Clone, Copy, Debug)]
pub struct Binding<'t> {
    pub value: Node<'t>,
    pub site: Node<'t>,
    /// `x += v`
    pub append: bool,
}

/// Every assignment to `name` inside `scope` before `before`, in source order.
pub fn bindings_of<'t>(scope: Node<'t>, name: &str, src: &str, before: usize) -> Vec<Binding<'t>> {
    let mut out = Vec::new();
    // A binding names what it binds: only subtrees that mention the name can hold one.
    for node in descendants_mentioning(scope, src, name) {
        if node.start_byte() >= before {
            break;
        }
        if let Some((bound, binding)) = node_binding(node, src) {
            if bound == name {
                out.push(binding);
            }
        }
    }
    out
}

/// `js::visible_bindings` for Python.
pub fn visible_bindings<'t>(
    at: Node<'t>,
    name: &str,
    root: Node<'t>,
    src: &str,
) -> Vec<Binding<'t>> {
    let before = at.start_byte();
    super::tree::visible_bindings(
        at,
        enclosing_function,
        |scope| bindings_of(scope, name, src, before),
        |function| parameter_names(function, src).contains(&name),
        || module_bindings_of(root, name, src, before),
        |binding| binding.value,
    )
}

/// Module-level assignments of `name` before `before`: only top-level statements are read.
pub fn module_bindings_of<'t>(
    root: Node<'t>,
    name: &str,
    src: &str,
    before: usize,
) -> Vec<Binding<'t>> {
    let mut out = Vec::new();
    let mut cursor = root.walk();
    for stmt in root.named_children(&mut cursor) {
        if stmt.start_byte() >= before {
            break;
        }
        if stmt.kind_name() != "expression_statement" {
            continue;
        }
        if let Some((bound, binding)) = stmt.named_child(0).and_then(|n| node_binding(n, src)) {
            if bound == name {
                out.push(binding);
            }
        }
    }
    out
}

/// Names bound to a value that contains byte `offset` (see `js::names_bound_over`).
pub fn names_bound_over<'s>(root: Node, offset: usize, src: &'s str) -> Vec<&'s str> {
    let Some(start) = root.descendant_for_byte_range(offset, offset) else {
        return Vec::new();
    };
    std::iter::once(start)
        .chain(ancestors(start))
        .filter_map(|node| node_binding(node, src))
        .filter(|(_, binding)| binding.value.byte_range().contains(&offset))
        .map(|(bound, _)| bound)
        .collect()
}

fn node_binding<'t, 's>(node: Node<'t>, src: &'s str) -> Option<(&'s str, Binding<'t>)> {
    let append = match node.kind_name() {
        "assignment" => false,
        "augmented_assignment" => {
            if node
                .field("operator")
                .is_none_or(|op| text(op, src) != "+=")
            {
                return None;
            }
            true
        }
        _ => return None,
    };
    let left = node.field("left")?;
    let right = node.field("right")?;
    (left.kind_name() == "identifier").then(|| {
        (
            text(left, src),
            Binding {
                value: right,
                site: node,
                append,
            },
        )
    })
}

/// Parameter names of a function definition.
pub fn parameter_names<'s>(function: Node, src: &'s str) -> Vec<&'s str> {
    let Some(params) = function.field("parameters") else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let target = match param.kind_name() {
            "identifier" => Some(param),
            "typed_parameter" => param.named_child(0),
            "default_parameter" | "typed_default_parameter" => param.field("name"),
            _ => None,
        };
        if let Some(t) = target.filter(|t| t.kind_name() == "identifier") {
            names.push(text(t, src));
        }
    }
    names
}

/// The decorators of a function definition (`@app.get("/x")` → the decorator expressions).
pub fn decorators(function: Node<'_>) -> Vec<Node<'_>> {
    let Some(parent) = function
        .parent()
        .filter(|p| p.kind_name() == "decorated_definition")
    else {
        return Vec::new();
    };
    let mut cursor = parent.walk();
    parent
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() == "decorator")
        .filter_map(|d| d.named_child(0))
        .collect()
}

/// True for literal values known at compile time.
pub fn is_literal(node: Node) -> bool {
    let node = unwrap(node);
    match node.kind_name() {
        "integer" | "float" | "true" | "false" | "none" => true,
        "string" => !is_fstring(node),
        "concatenated_string" => {
            let mut cursor = node.walk();
            node.named_children(&mut cursor).all(|c| !is_fstring(c))
        }
        _ => false,
    }
}

/// The plain assignments among a block's statements: `(assignment, left, right)`. Nested
/// blocks are not entered.
pub fn assignments<'t>(block: Node<'t>) -> Vec<(Node<'t>, Node<'t>, Node<'t>)> {
    let mut out = Vec::new();
    let mut cursor = block.walk();
    for stmt in block.named_children(&mut cursor) {
        let Some(assign) = stmt
            .named_child(0)
            .filter(|a| a.kind_name() == "assignment")
        else {
            continue;
        };
        if let (Some(left), Some(right)) = (assign.field("left"), assign.field("right")) {
            out.push((assign, left, right));
        }
    }
    out
}

/// Names assigned a literal at module level (`TABLE = "users"`).
pub fn module_literal_constants(root: Node, src: &str) -> Vec<String> {
    assignments(root)
        .into_iter()
        .filter(|(_, left, right)| left.kind_name() == "identifier" && is_literal(*right))
        .map(|(_, left, _)| text(left, src).to_string())
        .collect()
}
