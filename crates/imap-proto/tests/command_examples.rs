//! Every client command example of RFC 3501 §6 and RFC 9051 §6, and commands of the extension
//! RFCs, as exact bytes: each parses to the expected value, encodes back to the same bytes
//! (where the example's spelling is the canonical one), parses incrementally (every prefix is
//! incomplete, never an error) and frames the same when fed to the [`Framer`] one byte at a
//! time.
//!
//! The extension commands here were written before the extension RFCs' texts were at hand:
//! many are the RFCs' examples as quoted by public test suites, some are adapted (tags,
//! values) or representative lines, as their comments say. The examples of the extension RFCs
//! verbatim from the RFC texts, with what differs, are in `tests/rfc_examples_*.rs`; the
//! errata's corrections in `tests/rfc_errata.rs`.

use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::encode::{
    Encode, EncodeOptions, Encoder, LiteralPolicy, encode_authenticate_data, encode_idle_done,
};
use imap_proto::parse::{
    Framer, ParseConfig, ParseErrorKind, Status, parse_authenticate_data, parse_command,
    parse_idle_done,
};
use imap_proto::types::*;
use mail_sasl::Response;
use mail_sasl::framing::ClientMessage;

// ---- helpers ---------------------------------------------------------------------------------

fn tag(s: &'static str) -> Tag<'static> {
    Tag::new(s).unwrap()
}

fn mb(s: &'static str) -> Mailbox<'static> {
    Mailbox::from_bytes(s.as_bytes()).unwrap()
}

fn quoted(s: &'static str) -> Quoted<'static> {
    Quoted::new(s.as_bytes()).unwrap()
}

fn mbq(s: &'static str) -> Mailbox<'static> {
    Mailbox::new(AString::String(IString::Quoted(quoted(s))))
}

fn atom(s: &'static str) -> Atom<'static> {
    Atom::new(s).unwrap()
}

fn astr(s: &'static str) -> AString<'static> {
    AString::Atom(AtomExt::new(s).unwrap())
}

fn astrq(s: &'static str) -> AString<'static> {
    AString::String(IString::Quoted(quoted(s)))
}

fn seq(s: &'static str) -> SequenceSet<'static> {
    SequenceSet::new(s).unwrap()
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

fn pat(s: &'static str) -> ListMailbox<'static> {
    ListMailbox::token(s).unwrap()
}

fn patq(s: &'static str) -> ListMailbox<'static> {
    ListMailbox::string(IString::Quoted(quoted(s)))
}

fn v1<T>(v: Vec<T>) -> Vec1<T> {
    Vec1::new(v).unwrap()
}

fn cmd(t: &'static str, body: CommandBody<'static>) -> Command<'static> {
    Command::new(tag(t), body)
}

fn search(keys: Vec<SearchKey<'static>>) -> CommandBody<'static> {
    CommandBody::Search {
        uid: false,
        return_options: None,
        charset: None,
        criteria: v1(keys),
    }
}

fn search_ret(
    ret: Vec<SearchReturnOption<'static>>,
    keys: Vec<SearchKey<'static>>,
) -> CommandBody<'static> {
    CommandBody::Search {
        uid: false,
        return_options: Some(ret),
        charset: None,
        criteria: v1(keys),
    }
}

fn list(reference: Mailbox<'static>, pattern: ListMailbox<'static>) -> CommandBody<'static> {
    CommandBody::List {
        selection: None,
        reference,
        patterns: Vec1::one(pattern),
        return_options: None,
    }
}

fn lit(data: &'static [u8]) -> Literal<'static> {
    Literal::new(data).unwrap()
}

fn not(k: SearchKey<'static>) -> SearchKey<'static> {
    !k
}

/// Parses `input` (also byte by byte, and through the framer one byte at a time), compares
/// with `expected`, and when `exact` checks that encoding gives `input` back; otherwise that
/// the encoding parses to the same value.
fn check(input: &[u8], expected: &Command<'_>, exact: bool) {
    let config = ParseConfig::default();
    match parse_command(input, &config) {
        Ok(Status::Complete((c, used))) => {
            assert_eq!(&c, expected, "{}", input.escape_ascii());
            assert_eq!(used, input.len());
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
    for i in 0..input.len() {
        match parse_command(&input[..i], &config) {
            Ok(Status::Incomplete(_)) => {}
            other => panic!("prefix {i} of {}: {other:?}", input.escape_ascii()),
        }
    }
    let mut framer = Framer::new(&config);
    for i in 1..=input.len() {
        match framer.next_frame(&input[..i]) {
            Ok(Status::Incomplete(_)) if i < input.len() => {}
            Ok(Status::Complete(f)) if i == input.len() => assert_eq!(f.len, input.len()),
            other => panic!("framer at {i} of {}: {other:?}", input.escape_ascii()),
        }
    }
    let encoded = expected.to_bytes();
    if exact {
        assert_eq!(
            encoded.escape_ascii().to_string(),
            input.escape_ascii().to_string()
        );
    } else {
        match parse_command(&encoded, &config) {
            Ok(Status::Complete((c, used))) => {
                assert_eq!(&c, expected);
                assert_eq!(used, encoded.len());
            }
            other => panic!("re-parse of {}: {other:?}", encoded.escape_ascii()),
        }
    }
}

/// Each command fails to parse with `config`, with the given error kind.
fn refused(config: &ParseConfig, cases: &[(&[u8], ParseErrorKind)]) {
    for (bad, kind) in cases {
        match parse_command(bad, config) {
            Err(e) => assert_eq!(&e.kind, kind, "{}", bad.escape_ascii()),
            other => panic!("{}: {other:?}", bad.escape_ascii()),
        }
    }
}

fn ex(input: &str, expected: Command<'static>) {
    check(input.as_bytes(), &expected, true);
}

fn ex_spelled(input: &str, expected: Command<'static>) {
    check(input.as_bytes(), &expected, false);
}

const APPEND_3501: &str = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@Blurdybloop.COM>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@owatagu.siam.edu\r\n\
Message-Id: <B27397-0100000@Blurdybloop.COM>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

const APPEND_9051: &str = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@Blurdybloop.example>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@owatagu.siam.edu.example\r\n\
Message-Id: <B27397-0100000@Blurdybloop.example>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

const APPEND_9051_PLUS: &str = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@example.com>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@example.com\r\n\
Message-Id: <B27397-0100000@example.com>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

// ---- RFC 3501 §6.1 / RFC 9051 §6.1: any state ---------------------------------------------------

#[test]
fn any_state() {
    use CommandBody as B;
    ex("abcd CAPABILITY\r\n", cmd("abcd", B::Capability));
    ex("a002 NOOP\r\n", cmd("a002", B::Noop));
    ex("a047 NOOP\r\n", cmd("a047", B::Noop));
    ex("A023 LOGOUT\r\n", cmd("A023", B::Logout));
    ex("a441 CAPABILITY\r\n", cmd("a441", B::Capability));
}

// ---- §6.2: not authenticated ---------------------------------------------------------------

#[test]
fn not_authenticated() {
    use CommandBody as B;
    ex("a001 CAPABILITY\r\n", cmd("a001", B::Capability));
    ex("a002 STARTTLS\r\n", cmd("a002", B::StartTls));
    ex("a003 CAPABILITY\r\n", cmd("a003", B::Capability));
    ex(
        "a004 LOGIN joe password\r\n",
        cmd(
            "a004",
            B::Login {
                username: astr("joe"),
                password: Password(astr("password")),
            },
        ),
    );
    ex(
        "a001 LOGIN SMITH SESAME\r\n",
        cmd(
            "a001",
            B::Login {
                username: astr("SMITH"),
                password: Password(astr("SESAME")),
            },
        ),
    );
    ex(
        "A001 AUTHENTICATE GSSAPI\r\n",
        cmd(
            "A001",
            B::Authenticate {
                mechanism: atom("GSSAPI"),
                initial_response: None,
            },
        ),
    );
    // RFC 9051 §6.2.1, §6.2.2 and RFC 4959 §3: SASL-IR.
    for t in ["a004", "A03"] {
        ex(
            &format!("{t} AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n"),
            cmd(
                Box::leak(t.to_string().into_boxed_str()),
                B::Authenticate {
                    mechanism: atom("PLAIN"),
                    initial_response: Some(Response::new(b"test\0test\0test".to_vec())),
                },
            ),
        );
    }
    ex(
        "A01 AUTHENTICATE PLAIN\r\n",
        cmd(
            "A01",
            B::Authenticate {
                mechanism: atom("PLAIN"),
                initial_response: None,
            },
        ),
    );
    ex(
        "A01 AUTHENTICATE EXTERNAL =\r\n",
        cmd(
            "A01",
            B::Authenticate {
                mechanism: atom("EXTERNAL"),
                initial_response: Some(Response::empty()),
            },
        ),
    );
    ex("A01 STARTTLS\r\n", cmd("A01", B::StartTls));
    ex("A02 CAPABILITY\r\n", cmd("A02", B::Capability));
    ex("C01 CAPABILITY\r\n", cmd("C01", B::Capability));
}

/// RFC 9051 §6.2.2 and RFC 3501 §6.2.2: the continuation lines of AUTHENTICATE.
#[test]
fn authenticate_data_lines() {
    let config = ParseConfig::default();
    // RFC 3501 §6.2.2 / RFC 9051 §6.2.2 GSSAPI: the client's first line (joined; the RFC
    // breaks it for editorial clarity).
    const GSSAPI: &[u8] = b"YIIB+wYJKoZIhvcSAQICAQBuggHqMIIB5qADAgEFoQMCAQ6iBwMFACAAAACjggEmYYIBIjCCAR6gAwIBBaESGxB1Lndhc2hpbmd0b24uZWR1oi0wK6ADAgEDoSQwIhsEaW1hcBsac2hpdmFtcy5jYWMud2FzaGluZ3Rvbi5lZHWjgdMwgdCgAwIBAaEDAgEDooHDBIHAcS1GSa5b+fXnPZNmXB9SjL8Ollj2SKyb+3S0iXMljen/jNkpJXAleKTz6BQPzj8duz8EtoOuNfKgweViyn/9B9bccy1uuAE2HI0yC/PHXNNU9ZrBziJ8Lm0tTNc98kUpjXnHZhsMcz5Mx2GR6dGknbI0iaGcRerMUsWOuBmKKKRmVMMdR9T3EZdpqsBd7jZCNMWotjhivd5zovQlFqQ2Wjc2+y46vKP/iXxWIuQJuDiisyXF0Y8+5GTpALpHDc1/pIGmMIGjoAMCAQGigZsEgZg2on5mSuxoDHEA1w9bcW9nFdFxDKpdrQhVGVRDIzcCMCTzvUboqb5KjY1NJKJsfjRQiBYBdENKfzK+g5DlV8nrw81uOcP8NOQCLR5XkoMHC0Dr/80ziQzbNqhxO6652Npft0LQwJvenwDI13YxpwOdMXzkWZN/XrEqOWp6GCgXTBvCyLWLlWnbaUkZdEYbKHBPjd8t/1x5Yg==";
    let mut gssapi_line = GSSAPI.to_vec();
    gssapi_line.extend_from_slice(b"\r\n");
    let lines: [(&[u8], ClientMessage); 5] = [
        (
            &gssapi_line,
            ClientMessage::Response(Response::new(
                mail_sasl::framing::decode_challenge(GSSAPI).unwrap(),
            )),
        ),
        (
            b"dGVzdAB0ZXN0AHRlc3Q=\r\n",
            ClientMessage::Response(Response::new(b"test\0test\0test".to_vec())),
        ),
        (b"\r\n", ClientMessage::Response(Response::empty())),
        (b"*\r\n", ClientMessage::Cancel),
        (
            b"YDMGCSqGSIb3EgECAgIBAAD/////3LQBHXTpFfZgrejpLlLImPwkhbfa2QteAQAgAG1yYwE=\r\n",
            ClientMessage::Response(Response::new(
                mail_sasl::framing::decode_challenge(
                    b"YDMGCSqGSIb3EgECAgIBAAD/////3LQBHXTpFfZgrejpLlLImPwkhbfa2QteAQAgAG1yYwE=",
                )
                .unwrap(),
            )),
        ),
    ];
    for (input, expected) in lines {
        assert_eq!(
            parse_authenticate_data(input, &config),
            Ok(Status::Complete((expected.clone(), input.len())))
        );
        for i in 0..input.len() {
            assert!(
                parse_authenticate_data(&input[..i], &config)
                    .unwrap()
                    .is_incomplete()
            );
        }
        let mut e = Encoder::new();
        encode_authenticate_data(&expected, &mut e);
        assert_eq!(e.as_bytes(), input);
    }
    let err = parse_authenticate_data(b"dGVz!\r\n", &config).unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::Invalid("base64"));
}

// ---- §6.3: authenticated -----------------------------------------------------------------------

#[test]
fn enable_select_examine() {
    use CommandBody as B;
    // RFC 9051 §6.3.1, RFC 5161 §3.1.
    ex(
        "t2 ENABLE CONDSTORE X-GOOD-IDEA\r\n",
        cmd(
            "t2",
            B::Enable {
                capabilities: v1(vec![
                    Capability::CondStore,
                    Capability::from_atom(atom("X-GOOD-IDEA")),
                ]),
            },
        ),
    );
    ex(
        "a1 ENABLE CONDSTORE\r\n",
        cmd(
            "a1",
            B::Enable {
                capabilities: v1(vec![Capability::CondStore]),
            },
        ),
    );
    ex("t1 CAPABILITY\r\n", cmd("t1", B::Capability));
    ex(
        "A142 SELECT INBOX\r\n",
        cmd(
            "A142",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![],
            },
        ),
    );
    ex(
        "A143 SELECT Drafts\r\n",
        cmd(
            "A143",
            B::Select {
                mailbox: mb("Drafts"),
                parameters: vec![],
            },
        ),
    );
    ex(
        "A932 EXAMINE blurdybloop\r\n",
        cmd(
            "A932",
            B::Examine {
                mailbox: mb("blurdybloop"),
                parameters: vec![],
            },
        ),
    );
    // RFC 7162 §3.1.8, §3.2.5.
    ex(
        "a103 SELECT INBOX (CONDSTORE)\r\n",
        cmd(
            "a103",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::CondStore],
            },
        ),
    );
    ex(
        "A03 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n",
        cmd(
            "A03",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::QResync(QResyncParameters {
                    uid_validity: NonZeroU32::new(67890007).unwrap(),
                    mod_seq: 20050715194045000,
                    known_uids: Some(seq("41,43:211,214:541")),
                    seq_match: None,
                })],
            },
        ),
    );
    ex(
        "B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541))\r\n",
        cmd(
            "B04",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::QResync(QResyncParameters {
                    uid_validity: NonZeroU32::new(67890007).unwrap(),
                    mod_seq: 90060115194045000,
                    known_uids: Some(seq("41:211,214:541")),
                    seq_match: None,
                })],
            },
        ),
    );
    ex(
        "A02 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))\r\n",
        cmd(
            "A02",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::QResync(QResyncParameters {
                    uid_validity: NonZeroU32::new(67890007).unwrap(),
                    mod_seq: 90060115194045000,
                    known_uids: Some(seq("1:29997")),
                    seq_match: Some((
                        seq("5000,7500,9000,9990:9999"),
                        seq(
                            "15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997",
                        ),
                    )),
                })],
            },
        ),
    );
    ex(
        "A142 SELECT INBOX (QRESYNC (3857529045 20010715194032001 1:198))\r\n",
        cmd(
            "A142",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::QResync(QResyncParameters {
                    uid_validity: NonZeroU32::new(3857529045).unwrap(),
                    mod_seq: 20010715194032001,
                    known_uids: Some(seq("1:198")),
                    seq_match: None,
                })],
            },
        ),
    );
    ex(
        "A002 SELECT INBOX (QRESYNC (1234567890 1000))\r\n",
        cmd(
            "A002",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::QResync(QResyncParameters {
                    uid_validity: NonZeroU32::new(1234567890).unwrap(),
                    mod_seq: 1000,
                    known_uids: None,
                    seq_match: None,
                })],
            },
        ),
    );
    ex(
        "A001 SELECT INBOX\r\n",
        cmd(
            "A001",
            B::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![],
            },
        ),
    );
    ex(
        "A007 SELECT funny\r\n",
        cmd(
            "A007",
            B::Select {
                mailbox: mb("funny"),
                parameters: vec![],
            },
        ),
    );
}

