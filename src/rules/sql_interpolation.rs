//! sql-interpolation: SQL text built by interpolation reaches a query call.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::diagnostic::{Applicability, Findings, Fix, Severity};
use crate::lang::tree::{descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::shared::request_input::{js_request_source, py_request_source};
use crate::rules::shared::sql::evidence::{self, Slot};
use crate::rules::shared::sql::{self, BuiltSql, SinkText, parameterize, through};
use crate::rules::{Prescan, Rule, TreeContext};

pub struct SqlInterpolation;

impl Rule for SqlInterpolation {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            // A SQL keyword followed by a space or line break, or a raw-SQL API.
            &[
                "select ",
                "select\n",
                "insert ",
                "update ",
                "delete ",
                "create ",
                "drop ",
                "alter ",
                "truncate ",
                "replace ",
                "merge ",
                "pragma ",
                "exec ",
                "call ",
                "with ",
                "show ",
                "explain ",
                "grant ",
                "revoke ",
                "upsert ",
                "raw",
                "unsafe",
                "extra",
            ],
            // A call that can run SQL.
            &[
                "query",
                "execute",
                "exec",
                "raw",
                "unsafe",
                "fetch",
                "iterate",
                "read_sql",
                "extra(",
                ".all(",
                ".get(",
                ".run(",
                ".one",
                ".many",
                ".any(",
                ".none(",
                ".result(",
                ".multi(",
                ".each(",
                ".prepare(",
                ".batch(",
                "literal(",
            ],
        ]
    }

    fn may_match(&self, file: &Prescan) -> bool {
        sql::may_interpolate_sql(file.bytes, file.is_py())
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let Some(sink) = sql::js_sink(call, cx.src) else {
            return;
        };
        // A call the parser had to recover around is not read reliably enough to judge.
        if js::callee(call).is_none_or(|c| c.has_error()) {
            return;
        }
        let Some(first) = js::call_arguments(call).first().copied() else {
            return;
        };
        // pg `query({ text, values })`, mysql `query({ sql, timeout })`.
        let first = js::object_property(first, &["text", "sql", "query"], cx.src).unwrap_or(first);
        let Some(built) = sql::js_built(first, cx) else {
            check_js_runner(call, first, sink, cx, out);
            return;
        };
        check_built(call, first, sink, &built, None, cx, out, Lang::Js);
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call"]
    }

    fn check_py(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let Some(name) = cx.py_callee_name(call) else {
            return;
        };
        let Some(sink) = sql::py_sink(call, name) else {
            if name == "extra" {
                check_django_extra(call, cx, out);
            }
            return;
        };
        let Some(first) = py::positional_arguments(call)
            .first()
            .copied()
            .or_else(|| py::keyword_argument(call, "sql", cx.src))
            .or_else(|| py::keyword_argument(call, "query", cx.src))
        else {
            return;
        };
        check_py_sql(call, first, sink, cx, out);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Js,
    Py,
}

/// SQL built by interpolation that reaches a query call (`runner`: the query call of the
/// function `call` calls, when `call` passes the SQL to a function that runs it).
#[allow(clippy::too_many_arguments)]
fn check_built(
    call: Node,
    sql_arg: Node,
    sink: SinkText,
    built: &BuiltSql,
    runner: Option<Node>,
    cx: &TreeContext,
    out: &mut Findings,
    lang: Lang,
) {
    // The cheap question first: is there interpolation into text that reads as SQL?
    if built.holes.is_empty() || sink == SinkText::Statement && !sql::looks_like_sql(&built.text) {
        return;
    }
    let reported = reportable_holes(built, cx, lang);
    let request = reported.iter().find_map(|h| match lang {
        Lang::Js => js_request_source(*h, cx.src),
        Lang::Py => py_request_source(*h, cx.src),
    });
    report(
        Sink {
            call,
            sql_arg,
            sink,
            runner,
        },
        built,
        &reported,
        request,
        cx,
        out,
        lang,
    );
}

/// A function of this module that runs its parameter as SQL (`function runLookup(sql) {
/// return pool.query(sql) }`): each call of it in the module that passes SQL built by
/// interpolation is reported where it passes it.
fn check_js_runner(
    runner: Node,
    sql_param: Node,
    sink: SinkText,
    cx: &TreeContext,
    out: &mut Findings,
) {
    let Some((function, index)) = through::js_runs_parameter(sql_param, cx.src) else {
        return;
    };
    for call in through::js_calls_of(function, cx) {
        let Some(argument) = js::call_arguments(call).get(index).copied() else {
            continue;
        };
        if let Some(built) = sql::js_built(argument, cx) {
            check_built(
                call,
                argument,
                sink,
                &built,
                Some(runner),
                cx,
                out,
                Lang::Js,
            );
        }
    }
}

