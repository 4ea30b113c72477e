//! The RFC transcripts through the state machines: the client is fed the server's replies, the
//! server the client's commands, each whole, cut in two at every byte boundary and byte by
//! byte, with the same events and output asserted every time (`common::client_transcript`,
//! `common::server_transcript`). The bytes on the wire are the RFC's, with CRLF line ends;
//! where an example elides the message (`...`) a short body stands in, and where a machine's
//! own reply text differs from the example only the lines the example fixes are compared.

mod client_common;
mod common;

use client_common::{fwd, mbox, rev};
use common::{
    ClientStep, Seen, ServerStep, client_transcript, reply, reply_then, server_transcript, text,
};
use mail_sasl::{ClientSession, ServerStep as Sasl};
use smtp_proto::client::{Client, ClientConfig, ClientEvent, Envelope, Recipient};
use smtp_proto::server::{Server, ServerConfig, ServerEvent};
use smtp_proto::types::{
    AuthMechanism, Body, Capabilities, Capability, Domain, EnhancedCode, ForwardPath, Notify,
    Orcpt, Reply, ReplyCode, Ret, Text, XText,
};

fn client_config(domain: &str) -> ClientConfig {
    ClientConfig::new(Domain::name(domain.to_owned()).unwrap())
}

fn r(code: u16, text: &str) -> Reply<'static> {
    Reply::new(
        ReplyCode::new(code).unwrap(),
        None,
        [text.as_bytes().to_vec()],
    )
    .unwrap()
}

fn lines(code: u16, lines: &[&str]) -> Reply<'static> {
    Reply::new(
        ReplyCode::new(code).unwrap(),
        None,
        lines.iter().map(|l| l.as_bytes().to_vec()),
    )
    .unwrap()
}

fn caps(list: impl IntoIterator<Item = Capability>) -> Capabilities {
    list.into_iter().collect()
}

/// The codes of the client's `Recipient` events, in order.
fn rcpt_codes(events: &[ClientEvent]) -> Vec<(usize, u16)> {
    events
        .iter()
        .filter_map(|e| match e {
            ClientEvent::Recipient { index, reply } => Some((*index, reply.code().get())),
            _ => None,
        })
        .collect()
}

/// The server events of one kind, as the application saw them.
fn events(seen: &[Seen]) -> Vec<&ServerEvent> {
    seen.iter()
        .filter_map(|s| match s {
            Seen::Event(e) => Some(e),
            Seen::Data(_) => None,
        })
        .collect()
}

fn data(seen: &[Seen]) -> Vec<u8> {
    seen.iter()
        .filter_map(|s| match s {
            Seen::Data(d) => Some(d.as_slice()),
            Seen::Event(_) => None,
        })
        .flatten()
        .copied()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// RFC 5321 Appendix D
// ---------------------------------------------------------------------------------------------

const D_GREETING: &[u8] = b"220 foo.com Simple Mail Transfer Service Ready\r\n";
const D_EHLO: &[u8] =
    b"250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250 HELP\r\n";
const D_QUIT: &[u8] = b"221 foo.com Service closing transmission channel\r\n";
/// The data of D.1 and D.4: the client sends "...etc." on the wire, the stuffed form of
/// "..etc." (RFC 5321 §4.5.2).
const D_DATA: &[u8] = b"Blah blah blah...\r\n..etc. etc. etc.\r\n";

/// RFC 5321 D.1, client side: one command at a time (no PIPELINING), Green refused.
#[test]
fn rfc5321_d1_client() {
    let send = |c: &mut Client| {
        let env = Envelope::new(
            rev("Smith@bar.com"),
            vec![
                fwd("Jones@foo.com"),
                fwd("Green@foo.com"),
                fwd("Brown@foo.com"),
            ],
        );
        c.send_mail(env).unwrap();
    };
    let data = |c: &mut Client| assert_eq!(c.send_final_data(D_DATA).unwrap(), D_DATA.len());
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(D_GREETING),
        reply_then(D_EHLO, &send),
        reply(b"250 OK\r\n"),
        reply(b"250 OK\r\n"),
        reply(b"550 No such user here\r\n"),
        reply(b"250 OK\r\n"),
        reply_then(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n", &data),
        reply_then(b"250 OK\r\n", &quit),
        reply(D_QUIT),
    ];
    let (events, out) = client_transcript(&client_config("bar.com"), &steps);
    assert_eq!(
        text(&out),
        "EHLO bar.com\r\nMAIL FROM:<Smith@bar.com>\r\nRCPT TO:<Jones@foo.com>\r\n\
         RCPT TO:<Green@foo.com>\r\nRCPT TO:<Brown@foo.com>\r\nDATA\r\n\
         Blah blah blah...\r\n...etc. etc. etc.\r\n.\r\nQUIT\r\n"
    );
    assert_eq!(rcpt_codes(&events), [(0, 250), (1, 550), (2, 250)]);
    assert!(events.contains(&ClientEvent::DataReady));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ClientEvent::MessageAccepted { .. }))
    );
    assert!(matches!(events.last(), Some(ClientEvent::Closed { .. })));
}

fn d_server_config() -> ServerConfig {
    let mut c = ServerConfig::new("foo.com");
    c.greeting = "Simple Mail Transfer Service Ready".into();
    c.capabilities = caps([
        Capability::EightBitMime,
        Capability::Size(None),
        Capability::Dsn,
        Capability::Help,
    ]);
    c
}

/// The answers of the Appendix D server: the example's texts.
fn d_policy(server: &mut Server, ev: &ServerEvent) {
    match ev {
        ServerEvent::Hello { .. } => server
            .respond(&lines(
                250,
                &["foo.com greets bar.com", "8BITMIME", "SIZE", "DSN", "HELP"],
            ))
            .unwrap(),
        ServerEvent::Rcpt { to, .. } if format!("{to:?}").contains("Green") => {
            server.reject(&r(550, "No such user here")).unwrap()
        }
        ServerEvent::Mail { .. } | ServerEvent::Rcpt { .. } => {
            server.respond(&r(250, "OK")).unwrap()
        }
        ServerEvent::MessageComplete { .. } => server.respond(&r(250, "OK")).unwrap(),
        ServerEvent::DataStart => server.accept().unwrap(),
        _ => {}
    }
}