#[test]
fn create_delete_rename_subscribe() {
    use CommandBody as B;
    let create = |m| B::Create {
        mailbox: m,
        parameters: vec![],
    };
    ex(
        "A003 CREATE owatagusiam/\r\n",
        cmd("A003", create(mb("owatagusiam/"))),
    );
    ex(
        "A004 CREATE owatagusiam/blurdybloop\r\n",
        cmd("A004", create(mb("owatagusiam/blurdybloop"))),
    );
    ex(
        "A005 CREATE NonNormalized\r\n",
        cmd("A005", create(mb("NonNormalized"))),
    );
    ex(
        "A002 CREATE \"INBOX.Sent Mail\"\r\n",
        cmd("A002", create(mbq("INBOX.Sent Mail"))),
    );
    ex(
        "A004 CREATE \"Sent Mail\"\r\n",
        cmd("A004", create(mbq("Sent Mail"))),
    );
    ex(
        "A005 CREATE \"Delete Items\"\r\n",
        cmd("A005", create(mbq("Delete Items"))),
    );
    ex(
        "A006 CREATE \"#mh/Deleted Items\"\r\n",
        cmd("A006", create(mbq("#mh/Deleted Items"))),
    );
    // RFC 6154 §5.3.
    ex(
        "t1 CREATE \"Important Messages\" (USE (\\Flagged))\r\n",
        cmd(
            "t1",
            B::Create {
                mailbox: mbq("Important Messages"),
                parameters: vec![CreateParameter::Use(vec![MailboxAttribute::Flagged])],
            },
        ),
    );
    ex(
        "A01 CREATE \"Archive\" (USE (\\Archive))\r\n",
        cmd(
            "A01",
            B::Create {
                mailbox: mbq("Archive"),
                parameters: vec![CreateParameter::Use(vec![MailboxAttribute::Archive])],
            },
        ),
    );
    ex(
        "A1 CREATE MySpecial (USE (\\Drafts \\Sent))\r\n",
        cmd(
            "A1",
            B::Create {
                mailbox: mb("MySpecial"),
                parameters: vec![CreateParameter::Use(vec![
                    MailboxAttribute::Drafts,
                    MailboxAttribute::Sent,
                ])],
            },
        ),
    );
    for (t, m) in [
        ("A683", "blurdybloop"),
        ("A684", "foo"),
        ("A685", "foo/bar"),
        ("A687", "foo"),
        ("A83", "blurdybloop"),
        ("A84", "foo"),
    ] {
        ex(
            &format!("{t} DELETE {m}\r\n"),
            Command::new(
                Tag::new(t.to_string()).unwrap(),
                B::Delete {
                    mailbox: Mailbox::from_bytes(m.as_bytes().to_vec()).unwrap(),
                },
            ),
        );
    }
    for (t, a, b) in [
        ("A683", "blurdybloop", "sarasoop"),
        ("A684", "foo", "zowie"),
        ("Z433", "INBOX", "old-mail"),
        ("1001", "X", "Y"),
    ] {
        ex(
            &format!("{t} RENAME {a} {b}\r\n"),
            Command::new(
                Tag::new(t.to_string()).unwrap(),
                B::Rename {
                    from: Mailbox::from_bytes(a.as_bytes().to_vec()).unwrap(),
                    to: Mailbox::from_bytes(b.as_bytes().to_vec()).unwrap(),
                    parameters: vec![],
                },
            ),
        );
    }
    ex(
        "A002 SUBSCRIBE #news.comp.mail.mime\r\n",
        cmd(
            "A002",
            B::Subscribe {
                mailbox: mb("#news.comp.mail.mime"),
            },
        ),
    );
    ex(
        "1002 SUBSCRIBE Y\r\n",
        cmd("1002", B::Subscribe { mailbox: mb("Y") }),
    );
    ex(
        "A002 UNSUBSCRIBE #news.comp.mail.mime\r\n",
        cmd(
            "A002",
            B::Unsubscribe {
                mailbox: mb("#news.comp.mail.mime"),
            },
        ),
    );
    ex(
        "1003 UNSUBSCRIBE X\r\n",
        cmd("1003", B::Unsubscribe { mailbox: mb("X") }),
    );
}

#[test]
fn list_lsub() {
    use CommandBody as B;
    for t in ["A682", "A686", "A82", "A85", "A685", "Z432", "Z434"] {
        ex(
            &format!("{t} LIST \"\" *\r\n"),
            Command::new(Tag::new(t.to_string()).unwrap(), list(mbq(""), pat("*"))),
        );
    }
    ex("A86 LIST \"\" %\r\n", cmd("A86", list(mbq(""), pat("%"))));
    ex(
        "A101 LIST \"\" \"\"\r\n",
        cmd("A101", list(mbq(""), patq(""))),
    );
    ex(
        "A102 LIST #news.comp.mail.misc \"\"\r\n",
        cmd("A102", list(mb("#news.comp.mail.misc"), patq(""))),
    );
    ex(
        "A103 LIST /usr/staff/jones \"\"\r\n",
        cmd("A103", list(mb("/usr/staff/jones"), patq(""))),
    );
    ex(
        "A202 LIST ~/Mail/ %\r\n",
        cmd("A202", list(mb("~/Mail/"), pat("%"))),
    );
    ex(
        "A01 LIST \"\" \"*\"\r\n",
        cmd("A01", list(mbq(""), patq("*"))),
    );
    ex(
        "C01 LIST \"\" \"*\"\r\n",
        cmd("C01", list(mbq(""), patq("*"))),
    );
    ex(
        "D01 LIST \"\" \"*\"\r\n",
        cmd("D01", list(mbq(""), patq("*"))),
    );
    ex(
        "A002 LIST \"\" \"Other Users/%\"\r\n",
        cmd("A002", list(mbq(""), patq("Other Users/%"))),
    );
    ex(
        "A002 LIST \"\" \"#Users/%\"\r\n",
        cmd("A002", list(mbq(""), patq("#Users/%"))),
    );
    ex(
        "A003 LIST \"\" \"#Users/Mike/%\"\r\n",
        cmd("A003", list(mbq(""), patq("#Users/Mike/%"))),
    );
    ex(
        "A002 LIST \"\" \"~mark/%\"\r\n",
        cmd("A002", list(mbq(""), patq("~mark/%"))),
    );
    // RFC 9051 §6.3.9.8 and RFC 5258 §5 (extended).
    let ext = |sel: Option<Vec<ListSelectOption<'static>>>,
               p: Vec<ListMailbox<'static>>,
               ret: Option<Vec<ListReturnOption>>| B::List {
        selection: sel,
        reference: mbq(""),
        patterns: v1(p),
        return_options: ret,
    };
    use ListReturnOption as R;
    use ListSelectOption as S;
    ex(
        "A02 LIST (SUBSCRIBED) \"\" \"*\"\r\n",
        cmd("A02", ext(Some(vec![S::Subscribed]), vec![patq("*")], None)),
    );
    ex(
        "A03 LIST () \"\" \"%\" RETURN (CHILDREN)\r\n",
        cmd(
            "A03",
            ext(Some(vec![]), vec![patq("%")], Some(vec![R::Children])),
        ),
    );
    ex(
        "A04 LIST (REMOTE) \"\" \"%\" RETURN (CHILDREN)\r\n",
        cmd(
            "A04",
            ext(
                Some(vec![S::Remote]),
                vec![patq("%")],
                Some(vec![R::Children]),
            ),
        ),
    );
    ex(
        "A05 LIST (REMOTE SUBSCRIBED) \"\" \"*\"\r\n",
        cmd(
            "A05",
            ext(Some(vec![S::Remote, S::Subscribed]), vec![patq("*")], None),
        ),
    );
    ex(
        "A06 LIST (REMOTE) \"\" \"*\" RETURN (SUBSCRIBED)\r\n",
        cmd(
            "A06",
            ext(
                Some(vec![S::Remote]),
                vec![patq("*")],
                Some(vec![R::Subscribed]),
            ),
        ),
    );
    ex(
        "CA3 LIST \"\" \"%\" RETURN (CHILDREN)\r\n",
        cmd("CA3", ext(None, vec![patq("%")], Some(vec![R::Children]))),
    );
    ex(
        "C02 LIST (SUBSCRIBED) \"\" \"*\"\r\n",
        cmd("C02", ext(Some(vec![S::Subscribed]), vec![patq("*")], None)),
    );
    ex(
        "C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"\r\n",
        cmd(
            "C04",
            ext(
                Some(vec![S::Subscribed, S::RecursiveMatch]),
                vec![patq("%")],
                None,
            ),
        ),
    );
    ex(
        "C04 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\" RETURN (CHILDREN)\r\n",
        cmd(
            "C04",
            ext(
                Some(vec![S::Subscribed, S::RecursiveMatch]),
                vec![patq("%")],
                Some(vec![R::Children]),
            ),
        ),
    );
    ex(
        "D02 LIST (SUBSCRIBED) \"\" \"*\"\r\n",
        cmd("D02", ext(Some(vec![S::Subscribed]), vec![patq("*")], None)),
    );
    ex(
        "D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*2\"\r\n",
        cmd(
            "D03",
            ext(
                Some(vec![S::RecursiveMatch, S::Subscribed]),
                vec![patq("*2")],
                None,
            ),
        ),
    );
    ex(
        "D03 LIST (RECURSIVEMATCH SUBSCRIBED) \"\" \"*\"\r\n",
        cmd(
            "D03",
            ext(
                Some(vec![S::RecursiveMatch, S::Subscribed]),
                vec![patq("*")],
                None,
            ),
        ),
    );
    // One pattern in parentheses: re-encoded without them.
    ex_spelled(
        "a1 LIST \"\" (\"foo\")\r\n",
        cmd("a1", ext(None, vec![patq("foo")], None)),
    );
    ex(
        "a2 LIST (SUBSCRIBED) \"\" \"foo/*\"\r\n",
        cmd(
            "a2",
            ext(Some(vec![S::Subscribed]), vec![patq("foo/*")], None),
        ),
    );
    ex(
        "a3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" foo RETURN (CHILDREN)\r\n",
        cmd(
            "a3",
            ext(
                Some(vec![S::Subscribed, S::RecursiveMatch]),
                vec![pat("foo")],
                Some(vec![R::Children]),
            ),
        ),
    );
    ex(
        "a1 LIST (REMOTE) \"\" *\r\n",
        cmd("a1", ext(Some(vec![S::Remote]), vec![pat("*")], None)),
    );
    ex(
        "a2 LIST () \"\" %\r\n",
        cmd("a2", ext(Some(vec![]), vec![pat("%")], None)),
    );
    ex(
        "a3 LIST (REMOTE) \"\" %\r\n",
        cmd("a3", ext(Some(vec![S::Remote]), vec![pat("%")], None)),
    );
    ex(
        "a3.1 LIST \"\" (% music/rock)\r\n",
        cmd("a3.1", ext(None, vec![pat("%"), pat("music/rock")], None)),
    );
    // RFC 5819 §2 / RFC 9051 example 11.
    ex(
        "A01 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))\r\n",
        cmd(
            "A01",
            ext(
                None,
                vec![pat("%")],
                Some(vec![R::Status(v1(vec![
                    StatusAttribute::Messages,
                    StatusAttribute::Unseen,
                ]))]),
            ),
        ),
    );
    ex(
        "A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (STATUS (MESSAGES))\r\n",
        cmd(
            "A02",
            ext(
                Some(vec![S::Subscribed, S::RecursiveMatch]),
                vec![pat("%")],
                Some(vec![R::Status(v1(vec![StatusAttribute::Messages]))]),
            ),
        ),
    );
    // RFC 6154 §5.1 / RFC 9051 §6.3.10 example 6.
    ex(
        "A002 LIST (SPECIAL-USE) \"\" \"*\"\r\n",
        cmd(
            "A002",
            ext(Some(vec![S::SpecialUse]), vec![patq("*")], None),
        ),
    );
    ex(
        "A003 LIST (SPECIAL-USE) \"#mh/\" \"*\"\r\n",
        cmd(
            "A003",
            B::List {
                selection: Some(vec![S::SpecialUse]),
                reference: mbq("#mh/"),
                patterns: Vec1::one(patq("*")),
                return_options: None,
            },
        ),
    );
    ex(
        "t3 LIST \"\" \"%\" RETURN (SPECIAL-USE)\r\n",
        cmd("t3", ext(None, vec![patq("%")], Some(vec![R::SpecialUse]))),
    );
    // RFC 3501 §6.3.9.
    ex(
        "A002 LSUB \"#news.\" \"comp.mail.*\"\r\n",
        cmd(
            "A002",
            B::Lsub {
                reference: mbq("#news."),
                pattern: patq("comp.mail.*"),
            },
        ),
    );
    ex(
        "A003 LSUB \"#news.\" \"comp.%\"\r\n",
        cmd(
            "A003",
            B::Lsub {
                reference: mbq("#news."),
                pattern: patq("comp.%"),
            },
        ),
    );
}

