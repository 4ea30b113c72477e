//! The client state machine: greeting, EHLO/LHLO (with HELO fallback), STARTTLS, AUTH, the
//! (pipelined) envelope, and the message data with `DATA` or `BDAT`.
//!
//! [`Client`] is sans-IO, in the style of `quinn-proto`: the caller feeds what the server sent to
//! [`Client::receive`], takes what happened from [`Client::poll_event`], calls actions
//! ([`Client::send_mail`], [`Client::send_data`], …) and writes what
//! [`Client::poll_transmit`] gives to the connection. No clocks: the timeouts of RFC 5321
//! §4.5.3.2 are the caller's (see [`timeouts`]).
//!
//! # Behaviour
//!
//! - Greeting (RFC 5321 §3.1, §4.3.2): on 220 the client sends `EHLO` (`LHLO` in LMTP,
//!   RFC 2033 §4.1) with [`ClientConfig::domain`]; a 554 greeting gives
//!   [`ClientEvent::ServiceUnavailable`], queues `QUIT` and closes. A 421 at any time
//!   (§3.8) does the same without `QUIT`.
//! - `EHLO` refused with 5xx: `HELO` (§3.2, §4.1.4), whose success gives no capabilities; not in
//!   LMTP. The capabilities are parsed with [`EhloReply::from_reply`].
//! - STARTTLS (RFC 3207): only when advertised; after the 220 every received byte is discarded
//!   until [`Client::tls_established`], which re-sends `EHLO` and replaces the capabilities.
//! - AUTH (RFC 4954): the mechanism must be advertised; 334 challenges are decoded and given to
//!   the [`ClientSession`]; a local SASL error cancels with `*`; on 235 the session's `finish`
//!   must succeed (SCRAM: the server signature was verified) or the session is closed with
//!   [`ClientError::Sasl`].
//! - Transactions (§3.3, RFC 2920): see [`Client::send_mail`]. Replies are matched in order to
//!   the commands in flight. A refused `MAIL`, no accepted recipient, or a refused `DATA`/`BDAT`
//!   ends the transaction with [`ClientEvent::TransactionAborted`] (queued commands of the
//!   transaction are dropped, `RSET` is sent when the server still holds it); a pipelined
//!   `DATA` answered 354 with no valid recipient gets the end-of-data line at once
//!   (RFC 2920 §3.1).
//! - Envelope parameters (see [`Envelope`]): each is sent only when its extension is
//!   advertised, otherwise the envelope is refused with [`ClientError::NotAdvertised`]; a relay
//!   may have DSN parameters dropped instead ([`ClientConfig::drop_unsupported_dsn`],
//!   RFC 3461 §4).
//! - Data: `DATA` with dot-stuffing ([`Stuffer`], line ends normalized by default) or `BDAT`
//!   (RFC 3030) when `CHUNKING` is advertised, one chunk per [`Client::send_data`] call; the
//!   last piece given with [`Client::send_final_data`] goes as `BDAT n LAST`, and
//!   [`Client::finish_data`] ends with `BDAT 0 LAST`. In LMTP one reply per accepted
//!   recipient (RFC 2033 §4.2).
//! - Commands outside a transaction: [`Client::noop`], [`Client::rset`], [`Client::vrfy`],
//!   [`Client::expn`], [`Client::help`], when idle; the reply is a [`ClientEvent::Reply`].
//! - Line length: no command line longer than [`ClientConfig::max_line_len`] (512,
//!   RFC 5321 §4.5.3.1.4) plus the [`line_allowance`]s of the extensions a `MAIL`/`RCPT` line
//!   uses is sent ([`ClientError::LineTooLong`]).
//! - Memory: input bounded by [`ClientConfig::max_input`], pending output by
//!   [`ClientConfig::max_output`] (plus the envelope's commands), unacknowledged pipelined
//!   commands by [`ClientConfig::pipeline_window`].
//!
//! # A session
//!
//! ```
//! use smtp_proto::client::{Client, ClientConfig, ClientEvent, Envelope};
//! use smtp_proto::types::*;
//!
//! let mut client = Client::new(ClientConfig::new(Domain::name("client.example")?));
//! let mut out = Vec::new();
//! client.receive(b"220 mx.example ESMTP\r\n");
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"EHLO client.example\r\n");
//! client.receive(b"250-mx.example\r\n250 PIPELINING\r\n");
//! assert!(matches!(client.poll_event(), Some(ClientEvent::Ready { .. })));
//!
//! let mbox = |s: &str| -> Result<Mailbox<'static>, CommandValueError> {
//!     let (l, d) = s.split_once('@').unwrap();
//!     Ok(Mailbox::new(LocalPart::from_unquoted(l)?, Domain::name(d.to_owned())?))
//! };
//! let envelope = Envelope::new(
//!     ReversePath::Mailbox(mbox("a@client.example")?),
//!     vec![ForwardPath::Mailbox(mbox("b@mx.example")?)],
//! );
//! client.send_mail(envelope).unwrap();
//! out.clear();
//! client.poll_transmit(&mut out);
//! // PIPELINING: one group (RFC 2920 §3.1).
//! assert_eq!(out, b"MAIL FROM:<a@client.example>\r\nRCPT TO:<b@mx.example>\r\nDATA\r\n");
//! client.receive(b"250 OK\r\n250 OK\r\n354 go\r\n");
//! assert!(matches!(client.poll_event(), Some(ClientEvent::Recipient { index: 0, .. })));
//! assert_eq!(client.poll_event(), Some(ClientEvent::DataReady));
//! client.send_data(b"Subject: hi\r\n\r\n.dot\r\n").unwrap();
//! client.finish_data().unwrap();
//! out.clear();
//! client.poll_transmit(&mut out);
//! assert_eq!(out, b"Subject: hi\r\n\r\n..dot\r\n.\r\n");
//! client.receive(b"250 queued\r\n");
//! assert!(matches!(client.poll_event(), Some(ClientEvent::MessageAccepted { .. })));
//! # Ok::<(), CommandValueError>(())
//! ```

use std::collections::VecDeque;
use std::fmt;

use mail_sasl::ClientSession;
use mail_sasl::dot::{LineEndings, StuffError, Stuffer};
use mail_sasl::framing;

use crate::parse::{ParseError, ReplyConfig, Status, parse_reply};
use crate::types::{
    Body, By, ByMode, Capabilities, Capability, Command, Domain, EhloReply, ForwardPath, Hold,
    InitialResponse, MailParams, MtPriority, Notify, Orcpt, RcptParams, Reply, ReplyCode, Ret,
    ReversePath, SaslMechanism, Text, XText,
};

/// The timeouts RFC 5321 §4.5.3.2 recommends, in seconds, for the caller to apply (the machine
/// has no clock).
pub mod timeouts {
    /// Waiting for the greeting (§4.5.3.2.1): 5 minutes.
    pub const GREETING: u64 = 5 * 60;
    /// `MAIL` reply (§4.5.3.2.2): 5 minutes.
    pub const MAIL: u64 = 5 * 60;
    /// `RCPT` reply (§4.5.3.2.3): 5 minutes.
    pub const RCPT: u64 = 5 * 60;
    /// `DATA` initiation, the 354 reply (§4.5.3.2.4): 2 minutes.
    pub const DATA_INIT: u64 = 2 * 60;
    /// Each data block sent (§4.5.3.2.5): 3 minutes.
    pub const DATA_BLOCK: u64 = 3 * 60;
    /// The reply to the end of data (§4.5.3.2.6): 10 minutes.
    pub const DATA_TERMINATION: u64 = 10 * 60;
}

