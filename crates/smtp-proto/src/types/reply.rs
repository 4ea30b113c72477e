//! Replies (RFC 5321 §4.2), enhanced status codes (RFC 3463, RFC 2034) and the EHLO
//! capability list (RFC 5321 §4.1.1.1, RFC 1869).

use std::borrow::Cow;
use std::fmt;

use mail_sasl::Mechanism;

/// Why a reply value could not be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplyValueError {
    /// The reply code is not three digits with first digit 2-5 and second digit 0-5
    /// (RFC 5321 §4.2.1).
    #[error("invalid reply code")]
    Code,
    /// The enhanced status code is out of range (RFC 3463 §2: class 2, 4 or 5, subject and
    /// detail 0-999).
    #[error("invalid enhanced status code")]
    EnhancedCode,
    /// The enhanced status code's class differs from the reply code's first digit, or the reply
    /// is a 3xx reply, which carries no enhanced code (RFC 2034 §4).
    #[error("enhanced status code class does not match the reply code")]
    EnhancedClassMismatch,
    /// A text line contains CR, LF or another control character than HTAB (RFC 5321 §4.2:
    /// `textstring = 1*(%d09 / %d32-126)`; 8-bit bytes are allowed for RFC 6531).
    #[error("control character in reply text")]
    ControlInText,
    /// A reply needs at least one line.
    #[error("reply without lines")]
    NoLines,
    /// An EHLO domain, keyword or parameter is outside the RFC 5321 §4.1.1.1 grammar.
    #[error("invalid ehlo keyword or parameter")]
    EhloSyntax,
    /// An [`UnknownCapability`] with a keyword that [`Capability`] models.
    #[error("keyword has a typed capability")]
    ReservedKeyword,
}

/// A three-digit SMTP reply code (RFC 5321 §4.2).
///
/// The first digit is 2-5 and the second 0-5 (RFC 5321 §4.2.1); `1yz` replies are not used by
/// SMTP and are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReplyCode(u16);

/// The first digit of a reply code (RFC 5321 §4.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyClass {
    /// `2yz`: the requested action has been completed.
    PositiveCompletion,
    /// `3yz`: the command was accepted, more information is needed (`354`, `334`).
    PositiveIntermediate,
    /// `4yz`: temporary failure; the command may be repeated.
    TransientNegative,
    /// `5yz`: permanent failure.
    PermanentNegative,
}

/// The second digit of a reply code (RFC 5321 §4.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyCategory {
    /// `x0z`: syntax errors and unimplemented commands.
    Syntax,
    /// `x1z`: replies to requests for information (status, help).
    Information,
    /// `x2z`: replies about the transmission channel.
    Connections,
    /// `x3z`: unspecified.
    Unspecified3,
    /// `x4z`: unspecified.
    Unspecified4,
    /// `x5z`: the status of the receiver mail system.
    MailSystem,
}

impl ReplyCode {
    /// `220` service ready (greeting).
    pub const SERVICE_READY: ReplyCode = ReplyCode(220);
    /// `221` closing the transmission channel.
    pub const CLOSING: ReplyCode = ReplyCode(221);
    /// `235` authentication succeeded (RFC 4954 §6).
    pub const AUTH_SUCCEEDED: ReplyCode = ReplyCode(235);
    /// `250` requested mail action okay, completed.
    pub const OK: ReplyCode = ReplyCode(250);
    /// `334` SASL challenge (RFC 4954 §4).
    pub const AUTH_CHALLENGE: ReplyCode = ReplyCode(334);
    /// `354` start mail input.
    pub const START_MAIL_INPUT: ReplyCode = ReplyCode(354);
    /// `421` service not available, closing the transmission channel.
    pub const SERVICE_UNAVAILABLE: ReplyCode = ReplyCode(421);
    /// `500` syntax error, command unrecognized.
    pub const SYNTAX_ERROR: ReplyCode = ReplyCode(500);

    /// Validates a reply code (RFC 5321 §4.2.1).
    pub const fn new(code: u16) -> Result<Self, ReplyValueError> {
        let (a, b) = (code / 100, code / 10 % 10);
        if code >= 1000 || a < 2 || a > 5 || b > 5 {
            return Err(ReplyValueError::Code);
        }
        Ok(ReplyCode(code))
    }

    /// The code as a number.
    pub const fn get(self) -> u16 {
        self.0
    }

