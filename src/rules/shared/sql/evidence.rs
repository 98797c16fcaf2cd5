//! "Is there positive evidence that this interpolated value is an injection?" for
//! sql-interpolation: where the value stands in the SQL text (a value, not a name) and where
//! it comes from (the request, or a parameter of the function, not the program itself).
//!
//! A hole is reported when
//! - it holds request input, wherever it stands;
//! - or it stands where SQL takes a value (`= ${x}`, `IN (${x})`, `VALUES (${x}, ...)`,
//!   `LIMIT ${n}`, `LIKE ${x}`) and its value derives from a parameter of the function it is
//!   built in (the caller decides what it holds) or from configuration;
//! - or it stands inside a quoted SQL string (`'${x}'`, `'%${x}%'`; not a relation named
//!   as text: `nextval('${seq}')`, `'${t}'::regclass`) and its value derives from a
//!   parameter or from configuration (`process.env`, `this.config.x`, `settings.X`).
//!
//! A parameter of a function the module keeps to itself is followed to the values its calls
//! pass; a parameter with a literal default (`limit = 20`, `{ interval = '2 minutes' }`) is
//! a setting callers leave out, not data. Values the program computes itself (model
//! metadata, names read back from the database's catalog, constants imported from another
//! module) are not evidence.
//!
//! Statements that take no parameters at all (`SET`, `CREATE`, `DROP`, `ALTER`, `GRANT`,
//! `LOCK`, ...) are written with names and settings the program chose; only request input
//! is reported there.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::lang::tree::{descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::TreeContext;
use crate::rules::shared::request_input;

/// Where an interpolated value stands in the SQL text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Inside a quoted SQL string literal: `'${x}'`, `'%${x}%'`.
    Quoted,
    /// Where SQL takes a value, unquoted: after a comparison, in an `IN` or `VALUES` list,
    /// after `LIMIT`, `OFFSET`, `LIKE`, `BETWEEN`.
    Value,
    /// Anything else: a name, a keyword, a whole clause or fragment.
    Other,
}

/// Leading keywords of statements that take no bound parameters.
const UNPARAMETERIZED_STATEMENTS: &[&str] = &[
    "SET", "RESET", "SHOW", "CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "LOCK", "TRUNCATE",
    "VACUUM", "ANALYZE", "PRAGMA", "COMMENT", "REFRESH", "CLUSTER", "REINDEX", "ATTACH", "DETACH",
    "USE",
];

/// True when the statement is one that takes no parameters: its leading keyword is `SET`,
/// `CREATE`, `DROP`, `ALTER`, `GRANT`, `LOCK`, `TRUNCATE`, ...
pub fn statement_takes_no_parameters(sql: &str) -> bool {
    let trimmed = sql.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let first: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    UNPARAMETERIZED_STATEMENTS.contains(&first.as_str())
}

/// Where the hole whose ` ? ` starts at `offset` of the built text stands.
pub fn slot_of(sql: &str, offset: usize) -> Slot {
    let Some(before) = sql.get(..offset) else {
        return Slot::Other;
    };
    let after = sql.get(offset + 3..).unwrap_or_default();
    if let Some(open) = open_quote(before) {
        // A quoted name where SQL takes a relation: `nextval('${seq}')`, `'${t}'::regclass`.
        let head = before[..open].trim_end().to_ascii_lowercase();
        let names_a_relation = [
            "nextval(",
            "setval(",
            "currval(",
            "to_regclass(",
            "pg_get_serial_sequence(",
        ]
        .iter()
        .any(|f| head.ends_with(f))
            || after
                .split_once('\'')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with("::regclass"));
        return if names_a_relation {
            Slot::Other
        } else {
            Slot::Quoted
        };
    }
    let mut before = before.trim_end();
    let mut after_start = after.trim_start();
    // `= "${x}"`: a MySQL string, read by what stands before the quote (a name otherwise).
    if let (Some(b), Some(a)) = (before.strip_suffix('"'), after_start.strip_prefix('"')) {
        before = b.trim_end();
        after_start = a.trim_start();
    }
    // A qualified name (`${schema}.table`) or a function (`${name}(`), or a cast target.
    if after_start.starts_with(['.', '(', '"', '`']) {
        return Slot::Other;
    }
    if before.ends_with(['=', '<', '>']) && !before.ends_with("=>") {
        return Slot::Value;
    }
    let upper = before.to_ascii_uppercase();
    let last_word = upper
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or_default();
    if matches!(
        last_word,
        "LIKE" | "ILIKE" | "LIMIT" | "OFFSET" | "BETWEEN" | "IN"
    ) {
        return Slot::Value;
    }
    if (before.ends_with('(') || before.ends_with(',')) && in_value_list(&upper) {
        return Slot::Value;
    }
    Slot::Other
}

