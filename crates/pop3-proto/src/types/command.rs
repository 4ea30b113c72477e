//! POP3 commands (RFC 1939 §4-§7, RFC 2449 §5, RFC 2595 §4, RFC 5034 §4, RFC 6856 §2-§3) and
//! their arguments.
//!
//! Every value is validated when it is built, so that whatever exists serializes to the RFC
//! grammar: no CR, LF, NUL or other control character can be injected, and arguments that the
//! grammar separates by spaces hold none. Values borrow (`Cow`) from the parsed line and offer
//! `into_owned()`. The `Debug` output of [`Password`], [`ApopDigest`] and [`InitialResponse`]
//! never shows their content.

use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU32;

use md5::{Digest as _, Md5};

/// Why a command value could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandValueError {
    /// The value is empty where the grammar needs at least one character.
    #[error("empty {0}")]
    Empty(&'static str),
    /// A byte the grammar does not allow (a control character, a space, …).
    #[error("invalid character in {what} at byte {offset}")]
    InvalidChar {
        /// What was being built.
        what: &'static str,
        /// Offset of the offending byte in the value.
        offset: usize,
    },
    /// The value is longer than the grammar allows.
    #[error("{what} longer than {limit} octets")]
    TooLong {
        /// What was being built.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A number outside its range (a message number of 0).
    #[error("{0} out of range")]
    OutOfRange(&'static str),
    /// A value that is valid text but reserved for another form (an unknown-command keyword
    /// that is a known keyword).
    #[error("reserved {0}")]
    Reserved(&'static str),
}

type VResult<T> = Result<T, CommandValueError>;

pub(crate) fn owned(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

/// Whether `b` is a control character (C0 or DEL).
pub(crate) const fn is_control(b: u8) -> bool {
    b < 0x20 || b == 0x7f
}

/// Checks that `s` is not empty and that `ok` holds for every byte, reporting the first bad one.
pub(crate) fn check_chars(s: &str, what: &'static str, ok: impl Fn(u8) -> bool) -> VResult<()> {
    if s.is_empty() {
        return Err(CommandValueError::Empty(what));
    }
    match s.bytes().position(|b| !ok(b)) {
        Some(offset) => Err(CommandValueError::InvalidChar { what, offset }),
        None => Ok(()),
    }
}

/// A message-number (RFC 1939 §4): the first message of the maildrop is 1, the nth is n. It is
/// never 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageNumber(NonZeroU32);

impl MessageNumber {
    /// The message number `n`, or `None` for 0.
    pub const fn new(n: u32) -> Option<Self> {
        match NonZeroU32::new(n) {
            Some(n) => Some(Self(n)),
            None => None,
        }
    }

    /// The number.
    pub const fn get(self) -> u32 {
        self.0.get()
    }

    /// The zero-based index into a maildrop listing (`n - 1`).
    pub const fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

impl fmt::Display for MessageNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<u32> for MessageNumber {
    type Error = CommandValueError;

    fn try_from(n: u32) -> Result<Self, Self::Error> {
        Self::new(n).ok_or(CommandValueError::OutOfRange("message number"))
    }
}

/// A mailbox name, the argument of `USER` and `APOP` (RFC 1939 §7): one argument of printable
/// characters without spaces (RFC 2449 §3 `param = 1*VCHAR`). UTF-8 is accepted, as RFC 6856
/// §2.2 allows it when the server announces `UTF8 USER`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Name<'a>(Cow<'a, str>);

/// Whether `b` may appear in a space-free argument: VCHAR or an 8-bit (UTF-8) byte.
pub(crate) const fn is_param_byte(b: u8) -> bool {
    b > 0x20 && b != 0x7f
}

impl<'a> Name<'a> {
    /// Validates a mailbox name.
    pub fn new(name: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let name = name.into();
        check_chars(&name, "mailbox name", is_param_byte)?;
        Ok(Self(name))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Name<'static> {
        Name(owned(self.0))
    }
}

/// The argument of `PASS` (RFC 1939 §7): the rest of the line, which may hold spaces ("a POP3
/// server may treat spaces in the argument as part of the password"). Not empty, no control
/// characters; UTF-8 is accepted (RFC 6856 §2.2). `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Password<'a>(Cow<'a, str>);

impl<'a> Password<'a> {
    /// Validates a password.
    pub fn new(password: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let password = password.into();
        check_chars(&password, "password", |b| !is_control(b))?;
        Ok(Self(password))
    }

    /// The password.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The password as a [`mail_sasl::Secret`], which wipes itself on drop.
    pub fn to_secret(&self) -> mail_sasl::Secret {
        mail_sasl::Secret::new(self.0.as_ref())
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Password<'static> {
        Password(owned(self.0))
    }
}

impl fmt::Debug for Password<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// The digest argument of `APOP` (RFC 1939 §7): the MD5 of the greeting's timestamp (angle
/// brackets included) followed by the shared secret, sent as 32 lower-case hex digits. `Debug`
/// never shows it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApopDigest([u8; 16]);

impl ApopDigest {
    /// Computes the digest of `timestamp` (`<…>`, as found in the greeting) and `secret`.
    ///
    /// ```
    /// use pop3_proto::types::ApopDigest;
    ///
    /// // RFC 1939 §7, the APOP example.
    /// let d = ApopDigest::compute(b"<1896.697170952@dbc.mtview.ca.us>", b"tanstaaf");
    /// assert_eq!(d.to_hex(), "c4c9334bac560ecc979e58001b3e22fb");
    /// ```
    pub fn compute(timestamp: &[u8], secret: &[u8]) -> Self {
        let mut md5 = Md5::new();
        md5.update(timestamp);
        md5.update(secret);
        Self(md5.finalize().into())
    }

    /// The digest from its 16 octets.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// Parses 32 hex digits. RFC 1939 §7 asks for lower case; upper case is accepted too.
    pub fn from_hex(hex: &[u8]) -> VResult<Self> {
        const WHAT: &str = "apop digest";
        if hex.len() != 32 {
            return Err(if hex.is_empty() {
                CommandValueError::Empty(WHAT)
            } else {
                CommandValueError::TooLong {
                    what: WHAT,
                    limit: 32,
                }
            });
        }
        let mut out = [0u8; 16];
        for (i, pair) in hex.chunks_exact(2).enumerate() {
            let digit = |j: usize| {
                let b = pair[j];
                (b as char)
                    .to_digit(16)
                    .ok_or(CommandValueError::InvalidChar {
                        what: WHAT,
                        offset: 2 * i + j,
                    })
            };
            out[i] = (digit(0)? * 16 + digit(1)?) as u8;
        }
        Ok(Self(out))
    }

    /// The 16 octets.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The 32 lower-case hex digits sent on the wire.
    pub fn to_hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(32);
        for b in self.0 {
            s.push(HEX[usize::from(b >> 4)] as char);
            s.push(HEX[usize::from(b & 15)] as char);
        }
        s
    }

    /// Whether this digest is the one for `timestamp` and `secret`, compared in constant time.
    pub fn verify(&self, timestamp: &[u8], secret: &[u8]) -> bool {
        let expected = Self::compute(timestamp, secret);
        self.0
            .iter()
            .zip(expected.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl fmt::Debug for ApopDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApopDigest(<redacted>)")
    }
}

/// A SASL mechanism name (RFC 4422 §3.1 `sasl-mech`, RFC 5034 §4): 1 to 20 of letters, digits,
/// `-` and `_`, as written (compare case-insensitively).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct SaslMechanism<'a>(Cow<'a, str>);

impl<'a> SaslMechanism<'a> {
    /// Validates a mechanism name.
    pub fn new(name: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let name = name.into();
        check_chars(&name, "sasl mechanism", |b| {
            b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
        })?;
        if name.len() > 20 {
            return Err(CommandValueError::TooLong {
                what: "sasl mechanism",
                limit: 20,
            });
        }
        Ok(Self(name))
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The mechanism, if [`mail_sasl`] implements it.
    pub fn known(&self) -> Option<mail_sasl::Mechanism> {
        mail_sasl::Mechanism::from_bytes(self.0.as_bytes()).ok()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> SaslMechanism<'static> {
        SaslMechanism(owned(self.0))
    }
}

/// The initial response of `AUTH` (RFC 5034 §4): shared with the other protocols.
pub use mail_sasl::framing::InitialResponse;

/// The argument of `LANG` (RFC 6856 §3.2): a basic language range (RFC 4647 §2.1), `*` or
/// `1*8ALPHA *("-" 1*8alphanum)`, as written (compare case-insensitively).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct LanguageRange<'a>(Cow<'a, str>);

pub(crate) fn is_language_range(s: &str) -> bool {
    if s == "*" {
        return true;
    }
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl<'a> LanguageRange<'a> {
    /// `*`: the language the server administrator prefers (RFC 6856 §3.2).
    pub const ANY: LanguageRange<'static> = LanguageRange(Cow::Borrowed("*"));

    /// Validates a language range.
    pub fn new(range: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let range = range.into();
        check_chars(&range, "language range", |b| {
            b.is_ascii_alphanumeric() || b == b'-' || b == b'*'
        })?;
        if !is_language_range(&range) {
            return Err(CommandValueError::InvalidChar {
                what: "language range",
                offset: 0,
            });
        }
        Ok(Self(range))
    }

    /// The range as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> LanguageRange<'static> {
        LanguageRange(owned(self.0))
    }
}

/// A keyword this crate does not know (kept so that a server can answer `-ERR`, RFC 1939 §3):
/// printable ASCII without spaces, not a known keyword.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Keyword<'a>(Cow<'a, str>);

/// The keywords parsed into typed [`Command`] variants.
pub(crate) const KNOWN_KEYWORDS: &[&str] = &[
    "USER", "PASS", "APOP", "STAT", "LIST", "UIDL", "RETR", "DELE", "NOOP", "RSET", "TOP", "QUIT",
    "CAPA", "STLS", "AUTH", "UTF8", "LANG",
];

impl<'a> Keyword<'a> {
    /// Validates an unknown keyword.
    pub fn new(keyword: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let keyword = keyword.into();
        check_chars(&keyword, "keyword", |b| (0x21..=0x7e).contains(&b))?;
        if KNOWN_KEYWORDS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&keyword))
        {
            return Err(CommandValueError::Reserved("keyword"));
        }
        Ok(Self(keyword))
    }

    /// The keyword as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Keyword<'static> {
        Keyword(owned(self.0))
    }
}

/// Free text: the arguments of an unknown command. Not empty, no control characters (tab is
/// allowed inside), no leading or trailing white space. UTF-8 is accepted.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Text<'a>(Cow<'a, str>);

impl<'a> Text<'a> {
    /// Validates the text.
    pub fn new(text: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let text = text.into();
        check_chars(&text, "argument", |b| b == b'\t' || !is_control(b))?;
        let b = text.as_bytes();
        if matches!(b[0], b' ' | b'\t') {
            return Err(CommandValueError::InvalidChar {
                what: "argument",
                offset: 0,
            });
        }
        if matches!(b[b.len() - 1], b' ' | b'\t') {
            return Err(CommandValueError::InvalidChar {
                what: "argument",
                offset: b.len() - 1,
            });
        }
        Ok(Self(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Text<'static> {
        Text(owned(self.0))
    }
}

/// A POP3 command.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Command<'a> {
    /// `USER name` (RFC 1939 §7).
    User(Name<'a>),
    /// `PASS string` (RFC 1939 §7).
    Pass(Password<'a>),
    /// `APOP name digest` (RFC 1939 §7).
    Apop {
        /// The mailbox.
        name: Name<'a>,
        /// The MD5 digest of the greeting timestamp and the shared secret.
        digest: ApopDigest,
    },
    /// `STAT` (RFC 1939 §5).
    Stat,
    /// `LIST [msg]` (RFC 1939 §5).
    List(Option<MessageNumber>),
    /// `UIDL [msg]` (RFC 1939 §7).
    Uidl(Option<MessageNumber>),
    /// `RETR msg` (RFC 1939 §5).
    Retr(MessageNumber),
    /// `DELE msg` (RFC 1939 §5).
    Dele(MessageNumber),
    /// `NOOP` (RFC 1939 §5).
    Noop,
    /// `RSET` (RFC 1939 §5).
    Rset,
    /// `TOP msg n` (RFC 1939 §7).
    Top {
        /// The message.
        msg: MessageNumber,
        /// How many lines of the body to send after the header.
        lines: u64,
    },
    /// `QUIT` (RFC 1939 §4, §6).
    Quit,
    /// `CAPA` (RFC 2449 §5).
    Capa,
    /// `STLS` (RFC 2595 §4).
    Stls,
    /// `AUTH mechanism [initial-response]` (RFC 5034 §4).
    Auth {
        /// The SASL mechanism.
        mechanism: SaslMechanism<'a>,
        /// The initial response, if given.
        initial_response: Option<InitialResponse<'a>>,
    },
    /// `UTF8` (RFC 6856 §2.1).
    Utf8,
    /// `LANG [range]` (RFC 6856 §3): without an argument, a request for the language listing.
    Lang(Option<LanguageRange<'a>>),
    /// A command this crate does not know.
    Unknown {
        /// The keyword as written.
        keyword: Keyword<'a>,
        /// The rest of the line, if any.
        args: Option<Text<'a>>,
    },
}

impl Command<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Command<'static> {
        match self {
            Command::User(n) => Command::User(n.into_owned()),
            Command::Pass(p) => Command::Pass(p.into_owned()),
            Command::Apop { name, digest } => Command::Apop {
                name: name.into_owned(),
                digest,
            },
            Command::Stat => Command::Stat,
            Command::List(m) => Command::List(m),
            Command::Uidl(m) => Command::Uidl(m),
            Command::Retr(m) => Command::Retr(m),
            Command::Dele(m) => Command::Dele(m),
            Command::Noop => Command::Noop,
            Command::Rset => Command::Rset,
            Command::Top { msg, lines } => Command::Top { msg, lines },
            Command::Quit => Command::Quit,
            Command::Capa => Command::Capa,
            Command::Stls => Command::Stls,
            Command::Auth {
                mechanism,
                initial_response,
            } => Command::Auth {
                mechanism: mechanism.into_owned(),
                initial_response: initial_response.map(InitialResponse::into_owned),
            },
            Command::Utf8 => Command::Utf8,
            Command::Lang(r) => Command::Lang(r.map(LanguageRange::into_owned)),
            Command::Unknown { keyword, args } => Command::Unknown {
                keyword: keyword.into_owned(),
                args: args.map(Text::into_owned),
            },
        }
    }

    /// The keyword, upper-cased (as written for [`Command::Unknown`]).
    pub fn keyword(&self) -> &str {
        match self {
            Command::User(_) => "USER",
            Command::Pass(_) => "PASS",
            Command::Apop { .. } => "APOP",
            Command::Stat => "STAT",
            Command::List(_) => "LIST",
            Command::Uidl(_) => "UIDL",
            Command::Retr(_) => "RETR",
            Command::Dele(_) => "DELE",
            Command::Noop => "NOOP",
            Command::Rset => "RSET",
            Command::Top { .. } => "TOP",
            Command::Quit => "QUIT",
            Command::Capa => "CAPA",
            Command::Stls => "STLS",
            Command::Auth { .. } => "AUTH",
            Command::Utf8 => "UTF8",
            Command::Lang(_) => "LANG",
            Command::Unknown { keyword, .. } => keyword.as_str(),
        }
    }

    /// What the answer to this command looks like; see [`ResponseShape`].
    pub fn response_shape(&self) -> ResponseShape {
        match self {
            Command::List(None) => ResponseShape::MultiLine(BodyKind::ScanListings),
            Command::Uidl(None) => ResponseShape::MultiLine(BodyKind::UniqueIdListings),
            Command::Retr(_) | Command::Top { .. } => ResponseShape::MultiLine(BodyKind::Message),
            Command::Capa => ResponseShape::MultiLine(BodyKind::Capabilities),
            Command::Lang(None) => ResponseShape::MultiLine(BodyKind::Languages),
            Command::Auth { .. } => ResponseShape::Sasl,
            _ => ResponseShape::SingleLine,
        }
    }
}

/// What follows the first line of a `+OK` response: the rule that "responses to certain
/// commands are multi-line" (RFC 1939 §3) depends on the command, not on the response.
///
/// A `-ERR` response is always a single line (RFC 1939 §3, RFC 2449 §3: only a positive
/// response is followed by a multi-line body). `LIST` and `UIDL` are multi-line without an
/// argument only, `LANG` likewise (RFC 6856 §3.2). `AUTH` may first get any number of `+ `
/// continuation lines (RFC 5034 §4).
///
/// ```
/// use pop3_proto::types::{BodyKind, Command, MessageNumber, ResponseShape};
///
/// let one = MessageNumber::new(1).unwrap();
/// assert_eq!(Command::List(None).response_shape(), ResponseShape::MultiLine(BodyKind::ScanListings));
/// assert_eq!(Command::List(Some(one)).response_shape(), ResponseShape::SingleLine);
/// assert!(Command::Retr(one).response_shape().is_multi_line(true));
/// assert!(!Command::Retr(one).response_shape().is_multi_line(false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseShape {
    /// One line, `+OK` or `-ERR`.
    SingleLine,
    /// On `+OK`, more lines follow, ended by `.` CRLF.
    MultiLine(BodyKind),
    /// `AUTH`: `+ ` continuations until a final `+OK` or `-ERR` line.
    Sasl,
}

impl ResponseShape {
    /// Whether a response with the given status (`true` for `+OK`) is followed by a body.
    pub const fn is_multi_line(self, positive: bool) -> bool {
        positive && matches!(self, ResponseShape::MultiLine(_))
    }
}

/// What the lines of a multi-line response hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    /// A message or its top (`RETR`, `TOP`): dot-stuffed message data.
    Message,
    /// Scan listings `msg size` (`LIST`).
    ScanListings,
    /// Unique-id listings `msg uid` (`UIDL`).
    UniqueIdListings,
    /// Capabilities (`CAPA`).
    Capabilities,
    /// Language listings (`LANG`).
    Languages,
}
