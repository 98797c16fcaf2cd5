//! Tree-sitter helpers shared by every grammar. Nothing here recurses on tree depth.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::num::NonZeroU16;
use std::sync::OnceLock;

use tree_sitter::{Node, TreeCursor};

use crate::lang::Grammar;

/// `child_by_field_name` with the field id looked up once per grammar and name, instead of
/// by comparing the name with each of the grammar's field names on every call (which cost
/// about 5 % of a run).
pub trait FieldExt<'t> {
    /// The child in field `name` (a string literal: it is cached by address).
    fn field(&self, name: &'static str) -> Option<Node<'t>>;
}

impl<'t> FieldExt<'t> for Node<'t> {
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        let id = field_id(*self, name)?;
        self.child_by_field_id(id.get())
    }
}

/// A grammar, told apart by its counts of node kinds and fields (distinct for the grammars
/// backlint parses: a unit test checks it), and a field name by its address and length.
type FieldKey = (usize, usize, usize, usize);

/// A hasher for `FieldKey`s: four words, no need for SipHash's defence against collisions.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
}

thread_local! {
    static FIELD_IDS: RefCell<HashMap<FieldKey, Option<NonZeroU16>, BuildHasherDefault<WordHasher>>> =
        RefCell::new(HashMap::default());
}

fn field_id(node: Node, name: &'static str) -> Option<NonZeroU16> {
    let language = node.language();
    let key = (
        language.node_kind_count(),
        language.field_count(),
        name.as_ptr() as usize,
        name.len(),
    );
    FIELD_IDS.with(|ids| {
        *ids.borrow_mut()
            .entry(key)
            .or_insert_with(|| language.field_id_for_name(name))
    })
}

/// `Node::kind` from a table of names built once per grammar. `Node::kind` measures and
/// validates the name's C string on every call, which cost about 2 % of a run; the walk
/// and the rules ask for kinds hundreds of thousands of times.
pub trait KindExt<'t> {
    /// The node's kind, as `Node::kind` names it.
    fn kind_name(&self) -> &'t str;
}

/// The kind names of one grammar, by kind id, and the counts that tell the grammar apart.
struct KindNames {
    kinds: usize,
    fields: usize,
    names: Box<[Box<str>]>,
}

static KIND_NAMES: OnceLock<Vec<KindNames>> = OnceLock::new();

fn kind_names() -> &'static [KindNames] {
    KIND_NAMES.get_or_init(|| {
        Grammar::ALL
            .iter()
            .map(|grammar| {
                let language = grammar.language();
                let names = (0..language.node_kind_count())
                    .map(|id| {
                        u16::try_from(id)
                            .ok()
                            .and_then(|id| language.node_kind_for_id(id))
                            .unwrap_or_default()
                            .into()
                    })
                    .collect();
                KindNames {
                    kinds: language.node_kind_count(),
                    fields: language.field_count(),
                    names,
                }
            })
            .collect()
    })
}

impl<'t> KindExt<'t> for Node<'t> {
    #[allow(clippy::disallowed_methods)]
    fn kind_name(&self) -> &'t str {
        let language = self.language();
        let (kinds, fields) = (language.node_kind_count(), language.field_count());
        kind_names()
            .iter()
            .find(|table| table.kinds == kinds && table.fields == fields)
            .and_then(|table| table.names.get(usize::from(self.kind_id())))
            .map(|name| &**name)
            // The error kinds' ids lie outside the table.
            .unwrap_or_else(|| self.kind())
    }
}

/// The first place a parse went wrong: where it starts, and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxErrorAt {
    pub range: std::ops::Range<usize>,
    pub message: String,
}

/// The first error or missing node of a tree in document order, if the tree has one:
/// descends through the first child holding an error, with no recursion.
pub fn first_syntax_error(root: Node<'_>, src: &str) -> Option<SyntaxErrorAt> {
    if !root.has_error() {
        return None;
    }
    let mut node = root;
    while !node.is_error() && !node.is_missing() {
        let mut cursor = node.walk();
        let Some(next) = node.children(&mut cursor).find(|c| c.has_error()) else {
            break;
        };
        node = next;
    }
    if node.is_missing() {
        let at = node.start_byte();
        return Some(SyntaxErrorAt {
            range: at..at,
            message: format!("missing `{}`", node.kind_name()),
        });
    }
    // An error node holds the complete constructs before the point where parsing failed
    // and the tokens it could not place: the first token it could not place (a leaf of its
    // own, or in a nested error node) is where the text stops making sense.
    let mut token = node;
    loop {
        let mut cursor = token.walk();
        let stray = token.children(&mut cursor).find(|c| {
            c.is_error()
                || c.is_missing()
                || (c.child_count() == 0 && !c.kind_name().contains("comment"))
        });
        match stray {
            Some(next) if next.child_count() > 0 => token = next,
            Some(leaf) => {
                token = leaf;
                break;
            }
            None => {
                while let Some(first) = token.child(0) {
                    token = first;
                }
                break;
            }
        }
    }
    if token.is_missing() {
        let at = token.start_byte();
        return Some(SyntaxErrorAt {
            range: at..at,
            message: format!("missing `{}`", token.kind_name()),
        });
    }
    let range = if token.byte_range().is_empty() {
        node.byte_range()
    } else {
        token.byte_range()
    };
    let shown: String = text(token, src)
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    let message = if shown.trim().is_empty() {
        "unexpected text".to_string()
    } else {
        format!("cannot parse from `{}` on", shown.trim())
    };
    Some(SyntaxErrorAt { range, message })
}

