//! Function summaries, per file: what each function or method of a code file does that the
//! rules ask about across functions and modules (does it run a database query?), the calls
//! it makes, the names the module imports and exports, and the calls made once per row of a
//! loop. Gathered during the file's one walk; `summary_model` links them across the project.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use tree_sitter::Node;

use crate::lang::context::TreeContext;
use crate::lang::tree::{FieldExt, KindExt, child_of_kind, descendants, text, unwrap_expression};
use crate::lang::{js, py};

/// The summaries of one code file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileSummaries {
    pub python: bool,
    /// Functions and methods; the first is the module's top level.
    pub functions: Vec<FunctionSummary>,
    /// Names bound by imports of other modules.
    pub imports: Vec<Import>,
    /// JavaScript/TypeScript exports: (exported name, local name); `default` for
    /// `export default X` and `module.exports = X`. Python modules export every top-level name.
    pub exports: Vec<(String, String)>,
    /// Calls of a function (not a query the file shows) made once per row of a loop, with a
    /// value that changes per row.
    pub loop_calls: Vec<LoopCall>,
    /// Calls of an imported function handed a caught error (`SendQuestions::hands_error`).
    #[serde(default)]
    pub error_calls: Vec<ErrorCall>,
    /// Calls of an imported function whose result is held and used as a connection
    /// (`AcquireQuestions::held_leaks`).
    #[serde(default)]
    pub held_calls: Vec<HeldCall>,
    /// Calls of a function the file defines or imports awaited by a request handler outside
    /// any try (`RejectQuestions`): the modules whose functions may be known never to
    /// reject, and those of the functions they could reject through.
    #[serde(default)]
    pub awaited_calls: Vec<AwaitedCall>,
}

/// A call of a function the file defines or imports that a request handler awaits outside
/// any try.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AwaitedCall {
    /// Index of the calling function in `FileSummaries::functions`.
    pub function: usize,
    /// The callee as written (`listOffers`, `offers.list`).
    pub callee: String,
}

/// The questions about rejections that belong to the rules reading the summaries: which
/// async functions never reject.
pub struct RejectQuestions {
    /// Whether a function (its node) can never reject: everything it awaits is caught, and
    /// its catch clauses neither throw nor await again.
    pub never_rejects: for<'t> fn(Node<'t>, &TreeContext<'t>) -> bool,
    /// For a function `never_rejects` does not hold of: the callees of the calls it makes
    /// outside any try, when those calls are all it could reject through (nothing thrown or
    /// awaited but a call's result, catch clauses that neither throw nor await again). It
    /// never rejects when every such callee is a function of the project that never rejects
    /// (`summary_model::SummaryModel::call_never_rejects`).
    pub rejects_only_through: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Option<Vec<Node<'t>>>,
    /// Whether a file's text (Python or not) may define such a function or await one a
    /// module it imports defines: when not, none of its functions or calls is asked.
    pub may_ask: fn(&[u8], bool) -> bool,
}

/// What one function or method does.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FunctionSummary {
    /// The name calls use: `findOrder`, `Order.markPaid` (a class's method), `repo.find` (a
    /// function in an object literal bound to `repo`); empty for the module's top level.
    pub name: String,
    /// The class the function is a method of (for `this.x()` / `self.x()`).
    pub class: Option<String>,
    /// Its parameters (other than `self` / `cls`).
    pub params: Vec<String>,
    /// A request handler: a route callback (`(req, res)`, a function given to
    /// `router.get(...)` or `socket.on(...)`), a controller method (`@Get()`), a view
    /// (`request` parameter, `@app.route`, a class-based view's `get`/`post`/...).
    pub handler: bool,
    /// Its body does not run when it is called: a background task (`@task`, `@shared_task`:
    /// a call enqueues it) or a cached function (`@lru_cache`, `@cache.memoize()`).
    pub deferred: bool,
    /// The first query the function runs itself with a value it is given or computes.
    pub query: Option<QuerySite>,
    /// The calls that may name a function of the project (`may_name_project_function`).
    pub calls: Vec<CallSite>,
    /// How many calls (other than its queries) the function makes, at most `MAX_CALLS`.
    pub call_count: usize,
    /// Parameters the function sends to the client (`SendQuestions::sends_param`).
    #[serde(default)]
    pub sends: Vec<ParamSink>,
    /// The pooled connection the function takes and returns to its caller
    /// (`AcquireQuestions::returned_acquisition`).
    #[serde(default)]
    pub pooled: Option<PooledSite>,
    /// An async function that can never reject (`RejectQuestions::never_rejects`).
    #[serde(default)]
    pub never_rejects: bool,
    /// An async function that never rejects when each of these callees (as written) never
    /// rejects (`RejectQuestions::rejects_only_through`): empty otherwise.
    #[serde(default)]
    pub rejects_through: Vec<String>,
}

/// A pool call whose connection the function returns: its caller must release it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PooledSite {
    /// The pool call as written (`pool.getConnection()`), for labels.
    pub callee: String,
    /// The kind of connection, in the asking rule's words (which calls release it).
    pub kind: String,
    pub range: Range<usize>,
    /// Its line (1-based), for messages.
    pub line: usize,
}

/// A call of an imported function whose result is held as a connection, with what the
/// asking rule would report if the function returned a pooled one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeldCall {
    /// Index of the calling function in `FileSummaries::functions`.
    pub function: usize,
    /// The callee as written (`getConn`, `db.acquire_db`).
    pub callee: String,
    /// Per kind of connection, the finding.
    pub leaks: Vec<HeldLeak>,
}

/// A finding of a held connection, for one kind of connection (`PooledSite::kind`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HeldLeak {
    pub kind: String,
    pub range: Range<usize>,
    pub message: String,
    /// Labels in the caller's file: (range, message).
    pub labels: Vec<(Range<usize>, String)>,
    pub help: Option<String>,
}

/// The questions about pooled connections that belong to the rules reading the summaries:
/// which functions return a connection they take from a pool, and what holding the result
/// of a call would leak.
pub struct AcquireQuestions {
    /// For a call: when it takes a connection from a pool that the function it is in
    /// returns to its caller, the pool call as written and the kind of connection.
    pub returned_acquisition: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Option<(String, String)>,
    /// For a call of an imported function whose result is held and used as a connection:
    /// what the rule would report, per kind of connection, if the call took it from a
    /// pool.
    pub held_leaks: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Vec<HeldLeak>,
    /// Whether a file's text (Python or not) may take a connection from a pool and return
    /// it: such a file is worth a parse of its own (its importers are parsed on demand).
    pub may_return_connection: fn(&[u8], bool) -> bool,
    /// Whether a file's text may hold the result of an imported function as a connection.
    pub may_hold_connection: fn(&[u8], bool) -> bool,
}

/// A parameter a function sends to the client, or raises in an HTTP error.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParamSink {
    /// The parameter's index (`self` / `cls` not counted).
    pub param: usize,
    /// The parameter's name, for messages.
    pub name: String,
    /// Where it is sent, and its line (1-based), for labels.
    pub range: Range<usize>,
    pub line: usize,
    /// What of it is sent, in the asking rule's words (`stack`, `message`).
    pub kind: String,
    /// It reaches the client only when the caller answers with the call's value (a response
    /// the function returns), not wherever the function is called (a raise).
    pub needs_answer: bool,
}

/// A call of an imported function handed a caught error.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorCall {
    /// Index of the calling function in `FileSummaries::functions`.
    pub function: usize,
    /// The callee as written (`sendFailure`, `errors.fail`).
    pub callee: String,
    pub range: Range<usize>,
    /// Index of the argument holding the error, and the error as written.
    pub arg: usize,
    pub shown: String,
    /// The kinds of `ParamSink` the asking rule reports from this call.
    pub kinds: Vec<String>,
    /// The caller answers with the call's value (`return fail(e)`, `raise fail(e)`).
    pub answered: bool,
}

