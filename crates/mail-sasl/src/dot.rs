//! Dot-stuffing and un-stuffing of message data (RFC 5321 §4.5.2, RFC 1939 §3), as streaming
//! transformers.
//!
//! SMTP `DATA` and POP3 multi-line responses (`RETR`, `TOP`, `LIST`, `UIDL`, ...) send message
//! data the same way: line by line, a line that starts with `.` gets one more `.` in front
//! ("dot-stuffing"), and the data ends with a line holding a single `.`, i.e. the five octets
//! `<CRLF>.<CRLF>`, where the first CRLF ends the last data line. [`Stuffer`] does the sending
//! side, [`Unstuffer`] the receiving side. Both take chunks of any size, split anywhere,
//! scan with `memchr` and copy whole runs of bytes, so they cost O(n) with a small constant, and
//! neither buffers data: each keeps a few bits of state about the bytes just before the chunk.
//!
//! # End of data and the smuggling class
//!
//! RFC 5321 §2.3.8 and §4.1.1.4 say that lines end in CRLF and that CR and LF must not appear
//! alone. Receivers that are lenient about that disagree on where message data ends: one reads
//! `<LF>.<LF>` or `<CR>.<CR>` as the end, another keeps reading. If a sender passes such bytes
//! through and a lenient server sits behind a strict one (or the other way round), text inside
//! the message can be read as new SMTP commands ("SMTP smuggling", 2023). Hence:
//!
//! - The [`Unstuffer`] is strict: data ends **only** on `<CRLF>.<CRLF>`, or on `.<CRLF>` as the
//!   very first bytes (the CRLF before it ended the `DATA` command line, the `354` reply or the
//!   POP3 `+OK` line). `<LF>.<LF>`, `<CR>.<CR><LF>`, `<LF>.<CR><LF>`, `<CRLF>.<LF>` and the like
//!   are message data. Likewise a "line start" is the start of the data or the byte after a
//!   CRLF, never after a bare CR or bare LF.
//! - The [`Stuffer`] by default converts every bare LF and bare CR into CRLF
//!   ([`LineEndings::Normalize`]) before stuffing, so what it sends has only CRLF line ends and
//!   strict and lenient receivers agree on every line and on the end of the data. Alternatives:
//!   [`LineEndings::Reject`] fails on them; [`LineEndings::Preserve`] sends them unchanged for
//!   byte-exact transfer, which a strict receiver (like [`Unstuffer`]) reads back exactly but a
//!   lenient one may cut short, so use it only towards a peer known to be strict.
//!
//! # Byte-exactness
//!
//! With [`LineEndings::Preserve`], `unstuff(stuff(x))` is `x` when `x` is empty or ends in
//! CRLF, and `x` followed by CRLF otherwise: the end-of-data line must start a line, so
//! [`Stuffer::finish`] adds a CRLF (and says so) when the data did not end with one. With
//! [`LineEndings::Normalize`] the same holds for `x` with bare CR and LF replaced by CRLF.
//!
//! # Example: a round trip
//!
//! ```
//! use mail_sasl::dot::{Progress, Stuffer, Unstuffer};
//!
//! let mut wire = Vec::new();
//! let mut stuffer = Stuffer::new();
//! stuffer.stuff(b"Subject: hi\r\n\r\n.signature\r\n", &mut wire)?;
//! stuffer.stuff(b"..and more", &mut wire)?;
//! let crlf_added = stuffer.finish(&mut wire)?;
//! assert!(crlf_added);
//! assert_eq!(wire, b"Subject: hi\r\n\r\n..signature\r\n...and more\r\n.\r\n");
//!
//! // Receiving, with the next pipelined command behind the data.
//! wire.extend_from_slice(b"QUIT\r\n");
//! let mut data = Vec::new();
//! let mut unstuffer = Unstuffer::new();
//! let Progress::End { consumed } = unstuffer.unstuff(&wire, &mut data)? else { panic!() };
//! assert_eq!(data, b"Subject: hi\r\n\r\n.signature\r\n..and more\r\n");
//! assert_eq!(&wire[consumed..], b"QUIT\r\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use memchr::memmem::Finder;

