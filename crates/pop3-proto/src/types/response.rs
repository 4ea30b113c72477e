//! Responses (RFC 1939 §3, RFC 2449 §3 and §8), response codes (RFC 2449 §8, RFC 3206,
//! RFC 6856 §5), the SASL continuation (RFC 5034 §4) and the lines of listings (RFC 1939 §5,
//! §7, RFC 6856 §3.2).

use std::borrow::Cow;
use std::fmt;

use super::command::{MessageNumber, is_control, owned};

/// Why a response value could not be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseValueError {
    /// Response text holds CR, LF or another control character than HTAB, or starts with
    /// something that reads as a response code while no code is given (RFC 2449 §3: `text =
    /// *schar / resp-code *CHAR`).
    #[error("invalid response text")]
    Text,
    /// A response code level is empty or holds a character outside `rchar` (RFC 2449 §3).
    #[error("invalid response code")]
    Code,
    /// A unique-id outside RFC 1939 §7 (1 to 70 characters of 0x21-0x7E).
    #[error("invalid unique-id")]
    UniqueId,
    /// A SASL continuation payload with control characters or surrounding spaces.
    #[error("invalid continuation")]
    Continuation,
    /// A capability tag or parameter outside RFC 2449 §3 (`capa-tag = 1*cchar`, `param =
    /// 1*pchar`).
    #[error("invalid capability")]
    Capability,
    /// An [`UnknownCapability`](super::UnknownCapability) with a tag that
    /// [`Capability`](super::Capability) models.
    #[error("tag has a typed capability")]
    ReservedTag,
    /// A language tag or description outside RFC 6856 §3.2.
    #[error("invalid language listing")]
    Language,
}

type RResult<T> = Result<T, ResponseValueError>;

/// The status indicator of a response (RFC 1939 §3): `+OK` or `-ERR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusIndicator {
    /// `+OK`: positive.
    Ok,
    /// `-ERR`: negative.
    Err,
}

impl StatusIndicator {
    /// The wire form, `+OK` or `-ERR`.
    pub const fn as_str(self) -> &'static str {
        match self {
            StatusIndicator::Ok => "+OK",
            StatusIndicator::Err => "-ERR",
        }
    }
}

/// What a [`ResponseCode`] means, from its first level (and for `SYS`, its second); further
/// levels are detail that "clients MUST ignore" when they do not know it (RFC 2449 §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeKind {
    /// `IN-USE` (RFC 2449 §8.1.2): authenticated, but the maildrop is locked by another session.
    InUse,
    /// `LOGIN-DELAY` (RFC 2449 §8.1.1): logged in too recently.
    LoginDelay,
    /// `SYS/TEMP` (RFC 3206 §4): a temporary system problem; try again later.
    SysTemp,
    /// `SYS/PERM` (RFC 3206 §4): a permanent system problem; do not retry without help.
    SysPerm,
    /// `SYS` with no (or an unknown) second level (RFC 3206 §4).
    Sys,
    /// `AUTH` (RFC 3206 §5): a problem with the user's credentials.
    Auth,
    /// `UTF8` (RFC 6856 §5): the message needs UTF-8 mode.
    Utf8,
    /// Any other code.
    Unknown,
}

/// An extended response code (RFC 2449 §8): `[level/level/…]` at the start of the response text.
///
/// Kept as written (levels of `rchar`, case preserved) so that it serializes back exactly;
/// [`kind`](Self::kind) classifies it case-insensitively, ignoring unknown deeper levels
/// (`[SYS/TEMP/DISK]` is [`CodeKind::SysTemp`]).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct ResponseCode<'a> {
    raw: Cow<'a, str>,
    kind: CodeKind,
}

/// `rchar` (RFC 2449 §3): printable ASCII except `/` and `]` (8-bit bytes are not allowed).
pub(crate) const fn is_rchar(b: u8) -> bool {
    matches!(b, 0x21..=0x2e | 0x30..=0x5c | 0x5e..=0x7e)
}

impl<'a> ResponseCode<'a> {
    /// `[IN-USE]`.
    pub const IN_USE: ResponseCode<'static> = Self::known("IN-USE", CodeKind::InUse);
    /// `[LOGIN-DELAY]`.
    pub const LOGIN_DELAY: ResponseCode<'static> = Self::known("LOGIN-DELAY", CodeKind::LoginDelay);
    /// `[SYS/TEMP]`.
    pub const SYS_TEMP: ResponseCode<'static> = Self::known("SYS/TEMP", CodeKind::SysTemp);
    /// `[SYS/PERM]`.
    pub const SYS_PERM: ResponseCode<'static> = Self::known("SYS/PERM", CodeKind::SysPerm);
    /// `[AUTH]`.
    pub const AUTH: ResponseCode<'static> = Self::known("AUTH", CodeKind::Auth);
    /// `[UTF8]`.
    pub const UTF8: ResponseCode<'static> = Self::known("UTF8", CodeKind::Utf8);