    /// The first digit, as a [`ReplyClass`].
    pub const fn class(self) -> ReplyClass {
        match self.0 / 100 {
            2 => ReplyClass::PositiveCompletion,
            3 => ReplyClass::PositiveIntermediate,
            4 => ReplyClass::TransientNegative,
            _ => ReplyClass::PermanentNegative,
        }
    }

    /// The second digit, as a [`ReplyCategory`].
    pub const fn category(self) -> ReplyCategory {
        match self.0 / 10 % 10 {
            0 => ReplyCategory::Syntax,
            1 => ReplyCategory::Information,
            2 => ReplyCategory::Connections,
            3 => ReplyCategory::Unspecified3,
            4 => ReplyCategory::Unspecified4,
            _ => ReplyCategory::MailSystem,
        }
    }

    /// Whether the reply is `2yz`.
    pub const fn is_positive_completion(self) -> bool {
        self.0 / 100 == 2
    }

    /// The three ASCII digits.
    pub const fn digits(self) -> [u8; 3] {
        [
            b'0' + (self.0 / 100) as u8,
            b'0' + (self.0 / 10 % 10) as u8,
            b'0' + (self.0 % 10) as u8,
        ]
    }
}

impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An enhanced mail system status code `class.subject.detail` (RFC 3463 §2), as sent by servers
/// that advertise `ENHANCEDSTATUSCODES` (RFC 2034).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnhancedCode {
    class: u8,
    subject: u16,
    detail: u16,
}

impl EnhancedCode {
    /// Validates the three fields: class 2, 4 or 5; subject and detail 0-999 (RFC 3463 §2).
    pub const fn new(class: u8, subject: u16, detail: u16) -> Result<Self, ReplyValueError> {
        if !matches!(class, 2 | 4 | 5) || subject > 999 || detail > 999 {
            return Err(ReplyValueError::EnhancedCode);
        }
        Ok(Self {
            class,
            subject,
            detail,
        })
    }

    /// The class: 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    pub const fn class(self) -> u8 {
        self.class
    }

    /// The subject (RFC 3463 §3: 0 other, 1 addressing, 2 mailbox, 3 mail system, 4 network,
    /// 5 protocol, 6 content, 7 security).
    pub const fn subject(self) -> u16 {
        self.subject
    }

    /// The detail.
    pub const fn detail(self) -> u16 {
        self.detail
    }

    /// Parses `class.subject.detail` at the start of `text`, returning the code and its length.
    /// Each field is 1-3 digits (RFC 3463 §2).
    pub fn parse_prefix(text: &[u8]) -> Option<(Self, usize)> {
        let mut fields = [0u16; 3];
        let mut i = 0;
        for (n, field) in fields.iter_mut().enumerate() {
            if n > 0 {
                if text.get(i) != Some(&b'.') {
                    return None;
                }
                i += 1;
            }
            let start = i;
            while i < text.len() && text[i].is_ascii_digit() && i - start < 3 {
                *field = *field * 10 + u16::from(text[i] - b'0');
                i += 1;
            }
            if i == start || text.get(i).is_some_and(u8::is_ascii_digit) {
                return None;
            }
        }
        if fields[0] > 9 || (text.get(1) != Some(&b'.')) {
            return None;
        }
        let code = Self::new(fields[0] as u8, fields[1], fields[2]).ok()?;
        Some((code, i))
    }
}

impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

/// Whether `b` may appear in reply text: HTAB, printable ASCII and (RFC 6531) 8-bit bytes.
pub(crate) const fn is_text_byte(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

/// An SMTP reply (RFC 5321 §4.2): a code, an optional enhanced status code and one or more
/// text lines.
///
/// The text of each line is kept as raw bytes, without the code, the separator and the enhanced
/// code; it may be empty, and may hold 8-bit bytes (RFC 6531 §3.7.4 allows UTF-8; older servers
/// send Latin-1). Every value serializes within the RFC 5321 grammar: text never holds CR, LF
/// or other control characters than HTAB.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reply<'a> {
    pub(crate) code: ReplyCode,
    pub(crate) enhanced: Option<EnhancedCode>,
    /// The first line's text: held inline, so a one-line reply (most of them) needs no heap.
    pub(crate) first: Cow<'a, [u8]>,
    /// The other lines' text, in order.
    pub(crate) rest: Vec<Cow<'a, [u8]>>,
}

