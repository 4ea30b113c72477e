//! Sans-IO the Internet Message Format and MIME for Rust.
//!
//! This crate is part of mailproto: bytes in, values and
//! bytes out. It performs no I/O, spawns no threads and needs no async runtime; the program that
//! embeds it owns the sockets, TLS and timers.
//!
//! # Specifications
//!
//! - RFC 5322 (Internet Message Format, with the obsolete syntax of §4)
//! - RFC 2045–2049 (MIME)
//! - RFC 2047 (encoded words)
//! - RFC 2231 (parameter value continuations and charsets)
//! - RFC 6532 (UTF-8 headers)
//!
//! # Layout
//!
//! The same three layers, with the same module names, exist in every mailproto protocol crate:
//!
//! - [`types`]: header fields with their raw bytes, addresses and groups, date-times, content types and dispositions, the MIME part tree;
//! - [`parse`] and [`encode`]: a lenient parser that never fails on a real message: malformed input degrades, it does not error; a builder that folds header lines, chooses transfer encodings and emits encoded words;
//! - [`client`] and [`server`]: the state machines, driven with `receive` / `poll_event` /
//!   `poll_transmit`.
//!
//! # Status
//!
//! The crate layout is in place; the codec and state machines are built in the rfc5322-msg issue.
//! Charset decoding uses `encoding_rs`; base64 uses the `base64` crate.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod encode;
pub mod parse;
pub mod server;
pub mod types;
