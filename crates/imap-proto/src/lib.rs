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
//! - RFC 6855 (UTF8=ACCEPT)
//! - RFC 5258 (LIST-EXTENDED)
//! - RFC 3516 (BINARY)
//!
//! # Layout
//!
//! The same three layers, with the same module names, exist in every mailproto protocol crate:
//!
//! - [`types`]: commands, responses, sequence sets, flags, mailbox names (modified UTF-7), envelopes, body structures, literals;
//! - [`parse`] and [`encode`]: streaming parsers for commands and responses that report how many more bytes a literal needs; serializers that yield fragments (a line, then a literal) so synchronizing literals can wait for `+`;
//! - [`client`] and [`server`]: the state machines, driven with `receive` / `poll_event` /
//!   `poll_transmit`.
//!
//! # Status
//!
//! The crate layout is in place; the codec and state machines are built in the imap-proto codec and state machine issues.
//! SASL mechanisms, CRLF line framing and dot-stuffing come from the shared [`mail_sasl`]
//! crate so that no protocol crate carries its own copy.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