/// An error handed to a call, as the asking rule sees it (`SendQuestions::hands_error`).
pub struct HandedError {
    pub arg: usize,
    pub shown: String,
    pub kinds: Vec<String>,
    pub answered: bool,
}

/// The questions about what functions send to the client that belong to the rules reading
/// the summaries: which parameters a function sends, and which calls hand it a caught error.
pub struct SendQuestions {
    /// The parameters a function (its node) sends to the client.
    pub sends_param: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Vec<ParamSink>,
    /// The caught error a call hands to its callee, when the rule would report it being
    /// sent.
    pub hands_error: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Option<HandedError>,
    /// Whether a file's text (Python or not) may define such a function or make such a
    /// call: when not, no function or call of it is asked.
    pub may_send: fn(&[u8], bool) -> bool,
    /// Whether a file's text may define such a function: the file is worth a parse of its
    /// own (its importers' calls are reported through it).
    pub may_define_sender: fn(&[u8], bool) -> bool,
}

/// A query run directly in a function.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuerySite {
    /// The query call's callee, for messages (`db.query`).
    pub callee: String,
    pub range: Range<usize>,
    /// Its line (1-based), for messages.
    pub line: usize,
}

/// A call of something that may be a project function.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CallSite {
    /// The callee as written: `findOrder`, `orders.findOrder`, `this.markPaid`, `self.repo_get`.
    pub callee: String,
    /// The call passes a value that is not a literal.
    pub passes_values: bool,
}

/// A name bound by an import.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Import {
    /// The local name (`order`, `findOrder`; `app.models` for Python's `import app.models`).
    pub local: String,
    /// The module as written (`./models/order`, `.order`, `app.models.order`).
    pub module: String,
    /// The imported name; `None` for the module itself (`require(...)`, `import * as`,
    /// Python `import x`).
    pub imported: Option<String>,
}

/// A call made once per row of a loop.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoopCall {
    /// Index of the calling function in `FileSummaries::functions`.
    pub function: usize,
    pub callee: String,
    pub range: Range<usize>,
    /// The loop header, and a label for it.
    pub head: Range<usize>,
    pub label: String,
}

/// Words a file that runs a query holds, or calls a lookup helper (`findOrder`).
const SUMMARY_WORDS: &[&str] = &[
    ".query",
    "execute(",
    "find",
    "objects.",
    "select(",
    "insert(",
    "upsert",
    "aggregate(",
    "session.",
    "cursor",
    "knex",
    "prisma.",
    "Repository",
];

/// Words of a Python request handler (`request` parameter, `@bp.route`, a FastAPI router,
/// `@api_view`, a class-based view): the served-code question starts from its summaries.
const PY_HANDLER_WORDS: &[&str] = &[
    "request",
    ".route(",
    "router.",
    "app.get(",
    "app.post(",
    "app.put(",
    "app.patch(",
    "app.delete(",
    ".websocket(",
    "api_view",
    "action(",
    "View",
];

/// Words of a JavaScript/TypeScript request handler: `(req, res)`, a Koa `ctx`, a
/// controller or gateway decorator.
const JS_HANDLER_WORDS: &[&str] = &[
    "(req",
    "req,",
    "(ctx",
    "@Get",
    "@Post",
    "@Put",
    "@Patch",
    "@Delete",
    "@All",
    "@Query",
    "@Mutation",
    "@ResolveField",
    "@SubscribeMessage",
    "@MessagePattern",
    "@EventPattern",
    "@Subscription",
];

/// A relative JavaScript import or require: `'./x'`, `"../x"`.
const JS_RELATIVE_IMPORT_WORDS: &[&str] = &["'./", "\"./", "'../", "\"../", "`./", "`../"];

static SUMMARY_NEEDLES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(SUMMARY_WORDS).ok());
static PY_HANDLER_NEEDLES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(PY_HANDLER_WORDS).ok());
static JS_HANDLER_NEEDLES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(JS_HANDLER_WORDS).ok());
static JS_RELATIVE_IMPORT_NEEDLES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(JS_RELATIVE_IMPORT_WORDS).ok());

/// Without a parse: may the file run a query or call a lookup helper, or be a request
/// handler that calls into another module of the project (where served code starts)?
pub fn may_summarise(bytes: &[u8], python: bool) -> bool {
    let holds = |needles: &LazyLock<Option<AhoCorasick>>| {
        needles
            .as_ref()
            .is_none_or(|needles| needles.is_match(bytes))
    };
    if holds(&SUMMARY_NEEDLES) {
        return true;
    }
    if python {
        holds(&PY_HANDLER_NEEDLES)
    } else {
        holds(&JS_HANDLER_NEEDLES) && holds(&JS_RELATIVE_IMPORT_NEEDLES)
    }
}

/// Words of a query call, for `may_loop_over_own_lookup`.
const LOOKUP_WORDS: &[&str] = &[
    ".query",
    "execute(",
    ".find",
    "objects.",
    "select(",
    "aggregate(",
    "session.",
    "cursor",
    "knex",
    "prisma.",
    "Repository",
];

static LOOKUP_NEEDLES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(LOOKUP_WORDS).ok());

/// Without a parse, line by line: may the file call, in a loop, a function of its own whose
/// body holds a query word (`for alias in q: ret.append(get_alias_info(alias))` with
/// `def get_alias_info(alias): ... Session.query(...)`)? A function's body and a loop's body
/// are the lines indented deeper than their first line; a comprehension or an iteration
/// callback on one line is a loop of that line.
pub fn may_loop_over_own_lookup(bytes: &[u8], python: bool) -> bool {
    let Some(lookup) = LOOKUP_NEEDLES.as_ref() else {
        return true;
    };
    // Names bound by imports of project modules: a loop may call a helper of another module.
    let imported = project_imported(bytes, python);
    if imported.is_empty() && !lookup.is_match(bytes) {
        return false;
    }
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .map(|l| {
            (
                l.iter().take_while(|b| **b == b' ' || **b == b'\t').count(),
                l,
            )
        })
        .collect();
    // Functions whose body holds a query word.
    let mut lookups: Vec<&[u8]> = Vec::new();
    let mut open: Option<(usize, &[u8], bool)> = None;
    for (indent, line) in &lines {
        if let Some((at, name, queries)) = open {
            if *indent > at {
                open = Some((at, name, queries || lookup.is_match(*line)));
                continue;
            }
            if queries && !lookups.contains(&name) {
                lookups.push(name);
            }
            open = None;
        }
        if let Some(name) = defined_name(&line[*indent..], python) {
            open = Some((*indent, name, lookup.is_match(&line[*indent..])));
        }
    }
    if let Some((_, name, true)) = open {
        lookups.push(name);
    }
    lookups.extend(imported);
    if lookups.is_empty() {
        return false;
    }
    // A call of one of them in a loop's body or on a loop's line.
    let mut loop_at: Option<usize> = None;
    for (indent, line) in &lines {
        if loop_at.is_some_and(|at| *indent <= at) {
            loop_at = None;
        }
        let code = &line[*indent..];
        let loops_here = starts_loop(code, python);
        let in_loop = loop_at.is_some() || loops_here;
        if in_loop && lookups.iter().any(|name| calls_name(code, name)) {
            return true;
        }
        if loops_here && loop_at.is_none() {
            loop_at = Some(*indent);
        }
    }
    false
}

