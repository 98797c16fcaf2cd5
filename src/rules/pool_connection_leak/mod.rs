//! pool-connection-leak: a connection taken from a pool that is not given back on every
//! path: never released, or released after awaits (JavaScript) or calls (Python) that can
//! throw, outside `finally` / `with`.

mod finally_fix;

use finally_fix::next_statement;

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::diagnostic::{Applicability, Findings, Fix, Severity};
use crate::facts::ProjectContext;
use crate::facts::collect::Fact;
use crate::facts::summaries::{AcquireQuestions, HeldLeak};
use crate::lang::tree::{ancestors, contains, descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::shared::db::{self, Acquire};
use crate::rules::{Prescan, Rule, TreeContext};

pub struct PoolConnectionLeak;

impl Rule for PoolConnectionLeak {
    fn facts(&self) -> &'static [Fact] {
        &[Fact::Summaries]
    }

    fn acquire_questions(&self) -> Option<&'static AcquireQuestions> {
        Some(&ACQUIRE_QUESTIONS)
    }

    /// A connection held from a function of another module that takes it from a pool and
    /// returns it (`const conn = await getConn()` from `./db`, `conn = acquire_db()`), not
    /// released on every path: reported at the call, naming the function and labelled at
    /// its pool call.
    fn check_project(&self, cx: &ProjectContext, out: &mut Findings) {
        let files = &cx.project.files;
        let wrapper_reported =
            cx.reports_summaries_where(|s| s.functions.iter().any(|f| f.pooled.is_some()));
        if !wrapper_reported && !cx.reports_summaries_where(|s| !s.held_calls.is_empty()) {
            return;
        }
        let model = cx.summaries();
        for (index, file) in files.iter().enumerate() {
            // Summaries are read only where a finding may be reported.
            if !(wrapper_reported || cx.reports(index)) {
                continue;
            }
            let Some(summaries) = file.facts.file_summaries() else {
                continue;
            };
            for call in &summaries.held_calls {
                let Some((target, pooled, leak)) =
                    model.held_call_leaks((index, call.function), call)
                else {
                    continue;
                };
                let Some(wrapper_file) = model.file(target) else {
                    continue;
                };
                let name = model.function_name(target);
                let mut report = out.report_in(
                    Some(file.display.clone()),
                    leak.range.clone(),
                    format!(
                        "{}; `{name}` ({}:{}) returns a pooled connection",
                        leak.message, wrapper_file.display, pooled.line
                    ),
                );
                for (range, message) in &leak.labels {
                    report = report.label(range.clone(), message.clone());
                }
                report = report.label_in(
                    wrapper_file.display.clone(),
                    pooled.range.clone(),
                    format!(
                        "`{name}` takes the connection from `{}` here",
                        pooled.callee
                    ),
                );
                if let Some(help) = &leak.help {
                    report = report.help(help.clone());
                }
                drop(report);
            }
        }
    }

    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&[
            "getConnection",
            "connect(",
            "acquire",
            "getconn",
            "raw_connection",
        ]]
    }

    fn may_match(&self, file: &Prescan) -> bool {
        !file.is_py() || py_may_hold_connection(file.bytes)
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(name) = js::callee_name(call, src) else {
            return;
        };
        if !matches!(
            name,
            "getConnection" | "connect" | "acquire" | "acquireConnection"
        ) {
            return;
        }
        let pools = if name == "connect" {
            js_pool_names(cx.root, src)
        } else {
            Vec::new()
        };
        let Some(kind) = db::js_pool_acquire(call, src, &pools) else {
            return;
        };
        let pool = js::callee_object(call).map_or("pool", |o| text(o, src));
        if name == "connect" && is_mssql_pool(call, pool, src) {
            return;
        }
        if runs_as_cli_command(call, Lang::Js, src) {
            return;
        }
        acquired(call, js_holder(call, src), kind, pool, Lang::Js, cx, out);
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call"]
    }

    fn check_py(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(name) = cx.py_callee_name(call) else {
            return;
        };
        if !matches!(name, "getconn" | "connect" | "raw_connection" | "acquire") {
            return;
        }
        let engines = if name == "connect" {
            py_engine_names(cx.root, src)
        } else {
            Vec::new()
        };
        let Some(kind) = db::py_pool_acquire(call, src, &engines) else {
            return;
        };
        let pool = py::callee_object(call).map_or("pool", |o| text(o, src));
        if runs_as_cli_command(call, Lang::Py, src) {
            return;
        }
        acquired(call, py_holder(call, src), kind, pool, Lang::Py, cx, out);
    }
}

/// True when the acquisition runs in a command-line command: a Python function decorated
/// as one (`@click.command()`, `@cli.command()`, `@app.cli.command()`, `@click.option(...)`,
/// typer's `@app.command()`), or the JavaScript action of a commander command
/// (`program.command('upgrade').action(async () => {...})`). The process exits when the
/// command is done, and the pool with it: there is no pool of a long-lived server to exhaust.
fn runs_as_cli_command(call: Node, lang: Lang, src: &str) -> bool {
    match lang {
        Lang::Py => ancestors(call)
            .filter(|a| a.kind_name() == "function_definition")
            .filter_map(|f| {
                f.parent()
                    .filter(|p| p.kind_name() == "decorated_definition")
            })
            .any(|definition| {
                let mut cursor = definition.walk();
                let decorators: Vec<Node> = definition
                    .named_children(&mut cursor)
                    .filter(|d| d.kind_name() == "decorator")
                    .collect();
                decorators.into_iter().any(|decorator| {
                    let path = text(decorator, src)
                        .trim_start_matches('@')
                        .split('(')
                        .next()
                        .unwrap_or("")
                        .trim();
                    let last = path.rsplit('.').next().unwrap_or(path);
                    path.starts_with("click.")
                        || path.starts_with("typer.")
                        || (path.contains('.') && matches!(last, "command" | "group"))
                })
            }),
        Lang::Js => ancestors(call).filter(|a| js::is_function(*a)).any(|f| {
            let Some(invocation) = f
                .parent()
                .filter(|p| p.kind_name() == "arguments")
                .and_then(|a| a.parent())
                .filter(|c| c.kind_name() == "call_expression")
            else {
                return false;
            };
            js::callee_name(invocation, src) == Some("action")
                && js::callee_object(invocation).is_some_and(|o| text(o, src).contains(".command("))
        }),
    }
}