fn check_py_sql(call: Node, sql_arg: Node, sink: SinkText, cx: &TreeContext, out: &mut Findings) {
    let Some(built) = sql::py_built(sql_arg, cx) else {
        check_py_runner(call, sql_arg, sink, cx, out);
        return;
    };
    check_built(call, sql_arg, sink, &built, None, cx, out, Lang::Py);
}

/// `check_js_runner` for Python (`def run_lookup(sql): return cursor.execute(sql)`).
fn check_py_runner(
    runner: Node,
    sql_param: Node,
    sink: SinkText,
    cx: &TreeContext,
    out: &mut Findings,
) {
    let Some((function, index)) = through::py_runs_parameter(sql_param, cx.src) else {
        return;
    };
    let name = text(py::unwrap(sql_param), cx.src);
    for call in through::py_calls_of(function, cx) {
        let Some(argument) = through::py_argument(call, index, name, cx.src) else {
            continue;
        };
        if let Some(built) = sql::py_built(argument, cx) {
            check_built(
                call,
                argument,
                sink,
                &built,
                Some(runner),
                cx,
                out,
                Lang::Py,
            );
        }
    }
}

/// Where SQL is handed over: the call given the SQL (`sql_arg`), and when that call is of a
/// function of the module that runs its parameter, the query call inside it (`runner`).
struct Sink<'t> {
    call: Node<'t>,
    sql_arg: Node<'t>,
    sink: SinkText,
    runner: Option<Node<'t>>,
}

/// Django `QuerySet.extra(where=[...], select={...}, order_by=[...], tables=[...])`: each
/// string is raw SQL.
fn check_django_extra(call: Node, cx: &TreeContext, out: &mut Findings) {
    for keyword in ["where", "select", "tables", "order_by"] {
        let Some(value) = py::keyword_argument(call, keyword, cx.src) else {
            continue;
        };
        let items: Vec<Node> = match value.kind_name() {
            "list" | "tuple" => crate::lang::tree::named_children(value),
            "dictionary" => crate::lang::tree::named_children(value)
                .into_iter()
                .filter_map(|pair| pair.field("value"))
                .collect(),
            _ => vec![value],
        };
        for item in items {
            check_py_sql(call, item, SinkText::Fragment, cx, out);
        }
    }
}

/// The holes of `built` reported, in order: not safe (a constant, a number, an escaped or
/// checked value), and with positive evidence of an injection (see `sql::evidence`):
/// request input anywhere; a parameter's value where SQL takes a value; any value inside a
/// quoted SQL string. Statements that take no parameters (`SET`, DDL) report request
/// input only.
fn reportable_holes<'t>(built: &BuiltSql<'t>, cx: &TreeContext<'t>, lang: Lang) -> Vec<Node<'t>> {
    let takes_no_parameters = evidence::statement_takes_no_parameters(&built.text);
    built
        .holes
        .iter()
        .zip(&built.hole_offsets)
        .filter(|(hole, offset)| {
            let hole = **hole;
            let safe = match lang {
                Lang::Js => sql::js_hole_is_safe(hole, cx),
                Lang::Py => sql::py_hole_is_safe(hole, cx),
            };
            if safe {
                return false;
            }
            let from_request = match lang {
                Lang::Js => js_request_source(hole, cx.src).is_some(),
                Lang::Py => py_request_source(hole, cx.src).is_some(),
            };
            // A clause built by a function of another module from request input
            // (`${filterStatement}` where `filterStatement = buildFilters(req.query)`): the
            // values were bound or escaped where the fragment was built, and that module is
            // checked on its own.
            let built_elsewhere = from_request
                && evidence::stands_as_clause(&built.text, **offset)
                && match lang {
                    Lang::Js => js_fragment_built_elsewhere(hole, cx),
                    Lang::Py => py_fragment_built_elsewhere(hole, cx),
                };
            if from_request && !built_elsewhere {
                return true;
            }
            if takes_no_parameters {
                return false;
            }
            match evidence::slot_of(&built.text, **offset) {
                Slot::Quoted if escaped_by_backslash_only(hole, cx, lang) => true,
                Slot::Quoted | Slot::Value => match lang {
                    Lang::Js => evidence::js_outside_source(hole, cx).is_some(),
                    Lang::Py => evidence::py_outside_source(hole, cx).is_some(),
                },
                Slot::Other => false,
            }
        })
        .map(|(hole, _)| *hole)
        .collect()
}

