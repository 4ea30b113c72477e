//! The core values of the IMAP grammar (RFC 9051 §4 and §9, RFC 3501 §4 and §9): tags, atoms,
//! strings and literals, numbers, sequence sets, flags, mailbox names, charsets, dates,
//! FETCH section specifications and capabilities.
//!
//! Every value is validated when it is built, so that whatever exists serializes to the grammar:
//! an [`Atom`] holds only `ATOM-CHAR`s, a [`Quoted`] string can hold no CR, LF or NUL, a
//! [`SequenceSet`] is a valid `sequence-set`. Values borrow (`Cow`) from the parsed input and
//! offer `into_owned()`.
//!
//! Values made by the parser under a tolerance (see
//! [`ParseConfig`](crate::parse::ParseConfig)) hold what the peer sent even where it is outside
//! the grammar (for example a keyword with `]`, 8-bit bytes in a quoted string); they re-encode
//! as received.

use std::borrow::Cow;
use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};

use crate::utf7;

/// Why a value could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// The value is empty where the grammar needs at least one character.
    #[error("empty {0}")]
    Empty(&'static str),
    /// A byte the grammar does not allow here.
    #[error("invalid character in {what} at byte {offset}")]
    InvalidChar {
        /// What was being built.
        what: &'static str,
        /// Offset of the offending byte in the value.
        offset: usize,
    },
    /// A number or a date field outside its range.
    #[error("{0} out of range")]
    OutOfRange(&'static str),
    /// A value that is valid text but reserved for another form (for example an unknown
    /// capability spelled like a known one, or a flag extension named like a system flag).
    #[error("reserved {0}")]
    Reserved(&'static str),
    /// A value whose parts do not fit together (for example `MIME` without a part number).
    #[error("invalid {0}")]
    Invalid(&'static str),
}

type VResult<T> = Result<T, ValueError>;

// ---------------------------------------------------------------------------------------------
// Character classes (RFC 9051 §9)
// ---------------------------------------------------------------------------------------------

const C_ATOM: u8 = 1;
const C_ASTRING: u8 = 2;
const C_TAG: u8 = 4;
const C_LIST: u8 = 8;
const C_TEXT: u8 = 16;
const C_QUOTED: u8 = 32;
const C_DIGIT: u8 = 64;
const C_SEQ: u8 = 128;

const fn build_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0u8;
        let ctl = b < 0x20 || b == 0x7f;
        let char7 = b >= 0x01 && b <= 0x7f;
        let atom_special = b == b'('
            || b == b')'
            || b == b'{'
            || b == b' '
            || ctl
            || b == b'%'
            || b == b'*'
            || b == b'"'
            || b == b'\\'
            || b == b']';
        if char7 && !atom_special {
            c |= C_ATOM | C_ASTRING | C_LIST;
            if b != b'+' {
                c |= C_TAG;
            }
        }
        if b == b']' {
            c |= C_ASTRING | C_TAG | C_LIST;
        }
        if b == b'%' || b == b'*' {
            c |= C_LIST;
        }
        if char7 && b != b'\r' && b != b'\n' {
            c |= C_TEXT;
            if b != b'"' && b != b'\\' {
                c |= C_QUOTED;
            }
        }
        if b >= b'0' && b <= b'9' {
            c |= C_DIGIT | C_SEQ;
        }
        if b == b':' || b == b',' || b == b'*' || b == b'$' {
            c |= C_SEQ;
        }
        t[i] = c;
        i += 1;
    }
    t
}

pub(crate) const CLASSES: [u8; 256] = build_classes();

/// `ATOM-CHAR`: any 7-bit character except `atom-specials` (`(`, `)`, `{`, SP, controls, `%`,
/// `*`, `"`, `\`, `]`).
#[inline]
pub const fn is_atom_char(b: u8) -> bool {
    CLASSES[b as usize] & C_ATOM != 0
}

/// `ASTRING-CHAR`: an `ATOM-CHAR` or `]`.
#[inline]
pub const fn is_astring_char(b: u8) -> bool {
    CLASSES[b as usize] & C_ASTRING != 0
}

/// A character of a `tag`: an `ASTRING-CHAR` except `+`.
#[inline]
pub const fn is_tag_char(b: u8) -> bool {
    CLASSES[b as usize] & C_TAG != 0
}

/// `list-char`: an `ATOM-CHAR`, a list wildcard (`%`, `*`) or `]`.
#[inline]
pub const fn is_list_char(b: u8) -> bool {
    CLASSES[b as usize] & C_LIST != 0
}

/// `TEXT-CHAR`: any 7-bit character except NUL, CR and LF.
#[inline]
pub const fn is_text_char(b: u8) -> bool {
    CLASSES[b as usize] & C_TEXT != 0
}

/// A 7-bit `QUOTED-CHAR` that needs no escape: a `TEXT-CHAR` except `"` and `\`.
#[inline]
pub const fn is_quoted_char(b: u8) -> bool {
    CLASSES[b as usize] & C_QUOTED != 0
}

#[inline]
pub(crate) const fn is_digit(b: u8) -> bool {
    CLASSES[b as usize] & C_DIGIT != 0
}

#[inline]
pub(crate) const fn is_seq_char(b: u8) -> bool {
    CLASSES[b as usize] & C_SEQ != 0
}

/// The largest `number64` (RFC 9051 §9: an unsigned 63-bit integer).
pub const NUMBER64_MAX: u64 = i64::MAX as u64;

/// The longest string [`IString::new`] and the other choosing constructors put in a quoted
/// string; longer data becomes a literal.
pub const MAX_QUOTED_LEN: usize = 1024;

fn check_chars(s: &[u8], what: &'static str, ok: impl Fn(u8) -> bool) -> VResult<()> {
    if s.is_empty() {
        return Err(ValueError::Empty(what));
    }
    match s.iter().position(|&b| !ok(b)) {
        Some(offset) => Err(ValueError::InvalidChar { what, offset }),
        None => Ok(()),
    }
}

fn owned_str(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

fn owned_bytes(c: Cow<'_, [u8]>) -> Cow<'static, [u8]> {
    Cow::Owned(c.into_owned())
}

/// Shows bytes as text for `Debug`, escaping what is not printable.
struct ShowBytes<'b>(&'b [u8]);

impl fmt::Debug for ShowBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0.escape_ascii())
    }
}

macro_rules! str_value {
    ($(#[$doc:meta])* $name:ident, $what:literal, $class:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name<'a>(Cow<'a, str>);

        impl<'a> $name<'a> {
            /// Validates the value.
            pub fn new(value: impl Into<Cow<'a, str>>) -> VResult<Self> {
                let value = value.into();
                check_chars(value.as_bytes(), $what, $class)?;
                Ok(Self(value))
            }

            /// Wraps a value the parser has already checked.
            #[allow(dead_code)]
            pub(crate) fn unchecked(value: Cow<'a, str>) -> Self {
                Self(value)
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether the value equals `other` ignoring ASCII case.
            pub fn eq_ignore_ascii_case(&self, other: &str) -> bool {
                self.0.eq_ignore_ascii_case(other)
            }

            /// A `'static` copy.
            pub fn into_owned(self) -> $name<'static> {
                $name(owned_str(self.0))
            }

            /// The inner string.
            pub fn into_inner(self) -> Cow<'a, str> {
                self.0
            }
        }

        impl fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name<'_> {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl<'a> TryFrom<&'a str> for $name<'a> {
            type Error = ValueError;
            fn try_from(value: &'a str) -> VResult<Self> {
                Self::new(value)
            }
        }
    };
}

str_value!(
    /// A command tag (RFC 9051 §2.2.1, §9 `tag`): `1*<any ASTRING-CHAR except "+">`.
    ///
    /// ```
    /// use imap_proto::types::Tag;
    /// assert!(Tag::new("A001").is_ok());
    /// assert!(Tag::new("A+1").is_err());
    /// ```
    Tag,
    "tag",
    is_tag_char
);

str_value!(
    /// An `atom` (RFC 9051 §4.1, §9): one or more `ATOM-CHAR`s.
    Atom,
    "atom",
    is_atom_char
);

str_value!(
    /// The unquoted form of an `astring` (RFC 9051 §9): one or more `ASTRING-CHAR`s, i.e. an
    /// atom that may also contain `]` (`[Gmail]/Sent`).
    ///
    /// Under [`allow_utf8_atoms`](crate::parse::ParseConfig::allow_utf8_atoms) the parser also
    /// accepts UTF-8 here (servers that send mailbox names unquoted); such values re-encode as
    /// received.
    AtomExt,
    "astring atom",
    is_astring_char
);

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

