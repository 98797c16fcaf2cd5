//! Code files the prefilter held for collectors that gather only from parsed files
//! (`Demand::WhenParsed`): parsed in the project phase, and only when the facts gathered
//! ask for them (`summary_model::wanted_files`). No loop that calls a function of the
//! project: no file parsed here.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::Engine;
use super::file::Held;
use super::stats::AtomicStats;
use crate::facts::lazy_summaries::LazySummaries;
use crate::facts::summary_model::{may_import, wanted_files};
use crate::facts::{FileFacts, ProjectFile};
use crate::lang::FileKind;
use crate::root::{self, normalize};

/// Rounds of parsing held files, at most: each follows one more step, from a loop to its
/// callee's module or from a module to the modules importing it.
const MAX_ROUNDS: usize = 10;

/// A file held unparsed, with what its result named it.
pub(super) struct HeldFile {
    pub(super) path: PathBuf,
    pub(super) display: Arc<str>,
    pub(super) kind: FileKind,
    pub(super) held: Held,
}

impl Engine {
    /// Parses the held files the facts of `files` need, adding what they give to `files`.
    /// Returns the paths of the files parsed (their cache entries then keep what they gave,
    /// so a later run need not parse them again).
    pub(super) fn parse_on_demand(
        &self,
        files: &mut Vec<ProjectFile>,
        mut held: Vec<HeldFile>,
        stats: &AtomicStats,
        pool: Option<&rayon::ThreadPool>,
    ) -> Vec<PathBuf> {
        let mut done: Vec<PathBuf> = Vec::new();
        let paths: Vec<OsString> = held
            .iter()
            .map(|h| normalize(&h.path).into_os_string())
            .collect();
        let mut parsed = vec![false; held.len()];
        let mut searched: HashSet<PathBuf> = HashSet::new();
        for _ in 0..MAX_ROUNDS {
            let unparsed: HashMap<OsString, usize> = paths
                .iter()
                .enumerate()
                .filter(|(i, _)| !parsed[*i])
                .map(|(i, p)| (p.clone(), i))
                .collect();
            if unparsed.is_empty() {
                return done;
            }
            let wanted = wanted_files(files, &unparsed);
            let mut round: Vec<usize> = wanted.files;
            for module in wanted.importers_of {
                if !searched.insert(module.clone()) {
                    continue;
                }
                for (i, file) in held.iter_mut().enumerate() {
                    if parsed[i] || round.contains(&i) {
                        continue;
                    }
                    if file.held.bytes.is_none() {
                        file.held.bytes = read(&file.path);
                    }
                    let imports = file
                        .held
                        .bytes
                        .as_deref()
                        .is_some_and(|bytes| may_import(bytes, &module));
                    if imports {
                        round.push(i);
                    }
                }
            }
            round.retain(|i| !parsed[*i]);
            round.sort_unstable();
            round.dedup();
            if round.is_empty() {
                return done;
            }
            let mut jobs = Vec::new();
            for i in round {
                parsed[i] = true;
                let file = &mut held[i];
                let bytes = match file.held.bytes.take() {
                    Some(bytes) => bytes,
                    None => match read(&file.path) {
                        Some(bytes) => bytes,
                        None => continue,
                    },
                };
                done.push(file.path.clone());
                jobs.push((i, bytes, std::mem::take(&mut file.held.collectors)));
            }
            let parse = || -> Vec<ProjectFile> {
                jobs.into_par_iter()
                    .with_max_len(1)
                    .filter_map(|(i, bytes, collectors)| {
                        let file = &held[i];
                        self.parse_held(
                            &file.path,
                            &file.display,
                            file.kind,
                            bytes,
                            collectors,
                            stats,
                        )
                    })
                    .collect()
            };
            let found = match pool {
                Some(pool) => pool.install(parse),
                None => parse(),
            };
            files.extend(found);
        }
        done
    }
}

/// Whether two results of a file give the project phase's parsing on demand the same
/// question: their function summaries are the same but for positions (a query's place, a
/// loop's span and label), which decide nothing the parsing on demand asks.
pub(super) fn same_links(before: Option<&FileFacts>, after: Option<&FileFacts>) -> bool {
    let link = |facts: Option<&FileFacts>| {
        facts
            .and_then(|f| f.summaries.as_ref())
            .map(LazySummaries::link_hash)
    };
    link(before) == link(after)
}

/// A held file's content, read on demand (its result came from the cache).
fn read(path: &Path) -> Option<Vec<u8>> {
    match root::read_bounded(path) {
        root::Read::Bytes(bytes) => Some(bytes),
        _ => None,
    }
}