/// True when the hole whose ` ? ` starts at `offset` of the built text stands where a whole
/// clause or condition goes: after `WHERE` / `AND` / `OR` / `HAVING` / `ON`, or after a
/// complete condition (`site_id = ?` then a fragment bringing its own `AND ...`), and before
/// the end, another hole or the next clause. Not a value, a name or a keyword's operand
/// (`SELECT ${col} AS value`, `AND ${col} IS NOT NULL`).
pub fn stands_as_clause(sql: &str, offset: usize) -> bool {
    let (Some(before), Some(after)) = (sql.get(..offset), sql.get(offset + 3..)) else {
        return false;
    };
    if open_quote(before).is_some() || slot_of(sql, offset) != Slot::Other {
        return false;
    }
    let before = before.trim_end();
    let after = after.trim_start();
    let word_of = |t: &str| t.to_ascii_uppercase();
    let next_word = word_of(
        after
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default(),
    );
    let boundary_after = after.is_empty()
        || after.starts_with(['?', ')', ';'])
        || matches!(
            next_word.as_str(),
            "GROUP"
                | "ORDER"
                | "LIMIT"
                | "HAVING"
                | "UNION"
                | "AND"
                | "OR"
                | "WINDOW"
                | "OFFSET"
                | "SETTINGS"
                | "FORMAT"
                | "WHERE"
                | "JOIN"
                | "LEFT"
                | "RIGHT"
                | "INNER"
                | "CROSS"
                | "FULL"
                | "RETURNING"
        );
    if !boundary_after {
        return false;
    }
    let last_word = word_of(
        before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default(),
    );
    if before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        return match last_word.as_str() {
            "WHERE" | "AND" | "OR" | "HAVING" | "ON" => true,
            // A keyword waiting for its operand.
            "SELECT" | "DISTINCT" | "FROM" | "JOIN" | "BY" | "SET" | "INTO" | "VALUES" | "NOT"
            | "IS" | "IN" | "LIKE" | "ILIKE" | "BETWEEN" | "THEN" | "ELSE" | "WHEN" | "CASE"
            | "AS" | "LIMIT" | "OFFSET" | "UPDATE" | "TABLE" | "RETURNING" => false,
            _ => true,
        };
    }
    // After a literal, a parenthesis, a placeholder or another hole.
    before.ends_with(['\'', ')', '"', '}', '?'])
}

/// Where the single-quoted SQL string still open at the end of `before` starts, reading
/// past `-- ...` and `/* ... */` comments (an apostrophe in a comment opens nothing).
fn open_quote(before: &str) -> Option<usize> {
    let bytes = before.as_bytes();
    let mut open = None;
    let mut at = 0;
    while at < bytes.len() {
        match (open, bytes[at]) {
            (Some(_), b'\'') => open = None,
            (Some(_), _) => {}
            (None, b'\'') => open = Some(at),
            (None, b'-') if bytes.get(at + 1) == Some(&b'-') => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |end| at + end);
            }
            (None, b'/') if bytes.get(at + 1) == Some(&b'*') => {
                at = memchr::memmem::find(&bytes[at + 2..], b"*/")
                    .map_or(bytes.len(), |end| at + 2 + end + 1);
            }
            _ => {}
        }
        at += 1;
    }
    open
}

/// True when the end of `upper` (upper-cased text before a hole that follows `(` or `,`)
/// is inside an `IN (...)`, `ANY(...)` or `VALUES (...)` list.
fn in_value_list(upper: &str) -> bool {
    // The innermost parenthesis still open.
    let mut depth = 0usize;
    let mut open = None;
    for (at, c) in upper.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(at);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let Some(open) = open else {
        return false;
    };
    let head = upper[..open].trim_end();
    if head.ends_with(" IN") || head.ends_with("ANY") || head.ends_with("VALUES") {
        return true;
    }
    // A later row of a multi-row `VALUES (...), (...)`: the head is `... VALUES (...),`.
    let Some(values) = head.rfind("VALUES") else {
        return false;
    };
    let rows = &head[values + "VALUES".len()..];
    rows.trim_end().ends_with(',')
        && !["SELECT", "WHERE", "RETURNING", "ON ", "SET "]
            .iter()
            .any(|k| rows.contains(k))
}

