//! SMTP commands (RFC 5321 §4.1) and their arguments: paths, mailboxes, domains and ESMTP
//! parameters.
//!
//! Every value here is validated when it is built, so that whatever exists serializes to the
//! RFC grammar: no CR, LF, NUL or other control character can be injected, atoms are atoms and
//! domains are domains. Values borrow (`Cow`) from the parsed line and offer `into_owned()`.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Why a command value could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandValueError {
    /// The value is empty where the grammar needs at least one character.
    #[error("empty {0}")]
    Empty(&'static str),
    /// A byte the grammar does not allow (a control character, a space, a delimiter…).
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
    /// A number outside its range.
    #[error("{0} out of range")]
    OutOfRange(&'static str),
    /// A value that is valid text but reserved for another form (for example an `Unknown`
    /// command verb that is a known verb, or a general address literal tagged `IPv6`).
    #[error("reserved {0}")]
    Reserved(&'static str),
}

type VResult<T> = Result<T, CommandValueError>;

fn owned(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

// Byte classes, looked up in one table: the parser classifies every byte of a command line, and
// a table load is cheaper than the chains of comparisons the predicates would otherwise be.
const ATEXT: u8 = 1; // RFC 5322 atext, plus UTF-8 bytes (RFC 6531)
const LDH: u8 = 2; // letter, digit, hyphen
const ESMTP_VALUE: u8 = 4; // RFC 5321 esmtp-value characters, plus UTF-8 bytes
const DOMAIN: u8 = 8; // LDH, '.', UTF-8 bytes: what a domain name is made of

/// The `atext` characters of RFC 5322 §3.2.3 that are neither letters nor digits; shared by the
/// byte-class tables of the parsers.
pub(crate) const fn is_atext_special(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'#'
            | b'$'
            | b'%'
            | b'&'
            | b'\''
            | b'*'
            | b'+'
            | b'-'
            | b'/'
            | b'='
            | b'?'
            | b'^'
            | b'_'
            | b'`'
            | b'{'
            | b'|'
            | b'}'
            | b'~'
    )
}

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        let alnum = b.is_ascii_alphanumeric();
        let special = is_atext_special(b);
        if alnum || special || b >= 0x80 {
            c |= ATEXT;
        }
        if alnum || b == b'-' {
            c |= LDH;
        }
        if matches!(b, 33..=60 | 62..=126) || b >= 0x80 {
            c |= ESMTP_VALUE;
        }
        if alnum || b == b'-' || b == b'.' || b >= 0x80 {
            c |= DOMAIN;
        }
        t[i] = c;
        i += 1;
    }
    t
};

#[inline]
pub(crate) fn is_atext(b: u8) -> bool {
    CLASS[b as usize] & ATEXT != 0
}

#[inline]
pub(crate) fn is_ldh(b: u8) -> bool {
    CLASS[b as usize] & LDH != 0
}

#[inline]
pub(crate) fn is_domain_char(b: u8) -> bool {
    CLASS[b as usize] & DOMAIN != 0
}

