//! unused-suppression: a `backlint-ignore` comment that suppresses nothing.
//!
//! Suppressions are matched against the findings of every rule after all files and the
//! project are checked, so this rule is applied by the engine (`Engine::apply_suppressions`)
//! rather than from a syntax tree; it has no per-file entry point.

use crate::rules::Rule;

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {}
