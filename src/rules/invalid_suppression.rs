//! invalid-suppression: a `backlint-ignore` comment naming an unknown rule, or without the
//! reason the configuration requires (`require-suppression-reason: true`).
//!
//! Applied by the engine with the suppressions (`Engine::apply_suppressions`).

use crate::rules::Rule;

pub struct InvalidSuppression;

impl Rule for InvalidSuppression {}
