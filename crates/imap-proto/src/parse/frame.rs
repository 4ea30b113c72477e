//! [`Framer`]: where the next complete IMAP message ends in a growing buffer.

use std::num::NonZeroUsize;

use super::{Needed, ParseConfig, ParseError, ParseErrorKind, Status};
use crate::types::LiteralMode;

/// A complete message found by [`Framer::next_frame`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Frame {
    /// Its length in bytes, from the start of the buffer, final CRLF included.
    pub len: usize,
    /// How many literals it contains.
    pub literals: usize,
}

/// A literal header seen by the framer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LiteralHeader {
    /// Offset of the `{` (or of the `~` of a `literal8`) in the buffer.
    pub offset: usize,
    /// Offset of the first data octet (just after the header's CRLF).
    pub data_start: usize,
    /// The announced number of octets.
    pub size: u64,
    /// `{n}` or `{n+}`.
    pub mode: LiteralMode,
    /// Whether it is a `literal8` (`~{n}`).
    pub binary: bool,
}

/// Finds the end of each complete IMAP message in a growing buffer.
///
/// An IMAP command or response is one line, or several lines joined by literals: a line that
/// ends with a literal header (`{n}`, `{n+}` of RFC 7888, `~{n}` / `~{n+}` of RFC 3516 and
/// RFC 4466) is followed by n octets of data and then by the rest of the message, which
/// continues on the same logical line (RFC 9051 §2.2, §4.3). The framer finds the end of the
/// message so that the command or response parser is handed complete input, and it does so
/// without looking at literal data: a 50 MB `BODY[]` literal arriving in a thousand reads costs
/// a few comparisons per read, never a re-scan.
///
/// The framer does not own the buffer. Call [`Framer::next_frame`] with the bytes received so
/// far for the current message (the same bytes, with more appended, on every call); when it
/// returns [`Status::Complete`], parse `&buf[..frame.len]`, drop those bytes from the front and
/// go on: the framer starts afresh on the next message.
///
/// ```
/// use imap_proto::parse::{Framer, LiteralHeader, Needed, ParseConfig, Status};
/// use imap_proto::types::LiteralMode;
///
/// let mut framer = Framer::new(&ParseConfig::default());
/// let mut buf = b"A1 APPEND INBOX {11}\r\n".to_vec();
/// // The literal's data has not arrived: 11 more bytes are needed, and (on a server) the client
/// // waits for a continuation request first.
/// assert_eq!(
///     framer.next_frame(&buf)?,
///     Status::Incomplete(Needed::AtLeast(11.try_into().unwrap()))
/// );
/// let lit = framer.take_continuation().unwrap();
/// assert_eq!((lit.size, lit.mode), (11, LiteralMode::Sync));
/// buf.extend_from_slice(b"Hello World\r\nA2 NOOP\r\n");
/// let Status::Complete(frame) = framer.next_frame(&buf)? else { unreachable!() };
/// assert_eq!(&buf[..frame.len], b"A1 APPEND INBOX {11}\r\nHello World\r\n");
/// buf.drain(..frame.len);
/// let Status::Complete(frame) = framer.next_frame(&buf)? else { unreachable!() };
/// assert_eq!(&buf[..frame.len], b"A2 NOOP\r\n");
/// # Ok::<(), imap_proto::parse::ParseError>(())
/// ```
///
/// # Ambiguity
///
/// Framing is lexical: a line whose last characters before CRLF are `{digits}` or `{digits+}`
/// announces a literal. A quoted string cannot contain CRLF, so this is exact for every
/// production of the grammar except free text at the end of a line (`resp-text`). The one-line
/// messages that end in free text are recognised by their start and never announce a literal:
/// a continuation request (`+`, RFC 9051 §7.5), an untagged status response (`* OK`, `* NO`,
/// `* BAD`, `* BYE`, `* PREAUTH`, §7.1) and a tagged one (`tag OK|NO|BAD`); neither a command
/// nor any other response can start that way (a tag holds neither `*` nor `+`, and no command is
/// named OK, NO or BAD). So `* OK see {5}` is one line of text, as the response parser reads
/// it. (Encoders in this crate still never produce text ending like a literal header, for the
/// sake of peers whose framers are purely lexical.)
///
/// State kept between calls: how far the current line has been searched for its LF and where
/// the current literal ends, so that every byte is examined at most once and literal data not
/// at all ([`scanned`](Framer::scanned) counts the bytes examined).
#[derive(Debug, Clone)]
pub struct Framer {
    max_line_len: usize,
    max_literal_size: u64,
    max_non_sync_literal_size: u64,
    max_message_size: u64,
    allow_bare_lf: bool,
    /// Start of the current line (after the last literal).
    line_start: usize,
    /// Bytes from `line_start` up to here are known to contain no LF.
    scan_pos: usize,
    /// While inside a literal: the offset just after its data.
    literal_end: Option<usize>,
    literals: usize,
    continuation: Option<LiteralHeader>,
    scanned: u64,
}

