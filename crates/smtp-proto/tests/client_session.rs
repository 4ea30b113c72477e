//! Client state machine against hand-scripted servers: exact client output and events.

mod client_common;

use client_common::*;
use smtp_proto::client::{ClientError, ClientEvent, ClientState};
use smtp_proto::types::{Body, Capability};

/// RFC 5321 Appendix D.1, client side, without PIPELINING: one command at a time.
#[test]
fn rfc5321_d1_full_session() {
    let mut h = Harness::new(config("bar.com"));
    assert_eq!(h.client.state(), ClientState::Greeting);
    h.feed(b"220 foo.com Simple Mail Transfer Service Ready\r\n");
    assert_eq!(h.out(), "EHLO bar.com\r\n");
    let ev = h.reply(
        b"250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250 HELP\r\n",
    );
    assert_eq!(ev.len(), 1);
    let ClientEvent::Ready { capabilities } = &ev[0] else {
        panic!("{ev:?}")
    };
    assert!(capabilities.supports(&Capability::EightBitMime));
    assert_eq!(h.client.capabilities().size(), Some(None));
    assert_eq!(h.client.state(), ClientState::Ready);

    h.client
        .send_mail(envelope(
            "Smith@bar.com",
            &["Jones@foo.com", "Green@foo.com", "Brown@foo.com"],
        ))
        .unwrap();
    assert_eq!(h.out(), "MAIL FROM:<Smith@bar.com>\r\n");
    assert!(h.reply(b"250 OK\r\n").is_empty());
    assert_eq!(h.out(), "RCPT TO:<Jones@foo.com>\r\n");
    let ev = h.reply(b"250 OK\r\n");
    assert!(is_rcpt(&ev[0], 0, 250));
    assert_eq!(h.out(), "RCPT TO:<Green@foo.com>\r\n");
    let ev = h.reply(b"550 No such user here\r\n");
    assert!(is_rcpt(&ev[0], 1, 550));
    assert_eq!(h.out(), "RCPT TO:<Brown@foo.com>\r\n");
    let ev = h.reply(b"250 OK\r\n");
    assert!(is_rcpt(&ev[0], 2, 250));
    assert_eq!(h.out(), "DATA\r\n");
    // send_data is refused before the 354.
    assert!(matches!(
        h.client.send_data(b"x"),
        Err(ClientError::InvalidState { .. })
    ));
    let ev = h.reply(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n");
    assert_eq!(ev, vec![ClientEvent::DataReady]);
    assert_eq!(h.client.state(), ClientState::Data);
    assert_eq!(h.client.send_data(b"Blah blah blah...\r\n").unwrap(), 19);
    assert_eq!(h.client.send_data(b"...etc. etc. etc.").unwrap(), 17);
    h.client.finish_data().unwrap();
    assert_eq!(h.out(), "Blah blah blah...\r\n....etc. etc. etc.\r\n.\r\n");
    assert_eq!(h.client.state(), ClientState::DataEnd);
    let ev = h.reply(b"250 OK\r\n");
    assert!(matches!(
        &ev[..],
        [ClientEvent::MessageAccepted { recipient: None, reply }] if reply.code().get() == 250
    ));
    assert_eq!(h.client.state(), ClientState::Ready);
    h.client.quit().unwrap();
    assert_eq!(h.out(), "QUIT\r\n");
    let ev = h.reply(b"221 foo.com Service closing transmission channel\r\n");
    assert!(matches!(&ev[..], [ClientEvent::Closed { .. }]));
    assert!(h.client.is_closed());
    // Closed: input is swallowed, actions refused.
    assert_eq!(h.client.receive(b"250 late\r\n"), 10);
    assert!(h.events().is_empty());
    assert!(h.client.noop().is_err());
}

#[test]
fn ehlo_falls_back_to_helo() {
    for refusal in [
        "500 unrecognized\r\n",
        "502 not implemented\r\n",
        "554 no\r\n",
    ] {
        let mut h = Harness::new(config("bar.com"));
        h.feed(b"220 old.example\r\n");
        assert_eq!(h.out(), "EHLO bar.com\r\n");
        assert!(h.reply(refusal.as_bytes()).is_empty());
        assert_eq!(h.out(), "HELO bar.com\r\n");
        let ev = h.reply(b"250 old.example\r\n");
        assert!(
            matches!(&ev[..], [ClientEvent::Ready { capabilities }] if capabilities.is_empty())
        );
        // No PIPELINING: one command at a time.
        h.client
            .send_mail(envelope("a@bar.com", &["b@old.example"]))
            .unwrap();
        assert_eq!(h.out(), "MAIL FROM:<a@bar.com>\r\n");
    }
    // HELO refused too: closed.
    let mut h = Harness::new(config("bar.com"));
    h.feed(b"220 x\r\n502 no\r\n");
    assert_eq!(h.out(), "EHLO bar.com\r\nHELO bar.com\r\n");
    let ev = h.reply(b"550 go away\r\n");
    assert!(matches!(&ev[..], [ClientEvent::HelloRejected { .. }]));
    assert!(h.client.is_closed());
}

#[test]
fn ehlo_4xx_is_not_a_fallback() {
    let mut h = Harness::new(config("bar.com"));
    h.feed(b"220 x\r\n");
    h.out();
    let ev = h.reply(b"450 later\r\n");
    assert!(matches!(&ev[..], [ClientEvent::HelloRejected { .. }]));
    assert!(h.client.is_closed());
    assert_eq!(h.out(), "");
}

#[test]
fn greeting_554_closes_and_quits() {
    let mut h = Harness::new(config("bar.com"));
    let ev = h.reply(b"554 no service for you\r\n");
    assert!(
        matches!(&ev[..], [ClientEvent::ServiceUnavailable { reply }] if reply.code().get() == 554)
    );
    assert!(h.client.is_closed());
    assert_eq!(h.out(), "QUIT\r\n");
}

#[test]
fn service_closing_421_anytime() {
    let mut h = Harness::new(config("bar.com"));
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@b.example", &["c@d.example"]))
        .unwrap();
    h.out();
    let ev = h.reply(b"421 shutting down\r\n");
    assert!(matches!(&ev[..], [ClientEvent::ServiceUnavailable { .. }]));
    assert!(h.client.is_closed());
}

#[test]
fn malformed_reply_is_an_error_and_closes() {
    let mut h = Harness::new(config("bar.com"));
    let ev = h.reply(b"22x hello\r\n");
    assert!(
        matches!(&ev[..], [ClientEvent::Error(ClientError::Malformed(_))]),
        "{ev:?}"
    );
    assert!(h.client.is_closed());

    // A reply nobody asked for.
    let mut h = Harness::new(config("bar.com"));
    h.ready(&[]);
    let ev = h.reply(b"250 surprise\r\n");
    assert!(matches!(
        &ev[..],
        [ClientEvent::Error(ClientError::UnexpectedReply(250))]
    ));

    // A reply that never ends within the input bound.
    let mut c = config("bar.com");
    c.max_input = 64;
    let mut h = Harness::new(c);
    let ev = h.reply(&[b'2'; 100]);
    assert!(
        ev.iter().any(|e| matches!(
            e,
            ClientEvent::Error(ClientError::Malformed(_) | ClientError::ReplyTooLarge)
        )),
        "{ev:?}"
    );
    assert!(h.client.is_closed());
}

/// RFC 2920 §3.1 / example: MAIL, RCPTs and DATA as one group, one recipient refused.
#[test]
fn pipelined_transaction_with_one_rcpt_refused() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&["PIPELINING", "SIZE 1000000"]);
    let mut env = envelope(
        "mrose@dbc.mtview.ca.us",
        &["ned@innosoft.com", "dan@innosoft.com", "kvc@innosoft.com"],
    );
    env.size = Some(1200);
    h.client.send_mail(env).unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<mrose@dbc.mtview.ca.us> SIZE=1200\r\n\
         RCPT TO:<ned@innosoft.com>\r\n\
         RCPT TO:<dan@innosoft.com>\r\n\
         RCPT TO:<kvc@innosoft.com>\r\n\
         DATA\r\n"
    );
    let ev = h.reply(b"250 sender <mrose@dbc.mtview.ca.us> OK\r\n250 recipient <ned@innosoft.com> OK\r\n550 remote mail to <dan@innosoft.com> refused\r\n250 recipient <kvc@innosoft.com> OK\r\n354 enter mail\r\n");
    assert_eq!(ev.len(), 4, "{ev:?}");
    assert!(is_rcpt(&ev[0], 0, 250));
    assert!(is_rcpt(&ev[1], 1, 550));
    assert!(is_rcpt(&ev[2], 2, 250));
    assert_eq!(ev[3], ClientEvent::DataReady);
    h.client.send_data(b"Subject: x\r\n\r\nbody\r\n").unwrap();
    h.client.finish_data().unwrap();
    assert_eq!(h.out(), "Subject: x\r\n\r\nbody\r\n.\r\n");
    let ev = h.reply(b"250 message sent\r\n");
    assert!(matches!(&ev[..], [ClientEvent::MessageAccepted { .. }]));
    // Next transaction with a size over the limit.
    let mut env = envelope("a@b.example", &["c@d.example"]);
    env.size = Some(2_000_000);
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::MessageTooLarge {
            size: 2_000_000,
            limit: 1_000_000
        })
    );
    assert_eq!(
        h.client.send_mail(envelope("a@b.example", &[])),
        Err(ClientError::NoRecipients)
    );
}

