//! The function summaries of every file linked across the project: calls resolved to the
//! project functions they name (in the same file, through `require`/`import`/`export`/
//! `module.exports`, Python `import`/`from … import`, `this.`/`self.` methods and a
//! class's static methods), and what follows from the callees' summaries (a function runs a
//! query when it runs one itself or calls a function that does). Computed bottom-up with a
//! worklist, so cycles of calls end; followed at most `MAX_HOPS` calls deep.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::facts::summaries::{FileSummaries, FunctionSummary, QuerySite};
use crate::facts::{Project, ProjectFile};
use crate::root::normalize;

/// Calls followed from a loop to the query they lead to, at most.
pub const MAX_HOPS: usize = 1;

/// Calls besides its query that a helper may make and still count as a lookup.
const MAX_LOOKUP_CALLS: usize = 4;

/// Calls followed from a request handler to mark served code, at most.
const MAX_SERVED_DEPTH: usize = 8;

/// Imports followed to the module defining a name (`__init__.py` re-exports), at most.
const MAX_REEXPORTS: usize = 4;

/// A function of the project: (file index in `Project::files`, index in its summaries).
pub type FunctionId = (usize, usize);

/// Where a function's query is: the function running it and the query itself.
#[derive(Debug, Clone)]
pub struct QueryVia {
    pub function: FunctionId,
    pub query: QuerySite,
    /// Calls from the function asked about to the one running the query.
    pub hops: usize,
}

pub struct SummaryModel<'p> {
    project: &'p Project,
    by_path: HashMap<PathBuf, usize>,
    /// Per file index: function name → index.
    names: HashMap<usize, HashMap<&'p str, usize>>,
    runs_query: HashMap<FunctionId, QueryVia>,
    /// Functions a request handler reaches (the handlers included): served code.
    served: HashSet<FunctionId>,
    /// Modules already looked up: (importing file, module as written) → file.
    modules: Mutex<HashMap<(usize, String), Option<usize>>>,
}

impl<'p> SummaryModel<'p> {
    pub fn new(project: &'p Project) -> SummaryModel<'p> {
        let mut model = SummaryModel {
            project,
            by_path: HashMap::new(),
            names: HashMap::new(),
            runs_query: HashMap::new(),
            served: HashSet::new(),
            modules: Mutex::new(HashMap::new()),
        };
        for (i, file) in project.files.iter().enumerate() {
            let Some(summaries) = &file.facts.summaries else {
                continue;
            };
            model.by_path.insert(normalize(&file.path), i);
            let mut names = HashMap::new();
            for (k, f) in summaries.functions.iter().enumerate().skip(1) {
                if f.name.is_empty() {
                    continue;
                }
                names.entry(f.name.as_str()).or_insert(k);
            }
            model.names.insert(i, names);
        }
        model.link();
        model
    }

    fn summaries(&self, file: usize) -> Option<&'p FileSummaries> {
        self.project.files.get(file)?.facts.summaries.as_ref()
    }

