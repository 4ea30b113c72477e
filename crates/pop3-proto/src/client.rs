//! The client state machine: the client session: AUTHORIZATION (USER/PASS, APOP, AUTH, STLS),
//! TRANSACTION, UPDATE.
//!
//! [`Client`] is sans-IO, in the style of `quinn-proto`: the caller feeds what the server sent to
//! [`Client::receive`], takes what happened from [`Client::poll_event`], calls actions
//! ([`Client::login`], [`Client::retr`], …) and writes what [`Client::poll_transmit`] gives to
//! the connection. No clocks, no sockets.
//!
//! # Behaviour
//!
//! - Greeting (RFC 1939 §4): `+OK` enters AUTHORIZATION and yields
//!   [`ClientEvent::Greeting`] with the APOP timestamp if the greeting has one (found anywhere
//!   in its text, [`parse::apop_timestamp`](crate::parse::apop_timestamp)); `-ERR` yields
//!   [`ClientEvent::ServiceUnavailable`] and closes.
//! - Responses are matched to commands in order; which of them are multi-line is decided by
//!   the command ([`Command::response_shape`]), never guessed from the response.
//! - AUTHORIZATION: [`Client::login`] (`USER` then `PASS`, RFC 1939 §7; `PASS` is not sent
//!   when `USER` fails), [`Client::apop`] (RFC 1939 §7, MD5 of the greeting timestamp and the
//!   secret), [`Client::authenticate`] (RFC 5034, any [`mail_sasl::ClientSession`]; an initial
//!   response only when `CAPA` announced `SASL` and the command fits in 255 octets; a
//!   challenge the session cannot answer is cancelled with `*`; on `+OK` the session's
//!   `finish` must succeed, so a SCRAM server is verified). Success enters TRANSACTION.
//! - STLS (RFC 2595 §4): only when `CAPA` announced it; after the `+OK` every received byte is
//!   discarded (the CVE-2011-0411 class) until [`Client::tls_established`], which also forgets
//!   the capabilities (issue `CAPA` again).
//! - TRANSACTION (RFC 1939 §5, §7): `STAT`, `LIST`, `UIDL`, `RETR`, `TOP`, `DELE`, `NOOP`,
//!   `RSET`; listings arrive as one event each, message bodies as a stream:
//!   [`ClientEvent::MessageStart`], any number of [`ClientEvent::MessageData`] chunks, and
//!   [`ClientEvent::MessageEnd`]. The chunks borrow one reused buffer of at most
//!   [`ClientConfig::max_data_chunk`] bytes, so a message of any size costs no more memory
//!   and, in steady state, no allocation.
//! - UPDATE (RFC 1939 §6): [`Client::quit`] in TRANSACTION; the `+OK` means the deletions were
//!   applied ([`ClientEvent::Closed`] with `updated: true`).
//! - PIPELINING (RFC 2449 §6.6): when `CAPA` announced it, commands are sent without waiting,
//!   up to [`ClientConfig::pipeline_window`] unanswered bytes; otherwise one at a time.
//!   `STLS` and `AUTH` always wait for the commands before them and hold back the ones after.
//!
//! # A session
//!
//! ```
//! use pop3_proto::client::{Client, ClientConfig, ClientEvent};
//!
//! let mut client = Client::new(ClientConfig::default());
//! let mut out = Vec::new();
//! client.receive(b"+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
//! assert!(matches!(client.poll_event(), Some(ClientEvent::Greeting { .. })));
//! client.apop("mrose", "tanstaaf").unwrap();
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n");
//! client.receive(b"+OK mrose's maildrop has 2 messages (320 octets)\r\n");
//! assert!(matches!(client.poll_event(), Some(ClientEvent::LoggedIn { .. })));
//!
//! client.retr(1).unwrap();
//! out.clear();
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"RETR 1\r\n");
//! client.receive(b"+OK 17 octets\r\nSubject: x\r\n\r\n..\r\n.\r\n");
//! let mut message = Vec::new();
//! while let Some(event) = client.poll_event() {
//!     match event {
//!         ClientEvent::MessageStart { .. } => {}
//!         ClientEvent::MessageData(chunk) => message.extend_from_slice(chunk),
//!         ClientEvent::MessageEnd { size, .. } => assert_eq!(size, 17),
//!         other => panic!("{other:?}"),
//!     }
//! }
//! assert_eq!(message, b"Subject: x\r\n\r\n.\r\n");
//! ```

use std::collections::VecDeque;
use std::fmt;

use mail_sasl::{ClientSession, Mechanism, framing};

use crate::parse::{
    BodyDecoder, BodyProgress, MultiLineItem, ParseError, ResponseConfig, Status, parse_capability,
    parse_multiline_item, parse_response, parse_server_line,
};
use crate::types::{
    ApopDigest, BodyKind, Capabilities, Capability, Command, Continuation, DropListing,
    InitialResponse, LanguageListing, LanguageRange, MessageNumber, Name, Password, Response,
    ResponseShape, SaslMechanism, ScanListing, ServerLine, UniqueIdListing,
};

/// The longest command line RFC 2449 §4 lets a client send (CRLF included); an `AUTH`
/// initial response that would exceed it is sent after an empty challenge instead (RFC 5034
/// §4).
pub const COMMAND_LINE_MAX: usize = crate::parse::COMMAND_LINE_MAX;

/// The configuration of a [`Client`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientConfig {
    /// How responses are parsed (tolerances). Default [`ResponseConfig::default`].
    pub response: ResponseConfig,
    /// How many bytes of an incomplete line are buffered; raised to the line limit of
    /// [`response`](Self::response) if smaller. Default 64 KiB.
    pub max_input: usize,
    /// The most message bytes handed out in [`ClientEvent::MessageData`] chunks before they
    /// are polled; [`Client::receive`] takes no more body bytes until then. Default 64 KiB.
    pub max_data_chunk: usize,
    /// The most entries of one listing (`LIST`, `UIDL`, `CAPA`, `LANG`). Default 1,000,000.
    pub max_listing_entries: usize,
    /// How many bytes of pipelined commands may be unanswered (RFC 2449 §6.6: do not exceed the
    /// transport's window). Default 4096. At least one command is always sent.
    pub pipeline_window: usize,
    /// Send a SASL initial response with `AUTH` when allowed (RFC 5034 §4). Default true;
    /// false always waits for the server's empty challenge.
    pub sasl_initial_response: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            response: ResponseConfig::default(),
            max_input: 64 * 1024,
            max_data_chunk: 64 * 1024,
            max_listing_entries: 1_000_000,
            pipeline_window: 4096,
            sasl_initial_response: true,
        }
    }
}