/// Analyses an acquisition held by `holder`, or, when the function it is in returns the
/// connection to its caller, each call of that function in the module.
fn acquired(
    call: Node,
    holder: Option<Holder>,
    kind: Acquire,
    pool: &str,
    lang: Lang,
    cx: &TreeContext,
    out: &mut Findings,
) {
    match holder {
        Some(holder) if !returns_held(&holder, lang, cx.src) => {
            analyse(call, kind, pool, holder, lang, cx, out)
        }
        // `returns_held` is false for a callback's connection.
        Some(holder) => through_wrapper(call, holder.scope, kind, pool, lang, cx, out),
        None => {
            if let Some(wrapper) = wrapper_returning(call, lang) {
                through_wrapper(call, wrapper, kind, pool, lang, cx, out)
            }
        }
    }
}

/// Who holds the connection a call returns, in either language.
fn holder_of<'t>(call: Node<'t>, lang: Lang, src: &str) -> Option<Holder<'t>> {
    match lang {
        Lang::Js => js_holder(call, src),
        Lang::Py => py_holder(call, src),
    }
}

/// The callee of a call, in either language.
fn callee_of(call: Node, lang: Lang) -> Option<Node> {
    match lang {
        Lang::Js => js::callee(call),
        Lang::Py => call.field("function"),
    }
}

/// The function a node is in, in either language.
fn function_of(node: Node, lang: Lang) -> Option<Node> {
    match lang {
        Lang::Js => js::enclosing_function(node),
        Lang::Py => py::enclosing_function(node),
    }
}

/// A function of the module that takes a connection and returns it to its caller
/// (`async function getConn() { return pool.getConnection() }`, `def get_conn(): return
/// pool.getconn()`): each call of it in the module is an acquisition, analysed where it
/// is called, with a label at the pool call inside the wrapper.
fn through_wrapper(
    acquisition: Node,
    wrapper: Node,
    kind: Acquire,
    pool: &str,
    lang: Lang,
    cx: &TreeContext,
    out: &mut Findings,
) {
    let src = cx.src;
    let Some(name) = function_name(wrapper, lang, src) else {
        return;
    };
    let call_kind = match lang {
        Lang::Js => "call_expression",
        Lang::Py => "call",
    };
    let calls: Vec<Node> = crate::lang::tree::descendants_mentioning(cx.root, src, &name)
        .filter(|n| n.kind_name() == call_kind && !contains(wrapper, *n))
        .filter(|n| {
            callee_of(*n, lang)
                .is_some_and(|c| c.kind_name() == "identifier" && text(c, src) == name)
        })
        .collect();
    for call in calls {
        let Some(holder) =
            holder_of(call, lang, src).filter(|h| !h.callback && !returns_held(h, lang, src))
        else {
            continue;
        };
        let before = out.items.len();
        analyse(call, kind, pool, holder, lang, cx, out);
        for finding in out.items.iter_mut().skip(before) {
            finding.labels.push(crate::diagnostic::Label {
                file: None,
                range: acquisition.byte_range(),
                message: format!("`{name}()` takes the connection from the pool here"),
            });
        }
    }
}

/// The function whose result is the call `acquisition` itself: it returns it
/// (`return await pool.connect()`) or is an arrow with it as its expression body.
fn wrapper_returning(acquisition: Node, lang: Lang) -> Option<Node> {
    let mut node = acquisition;
    loop {
        let parent = node.parent()?;
        match parent.kind_name() {
            "await_expression"
            | "await"
            | "parenthesized_expression"
            | "as_expression"
            | "non_null_expression" => node = parent,
            "return_statement" => return function_of(parent, lang),
            "arrow_function" if parent.field("body").map(|b| b.id()) == Some(node.id()) => {
                return Some(parent);
            }
            _ => return None,
        }
    }
}

/// Whether the function holding the connection returns the name it is held by.
fn returns_held(holder: &Holder, lang: Lang, src: &str) -> bool {
    if holder.callback || holder.anonymous || holder.name.is_empty() {
        return false;
    }
    crate::lang::tree::descendants_mentioning(holder.scope, src, &holder.name).any(|n| {
        n.kind_name() == "return_statement"
            && crate::lang::tree::first_named_child_not_comment(n).is_some_and(|value| {
                let value = match lang {
                    Lang::Js => unwrap_expression(value),
                    Lang::Py => py::unwrap(value),
                };
                value.kind_name() == "identifier" && text(value, src) == holder.name
            })
            && !in_nested_function(n, holder.scope, lang)
    })
}

