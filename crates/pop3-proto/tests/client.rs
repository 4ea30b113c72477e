//! Client state machine behaviour beyond the RFC transcripts: pipelining, STLS discarding,
//! streaming without a message-sized buffer, login sequencing, SASL, errors and limits.

use mail_sasl::ClientSession;
use pop3_proto::client::{Client, ClientConfig, ClientError, ClientEvent, ClientState, Request};
use pop3_proto::types::CodeKind;

/// Events with message data merged, as strings (data as bytes).
fn drain(client: &mut Client) -> (Vec<String>, Vec<u8>) {
    let mut events = Vec::new();
    let mut data = Vec::new();
    while let Some(ev) = client.poll_event() {
        match ev {
            ClientEvent::MessageData(d) => data.extend_from_slice(d),
            other => events.push(format!("{other:?}")),
        }
    }
    (events, data)
}

fn names(events: &[String]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e.split([' ', '(', '{']).next().unwrap_or(""))
        .collect()
}

fn sent(client: &mut Client) -> String {
    let mut out = Vec::new();
    client.poll_transmit(&mut out);
    String::from_utf8(out).unwrap()
}

/// A client logged in, with the given capabilities announced.
fn logged_in(caps: &str) -> Client {
    let mut c = Client::default();
    c.receive(b"+OK ready <1.2@host>\r\n");
    c.capa().unwrap();
    c.receive(format!("+OK\r\n{caps}.\r\n").as_bytes());
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n+OK logged in\r\n");
    let (events, _) = drain(&mut c);
    assert!(events.last().unwrap().starts_with("LoggedIn"), "{events:?}");
    sent(&mut c);
    c
}

#[test]
fn pipelining_when_announced() {
    let mut c = logged_in("PIPELINING\r\nUIDL\r\n");
    c.uidl(None).unwrap();
    c.retr(1).unwrap();
    c.dele(1).unwrap();
    c.retr(2).unwrap();
    c.dele(2).unwrap();
    c.quit().unwrap();
    assert_eq!(
        sent(&mut c),
        "UIDL\r\nRETR 1\r\nDELE 1\r\nRETR 2\r\nDELE 2\r\nQUIT\r\n"
    );
    assert_eq!(c.state(), ClientState::Update);
    c.receive(
        b"+OK\r\n1 a\r\n2 b\r\n.\r\n+OK\r\n..x\r\n.\r\n+OK\r\n-ERR no such message\r\n+OK\r\n+OK bye\r\n",
    );
    let (events, data) = drain(&mut c);
    assert_eq!(
        names(&events),
        [
            "UniqueIds",
            "MessageStart",
            "MessageEnd",
            "Response",
            "Response",
            "Response",
            "Closed"
        ]
    );
    assert_eq!(data, b".x\r\n");
    assert!(events[4].contains("Retr(MessageNumber(2))"));
    assert!(events[6].contains("updated: true"));
    assert!(c.is_closed());
}

#[test]
fn one_at_a_time_without_pipelining() {
    let mut c = logged_in("UIDL\r\n");
    c.stat().unwrap();
    c.noop().unwrap();
    c.quit().unwrap();
    assert_eq!(sent(&mut c), "STAT\r\n");
    c.receive(b"+OK 0 0\r\n");
    assert_eq!(sent(&mut c), "NOOP\r\n");
    c.receive(b"+OK\r\n");
    assert_eq!(sent(&mut c), "QUIT\r\n");
    c.receive(b"+OK\r\n");
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["Stat", "Response", "Closed"]);
}

#[test]
fn pipeline_window_bounds_unanswered_bytes() {
    let mut config = ClientConfig::default();
    config.pipeline_window = 20;
    let mut c = Client::new(config);
    c.receive(b"+OK\r\n");
    c.capa().unwrap();
    c.receive(b"+OK\r\nPIPELINING\r\n.\r\n");
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n+OK\r\n");
    sent(&mut c);
    for i in 1..=5 {
        c.dele(i).unwrap();
    }
    // "DELE n\r\n" is 8 bytes: two fit in 20.
    assert_eq!(sent(&mut c), "DELE 1\r\nDELE 2\r\n");
    c.receive(b"+OK\r\n");
    assert_eq!(sent(&mut c), "DELE 3\r\n");
}