/// Checks `s` against a byte predicate, reporting the first bad byte.
fn check_chars(s: &str, what: &'static str, ok: impl Fn(u8) -> bool) -> VResult<()> {
    if s.is_empty() {
        return Err(CommandValueError::Empty(what));
    }
    match s.bytes().position(|b| !ok(b)) {
        Some(offset) => Err(CommandValueError::InvalidChar { what, offset }),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------------

/// A domain name (RFC 5321 §4.1.2 `Domain`): dot-separated labels of letters, digits and
/// hyphens, not starting or ending with a hyphen. Non-ASCII UTF-8 (U-labels, RFC 6531 §3.3) is
/// accepted as letters. At most 255 octets, labels at most 63.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct DomainName<'a>(Cow<'a, str>);

impl<'a> DomainName<'a> {
    /// Validates a domain name.
    pub fn new(name: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let name = name.into();
        validate_domain_name(&name)?;
        Ok(Self(name))
    }

    /// A name the parser has already validated with [`validate_domain_name`].
    pub(crate) fn from_validated(name: &'a str) -> Self {
        debug_assert!(validate_domain_name(name).is_ok());
        Self(Cow::Borrowed(name))
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> DomainName<'static> {
        DomainName(owned(self.0))
    }
}

pub(crate) fn validate_domain_name(name: &str) -> VResult<()> {
    const WHAT: &str = "domain";
    if name.is_empty() {
        return Err(CommandValueError::Empty(WHAT));
    }
    if name.len() > 255 {
        return Err(CommandValueError::TooLong {
            what: WHAT,
            limit: 255,
        });
    }
    let bad = |offset: usize| CommandValueError::InvalidChar { what: WHAT, offset };
    // One pass over the bytes; each label is checked when its dot (or the end) is reached.
    let label = |bytes: &[u8], start: usize, end: usize| -> VResult<()> {
        if start == end {
            return Err(bad(start));
        }
        if end - start > 63 {
            return Err(CommandValueError::TooLong {
                what: "domain label",
                limit: 63,
            });
        }
        if bytes[start] == b'-' {
            return Err(bad(start));
        }
        if bytes[end - 1] == b'-' {
            return Err(bad(end - 1));
        }
        Ok(())
    };
    let bytes = name.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' {
            label(bytes, start, i)?;
            start = i + 1;
        } else if !is_domain_char(b) {
            return Err(bad(i));
        }
    }
    label(bytes, start, bytes.len())
}

/// A general address literal (RFC 5321 §4.1.3 `General-address-literal`): `[tag:content]`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct GeneralLiteral<'a> {
    tag: Cow<'a, str>,
    content: Cow<'a, str>,
}

impl<'a> GeneralLiteral<'a> {
    /// Validates the tag (`Ldh-str`, not `IPv6`) and content (`1*dcontent`, printable ASCII
    /// without `[`, `\` and `]`).
    pub fn new(tag: impl Into<Cow<'a, str>>, content: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let tag = tag.into();
        let content = content.into();
        check_chars(&tag, "address literal tag", is_ldh)?;
        if tag.ends_with('-') {
            return Err(CommandValueError::InvalidChar {
                what: "address literal tag",
                offset: tag.len() - 1,
            });
        }
        if tag.eq_ignore_ascii_case("IPv6") {
            return Err(CommandValueError::Reserved("address literal tag"));
        }
        check_chars(
            &content,
            "address literal",
            |b| matches!(b, 33..=90 | 94..=126),
        )?;
        Ok(Self { tag, content })
    }

    /// The standardized tag.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The content after the colon.
    pub fn content(&self) -> &str {
        &self.content
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> GeneralLiteral<'static> {
        GeneralLiteral {
            tag: owned(self.tag),
            content: owned(self.content),
        }
    }
}

/// An address literal (RFC 5321 §4.1.3): `[192.0.2.1]`, `[IPv6:2001:db8::1]` or
/// `[tag:content]`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum AddressLiteral<'a> {
    /// `[a.b.c.d]`.
    Ipv4(Ipv4Addr),
    /// `[IPv6:…]`; serialized in the canonical RFC 5952 text form.
    Ipv6(Ipv6Addr),
    /// `[tag:content]`.
    General(GeneralLiteral<'a>),
}

impl AddressLiteral<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> AddressLiteral<'static> {
        match self {
            AddressLiteral::Ipv4(a) => AddressLiteral::Ipv4(a),
            AddressLiteral::Ipv6(a) => AddressLiteral::Ipv6(a),
            AddressLiteral::General(g) => AddressLiteral::General(g.into_owned()),
        }
    }
}

/// The domain part of a mailbox, or the argument of `HELO`/`EHLO`/`LHLO` (RFC 5321 §4.1.2).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Domain<'a> {
    /// A domain name.
    Name(DomainName<'a>),
    /// An address literal.
    Literal(AddressLiteral<'a>),
}

impl Domain<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Domain<'static> {
        match self {
            Domain::Name(n) => Domain::Name(n.into_owned()),
            Domain::Literal(l) => Domain::Literal(l.into_owned()),
        }
    }
}

