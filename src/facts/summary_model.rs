//! The function summaries of every file linked across the project: calls resolved to the
//! project functions they name (in the same file, through `require`/`import`/`export`/
//! `module.exports`, Python `import`/`from … import`, `this.`/`self.` methods and a
//! class's static methods), and what follows from the callees' summaries (a function runs a
//! query when it runs one itself or calls a function that does). Computed bottom-up with a
//! worklist, so cycles of calls end; followed at most `MAX_HOPS` calls deep.
//!
//! What linking concludes (`Links`: served code, functions that never reject, functions
//! running a query) depends only on the files' paths and on their summaries but for
//! positions, which each file's link hash stands for (`LazySummaries::link_hash`). A run
//! given the links of an earlier run over the same key adopts them instead of linking
//! again; the few calls a rule then asks about are resolved on demand, reading only the
//! summaries of the files they lead to.

use std::collections::{HashMap, VecDeque};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::facts::ProjectFile;
use crate::facts::summaries::{
    ErrorCall, FileSummaries, FunctionSummary, HeldCall, HeldLeak, ParamSink, PooledSite, QuerySite,
};
use crate::root::normalize;
use crate::util::{FastMap, FastSet, content_hash};

/// Calls followed from a loop to the query they lead to, at most.
pub const MAX_HOPS: usize = 1;

/// Calls besides its query that a helper may make and still count as a lookup.
const MAX_LOOKUP_CALLS: usize = 4;

/// Calls followed from a request handler to mark served code, at most.
const MAX_SERVED_DEPTH: usize = 8;

/// Calls followed from an awaited function to the functions it could reject through, at
/// most (`FunctionSummary::rejects_through`), when the modules they are in are wanted.
const MAX_REJECT_HOPS: usize = 3;

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

/// What linking concluded, kept between runs: valid for a project whose files have the same
/// paths (in the same order) and the same link hashes (`key`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    key: u64,
    served: Vec<FunctionId>,
    never_rejects: Vec<FunctionId>,
    /// (function, the function whose query it leads to, calls between them).
    runs_query: Vec<(FunctionId, FunctionId, usize)>,
    query_loops: Vec<QueryLoop>,
}

/// A call made per row of a loop in served code to a project function that runs a query
/// (`SummaryModel::query_loops`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QueryLoop {
    /// The file of the loop, and the call's index in its `FileSummaries::loop_calls`.
    pub file: usize,
    pub call: usize,
    /// The function the call names.
    pub target: FunctionId,
    /// The function running the query (the target, or a function it calls).
    pub query_in: FunctionId,
    hops: usize,
}

/// Where a function's query is, without the query itself (read from the summaries when
/// asked, so that links adopted from an earlier run give today's positions).
#[derive(Debug, Clone, Copy)]
struct QueryAt {
    function: FunctionId,
    hops: usize,
}

pub struct SummaryModel<'p> {
    files: &'p [ProjectFile],
    /// Files with summaries by normalised path (hashed as bytes: a `Path` hashes component
    /// by component). Built on the first module lookup.
    by_path: OnceLock<FastMap<OsString, usize>>,
    /// Code files held unparsed (`Demand::WhenParsed`), by normalised path: index in the
    /// caller's list.
    unparsed: Option<&'p HashMap<OsString, usize>>,
    /// Per file index: the index of its directory (files of one directory resolve a module
    /// name to the same file, so a lookup is made once per directory). Built on the first
    /// module lookup.
    dir_of: OnceLock<Vec<usize>>,
    /// Unparsed files that a question asked while `asking` led to.
    wanted: Mutex<Vec<usize>>,
    /// Whether a question is being asked: module lookups during linking want nothing.
    asking: bool,
    /// Per file index: function name → index, built on the file's first lookup.
    names: Vec<OnceLock<FastMap<&'p str, usize>>>,
    runs_query: FastMap<FunctionId, QueryAt>,
    /// Functions a request handler reaches (the handlers included): served code.
    served: FastSet<FunctionId>,
    /// The loop calls of served code that run a query per row, in file order.
    query_loops: Vec<QueryLoop>,
    /// Per function: the functions whose calls resolve to it.
    called_from: FastMap<FunctionId, Vec<FunctionId>>,
    /// Async functions that never reject: on their own (`FunctionSummary::never_rejects`),
    /// or because every function they could reject through never rejects.
    never_rejects: FastSet<FunctionId>,
    /// Modules already looked up: (importing file's directory, Python or not) → module as
    /// written → where it is.
    modules: Mutex<FastMap<(usize, bool), FastMap<String, ModuleAt>>>,
    /// The links this model computed (none when it adopted them): for the next run.
    computed: Option<Links>,
}

