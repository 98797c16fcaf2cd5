//! unguarded-json-parse: `JSON.parse` / `json.loads` of external data (message-queue
//! payloads, websocket messages, raw request bodies, files) outside try/catch.

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::diagnostic::Findings;
use crate::facts::express::{inside_handler, param_list};
use crate::lang::tree::{ancestors, descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::shared::request_input::{js_request_source, py_request_source};
use crate::rules::{Prescan, Rule, TreeContext};

pub struct UnguardedJsonParse;

const HELP_JS: &str = "parse inside try/catch and handle bad input: answer 400 for a request, reject or dead-letter a message (`channel.nack(msg, false, false)`), log and skip a bad file";
const HELP_PY: &str = "parse inside `try: ... except json.JSONDecodeError:` and handle bad input: answer 400 for a request, reject or dead-letter a message, log and skip a bad file";

/// Callbacks that receive messages from outside: event names of `.on(...)`.
const MESSAGE_EVENTS: &[&str] = &["message", "data", "end", "messages", "payload", "line"];
/// Methods whose callback receives external messages.
const CONSUMERS: &[&str] = &[
    "consume",
    "subscribe",
    "psubscribe",
    "eachMessage",
    "eachBatch",
    "handleMessage",
    "onMessage",
    "onmessage",
    "process",
    "run",
    "handleMessageBatch",
    "receive",
];
/// Synchronous array methods: a throw in their callback propagates to the caller.
const SYNC_CALLBACKS: &[&str] = &[
    "map",
    "forEach",
    "filter",
    "reduce",
    "flatMap",
    "some",
    "every",
    "find",
    "findIndex",
    "sort",
];
/// Array methods whose callback receives each element as its first parameter.
const ELEMENT_CALLBACKS: &[&str] = &[
    "map",
    "forEach",
    "filter",
    "flatMap",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
];
/// Methods whose result holds elements of the string or array they are called on.
const ELEMENT_KEEPING: &[&str] = &[
    "split",
    "filter",
    "map",
    "slice",
    "reverse",
    "sort",
    "flat",
    "toReversed",
    "toSorted",
    "values",
];
/// Properties that hold a message or body payload.
const PAYLOAD_PROPERTIES: &[&str] = &[
    "content", "value", "Body", "body", "data", "rawBody", "payload",
];
/// Objects that are messages, events or requests by name.
const MESSAGE_OBJECTS: &[&str] = &[
    "msg", "message", "m", "record", "event", "evt", "e", "req", "request", "payload", "packet",
    "delivery", "job", "data", "raw", "ev",
];

impl Rule for UnguardedJsonParse {
    fn needles(&self) -> &'static [&'static [&'static str]] {
        &[&["json.parse", "json.load", "loads("]]
    }

    fn may_match(&self, file: &Prescan) -> bool {
        !file.is_py() || py_may_load_json(file.bytes)
    }

    fn js_node_kinds(&self) -> &'static [&'static str] {
        &["call_expression"]
    }

    fn check_js(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        if js::callee_name(call, src) != Some("parse") {
            return;
        }
        let Some(callee) = js::callee(call) else {
            return;
        };
        if js::dotted_path(callee, src).as_deref() != Some("JSON.parse") {
            return;
        }
        let Some(arg) = js::call_arguments(call).first().copied() else {
            return;
        };
        if js_is_guarded(call, src)
            || in_test_assertion(call, src)
            || after_assertion_on_source(call, arg, src)
            || in_json_method(call, src)
            || js_callers_catch(call, src)
        {
            return;
        }
        // An AMD module (`define.amd`) is loaded by a browser's module loader.
        if src.contains("define.amd") {
            return;
        }
        let Some(what) = js_external(arg, call, src, 0) else {
            return;
        };
        if what == "file contents" && js_writes_json_files(src) {
            return;
        }
        if from_the_sender(what)
            && (js_computed_by_call(arg, src)
                || after_signature_check(call, src)
                || after_sender_check(call, src))
        {
            return;
        }
        if matches!(what, "a message payload" | "a received message")
            && js_publishes_own_json(call, src)
        {
            return;
        }
        let consequence = if inside_handler(call, src) {
            "the request fails with a 500 instead of a 400"
        } else if in_message_callback(call, src) {
            "nothing catches it: the consumer crashes or the message is redelivered forever"
        } else if throws_its_own_errors(call) {
            return;
        } else {
            "it propagates to the caller as an uncaught SyntaxError"
        };
        out.report(
            call.byte_range(),
            format!("`JSON.parse` of {what} outside try/catch: one malformed payload throws, and {consequence}"),
        )
        .label(arg.byte_range(), "external data")
        .help(HELP_JS);
    }

    fn py_node_kinds(&self) -> &'static [&'static str] {
        &["call"]
    }

    fn check_py(&self, call: Node, cx: &TreeContext, out: &mut Findings) {
        let src = cx.src;
        let Some(callee) = call.field("function") else {
            return;
        };
        let name = text(callee, src);
        let is_load = matches!(name, "json.load" | "load");
        if !matches!(
            name,
            "json.loads"
                | "loads"
                | "orjson.loads"
                | "ujson.loads"
                | "simplejson.loads"
                | "json.load"
        ) {
            return;
        }
        if matches!(name, "loads" | "load") && !src.contains("from json import") {
            return;
        }
        let Some(arg) = py::positional_arguments(call).first().copied() else {
            return;
        };
        if py_is_guarded(call)
            || in_test_assertion(call, src)
            || after_assertion_on_source(call, arg, src)
            || py_callers_catch(call, src)
        {
            return;
        }
        let what = if is_load {
            if py::is_literal(arg) {
                return;
            }
            // Only a file the request supplies (an upload, a path it names) is outside input;
            // any other file is the application's own or its operator's.
            if !py_from_request(arg, src)
                && !py_file_path(arg, src, 0).is_some_and(|p| py_path_from_request(p, src))
            {
                return;
            }
            Some("a file")
        } else {
            py_external(arg, src, 0)
        };
        let Some(what) = what else {
            return;
        };
        if what == "a file" && py_writes_json_files(src) {
            return;
        }
        if from_the_sender(what)
            && (py_computed_by_call(arg, src)
                || text(arg, src).contains("cleaned_data")
                || text(arg, src).contains("validated_data")
                || after_signature_check(call, src))
        {
            return;
        }
        if what == "a message payload" && py_publishes_own_json(call, src) {
            return;
        }
        if py_raises_value_error(call, src) {
            return;
        }
        out.report(
            call.byte_range(),
            format!("`{name}` of {what} outside try/except: one malformed payload raises JSONDecodeError, which nothing here catches"),
        )
        .label(arg.byte_range(), "external data")
        .help(HELP_PY);
    }
}

/// True when a try/catch around the call (in its function, or around a synchronous array
/// callback it sits in) catches the error, or a `.catch` of a promise chain does.
fn js_is_guarded(call: Node, src: &str) -> bool {
    for ancestor in ancestors(call) {
        if ancestor.kind_name() == "try_statement" && ancestor.field("handler").is_some() {
            return true;
        }
        if js::is_function(ancestor) {
            let Some(outer) = callback_call(ancestor) else {
                return false;
            };
            let name = js::callee_name(outer, src).unwrap_or("");
            if js::is_catching_wrapper(name) {
                return true;
            }
            if !SYNC_CALLBACKS.contains(&name) {
                return false;
            }
        }
    }
    false
}

