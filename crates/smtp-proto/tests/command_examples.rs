//! Command examples from the RFCs, tolerances and error cases.

use std::net::{Ipv4Addr, Ipv6Addr};

use mail_sasl::line::BareLf;
use smtp_proto::encode::encode_command;
use smtp_proto::parse::{CommandConfig, ParseErrorKind, Status, parse_command, skip_line};
use smtp_proto::types::*;

fn parse(line: &str) -> Command<'_> {
    parse_with(line, &CommandConfig::default())
}

fn parse_with<'a>(line: &'a str, config: &CommandConfig) -> Command<'a> {
    match parse_command(line.as_bytes(), config) {
        Ok(Status::Complete((c, n))) => {
            assert_eq!(n, line.len(), "{line:?}");
            c
        }
        other => panic!("{line:?}: {other:?}"),
    }
}

fn err(line: &str) -> (usize, ParseErrorKind) {
    err_with(line, &CommandConfig::default())
}

fn err_with(line: &str, config: &CommandConfig) -> (usize, ParseErrorKind) {
    match parse_command(line.as_bytes(), config) {
        Err(e) => (e.offset, e.kind),
        other => panic!("{line:?}: expected an error, got {other:?}"),
    }
}

/// Parses, checks that encoding gives back exactly the same line, and that the line cut at
/// any byte boundary is incomplete (never consumed in part): fed split at every byte, a
/// receiver gets the same command once the rest arrives.
fn exact(line: &str) -> Command<'_> {
    let c = parse_with(line, &CommandConfig::strict());
    for k in 0..line.len() {
        assert!(
            matches!(
                parse_command(&line.as_bytes()[..k], &CommandConfig::strict()),
                Ok(Status::Incomplete(_))
            ),
            "{line:?} cut at {k}"
        );
    }
    let mut out = Vec::new();
    encode_command(&c, &mut out);
    assert_eq!(String::from_utf8(out).unwrap(), line);
    c
}

fn mbox(local: &str, domain: &str) -> Mailbox<'static> {
    Mailbox::new(
        LocalPart::new(local.to_owned()).unwrap(),
        Domain::name(domain.to_owned()).unwrap(),
    )
}

fn mail(local: &str, domain: &str) -> Command<'static> {
    Command::Mail {
        from: ReversePath::Mailbox(mbox(local, domain)),
        params: MailParams::default(),
    }
}

fn rcpt(local: &str, domain: &str) -> Command<'static> {
    Command::Rcpt {
        to: ForwardPath::Mailbox(mbox(local, domain)),
        params: RcptParams::default(),
    }
}

