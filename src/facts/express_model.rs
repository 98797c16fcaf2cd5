//! The Express facts of every file linked together: local imports resolved to files, names
//! to the functions and apps they denote, apps to every registration made on them (also in
//! other modules, through `require('./routes')(app)` or an imported app), and the Express
//! version and async-error patch that apply to a file. Built from owned facts only.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::facts::express::{
    AppFact, AppKind, ExpressFacts, FnFact, ImportName, Registration, Value, mentions_error,
};
use crate::facts::{PackageFacts, Project, ProjectFile};

/// How deep name resolution follows re-exports and aliases.
const MAX_DEPTH: usize = 12;

/// Callees an app is commonly passed to that never register error middleware.
const INERT_CALLEES: &[&str] = &[
    "createServer",
    "listen",
    "request",
    "supertest",
    "agent",
    "serverless",
    "createHandler",
    "log",
    "info",
    "debug",
    "warn",
    "dir",
    "expect",
    "setupSwagger",
    "set",
    "get",
    "enable",
    "disable",
];

/// Packages that take an app (or the server made from it) and never register error
/// middleware on it: WebSocket add-ons, servers and serverless adapters, route listings,
/// metrics and docs endpoints, graceful-shutdown helpers. An app handed to one of them is
/// still judged by what the project registers on it.
const INERT_PACKAGES: &[&str] = &[
    "express-ws",
    "socket.io",
    "ws",
    "http",
    "https",
    "http2",
    "node:http",
    "node:https",
    "node:http2",
    "spdy",
    "serverless-http",
    "@vendia/serverless-express",
    "@codegenie/serverless-express",
    "aws-serverless-express",
    "express-list-endpoints",
    "express-list-routes",
    "express-status-monitor",
    "express-prom-bundle",
    "prom-client",
    "swagger-ui-express",
    "@godaddy/terminus",
    "http-terminator",
    "stoppable",
    "supertest",
];

/// What a value denotes after resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<'p> {
    /// A function: file index and function index.
    Function(usize, u32),
    /// An app or router: file index and app index.
    App(usize, u32),
    Class(usize, &'p str),
    /// A call that is not a known factory: a wrapper such as `asyncHandler(fn)`.
    Wrapped {
        mentions_error: bool,
    },
    Unknown {
        mentions_error: bool,
    },
}

impl Target<'_> {
    pub fn mentions_error(self) -> bool {
        matches!(
            self,
            Target::Wrapped {
                mentions_error: true
            } | Target::Unknown {
                mentions_error: true
            }
        )
    }
}

enum Container<'p> {
    Module(usize),
    Object(usize, &'p [(String, Value)]),
    Class(usize, &'p str),
    None,
}

/// A registration and the file it is in.
#[derive(Clone, Copy)]
pub struct RegRef<'p> {
    pub file: usize,
    pub reg: &'p Registration,
}

pub struct ExpressModel<'p> {
    pub project: &'p Project,
    by_path: HashMap<PathBuf, usize>,
    /// Directory of each package.json → its facts.
    packages: HashMap<PathBuf, &'p PackageFacts>,
    /// (file, function) → the passes that call it: (caller file, pass index).
    call_sites: HashMap<(usize, u32), Vec<(usize, usize)>>,
    /// Every registration made on each app.
    pub app_registrations: BTreeMap<(usize, u32), Vec<RegRef<'p>>>,
    /// Apps passed to a function outside the project that may register anything.
    pub escaped: Vec<(usize, u32)>,
    /// Apps passed to a function named like an error handler setup
    /// (`Sentry.setupExpressErrorHandler(app)`).
    pub error_setup: Vec<(usize, u32)>,
    /// Files importing `express-async-errors`.
    patched: Vec<usize>,
    any_imports_express: bool,
}

