//! The fix of sql-interpolation: the interpolated query rewritten to a parameterized one in
//! the driver's placeholder style, the interpolated values moved into the values argument.
//!
//! Offered only when the SQL text is written at the call (a template literal, an f-string or
//! a `+` concatenation of string literals and values), the driver is known from the file's
//! imports (exactly one), and every reported value stands where SQL takes a value: not a
//! name (table, column, sort direction), not inside a quoted SQL string that holds other
//! text (`'%${term}%'`), not an `IN (...)` list. Values the rule accepts (constants) stay
//! where they are.

use std::ops::Range;

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt, named_children, text};
use crate::lang::{js, py};

use super::names_an_identifier;

/// How the driver writes placeholders and takes values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// node-postgres: `$1`, `$2` with an array.
    Dollar,
    /// mysql, mysql2, sqlite3, knex; Python sqlite3: `?` with an array (a tuple in Python).
    Question,
    /// Sequelize: `:name` with `{ replacements: { name } }`.
    SequelizeNamed,
    /// psycopg, PyMySQL, MySQLdb: `%s` with a tuple.
    Percent,
    /// SQLAlchemy `text()`: `:name` with a dict.
    ColonDict,
}

impl Style {
    pub fn describe(self) -> &'static str {
        match self {
            Style::Dollar => "`$1` placeholders",
            Style::Question => "`?` placeholders",
            Style::SequelizeNamed => "`:name` replacements",
            Style::Percent => "`%s` placeholders",
            Style::ColonDict => "`:name` parameters",
        }
    }
}

/// The edits of the fix (ranges of the finding's file) and the style used.
pub struct Rewrite {
    pub style: Style,
    pub edits: Vec<(Range<usize>, String)>,
}

/// A piece of the SQL text as written: raw source text (escapes as written) or a value.
enum Piece<'t> {
    Text(String),
    Value(Node<'t>),
    /// A value the rule accepts, kept interpolated as written (`${TABLE}`).
    Kept(&'t str),
}

/// The driver the file uses for SQL, when exactly one is imported, and whether it is
/// better-sqlite3 (whose values go to the prepared statement's `get`/`all`/`run`).
fn js_driver(src: &str) -> Option<(Style, bool)> {
    let imports = |module: &str| {
        ["'", "\""].iter().any(|q| {
            src.contains(&format!("require({q}{module}{q})"))
                || src.contains(&format!("from {q}{module}{q}"))
        })
    };
    let mut found = Vec::new();
    if imports("pg") || imports("pg-pool") {
        found.push((Style::Dollar, false));
    }
    if [
        "mysql",
        "mysql2",
        "mysql2/promise",
        "sqlite3",
        "knex",
        "sqlite",
    ]
    .iter()
    .any(|m| imports(m))
    {
        found.push((Style::Question, false));
    }
    if imports("better-sqlite3") {
        found.push((Style::Question, true));
    }
    if imports("sequelize") || imports("sequelize-typescript") {
        found.push((Style::SequelizeNamed, false));
    }
    (found.len() == 1).then(|| found[0])
}

fn py_driver(src: &str) -> Option<Style> {
    let imports = |module: &str| {
        src.lines().any(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("import ")
                .or_else(|| line.strip_prefix("from "));
            rest.is_some_and(|r| {
                r.split([' ', '.', ',']).next() == Some(module)
                    || line.starts_with("import ") && r.split(", ").any(|m| m == module)
            })
        })
    };
    let mut found = Vec::new();
    if ["psycopg2", "psycopg", "pymysql", "MySQLdb"]
        .iter()
        .any(|m| imports(m))
    {
        found.push(Style::Percent);
    }
    if imports("sqlite3") {
        found.push(Style::Question);
    }
    (found.len() == 1).then(|| found[0])
}