#[test]
fn user_failure_drops_or_swallows_pass() {
    // Without pipelining PASS waits and is dropped.
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.login("nobody", "pw").unwrap();
    assert_eq!(sent(&mut c), "USER nobody\r\n");
    c.receive(b"-ERR [AUTH] no such user\r\n");
    assert_eq!(sent(&mut c), "");
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["Greeting", "LoginFailed"]);
    assert_eq!(c.state(), ClientState::Authorization);

    // With pipelining PASS went out too; its -ERR belongs to the same failure.
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.capa().unwrap();
    c.receive(b"+OK\r\nPIPELINING\r\n.\r\n");
    drain(&mut c);
    c.login("nobody", "pw").unwrap();
    assert_eq!(sent(&mut c), "CAPA\r\nUSER nobody\r\nPASS pw\r\n");
    c.receive(b"-ERR no\r\n-ERR USER first\r\n");
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["LoginFailed"]);
    c.login("u", "pw").unwrap();
    c.receive(b"+OK\r\n+OK in\r\n");
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["Response", "LoggedIn"]);
}

#[test]
fn stls_discards_what_follows_the_ok() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.capa().unwrap();
    c.receive(b"+OK\r\nSTLS\r\nUSER\r\n.\r\n");
    c.stls().unwrap();
    assert_eq!(sent(&mut c), "CAPA\r\nSTLS\r\n");
    // A man in the middle appends a forged response to the +OK.
    let input = b"+OK Begin TLS negotiation\r\n+OK forged\r\n";
    assert_eq!(c.receive(input), input.len());
    assert_eq!(c.state(), ClientState::TlsUpgrade);
    let handshake = b"\x16\x03\x01 handshake bytes";
    assert_eq!(c.receive(handshake), handshake.len());
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["Greeting", "Capabilities", "UpgradeTls"]);
    c.tls_established().unwrap();
    assert!(c.is_tls() && c.capabilities().is_empty());
    assert_eq!(c.stls(), Err(ClientError::NotAdvertised("STLS")));
    c.login("u", "p").unwrap();
    assert_eq!(sent(&mut c), "USER u\r\n");
}

#[test]
fn stls_requires_announcement() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    assert_eq!(c.stls(), Err(ClientError::NotAdvertised("STLS")));
    assert_eq!(c.apop("u", "s"), Err(ClientError::NoApopTimestamp));
    assert!(matches!(c.retr(1), Err(ClientError::InvalidState { .. })));
    assert_eq!(
        c.login("a b", "p"),
        Err(ClientError::InvalidArgument("user name"))
    );
    assert_eq!(
        c.login("a", "p\r\nDELE 1"),
        Err(ClientError::InvalidArgument("password"))
    );
    assert_eq!(
        c.login("jörg", "p"),
        Err(ClientError::NotAdvertised("UTF8 USER"))
    );
    assert_eq!(sent(&mut c), "");
}

#[test]
fn streams_a_large_message_in_bounded_memory() {
    let mut config = ClientConfig::default();
    config.max_data_chunk = 16 * 1024;
    let mut c = Client::new(config);
    c.receive(b"+OK\r\n");
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n+OK\r\n");
    drain(&mut c);
    c.retr(1).unwrap();
    // 64 MiB of lines, some starting with a dot (stuffed on the wire).
    let line = b"..a stuffed line of message text, 64 octets long, ends here\r\nxx\r\n";
    let mut block = Vec::new();
    while block.len() < 1 << 20 {
        block.extend_from_slice(line);
    }
    c.receive(b"+OK message follows\r\n");
    let mut total = 0u64;
    let mut checksum = 0u64;
    let mut capacity = None;
    for _ in 0..64 {
        let mut rest = &block[..];
        while !rest.is_empty() {
            let read = &rest[..rest.len().min(65536)];
            let n = c.receive(read);
            rest = &rest[n..];
            while let Some(ev) = c.poll_event() {
                if let ClientEvent::MessageData(d) = ev {
                    assert!(d.len() <= 16 * 1024);
                    total += d.len() as u64;
                    checksum = d
                        .iter()
                        .fold(checksum, |s, &b| s.wrapping_mul(31) ^ u64::from(b));
                }
            }
            let cap = c.buffer_capacity();
            assert!(cap <= 16 * 1024 + 64 * 1024, "{cap}");
            // No growth after the first read: no allocation per chunk.
            assert_eq!(*capacity.get_or_insert(cap), cap);
        }
    }
    c.receive(b".\r\n");
    let (events, _) = drain(&mut c);
    let stuffed_dots = 64 * (block.len() / line.len()) as u64;
    assert_eq!(total, 64 * block.len() as u64 - stuffed_dots);
    assert!(events[0].contains(&format!("size: {total}")), "{events:?}");
    assert_ne!(checksum, 0);
}

