//! The client's envelope extensions (DSN, REQUIRETLS, MT-PRIORITY, FUTURERELEASE, DELIVERBY),
//! the commands outside a transaction (VRFY, EXPN, HELP, NOOP), the command line limit and
//! `BDAT … LAST` on the final chunk.

mod client_common;

use client_common::*;
use smtp_proto::client::{
    ClientError, ClientEvent, ClientState, Envelope, Recipient, line_allowance,
};
use smtp_proto::types::{
    By, ByMode, Domain, ForwardPath, Hold, LocalPart, Mailbox, MtPriority, Notify, Orcpt, Ret,
    ReversePath, Text, XText,
};

fn dsn_envelope() -> Envelope {
    let to = Recipient::new(fwd("b@d.example"))
        .with_notify(Notify {
            success: true,
            failure: false,
            delay: false,
        })
        .with_orcpt(Orcpt::new("rfc822", XText::encode(b"b@d.example").unwrap()).unwrap());
    let mut env = Envelope::with_recipients(rev("a@c.example"), vec![to]);
    env.ret = Some(Ret::Full);
    env.envid = Some(XText::new("id1").unwrap());
    env
}

#[test]
fn dsn_sent_when_advertised() {
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "DSN"]);
    h.client.send_mail(dsn_envelope()).unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@c.example> RET=FULL ENVID=id1\r\n\
         RCPT TO:<b@d.example> NOTIFY=SUCCESS ORCPT=rfc822;b@d.example\r\nDATA\r\n"
    );
}

#[test]
fn dsn_refused_or_dropped_when_not_advertised() {
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING"]);
    assert_eq!(
        h.client.send_mail(dsn_envelope()),
        Err(ClientError::NotAdvertised("DSN"))
    );
    // Only a recipient parameter: refused too.
    let to = Recipient::new(fwd("b@d.example")).with_notify(Notify::NEVER);
    assert_eq!(
        h.client
            .send_mail(Envelope::with_recipients(rev("a@c.example"), vec![to])),
        Err(ClientError::NotAdvertised("DSN"))
    );
    assert_eq!(h.out(), "");
    assert_eq!(h.client.state(), ClientState::Ready);
    // A relay may drop them (RFC 3461 §4).
    let mut c = config("c.example");
    c.drop_unsupported_dsn = true;
    let mut h = Harness::new(c);
    h.ready(&["PIPELINING"]);
    h.client.send_mail(dsn_envelope()).unwrap();
    assert_eq!(h.client.poll_event(), Some(ClientEvent::DsnDropped));
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@c.example>\r\nRCPT TO:<b@d.example>\r\nDATA\r\n"
    );
}

#[test]
fn other_extensions_need_advertising() {
    type Case = (&'static str, fn(&mut Envelope), &'static str);
    let cases: [Case; 4] = [
        (
            "MT-PRIORITY",
            |e| e.mt_priority = Some(MtPriority::new(-3).unwrap()),
            " MT-PRIORITY=-3",
        ),
        (
            "FUTURERELEASE",
            |e| e.hold = Some(Hold::For(600)),
            " HOLDFOR=600",
        ),
        (
            "DELIVERBY",
            |e| e.by = Some(By::new(120, ByMode::Return, true).unwrap()),
            " BY=120;RT",
        ),
        ("DSN", |e| e.ret = Some(Ret::Hdrs), " RET=HDRS"),
    ];
    for (keyword, set, param) in cases {
        let mut h = Harness::new(config("c.example"));
        h.ready(&["PIPELINING"]);
        let mut env = envelope("a@c.example", &["b@d.example"]);
        set(&mut env);
        assert_eq!(
            h.client.send_mail(env.clone()),
            Err(ClientError::NotAdvertised(keyword))
        );
        assert_eq!(h.out(), "");
        let mut h = Harness::new(config("c.example"));
        let advertised = if keyword == "FUTURERELEASE" {
            "FUTURERELEASE 86400 2030-01-01T00:00:00Z"
        } else {
            keyword
        };
        h.ready(&["PIPELINING", advertised]);
        h.client.send_mail(env).unwrap();
        assert_eq!(
            h.out(),
            format!("MAIL FROM:<a@c.example>{param}\r\nRCPT TO:<b@d.example>\r\nDATA\r\n")
        );
    }
}

