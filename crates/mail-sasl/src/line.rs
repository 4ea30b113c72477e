//! CRLF line framing with a maximum length and an explicit bare-LF policy.
//!
//! SMTP, POP3 and IMAP are line protocols: every command and response line ends in CRLF
//! (RFC 5321 §2.3.8 and §4.1.1.4, RFC 1939 §3, RFC 9051 §2.2). This module finds those lines in
//! a byte stream, bounded by a configurable maximum length, so each protocol crate does not have
//! to do it again.
//!
//! Two entry points:
//!
//! - [`parse_line`]: a stateless push parser in the style of `httparse`. Give it the bytes
//!   received so far; it returns the first complete [`Line`] (borrowed, with the number of bytes
//!   it consumed), or [`Status::Incomplete`], or a [`LineError`]. It never consumes a partial
//!   line and never allocates. A caller that owns a receive buffer uses it directly.
//! - [`LineBuffer`]: a bounded buffer for callers that get arbitrary chunks. It copies each byte
//!   at most once into a reused buffer (no allocation per line in steady state), reports each bad
//!   line once and then skips it, even when the rest of the bad line arrives in later chunks.
//!
//! # Choices
//!
//! - **The limit includes the terminator.** [`LineConfig::max_line_len`] counts the line's content
//!   *and* its CRLF (or bare LF), as RFC 5321 §4.5.3.1 counts its line limits (a text line is at
//!   most 1000 octets including the CRLF). A line of exactly `max_line_len` octets including
//!   CRLF is accepted.
//! - **Too long is reported as soon as it is known**: when `max_line_len` bytes have arrived and
//!   none of them is an LF, the line cannot fit whatever comes next, so the parser fails at once
//!   instead of waiting for the LF. Memory therefore stays bounded by the limit.
//! - **A bare CR inside a line is data.** Only LF ends a line; a CR immediately before that LF
//!   is part of the CRLF terminator, any other CR is reported as part of [`Line::content`].
//!   RFC 5321 §2.3.8 forbids bare CR in SMTP, but whether to reject it is a grammar question
//!   for the protocol parser that reads the content, not for the framer.
//! - **Bare LF is a policy** ([`BareLf`]), because real peers send it and the safe answer
//!   depends on the role: a server that must not be confused about where a line ends uses
//!   [`BareLf::Reject`] (the default, per RFC 5321 §2.3.8 and §4.1.1.4); a client reading a
//!   sloppy server may accept it. [`BareLf::Normalize`] reports the line as if it had ended in
//!   CRLF while still telling the caller what was on the wire (see [`Ending`]).
//! - **The default limit is generous** ([`DEFAULT_MAX_LINE_LEN`], 64 KiB) so that the same
//!   default works for IMAP, where response lines such as `* SEARCH` results routinely exceed the
//!   SMTP and POP3 limits. Protocol crates pass their own limits; the constants
//!   [`SMTP_TEXT_LINE_MAX`], [`SMTP_COMMAND_LINE_MAX`], [`POP3_RESPONSE_LINE_MAX`] and
//!   [`IMAP_COMMAND_LINE_MIN`] give the RFC values.
//!
//! # Example
//!
//! ```
//! use mail_sasl::line::{parse_line, BareLf, Ending, LineConfig, LineError, Status};
//!
//! let config = LineConfig::new(1000);
//! let input = b"EHLO client.example\r\nMAIL FROM:<a@";
//!
//! // The first line is complete: content without the terminator, and how much to consume.
//! let Status::Complete(line) = parse_line(input, &config)? else { unreachable!() };
//! assert_eq!(line.content(), b"EHLO client.example");
//! assert_eq!(line.ending(), Ending::CrLf);
//! assert_eq!(line.consumed(), 21);
//!
//! // The rest is an incomplete line: nothing is consumed, append more bytes and call again.
//! assert_eq!(parse_line(&input[21..], &config)?, Status::INCOMPLETE);
//!
//! // Bare LF is rejected by default, and can be accepted or normalized instead.
//! assert_eq!(parse_line(b"QUIT\n", &config), Err(LineError::BareLf { offset: 4 }));
//! let lenient = config.with_bare_lf(BareLf::Normalize);
//! let Status::Complete(line) = parse_line(b"QUIT\n", &lenient)? else { unreachable!() };
//! assert_eq!((line.content(), line.ending().as_bytes()), (&b"QUIT"[..], &b"\r\n"[..]));
//! assert!(line.ending().was_bare_lf());
//! # Ok::<(), LineError>(())
//! ```

