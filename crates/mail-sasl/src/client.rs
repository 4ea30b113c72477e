//! The client side of every mechanism, as one step machine: [`ClientSession`].
//!
//! A session is built for one mechanism and one set of credentials, then driven by the caller:
//!
//! 1. [`ClientSession::initial_response`] gives the response to send with the command when the
//!    protocol allows it (SMTP `AUTH X <ir>`, IMAP SASL-IR, POP3 `AUTH X <ir>`); mechanisms where
//!    the server speaks first (LOGIN, CRAM-MD5) return `None`.
//! 2. Each server challenge (after `334 ` or `+ `, decoded with
//!    [`framing::decode_challenge`](crate::framing::decode_challenge)) goes to
//!    [`ClientSession::step`], which returns the [`Response`] to send. A client-first mechanism
//!    that has not sent its initial response sends it in answer to the first (empty) challenge
//!    (RFC 4422 §3.3).
//! 3. When the server reports success (`235`, `+OK`, `OK`), [`ClientSession::finish`] checks
//!    that the exchange really is complete, with the additional data of the success indication
//!    if the protocol carries any (RFC 4422 §3.6). For SCRAM this is where the server
//!    signature must have been verified: a server that says "success" without proving it knows
//!    the password makes `finish` fail.
//!
//! When the server reports failure, the session is simply dropped; for OAuth mechanisms
//! [`ClientSession::oauth_error`] holds the reason the server gave.
//!
//! # Example
//!
//! ```
//! use mail_sasl::client::ClientSession;
//! use mail_sasl::server::{ServerSession, ServerStep};
//! use mail_sasl::scram::{ScramCredentials, ScramHash};
//!
//! let mut client = ClientSession::scram_sha256("user", "pencil")?;
//! let mut server = ServerSession::scram_sha256();
//! let creds = ScramCredentials::derive(ScramHash::Sha256, "pencil", b"NaCl", 4096)?;
//!
//! // C: AUTH SCRAM-SHA-256 <client-first>
//! let ir = client.initial_response().expect("scram is client-first");
//! let mut step = server.start(Some(ir.as_bytes()))?;
//! loop {
//!     step = match step {
//!         ServerStep::NeedsScramCredentials { .. } => server.provide_scram_credentials(Some(creds.clone()))?,
//!         ServerStep::Challenge(challenge) => {
//!             let response = client.step(&challenge)?; // S: 334 <challenge>  C: <response>
//!             server.step(response.as_bytes())?
//!         }
//!         ServerStep::Success { authcid, .. } => {
//!             assert_eq!(authcid, "user");
//!             client.finish(None)?; // S: 235: the server signature was verified
//!             break;
//!         }
//!         other => panic!("unexpected {other:?}"),
//!     };
//! }
//! assert!(client.is_authenticated());
//! # Ok::<(), mail_sasl::error::Error>(())
//! ```

use core::fmt;

use hmac::{Hmac, Mac};
use md5::Md5;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::mechanism::Mechanism;
use crate::oauth::{self, OAuthError};
use crate::scram::{self, ScramClientConfig, ScramHash};
use crate::secret::{Response, Secret};
use crate::util;

/// A client-side SASL exchange for one mechanism.
///
/// `Debug` shows the mechanism and the phase only, never credentials.
pub struct ClientSession {
    mechanism: Mechanism,
    kind: Kind,
    phase: Phase,
    oauth_error: Option<OAuthError>,
}

enum Kind {
    /// PLAIN: the one message, built at construction.
    Plain {
        message: Response,
    },
    Login {
        user: Secret,
        password: Secret,
    },
    CramMd5 {
        user: String,
        password: Secret,
    },
    /// XOAUTH2 and OAUTHBEARER: the one message and the dummy reply to an error challenge.
    OAuth {
        message: Response,
        dummy: &'static [u8],
    },
    Scram(Box<ScramState>),
}

struct ScramState {
    hash: ScramHash,
    config: ScramClientConfig,
    /// Prepared (SASLprep) and escaped user name.
    username: String,
    authzid: Option<String>,
    /// Prepared password.
    password: Zeroizing<String>,
    nonce: String,
    client_first_bare: String,
    server_signature: Zeroizing<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Nothing sent yet.
    Start,
    /// LOGIN: the user name was sent.
    LoginSentUser,
    /// A client-first mechanism sent its first message.
    SentFirst,
    /// SCRAM: client-final sent, waiting for server-final.
    ScramSentFinal,
    /// SCRAM: the server signature was verified.
    ScramVerified,
    /// Everything the mechanism sends has been sent.
    Done,
    /// An OAuth error challenge was received and answered with the dummy reply.
    OAuthRejected,
    /// `finish` succeeded.
    Authenticated,
    /// An error occurred; the session cannot go on.
    Failed,
}

