//! The client state machine: the client session: tags, literal continuations, untagged-response
//! routing, IDLE, STARTTLS, AUTHENTICATE.
//!
//! [`Client`] is sans-IO, in the style of `quinn-proto`: the caller feeds what the server sent to
//! [`Client::receive`], takes what happened from [`Client::poll_event`], calls actions
//! ([`Client::send`], [`Client::login`], [`Client::select`], …) and writes what
//! [`Client::poll_transmit`] gives to the connection. No clocks, no sockets.
//!
//! # Behaviour
//!
//! - States (RFC 9051 §3): [`ClientState::Greeting`] until the server's greeting (`* OK` →
//!   not authenticated, `* PREAUTH` → authenticated, `* BYE` → closed), then
//!   [`ClientState::NotAuthenticated`], [`ClientState::Authenticated`],
//!   [`ClientState::Selected`] (with `read_only`), [`ClientState::Logout`] and
//!   [`ClientState::Closed`], and the steps between them ([`ClientState::TlsUpgrade`],
//!   [`ClientState::Idle`]).
//! - Commands: [`Client::send`] takes any [`CommandBody`], makes its tag
//!   ([`ClientConfig::tag_prefix`] and a counter), checks that the state allows it (RFC 9051
//!   §6: `FETCH` needs a selected mailbox, `SELECT` a login, nothing but `DONE` while idling,
//!   …) and queues it. It returns a [`CommandId`] that every response to the command carries.
//!   The commands with special handling have their own methods: [`Client::login`],
//!   [`Client::authenticate`], [`Client::starttls`], [`Client::select`],
//!   [`Client::examine`], [`Client::idle`] and [`Client::idle_done`], [`Client::enable`],
//!   [`Client::logout`], [`Client::capability`], [`Client::noop`].
//! - Pipelining (RFC 9051 §5.5): commands are written without waiting for the previous
//!   answers unless that would be ambiguous. A command that changes the state or the
//!   connection (`STARTTLS`, `AUTHENTICATE`, `LOGIN`, `SELECT`, `EXAMINE`, `CLOSE`,
//!   `UNSELECT`, `IDLE`, `LOGOUT`, `ENABLE`, `COMPRESS`, `UNAUTHENTICATE`) waits until nothing
//!   is in flight and holds back everything after it until it completes. A command that uses
//!   message sequence numbers (`FETCH`, `STORE`, `SEARCH`, `COPY`, `MOVE`, `SORT`, `THREAD`,
//!   and, conservatively, the UID forms of `SEARCH`/`SORT`/`THREAD` whose keys may hold
//!   sequence numbers) waits while anything but a non-UID `FETCH`, `STORE` or `SEARCH` is in
//!   flight, since only those three forbid the server to send `EXPUNGE` (§5.5, §7.5.1). A
//!   command using the saved search result `$` (RFC 5182) waits for the searches in flight.
//!   [`ClientConfig::pipelining`] off sends one command at a time.
//! - Literals (RFC 9051 §4.3, RFC 7888): a synchronizing literal `{n}` is written only after
//!   the server's continuation request `+`; the line up to it goes out at once. When the server
//!   announced `LITERAL+` every literal is written non-synchronizing (`{n+}`); with `LITERAL-`
//!   (or `IMAP4rev2`, which includes it) those up to 4096 octets. A tagged `NO`/`BAD` instead
//!   of `+` abandons the rest of that command.
//! - Responses: a tagged response yields [`ClientEvent::Done`]. An untagged response that
//!   answers a command in flight (FETCH data for `FETCH`/`STORE`, `SEARCH`/`ESEARCH` for
//!   `SEARCH`, `LIST`/`STATUS` for `LIST`, `STATUS`, `CAPABILITY`, `ENABLED`, `NAMESPACE`,
//!   `QUOTA`/`QUOTAROOT`, `METADATA`, `ID`, `SORT`, `THREAD`, `ACL`/`MYRIGHTS`/`LISTRIGHTS`,
//!   `VANISHED (EARLIER)` for `FETCH`/`SELECT`) yields [`ClientEvent::Data`] with that
//!   command's id; every other one (`EXISTS`, `EXPUNGE`, `VANISHED`, `FLAGS`, `RECENT`,
//!   unsolicited `FETCH`, `* OK`/`NO`/`BAD`/`BYE`) yields [`ClientEvent::Untagged`]. Events
//!   borrow the response from the client's input buffer (`into_owned` keeps them).
//! - Capabilities: from the greeting's `[CAPABILITY …]`, `* CAPABILITY` and the
//!   `[CAPABILITY …]` code of a tagged `OK` (LOGIN, AUTHENTICATE); forgotten by STARTTLS
//!   (RFC 9051 §6.2.1: ask again). `ENABLED` is tracked ([`Client::is_enabled`]).
//! - The selected mailbox ([`Client::mailbox`], a [`MailboxView`]) follows `EXISTS`,
//!   `EXPUNGE`, `VANISHED`, `FLAGS`, `RECENT` and the `UIDVALIDITY`, `UIDNEXT`,
//!   `HIGHESTMODSEQ`, `NOMODSEQ`, `PERMANENTFLAGS`, `UNSEEN`, `READ-ONLY`/`READ-WRITE` and
//!   `CLOSED` codes.
//! - AUTHENTICATE (RFC 9051 §6.2.2): any [`mail_sasl::ClientSession`]; its initial response
//!   goes on the command line when the server announced `SASL-IR` (RFC 4959) or `IMAP4rev2`
//!   (which includes it, RFC 9051 §6.2.2), else it answers
//!   the first (empty) challenge. A challenge the session cannot answer is cancelled with `*`.
//!   On the tagged `OK` the session's `finish` must succeed (a SCRAM server is verified), else
//!   [`ClientEvent::Error`] and the session is closed.
//! - STARTTLS (RFC 9051 §6.2.1): after the tagged `OK`, [`ClientEvent::StartTls`]; every byte
//!   received after that line is discarded (the CVE-2011-0411 class) until
//!   [`Client::tls_established`], which also forgets the capabilities.
//! - IDLE (RFC 2177): [`Client::idle`] sends `IDLE`; the server's `+` yields
//!   [`ClientEvent::Idling`]; updates arrive as events; [`Client::idle_done`] sends `DONE`
//!   (at once, or as soon as the `+` arrives). Re-issue it within [`IDLE_REFRESH`].
//! - LOGOUT: `* BYE` then the tagged `OK` → [`ClientEvent::Closed`]. A `* BYE` at any other
//!   time yields its [`ClientEvent::Untagged`] and [`ClientEvent::Closed`].
//! - Large literals: with [`ClientConfig::stream_threshold`] set, a `BODY[…]`, `BINARY[…]`
//!   or `RFC822*` literal of a FETCH response that is at least that large is handed out as
//!   [`ClientEvent::FetchBodyStart`], [`ClientEvent::FetchBodyData`] chunks of at most
//!   [`ClientConfig::stream_chunk`] bytes and [`ClientEvent::FetchBodyEnd`]; the rest of the
//!   FETCH response then arrives as a normal event in which the streamed item's value is the
//!   empty string `""`. Memory stays bounded by the chunk size, whatever the message size.
//!
//! The machine works on what [`Client::poll_event`] reads: drain the events after each
//! [`Client::receive`], then call [`Client::poll_transmit`] (a continuation request, for
//! instance, releases the literal it was waiting for when its event is processed).
//!
//! # A session
//!
//! ```
//! use imap_proto::client::{Client, ClientConfig, ClientEvent, ClientState};
//! use imap_proto::types::{Mailbox, State, UntaggedResponse};
//!
//! let mut client = Client::new(ClientConfig::default());
//! let mut out = Vec::new();
//! client.receive(b"* OK [CAPABILITY IMAP4rev2 AUTH=PLAIN] IMAP4rev2 Service Ready\r\n");
//! assert!(matches!(client.poll_event(), Some(ClientEvent::Greeting { .. })));
//!
//! let login = client.login("fred", "secret")?;
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"A1 LOGIN fred secret\r\n");
//! client.receive(b"A1 OK LOGIN completed\r\n");
//! assert!(matches!(
//!     client.poll_event(),
//!     Some(ClientEvent::Done { command, status: State::Ok, .. }) if command == login
//! ));
//!
//! client.select(Mailbox::Inbox)?;
//! out.clear();
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"A2 SELECT INBOX\r\n");
//! client.receive(b"* 18 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n");
//! client.receive(b"A2 OK [READ-WRITE] SELECT completed\r\n");
//! let mut exists = 0;
//! while let Some(event) = client.poll_event() {
//!     if let ClientEvent::Untagged(UntaggedResponse::Exists(n)) = event {
//!         exists = n;
//!     }
//! }
//! assert_eq!(exists, 18);
//! assert_eq!(client.state(), ClientState::Selected { read_only: false });
//! assert_eq!(client.mailbox().unwrap().uid_validity.unwrap().get(), 3857529045);
//!
//! client.logout()?;
//! out.clear();
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"A3 LOGOUT\r\n");
//! client.receive(b"* BYE IMAP4rev2 Server logging out\r\nA3 OK LOGOUT completed\r\n");
//! while client.poll_event().is_some() {}
//! assert!(client.is_closed());
//! # Ok::<(), imap_proto::client::ClientError>(())
//! ```
//!
//! # Building a QRESYNC sync engine
//!
//! Keep, per mailbox, the [`MailboxView::uid_validity`] and [`MailboxView::highest_modseq`]
//! seen when the last sync completed. Select with `QRESYNC (uidvalidity modseq)` (RFC 7162
//! §3.2.5, after `ENABLE QRESYNC`): the `VANISHED (EARLIER)` data arrives as
//! [`ClientEvent::Data`] for the SELECT and the changed messages as FETCH events; when the
//! SELECT's [`ClientEvent::Done`] says `OK`, store the view's new `uid_validity` and
//! `highest_modseq`. During the session `VANISHED` (without `EARLIER`) and `EXPUNGE` arrive
//! as [`ClientEvent::Untagged`] and are already applied to [`MailboxView::exists`].

