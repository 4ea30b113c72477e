//! The parser: commands (server side) and multi-line replies (client side).
//!
//! Contract (shared by every mailproto crate, modelled on `httparse`): a parse function takes
//! `&[u8]` and returns [`Status::Complete`] with the value and the number of bytes consumed, or
//! [`Status::Incomplete`] when more bytes are needed, or a [`ParseError`] with the byte offset
//! and what was expected. It never consumes a partial item, so the caller appends bytes and
//! calls again. A line-based error can be skipped with [`skip_line`] to go on with the next one.

mod command;
mod fast;
mod reply;

pub use command::*;
pub use reply::*;

pub use mail_sasl::line::{Needed, Status};

/// What went wrong while parsing, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at byte {offset}")]
pub struct ParseError {
    /// Offset of the offending byte from the start of the input given to the parser.
    pub offset: usize,
    /// What was wrong.
    pub kind: ParseErrorKind,
}

impl ParseError {
    /// A new error of `kind` at `offset`.
    pub fn new(offset: usize, kind: ParseErrorKind) -> Self {
        Self { offset, kind }
    }
}

/// The kinds of [`ParseError`]. Messages are short and lowercase; none ever contains input bytes
/// (a command line may carry an `AUTH` response).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The line is longer than the configured limit (RFC 5321 §4.5.3.1).
    #[error("line too long (limit {limit} octets)")]
    LineTooLong {
        /// The limit in force, terminator included.
        limit: usize,
    },
    /// A bare LF where the line policy rejects it.
    #[error("bare lf")]
    BareLf,
    /// Something other than what the grammar allows here.
    #[error("expected {0}")]
    Expected(&'static str),
    /// A syntactically valid element whose value is out of range or inconsistent.
    #[error("invalid {0}")]
    Invalid(&'static str),
    /// A count limit (parameters, reply lines, capabilities) was exceeded.
    #[error("too many {0}")]
    TooMany(&'static str),
}

/// Skips past the next LF in `input` (the rest of a bad line), returning the number of bytes to
/// drop, or `None` when no LF has arrived yet (drop everything and call again with more input).
pub fn skip_line(input: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', input).map(|i| i + 1)
}

impl From<mail_sasl::line::LineError> for ParseError {
    fn from(e: mail_sasl::line::LineError) -> Self {
        use mail_sasl::line::LineError;
        match e {
            LineError::TooLong { offset, limit } => {
                ParseError::new(offset, ParseErrorKind::LineTooLong { limit })
            }
            LineError::BareLf { offset } => ParseError::new(offset, ParseErrorKind::BareLf),
            _ => ParseError::new(0, ParseErrorKind::Expected("a line")),
        }
    }
}
