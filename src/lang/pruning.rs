//! Which nodes the walk may skip: per grammar, the bytes that a node of each kind always
//! holds (its witnesses), and the kinds judged by their text.

use tree_sitter::Node;

use crate::lang::{self};

/// Per kind id of one grammar: whether the walk may judge a node of that kind by its text
/// (`may_hold_witnessed_kind`), and the brackets of the kinds judged by the text inside them.
#[derive(Default)]
pub struct Pruning {
    pub prunable: Vec<bool>,
    pub brackets: Vec<Option<(u8, u8)>>,
}

impl Pruning {
    pub fn new(
        language: &tree_sitter::Language,
        prunable: Option<&[&str]>,
        bracketed: &[(&str, u8, u8)],
    ) -> Pruning {
        let count = language.node_kind_count();
        let prunable = match prunable {
            Some(kinds) => lang::kind_ids_named(language, kinds),
            None => vec![true; count],
        };
        let brackets = (0..count)
            .map(|id| {
                let name = u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))?;
                bracketed
                    .iter()
                    .find(|(kind, _, _)| *kind == name)
                    .map(|(_, open, close)| (*open, *close))
            })
            .collect();
        Pruning { prunable, brackets }
    }
}

/// True when the walk does not step into `node`: its kind is opaque, and it is not a Python
/// f-string or template string (`f"..."`, `rf'...'`, `t"..."`: the prefix letters before the
/// first quote hold an `f` or a `t`), whose interpolations hold expressions.
pub fn closed_for_walk(node: Node, opaque: &[bool], python: bool, src: &[u8]) -> bool {
    if !opaque
        .get(usize::from(node.kind_id()))
        .copied()
        .unwrap_or(false)
    {
        return false;
    }
    !python
        || !src
            .get(node.start_byte()..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| !matches!(c, b'"' | b'\''))
            .any(|c| matches!(c, b'f' | b'F' | b't' | b'T'))
}

/// For each Python node kind the walk may prune for: bytes one of which its text always
/// holds. A call has its `(`; a `for` statement, `if`, class, decorated definition's `def` and
/// pair their `:`; a comprehension's `for` clause has the brackets around it below any node
/// that holds it; a keyword argument its `=`, an assignment its `=` or annotation `:`; a
/// subscript its `[`, a string its quote, an interpolation its `{`, a decorated definition
/// its `@`. `module` is the root: it is never below another node.
pub const PY_WITNESSES: &[(&str, &[u8])] = &[
    ("module", b""),
    ("call", b"("),
    ("for_statement", b":"),
    ("for_in_clause", b"([{"),
    ("keyword_argument", b"="),
    ("assignment", b"=:"),
    ("pair", b":"),
    ("string", b"'\""),
    ("interpolation", b"{"),
    ("decorated_definition", b"@"),
    ("subscript", b"["),
    ("if_statement", b":"),
    ("class_definition", b":"),
];

/// For each JavaScript / TypeScript node kind the walk may prune for: bytes one of which
/// lies between the start and the end of any `JS_PRUNABLE_KINDS` node that holds one. Most
/// are the node's own: a call's `(` (or the backtick of a tagged template), an arrow's `=>`,
/// a function's `(` and `{`, an assignment's `=`, a member access's `.`, a subscript's `[`,
/// a pair's `:`, a string's quote. Statements, declarations and class members are below an
/// expression only inside a function or class body, so such a node holds that body's `{`.
/// `program` is the root.
pub const JS_WITNESSES: &[(&str, &[u8])] = &[
    ("program", b""),
    ("call_expression", b"(`"),
    ("arrow_function", b"="),
    ("function_expression", b"({"),
    ("function", b"({"),
    ("generator_function", b"({"),
    ("method_definition", b"({"),
    ("function_declaration", b"{"),
    ("generator_function_declaration", b"{"),
    ("class_declaration", b"{"),
    ("import_statement", b"{"),
    ("export_statement", b"{"),
    ("throw_statement", b"{"),
    ("if_statement", b"{"),
    ("variable_declarator", b"{"),
    ("public_field_definition", b"{"),
    ("field_definition", b"{"),
    ("assignment_expression", b"="),
    ("member_expression", b"."),
    ("subscript_expression", b"["),
    ("pair", b":"),
    ("string", b"'\""),
    ("template_string", b"`"),
];

