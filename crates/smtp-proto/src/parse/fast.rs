//! The fast path of [`parse_command`](super::parse_command): the shapes of command line that
//! make up nearly all of a session, read in one pass over the bytes.
//!
//! It reads `MAIL FROM:<…>` and `RCPT TO:<…>` with a dot-string local part, a domain name and
//! `KEYWORD[=value]` parameters separated by single spaces, `EHLO`/`HELO`/`LHLO` with a domain
//! name, and `RSET`, `NOOP`, `QUIT`, `DATA` without arguments, each ending in CRLF (RFC 5321
//! §4.1.1, §4.1.2). Whenever a line is anything else (another verb, an address literal, a
//! quoted local part, a tolerated extra space, a control character, invalid UTF-8, a bare LF, a
//! line not complete yet or too long, any error) it gives up and the full parser reads the line
//! from the start. So for every line it accepts, it must return exactly what the full parser
//! returns; `tests::agrees_with_full_parser` checks this.
//!
//! Why it is faster than the full parser:
//!
//! - the line end is found by the parse itself (every element stops at CR), not by a separate
//!   search for the LF;
//! - 8-bit bytes (RFC 6531 UTF-8) are accepted only in the local part, the domain and parameter
//!   values, all after the verb and its keyword. The whole line is then valid UTF-8 when the
//!   range from the first of those parts to the CR is, and that range is what gives the parts
//!   their `&str` ([`std::str::from_utf8`]; safe code has no other way): one validation, and
//!   from an aligned address, where the standard library's validator goes a word pair at a
//!   time instead of byte by byte. The ASCII verb and keywords are never validated.
//! - domain labels are checked in the same pass that finds the end of the domain;
//! - `NOTIFY`, `SIZE` and `BODY` are read from the bytes, their keywords compared as words.

use super::command::{
    CommandConfig, body_value, decimal, eq_keyword, mail_param, notify_value, rcpt_param,
};
use super::{ParseError, Status};
use crate::types::is_atext_special;
use crate::types::{
    Command, Domain, DomainName, ForwardPath, LocalPart, MailParams, Mailbox, RcptParams,
    ReversePath,
};

// Byte classes of the fast path, as the full parser has them (`crate::types`). Bytes of 0x80
// and above are in `ATEXT`, `VALUE` and `EIGHT_BIT` (RFC 6531 §3.3), never in `ALNUM` or `LDH`
// (keywords are ASCII).
/// ASCII letter or digit.
const ALNUM: u8 = 1;
/// RFC 5322 `atext`, and 8-bit bytes.
const ATEXT: u8 = 2;
/// RFC 5321 `esmtp-value` characters (`%d33-60 / %d62-126`), and 8-bit bytes.
const VALUE: u8 = 4;
/// ASCII letter, digit or hyphen.
const LDH: u8 = 8;
/// A byte of 0x80 or above: in a domain, part of a U-label (RFC 6531 §3.3), like a letter.
const EIGHT_BIT: u8 = 16;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut c = 0;
        let alnum = b.is_ascii_alphanumeric();
        if alnum {
            c |= ALNUM;
        }
        if alnum || b == b'-' {
            c |= LDH;
        }
        if alnum || is_atext_special(b) {
            c |= ATEXT;
        }
        if matches!(b, 33..=60 | 62..=126) {
            c |= VALUE;
        }
        t[i] = c;
        i += 1;
    }
    while i < 256 {
        t[i] = ATEXT | VALUE | EIGHT_BIT;
        i += 1;
    }
    t
};

fn class(b: &[u8], i: usize) -> u8 {
    match b.get(i) {
        Some(&c) => CLASS[c as usize],
        None => 0,
    }
}

/// A four-letter verb (or keyword) as a big-endian word, for matching with bit 5 of each byte
/// cleared: a byte then equals an upper-case letter only if it is that letter in either case.
const fn word(v: &[u8; 4]) -> u32 {
    u32::from_be_bytes(*v)
}
const CASE: u32 = 0x2020_2020;
const HELO: u32 = word(b"HELO");
const EHLO: u32 = word(b"EHLO");
const LHLO: u32 = word(b"LHLO");
const MAIL: u32 = word(b"MAIL");
const RCPT: u32 = word(b"RCPT");
const DATA: u32 = word(b"DATA");
const RSET: u32 = word(b"RSET");
const NOOP: u32 = word(b"NOOP");
const QUIT: u32 = word(b"QUIT");
/// `" TO:"`: only the letters are compared without case.
const TO_WORD: u32 = word(b" TO:");
const TO_MASK: u32 = !0x0020_2000;
/// `"FROM"`, then `':'`.
const FROM: u32 = word(b"FROM");