/// The JavaScript rewrite of `call`, whose first argument `sql_arg` holds the values
/// `reported`.
pub fn js_rewrite(call: Node, sql_arg: Node, reported: &[Node], src: &str) -> Option<Rewrite> {
    let args = js::call_arguments(call);
    if args.first().map(|a| a.id()) != Some(sql_arg.id()) {
        return None;
    }
    let (style, better_sqlite3) = js_driver(src)?;
    // better-sqlite3 takes the values where the prepared statement runs:
    // `db.prepare(sql).get(x)`.
    let run_call = if better_sqlite3 {
        if js::callee_name(call, src) != Some("prepare") || args.len() != 1 {
            return None;
        }
        Some(prepared_statement_run(call, src)?)
    } else {
        None
    };
    // SQL written in the declaration right before the call's statement: the literal is
    // rewritten there, the values are passed at the call.
    let literal = if sql_arg.kind_name() == "identifier" {
        js_declared_just_before(call, sql_arg, src)?
    } else {
        sql_arg
    };
    let (pieces, quote) = js_pieces(literal, reported, src)?;
    if let Some(run_call) = run_call {
        let run_args = run_call.field("arguments")?;
        let items = named_children(run_args);
        if items.iter().any(|i| {
            matches!(
                i.kind_name(),
                "spread_element" | "comment" | "object" | "array"
            )
        }) {
            return None;
        }
        let existing = Existing::List(
            run_args,
            items.iter().map(|i| text(*i, src).to_string()).collect(),
        );
        let rewritten = rewrite_text(&pieces, style, &existing, false, |expr| text(expr, src))?;
        let literal_text = match quote {
            '`' => format!("`{}`", rewritten.text),
            q => format!("{q}{}{q}", rewritten.text),
        };
        return Some(Rewrite {
            style,
            edits: vec![
                (literal.byte_range(), literal_text),
                (
                    run_args.byte_range(),
                    format!("({})", rewritten.list.join(", ")),
                ),
            ],
        });
    }
    let values_arg = args.get(1).copied();
    let existing = match (style, values_arg) {
        (_, None) => Existing::None,
        (_, Some(arg)) if is_js_function(arg) => Existing::None,
        (Style::SequelizeNamed, Some(arg)) => js_replacements(arg, src)?,
        (_, Some(arg)) if arg.kind_name() == "array" => {
            let items = named_children(arg);
            if items
                .iter()
                .any(|i| matches!(i.kind_name(), "spread_element" | "comment"))
            {
                return None;
            }
            Existing::List(
                arg,
                items.iter().map(|i| text(*i, src).to_string()).collect(),
            )
        }
        _ => return None,
    };
    let rewritten = rewrite_text(&pieces, style, &existing, false, |expr| text(expr, src))?;
    let literal_text = match quote {
        '`' => format!("`{}`", rewritten.text),
        q => format!("{q}{}{q}", rewritten.text),
    };
    let mut edits = vec![(literal.byte_range(), literal_text)];
    let values = match style {
        Style::SequelizeNamed => {
            let props: Vec<String> = rewritten
                .named
                .iter()
                .map(|(name, expr)| {
                    if name == expr {
                        name.clone()
                    } else {
                        format!("{name}: {expr}")
                    }
                })
                .collect();
            props.join(", ")
        }
        _ => rewritten.list.join(", "),
    };
    match (&existing, style) {
        (Existing::List(node, _), _) => edits.push((node.byte_range(), format!("[{values}]"))),
        (Existing::Named(node, _), _) => edits.push((node.byte_range(), format!("{{ {values} }}"))),
        (Existing::OptionsWithout(node), _) => {
            let at = node.start_byte() + 1;
            edits.push((at..at, format!(" replacements: {{ {values} }},")));
        }
        (Existing::None, Style::SequelizeNamed) => edits.push((
            sql_arg.end_byte()..sql_arg.end_byte(),
            format!(", {{ replacements: {{ {values} }} }}"),
        )),
        (Existing::None, _) => edits.push((
            sql_arg.end_byte()..sql_arg.end_byte(),
            format!(", [{values}]"),
        )),
    }
    Some(Rewrite { style, edits })
}

