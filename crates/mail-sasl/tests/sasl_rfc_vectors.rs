//! Test vectors from RFC 4616 (PLAIN), RFC 2195 (CRAM-MD5), RFC 5802 (SCRAM-SHA-1),
//! RFC 7677 (SCRAM-SHA-256), RFC 7628 (OAUTHBEARER) and RFC 4013 (SASLprep), checked byte for
//! byte on both the client and the server side.

use mail_sasl::client::ClientSession;
use mail_sasl::error::Error;
use mail_sasl::framing;
use mail_sasl::oauth::OAuthError;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::{FailureReason, ServerSession, ServerStep, TokenCheck};

fn b64(s: &str) -> Vec<u8> {
    framing::decode_challenge(s.as_bytes()).expect("valid base64")
}

// ----- RFC 4616 §4 ------------------------------------------------------------------------

#[test]
fn rfc4616_plain_without_authzid() {
    let mut client = ClientSession::plain(None, "tim", "tanstaaftanstaaf").unwrap();
    let ir = client.initial_response().unwrap();
    assert_eq!(ir.as_bytes(), b"\0tim\0tanstaaftanstaaf");
    assert_eq!(
        framing::encode_initial_response(ir.as_bytes()),
        "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"
    );
    client.finish(None).unwrap();

    let mut server = ServerSession::plain();
    let step = server.start(Some(ir.as_bytes())).unwrap();
    let ServerStep::NeedsPasswordCheck {
        authzid,
        authcid,
        password,
    } = step
    else {
        panic!("{step:?}")
    };
    assert_eq!(authzid, None);
    assert_eq!(authcid, "tim");
    assert_eq!(password.expose(), "tanstaaftanstaaf");
}

#[test]
fn rfc4616_plain_with_authzid() {
    let mut client = ClientSession::plain(Some("Ursel"), "Kurt", "xipj3plmq").unwrap();
    let ir = client.initial_response().unwrap();
    assert_eq!(ir.as_bytes(), b"Ursel\0Kurt\0xipj3plmq");

    let mut server = ServerSession::plain();
    let step = server.start(Some(ir.as_bytes())).unwrap();
    let ServerStep::NeedsPasswordCheck {
        authzid, authcid, ..
    } = step
    else {
        panic!("{step:?}")
    };
    assert_eq!(authzid.as_deref(), Some("Ursel"));
    assert_eq!(authcid, "Kurt");
    // "Not authorized to requested authorization identity": the caller refuses.
    assert_eq!(
        server.password_checked(false).unwrap(),
        ServerStep::Failure(FailureReason::InvalidCredentials)
    );
}

// ----- RFC 2195 §2 ------------------------------------------------------------------------

const CRAM_CHALLENGE: &str = "<1896.697170952@postoffice.reston.mci.net>";