/// Most parameters the fast path defers until it has their `&str`; a line with more goes to
/// the full parser.
const MAX_DEFERRED: usize = 4;

/// Where a part of a line is: a byte range into the input. Offsets are `u32` (the input is cut
/// to the line limit, and to 4 GiB, first) to keep the deferred parameters small.
#[derive(Default, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Self {
        // Exact: `command` cuts the input to `u32::MAX` bytes.
        Self {
            start: start as u32,
            end: end as u32,
        }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A parameter: the keyword, and the value when there is one (an empty span when not).
#[derive(Default, Clone, Copy)]
struct ParamSpan {
    keyword: Span,
    value: Span,
}

impl ParamSpan {
    /// The value's bytes; `None` when there is no value.
    fn value<'a>(&self, b: &'a [u8]) -> Option<&'a [u8]> {
        b.get(self.value.range()).filter(|v| !v.is_empty())
    }
}

/// What [`parse_command`](super::parse_command) returns.
type Parsed<'a> = Result<Status<(Command<'a>, usize)>, ParseError>;

/// The fast path; `full` reads the lines it leaves (the full parser, or a stand-in in tests).
///
/// The command is built in the return value itself, not returned in an `Option` and moved:
/// a `Command` is 200 bytes, and the move was a `memcpy` call per line.
#[inline]
pub(super) fn command<'a>(
    input: &'a [u8],
    config: &CommandConfig,
    full: impl FnOnce(&'a [u8], &CommandConfig) -> Parsed<'a>,
) -> Parsed<'a> {
    // A line must end within the limit: look no further (nor past 4 GiB, see `Span`).
    let b = input
        .get(..config.max_line_len.min(u32::MAX as usize))
        .unwrap_or(input);
    let Some(&[v0, v1, v2, v3, sep]) = b.get(..5) else {
        return full(input, config);
    };
    let verb = u32::from_be_bytes([v0, v1, v2, v3]) & !CASE;
    match (verb, sep) {
        (RCPT, b' ') => match rcpt(b, config) {
            Some((to, params, n)) => Ok(Status::Complete((Command::Rcpt { to, params }, n))),
            None => full(input, config),
        },
        (MAIL, b' ') => match mail(b, config) {
            Some((from, params, n)) => Ok(Status::Complete((Command::Mail { from, params }, n))),
            None => full(input, config),
        },
        (EHLO | HELO | LHLO, b' ') => match hello(b, config) {
            Some((domain, n)) => Ok(Status::Complete((
                match verb {
                    EHLO => Command::Ehlo(domain),
                    HELO => Command::Helo(domain),
                    _ => Command::Lhlo(domain),
                },
                n,
            ))),
            None => full(input, config),
        },
        (RSET | NOOP | QUIT | DATA, b'\r') if b.get(5) == Some(&b'\n') => {
            let cmd = match verb {
                RSET => Command::Rset,
                NOOP => Command::Noop(None),
                QUIT => Command::Quit,
                _ => Command::Data,
            };
            Ok(Status::Complete((cmd, 6)))
        }
        _ => full(input, config),
    }
}

/// `RCPT TO:<mailbox> [params] CRLF`: the path, the parameters and the line length.
#[inline]
fn rcpt<'a>(
    b: &'a [u8],
    config: &CommandConfig,
) -> Option<(ForwardPath<'a>, RcptParams<'a>, usize)> {
    // "RCPT TO:<"
    let to: [u8; 4] = b.get(4..8)?.try_into().ok()?;
    if u32::from_be_bytes(to) & TO_MASK != TO_WORD || b.get(8) != Some(&b'<') {
        return None;
    }
    let (local, domain, mut i) = mailbox(b, 9)?;
    if b.get(i) != Some(&b'>') {
        return None;
    }
    i += 1;
    let mut p = RcptParams::default();
    let (deferred, end) = params(b, i, config, &mut p, |p, kw, value| {
        if eq_keyword(kw, b"NOTIFY") && p.notify.is_none() {
            p.notify = Some(notify_value(value?)?);
            return Some(true);
        }
        Some(false)
    })?;
    let (s, base) = line_str(b, 9, end)?;
    let part = |span: Span| s.get(span.start as usize - base..span.end as usize - base);
    let mailbox = Mailbox {
        local_part: LocalPart::from_validated(part(local)?),
        domain: Domain::Name(DomainName::from_validated(part(domain)?)),
    };
    for param in &deferred.params[..deferred.n] {
        let (kw, value) = param_strs(param, part)?;
        rcpt_param(&mut p, kw, value, param.keyword.start as usize).ok()?;
    }
    Some((ForwardPath::Mailbox(mailbox), p, end + 2))
}

