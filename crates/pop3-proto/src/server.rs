//! The server state machine: the server session: per-state command validation and response
//! generation.
//!
//! [`Server`] is sans-IO, in the style of `quinn-proto`: the caller feeds the bytes that arrived
//! from the client to [`Server::receive`], takes [`ServerEvent`]s from [`Server::poll_event`],
//! answers the events that need a decision ([`Server::accept`], [`Server::reject`],
//! [`Server::respond`], [`Server::maildrop_locked`], [`Server::message_data`], …) and writes
//! what [`Server::poll_transmit`] appends to the socket.
//!
//! # What the machine does and what the caller decides
//!
//! The machine enforces the protocol: commands only in their state (RFC 1939 §4-§7), `PASS`
//! only right after a successful `USER`, one successful authentication per session (RFC 5034
//! §4), `STLS` only in AUTHORIZATION before `UTF8` (RFC 2595 §4, RFC 6856 §2.1), the optional
//! commands only when announced by `CAPA`. It answers `CAPA`, `STAT`, `LIST`, `UIDL`, `DELE`,
//! `RSET`, `NOOP`, `LANG` and every protocol error itself, from the maildrop listing the caller
//! gave when it locked the maildrop; it keeps the deletion marks.
//!
//! The caller decides about users and passwords ([`ServerEvent::User`],
//! [`ServerEvent::CheckPassword`], [`ServerEvent::ApopSecret`], [`ServerEvent::Auth`]),
//! acquires the exclusive maildrop lock ([`ServerEvent::LockMaildrop`], answered
//! [`Server::maildrop_locked`] or [`Server::maildrop_in_use`], which sends `-ERR [IN-USE]`,
//! RFC 2449 §8.1.2), streams messages ([`ServerEvent::Retrieve`]: the machine writes the `+OK`,
//! dot-stuffs the data and cuts `TOP` to the asked number of lines) and removes messages in
//! UPDATE ([`ServerEvent::Update`]).
//!
//! # Deletions
//!
//! `DELE` only marks. The marked messages are reported in [`ServerEvent::Update`], which comes
//! only after `QUIT` in TRANSACTION (RFC 1939 §6). A connection that ends any other way
//! ([`Server::abort`], a closed socket, too many errors) never produces it, so nothing is
//! deleted.
//!
//! # Ordering, memory and limits
//!
//! Pipelined commands (RFC 2449 §6.6) are processed strictly in order: while a decision is
//! pending no further input is processed. `receive` takes bytes only while buffered input and
//! pending output stay under [`ServerConfig::max_buffer`], and returns how many it took.
//! Protocol errors and failed logins are counted; at [`ServerConfig::max_errors`] the machine
//! sends a last `-ERR` and closes. No clock: the caller applies [`AUTOLOGOUT_TIMEOUT_SECS`]
//! and then calls [`Server::abort`] (RFC 1939 §3: no response, no UPDATE).
//!
//! # Example
//!
//! ```
//! use pop3_proto::server::{MessageInfo, Server, ServerConfig, ServerEvent};
//! use pop3_proto::types::UniqueId;
//!
//! let mut config = ServerConfig::new("dewey");
//! config.allow_plaintext_without_tls = true;
//! let mut server = Server::new(config).unwrap();
//! let mut out = Vec::new();
//! server.poll_transmit(&mut out);
//! assert_eq!(out, b"+OK POP3 server ready\r\n");
//!
//! server.receive(b"USER mrose\r\nPASS tanstaaf\r\n");
//! assert!(matches!(server.poll_event(), Some(ServerEvent::User { .. })));
//! server.accept().unwrap();
//! let Some(ServerEvent::CheckPassword { password, .. }) = server.poll_event() else { panic!() };
//! assert_eq!(password.expose(), "tanstaaf");
//! server.accept().unwrap();
//! assert!(matches!(server.poll_event(), Some(ServerEvent::LockMaildrop { .. })));
//! let uid = UniqueId::new("a1").unwrap();
//! server.maildrop_locked(vec![MessageInfo { size: 120, uid }]).unwrap();
//! out.clear();
//! server.poll_transmit(&mut out);
//! assert_eq!(out, b"+OK\r\n+OK mrose's maildrop has 1 message (120 octets)\r\n");
//! ```

use std::collections::VecDeque;
use std::fmt;

use mail_sasl::dot::{LineEndings, Stuffer};
use mail_sasl::line::{LineConfig, LineError, Status, parse_line};
use mail_sasl::scram::ScramCredentials;
use mail_sasl::server::{FailureReason, TokenCheck};
use mail_sasl::{Mechanism, Secret, ServerSession, ServerStep};

pub use crate::client::LoginMethod;
use crate::encode::{encode_multiline_end, encode_multiline_line};
use crate::parse::{CommandConfig, ParseErrorKind, parse_command, skip_line};
use crate::types::{
    ApopDigest, AuthMechanism, Capabilities, Capability, Command, Continuation, LanguageListing,
    MessageNumber, Response, ResponseCode, StatusIndicator, UniqueId,
};

/// The inactivity autologout RFC 1939 §3 allows a server: at least 10 minutes. The machine
/// reads no clock; the caller applies it and calls [`Server::abort`].
pub const AUTOLOGOUT_TIMEOUT_SECS: u64 = 10 * 60;

/// Default longest `AUTH` response line, CRLF included (RFC 5034 §4 sets no limit: "clients
/// and servers MUST be able to handle the largest encoded challenges and responses generated
/// by the authentication mechanisms they support").
pub const AUTH_LINE_MAX: usize = 8192;

/// One message of the maildrop, as the caller describes it when it locks the maildrop.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageInfo {
    /// The exact size in octets as sent: line ends counted as CRLF, stuffing dots not counted
    /// (RFC 1939 §11).
    pub size: u64,
    /// The unique-id (RFC 1939 §7).
    pub uid: UniqueId<'static>,
}