/// RFC 4865: `HOLDFOR` beyond the announced maximum interval is refused before sending;
/// RFC 2852 §4: `BY` with mode `R` must be positive and at least the announced minimum.
#[test]
fn hold_and_by_within_announced_limits() {
    type Case = (
        &'static str,
        fn(&mut Envelope),
        Option<(&'static str, i64, i64)>,
    );
    let cases: [Case; 6] = [
        (
            "FUTURERELEASE 600 2030-01-01T00:00:00Z",
            |e| e.hold = Some(Hold::For(600)),
            None,
        ),
        (
            "FUTURERELEASE 600 2030-01-01T00:00:00Z",
            |e| e.hold = Some(Hold::For(601)),
            Some(("HOLDFOR", 601, 600)),
        ),
        (
            "DELIVERBY 240",
            |e| e.by = Some(By::new(240, ByMode::Return, false).unwrap()),
            None,
        ),
        (
            "DELIVERBY 240",
            |e| e.by = Some(By::new(239, ByMode::Return, false).unwrap()),
            Some(("BY", 239, 240)),
        ),
        // Mode N has no minimum: a notification may be asked for even after the deadline.
        (
            "DELIVERBY 240",
            |e| e.by = Some(By::new(-5, ByMode::Notify, false).unwrap()),
            None,
        ),
        (
            "DELIVERBY",
            |e| e.by = Some(By::new(0, ByMode::Return, false).unwrap()),
            Some(("BY", 0, 1)),
        ),
    ];
    for (advertised, set, refused) in cases {
        let mut h = Harness::new(config("c.example"));
        h.ready(&["PIPELINING", advertised]);
        let mut env = envelope("a@c.example", &["b@d.example"]);
        set(&mut env);
        match refused {
            Some((parameter, value, limit)) => {
                assert_eq!(
                    h.client.send_mail(env),
                    Err(ClientError::OutOfRange {
                        parameter,
                        value,
                        limit
                    }),
                    "{advertised}"
                );
                assert_eq!(h.out(), "");
            }
            None => {
                h.client.send_mail(env).unwrap();
                assert!(
                    h.out().starts_with("MAIL FROM:<a@c.example> "),
                    "{advertised}"
                );
            }
        }
    }
}

/// RFC 4954 §5: `AUTH=` goes on MAIL when the server announced AUTH, and is omitted otherwise
/// (as a relay does towards a server without the extension).
#[test]
fn mail_auth_parameter() {
    let mut env = envelope("a@c.example", &["b@d.example"]);
    env.auth = Some(XText::new("<>").unwrap());
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "AUTH PLAIN"]);
    h.client.send_mail(env.clone()).unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@c.example> AUTH=<>\r\nRCPT TO:<b@d.example>\r\nDATA\r\n"
    );
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING"]);
    h.client.send_mail(env).unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@c.example>\r\nRCPT TO:<b@d.example>\r\nDATA\r\n"
    );
}

#[test]
fn requiretls_needs_tls_and_advertising() {
    let mut env = envelope("a@c.example", &["b@d.example"]);
    env.requiretls = true;
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "STARTTLS"]);
    assert_eq!(
        h.client.send_mail(env.clone()),
        Err(ClientError::NotAdvertised("REQUIRETLS"))
    );
    // Advertised (wrongly) in the clear: still refused, the session is not TLS.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "REQUIRETLS"]);
    assert_eq!(
        h.client.send_mail(env.clone()),
        Err(ClientError::TlsRequired)
    );
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "STARTTLS"]);
    h.client.starttls().unwrap();
    h.out();
    h.feed(b"220 go\r\n");
    h.client.tls_established().unwrap();
    h.out();
    h.feed(b"250-mx.example\r\n250-PIPELINING\r\n250 REQUIRETLS\r\n");
    h.events();
    h.client.send_mail(env).unwrap();
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@c.example> REQUIRETLS\r\nRCPT TO:<b@d.example>\r\nDATA\r\n"
    );
}