/// The name a function is called by in its module: a declaration's name, or the variable
/// an arrow or function expression is bound to.
fn function_name(function: Node, lang: Lang, src: &str) -> Option<String> {
    if let Some(name) = function.field("name") {
        return Some(text(name, src).to_string());
    }
    if lang == Lang::Js {
        let declarator = function.parent()?;
        if declarator.kind_name() == "variable_declarator" {
            let name = declarator.field("name")?;
            return (name.kind_name() == "identifier").then(|| text(name, src).to_string());
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Js,
    Py,
}

/// Who holds the acquired connection.
#[derive(Clone)]
struct Holder<'t> {
    /// The variable's name.
    name: String,
    /// Where the connection is used: the function (or callback) the variable lives in.
    scope: Node<'t>,
    /// A callback's `done`/`release` parameter (pg `pool.connect((err, client, done) => ...)`).
    done: Option<String>,
    /// The acquisition is not bound to any name and never released.
    anonymous: bool,
    /// The connection arrives in a callback (`getConnection((err, conn) => ...)`,
    /// `.then(conn => ...)`): paths are not followed, any release is trusted.
    callback: bool,
}

/// Top-level names bound to a pg/mysql pool: `const db = new Pool(...)`.
fn js_pool_names(root: Node, src: &str) -> Vec<String> {
    js::declarators(root)
        .into_iter()
        .filter(|(_, _, value)| {
            let v = text(*value, src);
            v.contains("Pool(") || v.contains("Pool<") || v.contains("createPool")
        })
        .map(|(_, name, _)| text(name, src).to_string())
        .collect()
}

/// Without a parse: could a Python file assign a pooled connection to a name, as
/// `check_py` requires (`db::py_pool_acquire` and `py_holder`)? Each `.getconn(`,
/// `.raw_connection(`, `.connect(` or `.acquire(` counts unless its receiver's name rules it
/// out (`connect` needs an `engine` word or a file that creates engines, `acquire` a `pool`
/// word) or it sits on a `with`, `return` or `yield` line with no `=` before it. When the
/// receiver is not a plain name on the same line the text cannot tell: it counts.
fn py_may_hold_connection(src: &[u8]) -> bool {
    py_may_take_connection(src, false)
}

/// `py_may_hold_connection`, where a pool call on a `return` line counts too when
/// `returned` (a wrapper handing the connection to its caller).
fn py_may_take_connection(src: &[u8], returned: bool) -> bool {
    const METHODS: &[&[u8]] = &[b"getconn", b"raw_connection", b"connect", b"acquire"];
    let creates_engines = memchr::memmem::find(src, b"create_engine").is_some()
        || memchr::memmem::find(src, b"create_async_engine").is_some();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    for dot in memchr::memchr_iter(b'.', src) {
        let rest = &src[dot + 1..];
        let name_at = rest.len() - rest.trim_ascii_start().len();
        let after_dot = &rest[name_at..];
        let Some(method) = METHODS.iter().find(|m| {
            after_dot.starts_with(m)
                && after_dot[m.len()..].trim_ascii_start().first() == Some(&b'(')
        }) else {
            continue;
        };
        // The receiver's name: the word right before the dot, past white space and line
        // continuations. A chain broken across lines may hide a comment there: then the
        // name is not read (it counts).
        let before = src[..dot].trim_ascii_end();
        let before = before
            .strip_suffix(b"\\")
            .unwrap_or(before)
            .trim_ascii_end();
        let word_len = if src[before.len()..dot].contains(&b'\n') {
            0
        } else {
            before.iter().rev().take_while(|c| is_word(**c)).count()
        };
        let receiver = String::from_utf8_lossy(&before[before.len() - word_len..]);
        if word_len > 0
            && ((*method == b"connect"
                && !db::has_word(&receiver, &["engine"])
                && !creates_engines)
                || (*method == b"acquire" && !db::has_word(&receiver, &["pool"])))
        {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &src[..dot]).map_or(0, |at| at + 1);
        let line = &src[line_start..dot];
        let statement = line.trim_ascii_start();
        let opens_without_binding = [&b"with "[..], b"async with ", b"return ", b"yield "]
            .iter()
            .any(|k| statement.starts_with(k) && !(returned && *k == b"return "));
        if opens_without_binding && !line.contains(&b'=') {
            continue;
        }
        return true;
    }
    false
}

/// Module-level names bound to `create_engine(...)`.
fn py_engine_names(root: Node, src: &str) -> Vec<String> {
    py::assignments(root)
        .into_iter()
        .filter(|(_, _, right)| {
            let v = text(*right, src);
            v.contains("create_engine") || v.contains("create_async_engine")
        })
        .map(|(_, left, _)| text(left, src).to_string())
        .collect()
}

/// Where a JavaScript acquisition's connection goes.
fn js_holder<'t>(call: Node<'t>, src: &str) -> Option<Holder<'t>> {
    // Callback style: `pool.getConnection((err, conn) => ...)`, `pool.connect((err, client, done) => ...)`.
    if let Some(callback) = js::call_arguments(call)
        .into_iter()
        .map(unwrap_expression)
        .find(|a| js::is_function(*a))
    {
        let params = js::parameter_names(callback, src);
        let name = params.get(1)?.to_string();
        return Some(Holder {
            name,
            scope: callback,
            done: params.get(2).map(|d| d.to_string()),
            anonymous: false,
            callback: true,
        });
    }
    let mut node = call;
    loop {
        let parent = node.parent()?;
        match parent.kind_name() {
            "await_expression"
            | "parenthesized_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression" => node = parent,
            kind @ ("variable_declarator" | "assignment_expression") => {
                // `const conn = ...` or `conn = ...`: the name the connection is held by.
                let field = if kind == "variable_declarator" {
                    "name"
                } else {
                    "left"
                };
                let name = parent.field(field)?;
                if name.kind_name() != "identifier" {
                    return None;
                }
                return Some(Holder {
                    name: text(name, src).to_string(),
                    scope: js::enclosing_function(parent)?,
                    done: None,
                    anonymous: false,
                    callback: false,
                });
            }
            "member_expression" => {
                // `pool.getConnection().then(conn => ...)`
                let property = parent.field("property").map(|p| text(p, src));
                if property == Some("then") && node.kind_name() == "call_expression" {
                    let then_call = parent.parent()?;
                    let callback = js::call_arguments(then_call)
                        .into_iter()
                        .map(unwrap_expression)
                        .find(|a| js::is_function(*a))?;
                    let name = js::parameter_names(callback, src).first()?.to_string();
                    return Some(Holder {
                        name,
                        scope: callback,
                        done: None,
                        anonymous: false,
                        callback: true,
                    });
                }
                // `(await pool.getConnection()).query(...)`: nobody can release it.
                if node.kind_name() == "call_expression" {
                    return None;
                }
                return Some(Holder {
                    name: String::new(),
                    scope: js::enclosing_function(parent)?,
                    done: None,
                    anonymous: true,
                    callback: false,
                });
            }
            "expression_statement" => {
                return Some(Holder {
                    name: String::new(),
                    scope: js::enclosing_function(parent)?,
                    done: None,
                    anonymous: true,
                    callback: false,
                });
            }
            // Returned, handed to a function, stored: not this function's to release.
            _ => return None,
        }
    }
}

/// Where a Python acquisition's connection goes; `None` inside `with` or when handed over.
fn py_holder<'t>(call: Node<'t>, src: &str) -> Option<Holder<'t>> {
    let mut node = call;
    loop {
        let parent = node.parent()?;
        match parent.kind_name() {
            "await" | "parenthesized_expression" => node = parent,
            "assignment" => {
                let left = parent.field("left")?;
                if left.kind_name() != "identifier" {
                    return None;
                }
                return Some(Holder {
                    name: text(left, src).to_string(),
                    scope: py::enclosing_function(parent)?,
                    done: None,
                    anonymous: false,
                    callback: false,
                });
            }
            _ => return None,
        }
    }
}

/// What can leave the function between the acquisition and the release.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ExitKind {
    /// An `await` or call that can throw, a `throw`/`raise`.
    Throw,
    Return,
}

struct Analysis<'t> {
    releases: Vec<Node<'t>>,
    released_in_callback: bool,
    escapes: bool,
    exits: Vec<(Node<'t>, ExitKind)>,
    /// `with conn:` blocks (SQLAlchemy connections close at the end of the block).
    with_blocks: Vec<Node<'t>>,
}