/// The call that runs a better-sqlite3 statement prepared by `prepare`:
/// `db.prepare(sql).get()` (`all`, `run`, `iterate`).
fn prepared_statement_run<'t>(prepare: Node<'t>, src: &str) -> Option<Node<'t>> {
    let member = prepare.parent()?;
    if member.kind_name() != "member_expression"
        || member.field("object").map(|o| o.id()) != Some(prepare.id())
    {
        return None;
    }
    let method = member.field("property").map(|p| text(p, src))?;
    if !matches!(method, "get" | "all" | "run" | "iterate") {
        return None;
    }
    let run = member.parent()?;
    (run.kind_name() == "call_expression"
        && run.field("function").map(|f| f.id()) == Some(member.id()))
    .then_some(run)
}

/// The value of `const sql = <literal>` when that declaration is the statement right before
/// the one holding `call` (in the same block) and `sql` is read nowhere else in the
/// function: the SQL is then the call's alone.
fn js_declared_just_before<'t>(call: Node<'t>, name_node: Node<'t>, src: &str) -> Option<Node<'t>> {
    let name = text(name_node, src);
    let mut statement = call;
    while !matches!(
        statement.parent().map(|p| p.kind_name()),
        Some("statement_block" | "program")
    ) {
        statement = statement.parent()?;
    }
    let mut previous = statement.prev_named_sibling()?;
    while previous.kind_name() == "comment" {
        previous = previous.prev_named_sibling()?;
    }
    if !matches!(
        previous.kind_name(),
        "lexical_declaration" | "variable_declaration"
    ) {
        return None;
    }
    let declarators: Vec<Node> = named_children(previous)
        .into_iter()
        .filter(|d| d.kind_name() == "variable_declarator")
        .collect();
    let [declarator] = declarators.as_slice() else {
        return None;
    };
    if declarator.field("name").map(|n| text(n, src)) != Some(name) {
        return None;
    }
    let value = declarator.field("value")?;
    let scope = js::enclosing_function(call).unwrap_or_else(|| crate::lang::tree::root_of(call));
    let uses = crate::lang::tree::descendants(scope)
        .filter(|n| {
            matches!(
                n.kind_name(),
                "identifier" | "shorthand_property_identifier"
            ) && text(*n, src) == name
        })
        .count();
    (uses == 2).then_some(value)
}

fn is_js_function(node: Node) -> bool {
    matches!(
        node.kind_name(),
        "arrow_function" | "function_expression" | "function"
    )
}

/// What the call already passes as values.
enum Existing<'t> {
    None,
    /// An array (a tuple or list in Python) literal and its items' text.
    List(Node<'t>, Vec<String>),
    /// An object (dict) literal of named values and their names.
    Named(Node<'t>, Vec<(String, String)>),
    /// A Sequelize options object with no `replacements`.
    OptionsWithout(Node<'t>),
}

/// Sequelize's options argument: its `replacements` object, or the options to add it to.
fn js_replacements<'t>(options: Node<'t>, src: &str) -> Option<Existing<'t>> {
    if options.kind_name() != "object" {
        return None;
    }
    if js::object_property(options, &["bind"], src).is_some() {
        return None;
    }
    let Some(replacements) = js::object_property(options, &["replacements"], src) else {
        return Some(Existing::OptionsWithout(options));
    };
    if replacements.kind_name() != "object" {
        return None;
    }
    let mut named = Vec::new();
    for prop in named_children(replacements) {
        match prop.kind_name() {
            "pair" => {
                let key = prop
                    .field("key")
                    .map(|k| text(k, src).trim_matches(['\'', '"']))?;
                let value = prop.field("value").map(|v| text(v, src))?;
                named.push((key.to_string(), value.to_string()));
            }
            "shorthand_property_identifier" => {
                named.push((text(prop, src).to_string(), text(prop, src).to_string()))
            }
            "comment" => {}
            _ => return None,
        }
    }
    Some(Existing::Named(replacements, named))
}

