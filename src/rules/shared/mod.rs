//! Questions several rules ask, answered once.

pub mod env_guard;
pub mod request_input;
pub mod sql;
