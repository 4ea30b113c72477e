//! Response parser (client side): status lines with response codes (RFC 1939 §3, RFC 2449 §3
//! and §8), SASL continuations (RFC 5034 §4), multi-line responses and their lines (listings,
//! capabilities, languages), the APOP timestamp of the greeting (RFC 1939 §7), and message
//! bodies as a stream ([`BodyDecoder`]).
//!
//! The tolerances are listed on [`ResponseConfig`].

use std::borrow::Cow;

use mail_sasl::dot::{Progress, Unstuffer};
use mail_sasl::line::{BareLf, LineConfig, parse_line};

use super::{ParseError, Status, expected, invalid, number};
use crate::types::{
    AuthMechanism, Capabilities, Capability, Continuation, DropListing, ExpirePolicy,
    LanguageListing, MessageNumber, Response, ResponseCode, ScanListing, ServerLine,
    StatusIndicator, UniqueId, UniqueIdListing, UnknownCapability, is_capa_param, is_capa_tag,
    is_text_byte,
};

/// The longest response line RFC 1939 §3 and RFC 2449 §4 allow, CRLF included.
pub const RESPONSE_LINE_MAX: usize = mail_sasl::line::POP3_RESPONSE_LINE_MAX;

/// Limits and tolerances of the response parsers.
///
/// # Tolerances
///
/// Each is a field; [`ResponseConfig::strict`] turns off those that can be turned off:
///
/// - [`max_line_len`](ResponseConfig::max_line_len): lines over 512 octets (RFC 1939 §3,
///   RFC 2449 §4 set 512 for a response line and a capability line; greetings and `-ERR` texts
///   of real servers exceed it). Default 4096. Lines of a message body are not bound by it.
/// - [`skip_blank_lines`](ResponseConfig::skip_blank_lines): an empty line where a status line
///   is expected (a leading blank line before the greeting or a response) is skipped. On by
///   default.
/// - [`resp_codes_underscore`](ResponseConfig::resp_codes_underscore): the capability spelled
///   `RESP_CODES` (seen from some servers) is read as `RESP-CODES`. On by default.
/// - [`restore_unstuffed_dots`](ResponseConfig::restore_unstuffed_dots): a line of a multi-line
///   response that starts with a single `.` followed by something other than `.` or CRLF can
///   only come from a server that did not dot-stuff (a stuffing server doubles every leading
///   dot); its dot is kept instead of removed, so the line arrives as the server had it. On by
///   default. Undetectable: an unstuffed line holding only `.`, which ends the response.
/// - [`bare_lf`](ResponseConfig::bare_lf): status and listing lines ending in a bare LF.
///   Rejected by default. (In a message body a bare LF is data, passed through.)
///
/// Always accepted:
///
/// - a multi-line response split anywhere across reads (the `CAPA` list included): parsers
///   return [`Status::Incomplete`] and never consume a partial line;
/// - response codes in any case, with unknown levels kept (RFC 2449 §8: "Clients MUST ignore
///   unknown hierarchical detail");
/// - a `[` that does not open a valid response code is kept as text;
/// - 8-bit text (UTF-8 per RFC 6856, Latin-1 from old servers);
/// - in listings, several spaces between fields and information after the size of a scan
///   listing (RFC 1939 §5 "makes no requirement on what follows the message size");
/// - capability tags in any case (RFC 2449 §5), runs of spaces between parameters, 8-bit
///   parameters;
/// - a bare `+` (without the space) as an empty SASL continuation, and spaces after a
///   continuation's base64.
///
/// Always rejected: control characters other than HTAB in a status line, lines that start
/// with neither `+OK` nor `-ERR`, `+OK`/`-ERR` followed by something other than a space.
///
/// Only one space after a response code is removed; further spaces stay in the text, so that
/// every response round-trips through the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ResponseConfig {
    /// Maximum length of a status or listing line, CRLF included. Default 4096
    /// ([`RESPONSE_LINE_MAX`] is the RFC value).
    pub max_line_len: usize,
    /// What to do with a bare LF ending a status or listing line. Default [`BareLf::Reject`].
    pub bare_lf: BareLf,
    /// Skip empty lines before a status line. Default `true`.
    pub skip_blank_lines: bool,
    /// Read the capability `RESP_CODES` as `RESP-CODES`. Default `true`.
    pub resp_codes_underscore: bool,
    /// Keep the dot of a detectably unstuffed line in a multi-line response. Default `true`.
    pub restore_unstuffed_dots: bool,
}