impl<'a> Domain<'a> {
    /// A domain name, validated.
    pub fn name(name: impl Into<Cow<'a, str>>) -> VResult<Self> {
        DomainName::new(name).map(Domain::Name)
    }
}

// ---------------------------------------------------------------------------------------------
// Mailboxes and paths
// ---------------------------------------------------------------------------------------------

/// The local part of a mailbox (RFC 5321 §4.1.2 `Local-part`), kept in its wire form: a
/// `Dot-string` or a `Quoted-string` with its quotes and backslashes, so that it serializes
/// exactly as received. [`unquoted`](Self::unquoted) gives the value. UTF-8 is accepted
/// (RFC 6531 §3.3). The 64-octet limit of RFC 5321 §4.5.3.1.1 is not enforced, as real
/// addresses (SRS, BATV) exceed it; the line length limit bounds it instead.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct LocalPart<'a>(Cow<'a, str>);

impl<'a> LocalPart<'a> {
    /// Validates a local part in wire form (dot-string or quoted-string).
    pub fn new(raw: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let raw = raw.into();
        let len =
            scan_local_part(raw.as_bytes()).map_err(|offset| CommandValueError::InvalidChar {
                what: "local part",
                offset,
            })?;
        if len != raw.len() {
            return Err(CommandValueError::InvalidChar {
                what: "local part",
                offset: len,
            });
        }
        Ok(Self(raw))
    }

    /// A wire form the parser has already scanned with [`scan_local_part`].
    pub(crate) fn from_validated(raw: &'a str) -> Self {
        debug_assert_eq!(scan_local_part(raw.as_bytes()), Ok(raw.len()));
        Self(Cow::Borrowed(raw))
    }

    /// Builds a local part from its value, quoting it when it is not a dot-string.
    pub fn from_unquoted(value: &str) -> VResult<LocalPart<'static>> {
        if value.is_empty() {
            return Ok(LocalPart(Cow::Borrowed("\"\"")));
        }
        if scan_dot_string(value.as_bytes()) == Ok(value.len()) {
            return Ok(LocalPart(Cow::Owned(value.to_owned())));
        }
        let mut s = String::with_capacity(value.len() + 2);
        s.push('"');
        for (i, c) in value.char_indices() {
            match c {
                '"' | '\\' => {
                    s.push('\\');
                    s.push(c);
                }
                ' '..='~' => s.push(c),
                c if !c.is_ascii() && !c.is_control() => s.push(c),
                _ => {
                    return Err(CommandValueError::InvalidChar {
                        what: "local part",
                        offset: i,
                    });
                }
            }
        }
        s.push('"');
        Ok(LocalPart(Cow::Owned(s)))
    }

    /// The wire form.
    pub fn as_raw(&self) -> &str {
        &self.0
    }

    /// Whether the wire form is a quoted string.
    pub fn is_quoted(&self) -> bool {
        self.0.starts_with('"')
    }

    /// The value: quotes removed and quoted pairs unescaped.
    pub fn unquoted(&self) -> Cow<'_, str> {
        if !self.is_quoted() {
            return Cow::Borrowed(&self.0);
        }
        let inner = &self.0[1..self.0.len() - 1];
        if !inner.contains('\\') {
            return Cow::Borrowed(inner);
        }
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> LocalPart<'static> {
        LocalPart(owned(self.0))
    }
}

/// Scans a `Dot-string` at the start of `b`; returns its length, or the offset of the error.
pub(crate) fn scan_dot_string(b: &[u8]) -> Result<usize, usize> {
    let mut i = 0;
    loop {
        let start = i;
        while i < b.len() && is_atext(b[i]) {
            i += 1;
        }
        if i == start {
            return Err(i);
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
        } else {
            return Ok(i);
        }
    }
}

