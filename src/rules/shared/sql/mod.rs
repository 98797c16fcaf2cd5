//! "Is this a SQL query call?" and "how was this SQL text built?" for JavaScript/TypeScript
//! and Python.

pub mod evidence;
mod guards;
mod holes;
pub mod parameterize;
pub mod through;

use crate::lang::tree::{FieldExt, KindExt};
use std::sync::LazyLock;

use regex::bytes::Regex;
use tree_sitter::Node;

use crate::lang::tree::{
    ancestors, contains, descendants, named_children, text, unwrap_expression,
};
use crate::lang::{js, py};
use crate::rules::TreeContext;
use crate::util::{alternation, contains_word, is_upper_constant, shape_matches};
use guards as sql_guards;

/// How strictly a sink's text must look like SQL before interpolation into it is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SinkText {
    /// Generic names (`query`, `execute`, `get`): the text must look like a SQL statement.
    Statement,
    /// Raw SQL fragment APIs (`whereRaw`, `$queryRawUnsafe`): any interpolated text.
    Fragment,
}

/// Methods that take a SQL statement as their first argument (pg, mysql2, sqlite,
/// better-sqlite3, pg-promise, Sequelize, TypeORM, knex, mssql).
const JS_STATEMENT_SINKS: &[&str] = &[
    "query",
    "execute",
    "exec",
    "raw",
    "run",
    "all",
    "get",
    "each",
    "prepare",
    "one",
    "oneOrNone",
    "many",
    "manyOrNone",
    "any",
    "none",
    "result",
    "multi",
    "queryOne",
    "queryAll",
    "batch",
];

/// Methods whose argument is raw SQL whatever it looks like.
const JS_FRAGMENT_SINKS: &[&str] = &[
    "$queryRawUnsafe",
    "$executeRawUnsafe",
    "whereRaw",
    "orWhereRaw",
    "andWhereRaw",
    "whereNotRaw",
    "havingRaw",
    "orHavingRaw",
    "orderByRaw",
    "groupByRaw",
    "joinRaw",
    "fromRaw",
    "unsafe",
];

/// Python methods taking a SQL statement (DB-API, SQLAlchemy, asyncpg, databases, pandas,
/// Django `Manager.raw`).
const PY_STATEMENT_SINKS: &[&str] = &[
    "execute",
    "executemany",
    "executescript",
    "exec_driver_sql",
    "fetch",
    "fetchrow",
    "fetchval",
    "fetch_all",
    "fetch_one",
    "fetch_val",
    "iterate",
    "read_sql",
    "read_sql_query",
    "raw",
    "query",
];

/// Python APIs whose arguments are raw SQL fragments.
const PY_FRAGMENT_SINKS: &[&str] = &["RawSQL"];

/// If `call` hands its first argument to the database as SQL, how strictly to check it.
pub fn js_sink(call: Node, src: &str) -> Option<SinkText> {
    if js::is_tagged_template(call) {
        return None;
    }
    let name = js::callee_name(call, src)?;
    if JS_FRAGMENT_SINKS.contains(&name) {
        // `unsafe` is postgres.js's `sql.unsafe`; elsewhere the word means other things.
        if name == "unsafe" {
            let object = js::callee_object(call).map(|o| text(o, src)).unwrap_or("");
            if !object.ends_with("sql") && !object.ends_with("db") {
                return None;
            }
        }
        return Some(SinkText::Fragment);
    }
    if name == "literal" {
        let object = js::callee_object(call).map(|o| text(o, src)).unwrap_or("");
        if object.to_ascii_lowercase().ends_with("sequelize") {
            return Some(SinkText::Fragment);
        }
    }
    if JS_STATEMENT_SINKS.contains(&name) {
        let object = js::callee_object(call)?;
        // `get`, `all`, `run`, `one`... are everyday method names: only on a receiver named
        // like a database handle do they run SQL.
        if !matches!(name, "query" | "execute" | "raw" | "queryOne" | "queryAll")
            && !is_db_like(text(object, src))
        {
            return None;
        }
        return Some(SinkText::Statement);
    }
    None
}

/// Receivers named like a database handle: `db`, `pool`, `client`, `conn`, `knex`, `tx`,
/// `this.database`, `sqlite`...
fn is_db_like(object: &str) -> bool {
    let last = object
        .rsplit('.')
        .next()
        .unwrap_or(object)
        .to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "db",
        "sql",
        "pool",
        "client",
        "conn",
        "knex",
        "sequelize",
        "database",
        "pg",
        "mysql",
        "sqlite",
        "manager",
        "runner",
        "datasource",
        "tx",
        "trx",
        "transaction",
        "cursor",
        "stmt",
        "statement",
        "prisma",
    ];
    last == "t" || WORDS.iter().any(|w| last.contains(w))
}

/// If `call`, whose callee is named `name` (`py::callee_name`), hands SQL to the database,
/// how strictly to check it.
pub fn py_sink(call: Node, name: &str) -> Option<SinkText> {
    if PY_FRAGMENT_SINKS.contains(&name) {
        return Some(SinkText::Fragment);
    }
    if PY_STATEMENT_SINKS.contains(&name) && py::callee_object(call).is_some() {
        return Some(SinkText::Statement);
    }
    None
}

/// Statement keywords a SQL text starts with.
const LEADING_KEYWORDS: &[&str] = &[
    "select", "insert", "update", "delete", "with", "create", "drop", "alter", "truncate",
    "replace", "merge", "call", "exec", "execute", "explain", "grant", "revoke", "show", "pragma",
    "upsert", "describe", "copy", "vacuum", "analyze", "lock", "set",
];

/// True when the static text around the holes reads as a SQL statement.
pub fn looks_like_sql(text: &str) -> bool {
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '(');
    let first: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    if !LEADING_KEYWORDS.contains(&first.as_str()) {
        return false;
    }
    // A leading keyword alone could be English ("Update your profile"): ask for the shape of
    // a statement where the keyword is also a common word.
    match first.as_str() {
        "select" => {
            contains_word(trimmed, "from") || !trimmed.contains(". ") && trimmed.len() < 200
        }
        "insert" | "replace" | "upsert" => contains_word(trimmed, "into"),
        "update" => contains_word(trimmed, "set"),
        "delete" => contains_word(trimmed, "from"),
        "with" => contains_word(trimmed, "as") && contains_word(trimmed, "select"),
        "create" | "drop" | "alter" | "truncate" => [
            "table",
            "index",
            "view",
            "database",
            "schema",
            "function",
            "trigger",
            "sequence",
            "type",
            "extension",
            "role",
            "user",
            "column",
        ]
        .iter()
        .any(|w| contains_word(trimmed, w)),
        "set" => trimmed.contains('='),
        "call" | "exec" | "execute" => {
            trimmed.contains('(') || trimmed.split_whitespace().count() <= 4
        }
        "show" | "describe" | "explain" | "lock" | "copy" | "grant" | "revoke" | "pragma"
        | "vacuum" | "analyze" => true,
        _ => false,
    }
}

/// True when the hole whose ` ? ` starts at `offset` of the built text stands where SQL
/// expects a name, not a value, so a placeholder cannot take its place: a table, schema,
/// database, view or index (`FROM`, `JOIN`, `INTO`, `UPDATE`, `TABLE`, `IF [NOT] EXISTS`,
/// ..., quoted or qualified: `"schema"."${name}"`), a function (`${name}(`), a column to
/// sort or group by (`ORDER BY ${column}`), or a sort direction (`ORDER BY id ${dir}`).
pub fn names_an_identifier(text: &str, offset: usize) -> bool {
    const NAME_KEYWORDS: &[&str] = &[
        "FROM",
        "JOIN",
        "INTO",
        "UPDATE",
        "TABLE",
        "DATABASE",
        "SCHEMA",
        "EXISTS",
        "VIEW",
        "INDEX",
        "TRUNCATE",
        "DESCRIBE",
        "EXTENSION",
        "SEQUENCE",
        "FUNCTION",
        "BY",
    ];
    let after = text.get(offset + 3..).unwrap_or_default();
    let after = after.trim_start_matches(['"', '`', ']']);
    let next_word = after.split_whitespace().next().unwrap_or_default();
    if after.starts_with('(')
        || ["ASC", "DESC"].contains(
            &next_word
                .trim_end_matches(',')
                .to_ascii_uppercase()
                .as_str(),
        )
    {
        return true;
    }
    let quotes = |c: char| c == '"' || c == '`' || c == '[' || c.is_whitespace();
    let mut before = text
        .get(..offset)
        .unwrap_or_default()
        .trim_end_matches(quotes);
    // A qualified name: the part before the dot is a schema or a table, read the same way.
    if let Some(qualifier_end) = before.strip_suffix('.') {
        let qualifier_end = qualifier_end.trim_end_matches(['"', '`', ']']);
        let qualifier_end = qualifier_end.strip_suffix(" ? ").unwrap_or_else(|| {
            qualifier_end.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_')
        });
        before = qualifier_end.trim_end_matches(quotes);
    }
    let (rest, word) = split_last_word(before);
    if NAME_KEYWORDS.contains(&word.to_ascii_uppercase().as_str()) {
        return true;
    }
    // `ORDER BY created_at ${dir}`: a direction after the sorted column.
    let (_, keyword) = split_last_word(rest.trim_end());
    !word.is_empty() && keyword.eq_ignore_ascii_case("BY")
}