impl fmt::Debug for ClientSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSession")
            .field("mechanism", &self.mechanism)
            .field("phase", &self.phase)
            .field("oauth_error", &self.oauth_error)
            .finish_non_exhaustive()
    }
}

fn reject_nul(s: &str, what: &'static str) -> Result<(), Error> {
    if s.contains('\0') {
        Err(Error::InvalidArgument(what))
    } else {
        Ok(())
    }
}

impl ClientSession {
    fn new(mechanism: Mechanism, kind: Kind) -> Self {
        Self {
            mechanism,
            kind,
            phase: Phase::Start,
            oauth_error: None,
        }
    }

    // ----- constructors -------------------------------------------------------------------

    /// PLAIN (RFC 4616 §2): `[authzid] NUL authcid NUL password`. An empty `authzid` is the same
    /// as `None` (act as `authcid`). `authcid` and `password` must be non-empty, and no part may
    /// contain NUL.
    pub fn plain(authzid: Option<&str>, authcid: &str, password: &str) -> Result<Self, Error> {
        let authzid = authzid.unwrap_or("");
        reject_nul(authzid, "nul in authzid")?;
        reject_nul(authcid, "nul in authcid")?;
        reject_nul(password, "nul in password")?;
        if authcid.is_empty() || password.is_empty() {
            return Err(Error::InvalidArgument("empty authcid or password"));
        }
        let mut message = Vec::with_capacity(authzid.len() + authcid.len() + password.len() + 2);
        message.extend_from_slice(authzid.as_bytes());
        message.push(0);
        message.extend_from_slice(authcid.as_bytes());
        message.push(0);
        message.extend_from_slice(password.as_bytes());
        Ok(Self::new(
            Mechanism::Plain,
            Kind::Plain {
                message: Response::new(message),
            },
        ))
    }

    /// LOGIN: the user name in answer to the first prompt, the password in answer to the second.
    /// The prompts' text is ignored (servers word them differently), only their count matters.
    pub fn login(user: &str, password: &str) -> Result<Self, Error> {
        if user.is_empty() {
            return Err(Error::InvalidArgument("empty user"));
        }
        Ok(Self::new(
            Mechanism::Login,
            Kind::Login {
                user: Secret::new(user),
                password: Secret::new(password),
            },
        ))
    }

    /// CRAM-MD5 (RFC 2195): answers the server's challenge with
    /// `user SP hex(HMAC-MD5(password, challenge))`.
    pub fn cram_md5(user: &str, password: &str) -> Result<Self, Error> {
        if user.is_empty() {
            return Err(Error::InvalidArgument("empty user"));
        }
        Ok(Self::new(
            Mechanism::CramMd5,
            Kind::CramMd5 {
                user: user.to_owned(),
                password: Secret::new(password),
            },
        ))
    }

    /// XOAUTH2 (Google): `user=<user>^Aauth=Bearer <token>^A^A`. If the server answers with an
    /// error challenge the session replies with an empty response and records the error.
    pub fn xoauth2(user: &str, token: &str) -> Result<Self, Error> {
        oauth::check_client_args(user, token, None)?;
        Ok(Self::new(
            Mechanism::XOAuth2,
            Kind::OAuth {
                message: Response::new(oauth::xoauth2_message(user, token)),
                dummy: b"",
            },
        ))
    }

    /// OAUTHBEARER (RFC 7628 §3.1). `user` becomes the GS2 `a=` authorization identity; `host`
    /// and `port` are the server the client connected to, which RFC 7628 asks clients to send.
    /// If the server answers with an error challenge the session replies `%x01` (§3.2.3) and
    /// records the error.
    pub fn oauthbearer(
        user: Option<&str>,
        token: &str,
        host: Option<&str>,
        port: Option<u16>,
    ) -> Result<Self, Error> {
        oauth::check_client_args(user.unwrap_or(""), token, host)?;
        if user == Some("") {
            return Err(Error::InvalidArgument("empty user"));
        }
        Ok(Self::new(
            Mechanism::OAuthBearer,
            Kind::OAuth {
                message: Response::new(oauth::oauthbearer_message(user, token, host, port)),
                dummy: b"\x01",
            },
        ))
    }

    /// SCRAM-SHA-1 (RFC 5802). See [`ClientSession::scram`].
    pub fn scram_sha1(user: &str, password: &str) -> Result<Self, Error> {
        Self::scram(ScramHash::Sha1, user, password)
    }