/// JavaScript / TypeScript kinds whose children are expressions, patterns, types and
/// tokens, never a statement, declaration or class member: the only kinds the walk judges
/// by their text. (A block, a class body, a declaration list or an `else` may hold a
/// statement directly, without a `{` of its own below them.)
pub const JS_PRUNABLE_KINDS: &[&str] = &[
    "expression_statement",
    "return_statement",
    "variable_declarator",
    "arguments",
    "array",
    "object",
    "pair",
    "parenthesized_expression",
    "member_expression",
    "subscript_expression",
    "call_expression",
    "new_expression",
    "binary_expression",
    "unary_expression",
    "update_expression",
    "ternary_expression",
    "await_expression",
    "yield_expression",
    "assignment_expression",
    "augmented_assignment_expression",
    "sequence_expression",
    "spread_element",
    "template_string",
    "template_substitution",
    "arrow_function",
    "formal_parameters",
    "required_parameter",
    "optional_parameter",
    "object_pattern",
    "array_pattern",
    "assignment_pattern",
    "object_assignment_pattern",
    "pair_pattern",
    "rest_pattern",
    "computed_property_name",
    "as_expression",
    "satisfies_expression",
    "non_null_expression",
    "type_annotation",
    "type_arguments",
];

/// Nodes longer than this are stepped into without looking at their text: the look is
/// bounded, so a deep chain of long nodes cannot make the walk quadratic.
pub const WITNESS_LOOK_LIMIT: usize = 256;

/// Python node kinds whose first and last bytes are their own brackets, which no node below
/// them holds: only the text between is looked at. Not the comprehensions, whose brackets
/// are the witnesses of the `for` clause inside. (A generator given as the only argument,
/// `f(x for x in y)`, is a `generator_expression` that owns the parentheses, not an argument
/// list.)
pub const PY_BRACKETED_KINDS: &[(&str, u8, u8)] = &[
    ("argument_list", b'(', b')'),
    ("parameters", b'(', b')'),
    ("list", b'[', b']'),
    ("tuple", b'(', b')'),
    ("dictionary", b'{', b'}'),
    ("set", b'{', b'}'),
    ("parenthesized_expression", b'(', b')'),
];

/// The same for JavaScript / TypeScript.
pub const JS_BRACKETED_KINDS: &[(&str, u8, u8)] = &[
    ("arguments", b'(', b')'),
    ("formal_parameters", b'(', b')'),
    ("array", b'[', b']'),
    ("object", b'{', b'}'),
    ("parenthesized_expression", b'(', b')'),
    ("object_pattern", b'{', b'}'),
    ("array_pattern", b'[', b']'),
];

/// False when nothing below `node` can be of a kind whose witness bytes are `witnesses`: it
/// is of a prunable kind, holds no syntax error, and its text (inside the brackets for
/// bracketed kinds, when they are there) is short and holds none of them.
pub fn may_hold_witnessed_kind(
    node: Node,
    src: &[u8],
    witnesses: &[bool; 256],
    pruning: &Pruning,
) -> bool {
    let kind = usize::from(node.kind_id());
    if node.byte_range().len() > WITNESS_LOOK_LIMIT
        || pruning.prunable.get(kind) != Some(&true)
        || node.has_error()
    {
        return true;
    }
    let Some(mut text) = src.get(node.byte_range()) else {
        return true;
    };
    if let Some(Some((open, close))) = pruning.brackets.get(kind) {
        if let [first, inside @ .., last] = text {
            if first == open && last == close {
                text = inside;
            }
        }
    }
    text.iter().any(|c| witnesses[usize::from(*c)])
}