#[test]
fn namespace_status_append_idle() {
    use CommandBody as B;
    ex("A001 NAMESPACE\r\n", cmd("A001", B::Namespace));
    ex(
        "A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n",
        cmd(
            "A042",
            B::Status {
                mailbox: mb("blurdybloop"),
                items: v1(vec![StatusAttribute::UidNext, StatusAttribute::Messages]),
            },
        ),
    );
    // RFC 8474 §4.1 (MAILBOXID), RFC 9208 §4.6 (DELETED-STORAGE), RFC 8438 (SIZE).
    ex(
        "3 STATUS foo (MAILBOXID DELETED-STORAGE SIZE DELETED)\r\n",
        cmd(
            "3",
            B::Status {
                mailbox: mb("foo"),
                items: v1(vec![
                    StatusAttribute::MailboxId,
                    StatusAttribute::DeletedStorage,
                    StatusAttribute::Size,
                    StatusAttribute::Deleted,
                ]),
            },
        ),
    );
    // RFC 7162 §3.1.9.
    ex(
        "A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)\r\n",
        cmd(
            "A042",
            B::Status {
                mailbox: mb("blurdybloop"),
                items: v1(vec![
                    StatusAttribute::UidNext,
                    StatusAttribute::Messages,
                    StatusAttribute::HighestModSeq,
                ]),
            },
        ),
    );
    let append = |data: &'static str, mode| B::Append {
        mailbox: mb("saved-messages"),
        messages: Vec1::one(AppendMessage {
            flags: Some(vec![Flag::Seen]),
            date: None,
            data: lit(data.as_bytes()).with_mode(mode).into(),
        }),
    };
    assert_eq!(APPEND_3501.len(), 310);
    ex(
        &format!("A003 APPEND saved-messages (\\Seen) {{310}}\r\n{APPEND_3501}\r\n"),
        cmd("A003", append(APPEND_3501, LiteralMode::Sync)),
    );
    assert_eq!((APPEND_9051.len(), APPEND_9051_PLUS.len()), (326, 297));
    ex(
        &format!("A003 APPEND saved-messages (\\Seen) {{326}}\r\n{APPEND_9051}\r\n"),
        cmd("A003", append(APPEND_9051, LiteralMode::Sync)),
    );
    ex(
        &format!("A003 APPEND saved-messages (\\Seen) {{297+}}\r\n{APPEND_9051_PLUS}\r\n"),
        cmd("A003", append(APPEND_9051_PLUS, LiteralMode::NonSync)),
    );
    // MULTIAPPEND (RFC 3502 §6 grammar; a representative command, not the RFC's example),
    // with a date-time.
    ex(
        "A003 APPEND saved-messages (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {5}\r\nHello (\\Draft) {5+}\r\nWorld\r\n",
        cmd(
            "A003",
            B::Append {
                mailbox: mb("saved-messages"),
                messages: v1(vec![
                    AppendMessage {
                        flags: Some(vec![Flag::Seen]),
                        date: Some(DateTime::new(date(1996, 7, 17), 2, 44, 25, -7 * 60).unwrap()),
                        data: lit(b"Hello").into(),
                    },
                    AppendMessage {
                        flags: Some(vec![Flag::Draft]),
                        date: None,
                        data: lit(b"World").with_mode(LiteralMode::NonSync).into(),
                    },
                ]),
            },
        ),
    );
    // RFC 3516 §4.4: literal8 (representative command).
    ex(
        "A003 APPEND Drafts ~{3}\r\na\0b\r\n",
        cmd(
            "A003",
            B::Append {
                mailbox: mb("Drafts"),
                messages: Vec1::one(AppendMessage::new(Literal::binary(&b"a\0b"[..]))),
            },
        ),
    );
    for t in ["A002", "A004", "A006", "A001"] {
        ex(
            &format!("{t} IDLE\r\n"),
            Command::new(Tag::new(t.to_string()).unwrap(), B::Idle),
        );
    }
    let config = ParseConfig::default();
    assert_eq!(
        parse_idle_done(b"DONE\r\n", &config),
        Ok(Status::Complete(((), 6)))
    );
    assert_eq!(
        parse_idle_done(b"done\r\n", &config),
        Ok(Status::Complete(((), 6)))
    );
    assert!(parse_idle_done(b"DON", &config).unwrap().is_incomplete());
    assert!(parse_idle_done(b"DONE", &config).unwrap().is_incomplete());
    assert!(parse_idle_done(b"DONEX\r\n", &config).is_err());
    let mut e = Encoder::new();
    encode_idle_done(&mut e);
    assert_eq!(e.as_bytes(), b"DONE\r\n");
}

// ---- §6.4: selected ----------------------------------------------------------------------------

#[test]
fn check_close_unselect_expunge() {
    use CommandBody as B;
    ex("FXXZ CHECK\r\n", cmd("FXXZ", B::Check));
    ex("A341 CLOSE\r\n", cmd("A341", B::Close));
    ex("A342 UNSELECT\r\n", cmd("A342", B::Unselect));
    ex("A202 EXPUNGE\r\n", cmd("A202", B::Expunge));
    ex(
        "A003 UID EXPUNGE 3000:3002\r\n",
        cmd(
            "A003",
            B::UidExpunge {
                set: seq("3000:3002"),
            },
        ),
    );
}

#[test]
fn search_examples() {
    use CommandBody as B;
    use SearchKey as K;
    use SearchReturnOption as R;
    let smith = || not(K::From(astrq("Smith")));
    let feb94 = || K::Since(date(1994, 2, 1));
    ex(
        "A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        cmd("A282", search(vec![K::Flagged, feb94(), smith()])),
    );
    ex(
        "A283 SEARCH TEXT \"string not in mailbox\"\r\n",
        cmd(
            "A283",
            search(vec![K::Text(astrq("string not in mailbox"))]),
        ),
    );
    ex(
        "A284 SEARCH TEXT \"string not in mailbox\"\r\n",
        cmd(
            "A284",
            search(vec![K::Text(astrq("string not in mailbox"))]),
        ),
    );
    ex(
        "A284 SEARCH CHARSET UTF-8 TEXT {6}\r\nXXXXXX\r\n",
        cmd(
            "A284",
            B::Search {
                uid: false,
                return_options: None,
                charset: Some(Charset::Atom(atom("UTF-8"))),
                criteria: Vec1::one(K::Text(AString::String(IString::Literal(lit(b"XXXXXX"))))),
            },
        ),
    );
    ex(
        "A285 SEARCH CHARSET UTF-8 TEXT {12}\r\n\u{43e}\u{442}\u{43f}\u{443}\u{441}\u{43a}\r\n",
        cmd(
            "A285",
            B::Search {
                uid: false,
                return_options: None,
                charset: Some(Charset::Atom(atom("UTF-8"))),
                criteria: Vec1::one(K::Text(AString::String(IString::Literal(lit(
                    "\u{43e}\u{442}\u{43f}\u{443}\u{441}\u{43a}".as_bytes(),
                ))))),
            },
        ),
    );
    ex(
        "A286 SEARCH CHARSET INVALID TEXT \"test\"\r\n",
        cmd(
            "A286",
            B::Search {
                uid: false,
                return_options: None,
                charset: Some(Charset::Atom(atom("INVALID"))),
                criteria: Vec1::one(K::Text(astrq("test"))),
            },
        ),
    );
    // RFC 9051 §6.4.4 and RFC 4731 §4: ESEARCH return options.
    ex(
        "A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        cmd(
            "A282",
            search_ret(vec![R::Min, R::Count], vec![K::Flagged, feb94(), smith()]),
        ),
    );
    ex(
        "A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        cmd(
            "A283",
            search_ret(vec![], vec![K::Flagged, feb94(), smith()]),
        ),
    );
    ex(
        "A284 SEARCH RETURN (MIN) UNSEEN\r\n",
        cmd("A284", search_ret(vec![R::Min], vec![K::Unseen])),
    );
    ex(
        "A285 UID SEARCH RETURN (MIN MAX) 1:5000\r\n",
        cmd(
            "A285",
            B::Search {
                uid: true,
                return_options: Some(vec![R::Min, R::Max]),
                charset: None,
                criteria: Vec1::one(K::SequenceSet(seq("1:5000"))),
            },
        ),
    );
    ex(
        "A286 SEARCH RETURN (COUNT) DELETED\r\n",
        cmd("A286", search_ret(vec![R::Count], vec![K::Deleted])),
    );
    // RFC 9051 §6.4.4.4 and RFC 5182 §2.4: SAVE and `$`.
    ex(
        "A282 SEARCH RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        cmd(
            "A282",
            search_ret(vec![R::Save], vec![K::Flagged, feb94(), smith()]),
        ),
    );
    ex(
        "A300 SEARCH RETURN (SAVE) SINCE 1-Jan-2004 NOT FROM \"Smith\"\r\n",
        cmd(
            "A300",
            search_ret(vec![R::Save], vec![K::Since(date(2004, 1, 1)), smith()]),
        ),
    );
    ex(
        "A301 UID SEARCH UID $ SMALLER 4096\r\n",
        cmd(
            "A301",
            B::Search {
                uid: true,
                return_options: None,
                charset: None,
                criteria: v1(vec![K::Uid(SequenceSet::saved()), K::Smaller(4096)]),
            },
        ),
    );
    ex(
        "A301 UID SEARCH $ SMALLER 4096\r\n",
        cmd(
            "A301",
            B::Search {
                uid: true,
                return_options: None,
                charset: None,
                criteria: v1(vec![K::SequenceSet(SequenceSet::saved()), K::Smaller(4096)]),
            },
        ),
    );
    ex(
        "P282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        cmd("P282", search_ret(vec![R::Save], vec![feb94(), smith()])),
    );
    ex(
        "P283 SEARCH CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {8+}\r\n\u{43c}\u{430}\u{442}\u{44c}\r\n",
        cmd(
            "P283",
            B::Search {
                uid: false,
                return_options: None,
                charset: Some(Charset::Atom(atom("UTF-8"))),
                criteria: v1(vec![
                    K::And(Vec1::one(K::or(
                        K::SequenceSet(SequenceSet::saved()),
                        K::SequenceSet(seq("1,3000:3021")),
                    ))),
                    K::Text(AString::String(IString::Literal(
                        lit("\u{43c}\u{430}\u{442}\u{44c}".as_bytes())
                            .with_mode(LiteralMode::NonSync),
                    ))),
                ]),
            },
        ),
    );
    ex(
        "B282 SEARCH RETURN (SAVE) SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n",
        cmd("B282", search_ret(vec![R::Save], vec![feb94(), smith()])),
    );
    ex(
        "B283 SEARCH RETURN (SAVE) CHARSET KOI8-R (OR $ 1,3000:3021) TEXT {4}\r\nXXXX\r\n",
        cmd(
            "B283",
            B::Search {
                uid: false,
                return_options: Some(vec![R::Save]),
                charset: Some(Charset::Atom(atom("KOI8-R"))),
                criteria: v1(vec![
                    K::And(Vec1::one(K::or(
                        K::SequenceSet(SequenceSet::saved()),
                        K::SequenceSet(seq("1,3000:3021")),
                    ))),
                    K::Text(AString::String(IString::Literal(lit(b"XXXX")))),
                ]),
            },
        ),
    );
    let eric = |t: &'static str, ret: Vec<R<'static>>, keys| cmd(t, search_ret(ret, keys));
    ex(
        "E282 SEARCH RETURN (SAVE) SINCE 28-Oct-2006 NOT FROM \"Eric\"\r\n",
        eric(
            "E282",
            vec![R::Save],
            vec![K::Since(date(2006, 10, 28)), not(K::From(astrq("Eric")))],
        ),
    );
    ex(
        "F282 SEARCH RETURN (SAVE) KEYWORD $Junk\r\n",
        eric("F282", vec![R::Save], vec![K::Keyword(atom("$Junk"))]),
    );
    ex(
        "G283 SEARCH RETURN (ALL) SINCE 28-Oct-2006 FROM \"Eric\"\r\n",
        eric(
            "G283",
            vec![R::All],
            vec![K::Since(date(2006, 10, 28)), K::From(astrq("Eric"))],
        ),
    );
    ex(
        "C285 SEARCH RETURN (MAX SAVE MIN) SINCE 12-Feb-2006 NOT FROM \"Smith\"\r\n",
        eric(
            "C285",
            vec![R::Max, R::Save, R::Min],
            vec![K::Since(date(2006, 2, 12)), smith()],
        ),
    );
    ex(
        "C286 SEARCH RETURN (MAX SAVE MIN COUNT) SINCE 12-Feb-2006 NOT FROM \"Smith\"\r\n",
        eric(
            "C286",
            vec![R::Max, R::Save, R::Min, R::Count],
            vec![K::Since(date(2006, 2, 12)), smith()],
        ),
    );
    // RFC 7162 §3.1.5: MODSEQ.
    ex(
        "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338\r\n"
            .replace("\\\\draft", "\\\\Draft")
            .as_str(),
        cmd(
            "a",
            search(vec![K::ModSeq {
                entry: Some((Flag::Draft, EntryType::All)),
                value: 620162338,
            }]),
        ),
    );
    ex_spelled(
        "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338\r\n",
        cmd(
            "a",
            search(vec![K::ModSeq {
                entry: Some((Flag::Draft, EntryType::All)),
                value: 620162338,
            }]),
        ),
    );
    ex(
        "t SEARCH OR NOT MODSEQ 720162338 LARGER 50000\r\n",
        cmd(
            "t",
            search(vec![K::or(
                not(K::ModSeq {
                    entry: None,
                    value: 720162338,
                }),
                K::Larger(50000),
            )]),
        ),
    );
    // Keys of RFC 8474 §6, RFC 5032, RFC 8514 and Gmail (representative commands; the
    // identifiers are those of RFC 8474's examples).
    ex(
        "27 SEARCH EMAILID M6d99ac3275bb4e\r\n",
        cmd(
            "27",
            search(vec![K::EmailId(ObjectId::new("M6d99ac3275bb4e").unwrap())]),
        ),
    );
    ex(
        "28 UID SEARCH THREADID T64b478a75b7ea9\r\n",
        cmd(
            "28",
            B::Search {
                uid: true,
                return_options: None,
                charset: None,
                criteria: Vec1::one(K::ThreadId(ObjectId::new("T64b478a75b7ea9").unwrap())),
            },
        ),
    );
    ex(
        "a SEARCH YOUNGER 3600 OLDER 60\r\n",
        cmd(
            "a",
            search(vec![
                K::Younger(NonZeroU32::new(3600).unwrap()),
                K::Older(NonZeroU32::new(60).unwrap()),
            ]),
        ),
    );
    ex(
        "a SEARCH SAVEDATESUPPORTED SAVEDSINCE 1-Jan-2020\r\n",
        cmd(
            "a",
            search(vec![K::SaveDateSupported, K::SavedSince(date(2020, 1, 1))]),
        ),
    );
    ex(
        "a002 UID SEARCH X-GM-RAW \"has:attachment in:unread\"\r\n",
        cmd(
            "a002",
            B::Search {
                uid: true,
                return_options: None,
                charset: None,
                criteria: Vec1::one(K::GmRaw(astrq("has:attachment in:unread"))),
            },
        ),
    );
    ex(
        "a SEARCH X-GM-THRID 1266894439832287888 X-GM-MSGID 1278455344230334865\r\n",
        cmd(
            "a",
            search(vec![
                K::GmThrId(1266894439832287888),
                K::GmMsgId(1278455344230334865),
            ]),
        ),
    );
    ex(
        "a SEARCH X-GM-LABELS foo\r\n",
        cmd("a", search(vec![K::GmLabels(astr("foo"))])),
    );
}