/// The text before the last word of `text` and that word (letters, digits, `_`).
fn split_last_word(text: &str) -> (&str, &str) {
    let word_start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    text.split_at(word_start)
}

/// SQL text assembled from literals and interpolated values.
#[derive(Default, Debug)]
pub struct BuiltSql<'t> {
    /// The static text, each hole written as ` ? `.
    pub text: String,
    /// The interpolated expressions.
    pub holes: Vec<Node<'t>>,
    /// Where each hole's ` ? ` starts in `text` (parallel to `holes`).
    pub hole_offsets: Vec<usize>,
    /// Where the text was built, when it was built away from the call (a variable).
    pub sites: Vec<Node<'t>>,
    /// Part of the text was built by another function of the module (a builder), so the
    /// holes are not all inside the SQL argument.
    pub across_functions: bool,
}

impl<'t> BuiltSql<'t> {
    fn hole(&mut self, node: Node<'t>) {
        self.hole_offsets.push(self.text.len());
        self.text.push_str(" ? ");
        self.holes.push(node);
    }

    /// An interpolated value: a name the text was built in continues that text
    /// (`` `${sql} WHERE ...` ``, `f"{sql} WHERE ..."`), read once by `read`; anything else
    /// is a hole.
    fn continue_or_hole(&mut self, inner: Node<'t>, read: impl FnOnce(&mut BuiltSql<'t>) -> bool) {
        let mut earlier = BuiltSql::default();
        if inner.kind_name() == "identifier" && read(&mut earlier) {
            self.append(earlier);
        } else {
            self.hole(inner);
        }
    }

    fn append(&mut self, other: BuiltSql<'t>) {
        let shift = self.text.len();
        self.hole_offsets
            .extend(other.hole_offsets.iter().map(|at| at + shift));
        self.text.push_str(&other.text);
        self.holes.extend(other.holes);
        self.sites.extend(other.sites);
        self.across_functions |= other.across_functions;
    }

    /// The holes of a builder's returned text that are its parameters, replaced by what
    /// `call` passes for them (a parameter the call leaves out stays a hole).
    fn substitute_parameters(
        &mut self,
        function: Node<'t>,
        argument_for: impl Fn(&str) -> Option<Node<'t>>,
        enclosing: fn(Node<'t>) -> Option<Node<'t>>,
        src: &str,
    ) {
        for hole in &mut self.holes {
            if hole.kind_name() != "identifier"
                || enclosing(*hole).is_none_or(|f| f.id() != function.id())
            {
                continue;
            }
            if let Some(argument) = argument_for(text(*hole, src)) {
                *hole = argument;
            }
        }
    }
}

/// A call of a function of this module that returns SQL text (`buildLookup(name)`): the text
/// it returns, its parameters standing for the call's arguments.
fn js_builder_call<'t>(
    call: Node<'t>,
    cx: &TreeContext<'t>,
    depth: usize,
    nest: usize,
    out: &mut BuiltSql<'t>,
) -> bool {
    let src = cx.src;
    let Some(callee) = call
        .field("function")
        .map(unwrap_expression)
        .filter(|c| c.kind_name() == "identifier")
    else {
        return false;
    };
    let Some(function) = through::js_module_function(cx.root, text(callee, src), src) else {
        return false;
    };
    let Some(returned) = through::js_returned(function).filter(|_| !contains(function, call))
    else {
        return false;
    };
    let mut part = BuiltSql::default();
    if !js_parts(returned, cx, depth + 1, nest + 1, &mut part) {
        return false;
    }
    let params = through::js_parameter_names(function, src);
    let args = js::call_arguments(call);
    if args.iter().any(|a| a.kind_name() == "spread_element") {
        return false;
    }
    part.substitute_parameters(
        function,
        |name| {
            let index = params.iter().position(|p| p == name)?;
            args.get(index).copied()
        },
        js::enclosing_function,
        src,
    );
    if !part.holes.is_empty() {
        part.sites.insert(0, returned);
        part.across_functions = true;
    }
    out.append(part);
    true
}

/// `js_builder_call` for Python (`build_lookup(name)` of a `def` of this module).
fn py_builder_call<'t>(
    call: Node<'t>,
    cx: &TreeContext<'t>,
    depth: usize,
    nest: usize,
    out: &mut BuiltSql<'t>,
) -> bool {
    let src = cx.src;
    let Some(callee) = call
        .field("function")
        .filter(|c| c.kind_name() == "identifier")
    else {
        return false;
    };
    let Some(function) = through::py_module_function(cx.root, text(callee, src), src) else {
        return false;
    };
    let Some(returned) = through::py_returned(function).filter(|_| !contains(function, call))
    else {
        return false;
    };
    let mut part = BuiltSql::default();
    if !py_parts(returned, cx, depth + 1, nest + 1, &mut part) {
        return false;
    }
    let params = through::py_positional_parameters(function, src);
    let splat = call.field("arguments").is_some_and(|a| {
        named_children(a)
            .iter()
            .any(|c| matches!(c.kind_name(), "list_splat" | "dictionary_splat"))
    });
    if splat {
        return false;
    }
    part.substitute_parameters(
        function,
        |name| {
            let index = params.iter().position(|p| *p == name)?;
            through::py_argument(call, index, name, src)
        },
        py::enclosing_function,
        src,
    );
    if !part.holes.is_empty() {
        part.sites.insert(0, returned);
        part.across_functions = true;
    }
    out.append(part);
    true
}

/// How many variables back the builder follows.
const MAX_DEPTH: usize = 4;

/// How many steps (a variable followed back, a nested expression, a callback) the safety
/// check of one interpolated value takes.
const MAX_SAFE_STEPS: usize = 10;

/// How deeply nested an expression the builder and the safety check read.
const MAX_NESTING: usize = 48;

/// Collects how a JavaScript string expression was built. `None` when the expression is not
/// recognisably a string built here.
pub fn js_built<'t>(expr: Node<'t>, cx: &TreeContext<'t>) -> Option<BuiltSql<'t>> {
    let mut out = BuiltSql::default();
    js_parts(expr, cx, 0, 0, &mut out).then_some(out)
}

fn js_parts<'t>(
    expr: Node<'t>,
    cx: &TreeContext<'t>,
    depth: usize,
    nest: usize,
    out: &mut BuiltSql<'t>,
) -> bool {
    // Deeply nested expressions (`"a" + ("b" + (...))`) are not read past a bound: the
    // builder recurses on nesting and must not exhaust the stack.
    if nest > MAX_NESTING {
        return false;
    }
    let src = cx.src;
    let expr = unwrap_expression(expr);
    match expr.kind_name() {
        "string" => {
            out.text
                .push_str(&js::string_value(expr, src).unwrap_or_default());
            true
        }
        "template_string" => {
            for child in named_children(expr) {
                match child.kind_name() {
                    "string_fragment" => out.text.push_str(text(child, src)),
                    // `$${params.length}` numbers a pg placeholder (`$3`): not a value.
                    "template_substitution" if out.text.ends_with('$') => out.text.push('1'),
                    "template_substitution" => match child.named_child(0) {
                        Some(inner) => out.continue_or_hole(inner, |earlier| {
                            js_parts(inner, cx, depth + 1, nest + 1, earlier)
                        }),
                        None => out.text.push(' '),
                    },
                    _ => {}
                }
            }
            true
        }
        "binary_expression" if operator(expr, src) == Some("+") => {
            let mut local = BuiltSql::default();
            let mut any_string = false;
            for operand in flatten(expr, src, "binary_expression", "+") {
                let mut part = BuiltSql::default();
                if js_parts(operand, cx, depth, nest + 1, &mut part) {
                    any_string = true;
                    local.append(part);
                } else {
                    local.hole(operand);
                }
            }
            if any_string {
                out.append(local);
            }
            any_string
        }
        "identifier" | "shorthand_property_identifier" if depth < MAX_DEPTH => {
            let name = text(expr, src);
            let bindings = js::visible_bindings(expr, name, cx.root, src);
            if bindings.is_empty() {
                return false;
            }
            // Only the last plain assignment and the appends after it make the value, and
            // the assignments before it when it may not run (`if (a) sql = ...`).
            let start = first_reaching(
                &bindings,
                |b| b.kind != js::BindingKind::Append,
                |b| assigned_conditionally(b.site, expr, JS_CONDITIONAL),
            );
            let mut local = BuiltSql::default();
            for (i, b) in bindings.iter().enumerate().skip(start) {
                let plain = b.kind != js::BindingKind::Append;
                // An earlier alternative that is not read as text adds nothing.
                let alternative = plain
                    && bindings[i + 1..]
                        .iter()
                        .any(|l| l.kind != js::BindingKind::Append);
                let mut part = BuiltSql::default();
                if b.kind != js::BindingKind::Destructure
                    && js_parts(b.value, cx, depth + 1, nest + 1, &mut part)
                {
                    if !part.holes.is_empty() && part.sites.is_empty() {
                        part.sites.push(b.value);
                    }
                    local.append(part);
                } else if alternative {
                    continue;
                } else if !plain {
                    local.hole(b.value);
                    local.sites.push(b.value);
                } else {
                    return false;
                }
            }
            out.append(local);
            true
        }
        "call_expression" if depth < MAX_DEPTH => js_builder_call(expr, cx, depth, nest, out),
        _ => false,
    }
}

