//! The server state machine: the server session: command validation per state, reply
//! generation, DATA/BDAT reception ending only on `<CRLF>.<CRLF>`.
//!
//! [`Server`] is sans-IO, in the style of `quinn-proto`: the caller feeds the bytes that arrived
//! from the client to [`Server::receive`], takes [`ServerEvent`]s from [`Server::poll_event`],
//! answers the events that need a decision with [`Server::accept`] / [`Server::reject`] (or the
//! `auth_*` methods) and writes what [`Server::poll_transmit`] appends to the socket.
//!
//! The machine itself enforces the protocol (RFC 5321 §4.1.4 command order, §4.5.3 limits) and
//! answers protocol errors on its own; the application only sees commands that are legal in the
//! current state.
//!
//! # Ordering (RFC 2920)
//!
//! Commands that arrive together are processed strictly in order. While an event that needs a
//! decision is unanswered, no further input is processed, so replies always leave in the order
//! of the commands.
//!
//! # Message data
//!
//! Message data (un-stuffed `DATA`, raw `BDAT` chunks) is not carried by events: the machine
//! appends it to one internal buffer, queues [`ServerEvent::DataReadable`] when that buffer
//! turns non-empty, and the caller takes it with [`Server::read_data`], which lends the bytes
//! until the next call on the machine. Two buffers are reused for the whole session, so
//! streaming a message does not allocate per chunk (ARCHITECTURE.md: "steady state does not
//! allocate per item"). Read the data whenever `DataReadable` comes: unread data counts
//! against [`ServerConfig::max_buffer`] (the machine takes no more input until it is read), and
//! data still unread when the next message starts is discarded (data still unread when the
//! session closes stays readable).
//!
//! # Memory
//!
//! `receive` takes bytes only while unprocessed input, unread message data and queued output
//! together stay under [`ServerConfig::max_buffer`] (raised to the longest line limit if
//! smaller); it returns how many bytes it took, and the caller keeps the rest and offers it
//! again after draining events, data and output. Output produced by one call is bounded by
//! the replies to at most that many bytes of commands. The slice lent by
//! [`Server::read_data`] is at most `max_buffer` bytes.
//!
//! # Driving the machine
//!
//! After each `receive`, take every event with `poll_event` (answering decisions as they come:
//! an answer lets the machine go on with input it already holds, which may queue more events)
//! and write out what `poll_transmit` gives. When [`Server::is_closed`] turns true, transmit
//! the last output and close the connection.
//!
//! # Example
//!
//! ```
//! use smtp_proto::server::{Server, ServerConfig, ServerEvent};
//!
//! let mut server = Server::new(ServerConfig::new("mx.example.org")).unwrap();
//! let mut out = Vec::new();
//! server.poll_transmit(&mut out);
//! assert!(out.starts_with(b"220 mx.example.org"));
//!
//! server.receive(b"HELO client.example.com\r\n");
//! assert!(matches!(server.poll_event(), Some(ServerEvent::Hello { .. })));
//! server.accept().unwrap();
//! out.clear();
//! server.poll_transmit(&mut out);
//! assert_eq!(out, b"250 mx.example.org\r\n");
//!
//! // A message: the data is read from the machine, not carried by the events.
//! server.receive(b"MAIL FROM:<a@client.example.com>\r\nRCPT TO:<b@mx.example.org>\r\nDATA\r\n");
//! let mut message = Vec::new();
//! while let Some(event) = server.poll_event() {
//!     match event {
//!         ServerEvent::DataReadable => {
//!             while let Some(data) = server.read_data() {
//!                 message.extend_from_slice(data);
//!             }
//!         }
//!         ServerEvent::Mail { .. } | ServerEvent::Rcpt { .. } | ServerEvent::DataStart => {
//!             server.accept().unwrap();
//!             if matches!(event, ServerEvent::DataStart) {
//!                 server.receive(b"Hello\r\n..dot\r\n.\r\n");
//!             }
//!         }
//!         ServerEvent::MessageComplete { size } => {
//!             assert_eq!(size, 13);
//!             server.accept().unwrap();
//!         }
//!         _ => {}
//!     }
//! }
//! assert_eq!(message, b"Hello\r\n.dot\r\n");
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::io::Write as _;

use mail_sasl::dot::{Progress, Unstuffer};
use mail_sasl::line::{LineConfig, LineError, Status, parse_line};
use mail_sasl::scram::ScramCredentials;
use mail_sasl::server::{FailureReason, TokenCheck};
use mail_sasl::{Mechanism, ServerSession, ServerStep, framing};

use crate::encode::encode_line;
use crate::parse::{CommandConfig, ParseErrorKind, parse_command, skip_line};
use crate::types::{
    AuthMechanism, Body, Capabilities, Capability, Command, Domain, EhloReply, ForwardPath,
    MailParams, RcptParams, Reply, ReplyCode, ReversePath, Text,
};

/// Longest AUTH response line, CRLF included (RFC 4954 §4: 12288 octets).
pub const AUTH_LINE_MAX: usize = 12288;

/// Recommended server timeout while waiting for the next command, in seconds (RFC 5321
/// §4.5.3.2.7: at least 5 minutes). The machine reads no clock: the caller applies it and then
/// calls [`Server::shutdown`].
pub const COMMAND_TIMEOUT_SECS: u64 = 5 * 60;

