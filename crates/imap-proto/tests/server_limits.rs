//! The server machine's rules and limits: literals (continuation requests, RFC 7888 limits),
//! commands out of state, LOGINDISABLED and STARTTLS, AUTHENTICATE, IDLE, ENABLE, the
//! EXPUNGE rule of RFC 9051 §7.5.1, the error limit, shutdown and abort.

use imap_proto::server::{Server, ServerConfig, ServerError, ServerEvent, ServerState};
use imap_proto::types::{
    Capability, CommandBody, Condition, RespText, ResponseCode, State, UntaggedResponse,
};
use mail_sasl::ServerStep;

fn config() -> ServerConfig {
    let mut config = ServerConfig::new("imap.example.com");
    config.allow_plaintext_login_without_tls = true;
    config
}

fn out(server: &mut Server) -> String {
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    String::from_utf8(out).unwrap()
}

/// A server after the greeting (discarded).
fn new(config: ServerConfig) -> Server {
    let mut server = Server::new(config).unwrap();
    out(&mut server);
    server
}

/// A logged-in server (output discarded).
fn logged_in(config: ServerConfig) -> Server {
    let mut server = new(config);
    server.receive(b"L LOGIN user secret\r\n");
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::Login { .. })
    ));
    server.accept_login().unwrap();
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::LoggedIn { .. })
    ));
    out(&mut server);
    server
}

/// A server with INBOX selected (output discarded).
fn selected(config: ServerConfig) -> Server {
    let mut server = logged_in(config);
    server.receive(b"S SELECT INBOX\r\n");
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::Command { .. })
    ));
    server.untagged(&UntaggedResponse::Exists(3)).unwrap();
    server.selected(false).unwrap();
    out(&mut server);
    server
}

fn command_tag(server: &mut Server) -> Option<String> {
    match server.poll_event()? {
        ServerEvent::Command { tag, .. } => Some(tag.as_str().to_owned()),
        other => panic!("unexpected {other:?}"),
    }
}

// ----- literals --------------------------------------------------------------------------------

#[test]
fn sync_literal_gets_continuation_then_command() {
    let mut server = logged_in(config());
    assert_eq!(server.receive(b"A1 APPEND INBOX {11}\r\n"), 22);
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    assert!(server.poll_event().is_none());
    server.receive(b"Hello World\r\n");
    let Some(ServerEvent::Command {
        body: CommandBody::Append { messages, .. },
        ..
    }) = server.poll_event()
    else {
        panic!()
    };
    assert_eq!(
        messages.first().data.literal().unwrap().data(),
        b"Hello World"
    );
    server.done(State::Ok, None, "APPEND completed").unwrap();
    assert_eq!(out(&mut server), "A1 OK APPEND completed\r\n");
}

#[test]
fn continuation_waits_for_the_pending_command() {
    // The second command's literal header arrives while the first is executed: its `+`
    // comes after the first command's completion.
    let mut server = logged_in(config());
    server.receive(b"A1 NOOP\r\n");
    server.receive(b"A2 LOGIN {1}\r\n");
    assert_eq!(command_tag(&mut server).as_deref(), Some("A1"));
    assert_eq!(out(&mut server), "");
    server.done(State::Ok, None, "NOOP completed").unwrap();
    assert_eq!(
        out(&mut server),
        "A1 OK NOOP completed\r\n+ Ready for literal data\r\n"
    );
}

#[test]
fn multiappend_with_sync_literals() {
    let mut config = config();
    config.capabilities.push(Capability::MultiAppend);
    let mut server = logged_in(config);
    server.receive(b"A1 APPEND Drafts (\\Draft) {3}\r\n");
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    server.receive(b"one {3}\r\n");
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    server.receive(b"two\r\n");
    let Some(ServerEvent::Command {
        body: CommandBody::Append { messages, .. },
        ..
    }) = server.poll_event()
    else {
        panic!()
    };
    let data: Vec<&[u8]> = messages
        .as_slice()
        .iter()
        .map(|m| m.data.literal().unwrap().data())
        .collect();
    assert_eq!(data, [b"one", b"two"]);
}

#[test]
fn multiappend_refused_when_not_advertised() {
    let mut server = logged_in(config());
    server.receive(b"A1 APPEND INBOX {1+}\r\na {1+}\r\nb\r\n");
    assert!(server.poll_event().is_none());
    assert_eq!(out(&mut server), "A1 BAD MULTIAPPEND not supported\r\n");
}