    const fn known(raw: &'static str, kind: CodeKind) -> ResponseCode<'static> {
        ResponseCode {
            raw: Cow::Borrowed(raw),
            kind,
        }
    }

    /// Validates a code written without brackets: levels of `rchar` separated by `/`
    /// (RFC 2449 §3 `resp-code`).
    pub fn new(raw: impl Into<Cow<'a, str>>) -> RResult<Self> {
        let raw = raw.into();
        if !raw
            .split('/')
            .all(|l| !l.is_empty() && l.bytes().all(is_rchar))
        {
            return Err(ResponseValueError::Code);
        }
        let kind = classify(&raw);
        Ok(Self { raw, kind })
    }

    /// The code as written, without brackets.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The levels, outermost first.
    pub fn levels(&self) -> impl Iterator<Item = &str> + '_ {
        self.raw.split('/')
    }

    /// What the code means.
    pub const fn kind(&self) -> CodeKind {
        self.kind
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> ResponseCode<'static> {
        ResponseCode {
            raw: owned(self.raw),
            kind: self.kind,
        }
    }
}

fn classify(raw: &str) -> CodeKind {
    let mut levels = raw.split('/');
    let first = levels.next().unwrap_or("");
    let is = |s: &str, k: &str| s.eq_ignore_ascii_case(k);
    if is(first, "IN-USE") {
        CodeKind::InUse
    } else if is(first, "LOGIN-DELAY") {
        CodeKind::LoginDelay
    } else if is(first, "AUTH") {
        CodeKind::Auth
    } else if is(first, "UTF8") {
        CodeKind::Utf8
    } else if is(first, "SYS") {
        match levels.next() {
            Some(l) if is(l, "TEMP") => CodeKind::SysTemp,
            Some(l) if is(l, "PERM") => CodeKind::SysPerm,
            _ => CodeKind::Sys,
        }
    } else {
        CodeKind::Unknown
    }
}

/// Whether `b` may appear in response text: HTAB, printable ASCII and 8-bit bytes (UTF-8 under
/// RFC 6856, Latin-1 from old servers).
pub(crate) const fn is_text_byte(b: u8) -> bool {
    b == b'\t' || !is_control(b)
}

/// A `+OK` or `-ERR` response line (RFC 1939 §3, RFC 2449 §3 `single-line`), the greeting
/// included; for a multi-line response, its first line.
///
/// The text is kept as raw bytes (UTF-8 under RFC 6856, anything 8-bit from old servers),
/// without the status, the space after it and the response code with one space after it.
/// Every value serializes within the grammar: no CR, LF or control character other than HTAB,
/// and text never starts with what would read back as a response code unless a code precedes
/// it.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Response<'a> {
    pub(crate) status: StatusIndicator,
    pub(crate) code: Option<ResponseCode<'a>>,
    pub(crate) text: Cow<'a, [u8]>,
}

impl<'a> Response<'a> {
    /// A response, validating the text.
    pub fn new(
        status: StatusIndicator,
        code: Option<ResponseCode<'a>>,
        text: impl Into<Cow<'a, [u8]>>,
    ) -> RResult<Self> {
        let text = text.into();
        if !text.iter().all(|&b| is_text_byte(b))
            || (code.is_none() && crate::parse::split_code(&text).is_some())
        {
            return Err(ResponseValueError::Text);
        }
        Ok(Self { status, code, text })
    }

    /// `+OK text`.
    pub fn ok(text: &'a str) -> RResult<Self> {
        Self::new(StatusIndicator::Ok, None, text.as_bytes())
    }

    /// `-ERR text`.
    pub fn err(text: &'a str) -> RResult<Self> {
        Self::new(StatusIndicator::Err, None, text.as_bytes())
    }

    /// `-ERR [code] text`.
    pub fn err_with_code(code: ResponseCode<'a>, text: &'a str) -> RResult<Self> {
        Self::new(StatusIndicator::Err, Some(code), text.as_bytes())
    }

    /// The status indicator.
    pub const fn status(&self) -> StatusIndicator {
        self.status
    }

    /// Whether this is `+OK`.
    pub const fn is_ok(&self) -> bool {
        matches!(self.status, StatusIndicator::Ok)
    }

