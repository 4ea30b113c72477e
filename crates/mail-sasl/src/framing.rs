//! Base64 framing of SASL exchanges, shared by SMTP `AUTH`, POP3 `AUTH` and IMAP
//! `AUTHENTICATE`.
//!
//! The three protocols frame SASL the same way, and this module handles only the payload, never
//! the protocol prefix:
//!
//! | | SMTP (RFC 4954 §4) | POP3 (RFC 5034 §4) | IMAP (RFC 9051 §6.2.2, RFC 4959) |
//! | --- | --- | --- | --- |
//! | command with initial response | `AUTH PLAIN <b64>` | `AUTH PLAIN <b64>` | `a AUTHENTICATE PLAIN <b64>` (SASL-IR) |
//! | empty initial response | `AUTH X =` | `AUTH X =` | `a AUTHENTICATE X =` |
//! | server challenge | `334 <b64>` | `+ <b64>` | `+ <b64>` |
//! | client response | `<b64>` line | `<b64>` line | `<b64>` line |
//! | empty client response | empty line | empty line | empty line |
//! | client cancels | `*` | `*` | `*` |
//!
//! Strip `334 ` or `+ ` before calling [`decode_challenge`], and put it in front of what
//! [`encode_challenge`] returns; the `AUTH`/`AUTHENTICATE` verb and mechanism name belong to the
//! protocol crate as well.
//!
//! Decoding is strict base64 (RFC 4648 §4 alphabet with canonical `=` padding; RFC 4954 §4
//! requires servers to reject anything else) and tolerates only trailing whitespace (spaces,
//! tabs, CR, LF) that a line splitter may have left. One further tolerance: a lone `=` sent as a
//! continuation response is read as an empty response, as some clients send it there too.
//!
//! ```
//! use mail_sasl::framing::{self, ClientMessage};
//!
//! // SMTP client: `AUTH PLAIN` with an initial response.
//! assert_eq!(framing::encode_initial_response(b"\0tim\0tanstaaftanstaaf"), "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
//! assert_eq!(framing::encode_initial_response(b""), "=");
//!
//! // Server: reading a line sent after `334 `.
//! match framing::decode_response(b"*\r\n").unwrap() {
//!     ClientMessage::Cancel => {}
//!     ClientMessage::Response(_) => unreachable!(),
//! }
//! assert!(framing::decode_response(b"\r\n").unwrap().is_empty_response());
//! ```

use std::borrow::Cow;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::Error;
use crate::secret::Response;

/// The client's cancel line (RFC 4954 §4, RFC 5034 §4, RFC 9051 §6.2.2).
pub const CANCEL: &str = "*";

/// A decoded client line sent in answer to a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientMessage {
    /// A response (possibly empty).
    Response(Response),
    /// The client sent `*`: it abandons the exchange; the server must fail it (SMTP `501`,
    /// POP3 `-ERR`, IMAP `BAD`) and can report it with
    /// [`ServerSession::cancel`](crate::server::ServerSession::cancel).
    Cancel,
}

impl ClientMessage {
    /// Whether this is an empty response (neither data nor a cancel).
    pub fn is_empty_response(&self) -> bool {
        matches!(self, ClientMessage::Response(r) if r.is_empty())
    }
}

/// Encodes a client initial response for the command line: base64, or `=` when the response
/// is empty (RFC 4954 §4, RFC 5034 §4, RFC 4959 §3).
pub fn encode_initial_response(response: &[u8]) -> String {
    if response.is_empty() {
        "=".to_owned()
    } else {
        STANDARD.encode(response)
    }
}

/// Encodes a client response to a challenge: base64, or an empty string (an empty line on the
/// wire) when the response is empty.
pub fn encode_response(response: &[u8]) -> String {
    STANDARD.encode(response)
}

/// Encodes a server challenge (the part after `334 ` or `+ `): base64, or an empty string for an
/// empty challenge.
pub fn encode_challenge(challenge: &[u8]) -> String {
    STANDARD.encode(challenge)
}

/// Decodes a server challenge payload (the part after `334 ` or `+ `). An empty payload is an
/// empty challenge.
pub fn decode_challenge(payload: &[u8]) -> Result<Vec<u8>, Error> {
    decode_b64(trim_end(payload))
}

/// Decodes a client line sent in answer to a challenge: `*` cancels, an empty line is an empty
/// response, anything else must be base64.
pub fn decode_response(line: &[u8]) -> Result<ClientMessage, Error> {
    let line = trim_end(line);
    match line {
        b"*" => Ok(ClientMessage::Cancel),
        b"" | b"=" => Ok(ClientMessage::Response(Response::empty())),
        _ => decode_b64(line).map(|bytes| ClientMessage::Response(Response::new(bytes))),
    }
}

