//! Every mechanism's client against its own server, through the base64 framing: success,
//! wrong password, unknown user, cancel, malformed input, misuse, and redaction of secrets.

use mail_sasl::client::ClientSession;
use mail_sasl::error::Error;
use mail_sasl::framing::{self, ClientMessage};
use mail_sasl::mechanism::Mechanism;
use mail_sasl::oauth::OAuthError;
use mail_sasl::scram::{ScramClientConfig, ScramCredentials, ScramHash};
use mail_sasl::server::{FailureReason, ServerSession, ServerStep, TokenCheck};

const USER: &str = "alice";
const PASSWORD: &str = "correct horse battery staple";
const TOKEN: &str = "ya29.a0AfH6SMBx-token_value";

/// What the server's "database" knows.
struct Db {
    user: &'static str,
    password: &'static str,
    token: &'static str,
}

const DB: Db = Db {
    user: USER,
    password: PASSWORD,
    token: TOKEN,
};

#[derive(Debug, PartialEq)]
enum Outcome {
    Success {
        authzid: Option<String>,
        authcid: String,
    },
    Failure(FailureReason),
    ClientError(Error),
    ServerError(Error),
}

fn client_for(mechanism: Mechanism, user: &str, secret: &str) -> ClientSession {
    match mechanism {
        Mechanism::Plain => ClientSession::plain(None, user, secret),
        Mechanism::Login => ClientSession::login(user, secret),
        Mechanism::CramMd5 => ClientSession::cram_md5(user, secret),
        Mechanism::XOAuth2 => ClientSession::xoauth2(user, secret),
        Mechanism::OAuthBearer => {
            ClientSession::oauthbearer(Some(user), secret, Some("mail.example.org"), Some(993))
        }
        Mechanism::ScramSha1 => ClientSession::scram_sha1(user, secret),
        Mechanism::ScramSha256 => ClientSession::scram_sha256(user, secret),
    }
    .unwrap()
}

fn scram_creds(hash: ScramHash, password: &str) -> ScramCredentials {
    ScramCredentials::derive(hash, password, b"0123456789abcdef", 4096).unwrap()
}

/// Runs an exchange the way a protocol crate would: every payload goes through base64.
fn run(
    client: &mut ClientSession,
    server: &mut ServerSession,
    db: &Db,
    use_initial_response: bool,
) -> Outcome {
    let ir = if use_initial_response {
        client.initial_response()
    } else {
        None
    };
    let ir_wire = ir.map(|r| framing::encode_initial_response(r.as_bytes()));
    let ir_bytes = ir_wire.map(|w| framing::decode_initial_response(w.as_bytes()).unwrap());
    let mut step = match server.start(ir_bytes.as_ref().map(|r| r.as_bytes())) {
        Ok(s) => s,
        Err(e) => return Outcome::ServerError(e),
    };
    for _ in 0..10 {
        let next = match step {
            ServerStep::Challenge(challenge) => {
                let wire = framing::encode_challenge(&challenge);
                let decoded = framing::decode_challenge(wire.as_bytes()).unwrap();
                let response = match client.step(&decoded) {
                    Ok(r) => r,
                    Err(e) => {
                        // A real client cancels the exchange.
                        assert_eq!(
                            server.receive_line(b"*\r\n").unwrap(),
                            ServerStep::Failure(FailureReason::Cancelled)
                        );
                        return Outcome::ClientError(e);
                    }
                };
                let line = format!("{}\r\n", framing::encode_response(response.as_bytes()));
                server.receive_line(line.as_bytes())
            }
            ServerStep::NeedsPasswordCheck {
                authcid, password, ..
            } => server.password_checked(authcid == db.user && password.expose() == db.password),
            ServerStep::NeedsPassword { username } => {
                server.provide_password((username == db.user).then_some(db.password))
            }
            ServerStep::NeedsScramCredentials { username, .. } => {
                let hash = ScramHash::for_mechanism(server.mechanism()).unwrap();
                server.provide_scram_credentials(
                    (username == db.user).then(|| scram_creds(hash, db.password)),
                )
            }
            ServerStep::NeedsTokenCheck { token, .. } => {
                server.token_checked(if token.expose() == db.token {
                    TokenCheck::Valid
                } else {
                    TokenCheck::Invalid(
                        OAuthError::new("invalid_token").with_scope("https://mail.example.org/"),
                    )
                })
            }
            ServerStep::Success {
                authzid,
                authcid,
                additional_data,
            } => {
                assert!(server.is_done());
                return match client.finish(additional_data.as_deref()) {
                    Ok(()) => Outcome::Success { authzid, authcid },
                    Err(e) => Outcome::ClientError(e),
                };
            }
            ServerStep::Failure(reason) => {
                assert!(server.is_done());
                return Outcome::Failure(reason);
            }
        };
        step = match next {
            Ok(s) => s,
            Err(e) => return Outcome::ServerError(e),
        };
    }
    panic!("exchange did not end");
}