/// `text.replace("'", "\\'")` for a quoted SQL string: quotes escaped with a backslash
/// while backslashes are left alone: a value holding `\'` becomes `\\'`, whose added
/// backslash is escaped itself, and the quote closes the string (a database reading standard
/// strings takes the backslash literally anyway). The program treats the value as arbitrary text, wherever it comes
/// from: the hole itself or a value its name is bound to.
fn escaped_by_backslash_only(hole: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let hole = match lang {
        Lang::Js => unwrap_expression(hole),
        Lang::Py => py::unwrap(hole),
    };
    let mut values = vec![hole];
    if hole.kind_name() == "identifier" {
        let name = text(hole, src);
        match lang {
            Lang::Js => values.extend(
                js::visible_bindings(hole, name, cx.root, src)
                    .iter()
                    .map(|b| b.value),
            ),
            Lang::Py => values.extend(
                py::visible_bindings(hole, name, cx.root, src)
                    .iter()
                    .map(|b| b.value),
            ),
        }
    }
    values
        .into_iter()
        .any(|v| backslash_quote_replace(v, src, lang))
}

/// A `replace` call that puts a backslash before each single quote of a value whose
/// backslashes were not escaped first.
fn backslash_quote_replace(value: Node, src: &str, lang: Lang) -> bool {
    let (method, arguments, object) = match lang {
        Lang::Js => {
            let v = unwrap_expression(value);
            if v.kind_name() != "call_expression" {
                return false;
            }
            (
                js::callee_name(v, src),
                js::call_arguments(v),
                js::callee_object(v),
            )
        }
        Lang::Py => {
            let v = py::unwrap(value);
            if v.kind_name() != "call" {
                return false;
            }
            (
                py::callee_name(v, src),
                py::positional_arguments(v),
                py::callee_object(v),
            )
        }
    };
    if !matches!(method, Some("replace" | "replaceAll")) {
        return false;
    }
    let [pattern, replacement, ..] = arguments.as_slice() else {
        return false;
    };
    // The text between a string's quotes, as written (escapes not decoded).
    let inner = |n: Node| -> String {
        let t = text(n, src).trim_start_matches(['r', 'R', 'b', 'B', 'u', 'U']);
        let mut chars = t.chars();
        match (chars.next(), chars.next_back()) {
            (Some(open), Some(close)) if open == close && matches!(open, '"' | '\'' | '`') => {
                chars.collect()
            }
            _ => String::new(),
        }
    };
    let finds_quote = inner(*pattern) == "'" || text(*pattern, src).starts_with("/'/");
    let raw = text(*replacement, src).starts_with(['r', 'R']);
    // `"\\'"` is a backslash and a quote; so is the raw `r"\'"`.
    let adds_backslash = match inner(*replacement).as_str() {
        r"\\'" => true,
        r"\'" => raw,
        _ => false,
    };
    // `s.replace("\\", "\\\\").replace("'", "\\'")` escapes the backslashes first.
    let backslashes_escaped = object.is_some_and(|o| {
        let o = text(o, src);
        o.contains(".replace") && o.contains(r"\\\\")
    });
    finds_quote && adds_backslash && !backslashes_escaped
}

/// How many bindings of a fragment's name are read.
const MAX_FRAGMENT_BINDINGS: usize = 8;

