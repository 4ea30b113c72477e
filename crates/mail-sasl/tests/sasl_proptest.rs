//! Property tests: client/server round trips for arbitrary credentials, framing round trips,
//! and that no input bytes make any step panic.

use mail_sasl::client::ClientSession;
use mail_sasl::framing::{self, ClientMessage};
use mail_sasl::mechanism::Mechanism;
use mail_sasl::oauth::OAuthError;
use mail_sasl::scram::{ScramClientConfig, ScramCredentials, ScramHash};
use mail_sasl::secret::Response;
use mail_sasl::server::{ServerSession, ServerStep, TokenCheck};
use proptest::prelude::*;

const ITERATIONS: u32 = 2;

fn client(mechanism: Mechanism, user: &str, secret: &str) -> ClientSession {
    let low = ScramClientConfig {
        min_iterations: 1,
        max_iterations: 10,
    };
    match mechanism {
        Mechanism::Plain => ClientSession::plain(None, user, secret),
        Mechanism::Login => ClientSession::login(user, secret),
        Mechanism::CramMd5 => ClientSession::cram_md5(user, secret),
        Mechanism::XOAuth2 => ClientSession::xoauth2(user, secret),
        Mechanism::OAuthBearer => ClientSession::oauthbearer(Some(user), secret, None, None),
        Mechanism::ScramSha1 => {
            ClientSession::scram_sha1(user, secret).and_then(|c| c.with_scram_config(low))
        }
        Mechanism::ScramSha256 => {
            ClientSession::scram_sha256(user, secret).and_then(|c| c.with_scram_config(low))
        }
    }
    .unwrap()
}

/// Answers every `Needs*` step as a database holding (`user`, `secret`) would, and returns the
/// authenticated identity or `None` on failure.
fn exchange(
    client: &mut ClientSession,
    server: &mut ServerSession,
    user: &str,
    secret: &str,
) -> Option<String> {
    let ir = client.initial_response();
    let mut step = server.start(ir.as_ref().map(Response::as_bytes)).unwrap();
    loop {
        step = match step {
            ServerStep::Challenge(c) => {
                let wire = framing::encode_challenge(&c);
                let r = client
                    .step(&framing::decode_challenge(wire.as_bytes()).unwrap())
                    .unwrap();
                server
                    .receive_line(framing::encode_response(r.as_bytes()).as_bytes())
                    .unwrap()
            }
            ServerStep::NeedsPasswordCheck {
                authcid, password, ..
            } => server
                .password_checked(authcid == user && password.expose() == secret)
                .unwrap(),
            ServerStep::NeedsPassword { username } => server
                .provide_password((username == user).then_some(secret))
                .unwrap(),
            ServerStep::NeedsScramCredentials { username, .. } => {
                let hash = ScramHash::for_mechanism(server.mechanism()).unwrap();
                let creds = ScramCredentials::derive(hash, secret, b"salt", ITERATIONS).unwrap();
                server
                    .provide_scram_credentials((username == user).then_some(creds))
                    .unwrap()
            }
            ServerStep::NeedsTokenCheck { token, .. } => server
                .token_checked(if token.expose() == secret {
                    TokenCheck::Valid
                } else {
                    TokenCheck::Invalid(OAuthError::new("invalid_token"))
                })
                .unwrap(),
            ServerStep::Success {
                authcid,
                additional_data,
                ..
            } => {
                client.finish(additional_data.as_deref()).unwrap();
                return Some(authcid);
            }
            ServerStep::Failure(_) => return None,
        }
    }
}