#[test]
fn data_not_polled_holds_back_input() {
    let mut config = ClientConfig::default();
    config.max_data_chunk = 8;
    let mut c = Client::new(config);
    c.receive(b"+OK\r\n");
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n+OK\r\n");
    drain(&mut c);
    c.retr(1).unwrap();
    let input = b"+OK\r\n0123456789abcdef\r\n.\r\n";
    let n = c.receive(input);
    assert!(n < input.len());
    let mut rest = &input[n..];
    let mut data = Vec::new();
    let mut events = Vec::new();
    loop {
        while let Some(ev) = c.poll_event() {
            match ev {
                ClientEvent::MessageData(d) => data.extend_from_slice(d),
                other => events.push(format!("{other:?}")),
            }
        }
        if rest.is_empty() {
            break;
        }
        let n = c.receive(rest);
        rest = &rest[n..];
    }
    assert_eq!(data, b"0123456789abcdef\r\n");
    assert_eq!(names(&events), ["MessageStart", "MessageEnd"]);
}

#[test]
fn auth_plain_with_and_without_initial_response() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.capa().unwrap();
    c.receive(b"+OK\r\nSASL PLAIN\r\n.\r\n");
    c.authenticate(ClientSession::plain(None, "tim", "tanstaaftanstaaf").unwrap())
        .unwrap();
    assert_eq!(
        sent(&mut c),
        "CAPA\r\nAUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n"
    );
    c.receive(b"+OK Maildrop locked and ready\r\n");
    let (events, _) = drain(&mut c);
    assert!(events.last().unwrap().contains("Sasl(Plain)"));
    assert_eq!(c.state(), ClientState::Transaction);

    // No CAPA: no initial response (RFC 5034 §3); the empty challenge gets it.
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.authenticate(ClientSession::plain(None, "tim", "tanstaaftanstaaf").unwrap())
        .unwrap();
    assert_eq!(sent(&mut c), "AUTH PLAIN\r\n");
    c.receive(b"+ \r\n");
    assert_eq!(sent(&mut c), "AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n");
    c.receive(b"+OK\r\n");
    assert_eq!(c.state(), ClientState::Transaction);
}

#[test]
fn auth_cancels_a_bad_challenge() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.authenticate(ClientSession::cram_md5("tim", "tanstaaf").unwrap())
        .unwrap();
    assert_eq!(sent(&mut c), "AUTH CRAM-MD5\r\n");
    c.receive(b"+ not!base64\r\n");
    assert_eq!(sent(&mut c), "*\r\n");
    c.receive(b"-ERR cancelled\r\n");
    let (events, _) = drain(&mut c);
    assert!(events.last().unwrap().starts_with("LoginFailed"));
    assert!(events.last().unwrap().contains("error: Some("));
    assert_eq!(c.state(), ClientState::Authorization);
}

#[test]
fn auth_mechanism_must_be_announced() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.capa().unwrap();
    c.receive(b"+OK\r\nSASL CRAM-MD5\r\n.\r\n");
    assert_eq!(
        c.authenticate(ClientSession::plain(None, "a", "b").unwrap()),
        Err(ClientError::NotAdvertised("SASL mechanism"))
    );
}

