//! The server side of every mechanism, as one step machine: [`ServerSession`].
//!
//! The machine never owns a user database and never blocks. Whenever it needs a decision it
//! returns a `Needs*` [`ServerStep`] naming what it needs, and the caller answers with the
//! matching method; every method returns the next step:
//!
//! | step | answer with |
//! | --- | --- |
//! | [`ServerStep::Challenge`] | send it (`334 <b64>` / `+ <b64>`), then pass the client's next line to [`ServerSession::step`] (or [`ServerSession::receive_line`]) |
//! | [`ServerStep::NeedsPasswordCheck`] (PLAIN, LOGIN) | [`ServerSession::password_checked`] |
//! | [`ServerStep::NeedsPassword`] (CRAM-MD5) | [`ServerSession::provide_password`] |
//! | [`ServerStep::NeedsScramCredentials`] (SCRAM) | [`ServerSession::provide_scram_credentials`] |
//! | [`ServerStep::NeedsTokenCheck`] (XOAUTH2, OAUTHBEARER) | [`ServerSession::token_checked`] |
//! | [`ServerStep::Success`] / [`ServerStep::Failure`] | report the outcome (`235`/`535`, `+OK`/`-ERR`, `OK`/`NO`) |
//!
//! `Err` from any method means the client broke the mechanism's syntax (report it as a syntax
//! error: SMTP `501`, POP3 `-ERR`, IMAP `BAD`) or the caller called a method out of turn; the
//! session is then finished. A client cancel (`*`) is [`ServerSession::cancel`], which yields
//! [`FailureReason::Cancelled`].
//!
//! # Example
//!
//! ```
//! use mail_sasl::server::{FailureReason, ServerSession, ServerStep};
//!
//! let mut server = ServerSession::plain();
//! // C: AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm
//! let step = server.start(Some(b"\0tim\0tanstaaftanstaaf"))?;
//! let ServerStep::NeedsPasswordCheck { authzid, authcid, password } = step else { panic!() };
//! assert_eq!((authzid, authcid.as_str()), (None, "tim"));
//! let ok = password.expose() == "tanstaaftanstaaf"; // a real server checks its hash store
//! assert!(matches!(server.password_checked(ok)?, ServerStep::Success { .. }));
//!
//! let mut server = ServerSession::plain();
//! server.start(None)?; // S: 334 (empty challenge)
//! assert_eq!(server.receive_line(b"*\r\n")?, ServerStep::Failure(FailureReason::Cancelled));
//! # Ok::<(), mail_sasl::error::Error>(())
//! ```

use core::fmt;

use crate::error::Error;
use crate::framing::{self, ClientMessage};
use crate::mechanism::Mechanism;
use crate::oauth::{self, OAuthError};
use crate::scram::{self, Gs2Header, ScramCredentials, ScramHash};
use crate::secret::Secret;
use crate::util;

/// What the server machine needs or decided; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerStep {
    /// Send this challenge (base64-encode it with
    /// [`framing::encode_challenge`]) and pass the client's
    /// answer to [`ServerSession::step`].
    Challenge(Vec<u8>),
    /// PLAIN or LOGIN: check the password for `authcid`, and whether `authcid` may act as
    /// `authzid` when one is given; answer with [`ServerSession::password_checked`].
    NeedsPasswordCheck {
        /// Identity to act as (PLAIN only); `None` means `authcid` itself.
        authzid: Option<String>,
        /// Identity whose password was given.
        authcid: String,
        /// The password.
        password: Secret,
    },
    /// CRAM-MD5: give the plaintext password of `username` (or `None` if the user does not
    /// exist) to [`ServerSession::provide_password`].
    NeedsPassword {
        /// The user named in the response.
        username: String,
    },
    /// SCRAM: look up the stored credentials of `username` (already SASLprep'ed) and give them,
    /// or `None` for an unknown user, to [`ServerSession::provide_scram_credentials`]. When an
    /// `authzid` is given the caller also decides whether `username` may act as it.
    NeedsScramCredentials {
        /// The authentication identity.
        username: String,
        /// The identity to act as, if the client named one.
        authzid: Option<String>,
    },
    /// XOAUTH2 or OAUTHBEARER: validate the bearer token (for `user`, when given) and answer
    /// with [`ServerSession::token_checked`].
    NeedsTokenCheck {
        /// XOAUTH2 `user=`, OAUTHBEARER GS2 `a=` (optional there).
        user: Option<String>,
        /// The bearer token.
        token: Secret,
        /// OAUTHBEARER `host=`, the server name the client connected to.
        host: Option<String>,
        /// OAUTHBEARER `port=`.
        port: Option<u16>,
    },
    /// The client is authenticated.
    Success {
        /// Identity to act as, if the client asked for one (PLAIN, SCRAM).
        authzid: Option<String>,
        /// The authenticated identity. For OAuth mechanisms this is the user the client named,
        /// empty when an OAUTHBEARER client named none (the token identifies the user).
        authcid: String,
        /// Additional data to send with the success indication (RFC 4422 §3.6): SCRAM's
        /// server-final-message, only when
        /// [`ServerSession::with_additional_data_in_success`] is on.
        additional_data: Option<Vec<u8>>,
    },
    /// Authentication failed.
    Failure(FailureReason),
}

