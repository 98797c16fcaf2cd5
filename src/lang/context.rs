//! What rules and fact collectors see of a parsed JavaScript, TypeScript or Python file,
//! with the answers about the whole file that several of them ask, computed once.

use std::sync::OnceLock;

use tree_sitter::Node;

use crate::lang::FileKind;
use crate::lang::tree::{FieldExt, KindExt};
use crate::source::SourceFile;

/// What a rule sees of a parsed JavaScript, TypeScript or Python file.
pub struct TreeContext<'a> {
    pub file: &'a SourceFile,
    pub src: &'a str,
    pub kind: FileKind,
    pub root: Node<'a>,
    module_constants: OnceLock<Vec<String>>,
    /// Class names and byte ranges (not nodes, which would tie the cache to the tree's
    /// lifetime and make this context invariant over it).
    classes: OnceLock<Vec<(String, std::ops::Range<usize>)>>,
    /// Answers about the whole file that rules ask per node (`text_fact`), by question.
    text_facts: std::sync::Mutex<Vec<(&'static str, bool)>>,
    /// Answers about one node that several nodes of the walk ask (`node_fact`): by question
    /// and node id.
    node_facts: std::cell::RefCell<Vec<(&'static str, usize, bool)>>,
    /// The last Python call asked about in `py_callee_name` (its node id) and the byte
    /// range of the answer: several rules ask it of the call the walk is at.
    py_callee: std::cell::Cell<Option<(usize, Option<NameSpan>)>>,
}

/// A name's byte range in the source, as `(start, end)`.
type NameSpan = (usize, usize);

impl<'a> TreeContext<'a> {
    pub fn new(file: &'a SourceFile, kind: FileKind, root: Node<'a>) -> TreeContext<'a> {
        TreeContext {
            file,
            src: &file.text,
            kind,
            root,
            module_constants: OnceLock::new(),
            classes: OnceLock::new(),
            text_facts: std::sync::Mutex::new(Vec::new()),
            node_facts: std::cell::RefCell::new(Vec::new()),
            py_callee: std::cell::Cell::new(None),
        }
    }

    /// `py::callee_name` of a Python call, remembered for the last call asked about.
    pub fn py_callee_name(&self, call: Node) -> Option<&'a str> {
        let id = call.id();
        let range = match self.py_callee.get() {
            Some((known, range)) if known == id => range,
            _ => {
                let range = crate::lang::py::callee_name(call, self.src).map(|name| {
                    let start = name.as_ptr() as usize - self.src.as_ptr() as usize;
                    (start, start + name.len())
                });
                self.py_callee.set(Some((id, range)));
                range
            }
        };
        range.and_then(|(start, end)| self.src.get(start..end))
    }

    /// A yes/no question about the file's text, answered once per file: `question` names
    /// it (one name, one question), `answer` is run on the source the first time it is
    /// asked. For the per-node checks that only make sense when some text occurs anywhere
    /// in the file.
    pub fn text_fact(&self, question: &'static str, answer: impl FnOnce(&str) -> bool) -> bool {
        let Ok(mut facts) = self.text_facts.lock() else {
            return answer(self.src);
        };
        if let Some((_, known)) = facts.iter().find(|(q, _)| *q == question) {
            return *known;
        }
        let known = answer(self.src);
        facts.push((question, known));
        known
    }

    /// A yes/no question about one node, answered once per file: `question` names it (one
    /// name, one question), `answer` is run the first time it is asked of `node`. For
    /// answers about an enclosing node (a loop) that each node inside it asks.
    pub fn node_fact(
        &self,
        question: &'static str,
        node: Node,
        answer: impl FnOnce() -> bool,
    ) -> bool {
        let id = node.id();
        let known = self
            .node_facts
            .borrow()
            .iter()
            .find(|(q, n, _)| *n == id && *q == question)
            .map(|(_, _, known)| *known);
        if let Some(known) = known {
            return known;
        }
        // Answered before borrowing: the answer may ask other node facts.
        let known = answer();
        self.node_facts.borrow_mut().push((question, id, known));
        known
    }

    /// The class the file defines under `name` (the first, at any depth: Python
    /// `class_definition`, JS `class_declaration`); all classes are found in one walk on
    /// first use.
    pub fn class_named(&self, name: &str) -> Option<Node<'a>> {
        let classes = self.classes.get_or_init(|| {
            crate::lang::tree::descendants(self.root)
                .filter(|n| matches!(n.kind_name(), "class_definition" | "class_declaration"))
                .filter_map(|n| {
                    let name = n.field("name")?;
                    Some((
                        crate::lang::tree::text(name, self.src).to_string(),
                        n.byte_range(),
                    ))
                })
                .collect()
        });
        let (_, range) = classes.iter().find(|(n, _)| n == name)?;
        self.root
            .named_descendant_for_byte_range(range.start, range.end)
            .filter(|n| matches!(n.kind_name(), "class_definition" | "class_declaration"))
    }

    /// Names bound to literals at module level (`const TABLE = 'users'`, `TABLE = "users"`),
    /// computed once per file on first use.
    pub fn module_constants(&self) -> &[String] {
        self.module_constants.get_or_init(|| {
            if self.kind == FileKind::Py {
                crate::lang::py::module_literal_constants(self.root, self.src)
            } else {
                crate::lang::js::module_literal_constants(self.root, self.src)
            }
        })
    }
}
