//! Sans-IO IMAP4rev1 and IMAP4rev2 for Rust.
//!
//! This crate is part of mailproto: bytes in, values and
//! bytes out. It performs no I/O, spawns no threads and needs no async runtime; the program that
//! embeds it owns the sockets, TLS and timers.
//!
//! # Specifications
//!
//! - RFC 3501 (IMAP4rev1)
//! - RFC 9051 (IMAP4rev2)
//! - RFC 4959 (SASL-IR)
//! - RFC 7888 (LITERAL+/LITERAL-)
//! - RFC 2177 (IDLE)
//! - RFC 5161 (ENABLE)
//! - RFC 2342 (NAMESPACE)
//! - RFC 4315 (UIDPLUS)
//! - RFC 7162 (CONDSTORE/QRESYNC)
//! - RFC 6851 (MOVE)
//! - RFC 2971 (ID)
//! - RFC 6855 (UTF8=ACCEPT, with `APPEND ... UTF8 (~{n})`)
//! - RFC 5258 (LIST-EXTENDED)
//! - RFC 3516 (BINARY)
//! - RFC 5182 (SEARCHRES `$`)
//! - RFC 4466 (`literal8` with `+`)
//! - RFC 3502 (MULTIAPPEND), RFC 4314 (ACL: the commands and the ACL, LISTRIGHTS and
//!   MYRIGHTS responses), RFC 4731 (ESEARCH), RFC 4978 (COMPRESS),
//!   RFC 5032 (WITHIN), RFC 5256 (SORT, THREAD), RFC 5464 (METADATA), RFC 5530 (response
//!   codes), RFC 5819 (LIST-STATUS), RFC 6154 (SPECIAL-USE), RFC 8437 (UNAUTHENTICATE),
//!   RFC 8474 (OBJECTID), RFC 8514 (SAVEDATE), RFC 9208 (QUOTA), Gmail's `X-GM-EXT-1`
//! - RFC 4469 (CATENATE, `BADURL`), RFC 5267 (ESORT, CONTEXT=SEARCH/SORT: `SORT RETURN`,
//!   `CONTEXT`/`UPDATE`, `ADDTO`/`REMOVEFROM`, `CANCELUPDATE`, `NOUPDATE`, `PARTIAL`),
//!   RFC 9394 (PARTIAL: `partial-range` from either end, the ESEARCH `PARTIAL` data and the
//!   FETCH modifier), RFC 6203 (SEARCH=FUZZY: `FUZZY`, `RELEVANCY`)
//! - RFC 9586 (UIDONLY: `UIDFETCH`, `[UIDREQUIRED]`, the capability)
//! - RFC 5465 (NOTIFY: event groups, mailbox filters with RFC 7377's `subtree-one`, the §5/§6
//!   rules on events, `NOTIFICATIONOVERFLOW`, `BADEVENT`)
//!
//! # Layout
//!
//! The same three layers, with the same module names, exist in every mailproto protocol crate:
//!
//! - [`types`]: the values. Module `types::core` (re-exported by [`types`]) has the core of the
//!   grammar: [`Tag`](types::Tag), [`Atom`](types::Atom), [`AString`](types::AString),
//!   [`IString`](types::IString) (quoted or literal), [`NString`](types::NString),
//!   [`Literal`](types::Literal) (`{n}`, `{n+}`, `~{n}`), [`SequenceSet`](types::SequenceSet)
//!   (with `*` and `$`), [`Flag`](types::Flag), [`Mailbox`](types::Mailbox) (INBOX,
//!   modified UTF-7, UTF-8), [`Charset`](types::Charset), [`Date`](types::Date),
//!   [`DateTime`](types::DateTime), [`Section`](types::Section) and
//!   [`Capability`](types::Capability). On them: [`Command`](types::Command) with every command
//!   of the specifications above, search keys and FETCH attributes;
//!   [`Response`](types::Response) with every response, response code and FETCH item,
//!   [`Envelope`](types::Envelope) and [`BodyStructure`](types::BodyStructure).
//! - [`utf7`]: modified UTF-7 mailbox names (RFC 3501 §5.1.3), strict and lenient.
//! - [`parse`]: [`Framer`](parse::Framer) finds complete messages (lines joined by literals) in
//!   a growing buffer without re-scanning literal data and tells a server when to send `+`;
//!   [`Cursor`](parse::Cursor) parses every core value; [`parse_command`](parse::parse_command)
//!   (server side) and [`parse_response`](parse::parse_response) (client side) are composed
//!   from it; [`ParseConfig`](parse::ParseConfig) holds the limits and the tolerances, each
//!   listed with the real client or server that needs it in the tables on
//!   [`parse_command`](parse::parse_command) and [`parse_response`](parse::parse_response).
//! - [`encode`]: [`Encoder`](encode::Encoder) writes values in their cheapest valid form and
//!   cuts the output into [`Fragment`](encode::Fragment)s so that a client can wait for `+`
//!   before a synchronizing literal; LITERAL+/LITERAL- and UTF-8 through
//!   [`EncodeOptions`](encode::EncodeOptions).
//! - [`client`] and [`server`]: the state machines, driven with `receive` / `poll_event` /
//!   `poll_transmit`.
//!
//! # Status
//!
//! In place: the codec (the core of the grammar, every command and every response, both
//! directions) and the client and server state machines. The workspace's `imap-client` and
//! `imapd` examples drive them over `std::net` against Dovecot and Python's imaplib
//! (`tests/imap_client_interop.rs`, `tests/interop/test_imapd.py`); `benches/imap_session.rs`
//! reports their memory at rest and allocations per FETCH response.
//!
//! SASL mechanisms and the `Status`/`Needed` parse contract come from the shared [`mail_sasl`]
//! crate so that no protocol crate carries its own copy.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
pub mod utf7;
