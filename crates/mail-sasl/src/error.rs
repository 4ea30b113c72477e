//! The error type shared by every part of the SASL layer.
//!
//! Messages are short and lowercase. They are built from fixed texts and from values that are
//! not secret (a mechanism name, an iteration count, the `e=` value a SCRAM server sent), so an
//! [`Error`] can be logged as is: it never carries a password, a token or a SASL response.

use crate::mechanism::UnknownMechanism;

/// Everything that can go wrong while framing or running a SASL exchange.
///
/// `Err` values describe protocol violations and misuse: a peer sent bytes that do not follow the
/// mechanism's grammar, or the caller called a method that the current state does not allow. A
/// clean "wrong password" on the server side is not an error but
/// [`ServerStep::Failure`](crate::server::ServerStep::Failure).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The mechanism name is not one this crate implements.
    #[error(transparent)]
    UnknownMechanism(#[from] UnknownMechanism),
    /// A payload is not valid base64 (RFC 4648 §4, padded).
    #[error("invalid base64")]
    Base64,
    /// A message that must be UTF-8 is not.
    #[error("invalid utf-8")]
    Utf8,
    /// A peer's message does not follow the mechanism's syntax; the text names the part.
    #[error("malformed message: {0}")]
    Malformed(&'static str),
    /// A value given to a constructor cannot be sent (for example a NUL inside a PLAIN user name).
    #[error("invalid argument: {0}")]
    InvalidArgument(&'static str),
    /// SASLprep (RFC 4013) rejected a user name or password, for example for a prohibited
    /// character or a bidirectional rule violation.
    #[error("saslprep rejected the string")]
    SaslPrep,
    /// The method cannot be called in the session's current state; the text says why.
    #[error("invalid state: {0}")]
    State(&'static str),
    /// The server sent a challenge after the mechanism had nothing more to say.
    #[error("unexpected challenge")]
    UnexpectedChallenge,
    /// The server sent additional data with its success indication that the mechanism does not
    /// define (RFC 4422 §3.6).
    #[error("unexpected additional data with success")]
    UnexpectedAdditionalData,
    /// A CRAM-MD5 client was asked for an initial response, or a server received one for a
    /// mechanism that does not allow it.
    #[error("initial response not allowed for this mechanism")]
    InitialResponseNotAllowed,
    /// The SCRAM iteration count announced by the server is outside the client's bounds
    /// ([`ScramClientConfig`](crate::scram::ScramClientConfig)).
    #[error("iteration count {0} out of bounds")]
    IterationCount(u32),
    /// The SCRAM server's nonce does not start with the client's nonce, or the client's final
    /// message repeats a different nonce.
    #[error("nonce mismatch")]
    NonceMismatch,
    /// The SCRAM server signature (`v=`) does not match: the server does not know the password
    /// (RFC 5802 §5.1). The session must be treated as failed even if the server said success.
    #[error("server signature mismatch")]
    ServerSignature,
    /// The SCRAM exchange ended without a server signature, so the server was not authenticated.
    #[error("server signature missing")]
    ServerSignatureMissing,
    /// A SCRAM server reported an error (`e=` in server-final-message, RFC 5802 §7).
    #[error("server error: {0}")]
    ScramServer(String),
    /// The client asked for channel binding (`p=`), which this implementation does not offer
    /// (no `-PLUS` mechanism), or used `y` while the server supports it.
    #[error("channel binding not supported")]
    ChannelBinding,
    /// The server rejected the OAuth token with an error challenge (RFC 7628 §3.2.2); the
    /// `status` field of the JSON error is included when present. The full error is available
    /// from [`ClientSession::oauth_error`](crate::client::ClientSession::oauth_error).
    #[error("token rejected: {0}")]
    TokenRejected(String),
    /// The operating system's random number generator failed.
    #[error("random source failed")]
    Random,
}