/// Statements whose body may not run, so an assignment in it may leave an earlier value.
const JS_CONDITIONAL: &[&str] = &[
    "if_statement",
    "else_clause",
    "switch_case",
    "switch_default",
    "catch_clause",
    "for_statement",
    "for_in_statement",
    "while_statement",
];
const PY_CONDITIONAL: &[&str] = &[
    "if_statement",
    "elif_clause",
    "else_clause",
    "except_clause",
    "case_clause",
    "for_statement",
    "while_statement",
];

/// Index of the first binding whose value can reach the use: the last plain assignment
/// (`is_plain`), or an earlier one while every later plain assignment sits in a branch
/// or loop the use is outside of (`may_not_run`); the appends after it follow.
fn first_reaching<B>(
    bindings: &[B],
    is_plain: impl Fn(&B) -> bool,
    may_not_run: impl Fn(&B) -> bool,
) -> usize {
    let Some(mut start) = bindings.iter().rposition(&is_plain) else {
        return 0;
    };
    while may_not_run(&bindings[start]) {
        match bindings[..start].iter().rposition(&is_plain) {
            Some(earlier) => start = earlier,
            None => break,
        }
    }
    start
}

/// True when the assignment `site` sits in a branch or loop body that does not contain
/// `use`: reaching `use` does not mean it ran.
fn assigned_conditionally(site: Node, usage: Node, conditional: &[&str]) -> bool {
    for ancestor in ancestors(site) {
        if contains(ancestor, usage) {
            return false;
        }
        if conditional.contains(&ancestor.kind_name()) {
            return true;
        }
    }
    false
}

fn operator<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    node.field("operator").map(|op| text(op, src))
}

/// The operands of a left-nested chain `a + b + c`, in order, without recursion.
fn flatten<'t>(node: Node<'t>, src: &str, kind: &str, op: &str) -> Vec<Node<'t>> {
    let mut right_operands = Vec::new();
    let mut current = node;
    loop {
        let inner = unwrap_expression(current);
        if inner.kind_name() == kind && operator(inner, src) == Some(op) {
            let (Some(left), Some(right)) = (inner.field("left"), inner.field("right")) else {
                break;
            };
            right_operands.push(right);
            current = left;
        } else {
            break;
        }
    }
    right_operands.push(current);
    right_operands.reverse();
    right_operands
}

/// Calls that escape or quote a value for SQL.
const ESCAPE_FUNCTIONS: &[&str] = &[
    "escape",
    "escapeId",
    "escapeLiteral",
    "escapeIdentifier",
    "escapeString",
    "quoteIdentifier",
    "quoteLiteral",
    "quote_ident",
    "quote_literal",
    "escape_string",
    "escape_literal",
    "escape_identifier",
    "literal",
    "ident",
    "Identifier",
    "Literal",
];

/// True when an interpolated JavaScript value cannot carry attacker text: a literal, a
/// constant, an escaped value or a list of placeholders.
pub fn js_hole_is_safe(hole: Node, cx: &TreeContext) -> bool {
    js_safe(hole, cx, 0)
}

fn js_safe(hole: Node, cx: &TreeContext, depth: usize) -> bool {
    if depth > MAX_NESTING {
        return false;
    }
    let src = cx.src;
    let hole = unwrap_expression(hole);
    if js::is_literal(hole) || is_placeholder_list(text(hole, src)) {
        return true;
    }
    match hole.kind_name() {
        "identifier" => {
            let name = text(hole, src);
            if cx.module_constants().iter().any(|c| c == name)
                || sql_guards::is_validated(hole, name, cx, false)
            {
                return true;
            }
            let bindings = js::visible_bindings(hole, name, cx.root, src);
            if bindings.is_empty() {
                return is_upper_constant(name)
                    || js_loop_over_literals(hole, name, src)
                    || sql_guards::js_parameter_is_typed_as_number(hole, name, src)
                    || depth < MAX_SAFE_STEPS
                        && js_callback_element_is_safe(hole, name, cx, depth + 1)
                    || sql_guards::param_only_gets_safe(hole, name, cx, false, &|arg| {
                        depth < MAX_SAFE_STEPS && js_safe(arg, cx, depth + 1)
                    });
            }
            depth < MAX_SAFE_STEPS
                && bindings.iter().all(|b| {
                    b.kind != js::BindingKind::Destructure && js_safe(b.value, cx, depth + 1)
                })
                // An array built empty and filled later: what is pushed decides.
                && (!bindings.iter().any(|b| unwrap_expression(b.value).kind_name() == "array")
                    || js_pushes_are_safe(hole, name, cx, depth))
        }
        "member_expression" => {
            let Some(object) = hole.field("object") else {
                return false;
            };
            // `process.env.TABLE` is configuration read at run time, not a constant.
            if js::is_env_object(object, src) {
                return false;
            }
            // `cols.length` is a number.
            hole.field("property")
                .is_some_and(|p| is_upper_constant(text(p, src)) || text(p, src) == "length")
                || js_is_constant_container(object, cx)
                || sql_guards::is_validated(hole, text(hole, src), cx, false)
                || depth < MAX_SAFE_STEPS && js_this_property_is_safe(hole, cx, depth + 1)
                || depth < MAX_SAFE_STEPS && js_built_by_local_helper(hole, cx, depth)
        }
        // `SORT_COLUMNS[key]`: a value of a constant object (or nothing).
        "subscript_expression" => hole
            .field("object")
            .is_some_and(|o| js_is_constant_container(o, cx)),
        "array" => {
            depth < MAX_SAFE_STEPS
                && named_children(hole)
                    .into_iter()
                    .all(|e| e.kind_name() == "comment" || js_safe(e, cx, depth + 1))
        }
        "binary_expression" => {
            // Arithmetic other than `+` always gives a number: `page * size`, `total - 1`.
            if operator(hole, src).is_some_and(|op| {
                matches!(
                    op,
                    "-" | "*" | "/" | "%" | "**" | "<<" | ">>" | ">>>" | "&" | "|" | "^"
                )
            }) {
                return true;
            }
            let (Some(a), Some(b)) = (hole.field("left"), hole.field("right")) else {
                return false;
            };
            depth < MAX_SAFE_STEPS && js_safe(a, cx, depth + 1) && js_safe(b, cx, depth + 1)
        }
        "call_expression" => {
            if js_is_escape_call(hole, src)
                || js_doubles_quotes(hole, src)
                || depth < MAX_SAFE_STEPS && js_local_helper_returns_safe(hole, cx, depth + 1)
                || sql_guards::js_is_number_cast(hole, src)
                || sql_guards::js_is_program_computed_text(hole, src)
                || js::callee_name(hole, src).is_some_and(sql_guards::names_a_placeholder_helper)
            {
                return true;
            }
            // A list of placeholders or escaped values joined or mapped stays safe:
            // `patterns.join()`, `fields.map((f, i) => \`$${i + 2}:name\`)`.
            let Some(method) = js::callee_name(hole, src) else {
                return false;
            };
            let Some(object) = js::callee_object(hole) else {
                return false;
            };
            match method {
                "join" | "concat" | "slice" | "sort" | "reverse" | "filter" | "flat" => {
                    depth < MAX_SAFE_STEPS && js_safe(object, cx, depth + 1)
                }
                "map" | "flatMap" => js::call_arguments(hole).first().is_some_and(|callback| {
                    depth < MAX_SAFE_STEPS
                        && (js_callback_returns_safe(*callback, cx, depth + 1)
                            // `values.map(quoteLiteral)`: a function of the module by name.
                            || js_local_function(*callback, cx).is_some_and(|f| {
                                js_callback_returns_safe(f, cx, depth + 1)
                            }))
                }),
                // Text methods keep a safe value safe: `stamp.slice(0, 8)`,
                // `now.toISOString().replace(/[-:]/g, '')`.
                "substring" | "substr" | "replace" | "replaceAll" | "toLowerCase"
                | "toUpperCase" | "trim" | "padStart" | "padEnd" | "toString" => {
                    depth < MAX_SAFE_STEPS
                        && js_safe(object, cx, depth + 1)
                        && js::call_arguments(hole)
                            .iter()
                            .all(|a| a.kind_name() == "regex" || js_safe(*a, cx, depth + 1))
                }
                _ => false,
            }
        }
        "ternary_expression" => {
            let (Some(a), Some(b)) = (hole.field("consequence"), hole.field("alternative")) else {
                return false;
            };
            js_safe(a, cx, depth + 1) && js_safe(b, cx, depth + 1)
        }
        "template_string" => {
            // Substitutions that number placeholders (`$${i}`) carry no value.
            depth < MAX_SAFE_STEPS
                && named_children(hole)
                    .into_iter()
                    .filter(|n| n.kind_name() == "template_substitution")
                    .all(|s| {
                        numbers_placeholder(s, src)
                            || s.named_child(0).is_some_and(|e| js_safe(e, cx, depth + 1))
                    })
        }
        _ => false,
    }
}