/// The call a function is passed to as an argument.
fn callback_call(function: Node<'_>) -> Option<Node<'_>> {
    let mut node = function;
    if node
        .parent()
        .is_some_and(|p| p.kind_name() == "parenthesized_expression")
    {
        node = node.parent()?;
    }
    let args = node.parent().filter(|p| p.kind_name() == "arguments")?;
    args.parent().filter(|p| p.kind_name() == "call_expression")
}

/// True when `node` is inside a callback that receives external messages.
fn in_message_callback(node: Node, src: &str) -> bool {
    ancestors(node)
        .filter(|a| js::is_function(*a))
        .any(|f| is_message_callback(f, src))
}

/// `.on('message', cb)`, `channel.consume(q, cb)`, `{ eachMessage: async ({ message }) => }`,
/// `ws.onmessage = cb`, `addEventListener('message', cb)`.
fn is_message_callback(function: Node, src: &str) -> bool {
    let Some(parent) = function.parent() else {
        return false;
    };
    match parent.kind_name() {
        "pair" => parent
            .field("key")
            .is_some_and(|k| CONSUMERS.contains(&text(k, src))),
        "assignment_expression" => parent
            .field("left")
            .and_then(|l| js::dotted_path(l, src))
            .is_some_and(|p| p.ends_with(".onmessage")),
        "arguments" => {
            let Some(call) = parent.parent() else {
                return false;
            };
            let Some(name) = js::callee_name(call, src) else {
                return false;
            };
            if matches!(name, "on" | "once" | "addEventListener" | "addListener") {
                return js::call_arguments(call)
                    .first()
                    .and_then(|e| js::string_value(*e, src))
                    .is_some_and(|e| MESSAGE_EVENTS.contains(&e.as_str()));
            }
            CONSUMERS.contains(&name)
        }
        _ => false,
    }
}

/// What external data the expression holds, if any.
fn js_external(expr: Node, call: Node, src: &str, depth: usize) -> Option<&'static str> {
    if depth > 4 {
        return None;
    }
    let expr = unwrap_expression(expr);
    if js::is_literal(expr) {
        return None;
    }
    match expr.kind_name() {
        "await_expression" => js_external(expr.named_child(0)?, call, src, depth + 1),
        "call_expression" => {
            let name = js::callee_name(expr, src).unwrap_or("");
            match name {
                "stringify" => None,
                "readFileSync" | "readFile" => js::call_arguments(expr)
                    .first()
                    .is_some_and(|p| js_path_from_request(*p, src))
                    .then_some("file contents"),
                "toString" | "trim" | "utf8Slice" => {
                    js_external(js::callee_object(expr)?, call, src, depth + 1)
                }
                "String" | "from" | "decode" | "concat" => {
                    js_external(*js::call_arguments(expr).first()?, call, src, depth + 1)
                }
                "text" if js::call_arguments(expr).is_empty() => {
                    let answers_json = js::callee_object(expr).is_some_and(|response| {
                        js_answers_json(response, src) || js_status_checked(response, call, src)
                    });
                    (!answers_json).then_some("an HTTP response body")
                }
                // What the application stored itself, under whatever key the request names:
                // `await redis.get(`state:${req.query.state}`)`, `cache.get(req.params.id)`.
                _ if js::callee_object(expr).is_some_and(|o| names_storage(text(o, src))) => None,
                _ => js_request_source(expr, src).map(|_| "request input"),
            }
        }
        "member_expression" => {
            if js_request_source(expr, src).is_some() {
                return Some("request input");
            }
            let property = text(expr.field("property")?, src);
            let object = unwrap_expression(expr.field("object")?);
            let object_name = text(object, src);
            let object_is_message = (MESSAGE_OBJECTS.contains(&object_name)
                || object_name.ends_with("Message")
                || object_name.ends_with("message")
                || (object.kind_name() == "identifier" && is_callback_param(object, src)))
                && !(object.kind_name() == "identifier" && js_from_storage(object, src));
            if PAYLOAD_PROPERTIES.contains(&property) && object_is_message {
                return Some(match property {
                    "content" | "value" | "Body" => "a message payload",
                    "body" | "rawBody" => "a request body",
                    _ => "a received message",
                });
            }
            None
        }
        "identifier" => {
            if is_callback_param(expr, src) {
                return Some("a received message");
            }
            if js_request_source(expr, src).is_some() {
                return Some("request input");
            }
            let name = text(expr, src);
            // An element of a collection: `for (const line of lines)`,
            // `lines.map((line) => JSON.parse(line))`.
            if let Some(collection) = js_element_source(expr, name, src) {
                return js_collection(collection, call, src, depth + 1);
            }
            let function = js::enclosing_function(expr)?;
            let bindings = js::bindings_of(function, name, src, expr.start_byte());
            if bindings.is_empty() {
                if js::parameter_names(function, src).contains(&name) {
                    return None;
                }
                // Accumulated chunks parsed in a message callback: `req.on('end', () => JSON.parse(body))`.
                return (in_message_callback(call, src)
                    && !js::bindings_of(
                        js::enclosing_function(function)?,
                        name,
                        src,
                        expr.start_byte(),
                    )
                    .iter()
                    .all(|b| js::is_literal(b.value) && b.kind != js::BindingKind::Append))
                .then_some("a received message");
            }
            // `const { body } = req`, `const { content } = msg`.
            let destructured = bindings.iter().any(|b| {
                b.kind == js::BindingKind::Destructure
                    && PAYLOAD_PROPERTIES.contains(&name)
                    && MESSAGE_OBJECTS.contains(&text(unwrap_expression(b.value), src))
            });
            if destructured {
                return Some("a received message or request body");
            }
            bindings
                .iter()
                .find_map(|b| js_external(b.value, call, src, depth + 1))
        }
        _ => None,
    }
}

/// The collection whose elements an identifier holds: the iterable of a `for...of` loop that
/// declares it, or the array an iteration callback taking it as its element parameter runs
/// over (`text.split('\n').map((line) => ...)` → `text.split('\n')`).
fn js_element_source<'t>(identifier: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    for ancestor in ancestors(identifier) {
        if ancestor.kind_name() == "for_in_statement" {
            let is_of = ancestor
                .field("operator")
                .is_some_and(|o| text(o, src) == "of");
            let declares = ancestor
                .field("left")
                .is_some_and(|l| l.kind_name() == "identifier" && text(l, src) == name);
            let in_body = ancestor
                .field("body")
                .is_some_and(|b| b.byte_range().contains(&identifier.start_byte()));
            if is_of && declares && in_body {
                return ancestor.field("right");
            }
        }
        if js::is_function(ancestor) {
            let params = js::parameter_names(ancestor, src);
            if !params.contains(&name) {
                continue;
            }
            if params.first() != Some(&name) {
                return None;
            }
            let outer = callback_call(ancestor)?;
            let first = js::call_arguments(outer)
                .first()
                .is_some_and(|a| unwrap_expression(*a).id() == ancestor.id());
            let method = js::callee_name(outer, src)?;
            return (first && ELEMENT_CALLBACKS.contains(&method))
                .then(|| js::callee_object(outer))
                .flatten();
        }
    }
    None
}

