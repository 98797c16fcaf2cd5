//! unbounded-cache: a module-level object, `Map`, `Set`, dict or list that functions grow with
//! computed keys and that nothing in the module ever shrinks; `@lru_cache(maxsize=None)` /
//! `@functools.cache` on methods and on functions fed request data.

use crate::lang::tree::{FieldExt, KindExt};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::bytes::Regex;

use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::handler::{js_is_request_handler, py_is_request_handler};
use crate::lang::tree::{ancestors, descendants, text, unwrap_expression};
use crate::lang::{js, js_scan, py};
use crate::rules::shared::request_input::py_request_source;
use crate::rules::{Prescan, Rule, TreeContext};
use crate::util::{RangeSet, identifier_words, is_upper_constant};

pub struct UnboundedCache;

/// A comment inside an empty literal: `{ /* id -> user */ }`.
const JS_GAP: &str = r"(?:\s|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/|//[^\n]*\n)*";

/// An empty container given by `=` (`const cache = {}`, `let seen: Record<string, X> = {}`,
/// `new Map()`, `Object.create(null)`): what `js_containers` starts from. The declaration
/// itself is not matched: a type annotation between the name and `=` can hold anything,
/// `=>` and generic defaults included.
static JS_CONTAINER_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"=[\s(]*(?:<[^>\n]*>\s*)?(?:\{{{JS_GAP}\}}|\[{JS_GAP}\]|new\s+(?:Map|Set)\b|Object\s*\.\s*create\s*\(\s*null)"
    ))
});

/// Where `JS_CONTAINER_TEXT` matches are assignments (the byte before the `=`): the `=` is
/// not the end of `==`, `!=`, `<=` or `>=`. Checked on the byte before rather than in the pattern: a
/// leading byte class makes the regex engine try every `=` of the file from behind, and on
/// large files it falls back to its slowest search.
fn js_container_starts<'t>(re: &'t Regex, text: &'t [u8]) -> impl Iterator<Item = usize> + 't {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= text.len() {
            let m = re.find_at(text, at)?;
            at = m.start() + 1;
            let before = m.start().checked_sub(1).map(|i| text[i]);
            if !matches!(before, Some(b'=' | b'!' | b'<' | b'>')) {
                // Where the statement's text reaches the `=` (the byte before it).
                return Some(m.start().saturating_sub(1));
            }
        }
        None
    })
}

/// A module-level (unindented) assignment of an empty container, or a cache decorator: what
/// `py_containers` and `check_py_decorator` start from.
static PY_CONTAINER_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r"(?m)^(?:[^\n#]*;\s*)?[A-Za-z_]\w*\s*(?::[^=\n]*)?=[\s\\(]*(?:\{\s*\}|\[\s*\]|(?:[\w.]*\.)?(?:dict|list|set|OrderedDict|deque|defaultdict|Counter)\s*\()|@[^\n]*cache",
    )
});

impl Rule for UnboundedCache {
    fn may_match(&self, file: &Prescan) -> bool {
        if file.is_py() {
            return crate::util::shape_matches(&PY_CONTAINER_TEXT, file.bytes);
        }
        let Some(re) = JS_CONTAINER_TEXT.as_ref() else {
            return true;
        };
        let mut starts = js_container_starts(re, file.bytes).peekable();
        if starts.peek().is_none() {
            return false;
        }
        // Containers are declared at module level: outside every bracket.
        let Some(nested) = file.js_brackets().and_then(js_scan::nested_regions) else {
            return true;
        };
        let nested = RangeSet::new(nested);
        starts.any(|start| !nested.overlaps(start..start + 1))
    }
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&[
            // Module-level empty containers are assigned: `= {}`, `= []`, `new Map()`.
            "= {}",
            "={}",
            "= []",
            "=[]",
            "Map(",
            "Set(",
            "dict(",
            "list(",
            "set(",
            "defaultdict",
            "OrderedDict",
            "Counter(",
            "create(null)",
            "cache",
        ]]
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["program"]
    }

    fn check_js(&self, program: Node, cx: &TreeContext, out: &mut Findings) {
        let containers = js_containers(program, cx.src);
        if containers.is_empty() {
            return;
        }
        let mut state = scan(program, &containers, Lang::Js, cx);
        report(&containers, &mut state, Lang::Js, cx, out);
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["module", "decorated_definition"]
    }

    fn check_py(&self, node: Node, cx: &TreeContext, out: &mut Findings) {
        if node.kind_name() == "decorated_definition" {
            check_py_decorator(node, cx, out);
            return;
        }
        let containers = py_containers(node, cx.src);
        if containers.is_empty() {
            return;
        }
        let mut state = scan(node, &containers, Lang::Py, cx);
        report(&containers, &mut state, Lang::Py, cx, out);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Js,
    Py,
}

/// A module-level container that starts empty.
struct Container<'t> {
    name: String,
    /// The declaration to point at.
    decl: Node<'t>,
}

/// What the module does with each container.
#[derive(Default)]
struct Uses<'t> {
    /// Writes that add an entry from inside a function: (write node, key or value, function).
    growth: Vec<(Node<'t>, Option<Node<'t>>, Node<'t>)>,
    /// Any delete, clear, pop, size check or reset.
    shrinks: bool,
    /// Functions that read the container (`cache[k]`, `cache.get(k)`): a memo.
    readers: Vec<usize>,
}