#[test]
fn fetch_store_copy_move_uid() {
    use CommandBody as B;
    use FetchAttribute as A;
    let fetch = |uid, set, items, modifiers| B::Fetch {
        uid,
        set: seq(set),
        items,
        modifiers,
    };
    ex(
        "A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n",
        cmd(
            "A654",
            fetch(
                false,
                "2:4",
                FetchItems::List(v1(vec![
                    A::Flags,
                    A::BodySection {
                        peek: false,
                        section: Section::new(
                            None,
                            Some(SectionText::HeaderFields(vec![astr("DATE"), astr("FROM")])),
                        )
                        .unwrap(),
                        partial: None,
                    },
                ])),
                vec![],
            ),
        ),
    );
    ex(
        "A999 UID FETCH 4827313:4828442 FLAGS\r\n",
        cmd(
            "A999",
            fetch(
                true,
                "4827313:4828442",
                FetchItems::Single(A::Flags),
                vec![],
            ),
        ),
    );
    ex(
        "A003 FETCH 4 ALL\r\n",
        cmd("A003", fetch(false, "4", FetchItems::All, vec![])),
    );
    ex(
        "A005 FETCH 3 ALL\r\n",
        cmd("A005", fetch(false, "3", FetchItems::All, vec![])),
    );
    ex(
        "A283 FETCH $ (UID INTERNALDATE FLAGS BODY.PEEK[HEADER])\r\n",
        cmd(
            "A283",
            fetch(
                false,
                "$",
                FetchItems::List(v1(vec![
                    A::Uid,
                    A::InternalDate,
                    A::Flags,
                    A::BodySection {
                        peek: true,
                        section: Section::new(None, Some(SectionText::Header)).unwrap(),
                        partial: None,
                    },
                ])),
                vec![],
            ),
        ),
    );
    // RFC 7162 §3.1.4.1, §3.2.6.
    ex(
        "s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n",
        cmd(
            "s100",
            fetch(
                true,
                "1:*",
                FetchItems::List(Vec1::one(A::Flags)),
                vec![FetchModifier::ChangedSince(12345)],
            ),
        ),
    );
    ex(
        "s101 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
        cmd(
            "s101",
            fetch(
                true,
                "300:500",
                FetchItems::List(Vec1::one(A::Flags)),
                vec![FetchModifier::ChangedSince(12345), FetchModifier::Vanished],
            ),
        ),
    );
    // RFC 3516 §4.1: BINARY (representative command).
    ex(
        "a FETCH 1 (BINARY.PEEK[1.2]<0.1024> BINARY.SIZE[1] BINARY[])\r\n",
        cmd(
            "a",
            fetch(
                false,
                "1",
                FetchItems::List(v1(vec![
                    A::Binary {
                        peek: true,
                        part: Some(SectionPart::new("1.2").unwrap()),
                        partial: Some(Partial {
                            offset: 0,
                            length: NonZeroU64::new(1024).unwrap(),
                        }),
                    },
                    A::BinarySize {
                        part: Some(SectionPart::new("1").unwrap()),
                    },
                    A::Binary {
                        peek: false,
                        part: None,
                        partial: None,
                    },
                ])),
                vec![],
            ),
        ),
    );
    // Every other attribute: RFC 3501 §6.4.5, RFC 8474 §5, RFC 8514, Gmail (representative).
    ex(
        "a FETCH 1:* (ENVELOPE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT BODY BODYSTRUCTURE BODY[]<0.2048> BODY[1.2.MIME] MODSEQ EMAILID THREADID SAVEDATE X-GM-MSGID X-GM-THRID X-GM-LABELS)\r\n",
        cmd(
            "a",
            fetch(
                false,
                "1:*",
                FetchItems::List(v1(vec![
                    A::Envelope,
                    A::Rfc822,
                    A::Rfc822Header,
                    A::Rfc822Size,
                    A::Rfc822Text,
                    A::Body,
                    A::BodyStructure,
                    A::BodySection {
                        peek: false,
                        section: Section::FULL,
                        partial: Some(Partial {
                            offset: 0,
                            length: NonZeroU64::new(2048).unwrap(),
                        }),
                    },
                    A::BodySection {
                        peek: false,
                        section: Section::new(
                            Some(SectionPart::new("1.2").unwrap()),
                            Some(SectionText::Mime),
                        )
                        .unwrap(),
                        partial: None,
                    },
                    A::ModSeq,
                    A::EmailId,
                    A::ThreadId,
                    A::SaveDate,
                    A::GmMsgId,
                    A::GmThrId,
                    A::GmLabels,
                ])),
                vec![],
            ),
        ),
    );
    ex(
        "a FETCH 1 FAST\r\n",
        cmd("a", fetch(false, "1", FetchItems::Fast, vec![])),
    );
    ex(
        "a FETCH 1 FULL\r\n",
        cmd("a", fetch(false, "1", FetchItems::Full, vec![])),
    );
    let store = |t, uid, set, unchanged_since, action, silent, flags| {
        cmd(
            t,
            B::Store {
                uid,
                set: seq(set),
                modifiers: Option::<u64>::into_iter(unchanged_since)
                    .map(StoreModifier::UnchangedSince)
                    .collect(),
                action,
                silent,
                flags,
            },
        )
    };
    ex(
        "A003 STORE 2:4 +FLAGS (\\Deleted)\r\n",
        store(
            "A003",
            false,
            "2:4",
            None,
            StoreAction::Add,
            false,
            StoreFlags::List(vec![Flag::Deleted]),
        ),
    );
    ex_spelled(
        "F284 STORE $ +FLAGS.Silent (\\Deleted)\r\n",
        store(
            "F284",
            false,
            "$",
            None,
            StoreAction::Add,
            true,
            StoreFlags::List(vec![Flag::Deleted]),
        ),
    );
    ex(
        "d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)\r\n",
        store(
            "d105",
            false,
            "7,5,9",
            Some(320162338),
            StoreAction::Add,
            true,
            StoreFlags::List(vec![Flag::Deleted]),
        ),
    );
    ex(
        "a UID STORE 1 -FLAGS \\Seen $Forwarded\r\n",
        store(
            "a",
            true,
            "1",
            None,
            StoreAction::Remove,
            false,
            StoreFlags::Bare(v1(vec![Flag::Seen, Flag::Keyword(atom("$Forwarded"))])),
        ),
    );
    ex(
        "a STORE 1 FLAGS ()\r\n",
        store(
            "a",
            false,
            "1",
            None,
            StoreAction::Replace,
            false,
            StoreFlags::List(vec![]),
        ),
    );
    // Gmail IMAP extensions: labels (a011 as in Gmail's documentation; the others
    // representative).
    let labels = |t, action, labels| {
        cmd(
            t,
            B::StoreGmLabels {
                uid: false,
                set: seq("1"),
                modifiers: vec![],
                action,
                silent: false,
                labels,
            },
        )
    };
    ex(
        "a011 STORE 1 +X-GM-LABELS (foo)\r\n",
        labels("a011", StoreAction::Add, vec![GmLabel::Label(astr("foo"))]),
    );
    ex(
        "a012 STORE 1 -X-GM-LABELS (\\Inbox \"Muy Importante\")\r\n",
        labels(
            "a012",
            StoreAction::Remove,
            vec![
                GmLabel::System(atom("Inbox")),
                GmLabel::Label(astrq("Muy Importante")),
            ],
        ),
    );
    ex(
        "a013 UID STORE 7 X-GM-LABELS.SILENT ()\r\n",
        cmd(
            "a013",
            B::StoreGmLabels {
                uid: true,
                set: seq("7"),
                modifiers: vec![],
                action: StoreAction::Replace,
                silent: true,
                labels: vec![],
            },
        ),
    );
    let copy = |uid, set, m| B::Copy {
        uid,
        set: seq(set),
        mailbox: m,
    };
    ex(
        "A003 COPY 2:4 MEETING\r\n",
        cmd("A003", copy(false, "2:4", mb("MEETING"))),
    );
    ex(
        "A004 COPY 2:4 meeting\r\n",
        cmd("A004", copy(false, "2:4", mb("meeting"))),
    );
    ex(
        "A005 UID COPY 305:310 meeting\r\n",
        cmd("A005", copy(true, "305:310", mb("meeting"))),
    );
    ex(
        "A006 COPY 2 funny\r\n",
        cmd("A006", copy(false, "2", mb("funny"))),
    );
    ex(
        "E283 COPY $ \"Other Messages\"\r\n",
        cmd("E283", copy(false, "$", mbq("Other Messages"))),
    );
    ex(
        "F283 COPY $ \"Junk\"\r\n",
        cmd("F283", copy(false, "$", mbq("Junk"))),
    );
    ex(
        "a UID MOVE 42:69 foo\r\n",
        cmd(
            "a",
            B::Move {
                uid: true,
                set: seq("42:69"),
                mailbox: mb("foo"),
            },
        ),
    );
}

// ---- extensions: quota, metadata, id, sort, thread, unknown -----------------------------------

#[test]
fn quota_metadata_id() {
    use CommandBody as B;
    // RFC 9208 §4.
    ex(
        "G0001 GETQUOTA \"!partition/sda4\"\r\n",
        cmd(
            "G0001",
            B::GetQuota {
                root: astrq("!partition/sda4"),
            },
        ),
    );
    ex(
        "G0002 GETQUOTAROOT INBOX\r\n",
        cmd(
            "G0002",
            B::GetQuotaRoot {
                mailbox: Mailbox::Inbox,
            },
        ),
    );
    ex(
        "S0000 GETQUOTA \"#user/alice\"\r\n",
        cmd(
            "S0000",
            B::GetQuota {
                root: astrq("#user/alice"),
            },
        ),
    );
    ex(
        "S0001 SETQUOTA \"#user/alice\" (STORAGE 510)\r\n",
        cmd(
            "S0001",
            B::SetQuota {
                root: astrq("#user/alice"),
                limits: vec![QuotaLimit {
                    resource: QuotaResource::Storage,
                    limit: 510,
                }],
            },
        ),
    );
    ex(
        "S0002 SETQUOTA \"!partition/sda4\" (STORAGE 99999999 MESSAGE 10000)\r\n",
        cmd(
            "S0002",
            B::SetQuota {
                root: astrq("!partition/sda4"),
                limits: vec![
                    QuotaLimit {
                        resource: QuotaResource::Storage,
                        limit: 99999999,
                    },
                    QuotaLimit {
                        resource: QuotaResource::Message,
                        limit: 10000,
                    },
                ],
            },
        ),
    );
    // RFC 5464 §4.
    let get = |options, mailbox, entries: Vec<AString<'static>>| B::GetMetadata {
        options,
        mailbox,
        entries: v1(entries),
    };
    ex(
        "a GETMETADATA \"\" /shared/comment\r\n",
        cmd("a", get(vec![], mbq(""), vec![astr("/shared/comment")])),
    );
    ex(
        "a GETMETADATA INBOX /private/comment\r\n",
        cmd(
            "a",
            get(vec![], Mailbox::Inbox, vec![astr("/private/comment")]),
        ),
    );
    ex(
        "a GETMETADATA INBOX (/shared/comment /private/comment)\r\n",
        cmd(
            "a",
            get(
                vec![],
                Mailbox::Inbox,
                vec![astr("/shared/comment"), astr("/private/comment")],
            ),
        ),
    );
    ex(
        "a GETMETADATA (MAXSIZE 1024) INBOX /private/comment\r\n",
        cmd(
            "a",
            get(
                vec![MetadataOption::MaxSize(1024)],
                Mailbox::Inbox,
                vec![astr("/private/comment")],
            ),
        ),
    );
    ex_spelled(
        "a GETMETADATA (DEPTH 1) INBOX (/private/filters/values)\r\n",
        cmd(
            "a",
            get(
                vec![MetadataOption::Depth(MetadataDepth::One)],
                Mailbox::Inbox,
                vec![astr("/private/filters/values")],
            ),
        ),
    );
    ex(
        "a GETMETADATA (MAXSIZE 1024 DEPTH infinity) \"\" (/shared/a /shared/b)\r\n",
        cmd(
            "a",
            get(
                vec![
                    MetadataOption::MaxSize(1024),
                    MetadataOption::Depth(MetadataDepth::Infinity),
                ],
                mbq(""),
                vec![astr("/shared/a"), astr("/shared/b")],
            ),
        ),
    );
    ex(
        "a SETMETADATA INBOX (/private/comment {33}\r\nMy new comment across\r\ntwo lines.)\r\n",
        cmd(
            "a",
            B::SetMetadata {
                mailbox: Mailbox::Inbox,
                entries: Vec1::one((
                    astr("/private/comment"),
                    NString(Some(IString::Literal(lit(
                        b"My new comment across\r\ntwo lines.",
                    )))),
                )),
            },
        ),
    );
    ex(
        "a SETMETADATA INBOX (/private/comment NIL)\r\n",
        cmd(
            "a",
            B::SetMetadata {
                mailbox: Mailbox::Inbox,
                entries: Vec1::one((astr("/private/comment"), NString::NIL)),
            },
        ),
    );
    ex(
        "a SETMETADATA \"\" (/shared/comment \"Shared comment\" /shared/x ~{2}\r\n\0\x01)\r\n",
        cmd(
            "a",
            B::SetMetadata {
                mailbox: mbq(""),
                entries: v1(vec![
                    (
                        astr("/shared/comment"),
                        NString(Some(IString::Quoted(quoted("Shared comment")))),
                    ),
                    (
                        astr("/shared/x"),
                        NString(Some(IString::Literal(Literal::binary(&b"\0\x01"[..])))),
                    ),
                ]),
            },
        ),
    );
    // RFC 2971 §4.
    ex(
        "a023 ID (\"name\" \"sodr\" \"version\" \"19.34\" \"vendor\" \"Pink Floyd Music Limited\")\r\n",
        cmd(
            "a023",
            B::Id {
                parameters: Some(
                    [
                        ("name", "sodr"),
                        ("version", "19.34"),
                        ("vendor", "Pink Floyd Music Limited"),
                    ]
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            IString::Quoted(quoted(k)),
                            NString(Some(IString::Quoted(quoted(v)))),
                        )
                    })
                    .collect(),
                ),
            },
        ),
    );
    ex("a ID NIL\r\n", cmd("a", B::Id { parameters: None }));
    ex(
        "a ID (\"os\" NIL)\r\n",
        cmd(
            "a",
            B::Id {
                parameters: Some(vec![(IString::Quoted(quoted("os")), NString::NIL)]),
            },
        ),
    );
}

#[test]
fn sort_thread_other() {
    use CommandBody as B;
    use SearchKey as K;
    let crit = |reverse, key| SortCriterion { reverse, key };
    // RFC 5256 §3 and §5.
    ex(
        "A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994\r\n",
        cmd(
            "A282",
            B::Sort {
                uid: false,
                return_options: None,
                criteria: Vec1::one(crit(false, SortKey::Subject)),
                charset: Charset::Atom(atom("UTF-8")),
                keys: Vec1::one(K::Since(date(1994, 2, 1))),
            },
        ),
    );
    ex(
        "A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL\r\n",
        cmd(
            "A283",
            B::Sort {
                uid: false,
                return_options: None,
                criteria: v1(vec![
                    crit(false, SortKey::Subject),
                    crit(true, SortKey::Date),
                ]),
                charset: Charset::Atom(atom("UTF-8")),
                keys: Vec1::one(K::All),
            },
        ),
    );
    ex(
        "A284 SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\"\r\n",
        cmd(
            "A284",
            B::Sort {
                uid: false,
                return_options: None,
                criteria: Vec1::one(crit(false, SortKey::Subject)),
                charset: Charset::Atom(atom("US-ASCII")),
                keys: Vec1::one(K::Text(astrq("not in mailbox"))),
            },
        ),
    );
    ex(
        "a UID SORT (REVERSE ARRIVAL DISPLAYFROM) UTF-8 UNSEEN\r\n",
        cmd(
            "a",
            B::Sort {
                uid: true,
                return_options: None,
                criteria: v1(vec![
                    crit(true, SortKey::Arrival),
                    crit(false, SortKey::DisplayFrom),
                ]),
                charset: Charset::Atom(atom("UTF-8")),
                keys: Vec1::one(K::Unseen),
            },
        ),
    );
    ex_spelled(
        "A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000\r\n",
        cmd(
            "A283",
            B::Thread {
                uid: false,
                algorithm: ThreadAlgorithm::OrderedSubject,
                charset: Charset::Atom(atom("UTF-8")),
                keys: Vec1::one(K::Since(date(2000, 3, 5))),
            },
        ),
    );
    ex(
        "A284 THREAD ORDEREDSUBJECT US-ASCII TEXT \"gewp\"\r\n",
        cmd(
            "A284",
            B::Thread {
                uid: false,
                algorithm: ThreadAlgorithm::OrderedSubject,
                charset: Charset::Atom(atom("US-ASCII")),
                keys: Vec1::one(K::Text(astrq("gewp"))),
            },
        ),
    );
    ex(
        "A285 UID THREAD REFERENCES US-ASCII ALL\r\n",
        cmd(
            "A285",
            B::Thread {
                uid: true,
                algorithm: ThreadAlgorithm::References,
                charset: Charset::Atom(atom("US-ASCII")),
                keys: Vec1::one(K::All),
            },
        ),
    );
    // RFC 9051 §6.5.1 / RFC 3501 §6.5.1: an experimental command.
    ex(
        "A442 XPIG-LATIN\r\n",
        cmd(
            "A442",
            CommandBody::other(atom("XPIG-LATIN"), None).unwrap(),
        ),
    );
    ex(
        "a1 XAPPLEPUSHSERVICE aps-version 2 aps-account-id 0715A26B\r\n",
        cmd(
            "a1",
            CommandBody::other(
                atom("XAPPLEPUSHSERVICE"),
                Some(OtherArguments::new(&b"aps-version 2 aps-account-id 0715A26B"[..]).unwrap()),
            )
            .unwrap(),
        ),
    );
}