use std::collections::VecDeque;
use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

use mail_sasl::{ClientSession, framing};

use crate::encode::{Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy};
use crate::parse::{Framer, ParseConfig, ParseError, ParseErrorKind, Status, parse_response};
use crate::types::{
    AString, Atom, Capability, Command, CommandBody, Condition, FetchData, FetchModifier,
    FlagFetch, FlagPerm, Mailbox, MetadataData, Password, RespText, Response, ResponseCode, State,
    Tag, TaggedResponse, Text, UntaggedResponse, Vec1,
};

/// How long a server may wait before logging out an idle client (RFC 9051 §5.4: at least 30
/// minutes); send `NOOP` more often than this when nothing else is sent.
pub const AUTOLOGOUT: Duration = Duration::from_secs(30 * 60);

/// How often to end and re-issue `IDLE` (RFC 2177 §3: at least every 29 minutes, so that the
/// server's inactivity timer does not log the client out).
pub const IDLE_REFRESH: Duration = Duration::from_secs(29 * 60);

/// The configuration of a [`Client`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientConfig {
    /// How responses are parsed (limits and tolerances). Default [`ParseConfig::default`].
    pub parse: ParseConfig,
    /// The tag prefix; tags are the prefix and a counter from 1 (`A1`, `A2`, …). Must be tag
    /// characters (RFC 9051 §9 `tag`); an invalid prefix is replaced by `A`. Default `A`.
    pub tag_prefix: String,
    /// How many bytes of unprocessed input are buffered; raised to what one complete response
    /// within the [`parse`](Self::parse) limits needs
    /// ([`max_message_size`](ParseConfig::max_message_size) plus
    /// [`max_line_len`](ParseConfig::max_line_len)). Default 0 (that minimum).
    pub max_input: usize,
    /// Send commands without waiting for the previous ones where RFC 9051 §5.5 allows it.
    /// Default true; false sends one command at a time.
    pub pipelining: bool,
    /// Send a SASL initial response with `AUTHENTICATE` when the server announced `SASL-IR`
    /// (RFC 4959). Default true.
    pub sasl_initial_response: bool,
    /// Write non-synchronizing literals when the server announced `LITERAL+` or `LITERAL-`
    /// (RFC 7888). Default true.
    pub non_sync_literals: bool,
    /// Stream FETCH body literals of at least this many octets (see the
    /// [module documentation](self)). Default `None`: every response is buffered whole.
    /// The literal limits of [`parse`](Self::parse) still apply
    /// ([`max_literal_size`](ParseConfig::max_literal_size),
    /// [`max_message_size`](ParseConfig::max_message_size)); raise them to stream larger
    /// messages, the memory used does not grow with them.
    pub stream_threshold: Option<u64>,
    /// The largest [`ClientEvent::FetchBodyData`] chunk; while a literal streams,
    /// [`Client::receive`] buffers no more than this. Default 64 KiB (at least 1).
    pub stream_chunk: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            parse: ParseConfig::default(),
            tag_prefix: "A".to_owned(),
            max_input: 0,
            pipelining: true,
            sasl_initial_response: true,
            non_sync_literals: true,
            stream_threshold: None,
            stream_chunk: 64 * 1024,
        }
    }
}

impl ClientConfig {
    /// The defaults; see the field documentation.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Where a [`Client`] is (RFC 9051 §3 states, with the steps between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientState {
    /// Waiting for the server's greeting.
    Greeting,
    /// Not authenticated (RFC 9051 §3.1).
    NotAuthenticated,
    /// Authenticated, no mailbox selected (RFC 9051 §3.2).
    Authenticated,
    /// A mailbox is selected (RFC 9051 §3.3).
    Selected {
        /// Selected with `EXAMINE`, or the server said `[READ-ONLY]`.
        read_only: bool,
    },
    /// `IDLE` is queued or running (RFC 2177): nothing but [`Client::idle_done`] until it
    /// completes.
    Idle,
    /// The server accepted `STARTTLS`: start TLS, then call [`Client::tls_established`].
    TlsUpgrade,
    /// `LOGOUT` was sent (RFC 9051 §3.4).
    Logout,
    /// The session is over.
    Closed,
}

/// Identifies a command sent with [`Client::send`] (or a convenience method) in the events
/// that answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommandId(u64);

impl CommandId {
    /// The number (the counter in the command's tag).
    pub fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// What the client knows about the selected mailbox (RFC 9051 §6.3.2, §7.3, §7.4, RFC 7162).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MailboxView {
    /// The mailbox name as sent in `SELECT`/`EXAMINE`.
    pub name: Mailbox<'static>,
    /// `EXAMINE`, or `[READ-ONLY]`.
    pub read_only: bool,
    /// The number of messages (`EXISTS`, less `EXPUNGE` and `VANISHED` since).
    pub exists: u32,
    /// `RECENT` (IMAP4rev1 only).
    pub recent: Option<u32>,
    /// `[UIDVALIDITY n]`.
    pub uid_validity: Option<NonZeroU32>,
    /// `[UIDNEXT n]`.
    pub uid_next: Option<NonZeroU32>,
    /// `[HIGHESTMODSEQ n]` (RFC 7162 §3.1.2.1), raised by `MODSEQ` in FETCH data when
    /// CONDSTORE or QRESYNC is in use and by `[HIGHESTMODSEQ n]` on a tagged `OK`.
    pub highest_modseq: Option<u64>,
    /// `[NOMODSEQ]` (RFC 7162 §3.1.2.2): the mailbox has no mod-sequences.
    pub no_modseq: bool,
    /// `FLAGS (…)`: the flags defined in the mailbox.
    pub flags: Vec<FlagFetch<'static>>,
    /// `[PERMANENTFLAGS (…)]`.
    pub permanent_flags: Option<Vec<FlagPerm<'static>>>,
    /// `[UNSEEN n]` (IMAP4rev1).
    pub unseen: Option<NonZeroU32>,
}

impl MailboxView {
    fn new(name: Mailbox<'static>, read_only: bool) -> Self {
        Self {
            name,
            read_only,
            exists: 0,
            recent: None,
            uid_validity: None,
            uid_next: None,
            highest_modseq: None,
            no_modseq: false,
            flags: Vec::new(),
            permanent_flags: None,
            unseen: None,
        }
    }
}