/// The source text of a node.
pub fn text<'s>(node: Node, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// How deep below its start a subtree scan goes. Real code nests far less; pathological
/// input (tens of thousands of brackets) is not followed down, which keeps every scan, and
/// the ancestor questions rules ask about what it finds, bounded.
pub const MAX_SCAN_DEPTH: u32 = 256;

/// Pre-order iterator over a node and its descendants (down to `MAX_SCAN_DEPTH` levels),
/// driven by a cursor.
pub struct Descendants<'t> {
    cursor: TreeCursor<'t>,
    depth: u32,
    done: bool,
}

impl Descendants<'_> {
    /// Moves into the current node's first child, unless it has none or the depth bound is
    /// reached; then past its subtree.
    fn advance(&mut self) {
        if self.depth < MAX_SCAN_DEPTH && self.cursor.goto_first_child() {
            self.depth += 1;
        } else {
            self.advance_past_subtree();
        }
    }

    /// Moves to the next sibling, or up until there is one; done at the end of the walk.
    fn advance_past_subtree(&mut self) {
        loop {
            if self.depth > 0 && self.cursor.goto_next_sibling() {
                return;
            }
            if self.depth == 0 || !self.cursor.goto_parent() {
                self.done = true;
                return;
            }
            self.depth -= 1;
        }
    }
}

impl<'t> Iterator for Descendants<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if self.done {
            return None;
        }
        let node = self.cursor.node();
        self.advance();
        Some(node)
    }
}

/// Every node of the subtree rooted at `node`, in pre-order, the node itself first.
/// The cursor is rooted at `node`, so the walk never leaves the subtree.
pub fn descendants(node: Node<'_>) -> Descendants<'_> {
    Descendants {
        cursor: node.walk(),
        depth: 0,
        done: false,
    }
}

/// `descendants`, pruned to the subtrees whose text contains `word`: a subtree without it is
/// neither yielded nor entered. The nodes yielded are those of `descendants` that contain
/// the word, in the same order, so a search for what binds a name visits only the few
/// statements that mention it.
pub fn descendants_mentioning<'t>(node: Node<'t>, src: &str, word: &str) -> Mentioning<'t> {
    let range = node.byte_range();
    let occurrences: Vec<usize> = if word.is_empty() {
        Vec::new()
    } else {
        src.get(range.clone())
            .map(|t| {
                t.match_indices(word)
                    .map(|(i, _)| range.start + i)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut walk = descendants(node);
    walk.done = occurrences.is_empty();
    Mentioning {
        walk,
        occurrences,
        len: word.len(),
    }
}

pub struct Mentioning<'t> {
    /// The unpruned walk, whose steps this one takes or skips.
    walk: Descendants<'t>,
    /// Sorted start bytes of the word's occurrences.
    occurrences: Vec<usize>,
    len: usize,
}

impl Mentioning<'_> {
    fn mentions(&self, node: Node) -> bool {
        let i = self.occurrences.partition_point(|p| *p < node.start_byte());
        self.occurrences
            .get(i)
            .is_some_and(|p| p + self.len <= node.end_byte())
    }
}

impl<'t> Iterator for Mentioning<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        while !self.walk.done {
            let node = self.walk.cursor.node();
            if !self.mentions(node) {
                self.walk.advance_past_subtree();
                continue;
            }
            self.walk.advance();
            return Some(node);
        }
        None
    }
}

/// How far up `ancestors` looks. tree-sitter finds a node's parent by descending from the
/// root, so walking all the way up from a node nested tens of thousands deep would cost the
/// square of its depth; no question a rule asks needs more than this many levels.
pub const MAX_ANCESTORS: usize = 512;