/// What external data the elements of a collection hold: the lines of a file read whole
/// (`fs.readFileSync(p, 'utf8').split('\n')`), through array methods that keep elements and
/// local names bound to such a collection.
fn js_collection(expr: Node, call: Node, src: &str, depth: usize) -> Option<&'static str> {
    if depth > 6 {
        return None;
    }
    // Steps into the expression's own parts cost no depth (and are a loop); following a
    // name does.
    let mut expr = unwrap_expression(expr);
    for _ in 0..32 {
        match expr.kind_name() {
            "await_expression" => expr = unwrap_expression(expr.named_child(0)?),
            "call_expression" => {
                let name = js::callee_name(expr, src).unwrap_or("");
                if ELEMENT_KEEPING.contains(&name) {
                    expr = unwrap_expression(js::callee_object(expr)?);
                    continue;
                }
                return match name {
                    "createReadStream" => js::call_arguments(expr)
                        .first()
                        .is_some_and(|p| js_path_from_request(*p, src))
                        .then_some("file contents"),
                    // `readline.createInterface({ input: fs.createReadStream(p) })`.
                    "createInterface" => Some("lines read from a stream"),
                    _ => js_external(expr, call, src, depth),
                };
            }
            "identifier" => {
                let name = text(expr, src);
                let function = js::enclosing_function(expr)?;
                let bindings = js::bindings_of(function, name, src, expr.start_byte());
                if bindings.is_empty() {
                    // A callback's data parameter, request input.
                    return js_external(expr, call, src, depth);
                }
                return bindings
                    .iter()
                    .filter(|b| b.kind != js::BindingKind::Destructure)
                    .find_map(|b| js_collection(b.value, call, src, depth + 1));
            }
            _ => return js_external(expr, call, src, depth),
        }
    }
    None
}

/// True when an identifier is a parameter of a message callback (`(msg) => ...` passed to
/// `consume`, `on('message')`), or the data parameter of an fs callback.
fn is_callback_param(identifier: Node, src: &str) -> bool {
    let name = text(identifier, src);
    for function in ancestors(identifier).filter(|a| js::is_function(*a)) {
        let params = param_list(function, src);
        let destructured = js::parameters(function)
            .iter()
            .any(|p| p.kind_name() != "identifier" && text(*p, src).contains(name));
        if params.iter().any(|p| p == name) || destructured {
            if is_message_callback(function, src) {
                return true;
            }
            return callback_call(function).is_some_and(|c| {
                js::callee_name(c, src) == Some("readFile")
                    && params.get(1).is_some_and(|p| p == name)
                    && js::call_arguments(c)
                        .first()
                        .is_some_and(|p| js_path_from_request(*p, src))
            });
        }
    }
    false
}

/// True inside a try with an except clause.
fn py_is_guarded(call: Node) -> bool {
    ancestors(call).any(|a| {
        a.kind_name() == "try_statement" && {
            let mut cursor = a.walk();

            a.named_children(&mut cursor)
                .any(|c| c.kind_name() == "except_clause" || c.kind_name() == "except_group_clause")
        }
    })
}

/// Python: what external data the expression holds, if any.
fn py_external(expr: Node, src: &str, depth: usize) -> Option<&'static str> {
    if depth > 4 {
        return None;
    }
    let expr = py::unwrap(expr);
    if py::is_literal(expr) {
        return None;
    }
    match expr.kind_name() {
        "await" => py_external(expr.named_child(0)?, src, depth + 1),
        "call" => {
            let name = py::callee_name(expr, src).unwrap_or("");
            match name {
                "dumps" => None,
                "read" | "read_text" | "read_bytes" | "readline" => {
                    let object = py::callee_object(expr);
                    // `language_file.read_text()` after `language_file.is_relative_to(root)`.
                    let confined = object.is_some_and(|o| {
                        py::enclosing_function(o)
                            .is_some_and(|f| confined_to_directory(f, py::unwrap(o), src))
                    });
                    let from_request = !confined
                        && object.is_some_and(|o| {
                            py_from_request(o, src)
                                || py_file_path(o, src, 0)
                                    .is_some_and(|p| py_path_from_request(p, src))
                        });
                    from_request.then_some("file contents")
                }
                "recv" | "receive_text" | "receive_json" | "receive_bytes" | "receive" => {
                    Some("a websocket message")
                }
                "get_data" | "body" => Some("a request body"),
                "decode" | "strip" => py_external(py::callee_object(expr)?, src, depth + 1),
                "str" | "bytes" => {
                    py_external(*py::positional_arguments(expr).first()?, src, depth + 1)
                }
                // confluent-kafka: `msg.value()`.
                "value" | "data" | "payload"
                    if py::callee_object(expr).is_some_and(|o| is_message_name(text(o, src))) =>
                {
                    Some("a message payload")
                }
                // What the application stored itself, under whatever key the request names:
                // `REDIS_CONN.get(state_key(request.args["state"]))`, `cache.get(key)`.
                _ if py::callee_object(expr).is_some_and(|o| names_storage(text(o, src))) => None,
                _ => py_request_source(expr, src).map(|_| "request input"),
            }
        }
        "attribute" | "subscript" => {
            let (object, key) = if expr.kind_name() == "attribute" {
                (
                    expr.field("object")?,
                    text(expr.field("attribute")?, src).to_string(),
                )
            } else {
                (
                    expr.field("value")?,
                    py::string_value(expr.field("subscript")?, src)?,
                )
            };
            let object_name = text(object, src);
            let is_message = is_message_name(object_name);
            if is_message && PAYLOAD_PROPERTIES.contains(&key.as_str()) {
                return Some("a message payload");
            }
            if matches!(object_name, "request" | "req") && matches!(key.as_str(), "body" | "data") {
                return Some("a request body");
            }
            if matches!(key.as_str(), "text" | "content") && py_is_response(object, src) {
                return (!py_status_checked(object, expr, src) && !py_answers_json(object, src))
                    .then_some("an HTTP response body");
            }
            if py_loaded_object(object, src) {
                return None;
            }
            py_request_source(expr, src).map(|_| "request input")
        }
        "identifier" => {
            let name = text(expr, src);
            // A loop or comprehension variable: `for line in fh`, `[... for line in fh]`.
            if let Some(collection) = py_element_source(expr, name, src) {
                return py_collection(collection, src, depth + 1);
            }
            let function = py::enclosing_function(expr)?;
            let params = py::parameter_names(function, src);
            if params.contains(&name) {
                if is_deserializer(function, src) {
                    return Some("a message payload");
                }
                return matches!(name, "body" | "payload" | "message" | "msg" | "raw_body")
                    .then_some("a received message");
            }
            py::bindings_of(function, name, src, expr.start_byte())
                .iter()
                .find_map(|b| py_external(b.value, src, depth + 1))
        }
        _ => None,
    }
}

/// Keyword arguments of a consumer whose function turns the raw message into a value:
/// kafka-python's and aiokafka's `KafkaConsumer(value_deserializer=...)`.
const DESERIALIZER_KEYWORDS: &[&str] = &["value_deserializer", "key_deserializer"];

/// True for a function a consumer calls on each raw message: a lambda passed as
/// `value_deserializer=` / `key_deserializer=`, or a function of the module passed by name.
fn is_deserializer(function: Node, src: &str) -> bool {
    let is_keyword = |argument: Node| {
        argument.kind_name() == "keyword_argument"
            && argument
                .field("name")
                .is_some_and(|n| DESERIALIZER_KEYWORDS.contains(&text(n, src)))
    };
    if function.kind_name() == "lambda" {
        return function.parent().is_some_and(is_keyword);
    }
    let Some(name) = function.field("name").map(|n| text(n, src)) else {
        return false;
    };
    let root = crate::lang::tree::root_of(function);
    crate::lang::tree::descendants_mentioning(root, src, "_deserializer").any(|n| {
        is_keyword(n)
            && n.field("value")
                .is_some_and(|v| v.kind_name() == "identifier" && text(v, src) == name)
    })
}

