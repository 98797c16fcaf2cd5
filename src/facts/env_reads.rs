//! "What does this file read from the environment, how, and what does it check at startup?"
//! Collected node by node during the engine's single walk of a JavaScript, TypeScript or
//! Python file, and kept as `EnvUse` facts for the environment rules.

use crate::lang::tree::{FieldExt, KindExt};
use std::collections::HashSet;
use tree_sitter::Node;

use crate::facts::{CriticalUse, EnvRead, EnvUse};
use crate::lang::context::TreeContext;
use crate::lang::tree::{ancestors, contains, descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::util::is_upper_constant;

/// True when a file may read the environment (a cheap byte check before collecting).
pub fn may_read_env(bytes: &[u8]) -> bool {
    [&b"process.env"[..], b"environ", b"getenv", b"BaseSettings"]
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle).is_some())
}

/// Text markers of schema validation of the whole environment in JavaScript/TypeScript.
const JS_VALIDATORS: &[&str] = &[
    "envalid",
    "cleanEnv(",
    "createEnv(",
    "(process.env)",
    "(process.env,",
    "validationSchema",
    "convict(",
    "'env-var'",
    "\"env-var\"",
    "znv",
    // class-validator over a class of variables (NestJS `ConfigModule.forRoot({ validate })`).
    "validateSync(",
];

/// Packages that check every variable listed in `.env.example`.
const CHECK_ALL_MARKERS: &[&str] = &["dotenv-safe", "dotenv-extended", "dotenv-mono"];

/// Object keys whose value is a signing or session secret.
const SECRET_OPTION_KEYS: &[&str] = &[
    "secret",
    "secretOrKey",
    "secretOrPrivateKey",
    "jwtSecret",
    "privateKey",
    "signingKey",
    "secretKey",
];

/// Object keys whose value is a connection string (knex takes it as `connection`).
const URL_OPTION_KEYS: &[&str] = &[
    "connectionString",
    "connection",
    "url",
    "uri",
    "connectionUri",
    "connectionURI",
    "databaseUrl",
    "databaseURL",
];

/// Calls that open a database, cache or broker connection from a connection string.
const JS_CONNECT_CALLEES: &[&str] = &[
    "connect",
    "createConnection",
    "createPool",
    "createClient",
    "Pool",
    "Client",
    "Sequelize",
    "MongoClient",
    "Redis",
    "knex",
    "postgres",
    "neon",
    "DataSource",
    "PrismaClient",
    "drizzle",
];

const PY_CONNECT_CALLEES: &[&str] = &[
    "create_engine",
    "create_async_engine",
    "connect",
    "from_url",
    "MongoClient",
    "AsyncIOMotorClient",
    "create_pool",
    "Redis",
    "StrictRedis",
    "Celery",
];

/// True for names of database, cache and broker connection strings (`DATABASE_URL`,
/// `MONGO_URI`, `REDIS_URL`).
pub fn is_connection_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    let store = [
        "DATABASE", "DB", "POSTGRES", "PG", "MYSQL", "MARIADB", "MONGO", "REDIS", "AMQP", "RABBIT",
        "BROKER", "SQL",
    ]
    .iter()
    .any(|w| n.split('_').any(|part| part.starts_with(w)));
    let url = ["URL", "URI", "DSN", "CONNECTION", "CONN"]
        .iter()
        .any(|w| n.contains(w));
    store && url
}

/// The per-file collector.
#[derive(Default)]
pub struct EnvCollector {
    facts: EnvUse,
    upper_literals: Vec<String>,
    /// A read whose name is computed (`process.env[name]`): a loop over required names.
    dynamic_read: bool,
    /// A write whose name is computed (`process.env[envKey] = value`): the app sets the
    /// variables it names in this file itself (a settings screen that saves into the
    /// environment).
    dynamic_write: bool,
    /// The file stops the process or throws somewhere.
    exits: bool,
    /// The file validates the environment with a schema library.
    validator: bool,
    /// Python `environs` / `django-environ`: `env("X")` raises when X is missing.
    env_lib: bool,
    /// Python `environs` (not django-environ): `env("X", default)` takes the default second.
    environs: bool,
    /// Names a django-environ scheme gives a default (`environ.Env(DEBUG=(bool, False))`):
    /// `env("DEBUG")` returns it when the variable is missing.
    scheme_defaults: HashSet<String>,
    /// A scheme merged from elsewhere (`environ.Env(**BASE_SCHEMA)`): any name may have a
    /// default there.
    scheme_open: bool,
    /// The indices in `reads` of environs/django-environ reads (`env("X")`).
    env_lib_reads: Vec<usize>,
    /// Python: `environ` is `os.environ` (`from os import environ`), not a WSGI parameter.
    environ_imported: bool,
    /// Per node kind id of the file's grammar: whether `visit_js`/`visit_py` reads it (built
    /// on the first visit; a string comparison per node would cost more than the visit).
    wanted: Vec<bool>,
    /// Names some declaration or assignment binds to a value holding an environment read
    /// (built on the first condition that needs it): the only names whose bindings
    /// `names_in_condition` has to look up.
    env_bound: Option<std::collections::HashSet<String>>,
}

/// The node kinds the collector reads.
pub const JS_VISITED: &[&str] = &[
    "variable_declarator",
    "throw_statement",
    "member_expression",
    "subscript_expression",
    "if_statement",
    "call_expression",
    "string",
    "pair",
    "public_field_definition",
];
pub const PY_VISITED: &[&str] = &[
    "raise_statement",
    "class_definition",
    "call",
    "subscript",
    "comparison_operator",
    "if_statement",
    "assert_statement",
    "string",
];

impl EnvCollector {
    pub fn new(src: &str, python: bool) -> EnvCollector {
        let checks_all = CHECK_ALL_MARKERS.iter().any(|m| src.contains(m));
        let validator = !python && JS_VALIDATORS.iter().any(|m| src.contains(m));
        let env_lib = python
            && (src.contains("environs")
                || src.contains("import environ")
                || src.contains("environ.Env("));
        let environs = python && src.contains("environs");
        let environ_imported = python
            && src.lines().any(|l| {
                let l = l.trim_start();
                l.starts_with("from os import") && l.contains("environ")
            });
        EnvCollector {
            facts: EnvUse {
                checks_all,
                ..EnvUse::default()
            },
            validator,
            env_lib,
            environs,
            environ_imported,
            ..EnvCollector::default()
        }
    }

    /// The facts of the file, or `None` when it neither reads nor checks anything.
    pub fn finish(mut self) -> Option<EnvUse> {
        if self.dynamic_write {
            for name in self.upper_literals.clone() {
                self.assigned(name);
            }
        }
        for &index in &self.env_lib_reads {
            let Some(read) = self.facts.reads.get_mut(index) else {
                continue;
            };
            if read.fails_loudly && (self.scheme_open || self.scheme_defaults.contains(&read.name))
            {
                read.fails_loudly = false;
                read.has_default = true;
                read.optional = true;
                read.critical = None;
            }
        }
        if (self.dynamic_read && self.exits) || self.validator {
            if self.upper_literals.is_empty() {
                self.facts.checks_all = true;
            } else {
                self.facts.checked.append(&mut self.upper_literals);
            }
        }
        self.facts.checked.sort();
        self.facts.checked.dedup();
        let empty = self.facts.reads.is_empty()
            && self.facts.assigned.is_empty()
            && self.facts.checked.is_empty()
            && !self.facts.checks_all
            && self.facts.loads.is_empty();
        (!empty).then_some(self.facts)
    }

    /// Environment variable names a condition tests: reads inside it, upper-case names and
    /// string literals, and local names bound to reads (`const secret = process.env.X`).
    fn names_in_condition(
        &mut self,
        condition: Node,
        cx: &TreeContext,
        python: bool,
    ) -> Vec<String> {
        let src = cx.src;
        let mut names = Vec::new();
        for n in descendants(condition) {
            match n.kind_name() {
                "string" => {
                    let value = if python {
                        py::string_value(n, src)
                    } else {
                        js::string_value(n, src)
                    };
                    if let Some(v) = value.filter(|v| is_upper_constant(v)) {
                        names.push(v);
                    }
                }
                "property_identifier" => {
                    let t = text(n, src);
                    if is_upper_constant(t) {
                        names.push(t.to_string());
                    }
                }
                "identifier" => {
                    let t = text(n, src);
                    if is_upper_constant(t) {
                        names.push(t.to_string());
                    }
                    // A local bound to a read. Only names bound to a read somewhere in the file
                    // can be: the others are not looked up.
                    let env_bound = self
                        .env_bound
                        .get_or_insert_with(|| env_bound_names(cx, python));
                    if !env_bound.contains(t) {
                        continue;
                    }
                    let scope = if python {
                        py::enclosing_function(n)
                    } else {
                        js::enclosing_function(n)
                    };
                    // The enclosing function's bindings, then the module's top-level ones (a
                    // walk of top-level statements only: conditions are many, files large).
                    let local = scope.and_then(|scope| {
                        if python {
                            py::bindings_of(scope, t, src, n.start_byte())
                                .last()
                                .map(|b| b.value)
                        } else {
                            js::bindings_of(scope, t, src, n.start_byte())
                                .last()
                                .map(|b| b.value)
                        }
                    });
                    let module = || {
                        if python {
                            py::module_bindings_of(cx.root, t, src, n.start_byte())
                                .last()
                                .map(|b| b.value)
                        } else {
                            js::module_bindings_of(cx.root, t, src, n.start_byte())
                                .last()
                                .map(|b| b.value)
                        }
                    };
                    let from_local = local.and_then(|v| env_name_in(text(v, src)));
                    if let Some(name) =
                        from_local.or_else(|| module().and_then(|v| env_name_in(text(v, src))))
                    {
                        names.push(name);
                    }
                }
                _ => {}
            }
        }
        names
    }

