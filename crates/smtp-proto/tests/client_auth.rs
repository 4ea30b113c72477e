//! AUTH (RFC 4954) through `mail_sasl::ClientSession`, against a `mail_sasl::ServerSession`
//! driven by the test as the server side.

mod client_common;

use client_common::*;
use mail_sasl::framing::{self, ClientMessage};
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::{ClientSession, ServerSession, ServerStep};
use smtp_proto::client::{ClientError, ClientEvent, ClientState};

const USER: &str = "tim";
const PASSWORD: &str = "tanstaaftanstaaf";

/// How the scripted server tampers with the exchange.
#[derive(Clone, Copy, PartialEq)]
enum Tamper {
    None,
    /// Flip a byte of the SCRAM server-final message (`v=`).
    ServerSignature,
    /// Say 235 right after the client-final message, skipping the server signature.
    SkipServerFinal,
}

/// Runs the exchange: returns the client's lines and the client events.
fn run(
    h: &mut Harness,
    mut server: ServerSession,
    password_ok: bool,
    tamper: Tamper,
) -> (Vec<String>, Vec<ClientEvent>) {
    let mut lines = Vec::new();
    let mut events = Vec::new();
    for _ in 0..10 {
        let out = h.out();
        if out.is_empty() {
            break;
        }
        assert!(
            out.ends_with("\r\n") && out.matches("\r\n").count() == 1,
            "{out:?}"
        );
        let line = out.trim_end().to_owned();
        lines.push(line.clone());
        let mut step = if let Some(rest) = line.strip_prefix("AUTH ") {
            let mut words = rest.split(' ');
            let _mech = words.next().unwrap();
            let ir = words
                .next()
                .map(|ir| framing::decode_initial_response(ir.as_bytes()).unwrap());
            server.start(ir.as_ref().map(|r| r.as_bytes())).unwrap()
        } else {
            match framing::decode_response(line.as_bytes()).unwrap() {
                ClientMessage::Cancel => server.cancel(),
                ClientMessage::Response(r) => server.step(r.as_bytes()).unwrap(),
            }
        };
        loop {
            step = match step {
                ServerStep::NeedsPasswordCheck { password, .. } => server
                    .password_checked(password_ok && password.expose() == PASSWORD)
                    .unwrap(),
                ServerStep::NeedsScramCredentials { username, .. } => {
                    let creds = ScramCredentials::derive(
                        ScramHash::Sha256,
                        if password_ok { PASSWORD } else { "wrong" },
                        b"0123456789abcdef",
                        4096,
                    )
                    .unwrap();
                    server
                        .provide_scram_credentials((username == USER).then_some(creds))
                        .unwrap()
                }
                other => {
                    step_reply(other, &mut events, h, tamper);
                    break;
                }
            };
        }
    }
    events.extend(h.events());
    (lines, events)
}

fn step_reply(step: ServerStep, events: &mut Vec<ClientEvent>, h: &mut Harness, tamper: Tamper) {
    let reply = match &step {
        ServerStep::Challenge(c) => {
            let mut c = c.clone();
            if c.starts_with(b"v=") {
                match tamper {
                    Tamper::ServerSignature => {
                        let last = c.len() - 2;
                        c[last] = if c[last] == b'A' { b'B' } else { b'A' };
                    }
                    Tamper::SkipServerFinal => {
                        events.extend(h.reply(b"235 2.7.0 ok\r\n"));
                        return;
                    }
                    Tamper::None => {}
                }
            }
            format!("334 {}\r\n", framing::encode_challenge(&c))
        }
        ServerStep::Success { .. } => "235 2.7.0 Authentication successful\r\n".to_owned(),
        ServerStep::Failure(mail_sasl::server::FailureReason::Cancelled) => {
            "501 5.7.0 cancelled\r\n".to_owned()
        }
        ServerStep::Failure(_) => "535 5.7.8 Authentication credentials invalid\r\n".to_owned(),
        other => panic!("{other:?}"),
    };
    events.extend(h.reply(reply.as_bytes()));
}

fn ready(caps: &[&str]) -> Harness {
    let mut h = Harness::new(config("client.example"));
    h.ready(caps);
    h
}

#[test]
fn auth_plain_initial_response() {
    let mut h = ready(&["PIPELINING", "AUTH PLAIN LOGIN"]);
    h.client
        .authenticate(ClientSession::plain(None, USER, PASSWORD).unwrap())
        .unwrap();
    assert_eq!(h.client.state(), ClientState::Auth);
    let (lines, events) = run(&mut h, ServerSession::plain(), true, Tamper::None);
    // RFC 4954 §4 example.
    assert_eq!(lines, ["AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm"]);
    assert_eq!(events, vec![ClientEvent::Authenticated]);
    assert!(h.client.is_authenticated());
    assert_eq!(h.client.state(), ClientState::Ready);
}