impl ClientConfig {
    /// The defaults; see the field documentation.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Where a [`Client`] is (RFC 1939 §3 states, with the steps between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientState {
    /// Waiting for the greeting.
    Greeting,
    /// AUTHORIZATION: the client must identify itself.
    Authorization,
    /// A login (`USER`/`PASS`, `APOP` or `AUTH`) is in progress.
    Authenticating,
    /// `STLS` sent.
    Stls,
    /// The server said `+OK` to `STLS`: the caller must start TLS and call
    /// [`Client::tls_established`]; received bytes are discarded meanwhile.
    TlsUpgrade,
    /// TRANSACTION: the maildrop is open.
    Transaction,
    /// `QUIT` sent in TRANSACTION: the server is in UPDATE, removing deleted messages.
    Update,
    /// `QUIT` sent in AUTHORIZATION.
    Quit,
    /// The session is over.
    Closed,
}

/// How the client logged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoginMethod {
    /// `USER` and `PASS` (RFC 1939 §7).
    UserPass,
    /// `APOP` (RFC 1939 §7).
    Apop,
    /// `AUTH` with a SASL mechanism (RFC 5034).
    Sasl(Mechanism),
}

/// The command a response answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Request {
    /// The greeting.
    Greeting,
    /// `CAPA`.
    Capa,
    /// `USER`.
    User,
    /// `PASS`.
    Pass,
    /// `APOP`.
    Apop,
    /// `AUTH`.
    Auth(Mechanism),
    /// `STLS`.
    Stls,
    /// `STAT`.
    Stat,
    /// `LIST [msg]`.
    List(Option<MessageNumber>),
    /// `UIDL [msg]`.
    Uidl(Option<MessageNumber>),
    /// `RETR msg`.
    Retr(MessageNumber),
    /// `TOP msg lines`.
    Top {
        /// The message.
        msg: MessageNumber,
        /// The body lines asked for.
        lines: u64,
    },
    /// `DELE msg`.
    Dele(MessageNumber),
    /// `NOOP`.
    Noop,
    /// `RSET`.
    Rset,
    /// `QUIT`.
    Quit,
    /// `UTF8`.
    Utf8,
    /// `LANG [range]`; `listing` when sent without an argument.
    Lang {
        /// Whether this asked for the language listing.
        listing: bool,
    },
}

impl Request {
    /// Whether nothing may be pipelined around it.
    fn is_barrier(self) -> bool {
        matches!(self, Request::Stls | Request::Auth(_))
    }

    fn shape(self) -> ResponseShape {
        match self {
            Request::Capa => ResponseShape::MultiLine(BodyKind::Capabilities),
            Request::List(None) => ResponseShape::MultiLine(BodyKind::ScanListings),
            Request::Uidl(None) => ResponseShape::MultiLine(BodyKind::UniqueIdListings),
            Request::Retr(_) | Request::Top { .. } => ResponseShape::MultiLine(BodyKind::Message),
            Request::Lang { listing: true } => ResponseShape::MultiLine(BodyKind::Languages),
            Request::Auth(_) => ResponseShape::Sasl,
            _ => ResponseShape::SingleLine,
        }
    }
}

/// Something that happened; see [`Client::poll_event`].
///
/// [`ClientEvent::MessageData`] borrows the client's data buffer, so the event must be dropped
/// before the next call to a `&mut self` method; every other event owns its values.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent<'a> {
    /// The server greeted with `+OK`: AUTHORIZATION.
    Greeting {
        /// The greeting.
        response: Response<'static>,
        /// The APOP timestamp (`<…>`), if the greeting had one.
        timestamp: Option<String>,
    },
    /// The server greeted with `-ERR` (RFC 1939 §4: "any positive response" is a greeting);
    /// the session is closed.
    ServiceUnavailable {
        /// The greeting.
        response: Response<'static>,
    },
    /// The `CAPA` list (RFC 2449 §5), also kept in [`Client::capabilities`].
    Capabilities {
        /// The capabilities.
        capabilities: Capabilities,
    },
    /// The login succeeded: TRANSACTION.
    LoggedIn {
        /// How.
        method: LoginMethod,
        /// The server's `+OK`.
        response: Response<'static>,
    },
    /// The login failed (the response code, if any, tells why: `[AUTH]`, `[IN-USE]`,
    /// `[LOGIN-DELAY]`, `[SYS/TEMP]`, … RFC 2449 §8, RFC 3206); still AUTHORIZATION.
    LoginFailed {
        /// How.
        method: LoginMethod,
        /// The server's `-ERR`.
        response: Response<'static>,
        /// The local SASL error that made the client cancel, if any.
        error: Option<mail_sasl::Error>,
    },
    /// The server accepted `STLS` (RFC 2595 §4): start TLS now, then call
    /// [`Client::tls_established`].
    UpgradeTls,
    /// The drop listing (`STAT`, RFC 1939 §5).
    Stat {
        /// The message count and total size.
        listing: DropListing,
    },
    /// Scan listings (`LIST`, one entry for `LIST msg`).
    Listing {
        /// The listings.
        entries: Vec<ScanListing>,
    },
    /// Unique-id listings (`UIDL`, one entry for `UIDL msg`).
    UniqueIds {
        /// The listings.
        entries: Vec<UniqueIdListing<'static>>,
    },
    /// The language listing (`LANG` without argument, RFC 6856 §3).
    Languages {
        /// The languages.
        languages: Vec<LanguageListing>,
    },
    /// A message (`RETR`) or its top (`TOP`) follows as [`ClientEvent::MessageData`] chunks.
    MessageStart {
        /// The message.
        msg: MessageNumber,
        /// The server's `+OK`.
        response: Response<'static>,
    },
    /// The next bytes of the message, un-stuffed, exactly as the server holds them.
    MessageData(&'a [u8]),
    /// The message is complete.
    MessageEnd {
        /// The message.
        msg: MessageNumber,
        /// Its size in octets (what the data chunks added up to).
        size: u64,
    },
    /// Any other response: every `-ERR` not reported otherwise, and the `+OK` to `DELE`,
    /// `NOOP`, `RSET`, `UTF8` and `LANG range`.
    Response {
        /// The command it answers.
        request: Request,
        /// The response.
        response: Response<'static>,
    },
    /// The session is over: the response to `QUIT`.
    Closed {
        /// The response.
        response: Response<'static>,
        /// `QUIT` came in TRANSACTION and the server answered `+OK`: the messages marked as
        /// deleted were removed (RFC 1939 §6).
        updated: bool,
    },
    /// A protocol error (a malformed or unexpected response); the session is closed.
    Error(ClientError),
}