    /// See `under_switch_constant`; the names bound to reads are found once per file.
    fn under_switch_constant(&mut self, site: Node, cx: &TreeContext, python: bool) -> bool {
        let conditional = ancestors(site).any(|a| {
            matches!(
                a.kind_name(),
                "if_statement" | "elif_clause" | "ternary_expression"
            )
        });
        if !conditional {
            return false;
        }
        let env_bound = self
            .env_bound
            .get_or_insert_with(|| env_bound_names(cx, python));
        under_switch_constant(site, cx, python, env_bound)
    }

    /// True when the node's kind is one the collector reads.
    fn wants(&mut self, node: Node, kinds: &[&str]) -> bool {
        if self.wanted.is_empty() {
            self.wanted = crate::lang::kind_ids_named(&node.language(), kinds);
        }
        self.wanted
            .get(usize::from(node.kind_id()))
            .copied()
            .unwrap_or(true)
    }

    pub fn visit_js(&mut self, node: Node, cx: &TreeContext) {
        if !self.wants(node, JS_VISITED) {
            return;
        }
        let src = cx.src;
        match node.kind_name() {
            "member_expression" => {
                let Some(object) = node.field("object") else {
                    return;
                };
                if !js::is_env_object(object, src) {
                    return;
                }
                let Some(property) = node.field("property") else {
                    return;
                };
                // `process.env.hasOwnProperty('CI')` calls a method of the object.
                if node.parent().is_some_and(|p| {
                    p.kind_name() == "call_expression"
                        && p.field("function").is_some_and(|f| f.id() == node.id())
                }) {
                    return;
                }
                if is_assignment_target(node) {
                    self.assigned(text(property, src).to_string());
                }
                self.js_read(node, text(property, src), cx);
            }
            "subscript_expression" => {
                let (Some(object), Some(index)) = (node.field("object"), node.field("index"))
                else {
                    return;
                };
                if !js::is_env_object(object, src) {
                    return;
                }
                match js::string_value(index, src) {
                    Some(name) => {
                        if is_assignment_target(node) {
                            self.assigned(name.clone());
                        }
                        self.js_read(node, &name, cx)
                    }
                    None => {
                        self.dynamic_write |= is_assignment_target(node);
                        self.dynamic_read = true;
                    }
                }
            }
            "variable_declarator" => self.js_destructure(node, cx),
            "if_statement" => {
                let (Some(condition), Some(consequence)) =
                    (node.field("condition"), node.field("consequence"))
                else {
                    return;
                };
                // The names first: most conditions test none, and then the branch is not read.
                let names = self.names_in_condition(condition, cx, false);
                if !names.is_empty() && stops(consequence, src, false) {
                    self.facts.checked.extend(names);
                }
            }
            "throw_statement" => self.exits = true,
            "call_expression" => {
                self.js_loads_env_file(node, src);
                if let Some(callee) = js::callee(node) {
                    let last = text(callee, src).rsplit('.').next().unwrap_or("");
                    if is_env_helper_name(last) {
                        let first = js::call_arguments(node).first().copied();
                        if let Some(name) = first.and_then(|a| js::string_value(a, src)) {
                            self.helper_name(name);
                        }
                    } else if is_check_name(last) {
                        // `this.checkNonEmpty('JWT_SECRET')`: a check of the variable by name.
                        let first = js::call_arguments(node).first().copied();
                        if let Some(name) = first.and_then(|a| js::string_value(a, src)) {
                            if is_upper_literal(&name) {
                                self.facts.checked.push(name);
                            }
                        }
                    }
                }
                // Every path below names `exit`, `assert` or `invariant`: most calls do not.
                let Some(callee) = js::callee(node).filter(|c| {
                    let t = text(*c, src);
                    t.contains("exit") || t.contains("assert") || t.contains("invariant")
                }) else {
                    return;
                };
                let path = js::dotted_path(callee, src);
                match path.as_deref() {
                    Some("process.exit") => self.exits = true,
                    Some("assert" | "assert.ok" | "invariant" | "assert.strict") => {
                        let names = self.names_in_condition(node, cx, false);
                        self.facts.checked.extend(names);
                    }
                    _ => {}
                }
            }
            "string" if may_be_upper_literal(node, src) => {
                if let Some(value) = js::string_value(node, src) {
                    self.upper_literal(value);
                }
            }
            "pair" => {
                if let Some(key) = node.field("key") {
                    if key.kind_name() == "property_identifier" {
                        self.upper_literal(text(key, src).to_string());
                    }
                }
            }
            "public_field_definition" => {
                // `@IsNotEmpty() REDIS_URL: string` in a class class-validator checks; a field
                // marked `@IsOptional()` may be missing.
                let Some(name) = node.field("name") else {
                    return;
                };
                let optional = {
                    let mut cursor = node.walk();
                    let decorated = node
                        .children(&mut cursor)
                        .filter(|c| c.kind_name() == "decorator")
                        .any(|d| text(d, src).contains("IsOptional"));
                    decorated || preceding_decorators(node, src).contains("IsOptional")
                };
                if !optional {
                    self.upper_literal(text(name, src).to_string());
                }
            }
            _ => {}
        }
    }

    /// `process.loadEnvFile('.env.example')`, `dotenv.config({ path: '.env.example' })`: the
    /// app loads that file itself at startup.
    fn js_loads_env_file(&mut self, call: Node, src: &str) {
        let Some(callee) = js::callee(call) else {
            return;
        };
        let callee_text = text(callee, src);
        let last = callee_text.rsplit('.').next().unwrap_or("");
        let arg = js::call_arguments(call).first().copied();
        let path = match last {
            "loadEnvFile" => arg.and_then(|a| js::string_value(a, src)),
            "config" if callee_text.contains("dotenv") || src.contains("dotenv") => arg
                .filter(|a| a.kind_name() == "object")
                .and_then(|object| {
                    let mut cursor = object.walk();
                    let pairs: Vec<Node> = object.named_children(&mut cursor).collect();
                    pairs.into_iter().find_map(|p| {
                        let key = p.field("key")?;
                        (text(key, src) == "path")
                            .then(|| js::string_value(p.field("value")?, src))
                            .flatten()
                    })
                }),
            _ => None,
        };
        if let Some(path) = path {
            self.facts.loads.push(path);
        }
    }

    pub fn visit_py(&mut self, node: Node, cx: &TreeContext) {
        if !self.wants(node, PY_VISITED) {
            return;
        }
        let src = cx.src;
        match node.kind_name() {
            "call" => {
                let Some(function) = node.field("function") else {
                    return;
                };
                // Every path below names `get`, `exit` or (with an env library) `env`: most
                // calls do not.
                let t = text(function, src);
                let last = t.rsplit('.').next().unwrap_or("");
                if !self.env_lib && is_env_helper_name(last) {
                    let first = py::positional_arguments(node).first().copied();
                    if let Some(name) = first.and_then(|a| py::string_value(a, src)) {
                        self.helper_name(name);
                    }
                } else if is_check_name(last) || last == "setdefault" {
                    let first = py::positional_arguments(node).first().copied();
                    if let Some(name) = first.and_then(|a| py::string_value(a, src)) {
                        if last != "setdefault" {
                            if is_upper_literal(&name) {
                                self.facts.checked.push(name);
                            }
                        } else if matches!(t, "os.environ.setdefault" | "environ.setdefault") {
                            self.assigned(name);
                        }
                    }
                }
                if !(t.contains("get") || t.contains("exit") || (self.env_lib && t.contains("env")))
                {
                    return;
                }
                let path = py::dotted_path(function, src).unwrap_or_default();
                if self.env_lib && path.rsplit('.').next().is_some_and(|l| l.ends_with("Env")) {
                    self.django_environ_scheme(node, src);
                    return;
                }
                let args = py::positional_arguments(node);
                match path.as_str() {
                    "environ.get" if !self.environ_imported => {}
                    "os.environ.get" | "os.getenv" | "environ.get" | "getenv" => {
                        let Some(first) = args.first() else { return };
                        match py::string_value(*first, src) {
                            Some(name) => {
                                let has_default = args.len() > 1
                                    || py::keyword_argument(node, "default", src).is_some();
                                self.py_read(node, &name, has_default, false, cx);
                            }
                            None => self.dynamic_read = true,
                        }
                    }
                    "sys.exit" | "exit" | "os._exit" => self.exits = true,
                    _ if self.env_lib && (path == "env" || path.starts_with("env.")) => {
                        let Some(name) = args.first().and_then(|a| py::string_value(*a, src))
                        else {
                            return;
                        };
                        if !is_upper_constant(&name) {
                            return;
                        }
                        // environs takes the default second, django-environ as `default=`
                        // (its second positional argument of `env()` is a cast).
                        let has_default = py::keyword_argument(node, "default", src).is_some()
                            || ((path != "env" || self.environs) && args.len() > 1);
                        if !has_default {
                            self.facts.checked.push(name.clone());
                        }
                        self.py_read(node, &name, has_default, !has_default, cx);
                        self.env_lib_reads
                            .push(self.facts.reads.len().saturating_sub(1));
                    }
                    _ => {}
                }
            }
            "subscript" => {
                let (Some(value), Some(subscript)) = (node.field("value"), node.field("subscript"))
                else {
                    return;
                };
                match text(value, src) {
                    "os.environ" => {}
                    // A WSGI handler's `environ` parameter holds request keys (`PATH_INFO`).
                    "environ" if self.environ_imported => {}
                    _ => return,
                }
                if is_assignment_target(node) {
                    match py::string_value(subscript, src) {
                        Some(name) => self.assigned(name),
                        None => self.dynamic_write = true,
                    }
                    return;
                }
                match py::string_value(subscript, src) {
                    Some(name) => {
                        // At import time a missing variable stops the app before it serves.
                        if py::enclosing_function(node).is_none() {
                            self.facts.checked.push(name.clone());
                        }
                        self.py_read(node, &name, false, true, cx);
                    }
                    None => self.dynamic_read = true,
                }
            }
            "comparison_operator" => {
                let t = text(node, src);
                if (t.contains("in os.environ") || t.contains("in environ"))
                    && node
                        .named_child(0)
                        .is_some_and(|l| l.kind_name() == "identifier")
                {
                    self.dynamic_read = true;
                }
            }
            "raise_statement" => self.exits = true,
            "if_statement" => {
                let (Some(condition), Some(body)) =
                    (node.field("condition"), node.field("consequence"))
                else {
                    return;
                };
                let names = self.names_in_condition(condition, cx, true);
                if !names.is_empty() && stops(body, src, true) {
                    self.facts.checked.extend(names);
                }
            }
            "assert_statement" => {
                let names = self.names_in_condition(node, cx, true);
                self.facts.checked.extend(names);
            }
            "class_definition" => self.pydantic_settings(node, src),
            "string" if may_be_upper_literal(node, src) => {
                if let Some(value) = py::string_value(node, src) {
                    self.upper_literal(value);
                }
            }
            _ => {}
        }
    }

