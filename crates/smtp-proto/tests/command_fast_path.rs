//! The lines `parse_command` reads on its fast path (`MAIL`, `RCPT`, `EHLO`/`HELO`/`LHLO` and
//! argument-less verbs, in ASCII or with RFC 6531 UTF-8 addresses) and their neighbours that it
//! leaves to the full parser: invalid UTF-8, control characters, partial lines, limits. Either
//! way the result must be what the full parser alone gives (the unit tests in `parse::fast`
//! compare the two directly).

use smtp_proto::parse::{CommandConfig, ParseErrorKind, Status, parse_command};
use smtp_proto::types::*;

fn parse(line: &[u8]) -> Command<'_> {
    match parse_command(line, &CommandConfig::default()) {
        Ok(Status::Complete((c, n))) => {
            assert_eq!(n, line.len(), "{line:?}");
            c
        }
        other => panic!("{line:?}: {other:?}"),
    }
}

fn err(line: &[u8]) -> (usize, ParseErrorKind) {
    match parse_command(line, &CommandConfig::default()) {
        Err(e) => (e.offset, e.kind),
        other => panic!("{line:?}: expected an error, got {other:?}"),
    }
}

fn rcpt_to(c: Command<'_>) -> (String, String, RcptParams<'_>) {
    match c {
        Command::Rcpt {
            to: ForwardPath::Mailbox(m),
            params,
        } => {
            let Domain::Name(d) = m.domain else {
                panic!("literal")
            };
            (
                m.local_part.as_raw().to_owned(),
                d.as_str().to_owned(),
                params,
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn rcpt_with_notify() {
    let (local, domain, params) =
        rcpt_to(parse(b"RCPT TO:<bob7@mail.example.net> NOTIFY=FAILURE\r\n"));
    assert_eq!(
        (local.as_str(), domain.as_str()),
        ("bob7", "mail.example.net")
    );
    assert_eq!(
        params.notify,
        Some(Notify {
            failure: true,
            ..Notify::NEVER
        })
    );
    let (_, _, params) = rcpt_to(parse(b"rcpt to:<a@b> notify=Success,delay,SUCCESS\r\n"));
    assert_eq!(
        params.notify,
        Some(Notify {
            success: true,
            delay: true,
            failure: false,
        })
    );
    let (_, _, params) = rcpt_to(parse(b"RCPT TO:<a@b> NOTIFY=never\r\n"));
    assert_eq!(params.notify, Some(Notify::NEVER));
    assert_eq!(
        err(b"RCPT TO:<a@b> NOTIFY=NEVER,SUCCESS\r\n"),
        (21, ParseErrorKind::Invalid("notify"))
    );
    assert_eq!(
        err(b"RCPT TO:<a@b> NOTIFY=FAILURE NOTIFY=DELAY\r\n"),
        (29, ParseErrorKind::Invalid("duplicate parameter"))
    );
}

#[test]
fn mail_with_size_and_body() {
    let Command::Mail { from, params } =
        parse(b"MAIL FROM:<alice@example.com> SIZE=4711 BODY=8bitmime\r\n")
    else {
        panic!()
    };
    let ReversePath::Mailbox(m) = from else {
        panic!()
    };
    assert_eq!(m.local_part.as_raw(), "alice");
    assert_eq!(
        (params.size, params.body),
        (Some(4711), Some(Body::EightBitMime))
    );
    let Command::Mail { from, params } = parse(b"MAIL FROM:<> SIZE=0\r\n") else {
        panic!()
    };
    assert_eq!((from, params.size), (ReversePath::Null, Some(0)));
    assert_eq!(
        err(b"MAIL FROM:<a@b> SIZE=18446744073709551616\r\n"),
        (21, ParseErrorKind::Invalid("size"))
    );
    assert_eq!(
        err(b"MAIL FROM:<a@b> SIZE=1x\r\n"),
        (21, ParseErrorKind::Expected("size"))
    );
    assert_eq!(
        err(b"MAIL FROM:<a@b> BODY=9BIT\r\n"),
        (21, ParseErrorKind::Invalid("body"))
    );
}

/// RFC 6531 §3.3: UTF-8 in the local part, the domain and parameter values comes out as
/// written.
#[test]
fn eight_bit_addresses() {
    let (local, domain, _) = rcpt_to(parse(
        "RCPT TO:<jösé@bücher.example> NOTIFY=FAILURE\r\n".as_bytes(),
    ));
    assert_eq!(
        (local.as_str(), domain.as_str()),
        ("jösé", "bücher.example")
    );
    let Command::Mail { from, params } =
        parse("MAIL FROM:<δοκιμή@παράδειγμα.δοκιμή> SMTPUTF8 SIZE=10\r\n".as_bytes())
    else {
        panic!()
    };
    let ReversePath::Mailbox(m) = from else {
        panic!()
    };
    assert_eq!(m.local_part.as_raw(), "δοκιμή");
    assert!(params.smtputf8);
    assert_eq!(params.size, Some(10));
    let Command::Ehlo(Domain::Name(d)) = parse("EHLO bücher.example\r\n".as_bytes()) else {
        panic!()
    };
    assert_eq!(d.as_str(), "bücher.example");
}

/// Bytes that are not UTF-8 are rejected at the first of them, whatever the command and
/// wherever in the line.
#[test]
fn invalid_utf8_is_rejected_where_it_starts() {
    for (line, offset) in [
        (&b"RCPT TO:<a\xff@b>\r\n"[..], 10),
        (b"RCPT TO:<a@b\xc3> NOTIFY=FAILURE\r\n", 12),
        (b"RCPT TO:<a@b> NOTIFY=FAILURE\xe9\r\n", 28),
        (b"MAIL FROM:<a@b> SIZE=1\x80\r\n", 22),
        (b"EHLO ex\xc3\x28ample\r\n", 7),
        (b"\xffRSET\r\n", 0),
        (b"RSET\xff\r\n", 4),
    ] {
        assert_eq!(
            err(line),
            (offset, ParseErrorKind::Invalid("utf-8")),
            "{line:?}"
        );
    }
    // After valid UTF-8: the offset counts its bytes. Overlong forms and surrogates are not
    // UTF-8 either.
    for (valid, bad, rest) in [
        ("RCPT TO:<jö", &b"\xc3"[..], "@b>\r\n"),
        ("RCPT TO:<jö@bü.x> X-A=é", b"\xff", "\r\n"),
        ("MAIL FROM:<δ@δ> SMTPUTF8 X=", b"\xc0\xaf", "\r\n"),
        ("EHLO bü", b"\xed\xa0\x80", ".example\r\n"),
    ] {
        let mut line = valid.as_bytes().to_vec();
        line.extend_from_slice(bad);
        line.extend_from_slice(rest.as_bytes());
        assert_eq!(
            err(&line),
            (valid.len(), ParseErrorKind::Invalid("utf-8")),
            "{line:?}"
        );
    }
}

/// A control character anywhere is reported as such, at its offset, also in an 8-bit line.
#[test]
fn control_characters() {
    assert_eq!(
        err(b"RCPT TO:<a@b>\x00 NOTIFY=FAILURE\r\n"),
        (13, ParseErrorKind::Invalid("control character"))
    );
    assert_eq!(
        err("RCPT TO:<jö\x01@b>\r\n".as_bytes()),
        (12, ParseErrorKind::Invalid("control character"))
    );
    assert_eq!(
        err(b"RCPT TO:<a@b>\r\r\n"),
        (13, ParseErrorKind::Invalid("control character"))
    );
}

/// A line is never consumed before its CRLF, and a bare LF is refused (RFC 5321 §2.3.8).
#[test]
fn partial_lines_and_bare_lf() {
    let config = CommandConfig::default();
    for line in [
        &b"RCPT TO:<bob@example.org> NOTIFY=FAILURE\r\n"[..],
        b"MAIL FROM:<> SIZE=1\r\n",
        b"EHLO a.example\r\n",
        b"QUIT\r\n",
    ] {
        for k in 0..line.len() {
            assert!(
                parse_command(&line[..k], &config).unwrap().is_incomplete(),
                "{line:?} cut at {k}"
            );
        }
        let mut bare = line[..line.len() - 2].to_vec();
        bare.push(b'\n');
        assert_eq!(err(&bare).1, ParseErrorKind::BareLf);
    }
}

/// The line limit counts the CRLF.
#[test]
fn line_limit() {
    let line = b"RCPT TO:<bob@example.org>\r\n";
    let mut config = CommandConfig::default();
    config.max_line_len = line.len();
    assert!(matches!(
        parse_command(line, &config),
        Ok(Status::Complete(_))
    ));
    config.max_line_len = line.len() - 1;
    assert_eq!(
        parse_command(line, &config).unwrap_err().kind,
        ParseErrorKind::LineTooLong {
            limit: line.len() - 1
        }
    );
}

/// Pipelined lines (RFC 2920) come one at a time, each with its own length.
#[test]
fn pipelined() {
    let input =
        b"MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nRCPT TO:<e@f.example>\r\nDATA\r\n";
    let config = CommandConfig::default();
    let mut pos = 0;
    let mut seen = Vec::new();
    while pos < input.len() {
        let Status::Complete((c, n)) = parse_command(&input[pos..], &config).unwrap() else {
            panic!()
        };
        seen.push(c.into_owned());
        pos += n;
    }
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[3], Command::Data);
}
