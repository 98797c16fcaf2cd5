//! sql-interpolation: SQL text built by interpolation reaches a query call.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::diagnostic::{Applicability, Findings, Fix, Severity};
use crate::lang::tree::text;
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
            if from_request {
                return true;
            }
            if takes_no_parameters {
                return false;
            }
            match evidence::slot_of(&built.text, **offset) {
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