/// Settings of a [`Server`]. Build with [`ServerConfig::new`] and change the fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The server's host name, used in the greeting, the EHLO reply and the 221/421 replies.
    /// Must be `ehlo-param` syntax (no spaces or controls).
    pub hostname: String,
    /// Text after the host name in the 220 greeting. Default `ESMTP ready` (`LMTP ready`).
    pub greeting: String,
    /// Speak LMTP (RFC 2033): `LHLO` instead of `HELO`/`EHLO`, one reply per recipient after
    /// the message. Default false.
    pub lmtp: bool,
    /// The extensions announced in the EHLO/LHLO reply, in order. They also switch behaviour:
    /// `STARTTLS`, `AUTH` (the mechanisms accepted), `CHUNKING` (BDAT), `EXPN`,
    /// `ENHANCEDSTATUSCODES` (enhanced codes in the machine's replies) and the MAIL/RCPT
    /// parameters of `SIZE`, `8BITMIME`, `BINARYMIME`, `SMTPUTF8`, `DSN`, `REQUIRETLS`,
    /// `MT-PRIORITY`, `FUTURERELEASE`, `DELIVERBY`. `STARTTLS` is left out once TLS is active.
    /// Default: `PIPELINING`, `SIZE` (with [`max_message_size`](Self::max_message_size)),
    /// `8BITMIME`, `ENHANCEDSTATUSCODES`, `CHUNKING`.
    pub capabilities: Capabilities,
    /// The extensions announced once TLS is active (after [`Server::tls_established`]), for a
    /// server that offers more inside TLS, such as `AUTH` only over TLS (RFC 4954 §4, RFC 3207
    /// §4.2: the EHLO after TLS may list other extensions). `STARTTLS` is never announced in
    /// TLS. Default `None`: [`capabilities`](Self::capabilities) without `STARTTLS`.
    pub tls_capabilities: Option<Capabilities>,
    /// Longest command line, CRLF included (RFC 5321 §4.5.3.1.4). Default 512.
    pub max_line_len: usize,
    /// Longest AUTH response line, CRLF included. Default [`AUTH_LINE_MAX`].
    pub max_auth_line_len: usize,
    /// Most accepted recipients per transaction (RFC 5321 §4.5.3.1.8: at least 100). Default 100.
    pub max_recipients: usize,
    /// Largest message in octets, checked against `SIZE=` up front and against the data
    /// received (RFC 1870 §6). Default 10 MiB.
    pub max_message_size: Option<u64>,
    /// Protocol errors after which the session is closed with `421` (RFC 5321 §4.2.5 allows a
    /// server to close a session). Default 20.
    pub max_errors: usize,
    /// Refuse `MAIL` with `530` until the client has authenticated (RFC 4954 §6). Default false.
    pub require_auth: bool,
    /// Bound on buffered input, queued data chunks and queued output. Default 64 KiB.
    pub max_buffer: usize,
    /// Tolerances of the command parser; its `max_line_len` is replaced by
    /// [`max_line_len`](Self::max_line_len).
    pub command: CommandConfig,
}

impl ServerConfig {
    /// The default settings for a server named `hostname`.
    pub fn new(hostname: impl Into<String>) -> Self {
        let max_message_size = 10 * 1024 * 1024;
        let mut capabilities = Capabilities::new();
        capabilities.push(Capability::Pipelining);
        capabilities.push(Capability::Size(Some(max_message_size)));
        capabilities.push(Capability::EightBitMime);
        capabilities.push(Capability::EnhancedStatusCodes);
        capabilities.push(Capability::Chunking);
        Self {
            hostname: hostname.into(),
            greeting: "ESMTP ready".to_owned(),
            lmtp: false,
            capabilities,
            tls_capabilities: None,
            max_line_len: mail_sasl::line::SMTP_COMMAND_LINE_MAX,
            max_auth_line_len: AUTH_LINE_MAX,
            max_recipients: 100,
            max_message_size: Some(max_message_size),
            max_errors: 20,
            require_auth: false,
            max_buffer: 64 * 1024,
            command: CommandConfig::default(),
        }
    }

    /// The same settings in LMTP mode (RFC 2033), with an `LMTP ready` greeting.
    pub fn lmtp(mut self) -> Self {
        self.lmtp = true;
        self.greeting = "LMTP ready".to_owned();
        self
    }
}

/// Which greeting command the client used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HelloKind {
    /// `HELO` (no extensions).
    Helo,
    /// `EHLO` (RFC 5321 §4.1.1.1).
    Ehlo,
    /// `LHLO` (RFC 2033 §4.1).
    Lhlo,
}

/// Why a message was dropped by the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AbortReason {
    /// The data exceeded [`ServerConfig::max_message_size`]; `552` was sent.
    TooLarge,
}