/// RFC 2920 §3.1: DATA pipelined, no valid recipient, 354 anyway: send "." at once.
#[test]
fn pipelined_all_rcpt_refused_354() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@b.example", &["x@d.example", "y@d.example"]))
        .unwrap();
    h.out();
    let ev = h.reply(b"250 ok\r\n550 no\r\n550 no\r\n354 go ahead\r\n");
    assert!(is_rcpt(&ev[0], 0, 550) && is_rcpt(&ev[1], 1, 550));
    assert_eq!(ev.len(), 2, "{ev:?}");
    assert_eq!(h.out(), ".\r\n");
    assert!(matches!(
        h.client.send_data(b"x"),
        Err(ClientError::InvalidState { .. })
    ));
    let ev = h.reply(b"554 no valid recipients\r\n");
    assert_eq!(ev, vec![ClientEvent::TransactionAborted]);
    assert_eq!(h.client.state(), ClientState::Ready);
    // The server ended the transaction with its reply to the data: no RSET.
    assert_eq!(h.out(), "");
}

/// DATA refused (503) after all RCPTs refused: the transaction is still open server-side: RSET.
#[test]
fn pipelined_all_rcpt_refused_503() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@b.example", &["x@d.example"]))
        .unwrap();
    h.out();
    let ev = h.reply(b"250 ok\r\n550 no\r\n503 no valid recipients\r\n");
    assert!(is_rcpt(&ev[0], 0, 550));
    assert_eq!(ev[1], ClientEvent::TransactionAborted);
    assert_eq!(h.out(), "RSET\r\n");
    // The silent RSET reply produces no event; a NOOP queued meanwhile waits its turn.
    h.client.noop().unwrap();
    assert_eq!(h.out(), "NOOP\r\n");
    let ev = h.reply(b"250 reset\r\n250 noop\r\n");
    assert!(matches!(&ev[..], [ClientEvent::Reply { reply }] if reply.first_line() == b"noop"));
}

