//! The walk: one pre-order pass over a file's tree, dispatching each node to the rules and
//! collectors that asked for its kind, and skipping what none of them can look at.

use std::collections::HashMap;

use tree_sitter::Node;

use super::Enabled;
use crate::lang::pruning::{JS_BRACKETED_KINDS, JS_PRUNABLE_KINDS, PY_BRACKETED_KINDS, Pruning};
use crate::lang::{self, Grammar};
use crate::rules::RULES;

/// Per-grammar tables from node kind id to the rules that want that kind.
pub(super) struct Dispatch {
    pub(super) tables: [Vec<Vec<u16>>; 4],
    /// Per grammar and kind id: nodes whose children no rule or collector looks at (the
    /// quotes and fragments of a string, the parts of a regex literal); the walk does not
    /// step into them. A Python f-string or t-string stays open (`closed_for_walk`).
    pub(super) opaque: [Vec<bool>; 4],
    /// Per grammar: which nodes the walk may skip the insides of (`Pruning`).
    pub(super) pruning: [Pruning; 4],
}

impl Dispatch {
    pub(super) fn new(enabled: &[Enabled]) -> Dispatch {
        let mut tables: [Vec<Vec<u16>>; 4] = Default::default();
        let mut opaque: [Vec<bool>; 4] = Default::default();
        let mut pruning: [Pruning; 4] = Default::default();
        // A rule that asks for the parts of a string or regex keeps them open.
        let parts_wanted = enabled.iter().any(|rule| {
            let rule = RULES[rule.index].rule;
            rule.js_node_kinds()
                .iter()
                .chain(rule.py_node_kinds())
                .any(|k| {
                    matches!(
                        *k,
                        "string_fragment"
                            | "escape_sequence"
                            | "regex_pattern"
                            | "regex_flags"
                            | "string_start"
                            | "string_content"
                            | "string_end"
                            | "escape_interpolation"
                    )
                })
        });
        for grammar in Grammar::ALL {
            let language = grammar.language();
            let count = language.node_kind_count();
            let mut table = vec![Vec::new(); count];
            // The ids of each named kind (a name can have several), looked up once.
            let mut ids_by_name: HashMap<&str, Vec<usize>> = HashMap::new();
            for id in 0..count {
                let Ok(id16) = u16::try_from(id) else { break };
                if !language.node_kind_is_named(id16) {
                    continue;
                }
                if let Some(name) = language.node_kind_for_id(id16) {
                    ids_by_name.entry(name).or_default().push(id);
                }
            }
            for (slot, rule) in enabled.iter().enumerate() {
                let entry = &RULES[rule.index];
                let kinds = if grammar == Grammar::Py {
                    entry.rule.py_node_kinds()
                } else {
                    entry.rule.js_node_kinds()
                };
                let Ok(slot) = u16::try_from(slot) else {
                    continue;
                };
                for kind in kinds {
                    for id in ids_by_name.get(kind).into_iter().flatten() {
                        if let Some(cell) = table.get_mut(*id) {
                            cell.push(slot);
                        }
                    }
                }
            }
            tables[grammar.index()] = table;
            // Python strings are closed too, except f- and t-strings, whose interpolations
            // hold expressions (`closed_for_walk`).
            let closed: &[&str] = if parts_wanted {
                &[]
            } else if grammar == Grammar::Py {
                &["string"]
            } else {
                &["string", "regex"]
            };
            opaque[grammar.index()] = lang::kind_ids_named(&language, closed);
            pruning[grammar.index()] = if grammar == Grammar::Py {
                Pruning::new(&language, None, PY_BRACKETED_KINDS)
            } else {
                Pruning::new(&language, Some(JS_PRUNABLE_KINDS), JS_BRACKETED_KINDS)
            };
        }
        Dispatch {
            tables,
            opaque,
            pruning,
        }
    }
}

/// Nodes nested deeper than this are not shown to rules and collectors: no real code nests
/// so deep, and questions about such nodes (their ancestors) would cost the square of the
/// depth. The walk itself still visits them, iteratively.
pub(super) const MAX_VISITED_DEPTH: u32 = 1_000;

/// Pre-order walk of the whole tree with one cursor, not stepping into `opaque` kinds.
/// False when named nodes lay deeper than `MAX_VISITED_DEPTH` and were not visited.
pub(super) fn walk<'t>(
    root: Node<'t>,
    closed: impl Fn(Node<'t>) -> bool,
    mut visit: impl FnMut(Node<'t>),
) -> bool {
    let mut cursor = root.walk();
    // Counted here: asking the cursor for its depth costs the depth itself.
    let mut depth: u32 = 0;
    let mut complete = true;
    loop {
        let node = cursor.node();
        // Every consumer dispatches on named kinds: punctuation and keywords (about half
        // the nodes) are stepped over, not visited.
        if node.is_named() {
            if depth <= MAX_VISITED_DEPTH {
                visit(node);
            } else {
                complete = false;
            }
        }
        // Leaves are most nodes: asking for their child count is cheaper than asking the
        // cursor to step down and fail.
        let step_in = node.child_count() > 0 && !closed(node);
        if step_in && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return complete;
            }
            depth = depth.saturating_sub(1);
        }
    }
}
