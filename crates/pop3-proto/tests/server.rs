//! Server state machine behaviour beyond the RFC transcripts: deletions only in UPDATE, the
//! maildrop lock, STLS discarding, the plaintext policy, stuffing of outgoing bodies, TOP,
//! SASL, APOP, pipelining, limits and error counts.

use mail_sasl::dot::LineEndings;
use mail_sasl::server::ServerStep;
use pop3_proto::server::{
    LoginMethod, MessageInfo, Server, ServerConfig, ServerError, ServerEvent, ServerState,
};
use pop3_proto::types::{ApopDigest, AuthMechanism, Capability, MessageNumber, Response, UniqueId};

fn out(server: &mut Server) -> String {
    let mut o = Vec::new();
    server.poll_transmit(&mut o);
    String::from_utf8(o).unwrap()
}

fn config() -> ServerConfig {
    let mut c = ServerConfig::new("dewey");
    c.allow_plaintext_without_tls = true;
    c
}

fn messages(sizes: &[u64]) -> Vec<MessageInfo> {
    sizes
        .iter()
        .enumerate()
        .map(|(i, &size)| MessageInfo {
            size,
            uid: UniqueId::new(format!("uid{}", i + 1)).unwrap(),
        })
        .collect()
}

/// A server in TRANSACTION with messages of these sizes.
fn logged_in(config: ServerConfig, sizes: &[u64]) -> Server {
    let mut s = Server::new(config).unwrap();
    s.receive(b"USER mrose\r\nPASS secret\r\n");
    assert!(matches!(s.poll_event(), Some(ServerEvent::User { .. })));
    s.accept().unwrap();
    assert!(matches!(
        s.poll_event(),
        Some(ServerEvent::CheckPassword { .. })
    ));
    s.accept().unwrap();
    assert!(matches!(
        s.poll_event(),
        Some(ServerEvent::LockMaildrop { .. })
    ));
    s.maildrop_locked(messages(sizes)).unwrap();
    assert_eq!(s.state(), ServerState::Transaction);
    out(&mut s);
    s
}

#[test]
fn deletions_only_after_quit_in_transaction() {
    let mut s = logged_in(config(), &[10, 20, 30]);
    s.receive(b"DELE 1\r\nDELE 3\r\nDELE 3\r\nSTAT\r\n");
    assert_eq!(
        out(&mut s),
        "+OK message 1 deleted\r\n+OK message 3 deleted\r\n-ERR message 3 already deleted\r\n+OK 1 20\r\n"
    );
    // The connection drops: no UPDATE, nothing to delete.
    s.abort();
    assert!(s.is_closed());
    assert_eq!(s.poll_event(), None);
    assert_eq!(out(&mut s), "");

    let mut s = logged_in(config(), &[10, 20, 30]);
    s.receive(b"DELE 1\r\nRSET\r\nDELE 2\r\nQUIT\r\n");
    assert_eq!(
        s.poll_event(),
        Some(ServerEvent::Update {
            deleted: vec![MessageNumber::new(2).unwrap()]
        })
    );
    // Nothing is sent before the caller has applied the deletions.
    assert_eq!(
        out(&mut s),
        "+OK message 1 deleted\r\n+OK maildrop has 3 messages (60 octets)\r\n+OK message 2 deleted\r\n"
    );
    s.accept().unwrap();
    assert_eq!(
        out(&mut s),
        "+OK dewey POP3 server signing off (2 messages left)\r\n"
    );
    assert!(s.is_closed());

    // QUIT in AUTHORIZATION never enters UPDATE.
    let mut s = Server::new(config()).unwrap();
    out(&mut s);
    s.receive(b"QUIT\r\n");
    assert_eq!(s.poll_event(), None);
    assert_eq!(out(&mut s), "+OK dewey POP3 server signing off\r\n");
    assert!(s.is_closed());
}

#[test]
fn update_failure() {
    let mut s = logged_in(config(), &[10]);
    s.receive(b"DELE 1\r\nQUIT\r\n");
    assert!(matches!(s.poll_event(), Some(ServerEvent::Update { .. })));
    s.reject().unwrap();
    assert!(out(&mut s).ends_with("-ERR some deleted messages not removed\r\n"));
    assert!(s.is_closed());
}