#[test]
fn malformed_and_unexpected_responses_close() {
    let mut c = Client::default();
    c.receive(b"HELLO\r\n");
    let (events, _) = drain(&mut c);
    assert!(events[0].starts_with("Error(Malformed"));
    assert!(c.is_closed());

    let mut c = Client::default();
    c.receive(b"+OK\r\n+OK unsolicited\r\n");
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["Greeting", "Error"]);

    let mut c = Client::default();
    c.receive(b"-ERR [SYS/TEMP] go away\r\n");
    let (events, _) = drain(&mut c);
    assert!(events[0].starts_with("ServiceUnavailable"));
    assert!(c.is_closed());
}

#[test]
fn tolerances_through_the_client() {
    let mut c = Client::default();
    // A leading blank line, RESP_CODES, a CAPA split across reads.
    for part in [
        &b"\r\n+OK hi\r\n"[..],
        b"+OK\r\nRESP_C",
        b"ODES\r\nPIPE",
        b"LINING\r\n",
        b".\r\n",
    ] {
        if part == b"+OK\r\nRESP_C" {
            c.capa().unwrap();
        }
        c.receive(part);
    }
    let (events, _) = drain(&mut c);
    assert_eq!(names(&events), ["Greeting", "Capabilities"]);
    assert!(c.capabilities().resp_codes() && c.capabilities().pipelining());
    // A -ERR with a hierarchical code.
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n-ERR [IN-USE/OTHER-CLIENT] busy\r\n");
    let mut kind = None;
    while let Some(ev) = c.poll_event() {
        if let ClientEvent::LoginFailed { response, .. } = ev {
            kind = response.code().map(|c| c.kind());
        }
    }
    assert_eq!(kind, Some(CodeKind::InUse));
}

#[test]
fn listing_limit() {
    let mut config = ClientConfig::default();
    config.max_listing_entries = 3;
    let mut c = Client::new(config);
    c.receive(b"+OK\r\n");
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n+OK\r\n");
    c.list(None).unwrap();
    c.receive(b"+OK\r\n1 1\r\n2 2\r\n3 3\r\n4 4\r\n.\r\n");
    let (events, _) = drain(&mut c);
    assert!(events.last().unwrap().contains("TooManyEntries"));
}

#[test]
fn uidl_listing_of_100000_lines() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.login("u", "p").unwrap();
    c.receive(b"+OK\r\n+OK\r\n");
    drain(&mut c);
    c.uidl(None).unwrap();
    let mut wire = b"+OK\r\n".to_vec();
    for i in 1..=100_000 {
        wire.extend_from_slice(format!("{i} uid-{i:08x}-0123456789\r\n").as_bytes());
    }
    wire.extend_from_slice(b".\r\n");
    for chunk in wire.chunks(1460) {
        assert_eq!(c.receive(chunk), chunk.len());
    }
    let Some(ClientEvent::UniqueIds { entries }) = c.poll_event() else {
        panic!()
    };
    assert_eq!(entries.len(), 100_000);
    assert_eq!(entries[99_999].uid.as_str(), "uid-000186a0-0123456789");
}

#[test]
fn response_to_a_single_line_command_and_listing() {
    let mut c = logged_in("UIDL\r\n");
    c.list(Some(2)).unwrap();
    c.receive(b"+OK 2 200\r\n");
    c.uidl(Some(3)).unwrap();
    c.receive(b"-ERR no such message, only 2 messages in maildrop\r\n");
    let mut got = Vec::new();
    while let Some(ev) = c.poll_event() {
        got.push(format!("{ev:?}"));
    }
    assert!(got[0].starts_with("Listing") && got[0].contains("size: 200"));
    assert!(got[1].contains(&format!(
        "{:?}",
        Request::Uidl(pop3_proto::types::MessageNumber::new(3))
    )));
}

#[test]
fn debug_never_shows_credentials() {
    let mut c = Client::default();
    c.receive(b"+OK\r\n");
    c.login("user", "hunter2").unwrap();
    assert!(!format!("{c:?}").contains("hunter2"));
}
