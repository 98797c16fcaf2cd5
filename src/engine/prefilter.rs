//! The prefilter: one Aho-Corasick automaton over every enabled rule's needles decides
//! which rules may match a file before it is parsed.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::Enabled;
use crate::rules::RULES;

/// Files scanned with the automaton that is quick to build before the one that is quick to
/// scan with is built: a run that lints a few files afresh (one named file, a warm cache)
/// never pays for the DFA, a cold run over thousands pays for it once.
const SCANS_BEFORE_DFA: usize = 32;

/// One Aho-Corasick automaton over every enabled rule's needles, built on first use: a
/// contiguous NFA for the first files, a DFA once enough files are scanned. Both find the
/// same matches.
pub(super) struct Prefilter {
    patterns: Vec<&'static str>,
    nfa: OnceLock<Option<AhoCorasick>>,
    dfa: OnceLock<Option<AhoCorasick>>,
    scans: AtomicUsize,
    /// For each pattern: the rule slot and the needle group it belongs to.
    pub(super) owners: Vec<(usize, usize)>,
    /// For each rule slot: the bit mask of all its groups (0 = always runs).
    pub(super) required: Vec<u64>,
}

impl Prefilter {
    pub(super) fn new(enabled: &[Enabled]) -> Prefilter {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut required = Vec::new();
        for (slot, rule) in enabled.iter().enumerate() {
            let groups = RULES[rule.index].rule.needles();
            let mut mask = 0u64;
            for (g, group) in groups.iter().enumerate().take(64) {
                mask |= 1 << g;
                for needle in *group {
                    patterns.push(*needle);
                    owners.push((slot, g));
                }
            }
            required.push(mask);
        }
        Prefilter {
            patterns,
            nfa: OnceLock::new(),
            dfa: OnceLock::new(),
            scans: AtomicUsize::new(0),
            owners,
            required,
        }
    }

    /// The automaton to scan the next file with.
    fn automaton(&self) -> Option<&AhoCorasick> {
        if self.patterns.is_empty() {
            return None;
        }
        let build = |kind| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(kind))
                .build(&self.patterns)
                .ok()
        };
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref();
        }
        if self.scans.fetch_add(1, Ordering::Relaxed) < SCANS_BEFORE_DFA {
            return self
                .nfa
                .get_or_init(|| build(AhoCorasickKind::ContiguousNFA))
                .as_ref();
        }
        self.dfa
            .get_or_init(|| build(AhoCorasickKind::DFA))
            .as_ref()
    }

    /// Which of the candidate slots may match this text.
    pub(super) fn active(&self, text: &[u8], candidates: &[usize]) -> Vec<usize> {
        let mut seen = vec![0u64; self.required.len()];
        let needs_scan = candidates.iter().any(|s| self.required[*s] != 0);
        if needs_scan {
            if let Some(ac) = self.automaton() {
                let mut remaining = candidates
                    .iter()
                    .filter(|s| self.required[**s] != 0)
                    .count();
                for m in ac.find_overlapping_iter(text) {
                    let (slot, group) = self.owners[m.pattern().as_usize()];
                    let before = seen[slot];
                    seen[slot] |= 1 << group;
                    if before != self.required[slot]
                        && seen[slot] == self.required[slot]
                        && candidates.contains(&slot)
                    {
                        remaining -= 1;
                        if remaining == 0 {
                            break;
                        }
                    }
                }
            }
        }
        candidates
            .iter()
            .copied()
            .filter(|s| seen[*s] == self.required[*s])
            .collect()
    }
}
