//! SCRAM building blocks (RFC 5802, RFC 7677): hash choice, stored credentials, client bounds,
//! and the message syntax shared by the client and server sessions.
//!
//! The exchanges themselves run in [`ClientSession`](crate::client::ClientSession) and
//! [`ServerSession`](crate::server::ServerSession). This module holds what the caller handles
//! directly: [`ScramCredentials`] (what a server stores instead of the password, RFC 5802 §3)
//! and [`ScramClientConfig`] (the iteration bounds a client accepts).
//!
//! Only the non-`PLUS` variants are implemented: a client never asks for channel binding
//! (it sends `n`), and a server rejects `p=` and accepts `y` (RFC 5802 §6), since it does not
//! advertise a `-PLUS` mechanism.

use core::fmt;

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::mechanism::Mechanism;

/// The hash function of a SCRAM mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScramHash {
    /// SHA-1: `SCRAM-SHA-1`, RFC 5802.
    Sha1,
    /// SHA-256: `SCRAM-SHA-256`, RFC 7677.
    Sha256,
}

impl ScramHash {
    /// The mechanism using this hash.
    pub const fn mechanism(self) -> Mechanism {
        match self {
            ScramHash::Sha1 => Mechanism::ScramSha1,
            ScramHash::Sha256 => Mechanism::ScramSha256,
        }
    }

    /// The hash for a SCRAM mechanism, `None` for the others.
    pub const fn for_mechanism(mechanism: Mechanism) -> Option<Self> {
        match mechanism {
            Mechanism::ScramSha1 => Some(ScramHash::Sha1),
            Mechanism::ScramSha256 => Some(ScramHash::Sha256),
            _ => None,
        }
    }

    /// Output length in bytes (the length of keys, proofs and signatures).
    pub const fn output_len(self) -> usize {
        match self {
            ScramHash::Sha1 => 20,
            ScramHash::Sha256 => 32,
        }
    }

    /// `HMAC(key, data)`.
    pub(crate) fn hmac(self, key: &[u8], data: &[u8]) -> Zeroizing<Vec<u8>> {
        // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
        match self {
            ScramHash::Sha1 => {
                let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(key).expect("hmac key");
                mac.update(data);
                Zeroizing::new(mac.finalize().into_bytes().to_vec())
            }
            ScramHash::Sha256 => {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("hmac key");
                mac.update(data);
                Zeroizing::new(mac.finalize().into_bytes().to_vec())
            }
        }
    }

    /// `H(data)`.
    pub(crate) fn hash(self, data: &[u8]) -> Zeroizing<Vec<u8>> {
        match self {
            ScramHash::Sha1 => Zeroizing::new(Sha1::digest(data).to_vec()),
            ScramHash::Sha256 => Zeroizing::new(Sha256::digest(data).to_vec()),
        }
    }

    /// `Hi(password, salt, i)`, which is PBKDF2 with HMAC (RFC 5802 §2.2). `iterations >= 1`.
    pub(crate) fn hi(self, password: &[u8], salt: &[u8], iterations: u32) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(vec![0u8; self.output_len()]);
        match self {
            ScramHash::Sha1 => pbkdf2::pbkdf2_hmac::<Sha1>(password, salt, iterations, &mut out),
            ScramHash::Sha256 => {
                pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, iterations, &mut out)
            }
        }
        out
    }

    /// `ClientKey` and `ServerKey` from a normalized password (RFC 5802 §3).
    pub(crate) fn keys(
        self,
        password: &str,
        salt: &[u8],
        iterations: u32,
    ) -> (Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>) {
        let salted = self.hi(password.as_bytes(), salt, iterations);
        (
            self.hmac(&salted, b"Client Key"),
            self.hmac(&salted, b"Server Key"),
        )
    }
}

/// What a SCRAM server stores for a user instead of the password (RFC 5802 §3): salt, iteration
/// count, `StoredKey = H(HMAC(SaltedPassword, "Client Key"))` and
/// `ServerKey = HMAC(SaltedPassword, "Server Key")`.
///
/// The keys are wiped on drop and redacted in `Debug`: whoever holds `ServerKey` can impersonate
/// the server, and `StoredKey` allows an offline dictionary attack.
///
/// ```
/// use mail_sasl::scram::{ScramCredentials, ScramHash};
///
/// let creds = ScramCredentials::derive(ScramHash::Sha256, "pencil", b"salt-bytes", 4096).unwrap();
/// assert_eq!(creds.stored_key().len(), 32);
/// assert!(!format!("{creds:?}").contains("pencil"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ScramCredentials {
    hash: ScramHash,
    salt: Vec<u8>,
    iterations: u32,
    stored_key: Zeroizing<Vec<u8>>,
    server_key: Zeroizing<Vec<u8>>,
}