/// The iterable a loop variable takes its values from: `for line in fh:` and
/// `[... for line in fh]` give `fh`; `for i, line in enumerate(fh)` gives `fh` too.
fn py_element_source<'t>(identifier: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let source = |left: Node<'t>, right: Node<'t>| -> Option<Node<'t>> {
        if left.kind_name() == "identifier" {
            return (text(left, src) == name).then_some(right);
        }
        // `i, line in enumerate(xs)`.
        if matches!(left.kind_name(), "pattern_list" | "tuple_pattern") {
            let second = left.named_child(1)?;
            let enumerated = py::unwrap(right);
            if left.named_child_count() == 2
                && second.kind_name() == "identifier"
                && text(second, src) == name
                && enumerated.kind_name() == "call"
                && py::callee_name(enumerated, src) == Some("enumerate")
            {
                return py::positional_arguments(enumerated).first().copied();
            }
        }
        None
    };
    for ancestor in ancestors(identifier) {
        match ancestor.kind_name() {
            "for_statement" => {
                let in_body = ancestor
                    .field("body")
                    .is_some_and(|b| b.byte_range().contains(&identifier.start_byte()));
                if in_body {
                    if let Some(found) = source(ancestor.field("left")?, ancestor.field("right")?) {
                        return Some(found);
                    }
                }
            }
            "list_comprehension"
            | "set_comprehension"
            | "generator_expression"
            | "dictionary_comprehension" => {
                let mut cursor = ancestor.walk();
                let clauses: Vec<Node> = ancestor
                    .named_children(&mut cursor)
                    .filter(|c| c.kind_name() == "for_in_clause")
                    .collect();
                for clause in clauses {
                    if let (Some(left), Some(right)) = (clause.field("left"), clause.field("right"))
                    {
                        if let Some(found) = source(left, right) {
                            return Some(found);
                        }
                    }
                }
            }
            "function_definition" | "lambda" | "class_definition" => return None,
            _ => {}
        }
    }
    None
}

/// What external data the items of an iterable hold: the lines of an open file
/// (`open(p)`, a `with open(p) as fh` name, `fh.readlines()`), standard input, the lines of
/// text read whole (`path.read_text().splitlines()`), a streamed HTTP body.
fn py_collection(expr: Node, src: &str, depth: usize) -> Option<&'static str> {
    if depth > 6 {
        return None;
    }
    // Steps into the expression's own parts cost no depth (and are a loop); following a
    // name does.
    let mut expr = py::unwrap(expr);
    for _ in 0..32 {
        match expr.kind_name() {
            "call" => match py::callee_name(expr, src).unwrap_or("") {
                "open" | "fdopen" => {
                    let from_request =
                        py_file_path(expr, src, 0).is_some_and(|p| py_path_from_request(p, src));
                    return from_request.then_some("file contents");
                }
                "readlines" => {
                    let from_request = py::callee_object(expr)
                        .and_then(|o| py_file_path(o, src, 0))
                        .is_some_and(|p| py_path_from_request(p, src));
                    return from_request.then_some("file contents");
                }
                "iter_lines" | "iter_text" => return Some("an HTTP response body"),
                "splitlines" | "split" => return py_external(py::callee_object(expr)?, src, depth),
                "enumerate" | "reversed" | "sorted" | "list" | "iter" | "tuple" | "islice" => {
                    expr = py::unwrap(*py::positional_arguments(expr).first()?);
                }
                _ => return None,
            },
            "attribute" => return (text(expr, src) == "sys.stdin").then_some("standard input"),
            "identifier" => {
                let name = text(expr, src);
                // `with open(p) as fh:` around the loop.
                for ancestor in ancestors(expr) {
                    if ancestor.kind_name() == "with_statement" {
                        if let Some(value) = with_alias_value(ancestor, name, src) {
                            return py_collection(value, src, depth + 1);
                        }
                    }
                    if matches!(
                        ancestor.kind_name(),
                        "function_definition" | "class_definition"
                    ) {
                        break;
                    }
                }
                let scope = py::enclosing_function(expr)
                    .unwrap_or_else(|| crate::lang::tree::root_of(expr));
                return py::bindings_of(scope, name, src, expr.start_byte())
                    .iter()
                    .find_map(|b| py_collection(b.value, src, depth + 1));
            }
            _ => return None,
        }
    }
    None
}

/// The value a `with` statement binds to `name`: `open(p)` for `with open(p) as name:`.
fn with_alias_value<'t>(with: Node<'t>, name: &str, src: &str) -> Option<Node<'t>> {
    let clause = crate::lang::tree::child_of_kind(with, "with_clause")?;
    let mut cursor = clause.walk();
    let items: Vec<Node> = clause.named_children(&mut cursor).collect();
    items.into_iter().find_map(|item| {
        let pattern = item
            .field("value")
            .filter(|v| v.kind_name() == "as_pattern")?;
        let alias = pattern.field("alias")?;
        // The target is an identifier, or the alias node itself spells one.
        let target = match alias.named_child(0) {
            Some(t) if alias.named_child_count() == 1 => t,
            _ => alias,
        };
        if text(target, src) != name {
            return None;
        }
        pattern.named_child(0)
    })
}

/// A Python name of a message or event object.
fn is_message_name(name: &str) -> bool {
    MESSAGE_OBJECTS.contains(&name) || name.ends_with("message") || name.ends_with("msg")
}

/// After a test assertion about the object the parsed value comes from, in the same block
/// (`assert r.code == 200, r.text` then `json.loads(r.text)`, `expect(res.status).toBe(200)`
/// then `JSON.parse(res.text)`): test code checking a response, where a malformed body fails
/// the test as the assertion would.
fn after_assertion_on_source(call: Node, arg: Node, src: &str) -> bool {
    let mut root = arg;
    for _ in 0..16 {
        root = match root.kind_name() {
            "member_expression" | "attribute" => match root.field("object") {
                Some(o) => o,
                None => return false,
            },
            "subscript_expression" | "subscript" => {
                match root.field("object").or_else(|| root.field("value")) {
                    Some(o) => o,
                    None => return false,
                }
            }
            _ => break,
        };
    }
    if root.kind_name() != "identifier" {
        return false;
    }
    let name = text(root, src);
    let Some(statement) = std::iter::once(call).chain(ancestors(call)).find(|n| {
        n.parent().is_some_and(|p| {
            matches!(
                p.kind_name(),
                "block" | "statement_block" | "module" | "program"
            )
        })
    }) else {
        return false;
    };
    let mut previous = statement.prev_named_sibling();
    for _ in 0..16 {
        let Some(candidate) = previous else {
            return false;
        };
        let asserts = match candidate.kind_name() {
            "assert_statement" => true,
            "expression_statement" => candidate.named_child(0).is_some_and(|e| {
                let t = text(e, src);
                matches!(e.kind_name(), "call_expression" | "call")
                    && (t.starts_with("expect(")
                        || t.starts_with("assert")
                        || t.starts_with("self.assert"))
            }),
            _ => false,
        };
        if asserts
            && descendants(candidate)
                .take(256)
                .any(|n| n.kind_name() == "identifier" && text(n, src) == name)
        {
            return true;
        }
        previous = candidate.prev_named_sibling();
    }
    false
}

/// Inside a test assertion (`assert json.loads(body) == ...`, `expect(JSON.parse(body))`):
/// a parse error fails the test, which is what the test wants.
fn in_test_assertion(call: Node, src: &str) -> bool {
    crate::lang::tree::ancestors(call)
        .take(6)
        .any(|a| match a.kind_name() {
            "assert_statement" => true,
            "call_expression" | "call" => {
                let callee = a.field("function").map_or("", |f| text(f, src));
                callee == "expect"
                    || callee.starts_with("assert")
                    || callee.starts_with("self.assert")
                    || callee.starts_with("t.")
            }
            _ => false,
        })
}

/// Without a parse: can a Python file hold a call `check_py` reports? Its callee is written
/// `json.loads` / `json.load` (also after `orjson.`, `ujson.`, `simplejson.`), or a bare
/// `loads(` in a file with `from json import`.
fn py_may_load_json(src: &[u8]) -> bool {
    if memchr::memmem::find(src, b"json.load").is_some() {
        return true;
    }
    memchr::memmem::find(src, b"from json import").is_some()
        && memchr::memmem::find_iter(src, b"loads(").any(|at| {
            at == 0 || !(src[at - 1].is_ascii_alphanumeric() || matches!(src[at - 1], b'_' | b'.'))
        })
}