/// Without PIPELINING, no recipient accepted: DATA is never sent, RSET is.
#[test]
fn unpipelined_all_rcpt_refused_skips_data() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&[]);
    h.client
        .send_mail(envelope("a@b.example", &["x@d.example"]))
        .unwrap();
    assert_eq!(h.out(), "MAIL FROM:<a@b.example>\r\n");
    h.feed(b"250 ok\r\n");
    assert_eq!(h.out(), "RCPT TO:<x@d.example>\r\n");
    let ev = h.reply(b"550 no\r\n");
    assert_eq!(ev[1], ClientEvent::TransactionAborted);
    assert_eq!(h.out(), "RSET\r\n");
}

#[test]
fn mail_rejected_pipelined() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@b.example", &["x@d.example"]))
        .unwrap();
    h.out();
    let ev = h.reply(b"550 sender refused\r\n503 need MAIL\r\n503 need RCPT\r\n");
    assert!(matches!(&ev[0], ClientEvent::MailRejected { .. }));
    assert!(is_rcpt(&ev[1], 0, 503));
    assert_eq!(ev[2], ClientEvent::TransactionAborted);
    assert_eq!(ev.len(), 3);
    assert_eq!(h.out(), "");
    assert_eq!(h.client.state(), ClientState::Ready);
}