/// How much longer than [`ClientConfig::max_line_len`] a `MAIL` or `RCPT` line may be when it
/// carries an extension's parameters: each extension raises the limit by its allowance when
/// its parameters are on the line (RFC 5321 §4.5.3.1.4: "SMTP extensions may be used to
/// increase this limit").
pub mod line_allowance {
    /// `SIZE=` on `MAIL`: "the maximum length of a MAIL FROM command line is increased by 26
    /// characters by the possible addition of the SIZE keyword and value" (RFC 1870 §3 (5)).
    pub const SIZE: usize = 26;
    /// `SMTPUTF8` on `MAIL`: "the maximum length of a MAIL command line is increased by 10
    /// characters to accommodate the possible addition of the SMTPUTF8 parameter" (RFC 6531
    /// §3.1 item 5).
    pub const SMTPUTF8: usize = 10;
    /// `RET=` and `ENVID=` on `MAIL` (RFC 3461 §2: 100 characters).
    pub const DSN_MAIL: usize = 100;
    /// `NOTIFY=` and `ORCPT=` on `RCPT` (RFC 3461 §2: 500 characters).
    pub const DSN_RCPT: usize = 500;
}

/// The configuration of a [`Client`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientConfig {
    /// The domain (or address literal) sent with `EHLO`/`HELO`/`LHLO` (RFC 5321 §4.1.1.1).
    pub domain: Domain<'static>,
    /// LMTP (RFC 2033): `LHLO`, no `HELO` fallback, one reply per accepted recipient after the
    /// data. Default `false`.
    pub lmtp: bool,
    /// How replies are parsed (tolerances). Default [`ReplyConfig::default`].
    pub reply: ReplyConfig,
    /// How many received bytes are buffered while a reply is incomplete; a reply that does not
    /// fit is an error ([`ClientError::ReplyTooLarge`]). Default 64 KiB.
    pub max_input: usize,
    /// How many bytes of pipelined commands may be unacknowledged (RFC 2920 §3.1 deadlock
    /// avoidance); a bigger group is split. Default 4096. At least one command is always sent.
    pub pipeline_window: usize,
    /// How many output bytes (transmit buffer plus queued `BDAT` chunks) may be pending before
    /// [`Client::send_data`] accepts less than it is given. Default 64 KiB.
    pub max_output: usize,
    /// How the `DATA` stuffer treats bare CR and LF. Default [`LineEndings::Normalize`].
    pub line_endings: LineEndings,
    /// Use `BDAT` (RFC 3030) when `CHUNKING` is advertised. Default `true`. `BINARYMIME` always
    /// uses `BDAT`.
    pub prefer_chunking: bool,
    /// Longest command line the client sends, CRLF included: 512 (RFC 5321 §4.5.3.1.4). `MAIL`
    /// and `RCPT` lines may be longer by the [`line_allowance`]s of the extensions whose
    /// parameters they carry. A longer command is refused with [`ClientError::LineTooLong`].
    pub max_line_len: usize,
    /// Drop the DSN parameters (`RET`, `ENVID`, `NOTIFY`, `ORCPT`, RFC 3461) when the server
    /// does not advertise `DSN`, instead of refusing the envelope with
    /// [`ClientError::NotAdvertised`]. RFC 3461 §4 lets a relay do so: it then relays the
    /// message without them and issues the "relayed" DSNs itself where `NOTIFY=SUCCESS` asked
    /// for them, which is the caller's part. No other extension's parameters are ever dropped:
    /// `REQUIRETLS`, `MT-PRIORITY`, `HOLDFOR`/`HOLDUNTIL` and `BY` change what the server must
    /// do with the message. Default `false`.
    pub drop_unsupported_dsn: bool,
}

impl ClientConfig {
    /// The defaults, with the domain to greet with.
    pub fn new(domain: Domain<'static>) -> Self {
        Self {
            domain,
            lmtp: false,
            reply: ReplyConfig::default(),
            max_input: 64 * 1024,
            pipeline_window: 4096,
            max_output: 64 * 1024,
            line_endings: LineEndings::Normalize,
            prefer_chunking: true,
            max_line_len: mail_sasl::line::SMTP_COMMAND_LINE_MAX,
            drop_unsupported_dsn: false,
        }
    }

    /// The same configuration in LMTP mode (RFC 2033).
    pub fn lmtp(mut self) -> Self {
        self.lmtp = true;
        self
    }
}

/// One recipient of an [`Envelope`]: the forward path and its DSN parameters (RFC 3461 §4.1,
/// §4.2), sent only when the server advertises `DSN` (see
/// [`ClientConfig::drop_unsupported_dsn`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Recipient {
    /// `RCPT TO:`.
    pub path: ForwardPath<'static>,
    /// `NOTIFY=`: when to send a DSN for this recipient (RFC 3461 §4.1).
    pub notify: Option<Notify>,
    /// `ORCPT=`: the original recipient, for the DSN (RFC 3461 §4.2).
    pub orcpt: Option<Orcpt<'static>>,
}

impl Recipient {
    /// A recipient without DSN parameters.
    pub fn new(path: ForwardPath<'static>) -> Self {
        Self {
            path,
            notify: None,
            orcpt: None,
        }
    }

    /// The same recipient with `NOTIFY=`.
    pub fn with_notify(mut self, notify: Notify) -> Self {
        self.notify = Some(notify);
        self
    }

    /// The same recipient with `ORCPT=`.
    pub fn with_orcpt(mut self, orcpt: Orcpt<'static>) -> Self {
        self.orcpt = Some(orcpt);
        self
    }

    fn has_dsn(&self) -> bool {
        self.notify.is_some() || self.orcpt.is_some()
    }
}

impl From<ForwardPath<'static>> for Recipient {
    fn from(path: ForwardPath<'static>) -> Self {
        Recipient::new(path)
    }
}

/// What a mail transaction carries besides the message (RFC 5321 §3.3).
///
/// Each parameter is sent only when the server advertises its extension; otherwise
/// [`Client::send_mail`] refuses the envelope with [`ClientError::NotAdvertised`] (never
/// silently sending an unadvertised extension), except `SIZE`, which is informational and left
/// out, `AUTH=`, which a relay omits towards a server without `AUTH` (RFC 4954 §5), and the DSN
/// parameters with [`ClientConfig::drop_unsupported_dsn`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Envelope {
    /// `MAIL FROM:`.
    pub from: ReversePath<'static>,
    /// `RCPT TO:` with the per-recipient parameters, in order; event indices refer to this
    /// list.
    pub to: Vec<Recipient>,
    /// The message size, sent as `SIZE=` when `SIZE` is advertised (RFC 1870 §6) and checked
    /// against the announced limit.
    pub size: Option<u64>,
    /// The body type: `8BITMIME` (RFC 6152) or `BINARYMIME` (RFC 3030) must be advertised.
    pub body: Option<Body>,
    /// The message needs `SMTPUTF8` (RFC 6531 §3.4) even if the addresses are ASCII (UTF-8
    /// headers). Addresses that are not ASCII always need it.
    pub smtputf8: bool,
    /// `RET=`: whether a DSN returns the whole message or its headers (RFC 3461 §4.3);
    /// needs `DSN`.
    pub ret: Option<Ret>,
    /// `ENVID=`: the envelope identifier returned in DSNs (RFC 3461 §4.4); needs `DSN`.
    pub envid: Option<XText<'static>>,
    /// `REQUIRETLS` (RFC 8689 §4): the message must only travel over TLS. Needs the
    /// extension advertised and a TLS session ([`ClientError::TlsRequired`]).
    pub requiretls: bool,
    /// `MT-PRIORITY=` (RFC 6710); needs `MT-PRIORITY`.
    pub mt_priority: Option<MtPriority>,
    /// `HOLDFOR=`/`HOLDUNTIL=` (RFC 4865); needs `FUTURERELEASE`.
    pub hold: Option<Hold<'static>>,
    /// `BY=` (RFC 2852); needs `DELIVERBY`.
    pub by: Option<By>,
    /// `AUTH=` (RFC 4954 §5): the authorized submitter of the message, `<>` when it is not
    /// known or not trusted. Sent only when the server announced `AUTH`: the parameter
    /// belongs to that extension, and a relay omits it towards a server without it (§5).
    pub auth: Option<XText<'static>>,
}