/// True when every value the hole can hold is text a function imported from another module
/// returns (`getFilterStatement(filters)`, `filters ? buildWhere(filters) : ''`,
/// `timeStatement || ''`) or a literal, directly or through a local name.
fn js_fragment_built_elsewhere(hole: Node, cx: &TreeContext) -> bool {
    let src = cx.src;
    let mut todo = vec![(hole, 0usize)];
    let mut calls = 0;
    while let Some((node, steps)) = todo.pop() {
        let node = unwrap_expression(node);
        match node.kind_name() {
            "string" | "template_string" if js::is_literal(node) => {}
            "await_expression" => match node.named_child(0) {
                Some(inner) => todo.push((inner, steps)),
                None => return false,
            },
            "ternary_expression" => {
                let (Some(a), Some(b)) = (node.field("consequence"), node.field("alternative"))
                else {
                    return false;
                };
                todo.push((a, steps));
                todo.push((b, steps));
            }
            "binary_expression"
                if matches!(
                    node.field("operator").map(|o| text(o, src)),
                    Some("||" | "??")
                ) =>
            {
                let (Some(a), Some(b)) = (node.field("left"), node.field("right")) else {
                    return false;
                };
                todo.push((a, steps));
                todo.push((b, steps));
            }
            "identifier" if steps < 4 => {
                let bindings = js::visible_bindings(node, text(node, src), cx.root, src);
                if bindings.is_empty()
                    || bindings.len() > MAX_FRAGMENT_BINDINGS
                    || bindings.iter().any(|b| {
                        !matches!(b.kind, js::BindingKind::Const | js::BindingKind::Assign)
                    })
                {
                    return false;
                }
                todo.extend(bindings.iter().map(|b| (b.value, steps + 1)));
            }
            "call_expression" => {
                let Some(callee) = js::callee(node).map(unwrap_expression) else {
                    return false;
                };
                let module_name = match callee.kind_name() {
                    "identifier" => callee,
                    // `filters.build(...)` on an imported module object.
                    "member_expression" => match callee.field("object").map(unwrap_expression) {
                        Some(object) if object.kind_name() == "identifier" => object,
                        _ => return false,
                    },
                    _ => return false,
                };
                if !js_is_imported(cx.root, text(module_name, src), src) {
                    return false;
                }
                calls += 1;
            }
            _ => return false,
        }
    }
    calls > 0
}

/// True when `name` is bound at the top of the module by an `import` or a `require(...)`.
fn js_is_imported(root: Node, name: &str, src: &str) -> bool {
    crate::lang::tree::named_children(root)
        .into_iter()
        .any(|statement| {
            let requires = || {
                descendants(statement).any(|n| {
                    n.kind_name() == "call_expression"
                        && js::callee(n).is_some_and(|c| text(c, src) == "require")
                })
            };
            let names_it = || {
                descendants(statement).any(|n| {
                    matches!(
                        n.kind_name(),
                        "identifier" | "shorthand_property_identifier_pattern"
                    ) && text(n, src) == name
                })
            };
            match statement.kind_name() {
                "import_statement" => names_it(),
                "lexical_declaration" | "variable_declaration" => requires() && names_it(),
                _ => false,
            }
        })
}

/// `js_fragment_built_elsewhere` for Python: a function of an imported module
/// (`from .filters import build_where`, `filters.build_where(...)`).
fn py_fragment_built_elsewhere(hole: Node, cx: &TreeContext) -> bool {
    let src = cx.src;
    let mut todo = vec![(hole, 0usize)];
    let mut calls = 0;
    while let Some((node, steps)) = todo.pop() {
        let node = py::unwrap(node);
        match node.kind_name() {
            "string" if py::is_literal(node) => {}
            "await" => match node.named_child(0) {
                Some(inner) => todo.push((inner, steps)),
                None => return false,
            },
            "conditional_expression" => {
                let (Some(a), Some(b)) = (node.named_child(0), node.named_child(2)) else {
                    return false;
                };
                todo.push((a, steps));
                todo.push((b, steps));
            }
            "boolean_operator" if node.field("operator").is_some_and(|o| text(o, src) == "or") => {
                let (Some(a), Some(b)) = (node.field("left"), node.field("right")) else {
                    return false;
                };
                todo.push((a, steps));
                todo.push((b, steps));
            }
            "identifier" if steps < 4 => {
                let bindings = py::visible_bindings(node, text(node, src), cx.root, src);
                if bindings.is_empty()
                    || bindings.len() > MAX_FRAGMENT_BINDINGS
                    || bindings.iter().any(|b| b.append)
                {
                    return false;
                }
                todo.extend(bindings.iter().map(|b| (b.value, steps + 1)));
            }
            "call" => {
                let Some(function) = node.field("function") else {
                    return false;
                };
                let module_name = match function.kind_name() {
                    "identifier" => function,
                    "attribute" => match function.field("object") {
                        Some(object) if object.kind_name() == "identifier" => object,
                        _ => return false,
                    },
                    _ => return false,
                };
                if !py_is_imported(cx.root, text(module_name, src), src) {
                    return false;
                }
                calls += 1;
            }
            _ => return false,
        }
    }
    calls > 0
}

