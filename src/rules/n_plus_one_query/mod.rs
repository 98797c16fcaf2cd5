//! n-plus-one-query: a database query run once per iteration of a loop, and Django
//! related-field access in a loop over a queryset that did not load the relation.

mod callers;
mod file_work;
mod fixed_sets;
mod labels;
mod loops;
mod new_object;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use crate::lang::tree::{FieldExt, KindExt};
use regex::bytes::Regex;

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::lang::tree::{ancestors, descendants, root_of, text, unwrap_expression};
use crate::lang::{js, js_scan, py, py_lines};
use crate::rules::shared::db::{self, DbApi};

use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::summaries::{CallQuestions, FoundQuery};
use crate::rules::{Prescan, Rule, TreeContext};
use crate::util::{RangeSet, identifier_words};
use loops::{Loop, LoopKind};

pub struct NPlusOneQuery;

impl Rule for NPlusOneQuery {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[
            &[
                "for", "while", "map(", "forEach", "filter(", "reduce(", "some(", "every(",
                "find(", "each", "pMap",
            ],
            &[
                "query",
                "execute",
                "find",
                "objects",
                "count",
                "create",
                "update",
                "delete",
                "destroy",
                "insert",
                "upsert",
                "aggregate",
                "session",
                "knex",
                "$",
                "sql",
                "fetch",
                "get",
                "save",
                "all",
                "one",
                "run",
            ],
        ]
    }

    fn facts(&self) -> &'static [Fact] {
        &[Fact::Summaries]
    }

    fn call_questions(&self) -> Option<&'static CallQuestions> {
        Some(&SUMMARY_QUESTIONS)
    }

    /// A call made per row of a loop to a project function that runs a query (in the same
    /// file or another module, directly or through further calls).
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        // A finding is at a loop's call, labelled where the query runs: with neither in a
        // reported file, the summaries are not linked at all.
        let query_reported =
            cx.reports_summaries_where(|s| s.functions.iter().any(|f| f.query.is_some()));
        if !query_reported && !cx.reports_summaries_where(|s| !s.loop_calls.is_empty()) {
            return;
        }
        let model = cx.summaries();
        let files = &cx.project.files;
        // Only code a request runs (`SummaryModel::query_loops`): a loop in a job, an
        // import or a command that calls a helper is left to the per-call findings.
        for found in model.query_loops() {
            // Summaries are read only where a finding may be reported.
            if !(cx.reports(found.file) || cx.reports(found.query_in.0)) {
                continue;
            }
            let Some(file) = files.get(found.file) else {
                continue;
            };
            let Some(call) = file
                .facts
                .file_summaries()
                .and_then(|s| s.loop_calls.get(found.call))
            else {
                continue;
            };
            let (target, Some(via)) = (found.target, model.loop_query(found)) else {
                continue;
            };
            let Some(query_file) = model.file(via.function) else {
                continue;
            };
            let through = if via.function == target {
                String::new()
            } else {
                format!(" (through `{}`)", model.function_name(via.function))
            };
            out.report_in(
                Some(file.display.clone()),
                call.range.clone(),
                format!(
                    "`{}` runs a query{through} once per loop iteration: N+1 queries for N rows",
                    first_line(&call.callee)
                ),
            )
            .label(call.head.clone(), call.label.clone())
            .label_in(
                query_file.display.clone(),
                via.query.range.clone(),
                format!(
                    "this call runs a query ({}:{})",
                    query_file.display, via.query.line
                ),
            )
            .help(
                "fetch the rows for every item in one query before the loop (a helper taking all ids, `WHERE id IN (...)`), then match them up in memory",
            );
        }
    }

    fn may_match(&self, file: &Prescan) -> bool {
        if file.is_py() {
            py_may_query_in_loop(file.bytes)
        } else {
            js_may_query_in_loop(file)
        }
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let query = db::js_query_call(call, src);
        // The shapes that need the loop (and declarations) to decide are asked only when
        // their cheap syntactic part holds.
        let declares_handle = || {
            cx.text_fact("declares a database handle", |s| {
                db::js_typed_handle_text().is_none_or(|re| re.is_match(s.as_bytes()))
            })
        };
        let typed = query.is_none() && db::js_may_call_typed_handle(call, src) && declares_handle();
        let getter = query.is_none()
            && association_getter(call, src).is_some()
            && cx.text_fact("calls a Sequelize finder", |s| {
                SEQUELIZE_FINDER_TEXT
                    .as_ref()
                    .is_none_or(|re| re.is_match(s.as_bytes()))
            });
        if query.is_none() && !typed && !getter {
            return;
        }
        let Some(lp) = loops::js_enclosing_loop(call, src) else {
            return;
        };
        if getter {
            if runs_association_getter(call, &lp, cx) {
                report_query(call, js::callee(call), DbApi::Sequelize, &lp, src, out);
            }
            return;
        }
        let Some(query) = query.or_else(|| db::js_typed_query_call(call, src)) else {
            return;
        };
        if !runs_per_iteration(call, &lp, src, Lang::Js)
            || js_builds_without_running(query.method_call, query.api, cx)
            || !js_receiver_may_be_model(query.method_call, query.api, src)
            || js_no_database_behind(query.method_call, query.api, cx)
            || js_result_read_as_a_value(call, src)
            || not_a_row_query(query.method_call, query.api, &lp, cx, Lang::Js)
            || runs_off_the_row_path(call, &lp, src, Lang::Js)
            || file_work::moves_files_per_item(call, query.method_call, &lp, cx, Lang::Js)
            || file_work::heavy_work_per_item(call, &lp, cx, Lang::Js)
            || (query.api == DbApi::SqlDriver && opens_scratch_sqlite(cx))
        {
            return;
        }
        // `this.books.findOne(...)` reads like MongoDB by its method; the receiver's
        // declaration (`Repository<Book>`) tells the library.
        let query = match query.api {
            DbApi::Mongo | DbApi::Model
                if db::js_may_call_typed_handle(call, src) && declares_handle() =>
            {
                db::js_typed_query_call(call, src).unwrap_or(query)
            }
            _ => query,
        };
        report_query(
            call,
            js::callee(query.method_call),
            query.api,
            &lp,
            src,
            out,
        );
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call", "for_statement", "for_in_clause"]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        match node.kind_name() {
            "call" => {
                let Some(query) = db::py_query_call(node, cx) else {
                    return;
                };
                let Some(lp) = loops::py_enclosing_loop(node, src) else {
                    return;
                };
                if !runs_per_iteration(node, &lp, src, Lang::Py)
                    || not_a_row_query(query.method_call, query.api, &lp, cx, Lang::Py)
                    || py_lazy_subquery(node, &lp, src)
                    || runs_off_the_row_path(node, &lp, src, Lang::Py)
                    || file_work::moves_files_per_item(node, query.method_call, &lp, cx, Lang::Py)
                    || file_work::saves_a_new_file_per_item(query.method_call, &lp, src, Lang::Py)
                    || file_work::heavy_work_per_item(node, &lp, cx, Lang::Py)
                    || (query.api == DbApi::DbApi && opens_scratch_sqlite(cx))
                    || py_combined_lazily(node, src)
                    || py_rereads_its_own_row(node, &lp, src)
                    || py_own_method_of_plain_class(query.method_call, src)
                {
                    return;
                }
                report_query(
                    node,
                    query.method_call.field("function"),
                    query.api,
                    &lp,
                    src,
                    out,
                );
            }
            "for_statement" => {
                let (Some(target), Some(iterable), Some(body)) =
                    (node.field("left"), node.field("right"), node.field("body"))
                else {
                    return;
                };
                let head = node.start_byte()..body.start_byte();
                check_django_related(node, target, iterable, &[body], head, cx, out);
            }
            "for_in_clause" => {
                let Some(comp) = node.parent() else { return };
                // Only the first clause: its iterable is the queryset.
                let mut cursor = comp.walk();
                let first = comp
                    .named_children(&mut cursor)
                    .find(|c| c.kind_name() == "for_in_clause");
                if first.map(|f| f.id()) != Some(node.id()) {
                    return;
                }
                let (Some(target), Some(iterable)) = (node.field("left"), node.field("right"))
                else {
                    return;
                };
                let mut cursor = comp.walk();
                let parts: Vec<Node> = comp
                    .named_children(&mut cursor)
                    .filter(|c| c.id() != node.id())
                    .collect();
                check_django_related(comp, target, iterable, &parts, node.byte_range(), cx, out);
            }
            _ => {}
        }
    }
}

/// True when the module runs its SQL on a scratch SQLite database of its own (see
/// [`db::opens_scratch_sqlite`]): a statement is a call within the process, with no round
/// trip to a database server for a batch to save.
fn opens_scratch_sqlite(cx: &TreeContext) -> bool {
    cx.text_fact("opens a scratch SQLite database", db::opens_scratch_sqlite)
}

/// The questions the function summaries ask of each call (`facts::summaries`).
static SUMMARY_QUESTIONS: CallQuestions = CallQuestions {
    query: summary_query,
    per_row: summary_per_row,
    per_element: summary_per_element,
    may_query: summary_may_query,
};

/// Whether a file's text may hold a query call `summary_query` answers: a query shape
/// (`db::js_query_text`, `db::py_query_text`), or a file declaring a database handle.
fn summary_may_query(src: &[u8], python: bool) -> bool {
    let shapes = if python {
        db::py_query_text()
    } else {
        db::js_query_text()
    };
    let matches = |re: Option<&Regex>| re.is_none_or(|re| re.is_match(src));
    matches(shapes) || (!python && matches(db::js_typed_handle_text()))
}

/// An anonymous function run once per element: an iteration callback (`rows.map(...)`,
/// `async.each(rows, ...)`) or a lambda given to Python's `map`.
fn summary_per_element<'t>(function: Node<'t>, cx: &TreeContext<'t>) -> bool {
    if function.kind_name() == "lambda" {
        loops::py_map_lambda(function, cx.src).is_some()
    } else {
        loops::js_callback_loop(function, cx.src).is_some()
    }
}

/// The query a call runs, as this rule sees it in a loop: not DDL or an administrative
/// statement.
fn summary_query<'t>(call: Node<'t>, cx: &TreeContext<'t>) -> Option<FoundQuery> {
    let src = cx.src;
    let found = |method_call: Node<'t>, callee: Node<'t>, api: DbApi, lang: Lang| {
        let args = match lang {
            Lang::Js => js::call_arguments(method_call),
            Lang::Py => py::positional_arguments(method_call),
        };
        let first = args.first().map(|a| unwrap_expression(*a));
        // `A.findFirst((p) => ...)` searches an array: queries take objects and statements.
        if first.is_some_and(|f| js::is_function(f) || f.kind_name() == "lambda") {
            return None;
        }
        let leading = first.map_or("", |f| statement_text(f, src));
        let word: String = leading
            .trim_start_matches(|c: char| c.is_whitespace() || c == '(')
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        if ADMIN_KEYWORDS.contains(&word.as_str()) {
            return None;
        }
        Some(FoundQuery {
            callee: first_line(text(callee, src)),
            statement_name: first
                .filter(|f| f.kind_name() == "identifier")
                .filter(|_| {
                    matches!(
                        api,
                        DbApi::SqlDriver | DbApi::DbApi | DbApi::SqlAlchemy | DbApi::Knex
                    )
                })
                .map(|f| text(f, src).to_string()),
        })
    };
    if call.kind_name() == "call" {
        let query = db::py_query_call(call, cx)?;
        let callee = query.method_call.field("function")?;
        return found(query.method_call, callee, query.api, Lang::Py);
    }
    let query = db::js_query_call(call, src).or_else(|| {
        if !db::js_may_call_typed_handle(call, src)
            || !cx.text_fact("declares a database handle", |s| {
                db::js_typed_handle_text().is_none_or(|re| re.is_match(s.as_bytes()))
            })
        {
            return None;
        }
        db::js_typed_query_call(call, src)
    })?;
    if js_builds_without_running(query.method_call, query.api, cx)
        || !js_receiver_may_be_model(query.method_call, query.api, src)
    {
        return None;
    }
    let callee = js::callee(query.method_call)?;
    found(query.method_call, callee, query.api, Lang::Js)
}

/// The loop a call (not itself a query) runs in once per row, with a value that changes per
/// row: header and label.
fn summary_per_row<'t>(
    call: Node<'t>,
    cx: &TreeContext<'t>,
) -> Option<(std::ops::Range<usize>, String)> {
    let src = cx.src;
    let (lang, lp) = if call.kind_name() == "call" {
        (Lang::Py, loops::py_enclosing_loop(call, src)?)
    } else {
        if association_getter(call, src).is_some() || db::js_may_call_typed_handle(call, src) {
            return None;
        }
        (Lang::Js, loops::js_enclosing_loop(call, src)?)
    };
    // What the loop iterates is judged once for all the calls in it.
    let iterates_rows = |iterable: Node<'t>| {
        cx.node_fact("iterates rows", iterable, || {
            !iterates_a_fixed_collection(iterable, cx, lang)
        })
    };
    if !runs_per_iteration(call, &lp, src, lang)
        || lp
            .iterable
            .or_else(|| fixed_sets::counted_collection(&lp, src))
            .is_some_and(|i| !iterates_rows(i))
        || loop_is_not_per_row(&lp, cx, lang)
        || runs_off_the_row_path(call, &lp, src, lang)
        || file_work::saves_a_new_file_per_item(call, &lp, src, lang)
    {
        return None;
    }
    Some((lp.head.clone(), lp.label.clone()))
}