fn analyse(
    call: Node,
    kind: Acquire,
    pool: &str,
    mut holder: Holder,
    lang: Lang,
    cx: &TreeContext,
    out: &mut Findings,
) {
    let src = cx.src;
    // A pending acquisition: the connection is the variable its promise is awaited into,
    // held from the end of that statement.
    let mut pending_end = None;
    if lang == Lang::Js && !holder.anonymous && !holder.callback {
        if let Some((connection, end)) = js_pending_connection(&holder, src) {
            holder.name = connection;
            pending_end = Some(end);
        }
    }
    let acquire_text = callee_text(call, src, lang);
    // `using conn = await pool.getConnection()` disposes of it on every path.
    let line_start = crate::lang::layout::line_start(src, call.start_byte());
    if src[line_start..call.start_byte()].contains("using ") {
        return;
    }
    let callback = holder.callback;
    let acquire_end = if callback {
        holder
            .scope
            .field("body")
            .map_or(call.end_byte(), |b| b.start_byte())
    } else {
        pending_end.unwrap_or_else(|| acquire_statement_end(call, lang))
    };
    if holder.anonymous {
        out.report(
            call.byte_range(),
            format!("connection from `{acquire_text}` is never released: each call keeps one pooled connection until the pool is exhausted"),
        )
        .help(help(kind, "conn", pool, lang));
        return;
    }
    let v = holder.name.as_str();
    let a = collect(&holder, call, acquire_end, kind, lang, cx);
    if a.escapes {
        return;
    }
    let release_text = kind.release_text(v, pool);
    // Callback style: a release anywhere in the callback is trusted; paths through
    // error-first callbacks are not followed.
    if callback && (!a.releases.is_empty() || a.released_in_callback) {
        return;
    }
    if a.releases.is_empty() && a.with_blocks.is_empty() {
        if a.released_in_callback {
            return;
        }
        let end = holder.scope.end_byte();
        out.report(
            call.byte_range(),
            format!("`{v}` from `{acquire_text}` is never released: each call keeps one pooled connection until the pool is exhausted"),
        )
        .label(end.saturating_sub(1)..end, format!("returns here without `{release_text}`"))
        .help(help(kind, v, pool, lang));
        return;
    }
    let blocks: &[&str] = match lang {
        Lang::Js => &[
            "statement_block",
            "program",
            "switch_case",
            "switch_default",
        ],
        Lang::Py => &["block", "module"],
    };
    let effective: Vec<Node> = a
        .releases
        .iter()
        .filter_map(|r| effective_statement(*r, v, blocks, lang, src))
        .chain(a.with_blocks.iter().copied())
        .collect();
    // A `try` that releases at the end of its body and in its `catch` releases on every
    // path through it.
    let mut effective = effective;
    for r in &a.releases {
        if let Some(t) = ancestors(*r).find(|n| n.kind_name() == "try_statement") {
            let handler_releases = {
                let mut cursor = t.walk();
                let parts: Vec<Node> = t.named_children(&mut cursor).collect();
                parts
                    .iter()
                    .filter(|p| matches!(p.kind_name(), "catch_clause" | "except_clause"))
                    .any(|h| a.releases.iter().any(|x| contains(*h, *x)))
            };
            let body_releases = t
                .field("body")
                .is_some_and(|b| a.releases.iter().any(|x| contains(b, *x)));
            if handler_releases && body_releases && contains(holder.scope, t) {
                effective.push(t);
            }
        }
    }
    // A release that is the very next statement after the acquisition leaves no statement
    // in between that could fail while the connection is held: every later exit, a
    // `catch` that rethrows included, comes after the release.
    let acquisition_stmt = crate::lang::tree::statement_of(call, blocks);
    if let Some(stmt) = acquisition_stmt {
        let next = next_statement(stmt);
        if next.is_some_and(|n| effective.iter().any(|e| e.id() == n.id())) {
            return;
        }
    }
    let dominated = |e: Node| {
        effective
            .iter()
            .any(|s| s.end_byte() <= e.start_byte() && s.parent().is_some_and(|b| contains(b, e)))
    };
    let uncovered = a.exits.iter().find(|(e, k)| {
        !dominated(*e) && !covered_by_try(*e, *k, &a, holder.scope, lang) && !in_with(*e, &a)
    });
    let first_release = a
        .releases
        .first()
        .copied()
        .or_else(|| a.with_blocks.first().copied());
    let fix = match (a.releases.as_slice(), a.with_blocks.is_empty()) {
        ([release], true) => finally_fix::move_release_into_finally(call, *release, v, lang, src)
            .map(|edits| {
                Fix::edits_in(
                    Applicability::Unsafe,
                    format!("move `{release_text}` into `finally`"),
                    None,
                    edits,
                )
            }),
        _ => None,
    };
    if let Some((exit, exit_kind)) = uncovered {
        let line = cx.file.lines.line_of(exit.start_byte()) + 1;
        let (what, label) = match (exit_kind, lang) {
            (ExitKind::Return, _) => (
                format!("the function returns on line {line} before it is released"),
                "returns without releasing the connection",
            ),
            (ExitKind::Throw, Lang::Js) if exit.kind_name() == "throw_statement" => (
                format!("the error thrown on line {line} skips the release"),
                "an error here leaks the connection",
            ),
            (ExitKind::Throw, Lang::Js) => (
                format!(
                    "an error from the `await` on line {line} skips the release (it is not in a `finally`)"
                ),
                "an error here leaks the connection",
            ),
            (ExitKind::Throw, Lang::Py) => (
                format!(
                    "an exception raised on line {line} skips the release (it is not in a `finally` or `with`)"
                ),
                "an exception here leaks the connection",
            ),
        };
        let mut report = out
            .report(
                call.byte_range(),
                format!("`{v}` from `{acquire_text}` leaks on the error path: {what}"),
            )
            .label(exit.byte_range(), label);
        if let Some(r) = first_release {
            report = report.label(
                r.byte_range(),
                "released here only when nothing failed before",
            );
        }
        report = report.help(help(kind, v, pool, lang));
        if let Some(fix) = fix {
            let _ = report.fix(fix);
        }
        return;
    }
    // Falling off the end of the function: some release must be on the straight path.
    let on_main_path = effective.iter().any(|s| {
        s.parent().is_some_and(|b| {
            acquisition_stmt.is_some_and(|st| contains(b, st)) && s.start_byte() >= acquire_end
                || s.start_byte() <= call.start_byte() && contains(*s, call)
        })
    }) || a.with_blocks.iter().any(|w| w.start_byte() >= acquire_end);
    let ends_with_return = ends_with_exit(holder.scope, lang);
    if !on_main_path && !ends_with_return {
        let mut report = out.report(
            call.byte_range(),
            format!("`{v}` from `{acquire_text}` is not released on every path"),
        );
        if let Some(r) = first_release {
            report = report.label(r.byte_range(), "released only on this path");
        }
        report = report.help(help(kind, v, pool, lang));
        if let Some(fix) = fix {
            let _ = report.fix(fix);
        }
    }
}