/// `MAIL FROM:<[mailbox]> [params] CRLF`: the path, the parameters and the line length.
#[inline]
fn mail<'a>(
    b: &'a [u8],
    config: &CommandConfig,
) -> Option<(ReversePath<'a>, MailParams<'a>, usize)> {
    // "MAIL FROM:<"
    let from: [u8; 4] = b.get(5..9)?.try_into().ok()?;
    if u32::from_be_bytes(from) & !CASE != FROM || b.get(9..11) != Some(b":<") {
        return None;
    }
    let mut i = 11;
    let path = if b.get(i) == Some(&b'>') {
        None
    } else {
        let (local, domain, j) = mailbox(b, i)?;
        if b.get(j) != Some(&b'>') {
            return None;
        }
        i = j;
        Some((local, domain))
    };
    i += 1;
    let mut p = MailParams::default();
    let (deferred, end) = params(b, i, config, &mut p, |p, kw, value| {
        if eq_keyword(kw, b"SIZE") && p.size.is_none() {
            p.size = Some(decimal(value?)?);
        } else if eq_keyword(kw, b"BODY") && p.body.is_none() {
            p.body = Some(body_value(value?)?);
        } else {
            return Some(false);
        }
        Some(true)
    })?;
    let (s, base) = line_str(b, 11, end)?;
    let part = |span: Span| s.get(span.start as usize - base..span.end as usize - base);
    let from = match path {
        None => ReversePath::Null,
        Some((local, domain)) => ReversePath::Mailbox(Mailbox {
            local_part: LocalPart::from_validated(part(local)?),
            domain: Domain::Name(DomainName::from_validated(part(domain)?)),
        }),
    };
    for param in &deferred.params[..deferred.n] {
        let (kw, value) = param_strs(param, part)?;
        mail_param(&mut p, kw, value, param.keyword.start as usize).ok()?;
    }
    Some((from, p, end + 2))
}

/// `EHLO`/`HELO`/`LHLO` `SP Domain CRLF`: the domain and the line length.
fn hello<'a>(b: &'a [u8], config: &CommandConfig) -> Option<(Domain<'a>, usize)> {
    let end = domain(b, 5)?;
    if b.get(end..end + 2) != Some(b"\r\n") || end + 2 > config.max_line_len {
        return None;
    }
    let (s, base) = line_str(b, 5, end)?;
    let name = DomainName::from_validated(s.get(5 - base..end - base)?);
    Some((Domain::Name(name), end + 2))
}

/// The parameter's keyword and value as the full parser passes them on.
fn param_strs<'a>(
    param: &ParamSpan,
    part: impl Fn(Span) -> Option<&'a str>,
) -> Option<(&'a str, Option<(&'a str, usize)>)> {
    let kw = part(param.keyword)?;
    let value = if param.value.start == param.value.end {
        None
    } else {
        Some((part(param.value)?, param.value.start as usize))
    };
    Some((kw, value))
}

/// `Dot-string "@" Domain` from `start`: the spans of the local part and the domain, and where
/// the domain ends.
#[inline]
fn mailbox(b: &[u8], start: usize) -> Option<(Span, Span, usize)> {
    // Atoms of atext separated by single dots.
    let mut i = start;
    loop {
        let atom = i;
        i += run(b, i, ATEXT);
        if i == atom {
            return None;
        }
        match b.get(i) {
            Some(b'.') => i += 1,
            Some(b'@') => break,
            _ => return None,
        }
    }
    let local = Span::new(start, i);
    let end = domain(b, i + 1)?;
    Some((local, Span::new(i + 1, end), end))
}