impl Framer {
    /// A framer with the limits and bare-LF tolerance of `config`
    /// ([`max_line_len`](ParseConfig::max_line_len),
    /// [`max_literal_size`](ParseConfig::max_literal_size),
    /// [`max_non_sync_literal_size`](ParseConfig::max_non_sync_literal_size),
    /// [`max_message_size`](ParseConfig::max_message_size),
    /// [`allow_bare_lf`](ParseConfig::allow_bare_lf)).
    pub fn new(config: &ParseConfig) -> Self {
        Self {
            max_line_len: config.max_line_len.max(2),
            max_literal_size: config.max_literal_size,
            max_non_sync_literal_size: config
                .max_non_sync_literal_size
                .min(config.max_literal_size),
            max_message_size: config.max_message_size,
            allow_bare_lf: config.allow_bare_lf,
            line_start: 0,
            scan_pos: 0,
            literal_end: None,
            literals: 0,
            continuation: None,
            scanned: 0,
        }
    }

    /// Forgets the current message, e.g. after an error (drop the bad bytes, see
    /// [`skip_line`](super::skip_line)) or after STARTTLS. [`scanned`](Framer::scanned) is kept.
    pub fn reset(&mut self) {
        self.line_start = 0;
        self.scan_pos = 0;
        self.literal_end = None;
        self.literals = 0;
        self.continuation = None;
    }

    /// How many bytes have been examined since the framer was created (literal data excluded):
    /// linear in the size of the lines, whatever the chunking.
    pub fn scanned(&self) -> u64 {
        self.scanned
    }

    /// How many bytes of the current message have been framed so far (lines examined and
    /// literals skipped).
    pub fn position(&self) -> usize {
        self.literal_end.unwrap_or(self.scan_pos)
    }

    /// Whether the framer is waiting for literal data.
    pub fn in_literal(&self) -> bool {
        self.literal_end.is_some()
    }

    /// The synchronizing literal whose header ends the bytes received so far, once: a server
    /// must now send a continuation request (`+ …`, RFC 9051 §7.5) or reject the command
    /// before the client sends the data (RFC 9051 §4.3). Returns `None` afterwards, and for
    /// non-synchronizing literals, or when data already follows the header (a client that did
    /// not wait). A client reading responses ignores it.
    pub fn take_continuation(&mut self) -> Option<LiteralHeader> {
        self.continuation.take()
    }

