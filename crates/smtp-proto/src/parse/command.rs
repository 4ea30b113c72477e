//! The command parser (server side): one command line at a time (RFC 5321 §4.1).
//!
//! Lines are framed with [`mail_sasl::line::parse_line`]; a partial line is never consumed.
//! The line must be UTF-8 (RFC 6531 allows UTF-8 in addresses and it is a superset of ASCII)
//! and must not contain control characters other than tab.
//!
//! The tolerances are listed on [`CommandConfig`].
//!
//! The common lines (`MAIL`, `RCPT`, `EHLO` and the like in their usual form) are read by a fast
//! path first, in one pass with the line framing (see `fast.rs`); it gives the same result as
//! the full parser here, which reads every other line, and every line that has an error.

use std::net::{Ipv4Addr, Ipv6Addr};

use mail_sasl::line::{BareLf, LineConfig, SMTP_COMMAND_LINE_MAX, parse_line};

use super::{ParseError, ParseErrorKind, Status};
use crate::types::{
    AddressLiteral, Body, By, ByMode, Command, CommandValueError, Domain, DomainName, EsmtpValue,
    ForwardPath, GeneralLiteral, Hold, InitialResponse, KNOWN_PARAMS, LocalPart, MailParams,
    Mailbox, MtPriority, Notify, Orcpt, Param, RcptParams, Ret, ReversePath, SaslMechanism, Text,
    Verb, XText, is_domain_char, is_esmtp_value_char, is_ldh, scan_local_part,
};

/// Settings of [`parse_command`]. The defaults follow RFC 5321 with the tolerances that real
/// clients need and that are not dangerous.
///
/// # Tolerances
///
/// Each is a field of this struct:
///
/// - verbs and keywords (`FROM:`, `TO:`, parameter keywords and values such as `BODY=8bitmime`,
///   `LAST`) in any case: always, as RFC 5321 §2.4 requires;
/// - [`allow_space_after_colon`](CommandConfig::allow_space_after_colon): `MAIL FROM: <a@b>`;
/// - [`allow_unbracketed_path`](CommandConfig::allow_unbracketed_path): `MAIL FROM:a@b`;
/// - [`allow_extra_spaces`](CommandConfig::allow_extra_spaces): several spaces between the verb
///   and its argument and between parameters, and trailing spaces;
/// - bare LF line endings: [`bare_lf`](CommandConfig::bare_lf), rejected by default
///   (RFC 5321 §2.3.8, SMTP smuggling);
/// - source routes (`<@a,@b:user@d>`, RFC 5321 §4.1.1.3 and appendix C): always accepted and
///   dropped.
///
/// Never tolerated: control characters other than tab (bare CR, NUL), non-UTF-8 bytes, lines
/// longer than [`max_line_len`](CommandConfig::max_line_len).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommandConfig {
    /// Longest command line, CRLF included (RFC 5321 §4.5.3.1.4: 512; extensions such as
    /// SIZE or DSN parameters may need more). Default 512.
    pub max_line_len: usize,
    /// Bare LF policy. Default [`BareLf::Reject`].
    pub bare_lf: BareLf,
    /// Most parameters on `MAIL` or `RCPT`. Default 16.
    pub max_params: usize,
    /// Accept spaces between `FROM:`/`TO:` and the path. Default true.
    pub allow_space_after_colon: bool,
    /// Accept a path without angle brackets (`MAIL FROM:a@b`), which ends at the first space.
    /// Default true.
    pub allow_unbracketed_path: bool,
    /// Accept several spaces where the grammar has one, and trailing spaces. Default true.
    pub allow_extra_spaces: bool,
}

impl Default for CommandConfig {
    fn default() -> Self {
        Self {
            max_line_len: SMTP_COMMAND_LINE_MAX,
            bare_lf: BareLf::Reject,
            max_params: 16,
            allow_space_after_colon: true,
            allow_unbracketed_path: true,
            allow_extra_spaces: true,
        }
    }
}