use std::fmt;
use std::num::NonZeroUsize;

/// The default maximum line length, terminator included: 64 KiB.
///
/// Generous enough for IMAP responses (long `* SEARCH`, `* FLAGS` or `FETCH` lines; RFC 9051
/// puts large data in literals, which are not lines) while keeping a hard bound on memory.
pub const DEFAULT_MAX_LINE_LEN: usize = 64 * 1024;

/// SMTP's limit for a line of message text: 1000 octets including CRLF (RFC 5321 §4.5.3.1.6).
pub const SMTP_TEXT_LINE_MAX: usize = 1000;

/// SMTP's base limit for a command line: 512 octets including CRLF (RFC 5321 §4.5.3.1.4).
/// Extensions raise it (for example RFC 4954 §4 allows `AUTH` lines of 12288 octets).
pub const SMTP_COMMAND_LINE_MAX: usize = 512;

/// POP3's limit for a response line: 512 octets including CRLF (RFC 1939 §3; RFC 2449 §4
/// keeps it for the first line of a response). Lines of message content in a multi-line
/// response are not bound by it; they go through [`crate::dot::Unstuffer`].
pub const POP3_RESPONSE_LINE_MAX: usize = 512;

/// The command line length an IMAP server should at least accept, about 8000 octets
/// (RFC 7162 §4); rounded up to 8192.
pub const IMAP_COMMAND_LINE_MIN: usize = 8192;

/// What to do with an LF that is not preceded by a CR.
///
/// RFC 5321 §2.3.8 requires CRLF and forbids bare LF; RFC 1939 §3 and RFC 9051 §2.2 also define
/// lines as ending in CRLF. Accepting bare LF on input is a tolerance, to be chosen per role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BareLf {
    /// A bare LF is an error ([`LineError::BareLf`]). The default: no ambiguity about where a
    /// line ends.
    #[default]
    Reject,
    /// A bare LF ends the line and is reported as it was: [`Ending::Lf`], so a caller that
    /// copies the line with [`Ending::as_bytes`] reproduces the input byte for byte.
    Accept,
    /// A bare LF ends the line and the line is reported as if it had ended in CRLF:
    /// [`Ending::NormalizedLf`], whose [`as_bytes`](Ending::as_bytes) is `\r\n`, so a caller
    /// that copies lines writes only CRLF, while [`Ending::was_bare_lf`] still tells it what
    /// arrived.
    Normalize,
}

/// Limits and policies of the line framer.
///
/// ```
/// use mail_sasl::line::{BareLf, LineConfig, DEFAULT_MAX_LINE_LEN};
///
/// let config = LineConfig::default();
/// assert_eq!(config.max_line_len(), DEFAULT_MAX_LINE_LEN);
/// assert_eq!(config.bare_lf(), BareLf::Reject);
/// let smtp = LineConfig::new(1000).with_bare_lf(BareLf::Accept);
/// assert_eq!(smtp.max_line_len(), 1000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineConfig {
    max_line_len: usize,
    bare_lf: BareLf,
}

impl Default for LineConfig {
    /// [`DEFAULT_MAX_LINE_LEN`] and [`BareLf::Reject`].
    fn default() -> Self {
        Self::new(DEFAULT_MAX_LINE_LEN)
    }
}

