//! Questions several rules ask, answered once.

pub mod db;
pub mod env;
pub mod jwt;
pub mod node_start;
pub mod request_input;
pub mod secrets;
pub mod sql;