#[test]
fn acl_compress_unauthenticate() {
    use CommandBody as B;
    // RFC 4978 §3.
    ex(
        "a01 COMPRESS DEFLATE\r\n",
        cmd(
            "a01",
            B::Compress {
                algorithm: atom("DEFLATE"),
            },
        ),
    );
    // RFC 8437 §2 (representative).
    ex("a UNAUTHENTICATE\r\n", cmd("a", B::Unauthenticate));
    // RFC 4314 §3 (A035, A036, LISTRIGHTS and MYRIGHTS are the RFC's examples; the rest
    // representative).
    ex(
        "A001 GETACL INBOX\r\n",
        cmd(
            "A001",
            B::GetAcl {
                mailbox: Mailbox::Inbox,
            },
        ),
    );
    ex(
        "A035 SETACL INBOX/Drafts John lrQswicda\r\n",
        cmd(
            "A035",
            B::SetAcl {
                mailbox: mb("INBOX/Drafts"),
                identifier: astr("John"),
                rights: astr("lrQswicda"),
            },
        ),
    );
    ex(
        "A036 SETACL INBOX/Drafts John lrqswicda\r\n",
        cmd(
            "A036",
            B::SetAcl {
                mailbox: mb("INBOX/Drafts"),
                identifier: astr("John"),
                rights: astr("lrqswicda"),
            },
        ),
    );
    ex(
        "A002 SETACL INBOX/Drafts Fred +rwipslxetad\r\n",
        cmd(
            "A002",
            B::SetAcl {
                mailbox: mb("INBOX/Drafts"),
                identifier: astr("Fred"),
                rights: astr("+rwipslxetad"),
            },
        ),
    );
    ex(
        "A002 DELETEACL INBOX/Drafts Chris\r\n",
        cmd(
            "A002",
            B::DeleteAcl {
                mailbox: mb("INBOX/Drafts"),
                identifier: astr("Chris"),
            },
        ),
    );
    ex(
        "a LISTRIGHTS ~/Mail/saved smith\r\n",
        cmd(
            "a",
            B::ListRights {
                mailbox: mb("~/Mail/saved"),
                identifier: astr("smith"),
            },
        ),
    );
    ex(
        "A003 MYRIGHTS INBOX\r\n",
        cmd(
            "A003",
            B::MyRights {
                mailbox: Mailbox::Inbox,
            },
        ),
    );
}

/// RFC 8970 §3.1: `PREVIEW` with and without `(LAZY)`, alone, in a list, and before a modifier
/// list (which must not be read as preview modifiers).
#[test]
fn rfc8970_preview() {
    use imap_proto::parse::{ParseConfig, Status, parse_command};
    use imap_proto::types::{CommandBody, FetchAttribute, FetchItems};
    let cfg = ParseConfig::default();
    for (input, lazy) in [
        (&b"A1 FETCH 1 (UID PREVIEW)\r\n"[..], false),
        (b"A1 FETCH 1 (PREVIEW (LAZY) UID)\r\n", true),
        (b"A1 UID FETCH 1:* PREVIEW (lazy)\r\n", true),
        (b"A1 FETCH 1 PREVIEW (CHANGEDSINCE 5)\r\n", false),
    ] {
        let Ok(Status::Complete((cmd, used))) = parse_command(input, &cfg) else {
            panic!("{}", String::from_utf8_lossy(input))
        };
        assert_eq!(used, input.len());
        let CommandBody::Fetch { items, .. } = &cmd.body else {
            panic!()
        };
        let found = match items {
            FetchItems::Single(a) => vec![a.clone()],
            FetchItems::List(v) => v.iter().cloned().collect(),
            other => panic!("{other:?}"),
        };
        assert!(
            found.contains(&FetchAttribute::Preview { lazy }),
            "{found:?}"
        );
        use imap_proto::encode::Encode;
        let again = cmd.to_bytes();
        let Ok(Status::Complete((cmd2, _))) = parse_command(&again, &cfg) else {
            panic!()
        };
        assert_eq!(cmd2, cmd);
    }
    // ` (FOO)` is not a preview modifier list (only `LAZY` is one): it is the command's
    // modifier list, with a modifier of RFC 4466 §2.4's generic syntax.
    let Ok(Status::Complete((cmd, _))) = parse_command(b"A1 FETCH 1 PREVIEW (FOO)\r\n", &cfg)
    else {
        panic!()
    };
    assert_eq!(
        cmd.body,
        CommandBody::Fetch {
            uid: false,
            set: seq("1"),
            items: FetchItems::Single(FetchAttribute::Preview { lazy: false }),
            modifiers: vec![FetchModifier::other(atom("FOO"), None).unwrap()],
        }
    );
}

/// Found by the `imap_encode` fuzz target: every prefix of `PREVIEW (LAZY)` is incomplete
/// (`check` feeds them all), not an error at ` (`.
#[test]
fn preview_lazy_prefixes_are_incomplete() {
    ex(
        "a FETCH 1 (PREVIEW (LAZY) UID)\r\n",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: false,
                set: seq("1"),
                items: FetchItems::List(v1(vec![
                    FetchAttribute::Preview { lazy: true },
                    FetchAttribute::Uid,
                ])),
                modifiers: Vec::new(),
            },
        ),
    );
}

/// Found by the `imap_encode` fuzz target: `charset = atom / quoted` allows no literal, so an
/// 8-bit quoted charset is written quoted even when 8-bit quoted strings are otherwise sent as
/// literals.
#[test]
fn eight_bit_charset_is_written_quoted() {
    let command = cmd(
        "a",
        CommandBody::Search {
            uid: false,
            return_options: None,
            charset: Some(Charset::Quoted(Quoted::new("é".as_bytes()).unwrap())),
            criteria: v1(vec![SearchKey::All]),
        },
    );
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::AsIs, false));
    command.encode(&mut e);
    let wire = e.into_vec();
    assert_eq!(wire, "a SEARCH CHARSET \"é\" ALL\r\n".as_bytes());
    check(&wire, &command, true);
}

// ---- RFC 6855 §4, RFC 4469, RFC 5267, RFC 6203 --------------------------------------------------

fn append1(mailbox: &'static str, m: AppendMessage<'static>) -> CommandBody<'static> {
    CommandBody::Append {
        mailbox: mb(mailbox),
        messages: Vec1::one(m),
    }
}

#[test]
fn rfc6855_utf8_append() {
    // RFC 6855 §4 `utf8-literal = "UTF8" SP "(" literal8 ")"`, `append-data =/ utf8-literal`.
    // The RFC has no APPEND example (its text was not retrievable here either): representative
    // commands, synchronizing and non-synchronizing, with flags and MULTIAPPEND.
    ex(
        "A1 APPEND INBOX UTF8 (~{14}\r\nSubject: \u{e9}t\u{e9})\r\n",
        cmd(
            "A1",
            append1(
                "INBOX",
                AppendMessage::new(AppendData::Utf8(Literal::binary(
                    "Subject: \u{e9}t\u{e9}".as_bytes(),
                ))),
            ),
        ),
    );
    ex(
        "A2 APPEND Drafts (\\Draft) UTF8 (~{3+}\r\na\0b) {1}\r\nc\r\n",
        cmd(
            "A2",
            B2::Append {
                mailbox: mb("Drafts"),
                messages: v1(vec![
                    AppendMessage {
                        flags: Some(vec![Flag::Draft]),
                        date: None,
                        data: AppendData::Utf8(
                            Literal::binary(&b"a\0b"[..]).with_mode(LiteralMode::NonSync),
                        ),
                    },
                    AppendMessage::new(lit(b"c")),
                ]),
            },
        ),
    );
    // A plain literal is not a `literal8`: `UTF8 ({n})` is refused, as is a missing `)`.
    let config = ParseConfig::default();
    for bad in [
        &b"A3 APPEND INBOX UTF8 ({1}\r\na)\r\n"[..],
        b"A3 APPEND INBOX UTF8 (~{1}\r\na\r\n",
        b"A3 APPEND INBOX UTF8 ~{1}\r\na\r\n",
    ] {
        assert!(
            parse_command(bad, &config).is_err(),
            "{}",
            bad.escape_ascii()
        );
    }
}

use CommandBody as B2;

const CAT_BOUNDARY: &str = "\r\n--------------030308070208000400050907\r\n";
const CAT_END: &str = "\r\n--------------030308070208000400050907--\r\n";

#[test]
fn rfc4469_catenate() {
    // RFC 4469 Appendix A, the first example (the RFC text was not retrievable here; the bytes
    // are those of the example as reproduced by public IMAP test suites): a message built from
    // the parts of a draft.
    let url = |s: &'static str| CatenatePart::Url(astrq(s));
    let text = |s: &'static str| CatenatePart::Text(lit(s.as_bytes()));
    assert_eq!((CAT_BOUNDARY.len(), CAT_END.len()), (42, 44));
    let input = format!(
        "A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER\" TEXT {{42}}\r\n{CAT_BOUNDARY} URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1.MIME\" URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1\" TEXT {{42}}\r\n{CAT_BOUNDARY} URL \"/Drafts;UIDVALIDITY=385759045/;UID=30\" TEXT {{44}}\r\n{CAT_END})\r\n"
    );
    let expected = cmd(
        "A003",
        append1(
            "Drafts",
            AppendMessage {
                flags: Some(vec![
                    Flag::Seen,
                    Flag::Draft,
                    Flag::Keyword(atom("$MDNSent")),
                ]),
                date: None,
                data: AppendData::Catenate(v1(vec![
                    url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER"),
                    text(CAT_BOUNDARY),
                    url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1.MIME"),
                    url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1"),
                    text(CAT_BOUNDARY),
                    url("/Drafts;UIDVALIDITY=385759045/;UID=30"),
                    text(CAT_END),
                ])),
            },
        ),
    );
    ex(&input, expected.clone());
    // Three synchronizing literals: the encoder yields four line fragments and three literals.
    let mut e = Encoder::new();
    expected.encode(&mut e);
    let literals = e
        .fragments()
        .filter(|f| matches!(f, imap_proto::encode::Fragment::Literal { .. }))
        .count();
    assert_eq!(literals, 3);
    // MULTIAPPEND with CATENATE (RFC 4469 §3), a date, a bare-atom URL and a UTF8 part (RFC 6855
    // §4 `cat-part =/ utf8-literal`): representative command.
    ex(
        "A004 APPEND Sent \"17-Jul-1996 02:44:25 -0700\" CATENATE (URL /Sent/;UID=3 UTF8 (~{2}\r\n\u{e9})) {1+}\r\nx\r\n",
        cmd(
            "A004",
            B2::Append {
                mailbox: mb("Sent"),
                messages: v1(vec![
                    AppendMessage {
                        flags: None,
                        date: Some(DateTime::new(date(1996, 7, 17), 2, 44, 25, -7 * 60).unwrap()),
                        data: AppendData::Catenate(v1(vec![
                            CatenatePart::Url(astr("/Sent/;UID=3")),
                            CatenatePart::Utf8(Literal::binary("\u{e9}".as_bytes())),
                        ])),
                    },
                    AppendMessage::new(lit(b"x").with_mode(LiteralMode::NonSync)),
                ]),
            },
        ),
    );
    // `CATENATE ()`, a quoted TEXT, a literal8 TEXT and an unknown part are refused (RFC 4469
    // §5: at least one part; `text-literal = "TEXT" SP literal`).
    let config = ParseConfig::default();
    for bad in [
        &b"A5 APPEND Drafts CATENATE ()\r\n"[..],
        b"A5 APPEND Drafts CATENATE (TEXT \"abc\")\r\n",
        b"A5 APPEND Drafts CATENATE (TEXT ~{1}\r\na)\r\n",
        b"A5 APPEND Drafts CATENATE (FOO \"abc\")\r\n",
        b"A5 APPEND Drafts CATENATE (URL)\r\n",
    ] {
        assert!(
            parse_command(bad, &config).is_err(),
            "{}",
            bad.escape_ascii()
        );
    }
}

#[test]
fn rfc5267_esort_context() {
    use SearchKey as K;
    use SearchReturnOption as R;
    let crit = |reverse, key| SortCriterion { reverse, key };
    let sort = |uid, ret: Option<Vec<R<'static>>>, criteria: Vec<SortCriterion>, keys| B2::Sort {
        uid,
        return_options: ret,
        criteria: v1(criteria),
        charset: Charset::Atom(atom("UTF-8")),
        keys: v1(keys),
    };
    // RFC 5267 §3.3 (`extended-sort`, RFC 5267 §5). The RFC text was not retrievable here:
    // the examples are as quoted by public IMAP test suites.
    ex(
        "E01 UID SORT RETURN () (REVERSE DATE) UTF-8 UNDELETED\r\n",
        cmd(
            "E01",
            sort(
                true,
                Some(vec![]),
                vec![crit(true, SortKey::Date)],
                vec![K::Undeleted],
            ),
        ),
    );
    ex(
        "E02 UID SORT RETURN (MIN MAX COUNT) (DATE) UTF-8 UNDELETED UNKEYWORD $Junk\r\n",
        cmd(
            "E02",
            sort(
                true,
                Some(vec![R::Min, R::Max, R::Count]),
                vec![crit(false, SortKey::Date)],
                vec![K::Undeleted, K::Unkeyword(atom("$Junk"))],
            ),
        ),
    );
    // §4.2, §4.3 (`modifier-context`, `modifier-update`): CONTEXT and UPDATE on SEARCH and SORT.
    ex(
        "B01 UID SEARCH RETURN (UPDATE COUNT) DELETED KEYWORD $Junk\r\n",
        cmd(
            "B01",
            B2::Search {
                uid: true,
                return_options: Some(vec![R::Update(None), R::Count]),
                charset: None,
                criteria: v1(vec![K::Deleted, K::Keyword(atom("$Junk"))]),
            },
        ),
    );
    ex(
        "C01 UID SORT RETURN (CONTEXT UPDATE ALL) (SUBJECT) UTF-8 ALL\r\n",
        cmd(
            "C01",
            sort(
                true,
                Some(vec![R::Context, R::Update(None), R::All]),
                vec![crit(false, SortKey::Subject)],
                vec![K::All],
            ),
        ),
    );
    // §4.3.5 `command-select =/ "CANCELUPDATE" 1*(SP quoted)`.
    ex(
        "B04 CANCELUPDATE \"B01\" \"B02\"\r\n",
        cmd(
            "B04",
            B2::CancelUpdate {
                tags: v1(vec![tag("B01"), tag("B02")]),
            },
        ),
    );
    ex(
        "B05 CANCELUPDATE \"B01\"\r\n",
        cmd(
            "B05",
            B2::CancelUpdate {
                tags: Vec1::one(tag("B01")),
            },
        ),
    );
    let config = ParseConfig::default();
    for bad in [
        &b"B06 CANCELUPDATE\r\n"[..],
        b"B06 CANCELUPDATE B01\r\n",
        b"B06 CANCELUPDATE \"B+1\"\r\n",
        b"B06 CANCELUPDATE \"\"\r\n",
        b"B06 SORT RETURN (DATE) UTF-8 ALL\r\n",
    ] {
        assert!(
            parse_command(bad, &config).is_err(),
            "{}",
            bad.escape_ascii()
        );
    }
}