fn success(user: &str) -> Outcome {
    Outcome::Success {
        authzid: None,
        authcid: user.to_owned(),
    }
}

#[test]
fn every_mechanism_succeeds_with_and_without_initial_response() {
    for mechanism in Mechanism::ALL {
        for ir in [true, false] {
            let secret = match mechanism.credential_kind() {
                mail_sasl::mechanism::CredentialKind::Password => PASSWORD,
                mail_sasl::mechanism::CredentialKind::Token => TOKEN,
            };
            let mut client = client_for(mechanism, USER, secret);
            let mut server = ServerSession::new(mechanism);
            assert_eq!(
                run(&mut client, &mut server, &DB, ir),
                success(USER),
                "{mechanism} ir={ir}"
            );
            assert!(client.is_authenticated(), "{mechanism}");
        }
    }
}

#[test]
fn every_password_mechanism_fails_with_a_wrong_password_or_unknown_user() {
    for mechanism in Mechanism::ALL
        .into_iter()
        .filter(|m| m.credential_kind() == mail_sasl::mechanism::CredentialKind::Password)
    {
        for (user, password) in [(USER, "wrong password"), ("mallory", PASSWORD)] {
            let mut client = client_for(mechanism, user, password);
            let mut server = ServerSession::new(mechanism);
            assert_eq!(
                run(&mut client, &mut server, &DB, true),
                Outcome::Failure(FailureReason::InvalidCredentials),
                "{mechanism} {user}"
            );
            assert!(!client.is_authenticated());
        }
    }
}

#[test]
fn token_mechanisms_do_the_error_round_on_a_bad_token() {
    for mechanism in [Mechanism::XOAuth2, Mechanism::OAuthBearer] {
        let mut client = client_for(mechanism, USER, "expired-token");
        let mut server = ServerSession::new(mechanism);
        assert_eq!(
            run(&mut client, &mut server, &DB, true),
            Outcome::Failure(FailureReason::InvalidToken)
        );
        let error = client.oauth_error().expect("error surfaced");
        assert_eq!(error.status(), Some("invalid_token"));
        assert_eq!(error.scope(), Some("https://mail.example.org/"));
        assert_eq!(
            client.finish(None),
            Err(Error::TokenRejected("invalid_token".into()))
        );
    }
}

#[test]
fn every_mechanism_handles_a_cancel() {
    for mechanism in Mechanism::ALL {
        let mut server = ServerSession::new(mechanism);
        let first = server.start(None).unwrap();
        assert!(matches!(first, ServerStep::Challenge(_)), "{mechanism}");
        assert_eq!(
            server.receive_line(b"*").unwrap(),
            ServerStep::Failure(FailureReason::Cancelled)
        );
        assert!(server.is_done());
        assert!(server.step(b"x").is_err());
    }
}

#[test]
fn login_prompts_and_initial_user() {
    let mut server = ServerSession::login_with_prompts("User Name", "Password");
    assert_eq!(
        server.start(None).unwrap(),
        ServerStep::Challenge(b"User Name".to_vec())
    );
    let mut client = ClientSession::login(USER, PASSWORD).unwrap();
    assert!(client.initial_response().is_none());
    let r = client.step(b"User Name").unwrap();
    assert_eq!(
        server.step(r.as_bytes()).unwrap(),
        ServerStep::Challenge(b"Password".to_vec())
    );
    let r = client.step(b"Password").unwrap();
    assert!(matches!(
        server.step(r.as_bytes()).unwrap(),
        ServerStep::NeedsPasswordCheck { ref authcid, ref password, .. }
            if authcid == USER && password.expose() == PASSWORD
    ));
    assert_eq!(client.step(b"More?"), Err(Error::UnexpectedChallenge));

    // `AUTH LOGIN <b64 user>`: the initial response is the user name.
    let mut server = ServerSession::login();
    assert_eq!(
        server.start(Some(USER.as_bytes())).unwrap(),
        ServerStep::Challenge(b"Password:".to_vec())
    );
}

#[test]
fn plain_authzid_reaches_the_server() {
    let mut client = ClientSession::plain(Some("shared@example.org"), USER, PASSWORD).unwrap();
    let mut server = ServerSession::plain();
    assert_eq!(
        run(&mut client, &mut server, &DB, true),
        Outcome::Success {
            authzid: Some("shared@example.org".into()),
            authcid: USER.into()
        }
    );
}

