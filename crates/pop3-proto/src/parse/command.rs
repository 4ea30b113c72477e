//! The command parser (server side): one command line at a time (RFC 1939 §3, RFC 2449 §3).
//!
//! Lines are framed with [`mail_sasl::line::parse_line`]; a partial line is never consumed.
//! The line must be UTF-8 (RFC 6856 allows UTF-8 user names and passwords; ASCII is a subset)
//! and must not contain control characters other than tab.
//!
//! The tolerances are listed on [`CommandConfig`].

use mail_sasl::line::{BareLf, LineConfig, parse_line};

use super::{ParseError, Status, expected, invalid, number};
use crate::types::{
    ApopDigest, Command, InitialResponse, Keyword, LanguageRange, MessageNumber, Name, Password,
    SaslMechanism, Text, is_param_byte,
};

/// The longest command line RFC 2449 §4 requires servers to accept, CRLF included.
pub const COMMAND_LINE_MAX: usize = 255;

/// Settings of [`parse_command`]. The defaults follow RFC 1939 and RFC 2449 with the
/// tolerances real clients need.
///
/// # Tolerances
///
/// - keywords in any case: always (RFC 1939 §3 "case-insensitive keyword");
/// - [`allow_extra_spaces`](CommandConfig::allow_extra_spaces): several spaces between the
///   keyword and its arguments and between arguments, and trailing spaces (never inside the
///   argument of `PASS`, which is the rest of the line, spaces included, RFC 1939 §7);
/// - arguments longer than RFC 1939's 40 characters: always (RFC 2449 §4 raised the limit; the
///   line length bounds them);
/// - APOP digests in upper-case hex: always;
/// - UTF-8 in arguments: always (RFC 6856 §2.2);
/// - bare LF line endings: [`bare_lf`](CommandConfig::bare_lf), rejected by default.
///
/// Never tolerated: control characters other than tab, non-UTF-8 bytes, lines longer than
/// [`max_line_len`](CommandConfig::max_line_len).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommandConfig {
    /// Longest command line, CRLF included. Default [`COMMAND_LINE_MAX`] (RFC 2449 §4).
    pub max_line_len: usize,
    /// Bare LF policy. Default [`BareLf::Reject`].
    pub bare_lf: BareLf,
    /// Accept several spaces where the grammar has one, and trailing spaces. Default true.
    pub allow_extra_spaces: bool,
}

impl Default for CommandConfig {
    fn default() -> Self {
        Self {
            max_line_len: COMMAND_LINE_MAX,
            bare_lf: BareLf::Reject,
            allow_extra_spaces: true,
        }
    }
}

impl CommandConfig {
    /// The defaults; see the field documentation.
    pub fn new() -> Self {
        Self::default()
    }