/// An import or require of a module of the project and the names it binds: a relative one
/// (JavaScript `import a, { b as c } from './m'`, `const { d } = require('../m')`; Python
/// `from .m import e, f`), or a Python import of a dotted module path (`from
/// app.models.order import Order`), which names a package of the project as often as a
/// library's.
static PROJECT_IMPORT_TEXT: LazyLock<Option<regex::bytes::Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"(?:import\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*|(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\(\s*)['"]\.\.?/"#,
    )
});
static PY_PROJECT_IMPORT_TEXT: LazyLock<Option<regex::bytes::Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r"(?m)^[ \t]*from[ \t]+(?:\.[\w.]*|[A-Za-z_]\w*(?:\.\w+)+)[ \t]+import[ \t]*(?:\(([\w ,\r\n]+)\)|([\w ,\t]+))",
    )
});

/// The names imports of project modules bind in a file (see `PROJECT_IMPORT_TEXT`).
fn project_imported(bytes: &[u8], python: bool) -> Vec<&[u8]> {
    let mut names = Vec::new();
    let pattern = if python {
        &PY_PROJECT_IMPORT_TEXT
    } else {
        &PROJECT_IMPORT_TEXT
    };
    let Some(pattern) = pattern.as_ref() else {
        return names;
    };
    for found in pattern.captures_iter(bytes) {
        for group in found.iter().skip(1).flatten() {
            // `a as b`, `a: b`: the local name is the last word.
            for item in group.as_bytes().split(|b| *b == b',') {
                let local = item
                    .split(|b| b.is_ascii_whitespace() || *b == b':')
                    .rfind(|w| !w.is_empty());
                if let Some(local) = local {
                    if local != b"type" && !names.contains(&local) {
                        names.push(local);
                    }
                }
            }
        }
    }
    names
}

/// The name a line defines as a function: `def name(`, `function name(`, `name = (`/
/// `name = async (`, `name(...) {` (a method).
fn defined_name(code: &[u8], python: bool) -> Option<&[u8]> {
    let word = |s: &[u8]| -> usize {
        s.iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'$')
            .count()
    };
    let strip = |s: &'_ [u8], p: &[u8]| -> Option<usize> { s.starts_with(p).then_some(p.len()) };
    let mut rest = code;
    for prefix in [
        &b"export "[..],
        b"async ",
        b"static ",
        b"public ",
        b"private ",
        b"protected ",
    ] {
        if let Some(n) = strip(rest, prefix) {
            rest = &rest[n..];
        }
    }
    if python {
        let n = strip(rest, b"def ")?;
        let name = &rest[n..n + word(&rest[n..])];
        return (!name.is_empty()).then_some(name);
    }
    for keyword in [
        &b"function "[..],
        b"function* ",
        b"const ",
        b"let ",
        b"var ",
    ] {
        if let Some(n) = strip(rest, keyword) {
            let name = &rest[n..n + word(&rest[n..])];
            let after = &rest[n + name.len()..];
            let defines = keyword.starts_with(b"function")
                || after.windows(8).any(|w| w == b"function")
                || after.windows(2).any(|w| w == b"=>");
            return (!name.is_empty() && defines).then_some(name);
        }
    }
    // A method: `name(args) {`.
    let name = &rest[..word(rest)];
    let after = &rest[name.len()..];
    let method = !name.is_empty()
        && after.starts_with(b"(")
        && after.trim_ascii_end().ends_with(b"{")
        && !matches!(
            name,
            b"if" | b"for" | b"while" | b"switch" | b"catch" | b"return"
        );
    method.then_some(name)
}

/// A line that starts a loop, or iterates on the line itself (a comprehension, an iteration
/// callback).
fn starts_loop(code: &[u8], python: bool) -> bool {
    let has = |needle: &[u8]| code.windows(needle.len()).any(|w| w == needle);
    if python {
        code.starts_with(b"for ")
            || code.starts_with(b"async for ")
            || code.starts_with(b"while ")
            || has(b" for ")
    } else {
        code.starts_with(b"for ")
            || code.starts_with(b"for(")
            || code.starts_with(b"while ")
            || has(b".map(")
            || has(b".forEach(")
            || has(b"Promise.all(")
    }
}

/// `name(`, `x.name(` or `name.method(` called on the line (not a longer name).
fn calls_name(code: &[u8], name: &[u8]) -> bool {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    memchr::memmem::find_iter(code, name).any(|at| {
        let before = at.checked_sub(1).and_then(|i| code.get(i)).copied();
        if before.is_some_and(is_word) {
            return false;
        }
        let rest = &code[at + name.len()..];
        match rest.first() {
            Some(b'(') => true,
            Some(b'.') => {
                let method = rest[1..].iter().take_while(|b| is_word(**b)).count();
                method > 0 && rest.get(1 + method) == Some(&b'(')
            }
            _ => false,
        }
    })
}

/// Which node kinds the summary collector looks at.
pub const JS_VISITED: &[&str] = &[
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
    "class_declaration",
    "abstract_class_declaration",
    "class",
    "call_expression",
    "import_statement",
    "export_statement",
    "assignment_expression",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
];

pub const PY_VISITED: &[&str] = &[
    "function_definition",
    "class_definition",
    "call",
    "import_statement",
    "import_from_statement",
    "for_statement",
    "while_statement",
    "list_comprehension",
    "set_comprehension",
    "dictionary_comprehension",
    "generator_expression",
    "lambda",
];

/// The questions about a call that belong to the rules reading the summaries: is it a query,
/// and is it made once per row of a loop?
pub struct CallQuestions {
    /// The query a call runs, when it runs one the rule would report in a loop.
    pub query: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Option<FoundQuery>,
    /// The loop (header, label) a call runs in once per row, with a value that changes per
    /// row.
    pub per_row: for<'t> fn(Node<'t>, &TreeContext<'t>) -> Option<LoopHead>,
    /// True for an anonymous function (callback, lambda) run once per element of a
    /// collection (`rows.map(...)`): only calls in such functions and in loop bodies are
    /// asked `per_row`.
    pub per_element: for<'t> fn(Node<'t>, &TreeContext<'t>) -> bool,
    /// Whether a file's text (Python or not) may hold a call `query` answers: when not,
    /// none of its calls is asked.
    pub may_query: fn(&[u8], bool) -> bool,
}

enum Scope<'a> {
    Class(String),
    /// A loop statement or comprehension.
    Loop,
    /// A named function (its index) or an anonymous handler (`None`).
    Function(Option<usize>),
    /// Another anonymous function (a callback, a lambda): whether it runs once per element
    /// of a collection is asked only of a call in it that may run a query per row.
    Anonymous(Node<'a>),
}

/// Whether a call is made directly in a loop body or a per-element callback.
#[derive(Clone, Copy)]
enum InLoop<'a> {
    No,
    Yes,
    /// Directly in this anonymous function: when it runs once per element
    /// (`CallQuestions::per_element`).
    IfPerElement(Node<'a>),
}

/// A loop's header and a label for it.
pub type LoopHead = (Range<usize>, String);

/// A query call, as the rule sees it.
pub struct FoundQuery {
    /// The callee, for messages (`db.query`).
    pub callee: String,
    /// The statement argument when it is a bare name (`cursor.execute(sql)`): when that is a
    /// parameter, the function runs whatever statement it is given and says nothing itself.
    pub statement_name: Option<String>,
}