/// What the function summaries ask of calls (`facts::summaries`).
static ACQUIRE_QUESTIONS: AcquireQuestions = AcquireQuestions {
    returned_acquisition: summary_returned_acquisition,
    held_leaks: summary_held_leaks,
    may_return_connection: summary_may_return_connection,
    may_hold_connection: summary_may_hold_connection,
};

/// The kinds of connection a caller releases alike, by name (`PooledSite::kind`), with
/// the acquisition a caller's use is judged as.
const KINDS: &[(&str, Acquire, Lang)] = &[
    ("connection", Acquire::GetConnection, Lang::Js),
    ("getconn", Acquire::GetConn, Lang::Py),
    ("engine", Acquire::EngineConnect, Lang::Py),
    ("pool-acquire", Acquire::PyPoolAcquire, Lang::Py),
];

fn kind_name(kind: Acquire) -> &'static str {
    match kind {
        Acquire::GetConnection | Acquire::PgConnect | Acquire::PoolAcquire => "connection",
        Acquire::GetConn => "getconn",
        Acquire::EngineConnect => "engine",
        Acquire::PyPoolAcquire => "pool-acquire",
    }
}

/// The language of the file being walked.
fn lang_of(cx: &TreeContext) -> Lang {
    if cx.kind == crate::lang::FileKind::Py {
        Lang::Py
    } else {
        Lang::Js
    }
}

/// A call that takes a connection from a pool (as `check_js` / `check_py` recognise one).
fn pool_acquisition(call: Node, lang: Lang, cx: &TreeContext) -> Option<Acquire> {
    let src = cx.src;
    match lang {
        Lang::Js => {
            let name = js::callee_name(call, src)?;
            if !matches!(
                name,
                "getConnection" | "connect" | "acquire" | "acquireConnection"
            ) {
                return None;
            }
            let pools = if name == "connect" {
                js_pool_names(cx.root, src)
            } else {
                Vec::new()
            };
            let kind = db::js_pool_acquire(call, src, &pools)?;
            let pool = js::callee_object(call).map_or("pool", |o| text(o, src));
            (!(name == "connect" && is_mssql_pool(call, pool, src))).then_some(kind)
        }
        Lang::Py => {
            let name = cx.py_callee_name(call)?;
            if !matches!(name, "getconn" | "connect" | "raw_connection" | "acquire") {
                return None;
            }
            let engines = if name == "connect" {
                py_engine_names(cx.root, src)
            } else {
                Vec::new()
            };
            db::py_pool_acquire(call, src, &engines)
        }
    }
}

/// A pool call whose connection the function it is in returns to its caller (a wrapper:
/// `return pool.getConnection()`, `conn = pool.getconn(); ...; return conn`): the pool
/// call as written and the kind of connection. A function that releases the connection
/// itself (`withConnection(work)`, releasing in `finally`) returns none.
fn summary_returned_acquisition<'t>(
    call: Node<'t>,
    cx: &TreeContext<'t>,
) -> Option<(String, String)> {
    let lang = lang_of(cx);
    let kind = pool_acquisition(call, lang, cx)?;
    let src = cx.src;
    let wrapper = match holder_of(call, lang, src) {
        Some(holder) if !holder.callback && returns_held(&holder, lang, src) => holder.scope,
        Some(_) => return None,
        None => wrapper_returning(call, lang)?,
    };
    function_name(wrapper, lang, src)?;
    Some((callee_text(call, src, lang), kind_name(kind).to_string()))
}

/// Methods a connection is used through (`conn.query(...)`, `conn.cursor()`).
const CONNECTION_METHODS: &[&str] = &[
    "query",
    "execute",
    "executemany",
    "beginTransaction",
    "commit",
    "rollback",
    "prepare",
    "cursor",
    "fetch",
    "fetchrow",
    "fetchval",
];

/// For a call of an imported function whose result is held and used as a connection
/// (`const conn = await getConn(); await conn.query(...)`): what this rule would report at
/// the call for each kind of connection of the language, if the function took it from a
/// pool. Nothing for a result the function hands on (returns, stores, passes) or holds
/// from a callback.
fn summary_held_leaks<'t>(call: Node<'t>, cx: &TreeContext<'t>) -> Vec<HeldLeak> {
    let lang = lang_of(cx);
    let src = cx.src;
    let Some(holder) = holder_of(call, lang, src) else {
        return Vec::new();
    };
    if holder.callback || holder.anonymous || returns_held(&holder, lang, src) {
        return Vec::new();
    }
    let used_as_connection =
        crate::lang::tree::descendants_mentioning(holder.scope, src, &holder.name)
            .filter(|n| matches!(n.kind_name(), "member_expression" | "attribute"))
            .any(|n| {
                n.field("object")
                    .is_some_and(|o| o.kind_name() == "identifier" && text(o, src) == holder.name)
                    && n.field("property")
                        .or_else(|| n.field("attribute"))
                        .is_some_and(|p| CONNECTION_METHODS.contains(&text(p, src)))
                    && n.start_byte() > call.end_byte()
            });
    if !used_as_connection {
        return Vec::new();
    }
    let mut leaks = Vec::new();
    for (name, kind, kind_lang) in KINDS {
        if *kind_lang != lang {
            continue;
        }
        let mut found = Findings::new();
        found.start_rule("pool-connection-leak", Severity::Error);
        analyse(call, *kind, "pool", holder.clone(), lang, cx, &mut found);
        let Some(finding) = found.items.into_iter().next() else {
            continue;
        };
        leaks.push(HeldLeak {
            kind: (*name).to_string(),
            range: finding.range,
            message: finding.message,
            labels: finding
                .labels
                .into_iter()
                .filter(|l| l.file.is_none())
                .map(|l| (l.range, l.message))
                .collect(),
            help: finding.help,
        });
    }
    leaks
}