#[test]
fn rfc5321_appendix_d() {
    // D.1 typical transaction, D.2 aborted transaction, D.3 relayed mail, D.4 verify.
    assert_eq!(
        exact("EHLO bar.com\r\n"),
        Command::Ehlo(Domain::name("bar.com").unwrap())
    );
    assert_eq!(
        exact("MAIL FROM:<Smith@bar.com>\r\n"),
        mail("Smith", "bar.com")
    );
    assert_eq!(
        exact("RCPT TO:<Jones@foo.com>\r\n"),
        rcpt("Jones", "foo.com")
    );
    assert_eq!(
        exact("RCPT TO:<Green@foo.com>\r\n"),
        rcpt("Green", "foo.com")
    );
    assert_eq!(
        exact("RCPT TO:<Brown@foo.com>\r\n"),
        rcpt("Brown", "foo.com")
    );
    assert_eq!(exact("DATA\r\n"), Command::Data);
    assert_eq!(exact("QUIT\r\n"), Command::Quit);
    assert_eq!(exact("RSET\r\n"), Command::Rset);
    assert_eq!(exact("MAIL FROM:<JQP@bar.com>\r\n"), mail("JQP", "bar.com"));
    assert_eq!(
        exact("RCPT TO:<Jones@XYZ.COM>\r\n"),
        rcpt("Jones", "XYZ.COM")
    );
    assert_eq!(
        exact("EHLO foo.com\r\n"),
        Command::Ehlo(Domain::name("foo.com").unwrap())
    );
    assert_eq!(
        exact("VRFY Crispin\r\n"),
        Command::Vrfy(Text::new("Crispin").unwrap())
    );
    assert_eq!(exact("MAIL FROM:<EAK@bar.com>\r\n"), mail("EAK", "bar.com"));
    assert_eq!(
        exact("RCPT TO:<Admin.MRC@foo.com>\r\n"),
        rcpt("Admin.MRC", "foo.com")
    );
    // §4.1.1.1-§4.1.1.10 forms.
    assert_eq!(
        exact("HELO foo.com\r\n"),
        Command::Helo(Domain::name("foo.com").unwrap())
    );
    assert_eq!(
        exact("LHLO foo.edu\r\n"),
        Command::Lhlo(Domain::name("foo.edu").unwrap())
    );
    assert_eq!(
        exact("EXPN Example-People\r\n"),
        Command::Expn(Text::new("Example-People").unwrap())
    );
    assert_eq!(exact("HELP\r\n"), Command::Help(None));
    assert_eq!(
        exact("HELP MAIL\r\n"),
        Command::Help(Some(Text::new("MAIL").unwrap()))
    );
    assert_eq!(exact("NOOP\r\n"), Command::Noop(None));
    assert_eq!(exact("STARTTLS\r\n"), Command::StartTls);
    assert_eq!(
        exact("MAIL FROM:<>\r\n"),
        Command::Mail {
            from: ReversePath::Null,
            params: MailParams::default()
        }
    );
    assert_eq!(
        exact("RCPT TO:<Postmaster>\r\n"),
        Command::Rcpt {
            to: ForwardPath::Postmaster,
            params: RcptParams::default()
        }
    );
    assert_eq!(
        parse("RCPT TO:<postmaster>\r\n"),
        parse("RCPT TO:<POSTMASTER>\r\n")
    );
    assert_eq!(
        exact("RCPT TO:<postmaster@foo.com>\r\n"),
        rcpt("postmaster", "foo.com")
    );
}

#[test]
fn source_routes_are_dropped() {
    // RFC 5321 §4.1.1.3 and appendix C.
    assert_eq!(
        parse("RCPT TO:<@hosta.int,@jkl.org:userc@d.bar.org>\r\n"),
        rcpt("userc", "d.bar.org")
    );
    assert_eq!(
        parse("MAIL FROM:<@a.example:user@d.example>\r\n"),
        mail("user", "d.example")
    );
}

#[test]
fn quoted_local_parts_and_literals() {
    let c = exact("RCPT TO:<\"Joe \\\"Q\\\" Public\"@[192.0.2.1]>\r\n");
    let Command::Rcpt {
        to: ForwardPath::Mailbox(m),
        ..
    } = &c
    else {
        panic!()
    };
    assert!(m.local_part.is_quoted());
    assert_eq!(m.to_string(), "\"Joe \\\"Q\\\" Public\"@[192.0.2.1]");
    assert_eq!(m.local_part.unquoted(), "Joe \"Q\" Public");
    assert_eq!(
        m.domain,
        Domain::Literal(AddressLiteral::Ipv4(Ipv4Addr::new(192, 0, 2, 1)))
    );
    let c = exact("EHLO [IPv6:2001:db8::1]\r\n");
    assert_eq!(
        c,
        Command::Ehlo(Domain::Literal(AddressLiteral::Ipv6(
            "2001:db8::1".parse::<Ipv6Addr>().unwrap()
        )))
    );
    let c = exact("EHLO [x-tag:some-thing]\r\n");
    assert_eq!(
        c,
        Command::Ehlo(Domain::Literal(AddressLiteral::General(
            GeneralLiteral::new("x-tag", "some-thing").unwrap()
        )))
    );
    assert_eq!(LocalPart::from_unquoted("a b").unwrap().as_raw(), "\"a b\"");
    assert_eq!(LocalPart::from_unquoted("a.b").unwrap().as_raw(), "a.b");
}