impl LineConfig {
    /// A configuration with the given maximum line length (terminator included) and
    /// [`BareLf::Reject`].
    ///
    /// Values below 2 are raised to 2, the length of an empty line with its CRLF.
    pub const fn new(max_line_len: usize) -> Self {
        let max_line_len = if max_line_len < 2 { 2 } else { max_line_len };
        Self {
            max_line_len,
            bare_lf: BareLf::Reject,
        }
    }

    /// The same configuration with another bare-LF policy.
    #[must_use]
    pub const fn with_bare_lf(mut self, bare_lf: BareLf) -> Self {
        self.bare_lf = bare_lf;
        self
    }

    /// The maximum line length in octets, terminator included.
    pub const fn max_line_len(&self) -> usize {
        self.max_line_len
    }

    /// The bare-LF policy.
    pub const fn bare_lf(&self) -> BareLf {
        self.bare_lf
    }
}

/// How a line ended on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ending {
    /// CR LF, as every RFC requires.
    CrLf,
    /// A bare LF, accepted under [`BareLf::Accept`].
    Lf,
    /// A bare LF, accepted under [`BareLf::Normalize`]: the line is to be treated as if it had
    /// ended in CRLF.
    NormalizedLf,
}

impl Ending {
    /// The terminator to use when copying the line: `\r\n` for [`CrLf`](Ending::CrLf) and
    /// [`NormalizedLf`](Ending::NormalizedLf), `\n` for [`Lf`](Ending::Lf).
    pub const fn as_bytes(self) -> &'static [u8] {
        match self {
            Ending::CrLf | Ending::NormalizedLf => b"\r\n",
            Ending::Lf => b"\n",
        }
    }

    /// How many bytes the terminator took on the wire (2 or 1).
    pub const fn wire_len(self) -> usize {
        match self {
            Ending::CrLf => 2,
            Ending::Lf | Ending::NormalizedLf => 1,
        }
    }

    /// Whether the wire had a bare LF.
    pub const fn was_bare_lf(self) -> bool {
        !matches!(self, Ending::CrLf)
    }
}

/// One complete line, borrowed from the input.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Line<'a> {
    content: &'a [u8],
    ending: Ending,
}

impl<'a> Line<'a> {
    /// The line without its terminator. It may contain bare CR bytes (see the
    /// [module documentation](self)).
    pub const fn content(&self) -> &'a [u8] {
        self.content
    }

    /// How the line ended.
    pub const fn ending(&self) -> Ending {
        self.ending
    }

    /// How many input bytes the line took, terminator included: the caller removes this many
    /// bytes from the front of its buffer.
    pub const fn consumed(&self) -> usize {
        self.content.len() + self.ending.wire_len()
    }
}

impl fmt::Debug for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Lines may carry credentials (AUTH, LOGIN, PASS); show only the shape.
        f.debug_struct("Line")
            .field("len", &self.content.len())
            .field("ending", &self.ending)
            .finish()
    }
}

/// The result of a parse that did not fail: a value, or a request for more input.
///
/// This is the parse contract of every mailproto crate (modelled on `httparse::Status`, with
/// the size hint of `nom::Needed`): the protocol crates re-export it from their `parse` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status<T> {
    /// A complete value.
    Complete(T),
    /// The input ends inside a value: nothing was consumed; append more bytes and call again.
    /// [`Needed`] says how many more bytes are needed when the input has announced it (an IMAP
    /// literal `{n}`), so a caller can wait for them instead of re-parsing on every read.
    Incomplete(Needed),
}

impl<T> Status<T> {
    /// Incomplete, with no size hint: what a line-based parser returns before the line's LF.
    pub const INCOMPLETE: Self = Status::Incomplete(Needed::Unknown);

    /// The value, if complete.
    pub fn complete(self) -> Option<T> {
        match self {
            Status::Complete(t) => Some(t),
            Status::Incomplete(_) => None,
        }
    }

    /// Whether more input is needed.
    pub const fn is_incomplete(&self) -> bool {
        matches!(self, Status::Incomplete(_))
    }
}