#[test]
fn maildrop_in_use() {
    let mut s = Server::new(config()).unwrap();
    out(&mut s);
    s.receive(b"USER mrose\r\nPASS secret\r\n");
    s.poll_event();
    s.accept().unwrap();
    s.poll_event();
    s.accept().unwrap();
    assert_eq!(
        s.poll_event(),
        Some(ServerEvent::LockMaildrop {
            user: "mrose".into(),
            method: LoginMethod::UserPass
        })
    );
    s.maildrop_in_use().unwrap();
    assert_eq!(
        out(&mut s),
        "+OK\r\n-ERR [IN-USE] maildrop already locked\r\n"
    );
    assert_eq!(s.state(), ServerState::Authorization);
    // Without RESP-CODES announced, no code.
    let mut c = config();
    c.capabilities.remove("RESP-CODES");
    let mut s = Server::new(c).unwrap();
    out(&mut s);
    s.receive(b"USER mrose\r\nPASS secret\r\n");
    s.poll_event();
    s.accept().unwrap();
    s.poll_event();
    s.accept().unwrap();
    s.poll_event();
    s.maildrop_in_use().unwrap();
    assert_eq!(out(&mut s), "+OK\r\n-ERR maildrop already locked\r\n");
}

#[test]
fn pass_needs_user_and_bad_password_is_auth() {
    let mut s = Server::new(config()).unwrap();
    out(&mut s);
    s.receive(b"PASS x\r\nUSER a\r\nPASS wrong\r\n");
    assert_eq!(out(&mut s), "-ERR USER first\r\n");
    s.poll_event();
    s.accept().unwrap();
    let Some(ServerEvent::CheckPassword { user, password }) = s.poll_event() else {
        panic!()
    };
    assert_eq!((user.as_str(), password.expose()), ("a", "wrong"));
    assert!(!format!("{:?}", ServerEvent::CheckPassword { user, password }).contains("wrong"));
    s.reject().unwrap();
    assert_eq!(
        out(&mut s),
        "+OK\r\n-ERR [AUTH] invalid user name or password\r\n"
    );
    // PASS again without USER.
    s.receive(b"PASS again\r\n");
    assert_eq!(out(&mut s), "-ERR USER first\r\n");
}

#[test]
fn plaintext_policy() {
    let mut c = ServerConfig::new("dewey");
    let mut caps = c.capabilities.clone();
    caps.push(Capability::Sasl(vec![
        AuthMechanism::from_name("PLAIN"),
        AuthMechanism::from_name("SCRAM-SHA-256"),
    ]));
    caps.push(Capability::Stls);
    c.capabilities = caps;
    let mut s = Server::new(c).unwrap();
    out(&mut s);
    s.receive(b"CAPA\r\nUSER a\r\nAUTH PLAIN AGEAYg==\r\n");
    let text = out(&mut s);
    assert!(!text.contains("\r\nUSER\r\n"), "{text}");
    assert!(text.contains("SASL SCRAM-SHA-256\r\n"), "{text}");
    assert!(text.contains("-ERR USER not allowed without TLS\r\n"));
    assert!(text.ends_with("-ERR unsupported authentication mechanism\r\n"));
    // After STLS everything is offered, STLS no more.
    s.receive(b"STLS\r\nCAPA\r\n");
    assert_eq!(s.poll_event(), Some(ServerEvent::StartTls));
    assert_eq!(out(&mut s), "+OK Begin TLS negotiation\r\n");
    assert_eq!(s.state(), ServerState::TlsPending);
    s.tls_established().unwrap();
    // The pipelined CAPA sent in the clear was discarded.
    assert_eq!(out(&mut s), "");
    s.receive(b"CAPA\r\n");
    let text = out(&mut s);
    assert!(text.contains("\r\nUSER\r\n") && text.contains("SASL PLAIN SCRAM-SHA-256\r\n"));
    assert!(!text.contains("STLS"));
    s.receive(b"STLS\r\n");
    assert_eq!(
        out(&mut s),
        "-ERR Command not permitted when TLS active\r\n"
    );
}