/// A big recipient list is split into groups under the pipelining window (RFC 2920 §3.1).
#[test]
fn pipelining_window_splits_groups() {
    let mut c = config("client.example");
    c.pipeline_window = 100;
    let mut h = Harness::new(c);
    h.ready(&["PIPELINING"]);
    let to: Vec<String> = (0..10).map(|i| format!("user{i}@d.example")).collect();
    let to: Vec<&str> = to.iter().map(String::as_str).collect();
    h.client.send_mail(envelope("a@b.example", &to)).unwrap();
    // MAIL (24) + RCPT (27 each): 24 + 2 * 27 = 78 <= 100 < 105.
    let first = h.out();
    assert_eq!(
        first,
        "MAIL FROM:<a@b.example>\r\nRCPT TO:<user0@d.example>\r\nRCPT TO:<user1@d.example>\r\n"
    );
    let mut sent = first;
    let mut replies = 0;
    while replies < 12 {
        let code = if replies == 11 {
            "354 go\r\n"
        } else {
            "250 ok\r\n"
        };
        h.feed(code.as_bytes());
        replies += 1;
        let more = h.out();
        sent.push_str(&more);
    }
    let expected: String = std::iter::once("MAIL FROM:<a@b.example>\r\n".to_owned())
        .chain((0..10).map(|i| format!("RCPT TO:<user{i}@d.example>\r\n")))
        .chain(std::iter::once("DATA\r\n".to_owned()))
        .collect();
    assert_eq!(sent, expected);
    let ev = h.events();
    assert_eq!(ev.len(), 11);
    assert_eq!(ev[10], ClientEvent::DataReady);
}

/// RFC 3030 §4.2-style session: CHUNKING with PIPELINING, BDAT chunks then BDAT 0 LAST.
#[test]
fn bdat_session_pipelined() {
    let mut h = Harness::new(config("ymir.claremont.edu"));
    h.ready(&["PIPELINING", "CHUNKING", "8BITMIME"]);
    let mut env = envelope("Sam@Random.com", &["Susan@Random.com", "Bill@Random.com"]);
    env.body = Some(Body::EightBitMime);
    h.client.send_mail(env).unwrap();
    // BDAT may be pipelined right away.
    assert_eq!(h.events(), vec![ClientEvent::DataReady]);
    assert_eq!(
        h.client.send_data(b"Hi Bill,\r\n.no stuffing\n").unwrap(),
        23
    );
    h.client.finish_data().unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<Sam@Random.com> BODY=8BITMIME\r\n\
         RCPT TO:<Susan@Random.com>\r\n\
         RCPT TO:<Bill@Random.com>\r\n\
         BDAT 23\r\nHi Bill,\r\n.no stuffing\n\
         BDAT 0 LAST\r\n"
    );
    let ev = h.reply(b"250 ok\r\n250 ok\r\n550 no\r\n250 23 octets\r\n250 message ok\r\n");
    assert!(is_rcpt(&ev[0], 0, 250) && is_rcpt(&ev[1], 1, 550));
    assert!(matches!(
        &ev[2],
        ClientEvent::MessageAccepted {
            recipient: None,
            ..
        }
    ));
    assert_eq!(ev.len(), 3);
    assert_eq!(h.client.state(), ClientState::Ready);
}

/// CHUNKING without PIPELINING: one command at a time, BDAT after the RCPT replies.
#[test]
fn bdat_session_unpipelined() {
    let mut h = Harness::new(config("ymir.claremont.edu"));
    h.ready(&["CHUNKING", "BINARYMIME"]);
    let mut env = envelope("Sam@Random.com", &["Susan@Random.com"]);
    env.body = Some(Body::BinaryMime);
    h.client.send_mail(env).unwrap();
    assert!(h.events().is_empty());
    assert!(h.client.send_data(b"x").is_err());
    assert_eq!(h.out(), "MAIL FROM:<Sam@Random.com> BODY=BINARYMIME\r\n");
    h.feed(b"250 ok\r\n");
    assert_eq!(h.out(), "RCPT TO:<Susan@Random.com>\r\n");
    let ev = h.reply(b"250 ok\r\n");
    assert_eq!(ev[1], ClientEvent::DataReady);
    h.client.send_data(b"\x00\x01\r").unwrap();
    h.client.send_data(b"ab").unwrap();
    h.client.finish_data().unwrap();
    assert_eq!(h.out(), "BDAT 3\r\n\x00\x01\r");
    h.feed(b"250 3 octets\r\n");
    assert_eq!(h.out(), "BDAT 2\r\nab");
    h.feed(b"250 2 octets\r\n");
    assert_eq!(h.out(), "BDAT 0 LAST\r\n");
    let ev = h.reply(b"250 done\r\n");
    assert!(matches!(&ev[..], [ClientEvent::MessageAccepted { .. }]));
}

