//! Questions several rules ask, answered once.

pub mod env_guard;
pub mod env_reads;
pub mod listen;
pub mod request_input;
pub mod secrets;
pub mod sql;
