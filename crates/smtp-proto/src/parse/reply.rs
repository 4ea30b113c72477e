//! Reply parser (client side): multi-line replies (RFC 5321 §4.2), enhanced status codes
//! (RFC 2034, RFC 3463) and EHLO capability lists (RFC 5321 §4.1.1.1).
//!
//! The tolerances are listed on [`ReplyConfig`].

use std::borrow::Cow;

use mail_sasl::line::{BareLf, LineConfig, parse_line};

use super::{ParseError, ParseErrorKind, Status};
use crate::types::{
    AuthMechanism, Capabilities, Capability, EhloReply, EnhancedCode, Reply, ReplyCode, SmtpLimit,
    UnknownCapability, is_ehlo_keyword, is_ehlo_param, is_text_byte,
};

/// Limits and tolerances of [`parse_reply`].
///
/// # Tolerances
///
/// Each is a field:
///
/// - [`bare_lf`](ReplyConfig::bare_lf): lines ending in a bare LF (RFC 5321 §2.3.8 requires
///   CRLF); [`BareLf::Reject`] by default.
/// - [`max_line_len`](ReplyConfig::max_line_len): RFC 5321 §4.5.3.1.5 sets 512 octets for a
///   reply line, but servers send longer ones; the default is 4096.
/// - [`allow_8bit`](ReplyConfig::allow_8bit): 8-bit text (UTF-8 under RFC 6531, Latin-1 from
///   old servers), on by default.
/// - [`repeated_enhanced_codes`](ReplyConfig::repeated_enhanced_codes): the enhanced code of the
///   first line repeated at the start of later lines (RFC 2034 §4 asks for it on each line;
///   Gmail does so) is stripped from their text; on by default.
/// - [`lenient_spacing`](ReplyConfig::lenient_spacing): extra spaces between the separator and
///   the enhanced code (`250  2.1.0 ok`); EHLO keywords are always case-insensitive and split on
///   any run of spaces or tabs.
///
/// Always accepted:
///
/// - a final line with the code alone (`250`, no space): it is in the RFC 5321 §4.2 grammar
///   (`Reply-code [ SP textstring ] CRLF`), as is `250 ` with empty text;
/// - an enhanced code followed by end of line rather than a space (`250 2.0.0`);
/// - in EHLO replies ([`EhloReply::from_reply`]): keywords in any case, runs of spaces or tabs
///   between words, trailing spaces, the pre-standard `AUTH=mech` line and Exchange's
///   `X-EXPS mech` line (both merged into `AUTH`).
///
/// Always rejected: control characters other than HTAB in text (a bare CR included), codes
/// outside 2xx-5xx / x0x-x5x, lines whose code differs from the first line's.
///
/// Only one space after an enhanced code is removed: further spaces (RFC 2034 allows "one or
/// more") stay in the text, so that every reply round-trips through the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ReplyConfig {
    /// Maximum length of one reply line, CRLF included. Default 4096 (RFC 5321 §4.5.3.1.5
    /// requires servers to accept 512; many send more).
    pub max_line_len: usize,
    /// Maximum number of lines in one reply. Default 1000.
    pub max_lines: usize,
    /// What to do with a bare LF. Default [`BareLf::Reject`].
    pub bare_lf: BareLf,
    /// Parse an enhanced status code (RFC 2034) at the start of the first line when its class
    /// matches the reply code. Default `true`.
    pub enhanced_codes: bool,
    /// Strip the first line's enhanced code from the start of later lines. Default `true`.
    pub repeated_enhanced_codes: bool,
    /// Accept 8-bit bytes in text. Default `true`; when `false`, text is `textstring`
    /// (RFC 5321 §4.2: HTAB and printable ASCII).
    pub allow_8bit: bool,
    /// Accept several spaces before the enhanced code. Default `true`.
    pub lenient_spacing: bool,
}

impl Default for ReplyConfig {
    fn default() -> Self {
        Self {
            max_line_len: 4096,
            max_lines: 1000,
            bare_lf: BareLf::Reject,
            enhanced_codes: true,
            repeated_enhanced_codes: true,
            allow_8bit: true,
            lenient_spacing: true,
        }
    }
}

impl ReplyConfig {
    /// The defaults: see the field documentation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Strict RFC 5321 parsing: 512-octet lines, no 8-bit text, single spaces; enhanced codes
    /// are still parsed.
    pub fn strict() -> Self {
        Self {
            max_line_len: 512,
            allow_8bit: false,
            lenient_spacing: false,
            ..Self::default()
        }
    }
}