#[test]
fn bdat_chunk_refused_aborts_with_rset() {
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "CHUNKING"]);
    h.client
        .send_mail(envelope("a@b.example", &["c@d.example"]))
        .unwrap();
    h.events();
    h.client.send_data(b"abc").unwrap();
    h.out();
    let ev = h.reply(b"250 ok\r\n250 ok\r\n552 too big\r\n");
    assert!(matches!(&ev[1], ClientEvent::DataRejected { .. }));
    assert_eq!(ev[2], ClientEvent::TransactionAborted);
    assert_eq!(h.out(), "RSET\r\n");
    assert!(h.client.send_data(b"x").is_err());
}

/// RFC 2033 §4.2: one reply per accepted recipient after the data.
#[test]
fn lmtp_per_recipient_replies() {
    let mut h = Harness::new(config("foo.edu").lmtp());
    h.feed(b"220 foo.edu LMTP server ready\r\n");
    assert_eq!(h.out(), "LHLO foo.edu\r\n");
    h.feed(b"250-foo.edu\r\n250-PIPELINING\r\n250 SIZE\r\n");
    assert!(matches!(&h.events()[..], [ClientEvent::Ready { .. }]));
    h.client
        .send_mail(envelope(
            "chris@bar.com",
            &["pat@foo.edu", "jones@foo.edu", "green@foo.edu"],
        ))
        .unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<chris@bar.com>\r\nRCPT TO:<pat@foo.edu>\r\nRCPT TO:<jones@foo.edu>\r\nRCPT TO:<green@foo.edu>\r\nDATA\r\n"
    );
    let ev = h.reply(b"250 OK\r\n250 OK\r\n550 No such user here\r\n250 OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n");
    assert_eq!(ev.len(), 4);
    h.client
        .send_data(b"Blah blah blah...\r\n...etc. etc. etc.\r\n")
        .unwrap();
    h.client.finish_data().unwrap();
    assert_eq!(h.out(), "Blah blah blah...\r\n....etc. etc. etc.\r\n.\r\n");
    let ev = h.reply(b"250 OK\r\n");
    assert!(matches!(
        &ev[..],
        [ClientEvent::MessageAccepted {
            recipient: Some(0),
            ..
        }]
    ));
    assert_eq!(h.client.state(), ClientState::DataEnd);
    let ev = h.reply(b"452 <green@foo.edu> is temporarily over quota\r\n");
    assert!(
        matches!(&ev[..], [ClientEvent::MessageRejected { recipient: Some(2), reply }] if reply.code().get() == 452)
    );
    assert_eq!(h.client.state(), ClientState::Ready);
    h.client.quit().unwrap();
    assert_eq!(h.out(), "QUIT\r\n");
}

#[test]
fn lmtp_has_no_helo_fallback() {
    let mut h = Harness::new(config("foo.edu").lmtp());
    h.feed(b"220 x\r\n");
    assert_eq!(h.out(), "LHLO foo.edu\r\n");
    let ev = h.reply(b"500 what\r\n");
    assert!(matches!(&ev[..], [ClientEvent::HelloRejected { .. }]));
    assert_eq!(h.out(), "");
}

