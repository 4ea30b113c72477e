//! Every example of RFC 1939 (the §10 session and each command's examples), RFC 2449, RFC 2595,
//! RFC 5034 §3 and §6 and RFC 6856 through the codec: exact bytes, round trips, and every
//! prefix of every item incomplete (input split at every byte).

mod common;

use std::collections::VecDeque;

use common::{Side, Transcript};
use mail_sasl::Mechanism;
use mail_sasl::framing::{self, ClientMessage};
use pop3_proto::parse::{
    BodyDecoder, BodyProgress, CommandConfig, MultiLine, ResponseConfig, Status, parse_command,
    parse_multiline, parse_response, parse_server_line,
};
use pop3_proto::types::{
    ApopDigest, AuthMechanism, BodyKind, Capability, CodeKind, Command, DropListing, ExpirePolicy,
    MessageNumber, Response, ResponseShape, ScanListing, ServerLine, UniqueIdListing,
};

/// What the walk found, in order.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Command(Command<'static>),
    SaslResponse(Vec<u8>),
    Response(Response<'static>),
    MultiLine(MultiLine<'static>),
    Body(Vec<u8>),
    Continuation(Vec<u8>),
}

/// Checks that every strict prefix of `bytes` is incomplete for `parse`.
fn prefixes_incomplete(
    bytes: &[u8],
    parse: impl Fn(&[u8]) -> Result<bool, pop3_proto::parse::ParseError>,
) {
    for k in 0..bytes.len() {
        match parse(&bytes[..k]) {
            Ok(true) => {}
            other => panic!(
                "prefix of {k} bytes of {:?}: {other:?}",
                String::from_utf8_lossy(bytes)
            ),
        }
    }
}

/// Decodes a body in one piece, byte by byte, and split at every position; all must agree.
fn decode_body(wire: &[u8]) -> (Vec<u8>, usize) {
    let config = ResponseConfig::default();
    let whole = |chunks: &[&[u8]]| {
        let mut d = BodyDecoder::new(&config);
        let mut out = Vec::new();
        let mut used = 0;
        for c in chunks {
            match d.decode(c, &mut out) {
                BodyProgress::Continue => used += c.len(),
                BodyProgress::End { consumed } => return (out, used + consumed),
            }
        }
        panic!("body did not end")
    };
    let one = whole(&[wire]);
    let bytes: Vec<&[u8]> = wire.chunks(1).collect();
    assert_eq!(whole(&bytes), one, "byte by byte");
    for k in 0..=wire.len() {
        assert_eq!(whole(&[&wire[..k], &wire[k..]]), one, "split at {k}");
    }
    one
}

/// Walks a transcript through the codec, checking exact bytes both ways.
fn walk(t: &Transcript) -> Vec<Item> {
    let cc = CommandConfig::default();
    let rc = ResponseConfig::default();
    let mut items = Vec::new();
    let mut pending: VecDeque<Option<Command<'static>>> = VecDeque::from([None]);
    let mut sasl = false;
    for (side, bytes) in &t.steps {
        let mut pos = 0;
        while pos < bytes.len() {
            let rest = &bytes[pos..];
            match side {
                Side::C if sasl => {
                    let n = rest.iter().position(|&b| b == b'\n').unwrap() + 1;
                    match framing::decode_response(&rest[..n]).unwrap() {
                        ClientMessage::Response(r) => {
                            items.push(Item::SaslResponse(r.as_bytes().to_vec()))
                        }
                        ClientMessage::Cancel => panic!("cancel"),
                    }
                    sasl = false;
                    pos += n;
                }
                Side::C => {
                    let Status::Complete((cmd, n)) = parse_command(rest, &cc).unwrap() else {
                        panic!("{}: incomplete command", t.name)
                    };
                    assert_eq!(cmd.to_bytes(), &rest[..n], "{}: command round trip", t.name);
                    prefixes_incomplete(&rest[..n], |b| {
                        parse_command(b, &cc).map(|s| s.is_incomplete())
                    });
                    let cmd = cmd.into_owned();
                    items.push(Item::Command(cmd.clone()));
                    pending.push_back(Some(cmd));
                    pos += n;
                }
                Side::S => {
                    let front = pending.front().cloned().expect("response without command");
                    let shape = front
                        .as_ref()
                        .map_or(ResponseShape::SingleLine, Command::response_shape);
                    match shape {
                        ResponseShape::SingleLine => {
                            let Status::Complete((r, n)) = parse_response(rest, &rc).unwrap()
                            else {
                                panic!("{}: incomplete response", t.name)
                            };
                            assert_eq!(r.to_bytes(), &rest[..n], "{}: round trip", t.name);
                            prefixes_incomplete(&rest[..n], |b| {
                                parse_response(b, &rc).map(|s| s.is_incomplete())
                            });
                            items.push(Item::Response(r.into_owned()));
                            pending.pop_front();
                            pos += n;
                        }
                        ResponseShape::MultiLine(BodyKind::Message) => {
                            let Status::Complete((r, n)) = parse_response(rest, &rc).unwrap()
                            else {
                                panic!("{}: incomplete response", t.name)
                            };
                            assert_eq!(r.to_bytes(), &rest[..n]);
                            let ok = r.is_ok();
                            items.push(Item::Response(r.into_owned()));
                            pos += n;
                            if ok {
                                let (data, used) = decode_body(&bytes[pos..]);
                                let mut again = common::stuff(&data);
                                again.extend_from_slice(b".\r\n");
                                assert_eq!(again, &bytes[pos..pos + used], "{}: body", t.name);
                                items.push(Item::Body(data));
                                pos += used;
                            }
                            pending.pop_front();
                        }
                        ResponseShape::MultiLine(_) => {
                            let Status::Complete((m, n)) = parse_multiline(rest, &rc).unwrap()
                            else {
                                panic!("{}: incomplete multi-line", t.name)
                            };
                            let mut again = Vec::new();
                            m.encode(&mut again).unwrap();
                            assert_eq!(again, &rest[..n], "{}: multi-line round trip", t.name);
                            prefixes_incomplete(&rest[..n], |b| {
                                parse_multiline(b, &rc).map(|s| s.is_incomplete())
                            });
                            items.push(Item::MultiLine(m.into_owned()));
                            pending.pop_front();
                            pos += n;
                        }
                        ResponseShape::Sasl => {
                            let Status::Complete((line, n)) = parse_server_line(rest, &rc).unwrap()
                            else {
                                panic!("{}: incomplete auth line", t.name)
                            };
                            let mut again = Vec::new();
                            line.encode(&mut again);
                            assert_eq!(again, &rest[..n], "{}: auth line round trip", t.name);
                            prefixes_incomplete(&rest[..n], |b| {
                                parse_server_line(b, &rc).map(|s| s.is_incomplete())
                            });
                            match line {
                                ServerLine::Continuation(c) => {
                                    items.push(Item::Continuation(c.decode().unwrap()));
                                    sasl = true;
                                }
                                ServerLine::Response(r) => {
                                    items.push(Item::Response(r.into_owned()));
                                    pending.pop_front();
                                }
                            }
                            pos += n;
                        }
                    }
                }
            }
        }
    }
    assert!(pending.is_empty(), "{}: unanswered commands", t.name);
    items
}

fn responses(items: &[Item]) -> Vec<&Response<'static>> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Response(r) => Some(r),
            Item::MultiLine(m) => Some(&m.response),
            _ => None,
        })
        .collect()
}

