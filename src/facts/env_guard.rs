//! "Is this value only used in some environments?" — a value chosen by an `if`, a ternary or
//! an expression that reads the environment (`NODE_ENV`, `DEBUG`, `settings.DEBUG`).

use crate::lang::tree::{FieldExt, KindExt};
use tree_sitter::Node;

use crate::lang::tree::{ancestors, contains, text};

/// Words in a condition that make it an environment switch.
const ENVIRONMENT_WORDS: &[&str] = &[
    "NODE_ENV",
    "APP_ENV",
    "ENVIRONMENT",
    "DEBUG",
    "isDev",
    "isDevelopment",
    "isProd",
    "isProduction",
    "isTest",
    "IS_DEV",
    "IS_PROD",
    "is_dev",
    "is_development",
    "is_production",
    "development",
    "production",
];

/// True when the expression text reads the environment.
pub fn mentions_environment(expr: &str) -> bool {
    ENVIRONMENT_WORDS.iter().any(|w| expr.contains(w)) || names_development_switch(expr)
}

/// True when the text names a development switch in the environment variables' upper-case
/// style: a name one of whose `_`-separated words is `DEV`, `DEVMODE` or `DEVEL`
/// (`process.env.DEVMODE`, `DEV_SERVER`, `APP_DEV`), not a word that merely starts so
/// (`DEVICE_ID`).
fn names_development_switch(expr: &str) -> bool {
    expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|token| {
            token.len() >= 3
                && token
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
        .any(|token| {
            token
                .split('_')
                .any(|word| matches!(word, "DEV" | "DEVMODE" | "DEVEL"))
        })
}

/// True when `node` only runs or is only chosen under an environment condition: inside the
/// branches of an `if`/ternary whose condition reads the environment.
pub fn is_environment_guarded(node: Node, src: &str) -> bool {
    for ancestor in ancestors(node) {
        let condition = match ancestor.kind_name() {
            "if_statement" | "ternary_expression" | "conditional_expression" | "elif_clause" => {
                ancestor.field("condition")
            }
            // `if` inside functions stops at the function: a guard outside the function does
            // not make the function's body conditional in a way we can see.
            "function_declaration" | "function_definition" | "method_definition" => break,
            _ => None,
        };
        let Some(condition) = condition else {
            // Python's conditional expression `a if cond else b` has no field names.
            if ancestor.kind_name() == "conditional_expression" {
                if let Some(cond) = ancestor.named_child(1) {
                    if !contains(cond, node) && mentions_environment(text(cond, src)) {
                        return true;
                    }
                }
            }
            continue;
        };
        if !contains(condition, node) && mentions_environment(text(condition, src)) {
            return true;
        }
    }
    false
}
