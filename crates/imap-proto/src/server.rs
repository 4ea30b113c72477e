//! The server state machine: the server session of RFC 9051 §3 (and RFC 3501 §3): per-state
//! command validation, literal continuation requests, authentication, and the legality of the
//! responses the application writes.
//!
//! [`Server`] is sans-IO, in the style of `quinn-proto`: the caller feeds the bytes that arrived
//! from the client to [`Server::receive`], takes [`ServerEvent`]s from [`Server::poll_event`],
//! answers them ([`Server::untagged`] and [`Server::done`] for commands,
//! [`Server::accept_login`] / [`Server::reject_login`], the `auth_*` methods,
//! [`Server::selected`] / [`Server::select_failed`]) and writes what [`Server::poll_transmit`]
//! appends to the socket.
//!
//! # What the machine does and what the application decides
//!
//! The machine reads commands through the [`Framer`]: it sends the continuation request
//! (`+ Ready for literal data`) for each synchronizing literal itself, and refuses literals
//! over the limits of [`ServerConfig::parse`] (RFC 7888 §4, §5: a synchronizing one with a
//! tagged `NO [TOOBIG]`, after which the client sends no data; a non-synchronizing one with
//! `BAD [TOOBIG]` and `* BYE`, since its data is already on the way). Before authentication
//! literals are limited to [`ServerConfig::max_literal_size_before_auth`].
//!
//! It answers every command that is not valid in the current state (RFC 9051 §6: `BAD` for a
//! command out of state or unknown, `NO [PRIVACYREQUIRED]` for `LOGIN` when
//! `LOGINDISABLED` is advertised, RFC 9051 §6.2.3), so the application only ever sees commands
//! it may execute. It answers `CAPABILITY`, `LOGOUT` (`* BYE` and `OK`), `NOOP` before
//! authentication, `STARTTLS` (RFC 9051 §6.2.1), `ENABLE` (RFC 5161), `IDLE` (RFC 2177: the
//! `+ idling` continuation, then `DONE`), and runs `AUTHENTICATE` (RFC 9051 §6.2.2, SASL-IR of
//! RFC 4959) with [`mail_sasl::ServerSession`], asking the application only for credential
//! checks ([`ServerEvent::Auth`], with the same [`ServerStep`]s as the POP3 and SMTP servers).
//!
//! The application decides about users ([`ServerEvent::Login`], [`ServerEvent::Auth`]) and
//! executes the other commands ([`ServerEvent::Command`]): it writes the untagged data with
//! [`Server::untagged`] and completes the command with [`Server::done`]; `SELECT` and `EXAMINE`
//! complete with [`Server::selected`] or [`Server::select_failed`], which move the state.
//! `CLOSE` and `UNSELECT` completed with `OK` leave the Selected state, `UNAUTHENTICATE`
//! (RFC 8437) the Authenticated state.
//!
//! # Ordering and untagged updates
//!
//! Commands are executed one at a time, in order (RFC 9051 §5.5 lets a server do so): while a
//! command or decision is pending no further input is processed, so at most one command is in
//! progress and [`Server::done`] needs no tag. Each [`ServerEvent::Command`] says in
//! `expunge_allowed` whether `* n EXPUNGE` (and `* VANISHED`) may be sent while answering it:
//! RFC 9051 §7.5.1 forbids it while no command is in progress and during `FETCH`, `STORE` and
//! `SEARCH` (and, by the same reasoning, `SORT` and `THREAD`) with message sequence numbers;
//! their UID forms, `NOOP`, `CHECK`, `EXPUNGE`, `IDLE` and the rest allow it. `CLOSE` and
//! `UNSELECT` send none (RFC 9051 §6.4.1). [`Server::untagged`] refuses what is not legal at
//! the moment (an EXPUNGE when not allowed, message data outside the Selected state, `BYE`,
//! which is [`Server::shutdown`]'s). While idling ([`ServerState::Idle`]) the application
//! pushes updates with [`Server::untagged`] whenever it learns of them.
//!
//! # Answering a command
//!
//! A [`ServerEvent::Command`] borrows the machine (its input buffer), so the application
//! cannot call [`Server::untagged`] while it still holds the borrowed command: take what it
//! needs first, or call [`ServerEvent::into_owned`] (cheap for everything but an APPEND's
//! message data). For `APPEND`, write the messages out while holding the borrowed event,
//! drop it, then call [`Server::done`] (with `[APPENDUID ...]` under UIDPLUS). The command's
//! bytes stay in the buffer until it is completed, and no further input is processed
//! meanwhile.
//!
//! # Memory: APPEND
//!
//! A command is handed to the application whole, literals included: `APPEND` data (and every
//! message of a MULTIAPPEND, RFC 3502) arrives in the [`CommandBody::Append`] of one
//! [`ServerEvent::Command`], borrowed from the machine's input buffer, up to
//! [`ParseConfig::max_literal_size`] per literal and [`ParseConfig::max_message_size`] for the
//! whole command (set them to your `APPENDLIMIT`; defaults 64 MiB and 128 MiB). This is
//! deliberate: the command parser needs the whole message (after a literal come the flags and
//! date of the next MULTIAPPEND message), MULTIAPPEND is atomic (RFC 3502 §6: all or none, so
//! every message must be at hand before the first is committed), and a Maildir delivery
//! writes one file per message anyway; the data is not copied (the event borrows it). Memory
//! per connection is therefore bounded by `max_message_size` plus
//! [`ServerConfig::max_buffer`]. Only what the limits allow is ever buffered: the framer
//! rejects an over-limit literal from its header, before any data.
//!
//! # STARTTLS
//!
//! After `STARTTLS` the machine queues the tagged `OK`, reports [`ServerEvent::StartTls`] and
//! discards every byte received after the command line until [`Server::tls_established`]
//! (the CVE-2011-0411 class); capabilities are then computed again (RFC 9051 §6.2.1).
//!
//! # Limits and clocks
//!
//! `receive` takes bytes only while buffered input stays under [`ServerConfig::max_buffer`]
//! (or the literal being received) and pending output under the same bound, and returns how
//! many it took. `BAD` responses and failed logins are counted; at
//! [`ServerConfig::max_errors`] the machine sends `* BYE` and closes. No clock: the caller
//! applies [`AUTOLOGOUT_TIMEOUT_SECS`] and then calls [`Server::shutdown`].
//!
//! # Example
//!
//! The session of RFC 9051 §8, from the server side:
//!
//! ```
//! use imap_proto::server::{Server, ServerConfig, ServerEvent, ServerState};
//! use imap_proto::types::{CommandBody, State, UntaggedResponse};
//!
//! let mut config = ServerConfig::new("imap.example.com");
//! config.allow_plaintext_login_without_tls = true; // for the example only
//! let mut server = Server::new(config).unwrap();
//! let mut out = Vec::new();
//! server.poll_transmit(&mut out);
//! assert!(out.starts_with(b"* OK [CAPABILITY IMAP4rev1 "));
//!
//! server.receive(b"a001 login mrc secret\r\n");
//! let Some(ServerEvent::Login { username, password }) = server.poll_event() else { panic!() };
//! assert_eq!((username.as_str(), password.expose()), ("mrc", "secret"));
//! server.accept_login().unwrap();
//! assert!(matches!(server.poll_event(), Some(ServerEvent::LoggedIn { .. })));
//!
//! server.receive(b"a002 select inbox\r\n");
//! let Some(ServerEvent::Command { body: CommandBody::Select { .. }, .. }) = server.poll_event()
//! else { panic!() };
//! server.untagged(&UntaggedResponse::Exists(18)).unwrap();
//! server.selected(false).unwrap();
//! assert_eq!(server.state(), ServerState::Selected { read_only: false });
//!
//! server.receive(b"a003 logout\r\n");
//! out.clear();
//! server.poll_transmit(&mut out);
//! assert!(out.ends_with(b"* BYE IMAP4rev1 server logging out\r\na003 OK LOGOUT completed\r\n"));
//! assert!(server.is_closed());
//! # let _ = State::Ok;
//! ```

use std::collections::VecDeque;
use std::fmt;

use mail_sasl::framing::ClientMessage;
use mail_sasl::scram::ScramCredentials;
use mail_sasl::server::{FailureReason, TokenCheck};
use mail_sasl::{Mechanism, Secret, ServerSession, ServerStep};