/// RFC 3207 §4 and CVE-2011-0411: bytes after the 220 are discarded, EHLO is sent again.
#[test]
fn starttls_discards_injected_replies() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&["PIPELINING", "STARTTLS"]);
    h.client.starttls().unwrap();
    assert_eq!(h.out(), "STARTTLS\r\n");
    // A plaintext attacker appends replies behind the 220 in the same packet.
    let ev = h.reply(b"220 go ahead\r\n250-evil\r\n250 AUTH PLAIN\r\n");
    assert_eq!(ev, vec![ClientEvent::UpgradeTls]);
    assert_eq!(h.client.state(), ClientState::TlsUpgrade);
    assert!(h.client.capabilities().is_empty());
    // More bytes before the handshake completes: swallowed too.
    assert_eq!(h.client.receive(b"235 you are in\r\n"), 16);
    assert!(h.events().is_empty());
    assert_eq!(h.out(), "");
    assert!(
        h.client
            .send_mail(envelope("a@b.example", &["c@d.example"]))
            .is_err()
    );
    h.client.tls_established().unwrap();
    assert!(h.client.is_tls());
    assert_eq!(h.out(), "EHLO client.example\r\n");
    let ev = h.reply(b"250-mx.example\r\n250 AUTH SCRAM-SHA-256\r\n");
    let [ClientEvent::Ready { capabilities }] = &ev[..] else {
        panic!("{ev:?}")
    };
    assert_eq!(capabilities.auth_mechanisms().len(), 1);
    assert!(!capabilities.supports(&Capability::StartTls));
    // No second STARTTLS.
    assert_eq!(
        h.client.starttls(),
        Err(ClientError::NotAdvertised("STARTTLS"))
    );
    assert!(h.client.tls_established().is_err());
}

#[test]
fn starttls_not_advertised_or_refused() {
    let mut h = Harness::new(config("client.example"));
    h.ready(&["PIPELINING"]);
    assert_eq!(
        h.client.starttls(),
        Err(ClientError::NotAdvertised("STARTTLS"))
    );
    let mut h = Harness::new(config("client.example"));
    h.ready(&["STARTTLS"]);
    h.client.starttls().unwrap();
    h.out();
    let ev = h.reply(b"454 TLS not available\r\n");
    assert!(matches!(&ev[..], [ClientEvent::StartTlsRefused { .. }]));
    assert_eq!(h.client.state(), ClientState::Ready);
}

#[test]
fn smtputf8_and_8bitmime_selection() {
    // Not advertised: typed errors, nothing sent.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING"]);
    let mut env = envelope("a@b.example", &["c@d.example"]);
    env.body = Some(Body::EightBitMime);
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::NotAdvertised("8BITMIME"))
    );
    let env = envelope("jörg@b.example", &["c@d.example"]);
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::NotAdvertised("SMTPUTF8"))
    );
    let env = envelope("a@b.example", &["дмитрий@d.example"]);
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::NotAdvertised("SMTPUTF8"))
    );
    let mut env = envelope("a@b.example", &["c@d.example"]);
    env.smtputf8 = true;
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::NotAdvertised("SMTPUTF8"))
    );
    let mut env = envelope("a@b.example", &["c@d.example"]);
    env.body = Some(Body::BinaryMime);
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::NotAdvertised("CHUNKING"))
    );
    // 7BIT without 8BITMIME: no BODY parameter (RFC 6152 defines it).
    let mut env = envelope("a@b.example", &["c@d.example"]);
    env.body = Some(Body::SevenBit);
    h.client.send_mail(env).unwrap();
    assert!(h.out().starts_with("MAIL FROM:<a@b.example>\r\n"));

    // Advertised: parameters chosen.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "8BITMIME", "SMTPUTF8", "SIZE"]);
    let mut env = envelope("jörg@b.example", &["c@d.example"]);
    env.body = Some(Body::EightBitMime);
    env.size = Some(42);
    h.client.send_mail(env).unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<jörg@b.example> SIZE=42 BODY=8BITMIME SMTPUTF8\r\nRCPT TO:<c@d.example>\r\nDATA\r\n"
    );
    // ASCII envelope: no SMTPUTF8 even when advertised.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "8BITMIME", "SMTPUTF8", "CHUNKING"]);
    h.client
        .send_mail(envelope("a@b.example", &["c@d.example"]))
        .unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n"
    );
    let mut h = Harness::new(config("c.example"));
    h.ready(&["CHUNKING"]);
    let mut env = envelope("a@b.example", &["c@d.example"]);
    env.body = Some(Body::BinaryMime);
    assert_eq!(
        h.client.send_mail(env),
        Err(ClientError::NotAdvertised("BINARYMIME"))
    );
}

#[test]
fn dot_stuffing_and_bare_lf() {
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@b.example", &["c@d.example"]))
        .unwrap();
    h.out();
    h.feed(b"250 ok\r\n250 ok\r\n354 go\r\n");
    // Dots at line starts (also split across calls), bare LF and bare CR, no final newline.
    h.client.send_data(b".first\n").unwrap();
    h.client.send_data(b"mid\n.").unwrap();
    h.client.send_data(b".two\r\n.\n\rx").unwrap();
    h.client.finish_data().unwrap();
    assert_eq!(h.out(), "..first\r\nmid\r\n...two\r\n..\r\n\r\nx\r\n.\r\n");
}