/// How much more input an [`Status::Incomplete`] parse needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Needed {
    /// Not known: at least one more byte (a line-based parser waiting for its LF).
    #[default]
    Unknown,
    /// At least this many more bytes beyond the input given, e.g. the rest of an IMAP literal
    /// whose length the input announced. Calling again with fewer will return incomplete again.
    AtLeast(NonZeroUsize),
}

impl Needed {
    /// The number of further bytes known to be needed (1 when unknown).
    pub const fn at_least(self) -> usize {
        match self {
            Needed::Unknown => 1,
            Needed::AtLeast(n) => n.get(),
        }
    }
}

/// A line that cannot be accepted.
///
/// Offsets count from the first byte of the line (the first byte given to [`parse_line`], or
/// the first byte not yet consumed from a [`LineBuffer`], see [`LineBuffer::position`]).
/// Messages never include line content, which may be a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The first `limit` bytes of the line contain no LF, so the line, terminator included, is
    /// longer than [`LineConfig::max_line_len`]. `offset` is the offset at which the limit is
    /// exceeded (equal to `limit`).
    #[error("line too long at byte {offset} (limit {limit} octets)")]
    TooLong {
        /// Where the limit is exceeded.
        offset: usize,
        /// The configured limit, terminator included.
        limit: usize,
    },
    /// An LF without a CR before it, under [`BareLf::Reject`]. `offset` is the LF's offset; the
    /// bad line takes `offset + 1` bytes.
    #[error("bare lf at byte {offset}")]
    BareLf {
        /// The offset of the LF.
        offset: usize,
    },
}

/// Finds the first complete line in `input`.
///
/// Returns the line (borrowed from `input`; remove [`Line::consumed`] bytes from the front of
/// the buffer afterwards), or [`Status::Incomplete`] when `input` holds no LF yet and fewer than
/// [`LineConfig::max_line_len`] bytes, or an error:
///
/// - [`LineError::TooLong`] as soon as the first `max_line_len` bytes contain no LF, even if the
///   LF has not arrived yet;
/// - [`LineError::BareLf`] for a bare LF under [`BareLf::Reject`].
///
/// It scans with `memchr` and looks at no more than `max_line_len` bytes. Being stateless, it
/// rescans an incomplete line from its start on every call; [`LineBuffer`] avoids that.
///
/// ```
/// use mail_sasl::line::{parse_line, LineConfig, LineError, Status};
///
/// let config = LineConfig::new(8);
/// let mut buf = b"+OK\r\n+OK two\r\n".to_vec();
/// let Status::Complete(line) = parse_line(&buf, &config)? else { panic!() };
/// assert_eq!(line.content(), b"+OK");
/// let n = line.consumed();
/// buf.drain(..n);
/// // "+OK two\r\n" is 9 octets, over the limit of 8: reported without waiting for the LF.
/// assert_eq!(
///     parse_line(&buf[..8], &config),
///     Err(LineError::TooLong { offset: 8, limit: 8 })
/// );
/// # Ok::<(), LineError>(())
/// ```
pub fn parse_line<'a>(input: &'a [u8], config: &LineConfig) -> Result<Status<Line<'a>>, LineError> {
    let limit = config.max_line_len;
    let window = &input[..input.len().min(limit)];
    match memchr::memchr(b'\n', window) {
        Some(lf) => make_line(input, lf, config.bare_lf).map(Status::Complete),
        None if input.len() >= limit => Err(LineError::TooLong {
            offset: limit,
            limit,
        }),
        None => Ok(Status::INCOMPLETE),
    }
}