/// Whether `data` may be the content of a quoted string: no NUL, CR or LF, and 8-bit bytes
/// only as UTF-8 (RFC 9051 §9 `QUOTED-CHAR` includes `UTF8-2`/`UTF8-3`/`UTF8-4`).
pub fn is_quotable(data: &[u8]) -> bool {
    quotable_error(data).is_none()
}

fn quotable_error(data: &[u8]) -> Option<ValueError> {
    if let Some(offset) = data
        .iter()
        .position(|&b| b == 0 || b == b'\r' || b == b'\n')
    {
        return Some(ValueError::InvalidChar {
            what: "quoted string",
            offset,
        });
    }
    if !data.is_ascii() {
        if let Err(e) = std::str::from_utf8(data) {
            return Some(ValueError::InvalidChar {
                what: "quoted string",
                offset: e.valid_up_to(),
            });
        }
    }
    None
}

/// The content of a quoted string (RFC 9051 §4.3, §9 `quoted`), without the quotes and with
/// the `\` escapes removed.
///
/// It cannot contain NUL, CR or LF; non-ASCII content must be UTF-8 (allowed by RFC 9051 and
/// RFC 6855; the encoder turns it into a literal for a peer that does not accept it).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quoted<'a>(Cow<'a, [u8]>);

impl<'a> Quoted<'a> {
    /// Validates the content.
    pub fn new(data: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let data = data.into();
        match quotable_error(&data) {
            Some(e) => Err(e),
            None => Ok(Self(data)),
        }
    }

    /// Wraps content the parser has already checked.
    pub(crate) fn unchecked(data: Cow<'a, [u8]>) -> Self {
        Self(data)
    }

    /// The empty string `""`.
    pub const fn empty() -> Quoted<'static> {
        Quoted(Cow::Borrowed(b""))
    }

    /// The content.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The content as text, if it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// Whether the content has 8-bit bytes (it then needs a peer that accepts UTF-8 in quoted
    /// strings, or a literal).
    pub fn is_8bit(&self) -> bool {
        !self.0.is_ascii()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Quoted<'static> {
        Quoted(owned_bytes(self.0))
    }

    /// The inner content.
    pub fn into_inner(self) -> Cow<'a, [u8]> {
        self.0
    }
}

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quoted({:?})", ShowBytes(&self.0))
    }
}

/// Whether a literal is synchronizing (`{n}`: a client waits for the server's `+` before
/// sending the data) or non-synchronizing (`{n+}`, RFC 7888 LITERAL+/LITERAL-: sent at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum LiteralMode {
    /// `{n}` (RFC 9051 §4.3).
    #[default]
    Sync,
    /// `{n+}` (RFC 7888 §3, client to server only).
    NonSync,
}

/// A literal (RFC 9051 §4.3 `literal`), or with [`is_binary`](Literal::is_binary) a `literal8`
/// (RFC 3516 §4.2, RFC 9051 §9): `{n}` CRLF and n octets.
///
/// A `literal` cannot contain NUL (`CHAR8`); a `literal8` (`~{n}`) can hold any octet. The
/// [`mode`](Literal::mode) remembers `{n}` or `{n+}`; the encoder writes it as is or applies the
/// peer's LITERAL+/LITERAL- policy ([`LiteralPolicy`](crate::encode::LiteralPolicy)).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Literal<'a> {
    data: Cow<'a, [u8]>,
    mode: LiteralMode,
    binary: bool,
}

impl<'a> Literal<'a> {
    /// A synchronizing `literal`; fails if `data` contains NUL.
    pub fn new(data: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let data = data.into();
        if let Some(offset) = memchr::memchr(0, &data) {
            return Err(ValueError::InvalidChar {
                what: "literal",
                offset,
            });
        }
        Ok(Self {
            data,
            mode: LiteralMode::Sync,
            binary: false,
        })
    }

    /// A synchronizing `literal8` (`~{n}`, RFC 3516): any octets.
    pub fn binary(data: impl Into<Cow<'a, [u8]>>) -> Self {
        Self {
            data: data.into(),
            mode: LiteralMode::Sync,
            binary: true,
        }
    }

    /// Wraps a literal the parser has already read.
    pub(crate) fn unchecked(data: Cow<'a, [u8]>, mode: LiteralMode, binary: bool) -> Self {
        Self { data, mode, binary }
    }

    /// The same literal with another mode.
    #[must_use]
    pub fn with_mode(mut self, mode: LiteralMode) -> Self {
        self.mode = mode;
        self
    }

    /// The octets.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The number of octets.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are no octets.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// `{n}` or `{n+}`.
    pub fn mode(&self) -> LiteralMode {
        self.mode
    }

    /// Whether this is a `literal8` (`~{n}`).
    pub fn is_binary(&self) -> bool {
        self.binary
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Literal<'static> {
        Literal {
            data: owned_bytes(self.data),
            mode: self.mode,
            binary: self.binary,
        }
    }

    /// The octets.
    pub fn into_data(self) -> Cow<'a, [u8]> {
        self.data
    }
}

impl fmt::Debug for Literal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Literals may be whole messages or passwords: show only the shape.
        f.debug_struct("Literal")
            .field("len", &self.data.len())
            .field("mode", &self.mode)
            .field("binary", &self.binary)
            .finish()
    }
}

/// A `string` (RFC 9051 §4.3, §9): quoted or literal. Which form it was is kept so that it
/// re-encodes the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IString<'a> {
    /// `"…"`.
    Quoted(Quoted<'a>),
    /// `{n}` CRLF data. The grammar's `string` never holds a `literal8`; the parser gives one
    /// only where the caller asked for `string / literal8`.
    Literal(Literal<'a>),
}

impl<'a> IString<'a> {
    /// The cheapest valid form for `data`: quoted when [`is_quotable`] and at most
    /// [`MAX_QUOTED_LEN`] octets, else a synchronizing literal. Fails on NUL.
    pub fn new(data: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let data = data.into();
        if data.len() <= MAX_QUOTED_LEN && is_quotable(&data) {
            Ok(IString::Quoted(Quoted(data)))
        } else {
            Literal::new(data).map(IString::Literal)
        }
    }

    /// The content.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            IString::Quoted(q) => q.as_bytes(),
            IString::Literal(l) => l.data(),
        }
    }

    /// The content as text, if it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self.as_bytes()).ok()
    }

    /// Whether it is a literal.
    pub fn is_literal(&self) -> bool {
        matches!(self, IString::Literal(_))
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> IString<'static> {
        match self {
            IString::Quoted(q) => IString::Quoted(q.into_owned()),
            IString::Literal(l) => IString::Literal(l.into_owned()),
        }
    }

    /// The content.
    pub fn into_bytes(self) -> Cow<'a, [u8]> {
        match self {
            IString::Quoted(q) => q.into_inner(),
            IString::Literal(l) => l.into_data(),
        }
    }
}

impl<'a> From<Quoted<'a>> for IString<'a> {
    fn from(q: Quoted<'a>) -> Self {
        IString::Quoted(q)
    }
}

impl<'a> From<Literal<'a>> for IString<'a> {
    fn from(l: Literal<'a>) -> Self {
        IString::Literal(l)
    }
}

/// An `astring` (RFC 9051 §9): an unquoted [`AtomExt`] or a [`string`](IString).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AString<'a> {
    /// `1*ASTRING-CHAR`.
    Atom(AtomExt<'a>),
    /// Quoted or literal.
    String(IString<'a>),
}

impl<'a> AString<'a> {
    /// The cheapest valid form for `data`: an atom when it is one, else as [`IString::new`].
    /// Fails on NUL.
    ///
    /// ```
    /// use imap_proto::types::AString;
    /// assert!(matches!(AString::new(&b"INBOX"[..])?, AString::Atom(_)));
    /// assert!(matches!(AString::new(&b"two words"[..])?, AString::String(s) if !s.is_literal()));
    /// assert!(matches!(AString::new(&b"line\r\nbreak"[..])?, AString::String(s) if s.is_literal()));
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn new(data: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let data = data.into();
        if !data.is_empty() && data.iter().all(|&b| is_astring_char(b)) {
            let s = match data {
                Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).unwrap_or_default()),
                Cow::Owned(v) => Cow::Owned(String::from_utf8(v).unwrap_or_default()),
            };
            return Ok(AString::Atom(AtomExt(s)));
        }
        IString::new(data).map(AString::String)
    }

    /// The content.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            AString::Atom(a) => a.as_str().as_bytes(),
            AString::String(s) => s.as_bytes(),
        }
    }

    /// The content as text, if it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            AString::Atom(a) => Some(a.as_str()),
            AString::String(s) => s.as_str(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> AString<'static> {
        match self {
            AString::Atom(a) => AString::Atom(a.into_owned()),
            AString::String(s) => AString::String(s.into_owned()),
        }
    }

    /// The content.
    pub fn into_bytes(self) -> Cow<'a, [u8]> {
        match self {
            AString::Atom(a) => match a.into_inner() {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
            AString::String(s) => s.into_bytes(),
        }
    }
}