#[test]
fn stls_discards_pipelined_input() {
    let mut c = config();
    c.capabilities.push(Capability::Stls);
    let mut s = Server::new(c).unwrap();
    out(&mut s);
    let input = b"STLS\r\nUSER injected\r\n";
    assert_eq!(s.receive(input), input.len());
    assert_eq!(s.poll_event(), Some(ServerEvent::StartTls));
    assert_eq!(s.receive(b"more\r\n"), 6);
    s.tls_established().unwrap();
    assert_eq!(s.poll_event(), None);
    assert_eq!(out(&mut s), "+OK Begin TLS negotiation\r\n");
    assert!(s.is_tls());
}

#[test]
fn bodies_are_stuffed_and_top_is_cut() {
    let message = b"Subject: x\n\n.dot line\nline 2\n..two\nline 4\nend";
    // Sizes as the client will count them: LF as CRLF.
    let crlf = 53;
    let mut s = logged_in(config(), &[crlf]);
    s.receive(b"RETR 1\r\nTOP 1 2\r\nTOP 1 0\r\nTOP 1 99\r\n");
    for expect_top in [None, Some(2), Some(0), Some(99)] {
        let Some(ServerEvent::Retrieve { msg, top }) = s.poll_event() else {
            panic!()
        };
        assert_eq!((msg.get(), top), (1, expect_top));
        for chunk in message.chunks(3) {
            assert_eq!(s.message_data(chunk).unwrap(), chunk.len());
        }
        s.message_end().unwrap();
    }
    let text = out(&mut s);
    let full = "Subject: x\r\n\r\n..dot line\r\nline 2\r\n...two\r\nline 4\r\nend\r\n.\r\n";
    assert_eq!(
        text,
        format!(
            "+OK 53 octets\r\n{full}+OK\r\nSubject: x\r\n\r\n..dot line\r\nline 2\r\n.\r\n+OK\r\nSubject: x\r\n\r\n.\r\n+OK\r\n{full}"
        )
    );
    // The client would count exactly the announced size.
    let body = "Subject: x\r\n\r\n.dot line\r\nline 2\r\n..two\r\nline 4\r\nend";
    assert_eq!(body.len() as u64, crlf - 2);
}

#[test]
fn byte_exact_bodies_with_preserve() {
    let mut c = config();
    c.line_endings = LineEndings::Preserve;
    let mut s = logged_in(c, &[9]);
    s.receive(b"RETR 1\r\n");
    s.poll_event();
    s.message_data(b"a\nb\r.c\r\n").unwrap();
    s.message_end().unwrap();
    assert_eq!(out(&mut s), "+OK 9 octets\r\na\nb\r.c\r\n.\r\n");
}

#[test]
fn retrieve_errors_and_backpressure() {
    let mut c = config();
    c.max_buffer = 64;
    c.max_auth_line_len = 64;
    // The bound is raised to the longest line, 255 octets.
    let mut s = logged_in(c, &[10, 10000]);
    s.receive(b"RETR 3\r\nDELE 1\r\nRETR 1\r\nTOP 2 1\r\nRETR 2\r\n");
    // TOP is announced by default; message 1 is deleted.
    assert!(matches!(
        s.poll_event(),
        Some(ServerEvent::Retrieve { top: Some(1), .. })
    ));
    assert_eq!(s.accept(), Err(ServerError::WrongPending));
    s.reject().unwrap();
    assert!(matches!(
        s.poll_event(),
        Some(ServerEvent::Retrieve { top: None, .. })
    ));
    let big = vec![b'x'; 10000];
    let mut sent = 0;
    let mut rounds = 0;
    let mut wire = out(&mut s);
    while sent < big.len() {
        let n = s.message_data(&big[sent..]).unwrap();
        assert!(n <= 255);
        sent += n;
        wire.push_str(&out(&mut s));
        rounds += 1;
    }
    s.message_end().unwrap();
    wire.push_str(&out(&mut s));
    assert!(rounds > 10);
    assert!(wire.starts_with(
        "-ERR no such message\r\n+OK message 1 deleted\r\n-ERR no such message\r\n-ERR no such message\r\n+OK 10000 octets\r\n"
    ));
    assert!(wire.ends_with("xx\r\n.\r\n"));
}