#[test]
fn over_limit_sync_literal_is_refused_without_continuation() {
    let mut config = config();
    config.parse.max_literal_size = 100;
    let mut server = logged_in(config);
    server.receive(b"A1 APPEND INBOX {101}\r\n");
    assert_eq!(out(&mut server), "A1 NO [TOOBIG] Literal too large\r\n");
    assert!(server.poll_event().is_none());
    // The client sends no data; the next command is read normally.
    server.receive(b"A2 APPEND INBOX {100}\r\n");
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    assert_eq!(server.state(), ServerState::Authenticated);
}

#[test]
fn over_limit_second_literal_refuses_the_whole_command() {
    let mut config = config();
    config.parse.max_literal_size = 10;
    config.capabilities.push(Capability::MultiAppend);
    let mut server = logged_in(config);
    server.receive(b"A1 APPEND INBOX {3+}\r\none {50}\r\n");
    assert_eq!(out(&mut server), "A1 NO [TOOBIG] Literal too large\r\n");
    server.receive(b"A2 NOOP\r\n");
    assert_eq!(command_tag(&mut server).as_deref(), Some("A2"));
}

#[test]
fn non_sync_literal_over_4096_without_literal_plus_closes() {
    // RFC 7888 §5: LITERAL- servers accept {n+} only up to 4096 octets.
    let mut config = config();
    config
        .capabilities
        .retain(|c| *c != Capability::LiteralPlus);
    config.capabilities.push(Capability::LiteralMinus);
    let mut server = logged_in(config);
    server.receive(b"A0 APPEND INBOX {4096+}\r\n");
    assert_eq!(out(&mut server), "");
    let mut server = logged_in({
        let mut c = self::config();
        c.capabilities.retain(|c| *c != Capability::LiteralPlus);
        c
    });
    let n = server.receive(b"A1 APPEND INBOX {4097+}\r\nxxxx");
    assert_eq!(n, 29, "everything is taken (and discarded) once closed");
    assert_eq!(
        out(&mut server),
        "A1 BAD [TOOBIG] Literal too large\r\n* BYE Literal too large, closing\r\n"
    );
    assert!(server.is_closed());
    assert_eq!(server.state(), ServerState::Logout);
}

#[test]
fn non_sync_literal_with_literal_plus_up_to_the_limit() {
    let mut server = logged_in(config());
    let data = vec![b'x'; 10_000];
    let mut input = b"A1 APPEND INBOX {10000+}\r\n".to_vec();
    input.extend_from_slice(&data);
    input.extend_from_slice(b"\r\n");
    assert_eq!(server.receive(&input), input.len());
    assert_eq!(out(&mut server), "", "no continuation for {{n+}}");
    assert_eq!(command_tag(&mut server).as_deref(), Some("A1"));
}

#[test]
fn literal_limit_before_authentication() {
    let mut server = new(config());
    server.receive(b"A1 LOGIN {9000}\r\n");
    assert_eq!(out(&mut server), "A1 NO [TOOBIG] Literal too large\r\n");
    server.receive(b"A2 LOGIN {4}\r\n");
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    server.receive(b"user {6}\r\n");
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    server.receive(b"secret\r\n");
    let Some(ServerEvent::Login { username, password }) = server.poll_event() else {
        panic!()
    };
    assert_eq!((username.as_str(), password.expose()), ("user", "secret"));
}

#[test]
fn large_append_arrives_whole_in_bounded_chunks() {
    // 8 MiB through 64 KiB reads: receive takes every byte (the frame may exceed max_buffer
    // while it is a literal within the limit), the event has the data, unchanged.
    let mut server = logged_in(config());
    let size = 8 * 1024 * 1024;
    let mut message = Vec::with_capacity(size);
    while message.len() < size {
        message.extend_from_slice(b"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n");
    }
    message.truncate(size);
    let mut input = format!("A1 APPEND INBOX {{{size}}}\r\n").into_bytes();
    server.receive(&input);
    assert_eq!(out(&mut server), "+ Ready for literal data\r\n");
    input.clear();
    input.extend_from_slice(&message);
    input.extend_from_slice(b"\r\n");
    for chunk in input.chunks(64 * 1024) {
        assert_eq!(server.receive(chunk), chunk.len());
    }
    let Some(ServerEvent::Command {
        body: CommandBody::Append { messages, .. },
        ..
    }) = server.poll_event()
    else {
        panic!()
    };
    assert!(messages.first().data.literal().unwrap().data() == message.as_slice());
}