impl Envelope {
    /// An envelope with no size, no body type, no `SMTPUTF8` requirement and no extension
    /// parameters.
    pub fn new(from: ReversePath<'static>, to: Vec<ForwardPath<'static>>) -> Self {
        Self::with_recipients(from, to.into_iter().map(Recipient::new).collect())
    }

    /// An envelope with per-recipient parameters ([`Recipient`]).
    pub fn with_recipients(from: ReversePath<'static>, to: Vec<Recipient>) -> Self {
        Self {
            from,
            to,
            size: None,
            body: None,
            smtputf8: false,
            ret: None,
            envid: None,
            requiretls: false,
            mt_priority: None,
            hold: None,
            by: None,
            auth: None,
        }
    }
}

/// Where a [`Client`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientState {
    /// Waiting for the greeting (RFC 5321 §3.1).
    Greeting,
    /// `EHLO`/`HELO`/`LHLO` sent.
    Hello,
    /// Idle: a transaction, `STARTTLS`, `AUTH`, `RSET`, `NOOP`, `VRFY`, `EXPN`, `HELP` or
    /// `QUIT` may start.
    Ready,
    /// `STARTTLS` sent (RFC 3207 §4).
    StartTls,
    /// The server said 220 to `STARTTLS`: the caller must upgrade and call
    /// [`Client::tls_established`]; received bytes are discarded meanwhile.
    TlsUpgrade,
    /// An `AUTH` exchange is going on (RFC 4954 §4).
    Auth,
    /// `MAIL`/`RCPT` (and `DATA`) sent, waiting for replies.
    Envelope,
    /// The caller may stream the message with [`Client::send_data`].
    Data,
    /// The data is complete; waiting for the final reply (or replies, in LMTP).
    DataEnd,
    /// A command outside a transaction (`RSET`, `NOOP`, `VRFY`, `EXPN`, `HELP`) is in flight.
    Command,
    /// `QUIT` sent.
    Quit,
    /// The session is over.
    Closed,
}

/// Something that happened; see [`Client::poll_event`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientEvent {
    /// [`Client::send_mail`] left out the envelope's DSN parameters because the server does
    /// not announce `DSN` and [`ClientConfig::drop_unsupported_dsn`] is on: a relay now owes
    /// the sender the notification the next hop will not give (RFC 3461's "relayed" DSN when
    /// success was asked for).
    DsnDropped,
    /// `EHLO` (or `HELO`, with no capabilities, or `LHLO`) succeeded: the session is ready.
    /// After STARTTLS this comes again with the new capabilities.
    Ready {
        /// The server's capabilities (RFC 5321 §4.1.1.1).
        capabilities: Capabilities,
    },
    /// `HELO` (or `LHLO`, or `EHLO` with a 4xx) was refused; the session is closed.
    HelloRejected {
        /// The reply.
        reply: Reply<'static>,
    },
    /// The server refused service (a 554 greeting, RFC 5321 §3.1, or 421 at any time, §3.8);
    /// the session is closed. After a 554 greeting a `QUIT` is queued, as §3.1 asks.
    ServiceUnavailable {
        /// The reply.
        reply: Reply<'static>,
    },
    /// The server accepted `STARTTLS` (RFC 3207 §4): start TLS now, then call
    /// [`Client::tls_established`].
    UpgradeTls,
    /// `STARTTLS` was refused; the session goes on in the clear.
    StartTlsRefused {
        /// The reply.
        reply: Reply<'static>,
    },
    /// `AUTH` succeeded (235) and the SASL session verified the server where it can.
    Authenticated,
    /// `AUTH` failed (535, 534, 504, …, or 501 after a cancel).
    AuthFailed {
        /// The reply.
        reply: Reply<'static>,
        /// The local SASL error that made the client cancel, if any.
        error: Option<mail_sasl::Error>,
    },
    /// `MAIL FROM` was refused; the transaction ends with [`ClientEvent::TransactionAborted`].
    MailRejected {
        /// The reply.
        reply: Reply<'static>,
    },
    /// The reply to `RCPT TO` for `envelope.to[index]` (accepted when 2xx).
    Recipient {
        /// The recipient's index in [`Envelope::to`].
        index: usize,
        /// The reply.
        reply: Reply<'static>,
    },
    /// The message data may be sent with [`Client::send_data`] and
    /// [`Client::send_final_data`].
    DataReady,
    /// `DATA` or a `BDAT` chunk was refused; the transaction ends with
    /// [`ClientEvent::TransactionAborted`].
    DataRejected {
        /// The reply.
        reply: Reply<'static>,
    },
    /// The transaction ended without the message being taken (MAIL refused, no recipient
    /// accepted, data refused); the machine sent `RSET` if the server still held it.
    TransactionAborted,
    /// The message was accepted (in LMTP: for one recipient).
    MessageAccepted {
        /// LMTP (RFC 2033 §4.2): the recipient's index in [`Envelope::to`].
        recipient: Option<usize>,
        /// The reply.
        reply: Reply<'static>,
    },
    /// The message was refused after the data (in LMTP: for one recipient).
    MessageRejected {
        /// LMTP (RFC 2033 §4.2): the recipient's index in [`Envelope::to`].
        recipient: Option<usize>,
        /// The reply.
        reply: Reply<'static>,
    },
    /// The reply to a command outside a transaction: [`Client::rset`], [`Client::noop`],
    /// [`Client::vrfy`], [`Client::expn`] or [`Client::help`].
    Reply {
        /// The reply.
        reply: Reply<'static>,
    },
    /// The session is over: the reply to `QUIT`.
    Closed {
        /// The reply.
        reply: Reply<'static>,
    },
    /// A protocol error (malformed or unexpected reply); the session is closed.
    Error(ClientError),
}

/// Why an action was refused, or why the session failed.
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
    /// The server did not advertise the extension (or SASL mechanism) the action needs.
    #[error("{0} not advertised by the server")]
    NotAdvertised(&'static str),
    /// An envelope without recipients.
    #[error("no recipients")]
    NoRecipients,
    /// The declared size is over the server's `SIZE` limit (RFC 1870 §4).
    #[error("message size {size} over the server limit {limit}")]
    MessageTooLarge {
        /// The declared size.
        size: u64,
        /// The advertised limit.
        limit: u64,
    },
    /// A reply could not be parsed.
    #[error("malformed reply: {0}")]
    Malformed(ParseError),
    /// A reply did not fit in [`ClientConfig::max_input`].
    #[error("reply larger than the input limit")]
    ReplyTooLarge,
    /// A reply came when none was expected, or with a code that makes no sense here.
    #[error("unexpected reply {0}")]
    UnexpectedReply(u16),
    /// The SASL session failed at the end (e.g. a wrong SCRAM server signature, RFC 5802 §5).
    #[error("sasl: {0}")]
    Sasl(mail_sasl::Error),
    /// The data stuffer refused the data ([`LineEndings::Reject`]).
    #[error("data: {0}")]
    Stuff(StuffError),
    /// The transaction has already failed (see the events before it); no more data is taken
    /// and [`ClientEvent::TransactionAborted`] follows once the server has answered.
    #[error("transaction failed")]
    TransactionFailed,
    /// The command line would be longer than the limit: [`ClientConfig::max_line_len`] plus
    /// the [`line_allowance`]s of the extensions it uses (RFC 5321 §4.5.3.1.4). Nothing was
    /// sent.
    #[error("command line of {len} octets over the limit of {limit}")]
    LineTooLong {
        /// The length of the line, CRLF included.
        len: usize,
        /// The limit that applied.
        limit: usize,
    },
    /// `REQUIRETLS` outside a TLS session (RFC 8689 §4: the session itself must use TLS).
    #[error("requiretls needs a tls session")]
    TlsRequired,
    /// A parameter value outside what the server announced: `HOLDFOR` over the
    /// `FUTURERELEASE` maximum interval (RFC 4865), `BY` with mode `R` below the `DELIVERBY`
    /// minimum or not positive (RFC 2852 §4). Nothing was sent.
    #[error("{parameter}={value} outside the server's limit {limit}")]
    OutOfRange {
        /// The parameter.
        parameter: &'static str,
        /// The value asked for.
        value: i64,
        /// The limit (a maximum for `HOLDFOR`, a minimum for `BY`).
        limit: i64,
    },
}