/// The CRLF-dot sequence after which a dot must be doubled (sending) or removed (receiving).
const CRLF_DOT: &[u8] = b"\r\n.";

/// How a [`Stuffer`] treats a bare LF or bare CR in the data it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineEndings {
    /// Replace every bare LF and every bare CR with CRLF before stuffing. The default: the
    /// output has only CRLF line ends, so no receiver, strict or lenient, can disagree about
    /// lines or the end of the data (RFC 5321 §2.3.8).
    #[default]
    Normalize,
    /// Fail with [`StuffError::BareLf`] or [`StuffError::BareCr`]. For a sender that must not
    /// change the message (e.g. because it is signed) and must not risk a lenient receiver.
    Reject,
    /// Leave them as they are (byte-exact). Dots are still doubled only at the start of the
    /// data and after CRLF, so a strict receiver gets the data back exactly; a lenient receiver
    /// may see `<LF>.<LF>` as the end of the data. Use only towards a strict peer.
    Preserve,
}

/// Where a [`Stuffer`] is relative to line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum StuffState {
    /// At the start of the data or right after a CRLF: a `.` here is doubled.
    LineStart,
    /// Inside a line.
    Mid,
    /// The last byte was a CR (already written) that may be the first half of a CRLF.
    AfterCr,
}

/// A streaming dot-stuffer: message data in, wire bytes out (RFC 5321 §4.5.2, RFC 1939 §3).
///
/// Feed the data in chunks of any size with [`stuff`](Stuffer::stuff), then call
/// [`finish`](Stuffer::finish) to write the end-of-data line. Each `.` at the start of the
/// data or after a CRLF is doubled; bare CR and LF are handled per [`LineEndings`]
/// (normalized to CRLF by default, see the [module documentation](self)). In
/// [`LineEndings::Preserve`] mode it only looks for `<CRLF>.` (with `memchr::memmem`) and copies
/// everything between; the other modes visit every CR and LF (`memchr2`), which is still a few
/// GiB/s (see `benches/wire.rs`). After `finish` (or
/// [`reset`](Stuffer::reset)) the stuffer is ready for the next message.
///
/// ```
/// use mail_sasl::dot::{LineEndings, StuffError, Stuffer};
///
/// let mut out = Vec::new();
/// let mut s = Stuffer::new();
/// // A bare LF is normalized, so the lone dot line cannot end the data early.
/// s.stuff(b"a\n.\nb\r\n", &mut out)?;
/// assert!(!s.finish(&mut out)?);
/// assert_eq!(out, b"a\r\n..\r\nb\r\n.\r\n");
///
/// let mut strict = Stuffer::with_line_endings(LineEndings::Reject);
/// assert_eq!(strict.stuff(b"a\n", &mut out), Err(StuffError::BareLf { offset: 1 }));
/// # Ok::<(), StuffError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Stuffer {
    line_endings: LineEndings,
    state: StuffState,
    /// Input bytes fed since the start of the data (for error offsets).
    fed: u64,
    /// A [`LineEndings::Reject`] error, repeated until reset.
    failed: Option<StuffError>,
    finder: Finder<'static>,
}

impl Default for Stuffer {
    fn default() -> Self {
        Self::new()
    }
}

/// A bare CR or LF given to a [`Stuffer`] with [`LineEndings::Reject`].
///
/// Offsets count input bytes from the start of the data (across all chunks). The stuffer
/// keeps returning the error until [`Stuffer::reset`]; what it wrote so far is not a complete
/// message (an SMTP client must not finish the data; it can close the connection or, when using
/// `BDAT`, send `RSET`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum StuffError {
    /// An LF not preceded by a CR.
    #[error("bare lf at byte {offset}")]
    BareLf {
        /// The LF's offset in the data.
        offset: u64,
    },
    /// A CR not followed by an LF (including a CR that ends the data).
    #[error("bare cr at byte {offset}")]
    BareCr {
        /// The CR's offset in the data.
        offset: u64,
    },
}