/// An `nstring` (RFC 9051 §4.5, §9): a string or `NIL`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct NString<'a>(pub Option<IString<'a>>);

impl<'a> NString<'a> {
    /// `NIL`.
    pub const NIL: NString<'static> = NString(None);

    /// `NIL` for `None`, else the cheapest form as [`IString::new`].
    pub fn new(data: Option<impl Into<Cow<'a, [u8]>>>) -> VResult<Self> {
        data.map(IString::new).transpose().map(NString)
    }

    /// The content, `None` for `NIL`.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        self.0.as_ref().map(IString::as_bytes)
    }

    /// Whether it is `NIL`.
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> NString<'static> {
        NString(self.0.map(IString::into_owned))
    }
}

impl<'a> From<IString<'a>> for NString<'a> {
    fn from(s: IString<'a>) -> Self {
        NString(Some(s))
    }
}

// ---------------------------------------------------------------------------------------------
// Sequence sets
// ---------------------------------------------------------------------------------------------

/// A `seq-number` (RFC 9051 §9): a message number or UID, or `*`, the largest in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SeqNumber {
    /// `nz-number`.
    Value(NonZeroU32),
    /// `*`.
    Largest,
}

impl SeqNumber {
    /// The number, with `*` replaced by `largest`.
    pub fn resolve(self, largest: u32) -> u32 {
        match self {
            SeqNumber::Value(v) => v.get(),
            SeqNumber::Largest => largest,
        }
    }
}

impl From<NonZeroU32> for SeqNumber {
    fn from(v: NonZeroU32) -> Self {
        SeqNumber::Value(v)
    }
}

/// One element of a [`SequenceSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeqItem {
    /// `seq-number`.
    Number(SeqNumber),
    /// `seq-range`: both ends included, in either order (`4:2` is `2:4`, RFC 9051 §9).
    Range(SeqNumber, SeqNumber),
    /// `$`, the result saved by `SEARCH RETURN (SAVE)` (RFC 5182, RFC 9051 §6.4.4.1).
    Saved,
}

/// A `sequence-set` (RFC 9051 §9, with `seq-last-command` `$` of RFC 5182): a comma-separated
/// list of numbers, ranges and `*`, optionally ending with `$`.
///
/// Stored as its validated text, so parsing borrows and does not allocate; [`iter`] walks the
/// items. `$` may only be the last item (the RFC 9051 grammar allows it as the tail of the
/// comma list).
///
/// [`iter`]: SequenceSet::iter
///
/// ```
/// use imap_proto::types::{SequenceSet, SeqItem, SeqNumber};
/// let set = SequenceSet::new("2,4:7,9,12:*")?;
/// assert_eq!(set.iter().count(), 4);
/// assert!(set.contains(5, 15) && !set.contains(8, 15) && set.contains(15, 15));
/// assert_eq!(set.to_ranges(13), vec![2..=2, 4..=7, 9..=9, 12..=13]);
/// assert!(SequenceSet::new("1:0").is_err());
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SequenceSet<'a>(Cow<'a, str>);

/// Validates a sequence set's text, returning the number of items.
pub(crate) fn validate_sequence_set(s: &[u8]) -> Result<usize, usize> {
    if s.is_empty() {
        return Err(0);
    }
    let mut items = 0;
    let mut i = 0;
    loop {
        items += 1;
        // One item: `$`, or seq-number [":" seq-number].
        if s[i] == b'$' {
            i += 1;
            return if i == s.len() { Ok(items) } else { Err(i) };
        }
        i = seq_number_end(s, i)?;
        if i < s.len() && s[i] == b':' {
            i = seq_number_end(s, i + 1)?;
        }
        if i == s.len() {
            return Ok(items);
        }
        if s[i] != b',' {
            return Err(i);
        }
        i += 1;
        if i == s.len() {
            return Err(i);
        }
    }
}

/// The end of the `seq-number` at `i`, or the offset of the error.
fn seq_number_end(s: &[u8], i: usize) -> Result<usize, usize> {
    match s.get(i) {
        Some(b'*') => Ok(i + 1),
        Some(b'1'..=b'9') => {
            let mut v: u64 = 0;
            let mut j = i;
            while j < s.len() && is_digit(s[j]) {
                v = v * 10 + u64::from(s[j] - b'0');
                if v > u64::from(u32::MAX) {
                    return Err(j);
                }
                j += 1;
            }
            Ok(j)
        }
        _ => Err(i),
    }
}

impl<'a> SequenceSet<'a> {
    /// Validates a sequence set's text.
    pub fn new(set: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let set = set.into();
        match validate_sequence_set(set.as_bytes()) {
            Ok(_) => Ok(Self(set)),
            Err(offset) if set.is_empty() => {
                let _ = offset;
                Err(ValueError::Empty("sequence set"))
            }
            Err(offset) => Err(ValueError::InvalidChar {
                what: "sequence set",
                offset,
            }),
        }
    }

    /// Wraps text the parser has already validated.
    pub(crate) fn unchecked(set: Cow<'a, str>) -> Self {
        Self(set)
    }

    /// A set of the given items; fails when there are none or when `$` is not last.
    pub fn from_items(items: impl IntoIterator<Item = SeqItem>) -> VResult<SequenceSet<'static>> {
        use std::fmt::Write as _;
        let mut s = String::new();
        let mut saved = false;
        for item in items {
            if saved {
                return Err(ValueError::Invalid("sequence set ($ not last)"));
            }
            if !s.is_empty() {
                s.push(',');
            }
            let num = |s: &mut String, n: SeqNumber| match n {
                SeqNumber::Value(v) => {
                    let _ = write!(s, "{v}");
                }
                SeqNumber::Largest => s.push('*'),
            };
            match item {
                SeqItem::Number(n) => num(&mut s, n),
                SeqItem::Range(a, b) => {
                    num(&mut s, a);
                    s.push(':');
                    num(&mut s, b);
                }
                SeqItem::Saved => {
                    saved = true;
                    s.push('$');
                }
            }
        }
        if s.is_empty() {
            return Err(ValueError::Empty("sequence set"));
        }
        Ok(SequenceSet(Cow::Owned(s)))
    }

    /// One number.
    pub fn single(n: NonZeroU32) -> SequenceSet<'static> {
        SequenceSet(Cow::Owned(n.to_string()))
    }

    /// The range `a:b`.
    pub fn range(a: SeqNumber, b: SeqNumber) -> SequenceSet<'static> {
        // Two valid seq-numbers always make a valid set.
        Self::from_items([SeqItem::Range(a, b)]).unwrap_or_else(|_| Self::all())
    }

    /// `1:*`, every message.
    pub fn all() -> SequenceSet<'static> {
        SequenceSet(Cow::Borrowed("1:*"))
    }

    /// `$`, the saved search result (RFC 5182).
    pub fn saved() -> SequenceSet<'static> {
        SequenceSet(Cow::Borrowed("$"))
    }

    /// The normalized set of the given numbers: sorted, merged into ranges, zeros dropped.
    /// `None` when no non-zero number is given.
    pub fn from_numbers(numbers: impl IntoIterator<Item = u32>) -> Option<SequenceSet<'static>> {
        let mut v: Vec<u32> = numbers.into_iter().filter(|&n| n != 0).collect();
        v.sort_unstable();
        v.dedup();
        let mut ranges: Vec<std::ops::RangeInclusive<u32>> = Vec::new();
        for n in v {
            match ranges.last_mut() {
                Some(r) if *r.end() + 1 == n => *r = *r.start()..=n,
                _ => ranges.push(n..=n),
            }
        }
        Self::from_ranges(&ranges)
    }

    fn from_ranges(ranges: &[std::ops::RangeInclusive<u32>]) -> Option<SequenceSet<'static>> {
        use std::fmt::Write as _;
        let mut s = String::new();
        for r in ranges {
            if !s.is_empty() {
                s.push(',');
            }
            if r.start() == r.end() {
                let _ = write!(s, "{}", r.start());
            } else {
                let _ = write!(s, "{}:{}", r.start(), r.end());
            }
        }
        (!s.is_empty()).then_some(SequenceSet(Cow::Owned(s)))
    }

    /// The text of the set.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The items in order.
    pub fn iter(&self) -> SeqIter<'_> {
        SeqIter {
            rest: self.0.as_bytes(),
        }
    }

    /// Whether the set is exactly `$`.
    pub fn is_saved(&self) -> bool {
        &*self.0 == "$"
    }

    /// Whether the set refers to the saved search result `$`.
    pub fn has_saved(&self) -> bool {
        self.0.ends_with('$')
    }

    /// Whether the set uses `*`.
    pub fn has_largest(&self) -> bool {
        self.0.contains('*')
    }

    /// Whether `n` is in the set, `*` standing for `largest` (ignoring `$`).
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        self.iter().any(|item| match item {
            SeqItem::Number(a) => a.resolve(largest) == n,
            SeqItem::Range(a, b) => {
                let (a, b) = (a.resolve(largest), b.resolve(largest));
                a.min(b) <= n && n <= a.max(b)
            }
            SeqItem::Saved => false,
        })
    }

    /// The set as sorted, merged, non-overlapping ranges, `*` standing for `largest` (`$` is
    /// left out). With `largest == 0` (an empty mailbox) items using `*` are left out.
    pub fn to_ranges(&self, largest: u32) -> Vec<std::ops::RangeInclusive<u32>> {
        let mut v: Vec<(u32, u32)> = Vec::new();
        for item in self.iter() {
            let (a, b) = match item {
                SeqItem::Number(a) => (a, a),
                SeqItem::Range(a, b) => (a, b),
                SeqItem::Saved => continue,
            };
            if largest == 0 && (a == SeqNumber::Largest || b == SeqNumber::Largest) {
                continue;
            }
            let (a, b) = (a.resolve(largest), b.resolve(largest));
            v.push((a.min(b), a.max(b)));
        }
        v.sort_unstable();
        let mut out: Vec<std::ops::RangeInclusive<u32>> = Vec::with_capacity(v.len());
        for (a, b) in v {
            match out.last_mut() {
                Some(r) if a <= r.end().saturating_add(1) => {
                    if b > *r.end() {
                        *r = *r.start()..=b;
                    }
                }
                _ => out.push(a..=b),
            }
        }
        out
    }

    /// The normalized form of [`to_ranges`](SequenceSet::to_ranges): the shortest text for the
    /// same numbers, `None` when it is empty.
    pub fn normalized(&self, largest: u32) -> Option<SequenceSet<'static>> {
        Self::from_ranges(&self.to_ranges(largest))
    }

    /// Every number of the set in ascending order, without duplicates, `*` standing for
    /// `largest`. Lazy: `1:4294967295` does not allocate four billion numbers.
    pub fn numbers(&self, largest: u32) -> impl Iterator<Item = u32> + use<'_> {
        self.to_ranges(largest).into_iter().flatten()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> SequenceSet<'static> {
        SequenceSet(owned_str(self.0))
    }
}