/// `String(v).replace(/'/g, "''")`, `v.replaceAll("'", "''")`: each single quote doubled,
/// the standard SQL escaping of a quoted string (Postgres, SQLite, SQL Server): the result is
/// safe inside quotes whatever the receiver held.
fn js_doubles_quotes(call: Node, src: &str) -> bool {
    if !matches!(js::callee_name(call, src), Some("replace" | "replaceAll")) {
        return false;
    }
    let arguments = js::call_arguments(call);
    let [pattern, replacement, ..] = arguments.as_slice() else {
        return false;
    };
    let pattern_text = text(*pattern, src);
    let finds_quote =
        js::string_value(*pattern, src).as_deref() == Some("'") || pattern_text.starts_with("/'/g");
    finds_quote && js::string_value(*replacement, src).as_deref() == Some("''")
}

/// The function a name of the module is bound to: `function quoteLiteral(v) {...}` or `const
/// quoteLiteral = (v) => ...`, declared once.
fn js_local_function<'t>(name: Node<'t>, cx: &TreeContext<'t>) -> Option<Node<'t>> {
    let src = cx.src;
    let name = unwrap_expression(name);
    if name.kind_name() != "identifier" {
        return None;
    }
    let word = text(name, src);
    let bindings = js::visible_bindings(name, word, cx.root, src);
    if let [binding] = bindings.as_slice() {
        let value = unwrap_expression(binding.value);
        return (binding.kind == js::BindingKind::Const && js::is_function(value)).then_some(value);
    }
    if !bindings.is_empty() {
        return None;
    }
    let mut declared = descendants(cx.root).filter(|n| {
        n.kind_name() == "function_declaration"
            && n.field("name").is_some_and(|f| text(f, src) == word)
    });
    let function = declared.next()?;
    declared.next().is_none().then_some(function)
}

/// A call of a function of the module whose every return is safe text whatever it is given
/// (`quoteLiteral(id)` where `quoteLiteral` doubles the quotes of its argument).
fn js_local_helper_returns_safe(call: Node, cx: &TreeContext, depth: usize) -> bool {
    js::callee(call)
        .and_then(|callee| js_local_function(callee, cx))
        .is_some_and(|function| js_callback_returns_safe(function, cx, depth))
}

/// `item` is the first parameter of a callback handed to an array method
/// (`keys.map((k) => \`${k} = ?\`)`) whose collection holds safe values only.
fn js_callback_element_is_safe(hole: Node, name: &str, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let Some(callback) = crate::lang::tree::ancestors(hole)
        .filter(|a| js::is_function(*a))
        .find(|f| js::parameter_names(*f, src).contains(&name))
    else {
        return false;
    };
    if js::parameter_names(callback, src).first() != Some(&name) {
        return false;
    }
    let Some(call) = callback
        .parent()
        .filter(|p| p.kind_name() == "arguments")
        .and_then(|p| p.parent())
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return false;
    };
    let walks_items = js::callee_name(call, src).is_some_and(|m| {
        matches!(
            m,
            "map" | "flatMap" | "forEach" | "filter" | "some" | "every" | "find"
        )
    });
    walks_items && js::callee_object(call).is_some_and(|c| js_items_are_safe(c, cx, depth))
}