impl Stuffer {
    /// A stuffer with the default [`LineEndings::Normalize`].
    pub fn new() -> Self {
        Self::with_line_endings(LineEndings::default())
    }

    /// A stuffer with the given line-ending policy.
    pub fn with_line_endings(line_endings: LineEndings) -> Self {
        Self {
            line_endings,
            state: StuffState::LineStart,
            fed: 0,
            failed: None,
            finder: Finder::new(CRLF_DOT),
        }
    }

    /// The line-ending policy.
    pub fn line_endings(&self) -> LineEndings {
        self.line_endings
    }

    /// How many input bytes have been given since the start of the data.
    pub fn position(&self) -> u64 {
        self.fed
    }

    /// Starts a new message, forgetting any state and error.
    pub fn reset(&mut self) {
        self.state = StuffState::LineStart;
        self.fed = 0;
        self.failed = None;
    }

    /// Appends the stuffed form of `input` to `out`.
    ///
    /// Fails only with [`LineEndings::Reject`], on the first bare LF or CR; `out` then holds the
    /// stuffed data before it. A CR at the end of a chunk is written at once; whether it was bare
    /// is decided by the next chunk (or by [`finish`](Stuffer::finish)).
    pub fn stuff(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<(), StuffError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        out.reserve(input.len() + input.len() / 64 + 8);
        let result = match self.line_endings {
            LineEndings::Preserve => {
                self.stuff_preserve(input, out);
                Ok(())
            }
            LineEndings::Normalize | LineEndings::Reject => self.stuff_strict(input, out),
        };
        match result {
            Ok(()) => self.fed += input.len() as u64,
            Err(e) => self.failed = Some(e),
        }
        result
    }

    /// Byte-exact stuffing: copies runs between `CRLF .` occurrences, doubling those dots.
    fn stuff_preserve(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let mut pos = 0;
        // Settle the state carried over from the previous chunk.
        if self.state == StuffState::AfterCr {
            match input.first() {
                None => return,
                Some(b'\n') => {
                    out.push(b'\n');
                    pos = 1;
                    self.state = StuffState::LineStart;
                }
                Some(_) => self.state = StuffState::Mid,
            }
        }
        if self.state == StuffState::LineStart {
            match input.get(pos) {
                None => return,
                Some(b'.') => out.push(b'.'),
                Some(_) => {}
            }
        }
        // Inside a line from here on: every `CRLF .` in the rest is a line start with a dot.
        let rest = &input[pos..];
        let mut copied = 0;
        for at in self.finder.find_iter(rest) {
            out.extend_from_slice(&rest[copied..at + 3]);
            out.push(b'.');
            copied = at + 3;
        }
        out.extend_from_slice(&rest[copied..]);
        self.state = tail_state(rest);
    }