#[test]
fn rfc2195_cram_md5() {
    // S: + PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+
    let challenge = b64("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
    assert_eq!(challenge, CRAM_CHALLENGE.as_bytes());

    let mut client = ClientSession::cram_md5("tim", "tanstaaftanstaaf").unwrap();
    assert!(client.initial_response().is_none());
    let response = client.step(&challenge).unwrap();
    assert_eq!(response.as_bytes(), b"tim b913a602c7eda7a495b4e6e7334d3890");
    // C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw
    assert_eq!(
        framing::encode_response(response.as_bytes()),
        "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"
    );
    client.finish(None).unwrap();

    let mut server = ServerSession::cram_md5_with_challenge(CRAM_CHALLENGE);
    assert_eq!(
        server.start(None).unwrap(),
        ServerStep::Challenge(CRAM_CHALLENGE.as_bytes().to_vec())
    );
    assert_eq!(
        server.step(response.as_bytes()).unwrap(),
        ServerStep::NeedsPassword {
            username: "tim".into()
        }
    );
    assert!(matches!(
        server.provide_password(Some("tanstaaftanstaaf")).unwrap(),
        ServerStep::Success { authcid, .. } if authcid == "tim"
    ));
}

// ----- RFC 5802 §5 and RFC 7677 §3 --------------------------------------------------------

struct ScramVector {
    hash: ScramHash,
    client_nonce: &'static str,
    server_nonce: &'static str,
    salt: &'static str,
    client_first: &'static str,
    server_first: &'static str,
    client_final: &'static str,
    server_final: &'static str,
}

const RFC5802: ScramVector = ScramVector {
    hash: ScramHash::Sha1,
    client_nonce: "fyko+d2lbbFgONRv9qkxdawL",
    server_nonce: "3rfcNHYJY1ZVvWVs7j",
    salt: "QSXCR+Q6sek8bf92",
    client_first: "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    server_first: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    client_final: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    server_final: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
};

const RFC7677: ScramVector = ScramVector {
    hash: ScramHash::Sha256,
    client_nonce: "rOprNGfwEbeRWgbNEkqO",
    server_nonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
    salt: "W22ZaJ0SNY7soEsUEjb6gQ==",
    client_first: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    server_first: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    client_final: "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    server_final: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

fn scram_client_vector(v: &ScramVector) {
    let mut client = ClientSession::scram(v.hash, "user", "pencil")
        .unwrap()
        .with_nonce(v.client_nonce)
        .unwrap();
    assert_eq!(client.mechanism(), v.hash.mechanism());
    let ir = client.initial_response().unwrap();
    assert_eq!(ir.as_bytes(), v.client_first.as_bytes());
    let response = client.step(v.server_first.as_bytes()).unwrap();
    assert_eq!(response.as_bytes(), v.client_final.as_bytes());
    // SMTP/POP3/IMAP: server-final arrives as a last challenge, answered with an empty line.
    let response = client.step(v.server_final.as_bytes()).unwrap();
    assert!(response.is_empty());
    client.finish(None).unwrap();
    assert!(client.is_authenticated());

    // The same with server-final as additional data with success (RFC 4422 §3.6).
    let mut client = ClientSession::scram(v.hash, "user", "pencil")
        .unwrap()
        .with_nonce(v.client_nonce)
        .unwrap();
    client.initial_response().unwrap();
    client.step(v.server_first.as_bytes()).unwrap();
    client.finish(Some(v.server_final.as_bytes())).unwrap();
}

fn scram_server_vector(v: &ScramVector) {
    let creds = ScramCredentials::derive(v.hash, "pencil", &b64(v.salt), 4096).unwrap();
    let mut server = ServerSession::scram(v.hash)
        .with_nonce(v.server_nonce)
        .unwrap();
    assert_eq!(
        server.start(Some(v.client_first.as_bytes())).unwrap(),
        ServerStep::NeedsScramCredentials {
            username: "user".into(),
            authzid: None
        }
    );
    assert_eq!(
        server.provide_scram_credentials(Some(creds)).unwrap(),
        ServerStep::Challenge(v.server_first.as_bytes().to_vec())
    );
    assert_eq!(
        server.step(v.client_final.as_bytes()).unwrap(),
        ServerStep::Challenge(v.server_final.as_bytes().to_vec())
    );
    assert_eq!(
        server.step(b"").unwrap(),
        ServerStep::Success {
            authzid: None,
            authcid: "user".into(),
            additional_data: None
        }
    );
}

#[test]
fn rfc5802_scram_sha1_client() {
    scram_client_vector(&RFC5802);
}

#[test]
fn rfc5802_scram_sha1_server() {
    scram_server_vector(&RFC5802);
}

#[test]
fn rfc7677_scram_sha256_client() {
    scram_client_vector(&RFC7677);
}

#[test]
fn rfc7677_scram_sha256_server() {
    scram_server_vector(&RFC7677);
}

#[test]
fn rfc7677_server_final_in_success_data() {
    let v = &RFC7677;
    let creds = ScramCredentials::derive(v.hash, "pencil", &b64(v.salt), 4096).unwrap();
    let mut server = ServerSession::scram(v.hash)
        .with_nonce(v.server_nonce)
        .unwrap()
        .with_additional_data_in_success(true);
    server.start(Some(v.client_first.as_bytes())).unwrap();
    server.provide_scram_credentials(Some(creds)).unwrap();
    assert_eq!(
        server.step(v.client_final.as_bytes()).unwrap(),
        ServerStep::Success {
            authzid: None,
            authcid: "user".into(),
            additional_data: Some(v.server_final.as_bytes().to_vec())
        }
    );
}

#[test]
fn scram_client_rejects_a_forged_server_signature() {
    let v = &RFC7677;
    let mut client = ClientSession::scram_sha256("user", "pencil")
        .unwrap()
        .with_nonce(v.client_nonce)
        .unwrap();
    client.initial_response().unwrap();
    client.step(v.server_first.as_bytes()).unwrap();
    assert_eq!(
        client.step(b"v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
        Err(Error::ServerSignature)
    );
    assert!(client.finish(None).is_err());
    assert!(!client.is_authenticated());
}

#[test]
fn scram_client_requires_the_server_signature() {
    let v = &RFC5802;
    let mut client = ClientSession::scram_sha1("user", "pencil")
        .unwrap()
        .with_nonce(v.client_nonce)
        .unwrap();
    client.initial_response().unwrap();
    client.step(v.server_first.as_bytes()).unwrap();
    // The server says "235" without sending v=.
    assert_eq!(client.finish(None), Err(Error::ServerSignatureMissing));
}

#[test]
fn scram_client_surfaces_server_errors() {
    let v = &RFC5802;
    let mut client = ClientSession::scram_sha1("user", "pencil")
        .unwrap()
        .with_nonce(v.client_nonce)
        .unwrap();
    client.initial_response().unwrap();
    client.step(v.server_first.as_bytes()).unwrap();
    assert_eq!(
        client.step(b"e=invalid-proof"),
        Err(Error::ScramServer("invalid-proof".into()))
    );
}

// ----- RFC 7628 §4 ------------------------------------------------------------------------

const RFC7628_TOKEN: &str = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
const RFC7628_IMAP_IR: &str = "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB";
const RFC7628_SMTP_IR: &str = "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9NTg3AWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB";
const RFC7628_ERROR: &str = "eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNvbmZpZ3VyYXRpb24iOiJodHRwczovL2V4YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWd1cmF0aW9uIn0=";

fn rfc7628_client(port: u16) -> ClientSession {
    ClientSession::oauthbearer(
        Some("user@example.com"),
        RFC7628_TOKEN,
        Some("server.example.com"),
        Some(port),
    )
    .unwrap()
}

#[test]
fn rfc7628_successful_exchange_imap_and_smtp() {
    for (port, expected) in [(143, RFC7628_IMAP_IR), (587, RFC7628_SMTP_IR)] {
        let mut client = rfc7628_client(port);
        let ir = client.initial_response().unwrap();
        assert_eq!(framing::encode_initial_response(ir.as_bytes()), expected);
        assert_eq!(
            ir.as_bytes(),
            format!(
                "n,a=user@example.com,\x01host=server.example.com\x01port={port}\x01auth=Bearer {RFC7628_TOKEN}\x01\x01"
            )
            .as_bytes()
        );
        client.finish(None).unwrap();

        let mut server = ServerSession::oauthbearer();
        let step = server.start(Some(&b64(expected))).unwrap();
        let ServerStep::NeedsTokenCheck {
            user,
            token,
            host,
            port: p,
        } = step
        else {
            panic!("{step:?}")
        };
        assert_eq!(user.as_deref(), Some("user@example.com"));
        assert_eq!(token.expose(), RFC7628_TOKEN);
        assert_eq!(host.as_deref(), Some("server.example.com"));
        assert_eq!(p, Some(port));
        assert_eq!(
            server.token_checked(TokenCheck::Valid).unwrap(),
            ServerStep::Success {
                authzid: None,
                authcid: "user@example.com".into(),
                additional_data: None
            }
        );
    }
}

#[test]
fn rfc7628_failed_exchange() {
    let json = b64(RFC7628_ERROR);
    assert_eq!(
        json,
        br#"{"status":"invalid_token","scope":"example_scope","openid-configuration":"https://example.com/.well-known/openid-configuration"}"#
    );

    // Client: C: t1 AUTHENTICATE OAUTHBEARER <ir>  S: + <error>  C: AQ==  S: t1 NO
    let mut client = rfc7628_client(143);
    client.initial_response().unwrap();
    let dummy = client.step(&json).unwrap();
    assert_eq!(dummy.as_bytes(), b"\x01");
    assert_eq!(framing::encode_response(dummy.as_bytes()), "AQ==");
    let error = client.oauth_error().unwrap();
    assert_eq!(error.status(), Some("invalid_token"));
    assert_eq!(error.scope(), Some("example_scope"));
    assert_eq!(
        error.openid_configuration(),
        Some("https://example.com/.well-known/openid-configuration")
    );
    assert_eq!(error.json().as_bytes(), &json[..]);
    assert_eq!(
        client.finish(None),
        Err(Error::TokenRejected("invalid_token".into()))
    );

    // Server: the same error JSON, byte for byte.
    let mut server = ServerSession::oauthbearer();
    server.start(Some(&b64(RFC7628_IMAP_IR))).unwrap();
    let error = OAuthError::new("invalid_token")
        .with_scope("example_scope")
        .with_openid_configuration("https://example.com/.well-known/openid-configuration");
    let step = server.token_checked(TokenCheck::Invalid(error)).unwrap();
    let ServerStep::Challenge(challenge) = step else {
        panic!("{step:?}")
    };
    assert_eq!(framing::encode_challenge(&challenge), RFC7628_ERROR);
    assert_eq!(
        server.receive_line(b"AQ==\r\n").unwrap(),
        ServerStep::Failure(FailureReason::InvalidToken)
    );
}

// ----- RFC 4013 §3 (SASLprep), through the password path ----------------------------------

#[test]
fn rfc4013_saslprep_examples() {
    let salt = b"saltsalt";
    let derive = |p: &str| ScramCredentials::derive(ScramHash::Sha256, p, salt, 4096);
    // #1 SOFT HYPHEN mapped to nothing
    assert_eq!(derive("I\u{00AD}X").unwrap(), derive("IX").unwrap());
    // #2, #3 no transformation, case preserved
    assert_ne!(derive("user").unwrap(), derive("USER").unwrap());
    // #4 <U+00AA> output "a"
    assert_eq!(derive("\u{00AA}").unwrap(), derive("a").unwrap());
    // #5 <U+2168> output "IX"
    assert_eq!(derive("\u{2168}").unwrap(), derive("IX").unwrap());
    // #6 prohibited character
    assert_eq!(derive("\u{0007}"), Err(Error::SaslPrep));
    // #7 bidirectional check
    assert_eq!(derive("\u{0627}\u{0031}"), Err(Error::SaslPrep));

    // The client applies the same preparation: a client with "I\u{AD}X" logs in against
    // credentials derived from "IX".
    assert_eq!(
        ClientSession::scram_sha256("user", "\u{0007}").unwrap_err(),
        Error::SaslPrep
    );
    let creds = derive("IX").unwrap();
    let mut client = ClientSession::scram_sha256("user", "I\u{00AD}X").unwrap();
    let mut server = ServerSession::scram_sha256();
    server
        .start(Some(client.initial_response().unwrap().as_bytes()))
        .unwrap();
    let ServerStep::Challenge(first) = server.provide_scram_credentials(Some(creds)).unwrap()
    else {
        panic!()
    };
    let ServerStep::Challenge(last) = server
        .step(client.step(&first).unwrap().as_bytes())
        .unwrap()
    else {
        panic!()
    };
    client.step(&last).unwrap();
    client.finish(None).unwrap();
}