impl Default for ResponseConfig {
    fn default() -> Self {
        Self {
            max_line_len: 4096,
            bare_lf: BareLf::Reject,
            skip_blank_lines: true,
            resp_codes_underscore: true,
            restore_unstuffed_dots: true,
        }
    }
}

impl ResponseConfig {
    /// The defaults; see the field documentation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Strict RFC parsing: 512-octet lines, no blank lines, `RESP-CODES` only, every leading
    /// dot removed (RFC 1939 §3).
    pub fn strict() -> Self {
        Self {
            max_line_len: RESPONSE_LINE_MAX,
            bare_lf: BareLf::Reject,
            skip_blank_lines: false,
            resp_codes_underscore: false,
            restore_unstuffed_dots: false,
        }
    }

    fn line_config(&self) -> LineConfig {
        LineConfig::new(self.max_line_len).with_bare_lf(self.bare_lf)
    }
}

/// Splits a response code off the start of `text`: `[code]` and one space after it.
pub(crate) fn split_code(text: &[u8]) -> Option<(ResponseCode<'_>, &[u8])> {
    if text.first() != Some(&b'[') {
        return None;
    }
    let close = memchr::memchr(b']', text)?;
    let inner = std::str::from_utf8(&text[1..close]).ok()?;
    let code = ResponseCode::new(inner).ok()?;
    let mut rest = &text[close + 1..];
    if rest.first() == Some(&b' ') {
        rest = &rest[1..];
    }
    Some((code, rest))
}

/// Interprets the content of a status line (without terminator). `base` is its offset in the
/// caller's input, for errors.
fn status_line(content: &[u8], base: usize) -> Result<Response<'_>, ParseError> {
    let (status, rest) = if let Some(rest) = content.strip_prefix(b"+OK") {
        (StatusIndicator::Ok, rest)
    } else if let Some(rest) = content.strip_prefix(b"-ERR") {
        (StatusIndicator::Err, rest)
    } else {
        return Err(expected(base, "+OK or -ERR"));
    };
    let after = content.len() - rest.len();
    let text = match rest.first() {
        None => rest,
        Some(b' ') => &rest[1..],
        Some(_) => return Err(expected(base + after, "space after status")),
    };
    if let Some(i) = text.iter().position(|&b| !is_text_byte(b)) {
        return Err(invalid(base + after + 1 + i, "byte in response text"));
    }
    let (code, text) = match split_code(text) {
        Some((code, rest)) => (Some(code), rest),
        None => (None, text),
    };
    Ok(Response {
        status,
        code,
        text: Cow::Borrowed(text),
    })
}

/// Runs `f` on the first line of `input` that is not blank (when blank lines are skipped),
/// returning its value and the bytes used, blank lines included.
fn first_line<'a, T>(
    input: &'a [u8],
    config: &ResponseConfig,
    f: impl FnOnce(&'a [u8], usize) -> Result<T, ParseError>,
) -> Result<Status<(T, usize)>, ParseError> {
    let line_config = config.line_config();
    let mut pos = 0;
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
        if line.content().is_empty() && config.skip_blank_lines {
            pos += line.consumed();
            continue;
        }
        let value = f(line.content(), pos)?;
        return Ok(Status::Complete((value, pos + line.consumed())));
    }
}