/// Builds the line that ends with the LF at `lf` (which is within the limit).
fn make_line(input: &[u8], lf: usize, bare_lf: BareLf) -> Result<Line<'_>, LineError> {
    if lf > 0 && input[lf - 1] == b'\r' {
        return Ok(Line {
            content: &input[..lf - 1],
            ending: Ending::CrLf,
        });
    }
    let ending = match bare_lf {
        BareLf::Reject => return Err(LineError::BareLf { offset: lf }),
        BareLf::Accept => Ending::Lf,
        BareLf::Normalize => Ending::NormalizedLf,
    };
    Ok(Line {
        content: &input[..lf],
        ending,
    })
}

/// The smallest buffer a [`LineBuffer`] uses, so that small limits do not force tiny pushes.
const MIN_CAPACITY: usize = 4096;

/// A bounded line buffer for callers that receive arbitrary chunks.
///
/// [`push`](LineBuffer::push) copies bytes in (never more than the buffer's
/// [`capacity`](LineBuffer::capacity), which is `max(max_line_len, 4096)`); [`next_line`]
/// returns complete lines one by one. Memory is bounded by the capacity whatever the peer
/// sends, and the buffer is allocated once and reused: consumed lines are dropped by moving the
/// unparsed rest to the front when room is needed, never by allocating.
///
/// **Errors and recovery.** [`next_line`] reports a bad line once ([`LineError::TooLong`] or
/// [`LineError::BareLf`]) and then drops it: the next call continues with the following line.
/// For a line that is too long, the rest of that line is discarded as it arrives, up to and
/// including its LF, even across many pushes, without being buffered. This is what an SMTP or
/// POP3 server needs to answer "line too long" and keep the session.
///
/// Error offsets count from [`position`](LineBuffer::position) as it was before the failing
/// call, i.e. from the start of the bad line.
///
/// [`next_line`]: LineBuffer::next_line
///
/// ```
/// use mail_sasl::line::{LineBuffer, LineConfig, LineError};
///
/// let mut lines = LineBuffer::new(LineConfig::new(16));
/// let mut got = Vec::new();
/// for chunk in [&b"NOOP\r\nTHIS LINE IS "[..], b"FAR TOO LONG\r\nQU", b"IT\r\n"] {
///     let mut rest = chunk;
///     while !rest.is_empty() {
///         let n = lines.push(rest);
///         rest = &rest[n..];
///         loop {
///             match lines.next_line() {
///                 Ok(Some(line)) => got.push(Ok(line.content().to_vec())),
///                 Ok(None) => break,
///                 Err(e) => got.push(Err(e)),
///             }
///         }
///     }
/// }
/// assert_eq!(got, [
///     Ok(b"NOOP".to_vec()),
///     Err(LineError::TooLong { offset: 16, limit: 16 }),
///     Ok(b"QUIT".to_vec()),
/// ]);
/// ```
#[derive(Clone)]
pub struct LineBuffer {
    config: LineConfig,
    buf: Vec<u8>,
    /// Start of the unconsumed bytes in `buf`.
    start: usize,
    /// How many bytes after `start` are known to contain no LF.
    scanned: usize,
    /// Dropping the rest of a too-long line until its LF.
    discarding: bool,
    /// Stream bytes consumed (returned or discarded) so far.
    position: u64,
}

impl fmt::Debug for LineBuffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LineBuffer")
            .field("config", &self.config)
            .field("buffered", &self.buffered())
            .field("discarding", &self.discarding)
            .field("position", &self.position)
            .finish()
    }
}

impl Default for LineBuffer {
    fn default() -> Self {
        Self::new(LineConfig::default())
    }
}

