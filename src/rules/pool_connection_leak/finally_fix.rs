//! The fix of pool-connection-leak: the one release moved into `finally`.
//!
//! Two shapes are rewritten, both with the acquisition a statement of its own block:
//! - the release is a statement of that same block, after the acquisition, with no `try`
//!   around it: the statements after the acquisition are wrapped in `try { … } finally {
//!   <release> }` (Python `try: … finally: …`), re-indented one level;
//! - the statement right after the acquisition is a `try` with handlers and no `finally`,
//!   whose body releases as one of its statements: the release moves into a new `finally`.
//!
//! Anything else (several releases, a release in a branch, the connection used after its
//! release, a string spanning lines that re-indenting would change) gets no fix.

use std::ops::Range;

use tree_sitter::Node;

use super::{Lang, wraps_acquisition};
use crate::lang::layout::{indent_step, indentation, line_start, next_line_start};
use crate::lang::tree::{FieldExt, KindExt, descendants, text};

/// The edits that move `release` (the call that gives the connection back) into `finally`.
pub(super) fn move_release_into_finally(
    acquire: Node,
    release: Node,
    name: &str,
    lang: Lang,
    src: &str,
) -> Option<Vec<(Range<usize>, String)>> {
    let block_kind = match lang {
        Lang::Js => "statement_block",
        Lang::Py => "block",
    };
    let release_stmt = statement_holding(release)?;
    let release_block = release_stmt.parent()?;
    if release_block.kind_name() != block_kind {
        return None;
    }
    let release_line = whole_lines(release_stmt, src)?;
    let release_text = text(release_stmt, src).to_string();
    let acquire_stmt = statement_holding_acquisition(acquire, lang)?;
    let acquire_block = acquire_stmt.parent()?;
    if acquire_block.kind_name() != block_kind {
        return None;
    }
    let next = next_statement(acquire_stmt)?;
    if !src[acquire_stmt.end_byte()..next.start_byte()].contains('\n') {
        return None;
    }
    if release_block.id() == acquire_block.id() {
        if used_after(acquire_block, name, release_stmt.end_byte(), &[], src) {
            return None;
        }
        return wrap_in_try(acquire_block, next, release_line, &release_text, lang, src);
    }
    // The release is a statement of the body of the `try` that follows the acquisition.
    let try_stmt = release_block.parent()?;
    if try_stmt.kind_name() != "try_statement"
        || try_stmt.id() != next.id()
        || try_stmt.field("body").map(|b| b.id()) != Some(release_block.id())
    {
        return None;
    }
    let mut cursor = try_stmt.walk();
    let clauses: Vec<Node> = try_stmt.named_children(&mut cursor).collect();
    if clauses.iter().any(|c| c.kind_name() == "finally_clause") {
        return None;
    }
    let handlers: Vec<Node> = clauses
        .iter()
        .copied()
        .filter(|c| matches!(c.kind_name(), "catch_clause" | "except_clause"))
        .collect();
    let last_clause = *clauses.last()?;
    if handlers.is_empty() || last_clause.id() == release_block.id() {
        return None;
    }
    // The handlers may use the connection (a rollback): they run before the `finally`.
    if used_after(acquire_block, name, release_stmt.end_byte(), &handlers, src) {
        return None;
    }
    let try_indent = indentation(src, try_stmt.start_byte())?;
    let release_indent = indentation(src, release_stmt.start_byte())?;
    let unit = indent_step(try_indent, release_indent)?;
    let mut edits = vec![(release_line, String::new())];
    match lang {
        Lang::Js => edits.push((
            last_clause.end_byte()..last_clause.end_byte(),
            format!(" finally {{\n{try_indent}{unit}{release_text}\n{try_indent}}}"),
        )),
        Lang::Py => {
            let at = next_line_start(src, last_clause.end_byte());
            let newline = if at == src.len() && !src.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            edits.push((
                at..at,
                format!("{newline}{try_indent}finally:\n{try_indent}{unit}{release_text}\n"),
            ));
        }
    }
    Some(edits)
}