/// Why an exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureReason {
    /// The client cancelled with `*`.
    Cancelled,
    /// Wrong password, unknown user, or authorization refused.
    InvalidCredentials,
    /// The OAuth token was rejected (after the error challenge round).
    InvalidToken,
}

/// The caller's verdict on an OAuth bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCheck {
    /// The token is valid for the user.
    Valid,
    /// The token is not valid: the error is sent to the client as a challenge (RFC 7628
    /// §3.2.2), and the exchange fails once the client has answered.
    Invalid(OAuthError),
}

/// A server-side SASL exchange for one mechanism.
///
/// `Debug` shows the mechanism and the phase only.
pub struct ServerSession {
    mechanism: Mechanism,
    config: Config,
    phase: Phase,
    data_in_success: bool,
}

enum Config {
    Plain,
    Login {
        user_prompt: String,
        password_prompt: String,
    },
    CramMd5 {
        hostname: String,
        challenge: Option<String>,
    },
    XOAuth2,
    OAuthBearer,
    Scram {
        hash: ScramHash,
        nonce: Option<String>,
    },
}

enum Phase {
    Start,
    /// Empty challenge sent; waiting for a client-first mechanism's first message.
    AwaitFirst,
    LoginAwaitUser,
    LoginAwaitPassword {
        user: String,
    },
    CramAwaitResponse {
        challenge: String,
    },
    AwaitPasswordCheck {
        authzid: Option<String>,
        authcid: String,
    },
    AwaitPassword {
        username: String,
        challenge: String,
        digest: Vec<u8>,
    },
    AwaitTokenCheck {
        user: Option<String>,
    },
    AwaitDummy,
    ScramAwaitCredentials {
        gs2: Gs2Header,
        client_first_bare: String,
        client_nonce: String,
        username: String,
    },
    ScramAwaitFinal(Box<ScramFinal>),
    ScramAwaitEmpty {
        authzid: Option<String>,
        username: String,
    },
    Done,
}

struct ScramFinal {
    gs2: Gs2Header,
    username: String,
    nonce: String,
    auth_prefix: String,
    creds: ScramCredentials,
    decoy: bool,
}

impl Phase {
    fn name(&self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::AwaitFirst => "await-first",
            Phase::LoginAwaitUser => "login-await-user",
            Phase::LoginAwaitPassword { .. } => "login-await-password",
            Phase::CramAwaitResponse { .. } => "cram-await-response",
            Phase::AwaitPasswordCheck { .. } => "await-password-check",
            Phase::AwaitPassword { .. } => "await-password",
            Phase::AwaitTokenCheck { .. } => "await-token-check",
            Phase::AwaitDummy => "await-dummy",
            Phase::ScramAwaitCredentials { .. } => "scram-await-credentials",
            Phase::ScramAwaitFinal(_) => "scram-await-final",
            Phase::ScramAwaitEmpty { .. } => "scram-await-empty",
            Phase::Done => "done",
        }
    }
}

impl fmt::Debug for ServerSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerSession")
            .field("mechanism", &self.mechanism)
            .field("phase", &self.phase.name())
            .finish_non_exhaustive()
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|_| Error::Utf8)
}

impl ServerSession {
    fn with_config(mechanism: Mechanism, config: Config) -> Self {
        Self {
            mechanism,
            config,
            phase: Phase::Start,
            data_in_success: false,
        }
    }

    // ----- constructors -------------------------------------------------------------------