/// How many bytes from `i` are in `class`.
#[inline]
fn run(b: &[u8], i: usize, class: u8) -> usize {
    let rest = b.get(i..).unwrap_or_default();
    rest.iter()
        .position(|&c| CLASS[c as usize] & class == 0)
        .unwrap_or(rest.len())
}

/// A domain name from `start` (RFC 5321 §4.1.2 `Domain`; RFC 6531 U-labels): where it ends.
/// Labels are 1 to 63 octets of letters, digits, hyphens and 8-bit bytes, not starting or ending
/// with a hyphen; at most 255 octets.
#[inline]
fn domain(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let mut label = start;
    loop {
        i += run(b, i, ALNUM | EIGHT_BIT);
        match b.get(i) {
            Some(b'-') if i != label => i += 1,
            Some(b'.') => {
                if i == label || i - label > 63 || b[i - 1] == b'-' {
                    return None;
                }
                i += 1;
                label = i;
            }
            _ => break,
        }
    }
    if i == label || i - label > 63 || b[i - 1] == b'-' || i - start > 255 {
        return None;
    }
    Some(i)
}

/// The parameters that need their `&str` (all but the ones read from bytes), kept for after
/// the validation: how many, and where.
struct Deferred {
    n: usize,
    params: [ParamSpan; MAX_DEFERRED],
}

/// `*(SP esmtp-keyword ["=" esmtp-value]) CRLF` from `i`. Each parameter goes to `typed`
/// first, with its keyword and value bytes: `Some(true)` when it took it, `Some(false)` to
/// defer it, `None` to give up. Returns the deferred parameters and where the CR is.
#[inline]
fn params<P>(
    b: &[u8],
    mut i: usize,
    config: &CommandConfig,
    p: &mut P,
    typed: impl Fn(&mut P, &[u8], Option<&[u8]>) -> Option<bool>,
) -> Option<(Deferred, usize)> {
    let mut deferred = Deferred {
        n: 0,
        params: [ParamSpan::default(); MAX_DEFERRED],
    };
    let mut n = 0;
    loop {
        match b.get(i) {
            Some(b'\r') => break,
            Some(b' ') => i += 1,
            _ => return None,
        }
        let start = i;
        if class(b, i) & ALNUM == 0 {
            return None;
        }
        i += run(b, i, LDH);
        let keyword = Span::new(start, i);
        let keyword_end = i;
        let mut value = Span::default();
        if b.get(i) == Some(&b'=') {
            i += 1;
            let start = i;
            i += run(b, i, VALUE);
            if i == start {
                return None;
            }
            value = Span::new(start, i);
        }
        n += 1;
        let param = ParamSpan { keyword, value };
        if !typed(p, &b[start..keyword_end], param.value(b))? {
            *deferred.params.get_mut(deferred.n)? = param;
            deferred.n += 1;
        }
    }
    if b.get(i + 1) != Some(&b'\n') || i + 2 > config.max_line_len || n > config.max_params {
        return None;
    }
    Some((deferred, i))
}