/// Without a parse: could a JavaScript/TypeScript file run a query inside a loop? A query
/// shape must lie inside a loop statement or the arguments of an iteration call.
fn js_may_query_in_loop(file: &Prescan) -> bool {
    let src = file.bytes;
    let Some(re) = db::js_query_text() else {
        return true;
    };
    let Some(regions) = file
        .js_brackets()
        .and_then(|scan| js_scan::loop_regions(src, scan, &receiver_names_a_batch))
        .map(RangeSet::new)
    else {
        // The scanner could not read the file: any query shape may be in a loop.
        let whole = RangeSet::new(std::iter::once(0..src.len()).collect());
        return re.is_match(src) || js_may_query_outside_shapes(src, &whole);
    };
    // A query call inside a loop lies wholly inside the loop's region: only the regions are
    // searched.
    regions.any_match_inside(re, src) || js_may_query_outside_shapes(src, &regions)
}

/// Calls recognised by what their receiver was declared as, or by where the iterated rows
/// came from: the declaration or the finder lies outside the loop, the call in `regions`.
fn js_may_query_outside_shapes(src: &[u8], regions: &RangeSet) -> bool {
    let matches = |re: Option<&Regex>| re.is_none_or(|r| r.is_match(src));
    let inside = |re: Option<&Regex>| re.is_none_or(|r| regions.any_match_inside(r, src));
    (matches(db::js_typed_handle_text()) && inside(db::js_handle_method_text()))
        || (matches(SEQUELIZE_FINDER_TEXT.as_ref()) && inside(ASSOCIATION_GETTER_TEXT.as_ref()))
}

/// `.getOrders(`, `.countOrders(`: Sequelize association accessors.
static ASSOCIATION_GETTER_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"\.\s*(?:get|count|has)[A-Z]\w*\s*\("));

/// `findAll` / `findAndCountAll`: where the rows of a Sequelize loop come from.
static SEQUELIZE_FINDER_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"\bfind(?:All|AndCountAll)\b"));

/// Sequelize's generated association accessors: `getOrders`, `countOrders`, `hasOrders`
/// (`get`/`count`/`has` and a PascalCase name), called on a plain name. Returns the name.
fn association_getter<'s>(call: Node, src: &'s str) -> Option<&'s str> {
    let callee = js::callee(call).filter(|c| c.kind_name() == "member_expression")?;
    let object = unwrap_expression(callee.field("object")?);
    if object.kind_name() != "identifier" {
        return None;
    }
    let name = js::callee_name(call, src)?;
    let rest = ["get", "count", "has"]
        .iter()
        .find_map(|p| name.strip_prefix(p))?;
    let first_upper = rest.starts_with(|c: char| c.is_ascii_uppercase());
    let word = rest.chars().all(|c| c.is_ascii_alphanumeric());
    // Model instance methods that read the row in memory.
    let in_memory = matches!(
        name,
        "getDataValue" | "getPrimaryKey" | "getTableName" | "getAttributes" | "getChanges"
    );
    (first_upper && word && !in_memory).then_some(rest)
}

/// True when the last word of a PascalCase name is a plural (`Orders`, `Categories`), as
/// in the accessors of `hasMany` / `belongsToMany`; `Status`, `Address`, `Analysis` are not.
pub(super) fn is_plural(name: &str) -> bool {
    let last = identifier_words(name).pop().unwrap_or_default();
    last.len() > 2 && last.ends_with('s') && !["ss", "us", "is"].iter().any(|e| last.ends_with(e))
}

/// `for (const user of users) { await user.getOrders() }` where `users` came from a
/// Sequelize finder (`findAll`, `findAndCountAll`) in the same function: one query per row.
/// The accessor must be a plural one (`hasMany` / `belongsToMany`), or a singular one whose
/// association (`belongsTo(Author)`, `as: 'author'`) this file declares, and its promise
/// must be used (awaited, returned, chained) rather than a synchronous instance method's
/// value.
fn runs_association_getter(call: Node, lp: &Loop, cx: &TreeContext) -> bool {
    let src = cx.src;
    let Some(rest) = association_getter(call, src) else {
        return false;
    };
    if !matches!(lp.kind, LoopKind::ForEach | LoopKind::Callback) {
        return false;
    }
    let Some(receiver) = js::callee_object(call).map(unwrap_expression) else {
        return false;
    };
    if !lp.variables.iter().any(|v| v == text(receiver, src)) {
        return false;
    }
    let Some(iterable) = lp.iterable else {
        return false;
    };
    if lp
        .variables
        .iter()
        .chain(std::iter::once(&text(iterable, src).to_string()))
        .any(|v| names_a_batch(v))
    {
        return false;
    }
    promise_is_used(call)
        && from_sequelize_finder(iterable, lp.node, src)
        && (is_plural(rest) || declares_association(src, rest))
}

/// The file declares a singular association named `name`: `belongsTo(Author` / `hasOne(Author`,
/// or an alias `as: 'author'`.
fn declares_association(src: &str, name: &str) -> bool {
    let mut lower = name.to_string();
    if let Some(first) = lower.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    ["belongsTo(", "hasOne("].iter().any(|m| {
        src.match_indices(m).any(|(at, _)| {
            src[at + m.len()..]
                .trim_start()
                .strip_prefix(name)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
    }) || [format!("as: '{lower}'"), format!("as: \"{lower}\"")]
        .iter()
        .any(|a| src.contains(a.as_str()))
}

/// The call's promise is awaited, returned (from an arrow body too) or chained with `.then`.
fn promise_is_used(call: Node) -> bool {
    let mut node = call;
    for _ in 0..6 {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind_name() {
            "await_expression" | "return_statement" | "arrow_function" => return true,
            "member_expression" => {
                return parent
                    .parent()
                    .is_some_and(|p| p.kind_name() == "call_expression");
            }
            "parenthesized_expression" | "as_expression" | "non_null_expression" => {
                node = parent;
            }
            _ => return false,
        }
    }
    false
}

/// Methods of a promise or of a query builder: reading one does not say the call returned
/// a plain value.
const PROMISE_OR_BUILDER_METHODS: &[&str] = &[
    "then",
    "catch",
    "finally",
    "exec",
    "lean",
    "populate",
    "sort",
    "limit",
    "skip",
    "select",
    "where",
    "orFail",
    "session",
    "cursor",
    "countDocuments",
    "toArray",
    "first",
];

/// True when, in an async function, the call's result is bound without `await` and then read
/// as a value (`const table = Table.findOne({ id }); await table!.getRows()`,
/// `const entity = Repo.create({...}); await entity.save()`): the call returned the object
/// itself (a cached read, an entity built in memory), not a promise of a query.
fn js_result_read_as_a_value(call: Node, src: &str) -> bool {
    let mut node = call;
    let mut declarator = None;
    for _ in 0..4 {
        let Some(parent) = node.parent() else { break };
        match parent.kind_name() {
            "parenthesized_expression" | "as_expression" | "non_null_expression" => node = parent,
            "variable_declarator" => {
                declarator = Some(parent);
                break;
            }
            _ => break,
        }
    }
    let Some(name) = declarator
        .and_then(|d| d.field("name"))
        .filter(|n| n.kind_name() == "identifier")
        .map(|n| text(n, src))
    else {
        return false;
    };
    let Some(function) = js::enclosing_function(call) else {
        return false;
    };
    let mut cursor = function.walk();
    let is_async = function
        .children(&mut cursor)
        .any(|c| c.kind_name() == "async");
    if !is_async {
        return false;
    }
    let names_it = |n: Node| {
        let n = unwrap_expression(n);
        let n = if n.kind_name() == "non_null_expression" {
            n.named_child(0).unwrap_or(n)
        } else {
            n
        };
        n.kind_name() == "identifier" && text(n, src) == name
    };
    let mut read_as_value = false;
    for n in descendants(function).filter(|n| n.start_byte() >= call.end_byte()) {
        match n.kind_name() {
            "await_expression" if n.named_child(0).is_some_and(names_it) => return false,
            "member_expression" if n.field("object").is_some_and(names_it) => {
                let property = n.field("property").map(|p| text(p, src)).unwrap_or("");
                if PROMISE_OR_BUILDER_METHODS.contains(&property) {
                    return false;
                }
                read_as_value = true;
            }
            _ => {}
        }
    }
    read_as_value
}

/// The iterated rows come from `Model.findAll(...)` / `findAndCountAll(...)`: directly, or
/// through a name (or its `.rows`) bound to one earlier in the same function.
fn from_sequelize_finder(iterable: Node, loop_node: Node, src: &str) -> bool {
    let iterable = loops::js_strip_await(iterable);
    let (name, rows_of) = match iterable.kind_name() {
        "call_expression" => return is_finder_call(iterable, src),
        "identifier" => (text(iterable, src), false),
        "member_expression" => {
            let object = iterable.field("object").map(unwrap_expression);
            let property = iterable.field("property").map(|p| text(p, src));
            match (object, property) {
                (Some(o), Some("rows")) if o.kind_name() == "identifier" => (text(o, src), true),
                _ => return false,
            }
        }
        _ => return false,
    };
    let scope = js::enclosing_function(loop_node).unwrap_or_else(|| root_of(loop_node));
    let bindings = js::bindings_of(scope, name, src, loop_node.start_byte());
    let Some(last) = bindings.last() else {
        return false;
    };
    let value = loops::js_strip_await(last.value);
    if !is_finder_call(value, src) {
        return false;
    }
    // `rows` of `findAndCountAll`, or the array `findAll` resolves to.
    let finder = js::callee_name(value, src);
    match (rows_of, last.kind) {
        (true, _) => finder == Some("findAndCountAll"),
        (false, js::BindingKind::Destructure) => finder == Some("findAndCountAll"),
        (false, _) => finder == Some("findAll"),
    }
}

/// `User.findAll(...)` / `Post.findAndCountAll(...)`.
fn is_finder_call(node: Node, src: &str) -> bool {
    node.kind_name() == "call_expression"
        && js::callee(node).is_some_and(|c| c.kind_name() == "member_expression")
        && js::callee_name(node, src).is_some_and(|n| matches!(n, "findAll" | "findAndCountAll"))
}

/// Without a parse: could a Python file run a query inside a loop, or loop over a Django
/// queryset? A query shape must lie inside a loop body, comprehension or lambda, or a loop
/// must iterate text naming `objects` (directly or through a name assigned from it).
fn py_may_query_in_loop(src: &[u8]) -> bool {
    let Some(re) = db::py_query_text() else {
        return true;
    };
    // No query shape anywhere: nothing to find in loops either (and reading the text for one
    // costs less than splitting it into lines).
    if !re.is_match(src) {
        return false;
    }
    let Some(lines) = py_lines::logical_lines(src) else {
        return true;
    };
    let regions = RangeSet::new(py_lines::loop_regions(src, &lines));
    if regions.any_match_inside(re, src) {
        return true;
    }
    // Django related rows: `for o in Order.objects...` or `for o in orders` where `orders`
    // was assigned a queryset (and the file has some query shape).
    let mentions_objects = |text: &[u8]| text.windows(7).any(|w| w == b"objects");
    let mut iterated: Vec<&[u8]> = Vec::new();
    for line in &lines {
        let text = &src[line.range.clone()];
        let header = py_lines::loop_keyword(text) == Some(py_lines::LoopKeyword::For);
        if !header && !line.comprehension {
            continue;
        }
        if mentions_objects(text) {
            return true;
        }
        iterated.extend(words_after_in(text));
    }
    let iterated: std::collections::HashSet<&[u8]> = iterated.into_iter().collect();
    lines.iter().any(|line| {
        let text = &src[line.range.clone()];
        let first = py_lines::first_word(text);
        iterated.contains(first) && mentions_objects(text) && assigns(text, first)
    })
}

/// The identifiers right after each `in` keyword: `orders` in `for o in orders:`.
fn words_after_in(text: &[u8]) -> Vec<&[u8]> {
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < text.len() {
        let boundary_before = i == 0 || !is_word(text[i - 1]);
        if boundary_before && &text[i..i + 2] == b"in" && !is_word(text[i + 2]) {
            let mut j = i + 2;
            while j < text.len() && text[j].is_ascii_whitespace() {
                j += 1;
            }
            let start = j;
            while j < text.len() && is_word(text[j]) {
                j += 1;
            }
            if j > start {
                out.push(&text[start..j]);
            }
            i = j.max(i + 2);
            continue;
        }
        i += 1;
    }
    out
}

/// True when a logical line assigns `name`: `name = ...`, `name: T = ...`.
fn assigns(text: &[u8], name: &[u8]) -> bool {
    let Some(rest) = text.strip_prefix(name) else {
        return false;
    };
    let rest = rest.trim_ascii_start();
    (rest.starts_with(b"=") && !rest.starts_with(b"==")) || rest.starts_with(b":")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Js,
    Py,
}

impl Lang {
    /// The node kind of a call.
    fn call_kind(self) -> &'static str {
        match self {
            Lang::Js => "call_expression",
            Lang::Py => "call",
        }
    }

    /// The name a call's callee ends in (`create` of `Item.objects.create(...)`).
    fn callee_name<'s>(self, call: Node, src: &'s str) -> Option<&'s str> {
        match self {
            Lang::Js => js::callee_name(call, src),
            Lang::Py => py::callee_name(call, src),
        }
    }
}

/// Words of loop variables and iterables that mean the loop already works in batches, or
/// iterates databases and connections rather than rows (one query per database is not N+1).
const BATCH_WORDS: &[&str] = &[
    "chunk",
    "chunks",
    "bundle",
    "bundles",
    "batch",
    "batches",
    "page",
    "pages",
    "slice",
    "slices",
    "partition",
    "partitions",
    "shard",
    "shards",
    "connection",
    "connections",
    "datasource",
    "datasources",
    "database",
    "databases",
    "db",
    "dbs",
    "driver",
    "drivers",
    "pool",
    "pools",
    "client",
    "clients",
    "tenant",
    "tenants",
    "schema",
    "schemas",
    "migration",
    "migrations",
];

