//! The serializer: commands and replies into a caller's buffer.
//!
//! Strict on output: nothing outside the RFC 5321 grammar is ever written, and values that would
//! inject CR or LF cannot be constructed. Message data is dot-stuffed with [`mail_sasl::dot`].

mod command;
mod reply;

pub use command::*;
pub use reply::*;