#[test]
fn send_data_is_bounded() {
    let mut c = config("c.example");
    c.max_output = 10;
    let mut h = Harness::new(c);
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@b.example", &["c@d.example"]))
        .unwrap();
    h.out();
    h.feed(b"250 ok\r\n250 ok\r\n354 go\r\n");
    assert_eq!(h.client.send_data(b"0123456789abcdef").unwrap(), 10);
    assert_eq!(h.client.send_data(b"abcdef").unwrap(), 0);
    assert_eq!(h.out(), "0123456789");
    assert_eq!(h.client.send_data(b"abcdef").unwrap(), 6);
}

#[test]
fn actions_refused_in_wrong_state() {
    let mut h = Harness::new(config("c.example"));
    let env = envelope("a@b.example", &["c@d.example"]);
    assert!(matches!(
        h.client.send_mail(env.clone()),
        Err(ClientError::InvalidState {
            action: "send_mail",
            state: ClientState::Greeting
        })
    ));
    assert!(h.client.quit().is_err());
    assert!(h.client.finish_data().is_err());
    assert!(h.client.tls_established().is_err());
    h.ready(&["PIPELINING"]);
    assert!(h.client.finish_data().is_err());
    assert!(h.client.send_data(b"x").is_err());
    h.client.send_mail(env.clone()).unwrap();
    assert!(matches!(
        h.client.send_mail(env),
        Err(ClientError::InvalidState {
            state: ClientState::Envelope,
            ..
        })
    ));
    assert!(h.client.rset().is_err());
    assert!(h.client.quit().is_err());
}

/// LMTP over BDAT: the replies to `BDAT LAST` are per recipient too (RFC 2033 §4.3).
#[test]
fn lmtp_bdat_per_recipient_replies() {
    let mut h = Harness::new(config("foo.edu").lmtp());
    h.ready(&["PIPELINING", "CHUNKING"]);
    h.client
        .send_mail(envelope("a@bar.com", &["x@foo.edu", "y@foo.edu"]))
        .unwrap();
    assert_eq!(h.events(), vec![ClientEvent::DataReady]);
    h.client.send_data(b"hello\r\n").unwrap();
    h.client.finish_data().unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@bar.com>\r\nRCPT TO:<x@foo.edu>\r\nRCPT TO:<y@foo.edu>\r\nBDAT 7\r\nhello\r\nBDAT 0 LAST\r\n"
    );
    let ev = h.reply(b"250 ok\r\n250 ok\r\n250 ok\r\n250 7 octets\r\n250 x ok\r\n");
    assert!(matches!(
        &ev[2],
        ClientEvent::MessageAccepted {
            recipient: Some(0),
            ..
        }
    ));
    assert_eq!(ev.len(), 3);
    let ev = h.reply(b"550 y failed\r\n");
    assert!(matches!(
        &ev[..],
        [ClientEvent::MessageRejected {
            recipient: Some(1),
            ..
        }]
    ));
    assert_eq!(h.client.state(), ClientState::Ready);
}

/// Pipelined BDAT: once every RCPT is refused, no more data is taken.
#[test]
fn bdat_after_all_rcpt_refused() {
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "CHUNKING"]);
    h.client
        .send_mail(envelope("a@b.example", &["c@d.example"]))
        .unwrap();
    h.events();
    h.client.send_data(b"abc").unwrap();
    h.out();
    let ev = h.reply(b"250 ok\r\n550 no\r\n");
    assert!(is_rcpt(&ev[0], 0, 550));
    assert_eq!(ev.len(), 1);
    assert_eq!(
        h.client.send_data(b"x"),
        Err(ClientError::TransactionFailed)
    );
    assert_eq!(h.client.finish_data(), Err(ClientError::TransactionFailed));
    assert_eq!(h.out(), "");
    let ev = h.reply(b"554 no valid recipients\r\n");
    assert_eq!(ev, vec![ClientEvent::TransactionAborted]);
    // BDAT LAST was never sent: the server still holds the transaction.
    assert_eq!(h.out(), "RSET\r\n");
    assert!(h.reply(b"250 reset\r\n").is_empty());
    assert_eq!(h.client.state(), ClientState::Ready);
}