/// Scans a `Local-part` (dot-string or quoted-string) at the start of `b`.
pub(crate) fn scan_local_part(b: &[u8]) -> Result<usize, usize> {
    if b.first() != Some(&b'"') {
        return scan_dot_string(b);
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'"' => return Ok(i + 1),
            b'\\' => {
                if i + 1 < b.len() && (32..=126).contains(&b[i + 1]) {
                    i += 2;
                } else {
                    return Err(i + 1);
                }
            }
            32..=126 | 0x80..=0xff => i += 1,
            _ => return Err(i),
        }
    }
    Err(i)
}

/// A mailbox (RFC 5321 §4.1.2): `Local-part "@" ( Domain / address-literal )`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Mailbox<'a> {
    /// The local part.
    pub local_part: LocalPart<'a>,
    /// The domain.
    pub domain: Domain<'a>,
}

impl<'a> Mailbox<'a> {
    /// A mailbox from its parts.
    pub fn new(local_part: LocalPart<'a>, domain: Domain<'a>) -> Self {
        Self { local_part, domain }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Mailbox<'static> {
        Mailbox {
            local_part: self.local_part.into_owned(),
            domain: self.domain.into_owned(),
        }
    }
}

/// The argument of `MAIL FROM:` (RFC 5321 §4.1.2 `Reverse-path`). A source route
/// (`<@a,@b:user@d>`, §4.1.1.3) is accepted by the parser and dropped.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum ReversePath<'a> {
    /// `<>`: the null reverse path, used for notifications (§4.5.5).
    Null,
    /// A mailbox.
    Mailbox(Mailbox<'a>),
}

impl ReversePath<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ReversePath<'static> {
        match self {
            ReversePath::Null => ReversePath::Null,
            ReversePath::Mailbox(m) => ReversePath::Mailbox(m.into_owned()),
        }
    }
}

/// The argument of `RCPT TO:` (RFC 5321 §4.1.1.3, `Forward-path`). A source route is accepted
/// by the parser and dropped.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum ForwardPath<'a> {
    /// `<Postmaster>` without a domain (any case), which every server must accept (§4.5.1).
    Postmaster,
    /// A mailbox (`<postmaster@domain>` is a mailbox).
    Mailbox(Mailbox<'a>),
}

impl ForwardPath<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ForwardPath<'static> {
        match self {
            ForwardPath::Postmaster => ForwardPath::Postmaster,
            ForwardPath::Mailbox(m) => ForwardPath::Mailbox(m.into_owned()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/// An `esmtp-value` (RFC 5321 §4.1.2): printable characters other than `=` and space; UTF-8
/// is accepted (RFC 6531 §3.3).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct EsmtpValue<'a>(Cow<'a, str>);

#[inline]
pub(crate) fn is_esmtp_value_char(b: u8) -> bool {
    CLASS[b as usize] & ESMTP_VALUE != 0
}

impl<'a> EsmtpValue<'a> {
    /// Validates an esmtp-value.
    pub fn new(value: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let value = value.into();
        check_chars(&value, "parameter value", is_esmtp_value_char)?;
        Ok(Self(value))
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> EsmtpValue<'static> {
        EsmtpValue(owned(self.0))
    }
}

/// An unrecognized parameter `keyword[=value]` (RFC 5321 §4.1.2 `esmtp-param`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Param<'a> {
    keyword: Cow<'a, str>,
    value: Option<EsmtpValue<'a>>,
}

impl<'a> Param<'a> {
    /// Validates the keyword (`(ALPHA / DIGIT) *(ALPHA / DIGIT / "-")`). The keyword must not be
    /// one this crate types (`SIZE`, `BODY`, …), which must be given through the typed fields.
    pub fn new(keyword: impl Into<Cow<'a, str>>, value: Option<EsmtpValue<'a>>) -> VResult<Self> {
        let keyword = keyword.into();
        check_chars(&keyword, "parameter keyword", is_ldh)?;
        if keyword.starts_with('-') {
            return Err(CommandValueError::InvalidChar {
                what: "parameter keyword",
                offset: 0,
            });
        }
        if KNOWN_PARAMS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&keyword))
        {
            return Err(CommandValueError::Reserved("parameter keyword"));
        }
        Ok(Self { keyword, value })
    }

    /// The keyword as written.
    pub fn keyword(&self) -> &str {
        &self.keyword
    }

    /// The value, if any.
    pub fn value(&self) -> Option<&str> {
        self.value.as_ref().map(EsmtpValue::as_str)
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Param<'static> {
        Param {
            keyword: owned(self.keyword),
            value: self.value.map(EsmtpValue::into_owned),
        }
    }
}