/// True when every item of the collection is safe text: an array of safe values, the
/// keys of a constant object, or a collection filtered through an allow-list
/// (`Object.keys(body).filter((k) => FIELDS.includes(k))`), by name or directly.
fn js_items_are_safe(collection: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let collection = unwrap_expression(collection);
    if depth > MAX_SAFE_STEPS {
        return false;
    }
    match collection.kind_name() {
        "array" => named_children(collection)
            .into_iter()
            .all(|e| e.kind_name() == "comment" || js_safe(e, cx, depth + 1)),
        "identifier" => {
            let name = text(collection, src);
            if js_constant_literal_array(collection, src) {
                return true;
            }
            let bindings = js::visible_bindings(collection, name, cx.root, src);
            !bindings.is_empty()
                && bindings.iter().all(|b| {
                    b.kind != js::BindingKind::Destructure
                        && js_items_are_safe(b.value, cx, depth + 1)
                })
                && js_pushes_are_safe(collection, name, cx, depth)
        }
        "call_expression" => {
            let (Some(method), Some(object)) = (
                js::callee_name(collection, src),
                js::callee_object(collection),
            ) else {
                return false;
            };
            match method {
                "filter" => {
                    js::call_arguments(collection)
                        .first()
                        .is_some_and(|cb| sql_guards::js_callback_accepts_checked(*cb, src))
                        || js_items_are_safe(object, cx, depth + 1)
                }
                "keys" if text(object, src) == "Object" => js::call_arguments(collection)
                    .first()
                    .is_some_and(|o| js_is_constant_container(*o, cx)),
                "slice" | "sort" | "reverse" | "concat" | "flat" => {
                    js_items_are_safe(object, cx, depth + 1)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// `this.table` where every assignment of `this.table` in the file (and its class field
/// initialiser) is safe text: a name the program builds itself.
fn js_this_property_is_safe(member: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let (Some(object), Some(property)) = (member.field("object"), member.field("property")) else {
        return false;
    };
    if object.kind_name() != "this" {
        return false;
    }
    let property = text(property, src);
    let target = text(member, src);
    let mut values = Vec::new();
    for n in descendants(cx.root) {
        match n.kind_name() {
            "assignment_expression" | "augmented_assignment_expression"
                if n.field("left").is_some_and(|l| text(l, src) == target) =>
            {
                match n.field("right") {
                    Some(v) => values.push(v),
                    None => return false,
                }
            }
            "public_field_definition" | "field_definition"
                if n.field("name")
                    .or_else(|| n.field("property"))
                    .is_some_and(|f| text(f, src) == property) =>
            {
                if let Some(v) = n.field("value") {
                    values.push(v);
                }
            }
            _ => {}
        }
    }
    !values.is_empty() && values.iter().all(|v| js_safe(*v, cx, depth + 1))
}

/// `q.where` where `q = buildQuery(...)` and `buildQuery`, a function of this file, returns
/// an object whose `where` it only ever sets to safe text (fixed fragments with numbered
/// placeholders, the values going into a separate array).
fn js_built_by_local_helper(member: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let (Some(object), Some(property)) = (
        member.field("object").map(unwrap_expression),
        member.field("property"),
    ) else {
        return false;
    };
    if object.kind_name() != "identifier" {
        return false;
    }
    let property = text(property, src);
    let bindings = js::visible_bindings(object, text(object, src), cx.root, src);
    let [binding] = bindings.as_slice() else {
        return false;
    };
    let value = unwrap_expression(binding.value);
    let value = if value.kind_name() == "await_expression" {
        match value.named_child(0) {
            Some(v) => unwrap_expression(v),
            None => return false,
        }
    } else {
        value
    };
    if value.kind_name() != "call_expression" {
        return false;
    }
    let Some(helper) = js::callee(value).filter(|c| c.kind_name() == "identifier") else {
        return false;
    };
    let helper = text(helper, src);
    let Some(function) = descendants(cx.root).find(|n| {
        n.kind_name() == "function_declaration"
            && n.field("name").is_some_and(|f| text(f, src) == helper)
    }) else {
        return false;
    };
    let Some(body) = function.field("body") else {
        return false;
    };
    // The one name every `return` of the helper gives back.
    let mut returned: Option<&str> = None;
    for r in descendants(body).filter(|n| n.kind_name() == "return_statement") {
        if js::enclosing_function(r).is_none_or(|f| f.id() != function.id()) {
            continue;
        }
        let Some(v) = r.named_child(0).map(unwrap_expression) else {
            return false;
        };
        if v.kind_name() != "identifier" || returned.is_some_and(|n| n != text(v, src)) {
            return false;
        }
        returned = Some(text(v, src));
    }
    let Some(returned) = returned else {
        return false;
    };
    // Every value the property is given: the object literal's, and later assignments.
    let mut values = Vec::new();
    for n in descendants(body) {
        match n.kind_name() {
            "variable_declarator" if n.field("name").is_some_and(|d| text(d, src) == returned) => {
                let Some(init) = n.field("value").map(unwrap_expression) else {
                    return false;
                };
                if init.kind_name() != "object" {
                    return false;
                }
                if let Some(v) = js::object_property(init, &[property], src) {
                    values.push(v);
                }
            }
            "assignment_expression" | "augmented_assignment_expression" => {
                let Some(left) = n.field("left") else {
                    continue;
                };
                let left_text = text(left, src);
                if left_text == returned {
                    return false;
                }
                if left_text == format!("{returned}.{property}") {
                    match n.field("right") {
                        Some(v) => values.push(v),
                        None => return false,
                    }
                }
            }
            _ => {}
        }
    }
    !values.is_empty() && values.iter().all(|v| js_safe(*v, cx, depth + 1))
}

/// True when `object` names, in this file, a TypeScript enum or a module-level `const`
/// object literal (`as const` or frozen too) whose members are all literals: `Table.Users`.
fn js_is_constant_container(object: Node, cx: &TreeContext) -> bool {
    let object = unwrap_expression(object);
    if object.kind_name() != "identifier" {
        return false;
    }
    let name = text(object, cx.src);
    let mut cursor = cx.root.walk();
    for statement in cx.root.named_children(&mut cursor) {
        let declaration = match statement.kind_name() {
            "export_statement" => match statement.field("declaration") {
                Some(d) => d,
                None => continue,
            },
            _ => statement,
        };
        match declaration.kind_name() {
            "enum_declaration"
                if declaration
                    .field("name")
                    .is_some_and(|n| text(n, cx.src) == name) =>
            {
                return declaration.field("body").is_some_and(|body| {
                    named_children(body)
                        .into_iter()
                        .all(|member| match member.kind_name() {
                            "enum_assignment" => member.field("value").is_some_and(js::is_literal),
                            _ => true,
                        })
                });
            }
            "lexical_declaration"
                if declaration
                    .child(0)
                    .is_some_and(|k| k.kind_name() == "const") =>
            {
                for declarator in named_children(declaration) {
                    if declarator
                        .field("name")
                        .is_some_and(|n| text(n, cx.src) == name)
                    {
                        return declarator
                            .field("value")
                            .is_some_and(|v| literal_object(v, cx.src));
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// `{ users: 'users', orders: 'orders' }`, also `as const` or `Object.freeze(...)`.
fn literal_object(value: Node, src: &str) -> bool {
    let mut value = unwrap_expression(value);
    if value.kind_name() == "call_expression"
        && js::callee(value).is_some_and(|c| text(c, src) == "Object.freeze")
    {
        match js::call_arguments(value).first() {
            Some(argument) => value = unwrap_expression(*argument),
            None => return false,
        }
    }
    value.kind_name() == "object"
        && named_children(value)
            .into_iter()
            .all(|member| match member.kind_name() {
                "pair" => member.field("value").is_some_and(js::is_literal),
                "comment" => true,
                _ => false,
            })
}

/// True for `$${...}` in a template: the substitution follows a literal `$`.
fn numbers_placeholder(substitution: Node, src: &str) -> bool {
    substitution
        .prev_sibling()
        .is_some_and(|p| p.kind_name() == "string_fragment" && text(p, src).ends_with('$'))
}

/// A callback (`(x, i) => \`$${i}\``, `function (x) { return ... }`) whose results are safe.
fn js_callback_returns_safe(callback: Node, cx: &TreeContext, depth: usize) -> bool {
    let callback = unwrap_expression(callback);
    if !js::is_function(callback) {
        return false;
    }
    let Some(body) = callback.field("body") else {
        return false;
    };
    if body.kind_name() != "statement_block" {
        return js_safe(body, cx, depth);
    }
    let returns: Vec<Node> = descendants(body)
        .filter(|n| n.kind_name() == "return_statement")
        .filter(|r| js::enclosing_function(*r).is_some_and(|f| f.id() == callback.id()))
        .collect();
    !returns.is_empty()
        && returns
            .iter()
            .all(|r| r.named_child(0).is_some_and(|v| js_safe(v, cx, depth)))
}

/// Every `name.push(...)` in the enclosing function pushes safe values.
fn js_pushes_are_safe(at: Node, name: &str, cx: &TreeContext, depth: usize) -> bool {
    let scope = js::enclosing_function(at).unwrap_or(cx.root);
    js::pushed_values(scope, name, cx.src)
        .all(|a| depth < MAX_SAFE_STEPS && js_safe(a, cx, depth + 1))
}

/// `for (const t of ['a', 'b'])`: the loop variable only takes literal values.
fn js_loop_over_literals(at: Node, name: &str, src: &str) -> bool {
    crate::lang::tree::ancestors(at).any(|a| {
        a.kind_name() == "for_in_statement"
            && a.field("left").is_some_and(|l| {
                text(l, src)
                    .trim_start_matches("const ")
                    .trim_start_matches("let ")
                    .trim()
                    == name
            })
            && a.field("right")
                .is_some_and(|r| js_literal_array(r) || js_constant_literal_array(r, src))
    })
}

fn js_literal_array(node: Node) -> bool {
    let node = unwrap_expression(node);
    node.kind_name() == "array" && named_children(node).iter().all(|e| js::is_literal(*e))
}

/// A module-level `const` bound to an array of literals: `const NAMES = ['a', 'b']`.
fn js_constant_literal_array(node: Node, src: &str) -> bool {
    let node = unwrap_expression(node);
    if node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, src);
    let bindings = js::module_bindings_of(crate::lang::tree::root_of(node), name, src, usize::MAX);
    matches!(bindings.as_slice(), [b] if b.kind == js::BindingKind::Const && js_literal_array(b.value))
        && !src.contains(&format!("{name}.push("))
}

/// Quoting and escaping helpers by name: `escape`, `escapeId`, `escapePath`,
/// `quote_identifier`, `quoteName`...
fn is_escape_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ESCAPE_FUNCTIONS.contains(&name) || lower.contains("escape") || lower.starts_with("quote")
}

fn js_is_escape_call(call: Node, src: &str) -> bool {
    let Some(name) = js::callee_name(call, src) else {
        return false;
    };
    if is_escape_name(name) {
        return true;
    }
    // Sequelize's query generator writes WHERE text with the values escaped.
    if js::callee_object(call).is_some_and(|o| {
        text(o, src)
            .to_ascii_lowercase()
            .ends_with("querygenerator")
    }) {
        return true;
    }
    if name == "format" {
        // pg-format `format('%L', v)` and mysql `mysql.format(sql, values)` escape values.
        let object = js::callee_object(call).map(|o| text(o, src)).unwrap_or("");
        let first_arg = js::call_arguments(call)
            .first()
            .and_then(|a| js::string_value(*a, src))
            .unwrap_or_default();
        return object.to_ascii_lowercase().contains("mysql")
            || object.contains("SqlString")
            || object.contains("sqlstring")
            || first_arg.contains("%L")
            || first_arg.contains("%I");
    }
    false
}

/// `ids.map(() => '?').join(',')`, `', '.join(['%s'] * len(ids))`: a list of placeholders.
fn is_placeholder_list(expr_text: &str) -> bool {
    expr_text.contains("join(")
        && [
            "'?'", "\"?\"", "`?`", "$${", "'%s'", "\"%s\"", "'$'", "\"$\"",
        ]
        .iter()
        .any(|p| expr_text.contains(p))
}

/// Collects how a Python string expression was built.
pub fn py_built<'t>(expr: Node<'t>, cx: &TreeContext<'t>) -> Option<BuiltSql<'t>> {
    let mut out = BuiltSql::default();
    py_parts(expr, cx, 0, 0, &mut out).then_some(out)
}

fn py_parts<'t>(
    expr: Node<'t>,
    cx: &TreeContext<'t>,
    depth: usize,
    nest: usize,
    out: &mut BuiltSql<'t>,
) -> bool {
    if nest > MAX_NESTING {
        return false;
    }
    let src = cx.src;
    let expr = py::unwrap(expr);
    match expr.kind_name() {
        "string" => {
            for child in named_children(expr) {
                match child.kind_name() {
                    "string_content" | "escape_sequence" => out.text.push_str(text(child, src)),
                    "interpolation" => match child.named_child(0) {
                        Some(inner) => out.continue_or_hole(inner, |earlier| {
                            py_parts(inner, cx, depth + 1, nest + 1, earlier)
                        }),
                        None => out.text.push(' '),
                    },
                    _ => {}
                }
            }
            true
        }
        "concatenated_string" => {
            for part in named_children(expr) {
                py_parts(part, cx, depth, nest + 1, out);
            }
            true
        }
        "binary_operator" => match operator(expr, src) {
            Some("+") => {
                let mut local = BuiltSql::default();
                let mut any_string = false;
                for operand in flatten(expr, src, "binary_operator", "+") {
                    let mut part = BuiltSql::default();
                    if py_parts(operand, cx, depth, nest + 1, &mut part) {
                        any_string = true;
                        local.append(part);
                    } else {
                        local.hole(operand);
                    }
                }
                if any_string {
                    out.append(local);
                }
                any_string
            }
            Some("%") => {
                let (Some(left), Some(right)) = (expr.field("left"), expr.field("right")) else {
                    return false;
                };
                let mut local = BuiltSql::default();
                if !py_parts(left, cx, depth, nest + 1, &mut local) {
                    return false;
                }
                let right = py::unwrap(right);
                let mut positional = Vec::new();
                let mut named = Vec::new();
                match right.kind_name() {
                    "tuple" => positional = named_children(right),
                    "dictionary" => {
                        for pair in named_children(right) {
                            let Some(value) = pair.field("value") else {
                                continue;
                            };
                            let key = pair
                                .field("key")
                                .and_then(|k| py::string_value(k, src))
                                .unwrap_or_default();
                            named.push((key, value));
                        }
                    }
                    _ => positional.push(right),
                }
                out.append(place_format_holes(
                    local,
                    &positional,
                    &named,
                    FormatStyle::Percent,
                ));
                true
            }
            _ => false,
        },
        "call" => {
            let Some(function) = expr.field("function").map(py::unwrap) else {
                return false;
            };
            let name = py::callee_name(expr, src).unwrap_or("");
            // SQLAlchemy `text(...)` wraps SQL without changing it.
            if name == "text" {
                return py::positional_arguments(expr)
                    .first()
                    .is_some_and(|arg| py_parts(*arg, cx, depth, nest + 1, out));
            }
            if name == "format" && function.kind_name() == "attribute" {
                let Some(object) = function.field("object") else {
                    return false;
                };
                let mut local = BuiltSql::default();
                if !py_parts(object, cx, depth, nest + 1, &mut local) {
                    return false;
                }
                let mut positional = Vec::new();
                let mut named = Vec::new();
                if let Some(args) = expr.field("arguments") {
                    for arg in named_children(args) {
                        match arg.kind_name() {
                            "keyword_argument" => {
                                if let Some(v) = arg.field("value") {
                                    let key = arg.field("name").map_or("", |n| text(n, src));
                                    named.push((key.to_string(), v));
                                }
                            }
                            "comment" => {}
                            _ => positional.push(arg),
                        }
                    }
                }
                out.append(place_format_holes(
                    local,
                    &positional,
                    &named,
                    FormatStyle::Braces,
                ));
                return true;
            }
            function.kind_name() == "identifier"
                && depth < MAX_DEPTH
                && py_builder_call(expr, cx, depth, nest, out)
        }
        "identifier" if depth < MAX_DEPTH => {
            let name = text(expr, src);
            let bindings = py::visible_bindings(expr, name, cx.root, src);
            if bindings.is_empty() {
                return false;
            }
            let start = first_reaching(
                &bindings,
                |b| !b.append,
                |b| assigned_conditionally(b.site, expr, PY_CONDITIONAL),
            );
            let mut local = BuiltSql::default();
            for (i, b) in bindings.iter().enumerate().skip(start) {
                // An earlier alternative that is not read as text adds nothing.
                let alternative = !b.append && bindings[i + 1..].iter().any(|l| !l.append);
                let mut part = BuiltSql::default();
                if py_parts(b.value, cx, depth + 1, nest + 1, &mut part) {
                    if !part.holes.is_empty() && part.sites.is_empty() {
                        part.sites.push(b.value);
                    }
                    local.append(part);
                } else if alternative {
                    continue;
                } else if b.append {
                    local.hole(b.value);
                    local.sites.push(b.value);
                } else {
                    return false;
                }
            }
            out.append(local);
            true
        }
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FormatStyle {
    /// `"... %s ... %(name)s" % args`
    Percent,
    /// `"... {} ... {name}".format(...)`
    Braces,
}

/// A Python format template with its arguments: each argument becomes a hole where the
/// template names it (`%s`, `%(name)s`, `{}`, `{0}`, `{name}`), so that the text around a
/// hole is the SQL around the value. Arguments no marker names (a `*args` splat, a count
/// that does not match) are holes at the end, as is every argument of a template that
/// already holds holes.
fn place_format_holes<'t>(
    template: BuiltSql<'t>,
    positional: &[Node<'t>],
    named: &[(String, Node<'t>)],
    style: FormatStyle,
) -> BuiltSql<'t> {
    let mut placed = BuiltSql {
        sites: template.sites,
        ..BuiltSql::default()
    };
    let mut used_positional = vec![false; positional.len()];
    let mut used_named = vec![false; named.len()];
    if template.holes.is_empty() {
        let chars: Vec<char> = template.text.chars().collect();
        let mut next_positional = 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let marker = match (style, c) {
                (FormatStyle::Percent, '%') => percent_marker(&chars, i),
                (FormatStyle::Braces, '{') => brace_marker(&chars, i),
                _ => None,
            };
            let Some((field, end)) = marker else {
                // `%%` and `{{` are one literal character.
                let doubled = matches!(
                    (style, c),
                    (FormatStyle::Percent, '%') | (FormatStyle::Braces, '{' | '}')
                ) && chars.get(i + 1) == Some(&c);
                placed.text.push(c);
                i += if doubled { 2 } else { 1 };
                continue;
            };
            let argument = match field {
                FormatField::Next => {
                    next_positional += 1;
                    Some(next_positional - 1)
                        .filter(|at| *at < positional.len())
                        .map(|at| {
                            used_positional[at] = true;
                            positional[at]
                        })
                }
                FormatField::Index(at) => positional.get(at).map(|node| {
                    used_positional[at] = true;
                    *node
                }),
                FormatField::Name(name) => {
                    named.iter().position(|(key, _)| *key == name).map(|at| {
                        used_named[at] = true;
                        named[at].1
                    })
                }
            };
            match argument {
                Some(node) => placed.hole(node),
                None => placed.text.extend(&chars[i..end]),
            }
            i = end;
        }
    } else {
        placed.text = template.text;
        placed.holes = template.holes;
        placed.hole_offsets = template.hole_offsets;
    }
    for (node, used) in positional.iter().zip(&used_positional) {
        if !used {
            placed.hole(*node);
        }
    }
    for ((_, node), used) in named.iter().zip(&used_named) {
        if !used {
            placed.hole(*node);
        }
    }
    placed
}

enum FormatField {
    Next,
    Index(usize),
    Name(String),
}

/// A `%` conversion at `at`: `%s`, `%d`, `%(name)s`, `%-5.2f`; its field and where it ends.
fn percent_marker(chars: &[char], at: usize) -> Option<(FormatField, usize)> {
    let mut i = at + 1;
    let mut field = FormatField::Next;
    if chars.get(i) == Some(&'(') {
        let close = (i..chars.len()).find(|j| chars[*j] == ')')?;
        field = FormatField::Name(chars[i + 1..close].iter().collect());
        i = close + 1;
    }
    while chars
        .get(i)
        .is_some_and(|c| matches!(c, '-' | '+' | ' ' | '#' | '0'..='9' | '.'))
    {
        i += 1;
    }
    let conversion = chars.get(i)?;
    "sdifFeEgGrcxXoua"
        .contains(*conversion)
        .then_some((field, i + 1))
}

/// A `{...}` replacement field at `at`: `{}`, `{0}`, `{name}`, `{name:>10}`, `{name.attr}`;
/// its field and where it ends.
fn brace_marker(chars: &[char], at: usize) -> Option<(FormatField, usize)> {
    if chars.get(at + 1) == Some(&'{') {
        return None;
    }
    let close = (at + 1..chars.len()).find(|j| chars[*j] == '}')?;
    let inside: String = chars[at + 1..close].iter().collect();
    let head: String = inside
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let field = if head.is_empty() {
        FormatField::Next
    } else if let Ok(index) = head.parse::<usize>() {
        FormatField::Index(index)
    } else {
        FormatField::Name(head)
    };
    Some((field, close + 1))
}

/// True when an interpolated Python value cannot carry attacker text.
pub fn py_hole_is_safe(hole: Node, cx: &TreeContext) -> bool {
    py_safe(hole, cx, 0)
}

fn py_safe(hole: Node, cx: &TreeContext, depth: usize) -> bool {
    if depth > MAX_NESTING {
        return false;
    }
    let src = cx.src;
    let hole = py::unwrap(hole);
    if py::is_literal(hole) || is_placeholder_list(text(hole, src)) {
        return true;
    }
    match hole.kind_name() {
        "identifier" => {
            let name = text(hole, src);
            if sql_guards::is_validated(hole, name, cx, true) {
                return true;
            }
            let bindings = py::visible_bindings(hole, name, cx.root, src);
            if bindings.is_empty() {
                return is_upper_constant(name)
                    || cx.module_constants().iter().any(|c| c == name)
                    || py_loop_over_literals(hole, name, src)
                    || sql_guards::py_parameter_is_typed_as_number(hole, name, src)
                    || depth < MAX_SAFE_STEPS && py_loop_over_checked(hole, name, cx, depth + 1)
                    || sql_guards::param_only_gets_safe(hole, name, cx, true, &|arg| {
                        depth < MAX_SAFE_STEPS && py_safe(arg, cx, depth + 1)
                    });
            }
            depth < MAX_SAFE_STEPS && bindings.iter().all(|b| py_safe(b.value, cx, depth + 1))
        }
        "attribute" => {
            py_is_model_key_or_metadata(hole, src)
                || hole.field("attribute").is_some_and(|a| {
                is_upper_constant(text(a, src))
                    || hole
                        .field("object")
                        .is_some_and(|o| py_is_dialect_constant(o, text(a, src), src))
                    // `uuid.uuid4().hex`
                    || text(a, src) == "hex"
                        && hole.field("object").is_some_and(|o| {
                            o.kind_name() == "call" && sql_guards::py_is_program_computed_text(o, src)
                        })
            }) || sql_guards::is_validated(hole, text(hole, src), cx, true)
                || depth < MAX_SAFE_STEPS && py_self_attribute_is_safe(hole, cx, depth + 1)
        }
        // `SORT_COLUMNS[key]`: a value of a constant mapping.
        "subscript" => hole
            .field("value")
            .is_some_and(|o| o.kind_name() == "identifier" && is_upper_constant(text(o, src))),
        "call" => {
            let Some(name) = py::callee_name(hole, src) else {
                return false;
            };
            if is_escape_name(name)
                || py_doubles_quotes(hole, src)
                || depth < MAX_SAFE_STEPS && py_local_helper_returns_safe(hole, cx, depth + 1)
                || sql_guards::py_is_number_cast(hole, src)
                || sql_guards::py_is_program_computed_text(hole, src)
                || sql_guards::names_a_placeholder_helper(name)
            {
                return true;
            }
            // Text methods keep a safe value safe: `name.lower()`, `str(stamp)`.
            if matches!(
                name,
                "lower" | "upper" | "strip" | "replace" | "str" | "hex"
            ) && depth < MAX_SAFE_STEPS
            {
                let receiver = if name == "str" {
                    py::positional_arguments(hole).first().copied()
                } else {
                    py::callee_object(hole)
                };
                return receiver.is_some_and(|r| py_safe(r, cx, depth + 1))
                    && py::positional_arguments(hole)
                        .iter()
                        .all(|a| py_safe(*a, cx, depth + 1));
            }
            // `", ".join(<safe items>)`
            name == "join"
                && py::callee_object(hole).is_some_and(|o| py::string_value(o, src).is_some())
                // `", ".join(x for x in xs)`: the generator is the whole argument list.
                && hole
                    .field("arguments")
                    .filter(|a| a.kind_name() == "generator_expression")
                    .or_else(|| py::positional_arguments(hole).first().copied())
                    .is_some_and(|arg| {
                    depth < MAX_SAFE_STEPS && py_iterable_is_safe(arg, cx, depth + 1)
                })
        }
        "binary_operator" => {
            let (Some(a), Some(b)) = (hole.field("left"), hole.field("right")) else {
                return false;
            };
            // `limit + 1`, `offset - 1`: adding a number to text raises, so the result is a
            // number.
            let number = |n: Node| matches!(py::unwrap(n).kind_name(), "integer" | "float");
            if matches!(operator(hole, src), Some("+" | "-")) && (number(a) || number(b)) {
                return true;
            }
            depth < MAX_SAFE_STEPS && py_safe(a, cx, depth + 1) && py_safe(b, cx, depth + 1)
        }
        "tuple" | "list" => {
            depth < MAX_SAFE_STEPS
                && named_children(hole)
                    .into_iter()
                    .all(|e| py_safe(e, cx, depth + 1))
        }
        "conditional_expression" => {
            let (Some(a), Some(b)) = (hole.named_child(0), hole.named_child(2)) else {
                return false;
            };
            py_safe(a, cx, depth + 1) && py_safe(b, cx, depth + 1)
        }
        // `f"{k} = %s"`: an f-string whose substitutions are all safe.
        "string" => {
            depth < MAX_SAFE_STEPS
                && named_children(hole)
                    .into_iter()
                    .filter(|c| c.kind_name() == "interpolation")
                    .all(|i| {
                        i.field("expression")
                            .or_else(|| i.named_child(0))
                            .is_some_and(|e| py_safe(e, cx, depth + 1))
                    })
        }
        _ => false,
    }
}

/// `str(v).replace("'", "''")`: each single quote doubled (see `js_doubles_quotes`).
fn py_doubles_quotes(call: Node, src: &str) -> bool {
    if py::callee_name(call, src) != Some("replace") {
        return false;
    }
    let arguments = py::positional_arguments(call);
    let [pattern, replacement, ..] = arguments.as_slice() else {
        return false;
    };
    py::string_value(*pattern, src).as_deref() == Some("'")
        && py::string_value(*replacement, src).as_deref() == Some("''")
}

/// A call of a top-level function of the module (`quote_literal(v)`, defined once) whose
/// every return is safe text whatever it is given.
fn py_local_helper_returns_safe(call: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let Some(callee) = call
        .field("function")
        .filter(|f| f.kind_name() == "identifier")
    else {
        return false;
    };
    let mut defined = through::py_module_functions(cx.root, text(callee, src), src);
    let (Some(function), None) = (defined.next(), defined.next()) else {
        return false;
    };
    let Some(body) = function.field("body") else {
        return false;
    };
    let returns: Vec<Node> = descendants(body)
        .filter(|n| n.kind_name() == "return_statement")
        .filter(|r| py::enclosing_function(*r).is_some_and(|f| f.id() == function.id()))
        .collect();
    !returns.is_empty()
        && returns
            .iter()
            .all(|r| r.named_child(0).is_some_and(|v| py_safe(v, cx, depth)))
}

/// `user.id`, `project.pk`: an ORM object's primary key, a number (or UUID) the database
/// assigned; and Django model metadata (`model._meta.db_table`), names defined in code. Not
/// when the object is request input (a FastAPI body model's `id` is client text).
fn py_is_model_key_or_metadata(attribute: Node, src: &str) -> bool {
    let (Some(object), Some(name)) = (attribute.field("object"), attribute.field("attribute"))
    else {
        return false;
    };
    let object_text = text(object, src);
    if object_text == "_meta" || object_text.ends_with("._meta") {
        return true;
    }
    if !matches!(text(name, src), "id" | "pk") {
        return false;
    }
    // The authenticated user (`request.user.id`) is the server's own record.
    object_text.ends_with(".user")
        || crate::rules::shared::request_input::py_request_source(object, src).is_none()
}

/// `db.big_int`, `db.blob`, `db.timestamp_now`: a column type or SQL expression that a
/// database wrapper spells for its dialect, not a value.
fn py_is_dialect_constant(object: Node, attribute: &str, src: &str) -> bool {
    const RECEIVERS: &[&str] = &["db", "conn", "connection", "database"];
    const WORDS: &[&str] = &[
        "int",
        "bigint",
        "blob",
        "bytea",
        "text",
        "timestamp",
        "serial",
        "json",
        "jsonb",
        "uuid",
        "now",
        "bool",
        "boolean",
        "datetime",
        "varchar",
        "numeric",
        "decimal",
        "float",
    ];
    let object = py::unwrap(object);
    let receiver = match object.kind_name() {
        "identifier" => text(object, src),
        "attribute" => object.field("attribute").map_or("", |a| text(a, src)),
        _ => return false,
    };
    RECEIVERS.contains(&receiver)
        && crate::util::identifier_words(attribute)
            .iter()
            .any(|w| WORDS.contains(&w.as_str()))
}

/// A generator, comprehension or list whose items are safe: `"f%d" % i for i in range(n)`.
fn py_iterable_is_safe(node: Node, cx: &TreeContext, depth: usize) -> bool {
    let node = py::unwrap(node);
    match node.kind_name() {
        "generator_expression" | "list_comprehension" => {
            let Some(body) = node.field("body") else {
                return false;
            };
            let loops_are_literal = named_children(node)
                .into_iter()
                .filter(|c| c.kind_name() == "for_in_clause")
                .all(|c| {
                    c.field("right")
                        .is_some_and(|r| py_literal_iterable(r, cx.src))
                        || py_clause_is_checked(node, c, cx, depth)
                });
            loops_are_literal && py_safe(body, cx, depth)
        }
        _ => py_safe(node, cx, depth),
    }
}

/// `range(...)`, a list/tuple of literals, or a module-level name bound only to one.
fn py_literal_iterable(node: Node, src: &str) -> bool {
    let node = py::unwrap(node);
    match node.kind_name() {
        "call" => py::callee_name(node, src) == Some("range"),
        "list" | "tuple" => named_children(node).iter().all(|e| py::is_literal(*e)),
        "identifier" => {
            let name = text(node, src);
            let root = crate::lang::tree::root_of(node);
            let mut bindings = py::visible_bindings(node, name, root, src);
            if bindings.is_empty() {
                bindings = py::module_bindings_of(root, name, src, usize::MAX);
            }
            matches!(bindings.as_slice(), [b] if !b.append && {
                let v = py::unwrap(b.value);
                matches!(v.kind_name(), "list" | "tuple")
                    && named_children(v).iter().all(|e| py::is_literal(*e))
            }) && !src.contains(&format!("{name}.append("))
                && !src.contains(&format!("{name}.extend("))
        }
        _ => false,
    }
}

/// True when the comprehension clause `clause` of `comprehension` only yields checked or
/// safe items: an `if k in ALLOWED` clause tests its variable, or the iterable's items are
/// safe (`for k in keys` with `keys = [k for k in data if k in ALLOWED]`).
fn py_clause_is_checked(comprehension: Node, clause: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let Some(variable) = clause
        .field("left")
        .filter(|l| l.kind_name() == "identifier")
    else {
        return false;
    };
    let variable = text(variable, src);
    named_children(comprehension)
        .into_iter()
        .filter(|c| c.kind_name() == "if_clause")
        .any(|c| {
            c.named_child(0)
                .is_some_and(|t| sql_guards::py_condition_accepts_checked(t, variable, src))
        })
        || clause
            .field("right")
            .is_some_and(|r| py_items_are_checked(r, cx, depth + 1))
}

/// An iterable whose items are checked or safe: a literal list, a comprehension filtered
/// through an allow-list, or a name bound only to one of those.
fn py_items_are_checked(iterable: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    let iterable = py::unwrap(iterable);
    if depth > MAX_SAFE_STEPS {
        return false;
    }
    if py_literal_iterable(iterable, src) {
        return true;
    }
    match iterable.kind_name() {
        "list_comprehension" | "generator_expression" | "set_comprehension" => {
            let body_is_variable = iterable
                .field("body")
                .is_some_and(|b| b.kind_name() == "identifier");
            body_is_variable
                && named_children(iterable)
                    .into_iter()
                    .filter(|c| c.kind_name() == "for_in_clause")
                    .all(|c| py_clause_is_checked(iterable, c, cx, depth + 1))
        }
        "identifier" => {
            let name = text(iterable, src);
            let bindings = py::visible_bindings(iterable, name, cx.root, src);
            !bindings.is_empty()
                && bindings
                    .iter()
                    .all(|b| !b.append && py_items_are_checked(b.value, cx, depth + 1))
                && !src.contains(&format!("{name}.append("))
        }
        _ => false,
    }
}

/// The name is the variable of a loop or comprehension whose items are checked.
fn py_loop_over_checked(at: Node, name: &str, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    crate::lang::tree::ancestors(at).any(|a| match a.kind_name() {
        "for_statement" => {
            a.field("left").is_some_and(|l| text(l, src) == name)
                && a.field("right")
                    .is_some_and(|r| py_items_are_checked(r, cx, depth))
        }
        "for_in_clause" => {
            a.field("left").is_some_and(|l| text(l, src) == name)
                && a.parent()
                    .is_some_and(|comprehension| py_clause_is_checked(comprehension, a, cx, depth))
        }
        // The body of a comprehension uses the variable of one of its clauses.
        "list_comprehension"
        | "generator_expression"
        | "set_comprehension"
        | "dictionary_comprehension" => named_children(a)
            .into_iter()
            .filter(|c| c.kind_name() == "for_in_clause")
            .any(|c| {
                c.field("left").is_some_and(|l| text(l, src) == name)
                    && (c
                        .field("right")
                        .is_some_and(|r| py_literal_iterable(r, src))
                        || py_clause_is_checked(a, c, cx, depth))
            }),
        _ => false,
    })
}

/// `self.table` where every `self.table = ...` of the file is safe text.
fn py_self_attribute_is_safe(attribute: Node, cx: &TreeContext, depth: usize) -> bool {
    let src = cx.src;
    if attribute
        .field("object")
        .is_none_or(|o| text(o, src) != "self")
    {
        return false;
    }
    let target = text(attribute, src);
    let mut values = Vec::new();
    for n in descendants(cx.root) {
        if matches!(n.kind_name(), "assignment" | "augmented_assignment")
            && n.field("left").is_some_and(|l| text(l, src) == target)
        {
            match n.field("right") {
                Some(v) => values.push(v),
                None => return false,
            }
        }
    }
    !values.is_empty() && values.iter().all(|v| py_safe(*v, cx, depth + 1))
}

/// The name is a loop variable over literals (`for i in [2, 4]:`, `for i in range(3)`,
/// comprehension clauses included).
fn py_loop_over_literals(at: Node, name: &str, src: &str) -> bool {
    crate::lang::tree::ancestors(at).any(|a| {
        matches!(a.kind_name(), "for_statement" | "for_in_clause")
            && a.field("left").is_some_and(|l| text(l, src) == name)
            && a.field("right")
                .is_some_and(|r| py_literal_iterable(r, src))
    })
}

/// The opening quotes of string literals that start with a statement keyword (`"SELECT`,
/// `` `\n  update ``, `f"DELETE`): the static text `looks_like_sql` accepts begins with one.
/// After the quote come white space, `(` and `\n` `\r` `\t` escapes, then a keyword in any
/// case as a whole word.
pub fn statement_literal_starts(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'\'', b'"', b'`', text)
        .filter(move |&quote| leading_keyword_at(text, quote + 1))
}

fn leading_keyword_at(text: &[u8], mut at: usize) -> bool {
    loop {
        match text.get(at) {
            Some(b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b'(') => at += 1,
            Some(b'\\') if matches!(text.get(at + 1), Some(b'n' | b'r' | b't')) => at += 2,
            _ => break,
        }
    }
    let rest = text.get(at..).unwrap_or_default();
    let len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    let word = &rest[..len];
    LEADING_KEYWORDS
        .iter()
        .any(|k| k.as_bytes().eq_ignore_ascii_case(word))
}

/// Calls of a raw SQL fragment API in JavaScript/TypeScript (and Sequelize `literal(...)`).
static JS_FRAGMENT_SINK_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"(?:{})\b|\bliteral\s*\(",
        alternation(&[JS_FRAGMENT_SINKS])
    ))
});

/// In Python: the fragment sinks `py_sink` knows and Django's `.extra(...)`.
static PY_FRAGMENT_SINK_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"(?:{})\b|\bextra\s*\(",
        alternation(&[PY_FRAGMENT_SINKS])
    ))
});

/// Calls of a method that takes a SQL statement.
static JS_STATEMENT_SINK_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"\.\s*(?:{})\b",
        alternation(&[JS_STATEMENT_SINKS])
    ))
});