impl<'a> Reply<'a> {
    /// A reply with the given lines (at least one), validating the text (no CR, LF or control
    /// characters other than HTAB) and that the enhanced code's class equals the reply code's
    /// first digit (RFC 2034 §4; 3xx replies carry none).
    pub fn new<I, L>(
        code: ReplyCode,
        enhanced: Option<EnhancedCode>,
        lines: I,
    ) -> Result<Self, ReplyValueError>
    where
        I: IntoIterator<Item = L>,
        L: Into<Cow<'a, [u8]>>,
    {
        if let Some(e) = enhanced {
            if u16::from(e.class) != code.0 / 100 {
                return Err(ReplyValueError::EnhancedClassMismatch);
            }
        }
        let mut lines = lines.into_iter().map(Into::into);
        let first: Cow<'a, [u8]> = lines.next().ok_or(ReplyValueError::NoLines)?;
        let rest: Vec<Cow<'a, [u8]>> = lines.collect();
        let valid = |l: &Cow<'a, [u8]>| l.iter().all(|&b| is_text_byte(b));
        if !valid(&first) || !rest.iter().all(valid) {
            return Err(ReplyValueError::ControlInText);
        }
        Ok(Self {
            code,
            enhanced,
            first,
            rest,
        })
    }

    /// A one-line reply.
    pub fn single(
        code: ReplyCode,
        enhanced: Option<EnhancedCode>,
        text: &'a str,
    ) -> Result<Self, ReplyValueError> {
        Self::new(code, enhanced, [text.as_bytes()])
    }

    /// The reply code.
    pub const fn code(&self) -> ReplyCode {
        self.code
    }

    /// The enhanced status code, when the first line carried one of the reply's class.
    pub const fn enhanced_code(&self) -> Option<EnhancedCode> {
        self.enhanced
    }

    /// The text of each line (at least one), without code, separator and enhanced code.
    pub fn lines(&self) -> impl ExactSizeIterator<Item = &[u8]> + '_ {
        ReplyLines {
            first: Some(&self.first),
            rest: self.rest.iter(),
        }
    }

    /// The number of lines (at least one).
    pub fn line_count(&self) -> usize {
        1 + self.rest.len()
    }

    /// The text of the first line.
    pub fn first_line(&self) -> &[u8] {
        &self.first
    }

    /// The text lines joined with `\n`, decoded as UTF-8 with replacement characters.
    pub fn text_lossy(&self) -> String {
        let mut joined = self.first.to_vec();
        for line in &self.rest {
            joined.push(b'\n');
            joined.extend_from_slice(line);
        }
        String::from_utf8_lossy(&joined).into_owned()
    }

    /// The same reply, owning its text.
    pub fn into_owned(self) -> Reply<'static> {
        Reply {
            code: self.code,
            enhanced: self.enhanced,
            first: Cow::Owned(self.first.into_owned()),
            rest: self
                .rest
                .into_iter()
                .map(|l| Cow::Owned(l.into_owned()))
                .collect(),
        }
    }
}

/// The iterator of [`Reply::lines`]: the inline first line, then the others.
struct ReplyLines<'r> {
    first: Option<&'r [u8]>,
    rest: std::slice::Iter<'r, Cow<'r, [u8]>>,
}

impl<'r> Iterator for ReplyLines<'r> {
    type Item = &'r [u8];

    fn next(&mut self) -> Option<&'r [u8]> {
        self.first.take().or_else(|| self.rest.next().map(|l| &**l))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.first.is_some()) + self.rest.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for ReplyLines<'_> {}

/// A SASL mechanism advertised by `AUTH` (RFC 4954 §3): one this stack implements, or another
/// name kept in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthMechanism {
    /// A mechanism [`mail_sasl`] implements.
    Known(Mechanism),
    /// Any other mechanism name (`GSSAPI`, `NTLM`, …), upper-cased.
    Other(String),
}

impl AuthMechanism {
    /// Classifies a mechanism name (RFC 4422 §3.1: case-insensitive).
    pub fn from_name(name: &str) -> Self {
        match Mechanism::from_bytes(name.as_bytes()) {
            Ok(m) => AuthMechanism::Known(m),
            Err(_) => AuthMechanism::Other(name.to_ascii_uppercase()),
        }
    }

    /// The name in upper case.
    pub fn as_str(&self) -> &str {
        match self {
            AuthMechanism::Known(m) => m.as_str(),
            AuthMechanism::Other(s) => s,
        }
    }
}

