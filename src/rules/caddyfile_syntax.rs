//! caddyfile-syntax: a Caddyfile that Caddy would refuse to load — a structural error, or a
//! directive in a site block that Caddy does not know.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::diagnostic::Findings;
use crate::lang::FileKind;
use crate::lang::caddyfile::{Caddyfile, Directive, TopLevel};
use crate::rules::Rule;
use crate::source::SourceFile;

pub struct CaddyfileSyntax;

/// The HTTP handler directives of a standard Caddy 2 build (the "Directives" page of Caddy's
/// documentation, with the spellings older releases still accept).
const STANDARD_DIRECTIVES: &[&str] = &[
    "abort",
    "acme_server",
    "basic_auth",
    "basicauth",
    "bind",
    "encode",
    "error",
    "file_server",
    "forward_auth",
    "fs",
    "handle",
    "handle_errors",
    "handle_path",
    "header",
    "import",
    "intercept",
    "invoke",
    "log",
    "log_append",
    "log_name",
    "log_skip",
    "map",
    "method",
    "metrics",
    "php_fastcgi",
    "push",
    "redir",
    "request_body",
    "request_header",
    "respond",
    "reverse_proxy",
    "rewrite",
    "root",
    "route",
    "skip_log",
    "templates",
    "tls",
    "tracing",
    "try_files",
    "uri",
    "vars",
];

/// Directives whose block holds more directives (the rest hold their own sub-options).
const DIRECTIVE_BLOCKS: &[&str] = &["handle", "handle_path", "handle_errors", "route"];

impl Rule for CaddyfileSyntax {
    fn check_syntax_error(
        &self,
        _file: &SourceFile,
        kind: FileKind,
        range: Range<usize>,
        message: &str,
        out: &mut Findings,
    ) {
        if kind != FileKind::Caddy {
            return;
        }
        out.report(range, format!("Caddyfile syntax error: {message}"))
            .help("Caddy refuses to start with this file; `caddy validate --config Caddyfile` shows the same error");
    }

    fn check_caddyfile(&self, _file: &SourceFile, caddy: &Caddyfile, out: &mut Findings) {
        let ordered = plugin_directives(caddy);
        for item in &caddy.items {
            // Snippets and imported fragments may be pasted into global options or into a
            // directive's own block; only site blocks are surely directive lists.
            let TopLevel::Site(_, body) = item else {
                continue;
            };
            // (directive, inside a `route` block, where a plugin needs no `order`)
            let mut todo: Vec<(&Directive, bool)> = body.iter().rev().map(|d| (d, false)).collect();
            while let Some((directive, in_route)) = todo.pop() {
                let name = directive.name.text.as_str();
                if is_unknown(name, &ordered, in_route) {
                    let help = match closest_standard(name) {
                        Some(known) => format!(
                            "Caddy refuses to start with this file; did you mean `{known}`?"
                        ),
                        None => "Caddy refuses to start with this file; a plugin's directive needs the plugin in the Caddy build and an `order` global option (`order NAME before respond`) or a `route` block".to_string(),
                    };
                    out.report(
                        directive.name.range.clone(),
                        format!("Caddyfile syntax error: unrecognized directive: {name}"),
                    )
                    .help(help);
                }
                if DIRECTIVE_BLOCKS.contains(&name) {
                    if let Some(block) = &directive.block {
                        let in_route = in_route || name == "route";
                        todo.extend(block.iter().rev().map(|d| (d, in_route)));
                    }
                }
            }
        }
    }
}

/// Directive names the global options place with `order NAME first|last|before|after X`.
fn plugin_directives(caddy: &Caddyfile) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    for item in &caddy.items {
        if let TopLevel::Global(options) = item {
            for option in options {
                if option.name.text == "order" {
                    if let Some(name) = option.args.first() {
                        names.insert(name.text.as_str());
                    }
                }
            }
        }
    }
    names
}

fn is_unknown(name: &str, ordered: &BTreeSet<&str>, in_route: bool) -> bool {
    // Named matchers, placeholders and environment substitutions (`{$EXTRA}`) are not
    // directive names, or not known until run time.
    if name.is_empty()
        || name.starts_with('@')
        || name.contains('{')
        || name.contains('}')
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    if STANDARD_DIRECTIVES.contains(&name) || ordered.contains(name) {
        return false;
    }
    // Inside `route` a plugin's directive runs in written order and needs no `order`
    // option: only a misspelt standard directive is sure to be refused there.
    !in_route || closest_standard(name).is_some()
}

/// The standard directive a name is a misspelling of: at most two edits away (one for short
/// names), and never a plugin whose name merely resembles one.
fn closest_standard(name: &str) -> Option<&'static str> {
    let limit = if name.len() <= 5 { 1 } else { 2 };
    STANDARD_DIRECTIVES
        .iter()
        .map(|known| (edit_distance(name, known), *known))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, known)| known)
}

/// Levenshtein distance over bytes (directive names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_are_near_standard_names() {
        assert_eq!(closest_standard("reverse_prox"), Some("reverse_proxy"));
        assert_eq!(closest_standard("fileserver"), Some("file_server"));
        assert_eq!(closest_standard("rate_limit"), None);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