fn mechanism() -> impl Strategy<Value = Mechanism> {
    proptest::sample::select(Mechanism::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn plain_login_cram_round_trip(
        m in proptest::sample::select(vec![Mechanism::Plain, Mechanism::Login, Mechanism::CramMd5]),
        user in "[^\u{0}]{1,24}",
        password in "[^\u{0}]{1,24}",
    ) {
        // CRAM-MD5 splits "user digest" at the last space, so any user name works.
        let mut c = client(m, &user, &password);
        let mut s = ServerSession::new(m);
        prop_assert_eq!(exchange(&mut c, &mut s, &user, &password), Some(user.clone()));
        let mut c = client(m, &user, &password);
        let mut s = ServerSession::new(m);
        let wrong = format!("{password}x");
        prop_assert_eq!(exchange(&mut c, &mut s, &user, &wrong), None);
    }

    #[test]
    fn scram_round_trip(
        sha256 in any::<bool>(),
        user in "[ -~]{1,24}",
        password in "[ -~]{1,24}",
    ) {
        let m = if sha256 { Mechanism::ScramSha256 } else { Mechanism::ScramSha1 };
        let mut c = client(m, &user, &password);
        let mut s = ServerSession::new(m);
        prop_assert_eq!(exchange(&mut c, &mut s, &user, &password), Some(user.clone()));
        prop_assert!(c.is_authenticated());
        let mut c = client(m, &user, &password);
        let mut s = ServerSession::new(m).with_additional_data_in_success(true);
        prop_assert_eq!(exchange(&mut c, &mut s, &user, &password), Some(user.clone()));
        let mut c = client(m, &user, &password);
        let mut s = ServerSession::new(m);
        let wrong = format!("{password}x");
        prop_assert_eq!(exchange(&mut c, &mut s, &user, &wrong), None);
    }

    #[test]
    fn token_round_trip(
        bearer in any::<bool>(),
        user in "[^\\p{Cc}]{1,24}",
        token in "[!-~]{1,40}",
    ) {
        let m = if bearer { Mechanism::OAuthBearer } else { Mechanism::XOAuth2 };
        let mut c = client(m, &user, &token);
        let mut s = ServerSession::new(m);
        prop_assert_eq!(exchange(&mut c, &mut s, &user, &token), Some(user.clone()));
        let mut c = client(m, &user, &token);
        let mut s = ServerSession::new(m);
        prop_assert_eq!(exchange(&mut c, &mut s, &user, "other-token"), None);
        prop_assert_eq!(c.oauth_error().and_then(|e| e.status()), Some("invalid_token"));
    }

    #[test]
    fn framing_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200), ws in "[ \t\r\n]{0,3}") {
        let line = format!("{}{ws}", framing::encode_response(&bytes));
        prop_assert_eq!(
            framing::decode_response(line.as_bytes()).unwrap(),
            ClientMessage::Response(Response::new(bytes.clone()))
        );
        let ir = framing::encode_initial_response(&bytes);
        prop_assert!(!ir.is_empty());
        let decoded = framing::decode_initial_response(ir.as_bytes()).unwrap();
        prop_assert_eq!(decoded.as_bytes(), &bytes[..]);
        let ch = format!("{}{ws}", framing::encode_challenge(&bytes));
        prop_assert_eq!(framing::decode_challenge(ch.as_bytes()).unwrap(), bytes);
    }

    #[test]
    fn framing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let _ = framing::decode_response(&bytes);
        let _ = framing::decode_initial_response(&bytes);
        let _ = framing::decode_challenge(&bytes);
        let _ = Mechanism::from_bytes(&bytes);
        let _ = OAuthError::parse(&bytes);
    }

    #[test]
    fn random_challenges_never_panic_a_client(
        m in mechanism(),
        use_ir in any::<bool>(),
        challenges in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..80), 0..5),
        finish in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40)),
    ) {
        let secret = if m.credential_kind() == mail_sasl::mechanism::CredentialKind::Token { "tok" } else { "pw" };
        let mut c = client(m, "user", secret);
        if use_ir {
            let _ = c.initial_response();
        }
        for ch in &challenges {
            let _ = c.step(ch);
        }
        let _ = c.finish(finish.as_deref());
        let _ = format!("{c:?}");
    }

    #[test]
    fn random_responses_never_panic_a_server(
        m in mechanism(),
        ir in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..80)),
        responses in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..80), 0..5),
        accept in any::<bool>(),
    ) {
        let mut s = ServerSession::new(m);
        let mut step = s.start(ir.as_deref());
        let mut responses = responses.into_iter();
        for _ in 0..8 {
            step = match step {
                Ok(ServerStep::Challenge(_)) => match responses.next() {
                    Some(r) => s.step(&r),
                    None => break,
                },
                Ok(ServerStep::NeedsPasswordCheck { .. }) => s.password_checked(accept),
                Ok(ServerStep::NeedsPassword { .. }) => s.provide_password(accept.then_some("pw")),
                Ok(ServerStep::NeedsScramCredentials { .. }) => {
                    let hash = ScramHash::for_mechanism(m).unwrap();
                    s.provide_scram_credentials(accept.then(|| {
                        ScramCredentials::derive(hash, "pw", b"salt", ITERATIONS).unwrap()
                    }))
                }
                Ok(ServerStep::NeedsTokenCheck { .. }) => s.token_checked(if accept {
                    TokenCheck::Valid
                } else {
                    TokenCheck::Invalid(OAuthError::new("invalid_token"))
                }),
                Ok(ServerStep::Success { .. } | ServerStep::Failure(_)) | Err(_) => break,
            };
        }
        let _ = format!("{s:?}");
    }
}