/// One limit of the `LIMITS` extension (RFC 9422 §4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SmtpLimit {
    /// `RCPTMAX=n`: recipients per transaction (RFC 9422 §5.2).
    RcptMax(u64),
    /// `MAILMAX=n`: transactions per session (RFC 9422 §5.1).
    MailMax(u64),
    /// `RCPTDOMAINMAX=n`: distinct recipient domains per transaction (RFC 9422 §5.3).
    RcptDomainMax(u64),
    /// Another limit, name upper-cased, value as sent.
    Other(String, String),
}

/// An EHLO keyword not modelled by [`Capability`], with its parameters, in order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCapability {
    keyword: String,
    params: Vec<String>,
}

impl UnknownCapability {
    /// Validates the keyword (`(ALPHA / DIGIT) *(ALPHA / DIGIT / "-")`) and parameters
    /// (`1*(%d33-126)`) against RFC 5321 §4.1.1.1. The keyword is upper-cased.
    ///
    /// Keywords that [`Capability`] models (`SIZE`, `AUTH`, …, and `X-EXPS`, which is merged
    /// into `AUTH`) are refused with [`ReplyValueError::ReservedKeyword`]: use the typed
    /// variant, so that a capability list reads back as it was built.
    pub fn new(keyword: &str, params: Vec<String>) -> Result<Self, ReplyValueError> {
        let upper = keyword.to_ascii_uppercase();
        if upper == "X-EXPS" || Capability::MODELLED.contains(&upper.as_str()) {
            return Err(ReplyValueError::ReservedKeyword);
        }
        Self::new_unchecked_keyword(keyword, params)
    }

    /// As [`new`](Self::new) without the reserved-keyword check: for the parser, which keeps a
    /// modelled keyword with parameters that do not fit its extension (`SIZE abc`).
    pub(crate) fn new_unchecked_keyword(
        keyword: &str,
        params: Vec<String>,
    ) -> Result<Self, ReplyValueError> {
        if !is_ehlo_keyword(keyword) || !params.iter().all(|p| is_ehlo_param(p)) {
            return Err(ReplyValueError::EhloSyntax);
        }
        Ok(Self {
            keyword: keyword.to_ascii_uppercase(),
            params,
        })
    }

    /// The keyword, upper-cased.
    pub fn keyword(&self) -> &str {
        &self.keyword
    }

    /// The parameters, as sent.
    pub fn params(&self) -> &[String] {
        &self.params
    }
}

/// Whether `s` is an `ehlo-keyword` (RFC 5321 §4.1.1.1).
pub(crate) fn is_ehlo_keyword(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
}

/// Whether `s` is an `ehlo-param` (RFC 5321 §4.1.1.1).
pub(crate) fn is_ehlo_param(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| (33..=126).contains(&c))
}

/// One EHLO capability (RFC 5321 §4.1.1.1 and the extension RFCs).
///
/// Keywords are case-insensitive on input and written in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Capability {
    /// `PIPELINING` (RFC 2920).
    Pipelining,
    /// `SIZE [n]` (RFC 1870): the fixed message size limit, if announced (0 = no limit).
    Size(Option<u64>),
    /// `8BITMIME` (RFC 6152).
    EightBitMime,
    /// `BINARYMIME` (RFC 3030).
    BinaryMime,
    /// `CHUNKING` (RFC 3030).
    Chunking,
    /// `SMTPUTF8` (RFC 6531).
    SmtpUtf8,
    /// `DSN` (RFC 3461).
    Dsn,
    /// `ENHANCEDSTATUSCODES` (RFC 2034).
    EnhancedStatusCodes,
    /// `STARTTLS` (RFC 3207).
    StartTls,
    /// `AUTH mech…` (RFC 4954), merged with the pre-standard `AUTH=mech…` line and the mechanisms
    /// of Exchange's `X-EXPS` line; no duplicates, in order of first appearance.
    Auth(Vec<AuthMechanism>),
    /// `REQUIRETLS` (RFC 8689).
    RequireTls,
    /// `MT-PRIORITY [profile]` (RFC 6710).
    MtPriority(Option<String>),
    /// `FUTURERELEASE max-interval max-datetime` (RFC 4865).
    FutureRelease {
        /// The longest hold interval, in seconds.
        max_interval: u64,
        /// The latest release date-time, as sent (RFC 3339).
        max_datetime: String,
    },
    /// `DELIVERBY [min]` (RFC 2852): the minimum by-time in seconds, if announced.
    DeliverBy(Option<u64>),
    /// `ETRN` (RFC 1985).
    Etrn,
    /// `EXPN` (RFC 5321 §3.5).
    Expn,
    /// `HELP` (RFC 5321 §4.1.1.8).
    Help,
    /// `VRFY` (RFC 5321 §3.5).
    Vrfy,
    /// `NO-SOLICITING [keywords]` (RFC 3865).
    NoSoliciting(Option<String>),
    /// `LIMITS name=value…` (RFC 9422).
    Limits(Vec<SmtpLimit>),
    /// Any other keyword, kept with its parameters.
    Unknown(UnknownCapability),
}