    /// A session with default settings for `mechanism` (LOGIN prompts `Username:` and
    /// `Password:`, CRAM-MD5 host name `localhost`).
    pub fn new(mechanism: Mechanism) -> Self {
        match mechanism {
            Mechanism::Plain => Self::plain(),
            Mechanism::Login => Self::login(),
            Mechanism::CramMd5 => Self::cram_md5("localhost"),
            Mechanism::XOAuth2 => Self::xoauth2(),
            Mechanism::OAuthBearer => Self::oauthbearer(),
            Mechanism::ScramSha1 => Self::scram(ScramHash::Sha1),
            Mechanism::ScramSha256 => Self::scram(ScramHash::Sha256),
        }
    }

    /// PLAIN (RFC 4616).
    pub fn plain() -> Self {
        Self::with_config(Mechanism::Plain, Config::Plain)
    }

    /// LOGIN with the usual prompts `Username:` and `Password:`.
    pub fn login() -> Self {
        Self::login_with_prompts("Username:", "Password:")
    }

    /// LOGIN with custom prompts (sent as challenges; some clients display them).
    pub fn login_with_prompts(user_prompt: &str, password_prompt: &str) -> Self {
        Self::with_config(
            Mechanism::Login,
            Config::Login {
                user_prompt: user_prompt.to_owned(),
                password_prompt: password_prompt.to_owned(),
            },
        )
    }

    /// CRAM-MD5 (RFC 2195) with a challenge `<random.random@hostname>` drawn from the operating
    /// system's random generator. RFC 2195 §2 suggests a timestamp in the challenge; this crate
    /// reads no clock, so a caller who wants one builds the challenge with
    /// [`ServerSession::cram_md5_with_challenge`].
    pub fn cram_md5(hostname: &str) -> Self {
        Self::with_config(
            Mechanism::CramMd5,
            Config::CramMd5 {
                hostname: hostname.to_owned(),
                challenge: None,
            },
        )
    }

    /// CRAM-MD5 with a fixed challenge, such as `<1896.697170952@postoffice.reston.mci.net>`.
    /// Each exchange must use a new challenge, or a recorded response can be replayed.
    pub fn cram_md5_with_challenge(challenge: &str) -> Self {
        Self::with_config(
            Mechanism::CramMd5,
            Config::CramMd5 {
                hostname: String::new(),
                challenge: Some(challenge.to_owned()),
            },
        )
    }

    /// XOAUTH2.
    pub fn xoauth2() -> Self {
        Self::with_config(Mechanism::XOAuth2, Config::XOAuth2)
    }

    /// OAUTHBEARER (RFC 7628).
    pub fn oauthbearer() -> Self {
        Self::with_config(Mechanism::OAuthBearer, Config::OAuthBearer)
    }

    /// SCRAM-SHA-1 (RFC 5802).
    pub fn scram_sha1() -> Self {
        Self::scram(ScramHash::Sha1)
    }

    /// SCRAM-SHA-256 (RFC 7677).
    pub fn scram_sha256() -> Self {
        Self::scram(ScramHash::Sha256)
    }

    /// SCRAM with the given hash.
    pub fn scram(hash: ScramHash) -> Self {
        Self::with_config(hash.mechanism(), Config::Scram { hash, nonce: None })
    }

    /// SCRAM: uses a fixed server nonce part instead of a random one. For test vectors only.
    pub fn with_nonce(mut self, nonce: &str) -> Result<Self, Error> {
        if !scram::valid_nonce(nonce) {
            return Err(Error::InvalidArgument(
                "nonce must be printable ascii without ','",
            ));
        }
        match &mut self.config {
            Config::Scram { nonce: n, .. } => *n = Some(nonce.to_owned()),
            _ => return Err(Error::State("not a scram session")),
        }
        Ok(self)
    }

    /// SCRAM: whether the server-final-message goes into [`ServerStep::Success`]'s
    /// `additional_data` (for protocols that carry data with success, RFC 4422 §3.6) instead
    /// of a last challenge answered by an empty response (the default; what SMTP, POP3 and IMAP
    /// need, RFC 4954 §4).
    pub fn with_additional_data_in_success(mut self, on: bool) -> Self {
        self.data_in_success = on;
        self
    }

    // ----- getters ------------------------------------------------------------------------

    /// The mechanism.
    pub fn mechanism(&self) -> Mechanism {
        self.mechanism
    }

    /// Whether the exchange is over (success, failure or error).
    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    // ----- inputs -------------------------------------------------------------------------