fn n(v: u32) -> MessageNumber {
    MessageNumber::new(v).unwrap()
}

#[test]
fn every_transcript_round_trips() {
    for t in common::all() {
        walk(&t);
    }
}

#[test]
fn rfc1939_session() {
    let t = common::rfc1939_session();
    let items = walk(&t);
    let commands: Vec<&Command> = items
        .iter()
        .filter_map(|i| match i {
            Item::Command(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(commands.len(), 8);
    let Command::Apop { name, digest } = commands[0] else {
        panic!()
    };
    assert_eq!(name.as_str(), "mrose");
    assert!(digest.verify(b"<1896.697170952@dbc.mtview.ca.us>", b"tanstaaf"));
    assert_eq!(commands[2], &Command::List(None));
    assert_eq!(commands[3], &Command::Retr(n(1)));
    assert_eq!(commands[4], &Command::Dele(n(1)));
    assert_eq!(commands[7], &Command::Quit);

    let r = responses(&items);
    assert_eq!(
        r[0].apop_timestamp(),
        Some(&b"<1896.697170952@dbc.mtview.ca.us>"[..])
    );
    assert_eq!(
        DropListing::from_response(r[2]).unwrap(),
        DropListing {
            count: 2,
            size: 320
        }
    );
    let list = items
        .iter()
        .find_map(|i| match i {
            Item::MultiLine(m) => Some(m),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        list.scan_listings().unwrap(),
        [
            ScanListing {
                msg: n(1),
                size: 120
            },
            ScanListing {
                msg: n(2),
                size: 200
            }
        ]
    );
    let bodies: Vec<&Vec<u8>> = items
        .iter()
        .filter_map(|i| match i {
            Item::Body(b) => Some(b),
            _ => None,
        })
        .collect();
    assert_eq!(bodies, [&common::message(1), &common::message(2)]);
    assert_eq!(
        r.last().unwrap().text(),
        b"dewey POP3 server signing off (maildrop empty)"
    );
}

#[test]
fn rfc1939_apop_digest() {
    // RFC 1939 §7: "<1896.697170952@dbc.mtview.ca.us>tanstaaf" gives this digest.
    let d = ApopDigest::compute(b"<1896.697170952@dbc.mtview.ca.us>", b"tanstaaf");
    assert_eq!(d.to_hex(), "c4c9334bac560ecc979e58001b3e22fb");
    assert_eq!(
        ApopDigest::from_hex(b"C4C9334BAC560ECC979E58001B3E22FB").unwrap(),
        d
    );
    assert!(!d.verify(b"<1896.697170952@dbc.mtview.ca.us>", b"tanstaaF"));
    assert!(!format!("{d:?}").contains("c4c9"));
}

#[test]
fn rfc1939_commands() {
    let ts = common::rfc1939_commands();
    let find = |name: &str| {
        let t = ts.iter().find(|t| t.name == name);
        walk(
            t.or_else(|| ts.iter().find(|t| t.name.starts_with(name)))
                .unwrap(),
        )
    };

    let list = find("RFC 1939 §5 LIST");
    let r = responses(&list);
    assert_eq!(
        ScanListing::from_response(r[4]).unwrap(),
        ScanListing {
            msg: n(2),
            size: 200
        }
    );
    assert!(!r[5].is_ok());
    assert_eq!(r[5].text(), b"no such message, only 2 messages in maildrop");

    let retr = find("RFC 1939 §5 RETR");
    assert!(retr.contains(&Item::Body(common::message(1))));

    let top = find("RFC 1939 §7 TOP");
    assert!(top.contains(&Item::Command(Command::Top {
        msg: n(1),
        lines: 10
    })));
    assert!(top.contains(&Item::Body(common::top(1, 10))));
    assert!(top.contains(&Item::Command(Command::Top {
        msg: n(100),
        lines: 3
    })));

    let uidl = find("RFC 1939 §7 UIDL");
    let m = uidl
        .iter()
        .find_map(|i| match i {
            Item::MultiLine(m) => Some(m),
            _ => None,
        })
        .unwrap();
    let ids = m.unique_ids().unwrap();
    assert_eq!(ids[0].uid.as_str(), "whqtswO00WBw418f9t5JxYwZ");
    assert_eq!(ids[1].uid.as_str(), "QhdPYR:00WBw1Ph7x7");
    let r = responses(&uidl);
    let single = UniqueIdListing::from_response(r[4]).unwrap();
    assert_eq!(
        (single.msg, single.uid.as_str()),
        (n(2), "QhdPYR:00WBw1Ph7x7")
    );

    let dele = find("RFC 1939 §5 DELE");
    assert_eq!(
        responses(&dele).last().unwrap().text(),
        b"message 2 already deleted"
    );

    let user = find("RFC 1939 §7 USER");
    let r = responses(&user);
    assert!(!r[1].is_ok() && r[2].is_ok());

    let pass = find("RFC 1939 §7 PASS (maildrop locked)");
    let Item::Command(Command::Pass(p)) = &pass[3] else {
        panic!("{pass:?}")
    };
    assert_eq!(p.expose(), "secret");
    assert!(!format!("{pass:?}").contains("secret"));

    let apop = find("RFC 1939 §7 APOP");
    assert_eq!(
        responses(&apop)[1].text(),
        b"maildrop has 1 message (369 octets)"
    );

    for name in [
        "RFC 1939 §4",
        "RFC 1939 §5 STAT",
        "RFC 1939 §5 NOOP",
        "RFC 1939 §5 RSET",
        "RFC 1939 §6 QUIT (maildrop empty)",
        "RFC 1939 §6 QUIT (2 messages left)",
        "RFC 1939 §7 PASS",
    ] {
        assert!(responses(&find(name)).iter().all(|r| r.is_ok()), "{name}");
    }
}

#[test]
fn rfc2449_capa() {
    let items = walk(&common::rfc2449()[0]);
    let Item::MultiLine(m) = &items[2] else {
        panic!()
    };
    let caps = m.capabilities(&ResponseConfig::default());
    let list: Vec<&Capability> = caps.iter().collect();
    assert_eq!(
        list,
        [
            &Capability::Top,
            &Capability::User,
            &Capability::Sasl(vec![
                AuthMechanism::Known(Mechanism::CramMd5),
                AuthMechanism::Other("KERBEROS_V4".into())
            ]),
            &Capability::RespCodes,
            &Capability::LoginDelay {
                seconds: 900,
                per_user: false
            },
            &Capability::Pipelining,
            &Capability::Expire {
                policy: ExpirePolicy::Days(60),
                per_user: false
            },
            &Capability::Uidl,
            &Capability::Implementation("Shlemazle-Plotz-v302".into()),
        ]
    );
    assert!(caps.pipelining() && caps.resp_codes());
}

#[test]
fn rfc2449_in_use_and_expire() {
    let items = walk(&common::rfc2449()[1]);
    let r = responses(&items);
    let code = r[1].code().unwrap();
    assert_eq!((code.kind(), code.as_str()), (CodeKind::InUse, "IN-USE"));
    assert_eq!(r[1].text(), b"Do you have another POP session running?");

    let items = walk(&common::rfc2449()[2]);
    let Item::MultiLine(m) = &items[2] else {
        panic!()
    };
    let caps: Vec<Capability> = m
        .capabilities(&ResponseConfig::default())
        .iter()
        .cloned()
        .collect();
    assert_eq!(
        caps,
        [
            Capability::Expire {
                policy: ExpirePolicy::Days(5),
                per_user: true
            },
            Capability::Expire {
                policy: ExpirePolicy::Days(30),
                per_user: false
            },
            Capability::Expire {
                policy: ExpirePolicy::Never,
                per_user: false
            },
            Capability::Expire {
                policy: ExpirePolicy::Days(0),
                per_user: false
            },
            Capability::LoginDelay {
                seconds: 900,
                per_user: true
            },
        ]
    );
}

#[test]
fn rfc2595_stls() {
    let items = walk(&common::rfc2595());
    assert!(items.contains(&Item::Command(Command::Stls)));
    let r = responses(&items);
    assert_eq!(r[2].text(), b"Begin TLS negotiation");
    assert!(!r[3].is_ok());
    let Item::MultiLine(m) = &items[2] else {
        panic!()
    };
    assert!(m.capabilities(&ResponseConfig::default()).stls());
}

#[test]
fn rfc5034_examples() {
    let ts = common::rfc5034();
    let items = walk(&ts[0]);
    let Item::MultiLine(m) = &items[2] else {
        panic!()
    };
    let caps = m.capabilities(&ResponseConfig::default());
    assert_eq!(
        caps.sasl_mechanisms(),
        [
            AuthMechanism::Known(Mechanism::Plain),
            AuthMechanism::Other("DIGEST-MD5".into()),
            AuthMechanism::Other("GSSAPI".into()),
            AuthMechanism::Other("ANONYMOUS".into()),
        ]
    );
    assert_eq!(caps.implementation(), Some("BlurdyBlurp POP3 server"));

    // AUTH PLAIN with an initial response: "test\0test\0test".
    let items = walk(&ts[1]);
    let ir = items
        .iter()
        .find_map(|i| match i {
            Item::Command(Command::Auth {
                mechanism,
                initial_response: Some(ir),
            }) => Some((mechanism.clone(), ir.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(ir.0.known(), Some(Mechanism::Plain));
    assert_eq!(ir.1.decode().unwrap().as_bytes(), b"test\0test\0test");
    assert!(!format!("{items:?}").contains("dGVzdAB0ZXN0AHRlc3Q"));

    // Without: the empty challenge "+ ", then the response.
    let items = walk(&ts[2]);
    assert!(items.contains(&Item::Continuation(Vec::new())));
    assert!(items.contains(&Item::SaslResponse(b"test\0test\0test".to_vec())));

    // DIGEST-MD5: two challenges, the second answered with an empty line.
    let items = walk(&ts[3]);
    let challenges: Vec<&Vec<u8>> = items
        .iter()
        .filter_map(|i| match i {
            Item::Continuation(c) => Some(c),
            _ => None,
        })
        .collect();
    assert!(challenges[0].starts_with(b"realm=\"elwood.innosoft.com\""));
    assert!(challenges[1].starts_with(b"rspauth="));
    assert!(items.contains(&Item::SaslResponse(Vec::new())));
    assert_eq!(
        responses(&items).last().unwrap().text(),
        b"Maildrop locked and ready"
    );
}

#[test]
fn rfc6856_lang() {
    let items = walk(&common::rfc6856());
    let langs = items
        .iter()
        .find_map(|i| match i {
            Item::MultiLine(m) if m.response.text() == b"Language listing follows:" => {
                Some(m.languages().unwrap())
            }
            _ => None,
        })
        .unwrap();
    let tags: Vec<(&str, Option<&str>)> =
        langs.iter().map(|l| (l.tag(), l.description())).collect();
    assert_eq!(
        tags,
        [
            ("en", Some("English")),
            ("en-boont", Some("English Boontling dialect")),
            ("de", Some("Deutsch")),
            ("it", Some("Italiano")),
            ("es", Some("Espanol")),
            ("sv", Some("Svenska")),
        ]
    );
    let commands: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Command(Command::Lang(r)) => {
                Some(r.as_ref().map_or("", |r| r.as_str()).to_owned())
            }
            _ => None,
        })
        .collect();
    assert_eq!(commands, ["MUL", "", "", "es", "uga", "sv", "*"]);
    let r = responses(&items);
    assert_eq!(r.last().unwrap().text(), b"es Idioma cambiado");
    assert_eq!(r[r.len() - 2].text(), b"sv Kommandot \"LANG\" lyckades");
}

#[test]
fn rfc3206_and_6856_codes() {
    let c = ResponseConfig::default();
    for (line, kind) in [
        (
            &b"-ERR [SYS/TEMP] Try again later\r\n"[..],
            CodeKind::SysTemp,
        ),
        (
            b"-ERR [SYS/PERM] Contact your administrator\r\n",
            CodeKind::SysPerm,
        ),
        (
            b"-ERR [SYS/TEMP/DISK-FULL] disk full\r\n",
            CodeKind::SysTemp,
        ),
        (b"-ERR [sys] odd\r\n", CodeKind::Sys),
        (b"-ERR [AUTH] Invalid password\r\n", CodeKind::Auth),
        (
            b"-ERR [UTF8] Message requires UTF-8 mode\r\n",
            CodeKind::Utf8,
        ),
        (
            b"-ERR [LOGIN-DELAY] wait 900 seconds\r\n",
            CodeKind::LoginDelay,
        ),
        (b"-ERR [X-VENDOR/A/B] something\r\n", CodeKind::Unknown),
    ] {
        let Status::Complete((r, used)) = parse_response(line, &c).unwrap() else {
            panic!()
        };
        assert_eq!(used, line.len());
        assert_eq!(r.code().unwrap().kind(), kind, "{line:?}");
        assert_eq!(r.to_bytes(), line);
    }
    let Status::Complete((r, _)) = parse_response(b"-ERR [X-VENDOR/A/B] x\r\n", &c).unwrap() else {
        panic!()
    };
    let levels: Vec<&str> = r.code().unwrap().levels().collect();
    assert_eq!(levels, ["X-VENDOR", "A", "B"]);
}