use crate::encode::{Encode, EncodeOptions, Encoder, LiteralPolicy};
use crate::parse::{
    Framer, LITERAL_MINUS_MAX, ParseConfig, ParseError, ParseErrorKind, Status,
    parse_authenticate_data, parse_command, parse_idle_done,
};
use crate::types::{
    AppendData, Atom, Capability, Command, CommandBody, Condition, RespText, ResponseCode, State,
    Tag, TaggedResponse, Text, UntaggedResponse, is_tag_char,
};

/// The inactivity autologout RFC 9051 §5.4 allows a server: at least 30 minutes (also the
/// IDLE inactivity bound of RFC 2177 §3). The machine reads no clock; the caller applies it and
/// calls [`Server::shutdown`].
pub const AUTOLOGOUT_TIMEOUT_SECS: u64 = 30 * 60;

/// Default longest AUTHENTICATE response line, CRLF included (RFC 9051 §6.2.2 sets no limit).
pub const AUTH_LINE_MAX: usize = 16 * 1024;

/// The text of the continuation request sent for a synchronizing literal.
const LITERAL_CONTINUE: &str = "Ready for literal data";

/// How the client logged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LoginMethod {
    /// `LOGIN` (RFC 9051 §6.2.3).
    Login,
    /// `AUTHENTICATE` with this SASL mechanism (RFC 9051 §6.2.2).
    Authenticate(Mechanism),
    /// Authenticated by external means before the session started: the `PREAUTH` greeting
    /// of [`Server::new_preauth`] (RFC 9051 §7.1.4).
    PreAuth,
}

/// Settings of a [`Server`]. Build with [`ServerConfig::new`] (or `Default`) and change the
/// fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServerConfig {
    /// The server's name, for the CRAM-MD5 challenge. Default `localhost`.
    pub hostname: String,
    /// The greeting text after `* OK [CAPABILITY ...]`. Default `IMAP4rev1 server ready`.
    pub greeting: String,
    /// The text of the `* BYE` answering `LOGOUT`. Default `IMAP4rev1 server logging out`.
    pub logout_text: String,
    /// The capabilities announced in every state, first `IMAP4rev1` and/or `IMAP4rev2`.
    /// `STARTTLS`, `LOGINDISABLED` and `AUTH=` entries are left out of this list: the machine
    /// adds them from [`starttls`](Self::starttls),
    /// [`allow_plaintext_login_without_tls`](Self::allow_plaintext_login_without_tls) and
    /// [`auth_mechanisms`](Self::auth_mechanisms) before authentication only. Some also switch
    /// behaviour: `LITERAL+` (non-synchronizing literals up to the literal limit; otherwise up
    /// to 4096 octets, RFC 7888 §5), `SASL-IR` (initial responses accepted), `IDLE`, `ENABLE`
    /// (the commands are answered, else `BAD`; all three are implied by `IMAP4rev2`), `MULTIAPPEND` (APPEND of several messages,
    /// else `BAD`), `CONDSTORE`, `QRESYNC`, `UTF8=ACCEPT`, `IMAP4rev2` (what `ENABLE` can
    /// enable), `IMAP4rev2` also `* OK [CLOSED]` on a SELECT that leaves a mailbox.
    /// Default: `IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT`; add what the application
    /// implements (`UIDPLUS`, `MOVE`, `MULTIAPPEND`, `NAMESPACE`, …).
    pub capabilities: Vec<Capability<'static>>,
    /// The SASL mechanisms offered (`AUTH=`). PLAIN and LOGIN are offered and accepted only when
    /// plaintext logins are allowed. Default PLAIN.
    pub auth_mechanisms: Vec<Mechanism>,
    /// Offer `STARTTLS` (until TLS is active). Default false: set it when the application can
    /// start TLS on [`ServerEvent::StartTls`].
    pub starttls: bool,
    /// Allow `LOGIN` and the PLAIN/LOGIN mechanisms without TLS. Default false (RFC 9051
    /// §6.2.3: a server MUST implement a configuration without plaintext password mechanisms
    /// unless STARTTLS was negotiated); `LOGINDISABLED` is then advertised and LOGIN refused
    /// with `NO [PRIVACYREQUIRED]`. Set it when the connection is TLS from the start (port
    /// 993) or call [`Server::tls_established`] right away.
    pub allow_plaintext_login_without_tls: bool,
    /// `BAD` responses and failed logins after which the session ends with `* BYE`. Default 10.
    pub max_errors: usize,
    /// Bound on buffered input (outside literals) and on pending output before `receive`
    /// stops taking bytes. Default 128 KiB (at least the line length limit).
    pub max_buffer: usize,
    /// Longest literal accepted before authentication (a LOGIN password). Default 8 KiB.
    pub max_literal_size_before_auth: u64,
    /// Longest AUTHENTICATE response line, CRLF included. Default [`AUTH_LINE_MAX`].
    pub max_auth_line_len: usize,
    /// How each AUTHENTICATE exchange starts, for sessions with settings of their own (LOGIN
    /// prompts, a CRAM-MD5 challenge with a fresh timestamp, a fixed SCRAM nonce for test
    /// vectors). Default `None`: [`ServerSession::new`], CRAM-MD5 with
    /// [`hostname`](Self::hostname).
    pub sasl_session: Option<fn(Mechanism) -> ServerSession>,
    /// Limits and tolerances of the command parser. Default [`ParseConfig::default`] with
    /// `max_line_len` 64 KiB; `max_literal_size` (64 MiB) and `max_message_size` (128 MiB)
    /// bound APPEND.
    pub parse: ParseConfig,
    /// The names (matched ignoring case) of the SELECT/EXAMINE, CREATE and RENAME parameters,
    /// FETCH and STORE modifiers and SEARCH/SORT return options that this crate does not
    /// type (the `Other` variants of
    /// [`SelectParameter`](crate::types::SelectParameter),
    /// [`CreateParameter`](crate::types::CreateParameter),
    /// [`RenameParameter`](crate::types::RenameParameter),
    /// [`FetchModifier`](crate::types::FetchModifier),
    /// [`StoreModifier`](crate::types::StoreModifier) and
    /// [`SearchReturnOption`](crate::types::SearchReturnOption)) but the application
    /// implements. A command with any other such parameter is answered `BAD` by the machine
    /// (RFC 4466 §2.1–§2.6: "Any parameter not defined by extensions that the server
    /// supports must be rejected with a BAD response"); one with only listed names reaches
    /// the application, which gets the parameters as parsed. Default empty.
    pub extension_parameters: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self::new("localhost")
    }
}

impl ServerConfig {
    /// The default settings for a server named `hostname`.
    pub fn new(hostname: impl Into<String>) -> Self {
        let parse = ParseConfig {
            max_line_len: 64 * 1024,
            ..ParseConfig::default()
        };
        Self {
            hostname: hostname.into(),
            greeting: "IMAP4rev1 server ready".to_owned(),
            logout_text: "IMAP4rev1 server logging out".to_owned(),
            capabilities: vec![
                Capability::Imap4rev1,
                Capability::LiteralPlus,
                Capability::SaslIr,
                Capability::Idle,
                Capability::Enable,
                Capability::Unselect,
            ],
            auth_mechanisms: vec![Mechanism::Plain],
            starttls: false,
            allow_plaintext_login_without_tls: false,
            max_errors: 10,
            max_buffer: 128 * 1024,
            max_literal_size_before_auth: 8 * 1024,
            max_auth_line_len: AUTH_LINE_MAX,
            sasl_session: None,
            parse,
            extension_parameters: Vec::new(),
        }
    }
}