#[test]
fn rfc6203_fuzzy() {
    use SearchKey as K;
    use SearchReturnOption as R;
    let fuzzy = |k| K::Fuzzy(Box::new(k));
    // RFC 6203 §3, §4, §5, §6 (`search-key =/ "FUZZY" SP search-key`, `search-return-opt =/
    // "RELEVANCY"`, `sort-key =/ "RELEVANCY"`, §7). The RFC text was not retrievable here:
    // the examples are as quoted by public IMAP test suites.
    ex(
        "A2 SEARCH FUZZY SUBJECT work FROM user@example.com\r\n",
        cmd(
            "A2",
            search(vec![
                fuzzy(K::Subject(astr("work"))),
                K::From(astr("user@example.com")),
            ]),
        ),
    );
    ex(
        "A3 SEARCH SUBJECT \"xyz\" FUZZY ANSWERED\r\n",
        cmd(
            "A3",
            search(vec![K::Subject(astrq("xyz")), fuzzy(K::Answered)]),
        ),
    );
    ex(
        "B1 SEARCH RETURN (RELEVANCY ALL) FUZZY TEXT \"Helo\"\r\n",
        cmd(
            "B1",
            search_ret(
                vec![R::Relevancy, R::All],
                vec![fuzzy(K::Text(astrq("Helo")))],
            ),
        ),
    );
    ex(
        "C1 SORT (RELEVANCY) UTF-8 FUZZY SUBJECT \"Helo\"\r\n",
        cmd(
            "C1",
            B2::Sort {
                uid: false,
                return_options: None,
                criteria: Vec1::one(SortCriterion {
                    reverse: false,
                    key: SortKey::Relevancy,
                }),
                charset: Charset::Atom(atom("UTF-8")),
                keys: Vec1::one(fuzzy(K::Subject(astrq("Helo")))),
            },
        ),
    );
    // FUZZY nests (one depth level each) and needs its key.
    ex(
        "C2 SEARCH FUZZY NOT FUZZY (SEEN FLAGGED)\r\n",
        cmd(
            "C2",
            search(vec![fuzzy(not(fuzzy(K::And(v1(vec![
                K::Seen,
                K::Flagged,
            ])))))]),
        ),
    );
    assert!(parse_command(b"C3 SEARCH FUZZY\r\n", &ParseConfig::default()).is_err());
}

#[test]
fn rfc9394_partial() {
    use FetchAttribute as A;
    use SearchKey as K;
    use SearchReturnOption as R;
    let first = |a, b| PartialRange::first(a, b).unwrap();
    let last = |a, b| PartialRange::last(a, b).unwrap();
    let uid_search = |ret, keys| B2::Search {
        uid: true,
        return_options: Some(ret),
        charset: None,
        criteria: v1(keys),
    };
    let junk = || vec![K::Undeleted, K::Unkeyword(atom("$Junk"))];
    // RFC 9394 §3.1 (`search-return-opt =/ "PARTIAL" SP partial-range`, §5). The RFC text was
    // not retrievable here. A01 is the RFC's command as quoted in a public TypeScript suite's
    // conformance notes ("UID SEARCH RETURN (PARTIAL -1:-100) UNDELETED UNKEYWORD $Junk"); A02
    // and A04 are reconstructed from their answers in ruby/net-imap's `rfc9394_partial.yml`
    // (tags and ranges from there, the search keys assumed to be A01's).
    ex(
        "A01 UID SEARCH RETURN (PARTIAL -1:-100) UNDELETED UNKEYWORD $Junk\r\n",
        cmd("A01", uid_search(vec![R::Partial(last(1, 100))], junk())),
    );
    ex(
        "A02 UID SEARCH RETURN (PARTIAL 23500:24000) UNDELETED UNKEYWORD $Junk\r\n",
        cmd(
            "A02",
            uid_search(vec![R::Partial(first(23500, 24000))], junk()),
        ),
    );
    ex(
        "A04 UID SEARCH RETURN (PARTIAL 24000:24500) UNDELETED UNKEYWORD $Junk\r\n",
        cmd(
            "A04",
            uid_search(vec![R::Partial(first(24000, 24500))], junk()),
        ),
    );
    // RFC 5267 §4.4 with ESORT (§3): as quoted in a public Java IMAP library's documentation.
    ex(
        "E01 UID SORT RETURN (PARTIAL 23500:24000) (REVERSE DATE) UTF-8 UNDELETED UNKEYWORD $Junk\r\n",
        cmd(
            "E01",
            B2::Sort {
                uid: true,
                return_options: Some(vec![R::Partial(first(23500, 24000))]),
                criteria: Vec1::one(SortCriterion {
                    reverse: true,
                    key: SortKey::Date,
                }),
                charset: Charset::Atom(atom("UTF-8")),
                keys: v1(junk()),
            },
        ),
    );
    // RFC 9394 §4 (`fetch-modifier =/ "PARTIAL" SP partial-range`): `UID FETCH 1:* (FLAGS)
    // (PARTIAL -1:-30)` as quoted by public IMAP test suites (the tag is ours).
    let fetch = |set, modifiers| B2::Fetch {
        uid: true,
        set: seq(set),
        items: FetchItems::List(Vec1::one(A::Flags)),
        modifiers,
    };
    ex(
        "A05 UID FETCH 1:* (FLAGS) (PARTIAL -1:-30)\r\n",
        cmd(
            "A05",
            fetch("1:*", vec![FetchModifier::Partial(last(1, 30))]),
        ),
    );
    // Written for this test: PARTIAL with CHANGEDSINCE, with other return options, a range
    // written high to low (kept as written), lower case.
    ex(
        "A06 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5 PARTIAL 1:20)\r\n",
        cmd(
            "A06",
            fetch(
                "1:*",
                vec![
                    FetchModifier::ChangedSince(5),
                    FetchModifier::Partial(first(1, 20)),
                ],
            ),
        ),
    );
    ex(
        "A07 UID SEARCH RETURN (MIN PARTIAL 500:1 COUNT) ALL\r\n",
        cmd(
            "A07",
            uid_search(
                vec![R::Min, R::Partial(first(500, 1)), R::Count],
                vec![K::All],
            ),
        ),
    );
    ex_spelled(
        "A08 uid search return (partial -100:-1) all\r\n",
        cmd(
            "A08",
            uid_search(vec![R::Partial(last(100, 1))], vec![K::All]),
        ),
    );
    // Malformed ranges, each with its typed error.
    let config = ParseConfig::default();
    refused(
        &config,
        &[
            (
                &b"B1 SEARCH RETURN (PARTIAL 0:5) ALL\r\n"[..],
                ParseErrorKind::Invalid("nz-number"),
            ),
            (
                b"B2 SEARCH RETURN (PARTIAL 5:0) ALL\r\n",
                ParseErrorKind::Invalid("nz-number"),
            ),
            (
                b"B3 SEARCH RETURN (PARTIAL -1:5) ALL\r\n",
                ParseErrorKind::Invalid("partial range (mixed signs)"),
            ),
            (
                b"B4 SEARCH RETURN (PARTIAL 1:-5) ALL\r\n",
                ParseErrorKind::Invalid("partial range (mixed signs)"),
            ),
            (
                b"B5 SEARCH RETURN (PARTIAL 1:*) ALL\r\n",
                ParseErrorKind::Expected("number"),
            ),
            (
                b"B6 SEARCH RETURN (PARTIAL 5) ALL\r\n",
                ParseErrorKind::Expected("':' of a partial range"),
            ),
            (
                b"B7 SEARCH RETURN (PARTIAL) ALL\r\n",
                ParseErrorKind::Expected("SP"),
            ),
            (
                b"B8 SEARCH RETURN (PARTIAL 1:5,7:9) ALL\r\n",
                ParseErrorKind::Expected("partial range"),
            ),
            (
                b"B9 UID FETCH 1:* (FLAGS) (PARTIAL -0:-30)\r\n",
                ParseErrorKind::Invalid("nz-number"),
            ),
            (
                b"B10 UID FETCH 1:* (FLAGS) (PARTIAL 1:4294967296)\r\n",
                ParseErrorKind::Invalid("number"),
            ),
        ],
    );
    // The value type refuses what the grammar cannot express.
    assert!(PartialRange::new(0, 5).is_err());
    assert!(PartialRange::new(-1, 5).is_err());
    assert!(PartialRange::new(1, -5).is_err());
    assert!(PartialRange::new(1, i64::from(u32::MAX) + 1).is_err());
    assert!(PartialRange::first(0, 1).is_err());
    assert!(PartialRange::last(1, 0).is_err());
    assert_eq!(PartialRange::new(-1, -100).unwrap(), last(1, 100));
    assert_eq!(last(1, 100).signed(), (-1, -100));
    assert_eq!(first(500, 1).normalize(), first(1, 500));
    assert_eq!(first(500, 1).normalized(), (1, 500));
    assert_eq!(last(100, 1).positions(50), Some((1, 50)));
    assert_eq!(last(10, 20).positions(100), Some((81, 91)));
    assert_eq!(first(1, 20).positions(0), None);
    assert_eq!(
        first(u32::MAX, u32::MAX).positions(u32::MAX),
        Some((u32::MAX, u32::MAX))
    );
    assert_eq!(last(u32::MAX, 1).positions(u32::MAX), Some((1, u32::MAX)));
}

