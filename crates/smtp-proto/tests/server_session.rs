//! Server state machine sessions: RFC 5321 Appendix D.1, RFC 2920 pipelining, RFC 3030 BDAT,
//! RFC 2033 LMTP, RFC 3207 STARTTLS, RFC 4954 AUTH, and every error path.

mod common;

use common::{Seen, drain_server};
use mail_sasl::ServerStep;
use smtp_proto::server::{
    AbortReason, HelloKind, Server, ServerConfig, ServerError, ServerEvent, ServerState,
};
use smtp_proto::types::{AuthMechanism, Capabilities, Capability, EnhancedCode, Reply, ReplyCode};

fn reply(code: u16, text: &str) -> Reply<'static> {
    Reply::new(
        ReplyCode::new(code).unwrap(),
        None,
        [text.as_bytes().to_vec()],
    )
    .unwrap()
}

/// Answers decisions: accepts everything except RCPT to `bad*` (550) and checks passwords
/// against "secret".
fn policy(server: &mut Server, ev: &ServerEvent) {
    match ev {
        ServerEvent::Rcpt { to, .. } if format!("{to:?}").contains("bad") => {
            server.reject(&reply(550, "5.1.1 No such user")).unwrap()
        }
        ServerEvent::Auth(ServerStep::NeedsPasswordCheck { password, .. }) => server
            .auth_password_checked(password.expose() == "secret")
            .unwrap(),
        ServerEvent::Hello { .. }
        | ServerEvent::Mail { .. }
        | ServerEvent::Rcpt { .. }
        | ServerEvent::Vrfy(_)
        | ServerEvent::Expn(_)
        | ServerEvent::DataStart
        | ServerEvent::MessageComplete { .. } => server.accept().unwrap(),
        _ => {}
    }
}

struct Session {
    server: Server,
    greeting: String,
    events: Vec<Seen>,
    out: Vec<u8>,
}

impl Session {
    fn new(config: ServerConfig) -> Self {
        let mut server = Server::new(config).unwrap();
        let mut out = Vec::new();
        server.poll_transmit(&mut out);
        Self {
            server,
            greeting: String::from_utf8(out).unwrap(),
            events: Vec::new(),
            out: Vec::new(),
        }
    }

    fn drain(&mut self, answer: &mut dyn FnMut(&mut Server, &ServerEvent)) {
        drain_server(&mut self.server, &mut self.events, answer);
    }

    /// Feeds `input`, answering with `answer`; returns the output since the last call.
    fn feed_with(
        &mut self,
        input: &[u8],
        answer: &mut dyn FnMut(&mut Server, &ServerEvent),
    ) -> String {
        let mut rest = input;
        loop {
            let n = self.server.receive(rest);
            rest = &rest[n..];
            let before = self.events.len();
            self.drain(answer);
            let mut tx = Vec::new();
            self.server.poll_transmit(&mut tx);
            self.out.extend_from_slice(&tx);
            if rest.is_empty() {
                break;
            }
            assert!(
                n > 0 || self.events.len() > before || !tx.is_empty(),
                "stuck in {:?}",
                self.server.state()
            );
        }
        let s = String::from_utf8_lossy(&self.out).into_owned();
        self.out.clear();
        s
    }

    fn feed(&mut self, input: &str) -> String {
        self.feed_with(input.as_bytes(), &mut policy)
    }

    /// The events since the last take (message data left out).
    fn take_events(&mut self) -> Vec<ServerEvent> {
        self.take_seen()
            .into_iter()
            .filter_map(|s| match s {
                Seen::Event(e) => Some(e),
                Seen::Data(_) => None,
            })
            .collect()
    }

    /// The events and message data since the last take.
    fn take_seen(&mut self) -> Vec<Seen> {
        std::mem::take(&mut self.events)
    }
}

fn config() -> ServerConfig {
    ServerConfig::new("mx.example.org")
}

fn ehlo(s: &mut Session) {
    let out = s.feed("EHLO client.example.com\r\n");
    assert!(out.starts_with("250-mx.example.org\r\n"), "{out}");
    s.take_events();
}

#[test]
fn greeting_and_ehlo_capabilities() {
    let mut s = Session::new(config());
    s.server.poll_transmit(&mut s.out);
    let mut server = Server::new(config()).unwrap();
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    assert_eq!(out, b"220 mx.example.org ESMTP ready\r\n");
    assert_eq!(
        s.feed("EHLO client.example.com\r\n"),
        "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n\
         250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n"
    );
    assert!(matches!(
        &s.take_events()[..],
        [ServerEvent::Hello {
            kind: HelloKind::Ehlo,
            ..
        }]
    ));
    assert_eq!(
        s.feed("HELO client.example.com\r\n"),
        "250 mx.example.org\r\n"
    );
}