/// The pieces of a JavaScript SQL argument and the quote its rewrite is written with.
fn js_pieces<'t>(arg: Node<'t>, reported: &[Node], src: &'t str) -> Option<(Vec<Piece<'t>>, char)> {
    let is_reported = |n: Node| reported.iter().any(|r| r.id() == n.id());
    match arg.kind_name() {
        "template_string" => {
            let mut pieces = Vec::new();
            let mut at = arg.start_byte() + 1;
            for child in named_children(arg) {
                if child.kind_name() != "template_substitution" {
                    continue;
                }
                pieces.push(Piece::Text(src.get(at..child.start_byte())?.to_string()));
                let inner = child.named_child(0)?;
                pieces.push(if is_reported(inner) {
                    Piece::Value(inner)
                } else {
                    Piece::Kept(text(child, src))
                });
                at = child.end_byte();
            }
            pieces.push(Piece::Text(src.get(at..arg.end_byte() - 1)?.to_string()));
            Some((pieces, '`'))
        }
        "binary_expression" => {
            let mut operands = Vec::new();
            let mut stack = vec![arg];
            while let Some(node) = stack.pop() {
                let node = super::unwrap_expression(node);
                if node.kind_name() == "binary_expression"
                    && node.field("operator").is_some_and(|o| text(o, src) == "+")
                {
                    stack.push(node.field("right")?);
                    stack.push(node.field("left")?);
                } else {
                    operands.push(node);
                }
            }
            let quote = operands
                .iter()
                .find(|o| o.kind_name() == "string")
                .and_then(|o| text(*o, src).chars().next())?;
            if operands.first()?.kind_name() != "string" {
                return None;
            }
            let mut pieces = Vec::new();
            for operand in operands {
                if operand.kind_name() == "string" {
                    let raw = text(operand, src);
                    if !raw.starts_with(quote) {
                        return None;
                    }
                    pieces.push(Piece::Text(raw.get(1..raw.len() - 1)?.to_string()));
                } else if is_reported(operand) {
                    pieces.push(Piece::Value(operand));
                } else {
                    return None;
                }
            }
            Some((pieces, quote))
        }
        _ => None,
    }
}

/// The rewritten SQL text with the values, in the order the style takes them.
struct Rewritten {
    text: String,
    /// Positional values (`$n`, `?`, `%s`).
    list: Vec<String>,
    /// Named values (`:name`): name and expression.
    named: Vec<(String, String)>,
}