/// Parses one `+OK` / `-ERR` line (RFC 1939 §3, RFC 2449 §3 `single-line`; the greeting is one
/// too) from the start of `input`.
///
/// Returns the response (borrowing its text from `input`) and the bytes it took, or
/// [`Status::Incomplete`] before the line's LF. A response code (`[IN-USE]`, RFC 2449 §8) at
/// the start of the text is split off. For a command whose response is multi-line (see
/// [`Command::response_shape`](crate::types::Command::response_shape)) the body follows a `+OK`.
///
/// ```
/// use pop3_proto::parse::{parse_response, ResponseConfig, Status};
/// use pop3_proto::types::CodeKind;
///
/// let input = b"-ERR [IN-USE] Do you have another POP session running?\r\n";
/// let Status::Complete((r, n)) = parse_response(input, &ResponseConfig::default())? else {
///     unreachable!()
/// };
/// assert_eq!(n, input.len());
/// assert!(!r.is_ok());
/// assert_eq!(r.code().unwrap().kind(), CodeKind::InUse);
/// assert_eq!(r.text(), b"Do you have another POP session running?");
/// # Ok::<(), pop3_proto::parse::ParseError>(())
/// ```
pub fn parse_response<'a>(
    input: &'a [u8],
    config: &ResponseConfig,
) -> Result<Status<(Response<'a>, usize)>, ParseError> {
    first_line(input, config, status_line)
}

/// Parses one line sent during an `AUTH` exchange: a `+ ` continuation with a base64
/// challenge, or the final `+OK` / `-ERR` (RFC 5034 §4-§5).
///
/// ```
/// use pop3_proto::parse::{parse_server_line, ResponseConfig, Status};
/// use pop3_proto::types::ServerLine;
///
/// let Status::Complete((line, _)) = parse_server_line(b"+ \r\n", &ResponseConfig::default())? else {
///     unreachable!()
/// };
/// let ServerLine::Continuation(c) = line else { unreachable!() };
/// assert_eq!(c.decode().unwrap(), b"");
/// # Ok::<(), pop3_proto::parse::ParseError>(())
/// ```
pub fn parse_server_line<'a>(
    input: &'a [u8],
    config: &ResponseConfig,
) -> Result<Status<(ServerLine<'a>, usize)>, ParseError> {
    first_line(input, config, |content, base| {
        if content == b"+" || content.starts_with(b"+ ") {
            let mut payload = content.get(2..).unwrap_or(&[]);
            while let [rest @ .., b' ' | b'\t'] = payload {
                payload = rest;
            }
            let payload = std::str::from_utf8(payload)
                .ok()
                .and_then(|p| Continuation::from_encoded(p).ok())
                .ok_or_else(|| invalid(base + 2, "continuation"))?;
            return Ok(ServerLine::Continuation(payload));
        }
        status_line(content, base).map(ServerLine::Response)
    })
}

/// One line of a multi-line response after its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MultiLineItem<'a> {
    /// A line, un-stuffed (RFC 1939 §3: a leading termination octet removed), without CRLF.
    Line(&'a [u8]),
    /// The terminating `.` line.
    End,
}

/// Un-stuffs one line of a multi-line response (RFC 1939 §3); `None` for the end line.
fn unstuff_line<'a>(content: &'a [u8], config: &ResponseConfig) -> Option<&'a [u8]> {
    match content {
        b"." => None,
        [b'.', second, ..] if *second != b'.' && config.restore_unstuffed_dots => Some(content),
        [b'.', rest @ ..] => Some(rest),
        _ => Some(content),
    }
}

/// Parses the next line of a multi-line response (after its `+OK` line): a data line,
/// un-stuffed, or the end line `.`. For listings, capabilities and languages, whose lines are
/// short; stream message bodies with [`BodyDecoder`] instead.
pub fn parse_multiline_item<'a>(
    input: &'a [u8],
    config: &ResponseConfig,
) -> Result<Status<(MultiLineItem<'a>, usize)>, ParseError> {
    let line = match parse_line(input, &config.line_config())? {
        Status::Complete(line) => line,
        Status::Incomplete(n) => return Ok(Status::Incomplete(n)),
    };
    let item = match unstuff_line(line.content(), config) {
        None => MultiLineItem::End,
        Some(l) => MultiLineItem::Line(l),
    };
    Ok(Status::Complete((item, line.consumed())))
}