impl<'p> ExpressModel<'p> {
    pub fn new(project: &'p Project) -> ExpressModel<'p> {
        let mut model = ExpressModel {
            project,
            by_path: HashMap::new(),
            packages: HashMap::new(),
            call_sites: HashMap::new(),
            app_registrations: BTreeMap::new(),
            escaped: Vec::new(),
            error_setup: Vec::new(),
            patched: Vec::new(),
            any_imports_express: false,
        };
        for (i, file) in project.files.iter().enumerate() {
            if let Some(package) = &file.facts.package {
                if let Some(dir) = file.path.parent() {
                    model.packages.insert(normalize(dir), package);
                }
            }
            if let Some(facts) = &file.facts.express {
                model.by_path.insert(normalize(&file.path), i);
                model.any_imports_express |= facts.imports_express;
                if facts.imports_async_errors {
                    model.patched.push(i);
                }
            }
        }
        let mut call_sites: HashMap<(usize, u32), Vec<(usize, usize)>> = HashMap::new();
        for (i, facts) in model.modules() {
            for (p, pass) in facts.passes.iter().enumerate() {
                if let Target::Function(f, fi) = model.resolve(i, &pass.callee, 0) {
                    call_sites.entry((f, fi)).or_default().push((i, p));
                }
            }
        }
        model.call_sites = call_sites;
        let mut registrations: BTreeMap<(usize, u32), Vec<RegRef<'p>>> = BTreeMap::new();
        let mut escaped = Vec::new();
        let mut error_setup = Vec::new();
        for (i, facts) in model.modules() {
            for reg in &facts.registrations {
                for app in model.receiver_apps(i, &reg.receiver, reg.receiver_param, 0) {
                    registrations
                        .entry(app)
                        .or_default()
                        .push(RegRef { file: i, reg });
                }
            }
            for pass in &facts.passes {
                let apps = model.receiver_apps(i, &pass.arg, pass.arg_param, 0);
                if apps.is_empty()
                    || matches!(model.resolve(i, &pass.callee, 0), Target::Function(..))
                {
                    continue;
                }
                if INERT_CALLEES.contains(&pass.callee_name.as_str())
                    || model
                        .package_of(i, &pass.callee)
                        .is_some_and(|package| INERT_PACKAGES.contains(&package))
                {
                    continue;
                }
                if mentions_error(&pass.callee_name) {
                    error_setup.extend(apps);
                } else {
                    escaped.extend(apps);
                }
            }
        }
        model.app_registrations = registrations;
        model.escaped = escaped;
        model.error_setup = error_setup;
        model
    }

    /// Files with Express facts, in path order.
    pub fn modules(&self) -> impl Iterator<Item = (usize, &'p ExpressFacts)> + 'p {
        self.project
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.facts.express.as_ref().map(|e| (i, e)))
    }

    pub fn file(&self, i: usize) -> &'p ProjectFile {
        &self.project.files[i]
    }