#[test]
fn optional_commands_need_capabilities() {
    let mut c = config();
    c.capabilities.remove("TOP");
    c.capabilities.remove("UIDL");
    let mut s = logged_in(c, &[5]);
    s.receive(b"TOP 1 1\r\nUIDL\r\nUTF8\r\nLANG\r\nXTND XMIT\r\n");
    assert_eq!(
        out(&mut s),
        "-ERR command not available\r\n-ERR command not available\r\n-ERR already authenticated\r\n-ERR LANG not available\r\n-ERR unknown command\r\n"
    );
}

#[test]
fn listings() {
    let mut s = logged_in(config(), &[120, 200, 5]);
    s.receive(b"DELE 2\r\nLIST\r\nUIDL\r\nLIST 2\r\nLIST 9\r\nUIDL 3\r\nLIST 0\r\n");
    assert_eq!(
        out(&mut s),
        "+OK message 2 deleted\r\n\
         +OK 2 messages (125 octets)\r\n1 120\r\n3 5\r\n.\r\n\
         +OK\r\n1 uid1\r\n3 uid3\r\n.\r\n\
         -ERR message 2 already deleted\r\n\
         -ERR no such message, only 3 messages in maildrop\r\n\
         +OK 3 uid3\r\n\
         -ERR invalid command\r\n"
    );
}

#[test]
fn apop() {
    let mut c = config();
    c.apop_timestamp = Some("<1896.697170952@dbc.mtview.ca.us>".into());
    let mut s = Server::new(c).unwrap();
    assert_eq!(
        out(&mut s),
        "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"
    );
    s.receive(b"APOP mrose 00000000000000000000000000000000\r\n");
    assert_eq!(
        s.poll_event(),
        Some(ServerEvent::ApopSecret {
            user: "mrose".into()
        })
    );
    s.apop_secret(Some("tanstaaf")).unwrap();
    assert_eq!(out(&mut s), "-ERR [AUTH] permission denied\r\n");
    s.receive(b"APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n");
    s.poll_event();
    s.apop_secret(Some("tanstaaf")).unwrap();
    assert!(matches!(
        s.poll_event(),
        Some(ServerEvent::LockMaildrop {
            method: LoginMethod::Apop,
            ..
        })
    ));
    s.maildrop_locked(messages(&[369])).unwrap();
    assert_eq!(
        out(&mut s),
        "+OK mrose's maildrop has 1 message (369 octets)\r\n"
    );
    // Without a timestamp APOP is refused; a bad timestamp is a configuration error.
    let mut s = Server::new(config()).unwrap();
    out(&mut s);
    let d = ApopDigest::compute(b"<x@y>", b"s").to_hex();
    s.receive(format!("APOP a {d}\r\n").as_bytes());
    assert_eq!(out(&mut s), "-ERR APOP not supported\r\n");
    let mut c = config();
    c.apop_timestamp = Some("no brackets".into());
    assert!(matches!(Server::new(c), Err(ServerError::Config(_))));
}

#[test]
fn sasl_plain_and_cancel() {
    let mut c = config();
    c.capabilities
        .push(Capability::Sasl(vec![AuthMechanism::from_name("PLAIN")]));
    let mut s = Server::new(c).unwrap();
    out(&mut s);
    s.receive(b"AUTH PLAIN\r\n*\r\nAUTH PLAIN\r\n");
    assert_eq!(out(&mut s), "+ \r\n-ERR authentication cancelled\r\n+ \r\n");
    s.receive(b"AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n");
    let Some(ServerEvent::Auth(ServerStep::NeedsPasswordCheck {
        authcid, password, ..
    })) = s.poll_event()
    else {
        panic!()
    };
    assert_eq!(
        (authcid.as_str(), password.expose()),
        ("tim", "tanstaaftanstaaf")
    );
    assert_eq!(s.accept(), Err(ServerError::WrongPending));
    s.auth_password_checked(true).unwrap();
    assert!(
        matches!(s.poll_event(), Some(ServerEvent::LockMaildrop { user, .. }) if user == "tim")
    );
    s.maildrop_locked(vec![]).unwrap();
    assert_eq!(
        out(&mut s),
        "+OK tim's maildrop has 0 messages (0 octets)\r\n"
    );
    // RFC 5034 §4: no second AUTH.
    s.receive(b"AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n");
    assert_eq!(out(&mut s), "-ERR already authenticated\r\n");
    s.receive(b"AUTH PLAIN !!!\r\n");
    assert_eq!(out(&mut s), "-ERR invalid command\r\n");
}