impl CommandConfig {
    /// The RFC grammar only: every tolerance off (bare LF rejected).
    pub fn strict() -> Self {
        Self {
            allow_space_after_colon: false,
            allow_unbracketed_path: false,
            allow_extra_spaces: false,
            ..Self::default()
        }
    }
}

/// Parses one command line from the start of `input`.
///
/// Returns the command and the number of bytes of the line (terminator included), or
/// [`Status::Incomplete`] when no whole line has arrived yet. After an error the caller can
/// drop the bad line with [`skip_line`](super::skip_line).
///
/// ```
/// use smtp_proto::parse::{parse_command, CommandConfig, ParseErrorKind, Status};
/// use smtp_proto::types::{Command, ReversePath};
///
/// let config = CommandConfig::default();
/// let input = b"MAIL FROM:<alice@example.org> SIZE=1000\r\nRCPT TO:<bob@";
/// let Status::Complete((command, used)) = parse_command(input, &config)? else { unreachable!() };
/// let Command::Mail { from: ReversePath::Mailbox(from), params } = command else { unreachable!() };
/// assert_eq!(from.local_part.as_raw(), "alice");
/// assert_eq!(params.size, Some(1000));
/// // The second line is partial: nothing is consumed.
/// assert!(parse_command(&input[used..], &config)?.is_incomplete());
/// // Errors carry the offset.
/// let e = parse_command(b"MAIL FROM:<alice>\r\n", &config).unwrap_err();
/// assert_eq!((e.offset, e.kind), (16, ParseErrorKind::Expected("'@'")));
/// # Ok::<(), smtp_proto::parse::ParseError>(())
/// ```
pub fn parse_command<'a>(
    input: &'a [u8],
    config: &CommandConfig,
) -> Result<Status<(Command<'a>, usize)>, ParseError> {
    // The common lines first (see `fast`); anything else, errors included, is read again in full.
    super::fast::command(input, config, parse_full)
}

/// The full parser: every line, every error. [`parse_command`] without its fast path.
pub(super) fn parse_full<'a>(
    input: &'a [u8],
    config: &CommandConfig,
) -> Result<Status<(Command<'a>, usize)>, ParseError> {
    let line_config = LineConfig::new(config.max_line_len).with_bare_lf(config.bare_lf);
    let line = match parse_line(input, &line_config)? {
        Status::Complete(line) => line,
        Status::Incomplete(n) => return Ok(Status::Incomplete(n)),
    };
    let content = line.content();
    // Control characters (other than tab) are never valid: every element of the grammar that
    // the parser accepts excludes them (see `control_characters_are_rejected_everywhere` in the
    // tests). So the line is not scanned for them up front; when the parse fails, the first
    // control character, if any, is reported instead of what the grammar expected there.
    let text = std::str::from_utf8(content).map_err(|e| {
        control_error(content)
            .unwrap_or_else(|| ParseError::new(e.valid_up_to(), ParseErrorKind::Invalid("utf-8")))
    })?;
    let mut p = Parser {
        s: text,
        pos: 0,
        config,
    };
    let command = p
        .command()
        .map_err(|e| control_error(content).unwrap_or(e))?;
    debug_assert!(control_error(content).is_none());
    Ok(Status::Complete((command, line.consumed())))
}