#[test]
fn vrfy_expn_help_noop_outside_transactions() {
    let mut h = Harness::new(config("c.example"));
    // Not before the greeting and EHLO.
    assert!(matches!(
        h.client.vrfy(Text::new("x").unwrap()),
        Err(ClientError::InvalidState {
            action: "vrfy",
            state: ClientState::Greeting
        })
    ));
    h.ready(&["PIPELINING"]);
    h.client.vrfy(Text::new("Crispin").unwrap()).unwrap();
    assert_eq!(h.client.state(), ClientState::Command);
    // One at a time: the state forbids another command until the reply.
    assert!(matches!(
        h.client.expn(Text::new("staff").unwrap()),
        Err(ClientError::InvalidState { action: "expn", .. })
    ));
    assert_eq!(h.out(), "VRFY Crispin\r\n");
    let ev = h.reply(b"252 Cannot VRFY user\r\n");
    assert!(matches!(&ev[..], [ClientEvent::Reply { reply }] if reply.code().get() == 252));
    assert_eq!(h.client.state(), ClientState::Ready);
    h.client.expn(Text::new("staff").unwrap()).unwrap();
    assert_eq!(h.out(), "EXPN staff\r\n");
    let ev = h.reply(b"250-Jon <jon@x.example>\r\n250 Ann <ann@x.example>\r\n");
    assert!(matches!(&ev[..], [ClientEvent::Reply { reply }] if reply.lines().len() == 2));
    h.client.help(None).unwrap();
    assert_eq!(h.out(), "HELP\r\n");
    h.reply(b"214 see the docs\r\n");
    h.client.help(Some(Text::new("MAIL").unwrap())).unwrap();
    assert_eq!(h.out(), "HELP MAIL\r\n");
    h.reply(b"214 MAIL FROM:<path>\r\n");
    h.client.noop().unwrap();
    assert_eq!(h.out(), "NOOP\r\n");
    assert!(matches!(
        &h.reply(b"250 OK\r\n")[..],
        [ClientEvent::Reply { .. }]
    ));
    // Not inside a transaction.
    h.client
        .send_mail(envelope("a@c.example", &["b@d.example"]))
        .unwrap();
    assert!(h.client.vrfy(Text::new("x").unwrap()).is_err());
    assert!(h.client.help(None).is_err());
    // A UTF-8 argument needs SMTPUTF8 (RFC 6531 §3.1).
    let mut h = Harness::new(config("c.example"));
    h.ready(&[]);
    assert_eq!(
        h.client.vrfy(Text::new("jörg").unwrap()),
        Err(ClientError::NotAdvertised("SMTPUTF8"))
    );
    assert_eq!(h.out(), "");
}

fn long_mailbox(local_len: usize) -> Mailbox<'static> {
    Mailbox::new(
        LocalPart::new("x".repeat(local_len)).unwrap(),
        Domain::name("d.example").unwrap(),
    )
}

#[test]
fn command_line_limit() {
    // "MAIL FROM:<" 11 + local + "@d.example>" 11 + CRLF 2.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "SIZE"]);
    let ok = Envelope::new(
        ReversePath::Mailbox(long_mailbox(512 - 24)),
        vec![fwd("b@d.example")],
    );
    h.client.send_mail(ok).unwrap();
    assert_eq!(h.out().split("\r\n").next().unwrap().len() + 2, 512);
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "SIZE"]);
    let too_long = Envelope::new(
        ReversePath::Mailbox(long_mailbox(512 - 23)),
        vec![fwd("b@d.example")],
    );
    assert_eq!(
        h.client.send_mail(too_long.clone()),
        Err(ClientError::LineTooLong {
            len: 513,
            limit: 512
        })
    );
    assert_eq!(h.out(), "");
    assert_eq!(h.client.state(), ClientState::Ready);
    // SIZE= on the line raises the limit by 26 (RFC 1870 §3).
    let mut with_size = too_long.clone();
    with_size.size = Some(1);
    h.client.send_mail(with_size).unwrap();
    assert!(h.out().contains(" SIZE=1\r\n"));
    // RCPT: the DSN allowance (500) applies only with NOTIFY/ORCPT on the line.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "DSN"]);
    let long_rcpt = ForwardPath::Mailbox(long_mailbox(600));
    assert!(matches!(
        h.client
            .send_mail(Envelope::new(rev("a@c.example"), vec![long_rcpt.clone()])),
        Err(ClientError::LineTooLong { limit: 512, .. })
    ));
    let with_notify = Recipient::new(long_rcpt).with_notify(Notify::NEVER);
    h.client
        .send_mail(Envelope::with_recipients(
            rev("a@c.example"),
            vec![with_notify],
        ))
        .unwrap();
    assert!(h.out().contains(" NOTIFY=NEVER\r\n"));
    assert_eq!(line_allowance::DSN_RCPT, 500);
    // VRFY and the configurable limit.
    let mut c = config("c.example");
    c.max_line_len = 20;
    let mut h = Harness::new(c);
    h.ready(&[]);
    assert_eq!(
        h.client.vrfy(Text::new("a-rather-long-name").unwrap()),
        Err(ClientError::LineTooLong { len: 25, limit: 20 })
    );
    h.client.vrfy(Text::new("short").unwrap()).unwrap();
    assert_eq!(h.out(), "VRFY short\r\n");
}

