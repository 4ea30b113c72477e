//! Property tests of the command codec: round trips, chunking, arbitrary input.

use std::net::{Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use smtp_proto::parse::{CommandConfig, Status, parse_command};
use smtp_proto::types::*;

fn config() -> CommandConfig {
    let mut c = CommandConfig::strict();
    c.max_line_len = 64 * 1024;
    c.max_params = 64;
    c
}

fn domain_name() -> impl Strategy<Value = DomainName<'static>> {
    prop_oneof![
        "[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?){0,3}",
        Just("例子.广告".to_owned()),
        Just("ドメイン.テスト".to_owned()),
    ]
    .prop_map(|s| DomainName::new(s).unwrap())
}

fn literal() -> impl Strategy<Value = AddressLiteral<'static>> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(|a| AddressLiteral::Ipv4(Ipv4Addr::from(a))),
        any::<[u16; 8]>().prop_map(|a| AddressLiteral::Ipv6(Ipv6Addr::from(a))),
        ("x-[a-z0-9]{1,5}", "[!-Z^-~]{1,10}")
            .prop_map(|(t, c)| AddressLiteral::General(GeneralLiteral::new(t, c).unwrap())),
    ]
}

fn domain() -> impl Strategy<Value = Domain<'static>> {
    prop_oneof![
        3 => domain_name().prop_map(Domain::Name),
        1 => literal().prop_map(Domain::Literal),
    ]
}

fn local_part() -> impl Strategy<Value = LocalPart<'static>> {
    prop_oneof![
        "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,8}(\\.[a-zA-Z0-9_-]{1,5}){0,2}"
            .prop_map(|s| LocalPart::new(s).unwrap()),
        "[ -~]{0,12}".prop_map(|s| LocalPart::from_unquoted(&s).unwrap()),
        Just(LocalPart::new("用户").unwrap()),
    ]
}

fn mailbox() -> impl Strategy<Value = Mailbox<'static>> {
    (local_part(), domain()).prop_map(|(l, d)| Mailbox::new(l, d))
}

fn text() -> impl Strategy<Value = Text<'static>> {
    "[!-~]([ -~\u{e9}]{0,20}[!-~])?".prop_map(|s| Text::new(s).unwrap())
}

fn xtext() -> impl Strategy<Value = XText<'static>> {
    proptest::collection::vec(any::<u8>(), 1..12).prop_map(|b| XText::encode(&b).unwrap())
}

fn others() -> impl Strategy<Value = Vec<Param<'static>>> {
    proptest::collection::vec(
        ("X-[A-Za-z0-9]{1,6}", proptest::option::of("[!-<>-~]{1,8}"))
            .prop_map(|(k, v)| Param::new(k, v.map(|v| EsmtpValue::new(v).unwrap())).unwrap()),
        0..3,
    )
}

prop_compose! {
    fn mail_params()(
        size in proptest::option::of(any::<u64>()),
        body in proptest::option::of(prop_oneof![
            Just(Body::SevenBit), Just(Body::EightBitMime), Just(Body::BinaryMime)
        ]),
        smtputf8 in any::<bool>(),
        ret in proptest::option::of(prop_oneof![Just(Ret::Full), Just(Ret::Hdrs)]),
        envid in proptest::option::of(xtext()),
        auth in proptest::option::of(xtext()),
        requiretls in any::<bool>(),
        mt_priority in proptest::option::of((-9i8..=9).prop_map(|p| MtPriority::new(p).unwrap())),
        hold in proptest::option::of(prop_oneof![
            any::<u64>().prop_map(Hold::For),
            "[0-9TZ:-]{1,20}".prop_map(|s| Hold::Until(EsmtpValue::new(s).unwrap())),
        ]),
        by in proptest::option::of(
            (-999_999_999i32..=999_999_999, any::<bool>(), any::<bool>()).prop_map(|(t, r, tr)| {
                By::new(t, if r { ByMode::Return } else { ByMode::Notify }, tr).unwrap()
            })
        ),
        other in others(),
    ) -> MailParams<'static> {
        MailParams { size, body, smtputf8, ret, envid, auth, requiretls, mt_priority, hold, by, other }
    }
}