// ----- state ---------------------------------------------------------------------------------

#[test]
fn commands_out_of_state_never_reach_the_application() {
    let mut server = new(config());
    server.receive(b"A1 SELECT INBOX\r\nA2 FETCH 1 FLAGS\r\nA3 ENABLE CONDSTORE\r\n");
    assert!(server.poll_event().is_none());
    assert_eq!(
        out(&mut server),
        "A1 BAD Command not valid before authentication\r\n\
         A2 BAD Command not valid before authentication\r\n\
         A3 BAD Command not valid before authentication\r\n"
    );
    let mut server = logged_in(config());
    server.receive(
        b"A1 FETCH 1 FLAGS\r\nA2 CLOSE\r\nA3 LOGIN a b\r\nA4 STARTTLS\r\nA5 XYZZY\r\nA6 UID STORE 1 FLAGS x\r\n",
    );
    assert!(server.poll_event().is_none());
    assert_eq!(
        out(&mut server),
        "A1 BAD No mailbox selected\r\n\
         A2 BAD No mailbox selected\r\n\
         A3 BAD Already authenticated\r\n\
         A4 BAD Already authenticated\r\n\
         A5 BAD Unknown command\r\n\
         A6 BAD No mailbox selected\r\n"
    );
}

#[test]
fn syntax_errors_are_bad_with_the_tag() {
    let mut server = logged_in(config());
    server.receive(b"A1 FETCH\r\n* NOOP\r\nA2 SELECT\r\n");
    let text = out(&mut server);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("A1 BAD Invalid command syntax"));
    assert!(lines[1].starts_with("* BAD "));
    assert!(lines[2].starts_with("A2 BAD "));
}

#[test]
fn select_examine_close_unselect_move_the_state() {
    let mut server = logged_in(config());
    server.receive(b"A1 EXAMINE INBOX\r\n");
    assert_eq!(command_tag(&mut server).as_deref(), Some("A1"));
    // EXAMINE cannot become read-write, and `done(OK)` is not how SELECT completes.
    assert_eq!(
        server.done(State::Ok, None, "x"),
        Err(ServerError::WrongPending)
    );
    server.selected(false).unwrap();
    assert_eq!(server.state(), ServerState::Selected { read_only: true });
    assert_eq!(out(&mut server), "A1 OK [READ-ONLY] EXAMINE completed\r\n");

    server.receive(b"A2 SELECT nosuch\r\n");
    assert_eq!(command_tag(&mut server).as_deref(), Some("A2"));
    // A SELECT leaves the previous mailbox whatever its outcome.
    assert_eq!(server.state(), ServerState::Authenticated);
    server
        .select_failed(Some(ResponseCode::NonExistent), "No such mailbox")
        .unwrap();
    assert_eq!(server.state(), ServerState::Authenticated);
    assert_eq!(out(&mut server), "A2 NO [NONEXISTENT] No such mailbox\r\n");

    server.receive(b"A3 SELECT INBOX\r\n");
    command_tag(&mut server);
    server.selected(false).unwrap();
    assert_eq!(server.state(), ServerState::Selected { read_only: false });
    server.receive(b"A4 UNSELECT\r\n");
    assert_eq!(command_tag(&mut server).as_deref(), Some("A4"));
    server.done(State::No, None, "not now").unwrap();
    assert_eq!(server.state(), ServerState::Selected { read_only: false });
    server.receive(b"A5 CLOSE\r\n");
    command_tag(&mut server);
    assert!(!server.updates_allowed(), "CLOSE sends no EXPUNGE");
    server.done(State::Ok, None, "CLOSE completed").unwrap();
    assert_eq!(server.state(), ServerState::Authenticated);
}

#[test]
fn closed_code_for_imap4rev2() {
    let mut config = config();
    config.capabilities.push(Capability::Imap4rev2);
    let mut server = selected(config);
    server.receive(b"A1 SELECT Other\r\n");
    assert_eq!(
        out(&mut server),
        "* OK [CLOSED] Previous mailbox closed\r\n"
    );
}

#[test]
fn unauthenticate_returns_to_not_authenticated() {
    let mut server = selected(config());
    server.receive(b"A1 UNAUTHENTICATE\r\n");
    command_tag(&mut server);
    server
        .done(State::Ok, None, "UNAUTHENTICATE completed")
        .unwrap();
    assert_eq!(server.state(), ServerState::NotAuthenticated);
    server.receive(b"A2 NOOP\r\n");
    assert!(server.poll_event().is_none());
}