/// The error for the first control character other than tab in `line`, if there is one.
fn control_error(line: &[u8]) -> Option<ParseError> {
    line.iter()
        .position(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
        .map(|i| ParseError::new(i, ParseErrorKind::Invalid("control character")))
}

type PResult<T> = Result<T, ParseError>;

/// A four-letter verb as one big-endian word, for matching with bit 5 of each byte cleared.
const fn verb_word(v: &[u8; 4]) -> u32 {
    u32::from_be_bytes(*v)
}
const HELO: u32 = verb_word(b"HELO");
const EHLO: u32 = verb_word(b"EHLO");
const LHLO: u32 = verb_word(b"LHLO");
const MAIL: u32 = verb_word(b"MAIL");
const RCPT: u32 = verb_word(b"RCPT");
const DATA: u32 = verb_word(b"DATA");
const BDAT: u32 = verb_word(b"BDAT");
const RSET: u32 = verb_word(b"RSET");
const VRFY: u32 = verb_word(b"VRFY");
const EXPN: u32 = verb_word(b"EXPN");
const HELP: u32 = verb_word(b"HELP");
const NOOP: u32 = verb_word(b"NOOP");
const QUIT: u32 = verb_word(b"QUIT");
const AUTH: u32 = verb_word(b"AUTH");

struct Parser<'a, 'c> {
    s: &'a str,
    pos: usize,
    config: &'c CommandConfig,
}

fn expected(offset: usize, what: &'static str) -> ParseError {
    ParseError::new(offset, ParseErrorKind::Expected(what))
}

fn invalid(offset: usize, what: &'static str) -> ParseError {
    ParseError::new(offset, ParseErrorKind::Invalid(what))
}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn at_end(&self) -> bool {
        self.pos == self.s.len()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8, what: &'static str) -> PResult<()> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(expected(self.pos, what))
        }
    }

    /// Consumes a case-insensitive ASCII keyword.
    fn eat_keyword(&mut self, kw: &str) -> bool {
        let r = self.s.as_bytes().get(self.pos..self.pos + kw.len());
        if r.is_some_and(|r| r.eq_ignore_ascii_case(kw.as_bytes())) {
            self.pos += kw.len();
            true
        } else {
            false
        }
    }

    /// Takes bytes while `f` holds.
    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        let b = self.s.as_bytes();
        while self.pos < b.len() && f(b[self.pos]) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// One space (several when tolerated).
    fn sep(&mut self) -> PResult<()> {
        self.expect(b' ', "space")?;
        if self.config.allow_extra_spaces {
            self.take_while(|b| b == b' ');
        }
        Ok(())
    }

    /// Whether a separator and something after it follow; consumes the separator.
    fn more(&mut self) -> PResult<bool> {
        if self.at_end() {
            return Ok(false);
        }
        self.sep()?;
        if self.at_end() {
            if self.config.allow_extra_spaces {
                return Ok(false);
            }
            return Err(expected(self.pos, "argument"));
        }
        Ok(true)
    }

    /// The end of the line, after optional trailing spaces when tolerated.
    fn end(&mut self) -> PResult<()> {
        if self.config.allow_extra_spaces {
            self.take_while(|b| b == b' ');
        }
        if self.at_end() {
            Ok(())
        } else {
            Err(expected(self.pos, "end of line"))
        }
    }

    /// The rest of the line as a [`Text`].
    fn text(&mut self) -> PResult<Text<'a>> {
        let start = self.pos;
        let mut t = self.rest();
        if self.config.allow_extra_spaces {
            t = t.trim_end_matches([' ', '\t']);
        }
        self.pos = self.s.len();
        Text::new(t).map_err(|_| invalid(start, "argument"))
    }

    fn command(&mut self) -> PResult<Command<'a>> {
        // Four-letter verbs (all but STARTTLS) compare as one word with bit 5 of each byte
        // cleared: a byte then equals an upper-case letter only if it is that letter in either
        // case. The common case, four bytes then a space or the end, is read directly.
        let (verb, word) = match self.s.as_bytes() {
            &[a, b, c, d] | &[a, b, c, d, b' ', ..] if ![a, b, c, d].contains(&b' ') => {
                self.pos = 4;
                (
                    &self.s[..4],
                    u32::from_be_bytes([a, b, c, d]) & !0x2020_2020,
                )
            }
            _ => (self.take_while(|b| b != b' '), 0),
        };
        let cmd = match word {
            HELO => {
                self.sep()?;
                Command::Helo(self.domain()?)
            }
            EHLO => {
                self.sep()?;
                Command::Ehlo(self.domain()?)
            }
            LHLO => {
                self.sep()?;
                Command::Lhlo(self.domain()?)
            }
            MAIL => {
                return self.mail();
            }
            RCPT => {
                return self.rcpt();
            }
            DATA => Command::Data,
            BDAT => {
                self.sep()?;
                let at = self.pos;
                let digits = self.take_while(|b| b.is_ascii_digit());
                if digits.is_empty() {
                    return Err(expected(at, "chunk size"));
                }
                let size = digits.parse().map_err(|_| invalid(at, "chunk size"))?;
                let mut last = false;
                if self.more()? {
                    if !self.eat_keyword("LAST") {
                        return Err(expected(self.pos, "LAST"));
                    }
                    last = true;
                }
                Command::Bdat { size, last }
            }
            RSET => Command::Rset,
            VRFY => {
                self.sep()?;
                return Ok(Command::Vrfy(self.text()?));
            }
            EXPN => {
                self.sep()?;
                return Ok(Command::Expn(self.text()?));
            }
            HELP => {
                let arg = if self.more()? {
                    Some(self.text()?)
                } else {
                    None
                };
                return Ok(Command::Help(arg));
            }
            NOOP => {
                let arg = if self.more()? {
                    Some(self.text()?)
                } else {
                    None
                };
                return Ok(Command::Noop(arg));
            }
            QUIT => Command::Quit,
            _ if verb.eq_ignore_ascii_case("STARTTLS") => Command::StartTls,
            AUTH => {
                self.sep()?;
                let at = self.pos;
                let mech = self.take_while(|b| b != b' ');
                let mechanism =
                    SaslMechanism::new(mech).map_err(|_| expected(at, "sasl mechanism"))?;
                let mut initial_response = None;
                if self.more()? {
                    let at = self.pos;
                    let ir = self.take_while(|b| b != b' ');
                    initial_response = Some(
                        InitialResponse::from_encoded(ir)
                            .map_err(|_| invalid(at, "initial response"))?,
                    );
                }
                Command::Auth {
                    mechanism,
                    initial_response,
                }
            }
            _ => {
                let verb = Verb::new(verb).map_err(|_| expected(0, "command verb"))?;
                let args = if self.more()? {
                    Some(self.text()?)
                } else {
                    None
                };
                return Ok(Command::Unknown { verb, args });
            }
        };
        self.end()?;
        Ok(cmd)
    }

    fn domain(&mut self) -> PResult<Domain<'a>> {
        let start = self.pos;
        if self.eat(b'[') {
            let end = match self.rest().find(']') {
                Some(i) => self.pos + i,
                None => return Err(expected(self.s.len(), "']'")),
            };
            let content = &self.s[self.pos..end];
            let literal =
                address_literal(content).ok_or_else(|| invalid(start, "address literal"))?;
            self.pos = end + 1;
            return Ok(Domain::Literal(literal));
        }
        // Take the name's bytes in one tight loop, then check its labels (RFC 5321 §4.1.2
        // `sub-domain`: 1 to 63 octets, no hyphen at either end) on the short slice.
        let rest = &self.s.as_bytes()[start..];
        let len = rest
            .iter()
            .position(|&c| !is_domain_char(c))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(expected(start, "domain"));
        }
        if len > 255 {
            return Err(invalid(start, "domain"));
        }
        let mut label = start;
        for part in rest[..len].split(|&c| c == b'.') {
            match part {
                [] => return Err(invalid(label, "domain")),
                [b'-', ..] => return Err(invalid(label, "domain")),
                [.., b'-'] => return Err(invalid(label + part.len() - 1, "domain")),
                _ if part.len() > 63 => return Err(invalid(label, "domain")),
                _ => label += part.len() + 1,
            }
        }
        let i = start + len;
        self.pos = i;
        Ok(Domain::Name(DomainName::from_validated(&self.s[start..i])))
    }

    /// `Local-part "@" Domain`.
    fn mailbox(&mut self) -> PResult<Mailbox<'a>> {
        let start = self.pos;
        let len = scan_local_part(self.rest().as_bytes())
            .map_err(|off| expected(start + off, "local part"))?;
        let local = &self.s[start..start + len];
        self.pos += len;
        let local_part = LocalPart::from_validated(local);
        self.expect(b'@', "'@'")?;
        let domain = self.domain()?;
        Ok(Mailbox { local_part, domain })
    }

    /// An optional source route `@a,@b:` (RFC 5321 §4.1.1.3), dropped.
    fn source_route(&mut self) -> PResult<()> {
        if self.peek() != Some(b'@') {
            return Ok(());
        }
        loop {
            self.expect(b'@', "'@'")?;
            self.domain()?;
            if !self.eat(b',') {
                return self.expect(b':', "':'");
            }
        }
    }

    /// `FROM:` / `TO:` and the spaces around.
    fn path_prefix(&mut self, kw: &'static str) -> PResult<()> {
        self.sep()?;
        if !self.eat_keyword(kw) {
            return Err(expected(self.pos, kw));
        }
        if self.config.allow_space_after_colon {
            self.take_while(|b| b == b' ');
        }
        Ok(())
    }

    fn bracketed_mailbox(&mut self) -> PResult<Mailbox<'a>> {
        self.source_route()?;
        let m = self.mailbox()?;
        self.expect(b'>', "'>'")?;
        Ok(m)
    }

    fn unbracketed_mailbox(&mut self) -> PResult<Mailbox<'a>> {
        if !self.config.allow_unbracketed_path {
            return Err(expected(self.pos, "'<'"));
        }
        self.mailbox()
    }

    fn mail(&mut self) -> PResult<Command<'a>> {
        self.path_prefix("FROM:")?;
        let from = if self.eat(b'<') {
            if self.eat(b'>') {
                ReversePath::Null
            } else {
                ReversePath::Mailbox(self.bracketed_mailbox()?)
            }
        } else {
            ReversePath::Mailbox(self.unbracketed_mailbox()?)
        };
        let mut params = MailParams::default();
        self.params(|kw, value, at| mail_param(&mut params, kw, value, at))?;
        Ok(Command::Mail { from, params })
    }

    fn rcpt(&mut self) -> PResult<Command<'a>> {
        self.path_prefix("TO:")?;
        let to = if self.eat(b'<') {
            if self.eat_keyword("postmaster>") {
                ForwardPath::Postmaster
            } else {
                ForwardPath::Mailbox(self.bracketed_mailbox()?)
            }
        } else if self.config.allow_unbracketed_path
            && self.rest().len() >= 10
            && self.rest().as_bytes()[..10].eq_ignore_ascii_case(b"postmaster")
            && matches!(self.rest().as_bytes().get(10), None | Some(b' '))
        {
            self.pos += 10;
            ForwardPath::Postmaster
        } else {
            ForwardPath::Mailbox(self.unbracketed_mailbox()?)
        };
        let mut params = RcptParams::default();
        self.params(|kw, value, at| rcpt_param(&mut params, kw, value, at))?;
        Ok(Command::Rcpt { to, params })
    }

    /// `*(SP esmtp-param)` to the end of the line.
    fn params(
        &mut self,
        mut f: impl FnMut(&'a str, Option<(&'a str, usize)>, usize) -> PResult<()>,
    ) -> PResult<()> {
        let mut count = 0;
        while self.more()? {
            let at = self.pos;
            let kw = self.take_while(is_ldh);
            if kw.is_empty() || kw.starts_with('-') {
                return Err(expected(at, "parameter keyword"));
            }
            let value = if self.eat(b'=') {
                let vat = self.pos;
                let v = self.take_while(is_esmtp_value_char);
                if v.is_empty() {
                    return Err(expected(vat, "parameter value"));
                }
                Some((v, vat))
            } else {
                None
            };
            if !self.at_end() && self.peek() != Some(b' ') {
                return Err(expected(self.pos, "space"));
            }
            count += 1;
            if count > self.config.max_params {
                return Err(ParseError::new(at, ParseErrorKind::TooMany("parameters")));
            }
            f(kw, value, at)?;
        }
        Ok(())
    }
}