/// Something that happened; see [`Client::poll_event`].
///
/// Events borrow from the client's input buffer; the bytes stay there until the next call to
/// a `&mut self` method. [`ClientEvent::into_owned`] keeps an event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent<'a> {
    /// The server's greeting (RFC 9051 §7.1): `OK` (not authenticated), `PREAUTH`
    /// (authenticated) or `BYE` (closed, [`ClientEvent::Closed`] follows).
    Greeting {
        /// `Ok`, `PreAuth` or `Bye`.
        condition: Condition,
        /// Code and text.
        text: RespText<'a>,
    },
    /// An untagged response that answers a command in flight.
    Data {
        /// The command.
        command: CommandId,
        /// The response.
        response: UntaggedResponse<'a>,
    },
    /// Any other untagged response: mailbox updates (`EXISTS`, `EXPUNGE`, `VANISHED`,
    /// `FLAGS`, `RECENT`, unsolicited `FETCH`), status responses (`* OK [ALERT] …`, `* BYE`).
    Untagged(UntaggedResponse<'a>),
    /// A command completed (its tagged response).
    Done {
        /// The command.
        command: CommandId,
        /// `OK`, `NO` or `BAD`.
        status: State,
        /// The response code.
        code: Option<ResponseCode<'a>>,
        /// The text.
        text: Text<'a>,
    },
    /// The server accepted `STARTTLS`: start TLS on the connection, then call
    /// [`Client::tls_established`].
    StartTls,
    /// The server accepted `IDLE` (its `+`): updates follow until [`Client::idle_done`].
    Idling {
        /// The `IDLE` command.
        command: CommandId,
    },
    /// A streamed FETCH literal begins; [`ClientEvent::FetchBodyData`] chunks and
    /// [`ClientEvent::FetchBodyEnd`] follow.
    FetchBodyStart {
        /// The command it answers, `None` when unsolicited.
        command: Option<CommandId>,
        /// The message sequence number.
        seq: NonZeroU32,
        /// The item (`BODY[…]`, `BINARY[…]`, `RFC822…`) with an empty value.
        item: FetchData<'static>,
        /// The literal's size in octets.
        size: u64,
    },
    /// The next bytes of a streamed literal.
    FetchBodyData(&'a [u8]),
    /// A streamed literal is complete; the FETCH response it belongs to follows, with the
    /// item's value replaced by `""`.
    FetchBodyEnd {
        /// The command it answers, `None` when unsolicited.
        command: Option<CommandId>,
        /// The message sequence number.
        seq: NonZeroU32,
        /// The literal's size in octets.
        size: u64,
    },
    /// The session is over (`LOGOUT` completed, `* BYE`, or a fatal error).
    Closed,
    /// A protocol error. Framing errors and failed SASL verification close the session; a
    /// response that does not parse, an unknown tag or an unexpected `+` are skipped.
    Error(ClientError),
}

impl<'a> ClientEvent<'a> {
    /// The event as a `'static` value, or, for [`ClientEvent::FetchBodyData`], the borrowed
    /// chunk as the error: a driver writes chunks to their sink and keeps every other event.
    pub fn into_owned(self) -> Result<ClientEvent<'static>, &'a [u8]> {
        use ClientEvent as E;
        Ok(match self {
            E::FetchBodyData(d) => return Err(d),
            E::Greeting { condition, text } => E::Greeting {
                condition,
                text: text.into_owned(),
            },
            E::Data { command, response } => E::Data {
                command,
                response: response.into_owned(),
            },
            E::Untagged(u) => E::Untagged(u.into_owned()),
            E::Done {
                command,
                status,
                code,
                text,
            } => E::Done {
                command,
                status,
                code: code.map(ResponseCode::into_owned),
                text: text.into_owned(),
            },
            E::StartTls => E::StartTls,
            E::Idling { command } => E::Idling { command },
            E::FetchBodyStart {
                command,
                seq,
                item,
                size,
            } => E::FetchBodyStart {
                command,
                seq,
                item,
                size,
            },
            E::FetchBodyEnd { command, seq, size } => E::FetchBodyEnd { command, seq, size },
            E::Closed => E::Closed,
            E::Error(e) => E::Error(e),
        })
    }
}

/// Why an action was refused, or why the session failed. Messages never contain a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The command is not allowed in this state (RFC 9051 §6).
    #[error("{action} not allowed in state {state:?}")]
    InvalidState {
        /// The command.
        action: &'static str,
        /// The state.
        state: ClientState,
    },
    /// The server did not announce the capability the action needs.
    #[error("{0} not advertised by the server")]
    NotAdvertised(&'static str),
    /// The server announced `LOGINDISABLED` (RFC 9051 §6.2.3).
    #[error("login disabled by the server")]
    LoginDisabled,
    /// An argument cannot be sent.
    #[error("invalid {0}")]
    InvalidArgument(&'static str),
    /// A response could not be parsed or framed.
    #[error("malformed response: {0}")]
    Malformed(ParseError),
    /// A response came that the state does not allow (e.g. no greeting).
    #[error("unexpected response")]
    UnexpectedResponse,
    /// A tagged response whose tag is not in flight.
    #[error("response with an unknown tag")]
    UnexpectedTag,
    /// A continuation request (`+`) when none was expected.
    #[error("unexpected continuation request")]
    UnexpectedContinuation,
    /// The SASL session failed (a challenge it could not answer, which was cancelled, or a
    /// wrong SCRAM server signature after `OK`, which closes the session).
    #[error("sasl: {0}")]
    Sasl(mail_sasl::Error),
}

// ---------------------------------------------------------------------------------------------
// Command classification
// ---------------------------------------------------------------------------------------------

/// What a command is, for routing and state changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Capability,
    Logout,
    StartTls,
    Authenticate,
    Login,
    Enable,
    Select,
    Leave,
    Idle,
    Fetch,
    Store,
    Search,
    Sort,
    Thread,
    List,
    Lsub,
    Status,
    Namespace,
    Quota,
    Metadata,
    Id,
    Acl,
    Unauthenticate,
    Plain,
}

/// In which states a command is allowed (RFC 9051 §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Any,
    NotAuth,
    Auth,
    AuthOnly,
    Selected,
}

#[derive(Debug, Clone, Copy)]
struct Class {
    name: &'static str,
    kind: Kind,
    gate: Gate,
    /// Waits for everything before, holds back everything after.
    barrier: bool,
    /// Uses message sequence numbers.
    seq: bool,
    /// A non-UID FETCH, STORE or SEARCH: the server may not expunge while it runs.
    seq_safe: bool,
    /// Uses the saved search result `$`.
    saved: bool,
}

fn classify(body: &CommandBody<'_>) -> Class {
    use CommandBody as C;
    use Gate as G;
    use Kind as K;
    let c = |name, kind, gate| Class {
        name,
        kind,
        gate,
        barrier: false,
        seq: false,
        seq_safe: false,
        saved: false,
    };
    let barrier = |name, kind, gate| Class {
        barrier: true,
        ..c(name, kind, gate)
    };
    let seq = |name, kind, uid: bool, safe: bool, saved: bool| Class {
        seq: !uid,
        seq_safe: !uid && safe,
        saved,
        ..c(name, kind, G::Selected)
    };
    match body {
        C::Capability => c("CAPABILITY", K::Capability, G::Any),
        C::Noop => c("NOOP", K::Plain, G::Any),
        C::Logout => barrier("LOGOUT", K::Logout, G::Any),
        C::Id { .. } => c("ID", K::Id, G::Any),
        C::StartTls => barrier("STARTTLS", K::StartTls, G::NotAuth),
        C::Authenticate { .. } => barrier("AUTHENTICATE", K::Authenticate, G::NotAuth),
        C::Login { .. } => barrier("LOGIN", K::Login, G::NotAuth),
        C::Enable { .. } => barrier("ENABLE", K::Enable, G::AuthOnly),
        C::Select { .. } => barrier("SELECT", K::Select, G::Auth),
        C::Examine { .. } => barrier("EXAMINE", K::Select, G::Auth),
        C::Create { .. } => c("CREATE", K::Plain, G::Auth),
        C::Delete { .. } => c("DELETE", K::Plain, G::Auth),
        C::Rename { .. } => c("RENAME", K::Plain, G::Auth),
        C::Subscribe { .. } => c("SUBSCRIBE", K::Plain, G::Auth),
        C::Unsubscribe { .. } => c("UNSUBSCRIBE", K::Plain, G::Auth),
        C::List { .. } => c("LIST", K::List, G::Auth),
        C::Lsub { .. } => c("LSUB", K::Lsub, G::Auth),
        C::Namespace => c("NAMESPACE", K::Namespace, G::Auth),
        C::Status { .. } => c("STATUS", K::Status, G::Auth),
        C::Append { .. } => c("APPEND", K::Plain, G::Auth),
        C::Idle => barrier("IDLE", K::Idle, G::Auth),
        C::Check => c("CHECK", K::Plain, G::Selected),
        C::Close => barrier("CLOSE", K::Leave, G::Selected),
        C::Unselect => barrier("UNSELECT", K::Leave, G::Selected),
        C::Expunge => c("EXPUNGE", K::Plain, G::Selected),
        C::CancelUpdate { .. } => c("CANCELUPDATE", K::Plain, G::Selected),
        C::UidExpunge { set } => Class {
            saved: set.has_saved(),
            ..c("UID EXPUNGE", K::Plain, G::Selected)
        },
        // UID SEARCH/SORT/THREAD keys may hold sequence numbers: treated as sequence users.
        C::Search { uid, .. } => Class {
            seq: true,
            seq_safe: !uid,
            ..c("SEARCH", K::Search, G::Selected)
        },
        C::Sort { .. } => Class {
            seq: true,
            ..c("SORT", K::Sort, G::Selected)
        },
        C::Thread { .. } => Class {
            seq: true,
            ..c("THREAD", K::Thread, G::Selected)
        },
        C::Fetch { uid, set, .. } => seq("FETCH", K::Fetch, *uid, true, set.has_saved()),
        C::Store { uid, set, .. } => seq("STORE", K::Store, *uid, true, set.has_saved()),
        C::StoreGmLabels { uid, set, .. } => seq("STORE", K::Store, *uid, true, set.has_saved()),
        C::Copy { uid, set, .. } => seq("COPY", K::Plain, *uid, false, set.has_saved()),
        C::Move { uid, set, .. } => seq("MOVE", K::Plain, *uid, false, set.has_saved()),
        C::GetQuota { .. } => c("GETQUOTA", K::Quota, G::Auth),
        C::GetQuotaRoot { .. } => c("GETQUOTAROOT", K::Quota, G::Auth),
        C::SetQuota { .. } => c("SETQUOTA", K::Quota, G::Auth),
        C::GetMetadata { .. } => c("GETMETADATA", K::Metadata, G::Auth),
        C::SetMetadata { .. } => c("SETMETADATA", K::Plain, G::Auth),
        C::GetAcl { .. } => c("GETACL", K::Acl, G::Auth),
        C::SetAcl { .. } => c("SETACL", K::Plain, G::Auth),
        C::DeleteAcl { .. } => c("DELETEACL", K::Plain, G::Auth),
        C::ListRights { .. } => c("LISTRIGHTS", K::Acl, G::Auth),
        C::MyRights { .. } => c("MYRIGHTS", K::Acl, G::Auth),
        C::Compress { .. } => barrier("COMPRESS", K::Plain, G::Auth),
        C::Unauthenticate => barrier("UNAUTHENTICATE", K::Unauthenticate, G::Auth),
        // RFC 5465 §3.1: authenticated and selected states; `NOTIFY SET STATUS` is answered
        // by a STATUS response per watched mailbox before the tagged OK.
        C::Notify { .. } => c("NOTIFY", K::Status, G::Auth),
        _ => c("command", K::Plain, G::Any),
    }
}

