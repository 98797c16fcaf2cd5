//! backlint: static analysis for backend code and deployment configuration.

pub mod allocator;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod docs;
pub mod engine;
pub mod exit;
pub mod facts;
pub mod fix;
pub mod lang;
pub mod lsp;
pub mod output;
pub mod roles;
pub mod root;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod topology_view;
pub mod util;