prop_compose! {
    fn rcpt_params()(
        notify in proptest::option::of(
            (any::<bool>(), any::<bool>(), any::<bool>())
                .prop_map(|(success, failure, delay)| Notify { success, failure, delay })
        ),
        orcpt in proptest::option::of(
            ("rfc822|utf-8|x400", xtext()).prop_map(|(t, a)| Orcpt::new(t, a).unwrap())
        ),
        other in others(),
    ) -> RcptParams<'static> {
        RcptParams { notify, orcpt, other }
    }
}

fn command() -> impl Strategy<Value = Command<'static>> {
    prop_oneof![
        domain().prop_map(Command::Helo),
        domain().prop_map(Command::Ehlo),
        domain().prop_map(Command::Lhlo),
        (
            prop_oneof![
                1 => Just(ReversePath::Null),
                4 => mailbox().prop_map(ReversePath::Mailbox)
            ],
            mail_params()
        )
            .prop_map(|(from, params)| Command::Mail { from, params }),
        (
            prop_oneof![
                1 => Just(ForwardPath::Postmaster),
                4 => mailbox().prop_map(ForwardPath::Mailbox)
            ],
            rcpt_params()
        )
            .prop_map(|(to, params)| Command::Rcpt { to, params }),
        Just(Command::Data),
        (any::<u64>(), any::<bool>()).prop_map(|(size, last)| Command::Bdat { size, last }),
        Just(Command::Rset),
        text().prop_map(Command::Vrfy),
        text().prop_map(Command::Expn),
        proptest::option::of(text()).prop_map(Command::Help),
        proptest::option::of(text()).prop_map(Command::Noop),
        Just(Command::Quit),
        Just(Command::StartTls),
        (
            "[A-Z0-9_-]{1,20}",
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40))
        )
            .prop_map(|(m, ir)| Command::Auth {
                mechanism: SaslMechanism::new(m).unwrap(),
                initial_response: ir.map(|b| InitialResponse::encode(&b)),
            }),
        ("X[A-Z]{1,6}", proptest::option::of(text())).prop_map(|(v, args)| Command::Unknown {
            verb: Verb::new(v).unwrap(),
            args
        }),
    ]
}

/// Feeds `stream` in two chunks split at `split`, as a receiver with a buffer would.
fn parse_stream(stream: &[u8], split: usize, config: &CommandConfig) -> Vec<Command<'static>> {
    let mut buf = Vec::new();
    let mut out = Vec::new();
    for chunk in [&stream[..split], &stream[split..]] {
        buf.extend_from_slice(chunk);
        while let Status::Complete((c, n)) = parse_command(&buf, config).unwrap() {
            let c = c.into_owned();
            buf.drain(..n);
            out.push(c);
        }
    }
    assert!(buf.is_empty());
    out
}

proptest! {
    #[test]
    fn round_trip(cmd in command()) {
        let bytes = cmd.to_bytes();
        let parsed = parse_command(&bytes, &config()).unwrap();
        prop_assert_eq!(parsed, Status::Complete((cmd.clone(), bytes.len())));
        // The lenient default parses the same thing when the line fits.
        if bytes.len() <= 512 {
            let mut lenient = CommandConfig::default();
            lenient.max_params = 64;
            let parsed = parse_command(&bytes, &lenient).unwrap();
            prop_assert_eq!(parsed, Status::Complete((cmd, bytes.len())));
        }
    }

    #[test]
    fn chunking(cmds in proptest::collection::vec(command(), 1..4)) {
        let mut stream = Vec::new();
        for c in &cmds {
            c.encode(&mut stream);
        }
        for split in 0..=stream.len() {
            prop_assert_eq!(&parse_stream(&stream, split, &config()), &cmds);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..700)) {
        check_no_panic(&input);
    }

    #[test]
    fn grammar_like_bytes_never_panic(
        verb in "(MAIL FROM:|RCPT TO:|EHLO |HELO |BDAT |AUTH |VRFY |NOOP|XFOO )",
        rest in "[<>@\\[\\]:;,.\"\\\\ =+a-zA-Z0-9\u{e9}-]{0,60}",
        end in "(\r\n|\n|\r|)",
    ) {
        let input = format!("{verb}{rest}{end}");
        check_no_panic(input.as_bytes());
    }
}