#[test]
fn rfc1870_6152_size_body() {
    let c = exact("MAIL FROM:<ned@thor.innosoft.com> SIZE=500000\r\n");
    let Command::Mail { params, .. } = c else {
        panic!()
    };
    assert_eq!(params.size, Some(500000));
    let c = exact("MAIL FROM:<ned@ymir.claremont.edu> BODY=8BITMIME\r\n");
    let Command::Mail { params, .. } = c else {
        panic!()
    };
    assert_eq!(params.body, Some(Body::EightBitMime));
    assert_eq!(
        exact("EHLO ymir.claremont.edu\r\n"),
        Command::Ehlo(Domain::name("ymir.claremont.edu").unwrap())
    );
    let Command::Mail { params, .. } = parse("mail from:<a@b> body=7bit size=0\r\n") else {
        panic!()
    };
    assert_eq!((params.body, params.size), (Some(Body::SevenBit), Some(0)));
}

#[test]
fn rfc3030_bdat() {
    // §4.1 simple chunking.
    assert_eq!(
        exact("EHLO ymir.claremont.edu\r\n"),
        Command::Ehlo(Domain::name("ymir.claremont.edu").unwrap())
    );
    assert_eq!(
        exact("MAIL FROM:<Sam@Random.com>\r\n"),
        mail("Sam", "Random.com")
    );
    assert_eq!(
        exact("RCPT TO:<Susan@Random.com>\r\n"),
        rcpt("Susan", "Random.com")
    );
    assert_eq!(
        exact("BDAT 86 LAST\r\n"),
        Command::Bdat {
            size: 86,
            last: true
        }
    );
    // §4.2 pipelining BINARYMIME, sent as one pipelined stream.
    let stream = "MAIL FROM:<ned@ymir.claremont.edu> BODY=BINARYMIME\r\n\
                  RCPT TO:<gvaudre@cnri.reston.va.us>\r\n\
                  RCPT TO:<jstewart@cnri.reston.va.us>\r\n\
                  BDAT 100000\r\n";
    let cfg = CommandConfig::strict();
    let mut rest = stream.as_bytes();
    let mut got = Vec::new();
    while let Status::Complete((c, n)) = parse_command(rest, &cfg).unwrap() {
        got.push(c);
        rest = &rest[n..];
    }
    assert!(rest.is_empty());
    assert_eq!(
        got,
        [
            Command::Mail {
                from: ReversePath::Mailbox(mbox("ned", "ymir.claremont.edu")),
                params: MailParams {
                    body: Some(Body::BinaryMime),
                    ..MailParams::default()
                }
            },
            rcpt("gvaudre", "cnri.reston.va.us"),
            rcpt("jstewart", "cnri.reston.va.us"),
            Command::Bdat {
                size: 100000,
                last: false
            },
        ]
    );
    assert_eq!(
        exact("BDAT 324\r\n"),
        Command::Bdat {
            size: 324,
            last: false
        }
    );
    assert_eq!(
        exact("BDAT 0 LAST\r\n"),
        Command::Bdat {
            size: 0,
            last: true
        }
    );
    assert_eq!(
        parse("bdat 0 last\r\n"),
        Command::Bdat {
            size: 0,
            last: true
        }
    );
    assert_eq!(err("BDAT\r\n").1, ParseErrorKind::Expected("space"));
    assert_eq!(
        err("BDAT x\r\n"),
        (5, ParseErrorKind::Expected("chunk size"))
    );
    assert_eq!(
        err("BDAT 99999999999999999999999\r\n"),
        (5, ParseErrorKind::Invalid("chunk size"))
    );
    assert_eq!(
        err("BDAT 1 FIRST\r\n"),
        (7, ParseErrorKind::Expected("LAST"))
    );
}