/// `b[from..to]` as a `&str` and the offset in `b` that the `&str` starts at (at or before
/// `from`); `None` when it is not UTF-8. The caller has checked that `b[..from]` is ASCII and
/// that `b[to]` is the CR, so the line is UTF-8 when this returns.
///
/// The standard library's UTF-8 validator goes a word pair at a time only from an aligned
/// address, and byte by byte before and after: so start at the aligned address at or before
/// `from`, and end after whole word pairs when the input has the bytes (they are validated but
/// not used; a range that is UTF-8 is UTF-8 up to the CR too, which is a character of its own;
/// when it is not, validate up to `to` only).
#[inline]
fn line_str(b: &[u8], from: usize, to: usize) -> Option<(&str, usize)> {
    const WORD: usize = size_of::<usize>();
    let misalign = b.as_ptr().addr().wrapping_add(from) % WORD;
    let base = from.checked_sub(misalign).unwrap_or(from);
    let len = to - base;
    let rounded = base + len.div_ceil(2 * WORD) * (2 * WORD);
    if let Some(Ok(s)) = b.get(base..rounded).map(std::str::from_utf8) {
        return Some((s, base));
    }
    std::str::from_utf8(b.get(base..to)?)
        .ok()
        .map(|s| (s, base))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::command::parse_full;
    use super::*;
    use crate::parse::ParseErrorKind;

    /// Lines of every shape the fast path reads.
    const LINES: &[&[u8]] = &[
        b"RCPT TO:<bob@example.org>\r\n",
        b"rcpt to:<Bob.Smith@Mail.Example.ORG> NOTIFY=FAILURE\r\n",
        b"RCPT TO:<a@b> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;a+2Bb@c\r\n",
        b"RCPT TO:<x!#$%&'*+-/=?^_`{|}~y@a-b.c-d.e> NOTIFY=never X-FOO=bar BAZ\r\n",
        b"RCPT TO:<postmaster@example.org>\r\n",
        b"MAIL FROM:<alice@example.com> SIZE=12345 BODY=8BITMIME\r\n",
        b"Mail From:<> size=0 body=7bit\r\n",
        b"MAIL FROM:<a@b.c> BODY=BINARYMIME SMTPUTF8 RET=HDRS ENVID=x+2By\r\n",
        b"MAIL FROM:<a@b.c> AUTH=<> MT-PRIORITY=-3 BY=120;R HOLDFOR=10\r\n",
        b"MAIL FROM:<a.b.c@d> SIZE=18446744073709551615\r\n",
        b"EHLO client7.example.com\r\n",
        b"helo localhost\r\n",
        b"LHLO a-1.b-2\r\n",
        b"RSET\r\n",
        b"noop\r\n",
        b"QUIT\r\n",
        b"Data\r\n",
        // RFC 6531: UTF-8 in the local part, the domain and parameter values.
        "RCPT TO:<jösé@bücher.example> NOTIFY=FAILURE\r\n".as_bytes(),
        "MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή> SMTPUTF8 SIZE=10 X-NOTE=é\r\n".as_bytes(),
        "EHLO bücher.example\r\n".as_bytes(),
        "RCPT TO:<\u{1f600}@a.b> X-TAG=\u{1f600}\r\n".as_bytes(),
    ];

    /// Bytes worth putting anywhere: separators, the bytes the grammar gives a meaning to,
    /// control characters, 8-bit and invalid UTF-8.
    const BYTES: &[u8] = &[
        b' ', b'\r', b'\n', b'\t', 0, 0x7f, b'.', b'-', b'@', b'<', b'>', b'=', b',', b';', b':',
        b'"', b'\\', b'[', b']', b'+', b'_', b'0', b'9', b'a', b'Z', 0x80, 0xc3, 0xa9, 0xff,
    ];

    fn configs() -> Vec<CommandConfig> {
        let short = CommandConfig {
            max_line_len: 30,
            ..CommandConfig::default()
        };
        let few = CommandConfig {
            max_params: 1,
            ..CommandConfig::strict()
        };
        let tiny = CommandConfig {
            max_line_len: 6,
            ..CommandConfig::default()
        };
        vec![
            CommandConfig::default(),
            CommandConfig::strict(),
            short,
            few,
            tiny,
        ]
    }

    /// When the fast path answers, it answers what the full parser does; and `parse_command`
    /// always answers what the full parser does.
    /// The fast path alone: `None` where it leaves the line to the full parser.
    fn fast(line: &[u8], config: &CommandConfig) -> Option<(Command<'static>, usize)> {
        let left = ParseError::new(usize::MAX, ParseErrorKind::Expected("full parser"));
        match command(line, config, |_, _| Err(left.clone())) {
            Ok(Status::Complete((c, n))) => Some((c.into_owned(), n)),
            Err(e) if e == left => None,
            other => panic!("the fast path returned {other:?}"),
        }
    }

    /// When the fast path answers, it answers what the full parser does; and `parse_command`
    /// always answers what the full parser does.
    fn check(line: &[u8], config: &CommandConfig) {
        let full = parse_full(line, config);
        if let Some(fast) = fast(line, config) {
            assert_eq!(
                Ok(Status::Complete(fast)),
                full,
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
        assert_eq!(super::super::parse_command(line, config), full);
    }

    #[test]
    fn takes_the_common_lines() {
        let config = CommandConfig::default();
        for line in LINES {
            assert!(
                fast(line, &config).is_some(),
                "{:?}",
                String::from_utf8_lossy(line)
            );
            check(line, &config);
        }
    }

    #[test]
    fn leaves_the_rest_to_the_full_parser() {
        let config = CommandConfig::default();
        for line in [
            &b"RCPT TO: <a@b>\r\n"[..],
            b"RCPT TO:a@b\r\n",
            b"RCPT  TO:<a@b>\r\n",
            b"RCPT TO:<a@b>  NOTIFY=FAILURE\r\n",
            b"RCPT TO:<a@b> \r\n",
            b"RCPT TO:<\"a b\"@c>\r\n",
            b"RCPT TO:<a@[192.0.2.1]>\r\n",
            b"RCPT TO:<@r:a@b>\r\n",
            b"RCPT TO:<Postmaster>\r\n",
            b"RCPT TO:<j\xc3@b>\r\n",
            b"RCPT TO:<j\xa9@b>\r\n",
            b"RCPT TO:<j@b\xff>\r\n",
            b"RCPT TO:<j@b> X=\xe2\x82\r\n",
            b"EHLO a\xc3\x28b\r\n",
            b"RCPT TO:<a@b>\n",
            b"RCPT TO:<a@b>\r",
            b"RCPT TO:<a@b>",
            b"RCPT TO:<a@b> A B C D E\r\n",
            b"MAIL FROM:<a@b> SIZE=1 SIZE=2\r\n",
            b"MAIL FROM:<a@b> SIZE=18446744073709551616\r\n",
            b"EHLO [192.0.2.1]\r\n",
            b"EHLO a.b \r\n",
            b"NOOP x\r\n",
            b"RSET \r\n",
        ] {
            assert!(
                fast(line, &config).is_none(),
                "{:?}",
                String::from_utf8_lossy(line)
            );
            check(line, &config);
        }
    }

    /// Every line above, with every byte of `BYTES` put in at, or over, every position, with
    /// every byte taken out, and cut at every length.
    #[test]
    fn agrees_with_full_parser_on_edits() {
        for config in configs() {
            for line in LINES {
                for i in 0..=line.len() {
                    check(&line[..i], &config);
                    if i < line.len() {
                        let mut v = line.to_vec();
                        v.remove(i);
                        check(&v, &config);
                    }
                    for &c in BYTES {
                        let mut v = line.to_vec();
                        v.insert(i, c);
                        check(&v, &config);
                        if i < line.len() {
                            let mut v = line.to_vec();
                            v[i] = c;
                            check(&v, &config);
                        }
                    }
                }
            }
        }
    }

    /// A label or local part at the length limits.
    #[test]
    fn agrees_at_length_limits() {
        let config = CommandConfig {
            max_line_len: 1000,
            ..CommandConfig::default()
        };
        for n in [62, 63, 64, 250, 251, 252, 253, 254, 255, 256] {
            // Labels of 63 (or `n`) octets, then one to make up `n`.
            let mut name = "a".repeat(n.min(63));
            while name.len() + 1 < n {
                name.push('.');
                let left = n - name.len();
                name.push_str(&"b".repeat(left.min(63)));
            }
            for line in [
                format!("EHLO {name}\r\n"),
                format!("RCPT TO:<{}@{name}>\r\n", "c".repeat(n)),
                format!("EHLO {}\r\n", "a".repeat(n)),
            ] {
                check(line.as_bytes(), &config);
            }
        }
    }

    fn token() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"RCPT TO:<".to_vec()),
            Just(b"MAIL FROM:<".to_vec()),
            Just(b"EHLO ".to_vec()),
            Just(b"RSET".to_vec()),
            Just(b"QUIT".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"@".to_vec()),
            Just(b">".to_vec()),
            Just(b".".to_vec()),
            Just(b" ".to_vec()),
            Just(b" NOTIFY=".to_vec()),
            Just(b" SIZE=".to_vec()),
            Just(b" BODY=".to_vec()),
            Just(b" ORCPT=rfc822;".to_vec()),
            Just(b"SUCCESS,FAILURE".to_vec()),
            Just(b"8bitmime".to_vec()),
            Just(b"-".to_vec()),
            "[a-zA-Z0-9]{1,12}".prop_map(String::into_bytes),
            proptest::collection::vec(any::<u8>(), 1..3),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_full_parser(
            tokens in proptest::collection::vec(token(), 1..16),
            config in proptest::sample::select(configs()),
        ) {
            check(&tokens.concat(), &config);
        }
    }
}
