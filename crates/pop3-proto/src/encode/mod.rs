//! The serializer: commands and responses into a caller's buffer.
//!
//! Strict on output: nothing outside the RFC 1939 / RFC 2449 grammar is ever written, and
//! values that would inject CR or LF cannot be constructed. Lines of multi-line responses are
//! dot-stuffed; message bodies are dot-stuffed as a stream with [`mail_sasl::dot::Stuffer`]
//! (the [`server`](crate::server) machine does it for the caller).

mod command;
mod response;

pub use command::*;
pub use response::*;