#[test]
fn scram_authzid_and_escaped_user_names() {
    let db = Db {
        user: "us,er=1",
        password: PASSWORD,
        token: TOKEN,
    };
    let mut client = ClientSession::scram_sha256("us,er=1", PASSWORD)
        .unwrap()
        .with_authzid("ad=min,")
        .unwrap();
    let ir = client.initial_response().unwrap();
    assert!(
        ir.as_bytes()
            .starts_with(b"n,a=ad=3Dmin=2C,n=us=2Cer=3D1,r=")
    );
    let mut client = ClientSession::scram_sha256("us,er=1", PASSWORD)
        .unwrap()
        .with_authzid("ad=min,")
        .unwrap();
    let mut server = ServerSession::scram_sha256();
    assert_eq!(
        run(&mut client, &mut server, &db, true),
        Outcome::Success {
            authzid: Some("ad=min,".into()),
            authcid: "us,er=1".into()
        }
    );
}

#[test]
fn scram_server_accepts_y_and_rejects_p_and_mandatory_extensions() {
    let mut server = ServerSession::scram_sha1();
    assert!(matches!(
        server.start(Some(b"y,,n=alice,r=abcdef")).unwrap(),
        ServerStep::NeedsScramCredentials { .. }
    ));
    let step = server
        .provide_scram_credentials(Some(scram_creds(ScramHash::Sha1, PASSWORD)))
        .unwrap();
    assert!(matches!(step, ServerStep::Challenge(_)));
    // c= must repeat the "y,," header: a client that claims "n,," here is caught.
    assert_eq!(
        server.step(b"c=biws,r=abcdefXYZ,p=AAAA"),
        Err(Error::ChannelBinding)
    );

    let mut server = ServerSession::scram_sha1();
    assert_eq!(
        server.start(Some(b"p=tls-unique,,n=alice,r=abcdef")),
        Err(Error::ChannelBinding)
    );
    let mut server = ServerSession::scram_sha1();
    assert!(matches!(
        server.start(Some(b"n,,m=ext,n=alice,r=abcdef")),
        Err(Error::Malformed(_))
    ));
}

#[test]
fn scram_server_rejects_a_tampered_final_message() {
    let mut client = ClientSession::scram_sha256(USER, PASSWORD).unwrap();
    let mut server = ServerSession::scram_sha256();
    server
        .start(Some(client.initial_response().unwrap().as_bytes()))
        .unwrap();
    let ServerStep::Challenge(first) = server
        .provide_scram_credentials(Some(scram_creds(ScramHash::Sha256, PASSWORD)))
        .unwrap()
    else {
        panic!()
    };
    let fin = client.step(&first).unwrap();
    let text = String::from_utf8(fin.as_bytes().to_vec()).unwrap();
    // Change the nonce: the server notices.
    let tampered = text.replacen("r=", "r=X", 1);
    assert_eq!(server.step(tampered.as_bytes()), Err(Error::NonceMismatch));
}

#[test]
fn scram_client_iteration_bounds() {
    let first = |i: &str| format!("r=nonceSERVER,s=c2FsdA==,i={i}");
    let client = || {
        ClientSession::scram_sha1(USER, PASSWORD)
            .unwrap()
            .with_nonce("nonce")
            .unwrap()
    };
    for (i, expected) in [
        ("1", Err(Error::IterationCount(1))),
        ("4095", Err(Error::IterationCount(4095))),
        ("1000001", Err(Error::IterationCount(1_000_001))),
        ("99999999999", Err(Error::IterationCount(u32::MAX))),
    ] {
        let mut c = client();
        c.initial_response().unwrap();
        assert_eq!(c.step(first(i).as_bytes()).map(|_| ()), expected, "i={i}");
    }
    for bad in ["0", "", "-1", "01", "4k"] {
        let mut c = client();
        c.initial_response().unwrap();
        assert!(
            matches!(c.step(first(bad).as_bytes()), Err(Error::Malformed(_))),
            "i={bad}"
        );
    }
    let mut c = client()
        .with_scram_config(ScramClientConfig {
            min_iterations: 1,
            max_iterations: 10,
        })
        .unwrap();
    c.initial_response().unwrap();
    assert!(c.step(first("1").as_bytes()).is_ok());
    assert!(
        client()
            .with_scram_config(ScramClientConfig {
                min_iterations: 10,
                max_iterations: 1,
            })
            .is_err()
    );
}

