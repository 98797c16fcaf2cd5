//! Questions several rules ask, answered once.

pub mod db;
pub mod loops;
pub mod request_input;
pub mod secrets;
pub mod sql;
pub mod sql_guards;
pub mod sql_holes;