/// `const cache = {}`, `let seen = new Set()`, `const results: Item[] = []`.
fn js_containers<'t>(program: Node<'t>, src: &str) -> Vec<Container<'t>> {
    js::declarators(program)
        .into_iter()
        .filter(|(_, name, value)| {
            name.kind_name() == "identifier"
                && js_is_empty_container(unwrap_expression(*value), src)
        })
        .map(|(decl, name, _)| Container {
            name: text(name, src).to_string(),
            decl,
        })
        .collect()
}

fn js_is_empty_container(value: Node, src: &str) -> bool {
    match value.kind_name() {
        "object" | "array" => {
            let mut cursor = value.walk();
            value
                .named_children(&mut cursor)
                .all(|c| c.kind_name() == "comment")
        }
        "new_expression" => {
            let constructor = value.field("constructor").map_or("", |c| text(c, src));
            let no_args = value
                .field("arguments")
                .is_none_or(|a| a.named_child_count() == 0);
            matches!(constructor, "Map" | "Set") && no_args
        }
        "call_expression" => text(value, src).replace(' ', "") == "Object.create(null)",
        _ => false,
    }
}

/// `CACHE = {}`, `_seen: set[str] = set()`, `results = []`, `hits = defaultdict(int)`.
fn py_containers<'t>(module: Node<'t>, src: &str) -> Vec<Container<'t>> {
    let mut out = Vec::new();
    for (assign, left, right) in py::assignments(module) {
        if left.kind_name() != "identifier" {
            continue;
        }
        let empty = match right.kind_name() {
            "dictionary" | "list" | "set" => right.named_child_count() == 0,
            "call" => {
                let callee = right.field("function").map_or("", |f| text(f, src));
                let callee = callee.rsplit('.').next().unwrap_or(callee);
                let no_args = right
                    .field("arguments")
                    .is_some_and(|a| a.named_child_count() == 0);
                matches!(
                    callee,
                    "dict" | "list" | "set" | "OrderedDict" | "deque" | "Counter"
                ) && no_args
                    && !text(right, src).contains("maxlen")
                    || callee == "defaultdict"
            }
            _ => false,
        };
        if empty {
            out.push(Container {
                name: text(left, src).to_string(),
                decl: assign,
            });
        }
    }
    out
}

/// One pass over the module: every use of every container.
fn scan<'t>(
    root: Node<'t>,
    containers: &[Container<'t>],
    lang: Lang,
    cx: &TreeContext<'t>,
) -> Vec<Uses<'t>> {
    let src = cx.src;
    let index: HashMap<&str, usize> = containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let mut uses: Vec<Uses> = containers.iter().map(|_| Uses::default()).collect();
    for n in descendants(root) {
        if n.kind_name() != "identifier" {
            continue;
        }
        let Some(&i) = index.get(text(n, src)) else {
            continue;
        };
        if n.id()
            == containers[i]
                .decl
                .child_by_field_name(if lang == Lang::Js { "name" } else { "left" })
                .map_or(usize::MAX, |d| d.id())
        {
            continue;
        }
        let function = match lang {
            Lang::Js => js::enclosing_function(n),
            Lang::Py => py::enclosing_function(n),
        };
        match lang {
            Lang::Js => js_use(n, function, &mut uses[i], src),
            Lang::Py => py_use(n, function, &mut uses[i], src),
        }
    }
    uses
}

fn js_use<'t>(n: Node<'t>, function: Option<Node<'t>>, u: &mut Uses<'t>, src: &str) {
    let Some(parent) = n.parent() else { return };
    let is_object = parent.field("object").is_some_and(|o| o.id() == n.id());
    match parent.kind_name() {
        "subscript_expression" if is_object => {
            let key = parent.field("index");
            let grand = parent.parent();
            let written = grand.is_some_and(|g| {
                matches!(
                    g.kind_name(),
                    "assignment_expression" | "augmented_assignment_expression"
                ) && g.field("left").is_some_and(|l| l.id() == parent.id())
            });
            let deleted = grand.is_some_and(|g| {
                g.kind_name() == "unary_expression" && text(g, src).starts_with("delete")
            });
            if deleted {
                u.shrinks = true;
            } else if written {
                if let (Some(f), Some(g)) = (function, grand) {
                    if key.is_some_and(|k| !js_is_constant_key(k, src)) {
                        u.growth.push((g, key, f));
                    }
                }
            } else if let Some(f) = function {
                u.readers.push(f.id());
            }
        }
        "member_expression" if is_object => {
            let property = parent.field("property").map_or("", |p| text(p, src));
            let call = parent
                .parent()
                .filter(|g| g.kind_name() == "call_expression");
            let grand = parent.parent();
            if grand.is_some_and(|g| {
                g.kind_name() == "unary_expression" && text(g, src).starts_with("delete")
            }) {
                u.shrinks = true;
                return;
            }
            match property {
                "delete" | "clear" | "pop" | "shift" | "splice" | "size" | "length" | "slice" => {
                    u.shrinks = true;
                }
                "set" | "add" | "push" | "unshift" => {
                    let (Some(call), Some(f)) = (call, function) else {
                        return;
                    };
                    let key = js::call_arguments(call).first().copied();
                    let keyed = matches!(property, "set" | "add");
                    if !keyed || key.is_some_and(|k| !js_is_constant_key(k, src)) {
                        u.growth.push((call, key, f));
                    }
                }
                "get" | "has" => {
                    if let Some(f) = function {
                        u.readers.push(f.id());
                    }
                }
                _ => {}
            }
        }
        // `cache = {}`: the module resets it.
        "assignment_expression" if parent.field("left").is_some_and(|l| l.id() == n.id()) => {
            u.shrinks = true;
        }
        "arguments" => {
            // `Object.keys(cache).length`: a size check.
            if let Some(call) = parent.parent() {
                let callee = js::callee(call).map_or("", |c| text(c, src));
                if callee.starts_with("Object.") {
                    u.shrinks = true;
                }
            }
        }
        _ => {}
    }
}