/// What happened; see [`Server::poll_event`]. Events marked *decision* must be answered before
/// the machine processes more input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerEvent<'a> {
    /// *Decision*: a command valid in the current state, for the application to execute
    /// (borrowed from the input buffer; [`ServerEvent::into_owned`] keeps it). Write its
    /// untagged data with [`Server::untagged`] and complete it with [`Server::done`];
    /// `SELECT`/`EXAMINE` with [`Server::selected`] or [`Server::select_failed`].
    Command {
        /// The command's tag (the machine repeats it in the completion).
        tag: Tag<'a>,
        /// The command.
        body: CommandBody<'a>,
        /// Whether untagged `EXPUNGE`/`VANISHED` may be sent while answering it (RFC 9051
        /// §7.5.1); see the [module documentation](self).
        expunge_allowed: bool,
    },
    /// *Decision*: `LOGIN` (RFC 9051 §6.2.3), only when allowed (TLS or
    /// [`ServerConfig::allow_plaintext_login_without_tls`]). Answer
    /// [`Server::accept_login`] or [`Server::reject_login`].
    Login {
        /// The user name (invalid UTF-8 replaced).
        username: String,
        /// The password (invalid UTF-8 replaced; `Debug` hides it).
        password: Secret,
    },
    /// *Decision*: an AUTHENTICATE step needs the application: one of the `Needs*` variants
    /// of [`ServerStep`]. Answer with the matching `auth_*` method.
    Auth(ServerStep),
    /// The client is now authenticated (the tagged `OK` is queued); the state is
    /// [`ServerState::Authenticated`].
    LoggedIn {
        /// The user: the LOGIN user name, or the SASL authorization identity if one was given,
        /// else the authentication identity.
        user: String,
        /// How.
        method: LoginMethod,
    },
    /// `ENABLE` enabled these capabilities (RFC 5161 §3.1; `QRESYNC` implies `CONDSTORE`,
    /// RFC 7162 §3.2.3): the application now behaves accordingly.
    Enabled(Vec<Capability<'static>>),
    /// `IDLE` started (`+ idling` queued, RFC 2177 §3): push updates with
    /// [`Server::untagged`] until [`ServerEvent::IdleDone`].
    Idle,
    /// The client ended IDLE (the tagged response is queued).
    IdleDone,
    /// `STARTTLS` was accepted and `OK` queued: transmit the pending output, start TLS, then
    /// call [`Server::tls_established`]. Bytes received meanwhile are discarded.
    StartTls,
}

impl ServerEvent<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ServerEvent<'static> {
        match self {
            ServerEvent::Command {
                tag,
                body,
                expunge_allowed,
            } => ServerEvent::Command {
                tag: tag.into_owned(),
                body: body.into_owned(),
                expunge_allowed,
            },
            ServerEvent::Login { username, password } => ServerEvent::Login { username, password },
            ServerEvent::Auth(s) => ServerEvent::Auth(s),
            ServerEvent::LoggedIn { user, method } => ServerEvent::LoggedIn { user, method },
            ServerEvent::Enabled(c) => ServerEvent::Enabled(c),
            ServerEvent::Idle => ServerEvent::Idle,
            ServerEvent::IdleDone => ServerEvent::IdleDone,
            ServerEvent::StartTls => ServerEvent::StartTls,
        }
    }
}

/// An action that the state does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The configuration cannot produce valid responses (greeting text, capabilities).
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// No event is waiting for an answer.
    #[error("no command or decision pending")]
    NothingPending,
    /// The pending decision is of another kind (for example `done` while a LOGIN decision is
    /// pending, or `done(OK)` for a SELECT, which is [`Server::selected`]).
    #[error("another answer is expected")]
    WrongPending,
    /// The response text or code cannot be written (CR, LF, a leading `[` without a code).
    #[error("invalid response text")]
    InvalidText,
    /// The untagged response is not legal now (see [`Server::untagged`]).
    #[error("response not allowed now: {0}")]
    NotAllowed(&'static str),
    /// `tls_established` without a pending STARTTLS.
    #[error("no tls upgrade pending")]
    NoTlsPending,
    /// The session is over.
    #[error("session closed")]
    Closed,
}

/// Where the session is (RFC 9051 §3, with the machine's in-between steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ServerState {
    /// Not Authenticated (RFC 9051 §3.1).
    NotAuthenticated,
    /// An AUTHENTICATE exchange is running.
    Authenticating,
    /// Authenticated (RFC 9051 §3.2): no mailbox selected.
    Authenticated,
    /// Selected (RFC 9051 §3.3).
    Selected {
        /// Selected with EXAMINE (or the application answered `[READ-ONLY]`).
        read_only: bool,
    },
    /// IDLE (RFC 2177): the application may push updates.
    Idle,
    /// STARTTLS accepted; waiting for [`Server::tls_established`].
    TlsUpgrade,
    /// Logout (RFC 9051 §3.4): `* BYE` is queued; transmit the output and close the connection.
    Logout,
    /// The session was aborted.
    Closed,
}

/// How completing a command changes the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Select { read_only: bool },
    Deselect,
    Unauthenticate,
}

enum Pending {
    /// The command's frame is `inbuf[..len]`.
    Command {
        tag: Tag<'static>,
        len: usize,
        kind: Kind,
        expunge_allowed: bool,
    },
    Login {
        tag: Tag<'static>,
        user: String,
    },
    Auth {
        tag: Tag<'static>,
        session: Box<ServerSession>,
        mech: Mechanism,
    },
}

enum Phase {
    Command,
    /// Discarding the rest of an over-long line (its end is kept to spot a literal header).
    SkipLine {
        tail: Vec<u8>,
    },
    AuthLine {
        tag: Tag<'static>,
        session: Box<ServerSession>,
        mech: Mechanism,
    },
    Idle {
        tag: Tag<'static>,
    },
    TlsPending,
    Logout,
    Closed,
}

enum Slot {
    /// A command event: the frame `inbuf[..len]`, parsed again by `poll_event`.
    Command {
        len: usize,
        expunge_allowed: bool,
    },
    Event(ServerEvent<'static>),
}

/// An IMAP server session; see the [module documentation](self).
pub struct Server {
    config: ServerConfig,
    framer: Framer,
    phase: Phase,
    pending: Option<Pending>,
    authenticated: bool,
    /// `Some(read_only)` while a mailbox is selected.
    mailbox: Option<bool>,
    tls: bool,
    enabled: Vec<Capability<'static>>,
    errors: usize,
    inbuf: Vec<u8>,
    events: VecDeque<Slot>,
    outbuf: Vec<u8>,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Input may hold a password or SASL data: never shown.
        f.debug_struct("Server")
            .field("state", &self.state())
            .field("tls", &self.tls)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A new session; the greeting `* OK [CAPABILITY ...] greeting` is queued for
    /// [`poll_transmit`](Self::poll_transmit) (RFC 9051 §7.1.1).
    pub fn new(config: ServerConfig) -> Result<Self, ServerError> {
        if Text::new(config.greeting.as_bytes()).is_err() {
            return Err(ServerError::Config("greeting text"));
        }
        if Text::new(config.logout_text.as_bytes()).is_err() {
            return Err(ServerError::Config("logout text"));
        }
        if config.hostname.bytes().any(|b| b < 0x21 || b == 0x7f) {
            return Err(ServerError::Config("hostname"));
        }
        let mut server = Self {
            framer: Framer::new(&config.parse),
            config,
            phase: Phase::Command,
            pending: None,
            authenticated: false,
            mailbox: None,
            tls: false,
            enabled: Vec::new(),
            errors: 0,
            inbuf: Vec::new(),
            events: VecDeque::new(),
            outbuf: Vec::new(),
        };
        server.config.max_buffer = server
            .config
            .max_buffer
            .max(server.config.parse.max_line_len)
            .max(server.config.max_auth_line_len);
        server.framer = Framer::new(&server.frame_config());
        let code = ResponseCode::Capability(server.capabilities());
        let greeting = server.config.greeting.clone();
        server.write_untagged_status(Condition::Ok, Some(code), &greeting);
        Ok(server)
    }

    /// A session whose client is already authenticated as `user` (a connection over a
    /// pre-authenticated channel, e.g. run from SSH): the greeting is
    /// `* PREAUTH [CAPABILITY ...] greeting` (RFC 9051 §7.1.4), the state Authenticated, and
    /// [`ServerEvent::LoggedIn`] with [`LoginMethod::PreAuth`] is the first event.
    pub fn new_preauth(config: ServerConfig, user: impl Into<String>) -> Result<Self, ServerError> {
        let mut server = Self::new(config)?;
        server.outbuf.clear();
        server.authenticated = true;
        server.framer = Framer::new(&server.frame_config());
        let code = ResponseCode::Capability(server.capabilities());
        let greeting = server.config.greeting.clone();
        server.write_untagged_status(Condition::PreAuth, Some(code), &greeting);
        server.events.push_back(Slot::Event(ServerEvent::LoggedIn {
            user: user.into(),
            method: LoginMethod::PreAuth,
        }));
        Ok(server)
    }

    // ----- getters --------------------------------------------------------------------------