fn address_literal(content: &str) -> Option<AddressLiteral<'_>> {
    // Compare bytes: `content` is UTF-8 (SMTPUTF8) and byte 5 may fall inside a character.
    if content
        .as_bytes()
        .get(..5)
        .is_some_and(|tag| tag.eq_ignore_ascii_case(b"IPv6:"))
    {
        return content[5..]
            .parse::<Ipv6Addr>()
            .ok()
            .map(AddressLiteral::Ipv6);
    }
    if let Some((tag, rest)) = content.split_once(':') {
        return GeneralLiteral::new(tag, rest)
            .ok()
            .map(AddressLiteral::General);
    }
    content.parse::<Ipv4Addr>().ok().map(AddressLiteral::Ipv4)
}

type Value<'a> = Option<(&'a str, usize)>;

fn required<'a>(value: Value<'a>, at: usize) -> PResult<(&'a str, usize)> {
    value.ok_or_else(|| expected(at, "parameter value"))
}

fn no_value(value: Value<'_>) -> PResult<()> {
    match value {
        Some((_, vat)) => Err(invalid(vat, "parameter value")),
        None => Ok(()),
    }
}

fn set_once<T>(slot: &mut Option<T>, v: T, at: usize) -> PResult<()> {
    if slot.is_some() {
        return Err(invalid(at, "duplicate parameter"));
    }
    *slot = Some(v);
    Ok(())
}