#[test]
fn errors_are_counted_and_close_the_session() {
    let mut c = config();
    c.max_errors = 3;
    let mut s = Server::new(c).unwrap();
    out(&mut s);
    s.receive(b"FOO\r\nSTAT\r\n\r\nNOOP\r\n");
    assert_eq!(
        out(&mut s),
        "-ERR unknown command\r\n-ERR not allowed before authentication\r\n-ERR invalid command\r\n-ERR too many errors, closing connection\r\n"
    );
    assert!(s.is_closed());
    assert_eq!(s.receive(b"NOOP\r\n"), 6);
    assert_eq!(out(&mut s), "");
}

#[test]
fn long_lines_are_refused_and_skipped() {
    let mut s = logged_in(config(), &[1]);
    let mut line = b"NOOP ".to_vec();
    line.extend(std::iter::repeat_n(b'x', 1000));
    line.extend_from_slice(b"\r\nNOOP\r\n");
    for chunk in line.chunks(100) {
        let mut rest = chunk;
        while !rest.is_empty() {
            let n = s.receive(rest);
            rest = &rest[n..];
        }
    }
    assert_eq!(out(&mut s), "-ERR line too long\r\n+OK\r\n");
}

#[test]
fn pipelined_commands_answered_in_order() {
    let mut s = Server::new(config()).unwrap();
    out(&mut s);
    s.receive(b"USER u\r\nPASS p\r\nSTAT\r\nLIST 1\r\nQUIT\r\n");
    s.poll_event();
    s.accept().unwrap();
    s.poll_event();
    s.accept().unwrap();
    s.poll_event();
    s.maildrop_locked(messages(&[7])).unwrap();
    assert!(matches!(s.poll_event(), Some(ServerEvent::Update { deleted }) if deleted.is_empty()));
    s.accept().unwrap();
    assert_eq!(
        out(&mut s),
        "+OK\r\n+OK u's maildrop has 1 message (7 octets)\r\n+OK 1 7\r\n+OK 1 7\r\n+OK dewey POP3 server signing off (1 message left)\r\n"
    );
}

#[test]
fn custom_responses_and_decision_errors() {
    let mut s = Server::new(config()).unwrap();
    out(&mut s);
    assert_eq!(s.accept(), Err(ServerError::NothingPending));
    assert_eq!(s.message_data(b"x"), Err(ServerError::NothingPending));
    s.receive(b"USER frated\r\n");
    s.poll_event();
    s.respond(&Response::err("sorry, no mailbox for frated here").unwrap())
        .unwrap();
    assert_eq!(out(&mut s), "-ERR sorry, no mailbox for frated here\r\n");
    s.receive(b"USER mrose\r\nPASS x\r\n");
    s.poll_event();
    s.accept().unwrap();
    s.poll_event();
    assert_eq!(
        s.respond(&Response::ok("fine").unwrap()),
        Err(ServerError::InvalidResponse)
    );
    s.accept().unwrap();
    s.poll_event();
    assert_eq!(s.message_end(), Err(ServerError::WrongPending));
    assert_eq!(
        s.maildrop_locked_with(vec![], &Response::err("no").unwrap()),
        Err(ServerError::InvalidResponse)
    );
    s.respond(
        &Response::err_with_code(pop3_proto::types::ResponseCode::SYS_TEMP, "try later").unwrap(),
    )
    .unwrap();
    assert_eq!(out(&mut s), "+OK\r\n-ERR [SYS/TEMP] try later\r\n");
}

#[test]
fn utf8_then_no_stls() {
    let mut c = config();
    c.capabilities.push(Capability::Utf8 { user: true });
    c.capabilities.push(Capability::Stls);
    let mut s = Server::new(c).unwrap();
    out(&mut s);
    s.receive(b"UTF8\r\nSTLS\r\nUSER j\xc3\xb6rg\r\n");
    assert_eq!(s.poll_event(), Some(ServerEvent::Utf8));
    assert!(s.is_utf8());
    assert_eq!(
        out(&mut s),
        "+OK UTF8 enabled\r\n-ERR STLS not available\r\n"
    );
    assert_eq!(
        s.poll_event(),
        Some(ServerEvent::User {
            name: "jörg".into()
        })
    );
}