/// How many binding steps are followed back from a name.
const MAX_STEPS: usize = 6;

/// How many expressions are read per question.
const MAX_VISITS: usize = 64;

/// How many nodes of one expression are read.
const MAX_NODES: usize = 512;

/// The text of the first piece of outside data the JavaScript value derives from: a
/// parameter of an enclosing function (or a property of it), a local assigned from one, a
/// text method applied to one of these, or a configuration read (`process.env`,
/// `this.config.x`). Callbacks of array methods (`ids.map((id) => ...)`) are followed to the
/// collection they walk; a parameter of a function the module keeps to itself is followed to
/// the arguments of its calls; a parameter or destructured name with a literal default is a
/// setting the callers leave out, not data. Calls of other functions are not followed into.
pub fn js_outside_source<'s>(hole: Node, cx: &TreeContext<'s>) -> Option<&'s str> {
    let src = cx.src;
    let mut todo: Vec<(Node, usize)> = vec![(hole, 0)];
    let mut visits = 0usize;
    while let Some((expr, steps)) = todo.pop() {
        visits += 1;
        if visits > MAX_VISITS {
            break;
        }
        if let Some(read) = js_configuration_read(expr, src) {
            return Some(read);
        }
        for name in js_value_names(expr, src) {
            let word = text(name, src);
            let mut scope = js::enclosing_function(name);
            while let Some(function) = scope {
                let bindings = js::bindings_of(function, word, src, name.start_byte());
                if !bindings.is_empty() {
                    let defaulted = bindings.iter().any(|b| {
                        b.kind == js::BindingKind::Destructure
                            && js_pattern_gives_literal_default(b.site, word, src)
                    });
                    if steps < MAX_STEPS && !defaulted {
                        todo.extend(
                            bindings
                                .iter()
                                .filter(|b| b.value.id() != expr.id())
                                .map(|b| (b.value, steps + 1)),
                        );
                    }
                    break;
                }
                if let Some(items) = js_loop_collection(name, function, word, src) {
                    if steps < MAX_STEPS {
                        todo.push((items, steps + 1));
                    }
                    break;
                }
                let Some(param) = js_parameter_binding(function, word, src) else {
                    scope = js::enclosing_function(function);
                    continue;
                };
                if js_pattern_gives_literal_default(param, word, src) || steps >= MAX_STEPS {
                    break;
                }
                if let Some(items) = request_input::iterated_collection(function, src) {
                    todo.push((items, steps + 1));
                } else if let Some(arguments) = js_private_call_arguments(function, param, word, cx)
                {
                    todo.extend(arguments.into_iter().map(|a| (a, steps + 1)));
                } else {
                    return Some(text(name, src));
                }
                break;
            }
        }
    }
    None
}

/// What a `for (const x of items)` loop between `at` and `function` iterates when it binds
/// `name`.
fn js_loop_collection<'t>(
    at: Node<'t>,
    function: Node<'t>,
    name: &str,
    src: &str,
) -> Option<Node<'t>> {
    let mut node = at.parent();
    while let Some(n) = node {
        if n.id() == function.id() {
            return None;
        }
        if n.kind_name() == "for_in_statement"
            && n.field("left")
                .is_some_and(|left| descendants(left).any(|d| text(d, src) == name))
        {
            return n.field("right");
        }
        node = n.parent();
    }
    None
}

/// Names of configuration objects: a value read from one is set by the operator, not
/// written in the code.
const CONFIGURATION_OBJECTS: &[&str] = &["config", "conf", "configuration", "settings"];

/// A read of configuration in the JavaScript value: `process.env.X`, `this.config.x`,
/// `config.search.language`.
fn js_configuration_read<'s>(expr: Node, src: &'s str) -> Option<&'s str> {
    descendants(expr).take(MAX_NODES).find_map(|n| {
        if n.kind_name() != "member_expression" {
            return None;
        }
        let object = n.field("object")?;
        let object_name = match object.kind_name() {
            "member_expression" => object.field("property").map(|p| text(p, src)),
            "identifier" => Some(text(object, src)),
            _ => None,
        }?;
        (js::is_env_object(object, src)
            || CONFIGURATION_OBJECTS.contains(&object_name.to_ascii_lowercase().as_str()))
        .then(|| text(n, src))
    })
}