/// Decodes an initial response given with the command (`AUTH PLAIN <ir>`): `=` is the empty
/// response. An absent initial response is the protocol crate's `None`, so an empty argument
/// here is an error.
pub fn decode_initial_response(argument: &[u8]) -> Result<Response, Error> {
    match trim_end(argument) {
        b"=" => Ok(Response::empty()),
        b"" => Err(Error::Malformed("empty initial response (expected \"=\")")),
        arg => decode_b64(arg).map(Response::new),
    }
}

fn decode_b64(data: &[u8]) -> Result<Vec<u8>, Error> {
    if data.is_empty() {
        return Ok(Vec::new());
    }
    STANDARD.decode(data).map_err(|_| Error::Base64)
}

fn trim_end(mut data: &[u8]) -> &[u8] {
    while let [rest @ .., b' ' | b'\t' | b'\r' | b'\n'] = data {
        data = rest;
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strictness() {
        assert_eq!(decode_challenge(b"PDE4OTY+ \r\n").unwrap(), b"<1896>");
        assert_eq!(decode_challenge(b"").unwrap(), b"");
        assert_eq!(decode_challenge(b"PDE4OTY"), Err(Error::Base64));
        assert_eq!(decode_challenge(b" PDE4OTY+"), Err(Error::Base64));
        assert_eq!(decode_challenge(b"PDE4O!Y+"), Err(Error::Base64));
        assert_eq!(decode_initial_response(b"=").unwrap(), Response::empty());
        assert!(decode_initial_response(b"").is_err());
        assert!(matches!(decode_response(b"*"), Ok(ClientMessage::Cancel)));
        assert!(decode_response(b"=").unwrap().is_empty_response());
    }
}

/// The initial response argument of SMTP `AUTH` (RFC 4954 §4), POP3 `AUTH` (RFC 5034 §4) and
/// IMAP `AUTHENTICATE` with SASL-IR (RFC 4959), kept base64-encoded as it travels; `=` is the
/// empty response. Decode with [`decode`](Self::decode). Its `Debug` output never shows the
/// data, which carries credentials.
///
/// ```
/// use mail_sasl::framing::InitialResponse;
/// let ir = InitialResponse::encode(b"\0alice\0secret");
/// assert_eq!(ir.as_encoded(), "AGFsaWNlAHNlY3JldA==");
/// assert_eq!(format!("{ir:?}"), "InitialResponse(<redacted, 20 octets>)");
/// assert_eq!(InitialResponse::encode(b"").as_encoded(), "=");
/// assert!(InitialResponse::from_encoded("AG\r\n").is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct InitialResponse<'a>(Cow<'a, str>);

/// An [`InitialResponse`] argument that is empty or holds a byte outside the base64 alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("invalid initial response at byte {offset}")]
pub struct InvalidInitialResponse {
    /// The offset of the first bad byte (0 for an empty argument).
    pub offset: usize,
}

impl<'a> InitialResponse<'a> {
    /// Accepts an encoded argument: `=` or base64 characters (`A-Za-z0-9+/`, `=` padding).
    /// Strict base64 validity is checked by [`decode`](Self::decode).
    pub fn from_encoded(encoded: impl Into<Cow<'a, str>>) -> Result<Self, InvalidInitialResponse> {
        let encoded = encoded.into();
        let is_base64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        if encoded.is_empty() {
            return Err(InvalidInitialResponse { offset: 0 });
        }
        if let Some(offset) = encoded.bytes().position(|b| !is_base64(b)) {
            return Err(InvalidInitialResponse { offset });
        }
        Ok(Self(encoded))
    }

    /// Encodes response bytes (`=` when empty).
    pub fn encode(response: &[u8]) -> InitialResponse<'static> {
        InitialResponse(Cow::Owned(encode_initial_response(response)))
    }

    /// The encoded argument.
    pub fn as_encoded(&self) -> &str {
        &self.0
    }

    /// Decodes the response (strict base64; `=` is empty).
    pub fn decode(&self) -> Result<Response, Error> {
        decode_initial_response(self.0.as_bytes())
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> InitialResponse<'static> {
        InitialResponse(Cow::Owned(self.0.into_owned()))
    }
}

impl fmt::Debug for InitialResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InitialResponse(<redacted, {} octets>)", self.0.len())
    }
}