/// Keywords with a typed field in [`MailParams`] or [`RcptParams`].
pub(crate) const KNOWN_PARAMS: &[&str] = &[
    "SIZE",
    "BODY",
    "SMTPUTF8",
    "RET",
    "ENVID",
    "AUTH",
    "REQUIRETLS",
    "MT-PRIORITY",
    "HOLDFOR",
    "HOLDUNTIL",
    "BY",
    "NOTIFY",
    "ORCPT",
];

/// `xtext` (RFC 3461 §4): printable ASCII where `+`, `=` and anything else is written `+XX`
/// with two uppercase hex digits. Kept encoded; [`decoded`](Self::decoded) gives the bytes.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct XText<'a>(Cow<'a, str>);

impl<'a> XText<'a> {
    /// Validates encoded xtext.
    pub fn new(encoded: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let encoded = encoded.into();
        if let Err(offset) = scan_xtext(encoded.as_bytes()) {
            return Err(CommandValueError::InvalidChar {
                what: "xtext",
                offset,
            });
        }
        Ok(Self(encoded))
    }

    /// Encodes `bytes` as xtext. Empty input is an error, as a parameter value cannot be
    /// empty (RFC 5321 §4.1.2 `esmtp-value`).
    pub fn encode(bytes: &[u8]) -> VResult<XText<'static>> {
        if bytes.is_empty() {
            return Err(CommandValueError::Empty("xtext"));
        }
        let mut s = String::with_capacity(bytes.len());
        for &b in bytes {
            if matches!(b, 33..=42 | 44..=60 | 62..=126) {
                s.push(b as char);
            } else {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                s.push('+');
                s.push(HEX[usize::from(b >> 4)] as char);
                s.push(HEX[usize::from(b & 15)] as char);
            }
        }
        Ok(XText(Cow::Owned(s)))
    }

    /// The encoded form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The decoded bytes.
    pub fn decoded(&self) -> Cow<'_, [u8]> {
        let b = self.0.as_bytes();
        if !b.contains(&b'+') {
            return Cow::Borrowed(b);
        }
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'+' && i + 2 < b.len() {
                let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(b[i + 1]) << 4 | hex(b[i + 2]));
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        Cow::Owned(out)
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> XText<'static> {
        XText(owned(self.0))
    }
}

/// Returns the offset of the first invalid byte of an xtext string, if any.
pub(crate) fn scan_xtext(b: &[u8]) -> Result<(), usize> {
    if b.is_empty() {
        return Err(0);
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => {
                for j in 1..=2 {
                    match b.get(i + j) {
                        Some(c) if c.is_ascii_digit() || (b'A'..=b'F').contains(c) => {}
                        _ => return Err(i + j),
                    }
                }
                i += 3;
            }
            33..=42 | 44..=60 | 62..=126 => i += 1,
            _ => return Err(i),
        }
    }
    Ok(())
}

/// `BODY=` (RFC 6152 §2, RFC 3030 §3).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Body {
    /// `7BIT`.
    SevenBit,
    /// `8BITMIME`.
    EightBitMime,
    /// `BINARYMIME` (requires `BDAT`).
    BinaryMime,
}

/// `RET=` (RFC 3461 §4.3).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Ret {
    /// `FULL`: return the whole message.
    Full,
    /// `HDRS`: return the headers only.
    Hdrs,
}