fn js_is_constant_key(key: Node, src: &str) -> bool {
    let key = unwrap_expression(key);
    js::is_literal(key) || (key.kind_name() == "identifier" && is_upper_constant(text(key, src)))
}

fn py_use<'t>(n: Node<'t>, function: Option<Node<'t>>, u: &mut Uses<'t>, src: &str) {
    let Some(parent) = n.parent() else { return };
    match parent.kind_name() {
        "subscript" if parent.field("value").is_some_and(|v| v.id() == n.id()) => {
            let key = parent.field("subscript");
            let grand = parent.parent();
            if grand.is_some_and(|g| g.kind_name() == "delete_statement")
                || ancestors(parent)
                    .take(2)
                    .any(|a| a.kind_name() == "delete_statement")
            {
                u.shrinks = true;
                return;
            }
            let written = grand.is_some_and(|g| {
                matches!(g.kind_name(), "assignment" | "augmented_assignment")
                    && g.field("left").is_some_and(|l| l.id() == parent.id())
            });
            if written {
                if let (Some(f), Some(g)) = (function, grand) {
                    if key.is_some_and(|k| !(py::is_literal(k) || is_upper_constant(text(k, src))))
                    {
                        u.growth.push((g, key, f));
                    }
                }
            } else if let Some(f) = function {
                u.readers.push(f.id());
            }
        }
        "attribute" if parent.field("object").is_some_and(|o| o.id() == n.id()) => {
            let method = parent.field("attribute").map_or("", |a| text(a, src));
            let call = parent.parent().filter(|g| g.kind_name() == "call");
            match method {
                "pop" | "popitem" | "clear" | "remove" | "discard" | "popleft" => u.shrinks = true,
                "append" | "extend" | "add" | "setdefault" | "update" | "insert" | "appendleft" => {
                    let (Some(call), Some(f)) = (call, function) else {
                        return;
                    };
                    let key = py::positional_arguments(call).first().copied();
                    let keyed = matches!(method, "setdefault" | "add");
                    if !keyed || key.is_some_and(|k| !py::is_literal(k)) {
                        u.growth.push((call, key, f));
                    }
                }
                "get" => {
                    if let Some(f) = function {
                        u.readers.push(f.id());
                    }
                }
                _ => {}
            }
        }
        "argument_list" => {
            if let Some(call) = parent.parent() {
                if call
                    .field("function")
                    .is_some_and(|f| text(f, src) == "len")
                {
                    u.shrinks = true;
                }
            }
        }
        "assignment"
            if parent.field("left").is_some_and(|l| l.id() == n.id()) && function.is_some() =>
        {
            u.shrinks = true;
        }
        "comparison_operator" | "not_operator" | "boolean_operator" => {
            // `if key in cache` is a read.
            if let Some(f) = function {
                u.readers.push(f.id());
            }
        }
        _ => {}
    }
}

/// Words of names that say the container is a cache or a per-request log.
const CACHE_WORDS: &[&str] = &[
    "cache",
    "caches",
    "cached",
    "memo",
    "memos",
    "memoized",
    "memoize",
    "seen",
    "visited",
    "history",
    "sessions",
    "hits",
    "visits",
    "results",
    "responses",
    "requests",
    "lookup",
    "lookups",
    "store",
];

/// Words of names that say the container is a registry filled at startup.
const REGISTRY_WORDS: &[&str] = &[
    "registry",
    "registered",
    "handlers",
    "handler",
    "plugins",
    "routes",
    "listeners",
    "middlewares",
    "middleware",
    "hooks",
    "commands",
    "types",
    "schemas",
    "models",
    "subscribers",
    "callbacks",
    "factories",
    "providers",
    "services",
    "validators",
    "rules",
    "strategies",
    "transformers",
    "formatters",
    "serializers",
    "parsers",
    "loaders",
    "resolvers",
    "extensions",
    "components",
    "directives",
    "modules",
    "tasks",
    "jobs",
    "queue",
    "config",
    "options",
    "settings",
    "defaults",
    "exports",
    "tests",
    "fixtures",
    "mocks",
    "errors",
    "warnings",
];

/// Function names that register things rather than serve calls.
const REGISTERING_PREFIXES: &[&str] = &[
    "register",
    "define",
    "use",
    "install",
    "mount",
    "plugin",
    "route",
    "on",
    "subscribe",
    "provide",
    "bind",
    "declare",
    "configure",
    "init",
    "setup",
    "load",
    "add_route",
    "addRoute",
    "test",
    "it",
    "describe",
    "mock",
];