/// Words of loop variables that name a window of time (`for bucket in series`,
/// `for (const { weekStart } of weeks)`): one query per week or month of a chart or a
/// rollup is bounded by the period, not by the rows each window holds. Only variables
/// are read: an iterable's text may filter by time (`filter(created__gte=days_ago)`).
const TIME_WINDOW_WORDS: &[&str] = &[
    "bucket",
    "buckets",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "quarter",
    "quarters",
    "window",
    "windows",
    "period",
    "periods",
    "interval",
    "intervals",
];

/// True when a loop variable names a window of time (see [`TIME_WINDOW_WORDS`]).
fn names_a_time_window(variable: &str) -> bool {
    identifier_words(variable)
        .iter()
        .any(|w| TIME_WINDOW_WORDS.contains(&w.as_str()))
}

/// True when the loop's first variable (the item, or the key of a pair) names a type of
/// something (`for entity_type in entity_types`, `for (const [resourceType, ids] of
/// byType)`, `for flow_type in flows`): one query per type of entity, resource or flow is
/// bounded by the types the schema or the site defines, a handful, not by the rows each
/// type holds. A bare `type` or `kind` may be a value read from each row and does not
/// count, nor does a type read from each row (`for order, (content_type, object_id) in
/// enumerate(items)`), which is not the loop's item.
fn iterates_types(lp: &Loop) -> bool {
    // A field taken from each item (`for (const { type } of events)`) is not the item.
    let destructures_fields = lp
        .node
        .field("left")
        .is_some_and(|left| left.kind_name() == "object_pattern");
    lp.kind == LoopKind::ForEach
        && !destructures_fields
        && lp.variables.first().is_some_and(|variable| {
            let words = identifier_words(variable);
            words.len() > 1 && words.iter().any(|w| w == "type")
        })
}

/// True when a loop variable or iterable text names batches, databases or connections.
/// An array's `.slice(…)` method gives its items, not batches (`rows.slice(1)`), so that
/// call names none; a variable or function named for slices (`slices`, `chunk(rows, 50)`)
/// still does.
fn names_a_batch(text: &str) -> bool {
    let text = &text.replace(".slice(", ".(");
    let squashed = text.to_ascii_lowercase().replace('_', "");
    identifier_words(text)
        .iter()
        .any(|w| BATCH_WORDS.contains(&w.as_str()))
        || squashed.contains("datasource")
        || squashed.contains("connection")
}

/// For the prefilter: an iteration method called on this identifier (`connections.map(`)
/// iterates batches or connections, so no query directly in its callback is reported (the
/// iterable the rule reads is the receiver, whose text holds the identifier and its words).
fn receiver_names_a_batch(receiver: &[u8]) -> bool {
    std::str::from_utf8(receiver).is_ok_and(names_a_batch)
}

/// True when the query takes a value that changes per iteration (a loop variable or a name
/// derived from one), in a loop that iterates data rather than retrying or paging.
fn runs_per_iteration(call: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    let batched = lp
        .variables
        .iter()
        .chain(lp.iterable.map(|i| text(i, src).to_string()).iter())
        .any(|v| names_a_batch(v))
        || lp.variables.iter().any(|v| names_a_time_window(v))
        || iterates_types(lp);
    if batched {
        return false;
    }
    let call_text = text(call, src).to_ascii_lowercase();
    if ["offset", "skip:", "cursor:", "limit $", "limit ?"]
        .iter()
        .any(|w| call_text.contains(w))
        && lp.kind != LoopKind::ForEach
    {
        return false;
    }
    let rows = row_cursor_names(lp, src);
    if rows.is_empty()
        && matches!(lp.kind, LoopKind::For | LoopKind::While)
        && is_result_driven(lp, src, lang)
    {
        return false;
    }
    let mut per_iteration = per_iteration_names(lp, call.start_byte(), src, lang);
    if !rows.is_empty() {
        // The rows read in the body, and names derived from them, change per iteration.
        let mut by_row = lp.clone();
        by_row.variables = rows;
        per_iteration.extend(per_iteration_names(&by_row, call.start_byte(), src, lang));
    }
    let per_row = argument_names(call, src, lang)
        .iter()
        .any(|n| per_iteration.contains(*n));
    per_row
        && !only_in_windows(call, &per_iteration, src, lang)
        && !only_in_batches(call, lp, &per_iteration, src, lang)
}

/// True when every per-iteration name in the query's arguments is the list of an `IN`
/// filter (`filter(id__in=entry["users"])`, `column.in_(local_ids)`,
/// `{ id: { in: group.ids } }`, `{ $in: ids }`, `whereIn("id", ids)`, `In(ids)`): each
/// iteration already fetches a whole group of rows in one query (the ids of one resource
/// type, the users of one permission), one query per group rather than per row. A list
/// written around the loop's item (`id__in=[item.id]`, or a name the body bound to one:
/// `ids = [field.id] + related_ids`) is still one row per query.
fn only_in_batches(
    call: Node,
    lp: &Loop,
    per_iteration: &BTreeSet<String>,
    src: &str,
    lang: Lang,
) -> bool {
    let mut seen = false;
    for n in per_iteration_arguments(call, per_iteration, src, lang) {
        // The values an update writes (`.update(parent=group_id)`, `{ $set: ... }`) pick
        // no rows.
        if written_by_the_update(n, call, src, lang) {
            continue;
        }
        seen = true;
        // The value of the `IN`: the name itself, or a field or an item read from it.
        let mut value = n;
        while let Some(parent) = value.parent() {
            let reads_from_it = match parent.kind_name() {
                "attribute" | "member_expression" => {
                    parent.field("object").is_some_and(|o| o.id() == value.id())
                }
                "subscript" => parent.field("value").is_some_and(|o| o.id() == value.id()),
                "subscript_expression" => {
                    parent.field("object").is_some_and(|o| o.id() == value.id())
                }
                "call" | "call_expression" => parent
                    .field("function")
                    .is_some_and(|f| f.id() == value.id()),
                _ => false,
            };
            if !reads_from_it {
                break;
            }
            value = parent;
        }
        let Some(holder) = value.parent() else {
            return false;
        };
        let is_in_list = match holder.kind_name() {
            // `id__in=ids`
            "keyword_argument" => holder
                .field("name")
                .is_some_and(|k| text(k, src).ends_with("__in")),
            // `{ in: ids }`, `{ $in: ids }`
            "pair" => holder.field("key").is_some_and(|k| {
                let key = text(k, src).trim_matches(|c| c == '"' || c == '\'');
                matches!(key, "in" | "$in")
            }),
            // `column.in_(ids)`, `whereIn("id", ids)`, `In(ids)`
            "argument_list" | "arguments" => holder.parent().is_some_and(|c| {
                matches!(
                    lang.callee_name(c, src),
                    Some("in_" | "whereIn" | "In" | "inArray")
                )
            }),
            _ => false,
        };
        if !is_in_list || wraps_the_item(n, call, lp, per_iteration, src, lang) {
            return false;
        }
    }
    seen
}

/// True when `name` is a value an update writes, not a filter: an argument of an `update`
/// chained on the query that picks the rows (`filter(id__in=ids).update(parent=pid)`,
/// `query.filter(...).update({...: pid})`), or under the `data` / `$set` / `set` of an
/// update's arguments (`updateMany({ where: ..., data: { parent: pid } })`).
fn written_by_the_update(name: Node, call: Node, src: &str, lang: Lang) -> bool {
    let mut inside = true;
    ancestors(name)
        .take_while(|a| {
            let this = inside;
            inside = a.id() != call.id();
            this
        })
        .any(|a| match a.kind_name() {
            "call" | "call_expression" => {
                let chained = match lang {
                    Lang::Py => py::callee_object(a),
                    Lang::Js => js::callee_object(a),
                }
                .is_some_and(|o| matches!(o.kind_name(), "call" | "call_expression"));
                chained && lang.callee_name(a, src) == Some("update")
            }
            "pair" => a.field("key").is_some_and(|k| {
                let key = text(k, src).trim_matches(|c| c == '"' || c == '\'');
                matches!(key, "data" | "$set" | "set")
            }),
            _ => false,
        })
}

/// The per-iteration names written in a query call's arguments (the callee's own names,
/// `rows.map`, are not arguments).
fn per_iteration_arguments<'t>(
    call: Node<'t>,
    per_iteration: &'t BTreeSet<String>,
    src: &'t str,
    lang: Lang,
) -> impl Iterator<Item = Node<'t>> + 't {
    descendants(call).filter(move |n| {
        is_name(*n, lang)
            && per_iteration.contains(text(*n, src))
            && ancestors(*n).take_while(|a| a.id() != call.id()).any(|a| {
                matches!(
                    a.kind_name(),
                    "arguments" | "argument_list" | "template_string"
                )
            })
    })
}

/// True when `name` was bound in the loop body (before `call`) to a value holding a list
/// written around a per-iteration value (`ids = [field.id] + others`): the `IN` holds the
/// loop's own item.
fn wraps_the_item(
    name: Node,
    call: Node,
    lp: &Loop,
    per_iteration: &BTreeSet<String>,
    src: &str,
    lang: Lang,
) -> bool {
    let name = text(name, src);
    let list_kinds: &[&str] = match lang {
        Lang::Py => &["list", "tuple", "set"],
        Lang::Js => &["array"],
    };
    descendants(lp.body)
        .take_while(|n| n.start_byte() < call.start_byte())
        .filter_map(|n| match (lang, n.kind_name()) {
            (Lang::Js, "variable_declarator") => Some((n.field("name")?, n.field("value")?)),
            (Lang::Js, "assignment_expression") | (Lang::Py, "assignment") => {
                Some((n.field("left")?, n.field("right")?))
            }
            _ => None,
        })
        .filter(|(target, _)| text(*target, src) == name)
        .any(|(_, value)| {
            descendants(value)
                .filter(|l| list_kinds.contains(&l.kind_name()))
                .any(|list| {
                    let mut cursor = list.walk();
                    let items: Vec<Node> = list.named_children(&mut cursor).collect();
                    items.into_iter().any(|item| {
                        let mut root = item;
                        while let Some(object) = root.field("object") {
                            root = object;
                        }
                        is_name(root, lang) && per_iteration.contains(text(root, src))
                    })
                })
        })
}

/// True when every per-iteration name in the query's arguments is multiplied
/// (`EmailLog.id <= window * 1000`, `offset: page * size`): the loop walks windows of
/// ids or pages, one query per window.
fn only_in_windows(call: Node, per_iteration: &BTreeSet<String>, src: &str, lang: Lang) -> bool {
    let binary = match lang {
        Lang::Js => "binary_expression",
        Lang::Py => "binary_operator",
    };
    let mut seen = false;
    for n in per_iteration_arguments(call, per_iteration, src, lang) {
        seen = true;
        let multiplied = ancestors(n).take_while(|a| a.id() != call.id()).any(|a| {
            a.kind_name() == binary && a.field("operator").map(|o| text(o, src)) == Some("*")
        });
        if !multiplied {
            return false;
        }
    }
    seen
}

/// Names whose value changes per iteration: the loop's variables and names assigned in the
/// body (before `before`) from them.
fn per_iteration_names(lp: &Loop, before: usize, src: &str, lang: Lang) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = lp.variables.iter().cloned().collect();
    if matches!(lp.kind, LoopKind::For | LoopKind::While) {
        // A counter or condition name only counts when the body reads it.
        names.retain(|n| !n.is_empty());
    }
    for node in descendants(lp.body) {
        if node.start_byte() >= before {
            break;
        }
        let (target, value) = match (lang, node.kind_name()) {
            (Lang::Js, "variable_declarator") => (node.field("name"), node.field("value")),
            (Lang::Js, "assignment_expression") | (Lang::Py, "assignment") => {
                (node.field("left"), node.field("right"))
            }
            (Lang::Py, "for_statement") | (Lang::Js, "for_in_statement") => {
                (node.field("left"), node.field("right"))
            }
            _ => continue,
        };
        let (Some(target), Some(value)) = (target, value) else {
            continue;
        };
        let derived = descendants(value).any(|n| is_name(n, lang) && names.contains(text(n, src)));
        if derived {
            for n in descendants(target) {
                if is_name(n, lang) {
                    names.insert(text(n, src).to_string());
                }
            }
        }
    }
    names
}

fn is_name(node: Node, lang: Lang) -> bool {
    match lang {
        Lang::Js => matches!(
            node.kind_name(),
            "identifier"
                | "shorthand_property_identifier"
                | "shorthand_property_identifier_pattern"
        ),
        Lang::Py => node.kind_name() == "identifier",
    }
}

/// The names read in the arguments of every call of the query's chain.
fn argument_names<'s>(call: Node, src: &'s str, lang: Lang) -> Vec<&'s str> {
    let args_kind = match lang {
        Lang::Js => "arguments",
        Lang::Py => "argument_list",
    };
    let mut names = Vec::new();
    for n in descendants(call) {
        if is_name(n, lang)
            && ancestors(n)
                .take_while(|a| a.id() != call.id())
                .any(|a| a.kind_name() == args_kind || a.kind_name() == "template_string")
        {
            names.push(text(n, src));
        }
        // A tagged template's substitutions are its arguments.
        if lang == Lang::Js
            && n.kind_name() == "identifier"
            && ancestors(n)
                .take_while(|a| a.id() != call.id())
                .any(|a| a.kind_name() == "template_substitution")
        {
            names.push(text(n, src));
        }
    }
    names
}