impl fmt::Debug for SequenceSet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SequenceSet({:?})", self.0)
    }
}

impl fmt::Display for SequenceSet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<NonZeroU32> for SequenceSet<'static> {
    fn from(n: NonZeroU32) -> Self {
        SequenceSet::single(n)
    }
}

impl<'a> TryFrom<&'a str> for SequenceSet<'a> {
    type Error = ValueError;
    fn try_from(value: &'a str) -> VResult<Self> {
        Self::new(value)
    }
}

impl<'s> IntoIterator for &'s SequenceSet<'_> {
    type Item = SeqItem;
    type IntoIter = SeqIter<'s>;
    fn into_iter(self) -> SeqIter<'s> {
        self.iter()
    }
}

/// The items of a [`SequenceSet`], from [`SequenceSet::iter`].
#[derive(Debug, Clone)]
pub struct SeqIter<'s> {
    rest: &'s [u8],
}

fn take_seq_number(s: &[u8]) -> (SeqNumber, &[u8]) {
    if let Some(rest) = s.strip_prefix(b"*") {
        return (SeqNumber::Largest, rest);
    }
    let end = s.iter().position(|&b| !is_digit(b)).unwrap_or(s.len());
    let mut v: u32 = 0;
    for &b in &s[..end] {
        v = v.wrapping_mul(10).wrapping_add(u32::from(b - b'0'));
    }
    // Validated: non-zero and in range.
    let n = NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
    (SeqNumber::Value(n), &s[end..])
}

impl Iterator for SeqIter<'_> {
    type Item = SeqItem;

    fn next(&mut self) -> Option<SeqItem> {
        let s = self.rest;
        if s.is_empty() {
            return None;
        }
        let (item, rest) = if let Some(rest) = s.strip_prefix(b"$") {
            (SeqItem::Saved, rest)
        } else {
            let (a, rest) = take_seq_number(s);
            match rest.strip_prefix(b":") {
                Some(rest) => {
                    let (b, rest) = take_seq_number(rest);
                    (SeqItem::Range(a, b), rest)
                }
                None => (SeqItem::Number(a), rest),
            }
        };
        self.rest = rest.strip_prefix(b",").unwrap_or(rest);
        Some(item)
    }
}

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

/// A `flag-extension` name (RFC 9051 §9 `"\" atom`), without the backslash; never one of the
/// system flags of [`Flag`] nor `Recent` (compared ignoring case), so that each flag has one
/// representation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlagExtension<'a>(Atom<'a>);

const SYSTEM_FLAGS: [&str; 6] = ["Answered", "Flagged", "Deleted", "Seen", "Draft", "Recent"];

impl<'a> FlagExtension<'a> {
    /// Validates the name (an atom, not a system flag).
    pub fn new(name: impl Into<Cow<'a, str>>) -> VResult<Self> {
        Self::from_atom(Atom::new(name)?)
    }

    /// Checks that `atom` is not a system flag name.
    pub fn from_atom(atom: Atom<'a>) -> VResult<Self> {
        if SYSTEM_FLAGS.iter().any(|s| atom.eq_ignore_ascii_case(s)) {
            return Err(ValueError::Reserved("flag extension"));
        }
        Ok(Self(atom))
    }

    /// The name, without the backslash.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The name as an atom.
    pub fn as_atom(&self) -> &Atom<'a> {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> FlagExtension<'static> {
        FlagExtension(self.0.into_owned())
    }
}

impl fmt::Debug for FlagExtension<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FlagExtension({:?})", self.0.as_str())
    }
}

/// A message flag (RFC 9051 §2.3.2, §9 `flag`).
///
/// System flags are matched ignoring case and written in their RFC spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag<'a> {
    /// `\Answered`.
    Answered,
    /// `\Flagged`.
    Flagged,
    /// `\Deleted`.
    Deleted,
    /// `\Seen`.
    Seen,
    /// `\Draft`.
    Draft,
    /// A keyword (`flag-keyword`, an atom such as `$Forwarded` or `$MDNSent`).
    Keyword(Atom<'a>),
    /// Another `\`-flag (`flag-extension`).
    Extension(FlagExtension<'a>),
}

impl<'a> Flag<'a> {
    /// A flag from its text: `\Seen` and the other system flags, `\Name` for an extension,
    /// anything else a keyword. `\Recent` is refused (see [`FlagFetch`]).
    pub fn new(text: &'a str) -> VResult<Self> {
        match text.strip_prefix('\\') {
            Some(name) => Self::system_or_extension(Atom::new(name)?),
            None => Ok(Flag::Keyword(Atom::new(text)?)),
        }
    }

    /// `\name`: a system flag if `name` is one (ignoring case), else an extension. Fails for
    /// `Recent`.
    pub fn system_or_extension(name: Atom<'a>) -> VResult<Self> {
        let n = name.as_str();
        Ok(if n.eq_ignore_ascii_case("Answered") {
            Flag::Answered
        } else if n.eq_ignore_ascii_case("Flagged") {
            Flag::Flagged
        } else if n.eq_ignore_ascii_case("Deleted") {
            Flag::Deleted
        } else if n.eq_ignore_ascii_case("Seen") {
            Flag::Seen
        } else if n.eq_ignore_ascii_case("Draft") {
            Flag::Draft
        } else {
            Flag::Extension(FlagExtension::from_atom(name)?)
        })
    }

    /// The system flag's name without backslash, `None` for keywords and extensions.
    pub fn system_name(&self) -> Option<&'static str> {
        Some(match self {
            Flag::Answered => "Answered",
            Flag::Flagged => "Flagged",
            Flag::Deleted => "Deleted",
            Flag::Seen => "Seen",
            Flag::Draft => "Draft",
            _ => return None,
        })
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Flag<'static> {
        match self {
            Flag::Answered => Flag::Answered,
            Flag::Flagged => Flag::Flagged,
            Flag::Deleted => Flag::Deleted,
            Flag::Seen => Flag::Seen,
            Flag::Draft => Flag::Draft,
            Flag::Keyword(a) => Flag::Keyword(a.into_owned()),
            Flag::Extension(e) => Flag::Extension(e.into_owned()),
        }
    }
}