    /// Where the session is.
    pub fn state(&self) -> ServerState {
        match &self.phase {
            Phase::TlsPending => return ServerState::TlsUpgrade,
            Phase::Logout => return ServerState::Logout,
            Phase::Closed => return ServerState::Closed,
            Phase::AuthLine { .. } => return ServerState::Authenticating,
            Phase::Idle { .. } => return ServerState::Idle,
            Phase::Command | Phase::SkipLine { .. } => {}
        }
        if matches!(self.pending, Some(Pending::Auth { .. })) {
            return ServerState::Authenticating;
        }
        match (self.authenticated, self.mailbox) {
            (false, _) => ServerState::NotAuthenticated,
            (true, None) => ServerState::Authenticated,
            (true, Some(read_only)) => ServerState::Selected { read_only },
        }
    }

    /// Whether the session is over ([`ServerState::Logout`] or [`ServerState::Closed`]):
    /// transmit the output, then close the connection.
    pub fn is_closed(&self) -> bool {
        matches!(self.phase, Phase::Logout | Phase::Closed)
    }

    /// Whether [`tls_established`](Self::tls_established) was called.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// The capabilities advertised now (in `CAPABILITY` and the `[CAPABILITY]` codes).
    pub fn capabilities(&self) -> Vec<Capability<'static>> {
        let mut caps: Vec<Capability<'static>> = self
            .config
            .capabilities
            .iter()
            .filter(|c| {
                !matches!(
                    c,
                    Capability::StartTls | Capability::LoginDisabled | Capability::Auth(_)
                )
            })
            .cloned()
            .collect();
        if !self.authenticated {
            if self.config.starttls && !self.tls {
                caps.push(Capability::StartTls);
            }
            for m in self.offered_mechanisms() {
                if let Ok(atom) = Atom::new(m.to_string()) {
                    caps.push(Capability::Auth(atom));
                }
            }
            if !self.plaintext_allowed() {
                caps.push(Capability::LoginDisabled);
            }
        }
        caps
    }

    /// Whether `cap` was enabled with `ENABLE` (RFC 5161).
    pub fn is_enabled(&self, cap: &Capability<'_>) -> bool {
        self.enabled.iter().any(|c| c == cap)
    }

    /// Whether untagged `EXPUNGE`/`VANISHED` may be sent now (RFC 9051 §7.5.1): during a
    /// command whose event said so, or while idling with a mailbox selected.
    pub fn updates_allowed(&self) -> bool {
        match (&self.pending, &self.phase) {
            (
                Some(Pending::Command {
                    expunge_allowed, ..
                }),
                _,
            ) => *expunge_allowed,
            (None, Phase::Idle { .. }) => self.mailbox.is_some(),
            _ => false,
        }
    }