/// Placeholders in place of the values of `pieces`; the values merged with the existing
/// ones. `None` when a value does not stand where SQL takes a value, or the placeholders
/// already in the text do not match the existing values.
fn rewrite_text<'t>(
    pieces: &[Piece<'t>],
    style: Style,
    existing: &Existing,
    double_percent: bool,
    expr_text: impl Fn(Node<'t>) -> &'t str,
) -> Option<Rewritten> {
    // The text as the rule reads it, to ask what each value's position is.
    let mut probe = String::new();
    let mut offsets = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => probe.push_str(t),
            Piece::Value(_) => {
                offsets.push(probe.len());
                probe.push_str(" ? ");
            }
            Piece::Kept(t) => probe.push_str(t),
        }
    }
    let existing_list: &[String] = match existing {
        Existing::List(_, items) => items,
        _ => &[],
    };
    let mut named: Vec<(String, String)> = match existing {
        Existing::Named(_, items) => items.clone(),
        _ => Vec::new(),
    };
    let mut out = Rewritten {
        text: String::new(),
        list: Vec::new(),
        named: Vec::new(),
    };
    let mut taken_existing = 0;
    let mut next_dollar = max_dollar(&probe) + 1;
    if style == Style::Dollar {
        if next_dollar - 1 != existing_list.len() {
            return None;
        }
        out.list = existing_list.to_vec();
    }
    let mut value_index = 0;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => {
                let mut t = t.clone();
                // A value quoted on its own (`'${name}'`): the quotes go with it.
                if matches!(pieces.get(i + 1), Some(Piece::Value(_))) && t.ends_with('\'') {
                    t.pop();
                }
                if i > 0
                    && matches!(pieces.get(i - 1), Some(Piece::Value(_)))
                    && t.starts_with('\'')
                {
                    t.remove(0);
                }
                // Positional placeholders already there take the existing values in order.
                if matches!(style, Style::Question | Style::Percent) {
                    let marker = if style == Style::Question { "?" } else { "%s" };
                    let count = t.matches(marker).count();
                    if style == Style::Question && t.contains("??") {
                        return None;
                    }
                    for _ in 0..count {
                        out.list.push(existing_list.get(taken_existing)?.clone());
                        taken_existing += 1;
                    }
                }
                if double_percent {
                    t = t.replace('%', "%%");
                }
                out.text.push_str(&t);
            }
            Piece::Kept(t) => out.text.push_str(t),
            Piece::Value(node) => {
                let at = offsets[value_index];
                value_index += 1;
                if !value_position(&probe, at) {
                    return None;
                }
                let expr = expr_text(*node).to_string();
                match style {
                    Style::Dollar => {
                        let n = match out.list.iter().position(|e| *e == expr) {
                            Some(k) => k + 1,
                            None => {
                                out.list.push(expr);
                                next_dollar += 1;
                                next_dollar - 1
                            }
                        };
                        out.text.push_str(&format!("${n}"));
                    }
                    Style::Question | Style::Percent => {
                        out.list.push(expr);
                        out.text
                            .push_str(if style == Style::Question { "?" } else { "%s" });
                    }
                    Style::SequelizeNamed | Style::ColonDict => {
                        let name = match named.iter().find(|(_, e)| *e == expr) {
                            Some((name, _)) => name.clone(),
                            None => {
                                let name = unique_name(value_name(&expr), &named, &probe);
                                named.push((name.clone(), expr));
                                name
                            }
                        };
                        out.text.push(':');
                        out.text.push_str(&name);
                    }
                }
            }
        }
    }
    if matches!(style, Style::Question | Style::Percent) && taken_existing != existing_list.len() {
        return None;
    }
    // Nothing moved: every interpolation stays (the rule's finding is about a kept one).
    // A statement such as `SET`, `CREATE DATABASE` or `DROP ...` takes no parameters.
    let statement = probe.trim_start().to_ascii_uppercase();
    let utility = [
        "SET ", "SHOW ", "CREATE ", "DROP ", "ALTER ", "GRANT ", "REVOKE ",
    ]
    .iter()
    .any(|k| statement.starts_with(k));
    if value_index == 0 || utility {
        return None;
    }
    out.named = named;
    Some(out)
}

/// The value at `offset` of `probe` stands where SQL takes a value: not a name, not inside a
/// quoted string with other text, not an `IN (...)` list.
fn value_position(probe: &str, offset: usize) -> bool {
    if names_an_identifier(probe, offset) {
        return false;
    }
    let before = &probe[..offset];
    let after = probe.get(offset + 3..).unwrap_or_default();
    // `COUNT(x) ${direction}`: a word after an expression is no value; nor is the text of
    // a typed literal (`INTERVAL '${n} days'`, `DATE '${day}'`).
    if before.trim_end().ends_with(')') {
        return false;
    }
    let typed = before
        .trim_end()
        .trim_end_matches('\'')
        .trim_end()
        .to_ascii_uppercase();
    if ["INTERVAL", "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ"]
        .iter()
        .any(|t| {
            typed.ends_with(t)
                && !typed[..typed.len() - t.len()]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        })
    {
        return false;
    }
    // Inside a SQL string: only a string that holds the value alone.
    if before.matches('\'').count() % 2 == 1 {
        return before.ends_with('\'') && after.starts_with('\'');
    }
    // A double-quoted name, or a MySQL string: not read as a value either way.
    if before.ends_with(['"', '`']) || after.starts_with(['"', '`']) {
        return false;
    }
    let trimmed = before.trim_end();
    let in_list = trimmed
        .strip_suffix('(')
        .is_some_and(|b| b.trim_end().to_ascii_uppercase().ends_with(" IN"));
    !in_list && !trimmed.ends_with('$')
}