/// A flag in a FETCH response's `FLAGS` (RFC 9051 §9 `flag-fetch`): a [`Flag`] or the
/// IMAP4rev1 session flag `\Recent` (`obsolete-flag-recent`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlagFetch<'a> {
    /// A flag.
    Flag(Flag<'a>),
    /// `\Recent`.
    Recent,
}

impl FlagFetch<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> FlagFetch<'static> {
        match self {
            FlagFetch::Flag(f) => FlagFetch::Flag(f.into_owned()),
            FlagFetch::Recent => FlagFetch::Recent,
        }
    }
}

/// A flag in `PERMANENTFLAGS` (RFC 9051 §9 `flag-perm`): a [`Flag`] or `\*` (new keywords can
/// be created).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlagPerm<'a> {
    /// A flag.
    Flag(Flag<'a>),
    /// `\*`.
    Wildcard,
}

impl FlagPerm<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> FlagPerm<'static> {
        match self {
            FlagPerm::Flag(f) => FlagPerm::Flag(f.into_owned()),
            FlagPerm::Wildcard => FlagPerm::Wildcard,
        }
    }
}

impl<'a> From<Flag<'a>> for FlagFetch<'a> {
    fn from(f: Flag<'a>) -> Self {
        FlagFetch::Flag(f)
    }
}

impl<'a> From<Flag<'a>> for FlagPerm<'a> {
    fn from(f: Flag<'a>) -> Self {
        FlagPerm::Flag(f)
    }
}

// ---------------------------------------------------------------------------------------------
// Mailbox names
// ---------------------------------------------------------------------------------------------

/// A mailbox name that is not INBOX (in any case): the `astring` of RFC 9051 §9 `mailbox`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MailboxOther<'a>(AString<'a>);

impl<'a> MailboxOther<'a> {
    /// The name as sent (modified UTF-7, or UTF-8 under UTF8=ACCEPT).
    pub fn as_astring(&self) -> &AString<'a> {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> MailboxOther<'static> {
        MailboxOther(self.0.into_owned())
    }
}

/// A mailbox name (RFC 9051 §5.1, §9 `mailbox`). `INBOX` is case-insensitive and always
/// [`Mailbox::Inbox`]; other names are kept as sent.
///
/// On the wire names are modified UTF-7 ([`crate::utf7`], RFC 3501 §5.1.3) unless UTF8=ACCEPT
/// (RFC 6855 §3) is enabled, in which case they are UTF-8.
///
/// ```
/// use imap_proto::types::Mailbox;
/// assert_eq!(Mailbox::from_bytes(&b"inbox"[..])?, Mailbox::Inbox);
/// let m = Mailbox::from_utf8("Entwürfe")?;
/// assert_eq!(m.as_bytes(), b"Entw&APw-rfe");
/// assert_eq!(m.decode_utf7().unwrap(), "Entwürfe");
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mailbox<'a> {
    /// `INBOX`.
    Inbox,
    /// Any other name.
    Other(MailboxOther<'a>),
}

impl<'a> Mailbox<'a> {
    /// The mailbox named by `name` as sent on the wire.
    pub fn new(name: AString<'a>) -> Self {
        if name.as_bytes().eq_ignore_ascii_case(b"INBOX") {
            Mailbox::Inbox
        } else {
            Mailbox::Other(MailboxOther(name))
        }
    }

    /// The mailbox with the given wire bytes, in the cheapest form. Fails on NUL.
    pub fn from_bytes(name: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        AString::new(name).map(Self::new)
    }