    /// Looks for the end of the message that starts at `buf[0]`.
    ///
    /// `buf` holds the bytes of the current message received so far; between calls the caller
    /// only appends to it. Returns the [`Frame`] once its final CRLF is in `buf` (the framer is
    /// then ready for the next message, which starts at `buf[frame.len]`), or
    /// [`Status::Incomplete`]: [`Needed::AtLeast`] with the octets still missing inside a
    /// literal, [`Needed::Unknown`] while a line waits for its LF.
    ///
    /// Errors ([`ParseErrorKind::LineTooLong`], [`ParseErrorKind::LiteralTooLarge`],
    /// [`ParseErrorKind::MessageTooLarge`], [`ParseErrorKind::BareLf`]) carry the offset in
    /// `buf`; call [`reset`](Framer::reset) before framing again.
    pub fn next_frame(&mut self, buf: &[u8]) -> Result<Status<Frame>, ParseError> {
        loop {
            if let Some(end) = self.literal_end {
                if buf.len() < end {
                    let missing = NonZeroUsize::new(end - buf.len()).unwrap_or(NonZeroUsize::MIN);
                    return Ok(Status::Incomplete(Needed::AtLeast(missing)));
                }
                self.literal_end = None;
                self.line_start = end;
                self.scan_pos = end;
            }
            let limit_end = self.line_start.saturating_add(self.max_line_len);
            let window_end = buf.len().min(limit_end);
            let found = if self.scan_pos < window_end {
                let window = &buf[self.scan_pos..window_end];
                self.scanned += window.len() as u64;
                memchr::memchr(b'\n', window).map(|i| self.scan_pos + i)
            } else {
                None
            };
            let Some(lf) = found else {
                if window_end == limit_end {
                    return Err(ParseError::new(
                        limit_end,
                        ParseErrorKind::LineTooLong {
                            limit: self.max_line_len,
                        },
                    ));
                }
                // Never backwards, even if a caller passes a shorter buffer.
                self.scan_pos = self.scan_pos.max(window_end);
                return Ok(Status::INCOMPLETE);
            };
            // Count only up to the LF: bytes after it belong to the next scan.
            self.scanned -= (window_end - lf - 1) as u64;
            let content_end = if lf > self.line_start && buf[lf - 1] == b'\r' {
                lf - 1
            } else if self.allow_bare_lf {
                lf
            } else {
                return Err(ParseError::new(lf, ParseErrorKind::BareLf));
            };
            let line_end = lf + 1;
            if line_end as u64 > self.max_message_size {
                return Err(self.too_large(line_end));
            }
            let Some(header) = self.literal_header(buf, content_end, line_end)? else {
                let frame = Frame {
                    len: line_end,
                    literals: self.literals,
                };
                self.reset();
                return Ok(Status::Complete(frame));
            };
            let end = (line_end as u64).saturating_add(header.size);
            if end > self.max_message_size {
                return Err(self.too_large(header.offset));
            }
            let Ok(end) = usize::try_from(end) else {
                return Err(self.too_large(header.offset));
            };
            if header.mode == LiteralMode::Sync && buf.len() == line_end {
                self.continuation = Some(header);
            }
            self.literals += 1;
            self.literal_end = Some(end);
            self.scan_pos = line_end;
        }
    }

    fn too_large(&self, offset: usize) -> ParseError {
        ParseError::new(
            offset,
            ParseErrorKind::MessageTooLarge {
                limit: self.max_message_size,
            },
        )
    }

    /// The literal header that ends the line content `buf[line_start..content_end]`, if any.
    fn literal_header(
        &mut self,
        buf: &[u8],
        content_end: usize,
        line_end: usize,
    ) -> Result<Option<LiteralHeader>, ParseError> {
        let line = &buf[self.line_start..content_end];
        let Some((&b'}', before)) = line.split_last() else {
            return Ok(None);
        };
        if self.literals == 0 && is_status_or_continuation(line) {
            // Only reached when the line ends like a literal header: free text, not a literal.
            return Ok(None);
        }
        let (non_sync, before) = match before.split_last() {
            Some((&b'+', rest)) => (true, rest),
            _ => (false, before),
        };
        let digits = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.scanned += digits as u64 + 2;
        if digits == 0 {
            return Ok(None);
        }
        if before.len() <= digits || before[before.len() - digits - 1] != b'{' {
            return Ok(None);
        }
        let brace = before.len() - digits - 1;
        let binary = brace > 0 && before[brace - 1] == b'~';
        let offset = self.line_start + if binary { brace - 1 } else { brace };
        let size = before[brace + 1..].iter().fold(0u64, |v, &b| {
            v.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        });
        let limit = if non_sync {
            self.max_non_sync_literal_size
        } else {
            self.max_literal_size
        };
        if size > limit {
            return Err(ParseError::new(
                offset,
                ParseErrorKind::LiteralTooLarge {
                    size,
                    limit,
                    non_sync,
                },
            ));
        }
        Ok(Some(LiteralHeader {
            offset,
            data_start: line_end,
            size,
            mode: if non_sync {
                LiteralMode::NonSync
            } else {
                LiteralMode::Sync
            },
            binary,
        }))
    }
}

/// Whether `line` (a message's first line, without its line end) is a continuation request or a
/// status response, whose last element is free text (RFC 9051 §7.1, §7.5, §9 `resp-text`).
fn is_status_or_continuation(line: &[u8]) -> bool {
    if line.first() == Some(&b'+') {
        return true;
    }
    let Some(sp) = line.iter().position(|&b| b == b' ') else {
        return false;
    };
    let first = &line[..sp];
    // Extra spaces and a code right after the word (`OK[ALERT]`) are tolerances of the parser.
    let rest = &line[sp..];
    let rest = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
    let word_end = rest
        .iter()
        .position(|&b| matches!(b, b' ' | b'['))
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let is = |name: &[u8]| word.eq_ignore_ascii_case(name);
    !first.is_empty()
        && (is(b"OK") || is(b"NO") || is(b"BAD") || first == b"*" && (is(b"BYE") || is(b"PREAUTH")))
}