/// The parameter node of `function` that binds `name`, directly or destructured
/// (`({ userId }) => ...`, `function f({ a: b })`).
fn js_parameter_binding<'t>(function: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    js::parameters(function).into_iter().find(|param| {
        descendants(*param).any(|n| {
            matches!(
                n.kind_name(),
                "identifier" | "shorthand_property_identifier_pattern"
            ) && text(n, src) == name
                // The name of a default value's source is not bound here.
                && !n.parent().is_some_and(|p| {
                    matches!(p.kind_name(), "assignment_pattern" | "object_assignment_pattern")
                        && p.field("right").is_some_and(|r| r.id() == n.id())
                })
        })
    })
}

/// True when the pattern (a parameter or a destructuring declaration) gives `name` a literal
/// default: `limit = 20`, `{ interval = '2 minutes' }`.
fn js_pattern_gives_literal_default(pattern: Node, name: &str, src: &str) -> bool {
    descendants(pattern).take(MAX_NODES).any(|n| {
        let (left, right) = match n.kind_name() {
            "assignment_pattern" | "object_assignment_pattern" => {
                (n.field("left"), n.field("right"))
            }
            "required_parameter" | "optional_parameter" => (n.field("pattern"), n.field("value")),
            _ => return false,
        };
        left.is_some_and(|l| text(l, src) == name) && right.is_some_and(js::is_literal)
    })
}

/// For a function the module keeps to itself (not exported, every reference to it a call),
/// the values its calls pass for the parameter `param` (which binds `name`): the argument at
/// the parameter's position, or for a destructured parameter the property `name` of an
/// object literal passed there. `None` when the function may be called from elsewhere.
fn js_private_call_arguments<'t>(
    function: Node<'t>,
    param: Node<'t>,
    name: &str,
    cx: &TreeContext<'t>,
) -> Option<Vec<Node<'t>>> {
    let src = cx.src;
    let declarator = function
        .parent()
        .filter(|p| p.kind_name() == "variable_declarator");
    let name_node = function
        .field("name")
        .or_else(|| declarator.and_then(|d| d.field("name")))
        .filter(|n| n.kind_name() == "identifier")?;
    let declaration = declarator.and_then(|d| d.parent()).unwrap_or(function);
    if declaration
        .parent()
        .is_some_and(|p| p.kind_name() == "export_statement")
    {
        return None;
    }
    let function_name = text(name_node, src);
    let index = js::parameters(function)
        .iter()
        .position(|p| p.id() == param.id())?;
    let destructured = unwrap_expression(param).kind_name() != "identifier"
        && descendants(param).any(|n| n.kind_name() == "object_pattern");
    let mut arguments = Vec::new();
    let mut calls = 0;
    for n in descendants(cx.root) {
        if n.kind_name() != "identifier"
            || text(n, src) != function_name
            || n.id() == name_node.id()
        {
            continue;
        }
        let call = n.parent().filter(|p| {
            p.kind_name() == "call_expression"
                && p.field("function").is_some_and(|f| f.id() == n.id())
        })?;
        calls += 1;
        let args = js::call_arguments(call);
        if args.iter().any(|a| a.kind_name() == "spread_element") {
            return None;
        }
        let Some(argument) = args.get(index).copied() else {
            continue;
        };
        if destructured && unwrap_expression(argument).kind_name() == "object" {
            arguments.extend(js::object_property(argument, &[name], src));
        } else {
            arguments.push(argument);
        }
    }
    (calls > 0).then_some(arguments)
}

/// Methods whose result is text made from their receiver's value.
const JS_TEXT_METHODS: &[&str] = &[
    "trim",
    "toString",
    "toLowerCase",
    "toUpperCase",
    "join",
    "slice",
    "substring",
    "replace",
    "replaceAll",
    "concat",
    "map",
    "filter",
    "padStart",
];

/// `JS_TEXT_METHODS` for Python.
const PY_TEXT_METHODS: &[&str] = &[
    "strip", "lower", "upper", "replace", "decode", "lstrip", "rstrip", "title",
];