impl ScramCredentials {
    /// Assembles stored credentials (for example read from a user database). The keys must have
    /// the hash's output length, the salt must not be empty and `iterations` must be at least 1.
    pub fn new(
        hash: ScramHash,
        salt: Vec<u8>,
        iterations: u32,
        stored_key: Vec<u8>,
        server_key: Vec<u8>,
    ) -> Result<Self, Error> {
        if salt.is_empty() {
            return Err(Error::InvalidArgument("empty salt"));
        }
        if iterations == 0 {
            return Err(Error::InvalidArgument("iteration count must be at least 1"));
        }
        if stored_key.len() != hash.output_len() || server_key.len() != hash.output_len() {
            return Err(Error::InvalidArgument("key length does not match the hash"));
        }
        Ok(Self {
            hash,
            salt,
            iterations,
            stored_key: Zeroizing::new(stored_key),
            server_key: Zeroizing::new(server_key),
        })
    }

    /// Derives the credentials from a password: SASLprep (RFC 4013) of the password, then
    /// PBKDF2 with `iterations` rounds (RFC 5802 §3). This costs `iterations` HMAC pairs; do it
    /// when the password is set, not at each login.
    pub fn derive(
        hash: ScramHash,
        password: &str,
        salt: &[u8],
        iterations: u32,
    ) -> Result<Self, Error> {
        if salt.is_empty() {
            return Err(Error::InvalidArgument("empty salt"));
        }
        if iterations == 0 {
            return Err(Error::InvalidArgument("iteration count must be at least 1"));
        }
        let password = saslprep(password)?;
        let (client_key, server_key) = hash.keys(&password, salt, iterations);
        Ok(Self {
            hash,
            salt: salt.to_vec(),
            iterations,
            stored_key: hash.hash(&client_key),
            server_key,
        })
    }

    /// Like [`ScramCredentials::derive`] with a fresh random 16-byte salt.
    pub fn generate(hash: ScramHash, password: &str, iterations: u32) -> Result<Self, Error> {
        let mut salt = [0u8; 16];
        crate::util::random_bytes(&mut salt)?;
        Self::derive(hash, password, &salt, iterations)
    }

    /// Random credentials that no password matches, used to answer for unknown users without
    /// revealing that they do not exist (RFC 5802 §9).
    pub(crate) fn decoy(hash: ScramHash) -> Result<Self, Error> {
        let mut salt = vec![0u8; 16];
        crate::util::random_bytes(&mut salt)?;
        let mut stored = vec![0u8; hash.output_len()];
        crate::util::random_bytes(&mut stored)?;
        let mut server = vec![0u8; hash.output_len()];
        crate::util::random_bytes(&mut server)?;
        Self::new(hash, salt, 4096, stored, server)
    }

    /// The hash these credentials were derived with.
    pub fn hash(&self) -> ScramHash {
        self.hash
    }

    /// The salt.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }

    /// The iteration count.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// `StoredKey`.
    pub fn stored_key(&self) -> &[u8] {
        &self.stored_key
    }

    /// `ServerKey`.
    pub fn server_key(&self) -> &[u8] {
        &self.server_key
    }
}

impl fmt::Debug for ScramCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScramCredentials")
            .field("hash", &self.hash)
            .field("salt_len", &self.salt.len())
            .field("iterations", &self.iterations)
            .field("stored_key", &"<redacted>")
            .field("server_key", &"<redacted>")
            .finish()
    }
}

/// Bounds a SCRAM client puts on the server's iteration count (`i=`).
///
/// A low count makes a stolen exchange cheap to brute-force; RFC 7677 §4 asks for at least
/// 4096. A huge count makes the client burn CPU on the server's say-so. Counts outside the
/// bounds fail with [`Error::IterationCount`] before any hashing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScramClientConfig {
    /// Smallest accepted count; default 4096 (RFC 7677 §4). Lower it (down to 1) only for
    /// servers known to need it.
    pub min_iterations: u32,
    /// Largest accepted count; default 1 000 000.
    pub max_iterations: u32,
}

impl Default for ScramClientConfig {
    fn default() -> Self {
        Self {
            min_iterations: 4096,
            max_iterations: 1_000_000,
        }
    }
}