    /// `environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []))`: a `(cast, default)` pair
    /// is the default of the variable the keyword names.
    fn django_environ_scheme(&mut self, call: Node, src: &str) {
        let Some(args) = call.field("arguments") else {
            return;
        };
        let mut cursor = args.walk();
        for argument in args.named_children(&mut cursor) {
            if argument.kind_name() == "dictionary_splat" {
                self.scheme_open = true;
            }
            if argument.kind_name() != "keyword_argument" {
                continue;
            }
            let (Some(name), Some(value)) = (argument.field("name"), argument.field("value"))
            else {
                continue;
            };
            if value.kind_name() == "tuple" && value.named_child_count() >= 2 {
                self.scheme_defaults.insert(text(name, src).to_string());
            }
        }
    }

    fn assigned(&mut self, name: String) {
        if !name.is_empty() && !self.facts.assigned.contains(&name) {
            self.facts.assigned.push(name);
        }
    }

    fn helper_name(&mut self, name: String) {
        if is_upper_constant(&name) && !self.facts.helper_names.contains(&name) {
            self.facts.helper_names.push(name);
        }
    }

    fn upper_literal(&mut self, value: String) {
        if is_upper_literal(&value) {
            self.upper_literals.push(value);
        }
    }

    /// `const { JWT_SECRET, PORT = 3000 } = process.env`.
    fn js_destructure(&mut self, node: Node, cx: &TreeContext) {
        let src = cx.src;
        let (Some(pattern), Some(value)) = (node.field("name"), node.field("value")) else {
            return;
        };
        if pattern.kind_name() != "object_pattern" || !js::is_env_object(value, src) {
            return;
        }
        // A destructuring under a condition on another variable (`if
        // (!process.env.DISABLE_APM) { const { APM_TOKEN } = process.env; ... }`) reads an
        // optional feature's settings.
        let switched = is_guarded(node, &[], src) || self.under_switch_constant(node, cx, false);
        let mut cursor = pattern.walk();
        for part in pattern.named_children(&mut cursor) {
            match part.kind_name() {
                "shorthand_property_identifier_pattern" => {
                    let name = text(part, src);
                    if switched {
                        self.push_read(name, part, true, false, None);
                        continue;
                    }
                    let critical = binding_uses(part, name, cx)
                        .into_iter()
                        .find_map(|u| js_critical(u, name, &[name], cx));
                    self.push_read(name, part, false, false, critical);
                }
                "object_assignment_pattern" => {
                    if let Some(left) = part.field("left") {
                        self.push_read(text(left, src), left, true, false, None);
                    }
                }
                "pair_pattern" => {
                    let (Some(key), Some(local)) = (part.field("key"), part.field("value")) else {
                        continue;
                    };
                    let name =
                        js::string_value(key, src).unwrap_or_else(|| text(key, src).to_string());
                    if local.kind_name() == "assignment_pattern" {
                        self.push_read(&name, key, true, false, None);
                        continue;
                    }
                    if switched {
                        self.push_read(&name, key, true, false, None);
                        continue;
                    }
                    let local_name = text(local, src);
                    let critical = binding_uses(local, local_name, cx)
                        .into_iter()
                        .find_map(|u| js_critical(u, &name, &[&name, local_name], cx));
                    self.push_read(&name, key, false, false, critical);
                }
                _ => {}
            }
        }
    }

    fn js_read(&mut self, node: Node, name: &str, cx: &TreeContext) {
        if name.is_empty() || is_assignment_target(node) || is_js_delete_or_typeof(node) {
            return;
        }
        let src = cx.src;
        let (site, has_default, numeric) = js_climb(node, src);
        // `process.env.X?.toLowerCase()`: the code expects it to be missing.
        let chained = node.parent().is_some_and(|p| {
            p.kind_name() == "member_expression"
                && p.field("object").is_some_and(|o| o.id() == node.id())
                && has_optional_chain(p)
        });
        let guarded = chained
            || is_guarded(site, &[name], src)
            || fallback_follows(site, name, src, false)
            || beside_null_branch(site, src)
            || among_literal_alternatives(site)
            || beside_connection_url_setting(site, src)
            || in_environment_listing(site, src)
            || in_switched_settings(site, src, false)
            || self.under_switch_constant(site, cx, false)
            || numeric.is_some_and(|call| {
                js_number_compared(call, src) || js_number_tested_at_each_use(call, cx)
            });
        let critical = if has_default || guarded {
            None
        } else if let Some(call) = numeric {
            Some(CriticalUse {
                what: format!(
                    "a number (`{}` of a missing variable is NaN)",
                    js::callee(call).map_or("parseInt", |c| text(c, src))
                ),
                range: call.byte_range(),
            })
        } else {
            js_critical(site, name, &[name], cx).or_else(|| {
                // `const secret = process.env.JWT_SECRET; ... jwt.sign(p, secret)`
                let declarator = site
                    .parent()
                    .filter(|p| p.kind_name() == "variable_declarator")?;
                let local = declarator
                    .field("name")
                    .filter(|n| n.kind_name() == "identifier")?;
                let local_name = text(local, src);
                binding_uses(local, local_name, cx)
                    .into_iter()
                    .find_map(|u| js_critical(u, name, &[name, local_name], cx))
            })
        };
        let dispatched = in_dispatch_arm(site, src);
        self.push_read(name, node, has_default || guarded, false, critical);
        if let Some(read) = self.facts.reads.last_mut() {
            read.has_default = has_default;
            read.kept_as_setting = is_kept_as_setting(site, false);
            read.feature_switched = dispatched;
        }
    }

    fn py_read(
        &mut self,
        node: Node,
        name: &str,
        has_default: bool,
        fails_loudly: bool,
        cx: &TreeContext,
    ) {
        let src = cx.src;
        let (site, defaulted, numeric) = py_climb(node, src);
        // `try: key = os.environ["KEY"] except KeyError: ...`: the code handles the missing
        // variable itself, with a fallback or with an error of its own that names it.
        let handled = if fails_loudly {
            missing_key_handled(site, src)
        } else {
            None
        };
        let fails_loudly = fails_loudly && handled.is_none();
        let has_default = has_default
            || defaulted
            || handled == Some(Handled::Fallback)
            || is_default_argument(site, src);
        // A read that raises when the variable is missing stays required under a feature
        // switch: turning the feature on stops the app.
        let guarded = is_guarded(site, &[name], src)
            || fallback_follows(site, name, src, true)
            || in_test_class(site, src)
            || in_main_block(site, src)
            || beside_null_branch(site, src)
            || in_switched_settings(site, src, true)
            || in_environment_listing(site, src);
        let switched = self.under_switch_constant(site, cx, true);
        // An alternative the configuration selects (`elif provider == "ollama":`, `case
        // "voyage":`), or a read whose absence the code reports itself.
        let selected = in_dispatch_arm(site, src) || handled == Some(Handled::Reported);
        let guarded = guarded || (!fails_loudly && switched);
        let critical = if has_default || fails_loudly || guarded || handled.is_some() {
            None
        } else if let Some(call) = numeric {
            let callee = call.field("function").map_or("int", |f| text(f, src));
            Some(CriticalUse {
                what: format!("a number (`{callee}(None)` raises TypeError)"),
                range: call.byte_range(),
            })
        } else {
            py_critical(site, name, &[name], cx).or_else(|| {
                // `DATABASE_URL = os.getenv("DATABASE_URL")` ... `create_engine(DATABASE_URL)`
                let assignment = site.parent().filter(|p| p.kind_name() == "assignment")?;
                let left = assignment
                    .field("left")
                    .filter(|l| l.kind_name() == "identifier")?;
                let local_name = text(left, src);
                py_binding_uses(left, local_name, cx)
                    .into_iter()
                    .find_map(|u| py_critical(u, name, &[name, local_name], cx))
            })
        };
        self.push_read(name, node, has_default || guarded, fails_loudly, critical);
        if let Some(read) = self.facts.reads.last_mut() {
            read.has_default = has_default;
            read.kept_as_setting = is_kept_as_setting(site, true);
            read.feature_switched = switched || selected;
        }
    }

