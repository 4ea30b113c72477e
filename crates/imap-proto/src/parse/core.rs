//! [`Cursor`]: a position in one IMAP message, with a parser for every core value of the
//! grammar (RFC 9051 §4 and §9, RFC 3501 §9, RFC 7888, RFC 3516, RFC 5182, RFC 6855).
//!
//! Hand-written byte parsers: character classes are table lookups, scans use `memchr`, tokens
//! and literals borrow from the input (a quoted string with `\` escapes is the only core value
//! that allocates, plus the `Vec` of a list).

use std::borrow::Cow;
use std::num::{NonZeroU32, NonZeroU64, NonZeroUsize};

use super::{Fail, Needed, PResult, ParseConfig, ParseError, ParseErrorKind, Status};
use crate::types::{
    AString, Atom, AtomExt, Capability, Charset, Date, DateTime, Flag, FlagFetch, FlagPerm,
    IString, Literal, LiteralMode, MONTHS, Mailbox, MailboxAttribute, NString, NUMBER64_MAX,
    Partial, PartialRange, QuotaResource, Quoted, Section, SectionPart, SectionText, SequenceSet,
    Tag, is_astring_char, is_atom_char, is_quoted_char, is_tag_char,
};
use crate::types::{is_digit, is_seq_char, validate_section_part, validate_sequence_set};

/// A position in one IMAP message and the configuration to parse it with.
///
/// ```
/// use imap_proto::parse::{parse_with, Cursor, ParseConfig, PResult, Status};
/// use imap_proto::types::{AString, Tag};
///
/// // A tiny command parser: tag SP "LOGIN" SP astring SP astring CRLF.
/// fn login<'a>(c: &mut Cursor<'a>) -> PResult<(Tag<'a>, AString<'a>, AString<'a>)> {
///     let tag = c.tag()?;
///     c.sp()?;
///     c.expect_keyword(b"LOGIN", "LOGIN")?;
///     c.sp()?;
///     let user = c.astring()?;
///     c.sp()?;
///     let pass = c.astring()?;
///     c.crlf()?;
///     Ok((tag, user, pass))
/// }
///
/// let config = ParseConfig::default();
/// let input = b"a1 LOGIN alice {6}\r\nsecret\r\n";
/// let Status::Complete(((tag, user, pass), used)) = parse_with(input, &config, login)? else {
///     unreachable!()
/// };
/// assert_eq!((tag.as_str(), user.as_bytes(), pass.as_bytes()), ("a1", &b"alice"[..], &b"secret"[..]));
/// assert_eq!(used, input.len());
/// // The literal's data has not all arrived: exactly 4 more bytes are needed.
/// let status = parse_with(&input[..22], &config, login)?;
/// assert_eq!(status.is_incomplete(), true);
/// assert_eq!(status, Status::Incomplete(imap_proto::parse::Needed::AtLeast(4.try_into().unwrap())));
/// # Ok::<(), imap_proto::parse::ParseError>(())
/// ```
///
/// # Conventions for parsers built on the cursor
///
/// - A parser is a function `fn(&mut Cursor<'a>) -> PResult<T>`; on success the cursor has
///   moved past the value, on failure its position is unspecified (save [`Cursor::pos`] and
///   [`Cursor::set_pos`] to backtrack).
/// - Running out of input is never an error while the cursor is streaming: [`Cursor::expected`]
///   returns [`Fail::Incomplete`] at the end of the input and [`Fail::Error`] elsewhere. Use it
///   (not a hand-made error) for "expected X here".
/// - A token that reaches the end of the input is incomplete (more token characters may follow),
///   unless the cursor was made with [`Cursor::complete`].
/// - Lists go through [`Cursor::list`] (depth and item limits, tolerated spaces); other
///   recursion calls [`Cursor::enter`]/[`Cursor::leave`].
/// - Spaces: [`Cursor::sp`] where the grammar has `SP`; [`Cursor::opt_sp`] before an optional
///   element; [`Cursor::crlf`] at the end of a line (it skips tolerated trailing spaces).
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
    config: ParseConfig,
    depth: usize,
    complete: bool,
}

/// Runs `parser` on `input` with a streaming [`Cursor`] and returns the value with the number
/// of bytes consumed, [`Status::Incomplete`], or the error.
pub fn parse_with<'a, T>(
    input: &'a [u8],
    config: &ParseConfig,
    parser: impl FnOnce(&mut Cursor<'a>) -> PResult<T>,
) -> Result<Status<(T, usize)>, ParseError> {
    let mut c = Cursor::new(input, config);
    match parser(&mut c) {
        Ok(v) => Ok(Status::Complete((v, c.pos))),
        Err(Fail::Incomplete(n)) => Ok(Status::Incomplete(n)),
        Err(Fail::Error(e)) => Err(e),
    }
}

/// Runs `parser` on the whole of `input` (a [`Cursor::complete`] cursor: the end of the input
/// ends the last token) and requires it to consume everything.
///
/// For values that are not on the wire in a message, e.g. a sequence set typed by a user.
pub fn parse_complete<'a, T>(
    input: &'a [u8],
    config: &ParseConfig,
    parser: impl FnOnce(&mut Cursor<'a>) -> PResult<T>,
) -> Result<T, ParseError> {
    let mut c = Cursor::new(input, config).complete();
    match parser(&mut c) {
        Ok(_) if c.pos != input.len() => Err(ParseError::new(
            c.pos,
            ParseErrorKind::Expected("end of input"),
        )),
        Ok(v) => Ok(v),
        Err(Fail::Incomplete(_)) => Err(ParseError::new(
            input.len(),
            ParseErrorKind::Expected("more input"),
        )),
        Err(Fail::Error(e)) => Err(e),
    }
}

/// `a == b` ignoring ASCII case: the same as `<[u8]>::eq_ignore_ascii_case`, without its
/// per-byte lowercase conversions (bytes are compared directly; only a pair differing in bit 5
/// is checked to be a letter).
#[inline]
pub(crate) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(&x, &y)| x == y || (x ^ y == 0x20 && (x | 0x20).is_ascii_lowercase()))
}

/// An empty `Vec` for a list known to have at least one item: the capacity the first `push`
/// would give it (std's minimum non-zero capacity), or `capacity` if larger, allocated directly
/// rather than through the growth path.
#[inline]
pub(crate) fn vec_for_items<T>(capacity: usize) -> Vec<T> {
    let min = match size_of::<T>() {
        1 => 8,
        n if n <= 1024 => 4,
        _ => 1,
    };
    Vec::with_capacity(capacity.max(min))
}