/// Whether an untagged response answers a command of this kind.
fn accepts(kind: Kind, u: &UntaggedResponse<'_>) -> bool {
    use UntaggedResponse as U;
    matches!(
        (kind, u),
        (Kind::Capability, U::Capability(_))
            | (Kind::Enable, U::Enabled(_))
            | (
                Kind::Fetch | Kind::Store,
                U::Fetch { .. } | U::UidFetch { .. }
            )
            | (
                Kind::Fetch | Kind::Select,
                U::Vanished { earlier: true, .. }
            )
            | (Kind::Search, U::Search { .. } | U::Esearch(_))
            | (Kind::Sort, U::Sort { .. } | U::Esearch(_))
            | (Kind::Thread, U::Thread(_))
            | (Kind::List, U::List(_) | U::MailboxStatus(_))
            | (Kind::Select, U::List(_))
            | (Kind::Lsub, U::Lsub(_))
            | (Kind::Status, U::MailboxStatus(_))
            | (Kind::Namespace, U::Namespace(_))
            | (Kind::Quota, U::Quota { .. } | U::QuotaRoot { .. })
            | (
                Kind::Metadata,
                U::Metadata {
                    data: MetadataData::Values(_),
                    ..
                },
            )
            | (Kind::Id, U::Id(_))
            | (
                Kind::Acl,
                U::Acl { .. } | U::ListRights { .. } | U::MyRights { .. }
            )
    )
}

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

/// A command written (or being written) and not yet answered.
#[derive(Debug, Clone)]
struct Pending {
    id: CommandId,
    tag: String,
    kind: Kind,
    barrier: bool,
    seq_safe: bool,
}

/// A command not yet started.
struct Queued {
    pending: Pending,
    seq: bool,
    saved: bool,
    bytes: Vec<u8>,
    /// Segment ends, and whether a `+` must come before the segment.
    segs: Vec<(usize, bool)>,
    select: Option<MailboxView>,
}

/// The command whose bytes are being written.
struct Sending {
    id: CommandId,
    bytes: Vec<u8>,
    segs: Vec<(usize, bool)>,
    next: usize,
    /// A `+` arrived for the next segment.
    plus: bool,
}

#[derive(Debug, Clone, Copy)]
struct IdleState {
    id: CommandId,
    accepted: bool,
    done_requested: bool,
    done_sent: bool,
}

/// A FETCH literal being streamed. Offsets are relative to the start of its response in the
/// input buffer.
#[derive(Debug, Clone, Copy)]
struct Stream {
    command: Option<CommandId>,
    seq: NonZeroU32,
    /// Offset of the literal header (`{` or `~`).
    header: usize,
    /// Offset of the first data byte.
    data: usize,
    size: u64,
    /// Bytes handed out in released chunks.
    handed: u64,
    /// Handed-out bytes still in the buffer (after `data`).
    dead: usize,
    /// The chunk handed out by the last event.
    out: usize,
}

/// What [`Client::settle`] found.
enum Pre {
    Frames,
    Wait,
    Event(ClientEvent<'static>),
    Data(usize, usize),
}

/// Everything but the input buffer (so that events can borrow the buffer while the state
/// changes).
struct Core {
    config: ClientConfig,
    state: ClientState,
    closing: bool,
    tls: bool,
    caps: Vec<Capability<'static>>,
    caps_known: bool,
    enabled: Vec<Capability<'static>>,
    condstore: bool,
    next_tag: u64,
    queue: VecDeque<Queued>,
    sending: Option<Sending>,
    awaiting_plus: bool,
    inflight: Vec<Pending>,
    transmit: Vec<u8>,
    owned: VecDeque<ClientEvent<'static>>,
    mailbox: Option<MailboxView>,
    selecting: Option<MailboxView>,
    sasl: Option<(CommandId, ClientSession)>,
    sasl_error: Option<mail_sasl::Error>,
    idle: Option<IdleState>,
    framer: Framer,
    stream: Option<Stream>,
    discard_pending: bool,
}

/// The IMAP client state machine; see the [module documentation](self).
pub struct Client {
    input: Vec<u8>,
    /// Start of the unprocessed input (the bytes before it are dropped lazily).
    start: usize,
    core: Core,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("state", &self.state())
            .field("tls", &self.core.tls)
            .field("in_flight", &self.core.inflight.len())
            .field("queued", &self.core.queue.len())
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
        let p = &config.parse;
        let need = usize::try_from(p.max_message_size)
            .unwrap_or(usize::MAX)
            .saturating_add(p.max_line_len);
        config.max_input = config.max_input.max(need);
        config.stream_chunk = config.stream_chunk.max(1);
        if config.tag_prefix.is_empty() || !config.tag_prefix.bytes().all(crate::types::is_tag_char)
        {
            config.tag_prefix = "A".to_owned();
        }
        let framer = Framer::new(&config.parse);
        Self {
            input: Vec::new(),
            start: 0,
            core: Core {
                config,
                state: ClientState::Greeting,
                closing: false,
                tls: false,
                caps: Vec::new(),
                caps_known: false,
                enabled: Vec::new(),
                condstore: false,
                next_tag: 1,
                queue: VecDeque::new(),
                sending: None,
                awaiting_plus: false,
                inflight: Vec::new(),
                transmit: Vec::new(),
                owned: VecDeque::new(),
                mailbox: None,
                selecting: None,
                sasl: None,
                sasl_error: None,
                idle: None,
                framer,
                stream: None,
                discard_pending: false,
            },
        }
    }

    // ----- getters ------------------------------------------------------------------------

    /// The current state.
    pub fn state(&self) -> ClientState {
        self.core.state()
    }

    /// Whether the session is over.
    pub fn is_closed(&self) -> bool {
        self.core.state == ClientState::Closed
    }

    /// Whether [`tls_established`](Self::tls_established) was called.
    pub fn is_tls(&self) -> bool {
        self.core.tls
    }

    /// The server's capabilities as last announced (empty before, and after STARTTLS until
    /// announced again).
    pub fn capabilities(&self) -> &[Capability<'static>] {
        &self.core.caps
    }

    /// Whether the capabilities have been announced since the greeting or STARTTLS.
    pub fn capabilities_known(&self) -> bool {
        self.core.caps_known
    }

    /// Whether the server announced `cap`.
    pub fn has_capability(&self, cap: &Capability<'_>) -> bool {
        self.core.has(cap)
    }

    /// Whether the server reported `cap` as enabled (`* ENABLED`, RFC 5161 §3.2).
    pub fn is_enabled(&self, cap: &Capability<'_>) -> bool {
        self.core.enabled.iter().any(|c| c == cap)
    }

    /// The selected mailbox (after a successful `SELECT`/`EXAMINE`, until it is left).
    pub fn mailbox(&self) -> Option<&MailboxView> {
        self.core.mailbox.as_ref()
    }

    /// How many commands are queued or in flight.
    pub fn in_flight(&self) -> usize {
        self.core.inflight.len() + self.core.queue.len()
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.core.config
    }

