//! Sans-IO POP3 for Rust.
//!
//! This crate is part of mailproto: bytes in, values and
//! bytes out. It performs no I/O, spawns no threads and needs no async runtime; the program that
//! embeds it owns the sockets, TLS and timers.
//!
//! # Specifications
//!
//! - RFC 1939 (POP3)
//! - RFC 2449 (CAPA, response codes)
//! - RFC 2595 (STLS)
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
//! # Status
//!
//! The crate layout is in place; the codec and state machines are built in the pop3-proto issue.
//! SASL mechanisms, CRLF line framing and dot-stuffing come from the shared [`mail_sasl`]
//! crate so that no protocol crate carries its own copy.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