/// Where an imported module is.
#[derive(Clone, Copy)]
enum ModuleAt {
    /// A file with summaries (index in the files).
    File(usize),
    /// A code file held unparsed (index in the unparsed list).
    Unparsed(usize),
    Missing,
}

/// What the summaries gathered so far need from the files held unparsed: the files a loop's
/// callee leads to, and the files whose importers may be where a loop's function is served
/// from.
#[derive(Debug, Default)]
pub struct Wanted {
    /// Indices in the unparsed list.
    pub files: Vec<usize>,
    /// Files (as `ProjectFile::path`) whose importers are wanted.
    pub importers_of: Vec<PathBuf>,
}

impl<'p> SummaryModel<'p> {
    /// The model of `files`, adopting `links` when they were computed for the same key.
    pub fn new(files: &'p [ProjectFile], links: Option<&Links>) -> SummaryModel<'p> {
        let key = links_key(files);
        let mut model = SummaryModel::unlinked(files, None);
        match links.filter(|links| links.key == key) {
            Some(links) => model.adopt(links),
            None => {
                model.link();
                model.computed = Some(model.links(key));
            }
        }
        model
    }

    /// The model of `files`, where a module lookup that lands on a file of `unparsed`
    /// (normalised path → index) is noted while a question is asked (`wanted`).
    fn with_unparsed(
        files: &'p [ProjectFile],
        unparsed: &'p HashMap<OsString, usize>,
    ) -> SummaryModel<'p> {
        let mut model = SummaryModel::unlinked(files, Some(unparsed));
        model.link();
        model
    }