/// A complete multi-line response (RFC 2449 §3 `multi-line`): its first line and its lines,
/// un-stuffed. A `-ERR` has no lines.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MultiLine<'a> {
    /// The first line.
    pub response: Response<'a>,
    /// The lines between the first line and the `.` line, un-stuffed, without CRLF.
    pub lines: Vec<Cow<'a, [u8]>>,
}

/// Parses a whole response to a command whose `+OK` is multi-line (`CAPA`, `LIST`, `UIDL`,
/// `LANG`, …): the first line and, on `+OK`, every line up to `.`; a `-ERR` is one line.
/// Returns [`Status::Incomplete`] until the end line has arrived.
///
/// ```
/// use pop3_proto::parse::{parse_multiline, ResponseConfig, Status};
///
/// let input = b"+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n";
/// let config = ResponseConfig::default();
/// let Status::Complete((m, n)) = parse_multiline(input, &config)? else { unreachable!() };
/// assert_eq!(n, input.len());
/// let listings = m.scan_listings()?;
/// assert_eq!((listings[1].msg.get(), listings[1].size), (2, 200));
/// assert!(parse_multiline(&input[..n - 1], &config)?.is_incomplete());
/// # Ok::<(), pop3_proto::parse::ParseError>(())
/// ```
pub fn parse_multiline<'a>(
    input: &'a [u8],
    config: &ResponseConfig,
) -> Result<Status<(MultiLine<'a>, usize)>, ParseError> {
    let (response, mut pos) = match parse_response(input, config)? {
        Status::Complete(v) => v,
        Status::Incomplete(n) => return Ok(Status::Incomplete(n)),
    };
    let mut lines = Vec::new();
    if response.is_ok() {
        loop {
            match parse_multiline_item(&input[pos..], config) {
                Ok(Status::Complete((item, n))) => {
                    pos += n;
                    match item {
                        MultiLineItem::Line(l) => lines.push(Cow::Borrowed(l)),
                        MultiLineItem::End => break,
                    }
                }
                Ok(Status::Incomplete(n)) => return Ok(Status::Incomplete(n)),
                Err(mut e) => {
                    e.offset += pos;
                    return Err(e);
                }
            }
        }
    }
    Ok(Status::Complete((MultiLine { response, lines }, pos)))
}

impl<'a> MultiLine<'a> {
    /// The lines as scan listings (`LIST`).
    pub fn scan_listings(&self) -> Result<Vec<ScanListing>, ParseError> {
        self.lines.iter().map(|l| ScanListing::parse(l)).collect()
    }

    /// The lines as unique-id listings (`UIDL`).
    pub fn unique_ids(&self) -> Result<Vec<UniqueIdListing<'_>>, ParseError> {
        self.lines
            .iter()
            .map(|l| UniqueIdListing::parse(l))
            .collect()
    }

    /// The lines as capabilities (`CAPA`); lines that are not capability syntax are skipped.
    pub fn capabilities(&self, config: &ResponseConfig) -> Capabilities {
        Capabilities::from_lines(self.lines.iter().map(|l| &**l), config)
    }

    /// The lines as language listings (`LANG`).
    pub fn languages(&self) -> Result<Vec<LanguageListing>, ParseError> {
        self.lines
            .iter()
            .map(|l| LanguageListing::parse(l))
            .collect()
    }

    /// The same response, owning its lines.
    pub fn into_owned(self) -> MultiLine<'static> {
        MultiLine {
            response: self.response.into_owned(),
            lines: self
                .lines
                .into_iter()
                .map(|l| Cow::Owned(l.into_owned()))
                .collect(),
        }
    }
}

/// A listing line split into its first two fields and the rest.
type Fields<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// Splits a listing line into its first two space-separated fields and the rest.
fn two_fields(line: &[u8]) -> Result<Fields<'_>, ParseError> {
    let first_end = line
        .iter()
        .position(|&b| b == b' ')
        .ok_or_else(|| expected(line.len(), "space"))?;
    let second_start = first_end + line[first_end..].iter().take_while(|&&b| b == b' ').count();
    let second_len = line[second_start..]
        .iter()
        .take_while(|&&b| b != b' ')
        .count();
    let second_end = second_start + second_len;
    Ok((
        &line[..first_end],
        &line[second_start..second_end],
        &line[second_end..],
    ))
}