    /// SCRAM-SHA-256 (RFC 7677). See [`ClientSession::scram`].
    pub fn scram_sha256(user: &str, password: &str) -> Result<Self, Error> {
        Self::scram(ScramHash::Sha256, user, password)
    }

    /// SCRAM with the given hash. The user name and the password are prepared with SASLprep
    /// (RFC 4013, as RFC 5802 §5.1 requires), which fails with [`Error::SaslPrep`] for
    /// prohibited characters. A random nonce is drawn from the operating system; the iteration
    /// bounds are [`ScramClientConfig::default`]. Adjust with [`ClientSession::with_authzid`],
    /// [`ClientSession::with_nonce`] and [`ClientSession::with_scram_config`].
    pub fn scram(hash: ScramHash, user: &str, password: &str) -> Result<Self, Error> {
        let username = scram::saslprep(user)?;
        if username.is_empty() {
            return Err(Error::InvalidArgument("empty user"));
        }
        let password = scram::saslprep(password)?;
        if password.is_empty() {
            return Err(Error::InvalidArgument("empty password"));
        }
        Ok(Self::new(
            hash.mechanism(),
            Kind::Scram(Box::new(ScramState {
                hash,
                config: ScramClientConfig::default(),
                username: scram::escape_saslname(&username),
                authzid: None,
                password,
                nonce: util::random_nonce()?,
                client_first_bare: String::new(),
                server_signature: Zeroizing::new(Vec::new()),
            })),
        ))
    }

    fn scram_before_start(&mut self) -> Result<&mut ScramState, Error> {
        if self.phase != Phase::Start {
            return Err(Error::State("already started"));
        }
        match &mut self.kind {
            Kind::Scram(state) => Ok(state),
            _ => Err(Error::State("not a scram session")),
        }
    }

    /// SCRAM: asks to act as `authzid` (GS2 header `n,a=authzid,`, RFC 5802 §7).
    pub fn with_authzid(mut self, authzid: &str) -> Result<Self, Error> {
        if authzid.is_empty() {
            return Err(Error::InvalidArgument("empty authzid"));
        }
        let prepared = scram::saslprep(authzid)?;
        self.scram_before_start()?.authzid = Some(scram::escape_saslname(&prepared));
        Ok(self)
    }

    /// SCRAM: uses a fixed client nonce instead of a random one. For test vectors only: a
    /// repeated nonce lets an attacker replay an exchange. The nonce must be printable ASCII
    /// without `,`.
    pub fn with_nonce(mut self, nonce: &str) -> Result<Self, Error> {
        if !scram::valid_nonce(nonce) {
            return Err(Error::InvalidArgument(
                "nonce must be printable ascii without ','",
            ));
        }
        self.scram_before_start()?.nonce = nonce.to_owned();
        Ok(self)
    }

    /// SCRAM: sets the accepted iteration count bounds.
    pub fn with_scram_config(mut self, config: ScramClientConfig) -> Result<Self, Error> {
        if config.min_iterations > config.max_iterations {
            return Err(Error::InvalidArgument("min_iterations > max_iterations"));
        }
        self.scram_before_start()?.config = config;
        Ok(self)
    }

    // ----- getters ------------------------------------------------------------------------

    /// The mechanism, for the `AUTH`/`AUTHENTICATE` command.
    pub fn mechanism(&self) -> Mechanism {
        self.mechanism
    }

    /// The error JSON an OAuth server sent when it rejected the token, if it did.
    pub fn oauth_error(&self) -> Option<&OAuthError> {
        self.oauth_error.as_ref()
    }

    /// Whether [`ClientSession::finish`] succeeded.
    pub fn is_authenticated(&self) -> bool {
        self.phase == Phase::Authenticated
    }

    // ----- inputs and outputs -------------------------------------------------------------

    /// The initial response to send with the command, for client-first mechanisms; `None` for
    /// LOGIN and CRAM-MD5, and once the exchange has started. Calling it is optional: without
    /// it, the first (empty) challenge gets the same response from [`ClientSession::step`].
    pub fn initial_response(&mut self) -> Option<Response> {
        if self.phase != Phase::Start || !self.mechanism.is_client_first() {
            return None;
        }
        Some(self.first_message())
    }

    fn first_message(&mut self) -> Response {
        match &mut self.kind {
            Kind::Plain { message } => {
                self.phase = Phase::Done;
                message.clone()
            }
            Kind::OAuth { message, .. } => {
                self.phase = Phase::SentFirst;
                message.clone()
            }
            Kind::Scram(s) => {
                let gs2 = s.gs2_header();
                s.client_first_bare = format!("n={},r={}", s.username, s.nonce);
                self.phase = Phase::SentFirst;
                Response::new(format!("{gs2}{}", s.client_first_bare).into_bytes())
            }
            // Not client-first; callers check `is_client_first` first.
            Kind::Login { .. } | Kind::CramMd5 { .. } => Response::empty(),
        }
    }

