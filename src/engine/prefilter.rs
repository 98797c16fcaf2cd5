//! The prefilter: one Aho-Corasick automaton over every enabled rule's needles decides
//! which rules may match a file before it is parsed.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::Enabled;
use crate::rules::RULES;

/// One Aho-Corasick automaton over every enabled rule's needles.
pub(super) struct Prefilter {
    pub(super) automaton: Option<AhoCorasick>,
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
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        Prefilter {
            automaton,
            owners,
            required,
        }
    }

    /// Which of the candidate slots may match this text.
    pub(super) fn active(&self, text: &[u8], candidates: &[usize]) -> Vec<usize> {
        let mut seen = vec![0u64; self.required.len()];
        let needs_scan = candidates.iter().any(|s| self.required[*s] != 0);
        if needs_scan {
            if let Some(ac) = &self.automaton {
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
