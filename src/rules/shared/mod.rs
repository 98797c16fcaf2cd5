//! Questions several rules ask, answered once.

pub mod env_guard;
pub mod express;
pub mod express_model;
pub mod request_input;
pub mod sql;
