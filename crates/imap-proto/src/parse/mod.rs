//! The parser: a streaming framer for whole IMAP messages and composable parsers for the
//! grammar's core values.
//!
//! Contract (shared by every mailproto crate, modelled on `httparse`): a parse function takes
//! `&[u8]` and returns [`Status::Complete`] with the value and the number of bytes consumed, or
//! [`Status::Incomplete`] when more bytes are needed (with [`Needed::AtLeast`] the exact number
//! when a literal `{n}` announced it), or a [`ParseError`] with the byte offset and what was
//! expected. It never consumes a partial item, so the caller appends bytes and calls again.
//!
//! # Layers
//!
//! - [`Framer`] (module `frame`) finds where the next complete message (a command or a
//!   response: lines joined by literals) ends in a growing buffer, without re-scanning literal
//!   data, enforcing [`ParseConfig`]'s size limits and telling a server when a synchronizing
//!   literal needs a `+` continuation.
//! - [`Cursor`] (module `core`) is a position in one message with a parser method for every
//!   core value ([`Cursor::atom`], [`Cursor::astring`], [`Cursor::literal`],
//!   [`Cursor::sequence_set`], [`Cursor::flag`], [`Cursor::section`], …). Command and response
//!   parsers are written as functions over a `Cursor` and run with [`parse_with`].
//!
//! # Tolerances
//!
//! Strict on output, tolerant on input: each tolerance is a [`ParseConfig`] switch, on by
//! default except bare LF; [`ParseConfig::strict`] turns them all off.

mod body;
mod command;
mod core;
mod frame;
mod response;

pub use self::body::*;
pub use self::command::*;
pub use self::core::*;
pub use self::frame::*;
pub use self::response::*;

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

    /// Whether this is a configured limit (items, depth): such an error ends the parse, it is
    /// never a reason to fall back to a looser reading of the same bytes, which higher limits
    /// would read otherwise.
    pub(crate) fn is_limit(&self) -> bool {
        matches!(
            self.kind,
            ParseErrorKind::TooMany { .. } | ParseErrorKind::TooDeep { .. }
        )
    }
}

/// The kinds of [`ParseError`]. Messages are short and lowercase; none ever contains input bytes
/// (a command may carry a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// A line (between literals), CRLF included, is longer than
    /// [`ParseConfig::max_line_len`].
    #[error("line too long (limit {limit} octets)")]
    LineTooLong {
        /// The limit in force.
        limit: usize,
    },
    /// A literal announces more octets than allowed ([`ParseConfig::max_literal_size`], or
    /// [`ParseConfig::max_non_sync_literal_size`] for `{n+}`). The error's offset is that of the
    /// `{` (or `~`); the literal header line ends at the next LF. A server answers a
    /// synchronizing literal with a tagged `NO`/`BAD` instead of `+` (the client then sends no
    /// data); for a non-synchronizing one it must also discard `size` octets or close the
    /// connection (RFC 7888 §4).
    #[error("literal too large ({size} octets, limit {limit})")]
    LiteralTooLarge {
        /// The announced size (`u64::MAX` when the number overflows).
        size: u64,
        /// The limit in force.
        limit: u64,
        /// Whether the literal was non-synchronizing (`{n+}`).
        non_sync: bool,
    },
    /// The message (lines and literals) is larger than [`ParseConfig::max_message_size`].
    #[error("message too large (limit {limit} octets)")]
    MessageTooLarge {
        /// The limit in force.
        limit: u64,
    },
    /// Parenthesized lists nest deeper than [`ParseConfig::max_depth`].
    #[error("nesting too deep (limit {limit})")]
    TooDeep {
        /// The limit in force.
        limit: usize,
    },
    /// A list holds more than [`ParseConfig::max_items`] items.
    #[error("too many {what} (limit {limit})")]
    TooMany {
        /// What was counted.
        what: &'static str,
        /// The limit in force.
        limit: usize,
    },
    /// A bare LF, not accepted by [`ParseConfig::allow_bare_lf`].
    #[error("bare lf")]
    BareLf,
    /// Something other than what the grammar allows here.
    #[error("expected {0}")]
    Expected(&'static str),
    /// A syntactically valid element whose value is out of range or inconsistent.
    #[error("invalid {0}")]
    Invalid(&'static str),
}

/// Why a [`Cursor`] parser stopped: more input is needed, or the input is wrong.
///
/// Command and response parsers propagate it with `?`; [`parse_with`] turns it into the public
/// `Result<Status<_>, ParseError>` contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fail {
    /// The input ends inside the value.
    Incomplete(Needed),
    /// The input is not valid here.
    Error(ParseError),
}