/// RFC 5321 Appendix D.1, server side, with the example's exact replies.
#[test]
fn rfc5321_appendix_d1() {
    let mut c = ServerConfig::new("foo.com");
    c.greeting = "Simple Mail Transfer Service Ready".into();
    let mut caps = Capabilities::new();
    for cap in [
        Capability::EightBitMime,
        Capability::Size(None),
        Capability::Dsn,
        Capability::Help,
    ] {
        caps.push(cap);
    }
    c.capabilities = caps;
    let mut s = Session::new(c);
    assert_eq!(
        s.greeting,
        "220 foo.com Simple Mail Transfer Service Ready\r\n"
    );
    let ehlo_reply = Reply::new(
        ReplyCode::OK,
        None,
        ["foo.com greets bar.com", "8BITMIME", "SIZE", "DSN", "HELP"].map(|l| l.as_bytes()),
    )
    .unwrap();
    let mut answer = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. } => server.respond(&ehlo_reply).unwrap(),
        ServerEvent::Rcpt { to, .. } if format!("{to:?}").contains("Green") => {
            server.reject(&reply(550, "No such user here")).unwrap()
        }
        ServerEvent::Mail { .. }
        | ServerEvent::Rcpt { .. }
        | ServerEvent::MessageComplete { .. } => server.respond(&reply(250, "OK")).unwrap(),
        ServerEvent::DataStart => server.accept().unwrap(),
        _ => {}
    };
    let steps: [(&str, &str); 9] = [
        (
            "EHLO bar.com\r\n",
            "250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250 HELP\r\n",
        ),
        ("MAIL FROM:<Smith@bar.com>\r\n", "250 OK\r\n"),
        ("RCPT TO:<Jones@foo.com>\r\n", "250 OK\r\n"),
        ("RCPT TO:<Green@foo.com>\r\n", "550 No such user here\r\n"),
        ("RCPT TO:<Brown@foo.com>\r\n", "250 OK\r\n"),
        (
            "DATA\r\n",
            "354 Start mail input; end with <CRLF>.<CRLF>\r\n",
        ),
        ("Blah blah blah...\r\n...etc. etc. etc.\r\n", ""),
        (".\r\n", "250 OK\r\n"),
        (
            "QUIT\r\n",
            "221 foo.com Service closing transmission channel\r\n",
        ),
    ];
    for (input, expected) in steps {
        assert_eq!(
            s.feed_with(input.as_bytes(), &mut answer),
            expected,
            "{input}"
        );
    }
    assert!(s.server.is_closed());
    let events = s.take_seen();
    assert!(events.contains(&Seen::Data(
        b"Blah blah blah...\r\n..etc. etc. etc.\r\n".to_vec()
    )));
    assert!(events.contains(&Seen::Event(ServerEvent::MessageComplete { size: 37 })));
}

/// RFC 2920 §3.1: a pipelined transaction in one packet; replies in order, one per command.
#[test]
fn rfc2920_pipelined_session() {
    let mut s = Session::new(config());
    ehlo(&mut s);
    let out = s.feed(
        "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.org>\r\n\
         RCPT TO:<bad@example.org>\r\nRCPT TO:<carol@example.org>\r\nDATA\r\n\
         Subject: hi\r\n\r\n.line\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n",
    );
    assert_eq!(
        out,
        "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 No such user\r\n\
         250 2.1.5 Recipient OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n\
         250 2.0.0 Message accepted for delivery\r\n250 2.0.0 OK\r\n250 2.0.0 OK\r\n\
         221 2.0.0 mx.example.org Service closing transmission channel\r\n"
    );
    let ev = s.take_seen();
    assert!(ev.contains(&Seen::Data(b"Subject: hi\r\n\r\nline\r\n".to_vec())));
    assert_eq!(ev.last(), Some(&Seen::Event(ServerEvent::Reset)));
}