    /// The RFC grammar only: every tolerance that can be turned off is off.
    pub fn strict() -> Self {
        Self {
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
/// use pop3_proto::parse::{parse_command, CommandConfig, ParseErrorKind, Status};
/// use pop3_proto::types::Command;
///
/// let config = CommandConfig::default();
/// let input = b"TOP 1 10\r\nRETR";
/// let Status::Complete((command, used)) = parse_command(input, &config)? else { unreachable!() };
/// assert!(matches!(command, Command::Top { lines: 10, .. }));
/// // The second line is partial: nothing is consumed.
/// assert!(parse_command(&input[used..], &config)?.is_incomplete());
/// let e = parse_command(b"RETR 0\r\n", &config).unwrap_err();
/// assert_eq!((e.offset, e.kind), (5, ParseErrorKind::Invalid("message number")));
/// # Ok::<(), pop3_proto::parse::ParseError>(())
/// ```
pub fn parse_command<'a>(
    input: &'a [u8],
    config: &CommandConfig,
) -> Result<Status<(Command<'a>, usize)>, ParseError> {
    let line_config = LineConfig::new(config.max_line_len).with_bare_lf(config.bare_lf);
    let line = match parse_line(input, &line_config)? {
        Status::Complete(line) => line,
        Status::Incomplete(n) => return Ok(Status::Incomplete(n)),
    };
    let content = line.content();
    let is_bad = |b: u8| (b < 0x20 && b != b'\t') || b == 0x7f;
    if let Some(i) = content.iter().position(|&b| is_bad(b)) {
        return Err(invalid(i, "control character"));
    }
    let text = std::str::from_utf8(content).map_err(|e| invalid(e.valid_up_to(), "utf-8"))?;
    let mut p = Parser {
        s: text,
        pos: 0,
        config,
    };
    let command = p.command()?;
    Ok(Status::Complete((command, line.consumed())))
}

type PResult<T> = Result<T, ParseError>;

struct Parser<'a, 'c> {
    s: &'a str,
    pos: usize,
    config: &'c CommandConfig,
}

impl<'a> Parser<'a, '_> {
    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    fn at_end(&self) -> bool {
        self.pos == self.s.len()
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        let b = self.bytes();
        while self.pos < b.len() && f(b[self.pos]) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// One space (several when tolerated).
    fn sep(&mut self) -> PResult<()> {
        if self.bytes().get(self.pos) != Some(&b' ') {
            return Err(expected(self.pos, "space"));
        }
        self.pos += 1;
        if self.config.allow_extra_spaces {
            self.take_while(|b| b == b' ');
        }
        Ok(())
    }

    /// Whether an argument follows; consumes the separator before it.
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

    /// The end of the line, after trailing spaces when tolerated.
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

    /// A space-free argument.
    fn param(&mut self, what: &'static str) -> PResult<&'a str> {
        let at = self.pos;
        let p = self.take_while(is_param_byte);
        if p.is_empty() {
            return Err(expected(at, what));
        }
        Ok(p)
    }

    fn message_number(&mut self) -> PResult<MessageNumber> {
        let at = self.pos;
        let rest = &self.bytes()[at..];
        let (n, len) = match number(rest, u64::from(u32::MAX)) {
            Some(v) => v,
            None if rest.first().is_some_and(u8::is_ascii_digit) => {
                return Err(invalid(at, "message number"));
            }
            None => return Err(expected(at, "message number")),
        };
        self.pos += len;
        MessageNumber::new(n as u32).ok_or_else(|| invalid(at, "message number"))
    }

    fn optional_message_number(&mut self) -> PResult<Option<MessageNumber>> {
        let n = if self.more()? {
            Some(self.message_number()?)
        } else {
            None
        };
        self.end()?;
        Ok(n)
    }

    fn command(&mut self) -> PResult<Command<'a>> {
        let keyword = self.take_while(|b| b != b' ');
        if keyword.is_empty() {
            return Err(expected(0, "keyword"));
        }
        let is = |k: &str| keyword.eq_ignore_ascii_case(k);
        let cmd = if is("USER") {
            self.sep()?;
            let at = self.pos;
            let name =
                Name::new(self.param("mailbox name")?).map_err(|_| invalid(at, "mailbox name"))?;
            self.end()?;
            Command::User(name)
        } else if is("PASS") {
            // RFC 1939 §7: the password is the rest of the line, spaces included.
            if self.bytes().get(self.pos) != Some(&b' ') {
                return Err(expected(self.pos, "space"));
            }
            self.pos += 1;
            let at = self.pos;
            let password = Password::new(&self.s[at..]).map_err(|_| expected(at, "password"))?;
            self.pos = self.s.len();
            Command::Pass(password)
        } else if is("APOP") {
            self.sep()?;
            let at = self.pos;
            let name =
                Name::new(self.param("mailbox name")?).map_err(|_| invalid(at, "mailbox name"))?;
            self.sep()?;
            let at = self.pos;
            let digest = ApopDigest::from_hex(self.param("digest")?.as_bytes())
                .map_err(|_| invalid(at, "apop digest"))?;
            self.end()?;
            Command::Apop { name, digest }
        } else if is("STAT") {
            self.end()?;
            Command::Stat
        } else if is("LIST") {
            Command::List(self.optional_message_number()?)
        } else if is("UIDL") {
            Command::Uidl(self.optional_message_number()?)
        } else if is("RETR") {
            self.sep()?;
            let n = self.message_number()?;
            self.end()?;
            Command::Retr(n)
        } else if is("DELE") {
            self.sep()?;
            let n = self.message_number()?;
            self.end()?;
            Command::Dele(n)
        } else if is("NOOP") {
            self.end()?;
            Command::Noop
        } else if is("RSET") {
            self.end()?;
            Command::Rset
        } else if is("TOP") {
            self.sep()?;
            let msg = self.message_number()?;
            self.sep()?;
            let at = self.pos;
            let (lines, len) = match number(&self.bytes()[at..], u64::MAX) {
                Some(v) => v,
                None => return Err(expected(at, "number of lines")),
            };
            self.pos += len;
            self.end()?;
            Command::Top { msg, lines }
        } else if is("QUIT") {
            self.end()?;
            Command::Quit
        } else if is("CAPA") {
            self.end()?;
            Command::Capa
        } else if is("STLS") {
            self.end()?;
            Command::Stls
        } else if is("AUTH") {
            self.sep()?;
            let at = self.pos;
            let mechanism = SaslMechanism::new(self.param("sasl mechanism")?)
                .map_err(|_| invalid(at, "sasl mechanism"))?;
            let initial_response = if self.more()? {
                let at = self.pos;
                let ir = InitialResponse::from_encoded(self.param("initial response")?)
                    .map_err(|_| invalid(at, "initial response"))?;
                Some(ir)
            } else {
                None
            };
            self.end()?;
            Command::Auth {
                mechanism,
                initial_response,
            }
        } else if is("UTF8") {
            self.end()?;
            Command::Utf8
        } else if is("LANG") {
            let range = if self.more()? {
                let at = self.pos;
                Some(
                    LanguageRange::new(self.param("language range")?)
                        .map_err(|_| invalid(at, "language range"))?,
                )
            } else {
                None
            };
            self.end()?;
            Command::Lang(range)
        } else {
            let keyword = Keyword::new(keyword).map_err(|_| invalid(0, "keyword"))?;
            let args = if self.more()? {
                let at = self.pos;
                let mut rest = &self.s[at..];
                if self.config.allow_extra_spaces {
                    rest = rest.trim_end_matches([' ', '\t']);
                }
                self.pos = self.s.len();
                Some(Text::new(rest).map_err(|_| invalid(at, "argument"))?)
            } else {
                None
            };
            Command::Unknown { keyword, args }
        };
        Ok(cmd)
    }
}
