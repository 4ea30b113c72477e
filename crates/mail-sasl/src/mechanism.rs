//! SASL mechanism names (RFC 4422 §3.1) and the choice among those a server advertises.

use core::fmt;
use core::str::FromStr;

/// A SASL mechanism implemented by this crate.
///
/// Names are parsed case-insensitively (RFC 4422 §3.1 registers them in upper case, and SMTP,
/// POP3 and IMAP compare them without regard to case) and printed in their registered form.
///
/// ```
/// use mail_sasl::mechanism::Mechanism;
///
/// let m: Mechanism = "scram-sha-256".parse().unwrap();
/// assert_eq!(m, Mechanism::ScramSha256);
/// assert_eq!(m.to_string(), "SCRAM-SHA-256");
/// assert!("GSSAPI".parse::<Mechanism>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mechanism {
    /// `PLAIN`, RFC 4616: authzid, authcid and password in one message.
    Plain,
    /// `LOGIN`, draft-murchison-sasl-login: user name and password in two responses to prompts.
    Login,
    /// `CRAM-MD5`, RFC 2195: an HMAC-MD5 keyed with the password over a server challenge.
    CramMd5,
    /// `XOAUTH2`, Google's OAuth 2.0 bearer token mechanism.
    XOAuth2,
    /// `OAUTHBEARER`, RFC 7628: OAuth 2.0 bearer tokens with a GS2 header.
    OAuthBearer,
    /// `SCRAM-SHA-1`, RFC 5802.
    ScramSha1,
    /// `SCRAM-SHA-256`, RFC 7677.
    ScramSha256,
}

/// The kind of credential the client holds, for [`Mechanism::strongest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialKind {
    /// A password: SCRAM, CRAM-MD5, PLAIN and LOGIN can use it.
    Password,
    /// An OAuth 2.0 bearer token: OAUTHBEARER and XOAUTH2 can use it.
    Token,
}

/// A mechanism name this crate does not implement. The name itself is not kept (a hostile peer
/// could put anything there); only its length is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown mechanism ({len} bytes)")]
pub struct UnknownMechanism {
    len: usize,
}

impl Mechanism {
    /// Every mechanism, strongest first within each credential kind (see [`Mechanism::strongest`]).
    pub const ALL: [Mechanism; 7] = [
        Mechanism::ScramSha256,
        Mechanism::ScramSha1,
        Mechanism::CramMd5,
        Mechanism::Plain,
        Mechanism::Login,
        Mechanism::OAuthBearer,
        Mechanism::XOAuth2,
    ];

    /// The registered name, in upper case.
    pub const fn as_str(self) -> &'static str {
        match self {
            Mechanism::Plain => "PLAIN",
            Mechanism::Login => "LOGIN",
            Mechanism::CramMd5 => "CRAM-MD5",
            Mechanism::XOAuth2 => "XOAUTH2",
            Mechanism::OAuthBearer => "OAUTHBEARER",
            Mechanism::ScramSha1 => "SCRAM-SHA-1",
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
        }
    }

    /// Parses a mechanism name as it appears on the wire (`AUTH=` capability, `250-AUTH` line,
    /// `AUTH` command argument), ignoring ASCII case.
    pub fn from_bytes(name: &[u8]) -> Result<Self, UnknownMechanism> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str().as_bytes().eq_ignore_ascii_case(name))
            .ok_or(UnknownMechanism { len: name.len() })
    }

    /// Whether the client speaks first (RFC 4422 §3.3): such a mechanism can send an initial
    /// response with the command (SMTP `AUTH X ir`, IMAP SASL-IR, POP3 `AUTH X ir`). LOGIN and
    /// CRAM-MD5 wait for the server.
    pub const fn is_client_first(self) -> bool {
        !matches!(self, Mechanism::Login | Mechanism::CramMd5)
    }

    /// Whether the mechanism sends the password itself (PLAIN, LOGIN) rather than a proof of it;
    /// such mechanisms should only be used under TLS (RFC 4616 §4).
    pub const fn reveals_password(self) -> bool {
        matches!(self, Mechanism::Plain | Mechanism::Login)
    }

    /// Which credential the mechanism needs.
    pub const fn credential_kind(self) -> CredentialKind {
        match self {
            Mechanism::XOAuth2 | Mechanism::OAuthBearer => CredentialKind::Token,
            _ => CredentialKind::Password,
        }
    }

    /// Picks the strongest mechanism a client holding `credential` can use among the names a
    /// server advertised. Unknown names are ignored.
    ///
    /// Order for a password: SCRAM-SHA-256, SCRAM-SHA-1, CRAM-MD5, PLAIN, LOGIN (mechanisms that
    /// do not put the password on the wire first). For a token: OAUTHBEARER, then XOAUTH2.
    ///
    /// ```
    /// use mail_sasl::mechanism::{CredentialKind, Mechanism};
    ///
    /// let offered = ["LOGIN", "PLAIN", "scram-sha-1", "XOAUTH2"];
    /// assert_eq!(Mechanism::strongest(offered, CredentialKind::Password), Some(Mechanism::ScramSha1));
    /// assert_eq!(Mechanism::strongest(offered, CredentialKind::Token), Some(Mechanism::XOAuth2));
    /// assert_eq!(Mechanism::strongest(["GSSAPI"], CredentialKind::Password), None);
    /// ```
    pub fn strongest<I, S>(advertised: I, credential: CredentialKind) -> Option<Mechanism>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        advertised
            .into_iter()
            .filter_map(|name| Mechanism::from_bytes(name.as_ref()).ok())
            .filter(|m| m.credential_kind() == credential)
            .min_by_key(|m| Self::ALL.iter().position(|x| x == m))
    }
}

impl fmt::Display for Mechanism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mechanism {
    type Err = UnknownMechanism;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_bytes(s.as_bytes())
    }
}

impl TryFrom<&[u8]> for Mechanism {
    type Error = UnknownMechanism;

    fn try_from(value: &[u8]) -> Result<Self, Self::Error> {
        Self::from_bytes(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Mechanism::ALL {
            assert_eq!(m.as_str().parse::<Mechanism>(), Ok(m));
            assert_eq!(
                Mechanism::from_bytes(m.as_str().to_ascii_lowercase().as_bytes()),
                Ok(m)
            );
        }
        assert!(Mechanism::from_bytes(b"").is_err());
        assert!(Mechanism::from_bytes(b"SCRAM-SHA-256-PLUS").is_err());
    }

    #[test]
    fn strongest_prefers_scram() {
        let offered: [&[u8]; 4] = [b"PLAIN", b"LOGIN", b"CRAM-MD5", b"SCRAM-SHA-256"];
        assert_eq!(
            Mechanism::strongest(offered, CredentialKind::Password),
            Some(Mechanism::ScramSha256)
        );
        assert_eq!(Mechanism::strongest(offered, CredentialKind::Token), None);
    }
}