/// A `while`/`for(;;)` loop driven by what its body fetches: polling, a job queue, paging
/// until an empty result. Its queries are not one per row of an earlier result.
fn is_result_driven(lp: &Loop, src: &str, lang: Lang) -> bool {
    // Python `for i in range(n)`: the bound is computed once, before the body runs, so only a
    // `break` on a fetched result can make the body drive the loop.
    let counted_range = lp.condition.is_none() && lp.iterable.is_some();
    if lp.condition.is_none() && !counted_range {
        return true;
    }
    if let Some(condition) = lp.condition {
        let cond = text(condition, src)
            .trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace())
            .to_string();
        if matches!(cond.as_str(), "true" | "1" | "True" | "") {
            return true;
        }
    }
    // Names assigned in the body from a call or an await.
    let mut fetched: BTreeSet<&str> = BTreeSet::new();
    for node in descendants(lp.body) {
        let (target, value) = match node.kind_name() {
            "variable_declarator" => (node.field("name"), node.field("value")),
            "assignment_expression" | "assignment" => (node.field("left"), node.field("right")),
            _ => continue,
        };
        let (Some(target), Some(value)) = (target, value) else {
            continue;
        };
        let from_call = descendants(value).any(|n| {
            matches!(
                n.kind_name(),
                "call_expression" | "await_expression" | "call" | "await"
            )
        });
        // `out[i] = await ...`, `rows[i].total = f(...)`: a write into one element, which
        // neither the loop's counter nor its collection's length depends on.
        if from_call && !writes_an_element(target) {
            for n in descendants(target) {
                if is_name(n, lang) {
                    fetched.insert(text(n, src));
                }
            }
        }
    }
    if fetched.is_empty() {
        return false;
    }
    let mentions =
        |node: Node| descendants(node).any(|n| is_name(n, lang) && fetched.contains(text(n, src)));
    if lp.condition.is_some_and(mentions) {
        return true;
    }
    // `if (!rows.length) break;` — a `break` of a nested loop ends that loop, not this one.
    descendants(lp.body).any(|n| {
        matches!(n.kind_name(), "break_statement" | "return_statement")
            && !(n.kind_name() == "break_statement" && breaks_inner_loop(n, lp.body))
            && ancestors(n)
                .take_while(|a| a.id() != lp.body.id())
                .find(|a| a.kind_name() == "if_statement")
                .and_then(|i| i.field("condition"))
                .is_some_and(mentions)
    })
}

/// True when `brk` sits in a loop (or `switch`) nested inside `body`, so it leaves that one.
fn breaks_inner_loop(brk: Node, body: Node) -> bool {
    ancestors(brk).take_while(|a| a.id() != body.id()).any(|a| {
        matches!(
            a.kind_name(),
            "for_statement"
                | "for_in_statement"
                | "while_statement"
                | "do_statement"
                | "switch_statement"
        )
    })
}

/// The names a `while` loop reads row by row from a result fetched before it:
/// `row = cur.fetchone()` (then `if row is None: break`), `doc = await cursor.next()`.
/// Such a loop iterates rows like `for row in cur.fetchall()`.
fn row_cursor_names(lp: &Loop, src: &str) -> Vec<String> {
    if lp.kind != LoopKind::While {
        return Vec::new();
    }
    let mut out = Vec::new();
    for node in descendants(lp.body) {
        let (target, value) = match node.kind_name() {
            "variable_declarator" => (node.field("name"), node.field("value")),
            "assignment_expression" | "assignment" => (node.field("left"), node.field("right")),
            _ => continue,
        };
        let (Some(target), Some(value)) = (target, value) else {
            continue;
        };
        let mut value = unwrap_expression(value);
        if matches!(value.kind_name(), "await_expression" | "await") {
            match value.named_child(0) {
                Some(v) => value = unwrap_expression(v),
                None => continue,
            }
        }
        if !matches!(value.kind_name(), "call" | "call_expression") {
            continue;
        }
        let callee = value
            .child_by_field_name("function")
            .map(|f| text(f, src))
            .unwrap_or_default();
        let Some((cursor, method)) = callee.rsplit_once('.') else {
            continue;
        };
        let reads_a_row = method == "fetchone"
            || (method == "next" && cursor.to_ascii_lowercase().contains("cursor"));
        // The cursor's query runs before the loop: one that runs again in the body is a
        // polling loop (take the next job), driven by its own results.
        let queried_in_loop = descendants(lp.body).any(|n| {
            matches!(n.kind_name(), "call" | "call_expression")
                && n.child_by_field_name("function").is_some_and(|f| {
                    text(f, src).strip_prefix(cursor).is_some_and(|m| {
                        matches!(m, ".execute" | ".query" | ".find" | ".aggregate")
                    })
                })
        });
        if reads_a_row && !queried_in_loop && matches!(target.kind_name(), "identifier") {
            out.push(text(target, src).to_string());
        }
    }
    out
}

/// True when an assignment target writes an element chosen by a computed index
/// (`out[i]`, `posts[i].count`, `m[key]`), not a variable or a fixed property
/// (`cursor`, `state.next`, `page['token']`).
fn writes_an_element(target: Node) -> bool {
    descendants(target).any(|n| {
        let index = match n.kind_name() {
            "subscript_expression" => n.field("index"),
            "subscript" => n.field("subscript"),
            _ => return false,
        };
        !index.is_some_and(|i| {
            let i = unwrap_expression(i);
            matches!(i.kind_name(), "string" | "number" | "integer")
                && !descendants(i).any(|d| d.kind_name() == "interpolation")
        })
    })
}

fn report_query(
    call: Node,
    callee: Option<Node>,
    api: DbApi,
    lp: &Loop,
    src: &str,
    out: &mut Findings,
) {
    let callee = callee.map_or("the query", |c| text(c, src));
    let callee = first_line(callee);
    out.report(
        call.byte_range(),
        format!(
            "`{callee}` runs one {} query per loop iteration: N+1 queries for N rows",
            api.name()
        ),
    )
    .label(lp.head.clone(), lp.label.clone())
    .help(api.batched_form());
}

fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .next()
        .unwrap_or(s)
        .trim_end_matches(|c: char| c == '.' || c == '\\' || c.is_whitespace());
    let compact: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if compact.chars().count() > 50 {
        let cut: String = compact.chars().take(47).collect();
        format!("{cut}...")
    } else {
        compact
    }
}

/// Attributes of a row that are plain values, not relations.
const SCALAR_FIELDS: &[&str] = &[
    "id",
    "pk",
    "name",
    "title",
    "email",
    "status",
    "state",
    "type",
    "kind",
    "date",
    "time",
    "created",
    "updated",
    "modified",
    "timestamp",
    "price",
    "amount",
    "total",
    "cost",
    "data",
    "meta",
    "metadata",
    "config",
    "settings",
    "text",
    "body",
    "content",
    "description",
    "slug",
    "uuid",
    "value",
    "count",
    "quantity",
    "file",
    "image",
    "photo",
    "avatar",
    "picture",
    "attachment",
    "document",
    "json",
    "payload",
    "objects",
    "_meta",
    "code",
    "currency",
    "duration",
    "username",
    "first_name",
    "last_name",
    "phone",
    "url",
    "path",
    "key",
    "token",
    "password",
    "role",
    "level",
    "score",
    "rating",
    "notes",
    "note",
    "message",
    "subject",
    "label",
    "color",
    "size",
    "weight",
    "height",
    "width",
    "order",
    "position",
    "rank",
    "extra",
    "options",
    "attrs",
    "attributes",
    "properties",
    "flags",
    "tags_text",
    "ip",
    "host",
    "port",
];

/// Attributes of plain values (strings, dates, decimals, files) that look like row access.
const VALUE_ATTRIBUTES: &[&str] = &[
    "strftime",
    "isoformat",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "date",
    "time",
    "url",
    "path",
    "size",
    "upper",
    "lower",
    "strip",
    "split",
    "replace",
    "format",
    "startswith",
    "endswith",
    "encode",
    "decode",
    "quantize",
    "days",
    "seconds",
    "total_seconds",
    "hex",
    "get",
    "keys",
    "items",
    "values",
    "title",
    "capitalize",
    "timestamp",
    "weekday",
    "tzinfo",
    "real",
    "imag",
    "read",
    "open",
    "width",
    "height",
    "append",
    "storage",
];

/// Related-manager methods: each call is a query.
const MANAGER_METHODS: &[&str] = &[
    "all",
    "filter",
    "exclude",
    "count",
    "exists",
    "first",
    "last",
    "values",
    "values_list",
    "order_by",
    "aggregate",
    "get",
    "latest",
    "earliest",
];

/// Related-manager methods that build a new queryset, so a `prefetch_related` cache does
/// not answer them.
const PREFETCH_BYPASSING: &[&str] = &[
    "filter",
    "exclude",
    "order_by",
    "get",
    "annotate",
    "values",
    "values_list",
    "aggregate",
    "latest",
    "earliest",
];

/// Django: `for o in Order.objects.all(): o.customer.name` without `select_related`.
fn check_django_related(
    scope: Node,
    target: Node,
    iterable: Node,
    parts: &[Node],
    head: std::ops::Range<usize>,
    cx: &TreeContext,
    out: &mut Findings,
) {
    let src = cx.src;
    if target.kind_name() != "identifier" || iterates_a_few(iterable, cx, Lang::Py) {
        return;
    }
    let var = text(target, src);
    // The queryset's text: the iterable, and what a local name was assigned before the loop.
    let mut chain_texts = vec![text(iterable, src).to_string()];
    let iterable = py::unwrap(iterable);
    if iterable.kind_name() == "identifier" {
        let name = text(iterable, src);
        let function = py::enclosing_function(scope);
        let bindings = py::bindings_of(function.unwrap_or(cx.root), name, src, scope.start_byte());
        if function.is_some()
            && bindings.is_empty()
            && py::parameter_names(function.unwrap_or(cx.root), src).contains(&name)
        {
            return;
        }
        chain_texts.extend(bindings.iter().map(|b| text(b.value, src).to_string()));
    }
    let joined = chain_texts.join("\n");
    if !joined.contains(".objects.") && !joined.contains(".objects\n") {
        return;
    }
    if joined.contains(".values(") || joined.contains(".values_list(") || joined.contains(".raw(") {
        return;
    }
    let loaded = loaded_relations(&joined);
    let all_foreign_keys = joined.contains("select_related()");
    let model = model_name(&joined);
    let fields = model.and_then(|m| model_fields(cx, m));

    // `row.cover.storage` / `row.cover.file`: `cover` is a file or image field, and its
    // `.name` or `.url` elsewhere in the loop reads the stored value, not a related row.
    let file_fields: BTreeSet<&str> = parts
        .iter()
        .flat_map(|part| descendants(*part))
        .filter(|n| n.kind_name() == "attribute")
        .filter_map(|n| {
            let object = n.field("object")?;
            let field = n.field("attribute")?;
            let parent = n.parent().filter(|p| p.kind_name() == "attribute")?;
            let next = parent.field("attribute").map(|a| text(a, src))?;
            (object.kind_name() == "identifier"
                && text(object, src) == var
                && matches!(next, "storage" | "file"))
            .then(|| text(field, src))
        })
        .collect();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for part in parts {
        for n in descendants(*part) {
            if n.kind_name() != "attribute" {
                continue;
            }
            let (Some(object), Some(field)) = (n.field("object"), n.field("attribute")) else {
                continue;
            };
            if object.kind_name() != "identifier" || text(object, src) != var {
                continue;
            }
            let field_name = text(field, src);
            let Some(parent) = n.parent().filter(|p| p.kind_name() == "attribute") else {
                continue;
            };
            let Some(next) = parent.field("attribute").map(|a| text(a, src)) else {
                continue;
            };
            let is_call = parent.parent().is_some_and(|pp| pp.kind_name() == "call");
            if is_call
                && parent
                    .parent()
                    .is_some_and(|call| py_combined_lazily(call, src))
            {
                continue;
            }
            let manager_call = is_call && MANAGER_METHODS.contains(&next);
            // A prefetched relation serves `.all()` from memory; `.filter(...)` and the like
            // still query, once per row.
            let refetched = manager_call && PREFETCH_BYPASSING.contains(&next);
            if loaded.contains(field_name) && !refetched
                || reported.contains(field_name)
                || file_fields.contains(field_name)
            {
                continue;
            }
            let relation = match &fields {
                Some(fields) => match fields.iter().find(|(f, _)| f == field_name) {
                    Some((_, kind)) => match kind {
                        FieldKind::ForeignKey => !all_foreign_keys,
                        FieldKind::ManyToMany => manager_call,
                        FieldKind::Other => false,
                    },
                    // A reverse relation (`related_name`): only its manager queries.
                    None => manager_call,
                },
                None => {
                    if manager_call {
                        !is_scalar_name(field_name)
                    } else {
                        !all_foreign_keys
                            && !is_call
                            && !is_scalar_name(field_name)
                            && !VALUE_ATTRIBUTES.contains(&next)
                            && !next.starts_with('_')
                    }
                }
            };
            if !relation {
                continue;
            }
            reported.insert(field_name.to_string());
            if loaded.contains(field_name) {
                out.report(
                    n.byte_range(),
                    format!(
                        "`{var}.{field_name}.{next}(...)` runs one query per iteration: `.{next}()` does not use the rows `prefetch_related('{field_name}')` loaded"
                    ),
                )
                .label(head.clone(), "loop over a queryset")
                .help(format!(
                    "filter the prefetched rows in memory, or prefetch the filtered rows with `Prefetch('{field_name}', queryset=..., to_attr=...)`"
                ));
                continue;
            }
            let (fix, what) = if manager_call {
                (format!("prefetch_related('{field_name}')"), "related rows")
            } else {
                (format!("select_related('{field_name}')"), "related row")
            };
            out.report(
                n.byte_range(),
                format!(
                    "`{var}.{field_name}` loads the {what} with one query per iteration: the queryset has no `{fix}`"
                ),
            )
            .label(head.clone(), "loop over a queryset")
            .help(format!(
                "load the relation with the first query: add `.{fix}` to the queryset being iterated"
            ));
        }
    }
}