#[test]
fn bdat_last_on_the_final_chunk() {
    // Pipelined: the whole message in one final chunk.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING", "CHUNKING"]);
    h.client
        .send_mail(envelope("a@c.example", &["b@d.example"]))
        .unwrap();
    assert_eq!(h.events(), [ClientEvent::DataReady]);
    assert_eq!(h.client.send_data(b"one").unwrap(), 3);
    assert_eq!(h.client.send_final_data(b"two").unwrap(), 3);
    assert_eq!(h.client.state(), ClientState::DataEnd);
    assert!(h.client.send_data(b"x").is_err());
    assert!(h.client.finish_data().is_err());
    assert_eq!(
        h.out(),
        "MAIL FROM:<a@c.example>\r\nRCPT TO:<b@d.example>\r\nBDAT 3\r\noneBDAT 3 LAST\r\ntwo"
    );
    let ev = h.reply(b"250 ok\r\n250 ok\r\n250 3 octets\r\n250 queued\r\n");
    assert!(matches!(
        ev.last(),
        Some(ClientEvent::MessageAccepted { .. })
    ));
    assert_eq!(h.client.state(), ClientState::Ready);

    // The output bound cuts the final piece: the part taken goes as an ordinary chunk, the
    // rest later as the final one.
    let mut c = config("c.example");
    c.max_output = 40;
    let mut h = Harness::new(c);
    h.ready(&["CHUNKING"]);
    h.client
        .send_mail(envelope("a@c.example", &["b@d.example"]))
        .unwrap();
    h.feed(b"250 ok\r\n");
    h.out();
    let ev = h.reply(b"250 ok\r\n");
    assert_eq!(ev.last(), Some(&ClientEvent::DataReady));
    let body = [b'z'; 50];
    let n = h.client.send_final_data(&body).unwrap();
    assert_eq!(n, 40);
    assert_eq!(h.client.state(), ClientState::Data);
    assert_eq!(h.out(), format!("BDAT 40\r\n{}", "z".repeat(40)));
    assert_eq!(h.client.send_final_data(&body[n..]).unwrap(), 10);
    // Without PIPELINING the final chunk waits for the previous chunk's reply.
    assert_eq!(h.out(), "");
    h.feed(b"250 40 octets\r\n");
    assert_eq!(h.out(), format!("BDAT 10 LAST\r\n{}", "z".repeat(10)));
    let ev = h.reply(b"250 done\r\n");
    assert!(matches!(&ev[..], [ClientEvent::MessageAccepted { .. }]));

    // DATA: the final piece is followed by the end-of-data line.
    let mut h = Harness::new(config("c.example"));
    h.ready(&["PIPELINING"]);
    h.client
        .send_mail(envelope("a@c.example", &["b@d.example"]))
        .unwrap();
    h.out();
    h.feed(b"250 ok\r\n250 ok\r\n354 go\r\n");
    h.events();
    assert_eq!(h.client.send_final_data(b".x").unwrap(), 2);
    assert_eq!(h.out(), "..x\r\n.\r\n");
    assert_eq!(h.client.state(), ClientState::DataEnd);
}

#[test]
fn bdat_last_respects_the_pipelining_window() {
    // The window counts command lines, not chunk data: a big final chunk goes out with the
    // group, a chunk line that does not fit waits for replies.
    let mut c = config("c.example");
    c.pipeline_window = 60;
    c.max_output = 1 << 20;
    let mut h = Harness::new(c);
    h.ready(&["PIPELINING", "CHUNKING"]);
    h.client
        .send_mail(envelope("a@c.example", &["b@d.example"]))
        .unwrap();
    h.events();
    let big = vec![b'q'; 10_000];
    h.client.send_final_data(&big).unwrap();
    let out = h.out();
    // MAIL (25) + RCPT (24) = 49; "BDAT 10000 LAST\r\n" (17) would make 66 > 60.
    assert_eq!(out, "MAIL FROM:<a@c.example>\r\nRCPT TO:<b@d.example>\r\n");
    h.feed(b"250 ok\r\n");
    let out = h.out();
    assert!(out.starts_with("BDAT 10000 LAST\r\nqqq"), "{}", &out[..20]);
    assert_eq!(out.len(), 17 + 10_000);
    let ev = h.reply(b"250 ok\r\n250 queued\r\n");
    assert!(matches!(
        ev.last(),
        Some(ClientEvent::MessageAccepted { .. })
    ));
}