    fn function(&self, id: FunctionId) -> Option<&'p FunctionSummary> {
        self.summaries(id.0)?.functions.get(id.1)
    }

    /// The file a function is in.
    pub fn file(&self, id: FunctionId) -> Option<&'p ProjectFile> {
        self.project.files.get(id.0)
    }

    pub fn function_name(&self, id: FunctionId) -> &'p str {
        self.function(id).map_or("", |f| f.name.as_str())
    }

    /// Resolves every call, then marks the functions that run a query, callees first: a
    /// worklist from the functions running one themselves up through their callers.
    fn link(&mut self) {
        let mut callers: HashMap<FunctionId, Vec<FunctionId>> = HashMap::new();
        let mut queue: VecDeque<FunctionId> = VecDeque::new();
        let mut callees: HashMap<FunctionId, Vec<FunctionId>> = HashMap::new();
        let mut handlers: VecDeque<(FunctionId, usize)> = VecDeque::new();
        for file in 0..self.project.files.len() {
            let Some(summaries) = self.summaries(file) else {
                continue;
            };
            for (k, f) in summaries.functions.iter().enumerate() {
                let id = (file, k);
                if f.handler {
                    handlers.push_back((id, 0));
                }
                // Each call resolved once: (callee, the call passes values).
                let resolved: Vec<(FunctionId, bool)> = f
                    .calls
                    .iter()
                    .filter_map(|call| {
                        self.resolve_call(id, &call.callee)
                            .map(|callee| (callee, call.passes_values))
                    })
                    .collect();
                callees
                    .entry(id)
                    .or_default()
                    .extend(resolved.iter().map(|(callee, _)| *callee));
                // A lookup helper: its query is most of what it does (a procedure that also
                // deletes files, clears caches or sends mail is not a row lookup).
                let lookup = f.calls.len() <= MAX_LOOKUP_CALLS && !f.deferred;
                if let (Some(query), true) = (&f.query, !f.params.is_empty() && lookup) {
                    self.runs_query.insert(
                        id,
                        QueryVia {
                            function: id,
                            query: query.clone(),
                            hops: 0,
                        },
                    );
                    queue.push_back(id);
                }
                if f.params.is_empty() {
                    continue;
                }
                for (callee, _) in resolved.iter().filter(|(_, passes)| *passes) {
                    if *callee != id {
                        callers.entry(*callee).or_default().push(id);
                    }
                }
            }
        }
        // Served code: what handlers reach, breadth first, at most `MAX_SERVED_DEPTH` calls deep.
        while let Some((function, depth)) = handlers.pop_front() {
            if !self.served.insert(function) || depth >= MAX_SERVED_DEPTH {
                continue;
            }
            for callee in callees.get(&function).into_iter().flatten() {
                if !self.served.contains(callee) {
                    handlers.push_back((*callee, depth + 1));
                }
            }
        }
        while let Some(callee) = queue.pop_front() {
            let Some(via) = self.runs_query.get(&callee).cloned() else {
                continue;
            };
            if via.hops >= MAX_HOPS {
                continue;
            }
            for caller in callers.get(&callee).into_iter().flatten() {
                if self.runs_query.contains_key(caller) {
                    continue;
                }
                self.runs_query.insert(
                    *caller,
                    QueryVia {
                        hops: via.hops + 1,
                        ..via.clone()
                    },
                );
                queue.push_back(*caller);
            }
        }
    }

    /// The query a call from `caller` leads to, when the function it names runs one (with a
    /// value it is given): the called function and where its query is.
    pub fn call_runs_query(
        &self,
        caller: FunctionId,
        callee: &str,
    ) -> Option<(FunctionId, &QueryVia)> {
        let target = self.resolve_call(caller, callee)?;
        if target == caller {
            return None;
        }
        let via = self.runs_query.get(&target)?;
        (via.hops < MAX_HOPS).then_some((target, via))
    }

    /// True when a request handler reaches the function (directly or through calls).
    pub fn is_served(&self, function: FunctionId) -> bool {
        self.served.contains(&function)
    }

    /// The project function a call names.
    pub fn resolve_call(&self, caller: FunctionId, callee: &str) -> Option<FunctionId> {
        let file = caller.0;
        let summaries = self.summaries(file)?;
        let function = summaries.functions.get(caller.1)?;
        let parts: Vec<&str> = callee.split('.').collect();
        // A parameter (a callback, an injected service) is no function of the project.
        if parts
            .first()
            .is_some_and(|p| function.params.iter().any(|q| q == p))
        {
            return None;
        }
        match parts.as_slice() {
            [name] => self.local_or_imported(file, name, None),
            [this, method] if matches!(*this, "this" | "self" | "cls") => {
                let class = function.class.as_deref()?;
                self.named(file, &format!("{class}.{method}"))
            }
            [object, member] => self.local_or_imported(file, object, Some(member)),
            [module @ .., member] if summaries.python => {
                // `app.services.orders.find_order(...)` after `import app.services.orders`.
                let module = module.join(".");
                let import = summaries
                    .imports
                    .iter()
                    .find(|i| i.local == module && i.imported.is_none())?;
                let target = self.resolve_module(file, &import.module, true)?;
                self.in_module(target, member, None, 0)
            }
            _ => None,
        }
    }

    fn named(&self, file: usize, name: &str) -> Option<FunctionId> {
        self.names.get(&file)?.get(name).map(|k| (file, *k))
    }

    /// `name(...)` or `name.member(...)` in `file`: a function or class of the file, or a
    /// name it imports.
    fn local_or_imported(
        &self,
        file: usize,
        name: &str,
        member: Option<&str>,
    ) -> Option<FunctionId> {
        let qualified = match member {
            Some(m) => format!("{name}.{m}"),
            None => name.to_string(),
        };
        if let Some(id) = self.named(file, &qualified) {
            return Some(id);
        }
        let summaries = self.summaries(file)?;
        let import = summaries.imports.iter().find(|i| i.local == name)?;
        if let (true, Some(imported), Some(member)) = (summaries.python, &import.imported, member) {
            // `from app import orders` names a module when there is one.
            let submodule = if import.module.chars().all(|c| c == '.') {
                format!("{}{imported}", import.module)
            } else {
                format!("{}.{imported}", import.module)
            };
            if let Some(sub) = self.resolve_module(file, &submodule, true) {
                return self.in_module(sub, member, None, 0);
            }
        }
        let target = self.resolve_module(file, &import.module, summaries.python)?;
        match (&import.imported, member) {
            // The module itself: `orders.find(...)`.
            (None, Some(member)) => self.in_module(target, member, None, 0),
            (None, None) => self.in_module(target, "default", None, 0),
            (Some(imported), member) => self.in_module(target, imported, member, 0),
        }
    }

    /// The function `name` (or the method `member` of the class `name`) a module defines or
    /// exports.
    fn in_module(
        &self,
        file: usize,
        name: &str,
        member: Option<&str>,
        depth: usize,
    ) -> Option<FunctionId> {
        let mut file = file;
        let mut name = name.to_string();
        for _ in depth..MAX_REEXPORTS {
            let summaries = self.summaries(file)?;
            let local = if summaries.python {
                name.clone()
            } else {
                match summaries.exports.iter().find(|(e, _)| *e == name) {
                    Some((_, local)) => local.clone(),
                    // `exports.find = ...` without a function, or a default export of an
                    // instance: a method of the exported class or object.
                    None => {
                        let default = summaries.exports.iter().find(|(e, _)| e == "default");
                        match (member, default) {
                            (None, Some((_, d))) => {
                                return self.named(file, &format!("{d}.{name}"));
                            }
                            _ => return None,
                        }
                    }
                }
            };
            let qualified = match member {
                Some(m) => format!("{local}.{m}"),
                None => local.clone(),
            };
            if let Some(id) = self.named(file, &qualified) {
                return Some(id);
            }
            // A name the module imports and passes on (`from .orders import find_order` in a
            // package's `__init__.py`, `const { find } = require('./find'); module.exports = { find }`).
            let import = summaries.imports.iter().find(|i| i.local == local)?;
            let next = self.resolve_module(file, &import.module, summaries.python)?;
            match &import.imported {
                Some(imported) => {
                    name = imported.clone();
                    file = next;
                }
                None => {
                    let m = member?;
                    return self.in_module(next, m, None, MAX_REEXPORTS);
                }
            }
        }
        None
    }

    fn resolve_module(&self, file: usize, module: &str, python: bool) -> Option<usize> {
        let key = (file, module.to_string());
        if let Some(known) = self.modules.lock().ok().and_then(|m| m.get(&key).copied()) {
            return known;
        }
        let found = self.find_module(file, module, python);
        if let Ok(mut modules) = self.modules.lock() {
            modules.insert(key, found);
        }
        found
    }

    fn find_module(&self, file: usize, module: &str, python: bool) -> Option<usize> {
        if python {
            self.python_module(file, module)
        } else {
            self.js_module(file, module)
        }
    }

    /// A relative JavaScript/TypeScript import of `file`.
    fn js_module(&self, file: usize, spec: &str) -> Option<usize> {
        if !spec.starts_with('.') {
            return None;
        }
        let dir = self.project.files.get(file)?.path.parent()?;
        let base = normalize(&dir.join(spec));
        let lookup = |p: &Path| self.by_path.get(p).copied();
        if let Some(i) = lookup(&base) {
            return Some(i);
        }
        let base_text = base.to_string_lossy().into_owned();
        for (compiled, source) in [(".js", ".ts"), (".js", ".tsx"), (".mjs", ".mts")] {
            if let Some(stem) = base_text.strip_suffix(compiled) {
                if let Some(i) = lookup(Path::new(&format!("{stem}{source}"))) {
                    return Some(i);
                }
            }
        }
        for ext in ["js", "ts", "mjs", "cjs", "jsx", "tsx", "mts", "cts"] {
            if let Some(i) = lookup(Path::new(&format!("{base_text}.{ext}"))) {
                return Some(i);
            }
        }
        for ext in ["js", "ts", "mjs", "cjs", "jsx", "tsx"] {
            if let Some(i) = lookup(&base.join(format!("index.{ext}"))) {
                return Some(i);
            }
        }
        None
    }

    /// A Python module imported by `file`: relative (`.orders`, `..db.repo`) from the file's
    /// package, absolute (`app.models.orders`) from the file's directory or one above it.
    fn python_module(&self, file: usize, module: &str) -> Option<usize> {
        let dir = self.project.files.get(file)?.path.parent()?;
        let dots = module.chars().take_while(|c| *c == '.').count();
        let rest = &module[dots..];
        let relative: PathBuf = rest.split('.').filter(|p| !p.is_empty()).collect();
        let try_at = |base: &Path| -> Option<usize> {
            let path = base.join(&relative);
            let as_file = path.with_extension("py");
            if !rest.is_empty() {
                if let Some(i) = self.by_path.get(&normalize(&as_file)) {
                    return Some(*i);
                }
            }
            self.by_path
                .get(&normalize(&path.join("__init__.py")))
                .copied()
        };
        if dots > 0 {
            let mut base = dir;
            for _ in 1..dots {
                base = base.parent()?;
            }
            return try_at(base);
        }
        dir.ancestors().take(6).find_map(try_at)
    }

    /// The query a loop call's callee leads to, with the file of the query, for labels.
    pub fn query_file(&self, via: &QueryVia) -> Option<&'p ProjectFile> {
        self.file(via.function)
    }

    /// The span of a query, for labels.
    pub fn query_range(via: &QueryVia) -> Range<usize> {
        via.query.range.clone()
    }
}