static PY_STATEMENT_SINK_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"\.[\s\\]*(?:{})\b",
        alternation(&[PY_STATEMENT_SINKS])
    ))
});

/// False when no sink in the text can receive interpolated SQL: there is no raw-fragment
/// call, and no statement call together with a literal starting like a SQL statement that
/// can get holes (`holes`).
pub fn may_interpolate_sql(text: &[u8], python: bool) -> bool {
    let fragment_sink = if python {
        &PY_FRAGMENT_SINK_TEXT
    } else {
        &JS_FRAGMENT_SINK_TEXT
    };
    if shape_matches(fragment_sink, text) {
        return true;
    }
    let statement_sink = if python {
        &PY_STATEMENT_SINK_TEXT
    } else {
        &JS_STATEMENT_SINK_TEXT
    };
    if !shape_matches(statement_sink, text) {
        return false;
    }
    holes::literal_may_get_holes(statement_literal_starts(text), text, python)
}

#[cfg(test)]
mod tests {
    use super::{looks_like_sql, names_an_identifier};

    #[test]
    fn sql_shapes() {
        assert!(looks_like_sql("SELECT * FROM users WHERE id =  ? "));
        assert!(looks_like_sql("\n  update users set name =  ? "));
        assert!(looks_like_sql("INSERT INTO t (a) VALUES ( ? )"));
        assert!(!looks_like_sql("Update your profile,  ? "));
        assert!(!looks_like_sql("user  ?  logged in"));
        assert!(!looks_like_sql("/users/ ? "));
    }

    /// Where the first ` ? ` of `text` starts.
    fn first_hole(text: &str) -> usize {
        text.find(" ? ").unwrap_or_default()
    }

    #[test]
    fn identifier_positions() {
        for name in [
            "SELECT * FROM  ?  WHERE id = $1",
            "DROP TABLE IF EXISTS \" ? \" CASCADE",
            "SELECT * FROM msar. ? (%s)",
            "SELECT  ? (score) FROM t",
            "DESCRIBE \" ? \".\"items\"",
            "SELECT * FROM users ORDER BY  ?  LIMIT 10",
            "SELECT * FROM users ORDER BY created_at  ? ",
            "SELECT * FROM users ORDER BY  ?  DESC",
        ] {
            assert!(names_an_identifier(name, first_hole(name)), "{name}");
        }
        for value in [
            "SELECT * FROM users WHERE id =  ? ",
            "SELECT to_tsvector(' ? ', title) FROM pages",
            "INSERT INTO t (a) VALUES ( ? )",
            "SELECT * FROM users WHERE name LIKE ' ? %'",
        ] {
            assert!(!names_an_identifier(value, first_hole(value)), "{value}");
        }
    }
}