/// Refuses a command line longer than `limit` octets (RFC 5321 §4.5.3.1.4).
fn check_line(line: &[u8], limit: usize) -> Result<(), ClientError> {
    if line.len() > limit {
        return Err(ClientError::LineTooLong {
            len: line.len(),
            limit,
        });
    }
    Ok(())
}

/// What reply an in-flight command waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Greeting,
    Ehlo,
    Helo,
    StartTls,
    Auth,
    Mail,
    Rcpt(usize),
    Data,
    Bdat {
        last: bool,
    },
    DataEnd,
    Rset {
        silent: bool,
    },
    /// NOOP, VRFY, EXPN, HELP: the reply is a `ClientEvent::Reply`.
    Info,
    Quit,
}

impl Expect {
    fn is_txn(self) -> bool {
        matches!(
            self,
            Expect::Mail | Expect::Rcpt(_) | Expect::Data | Expect::Bdat { .. } | Expect::DataEnd
        )
    }
}

/// A command not yet written (waiting for the pipelining window or for its turn).
struct Queued {
    bytes: Vec<u8>,
    /// What counts against the window (the command line; not the `BDAT` payload).
    cost: usize,
    expect: Expect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataMode {
    Data,
    Bdat,
}

/// The current transaction.
struct Txn {
    recipients: usize,
    rcpt_replies: usize,
    accepted: Vec<usize>,
    mode: DataMode,
    /// The server holds a transaction (MAIL got 2xx, the end of data not replied yet).
    server_open: bool,
    /// The transaction will end without a message.
    failed: bool,
    /// `finish_data` was called.
    data_done: bool,
    /// Transaction replies still expected (queued and in flight).
    pending: usize,
    /// LMTP: how many per-recipient replies after the data were handled.
    lmtp_next: usize,
}

/// The SMTP/LMTP client state machine; see the [module documentation](self).
pub struct Client {
    config: ClientConfig,
    state: ClientState,
    capabilities: Capabilities,
    tls: bool,
    authenticated: bool,
    input: Vec<u8>,
    transmit: Vec<u8>,
    queued: VecDeque<Queued>,
    queued_bytes: usize,
    inflight: VecDeque<(Expect, usize)>,
    unacked: usize,
    events: VecDeque<ClientEvent>,
    txn: Option<Txn>,
    stuffer: Stuffer,
    sasl: Option<ClientSession>,
    /// An initial response held back because the line would be too long (RFC 4954 §4).
    pending_ir: Option<mail_sasl::Response>,
    /// The local SASL error that made us cancel with `*`.
    sasl_error: Option<mail_sasl::Error>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("state", &self.state)
            .field("tls", &self.tls)
            .field("authenticated", &self.authenticated)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client waiting for the server's greeting.
    pub fn new(config: ClientConfig) -> Self {
        let stuffer = Stuffer::with_line_endings(config.line_endings);
        let mut inflight = VecDeque::new();
        inflight.push_back((Expect::Greeting, 0));
        Self {
            config,
            state: ClientState::Greeting,
            capabilities: Capabilities::new(),
            tls: false,
            authenticated: false,
            input: Vec::new(),
            transmit: Vec::new(),
            queued: VecDeque::new(),
            queued_bytes: 0,
            inflight,
            unacked: 0,
            events: VecDeque::new(),
            txn: None,
            stuffer,
            sasl: None,
            pending_ir: None,
            sasl_error: None,
        }
    }

    // ----- getters ------------------------------------------------------------------------

    /// The current state.
    pub fn state(&self) -> ClientState {
        self.state
    }

    /// The capabilities of the last successful `EHLO`/`LHLO` (empty after `HELO`, and while
    /// a new `EHLO` is pending after STARTTLS).
    pub fn capabilities(&self) -> &Capabilities {
        &self.capabilities
    }

    /// Whether the session is over.
    pub fn is_closed(&self) -> bool {
        self.state == ClientState::Closed
    }