/// SASLprep (RFC 4013) for user names and passwords, as RFC 5802 §5.1 requires.
pub(crate) fn saslprep(s: &str) -> Result<Zeroizing<String>, Error> {
    stringprep::saslprep(s)
        .map(|prepared| Zeroizing::new(prepared.into_owned()))
        .map_err(|_| Error::SaslPrep)
}

/// Escapes a `saslname` (RFC 5802 §5.1, RFC 7628 §3.1): `,` as `=2C`, `=` as `=3D`.
pub(crate) fn escape_saslname(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            ',' => out.push_str("=2C"),
            '=' => out.push_str("=3D"),
            c => out.push(c),
        }
    }
    out
}

/// Reverses [`escape_saslname`]; any other `=` sequence is malformed.
pub(crate) fn unescape_saslname(name: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(pos) = rest.find('=') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if tail.starts_with("=2C") {
            out.push(',');
        } else if tail.starts_with("=3D") {
            out.push('=');
        } else {
            return Err(Error::Malformed("bad escape in saslname"));
        }
        rest = &tail[3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A parsed GS2 header (RFC 5802 §7 `gs2-header`, reused by RFC 7628 §3.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gs2Header {
    /// The header exactly as sent, including the trailing comma.
    pub(crate) raw: String,
    /// The unescaped authorization identity.
    pub(crate) authzid: Option<String>,
}

/// Splits a GS2 header off the front of `message`. `p=` (channel binding requested) is refused.
pub(crate) fn parse_gs2_header(message: &str) -> Result<(Gs2Header, &str), Error> {
    let (flag, rest) = match message.as_bytes().first() {
        Some(b'n' | b'y') => message.split_at(1),
        Some(b'p') => return Err(Error::ChannelBinding),
        _ => return Err(Error::Malformed("gs2 header: bad channel binding flag")),
    };
    let rest = rest
        .strip_prefix(',')
        .ok_or(Error::Malformed("gs2 header: expected ','"))?;
    let end = rest
        .find(',')
        .ok_or(Error::Malformed("gs2 header: expected ','"))?;
    let authzid = match &rest[..end] {
        "" => None,
        a => {
            let name = a
                .strip_prefix("a=")
                .ok_or(Error::Malformed("gs2 header: expected 'a='"))?;
            if name.is_empty() {
                return Err(Error::Malformed("gs2 header: empty authzid"));
            }
            Some(unescape_saslname(name)?)
        }
    };
    let header_len = flag.len() + 1 + end + 1;
    Ok((
        Gs2Header {
            raw: message[..header_len].to_owned(),
            authzid,
        },
        &message[header_len..],
    ))
}

/// Iterates over the `x=value` attributes of a SCRAM message.
pub(crate) fn attributes(message: &str) -> impl Iterator<Item = Result<(u8, &str), Error>> {
    message.split(',').map(|attr| match attr.as_bytes() {
        [name, b'=', ..] if name.is_ascii_alphabetic() => Ok((*name, &attr[2..])),
        _ => Err(Error::Malformed("scram attribute")),
    })
}

/// Whether `nonce` is a valid SCRAM nonce: printable ASCII except `,` (RFC 5802 §7).
pub(crate) fn valid_nonce(nonce: &str) -> bool {
    !nonce.is_empty()
        && nonce
            .bytes()
            .all(|b| (0x21..=0x7e).contains(&b) && b != b',')
}

/// Keeps a server-supplied `e=` value printable and short, so it is safe to display.
pub(crate) fn sanitize_server_error(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(128)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saslname_escaping() {
        assert_eq!(escape_saslname("a,b=c"), "a=2Cb=3Dc");
        assert_eq!(unescape_saslname("a=2Cb=3Dc").unwrap(), "a,b=c");
        assert!(unescape_saslname("a=2").is_err());
        assert!(unescape_saslname("a=41").is_err());
    }

    #[test]
    fn gs2() {
        let (h, rest) = parse_gs2_header("n,,n=user,r=x").unwrap();
        assert_eq!(h.raw, "n,,");
        assert_eq!(h.authzid, None);
        assert_eq!(rest, "n=user,r=x");
        let (h, _) = parse_gs2_header("y,a=U=2Cx,n=u").unwrap();
        assert_eq!(h.raw, "y,a=U=2Cx,");
        assert_eq!(h.authzid.as_deref(), Some("U,x"));
        assert_eq!(
            parse_gs2_header("p=tls-unique,,n=u"),
            Err(Error::ChannelBinding)
        );
        assert!(parse_gs2_header("n,").is_err());
        assert!(parse_gs2_header("n,b=x,").is_err());
        assert!(parse_gs2_header("").is_err());
    }
}