fn message_number(field: &[u8], at: usize) -> Result<MessageNumber, ParseError> {
    match number(field, u64::from(u32::MAX)) {
        Some((n, len)) if len == field.len() => {
            MessageNumber::new(n as u32).ok_or_else(|| invalid(at, "message number"))
        }
        _ => Err(expected(at, "message number")),
    }
}

fn size(field: &[u8], at: usize) -> Result<u64, ParseError> {
    match number(field, u64::MAX) {
        Some((n, len)) if len == field.len() => Ok(n),
        _ => Err(expected(at, "size")),
    }
}

impl ScanListing {
    /// Parses a scan listing `msg SP size` (RFC 1939 §5); what follows the size is ignored.
    pub fn parse(line: &[u8]) -> Result<Self, ParseError> {
        let (msg, sz, rest) = two_fields(line)?;
        let msg = message_number(msg, 0)?;
        let size = size(sz, line.len() - sz.len() - rest.len())?;
        Ok(Self { msg, size })
    }

    /// The scan listing of a `+OK` to `LIST msg`.
    pub fn from_response(response: &Response<'_>) -> Result<Self, ParseError> {
        if !response.is_ok() {
            return Err(expected(0, "+OK"));
        }
        Self::parse(response.text())
    }
}

impl DropListing {
    /// The drop listing of a `+OK` to `STAT` (RFC 1939 §5): `count SP size`, what follows is
    /// ignored.
    pub fn from_response(response: &Response<'_>) -> Result<Self, ParseError> {
        if !response.is_ok() {
            return Err(expected(0, "+OK"));
        }
        let text = response.text();
        let (count, sz, rest) = two_fields(text)?;
        let count = match number(count, u64::from(u32::MAX)) {
            Some((n, len)) if len == count.len() => n as u32,
            _ => return Err(expected(0, "message count")),
        };
        let size = size(sz, text.len() - sz.len() - rest.len())?;
        Ok(Self { count, size })
    }
}

impl<'a> UniqueIdListing<'a> {
    /// Parses a unique-id listing `msg SP unique-id` (RFC 1939 §7). Trailing spaces are
    /// tolerated; anything else after the unique-id is an error.
    pub fn parse(line: &'a [u8]) -> Result<Self, ParseError> {
        let (msg, uid, rest) = two_fields(line)?;
        let msg = message_number(msg, 0)?;
        let at = line.len() - uid.len() - rest.len();
        if !rest.iter().all(|&b| b == b' ') {
            return Err(expected(at + uid.len(), "end of line"));
        }
        let uid = std::str::from_utf8(uid)
            .ok()
            .and_then(|u| UniqueId::new(u).ok())
            .ok_or_else(|| invalid(at, "unique-id"))?;
        Ok(Self { msg, uid })
    }

    /// The unique-id listing of a `+OK` to `UIDL msg`.
    pub fn from_response(response: &'a Response<'_>) -> Result<Self, ParseError> {
        if !response.is_ok() {
            return Err(expected(0, "+OK"));
        }
        Self::parse(response.text())
    }
}

impl LanguageListing {
    /// Parses a language listing `tag [SP description]` (RFC 6856 §3.2); the description must
    /// be UTF-8.
    pub fn parse(line: &[u8]) -> Result<Self, ParseError> {
        let (tag, description) = match line.iter().position(|&b| b == b' ') {
            Some(i) => (&line[..i], Some(&line[i + 1..])),
            None => (line, None),
        };
        let tag = std::str::from_utf8(tag).map_err(|_| invalid(0, "language tag"))?;
        let description = match description {
            Some(d) => Some(
                std::str::from_utf8(d)
                    .map_err(|e| invalid(tag.len() + 1 + e.valid_up_to(), "utf-8"))?
                    .to_owned(),
            ),
            None => None,
        };
        LanguageListing::new(tag, description).map_err(|_| invalid(0, "language listing"))
    }
}