    /// Whether [`Client::tls_established`] was called.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// Whether `AUTH` succeeded.
    pub fn is_authenticated(&self) -> bool {
        self.authenticated
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    // ----- input --------------------------------------------------------------------------

    /// Takes bytes received from the server and returns how many were accepted.
    ///
    /// At most [`ClientConfig::max_input`] bytes are buffered; when fewer than `data.len()` are
    /// accepted, drain [`poll_event`](Self::poll_event) and call again with the rest. Bytes
    /// received while the session is closed, or between the 220 reply to `STARTTLS` and
    /// [`tls_established`](Self::tls_established), are accepted and discarded (RFC 3207 §4,
    /// the CVE-2011-0411 class: a server or attacker cannot inject replies into the TLS
    /// session).
    pub fn receive(&mut self, data: &[u8]) -> usize {
        if matches!(self.state, ClientState::Closed | ClientState::TlsUpgrade) {
            return data.len();
        }
        let room = self.config.max_input.saturating_sub(self.input.len());
        let take = room.min(data.len());
        self.input.extend_from_slice(&data[..take]);
        let mut pos = 0;
        loop {
            if matches!(self.state, ClientState::Closed | ClientState::TlsUpgrade) {
                self.input.clear();
                return data.len();
            }
            match parse_reply(&self.input[pos..], &self.config.reply) {
                Ok(Status::Complete((reply, n))) => {
                    let reply = reply.into_owned();
                    pos += n;
                    self.handle_reply(reply);
                }
                Ok(Status::Incomplete(_)) => break,
                Err(e) => {
                    self.fail(ClientError::Malformed(e));
                    return data.len();
                }
            }
        }
        self.input.drain(..pos);
        if self.input.len() >= self.config.max_input {
            self.fail(ClientError::ReplyTooLarge);
            return data.len();
        }
        self.flush();
        take
    }

    // ----- events -------------------------------------------------------------------------

    /// The next event, if any.
    pub fn poll_event(&mut self) -> Option<ClientEvent> {
        self.events.pop_front()
    }

    // ----- actions ------------------------------------------------------------------------

    /// Sends `STARTTLS` (RFC 3207 §4). Only when advertised and not already in TLS.
    pub fn starttls(&mut self) -> Result<(), ClientError> {
        self.check_ready("starttls")?;
        if self.tls || !self.capabilities.supports(&Capability::StartTls) {
            return Err(ClientError::NotAdvertised("STARTTLS"));
        }
        self.queue_command(&Command::StartTls, Expect::StartTls);
        self.state = ClientState::StartTls;
        self.flush();
        Ok(())
    }

    /// Tells the machine that TLS is up: it forgets the capabilities and sends `EHLO` again
    /// (RFC 3207 §4.2).
    pub fn tls_established(&mut self) -> Result<(), ClientError> {
        if self.state != ClientState::TlsUpgrade {
            return Err(self.invalid("tls_established"));
        }
        self.tls = true;
        self.input.clear();
        self.capabilities = Capabilities::new();
        self.send_hello();
        Ok(())
    }

    /// Starts `AUTH` (RFC 4954 §4) with a SASL client session. The mechanism must be advertised.
    /// The initial response is sent on the command line (`=` when empty) unless the line would
    /// exceed [`ClientConfig::max_line_len`] (512 octets, RFC 4954 §4), in which case it
    /// answers the server's empty challenge.
    pub fn authenticate(&mut self, mut session: ClientSession) -> Result<(), ClientError> {
        self.check_ready("authenticate")?;
        let mech = session.mechanism();
        if !self.capabilities.known_mechanisms().any(|m| m == mech) {
            return Err(ClientError::NotAdvertised("AUTH mechanism"));
        }
        let mechanism = SaslMechanism::new(mech.as_str())
            .map_err(|_| ClientError::NotAdvertised("AUTH mechanism"))?;
        let mut initial_response = None;
        if let Some(ir) = session.initial_response() {
            let encoded = framing::encode_initial_response(ir.as_bytes());
            // "AUTH " + mech + " " + ir + CRLF within the line limit (RFC 4954 §4).
            if 8 + mech.as_str().len() + encoded.len() <= self.config.max_line_len {
                initial_response = InitialResponse::from_encoded(encoded).ok();
            }
            if initial_response.is_none() {
                self.pending_ir = Some(ir);
            }
        }
        self.queue_command(
            &Command::Auth {
                mechanism,
                initial_response,
            },
            Expect::Auth,
        );
        self.sasl = Some(session);
        self.sasl_error = None;
        self.state = ClientState::Auth;
        self.flush();
        Ok(())
    }

    /// Starts a mail transaction (RFC 5321 §3.3): `MAIL`, every `RCPT` and, unless `BDAT` is
    /// used, `DATA`. With `PIPELINING` they go as one group (RFC 2920 §3.1), split when over
    /// [`ClientConfig::pipeline_window`]; otherwise one at a time.
    ///
    /// Parameters come from the envelope and the capabilities: `SIZE=` when `SIZE` is
    /// advertised (RFC 1870), `BODY=` when 8BITMIME/BINARYMIME is (RFC 6152, RFC 3030),
    /// `SMTPUTF8` when needed (RFC 6531 §3.4), and the envelope's DSN (RFC 3461), `REQUIRETLS`
    /// (RFC 8689), `MT-PRIORITY` (RFC 6710), `HOLDFOR`/`HOLDUNTIL` (RFC 4865) and `BY`
    /// (RFC 2852) parameters when their extension is advertised.
    ///
    /// Errors (nothing is sent): [`ClientError::NotAdvertised`] when the envelope needs an
    /// extension the server lacks (DSN parameters are dropped instead with
    /// [`ClientConfig::drop_unsupported_dsn`]), [`ClientError::TlsRequired`],
    /// [`ClientError::MessageTooLarge`], [`ClientError::NoRecipients`],
    /// [`ClientError::LineTooLong`].
    pub fn send_mail(&mut self, envelope: Envelope) -> Result<(), ClientError> {
        self.check_ready("send_mail")?;
        if envelope.to.is_empty() {
            return Err(ClientError::NoRecipients);
        }
        let caps = &self.capabilities;
        let has = |keyword: &str| caps.get(keyword).is_some();
        let chunking = caps.supports(&Capability::Chunking);
        let mut params = MailParams::default();
        // Extension allowances on the MAIL line (RFC 5321 §4.5.3.1.4).
        let mut allowance = 0;
        if let Some(adv) = caps.size() {
            if let Some(size) = envelope.size {
                if let Some(limit) = adv.filter(|&l| l > 0) {
                    if size > limit {
                        return Err(ClientError::MessageTooLarge { size, limit });
                    }
                }
                params.size = Some(size);
                allowance += line_allowance::SIZE;
            }
        }
        let mut mode = if chunking && self.config.prefer_chunking {
            DataMode::Bdat
        } else {
            DataMode::Data
        };
        match envelope.body {
            None => {}
            Some(Body::SevenBit) => {
                params.body = caps
                    .supports(&Capability::EightBitMime)
                    .then_some(Body::SevenBit);
            }
            Some(Body::EightBitMime) => {
                if !caps.supports(&Capability::EightBitMime) {
                    return Err(ClientError::NotAdvertised("8BITMIME"));
                }
                params.body = Some(Body::EightBitMime);
            }
            Some(Body::BinaryMime) => {
                if !chunking {
                    return Err(ClientError::NotAdvertised("CHUNKING"));
                }
                if !caps.supports(&Capability::BinaryMime) {
                    return Err(ClientError::NotAdvertised("BINARYMIME"));
                }
                params.body = Some(Body::BinaryMime);
                mode = DataMode::Bdat;
            }
        }
        // DSN (RFC 3461): sent when advertised; otherwise refused, or dropped by a relay
        // (RFC 3461 §4) when configured so.
        let dsn = has("DSN");
        let wants_dsn = envelope.ret.is_some()
            || envelope.envid.is_some()
            || envelope.to.iter().any(Recipient::has_dsn);
        if wants_dsn && !dsn && !self.config.drop_unsupported_dsn {
            return Err(ClientError::NotAdvertised("DSN"));
        }
        if dsn {
            params.ret = envelope.ret;
            params.envid = envelope.envid;
            if params.ret.is_some() || params.envid.is_some() {
                allowance += line_allowance::DSN_MAIL;
            }
        }
        if has("AUTH") {
            params.auth = envelope.auth;
        }
        if envelope.requiretls {
            if !has("REQUIRETLS") {
                return Err(ClientError::NotAdvertised("REQUIRETLS"));
            }
            if !self.tls {
                return Err(ClientError::TlsRequired);
            }
            params.requiretls = true;
        }
        if let Some(p) = envelope.mt_priority {
            if !has("MT-PRIORITY") {
                return Err(ClientError::NotAdvertised("MT-PRIORITY"));
            }
            params.mt_priority = Some(p);
        }
        if let Some(h) = envelope.hold {
            let Some(Capability::FutureRelease { max_interval, .. }) = caps.get("FUTURERELEASE")
            else {
                return Err(ClientError::NotAdvertised("FUTURERELEASE"));
            };
            // RFC 4865 §3: the server announces the longest hold it accepts.
            if let Hold::For(secs) = h
                && secs > *max_interval
            {
                return Err(ClientError::OutOfRange {
                    parameter: "HOLDFOR",
                    value: secs as i64,
                    limit: *max_interval as i64,
                });
            }
            params.hold = Some(h);
        }
        if let Some(b) = envelope.by {
            let Some(Capability::DeliverBy(min)) = caps.get("DELIVERBY") else {
                return Err(ClientError::NotAdvertised("DELIVERBY"));
            };
            // RFC 2852 §4: with mode R the time must be positive and not below the server's
            // announced minimum.
            if b.mode() == ByMode::Return {
                let floor = min.map_or(1, |m| m.max(1) as i64);
                if i64::from(b.time()) < floor {
                    return Err(ClientError::OutOfRange {
                        parameter: "BY",
                        value: i64::from(b.time()),
                        limit: floor,
                    });
                }
            }
            params.by = Some(b);
        }
        // Each command is encoded once; the bytes tell whether SMTPUTF8 is needed.
        let max_line = self.config.max_line_len;
        let mut rcpts: Vec<Vec<u8>> = Vec::with_capacity(envelope.to.len());
        for rcpt in envelope.to {
            let mut rcpt_params = RcptParams::default();
            let mut limit = max_line;
            if dsn && rcpt.has_dsn() {
                rcpt_params.notify = rcpt.notify;
                rcpt_params.orcpt = rcpt.orcpt;
                limit += line_allowance::DSN_RCPT;
            }
            let bytes = Command::Rcpt {
                to: rcpt.path,
                params: rcpt_params,
            }
            .to_bytes();
            check_line(&bytes, limit)?;
            rcpts.push(bytes);
        }
        let mut mail = Command::Mail {
            from: envelope.from,
            params,
        };
        let mut mail_bytes = mail.to_bytes();
        let utf8 =
            envelope.smtputf8 || !mail_bytes.is_ascii() || rcpts.iter().any(|r| !r.is_ascii());
        if utf8 {
            if !caps.supports(&Capability::SmtpUtf8) {
                return Err(ClientError::NotAdvertised("SMTPUTF8"));
            }
            if let Command::Mail { params, .. } = &mut mail {
                params.smtputf8 = true;
            }
            mail_bytes = mail.to_bytes();
            allowance += line_allowance::SMTPUTF8;
        }
        check_line(&mail_bytes, max_line + allowance)?;
        if wants_dsn && !dsn {
            // Only reached with `drop_unsupported_dsn`: the caller must know (RFC 3461 has a
            // relay tell the sender when it could not pass the request on).
            self.events.push_back(ClientEvent::DsnDropped);
        }
        let pipelining = self.pipelining();
        self.txn = Some(Txn {
            recipients: rcpts.len(),
            rcpt_replies: 0,
            accepted: Vec::new(),
            mode,
            server_open: false,
            failed: false,
            data_done: false,
            pending: 0,
            lmtp_next: 0,
        });
        self.stuffer.reset();
        let cost = mail_bytes.len();
        self.queue_raw(mail_bytes, cost, Expect::Mail);
        for (i, rcpt) in rcpts.into_iter().enumerate() {
            let cost = rcpt.len();
            self.queue_raw(rcpt, cost, Expect::Rcpt(i));
        }
        self.state = ClientState::Envelope;
        match mode {
            DataMode::Data => self.queue_command(&Command::Data, Expect::Data),
            DataMode::Bdat if pipelining => {
                // RFC 3030 §4.2 with RFC 2920: BDAT may follow the RCPTs in the group.
                self.state = ClientState::Data;
                self.events.push_back(ClientEvent::DataReady);
            }
            DataMode::Bdat => {}
        }
        self.flush();
        Ok(())
    }

    /// Gives message data (RFC 5321 §4.1.1.4, RFC 3030 §2) after [`ClientEvent::DataReady`].
    ///
    /// Returns how many bytes of `data` were taken: fewer (possibly 0) when
    /// [`ClientConfig::max_output`] bytes are already pending; drain
    /// [`poll_transmit`](Self::poll_transmit) and give the rest. With `DATA` the bytes are
    /// dot-stuffed (and line ends normalized by default); with `BDAT` each call that takes bytes
    /// sends one `BDAT n` chunk of them, unchanged (with `PIPELINING` at once, otherwise each
    /// after the previous chunk's reply). When the caller knows that a piece is the last, it
    /// gives it with [`send_final_data`](Self::send_final_data) instead, which saves the
    /// separate `BDAT 0 LAST`.
    ///
    /// Errors: [`ClientError::InvalidState`] before [`ClientEvent::DataReady`] or after the
    /// transaction ended, [`ClientError::TransactionFailed`] when a pipelined `BDAT`
    /// transaction is known to have failed (MAIL or every RCPT refused, a chunk refused),
    /// [`ClientError::Stuff`] with [`LineEndings::Reject`].
    pub fn send_data(&mut self, data: &[u8]) -> Result<usize, ClientError> {
        self.give_data(data, false, "send_data")
    }

    /// Gives the last piece of the message data and, once all of it is taken, ends the
    /// message: with `BDAT` the piece goes as the final chunk, `BDAT n LAST` (RFC 3030 §2),
    /// with `DATA` it is followed by the end-of-data line (RFC 5321 §4.1.1.4).
    ///
    /// Returns how many bytes were taken, like [`send_data`](Self::send_data): when fewer
    /// than `data.len()`, the taken bytes went as an ordinary chunk and the message is not
    /// ended; call again with the rest. An empty `data` is the same as
    /// [`finish_data`](Self::finish_data) (`BDAT 0 LAST`). Errors as for `send_data`.
    pub fn send_final_data(&mut self, data: &[u8]) -> Result<usize, ClientError> {
        if data.is_empty() {
            self.finish_data()?;
            return Ok(0);
        }
        self.give_data(data, true, "send_final_data")
    }

    /// Ends the message with an empty final piece: the end-of-data line with `DATA` (RFC 5321
    /// §4.1.1.4), `BDAT 0 LAST` with `BDAT` (RFC 3030 §2). To end with data, use
    /// [`send_final_data`](Self::send_final_data).
    pub fn finish_data(&mut self) -> Result<(), ClientError> {
        self.data_check("finish_data")?;
        let mode = self.txn.as_ref().map_or(DataMode::Data, |t| t.mode);
        match mode {
            DataMode::Data => self.end_data()?,
            DataMode::Bdat => {
                self.queue_command(
                    &Command::Bdat {
                        size: 0,
                        last: true,
                    },
                    Expect::Bdat { last: true },
                );
                self.data_ended();
            }
        }
        self.flush();
        Ok(())
    }

    /// Sends `RSET` (RFC 5321 §4.1.1.5) when idle; the reply is a [`ClientEvent::Reply`].
    pub fn rset(&mut self) -> Result<(), ClientError> {
        self.check_ready("rset")?;
        self.queue_command(&Command::Rset, Expect::Rset { silent: false });
        self.state = ClientState::Command;
        self.flush();
        Ok(())
    }

    /// Sends `NOOP` (RFC 5321 §4.1.1.9) when idle; the reply is a [`ClientEvent::Reply`].
    pub fn noop(&mut self) -> Result<(), ClientError> {
        self.info_command(Command::Noop(None), "noop")
    }

    /// Sends `VRFY string` (RFC 5321 §3.5, §4.1.1.6) when idle, outside a transaction; the
    /// reply is a [`ClientEvent::Reply`] (250/251 with the mailbox, 252 when the server will
    /// not say, 550 when it does not exist). A string that is not ASCII needs `SMTPUTF8`
    /// (RFC 6531 §3.1); add ` SMTPUTF8` to the string to ask for a UTF-8 reply (RFC 6531
    /// §3.7.4.2).
    ///
    /// Errors: [`ClientError::InvalidState`] when not idle, [`ClientError::NotAdvertised`],
    /// [`ClientError::LineTooLong`].
    pub fn vrfy(&mut self, string: Text<'_>) -> Result<(), ClientError> {
        self.info_command(Command::Vrfy(string), "vrfy")
    }

    /// Sends `EXPN string` (RFC 5321 §3.5, §4.1.1.7) when idle, outside a transaction; the
    /// reply (one line per member) is a [`ClientEvent::Reply`]. Errors as for
    /// [`vrfy`](Self::vrfy).
    pub fn expn(&mut self, string: Text<'_>) -> Result<(), ClientError> {
        self.info_command(Command::Expn(string), "expn")
    }

    /// Sends `HELP [string]` (RFC 5321 §4.1.1.8) when idle, outside a transaction; the reply
    /// (211/214) is a [`ClientEvent::Reply`]. Errors as for [`vrfy`](Self::vrfy).
    pub fn help(&mut self, topic: Option<Text<'_>>) -> Result<(), ClientError> {
        self.info_command(Command::Help(topic), "help")
    }

    /// Sends `QUIT` (RFC 5321 §4.1.1.10) when idle; the reply is [`ClientEvent::Closed`].
    pub fn quit(&mut self) -> Result<(), ClientError> {
        self.check_ready("quit")?;
        self.queue_command(&Command::Quit, Expect::Quit);
        self.state = ClientState::Quit;
        self.flush();
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

    fn invalid(&self, action: &'static str) -> ClientError {
        ClientError::InvalidState {
            action,
            state: self.state,
        }
    }

    fn check_ready(&self, action: &'static str) -> Result<(), ClientError> {
        if self.state == ClientState::Ready {
            Ok(())
        } else {
            Err(self.invalid(action))
        }
    }

    fn pipelining(&self) -> bool {
        self.capabilities.supports(&Capability::Pipelining)
    }

    /// A command outside a transaction whose reply is a [`ClientEvent::Reply`].
    fn info_command(
        &mut self,
        command: Command<'_>,
        action: &'static str,
    ) -> Result<(), ClientError> {
        self.check_ready(action)?;
        let bytes = command.to_bytes();
        if !bytes.is_ascii() && !self.capabilities.supports(&Capability::SmtpUtf8) {
            return Err(ClientError::NotAdvertised("SMTPUTF8"));
        }
        check_line(&bytes, self.config.max_line_len)?;
        let cost = bytes.len();
        self.queue_raw(bytes, cost, Expect::Info);
        self.state = ClientState::Command;
        self.flush();
        Ok(())
    }

    /// The checks common to the data actions.
    fn data_check(&self, action: &'static str) -> Result<(), ClientError> {
        let Some(txn) = self.txn.as_ref() else {
            return Err(self.invalid(action));
        };
        if self.state != ClientState::Data || txn.data_done {
            return Err(self.invalid(action));
        }
        if txn.failed {
            return Err(ClientError::TransactionFailed);
        }
        Ok(())
    }

    /// `send_data` and `send_final_data`: takes what fits; `last` ends the message when all
    /// of `data` was taken.
    fn give_data(
        &mut self,
        data: &[u8],
        last: bool,
        action: &'static str,
    ) -> Result<usize, ClientError> {
        self.data_check(action)?;
        let mode = self.txn.as_ref().map_or(DataMode::Data, |t| t.mode);
        let room = self
            .config
            .max_output
            .saturating_sub(self.transmit.len() + self.queued_bytes);
        let n = room.min(data.len());
        if n == 0 {
            return Ok(0);
        }
        let last = last && n == data.len();
        match mode {
            DataMode::Data => {
                self.stuffer
                    .stuff(&data[..n], &mut self.transmit)
                    .map_err(ClientError::Stuff)?;
                if last {
                    self.end_data()?;
                }
            }
            DataMode::Bdat => {
                let mut bytes = Vec::with_capacity(n + 32);
                Command::Bdat {
                    size: n as u64,
                    last,
                }
                .encode(&mut bytes);
                let cost = bytes.len();
                bytes.extend_from_slice(&data[..n]);
                self.queue_raw(bytes, cost, Expect::Bdat { last });
                if last {
                    self.data_ended();
                }
                self.flush();
            }
        }
        Ok(n)
    }

    /// `DATA` mode: the end-of-data line; the reply is expected next (DATA was the last
    /// command of its group, so nothing else is in flight).
    fn end_data(&mut self) -> Result<(), ClientError> {
        self.stuffer
            .finish(&mut self.transmit)
            .map_err(ClientError::Stuff)?;
        if let Some(txn) = self.txn.as_mut() {
            txn.pending += 1;
        }
        self.inflight.push_back((Expect::DataEnd, 0));
        self.data_ended();
        Ok(())
    }

    fn data_ended(&mut self) {
        if let Some(txn) = self.txn.as_mut() {
            txn.data_done = true;
        }
        self.state = ClientState::DataEnd;
    }

    fn queue_command(&mut self, command: &Command<'_>, expect: Expect) {
        let bytes = command.to_bytes();
        let cost = bytes.len();
        self.queue_raw(bytes, cost, expect);
    }

    fn queue_raw(&mut self, bytes: Vec<u8>, cost: usize, expect: Expect) {
        if expect.is_txn() {
            if let Some(txn) = self.txn.as_mut() {
                txn.pending += 1;
            }
        }
        self.queued_bytes += bytes.len();
        self.queued.push_back(Queued {
            bytes,
            cost,
            expect,
        });
    }

    /// Moves queued commands to the transmit buffer as the pipelining rules allow.
    fn flush(&mut self) {
        if matches!(self.state, ClientState::Closed | ClientState::TlsUpgrade) {
            return;
        }
        let pipelining = self.pipelining();
        while let Some(front) = self.queued.front() {
            let fits = self.inflight.is_empty()
                || (pipelining && self.unacked + front.cost <= self.config.pipeline_window);
            if !fits {
                break;
            }
            let Some(q) = self.queued.pop_front() else {
                break;
            };
            self.queued_bytes -= q.bytes.len();
            self.transmit.extend_from_slice(&q.bytes);
            self.unacked += q.cost;
            self.inflight.push_back((q.expect, q.cost));
        }
    }

    fn fail(&mut self, error: ClientError) {
        self.events.push_back(ClientEvent::Error(error));
        self.close();
    }

    fn close(&mut self) {
        self.state = ClientState::Closed;
        self.queued.clear();
        self.queued_bytes = 0;
        self.inflight.clear();
        self.input.clear();
        self.txn = None;
        self.sasl = None;
    }

    fn send_hello(&mut self) {
        let domain = self.config.domain.clone();
        let command = if self.config.lmtp {
            Command::Lhlo(domain)
        } else {
            Command::Ehlo(domain)
        };
        self.queue_command(&command, Expect::Ehlo);
        self.state = ClientState::Hello;
        self.flush();
    }

    fn handle_reply(&mut self, reply: Reply<'static>) {
        let Some((expect, cost)) = self.inflight.pop_front() else {
            if reply.code().get() == 421 {
                self.events
                    .push_back(ClientEvent::ServiceUnavailable { reply });
                self.close();
            } else {
                self.fail(ClientError::UnexpectedReply(reply.code().get()));
            }
            return;
        };
        self.unacked -= cost;
        let code = reply.code().get();
        // RFC 5321 §3.8: 421 at any time means the server is closing. Not for the QUIT reply.
        if code == 421 && expect != Expect::Quit {
            self.events
                .push_back(ClientEvent::ServiceUnavailable { reply });
            self.close();
            return;
        }
        let positive = reply.code().is_positive_completion();
        match expect {
            Expect::Greeting => match code {
                220 => self.send_hello(),
                554 => {
                    self.events
                        .push_back(ClientEvent::ServiceUnavailable { reply });
                    // RFC 5321 §3.1: after a 554 greeting the client sends QUIT.
                    Command::Quit.encode(&mut self.transmit);
                    self.close();
                }
                _ => self.fail(ClientError::UnexpectedReply(code)),
            },
            Expect::Ehlo | Expect::Helo => {
                if positive {
                    let capabilities = if expect == Expect::Ehlo {
                        match EhloReply::from_reply(&reply) {
                            Ok(ehlo) => ehlo.capabilities,
                            Err(e) => return self.fail(ClientError::Malformed(e)),
                        }
                    } else {
                        Capabilities::new()
                    };
                    self.capabilities = capabilities.clone();
                    self.state = ClientState::Ready;
                    self.events.push_back(ClientEvent::Ready { capabilities });
                } else if expect == Expect::Ehlo && !self.config.lmtp && (500..600).contains(&code)
                {
                    // RFC 5321 §3.2 and §4.1.4: fall back to HELO.
                    let domain = self.config.domain.clone();
                    self.queue_command(&Command::Helo(domain), Expect::Helo);
                } else {
                    self.events.push_back(ClientEvent::HelloRejected { reply });
                    self.close();
                }
            }
            Expect::StartTls => {
                if code == 220 {
                    self.state = ClientState::TlsUpgrade;
                    self.capabilities = Capabilities::new();
                    self.events.push_back(ClientEvent::UpgradeTls);
                } else {
                    self.state = ClientState::Ready;
                    self.events
                        .push_back(ClientEvent::StartTlsRefused { reply });
                }
            }
            Expect::Auth => self.handle_auth(reply),
            Expect::Rset { silent } => {
                if !silent {
                    self.state = ClientState::Ready;
                    self.events.push_back(ClientEvent::Reply { reply });
                }
            }
            Expect::Info => {
                self.state = ClientState::Ready;
                self.events.push_back(ClientEvent::Reply { reply });
            }
            Expect::Quit => {
                self.events.push_back(ClientEvent::Closed { reply });
                self.close();
            }
            Expect::Mail
            | Expect::Rcpt(_)
            | Expect::Data
            | Expect::Bdat { .. }
            | Expect::DataEnd => self.handle_txn_reply(expect, reply),
        }
    }

    fn handle_auth(&mut self, reply: Reply<'static>) {
        let code = reply.code().get();
        let Some(mut session) = self.sasl.take() else {
            return self.fail(ClientError::UnexpectedReply(code));
        };
        match code {
            334 => {
                let response = if let Some(ir) = self.pending_ir.take() {
                    if reply.first_line().iter().all(|b| *b == b' ') {
                        Ok(ir)
                    } else {
                        Err(mail_sasl::Error::UnexpectedChallenge)
                    }
                } else {
                    framing::decode_challenge(reply.first_line())
                        .and_then(|challenge| session.step(&challenge))
                };
                let mut line = match response {
                    Ok(r) => framing::encode_response(r.as_bytes()).into_bytes(),
                    Err(e) => {
                        // RFC 4954 §4: cancel with "*"; the server answers 501.
                        self.sasl_error = Some(e);
                        framing::CANCEL.as_bytes().to_vec()
                    }
                };
                line.extend_from_slice(b"\r\n");
                let cost = line.len();
                self.sasl = Some(session);
                self.queue_raw(line, cost, Expect::Auth);
            }
            235 => match session.finish(None) {
                Ok(()) => {
                    self.authenticated = true;
                    self.state = ClientState::Ready;
                    self.events.push_back(ClientEvent::Authenticated);
                }
                Err(e) => self.fail(ClientError::Sasl(e)),
            },
            _ => {
                self.state = ClientState::Ready;
                self.pending_ir = None;
                let error = self.sasl_error.take();
                self.events
                    .push_back(ClientEvent::AuthFailed { reply, error });
            }
        }
    }

    /// Drops the queued (unsent) commands of the failed transaction.
    fn drop_queued_txn(&mut self) {
        let mut dropped = 0;
        let mut bytes = 0;
        self.queued.retain(|q| {
            if q.expect.is_txn() {
                dropped += 1;
                bytes += q.bytes.len();
                false
            } else {
                true
            }
        });
        self.queued_bytes -= bytes;
        if let Some(txn) = self.txn.as_mut() {
            txn.pending -= dropped;
        }
    }

    fn fail_txn(&mut self) {
        if let Some(txn) = self.txn.as_mut() {
            txn.failed = true;
        }
        self.drop_queued_txn();
    }

    fn handle_txn_reply(&mut self, expect: Expect, reply: Reply<'static>) {
        let lmtp = self.config.lmtp;
        let pipelining = self.pipelining();
        let Some(txn) = self.txn.as_mut() else {
            return self.fail(ClientError::UnexpectedReply(reply.code().get()));
        };
        txn.pending -= 1;
        let code = reply.code();
        let positive = code.is_positive_completion();
        match expect {
            Expect::Mail => {
                if positive {
                    txn.server_open = true;
                } else {
                    self.events.push_back(ClientEvent::MailRejected { reply });
                    self.fail_txn();
                }
            }
            Expect::Rcpt(index) => {
                txn.rcpt_replies += 1;
                if positive {
                    txn.accepted.push(index);
                }
                let all_in = txn.rcpt_replies == txn.recipients;
                let none = txn.accepted.is_empty();
                let (failed, mode) = (txn.failed, txn.mode);
                self.events
                    .push_back(ClientEvent::Recipient { index, reply });
                if all_in && !failed {
                    if none {
                        // RFC 2920 §3.1: DATA (if not sent yet) is dropped.
                        self.fail_txn();
                    } else if mode == DataMode::Bdat && !pipelining {
                        self.state = ClientState::Data;
                        self.events.push_back(ClientEvent::DataReady);
                    }
                }
            }
            Expect::Data => {
                if code == ReplyCode::START_MAIL_INPUT {
                    if txn.failed || txn.accepted.is_empty() {
                        // RFC 2920 §3.1: 354 without valid recipients: end the data at once;
                        // the server answers 554 (or 503).
                        txn.failed = true;
                        txn.pending += 1;
                        self.transmit.extend_from_slice(b".\r\n");
                        self.inflight.push_back((Expect::DataEnd, 0));
                    } else {
                        self.state = ClientState::Data;
                        self.events.push_back(ClientEvent::DataReady);
                    }
                } else {
                    if !txn.failed {
                        self.events.push_back(ClientEvent::DataRejected { reply });
                    }
                    self.fail_txn();
                }
            }
            Expect::Bdat { last: false } if !positive => {
                if !txn.failed {
                    self.events.push_back(ClientEvent::DataRejected { reply });
                }
                // RFC 3030 §2: the server discards the rest; the transaction is over.
                self.fail_txn();
            }
            Expect::Bdat { last: true } | Expect::DataEnd => {
                txn.server_open = false;
                if txn.failed || txn.accepted.is_empty() {
                    if !txn.failed && expect != Expect::DataEnd && !positive {
                        self.events.push_back(ClientEvent::DataRejected { reply });
                    }
                    txn.failed = true;
                } else {
                    let recipient = if lmtp {
                        let r = txn.accepted.get(txn.lmtp_next).copied();
                        txn.lmtp_next += 1;
                        if txn.lmtp_next < txn.accepted.len() {
                            // RFC 2033 §4.2: one reply per accepted recipient.
                            txn.pending += 1;
                            self.inflight.push_front((Expect::DataEnd, 0));
                        }
                        r
                    } else {
                        None
                    };
                    self.events.push_back(if positive {
                        ClientEvent::MessageAccepted { recipient, reply }
                    } else {
                        ClientEvent::MessageRejected { recipient, reply }
                    });
                }
            }
            _ => {}
        }
        self.maybe_end_txn();
    }

    fn maybe_end_txn(&mut self) {
        let Some(txn) = self.txn.as_ref() else {
            return;
        };
        if txn.pending > 0 || !(txn.failed || txn.data_done) {
            return;
        }
        let (failed, server_open) = (txn.failed, txn.server_open);
        self.txn = None;
        self.state = ClientState::Ready;
        if failed {
            if server_open {
                self.queue_command(&Command::Rset, Expect::Rset { silent: true });
            }
            self.events.push_back(ClientEvent::TransactionAborted);
        }
    }
}