    /// Normalizing or rejecting stuffing: visits every CR and LF.
    fn stuff_strict(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<(), StuffError> {
        let reject = self.line_endings == LineEndings::Reject;
        let n = input.len();
        let mut pos = 0;
        if self.state == StuffState::AfterCr {
            match input.first() {
                None => return Ok(()),
                Some(b'\n') => {
                    out.push(b'\n');
                    pos = 1;
                }
                // The CR written at the end of the last chunk was bare.
                Some(_) if reject => {
                    return Err(StuffError::BareCr {
                        offset: self.fed - 1,
                    });
                }
                Some(_) => out.push(b'\n'),
            }
            self.state = StuffState::LineStart;
        }
        if self.state == StuffState::LineStart {
            match input.get(pos) {
                None => return Ok(()),
                Some(b'.') => out.push(b'.'),
                Some(_) => {}
            }
            self.state = StuffState::Mid;
        }
        // `input[copied..pos]` is scanned and still to be copied.
        let mut copied = pos;
        while let Some(k) = memchr::memchr2(b'\r', b'\n', &input[pos..]) {
            let at = pos + k;
            if input[at] == b'\n' {
                // CRLF pairs are taken whole at their CR, so this LF is bare.
                if reject {
                    out.extend_from_slice(&input[copied..at]);
                    return Err(StuffError::BareLf {
                        offset: self.fed + at as u64,
                    });
                }
                out.extend_from_slice(&input[copied..at]);
                out.extend_from_slice(b"\r\n");
                copied = at + 1;
                pos = at + 1;
            } else {
                match input.get(at + 1) {
                    None => {
                        out.extend_from_slice(&input[copied..]);
                        self.state = StuffState::AfterCr;
                        return Ok(());
                    }
                    Some(b'\n') => pos = at + 2,
                    Some(_) if reject => {
                        out.extend_from_slice(&input[copied..at]);
                        return Err(StuffError::BareCr {
                            offset: self.fed + at as u64,
                        });
                    }
                    Some(_) => {
                        out.extend_from_slice(&input[copied..=at]);
                        out.push(b'\n');
                        copied = at + 1;
                        pos = at + 1;
                    }
                }
            }
            // At a line start.
            match input.get(pos) {
                None => {
                    out.extend_from_slice(&input[copied..]);
                    self.state = StuffState::LineStart;
                    return Ok(());
                }
                Some(b'.') => {
                    out.extend_from_slice(&input[copied..=pos]);
                    out.push(b'.');
                    pos += 1;
                    copied = pos;
                }
                Some(_) => {}
            }
        }
        out.extend_from_slice(&input[copied..n]);
        self.state = StuffState::Mid;
        Ok(())
    }

    /// Ends the data: writes the end-of-data line `.<CRLF>` to `out`, preceded by a CRLF when
    /// the data did not end with one (the end-of-data line must start a line). Returns whether
    /// it added that CRLF, i.e. whether the receiver will see the data plus a CRLF.
    ///
    /// Empty data gives just `.<CRLF>`. With [`LineEndings::Normalize`] a final bare CR is
    /// completed to CRLF, which does not count as added (the data normalized ends in CRLF);
    /// with [`LineEndings::Preserve`] it stays bare and a CRLF is added; with
    /// [`LineEndings::Reject`] it is an error. The stuffer is then ready for the next message.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<bool, StuffError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let added = match (self.state, self.line_endings) {
            (StuffState::LineStart, _) => {
                out.extend_from_slice(b".\r\n");
                false
            }
            (StuffState::AfterCr, LineEndings::Normalize) => {
                out.extend_from_slice(b"\n.\r\n");
                false
            }
            (StuffState::AfterCr, LineEndings::Reject) => {
                let e = StuffError::BareCr {
                    offset: self.fed - 1,
                };
                self.failed = Some(e);
                return Err(e);
            }
            (StuffState::Mid | StuffState::AfterCr, _) => {
                out.extend_from_slice(b"\r\n.\r\n");
                true
            }
        };
        self.reset();
        Ok(added)
    }
}

/// The line state after `chunk`, which was read inside a line (its first byte does not
/// complete a CRLF).
fn tail_state(chunk: &[u8]) -> StuffState {
    match chunk {
        [.., b'\r', b'\n'] => StuffState::LineStart,
        [.., b'\r'] => StuffState::AfterCr,
        _ => StuffState::Mid,
    }
}

/// Where an [`Unstuffer`] is in a potential line start or terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum UnstuffState {
    /// At the start of the data or right after a CRLF.
    LineStart,
    /// After a `.` at a line start (not written: it is either removed or the terminator).
    Dot,
    /// After `.` CR at a line start (neither written yet).
    DotCr,
    /// Inside a line.
    Mid,
    /// After a CR inside a line (written).
    AfterCr,
    /// The terminator has been read.
    Done,
}