/// The machine waits for the application's answer before processing the next command.
#[test]
fn pipelining_waits_for_decision() {
    let mut server = Server::new(config()).unwrap();
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    let input = b"EHLO a.example\r\nMAIL FROM:<a@b.example>\r\nNOOP\r\n";
    assert_eq!(server.receive(input), input.len());
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::Hello { .. })
    ));
    assert_eq!(server.poll_event(), None);
    assert_eq!(server.state(), ServerState::AwaitingDecision);
    assert_eq!(server.poll_transmit(&mut out), 0);
    server.accept().unwrap();
    assert!(matches!(
        server.poll_event(),
        Some(ServerEvent::Mail { .. })
    ));
    server.reject(&reply(451, "4.3.0 try later")).unwrap();
    out.clear();
    server.poll_transmit(&mut out);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.ends_with("451 4.3.0 try later\r\n250 2.0.0 OK\r\n"),
        "{out}"
    );
    assert_eq!(server.accept(), Err(ServerError::NothingPending));
    assert_eq!(
        server.reject(&reply(250, "x")),
        Err(ServerError::InvalidReply)
    );
}

/// DATA ends only at <CRLF>.<CRLF>; bare LF / CR variants are data (SMTP smuggling).
#[test]
fn data_smuggling_sequences_do_not_end_data() {
    for bad in ["\n.\n", "\r.\r\n", "\n.\r\n", "\r\n.\n", "\r\n.\r"] {
        let mut s = Session::new(config());
        ehlo(&mut s);
        let input = format!(
            "MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nhello{bad}\
             MAIL FROM:<evil@x.example>\r\nRCPT TO:<victim@y.example>\r\nDATA\r\n\
             smuggled\r\n.\r\n"
        );
        let out = s.feed(&input);
        // One message only: exactly one 354 and one final 250 2.0.0.
        assert_eq!(out.matches("354").count(), 1, "{bad:?}: {out}");
        assert_eq!(
            out.matches("2.0.0 Message accepted").count(),
            1,
            "{bad:?}: {out}"
        );
        let ev = s.take_seen();
        let mails = ev
            .iter()
            .filter(|e| matches!(e, Seen::Event(ServerEvent::Mail { .. })))
            .count();
        assert_eq!(mails, 1, "{bad:?}");
        let data: Vec<u8> = ev
            .iter()
            .filter_map(|e| match e {
                Seen::Data(d) => Some(d.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        assert!(data.windows(8).any(|w| w == b"smuggled"), "{bad:?}");
    }
}

#[test]
fn data_size_limit() {
    let mut c = config();
    c.max_message_size = Some(10);
    let mut s = Session::new(c);
    ehlo(&mut s);
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example> SIZE=11\r\n"),
        "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
    );
    let out = s.feed(
        "MAIL FROM:<a@b.example> SIZE=10\r\nRCPT TO:<c@d.example>\r\nDATA\r\n\
         0123456789abcdef\r\n.\r\nNOOP\r\n",
    );
    assert!(
        out.ends_with(
            "354 Start mail input; end with <CRLF>.<CRLF>\r\n\
             552 5.3.4 Message size exceeds fixed maximum message size\r\n250 2.0.0 OK\r\n"
        ),
        "{out}"
    );
    let ev = s.take_events();
    assert!(ev.contains(&ServerEvent::MessageAborted(AbortReason::TooLarge)));
    assert!(
        !ev.iter()
            .any(|e| matches!(e, ServerEvent::MessageComplete { .. }))
    );
    assert!(!s.server.in_transaction());
}

/// RFC 3030 §4.2-style session: chunks, LAST, no dot-stuffing.
#[test]
fn rfc3030_bdat_session() {
    let mut s = Session::new(config());
    ehlo(&mut s);
    let out = s.feed(
        "MAIL FROM:<Sam@Random.com> BODY=BINARYMIME\r\nRCPT TO:<Susan@Random.com>\r\n\
         BDAT 9\r\n.\r\nab\r\n.\r\nBDAT 5 LAST\r\nxy\r\nzQUIT\r\n",
    );
    assert_eq!(out.matches("250").count(), 0, "{out}"); // BINARYMIME not announced
    assert!(out.starts_with("555 5.5.4"), "{out}");
    // With BINARYMIME announced.
    let mut c = config();
    c.capabilities.push(Capability::BinaryMime);
    let mut s = Session::new(c);
    ehlo(&mut s);
    let out = s.feed(
        "MAIL FROM:<Sam@Random.com> BODY=BINARYMIME\r\nRCPT TO:<Susan@Random.com>\r\n\
         BDAT 10\r\n.\r\nab\r\n.\r\nBDAT 4 LAST\r\nxy\r\nQUIT\r\n",
    );
    assert_eq!(
        out,
        "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n250 2.0.0 10 octets received\r\n\
         250 2.0.0 Message accepted for delivery\r\n\
         221 2.0.0 mx.example.org Service closing transmission channel\r\n"
    );
    let ev = s.take_seen();
    assert!(ev.contains(&Seen::Data(b".\r\nab\r\n.\r\nxy\r\n".to_vec())));
    assert!(ev.contains(&Seen::Event(ServerEvent::MessageComplete { size: 14 })));
}

#[test]
fn bdat_errors_swallow_the_chunk() {
    let mut s = Session::new(config());
    ehlo(&mut s);
    // No MAIL: 503, and the 10 bytes (which look like a command) are swallowed.
    assert_eq!(
        s.feed("BDAT 12\r\nRSET\r\nXXXX\r\nNOOP\r\n"),
        "503 5.5.1 Need MAIL command\r\n250 2.0.0 OK\r\n"
    );
    // BDAT 0 LAST with no recipients accepted.
    let out = s.feed("MAIL FROM:<a@b.example>\r\nRCPT TO:<bad@x.example>\r\nBDAT 3 LAST\r\nabc");
    assert!(out.ends_with("554 5.5.1 No valid recipients\r\n"), "{out}");
    // Mixing: BDAT then DATA is refused.
    let out =
        s.feed("RSET\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@x.example>\r\nBDAT 2\r\nabDATA\r\n");
    assert!(
        out.ends_with("250 2.0.0 2 octets received\r\n503 5.5.1 DATA not allowed after BDAT\r\n"),
        "{out}"
    );
    // Too large cumulatively.
    let mut c = config();
    c.max_message_size = Some(4);
    let mut s = Session::new(c);
    ehlo(&mut s);
    let out = s.feed("MAIL FROM:<a@b.example>\r\nRCPT TO:<c@x.example>\r\nBDAT 3\r\nabcBDAT 3 LAST\r\ndefNOOP\r\n");
    assert!(
        out.ends_with("250 2.0.0 3 octets received\r\n552 5.3.4 Message size exceeds fixed maximum message size\r\n250 2.0.0 OK\r\n"),
        "{out}"
    );
    // Without CHUNKING announced: 502, still swallowed.
    let mut c = config();
    c.capabilities = Capabilities::new();
    let mut s = Session::new(c);
    assert_eq!(s.feed("EHLO a.example\r\n"), "250 mx.example.org\r\n");
    assert_eq!(
        s.feed("BDAT 6\r\nQUIT\r\nNOOP\r\n"),
        "502 Command not implemented\r\n250 OK\r\n"
    );
}

/// RFC 2033 §4.2: one reply per accepted recipient after the data.
#[test]
fn rfc2033_lmtp_session() {
    let mut s = Session::new(config().lmtp());
    assert_eq!(s.greeting, "220 mx.example.org LMTP ready\r\n");
    assert_eq!(
        s.feed("EHLO x.example\r\n"),
        "502 5.5.1 Command not implemented\r\n"
    );
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "503 5.5.1 Send LHLO first\r\n"
    );
    assert!(
        s.feed("LHLO foo.edu\r\n")
            .starts_with("250-mx.example.org\r\n")
    );
    let out = s.feed(
        "MAIL FROM:<chris@foo.edu>\r\nRCPT TO:<pat@foo.edu>\r\nRCPT TO:<bad@foo.edu>\r\n\
         RCPT TO:<green@foo.edu>\r\nDATA\r\nBlah blah blah...\r\n.\r\n",
    );
    assert_eq!(
        out,
        "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 No such user\r\n\
         250 2.1.5 Recipient OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n\
         250 2.0.0 Message accepted for delivery\r\n250 2.0.0 Message accepted for delivery\r\n"
    );
    // Per-recipient answers.
    let mut answer = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::MessageComplete { .. } => {
            assert_eq!(
                server.respond_each(&[reply(250, "ok")]),
                Err(ServerError::WrongReplyCount)
            );
            server
                .respond_each(&[
                    reply(250, "2.1.5 pat ok"),
                    reply(452, "4.2.2 green over quota"),
                ])
                .unwrap()
        }
        _ => policy(server, ev),
    };
    let out = s.feed_with(
        b"MAIL FROM:<chris@foo.edu>\r\nRCPT TO:<pat@foo.edu>\r\nRCPT TO:<green@foo.edu>\r\n\
          DATA\r\nx\r\n.\r\n",
        &mut answer,
    );
    assert!(
        out.ends_with("250 2.1.5 pat ok\r\n452 4.2.2 green over quota\r\n"),
        "{out}"
    );
}