    /// The bytes allocated for the input buffer: bounded by [`ClientConfig::max_input`], and
    /// while a literal streams by [`ClientConfig::stream_chunk`] plus the response's lines.
    pub fn buffer_capacity(&self) -> usize {
        self.input.capacity()
    }

    // ----- input --------------------------------------------------------------------------

    /// Takes bytes received from the server and returns how many were taken.
    ///
    /// Fewer than `data.len()` are taken when the buffer is full ([`ClientConfig::max_input`],
    /// or [`ClientConfig::stream_chunk`] while a literal streams): drain
    /// [`poll_event`](Self::poll_event) and call again with the rest. Bytes received while
    /// the session is closed, or between the `OK` to `STARTTLS` and
    /// [`tls_established`](Self::tls_established), are taken and discarded.
    pub fn receive(&mut self, data: &[u8]) -> usize {
        match self.core.state {
            ClientState::Closed => return data.len(),
            ClientState::TlsUpgrade => {
                self.input.truncate(self.start);
                return data.len();
            }
            _ => {}
        }
        if self.start > 0 && self.start * 2 >= self.input.len() {
            self.input.drain(..self.start);
            self.start = 0;
        }
        let room = match &self.core.stream {
            Some(st) => {
                let live_from = self.start + st.data + st.dead + st.out;
                self.core
                    .config
                    .stream_chunk
                    .saturating_sub(self.input.len().saturating_sub(live_from))
            }
            None => self
                .core
                .config
                .max_input
                .saturating_sub(self.input.len() - self.start),
        };
        let n = room.min(data.len());
        self.input.extend_from_slice(&data[..n]);
        n
    }

    // ----- actions ------------------------------------------------------------------------

    /// Queues any command (RFC 9051 §6) and returns its id. The state must allow it; see the
    /// [module documentation](self) for when it is written. `AUTHENTICATE` needs
    /// [`authenticate`](Self::authenticate); `COMPRESS` (RFC 4978) is refused, since the
    /// machine cannot hand the compressed bytes that follow its `OK` back to the caller.
    pub fn send(&mut self, body: CommandBody<'_>) -> Result<CommandId, ClientError> {
        match body {
            CommandBody::Authenticate { .. } => Err(ClientError::InvalidArgument(
                "authenticate command (use Client::authenticate)",
            )),
            // After its OK both directions are compressed (RFC 4978 §3); the bytes that follow
            // would have to go back to the caller, which this machine does not do.
            CommandBody::Compress { .. } => Err(ClientError::InvalidArgument(
                "compress command (not supported)",
            )),
            CommandBody::StartTls => self.starttls(),
            CommandBody::Idle => self.idle(),
            CommandBody::Logout => self.logout(),
            CommandBody::Login { .. } if self.core.has(&Capability::LoginDisabled) => {
                Err(ClientError::LoginDisabled)
            }
            CommandBody::Login { .. } => {
                self.core.check_no_login_pending("LOGIN")?;
                self.core.enqueue(body)
            }
            body => self.core.enqueue(body),
        }
    }

    /// Sends `CAPABILITY` (RFC 9051 §6.1.1).
    pub fn capability(&mut self) -> Result<CommandId, ClientError> {
        self.core.enqueue(CommandBody::Capability)
    }

    /// Sends `NOOP` (RFC 9051 §6.1.2).
    pub fn noop(&mut self) -> Result<CommandId, ClientError> {
        self.core.enqueue(CommandBody::Noop)
    }

    /// Sends `LOGOUT` (RFC 9051 §6.1.3); no command can follow.
    pub fn logout(&mut self) -> Result<CommandId, ClientError> {
        let id = self.core.enqueue(CommandBody::Logout)?;
        self.core.closing = true;
        Ok(id)
    }

    /// Sends `STARTTLS` (RFC 9051 §6.2.1): not yet in TLS, and announced when the
    /// capabilities are known.
    pub fn starttls(&mut self) -> Result<CommandId, ClientError> {
        if self.core.tls || self.core.any_pending(Kind::StartTls) {
            return Err(ClientError::InvalidState {
                action: "STARTTLS",
                state: self.state(),
            });
        }
        self.core.check_no_login_pending("STARTTLS")?;
        if self.core.caps_known && !self.core.has(&Capability::StartTls) {
            return Err(ClientError::NotAdvertised("STARTTLS"));
        }
        self.core.enqueue(CommandBody::StartTls)
    }

    /// Call when TLS is established after [`ClientEvent::StartTls`]: the client forgets the
    /// capabilities (RFC 9051 §6.2.1; send [`capability`](Self::capability) again) and
    /// resumes sending.
    pub fn tls_established(&mut self) -> Result<(), ClientError> {
        if self.core.state != ClientState::TlsUpgrade {
            return Err(ClientError::InvalidState {
                action: "tls_established",
                state: self.state(),
            });
        }
        self.input.clear();
        self.start = 0;
        self.core.framer.reset();
        self.core.discard_pending = false;
        self.core.tls = true;
        self.core.caps.clear();
        self.core.caps_known = false;
        self.core.state = ClientState::NotAuthenticated;
        self.core.pump();
        Ok(())
    }

    /// Sends `LOGIN` (RFC 9051 §6.2.3). Refused when the server announced `LOGINDISABLED`.
    pub fn login(&mut self, username: &str, password: &str) -> Result<CommandId, ClientError> {
        if self.core.has(&Capability::LoginDisabled) {
            return Err(ClientError::LoginDisabled);
        }
        self.core.check_no_login_pending("LOGIN")?;
        let username = AString::new(username.as_bytes())
            .map_err(|_| ClientError::InvalidArgument("user name"))?;
        let password = AString::new(password.as_bytes())
            .map_err(|_| ClientError::InvalidArgument("password"))?;
        self.core.enqueue(CommandBody::Login {
            username,
            password: Password(password),
        })
    }

    /// Starts `AUTHENTICATE` (RFC 9051 §6.2.2) with a SASL client session. When the
    /// capabilities are known the mechanism must be announced (`AUTH=…`); the initial
    /// response goes on the command line when the server announced `SASL-IR` (RFC 4959 §3).
    pub fn authenticate(&mut self, mut session: ClientSession) -> Result<CommandId, ClientError> {
        self.core.check_no_login_pending("AUTHENTICATE")?;
        let mech = session.mechanism();
        if self.core.caps_known && !self.core.has_auth(mech.as_str()) {
            return Err(ClientError::NotAdvertised("sasl mechanism"));
        }
        let mechanism = Atom::new(mech.as_str().to_owned())
            .map_err(|_| ClientError::InvalidArgument("sasl mechanism"))?;
        self.core.check(&classify(&CommandBody::Authenticate {
            mechanism: mechanism.clone(),
            initial_response: None,
        }))?;
        let initial_response = if self.core.config.sasl_initial_response
            && (self.core.has(&Capability::SaslIr) || self.core.has(&Capability::Imap4rev2))
        {
            session.initial_response()
        } else {
            None
        };
        let id = self.core.next_id();
        self.core.sasl = Some((id, session));
        self.core.sasl_error = None;
        self.core.enqueue_with_id(
            id,
            CommandBody::Authenticate {
                mechanism,
                initial_response,
            },
        )
    }

    /// Sends `ENABLE` (RFC 5161 §3.1, RFC 9051 §6.3.1), in the authenticated state.
    pub fn enable(&mut self, capabilities: Vec<Capability<'_>>) -> Result<CommandId, ClientError> {
        let capabilities =
            Vec1::new(capabilities).map_err(|_| ClientError::InvalidArgument("capability list"))?;
        self.core.enqueue(CommandBody::Enable { capabilities })
    }

    /// Sends `SELECT mailbox` (RFC 9051 §6.3.2). With parameters (`CONDSTORE`, `QRESYNC`),
    /// use [`send`](Self::send) with [`CommandBody::Select`].
    pub fn select(&mut self, mailbox: Mailbox<'_>) -> Result<CommandId, ClientError> {
        self.core.enqueue(CommandBody::Select {
            mailbox,
            parameters: Vec::new(),
        })
    }

    /// Sends `EXAMINE mailbox` (RFC 9051 §6.3.3): a read-only select.
    pub fn examine(&mut self, mailbox: Mailbox<'_>) -> Result<CommandId, ClientError> {
        self.core.enqueue(CommandBody::Examine {
            mailbox,
            parameters: Vec::new(),
        })
    }

    /// Sends `IDLE` (RFC 2177, RFC 9051 §6.3.13), announced when the capabilities are known
    /// (`IDLE` or `IMAP4rev2`). Until it completes nothing but [`idle_done`](Self::idle_done)
    /// is accepted.
    pub fn idle(&mut self) -> Result<CommandId, ClientError> {
        if self.core.caps_known
            && !self.core.has(&Capability::Idle)
            && !self.core.has(&Capability::Imap4rev2)
        {
            return Err(ClientError::NotAdvertised("IDLE"));
        }
        let id = self.core.enqueue(CommandBody::Idle)?;
        self.core.idle = Some(IdleState {
            id,
            accepted: false,
            done_requested: false,
            done_sent: false,
        });
        Ok(id)
    }