fn set_flag(slot: &mut bool, at: usize) -> PResult<()> {
    if *slot {
        return Err(invalid(at, "duplicate parameter"));
    }
    *slot = true;
    Ok(())
}

fn number(v: &str, vat: usize, what: &'static str) -> PResult<u64> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(expected(vat, what));
    }
    v.parse().map_err(|_| invalid(vat, what))
}

fn xtext(v: &str, vat: usize) -> PResult<XText<'_>> {
    XText::new(v).map_err(|e| match e {
        CommandValueError::InvalidChar { offset, .. } => invalid(vat + offset, "xtext"),
        _ => invalid(vat, "xtext"),
    })
}

fn other_param<'a>(
    other: &mut Vec<Param<'a>>,
    kw: &'a str,
    value: Value<'a>,
    at: usize,
) -> PResult<()> {
    if KNOWN_PARAMS.iter().any(|k| k.eq_ignore_ascii_case(kw)) {
        return Err(invalid(at, "parameter for another command"));
    }
    let value = match value {
        Some((v, vat)) => Some(EsmtpValue::new(v).map_err(|_| invalid(vat, "parameter value"))?),
        None => None,
    };
    other.push(Param::new(kw, value).map_err(|_| invalid(at, "parameter keyword"))?);
    Ok(())
}