    pub fn facts(&self, i: usize) -> Option<&'p ExpressFacts> {
        self.project.files.get(i)?.facts.express.as_ref()
    }

    pub fn function(&self, file: usize, index: u32) -> Option<&'p FnFact> {
        self.facts(file)?.functions.get(index as usize)
    }

    pub fn app(&self, file: usize, index: u32) -> Option<&'p AppFact> {
        self.facts(file)?.apps.get(index as usize)
    }

    /// What a value of file `file` denotes.
    pub fn resolve(&self, file: usize, value: &'p Value, depth: usize) -> Target<'p> {
        if depth > MAX_DEPTH {
            return Target::Unknown {
                mentions_error: false,
            };
        }
        match value {
            Value::Function(i) => Target::Function(file, *i),
            Value::App(i) => Target::App(file, *i),
            Value::Local(name) => self.resolve_name(file, name, depth + 1),
            Value::Member(object, property) => {
                let container = self.container_of_name(file, object, depth + 1);
                let target = self.member(container, property, depth + 1);
                match target {
                    Target::Unknown {
                        mentions_error: false,
                    } => Target::Unknown {
                        mentions_error: mentions_error(property) || mentions_error(object),
                    },
                    t => t,
                }
            }
            Value::Import { spec, name } => self.resolve_import(file, spec, name, depth + 1),
            Value::Call {
                callee,
                mentions_error,
                ..
            } => {
                if let Target::Function(f, i) = self.resolve(file, callee, depth + 1) {
                    if let Some(returned) = self.function(f, i).and_then(|g| g.returns.as_ref()) {
                        if let t @ Target::App(..) = self.resolve_name(f, returned, depth + 1) {
                            return t;
                        }
                    }
                }
                Target::Wrapped {
                    mentions_error: *mentions_error,
                }
            }
            Value::Class(name) => Target::Class(file, name),
            Value::Object(_) => Target::Unknown {
                mentions_error: false,
            },
            Value::Other { mentions_error } => Target::Unknown {
                mentions_error: *mentions_error,
            },
        }
    }

    /// A name of file `file`: an app, a function declared there, or a module-level binding.
    pub fn resolve_name(&self, file: usize, name: &str, depth: usize) -> Target<'p> {
        let Some(facts) = self.facts(file) else {
            return Target::Unknown {
                mentions_error: mentions_error(name),
            };
        };
        if let Some(i) = facts.apps.iter().rposition(|a| a.name == name) {
            return Target::App(file, i as u32);
        }
        if let Some(i) = facts
            .functions
            .iter()
            .position(|f| f.local && f.class.is_none() && f.name.as_deref() == Some(name))
        {
            return Target::Function(file, i as u32);
        }
        if let Some(value) = facts.local(name) {
            return self.resolve(file, value, depth + 1);
        }
        Target::Unknown {
            mentions_error: mentions_error(name),
        }
    }

    fn resolve_import(
        &self,
        file: usize,
        spec: &str,
        name: &ImportName,
        depth: usize,
    ) -> Target<'p> {
        let Some(target) = self.resolve_spec(file, spec) else {
            let named = match name {
                ImportName::Named(n) if n != "default" => mentions_error(n),
                _ => false,
            };
            return Target::Unknown {
                mentions_error: named || mentions_error(spec),
            };
        };
        match name {
            ImportName::Module => self.export(target, "default", depth + 1),
            ImportName::Named(n) => self.export(target, n, depth + 1),
        }
    }

    /// Export `name` of file `file`, through `module.exports = { ... }`, classes and
    /// `export * from`.
    fn export(&self, file: usize, name: &str, depth: usize) -> Target<'p> {
        let unknown = Target::Unknown {
            mentions_error: mentions_error(name),
        };
        if depth > MAX_DEPTH {
            return unknown;
        }
        let Some(facts) = self.facts(file) else {
            return unknown;
        };
        if let Some(value) = facts.export(name) {
            return self.resolve(file, value, depth + 1);
        }
        if name != "default" {
            if let Some(default) = facts.export("default") {
                let container = self.container(file, default, depth + 1);
                let target = self.member(container, name, depth + 1);
                if target != unknown {
                    return target;
                }
            }
        }
        for (n, value) in &facts.exports {
            if n == "*" {
                if let Value::Import { spec, .. } = value {
                    if let Some(t) = self.resolve_spec(file, spec) {
                        let target = self.export(t, name, depth + 1);
                        if !matches!(target, Target::Unknown { .. }) {
                            return target;
                        }
                    }
                }
            }
        }
        unknown
    }

    fn container(&self, file: usize, value: &'p Value, depth: usize) -> Container<'p> {
        if depth > MAX_DEPTH {
            return Container::None;
        }
        match value {
            Value::Local(name) => self.container_of_name(file, name, depth + 1),
            Value::Import {
                spec,
                name: ImportName::Module,
            } => match self.resolve_spec(file, spec) {
                Some(t) => Container::Module(t),
                None => Container::None,
            },
            Value::Import {
                spec,
                name: ImportName::Named(n),
            } => {
                let Some(t) = self.resolve_spec(file, spec) else {
                    return Container::None;
                };
                match self.facts(t).and_then(|f| f.export(n)) {
                    Some(v) => self.container(t, v, depth + 1),
                    None => Container::None,
                }
            }
            Value::Object(props) => Container::Object(file, props),
            Value::Class(name) => {
                let here = self
                    .facts(file)
                    .is_some_and(|f| f.functions.iter().any(|g| g.class.as_deref() == Some(name)));
                match self.facts(file).and_then(|f| f.local(name)) {
                    // `new UsersController()` of an imported class.
                    Some(v @ Value::Import { .. }) if !here => self.container(file, v, depth + 1),
                    _ => Container::Class(file, name),
                }
            }
            _ => Container::None,
        }
    }

    fn container_of_name(&self, file: usize, name: &str, depth: usize) -> Container<'p> {
        match self.facts(file).and_then(|f| f.local(name)) {
            Some(v) => self.container(file, v, depth + 1),
            None => Container::None,
        }
    }

    fn member(&self, container: Container<'p>, property: &str, depth: usize) -> Target<'p> {
        let unknown = Target::Unknown {
            mentions_error: false,
        };
        match container {
            Container::Module(t) => self.export(t, property, depth + 1),
            Container::Object(f, props) => match props.iter().find(|(k, _)| k == property) {
                Some((_, v)) => self.resolve(f, v, depth + 1),
                None => unknown,
            },
            Container::Class(f, class) => {
                let Some(facts) = self.facts(f) else {
                    return unknown;
                };
                match facts.functions.iter().position(|g| {
                    g.class.as_deref() == Some(class) && g.name.as_deref() == Some(property)
                }) {
                    Some(i) => Target::Function(f, i as u32),
                    None => unknown,
                }
            }
            Container::None => unknown,
        }
    }

    /// The function that answers when `value` (a route handler of file `file`) runs, looking
    /// through a wrapper called with it (`asyncHandler(login)`) and through a wrapper of a
    /// whole module (`const c = wrap(controller); router.post('/x', c.login)`). For rules that
    /// ask what the handler's own code does; `resolve` keeps wrappers opaque.
    pub fn handling_function(&self, file: usize, value: &'p Value) -> Option<(usize, u32)> {
        let mut value = value;
        for _ in 0..MAX_DEPTH {
            match value {
                Value::Call {
                    wrapped: Some(inner),
                    ..
                } => value = inner,
                Value::Member(object, property) => {
                    if let Some(Value::Call {
                        wrapped: Some(inner),
                        ..
                    }) = self.facts(file).and_then(|f| f.local(object))
                    {
                        let container = self.container(file, inner, 1);
                        return match self.member(container, property, 1) {
                            Target::Function(f, i) => Some((f, i)),
                            _ => None,
                        };
                    }
                    break;
                }
                Value::Local(name) => match self.facts(file).and_then(|f| f.local(name)) {
                    Some(local @ Value::Call { .. }) => value = local,
                    _ => break,
                },
                _ => break,
            }
        }
        match self.resolve(file, value, 0) {
            Target::Function(f, i) => Some((f, i)),
            _ => None,
        }
    }

    /// The package a value of file `file` comes from, when it is imported from one:
    /// `expressWs` after `const expressWs = require('express-ws')`, `require('express-ws')`
    /// itself, `listEndpoints` imported by name, a member of an imported module.
    pub fn package_of(&self, file: usize, value: &'p Value) -> Option<&'p str> {
        let facts = self.facts(file)?;
        let mut value = value;
        for _ in 0..MAX_DEPTH {
            value = match value {
                Value::Import { spec, .. } if !spec.starts_with('.') => return Some(spec.as_str()),
                Value::Local(name) | Value::Member(name, _) => facts.local(name)?,
                Value::Call { callee, .. } => callee,
                _ => return None,
            };
        }
        None
    }

    /// The project file a relative import of `file` names.
    pub fn resolve_spec(&self, file: usize, spec: &str) -> Option<usize> {
        if !spec.starts_with('.') {
            return None;
        }
        let dir = self.project.files.get(file)?.path.parent()?;
        let base = normalize(&dir.join(spec));
        let lookup = |p: PathBuf| self.by_path.get(&p).copied();
        if let Some(i) = lookup(base.clone()) {
            return Some(i);
        }
        let base_text = base.to_string_lossy().into_owned();
        // TypeScript sources imported with their compiled extension.
        for (compiled, source) in [
            (".js", ".ts"),
            (".js", ".tsx"),
            (".mjs", ".mts"),
            (".cjs", ".cts"),
        ] {
            if let Some(stem) = base_text.strip_suffix(compiled) {
                if let Some(i) = lookup(PathBuf::from(format!("{stem}{source}"))) {
                    return Some(i);
                }
            }
        }
        for ext in ["js", "ts", "mjs", "cjs", "jsx", "tsx", "mts", "cts"] {
            if let Some(i) = lookup(PathBuf::from(format!("{base_text}.{ext}"))) {
                return Some(i);
            }
        }
        for ext in ["js", "ts", "mjs", "cjs", "jsx", "tsx"] {
            if let Some(i) = lookup(base.join(format!("index.{ext}"))) {
                return Some(i);
            }
        }
        None
    }

    /// The apps a receiver name of `file` denotes; for a parameter, the apps its callers pass.
    pub fn receiver_apps(
        &self,
        file: usize,
        receiver: &str,
        param: Option<(u32, u32)>,
        depth: usize,
    ) -> Vec<(usize, u32)> {
        if depth > 6 {
            return Vec::new();
        }
        if let Some((function, index)) = param {
            let mut out = Vec::new();
            for (caller, p) in self.call_sites.get(&(file, function)).into_iter().flatten() {
                let Some(pass) = self.facts(*caller).and_then(|f| f.passes.get(*p)) else {
                    continue;
                };
                if pass.arg_index == index {
                    out.extend(self.receiver_apps(*caller, &pass.arg, pass.arg_param, depth + 1));
                }
            }
            out.sort_unstable();
            out.dedup();
            return out;
        }
        match self.resolve_name(file, receiver, 0) {
            Target::App(f, a) => vec![(f, a)],
            _ => Vec::new(),
        }
    }

    /// True when the app a function's parameter holds is passed to it only in development
    /// or test runs: every call that passes it (`require('./debug')(app)` inside
    /// `if (process.env.NODE_ENV === 'development')`), or the calls that pass their own
    /// parameter on, is made under a development switch. False when nothing passes it.
    pub fn passed_only_in_development(
        &self,
        file: usize,
        param: Option<(u32, u32)>,
        depth: usize,
    ) -> bool {
        let Some((function, index)) = param else {
            return false;
        };
        if depth > 6 {
            return false;
        }
        let mut passes = self
            .call_sites
            .get(&(file, function))
            .into_iter()
            .flatten()
            .filter_map(|(caller, p)| {
                let pass = self.facts(*caller)?.passes.get(*p)?;
                (pass.arg_index == index).then_some((*caller, pass))
            })
            .peekable();
        passes.peek().is_some()
            && passes.all(|(caller, pass)| {
                pass.development_only
                    || self.passed_only_in_development(caller, pass.arg_param, depth + 1)
            })
    }

    /// True when a registration installs error middleware: a function with four parameters,
    /// something named like an error handler that cannot be resolved (its arity is not
    /// visible), or a router that has one. A function we can see with fewer than four
    /// parameters never counts, whatever its names: Express calls it as ordinary middleware
    /// and skips it for errors (express-error-handler-arity reports the function itself).
    pub fn installs_error_handler(&self, reg: RegRef<'p>, depth: usize) -> bool {
        reg.reg
            .handlers
            .iter()
            .any(|h| match self.resolve(reg.file, h, 0) {
                Target::Function(f, i) => {
                    self.function(f, i).is_some_and(FnFact::is_error_middleware)
                }
                Target::App(f, a) if depth < 3 => self
                    .app_registrations
                    .get(&(f, a))
                    .into_iter()
                    .flatten()
                    .any(|r| self.installs_error_handler(*r, depth + 1)),
                t => t.mentions_error(),
            })
    }

    /// Apps mounted on another app (`app.use('/admin', admin)` of an `express()` sub-app):
    /// an error a sub-app does not handle goes on to the app it is mounted on.
    pub fn mounted_apps(&self) -> BTreeSet<(usize, u32)> {
        let mut mounted = BTreeSet::new();
        for (parent, registrations) in &self.app_registrations {
            for reg in registrations {
                for handler in &reg.reg.handlers {
                    if let Target::App(f, a) = self.resolve(reg.file, handler, 0) {
                        if (f, a) != *parent {
                            mounted.insert((f, a));
                        }
                    }
                }
            }
        }
        mounted
    }

    /// True when a handler value resolves to 4-parameter error middleware, or cannot be
    /// resolved and is named like one.
    pub fn is_error_handler(&self, file: usize, value: &'p Value) -> bool {
        match self.resolve(file, value, 0) {
            Target::Function(f, i) => self.function(f, i).is_some_and(FnFact::is_error_middleware),
            t => t.mentions_error(),
        }
    }

    /// The major version of Express that applies to a file: from the nearest package.json
    /// that lists express; 4 when none does.
    pub fn express_major(&self, file: usize) -> u32 {
        self.express_dependency(file).map_or(4, major_of)
    }

    fn express_dependency(&self, file: usize) -> Option<&'p str> {
        let path = &self.project.files.get(file)?.path;
        let mut dir = path.parent().map(normalize);
        while let Some(d) = dir {
            if let Some(version) = self.packages.get(&d).and_then(|p| p.dependency("express")) {
                return Some(version);
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        None
    }

    /// True when the code around a file is an Express project: its package.json lists
    /// express, or — without any package.json — some module imports express.
    pub fn uses_express(&self, file: usize) -> bool {
        if self.express_dependency(file).is_some() {
            return true;
        }
        self.package_dir(file).is_none() && self.any_imports_express
    }

    /// The directory of the nearest package.json.
    fn package_dir(&self, file: usize) -> Option<PathBuf> {
        let path = &self.project.files.get(file)?.path;
        let mut dir = path.parent().map(normalize);
        while let Some(d) = dir {
            if self.packages.contains_key(&d) {
                return Some(d);
            }
            dir = d.parent().map(Path::to_path_buf);
        }
        None
    }

    /// True when `express-async-errors` is imported in the same package (or, without a
    /// package.json, in the file's directory or one above it).
    pub fn async_errors_patched(&self, file: usize) -> bool {
        if self.patched.is_empty() {
            return false;
        }
        let here = self.package_dir(file);
        let path = normalize(&self.project.files[file].path);
        self.patched.iter().any(|g| {
            let there = self.package_dir(*g);
            match (&here, there) {
                (Some(a), Some(b)) => *a == b,
                (None, None) => normalize(&self.project.files[*g].path)
                    .parent()
                    .is_some_and(|d| path.starts_with(d)),
                _ => false,
            }
        })
    }
}

/// The major version of a semver range (`^4.18.2` → 4, `>=5` → 5); tags such as `latest`
/// and `next` mean 5.
fn major_of(range: &str) -> u32 {
    let trimmed = range.trim_start_matches(|c: char| !c.is_ascii_digit());
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            if range.contains("latest") || range.contains("next") || range.trim() == "*" {
                5
            } else {
                4
            }
        }
    }
}

/// A path with `.` removed and `..` applied lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(component),
            },
            c => out.push(c),
        }
    }
    out.iter().collect()
}

/// The app kind of a target, if it is an app.
pub fn app_kind(model: &ExpressModel, target: (usize, u32)) -> Option<AppKind> {
    model.app(target.0, target.1).map(|a| a.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majors() {
        assert_eq!(major_of("^4.18.2"), 4);
        assert_eq!(major_of("~5.0.1"), 5);
        assert_eq!(major_of(">=5.0.0"), 5);
        assert_eq!(major_of("5.1.0"), 5);
        assert_eq!(major_of("latest"), 5);
        assert_eq!(major_of("4.x"), 4);
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize(Path::new("./a/b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("a/./b")), PathBuf::from("a/b"));
    }
}