/// What an [`Unstuffer`] call found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use]
pub enum Progress {
    /// All the input was data: call again with more.
    Continue,
    /// The end-of-data line was read. The first `consumed` input bytes of this call were data
    /// and terminator; the rest (for example pipelined commands, RFC 2920) belongs to the
    /// caller.
    End {
        /// Input bytes of this call used, terminator included.
        consumed: usize,
    },
}

/// The data ended and was larger than [`Unstuffer::with_max_size`] allowed.
///
/// Reported once the terminator has been read, so the caller is in sync with the peer and can
/// answer (SMTP `552`, RFC 5321 §4.5.3.1.10) and go on. The output then holds exactly the first
/// `limit` bytes of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum UnstuffError {
    /// The un-stuffed data exceeded the limit.
    #[error("message data too large: {size} octets, limit {limit}")]
    TooLarge {
        /// The configured limit in octets.
        limit: u64,
        /// The full un-stuffed size in octets (counted, not stored).
        size: u64,
        /// Input bytes of this call used, terminator included, as in [`Progress::End`].
        consumed: usize,
    },
}

/// A streaming dot-unstuffer: wire bytes in, message data out (RFC 5321 §4.5.2, RFC 1939 §3).
///
/// Feed what arrives after the `354` reply (SMTP server), or after the `+OK` line of a
/// multi-line POP3 response (client), with [`unstuff`](Unstuffer::unstuff); it appends the
/// data to `out` and says when the end-of-data line has been read and how many bytes of the
/// last chunk it used.
///
/// Rules (see also the [module documentation](self)):
///
/// - the data ends only on `<CRLF>.<CRLF>`, or `.<CRLF>` at the very start; the CRLF before the
///   dot belongs to the data, so the output is empty or ends in CRLF;
/// - a line that starts with `.` and is not the end-of-data line loses that first `.`, whatever
///   follows it. That is RFC 5321 §4.5.2's rule, and it also covers senders that forgot to
///   stuff a line like `.signature`: the dot is removed, as any RFC receiver would;
/// - line starts are only the start of the data and the bytes after CRLF; bare CR and LF are
///   data and are passed through;
/// - with a maximum size, data past the limit is counted but not written, scanning continues to
///   the terminator, and [`UnstuffError::TooLarge`] is returned there.
///
/// Results do not depend on how the input is split into chunks. After the end, further calls
/// return [`Progress::End`] with `consumed: 0` until [`reset`](Unstuffer::reset).
///
/// ```
/// use mail_sasl::dot::{Progress, Unstuffer};
///
/// let mut u = Unstuffer::new();
/// let mut data = Vec::new();
/// // The terminator split across calls; a `<LF>.<LF>` inside is data.
/// assert_eq!(u.unstuff(b"a\n.\nb\r\n..c\r", &mut data)?, Progress::Continue);
/// assert_eq!(u.unstuff(b"\n.", &mut data)?, Progress::Continue);
/// assert_eq!(u.unstuff(b"\r\nMAIL FROM:<>\r\n", &mut data)?, Progress::End { consumed: 2 });
/// assert_eq!(data, b"a\n.\nb\r\n.c\r\n");
/// # Ok::<(), mail_sasl::dot::UnstuffError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Unstuffer {
    state: UnstuffState,
    max_size: Option<u64>,
    /// Un-stuffed data size so far, including bytes not written because of the limit.
    size: u64,
    finder: Finder<'static>,
}

impl Default for Unstuffer {
    fn default() -> Self {
        Self::new()
    }
}

impl Unstuffer {
    /// An unstuffer without a size limit.
    pub fn new() -> Self {
        Self {
            state: UnstuffState::LineStart,
            max_size: None,
            size: 0,
            finder: Finder::new(CRLF_DOT),
        }
    }

