//! Sans-IO Internet Message Format and MIME for Rust.
//!
//! This crate is part of mailproto: bytes in, values and bytes out. It performs no I/O, spawns
//! no threads and needs no async runtime. A message is a value, not a dialogue, so there is no
//! state machine here: the crate parses complete messages and (with the builder) produces them.
//!
//! # Specifications
//!
//! - RFC 5322 (Internet Message Format, with the obsolete syntax of §4)
//! - RFC 2045, 2046 (MIME: header fields, transfer encodings, multipart and message types)
//! - RFC 2047 (encoded words) with the language tags of RFC 2231 §5
//! - RFC 2183 (`Content-Disposition`), RFC 2231 (parameter continuations and charsets)
//! - RFC 6532 (UTF-8 header values, `message/global`)
//! - RFC 2369 and RFC 2919 (`List-*` fields), RFC 5321 §4.4 (`Received`)
//! - RFC 3501 §6.4.5 (IMAP section numbers of MIME parts)
//!
//! # Layout
//!
//! The same layers, with the same module names, exist in every mailproto protocol crate:
//!
//! - [`types`]: the parsed [`Message`](types::Message), its [`Part`](types::Part)s (MIME
//!   entities addressable by IMAP section number, with the byte ranges of header and body),
//!   [`Headers`](types::Headers) and [`HeaderField`](types::HeaderField)s with their exact raw
//!   bytes, and the typed values of fields: addresses and groups, date-times, content types and
//!   dispositions, transfer encodings, charsets, `Received` and `List-Id`;
//! - [`parse`]: the message parser, which never fails on a real message (malformed input
//!   degrades, it does not error), and lenient parsers for every structured field value, the
//!   RFC 2047 decoder and the transfer decoders;
//! - [`encode`]: re-serialization of a parsed message, byte for byte, and the
//!   [`MessageBuilder`](encode::MessageBuilder) for new messages (folding, RFC 2047 encoded
//!   words or RFC 6532 UTF-8, RFC 2231 parameters, the cheapest valid transfer encoding,
//!   boundaries that cannot collide, no header injection possible).
//!
//! ```
//! use rfc5322_msg::types::Message;
//!
//! let raw = b"From: =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>\r\n\
//!             Subject: =?utf-8?Q?caf=C3=A9?=\r\n\
//!             Date: Fri, 21 Nov 1997 09:55:06 -0600\r\n\
//!             \r\n\
//!             Hello.\r\n";
//! let msg = Message::parse(raw);
//! assert_eq!(msg.subject().as_deref(), Some("café"));
//! let from = msg.from();
//! assert_eq!(from[0].mailboxes()[0].name(), Some("Keld Jørn Simonsen"));
//! assert_eq!(msg.date().unwrap().to_rfc3339(), "1997-11-21T09:55:06-06:00");
//! assert_eq!(msg.part("1").unwrap().text(), "Hello.\r\n");
//! assert_eq!(msg.to_bytes(), raw);
//! ```
//!
//! # Tolerances
//!
//! Strict on output, tolerant on input; what is accepted is listed where it is parsed:
//! [`parse::parse_message`] (header/body boundary, line ends, multipart and encapsulation,
//! limits), the `parse` submodule docs of addresses, dates, message identifiers, MIME
//! parameters and encoded words, [`parse::decode_base64_into`] and
//! [`parse::decode_quoted_printable_into`], and [`types::Charset`] (charset labels).
//!
//! # Performance
//!
//! One pass over the input finds the header fields (`memchr` per line) and every boundary
//! delimiter (`memmem` for `\n--`); nothing is copied or decoded until a value is asked for,
//! and values that need no decoding borrow from the message.
//!
//! # Status
//!
//! In place: the parser, typed access, byte-exact re-serialization and the builder (addresses
//! and groups, address and id fields of the caller's choice, text and HTML alternatives, inline
//! parts, attachments, attached messages). Outside this crate: the `msg-dump` example of the
//! workspace (`cargo run --example msg-dump -- FILE` prints a message as JSON) and its
//! differential test against Python's email package (`tests/interop/test_msg_dump.py`), and the
//! `msg_parse` and `msg_build` fuzz targets. `tests/linear_time.rs` holds the parser to linear
//! time on 10 MB of pathological input (run it with `--release` for the real budget).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod encode;
pub mod parse;
pub mod types;