    /// Records a read; `optional` also sets `has_default` (callers that know better reset it).
    fn push_read(
        &mut self,
        name: &str,
        node: Node,
        optional: bool,
        fails_loudly: bool,
        critical: Option<CriticalUse>,
    ) {
        self.facts.reads.push(EnvRead {
            name: name.to_string(),
            range: node.byte_range(),
            has_default: optional,
            optional,
            fails_loudly,
            critical,
            kept_as_setting: false,
            feature_switched: false,
        });
    }

    /// `class Settings(BaseSettings): database_url: str` — pydantic-settings fails at startup
    /// when a field without default is missing; every field counts as checked.
    fn pydantic_settings(&mut self, class: Node, src: &str) {
        let bases = class.field("superclasses").map_or("", |s| text(s, src));
        if !bases.contains("BaseSettings") && !bases.contains("BaseConfig") {
            return;
        }
        let Some(body) = class.field("body") else {
            return;
        };
        let body_text = text(body, src);
        let prefix = body_text
            .find("env_prefix")
            .and_then(|at| {
                let rest = &body_text[at..];
                let quote = rest.find(['"', '\''])?;
                let q = rest.as_bytes()[quote] as char;
                let value = &rest[quote + 1..];
                Some(value[..value.find(q)?].to_ascii_uppercase())
            })
            .unwrap_or_default();
        let mut cursor = body.walk();
        for stmt in body.named_children(&mut cursor) {
            let Some(assign) = stmt
                .named_child(0)
                .filter(|a| a.kind_name() == "assignment")
            else {
                continue;
            };
            let Some(left) = assign
                .field("left")
                .filter(|l| l.kind_name() == "identifier")
            else {
                continue;
            };
            if assign.field("type").is_none() {
                continue;
            }
            let field = text(left, src);
            if field == "model_config" {
                continue;
            }
            let name = format!("{prefix}{}", field.to_ascii_uppercase());
            self.helper_name(name.clone());
            self.facts.checked.push(name);
        }
        // Aliases: `Field(..., alias="DB_URL")`, `validation_alias=`, `env=`.
        for n in descendants(body) {
            if n.kind_name() == "keyword_argument" {
                let key = n.field("name").map_or("", |k| text(k, src));
                if matches!(key, "alias" | "validation_alias" | "env") {
                    if let Some(v) = n.field("value").and_then(|v| py::string_value(v, src)) {
                        self.facts.checked.push(v.to_ascii_uppercase());
                    }
                }
            }
        }
    }
}

/// The name of a project's own helper that reads one environment variable by name:
/// `getEnv`, `getEnvAsStringArray`, `readEnv`, `requireEnv`, `get_env`, `env_bool`. Not the
/// readers backlint follows itself (`getenv`, environs' `env`), and not `setEnv`/`loadEnv`.
fn is_env_helper_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').filter(|w| !w.is_empty()).collect();
    let joined = words.concat();
    let reads = [
        "getenv",
        "readenv",
        "requireenv",
        "envbool",
        "envint",
        "envstr",
    ];
    name != "getenv"
        && (reads.iter().any(|r| joined.starts_with(r))
            || (joined.starts_with("get") && joined.contains("env") && !joined.contains("envs")))
}

fn is_assignment_target(node: Node) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    matches!(
        parent.kind_name(),
        "assignment_expression"
            | "augmented_assignment_expression"
            | "assignment"
            | "augmented_assignment"
    ) && parent.field("left").is_some_and(|l| l.id() == node.id())
}

fn is_js_delete_or_typeof(node: Node) -> bool {
    node.parent()
        .filter(|p| p.kind_name() == "unary_expression")
        .and_then(|p| p.child(0))
        .is_some_and(|op| matches!(op.kind_name(), "delete" | "typeof"))
}

/// Climbs from a JS read through wrappers: parentheses and type assertions, and numeric
/// conversions (`parseInt(...)`). Returns the outermost expression, whether a fallback
/// (`||`, `??`) follows it, and the numeric conversion call if there is one.
fn js_climb<'t>(node: Node<'t>, src: &str) -> (Node<'t>, bool, Option<Node<'t>>) {
    let mut current = node;
    let mut numeric = None;
    for _ in 0..16 {
        let Some(parent) = current.parent() else {
            break;
        };
        match parent.kind_name() {
            "parenthesized_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression" => current = parent,
            "arguments" => {
                let Some(call) = parent
                    .parent()
                    .filter(|c| c.kind_name() == "call_expression")
                else {
                    break;
                };
                let callee = js::callee(call).map_or("", |c| text(c, src));
                let first = parent
                    .named_child(0)
                    .is_some_and(|a| a.id() == current.id());
                if first
                    && matches!(
                        callee,
                        "parseInt"
                            | "parseFloat"
                            | "Number"
                            | "Number.parseInt"
                            | "Number.parseFloat"
                    )
                {
                    numeric = Some(call);
                    current = call;
                } else if first && numeric.is_none() && helper_with_default(call, parent, src) {
                    return (call, true, None);
                } else {
                    break;
                }
            }
            "binary_expression" => {
                let op = parent.field("operator").map_or("", |o| text(o, src));
                let left = parent.field("left").is_some_and(|l| l.id() == current.id());
                if numeric.is_some() && matches!(op, "*" | "/" | "+" | "-" | "%") {
                    return (current, number_falls_back(parent, src), numeric);
                }
                return (current, left && matches!(op, "||" | "??"), numeric);
            }
            "assignment_pattern" | "object_assignment_pattern" => return (current, true, numeric),
            _ => break,
        }
    }
    (current, false, numeric)
}

/// A helper of the project's own called with the value and a literal to use without it:
/// `toValidNumber(process.env.MAX_TOKENS, 1024)`, `parseBool(process.env.AUDIT, false)`,
/// `to_int(os.getenv("WORKERS"), 4)`. The callee is a plain function name (not a method of a
/// library object), and the second and last argument a number or a boolean: the default the
/// helper returns when the variable is unset.
fn helper_with_default(call: Node, arguments: Node, src: &str) -> bool {
    let Some(callee) = call
        .field("function")
        .map(unwrap_parens)
        .filter(|c| c.kind_name() == "identifier")
    else {
        return false;
    };
    // `createClient(port, 6379)`-like clients take settings, not a default.
    let name = text(callee, src);
    if JS_CONNECT_CALLEES.contains(&name) || PY_CONNECT_CALLEES.contains(&name) {
        return false;
    }
    let mut cursor = arguments.walk();
    let args: Vec<Node> = arguments
        .named_children(&mut cursor)
        .filter(|a| a.kind_name() != "comment")
        .collect();
    args.len() == 2
        && matches!(
            args[1].kind_name(),
            "number" | "integer" | "float" | "true" | "false"
        )
}

/// Arithmetic on a number converted from the environment whose result falls back:
/// `(Number(process.env.MAX_MB) * 1024 * 1024) || Infinity`. NaN goes through the arithmetic
/// and is falsy, so a missing variable takes the fallback.
fn number_falls_back(arithmetic: Node, src: &str) -> bool {
    let mut current = arithmetic;
    for _ in 0..16 {
        let Some(parent) = current.parent() else {
            return false;
        };
        match parent.kind_name() {
            "parenthesized_expression" => {}
            "binary_expression" => {
                let op = parent.field("operator").map_or("", |o| text(o, src));
                let left = parent.field("left").is_some_and(|l| l.id() == current.id());
                match op {
                    "||" | "??" => return left,
                    "*" | "/" | "+" | "-" | "%" => {}
                    _ => return false,
                }
            }
            _ => return false,
        }
        current = parent;
    }
    false
}

/// Python: through parentheses and `int(...)`/`float(...)`; `x or default` is a fallback.
fn py_climb<'t>(node: Node<'t>, src: &str) -> (Node<'t>, bool, Option<Node<'t>>) {
    let mut current = node;
    let mut numeric = None;
    for _ in 0..16 {
        let Some(parent) = current.parent() else {
            break;
        };
        match parent.kind_name() {
            "parenthesized_expression" => current = parent,
            "argument_list" => {
                let Some(call) = parent.parent().filter(|c| c.kind_name() == "call") else {
                    break;
                };
                let callee = call.field("function").map_or("", |c| text(c, src));
                let first = parent
                    .named_child(0)
                    .is_some_and(|a| a.id() == current.id());
                if first && matches!(callee, "int" | "float") {
                    numeric = Some(call);
                    current = call;
                } else if first
                    && numeric.is_none()
                    && !matches!(callee, "env" | "getenv")
                    && helper_with_default(call, parent, src)
                {
                    return (call, true, None);
                } else {
                    break;
                }
            }
            "boolean_operator" => {
                let op = parent.field("operator").map_or("", |o| text(o, src));
                let left = parent.field("left").is_some_and(|l| l.id() == current.id());
                return (current, left && op == "or", numeric);
            }
            _ => break,
        }
    }
    (current, false, numeric)
}