/// The ancestors of a node, nearest first, at most `MAX_ANCESTORS` of them.
///
/// tree-sitter nodes hold no parent link: `Node::parent` descends from the root each time,
/// so walking up with it costs the square of the depth. The path is found once, with one
/// descent from the root (the same steps `Node::parent` takes), and read backwards.
pub fn ancestors(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    let mut path = Vec::new();
    let mut current = root_of(node);
    while current.id() != node.id() {
        path.push(current);
        match current.child_with_descendant(node) {
            Some(next) => current = next,
            None => break,
        }
    }
    path.into_iter().rev().take(MAX_ANCESTORS)
}

/// The root node of the tree `node` belongs to.
pub fn root_of(node: Node<'_>) -> Node<'_> {
    let raw = node.into_raw();
    // SAFETY: a node carries a pointer to its tree, which lives at least as long as the
    // node's lifetime; the tree's root node is valid for as long as the tree.
    unsafe { Node::from_raw(tree_sitter::ffi::ts_tree_root_node(raw.tree)) }
}

/// The first named child of the given kind.
pub fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|c| c.kind_name() == kind)
}

/// Named children, collected.
pub fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// True when `inner` lies within `outer` (or is it).
pub fn contains(outer: Node, inner: Node) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// Bindings of a name visible at `at`, in either language: those of the nearest enclosing
/// function that binds it (none when a function on the way has it as a parameter), else the
/// module's. A binding whose value holds `at` (`sql = sql + ...`) is not made yet there. The
/// language answers the questions: `bindings_in(scope)` (made before `at`),
/// `is_parameter(function)`, `module_bindings()` and the `value` of a binding.
pub fn visible_bindings<'t, B>(
    at: Node<'t>,
    enclosing_function: impl Fn(Node<'t>) -> Option<Node<'t>>,
    bindings_in: impl Fn(Node<'t>) -> Vec<B>,
    is_parameter: impl Fn(Node<'t>) -> bool,
    module_bindings: impl FnOnce() -> Vec<B>,
    value: impl Fn(&B) -> Node<'t>,
) -> Vec<B> {
    let made_before = |mut found: Vec<B>| {
        found.retain(|b| !contains(value(b), at));
        found
    };
    let mut scope = enclosing_function(at);
    while let Some(function) = scope {
        let found = made_before(bindings_in(function));
        if !found.is_empty() {
            return found;
        }
        if is_parameter(function) {
            return Vec::new();
        }
        scope = enclosing_function(function);
    }
    made_before(module_bindings())
}

/// The first named child that is not a comment: the expression inside `( /* why */ x )`.
pub fn first_named_child_not_comment(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .find(|c| c.kind_name() != "comment")
}

/// Skips wrapping parentheses and TypeScript type wrappers (`x as T`, `x!`, `<T>x`,
/// `x satisfies T`) to the expression inside.
pub fn unwrap_expression(mut node: Node<'_>) -> Node<'_> {
    for _ in 0..64 {
        match node.kind_name() {
            "parenthesized_expression"
            | "as_expression"
            | "non_null_expression"
            | "satisfies_expression" => match first_named_child_not_comment(node) {
                Some(inner) => node = inner,
                None => return node,
            },
            "type_assertion" => match node
                .named_child(u32::try_from(node.named_child_count().saturating_sub(1)).unwrap_or(0))
            {
                Some(inner) => node = inner,
                None => return node,
            },
            _ => return node,
        }
    }
    node
}

/// The nearest ancestor that is a statement of a block: the node whose parent is one of
/// `block_kinds` (or the node itself when its parent is).
pub fn statement_of<'t>(node: Node<'t>, block_kinds: &[&str]) -> Option<Node<'t>> {
    let mut current = node;
    loop {
        let parent = current.parent()?;
        if block_kinds.contains(&parent.kind_name()) {
            return Some(current);
        }
        current = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field-id cache tells grammars apart by their counts of kinds and fields, and
    /// answers as `child_by_field_name` does.
    #[test]
    fn field_ids_per_grammar() {
        use crate::lang::Grammar;
        let grammars = [Grammar::Js, Grammar::Ts, Grammar::Tsx, Grammar::Py];
        let keys: Vec<(usize, usize)> = grammars
            .iter()
            .map(|g| {
                let l = g.language();
                (l.node_kind_count(), l.field_count())
            })
            .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(a), "grammars share {a:?}");
        }
        for (grammar, src) in [
            (Grammar::Js, "f(a).b(c);"),
            (Grammar::Ts, "f<T>(a).b(c);"),
            (Grammar::Tsx, "f(<A b={c} />);"),
            (Grammar::Py, "f(a).b(c=1)"),
        ] {
            let Ok(tree) = crate::lang::parse(grammar, src) else {
                panic!("parse failed");
            };
            for node in descendants(tree.root_node()) {
                for name in [
                    "function",
                    "arguments",
                    "object",
                    "property",
                    "name",
                    "value",
                ] {
                    assert_eq!(node.field(name), node.child_by_field_name(name));
                }
            }
        }
    }

    /// `kind_name` names every node as `Node::kind` does: named and anonymous nodes, aliased
    /// ones (`property_identifier`, `shorthand_property_identifier`), and the error and
    /// missing nodes of broken code.
    #[test]
    #[allow(clippy::disallowed_methods)]
    fn kind_names_are_node_kinds() {
        use crate::lang::Grammar;
        for (grammar, src) in [
            (
                Grammar::Js,
                "const { a, b: [c] } = require('x'); app.get('/', async (req, res) => { try { await f(x?.[1] ?? `t${y}`) } catch { next() } });",
            ),
            (
                Grammar::Ts,
                "export abstract class K<T extends object> implements I { private readonly m?: Map<string, T>; @D() async n(this: K<T>, ...r: unknown[]): Promise<void> { label: for (const k in this) break label; } }",
            ),
            (
                Grammar::Tsx,
                "const a = (b as any)!.c<T>(<A d={e}>{/* x */}<>f</></A>); enum E { X = 1 }",
            ),
            (
                Grammar::Js,
                "function f( { if (a) { g(; } x = [1, (2, {y: ) ;",
            ),
            (
                Grammar::Py,
                "@app.get('/')\nasync def f(a: int = 1, *b, **c) -> None:\n    match a:\n        case [x, *_]: return {k: v async for k, v in g() if k}\n    raise E(f'{a!r:>10}') from None\n",
            ),
            (Grammar::Py, "def f(:\n  x = (1,\n  lambda: yield\n"),
        ] {
            let Ok(tree) = crate::lang::parse(grammar, src) else {
                panic!("parse failed");
            };
            let mut cursor = tree.walk();
            let mut seen = 0;
            'walk: loop {
                let node = cursor.node();
                assert_eq!(node.kind_name(), node.kind(), "{grammar:?} {src}");
                seen += 1;
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break 'walk;
                    }
                }
            }
            assert!(seen > 10, "{grammar:?}: only {seen} nodes");
        }
    }

    /// `ancestors` (one descent from the root) yields the chain `Node::parent` gives, for
    /// every node, also in trees with syntax errors and missing tokens.
    #[test]
    fn ancestors_are_the_parent_chain() {
        use crate::lang::Grammar;
        for (grammar, src) in [
            (
                Grammar::Js,
                "app.get('/', async (req, res) => { try { await f(x[1]) } catch (e) { next(e) } });",
            ),
            (
                Grammar::Tsx,
                "const a = (b as any)!.c<T>(<A d={e} />); class K { m = () => { return `${x}` } }",
            ),
            (
                Grammar::Js,
                "function f( { if (a) { g(; } x = [1, (2, {y: ) ;",
            ),
            (
                Grammar::Py,
                "def f(a):\n    if a:\n        return [x for x in a if g(x)]\n    raise E(f'{a!r}')\n",
            ),
            (Grammar::Py, "def f(:\n  x = (1,\n"),
        ] {
            let Ok(tree) = crate::lang::parse(grammar, src) else {
                panic!("parse failed");
            };
            for node in descendants(tree.root_node()) {
                let chain: Vec<usize> = std::iter::successors(node.parent(), |n| n.parent())
                    .map(|n| n.id())
                    .collect();
                let found: Vec<usize> = ancestors(node).map(|n| n.id()).collect();
                assert_eq!(found, chain, "{src:?} at {:?}", node.byte_range());
                assert_eq!(root_of(node).id(), tree.root_node().id());
            }
        }
    }

    /// The pruned walk yields exactly the nodes of the full walk whose text holds the word.
    #[test]
    fn descendants_mentioning_is_the_full_walk_filtered() {
        let src = "function f(a) { const user = load(a); if (a) { g(); } return users(user); }\nconst other = 1;\n";
        let tree = crate::lang::parse(crate::lang::Grammar::Js, src);
        let Ok(tree) = tree else {
            panic!("parse failed");
        };
        let root = tree.root_node();
        for word in ["user", "a", "other", "missing"] {
            let full: Vec<usize> = descendants(root)
                .filter(|n| text(*n, src).contains(word))
                .map(|n| n.id())
                .collect();
            let pruned: Vec<usize> = descendants_mentioning(root, src, word)
                .map(|n| n.id())
                .collect();
            assert_eq!(full, pruned, "{word}");
        }
    }
}