impl LineBuffer {
    /// An empty buffer. Nothing is allocated until the first push.
    pub fn new(config: LineConfig) -> Self {
        Self {
            config,
            buf: Vec::new(),
            start: 0,
            scanned: 0,
            discarding: false,
            position: 0,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &LineConfig {
        &self.config
    }

    /// The most bytes the buffer holds: `max(max_line_len, 4096)`.
    pub fn capacity(&self) -> usize {
        self.config.max_line_len.max(MIN_CAPACITY)
    }

    /// How many bytes are buffered and not yet returned as lines.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    /// How many more bytes [`push`](LineBuffer::push) would accept now.
    pub fn free(&self) -> usize {
        self.capacity() - self.buffered()
    }

    /// How many stream bytes have been consumed so far: returned as lines, or dropped as bad
    /// lines. Bytes still buffered are not counted.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Whether the buffer is dropping the rest of a too-long line.
    pub fn is_discarding(&self) -> bool {
        self.discarding
    }

    /// Takes bytes from `data` and returns how many it took; the caller keeps the rest and
    /// pushes it again after reading lines with [`next_line`](LineBuffer::next_line).
    ///
    /// It takes all of `data` when there is room ([`free`](LineBuffer::free)), and always takes
    /// at least one byte when the buffer holds no complete line and no error is pending, so a
    /// `push`/`next_line` loop always makes progress. While the rest of a too-long line is being
    /// discarded, those bytes are taken and dropped without being stored.
    pub fn push(&mut self, data: &[u8]) -> usize {
        let mut taken = 0;
        if self.discarding {
            match memchr::memchr(b'\n', data) {
                Some(lf) => {
                    self.discarding = false;
                    taken = lf + 1;
                }
                None => {
                    self.position += data.len() as u64;
                    return data.len();
                }
            }
            self.position += taken as u64;
        }
        let data = &data[taken..];
        let n = data.len().min(self.free());
        if n == 0 {
            return taken;
        }
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        } else if self.buf.len() + n > self.capacity() {
            self.buf.copy_within(self.start.., 0);
            self.buf.truncate(self.buf.len() - self.start);
            self.start = 0;
        }
        if self.buf.capacity() == 0 {
            self.buf.reserve_exact(self.capacity());
        }
        self.buf.extend_from_slice(&data[..n]);
        taken + n
    }

    /// Returns the next complete line, `Ok(None)` when more bytes are needed, or an error for a
    /// bad line, which is then skipped (see the [type documentation](LineBuffer)).
    ///
    /// The line borrows the buffer until the next call to a `&mut self` method.
    pub fn next_line(&mut self) -> Result<Option<Line<'_>>, LineError> {
        let limit = self.config.max_line_len;
        let start = self.start;
        let pending = &self.buf[start..];
        let window_end = pending.len().min(limit);
        let found =
            memchr::memchr(b'\n', &pending[self.scanned..window_end]).map(|i| i + self.scanned);
        match found {
            Some(lf) => {
                self.scanned = 0;
                self.start += lf + 1;
                self.position += (lf + 1) as u64;
                let line = make_line(&self.buf[start..], lf, self.config.bare_lf)?;
                Ok(Some(line))
            }
            None if pending.len() >= limit => {
                // Drop the line: up to its LF if buffered already, else everything and the rest
                // as it arrives.
                self.scanned = 0;
                let dropped = match memchr::memchr(b'\n', &pending[limit..]) {
                    Some(i) => limit + i + 1,
                    None => {
                        self.discarding = true;
                        pending.len()
                    }
                };
                self.start += dropped;
                self.position += dropped as u64;
                Err(LineError::TooLong {
                    offset: limit,
                    limit,
                })
            }
            None => {
                self.scanned = window_end;
                Ok(None)
            }
        }
    }