/// RFC 3207 §4.2 / CVE-2011-0411: bytes after STARTTLS are discarded; session resets.
#[test]
fn starttls_discards_injected_plaintext() {
    let mut c = config();
    c.capabilities.push(Capability::StartTls);
    let mut s = Session::new(c);
    let out = s.feed("EHLO a.example\r\n");
    assert!(out.contains("250-STARTTLS\r\n") || out.contains("250 STARTTLS\r\n"));
    s.take_events();
    let out = s.feed("STARTTLS\r\nMAIL FROM:<evil@x.example>\r\nRCPT TO:<v@y.example>\r\n");
    assert_eq!(out, "220 2.0.0 Ready to start TLS\r\n");
    assert_eq!(s.take_events(), vec![ServerEvent::StartTls]);
    assert_eq!(s.server.state(), ServerState::TlsPending);
    // More plaintext before the handshake completes: discarded too.
    assert_eq!(s.server.receive(b"NOOP\r\n"), 6);
    assert_eq!(s.feed(""), "");
    s.server.tls_established().unwrap();
    assert!(s.server.is_tls());
    assert_eq!(s.server.tls_established(), Err(ServerError::NoTlsPending));
    // EHLO required again; STARTTLS no longer announced; injected commands had no effect.
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "503 5.5.1 Send EHLO/HELO first\r\n"
    );
    let out = s.feed("EHLO a.example\r\n");
    assert!(!out.contains("STARTTLS"), "{out}");
    assert_eq!(s.feed("STARTTLS\r\n"), "503 5.5.1 TLS already active\r\n");
    assert!(
        !s.take_events()
            .iter()
            .any(|e| matches!(e, ServerEvent::Mail { .. } | ServerEvent::Rcpt { .. }))
    );
}