    /// An unstuffer that writes at most `max_size` bytes of data and reports
    /// [`UnstuffError::TooLarge`] at the end when the data was larger.
    pub fn with_max_size(max_size: u64) -> Self {
        Self {
            max_size: Some(max_size),
            ..Self::new()
        }
    }

    /// The size limit, if any.
    pub fn max_size(&self) -> Option<u64> {
        self.max_size
    }

    /// The un-stuffed size of the data so far (counting bytes past the limit too).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether the data has exceeded the size limit already (the error comes at the end).
    pub fn is_over_limit(&self) -> bool {
        self.max_size.is_some_and(|m| self.size > m)
    }

    /// Whether the end-of-data line has been read.
    pub fn is_done(&self) -> bool {
        self.state == UnstuffState::Done
    }

    /// Starts a new message, keeping the size limit.
    pub fn reset(&mut self) {
        self.state = UnstuffState::LineStart;
        self.size = 0;
    }

    /// Appends `bytes` of data to `out`, within the size limit.
    fn emit(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        let len = bytes.len() as u64;
        match self.max_size {
            Some(max) if self.size + len > max => {
                let room = max.saturating_sub(self.size);
                // `room < len`, so it fits in usize.
                out.extend_from_slice(&bytes[..room as usize]);
            }
            _ => out.extend_from_slice(bytes),
        }
        self.size += len;
    }