fn is_scalar_name(field: &str) -> bool {
    SCALAR_FIELDS.contains(&field)
        || [
            "_file",
            "_image",
            "_photo",
            "_avatar",
            "_attachment",
            "_picture",
            "_thumbnail",
        ]
        .iter()
        .any(|s| field.ends_with(s))
        || [
            "_at", "_on", "_date", "_time", "_id", "_json", "_data", "_url", "_path", "_count",
            "_name", "_type", "_status", "_code", "_number", "_amount", "_price", "_total",
        ]
        .iter()
        .any(|s| field.ends_with(s))
        || field.starts_with("is_")
        || field.starts_with("has_")
}

/// Relations named in `select_related(...)` / `prefetch_related(...)` (first path segment).
fn loaded_relations(chain: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    for method in ["select_related(", "prefetch_related(", "Prefetch("] {
        let mut rest = chain;
        while let Some(at) = rest.find(method) {
            rest = &rest[at + method.len()..];
            let args = rest.split(')').next().unwrap_or("");
            for piece in args.split(',') {
                let piece = piece.trim().trim_matches(|c| c == '\'' || c == '"');
                let first = piece.split("__").next().unwrap_or("");
                if !first.is_empty() {
                    out.insert(first);
                }
            }
        }
    }
    out
}

/// `Order` in `Order.objects.filter(...)`.
fn model_name(chain: &str) -> Option<&str> {
    let at = chain.find(".objects")?;
    let before = &chain[..at];
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &before[start..];
    (!name.is_empty()).then_some(name)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    ForeignKey,
    ManyToMany,
    Other,
}

/// The fields of a model class defined in this file: `customer = models.ForeignKey(...)`.
fn model_fields(cx: &TreeContext, model: &str) -> Option<Vec<(String, FieldKind)>> {
    let src = cx.src;
    let class = cx.class_named(model)?;
    let body = class.field("body")?;
    let mut fields = Vec::new();
    for (_, left, right) in py::assignments(body) {
        if left.kind_name() != "identifier" {
            continue;
        }
        let callee = if right.kind_name() == "call" {
            right.field("function").map_or("", |f| text(f, src))
        } else {
            ""
        };
        let kind = if callee.ends_with("ForeignKey") || callee.ends_with("OneToOneField") {
            FieldKind::ForeignKey
        } else if callee.ends_with("ManyToManyField") {
            FieldKind::ManyToMany
        } else {
            FieldKind::Other
        };
        fields.push((text(left, src).to_string(), kind));
    }
    Some(fields)
}

/// SQL statements that administer the database rather than look rows up: one per table,
/// extension or connection is not N+1.
const ADMIN_KEYWORDS: &[&str] = &[
    "create",
    "drop",
    "alter",
    "truncate",
    "install",
    "load",
    "kill",
    "grant",
    "revoke",
    "vacuum",
    "analyze",
    "pragma",
    "attach",
    "detach",
    "comment",
    "reindex",
    "refresh",
    "cluster",
    "set",
    "reset",
    "use",
    "listen",
    "unlisten",
    "notify",
    "savepoint",
    "release",
];

/// True when the loop's iterable is a collection whose size the code fixes, not rows: a
/// literal or constant collection, configuration, a part of one constant item, a handful of
/// items of one object, the parts of one document; or a parameter every caller in the file
/// passes one of these as.
fn iterates_a_fixed_collection<'t>(iterable: Node<'t>, cx: &TreeContext<'t>, lang: Lang) -> bool {
    written_fixed_collection(iterable, cx, lang)
        || callers::every_caller_passes_a_fixed_collection(
            iterable,
            cx,
            lang,
            written_fixed_collection,
        )
}

/// [`iterates_a_fixed_collection`] as written where the loop (or a call) reads it.
fn written_fixed_collection<'t>(iterable: Node<'t>, cx: &TreeContext<'t>, lang: Lang) -> bool {
    iterates_constant(iterable, cx, lang)
        || iterates_configuration(iterable, cx, lang)
        || iterates_part_of_constant_item(iterable, cx, lang)
        || iterates_a_few(iterable, cx, lang)
        || fixed_sets::iterates_parts_of_one_document(iterable, cx, lang)
        || fixed_sets::iterates_fields_of_self(iterable, cx, lang)
        || fixed_sets::iterates_command_line_arguments(iterable, cx, lang)
}

/// True when the loop does not run once per row: it serializes one object, it walks a
/// function's keyword arguments, or each turn reads a chunk of rows. Asked of a query in the
/// loop and of a call of a project function that runs one.
fn loop_is_not_per_row(lp: &Loop, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    fixed_sets::in_serializer_of_one_object(lp, cx, lang)
        || lp
            .iterable
            .is_some_and(|i| lang == Lang::Py && iterates_keyword_arguments(i, src))
        || takes_a_chunk_per_iteration(lp, src, lang)
        || fixed_sets::retries_a_failed_batch(lp, src, lang)
}

/// MongoDB aggregation stages that read collection or server statistics.
const ADMIN_STAGES: &[&str] = &["$collStats", "$indexStats", "$currentOp", "$listSessions"];

/// True when the query in the loop is not a lookup of rows that one query could batch:
/// the loop iterates a literal or constant collection, the statement is DDL or an
/// administrative command, or each iteration runs a different statement (the SQL text is
/// the loop variable: the statements of a script, one after another).
fn not_a_row_query(method_call: Node, api: DbApi, lp: &Loop, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    // A counting loop walks the collection its condition bounds it by (`i < xs.length`).
    if lp
        .iterable
        .or_else(|| fixed_sets::counted_collection(lp, src))
        .is_some_and(|i| iterates_a_fixed_collection(i, cx, lang))
        || fixed_sets::loops_over_a_fixed_set(method_call, lp, cx, lang)
        || loop_is_not_per_row(lp, cx, lang)
        || fixed_sets::writes_a_batch(method_call, src, lang)
        || new_object::fills_a_new_object(method_call, lp, cx, lang)
        || labels::resolves_label_names(method_call, lp, cx, lang)
        || (matches!(
            api,
            DbApi::SqlDriver | DbApi::DbApi | DbApi::SqlAlchemy | DbApi::Knex
        ) && runs_per_table(method_call, lp, src, lang))
    {
        return true;
    }
    let args = match lang {
        Lang::Js => js::call_arguments(method_call),
        Lang::Py => py::positional_arguments(method_call),
    };
    if api == DbApi::Django && reads_a_mapping_with_default(method_call, &args, src) {
        return true;
    }
    let first = args.first().map(|a| unwrap_expression(*a));
    let call_text = text(method_call, src);
    if ADMIN_STAGES.iter().any(|s| call_text.contains(s)) {
        return true;
    }
    let sql_api = matches!(
        api,
        DbApi::SqlDriver | DbApi::DbApi | DbApi::SqlAlchemy | DbApi::Knex
    );
    if !sql_api {
        return false;
    }
    let Some(first) = first else {
        return false;
    };
    if matches!(first.kind_name(), "identifier")
        && lp.variables.iter().any(|v| v == text(first, src))
    {
        return true;
    }
    if runs_each_item_as_a_statement(first, lp, src, lang)
        || statement_read_from_the_item(first, lp, src, lang)
    {
        return true;
    }
    let statement = statement_of(first, lp, src, lang);
    if names_a_table_per_iteration(statement) || reads_the_catalogue(statement) {
        return true;
    }
    let leading = statement_text(first, src);
    let word: String = leading
        .trim_start_matches(|c: char| c.is_whitespace() || c == '(')
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    ADMIN_KEYWORDS.contains(&word.as_str())
}

/// `objects.get(label, default)`: a lookup with a fallback value is a mapping's `get`
/// (a configuration dict held in an attribute named `objects`). Django's `get` takes
/// lookups as keywords and `Q` objects, never a default.
fn reads_a_mapping_with_default(method_call: Node, args: &[Node], src: &str) -> bool {
    py::callee_name(method_call, src) == Some("get")
        && args.len() == 2
        && args.iter().all(|a| {
            let a = py::unwrap(*a);
            !(a.kind_name() == "call" && py::callee_name(a, src) == Some("Q"))
                && a.kind_name() != "binary_operator"
        })
        && method_call.field("arguments").is_some_and(|list| {
            let mut cursor = list.walk();
            !list
                .named_children(&mut cursor)
                .any(|a| a.kind_name() == "keyword_argument")
        })
}

/// `for key, value in kwargs.items()`: the keyword arguments of the enclosing function
/// (its `**kwargs`) are written at its call sites, a handful fixed by the code.
fn iterates_keyword_arguments(iterable: Node, src: &str) -> bool {
    let mut node = py::unwrap(iterable);
    if node.kind_name() == "call"
        && py::callee_name(node, src).is_some_and(|n| matches!(n, "items" | "keys" | "values"))
    {
        match py::callee_object(node) {
            Some(object) => node = py::unwrap(object),
            None => return false,
        }
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, src);
    let Some(function) = py::enclosing_function(node) else {
        return false;
    };
    let Some(parameters) = function.field("parameters") else {
        return false;
    };
    let mut cursor = parameters.walk();
    let collects_keywords = parameters.named_children(&mut cursor).any(|p| {
        p.kind_name() == "dictionary_splat_pattern"
            && p.named_child(0).is_some_and(|n| text(n, src) == name)
    });
    // Not rebound in the function (`kwargs = request.data`).
    collects_keywords
        && !descendants(function).any(|n| {
            n.kind_name() == "assignment" && n.field("left").is_some_and(|l| text(l, src) == name)
        })
}

/// The most rows a chunk may hold and still be read as a handful rather than a chunk.
const CHUNK_MIN_ROWS: u64 = 20;

/// A `while` loop whose body reads the rows in chunks (`pks = qs.values_list("pk")[:200]`,
/// `findMany({ take: 500 })`, `.limit(1000)`, `LIMIT 1000`) and deletes or moves each chunk:
/// the loop is the batching, one round of queries per chunk, not per row.
fn takes_a_chunk_per_iteration(lp: &Loop, src: &str, lang: Lang) -> bool {
    if lp.kind != LoopKind::While {
        return false;
    }
    let is_chunk = |n: Node| {
        let n = unwrap_expression(n);
        matches!(n.kind_name(), "number" | "integer")
            && text(n, src)
                .parse::<u64>()
                .is_ok_and(|rows| rows >= CHUNK_MIN_ROWS)
    };
    descendants(lp.body).any(|node| match (lang, node.kind_name()) {
        // `qs[:200]`
        (Lang::Py, "slice") => {
            let mut cursor = node.walk();
            let parts: Vec<Node> = node.children(&mut cursor).collect();
            parts.first().is_some_and(|p| text(*p, src) == ":")
                && parts.get(1).is_some_and(|end| is_chunk(*end))
        }
        // `.limit(500)`
        (_, "call" | "call_expression") => {
            let (name, args) = match lang {
                Lang::Py => (py::callee_name(node, src), py::positional_arguments(node)),
                Lang::Js => (js::callee_name(node, src), js::call_arguments(node)),
            };
            matches!(name, Some("limit")) && args.len() == 1 && is_chunk(args[0])
        }
        // `take: 500`
        (Lang::Js, "pair") => {
            node.field("key")
                .is_some_and(|k| matches!(text(k, src), "take" | "limit"))
                && node.field("value").is_some_and(is_chunk)
        }
        // `LIMIT 1000` in a statement's text
        (_, "string" | "template_string") => SQL_LIMIT_TEXT.as_ref().is_some_and(|re| {
            re.captures(text(node, src).as_bytes()).is_some_and(|c| {
                c.get(1)
                    .and_then(|m| std::str::from_utf8(m.as_bytes()).ok())
                    .and_then(|n| n.parse::<u64>().ok())
                    .is_some_and(|rows| rows >= CHUNK_MIN_ROWS)
            })
        }),
        _ => false,
    })
}

/// Words of a name that holds a table (`table`, `table_name`, `tableName`).
fn names_a_table(name: &str) -> bool {
    identifier_words(name)
        .iter()
        .any(|w| matches!(w.as_str(), "table" | "tables"))
}

/// The SQL statement works on a different table each iteration: a name that changes per
/// iteration and holds a table appears in it (`connection.execute(table.delete())`,
/// `execute(DropTable(table))`, `knex(tableName).truncate()`). One statement per table of
/// the schema is bounded by the schema, as [`names_a_table_per_iteration`] is for SQL text.
/// (An ORM filter by a `table` column, `Field.objects.filter(table=table)`, reads rows.)
fn runs_per_table(method_call: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    let per_iteration = per_iteration_names(lp, method_call.start_byte(), src, lang);
    if !per_iteration.iter().any(|n| names_a_table(n)) {
        return false;
    }
    descendants(method_call).any(|n| {
        is_name(n, lang) && names_a_table(text(n, src)) && per_iteration.contains(text(n, src))
    })
}

/// The SQL text a query runs: a string, a string formatted with `%` or `.format(...)`, or a
/// name the loop body bound once to one of these.
/// The values `name` is bound to in the loop's body before `before` (its assignments).
fn values_bound_in_loop<'t>(
    lp: &Loop<'t>,
    name: &str,
    src: &str,
    lang: Lang,
    before: Node<'t>,
) -> Vec<Node<'t>> {
    match lang {
        Lang::Js => js::bindings_of(lp.body, name, src, before.start_byte())
            .into_iter()
            .map(|b| b.value)
            .collect(),
        Lang::Py => py::bindings_of(lp.body, name, src, before.start_byte())
            .into_iter()
            .map(|b| b.value)
            .collect(),
    }
}