/// True when `name` is bound by a top-level `import` / `from ... import` of the module.
fn py_is_imported(root: Node, name: &str, src: &str) -> bool {
    crate::lang::tree::named_children(root).into_iter().any(|statement| {
        matches!(
            statement.kind_name(),
            "import_statement" | "import_from_statement"
        ) && descendants(statement).any(|n| {
            n.kind_name() == "identifier"
                && text(n, src) == name
                // `from pkg import name` names `pkg` too: only the bound names count.
                && statement
                    .field("module_name")
                    .is_none_or(|m| !(m.start_byte() <= n.start_byte() && n.end_byte() <= m.end_byte()))
                // `import a as b` binds `b`, not `a`.
                && n.parent().is_none_or(|p| {
                    p.kind_name() != "aliased_import"
                        || p.field("alias").is_some_and(|a| a.id() == n.id())
                })
        })
    })
}

fn report(
    at: Sink,
    built: &BuiltSql,
    reported_holes: &[Node],
    request: Option<&str>,
    cx: &TreeContext,
    out: &mut Findings,
    lang: Lang,
) {
    let Sink {
        call,
        sql_arg,
        sink,
        runner,
    } = at;
    let Some(first_hole) = reported_holes.first() else {
        return;
    };
    if sink == SinkText::Statement && !sql::looks_like_sql(&built.text) {
        return;
    }
    let callee_of = |call: Node| {
        let callee_node = match lang {
            Lang::Js => js::callee(call),
            Lang::Py => call.field("function"),
        };
        shorten(callee_node.map_or("the query call", |f| text(f, cx.src)))
    };
    let callee = match runner {
        Some(runner) => format!("{}` through `{}", callee_of(runner), callee_of(call)),
        None => callee_of(call),
    };
    let message = match request {
        Some(input) => format!(
            "SQL built from request input `{}` reaches `{callee}`",
            shorten(input)
        ),
        None => format!(
            "SQL built by string interpolation of `{}` reaches `{callee}`",
            shorten(text(*first_hole, cx.src))
        ),
    };
    let first_offset = built
        .holes
        .iter()
        .position(|h| h.id() == first_hole.id())
        .and_then(|at| built.hole_offsets.get(at));
    let help = if first_offset.is_some_and(|at| sql::names_an_identifier(&built.text, *at)) {
        "a table or column name (or a sort direction) cannot be a parameter: pick it from a fixed allow-list (`const column = SORTABLE.includes(sort) ? sort : 'created_at'`, `if sort not in SORTABLE: raise ...`, `dir === 'desc' ? 'DESC' : 'ASC'`) or quote it with the driver's identifier escaping (`escapeId`, pg-format `%I`, `psycopg.sql.Identifier`)"
    } else {
        match lang {
            Lang::Js => {
                "pass values as parameters, not as text: `db.query('SELECT … WHERE id = ?', [id])` (`$1` for pg, `:id` with replacements for Sequelize); the driver keeps them out of the SQL"
            }
            Lang::Py => {
                "pass values as parameters, not as text: `cursor.execute(\"SELECT … WHERE id = %s\", (id,))`, or `text(\"… WHERE id = :id\")` with a dict; the driver keeps them out of the SQL"
            }
        }
    };
    let mut report = out.report(call.byte_range(), message).help(help);
    for site in built.sites.iter().take(2) {
        if site.byte_range() != sql_arg.byte_range() {
            report = report.label(site.byte_range(), "SQL built here");
        }
    }
    report = report.label(
        first_hole.byte_range(),
        if request.is_some() {
            "request input interpolated here"
        } else {
            "interpolated here"
        },
    );
    if let Some(runner) = runner {
        report = report.label(runner.byte_range(), "the function runs it as SQL here");
    }
    // Values passed to another function's SQL are not rewritten: its call takes no values.
    let rewrite = match lang {
        _ if runner.is_some() || built.across_functions => None,
        Lang::Js => parameterize::js_rewrite(call, sql_arg, reported_holes, cx.src),
        Lang::Py => parameterize::py_rewrite(call, sql_arg, reported_holes, cx.src),
    };
    if let Some(rewrite) = rewrite {
        report = report.fix(Fix::edits_in(
            Applicability::Unsafe,
            format!(
                "pass the interpolated values as parameters ({})",
                rewrite.style.describe()
            ),
            None,
            rewrite.edits,
        ));
    }
    if request.is_none() {
        let _ = report.downgrade_to(Severity::Warning);
    }
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}