    /// Ends `IDLE` with `DONE` (RFC 2177 §3): at once when the server has accepted it, else
    /// as soon as its `+` arrives.
    pub fn idle_done(&mut self) -> Result<(), ClientError> {
        let Some(idle) = &mut self.core.idle else {
            return Err(ClientError::InvalidState {
                action: "DONE",
                state: self.state(),
            });
        };
        if idle.accepted && !idle.done_sent {
            idle.done_sent = true;
            self.core.transmit.extend_from_slice(b"DONE\r\n");
        } else {
            idle.done_requested = true;
        }
        Ok(())
    }

    // ----- outputs ------------------------------------------------------------------------

    /// The next event, if any. Processing happens here: each call reads the next response
    /// from the input buffer, updates the state and returns what happened.
    pub fn poll_event(&mut self) -> Option<ClientEvent<'_>> {
        if let Some(e) = self.core.owned.pop_front() {
            return Some(e);
        }
        match self.settle() {
            Pre::Frames => {}
            Pre::Wait => return None,
            Pre::Event(e) => return Some(e),
            Pre::Data(a, b) => return Some(ClientEvent::FetchBodyData(&self.input[a..b])),
        }
        let input = &self.input[..];
        let core = &mut self.core;
        let mut pos = self.start;
        loop {
            if let Some(e) = core.owned.pop_front() {
                self.start = pos;
                return Some(e);
            }
            if matches!(core.state, ClientState::Closed | ClientState::TlsUpgrade)
                || core.stream.is_some()
            {
                self.start = pos;
                return None;
            }
            let buf = &input[pos..];
            if buf.is_empty() {
                self.start = pos;
                return None;
            }
            let status = core.framer.next_frame(buf);
            let frame = match status {
                Err(e) => {
                    core.fail(ClientError::Malformed(e));
                    pos = input.len();
                    continue;
                }
                Ok(Status::Incomplete(_)) => {
                    self.start = pos;
                    return core.try_stream(buf);
                }
                Ok(Status::Complete(frame)) => frame,
            };
            let buf = &buf[..frame.len];
            if frame.literals > 0 {
                if let Some(e) = core.try_stream(buf) {
                    self.start = pos;
                    return Some(e);
                }
            }
            pos += frame.len;
            if let Some(e) = core.handle(buf) {
                self.start = pos;
                return Some(e);
            }
        }
    }

    /// Appends what is ready to be sent to `out` and returns how many bytes were appended.
    pub fn poll_transmit(&mut self, out: &mut Vec<u8>) -> usize {
        self.core.pump();
        let n = self.core.transmit.len();
        out.append(&mut self.core.transmit);
        n
    }

    /// The housekeeping done before reading the next response: drop processed bytes, the
    /// bytes received after a STARTTLS `OK`, and the literal chunks already handed out.
    fn settle(&mut self) -> Pre {
        if self.core.discard_pending {
            self.input.truncate(self.start);
            self.core.discard_pending = false;
        }
        if self.start == self.input.len() && self.core.stream.is_none() {
            self.input.clear();
            self.start = 0;
        }
        let chunk = self.core.config.stream_chunk;
        let base = self.start;
        let Some(st) = &mut self.core.stream else {
            return Pre::Frames;
        };
        if st.out > 0 {
            st.handed += st.out as u64;
            st.dead += st.out;
            st.out = 0;
            let live_from = base + st.data + st.dead;
            if self.input.len().saturating_sub(live_from) <= chunk.saturating_mul(2) {
                self.input.drain(base + st.data..live_from);
                st.dead = 0;
            }
        }
        if st.handed >= st.size {
            let (header, end) = (base + st.header, base + st.data + st.dead);
            self.input.splice(header..end, b"\"\"".iter().copied());
            let ev = ClientEvent::FetchBodyEnd {
                command: st.command,
                seq: st.seq,
                size: st.size,
            };
            self.core.stream = None;
            self.core.framer.reset();
            return Pre::Event(ev);
        }
        let from = base + st.data + st.dead;
        let avail = self.input.len().saturating_sub(from);
        if avail == 0 {
            return Pre::Wait;
        }
        let left = usize::try_from(st.size - st.handed).unwrap_or(usize::MAX);
        let n = avail.min(chunk).min(left);
        st.out = n;
        Pre::Data(from, from + n)
    }
}

impl Core {
    fn state(&self) -> ClientState {
        match self.state {
            ClientState::Closed | ClientState::TlsUpgrade | ClientState::Greeting => self.state,
            _ if self.closing => ClientState::Logout,
            _ if self.idle.is_some() => ClientState::Idle,
            s => s,
        }
    }

    fn has(&self, cap: &Capability<'_>) -> bool {
        self.caps.iter().any(|c| c == cap)
    }

    fn has_auth(&self, mech: &str) -> bool {
        self.caps
            .iter()
            .any(|c| matches!(c, Capability::Auth(a) if a.eq_ignore_ascii_case(mech)))
    }

    fn any_pending(&self, kind: Kind) -> bool {
        self.inflight.iter().any(|p| p.kind == kind)
            || self.queue.iter().any(|q| q.pending.kind == kind)
    }

    /// A login (or STARTTLS) must not be queued behind a login that may change the state.
    fn check_no_login_pending(&self, action: &'static str) -> Result<(), ClientError> {
        if self.sasl.is_some()
            || self.any_pending(Kind::Login)
            || self.any_pending(Kind::Authenticate)
        {
            return Err(ClientError::InvalidState {
                action,
                state: self.state(),
            });
        }
        Ok(())
    }

    fn next_id(&mut self) -> CommandId {
        let id = CommandId(self.next_tag);
        self.next_tag += 1;
        id
    }