    /// Starts the exchange, with the client's initial response if the command carried one
    /// (decoded with [`framing::decode_initial_response`], so `=` is `Some(b"")`).
    ///
    /// Without an initial response, a client-first mechanism sends an empty challenge; LOGIN
    /// sends its first prompt; CRAM-MD5 its challenge. LOGIN takes an initial response as the
    /// user name; CRAM-MD5 refuses one ([`Error::InitialResponseNotAllowed`]).
    pub fn start(&mut self, initial_response: Option<&[u8]>) -> Result<ServerStep, Error> {
        let result = if matches!(self.phase, Phase::Start) {
            self.start_inner(initial_response)
        } else {
            Err(Error::State("already started"))
        };
        self.guard(result)
    }

    /// Processes one client response (already base64-decoded).
    pub fn step(&mut self, response: &[u8]) -> Result<ServerStep, Error> {
        let result = self.step_inner(response);
        self.guard(result)
    }

    /// Decodes a raw client line with [`framing::decode_response`] and processes it: `*` is a
    /// cancel, anything else goes to [`ServerSession::step`].
    pub fn receive_line(&mut self, line: &[u8]) -> Result<ServerStep, Error> {
        let decoded = framing::decode_response(line);
        match decoded {
            Ok(ClientMessage::Cancel) => Ok(self.cancel()),
            Ok(ClientMessage::Response(r)) => self.step(r.as_bytes()),
            Err(e) => {
                self.phase = Phase::Done;
                Err(e)
            }
        }
    }

    /// The client cancelled (`*`, RFC 4954 §4): the exchange fails.
    pub fn cancel(&mut self) -> ServerStep {
        self.phase = Phase::Done;
        ServerStep::Failure(FailureReason::Cancelled)
    }

    /// Answers [`ServerStep::NeedsPasswordCheck`]: `true` if the password is right and the
    /// authorization (if any) allowed.
    pub fn password_checked(&mut self, ok: bool) -> Result<ServerStep, Error> {
        let result = self.password_checked_inner(ok);
        self.guard(result)
    }

    fn password_checked_inner(&mut self, ok: bool) -> Result<ServerStep, Error> {
        match core::mem::replace(&mut self.phase, Phase::Done) {
            Phase::AwaitPasswordCheck { authzid, authcid } => Ok(if ok {
                ServerStep::Success {
                    authzid,
                    authcid,
                    additional_data: None,
                }
            } else {
                ServerStep::Failure(FailureReason::InvalidCredentials)
            }),
            _ => Err(Error::State("no password check pending")),
        }
    }

    /// Answers [`ServerStep::NeedsPassword`] with the user's plaintext password, or `None` if
    /// the user does not exist.
    pub fn provide_password(&mut self, password: Option<&str>) -> Result<ServerStep, Error> {
        let result = self.provide_password_inner(password);
        self.guard(result)
    }

    fn provide_password_inner(&mut self, password: Option<&str>) -> Result<ServerStep, Error> {
        match core::mem::replace(&mut self.phase, Phase::Done) {
            Phase::AwaitPassword {
                username,
                challenge,
                digest,
            } => {
                let ok = match password {
                    Some(p) => {
                        let expected =
                            crate::client::cram_md5_digest(p.as_bytes(), challenge.as_bytes());
                        util::ct_eq(&expected, &digest)
                    }
                    None => false,
                };
                Ok(if ok {
                    ServerStep::Success {
                        authzid: None,
                        authcid: username,
                        additional_data: None,
                    }
                } else {
                    ServerStep::Failure(FailureReason::InvalidCredentials)
                })
            }
            _ => Err(Error::State("no password request pending")),
        }
    }

    /// Answers [`ServerStep::NeedsScramCredentials`] with the user's stored credentials, or
    /// `None` for an unknown user (or a refused authorization). With `None` the exchange goes
    /// on with random decoy credentials and fails at the proof, so a client cannot tell an
    /// unknown user from a wrong password (RFC 5802 §9).
    pub fn provide_scram_credentials(
        &mut self,
        credentials: Option<ScramCredentials>,
    ) -> Result<ServerStep, Error> {
        let result = self.provide_scram_credentials_inner(credentials);
        self.guard(result)
    }