/// `NOTIFY=` (RFC 3461 §4.1). All flags false is `NEVER`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Notify {
    /// `SUCCESS`.
    pub success: bool,
    /// `FAILURE`.
    pub failure: bool,
    /// `DELAY`.
    pub delay: bool,
}

impl Notify {
    /// `NOTIFY=NEVER`.
    pub const NEVER: Notify = Notify {
        success: false,
        failure: false,
        delay: false,
    };

    /// Whether this is `NEVER`.
    pub fn is_never(&self) -> bool {
        *self == Self::NEVER
    }
}

/// `ORCPT=addr-type;xtext` (RFC 3461 §4.2).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Orcpt<'a> {
    addr_type: Cow<'a, str>,
    address: XText<'a>,
}

impl<'a> Orcpt<'a> {
    /// Validates the address type (an `atom`, usually `rfc822`).
    pub fn new(addr_type: impl Into<Cow<'a, str>>, address: XText<'a>) -> VResult<Self> {
        let addr_type = addr_type.into();
        check_chars(&addr_type, "orcpt address type", |b| {
            is_atext(b) && b.is_ascii() && b != b'=' && b != b'+'
        })?;
        Ok(Self { addr_type, address })
    }

    /// The address type as written (compare case-insensitively).
    pub fn addr_type(&self) -> &str {
        &self.addr_type
    }

    /// The original recipient, xtext-encoded.
    pub fn address(&self) -> &XText<'a> {
        &self.address
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Orcpt<'static> {
        Orcpt {
            addr_type: owned(self.addr_type),
            address: self.address.into_owned(),
        }
    }
}

/// `MT-PRIORITY=` (RFC 6710 §3): -9 to 9.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct MtPriority(i8);

impl MtPriority {
    /// Validates the range.
    pub fn new(value: i8) -> VResult<Self> {
        if (-9..=9).contains(&value) {
            Ok(Self(value))
        } else {
            Err(CommandValueError::OutOfRange("mt-priority"))
        }
    }

    /// The priority.
    pub fn get(self) -> i8 {
        self.0
    }
}

/// `HOLDFOR=` / `HOLDUNTIL=` (RFC 4865 §3, future release).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Hold<'a> {
    /// `HOLDFOR=seconds`.
    For(u64),
    /// `HOLDUNTIL=date-time` (RFC 3339), kept as text.
    Until(EsmtpValue<'a>),
}

impl Hold<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Hold<'static> {
        match self {
            Hold::For(s) => Hold::For(s),
            Hold::Until(v) => Hold::Until(v.into_owned()),
        }
    }
}

/// The mode of a `BY=` parameter (RFC 2852 §4).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ByMode {
    /// `N`: notify when the deadline passes.
    Notify,
    /// `R`: return the message when the deadline passes.
    Return,
}

/// `BY=time;mode[T]` (RFC 2852 §4, deliver by).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct By {
    time: i32,
    mode: ByMode,
    trace: bool,
}

impl By {
    /// Validates `time` (at most 9 digits, RFC 2852 §4).
    pub fn new(time: i32, mode: ByMode, trace: bool) -> VResult<Self> {
        if time.unsigned_abs() > 999_999_999 {
            return Err(CommandValueError::OutOfRange("by-time"));
        }
        Ok(Self { time, mode, trace })
    }

    /// Seconds from the time the message was received.
    pub fn time(self) -> i32 {
        self.time
    }

    /// The mode.
    pub fn mode(self) -> ByMode {
        self.mode
    }

    /// Whether trace (`T`) was asked for.
    pub fn trace(self) -> bool {
        self.trace
    }
}