impl From<ParseError> for Fail {
    fn from(e: ParseError) -> Self {
        Fail::Error(e)
    }
}

/// The result of a [`Cursor`] parser.
pub type PResult<T> = Result<T, Fail>;

/// The default [`ParseConfig::max_literal_size`]: 64 MiB.
pub const DEFAULT_MAX_LITERAL_SIZE: u64 = 64 << 20;

/// The default [`ParseConfig::max_line_len`]: 1 MiB, CRLF included. Response lines such as
/// `* SEARCH` or `* ESEARCH` of a large mailbox are long; a server parsing commands may lower it
/// (RFC 7162 §4 asks servers to accept at least 8192 octets, see
/// [`mail_sasl::line::IMAP_COMMAND_LINE_MIN`]).
pub const DEFAULT_MAX_LINE_LEN: usize = 1 << 20;

/// The largest non-synchronizing literal under `LITERAL-` (RFC 7888 §5): 4096 octets.
pub const LITERAL_MINUS_MAX: u64 = 4096;

/// Limits and tolerances of the framer and the parsers.
///
/// Limits (each violation is a typed [`ParseErrorKind`], never a panic or a stack overflow):
/// [`max_literal_size`](Self::max_literal_size),
/// [`max_non_sync_literal_size`](Self::max_non_sync_literal_size),
/// [`max_line_len`](Self::max_line_len), [`max_message_size`](Self::max_message_size),
/// [`max_depth`](Self::max_depth), [`max_items`](Self::max_items).
///
/// Tolerances of real peers, each on by default except bare LF, all off with
/// [`strict`](Self::strict):
///
/// - [`allow_bare_lf`](Self::allow_bare_lf): lines ending in LF alone;
/// - [`allow_extra_spaces`](Self::allow_extra_spaces): several spaces where the grammar has
///   one, spaces after `(` and before `)`, and trailing spaces before CRLF;
/// - [`allow_missing_spaces`](Self::allow_missing_spaces): no space after `)`, `]` or `"`
///   where the grammar has one;
/// - [`allow_nil_string`](Self::allow_nil_string): `NIL` where a `string` is required, read as
///   the empty string;
/// - [`allow_bracket_in_atom`](Self::allow_bracket_in_atom): `]` inside an atom when it is
///   followed by more atom characters;
/// - [`allow_8bit_quoted`](Self::allow_8bit_quoted): 8-bit bytes that are not UTF-8 in quoted
///   strings (UTF-8 itself is grammar in RFC 9051 and always accepted);
/// - [`allow_utf8_atoms`](Self::allow_utf8_atoms): UTF-8 in unquoted `astring`s (mailbox names
///   sent unquoted);
/// - [`allow_nul_in_literal`](Self::allow_nul_in_literal): NUL in a `{n}` literal (only
///   `literal8` may carry it);
/// - [`allow_single_digit_day`](Self::allow_single_digit_day): `"1-Jan-2024 …"` in a
///   `date-time` (the grammar wants `" 1"` or `"01"`);
/// - [`allow_empty_multipart`](Self::allow_empty_multipart): a multipart body structure
///   without parts;
/// - [`allow_wildcard_in_flags`](Self::allow_wildcard_in_flags): `\*` in a `FLAGS` response
///   (dropped).
///
/// Non-synchronizing literals (`{n+}`) and `literal8` are always accepted in both directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ParseConfig {
    /// Largest literal in octets. Default [`DEFAULT_MAX_LITERAL_SIZE`].
    pub max_literal_size: u64,
    /// Largest non-synchronizing literal (`{n+}`) in octets; a server that announces only
    /// `LITERAL-` sets [`LITERAL_MINUS_MAX`]. Default: [`DEFAULT_MAX_LITERAL_SIZE`].
    pub max_non_sync_literal_size: u64,
    /// Longest line between literals, CRLF included. Default [`DEFAULT_MAX_LINE_LEN`].
    pub max_line_len: usize,
    /// Largest message (all its lines and literals). Default 128 MiB.
    pub max_message_size: u64,
    /// Deepest nesting of parenthesized lists (BODYSTRUCTURE, SEARCH keys). Default 64.
    pub max_depth: usize,
    /// Most items in one list or sequence set. Default 1,000,000.
    pub max_items: usize,
    /// Accept lines ending in a bare LF. Default false.
    pub allow_bare_lf: bool,
    /// Accept extra spaces (several, inside parentheses, trailing). Default true.
    pub allow_extra_spaces: bool,
    /// Accept a missing space after `)`, `]` or `"`. Default true.
    pub allow_missing_spaces: bool,
    /// Accept `NIL` for a `string`, as the empty string. Default true.
    pub allow_nil_string: bool,
    /// Accept `]` inside an atom when more atom characters follow. Default true.
    pub allow_bracket_in_atom: bool,
    /// Accept 8-bit non-UTF-8 bytes in quoted strings. Default true.
    pub allow_8bit_quoted: bool,
    /// Accept UTF-8 in unquoted `astring`s. Default true.
    pub allow_utf8_atoms: bool,
    /// Accept NUL in a `{n}` literal. Default true.
    pub allow_nul_in_literal: bool,
    /// Accept a one-digit day without its padding space in a `date-time`. Default true.
    pub allow_single_digit_day: bool,
    /// Accept a multipart body structure without parts (`("MIXED")`, `("MIXED" ("BOUNDARY"
    /// "x") NIL NIL)`: the subtype and extension data only), as Gmail and others send for an
    /// empty or unparsable multipart. Default true.
    pub allow_empty_multipart: bool,
    /// Accept `\*` in an untagged `FLAGS` response (`* FLAGS (\Seen \*)`, as GreenMail
    /// sent before greenmail#633), and drop it: `\*` is a `flag-perm`, meaningful only in
    /// `PERMANENTFLAGS` (RFC 9051 §7.1, §9 `mailbox-data =/ "FLAGS" SP flag-list`); it names
    /// no flag of the mailbox, so [`UntaggedResponse::Flags`](crate::types::UntaggedResponse::Flags)
    /// lists the real flags only and a client learns whether it may create keywords from
    /// `PERMANENTFLAGS`, as it should. Default true.
    pub allow_wildcard_in_flags: bool,
}