/// The number (1 to 12) of the month named by `name` (`Jan` .. `Dec` of [`MONTHS`], in any
/// case).
#[inline]
fn month_number(name: [u8; 3]) -> Option<u8> {
    // `| 0x20` lowercases a letter and maps no other byte to a letter.
    let m = match [name[0] | 0x20, name[1] | 0x20, name[2] | 0x20] {
        [b'j', b'a', b'n'] => 1,
        [b'f', b'e', b'b'] => 2,
        [b'm', b'a', b'r'] => 3,
        [b'a', b'p', b'r'] => 4,
        [b'm', b'a', b'y'] => 5,
        [b'j', b'u', b'n'] => 6,
        [b'j', b'u', b'l'] => 7,
        [b'a', b'u', b'g'] => 8,
        [b's', b'e', b'p'] => 9,
        [b'o', b'c', b't'] => 10,
        [b'n', b'o', b'v'] => 11,
        [b'd', b'e', b'c'] => 12,
        _ => return None,
    };
    debug_assert!(
        MONTHS[m as usize - 1].eq_ignore_ascii_case(std::str::from_utf8(&name).unwrap_or(""))
    );
    Some(m)
}

#[inline]
fn ascii_str(b: &[u8]) -> &str {
    // Callers pass only bytes of 7-bit character classes.
    std::str::from_utf8(b).unwrap_or_default()
}

/// Per-byte masks for the word-at-a-time scan of [`quoted_run_end`].
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of bytes of `x` equal to `v`: exact for the lowest such byte (a borrow can
/// only flag bytes above a true match), which is all [`quoted_run_end`] looks at.
#[inline(always)]
const fn bytes_eq(x: u64, v: u8) -> u64 {
    let y = x ^ (ONES * v as u64);
    y.wrapping_sub(ONES) & !y & HIGHS
}

/// Whether `b` ends a run of quoted-string content: `"`, `\`, or a byte that is neither a
/// `QUOTED-CHAR` nor 8-bit (NUL, CR, LF).
#[inline(always)]
const fn is_quoted_stop(b: u8) -> bool {
    !is_quoted_char(b) && b < 0x80
}

/// The first index from `i` of a byte for which [`is_quoted_stop`] holds (or `input.len()`),
/// and whether an 8-bit byte comes before it.
///
/// Eight bytes at a time: a word is skipped when none of its bytes is `"`, `\` or below
/// 0x0E (a superset of the stop bytes, so a control character such as TAB only sends one byte
/// through the exact check). The masks may also flag bytes after the first candidate, so only
/// the lowest flagged byte is used.
#[inline]
fn quoted_run_end(input: &[u8], mut i: usize) -> (usize, bool) {
    let mut high = 0u64;
    while let Some(chunk) = input.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Bytes below 0x0E (exact for the lowest, like `bytes_eq`): b - 0x0E borrows and
        // sets the high bit, which b itself does not have.
        let low = x.wrapping_sub(ONES * 0x0e) & !x & HIGHS;
        let m = low | bytes_eq(x, b'"') | bytes_eq(x, b'\\');
        if m == 0 {
            high |= x;
            i += 8;
            continue;
        }
        let k = m.trailing_zeros() / 8;
        // The bytes before the candidate (the candidate itself is 7-bit).
        high |= x & ((1u64 << (8 * k)) - 1);
        let j = i + k as usize;
        if is_quoted_stop(input[j]) {
            return (j, high & HIGHS != 0);
        }
        i = j + 1;
    }
    while let Some(&b) = input.get(i) {
        if is_quoted_stop(b) {
            break;
        }
        high |= u64::from(b);
        i += 1;
    }
    (i, high & HIGHS != 0)
}

/// What a `\`-flag or keyword parsed to, before the context decides what is allowed.
enum AnyFlag<'a> {
    Flag(Flag<'a>),
    Recent,
    Wildcard,
}

impl<'a> Cursor<'a> {
    // ---- construction and position -----------------------------------------------------------

    /// A streaming cursor at the start of `input`: running out of input is
    /// [`Fail::Incomplete`].
    pub fn new(input: &'a [u8], config: &ParseConfig) -> Self {
        Self {
            input,
            pos: 0,
            config: *config,
            depth: 0,
            complete: false,
        }
    }

    /// The same cursor treating `input` as all there is: the end of the input ends a token,
    /// and running out of input where more is needed is an error.
    #[must_use]
    pub fn complete(mut self) -> Self {
        self.complete = true;
        self
    }

    /// Whether the cursor treats its input as complete.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The configuration.
    pub fn config(&self) -> &ParseConfig {
        &self.config
    }

