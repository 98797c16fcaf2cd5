//! JavaScript and TypeScript helpers over tree-sitter nodes.

use super::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use super::tree::{ancestors, descendants, descendants_mentioning, text, unwrap_expression};

/// Array methods that call their first argument once per element.
pub const ITERATION_METHODS: &[&str] = &[
    "forEach",
    "map",
    "flatMap",
    "filter",
    "reduce",
    "reduceRight",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
];

/// Helpers that call their function argument once per element of another argument
/// (`Bluebird.map(xs, fn)`, `pMap(xs, fn)`, `async.eachSeries(xs, fn)`).
pub const ITERATION_HELPERS: &[&str] = &[
    "pMap",
    "pMapSeries",
    "each",
    "eachSeries",
    "eachLimit",
    "mapSeries",
    "mapLimit",
    "forEachOf",
    "eachOf",
];

/// Node kinds that start a new function scope.
pub const FUNCTION_KINDS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
];

pub fn is_function(node: Node) -> bool {
    FUNCTION_KINDS.contains(&node.kind_name())
}

/// The nearest function enclosing `node` (not `node` itself).
pub fn enclosing_function(node: Node<'_>) -> Option<Node<'_>> {
    ancestors(node).find(|n| is_function(*n))
}

/// The value of a string literal, or of a template literal without substitutions.
pub fn string_value(node: Node, src: &str) -> Option<String> {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "string" | "template_string" => {
            let mut out = String::new();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                match child.kind_name() {
                    "string_fragment" => out.push_str(text(child, src)),
                    "escape_sequence" => out.push_str(unescape(text(child, src))),
                    "template_substitution" => return None,
                    _ => {}
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn unescape(seq: &str) -> &str {
    match seq {
        "\\n" => "\n",
        "\\t" => "\t",
        "\\'" => "'",
        "\\\"" => "\"",
        "\\`" => "`",
        "\\\\" => "\\",
        "\\$" => "$",
        _ => "",
    }
}

/// Dotted path of an expression made of identifiers and member accesses:
/// `db.query` → `"db.query"`, `this.pool.query` → `"this.pool.query"`,
/// `obj['key']` → `"obj.key"`. `None` for anything else.
pub fn dotted_path(node: Node, src: &str) -> Option<String> {
    let node = unwrap_expression(node);
    let mut parts: Vec<&str> = Vec::new();
    let mut current = node;
    for _ in 0..32 {
        match current.kind_name() {
            "identifier" | "this" | "property_identifier" | "super" => {
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
            "member_expression" => {
                let property = current.field("property")?;
                parts.push(text(property, src));
                current = unwrap_expression(current.field("object")?);
            }
            "subscript_expression" => {
                let index = current.field("index")?;
                let key = string_value(index, src)?;
                // Only a string key that is an identifier keeps the path meaningful.
                if key.is_empty()
                    || !key
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                {
                    return None;
                }
                let start = index.start_byte();
                let inner = src.get(start + 1..index.end_byte().saturating_sub(1))?;
                parts.push(inner);
                current = unwrap_expression(current.field("object")?);
            }
            "call_expression" => {
                // `knex('users').whereRaw` → `knex().whereRaw`.
                parts.push("()");
                current = unwrap_expression(current.field("function")?);
            }
            _ => return None,
        }
    }
    None
}

/// The callee of a call, without wrappers. The TypeScript grammar parses
/// `await a.b<T>(x)` as a call whose function is `await a.b`; the `await` is skipped too.
pub fn callee(call: Node<'_>) -> Option<Node<'_>> {
    let mut callee = unwrap_expression(call.field("function")?);
    while callee.kind_name() == "await_expression" {
        callee = unwrap_expression(callee.named_child(0)?);
    }
    Some(callee)
}

/// The name of the method or function a call invokes: `db.query(...)` → `query`,
/// `foo(...)` → `foo`.
pub fn callee_name<'s>(call: Node, src: &'s str) -> Option<&'s str> {
    let callee = callee(call)?;
    match callee.kind_name() {
        "identifier" => Some(text(callee, src)),
        "member_expression" => Some(text(callee.field("property")?, src)),
        _ => None,
    }
}

/// The object a method is called on: `db.query(...)` → the `db` node.
pub fn callee_object(call: Node<'_>) -> Option<Node<'_>> {
    let callee = callee(call)?;
    if callee.kind_name() == "member_expression" {
        callee.field("object")
    } else {
        None
    }
}

/// The call's arguments (named children of its `arguments`).
pub fn call_arguments(call: Node<'_>) -> Vec<Node<'_>> {
    let Some(args) = call.field("arguments") else {
        return Vec::new();
    };
    if args.kind_name() != "arguments" {
        // A tagged template: `sql\`...\`` has a template_string as its arguments.
        return Vec::new();
    }
    let mut cursor = args.walk();
    args.named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}

/// True for a tagged template call (`sql\`...\``, `prisma.$queryRaw\`...\``).
pub fn is_tagged_template(call: Node) -> bool {
    call.field("arguments")
        .is_some_and(|a| a.kind_name() == "template_string")
}

/// A value bound to a name: what the binding assigns and how.
#[derive(Clone, Copy, Debug)]
pub struct Binding<'t> {
    /// The node whose value flows into the name (for destructuring, the object destructured).
    pub value: Node<'t>,
    /// The whole declaration or assignment.
    pub site: Node<'t>,
    pub kind: BindingKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `const x = v`
    Const,
    /// `let x = v`, `var x = v`, `x = v`
    Assign,
    /// `x += v`
    Append,
    /// `const { x } = v` / `const [x] = v`: `value` is `v`, the name is a part of it.
    Destructure,
}

/// Every binding of `name` inside `scope` that starts before `before` (a byte offset),
/// in source order.
pub fn bindings_of<'t>(scope: Node<'t>, name: &str, src: &str, before: usize) -> Vec<Binding<'t>> {
    let mut out = Vec::new();
    // A binding names what it binds: only subtrees that mention the name can hold one.
    for node in descendants_mentioning(scope, src, name) {
        if node.start_byte() >= before {
            break;
        }
        node_bindings(node, src, &mut |bound, binding| {
            if bound == name {
                out.push(binding);
            }
        });
    }
    out
}

/// Bindings of `name` visible at `at`: in the nearest enclosing function that binds it
/// (none when a function on the way has it as a parameter), else at module level under
/// `root`. An assignment whose value reads `at` (`sql = sql + ...`) is not made yet there.
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

/// The arguments of every `name.push(...)` under `scope`.
pub fn pushed_values<'t>(scope: Node<'t>, name: &str, src: &str) -> impl Iterator<Item = Node<'t>> {
    descendants(scope)
        .filter(move |n| n.kind_name() == "call_expression" && callee_name(*n, src) == Some("push"))
        .filter(move |n| callee_object(*n).is_some_and(|o| text(o, src) == name))
        .flat_map(call_arguments)
}

/// Bindings of `name` made at module level (outside every function and class body), before
/// `before`. Walks only the top-level statements, so it stays cheap on large files.
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
        let stmt = if stmt.kind_name() == "export_statement" {
            match stmt.field("declaration") {
                Some(d) => d,
                None => continue,
            }
        } else {
            stmt
        };
        let candidates: Vec<Node<'t>> = match stmt.kind_name() {
            "lexical_declaration" | "variable_declaration" => {
                let mut c = stmt.walk();
                stmt.named_children(&mut c).collect()
            }
            "expression_statement" => stmt.named_child(0).into_iter().collect(),
            _ => continue,
        };
        for node in candidates {
            node_bindings(node, src, &mut |bound, binding| {
                if bound == name {
                    out.push(binding);
                }
            });
        }
    }
    out
}

