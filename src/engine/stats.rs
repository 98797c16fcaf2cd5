//! Counters for `--stats`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::facts::collect::CODE_COLLECTORS;

/// Counters for `--stats`. Phase times are summed over worker threads.
#[derive(Default)]
pub struct Stats {
    pub files_by_kind: BTreeMap<&'static str, (usize, u64)>,
    pub skipped_prefilter: usize,
    /// Test files written with a test framework, which rules about served code skip.
    pub test_code: usize,
    pub skipped_binary: usize,
    pub skipped_large: usize,
    pub parsed: usize,
    pub parsed_bytes: u64,
    /// Files parsed only to collect project facts or read suppressions (no rule active).
    pub parsed_for_facts: usize,
    /// Files held by the prefilter and parsed in the project phase because a question about
    /// the facts gathered needed theirs (function summaries).
    pub parsed_on_demand: usize,
    pub unreadable: usize,
    pub discovery: Duration,
    pub lint_wall: Duration,
    pub read: Duration,
    pub prefilter: Duration,
    pub parse: Duration,
    pub rules: Duration,
    pub project: Duration,
    pub threads: usize,
    /// Per enabled rule: id, files it ran on, and time spent in it (summed over threads;
    /// measured only when rule timing is on).
    pub by_rule: Vec<(&'static str, usize, Duration)>,
    /// Per fact collector that ran: the fact, files it gathered from, and time spent in it
    /// (measured only when rule timing is on).
    pub by_collector: Vec<(&'static str, usize, Duration)>,
    /// Rounds of following imports and includes after the first lint of every file.
    pub include_rounds: usize,
    /// Files whose per-file result came from the result cache; entries the cache held at
    /// the start; whether it was written at the end (`None`: the cache was off).
    pub cache: Option<CacheStats>,
    /// Whether the walk's file list was kept from an earlier run (`None`: the cache was off).
    pub listing: Option<ListingStats>,
    /// The project phase: each project rule's time (the first rule to ask for a shared
    /// model, such as the topology, pays for building it), and each shared model's time.
    pub by_project_rule: Vec<(&'static str, Duration)>,
    pub project_models: Vec<(&'static str, Duration)>,
}

/// Where a run's file list came from.
#[derive(Clone, Debug, Default)]
pub struct ListingStats {
    /// Kept from an earlier run (else walked, and kept for the next).
    pub kept: bool,
    /// Paths whose `stat` confirmed the kept list.
    pub watched: usize,
    /// Time to confirm the list, or to walk and keep it.
    pub time: Duration,
}

/// What the result cache did in a run.
#[derive(Clone, Debug, Default)]
pub struct CacheStats {
    pub dir: std::path::PathBuf,
    pub loaded: usize,
    pub hits: usize,
    pub written: bool,
    /// Time to read the cache file and to write it.
    pub load: Duration,
    pub store: Duration,
}

#[derive(Default)]
pub(super) struct AtomicStats {
    pub(super) read: AtomicU64,
    pub(super) prefilter: AtomicU64,
    pub(super) parse: AtomicU64,
    pub(super) rules: AtomicU64,
    pub(super) parsed: AtomicUsize,
    pub(super) parsed_bytes: AtomicU64,
    pub(super) parsed_for_facts: AtomicUsize,
    pub(super) parsed_on_demand: AtomicUsize,
    pub(super) skipped_prefilter: AtomicUsize,
    pub(super) test_code: AtomicUsize,
    pub(super) cached: AtomicUsize,
    /// Per enabled rule slot: files the rule ran on, nanoseconds spent in it.
    pub(super) rule_files: Vec<AtomicUsize>,
    pub(super) rule_nanos: Vec<AtomicU64>,
    /// Per `CODE_COLLECTORS` slot: files gathered from, nanoseconds spent.
    pub(super) collector_files: Vec<AtomicUsize>,
    pub(super) collector_nanos: Vec<AtomicU64>,
}

impl AtomicStats {
    pub(super) fn new(rules: usize) -> AtomicStats {
        AtomicStats {
            rule_files: (0..rules).map(|_| AtomicUsize::new(0)).collect(),
            rule_nanos: (0..rules).map(|_| AtomicU64::new(0)).collect(),
            collector_files: (0..CODE_COLLECTORS.len())
                .map(|_| AtomicUsize::new(0))
                .collect(),
            collector_nanos: (0..CODE_COLLECTORS.len())
                .map(|_| AtomicU64::new(0))
                .collect(),
            ..AtomicStats::default()
        }
    }
}

pub(super) fn add(counter: &AtomicU64, since: Instant) {
    counter.fetch_add(nanos_since(since), Ordering::Relaxed);
}

/// Nanoseconds since `since`, saturated.
pub(super) fn nanos_since(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX)
}