/// The names a JavaScript value is read from: the root of a member chain, the receiver of a
/// text method (`x.trim()`, `ids.join(',')`), the parts of a template, concatenation or condition. Arguments of calls are
/// not read (what a function returns is not its argument), except `String(x)`.
fn js_value_names<'t>(expr: Node<'t>, src: &str) -> Vec<Node<'t>> {
    let mut names = Vec::new();
    let mut todo = vec![expr];
    let mut seen = 0usize;
    while let Some(node) = todo.pop() {
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        let node = unwrap_expression(node);
        match node.kind_name() {
            "identifier" => names.push(node),
            "member_expression" | "subscript_expression" => {
                if let Some(object) = node.field("object") {
                    todo.push(object);
                }
            }
            "call_expression" => match js::callee_name(node, src) {
                Some("String") => todo.extend(js::call_arguments(node)),
                Some(method) if JS_TEXT_METHODS.contains(&method) => {
                    todo.extend(js::callee_object(node));
                }
                _ => {}
            },
            "template_string" => {
                for child in descendants(node).skip(1) {
                    if child.kind_name() == "template_substitution" {
                        if let Some(inner) = child.named_child(0) {
                            todo.push(inner);
                        }
                    }
                }
            }
            "binary_expression" | "ternary_expression" => {
                let mut cursor = node.walk();
                todo.extend(node.named_children(&mut cursor).filter(|c| {
                    node.field("condition")
                        .is_none_or(|condition| condition.id() != c.id())
                }));
            }
            "await_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression" => {
                if let Some(inner) = node.named_child(0) {
                    todo.push(inner);
                }
            }
            _ => {}
        }
    }
    names
}

/// `js_outside_source` for Python: `self` and `cls` are not parameters a caller fills, a
/// comprehension's variable is followed to what it iterates, and a function the module keeps
/// to itself is one named with a leading underscore or defined inside another function.
pub fn py_outside_source<'s>(hole: Node, cx: &TreeContext<'s>) -> Option<&'s str> {
    let src = cx.src;
    let mut todo: Vec<(Node, usize)> = vec![(hole, 0)];
    let mut visits = 0usize;
    while let Some((expr, steps)) = todo.pop() {
        visits += 1;
        if visits > MAX_VISITS {
            break;
        }
        if let Some(read) = py_configuration_read(expr, src) {
            return Some(read);
        }
        for name in py_value_names(expr, src) {
            let word = text(name, src);
            if matches!(word, "self" | "cls") {
                continue;
            }
            let Some(function) = py::enclosing_function(name) else {
                continue;
            };
            let bindings = py::bindings_of(function, word, src, name.start_byte());
            if !bindings.is_empty() {
                if steps < MAX_STEPS {
                    todo.extend(
                        bindings
                            .iter()
                            .filter(|b| b.value.id() != expr.id())
                            .map(|b| (b.value, steps + 1)),
                    );
                }
                continue;
            }
            if let Some(iterable) = py_comprehension_source(name, word, src) {
                if steps < MAX_STEPS {
                    todo.push((iterable, steps + 1));
                }
                continue;
            }
            let Some(index) = py::parameter_names(function, src)
                .iter()
                .position(|p| *p == word)
            else {
                continue;
            };
            if py_parameter_has_literal_default(function, word, src) || steps >= MAX_STEPS {
                continue;
            }
            match py_private_call_arguments(function, index, word, cx) {
                Some(arguments) => todo.extend(arguments.into_iter().map(|a| (a, steps + 1))),
                None => return Some(text(name, src)),
            }
        }
    }
    None
}

/// A read of configuration in the Python value: `os.environ[...]`, `os.getenv(...)`,
/// `settings.X`, `self.config.x`.
fn py_configuration_read<'s>(expr: Node, src: &'s str) -> Option<&'s str> {
    descendants(expr).take(MAX_NODES).find_map(|n| {
        let object = match n.kind_name() {
            "attribute" => n.field("object")?,
            "call" if matches!(py::callee_name(n, src), Some("getenv")) => {
                return Some(text(n, src));
            }
            _ => return None,
        };
        let object_name = match object.kind_name() {
            "attribute" => object.field("attribute").map(|a| text(a, src)),
            "identifier" => Some(text(object, src)),
            _ => None,
        }?;
        (object_name == "environ"
            || CONFIGURATION_OBJECTS.contains(&object_name.to_ascii_lowercase().as_str()))
        .then(|| text(n, src))
    })
}

/// True when the parameter `name` of `function` has a literal default (`limit=20`).
fn py_parameter_has_literal_default(function: Node, name: &str, src: &str) -> bool {
    let Some(params) = function.field("parameters") else {
        return false;
    };
    let mut cursor = params.walk();
    params.named_children(&mut cursor).any(|p| {
        matches!(
            p.kind_name(),
            "default_parameter" | "typed_default_parameter"
        ) && p.field("name").is_some_and(|n| text(n, src) == name)
            && p.field("value").is_some_and(py::is_literal)
    })
}