    /// Un-stuffs `input`, appending the data to `out`.
    ///
    /// Returns [`Progress::Continue`] when all of `input` was data, or [`Progress::End`] with
    /// the number of bytes used when it contained the end of the data. With a size limit that
    /// the data exceeded, the end is reported as [`UnstuffError::TooLarge`] instead.
    pub fn unstuff(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<Progress, UnstuffError> {
        let mut pos = 0;
        let n = input.len();
        while pos < n {
            match self.state {
                UnstuffState::Mid => {
                    let rest = &input[pos..];
                    match self.finder.find(rest) {
                        Some(at) => {
                            self.emit(&rest[..at + 2], out);
                            pos += at + 3;
                            self.state = UnstuffState::Dot;
                        }
                        None => {
                            self.emit(rest, out);
                            self.state = match tail_state(rest) {
                                StuffState::LineStart => UnstuffState::LineStart,
                                StuffState::AfterCr => UnstuffState::AfterCr,
                                StuffState::Mid => UnstuffState::Mid,
                            };
                            pos = n;
                        }
                    }
                }
                UnstuffState::LineStart => {
                    if input[pos] == b'.' {
                        pos += 1;
                        self.state = UnstuffState::Dot;
                    } else {
                        self.state = UnstuffState::Mid;
                    }
                }
                UnstuffState::Dot => {
                    if input[pos] == b'\r' {
                        pos += 1;
                        self.state = UnstuffState::DotCr;
                    } else {
                        // The line's first dot is removed; what follows is ordinary data.
                        self.state = UnstuffState::Mid;
                    }
                }
                UnstuffState::DotCr => {
                    if input[pos] == b'\n' {
                        pos += 1;
                        return self.end(pos);
                    }
                    // `.` CR and something else: a line `.<CR>...`; drop the dot, keep the CR.
                    self.emit(b"\r", out);
                    self.state = UnstuffState::AfterCr;
                }
                UnstuffState::AfterCr => {
                    if input[pos] == b'\n' {
                        self.emit(b"\n", out);
                        pos += 1;
                        self.state = UnstuffState::LineStart;
                    } else {
                        self.state = UnstuffState::Mid;
                    }
                }
                UnstuffState::Done => return Ok(Progress::End { consumed: 0 }),
            }
        }
        if self.state == UnstuffState::Done {
            return Ok(Progress::End { consumed: 0 });
        }
        Ok(Progress::Continue)
    }

    fn end(&mut self, consumed: usize) -> Result<Progress, UnstuffError> {
        self.state = UnstuffState::Done;
        match self.max_size {
            Some(limit) if self.size > limit => Err(UnstuffError::TooLarge {
                limit,
                size: self.size,
                consumed,
            }),
            _ => Ok(Progress::End { consumed }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stuff_all(policy: LineEndings, chunks: &[&[u8]]) -> Result<(Vec<u8>, bool), StuffError> {
        let mut s = Stuffer::with_line_endings(policy);
        let mut out = Vec::new();
        for c in chunks {
            s.stuff(c, &mut out)?;
        }
        let added = s.finish(&mut out)?;
        Ok((out, added))
    }

    fn unstuff_all(input: &[u8]) -> (Vec<u8>, Option<usize>) {
        let mut u = Unstuffer::new();
        let mut out = Vec::new();
        match u.unstuff(input, &mut out).unwrap() {
            Progress::Continue => (out, None),
            Progress::End { consumed } => (out, Some(consumed)),
        }
    }

    #[test]
    fn stuff_basic() {
        let (w, added) = stuff_all(LineEndings::Preserve, &[b".a\r\n.b\r\nc.\r\n..\r\n"]).unwrap();
        assert_eq!(w, b"..a\r\n..b\r\nc.\r\n...\r\n.\r\n");
        assert!(!added);
    }

    #[test]
    fn stuff_empty_and_unterminated() {
        assert_eq!(
            stuff_all(LineEndings::Normalize, &[]).unwrap(),
            (b".\r\n".to_vec(), false)
        );
        assert_eq!(
            stuff_all(LineEndings::Normalize, &[b"x"]).unwrap(),
            (b"x\r\n.\r\n".to_vec(), true)
        );
        assert_eq!(
            stuff_all(LineEndings::Normalize, &[b"."]).unwrap(),
            (b"..\r\n.\r\n".to_vec(), true)
        );
    }

    #[test]
    fn stuff_split_crlf_dot() {
        for p in [
            LineEndings::Preserve,
            LineEndings::Normalize,
            LineEndings::Reject,
        ] {
            let (w, _) = stuff_all(p, &[b"a\r", b"", b"\n", b"", b".b\r\n"]).unwrap();
            assert_eq!(w, b"a\r\n..b\r\n.\r\n", "{p:?}");
        }
    }

    #[test]
    fn stuff_normalize() {
        let (w, added) =
            stuff_all(LineEndings::Normalize, &[b"a\n.\nb\r.\rc\r\r\n\n.x\r"]).unwrap();
        assert_eq!(w, b"a\r\n..\r\nb\r\n..\r\nc\r\n\r\n\r\n..x\r\n.\r\n");
        assert!(!added);
    }

    #[test]
    fn stuff_preserve_leaves_bare_endings() {
        let (w, added) = stuff_all(LineEndings::Preserve, &[b"a\n.\nb\r.\r"]).unwrap();
        assert_eq!(w, b"a\n.\nb\r.\r\r\n.\r\n");
        assert!(added);
    }

    #[test]
    fn stuff_reject() {
        assert_eq!(
            stuff_all(LineEndings::Reject, &[b"ab\r\n", b"c\nd"]),
            Err(StuffError::BareLf { offset: 5 })
        );
        assert_eq!(
            stuff_all(LineEndings::Reject, &[b"ab\r", b"x"]),
            Err(StuffError::BareCr { offset: 2 })
        );
        assert_eq!(
            stuff_all(LineEndings::Reject, &[b"ab\rx"]),
            Err(StuffError::BareCr { offset: 2 })
        );
        assert_eq!(
            stuff_all(LineEndings::Reject, &[b"ab\r"]),
            Err(StuffError::BareCr { offset: 2 })
        );
        // Sticky until reset.
        let mut s = Stuffer::with_line_endings(LineEndings::Reject);
        let mut out = Vec::new();
        assert!(s.stuff(b"\n", &mut out).is_err());
        assert!(s.stuff(b"ok", &mut out).is_err());
        s.reset();
        out.clear();
        s.stuff(b"ok\r\n", &mut out).unwrap();
        assert!(!s.finish(&mut out).unwrap());
        assert_eq!(out, b"ok\r\n.\r\n");
    }

    #[test]
    fn unstuff_basic() {
        assert_eq!(unstuff_all(b".\r\n"), (vec![], Some(3)));
        assert_eq!(unstuff_all(b"a\r\n.\r\nX"), (b"a\r\n".to_vec(), Some(6)));
        assert_eq!(
            unstuff_all(b"..a\r\n.b\r\n.\r\n"),
            (b".a\r\nb\r\n".to_vec(), Some(12))
        );
    }

    #[test]
    fn unstuff_smuggling_is_data() {
        for body in [
            &b"a\n.\nb"[..],
            b"a\r.\r\nb",
            b"a\n.\r\nb",
            b"a\r\n.\nb",
            b"\n.\r\nb",
            b"a\r.\rb",
            b"a\n.\n",
        ] {
            let (out, end) = unstuff_all(body);
            assert_eq!(end, None, "{body:?}");
            let _ = out;
        }
        // The dot after CRLF is removed (line start), others are kept.
        assert_eq!(unstuff_all(b"a\r\n.\nb").0, b"a\r\n\nb");
        assert_eq!(unstuff_all(b"a\n.\r\nb").0, b"a\n.\r\nb");
        assert_eq!(unstuff_all(b".\rx").0, b"\rx");
    }

    #[test]
    fn unstuff_after_done() {
        let mut u = Unstuffer::new();
        let mut out = Vec::new();
        assert_eq!(
            u.unstuff(b".\r\nmore", &mut out),
            Ok(Progress::End { consumed: 3 })
        );
        assert!(u.is_done());
        assert_eq!(
            u.unstuff(b"more", &mut out),
            Ok(Progress::End { consumed: 0 })
        );
        u.reset();
        assert_eq!(u.unstuff(b"more", &mut out), Ok(Progress::Continue));
    }

    #[test]
    fn unstuff_max_size() {
        let mut u = Unstuffer::with_max_size(4);
        let mut out = Vec::new();
        assert_eq!(u.unstuff(b"abc\r\n", &mut out), Ok(Progress::Continue));
        assert!(u.is_over_limit());
        assert_eq!(u.unstuff(b"..x\r\n", &mut out), Ok(Progress::Continue));
        assert_eq!(
            u.unstuff(b".\r\nQUIT", &mut out),
            Err(UnstuffError::TooLarge {
                limit: 4,
                size: 9,
                consumed: 3
            })
        );
        assert_eq!(out, b"abc\r");
        let mut u = Unstuffer::with_max_size(5);
        out.clear();
        assert_eq!(
            u.unstuff(b"abc\r\n.\r\n", &mut out),
            Ok(Progress::End { consumed: 8 })
        );
    }

    #[test]
    fn unstuff_bytewise_equals_whole() {
        let wire = b"x\r\n..\r\n.\rq\r\n.y\r\r\n.x\r\n\r\n.\r\nNEXT";
        let (whole, end) = unstuff_all(wire);
        let mut u = Unstuffer::new();
        let mut out = Vec::new();
        let mut total = None;
        for (i, b) in wire.iter().enumerate() {
            if let Progress::End { consumed } =
                u.unstuff(std::slice::from_ref(b), &mut out).unwrap()
            {
                assert_eq!(consumed, 1);
                total = Some(i + 1);
                break;
            }
        }
        assert_eq!(out, whole);
        assert_eq!(total, end);
        assert_eq!(&wire[end.unwrap()..], b"NEXT");
    }
}