impl Default for ParseConfig {
    fn default() -> Self {
        Self {
            max_literal_size: DEFAULT_MAX_LITERAL_SIZE,
            max_non_sync_literal_size: DEFAULT_MAX_LITERAL_SIZE,
            max_line_len: DEFAULT_MAX_LINE_LEN,
            max_message_size: 128 << 20,
            max_depth: 64,
            max_items: 1_000_000,
            allow_bare_lf: false,
            allow_extra_spaces: true,
            allow_missing_spaces: true,
            allow_nil_string: true,
            allow_bracket_in_atom: true,
            allow_8bit_quoted: true,
            allow_utf8_atoms: true,
            allow_nul_in_literal: true,
            allow_single_digit_day: true,
            allow_empty_multipart: true,
            allow_wildcard_in_flags: true,
        }
    }
}

impl ParseConfig {
    /// The RFC grammar only: the default limits, every tolerance off.
    pub fn strict() -> Self {
        Self {
            allow_bare_lf: false,
            allow_extra_spaces: false,
            allow_missing_spaces: false,
            allow_nil_string: false,
            allow_bracket_in_atom: false,
            allow_8bit_quoted: false,
            allow_utf8_atoms: false,
            allow_nul_in_literal: false,
            allow_single_digit_day: false,
            allow_empty_multipart: false,
            allow_wildcard_in_flags: false,
            ..Self::default()
        }
    }
}

/// Skips past the next LF in `input` (the rest of a bad line), returning the number of bytes to
/// drop, or `None` when no LF has arrived yet.
///
/// After a [`Framer`] error, drop the bad line this way and call
/// [`Framer::reset`]; a whole bad message that the framer delimited is dropped with its
/// [`Frame::len`].
pub fn skip_line(input: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', input).map(|i| i + 1)
}