/// Parses one capability line (RFC 2449 §3 `capability = capa-tag *(SP param)`), without its
/// CRLF. A modelled tag whose parameters do not fit (`LOGIN-DELAY soon`) is kept as
/// [`Capability::Unknown`]; a line that is not capability syntax at all is an error.
///
/// ```
/// use pop3_proto::parse::{parse_capability, ResponseConfig};
/// use pop3_proto::types::{Capability, ExpirePolicy};
///
/// let c = ResponseConfig::default();
/// assert_eq!(
///     parse_capability(b"EXPIRE 5 USER", &c)?,
///     Capability::Expire { policy: ExpirePolicy::Days(5), per_user: true }
/// );
/// assert_eq!(parse_capability(b"resp_codes", &c)?, Capability::RespCodes);
/// # Ok::<(), pop3_proto::parse::ParseError>(())
/// ```
pub fn parse_capability(line: &[u8], config: &ResponseConfig) -> Result<Capability, ParseError> {
    let text = std::str::from_utf8(line).map_err(|e| invalid(e.valid_up_to(), "utf-8"))?;
    let mut words = text.split(' ').filter(|w| !w.is_empty());
    let tag = words.next().ok_or_else(|| expected(0, "capability"))?;
    if !is_capa_tag(tag) {
        return Err(invalid(0, "capability tag"));
    }
    let params: Vec<&str> = words.collect();
    if !params.iter().all(|p| is_capa_param(p)) {
        return Err(invalid(tag.len(), "capability parameter"));
    }
    let upper = tag.to_ascii_uppercase();
    let num = |p: &str| {
        p.parse::<u64>()
            .ok()
            .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let is_user = |p: &str| p.eq_ignore_ascii_case("USER");
    let cap = match (upper.as_str(), params.as_slice()) {
        ("TOP", []) => Some(Capability::Top),
        ("USER", []) => Some(Capability::User),
        ("SASL", mechs) => Some(Capability::Sasl(
            mechs.iter().map(|m| AuthMechanism::from_name(m)).collect(),
        )),
        ("RESP-CODES", []) => Some(Capability::RespCodes),
        ("RESP_CODES", []) if config.resp_codes_underscore => Some(Capability::RespCodes),
        ("LOGIN-DELAY", [n]) => num(n).map(|seconds| Capability::LoginDelay {
            seconds,
            per_user: false,
        }),
        ("LOGIN-DELAY", [n, u]) if is_user(u) => num(n).map(|seconds| Capability::LoginDelay {
            seconds,
            per_user: true,
        }),
        ("PIPELINING", []) => Some(Capability::Pipelining),
        ("EXPIRE", [p, rest @ ..]) if rest.is_empty() || (rest.len() == 1 && is_user(rest[0])) => {
            let policy = if p.eq_ignore_ascii_case("NEVER") {
                Some(ExpirePolicy::Never)
            } else {
                num(p).map(ExpirePolicy::Days)
            };
            policy.map(|policy| Capability::Expire {
                policy,
                per_user: !rest.is_empty(),
            })
        }
        ("UIDL", []) => Some(Capability::Uidl),
        ("IMPLEMENTATION", tokens) if !tokens.is_empty() => {
            Some(Capability::Implementation(tokens.join(" ")))
        }
        ("STLS", []) => Some(Capability::Stls),
        ("AUTH-RESP-CODE", []) => Some(Capability::AuthRespCode),
        ("UTF8", []) => Some(Capability::Utf8 { user: false }),
        ("UTF8", [u]) if is_user(u) => Some(Capability::Utf8 { user: true }),
        ("LANG", []) => Some(Capability::Lang),
        _ => None,
    };
    match cap {
        Some(c) => Ok(c),
        None => UnknownCapability::new_unchecked_tag(
            tag,
            params.iter().map(|p| (*p).to_owned()).collect(),
        )
        .map(Capability::Unknown)
        .map_err(|_| invalid(0, "capability")),
    }
}

impl Capabilities {
    /// Builds the list from the lines of a `CAPA` response (un-stuffed, without CRLF), skipping
    /// lines that are not capability syntax. `SASL` lines are merged.
    pub fn from_lines<'l>(
        lines: impl IntoIterator<Item = &'l [u8]>,
        config: &ResponseConfig,
    ) -> Self {
        let mut caps = Capabilities::new();
        for line in lines {
            if let Ok(c) = parse_capability(line, config) {
                caps.push(c);
            }
        }
        caps
    }
}