/// True when the expression is only evaluated when one of `names` is known to be set, or is
/// itself only tested: it sits in a branch (if, ternary, `&&`, `and`) whose condition
/// mentions the variable, or it is an operand of a test (`!x`, `x === 'y'`, `if (x)`).
fn is_guarded(site: Node, names: &[&str], src: &str) -> bool {
    if is_tested(site, src) {
        return true;
    }
    let mentions = |n: Node| {
        let t = text(n, src);
        names.iter().any(|name| crate::util::contains_word(t, name))
    };
    if exits_early_without(site, &mentions, src) {
        return true;
    }
    for ancestor in ancestors(site) {
        match ancestor.kind_name() {
            "if_statement"
            | "ternary_expression"
            | "conditional_expression"
            | "elif_clause"
            | "while_statement" => {
                let condition = ancestor.field("condition").or_else(|| {
                    // Python's `a if cond else b`.
                    (ancestor.kind_name() == "conditional_expression")
                        .then(|| ancestor.named_child(1))
                        .flatten()
                });
                if let Some(condition) = condition {
                    if !contains(condition, site)
                        && (mentions(condition) || is_feature_switch(condition, src))
                    {
                        return true;
                    }
                }
            }
            "binary_expression" | "boolean_operator" => {
                let op = ancestor.field("operator").map_or("", |o| text(o, src));
                if matches!(op, "&&" | "and") {
                    if let Some(left) = ancestor.field("left") {
                        if !contains(left, site) && mentions(left) {
                            return true;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// A condition that reads another environment variable and is not a choice of environment:
/// `if (process.env.UPTIME_KUMA_DB_TYPE)`, `if bool(os.environ.get("REPLICA_URL")):` — the
/// reads under it configure an optional feature. `if (process.env.NODE_ENV === 'production')`
/// is not one: what production reads is required.
/// An earlier statement of an enclosing block leaves when the value is missing (`if
/// (!replicaUrl) return baseClient;`, `if not host: raise ...`): the code after it runs only
/// with the value set.
fn exits_early_without(site: Node, mentions: &dyn Fn(Node) -> bool, src: &str) -> bool {
    std::iter::once(site)
        .chain(ancestors(site))
        .any(|statement| {
            let mut previous = statement.prev_named_sibling();
            let mut seen = 0;
            while let Some(candidate) = previous {
                seen += 1;
                if seen > MAX_EARLIER_STATEMENTS {
                    break;
                }
                if candidate.kind_name() == "if_statement" {
                    if let (Some(condition), Some(consequence)) =
                        (candidate.field("condition"), candidate.field("consequence"))
                    {
                        if mentions(condition)
                            && (stops(consequence, src, false) || stops(consequence, src, true))
                        {
                            return true;
                        }
                    }
                }
                previous = candidate.prev_named_sibling();
            }
            false
        })
}

/// How many earlier statements of a block are searched for an early exit.
const MAX_EARLIER_STATEMENTS: usize = 64;

/// A branch that leaves with a normal answer (`return res.status(400).json(...)`, `return
/// None`) and neither throws nor stops the process: the feature is off without the value.
fn returns_quietly(branch: Node, src: &str, python: bool) -> bool {
    descendants(branch).any(|n| n.kind_name() == "return_statement")
        && !descendants(branch)
            .any(|n| matches!(n.kind_name(), "throw_statement" | "raise_statement"))
        && !stops_process(branch, src, python)
}

fn stops_process(branch: Node, src: &str, python: bool) -> bool {
    descendants(branch).any(|n| match n.kind_name() {
        "call_expression" if !python => {
            js::callee(n)
                .filter(|c| text(*c, src).contains("exit"))
                .and_then(|c| js::dotted_path(c, src))
                .as_deref()
                == Some("process.exit")
        }
        "call" if python => matches!(
            n.field("function").map(|f| text(f, src)),
            Some("sys.exit" | "exit" | "os._exit")
        ),
        _ => false,
    })
}

fn is_feature_switch(condition: Node, src: &str) -> bool {
    let t = text(condition, src);
    (ENV_READ_MARKERS.iter().any(|m| t.contains(m)) || PRESENCE_TESTS.iter().any(|m| t.contains(m)))
        && !crate::facts::env_guard::mentions_environment(t)
}

/// `a?.b`: the member expression reads through optional chaining.
fn has_optional_chain(member: Node) -> bool {
    let mut cursor = member.walk();
    for child in member.children(&mut cursor) {
        if child.kind_name() == "optional_chain" {
            return true;
        }
    }
    false
}

/// Decorators written before a class field, as siblings in the class body.
fn preceding_decorators<'s>(field: Node, src: &'s str) -> &'s str {
    let mut start = field.start_byte();
    let mut previous = field.prev_sibling();
    while let Some(p) = previous.filter(|p| p.kind_name() == "decorator") {
        start = p.start_byte();
        previous = p.prev_sibling();
    }
    src.get(start..field.start_byte()).unwrap_or("")
}

/// True when a read bound to a local is followed (within two statements) by an `if` on the
/// variable or the local that assigns the local: `let n = parseInt(process.env.N);` then
/// `if (!process.env.N) n = 10;`.
fn fallback_follows(site: Node, name: &str, src: &str, python: bool) -> bool {
    let Some(parent) = site.parent() else {
        return false;
    };
    if parent.kind_name() == "public_field_definition" {
        return field_tested_next(parent, src);
    }
    let (local, statement) = match parent.kind_name() {
        "variable_declarator" if !python => {
            let Some(local) = parent
                .field("name")
                .filter(|n| n.kind_name() == "identifier")
            else {
                return false;
            };
            (local, parent.parent())
        }
        "assignment_expression" | "assignment" => {
            let Some(local) = parent
                .field("left")
                .filter(|n| n.kind_name() == "identifier")
            else {
                return false;
            };
            (local, parent.parent())
        }
        _ => return false,
    };
    let local_name = text(local, src);
    let Some(statement) = statement.filter(|s| {
        matches!(
            s.kind_name(),
            "lexical_declaration" | "variable_declaration" | "expression_statement"
        )
    }) else {
        return false;
    };
    let mut next = statement.next_named_sibling();
    let mut seen = 0;
    while let Some(candidate) = next {
        if candidate.kind_name() == "comment" {
            next = candidate.next_named_sibling();
            continue;
        }
        seen += 1;
        if seen > 4 {
            break;
        }
        if candidate.kind_name() == "if_statement" {
            let (Some(condition), Some(consequence)) =
                (candidate.field("condition"), candidate.field("consequence"))
            else {
                return false;
            };
            let ct = text(condition, src);
            let tests =
                crate::util::contains_word(ct, name) || crate::util::contains_word(ct, local_name);
            let assigns = descendants(consequence).any(|n| {
                matches!(n.kind_name(), "assignment_expression" | "assignment")
                    && n.field("left").is_some_and(|l| text(l, src) == local_name)
            });
            // The code handles the missing value: it assigns a fallback, or uses the value
            // only when it is set (`if host_name: ALLOWED_HOSTS = [host_name]`), or answers
            // normally without it (`if (!key) return res.status(400)...`). A branch that
            // throws or exits (`if (!secret) throw ...`) is a startup check, not a fallback.
            if tests
                && (assigns
                    || !stops(consequence, src, python)
                    || returns_quietly(consequence, src, python))
            {
                return true;
            }
        }
        next = candidate.next_named_sibling();
    }
    false
}

/// The read is one branch of a conditional whose other branch is `null`, `undefined` or
/// `None`: whoever takes the value already handles it missing
/// (`isFreeBSD ? null : process.env.HOST`, `None if testing else os.getenv("X")`).
fn beside_null_branch(site: Node, src: &str) -> bool {
    let Some(parent) = site.parent() else {
        return false;
    };
    if !matches!(
        parent.kind_name(),
        "ternary_expression" | "conditional_expression"
    ) {
        return false;
    }
    let mut cursor = parent.walk();
    let branches: Vec<Node> = if parent.kind_name() == "ternary_expression" {
        [parent.field("consequence"), parent.field("alternative")]
            .into_iter()
            .flatten()
            .collect()
    } else {
        // Python's `a if cond else b`: the branches are the first and third children.
        let children: Vec<Node> = parent.named_children(&mut cursor).collect();
        [children.first(), children.get(2)]
            .into_iter()
            .flatten()
            .copied()
            .collect()
    };
    branches.iter().any(|b| b.id() == site.id())
        && branches
            .iter()
            .any(|b| b.id() != site.id() && may_be_null(*b, src))
}

/// `null`, `undefined`, `None`, or a fallback chain that ends in one (`key || null`): a value
/// the code that takes it handles missing.
fn may_be_null(value: Node, src: &str) -> bool {
    let is_null = |n: Node| matches!(text(n, src), "null" | "undefined" | "None");
    let mut current = value;
    for _ in 0..8 {
        if is_null(current) {
            return true;
        }
        let fallback = matches!(
            current.kind_name(),
            "binary_expression" | "boolean_operator"
        ) && current
            .field("operator")
            .is_some_and(|o| matches!(text(o, src), "||" | "??" | "or"));
        match current.field("right").filter(|_| fallback) {
            Some(right) => current = right,
            None => return false,
        }
    }
    false
}

/// The read is inside a walk over whatever the environment holds
/// (`Object.entries(process.env).forEach(...)`, `for key in os.environ:`): the code looks at
/// what is set, and reads there expect any variable to be missing.
fn in_environment_listing(site: Node, src: &str) -> bool {
    const LISTINGS: &[&str] = &[
        "Object.entries(process.env)",
        "Object.keys(process.env)",
        "in os.environ",
        "os.environ.items()",
        "os.environ.keys()",
    ];
    ancestors(site).any(|a| {
        let head = match a.kind_name() {
            "call_expression" => a.field("function"),
            "for_in_statement" => a.field("right"),
            "for_statement" => a.field("right"),
            _ => None,
        };
        head.is_some_and(|h| {
            let t = text(h, src);
            LISTINGS.iter().any(|l| t.contains(l))
                || (a.kind_name() == "for_statement" && matches!(t, "os.environ" | "environ"))
        })
    })
}

/// JS: the read is one of several candidates in an array that ends with a literal, the value
/// used when none is set: `[args.port, process.env.PORT, 3001].find(...)`.
fn among_literal_alternatives(site: Node) -> bool {
    let Some(array) = site.parent().filter(|p| p.kind_name() == "array") else {
        return false;
    };
    let count = array.named_child_count();
    count >= 2
        && array.named_child((count - 1) as _).is_some_and(|last| {
            last.id() != site.id() && matches!(last.kind_name(), "number" | "string")
        })
}

/// The read is a property of a Sequelize configuration that also names
/// `use_env_variable`: when that variable (a connection URL) is set, Sequelize ignores the
/// separate host, user and database settings, so they are alternatives, not requirements.
fn beside_connection_url_setting(site: Node, src: &str) -> bool {
    let Some(object) = site
        .parent()
        .filter(|p| p.kind_name() == "pair")
        .and_then(|pair| pair.parent())
        .filter(|o| o.kind_name() == "object")
    else {
        return false;
    };
    js::object_property(object, &["use_env_variable"], src).is_some()
}

/// The read is under a condition on a module constant that holds another environment read,
/// a feature switch: `LDAP_AUTH = bool(os.getenv("LDAP_AUTH"))` then `if LDAP_AUTH:`. A
/// choice of environment (`IS_PRODUCTION = process.env.NODE_ENV === 'production'`) is not one:
/// what production reads is required.
fn under_switch_constant(
    site: Node,
    cx: &TreeContext,
    python: bool,
    env_bound: &HashSet<String>,
) -> bool {
    let src = cx.src;
    for ancestor in ancestors(site) {
        if !matches!(
            ancestor.kind_name(),
            "if_statement" | "elif_clause" | "ternary_expression"
        ) {
            continue;
        }
        let Some(condition) = ancestor.field("condition") else {
            continue;
        };
        if contains(condition, site) {
            continue;
        }
        let switch = descendants(condition)
            .filter(|n| n.kind_name() == "identifier")
            .any(|identifier| {
                let name = text(identifier, src);
                if !env_bound.contains(name) {
                    return false;
                }
                let value = if python {
                    py::module_bindings_of(cx.root, name, src, condition.start_byte())
                        .last()
                        .map(|b| b.value)
                } else {
                    js::module_bindings_of(cx.root, name, src, condition.start_byte())
                        .last()
                        .map(|b| b.value)
                };
                value.is_some_and(|v| {
                    let t = text(v, src);
                    (env_name_in(t).is_some() || PRESENCE_TESTS.iter().any(|p| t.contains(p)))
                        && !crate::facts::env_guard::mentions_environment(t)
                })
            });
        if switch {
            return true;
        }
    }
    false
}

/// The value is kept whole as a setting for other code: the value of a module-level constant,
/// a class field (or a class-level assignment), or an object or dict entry.
fn is_kept_as_setting(site: Node, python: bool) -> bool {
    let Some(parent) = site.parent() else {
        return false;
    };
    let value_is_site =
        |field: &'static str| parent.field(field).is_some_and(|v| v.id() == site.id());
    if python {
        match parent.kind_name() {
            "assignment" => value_is_site("right") && py::enclosing_function(parent).is_none(),
            "pair" => value_is_site("value"),
            _ => false,
        }
    } else {
        match parent.kind_name() {
            "variable_declarator" => {
                value_is_site("value") && js::enclosing_function(parent).is_none()
            }
            "public_field_definition" => value_is_site("value"),
            "pair" => value_is_site("value"),
            _ => false,
        }
    }
}

/// A class field set from a read that one of the next two fields tests:
/// `httpsCert = process.env.HTTPS_CERT;` then `isHttpsEnabled = Boolean(this.httpsCert && ...)`.
fn field_tested_next(field: Node, src: &str) -> bool {
    let Some(name) = field.field("name").map(|n| text(n, src)) else {
        return false;
    };
    let mut next = field.next_named_sibling();
    let mut seen = 0;
    while let Some(candidate) = next {
        next = candidate.next_named_sibling();
        if matches!(candidate.kind_name(), "comment" | ";") {
            continue;
        }
        seen += 1;
        if seen > 2 {
            break;
        }
        let tests = descendants(candidate).any(|n| {
            n.kind_name() == "member_expression"
                && n.field("object").is_some_and(|o| text(o, src) == "this")
                && n.field("property").is_some_and(|p| text(p, src) == name)
                && is_tested(n, src)
        });
        if tests {
            return true;
        }
    }
    false
}

/// Python: the read is itself a default: `default=os.getenv("X")`, `{"default": ...}`, or a
/// later argument of another read (`env("X", env("Y"))`, `os.getenv("X", os.getenv("Y"))`).
fn is_default_argument(site: Node, src: &str) -> bool {
    let Some(parent) = site.parent() else {
        return false;
    };
    match parent.kind_name() {
        "keyword_argument" => parent
            .field("name")
            .is_some_and(|n| text(n, src) == "default"),
        "pair" => parent
            .field("key")
            .and_then(|k| py::string_value(k, src))
            .is_some_and(|k| k == "default"),
        "argument_list" => {
            let first = parent.named_child(0).is_some_and(|a| a.id() == site.id());
            let callee = parent
                .parent()
                .and_then(|c| c.field("function"))
                .map_or("", |f| text(f, src));
            // A helper that supplies the default: `int_or_none(...)`,
            // `cast_int_or_default(os.environ.get("X"), 20000)`.
            let last = callee.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
            if first && (last.ends_with("_or_none") || last.ends_with("_or_default")) {
                return true;
            }
            !first
                && (callee == "env"
                    || callee.starts_with("env.")
                    || callee.ends_with("getenv")
                    || callee.ends_with("environ.get"))
        }
        _ => false,
    }
}

/// The name of a function that checks a variable given by name (`checkNonEmpty('JWT_SECRET')`,
/// `assert_env("DATABASE_URL")`, `ensureSet('X')`).
fn is_check_name(name: &str) -> bool {
    let lower = name.trim_start_matches('_').to_ascii_lowercase();
    ["check", "assert", "ensure", "validate"]
        .iter()
        .any(|w| lower.starts_with(w))
}

/// A value of an object or dict of one feature's settings whose `enabled` entry tests another
/// variable (`clsiCache: { enabled: !!process.env.CACHE_HOSTS, shards: parseInt(...) }`): the
/// settings are read by the feature only when it is on.
fn in_switched_settings(site: Node, src: &str, python: bool) -> bool {
    let Some(object) = site
        .parent()
        .filter(|p| {
            p.kind_name() == "pair" && p.field("value").is_some_and(|v| v.id() == site.id())
        })
        .and_then(|pair| pair.parent())
        .filter(|o| matches!(o.kind_name(), "object" | "dictionary"))
    else {
        return false;
    };
    let mut cursor = object.walk();
    let pairs: Vec<Node> = object
        .named_children(&mut cursor)
        .filter(|p| p.kind_name() == "pair")
        .collect();
    pairs.into_iter().any(|pair| {
        let (Some(key), Some(value)) = (pair.field("key"), pair.field("value")) else {
            return false;
        };
        let key = if python {
            py::string_value(key, src)
        } else {
            js::string_value(key, src).or_else(|| Some(text(key, src).to_string()))
        };
        key.is_some_and(|k| matches!(k.as_str(), "enabled" | "enable" | "isEnabled"))
            && value.id() != site.id()
            && is_feature_switch(value, src)
    })
}

/// One arm of a choice among named alternatives: a `case "ollama":` of a `switch`/`match`, or
/// an `if`/`elif` on a comparison with a string (`elif provider == "deepseek":`). The settings
/// an arm reads are needed only when the configuration selects that alternative. A choice of
/// environment (`NODE_ENV === 'production'`) is not one.
fn in_dispatch_arm(site: Node, src: &str) -> bool {
    let is_string = |n: Node| matches!(n.kind_name(), "string" | "concatenated_string");
    ancestors(site).any(|a| {
        let condition = match a.kind_name() {
            "switch_case" => {
                return a.field("value").is_some_and(|v| {
                    is_string(v) && !crate::facts::env_guard::mentions_environment(text(v, src))
                });
            }
            "case_clause" => {
                let mut cursor = a.walk();
                let patterns: Vec<Node> = a
                    .named_children(&mut cursor)
                    .filter(|c| c.kind_name() == "case_pattern")
                    .collect();
                return !patterns.is_empty()
                    && patterns.iter().all(|p| {
                        p.named_child(0).is_some_and(is_string)
                            && !crate::facts::env_guard::mentions_environment(text(*p, src))
                    });
            }
            "if_statement" | "elif_clause" => a.field("condition"),
            _ => None,
        };
        let Some(condition) = condition.filter(|c| !contains(*c, site)) else {
            return false;
        };
        let condition = unwrap_parens(condition);
        let compares_string = match condition.kind_name() {
            "binary_expression" => {
                condition
                    .field("operator")
                    .is_some_and(|o| matches!(text(o, src), "===" | "=="))
                    && [condition.field("left"), condition.field("right")]
                        .into_iter()
                        .flatten()
                        .any(is_string)
            }
            "comparison_operator" => {
                let mut cursor = condition.walk();
                let operators = condition
                    .children(&mut cursor)
                    .filter(|c| !c.is_named())
                    .map(|c| text(c, src))
                    .collect::<Vec<_>>();
                operators == ["=="] && {
                    let mut cursor = condition.walk();
                    let strings = condition
                        .named_children(&mut cursor)
                        .filter(|c| is_string(*c))
                        .count();
                    strings == 1
                }
            }
            _ => false,
        };
        compares_string && !crate::facts::env_guard::mentions_environment(text(condition, src))
    })
}

fn unwrap_parens(mut node: Node) -> Node {
    while node.kind_name() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// How the code answers a missing variable it reads with `os.environ["X"]` in a `try`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Handled {
    /// An `except` that goes on without it (a default, a message, `return ""`).
    Fallback,
    /// An `except` that raises an error of its own (naming the variable to set).
    Reported,
}

/// Python: the read sits in the body of a `try` whose `except` catches the `KeyError` of a
/// missing variable (`KeyError`, `LookupError`, `Exception`, or a bare `except:`).
fn missing_key_handled(site: Node, src: &str) -> Option<Handled> {
    let mut current = site;
    for ancestor in ancestors(site) {
        match ancestor.kind_name() {
            "function_definition" | "lambda" | "class_definition" => return None,
            "try_statement" => {
                let in_body = ancestor
                    .field("body")
                    .is_some_and(|b| b.id() == current.id());
                if in_body {
                    let mut cursor = ancestor.walk();
                    let handlers: Vec<Node> = ancestor
                        .named_children(&mut cursor)
                        .filter(|c| c.kind_name() == "except_clause")
                        .collect();
                    for handler in handlers {
                        let mut cursor = handler.walk();
                        let Some(block) = handler
                            .named_children(&mut cursor)
                            .filter(|c| c.kind_name() == "block")
                            .last()
                        else {
                            continue;
                        };
                        let caught = src
                            .get(handler.start_byte()..block.start_byte())
                            .unwrap_or("");
                        let catches = caught.trim_end().trim_end_matches(':').trim() == "except"
                            || ["KeyError", "LookupError", "Exception"]
                                .iter()
                                .any(|e| crate::util::contains_word(caught, e));
                        if catches {
                            let raises =
                                descendants(block).any(|n| n.kind_name() == "raise_statement");
                            return Some(if raises {
                                Handled::Reported
                            } else {
                                Handled::Fallback
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        current = ancestor;
    }
    None
}

/// Python: the read is in a class of test settings (`class TestingConfig(Config)`).
fn in_test_class(site: Node, src: &str) -> bool {
    ancestors(site).any(|a| {
        a.kind_name() == "class_definition"
            && a.field("name")
                .is_some_and(|n| text(n, src).contains("Test"))
    })
}

/// A module's `if __name__ == "__main__":` block: a harness run by hand, not served code.
fn in_main_block(site: Node, src: &str) -> bool {
    ancestors(site).any(|a| {
        a.kind_name() == "if_statement"
            && a.field("condition").is_some_and(|c| {
                let condition = text(c, src);
                condition.contains("__name__") && condition.contains("__main__")
            })
    })
}

/// `parseInt(process.env.N) > 0`, `Number(process.env.N) === 0`: a number compared. The NaN
/// of a missing variable makes every ordering comparison false, so the code reads the
/// comparison as "set to a usable number" and takes its other branch when it is not.
fn js_number_compared(call: Node, src: &str) -> bool {
    let mut current = call;
    while let Some(parent) = current.parent() {
        match parent.kind_name() {
            "parenthesized_expression" => current = parent,
            "binary_expression" => {
                return matches!(
                    parent.field("operator").map(|o| text(o, src)),
                    Some("<" | ">" | "<=" | ">=" | "===" | "!==" | "==" | "!=")
                );
            }
            _ => return false,
        }
    }
    false
}

/// True when the value is only tested: an operand of `!`, a comparison or a logical
/// operator, or a condition itself.
fn is_tested(site: Node, src: &str) -> bool {
    let mut current = site;
    for _ in 0..8 {
        let Some(parent) = current.parent() else {
            return false;
        };
        match parent.kind_name() {
            "parenthesized_expression" => {}
            // `if token := os.getenv("X"):`, `if ((token = process.env.X))` in a function:
            // the value assigned is what the condition tests, and the function goes on
            // without it. At a module's top level the assignment defines a setting of the
            // module (`if admins := os.getenv("ADMINS"): ADMINS = ...`), kept for others.
            "named_expression" | "assignment_expression"
                if parent
                    .field(if parent.kind_name() == "named_expression" {
                        "value"
                    } else {
                        "right"
                    })
                    .is_some_and(|v| v.id() == current.id())
                    && in_function(parent) => {}
            "unary_expression" | "not_operator" | "comparison_operator" => return true,
            "binary_expression" | "boolean_operator" => {
                let op = parent.field("operator").map_or("", |o| text(o, src));
                if matches!(
                    op,
                    "&&" | "||" | "??" | "and" | "or" | "===" | "!==" | "==" | "!="
                ) {
                    return true;
                }
                return false;
            }
            "if_statement"
            | "while_statement"
            | "ternary_expression"
            | "conditional_expression"
            | "elif_clause"
            | "assert_statement" => {
                // Python's `a if cond else b` has no field names: the condition is second.
                let condition = parent.field("condition").or_else(|| {
                    (parent.kind_name() == "conditional_expression")
                        .then(|| parent.named_child(1))
                        .flatten()
                });
                return condition.is_some_and(|c| c.id() == current.id())
                    || parent.kind_name() == "assert_statement";
            }
            // `_.isEmpty(process.env.X)`, `bool(os.getenv("X"))`: a predicate of the value.
            "arguments" | "argument_list" => {
                let callee = parent
                    .parent()
                    .and_then(|c| c.field("function"))
                    .map_or("", |f| text(f, src));
                let last = callee.rsplit('.').next().unwrap_or("");
                let predicate = matches!(last, "Boolean" | "bool")
                    || last.strip_prefix("is").is_some_and(|rest| {
                        rest.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
                    });
                return predicate && parent.named_child_count() == 1;
            }
            _ => return false,
        }
        current = parent;
    }
    false
}

/// True when `node` sits in a function or method (Python or JavaScript/TypeScript), not at
/// a module's top level.
fn in_function(node: Node) -> bool {
    ancestors(node).any(|a| {
        matches!(
            a.kind_name(),
            "function_definition"
                | "lambda"
                | "function_declaration"
                | "function_expression"
                | "function"
                | "arrow_function"
                | "method_definition"
                | "generator_function_declaration"
        )
    })
}

/// An upper-case name of three characters or more: a literal a loop over required
/// variables may hold (`upper_literal`).
fn is_upper_literal(value: &str) -> bool {
    value.len() >= 3 && is_upper_constant(value)
}

/// False when a string literal's value cannot be `is_upper_literal`, read from its text
/// without building the value: without escapes the value is the text between the quotes
/// (and prefix, in Python).
fn may_be_upper_literal(string: Node, src: &str) -> bool {
    let t = text(string, src);
    if t.contains('\\') {
        return true;
    }
    let inner = t
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_matches(|c| matches!(c, '\'' | '"' | '`'));
    is_upper_literal(inner)
}

/// True when a branch stops the process, throws or returns.
fn stops(branch: Node, src: &str, python: bool) -> bool {
    descendants(branch).any(|n| {
        matches!(
            n.kind_name(),
            "throw_statement" | "raise_statement" | "return_statement"
        )
    }) || stops_process(branch, src, python)
}

/// The variable an expression's text reads: `process.env.X`, `process.env['X']`,
/// `os.getenv("X")`, `os.environ.get("X")`, `os.environ["X"]`.
/// Names bound to a value holding an environment read anywhere in the file: found from each
/// read marker's position upwards, so no binding `env_name_in` could accept is missed.
fn env_bound_names(cx: &TreeContext, python: bool) -> HashSet<String> {
    let src = cx.src;
    let mut names = HashSet::new();
    for marker in ENV_READ_MARKERS.iter().chain(PRESENCE_TESTS) {
        let mut from = 0;
        while let Some(at) = src[from..].find(marker) {
            let offset = from + at;
            let bound = if python {
                py::names_bound_over(cx.root, offset, src)
            } else {
                js::names_bound_over(cx.root, offset, src)
            };
            names.extend(bound.into_iter().map(str::to_string));
            from = offset + marker.len();
        }
    }
    names
}

/// The texts `env_name_in` finds a read by.
/// Texts of a test of whether a variable is set: `"X" in os.environ`, `'X' in process.env`.
const PRESENCE_TESTS: &[&str] = &["in os.environ", "in environ", "in process.env"];

const ENV_READ_MARKERS: [&str; 5] = [
    "process.env.",
    "process.env[",
    "getenv(",
    "environ.get(",
    "environ[",
];

fn env_name_in(t: &str) -> Option<String> {
    let ident = |s: &str| -> Option<String> {
        let s = s.trim_start_matches(['\'', '"', '`', '(', '[', ' ']);
        let end = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        (end > 0).then(|| s[..end].to_string())
    };
    for marker in ENV_READ_MARKERS {
        if let Some(at) = t.find(marker) {
            return ident(&t[at + marker.len()..]);
        }
    }
    None
}

/// Identifier uses of a local binding after its declaration, in its scope.
/// True when a JavaScript number converted from the environment is bound to a name and every
/// use of that name (there is one at least) tests it first: `const limit =
/// Number(process.env.LIMIT); text.slice(0, limit ? limit : undefined)`. The NaN of a missing
/// variable is falsy, so the code takes the branch written for an unset value.
fn js_number_tested_at_each_use(call: Node, cx: &TreeContext) -> bool {
    let src = cx.src;
    let Some(local) = call
        .parent()
        .filter(|p| p.kind_name() == "variable_declarator")
        .and_then(|d| d.field("name"))
        .filter(|n| n.kind_name() == "identifier")
    else {
        return false;
    };
    let local_name = text(local, src);
    let uses = binding_uses(local, local_name, cx);
    !uses.is_empty()
        && uses.iter().all(|u| {
            tests_truthiness(*u, src)
                || is_guarded(*u, &[local_name], src)
                || fallback_follows(*u, local_name, src, false)
        })
}

/// True when the node is what a condition tests: the condition of an `if`, a `while` or a
/// ternary, or an operand of `&&`, `||`, `??` or `!`, through parentheses.
fn tests_truthiness(node: Node, src: &str) -> bool {
    let mut current = node;
    for _ in 0..4 {
        let Some(parent) = current.parent() else {
            return false;
        };
        match parent.kind_name() {
            "parenthesized_expression" => {}
            "unary_expression" => {
                if parent.field("operator").is_none_or(|o| text(o, src) != "!") {
                    return false;
                }
            }
            "binary_expression" => {
                let op = parent.field("operator").map_or("", |o| text(o, src));
                return matches!(op, "&&" | "||" | "??");
            }
            "ternary_expression" | "if_statement" | "while_statement" => {
                return parent.field("condition").is_some_and(|c| {
                    c.start_byte() <= current.start_byte() && current.end_byte() <= c.end_byte()
                });
            }
            _ => return false,
        }
        current = parent;
    }
    false
}

fn binding_uses<'t>(declared: Node<'t>, name: &str, cx: &TreeContext<'t>) -> Vec<Node<'t>> {
    let scope = js::enclosing_function(declared).unwrap_or(cx.root);
    descendants(scope)
        .filter(|n| n.start_byte() > declared.end_byte())
        .filter(|n| {
            matches!(
                n.kind_name(),
                "identifier" | "shorthand_property_identifier"
            ) && text(*n, cx.src) == name
        })
        .take(32)
        .collect()
}

fn py_binding_uses<'t>(declared: Node<'t>, name: &str, cx: &TreeContext<'t>) -> Vec<Node<'t>> {
    let scope = py::enclosing_function(declared).unwrap_or(cx.root);
    descendants(scope)
        .filter(|n| n.start_byte() > declared.end_byte())
        .filter(|n| n.kind_name() == "identifier" && text(*n, cx.src) == name)
        .filter(|n| {
            n.parent().is_none_or(|p| {
                p.kind_name() != "keyword_argument"
                    || p.field("value").is_some_and(|v| v.id() == n.id())
            })
        })
        .take(32)
        .collect()
}

/// Where a JS value lands when it is passed on: a critical use, or `None`.
fn js_critical(site: Node, env: &str, names: &[&str], cx: &TreeContext) -> Option<CriticalUse> {
    let src = cx.src;
    let mut current = site;
    while let Some(p) = current.parent() {
        if matches!(
            p.kind_name(),
            "parenthesized_expression"
                | "as_expression"
                | "non_null_expression"
                | "satisfies_expression"
        ) {
            current = p;
        } else {
            break;
        }
    }
    // `session({ secret })`: the shorthand property is both the key and the value.
    let (parent, current) = if current.kind_name() == "shorthand_property_identifier" {
        (current, current)
    } else {
        (current.parent()?, current)
    };
    let what = match parent.kind_name() {
        "arguments" => {
            let call = parent.parent()?;
            let index = js_arg_index(parent, current)?;
            let callee = js_callee_path(call, src)?;
            let last = callee.rsplit('.').next().unwrap_or("");
            let lower = callee.to_ascii_lowercase();
            if matches!(last, "sign" | "verify")
                && index == 1
                && (lower.contains("jwt") || src.contains("jsonwebtoken"))
            {
                format!("the signing secret of `{callee}`")
            } else if last == "createHmac" && index == 1 {
                format!("the key of `{callee}`")
            } else if index == 0 && JS_CONNECT_CALLEES.contains(&last) && is_connection_name(env) {
                format!("the connection string of `{callee}`")
            } else {
                return None;
            }
        }
        "pair" | "shorthand_property_identifier" => {
            let key = parent.field("key").unwrap_or(parent);
            let key = js::string_value(key, src).unwrap_or_else(|| text(key, src).to_string());
            let call = js_enclosing_call_of_object(parent)?;
            let callee = js_callee_path(call, src)?;
            // A schema's `parse`/`safeParse`/`validate` is the startup check of the value,
            // not a use of it.
            let last = callee.rsplit('.').next().unwrap_or("");
            if matches!(
                last,
                "parse"
                    | "safeParse"
                    | "parseAsync"
                    | "safeParseAsync"
                    | "validate"
                    | "validateSync"
            ) {
                return None;
            }
            if SECRET_OPTION_KEYS.contains(&key.as_str()) {
                // A key nested in the options is named by its path: `session.secret`.
                let path = js_key_path(parent, src);
                format!("the `{path}` option of `{callee}`")
            } else if URL_OPTION_KEYS.contains(&key.as_str()) && is_connection_name(env) {
                format!("the connection string of `{callee}`")
            } else {
                return None;
            }
        }
        _ => return None,
    };
    if is_guarded(current, names, src) {
        return None;
    }
    Some(CriticalUse {
        what,
        range: current.byte_range(),
    })
}

fn js_arg_index(arguments: Node, arg: Node) -> Option<usize> {
    let mut cursor = arguments.walk();
    arguments
        .named_children(&mut cursor)
        .filter(|n| n.kind_name() != "comment")
        .position(|n| n.id() == arg.id())
}

/// `jwt.sign` for a call, `Pool` for `new pg.Pool(...)`.
fn js_callee_path(call: Node, src: &str) -> Option<String> {
    let callee = match call.kind_name() {
        "call_expression" => js::callee(call)?,
        "new_expression" => unwrap_expression(call.field("constructor")?),
        _ => return None,
    };
    js::dotted_path(callee, src).map(|p| p.replace("().", "."))
}

/// The keys from a call's argument object down to `pair`: `session.secret`.
fn js_key_path(pair: Node, src: &str) -> String {
    let key_of = |p: Node| -> Option<String> {
        let key = p.field("key").unwrap_or(p);
        Some(js::string_value(key, src).unwrap_or_else(|| text(key, src).to_string()))
    };
    let mut keys: Vec<String> = key_of(pair).into_iter().collect();
    let mut current = pair.parent();
    for _ in 0..8 {
        let Some(object) = current.filter(|c| c.kind_name() == "object") else {
            break;
        };
        let Some(outer) = object.parent().filter(|p| p.kind_name() == "pair") else {
            break;
        };
        keys.extend(key_of(outer));
        current = outer.parent();
    }
    keys.reverse();
    keys.join(".")
}

/// The call whose argument object (possibly nested) holds this pair.
fn js_enclosing_call_of_object(pair: Node<'_>) -> Option<Node<'_>> {
    let mut current = pair.parent()?;
    for _ in 0..8 {
        if current.kind_name() != "object" {
            return None;
        }
        let parent = current.parent()?;
        match parent.kind_name() {
            "arguments" => return parent.parent(),
            "pair" => current = parent.parent()?,
            _ => return None,
        }
    }
    None
}

/// Where a Python value lands when it is passed on: a critical use, or `None`.
fn py_critical(site: Node, env: &str, names: &[&str], cx: &TreeContext) -> Option<CriticalUse> {
    let src = cx.src;
    let mut current = site;
    while let Some(p) = current
        .parent()
        .filter(|p| p.kind_name() == "parenthesized_expression")
    {
        current = p;
    }
    let parent = current.parent()?;
    let (call, index, keyword) = match parent.kind_name() {
        "argument_list" => {
            let mut cursor = parent.walk();
            let index = parent
                .named_children(&mut cursor)
                .filter(|n| !matches!(n.kind_name(), "keyword_argument" | "comment"))
                .position(|n| n.id() == current.id());
            (parent.parent()?, index, None)
        }
        "keyword_argument" => {
            let name = text(parent.field("name")?, src);
            (parent.parent()?.parent()?, None, Some(name))
        }
        "assignment" => {
            let left = text(parent.field("left")?, src);
            if parent
                .field("right")
                .is_some_and(|r| r.id() == current.id())
                && (left.ends_with(".secret_key")
                    || left.contains("config[\"SECRET_KEY\"]")
                    || left.contains("config['SECRET_KEY']")
                    || left.contains("JWT_SECRET_KEY"))
                && left.contains("app")
            {
                if is_guarded(current, names, src) {
                    return None;
                }
                return Some(CriticalUse {
                    what: format!("`{left}`"),
                    range: current.byte_range(),
                });
            }
            return None;
        }
        _ => return None,
    };
    if call.kind_name() != "call" {
        return None;
    }
    let callee = text(call.field("function")?, src);
    let last = callee.rsplit('.').next().unwrap_or("");
    let what = if matches!(last, "encode" | "decode")
        && callee.to_ascii_lowercase().contains("jwt")
        && (index == Some(1) || keyword == Some("key"))
    {
        format!("the signing key of `{callee}`")
    } else if callee == "hmac.new" && (index == Some(0) || keyword == Some("key")) {
        format!("the key of `{callee}`")
    } else if PY_CONNECT_CALLEES.contains(&last)
        && (index == Some(0) || matches!(keyword, Some("url" | "dsn" | "host" | "broker")))
        && (is_connection_name(env)
            || matches!(last, "create_engine" | "create_async_engine" | "from_url"))
    {
        format!("the connection string of `{callee}`")
    } else {
        return None;
    };
    if is_guarded(current, names, src) {
        return None;
    }
    Some(CriticalUse {
        what,
        range: current.byte_range(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_names() {
        for yes in [
            "DATABASE_URL",
            "MONGO_URI",
            "REDIS_URL",
            "MONGODB_URI",
            "DB_CONNECTION_STRING",
            "POSTGRES_URL",
        ] {
            assert!(is_connection_name(yes), "{yes}");
        }
        for no in [
            "API_URL",
            "SENTRY_DSN",
            "DB_HOST",
            "PUBLIC_URL",
            "JWT_SECRET",
        ] {
            assert!(!is_connection_name(no), "{no}");
        }
    }

    #[test]
    fn names_in_text() {
        assert_eq!(
            env_name_in("process.env.JWT_SECRET").as_deref(),
            Some("JWT_SECRET")
        );
        assert_eq!(
            env_name_in("os.getenv(\"DB_URL\")").as_deref(),
            Some("DB_URL")
        );
        assert_eq!(env_name_in("os.environ['X_Y']").as_deref(), Some("X_Y"));
    }
}