/// Inside a method or property named `json` (`async json() { return JSON.parse(await
/// this.text()) }`): an implementation of the fetch `Response.json()` contract, which is
/// meant to reject on malformed JSON.
fn in_json_method(call: Node, src: &str) -> bool {
    let Some(function) = js::enclosing_function(call) else {
        return false;
    };
    function_name(function, src) == Some("json")
}

/// The name a function is declared or stored under: `function f`, a method `f() {}`,
/// `const f = () => ...`, `obj.f = function () {}`, `{ f: () => ... }`.
fn function_name<'s>(function: Node, src: &'s str) -> Option<&'s str> {
    if let Some(name) = function.field("name") {
        return Some(text(name, src));
    }
    let parent = function.parent()?;
    match parent.kind_name() {
        "variable_declarator" => parent
            .field("name")
            .filter(|n| n.kind_name() == "identifier")
            .map(|n| text(n, src)),
        "assignment_expression" => {
            let left = parent.field("left")?;
            match left.kind_name() {
                "identifier" => Some(text(left, src)),
                "member_expression" => left.field("property").map(|p| text(p, src)),
                _ => None,
            }
        }
        "pair" => parent.field("key").map(|k| text(k, src)),
        _ => None,
    }
}

/// True when the function around the call is called in this file, and every call of it
/// catches what it throws: `try { readConfig() } catch {}` around each call site
/// (awaited, or chained with `.catch`, when the function is async).
fn js_callers_catch(call: Node, src: &str) -> bool {
    let Some(function) = js::enclosing_function(call) else {
        return false;
    };
    // A callback's throw does not reach whoever calls the function around it.
    if callback_call(function).is_some() {
        return false;
    }
    let Some(name) = function_name(function, src) else {
        return false;
    };
    if name.len() < 3 {
        return false;
    }
    let is_async = text(function, src).starts_with("async");
    let root = crate::lang::tree::root_of(function);
    let mut calls = 0usize;
    for site in crate::lang::tree::descendants_mentioning(root, src, name) {
        if site.kind_name() != "call_expression" || js::callee_name(site, src) != Some(name) {
            continue;
        }
        if crate::lang::tree::contains(function, site) {
            continue;
        }
        calls += 1;
        let chained_catch = site
            .parent()
            .filter(|p| p.kind_name() == "member_expression")
            .and_then(|p| p.field("property"))
            .is_some_and(|p| text(p, src) == "catch");
        let awaited = site
            .parent()
            .is_some_and(|p| p.kind_name() == "await_expression");
        let caught = chained_catch || ((awaited || !is_async) && js_is_guarded(site, src));
        if !caught {
            return false;
        }
    }
    calls > 0
}

/// True when the path of a file read is visibly chosen by a request: it holds request input
/// (`req.query.name`, an upload's temporary path `req.file.path`). Any other file is the
/// application's own or its operator's: a path built from literals, `__dirname`,
/// `import.meta.url`, module constants or configured directories (its package.json, a
/// shipped data file, its build manifest, its config), and equally a path a helper is given
/// or one from the command line (a file the operator points it at). A malformed file of
/// that kind is a broken deployment that should stop the run, not bad input to answer.
fn js_path_from_request(path: Node, src: &str) -> bool {
    if js_names_fixed_file(path, src) {
        return false;
    }
    if js::enclosing_function(path)
        .is_some_and(|f| confined_to_directory(f, unwrap_expression(path), src))
    {
        return false;
    }
    js_request_source(path, src).is_some()
        || descendants(path).take(256).any(|n| {
            // An upload's temporary file: multer's `req.file.path`, `req.files[0].path`.
            n.kind_name() == "member_expression"
                && n.field("property")
                    .is_some_and(|p| matches!(text(p, src), "file" | "files"))
                && n.field("object")
                    .is_some_and(|o| matches!(text(o, src), "req" | "request"))
        })
}

/// Database clients and caches whose values the application itself stored.
const STORAGE_OBJECTS: &[&str] = &[
    "db",
    "database",
    "knex",
    "prisma",
    "sequelize",
    "mongoose",
    "cache",
    "repository",
    "repo",
];

/// True when the receiver of a call names the application's own key-value store or database
/// client: `redis`, `REDIS_CONN`, `self.cache`, `db`, `app.redisClient`. A value read from it
/// was written there by the application.
fn names_storage(receiver: &str) -> bool {
    let last = receiver
        .rsplit(['.', '>'])
        .next()
        .unwrap_or(receiver)
        .to_ascii_lowercase();
    last.contains("redis") || last.contains("cache") || STORAGE_OBJECTS.contains(&last.as_str())
}

/// True when an object named like a message is visibly a record the application read from
/// its own database or cache: it is bound in the function (or is an element of a
/// collection bound there) to `db.getObject(...)`, `cache.get(...)` and the like.
fn js_from_storage(object: Node, src: &str) -> bool {
    let name = text(object, src);
    let Some(function) = js::enclosing_function(object) else {
        return false;
    };
    let mut values: Vec<Node> = js::bindings_of(function, name, src, object.start_byte())
        .iter()
        .map(|b| b.value)
        .collect();
    if values.is_empty() {
        if let Some(collection) = js_element_source(object, name, src) {
            let collection = unwrap_expression(collection);
            if collection.kind_name() == "identifier" {
                let scope = js::enclosing_function(collection).unwrap_or(function);
                let outer = js::enclosing_function(scope).unwrap_or(scope);
                for scope in [scope, outer] {
                    values.extend(
                        js::bindings_of(scope, text(collection, src), src, collection.start_byte())
                            .iter()
                            .map(|b| b.value),
                    );
                }
            } else {
                values.push(collection);
            }
        }
    }
    !values.is_empty()
        && values.iter().any(|v| {
            crate::lang::tree::descendants(*v).take(128).any(|n| {
                n.kind_name() == "call_expression"
                    && js::callee(n)
                        .and_then(|c| js::dotted_path(c, src))
                        .and_then(|p| p.split('.').next().map(str::to_string))
                        .is_some_and(|first| STORAGE_OBJECTS.contains(&first.as_str()))
            })
        })
}

/// Python: the function around the call is called in this module, and every call of it
/// sits in a try with an except clause (`try: self.parse_event(msg) except Exception:`).
fn py_callers_catch(call: Node, src: &str) -> bool {
    let Some(function) = py::enclosing_function(call) else {
        return false;
    };
    if function.kind_name() != "function_definition" {
        return false;
    }
    let Some(name) = function.field("name").map(|n| text(n, src)) else {
        return false;
    };
    let root = crate::lang::tree::root_of(function);
    let mut calls = 0usize;
    for site in crate::lang::tree::descendants_mentioning(root, src, name) {
        if site.kind_name() != "call" || crate::lang::tree::contains(function, site) {
            continue;
        }
        let Some(callee) = site.field("function") else {
            continue;
        };
        let callee_text = text(callee, src);
        let same = callee_text == name
            || (callee.kind_name() == "attribute"
                && callee
                    .field("attribute")
                    .is_some_and(|a| text(a, src) == name));
        if !same {
            continue;
        }
        calls += 1;
        if !py_is_guarded(site) {
            return false;
        }
    }
    calls > 0
}