/// Without a parse: may the file take a connection from a pool and return it (a wrapper
/// another module calls)? A pool call (as `needles` lists them; in Python one whose
/// receiver may qualify, as `py_may_hold_connection` reads it, on a `return` line too) and
/// a `return`.
fn summary_may_return_connection(bytes: &[u8], python: bool) -> bool {
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    if python {
        has(b"return") && py_may_take_connection(bytes, true)
    } else {
        has(b"return") && (has(b"getConnection(") || has(b".acquire") || has(b"connect("))
    }
}

/// Without a parse: may the file hold, as a connection, what an imported function returns?
/// An import and a connection method called (`.query(`, `.cursor(`, ...).
fn summary_may_hold_connection(bytes: &[u8], python: bool) -> bool {
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    let imports = if python {
        has(b"import ")
    } else {
        has(b"import ") || has(b"require(")
    };
    imports
        && CONNECTION_METHODS.iter().any(|m| {
            let mut needle = Vec::with_capacity(m.len() + 2);
            needle.push(b'.');
            needle.extend_from_slice(m.as_bytes());
            needle.push(b'(');
            has(&needle)
        })
}

fn callee_text(call: Node, src: &str, lang: Lang) -> String {
    callee_of(call, lang).map_or_else(|| "the pool".to_string(), |c| format!("{}()", text(c, src)))
}

/// The end of the statement that acquires: exits inside it (the acquisition's own `await`)
/// do not count.
fn acquire_statement_end(call: Node, lang: Lang) -> usize {
    ancestors(call)
        .take_while(|anc| wraps_acquisition(lang, anc.kind_name()))
        .last()
        .map_or(call.end_byte(), |anc| anc.end_byte())
}

/// The nodes between an acquisition call and the statement that holds it:
/// `await`, parentheses, type assertions, the declarator or assignment that names it.
fn wraps_acquisition(lang: Lang, kind: &str) -> bool {
    match lang {
        Lang::Js => matches!(
            kind,
            "await_expression"
                | "parenthesized_expression"
                | "as_expression"
                | "non_null_expression"
                | "variable_declarator"
                | "assignment_expression"
        ),
        Lang::Py => matches!(kind, "await" | "parenthesized_expression" | "assignment"),
    }
}

fn help(kind: Acquire, v: &str, pool: &str, lang: Lang) -> String {
    let release = kind.release_text(v, pool);
    match (lang, kind) {
        (Lang::Js, _) => format!(
            "release it in `finally` so every path gives it back: `try {{ … }} finally {{ {release}; }}` — or use `{pool}.query(...)`, which releases by itself"
        ),
        (Lang::Py, Acquire::EngineConnect) => format!(
            "use a context manager: `with {pool}.connect() as {v}: …` closes it on every path (or call `{release}` in `finally`)"
        ),
        (Lang::Py, Acquire::PyPoolAcquire) => {
            format!("use `async with {pool}.acquire() as {v}: …`, or call `{release}` in `finally`")
        }
        (Lang::Py, _) => format!("give it back in `finally`: `try: … finally: {release}`"),
    }
}

fn in_nested_function(node: Node, scope: Node, lang: Lang) -> bool {
    function_of(node, lang).map(|f| f.id()) != Some(scope.id())
}

/// Walks the holder's function once, collecting releases, escapes and exits.
fn collect<'t>(
    holder: &Holder<'t>,
    call: Node<'t>,
    acquire_end: usize,
    kind: Acquire,
    lang: Lang,
    cx: &TreeContext<'t>,
) -> Analysis<'t> {
    let src = cx.src;
    let v = holder.name.as_str();
    let mut a = Analysis {
        releases: Vec::new(),
        released_in_callback: false,
        escapes: false,
        exits: Vec::new(),
        with_blocks: Vec::new(),
    };
    let body = holder.scope.field("body").unwrap_or(holder.scope);
    for n in descendants(body) {
        match (lang, n.kind_name()) {
            (Lang::Js, "call_expression") | (Lang::Py, "call") => {
                if is_release(n, v, holder.done.as_deref(), kind, lang, cx) {
                    if in_nested_function(n, holder.scope, lang) {
                        a.released_in_callback = true;
                    } else {
                        a.releases.push(n);
                    }
                    continue;
                }
                if lang == Lang::Py
                    && n.start_byte() >= acquire_end
                    && !in_nested_function(n, holder.scope, lang)
                    && !is_logging(n, src)
                    && !inside_release(n, &a.releases)
                {
                    a.exits.push((n, ExitKind::Throw));
                }
            }
            (Lang::Js, "await_expression") | (Lang::Py, "await")
                if n.start_byte() >= acquire_end
                    && !in_nested_function(n, holder.scope, lang)
                    && !descendants(n)
                        .any(|d| is_release(d, v, holder.done.as_deref(), kind, lang, cx)) =>
            {
                a.exits.push((n, ExitKind::Throw));
            }
            (Lang::Js, "throw_statement") | (Lang::Py, "raise_statement" | "yield")
                if n.start_byte() >= acquire_end && !in_nested_function(n, holder.scope, lang) =>
            {
                a.exits.push((n, ExitKind::Throw));
            }
            (_, "return_statement")
                if n.start_byte() >= acquire_end
                    && !in_nested_function(n, holder.scope, lang)
                    && !descendants(n)
                        .any(|d| is_release(d, v, holder.done.as_deref(), kind, lang, cx)) =>
            {
                a.exits.push((n, ExitKind::Return));
            }
            (Lang::Py, "with_statement") if kind == Acquire::EngineConnect => {
                let clause = text(n, src);
                let header = clause.split(':').next().unwrap_or("");
                let header = header
                    .trim_start_matches("async")
                    .trim_start()
                    .trim_start_matches("with")
                    .trim();
                if header == v
                    || header == format!("closing({v})")
                    || header.starts_with(&format!("{v} as "))
                {
                    a.with_blocks.push(n);
                }
            }
            (_, "identifier" | "shorthand_property_identifier")
                if text(n, src) == v && escapes(n, acquire_end, lang, cx) =>
            {
                a.escapes = true;
            }
            _ => {}
        }
    }
    // Exits are only those after the acquisition that a release could still precede.
    a.exits.retain(|(e, _)| !contains(*e, call));
    a
}