impl<'a> ClientEvent<'a> {
    /// The event as a `'static` value, or, for [`ClientEvent::MessageData`], the borrowed
    /// chunk as the error: a driver writes chunks to their sink and keeps every other event.
    ///
    /// ```
    /// use pop3_proto::client::{Client, ClientEvent};
    ///
    /// let mut client = Client::default();
    /// client.receive(b"+OK ready\r\n");
    /// let event = client.poll_event().map(ClientEvent::into_owned);
    /// assert!(matches!(event, Some(Ok(ClientEvent::Greeting { .. }))));
    /// ```
    pub fn into_owned(self) -> Result<ClientEvent<'static>, &'a [u8]> {
        Ok(match self {
            ClientEvent::MessageData(d) => return Err(d),
            ClientEvent::Greeting {
                response,
                timestamp,
            } => ClientEvent::Greeting {
                response,
                timestamp,
            },
            ClientEvent::ServiceUnavailable { response } => {
                ClientEvent::ServiceUnavailable { response }
            }
            ClientEvent::Capabilities { capabilities } => {
                ClientEvent::Capabilities { capabilities }
            }
            ClientEvent::LoggedIn { method, response } => {
                ClientEvent::LoggedIn { method, response }
            }
            ClientEvent::LoginFailed {
                method,
                response,
                error,
            } => ClientEvent::LoginFailed {
                method,
                response,
                error,
            },
            ClientEvent::UpgradeTls => ClientEvent::UpgradeTls,
            ClientEvent::Stat { listing } => ClientEvent::Stat { listing },
            ClientEvent::Listing { entries } => ClientEvent::Listing { entries },
            ClientEvent::UniqueIds { entries } => ClientEvent::UniqueIds { entries },
            ClientEvent::Languages { languages } => ClientEvent::Languages { languages },
            ClientEvent::MessageStart { msg, response } => {
                ClientEvent::MessageStart { msg, response }
            }
            ClientEvent::MessageEnd { msg, size } => ClientEvent::MessageEnd { msg, size },
            ClientEvent::Response { request, response } => {
                ClientEvent::Response { request, response }
            }
            ClientEvent::Closed { response, updated } => ClientEvent::Closed { response, updated },
            ClientEvent::Error(e) => ClientEvent::Error(e),
        })
    }
}