/// Parses one complete reply (RFC 5321 §4.2.1) from the start of `input`.
///
/// Returns the reply (borrowing its text from `input`) and the number of bytes it took, or
/// [`Status::Incomplete`] while the final line (`code SP text`) has not arrived; nothing is ever
/// consumed from a partial reply. Errors: a line that is not `3DIGIT ("-" / SP / end) text`, a
/// code out of range, lines with different codes, text with control characters, a line or line
/// count over the limits of `config`.
///
/// ```
/// use smtp_proto::parse::{ReplyConfig, Status, parse_reply};
///
/// let input = b"250-mx.example.org\r\n250 2.0.0 OK\r\n";
/// let Status::Complete((reply, n)) = parse_reply(input, &ReplyConfig::default())? else {
///     panic!()
/// };
/// assert_eq!(n, input.len());
/// assert_eq!(reply.code().get(), 250);
/// assert!(parse_reply(&input[..25], &ReplyConfig::default())?.is_incomplete());
/// # Ok::<(), smtp_proto::parse::ParseError>(())
/// ```
pub fn parse_reply<'a>(
    input: &'a [u8],
    config: &ReplyConfig,
) -> Result<Status<(Reply<'a>, usize)>, ParseError> {
    let line_config = LineConfig::new(config.max_line_len).with_bare_lf(config.bare_lf);
    let mut pos = 0;
    let mut code: Option<ReplyCode> = None;
    let mut enhanced: Option<EnhancedCode> = None;
    // The first line's text is held inline in the reply: a one-line reply allocates nothing.
    let mut first: Option<&'a [u8]> = None;
    let mut rest: Vec<Cow<'a, [u8]>> = Vec::new();
    loop {
        let line = match parse_line(&input[pos..], &line_config) {
            Ok(Status::Complete(line)) => line,
            Ok(Status::Incomplete(n)) => return Ok(Status::Incomplete(n)),
            Err(e) => {
                let mut e = ParseError::from(e);
                e.offset += pos;
                return Err(e);
            }
        };
        if usize::from(first.is_some()) + rest.len() >= config.max_lines {
            return Err(ParseError::new(pos, ParseErrorKind::TooMany("reply lines")));
        }
        let content = line.content();
        let err = |off: usize, kind| Err(ParseError::new(pos + off, kind));
        if content.len() < 3 || !content[..3].iter().all(u8::is_ascii_digit) {
            return err(0, ParseErrorKind::Expected("three-digit reply code"));
        }
        let value = content[..3]
            .iter()
            .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        let this = match ReplyCode::new(value) {
            Ok(c) => c,
            Err(_) => return err(0, ParseErrorKind::Invalid("reply code")),
        };
        match code {
            Some(c) if c != this => {
                return err(
                    0,
                    ParseErrorKind::Invalid("reply code differs between lines"),
                );
            }
            _ => code = Some(this),
        }
        let (last, mut text) = match content.get(3) {
            None => (true, &content[3..3]),
            Some(b' ') => (true, &content[4..]),
            Some(b'-') => (false, &content[4..]),
            Some(_) => return err(3, ParseErrorKind::Expected("SP or \"-\" after reply code")),
        };
        // A branch-free pass the compiler vectorizes; the position is looked for only when
        // there is a bad byte to report.
        let max = if config.allow_8bit { 0xff } else { 0x7f };
        let bad = |b: u8| !is_text_byte(b) || b > max;
        if text.iter().fold(false, |acc, &b| acc | bad(b)) {
            let i = text.iter().position(|&b| bad(b)).unwrap_or(0);
            return err(4 + i, ParseErrorKind::Invalid("byte in reply text"));
        }
        if config.enhanced_codes {
            let is_first = first.is_none();
            let strip = if is_first {
                match_enhanced(text, this, config.lenient_spacing)
            } else if config.repeated_enhanced_codes {
                match_enhanced(text, this, config.lenient_spacing)
                    .filter(|(e, _)| Some(*e) == enhanced)
            } else {
                None
            };
            if let Some((e, n)) = strip {
                if is_first {
                    enhanced = Some(e);
                }
                text = &text[n..];
            }
        }
        match first {
            None => first = Some(text),
            Some(_) => rest.push(Cow::Borrowed(text)),
        }
        pos += line.consumed();
        if last {
            let reply = Reply {
                code: this,
                enhanced,
                first: Cow::Borrowed(first.unwrap_or_default()),
                rest,
            };
            return Ok(Status::Complete((reply, pos)));
        }
    }
}

/// An enhanced code at the start of `text` whose class matches `code`, and how many bytes to
/// strip (the code and one following space).
fn match_enhanced(text: &[u8], code: ReplyCode, lenient: bool) -> Option<(EnhancedCode, usize)> {
    let lead = if lenient {
        text.iter().take_while(|&&b| b == b' ').count()
    } else {
        0
    };
    let (e, n) = EnhancedCode::parse_prefix(&text[lead..])?;
    if u16::from(e.class()) != code.get() / 100 {
        return None;
    }
    match text.get(lead + n) {
        None => Some((e, lead + n)),
        Some(b' ') => Some((e, lead + n + 1)),
        Some(_) => None,
    }
}