/// Finds the APOP timestamp (RFC 1939 §7, RFC 2449 §3 `timestamp = "<" *VCHAR ">"`) anywhere
/// in a greeting's text: the first `<…>` whose inside is one or more visible characters without
/// `<` or `>`. One pass over the text, so linear in its length whatever it holds.
///
/// ```
/// use pop3_proto::parse::apop_timestamp;
///
/// let text = b"POP3 server ready <1896.697170952@dbc.mtview.ca.us>";
/// assert_eq!(apop_timestamp(text), Some(&b"<1896.697170952@dbc.mtview.ca.us>"[..]));
/// assert_eq!(apop_timestamp(b"<<< no > <a b> <>"), None);
/// ```
pub fn apop_timestamp(text: &[u8]) -> Option<&[u8]> {
    let mut start: Option<usize> = None;
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'<' => start = Some(i),
            b'>' => {
                if let Some(s) = start {
                    if i > s + 1 {
                        return Some(&text[s..=i]);
                    }
                }
                start = None;
            }
            0x21..=0x7e => {}
            _ => start = None,
        }
    }
    None
}

impl Response<'_> {
    /// The APOP timestamp in the text of this (greeting) response, if any; see
    /// [`apop_timestamp`]. A response code is not searched.
    pub fn apop_timestamp(&self) -> Option<&[u8]> {
        if !self.is_ok() {
            return None;
        }
        apop_timestamp(&self.text)
    }
}

/// Where a [`BodyDecoder`] is relative to line starts on the wire (for the unstuffed-dot
/// tolerance only; the un-stuffing itself is [`Unstuffer`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Track {
    /// At the start of the body or right after CRLF.
    LineStart,
    /// After a `.` at a line start, which the unstuffer holds back.
    Dot,
    /// After a CR.
    Cr,
    /// Anywhere else.
    Mid,
}

impl Track {
    fn step(self, b: u8) -> Track {
        match (self, b) {
            (_, b'\r') => Track::Cr,
            (Track::Cr, b'\n') => Track::LineStart,
            (Track::LineStart, b'.') => Track::Dot,
            _ => Track::Mid,
        }
    }

    /// The state after `chunk`, which was read starting in `self`. The last three bytes decide
    /// it whatever came before them.
    fn after(self, chunk: &[u8]) -> Track {
        let (start, tail) = if chunk.len() >= 3 {
            (Track::Mid, &chunk[chunk.len() - 3..])
        } else {
            (self, chunk)
        };
        tail.iter().fold(start, |t, &b| t.step(b))
    }
}

/// What a [`BodyDecoder`] call found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use]
pub enum BodyProgress {
    /// All the input was body data: call again with more.
    Continue,
    /// The end line (`CRLF.CRLF`) was read: the first `consumed` input bytes of this call were
    /// body and terminator; the rest (the next pipelined response) belongs to the caller.
    End {
        /// Input bytes of this call used, terminator included.
        consumed: usize,
    },
}

/// A streaming decoder of the body of a multi-line response (RFC 1939 §3): wire bytes after the
/// `+OK` line in, un-stuffed data out, byte-exact.
///
/// Un-stuffing is [`mail_sasl::dot::Unstuffer`]'s: the body ends only on `CRLF.CRLF` (or `.CRLF`
/// at its start), a leading dot is removed from every other line, bare CR and LF are data.
/// With [`ResponseConfig::restore_unstuffed_dots`] a line that starts with one dot followed by
/// anything but `.` or CR keeps its dot (the server did not stuff it). Results do not depend on
/// how the input is split, and nothing is buffered: the caller's `out` receives the data.
///
/// ```
/// use pop3_proto::parse::{BodyDecoder, BodyProgress, ResponseConfig};
///
/// let mut body = BodyDecoder::new(&ResponseConfig::default());
/// let mut out = Vec::new();
/// assert_eq!(body.decode(b"Subject: x\r\n\r\n..dot\r\n.sig", &mut out), BodyProgress::Continue);
/// assert_eq!(body.decode(b"\r\n.\r\n+OK", &mut out), BodyProgress::End { consumed: 5 });
/// // The stuffed line lost its extra dot; the unstuffed `.sig` kept its only one.
/// assert_eq!(out, b"Subject: x\r\n\r\n.dot\r\n.sig\r\n");
/// assert_eq!((body.size(), body.restored_dots()), (26, 1));
/// ```
#[derive(Debug, Clone)]
pub struct BodyDecoder {
    unstuffer: Unstuffer,
    restore: bool,
    track: Track,
    restored: u64,
}