    fn set_caps(&mut self, caps: &[Capability<'_>]) {
        self.caps = caps.iter().cloned().map(Capability::into_owned).collect();
        self.caps_known = true;
    }

    fn check(&self, class: &Class) -> Result<(), ClientError> {
        let state = self.state();
        let ok = match state {
            ClientState::NotAuthenticated => matches!(class.gate, Gate::Any | Gate::NotAuth),
            ClientState::Authenticated => {
                matches!(class.gate, Gate::Any | Gate::Auth | Gate::AuthOnly)
            }
            ClientState::Selected { .. } => {
                matches!(class.gate, Gate::Any | Gate::Auth | Gate::Selected)
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(ClientError::InvalidState {
                action: class.name,
                state,
            })
        }
    }

    fn encode_options(&self) -> EncodeOptions {
        let literals = if !self.config.non_sync_literals {
            LiteralPolicy::Sync
        } else if self.has(&Capability::LiteralPlus) {
            LiteralPolicy::LiteralPlus
        } else if self.has(&Capability::LiteralMinus) || self.has(&Capability::Imap4rev2) {
            LiteralPolicy::LiteralMinus
        } else {
            LiteralPolicy::Sync
        };
        let utf8 = self
            .enabled
            .iter()
            .any(|c| matches!(c, Capability::Utf8Accept | Capability::Imap4rev2));
        EncodeOptions::new(literals, utf8)
    }

    fn enqueue(&mut self, body: CommandBody<'_>) -> Result<CommandId, ClientError> {
        self.check(&classify(&body))?;
        let id = self.next_id();
        self.enqueue_with_id(id, body)
    }

    fn enqueue_with_id(
        &mut self,
        id: CommandId,
        body: CommandBody<'_>,
    ) -> Result<CommandId, ClientError> {
        let class = classify(&body);
        self.check(&class)?;
        let tag_text = format!("{}{}", self.config.tag_prefix, id.0);
        let tag = Tag::new(tag_text.clone()).map_err(|_| ClientError::InvalidArgument("tag"))?;
        let select = match &body {
            CommandBody::Select {
                mailbox,
                parameters,
            }
            | CommandBody::Examine {
                mailbox,
                parameters,
            } => {
                // CONDSTORE and QRESYNC enable CONDSTORE (RFC 7162 §3.1, §3.2.5); other
                // parameters (RFC 4466 §2.1) do not.
                if parameters.iter().any(|p| {
                    matches!(
                        p,
                        crate::types::SelectParameter::CondStore
                            | crate::types::SelectParameter::QResync(_)
                    )
                }) {
                    self.condstore = true;
                }
                let read_only = matches!(body, CommandBody::Examine { .. });
                Some(MailboxView::new(mailbox.clone().into_owned(), read_only))
            }
            _ => None,
        };
        if let CommandBody::Fetch { modifiers, .. } = &body {
            if modifiers
                .iter()
                .any(|m| matches!(m, FetchModifier::ChangedSince(_)))
            {
                self.condstore = true;
            }
        }
        let mut e = Encoder::with_options(self.encode_options());
        Command::new(tag, body).encode(&mut e);
        let mut segs = Vec::new();
        let mut end = 0;
        let mut wait = false;
        for f in e.fragments() {
            if let Fragment::Literal {
                mode: crate::types::LiteralMode::Sync,
                ..
            } = f
            {
                segs.push((end, wait));
                wait = true;
            }
            end += f.as_bytes().len();
        }
        segs.push((end, wait));
        segs.retain(|&(end, _)| end > 0);
        self.queue.push_back(Queued {
            pending: Pending {
                id,
                tag: tag_text,
                kind: class.kind,
                barrier: class.barrier,
                seq_safe: class.seq_safe,
            },
            seq: class.seq,
            saved: class.saved,
            bytes: e.into_vec(),
            segs,
            select,
        });
        self.pump();
        Ok(id)
    }

    /// Writes what can be written: the rest of the command being sent, then the queued
    /// commands that may start now.
    fn pump(&mut self) {
        if matches!(
            self.state,
            ClientState::Greeting | ClientState::TlsUpgrade | ClientState::Closed
        ) {
            return;
        }
        loop {
            if let Some(s) = &mut self.sending {
                while s.next < s.segs.len() {
                    let (end, wait) = s.segs[s.next];
                    if wait && !s.plus {
                        self.awaiting_plus = true;
                        return;
                    }
                    s.plus = false;
                    let start = if s.next == 0 { 0 } else { s.segs[s.next - 1].0 };
                    self.transmit.extend_from_slice(&s.bytes[start..end]);
                    s.next += 1;
                }
                self.sending = None;
                self.awaiting_plus = false;
            }
            let Some(q) = self.queue.front() else {
                return;
            };
            if !self.can_start(q) {
                return;
            }
            let Some(q) = self.queue.pop_front() else {
                return;
            };
            if q.select.is_some() {
                self.selecting = q.select;
            }
            let id = q.pending.id;
            self.inflight.push(q.pending);
            self.sending = Some(Sending {
                id,
                bytes: q.bytes,
                segs: q.segs,
                next: 0,
                plus: false,
            });
        }
    }

    /// RFC 9051 §5.5: whether `q` may be written with the commands in flight.
    fn can_start(&self, q: &Queued) -> bool {
        if self.inflight.is_empty() {
            return true;
        }
        if !self.config.pipelining || q.pending.barrier {
            return false;
        }
        if self.inflight.iter().any(|p| p.barrier) {
            return false;
        }
        if q.seq && self.inflight.iter().any(|p| !p.seq_safe) {
            return false;
        }
        if q.saved && self.inflight.iter().any(|p| p.kind == Kind::Search) {
            return false;
        }
        true
    }

    /// Fails the session.
    fn fail(&mut self, e: ClientError) {
        self.owned.push_back(ClientEvent::Error(e));
        self.close();
    }

    fn close(&mut self) {
        if self.state != ClientState::Closed {
            self.state = ClientState::Closed;
            self.owned.push_back(ClientEvent::Closed);
        }
        self.queue.clear();
        self.sending = None;
        self.stream = None;
    }

    fn view(&mut self) -> Option<&mut MailboxView> {
        if self.selecting.is_some() {
            self.selecting.as_mut()
        } else {
            self.mailbox.as_mut()
        }
    }

    /// One complete response.
    fn handle<'a>(&mut self, frame: &'a [u8]) -> Option<ClientEvent<'a>> {
        let error = match parse_response(frame, &self.config.parse) {
            Ok(Status::Complete((resp, _))) => Ok(resp),
            Ok(Status::Incomplete(_)) => Err(ParseError::new(
                frame.len(),
                ParseErrorKind::Expected("complete response"),
            )),
            Err(e) => Err(e),
        };
        let resp = match error {
            Ok(resp) => resp,
            Err(e) if self.state == ClientState::Greeting => {
                self.fail(ClientError::Malformed(e));
                return None;
            }
            Err(e) => return Some(ClientEvent::Error(ClientError::Malformed(e))),
        };
        if self.state == ClientState::Greeting {
            return self.on_greeting(resp);
        }
        match resp {
            Response::Continue(text) => {
                self.on_continue(&text);
                None
            }
            Response::Tagged(t) => Some(self.on_tagged(t)),
            Response::Untagged(u) => Some(self.on_untagged(u)),
        }
    }