    /// The response code, if the text began with one.
    pub fn code(&self) -> Option<&ResponseCode<'a>> {
        self.code.as_ref()
    }

    /// The text after the status (and the code).
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// The text decoded as UTF-8 with replacement characters.
    pub fn text_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.text)
    }

    /// The same response, owning its text.
    pub fn into_owned(self) -> Response<'static> {
        Response {
            status: self.status,
            code: self.code.map(ResponseCode::into_owned),
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

/// A server challenge in an `AUTH` exchange (RFC 5034 §4 `continue-req = "+" SP [base64]
/// CRLF`), kept base64-encoded as sent. `Debug` shows only its length (SCRAM challenges carry
/// salts and nonces).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Continuation<'a>(Cow<'a, str>);

impl<'a> Continuation<'a> {
    /// Accepts a payload without control characters (and without leading or trailing
    /// spaces). Whether it is base64 is checked by [`decode`](Self::decode): RFC 5034 §4 has the
    /// client cancel a challenge it cannot decode, so the parser does not reject it.
    pub fn from_encoded(encoded: impl Into<Cow<'a, str>>) -> RResult<Self> {
        let encoded = encoded.into();
        if encoded.bytes().any(is_control) || encoded.starts_with(' ') || encoded.ends_with(' ') {
            return Err(ResponseValueError::Continuation);
        }
        Ok(Self(encoded))
    }

    /// Encodes a challenge with [`mail_sasl::framing::encode_challenge`] (empty for an empty
    /// challenge, sent as `+ `).
    pub fn encode_challenge(challenge: &[u8]) -> Continuation<'static> {
        Continuation(Cow::Owned(mail_sasl::framing::encode_challenge(challenge)))
    }

    /// The payload as sent.
    pub fn as_encoded(&self) -> &str {
        &self.0
    }

    /// Decodes the challenge (strict base64, RFC 5034 §4).
    pub fn decode(&self) -> Result<Vec<u8>, mail_sasl::Error> {
        mail_sasl::framing::decode_challenge(self.0.as_bytes())
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Continuation<'static> {
        Continuation(owned(self.0))
    }
}

impl fmt::Debug for Continuation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Continuation(<{} octets>)", self.0.len())
    }
}

/// A line from the server while an `AUTH` exchange is going on: a continuation or the final
/// response (RFC 5034 §5 `response =/ continue-req`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum ServerLine<'a> {
    /// `+OK` or `-ERR`.
    Response(Response<'a>),
    /// `+ ` and a base64 challenge.
    Continuation(Continuation<'a>),
}

impl ServerLine<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ServerLine<'static> {
        match self {
            ServerLine::Response(r) => ServerLine::Response(r.into_owned()),
            ServerLine::Continuation(c) => ServerLine::Continuation(c.into_owned()),
        }
    }
}

/// A drop listing (RFC 1939 §5 `STAT`): `+OK count size`, messages marked as deleted not
/// counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DropListing {
    /// The number of messages.
    pub count: u32,
    /// Their total size in octets.
    pub size: u64,
}

/// A scan listing (RFC 1939 §5 `LIST`): `msg size`, the exact size in octets (line ends counted
/// as CRLF, stuffing dots not counted, RFC 1939 §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScanListing {
    /// The message number.
    pub msg: MessageNumber,
    /// The size in octets.
    pub size: u64,
}

/// A unique-id (RFC 1939 §7): 1 to 70 characters of 0x21-0x7E, persistent across sessions.
#[derive(Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct UniqueId<'a>(Cow<'a, str>);

/// The longest unique-id (RFC 1939 §7).
pub const UNIQUE_ID_MAX: usize = 70;

impl<'a> UniqueId<'a> {
    /// Validates a unique-id.
    pub fn new(uid: impl Into<Cow<'a, str>>) -> RResult<Self> {
        let uid = uid.into();
        if uid.is_empty()
            || uid.len() > UNIQUE_ID_MAX
            || !uid.bytes().all(|b| (0x21..=0x7e).contains(&b))
        {
            return Err(ResponseValueError::UniqueId);
        }
        Ok(Self(uid))
    }

    /// The unique-id.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> UniqueId<'static> {
        UniqueId(owned(self.0))
    }
}

impl fmt::Display for UniqueId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A unique-id listing (RFC 1939 §7 `UIDL`): `msg uid`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct UniqueIdListing<'a> {
    /// The message number.
    pub msg: MessageNumber,
    /// The unique-id.
    pub uid: UniqueId<'a>,
}

impl UniqueIdListing<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> UniqueIdListing<'static> {
        UniqueIdListing {
            msg: self.msg,
            uid: self.uid.into_owned(),
        }
    }
}

/// A language listing (RFC 6856 §3.2 `LANG`): a language tag (RFC 5646), optionally followed by
/// a description in the language itself (UTF-8).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct LanguageListing {
    tag: String,
    description: Option<String>,
}

impl LanguageListing {
    /// Validates the tag (letters, digits and `-`) and the description (no control characters
    /// other than HTAB, not empty, not starting with a space).
    pub fn new(tag: impl Into<String>, description: Option<String>) -> RResult<Self> {
        let tag = tag.into();
        if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(ResponseValueError::Language);
        }
        if let Some(d) = &description {
            if d.is_empty() || d.starts_with(' ') || !d.bytes().all(is_text_byte) {
                return Err(ResponseValueError::Language);
            }
        }
        Ok(Self { tag, description })
    }

    /// The language tag.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The description, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}