#[test]
fn starttls_refusals() {
    let mut c = config();
    c.capabilities.push(Capability::StartTls);
    let mut s = Session::new(c);
    assert_eq!(s.feed("STARTTLS\r\n"), "503 5.5.1 Send EHLO/HELO first\r\n");
    s.feed("HELO a.example\r\n");
    assert_eq!(
        s.feed("STARTTLS\r\n"),
        "502 5.5.1 Command not implemented\r\n"
    );
    let mut s = Session::new(config());
    ehlo(&mut s);
    assert_eq!(
        s.feed("STARTTLS\r\n"),
        "502 5.5.1 Command not implemented\r\n"
    );
}

fn auth_config() -> ServerConfig {
    let mut c = config();
    c.capabilities.push(Capability::Auth(vec![
        AuthMechanism::from_name("PLAIN"),
        AuthMechanism::from_name("LOGIN"),
    ]));
    c
}

/// RFC 4954 §4-§6.
#[test]
fn rfc4954_auth() {
    let mut s = Session::new(auth_config());
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        "503 5.5.1 Send EHLO/HELO first\r\n"
    );
    ehlo(&mut s);
    // Wrong password (initial response), then cancel, then the right one in a second round.
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHdyb25n\r\n"),
        "535 5.7.8 Authentication credentials invalid\r\n"
    );
    assert_eq!(s.feed("AUTH PLAIN\r\n"), "334 \r\n");
    assert_eq!(s.server.state(), ServerState::Auth);
    assert_eq!(s.feed("*\r\n"), "501 5.7.0 Authentication cancelled\r\n");
    assert_eq!(
        s.feed("AUTH PLAIN =\r\n"),
        "501 5.5.2 Invalid SASL response\r\n"
    );
    assert_eq!(
        s.feed("AUTH CRAM-MD5\r\n"),
        "504 5.5.4 Unrecognized authentication type\r\n"
    );
    assert_eq!(
        s.feed("AUTH GSSAPI\r\n"),
        "504 5.5.4 Unrecognized authentication type\r\n"
    );
    assert_eq!(
        s.feed("AUTH PLAIN !!!\r\n"),
        "501 5.5.4 Syntax error in parameters or arguments\r\n"
    );
    s.feed("MAIL FROM:<a@b.example>\r\n");
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        "503 5.5.1 AUTH not permitted during a mail transaction\r\n"
    );
    s.feed("RSET\r\n");
    s.take_events();
    // LOGIN with prompts.
    assert_eq!(s.feed("AUTH LOGIN\r\n"), "334 VXNlcm5hbWU6\r\n");
    assert_eq!(s.feed("YWxpY2U=\r\n"), "334 UGFzc3dvcmQ6\r\n");
    assert_eq!(
        s.feed("c2VjcmV0\r\n"),
        "235 2.7.0 Authentication successful\r\n"
    );
    assert!(s.server.is_authenticated());
    let ev = s.take_events();
    assert!(
        matches!(ev.as_slice(), [.., ServerEvent::Authenticated { authcid, .. }] if authcid == "alice")
    );
    // Secrets never show in Debug.
    assert!(!format!("{ev:?}").contains("secret"));
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        "503 5.5.1 Already authenticated\r\n"
    );
}