/// Settings of a [`Server`]. Build with [`ServerConfig::new`] and change the fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The server's name, used in the `QUIT` response (`+OK dewey POP3 server signing off`)
    /// and the CRAM-MD5 challenge.
    pub hostname: String,
    /// The greeting text after `+OK`. Default `POP3 server ready`.
    pub greeting: String,
    /// The APOP timestamp (`<process-ID.clock@hostname>`, RFC 1939 §7) appended to the
    /// greeting; it MUST differ for every greeting, so set it per connection. Without it,
    /// `APOP` is refused.
    pub apop_timestamp: Option<String>,
    /// The capabilities announced by `CAPA`. They also switch behaviour: `TOP`, `UIDL`, `USER`,
    /// `SASL` (the mechanisms accepted), `STLS`, `UTF8`, `LANG` enable their commands and
    /// `RESP-CODES` the response codes. `STLS` is left out once TLS is active or after
    /// `UTF8`. Default: `TOP`, `USER`, `UIDL`, `RESP-CODES`, `AUTH-RESP-CODE`, `PIPELINING`.
    pub capabilities: Capabilities,
    /// Allow `USER`/`PASS` and the PLAIN and LOGIN mechanisms without TLS. Default false
    /// (RFC 5034 §4: a server "MUST implement a configuration in which it does NOT advertise or
    /// permit any plaintext password mechanisms, unless the STLS command has been used", and it
    /// "SHOULD be the default"); `USER` and those mechanisms are then not announced either.
    pub allow_plaintext_without_tls: bool,
    /// The languages offered by `LANG` (RFC 6856 §3), first the preferred one. Default none.
    pub languages: Vec<LanguageListing>,
    /// Longest command line, CRLF included. Default 255 (RFC 2449 §4).
    pub max_line_len: usize,
    /// Longest `AUTH` response line, CRLF included. Default [`AUTH_LINE_MAX`].
    pub max_auth_line_len: usize,
    /// Protocol errors and failed logins after which the session is closed with a last
    /// `-ERR`. Default 10.
    pub max_errors: usize,
    /// Bound on buffered input and pending output. Default 64 KiB.
    pub max_buffer: usize,
    /// How message data is stuffed: [`LineEndings::Normalize`] (the default) turns bare LF
    /// (a Maildir's line ends) into CRLF, as RFC 1939 §11 expects.
    pub line_endings: LineEndings,
    /// Tolerances of the command parser; its `max_line_len` is replaced by
    /// [`max_line_len`](Self::max_line_len).
    pub command: CommandConfig,
}

impl ServerConfig {
    /// The default settings for a server named `hostname`.
    pub fn new(hostname: impl Into<String>) -> Self {
        let capabilities = [
            Capability::Top,
            Capability::User,
            Capability::Uidl,
            Capability::RespCodes,
            Capability::AuthRespCode,
            Capability::Pipelining,
        ]
        .into_iter()
        .collect();
        Self {
            hostname: hostname.into(),
            greeting: "POP3 server ready".to_owned(),
            apop_timestamp: None,
            capabilities,
            allow_plaintext_without_tls: false,
            languages: Vec::new(),
            max_line_len: crate::parse::COMMAND_LINE_MAX,
            max_auth_line_len: AUTH_LINE_MAX,
            max_errors: 10,
            max_buffer: 64 * 1024,
            line_endings: LineEndings::Normalize,
            command: CommandConfig::default(),
        }
    }
}

/// What happened; see [`Server::poll_event`]. Events marked *decision* must be answered before
/// the machine processes more input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerEvent {
    /// *Decision*: `USER name` (RFC 1939 §7). [`Server::accept`] sends `+OK` (RFC 1939 allows it
    /// even for an unknown user, which gives no hint about valid names); [`Server::reject`] or
    /// [`Server::respond`] with `-ERR`.
    User {
        /// The name.
        name: String,
    },
    /// *Decision*: `PASS` for the user of the last `USER`. [`Server::accept`] if the password
    /// is right (next comes [`ServerEvent::LockMaildrop`]), [`Server::reject`] (`-ERR [AUTH]`)
    /// if not.
    CheckPassword {
        /// The user.
        user: String,
        /// The password.
        password: Secret,
    },
    /// *Decision*: `APOP` (RFC 1939 §7): give the user's shared secret (or `None`) with
    /// [`Server::apop_secret`]; the machine checks the digest.
    ApopSecret {
        /// The user.
        user: String,
    },
    /// *Decision*: a SASL step (RFC 5034) needs the application: one of the `Needs*` variants
    /// of [`ServerStep`]. Answer with the matching `auth_*` method.
    Auth(ServerStep),
    /// *Decision*: the user is authenticated; acquire the exclusive-access lock on the maildrop
    /// and open it (RFC 1939 §4). Answer [`Server::maildrop_locked`] (TRANSACTION),
    /// [`Server::maildrop_in_use`] (`-ERR [IN-USE]`, RFC 2449 §8.1.2), or [`Server::reject`] /
    /// [`Server::respond`] with `-ERR` (for example `[SYS/TEMP]`, RFC 3206 §4).
    LockMaildrop {
        /// The user (for SASL the authorization identity if one was given).
        user: String,
        /// How the user logged in.
        method: LoginMethod,
    },
    /// *Decision*: `RETR` or `TOP` of an existing, undeleted message. Stream the whole message
    /// with [`Server::message_data`] and end with [`Server::message_end`] (the machine sends the
    /// `+OK`, stuffs the data and, for `TOP`, cuts it after the header and `top` body lines);
    /// or [`Server::reject`].
    Retrieve {
        /// The message.
        msg: MessageNumber,
        /// For `TOP`: how many body lines.
        top: Option<u64>,
    },
    /// *Decision*: `QUIT` in TRANSACTION: the UPDATE state (RFC 1939 §6). Remove these messages
    /// from the maildrop and release the lock, then [`Server::accept`] (`+OK`) or
    /// [`Server::reject`] (`-ERR some deleted messages not removed`); the session then closes.
    Update {
        /// The messages marked as deleted, in order.
        deleted: Vec<MessageNumber>,
    },
    /// `STLS` was accepted and `+OK` queued: transmit the pending output, start TLS, then call
    /// [`Server::tls_established`]. Bytes received meanwhile are discarded.
    StartTls,
    /// `UTF8` was accepted (RFC 6856 §2.1): the client may receive UTF-8 messages.
    Utf8,
    /// `LANG` selected a language (RFC 6856 §3); later response texts may use it.
    Language {
        /// The language tag.
        tag: String,
    },
}