/// The write's key (or the pushed value) is built from a parameter of a function that is
/// not a registration function.
fn fed_by_parameter(function: Node, write: Node, key: Option<Node>, lang: Lang, src: &str) -> bool {
    let (name, params) = match lang {
        Lang::Js => {
            let name = function
                .field("name")
                .map(|n| text(n, src))
                .or_else(|| {
                    function
                        .parent()
                        .filter(|p| p.kind_name() == "variable_declarator")
                        .and_then(|p| p.field("name"))
                        .map(|n| text(n, src))
                })
                .unwrap_or("");
            (name, js::parameter_names(function, src))
        }
        Lang::Py => (
            function.field("name").map_or("", |n| text(n, src)),
            py::parameter_names(function, src),
        ),
    };
    if name.is_empty()
        || REGISTERING_PREFIXES.iter().any(|p| {
            name.starts_with(p)
                && name[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_uppercase() || c == '_')
        })
    {
        return false;
    }
    let probe = key.unwrap_or(write);
    descendants(probe).any(|n| {
        n.kind_name() == "identifier"
            && params.contains(&text(n, src))
            && !matches!(text(n, src), "self" | "cls")
    })
}

/// Words of names for members of a population that grows with traffic or with the data a
/// service handles: users, sessions, devices, documents, orders, search queries.
const POPULATION_WORDS: &[&str] = &[
    "user",
    "users",
    "username",
    "userid",
    "member",
    "customer",
    "account",
    "wallet",
    "email",
    "ip",
    "session",
    "token",
    "device",
    "visitor",
    "subscriber",
    "contact",
    "person",
    "player",
    "folder",
    "document",
    "doc",
    "post",
    "comment",
    "message",
    "chat",
    "conversation",
    "order",
    "invoice",
    "payment",
    "ticket",
    "report",
    "product",
    "item",
    "sku",
    "profile",
    "phone",
    "query",
    "search",
];

/// Names that on their own stand for a record's identity or an address: `cache[id]`,
/// `cache[url]`. As part of a longer name (`tenant_id`, `jwksUri`) the rest of the name says
/// whose.
const IDENTITY_NAMES: &[&str] = &["id", "ids", "uuid", "guid", "url", "uri", "href", "slug"];

/// Trailing words that say which part of a thing a name holds (`user_id`, `userName`,
/// `cache_key`), not what the thing is.
const PART_WORDS: &[&str] = &[
    "id", "ids", "key", "keys", "name", "names", "url", "uri", "hash", "value", "values", "str",
];

/// True for a name that stands for a member of a growing population: a bare identity
/// (`id`, `url`), or a name whose head noun, after the words for a part of it
/// (`PART_WORDS`), is one of `POPULATION_WORDS` (`user_id`, `folderId`, `user_name`,
/// `seenTokens`). `tenant_id`, `slack_bot_id`, `jwks_uri` or
/// `id_token_signing_alg_values_supported` name no such member.
fn names_population_member(name: &str) -> bool {
    let words = identifier_words(name);
    if let [only] = words.as_slice() {
        if IDENTITY_NAMES.contains(&only.as_str()) {
            return true;
        }
    }
    words
        .iter()
        .rev()
        .find(|w| !PART_WORDS.contains(&w.as_str()))
        .is_some_and(|head| {
            POPULATION_WORDS.contains(&head.as_str())
                || head
                    .strip_suffix('s')
                    .is_some_and(|singular| POPULATION_WORDS.contains(&singular))
        })
}

/// True when the key of a write (or the value appended) names a member of a population that
/// grows with traffic: request input, or a name that says user, session, document, order,
/// a bare `id` or `url`, also through the local names it is built from
/// (`cache_key = (instance_url, user_id)`). Keys that only name a tenant, namespace,
/// plugin, task, region, connection or bot are bounded by what the code or the
/// configuration defines.
fn keyed_by_population(
    function: Node,
    write: Node,
    key: Option<Node>,
    container: &str,
    lang: Lang,
    src: &str,
) -> bool {
    let mut todo: Vec<(Node, usize)> = vec![(key.unwrap_or(write), 0)];
    let mut visited = 0usize;
    while let Some((node, steps)) = todo.pop() {
        visited += 1;
        if visited > 32 {
            break;
        }
        for n in descendants(node).take(256) {
            if reads_request_directly(n, src) {
                return true;
            }
            if !matches!(
                n.kind_name(),
                "identifier" | "property_identifier" | "shorthand_property_identifier"
            ) {
                continue;
            }
            let name = text(n, src);
            if name == container {
                continue;
            }
            if names_population_member(name) {
                return true;
            }
            if steps < 2 && n.kind_name() == "identifier" {
                let values: Vec<Node> = match lang {
                    Lang::Js => js::bindings_of(function, name, src, n.start_byte())
                        .iter()
                        .map(|b| b.value)
                        .collect(),
                    Lang::Py => py::bindings_of(function, name, src, n.start_byte())
                        .iter()
                        .map(|b| b.value)
                        .collect(),
                };
                // A value a call computes (`await lookupConnection(req)`) is what the call
                // returns, not its arguments; only formatting keeps the parts' meaning.
                todo.extend(
                    values
                        .into_iter()
                        .filter(|v| formats_its_parts(*v, lang, src))
                        .map(|v| (v, steps + 1)),
                );
            }
        }
    }
    false
}

/// Objects that hold the request in handlers: `req.ip`, Flask's `request.args["q"]`.
const REQUEST_OBJECTS: &[&str] = &["req", "request", "ctx.request", "self.request", "c.req"];

/// True for a property of the request read in place: `req.ip`, `req.params.id`,
/// `request.args["q"]`.
fn reads_request_directly(node: Node, src: &str) -> bool {
    let object = match node.kind_name() {
        "member_expression" | "attribute" => node.field("object"),
        _ => None,
    };
    object.is_some_and(|o| REQUEST_OBJECTS.contains(&text(o, src)))
}