#[test]
fn scram_client_rejects_bad_server_first_messages() {
    for (msg, expected) in [
        (&b"r=other,s=c2FsdA==,i=4096"[..], Error::NonceMismatch),
        (b"r=nonce,s=c2FsdA==,i=4096", Error::NonceMismatch),
        (b"e=unknown-user", Error::ScramServer("unknown-user".into())),
        (b"r=nonceX,s=***,i=4096", Error::Base64),
        (
            b"r=nonceX,s=c2FsdA==",
            Error::Malformed("server-first-message: expected i="),
        ),
        (b"\xff", Error::Utf8),
    ] {
        let mut c = ClientSession::scram_sha1(USER, PASSWORD)
            .unwrap()
            .with_nonce("nonce")
            .unwrap();
        c.initial_response().unwrap();
        assert_eq!(c.step(msg).map(|_| ()), Err(expected));
        // After an error the session is dead.
        assert!(c.step(b"").is_err());
        assert!(c.finish(None).is_err());
    }
}

#[test]
fn malformed_client_messages_are_typed_errors() {
    let cases: [(Mechanism, &[u8]); 12] = [
        (Mechanism::Plain, b"no separators"),
        (Mechanism::Plain, b"\0\0pw"),
        (Mechanism::Plain, b"\0user\0"),
        (Mechanism::Plain, b"a\0b\0c\0d"),
        (Mechanism::Plain, b"\0us\xffer\0pw"),
        (Mechanism::XOAuth2, b"user=a\x01auth=Basic x\x01\x01"),
        (Mechanism::XOAuth2, b"auth=Bearer x\x01\x01"),
        (Mechanism::OAuthBearer, b"n,,\x01auth=Bearer x\x01"),
        (
            Mechanism::OAuthBearer,
            b"n,,\x01port=x\x01auth=Bearer x\x01\x01",
        ),
        (Mechanism::ScramSha1, b"n,,r=abc"),
        (Mechanism::ScramSha256, b"n,,n=u=41,r=abc"),
        (Mechanism::ScramSha256, b"n,,n=user,r=a,bc"),
    ];
    for (mechanism, message) in cases {
        let mut server = ServerSession::new(mechanism);
        assert!(
            server.start(Some(message)).is_err(),
            "{mechanism} {message:?}"
        );
        assert!(server.is_done());
    }

    let mut server = ServerSession::cram_md5("mx.example.org");
    assert_eq!(
        server.start(Some(b"x")),
        Err(Error::InitialResponseNotAllowed)
    );
    let mut server = ServerSession::cram_md5("mx.example.org");
    let ServerStep::Challenge(challenge) = server.start(None).unwrap() else {
        panic!()
    };
    let text = String::from_utf8(challenge).unwrap();
    assert!(
        text.starts_with('<') && text.ends_with("@mx.example.org>"),
        "{text}"
    );
    assert!(matches!(
        server.step(b"tim nothex"),
        Err(Error::Malformed(_))
    ));

    let mut server = ServerSession::plain();
    server.start(None).unwrap();
    assert_eq!(server.receive_line(b"!!!!\r\n"), Err(Error::Base64));
}

#[test]
fn misuse_is_a_state_error() {
    let mut server = ServerSession::plain();
    assert!(matches!(server.step(b"x"), Err(Error::State(_))));
    let mut server = ServerSession::plain();
    server.start(Some(b"\0a\0b")).unwrap();
    assert!(matches!(server.start(None), Err(Error::State(_))));
    assert!(matches!(
        server.provide_password(Some("x")),
        Err(Error::State(_))
    ));
    let mut server = ServerSession::plain();
    server.start(Some(b"\0a\0b")).unwrap();
    assert!(matches!(server.step(b"x"), Err(Error::State(_))));
    let mut server = ServerSession::plain();
    server.start(Some(b"\0a\0b")).unwrap();
    server.password_checked(true).unwrap();
    assert!(matches!(
        server.password_checked(true),
        Err(Error::State(_))
    ));

    assert!(ServerSession::plain().with_nonce("abc").is_err());
    assert!(ServerSession::scram_sha1().with_nonce("a,b").is_err());
    let mut server = ServerSession::scram_sha1();
    server.start(Some(b"n,,n=u,r=abc")).unwrap();
    assert_eq!(
        server.provide_scram_credentials(Some(scram_creds(ScramHash::Sha256, "x"))),
        Err(Error::InvalidArgument("credentials for another hash"))
    );

    assert!(
        ClientSession::plain(None, "a", "b")
            .unwrap()
            .with_nonce("abc")
            .is_err()
    );
    let mut c = ClientSession::plain(None, "a", "b").unwrap();
    c.initial_response().unwrap();
    assert!(c.initial_response().is_none());
    assert_eq!(c.step(b"x"), Err(Error::UnexpectedChallenge));
    let mut c = ClientSession::cram_md5("a", "b").unwrap();
    assert!(matches!(c.step(b""), Err(Error::Malformed(_))));
    let mut c = ClientSession::login("a", "b").unwrap();
    assert!(matches!(c.finish(None), Err(Error::State(_))));
    let mut c = ClientSession::plain(None, "a", "b").unwrap();
    assert!(matches!(c.step(b"non-empty"), Err(Error::Malformed(_))));
    let mut c = ClientSession::plain(None, "a", "b").unwrap();
    c.initial_response().unwrap();
    assert_eq!(
        c.finish(Some(b"data")),
        Err(Error::UnexpectedAdditionalData)
    );
}