/// RFC 5321 D.1, server side: the client's whole dialogue, every reply byte for byte.
#[test]
fn rfc5321_d1_server() {
    let input = b"EHLO bar.com\r\nMAIL FROM:<Smith@bar.com>\r\nRCPT TO:<Jones@foo.com>\r\n\
RCPT TO:<Green@foo.com>\r\nRCPT TO:<Brown@foo.com>\r\nDATA\r\n\
Blah blah blah...\r\n...etc. etc. etc.\r\n.\r\nQUIT\r\n";
    let (seen, out) = server_transcript(
        &d_server_config(),
        &[ServerStep::input(input)],
        &mut d_policy,
    );
    let expected = [
        D_GREETING,
        D_EHLO,
        b"250 OK\r\n",
        b"250 OK\r\n",
        b"550 No such user here\r\n",
        b"250 OK\r\n",
        b"354 Start mail input; end with <CRLF>.<CRLF>\r\n",
        b"250 OK\r\n",
        D_QUIT,
    ]
    .concat();
    assert_eq!(text(&out), text(&expected));
    assert_eq!(data(&seen), D_DATA);
    assert!(events(&seen).contains(&&ServerEvent::MessageComplete { size: 37 }));
}

/// RFC 5321 D.2, server side: the transaction aborted with RSET.
#[test]
fn rfc5321_d2_server() {
    let input = b"EHLO bar.com\r\nMAIL FROM:<Smith@bar.com>\r\nRCPT TO:<Jones@foo.com>\r\n\
RCPT TO:<Green@foo.com>\r\nRSET\r\nQUIT\r\n";
    let (seen, out) = server_transcript(
        &d_server_config(),
        &[ServerStep::input(input)],
        &mut d_policy,
    );
    let expected = [
        D_GREETING,
        D_EHLO,
        b"250 OK\r\n",
        b"250 OK\r\n",
        b"550 No such user here\r\n",
        b"250 OK\r\n",
        D_QUIT,
    ]
    .concat();
    assert_eq!(text(&out), text(&expected));
    assert!(events(&seen).contains(&&ServerEvent::Reset));
}