/// The highest `$n` in the text.
fn max_dollar(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut max = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'$' {
            let digits: String = bytes[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .map(|c| *c as char)
                .collect();
            if let Ok(n) = digits.parse::<usize>() {
                max = max.max(n);
            }
        }
    }
    max
}

/// A parameter name for an expression: the last name in it (`req.params.id` → `id`,
/// `request.args.get("q")` → `q`).
fn value_name(expr: &str) -> String {
    let words: Vec<&str> = expr
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|w| !matches!(*w, "get" | "req" | "request" | "self" | "this"))
        .collect();
    words.last().map_or("value", |w| w).to_string()
}

fn unique_name(base: String, taken: &[(String, String)], text: &str) -> String {
    let used =
        |name: &str| taken.iter().any(|(n, _)| n == name) || text.contains(&format!(":{name}"));
    if !used(&base) {
        return base;
    }
    (2..)
        .map(|k| format!("{base}_{k}"))
        .find(|name| !used(name))
        .unwrap_or(base)
}

/// The Python rewrite of `call`, whose SQL argument `sql_arg` holds the values `reported`:
/// an f-string, SQLAlchemy's `text(f"...")`, a string formatted with `%` or `.format()`
/// (each value then moves to the values argument, whatever the rule thinks of it), or a
/// name assigned one of those in the statement right before the call's.
pub fn py_rewrite(call: Node, sql_arg: Node, reported: &[Node], src: &str) -> Option<Rewrite> {
    let args = py::positional_arguments(call);
    if args.first().map(|a| a.id()) != Some(sql_arg.id()) {
        return None;
    }
    let sql_arg = py::unwrap(sql_arg);
    let written = if sql_arg.kind_name() == "identifier" {
        py_assigned_just_before(call, sql_arg, src)?
    } else {
        sql_arg
    };
    let (fstring, style) =
        if written.kind_name() == "call" && py::callee_name(written, src) == Some("text") {
            let inner = py::positional_arguments(written).first().copied()?;
            (py::unwrap(inner), Style::ColonDict)
        } else {
            (written, py_driver(src)?)
        };
    let formatted = match fstring.kind_name() {
        "binary_operator" | "call" if style != Style::ColonDict => {
            Some(py_formatted_pieces(fstring, style, src)?)
        }
        _ => None,
    };
    let (pieces, prefix, end_quote, double_percent_text) = match formatted {
        Some(pieces) => pieces,
        None => {
            let (pieces, prefix, end_quote) = py_fstring_pieces(fstring, reported, src)?;
            (pieces, prefix, end_quote, true)
        }
    };
    let values_arg = args.get(1).copied().map(py::unwrap);
    if !double_percent_text && values_arg.is_some() {
        // `"... %s" % x` with values as well: the text is not what the driver reads.
        return None;
    }
    let existing = match values_arg {
        None => Existing::None,
        Some(arg) if style == Style::ColonDict => {
            if arg.kind_name() != "dictionary" {
                return None;
            }
            let mut named = Vec::new();
            for pair in named_children(arg) {
                if pair.kind_name() == "comment" {
                    continue;
                }
                let key = pair.field("key").and_then(|k| py::string_value(k, src))?;
                let value = pair.field("value").map(|v| text(v, src))?;
                named.push((key, value.to_string()));
            }
            Existing::Named(arg, named)
        }
        Some(arg) if matches!(arg.kind_name(), "tuple" | "list") => {
            let items = named_children(arg);
            if items
                .iter()
                .any(|i| matches!(i.kind_name(), "list_splat" | "comment"))
            {
                return None;
            }
            Existing::List(
                arg,
                items.iter().map(|i| text(*i, src).to_string()).collect(),
            )
        }
        Some(_) => return None,
    };
    // With no values passed before, a `%` in the text was sent as is; with values, the
    // driver reads `%` as the start of a placeholder. (Text formatted with `%` already
    // writes a `%` as `%%`.)
    let double_percent =
        double_percent_text && style == Style::Percent && matches!(existing, Existing::None);
    let rewritten = rewrite_text(&pieces, style, &existing, double_percent, |expr| {
        text(expr, src)
    })?;
    let literal = format!("{prefix}{}{end_quote}", rewritten.text);
    let mut edits = vec![(fstring.byte_range(), literal)];
    let values = match style {
        Style::ColonDict => {
            let pairs: Vec<String> = rewritten
                .named
                .iter()
                .map(|(name, expr)| format!("\"{name}\": {expr}"))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        }
        _ if rewritten.list.len() == 1 => format!("({},)", rewritten.list[0]),
        _ => format!("({})", rewritten.list.join(", ")),
    };
    match &existing {
        Existing::List(node, _) | Existing::Named(node, _) => {
            edits.push((node.byte_range(), values))
        }
        _ => {
            let after = args[0].end_byte();
            edits.push((after..after, format!(", {values}")));
        }
    }
    Some(Rewrite { style, edits })
}