/// Wraps the statements of `block` from `first` to its end in `try`, deleting the release's
/// lines and putting the release in `finally`.
fn wrap_in_try(
    block: Node,
    first: Node,
    release_line: Range<usize>,
    release_text: &str,
    lang: Lang,
    src: &str,
) -> Option<Vec<(Range<usize>, String)>> {
    let start = line_start(src, first.start_byte());
    if release_line.start == start || !src[start..first.start_byte()].trim().is_empty() {
        return None;
    }
    let outer = indentation(src, first.start_byte()).filter(|o| !o.is_empty())?;
    // One level: what the block's statements add to the line that opens it.
    let opener = match lang {
        Lang::Js => block.start_byte(),
        Lang::Py => block.parent()?.start_byte(),
    };
    let opener_indent = &src[line_start(src, opener)..];
    let opener_indent = &opener_indent[..opener_indent.len() - opener_indent.trim_start().len()];
    let default_unit = match lang {
        Lang::Js => "  ",
        Lang::Py => "    ",
    };
    let unit = indent_step(opener_indent, outer).unwrap_or(default_unit);
    let end = match lang {
        // The line of the block's closing brace, which stands alone.
        Lang::Js => {
            let close = block.end_byte().checked_sub(1)?;
            let close_line = line_start(src, close);
            if !src[close_line..close].trim().is_empty() {
                return None;
            }
            close_line
        }
        Lang::Py => next_line_start(src, block.end_byte()),
    };
    // Re-indenting a line inside a string that spans lines would change its value.
    let strings = match lang {
        Lang::Js => &["string", "template_string"][..],
        Lang::Py => &["string", "concatenated_string"][..],
    };
    let spans_lines = descendants(block).any(|n| {
        n.start_byte() >= start && strings.contains(&n.kind_name()) && text(n, src).contains('\n')
    });
    if spans_lines {
        return None;
    }
    let mut edits = Vec::new();
    edits.push((
        start..start,
        match lang {
            Lang::Js => format!("{outer}try {{\n"),
            Lang::Py => format!("{outer}try:\n"),
        },
    ));
    let mut wrapped = 0;
    let mut at = start;
    while at < end {
        let next_line = next_line_start(src, at).min(end);
        if at == release_line.start {
            edits.push((release_line.clone(), String::new()));
            at = release_line.end;
            continue;
        }
        let line = &src[at..next_line];
        if !line.trim().is_empty() {
            let indent_at = if line.starts_with(outer) {
                at + outer.len()
            } else {
                at
            };
            edits.push((indent_at..indent_at, unit.to_string()));
            wrapped += 1;
        }
        at = next_line;
    }
    if wrapped == 0 {
        return None;
    }
    let newline = if end == src.len() && !src.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    edits.push((
        end..end,
        match lang {
            Lang::Js => format!("{outer}}} finally {{\n{outer}{unit}{release_text}\n{outer}}}\n"),
            Lang::Py => format!("{newline}{outer}finally:\n{outer}{unit}{release_text}\n"),
        },
    ));
    Some(edits)
}

/// The expression statement that is the release call (through its `await`).
fn statement_holding(call: Node) -> Option<Node> {
    let mut node = call.parent()?;
    if matches!(node.kind_name(), "await_expression" | "await") {
        node = node.parent()?;
    }
    (node.kind_name() == "expression_statement").then_some(node)
}

/// The statement that acquires: a declaration or an assignment statement.
fn statement_holding_acquisition(call: Node, lang: Lang) -> Option<Node> {
    let mut node = call;
    loop {
        let parent = node.parent()?;
        match (lang, parent.kind_name()) {
            (Lang::Js, "lexical_declaration" | "variable_declaration" | "expression_statement")
            | (Lang::Py, "expression_statement") => return Some(parent),
            (_, kind) if wraps_acquisition(lang, kind) => node = parent,
            _ => return None,
        }
    }
}

/// The named sibling after `stmt`, past comments.
pub(super) fn next_statement(stmt: Node) -> Option<Node> {
    let mut next = stmt.next_named_sibling()?;
    while next.kind_name() == "comment" {
        next = next.next_named_sibling()?;
    }
    Some(next)
}

/// True when the connection's name occurs in `block` after `from`, outside `allowed`.
fn used_after(block: Node, name: &str, from: usize, allowed: &[Node], src: &str) -> bool {
    descendants(block).any(|n| {
        n.start_byte() >= from
            && matches!(
                n.kind_name(),
                "identifier" | "shorthand_property_identifier"
            )
            && text(n, src) == name
            && !allowed
                .iter()
                .any(|a| a.start_byte() <= n.start_byte() && n.end_byte() <= a.end_byte())
    })
}

/// The lines a statement occupies, when nothing else shares them (with the final newline).
fn whole_lines(stmt: Node, src: &str) -> Option<Range<usize>> {
    let start = line_start(src, stmt.start_byte());
    let end = next_line_start(src, stmt.end_byte());
    let before = &src[start..stmt.start_byte()];
    let after = &src[stmt.end_byte()..end];
    (before.trim().is_empty() && after.trim().is_empty()).then_some(start..end)
}