fn statement_of<'s>(first: Node, lp: &Loop, src: &'s str, lang: Lang) -> &'s str {
    let mut node = first;
    for _ in 0..4 {
        node = match lang {
            Lang::Js => unwrap_expression(node),
            Lang::Py => py::unwrap(node),
        };
        let next = match node.kind_name() {
            "string" | "template_string" => return statement_text(node, src),
            "binary_operator" => node.field("left"),
            "call" if py::callee_name(node, src) == Some("format") => py::callee_object(node),
            "identifier" => {
                let name = text(node, src);
                let values = values_bound_in_loop(lp, name, src, lang, first);
                match values[..] {
                    [value] => Some(value),
                    _ => None,
                }
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    ""
}

/// Calls that make a statement of SQL text: SQLAlchemy `text(line)`, psycopg
/// `sql.SQL(index)`, `sql.raw(statement)`, `Prisma.raw(statement)`.
const STATEMENT_WRAPPERS: &[&str] = &["text", "SQL", "raw"];

/// SQLAlchemy's DDL statements built from a schema object (`DropConstraint(fkey)`).
const DDL_CONSTRUCTS: &[&str] = &[
    "AddConstraint",
    "DropConstraint",
    "CreateIndex",
    "DropIndex",
    "CreateTable",
    "DropTable",
    "CreateSchema",
    "DropSchema",
    "CreateSequence",
    "DropSequence",
];

/// The statement run is the loop's item itself: its text wrapped as SQL (`for line in
/// script: conn.execute(text(line))`, `cursor.execute(SQL(index).format(...))`, also through
/// a name the body binds once to it), or a DDL statement built from the item
/// (`conn.execute(DropConstraint(fkey))`). Each iteration runs a different statement (the
/// statements of a script, the indexes or constraints of a schema), not a lookup of rows.
fn runs_each_item_as_a_statement(first: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    let is_item = |node: Node| {
        let node = match lang {
            Lang::Js => unwrap_expression(node),
            Lang::Py => py::unwrap(node),
        };
        is_name(node, lang) && lp.variables.iter().any(|v| v == text(node, src))
    };
    let mut node = first;
    for _ in 0..4 {
        node = match lang {
            Lang::Js => loops::js_strip_await(unwrap_expression(node)),
            Lang::Py => py::unwrap(node),
        };
        let (name, object, args) = match (lang, node.kind_name()) {
            (Lang::Py, "call") => (
                py::callee_name(node, src),
                py::callee_object(node),
                py::positional_arguments(node),
            ),
            (Lang::Js, "call_expression") => (
                js::callee_name(node, src),
                js::callee_object(node),
                js::call_arguments(node),
            ),
            (_, "identifier") => {
                let name = text(node, src);
                let values = values_bound_in_loop(lp, name, src, lang, first);
                match values[..] {
                    [value] => {
                        node = value;
                        continue;
                    }
                    _ => return false,
                }
            }
            _ => return false,
        };
        match name {
            Some("format") => match object {
                Some(o) => node = o,
                None => return false,
            },
            Some(n) if DDL_CONSTRUCTS.contains(&n) => {
                return args.first().is_some_and(|a| is_item(*a));
            }
            Some(n) if STATEMENT_WRAPPERS.contains(&n) => {
                return args.first().is_some_and(|a| is_item(*a));
            }
            _ => return false,
        }
    }
    false
}

/// Methods that clean up SQL text and keep it the same statement (`statement.strip()`,
/// `statement.rstrip(";")`).
const STATEMENT_CLEANUPS: &[&str] = &["strip", "rstrip", "lstrip", "trim", "trimEnd", "trimStart"];

/// The SQL text run is read from the loop's item and nothing else: a field of it
/// (`statement[0]`, `sqlitem.statement`), or that text cleaned up (`.strip()`,
/// `sqlparse.format(statement, strip_comments=True)`, `str(statement)`), also through names
/// the body binds only to such values (`statement = sqlitem.statement; statement =
/// statement.rstrip(";")`). Each iteration runs a different statement of a script, not a
/// lookup of rows.
fn statement_read_from_the_item(first: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    let mut pending = vec![first];
    let mut followed: Vec<&str> = Vec::new();
    let mut reached_item = false;
    let mut steps = 0;
    while let Some(node) = pending.pop() {
        steps += 1;
        if steps > 32 {
            return false;
        }
        let node = match lang {
            Lang::Js => loops::js_strip_await(unwrap_expression(node)),
            Lang::Py => py::unwrap(node),
        };
        let next = match (lang, node.kind_name()) {
            (_, "identifier") => {
                let name = text(node, src);
                if lp.variables.iter().any(|v| v == name) {
                    reached_item = true;
                    continue;
                }
                if followed.contains(&name) {
                    continue;
                }
                followed.push(name);
                let values = values_bound_in_loop(lp, name, src, lang, first);
                if values.is_empty() {
                    return false;
                }
                pending.extend(values);
                continue;
            }
            (Lang::Py, "attribute") | (Lang::Js, "member_expression") => node.field("object"),
            (Lang::Py, "subscript") => node.field("value"),
            (Lang::Js, "subscript_expression") => node.field("object"),
            (Lang::Py, "call") | (Lang::Js, "call_expression") => {
                let (name, object, args) = match lang {
                    Lang::Py => (
                        py::callee_name(node, src),
                        py::callee_object(node),
                        py::positional_arguments(node),
                    ),
                    Lang::Js => (
                        js::callee_name(node, src),
                        js::callee_object(node),
                        js::call_arguments(node),
                    ),
                };
                match (name, object) {
                    (Some(n), Some(o)) if STATEMENT_CLEANUPS.contains(&n) => Some(o),
                    // The SQL formatter of `sqlparse`, and a conversion to text.
                    (Some("format"), Some(o)) if text(o, src) == "sqlparse" => {
                        args.first().copied()
                    }
                    (Some("str" | "String"), None) => args.first().copied(),
                    _ => None,
                }
            }
            _ => None,
        };
        match next {
            Some(n) => pending.push(n),
            None => return false,
        }
    }
    reached_item
}

static TABLE_PLACEHOLDER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"(?i)\b(?:from|into|update|table|join)\s+\\?["'`\[]?(?:\{|\$\{|%s\b|%\()"#,
    )
});

/// `SELECT setval(...) FROM "{table}"`: the table itself is filled in per iteration, so each
/// iteration reads or writes a different table (one statement per table, not per row).
fn names_a_table_per_iteration(statement: &str) -> bool {
    !statement.is_empty()
        && TABLE_PLACEHOLDER
            .as_ref()
            .is_some_and(|re| re.is_match(statement.as_bytes()))
}

/// A statement reading the database's own catalogue: `information_schema`, PostgreSQL's
/// `pg_catalog` relations, Oracle's `ALL_` / `DBA_` / `USER_` dictionary views, MySQL's and
/// SQL Server's system schemas, `sqlite_master`.
static CATALOGUE_READ: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"(?i)\b(?:from|join)\s+["`\[]?(?:information_schema\b|pg_catalog\.|pg_(?:class|namespace|attribute|index|indexes|tables|views|constraint|proc|type|stat_\w+)\b|(?:all|dba|user)_(?:objects|tables|tab_columns|tab_cols|indexes|ind_columns|constraints|cons_columns|views|source|triggers|sequences|synonyms|dependencies)\b|mysql\.|sys\.|sqlite_master\b|sqlite_schema\b)"#,
    )
});

/// `SELECT ... FROM all_objects WHERE object_name = '{name}'`: each iteration asks the
/// catalogue about one object of the schema (its definition, its status), as a tool that
/// runs or reviews SQL statements does per statement; it reads no application row.
fn reads_the_catalogue(statement: &str) -> bool {
    !statement.is_empty()
        && CATALOGUE_READ
            .as_ref()
            .is_some_and(|re| re.is_match(statement.as_bytes()))
}

/// The text of a string, f-string or template literal, without its quotes and prefix.
fn statement_text<'s>(node: Node, src: &'s str) -> &'s str {
    if !matches!(node.kind_name(), "string" | "template_string") {
        return "";
    }
    text(node, src).trim_start_matches(|c: char| {
        matches!(
            c,
            'f' | 'F' | 'r' | 'R' | 'b' | 'B' | 'u' | 'U' | '"' | '\'' | '`'
        )
    })
}

/// Node kinds whose presence makes a collection expression more than literals.
const JS_NOT_LITERAL: &[&str] = &[
    "identifier",
    "call_expression",
    "member_expression",
    "subscript_expression",
    "template_substitution",
    "spread_element",
    "shorthand_property_identifier",
    "await_expression",
    "arrow_function",
    "function_expression",
    "new_expression",
];
const PY_NOT_LITERAL: &[&str] = &[
    "identifier",
    "call",
    "attribute",
    "subscript",
    "interpolation",
    "list_splat",
    "dictionary_splat",
    "list_comprehension",
    "generator_expression",
    "set_comprehension",
    "dictionary_comprehension",
    "await",
    "lambda",
];

/// A list, tuple, set or object written out item by item, whatever the items are
/// (`(User, Team, Invite)`, `[adminRole, memberRole]`): no spread, splat or comprehension
/// adds items, so its length is the code's. Its items may be names bound elsewhere.
fn is_written_out_collection(node: Node, lang: Lang) -> bool {
    let node = match lang {
        Lang::Js => unwrap_expression(node),
        Lang::Py => py::unwrap(node),
    };
    let kinds: &[&str] = match lang {
        Lang::Js => &["array", "object"],
        Lang::Py => &["list", "tuple", "set", "dictionary"],
    };
    let adds_items = [
        "spread_element",
        "list_splat",
        "dictionary_splat",
        "parenthesized_list_splat",
    ];
    let mut cursor = node.walk();
    kinds.contains(&node.kind_name())
        && !node
            .named_children(&mut cursor)
            .any(|c| adds_items.contains(&c.kind_name()))
}

/// A list, tuple, set or object written out with literal items only.
fn is_literal_collection(node: Node, lang: Lang) -> bool {
    let node = match lang {
        Lang::Js => unwrap_expression(node),
        Lang::Py => py::unwrap(node),
    };
    let (kinds, deny) = match lang {
        Lang::Js => (&["array", "object"][..], JS_NOT_LITERAL),
        Lang::Py => (&["list", "tuple", "set", "dictionary"][..], PY_NOT_LITERAL),
    };
    kinds.contains(&node.kind_name()) && !descendants(node).any(|n| deny.contains(&n.kind_name()))
}

/// The loop iterates a collection fixed in the code: a list written out item by item
/// (`for t in ["a", "b"]`, `for model in (User, Team)`), its `.items()` /
/// `Object.entries(...)`, a name bound only to one (a local, or a module constant), or a
/// constant imported from another module of the project (see
/// [`fixed_sets::imported_constant`]).
fn iterates_constant(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    iterates_constant_collection(iterable, cx, lang, is_written_out_collection)
}

/// [`iterates_constant`] for a collection whose items must be literals too: the parts of
/// its items are then constant as well.
fn iterates_literal_constant(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    iterates_constant_collection(iterable, cx, lang, is_literal_collection)
}

fn iterates_constant_collection(
    iterable: Node,
    cx: &TreeContext,
    lang: Lang,
    is_constant: fn(Node, Lang) -> bool,
) -> bool {
    let src = cx.src;
    let mut node = match lang {
        Lang::Js => loops::js_strip_await(iterable),
        Lang::Py => py::unwrap(iterable),
    };
    // `Object.entries(X)`, `X.items()`, `sorted(X)`, a progress bar over them
    // (`tqdm(X.items(), desc=...)`), a copy (`[...X].sort(...)`, or a local name bound only
    // to one: `const ordered = [...X].sort(...)`).
    for _ in 0..6 {
        if lang == Lang::Js {
            if let Some(copied) = js_copy_of(node, src) {
                node = copied;
                continue;
            }
            if node.kind_name() == "identifier" {
                let local = js::visible_bindings(node, text(node, src), cx.root, src);
                if let [binding] = &local[..] {
                    if let Some(copied) = js_copy_of(binding.value, src) {
                        node = copied;
                        continue;
                    }
                }
            }
        }
        let inner = match (lang, node.kind_name()) {
            (Lang::Js, "call_expression") => {
                let callee = js::callee(node).map(|c| text(c, src)).unwrap_or("");
                if !matches!(callee, "Object.entries" | "Object.keys" | "Object.values") {
                    break;
                }
                js::call_arguments(node)
                    .first()
                    .map(|a| unwrap_expression(*a))
            }
            (Lang::Py, "call") => {
                let name = py::callee_name(node, src).unwrap_or("");
                let wrapper =
                    (matches!(name, "sorted" | "enumerate" | "list" | "tuple" | "reversed")
                        && node
                            .field("function")
                            .is_some_and(|f| f.kind_name() == "identifier"))
                        || name == "tqdm";
                if matches!(name, "items" | "keys" | "values") {
                    py::callee_object(node).map(py::unwrap)
                } else if wrapper {
                    py::positional_arguments(node)
                        .first()
                        .map(|a| py::unwrap(*a))
                } else {
                    break;
                }
            }
            _ => break,
        };
        match inner {
            Some(inner) => node = inner,
            None => return false,
        }
    }
    if is_constant(node, lang) {
        return true;
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, src);
    let values: Vec<Node> = match lang {
        Lang::Js => {
            let local = js::visible_bindings(node, name, cx.root, src);
            if local.is_empty() {
                js::module_bindings_of(cx.root, name, src, usize::MAX)
                    .into_iter()
                    .map(|b| b.value)
                    .collect()
            } else {
                local.into_iter().map(|b| b.value).collect()
            }
        }
        Lang::Py => {
            let local = py::visible_bindings(node, name, cx.root, src);
            if local.is_empty() {
                py::module_bindings_of(cx.root, name, src, usize::MAX)
                    .into_iter()
                    .map(|b| b.value)
                    .collect()
            } else {
                local.into_iter().map(|b| b.value).collect()
            }
        }
    };
    if values.is_empty() {
        return fixed_sets::imported_constant(name, cx, lang)
            || fixed_sets::declared_enum(name, cx, lang);
    }
    // A local name may be rebound from a parameter (`if not isinstance(xs, list): xs =
    // [xs]`): only literal items count there; a module constant may hold names
    // (`MODELS = (User, Team)`).
    let at_module_level = |value: Node| match lang {
        Lang::Js => js::enclosing_function(value).is_none(),
        Lang::Py => py::enclosing_function(value).is_none(),
    };
    let constant = match values[..] {
        [value] if at_module_level(value) => is_constant(value, lang),
        [value] => is_literal_collection(value, lang),
        _ => false,
    };
    if !constant {
        return false;
    }
    // Nothing is added to it later.
    let grows = [
        ".push(",
        ".append(",
        ".extend(",
        ".add(",
        ".unshift(",
        ".insert(",
    ];
    !grows.iter().any(|g| {
        let needle = format!("{name}{g}");
        src.match_indices(&needle).any(|(at, _)| {
            // `permissions.add(` is not `self.permissions.add(` or `group_permissions.add(`.
            !src[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c == '.' || c == '_' || c == '$' || c.is_alphanumeric())
        })
    })
}