    fn provide_scram_credentials_inner(
        &mut self,
        credentials: Option<ScramCredentials>,
    ) -> Result<ServerStep, Error> {
        let Config::Scram { hash, nonce } = &self.config else {
            return Err(Error::State("not a scram session"));
        };
        let hash = *hash;
        if credentials.as_ref().is_some_and(|c| c.hash() != hash) {
            return Err(Error::InvalidArgument("credentials for another hash"));
        }
        let server_nonce = match nonce {
            Some(n) => n.clone(),
            None => util::random_nonce()?,
        };
        match core::mem::replace(&mut self.phase, Phase::Done) {
            Phase::ScramAwaitCredentials {
                gs2,
                client_first_bare,
                client_nonce,
                username,
            } => {
                let decoy = credentials.is_none();
                let creds = match credentials {
                    Some(c) => c,
                    None => ScramCredentials::decoy(hash)?,
                };
                let nonce = format!("{client_nonce}{server_nonce}");
                let server_first = format!(
                    "r={nonce},s={},i={}",
                    util::b64(creds.salt()),
                    creds.iterations()
                );
                let auth_prefix = format!("{client_first_bare},{server_first}");
                self.phase = Phase::ScramAwaitFinal(Box::new(ScramFinal {
                    gs2,
                    username,
                    nonce,
                    auth_prefix,
                    creds,
                    decoy,
                }));
                Ok(ServerStep::Challenge(server_first.into_bytes()))
            }
            _ => Err(Error::State("no credentials request pending")),
        }
    }

    /// Answers [`ServerStep::NeedsTokenCheck`]. With [`TokenCheck::Invalid`] the error JSON is
    /// returned as a challenge and the failure follows the client's dummy reply.
    pub fn token_checked(&mut self, check: TokenCheck) -> Result<ServerStep, Error> {
        let result = self.token_checked_inner(check);
        self.guard(result)
    }

    fn token_checked_inner(&mut self, check: TokenCheck) -> Result<ServerStep, Error> {
        match core::mem::replace(&mut self.phase, Phase::Done) {
            Phase::AwaitTokenCheck { user } => Ok(match check {
                TokenCheck::Valid => ServerStep::Success {
                    authzid: None,
                    authcid: user.unwrap_or_default(),
                    additional_data: None,
                },
                TokenCheck::Invalid(error) => {
                    self.phase = Phase::AwaitDummy;
                    ServerStep::Challenge(error.json().as_bytes().to_vec())
                }
            }),
            _ => Err(Error::State("no token check pending")),
        }
    }

    // ----- internals ----------------------------------------------------------------------

    fn guard(&mut self, result: Result<ServerStep, Error>) -> Result<ServerStep, Error> {
        if matches!(
            result,
            Err(_) | Ok(ServerStep::Success { .. } | ServerStep::Failure(_))
        ) {
            self.phase = Phase::Done;
        }
        result
    }