    /// The tag of the command being executed by the application, if any.
    pub fn pending_tag(&self) -> Option<&Tag<'static>> {
        match &self.pending {
            Some(Pending::Command { tag, .. }) => Some(tag),
            _ => None,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    // ----- input ----------------------------------------------------------------------------

    /// Takes bytes received from the client and processes what it can; returns how many bytes
    /// were taken. Keep the rest and offer it again after draining events and output.
    ///
    /// Once STARTTLS is accepted (until [`tls_established`](Self::tls_established)) or the
    /// session is over, every byte is taken and discarded.
    pub fn receive(&mut self, data: &[u8]) -> usize {
        let mut taken = 0;
        while taken < data.len() {
            if self.discarding() {
                return data.len();
            }
            if self.outbuf.len() >= self.config.max_buffer {
                break;
            }
            // A frame with literals may exceed `max_buffer` by the literals the framer accepted
            // (within the limits of `ServerConfig::parse`).
            let bound = self
                .config
                .max_buffer
                .saturating_add(self.framer.position());
            let room = bound.saturating_sub(self.inbuf.len());
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

    /// The next event, if any. A [`ServerEvent::Command`] borrows the machine's input buffer;
    /// the command's bytes stay there until it is completed.
    pub fn poll_event(&mut self) -> Option<ServerEvent<'_>> {
        let (len, expunge_allowed) = loop {
            match self.events.pop_front()? {
                Slot::Event(e) => return Some(e),
                Slot::Command {
                    len,
                    expunge_allowed,
                } => {
                    // Parsed successfully before, from the same bytes with the same settings.
                    let ok = self.inbuf.get(..len).is_some_and(|frame| {
                        matches!(
                            parse_command(frame, &self.config.parse),
                            Ok(Status::Complete(_))
                        )
                    });
                    if ok {
                        break (len, expunge_allowed);
                    }
                }
            }
        };
        let frame = self.inbuf.get(..len)?;
        match parse_command(frame, &self.config.parse) {
            Ok(Status::Complete((cmd, _))) => Some(ServerEvent::Command {
                tag: cmd.tag,
                body: cmd.body,
                expunge_allowed,
            }),
            _ => None,
        }
    }

    // ----- answers --------------------------------------------------------------------------

    /// Writes an untagged response (RFC 9051 §7) for the command being executed, during IDLE,
    /// or unsolicited. Refused ([`ServerError::NotAllowed`]):
    ///
    /// - `* n EXPUNGE` and `* VANISHED` (without `EARLIER`) when
    ///   [`updates_allowed`](Self::updates_allowed) is false (RFC 9051 §7.5.1);
    ///   `VANISHED (EARLIER)` outside a command;
    /// - message and mailbox data (`EXISTS`, `RECENT`, `FLAGS`, `FETCH`, `SEARCH`, `SORT`,
    ///   `THREAD`, `EXPUNGE`, `VANISHED`) without a selected mailbox (or a SELECT/EXAMINE
    ///   being answered);
    /// - `BYE` ([`shutdown`](Self::shutdown)) and `PREAUTH` (greeting only);
    /// - anything once the session is over or while a TLS upgrade is pending.
    ///
    /// Literals are written synchronizing (`{n}`), as a server must (RFC 7888 §3); quoted
    /// strings carry 8-bit text only after `ENABLE UTF8=ACCEPT` (else they become literals).
    pub fn untagged(&mut self, response: &UntaggedResponse<'_>) -> Result<(), ServerError> {
        self.check_untagged(response)?;
        self.write(response);
        Ok(())
    }

    /// Completes the command of the pending [`ServerEvent::Command`] with `tag OK/NO/BAD
    /// [code] text` (RFC 9051 §7.1). `CLOSE`, `UNSELECT` with `OK` leave the Selected state,
    /// `UNAUTHENTICATE` with `OK` the Authenticated state; a `SELECT`/`EXAMINE` completes with
    /// [`selected`](Self::selected) (`done` with `NO`/`BAD` is the same as
    /// [`select_failed`](Self::select_failed)). `BAD` counts against
    /// [`ServerConfig::max_errors`].
    pub fn done(
        &mut self,
        state: State,
        code: Option<ResponseCode<'_>>,
        text: &str,
    ) -> Result<(), ServerError> {
        let Some(Pending::Command { kind, .. }) = &self.pending else {
            return Err(self.pending_error());
        };
        if state == State::Ok && matches!(kind, Kind::Select { .. }) {
            return Err(ServerError::WrongPending);
        }
        let resp_text = resp_text(code, text)?;
        self.complete(state, resp_text);
        Ok(())
    }

    /// Completes a pending `SELECT`/`EXAMINE` with `OK [READ-WRITE]` or `OK [READ-ONLY]`
    /// (RFC 9051 §6.3.2, §6.3.3) after the application sent the mailbox's untagged data
    /// (`FLAGS`, `EXISTS`, `OK [UIDVALIDITY]`, `OK [UIDNEXT]`, `OK [PERMANENTFLAGS]`, …): the
    /// state becomes Selected. `EXAMINE` is always read-only.
    pub fn selected(&mut self, read_only: bool) -> Result<(), ServerError> {
        let Some(Pending::Command {
            kind: Kind::Select { read_only: examine },
            ..
        }) = &self.pending
        else {
            return Err(self.pending_error());
        };
        let read_only = read_only || *examine;
        let text = if *examine {
            "EXAMINE completed"
        } else {
            "SELECT completed"
        };
        let code = if read_only {
            ResponseCode::ReadOnly
        } else {
            ResponseCode::ReadWrite
        };
        let resp_text = resp_text(Some(code), text)?;
        self.mailbox = Some(read_only);
        self.complete(State::Ok, resp_text);
        Ok(())
    }

    /// Completes a pending `SELECT`/`EXAMINE` with `NO [code] text` (for example
    /// `[NONEXISTENT]`): no mailbox is selected (RFC 9051 §6.3.2).
    pub fn select_failed(
        &mut self,
        code: Option<ResponseCode<'_>>,
        text: &str,
    ) -> Result<(), ServerError> {
        let Some(Pending::Command {
            kind: Kind::Select { .. },
            ..
        }) = &self.pending
        else {
            return Err(self.pending_error());
        };
        let resp_text = resp_text(code, text)?;
        self.complete(State::No, resp_text);
        Ok(())
    }

    /// Answers [`ServerEvent::Login`]: the user name and password are right. Sends
    /// `OK [CAPABILITY ...] LOGIN completed`; the state becomes Authenticated.
    pub fn accept_login(&mut self) -> Result<(), ServerError> {
        match self.pending.take() {
            Some(Pending::Login { tag, user }) => {
                self.logged_in(&tag, "LOGIN completed", user, LoginMethod::Login);
                self.resume();
                Ok(())
            }
            other => Err(self.restore_pending(other)),
        }
    }

    /// Answers [`ServerEvent::Login`]: refused, `NO [AUTHENTICATIONFAILED]` (RFC 5530);
    /// counted against [`ServerConfig::max_errors`].
    pub fn reject_login(&mut self) -> Result<(), ServerError> {
        match self.pending.take() {
            Some(Pending::Login { tag, .. }) => {
                self.write_tagged(
                    &tag,
                    State::No,
                    Some(ResponseCode::AuthenticationFailed),
                    "Authentication failed",
                );
                self.count_error();
                self.resume();
                Ok(())
            }
            other => Err(self.restore_pending(other)),
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

    /// The caller finished the TLS handshake after [`ServerEvent::StartTls`]: the session goes
    /// on in Not Authenticated, with the capabilities of a TLS connection (no `STARTTLS`, no
    /// `LOGINDISABLED`).
    pub fn tls_established(&mut self) -> Result<(), ServerError> {
        if !matches!(self.phase, Phase::TlsPending) {
            return Err(ServerError::NoTlsPending);
        }
        self.tls = true;
        self.inbuf.clear();
        self.framer = Framer::new(&self.frame_config());
        self.phase = Phase::Command;
        Ok(())
    }

    /// Ends the session from the server side with `* BYE text` (RFC 9051 §7.1.5), e.g. for a
    /// shutdown or after [`AUTOLOGOUT_TIMEOUT_SECS`] of inactivity; a pending command is
    /// abandoned.
    pub fn shutdown(&mut self, text: &str) {
        if self.is_closed() {
            return;
        }
        let text = if Text::new(text.as_bytes()).is_ok() && !text.starts_with('[') {
            text
        } else {
            "Server shutting down"
        };
        self.write_untagged_status(Condition::Bye, None, text);
        self.close(Phase::Logout);
    }

    /// The connection is gone: the session closes without output.
    pub fn abort(&mut self) {
        self.outbuf.clear();
        self.close(Phase::Closed);
    }

    // ----- output ---------------------------------------------------------------------------

    /// Appends the pending output to `out`; returns how many bytes.
    pub fn poll_transmit(&mut self, out: &mut Vec<u8>) -> usize {
        let n = self.outbuf.len();
        out.append(&mut self.outbuf);
        n
    }

    // ----- internals: state -----------------------------------------------------------------

    fn discarding(&self) -> bool {
        matches!(
            self.phase,
            Phase::TlsPending | Phase::Logout | Phase::Closed
        )
    }

    fn plaintext_allowed(&self) -> bool {
        self.tls || self.config.allow_plaintext_login_without_tls
    }

    /// Whether `body` has a parameter or modifier that this crate does not type and that
    /// [`ServerConfig::extension_parameters`] does not list (RFC 4466 §2.1–§2.6).
    fn has_unknown_parameter(&self, body: &CommandBody<'_>) -> bool {
        use crate::types::{
            CreateParameter as Cp, FetchModifier as Fm, RenameParameter as Rp,
            SearchReturnOption as Ro, SelectParameter as Sp, StoreModifier as Sm,
        };
        use CommandBody as C;
        let unknown = |name: &Atom<'_>| {
            !self
                .config
                .extension_parameters
                .iter()
                .any(|k| name.eq_ignore_ascii_case(k))
        };
        match body {
            C::Select { parameters, .. } | C::Examine { parameters, .. } => parameters
                .iter()
                .any(|p| matches!(p, Sp::Other { name, .. } if unknown(name))),
            C::Create { parameters, .. } => parameters
                .iter()
                .any(|p| matches!(p, Cp::Other { name, .. } if unknown(name))),
            C::Rename { parameters, .. } => parameters
                .iter()
                .any(|p| matches!(p, Rp::Other { name, .. } if unknown(name))),
            C::Fetch { modifiers, .. } => modifiers
                .iter()
                .any(|m| matches!(m, Fm::Other { name, .. } if unknown(name))),
            C::Store { modifiers, .. } | C::StoreGmLabels { modifiers, .. } => modifiers
                .iter()
                .any(|m| matches!(m, Sm::Other { name, .. } if unknown(name))),
            C::Search { return_options, .. } | C::Sort { return_options, .. } => return_options
                .iter()
                .flatten()
                .any(|o| matches!(o, Ro::Other { name, .. } if unknown(name))),
            _ => false,
        }
    }

    fn advertised(&self, cap: &Capability<'_>) -> bool {
        self.config.capabilities.iter().any(|c| c == cap)
    }

    /// Whether the extension behind `cap` is on: advertised, or part of IMAP4rev2 when that
    /// is advertised (ENABLE, IDLE, SASL-IR are base commands of RFC 9051).
    fn supports(&self, cap: &Capability<'_>) -> bool {
        self.advertised(cap)
            || (matches!(
                cap,
                Capability::Enable | Capability::Idle | Capability::SaslIr
            ) && self.advertised(&Capability::Imap4rev2))
    }

    fn offered_mechanisms(&self) -> impl Iterator<Item = Mechanism> + '_ {
        let plaintext = self.plaintext_allowed();
        self.config
            .auth_mechanisms
            .iter()
            .copied()
            .filter(move |m| plaintext || !m.reveals_password())
    }

    /// The framer's limits now: smaller literals before authentication; non-synchronizing
    /// literals up to 4096 octets unless `LITERAL+` is advertised (RFC 7888 §5).
    fn frame_config(&self) -> ParseConfig {
        let mut c = self.config.parse;
        if !self.authenticated {
            c.max_literal_size = c
                .max_literal_size
                .min(self.config.max_literal_size_before_auth);
        }
        if !self.advertised(&Capability::LiteralPlus) {
            c.max_non_sync_literal_size = c.max_non_sync_literal_size.min(LITERAL_MINUS_MAX);
        }
        c
    }

    fn close(&mut self, phase: Phase) {
        self.phase = phase;
        self.pending = None;
        self.inbuf.clear();
        self.events.retain(|s| matches!(s, Slot::Event(_)));
    }

    fn pending_error(&self) -> ServerError {
        if self.is_closed() {
            ServerError::Closed
        } else if self.pending.is_none() {
            ServerError::NothingPending
        } else {
            ServerError::WrongPending
        }
    }

    fn restore_pending(&mut self, other: Option<Pending>) -> ServerError {
        self.pending = other;
        self.pending_error()
    }

    fn count_error(&mut self) {
        self.errors += 1;
        if self.errors >= self.config.max_errors && !self.is_closed() {
            self.write_untagged_status(Condition::Bye, None, "Too many errors, closing connection");
            self.close(Phase::Logout);
        }
    }

    fn resume(&mut self) {
        if !self.discarding() && self.pending.is_none() {
            self.process();
        }
    }

    /// Writes the completion of the pending command and applies its state change.
    fn complete(&mut self, state: State, text: RespText<'_>) {
        let Some(Pending::Command { tag, len, kind, .. }) = self.pending.take() else {
            return;
        };
        let ok = state == State::Ok;
        match kind {
            Kind::Deselect if ok => self.mailbox = None,
            Kind::Select { .. } if !ok => self.mailbox = None,
            Kind::Unauthenticate if ok => {
                self.authenticated = false;
                self.mailbox = None;
                self.enabled.clear();
            }
            _ => {}
        }
        self.write(&TaggedResponse { tag, state, text });
        // The command's event, if the application answered without polling it, would point
        // at bytes that are about to go.
        self.events.retain(|s| matches!(s, Slot::Event(_)));
        let len = len.min(self.inbuf.len());
        self.inbuf.drain(..len);
        if kind == Kind::Unauthenticate && ok {
            self.framer = Framer::new(&self.frame_config());
        }
        if state == State::Bad {
            self.count_error();
        }
        self.resume();
    }

    fn logged_in(&mut self, tag: &Tag<'_>, text: &str, user: String, method: LoginMethod) {
        self.authenticated = true;
        self.framer = Framer::new(&self.frame_config());
        let code = ResponseCode::Capability(self.capabilities());
        self.write_tagged(tag, State::Ok, Some(code), text);
        self.events
            .push_back(Slot::Event(ServerEvent::LoggedIn { user, method }));
    }

    // ----- internals: output ----------------------------------------------------------------

    fn write(&mut self, value: &impl Encode) {
        let utf8 = self.is_enabled(&Capability::Utf8Accept);
        let options = EncodeOptions::new(LiteralPolicy::Sync, utf8);
        let mut e = Encoder::from_vec(std::mem::take(&mut self.outbuf), options);
        value.encode(&mut e);
        self.outbuf = e.into_vec();
    }

    /// Writes a tagged response with a machine-made text (always valid).
    fn write_tagged(
        &mut self,
        tag: &Tag<'_>,
        state: State,
        code: Option<ResponseCode<'_>>,
        text: &str,
    ) {
        if let Ok(text) = resp_text(code, text) {
            self.write(&TaggedResponse {
                tag: tag.clone(),
                state,
                text,
            });
        }
    }

    fn write_untagged_status(
        &mut self,
        condition: Condition,
        code: Option<ResponseCode<'_>>,
        text: &str,
    ) {
        if let Ok(text) = resp_text(code, text) {
            self.write(&UntaggedResponse::Status { condition, text });
        }
    }

    fn write_continue(&mut self, text: &str) {
        if let Ok(text) = resp_text(None, text) {
            self.write(&crate::types::Response::Continue(text));
        }
    }

    /// A protocol error answered by the machine: `BAD` (tagged when the tag is known),
    /// counted against `max_errors`.
    fn bad(&mut self, tag: Option<&Tag<'_>>, code: Option<ResponseCode<'_>>, text: &str) {
        match tag {
            Some(tag) => self.write_tagged(tag, State::Bad, code, text),
            None => self.write_untagged_status(Condition::Bad, code, text),
        }
        self.count_error();
    }

    fn check_untagged(&self, r: &UntaggedResponse<'_>) -> Result<(), ServerError> {
        use UntaggedResponse as U;
        if self.is_closed() {
            return Err(ServerError::Closed);
        }
        if matches!(self.phase, Phase::TlsPending) {
            return Err(ServerError::NotAllowed("tls upgrade pending"));
        }
        let in_command = matches!(self.pending, Some(Pending::Command { .. }));
        let selecting = matches!(
            self.pending,
            Some(Pending::Command {
                kind: Kind::Select { .. },
                ..
            })
        );
        let mailbox = self.mailbox.is_some() || selecting;
        match r {
            U::Status {
                condition: Condition::Bye,
                ..
            } => Err(ServerError::NotAllowed("bye is sent by shutdown")),
            U::Status {
                condition: Condition::PreAuth,
                ..
            } => Err(ServerError::NotAllowed("preauth is a greeting")),
            U::Expunge(_) | U::Vanished { earlier: false, .. } if !self.updates_allowed() => {
                Err(ServerError::NotAllowed("expunge not allowed now"))
            }
            U::Vanished { earlier: true, .. } if !in_command => Err(ServerError::NotAllowed(
                "vanished earlier outside a command",
            )),
            U::Exists(_)
            | U::Recent(_)
            | U::Flags(_)
            | U::Fetch { .. }
            | U::UidFetch { .. }
            | U::Search { .. }
            | U::Sort { .. }
            | U::Thread(_)
            | U::Expunge(_)
            | U::Vanished { .. }
                if !mailbox =>
            {
                Err(ServerError::NotAllowed("no mailbox selected"))
            }
            _ => Ok(()),
        }
    }

    // ----- internals: input -----------------------------------------------------------------

    fn process(&mut self) {
        let mut buf = std::mem::take(&mut self.inbuf);
        let mut pos = 0;
        while self.pending.is_none() && !self.discarding() && pos < buf.len() {
            if !self.step(&buf, &mut pos) {
                break;
            }
        }
        if self.discarding() {
            buf.clear();
        } else {
            buf.drain(..pos.min(buf.len()));
        }
        self.inbuf = buf;
    }

    /// One unit of work on `buf[*pos..]`; false when more input (or an answer) is needed.
    fn step(&mut self, buf: &[u8], pos: &mut usize) -> bool {
        let input = &buf[*pos..];
        match std::mem::replace(&mut self.phase, Phase::Command) {
            Phase::Command => self.step_command(input, pos),
            Phase::SkipLine { mut tail } => {
                match memchr::memchr(b'\n', input) {
                    Some(i) => {
                        *pos += i + 1;
                        tail.extend_from_slice(&input[i.saturating_sub(32)..i]);
                        if ends_with_non_sync_literal(&tail) {
                            // Its data would be read as commands: give up on the connection.
                            self.write_untagged_status(
                                Condition::Bye,
                                None,
                                "Line too long, closing connection",
                            );
                            self.close(Phase::Logout);
                            return false;
                        }
                        true
                    }
                    None => {
                        *pos += input.len();
                        tail.extend_from_slice(input);
                        let keep = tail.len().saturating_sub(32);
                        tail.drain(..keep);
                        self.phase = Phase::SkipLine { tail };
                        false
                    }
                }
            }
            Phase::AuthLine { tag, session, mech } => {
                self.step_auth(input, pos, tag, session, mech)
            }
            Phase::Idle { tag } => self.step_idle(input, pos, tag),
            phase @ (Phase::TlsPending | Phase::Logout | Phase::Closed) => {
                self.phase = phase;
                false
            }
        }
    }

    fn step_command(&mut self, input: &[u8], pos: &mut usize) -> bool {
        match self.framer.next_frame(input) {
            Ok(Status::Complete(frame)) => {
                let bytes = &input[..frame.len];
                match parse_command(bytes, &self.config.parse) {
                    Ok(Status::Complete((cmd, _))) => {
                        if !self.dispatch(&cmd, frame.len) {
                            *pos += frame.len;
                        }
                    }
                    Ok(Status::Incomplete(_)) => {
                        *pos += frame.len;
                        self.bad(parse_tag(bytes).as_ref(), None, "Invalid command syntax");
                    }
                    Err(e) => {
                        *pos += frame.len;
                        let text = format!("Invalid command syntax: {}", e.kind);
                        self.bad(parse_tag(bytes).as_ref(), None, &text);
                    }
                }
                true
            }
            Ok(Status::Incomplete(_)) => {
                if self.framer.take_continuation().is_some() {
                    self.write_continue(LITERAL_CONTINUE);
                }
                false
            }
            Err(e) => {
                self.framer.reset();
                self.frame_error(input, pos, e)
            }
        }
    }

    fn frame_error(&mut self, input: &[u8], pos: &mut usize, e: ParseError) -> bool {
        let tag = parse_tag(input);
        match e.kind {
            ParseErrorKind::LineTooLong { .. } => {
                self.bad(tag.as_ref(), None, "Line too long");
                // Skip to the end of the line, here or in later input (from the error's offset,
                // which is past the literals of the message, if any).
                *pos += e.offset.min(input.len());
                if !self.is_closed() {
                    self.phase = Phase::SkipLine { tail: Vec::new() };
                }
                true
            }
            ParseErrorKind::LiteralTooLarge {
                non_sync: false, ..
            } => {
                // The client waits for a continuation request that will not come
                // (RFC 9051 §7.5); the command is refused and its bytes so far dropped.
                let from = e.offset.min(input.len());
                match memchr::memchr(b'\n', &input[from..]) {
                    Some(i) => *pos += from + i + 1,
                    None => *pos += input.len(),
                }
                let text = "Literal too large";
                match &tag {
                    Some(t) => self.write_tagged(t, State::No, Some(toobig()), text),
                    None => self.write_untagged_status(Condition::No, Some(toobig()), text),
                }
                true
            }
            ParseErrorKind::LiteralTooLarge { non_sync: true, .. }
            | ParseErrorKind::MessageTooLarge { .. } => {
                // The data is on its way and cannot be told from commands: RFC 7888 §4 lets
                // the server close the connection.
                let text = "Literal too large";
                match &tag {
                    Some(t) => self.write_tagged(t, State::Bad, Some(toobig()), text),
                    None => self.write_untagged_status(Condition::Bad, Some(toobig()), text),
                }
                self.write_untagged_status(Condition::Bye, None, "Literal too large, closing");
                self.close(Phase::Logout);
                false
            }
            _ => {
                let from = e.offset.min(input.len());
                let skip = match memchr::memchr(b'\n', &input[from..]) {
                    Some(i) => from + i + 1,
                    None => input.len(),
                };
                *pos += skip.max(1);
                let text = format!("Invalid command: {}", e.kind);
                self.bad(tag.as_ref(), None, &text);
                true
            }
        }
    }

    fn step_idle(&mut self, input: &[u8], pos: &mut usize, tag: Tag<'static>) -> bool {
        match parse_idle_done(input, &self.config.parse) {
            Ok(Status::Complete((_, n))) => {
                *pos += n;
                self.write_tagged(&tag, State::Ok, None, "IDLE terminated");
                self.events.push_back(Slot::Event(ServerEvent::IdleDone));
                true
            }
            Ok(Status::Incomplete(_)) if input.len() < 64 => {
                self.phase = Phase::Idle { tag };
                false
            }
            _ => {
                // RFC 2177 §3: only DONE may be sent; anything else ends IDLE with BAD.
                match memchr::memchr(b'\n', input) {
                    Some(i) => *pos += i + 1,
                    None => {
                        *pos += input.len();
                        self.phase = Phase::SkipLine { tail: Vec::new() };
                    }
                }
                self.events.push_back(Slot::Event(ServerEvent::IdleDone));
                self.bad(Some(&tag), None, "Expected DONE");
                true
            }
        }
    }

    fn step_auth(
        &mut self,
        input: &[u8],
        pos: &mut usize,
        tag: Tag<'static>,
        mut session: Box<ServerSession>,
        mech: Mechanism,
    ) -> bool {
        let max = self.config.max_auth_line_len;
        let line_end = match memchr::memchr(b'\n', input) {
            Some(i) if i < max => i + 1,
            Some(i) => {
                *pos += i + 1;
                self.bad(Some(&tag), None, "Authentication line too long");
                return true;
            }
            None if input.len() >= max => {
                *pos += input.len();
                self.phase = Phase::SkipLine { tail: Vec::new() };
                self.bad(Some(&tag), None, "Authentication line too long");
                return false;
            }
            None => {
                self.phase = Phase::AuthLine { tag, session, mech };
                return false;
            }
        };
        *pos += line_end;
        let result = match parse_authenticate_data(&input[..line_end], &self.config.parse) {
            Ok(Status::Complete((ClientMessage::Cancel, _))) => Ok(session.cancel()),
            Ok(Status::Complete((ClientMessage::Response(r), _))) => session.step(r.as_bytes()),
            _ => {
                self.bad(
                    Some(&tag),
                    None,
                    "Invalid base64 in authentication response",
                );
                return true;
            }
        };
        self.auth_step(tag, session, mech, result);
        true
    }

    fn auth_step(
        &mut self,
        tag: Tag<'static>,
        session: Box<ServerSession>,
        mech: Mechanism,
        result: Result<ServerStep, mail_sasl::Error>,
    ) {
        match result {
            Ok(ServerStep::Challenge(c)) => {
                let encoded = mail_sasl::framing::encode_challenge(&c);
                // `+ ` followed by base64 (possibly empty), RFC 9051 §7.6.
                self.outbuf.extend_from_slice(b"+ ");
                self.outbuf.extend_from_slice(encoded.as_bytes());
                self.outbuf.extend_from_slice(b"\r\n");
                self.phase = Phase::AuthLine { tag, session, mech };
            }
            Ok(ServerStep::Success {
                authzid, authcid, ..
            }) => {
                let user = authzid.filter(|z| !z.is_empty()).unwrap_or(authcid);
                self.logged_in(
                    &tag,
                    "Authentication successful",
                    user,
                    LoginMethod::Authenticate(mech),
                );
            }
            Ok(ServerStep::Failure(FailureReason::Cancelled)) => {
                self.bad(Some(&tag), None, "Authentication cancelled");
            }
            Ok(ServerStep::Failure(_)) => {
                self.write_tagged(
                    &tag,
                    State::No,
                    Some(ResponseCode::AuthenticationFailed),
                    "Authentication failed",
                );
                self.count_error();
            }
            Ok(needs) => {
                self.events.push_back(Slot::Event(ServerEvent::Auth(needs)));
                self.pending = Some(Pending::Auth { tag, session, mech });
            }
            Err(_) => self.bad(Some(&tag), None, "Invalid authentication response"),
        }
    }

    fn auth_answer(
        &mut self,
        f: impl FnOnce(&mut ServerSession) -> Result<ServerStep, mail_sasl::Error>,
    ) -> Result<(), ServerError> {
        match self.pending.take() {
            Some(Pending::Auth {
                tag,
                mut session,
                mech,
            }) => {
                let result = f(&mut session);
                self.auth_step(tag, session, mech, result);
                self.resume();
                Ok(())
            }
            other => Err(self.restore_pending(other)),
        }
    }

    // ----- internals: commands --------------------------------------------------------------

    /// Handles a parsed command; true when it became a pending application command whose
    /// frame (`len` bytes) must stay in the buffer.
    fn dispatch(&mut self, cmd: &Command<'_>, len: usize) -> bool {
        use CommandBody as C;
        let tag = &cmd.tag;
        let authenticated = self.authenticated;
        let selected = self.mailbox.is_some();
        match &cmd.body {
            C::Capability => {
                let caps = self.capabilities();
                self.write(&UntaggedResponse::Capability(caps));
                self.write_tagged(tag, State::Ok, None, "CAPABILITY completed");
                false
            }
            C::Logout => {
                let text = self.config.logout_text.clone();
                self.write_untagged_status(Condition::Bye, None, &text);
                self.write_tagged(tag, State::Ok, None, "LOGOUT completed");
                self.close(Phase::Logout);
                false
            }
            C::Noop if !authenticated => {
                self.write_tagged(tag, State::Ok, None, "NOOP completed");
                false
            }
            C::Other(_) => {
                self.bad(Some(tag), None, "Unknown command");
                false
            }
            C::StartTls | C::Login { .. } | C::Authenticate { .. } if authenticated => {
                self.bad(Some(tag), None, "Already authenticated");
                false
            }
            C::StartTls => {
                if self.tls || !self.config.starttls {
                    self.bad(Some(tag), None, "STARTTLS not available");
                } else {
                    self.write_tagged(tag, State::Ok, None, "Begin TLS negotiation now");
                    self.events.push_back(Slot::Event(ServerEvent::StartTls));
                    self.phase = Phase::TlsPending;
                }
                false
            }
            C::Login { username, password } => {
                if !self.plaintext_allowed() {
                    self.write_tagged(
                        tag,
                        State::No,
                        Some(ResponseCode::PrivacyRequired),
                        "LOGIN disabled without TLS, use STARTTLS first",
                    );
                    self.count_error();
                    return false;
                }
                let username = String::from_utf8_lossy(username.as_bytes()).into_owned();
                let password = Secret::new(String::from_utf8_lossy(password.0.as_bytes()));
                self.events.push_back(Slot::Event(ServerEvent::Login {
                    username: username.clone(),
                    password,
                }));
                self.pending = Some(Pending::Login {
                    tag: tag.clone().into_owned(),
                    user: username,
                });
                false
            }
            C::Authenticate {
                mechanism,
                initial_response,
            } => {
                let tag = tag.clone().into_owned();
                let mech = match Mechanism::from_bytes(mechanism.as_str().as_bytes()) {
                    Ok(m) if self.config.auth_mechanisms.contains(&m) => m,
                    _ => {
                        self.write_tagged(
                            &tag,
                            State::No,
                            None,
                            "Unsupported authentication mechanism",
                        );
                        self.count_error();
                        return false;
                    }
                };
                if !self.offered_mechanisms().any(|m| m == mech) {
                    self.write_tagged(
                        &tag,
                        State::No,
                        Some(ResponseCode::PrivacyRequired),
                        "Plaintext authentication disabled without TLS",
                    );
                    self.count_error();
                    return false;
                }
                if initial_response.is_some() && !self.supports(&Capability::SaslIr) {
                    self.bad(Some(&tag), None, "SASL-IR not supported");
                    return false;
                }
                let mut session = Box::new(match (self.config.sasl_session, mech) {
                    (Some(f), m) => f(m),
                    (None, Mechanism::CramMd5) => ServerSession::cram_md5(&self.config.hostname),
                    (None, m) => ServerSession::new(m),
                });
                let result = session.start(initial_response.as_ref().map(|r| r.as_bytes()));
                self.auth_step(tag, session, mech, result);
                false
            }
            C::Id { .. } => self.hand_over(cmd, len, Kind::Plain),
            _ if !authenticated => {
                self.bad(Some(tag), None, "Command not valid before authentication");
                false
            }
            C::Enable { capabilities } => {
                if !self.supports(&Capability::Enable) {
                    self.bad(Some(tag), None, "ENABLE not supported");
                } else if selected {
                    // RFC 5161 §3.1: only in the authenticated state.
                    self.bad(Some(tag), None, "ENABLE not valid in the selected state");
                } else {
                    self.enable(capabilities.as_slice());
                    self.write_tagged(tag, State::Ok, None, "ENABLE completed");
                }
                false
            }
            C::Idle => {
                if !self.supports(&Capability::Idle) {
                    self.bad(Some(tag), None, "IDLE not supported");
                } else {
                    self.write_continue("idling");
                    self.events.push_back(Slot::Event(ServerEvent::Idle));
                    self.phase = Phase::Idle {
                        tag: tag.clone().into_owned(),
                    };
                }
                false
            }
            C::Append { messages, .. }
                if messages.as_slice().len() > 1 && !self.advertised(&Capability::MultiAppend) =>
            {
                self.bad(Some(tag), None, "MULTIAPPEND not supported");
                false
            }
            C::Append { messages, .. }
                if !self.advertised(&Capability::Catenate)
                    && messages
                        .iter()
                        .any(|m| matches!(m.data, AppendData::Catenate(_))) =>
            {
                self.bad(Some(tag), None, "CATENATE not supported");
                false
            }
            // RFC 6855 §4: the UTF8 data item only after `ENABLE UTF8=ACCEPT` (RFC 9755, which
            // obsoletes RFC 6855, drops the item altogether).
            C::Append { messages, .. }
                if !self.is_enabled(&Capability::Utf8Accept)
                    && messages.iter().any(|m| match &m.data {
                        AppendData::Utf8(_) => true,
                        AppendData::Catenate(parts) => parts
                            .iter()
                            .any(|p| matches!(p, crate::types::CatenatePart::Utf8(_))),
                        _ => false,
                    }) =>
            {
                self.bad(Some(tag), None, "UTF8 data requires ENABLE UTF8=ACCEPT");
                false
            }
            // RFC 4466 §2.1–§2.6: a parameter, modifier or return option the server does not
            // support is a BAD; the application lists those it implements in
            // `extension_parameters`.
            _ if self.has_unknown_parameter(&cmd.body) => {
                let what = match cmd.body {
                    C::Select { .. } => "Unknown parameter in SELECT command",
                    C::Examine { .. } => "Unknown parameter in EXAMINE command",
                    C::Create { .. } => "Unknown parameter in CREATE command",
                    C::Rename { .. } => "Unknown parameter in RENAME command",
                    C::Fetch { .. } => "Unknown modifier in FETCH command",
                    C::Search { .. } => "Unknown return option in SEARCH command",
                    C::Sort { .. } => "Unknown return option in SORT command",
                    _ => "Unknown modifier in STORE command",
                };
                self.bad(Some(tag), None, what);
                false
            }
            // RFC 5465 §3.1: authenticated and selected states, only when advertised.
            C::Notify { .. } if !self.advertised(&Capability::Notify) => {
                self.bad(Some(tag), None, "NOTIFY not supported");
                false
            }
            C::Select { .. } | C::Examine { .. } => {
                let read_only = matches!(cmd.body, C::Examine { .. });
                if selected {
                    // The previous mailbox is closed whatever the outcome (RFC 9051 §6.3.2).
                    self.mailbox = None;
                    if self.advertised(&Capability::Imap4rev2)
                        || self.is_enabled(&Capability::QResync)
                    {
                        self.write_untagged_status(
                            Condition::Ok,
                            Some(ResponseCode::Closed),
                            "Previous mailbox closed",
                        );
                    }
                }
                self.hand_over(cmd, len, Kind::Select { read_only })
            }
            C::Unauthenticate => self.hand_over(cmd, len, Kind::Unauthenticate),
            C::Check
            | C::Close
            | C::Unselect
            | C::Expunge
            | C::UidExpunge { .. }
            | C::Search { .. }
            | C::Fetch { .. }
            | C::Store { .. }
            | C::StoreGmLabels { .. }
            | C::Copy { .. }
            | C::Move { .. }
            | C::Sort { .. }
            | C::Thread { .. }
            | C::CancelUpdate { .. }
                if !selected =>
            {
                self.bad(Some(tag), None, "No mailbox selected");
                false
            }
            C::Close | C::Unselect => self.hand_over(cmd, len, Kind::Deselect),
            _ => self.hand_over(cmd, len, Kind::Plain),
        }
    }

    fn hand_over(&mut self, cmd: &Command<'_>, len: usize, kind: Kind) -> bool {
        use CommandBody as C;
        let seq_numbers = matches!(
            cmd.body,
            C::Fetch { uid: false, .. }
                | C::Store { uid: false, .. }
                | C::StoreGmLabels { uid: false, .. }
                | C::Search { uid: false, .. }
                | C::Sort { uid: false, .. }
                | C::Thread { uid: false, .. }
        );
        let expunge_allowed = self.mailbox.is_some() && !seq_numbers && kind == Kind::Plain;
        self.events.push_back(Slot::Command {
            len,
            expunge_allowed,
        });
        self.pending = Some(Pending::Command {
            tag: cmd.tag.clone().into_owned(),
            len,
            kind,
            expunge_allowed,
        });
        true
    }

    fn enable(&mut self, requested: &[Capability<'_>]) {
        let mut newly = Vec::new();
        for cap in requested {
            let cap = cap.clone().into_owned();
            let enableable = matches!(
                cap,
                Capability::CondStore
                    | Capability::QResync
                    | Capability::Utf8Accept
                    | Capability::Imap4rev2
            );
            if !enableable || !self.advertised(&cap) {
                continue;
            }
            let mut add = vec![cap.clone()];
            if cap == Capability::QResync {
                add.insert(0, Capability::CondStore);
            }
            for c in add {
                if !self.is_enabled(&c) {
                    self.enabled.push(c.clone());
                    newly.push(c);
                }
            }
        }
        self.write(&UntaggedResponse::Enabled(newly.clone()));
        if !newly.is_empty() {
            self.events
                .push_back(Slot::Event(ServerEvent::Enabled(newly)));
        }
    }
}

/// The tag at the start of `input`, if it is one followed by a space.
fn parse_tag(input: &[u8]) -> Option<Tag<'static>> {
    let n = input.iter().take_while(|&&b| is_tag_char(b)).count();
    if n == 0 || input.get(n) != Some(&b' ') {
        return None;
    }
    let s = std::str::from_utf8(&input[..n]).ok()?;
    Tag::new(s.to_owned()).ok()
}

fn toobig() -> ResponseCode<'static> {
    ResponseCode::TooBig
}

fn resp_text<'t>(
    code: Option<ResponseCode<'t>>,
    text: &'t str,
) -> Result<RespText<'t>, ServerError> {
    let text = Text::new(text.as_bytes()).map_err(|_| ServerError::InvalidText)?;
    RespText::new(code, text).map_err(|_| ServerError::InvalidText)
}

/// Whether a line's content ends with a non-synchronizing literal header `{digits+}`.
fn ends_with_non_sync_literal(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Some(rest) = line.strip_suffix(b"+}") else {
        return false;
    };
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && rest.len() > digits && rest[rest.len() - digits - 1] == b'{'
}