/// An action that the state does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The configuration cannot produce valid responses (greeting or timestamp syntax).
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// No event is waiting for a decision.
    #[error("no decision pending")]
    NothingPending,
    /// The pending decision is of another kind (for example `message_data` while a password
    /// check is pending).
    #[error("another decision is pending")]
    WrongPending,
    /// The response's status does not fit the decision.
    #[error("response not allowed here")]
    InvalidResponse,
    /// `tls_established` without a pending STLS.
    #[error("no tls upgrade pending")]
    NoTlsPending,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ServerState {
    /// AUTHORIZATION: reading commands, no maildrop open.
    Authorization,
    /// TRANSACTION: the maildrop is locked and open.
    Transaction,
    /// Reading an `AUTH` response line.
    Auth,
    /// Waiting for the application to answer an event.
    AwaitingDecision,
    /// STLS accepted; waiting for [`Server::tls_established`].
    TlsPending,
    /// The session is over.
    Closed,
}

/// A `TOP` cut: the header, the blank line and `lines` body lines of the raw message.
#[derive(Debug, Clone)]
struct TopFilter {
    in_header: bool,
    line_has_content: bool,
    remaining: u64,
    done: bool,
}

impl TopFilter {
    fn new(lines: u64) -> Self {
        Self {
            in_header: true,
            line_has_content: false,
            remaining: lines,
            done: false,
        }
    }

    /// The prefix of `data` that belongs to the top.
    fn pass<'d>(&mut self, data: &'d [u8]) -> &'d [u8] {
        for (i, &b) in data.iter().enumerate() {
            if self.done {
                return &data[..i];
            }
            if self.in_header {
                match b {
                    b'\n' => {
                        if !self.line_has_content {
                            self.in_header = false;
                            self.done = self.remaining == 0;
                        }
                        self.line_has_content = false;
                    }
                    b'\r' => {}
                    _ => self.line_has_content = true,
                }
            } else if b == b'\n' {
                self.remaining -= 1;
                self.done = self.remaining == 0;
            }
        }
        data
    }
}

enum Pending {
    User(String),
    CheckPassword(String),
    ApopSecret(String, ApopDigest),
    Auth(Box<ServerSession>, Mechanism),
    Lock(String),
    Retrieve {
        msg: MessageNumber,
        top: Option<TopFilter>,
        started: bool,
    },
    Update,
}

enum Phase {
    Command,
    /// Discarding the rest of an over-long line; the error is sent at its LF.
    SkipLine,
    AuthLine(Box<ServerSession>, Mechanism),
    TlsPending,
    Closed,
}