pub(super) fn mail_param<'a>(
    p: &mut MailParams<'a>,
    kw: &'a str,
    value: Value<'a>,
    at: usize,
) -> PResult<()> {
    let k = kw.as_bytes();
    if eq_keyword(k, b"SIZE") {
        let (v, vat) = required(value, at)?;
        set_once(&mut p.size, number(v, vat, "size")?, at)
    } else if eq_keyword(k, b"BODY") {
        let (v, vat) = required(value, at)?;
        let body = body_value(v.as_bytes()).ok_or_else(|| invalid(vat, "body"))?;
        set_once(&mut p.body, body, at)
    } else if eq_keyword(k, b"SMTPUTF8") {
        no_value(value)?;
        set_flag(&mut p.smtputf8, at)
    } else if eq_keyword(k, b"RET") {
        let (v, vat) = required(value, at)?;
        let ret = if v.eq_ignore_ascii_case("FULL") {
            Ret::Full
        } else if v.eq_ignore_ascii_case("HDRS") {
            Ret::Hdrs
        } else {
            return Err(invalid(vat, "ret"));
        };
        set_once(&mut p.ret, ret, at)
    } else if eq_keyword(k, b"ENVID") {
        let (v, vat) = required(value, at)?;
        set_once(&mut p.envid, xtext(v, vat)?, at)
    } else if eq_keyword(k, b"AUTH") {
        let (v, vat) = required(value, at)?;
        set_once(&mut p.auth, xtext(v, vat)?, at)
    } else if eq_keyword(k, b"REQUIRETLS") {
        no_value(value)?;
        set_flag(&mut p.requiretls, at)
    } else if eq_keyword(k, b"MT-PRIORITY") {
        let (v, vat) = required(value, at)?;
        let (neg, digits) = match v.as_bytes()[0] {
            b'-' => (true, &v[1..]),
            b'+' => (false, &v[1..]),
            _ => (false, v),
        };
        let n = number(digits, vat, "mt-priority")?;
        let n = i8::try_from(n).map_err(|_| invalid(vat, "mt-priority"))?;
        let prio =
            MtPriority::new(if neg { -n } else { n }).map_err(|_| invalid(vat, "mt-priority"))?;
        set_once(&mut p.mt_priority, prio, at)
    } else if eq_keyword(k, b"HOLDFOR") {
        let (v, vat) = required(value, at)?;
        set_once(&mut p.hold, Hold::For(number(v, vat, "holdfor")?), at)
    } else if eq_keyword(k, b"HOLDUNTIL") {
        let (v, vat) = required(value, at)?;
        let v = EsmtpValue::new(v).map_err(|_| invalid(vat, "holduntil"))?;
        set_once(&mut p.hold, Hold::Until(v), at)
    } else if eq_keyword(k, b"BY") {
        let (v, vat) = required(value, at)?;
        set_once(&mut p.by, by_value(v, vat)?, at)
    } else {
        other_param(&mut p.other, kw, value, at)
    }
}

