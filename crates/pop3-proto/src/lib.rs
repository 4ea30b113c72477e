//! Sans-IO POP3 for Rust.
//!
//! This crate is part of mailproto: bytes in, values and
//! bytes out. It performs no I/O, spawns no threads and needs no async runtime; the program that
//! embeds it owns the sockets, TLS and timers.
//!
//! # Specifications
//!
//! - RFC 1939 (POP3), with APOP
//! - RFC 2449 (CAPA, response codes, PIPELINING)
//! - RFC 2595 §4 (STLS)
//! - RFC 3206 (SYS and AUTH response codes)
//! - RFC 5034 (SASL AUTH)
//! - RFC 6856 (UTF8 and LANG)
//!
//! # Layout
//!
//! The same three layers, with the same module names, exist in every mailproto protocol crate:
//!
//! - [`types`]: commands (`USER`, `PASS`, `APOP`, `STAT`, `LIST`, `UIDL`, `RETR`, `TOP`, …), `+OK`/`-ERR` responses with typed response codes, capabilities;
//! - [`parse`] and [`encode`]: parsers for commands (server side) and single- and multi-line responses (client side); serializers for commands and responses; multi-line bodies are dot-stuffed with [`mail_sasl::dot`];
//! - [`client`] and [`server`]: the state machines, driven with `receive` / `poll_event` /
//!   `poll_transmit`.
//!
//! # Multi-line responses
//!
//! Whether a `+OK` is followed by lines ending in `.` depends on the command it answers
//! (RFC 1939 §3): [`Command::response_shape`](types::Command::response_shape) states the rule
//! and the [`client::Client`] applies it. Message bodies are decoded as a stream
//! ([`parse::BodyDecoder`]), byte-exact, so no message has to fit in memory.
//!
//! # Tolerances
//!
//! Strict on output, tolerant on input. Every tolerance is a field of
//! [`parse::CommandConfig`] or [`parse::ResponseConfig`] (`strict()` turns them off) or is
//! listed there as always on:
//!
//! | input | tolerance | default |
//! | --- | --- | --- |
//! | commands | keywords in any case (RFC 1939 §3) | always |
//! | commands | several spaces between arguments, trailing spaces (`allow_extra_spaces`) | on |
//! | commands | arguments over 40 characters (RFC 2449 §4), UTF-8 arguments (RFC 6856) | always |
//! | both | bare LF line ends (`bare_lf`, the policy of [`mail_sasl::line`]) | rejected |
//! | responses | lines over 512 octets (`max_line_len`) | up to 4096 |
//! | responses | a leading blank line before a status line (`skip_blank_lines`) | on |
//! | responses | the capability spelled `RESP_CODES` (`resp_codes_underscore`) | on |
//! | responses | lines a server forgot to dot-stuff, where detectable (`restore_unstuffed_dots`) | kept |
//! | responses | a multi-line response (`CAPA` included) split anywhere across reads | always |
//! | responses | unknown, hierarchical response codes kept (RFC 2449 §8) | always |
//!
//! # Status
//!
//! In place: the codec for every command and response of the RFCs above, and the
//! [`client::Client`] and [`server::Server`] state machines, used by the workspace's
//! `pop3-fetch` and `pop3d` examples (interop-tested against Dovecot and Python's poplib).
//! Still to come in the pop3-proto issue: the criterion benchmark.
//! SASL mechanisms, CRLF line framing and dot-stuffing come from the shared [`mail_sasl`]
//! crate so that no protocol crate carries its own copy.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