#[test]
fn rfc3461_dsn() {
    let c = exact(
        "RCPT TO:<Dana@Ivory.example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Dana@Ivory.example.com\r\n",
    );
    let Command::Rcpt { params, .. } = c else {
        panic!()
    };
    assert_eq!(
        params.notify,
        Some(Notify {
            success: true,
            failure: true,
            delay: false
        })
    );
    let orcpt = params.orcpt.unwrap();
    assert_eq!(orcpt.addr_type(), "rfc822");
    assert_eq!(&*orcpt.address().decoded(), b"Dana@Ivory.example.com");
    let c = exact("MAIL FROM:<Alice@Pure.example.com> RET=HDRS ENVID=QQ314159\r\n");
    let Command::Mail { params, .. } = c else {
        panic!()
    };
    assert_eq!(params.ret, Some(Ret::Hdrs));
    assert_eq!(params.envid.unwrap().as_str(), "QQ314159");
    let Command::Rcpt { params, .. } = exact("RCPT TO:<Eric@Bombs.example.com> NOTIFY=NEVER\r\n")
    else {
        panic!()
    };
    assert!(params.notify.unwrap().is_never());
    let Command::Rcpt { params, .. } = exact(
        "RCPT TO:<Fred@Bombs.example.com> NOTIFY=FAILURE,DELAY ORCPT=rfc822;Fred+2BA@Bombs.example.com\r\n",
    ) else {
        panic!()
    };
    assert_eq!(
        &*params.orcpt.unwrap().address().decoded(),
        b"Fred+A@Bombs.example.com"
    );
    assert_eq!(
        err("RCPT TO:<a@b> NOTIFY=SOMETIMES\r\n"),
        (21, ParseErrorKind::Invalid("notify"))
    );
    assert_eq!(
        err("RCPT TO:<a@b> ORCPT=rfc822;a+zz\r\n"),
        (29, ParseErrorKind::Invalid("xtext"))
    );
    for bad in [
        "RCPT TO:<c@d.com> NOTIFY=NEVER,SUCCESS\r\n",
        "RCPT TO:<c@d.com> NOTIFY=SUCCESS,\r\n",
        "RCPT TO:<c@d.com> NOTIFY=MAYBE\r\n",
    ] {
        assert_eq!(err(bad), (25, ParseErrorKind::Invalid("notify")), "{bad:?}");
    }
    assert_eq!(
        err("RCPT TO:<c@d.com> ORCPT=nosemicolon\r\n"),
        (24, ParseErrorKind::Expected("';'"))
    );
    assert_eq!(
        err("RCPT TO:<c@d.com> NOTIFY=DELAY NOTIFY=NEVER\r\n"),
        (31, ParseErrorKind::Invalid("duplicate parameter"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b.com> RET=PARTIAL\r\n"),
        (24, ParseErrorKind::Invalid("ret"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b.com> RET\r\n"),
        (20, ParseErrorKind::Expected("parameter value"))
    );
    assert_eq!(XText::encode(b"a+b=c d").unwrap().as_str(), "a+2Bb+3Dc+20d");
}

#[test]
fn rfc4954_auth() {
    let c = exact("AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=\r\n");
    let Command::Auth {
        mechanism,
        initial_response: Some(ir),
    } = &c
    else {
        panic!()
    };
    assert_eq!(mechanism.as_str(), "PLAIN");
    assert_eq!(ir.decode().unwrap().as_bytes(), b"test\0test\x001234");
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("dGVzdAB0"), "{dbg}");
    let Command::Auth {
        initial_response: Some(ir),
        ..
    } = exact("AUTH EXTERNAL =\r\n")
    else {
        panic!()
    };
    assert!(ir.decode().unwrap().is_empty());
    assert_eq!(
        exact("AUTH GSSAPI\r\n"),
        Command::Auth {
            mechanism: SaslMechanism::new("GSSAPI").unwrap(),
            initial_response: None
        }
    );
    assert_eq!(InitialResponse::encode(b"").as_encoded(), "=");
    // MAIL FROM AUTH parameter (§5).
    let Command::Mail { params, .. } =
        exact("MAIL FROM:<e=mc2@example.com> AUTH=e+3Dmc2@example.com\r\n")
    else {
        panic!()
    };
    assert_eq!(&*params.auth.unwrap().decoded(), b"e=mc2@example.com");
    let Command::Mail { params, .. } = exact("MAIL FROM:<a@b.example> AUTH=<>\r\n") else {
        panic!()
    };
    assert_eq!(params.auth.unwrap().as_str(), "<>");
    assert_eq!(
        err("AUTH PLAIN a*b\r\n"),
        (11, ParseErrorKind::Invalid("initial response"))
    );
}

#[test]
fn rfc6531_utf8() {
    let c = exact("MAIL FROM:<用户@例子.广告> SMTPUTF8\r\n");
    let Command::Mail { from, params } = &c else {
        panic!()
    };
    assert!(params.smtputf8);
    assert!(c.needs_smtputf8());
    assert!(!mail("a", "b.example").needs_smtputf8());
    assert_eq!(*from, ReversePath::Mailbox(mbox("用户", "例子.广告")));
    assert_eq!(
        exact("RCPT TO:<ಬೆಂಬಲ@ಡೇಟಾಮೇಲ್.ಭಾರತ>\r\n"),
        rcpt("ಬೆಂಬಲ", "ಡೇಟಾಮೇಲ್.ಭಾರತ")
    );
    assert_eq!(
        exact("RCPT TO:<δοκιμή@παράδειγμα.δοκιμή>\r\n"),
        rcpt("δοκιμή", "παράδειγμα.δοκιμή")
    );
}

#[test]
fn other_extensions() {
    let c = exact(
        "MAIL FROM:<a@b.example> SIZE=10 REQUIRETLS MT-PRIORITY=-3 HOLDFOR=600 BY=120;RT X-FOO=bar X-FLAG\r\n",
    );
    let Command::Mail { params, .. } = c else {
        panic!()
    };
    assert!(params.requiretls);
    assert_eq!(params.mt_priority.unwrap().get(), -3);
    assert_eq!(params.hold, Some(Hold::For(600)));
    let by = params.by.unwrap();
    assert_eq!(
        (by.time(), by.mode(), by.trace()),
        (120, ByMode::Return, true)
    );
    assert_eq!(params.other.len(), 2);
    assert_eq!(params.other[0].keyword(), "X-FOO");
    assert_eq!(params.other[0].value(), Some("bar"));
    assert_eq!(params.other[1].value(), None);
    let Command::Mail { params, .. } =
        exact("MAIL FROM:<a@b.example> HOLDUNTIL=2026-01-01T00:00:00Z\r\n")
    else {
        panic!()
    };
    assert!(matches!(params.hold, Some(Hold::Until(_))));
    assert_eq!(
        err("MAIL FROM:<a@b> MT-PRIORITY=10\r\n"),
        (28, ParseErrorKind::Invalid("mt-priority"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b> SIZE=1 SIZE=2\r\n"),
        (23, ParseErrorKind::Invalid("duplicate parameter"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b> BY=1;X\r\n"),
        (19, ParseErrorKind::Invalid("by"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b> SMTPUTF8=yes\r\n"),
        (25, ParseErrorKind::Invalid("parameter value"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b> NOTIFY=NEVER\r\n"),
        (16, ParseErrorKind::Invalid("parameter for another command"))
    );
}

#[test]
fn tolerances() {
    let lenient = CommandConfig::default();
    let strict = CommandConfig::strict();
    for line in [
        "mail from:<Smith@bar.com>\r\n",
        "MAIL FROM: <Smith@bar.com>\r\n",
        "MAIL FROM:Smith@bar.com\r\n",
        "MAIL  FROM:<Smith@bar.com>  \r\n",
        "Mail From:  Smith@bar.com\r\n",
    ] {
        assert_eq!(
            parse_with(line, &lenient),
            mail("Smith", "bar.com"),
            "{line:?}"
        );
    }
    assert_eq!(
        err_with("MAIL FROM: <Smith@bar.com>\r\n", &strict),
        (10, ParseErrorKind::Expected("'<'"))
    );
    assert_eq!(
        err_with("MAIL FROM:Smith@bar.com\r\n", &strict),
        (10, ParseErrorKind::Expected("'<'"))
    );
    assert_eq!(
        err_with("QUIT \r\n", &strict),
        (4, ParseErrorKind::Expected("end of line"))
    );
    let Command::Mail { params, .. } =
        parse("MAIL FROM:<a@b.example>   SIZE=5    BODY=8BITMIME \r\n")
    else {
        panic!()
    };
    assert_eq!(
        (params.size, params.body),
        (Some(5), Some(Body::EightBitMime))
    );
    assert_eq!(
        parse("RCPT TO:postmaster\r\n"),
        Command::Rcpt {
            to: ForwardPath::Postmaster,
            params: RcptParams::default()
        }
    );
    assert_eq!(parse("quit\r\n"), Command::Quit);
    assert_eq!(parse("StartTLS\r\n"), Command::StartTls);
    // Bare LF.
    assert_eq!(err("QUIT\n"), (4, ParseErrorKind::BareLf));
    let mut lf = CommandConfig::default();
    lf.bare_lf = BareLf::Accept;
    assert_eq!(
        parse_command(b"QUIT\nDATA\r\n", &lf).unwrap(),
        Status::Complete((Command::Quit, 5))
    );
}

#[test]
fn unknown_commands() {
    assert_eq!(
        exact("XCLIENT NAME=foo ADDR=192.0.2.1\r\n"),
        Command::Unknown {
            verb: Verb::new("XCLIENT").unwrap(),
            args: Some(Text::new("NAME=foo ADDR=192.0.2.1").unwrap())
        }
    );
    assert_eq!(
        exact("TURN\r\n"),
        Command::Unknown {
            verb: Verb::new("TURN").unwrap(),
            args: None
        }
    );
    assert_eq!(Verb::new("quit"), Err(CommandValueError::Reserved("verb")));
    assert_eq!(err("\r\n"), (0, ParseErrorKind::Expected("command verb")));
}

#[test]
fn errors() {
    assert_eq!(
        err("QUIT now\r\n"),
        (5, ParseErrorKind::Expected("end of line"))
    );
    assert_eq!(err("EHLO\r\n"), (4, ParseErrorKind::Expected("space")));
    assert_eq!(
        err("EHLO -bad.example\r\n"),
        (5, ParseErrorKind::Invalid("domain"))
    );
    assert_eq!(err("EHLO a..b\r\n"), (7, ParseErrorKind::Invalid("domain")));
    assert_eq!(
        err("EHLO [300.1.1.1]\r\n"),
        (5, ParseErrorKind::Invalid("address literal"))
    );
    assert_eq!(
        err("EHLO [1.2.3.4\r\n"),
        (13, ParseErrorKind::Expected("']'"))
    );
    assert_eq!(
        err("MAIL TO:<a@b>\r\n"),
        (5, ParseErrorKind::Expected("FROM:"))
    );
    assert_eq!(
        err("MAIL FROM:<a>\r\n"),
        (12, ParseErrorKind::Expected("'@'"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b\r\n"),
        (14, ParseErrorKind::Expected("'>'"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b>x\r\n"),
        (15, ParseErrorKind::Expected("space"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b> SIZE\r\n"),
        (16, ParseErrorKind::Expected("parameter value"))
    );
    assert_eq!(
        err("MAIL FROM:<a@b> SIZE=x\r\n"),
        (21, ParseErrorKind::Expected("size"))
    );
    assert_eq!(
        err("RCPT TO:<>\r\n"),
        (9, ParseErrorKind::Expected("local part"))
    );
    assert_eq!(
        err("NOOP a\0b\r\n"),
        (6, ParseErrorKind::Invalid("control character"))
    );
    assert_eq!(
        err("NOOP a\rb\r\n"),
        (6, ParseErrorKind::Invalid("control character"))
    );
    assert_eq!(
        parse_command(b"VRFY \xff\r\n", &CommandConfig::default())
            .unwrap_err()
            .kind,
        ParseErrorKind::Invalid("utf-8")
    );
    let mut many = String::from("MAIL FROM:<a@b>");
    for i in 0..17 {
        many.push_str(&format!(" X{i}"));
    }
    many.push_str("\r\n");
    assert_eq!(err(&many).1, ParseErrorKind::TooMany("parameters"));
    let long = format!("NOOP {}\r\n", "x".repeat(600));
    assert_eq!(err(&long).1, ParseErrorKind::LineTooLong { limit: 512 });
    // The bad line can be skipped.
    let input = b"MAIL FROM:<a>\r\nQUIT\r\n";
    assert!(parse_command(input, &CommandConfig::default()).is_err());
    let n = skip_line(input).unwrap();
    assert_eq!(
        parse_command(&input[n..], &CommandConfig::default()).unwrap(),
        Status::Complete((Command::Quit, 6))
    );
}

#[test]
fn incomplete_and_owned() {
    let cfg = CommandConfig::default();
    assert_eq!(parse_command(b"", &cfg).unwrap(), Status::INCOMPLETE);
    assert_eq!(
        parse_command(b"MAIL FROM:<a@b>", &cfg).unwrap(),
        Status::INCOMPLETE
    );
    assert_eq!(parse_command(b"QUIT\r", &cfg).unwrap(), Status::INCOMPLETE);
    let owned: Command<'static> = {
        let buf = b"MAIL FROM:<a@b.example> ENVID=x X-A=b\r\n".to_vec();
        let Status::Complete((c, _)) = parse_command(&buf, &cfg).unwrap() else {
            panic!()
        };
        c.into_owned()
    };
    assert!(matches!(owned, Command::Mail { .. }));
}

#[test]
fn constructors_reject_injection() {
    assert!(Text::new("a\r\nRSET").is_err());
    assert!(Text::new("a\0").is_err());
    assert!(Text::new(" a").is_err());
    assert!(Domain::name("a.example\r\n").is_err());
    assert!(LocalPart::new("a b").is_err());
    assert!(LocalPart::new("\"a\r\"").is_err());
    assert!(LocalPart::from_unquoted("a\nb").is_err());
    assert!(EsmtpValue::new("a b").is_err());
    assert!(XText::new("a=b").is_err());
    assert!(Param::new("SIZE", None).is_err());
    assert!(Param::new("X FOO", None).is_err());
    assert!(SaslMechanism::new("PLAIN\r\n").is_err());
    assert!(InitialResponse::from_encoded("abc\r\n").is_err());
    assert!(MtPriority::new(10).is_err());
    assert!(GeneralLiteral::new("IPv6", "::1").is_err());
    assert_eq!(
        Text::new("a\nb"),
        Err(CommandValueError::InvalidChar {
            what: "argument",
            offset: 1
        })
    );
}

/// Found by the `smtp_command` fuzz target: a UTF-8 character straddling byte 5 of an address
/// literal (where `IPv6:` would end) panicked on a `str` slice.
#[test]
fn address_literal_with_multibyte_char_at_tag_end_is_an_error() {
    let config = CommandConfig::default();
    let input = "RCPT TO:<\"quoocal\"@[ITv2\u{1bc}db8::1]>\r\n".as_bytes();
    assert!(parse_command(input, &config).is_err());
    let input = "RCPT TO:<a@[IPv6\u{1bc}:1]>\r\n".as_bytes();
    assert!(parse_command(input, &config).is_err());
}