fn inside_release(node: Node, releases: &[Node]) -> bool {
    releases.iter().any(|r| contains(*r, node))
}

fn is_logging(call: Node, src: &str) -> bool {
    let callee = call.field("function").map_or("", |f| text(f, src));
    callee == "print"
        || callee.starts_with("logger.")
        || callee.starts_with("logging.")
        || callee.starts_with("log.")
}

/// A call that gives `v` back: `v.release()`, `pool.release(v)`, `pool.putconn(v)`,
/// `v.close()`, the callback's `done()`, or a local helper that releases its parameter.
fn is_release(
    call: Node,
    v: &str,
    done: Option<&str>,
    kind: Acquire,
    lang: Lang,
    cx: &TreeContext,
) -> bool {
    let src = cx.src;
    if v.is_empty() {
        return false;
    }
    let (name, object, args) = match lang {
        Lang::Js => (
            js::callee_name(call, src),
            js::callee_object(call),
            js::call_arguments(call),
        ),
        Lang::Py => (
            py::callee_name(call, src),
            py::callee_object(call),
            py::positional_arguments(call),
        ),
    };
    let Some(name) = name else {
        return false;
    };
    let object_text = object.map(|o| text(o, src));
    let first_arg_is_v = args.first().is_some_and(|a| text(*a, src) == v);
    if object_text == Some(v) {
        return match kind {
            Acquire::GetConnection | Acquire::PgConnect | Acquire::PoolAcquire => {
                matches!(name, "release" | "end" | "close" | "destroy")
            }
            Acquire::GetConn | Acquire::EngineConnect => {
                matches!(name, "close" | "invalidate" | "detach")
            }
            Acquire::PyPoolAcquire => matches!(name, "close" | "release"),
        };
    }
    if object.is_some() {
        return first_arg_is_v
            && matches!(
                name,
                "release" | "releaseConnection" | "destroy" | "putconn" | "terminate"
            );
    }
    if done.is_some_and(|d| d == name) {
        return true;
    }
    // A helper: `releaseConnection(conn)`, or a function of this file that releases its
    // parameter.
    let Some(position) = args.iter().position(|a| text(*a, src) == v) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    if ["release", "close", "dispose", "cleanup", "putconn"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return true;
    }
    local_function_releases(name, position, kind, lang, cx)
}

/// True when a function of this file named `name` releases its parameter at `position`.
fn local_function_releases(
    name: &str,
    position: usize,
    kind: Acquire,
    lang: Lang,
    cx: &TreeContext,
) -> bool {
    let src = cx.src;
    let function = descendants(cx.root).find_map(|n| match (lang, n.kind_name()) {
        (Lang::Js, "function_declaration") | (Lang::Py, "function_definition") => n
            .field("name")
            .filter(|id| text(*id, src) == name)
            .map(|_| n),
        (Lang::Js, "variable_declarator") => {
            let id = n.field("name")?;
            let value = n.field("value").map(unwrap_expression)?;
            (text(id, src) == name && js::is_function(value)).then_some(value)
        }
        _ => None,
    });
    let Some(function) = function else {
        return false;
    };
    let params = match lang {
        Lang::Js => js::parameter_names(function, src),
        Lang::Py => py::parameter_names(function, src),
    };
    let Some(param) = params.get(position) else {
        return false;
    };
    descendants(function).any(|n| {
        matches!(n.kind_name(), "call_expression" | "call") && {
            let (callee_name, object, args) = match lang {
                Lang::Js => (
                    js::callee_name(n, src),
                    js::callee_object(n),
                    js::call_arguments(n),
                ),
                Lang::Py => (
                    py::callee_name(n, src),
                    py::callee_object(n),
                    py::positional_arguments(n),
                ),
            };
            let _ = kind;
            let on_param = object.is_some_and(|o| text(o, src) == *param)
                && callee_name
                    .is_some_and(|c| matches!(c, "release" | "end" | "close" | "destroy"));
            let param_arg = args.first().is_some_and(|a| text(*a, src) == *param)
                && callee_name.is_some_and(|c| {
                    matches!(c, "release" | "releaseConnection" | "destroy" | "putconn")
                });
            on_param || param_arg
        }
    })
}

/// True when this occurrence of the connection's name hands it over: returned, stored,
/// passed to a callback or a constructor, aliased.
fn escapes(ident: Node, acquire_end: usize, _lang: Lang, cx: &TreeContext) -> bool {
    let src = cx.src;
    if ident.start_byte() < acquire_end {
        return false;
    }
    let Some(parent) = ident.parent() else {
        return false;
    };
    // `v.query(...)`, `v.release()`: a use, not a hand-over.
    if matches!(parent.kind_name(), "member_expression" | "attribute")
        && parent.field("object").map(|o| o.id()) == Some(ident.id())
    {
        return false;
    }
    if ident.kind_name() == "shorthand_property_identifier" {
        return true;
    }
    match parent.kind_name() {
        "return_statement" | "yield_expression" | "pair" | "array" | "list" | "tuple"
        | "dictionary" | "new_expression" | "keyword_argument" => {
            // `return v` hands it to the caller; keyword/dict values store it.
            true
        }
        "expression_list" => parent
            .parent()
            .is_some_and(|p| p.kind_name() == "return_statement"),
        "yield" => false,
        "variable_declarator" => parent
            .field("value")
            .is_some_and(|val| val.id() == ident.id()),
        "assignment_expression" | "assignment" => {
            parent.field("right").is_some_and(|r| r.id() == ident.id())
        }
        "arguments" | "argument_list" => {
            let Some(outer) = parent.parent() else {
                return false;
            };
            if outer.kind_name() == "new_expression" {
                return true;
            }
            // Handed to another function (`ok(this.prepare(conn))`, `runMigrations(conn)`):
            // whether that function releases it cannot be seen here, so this function is not
            // blamed. Logging the connection is not a hand-over.
            let callee = outer.field("function").map_or("", |f| text(f, src));
            let logging = ["console.", "logger.", "log.", "logging.", "print"]
                .iter()
                .any(|p| callee.starts_with(p));
            // `pool.putconn(conn)`, `pool.releaseConnection(conn)`: a release, not a hand-over.
            let method = callee.rsplit('.').next().unwrap_or("");
            let releases = matches!(
                method,
                "putconn" | "release" | "releaseConnection" | "close" | "end" | "destroy" | "drain"
            );
            !logging && !releases
        }
        _ => false,
    }
}