    /// Processes one server challenge (already base64-decoded) and returns the response to
    /// send. An error leaves the session failed; the caller should cancel the exchange (send
    /// `*`) or drop the connection.
    pub fn step(&mut self, challenge: &[u8]) -> Result<Response, Error> {
        let result = self.step_inner(challenge);
        if result.is_err() {
            self.phase = Phase::Failed;
        }
        result
    }

    fn step_inner(&mut self, challenge: &[u8]) -> Result<Response, Error> {
        match (self.phase, &mut self.kind) {
            (Phase::Failed, _) => Err(Error::State("session failed")),
            (Phase::Authenticated, _) => Err(Error::State("session finished")),
            (Phase::Start, _) if self.mechanism.is_client_first() => {
                if !challenge.is_empty() {
                    return Err(Error::Malformed("expected an empty challenge"));
                }
                Ok(self.first_message())
            }
            (Phase::Start, Kind::Login { user, .. }) => {
                let response = Response::new(user.expose().as_bytes().to_vec());
                self.phase = Phase::LoginSentUser;
                Ok(response)
            }
            (Phase::LoginSentUser, Kind::Login { password, .. }) => {
                let response = Response::new(password.expose().as_bytes().to_vec());
                self.phase = Phase::Done;
                Ok(response)
            }
            (Phase::Start, Kind::CramMd5 { user, password }) => {
                if challenge.is_empty() {
                    return Err(Error::Malformed("empty cram-md5 challenge"));
                }
                let digest = cram_md5_digest(password.expose().as_bytes(), challenge);
                let mut response = Vec::with_capacity(user.len() + 33);
                response.extend_from_slice(user.as_bytes());
                response.push(b' ');
                response.extend_from_slice(util::hex(&digest).as_bytes());
                self.phase = Phase::Done;
                Ok(Response::new(response))
            }
            (Phase::SentFirst, Kind::OAuth { dummy, .. }) => {
                let error = OAuthError::parse(challenge);
                self.oauth_error = Some(error);
                self.phase = Phase::OAuthRejected;
                Ok(Response::new(dummy.to_vec()))
            }
            (Phase::SentFirst, Kind::Scram(s)) => {
                let response = s.server_first(challenge)?;
                self.phase = Phase::ScramSentFinal;
                Ok(response)
            }
            (Phase::ScramSentFinal, Kind::Scram(s)) => {
                s.server_final(challenge)?;
                self.phase = Phase::ScramVerified;
                Ok(Response::empty())
            }
            _ => Err(Error::UnexpectedChallenge),
        }
    }

    /// Call when the server reports success, with the additional data that came with the
    /// success indication if the protocol carries it (RFC 4422 §3.6); SMTP, POP3 and IMAP send
    /// such data as a last challenge instead, so they pass `None`.
    ///
    /// Fails if the exchange is not complete from the client's point of view: for SCRAM, if the
    /// server signature was not received or does not match ([`Error::ServerSignatureMissing`],
    /// [`Error::ServerSignature`]) — the connection must then be treated as not authenticated;
    /// for OAuth mechanisms, if the server rejected the token ([`Error::TokenRejected`]).
    pub fn finish(&mut self, additional_data: Option<&[u8]>) -> Result<(), Error> {
        let data = additional_data.filter(|d| !d.is_empty());
        let result = match (self.phase, &mut self.kind) {
            (Phase::Authenticated, _) => Ok(()),
            (Phase::Failed, _) => Err(Error::State("session failed")),
            (Phase::OAuthRejected, _) => Err(Error::TokenRejected(
                self.oauth_error
                    .as_ref()
                    .and_then(OAuthError::status)
                    .map(|s| s.chars().filter(|c| !c.is_control()).take(64).collect())
                    .unwrap_or_default(),
            )),
            (Phase::ScramSentFinal, Kind::Scram(s)) => match data {
                Some(d) => s.server_final(d),
                None => Err(Error::ServerSignatureMissing),
            },
            (Phase::SentFirst, Kind::Scram(_)) => Err(Error::ServerSignatureMissing),
            (Phase::Done | Phase::ScramVerified, _) | (Phase::SentFirst, Kind::OAuth { .. }) => {
                match data {
                    Some(_) => Err(Error::UnexpectedAdditionalData),
                    None => Ok(()),
                }
            }
            _ => Err(Error::State("exchange not complete")),
        };
        self.phase = if result.is_ok() {
            Phase::Authenticated
        } else {
            Phase::Failed
        };
        result
    }
}