// ----- responses -----------------------------------------------------------------------------

#[test]
fn expunge_rule_of_rfc9051_7_5_1() {
    let mut server = selected(config());
    let expunge = UntaggedResponse::Expunge(1.try_into().unwrap());
    // No command in progress.
    assert!(!server.updates_allowed());
    assert!(matches!(
        server.untagged(&expunge),
        Err(ServerError::NotAllowed(_))
    ));
    // EXISTS may come at any time.
    server.untagged(&UntaggedResponse::Exists(4)).unwrap();
    for (cmd, allowed) in [
        (&b"A1 FETCH 1 FLAGS\r\n"[..], false),
        (b"A2 STORE 1 +FLAGS \\Seen\r\n", false),
        (b"A3 SEARCH ALL\r\n", false),
        (b"A4 UID FETCH 1 FLAGS\r\n", true),
        (b"A5 UID STORE 1 +FLAGS \\Seen\r\n", true),
        (b"A6 UID SEARCH ALL\r\n", true),
        (b"A7 NOOP\r\n", true),
        (b"A8 EXPUNGE\r\n", true),
        (b"A9 CHECK\r\n", true),
    ] {
        server.receive(cmd);
        let Some(ServerEvent::Command {
            expunge_allowed, ..
        }) = server.poll_event()
        else {
            panic!()
        };
        assert_eq!(expunge_allowed, allowed, "{}", cmd.escape_ascii());
        assert_eq!(server.updates_allowed(), allowed);
        assert_eq!(server.untagged(&expunge).is_ok(), allowed);
        server.done(State::Ok, None, "done").unwrap();
    }
}

#[test]
fn message_data_needs_a_mailbox_and_bye_is_shutdown() {
    let mut server = logged_in(config());
    server.receive(b"A1 LIST \"\" *\r\n");
    command_tag(&mut server);
    assert!(server.untagged(&UntaggedResponse::Exists(1)).is_err());
    let bye = UntaggedResponse::Status {
        condition: Condition::Bye,
        text: RespText::text_only("bye").unwrap(),
    };
    assert!(server.untagged(&bye).is_err());
    assert_eq!(
        server.done(State::Ok, None, "bad\r\ntext"),
        Err(ServerError::InvalidText)
    );
    server.done(State::Ok, None, "LIST completed").unwrap();
    assert_eq!(
        server.done(State::Ok, None, "x"),
        Err(ServerError::NothingPending)
    );
}

// ----- authentication ------------------------------------------------------------------------

#[test]
fn logindisabled_without_tls_then_starttls() {
    let mut config = ServerConfig::new("imap.example.com");
    config.starttls = true;
    config.auth_mechanisms = vec![
        mail_sasl::Mechanism::Plain,
        mail_sasl::Mechanism::ScramSha256,
    ];
    let mut server = Server::new(config).unwrap();
    assert_eq!(
        out(&mut server),
        "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT STARTTLS \
         AUTH=SCRAM-SHA-256 LOGINDISABLED] IMAP4rev1 server ready\r\n"
    );
    server.receive(b"A1 LOGIN user secret\r\nA2 AUTHENTICATE PLAIN\r\n");
    assert!(server.poll_event().is_none());
    assert_eq!(
        out(&mut server),
        "A1 NO [PRIVACYREQUIRED] LOGIN disabled without TLS, use STARTTLS first\r\n\
         A2 NO [PRIVACYREQUIRED] Plaintext authentication disabled without TLS\r\n"
    );
    // STARTTLS with a pipelined (injected) command: discarded.
    let input = b"A3 STARTTLS\r\nA4 LOGIN user secret\r\n";
    assert_eq!(server.receive(input), input.len());
    assert_eq!(out(&mut server), "A3 OK Begin TLS negotiation now\r\n");
    assert!(matches!(server.poll_event(), Some(ServerEvent::StartTls)));
    assert_eq!(server.state(), ServerState::TlsUpgrade);
    assert_eq!(server.receive(b"more plaintext\r\n"), 16);
    assert!(server.poll_event().is_none());
    server.tls_established().unwrap();
    assert!(server.is_tls());
    server.receive(b"A5 CAPABILITY\r\n");
    assert_eq!(
        out(&mut server),
        "* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT AUTH=PLAIN \
         AUTH=SCRAM-SHA-256\r\nA5 OK CAPABILITY completed\r\n"
    );
    server.receive(b"A6 STARTTLS\r\n");
    assert_eq!(out(&mut server), "A6 BAD STARTTLS not available\r\n");
    server.receive(b"A7 LOGIN user secret\r\n");
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::Login { .. })
    ));
    server.accept_login().unwrap();
    assert_eq!(
        out(&mut server),
        "A7 OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT] LOGIN completed\r\n"
    );
}