    /// The mailbox with the given Unicode name, encoded in modified UTF-7 (for a session
    /// without UTF8=ACCEPT). Fails on NUL.
    pub fn from_utf8(name: &str) -> VResult<Mailbox<'static>> {
        Mailbox::from_bytes(utf7::encode(name).into_bytes())
    }

    /// The mailbox with the given Unicode name sent as UTF-8 (RFC 6855 §3, once UTF8=ACCEPT is
    /// enabled). Fails on NUL.
    pub fn from_utf8_accept(name: &'a str) -> VResult<Self> {
        Mailbox::from_bytes(name.as_bytes())
    }

    /// Whether this is INBOX.
    pub fn is_inbox(&self) -> bool {
        matches!(self, Mailbox::Inbox)
    }

    /// The name as sent on the wire (`INBOX` for INBOX).
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Mailbox::Inbox => b"INBOX",
            Mailbox::Other(o) => o.0.as_bytes(),
        }
    }

    /// The Unicode name, decoding modified UTF-7 strictly.
    pub fn decode_utf7(&self) -> Result<Cow<'_, str>, utf7::Utf7Error> {
        utf7::decode(self.as_bytes())
    }

    /// The Unicode name: UTF-8 as is when `utf8_accept` (RFC 6855), else modified UTF-7 decoded
    /// leniently. Never fails; undecodable bytes become U+FFFD.
    pub fn to_unicode(&self, utf8_accept: bool) -> Cow<'_, str> {
        if utf8_accept {
            String::from_utf8_lossy(self.as_bytes())
        } else {
            utf7::decode_lenient(self.as_bytes())
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Mailbox<'static> {
        match self {
            Mailbox::Inbox => Mailbox::Inbox,
            Mailbox::Other(o) => Mailbox::Other(o.into_owned()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Charset
// ---------------------------------------------------------------------------------------------

/// A charset name (RFC 9051 §9 `charset = atom / quoted`), as in `SEARCH CHARSET` and
/// `BADCHARSET`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Charset<'a> {
    /// An atom (`UTF-8`).
    Atom(Atom<'a>),
    /// A quoted string.
    Quoted(Quoted<'a>),
}

impl<'a> Charset<'a> {
    /// An atom when `name` is one, else quoted.
    pub fn new(name: &'a str) -> VResult<Self> {
        match Atom::new(name) {
            Ok(a) => Ok(Charset::Atom(a)),
            Err(_) => Quoted::new(name.as_bytes()).map(Charset::Quoted),
        }
    }

    /// The name.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Charset::Atom(a) => a.as_str().as_bytes(),
            Charset::Quoted(q) => q.as_bytes(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Charset<'static> {
        match self {
            Charset::Atom(a) => Charset::Atom(a.into_owned()),
            Charset::Quoted(q) => Charset::Quoted(q.into_owned()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// The month names of `date-month`, January first.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A calendar date (RFC 9051 §9 `date`, as in `SEARCH SINCE 1-Feb-1994`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Validates a date: year 0–9999 (`4DIGIT`), month 1–12, a day that exists in that month.
    pub fn new(year: u16, month: u8, day: u8) -> VResult<Self> {
        if year > 9999 {
            return Err(ValueError::OutOfRange("year"));
        }
        if !(1..=12).contains(&month) {
            return Err(ValueError::OutOfRange("month"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(ValueError::OutOfRange("day"));
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.day
    }
}

/// A date and time with its zone (RFC 9051 §9 `date-time`, as in `INTERNALDATE` and `APPEND`):
/// `"17-Jul-1996 02:44:25 -0700"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
    zone_minutes: i16,
}

impl DateTime {
    /// Validates the time (hour 0–23, minute 0–59, second 0–60 for a leap second) and the zone
    /// offset in minutes east of UTC (at most ±99:59, the `zone = ("+" / "-") 4DIGIT` range,
    /// with minutes below 60). A zone of `-0000` is read as `+0000`.
    pub fn new(date: Date, hour: u8, minute: u8, second: u8, zone_minutes: i16) -> VResult<Self> {
        if hour > 23 {
            return Err(ValueError::OutOfRange("hour"));
        }
        if minute > 59 {
            return Err(ValueError::OutOfRange("minute"));
        }
        if second > 60 {
            return Err(ValueError::OutOfRange("second"));
        }
        if zone_minutes.unsigned_abs() > 99 * 60 + 59 {
            return Err(ValueError::OutOfRange("zone"));
        }
        Ok(Self {
            date,
            hour,
            minute,
            second,
            zone_minutes,
        })
    }

    /// The date.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The hour, 0–23.
    pub fn hour(&self) -> u8 {
        self.hour
    }

    /// The minute.
    pub fn minute(&self) -> u8 {
        self.minute
    }

    /// The second (60 for a leap second).
    pub fn second(&self) -> u8 {
        self.second
    }

    /// The zone offset in minutes east of UTC.
    pub fn zone_minutes(&self) -> i16 {
        self.zone_minutes
    }
}

// ---------------------------------------------------------------------------------------------
// FETCH sections
// ---------------------------------------------------------------------------------------------

/// A body part number (RFC 9051 §9 `section-part`): `nz-number *("." nz-number)`, as `1.2.3`.
/// Stored as its validated text, so parsing borrows.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionPart<'a>(Cow<'a, str>);

pub(crate) fn validate_section_part(s: &[u8]) -> Result<(), usize> {
    if s.is_empty() {
        return Err(0);
    }
    let mut i = 0;
    loop {
        if !matches!(s.get(i), Some(b'1'..=b'9')) {
            return Err(i);
        }
        let mut v: u64 = 0;
        while i < s.len() && is_digit(s[i]) {
            v = v * 10 + u64::from(s[i] - b'0');
            if v > u64::from(u32::MAX) {
                return Err(i);
            }
            i += 1;
        }
        if i == s.len() {
            return Ok(());
        }
        if s[i] != b'.' {
            return Err(i);
        }
        i += 1;
    }
}

impl<'a> SectionPart<'a> {
    /// Validates `1.2.3`-style text.
    pub fn new(part: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let part = part.into();
        match validate_section_part(part.as_bytes()) {
            Ok(()) => Ok(Self(part)),
            Err(_) if part.is_empty() => Err(ValueError::Empty("section part")),
            Err(offset) => Err(ValueError::InvalidChar {
                what: "section part",
                offset,
            }),
        }
    }

    /// Wraps text the parser has already validated.
    pub(crate) fn unchecked(part: Cow<'a, str>) -> Self {
        Self(part)
    }

    /// The part number from its components; `None` if there are none.
    pub fn from_numbers(numbers: &[NonZeroU32]) -> Option<SectionPart<'static>> {
        let mut s = String::new();
        for n in numbers {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(&n.to_string());
        }
        (!s.is_empty()).then_some(SectionPart(Cow::Owned(s)))
    }

    /// The text, `1.2.3`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The components in order.
    pub fn iter(&self) -> impl Iterator<Item = NonZeroU32> + '_ {
        self.0
            .split('.')
            .map(|p| p.parse().unwrap_or(NonZeroU32::MIN))
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> SectionPart<'static> {
        SectionPart(owned_str(self.0))
    }
}

impl fmt::Debug for SectionPart<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SectionPart({:?})", self.0)
    }
}

/// What of a message or part a section names (RFC 9051 §6.4.5, §9 `section-msgtext` and
/// `section-text`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionText<'a> {
    /// `HEADER`.
    Header,
    /// `HEADER.FIELDS (…)`: only these header fields.
    HeaderFields(Vec<AString<'a>>),
    /// `HEADER.FIELDS.NOT (…)`: all but these header fields.
    HeaderFieldsNot(Vec<AString<'a>>),
    /// `TEXT`.
    Text,
    /// `MIME`: the MIME header of a part (only after a part number).
    Mime,
}

impl SectionText<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> SectionText<'static> {
        match self {
            SectionText::Header => SectionText::Header,
            SectionText::HeaderFields(v) => {
                SectionText::HeaderFields(v.into_iter().map(AString::into_owned).collect())
            }
            SectionText::HeaderFieldsNot(v) => {
                SectionText::HeaderFieldsNot(v.into_iter().map(AString::into_owned).collect())
            }
            SectionText::Text => SectionText::Text,
            SectionText::Mime => SectionText::Mime,
        }
    }
}

/// A section specification (RFC 9051 §6.4.5, §9 `section`), shared by the FETCH command
/// (`BODY[1.2.HEADER.FIELDS (A B)]`) and response; `BINARY[1.2]` uses only the part
/// (`section-binary`).
///
/// ```
/// use imap_proto::types::{Section, SectionPart, SectionText};
/// let s = Section::new(Some(SectionPart::new("1.2")?), Some(SectionText::Mime))?;
/// assert_eq!(s.part().unwrap().as_str(), "1.2");
/// assert!(Section::new(None, Some(SectionText::Mime)).is_err());
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Section<'a> {
    part: Option<SectionPart<'a>>,
    text: Option<SectionText<'a>>,
}

impl<'a> Section<'a> {
    /// `[]`: the whole message.
    pub const FULL: Section<'static> = Section {
        part: None,
        text: None,
    };

    /// Validates the combination: `MIME` needs a part; a header list is not empty.
    pub fn new(part: Option<SectionPart<'a>>, text: Option<SectionText<'a>>) -> VResult<Self> {
        match &text {
            Some(SectionText::Mime) if part.is_none() => {
                return Err(ValueError::Invalid("section (MIME without part)"));
            }
            Some(SectionText::HeaderFields(v) | SectionText::HeaderFieldsNot(v))
                if v.is_empty() =>
            {
                return Err(ValueError::Empty("header list"));
            }
            _ => {}
        }
        Ok(Self { part, text })
    }

    /// The part number, `None` for the message itself.
    pub fn part(&self) -> Option<&SectionPart<'a>> {
        self.part.as_ref()
    }

    /// What of the part, `None` for all of it.
    pub fn text(&self) -> Option<&SectionText<'a>> {
        self.text.as_ref()
    }

    /// Whether this is `[]`.
    pub fn is_full(&self) -> bool {
        self.part.is_none() && self.text.is_none()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Section<'static> {
        Section {
            part: self.part.map(SectionPart::into_owned),
            text: self.text.map(SectionText::into_owned),
        }
    }
}

/// A partial range of a FETCH command (RFC 9051 §9 `partial = "<" number64 "." nz-number64
/// ">"`): `length` octets from `offset`. A FETCH response gives only the origin
/// (`"<" number ">"`), parsed as a plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Partial {
    /// The first octet, from 0.
    pub offset: u64,
    /// How many octets.
    pub length: NonZeroU64,
}

// ---------------------------------------------------------------------------------------------
// Capabilities
// ---------------------------------------------------------------------------------------------

/// A capability name that is not one of the typed [`Capability`] variants (compared ignoring
/// case), so that each capability has one representation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownCapability<'a>(Atom<'a>);

impl<'a> UnknownCapability<'a> {
    /// Fails when `atom` names a typed capability.
    pub fn new(atom: Atom<'a>) -> VResult<Self> {
        match Capability::from_atom(atom) {
            Capability::Other(u) => Ok(u),
            _ => Err(ValueError::Reserved("capability")),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> UnknownCapability<'static> {
        UnknownCapability(self.0.into_owned())
    }
}

impl fmt::Debug for UnknownCapability<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnknownCapability({:?})", self.0.as_str())
    }
}

