//! Sans-IO SMTP, ESMTP and LMTP for Rust.
//!
//! This crate is part of mailproto: bytes in, values and
//! bytes out. It performs no I/O, spawns no threads and needs no async runtime; the program that
//! embeds it owns the sockets, TLS and timers.
//!
//! # Specifications
//!
//! - RFC 5321 (SMTP)
//! - RFC 1869/5321 §2.2 (ESMTP service extensions)
//! - RFC 2033 (LMTP)
//! - RFC 3207 (STARTTLS)
//! - RFC 4954 (AUTH)
//! - RFC 1870 (SIZE)
//! - RFC 6152 (8BITMIME)
//! - RFC 2920 (PIPELINING)
//! - RFC 3030 (CHUNKING, BINARYMIME)
//! - RFC 6531 (SMTPUTF8)
//! - RFC 3461 (DSN)
//! - RFC 2034 (ENHANCEDSTATUSCODES)
//!
//! # Layout
//!
//! The same three layers, with the same module names, exist in every mailproto protocol crate:
//!
//! - [`types`]: commands (`MAIL`, `RCPT`, `DATA`, `BDAT`, …), reverse and forward paths, ESMTP parameters, replies with enhanced status codes and the EHLO keyword list;
//! - [`parse`] and [`encode`]: parsers for commands (server side) and multi-line replies (client side); serializers for commands and replies; message data is dot-stuffed with [`mail_sasl::dot`];
//! - [`client`] and [`server`]: the state machines, driven with `receive` / `poll_event` /
//!   `poll_transmit`.
//!
//! # Status
//!
//! The crate layout is in place; the codec and state machines are built in the smtp-proto issue.
//! SASL mechanisms, CRLF line framing and dot-stuffing come from the shared [`mail_sasl`]
//! crate so that no protocol crate carries its own copy.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