/// Names bound to a value that contains byte `offset`: `x` for `const x = f(process.env.A)`
/// at the offset of `process`. Every binding `bindings_of` or `module_bindings_of` can return
/// whose value covers the offset is among them (its site is an ancestor of the offset).
pub fn names_bound_over<'s>(root: Node, offset: usize, src: &'s str) -> Vec<&'s str> {
    let mut names = Vec::new();
    let Some(start) = root.descendant_for_byte_range(offset, offset) else {
        return names;
    };
    for node in std::iter::once(start).chain(ancestors(start)) {
        node_bindings(node, src, &mut |bound, binding| {
            if binding.value.byte_range().contains(&offset) {
                names.push(bound);
            }
        });
    }
    names
}

/// The bindings a node makes (a declarator may bind several names by destructuring).
fn node_bindings<'t, 's>(node: Node<'t>, src: &'s str, emit: &mut dyn FnMut(&'s str, Binding<'t>)) {
    let pair = |n: Node<'t>| (n.field("left"), n.field("right"));
    match node.kind_name() {
        "variable_declarator" => {
            let (Some(target), Some(value)) = (node.field("name"), node.field("value")) else {
                return;
            };
            let is_const = node
                .parent()
                .and_then(|p| p.child(0))
                .is_some_and(|k| k.kind_name() == "const");
            match target.kind_name() {
                "identifier" => emit(
                    text(target, src),
                    Binding {
                        value,
                        site: node,
                        kind: if is_const {
                            BindingKind::Const
                        } else {
                            BindingKind::Assign
                        },
                    },
                ),
                "object_pattern" | "array_pattern" => {
                    for n in descendants(target) {
                        // `{ [KEY]: value }` reads `KEY`, it does not bind it.
                        let in_computed_key = ancestors(n)
                            .take_while(|a| a.id() != target.id())
                            .any(|a| a.kind_name() == "computed_property_name");
                        if !in_computed_key
                            && matches!(
                                n.kind_name(),
                                "shorthand_property_identifier_pattern" | "identifier"
                            )
                        {
                            emit(
                                text(n, src),
                                Binding {
                                    value,
                                    site: node,
                                    kind: BindingKind::Destructure,
                                },
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        "assignment_expression" => {
            let (Some(left), Some(right)) = pair(node) else {
                return;
            };
            if left.kind_name() == "identifier" {
                emit(
                    text(left, src),
                    Binding {
                        value: right,
                        site: node,
                        kind: BindingKind::Assign,
                    },
                );
            }
        }
        "augmented_assignment_expression" => {
            let (Some(left), Some(right)) = pair(node) else {
                return;
            };
            let is_plus = node
                .field("operator")
                .is_some_and(|op| text(op, src) == "+=");
            if is_plus && left.kind_name() == "identifier" {
                emit(
                    text(left, src),
                    Binding {
                        value: right,
                        site: node,
                        kind: BindingKind::Append,
                    },
                );
            }
        }
        _ => {}
    }
}

/// The parameters of a function node, as their identifier names.
pub fn parameter_names<'s>(function: Node, src: &'s str) -> Vec<&'s str> {
    let mut names = Vec::new();
    if let Some(single) = function.field("parameter") {
        names.push(text(single, src));
        return names;
    }
    let Some(params) = function.field("parameters") else {
        return names;
    };
    let mut cursor = params.walk();
    for param in params.named_children(&mut cursor) {
        let target = match param.kind_name() {
            "identifier" => Some(param),
            "required_parameter" | "optional_parameter" => param.field("pattern"),
            "assignment_pattern" => param.field("left"),
            _ => None,
        };
        if let Some(t) = target.filter(|t| t.kind_name() == "identifier") {
            names.push(text(t, src));
        }
    }
    names
}

/// The parameter nodes of a function (identifiers, patterns, TypeScript parameters).
pub fn parameters(function: Node<'_>) -> Vec<Node<'_>> {
    if let Some(single) = function.field("parameter") {
        return vec![single];
    }
    let Some(params) = function.field("parameters") else {
        return Vec::new();
    };
    let mut cursor = params.walk();
    params
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .collect()
}

/// The value of the first property of an object literal named one of `keys`: the value of
/// `text: v` or `'text': v`, or the name of a shorthand `{ text }`.
pub fn object_property<'t>(object: Node<'t>, keys: &[&str], src: &str) -> Option<Node<'t>> {
    let object = unwrap_expression(object);
    if object.kind_name() != "object" {
        return None;
    }
    let mut cursor = object.walk();
    object
        .named_children(&mut cursor)
        .find_map(|member| match member.kind_name() {
            "pair" => {
                let key = member.field("key")?;
                let name = match key.kind_name() {
                    "property_identifier" => text(key, src).to_string(),
                    "string" => string_value(key, src)?,
                    _ => return None,
                };
                keys.contains(&name.as_str())
                    .then(|| member.field("value"))
                    .flatten()
            }
            "shorthand_property_identifier" => keys.contains(&text(member, src)).then_some(member),
            _ => None,
        })
}

/// `process.env` (or `Bun.env`), also behind parentheses or a type assertion.
pub fn is_env_object(node: Node, src: &str) -> bool {
    // Both paths end in `env`, which the text then holds (a quick no for most objects).
    text(node, src).contains("env")
        && matches!(
            dotted_path(unwrap_expression(node), src).as_deref(),
            Some("process.env" | "Bun.env")
        )
}

/// True when the expression is a literal whose value is known at compile time.
pub fn is_literal(node: Node) -> bool {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "string" | "number" | "true" | "false" | "null" | "undefined" => true,
        "template_string" => !descendants(node).any(|n| n.kind_name() == "template_substitution"),
        _ => false,
    }
}

/// The declarators of a block's own `const`/`let`/`var` declarations (exported ones too):
/// `(declarator, name, value)` for each that has a value. Nested scopes are not entered.
pub fn declarators<'t>(block: Node<'t>) -> Vec<(Node<'t>, Node<'t>, Node<'t>)> {
    let mut out = Vec::new();
    let mut cursor = block.walk();
    for stmt in block.named_children(&mut cursor) {
        let decl = if stmt.kind_name() == "export_statement" {
            stmt.field("declaration").unwrap_or(stmt)
        } else {
            stmt
        };
        if !matches!(
            decl.kind_name(),
            "lexical_declaration" | "variable_declaration"
        ) {
            continue;
        }
        let mut inner = decl.walk();
        for d in decl.named_children(&mut inner) {
            if let (Some(name), Some(value)) = (d.field("name"), d.field("value")) {
                out.push((d, name, value));
            }
        }
    }
    out
}

/// Names declared at the top level of the program as `const NAME = <literal>`.
pub fn module_literal_constants(root: Node, src: &str) -> Vec<String> {
    declarators(root)
        .into_iter()
        .filter(|(d, name, value)| {
            let is_const = d
                .parent()
                .and_then(|p| p.child(0))
                .is_some_and(|k| k.kind_name() == "const");
            is_const && name.kind_name() == "identifier" && is_literal(*value)
        })
        .map(|(_, name, _)| text(name, src).to_string())
        .collect()
}

/// Wrappers that run a callback and catch what it throws: `trySafe(() => ...)`,
/// `tryThat(...)`, `tryCatch(...)`, lodash's `attempt`.
pub fn is_catching_wrapper(name: &str) -> bool {
    name == "attempt"
        || name
            .strip_prefix("try")
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_ascii_uppercase())
}