#[test]
fn auth_required() {
    let mut c = auth_config();
    c.require_auth = true;
    let mut s = Session::new(c);
    ehlo(&mut s);
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "530 5.7.0 Authentication required\r\n"
    );
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        "235 2.7.0 Authentication successful\r\n"
    );
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "250 2.1.0 Sender OK\r\n"
    );
    // The auth answer methods refuse other decisions.
    let mut server = Server::new(config()).unwrap();
    server.receive(b"HELO x.example\r\n");
    assert_eq!(
        server.auth_password_checked(true),
        Err(ServerError::WrongPending)
    );
}

#[test]
fn sequence_errors_503() {
    let mut s = Session::new(config());
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "503 5.5.1 Send EHLO/HELO first\r\n"
    );
    assert_eq!(
        s.feed("RCPT TO:<a@b.example>\r\n"),
        "503 5.5.1 Need MAIL before RCPT\r\n"
    );
    assert_eq!(s.feed("DATA\r\n"), "503 5.5.1 Need MAIL command\r\n");
    ehlo(&mut s);
    assert_eq!(
        s.feed("RCPT TO:<a@b.example>\r\n"),
        "503 5.5.1 Need MAIL before RCPT\r\n"
    );
    s.feed("MAIL FROM:<a@b.example>\r\n");
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "503 5.5.1 Nested MAIL command\r\n"
    );
    assert_eq!(s.feed("DATA\r\n"), "503 5.5.1 Need RCPT command\r\n");
    s.feed("RCPT TO:<bad@b.example>\r\n");
    assert_eq!(s.feed("DATA\r\n"), "554 5.5.1 No valid recipients\r\n");
    // EHLO resets the transaction (RFC 5321 §4.1.4).
    ehlo(&mut s);
    assert!(!s.server.in_transaction());
}

#[test]
fn syntax_and_unknown_verbs() {
    let mut s = Session::new(config());
    ehlo(&mut s);
    assert_eq!(
        s.feed("MAIL FROM:<alice>\r\n"),
        "501 5.5.4 Syntax error in parameters or arguments\r\n"
    );
    assert_eq!(s.feed("FOO bar\r\n"), "500 5.5.1 Command unrecognized\r\n");
    assert_eq!(s.feed("NOOP\n"), "500 5.5.2 Bare LF not allowed\r\n");
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example> FOO=BAR\r\n"),
        "555 5.5.4 MAIL parameters not recognized or not implemented\r\n"
    );
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example> SMTPUTF8\r\n"),
        "555 5.5.4 MAIL parameters not recognized or not implemented\r\n"
    );
    s.feed("MAIL FROM:<a@b.example>\r\n");
    assert_eq!(
        s.feed("RCPT TO:<c@d.example> NOTIFY=NEVER\r\n"),
        "555 5.5.4 RCPT parameters not recognized or not implemented\r\n"
    );
    assert_eq!(s.feed("HELP\r\n"), "214 2.0.0 See RFC 5321\r\n");
    assert_eq!(
        s.feed("VRFY alice\r\n"),
        "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery\r\n"
    );
    assert_eq!(
        s.feed("EXPN list\r\n"),
        "502 5.5.1 Command not implemented\r\n"
    );
    // HELO sessions have no extensions.
    s.feed("HELO a.example\r\n");
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example> SIZE=10\r\n"),
        "555 5.5.4 MAIL parameters not recognized or not implemented\r\n"
    );
}

#[test]
fn long_lines_500() {
    let mut s = Session::new(config());
    ehlo(&mut s);
    let long = format!("NOOP {}\r\nNOOP\r\n", "x".repeat(600));
    assert_eq!(s.feed(&long), "500 5.5.6 Line too long\r\n250 2.0.0 OK\r\n");
    // Exactly 512 octets including CRLF is fine.
    let ok = format!("NOOP {}\r\n", "x".repeat(505));
    assert_eq!(ok.len(), 512);
    assert_eq!(s.feed(&ok), "250 2.0.0 OK\r\n");
    // Byte by byte too.
    for b in long.bytes() {
        s.feed(std::str::from_utf8(&[b]).unwrap());
    }
    assert_eq!(s.feed(""), "");
}