    /// Forgets everything buffered and any pending discard, keeping the allocation and the
    /// configuration; [`position`](LineBuffer::position) restarts at 0. For example after
    /// STARTTLS, where bytes received before the upgrade must be dropped.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.start = 0;
        self.scanned = 0;
        self.discarding = false;
        self.position = 0;
    }

    /// The buffered bytes not yet returned as lines, for a caller that switches to another
    /// framing (an IMAP literal, a DATA body): take them with this, then
    /// [`consume`](LineBuffer::consume) what was used.
    pub fn remaining(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Drops `n` buffered bytes from the front (at most [`buffered`](LineBuffer::buffered)).
    pub fn consume(&mut self, n: usize) {
        let n = n.min(self.buffered());
        self.start += n;
        self.scanned = self.scanned.saturating_sub(n);
        self.position += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(config: LineConfig, input: &[u8]) -> Vec<Result<(Vec<u8>, Ending), LineError>> {
        let mut out = Vec::new();
        let mut lb = LineBuffer::new(config);
        let mut rest = input;
        loop {
            let n = lb.push(rest);
            rest = &rest[n..];
            loop {
                match lb.next_line() {
                    Ok(Some(l)) => out.push(Ok((l.content().to_vec(), l.ending()))),
                    Ok(None) => break,
                    Err(e) => out.push(Err(e)),
                }
            }
            if rest.is_empty() {
                return out;
            }
        }
    }

    #[test]
    fn crlf_line() {
        let c = LineConfig::default();
        let Status::Complete(l) = parse_line(b"abc\r\nrest", &c).unwrap() else {
            panic!()
        };
        assert_eq!(l.content(), b"abc");
        assert_eq!(l.ending(), Ending::CrLf);
        assert_eq!(l.consumed(), 5);
    }

    #[test]
    fn empty_and_incomplete() {
        let c = LineConfig::default();
        assert_eq!(parse_line(b"", &c), Ok(Status::INCOMPLETE));
        assert_eq!(parse_line(b"abc\r", &c), Ok(Status::INCOMPLETE));
        let l = parse_line(b"\r\n", &c).unwrap().complete().unwrap();
        assert_eq!((l.content(), l.consumed()), (&b""[..], 2));
    }

    #[test]
    fn bare_cr_is_data() {
        let c = LineConfig::default();
        let l = parse_line(b"a\rb\r\r\n", &c).unwrap().complete().unwrap();
        assert_eq!(l.content(), b"a\rb\r");
        assert_eq!(l.ending(), Ending::CrLf);
    }

    #[test]
    fn bare_lf_policies() {
        let c = LineConfig::new(100);
        assert_eq!(
            parse_line(b"ab\n", &c),
            Err(LineError::BareLf { offset: 2 })
        );
        assert_eq!(parse_line(b"\n", &c), Err(LineError::BareLf { offset: 0 }));
        let a = parse_line(b"ab\n", &c.with_bare_lf(BareLf::Accept))
            .unwrap()
            .complete()
            .unwrap();
        assert_eq!(
            (a.content(), a.ending(), a.consumed()),
            (&b"ab"[..], Ending::Lf, 3)
        );
        assert_eq!(a.ending().as_bytes(), b"\n");
        let n = parse_line(b"ab\n", &c.with_bare_lf(BareLf::Normalize))
            .unwrap()
            .complete()
            .unwrap();
        assert_eq!(
            (n.content(), n.ending(), n.consumed()),
            (&b"ab"[..], Ending::NormalizedLf, 3)
        );
        assert_eq!(n.ending().as_bytes(), b"\r\n");
        assert!(n.ending().was_bare_lf());
    }

    #[test]
    fn limit_includes_terminator() {
        let c = LineConfig::new(5);
        assert!(parse_line(b"abc\r\n", &c).unwrap().complete().is_some());
        assert_eq!(
            parse_line(b"abcd\r\n", &c),
            Err(LineError::TooLong {
                offset: 5,
                limit: 5
            })
        );
        // Detected before the LF arrives.
        assert_eq!(
            parse_line(b"abcde", &c),
            Err(LineError::TooLong {
                offset: 5,
                limit: 5
            })
        );
        assert_eq!(parse_line(b"abcd", &c), Ok(Status::INCOMPLETE));
        // A bare LF line of exactly the limit.
        let a = c.with_bare_lf(BareLf::Accept);
        assert!(parse_line(b"abcd\n", &a).unwrap().complete().is_some());
    }

    #[test]
    fn tiny_limit_is_raised() {
        assert_eq!(LineConfig::new(0).max_line_len(), 2);
        assert!(
            parse_line(b"\r\n", &LineConfig::new(0))
                .unwrap()
                .complete()
                .is_some()
        );
    }

    #[test]
    fn debug_hides_content() {
        let l = parse_line(b"PASS secret\r\n", &LineConfig::default())
            .unwrap()
            .complete()
            .unwrap();
        assert!(!format!("{l:?}").contains("secret"));
    }

    #[test]
    fn buffer_basic() {
        let got = lines_of(LineConfig::default(), b"a\r\nb\r\n\r\nc");
        assert_eq!(
            got,
            [
                Ok((b"a".to_vec(), Ending::CrLf)),
                Ok((b"b".to_vec(), Ending::CrLf)),
                Ok((b"".to_vec(), Ending::CrLf)),
            ]
        );
    }

    #[test]
    fn buffer_skips_too_long_across_pushes() {
        let mut lb = LineBuffer::new(LineConfig::new(10));
        let long = vec![b'x'; 5000];
        let mut rest = &long[..];
        let mut errors = 0;
        while !rest.is_empty() {
            let n = lb.push(rest);
            rest = &rest[n..];
            while let Err(e) = lb.next_line().map(|l| assert!(l.is_none())) {
                assert_eq!(
                    e,
                    LineError::TooLong {
                        offset: 10,
                        limit: 10
                    }
                );
                errors += 1;
            }
        }
        assert_eq!(errors, 1);
        assert!(lb.is_discarding());
        assert_eq!(lb.buffered(), 0);
        assert_eq!(lb.push(b"yy\r\nok\r\n"), 8);
        assert!(!lb.is_discarding());
        assert_eq!(lb.next_line().unwrap().unwrap().content(), b"ok");
        assert_eq!(lb.position(), 5008);
    }

    #[test]
    fn buffer_too_long_with_lf_buffered() {
        let got = lines_of(LineConfig::new(4), b"abcdefgh\r\nok\r\n");
        assert_eq!(
            got,
            [
                Err(LineError::TooLong {
                    offset: 4,
                    limit: 4
                }),
                Ok((b"ok".to_vec(), Ending::CrLf))
            ]
        );
    }

    #[test]
    fn buffer_bare_lf_reject_skips_line() {
        let got = lines_of(LineConfig::new(100), b"bad\nok\r\n");
        assert_eq!(
            got,
            [
                Err(LineError::BareLf { offset: 3 }),
                Ok((b"ok".to_vec(), Ending::CrLf))
            ]
        );
    }

    #[test]
    fn buffer_bounded_and_reuses_allocation() {
        let mut lb = LineBuffer::new(LineConfig::new(100));
        let data = b"0123456789\r\n".repeat(10_000);
        let mut rest = &data[..];
        let mut count = 0;
        let mut alloc = None;
        while !rest.is_empty() {
            let n = lb.push(rest);
            assert!(n > 0);
            rest = &rest[n..];
            while let Some(l) = lb.next_line().unwrap() {
                assert_eq!(l.content(), b"0123456789");
                count += 1;
            }
            assert!(lb.buffered() <= lb.capacity());
            // Allocated once, then reused.
            let cap = lb.buf.capacity();
            assert_eq!(*alloc.get_or_insert(cap), cap);
        }
        assert_eq!(count, 10_000);
        assert_eq!(lb.position(), data.len() as u64);
    }

    #[test]
    fn buffer_remaining_and_consume() {
        let mut lb = LineBuffer::default();
        lb.push(b"A1 APPEND x {3}\r\nabc\r\n");
        assert_eq!(
            lb.next_line().unwrap().unwrap().content(),
            b"A1 APPEND x {3}"
        );
        assert_eq!(&lb.remaining()[..3], b"abc");
        lb.consume(3);
        assert_eq!(lb.next_line().unwrap().unwrap().content(), b"");
        assert_eq!(lb.position(), 22);
        lb.push(b"junk");
        lb.clear();
        assert_eq!((lb.buffered(), lb.position()), (0, 0));
    }
}