    /// The whole input.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The offset of the next byte.
    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Moves to `pos` (at most the input length), to backtrack.
    #[inline]
    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos.min(self.input.len());
    }

    /// The input from the current position.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.input[self.pos..]
    }

    /// Whether the whole input has been consumed.
    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    /// The next byte.
    #[inline]
    pub fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    /// The byte `n` after the next one.
    #[inline]
    pub fn peek_at(&self, n: usize) -> Option<u8> {
        self.input.get(self.pos.saturating_add(n)).copied()
    }

    /// Skips `n` bytes (at most to the end).
    #[inline]
    pub fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.input.len());
    }

    /// The current list nesting depth.
    pub fn depth(&self) -> usize {
        self.depth
    }

    // ---- failures -----------------------------------------------------------------------------

    /// An error of `kind` at the current position.
    pub fn error(&self, kind: ParseErrorKind) -> Fail {
        Fail::Error(ParseError::new(self.pos, kind))
    }

    /// An error of `kind` at `offset`.
    pub fn error_at(&self, offset: usize, kind: ParseErrorKind) -> Fail {
        Fail::Error(ParseError::new(offset, kind))
    }

    /// "Expected `what`" at the current position, or [`Fail::Incomplete`] when the input ends
    /// here and the cursor is streaming.
    pub fn expected(&self, what: &'static str) -> Fail {
        if self.at_end() && !self.complete {
            Fail::Incomplete(Needed::Unknown)
        } else {
            self.error(ParseErrorKind::Expected(what))
        }
    }

    /// [`Fail::Incomplete`] if a token that ends at `end` may go on (the input ends there and
    /// the cursor is streaming).
    #[inline]
    fn token_end(&self, end: usize) -> PResult<()> {
        if end >= self.input.len() && !self.complete {
            Err(Fail::Incomplete(Needed::Unknown))
        } else {
            Ok(())
        }
    }

    #[inline]
    fn scan(&self, from: usize, class: impl Fn(u8) -> bool) -> usize {
        let s = &self.input[from..];
        from + s.iter().position(|&b| !class(b)).unwrap_or(s.len())
    }

    /// Consumes the bytes from here while `class` holds (possibly none) and returns them. No
    /// incompleteness check: for a token use [`take_token`](Cursor::take_token).
    #[inline]
    pub fn take_while(&mut self, class: impl Fn(u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        self.pos = self.scan(start, class);
        &self.input[start..self.pos]
    }

    /// A token of one or more bytes of `class` (e.g. [`is_list_char`](crate::types::is_list_char)
    /// for `list-mailbox`, a base64 line): "expected `what`" when there is none, incomplete when
    /// it reaches the end of a streaming input.
    pub fn take_token(
        &mut self,
        class: impl Fn(u8) -> bool,
        what: &'static str,
    ) -> PResult<&'a [u8]> {
        let start = self.pos;
        let end = self.scan(start, class);
        if end == start {
            return Err(self.expected(what));
        }
        self.token_end(end)?;
        self.pos = end;
        Ok(&self.input[start..end])
    }

    // ---- punctuation and keywords ----------------------------------------------------------

    /// Consumes `b`, or fails with "expected `what`".
    #[inline]
    pub fn byte(&mut self, b: u8, what: &'static str) -> PResult<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    /// Consumes `b` if it is next.
    #[inline]
    pub fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Skips spaces if [`ParseConfig::allow_extra_spaces`]; returns how many.
    #[inline]
    pub fn skip_extra_spaces(&mut self) -> usize {
        if self.peek() != Some(b' ') || !self.config.allow_extra_spaces {
            return 0;
        }
        let end = self.scan(self.pos, |b| b == b' ');
        let n = end - self.pos;
        self.pos = end;
        n
    }

    /// One `SP` (RFC 9051 §9; "exactly one space", RFC 9051 §9 note 2), with the tolerated
    /// extra spaces, or none after `)`, `]` or `"` under
    /// [`ParseConfig::allow_missing_spaces`].
    #[inline]
    pub fn sp(&mut self) -> PResult<()> {
        // The usual single space, without the tolerance checks.
        if self.peek() == Some(b' ') && self.peek_at(1) != Some(b' ') {
            self.pos += 1;
            return Ok(());
        }
        self.sp_general()
    }

    #[inline(never)]
    fn sp_general(&mut self) -> PResult<()> {
        match self.peek() {
            Some(b' ') => {
                self.pos += 1;
                self.skip_extra_spaces();
                Ok(())
            }
            Some(b)
                if self.config.allow_missing_spaces
                    && b != b'\r'
                    && b != b'\n'
                    && self.pos > 0
                    && matches!(self.input[self.pos - 1], b')' | b']' | b'"') =>
            {
                Ok(())
            }
            _ => Err(self.expected("SP")),
        }
    }

    /// Before an optional element: consumes the space(s) and returns true if a space follows
    /// and something other than the end of the line comes after it; returns false (consuming
    /// nothing) when no space follows, or when only tolerated trailing spaces remain before
    /// CRLF (which [`crlf`](Cursor::crlf) then skips).
    #[inline]
    pub fn opt_sp(&mut self) -> PResult<bool> {
        if self.peek() != Some(b' ') {
            return Ok(false);
        }
        // A single space before an element: taken under any configuration.
        if self
            .peek_at(1)
            .is_some_and(|b| !matches!(b, b' ' | b'\r' | b'\n'))
        {
            self.pos += 1;
            return Ok(true);
        }
        if !self.config.allow_extra_spaces {
            self.pos += 1;
            return Ok(true);
        }
        let end = self.scan(self.pos, |b| b == b' ');
        match self.input.get(end) {
            None if !self.complete => Err(Fail::Incomplete(Needed::Unknown)),
            None | Some(b'\r' | b'\n') => Ok(false),
            Some(_) => {
                self.pos = end;
                Ok(true)
            }
        }
    }

    /// The end of a line: CRLF (RFC 9051 §2.2), after tolerated trailing spaces; a bare LF
    /// under [`ParseConfig::allow_bare_lf`].
    pub fn crlf(&mut self) -> PResult<()> {
        self.skip_extra_spaces();
        match self.peek() {
            Some(b'\r') => match self.peek_at(1) {
                Some(b'\n') => {
                    self.pos += 2;
                    Ok(())
                }
                None if !self.complete => Err(Fail::Incomplete(Needed::Unknown)),
                _ => Err(self.error(ParseErrorKind::Expected("CRLF"))),
            },
            Some(b'\n') if self.config.allow_bare_lf => {
                self.pos += 1;
                Ok(())
            }
            Some(b'\n') => Err(self.error(ParseErrorKind::BareLf)),
            _ => Err(self.expected("CRLF")),
        }
    }

    /// Consumes `kw` if the input continues with it, ignoring ASCII case (keywords are
    /// case-insensitive, RFC 9051 §9 note 1). No check of what follows: `BODY` matches the
    /// start of `BODY[`. Incomplete when the input ends inside a possible match.
    #[inline]
    pub fn keyword(&mut self, kw: &[u8]) -> PResult<bool> {
        let rest = self.rest();
        let n = kw.len().min(rest.len());
        if !eq_ignore_case(&rest[..n], &kw[..n]) {
            return Ok(false);
        }
        if n < kw.len() {
            return if self.complete {
                Ok(false)
            } else {
                Err(Fail::Incomplete(Needed::Unknown))
            };
        }
        self.pos += kw.len();
        Ok(true)
    }

    /// Like [`keyword`](Cursor::keyword) but only when `kw` is a whole token: the next byte is
    /// not an `ATOM-CHAR` (`NIL` matches in `NIL)` but not in `NILS`).
    #[inline]
    pub fn keyword_token(&mut self, kw: &[u8]) -> PResult<bool> {
        let start = self.pos;
        if !self.keyword(kw)? {
            return Ok(false);
        }
        match self.peek() {
            None if !self.complete => {
                self.pos = start;
                Err(Fail::Incomplete(Needed::Unknown))
            }
            Some(b) if is_atom_char(b) => {
                self.pos = start;
                Ok(false)
            }
            _ => Ok(true),
        }
    }

    /// Consumes the keyword `kw` (a whole token) or fails with "expected `what`".
    pub fn expect_keyword(&mut self, kw: &[u8], what: &'static str) -> PResult<()> {
        if self.keyword_token(kw)? {
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }

    // ---- nesting and lists -------------------------------------------------------------------

    /// Enters one level of nesting; fails beyond [`ParseConfig::max_depth`].
    pub fn enter(&mut self) -> PResult<()> {
        if self.depth >= self.config.max_depth {
            return Err(self.error(ParseErrorKind::TooDeep {
                limit: self.config.max_depth,
            }));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves one level of nesting.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Fails when a list already holds `count` items and another would exceed
    /// [`ParseConfig::max_items`].
    pub fn check_items(&self, count: usize, what: &'static str) -> PResult<()> {
        if count >= self.config.max_items {
            Err(self.error(ParseErrorKind::TooMany {
                what,
                limit: self.config.max_items,
            }))
        } else {
            Ok(())
        }
    }

    /// A parenthesized list `"(" [item *(SP item)] ")"`, counting one nesting level and at most
    /// [`ParseConfig::max_items`] items; `what` names the items in errors.
    #[inline]
    pub fn list<T>(
        &mut self,
        what: &'static str,
        item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        self.list_with_capacity(what, 0, item)
    }

    /// [`list`](Cursor::list) into a `Vec` made with room for `capacity` items (for lists
    /// whose usual length is known, such as FETCH data items).
    pub(crate) fn list_with_capacity<T>(
        &mut self,
        what: &'static str,
        capacity: usize,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        self.byte(b'(', "'('")?;
        self.enter()?;
        self.skip_extra_spaces();
        if self.eat(b')') {
            self.leave();
            return Ok(Vec::new());
        }
        let mut out = vec_for_items(capacity);
        loop {
            self.check_items(out.len(), what)?;
            out.push(item(self)?);
            let spaces = self.skip_extra_spaces();
            if self.eat(b')') {
                break;
            }
            if spaces == 0 {
                self.sp()?;
            }
        }
        self.leave();
        Ok(out)
    }

    /// Like [`list`](Cursor::list) but with at least one item.
    pub fn list_nonempty<T>(
        &mut self,
        what: &'static str,
        item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        let start = self.pos;
        let v = self.list(what, item)?;
        if v.is_empty() {
            return Err(self.error_at(start, ParseErrorKind::Expected(what)));
        }
        Ok(v)
    }

    // ---- numbers --------------------------------------------------------------------------

    #[inline]
    fn digits_u64(&mut self, what: &'static str, max: u64) -> PResult<u64> {
        let start = self.pos;
        // Scan and accumulate in one pass; up to 18 digits cannot overflow a u64 (10^18 <
        // 2^63), longer runs (leading zeros, or too large) take the checked path.
        let mut end = start;
        let mut v: u64 = 0;
        while let Some(&b) = self.input.get(end) {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            v = v.wrapping_mul(10).wrapping_add(u64::from(d));
            end += 1;
        }
        if end == start {
            return Err(self.expected(what));
        }
        self.token_end(end)?;
        let digits = &self.input[start..end];
        let v = if digits.len() <= 18 {
            Some(v)
        } else {
            digits.iter().try_fold(0u64, |v, &b| {
                v.checked_mul(10)?
                    .checked_add(u64::from(b - b'0'))
                    .filter(|&v| v <= max)
            })
        };
        match v {
            Some(v) if v <= max => {
                self.pos = end;
                Ok(v)
            }
            _ => Err(self.error_at(start, ParseErrorKind::Invalid(what))),
        }
    }

    /// A `number` (RFC 9051 §4.2): an unsigned 32-bit integer.
    #[inline]
    pub fn number(&mut self) -> PResult<u32> {
        self.digits_u64("number", u64::from(u32::MAX))
            .map(|v| v as u32)
    }

    /// An `nz-number`: a non-zero `number`.
    #[inline]
    pub fn nz_number(&mut self) -> PResult<NonZeroU32> {
        let start = self.pos;
        let v = self.number()?;
        NonZeroU32::new(v).ok_or_else(|| self.error_at(start, ParseErrorKind::Invalid("nz-number")))
    }

    /// A `number64` (RFC 9051 §9): an unsigned 63-bit integer.
    #[inline]
    pub fn number64(&mut self) -> PResult<u64> {
        self.digits_u64("number64", NUMBER64_MAX)
    }

    /// An `nz-number64`: a non-zero `number64`.
    pub fn nz_number64(&mut self) -> PResult<NonZeroU64> {
        let start = self.pos;
        let v = self.number64()?;
        NonZeroU64::new(v)
            .ok_or_else(|| self.error_at(start, ParseErrorKind::Invalid("nz-number64")))
    }

    // ---- atoms and text --------------------------------------------------------------------

    /// An `atom` (RFC 9051 §4.1): one or more `ATOM-CHAR`s. Never includes `]`.
    #[inline]
    pub fn atom(&mut self) -> PResult<Atom<'a>> {
        let start = self.pos;
        let end = self.scan(start, is_atom_char);
        if end == start {
            return Err(self.expected("atom"));
        }
        self.token_end(end)?;
        self.pos = end;
        Ok(Atom::unchecked(Cow::Borrowed(ascii_str(
            &self.input[start..end],
        ))))
    }

    /// An atom that, under [`ParseConfig::allow_bracket_in_atom`], may contain `]` when more
    /// atom characters follow it (`foo]bar`; a `]` that ends the token is never taken). For
    /// contexts where servers are known to send such atoms (flag keywords); response codes must
    /// use [`atom`](Cursor::atom).
    pub fn atom_lenient(&mut self) -> PResult<Atom<'a>> {
        if !self.config.allow_bracket_in_atom {
            return self.atom();
        }
        let start = self.pos;
        let mut end = self.scan(start, is_atom_char);
        if end == start {
            return Err(self.expected("atom"));
        }
        while self.input.get(end) == Some(&b']') {
            let run_end = self.scan(end, |b| b == b']');
            match self.input.get(run_end) {
                Some(&b) if is_atom_char(b) => end = self.scan(run_end, is_atom_char),
                None if !self.complete => return Err(Fail::Incomplete(Needed::Unknown)),
                _ => break,
            }
        }
        self.token_end(end)?;
        self.pos = end;
        Ok(Atom::unchecked(Cow::Borrowed(ascii_str(
            &self.input[start..end],
        ))))
    }

    /// The unquoted form of an `astring`: one or more `ASTRING-CHAR`s (atom characters and
    /// `]`), and UTF-8 under [`ParseConfig::allow_utf8_atoms`].
    pub fn atom_ext(&mut self) -> PResult<AtomExt<'a>> {
        let start = self.pos;
        let utf8 = self.config.allow_utf8_atoms;
        let end = self.scan(start, |b| is_astring_char(b) || (utf8 && b >= 0x80));
        if end == start {
            return Err(self.expected("astring"));
        }
        self.token_end(end)?;
        let s = match std::str::from_utf8(&self.input[start..end]) {
            Ok(s) => s,
            Err(e) => {
                return Err(self.error_at(
                    start + e.valid_up_to(),
                    ParseErrorKind::Invalid("utf-8 in atom"),
                ));
            }
        };
        self.pos = end;
        Ok(AtomExt::unchecked(Cow::Borrowed(s)))
    }

    /// A tag written as a `quoted` string (`"A001"`), as in `CANCELUPDATE` and `NOUPDATE`
    /// (RFC 5267 §4.3.1, §4.3.5). Tag characters need no escape, so this is exactly a
    /// `quoted` whose content is a `tag`.
    pub fn quoted_tag(&mut self) -> PResult<Tag<'a>> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("quoted tag"));
        }
        let start = self.pos + 1;
        let end = self.scan(start, is_tag_char);
        if end == start {
            self.pos = start;
            return Err(self.expected("tag"));
        }
        self.pos = end;
        self.byte(b'"', "'\"' after a tag")?;
        Ok(Tag::unchecked(Cow::Borrowed(ascii_str(
            &self.input[start..end],
        ))))
    }

    /// A `tag` (RFC 9051 §9): one or more `ASTRING-CHAR`s except `+`.
    #[inline]
    pub fn tag(&mut self) -> PResult<Tag<'a>> {
        let start = self.pos;
        let end = self.scan(start, is_tag_char);
        if end == start {
            return Err(self.expected("tag"));
        }
        self.token_end(end)?;
        self.pos = end;
        Ok(Tag::unchecked(Cow::Borrowed(ascii_str(
            &self.input[start..end],
        ))))
    }

    /// The rest of the line up to (not including) CR or LF: `text` (RFC 9051 §9, `1*TEXT-CHAR`,
    /// plus UTF-8, which servers send in human-readable text). May be empty; NUL is refused.
    pub fn text(&mut self) -> PResult<&'a [u8]> {
        let start = self.pos;
        let rest = self.rest();
        let end = match memchr::memchr2(b'\r', b'\n', rest) {
            Some(i) => start + i,
            None if !self.complete => return Err(Fail::Incomplete(Needed::Unknown)),
            None => self.input.len(),
        };
        let t = &self.input[start..end];
        if let Some(i) = memchr::memchr(0, t) {
            return Err(self.error_at(start + i, ParseErrorKind::Invalid("nul in text")));
        }
        self.pos = end;
        Ok(t)
    }

    // ---- strings ---------------------------------------------------------------------------

    /// A `quoted` string (RFC 9051 §4.3): the content without quotes, `\` escapes removed
    /// (borrowed when there are none). UTF-8 is accepted (RFC 9051 `QUOTED-CHAR`, RFC 6855);
    /// other 8-bit bytes under [`ParseConfig::allow_8bit_quoted`].
    #[inline]
    pub fn quoted(&mut self) -> PResult<Quoted<'a>> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("quoted string"));
        }
        let start = self.pos + 1;
        // The common case: 7-bit content without escapes up to the closing quote.
        let (end, high) = quoted_run_end(self.input, start);
        if !high && self.input.get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(Quoted::unchecked(Cow::Borrowed(&self.input[start..end])));
        }
        self.quoted_general(start)
    }

    /// [`quoted`](Cursor::quoted) from the first content byte at `start`, for content with
    /// escapes or 8-bit bytes, and the errors.
    #[inline(never)]
    fn quoted_general(&mut self, start: usize) -> PResult<Quoted<'a>> {
        let input = self.input;
        let mut i = start;
        let mut escapes = false;
        loop {
            i = quoted_run_end(input, i).0;
            match input.get(i) {
                None => return Err(Fail::Incomplete(Needed::Unknown)),
                Some(b'"') => break,
                Some(b'\\') => match input.get(i + 1) {
                    Some(b'"' | b'\\') => {
                        escapes = true;
                        i += 2;
                    }
                    None => return Err(Fail::Incomplete(Needed::Unknown)),
                    Some(_) => {
                        return Err(self
                            .error_at(i + 1, ParseErrorKind::Expected("'\"' or '\\' after '\\'")));
                    }
                },
                Some(_) => return Err(self.error_at(i, ParseErrorKind::Expected("'\"'"))),
            }
        }
        let raw = &input[start..i];
        if !raw.is_ascii() && !self.config.allow_8bit_quoted {
            if let Err(e) = std::str::from_utf8(raw) {
                return Err(self.error_at(
                    start + e.valid_up_to(),
                    ParseErrorKind::Invalid("8-bit in quoted string"),
                ));
            }
        }
        self.pos = i + 1;
        if !escapes {
            return Ok(Quoted::unchecked(Cow::Borrowed(raw)));
        }
        let mut v = Vec::with_capacity(raw.len());
        let mut j = 0;
        while j < raw.len() {
            if raw[j] == b'\\' {
                j += 1;
            }
            v.push(raw[j]);
            j += 1;
        }
        Ok(Quoted::unchecked(Cow::Owned(v)))
    }

    fn literal_any(&mut self, allow_plain: bool, allow_binary: bool) -> PResult<Literal<'a>> {
        let start = self.pos;
        let binary = self.peek() == Some(b'~');
        if binary && !allow_binary || !binary && !allow_plain {
            return Err(self.expected("literal"));
        }
        if binary {
            self.pos += 1;
        }
        self.byte(b'{', "'{'")?;
        // The size: overflow is reported as a too-large literal, not as a syntax error.
        let digits_start = self.pos;
        let digits_end = self.scan(digits_start, is_digit);
        if digits_end == digits_start {
            return Err(self.expected("literal size"));
        }
        let mut size: u64 = 0;
        for &b in &self.input[digits_start..digits_end] {
            size = size.saturating_mul(10).saturating_add(u64::from(b - b'0'));
        }
        self.pos = digits_end;
        let non_sync = self.eat(b'+');
        self.byte(b'}', "'}'")?;
        match (self.peek(), self.peek_at(1)) {
            (Some(b'\r'), Some(b'\n')) => self.pos += 2,
            (Some(b'\n'), _) if self.config.allow_bare_lf => self.pos += 1,
            (Some(b'\n'), _) => return Err(self.error(ParseErrorKind::BareLf)),
            (None, _) | (Some(b'\r'), None) if !self.complete => {
                return Err(Fail::Incomplete(Needed::Unknown));
            }
            _ => return Err(self.error(ParseErrorKind::Expected("CRLF after literal size"))),
        }
        let limit = if non_sync {
            self.config
                .max_non_sync_literal_size
                .min(self.config.max_literal_size)
        } else {
            self.config.max_literal_size
        };
        if size > limit {
            return Err(self.error_at(
                start,
                ParseErrorKind::LiteralTooLarge {
                    size,
                    limit,
                    non_sync,
                },
            ));
        }
        let Ok(len) = usize::try_from(size) else {
            return Err(self.error_at(
                start,
                ParseErrorKind::LiteralTooLarge {
                    size,
                    limit: usize::MAX as u64,
                    non_sync,
                },
            ));
        };
        let avail = self.input.len() - self.pos;
        if avail < len {
            if self.complete {
                return Err(
                    self.error_at(self.input.len(), ParseErrorKind::Expected("literal data"))
                );
            }
            let missing = NonZeroUsize::new(len - avail).unwrap_or(NonZeroUsize::MIN);
            return Err(Fail::Incomplete(Needed::AtLeast(missing)));
        }
        let data = &self.input[self.pos..self.pos + len];
        if !binary && !self.config.allow_nul_in_literal {
            if let Some(i) = memchr::memchr(0, data) {
                return Err(self.error_at(self.pos + i, ParseErrorKind::Invalid("nul in literal")));
            }
        }
        self.pos += len;
        let mode = if non_sync {
            LiteralMode::NonSync
        } else {
            LiteralMode::Sync
        };
        Ok(Literal::unchecked(Cow::Borrowed(data), mode, binary))
    }

    /// A `literal` (RFC 9051 §4.3): `{n}` or `{n+}` (RFC 7888), CRLF, n octets. When fewer
    /// than n octets are present, [`Fail::Incomplete`] with exactly how many are missing.
    pub fn literal(&mut self) -> PResult<Literal<'a>> {
        self.literal_any(true, false)
    }

    /// A `literal8` (RFC 3516 §4.2, RFC 4466 §2.1): `~{n}` or `~{n+}`, CRLF, n octets of any
    /// value.
    pub fn literal8(&mut self) -> PResult<Literal<'a>> {
        self.literal_any(false, true)
    }

    /// A `string` (RFC 9051 §4.3): quoted or literal; `NIL` as the empty quoted string under
    /// [`ParseConfig::allow_nil_string`].
    #[inline]
    pub fn string(&mut self) -> PResult<IString<'a>> {
        match self.peek() {
            Some(b'"') => self.quoted().map(IString::Quoted),
            Some(b'{') => self.literal().map(IString::Literal),
            Some(b'N' | b'n') if self.config.allow_nil_string && self.keyword_token(b"NIL")? => {
                Ok(IString::Quoted(Quoted::empty()))
            }
            _ => Err(self.expected("string")),
        }
    }

    /// `string / literal8`, as in `BINARY[…]` FETCH data (RFC 3516 §4.2, RFC 9051 §9
    /// `msg-att-static`) and APPEND data.
    pub fn string_or_literal8(&mut self) -> PResult<IString<'a>> {
        if self.peek() == Some(b'~') {
            return self.literal8().map(IString::Literal);
        }
        self.string()
    }

    /// An `astring` (RFC 9051 §9): an unquoted [`AtomExt`], a quoted string or a literal.
    #[inline]
    pub fn astring(&mut self) -> PResult<AString<'a>> {
        match self.peek() {
            Some(b'"') => self.quoted().map(|q| AString::String(IString::Quoted(q))),
            Some(b'{') => self.literal().map(|l| AString::String(IString::Literal(l))),
            _ => self.atom_ext().map(AString::Atom),
        }
    }

    /// `NIL` (RFC 9051 §4.5, case-insensitive): consumes it and returns true if it is next.
    #[inline]
    pub fn nil(&mut self) -> PResult<bool> {
        match self.peek() {
            Some(b'N' | b'n') => {
                // The common case in one go: `NIL` and a byte that ends the token.
                if let Some(&[_, i, l, next]) = self.input.get(self.pos..self.pos + 4) {
                    if i | 0x20 == b'i' && l | 0x20 == b'l' && !is_atom_char(next) {
                        self.pos += 3;
                        return Ok(true);
                    }
                }
                self.keyword_token(b"NIL")
            }
            None if !self.complete => Err(Fail::Incomplete(Needed::Unknown)),
            _ => Ok(false),
        }
    }

    /// An `nstring` (RFC 9051 §4.5): a string or `NIL`.
    #[inline]
    pub fn nstring(&mut self) -> PResult<NString<'a>> {
        // A quoted string, the usual case, without going through `string`.
        if self.peek() == Some(b'"') {
            return self.quoted().map(|q| NString(Some(IString::Quoted(q))));
        }
        if self.nil()? {
            return Ok(NString(None));
        }
        self.string().map(|s| NString(Some(s)))
    }

    /// `nstring / literal8` (RFC 9051 §9 `BINARY` section data).
    pub fn nstring_or_literal8(&mut self) -> PResult<NString<'a>> {
        if self.nil()? {
            return Ok(NString(None));
        }
        self.string_or_literal8().map(|s| NString(Some(s)))
    }

    // ---- compound core values -------------------------------------------------------------

    /// A `sequence-set` (RFC 9051 §9, RFC 5182 `$`), borrowed; at most
    /// [`ParseConfig::max_items`] items.
    pub fn sequence_set(&mut self) -> PResult<SequenceSet<'a>> {
        let start = self.pos;
        let end = self.scan(start, is_seq_char);
        if end == start {
            return Err(self.expected("sequence set"));
        }
        self.token_end(end)?;
        let raw = &self.input[start..end];
        match validate_sequence_set(raw) {
            Ok(items) if items > self.config.max_items => Err(self.error_at(
                start,
                ParseErrorKind::TooMany {
                    what: "sequence set items",
                    limit: self.config.max_items,
                },
            )),
            Ok(_) => {
                self.pos = end;
                Ok(SequenceSet::unchecked(Cow::Borrowed(ascii_str(raw))))
            }
            Err(off) => Err(self.error_at(start + off, ParseErrorKind::Expected("sequence set"))),
        }
    }

    fn any_flag(&mut self) -> PResult<AnyFlag<'a>> {
        if !self.eat(b'\\') {
            return self.atom_lenient().map(|a| AnyFlag::Flag(Flag::Keyword(a)));
        }
        if self.peek() == Some(b'*') {
            self.pos += 1;
            return Ok(AnyFlag::Wildcard);
        }
        let start = self.pos;
        let name = self.atom()?;
        if eq_ignore_case(name.as_str().as_bytes(), b"Recent") {
            return Ok(AnyFlag::Recent);
        }
        Flag::system_or_extension(name)
            .map(AnyFlag::Flag)
            .map_err(|_| self.error_at(start, ParseErrorKind::Invalid("flag")))
    }

    /// A `flag` (RFC 9051 §2.3.2, §9): `\Seen` and the other system flags, a `\`-extension or a
    /// keyword. `\Recent` and `\*` are refused (see [`flag_fetch`](Cursor::flag_fetch) and
    /// [`flag_perm`](Cursor::flag_perm)).
    pub fn flag(&mut self) -> PResult<Flag<'a>> {
        let start = self.pos;
        match self.any_flag()? {
            AnyFlag::Flag(f) => Ok(f),
            AnyFlag::Recent => Err(self.error_at(start, ParseErrorKind::Invalid("\\Recent here"))),
            AnyFlag::Wildcard => Err(self.error_at(start, ParseErrorKind::Invalid("\\* here"))),
        }
    }

    /// A `flag-fetch` (RFC 9051 §9): a flag or `\Recent`.
    pub fn flag_fetch(&mut self) -> PResult<FlagFetch<'a>> {
        let start = self.pos;
        match self.any_flag()? {
            AnyFlag::Flag(f) => Ok(FlagFetch::Flag(f)),
            AnyFlag::Recent => Ok(FlagFetch::Recent),
            AnyFlag::Wildcard => Err(self.error_at(start, ParseErrorKind::Invalid("\\* here"))),
        }
    }

    /// A `flag-fetch`, or `None` for `\*` (a `flag-perm` where a `flag-fetch` belongs): the
    /// FLAGS response under
    /// [`allow_wildcard_in_flags`](super::ParseConfig::allow_wildcard_in_flags).
    pub(crate) fn flag_fetch_or_wildcard(&mut self) -> PResult<Option<FlagFetch<'a>>> {
        Ok(match self.any_flag()? {
            AnyFlag::Flag(f) => Some(FlagFetch::Flag(f)),
            AnyFlag::Recent => Some(FlagFetch::Recent),
            AnyFlag::Wildcard => None,
        })
    }

    /// A `flag-perm` (RFC 9051 §9): a flag or `\*`.
    pub fn flag_perm(&mut self) -> PResult<FlagPerm<'a>> {
        let start = self.pos;
        match self.any_flag()? {
            AnyFlag::Flag(f) => Ok(FlagPerm::Flag(f)),
            AnyFlag::Wildcard => Ok(FlagPerm::Wildcard),
            AnyFlag::Recent => Err(self.error_at(start, ParseErrorKind::Invalid("\\Recent here"))),
        }
    }

    /// A mailbox attribute (RFC 9051 §7.3.1 `mbx-list-flags`, RFC 6154 special-use):
    /// `\` and an atom.
    pub fn mailbox_attribute(&mut self) -> PResult<MailboxAttribute<'a>> {
        if !self.eat(b'\\') {
            return Err(self.expected("'\\' of a mailbox attribute"));
        }
        Ok(MailboxAttribute::from_name(self.atom()?))
    }

    /// A quota resource name (RFC 9208 §5, an atom).
    pub fn quota_resource(&mut self) -> PResult<QuotaResource<'a>> {
        Ok(QuotaResource::from_name(self.atom()?))
    }

    /// A `flag-list` (RFC 9051 §9): `"(" [flag *(SP flag)] ")"`.
    pub fn flag_list(&mut self) -> PResult<Vec<Flag<'a>>> {
        self.list("flags", Self::flag)
    }

    /// A `mailbox` (RFC 9051 §9): an `astring`, `INBOX` in any case being [`Mailbox::Inbox`].
    #[inline]
    pub fn mailbox(&mut self) -> PResult<Mailbox<'a>> {
        self.astring().map(Mailbox::new)
    }

    /// A `charset` (RFC 9051 §9): an atom or a quoted string.
    pub fn charset(&mut self) -> PResult<Charset<'a>> {
        if self.peek() == Some(b'"') {
            return self.quoted().map(Charset::Quoted);
        }
        self.atom().map(Charset::Atom)
    }

    fn fixed_digits(&mut self, n: usize, what: &'static str) -> PResult<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            match self.peek() {
                Some(b) if is_digit(b) => {
                    v = v * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => return Err(self.expected(what)),
            }
        }
        Ok(v)
    }

    fn month(&mut self) -> PResult<u8> {
        let rest = self.rest();
        if rest.len() < 3 {
            return Err(if self.complete {
                self.error(ParseErrorKind::Expected("month"))
            } else {
                Fail::Incomplete(Needed::Unknown)
            });
        }
        match month_number([rest[0], rest[1], rest[2]]) {
            Some(m) => {
                self.pos += 3;
                Ok(m)
            }
            None => Err(self.error(ParseErrorKind::Expected("month"))),
        }
    }

    /// A `date` (RFC 9051 §9): `date-text` (`1-Feb-1994`), optionally quoted.
    pub fn date(&mut self) -> PResult<Date> {
        let start = self.pos;
        let quoted = self.eat(b'"');
        let mut day = self.fixed_digits(1, "day")?;
        if let Some(b) = self.peek().filter(|&b| is_digit(b)) {
            day = day * 10 + u32::from(b - b'0');
            self.pos += 1;
        }
        self.byte(b'-', "'-'")?;
        let month = self.month()?;
        self.byte(b'-', "'-'")?;
        let year = self.fixed_digits(4, "year")?;
        if quoted {
            self.byte(b'"', "'\"'")?;
        }
        Date::new(year as u16, month, day as u8)
            .map_err(|_| self.error_at(start, ParseErrorKind::Invalid("date")))
    }

    /// A `date-time` (RFC 9051 §9): `"17-Jul-1996 02:44:25 -0700"`. The day may be padded
    /// with a space or a zero; a lone digit under [`ParseConfig::allow_single_digit_day`].
    pub fn date_time(&mut self) -> PResult<DateTime> {
        let start = self.pos;
        // The usual form, all 28 bytes present with a two-digit day, in one go; anything else
        // (and every error) through the general path below.
        if let Some(b) = self.input.get(start..start + 28) {
            let d = |i: usize| is_digit(b[i]);
            let digits = d(1) & d(2) & d(8) & d(9) & d(10) & d(11) & d(13) & d(14);
            let digits = digits & d(16) & d(17) & d(19) & d(20) & d(23) & d(24) & d(25) & d(26);
            let shape = digits
                && b[0] == b'"'
                && b[3] == b'-'
                && b[7] == b'-'
                && b[12] == b' '
                && b[15] == b':'
                && b[18] == b':'
                && b[21] == b' '
                && (b[22] == b'+' || b[22] == b'-')
                && b[27] == b'"';
            let month = if shape {
                month_number([b[4], b[5], b[6]])
            } else {
                None
            };
            if let Some(month) = month {
                let n = |i: usize, len: usize| {
                    b[i..i + len]
                        .iter()
                        .fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'))
                };
                self.pos = start + 28;
                return self.make_date_time(
                    start,
                    [
                        n(1, 2),
                        u32::from(month),
                        n(8, 4),
                        n(13, 2),
                        n(16, 2),
                        n(19, 2),
                    ],
                    b[22] == b'-',
                    n(23, 4),
                );
            }
        }
        self.byte(b'"', "date-time")?;
        let one_digit =
            self.eat(b' ') || (self.config.allow_single_digit_day && self.peek_at(1) == Some(b'-'));
        let day = if one_digit {
            self.fixed_digits(1, "day")?
        } else {
            self.fixed_digits(2, "day")?
        };
        self.byte(b'-', "'-'")?;
        let month = self.month()?;
        self.byte(b'-', "'-'")?;
        let year = self.fixed_digits(4, "year")?;
        self.byte(b' ', "SP")?;
        let hour = self.fixed_digits(2, "hour")?;
        self.byte(b':', "':'")?;
        let minute = self.fixed_digits(2, "minute")?;
        self.byte(b':', "':'")?;
        let second = self.fixed_digits(2, "second")?;
        self.byte(b' ', "SP")?;
        let negative = match self.peek() {
            Some(b'+') => false,
            Some(b'-') => true,
            _ => return Err(self.expected("zone")),
        };
        self.pos += 1;
        let zone = self.fixed_digits(4, "zone")?;
        self.byte(b'"', "'\"'")?;
        self.make_date_time(
            start,
            [day, u32::from(month), year, hour, minute, second],
            negative,
            zone,
        )
    }

    /// The [`DateTime`] of `[day, month, year, hour, minute, second]` and the zone's digits,
    /// or an invalid `date-time` at `start`.
    fn make_date_time(
        &self,
        start: usize,
        [day, month, year, hour, minute, second]: [u32; 6],
        negative: bool,
        zone: u32,
    ) -> PResult<DateTime> {
        // RFC 9051 §9 `zone` is any four digits ("hhmm"); minutes above 59 (`+0575`) are
        // grammatical, so they are read as hh * 60 + mm, as imap-codec does, and re-encoded
        // in canonical form.
        let (zh, zm) = (zone / 100, zone % 100);
        let invalid = |c: &Self| c.error_at(start, ParseErrorKind::Invalid("date-time"));
        let mut zone_minutes = (zh * 60 + zm) as i16;
        if negative {
            zone_minutes = -zone_minutes;
        }
        let date = Date::new(year as u16, month as u8, day as u8).map_err(|_| invalid(self))?;
        DateTime::new(date, hour as u8, minute as u8, second as u8, zone_minutes)
            .map_err(|_| invalid(self))
    }

    fn section_part_raw(&mut self) -> PResult<SectionPart<'a>> {
        let start = self.pos;
        let mut end = start;
        loop {
            end = self.scan(end, is_digit);
            match (self.input.get(end), self.input.get(end + 1)) {
                (Some(b'.'), Some(&b)) if is_digit(b) => end += 1,
                (None, _) | (Some(b'.'), None) if !self.complete => {
                    return Err(Fail::Incomplete(Needed::Unknown));
                }
                _ => break,
            }
        }
        let raw = &self.input[start..end];
        match validate_section_part(raw) {
            Ok(()) => {
                self.pos = end;
                Ok(SectionPart::unchecked(Cow::Borrowed(ascii_str(raw))))
            }
            Err(off) => Err(self.error_at(start + off, ParseErrorKind::Expected("section part"))),
        }
    }

    fn header_list(&mut self) -> PResult<Vec<AString<'a>>> {
        self.sp()?;
        self.list_nonempty("header field names", Self::astring)
    }

    fn section_text(&mut self, allow_mime: bool) -> PResult<SectionText<'a>> {
        if self.keyword(b"HEADER.FIELDS.NOT")? {
            return self.header_list().map(SectionText::HeaderFieldsNot);
        }
        if self.keyword(b"HEADER.FIELDS")? {
            return self.header_list().map(SectionText::HeaderFields);
        }
        if self.keyword(b"HEADER")? {
            return Ok(SectionText::Header);
        }
        if self.keyword(b"TEXT")? {
            return Ok(SectionText::Text);
        }
        if allow_mime && self.keyword(b"MIME")? {
            return Ok(SectionText::Mime);
        }
        Err(self.expected("section text"))
    }

    /// A `section` (RFC 9051 §6.4.5, §9): `"[" [section-spec] "]"`, as in
    /// `[1.2.HEADER.FIELDS (From To)]`, `[TEXT]`, `[3.MIME]` or `[]`.
    pub fn section(&mut self) -> PResult<Section<'a>> {
        self.byte(b'[', "'['")?;
        if self.eat(b']') {
            return Ok(Section::FULL);
        }
        let (part, text) = match self.peek() {
            Some(b) if is_digit(b) => {
                let part = self.section_part_raw()?;
                let text = if self.eat(b'.') {
                    Some(self.section_text(true)?)
                } else {
                    None
                };
                (Some(part), text)
            }
            _ => (None, Some(self.section_text(false)?)),
        };
        self.byte(b']', "']'")?;
        // The grammar above only builds valid combinations.
        Section::new(part, text).map_err(|_| self.error(ParseErrorKind::Invalid("section")))
    }

    /// A `section-binary` (RFC 3516 §4, RFC 9051 §9): `"[" [section-part] "]"`.
    pub fn section_binary(&mut self) -> PResult<Option<SectionPart<'a>>> {
        self.byte(b'[', "'['")?;
        if self.eat(b']') {
            return Ok(None);
        }
        let part = self.section_part_raw()?;
        self.byte(b']', "']'")?;
        Ok(Some(part))
    }

    /// A command's `partial` (RFC 9051 §9): `"<" number64 "." nz-number64 ">"`.
    pub fn partial(&mut self) -> PResult<Partial> {
        self.byte(b'<', "'<'")?;
        let offset = self.number64()?;
        self.byte(b'.', "'.'")?;
        let length = self.nz_number64()?;
        self.byte(b'>', "'>'")?;
        Ok(Partial { offset, length })
    }

    /// A `partial-range` (RFC 9394 §5): `nz-number ":" nz-number` or `"-" nz-number ":" "-"
    /// nz-number`. Zero, mixed signs (`-1:5`, `1:-5`) and `*` are errors.
    pub fn partial_range(&mut self) -> PResult<PartialRange> {
        let start = self.pos;
        let last = self.eat(b'-');
        let a = self.nz_number()?;
        self.byte(b':', "':' of a partial range")?;
        let b_start = self.pos;
        if self.at_end() {
            return Err(self.expected("partial range"));
        }
        let b_last = self.eat(b'-');
        if b_last != last {
            return Err(self.error_at(
                b_start,
                ParseErrorKind::Invalid("partial range (mixed signs)"),
            ));
        }
        let b = self.nz_number()?;
        // A range is a whole token: `1:5,7` or `1:5:6` is a sequence set, not a range.
        match self.peek() {
            Some(b) if is_atom_char(b) => {
                return Err(self.error_at(start, ParseErrorKind::Expected("partial range")));
            }
            _ => {}
        }
        Ok(if last {
            PartialRange::Last(a, b)
        } else {
            PartialRange::First(a, b)
        })
    }

    /// A `capability` (RFC 9051 §9): an atom, typed by [`Capability::from_atom`].
    pub fn capability(&mut self) -> PResult<Capability<'a>> {
        self.atom().map(Capability::from_atom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_run_end(input: &[u8], i: usize) -> (usize, bool) {
        let end = (i..input.len())
            .find(|&j| is_quoted_stop(input[j]))
            .unwrap_or(input.len());
        (end, input[i..end].iter().any(|&b| b >= 0x80))
    }

    /// The word-at-a-time scan finds the same stop byte as a byte-by-byte one: every byte value
    /// at every position of inputs up to 20 bytes, on a background of each filler.
    #[test]
    fn quoted_run_end_matches_bytewise() {
        for filler in [b'a', 0x09, 0x0e, 0x7f, 0x80, 0xff, b'!', b'#', b'[', b']'] {
            for len in 0..20 {
                for pos in 0..len {
                    for b in 0..=255u8 {
                        let mut v = vec![filler; len];
                        v[pos] = b;
                        for start in 0..=len {
                            assert_eq!(
                                quoted_run_end(&v, start),
                                naive_run_end(&v, start),
                                "{v:?} from {start}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// Two interesting bytes in one or two words (the masks' borrows reach only upwards).
    #[test]
    fn quoted_run_end_pairs() {
        let bytes = [
            0x00, 0x01, 0x09, 0x0a, 0x0d, 0x0e, 0x22, 0x23, 0x5c, 0x5d, 0x80, 0x8d, 0x8e, 0xff,
        ];
        for p in 0..17 {
            for q in p + 1..18 {
                for &a in &bytes {
                    for &b in &bytes {
                        let mut v = vec![b'x'; 18];
                        v[p] = a;
                        v[q] = b;
                        for start in [0, 1, p, p + 1] {
                            assert_eq!(
                                quoted_run_end(&v, start),
                                naive_run_end(&v, start),
                                "{v:?} from {start}"
                            );
                        }
                    }
                }
            }
        }
    }
}