/// Gathers one file's summaries during the walk.
pub struct SummaryRun<'a> {
    src: &'a str,
    python: bool,
    questions: Option<&'static CallQuestions>,
    scopes: Vec<(usize, Scope<'a>)>,
    /// The text may hold a query call (`CallQuestions::may_query`).
    may_query: bool,
    /// Asked of functions and calls when the text may send (`SendQuestions::may_send`).
    sends: Option<&'static SendQuestions>,
    /// Calls handing a caught error: kept at the end of the walk when the callee is
    /// imported.
    pending_errors: Vec<(usize, Node<'a>, HandedError)>,
    /// Asked of calls when the text may take or hold a pooled connection
    /// (`AcquireQuestions`): (questions, may return one, may hold one).
    acquires: Option<(&'static AcquireQuestions, bool, bool)>,
    /// Calls of imported functions whose result is held as a connection.
    pending_held: Vec<(usize, Node<'a>, Vec<HeldLeak>)>,
    /// Asked of functions and awaited calls when the text may define or await a function
    /// that never rejects (`RejectQuestions::may_ask`).
    rejects: Option<&'static RejectQuestions>,
    /// Calls other than queries, in the order of the walk: kept as calls of their function
    /// at the end of the walk when they may name a function of the project.
    pending: Vec<PendingCall<'a>>,
    out: FileSummaries,
}

/// A call (not a query) seen during the walk.
struct PendingCall<'a> {
    /// The calling function (index in `FileSummaries::functions`).
    function: usize,
    call: Node<'a>,
    callee: Node<'a>,
    args: Option<Node<'a>>,
    /// Made directly in a loop body or a per-element callback.
    in_loop: InLoop<'a>,
}

impl<'a> SummaryRun<'a> {
    pub fn new(
        src: &'a str,
        python: bool,
        questions: Option<&'static CallQuestions>,
        sends: Option<&'static SendQuestions>,
        acquires: Option<&'static AcquireQuestions>,
        rejects: Option<&'static RejectQuestions>,
    ) -> SummaryRun<'a> {
        let rejects = rejects.filter(|q| !python && (q.may_ask)(src.as_bytes(), python));
        let may_query = questions.is_some_and(|q| (q.may_query)(src.as_bytes(), python));
        let sends = sends.filter(|q| (q.may_send)(src.as_bytes(), python));
        let acquires = acquires
            .map(|q| {
                (
                    q,
                    (q.may_return_connection)(src.as_bytes(), python),
                    (q.may_hold_connection)(src.as_bytes(), python),
                )
            })
            .filter(|(_, returns, holds)| *returns || *holds);
        SummaryRun {
            src,
            python,
            questions,
            scopes: Vec::new(),
            may_query,
            sends,
            pending_errors: Vec::new(),
            acquires,
            pending_held: Vec::new(),
            rejects,
            pending: Vec::new(),
            out: FileSummaries {
                python,
                functions: vec![FunctionSummary::default()],
                ..FileSummaries::default()
            },
        }
    }

    pub fn finish(mut self, cx: &TreeContext<'a>) -> Option<FileSummaries> {
        let heads = self.project_heads();
        self.out.awaited_calls.retain(|call| {
            let head = call.callee.split('.').next().unwrap_or(&call.callee);
            heads.contains(head)
        });
        let pending = std::mem::take(&mut self.pending);
        // The calls that may name a function of the project, with their callee.
        let mut kept: Vec<(PendingCall<'a>, String)> = Vec::new();
        for call in pending {
            let Some(function) = self.out.functions.get_mut(call.function) else {
                continue;
            };
            // Calls of a path of names are counted (`callee_path`).
            let Some(head) = callee_head(call.callee, self.src, self.python) else {
                continue;
            };
            if function.call_count >= MAX_CALLS {
                continue;
            }
            function.call_count += 1;
            // Only a call whose first name the file defines or imports may resolve to a
            // project function (`summary_model::SummaryModel::resolve_call`).
            if !heads.contains(head) {
                continue;
            }
            let Some(callee) = callee_path(call.callee, self.src, self.python) else {
                continue;
            };
            if self.may_name_project_function(call.function, &callee) {
                kept.push((call, callee));
            }
        }
        let mut calls_project = vec![false; self.out.functions.len()];
        for (call, _) in &kept {
            if let Some(calls) = calls_project.get_mut(call.function) {
                *calls = true;
            }
        }
        for (call, callee) in kept {
            let passes_values = call.args.is_some_and(|a| passes_values(a, self.python));
            let asked = passes_values
                && self.may_lead_to_query(call.function, &callee, &calls_project)
                && self.in_loop(call.in_loop, cx);
            if let Some(questions) = self.questions.filter(|_| asked) {
                if let Some((head, label)) = (questions.per_row)(call.call, cx) {
                    self.out.loop_calls.push(LoopCall {
                        function: call.function,
                        callee: callee.clone(),
                        range: call.call.byte_range(),
                        head,
                        label,
                    });
                }
            }
            if let Some(function) = self.out.functions.get_mut(call.function) {
                function.calls.push(CallSite {
                    callee,
                    passes_values,
                });
            }
        }
        // A caught error handed to an imported function (a function of this file is the
        // rule's own per-file question).
        for (function, call, handed) in std::mem::take(&mut self.pending_errors) {
            let Some(callee) = call.field("function") else {
                continue;
            };
            let imported = callee_head(callee, self.src, self.python)
                .is_some_and(|head| self.imports_name(head));
            let Some(path) = callee_path(callee, self.src, self.python).filter(|_| imported) else {
                continue;
            };
            self.out.error_calls.push(ErrorCall {
                function,
                callee: path,
                range: call.byte_range(),
                arg: handed.arg,
                shown: handed.shown,
                kinds: handed.kinds,
                answered: handed.answered,
            });
        }
        // A connection held from an imported function (one of this file is the rule's own
        // per-file question).
        for (function, call, leaks) in std::mem::take(&mut self.pending_held) {
            let Some(path) = call
                .field("function")
                .and_then(|callee| callee_path(callee, self.src, self.python))
            else {
                continue;
            };
            self.out.held_calls.push(HeldCall {
                function,
                callee: path,
                leaks,
            });
        }
        let out = self.out;
        let empty = out.loop_calls.is_empty()
            && out.error_calls.is_empty()
            && out.held_calls.is_empty()
            && out.awaited_calls.is_empty()
            && out.functions.iter().all(|f| {
                f.query.is_none()
                    && f.calls.is_empty()
                    && f.sends.is_empty()
                    && f.pooled.is_none()
                    && !f.never_rejects
                    && f.rejects_through.is_empty()
            });
        (!empty).then_some(out)
    }

    pub fn visit(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        let start = node.start_byte();
        while self.scopes.last().is_some_and(|(end, _)| *end <= start) {
            self.scopes.pop();
        }
        if self.python {
            self.visit_py(node, cx);
        } else {
            self.visit_js(node, cx);
        }
    }

    /// The first names of the calls that may name a function of the project: of the
    /// functions the file defines (`find`, `Order` of `Order.find`, `repo` of `repo.find`),
    /// of the names it imports (`app` of Python's `import app.models`), and the receivers
    /// of methods (`this`, `self`, `cls`).
    fn project_heads(&self) -> std::collections::HashSet<String> {
        let first = |name: &str| name.split('.').next().unwrap_or(name).to_string();
        let mut heads: std::collections::HashSet<String> =
            ["this", "self", "cls"].map(String::from).into();
        heads.extend(
            self.out
                .functions
                .iter()
                .filter(|f| !f.name.is_empty())
                .map(|f| first(&f.name)),
        );
        heads.extend(self.out.imports.iter().map(|i| first(&i.local)));
        heads
    }

    /// Whether a call written `callee` in `caller` may lead to a query: false when it names
    /// a function of this file (as `summary_model::SummaryModel::resolve_call` resolves it
    /// first) that is the caller itself, or that runs no query and calls no function of the
    /// project (`calls_project`, per function); true for a function of another module.
    fn may_lead_to_query(&self, caller: usize, callee: &str, calls_project: &[bool]) -> bool {
        let parts: Vec<&str> = callee.split('.').collect();
        let local = match parts.as_slice() {
            [this, method] if matches!(*this, "this" | "self" | "cls") => {
                match self
                    .out
                    .functions
                    .get(caller)
                    .and_then(|f| f.class.as_deref())
                {
                    Some(class) => format!("{class}.{method}"),
                    None => return false,
                }
            }
            [_] | [_, _] => callee.to_string(),
            _ => return true,
        };
        let target = self
            .out
            .functions
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, f)| !f.name.is_empty() && f.name == local);
        match target {
            Some((index, function)) => {
                index != caller
                    && (function.query.is_some()
                        || calls_project.get(index).copied().unwrap_or(true))
            }
            None => true,
        }
    }

    /// Whether a call written `callee` in `function` may name a function of the project, as
    /// the summary model resolves calls: a function or method of this file (`find`,
    /// `Order.find`, `this.find`), or a name imported from a module (`orders.find`,
    /// `app.services.orders.find`). Builtins, methods of values and parameters do not.
    fn may_name_project_function(&self, function: usize, callee: &str) -> bool {
        let defined = |name: &str| self.out.functions.iter().any(|f| f.name == name);
        if defined(callee) {
            return true;
        }
        let (head, rest) = callee.split_once('.').unwrap_or((callee, ""));
        let caller = self.out.functions.get(function);
        if caller.is_some_and(|f| f.params.iter().any(|p| p == head)) {
            return false;
        }
        if matches!(head, "this" | "self" | "cls") {
            return caller
                .and_then(|f| f.class.as_deref())
                .is_some_and(|class| defined(&format!("{class}.{rest}")));
        }
        self.out.imports.iter().any(|i| {
            callee
                .strip_prefix(i.local.as_str())
                .is_some_and(|after| after.is_empty() || after.starts_with('.'))
        })
    }

    /// Whether an import binds `head` (`errors`, or `app` of Python's `import app.errors`).
    fn imports_name(&self, head: &str) -> bool {
        self.out.imports.iter().any(|i| {
            i.local == head
                || i.local
                    .strip_prefix(head)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// The nearest named function around the current node (0: the module's top level).
    fn current_function(&self) -> usize {
        self.scopes
            .iter()
            .rev()
            .find_map(|(_, s)| match s {
                Scope::Function(Some(i)) => Some(*i),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// Whether `call` is awaited directly by the request handler `function` (the innermost
    /// function around it), outside any `try` of it that has a `catch`.
    fn handler_awaits_unguarded(&self, call: Node<'a>, function: usize) -> bool {
        let handler = self.out.functions.get(function).is_some_and(|f| f.handler);
        let innermost = self.scopes.iter().rev().find_map(|(_, s)| match s {
            Scope::Function(index) => Some(*index == Some(function)),
            Scope::Anonymous(_) => Some(false),
            _ => None,
        });
        if !handler || innermost != Some(true) {
            return false;
        }
        let mut node = call;
        while let Some(parent) = node.parent() {
            match parent.kind_name() {
                "parenthesized_expression" | "as_expression" | "non_null_expression" => {
                    node = parent;
                }
                "await_expression" => break,
                _ => return false,
            }
        }
        for ancestor in crate::lang::tree::ancestors(call) {
            let kind = ancestor.kind_name();
            if js::FUNCTION_KINDS.contains(&kind) {
                return true;
            }
            if kind == "try_statement" && ancestor.field("handler").is_some() {
                return false;
            }
        }
        true
    }

    /// Whether the innermost function around the current node is a named one (not a
    /// callback, not the module's top level).
    fn innermost_function_is_named(&self) -> bool {
        self.scopes
            .iter()
            .rev()
            .find_map(|(_, s)| match s {
                Scope::Function(index) => Some(index.is_some_and(|i| i != 0)),
                Scope::Anonymous(_) => Some(false),
                _ => None,
            })
            .unwrap_or(false)
    }

    /// Whether the current node is directly inside a loop, or an anonymous function that
    /// may run per element.
    fn may_be_in_loop(&self) -> InLoop<'a> {
        match self.scopes.last() {
            Some((_, Scope::Loop)) => InLoop::Yes,
            Some((_, Scope::Anonymous(function))) => InLoop::IfPerElement(*function),
            _ => InLoop::No,
        }
    }

    /// Whether a call made `in_loop` runs per row: in a loop body, or in an anonymous
    /// function run once per element (asked once per function).
    fn in_loop(&self, in_loop: InLoop<'a>, cx: &TreeContext<'a>) -> bool {
        match in_loop {
            InLoop::No => false,
            InLoop::Yes => true,
            InLoop::IfPerElement(function) => self.questions.is_some_and(|q| {
                cx.node_fact("runs once per element", function, || {
                    (q.per_element)(function, cx)
                })
            }),
        }
    }

    /// An anonymous function: a scope of its own.
    fn push_anonymous(&mut self, function: Node<'a>) {
        self.scopes
            .push((function.end_byte(), Scope::Anonymous(function)));
    }

    /// The class whose body directly holds the current node.
    fn class_here(&self) -> Option<String> {
        match self.scopes.last() {
            Some((_, Scope::Class(name))) => Some(name.clone()),
            _ => None,
        }
    }

    /// The class of the nearest class scope (for the name of a function bound in it).
    fn enclosing_class(&self) -> Option<String> {
        self.scopes.iter().rev().find_map(|(_, s)| match s {
            Scope::Class(name) => Some(name.clone()),
            _ => None,
        })
    }

    fn push_function(
        &mut self,
        node: Node<'a>,
        name: Option<String>,
        params: Vec<String>,
        (handler, deferred): (bool, bool),
        cx: &TreeContext<'a>,
    ) {
        // An anonymous handler is a function of its own (unnamed: no call reaches it).
        let name = name.or_else(|| handler.then(String::new));
        let sends = match (self.sends, &name) {
            (Some(q), Some(name)) if !name.is_empty() => (q.sends_param)(node, cx),
            _ => Vec::new(),
        };
        let never_rejects = match (self.rejects, &name) {
            (Some(q), Some(name)) if !name.is_empty() => (q.never_rejects)(node, cx),
            _ => false,
        };
        // Linked later: the callees it could reject through, each one a path.
        let rejects_through = match (self.rejects, &name) {
            (Some(q), Some(name)) if !name.is_empty() && !never_rejects => {
                (q.rejects_only_through)(node, cx)
                    .and_then(|callees| {
                        callees
                            .into_iter()
                            .map(|c| callee_path(c, self.src, self.python))
                            .collect::<Option<Vec<String>>>()
                    })
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let index = name.map(|name| {
            let class = self.enclosing_class();
            let name = match self.class_here() {
                Some(c) if !name.contains('.') && !name.is_empty() => format!("{c}.{name}"),
                _ => name,
            };
            self.out.functions.push(FunctionSummary {
                name,
                class,
                params,
                handler,
                deferred,
                query: None,
                calls: Vec::new(),
                call_count: 0,
                sends,
                pooled: None,
                never_rejects,
                rejects_through,
            });
            self.out.functions.len() - 1
        });
        self.scopes.push((node.end_byte(), Scope::Function(index)));
    }

    fn record_call(
        &mut self,
        call: Node<'a>,
        callee: Option<Node<'a>>,
        args: Option<Node<'a>>,
        cx: &TreeContext<'a>,
    ) {
        let function = self.current_function();
        // Asked only of a call whose callee names an import seen so far.
        let asks_imported = self.sends.is_some() || self.acquires.is_some_and(|(_, _, h)| h);
        let imported = asks_imported
            && callee.is_some_and(|callee| {
                callee_head(callee, self.src, self.python).is_some_and(|h| self.imports_name(h))
            });
        if let Some(q) = self.sends.filter(|_| imported) {
            if let Some(handed) = (q.hands_error)(call, cx) {
                self.pending_errors.push((function, call, handed));
            }
        }
        if let Some((q, returns, holds)) = self.acquires {
            if returns && self.innermost_function_is_named() {
                let pooled = (q.returned_acquisition)(call, cx);
                let f = self.out.functions.get_mut(function);
                if let (Some((callee, kind)), Some(f)) = (pooled, f) {
                    if f.pooled.is_none() {
                        f.pooled = Some(PooledSite {
                            callee,
                            kind,
                            range: call.byte_range(),
                            line: call.start_position().row + 1,
                        });
                    }
                }
            }
            if holds && imported {
                let leaks = (q.held_leaks)(call, cx);
                if !leaks.is_empty() {
                    self.pending_held.push((function, call, leaks));
                }
            }
        }
        // Kept at the end of the walk when the callee's first name is one the file defines
        // or imports; `await new Config().load()` names the method `load` of the class.
        if self.rejects.is_some() && self.handler_awaits_unguarded(call, function) {
            let path = callee.and_then(|c| {
                instance_method_path(c, self.src).or_else(|| callee_path(c, self.src, self.python))
            });
            if let Some(path) = path {
                self.out.awaited_calls.push(AwaitedCall {
                    function,
                    callee: path,
                });
            }
        }
        let query = match self.questions {
            Some(q) if self.may_query => (q.query)(call, cx),
            _ => None,
        };
        if let Some(query) = query {
            // Anywhere in the chain: `Item.objects.filter(order_id=order_id).count()`.
            let passes = descendants(call)
                .filter(|n| matches!(n.kind_name(), "arguments" | "argument_list"))
                .any(|a| passes_values(a, self.python));
            if let Some(f) = self.out.functions.get_mut(function) {
                let runs_given_statement = query
                    .statement_name
                    .as_ref()
                    .is_some_and(|n| f.params.contains(n));
                if f.query.is_none() && passes && !runs_given_statement {
                    f.query = Some(QuerySite {
                        callee: query.callee,
                        range: call.byte_range(),
                        line: call.start_position().row + 1,
                    });
                }
            }
            return;
        }
        let Some(callee) = callee else {
            return;
        };
        self.pending.push(PendingCall {
            function,
            call,
            callee,
            args,
            in_loop: self.may_be_in_loop(),
        });
    }

    fn visit_js(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        let src = self.src;
        match node.kind_name() {
            "class_declaration" | "abstract_class_declaration" | "class" => {
                let name = node
                    .field("name")
                    .map(|n| text(n, src).to_string())
                    .or_else(|| {
                        let parent = node.parent()?;
                        (parent.kind_name() == "variable_declarator")
                            .then(|| parent.field("name"))
                            .flatten()
                            .map(|n| text(n, src).to_string())
                    });
                if let Some(name) = name {
                    self.scopes.push((node.end_byte(), Scope::Class(name)));
                }
            }
            "function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
            | "generator_function_declaration"
            | "generator_function" => {
                let name = self.js_function_name(node);
                let handler = js_is_handler(node, src);
                if name.is_none() && !handler {
                    self.push_anonymous(node);
                    return;
                }
                let params = crate::facts::express::param_list(node, src);
                self.push_function(node, name, params, (handler, false), cx);
            }
            "call_expression" => {
                if let Some(spec) = crate::facts::express::require_spec(node, src) {
                    self.js_require(node, spec);
                    return;
                }
                self.record_call(node, node.field("function"), node.field("arguments"), cx);
            }
            "for_statement" | "for_in_statement" | "while_statement" | "do_statement" => {
                self.scopes.push((node.end_byte(), Scope::Loop));
            }
            "import_statement" => self.js_import(node),
            "export_statement" => self.js_export(node),
            "assignment_expression" => self.js_module_exports(node),
            _ => {}
        }
    }

    /// The name a JavaScript function is called by, when it has one.
    fn js_function_name(&self, function: Node) -> Option<String> {
        let src = self.src;
        if let Some(name) = function.field("name") {
            let name = text(name, src).to_string();
            // `const repo = { async find(id) { ... } }`: called as `repo.find`.
            return Some(match function.parent() {
                Some(object) if object.kind_name() == "object" => {
                    self.object_member_name(object, name)
                }
                _ => name,
            });
        }
        let mut node = function;
        for _ in 0..3 {
            let parent = node.parent()?;
            match parent.kind_name() {
                "parenthesized_expression" | "as_expression" | "satisfies_expression" => {
                    node = parent;
                }
                "variable_declarator" => {
                    let name = parent.field("name")?;
                    return (name.kind_name() == "identifier").then(|| text(name, src).to_string());
                }
                "pair" => {
                    let key = parent.field("key")?;
                    let key = js::string_value(key, src).unwrap_or_else(|| text(key, src).into());
                    return Some(self.object_member_name(parent.parent()?, key));
                }
                "assignment_expression" => {
                    let path = js::dotted_path(parent.field("left")?, src)?;
                    if path == "module.exports" {
                        return Some("default".into());
                    }
                    if let Some(name) = path
                        .strip_prefix("module.exports.")
                        .or_else(|| path.strip_prefix("exports."))
                    {
                        return Some(name.to_string());
                    }
                    if path.starts_with("this.") {
                        return None;
                    }
                    return Some(path);
                }
                "public_field_definition" | "field_definition" => {
                    let name = parent.field("name").or_else(|| parent.field("property"))?;
                    return Some(text(name, src).to_string());
                }
                _ => return None,
            }
        }
        None
    }

    /// `repo.find` for `const repo = { find: ... }`; `find` for `module.exports = { find }`.
    fn object_member_name(&self, object: Node, key: String) -> String {
        let owner = object.parent();
        match owner {
            Some(o) if o.kind_name() == "variable_declarator" => match o.field("name") {
                Some(n) if n.kind_name() == "identifier" => format!("{}.{key}", text(n, self.src)),
                _ => key,
            },
            _ => key,
        }
    }

    /// A relative `require` binding names (a package's module never names a project
    /// function: `summary_model` resolves relative specifiers only, as for `import`).
    fn js_require(&mut self, call: Node, spec: String) {
        if !spec.starts_with('.') {
            return;
        }
        let src = self.src;
        let Some(parent) = call.parent() else { return };
        if parent.kind_name() != "variable_declarator" {
            return;
        }
        let Some(name) = parent.field("name") else {
            return;
        };
        match name.kind_name() {
            "identifier" => self.out.imports.push(Import {
                local: text(name, src).to_string(),
                module: spec,
                imported: None,
            }),
            "object_pattern" => {
                let mut cursor = name.walk();
                for part in name.named_children(&mut cursor) {
                    let (imported, local) = match part.kind_name() {
                        "shorthand_property_identifier_pattern" => {
                            (text(part, src).to_string(), text(part, src).to_string())
                        }
                        "pair_pattern" => {
                            let (Some(k), Some(v)) = (part.field("key"), part.field("value"))
                            else {
                                continue;
                            };
                            (text(k, src).to_string(), text(v, src).to_string())
                        }
                        _ => continue,
                    };
                    self.out.imports.push(Import {
                        local,
                        module: spec.clone(),
                        imported: Some(imported),
                    });
                }
            }
            _ => {}
        }
    }

    fn js_import(&mut self, node: Node) {
        let src = self.src;
        let Some(spec) = node.field("source").and_then(|s| js::string_value(s, src)) else {
            return;
        };
        if !spec.starts_with('.') {
            return;
        }
        let Some(clause) = child_of_kind(node, "import_clause") else {
            return;
        };
        let mut cursor = clause.walk();
        for part in clause.named_children(&mut cursor) {
            match part.kind_name() {
                "identifier" => self.out.imports.push(Import {
                    local: text(part, src).to_string(),
                    module: spec.clone(),
                    imported: Some("default".into()),
                }),
                "namespace_import" => {
                    if let Some(id) = child_of_kind(part, "identifier") {
                        self.out.imports.push(Import {
                            local: text(id, src).to_string(),
                            module: spec.clone(),
                            imported: None,
                        });
                    }
                }
                "named_imports" => {
                    let mut c2 = part.walk();
                    for specifier in part.named_children(&mut c2) {
                        let Some(name) = specifier.field("name") else {
                            continue;
                        };
                        let name = text(name, src).to_string();
                        let local = specifier
                            .field("alias")
                            .map_or(name.clone(), |a| text(a, src).to_string());
                        self.out.imports.push(Import {
                            local,
                            module: spec.clone(),
                            imported: Some(name),
                        });
                    }
                }
                _ => {}
            }
        }
    }

    fn js_export(&mut self, node: Node) {
        let src = self.src;
        let is_default = (0..node.child_count())
            .filter_map(|i| node.child(i))
            .any(|c| c.kind_name() == "default");
        if let Some(decl) = node.field("declaration") {
            let mut names = Vec::new();
            match decl.kind_name() {
                "lexical_declaration" | "variable_declaration" => {
                    let mut cursor = decl.walk();
                    for d in decl.named_children(&mut cursor) {
                        if let Some(n) = d.field("name").filter(|n| n.kind_name() == "identifier") {
                            names.push(text(n, src).to_string());
                        }
                    }
                }
                _ => {
                    if let Some(n) = decl.field("name") {
                        names.push(text(n, src).to_string());
                    }
                }
            }
            for name in names {
                let exported = if is_default {
                    "default".into()
                } else {
                    name.clone()
                };
                self.out.exports.push((exported, name));
            }
            return;
        }
        if let Some(value) = node.field("value") {
            let value = unwrap_expression(value);
            if is_default && value.kind_name() == "identifier" {
                self.out
                    .exports
                    .push(("default".into(), text(value, src).to_string()));
            }
            return;
        }
        if node.field("source").is_some() {
            return;
        }
        if let Some(clause) = child_of_kind(node, "export_clause") {
            let mut cursor = clause.walk();
            for specifier in clause.named_children(&mut cursor) {
                let Some(name) = specifier.field("name") else {
                    continue;
                };
                let local = text(name, src).to_string();
                let exported = specifier
                    .field("alias")
                    .map_or(local.clone(), |a| text(a, src).to_string());
                self.out.exports.push((exported, local));
            }
        }
    }

    /// `module.exports = X`, `module.exports = { a, b: c }`, `exports.a = b`.
    fn js_module_exports(&mut self, node: Node) {
        let src = self.src;
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        let Some(path) = js::dotted_path(left, src) else {
            return;
        };
        let right = unwrap_expression(right);
        if path == "module.exports" {
            match right.kind_name() {
                "identifier" => self
                    .out
                    .exports
                    .push(("default".into(), text(right, src).to_string())),
                "new_expression" => {
                    if let Some(c) = right
                        .field("constructor")
                        .filter(|c| c.kind_name() == "identifier")
                    {
                        self.out
                            .exports
                            .push(("default".into(), text(c, src).to_string()));
                    }
                }
                "object" => {
                    let mut cursor = right.walk();
                    for part in right.named_children(&mut cursor) {
                        match part.kind_name() {
                            "shorthand_property_identifier" => {
                                let name = text(part, src).to_string();
                                self.out.exports.push((name.clone(), name));
                            }
                            "pair" => {
                                let (Some(k), Some(v)) = (part.field("key"), part.field("value"))
                                else {
                                    continue;
                                };
                                let v = unwrap_expression(v);
                                let key = text(k, src).to_string();
                                if v.kind_name() == "identifier" {
                                    self.out.exports.push((key, text(v, src).to_string()));
                                } else if js::is_function(v) {
                                    self.out.exports.push((key.clone(), key));
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        let Some(name) = path
            .strip_prefix("module.exports.")
            .or_else(|| path.strip_prefix("exports."))
        else {
            return;
        };
        if right.kind_name() == "identifier" {
            self.out
                .exports
                .push((name.to_string(), text(right, src).to_string()));
        } else if js::is_function(right) {
            self.out.exports.push((name.to_string(), name.to_string()));
        }
    }

    fn visit_py(&mut self, node: Node<'a>, cx: &TreeContext<'a>) {
        let src = self.src;
        match node.kind_name() {
            "class_definition" => {
                if let Some(name) = node.field("name") {
                    self.scopes
                        .push((node.end_byte(), Scope::Class(text(name, src).to_string())));
                }
            }
            "function_definition" => {
                let name = node.field("name").map(|n| text(n, src).to_string());
                let params = py::parameter_names(node, src)
                    .into_iter()
                    .filter(|p| *p != "self" && *p != "cls")
                    .map(str::to_string)
                    .collect::<Vec<String>>();
                let handler = py_is_handler(node, &params, self.class_here().is_some(), src);
                let deferred = py::decorators(node).iter().any(|d| {
                    let t = text(*d, src);
                    ["task", "cache", "memoize"].iter().any(|w| t.contains(w))
                });
                self.push_function(node, name, params, (handler, deferred), cx);
            }
            "for_statement"
            | "while_statement"
            | "list_comprehension"
            | "set_comprehension"
            | "dictionary_comprehension"
            | "generator_expression" => {
                self.scopes.push((node.end_byte(), Scope::Loop));
            }
            "lambda" => self.push_anonymous(node),
            "call" => {
                self.record_call(node, node.field("function"), node.field("arguments"), cx);
            }
            "import_statement" => {
                let mut cursor = node.walk();
                for part in node.named_children(&mut cursor) {
                    let (module, local) = match part.kind_name() {
                        "dotted_name" => (text(part, src).to_string(), text(part, src).to_string()),
                        "aliased_import" => {
                            let (Some(n), Some(a)) = (part.field("name"), part.field("alias"))
                            else {
                                continue;
                            };
                            (text(n, src).to_string(), text(a, src).to_string())
                        }
                        _ => continue,
                    };
                    self.out.imports.push(Import {
                        local,
                        module,
                        imported: None,
                    });
                }
            }
            "import_from_statement" => {
                let Some(module) = node.field("module_name") else {
                    return;
                };
                let module = text(module, src).to_string();
                let mut cursor = node.walk();
                for part in node.children_by_field_name("name", &mut cursor) {
                    let (name, local) = match part.kind_name() {
                        "dotted_name" => (text(part, src).to_string(), text(part, src).to_string()),
                        "aliased_import" => {
                            let (Some(n), Some(a)) = (part.field("name"), part.field("alias"))
                            else {
                                continue;
                            };
                            (text(n, src).to_string(), text(a, src).to_string())
                        }
                        _ => continue,
                    };
                    self.out.imports.push(Import {
                        local,
                        module: module.clone(),
                        imported: Some(name),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Methods registering a route or event callback: a function given to them is a handler.
const REGISTRATIONS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "del",
    "all",
    "use",
    "route",
    "on",
    "handle",
    "handler",
    "subscribe",
    "resolver",
];

/// Decorators of controller methods and gateways (NestJS).
const HANDLER_DECORATORS: &[&str] = &[
    "@Get",
    "@Post",
    "@Put",
    "@Patch",
    "@Delete",
    "@All",
    "@Query",
    "@Mutation",
    "@ResolveField",
    "@SubscribeMessage",
    "@MessagePattern",
    "@EventPattern",
    "@Subscription",
];

/// Method names of class-based views (Django, DRF, Flask `MethodView`).
const VIEW_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "list",
    "create",
    "retrieve",
    "update",
    "partial_update",
    "destroy",
    "perform_create",
    "perform_update",
    "get_queryset",
    "form_valid",
    "get_context_data",
];

fn js_is_handler(function: Node, src: &str) -> bool {
    if crate::facts::express::has_handler_shape(function, src) {
        return true;
    }
    if function.kind_name() == "method_definition" {
        let mut sibling = function.prev_named_sibling();
        while let Some(d) = sibling.filter(|d| d.kind_name() == "decorator") {
            let t = text(d, src);
            if HANDLER_DECORATORS.iter().any(|h| {
                t.strip_prefix(h)
                    .is_some_and(|rest| rest.starts_with('(') || rest.is_empty())
            }) {
                return true;
            }
            sibling = d.prev_named_sibling();
        }
        return false;
    }
    // A callback given to `router.get(...)`, `socket.on(...)`.
    let Some(args) = function.parent().filter(|p| p.kind_name() == "arguments") else {
        return false;
    };
    let Some(call) = args.parent() else {
        return false;
    };
    call.field("function")
        .filter(|c| c.kind_name() == "member_expression")
        .and_then(|c| c.field("property"))
        .is_some_and(|p| REGISTRATIONS.contains(&text(p, src)))
}

fn py_is_handler(function: Node, params: &[String], in_class: bool, src: &str) -> bool {
    if params.first().is_some_and(|p| p == "request" || p == "req") {
        return true;
    }
    let name = function.field("name").map_or("", |n| text(n, src));
    if in_class && VIEW_METHODS.contains(&name) {
        return true;
    }
    py::decorators(function).iter().any(|d| {
        let t = text(*d, src);
        [
            ".route(",
            ".get(",
            ".post(",
            ".put(",
            ".patch(",
            ".delete(",
            ".websocket(",
            "api_view",
            "action(",
        ]
        .iter()
        .any(|w| t.contains(w))
    })
}

/// At most this many calls are kept per function.
const MAX_CALLS: usize = 200;

/// Names in a callee's path, at most (`callee_path`).
const MAX_CALLEE_PARTS: usize = 4;

/// The callee of a call as a dotted path of names (`f`, `orders.find`, `this.markPaid`,
/// `self.repo.get`, `app.services.orders.find`), at most four parts.
fn callee_path(callee: Node, src: &str, python: bool) -> Option<String> {
    let path = if python {
        py::dotted_path(callee, src)?
    } else {
        js::dotted_path(callee, src)?
    };
    (path.split('.').count() <= MAX_CALLEE_PARTS && !path.contains("()")).then_some(path)
}

/// `new Config(...).load` (JavaScript): `Config.load`, the method of the class the call
/// makes an instance of.
pub fn instance_method_path(callee: Node, src: &str) -> Option<String> {
    let callee = unwrap_expression(callee);
    if callee.kind_name() != "member_expression" {
        return None;
    }
    let object = unwrap_expression(callee.field("object")?);
    if object.kind_name() != "new_expression" {
        return None;
    }
    let class = object.field("constructor")?;
    let property = callee.field("property")?;
    (class.kind_name() == "identifier" && property.kind_name() == "property_identifier")
        .then(|| format!("{}.{}", text(class, src), text(property, src)))
}

/// The first name of a callee (`orders` of `orders.find`, `this` of `this.find`), when
/// `callee_path` gives the callee a path.
fn callee_head<'s>(callee: Node, src: &'s str, python: bool) -> Option<&'s str> {
    fn unwrap(node: Node<'_>, python: bool) -> Node<'_> {
        if python {
            py::unwrap(node)
        } else {
            unwrap_expression(node)
        }
    }
    let mut node = unwrap(callee, python);
    for parts in 1..=MAX_CALLEE_PARTS {
        match (node.kind_name(), python) {
            ("identifier", _) | ("this" | "super", false) => return Some(text(node, src)),
            ("member_expression", false) | ("attribute", true) => {}
            ("subscript_expression", false) => {
                // Only a string key that is an identifier (`js::dotted_path`).
                let key = js::string_value(node.field("index")?, src)?;
                let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
                if key.is_empty() || !key.chars().all(word) {
                    return None;
                }
            }
            _ => return None,
        }
        if parts == MAX_CALLEE_PARTS {
            return None;
        }
        node = unwrap(node.field("object")?, python);
    }
    None
}

/// True when the arguments hold a name (not only literals).
fn passes_values(args: Node, python: bool) -> bool {
    descendants(args).any(|n| match n.kind_name() {
        "identifier" | "shorthand_property_identifier" => true,
        "this" => !python,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every call of `src`: (`callee_head`, `callee_path`).
    fn heads_and_paths(src: &str, language: tree_sitter::Language) -> Vec<(String, String)> {
        let python = src.contains("def ");
        let mut parser = tree_sitter::Parser::new();
        assert!(parser.set_language(&language).is_ok());
        let Some(tree) = parser.parse(src, None) else {
            panic!("no tree");
        };
        let call_kind = if python { "call" } else { "call_expression" };
        descendants(tree.root_node())
            .filter(|n| n.kind_name() == call_kind)
            .filter_map(|call| call.field("function"))
            .map(|callee| {
                let head = callee_head(callee, src, python).unwrap_or("-");
                let path = callee_path(callee, src, python).unwrap_or_else(|| "-".into());
                (head.to_string(), path)
            })
            .collect()
    }

    /// A callee has a first name exactly when it has a path, and the name starts the path.
    fn assert_heads_start_paths(src: &str, language: tree_sitter::Language) {
        let found = heads_and_paths(src, language);
        assert!(!found.is_empty());
        for (head, path) in found {
            if path == "-" {
                assert_eq!(head, "-", "{path}");
            } else {
                assert_eq!(path.split('.').next(), Some(head.as_str()), "{path}");
            }
        }
    }

    #[test]
    fn names_bound_by_imports_of_project_modules() {
        let py = b"from .orders import load_order, save as store\nfrom app.models.user import (\n    UserDao,\n    GroupDao as Groups,\n)\nfrom shop.db import get_session\n\nfrom os import path\nimport json\n";
        let names: Vec<&[u8]> = project_imported(py, true);
        assert_eq!(
            names,
            vec![
                &b"load_order"[..],
                b"store",
                b"UserDao",
                b"Groups",
                b"get_session"
            ]
        );
        let js = b"import order, { save as store } from './orders';\nconst { load } = require('../db');\nimport express from 'express';\n";
        let names: Vec<&[u8]> = project_imported(js, false);
        assert_eq!(names, vec![&b"order"[..], b"store", b"load"]);
        // A loop calling a method of a class imported by its dotted path.
        let service = b"from shop.models.user_group import UserGroupDao\n\ndef assign(group, ids):\n    for uid in ids:\n        UserGroupDao.add_admin(uid, group)\n";
        assert!(may_loop_over_own_lookup(service, true));
        let no_loop = b"from shop.models.user_group import UserGroupDao\n\ndef assign(group, uid):\n    UserGroupDao.add_admin(uid, group)\n";
        assert!(!may_loop_over_own_lookup(no_loop, true));
    }

    #[test]
    fn callee_heads_agree_with_callee_paths() {
        let js = "find(id); orders.find(id); this.repo.find(id); a.b.c.d(x); a.b.c.d.e(x);\n\
                  knex('t').where(x); x['find'](id); x['not a name'](id); f()(x);\n\
                  (await load())(id); (o).find(id); super.find(id); `t`.trim();";
        assert_heads_start_paths(js, tree_sitter_javascript::LANGUAGE.into());
        let ts = format!("{js}\n(orders as any).find(id); orders!.find(id); (<any>o).find(id);");
        assert_heads_start_paths(&ts, tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into());
        let py = "def f():\n    find(x)\n    orders.find(x)\n    self.repo.get(x)\n    \
                  app.services.orders.find(x)\n    a.b.c.d.e(x)\n    (orders).find(x)\n    \
                  load()(x)\n    q.filter(x).first()\n    'x'.join(y)\n";
        assert_heads_start_paths(py, tree_sitter_python::LANGUAGE.into());
    }
}