impl Capability {
    /// The keywords of the typed variants.
    pub const MODELLED: [&'static str; 20] = [
        "PIPELINING",
        "SIZE",
        "8BITMIME",
        "BINARYMIME",
        "CHUNKING",
        "SMTPUTF8",
        "DSN",
        "ENHANCEDSTATUSCODES",
        "STARTTLS",
        "AUTH",
        "REQUIRETLS",
        "MT-PRIORITY",
        "FUTURERELEASE",
        "DELIVERBY",
        "ETRN",
        "EXPN",
        "HELP",
        "VRFY",
        "NO-SOLICITING",
        "LIMITS",
    ];

    /// The keyword, upper-cased.
    pub fn keyword(&self) -> &str {
        match self {
            Capability::Pipelining => "PIPELINING",
            Capability::Size(_) => "SIZE",
            Capability::EightBitMime => "8BITMIME",
            Capability::BinaryMime => "BINARYMIME",
            Capability::Chunking => "CHUNKING",
            Capability::SmtpUtf8 => "SMTPUTF8",
            Capability::Dsn => "DSN",
            Capability::EnhancedStatusCodes => "ENHANCEDSTATUSCODES",
            Capability::StartTls => "STARTTLS",
            Capability::Auth(_) => "AUTH",
            Capability::RequireTls => "REQUIRETLS",
            Capability::MtPriority(_) => "MT-PRIORITY",
            Capability::FutureRelease { .. } => "FUTURERELEASE",
            Capability::DeliverBy(_) => "DELIVERBY",
            Capability::Etrn => "ETRN",
            Capability::Expn => "EXPN",
            Capability::Help => "HELP",
            Capability::Vrfy => "VRFY",
            Capability::NoSoliciting(_) => "NO-SOLICITING",
            Capability::Limits(_) => "LIMITS",
            Capability::Unknown(u) => u.keyword(),
        }
    }
}

/// The capabilities of an EHLO reply, in the order the server listed them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Capabilities {
    pub(crate) list: Vec<Capability>,
}

impl Capabilities {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a capability; an `AUTH` capability is merged into an existing one.
    pub fn push(&mut self, cap: Capability) {
        if let Capability::Auth(mechs) = cap {
            self.add_auth(mechs);
        } else {
            self.list.push(cap);
        }
    }

    pub(crate) fn add_auth(&mut self, mechs: Vec<AuthMechanism>) {
        let existing = self.list.iter_mut().find_map(|c| match c {
            Capability::Auth(v) => Some(v),
            _ => None,
        });
        let target = match existing {
            Some(v) => v,
            None => {
                self.list.push(Capability::Auth(Vec::new()));
                match self.list.last_mut() {
                    Some(Capability::Auth(v)) => v,
                    _ => return,
                }
            }
        };
        for m in mechs {
            if !target.contains(&m) {
                target.push(m);
            }
        }
    }

    /// Sets a capability: replaces the one with the same keyword in place (an `AUTH`
    /// capability's mechanisms are replaced, not merged) or appends it. Returns the replaced
    /// capability.
    ///
    /// ```
    /// use smtp_proto::types::{AuthMechanism, Capabilities, Capability};
    ///
    /// let mut caps: Capabilities = [Capability::Size(Some(1000)), Capability::Pipelining]
    ///     .into_iter()
    ///     .collect();
    /// assert_eq!(caps.set(Capability::Size(Some(2000))), Some(Capability::Size(Some(1000))));
    /// assert_eq!(caps.size(), Some(Some(2000)));
    /// assert_eq!(caps.set(Capability::Auth(vec![AuthMechanism::from_name("PLAIN")])), None);
    /// assert_eq!(caps.len(), 3);
    /// ```
    pub fn set(&mut self, cap: Capability) -> Option<Capability> {
        let keyword = cap.keyword();
        match self
            .list
            .iter()
            .position(|c| c.keyword().eq_ignore_ascii_case(keyword))
        {
            Some(i) => {
                let old = std::mem::replace(&mut self.list[i], cap);
                // A list built with `push` may hold the keyword twice; keep one.
                let kw = old.keyword().to_owned();
                let mut seen = 0;
                self.list.retain(|c| {
                    if c.keyword().eq_ignore_ascii_case(&kw) {
                        seen += 1;
                        seen == 1
                    } else {
                        true
                    }
                });
                Some(old)
            }
            None => {
                self.list.push(cap);
                None
            }
        }
    }