#[test]
fn rfc5465_notify() {
    use FetchAttribute as A;
    use MailboxFilter as F;
    use NotifyEvent as E;
    let group =
        |filter, events: Vec<E<'static>>| EventGroup::new(filter, Some(v1(events))).unwrap();
    let set = |status, groups| B2::Notify {
        set: Some(NotifySet::new(status, v1(groups)).unwrap()),
    };
    let new_expunge = || vec![E::MessageNew(None), E::MessageExpunge];
    let new_expunge_flags = || vec![E::MessageNew(None), E::MessageExpunge, E::FlagChange];
    let fields = |names: &[&'static str]| {
        Section::new(
            None,
            Some(SectionText::HeaderFields(
                names.iter().map(|n| astr(n)).collect(),
            )),
        )
        .unwrap()
    };
    let peek = |section| A::BodySection {
        peek: true,
        section,
        partial: None,
    };
    let other = |s: &'static str| E::Other(OtherEvent::new(atom(s)).unwrap());

    ex("a NOTIFY NONE\r\n", cmd("a", B2::Notify { set: None }));
    // RFC 5465 §3.1: the examples of page 7 and page 8 as corrected by verified erratum 1804
    // (the erratum's text, from the RFC editor's errata page; the RFC text itself was not
    // retrievable here). As published (`(selected MessageNew (uid …) MessageExpunge)
    // (subtree Lists MessageNew)`) the event lists lack the parentheses of §8, which is refused
    // below. `(subtree Lists (MessageNew))` breaks the §5 rule that MessageNew and
    // MessageExpunge go together, which the parser leaves to the server (Dovecot accepts it).
    let erratum_b = "b notify set status (selected (MessageNew (uid body.peek[header.fields (from to subject)]) MessageExpunge)) (subtree Lists (MessageNew))\r\n";
    let erratum_e = "e notify set (selected (MessageNew (uid body.peek[header.fields (from to subject)]) MessageExpunge)) (subtree Lists (MessageNew)) (mailboxes misc (MessageNew))\r\n";
    let selected_group = || {
        group(
            F::Selected,
            vec![
                E::MessageNew(Some(v1(vec![
                    A::Uid,
                    peek(fields(&["from", "to", "subject"])),
                ]))),
                E::MessageExpunge,
            ],
        )
    };
    let lists = || F::Subtree(Vec1::one(mb("Lists")));
    let only_new: &[E<'static>] = &[E::MessageNew(None)];
    for (line, tag_, status, filters) in [
        (erratum_b, "b", true, vec![lists()]),
        (
            erratum_e,
            "e",
            false,
            vec![lists(), F::Mailboxes(Vec1::one(mb("misc")))],
        ),
    ] {
        let config = ParseConfig::default();
        let Ok(Status::Complete((parsed, used))) = parse_command(line.as_bytes(), &config) else {
            panic!("{line}")
        };
        assert_eq!(used, line.len());
        let CommandBody::Notify { set: Some(set) } = &parsed.body else {
            panic!("{parsed:?}")
        };
        assert_eq!((parsed.tag.as_str(), set.status()), (tag_, status));
        assert_eq!(set.groups()[0], selected_group());
        assert_eq!(set.groups().len(), 1 + filters.len());
        for (g, f) in set.groups()[1..].iter().zip(&filters) {
            assert_eq!((g.filter(), g.events()), (f, Some(only_new)));
            // The server can apply the §5 rule itself.
            assert_eq!(
                EventGroup::check(g.filter(), only_new),
                Err(NotifyRule::NewWithExpunge)
            );
        }
        // Re-encoded, it parses back to the same; every prefix is incomplete.
        let again = parsed.to_bytes();
        let Ok(Status::Complete((back, _))) = parse_command(&again, &config) else {
            panic!("{}", again.escape_ascii())
        };
        assert_eq!(back, parsed);
        for i in 0..line.len() {
            assert!(
                matches!(
                    parse_command(&line.as_bytes()[..i], &config),
                    Ok(Status::Incomplete(_))
                ),
                "prefix {i} of {line}"
            );
        }
    }
    // A corrected form that keeps every rule, with the RFC's spelling.
    ex_spelled(
        "a notify set status (selected (MessageNew (uid body.peek[header.fields (from to subject)]) MessageExpunge)) (subtree Lists (MessageNew MessageExpunge))\r\n",
        cmd(
            "a",
            set(
                true,
                vec![
                    selected_group(),
                    group(F::Subtree(Vec1::one(mb("Lists"))), new_expunge()),
                ],
            ),
        ),
    );
    // The same in this crate's canonical spelling (exact bytes both ways).
    ex(
        "a NOTIFY SET STATUS (selected (MessageNew (UID BODY.PEEK[HEADER.FIELDS (from to subject)]) MessageExpunge)) (subtree Lists (MessageNew MessageExpunge))\r\n",
        cmd(
            "a",
            set(
                true,
                vec![
                    group(
                        F::Selected,
                        vec![
                            E::MessageNew(Some(v1(vec![
                                A::Uid,
                                peek(fields(&["from", "to", "subject"])),
                            ]))),
                            E::MessageExpunge,
                        ],
                    ),
                    group(F::Subtree(Vec1::one(mb("Lists"))), new_expunge()),
                ],
            ),
        ),
    );
    // The published (uncorrected) forms are refused.
    let config = ParseConfig::default();
    refused(&config, &[
        (
            &b"b notify set status (selected MessageNew (uid body.peek[header.fields (from to subject)]) MessageExpunge) (subtree Lists MessageNew)\r\n"[..],
            ParseErrorKind::Expected("'('"),
        ),
    ]);

    // Real clients' commands, as sent (each source named).
    // A TypeScript client test built on ImapFlow (the wire line it expects): upper-case
    // filter names, a mailbox list.
    ex_spelled(
        "A1 NOTIFY SET STATUS (SELECTED (MessageNew MessageExpunge FlagChange)) (MAILBOXES (Archive Projects) (MessageNew MessageExpunge FlagChange))\r\n",
        cmd(
            "A1",
            set(
                true,
                vec![
                    group(F::Selected, new_expunge_flags()),
                    group(
                        F::Mailboxes(v1(vec![mb("Archive"), mb("Projects")])),
                        new_expunge_flags(),
                    ),
                ],
            ),
        ),
    );
    // mox's NOTIFY test (Go, `imapserver/notify_test.go`; tags ours): mixed case, fetch
    // attributes, every mailbox event.
    ex_spelled(
        "t1 Notify Set Status (Selected (messageNew (Uid Modseq Bodystructure Preview) messageExpunge flagChange)) (personal (messageNew messageExpunge flagChange mailboxName subscriptionChange mailboxMetadataChange serverMetadataChange))\r\n",
        cmd(
            "t1",
            set(
                true,
                vec![
                    group(
                        F::Selected,
                        vec![
                            E::MessageNew(Some(v1(vec![
                                A::Uid,
                                A::ModSeq,
                                A::BodyStructure,
                                A::Preview { lazy: false },
                            ]))),
                            E::MessageExpunge,
                            E::FlagChange,
                        ],
                    ),
                    group(
                        F::Personal,
                        vec![
                            E::MessageNew(None),
                            E::MessageExpunge,
                            E::FlagChange,
                            E::MailboxName,
                            E::SubscriptionChange,
                            E::MailboxMetadataChange,
                            E::ServerMetadataChange,
                        ],
                    ),
                ],
            ),
        ),
    );
    ex_spelled(
        "t2 Notify Set (Selected None) (mailboxes testbox (messageNew messageExpunge)) (personal None)\r\n",
        cmd(
            "t2",
            set(
                false,
                vec![
                    EventGroup::none(F::Selected),
                    group(F::Mailboxes(Vec1::one(mb("testbox"))), new_expunge()),
                    EventGroup::none(F::Personal),
                ],
            ),
        ),
    );
    // `subtree-one` (RFC 7377 §2), as mox's test sends it.
    ex_spelled(
        "t3 Notify Set (Subtree-One (Nonexistent Inbox/a other) (messageNew messageExpunge))\r\n",
        cmd(
            "t3",
            set(
                false,
                vec![group(
                    F::SubtreeOne(v1(vec![mb("Nonexistent"), mb("Inbox/a"), mb("other")])),
                    new_expunge(),
                )],
            ),
        ),
    );
    // An unknown event parses (the server answers NO [BADEVENT ...], RFC 5465 §3.1): mox.
    ex_spelled(
        "t4 Notify Set Status (Personal (unknownEvent))\r\n",
        cmd(
            "t4",
            set(true, vec![group(F::Personal, vec![other("unknownEvent")])]),
        ),
    );
    // A public C server's test suite (the client line it sends): fetch attributes with
    // `personal` and `subtree`, which this crate tolerates (see the `notify` module
    // documentation); a quoted mailbox.
    ex_spelled(
        "c3 NOTIFY SET STATUS (SELECTED-DELAYED (MessageNew (FLAGS) MessageExpunge FlagChange)) (personal (MessageNew (FLAGS) MessageExpunge MailboxName FlagChange)) (subtree \"Other Users\" (MessageNew (FLAGS) MessageExpunge MailboxName FlagChange))\r\n",
        cmd(
            "c3",
            set(
                true,
                vec![
                    group(
                        F::SelectedDelayed,
                        vec![
                            E::MessageNew(Some(Vec1::one(A::Flags))),
                            E::MessageExpunge,
                            E::FlagChange,
                        ],
                    ),
                    group(
                        F::Personal,
                        vec![
                            E::MessageNew(Some(Vec1::one(A::Flags))),
                            E::MessageExpunge,
                            E::MailboxName,
                            E::FlagChange,
                        ],
                    ),
                    group(
                        F::Subtree(Vec1::one(mbq("Other Users"))),
                        vec![
                            E::MessageNew(Some(Vec1::one(A::Flags))),
                            E::MessageExpunge,
                            E::MailboxName,
                            E::FlagChange,
                        ],
                    ),
                ],
            ),
        ),
    );
    // A shell client script (derived from shell-imap-notify): lower case, tag `.`.
    ex_spelled(
        ". notify set (subtree lists (MessageNew MessageExpunge))\r\n",
        cmd(
            ".",
            set(
                false,
                vec![group(F::Subtree(Vec1::one(mb("lists"))), new_expunge())],
            ),
        ),
    );
    // A Go server's NOTIFY tests: `NONE` events, a bare mailbox.
    ex_spelled(
        "A1 NOTIFY SET (PERSONAL NONE)\r\n",
        cmd("A1", set(false, vec![EventGroup::none(F::Personal)])),
    );
    ex_spelled(
        "A1 NOTIFY SET (SUBTREE INBOX (MailboxName))\r\n",
        cmd(
            "A1",
            set(
                false,
                vec![group(
                    F::Subtree(Vec1::one(mb("INBOX"))),
                    vec![E::MailboxName],
                )],
            ),
        ),
    );
    // Written for this test: every filter, QuotaChange, a literal mailbox, one mailbox in
    // parentheses (written back bare).
    ex(
        "A2 NOTIFY SET (inboxes (MessageNew MessageExpunge AnnotationChange)) (subscribed (QuotaChange)) (mailboxes ({3}\r\nA B Drafts) (MessageNew MessageExpunge))\r\n",
        cmd(
            "A2",
            set(
                false,
                vec![
                    group(
                        F::Inboxes,
                        vec![E::MessageNew(None), E::MessageExpunge, E::AnnotationChange],
                    ),
                    group(F::Subscribed, vec![E::QuotaChange]),
                    group(
                        F::Mailboxes(v1(vec![
                            Mailbox::new(AString::String(IString::Literal(lit(b"A B")))),
                            mb("Drafts"),
                        ])),
                        new_expunge(),
                    ),
                ],
            ),
        ),
    );
    ex_spelled(
        "A3 NOTIFY SET (mailboxes (INBOX) NONE)\r\n",
        cmd(
            "A3",
            set(
                false,
                vec![EventGroup::none(F::Mailboxes(Vec1::one(Mailbox::Inbox)))],
            ),
        ),
    );

    // Commands that break the grammar or §6.1's one selected group, each with its typed error.
    // Sources: mox's NOTIFY test (`t`), a JavaScript server's (`j`) and a Java server's
    // (`k`) NOTIFY tests; the tags are ours, and the last three `k` lines were written for
    // this test.
    let rule = |r: NotifyRule| ParseErrorKind::Invalid(r.message());
    refused(
        &config,
        &[
            (&b"t NOTIFY\r\n"[..], ParseErrorKind::Expected("SP")),
            (
                b"t Notify bogus\r\n",
                ParseErrorKind::Expected("SET or NONE"),
            ),
            (b"t Notify Set\r\n", ParseErrorKind::Expected("SP")),
            (b"t Notify Set Status\r\n", ParseErrorKind::Expected("SP")),
            (
                b"t Notify Set Status ()\r\n",
                ParseErrorKind::Expected("mailbox filter"),
            ),
            (
                b"t Notify Set Status (UnknownSpecifier (messageNew))\r\n",
                ParseErrorKind::Expected("mailbox filter"),
            ),
            (
                b"t Notify Set Status (Personal messageNew)\r\n",
                ParseErrorKind::Expected("'('"),
            ),
            (
                b"t Notify Set Status (Personal ())\r\n",
                ParseErrorKind::Expected("events"),
            ),
            (
                b"j NOTIFY SET (selected NONE) (selected-delayed NONE)\r\n",
                rule(NotifyRule::OneSelectedFilter),
            ),
            (
                b"j NOTIFY NONE STATUS\r\n",
                ParseErrorKind::Expected("CRLF"),
            ),
            (
                b"k NOTIFY SET (subtree () (MailboxName))\r\n",
                ParseErrorKind::Expected("mailboxes"),
            ),
            (
                b"k NOTIFY SET (personal (MessageNew () MessageExpunge))\r\n",
                ParseErrorKind::Expected("fetch attributes"),
            ),
        ],
    );
    // Commands that break a rule on a group's events (§5, §6.1), from the same sources: they
    // parse (Dovecot accepts them), and `EventGroup::check` names the rule for a server that
    // enforces it.
    for (line, broken) in [
        (
            &b"t Notify Set Status (Selected (mailboxName))\r\n"[..],
            NotifyRule::MessageEventsWithSelected,
        ),
        (
            b"t Notify Set Status (Selected (messageNew))\r\n",
            NotifyRule::NewWithExpunge,
        ),
        (
            b"t Notify Set Status (Selected (flagChange))\r\n",
            NotifyRule::ChangeNeedsNewAndExpunge,
        ),
        (
            b"t Notify Set Status (Selected (annotationChange))\r\n",
            NotifyRule::ChangeNeedsNewAndExpunge,
        ),
        (
            b"k NOTIFY SET (personal (MessageExpunge))\r\n",
            NotifyRule::NewWithExpunge,
        ),
        (
            b"k NOTIFY SET (personal (FlagChange MessageNew))\r\n",
            NotifyRule::NewWithExpunge,
        ),
        (
            b"k NOTIFY SET (selected (MessageNew MessageExpunge XFuture))\r\n",
            NotifyRule::MessageEventsWithSelected,
        ),
    ] {
        let Ok(Status::Complete((parsed, _))) = parse_command(line, &config) else {
            panic!("{}", line.escape_ascii())
        };
        let CommandBody::Notify { set: Some(set) } = parsed.body else {
            panic!("{}", line.escape_ascii())
        };
        let g = &set.groups()[0];
        assert_eq!(
            EventGroup::check(g.filter(), g.events().unwrap()),
            Err(broken),
            "{}",
            line.escape_ascii()
        );
    }
    // The constructors refuse the same.
    assert!(
        NotifySet::new(
            false,
            v1(vec![
                EventGroup::none(F::Selected),
                EventGroup::none(F::SelectedDelayed)
            ])
        )
        .is_err()
    );
    assert_eq!(
        EventGroup::new(F::Personal, Some(Vec1::one(E::FlagChange))),
        Err(ValueError::Invalid(
            NotifyRule::ChangeNeedsNewAndExpunge.message()
        ))
    );
    assert!(OtherEvent::new(atom("messagenew")).is_err());
    assert_eq!(NotifyEvent::from_atom(atom("FLAGCHANGE")), E::FlagChange);
}

/// RFC 4466 §2.1–§2.5 (and §3's `select-param`, `create-param`, `rename-param`,
/// `fetch-modifier`, `store-modifier`): parameters and modifiers the crate does not type are
/// kept as `Other { name, value }`, `name [SP tagged-ext-val]`, next to the typed ones, in
/// the order sent; a known name with a bad value is an error; the constructors refuse what
/// would not re-parse as itself.
#[test]
fn rfc4466_generic_parameters() {
    let num = TaggedExtValue::Number;
    let set = |s| TaggedExtValue::SequenceSet(seq(s));
    let comp = TaggedExtValue::Comp;
    let sel = |n, v| SelectParameter::other(atom(n), v).unwrap();
    ex(
        "a SELECT INBOX (ANNOTATE)\r\n",
        cmd(
            "a",
            CommandBody::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![sel("ANNOTATE", None)],
            },
        ),
    );
    // Values: a number64, sequence sets (with `*` and `$`), lists with strings and nested
    // lists; a name with every label character; lower case kept as sent.
    ex(
        "a EXAMINE INBOX (x-foo 9223372036854775807 _A.b:1 1:* B $ C (\"x y\" z (1)) CONDSTORE D ())\r\n",
        cmd(
            "a",
            CommandBody::Examine {
                mailbox: Mailbox::Inbox,
                parameters: vec![
                    sel("x-foo", Some(num(NUMBER64_MAX))),
                    sel("_A.b:1", Some(set("1:*"))),
                    sel("B", Some(set("$"))),
                    sel(
                        "C",
                        Some(comp(vec![
                            TaggedExtComp::AString(astrq("x y")),
                            TaggedExtComp::AString(astr("z")),
                            TaggedExtComp::List(vec![TaggedExtComp::AString(astr("1"))]),
                        ])),
                    ),
                    SelectParameter::CondStore,
                    sel("D", Some(comp(vec![]))),
                ],
            },
        ),
    );
    // Known names are matched ignoring case, and written upper case.
    ex_spelled(
        "a SELECT INBOX (condstore)\r\n",
        cmd(
            "a",
            CommandBody::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::CondStore],
            },
        ),
    );
    ex(
        "a CREATE foo (X-TYPE 5 USE (\\Sent) X-FLAG)\r\n",
        cmd(
            "a",
            CommandBody::Create {
                mailbox: mb("foo"),
                parameters: vec![
                    CreateParameter::other(atom("X-TYPE"), Some(num(5))).unwrap(),
                    CreateParameter::Use(vec![MailboxAttribute::Sent]),
                    CreateParameter::other(atom("X-FLAG"), None).unwrap(),
                ],
            },
        ),
    );
    ex(
        "a RENAME foo bar (X-KEEP X-IDS 1,3:4 X-L ({3}\r\nabc))\r\n",
        cmd(
            "a",
            CommandBody::Rename {
                from: mb("foo"),
                to: mb("bar"),
                parameters: vec![
                    RenameParameter::other(atom("X-KEEP"), None).unwrap(),
                    RenameParameter::other(atom("X-IDS"), Some(set("1,3:4"))).unwrap(),
                    RenameParameter::other(
                        atom("X-L"),
                        Some(comp(vec![TaggedExtComp::AString(AString::String(
                            IString::Literal(lit(b"abc")),
                        ))])),
                    )
                    .unwrap(),
                ],
            },
        ),
    );
    ex(
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 7 X-LIMIT 10 VANISHED X-SORT (DATE))\r\n",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: true,
                set: seq("1:*"),
                items: FetchItems::List(v1(vec![FetchAttribute::Flags])),
                modifiers: vec![
                    FetchModifier::ChangedSince(7),
                    FetchModifier::other(atom("X-LIMIT"), Some(num(10))).unwrap(),
                    FetchModifier::Vanished,
                    FetchModifier::other(
                        atom("X-SORT"),
                        Some(comp(vec![TaggedExtComp::AString(astr("DATE"))])),
                    )
                    .unwrap(),
                ],
            },
        ),
    );
    ex(
        "a FETCH 2 UID (X-A)\r\n",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: false,
                set: seq("2"),
                items: FetchItems::Single(FetchAttribute::Uid),
                modifiers: vec![FetchModifier::other(atom("X-A"), None).unwrap()],
            },
        ),
    );
    ex(
        "a UID STORE 1 (X-NOTIFY UNCHANGEDSINCE 0) -FLAGS.SILENT (\\Seen)\r\n",
        cmd(
            "a",
            CommandBody::Store {
                uid: true,
                set: seq("1"),
                modifiers: vec![
                    StoreModifier::other(atom("X-NOTIFY"), None).unwrap(),
                    StoreModifier::UnchangedSince(0),
                ],
                action: StoreAction::Remove,
                silent: true,
                flags: StoreFlags::List(vec![Flag::Seen]),
            },
        ),
    );
    ex(
        "a STORE 1 (X-N 3:4) +X-GM-LABELS (foo)\r\n",
        cmd(
            "a",
            CommandBody::StoreGmLabels {
                uid: false,
                set: seq("1"),
                modifiers: vec![StoreModifier::other(atom("X-N"), Some(set("3:4"))).unwrap()],
                action: StoreAction::Add,
                silent: false,
                labels: vec![GmLabel::Label(astr("foo"))],
            },
        ),
    );

    // Errors: empty lists, known names with bad values, names that are not labels, values
    // that are not a `tagged-ext-val` (a lone string or atom is the next parameter's name).
    use ParseErrorKind::Expected;
    refused(
        &ParseConfig::default(),
        &[
            (b"a SELECT INBOX ()\r\n", Expected("select parameters")),
            (
                b"a SELECT INBOX (CONDSTORE 5)\r\n",
                Expected("select parameter"),
            ),
            (b"a SELECT INBOX (QRESYNC)\r\n", Expected("SP")),
            (b"a SELECT INBOX (1X)\r\n", Expected("select parameter")),
            (b"a SELECT INBOX (:X)\r\n", Expected("select parameter")),
            (
                b"a SELECT INBOX (X \"s\")\r\n",
                Expected("select parameter"),
            ),
            (b"a SELECT INBOX (X 1:)\r\n", Expected("sequence set")),
            (b"a SELECT INBOX (X (1)\r\n", Expected("SP")),
            (b"a CREATE foo ()\r\n", Expected("create parameters")),
            (b"a CREATE foo (USE)\r\n", Expected("SP")),
            (b"a CREATE foo (USE \\Sent)\r\n", Expected("'('")),
            (b"a RENAME a b ()\r\n", Expected("rename parameters")),
            (
                b"a RENAME a b (X Y \"s\")\r\n",
                Expected("rename parameter"),
            ),
            (b"a FETCH 1 FLAGS ()\r\n", Expected("fetch modifiers")),
            (
                b"a FETCH 1 FLAGS (CHANGEDSINCE x)\r\n",
                Expected("number64"),
            ),
            (
                b"a FETCH 1 FLAGS (VANISHED 1)\r\n",
                Expected("fetch modifier"),
            ),
            (b"a FETCH 1 FLAGS (LAZY)\r\n", Expected("fetch modifier")),
            (
                b"a FETCH 1 PREVIEW (LAZY X)\r\n",
                Expected("fetch modifier"),
            ),
            (
                b"a STORE 1 () FLAGS \\Seen\r\n",
                Expected("store modifiers"),
            ),
            (
                b"a STORE 1 (UNCHANGEDSINCE) FLAGS \\Seen\r\n",
                Expected("SP"),
            ),
            (
                b"a STORE 1 (UNCHANGEDSINCE 1 X UNCHANGEDSINCE 2) FLAGS \\Seen\r\n",
                ParseErrorKind::Invalid("store modifiers"),
            ),
            (
                b"a STORE 1 (X 99999999999999999999) FLAGS \\Seen\r\n",
                Expected("sequence set"),
            ),
        ],
    );

    // The constructors: typed names (any case), non-labels, and values that would read back
    // as something else are refused.
    assert_eq!(
        SelectParameter::other(atom("QResync"), None),
        Err(ValueError::Reserved("select parameter"))
    );
    assert_eq!(
        CreateParameter::other(atom("use"), None),
        Err(ValueError::Reserved("create parameter"))
    );
    assert_eq!(
        FetchModifier::other(atom("partial"), None),
        Err(ValueError::Reserved("fetch modifier"))
    );
    assert_eq!(
        StoreModifier::other(atom("UNCHANGEDSINCE"), Some(num(1))),
        Err(ValueError::Reserved("store modifier"))
    );
    assert_eq!(
        RenameParameter::other(atom("X/Y"), None),
        Err(ValueError::InvalidChar {
            what: "rename parameter",
            offset: 1
        })
    );
    assert!(RenameParameter::other(atom("9X"), None).is_err());
    assert!(RenameParameter::other(atom(":X"), None).is_err());
    assert!(RenameParameter::other(atom("X9:"), None).is_ok());
    assert!(FetchModifier::other(atom("X"), Some(TaggedExtValue::AString(astr("Y")))).is_err());
    assert!(FetchModifier::other(atom("X"), Some(set("5"))).is_err());
    assert!(FetchModifier::other(atom("X"), Some(set("5,6"))).is_ok());
    assert!(FetchModifier::other(atom("X"), Some(num(NUMBER64_MAX + 1))).is_err());
    assert!(FetchModifier::other(atom("X"), Some(num(NUMBER64_MAX))).is_ok());
    assert!(FetchModifier::other(atom("lazy"), None).is_err());

    // After a lone PREVIEW only ` (LAZY)` is PREVIEW's modifier list (RFC 8970 §3.1); a
    // modifier whose name starts with LAZY is the command's.
    ex(
        "a FETCH 1 PREVIEW (LAZY-X)\r\n",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: false,
                set: seq("1"),
                items: FetchItems::Single(FetchAttribute::Preview { lazy: false }),
                modifiers: vec![FetchModifier::other(atom("LAZY-X"), None).unwrap()],
            },
        ),
    );
    ex(
        "a FETCH 1 PREVIEW (LAZY) (X)\r\n",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: false,
                set: seq("1"),
                items: FetchItems::Single(FetchAttribute::Preview { lazy: true }),
                modifiers: vec![FetchModifier::other(atom("X"), None).unwrap()],
            },
        ),
    );
}