/// Calls whose result keeps the meaning of their arguments: formatting and joining.
const FORMATTING_CALLS: &[&str] = &[
    "stringify",
    "join",
    "String",
    "str",
    "format",
    "toString",
    "toLowerCase",
    "lower",
    "trim",
    "strip",
    "tuple",
];

/// True when a bound value is built from its parts without a lookup: a literal, a template,
/// a tuple, a concatenation, a formatting call (`JSON.stringify([a, b])`).
fn formats_its_parts(value: Node, lang: Lang, src: &str) -> bool {
    let value = match lang {
        Lang::Js => unwrap_expression(value),
        Lang::Py => py::unwrap(value),
    };
    let value = if matches!(value.kind_name(), "await_expression" | "await") {
        match value.named_child(0) {
            Some(inner) => inner,
            None => return false,
        }
    } else {
        value
    };
    match value.kind_name() {
        "call_expression" => {
            js::callee_name(value, src).is_some_and(|name| FORMATTING_CALLS.contains(&name))
        }
        "call" => py::callee_name(value, src).is_some_and(|name| FORMATTING_CALLS.contains(&name)),
        _ => true,
    }
}

fn report(
    containers: &[Container],
    uses: &mut [Uses],
    lang: Lang,
    cx: &TreeContext,
    out: &mut Findings,
) {
    let src = cx.src;
    for (c, u) in containers.iter().zip(uses.iter()) {
        if u.shrinks || u.growth.is_empty() {
            continue;
        }
        let words = identifier_words(&c.name);
        let cache_named = words.iter().any(|w| CACHE_WORDS.contains(&w.as_str()));
        let registry_named = words.iter().any(|w| REGISTRY_WORDS.contains(&w.as_str()));
        let template_named = words.iter().any(|w| w == "template" || w == "templates");
        let growth = u.growth.iter().find(|(write, key, f)| {
            if shadowed(&c.name, *f, *write, lang, src) {
                return false;
            }
            // A timestamp or expiry stored with an entry (`{ value, at: Date.now() }`) is
            // not eviction: only something that removes entries is, and any delete, pop,
            // clear, splice, reset or size check in the module already set `shrinks`.
            let handler = match lang {
                Lang::Js => js_is_request_handler(*f, src),
                Lang::Py => py_is_request_handler(*f, src),
            };
            // Flask and similar read the request from a module-level `request`, not a
            // parameter: a key built from it grows per distinct request input.
            let request_keyed = lang == Lang::Py
                && !registry_named
                && py_request_source(key.unwrap_or(*write), src).is_some();
            // A registering function (`register(fn)`, `registerVisualization(config)`) fills
            // a registry at startup, also when it checks for duplicates first; so does one
            // that refuses a key already held (a cache answers with the entry it holds).
            if !handler && (is_registering(*f, lang, src) || refuses_held_keys(*f, &c.name, src)) {
                return false;
            }
            // Filled while empty (`if not FORMATS: load the file`): one load, then reads.
            if fills_only_while_empty(*write, *f, &c.name, src) {
                return false;
            }
            // A template cache holds the app's own template files, a set its code fixes.
            if !handler && template_named {
                return false;
            }
            // Keys from a small fixed vocabulary (a locale, a timezone, a class or template
            // name, a `Literal` type) bound the container by that vocabulary.
            if !handler && key.is_some_and(|k| small_vocabulary_key(k, *f, lang, src)) {
                return false;
            }
            // Only a key that names a member of a growing population (a user, a session, a
            // document, a URL, request input) grows with traffic; a tenant, namespace,
            // plugin, task or region name is a set the code or the configuration fixes.
            if !keyed_by_population(*f, *write, *key, &c.name, lang, src) {
                return false;
            }
            handler
                || cache_named
                || u.readers.contains(&f.id())
                || request_keyed
                || (!registry_named && fed_by_parameter(*f, *write, *key, lang, src))
        });
        let Some((write, key, _)) = growth else {
            continue;
        };
        let label = match key {
            Some(k) if !matches!(text(*write, src), w if w.contains(".push(") || w.contains(".append(")) =>
            {
                format!(
                    "grows here with a new key `{}` per call",
                    short(text(*k, src))
                )
            }
            _ => "grows here on every call".to_string(),
        };
        let help = match lang {
            Lang::Js => {
                "bound it: `new LRUCache({ max: 500, ttl: 5 * 60_000 })` from `lru-cache` (or `node-cache` with a TTL), or delete entries when they are no longer needed"
            }
            Lang::Py => {
                "bound it: `cachetools.TTLCache(maxsize=500, ttl=300)` / `LRUCache(maxsize=500)`, or `@lru_cache(maxsize=...)` on the loading function, or delete entries when they are no longer needed"
            }
        };
        let appended = [".push(", ".append(", ".unshift(", ".extend(", ".insert("]
            .iter()
            .any(|m| text(*write, src).contains(m));
        let how = if appended {
            "grows on every call"
        } else {
            "grows with every new key"
        };
        out.report(
            c.decl.byte_range(),
            format!(
                "module-level `{}` {how} and nothing ever removes entries: memory grows until the process is restarted",
                c.name
            ),
        )
        .label(write.byte_range(), label)
        .help(help);
    }
}