    fn start_inner(&mut self, ir: Option<&[u8]>) -> Result<ServerStep, Error> {
        match (&self.config, ir) {
            (
                Config::Login {
                    password_prompt, ..
                },
                Some(user),
            ) => {
                let user = parse_login_user(user)?;
                let prompt = password_prompt.clone().into_bytes();
                self.phase = Phase::LoginAwaitPassword { user };
                Ok(ServerStep::Challenge(prompt))
            }
            (Config::Login { user_prompt, .. }, None) => {
                let prompt = user_prompt.clone().into_bytes();
                self.phase = Phase::LoginAwaitUser;
                Ok(ServerStep::Challenge(prompt))
            }
            (Config::CramMd5 { .. }, Some(_)) => Err(Error::InitialResponseNotAllowed),
            (
                Config::CramMd5 {
                    hostname,
                    challenge,
                },
                None,
            ) => {
                let challenge = match challenge {
                    Some(c) => c.clone(),
                    None => {
                        let mut r = [0u8; 12];
                        util::random_bytes(&mut r)?;
                        let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3] = r;
                        format!(
                            "<{}.{}@{hostname}>",
                            u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]),
                            u32::from_le_bytes([b0, b1, b2, b3])
                        )
                    }
                };
                let bytes = challenge.clone().into_bytes();
                self.phase = Phase::CramAwaitResponse { challenge };
                Ok(ServerStep::Challenge(bytes))
            }
            (_, None) => {
                self.phase = Phase::AwaitFirst;
                Ok(ServerStep::Challenge(Vec::new()))
            }
            (_, Some(first)) => self.first_message(first),
        }
    }

    fn step_inner(&mut self, response: &[u8]) -> Result<ServerStep, Error> {
        match core::mem::replace(&mut self.phase, Phase::Done) {
            Phase::Start => Err(Error::State("call start first")),
            Phase::AwaitFirst => self.first_message(response),
            Phase::LoginAwaitUser => {
                let user = parse_login_user(response)?;
                let Config::Login {
                    password_prompt, ..
                } = &self.config
                else {
                    return Err(Error::State("not a login session"));
                };
                let prompt = password_prompt.clone().into_bytes();
                self.phase = Phase::LoginAwaitPassword { user };
                Ok(ServerStep::Challenge(prompt))
            }
            Phase::LoginAwaitPassword { user } => {
                let password = utf8(response)?;
                self.phase = Phase::AwaitPasswordCheck {
                    authzid: None,
                    authcid: user.clone(),
                };
                Ok(ServerStep::NeedsPasswordCheck {
                    authzid: None,
                    authcid: user,
                    password: Secret::new(password),
                })
            }
            Phase::CramAwaitResponse { challenge } => {
                let text = utf8(response)?;
                let (username, digest) = text
                    .rsplit_once(' ')
                    .ok_or(Error::Malformed("cram-md5: expected 'user digest'"))?;
                if username.is_empty() {
                    return Err(Error::Malformed("cram-md5: empty user"));
                }
                let digest = match util::unhex(digest.as_bytes()) {
                    Some(d) if d.len() == 16 => d,
                    _ => return Err(Error::Malformed("cram-md5: digest is not 32 hex digits")),
                };
                self.phase = Phase::AwaitPassword {
                    username: username.to_owned(),
                    challenge,
                    digest,
                };
                Ok(ServerStep::NeedsPassword {
                    username: username.to_owned(),
                })
            }
            Phase::AwaitDummy => Ok(ServerStep::Failure(FailureReason::InvalidToken)),
            Phase::ScramAwaitFinal(state) => self.scram_final(*state, response),
            Phase::ScramAwaitEmpty { authzid, username } => {
                if !response.is_empty() {
                    return Err(Error::Malformed("scram: expected an empty response"));
                }
                Ok(ServerStep::Success {
                    authzid,
                    authcid: username,
                    additional_data: None,
                })
            }
            Phase::AwaitPasswordCheck { .. }
            | Phase::AwaitPassword { .. }
            | Phase::AwaitTokenCheck { .. }
            | Phase::ScramAwaitCredentials { .. } => {
                Err(Error::State("waiting for the caller's answer"))
            }
            Phase::Done => Err(Error::State("exchange is over")),
        }
    }

    /// The first message of a client-first mechanism.
    fn first_message(&mut self, message: &[u8]) -> Result<ServerStep, Error> {
        match &self.config {
            Config::Plain => {
                let (authzid, authcid, password) = parse_plain(message)?;
                self.phase = Phase::AwaitPasswordCheck {
                    authzid: authzid.clone(),
                    authcid: authcid.clone(),
                };
                Ok(ServerStep::NeedsPasswordCheck {
                    authzid,
                    authcid,
                    password,
                })
            }
            Config::XOAuth2 | Config::OAuthBearer => {
                let request = if matches!(self.config, Config::XOAuth2) {
                    oauth::parse_xoauth2(message)?
                } else {
                    oauth::parse_oauthbearer(message)?
                };
                self.phase = Phase::AwaitTokenCheck {
                    user: request.user.clone(),
                };
                Ok(ServerStep::NeedsTokenCheck {
                    user: request.user,
                    token: request.token,
                    host: request.host,
                    port: request.port,
                })
            }
            Config::Scram { .. } => self.scram_first(message),
            Config::Login { .. } | Config::CramMd5 { .. } => {
                Err(Error::State("not a client-first mechanism"))
            }
        }
    }

    /// client-first-message (RFC 5802 §7).
    fn scram_first(&mut self, message: &[u8]) -> Result<ServerStep, Error> {
        let text = utf8(message)?;
        let (gs2, bare) = scram::parse_gs2_header(text)?;
        let mut attrs = scram::attributes(bare);
        let username = match attrs.next() {
            Some(Ok((b'n', v))) => scram::unescape_saslname(v)?,
            Some(Ok((b'm', _))) => {
                return Err(Error::Malformed("unsupported mandatory extension"));
            }
            Some(Err(e)) => return Err(e),
            _ => return Err(Error::Malformed("client-first-message: expected n=")),
        };
        let client_nonce = match attrs.next() {
            Some(Ok((b'r', v))) if scram::valid_nonce(v) => v.to_owned(),
            Some(Err(e)) => return Err(e),
            _ => return Err(Error::Malformed("client-first-message: expected r=")),
        };
        for attr in attrs {
            attr?;
        }
        let username =
            scram::saslprep(&username).map_err(|_| Error::Malformed("user name fails saslprep"))?;
        if username.is_empty() {
            return Err(Error::Malformed("empty user name"));
        }
        let username = username.to_string();
        let authzid = gs2.authzid.clone();
        self.phase = Phase::ScramAwaitCredentials {
            gs2,
            client_first_bare: bare.to_owned(),
            client_nonce,
            username: username.clone(),
        };
        Ok(ServerStep::NeedsScramCredentials { username, authzid })
    }

    /// client-final-message (RFC 5802 §7) and the proof check (§3).
    fn scram_final(&mut self, state: ScramFinal, message: &[u8]) -> Result<ServerStep, Error> {
        let text = utf8(message)?;
        let (without_proof, proof) = text
            .rsplit_once(",p=")
            .ok_or(Error::Malformed("client-final-message: expected p="))?;
        let mut attrs = scram::attributes(without_proof);
        match attrs.next() {
            Some(Ok((b'c', v))) => {
                if util::unb64(v.as_bytes())? != state.gs2.raw.as_bytes() {
                    return Err(Error::ChannelBinding);
                }
            }
            Some(Err(e)) => return Err(e),
            _ => return Err(Error::Malformed("client-final-message: expected c=")),
        }
        match attrs.next() {
            Some(Ok((b'r', v))) if v == state.nonce => {}
            Some(Ok((b'r', _))) => return Err(Error::NonceMismatch),
            Some(Err(e)) => return Err(e),
            _ => return Err(Error::Malformed("client-final-message: expected r=")),
        }
        for attr in attrs {
            attr?;
        }
        let proof = util::unb64(proof.as_bytes())?;
        let hash = state.creds.hash();
        if proof.len() != hash.output_len() {
            return Err(Error::Malformed("client proof has the wrong length"));
        }
        let auth_message = format!("{},{without_proof}", state.auth_prefix);
        let client_signature = hash.hmac(state.creds.stored_key(), auth_message.as_bytes());
        let client_key: zeroize::Zeroizing<Vec<u8>> = zeroize::Zeroizing::new(
            proof
                .iter()
                .zip(client_signature.iter())
                .map(|(p, s)| p ^ s)
                .collect(),
        );
        let matches = util::ct_eq(&hash.hash(&client_key), state.creds.stored_key());
        if !matches || state.decoy {
            return Ok(ServerStep::Failure(FailureReason::InvalidCredentials));
        }
        let signature = hash.hmac(state.creds.server_key(), auth_message.as_bytes());
        let server_final = format!("v={}", util::b64(&signature)).into_bytes();
        let authzid = state.gs2.authzid;
        if self.data_in_success {
            Ok(ServerStep::Success {
                authzid,
                authcid: state.username,
                additional_data: Some(server_final),
            })
        } else {
            self.phase = Phase::ScramAwaitEmpty {
                authzid,
                username: state.username,
            };
            Ok(ServerStep::Challenge(server_final))
        }
    }
}

fn parse_login_user(bytes: &[u8]) -> Result<String, Error> {
    let user = utf8(bytes)?;
    if user.is_empty() {
        return Err(Error::Malformed("login: empty user name"));
    }
    Ok(user.to_owned())
}

/// `[authzid] NUL authcid NUL passwd` (RFC 4616 §2).
fn parse_plain(message: &[u8]) -> Result<(Option<String>, String, Secret), Error> {
    let mut parts = message.split(|&b| b == 0);
    let (Some(authzid), Some(authcid), Some(password), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::Malformed(
            "plain: expected authzid NUL authcid NUL password",
        ));
    };
    let authzid = utf8(authzid)?;
    let authcid = utf8(authcid)?;
    let password = utf8(password)?;
    if authcid.is_empty() || password.is_empty() {
        return Err(Error::Malformed("plain: empty authcid or password"));
    }
    Ok((
        (!authzid.is_empty()).then(|| authzid.to_owned()),
        authcid.to_owned(),
        Secret::new(password),
    ))
}