#[test]
fn constructors_validate_their_arguments() {
    assert!(ClientSession::plain(None, "a\0", "b").is_err());
    assert!(ClientSession::plain(None, "", "b").is_err());
    assert!(ClientSession::plain(None, "a", "").is_err());
    assert!(ClientSession::plain(Some("z\0"), "a", "b").is_err());
    assert!(ClientSession::login("", "b").is_err());
    assert!(ClientSession::cram_md5("", "b").is_err());
    assert!(ClientSession::xoauth2("a\x01", "tok").is_err());
    assert!(ClientSession::xoauth2("a", "to k").is_err());
    assert!(ClientSession::oauthbearer(Some(""), "tok", None, None).is_err());
    assert!(ClientSession::oauthbearer(None, "tok", Some("h\x01"), None).is_err());
    assert!(ClientSession::scram_sha1("", "pw").is_err());
    assert!(ClientSession::scram_sha1("u", "").is_err());
    assert!(
        ClientSession::scram_sha1("u", "pw")
            .unwrap()
            .with_nonce("")
            .is_err()
    );

    // OAUTHBEARER without a user: the server reports an empty authcid.
    let mut client = ClientSession::oauthbearer(None, TOKEN, None, None).unwrap();
    assert_eq!(
        client.initial_response().unwrap().as_bytes(),
        format!("n,,\x01auth=Bearer {TOKEN}\x01\x01").as_bytes()
    );
    let mut client = ClientSession::oauthbearer(None, TOKEN, None, None).unwrap();
    let mut server = ServerSession::oauthbearer();
    assert_eq!(run(&mut client, &mut server, &DB, true), success(""));
}

#[test]
fn secrets_never_show_in_debug_or_display() {
    const SECRET: &str = "Sup3rSecretPa55";
    let secret_b64 = framing::encode_response(SECRET.as_bytes());
    let check = |text: String| {
        assert!(!text.contains(SECRET), "leaked: {text}");
        assert!(!text.contains(&secret_b64), "leaked: {text}");
    };
    for mechanism in Mechanism::ALL {
        let mut client = client_for(mechanism, USER, SECRET);
        check(format!("{client:?}"));
        let ir = client.initial_response();
        check(format!("{ir:?}"));
        if let Some(ir) = &ir {
            check(format!("{ir}"));
        }
        let mut server = ServerSession::new(mechanism);
        let step = server.start(ir.as_ref().map(|r| r.as_bytes()));
        check(format!("{step:?} {server:?}"));
        if let Ok(ServerStep::Challenge(c)) = step {
            let r = client.step(&c);
            check(format!("{r:?} {client:?}"));
            if let Ok(r) = r {
                let s = server.step(r.as_bytes());
                check(format!("{s:?} {server:?}"));
                if let Ok(ServerStep::Challenge(c)) = s {
                    let r = client.step(&c);
                    check(format!("{r:?}"));
                    if let Ok(r) = r {
                        check(format!("{:?}", server.step(r.as_bytes())));
                    }
                }
            }
        }
    }
    // Errors from malformed PLAIN messages carrying the password.
    let mut server = ServerSession::plain();
    let e = server
        .start(Some(format!("\0{SECRET}\0{SECRET}\0").as_bytes()))
        .unwrap_err();
    check(format!("{e:?} {e}"));
    let decoded = framing::decode_response(secret_b64.as_bytes()).unwrap();
    check(format!("{decoded:?}"));
    let creds = ScramCredentials::derive(ScramHash::Sha1, SECRET, b"salt", 1).unwrap();
    check(format!("{creds:?}"));
    let secret = mail_sasl::Secret::new(SECRET);
    check(format!("{secret:?} {secret}"));
    assert!(matches!(decoded, ClientMessage::Response(_)));
}