/// The pieces of an f-string, with the prefix (without `f` when nothing stays
/// interpolated) and the closing quote its rewrite is written with.
fn py_fstring_pieces<'t>(
    fstring: Node<'t>,
    reported: &[Node],
    src: &'t str,
) -> Option<(Vec<Piece<'t>>, String, String)> {
    if fstring.kind_name() != "string" || !py::is_fstring(fstring) {
        return None;
    }
    let is_reported = |n: Node| reported.iter().any(|r| r.id() == n.id());
    let start = fstring.child(0)?;
    let end = fstring.child(fstring.child_count().checked_sub(1)?)?;
    let mut pieces = Vec::new();
    let mut at = start.end_byte();
    let mut kept_any = false;
    for child in named_children(fstring) {
        if child.kind_name() != "interpolation" {
            continue;
        }
        pieces.push(Piece::Text(src.get(at..child.start_byte())?.to_string()));
        let inner = child.named_child(0)?;
        if is_reported(inner) {
            if child.named_child_count() > 1 {
                // `{x!r}`, `{x:>10}`: a conversion or format the value would lose.
                return None;
            }
            pieces.push(Piece::Value(inner));
        } else {
            kept_any = true;
            pieces.push(Piece::Kept(text(child, src)));
        }
        at = child.start_byte() + text(child, src).len();
    }
    pieces.push(Piece::Text(src.get(at..end.start_byte())?.to_string()));
    if !kept_any {
        for piece in &mut pieces {
            if let Piece::Text(t) = piece {
                *t = t.replace("{{", "{").replace("}}", "}");
            }
        }
    }
    let prefix = text(start, src);
    let prefix = if kept_any {
        prefix.to_string()
    } else {
        prefix.replace(['f', 'F'], "")
    };
    Some((pieces, prefix, text(end, src).to_string()))
}