    fn unlinked(
        files: &'p [ProjectFile],
        unparsed: Option<&'p HashMap<OsString, usize>>,
    ) -> SummaryModel<'p> {
        SummaryModel {
            files,
            by_path: OnceLock::new(),
            unparsed,
            dir_of: OnceLock::new(),
            wanted: Mutex::new(Vec::new()),
            asking: false,
            names: files.iter().map(|_| OnceLock::new()).collect(),
            runs_query: FastMap::default(),
            served: FastSet::default(),
            query_loops: Vec::new(),
            called_from: FastMap::default(),
            never_rejects: FastSet::default(),
            modules: Mutex::new(FastMap::default()),
            computed: None,
        }
    }

    /// The links this model computed, when it did not adopt them.
    pub fn computed_links(&self) -> Option<&Links> {
        self.computed.as_ref()
    }

    /// What linking concluded, under `key`.
    fn links(&self, key: u64) -> Links {
        let mut served: Vec<FunctionId> = self.served.iter().copied().collect();
        served.sort_unstable();
        let mut never_rejects: Vec<FunctionId> = self.never_rejects.iter().copied().collect();
        never_rejects.sort_unstable();
        let mut runs_query: Vec<(FunctionId, FunctionId, usize)> = self
            .runs_query
            .iter()
            .map(|(id, at)| (*id, at.function, at.hops))
            .collect();
        runs_query.sort_unstable();
        Links {
            key,
            served,
            never_rejects,
            runs_query,
            query_loops: self.query_loops.clone(),
        }
    }

    fn adopt(&mut self, links: &Links) {
        self.served = links.served.iter().copied().collect();
        self.never_rejects = links.never_rejects.iter().copied().collect();
        self.runs_query = links
            .runs_query
            .iter()
            .map(|(id, function, hops)| {
                (
                    *id,
                    QueryAt {
                        function: *function,
                        hops: *hops,
                    },
                )
            })
            .collect();
        self.query_loops = links.query_loops.clone();
    }

    /// The calls made per row of a loop in served code to a project function that runs a
    /// query (directly or through `MAX_HOPS` calls), in file order.
    pub fn query_loops(&self) -> &[QueryLoop] {
        &self.query_loops
    }

    /// The query a loop call leads to, as the summaries now place it.
    pub fn loop_query(&self, found: &QueryLoop) -> Option<QueryVia> {
        self.query_via(QueryAt {
            function: found.query_in,
            hops: found.hops,
        })
    }

    /// Every loop call of served code that leads to a query (after `runs_query` is known).
    fn find_query_loops(&self) -> Vec<QueryLoop> {
        let mut found = Vec::new();
        for file in 0..self.files.len() {
            let Some(summaries) = self.summaries(file) else {
                continue;
            };
            for (k, call) in summaries.loop_calls.iter().enumerate() {
                // Only code a request runs: a loop in a job, an import or a command that
                // calls a helper is left to the per-call findings.
                let caller = (file, call.function);
                if !self.served.contains(&caller) {
                    continue;
                }
                let Some((target, at)) = self.query_at_call(caller, &call.callee) else {
                    continue;
                };
                found.push(QueryLoop {
                    file,
                    call: k,
                    target,
                    query_in: at.function,
                    hops: at.hops,
                });
            }
        }
        found
    }

    /// Files with summaries by normalised path.
    fn by_path(&self) -> &FastMap<OsString, usize> {
        self.by_path.get_or_init(|| {
            self.files
                .iter()
                .enumerate()
                .filter(|(_, file)| file.facts.summaries.is_some())
                .map(|(i, file)| (normalize(&file.path).into_os_string(), i))
                .collect()
        })
    }

    /// Per file index: the index of its directory.
    fn dir_of(&self, file: usize) -> Option<usize> {
        let dirs = self.dir_of.get_or_init(|| {
            let mut dirs: FastMap<&OsStr, usize> = FastMap::default();
            self.files
                .iter()
                .map(|file| {
                    let dir = file.path.parent().map_or(OsStr::new(""), Path::as_os_str);
                    let next = dirs.len();
                    *dirs.entry(dir).or_insert(next)
                })
                .collect()
        });
        dirs.get(file).copied()
    }

    /// A file's functions by name.
    fn names(&self, file: usize) -> Option<&FastMap<&'p str, usize>> {
        let summaries = self.summaries(file)?;
        Some(self.names.get(file)?.get_or_init(|| {
            let mut names = FastMap::default();
            for (k, f) in summaries.functions.iter().enumerate().skip(1) {
                if !f.name.is_empty() {
                    names.entry(f.name.as_str()).or_insert(k);
                }
            }
            names
        }))
    }

    fn summaries(&self, file: usize) -> Option<&'p FileSummaries> {
        self.files.get(file)?.facts.file_summaries()
    }

    fn function(&self, id: FunctionId) -> Option<&'p FunctionSummary> {
        self.summaries(id.0)?.functions.get(id.1)
    }

    /// The file a function is in.
    pub fn file(&self, id: FunctionId) -> Option<&'p ProjectFile> {
        self.files.get(id.0)
    }

    pub fn function_name(&self, id: FunctionId) -> &'p str {
        self.function(id).map_or("", |f| f.name.as_str())
    }

    /// Resolves every call, then marks the functions that run a query, callees first: a
    /// worklist from the functions running one themselves up through their callers.
    fn link(&mut self) {
        let mut callers: FastMap<FunctionId, Vec<FunctionId>> = FastMap::default();
        let mut queue: VecDeque<FunctionId> = VecDeque::new();
        let mut callees: FastMap<FunctionId, Vec<FunctionId>> = FastMap::default();
        let mut handlers: VecDeque<(FunctionId, usize)> = VecDeque::new();
        for file in 0..self.files.len() {
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
                for (callee, _) in &resolved {
                    if *callee != id {
                        self.called_from.entry(*callee).or_default().push(id);
                    }
                }
                // A lookup helper: its query is most of what it does (a procedure that also
                // deletes files, clears caches or sends mail is not a row lookup).
                let lookup = f.call_count <= MAX_LOOKUP_CALLS && !f.deferred;
                if f.query.is_some() && !f.params.is_empty() && lookup {
                    self.runs_query.insert(
                        id,
                        QueryAt {
                            function: id,
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
        self.link_never_rejects();
        while let Some(callee) = queue.pop_front() {
            let Some(via) = self.runs_query.get(&callee).copied() else {
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
                    QueryAt {
                        hops: via.hops + 1,
                        ..via
                    },
                );
                queue.push_back(*caller);
            }
        }
        self.query_loops = self.find_query_loops();
    }

    /// The async functions that never reject: those that catch everything themselves, then,
    /// until nothing changes, those whose every call outside a try names one of them (a
    /// least fixed point: functions calling each other in a cycle stay out).
    fn link_never_rejects(&mut self) {
        let mut pending: Vec<(FunctionId, Vec<FunctionId>)> = Vec::new();
        for file in 0..self.files.len() {
            let Some(summaries) = self.summaries(file) else {
                continue;
            };
            for (k, f) in summaries.functions.iter().enumerate() {
                let id = (file, k);
                if f.never_rejects {
                    self.never_rejects.insert(id);
                    continue;
                }
                if f.rejects_through.is_empty() {
                    continue;
                }
                let through: Option<Vec<FunctionId>> = f
                    .rejects_through
                    .iter()
                    .map(|callee| self.resolve_call(id, callee).filter(|t| *t != id))
                    .collect();
                if let Some(through) = through {
                    pending.push((id, through));
                }
            }
        }
        loop {
            let before = pending.len();
            pending.retain(|(id, through)| {
                if through.iter().all(|t| self.never_rejects.contains(t)) {
                    self.never_rejects.insert(*id);
                    false
                } else {
                    true
                }
            });
            if pending.len() == before {
                break;
            }
        }
    }

    /// The query a call from `caller` leads to, when the function it names runs one (with a
    /// value it is given): the called function and where its query is.
    pub fn call_runs_query(
        &self,
        caller: FunctionId,
        callee: &str,
    ) -> Option<(FunctionId, QueryVia)> {
        let (target, at) = self.query_at_call(caller, callee)?;
        Some((target, self.query_via(at)?))
    }

    /// The function a call from `caller` names and where its query is, when it runs one
    /// (itself or within `MAX_HOPS` calls) and is not the caller.
    fn query_at_call(&self, caller: FunctionId, callee: &str) -> Option<(FunctionId, QueryAt)> {
        let target = self.resolve_call(caller, callee)?;
        let at = *self.runs_query.get(&target)?;
        (target != caller && at.hops < MAX_HOPS).then_some((target, at))
    }

    /// A query as the summaries now place it.
    fn query_via(&self, at: QueryAt) -> Option<QueryVia> {
        Some(QueryVia {
            function: at.function,
            query: self.function(at.function)?.query.clone()?,
            hops: at.hops,
        })
    }

    /// Where a caught error handed to a function of another module reaches the client: the
    /// function the call names and the parameter it sends (of a kind the call reports, and
    /// delivered: a returned response only when the caller answers with it).
    pub fn error_call_sends(
        &self,
        caller: FunctionId,
        call: &ErrorCall,
    ) -> Option<(FunctionId, &'p ParamSink)> {
        let target = self.resolve_call(caller, &call.callee)?;
        if target.0 == caller.0 {
            return None;
        }
        let sink = self.function(target)?.sends.iter().find(|sink| {
            sink.param == call.arg
                && call.kinds.contains(&sink.kind)
                && (call.answered || !sink.needs_answer)
        })?;
        Some((target, sink))
    }

    /// Where a connection held from a function of another module comes from: the function
    /// the call names, when it returns a connection it takes from a pool, that pool call,
    /// and the finding the caller's use of it gives for that kind of connection.
    pub fn held_call_leaks(
        &self,
        caller: FunctionId,
        call: &'p HeldCall,
    ) -> Option<(FunctionId, &'p PooledSite, &'p HeldLeak)> {
        let target = self.resolve_call(caller, &call.callee)?;
        if target.0 == caller.0 {
            return None;
        }
        let pooled = self.function(target)?.pooled.as_ref()?;
        let leak = call.leaks.iter().find(|l| l.kind == pooled.kind)?;
        Some((target, pooled, leak))
    }

    /// True when a call written `callee` at the top level of `file` (a name it imports,
    /// `offers.list`, or one of its own functions) names an async function of the project
    /// that never rejects: it catches everything itself, or everything it could reject
    /// through never rejects (`link_never_rejects`).
    pub fn call_never_rejects(&self, file: usize, callee: &str) -> bool {
        self.resolve_call((file, 0), callee)
            .is_some_and(|target| self.never_rejects.contains(&target))
    }

    /// True when a request handler reaches the function (directly or through calls).
    pub fn is_served(&self, function: FunctionId) -> bool {
        self.served.contains(&function)
    }

    /// The function and the functions whose calls reach it, at most `MAX_SERVED_DEPTH`
    /// calls up.
    fn reaching(&self, function: FunctionId) -> Vec<FunctionId> {
        let mut seen: Vec<FunctionId> = vec![function];
        let mut queue: VecDeque<(FunctionId, usize)> = VecDeque::from([(function, 0)]);
        while let Some((id, depth)) = queue.pop_front() {
            if depth >= MAX_SERVED_DEPTH {
                continue;
            }
            for caller in self.called_from.get(&id).into_iter().flatten() {
                if !seen.contains(caller) {
                    seen.push(*caller);
                    queue.push_back((*caller, depth + 1));
                }
            }
        }
        seen
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
        self.names(file)?.get(name).map(|k| (file, *k))
    }

    /// `name(...)` or `name.member(...)` in `file`: a function or class of the file, or a
    /// name it imports.
    fn local_or_imported(
        &self,
        file: usize,
        name: &str,
        member: Option<&str>,
    ) -> Option<FunctionId> {
        let local = match member {
            Some(m) => self.named(file, &format!("{name}.{m}")),
            None => self.named(file, name),
        };
        if local.is_some() {
            return local;
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
        let key = (self.dir_of(file)?, python);
        let known = self
            .modules
            .lock()
            .ok()
            .and_then(|m| m.get(&key).and_then(|in_dir| in_dir.get(module)).copied());
        let at = match known {
            Some(at) => at,
            None => {
                let at = self.find_module(file, module, python);
                if let Ok(mut modules) = self.modules.lock() {
                    modules
                        .entry(key)
                        .or_default()
                        .insert(module.to_string(), at);
                }
                at
            }
        };
        match at {
            ModuleAt::File(i) => Some(i),
            ModuleAt::Unparsed(u) => {
                if self.asking {
                    if let Ok(mut wanted) = self.wanted.lock() {
                        wanted.push(u);
                    }
                }
                None
            }
            ModuleAt::Missing => None,
        }
    }

    fn find_module(&self, file: usize, module: &str, python: bool) -> ModuleAt {
        let found = if python {
            self.python_module(file, module)
        } else {
            self.js_module(file, module)
        };
        found.unwrap_or(ModuleAt::Missing)
    }

    /// The file at a path: one with summaries, or one held unparsed.
    fn at_path(&self, path: &Path) -> Option<ModuleAt> {
        let path = path.as_os_str();
        if let Some(i) = self.by_path().get(path) {
            return Some(ModuleAt::File(*i));
        }
        self.unparsed?.get(path).map(|u| ModuleAt::Unparsed(*u))
    }

    /// A relative JavaScript/TypeScript import of `file`.
    fn js_module(&self, file: usize, spec: &str) -> Option<ModuleAt> {
        if !spec.starts_with('.') {
            return None;
        }
        let dir = self.files.get(file)?.path.parent()?;
        let base = normalize(&dir.join(spec));
        let lookup = |p: &Path| self.at_path(p);
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
    fn python_module(&self, file: usize, module: &str) -> Option<ModuleAt> {
        // Normalised once: a module's parts are names (no `.` or `..`), so a path built
        // from the directory and them is normalised too.
        let dir = normalize(self.files.get(file)?.path.parent()?);
        let dots = module.chars().take_while(|c| *c == '.').count();
        let rest = &module[dots..];
        let relative: PathBuf = rest.split('.').filter(|p| !p.is_empty()).collect();
        let try_at = |base: &Path| -> Option<ModuleAt> {
            let path = base.join(&relative);
            if !rest.is_empty() {
                if let Some(at) = self.at_path(&path.with_extension("py")) {
                    return Some(at);
                }
            }
            self.at_path(&path.join("__init__.py"))
        };
        if dots > 0 {
            let mut base = dir.as_path();
            for _ in 1..dots {
                base = base.parent()?;
            }
            return try_at(base);
        }
        dir.ancestors().take(6).find_map(try_at)
    }
}

/// What the summaries of `files` need from the code files held unparsed (`unparsed`:
/// normalised path → index): for each call made per row of a loop, the module its callee
/// is in (and the modules that callee's own calls lead to); for such a call that runs a
/// query in code no request handler is known to reach, the files whose importers may be
/// where it is served from (the loop's file and the files of the functions reaching it);
/// for each call handing a caught error to an imported function, holding its result as a
/// connection, or awaited by a request handler outside any try, that function's module; for a module with a function sending a parameter
/// to the client, or returning a pooled connection, its importers. Nothing when no loop
/// calls a function of the project and no function sends what it is given or returns a
/// connection.
pub fn wanted_files(files: &[ProjectFile], unparsed: &HashMap<OsString, usize>) -> Wanted {
    let mut model = SummaryModel::with_unparsed(files, unparsed);
    model.asking = true;
    let mut importers_of: Vec<PathBuf> = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let Some(summaries) = file.facts.file_summaries() else {
            continue;
        };
        // The module of a function handed a caught error.
        for call in &summaries.error_calls {
            model.resolve_call((index, call.function), &call.callee);
        }
        // The module of a function whose result is held as a connection, or that a
        // request handler awaits outside any try.
        for call in &summaries.held_calls {
            model.resolve_call((index, call.function), &call.callee);
        }
        for call in &summaries.awaited_calls {
            // And the modules of what it could reject through, a few calls deep.
            let mut todo: Vec<(FunctionId, usize)> = model
                .resolve_call((index, call.function), &call.callee)
                .map(|target| (target, 0))
                .into_iter()
                .collect();
            let mut seen: FastSet<FunctionId> = FastSet::default();
            while let Some((target, depth)) = todo.pop() {
                if depth >= MAX_REJECT_HOPS || !seen.insert(target) {
                    continue;
                }
                let through = model
                    .function(target)
                    .map_or(&[][..], |f| &f.rejects_through[..]);
                for callee in through {
                    if let Some(next) = model.resolve_call(target, callee) {
                        todo.push((next, depth + 1));
                    }
                }
            }
        }
        // The modules that may hand a caught error to a function of this one that sends it
        // to the client, or hold a connection one of its functions returns (a run naming
        // only this module reports their calls too).
        if summaries
            .functions
            .iter()
            .any(|f| !f.sends.is_empty() || f.pooled.is_some())
            && !importers_of.contains(&file.path)
        {
            importers_of.push(file.path.clone());
        }
        for call in &summaries.loop_calls {
            let caller = (index, call.function);
            if model.call_runs_query(caller, &call.callee).is_none() {
                // The callee's own calls, one hop as `MAX_HOPS` follows.
                if let Some(target) = model.resolve_call(caller, &call.callee) {
                    let calls = model.function(target).map_or(&[][..], |f| &f.calls[..]);
                    for inner in calls.iter().filter(|c| c.passes_values) {
                        model.resolve_call(target, &inner.callee);
                    }
                }
                continue;
            }
            if model.is_served(caller) {
                continue;
            }
            for reaching in model.reaching(caller) {
                if let Some(f) = model.file(reaching) {
                    if !importers_of.contains(&f.path) {
                        importers_of.push(f.path.clone());
                    }
                }
            }
        }
    }
    let mut wanted = model.wanted.into_inner().unwrap_or_default();
    wanted.sort_unstable();
    wanted.dedup();
    Wanted {
        files: wanted,
        importers_of,
    }
}

/// Without a parse: may a file with this content import the module at `module` (a path)?
/// The module's name must occur in it: a Python module's (or package's) name as a word, a
/// JavaScript module's file name (or directory name, for an `index` file) after a `/` of an
/// import path (`'./models/order'`, `"../order.js"`).
pub fn may_import(content: &[u8], module: &Path) -> bool {
    let stem = module.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = if matches!(stem, "__init__" | "index") {
        module
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|s| s.to_str())
            .unwrap_or("")
    } else {
        stem
    };
    if name.is_empty() {
        return false;
    }
    let python = module.extension().is_some_and(|e| e == "py");
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let needle = name.as_bytes();
    memchr::memmem::find_iter(content, needle).any(|at| {
        let before = at.checked_sub(1).and_then(|i| content.get(i)).copied();
        let after = content.get(at + needle.len()).copied();
        if python {
            before.is_none_or(|b| !is_word(b)) && after.is_none_or(|b| !is_word(b))
        } else {
            before == Some(b'/')
                && after.is_some_and(|b| matches!(b, b'\'' | b'"' | b'`' | b'.' | b'/'))
        }
    })
}

/// The key links are valid under: each file with summaries by its place in the list, its
/// path and its link hash.
fn links_key(files: &[ProjectFile]) -> u64 {
    let mut bytes: Vec<u8> = Vec::with_capacity(files.len() * 64);
    for (index, file) in files.iter().enumerate() {
        let Some(summaries) = &file.facts.summaries else {
            continue;
        };
        bytes.extend_from_slice(&(index as u64).to_le_bytes());
        bytes.extend_from_slice(file.path.as_os_str().as_encoded_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&summaries.link_hash().to_le_bytes());
    }
    content_hash(&bytes)
}
