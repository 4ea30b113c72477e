//! Containers for secrets: passwords, tokens and the client's responses.
//!
//! Both types wipe their memory when dropped (through the [`zeroize`] crate) and print
//! `<redacted>` from `Debug` and `Display`, so a session, a step or an error can be logged
//! without leaking what it holds. Copies the caller makes with [`Secret::expose`] or
//! [`Response::as_bytes`] are the caller's to protect.

use core::fmt;

use zeroize::Zeroizing;

/// A secret string, such as a password or an OAuth bearer token.
///
/// ```
/// use mail_sasl::secret::Secret;
///
/// let password = Secret::new("tanstaaftanstaaf");
/// assert_eq!(format!("{password:?} {password}"), "<redacted> <redacted>");
/// assert_eq!(password.expose(), "tanstaaftanstaaf");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret string.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Zeroizing::new(secret.into()))
    }

    /// Gives read access to the secret.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The bytes of one client response (RFC 4422 §3), before base64 encoding.
///
/// A PLAIN or LOGIN response contains the password and an XOAUTH2 or OAUTHBEARER response the
/// token, so every response is treated as secret: it is wiped on drop and `Debug` shows only
/// its length. Encode it for the wire with [`framing`](crate::framing).
///
/// ```
/// use mail_sasl::secret::Response;
///
/// let response = Response::new(b"\0tim\0tanstaaftanstaaf".to_vec());
/// assert_eq!(format!("{response:?}"), "Response(<redacted, 21 bytes>)");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Response(Zeroizing<Vec<u8>>);

impl Response {
    /// Wraps response bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// An empty response (an empty line on the wire after a challenge).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The raw bytes, to be base64-encoded for the wire.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the response is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Response(<redacted, {} bytes>)", self.0.len())
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