macro_rules! capabilities {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// A capability (RFC 9051 §7.2.2, §9 `capability = ("AUTH=" auth-type) / atom`), with
        /// the well-known ones typed. Names are matched ignoring case and written in their
        /// registered spelling; unknown ones are kept as sent.
        ///
        /// ```
        /// use imap_proto::types::{Atom, Capability};
        /// assert_eq!(Capability::from_atom(Atom::new("literal+")?), Capability::LiteralPlus);
        /// let auth = Capability::from_atom(Atom::new("AUTH=PLAIN")?);
        /// assert!(matches!(&auth, Capability::Auth(m) if m.as_str() == "PLAIN"));
        /// assert_eq!(auth.to_string(), "AUTH=PLAIN");
        /// # Ok::<(), imap_proto::types::ValueError>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Capability<'a> {
            $( $(#[$doc])* $variant, )*
            /// `AUTH=<mechanism>` (RFC 9051 §6.2.2).
            Auth(Atom<'a>),
            /// `THREAD=<algorithm>` (RFC 5256).
            Thread(Atom<'a>),
            /// `COMPRESS=<algorithm>` (RFC 4978).
            Compress(Atom<'a>),
            /// `CONTEXT=<keyword>` (RFC 5267).
            Context(Atom<'a>),
            /// `RIGHTS=<rights>` (RFC 4314).
            Rights(Atom<'a>),
            /// `I18NLEVEL=<n>` (RFC 5255).
            I18nLevel(Atom<'a>),
            /// `APPENDLIMIT` or `APPENDLIMIT=<n>` (RFC 7889): the value is the text after `=`.
            AppendLimit(Option<Atom<'a>>),
            /// `QUOTA=RES-<resource>` (RFC 9208): the resource name.
            QuotaRes(Atom<'a>),
            /// Any other capability.
            Other(UnknownCapability<'a>),
        }

        impl<'a> Capability<'a> {
            /// The typed capability named by `atom`.
            pub fn from_atom(atom: Atom<'a>) -> Self {
                let s = atom.as_str();
                $( if s.eq_ignore_ascii_case($name) { return Capability::$variant; } )*
                if let Some(eq) = s.find('=') {
                    let (key, value) = (&s[..eq], &s[eq + 1..]);
                    let value_atom = || -> Option<Atom<'a>> {
                        if value.is_empty() {
                            return None;
                        }
                        Some(match atom.clone().into_inner() {
                            Cow::Borrowed(b) => Atom(Cow::Borrowed(&b[eq + 1..])),
                            Cow::Owned(o) => Atom(Cow::Owned(o[eq + 1..].to_string())),
                        })
                    };
                    let typed = if key.eq_ignore_ascii_case("AUTH") {
                        value_atom().map(Capability::Auth)
                    } else if key.eq_ignore_ascii_case("THREAD") {
                        value_atom().map(Capability::Thread)
                    } else if key.eq_ignore_ascii_case("COMPRESS") {
                        value_atom().map(Capability::Compress)
                    } else if key.eq_ignore_ascii_case("CONTEXT") {
                        value_atom().map(Capability::Context)
                    } else if key.eq_ignore_ascii_case("RIGHTS") {
                        value_atom().map(Capability::Rights)
                    } else if key.eq_ignore_ascii_case("I18NLEVEL") {
                        value_atom().map(Capability::I18nLevel)
                    } else if key.eq_ignore_ascii_case("APPENDLIMIT") {
                        value_atom().map(|v| Capability::AppendLimit(Some(v)))
                    } else if key.eq_ignore_ascii_case("QUOTA")
                        && value.len() > 4
                        && value[..4].eq_ignore_ascii_case("RES-")
                    {
                        Some(Capability::QuotaRes(match atom.clone().into_inner() {
                            Cow::Borrowed(b) => Atom(Cow::Borrowed(&b[eq + 5..])),
                            Cow::Owned(o) => Atom(Cow::Owned(o[eq + 5..].to_string())),
                        }))
                    } else {
                        None
                    };
                    if let Some(t) = typed {
                        return t;
                    }
                }
                if s.eq_ignore_ascii_case("APPENDLIMIT") {
                    return Capability::AppendLimit(None);
                }
                Capability::Other(UnknownCapability(atom))
            }

            /// The registered name of a typed capability without a value, `None` otherwise.
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $( Capability::$variant => Some($name), )*
                    _ => None,
                }
            }

            /// A `'static` copy.
            pub fn into_owned(self) -> Capability<'static> {
                match self {
                    $( Capability::$variant => Capability::$variant, )*
                    Capability::Auth(a) => Capability::Auth(a.into_owned()),
                    Capability::Thread(a) => Capability::Thread(a.into_owned()),
                    Capability::Compress(a) => Capability::Compress(a.into_owned()),
                    Capability::Context(a) => Capability::Context(a.into_owned()),
                    Capability::Rights(a) => Capability::Rights(a.into_owned()),
                    Capability::I18nLevel(a) => Capability::I18nLevel(a.into_owned()),
                    Capability::AppendLimit(a) => Capability::AppendLimit(a.map(Atom::into_owned)),
                    Capability::QuotaRes(a) => Capability::QuotaRes(a.into_owned()),
                    Capability::Other(u) => Capability::Other(u.into_owned()),
                }
            }
        }
    };
}

capabilities! {
    /// `IMAP4rev1` (RFC 3501).
    Imap4rev1 = "IMAP4rev1",
    /// `IMAP4rev2` (RFC 9051).
    Imap4rev2 = "IMAP4rev2",
    /// `SASL-IR` (RFC 4959).
    SaslIr = "SASL-IR",
    /// `LITERAL+` (RFC 7888).
    LiteralPlus = "LITERAL+",
    /// `LITERAL-` (RFC 7888).
    LiteralMinus = "LITERAL-",
    /// `STARTTLS` (RFC 9051 §6.2.1).
    StartTls = "STARTTLS",
    /// `LOGINDISABLED` (RFC 9051 §6.2.3).
    LoginDisabled = "LOGINDISABLED",
    /// `IDLE` (RFC 2177).
    Idle = "IDLE",
    /// `UIDPLUS` (RFC 4315).
    UidPlus = "UIDPLUS",
    /// `MOVE` (RFC 6851).
    Move = "MOVE",
    /// `CONDSTORE` (RFC 7162).
    CondStore = "CONDSTORE",
    /// `QRESYNC` (RFC 7162).
    QResync = "QRESYNC",
    /// `ENABLE` (RFC 5161).
    Enable = "ENABLE",
    /// `UTF8=ACCEPT` (RFC 6855).
    Utf8Accept = "UTF8=ACCEPT",
    /// `UTF8=ONLY` (RFC 6855).
    Utf8Only = "UTF8=ONLY",
    /// `ID` (RFC 2971).
    Id = "ID",
    /// `NAMESPACE` (RFC 2342).
    Namespace = "NAMESPACE",
    /// `SPECIAL-USE` (RFC 6154).
    SpecialUse = "SPECIAL-USE",
    /// `CREATE-SPECIAL-USE` (RFC 6154).
    CreateSpecialUse = "CREATE-SPECIAL-USE",
    /// `ESEARCH` (RFC 4731).
    ESearch = "ESEARCH",
    /// `SEARCHRES` (RFC 5182).
    SearchRes = "SEARCHRES",
    /// `QUOTA` (RFC 9208, RFC 2087).
    Quota = "QUOTA",
    /// `QUOTASET` (RFC 9208).
    QuotaSet = "QUOTASET",
    /// `METADATA` (RFC 5464).
    Metadata = "METADATA",
    /// `METADATA-SERVER` (RFC 5464).
    MetadataServer = "METADATA-SERVER",
    /// `SORT` (RFC 5256).
    Sort = "SORT",
    /// `SORT=DISPLAY` (RFC 5957).
    SortDisplay = "SORT=DISPLAY",
    /// `ESORT` (RFC 5267).
    ESort = "ESORT",
    /// `BINARY` (RFC 3516).
    Binary = "BINARY",
    /// `UNSELECT` (RFC 3691).
    Unselect = "UNSELECT",
    /// `CHILDREN` (RFC 3348).
    Children = "CHILDREN",
    /// `LIST-EXTENDED` (RFC 5258).
    ListExtended = "LIST-EXTENDED",
    /// `LIST-STATUS` (RFC 5819).
    ListStatus = "LIST-STATUS",
    /// `OBJECTID` (RFC 8474).
    ObjectId = "OBJECTID",
    /// `STATUS=SIZE` (RFC 8438).
    StatusSize = "STATUS=SIZE",
    /// `SAVEDATE` (RFC 8514).
    SaveDate = "SAVEDATE",
    /// `WITHIN` (RFC 5032).
    Within = "WITHIN",
    /// `MULTIAPPEND` (RFC 3502).
    MultiAppend = "MULTIAPPEND",
    /// `CATENATE` (RFC 4469).
    Catenate = "CATENATE",
    /// `ACL` (RFC 4314).
    Acl = "ACL",
    /// `NOTIFY` (RFC 5465).
    Notify = "NOTIFY",
    /// `PREVIEW` (RFC 8970).
    Preview = "PREVIEW",
    /// `UNAUTHENTICATE` (RFC 8437).
    Unauthenticate = "UNAUTHENTICATE",
    /// `REPLACE` (RFC 8508).
    Replace = "REPLACE",
    /// `PARTIAL` (RFC 9394).
    Partial = "PARTIAL",
    /// `UIDONLY` (RFC 9586).
    UidOnly = "UIDONLY",
    /// `X-GM-EXT-1` (Gmail's extensions: `X-GM-MSGID`, `X-GM-THRID`, `X-GM-LABELS`, `X-GM-RAW`).
    XGmExt1 = "X-GM-EXT-1",
    /// `XLIST` (Gmail, obsolete special-use listing).
    XList = "XLIST",
}

impl fmt::Display for Capability<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Capability::Auth(a) => write!(f, "AUTH={a}"),
            Capability::Thread(a) => write!(f, "THREAD={a}"),
            Capability::Compress(a) => write!(f, "COMPRESS={a}"),
            Capability::Context(a) => write!(f, "CONTEXT={a}"),
            Capability::Rights(a) => write!(f, "RIGHTS={a}"),
            Capability::I18nLevel(a) => write!(f, "I18NLEVEL={a}"),
            Capability::AppendLimit(None) => f.write_str("APPENDLIMIT"),
            Capability::AppendLimit(Some(a)) => write!(f, "APPENDLIMIT={a}"),
            Capability::QuotaRes(a) => write!(f, "QUOTA=RES-{a}"),
            Capability::Other(u) => f.write_str(u.as_str()),
            other => f.write_str(other.name().unwrap_or_default()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mailbox attributes and quota resources (used by commands and responses alike)
// ---------------------------------------------------------------------------------------------

/// A mailbox attribute: the `mbx-list-flags` of a LIST response (RFC 9051 §7.3.1, RFC 5258
/// §3.4) and the special-use attributes (RFC 6154 §2, `\Important` of RFC 8457), which also
/// appear in `CREATE ... (USE (...))` and `LIST ... RETURN (SPECIAL-USE)`.
///
/// Known names are matched ignoring case and written in their RFC spelling; any other
/// `\name` is kept as [`MailboxAttribute::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MailboxAttribute<'a> {
    /// `\Noinferiors`: no child mailbox can exist.
    NoInferiors,
    /// `\Noselect`: the name cannot be selected.
    NoSelect,
    /// `\Marked`: probably new messages since last selected.
    Marked,
    /// `\Unmarked`: no new messages since last selected.
    Unmarked,
    /// `\NonExistent` (RFC 5258): the name does not refer to an existing mailbox.
    NonExistent,
    /// `\Subscribed` (RFC 5258).
    Subscribed,
    /// `\Remote` (RFC 5258): on a remote server.
    Remote,
    /// `\HasChildren` (RFC 3348, RFC 5258).
    HasChildren,
    /// `\HasNoChildren` (RFC 3348, RFC 5258).
    HasNoChildren,
    /// `\All` (RFC 6154): every message.
    All,
    /// `\Archive` (RFC 6154).
    Archive,
    /// `\Drafts` (RFC 6154).
    Drafts,
    /// `\Flagged` (RFC 6154): messages marked important.
    Flagged,
    /// `\Junk` (RFC 6154).
    Junk,
    /// `\Sent` (RFC 6154).
    Sent,
    /// `\Trash` (RFC 6154).
    Trash,
    /// `\Important` (RFC 8457).
    Important,
    /// Another `\name` (an extension attribute), without the backslash.
    Other(Atom<'a>),
}

/// `(name, value)` of every known [`MailboxAttribute`], in RFC spelling.
const MAILBOX_ATTRIBUTES: &[(&str, MailboxAttribute<'static>)] = &[
    ("Noinferiors", MailboxAttribute::NoInferiors),
    ("Noselect", MailboxAttribute::NoSelect),
    ("Marked", MailboxAttribute::Marked),
    ("Unmarked", MailboxAttribute::Unmarked),
    ("NonExistent", MailboxAttribute::NonExistent),
    ("Subscribed", MailboxAttribute::Subscribed),
    ("Remote", MailboxAttribute::Remote),
    ("HasChildren", MailboxAttribute::HasChildren),
    ("HasNoChildren", MailboxAttribute::HasNoChildren),
    ("All", MailboxAttribute::All),
    ("Archive", MailboxAttribute::Archive),
    ("Drafts", MailboxAttribute::Drafts),
    ("Flagged", MailboxAttribute::Flagged),
    ("Junk", MailboxAttribute::Junk),
    ("Sent", MailboxAttribute::Sent),
    ("Trash", MailboxAttribute::Trash),
    ("Important", MailboxAttribute::Important),
];

impl<'a> MailboxAttribute<'a> {
    /// The attribute named `name` (without the backslash), ignoring case.
    ///
    /// ```
    /// use imap_proto::types::{Atom, MailboxAttribute};
    /// let sent = MailboxAttribute::from_name(Atom::new("sent")?);
    /// assert_eq!(sent, MailboxAttribute::Sent);
    /// assert_eq!(sent.name(), "Sent");
    /// let other = MailboxAttribute::from_name(Atom::new("X-Custom")?);
    /// assert_eq!(other.name(), "X-Custom");
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn from_name(name: Atom<'a>) -> Self {
        MAILBOX_ATTRIBUTES
            .iter()
            .find(|(n, _)| name.eq_ignore_ascii_case(n))
            .map(|(_, a)| a.clone())
            .unwrap_or(MailboxAttribute::Other(name))
    }

    /// The name without the backslash, in RFC spelling for the known attributes.
    pub fn name(&self) -> &str {
        match self {
            MailboxAttribute::Other(a) => a.as_str(),
            known => MAILBOX_ATTRIBUTES
                .iter()
                .find(|(_, a)| a == known)
                .map(|(n, _)| *n)
                .unwrap_or_default(),
        }
    }

    /// Whether this is one of the special-use attributes of RFC 6154 (or `\Important`).
    pub fn is_special_use(&self) -> bool {
        matches!(
            self,
            MailboxAttribute::All
                | MailboxAttribute::Archive
                | MailboxAttribute::Drafts
                | MailboxAttribute::Flagged
                | MailboxAttribute::Junk
                | MailboxAttribute::Sent
                | MailboxAttribute::Trash
                | MailboxAttribute::Important
        )
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> MailboxAttribute<'static> {
        match self {
            MailboxAttribute::Other(a) => MailboxAttribute::Other(a.into_owned()),
            MailboxAttribute::NoInferiors => MailboxAttribute::NoInferiors,
            MailboxAttribute::NoSelect => MailboxAttribute::NoSelect,
            MailboxAttribute::Marked => MailboxAttribute::Marked,
            MailboxAttribute::Unmarked => MailboxAttribute::Unmarked,
            MailboxAttribute::NonExistent => MailboxAttribute::NonExistent,
            MailboxAttribute::Subscribed => MailboxAttribute::Subscribed,
            MailboxAttribute::Remote => MailboxAttribute::Remote,
            MailboxAttribute::HasChildren => MailboxAttribute::HasChildren,
            MailboxAttribute::HasNoChildren => MailboxAttribute::HasNoChildren,
            MailboxAttribute::All => MailboxAttribute::All,
            MailboxAttribute::Archive => MailboxAttribute::Archive,
            MailboxAttribute::Drafts => MailboxAttribute::Drafts,
            MailboxAttribute::Flagged => MailboxAttribute::Flagged,
            MailboxAttribute::Junk => MailboxAttribute::Junk,
            MailboxAttribute::Sent => MailboxAttribute::Sent,
            MailboxAttribute::Trash => MailboxAttribute::Trash,
            MailboxAttribute::Important => MailboxAttribute::Important,
        }
    }
}

/// A quota resource name (RFC 9208 §5): `STORAGE`, `MESSAGE`, `MAILBOX`, `ANNOTATION-STORAGE`,
/// or another atom. Known names are matched ignoring case and written in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuotaResource<'a> {
    /// `STORAGE` (§5.1): the sum of messages' RFC822.SIZE, in units of 1024 octets.
    Storage,
    /// `MESSAGE` (§5.2): the number of messages.
    Message,
    /// `MAILBOX` (§5.3): the number of mailboxes.
    Mailbox,
    /// `ANNOTATION-STORAGE` (§5.4): the size of annotations, in units of 1024 octets.
    AnnotationStorage,
    /// Another resource.
    Other(Atom<'a>),
}

impl<'a> QuotaResource<'a> {
    /// The resource named `name`, ignoring case.
    ///
    /// ```
    /// use imap_proto::types::{Atom, QuotaResource};
    /// assert_eq!(QuotaResource::from_name(Atom::new("storage")?), QuotaResource::Storage);
    /// assert_eq!(QuotaResource::Storage.name(), "STORAGE");
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn from_name(name: Atom<'a>) -> Self {
        let n = name.as_str();
        if n.eq_ignore_ascii_case("STORAGE") {
            QuotaResource::Storage
        } else if n.eq_ignore_ascii_case("MESSAGE") {
            QuotaResource::Message
        } else if n.eq_ignore_ascii_case("MAILBOX") {
            QuotaResource::Mailbox
        } else if n.eq_ignore_ascii_case("ANNOTATION-STORAGE") {
            QuotaResource::AnnotationStorage
        } else {
            QuotaResource::Other(name)
        }
    }

    /// The name: upper case for the known resources, as received otherwise.
    pub fn name(&self) -> &str {
        match self {
            QuotaResource::Storage => "STORAGE",
            QuotaResource::Message => "MESSAGE",
            QuotaResource::Mailbox => "MAILBOX",
            QuotaResource::AnnotationStorage => "ANNOTATION-STORAGE",
            QuotaResource::Other(a) => a.as_str(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> QuotaResource<'static> {
        match self {
            QuotaResource::Storage => QuotaResource::Storage,
            QuotaResource::Message => QuotaResource::Message,
            QuotaResource::Mailbox => QuotaResource::Mailbox,
            QuotaResource::AnnotationStorage => QuotaResource::AnnotationStorage,
            QuotaResource::Other(a) => QuotaResource::Other(a.into_owned()),
        }
    }
}
