//! Questions several rules ask, answered once.

pub mod db;
pub mod env_guard;
pub mod env_reads;
pub mod express;
pub mod express_model;
pub mod handler;
pub mod listen;
pub mod loops;
pub mod request_input;
pub mod secrets;
pub mod sql;
pub mod sql_guards;
pub mod sql_holes;