/// Parameters of `MAIL FROM:` (RFC 5321 §4.1.1.2 `Mail-parameters`). Typed parameters are
/// serialized in the order of the fields, then the others in their order.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct MailParams<'a> {
    /// `SIZE=` (RFC 1870 §4).
    pub size: Option<u64>,
    /// `BODY=` (RFC 6152, RFC 3030).
    pub body: Option<Body>,
    /// `SMTPUTF8` (RFC 6531 §3.4).
    pub smtputf8: bool,
    /// `RET=` (RFC 3461 §4.3).
    pub ret: Option<Ret>,
    /// `ENVID=` (RFC 3461 §4.4).
    pub envid: Option<XText<'a>>,
    /// `AUTH=` (RFC 4954 §5): the xtext-encoded authorized identity, `<>` when unknown.
    pub auth: Option<XText<'a>>,
    /// `REQUIRETLS` (RFC 8689 §4.1).
    pub requiretls: bool,
    /// `MT-PRIORITY=` (RFC 6710).
    pub mt_priority: Option<MtPriority>,
    /// `HOLDFOR=` or `HOLDUNTIL=` (RFC 4865).
    pub hold: Option<Hold<'a>>,
    /// `BY=` (RFC 2852).
    pub by: Option<By>,
    /// Other parameters, in order.
    pub other: Vec<Param<'a>>,
}

impl MailParams<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> MailParams<'static> {
        MailParams {
            size: self.size,
            body: self.body,
            smtputf8: self.smtputf8,
            ret: self.ret,
            envid: self.envid.map(XText::into_owned),
            auth: self.auth.map(XText::into_owned),
            requiretls: self.requiretls,
            mt_priority: self.mt_priority,
            hold: self.hold.map(Hold::into_owned),
            by: self.by,
            other: self.other.into_iter().map(Param::into_owned).collect(),
        }
    }
}

/// Parameters of `RCPT TO:` (RFC 5321 §4.1.1.3 `Rcpt-parameters`).
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct RcptParams<'a> {
    /// `NOTIFY=` (RFC 3461 §4.1).
    pub notify: Option<Notify>,
    /// `ORCPT=` (RFC 3461 §4.2).
    pub orcpt: Option<Orcpt<'a>>,
    /// Other parameters, in order.
    pub other: Vec<Param<'a>>,
}