/// RFC 5321 D.3 step 2, client side: a single-line EHLO reply (no extensions); the example's
/// 221 names foo.com, as printed.
#[test]
fn rfc5321_d3_client() {
    const BODY: &[u8] = b"Received: from bar.com by foo.com ; Thu, 21 May 1998\r\n    05:33:29 -0700\r\n\
Date: Thu, 21 May 1998 05:33:22 -0700\r\nFrom: John Q. Public <JQP@bar.com>\r\n\
Subject:  The Next Meeting of the Board\r\nTo: Jones@xyz.com\r\n\r\nBill:\r\n\
The next meeting of the board of directors will be\r\non Tuesday.\r\n                        John.\r\n";
    let send = |c: &mut Client| {
        assert!(c.capabilities().is_empty());
        c.send_mail(Envelope::new(
            rev("JQP@bar.com"),
            vec![fwd("Jones@XYZ.COM")],
        ))
        .unwrap();
    };
    let data = |c: &mut Client| assert_eq!(c.send_final_data(BODY).unwrap(), BODY.len());
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(b"220 xyz.com Simple Mail Transfer Service Ready\r\n"),
        reply_then(b"250 xyz.com is on the air\r\n", &send),
        reply(b"250 OK\r\n"),
        reply(b"250 OK\r\n"),
        reply_then(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n", &data),
        reply_then(b"250 OK\r\n", &quit),
        reply(b"221 foo.com Service closing transmission channel\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("foo.com"), &steps);
    let expected = [
        &b"EHLO foo.com\r\nMAIL FROM:<JQP@bar.com>\r\nRCPT TO:<Jones@XYZ.COM>\r\nDATA\r\n"[..],
        BODY,
        b".\r\nQUIT\r\n",
    ]
    .concat();
    assert_eq!(text(&out), text(&expected));
    assert_eq!(rcpt_codes(&events), [(0, 250)]);
}

/// RFC 5321 D.4, client side: VRFY outside a transaction, its reply as an event, then the
/// transaction.
#[test]
fn rfc5321_d4_client() {
    let vrfy = |c: &mut Client| c.vrfy(Text::new("Crispin").unwrap()).unwrap();
    let send = |c: &mut Client| {
        c.send_mail(Envelope::new(
            rev("EAK@bar.com"),
            vec![fwd("Admin.MRC@foo.com")],
        ))
        .unwrap();
    };
    let data = |c: &mut Client| assert_eq!(c.send_final_data(D_DATA).unwrap(), D_DATA.len());
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(D_GREETING),
        reply_then(
            b"250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250-VRFY\r\n250 HELP\r\n",
            &vrfy,
        ),
        reply_then(b"250 Mark Crispin <Admin.MRC@foo.com>\r\n", &send),
        reply(b"250 OK\r\n"),
        reply(b"250 OK\r\n"),
        reply_then(b"354 Start mail input; end with <CRLF>.<CRLF>\r\n", &data),
        reply_then(b"250 OK\r\n", &quit),
        reply(D_QUIT),
    ];
    let (events, out) = client_transcript(&client_config("bar.com"), &steps);
    assert_eq!(
        text(&out),
        "EHLO bar.com\r\nVRFY Crispin\r\nMAIL FROM:<EAK@bar.com>\r\nRCPT TO:<Admin.MRC@foo.com>\r\n\
         DATA\r\nBlah blah blah...\r\n...etc. etc. etc.\r\n.\r\nQUIT\r\n"
    );
    assert!(events.iter().any(|e| matches!(
        e,
        ClientEvent::Reply { reply } if reply.first_line() == b"Mark Crispin <Admin.MRC@foo.com>"
    )));
}

// ---------------------------------------------------------------------------------------------
// RFC 1870 §8: SIZE, with permanent and temporary recipient failures
// ---------------------------------------------------------------------------------------------

const SIZE_BODY: &[u8] = b"Subject: size\r\n\r\nThe example elides the message.\r\n";

#[test]
fn rfc1870_client() {
    let send = |c: &mut Client| {
        assert_eq!(c.capabilities().size(), Some(Some(1_000_000)));
        let mut env = Envelope::new(
            rev("ned@thor.innosoft.com"),
            vec![
                fwd("ned@innosoft.com"),
                fwd("ned@ymir.claremont.edu"),
                fwd("ned@hmcvax.claremont.edu"),
            ],
        );
        env.size = Some(500_000);
        c.send_mail(env).unwrap();
    };
    let data = |c: &mut Client| assert_eq!(c.send_final_data(SIZE_BODY).unwrap(), SIZE_BODY.len());
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(b"220 sigurd.innosoft.com -- Server SMTP (PMDF V4.2-6 #1992)\r\n"),
        reply_then(
            b"250-sigurd.innosoft.com\r\n250-EXPN\r\n250-HELP\r\n250 SIZE 1000000\r\n",
            &send,
        ),
        reply(b"250 Address Ok.\r\n"),
        reply(b"250 ned@innosoft.com OK; can accomodate 500000 byte message\r\n"),
        reply(b"552 Channel size limit exceeded: ned@YMIR.CLAREMONT.EDU\r\n"),
        reply(b"452 Insufficient channel storage: ned@hmcvax.CLAREMONT.EDU\r\n"),
        reply_then(b"354 Send message, ending in CRLF.CRLF.\r\n", &data),
        reply_then(b"250 Some recipients OK\r\n", &quit),
        reply(b"221 Goodbye\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("ymir.claremont.edu"), &steps);
    let expected = [
        &b"EHLO ymir.claremont.edu\r\nMAIL FROM:<ned@thor.innosoft.com> SIZE=500000\r\n\
RCPT TO:<ned@innosoft.com>\r\nRCPT TO:<ned@ymir.claremont.edu>\r\n\
RCPT TO:<ned@hmcvax.claremont.edu>\r\nDATA\r\n"[..],
        SIZE_BODY,
        b".\r\nQUIT\r\n",
    ]
    .concat();
    assert_eq!(text(&out), text(&expected));
    assert_eq!(rcpt_codes(&events), [(0, 250), (1, 552), (2, 452)]);
    assert!(events.iter().any(|e| matches!(
        e,
        ClientEvent::MessageAccepted { reply, .. } if reply.first_line() == b"Some recipients OK"
    )));
}

#[test]
fn rfc1870_server() {
    let mut config = ServerConfig::new("sigurd.innosoft.com");
    config.greeting = "-- Server SMTP (PMDF V4.2-6 #1992)".into();
    config.max_message_size = Some(1_000_000);
    config.capabilities = caps([
        Capability::Expn,
        Capability::Help,
        Capability::Size(Some(1_000_000)),
    ]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. } => server.accept().unwrap(),
        ServerEvent::Mail { params, .. } => {
            assert_eq!(params.size, Some(500_000));
            server.respond(&r(250, "Address Ok.")).unwrap()
        }
        ServerEvent::Rcpt { to, .. } => {
            let ForwardPath::Mailbox(m) = to else {
                panic!("{to:?}")
            };
            let reply = match m.domain.to_string().as_str() {
                "innosoft.com" => r(
                    250,
                    "ned@innosoft.com OK; can accomodate 500000 byte message",
                ),
                "ymir.claremont.edu" => {
                    r(552, "Channel size limit exceeded: ned@YMIR.CLAREMONT.EDU")
                }
                _ => r(
                    452,
                    "Insufficient channel storage: ned@hmcvax.CLAREMONT.EDU",
                ),
            };
            server.respond(&reply).unwrap()
        }
        ServerEvent::DataStart => server
            .respond(&r(354, "Send message, ending in CRLF.CRLF."))
            .unwrap(),
        ServerEvent::MessageComplete { .. } => {
            server.respond(&r(250, "Some recipients OK")).unwrap()
        }
        _ => {}
    };
    let input = [
        &b"EHLO ymir.claremont.edu\r\nMAIL FROM:<ned@thor.innosoft.com> SIZE=500000\r\n\
RCPT TO:<ned@innosoft.com>\r\nRCPT TO:<ned@ymir.claremont.edu>\r\n\
RCPT TO:<ned@hmcvax.claremont.edu>\r\nDATA\r\n"[..],
        SIZE_BODY,
        b".\r\nQUIT\r\n",
    ]
    .concat();
    let (seen, out) = server_transcript(&config, &[ServerStep::input(&input)], &mut policy);
    // Every reply is the example's but the 221, whose text is the machine's own.
    let expected = "220 sigurd.innosoft.com -- Server SMTP (PMDF V4.2-6 #1992)\r\n\
250-sigurd.innosoft.com\r\n250-EXPN\r\n250-HELP\r\n250 SIZE 1000000\r\n\
250 Address Ok.\r\n250 ned@innosoft.com OK; can accomodate 500000 byte message\r\n\
552 Channel size limit exceeded: ned@YMIR.CLAREMONT.EDU\r\n\
452 Insufficient channel storage: ned@hmcvax.CLAREMONT.EDU\r\n\
354 Send message, ending in CRLF.CRLF.\r\n250 Some recipients OK\r\n221 ";
    assert!(text(&out).starts_with(expected), "{}", text(&out));
    assert_eq!(data(&seen), SIZE_BODY);
    // The declared size over the announced limit is refused up front (RFC 1870 §6.1).
    let mut policy = |server: &mut Server, ev: &ServerEvent| {
        if let ServerEvent::Hello { .. } = ev {
            server.accept().unwrap()
        }
    };
    let (_, out) = server_transcript(
        &config,
        &[ServerStep::input(
            b"EHLO ymir.claremont.edu\r\nMAIL FROM:<ned@thor.innosoft.com> SIZE=1000001\r\n",
        )],
        &mut policy,
    );
    assert!(
        text(&out).ends_with("552 Message size exceeds fixed maximum message size\r\n"),
        "{}",
        text(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 6152 §4: 8BITMIME
// ---------------------------------------------------------------------------------------------

#[test]
fn rfc6152_client() {
    const BODY: &[u8] = b"Subject: caf\xc3\xa9\r\n\r\nna\xc3\xafve\r\n";
    let send = |c: &mut Client| {
        let mut env = Envelope::new(
            rev("ned@ymir.claremont.edu"),
            vec![fwd("mrose@dbc.mtview.ca.us")],
        );
        env.body = Some(Body::EightBitMime);
        c.send_mail(env).unwrap();
    };
    let data = |c: &mut Client| assert_eq!(c.send_final_data(BODY).unwrap(), BODY.len());
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(b"220 dbc.mtview.ca.us SMTP service ready\r\n"),
        reply_then(
            b"250-dbc.mtview.ca.us says hello\r\n250 8BITMIME\r\n",
            &send,
        ),
        reply(b"250 <ned@ymir.claremont.edu>... Sender and 8BITMIME ok\r\n"),
        reply(b"250 <mrose@dbc.mtview.ca.us>... Recipient ok\r\n"),
        reply_then(
            b"354 Send 8BITMIME message, ending in CRLF.CRLF.\r\n",
            &data,
        ),
        reply_then(b"250 OK\r\n", &quit),
        reply(b"250 Goodbye\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("ymir.claremont.edu"), &steps);
    let expected = [
        &b"EHLO ymir.claremont.edu\r\nMAIL FROM:<ned@ymir.claremont.edu> BODY=8BITMIME\r\n\
RCPT TO:<mrose@dbc.mtview.ca.us>\r\nDATA\r\n"[..],
        BODY,
        b".\r\nQUIT\r\n",
    ]
    .concat();
    assert_eq!(out, expected);
    assert!(matches!(events.last(), Some(ClientEvent::Closed { .. })));
}

// ---------------------------------------------------------------------------------------------
// RFC 3207 §5: STARTTLS
// ---------------------------------------------------------------------------------------------

/// Client side: after the 220 everything is discarded (an injected reply included, RFC 3207
/// §4.2) until the TLS handshake, then EHLO again.
#[test]
fn rfc3207_client() {
    let starttls = |c: &mut Client| c.starttls().unwrap();
    let tls = |c: &mut Client| c.tls_established().unwrap();
    let steps = [
        reply(b"220 mail.imc.org SMTP service ready\r\n"),
        reply_then(
            b"250-mail.imc.org offers a warm hug of welcome\r\n250 STARTTLS\r\n",
            &starttls,
        ),
        reply_then(b"220 Go ahead\r\n250 AUTH PLAIN\r\n", &tls),
        reply(b"250 mail.imc.org\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("mail.ietf.org"), &steps);
    assert_eq!(
        text(&out),
        "EHLO mail.ietf.org\r\nSTARTTLS\r\nEHLO mail.ietf.org\r\n"
    );
    assert!(events.contains(&ClientEvent::UpgradeTls));
    let ready: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            ClientEvent::Ready { capabilities } => Some(capabilities.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(ready.len(), 2);
    assert!(ready[0].supports(&Capability::StartTls));
    // The injected `AUTH PLAIN` never counted.
    assert!(ready[1].is_empty());
}

/// Server side: plaintext pipelined behind STARTTLS is discarded; after TLS the session
/// starts over and STARTTLS is no longer offered.
#[test]
fn rfc3207_server() {
    let mut config = ServerConfig::new("mail.imc.org");
    config.greeting = "SMTP service ready".into();
    config.capabilities = caps([Capability::StartTls]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. } if !server.is_tls() => server
            .respond(&lines(
                250,
                &["mail.imc.org offers a warm hug of welcome", "STARTTLS"],
            ))
            .unwrap(),
        ServerEvent::Hello { .. } | ServerEvent::Mail { .. } => server.accept().unwrap(),
        _ => {}
    };
    let steps = [
        ServerStep {
            input: b"EHLO mail.ietf.org\r\nSTARTTLS\r\nMAIL FROM:<evil@x.example>\r\n",
            then: |s| s.tls_established().unwrap(),
        },
        ServerStep::input(b"EHLO mail.ietf.org\r\n"),
    ];
    let (seen, out) = server_transcript(&config, &steps, &mut policy);
    assert_eq!(
        text(&out),
        "220 mail.imc.org SMTP service ready\r\n\
         250-mail.imc.org offers a warm hug of welcome\r\n250 STARTTLS\r\n\
         220 Ready to start TLS\r\n250 mail.imc.org\r\n"
    );
    assert!(
        !events(&seen)
            .iter()
            .any(|e| matches!(e, ServerEvent::Mail { .. }))
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 4954 §4.1: AUTH
// ---------------------------------------------------------------------------------------------

/// The example's greeting is printed `220-smtp.example.com ESMTP Server`, a continuation line
/// with no last line: it is fed as the one-line reply it stands for.
const AUTH_GREETING: &[u8] = b"220 smtp.example.com ESMTP Server\r\n";
const AUTH_EHLO_1: &[u8] = b"250-smtp.example.com Hello client.example.com\r\n\
250-AUTH GSSAPI DIGEST-MD5\r\n250-ENHANCEDSTATUSCODES\r\n250 STARTTLS\r\n";
const AUTH_EHLO_2: &[u8] =
    b"250-smtp.example.com Hello client.example.com\r\n250 AUTH GSSAPI DIGEST-MD5 PLAIN\r\n";

fn plain_test() -> ClientSession {
    // "test\0test\01234", the credentials of dGVzdAB0ZXN0ADEyMzQ=.
    ClientSession::plain(Some("test"), "test", "1234").unwrap()
}

/// Client side, PLAIN with the initial response under TLS, and PLAIN answering the empty
/// `334 ` challenge (a client whose line limit keeps the response off the command line).
#[test]
fn rfc4954_client() {
    let starttls = |c: &mut Client| c.starttls().unwrap();
    let tls = |c: &mut Client| c.tls_established().unwrap();
    let auth = |c: &mut Client| c.authenticate(plain_test()).unwrap();
    let steps = [
        reply(AUTH_GREETING),
        reply_then(AUTH_EHLO_1, &starttls),
        reply_then(b"220 Ready to start TLS\r\n", &tls),
        reply_then(AUTH_EHLO_2, &auth),
        reply(b"235 2.7.0 Authentication successful\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("client.example.com"), &steps);
    assert_eq!(
        text(&out),
        "EHLO client.example.com\r\nSTARTTLS\r\nEHLO client.example.com\r\n\
         AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=\r\n"
    );
    assert_eq!(events.last(), Some(&ClientEvent::Authenticated));

    let mut config = client_config("client.example.com");
    config.max_line_len = 32;
    let steps = [
        reply(AUTH_GREETING),
        reply_then(AUTH_EHLO_2, &auth),
        reply(b"334 \r\n"),
        reply(b"235 2.7.0 Authentication successful\r\n"),
    ];
    let (events, out) = client_transcript(&config, &steps);
    assert_eq!(
        text(&out),
        "EHLO client.example.com\r\nAUTH PLAIN\r\ndGVzdAB0ZXN0ADEyMzQ=\r\n"
    );
    assert_eq!(events.last(), Some(&ClientEvent::Authenticated));
}

/// Server side of the same exchanges: the empty challenge is `334 ` with its space.
#[test]
fn rfc4954_server() {
    let mut config = ServerConfig::new("smtp.example.com");
    config.greeting = "ESMTP Server".into();
    config.capabilities = caps([
        Capability::Auth(vec![
            AuthMechanism::from_name("GSSAPI"),
            AuthMechanism::from_name("DIGEST-MD5"),
            AuthMechanism::from_name("PLAIN"),
        ]),
        Capability::EnhancedStatusCodes,
    ]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. } => server
            .respond(&lines(
                250,
                &[
                    "smtp.example.com Hello client.example.com",
                    "AUTH GSSAPI DIGEST-MD5 PLAIN",
                ],
            ))
            .unwrap(),
        ServerEvent::Auth(Sasl::NeedsPasswordCheck {
            authzid,
            authcid,
            password,
        }) => {
            assert_eq!(
                (authzid.as_deref(), authcid.as_str()),
                (Some("test"), "test")
            );
            server
                .auth_password_checked(password.expose() == "1234")
                .unwrap()
        }
        _ => {}
    };
    let input = b"EHLO client.example.com\r\nAUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=\r\n";
    let (seen, out) = server_transcript(&config, &[ServerStep::input(input)], &mut policy);
    assert_eq!(
        text(&out),
        "220 smtp.example.com ESMTP Server\r\n\
         250-smtp.example.com Hello client.example.com\r\n250 AUTH GSSAPI DIGEST-MD5 PLAIN\r\n\
         235 2.7.0 Authentication successful\r\n"
    );
    assert!(matches!(
        events(&seen).last(),
        Some(ServerEvent::Authenticated { .. })
    ));
    let input = b"EHLO client.example.com\r\nAUTH PLAIN\r\ndGVzdAB0ZXN0ADEyMzQ=\r\n";
    let (_, out) = server_transcript(&config, &[ServerStep::input(input)], &mut policy);
    assert!(
        text(&out).ends_with("334 \r\n235 2.7.0 Authentication successful\r\n"),
        "{}",
        text(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 2920: pipelining
// ---------------------------------------------------------------------------------------------

/// A pipelined transaction (RFC 2920 §3.1): MAIL, the RCPTs and DATA in one group, replies
/// matched in order, one recipient refused.
#[test]
fn rfc2920_client() {
    let send = |c: &mut Client| {
        c.send_mail(Envelope::new(
            rev("mrose@dbc.mtview.ca.us"),
            vec![
                fwd("ned@innosoft.com"),
                fwd("dan@innosoft.com"),
                fwd("kvc@innosoft.com"),
            ],
        ))
        .unwrap();
    };
    let data = |c: &mut Client| c.send_final_data(b"Hi\r\n").map(|_| ()).unwrap();
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(b"220 innosoft.com SMTP service ready\r\n"),
        reply_then(b"250-innosoft.com\r\n250 PIPELINING\r\n", &send),
        reply_then(
            b"250 Sender <mrose@dbc.mtview.ca.us> OK\r\n250 Recipient <ned@innosoft.com> OK\r\n\
550 remote mail to <dan@innosoft.com> refused\r\n250 Recipient <kvc@innosoft.com> OK\r\n\
354 enter mail, end with line containing only \".\"\r\n",
            &data,
        ),
        reply_then(b"250 message sent\r\n", &quit),
        reply(b"221 goodbye\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("dbc.mtview.ca.us"), &steps);
    assert_eq!(
        text(&out),
        "EHLO dbc.mtview.ca.us\r\nMAIL FROM:<mrose@dbc.mtview.ca.us>\r\n\
         RCPT TO:<ned@innosoft.com>\r\nRCPT TO:<dan@innosoft.com>\r\n\
         RCPT TO:<kvc@innosoft.com>\r\nDATA\r\nHi\r\n.\r\nQUIT\r\n"
    );
    assert_eq!(rcpt_codes(&events), [(0, 250), (1, 550), (2, 250)]);
}

/// Server side: the whole group in one read, replies in order, one per command.
#[test]
fn rfc2920_server() {
    let mut config = ServerConfig::new("innosoft.com");
    config.capabilities = caps([Capability::Pipelining]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Rcpt { to, .. } if format!("{to:?}").contains("dan") => server
            .reject(&r(550, "remote mail to <dan@innosoft.com> refused"))
            .unwrap(),
        ServerEvent::Hello { .. }
        | ServerEvent::Mail { .. }
        | ServerEvent::Rcpt { .. }
        | ServerEvent::DataStart
        | ServerEvent::MessageComplete { .. } => server.accept().unwrap(),
        _ => {}
    };
    let steps = [
        ServerStep::input(b"EHLO dbc.mtview.ca.us\r\n"),
        ServerStep::input(
            b"MAIL FROM:<mrose@dbc.mtview.ca.us>\r\nRCPT TO:<ned@innosoft.com>\r\n\
RCPT TO:<dan@innosoft.com>\r\nRCPT TO:<kvc@innosoft.com>\r\nDATA\r\n",
        ),
        ServerStep::input(b"Hi\r\n.\r\nQUIT\r\n"),
    ];
    let (seen, out) = server_transcript(&config, &steps, &mut policy);
    assert!(
        text(&out).ends_with(
            "250 Sender OK\r\n250 Recipient OK\r\n\
             550 remote mail to <dan@innosoft.com> refused\r\n250 Recipient OK\r\n\
             354 Start mail input; end with <CRLF>.<CRLF>\r\n\
             250 Message accepted for delivery\r\n\
             221 innosoft.com Service closing transmission channel\r\n"
        ),
        "{}",
        text(&out)
    );
    assert_eq!(data(&seen), b"Hi\r\n");
}

// ---------------------------------------------------------------------------------------------
// RFC 3030 §4: CHUNKING, BINARYMIME
// ---------------------------------------------------------------------------------------------

/// §4.1 shape, client side: the caller knows where the data ends, so the one chunk carries
/// LAST (`BDAT 86 LAST`). The 86 octets stand in for the example's message.
#[test]
fn rfc3030_4_1_client() {
    const BODY: &[u8] = b"To: Susan@random.com\r\nFrom: Sam@random.com\r\nSubject: hi\r\n\r\nHi Susan, this is Sam!!\r\n\r\n";
    assert_eq!(BODY.len(), 86);
    let send = |c: &mut Client| {
        c.send_mail(Envelope::new(
            rev("Sam@Random.com"),
            vec![fwd("Susan@random.com")],
        ))
        .unwrap();
    };
    let data = |c: &mut Client| assert_eq!(c.send_final_data(BODY).unwrap(), 86);
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(b"220 cnri.reston.va.us SMTP service ready\r\n"),
        reply_then(
            b"250-cnri.reston.va.us says hello\r\n250 CHUNKING\r\n",
            &send,
        ),
        reply(b"250 <Sam@Random.com> Sender ok\r\n"),
        reply_then(b"250 <Susan@random.com> Recipient ok\r\n", &data),
        reply_then(b"250 Message OK, 86 octets received\r\n", &quit),
        reply(b"221 Goodbye\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("ymir.claremont.edu"), &steps);
    let expected = [
        &b"EHLO ymir.claremont.edu\r\nMAIL FROM:<Sam@Random.com>\r\nRCPT TO:<Susan@random.com>\r\n\
BDAT 86 LAST\r\n"[..],
        BODY,
        b"QUIT\r\n",
    ]
    .concat();
    assert_eq!(text(&out), text(&expected));
    assert!(events.iter().any(|e| matches!(
        e,
        ClientEvent::MessageAccepted { reply, .. } if reply.first_line() == b"Message OK, 86 octets received"
    )));
}

/// §4.2 shape, client side: pipelined BINARYMIME, two chunks and the empty `BDAT 0 LAST` the
/// example ends with (the caller ends with an empty final piece).
#[test]
fn rfc3030_4_2_client() {
    let send = |c: &mut Client| {
        let mut env = Envelope::new(
            rev("ned@ymir.claremont.edu"),
            vec![
                fwd("gvaudre@cnri.reston.va.us"),
                fwd("jstewart@cnri.reston.va.us"),
            ],
        );
        env.body = Some(Body::BinaryMime);
        c.send_mail(env).unwrap();
        let big = vec![0u8; 100_000];
        assert_eq!(c.send_data(&big).unwrap(), 100_000);
        assert_eq!(c.send_data(&[0xff; 324]).unwrap(), 324);
        c.finish_data().unwrap();
    };
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps = [
        reply(b"220 cnri.reston.va.us SMTP service ready\r\n"),
        reply_then(
            b"250-cnri.reston.va.us says hello\r\n250-PIPELINING\r\n250-BINARYMIME\r\n250 CHUNKING\r\n",
            &send,
        ),
        reply_then(
            b"250 <ned@ymir.claremont.edu>... Sender and BINARYMIME ok\r\n\
250 <gvaudre@cnri.reston.va.us>... Recipient ok\r\n\
250 <jstewart@cnri.reston.va.us>... Recipient ok\r\n\
250 100000 octets received\r\n250 324 octets received\r\n\
250 Message OK, 100324 octets received\r\n",
            &quit,
        ),
        reply(b"221 Goodbye\r\n"),
    ];
    let mut config = client_config("ymir.claremont.edu");
    config.max_output = 200_000;
    let (events, out) = client_transcript(&config, &steps);
    let mut expected = b"EHLO ymir.claremont.edu\r\n\
MAIL FROM:<ned@ymir.claremont.edu> BODY=BINARYMIME\r\n\
RCPT TO:<gvaudre@cnri.reston.va.us>\r\nRCPT TO:<jstewart@cnri.reston.va.us>\r\n\
BDAT 100000\r\n"
        .to_vec();
    expected.extend_from_slice(&[0u8; 100_000]);
    expected.extend_from_slice(b"BDAT 324\r\n");
    expected.extend_from_slice(&[0xff; 324]);
    expected.extend_from_slice(b"BDAT 0 LAST\r\nQUIT\r\n");
    assert!(out == expected, "{}", text(&out[..200]));
    assert_eq!(rcpt_codes(&events), [(0, 250), (1, 250)]);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, ClientEvent::MessageAccepted { .. }))
    );
}

/// Server side of both shapes: chunks read raw, `LAST` on a data chunk or alone.
#[test]
fn rfc3030_server() {
    let mut config = ServerConfig::new("cnri.reston.va.us");
    config.capabilities = caps([
        Capability::Pipelining,
        Capability::BinaryMime,
        Capability::Chunking,
    ]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. }
        | ServerEvent::Mail { .. }
        | ServerEvent::Rcpt { .. }
        | ServerEvent::MessageComplete { .. } => server.accept().unwrap(),
        _ => {}
    };
    let input = b"EHLO ymir.claremont.edu\r\nMAIL FROM:<Sam@Random.com>\r\n\
RCPT TO:<Susan@random.com>\r\nBDAT 9 LAST\r\n.\r\nHi\r\n\r\n\
MAIL FROM:<ned@ymir.claremont.edu> BODY=BINARYMIME\r\nRCPT TO:<gvaudre@cnri.reston.va.us>\r\n\
RCPT TO:<jstewart@cnri.reston.va.us>\r\nBDAT 5\r\n\x00\r\n.\nBDAT 3\r\nab\nBDAT 0 LAST\r\nQUIT\r\n";
    let (seen, out) = server_transcript(&config, &[ServerStep::input(input)], &mut policy);
    assert_eq!(data(&seen), b".\r\nHi\r\n\r\n\x00\r\n.\nab\n");
    let completes: Vec<_> = events(&seen)
        .into_iter()
        .filter(|e| matches!(e, ServerEvent::MessageComplete { .. }))
        .cloned()
        .collect();
    assert_eq!(
        completes,
        [
            ServerEvent::MessageComplete { size: 9 },
            ServerEvent::MessageComplete { size: 8 }
        ]
    );
    assert!(
        text(&out).contains("250 5 octets received\r\n250 8 octets received\r\n"),
        "{}",
        text(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 2033 §4.3: LMTP
// ---------------------------------------------------------------------------------------------

#[test]
fn rfc2033_client() {
    let send = |c: &mut Client| {
        c.send_mail(Envelope::new(
            rev("chris@bar.com"),
            vec![
                fwd("pat@foo.edu"),
                fwd("jones@foo.edu"),
                fwd("green@foo.edu"),
            ],
        ))
        .unwrap();
    };
    let data = |c: &mut Client| c.send_final_data(D_DATA).map(|_| ()).unwrap();
    let quit = |c: &mut Client| c.quit().unwrap();
    let steps: [ClientStep<'_>; 6] = [
        reply(b"220 foo.edu LMTP server ready\r\n"),
        reply_then(b"250-foo.edu\r\n250-PIPELINING\r\n250 SIZE\r\n", &send),
        reply_then(
            b"250 OK\r\n250 OK\r\n550 No such user here\r\n250 OK\r\n\
354 Start mail input; end with <CRLF>.<CRLF>\r\n",
            &data,
        ),
        reply(b"250 OK\r\n"),
        reply_then(b"452 <green@foo.edu> is temporarily over quota\r\n", &quit),
        reply(b"221 foo.edu closing connection\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("foo.edu").lmtp(), &steps);
    assert_eq!(
        text(&out),
        "LHLO foo.edu\r\nMAIL FROM:<chris@bar.com>\r\nRCPT TO:<pat@foo.edu>\r\n\
         RCPT TO:<jones@foo.edu>\r\nRCPT TO:<green@foo.edu>\r\nDATA\r\n\
         Blah blah blah...\r\n...etc. etc. etc.\r\n.\r\nQUIT\r\n"
    );
    let finals: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            ClientEvent::MessageAccepted { recipient, reply }
            | ClientEvent::MessageRejected { recipient, reply } => {
                Some((*recipient, reply.code().get()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(finals, [(Some(0), 250), (Some(2), 452)]);
}

#[test]
fn rfc2033_server() {
    let mut config = ServerConfig::new("foo.edu").lmtp();
    config.greeting = "LMTP server ready".into();
    config.capabilities = caps([Capability::Pipelining, Capability::Size(None)]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Rcpt { to, .. } if format!("{to:?}").contains("jones") => {
            server.reject(&r(550, "No such user here")).unwrap()
        }
        ServerEvent::MessageComplete { .. } => server
            .respond_each(&[
                r(250, "OK"),
                r(452, "<green@foo.edu> is temporarily over quota"),
            ])
            .unwrap(),
        ServerEvent::Mail { .. } | ServerEvent::Rcpt { .. } => {
            server.respond(&r(250, "OK")).unwrap()
        }
        ServerEvent::Hello { .. } | ServerEvent::DataStart => server.accept().unwrap(),
        _ => {}
    };
    let input = b"LHLO foo.edu\r\nMAIL FROM:<chris@bar.com>\r\nRCPT TO:<pat@foo.edu>\r\n\
RCPT TO:<jones@foo.edu>\r\nRCPT TO:<green@foo.edu>\r\nDATA\r\n\
Blah blah blah...\r\n...etc. etc. etc.\r\n.\r\n";
    let (seen, out) = server_transcript(&config, &[ServerStep::input(input)], &mut policy);
    assert_eq!(
        text(&out),
        "220 foo.edu LMTP server ready\r\n250-foo.edu\r\n250-PIPELINING\r\n250 SIZE\r\n\
         250 OK\r\n250 OK\r\n550 No such user here\r\n250 OK\r\n\
         354 Start mail input; end with <CRLF>.<CRLF>\r\n\
         250 OK\r\n452 <green@foo.edu> is temporarily over quota\r\n"
    );
    assert_eq!(data(&seen), D_DATA);
}

// ---------------------------------------------------------------------------------------------
// RFC 3461: DSN parameters
// ---------------------------------------------------------------------------------------------

/// The parameter lines of the RFC 3461 examples (as in tests/command_examples.rs), through
/// the client's envelope and the server's events.
#[test]
fn rfc3461_client() {
    let send = |c: &mut Client| {
        let dana = Recipient::new(fwd("Dana@Ivory.example.com"))
            .with_notify(Notify {
                success: true,
                failure: true,
                delay: false,
            })
            .with_orcpt(
                Orcpt::new("rfc822", XText::encode(b"Dana@Ivory.example.com").unwrap()).unwrap(),
            );
        let eric = Recipient::new(fwd("Eric@Bombs.example.com")).with_notify(Notify::NEVER);
        let fred = Recipient::new(fwd("Fred@Bombs.example.com"))
            .with_notify(Notify {
                success: false,
                failure: true,
                delay: true,
            })
            .with_orcpt(
                Orcpt::new(
                    "rfc822",
                    XText::encode(b"Fred+A@Bombs.example.com").unwrap(),
                )
                .unwrap(),
            );
        let mut env =
            Envelope::with_recipients(rev("Alice@Pure.example.com"), vec![dana, eric, fred]);
        env.ret = Some(Ret::Hdrs);
        env.envid = Some(XText::new("QQ314159").unwrap());
        c.send_mail(env).unwrap();
    };
    let data = |c: &mut Client| {
        c.send_final_data(b"Subject: dsn\r\n\r\n")
            .map(|_| ())
            .unwrap()
    };
    let steps = [
        reply(b"220 Ivory.example.com SMTP service ready\r\n"),
        reply_then(
            b"250-Ivory.example.com\r\n250-PIPELINING\r\n250 DSN\r\n",
            &send,
        ),
        reply_then(
            b"250 OK\r\n250 OK\r\n250 OK\r\n250 OK\r\n354 go ahead\r\n",
            &data,
        ),
        reply(b"250 OK\r\n"),
    ];
    let (events, out) = client_transcript(&client_config("Pure.example.com"), &steps);
    assert_eq!(
        text(&out),
        "EHLO Pure.example.com\r\n\
         MAIL FROM:<Alice@Pure.example.com> RET=HDRS ENVID=QQ314159\r\n\
         RCPT TO:<Dana@Ivory.example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Dana@Ivory.example.com\r\n\
         RCPT TO:<Eric@Bombs.example.com> NOTIFY=NEVER\r\n\
         RCPT TO:<Fred@Bombs.example.com> NOTIFY=FAILURE,DELAY ORCPT=rfc822;Fred+2BA@Bombs.example.com\r\n\
         DATA\r\nSubject: dsn\r\n\r\n.\r\n"
    );
    assert_eq!(rcpt_codes(&events), [(0, 250), (1, 250), (2, 250)]);
}

#[test]
fn rfc3461_server() {
    let mut config = ServerConfig::new("Ivory.example.com");
    config.capabilities = caps([Capability::Pipelining, Capability::Dsn]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. }
        | ServerEvent::Mail { .. }
        | ServerEvent::Rcpt { .. }
        | ServerEvent::DataStart
        | ServerEvent::MessageComplete { .. } => server.accept().unwrap(),
        _ => {}
    };
    let input =
        b"EHLO Pure.example.com\r\nMAIL FROM:<Alice@Pure.example.com> RET=HDRS ENVID=QQ314159\r\n\
RCPT TO:<Dana@Ivory.example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Dana@Ivory.example.com\r\n\
RCPT TO:<Eric@Bombs.example.com> NOTIFY=NEVER\r\nDATA\r\nx\r\n.\r\n";
    let (seen, out) = server_transcript(&config, &[ServerStep::input(input)], &mut policy);
    assert!(!text(&out).contains("555"), "{}", text(&out));
    let evs = events(&seen);
    assert!(evs.iter().any(|e| matches!(
        e,
        ServerEvent::Mail { params, .. }
            if params.ret == Some(Ret::Hdrs) && params.envid.as_ref().map(|x| x.as_str()) == Some("QQ314159")
    )));
    assert!(evs.iter().any(|e| matches!(
        e,
        ServerEvent::Rcpt { params, .. } if params.notify.is_some_and(|n| n.is_never())
    )));
    // Without DSN announced the parameters are refused with 555 (RFC 5321 §4.1.1.11).
    config.capabilities = caps([Capability::Pipelining]);
    let (_, out) = server_transcript(&config, &[ServerStep::input(input)], &mut policy);
    assert!(
        text(&out).contains("555 MAIL parameters not recognized or not implemented\r\n"),
        "{}",
        text(&out)
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 6531: SMTPUTF8 (the RFC has no session example; these follow §3.1, §3.4, §3.5)
// ---------------------------------------------------------------------------------------------

/// A UTF-8 envelope gets `SMTPUTF8` on MAIL (§3.4); a recipient refused with 553 and X.6.7
/// (§3.5) is reported per recipient; VRFY may ask for a UTF-8 reply (§3.1 item 6).
#[test]
fn rfc6531_client() {
    let send = |c: &mut Client| {
        let env = Envelope::new(
            rev("用户@例子.广告"),
            vec![
                ForwardPath::Mailbox(mbox("ಬೆಂಬಲ@ಡೇಟಾಮೇಲ್.ಭಾರತ")),
                ForwardPath::Mailbox(mbox("δοκιμή@παράδειγμα.δοκιμή")),
            ],
        );
        c.send_mail(env).unwrap();
    };
    let data = |c: &mut Client| {
        c.send_final_data("Subject: 测试\r\n\r\n".as_bytes())
            .map(|_| ())
            .unwrap()
    };
    let vrfy = |c: &mut Client| c.vrfy(Text::new("用户 SMTPUTF8").unwrap()).unwrap();
    let steps = [
        reply(b"220 mx.example SMTP service ready\r\n"),
        reply_then(
            b"250-mx.example\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            &send,
        ),
        reply_then(
            "250 OK\r\n250 OK\r\n553 5.6.7 Non-ASCII addresses not permitted for that recipient\r\n354 go\r\n"
                .as_bytes(),
            &data,
        ),
        reply_then(b"250 OK\r\n", &vrfy),
        reply("250 用户 <用户@例子.广告>\r\n".as_bytes()),
    ];
    let (events, out) = client_transcript(&client_config("client.example"), &steps);
    assert_eq!(
        text(&out),
        "EHLO client.example\r\nMAIL FROM:<用户@例子.广告> SMTPUTF8\r\n\
         RCPT TO:<ಬೆಂಬಲ@ಡೇಟಾಮೇಲ್.ಭಾರತ>\r\nRCPT TO:<δοκιμή@παράδειγμα.δοκιμή>\r\nDATA\r\n\
         Subject: 测试\r\n\r\n.\r\nVRFY 用户 SMTPUTF8\r\n"
    );
    assert_eq!(rcpt_codes(&events), [(0, 250), (1, 553)]);
    assert!(events.iter().any(|e| matches!(
        e,
        ClientEvent::Recipient { reply, .. }
            if reply.enhanced_code() == Some(EnhancedCode::new(5, 6, 7).unwrap())
    )));
    assert!(matches!(events.last(), Some(ClientEvent::Reply { .. })));
}

#[test]
fn rfc6531_server() {
    let mut config = ServerConfig::new("mx.example");
    config.capabilities = caps([
        Capability::Pipelining,
        Capability::EightBitMime,
        Capability::SmtpUtf8,
    ]);
    let mut policy = |server: &mut Server, ev: &ServerEvent| match ev {
        ServerEvent::Hello { .. }
        | ServerEvent::Mail { .. }
        | ServerEvent::Rcpt { .. }
        | ServerEvent::DataStart
        | ServerEvent::MessageComplete { .. } => server.accept().unwrap(),
        _ => {}
    };
    let input = "EHLO client.example\r\nMAIL FROM:<用户@例子.广告> SMTPUTF8\r\n\
RCPT TO:<δοκιμή@παράδειγμα.δοκιμή>\r\nDATA\r\nSubject: 测试\r\n\r\n.\r\n";
    let (seen, out) =
        server_transcript(&config, &[ServerStep::input(input.as_bytes())], &mut policy);
    assert!(
        text(&out).ends_with("250 Message accepted for delivery\r\n"),
        "{}",
        text(&out)
    );
    assert!(events(&seen).iter().any(|e| matches!(
        e,
        ServerEvent::Mail { params, .. } if params.smtputf8
    )));
    assert_eq!(data(&seen), "Subject: 测试\r\n\r\n".as_bytes());
}