/// Why an action was refused, or why the session failed. Messages never contain a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The action is not allowed in this state.
    #[error("{action} not allowed in state {state:?}")]
    InvalidState {
        /// The action.
        action: &'static str,
        /// The state.
        state: ClientState,
    },
    /// The server did not announce the capability (or SASL mechanism) the action needs.
    #[error("{0} not advertised by the server")]
    NotAdvertised(&'static str),
    /// An argument cannot be sent (a space or control character in a user name, …).
    #[error("invalid {0}")]
    InvalidArgument(&'static str),
    /// `APOP` needs a timestamp in the greeting (RFC 1939 §7).
    #[error("no apop timestamp in the greeting")]
    NoApopTimestamp,
    /// A response could not be parsed.
    #[error("malformed response: {0}")]
    Malformed(ParseError),
    /// A response came when none was expected.
    #[error("unexpected response")]
    UnexpectedResponse,
    /// A listing had more entries than [`ClientConfig::max_listing_entries`].
    #[error("too many listing entries")]
    TooManyEntries,
    /// The SASL session failed at the end (e.g. a wrong SCRAM server signature, RFC 5802 §5).
    #[error("sasl: {0}")]
    Sasl(mail_sasl::Error),
}

/// A command in flight.
#[derive(Debug, Clone, Copy)]
struct Pending {
    request: Request,
    cost: usize,
}

/// A command not yet written.
struct Queued {
    bytes: Vec<u8>,
    request: Request,
}

/// What the client is reading.
enum Phase {
    /// Status lines.
    Line,
    /// The lines of a `CAPA` response.
    Capa(Capabilities, usize),
    /// The lines of a `LIST` response.
    Scan(Vec<ScanListing>),
    /// The lines of a `UIDL` response.
    Uids(Vec<UniqueIdListing<'static>>),
    /// The lines of a `LANG` response.
    Langs(Vec<LanguageListing>),
    /// A message body.
    Body {
        msg: MessageNumber,
        decoder: Box<BodyDecoder>,
    },
}

/// A queued event: owned, or a range of the data buffer.
enum Ev {
    Event(ClientEvent<'static>),
    Data(usize, usize),
}

/// Why [`Client::process`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The rest is an incomplete line.
    NeedMore,
    /// The data buffer is full.
    Full,
    /// The session closed or input is being discarded.
    Closed,
}

/// The POP3 client state machine; see the [module documentation](self).
pub struct Client {
    config: ClientConfig,
    state: ClientState,
    capabilities: Capabilities,
    capa_known: bool,
    timestamp: Option<Vec<u8>>,
    tls: bool,
    utf8: bool,
    input: Vec<u8>,
    transmit: Vec<u8>,
    queued: VecDeque<Queued>,
    inflight: VecDeque<Pending>,
    unacked: usize,
    events: VecDeque<Ev>,
    data: Vec<u8>,
    data_events: usize,
    phase: Phase,
    sasl: Option<ClientSession>,
    /// An initial response held back because the line would be too long (RFC 5034 §4).
    pending_ir: Option<mail_sasl::Response>,
    /// The local SASL error that made us cancel with `*`.
    sasl_error: Option<mail_sasl::Error>,
    /// `USER` failed while `PASS` was already in flight: its response is part of that failure.
    swallow_pass: bool,
    /// `QUIT` was sent in TRANSACTION.
    quit_in_transaction: bool,
    /// `USER` was sent and `PASS` may follow.
    user_sent: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("state", &self.state)
            .field("tls", &self.tls)
            .field("in_flight", &self.inflight.len())
            .finish_non_exhaustive()
    }
}

impl Default for Client {
    fn default() -> Self {
        Self::new(ClientConfig::default())
    }
}

impl Client {
    /// A client waiting for the server's greeting.
    pub fn new(mut config: ClientConfig) -> Self {
        config.max_input = config.max_input.max(config.response.max_line_len);
        config.max_data_chunk = config.max_data_chunk.max(1);
        let mut inflight = VecDeque::new();
        inflight.push_back(Pending {
            request: Request::Greeting,
            cost: 0,
        });
        Self {
            config,
            state: ClientState::Greeting,
            capabilities: Capabilities::new(),
            capa_known: false,
            timestamp: None,
            tls: false,
            utf8: false,
            input: Vec::new(),
            transmit: Vec::new(),
            queued: VecDeque::new(),
            inflight,
            unacked: 0,
            events: VecDeque::new(),
            data: Vec::new(),
            data_events: 0,
            phase: Phase::Line,
            sasl: None,
            pending_ir: None,
            sasl_error: None,
            swallow_pass: false,
            quit_in_transaction: false,
            user_sent: false,
        }
    }

    // ----- getters ------------------------------------------------------------------------

    /// The current state.
    pub fn state(&self) -> ClientState {
        self.state
    }

    /// The capabilities of the last successful `CAPA` (empty before one, and after
    /// [`tls_established`](Self::tls_established)).
    pub fn capabilities(&self) -> &Capabilities {
        &self.capabilities
    }

    /// The APOP timestamp of the greeting, if it had one.
    pub fn apop_timestamp(&self) -> Option<&[u8]> {
        self.timestamp.as_deref()
    }

    /// Whether the session is over.
    pub fn is_closed(&self) -> bool {
        self.state == ClientState::Closed
    }

    /// Whether [`tls_established`](Self::tls_established) was called.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// Whether the server accepted `UTF8` (RFC 6856 §2).
    pub fn is_utf8(&self) -> bool {
        self.utf8
    }

    /// How many commands are sent or queued and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.inflight.len() + self.queued.len()
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The bytes allocated for the input and message data buffers: bounded by
    /// [`ClientConfig::max_input`] and [`ClientConfig::max_data_chunk`] (plus what `Vec`
    /// rounds up), whatever the size of the messages.
    pub fn buffer_capacity(&self) -> usize {
        self.input.capacity() + self.data.capacity()
    }

    // ----- input --------------------------------------------------------------------------

    /// Takes bytes received from the server and returns how many were taken.
    ///
    /// Fewer than `data.len()` are taken while message data is waiting to be polled
    /// ([`ClientConfig::max_data_chunk`]): drain [`poll_event`](Self::poll_event) and call
    /// again with the rest. Bytes received while the session is closed, or between the `+OK`
    /// to `STLS` and [`tls_established`](Self::tls_established), are taken and discarded
    /// (RFC 2595 §4, the CVE-2011-0411 class: nothing sent in the clear can be read as a
    /// response inside the TLS session).
    pub fn receive(&mut self, data: &[u8]) -> usize {
        if self.discarding() {
            return data.len();
        }
        if self.data_events == 0 {
            self.data.clear();
        }
        let mut taken = 0;
        if !self.input.is_empty() {
            // Complete the buffered partial line first.
            let room = self.config.max_input.saturating_sub(self.input.len());
            let upto = memchr::memchr(b'\n', data)
                .map_or(data.len(), |i| i + 1)
                .min(room);
            self.input.extend_from_slice(&data[..upto]);
            taken = upto;
            let buf = std::mem::take(&mut self.input);
            let (used, _) = self.process(&buf);
            if self.discarding() {
                return data.len();
            }
            let mut buf = buf;
            buf.drain(..used);
            self.input = buf;
            if !self.input.is_empty() {
                self.flush();
                return taken;
            }
        }
        let (used, stop) = self.process(&data[taken..]);
        if self.discarding() {
            return data.len();
        }
        taken += used;
        if stop == Stop::NeedMore {
            let left = &data[taken..];
            let n = left.len().min(self.config.max_input);
            self.input.extend_from_slice(&left[..n]);
            taken += n;
        }
        self.flush();
        taken
    }

    // ----- events -------------------------------------------------------------------------

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<ClientEvent<'_>> {
        if self.data_events == 0 && !self.data.is_empty() {
            // The chunk handed out last has been dropped (this call borrows `self` mutably).
            self.data.clear();
        }
        match self.events.pop_front()? {
            Ev::Event(e) => Some(e),
            Ev::Data(start, end) => {
                self.data_events -= 1;
                Some(ClientEvent::MessageData(&self.data[start..end]))
            }
        }
    }

    // ----- actions ------------------------------------------------------------------------

    /// Sends `CAPA` (RFC 2449 §5), in AUTHORIZATION or TRANSACTION. The answer is
    /// [`ClientEvent::Capabilities`] (or a [`ClientEvent::Response`] with `-ERR`).
    pub fn capa(&mut self) -> Result<(), ClientError> {
        self.check(
            "capa",
            &[ClientState::Authorization, ClientState::Transaction],
        )?;
        self.queue(&Command::Capa, Request::Capa);
        Ok(())
    }

    /// Sends `STLS` (RFC 2595 §4): AUTHORIZATION, announced by `CAPA`, not yet in TLS, not
    /// after `UTF8` (RFC 6856 §2.1).
    pub fn stls(&mut self) -> Result<(), ClientError> {
        self.check("stls", &[ClientState::Authorization])?;
        if self.tls || self.utf8 || !self.capabilities.stls() {
            return Err(ClientError::NotAdvertised("STLS"));
        }
        self.queue(&Command::Stls, Request::Stls);
        self.state = ClientState::Stls;
        Ok(())
    }

    /// Tells the machine that TLS is up after [`ClientEvent::UpgradeTls`]: back to
    /// AUTHORIZATION, capabilities forgotten (RFC 2595 §4: the client "MUST discard cached
    /// information about server capabilities").
    pub fn tls_established(&mut self) -> Result<(), ClientError> {
        if self.state != ClientState::TlsUpgrade {
            return Err(self.invalid("tls_established"));
        }
        self.tls = true;
        self.input.clear();
        self.capabilities = Capabilities::new();
        self.capa_known = false;
        self.state = ClientState::Authorization;
        Ok(())
    }

    /// Logs in with `USER` and `PASS` (RFC 1939 §7). With `PIPELINING` both go at once,
    /// otherwise `PASS` after the `+OK` to `USER`. The result is [`ClientEvent::LoggedIn`] or
    /// [`ClientEvent::LoginFailed`].
    ///
    /// Non-ASCII names and passwords need the `UTF8 USER` capability (RFC 6856 §2.2).
    pub fn login(&mut self, user: &str, password: &str) -> Result<(), ClientError> {
        self.check("login", &[ClientState::Authorization])?;
        Name::new(user).map_err(|_| ClientError::InvalidArgument("user name"))?;
        Password::new(password).map_err(|_| ClientError::InvalidArgument("password"))?;
        self.check_utf8_credentials(user, password)?;
        self.user(user)?;
        self.pass(password)
    }

    /// Sends `USER` alone (RFC 1939 §7); follow with [`pass`](Self::pass), or use
    /// [`login`](Self::login). A `+OK` is reported as a [`ClientEvent::Response`], a `-ERR` as
    /// [`ClientEvent::LoginFailed`].
    pub fn user(&mut self, user: &str) -> Result<(), ClientError> {
        self.check("user", &[ClientState::Authorization])?;
        let name = Name::new(user).map_err(|_| ClientError::InvalidArgument("user name"))?;
        self.check_utf8_credentials(user, "")?;
        self.queue(&Command::User(name), Request::User);
        self.state = ClientState::Authenticating;
        self.user_sent = true;
        Ok(())
    }

    /// Sends `PASS` after [`user`](Self::user) (RFC 1939 §7: "immediately after a successful
    /// USER command"; with `PIPELINING` it may follow before the answer).
    pub fn pass(&mut self, password: &str) -> Result<(), ClientError> {
        if self.state != ClientState::Authenticating || !self.user_sent {
            return Err(self.invalid("pass"));
        }
        let pass = Password::new(password).map_err(|_| ClientError::InvalidArgument("password"))?;
        self.check_utf8_credentials("", password)?;
        self.user_sent = false;
        self.queue(&Command::Pass(pass), Request::Pass);
        Ok(())
    }

    /// Logs in with `APOP` (RFC 1939 §7): the digest of the greeting's timestamp and `secret`.
    pub fn apop(&mut self, user: &str, secret: &str) -> Result<(), ClientError> {
        self.check("apop", &[ClientState::Authorization])?;
        let timestamp = self
            .timestamp
            .as_ref()
            .ok_or(ClientError::NoApopTimestamp)?;
        let name = Name::new(user).map_err(|_| ClientError::InvalidArgument("user name"))?;
        if secret.bytes().any(|b| b < 0x20 || b == 0x7f) {
            return Err(ClientError::InvalidArgument("secret"));
        }
        self.check_utf8_credentials(user, secret)?;
        let digest = ApopDigest::compute(timestamp, secret.as_bytes());
        self.queue(&Command::Apop { name, digest }, Request::Apop);
        self.state = ClientState::Authenticating;
        Ok(())
    }

    /// Starts `AUTH` (RFC 5034 §4) with a SASL client session.
    ///
    /// When `CAPA` announced `SASL`, the mechanism must be among its mechanisms and a
    /// client-first mechanism's initial response goes on the command line if the line fits in
    /// [`COMMAND_LINE_MAX`] octets (else it answers the server's empty challenge). Without a
    /// known `SASL` capability no initial response is sent (RFC 5034 §3).
    pub fn authenticate(&mut self, mut session: ClientSession) -> Result<(), ClientError> {
        self.check("authenticate", &[ClientState::Authorization])?;
        let mech = session.mechanism();
        let advertised = self.capabilities.known_mechanisms().any(|m| m == mech);
        if self.capa_known && !advertised {
            return Err(ClientError::NotAdvertised("SASL mechanism"));
        }
        let mechanism = SaslMechanism::new(mech.as_str())
            .map_err(|_| ClientError::InvalidArgument("sasl mechanism"))?;
        let mut initial_response = None;
        self.pending_ir = None;
        if advertised && self.config.sasl_initial_response {
            if let Some(ir) = session.initial_response() {
                let encoded = framing::encode_initial_response(ir.as_bytes());
                // "AUTH " + mech + " " + ir + CRLF within 255 octets (RFC 5034 §4).
                if 8 + mech.as_str().len() + encoded.len() <= COMMAND_LINE_MAX {
                    initial_response = InitialResponse::from_encoded(encoded).ok();
                }
                if initial_response.is_none() {
                    self.pending_ir = Some(ir);
                }
            }
        }
        self.queue(
            &Command::Auth {
                mechanism,
                initial_response,
            },
            Request::Auth(mech),
        );
        self.sasl = Some(session);
        self.sasl_error = None;
        self.state = ClientState::Authenticating;
        Ok(())
    }

    /// Sends `UTF8` (RFC 6856 §2.1) in AUTHORIZATION when announced.
    pub fn utf8(&mut self) -> Result<(), ClientError> {
        self.check("utf8", &[ClientState::Authorization])?;
        if !self.capabilities.has("UTF8") {
            return Err(ClientError::NotAdvertised("UTF8"));
        }
        self.queue(&Command::Utf8, Request::Utf8);
        Ok(())
    }

    /// Sends `LANG` (RFC 6856 §3): with a range, selects a language; without, asks for the
    /// language listing ([`ClientEvent::Languages`]).
    pub fn lang(&mut self, range: Option<&str>) -> Result<(), ClientError> {
        self.check(
            "lang",
            &[ClientState::Authorization, ClientState::Transaction],
        )?;
        if !self.capabilities.has("LANG") {
            return Err(ClientError::NotAdvertised("LANG"));
        }
        let range = match range {
            Some(r) => Some(
                LanguageRange::new(r.to_owned())
                    .map_err(|_| ClientError::InvalidArgument("language range"))?,
            ),
            None => None,
        };
        let listing = range.is_none();
        self.queue(&Command::Lang(range), Request::Lang { listing });
        Ok(())
    }

    /// Sends `STAT` (RFC 1939 §5); the answer is [`ClientEvent::Stat`].
    pub fn stat(&mut self) -> Result<(), ClientError> {
        self.transaction("stat")?;
        self.queue(&Command::Stat, Request::Stat);
        Ok(())
    }

    /// Sends `LIST [msg]` (RFC 1939 §5); the answer is [`ClientEvent::Listing`].
    pub fn list(&mut self, msg: Option<u32>) -> Result<(), ClientError> {
        self.transaction("list")?;
        let msg = msg.map(number).transpose()?;
        self.queue(&Command::List(msg), Request::List(msg));
        Ok(())
    }

    /// Sends `UIDL [msg]` (RFC 1939 §7); the answer is [`ClientEvent::UniqueIds`].
    pub fn uidl(&mut self, msg: Option<u32>) -> Result<(), ClientError> {
        self.transaction("uidl")?;
        let msg = msg.map(number).transpose()?;
        self.queue(&Command::Uidl(msg), Request::Uidl(msg));
        Ok(())
    }

    /// Sends `RETR msg` (RFC 1939 §5); the message arrives as [`ClientEvent::MessageStart`],
    /// data chunks and [`ClientEvent::MessageEnd`].
    pub fn retr(&mut self, msg: u32) -> Result<(), ClientError> {
        self.transaction("retr")?;
        let msg = number(msg)?;
        self.queue(&Command::Retr(msg), Request::Retr(msg));
        Ok(())
    }

    /// Sends `TOP msg lines` (RFC 1939 §7): the header and the first `lines` body lines,
    /// delivered like a message.
    pub fn top(&mut self, msg: u32, lines: u64) -> Result<(), ClientError> {
        self.transaction("top")?;
        let msg = number(msg)?;
        self.queue(&Command::Top { msg, lines }, Request::Top { msg, lines });
        Ok(())
    }

    /// Sends `DELE msg` (RFC 1939 §5): the message is removed only in UPDATE, after
    /// [`quit`](Self::quit).
    pub fn dele(&mut self, msg: u32) -> Result<(), ClientError> {
        self.transaction("dele")?;
        let msg = number(msg)?;
        self.queue(&Command::Dele(msg), Request::Dele(msg));
        Ok(())
    }

    /// Sends `NOOP` (RFC 1939 §5).
    pub fn noop(&mut self) -> Result<(), ClientError> {
        self.transaction("noop")?;
        self.queue(&Command::Noop, Request::Noop);
        Ok(())
    }

    /// Sends `RSET` (RFC 1939 §5): unmarks the deleted messages.
    pub fn rset(&mut self) -> Result<(), ClientError> {
        self.transaction("rset")?;
        self.queue(&Command::Rset, Request::Rset);
        Ok(())
    }

    /// Sends `QUIT` (RFC 1939 §4, §6). In TRANSACTION the server enters UPDATE and removes the
    /// messages marked as deleted; the answer is [`ClientEvent::Closed`].
    pub fn quit(&mut self) -> Result<(), ClientError> {
        let after_user = self.state == ClientState::Authenticating
            && self.user_sent
            && self.inflight.is_empty()
            && self.queued.is_empty();
        if !after_user {
            self.check(
                "quit",
                &[ClientState::Authorization, ClientState::Transaction],
            )?;
        }
        self.user_sent = false;
        self.quit_in_transaction = self.state == ClientState::Transaction;
        self.state = if self.quit_in_transaction {
            ClientState::Update
        } else {
            ClientState::Quit
        };
        self.queue(&Command::Quit, Request::Quit);
        Ok(())
    }

    // ----- output -------------------------------------------------------------------------

    /// Appends the bytes to send to `out` and returns how many.
    pub fn poll_transmit(&mut self, out: &mut Vec<u8>) -> usize {
        let n = self.transmit.len();
        out.append(&mut self.transmit);
        n
    }

    // ----- internals ----------------------------------------------------------------------

    fn discarding(&self) -> bool {
        matches!(self.state, ClientState::Closed | ClientState::TlsUpgrade)
    }

    fn invalid(&self, action: &'static str) -> ClientError {
        ClientError::InvalidState {
            action,
            state: self.state,
        }
    }

    fn check(&self, action: &'static str, states: &[ClientState]) -> Result<(), ClientError> {
        if states.contains(&self.state) {
            Ok(())
        } else {
            Err(self.invalid(action))
        }
    }

    fn transaction(&self, action: &'static str) -> Result<(), ClientError> {
        self.check(action, &[ClientState::Transaction])
    }

    fn check_utf8_credentials(&self, user: &str, secret: &str) -> Result<(), ClientError> {
        if (user.is_ascii() && secret.is_ascii())
            || self.capabilities.get("UTF8") == Some(&Capability::Utf8 { user: true })
        {
            Ok(())
        } else {
            Err(ClientError::NotAdvertised("UTF8 USER"))
        }
    }

    fn queue(&mut self, command: &Command<'_>, request: Request) {
        self.queued.push_back(Queued {
            bytes: command.to_bytes(),
            request,
        });
        self.flush();
    }

    /// Moves queued commands to the transmit buffer as the pipelining rules allow.
    fn flush(&mut self) {
        if self.discarding() {
            return;
        }
        let pipelining = self.capabilities.pipelining();
        while let Some(front) = self.queued.front() {
            let barrier_inflight = self.inflight.iter().any(|p| p.request.is_barrier());
            let fits = self.inflight.is_empty()
                || (pipelining
                    && !barrier_inflight
                    && !front.request.is_barrier()
                    && self.unacked + front.bytes.len() <= self.config.pipeline_window);
            if !fits {
                break;
            }
            let Some(q) = self.queued.pop_front() else {
                break;
            };
            self.transmit.extend_from_slice(&q.bytes);
            self.unacked += q.bytes.len();
            self.inflight.push_back(Pending {
                request: q.request,
                cost: q.bytes.len(),
            });
        }
    }

    fn push(&mut self, event: ClientEvent<'static>) {
        self.events.push_back(Ev::Event(event));
    }

    fn fail(&mut self, error: ClientError) {
        self.push(ClientEvent::Error(error));
        self.close();
    }

    fn close(&mut self) {
        self.state = ClientState::Closed;
        self.queued.clear();
        self.inflight.clear();
        self.input.clear();
        self.phase = Phase::Line;
        self.sasl = None;
        self.pending_ir = None;
    }

    /// The command answered now leaves the in-flight list.
    fn complete(&mut self) {
        if let Some(p) = self.inflight.pop_front() {
            self.unacked -= p.cost;
        }
    }

    /// Processes `buf` as far as it goes; returns the bytes used and why it stopped.
    fn process(&mut self, buf: &[u8]) -> (usize, Stop) {
        let mut pos = 0;
        loop {
            if self.discarding() {
                return (buf.len(), Stop::Closed);
            }
            let rest = &buf[pos..];
            if rest.is_empty() {
                return (pos, Stop::NeedMore);
            }
            let config = self.config.response;
            match &mut self.phase {
                Phase::Body { msg, decoder } => {
                    let room = self.config.max_data_chunk.saturating_sub(self.data.len());
                    if room == 0 {
                        return (pos, Stop::Full);
                    }
                    let chunk = &rest[..rest.len().min(room)];
                    let start = self.data.len();
                    let progress = decoder.decode(chunk, &mut self.data);
                    let end = self.data.len();
                    let (msg, size) = (*msg, decoder.size());
                    if end > start {
                        self.push_data(start, end);
                    }
                    match progress {
                        BodyProgress::Continue => pos += chunk.len(),
                        BodyProgress::End { consumed } => {
                            pos += consumed;
                            self.phase = Phase::Line;
                            self.complete();
                            self.push(ClientEvent::MessageEnd { msg, size });
                            self.flush();
                        }
                    }
                }
                Phase::Line => {
                    let Some(front) = self.inflight.front().copied() else {
                        self.fail(ClientError::UnexpectedResponse);
                        return (buf.len(), Stop::Closed);
                    };
                    let parsed = if front.request.shape() == ResponseShape::Sasl {
                        parse_server_line(rest, &config).map(|s| match s {
                            Status::Complete((l, n)) => Status::Complete((l.into_owned(), n)),
                            Status::Incomplete(i) => Status::Incomplete(i),
                        })
                    } else {
                        parse_response(rest, &config).map(|s| match s {
                            Status::Complete((r, n)) => {
                                Status::Complete((ServerLine::Response(r.into_owned()), n))
                            }
                            Status::Incomplete(i) => Status::Incomplete(i),
                        })
                    };
                    match parsed {
                        Ok(Status::Complete((line, n))) => {
                            pos += n;
                            match line {
                                ServerLine::Response(r) => self.handle_response(front.request, r),
                                ServerLine::Continuation(c) => self.handle_challenge(&c),
                            }
                            // The next queued command goes out now, so that its response is
                            // the one expected next.
                            self.flush();
                        }
                        Ok(Status::Incomplete(_)) => return (pos, Stop::NeedMore),
                        Err(e) => {
                            self.fail(ClientError::Malformed(e));
                            return (buf.len(), Stop::Closed);
                        }
                    }
                }
                _ => match parse_multiline_item(rest, &config) {
                    Ok(Status::Complete((item, n))) => {
                        pos += n;
                        match item {
                            MultiLineItem::Line(line) => {
                                if let Err(e) = self.listing_line(line) {
                                    self.fail(e);
                                    return (buf.len(), Stop::Closed);
                                }
                            }
                            MultiLineItem::End => {
                                self.listing_end();
                                self.flush();
                            }
                        }
                    }
                    Ok(Status::Incomplete(_)) => return (pos, Stop::NeedMore),
                    Err(e) => {
                        self.fail(ClientError::Malformed(e));
                        return (buf.len(), Stop::Closed);
                    }
                },
            }
        }
    }

    fn push_data(&mut self, start: usize, end: usize) {
        if let Some(Ev::Data(_, last_end)) = self.events.back_mut() {
            if *last_end == start {
                *last_end = end;
                return;
            }
        }
        self.events.push_back(Ev::Data(start, end));
        self.data_events += 1;
    }

    /// One line of a listing.
    fn listing_line(&mut self, line: &[u8]) -> Result<(), ClientError> {
        let max = self.config.max_listing_entries;
        let config = self.config.response;
        let full = |n: usize| {
            if n >= max {
                Err(ClientError::TooManyEntries)
            } else {
                Ok(())
            }
        };
        match &mut self.phase {
            Phase::Capa(caps, lines) => {
                full(*lines)?;
                *lines += 1;
                // Lines that are not capability syntax are skipped.
                if let Ok(c) = parse_capability(line, &config) {
                    caps.push(c);
                }
            }
            Phase::Scan(v) => {
                full(v.len())?;
                v.push(ScanListing::parse(line).map_err(ClientError::Malformed)?);
            }
            Phase::Uids(v) => {
                full(v.len())?;
                v.push(
                    UniqueIdListing::parse(line)
                        .map_err(ClientError::Malformed)?
                        .into_owned(),
                );
            }
            Phase::Langs(v) => {
                full(v.len())?;
                v.push(LanguageListing::parse(line).map_err(ClientError::Malformed)?);
            }
            Phase::Line | Phase::Body { .. } => {}
        }
        Ok(())
    }

    /// The end line of a listing.
    fn listing_end(&mut self) {
        let phase = std::mem::replace(&mut self.phase, Phase::Line);
        self.complete();
        let event = match phase {
            Phase::Capa(capabilities, _) => {
                self.capabilities = capabilities.clone();
                self.capa_known = true;
                ClientEvent::Capabilities { capabilities }
            }
            Phase::Scan(entries) => ClientEvent::Listing { entries },
            Phase::Uids(entries) => ClientEvent::UniqueIds { entries },
            Phase::Langs(languages) => ClientEvent::Languages { languages },
            Phase::Line | Phase::Body { .. } => return,
        };
        self.push(event);
    }

    fn handle_response(&mut self, request: Request, response: Response<'static>) {
        let ok = response.is_ok();
        if let ResponseShape::MultiLine(kind) = request.shape() {
            if ok {
                self.phase = match kind {
                    BodyKind::Capabilities => Phase::Capa(Capabilities::new(), 0),
                    BodyKind::ScanListings => Phase::Scan(Vec::new()),
                    BodyKind::UniqueIdListings => Phase::Uids(Vec::new()),
                    BodyKind::Languages => Phase::Langs(Vec::new()),
                    BodyKind::Message => {
                        let msg = match request {
                            Request::Retr(m) | Request::Top { msg: m, .. } => m,
                            _ => return self.fail(ClientError::UnexpectedResponse),
                        };
                        self.push(ClientEvent::MessageStart { msg, response });
                        // One allocation for all the chunks of every message.
                        let want = self.config.max_data_chunk;
                        if self.data.capacity() < want {
                            self.data.reserve_exact(want - self.data.len());
                        }
                        Phase::Body {
                            msg,
                            decoder: Box::new(BodyDecoder::new(&self.config.response)),
                        }
                    }
                };
                return;
            }
        }
        self.complete();
        match request {
            Request::Greeting => {
                if ok {
                    self.timestamp = response.apop_timestamp().map(<[u8]>::to_vec);
                    let timestamp = self
                        .timestamp
                        .as_deref()
                        .map(|t| String::from_utf8_lossy(t).into_owned());
                    self.state = ClientState::Authorization;
                    self.push(ClientEvent::Greeting {
                        response,
                        timestamp,
                    });
                } else {
                    self.push(ClientEvent::ServiceUnavailable { response });
                    self.close();
                }
            }
            Request::User => {
                if ok {
                    self.push(ClientEvent::Response { request, response });
                } else {
                    self.user_sent = false;
                    // RFC 1939 §7: PASS only after a successful USER.
                    self.queued.retain(|q| q.request != Request::Pass);
                    self.swallow_pass = self.inflight.iter().any(|p| p.request == Request::Pass);
                    self.login_failed(LoginMethod::UserPass, response);
                }
            }
            Request::Pass => {
                if std::mem::take(&mut self.swallow_pass) {
                    return;
                }
                self.login_result(LoginMethod::UserPass, response);
            }
            Request::Apop => self.login_result(LoginMethod::Apop, response),
            Request::Auth(mech) => {
                let session = self.sasl.take();
                self.pending_ir = None;
                if ok {
                    match session.map(|mut s| s.finish(None)) {
                        Some(Ok(())) => self.login_result(LoginMethod::Sasl(mech), response),
                        Some(Err(e)) => self.fail(ClientError::Sasl(e)),
                        None => self.fail(ClientError::UnexpectedResponse),
                    }
                } else {
                    self.login_failed(LoginMethod::Sasl(mech), response);
                }
            }
            Request::Stls => {
                if ok {
                    self.state = ClientState::TlsUpgrade;
                    self.input.clear();
                    self.push(ClientEvent::UpgradeTls);
                } else {
                    self.state = ClientState::Authorization;
                    self.push(ClientEvent::Response { request, response });
                }
            }
            Request::Stat if ok => match DropListing::from_response(&response) {
                Ok(listing) => self.push(ClientEvent::Stat { listing }),
                Err(e) => self.fail(ClientError::Malformed(e)),
            },
            Request::List(Some(_)) if ok => match ScanListing::from_response(&response) {
                Ok(l) => self.push(ClientEvent::Listing { entries: vec![l] }),
                Err(e) => self.fail(ClientError::Malformed(e)),
            },
            Request::Uidl(Some(_)) if ok => match UniqueIdListing::from_response(&response) {
                Ok(l) => {
                    let entries = vec![l.into_owned()];
                    self.push(ClientEvent::UniqueIds { entries });
                }
                Err(e) => self.fail(ClientError::Malformed(e)),
            },
            Request::Quit => {
                let updated = self.quit_in_transaction && ok;
                self.push(ClientEvent::Closed { response, updated });
                self.close();
            }
            _ => {
                if request == Request::Utf8 && ok {
                    self.utf8 = true;
                }
                self.push(ClientEvent::Response { request, response });
            }
        }
    }

    fn login_result(&mut self, method: LoginMethod, response: Response<'static>) {
        if response.is_ok() {
            if self.state == ClientState::Authenticating {
                self.state = ClientState::Transaction;
            }
            self.push(ClientEvent::LoggedIn { method, response });
        } else {
            self.login_failed(method, response);
        }
    }

    fn login_failed(&mut self, method: LoginMethod, response: Response<'static>) {
        if self.state == ClientState::Authenticating {
            self.state = ClientState::Authorization;
        }
        let error = self.sasl_error.take();
        self.push(ClientEvent::LoginFailed {
            method,
            response,
            error,
        });
    }

    /// A `+ ` challenge during `AUTH`: answer it with the next SASL response, or cancel.
    fn handle_challenge(&mut self, challenge: &Continuation<'_>) {
        let Some(mut session) = self.sasl.take() else {
            return self.fail(ClientError::UnexpectedResponse);
        };
        let response = if let Some(ir) = self.pending_ir.take() {
            if challenge.as_encoded().is_empty() {
                Ok(ir)
            } else {
                Err(mail_sasl::Error::UnexpectedChallenge)
            }
        } else {
            challenge.decode().and_then(|bytes| session.step(&bytes))
        };
        match response {
            Ok(r) => self
                .transmit
                .extend_from_slice(framing::encode_response(r.as_bytes()).as_bytes()),
            Err(e) => {
                // RFC 5034 §4: cancel with "*"; the server answers -ERR.
                self.sasl_error = Some(e);
                self.transmit.extend_from_slice(framing::CANCEL.as_bytes());
            }
        }
        self.transmit.extend_from_slice(b"\r\n");
        self.sasl = Some(session);
    }
}

fn number(n: u32) -> Result<MessageNumber, ClientError> {
    MessageNumber::new(n).ok_or(ClientError::InvalidArgument("message number"))
}