/// Whether `s` is the keyword `upper` (upper-case letters, digits, hyphens) in any case. The
/// length is a constant, so the comparison compiles to a few word compares.
#[inline]
pub(super) fn eq_keyword<const N: usize>(s: &[u8], upper: &[u8; N]) -> bool {
    let Ok(s) = <&[u8; N]>::try_from(s) else {
        return false;
    };
    let mut diff = 0;
    for i in 0..N {
        // Clearing bit 5 folds a letter to upper case; other bytes must match exactly.
        let fold = if upper[i].is_ascii_uppercase() {
            0xdf
        } else {
            0xff
        };
        diff |= (s[i] & fold) ^ upper[i];
    }
    diff == 0
}

/// A `BODY` value (RFC 6152 §2, RFC 3030 §3).
pub(super) fn body_value(v: &[u8]) -> Option<Body> {
    if eq_keyword(v, b"7BIT") {
        Some(Body::SevenBit)
    } else if eq_keyword(v, b"8BITMIME") {
        Some(Body::EightBitMime)
    } else if eq_keyword(v, b"BINARYMIME") {
        Some(Body::BinaryMime)
    } else {
        None
    }
}

/// A `NOTIFY` value (RFC 3461 §4.1): `NEVER`, or a comma-separated list of `SUCCESS`,
/// `FAILURE` and `DELAY`.
pub(super) fn notify_value(v: &[u8]) -> Option<Notify> {
    let mut n = Notify::NEVER;
    if eq_keyword(v, b"NEVER") {
        return Some(n);
    }
    // One item, the usual case, without looking for commas.
    if notify_item(&mut n, v) {
        return Some(n);
    }
    for item in v.split(|&b| b == b',') {
        if !notify_item(&mut n, item) {
            return None;
        }
    }
    Some(n)
}

/// Sets the flag of one `NOTIFY` item; false when it is not one.
#[inline]
fn notify_item(n: &mut Notify, item: &[u8]) -> bool {
    let flag = if eq_keyword(item, b"FAILURE") {
        &mut n.failure
    } else if eq_keyword(item, b"SUCCESS") {
        &mut n.success
    } else if eq_keyword(item, b"DELAY") {
        &mut n.delay
    } else {
        return false;
    };
    *flag = true;
    true
}