#[test]
fn authenticate_plain_exchanges() {
    let mut server = new(config());
    // Without initial response: empty challenge, then the response.
    server.receive(b"A1 AUTHENTICATE PLAIN\r\n");
    assert_eq!(out(&mut server), "+ \r\n");
    assert_eq!(server.state(), ServerState::Authenticating);
    server.receive(b"*\r\n");
    assert_eq!(out(&mut server), "A1 BAD Authentication cancelled\r\n");
    server.receive(b"A2 AUTHENTICATE PLAIN\r\n!!!\r\n");
    assert_eq!(
        out(&mut server),
        "+ \r\nA2 BAD Invalid base64 in authentication response\r\n"
    );
    server.receive(b"A3 AUTHENTICATE CRAM-MD5\r\n");
    assert_eq!(
        out(&mut server),
        "A3 NO Unsupported authentication mechanism\r\n"
    );
    // With SASL-IR and an authorization identity.
    server.receive(b"A4 AUTHENTICATE PLAIN YWRtaW4AdXNlcgBzZWNyZXQ=\r\n");
    let Some(ServerEvent::Auth(ServerStep::NeedsPasswordCheck {
        authzid, authcid, ..
    })) = server.poll_event()
    else {
        panic!()
    };
    assert_eq!(
        (authzid.as_deref(), authcid.as_str()),
        (Some("admin"), "user")
    );
    assert_eq!(
        server.done(State::Ok, None, "x"),
        Err(ServerError::WrongPending)
    );
    server.auth_password_checked(true).unwrap();
    let Some(ServerEvent::LoggedIn { user, .. }) = server.poll_event() else {
        panic!()
    };
    assert_eq!(user, "admin");
    assert_eq!(server.state(), ServerState::Authenticated);
    assert!(out(&mut server).starts_with("A4 OK [CAPABILITY "));
}

#[test]
fn sasl_ir_refused_when_not_advertised() {
    let mut config = config();
    config.capabilities.retain(|c| *c != Capability::SaslIr);
    let mut server = new(config);
    server.receive(b"A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0\r\n");
    assert_eq!(out(&mut server), "A1 BAD SASL-IR not supported\r\n");
}

#[test]
fn failed_logins_count_and_bye_at_the_limit() {
    let mut config = config();
    config.max_errors = 3;
    let mut server = new(config);
    for i in 0..2 {
        server.receive(format!("A{i} LOGIN user wrong\r\n").as_bytes());
        assert!(matches!(
            server.poll_event(),
            Some(ServerEvent::Login { .. })
        ));
        server.reject_login().unwrap();
    }
    server.receive(b"A3 BOGUS\r\nA4 NOOP\r\n");
    assert_eq!(
        out(&mut server),
        "A0 NO [AUTHENTICATIONFAILED] Authentication failed\r\n\
         A1 NO [AUTHENTICATIONFAILED] Authentication failed\r\n\
         A3 BAD Unknown command\r\n\
         * BYE Too many errors, closing connection\r\n"
    );
    assert!(server.is_closed());
}

// ----- IDLE, ENABLE, CAPABILITY, LOGOUT ----------------------------------------------------

#[test]
fn idle_with_pushed_updates() {
    let mut server = selected(config());
    server.receive(b"A1 IDLE\r\n");
    assert_eq!(out(&mut server), "+ idling\r\n");
    assert!(matches!(server.poll_event(), Some(ServerEvent::Idle)));
    assert_eq!(server.state(), ServerState::Idle);
    assert!(server.updates_allowed());
    server.untagged(&UntaggedResponse::Exists(4)).unwrap();
    server
        .untagged(&UntaggedResponse::Expunge(2.try_into().unwrap()))
        .unwrap();
    server.receive(b"do");
    server.receive(b"ne\r\n");
    assert!(matches!(server.poll_event(), Some(ServerEvent::IdleDone)));
    assert_eq!(
        out(&mut server),
        "* 4 EXISTS\r\n* 2 EXPUNGE\r\nA1 OK IDLE terminated\r\n"
    );
    assert_eq!(server.state(), ServerState::Selected { read_only: false });
    // Anything but DONE ends IDLE with BAD.
    server.receive(b"A2 IDLE\r\nA3 NOOP\r\n");
    assert_eq!(out(&mut server), "+ idling\r\nA2 BAD Expected DONE\r\n");
    assert!(matches!(server.poll_event(), Some(ServerEvent::Idle)));
    assert!(matches!(server.poll_event(), Some(ServerEvent::IdleDone)));
}