/// What happened; see [`Server::poll_event`]. Events marked *decision* must be answered
/// (with [`Server::accept`], [`Server::reject`], [`Server::respond`] or, for
/// [`ServerEvent::Auth`], the `auth_*` methods) before the machine processes more input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerEvent {
    /// *Decision*: `HELO`, `EHLO` or `LHLO`. Accepting sends the `250` reply (for EHLO/LHLO
    /// the capabilities) and resets any transaction (RFC 5321 §4.1.4).
    Hello {
        /// The command used.
        kind: HelloKind,
        /// The client's claimed name.
        domain: Domain<'static>,
    },
    /// *Decision*: `MAIL FROM`, already checked for order, parameters and `SIZE`.
    /// Accepting sends `250 2.1.0`.
    Mail {
        /// The reverse path.
        from: ReversePath<'static>,
        /// The parameters.
        params: MailParams<'static>,
    },
    /// *Decision*: `RCPT TO`, already checked for order, parameters and the recipient limit.
    /// Accepting sends `250 2.1.5`.
    Rcpt {
        /// The forward path.
        to: ForwardPath<'static>,
        /// The parameters.
        params: RcptParams<'static>,
    },
    /// *Decision*: `VRFY`. Accepting sends `252 2.5.0` (RFC 5321 §3.5.3); answer with
    /// [`Server::respond`] to give a `250`.
    Vrfy(Text<'static>),
    /// *Decision*: `EXPN` (only when `EXPN` is announced). Accepting sends `252 2.5.0`.
    Expn(Text<'static>),
    /// *Decision*: `DATA` with a valid envelope. Accepting sends `354`; the message data
    /// follows (see [`ServerEvent::DataReadable`]). (`BDAT` needs no decision: its chunk is
    /// always read.)
    DataStart,
    /// Message data has arrived, un-stuffed (DATA) or raw (BDAT): take it with
    /// [`Server::read_data`]. Queued when the machine's data buffer turns non-empty; how the
    /// data is split into reads depends on how the input arrived.
    DataReadable,
    /// *Decision*: the message is complete (`<CRLF>.<CRLF>` or `BDAT … LAST`). Accepting sends
    /// `250 2.0.0` (LMTP: one per accepted recipient, RFC 2033 §4.2; see
    /// [`Server::respond_each`]). Either way the transaction ends.
    MessageComplete {
        /// Size of the data in octets.
        size: u64,
    },
    /// The message was dropped by the machine (and replied to); discard the chunks received.
    MessageAborted(AbortReason),
    /// `RSET`: the transaction was reset (`250` sent).
    Reset,
    /// *Decision*: a SASL step needs the application: one of the `Needs*` variants of
    /// [`ServerStep`]. Answer with the matching `auth_*` method.
    Auth(ServerStep),
    /// Authentication succeeded (`235 2.7.0` sent).
    Authenticated {
        /// Identity to act as, if requested.
        authzid: Option<String>,
        /// The authenticated identity.
        authcid: String,
    },
    /// Authentication failed or was cancelled (`535`/`501` sent).
    AuthFailed,
    /// `STARTTLS` was accepted and `220` queued: transmit the pending output, then start TLS
    /// and call [`Server::tls_established`]. Bytes received meanwhile are discarded.
    StartTls,
}

/// An action that the state does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The configuration cannot produce valid replies (host name or greeting syntax).
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// No event is waiting for a decision.
    #[error("no decision pending")]
    NothingPending,
    /// The pending decision is of another kind (for example an `auth_*` answer to `MAIL`).
    #[error("another decision is pending")]
    WrongPending,
    /// The reply's code does not fit: `reject` needs 4xx/5xx, a `DATA` acceptance 354.
    #[error("reply code not allowed here")]
    InvalidReply,
    /// `respond_each` got a number of replies other than the number of recipients.
    #[error("wrong number of replies")]
    WrongReplyCount,
    /// `tls_established` without a pending STARTTLS.
    #[error("no tls upgrade pending")]
    NoTlsPending,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServerState {
    /// Reading command lines.
    Command,
    /// Waiting for the application to answer an event.
    AwaitingDecision,
    /// Reading DATA message data.
    Data,
    /// Reading a BDAT chunk.
    Bdat,
    /// Reading an AUTH response line.
    Auth,
    /// STARTTLS accepted; waiting for [`Server::tls_established`].
    TlsPending,
    /// The session is over (after 221 or 421).
    Closed,
}

enum Pending {
    Hello { kind: HelloKind },
    Mail { binary: bool },
    Rcpt,
    Vrfy,
    Expn,
    Data,
    Message,
    Auth(Box<ServerSession>),
}

enum Phase {
    Command,
    /// Discarding the rest of an over-long line; the reply is sent at its LF.
    SkipLine,
    Data(Box<Unstuffer>),
    Bdat {
        remaining: u64,
        last: bool,
        /// `Some`: the chunk is swallowed and this reply (code, enhanced, text) sent after it.
        reject: Option<(u16, &'static str, &'static str)>,
    },
    AuthLine(Box<ServerSession>),
    TlsPending,
    Closed,
}

#[derive(Default)]
struct Transaction {
    mail: bool,
    rcpt_tried: bool,
    rcpts: usize,
    binary: bool,
    bdat: bool,
    size: u64,
}

/// An SMTP/LMTP server session; see the [module documentation](self).
pub struct Server {
    config: ServerConfig,
    command_config: CommandConfig,
    max_buffer: usize,
    enhanced: bool,
    phase: Phase,
    pending: Option<Pending>,
    /// `Some(true)` after EHLO/LHLO, `Some(false)` after HELO.
    hello: Option<bool>,
    tls: bool,
    authenticated: bool,
    errors: usize,
    txn: Transaction,
    /// What is announced now: the configured list, or the TLS one after STARTTLS.
    capabilities: Capabilities,
    inbuf: Vec<u8>,
    events: VecDeque<ServerEvent>,
    /// Message data not read yet.
    data: Vec<u8>,
    /// The data lent by the last `read_data` (swapped with `data`: both are reused).
    reading: Vec<u8>,
    outbuf: Vec<u8>,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Input may hold an AUTH response: never shown.
        f.debug_struct("Server")
            .field("state", &self.state())
            .field("tls", &self.tls)
            .field("authenticated", &self.authenticated)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

type Code = (u16, &'static str, &'static str);

const NEED_HELLO: Code = (503, "5.5.1", "Send EHLO/HELO first");
const NEED_LHLO: Code = (503, "5.5.1", "Send LHLO first");
const NOT_IMPLEMENTED: Code = (502, "5.5.1", "Command not implemented");
/// RFC 5321 §4.2.4: "If the command is not recognized, code 500 SHOULD be returned"; 502 is for
/// commands the server recognizes but does not implement.
const UNRECOGNIZED: Code = (500, "5.5.1", "Command unrecognized");
const LINE_TOO_LONG: Code = (500, "5.5.6", "Line too long");
const TOO_BIG: Code = (
    552,
    "5.3.4",
    "Message size exceeds fixed maximum message size",
);

impl Server {
    /// A new session; the `220` greeting is queued for [`poll_transmit`](Self::poll_transmit)
    /// (RFC 5321 §4.2, §3.1).
    pub fn new(config: ServerConfig) -> Result<Self, ServerError> {
        let greeting = format!("{} {}", config.hostname, config.greeting);
        let greeting = Reply::new(ReplyCode::SERVICE_READY, None, [greeting.into_bytes()])
            .map_err(|_| ServerError::Config("greeting text"))?;
        config
            .capabilities
            .to_reply(&config.hostname)
            .map_err(|_| ServerError::Config("host name or capability syntax"))?;
        if let Some(caps) = &config.tls_capabilities {
            caps.to_reply(&config.hostname)
                .map_err(|_| ServerError::Config("tls capability syntax"))?;
        }
        let mut command_config = config.command.clone();
        command_config.max_line_len = config.max_line_len;
        let max_buffer = config
            .max_buffer
            .max(config.max_line_len)
            .max(config.max_auth_line_len);
        let enhanced = config
            .capabilities
            .supports(&Capability::EnhancedStatusCodes);
        let mut outbuf = Vec::new();
        greeting.encode(&mut outbuf);
        let capabilities = config.capabilities.clone();
        Ok(Self {
            config,
            command_config,
            max_buffer,
            enhanced,
            phase: Phase::Command,
            pending: None,
            hello: None,
            tls: false,
            authenticated: false,
            errors: 0,
            txn: Transaction::default(),
            capabilities,
            inbuf: Vec::new(),
            events: VecDeque::new(),
            data: Vec::new(),
            reading: Vec::new(),
            outbuf,
        })
    }

    // ----- getters --------------------------------------------------------------------------

    /// Where the session is.
    pub fn state(&self) -> ServerState {
        if self.pending.is_some() {
            return ServerState::AwaitingDecision;
        }
        match self.phase {
            Phase::Command | Phase::SkipLine => ServerState::Command,
            Phase::Data(_) => ServerState::Data,
            Phase::Bdat { .. } => ServerState::Bdat,
            Phase::AuthLine(_) => ServerState::Auth,
            Phase::TlsPending => ServerState::TlsPending,
            Phase::Closed => ServerState::Closed,
        }
    }

    /// Whether the session is over (after `221` or `421`): transmit the output, then close.
    pub fn is_closed(&self) -> bool {
        matches!(self.phase, Phase::Closed)
    }

    /// Whether [`tls_established`](Self::tls_established) was called.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// Whether AUTH succeeded in this session.
    pub fn is_authenticated(&self) -> bool {
        self.authenticated
    }

    /// Whether a mail transaction is open (MAIL accepted).
    pub fn in_transaction(&self) -> bool {
        self.txn.mail
    }

    /// Recipients accepted in the current transaction.
    pub fn recipients(&self) -> usize {
        self.txn.rcpts
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// The extensions announced now: [`ServerConfig::capabilities`], or after
    /// [`tls_established`](Self::tls_established) [`ServerConfig::tls_capabilities`] (by
    /// default the same list without `STARTTLS`).
    pub fn capabilities(&self) -> &Capabilities {
        &self.capabilities
    }

    // ----- input ----------------------------------------------------------------------------

    /// Takes bytes received from the client and processes what it can; returns how many bytes
    /// were taken. Keep the rest and offer it again after draining events and output.
    ///
    /// Once STARTTLS is accepted (until [`tls_established`](Self::tls_established)) or the
    /// session is closed, every byte is taken and discarded (RFC 3207 §4.2, CVE-2011-0411).
    pub fn receive(&mut self, data: &[u8]) -> usize {
        let mut taken = 0;
        while taken < data.len() {
            if self.discarding() {
                return data.len();
            }
            let used = self.inbuf.len() + self.data.len() + self.outbuf.len();
            let room = self.max_buffer.saturating_sub(used);
            if room == 0 {
                break;
            }
            let n = room.min(data.len() - taken);
            self.inbuf.extend_from_slice(&data[taken..taken + n]);
            taken += n;
            self.process();
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

    /// The message data that arrived since the last call (un-stuffed for `DATA`, raw for
    /// `BDAT`), or `None` when there is none; see [`ServerEvent::DataReadable`].
    ///
    /// The bytes are lent until the next call on the machine; the buffers are reused, so
    /// reading does not allocate. Reading frees room for [`receive`](Self::receive).
    pub fn read_data(&mut self) -> Option<&[u8]> {
        if self.data.is_empty() {
            return None;
        }
        std::mem::swap(&mut self.data, &mut self.reading);
        self.data.clear();
        Some(&self.reading)
    }

    // ----- actions --------------------------------------------------------------------------

    /// Accepts the pending decision with the default positive reply.
    pub fn accept(&mut self) -> Result<(), ServerError> {
        self.answer(true, None)
    }

    /// Refuses the pending decision with `reply`, which must be 4xx or 5xx.
    pub fn reject(&mut self, reply: &Reply<'_>) -> Result<(), ServerError> {
        if reply.code().get() < 400 {
            return Err(ServerError::InvalidReply);
        }
        self.answer(false, Some(reply))
    }

    /// Answers the pending decision with `reply`: a 2xx (354 for `DATA`) accepts, 4xx/5xx
    /// refuses.
    pub fn respond(&mut self, reply: &Reply<'_>) -> Result<(), ServerError> {
        let code = reply.code().get();
        let positive = match self.pending {
            None => return Err(ServerError::NothingPending),
            Some(Pending::Data) => code == 354,
            Some(_) => (200..300).contains(&code),
        };
        if !positive && code < 400 {
            return Err(ServerError::InvalidReply);
        }
        self.answer(positive, Some(reply))
    }

    /// LMTP (RFC 2033 §4.2): answers [`ServerEvent::MessageComplete`] with one reply per
    /// accepted recipient, in RCPT order. In SMTP mode it fails with
    /// [`ServerError::WrongPending`].
    pub fn respond_each(&mut self, replies: &[Reply<'_>]) -> Result<(), ServerError> {
        match self.pending {
            Some(Pending::Message) if self.config.lmtp => {}
            None => return Err(ServerError::NothingPending),
            Some(_) => return Err(ServerError::WrongPending),
        }
        if replies.len() != self.txn.rcpts.max(1) {
            return Err(ServerError::WrongReplyCount);
        }
        self.pending = None;
        for r in replies {
            r.encode(&mut self.outbuf);
        }
        self.txn = Transaction::default();
        self.process();
        Ok(())
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

    /// The caller finished the TLS handshake after [`ServerEvent::StartTls`]: the session
    /// starts over (RFC 3207 §4.2: EHLO again, nothing learnt before is kept) and `STARTTLS`
    /// is no longer announced.
    pub fn tls_established(&mut self) -> Result<(), ServerError> {
        if !matches!(self.phase, Phase::TlsPending) {
            return Err(ServerError::NoTlsPending);
        }
        self.tls = true;
        self.hello = None;
        self.authenticated = false;
        self.txn = Transaction::default();
        self.inbuf.clear();
        self.data.clear();
        self.phase = Phase::Command;
        let mut caps = self
            .config
            .tls_capabilities
            .clone()
            .unwrap_or_else(|| self.config.capabilities.clone());
        caps.remove("STARTTLS");
        self.enhanced = caps.supports(&Capability::EnhancedStatusCodes);
        self.capabilities = caps;
        Ok(())
    }

    /// Ends the session from the server side (a timeout, a shutdown): queues `reply`
    /// (normally `421`, RFC 5321 §3.8) and closes; later input is discarded.
    pub fn shutdown(&mut self, reply: &Reply<'_>) {
        if self.is_closed() {
            return;
        }
        reply.encode(&mut self.outbuf);
        self.close();
    }

    // ----- output ---------------------------------------------------------------------------

    /// Appends the pending reply bytes to `out`; returns how many.
    pub fn poll_transmit(&mut self, out: &mut Vec<u8>) -> usize {
        let n = self.outbuf.len();
        out.append(&mut self.outbuf);
        n
    }

    // ----- internals ------------------------------------------------------------------------

    fn discarding(&self) -> bool {
        matches!(self.phase, Phase::TlsPending | Phase::Closed)
    }

    /// Writes one of the machine's replies (through the shared reply-line encoder, so never a
    /// bare code); the enhanced code only with `ENHANCEDSTATUSCODES`. No allocation.
    fn write(&mut self, (code, enhanced, text): Code) {
        self.write_with(code, enhanced, |o| o.extend_from_slice(text.as_bytes()));
    }

    fn write_with(&mut self, code: u16, enhanced: &str, text: impl FnOnce(&mut Vec<u8>)) {
        let enhanced = (self.enhanced && !enhanced.is_empty()).then_some(&enhanced);
        encode_line(
            &mut self.outbuf,
            code,
            false,
            enhanced.map(|e| e as &dyn fmt::Display),
            text,
        );
    }

    /// A reply whose text starts with the host name (`221`, `421`, RFC 5321 §4.2.3).
    fn write_host(&mut self, code: u16, enhanced: &str, text: &str) {
        let host = std::mem::take(&mut self.config.hostname);
        self.write_with(code, enhanced, |o| {
            o.extend_from_slice(host.as_bytes());
            o.push(b' ');
            o.extend_from_slice(text.as_bytes());
        });
        self.config.hostname = host;
    }

    /// A protocol error counted against [`ServerConfig::max_errors`].
    fn error(&mut self, code: Code) {
        self.write(code);
        self.errors += 1;
        if self.errors >= self.config.max_errors {
            self.write_host(421, "4.7.0", "Too many errors, closing connection");
            self.close();
        }
    }

    fn close(&mut self) {
        self.phase = Phase::Closed;
        self.pending = None;
        self.inbuf.clear();
        // Message data already announced by `DataReadable` stays readable: whether a `QUIT`
        // (or the error limit) arrived in the same read as the data must not decide whether
        // the caller sees it.
    }

    fn has_cap(&self, keyword: &str) -> bool {
        self.hello == Some(true)
            && self.capabilities.get(keyword).is_some()
            && !(keyword == "STARTTLS" && self.tls)
    }

    fn push_event(&mut self, ev: ServerEvent) {
        self.events.push_back(ev);
    }

    /// Queues [`ServerEvent::DataReadable`] when data was appended to an empty buffer.
    fn data_appended(&mut self, before: usize) {
        if before == 0 && !self.data.is_empty() {
            self.events.push_back(ServerEvent::DataReadable);
        }
    }

    fn decide(&mut self, ev: ServerEvent, pending: Pending) {
        self.push_event(ev);
        self.pending = Some(pending);
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
            Phase::Command => self.step_command(input, pos),
            Phase::SkipLine => match skip_line(input) {
                Some(n) => {
                    *pos += n;
                    self.error(LINE_TOO_LONG);
                    true
                }
                None => {
                    *pos += input.len();
                    self.phase = Phase::SkipLine;
                    false
                }
            },
            Phase::Data(mut unstuffer) => {
                if input.is_empty() {
                    self.phase = Phase::Data(unstuffer);
                    return false;
                }
                let before = self.data.len();
                let result = unstuffer.unstuff(input, &mut self.data);
                self.data_appended(before);
                match result {
                    Ok(Progress::Continue) => {
                        *pos += input.len();
                        self.phase = Phase::Data(unstuffer);
                    }
                    Ok(Progress::End { consumed }) => {
                        *pos += consumed;
                        let size = unstuffer.size();
                        self.decide(ServerEvent::MessageComplete { size }, Pending::Message);
                    }
                    Err(e) => {
                        let consumed = match e {
                            mail_sasl::dot::UnstuffError::TooLarge { consumed, .. } => consumed,
                            _ => input.len(),
                        };
                        *pos += consumed;
                        self.abort_too_large();
                    }
                }
                true
            }
            Phase::Bdat {
                mut remaining,
                last,
                reject,
            } => {
                if remaining > 0 {
                    if input.is_empty() {
                        self.phase = Phase::Bdat {
                            remaining,
                            last,
                            reject,
                        };
                        return false;
                    }
                    let n = (input.len() as u64).min(remaining) as usize;
                    *pos += n;
                    remaining -= n as u64;
                    if reject.is_none() {
                        self.txn.size += n as u64;
                        let before = self.data.len();
                        self.data.extend_from_slice(&input[..n]);
                        self.data_appended(before);
                    }
                    self.phase = Phase::Bdat {
                        remaining,
                        last,
                        reject,
                    };
                    return true;
                }
                // The whole chunk has been read (RFC 3030 §2): reply now.
                match reject {
                    Some(code) => self.error(code),
                    None if last => {
                        let size = self.txn.size;
                        self.decide(ServerEvent::MessageComplete { size }, Pending::Message);
                    }
                    None => {
                        let size = self.txn.size;
                        self.write_with(250, "2.0.0", |o| {
                            let _ = write!(o, "{size} octets received");
                        });
                    }
                }
                true
            }
            Phase::AuthLine(mut session) => {
                let config = LineConfig::new(self.config.max_auth_line_len)
                    .with_bare_lf(self.command_config.bare_lf);
                match parse_line(input, &config) {
                    Ok(Status::Incomplete(_)) => {
                        self.phase = Phase::AuthLine(session);
                        false
                    }
                    Ok(Status::Complete(line)) => {
                        *pos += line.consumed();
                        let result = session.receive_line(line.content());
                        self.auth_step(session, result);
                        true
                    }
                    Err(LineError::BareLf { offset }) => {
                        *pos += offset + 1;
                        self.push_event(ServerEvent::AuthFailed);
                        self.error((501, "5.5.2", "Bare LF not allowed"));
                        true
                    }
                    Err(_) => {
                        self.push_event(ServerEvent::AuthFailed);
                        self.phase = Phase::SkipLine;
                        true
                    }
                }
            }
            p @ (Phase::TlsPending | Phase::Closed) => {
                self.phase = p;
                false
            }
        }
    }

    fn abort_too_large(&mut self) {
        self.push_event(ServerEvent::MessageAborted(AbortReason::TooLarge));
        let n = if self.config.lmtp {
            self.txn.rcpts.max(1)
        } else {
            1
        };
        self.txn = Transaction::default();
        for _ in 0..n {
            self.write(TOO_BIG);
        }
    }

    fn step_command(&mut self, input: &[u8], pos: &mut usize) -> bool {
        match parse_command(input, &self.command_config) {
            Ok(Status::Incomplete(_)) => false,
            Ok(Status::Complete((cmd, n))) => {
                *pos += n;
                self.handle_command(cmd);
                true
            }
            Err(e) => {
                let code = match e.kind {
                    ParseErrorKind::LineTooLong { .. } => LINE_TOO_LONG,
                    ParseErrorKind::BareLf => (500, "5.5.2", "Bare LF not allowed"),
                    _ => (501, "5.5.4", "Syntax error in parameters or arguments"),
                };
                match skip_line(input) {
                    Some(n) => {
                        *pos += n;
                        self.error(code);
                    }
                    None => {
                        *pos += input.len();
                        self.phase = Phase::SkipLine;
                    }
                }
                true
            }
        }
    }

    fn need_hello(&self) -> Code {
        if self.config.lmtp {
            NEED_LHLO
        } else {
            NEED_HELLO
        }
    }

    /// The first MAIL parameter whose extension is not announced (RFC 5321 §4.1.1.11: 555).
    fn unsupported_mail_param(&self, p: &MailParams<'_>) -> bool {
        let needs = [
            (p.size.is_some(), "SIZE"),
            (p.body == Some(Body::EightBitMime), "8BITMIME"),
            (p.body == Some(Body::BinaryMime), "BINARYMIME"),
            (p.smtputf8, "SMTPUTF8"),
            (p.ret.is_some() || p.envid.is_some(), "DSN"),
            (p.auth.is_some(), "AUTH"),
            (p.requiretls, "REQUIRETLS"),
            (p.mt_priority.is_some(), "MT-PRIORITY"),
            (p.hold.is_some(), "FUTURERELEASE"),
            (p.by.is_some(), "DELIVERBY"),
        ];
        !p.other.is_empty() || needs.iter().any(|&(used, kw)| used && !self.has_cap(kw))
    }

    fn handle_command(&mut self, cmd: Command<'_>) {
        match cmd {
            Command::Helo(d) => self.hello_cmd(HelloKind::Helo, d),
            Command::Ehlo(d) => self.hello_cmd(HelloKind::Ehlo, d),
            Command::Lhlo(d) => self.hello_cmd(HelloKind::Lhlo, d),
            Command::Mail { from, params } => {
                if self.hello.is_none() {
                    self.error(self.need_hello());
                } else if self.config.require_auth && !self.authenticated {
                    self.write((530, "5.7.0", "Authentication required"));
                } else if self.txn.mail {
                    self.error((503, "5.5.1", "Nested MAIL command"));
                } else if self.unsupported_mail_param(&params) {
                    self.error((
                        555,
                        "5.5.4",
                        "MAIL parameters not recognized or not implemented",
                    ));
                } else if matches!((params.size, self.config.max_message_size), (Some(s), Some(m)) if s > m)
                {
                    self.write(TOO_BIG);
                } else {
                    let binary = params.body == Some(Body::BinaryMime);
                    let ev = ServerEvent::Mail {
                        from: from.into_owned(),
                        params: params.into_owned(),
                    };
                    self.decide(ev, Pending::Mail { binary });
                }
            }
            Command::Rcpt { to, params } => {
                if !self.txn.mail {
                    self.error((503, "5.5.1", "Need MAIL before RCPT"));
                } else if !params.other.is_empty()
                    || ((params.notify.is_some() || params.orcpt.is_some()) && !self.has_cap("DSN"))
                {
                    self.error((
                        555,
                        "5.5.4",
                        "RCPT parameters not recognized or not implemented",
                    ));
                } else if self.txn.rcpts >= self.config.max_recipients {
                    self.txn.rcpt_tried = true;
                    self.write((452, "4.5.3", "Too many recipients"));
                } else {
                    self.txn.rcpt_tried = true;
                    let ev = ServerEvent::Rcpt {
                        to: to.into_owned(),
                        params: params.into_owned(),
                    };
                    self.decide(ev, Pending::Rcpt);
                }
            }
            Command::Data => {
                if !self.txn.mail {
                    self.error((503, "5.5.1", "Need MAIL command"));
                } else if self.txn.bdat {
                    self.error((503, "5.5.1", "DATA not allowed after BDAT"));
                } else if self.txn.binary {
                    self.error((503, "5.5.1", "BINARYMIME requires BDAT"));
                } else if self.txn.rcpts == 0 {
                    if self.txn.rcpt_tried {
                        self.write((554, "5.5.1", "No valid recipients"));
                    } else {
                        self.error((503, "5.5.1", "Need RCPT command"));
                    }
                } else {
                    self.decide(ServerEvent::DataStart, Pending::Data);
                }
            }
            Command::Bdat { size, last } => {
                let reject = if !self.has_cap("CHUNKING") {
                    Some(NOT_IMPLEMENTED)
                } else if !self.txn.mail {
                    Some((503, "5.5.1", "Need MAIL command"))
                } else if self.txn.rcpts == 0 {
                    Some(if self.txn.rcpt_tried {
                        (554, "5.5.1", "No valid recipients")
                    } else {
                        (503, "5.5.1", "Need RCPT command")
                    })
                } else if matches!(self.config.max_message_size, Some(m) if self.txn.size.saturating_add(size) > m)
                {
                    // Swallowed and refused; the transaction is over (RFC 3030 §2).
                    self.push_event(ServerEvent::MessageAborted(AbortReason::TooLarge));
                    self.txn = Transaction::default();
                    Some(TOO_BIG)
                } else {
                    if !self.txn.bdat {
                        // The first chunk of a message: unread data of an earlier one goes.
                        self.data.clear();
                    }
                    self.txn.bdat = true;
                    None
                };
                self.phase = Phase::Bdat {
                    remaining: size,
                    last,
                    reject,
                };
            }
            Command::Rset => {
                self.txn = Transaction::default();
                self.push_event(ServerEvent::Reset);
                self.write((250, "2.0.0", "OK"));
            }
            Command::Vrfy(t) => self.decide(ServerEvent::Vrfy(t.into_owned()), Pending::Vrfy),
            Command::Expn(t) => {
                if self.has_cap("EXPN") {
                    self.decide(ServerEvent::Expn(t.into_owned()), Pending::Expn);
                } else {
                    self.error(NOT_IMPLEMENTED);
                }
            }
            Command::Help(_) => self.write((214, "2.0.0", "See RFC 5321")),
            Command::Noop(_) => self.write((250, "2.0.0", "OK")),
            Command::Quit => {
                self.write_host(221, "2.0.0", "Service closing transmission channel");
                self.close();
            }
            Command::StartTls => {
                if self.tls {
                    self.error((503, "5.5.1", "TLS already active"));
                } else if self.hello.is_none() {
                    self.error(self.need_hello());
                } else if !self.has_cap("STARTTLS") {
                    self.error(NOT_IMPLEMENTED);
                } else if self.txn.mail {
                    self.error((503, "5.5.1", "STARTTLS not allowed during a transaction"));
                } else {
                    self.write((220, "2.0.0", "Ready to start TLS"));
                    self.push_event(ServerEvent::StartTls);
                    self.phase = Phase::TlsPending;
                }
            }
            Command::Auth {
                mechanism,
                initial_response,
            } => {
                if self.hello != Some(true) {
                    self.error(self.need_hello());
                    return;
                }
                if self.authenticated {
                    self.error((503, "5.5.1", "Already authenticated"));
                    return;
                }
                if self.txn.mail {
                    self.error((503, "5.5.1", "AUTH not permitted during a mail transaction"));
                    return;
                }
                let advertised = match self.capabilities.get("AUTH") {
                    Some(Capability::Auth(list)) => list.clone(),
                    _ => Vec::new(),
                };
                let mech = match Mechanism::from_bytes(mechanism.as_str().as_bytes()) {
                    Ok(m) if advertised.contains(&AuthMechanism::Known(m)) => m,
                    _ => {
                        self.error((504, "5.5.4", "Unrecognized authentication type"));
                        return;
                    }
                };
                let ir = match initial_response.map(|ir| ir.decode()) {
                    None => None,
                    Some(Ok(r)) => Some(r),
                    Some(Err(_)) => {
                        self.error((501, "5.5.2", "Invalid initial response"));
                        return;
                    }
                };
                let mut session = Box::new(match mech {
                    Mechanism::CramMd5 => ServerSession::cram_md5(&self.config.hostname),
                    m => ServerSession::new(m),
                });
                let result = session.start(ir.as_ref().map(|r| r.as_bytes()));
                self.auth_step(session, result);
            }
            Command::Unknown { .. } => self.error(UNRECOGNIZED),
        }
    }

    fn hello_cmd(&mut self, kind: HelloKind, domain: Domain<'_>) {
        if self.config.lmtp != (kind == HelloKind::Lhlo) {
            self.error(NOT_IMPLEMENTED);
            return;
        }
        let ev = ServerEvent::Hello {
            kind,
            domain: domain.into_owned(),
        };
        self.decide(ev, Pending::Hello { kind });
    }

    fn auth_step(
        &mut self,
        session: Box<ServerSession>,
        result: Result<ServerStep, mail_sasl::Error>,
    ) {
        match result {
            Ok(ServerStep::Challenge(c)) => {
                // `"334" SP [base64] CRLF` (RFC 4954 §4), through the reply encoder: an empty
                // challenge keeps its space.
                let encoded = framing::encode_challenge(&c);
                let challenge = Reply {
                    code: ReplyCode::AUTH_CHALLENGE,
                    enhanced: None,
                    first: std::borrow::Cow::Borrowed(encoded.as_bytes()),
                    rest: Vec::new(),
                };
                challenge.encode(&mut self.outbuf);
                self.phase = Phase::AuthLine(session);
            }
            Ok(ServerStep::Success {
                authzid, authcid, ..
            }) => {
                self.authenticated = true;
                self.write((235, "2.7.0", "Authentication successful"));
                self.push_event(ServerEvent::Authenticated { authzid, authcid });
            }
            Ok(ServerStep::Failure(FailureReason::Cancelled)) => {
                self.push_event(ServerEvent::AuthFailed);
                self.error((501, "5.7.0", "Authentication cancelled"));
            }
            Ok(ServerStep::Failure(_)) => {
                self.push_event(ServerEvent::AuthFailed);
                self.error((535, "5.7.8", "Authentication credentials invalid"));
            }
            Ok(needs) => self.decide(ServerEvent::Auth(needs), Pending::Auth(session)),
            Err(_) => {
                self.push_event(ServerEvent::AuthFailed);
                self.error((501, "5.5.2", "Invalid SASL response"));
            }
        }
    }

    fn auth_answer(
        &mut self,
        f: impl FnOnce(&mut ServerSession) -> Result<ServerStep, mail_sasl::Error>,
    ) -> Result<(), ServerError> {
        match self.pending.take() {
            Some(Pending::Auth(mut session)) => {
                let result = f(&mut session);
                self.auth_step(session, result);
                self.process();
                Ok(())
            }
            None => Err(ServerError::NothingPending),
            Some(other) => {
                self.pending = Some(other);
                Err(ServerError::WrongPending)
            }
        }
    }

    fn ehlo_reply(&self) -> Reply<'static> {
        let reply = EhloReply {
            domain: self.config.hostname.clone(),
            greeting: String::new(),
            capabilities: self.capabilities.clone(),
        };
        // Validated in `new`; removing a line cannot make it invalid.
        reply.to_reply().unwrap_or_else(|_| {
            Reply::new(
                ReplyCode::OK,
                None,
                [self.config.hostname.clone().into_bytes()],
            )
            .unwrap_or_else(|_| fallback_reply())
        })
    }

    fn answer(&mut self, positive: bool, custom: Option<&Reply<'_>>) -> Result<(), ServerError> {
        let pending = match self.pending.take() {
            None => return Err(ServerError::NothingPending),
            Some(Pending::Auth(s)) => {
                self.pending = Some(Pending::Auth(s));
                return Err(ServerError::WrongPending);
            }
            Some(p) => p,
        };
        let lmtp_count = if self.config.lmtp {
            self.txn.rcpts.max(1)
        } else {
            1
        };
        let emit = |this: &mut Self, default: Code, times: usize| {
            for _ in 0..times {
                match custom {
                    Some(r) => r.encode(&mut this.outbuf),
                    None => this.write(default),
                }
            }
        };
        if !positive {
            let times = if matches!(pending, Pending::Message) {
                self.txn = Transaction::default();
                lmtp_count
            } else {
                1
            };
            emit(self, (550, "5.0.0", "Rejected"), times);
            self.process();
            return Ok(());
        }
        match pending {
            Pending::Hello { kind } => {
                self.txn = Transaction::default();
                self.hello = Some(kind != HelloKind::Helo);
                match (custom, kind) {
                    (Some(r), _) => r.encode(&mut self.outbuf),
                    (None, HelloKind::Helo) => {
                        let host = std::mem::take(&mut self.config.hostname);
                        encode_line(&mut self.outbuf, 250, false, None, |o| {
                            o.extend_from_slice(host.as_bytes())
                        });
                        self.config.hostname = host;
                    }
                    (None, _) => self.ehlo_reply().encode(&mut self.outbuf),
                }
            }
            Pending::Mail { binary } => {
                self.txn = Transaction {
                    mail: true,
                    binary,
                    ..Transaction::default()
                };
                emit(self, (250, "2.1.0", "Sender OK"), 1);
            }
            Pending::Rcpt => {
                self.txn.rcpts += 1;
                emit(self, (250, "2.1.5", "Recipient OK"), 1);
            }
            Pending::Vrfy => emit(
                self,
                (
                    252,
                    "2.5.0",
                    "Cannot VRFY user, but will accept message and attempt delivery",
                ),
                1,
            ),
            Pending::Expn => emit(self, (252, "2.5.0", "Cannot EXPN list"), 1),
            Pending::Data => {
                emit(
                    self,
                    (354, "", "Start mail input; end with <CRLF>.<CRLF>"),
                    1,
                );
                let unstuffer = match self.config.max_message_size {
                    Some(m) => Unstuffer::with_max_size(m),
                    None => Unstuffer::new(),
                };
                // A new message: unread data of an earlier one goes.
                self.data.clear();
                self.phase = Phase::Data(Box::new(unstuffer));
            }
            Pending::Message => {
                self.txn = Transaction::default();
                emit(
                    self,
                    (250, "2.0.0", "Message accepted for delivery"),
                    lmtp_count,
                );
            }
            Pending::Auth(_) => {}
        }
        self.process();
        Ok(())
    }
}

/// A plain `250 OK`, for a branch that cannot be reached (the EHLO reply is validated in
/// [`Server::new`]); it avoids a `panic!`.
fn fallback_reply() -> Reply<'static> {
    Reply {
        code: ReplyCode::OK,
        enhanced: None,
        first: std::borrow::Cow::Borrowed(&b"OK"[..]),
        rest: Vec::new(),
    }
}