impl RcptParams<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> RcptParams<'static> {
        RcptParams {
            notify: self.notify,
            orcpt: self.orcpt.map(Orcpt::into_owned),
            other: self.other.into_iter().map(Param::into_owned).collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Free-text arguments, AUTH
// ---------------------------------------------------------------------------------------------

/// A free-text argument (`VRFY`, `EXPN`, `HELP`, `NOOP` strings, RFC 5321 §4.1.1.6-§4.1.1.9,
/// and the arguments of unknown commands): not empty, no control characters (tab is allowed
/// inside), no leading or trailing white space. UTF-8 is accepted.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Text<'a>(Cow<'a, str>);

impl<'a> Text<'a> {
    /// Validates the text.
    pub fn new(text: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let text = text.into();
        check_chars(&text, "argument", |b| {
            b == b'\t' || (b >= 0x20 && b != 0x7f)
        })?;
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

/// A SASL mechanism name (RFC 4422 §3.1 `sasl-mech`, RFC 4954 §4): 1 to 20 of letters, digits,
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

    /// A `'static` copy.
    pub fn into_owned(self) -> SaslMechanism<'static> {
        SaslMechanism(owned(self.0))
    }
}

/// The initial response of `AUTH` (RFC 4954 §4): shared with the other protocols.
pub use mail_sasl::framing::InitialResponse;

/// A verb this crate does not know (kept so that the server can answer `500`, RFC 5321
/// §4.2.4): letters, digits, `-` and `_`, not a known verb.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Verb<'a>(Cow<'a, str>);

/// The verbs parsed into typed [`Command`] variants.
pub(crate) const KNOWN_VERBS: &[&str] = &[
    "HELO", "EHLO", "LHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "VRFY", "EXPN", "HELP", "NOOP",
    "QUIT", "STARTTLS", "AUTH",
];

impl<'a> Verb<'a> {
    /// Validates an unknown verb.
    pub fn new(verb: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let verb = verb.into();
        check_chars(&verb, "verb", |b| {
            b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
        })?;
        if KNOWN_VERBS.iter().any(|k| k.eq_ignore_ascii_case(&verb)) {
            return Err(CommandValueError::Reserved("verb"));
        }
        Ok(Self(verb))
    }

    /// The verb as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Verb<'static> {
        Verb(owned(self.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

/// An SMTP, ESMTP or LMTP command (RFC 5321 §4.1.1).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Command<'a> {
    /// `HELO domain` (§4.1.1.1). Address literals are accepted too, as real clients send them.
    Helo(Domain<'a>),
    /// `EHLO domain-or-address-literal` (§4.1.1.1).
    Ehlo(Domain<'a>),
    /// `LHLO domain` (RFC 2033 §4.1).
    Lhlo(Domain<'a>),
    /// `MAIL FROM:<reverse-path> [params]` (§4.1.1.2).
    Mail {
        /// The reverse path.
        from: ReversePath<'a>,
        /// The parameters.
        params: MailParams<'a>,
    },
    /// `RCPT TO:<forward-path> [params]` (§4.1.1.3).
    Rcpt {
        /// The forward path.
        to: ForwardPath<'a>,
        /// The parameters.
        params: RcptParams<'a>,
    },
    /// `DATA` (§4.1.1.4).
    Data,
    /// `BDAT size [LAST]` (RFC 3030 §2).
    Bdat {
        /// The size of the chunk that follows the command line.
        size: u64,
        /// Whether this is the last chunk.
        last: bool,
    },
    /// `RSET` (§4.1.1.5).
    Rset,
    /// `VRFY string` (§4.1.1.6).
    Vrfy(Text<'a>),
    /// `EXPN string` (§4.1.1.7).
    Expn(Text<'a>),
    /// `HELP [string]` (§4.1.1.8).
    Help(Option<Text<'a>>),
    /// `NOOP [string]` (§4.1.1.9).
    Noop(Option<Text<'a>>),
    /// `QUIT` (§4.1.1.10).
    Quit,
    /// `STARTTLS` (RFC 3207 §4).
    StartTls,
    /// `AUTH mechanism [initial-response]` (RFC 4954 §4).
    Auth {
        /// The SASL mechanism.
        mechanism: SaslMechanism<'a>,
        /// The initial response, if given.
        initial_response: Option<InitialResponse<'a>>,
    },
    /// A command this crate does not know.
    Unknown {
        /// The verb as written.
        verb: Verb<'a>,
        /// The rest of the line, if any.
        args: Option<Text<'a>>,
    },
}

impl Command<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Command<'static> {
        match self {
            Command::Helo(d) => Command::Helo(d.into_owned()),
            Command::Ehlo(d) => Command::Ehlo(d.into_owned()),
            Command::Lhlo(d) => Command::Lhlo(d.into_owned()),
            Command::Mail { from, params } => Command::Mail {
                from: from.into_owned(),
                params: params.into_owned(),
            },
            Command::Rcpt { to, params } => Command::Rcpt {
                to: to.into_owned(),
                params: params.into_owned(),
            },
            Command::Data => Command::Data,
            Command::Bdat { size, last } => Command::Bdat { size, last },
            Command::Rset => Command::Rset,
            Command::Vrfy(t) => Command::Vrfy(t.into_owned()),
            Command::Expn(t) => Command::Expn(t.into_owned()),
            Command::Help(t) => Command::Help(t.map(Text::into_owned)),
            Command::Noop(t) => Command::Noop(t.map(Text::into_owned)),
            Command::Quit => Command::Quit,
            Command::StartTls => Command::StartTls,
            Command::Auth {
                mechanism,
                initial_response,
            } => Command::Auth {
                mechanism: mechanism.into_owned(),
                initial_response: initial_response.map(InitialResponse::into_owned),
            },
            Command::Unknown { verb, args } => Command::Unknown {
                verb: verb.into_owned(),
                args: args.map(Text::into_owned),
            },
        }
    }
}
