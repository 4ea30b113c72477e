//! Sans-IO SASL (RFC 4422) for the mailproto protocol crates, plus the wire helpers they share.
//!
//! Everything here is a pure function of bytes: no sockets, no threads, no clocks. The crate
//! holds:
//!
//! - [`client::ClientSession`] and [`server::ServerSession`]: step machines for PLAIN
//!   (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195), XOAUTH2, OAUTHBEARER (RFC 7628), SCRAM-SHA-1
//!   (RFC 5802) and SCRAM-SHA-256 (RFC 7677). Challenge bytes in, response bytes out, an
//!   outcome at the end. The server never owns a user database: it asks the caller to check a
//!   password, look up SCRAM credentials or validate a token.
//! - [`mechanism::Mechanism`]: names, parsing, and picking the strongest advertised mechanism.
//! - [`framing`]: the base64 payload framing shared by SMTP `AUTH` (RFC 4954), POP3 `AUTH`
//!   (RFC 5034) and IMAP `AUTHENTICATE` (RFC 9051, RFC 4959): initial responses, `=` for an
//!   empty one, `*` to cancel.
//! - [`secret`]: [`secret::Secret`] and [`secret::Response`], which wipe themselves on drop
//!   and never print their contents.
//! - [`scram`] and [`oauth`]: SCRAM stored credentials and client bounds; the OAuth error JSON.
//! - [`line`](mod@line) and [`dot`](mod@dot): CRLF line framing and SMTP/POP3 dot-stuffing,
//!   used by the protocol crates outside of SASL.
//!
//! No `Debug` or `Display` output and no [`error::Error`] of this crate contains a password,
//! token or SASL response.
//!
//! # Example: PLAIN over SMTP
//!
//! ```
//! use mail_sasl::client::ClientSession;
//! use mail_sasl::framing;
//!
//! let mut client = ClientSession::plain(None, "tim", "tanstaaftanstaaf")?;
//! let ir = client.initial_response().expect("PLAIN is client-first");
//! let line = format!("AUTH {} {}", client.mechanism(), framing::encode_initial_response(ir.as_bytes()));
//! assert_eq!(line, "AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
//! // S: 235 2.7.0 Authentication successful
//! client.finish(None)?;
//! # Ok::<(), mail_sasl::error::Error>(())
//! ```
//!
//! See [`client`] and [`server`] for complete exchanges.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod dot;
pub mod error;
pub mod framing;
pub mod line;
pub mod mechanism;
pub mod oauth;
pub mod scram;
pub mod secret;
pub mod server;
mod util;

pub use client::ClientSession;
pub use error::Error;
pub use mechanism::Mechanism;
pub use secret::{Response, Secret};
pub use server::{ServerSession, ServerStep};