#[test]
fn auth_plain_wrong_password() {
    let mut h = ready(&["AUTH PLAIN"]);
    h.client
        .authenticate(ClientSession::plain(None, USER, "nope").unwrap())
        .unwrap();
    let (_, events) = run(&mut h, ServerSession::plain(), true, Tamper::None);
    assert!(matches!(
        &events[..],
        [ClientEvent::AuthFailed { reply, error: None }] if reply.code().get() == 535
    ));
    assert!(!h.client.is_authenticated());
    assert_eq!(h.client.state(), ClientState::Ready);
}

#[test]
fn auth_login_challenges() {
    let mut h = ready(&["AUTH LOGIN"]);
    h.client
        .authenticate(ClientSession::login(USER, PASSWORD).unwrap())
        .unwrap();
    let (lines, events) = run(&mut h, ServerSession::login(), true, Tamper::None);
    assert_eq!(lines, ["AUTH LOGIN", "dGlt", "dGFuc3RhYWZ0YW5zdGFhZg=="]);
    assert_eq!(events, vec![ClientEvent::Authenticated]);
}

#[test]
fn auth_scram_sha256() {
    let mut h = ready(&["AUTH SCRAM-SHA-256 PLAIN"]);
    h.client
        .authenticate(ClientSession::scram_sha256(USER, PASSWORD).unwrap())
        .unwrap();
    let (lines, events) = run(&mut h, ServerSession::scram_sha256(), true, Tamper::None);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("AUTH SCRAM-SHA-256 "));
    // The answer to the server-final challenge is empty.
    assert_eq!(lines[2], "");
    assert_eq!(events, vec![ClientEvent::Authenticated]);
}

#[test]
fn auth_scram_wrong_password() {
    let mut h = ready(&["AUTH SCRAM-SHA-256"]);
    h.client
        .authenticate(ClientSession::scram_sha256(USER, PASSWORD).unwrap())
        .unwrap();
    let (_, events) = run(&mut h, ServerSession::scram_sha256(), false, Tamper::None);
    assert!(
        matches!(&events[..], [ClientEvent::AuthFailed { reply, .. }] if reply.code().get() == 535)
    );
}

#[test]
fn auth_scram_bad_server_signature_cancels() {
    let mut h = ready(&["AUTH SCRAM-SHA-256"]);
    h.client
        .authenticate(ClientSession::scram_sha256(USER, PASSWORD).unwrap())
        .unwrap();
    let (lines, events) = run(
        &mut h,
        ServerSession::scram_sha256(),
        true,
        Tamper::ServerSignature,
    );
    assert_eq!(lines.last().unwrap(), "*");
    assert!(
        matches!(&events[..], [ClientEvent::AuthFailed { reply, error: Some(_) }] if reply.code().get() == 501),
        "{events:?}"
    );
    assert!(!h.client.is_authenticated());
}

/// 235 without the server signature: `finish(None)` fails, the session is not trusted.
#[test]
fn auth_scram_235_without_server_final_is_an_error() {
    let mut h = ready(&["AUTH SCRAM-SHA-256"]);
    h.client
        .authenticate(ClientSession::scram_sha256(USER, PASSWORD).unwrap())
        .unwrap();
    let (_, events) = run(
        &mut h,
        ServerSession::scram_sha256(),
        true,
        Tamper::SkipServerFinal,
    );
    assert!(
        matches!(&events[..], [ClientEvent::Error(ClientError::Sasl(_))]),
        "{events:?}"
    );
    assert!(!h.client.is_authenticated());
    assert!(h.client.is_closed());
}

#[test]
fn auth_not_advertised() {
    let mut h = ready(&["AUTH PLAIN"]);
    assert_eq!(
        h.client
            .authenticate(ClientSession::scram_sha256(USER, PASSWORD).unwrap()),
        Err(ClientError::NotAdvertised("AUTH mechanism"))
    );
    let mut h = ready(&["PIPELINING"]);
    assert!(
        h.client
            .authenticate(ClientSession::plain(None, USER, PASSWORD).unwrap())
            .is_err()
    );
    assert_eq!(h.out(), "");
}

/// An initial response that would make the line longer than 512 octets waits for the empty
/// challenge (RFC 4954 §4).
#[test]
fn auth_long_initial_response_waits_for_challenge() {
    let mut h = ready(&["AUTH PLAIN"]);
    let long = "p".repeat(600);
    h.client
        .authenticate(ClientSession::plain(None, USER, &long).unwrap())
        .unwrap();
    assert_eq!(h.out(), "AUTH PLAIN\r\n");
    assert!(h.reply(b"334 \r\n").is_empty());
    let line = h.out();
    let decoded = framing::decode_response(line.trim_end().as_bytes()).unwrap();
    let ClientMessage::Response(r) = decoded else {
        panic!()
    };
    assert_eq!(r.as_bytes(), format!("\0{USER}\0{long}").as_bytes());
    assert_eq!(h.reply(b"235 ok\r\n"), vec![ClientEvent::Authenticated]);
}