fn check_no_panic(input: &[u8]) {
    for config in [CommandConfig::default(), CommandConfig::strict()] {
        match parse_command(input, &config) {
            Ok(Status::Complete((c, n))) => {
                assert!(n <= input.len());
                // Whatever parses re-encodes to something that parses to the same value.
                let again = c.to_bytes();
                let mut big = config.clone();
                big.max_line_len = 64 * 1024;
                assert_eq!(
                    parse_command(&again, &big).unwrap(),
                    Status::Complete((c, again.len()))
                );
            }
            Ok(Status::Incomplete(_)) => {}
            Err(e) => assert!(e.offset <= input.len(), "{e:?}"),
        }
    }
}

/// Strings of every kind: ASCII printable, controls, UTF-8.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,12}",
        "[ -~\t\r\n\0\u{7f}]{0,12}",
        "[a-z.\"\\\\@\\[\\]:;=+\u{e9}\u{4e2d}\u{85}]{0,12}",
        any::<String>(),
    ]
}

/// Whatever a constructor accepts round-trips through a command line: validation and parsing
/// agree, and nothing accepted can inject a line break.
fn assert_round_trip(cmd: Command<'_>) {
    let bytes = cmd.to_bytes();
    assert_eq!(
        parse_command(&bytes, &config()).unwrap(),
        Status::Complete((cmd, bytes.len())),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
}

proptest! {
    #[test]
    fn constructors_agree_with_parser(s in any_text(), t in any_text()) {
        let mb = |local: LocalPart<'static>, domain: Domain<'static>| Command::Mail {
            from: ReversePath::Mailbox(Mailbox::new(local, domain)),
            params: MailParams::default(),
        };
        let lp = || LocalPart::new("a").unwrap();
        let dn = || Domain::name("b.example").unwrap();
        if let Ok(l) = LocalPart::new(s.clone()) {
            assert_round_trip(mb(l, dn()));
        }
        if let Ok(l) = LocalPart::from_unquoted(&s) {
            prop_assert_eq!(l.unquoted(), s.as_str());
            assert_round_trip(mb(l, dn()));
        }
        if let Ok(d) = Domain::name(s.clone()) {
            assert_round_trip(mb(lp(), d.clone()));
            assert_round_trip(Command::Ehlo(d));
        }
        if let Ok(g) = GeneralLiteral::new(s.clone(), t.clone()) {
            assert_round_trip(Command::Ehlo(Domain::Literal(AddressLiteral::General(g))));
        }
        if let Ok(x) = Text::new(s.clone()) {
            assert_round_trip(Command::Vrfy(x.clone()));
            assert_round_trip(Command::Noop(Some(x.clone())));
            assert_round_trip(Command::Unknown { verb: Verb::new("XTEST").unwrap(), args: Some(x) });
        }
        if let Ok(v) = Verb::new(s.clone()) {
            assert_round_trip(Command::Unknown { verb: v, args: None });
        }
        if let Ok(m) = SaslMechanism::new(s.clone()) {
            let ir = InitialResponse::from_encoded(t.clone()).ok();
            assert_round_trip(Command::Auth { mechanism: m, initial_response: ir });
        }
        if let Ok(v) = EsmtpValue::new(s.clone()) {
            let params = MailParams {
                hold: Some(Hold::Until(v.clone())),
                other: vec![Param::new("X-A", Some(v)).unwrap()],
                ..MailParams::default()
            };
            assert_round_trip(Command::Mail { from: ReversePath::Null, params });
        }
        if let Ok(p) = Param::new(s.clone(), None) {
            let params = MailParams { other: vec![p], ..MailParams::default() };
            assert_round_trip(Command::Mail { from: ReversePath::Null, params });
        }
        if let Ok(x) = XText::new(s.clone()) {
            let params = MailParams { envid: Some(x.clone()), ..MailParams::default() };
            assert_round_trip(Command::Mail { from: ReversePath::Null, params });
            if let Ok(o) = Orcpt::new(t.clone(), x) {
                let params = RcptParams { orcpt: Some(o), ..RcptParams::default() };
                assert_round_trip(Command::Rcpt { to: ForwardPath::Postmaster, params });
            }
        }
        let x = XText::encode(s.as_bytes());
        if let Ok(x) = x {
            prop_assert_eq!(&*x.decoded(), s.as_bytes());
        }
    }
}