#[test]
fn enable() {
    let mut config = config();
    config.capabilities.push(Capability::QResync);
    config.capabilities.push(Capability::CondStore);
    let mut server = logged_in(config);
    server.receive(b"A1 ENABLE QRESYNC X-UNKNOWN UTF8=ACCEPT\r\n");
    assert_eq!(
        out(&mut server),
        "* ENABLED CONDSTORE QRESYNC\r\nA1 OK ENABLE completed\r\n"
    );
    let Some(ServerEvent::Enabled(caps)) = server.poll_event() else {
        panic!()
    };
    assert_eq!(caps, [Capability::CondStore, Capability::QResync]);
    assert!(server.is_enabled(&Capability::QResync));
    server.receive(b"A2 ENABLE CONDSTORE\r\n");
    assert_eq!(out(&mut server), "* ENABLED\r\nA2 OK ENABLE completed\r\n");
}

#[test]
fn logout_shutdown_abort() {
    let mut server = logged_in(config());
    server.receive(b"A1 LOGOUT\r\nA2 NOOP\r\n");
    assert_eq!(
        out(&mut server),
        "* BYE IMAP4rev1 server logging out\r\nA1 OK LOGOUT completed\r\n"
    );
    assert_eq!(server.state(), ServerState::Logout);
    assert!(server.poll_event().is_none());

    let mut server = selected(config());
    server.receive(b"A1 FETCH 1 FLAGS\r\n");
    command_tag(&mut server);
    server.shutdown("Server going down");
    assert_eq!(out(&mut server), "* BYE Server going down\r\n");
    assert!(server.is_closed());
    assert_eq!(server.done(State::Ok, None, "x"), Err(ServerError::Closed));

    let mut server = selected(config());
    server.receive(b"A1 NOOP\r\n");
    server.abort();
    assert_eq!(out(&mut server), "");
    assert_eq!(server.state(), ServerState::Closed);
}

#[test]
fn line_too_long_is_skipped() {
    let mut config = config();
    config.parse.max_line_len = 100;
    config.max_buffer = 0;
    let mut server = logged_in(config);
    let mut line = b"A1 NOOP ".to_vec();
    line.resize(300, b'x');
    line.extend_from_slice(b"\r\nA2 NOOP\r\n");
    let mut taken = 0;
    while taken < line.len() {
        let n = server.receive(&line[taken..]);
        assert!(n > 0);
        taken += n;
        if let Some(e) = server.poll_event() {
            assert!(matches!(e, ServerEvent::Command { .. }));
            server.done(State::Ok, None, "NOOP completed").unwrap();
        }
    }
    assert_eq!(
        out(&mut server),
        "A1 BAD Line too long\r\nA2 OK NOOP completed\r\n"
    );
}

#[test]
fn debug_hides_secrets() {
    let mut server = new(config());
    server.receive(b"A1 LOGIN user hunter2\r\n");
    let event = server.poll_event().unwrap().into_owned();
    assert!(!format!("{event:?}").contains("hunter2"));
    assert!(!format!("{server:?}").contains("hunter2"));
}

#[test]
fn done_without_polling_the_event() {
    let mut server = logged_in(config());
    server.receive(b"A1 NOOP\r\nA2 LIST \"\" *\r\n");
    assert_eq!(server.pending_tag().map(|t| t.as_str()), Some("A1"));
    server.done(State::Ok, None, "NOOP completed").unwrap();
    assert_eq!(command_tag(&mut server).as_deref(), Some("A2"));
    assert!(server.poll_event().is_none());
}

#[test]
fn preauth_greeting() {
    let mut server = Server::new_preauth(config(), "user").unwrap();
    assert_eq!(
        out(&mut server),
        "* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT] \
         IMAP4rev1 server ready\r\n"
    );
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::LoggedIn {
            method: imap_proto::server::LoginMethod::PreAuth,
            ..
        })
    ));
    assert_eq!(server.state(), ServerState::Authenticated);
    server.receive(b"A1 LOGIN a b\r\n");
    assert_eq!(out(&mut server), "A1 BAD Already authenticated\r\n");
}