/// `HMAC-MD5(key, challenge)` (RFC 2195 §2, RFC 2104).
pub(crate) fn cram_md5_digest(key: &[u8], challenge: &[u8]) -> Zeroizing<Vec<u8>> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = <Hmac<Md5> as Mac>::new_from_slice(key).expect("hmac key");
    mac.update(challenge);
    Zeroizing::new(mac.finalize().into_bytes().to_vec())
}

impl ScramState {
    fn gs2_header(&self) -> String {
        match &self.authzid {
            Some(a) => format!("n,a={a},"),
            None => "n,,".to_owned(),
        }
    }

    /// Handles server-first-message (RFC 5802 §7) and builds client-final-message.
    fn server_first(&mut self, challenge: &[u8]) -> Result<Response, Error> {
        let server_first = core::str::from_utf8(challenge).map_err(|_| Error::Utf8)?;
        let mut attrs = scram::attributes(server_first);
        let (name, value) = attrs
            .next()
            .ok_or(Error::Malformed("empty server-first-message"))??;
        let nonce = match name {
            b'r' => value,
            b'e' => return Err(Error::ScramServer(scram::sanitize_server_error(value))),
            b'm' => return Err(Error::Malformed("unsupported mandatory extension")),
            _ => return Err(Error::Malformed("server-first-message: expected r=")),
        };
        if !nonce.starts_with(&self.nonce)
            || nonce.len() == self.nonce.len()
            || !scram::valid_nonce(nonce)
        {
            return Err(Error::NonceMismatch);
        }
        let salt = match attrs.next() {
            Some(Ok((b's', v))) => util::unb64(v.as_bytes())?,
            Some(Err(e)) => return Err(e),
            _ => return Err(Error::Malformed("server-first-message: expected s=")),
        };
        if salt.is_empty() {
            return Err(Error::Malformed("empty salt"));
        }
        let iterations = match attrs.next() {
            Some(Ok((b'i', v))) => parse_iterations(v)?,
            Some(Err(e)) => return Err(e),
            _ => return Err(Error::Malformed("server-first-message: expected i=")),
        };
        // Extensions after i= are allowed and ignored (RFC 5802 §7 `server-first-message`),
        // but must still be well-formed.
        for attr in attrs {
            attr?;
        }
        if iterations < self.config.min_iterations || iterations > self.config.max_iterations {
            return Err(Error::IterationCount(iterations));
        }

        let without_proof = format!("c={},r={nonce}", util::b64(self.gs2_header().as_bytes()));
        let auth_message = format!("{},{server_first},{without_proof}", self.client_first_bare);
        let (client_key, server_key) = self.hash.keys(&self.password, &salt, iterations);
        let stored_key = self.hash.hash(&client_key);
        let client_signature = self.hash.hmac(&stored_key, auth_message.as_bytes());
        let proof: Zeroizing<Vec<u8>> = Zeroizing::new(
            client_key
                .iter()
                .zip(client_signature.iter())
                .map(|(k, s)| k ^ s)
                .collect(),
        );
        self.server_signature = self.hash.hmac(&server_key, auth_message.as_bytes());
        Ok(Response::new(
            format!("{without_proof},p={}", util::b64(&proof)).into_bytes(),
        ))
    }

    /// Verifies server-final-message (RFC 5802 §7): `v=` must match in constant time.
    fn server_final(&mut self, message: &[u8]) -> Result<(), Error> {
        let text = core::str::from_utf8(message).map_err(|_| Error::Utf8)?;
        let mut attrs = scram::attributes(text);
        match attrs.next() {
            Some(Ok((b'v', v))) => {
                for attr in attrs {
                    attr?;
                }
                let signature = util::unb64(v.as_bytes())?;
                if self.server_signature.is_empty()
                    || !util::ct_eq(&signature, &self.server_signature)
                {
                    return Err(Error::ServerSignature);
                }
                Ok(())
            }
            Some(Ok((b'e', v))) => Err(Error::ScramServer(scram::sanitize_server_error(v))),
            Some(Err(e)) => Err(e),
            _ => Err(Error::Malformed("server-final-message: expected v= or e=")),
        }
    }
}

fn parse_iterations(value: &str) -> Result<u32, Error> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) || value.starts_with('0') {
        return Err(Error::Malformed("bad iteration count"));
    }
    // Too many digits for a u32 is certainly out of bounds.
    value
        .parse::<u32>()
        .map_err(|_| Error::IterationCount(u32::MAX))
}