#[test]
fn too_many_recipients_452() {
    let mut c = config();
    c.max_recipients = 2;
    let mut s = Session::new(c);
    ehlo(&mut s);
    let out = s.feed(
        "MAIL FROM:<a@b.example>\r\nRCPT TO:<1@b.example>\r\nRCPT TO:<2@b.example>\r\n\
         RCPT TO:<3@b.example>\r\n",
    );
    assert!(out.ends_with("250 2.1.5 Recipient OK\r\n452 4.5.3 Too many recipients\r\n"));
    assert_eq!(s.server.recipients(), 2);
}

#[test]
fn too_many_errors_421() {
    let mut c = config();
    c.max_errors = 3;
    let mut s = Session::new(c);
    let out = s.feed("FOO\r\nBAR\r\nBAZ\r\nNOOP\r\n");
    assert_eq!(
        out,
        "500 5.5.1 Command unrecognized\r\n500 5.5.1 Command unrecognized\r\n\
         500 5.5.1 Command unrecognized\r\n\
         421 4.7.0 mx.example.org Too many errors, closing connection\r\n"
    );
    assert!(s.server.is_closed());
    assert_eq!(s.server.receive(b"NOOP\r\n"), 6);
    assert_eq!(s.feed("NOOP\r\n"), "");
}

#[test]
fn app_replies_and_enhanced_codes() {
    // Without ENHANCEDSTATUSCODES the machine's replies carry no enhanced codes.
    let mut c = config();
    c.capabilities = Capabilities::new();
    let mut s = Session::new(c);
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "503 Send EHLO/HELO first\r\n"
    );
    let r = Reply::single(
        ReplyCode::new(550).unwrap(),
        Some(EnhancedCode::new(5, 7, 1).unwrap()),
        "no",
    )
    .unwrap();
    let mut answer = |server: &mut Server, ev: &ServerEvent| {
        if let ServerEvent::Hello { .. } = ev {
            server.reject(&r).unwrap()
        }
    };
    assert_eq!(
        s.feed_with(b"EHLO a.example\r\n", &mut answer),
        "550 5.7.1 no\r\n"
    );
    assert_eq!(
        s.feed("MAIL FROM:<a@b.example>\r\n"),
        "503 Send EHLO/HELO first\r\n"
    );
}

#[test]
fn memory_is_bounded_while_waiting() {
    let mut c = config();
    c.max_buffer = 1024;
    c.max_auth_line_len = 512;
    let mut server = Server::new(c).unwrap();
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    let mut input = b"EHLO a.example\r\n".to_vec();
    for _ in 0..1000 {
        input.extend_from_slice(b"NOOP\r\n");
    }
    let n = server.receive(&input);
    // Held: at most the buffer (the EHLO line was consumed, freeing its room).
    assert!(n <= 1024 + 16, "{n}");
    assert_eq!(server.receive(&input[n..]), 0);
}

#[test]
fn binarymime_requires_bdat() {
    let mut c = config();
    c.capabilities.push(Capability::BinaryMime);
    let mut s = Session::new(c);
    ehlo(&mut s);
    let out =
        s.feed("MAIL FROM:<a@b.example> BODY=BINARYMIME\r\nRCPT TO:<c@d.example>\r\nDATA\r\n");
    assert!(
        out.ends_with("503 5.5.1 BINARYMIME requires BDAT\r\n"),
        "{out}"
    );
}

#[test]
fn lmtp_too_large_one_reply_per_recipient() {
    let mut c = config().lmtp();
    c.max_message_size = Some(3);
    let mut s = Session::new(c);
    s.feed("LHLO a.example\r\n");
    let out = s.feed(
        "MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nRCPT TO:<e@d.example>\r\n\
         DATA\r\nabcdef\r\n.\r\n",
    );
    assert!(
        out.ends_with(
            "552 5.3.4 Message size exceeds fixed maximum message size\r\n\
             552 5.3.4 Message size exceeds fixed maximum message size\r\n"
        ),
        "{out}"
    );
    assert_eq!(out.matches("552").count(), 2);
}

#[test]
fn expn_and_vrfy_answers() {
    let mut c = config();
    c.capabilities.push(Capability::Expn);
    let mut s = Session::new(c);
    ehlo(&mut s);
    assert_eq!(s.feed("EXPN staff\r\n"), "252 2.5.0 Cannot EXPN list\r\n");
    let mut answer = |server: &mut Server, ev: &ServerEvent| {
        if let ServerEvent::Vrfy(t) = ev {
            assert_eq!(t.as_str(), "alice");
            server
                .respond(&reply(250, "Alice <alice@example.org>"))
                .unwrap()
        }
    };
    assert_eq!(
        s.feed_with(b"VRFY alice\r\n", &mut answer),
        "250 Alice <alice@example.org>\r\n"
    );
}