/// The path a Python file handle or path object was opened from: `open(p)`,
/// `gzip.open(p)`, `Path(p)`, a `with open(p) as fh` name, a name bound to one of those.
fn py_file_path<'t>(expr: Node<'t>, src: &str, depth: usize) -> Option<Node<'t>> {
    if depth > 4 {
        return None;
    }
    let expr = py::unwrap(expr);
    match expr.kind_name() {
        "call" => match py::callee_name(expr, src)? {
            "open" | "fdopen" => {
                // `Path(p).open()` or `open(p)`.
                match py::positional_arguments(expr).first() {
                    Some(p) => Some(*p),
                    None => py_file_path(py::callee_object(expr)?, src, depth + 1),
                }
            }
            "Path" | "PurePath" => Some(expr),
            _ => None,
        },
        "identifier" => {
            let name = text(expr, src);
            for ancestor in ancestors(expr) {
                if ancestor.kind_name() == "with_statement" {
                    if let Some(value) = with_alias_value(ancestor, name, src) {
                        return py_file_path(value, src, depth + 1);
                    }
                }
                if matches!(
                    ancestor.kind_name(),
                    "function_definition" | "class_definition"
                ) {
                    break;
                }
            }
            let scope =
                py::enclosing_function(expr).unwrap_or_else(|| crate::lang::tree::root_of(expr));
            py::bindings_of(scope, name, src, expr.start_byte())
                .iter()
                .find_map(|b| py_file_path(b.value, src, depth + 1))
        }
        _ => None,
    }
}

/// Python `js_path_from_request`: the path holds request input (`request.args["name"]`, an
/// upload's name); any other path names the application's or its operator's own file.
fn py_path_from_request(path: Node, src: &str) -> bool {
    if py_names_fixed_file(path, src) {
        return false;
    }
    if py::enclosing_function(path).is_some_and(|f| confined_to_directory(f, py::unwrap(path), src))
    {
        return false;
    }
    py_from_request(path, src)
}

/// True when a Python expression holds request input, an uploaded file included
/// (Django's `request.FILES["name"]`, Flask's `request.files["name"]`).
fn py_from_request(expr: Node, src: &str) -> bool {
    if py_request_source(expr, src).is_some() {
        return true;
    }
    descendants(expr).take(256).any(|n| {
        n.kind_name() == "attribute"
            && n.field("attribute")
                .is_some_and(|a| text(a, src) == "FILES")
            && n.field("object")
                .is_some_and(|o| matches!(text(o, src), "request" | "self.request"))
    })
}

/// HTTP client calls whose result is a response.
const PY_HTTP_CALLS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "request",
    "urlopen",
    "safe_request",
    "send",
];

/// True for an outbound HTTP response object: named `response`/`resp`/`r`, or bound to
/// `requests.get(...)`, `httpx.post(...)`, `safe_request(...)` and the like.
fn py_is_response(object: Node, src: &str) -> bool {
    let name = text(object, src);
    if matches!(name, "response" | "resp" | "r") || name.ends_with("_response") {
        return true;
    }
    if object.kind_name() != "identifier" {
        return false;
    }
    let Some(function) = py::enclosing_function(object) else {
        return false;
    };
    py::bindings_of(function, name, src, object.start_byte())
        .iter()
        .any(|b| {
            let value = py::unwrap(b.value);
            value.kind_name() == "call"
                && py::callee_name(value, src).is_some_and(|n| PY_HTTP_CALLS.contains(&n))
        })
}

/// True when the function checks the response's status before the parse:
/// `if response.status_code != 200: return ...`, `response.raise_for_status()`, `if not
/// response.ok:`.
fn py_status_checked(object: Node, parse: Node, src: &str) -> bool {
    let name = text(object, src);
    let Some(function) = py::enclosing_function(parse) else {
        return false;
    };
    let checks = [
        format!("{name}.status_code"),
        format!("{name}.status"),
        format!("{name}.ok"),
        format!("{name}.raise_for_status"),
    ];
    crate::lang::tree::descendants_mentioning(function, src, name).any(|n| {
        n.kind_name() == "attribute"
            && n.end_byte() <= parse.start_byte()
            && checks.iter().any(|c| text(n, src) == c)
    })
}

/// JavaScript `py_status_checked`: the function tests the response's status before the
/// parse (`if (!resp.ok) return ...`, `if (res.status !== 200) throw ...`), so the body
/// parsed is the success answer of the API it called, not an error page.
fn js_status_checked(object: Node, parse: Node, src: &str) -> bool {
    let object = unwrap_expression(object);
    if object.kind_name() != "identifier" {
        return false;
    }
    let name = text(object, src);
    let Some(function) = js::enclosing_function(parse) else {
        return false;
    };
    crate::lang::tree::descendants_mentioning(function, src, name).any(|n| {
        n.kind_name() == "member_expression"
            && n.end_byte() <= parse.start_byte()
            && n.field("object")
                .is_some_and(|o| o.kind_name() == "identifier" && text(o, src) == name)
            && n.field("property")
                .is_some_and(|p| matches!(text(p, src), "ok" | "status" | "statusCode"))
            && n.parent().is_some_and(|p| {
                matches!(
                    p.kind_name(),
                    "unary_expression" | "binary_expression" | "parenthesized_expression"
                )
            })
    })
}

/// True when the object is a parameter annotated with a class of the application (`channel:
/// Channel`): a record the caller loaded, not text from the URL.
fn py_loaded_object(object: Node, src: &str) -> bool {
    if object.kind_name() != "identifier" {
        return false;
    }
    let name = text(object, src);
    let Some(function) = py::enclosing_function(object) else {
        return false;
    };
    let Some(params) = function.field("parameters") else {
        return false;
    };
    let mut cursor = params.walk();
    params.named_children(&mut cursor).any(|p| {
        matches!(p.kind_name(), "typed_parameter" | "typed_default_parameter")
            && p.named_child(0).is_some_and(|n| text(n, src) == name)
            && p.field("type").is_some_and(|t| {
                let t = text(t, src);
                t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !matches!(t, "UUID" | "Any" | "Decimal" | "Request" | "HttpRequest")
            })
    })
}

/// JavaScript `py_publishes_own_json`: the module publishes JSON it serialised itself
/// (`pubSub.publish(channel, JSON.stringify(event))`, or a name bound to
/// `JSON.stringify(...)`), so the messages it subscribes to on that channel are ones it wrote.
fn js_publishes_own_json(call: Node, src: &str) -> bool {
    let root = crate::lang::tree::root_of(call);
    crate::lang::tree::descendants_mentioning(root, src, "publish").any(|n| {
        if n.kind_name() != "call_expression" || js::callee_name(n, src) != Some("publish") {
            return false;
        }
        js::call_arguments(n).iter().any(|argument| {
            let argument = unwrap_expression(*argument);
            if text(argument, src).starts_with("JSON.stringify(") {
                return true;
            }
            argument.kind_name() == "identifier"
                && js::visible_bindings(argument, text(argument, src), root, src)
                    .iter()
                    .any(|b| text(b.value, src).starts_with("JSON.stringify("))
        })
    })
}

/// True when the module publishes JSON it serialised itself (`client.publish(channel,
/// json.dumps(event))`, or a name bound to `json.dumps(...)`): the messages it receives
/// on its own channel are ones it wrote.
fn py_publishes_own_json(call: Node, src: &str) -> bool {
    let root = crate::lang::tree::root_of(call);
    crate::lang::tree::descendants_mentioning(root, src, "publish").any(|n| {
        if n.kind_name() != "call" || py::callee_name(n, src) != Some("publish") {
            return false;
        }
        let Some(args) = n.field("arguments") else {
            return false;
        };
        crate::lang::tree::descendants(args).take(64).any(|a| {
            if a.kind_name() == "call" && py::callee_name(a, src) == Some("dumps") {
                return true;
            }
            a.kind_name() == "identifier"
                && py::enclosing_function(a).is_some_and(|f| {
                    py::bindings_of(f, text(a, src), src, a.start_byte())
                        .iter()
                        .any(|b| text(b.value, src).contains("dumps("))
                })
        })
    })
}

