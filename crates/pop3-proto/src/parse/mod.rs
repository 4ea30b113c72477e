//! The parser: commands (server side) and single- and multi-line responses (client side).
//!
//! Contract (shared by every mailproto crate, modelled on `httparse`): a parse function takes
//! `&[u8]` and returns [`Status::Complete`] with the value and the number of bytes consumed, or
//! [`Status::Incomplete`] when more bytes are needed, or a [`ParseError`] with the byte offset
//! and what was expected. It never consumes a partial item, so the caller appends bytes and
//! calls again. A line-based error can be skipped with [`skip_line`] to go on with the next one.
//!
//! Multi-line bodies are the exception to "never a partial item": a message can be of any
//! size, so [`BodyDecoder`] un-stuffs it as a stream, chunk by chunk, with the help of
//! [`mail_sasl::dot::Unstuffer`].

mod command;
mod response;

pub use command::*;
pub use response::*;

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
/// (a command line may carry a password or an `AUTH` response).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The line is longer than the configured limit (RFC 2449 §4: 255 octets for a command,
    /// 512 for a response line).
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
    /// A count limit was exceeded.
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

pub(crate) fn expected(offset: usize, what: &'static str) -> ParseError {
    ParseError::new(offset, ParseErrorKind::Expected(what))
}

pub(crate) fn invalid(offset: usize, what: &'static str) -> ParseError {
    ParseError::new(offset, ParseErrorKind::Invalid(what))
}

/// Parses a decimal number of at most `max` at the start of `b`; returns it and its length.
pub(crate) fn number(b: &[u8], max: u64) -> Option<(u64, usize)> {
    let len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if len == 0 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in &b[..len] {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    (n <= max).then_some((n, len))
}