impl BodyDecoder {
    /// A decoder for one body, with the tolerance of `config`.
    pub fn new(config: &ResponseConfig) -> Self {
        Self {
            unstuffer: Unstuffer::new(),
            restore: config.restore_unstuffed_dots,
            track: Track::LineStart,
            restored: 0,
        }
    }

    /// Starts a new body, keeping the configuration.
    pub fn reset(&mut self) {
        self.unstuffer.reset();
        self.track = Track::LineStart;
        self.restored = 0;
    }

    /// The number of data bytes produced so far.
    pub fn size(&self) -> u64 {
        self.unstuffer.size() + self.restored
    }

    /// How many unstuffed lines kept their dot (see [`ResponseConfig::restore_unstuffed_dots`]).
    pub fn restored_dots(&self) -> u64 {
        self.restored
    }

    /// Whether the end line has been read.
    pub fn is_done(&self) -> bool {
        self.unstuffer.is_done()
    }

    /// Decodes `input`, appending the data to `out` (never more bytes than `input` holds).
    pub fn decode(&mut self, input: &[u8], out: &mut Vec<u8>) -> BodyProgress {
        if !self.restore {
            return self.feed(input, out, 0);
        }
        if self.unstuffer.is_done() {
            return BodyProgress::End { consumed: 0 };
        }
        let mut pos = 0;
        // A dot at the end of the last chunk, held back by the unstuffer.
        if self.track == Track::Dot {
            if let Some(&b) = input.first() {
                if b != b'.' && b != b'\r' {
                    out.push(b'.');
                    self.restored += 1;
                }
            }
        }
        // Line-start dots at offsets 0 and 1 depend on the previous chunk.
        let mut candidates = [None, None];
        if self.track == Track::LineStart && input.first() == Some(&b'.') {
            candidates[0] = Some(0);
        }
        if self.track == Track::Cr && input.starts_with(b"\n.") {
            candidates[1] = Some(1);
        }
        let later = memchr::memmem::find_iter(input, b"\r\n.").map(|i| i + 2);
        for dot in candidates.into_iter().flatten().chain(later) {
            match input.get(dot + 1) {
                Some(&b) if b != b'.' && b != b'\r' => {
                    // Feed up to the dot (ending at a line start), write the dot ourselves and
                    // go on after it: the unstuffer then sees an ordinary line.
                    if let BodyProgress::End { consumed } = self.feed(&input[pos..dot], out, pos) {
                        return BodyProgress::End { consumed };
                    }
                    out.push(b'.');
                    self.restored += 1;
                    pos = dot + 1;
                }
                _ => {}
            }
        }
        let progress = self.feed(&input[pos..], out, pos);
        if progress == BodyProgress::Continue {
            self.track = self.track.after(input);
        }
        progress
    }

    /// Feeds `chunk` (which starts at `base` in the caller's input) to the unstuffer.
    fn feed(&mut self, chunk: &[u8], out: &mut Vec<u8>, base: usize) -> BodyProgress {
        match self.unstuffer.unstuff(chunk, out) {
            Ok(Progress::Continue) => BodyProgress::Continue,
            Ok(Progress::End { consumed }) => BodyProgress::End {
                consumed: base + consumed,
            },
            // No size limit is set, so the unstuffer cannot report one.
            Err(_) => BodyProgress::End {
                consumed: base + chunk.len(),
            },
        }
    }
}