    /// Removes the capability with this keyword (case-insensitive), returning it: for
    /// example `STARTTLS` once TLS is active (RFC 3207 §4.2). Every entry with the keyword is
    /// removed; the first is returned.
    ///
    /// ```
    /// use smtp_proto::types::{Capabilities, Capability};
    ///
    /// let mut caps: Capabilities = [Capability::StartTls, Capability::Pipelining]
    ///     .into_iter()
    ///     .collect();
    /// assert_eq!(caps.remove("starttls"), Some(Capability::StartTls));
    /// assert_eq!(caps.remove("STARTTLS"), None);
    /// assert!(!caps.supports(&Capability::StartTls));
    /// ```
    pub fn remove(&mut self, keyword: &str) -> Option<Capability> {
        let i = self
            .list
            .iter()
            .position(|c| c.keyword().eq_ignore_ascii_case(keyword))?;
        let first = self.list.remove(i);
        self.list
            .retain(|c| !c.keyword().eq_ignore_ascii_case(keyword));
        Some(first)
    }

    /// Keeps only the capabilities for which `keep` returns true, in order.
    pub fn retain(&mut self, keep: impl FnMut(&Capability) -> bool) {
        self.list.retain(keep);
    }

    /// All capabilities, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Capability> + '_ {
        self.list.iter()
    }

    /// Whether the server advertised the same keyword as `cap` (parameters are not compared).
    pub fn supports(&self, cap: &Capability) -> bool {
        self.get(cap.keyword()).is_some()
    }

    /// The capability with this keyword (case-insensitive), if advertised.
    pub fn get(&self, keyword: &str) -> Option<&Capability> {
        self.list
            .iter()
            .find(|c| c.keyword().eq_ignore_ascii_case(keyword))
    }

    /// The `SIZE` value: `Some(None)` when `SIZE` came without a number.
    pub fn size(&self) -> Option<Option<u64>> {
        self.list.iter().find_map(|c| match c {
            Capability::Size(n) => Some(*n),
            _ => None,
        })
    }

    /// The advertised SASL mechanisms (empty when `AUTH` is absent).
    pub fn auth_mechanisms(&self) -> &[AuthMechanism] {
        self.list
            .iter()
            .find_map(|c| match c {
                Capability::Auth(v) => Some(v.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// The known [`Mechanism`]s among the advertised ones, in order.
    pub fn known_mechanisms(&self) -> impl Iterator<Item = Mechanism> + '_ {
        self.auth_mechanisms().iter().filter_map(|m| match m {
            AuthMechanism::Known(m) => Some(*m),
            AuthMechanism::Other(_) => None,
        })
    }

    /// The number of capabilities.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Adds each capability with [`Capabilities::push`] (`AUTH` lines are merged).
impl Extend<Capability> for Capabilities {
    fn extend<I: IntoIterator<Item = Capability>>(&mut self, iter: I) {
        for cap in iter {
            self.push(cap);
        }
    }
}

/// Collects with [`Capabilities::push`] (`AUTH` lines are merged).
impl FromIterator<Capability> for Capabilities {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        let mut caps = Capabilities::new();
        caps.extend(iter);
        caps
    }
}

impl<'a> IntoIterator for &'a Capabilities {
    type Item = &'a Capability;
    type IntoIter = std::slice::Iter<'a, Capability>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// A parsed positive EHLO reply (RFC 5321 §4.1.1.1): the server's domain, the rest of the
/// greeting line, and the capabilities.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EhloReply {
    /// The domain (or address literal) the server names itself with.
    pub domain: String,
    /// The rest of the first line after the domain and a space (may be empty).
    pub greeting: String,
    /// The capabilities of the following lines.
    pub capabilities: Capabilities,
}