/// The collection a JavaScript expression copies in the same order or a new one:
/// `[...xs]`, `xs.sort(...)`, `xs.slice()`, `xs.toSorted(...)`, `xs.reverse()`.
fn js_copy_of<'t>(node: Node<'t>, src: &str) -> Option<Node<'t>> {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "array" => {
            let mut cursor = node.walk();
            let items: Vec<Node> = node.named_children(&mut cursor).collect();
            match items[..] {
                [only] if only.kind_name() == "spread_element" => {
                    only.named_child(0).map(unwrap_expression)
                }
                _ => None,
            }
        }
        "call_expression" => {
            let callee = node.field("function")?;
            if callee.kind_name() != "member_expression" {
                return None;
            }
            let property = callee.field("property")?;
            let copies = matches!(
                text(property, src),
                "sort" | "slice" | "toSorted" | "reverse" | "toReversed"
            );
            copies
                .then(|| callee.field("object"))
                .flatten()
                .map(unwrap_expression)
        }
        _ => None,
    }
}

/// `for group in permission["groups"]` inside `for permission in PERMISSIONS`: a part of an
/// item of a constant collection is constant too.
fn iterates_part_of_constant_item(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut node = match lang {
        Lang::Js => loops::js_strip_await(iterable),
        Lang::Py => py::unwrap(iterable),
    };
    // The root of `permission["groups"]` / `permission.groups`.
    let mut stepped = false;
    for _ in 0..8 {
        let next = match node.kind_name() {
            "subscript" => node.field("value"),
            "subscript_expression" | "member_expression" | "attribute" => node.field("object"),
            _ => None,
        };
        match next {
            Some(n) => {
                node = n;
                stepped = true;
            }
            None => break,
        }
    }
    if !stepped || node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, src);
    let outer_kind = match lang {
        Lang::Js => "for_in_statement",
        Lang::Py => "for_statement",
    };
    let Some(outer) = ancestors(iterable).find(|a| {
        a.kind_name() == outer_kind
            && a.field("left")
                .is_some_and(|l| descendants(l).any(|d| is_name(d, lang) && text(d, src) == name))
    }) else {
        return false;
    };
    outer
        .field("right")
        .is_some_and(|r| iterates_literal_constant(r, cx, lang))
}

/// The most items a loop bounded in the code (`rows[:5]`, `.slice(0, 5)`, `.limit(5)`) may
/// have and still count as a handful: its queries do not grow with the data.
const FEW_ITEMS: u64 = 10;

/// `LIMIT 5` in the text of a SQL statement.
static SQL_LIMIT_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"(?i)\blimit\s+(\d+)\b"));

/// A small integer literal (at most [`FEW_ITEMS`]).
fn is_few(node: Node, src: &str) -> bool {
    let node = unwrap_expression(node);
    matches!(node.kind_name(), "number" | "integer")
        && text(node, src)
            .parse::<u64>()
            .is_ok_and(|n| (1..=FEW_ITEMS).contains(&n))
}

/// The loop iterates at most a few items, a bound written in the code: a slice
/// (`rows[:5]`, `rows.slice(0, 5)`, `islice(rows, 5)`), a query limited to a few rows
/// (`.limit(5)`, `take: 5`, `LIMIT 5`), or a local name bound only to one of these.
fn iterates_a_few(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut node = iterable;
    for _ in 0..16 {
        node = match lang {
            Lang::Js => loops::js_strip_await(node),
            Lang::Py => py::unwrap(node),
        };
        let next = match node.kind_name() {
            // `rows[:5]`, `rows[0:5]`.
            "subscript" => {
                let mut cursor = node.walk();
                let slice = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind_name() == "slice");
                if let Some(slice) = slice {
                    let written: String = text(slice, src)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let stop = written
                        .strip_prefix(':')
                        .or_else(|| written.strip_prefix("0:"));
                    return stop.is_some_and(|n| {
                        n.parse::<u64>().is_ok_and(|n| (1..=FEW_ITEMS).contains(&n))
                    });
                }
                node.field("value")
            }
            "call" => {
                let name = py::callee_name(node, src).unwrap_or("");
                let args = py::positional_arguments(node);
                if name == "limit" && args.len() == 1 && is_few(args[0], src) {
                    return true;
                }
                if name == "islice" && args.len() == 2 && is_few(args[1], src) {
                    return true;
                }
                if matches!(name, "execute" | "fetch" | "fetchall" | "all")
                    && args.first().is_some_and(|a| sql_limits_to_a_few(*a, src))
                {
                    return true;
                }
                match name {
                    "enumerate" | "list" | "sorted" | "reversed" | "tuple" => args.first().copied(),
                    _ => py::callee_object(node),
                }
            }
            "call_expression" => {
                let name = js::callee_name(node, src).unwrap_or("");
                let args = js::call_arguments(node);
                match (name, &args[..]) {
                    ("slice", [start, stop]) if text(*start, src) == "0" && is_few(*stop, src) => {
                        return true;
                    }
                    ("limit" | "take", [n]) if is_few(*n, src) => return true,
                    _ => {}
                }
                let limited_by_argument = args.iter().any(|a| {
                    let a = unwrap_expression(*a);
                    match a.kind_name() {
                        "object" => {
                            let mut cursor = a.walk();
                            let pairs: Vec<Node> = a.named_children(&mut cursor).collect();
                            pairs.into_iter().any(|pair| {
                                pair.kind_name() == "pair"
                                    && pair
                                        .field("key")
                                        .is_some_and(|k| matches!(text(k, src), "take" | "limit"))
                                    && pair.field("value").is_some_and(|v| is_few(v, src))
                            })
                        }
                        "string" | "template_string" => sql_limits_to_a_few(a, src),
                        _ => false,
                    }
                });
                if limited_by_argument {
                    return true;
                }
                match name {
                    "entries" | "keys" | "values" | "from" => args.first().copied(),
                    _ => js::callee_object(node),
                }
            }
            "member_expression" => match node.field("property").map(|p| text(p, src)) {
                Some("rows" | "recordset") => node.field("object"),
                _ => None,
            },
            "identifier" => {
                let name = text(node, src);
                only_binding_value(node, name, lang, cx)
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    false
}

/// A SQL string whose statement ends with `LIMIT n` for a small literal `n`.
fn sql_limits_to_a_few(node: Node, src: &str) -> bool {
    let statement = text(node, src);
    let Some(re) = SQL_LIMIT_TEXT.as_ref() else {
        return false;
    };
    let bytes = statement.as_bytes();
    re.captures_iter(bytes).last().is_some_and(|c| {
        c.get(1)
            .and_then(|m| std::str::from_utf8(m.as_bytes()).ok())
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| (1..=FEW_ITEMS).contains(&n))
    })
}

/// Names whose members are the app's configuration.
const CONFIGURATION_ROOTS: &[&str] = &[
    "settings",
    "config",
    "conf",
    "configuration",
    "app_config",
    "appConfig",
    "CONFIG",
    "SETTINGS",
];

/// The loop iterates configuration (`settings.SSO_ROLE_MAP`, `config.get("roles", [])`,
/// `process.env.ADMINS.split(",")`), or a local name bound only to it: a handful of items an
/// administrator wrote, not rows.
fn iterates_configuration(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut node = iterable;
    for _ in 0..24 {
        node = match lang {
            Lang::Js => loops::js_strip_await(node),
            Lang::Py => py::unwrap(node),
        };
        let chain = text(node, src);
        if [
            "process.env",
            "app.config",
            "current_app.config",
            "this.config",
        ]
        .iter()
        .any(|p| chain.starts_with(p))
        {
            return true;
        }
        let next = match node.kind_name() {
            "call" => node.field("function"),
            "call_expression" => match js::callee(node).map(|c| text(c, src)) {
                Some("Object.entries" | "Object.keys" | "Object.values") => {
                    js::call_arguments(node).first().copied()
                }
                _ => js::callee(node),
            },
            "attribute" | "member_expression" | "subscript_expression" => node.field("object"),
            "subscript" => node.field("value"),
            "identifier" => {
                let name = text(node, src);
                if CONFIGURATION_ROOTS.contains(&name) {
                    return true;
                }
                only_binding_value(node, name, lang, cx)
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    false
}

/// True when the call only builds a query that runs once elsewhere: a MongoDB bulk
/// operation queued on `initializeUnorderedBulkOp()` (run by `bulk.execute()` after the
/// loop), or a slonik / Drizzle / Kysely `sql` fragment (these tags build SQL; a pool or
/// `db.execute` runs it).
fn js_builds_without_running(method_call: Node, api: DbApi, cx: &TreeContext) -> bool {
    let src = cx.src;
    if api == DbApi::SqlDriver && js::is_tagged_template(method_call) {
        return cx.text_fact("builds sql fragments with a tag", |s| {
            SQL_FRAGMENT_TAG_TEXT
                .as_ref()
                .is_some_and(|re| re.is_match(s.as_bytes()))
        });
    }
    // The root of the chain: `bulk` in `bulk.find(q).upsert().updateOne(u)`.
    let mut n = method_call;
    for _ in 0..16 {
        let next = match n.kind_name() {
            "call_expression" => js::callee(n),
            "member_expression" => n.field("object"),
            _ => None,
        };
        match next.map(unwrap_expression) {
            Some(next) => n = next,
            None => break,
        }
    }
    if n.kind_name() != "identifier" {
        return false;
    }
    let root = text(n, src).as_bytes();
    if !cx.text_fact("queues a bulk operation", |s| s.contains("rderedBulkOp")) {
        return false;
    }
    BULK_OPERATION_TEXT.as_ref().is_some_and(|re| {
        re.captures_iter(src.as_bytes())
            .any(|c| c.get(1).is_some_and(|name| name.as_bytes() == root))
    })
}

/// `bulk = collection.initializeUnorderedBulkOp(`: the name a bulk operation is bound to.
static BULK_OPERATION_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(r"\b([\w$]+)\s*=\s*[^;\n]*?initialize(?:Un)?[oO]rderedBulkOp\s*\(")
});

/// A file whose `sql` tag builds fragments: it imports the tag from slonik, Drizzle or
/// Kysely, takes it from Prisma (`const { sql } = Prisma`: `Prisma.sql` builds the text a
/// later `$queryRaw` runs), or composes with `sql.join` / `sql.fragment` / `sql.identifier`.
static SQL_FRAGMENT_TAG_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"\bsql\s*\.\s*(?:join|fragment|identifier)\b|\bsql\b[^;]*?\bfrom\s*['"][^'"]*(?:slonik|drizzle|kysely)|\{[^}]*\bsql\b[^}]*\}\s*=\s*Prisma\b"#,
    )
});

/// A class declaration: its name and what it extends.
static JS_CLASS_TEXT: LazyLock<Option<Regex>> =
    LazyLock::new(|| crate::util::byte_pattern(r"\bclass\s+(\w+)\b(?:\s+extends\s+([\w.]+))?"));

/// An import or require of names from a module: the braced names (1, 4) or the bound name
/// (2, 3), and the module (5).
static JS_IMPORT_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"(?:import\s+(?:type\s+)?(?:\w+\s*,\s*)?\{([^}]*)\}\s*from|import\s+(\w+)\s+from|\b(\w+)\s*=\s*require\s*\(|\{([^}]*)\}\s*=\s*require\s*\()\s*['"]([^'"]+)['"]"#,
    )
});

/// True when `word` occurs in `text` between non-word bytes.
fn holds_word(text: &[u8], word: &[u8]) -> bool {
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    !word.is_empty()
        && text.windows(word.len()).enumerate().any(|(at, w)| {
            w == word
                && (at == 0 || !is_word(&text[at - 1]))
                && text.get(at + word.len()).is_none_or(|b| !is_word(b))
        })
}