/// True when the module itself writes JSON files (`fs.writeFileSync(p, JSON.stringify(v))`):
/// the files it reads back are its own cache or state, serialised by the same code.
fn js_writes_json_files(src: &str) -> bool {
    src.contains("JSON.stringify(")
        && ["writeFileSync(", "writeFile(", "outputJson", "writeJson"]
            .iter()
            .any(|w| src.contains(w))
}

/// Python `js_writes_json_files`: `json.dump(value, f)` or `f.write(json.dumps(value))`.
fn py_writes_json_files(src: &str) -> bool {
    src.contains("json.dump(") || src.contains("write(json.dumps(")
}

/// True for the fixed name of a descriptor that a package, a theme or the build writes
/// (`"theme.json"`, `"build/manifest.json"`, `"package.json"`): read from whatever
/// directory, its content is the application's or its tooling's, not input. A data or state
/// file under a given directory (`"state.json"`) is not one.
fn is_descriptor_file(name: &str) -> bool {
    const DESCRIPTORS: &[&str] = &[
        "package.json",
        "manifest.json",
        "theme.json",
        "plugin.json",
        "composer.json",
        "tsconfig.json",
        "openapi.json",
        "swagger.json",
    ];
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    DESCRIPTORS.contains(&last) || last.ends_with(".manifest.json")
}

/// True when a path is built as `path.join(dir, ..., "theme.json")` / `path.resolve(...)`
/// ending in the literal name of a descriptor (`is_descriptor_file`).
fn js_names_fixed_file(path: Node, src: &str) -> bool {
    let mut path = unwrap_expression(path);
    // `path.resolve(path.join(dir, "package.json"))`: the last argument, through nested joins.
    for _ in 0..4 {
        if path.kind_name() != "call_expression"
            || !matches!(js::callee_name(path, src), Some("join" | "resolve"))
        {
            return false;
        }
        let Some(last) = js::call_arguments(path).last().copied() else {
            return false;
        };
        if let Some(name) = js::string_value(last, src) {
            return is_descriptor_file(&name);
        }
        path = unwrap_expression(last);
    }
    false
}

/// Python `js_names_fixed_file`: `os.path.join(d, "theme.json")`, `Path(d) / "package.json"`,
/// `d.joinpath("manifest.json")`.
fn py_names_fixed_file(path: Node, src: &str) -> bool {
    let path = py::unwrap(path);
    let last = match path.kind_name() {
        "call" if matches!(py::callee_name(path, src), Some("join" | "joinpath")) => {
            py::positional_arguments(path).last().copied()
        }
        "binary_operator" if path.field("operator").is_some_and(|o| text(o, src) == "/") => {
            path.field("right")
        }
        _ => None,
    };
    last.and_then(|l| py::string_value(l, src))
        .is_some_and(|name| is_descriptor_file(&name))
}

/// True when the function checks that the path held by `path` (an identifier) stays inside a
/// directory before reading it (`p.startsWith(dir)`, `isPathInside(dir, p)`,
/// `p.resolve().is_relative_to(dir)`): it reads one of the application's own files, picked by
/// name.
fn confined_to_directory(function: Node, path: Node, src: &str) -> bool {
    const CONTAINMENT_CHECKS: &[&str] = &[
        "startsWith",
        "startswith",
        "isPathInside",
        "is_path_inside",
        "isInside",
        "is_relative_to",
        "commonpath",
    ];
    if path.kind_name() != "identifier" {
        return false;
    }
    let name = text(path, src);
    crate::lang::tree::descendants_mentioning(function, src, name)
        .take(256)
        .filter(|node| matches!(node.kind_name(), "call_expression" | "call"))
        .any(|call| {
            let callee = if call.kind_name() == "call" {
                py::callee_name(call, src)
            } else {
                js::callee_name(call, src)
            };
            callee.is_some_and(|c| CONTAINMENT_CHECKS.contains(&c))
                && crate::lang::tree::descendants(call)
                    .take(64)
                    .any(|n| n.kind_name() == "identifier" && text(n, src) == name)
        })
}

/// True for the URL of a JSON API (`https://api.example.com/...`,
/// `https://example.com/api/...`), given as the source text of a literal or template: such a
/// service answers its errors in JSON too, with a status field the caller reads. A file host
/// (`raw.githubusercontent.com/.../meta.json`) answers a missing file with a text page.
fn is_json_api_url(source_text: &str) -> bool {
    source_text.contains("://api.") || source_text.contains("/api/")
}

/// True when the response held by `object` (an identifier) was bound to an HTTP call whose
/// URL argument (or a name bound to it, in the function or as a module constant:
/// `API_URL = "https://example.com/api/v1/join"`) names a JSON API. A script's statements
/// at module level are read the same way.
fn py_answers_json(object: Node, src: &str) -> bool {
    if object.kind_name() != "identifier" {
        return false;
    }
    let root = crate::lang::tree::root_of(object);
    let name = text(object, src);
    py::visible_bindings(object, name, root, src)
        .iter()
        .any(|binding| {
            let call = py::unwrap(binding.value);
            if call.kind_name() != "call" {
                return false;
            }
            let Some(arguments) = call.field("arguments") else {
                return false;
            };
            let mut cursor = arguments.walk();
            let arguments: Vec<Node> = arguments.named_children(&mut cursor).take(4).collect();
            arguments.into_iter().any(|argument| {
                let argument = if argument.kind_name() == "keyword_argument" {
                    match argument.field("value") {
                        Some(v) => v,
                        None => return false,
                    }
                } else {
                    argument
                };
                url_text_names_json_api(argument, src, |name, _| {
                    py::visible_bindings(argument, name, root, src)
                        .into_iter()
                        .map(|b| b.value)
                        .collect()
                })
            })
        })
}

/// JavaScript `py_answers_json`: `const res = await fetch("https://api.example.com/...")`,
/// or `fetch(API_URL)` with `const API_URL = "https://example.com/api/v1/join"`.
fn js_answers_json(object: Node, src: &str) -> bool {
    let object = unwrap_expression(object);
    if object.kind_name() != "identifier" {
        return false;
    }
    let root = crate::lang::tree::root_of(object);
    let name = text(object, src);
    js::visible_bindings(object, name, root, src)
        .iter()
        .any(|binding| {
            let mut value = unwrap_expression(binding.value);
            if value.kind_name() == "await_expression" {
                match value.named_child(0) {
                    Some(inner) => value = unwrap_expression(inner),
                    None => return false,
                }
            }
            value.kind_name() == "call_expression"
                && js::call_arguments(value).first().is_some_and(|url| {
                    let url = *url;
                    url_text_names_json_api(url, src, |name, _| {
                        js::visible_bindings(url, name, root, src)
                            .into_iter()
                            .map(|b| b.value)
                            .collect()
                    })
                })
        })
}

/// True when `url` is a literal or template naming a JSON API, or an identifier bound to
/// one (`bindings` gives the values bound to a name before an offset).
fn url_text_names_json_api<'t>(
    url: Node<'t>,
    src: &str,
    bindings: impl Fn(&str, usize) -> Vec<Node<'t>>,
) -> bool {
    if url.kind_name() == "identifier" {
        return bindings(text(url, src), url.start_byte())
            .into_iter()
            .any(|value| is_url_literal(value) && is_json_api_url(text(value, src)));
    }
    is_url_literal(url) && is_json_api_url(text(url, src))
}