/// `js_private_call_arguments` for Python: a function named with a leading underscore (not a
/// method) or defined inside another function, every reference to it a call in this file.
fn py_private_call_arguments<'t>(
    function: Node<'t>,
    index: usize,
    name: &str,
    cx: &TreeContext<'t>,
) -> Option<Vec<Node<'t>>> {
    let src = cx.src;
    let name_node = function.field("name")?;
    let function_name = text(name_node, src);
    let nested = py::enclosing_function(function).is_some();
    let in_class =
        crate::lang::tree::ancestors(function).any(|a| a.kind_name() == "class_definition");
    let private = function_name.starts_with('_') && !function_name.starts_with("__");
    if in_class || !(nested || private) {
        return None;
    }
    let mut arguments = Vec::new();
    let mut calls = 0;
    for n in descendants(cx.root) {
        if n.kind_name() != "identifier"
            || text(n, src) != function_name
            || n.id() == name_node.id()
        {
            continue;
        }
        let call = n.parent().filter(|p| {
            p.kind_name() == "call" && p.field("function").is_some_and(|f| f.id() == n.id())
        })?;
        calls += 1;
        if let Some(value) = py::keyword_argument(call, name, src) {
            arguments.push(value);
            continue;
        }
        let splat = call.field("arguments").is_some_and(|a| {
            let mut cursor = a.walk();
            a.named_children(&mut cursor)
                .any(|c| matches!(c.kind_name(), "list_splat" | "dictionary_splat"))
        });
        if splat {
            return None;
        }
        arguments.extend(py::positional_arguments(call).get(index).copied());
    }
    (calls > 0).then_some(arguments)
}

/// What a comprehension or `for` loop around `at` iterates when it binds `name`.
fn py_comprehension_source<'t>(at: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let mut node = at.parent();
    while let Some(n) = node {
        if py::is_function(n) {
            return None;
        }
        let clauses: Vec<Node> = match n.kind_name() {
            "list_comprehension"
            | "generator_expression"
            | "set_comprehension"
            | "dictionary_comprehension" => {
                let mut cursor = n.walk();
                n.named_children(&mut cursor)
                    .filter(|c| c.kind_name() == "for_in_clause")
                    .collect()
            }
            "for_statement" => vec![n],
            _ => Vec::new(),
        };
        for clause in clauses {
            let binds = clause
                .field("left")
                .is_some_and(|left| descendants(left).any(|d| text(d, src) == name));
            if binds {
                return clause.field("right");
            }
        }
        node = n.parent();
    }
    None
}

/// The names a Python value is read from: the root of an attribute or subscript chain, the
/// receiver of a method call, the parts of an f-string, concatenation, `%` or condition, and
/// the arguments of `str(x)` and `", ".join(x)`.
fn py_value_names<'t>(expr: Node<'t>, src: &str) -> Vec<Node<'t>> {
    let mut names = Vec::new();
    let mut todo = vec![expr];
    let mut seen = 0usize;
    while let Some(node) = todo.pop() {
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        let node = py::unwrap(node);
        match node.kind_name() {
            "identifier" => names.push(node),
            // Django model metadata (`model._meta.db_table`) is the program's own.
            "attribute" if !text(node, src).contains("_meta") => {
                if let Some(object) = node.field("object") {
                    todo.push(object);
                }
            }
            "subscript" => {
                if let Some(value) = node.field("value") {
                    todo.push(value);
                }
            }
            "call" => match py::callee_name(node, src) {
                Some("str" | "join" | "format") => {
                    todo.extend(py::positional_arguments(node));
                    todo.extend(py::callee_object(node));
                }
                Some(method) if PY_TEXT_METHODS.contains(&method) => {
                    todo.extend(py::callee_object(node));
                }
                _ => {}
            },
            "string" => {
                for child in descendants(node).skip(1) {
                    if child.kind_name() == "interpolation" {
                        if let Some(inner) = child.field("expression") {
                            todo.push(inner);
                        }
                    }
                }
            }
            "binary_operator" | "conditional_expression" | "await" => {
                let mut cursor = node.walk();
                let children: Vec<Node> = node.named_children(&mut cursor).collect();
                // `a if cond else b`: the condition is not the value.
                let skip = (node.kind_name() == "conditional_expression")
                    .then(|| children.get(1).map(|c| c.id()))
                    .flatten();
                todo.extend(children.into_iter().filter(|c| Some(c.id()) != skip));
            }
            "generator_expression" | "list_comprehension" => {
                if let Some(body) = node.field("body") {
                    todo.push(body);
                }
            }
            _ => {}
        }
    }
    names
}