/// True when the write sits in the branch of an `if` that tests the container is empty
/// (`if not _FORMATS:`, `if len(_FORMATS) == 0:`, `if (!cache.size)`, `if
/// (Object.keys(table).length === 0)`): the branch loads the content once, later calls find
/// it filled and only read it.
fn fills_only_while_empty(write: Node, function: Node, name: &str, src: &str) -> bool {
    let empty_tests = [
        format!("not{name}"),
        format!("len({name})==0"),
        format!("len({name})<1"),
        format!("{name}=={{}}"),
        format!("!{name}"),
        format!("!{name}.size"),
        format!("{name}.size===0"),
        format!("{name}.size==0"),
        format!("!{name}.length"),
        format!("{name}.length===0"),
        format!("{name}.length==0"),
        format!("!Object.keys({name}).length"),
        format!("Object.keys({name}).length===0"),
        format!("Object.keys({name}).length==0"),
    ];
    let mut previous = write;
    for ancestor in ancestors(write) {
        if ancestor.id() == function.id() {
            break;
        }
        if ancestor.kind_name() == "if_statement"
            && ancestor
                .field("consequence")
                .is_some_and(|c| c.id() == previous.id())
        {
            if let Some(condition) = ancestor.field("condition") {
                let bare = |t: &str| -> String {
                    t.chars()
                        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
                        .collect()
                };
                let tested = bare(text(condition, src));
                if empty_tests.iter().any(|test| tested == bare(test)) {
                    return true;
                }
            }
        }
        previous = ancestor;
    }
    false
}

/// True when the function (or one around the write) declares its own variable of that name.
fn shadowed(name: &str, function: Node, write: Node, lang: Lang, src: &str) -> bool {
    match lang {
        Lang::Js => {
            js::parameter_names(function, src).contains(&name)
                || descendants(function).any(|n| {
                    n.kind_name() == "variable_declarator"
                        && n.start_byte() < write.start_byte()
                        && n.field("name").is_some_and(|id| text(id, src) == name)
                })
        }
        Lang::Py => {
            let global = descendants(function).any(|n| {
                matches!(n.kind_name(), "global_statement" | "nonlocal_statement")
                    && text(n, src).contains(name)
            });
            !global
                && (py::parameter_names(function, src).contains(&name)
                    || !py::bindings_of(function, name, src, write.start_byte()).is_empty())
        }
    }
}