/// The pieces of a plain string formatted with `%` (`"... %s" % x`, `"... %s %s" % (a, b)`)
/// or `.format()` (`"... {}".format(x)`, `{0}`, `{name}`), with the string's prefix and
/// closing quote, and whether a `%` of the text is still written alone. Only `%s`/`%d` and
/// bare `{}` fields; anything else (`%(name)s`, `%5d`, `{x!r}`, `{0.id}`) gets no rewrite.
#[allow(clippy::type_complexity)]
fn py_formatted_pieces<'t>(
    formatted: Node<'t>,
    style: Style,
    src: &'t str,
) -> Option<(Vec<Piece<'t>>, String, String, bool)> {
    let (string, positional, named, percent) = match formatted.kind_name() {
        "binary_operator" => {
            if formatted
                .child_by_field_name("operator")
                .map(|o| text(o, src))
                != Some("%")
            {
                return None;
            }
            let right = py::unwrap(formatted.field("right")?);
            let values = if right.kind_name() == "tuple" {
                named_children(right)
            } else if matches!(right.kind_name(), "dictionary" | "list_splat") {
                return None;
            } else {
                vec![right]
            };
            (
                py::unwrap(formatted.field("left")?),
                values,
                Vec::new(),
                true,
            )
        }
        "call" => {
            let function = formatted.field("function")?;
            if function.kind_name() != "attribute"
                || function.field("attribute").map(|a| text(a, src)) != Some("format")
            {
                return None;
            }
            let mut positional = Vec::new();
            let mut named = Vec::new();
            for arg in named_children(formatted.field("arguments")?) {
                match arg.kind_name() {
                    "keyword_argument" => {
                        named.push((text(arg.field("name")?, src), arg.field("value")?))
                    }
                    "list_splat" | "dictionary_splat" => return None,
                    "comment" => {}
                    _ => positional.push(arg),
                }
            }
            (
                py::unwrap(function.field("object")?),
                positional,
                named,
                false,
            )
        }
        _ => return None,
    };
    if string.kind_name() != "string" || py::is_fstring(string) {
        return None;
    }
    let start = string.child(0)?;
    let end = string.child(string.child_count().checked_sub(1)?)?;
    let prefix = text(start, src);
    if prefix.contains(['r', 'R', 'b', 'B']) {
        return None;
    }
    let raw = src.get(start.end_byte()..end.start_byte())?;
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut used = vec![false; positional.len()];
    let mut next = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let value = if percent && c == '%' {
            match chars.next() {
                Some((_, '%')) => {
                    // Still `%%` for a `%s` driver (it reads `%` with values); one `%` for `?`.
                    literal.push_str(if style == Style::Percent { "%%" } else { "%" });
                    continue;
                }
                Some((_, 's' | 'd' | 'i')) => {
                    next += 1;
                    Some(next - 1)
                }
                _ => return None,
            }
        } else if !percent && (c == '{' || c == '}') {
            if chars.peek().map(|(_, n)| *n) == Some(c) {
                chars.next();
                literal.push(c);
                continue;
            }
            if c == '}' {
                return None;
            }
            let close = raw[i..].find('}')? + i;
            let field = &raw[i + 1..close];
            while chars.peek().is_some_and(|(at, _)| *at <= close) {
                chars.next();
            }
            if field.is_empty() {
                next += 1;
                Some(next - 1)
            } else if let Ok(at) = field.parse::<usize>() {
                Some(at)
            } else if field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                let value = named.iter().find(|(name, _)| *name == field)?.1;
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
                pieces.push(Piece::Value(value));
                continue;
            } else {
                return None;
            }
        } else {
            literal.push(c);
            None
        };
        if let Some(at) = value {
            let node = *positional.get(at)?;
            used[at] = true;
            pieces.push(Piece::Text(std::mem::take(&mut literal)));
            pieces.push(Piece::Value(node));
        }
    }
    pieces.push(Piece::Text(literal));
    // Every value passed is placed (a `%` with more values than fields is an error).
    if used.iter().any(|u| !u) {
        return None;
    }
    Some((
        pieces,
        prefix.to_string(),
        text(end, src).to_string(),
        !percent,
    ))
}

/// The right side of `sql = <written>` when that assignment is the statement right before
/// the one holding `call` (in the same block) and `sql` is read nowhere else in the
/// function.
fn py_assigned_just_before<'t>(call: Node<'t>, name_node: Node<'t>, src: &str) -> Option<Node<'t>> {
    let name = text(name_node, src);
    let mut statement = call;
    while !matches!(
        statement.parent().map(|p| p.kind_name()),
        Some("block" | "module")
    ) {
        statement = statement.parent()?;
    }
    let mut previous = statement.prev_named_sibling()?;
    while previous.kind_name() == "comment" {
        previous = previous.prev_named_sibling()?;
    }
    if previous.kind_name() != "expression_statement" {
        return None;
    }
    let assignment = previous.named_child(0)?;
    if assignment.kind_name() != "assignment"
        || assignment.field("left").map(|l| text(l, src)) != Some(name)
        || assignment.field("type").is_some()
    {
        return None;
    }
    let value = py::unwrap(assignment.field("right")?);
    let scope = py::enclosing_function(call).unwrap_or_else(|| crate::lang::tree::root_of(call));
    let uses = crate::lang::tree::descendants(scope)
        .filter(|n| n.kind_name() == "identifier" && text(*n, src) == name)
        .count();
    (uses == 2).then_some(value)
}