/// A POP3 server session; see the [module documentation](self).
pub struct Server {
    config: ServerConfig,
    command_config: CommandConfig,
    max_buffer: usize,
    codes: bool,
    phase: Phase,
    pending: Option<Pending>,
    /// The name of a successful `USER`, for `PASS`.
    user: Option<String>,
    /// The maildrop, once locked: sizes, uids and deletion marks.
    maildrop: Option<Vec<(MessageInfo, bool)>>,
    tls: bool,
    utf8: bool,
    errors: usize,
    inbuf: Vec<u8>,
    events: VecDeque<ServerEvent>,
    outbuf: Vec<u8>,
    stuffer: Stuffer,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Input may hold a password or an AUTH response: never shown.
        f.debug_struct("Server")
            .field("state", &self.state())
            .field("tls", &self.tls)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A new session; the greeting is queued for [`poll_transmit`](Self::poll_transmit)
    /// (RFC 1939 §4).
    pub fn new(config: ServerConfig) -> Result<Self, ServerError> {
        let mut text = config.greeting.clone();
        if let Some(ts) = &config.apop_timestamp {
            if crate::parse::apop_timestamp(ts.as_bytes()) != Some(ts.as_bytes()) {
                return Err(ServerError::Config("apop timestamp"));
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(ts);
        }
        let greeting = Response::new(StatusIndicator::Ok, None, text.into_bytes())
            .map_err(|_| ServerError::Config("greeting text"))?;
        if config.hostname.bytes().any(|b| b < 0x21 || b == 0x7f) {
            return Err(ServerError::Config("hostname"));
        }
        let mut command_config = config.command.clone();
        command_config.max_line_len = config.max_line_len;
        let max_buffer = config
            .max_buffer
            .max(config.max_line_len)
            .max(config.max_auth_line_len);
        let codes = config.capabilities.resp_codes();
        let stuffer = Stuffer::with_line_endings(config.line_endings);
        let mut outbuf = Vec::new();
        greeting.encode(&mut outbuf);
        Ok(Self {
            config,
            command_config,
            max_buffer,
            codes,
            phase: Phase::Command,
            pending: None,
            user: None,
            maildrop: None,
            tls: false,
            utf8: false,
            errors: 0,
            inbuf: Vec::new(),
            events: VecDeque::new(),
            outbuf,
            stuffer,
        })
    }

    // ----- getters --------------------------------------------------------------------------

    /// Where the session is.
    pub fn state(&self) -> ServerState {
        if self.pending.is_some() {
            return ServerState::AwaitingDecision;
        }
        match self.phase {
            Phase::Command | Phase::SkipLine if self.maildrop.is_some() => ServerState::Transaction,
            Phase::Command | Phase::SkipLine => ServerState::Authorization,
            Phase::AuthLine(..) => ServerState::Auth,
            Phase::TlsPending => ServerState::TlsPending,
            Phase::Closed => ServerState::Closed,
        }
    }

    /// Whether the session is over: transmit the output, then close the connection.
    pub fn is_closed(&self) -> bool {
        matches!(self.phase, Phase::Closed)
    }

    /// Whether [`tls_established`](Self::tls_established) was called.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// Whether the client switched to UTF-8 mode (RFC 6856 §2.1).
    pub fn is_utf8(&self) -> bool {
        self.utf8
    }

    /// The messages currently marked as deleted.
    pub fn deleted(&self) -> Vec<MessageNumber> {
        self.maildrop
            .iter()
            .flatten()
            .enumerate()
            .filter(|(_, (_, d))| *d)
            .filter_map(|(i, _)| MessageNumber::new(i as u32 + 1))
            .collect()
    }

    /// The capabilities `CAPA` announces now.
    pub fn capabilities(&self) -> Capabilities {
        let plaintext = self.plaintext_allowed();
        let mut caps = Capabilities::new();
        for c in self.config.capabilities.iter() {
            match c {
                Capability::Stls if self.tls || self.utf8 => {}
                Capability::User if !plaintext => {}
                Capability::Sasl(mechs) => caps.push(Capability::Sasl(
                    mechs
                        .iter()
                        .filter(|m| plaintext || !reveals_password(m))
                        .cloned()
                        .collect(),
                )),
                c => caps.push(c.clone()),
            }
        }
        caps
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    // ----- input ----------------------------------------------------------------------------

    /// Takes bytes received from the client and processes what it can; returns how many bytes
    /// were taken. Keep the rest and offer it again after draining events and output.
    ///
    /// Once STLS is accepted (until [`tls_established`](Self::tls_established)) or the session
    /// is closed, every byte is taken and discarded (RFC 2595 §4, CVE-2011-0411).
    pub fn receive(&mut self, data: &[u8]) -> usize {
        let mut taken = 0;
        while taken < data.len() {
            if self.discarding() {
                return data.len();
            }
            let used = self.inbuf.len() + self.outbuf.len();
            let room = self.max_buffer.saturating_sub(used);
            if room == 0 {
                break;
            }
            let n = room.min(data.len() - taken);
            self.inbuf.extend_from_slice(&data[taken..taken + n]);
            taken += n;
            self.process();
            if self.pending.is_some() {
                break;
            }
        }
        if self.discarding() {
            return data.len();
        }
        taken
    }

    // ----- events ---------------------------------------------------------------------------

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<ServerEvent> {
        self.events.pop_front()
    }

    // ----- decisions ------------------------------------------------------------------------

    /// Accepts the pending decision with the default positive response (for `USER`, a password
    /// check and `UPDATE`).
    pub fn accept(&mut self) -> Result<(), ServerError> {
        match self.pending.take() {
            None => Err(ServerError::NothingPending),
            Some(Pending::User(name)) => {
                self.user = Some(name);
                self.write(true, None, "");
                self.resume();
                Ok(())
            }
            Some(Pending::CheckPassword(user)) => {
                self.lock(user, LoginMethod::UserPass);
                Ok(())
            }
            Some(Pending::Update) => {
                let left = self.maildrop.iter().flatten().filter(|(_, d)| !d).count();
                let text = if left == 0 {
                    format!(
                        "{} POP3 server signing off (maildrop empty)",
                        self.config.hostname
                    )
                } else {
                    format!(
                        "{} POP3 server signing off ({left} message{} left)",
                        self.config.hostname,
                        plural(left)
                    )
                };
                self.write(true, None, &text);
                self.close();
                Ok(())
            }
            Some(other) => {
                self.pending = Some(other);
                Err(ServerError::WrongPending)
            }
        }
    }

    /// Refuses the pending decision with the default negative response.
    pub fn reject(&mut self) -> Result<(), ServerError> {
        let (code, text): (Option<ResponseCode<'static>>, &str) = match &self.pending {
            None => return Err(ServerError::NothingPending),
            Some(Pending::Auth(..)) => return Err(ServerError::WrongPending),
            Some(Pending::User(_)) => (Some(ResponseCode::AUTH), "no mailbox here"),
            Some(Pending::CheckPassword(_)) | Some(Pending::ApopSecret(..)) => {
                (Some(ResponseCode::AUTH), "invalid user name or password")
            }
            Some(Pending::Lock(..)) => (Some(ResponseCode::SYS_TEMP), "unable to open maildrop"),
            Some(Pending::Retrieve { started: true, .. }) => return Err(ServerError::WrongPending),
            Some(Pending::Retrieve { .. }) => (None, "no such message"),
            Some(Pending::Update) => (None, "some deleted messages not removed"),
        };
        let response = Response::new(StatusIndicator::Err, code, text.as_bytes())
            .map_err(|_| ServerError::InvalidResponse)?;
        self.respond(&response)
    }

    /// Answers the pending decision with `response`: `+OK` accepts (`USER`, `UPDATE`), `-ERR`
    /// refuses (any decision but a SASL step or a message already being sent). A response code
    /// is sent only when `RESP-CODES` is announced.
    pub fn respond(&mut self, response: &Response<'_>) -> Result<(), ServerError> {
        let ok = response.is_ok();
        match self.pending.take() {
            None => Err(ServerError::NothingPending),
            Some(Pending::User(name)) => {
                if ok {
                    self.user = Some(name);
                } else {
                    self.count_error();
                }
                self.send(response);
                self.resume();
                Ok(())
            }
            Some(Pending::Update) => {
                self.send(response);
                self.close();
                Ok(())
            }
            Some(
                pending @ (Pending::CheckPassword(_)
                | Pending::ApopSecret(..)
                | Pending::Lock(..)
                | Pending::Retrieve { started: false, .. }),
            ) if !ok => {
                self.send(response);
                // A refused RETR is an answer, not a protocol error; failed logins count.
                if !matches!(pending, Pending::Retrieve { .. }) {
                    self.count_error();
                }
                self.resume();
                Ok(())
            }
            Some(other) => {
                let err = if matches!(other, Pending::Auth(..) | Pending::Retrieve { .. }) {
                    ServerError::WrongPending
                } else {
                    ServerError::InvalidResponse
                };
                self.pending = Some(other);
                Err(err)
            }
        }
    }

    /// Answers [`ServerEvent::ApopSecret`]: the user's shared secret, or `None` for an unknown
    /// user. The digest is compared in constant time.
    pub fn apop_secret(&mut self, secret: Option<&str>) -> Result<(), ServerError> {
        match self.pending.take() {
            Some(Pending::ApopSecret(user, digest)) => {
                let ts = self.config.apop_timestamp.as_deref().unwrap_or("");
                let ok = secret.is_some_and(|s| digest.verify(ts.as_bytes(), s.as_bytes()));
                if ok {
                    self.lock(user, LoginMethod::Apop);
                } else {
                    self.write(false, Some(ResponseCode::AUTH), "permission denied");
                    self.count_error();
                    self.resume();
                }
                Ok(())
            }
            None => Err(ServerError::NothingPending),
            Some(other) => {
                self.pending = Some(other);
                Err(ServerError::WrongPending)
            }
        }
    }

    /// Answers [`ServerStep::NeedsPasswordCheck`] (PLAIN, LOGIN).
    pub fn auth_password_checked(&mut self, ok: bool) -> Result<(), ServerError> {
        self.auth_answer(|s| s.password_checked(ok))
    }

    /// Answers [`ServerStep::NeedsPassword`] (CRAM-MD5).
    pub fn auth_provide_password(&mut self, password: Option<&str>) -> Result<(), ServerError> {
        self.auth_answer(|s| s.provide_password(password))
    }

    /// Answers [`ServerStep::NeedsScramCredentials`] (SCRAM).
    pub fn auth_provide_scram_credentials(
        &mut self,
        credentials: Option<ScramCredentials>,
    ) -> Result<(), ServerError> {
        self.auth_answer(|s| s.provide_scram_credentials(credentials))
    }

    /// Answers [`ServerStep::NeedsTokenCheck`] (XOAUTH2, OAUTHBEARER).
    pub fn auth_token_checked(&mut self, check: TokenCheck) -> Result<(), ServerError> {
        self.auth_answer(|s| s.token_checked(check))
    }

    /// Answers [`ServerEvent::LockMaildrop`]: the lock is held and the maildrop open with these
    /// messages (number 1 first). Sends `+OK user's maildrop has n messages (size octets)` and
    /// enters TRANSACTION with no message marked as deleted.
    pub fn maildrop_locked(&mut self, messages: Vec<MessageInfo>) -> Result<(), ServerError> {
        let user = match &self.pending {
            Some(Pending::Lock(user)) => user.clone(),
            None => return Err(ServerError::NothingPending),
            Some(_) => return Err(ServerError::WrongPending),
        };
        let (n, size) = (messages.len(), messages.iter().map(|m| m.size).sum::<u64>());
        let text = format!(
            "{user}'s maildrop has {n} message{} ({size} octets)",
            plural(n)
        );
        let response = Response::new(StatusIndicator::Ok, None, text.into_bytes())
            .unwrap_or_else(|_| ok_response());
        self.maildrop_locked_with(messages, &response)
    }

    /// As [`maildrop_locked`](Self::maildrop_locked), with a `+OK` response of the caller's.
    pub fn maildrop_locked_with(
        &mut self,
        messages: Vec<MessageInfo>,
        response: &Response<'_>,
    ) -> Result<(), ServerError> {
        match &self.pending {
            Some(Pending::Lock(..)) if response.is_ok() => {}
            Some(Pending::Lock(..)) => return Err(ServerError::InvalidResponse),
            None => return Err(ServerError::NothingPending),
            Some(_) => return Err(ServerError::WrongPending),
        }
        self.pending = None;
        self.maildrop = Some(messages.into_iter().map(|m| (m, false)).collect());
        self.user = None;
        self.send(response);
        self.resume();
        Ok(())
    }

    /// Answers [`ServerEvent::LockMaildrop`]: the maildrop is locked by another session.
    /// Sends `-ERR [IN-USE] maildrop already locked` (RFC 2449 §8.1.2; the code only with
    /// `RESP-CODES`); the session stays in AUTHORIZATION.
    pub fn maildrop_in_use(&mut self) -> Result<(), ServerError> {
        match &self.pending {
            Some(Pending::Lock(..)) => {}
            None => return Err(ServerError::NothingPending),
            Some(_) => return Err(ServerError::WrongPending),
        }
        let response = Response::err_with_code(ResponseCode::IN_USE, "maildrop already locked")
            .map_err(|_| ServerError::InvalidResponse)?;
        self.respond(&response)
    }

    /// Streams message data after [`ServerEvent::Retrieve`]: the raw message, in chunks of any
    /// size. Returns how many bytes were taken: fewer (possibly 0) while
    /// [`ServerConfig::max_buffer`] output bytes are pending; transmit and give the rest. The
    /// first call sends the `+OK` line.
    pub fn message_data(&mut self, data: &[u8]) -> Result<usize, ServerError> {
        self.start_message()?;
        let room = self.max_buffer.saturating_sub(self.outbuf.len());
        let n = room.min(data.len());
        let Some(Pending::Retrieve { top, .. }) = &mut self.pending else {
            return Err(ServerError::WrongPending);
        };
        let chunk = match top {
            Some(filter) => filter.pass(&data[..n]),
            None => &data[..n],
        };
        // Only `LineEndings::Reject` can fail; the caller chose it, so the data is cut there.
        if self.stuffer.stuff(chunk, &mut self.outbuf).is_err() {
            self.stuffer.reset();
        }
        Ok(n)
    }

    /// Ends the message after [`ServerEvent::Retrieve`]: the end line (preceded by CRLF when
    /// the data did not end with one).
    pub fn message_end(&mut self) -> Result<(), ServerError> {
        self.start_message()?;
        if self.stuffer.finish(&mut self.outbuf).is_err() {
            self.outbuf.extend_from_slice(b"\r\n.\r\n");
        }
        self.stuffer.reset();
        self.pending = None;
        self.resume();
        Ok(())
    }

    /// The caller finished the TLS handshake after [`ServerEvent::StartTls`]: the session goes
    /// on in AUTHORIZATION; `STLS` is no longer announced.
    pub fn tls_established(&mut self) -> Result<(), ServerError> {
        if !matches!(self.phase, Phase::TlsPending) {
            return Err(ServerError::NoTlsPending);
        }
        self.tls = true;
        self.user = None;
        self.inbuf.clear();
        self.phase = Phase::Command;
        Ok(())
    }

    /// Ends the session from the server side with a last `response` (normally `-ERR`, e.g.
    /// `[SYS/TEMP]` for a shutdown); no UPDATE: nothing is deleted.
    pub fn shutdown(&mut self, response: &Response<'_>) {
        if self.is_closed() {
            return;
        }
        self.send(response);
        self.close();
    }

    /// The connection is gone or timed out (RFC 1939 §3: no response, no UPDATE): the session
    /// closes and nothing is deleted.
    pub fn abort(&mut self) {
        self.outbuf.clear();
        self.close();
    }

    // ----- output ---------------------------------------------------------------------------

    /// Appends the pending output to `out`; returns how many bytes.
    pub fn poll_transmit(&mut self, out: &mut Vec<u8>) -> usize {
        let n = self.outbuf.len();
        out.append(&mut self.outbuf);
        n
    }

    // ----- internals ------------------------------------------------------------------------

    fn discarding(&self) -> bool {
        matches!(self.phase, Phase::TlsPending | Phase::Closed)
    }

    fn plaintext_allowed(&self) -> bool {
        self.tls || self.config.allow_plaintext_without_tls
    }

    fn close(&mut self) {
        self.phase = Phase::Closed;
        self.pending = None;
        self.inbuf.clear();
        self.user = None;
    }

    /// Writes a response; the code only when `RESP-CODES` is announced.
    fn write(&mut self, ok: bool, code: Option<ResponseCode<'static>>, text: &str) {
        let status = if ok {
            StatusIndicator::Ok
        } else {
            StatusIndicator::Err
        };
        let code = code.filter(|_| self.codes);
        let response = Response::new(status, code, text.as_bytes()).unwrap_or_else(|_| {
            Response::new(status, None, &b""[..]).unwrap_or_else(|_| ok_response())
        });
        response.encode(&mut self.outbuf);
    }

    /// Sends a caller's response, without its code unless `RESP-CODES` is announced.
    fn send(&mut self, response: &Response<'_>) {
        if self.codes || response.code().is_none() {
            response.encode(&mut self.outbuf);
        } else {
            let text = String::from_utf8_lossy(response.text()).into_owned();
            self.write(response.is_ok(), None, &text);
        }
    }

    fn count_error(&mut self) {
        self.errors += 1;
        if self.errors >= self.config.max_errors {
            self.write(false, None, "too many errors, closing connection");
            self.close();
        }
    }

    /// A protocol error: `-ERR text`, counted against [`ServerConfig::max_errors`].
    fn error(&mut self, text: &str) {
        self.write(false, None, text);
        self.count_error();
    }

    fn resume(&mut self) {
        if !self.discarding() {
            self.process();
        }
    }

    fn decide(&mut self, event: ServerEvent, pending: Pending) {
        self.events.push_back(event);
        self.pending = Some(pending);
    }

    fn lock(&mut self, user: String, method: LoginMethod) {
        self.user = None;
        self.decide(
            ServerEvent::LockMaildrop {
                user: user.clone(),
                method,
            },
            Pending::Lock(user),
        );
    }

    fn start_message(&mut self) -> Result<(), ServerError> {
        let (msg, is_top) = match &mut self.pending {
            Some(Pending::Retrieve { started: true, .. }) => return Ok(()),
            Some(Pending::Retrieve { msg, top, started }) => {
                *started = true;
                (*msg, top.is_some())
            }
            None => return Err(ServerError::NothingPending),
            Some(_) => return Err(ServerError::WrongPending),
        };
        if is_top {
            self.write(true, None, "");
        } else {
            let size = self.message(msg).map_or(0, |m| m.size);
            self.write(true, None, &format!("{size} octets"));
        }
        self.stuffer.reset();
        Ok(())
    }

    fn message(&self, msg: MessageNumber) -> Option<&MessageInfo> {
        self.maildrop
            .as_ref()?
            .get(msg.index())
            .filter(|(_, deleted)| !deleted)
            .map(|(m, _)| m)
    }

    fn auth_step(
        &mut self,
        session: Box<ServerSession>,
        mech: Mechanism,
        result: Result<ServerStep, mail_sasl::Error>,
    ) {
        match result {
            Ok(ServerStep::Challenge(c)) => {
                Continuation::encode_challenge(&c).encode(&mut self.outbuf);
                self.phase = Phase::AuthLine(session, mech);
            }
            Ok(ServerStep::Success {
                authzid, authcid, ..
            }) => {
                let user = authzid.filter(|z| !z.is_empty()).unwrap_or(authcid);
                self.lock(user, LoginMethod::Sasl(mech));
            }
            Ok(ServerStep::Failure(FailureReason::Cancelled)) => {
                self.write(false, None, "authentication cancelled");
                self.count_error();
            }
            Ok(ServerStep::Failure(_)) => {
                self.write(false, Some(ResponseCode::AUTH), "authentication failed");
                self.count_error();
            }
            Ok(needs) => self.decide(ServerEvent::Auth(needs), Pending::Auth(session, mech)),
            Err(_) => self.error("invalid SASL response"),
        }
    }

    fn auth_answer(
        &mut self,
        f: impl FnOnce(&mut ServerSession) -> Result<ServerStep, mail_sasl::Error>,
    ) -> Result<(), ServerError> {
        match self.pending.take() {
            Some(Pending::Auth(mut session, mech)) => {
                let result = f(&mut session);
                self.auth_step(session, mech, result);
                self.resume();
                Ok(())
            }
            None => Err(ServerError::NothingPending),
            Some(other) => {
                self.pending = Some(other);
                Err(ServerError::WrongPending)
            }
        }
    }

    fn process(&mut self) {
        let buf = std::mem::take(&mut self.inbuf);
        let mut pos = 0;
        while self.pending.is_none() && !self.discarding() {
            if !self.step(&buf, &mut pos) {
                break;
            }
        }
        let mut buf = buf;
        if self.discarding() {
            buf.clear();
        } else {
            buf.drain(..pos);
        }
        // Actions may have cleared the buffer meanwhile; nothing else writes to it here.
        self.inbuf = buf;
    }

    /// One unit of work on `buf[*pos..]`; false when more input is needed.
    fn step(&mut self, buf: &[u8], pos: &mut usize) -> bool {
        let input = &buf[*pos..];
        match std::mem::replace(&mut self.phase, Phase::Command) {
            Phase::Command => match parse_command(input, &self.command_config) {
                Ok(Status::Complete((command, n))) => {
                    *pos += n;
                    let command = command.into_owned();
                    self.command(command);
                    true
                }
                Ok(Status::Incomplete(_)) => false,
                Err(e) => {
                    match skip_line(input) {
                        Some(n) => *pos += n,
                        None => {
                            // An over-long line whose end has not arrived: skip it as it comes.
                            *pos += input.len();
                            self.phase = Phase::SkipLine;
                            return false;
                        }
                    }
                    self.error(match e.kind {
                        ParseErrorKind::LineTooLong { .. } => "line too long",
                        _ => "invalid command",
                    });
                    true
                }
            },
            Phase::SkipLine => match skip_line(input) {
                Some(n) => {
                    *pos += n;
                    self.error("line too long");
                    true
                }
                None => {
                    *pos += input.len();
                    self.phase = Phase::SkipLine;
                    false
                }
            },
            Phase::AuthLine(mut session, mech) => {
                let config = LineConfig::new(self.config.max_auth_line_len)
                    .with_bare_lf(self.config.command.bare_lf);
                match parse_line(input, &config) {
                    Ok(Status::Complete(line)) => {
                        *pos += line.consumed();
                        let result = session.receive_line(line.content());
                        self.auth_step(session, mech, result);
                        true
                    }
                    Ok(Status::Incomplete(_)) => {
                        self.phase = Phase::AuthLine(session, mech);
                        false
                    }
                    Err(LineError::TooLong { .. }) | Err(_) => {
                        match skip_line(input) {
                            Some(n) => *pos += n,
                            None => {
                                *pos += input.len();
                                self.phase = Phase::SkipLine;
                                return false;
                            }
                        }
                        self.error("invalid SASL response");
                        true
                    }
                }
            }
            Phase::TlsPending => {
                self.phase = Phase::TlsPending;
                false
            }
            Phase::Closed => {
                self.phase = Phase::Closed;
                false
            }
        }
    }

    fn has(&self, tag: &str) -> bool {
        self.config.capabilities.has(tag)
    }

    fn command(&mut self, command: Command<'static>) {
        let transaction = self.maildrop.is_some();
        match command {
            Command::Capa => {
                let caps = self.capabilities();
                let first =
                    Response::ok("Capability list follows").unwrap_or_else(|_| ok_response());
                caps.encode_response(&first, &mut self.outbuf);
            }
            Command::Quit => {
                if transaction {
                    let deleted = self.deleted();
                    self.decide(ServerEvent::Update { deleted }, Pending::Update);
                } else {
                    let text = format!("{} POP3 server signing off", self.config.hostname);
                    self.write(true, None, &text);
                    self.close();
                }
            }
            Command::Lang(range) => self.lang(range.as_ref().map(|r| r.as_str())),
            Command::Unknown { .. } => self.error("unknown command"),
            c if transaction => self.transaction_command(c),
            c => self.authorization_command(c),
        }
    }

    fn authorization_command(&mut self, command: Command<'static>) {
        match command {
            Command::User(name) => {
                if !self.has("USER") || !self.plaintext_allowed() {
                    self.error("USER not allowed without TLS");
                } else {
                    let name = name.as_str().to_owned();
                    self.decide(
                        ServerEvent::User { name: name.clone() },
                        Pending::User(name),
                    );
                }
            }
            Command::Pass(password) => match self.user.take() {
                Some(user) => {
                    let event = ServerEvent::CheckPassword {
                        user: user.clone(),
                        password: password.to_secret(),
                    };
                    self.decide(event, Pending::CheckPassword(user));
                }
                None => self.error("USER first"),
            },
            Command::Apop { name, digest } => {
                if self.config.apop_timestamp.is_none() {
                    self.error("APOP not supported");
                } else {
                    let user = name.as_str().to_owned();
                    self.user = None;
                    self.decide(
                        ServerEvent::ApopSecret { user: user.clone() },
                        Pending::ApopSecret(user, digest),
                    );
                }
            }
            Command::Auth {
                mechanism,
                initial_response,
            } => {
                self.user = None;
                let offered = self.capabilities();
                let mech = match mechanism.known() {
                    Some(m) if offered.known_mechanisms().any(|o| o == m) => m,
                    _ => return self.error("unsupported authentication mechanism"),
                };
                let ir = match initial_response.map(|ir| ir.decode()) {
                    None => None,
                    Some(Ok(r)) => Some(r),
                    Some(Err(_)) => return self.error("invalid initial response"),
                };
                let mut session = Box::new(match mech {
                    Mechanism::CramMd5 => ServerSession::cram_md5(&self.config.hostname),
                    m => ServerSession::new(m),
                });
                let result = session.start(ir.as_ref().map(|r| r.as_bytes()));
                self.auth_step(session, mech, result);
            }
            Command::Stls => {
                if self.tls {
                    self.error("Command not permitted when TLS active");
                } else if self.utf8 || !self.has("STLS") {
                    self.error("STLS not available");
                } else {
                    self.write(true, None, "Begin TLS negotiation");
                    self.events.push_back(ServerEvent::StartTls);
                    self.phase = Phase::TlsPending;
                }
            }
            Command::Utf8 => {
                if self.has("UTF8") {
                    self.utf8 = true;
                    self.write(true, None, "UTF8 enabled");
                    self.events.push_back(ServerEvent::Utf8);
                } else {
                    self.error("UTF8 not available");
                }
            }
            _ => self.error("not allowed before authentication"),
        }
    }

    fn transaction_command(&mut self, command: Command<'static>) {
        let total = self.maildrop.as_ref().map_or(0, Vec::len);
        match command {
            Command::Stat => {
                let (n, size) = self.totals();
                self.write(true, None, &format!("{n} {size}"));
            }
            Command::List(None) => {
                let (n, size) = self.totals();
                let text = format!("{n} message{} ({size} octets)", plural(n));
                self.write(true, None, &text);
                for (i, (m, d)) in self.maildrop.iter().flatten().enumerate() {
                    if !d {
                        let line = format!("{} {}", i + 1, m.size);
                        let _ = encode_multiline_line(line.as_bytes(), &mut self.outbuf);
                    }
                }
                encode_multiline_end(&mut self.outbuf);
            }
            Command::Uidl(None) if self.has("UIDL") => {
                self.write(true, None, "");
                for (i, (m, d)) in self.maildrop.iter().flatten().enumerate() {
                    if !d {
                        let line = format!("{} {}", i + 1, m.uid);
                        let _ = encode_multiline_line(line.as_bytes(), &mut self.outbuf);
                    }
                }
                encode_multiline_end(&mut self.outbuf);
            }
            Command::List(Some(n)) => match self.lookup(n, total) {
                Ok(m) => {
                    let text = format!("{n} {}", m.size);
                    self.write(true, None, &text);
                }
                Err(text) => self.write(false, None, &text),
            },
            Command::Uidl(Some(n)) if self.has("UIDL") => match self.lookup(n, total) {
                Ok(m) => {
                    let text = format!("{n} {}", m.uid);
                    self.write(true, None, &text);
                }
                Err(text) => self.write(false, None, &text),
            },
            Command::Retr(msg) => self.retrieve(msg, None),
            Command::Top { msg, lines } if self.has("TOP") => self.retrieve(msg, Some(lines)),
            Command::Dele(n) => {
                let mark = self
                    .maildrop
                    .as_mut()
                    .and_then(|m| m.get_mut(n.index()))
                    .map(|(_, d)| std::mem::replace(d, true));
                match mark {
                    Some(false) => self.write(true, None, &format!("message {n} deleted")),
                    Some(true) => self.write(false, None, &format!("message {n} already deleted")),
                    None => self.write(false, None, "no such message"),
                }
            }
            Command::Noop => self.write(true, None, ""),
            Command::Rset => {
                for (_, d) in self.maildrop.iter_mut().flatten() {
                    *d = false;
                }
                let (n, size) = self.totals();
                let text = format!("maildrop has {n} message{} ({size} octets)", plural(n));
                self.write(true, None, &text);
            }
            Command::User(_)
            | Command::Pass(_)
            | Command::Apop { .. }
            | Command::Auth { .. }
            | Command::Stls
            | Command::Utf8 => self.error("already authenticated"),
            _ => self.error("command not available"),
        }
    }

    fn lookup(&self, n: MessageNumber, total: usize) -> Result<&MessageInfo, String> {
        match self.maildrop.as_ref().and_then(|m| m.get(n.index())) {
            Some((m, false)) => Ok(m),
            Some((_, true)) => Err(format!("message {n} already deleted")),
            None => Err(format!(
                "no such message, only {total} message{} in maildrop",
                plural(total)
            )),
        }
    }

    fn retrieve(&mut self, msg: MessageNumber, top: Option<u64>) {
        if self.message(msg).is_none() {
            self.write(false, None, "no such message");
            return;
        }
        self.decide(
            ServerEvent::Retrieve { msg, top },
            Pending::Retrieve {
                msg,
                top: top.map(TopFilter::new),
                started: false,
            },
        );
    }

    fn totals(&self) -> (usize, u64) {
        self.maildrop
            .iter()
            .flatten()
            .filter(|(_, d)| !d)
            .fold((0, 0), |(n, s), (m, _)| (n + 1, s + m.size))
    }

    fn lang(&mut self, range: Option<&str>) {
        if !self.has("LANG") {
            return self.error("LANG not available");
        }
        let Some(range) = range else {
            if self.config.languages.is_empty() {
                return self.write(false, None, "Server is unable to list languages");
            }
            self.write(true, None, "Language listing follows:");
            for l in &self.config.languages {
                l.encode(&mut self.outbuf);
            }
            return encode_multiline_end(&mut self.outbuf);
        };
        // RFC 4647 §3.3.1 basic filtering: equal, or a prefix followed by "-".
        let matches = |tag: &str| {
            range == "*"
                || tag.eq_ignore_ascii_case(range)
                || (tag.len() > range.len()
                    && tag.as_bytes()[range.len()] == b'-'
                    && tag[..range.len()].eq_ignore_ascii_case(range))
        };
        match self.config.languages.iter().find(|l| matches(l.tag())) {
            Some(l) => {
                let tag = l.tag().to_owned();
                self.write(true, None, &format!("{tag} language changed"));
                self.events.push_back(ServerEvent::Language { tag });
            }
            None => self.write(false, None, &format!("invalid language {range}")),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn reveals_password(m: &AuthMechanism) -> bool {
    matches!(m, AuthMechanism::Known(k) if k.reveals_password())
}

/// A plain `+OK`, for branches that cannot be reached (texts built here are valid); it avoids
/// a `panic!`.
fn ok_response() -> Response<'static> {
    Response {
        status: StatusIndicator::Ok,
        code: None,
        text: std::borrow::Cow::Borrowed(&b""[..]),
    }
}