/// A string or template (Python f-string, JavaScript template literal).
fn is_url_literal(node: Node) -> bool {
    matches!(
        node.kind_name(),
        "string" | "template_string" | "concatenated_string"
    )
}

/// Kinds of data whose text is what the other side sent (a request, a message), as opposed to
/// files, responses the app asked for and websocket replies.
fn from_the_sender(what: &str) -> bool {
    matches!(
        what,
        "request input"
            | "a request body"
            | "a message payload"
            | "a received message"
            | "a received message or request body"
    )
}

/// Methods that hand on the text of what they are called on (or given): the value parsed is
/// still the sender's.
const JS_PASSING_ON: &[&str] = &[
    "toString",
    "trim",
    "utf8Slice",
    "String",
    "from",
    "decode",
    "concat",
    "get",
    "param",
    "header",
    "text",
    "json",
    "slice",
];

/// True when the value parsed is what a function of the program returned
/// (`JSON.parse(fieldsToJsonSchema(fields))`, `const out = render(x); JSON.parse(out.body)`):
/// text the program produced, not the sender's, even when the request went into it.
fn js_computed_by_call(arg: Node, src: &str) -> bool {
    let mut node = arg;
    for _ in 0..16 {
        node = unwrap_expression(node);
        match node.kind_name() {
            "await_expression" => match node.named_child(0) {
                Some(inner) => node = inner,
                None => return false,
            },
            "member_expression" | "subscript_expression" => match node.field("object") {
                Some(object) => node = object,
                None => return false,
            },
            "call_expression" => {
                let name = js::callee_name(node, src).unwrap_or_default();
                // `lookup(msg)`: a function given the received message itself hands on what
                // the sender wrote.
                let given_the_message = js::call_arguments(node)
                    .iter()
                    .any(|a| a.kind_name() == "identifier" && is_callback_param(*a, src));
                if !JS_PASSING_ON.contains(&name) {
                    return !given_the_message;
                }
                match js::callee_object(node).or_else(|| js::call_arguments(node).first().copied())
                {
                    Some(next) => node = next,
                    None => return false,
                }
            }
            "identifier" => {
                let Some(function) = js::enclosing_function(node) else {
                    return false;
                };
                let bindings = js::bindings_of(function, text(node, src), src, node.start_byte());
                match bindings.last() {
                    Some(binding) if binding.kind != js::BindingKind::Append => {
                        node = binding.value
                    }
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    false
}

/// Python methods that hand on the text of what they are called on (or given).
const PY_PASSING_ON: &[&str] = &[
    "get",
    "getlist",
    "decode",
    "strip",
    "read",
    "str",
    "bytes",
    "get_data",
    "body",
    "value",
    "data",
    "payload",
    "get_json",
    "b64decode",
    "urlsafe_b64decode",
    "unquote",
];

/// `js_computed_by_call` for Python: `json.loads(decrypt(token))`,
/// `result = llm.chat(...); json.loads(result.message.content)`.
fn py_computed_by_call(arg: Node, src: &str) -> bool {
    let mut node = arg;
    for _ in 0..16 {
        node = py::unwrap(node);
        match node.kind_name() {
            "await" => match node.named_child(0) {
                Some(inner) => node = inner,
                None => return false,
            },
            "attribute" => match node.field("object") {
                Some(object) => node = object,
                None => return false,
            },
            "subscript" => match node.field("value") {
                Some(value) => node = value,
                None => return false,
            },
            "call" => {
                let name = py::callee_name(node, src).unwrap_or_default();
                if !PY_PASSING_ON.contains(&name) {
                    return true;
                }
                match py::callee_object(node)
                    .or_else(|| py::positional_arguments(node).first().copied())
                {
                    Some(next) => node = next,
                    None => return false,
                }
            }
            "identifier" => {
                let Some(function) = py::enclosing_function(node) else {
                    return false;
                };
                let bindings = py::bindings_of(function, text(node, src), src, node.start_byte());
                match bindings.last() {
                    Some(binding) if !binding.append => node = binding.value,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    false
}

/// Calls that verify a signature or a MAC of what was received.
const SIGNATURE_CHECKS: &[&str] = &[
    "timingSafeEqual(",
    "compare_digest(",
    "constructEvent(",
    "verifySignature(",
    "verify_signature(",
    "validate_signature(",
    ".unsign(",
];

/// True when the function checks the sender's signature before the parse: only the
/// trusted sender, who writes well-formed JSON, gets that far.
fn after_signature_check(call: Node, src: &str) -> bool {
    let function = ancestors(call).find(|a| js::is_function(*a) || py::is_function(*a));
    let Some(function) = function else {
        return false;
    };
    let before = src
        .get(function.start_byte()..call.start_byte())
        .unwrap_or_default();
    SIGNATURE_CHECKS.iter().any(|check| before.contains(check))
}

/// True when the function that parses (not a request handler or a message callback) reports
/// errors to its caller by throwing them itself (`if (!req.params?.contacts) throw new
/// Parse.Error(...)`, a `catch` that rethrows as the runtime's error type): its caller
/// receives exceptions from it by design (a cloud-function runtime turns them into an error
/// response, a job runner into a failed job), and the SyntaxError of a malformed value
/// travels the same way. A throw inside a callback the function defines is not its own.
fn throws_its_own_errors(call: Node) -> bool {
    let Some(function) = js::enclosing_function(call) else {
        return false;
    };
    let Some(body) = function.field("body") else {
        return false;
    };
    descendants(body)
        .take(4096)
        .filter(|n| n.kind_name() == "throw_statement")
        .any(|throw| js::enclosing_function(throw).is_some_and(|f| f.id() == function.id()))
}

/// True when the function that decodes raises `ValueError` itself (`if not
/// isinstance(decoded, dict): raise ValueError("payload must be an object")`): its callers
/// handle a `ValueError` from it by contract, and `JSONDecodeError` is one.
fn py_raises_value_error(call: Node, src: &str) -> bool {
    let Some(function) = py::enclosing_function(call) else {
        return false;
    };
    let Some(body) = function.field("body") else {
        return false;
    };
    crate::lang::tree::descendants_mentioning(body, src, "ValueError")
        .filter(|n| n.kind_name() == "raise_statement")
        .any(|raise| {
            py::enclosing_function(raise).is_some_and(|f| f.id() == function.id())
                && raise.named_child(0).is_some_and(|raised| {
                    let raised = text(raised, src);
                    let class = raised.split('(').next().unwrap_or("").trim();
                    class == "ValueError" || class.ends_with(".ValueError")
                })
        })
}

/// True when a statement before the parse, in the callback that parses, leaves unless the
/// message comes from the expected peer: `if (sender !== network.peer) return;`,
/// `if (event.origin !== EXPECTED_ORIGIN) return;`.
fn after_sender_check(call: Node, src: &str) -> bool {
    let Some(function) = js::enclosing_function(call) else {
        return false;
    };
    let Some(body) = function.field("body") else {
        return false;
    };
    let mut cursor = body.walk();
    body.named_children(&mut cursor).any(|statement| {
        if statement.end_byte() > call.start_byte() || statement.kind_name() != "if_statement" {
            return false;
        }
        let (Some(condition), Some(consequence)) =
            (statement.field("condition"), statement.field("consequence"))
        else {
            return false;
        };
        let condition_text = text(condition, src);
        let leaves = descendants(consequence)
            .take(64)
            .any(|n| matches!(n.kind_name(), "return_statement" | "throw_statement"));
        leaves
            && (condition_text.contains("!==") || condition_text.contains("!="))
            && descendants(condition).take(64).any(|n| {
                matches!(n.kind_name(), "identifier" | "property_identifier")
                    && matches!(text(n, src), "sender" | "origin" | "from")
            })
    })
}