impl EhloReply {
    /// Interprets a positive (`250`) EHLO reply (RFC 5321 §4.1.1.1): the first line is
    /// `domain [SP greeting]`, each later line `keyword *(SP param)`.
    ///
    /// Keywords are case-insensitive. `AUTH mech…`, the pre-standard `AUTH=mech…` and
    /// Exchange's `X-EXPS mech…` lines are merged into one [`Capability::Auth`]. A keyword
    /// whose parameters do not fit its extension (`SIZE abc`) is kept as
    /// [`Capability::Unknown`]; lines that are not `ehlo-line` syntax at all (or not UTF-8)
    /// are skipped. The first line is decoded as UTF-8 with replacement characters.
    pub fn from_reply(reply: &Reply<'_>) -> Result<Self, ParseError> {
        if reply.code() != ReplyCode::OK {
            return Err(ParseError::new(
                0,
                ParseErrorKind::Expected("250 reply to EHLO"),
            ));
        }
        let first = String::from_utf8_lossy(reply.first_line());
        let first = first.trim_matches([' ', '\t']);
        let (domain, greeting) = match first.split_once([' ', '\t']) {
            Some((d, g)) => (d, g.trim_start_matches([' ', '\t'])),
            None => (first, ""),
        };
        let mut caps = Capabilities::new();
        for line in reply.lines().skip(1) {
            let Ok(line) = std::str::from_utf8(line) else {
                continue;
            };
            let mut words = line.split([' ', '\t']).filter(|w| !w.is_empty());
            let Some(keyword) = words.next() else {
                continue;
            };
            let params: Vec<&str> = words.collect();
            parse_capability(&mut caps, keyword, &params);
        }
        Ok(EhloReply {
            domain: domain.to_owned(),
            greeting: greeting.to_owned(),
            capabilities: caps,
        })
    }
}

fn parse_capability(caps: &mut Capabilities, keyword: &str, params: &[&str]) {
    if let Some((k, first)) = keyword.split_once('=') {
        // Pre-RFC 2554 `AUTH=LOGIN PLAIN`.
        if k.eq_ignore_ascii_case("AUTH") {
            let mechs = std::iter::once(first)
                .chain(params.iter().copied())
                .filter(|m| is_ehlo_param(m))
                .map(AuthMechanism::from_name)
                .collect();
            caps.add_auth(mechs);
        }
        return;
    }
    if !is_ehlo_keyword(keyword) || !params.iter().all(|p| is_ehlo_param(p)) {
        return;
    }
    let upper = keyword.to_ascii_uppercase();
    let num = |p: &str| {
        p.parse::<u64>()
            .ok()
            .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let cap = match (upper.as_str(), params) {
        ("PIPELINING", []) => Some(Capability::Pipelining),
        ("SIZE", []) => Some(Capability::Size(None)),
        ("SIZE", [n]) => num(n).map(|n| Capability::Size(Some(n))),
        ("8BITMIME", []) => Some(Capability::EightBitMime),
        ("BINARYMIME", []) => Some(Capability::BinaryMime),
        ("CHUNKING", []) => Some(Capability::Chunking),
        ("SMTPUTF8", []) => Some(Capability::SmtpUtf8),
        ("DSN", []) => Some(Capability::Dsn),
        ("ENHANCEDSTATUSCODES", []) => Some(Capability::EnhancedStatusCodes),
        ("STARTTLS", []) => Some(Capability::StartTls),
        ("AUTH" | "X-EXPS", mechs) => {
            caps.add_auth(mechs.iter().map(|m| AuthMechanism::from_name(m)).collect());
            return;
        }
        ("REQUIRETLS", []) => Some(Capability::RequireTls),
        ("MT-PRIORITY", []) => Some(Capability::MtPriority(None)),
        ("MT-PRIORITY", [p]) => Some(Capability::MtPriority(Some((*p).to_owned()))),
        ("FUTURERELEASE", [i, d]) => num(i).map(|max_interval| Capability::FutureRelease {
            max_interval,
            max_datetime: (*d).to_owned(),
        }),
        ("DELIVERBY", []) => Some(Capability::DeliverBy(None)),
        ("DELIVERBY", [n]) => num(n).map(|n| Capability::DeliverBy(Some(n))),
        ("ETRN", []) => Some(Capability::Etrn),
        ("EXPN", []) => Some(Capability::Expn),
        ("HELP", []) => Some(Capability::Help),
        ("VRFY", []) => Some(Capability::Vrfy),
        ("NO-SOLICITING", []) => Some(Capability::NoSoliciting(None)),
        ("NO-SOLICITING", [k]) => Some(Capability::NoSoliciting(Some((*k).to_owned()))),
        ("LIMITS", limits) => limits
            .iter()
            .map(|l| {
                let (name, value) = l.split_once('=')?;
                if !is_ehlo_keyword(name) || value.is_empty() {
                    return None;
                }
                let name = name.to_ascii_uppercase();
                Some(match (name.as_str(), num(value)) {
                    ("RCPTMAX", Some(n)) => SmtpLimit::RcptMax(n),
                    ("MAILMAX", Some(n)) => SmtpLimit::MailMax(n),
                    ("RCPTDOMAINMAX", Some(n)) => SmtpLimit::RcptDomainMax(n),
                    _ => SmtpLimit::Other(name, value.to_owned()),
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(Capability::Limits),
        _ => None,
    };
    let cap = cap.or_else(|| {
        UnknownCapability::new_unchecked_keyword(
            keyword,
            params.iter().map(|p| (*p).to_owned()).collect(),
        )
        .ok()
        .map(Capability::Unknown)
    });
    if let Some(cap) = cap {
        caps.list.push(cap);
    }
}
