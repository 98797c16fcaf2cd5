//! Resolving the label names of one item: the tags typed for one article, the keywords of
//! one imported recipe, the categories of one saved form. Each name is found, or created
//! when missing, by its name (`Tag.objects.get_or_create(name=name)`, `prisma.tag.upsert`,
//! `Keyword.objects.filter(name__iexact=kw).first()`); there are as many as that one item
//! carries, a handful, and a find-or-create has no one-query form that keeps its meaning.

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt, descendants, text};
use crate::lang::{js, py};
use crate::rules::TreeContext;
use crate::util::identifier_words;

use super::Lang;
use super::loops::{self, Loop};
use super::new_object::held_by_the_function;

/// Words of a table or model that holds labels attached to items by name.
const LABEL_WORDS: &[&str] = &[
    "tag",
    "tags",
    "keyword",
    "keywords",
    "label",
    "labels",
    "category",
    "categories",
];

/// Methods that find a row, or create it when missing.
const FIND_OR_CREATE: &[&str] = &[
    "get_or_create",
    "update_or_create",
    "findOrCreate",
    "upsert",
    "create",
    "insert",
];

/// True when the query finds or creates a label by its name once per name: the query's
/// table is a label table (`Tag`, `Keyword`, `prisma.tag`, `db("tags")`,
/// `select(AgentTag)`), and it either finds-or-creates a row or looks one up by a name
/// (`name=tag_name`, `name__iexact=kw`, `{ where: { name } }`). The loop must be the
/// function's outermost and must not walk the rows of a query: the names are those of one
/// item, not the labels of every row. The names are a collection the function holds (read
/// from one record or built from it), not the rows of a query, the request's input or a
/// list handed in as a parameter (see [`held_by_the_function`]).
pub(super) fn resolves_label_names(
    method_call: Node,
    lp: &Loop,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    let src = cx.src;
    let Some(iterable) = lp.iterable else {
        return false;
    };
    let Some(function) = (match lang {
        Lang::Js => js::enclosing_function(lp.node),
        Lang::Py => py::enclosing_function(lp.node),
    }) else {
        return false;
    };
    let outer_loop = match lang {
        Lang::Js => loops::js_enclosing_loop(lp.node, src),
        Lang::Py => loops::py_enclosing_loop(lp.node, src),
    };
    if outer_loop.is_some() || !held_by_the_function(iterable, function, cx, lang) {
        return false;
    }
    let (callee, method, args) = match lang {
        Lang::Js => (
            js::callee(method_call),
            js::callee_name(method_call, src),
            method_call.field("arguments"),
        ),
        Lang::Py => (
            method_call.field("function"),
            py::callee_name(method_call, src),
            method_call.field("arguments"),
        ),
    };
    let (Some(callee), Some(method), Some(args)) = (callee, method, args) else {
        return false;
    };
    if !names_a_label_table(callee, args, src) {
        return false;
    }
    FIND_OR_CREATE.contains(&method) || looks_up_by_name(args, src)
}

/// The query's receiver, or the statement it is given (`select(AgentTag)`), names a label
/// table.
fn names_a_label_table(callee: Node, args: Node, src: &str) -> bool {
    let has_label_word = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|part| {
                identifier_words(part)
                    .iter()
                    .any(|w| LABEL_WORDS.contains(&w.as_str()))
            })
    };
    if has_label_word(text(callee, src)) {
        return true;
    }
    // SQLAlchemy: `session.scalar(select(Tag).where(...))`, `session.execute(insert(Tag))`.
    let mut cursor = args.walk();
    let first = args.named_children(&mut cursor).next();
    first.is_some_and(|first| {
        descendants(first)
            .filter(|n| matches!(n.kind_name(), "call" | "call_expression"))
            .any(|call| {
                let name = match call.kind_name() {
                    "call" => py::callee_name(call, src),
                    _ => js::callee_name(call, src),
                };
                let statement = name.is_some_and(|n| matches!(n, "select" | "insert" | "update"));
                let mut cursor = call.walk();
                let table = call
                    .field("arguments")
                    .and_then(|a| a.named_children(&mut cursor).next());
                statement && table.is_some_and(|t| has_label_word(text(t, src)))
            })
    })
}

/// The query's arguments filter by a name: a keyword argument or property named for one
/// (`name=tag_name`, `name__iexact=kw`, `tagname=tag`, `{ where: { name } }`,
/// `Tag.name == name`).
fn looks_up_by_name(args: Node, src: &str) -> bool {
    descendants(args).any(|n| {
        let key = match n.kind_name() {
            "keyword_argument" => n.field("name"),
            "pair" => n.field("key"),
            "shorthand_property_identifier" => Some(n),
            "attribute" | "member_expression" => n.field("attribute").or(n.field("property")),
            _ => None,
        };
        key.is_some_and(|k| {
            let key = text(k, src).to_ascii_lowercase();
            key.contains("name") || key.contains("label") || key == "ref" || key == "slug"
        })
    })
}