fn short(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        let cut: String = one_line.chars().take(37).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// `@lru_cache(maxsize=None)` / `@cache` on a method or on a function fed request data.
fn check_py_decorator(definition: Node, cx: &TreeContext, out: &mut Findings) {
    let src = cx.src;
    let Some(function) = definition.field("definition") else {
        return;
    };
    if function.kind_name() != "function_definition" {
        return;
    }
    let decorators = py::decorators(function);
    let Some(decorator) = decorators
        .iter()
        .copied()
        .find(|d| is_unbounded_cache_decorator(*d, cx.root, src))
    else {
        return;
    };
    let deco_text = text(decorator, src);
    let name = function.field("name").map_or("", |n| text(n, src));
    let params = py::parameter_names(function, src);
    let static_like = decorators.iter().any(|d| {
        matches!(
            text(*d, src),
            "staticmethod" | "classmethod" | "property" | "cached_property"
        )
    });
    let in_class = definition
        .parent()
        .and_then(|b| b.parent())
        .is_some_and(|c| c.kind_name() == "class_definition");
    let range = decorator_range(decorator);
    if in_class && !static_like && params.first() == Some(&"self") {
        out.report(
            range,
            format!("`@{deco_text}` on method `{name}` keeps every `self` it was called with alive, with no bound"),
        )
        .label(function.field("name").map_or(function.byte_range(), |n| n.byte_range()), "a method: `self` is part of every cache key")
        .help("cache outside the instance (a module-level function with a bounded `@lru_cache(maxsize=...)`), or use `cachetools` with a `maxsize` on a per-instance cache");
        return;
    }
    if params.is_empty() {
        return;
    }
    if py_is_request_handler(function, src) {
        out.report(
            range,
            format!("`@{deco_text}` on request handler `{name}` stores one entry per distinct request input, with no bound"),
        )
        .help("bound it: `@lru_cache(maxsize=1024)`, or `cachetools.TTLCache(maxsize=..., ttl=...)`");
        return;
    }
    // A call in this module that passes request input.
    let fed = descendants(cx.root).find(|n| {
        n.kind_name() == "call"
            && n.field("function").is_some_and(|f| {
                text(f, src) == name || text(f, src).ends_with(&format!(".{name}"))
            })
            && n.field("arguments")
                .is_some_and(|args| py_request_source(args, src).is_some())
    });
    if let Some(call) = fed {
        out.report(
            range,
            format!("`@{deco_text}` on `{name}`, which is called with request input: one entry per distinct input, with no bound"),
        )
        .label(call.byte_range(), "called with request data here")
        .help("bound it: `@lru_cache(maxsize=1024)`, or `cachetools.TTLCache(maxsize=..., ttl=...)`");
    }
}

fn decorator_range(decorator: Node) -> Range<usize> {
    decorator
        .parent()
        .filter(|p| p.kind_name() == "decorator")
        .map_or(decorator.byte_range(), |p| p.byte_range())
}

/// `cache`, `functools.cache`, `lru_cache(maxsize=None)`, `functools.lru_cache(None)`.
fn is_unbounded_cache_decorator(decorator: Node, root: Node, src: &str) -> bool {
    // A bare name is the standard library's unless the module binds it otherwise: a
    // project's own `cache` decorator (defined here or imported from the project) has its
    // own bounds.
    let from_functools = |local: &str, wanted: &str| match local.strip_prefix("functools.") {
        Some(attr) => attr == wanted,
        None => local == wanted && !bound_elsewhere(root, src, local, wanted),
    };
    match decorator.kind_name() {
        "identifier" | "attribute" => from_functools(text(decorator, src), "cache"),
        "call" => {
            let callee = decorator.field("function").map_or("", |f| text(f, src));
            if !from_functools(callee, "lru_cache") {
                return false;
            }
            let maxsize = py::keyword_argument(decorator, "maxsize", src)
                .or_else(|| py::positional_arguments(decorator).first().copied());
            maxsize.is_some_and(|m| text(m, src) == "None")
        }
        _ => false,
    }
}

/// True when the module binds `local` to something other than `functools.wanted`: it defines
/// a function or a variable of that name, or imports it from another module. A name the
/// module does not bind (a snippet) is read as the standard library's.
fn bound_elsewhere(root: Node, src: &str, local: &str, wanted: &str) -> bool {
    crate::lang::tree::named_children(root)
        .into_iter()
        .any(|statement| match statement.kind_name() {
            "function_definition" => statement
                .field("name")
                .is_some_and(|n| text(n, src) == local),
            "decorated_definition" => statement
                .field("definition")
                .and_then(|d| d.field("name"))
                .is_some_and(|n| text(n, src) == local),
            "expression_statement" => statement.named_child(0).is_some_and(|a| {
                a.kind_name() == "assignment"
                    && a.field("left").is_some_and(|l| text(l, src) == local)
            }),
            "import_from_statement" => {
                let functools = statement
                    .field("module_name")
                    .is_some_and(|m| text(m, src) == "functools");
                crate::lang::tree::named_children(statement)
                    .into_iter()
                    .skip(1)
                    .any(|name| match name.kind_name() {
                        "dotted_name" => {
                            text(name, src) == local && !(functools && local == wanted)
                        }
                        "aliased_import" => {
                            name.field("alias").is_some_and(|a| text(a, src) == local)
                                && !(functools
                                    && name.field("name").is_some_and(|n| text(n, src) == wanted))
                        }
                        _ => false,
                    })
            }
            _ => false,
        })
}

/// True when the function is named as one that registers things (`register`,
/// `registerVisualization`, `register_invoice_listener`, `define...`).
fn is_registering(function: Node, lang: Lang, src: &str) -> bool {
    let name = match lang {
        Lang::Js => function
            .field("name")
            .map(|n| text(n, src))
            .or_else(|| {
                function
                    .parent()
                    .filter(|p| p.kind_name() == "variable_declarator")
                    .and_then(|p| p.field("name"))
                    .map(|n| text(n, src))
            })
            .unwrap_or(""),
        Lang::Py => function.field("name").map_or("", |n| text(n, src)),
    };
    // A private helper is named the same way: `_register_events(mapper)`. A set-up step
    // runs once, when the app starts or is configured: `setup_db_classes(columns)`,
    // `configureProviders(list)`, `bootstrap_plugins()`.
    let name = name.trim_start_matches('_');
    ["register", "define", "setup", "configure", "bootstrap"]
        .iter()
        .any(|p| {
            name.starts_with(p)
                && name[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_uppercase() || c == '_')
        })
}

/// True when the function refuses a key the container already holds as an error: an `if`
/// that tests membership (`if (loaded.has(id))`, `if name in registry:`) and throws, or
/// logs an error and leaves (`console.error(...); return false;`), without reading the
/// container. A cache answers a held key with its entry (`if (cache.has(k)) return
/// cache.get(k)`), a set of seen keys answers `false`; a registry that rejects duplicates
/// holds one entry per thing it was given to register, not per request.
fn refuses_held_keys(function: Node, container: &str, src: &str) -> bool {
    let tests = [
        format!("{container}.has("),
        format!("{container}.hasOwnProperty("),
        format!("in {container}"),
    ];
    let mut stack = vec![function];
    while let Some(node) = stack.pop() {
        if node.kind_name() == "if_statement" {
            let condition = node.field("condition").map_or("", |c| text(c, src));
            let consequence = node.field("consequence").map_or("", |c| text(c, src));
            let tests_membership = tests.iter().any(|t| {
                condition.match_indices(t.as_str()).any(|(at, _)| {
                    // `in registry` must end at the name: not `in registryNames`.
                    // `not in registry` tests absence: a miss, not a duplicate.
                    let end = at + t.len();
                    t.ends_with('(')
                        || !condition[..at].trim_end().ends_with("not")
                            && !condition[end..]
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            });
            let negated = condition
                .trim_start_matches('(')
                .trim_start()
                .starts_with('!')
                || condition.trim_start().starts_with("not ");
            // A duplicate is an error to a registry: it throws, or logs and leaves. (A set
            // of seen keys that answers `false` for a repeat is a cache of its own.)
            let throws = consequence.contains("throw") || consequence.contains("raise");
            let complains = [".error(", ".warn(", ".warning("]
                .iter()
                .any(|w| consequence.contains(w))
                && ["return", "continue"]
                    .iter()
                    .any(|w| consequence.contains(w));
            if tests_membership
                && !negated
                && (throws || complains)
                && !consequence.contains(container)
            {
                return true;
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    false
}

/// Words of names whose values come from a small fixed vocabulary.
const VOCABULARY_WORDS: &[&str] = &[
    "locale",
    "locales",
    "language",
    "lang",
    "languages",
    "timezone",
    "tz",
    "cls",
    "class",
    "template",
    "enum",
    "zone",
    // Values the code or the deployment's configuration fixes: the kinds, commands and
    // event names a module defines, the regions, environments, connections, models and
    // providers an operator configures, the HTTP methods and status codes.
    "type",
    "kind",
    "cmd",
    "command",
    "event",
    "config",
    "environment",
    "region",
    "connection",
    "redis",
    "cert",
    "provider",
    "model",
    "source",
    "index",
    "collection",
    "logger",
    "level",
    "policy",
    "method",
    "status",
];

/// True when the key is a property naming a small fixed vocabulary (`samplers[client.region]`)
/// or every variable the key is built from names one
/// (`cache[language]`, `formatters[timeZone]`, `JS_ENUMS[cls.__name__]`) or is a parameter
/// typed as a closed set of values (`Literal["a", "b"]`, `keyof typeof locales`).
fn small_vocabulary_key(key: Node, function: Node, lang: Lang, src: &str) -> bool {
    small_vocabulary_value(key, function, lang, src, 0)
}

/// `small_vocabulary_key`, following local names to the values bound to them
/// (`const tag = language.replace('_', '-')`).
fn small_vocabulary_value(key: Node, function: Node, lang: Lang, src: &str, depth: usize) -> bool {
    if depth > 2 {
        return false;
    }
    // A property that names a fixed vocabulary: `client.regionKey`, `this.config.collectionName`.
    let key = unwrap_expression(key);
    let property = match key.kind_name() {
        "member_expression" => key.field("property"),
        "attribute" => key.field("attribute"),
        _ => None,
    };
    if property.is_some_and(|p| {
        identifier_words(text(p, src))
            .iter()
            .any(|w| VOCABULARY_WORDS.contains(&w.as_str()))
    }) {
        return true;
    }
    let mut variables = 0usize;
    for n in descendants(key).take(64) {
        if n.kind_name() != "identifier" {
            continue;
        }
        // Python spells attribute names as identifiers: `cls.__name__`.
        let attribute_name = n.parent().is_some_and(|p| {
            p.kind_name() == "attribute" && p.field("attribute").is_some_and(|a| a.id() == n.id())
        });
        // A called function (`String(x)`, `str(x)`) is not where the key's values come from.
        let callee = n.parent().is_some_and(|p| {
            matches!(p.kind_name(), "call_expression" | "call")
                && p.field("function").is_some_and(|f| f.id() == n.id())
        });
        if attribute_name || callee {
            continue;
        }
        variables += 1;
        let name = text(n, src);
        let words = identifier_words(name);
        let vocabulary = words.iter().any(|w| VOCABULARY_WORDS.contains(&w.as_str()))
            || matches!(name, "timeZone" | "tzName");
        if vocabulary || closed_type_parameter(function, name, lang, src) {
            continue;
        }
        let values: Vec<Node> = match lang {
            Lang::Js => js::bindings_of(function, name, src, n.start_byte())
                .iter()
                .map(|b| b.value)
                .collect(),
            Lang::Py => py::bindings_of(function, name, src, n.start_byte())
                .iter()
                .map(|b| b.value)
                .collect(),
        };
        if values.is_empty()
            || !values
                .iter()
                .all(|v| small_vocabulary_value(*v, function, lang, src, depth + 1))
        {
            return false;
        }
    }
    variables > 0
}

/// A parameter annotated with a closed set of values: `Literal[...]` in Python; in
/// TypeScript `keyof typeof X` or a union of string literals.
fn closed_type_parameter(function: Node, name: &str, lang: Lang, src: &str) -> bool {
    let Some(params) = function.field("parameters") else {
        return false;
    };
    let mut cursor = params.walk();
    let found = params.named_children(&mut cursor).find(|p| match lang {
        Lang::Js => p.field("pattern").is_some_and(|n| text(n, src) == name),
        Lang::Py => p.named_child(0).is_some_and(|n| text(n, src) == name),
    });
    let Some(param) = found else {
        return false;
    };
    let Some(annotation) = param.field("type") else {
        return false;
    };
    let t = text(annotation, src).trim_start_matches(':').trim();
    t.starts_with("Literal[")
        || t.starts_with("keyof ")
        || (t.contains('|')
            && t.split('|').all(|part| {
                let part = part.trim();
                part.starts_with('\'')
                    || part.starts_with('"')
                    || matches!(part, "null" | "undefined")
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<usize> {
        let Some(re) = JS_CONTAINER_TEXT.as_ref() else {
            panic!("pattern does not compile");
        };
        js_container_starts(re, text.as_bytes()).collect()
    }

    /// Comparisons are not assignments; an assignment right after one is still found, and
    /// the position is the byte before the `=`, as the whole-pattern search gave it.
    #[test]
    fn container_assignments_not_comparisons() {
        assert_eq!(starts("if (a == {}) f();"), Vec::<usize>::new());
        assert_eq!(starts("a != [] && b <= [] && c >= {}"), Vec::<usize>::new());
        assert_eq!(starts("if (a === {}) {}\nconst cache = {};"), vec![28]);
        assert_eq!(starts("=[]"), vec![0]);
        assert_eq!(starts("x=new Map()"), vec![0]);
        assert_eq!(
            starts("const seen: Record<string, number> = { /* none */ }"),
            vec![34]
        );
    }
}