#[test]
fn pipelined_auth_and_transaction() {
    let mut s = Session::new(auth_config());
    let out = s.feed(
        "EHLO a.example\r\nAUTH PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<a@b.example>\r\n",
    );
    assert!(
        out.ends_with("334 \r\n235 2.7.0 Authentication successful\r\n250 2.1.0 Sender OK\r\n"),
        "{out}"
    );
}

#[test]
fn bdat_zero_last_and_shutdown() {
    let mut s = Session::new(config());
    ehlo(&mut s);
    let out =
        s.feed("MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nBDAT 2\r\nabBDAT 0 LAST\r\n");
    assert!(
        out.ends_with("250 2.0.0 2 octets received\r\n250 2.0.0 Message accepted for delivery\r\n"),
        "{out}"
    );
    assert!(
        s.take_events()
            .contains(&ServerEvent::MessageComplete { size: 2 })
    );
    s.server
        .shutdown(&reply(421, "4.4.2 mx.example.org timeout"));
    assert!(s.server.is_closed());
    assert_eq!(s.feed("NOOP\r\n"), "421 4.4.2 mx.example.org timeout\r\n");
}

/// A server that offers AUTH only inside TLS: `tls_capabilities` (built with the
/// `Capabilities` editing methods) replaces the list after STARTTLS; AUTH before TLS is 504.
#[test]
fn tls_capabilities_announce_auth_after_starttls() {
    let mut c = config();
    c.capabilities.push(Capability::StartTls);
    let mut inside = c.capabilities.clone();
    assert_eq!(inside.remove("starttls"), Some(Capability::StartTls));
    inside.set(Capability::Auth(vec![AuthMechanism::from_name("PLAIN")]));
    inside.set(Capability::Size(Some(20 << 20)));
    c.tls_capabilities = Some(inside);
    let mut s = Session::new(c);
    let out = s.feed("EHLO a.example\r\n");
    assert!(
        out.contains("250-STARTTLS\r\n") || out.contains("250 STARTTLS\r\n"),
        "{out}"
    );
    assert!(!out.contains("AUTH"), "{out}");
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        "504 5.5.4 Unrecognized authentication type\r\n"
    );
    s.feed("STARTTLS\r\n");
    s.server.tls_established().unwrap();
    assert!(s.server.capabilities().get("AUTH").is_some());
    assert_eq!(
        s.feed("EHLO a.example\r\n"),
        "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 20971520\r\n250-8BITMIME\r\n\
         250-ENHANCEDSTATUSCODES\r\n250-CHUNKING\r\n250 AUTH PLAIN\r\n"
    );
    assert_eq!(
        s.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        "235 2.7.0 Authentication successful\r\n"
    );
    // A TLS list with STARTTLS in it never announces it.
    let mut c = config();
    c.capabilities.push(Capability::StartTls);
    c.tls_capabilities = Some(c.capabilities.clone());
    let mut s = Session::new(c);
    s.feed("EHLO a.example\r\nSTARTTLS\r\n");
    s.server.tls_established().unwrap();
    assert!(!s.feed("EHLO a.example\r\n").contains("STARTTLS"));
    // An invalid TLS list is a configuration error.
    let mut c = config();
    let mut bad = Capabilities::new();
    bad.push(Capability::MtPriority(Some("has space".into())));
    c.tls_capabilities = Some(bad);
    assert!(matches!(Server::new(c), Err(ServerError::Config(_))));
}

/// No reply line leaves without the space after its code (RFC 5321 §4.2.1; RFC 4954 §4 for
/// `334`): an application reply with empty text, and every line the machine writes itself.
#[test]
fn reply_lines_always_have_the_space() {
    let mut s = Session::new(auth_config());
    let empty = Reply::single(ReplyCode::OK, None, "").unwrap();
    let mut answer = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. } | ServerEvent::Vrfy(_) => server.respond(&empty).unwrap(),
        _ => policy(server, ev),
    };
    let out = s.feed_with(
        b"EHLO a.example\r\nVRFY x\r\nAUTH PLAIN\r\n*\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n\
          MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nBDAT 1\r\nxBDAT 0 LAST\r\n\
          FOO\r\nNOOP\r\nQUIT\r\n",
        &mut answer,
    );
    assert!(out.starts_with("250 \r\n250 \r\n334 \r\n"), "{out}");
    for line in out.split_terminator("\r\n") {
        let sep = line.as_bytes().get(3);
        assert!(
            matches!(sep, Some(b' ' | b'-')),
            "bare code in {line:?} of {out}"
        );
    }
}
