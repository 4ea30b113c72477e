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
//! - RFC 8689 (REQUIRETLS), RFC 6710 (MT-PRIORITY), RFC 4865 (FUTURERELEASE), RFC 2852
//!   (DELIVERBY): envelope parameters
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
//! # Tolerances
//!
//! Strict on output, tolerant on input. Every tolerance is a field of
//! [`parse::CommandConfig`] or [`parse::ReplyConfig`] (`strict()` turns them off):
//!
//! | input | tolerance | default |
//! | --- | --- | --- |
//! | commands | verbs, parameter keywords and values in any case | always |
//! | commands | a space after `MAIL FROM:` / `RCPT TO:` (`allow_space_after_colon`) | on |
//! | commands | a path without angle brackets (`allow_unbracketed_path`) | on |
//! | commands | several spaces between parameters (`allow_extra_spaces`) | on |
//! | commands | source routes `<@a,@b:user@d>`, accepted and dropped (RFC 5321 §4.1.1.3) | always |
//! | both | bare LF line ends (`bare_lf`, the policy of [`mail_sasl::line`]) | rejected |
//! | replies | a bare code with no space or text, odd spacing (`lenient_spacing`) | on |
//! | replies | enhanced codes on later lines (RFC 2034 §4 puts one on every line) stripped; off keeps later lines raw (`repeated_enhanced_codes`) | on |
//! | replies | 8-bit, non-UTF-8 text (`allow_8bit`) | on |
//!
//! # Status
//!
//! In place: the codec (commands, paths, ESMTP parameters, replies, enhanced status codes, EHLO
//! capabilities) and the [`client::Client`] and [`server::Server`] state machines (EHLO/HELO/LHLO,
//! STARTTLS with pre-upgrade input discarded, AUTH through [`mail_sasl`], pipelining, DATA with
//! dot-stuffing, BDAT with `LAST` on the final chunk, LMTP per-recipient replies, the DSN,
//! REQUIRETLS, MT-PRIORITY, FUTURERELEASE and DELIVERBY envelope parameters, VRFY/EXPN/HELP/NOOP,
//! the command line limit), and the `smtp-send` and `smtp-sink` examples of the root package.
//! The server lends message data through [`server::Server::read_data`] and does not allocate
//! per chunk. SASL mechanisms, CRLF line framing and dot-stuffing come from the shared
//! [`mail_sasl`] crate so that no protocol crate carries its own copy.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