    fn on_greeting<'a>(&mut self, resp: Response<'a>) -> Option<ClientEvent<'a>> {
        let Response::Untagged(UntaggedResponse::Status { condition, text }) = resp else {
            self.fail(ClientError::UnexpectedResponse);
            return None;
        };
        match condition {
            Condition::Ok => self.state = ClientState::NotAuthenticated,
            Condition::PreAuth => self.state = ClientState::Authenticated,
            Condition::Bye => self.close(),
            Condition::No | Condition::Bad => {
                self.fail(ClientError::UnexpectedResponse);
                return None;
            }
        }
        if let Some(ResponseCode::Capability(c)) = text.code() {
            self.set_caps(c);
        }
        self.pump();
        Some(ClientEvent::Greeting { condition, text })
    }

    fn on_continue(&mut self, text: &RespText<'_>) {
        if self.awaiting_plus {
            if let Some(s) = &mut self.sending {
                self.awaiting_plus = false;
                s.plus = true;
                self.pump();
                return;
            }
        }
        let sending_done = self.sending.is_none();
        if let Some((id, session)) = &mut self.sasl {
            if sending_done && self.inflight.iter().any(|p| p.id == *id) {
                let step = framing::decode_challenge(text.text().as_bytes())
                    .and_then(|c| session.step(&c));
                match step {
                    Ok(r) => {
                        let line = framing::encode_response(r.as_bytes());
                        self.transmit.extend_from_slice(line.as_bytes());
                    }
                    Err(e) => {
                        self.sasl_error = Some(e);
                        self.transmit.extend_from_slice(framing::CANCEL.as_bytes());
                    }
                }
                self.transmit.extend_from_slice(b"\r\n");
                return;
            }
        }
        if let Some(idle) = &mut self.idle {
            if sending_done && !idle.accepted && self.inflight.iter().any(|p| p.id == idle.id) {
                idle.accepted = true;
                self.owned
                    .push_back(ClientEvent::Idling { command: idle.id });
                if idle.done_requested && !idle.done_sent {
                    idle.done_sent = true;
                    self.transmit.extend_from_slice(b"DONE\r\n");
                }
                return;
            }
        }
        self.owned
            .push_back(ClientEvent::Error(ClientError::UnexpectedContinuation));
    }

    fn on_tagged<'a>(&mut self, t: TaggedResponse<'a>) -> ClientEvent<'a> {
        let Some(i) = self
            .inflight
            .iter()
            .position(|p| p.tag.as_bytes() == t.tag.as_str().as_bytes())
        else {
            return ClientEvent::Error(ClientError::UnexpectedTag);
        };
        let p = self.inflight.remove(i);
        if self.sending.as_ref().is_some_and(|s| s.id == p.id) {
            // A NO/BAD instead of `+`: the rest of the command is abandoned.
            self.sending = None;
            self.awaiting_plus = false;
        }
        let (code, text) = t.text.into_parts();
        let ok = t.state == State::Ok;
        if ok {
            if let Some(ResponseCode::Capability(c)) = &code {
                self.set_caps(c);
            }
        }
        match p.kind {
            Kind::Login | Kind::Authenticate => {
                let session = match self.sasl.take() {
                    Some((id, s)) if id == p.id => Some(s),
                    other => {
                        self.sasl = other;
                        None
                    }
                };
                let sasl_error = self.sasl_error.take();
                if ok {
                    match session.map(|mut s| s.finish(None)) {
                        Some(Err(e)) => {
                            self.owned
                                .push_back(ClientEvent::Error(ClientError::Sasl(e)));
                            self.close();
                        }
                        _ => self.state = ClientState::Authenticated,
                    }
                } else if let Some(e) = sasl_error {
                    self.owned
                        .push_back(ClientEvent::Error(ClientError::Sasl(e)));
                }
            }
            Kind::StartTls if ok => {
                self.state = ClientState::TlsUpgrade;
                self.discard_pending = true;
                self.owned.push_back(ClientEvent::StartTls);
            }
            Kind::Select => {
                let view = self.selecting.take();
                match t.state {
                    State::Ok => {
                        if let Some(mut v) = view {
                            match code {
                                Some(ResponseCode::ReadOnly) => v.read_only = true,
                                Some(ResponseCode::ReadWrite) => v.read_only = false,
                                _ => {}
                            }
                            self.state = ClientState::Selected {
                                read_only: v.read_only,
                            };
                            self.mailbox = Some(v);
                        }
                    }
                    State::No => {
                        self.mailbox = None;
                        self.state = ClientState::Authenticated;
                    }
                    State::Bad => {}
                }
            }
            Kind::Leave if ok => {
                self.mailbox = None;
                self.state = ClientState::Authenticated;
            }
            Kind::Idle => self.idle = None,
            Kind::Logout => self.close(),
            Kind::Unauthenticate if ok => {
                self.mailbox = None;
                self.state = ClientState::NotAuthenticated;
            }
            _ => {}
        }
        if ok {
            if let (Some(ResponseCode::HighestModSeq(n)), Some(v)) = (&code, self.mailbox.as_mut())
            {
                v.highest_modseq = Some(v.highest_modseq.unwrap_or(0).max(n.get()));
            }
        }
        self.pump();
        ClientEvent::Done {
            command: p.id,
            status: t.state,
            code,
            text,
        }
    }

    fn apply_code(&mut self, code: &ResponseCode<'_>) {
        if let ResponseCode::Capability(c) = code {
            self.set_caps(c);
            return;
        }
        if let ResponseCode::Closed = code {
            // RFC 7162 §3.2.11: the previous mailbox is closed; what follows is the new one's.
            self.mailbox = None;
            if let Some(v) = &mut self.selecting {
                *v = MailboxView::new(v.name.clone(), v.read_only);
            }
            return;
        }
        let Some(v) = self.view() else {
            return;
        };
        match code {
            ResponseCode::UidValidity(n) => v.uid_validity = Some(*n),
            ResponseCode::UidNext(n) => v.uid_next = Some(*n),
            ResponseCode::HighestModSeq(n) => {
                v.highest_modseq = Some(n.get());
                v.no_modseq = false;
            }
            ResponseCode::NoModSeq => {
                v.no_modseq = true;
                v.highest_modseq = None;
            }
            ResponseCode::PermanentFlags(f) => {
                v.permanent_flags = Some(f.iter().cloned().map(FlagPerm::into_owned).collect());
            }
            ResponseCode::Unseen(n) => v.unseen = Some(*n),
            ResponseCode::ReadOnly => v.read_only = true,
            ResponseCode::ReadWrite => v.read_only = false,
            _ => {}
        }
    }

    fn on_untagged<'a>(&mut self, u: UntaggedResponse<'a>) -> ClientEvent<'a> {
        use UntaggedResponse as U;
        let condstore = self.condstore
            || self
                .enabled
                .iter()
                .any(|c| matches!(c, Capability::CondStore | Capability::QResync));
        match &u {
            U::Status { condition, text } => {
                if let Some(code) = text.code() {
                    self.apply_code(code);
                }
                if *condition == Condition::Bye
                    && !self.inflight.iter().any(|p| p.kind == Kind::Logout)
                {
                    self.close();
                }
                return ClientEvent::Untagged(u);
            }
            U::Capability(c) => self.set_caps(c),
            U::Enabled(c) => {
                for cap in c {
                    if !self.enabled.contains(cap) {
                        self.enabled.push(cap.clone().into_owned());
                    }
                }
            }
            U::Exists(n) => {
                if let Some(v) = self.view() {
                    v.exists = *n;
                }
            }
            U::Recent(n) => {
                if let Some(v) = self.view() {
                    v.recent = Some(*n);
                }
            }
            U::Expunge(_) => {
                if let Some(v) = self.view() {
                    v.exists = v.exists.saturating_sub(1);
                }
            }
            U::Vanished {
                earlier: false,
                uids,
            } => {
                let gone: u64 = uids
                    .to_ranges(u32::MAX)
                    .iter()
                    .map(|r| u64::from(r.end() - r.start()) + 1)
                    .sum();
                if let Some(v) = self.view() {
                    v.exists = u32::try_from(u64::from(v.exists).saturating_sub(gone)).unwrap_or(0);
                }
            }
            U::Flags(f) => {
                let flags = f.iter().cloned().map(FlagFetch::into_owned).collect();
                if let Some(v) = self.view() {
                    v.flags = flags;
                }
            }
            U::Fetch { items, .. } if condstore => {
                let m = items.iter().find_map(|i| match i {
                    FetchData::ModSeq(m) => Some(m.get()),
                    _ => None,
                });
                if let (Some(m), Some(v)) = (m, self.view()) {
                    v.highest_modseq = Some(v.highest_modseq.unwrap_or(0).max(m));
                }
            }
            _ => {}
        }
        match self.route(&u) {
            Some(command) => ClientEvent::Data {
                command,
                response: u,
            },
            None => ClientEvent::Untagged(u),
        }
    }

    /// The command in flight an untagged response answers.
    fn route(&self, u: &UntaggedResponse<'_>) -> Option<CommandId> {
        if let UntaggedResponse::Esearch(e) = u {
            if let Some(tag) = &e.tag {
                let tag = tag.as_bytes();
                return self
                    .inflight
                    .iter()
                    .find(|p| p.tag.as_bytes() == tag)
                    .map(|p| p.id);
            }
        }
        self.inflight
            .iter()
            .find(|p| accepts(p.kind, u))
            .map(|p| p.id)
    }

    /// Whether a literal after `prefix` is the value of a FETCH body item (`BODY[…]`,
    /// `BINARY[…]`, `RFC822…`) at the top level of a FETCH response: the prefix, closed with
    /// `"")`, must parse as one whose last item is such an item.
    fn streamable(&self, prefix: &[u8]) -> Option<(NonZeroU32, FetchData<'static>)> {
        let mut probe = Vec::with_capacity(prefix.len() + 5);
        probe.extend_from_slice(prefix);
        probe.extend_from_slice(b"\"\")\r\n");
        let Ok(Status::Complete((Response::Untagged(UntaggedResponse::Fetch { seq, items }), n))) =
            parse_response(&probe, &self.config.parse)
        else {
            return None;
        };
        let item = items.into_iter().last()?;
        let body = matches!(
            item,
            FetchData::BodySection { .. }
                | FetchData::Binary { .. }
                | FetchData::Rfc822(_)
                | FetchData::Rfc822Header(_)
                | FetchData::Rfc822Text(_)
        );
        (body && n == probe.len()).then(|| (seq, item.into_owned()))
    }

    /// Starts streaming the first large enough FETCH body literal of the response at the
    /// start of `buf` (complete or not), if there is one whose header line is complete.
    fn try_stream(&mut self, buf: &[u8]) -> Option<ClientEvent<'static>> {
        let threshold = self.config.stream_threshold?;
        if self.state == ClientState::Greeting || !buf.starts_with(b"* ") {
            return None;
        }
        let (seq, item, header, data, size) =
            big_literals(buf, threshold)
                .into_iter()
                .find_map(|(header, data, size)| {
                    let (seq, item) = self.streamable(&buf[..header])?;
                    Some((seq, item, header, data, size))
                })?;
        let command = self
            .inflight
            .iter()
            .find(|p| matches!(p.kind, Kind::Fetch | Kind::Store))
            .map(|p| p.id);
        self.framer.reset();
        self.stream = Some(Stream {
            command,
            seq,
            header,
            data,
            size,
            handed: 0,
            dead: 0,
            out: 0,
        });
        Some(ClientEvent::FetchBodyStart {
            command,
            seq,
            item,
            size,
        })
    }
}

/// The literals of at least `threshold` octets in the message at the start of `buf` whose
/// header line is complete: (header offset, data offset, size).
fn big_literals(buf: &[u8], threshold: u64) -> Vec<(usize, usize, u64)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(lf) = buf
        .get(pos..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map(|i| pos + i)
    {
        let end = if lf > pos && buf[lf - 1] == b'\r' {
            lf - 1
        } else {
            lf
        };
        let Some((off, size)) = literal_at_end(&buf[pos..end]) else {
            break;
        };
        let data = lf + 1;
        if size >= threshold {
            found.push((pos + off, data, size));
        }
        match usize::try_from(size).ok().and_then(|s| data.checked_add(s)) {
            Some(next) if next < buf.len() => pos = next,
            _ => break,
        }
    }
    found
}

/// The literal header (`{n}`, `{n+}`, `~{n}`) ending `line`: its offset and size.
fn literal_at_end(line: &[u8]) -> Option<(usize, u64)> {
    let rest = line.strip_suffix(b"}")?;
    let rest = rest.strip_suffix(b"+").unwrap_or(rest);
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let open = rest.len() - digits;
    if open == 0 || rest[open - 1] != b'{' {
        return None;
    }
    let size: u64 = std::str::from_utf8(&rest[open..]).ok()?.parse().ok()?;
    let mut off = open - 1;
    if off > 0 && rest[off - 1] == b'~' {
        off -= 1;
    }
    Some((off, size))
}