/// A capitalised receiver (`Foo.create(...)`) counts as a model unless the file says it is
/// something else: it is imported from a module whose path names no model, entity, schema
/// or database, or declared in this file as a class that extends nothing (a DTO, a
/// ProseMirror `NodeSelection`, a translator factory).
fn js_receiver_may_be_model(method_call: Node, api: DbApi, src: &str) -> bool {
    if api != DbApi::Model {
        return true;
    }
    let Some(object) = js::callee_object(method_call).map(unwrap_expression) else {
        return true;
    };
    if object.kind_name() != "identifier" {
        return true;
    }
    let name = text(object, src).as_bytes();
    let declared = JS_CLASS_TEXT.as_ref().and_then(|re| {
        re.captures_iter(src.as_bytes())
            .find(|c| c.get(1).is_some_and(|n| n.as_bytes() == name))
    });
    if let Some(class) = declared {
        return class.get(2).is_some();
    }
    let imported = JS_IMPORT_TEXT.as_ref().and_then(|re| {
        re.captures_iter(src.as_bytes()).find_map(|c| {
            let in_braces = [c.get(1), c.get(4)]
                .into_iter()
                .flatten()
                .any(|names| holds_word(names.as_bytes(), name));
            let bound = [c.get(2), c.get(3)]
                .into_iter()
                .flatten()
                .any(|bound| bound.as_bytes() == name);
            (in_braces || bound).then(|| c.get(5)).flatten()
        })
    });
    let Some(path) = imported.map(|m| String::from_utf8_lossy(m.as_bytes()).to_ascii_lowercase())
    else {
        return true;
    };
    const MODEL_PATH_WORDS: &[&str] = &[
        "model",
        "entit",
        "schema",
        "db",
        "database",
        "orm",
        "prisma",
        "sequelize",
        "mongoose",
        "typeorm",
        "objection",
        "repositor",
        "dao",
        "store",
        "collection",
        "table",
        "record",
    ];
    MODEL_PATH_WORDS.iter().any(|w| path.contains(w))
}

/// True when nothing says the call reaches a database although its method is named like a
/// query: a method of the class itself (`this.insertOne(stage)` in a class that extends
/// nothing: an in-memory fake or a wrapper of its own), a capitalised module handed in as an
/// untyped parameter (`define([...], function (Util) { Util.find(obj, path) })`), an entity
/// "manager" in a file that never mentions TypeORM or MikroORM (`store.manager.delete(...)`
/// of an in-memory store), or a search given a callback (`tree.findAll(node => ...)`: a
/// predicate over objects in memory; ORMs take an options object).
fn js_no_database_behind(method_call: Node, api: DbApi, cx: &TreeContext) -> bool {
    let src = cx.src;
    let Some(object) = js::callee_object(method_call).map(unwrap_expression) else {
        return false;
    };
    let first_is_callback = js::call_arguments(method_call)
        .first()
        .is_some_and(|a| js::is_function(unwrap_expression(*a)));
    if first_is_callback
        && matches!(
            api,
            DbApi::Sequelize | DbApi::Model | DbApi::Mongo | DbApi::TypeOrm
        )
    {
        return true;
    }
    match object.kind_name() {
        "this" => ancestors(method_call)
            .find(|a| matches!(a.kind_name(), "class_declaration" | "class"))
            .is_some_and(|class| !class_extends(class, src)),
        "identifier" if api == DbApi::Model => {
            untyped_parameter_of_enclosing(method_call, text(object, src), src)
        }
        _ if api == DbApi::TypeOrm => {
            let receiver = match object.kind_name() {
                "member_expression" => object.field("property").map_or("", |p| text(p, src)),
                _ => text(object, src),
            };
            let words = identifier_words(receiver);
            let manager_only = words.iter().any(|w| w == "manager" || w == "em")
                && !words.iter().any(|w| w.starts_with("repo"));
            manager_only
                && !cx.text_fact("mentions TypeORM or MikroORM", |s| {
                    ["typeorm", "mikro-orm", "EntityManager", "DataSource"]
                        .iter()
                        .any(|m| s.contains(m))
                })
        }
        _ => false,
    }
}

/// `self.insert_one(row)` in a class that derives from nothing (or only `object`): the
/// class's own method, an in-memory fake store or a wrapper, not an ORM manager it inherits.
/// A call given SQL text (`self.execute("SELECT ...")`) still runs a query.
fn py_own_method_of_plain_class(method_call: Node, src: &str) -> bool {
    let on_self = method_call
        .field("function")
        .filter(|f| f.kind_name() == "attribute")
        .and_then(|f| f.field("object"))
        .is_some_and(|o| o.kind_name() == "identifier" && text(o, src) == "self");
    // `self.execute("SELECT ...")`: a wrapper of a database's own, given SQL text.
    let sql_text = py::positional_arguments(method_call)
        .first()
        .is_some_and(|a| py::string_value(*a, src).is_some() || py::is_fstring(*a));
    if !on_self || sql_text {
        return false;
    }
    ancestors(method_call)
        .find(|a| a.kind_name() == "class_definition")
        .is_some_and(|class| {
            class.field("superclasses").is_none_or(|bases| {
                let written = text(bases, src);
                let inner = written.trim_start_matches('(').trim_end_matches(')').trim();
                inner.is_empty() || inner == "object"
            })
        })
}

/// `class A extends B`: the class inherits methods (a TypeORM `Repository`, a Sequelize
/// `Model`) that may run queries on `this`.
fn class_extends(class: Node, src: &str) -> bool {
    let mut cursor = class.walk();
    let heritage = class
        .named_children(&mut cursor)
        .find(|c| c.kind_name() == "class_heritage");
    heritage.is_some_and(|h| text(h, src).contains("extends"))
}

/// The name is a parameter without a type annotation of a function around the node.
fn untyped_parameter_of_enclosing(node: Node, name: &str, src: &str) -> bool {
    ancestors(node)
        .filter(|a| js::is_function(*a))
        .any(|function| {
            let Some(params) = function.field("parameters") else {
                return false;
            };
            let mut cursor = params.walk();
            params.named_children(&mut cursor).any(|p| {
                let written = text(p, src);
                let declared = written
                    .split([':', '=', '?'])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches("...");
                declared == name && !written.contains(':')
            })
        })
}

/// Django builds a queryset lazily: one passed to `Exists(...)`, `Subquery(...)` or
/// `Prefetch(...)` becomes part of a query that runs once, after the loop.
fn py_lazy_subquery(call: Node, lp: &Loop, src: &str) -> bool {
    ancestors(call)
        .take_while(|a| a.id() != lp.body.id())
        .any(|a| {
            a.kind_name() == "call"
                && py::callee_name(a, src)
                    .is_some_and(|n| matches!(n, "Exists" | "Subquery" | "Prefetch"))
        })
}

/// True when the query sits where it does not run once per row although it is in the loop:
/// in an error handler (`except` / `catch`: the fallback of an iteration that failed), right
/// before the loop is left (`create(...)` then `return`, `return await x.count()`), or under
/// a test that the loop variable equals a constant (`if param == "bundle":`), which holds for
/// one item at most.
fn runs_off_the_row_path(call: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    let statement_loop = matches!(lp.kind, LoopKind::For | LoopKind::ForEach | LoopKind::While);
    let (handler, block) = match lang {
        Lang::Js => ("catch_clause", "statement_block"),
        Lang::Py => ("except_clause", "block"),
    };
    let mut child = call;
    for anc in ancestors(call) {
        if anc.id() == lp.node.id() {
            break;
        }
        let kind = anc.kind_name();
        if kind == handler {
            return true;
        }
        if statement_loop && leaves_the_loop(child, lang) {
            return true;
        }
        if (kind == block || anc.id() == lp.body.id())
            && statement_loop
            && later_siblings_leave_the_loop(child, lang)
        {
            return true;
        }
        if matches!(kind, "if_statement" | "elif_clause")
            && anc.field("consequence").is_some_and(|c| {
                c.start_byte() <= call.start_byte() && call.end_byte() <= c.end_byte()
            })
            && anc
                .field("condition")
                .is_some_and(|c| tests_variable_equals_constant(c, lp, src, lang))
        {
            return true;
        }
        if anc.id() == lp.body.id() {
            break;
        }
        child = anc;
    }
    false
}

/// A `return` (or `throw` / `raise`) statement: reaching it leaves a statement loop.
fn leaves_the_loop(statement: Node, lang: Lang) -> bool {
    match lang {
        Lang::Js => matches!(
            statement.kind_name(),
            "return_statement" | "throw_statement"
        ),
        Lang::Py => matches!(
            statement.kind_name(),
            "return_statement" | "raise_statement"
        ),
    }
}

/// True when a statement after `statement` in its block leaves the loop unconditionally
/// (`return`, `throw`/`raise`, or a `break` that is not a `switch`'s).
fn later_siblings_leave_the_loop(statement: Node, lang: Lang) -> bool {
    let in_switch = ancestors(statement).any(|a| a.kind_name() == "switch_case");
    let mut next = statement.next_named_sibling();
    while let Some(sibling) = next {
        if leaves_the_loop(sibling, lang)
            || (sibling.kind_name() == "break_statement" && !in_switch)
        {
            return true;
        }
        next = sibling.next_named_sibling();
    }
    false
}

/// `param == "bundle"`, `kind === 3`: the loop variable compared for equality with a literal.
fn tests_variable_equals_constant(condition: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    let condition = match lang {
        Lang::Js => unwrap_expression(condition),
        Lang::Py => py::unwrap(condition),
    };
    let operands: Vec<Node> = match (lang, condition.kind_name()) {
        (Lang::Js, "binary_expression") => {
            let operator = condition.field("operator").map(|o| text(o, src));
            if !matches!(operator, Some("===" | "==")) {
                return false;
            }
            condition
                .field("left")
                .into_iter()
                .chain(condition.field("right"))
                .collect()
        }
        (Lang::Py, "comparison_operator") => {
            let mut cursor = condition.walk();
            let equality = condition
                .children(&mut cursor)
                .filter(|c| !c.is_named())
                .all(|c| c.kind_name() == "==");
            let mut cursor = condition.walk();
            let operands: Vec<Node> = condition.named_children(&mut cursor).collect();
            if !equality || operands.len() != 2 {
                return false;
            }
            operands
        }
        _ => return false,
    };
    let is_variable =
        |n: &Node| n.kind_name() == "identifier" && lp.variables.iter().any(|v| v == text(*n, src));
    let is_literal = |n: &Node| match lang {
        Lang::Js => {
            matches!(
                n.kind_name(),
                "string" | "number" | "true" | "false" | "null"
            ) || (n.kind_name() == "template_string"
                && !descendants(*n).any(|d| d.kind_name() == "template_substitution"))
        }
        Lang::Py => {
            matches!(
                n.kind_name(),
                "integer" | "float" | "true" | "false" | "none" | "concatenated_string"
            ) || (n.kind_name() == "string"
                && !descendants(*n).any(|d| d.kind_name() == "interpolation"))
        }
    };
    operands.len() == 2
        && ((is_variable(&operands[0]) && is_literal(&operands[1]))
            || (is_literal(&operands[0]) && is_variable(&operands[1])))
}

/// Django querysets are lazy: `picked |= Tag.objects.filter(...)` combines one into a query
/// that runs once, after the loop.
fn py_combined_lazily(call: Node, src: &str) -> bool {
    const LAZY: &[&str] = &[
        "filter",
        "exclude",
        "all",
        "none",
        "order_by",
        "annotate",
        "distinct",
        "values",
        "values_list",
        "select_related",
        "prefetch_related",
        "only",
        "defer",
    ];
    if !py::callee_name(call, src).is_some_and(|n| LAZY.contains(&n)) {
        return false;
    }
    let Some(parent) = call.parent() else {
        return false;
    };
    let operator = parent.field("operator").map(|o| text(o, src));
    match parent.kind_name() {
        "binary_operator" => matches!(operator, Some("|" | "&")),
        "augmented_assignment" => {
            matches!(operator, Some("|=" | "&="))
                && parent.field("right").is_some_and(|r| r.id() == call.id())
        }
        _ => false,
    }
}

/// `Check.objects.filter(id=check.id)` in a loop over `Check.objects...`: the row is read
/// again on purpose (to see that it still exists, or to copy it), not a lookup the first
/// query could have batched.
fn py_rereads_its_own_row(call: Node, lp: &Loop, src: &str) -> bool {
    let Some(iterable) = lp.iterable else {
        return false;
    };
    // The model: the root of `Check.objects.filter(...).exists()`.
    let mut root = call;
    for _ in 0..16 {
        let next = match root.kind_name() {
            "call" => root.field("function"),
            "attribute" => root.field("object"),
            _ => None,
        };
        match next {
            Some(n) => root = n,
            None => break,
        }
    }
    if root.kind_name() != "identifier" {
        return false;
    }
    let model = text(root, src);
    if !text(iterable, src).contains(&format!("{model}.objects")) {
        return false;
    }
    descendants(call).any(|n| {
        if n.kind_name() != "keyword_argument" {
            return false;
        }
        let name = n.field("name").map(|k| text(k, src));
        let value = n.field("value").map(|v| text(v, src)).unwrap_or("");
        matches!(name, Some("id" | "pk"))
            && lp.variables.iter().any(|v| {
                value
                    .strip_prefix(v.as_str())
                    .is_some_and(|rest| rest == ".id" || rest == ".pk")
            })
    })
}

/// The value a name is bound to when exactly one binding of it is visible from `node` (and
/// it is not `node` itself).
fn only_binding_value<'t>(
    node: Node<'t>,
    name: &str,
    lang: Lang,
    cx: &TreeContext<'t>,
) -> Option<Node<'t>> {
    let values: Vec<Node> = match lang {
        Lang::Js => js::visible_bindings(node, name, cx.root, cx.src)
            .into_iter()
            .map(|b| b.value)
            .collect(),
        Lang::Py => py::visible_bindings(node, name, cx.root, cx.src)
            .into_iter()
            .map(|b| b.value)
            .collect(),
    };
    match values[..] {
        [value] if value.id() != node.id() => Some(value),
        _ => None,
    }
}