/// RFC 4466 §2.1–§2.5 "Any parameter not defined by extensions that the server supports must
/// be rejected with a BAD response", in the server machine: a command with a parameter or
/// modifier the crate does not type is answered BAD (the RFC's `BLURDYBLOOP` example) unless
/// the application lists its name in `ServerConfig::extension_parameters`, in which case the
/// command reaches the application with the parameter as parsed.
#[test]
fn rfc4466_server_refuses_unknown_parameters() {
    let run = run_server_with_extensions;
    let session: &[u8] = b"a1 LOGIN u p\r\n\
        a SELECT INBOX (BLURDYBLOOP)\r\n\
        b SELECT INBOX (CONDSTORE)\r\n\
        c EXAMINE INBOX (CONDSTORE annotate)\r\n\
        d CREATE foo (X-T 1)\r\n\
        e RENAME foo bar (X-T)\r\n\
        f FETCH 1 FLAGS (X-T)\r\n\
        g UID STORE 1 (X-T) +FLAGS \\Seen\r\n\
        h STORE 1 (UNCHANGEDSINCE 1) +FLAGS \\Seen\r\n";
    let (out, commands) = run(&[], session);
    for line in [
        "a BAD Unknown parameter in SELECT command\r\n",
        "c BAD Unknown parameter in EXAMINE command\r\n",
        "d BAD Unknown parameter in CREATE command\r\n",
        "e BAD Unknown parameter in RENAME command\r\n",
        "f BAD Unknown modifier in FETCH command\r\n",
        "g BAD Unknown modifier in STORE command\r\n",
        "b OK [READ-WRITE] SELECT completed\r\n",
        "h OK done\r\n",
    ] {
        assert!(out.contains(line), "{line:?} not in {out}");
    }
    assert_eq!(commands.len(), 2, "{commands:?}");
    // Listed (ignoring case): every command reaches the application.
    let (out, commands) = run(&["ANNOTATE", "BLURDYBLOOP", "x-t"], session);
    assert!(!out.contains(" BAD "), "{out}");
    assert_eq!(commands.len(), 8, "{commands:?}");
    assert_eq!(
        commands[0],
        CommandBody::Select {
            mailbox: Mailbox::Inbox,
            parameters: vec![SelectParameter::other(atom("BLURDYBLOOP"), None).unwrap()],
        }
    );
    assert_eq!(
        commands[6],
        CommandBody::Store {
            uid: true,
            set: seq("1"),
            modifiers: vec![StoreModifier::other(atom("X-T"), None).unwrap()],
            action: StoreAction::Add,
            silent: false,
            flags: StoreFlags::Bare(Vec1::one(Flag::Seen)),
        }
    );
}

/// RFC 4466 §2.6.1 and §2.1–§2.5's rule: a SEARCH or SORT return option the crate does not
/// type is answered BAD by the server machine unless its name is listed in
/// `ServerConfig::extension_parameters`; typed options (`UPDATE (fetch-att ...)` of RFC 5465
/// §7 among them) always reach the application.
#[test]
fn rfc4466_server_refuses_unknown_search_return_options() {
    let run = run_server_with_extensions;
    let session: &[u8] = b"a1 LOGIN u p\r\n\
        a2 SELECT INBOX\r\n\
        a SEARCH RETURN (COUNT X-FUZZY 5) ALL\r\n\
        b UID SORT RETURN (x-fuzzy) (DATE) UTF-8 ALL\r\n\
        c SEARCH RETURN (COUNT UPDATE (UID FLAGS)) ALL\r\n";
    let (out, commands) = run(&[], session);
    for line in [
        "a BAD Unknown return option in SEARCH command\r\n",
        "b BAD Unknown return option in SORT command\r\n",
        "c OK done\r\n",
    ] {
        assert!(out.contains(line), "{line:?} not in {out}");
    }
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(
        commands[1],
        search_ret(
            vec![
                SearchReturnOption::Count,
                SearchReturnOption::Update(Some(v1(vec![
                    FetchAttribute::Uid,
                    FetchAttribute::Flags
                ]))),
            ],
            vec![SearchKey::All],
        )
    );
    // Listed (ignoring case): every command reaches the application.
    let (out, commands) = run(&["X-Fuzzy"], session);
    assert!(!out.contains(" BAD "), "{out}");
    assert_eq!(commands.len(), 4, "{commands:?}");
    assert_eq!(
        commands[1],
        search_ret(
            vec![
                SearchReturnOption::Count,
                SearchReturnOption::other(atom("X-FUZZY"), Some(TaggedExtValue::Number(5)))
                    .unwrap(),
            ],
            vec![SearchKey::All],
        )
    );
}

/// RFC 4466 §2.6.1 and §3 (`search-return-opt = search-modifier-name [SP search-mod-params]`,
/// a `tagged-ext-label` and a `tagged-ext-val`) and RFC 5465 §8 (`modifier-update = "UPDATE"
/// ["(" fetch-att *(SP fetch-att) ")"]`): return options the crate does not type are kept as
/// `SearchReturnOption::Other`, next to the typed ones, in the order sent; a known name with
/// a bad value is an error; the constructor refuses what would not re-parse as itself.
#[test]
fn rfc4466_generic_search_return_options() {
    use SearchReturnOption as R;
    let num = TaggedExtValue::Number;
    let set = |s| TaggedExtValue::SequenceSet(seq(s));
    let other = |n, v| R::other(atom(n), v).unwrap();
    ex(
        "a SEARCH RETURN (MIN X-FUZZY 5 COUNT x-l (a (b)) _S:1 1:* UPDATE (UID FLAGS) X-N) ALL\r\n",
        cmd(
            "a",
            search_ret(
                vec![
                    R::Min,
                    other("X-FUZZY", Some(num(5))),
                    R::Count,
                    other(
                        "x-l",
                        Some(TaggedExtValue::Comp(vec![
                            TaggedExtComp::AString(astr("a")),
                            TaggedExtComp::List(vec![TaggedExtComp::AString(astr("b"))]),
                        ])),
                    ),
                    other("_S:1", Some(set("1:*"))),
                    R::Update(Some(v1(vec![FetchAttribute::Uid, FetchAttribute::Flags]))),
                    other("X-N", None),
                ],
                vec![SearchKey::All],
            ),
        ),
    );
    ex(
        "a UID SORT RETURN (X-A PARTIAL 1:10 UPDATE X-B $) (DATE) UTF-8 ALL\r\n",
        cmd(
            "a",
            CommandBody::Sort {
                uid: true,
                return_options: Some(vec![
                    other("X-A", None),
                    R::Partial(PartialRange::new(1, 10).unwrap()),
                    R::Update(None),
                    other("X-B", Some(set("$"))),
                ]),
                criteria: v1(vec![SortCriterion {
                    reverse: false,
                    key: SortKey::Date,
                }]),
                charset: Charset::Atom(atom("UTF-8")),
                keys: v1(vec![SearchKey::All]),
            },
        ),
    );
    // Known names are matched ignoring case, and written upper case.
    ex_spelled(
        "a SEARCH RETURN (count update (uid)) ALL\r\n",
        cmd(
            "a",
            search_ret(
                vec![R::Count, R::Update(Some(v1(vec![FetchAttribute::Uid])))],
                vec![SearchKey::All],
            ),
        ),
    );

    // RFC 5465 §8's ABNF (`"UPDATE" [ "(" fetch-att ...`) has no SP before the list; it is
    // read, and written with the SP of its §7 example.
    ex_spelled(
        "a SEARCH RETURN (UPDATE(UID FLAGS) MIN) ALL\r\n",
        cmd(
            "a",
            search_ret(
                vec![
                    R::Update(Some(v1(vec![FetchAttribute::Uid, FetchAttribute::Flags]))),
                    R::Min,
                ],
                vec![SearchKey::All],
            ),
        ),
    );

    // Errors: known names with bad values, names that are not labels, values that are not a
    // `tagged-ext-val`, an empty or bad UPDATE list.
    use ParseErrorKind::Expected;
    refused(
        &ParseConfig::default(),
        &[
            (
                b"a SEARCH RETURN (MIN 5) ALL\r\n",
                Expected("search return option"),
            ),
            (
                b"a SEARCH RETURN (UPDATE 5) ALL\r\n",
                Expected("search return option"),
            ),
            (b"a SEARCH RETURN (PARTIAL) ALL\r\n", Expected("SP")),
            (
                b"a SEARCH RETURN (UPDATE ()) ALL\r\n",
                Expected("fetch attributes"),
            ),
            (
                b"a SEARCH RETURN (UPDATE (X-FOO)) ALL\r\n",
                Expected("fetch attribute"),
            ),
            (
                b"a SEARCH RETURN (1X) ALL\r\n",
                Expected("search return option"),
            ),
            (
                b"a SEARCH RETURN (:X) ALL\r\n",
                Expected("search return option"),
            ),
            (
                b"a SEARCH RETURN (X \"s\") ALL\r\n",
                Expected("search return option"),
            ),
            (b"a SEARCH RETURN (X 1:) ALL\r\n", Expected("sequence set")),
        ],
    );

    // The constructor: typed names (any case), non-labels, and values that would read back as
    // something else are refused.
    for name in KNOWN_SEARCH_RETURN_OPTIONS {
        assert_eq!(
            R::other(atom(name), None),
            Err(ValueError::Reserved("search return option"))
        );
    }
    assert_eq!(
        R::other(atom("Update"), None),
        Err(ValueError::Reserved("search return option"))
    );
    assert_eq!(
        R::other(atom("X/Y"), None),
        Err(ValueError::InvalidChar {
            what: "search return option",
            offset: 1
        })
    );
    assert!(R::other(atom("9X"), None).is_err());
    assert!(R::other(atom("X"), Some(TaggedExtValue::AString(astr("Y")))).is_err());
    assert!(R::other(atom("X"), Some(set("5"))).is_err());
    assert!(R::other(atom("X"), Some(num(NUMBER64_MAX + 1))).is_err());
    assert!(R::other(atom("X"), Some(num(NUMBER64_MAX))).is_ok());
    assert_eq!(other("x-Fuzzy", None).name(), "x-Fuzzy");
    assert_eq!(
        R::Update(Some(v1(vec![FetchAttribute::Uid]))).name(),
        "UPDATE"
    );
}

/// Drives a server that knows `extension_parameters` through `input` (LOGIN accepted, SELECT
/// and EXAMINE completed as selected, every other command answered `OK done`): its output and
/// the commands that reached the application.
fn run_server_with_extensions(
    extension_parameters: &[&str],
    input: &[u8],
) -> (String, Vec<CommandBody<'static>>) {
    use imap_proto::server::{Server, ServerConfig, ServerEvent};
    let mut config = ServerConfig::new("imap.example.com");
    config.allow_plaintext_login_without_tls = true;
    config.extension_parameters = extension_parameters.iter().map(|s| s.to_string()).collect();
    let mut server = Server::new(config).unwrap();
    let mut out = Vec::new();
    let mut commands = Vec::new();
    server.poll_transmit(&mut out);
    out.clear();
    let mut rest = input;
    while !rest.is_empty() {
        let n = server.receive(rest);
        rest = &rest[n..];
        while let Some(event) = server.poll_event() {
            match event.into_owned() {
                ServerEvent::Login { .. } => server.accept_login().unwrap(),
                ServerEvent::Command { body, .. } => {
                    let select = match body {
                        CommandBody::Select { .. } => Some(false),
                        CommandBody::Examine { .. } => Some(true),
                        _ => None,
                    };
                    commands.push(body);
                    if let Some(read_only) = select {
                        server.selected(read_only).unwrap();
                    } else {
                        server.done(State::Ok, None, "done").unwrap();
                    }
                }
                _ => {}
            }
        }
        server.poll_transmit(&mut out);
    }
    (String::from_utf8(out).unwrap(), commands)
}