/// A decimal number of one or more digits that fits a `u64`, as `str::parse` reads it.
pub(super) fn decimal(v: &[u8]) -> Option<u64> {
    if v.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &b in v {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    Some(n)
}

fn by_value(v: &str, vat: usize) -> PResult<By> {
    let bad = || invalid(vat, "by");
    let (time, mode) = v.split_once(';').ok_or_else(bad)?;
    let (neg, digits) = match time.as_bytes().first() {
        Some(b'-') => (true, &time[1..]),
        Some(b'+') => (false, &time[1..]),
        _ => (false, time),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: i32 = digits.parse().map_err(|_| bad())?;
    let (mode, trace) = match mode.as_bytes() {
        [m] => (*m, false),
        [m, b'T' | b't'] => (*m, true),
        _ => return Err(bad()),
    };
    let mode = match mode {
        b'N' | b'n' => ByMode::Notify,
        b'R' | b'r' => ByMode::Return,
        _ => return Err(bad()),
    };
    By::new(if neg { -n } else { n }, mode, trace).map_err(|_| bad())
}

pub(super) fn rcpt_param<'a>(
    p: &mut RcptParams<'a>,
    kw: &'a str,
    value: Value<'a>,
    at: usize,
) -> PResult<()> {
    let k = kw.as_bytes();
    if eq_keyword(k, b"NOTIFY") {
        let (v, vat) = required(value, at)?;
        let n = notify_value(v.as_bytes()).ok_or_else(|| invalid(vat, "notify"))?;
        set_once(&mut p.notify, n, at)
    } else if eq_keyword(k, b"ORCPT") {
        let (v, vat) = required(value, at)?;
        let (ty, addr) = v.split_once(';').ok_or_else(|| expected(vat, "';'"))?;
        let addr = xtext(addr, vat + ty.len() + 1)?;
        let orcpt = Orcpt::new(ty, addr).map_err(|_| invalid(vat, "orcpt address type"))?;
        set_once(&mut p.orcpt, orcpt, at)
    } else {
        other_param(&mut p.other, kw, value, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser relies on every accepted element excluding control characters: a control
    /// character (other than tab) anywhere in any command is reported as such, at its offset.
    #[test]
    fn control_characters_are_rejected_everywhere() {
        let commands: &[&[u8]] = &[
            b"EHLO mail.example.org",
            b"HELO [192.0.2.1]",
            b"LHLO [IPv6:2001:db8::1]",
            b"MAIL FROM:<\"a b\"@example.org> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=a+2Bb",
            b"MAIL FROM:<@r1,@r2:u@[tag:xy]> SMTPUTF8 AUTH=<> MT-PRIORITY=-3 BY=120;RT",
            b"RCPT TO:<Postmaster> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;a@b X-OTHER=v",
            b"RCPT TO:u@example.org",
            b"BDAT 100 LAST",
            b"VRFY some\tone",
            b"EXPN list",
            b"HELP mail",
            b"NOOP x",
            b"AUTH PLAIN AGFsaWNlAHNlY3JldA==",
            b"XFOO bar baz",
            b"XA 0",
            b"X 12",
            b"DATA",
            b"QUIT",
            b"STARTTLS",
        ];
        let config = CommandConfig::default();
        for command in commands {
            let mut line = command.to_vec();
            line.extend_from_slice(b"\r\n");
            assert!(parse_command(&line, &config).is_ok(), "{command:?}");
            for pos in 0..=command.len() {
                for c in (0u8..0x20).chain([0x7f]) {
                    if matches!(c, b'\t' | b'\n' | b'\r') {
                        continue;
                    }
                    let mut bad = command.to_vec();
                    bad.insert(pos, c);
                    bad.extend_from_slice(b"\r\n");
                    let e = parse_command(&bad, &config).unwrap_err();
                    assert_eq!(
                        (e.offset, e.kind),
                        (pos, ParseErrorKind::Invalid("control character")),
                        "{c:#x} at {pos} in {command:?}"
                    );
                }
            }
        }
    }
}
