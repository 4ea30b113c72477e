//! mailproto: sans-IO mail protocol libraries.
//!
//! This facade re-exports the protocol crates of the workspace, one cargo feature each (all on by
//! default), so a program can depend on `mailproto` alone or on a single protocol crate:
//!
//! | module | crate | feature | speaks |
//! | --- | --- | --- | --- |
//! | [`smtp`] | `smtp-proto` | `smtp` | SMTP, ESMTP, LMTP |
//! | [`pop3`] | `pop3-proto` | `pop3` | POP3 |
//! | [`imap`] | `imap-proto` | `imap` | IMAP4rev1, IMAP4rev2 |
//! | [`msg`] | `rfc5322-msg` | `msg` | RFC 5322 messages and MIME |
//! | [`sasl`] | `mail-sasl` | `sasl` | SASL mechanisms, line framing, dot-stuffing |
//!
//! No crate does I/O, spawns threads or needs an async runtime: bytes in, values and bytes out.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "imap")]
#[doc(inline)]
pub use imap_proto as imap;
#[cfg(feature = "sasl")]
#[doc(inline)]
pub use mail_sasl as sasl;
#[cfg(feature = "pop3")]
#[doc(inline)]
pub use pop3_proto as pop3;
#[cfg(feature = "msg")]
#[doc(inline)]
pub use rfc5322_msg as msg;
#[cfg(feature = "smtp")]
#[doc(inline)]
pub use smtp_proto as smtp;