/// The statement that runs the release on the paths through it: the release's statement,
/// the `if (conn)` guarding it, or the whole `try` when it sits in a `finally`.
fn effective_statement<'t>(
    release: Node<'t>,
    v: &str,
    blocks: &[&str],
    lang: Lang,
    src: &str,
) -> Option<Node<'t>> {
    let finally_kind = "finally_clause";
    for anc in ancestors(release) {
        if anc.kind_name() == finally_kind {
            let try_stmt = anc.parent()?;
            return Some(try_stmt);
        }
        if js::is_function(anc) || py::is_function(anc) {
            break;
        }
    }
    let mut stmt = crate::lang::tree::statement_of(release, blocks)?;
    // `if (conn) conn.release();` / `if conn: pool.putconn(conn)`
    for _ in 0..3 {
        let Some(block) = stmt.parent() else { break };
        let guard = if block.kind_name() == "if_statement" {
            Some(block)
        } else {
            block
                .parent()
                .filter(|p| p.kind_name() == "if_statement" && blocks.contains(&block.kind_name()))
        };
        let Some(guard) = guard else { break };
        let cond = guard.field("condition").map_or("", |c| text(c, src));
        let has_else = guard.field("alternative").is_some();
        if !has_else
            && cond.contains(v)
            && guard
                .parent()
                .is_some_and(|p| blocks.contains(&p.kind_name()))
        {
            stmt = guard;
        } else {
            break;
        }
    }
    let _ = lang;
    Some(stmt)
}

/// True when an exit sits in a `try` whose `finally` (or, for errors, whose `catch` /
/// `except`) releases the connection.
fn covered_by_try(exit: Node, kind: ExitKind, a: &Analysis, scope: Node, _lang: Lang) -> bool {
    let mut child = exit;
    for anc in ancestors(exit) {
        if anc.id() == scope.id() {
            break;
        }
        if anc.kind_name() == "try_statement" {
            let mut cursor = anc.walk();
            let parts: Vec<Node> = anc.named_children(&mut cursor).collect();
            let in_body = anc.field("body").is_some_and(|b| b.id() == child.id());
            let finally = parts.iter().find(|p| p.kind_name() == "finally_clause");
            let handlers: Vec<&Node> = parts
                .iter()
                .filter(|p| matches!(p.kind_name(), "catch_clause" | "except_clause"))
                .collect();
            let releases_in = |part: &Node| a.releases.iter().any(|r| contains(*part, *r));
            if let Some(f) = finally {
                if f.id() == child.id() && releases_in(f) {
                    // Work done in the `finally` next to the release.
                    return true;
                }
                if child.id() != f.id() && releases_in(f) {
                    return true;
                }
            }
            // Clean-up work in a `catch` that releases (`await conn.rollback(); conn.release()`).
            if matches!(child.kind_name(), "catch_clause" | "except_clause") && releases_in(&child)
            {
                return true;
            }
            let handler_js = anc.field("handler");
            let handler_releases = handlers.iter().any(|h| releases_in(h))
                || handler_js.is_some_and(|h| releases_in(&h));
            if in_body && kind == ExitKind::Throw && handler_releases {
                return true;
            }
        }
        child = anc;
    }
    false
}

fn in_with(exit: Node, a: &Analysis) -> bool {
    a.with_blocks.iter().any(|w| contains(*w, exit))
}

/// True when the function's last statement is a `return` or `throw` (it cannot fall off
/// its end).
fn ends_with_exit(scope: Node, lang: Lang) -> bool {
    let Some(body) = scope.field("body") else {
        return true;
    };
    let last =
        body.named_child(u32::try_from(body.named_child_count().saturating_sub(1)).unwrap_or(0));
    let _ = lang;
    last.is_some_and(|l| {
        matches!(
            l.kind_name(),
            "return_statement" | "throw_statement" | "raise_statement"
        )
    })
}

/// `pool.connect()` on an mssql `new ConnectionPool(...)`: it opens the pool itself (there
/// is no checkout to release); the pool is closed with `pool.close()`.
fn is_mssql_pool(call: Node, pool: &str, src: &str) -> bool {
    let Some(object) = js::callee_object(call).map(unwrap_expression) else {
        return false;
    };
    if object.kind_name() != "identifier" {
        return false;
    }
    let scopes = [
        js::enclosing_function(call),
        Some(crate::lang::tree::root_of(call)),
    ];
    scopes.into_iter().flatten().any(|scope| {
        js::bindings_of(scope, pool, src, call.start_byte())
            .iter()
            .any(|b| {
                let value = unwrap_expression(b.value);
                value.kind_name() == "new_expression"
                    && value
                        .field("constructor")
                        .is_some_and(|c| text(c, src).ends_with("ConnectionPool"))
            })
    })
}

/// JavaScript: the variable a pending acquisition's connection is awaited into. A pool such
/// as tarn (knex's) answers `pool.acquire()` with a pending operation that can be aborted;
/// its `promise` gives the connection (`const pending = client.pool.acquire();
/// connection = await pending.promise;`), and that variable is what is released
/// (`client.releaseConnection(connection)`). With the end of the statement that awaits it.
fn js_pending_connection(holder: &Holder, src: &str) -> Option<(String, usize)> {
    descendants(holder.scope).find_map(|n| {
        let (target, value) = match n.kind_name() {
            "variable_declarator" => (n.field("name")?, n.field("value")?),
            "assignment_expression" => (n.field("left")?, n.field("right")?),
            _ => return None,
        };
        if target.kind_name() != "identifier" {
            return None;
        }
        let mut value = unwrap_expression(value);
        for _ in 0..4 {
            match value.kind_name() {
                "as_expression" | "non_null_expression" | "satisfies_expression" => {
                    value = unwrap_expression(value.named_child(0)?);
                }
                _ => break,
            }
        }
        if value.kind_name() != "await_expression" {
            return None;
        }
        let awaited = unwrap_expression(value.named_child(0)?);
        let promise_of_holder = awaited.kind_name() == "member_expression"
            && awaited
                .field("property")
                .is_some_and(|p| text(p, src) == "promise")
            && awaited
                .field("object")
                .is_some_and(|o| text(o, src) == holder.name);
        let statement = ancestors(n).find(|a| {
            matches!(
                a.kind_name(),
                "expression_statement" | "lexical_declaration" | "variable_declaration"
            )
        })?;
        promise_of_holder.then(|| (text(target, src).to_string(), statement.end_byte()))
    })
}
