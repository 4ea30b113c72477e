//! Property tests of the codec: `parse(encode(x)) == x` for every type, chunking invariance
//! (any split of the input, byte by byte included, gives the same values), no panics.

use std::borrow::Cow;

use mail_sasl::Mechanism;
use mail_sasl::dot::{LineEndings, Stuffer};
use pop3_proto::parse::{
    BodyDecoder, BodyProgress, CommandConfig, MultiLine, MultiLineItem, ResponseConfig, Status,
    parse_command, parse_multiline, parse_multiline_item, parse_response, parse_server_line,
};
use pop3_proto::types::{
    ApopDigest, AuthMechanism, Capabilities, Capability, Command, Continuation, ExpirePolicy,
    InitialResponse, Keyword, LanguageListing, LanguageRange, MessageNumber, Name, Password,
    Response, ResponseCode, SaslMechanism, ScanListing, ServerLine, StatusIndicator, Text,
    UniqueId, UniqueIdListing, UnknownCapability,
};
use proptest::prelude::*;

fn msg() -> impl Strategy<Value = MessageNumber> {
    (1u32..=u32::MAX).prop_map(|n| MessageNumber::new(n).unwrap())
}

fn name() -> impl Strategy<Value = Name<'static>> {
    prop_oneof!["[!-~]{1,20}", "[a-zéü@.]{1,12}"].prop_map(|s| Name::new(s).unwrap())
}

fn command() -> impl Strategy<Value = Command<'static>> {
    prop_oneof![
        name().prop_map(Command::User),
        "[ -~é]{1,30}".prop_map(|p| Command::Pass(Password::new(p).unwrap())),
        (name(), any::<[u8; 16]>()).prop_map(|(name, d)| Command::Apop {
            name,
            digest: ApopDigest::from_bytes(d)
        }),
        Just(Command::Stat),
        proptest::option::of(msg()).prop_map(Command::List),
        proptest::option::of(msg()).prop_map(Command::Uidl),
        msg().prop_map(Command::Retr),
        msg().prop_map(Command::Dele),
        Just(Command::Noop),
        Just(Command::Rset),
        (msg(), any::<u64>()).prop_map(|(msg, lines)| Command::Top { msg, lines }),
        Just(Command::Quit),
        Just(Command::Capa),
        Just(Command::Stls),
        (
            "[A-Za-z0-9_-]{1,20}",
            proptest::option::of(prop_oneof![
                Just("=".to_owned()),
                proptest::collection::vec(any::<u8>(), 1..40)
                    .prop_map(|b| InitialResponse::encode(&b).as_encoded().to_owned())
            ])
        )
            .prop_map(|(m, ir)| Command::Auth {
                mechanism: SaslMechanism::new(m).unwrap(),
                initial_response: ir.map(|ir| InitialResponse::from_encoded(ir).unwrap()),
            }),
        Just(Command::Utf8),
        proptest::option::of("\\*|[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}")
            .prop_map(|r| Command::Lang(r.map(|r| LanguageRange::new(r).unwrap()))),
        (
            "X[A-Z]{2,5}",
            proptest::option::of("[!-~]([ -~]{0,20}[!-~])?")
        )
            .prop_map(|(k, a)| {
                Command::Unknown {
                    keyword: Keyword::new(k).unwrap(),
                    args: a.map(|a| Text::new(a).unwrap()),
                }
            }),
    ]
}

fn code() -> impl Strategy<Value = ResponseCode<'static>> {
    prop_oneof![
        Just(ResponseCode::IN_USE),
        Just(ResponseCode::LOGIN_DELAY),
        Just(ResponseCode::SYS_TEMP),
        Just(ResponseCode::SYS_PERM),
        Just(ResponseCode::AUTH),
        Just(ResponseCode::UTF8),
        "[A-Za-z][!-.0-\\\\^-~]{0,8}(/[!-.0-\\\\^-~]{1,6}){0,3}"
            .prop_map(|c| ResponseCode::new(c).unwrap()),
    ]
}

fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(Vec::new()),
        "[ -~\t]{0,60}".prop_map(String::into_bytes),
        ("[A-Za-z]", proptest::collection::vec(0x80u8..=0xff, 1..6)).prop_map(|(a, b)| [
            a.into_bytes(),
            b
        ]
        .concat()),
    ]
}

fn response() -> impl Strategy<Value = Response<'static>> {
    (any::<bool>(), proptest::option::of(code()), text()).prop_filter_map(
        "text reads as a code",
        |(ok, code, text)| {
            let status = if ok {
                StatusIndicator::Ok
            } else {
                StatusIndicator::Err
            };
            Response::new(status, code, text).ok()
        },
    )
}

fn mechanism() -> impl Strategy<Value = AuthMechanism> {
    prop_oneof![
        (0..Mechanism::ALL.len()).prop_map(|i| AuthMechanism::Known(Mechanism::ALL[i])),
        "[A-Z][A-Z0-9_-]{0,10}".prop_map(|s| AuthMechanism::from_name(&s)),
    ]
}

fn capability() -> impl Strategy<Value = Capability> {
    let param = "[!-~]{1,12}";
    prop_oneof![
        Just(Capability::Top),
        Just(Capability::User),
        proptest::collection::vec(mechanism(), 0..5).prop_map(Capability::Sasl),
        Just(Capability::RespCodes),
        (any::<u64>(), any::<bool>())
            .prop_map(|(seconds, per_user)| Capability::LoginDelay { seconds, per_user }),
        Just(Capability::Pipelining),
        (
            prop_oneof![
                any::<u64>().prop_map(ExpirePolicy::Days),
                Just(ExpirePolicy::Never)
            ],
            any::<bool>()
        )
            .prop_map(|(policy, per_user)| Capability::Expire { policy, per_user }),
        Just(Capability::Uidl),
        proptest::collection::vec(param, 1..4)
            .prop_map(|t| Capability::implementation(&t.join(" ")).unwrap()),
        Just(Capability::Stls),
        Just(Capability::AuthRespCode),
        any::<bool>().prop_map(|user| Capability::Utf8 { user }),
        Just(Capability::Lang),
        ("X[A-Z0-9-]{1,8}", proptest::collection::vec(param, 0..4))
            .prop_map(|(t, p)| Capability::Unknown(UnknownCapability::new(&t, p).unwrap())),
    ]
}

/// A list without two SASL capabilities (they merge) so it reads back as built.
fn capabilities() -> impl Strategy<Value = Vec<Capability>> {
    proptest::collection::vec(capability(), 0..10).prop_map(|caps| {
        let mut seen_sasl = false;
        caps.into_iter()
            .filter(|c| {
                if let Capability::Sasl(_) = c {
                    if seen_sasl {
                        return false;
                    }
                    seen_sasl = true;
                }
                true
            })
            .map(|c| match c {
                Capability::Sasl(mut v) => {
                    let mut out: Vec<AuthMechanism> = Vec::new();
                    for m in v.drain(..) {
                        if !out.contains(&m) {
                            out.push(m);
                        }
                    }
                    Capability::Sasl(out)
                }
                c => c,
            })
            .collect()
    })
}

/// Message data with the bytes that matter for stuffing.
fn data() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(b".".to_vec()),
            Just(b"..".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r\n.\r\n".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"x".to_vec()),
            "[ -~]{1,8}".prop_map(String::into_bytes),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// Splits `input` at the given cut points (sorted, deduplicated, in range).
fn split<'a>(input: &'a [u8], cuts: &[usize]) -> Vec<&'a [u8]> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts {
        out.push(&input[start..c]);
        start = c;
    }
    out.push(&input[start..]);
    out
}

fn decode_chunks(config: &ResponseConfig, chunks: &[&[u8]]) -> Option<(Vec<u8>, usize)> {
    let mut d = BodyDecoder::new(config);
    let mut out = Vec::new();
    let mut used = 0;
    for c in chunks {
        match d.decode(c, &mut out) {
            BodyProgress::Continue => used += c.len(),
            BodyProgress::End { consumed } => return Some((out, used + consumed)),
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn command_round_trip(c in command()) {
        let wire = c.to_bytes();
        let config = CommandConfig::strict();
        let Status::Complete((back, n)) = parse_command(&wire, &config).unwrap() else {
            panic!("incomplete")
        };
        prop_assert_eq!(n, wire.len());
        prop_assert_eq!(&back, &c);
        for k in 0..wire.len() {
            prop_assert!(parse_command(&wire[..k], &config).unwrap().is_incomplete());
        }
        // Debug never shows secrets.
        if let Command::Pass(_) = &c {
            let shown = format!("{:?}", c);
            prop_assert_eq!(&shown, "Pass(Password(<redacted>))");
        }
    }

    #[test]
    fn response_round_trip(r in response()) {
        let wire = r.to_bytes();
        for config in [ResponseConfig::default(), ResponseConfig::strict()] {
            if wire.len() > config.max_line_len {
                continue;
            }
            let Status::Complete((back, n)) = parse_response(&wire, &config).unwrap() else {
                panic!("incomplete")
            };
            prop_assert_eq!(n, wire.len());
            prop_assert_eq!(&back, &r);
            let Status::Complete((line, _)) = parse_server_line(&wire, &config).unwrap() else {
                panic!("incomplete")
            };
            prop_assert_eq!(line, ServerLine::Response(r.clone()));
        }
    }

    #[test]
    fn continuation_round_trip(challenge in proptest::collection::vec(any::<u8>(), 0..100)) {
        let c = Continuation::encode_challenge(&challenge);
        let mut wire = Vec::new();
        c.encode(&mut wire);
        let Status::Complete((line, n)) = parse_server_line(&wire, &ResponseConfig::default()).unwrap() else {
            panic!("incomplete")
        };
        prop_assert_eq!(n, wire.len());
        let ServerLine::Continuation(back) = line else { panic!("not a continuation") };
        prop_assert_eq!(back.decode().unwrap(), challenge);
    }

    #[test]
    fn capabilities_round_trip(caps in capabilities(), r in response()) {
        let built: Capabilities = caps.iter().cloned().collect();
        let first = Response::new(StatusIndicator::Ok, r.code().cloned(), r.text().to_vec()).unwrap();
        let mut wire = Vec::new();
        built.encode_response(&first, &mut wire);
        let mut config = ResponseConfig::default();
        config.max_line_len = 1 << 16;
        let Status::Complete((m, n)) = parse_multiline(&wire, &config).unwrap() else {
            panic!("incomplete")
        };
        prop_assert_eq!(n, wire.len());
        prop_assert_eq!(&m.response, &first);
        prop_assert_eq!(m.capabilities(&config), built);
        for k in 0..wire.len() {
            prop_assert!(parse_multiline(&wire[..k], &config).unwrap().is_incomplete());
        }
    }

    #[test]
    fn listings_round_trip(
        sizes in proptest::collection::vec((msg(), any::<u64>()), 0..20),
        uids in proptest::collection::vec((msg(), "[!-~]{1,70}"), 0..20),
        langs in proptest::collection::vec(("[a-z]{2}(-[a-z0-9]{1,8})?", proptest::option::of("[!-~é][ -~é]{0,20}")), 0..6),
    ) {
        let config = ResponseConfig::default();
        let scan: Vec<ScanListing> = sizes.iter().map(|&(msg, size)| ScanListing { msg, size }).collect();
        let mut wire = Response::ok("").unwrap().to_bytes();
        for s in &scan { s.encode(&mut wire); }
        wire.extend_from_slice(b".\r\n");
        let Status::Complete((m, _)) = parse_multiline(&wire, &config).unwrap() else { panic!() };
        prop_assert_eq!(m.scan_listings().unwrap(), scan.clone());
        for s in &scan {
            prop_assert_eq!(ScanListing::from_response(&s.to_response()).unwrap(), *s);
        }

        let ids: Vec<UniqueIdListing> = uids
            .iter()
            .map(|(msg, u)| UniqueIdListing { msg: *msg, uid: UniqueId::new(u.clone()).unwrap() })
            .collect();
        let mut wire = Response::ok("").unwrap().to_bytes();
        for u in &ids { u.encode(&mut wire); }
        wire.extend_from_slice(b".\r\n");
        let Status::Complete((m, _)) = parse_multiline(&wire, &config).unwrap() else { panic!() };
        prop_assert_eq!(m.unique_ids().unwrap(), ids.clone());
        for u in &ids {
            let r = u.to_response();
            prop_assert_eq!(&UniqueIdListing::from_response(&r).unwrap(), u);
        }

        let langs: Vec<LanguageListing> = langs
            .into_iter()
            .map(|(t, d)| LanguageListing::new(t, d).unwrap())
            .collect();
        let mut wire = Response::ok("").unwrap().to_bytes();
        for l in &langs { l.encode(&mut wire); }
        wire.extend_from_slice(b".\r\n");
        let Status::Complete((m, _)) = parse_multiline(&wire, &config).unwrap() else { panic!() };
        prop_assert_eq!(m.languages().unwrap(), langs);
    }

    #[test]
    fn multiline_round_trip(lines in proptest::collection::vec("[ -~]{0,30}", 0..12)) {
        let m = MultiLine {
            response: Response::ok("follows").unwrap(),
            lines: lines.iter().map(|l| Cow::Owned(l.clone().into_bytes())).collect(),
        };
        let mut wire = Vec::new();
        m.encode(&mut wire).unwrap();
        let config = ResponseConfig::strict();
        let Status::Complete((back, n)) = parse_multiline(&wire, &config).unwrap() else { panic!() };
        prop_assert_eq!(n, wire.len());
        prop_assert_eq!(back, m);
    }

    /// A body stuffed by a compliant server decodes to the data, whatever the chunking and
    /// with or without the unstuffed-dot tolerance.
    #[test]
    fn body_round_trip(data in data(), cuts in proptest::collection::vec(any::<usize>(), 0..8), tail in "[ -~]{0,10}") {
        let mut wire = Vec::new();
        let mut s = Stuffer::with_line_endings(LineEndings::Preserve);
        s.stuff(&data, &mut wire).unwrap();
        let added = s.finish(&mut wire).unwrap();
        let body_len = wire.len();
        wire.extend_from_slice(tail.as_bytes());
        let mut expected = data.clone();
        if added {
            expected.extend_from_slice(b"\r\n");
        }
        for config in [ResponseConfig::default(), ResponseConfig::strict()] {
            let whole = decode_chunks(&config, &[&wire]).unwrap();
            prop_assert_eq!(&whole, &(expected.clone(), body_len));
            prop_assert_eq!(decode_chunks(&config, &split(&wire, &cuts)).unwrap(), whole.clone());
            let bytes: Vec<&[u8]> = wire.chunks(1).collect();
            prop_assert_eq!(decode_chunks(&config, &bytes).unwrap(), whole);
        }
    }

    /// A server that did not stuff: the tolerance gives the data back where that is
    /// detectable (no line is `.` or starts with `..` or `.` CR).
    #[test]
    fn unstuffed_body_restored(
        lines in proptest::collection::vec("\\.?[A-Za-z ,][ -~\n]{0,8}", 0..12),
        cuts in proptest::collection::vec(any::<usize>(), 0..8),
    ) {
        let data: Vec<u8> = lines.iter().flat_map(|l| [l.as_bytes(), b"\r\n"].concat()).collect();
        let mut wire = data.clone();
        wire.extend_from_slice(b".\r\n");
        let config = ResponseConfig::default();
        let got = decode_chunks(&config, &split(&wire, &cuts)).unwrap();
        prop_assert_eq!(&got, &(data, wire.len()));
        let bytes: Vec<&[u8]> = wire.chunks(1).collect();
        prop_assert_eq!(decode_chunks(&config, &bytes).unwrap(), got);
    }

    #[test]
    fn no_panics(input in proptest::collection::vec(any::<u8>(), 0..200), cuts in proptest::collection::vec(any::<usize>(), 0..4)) {
        let _ = parse_command(&input, &CommandConfig::default());
        let _ = parse_command(&input, &CommandConfig::strict());
        for config in [ResponseConfig::default(), ResponseConfig::strict()] {
            let _ = parse_response(&input, &config);
            let _ = parse_server_line(&input, &config);
            let _ = parse_multiline(&input, &config);
            if let Ok(Status::Complete((MultiLineItem::Line(l), _))) = parse_multiline_item(&input, &config) {
                let _ = pop3_proto::parse::parse_capability(l, &config);
                let _ = ScanListing::parse(l);
                let _ = UniqueIdListing::parse(l);
                let _ = LanguageListing::parse(l);
            }
            let mut d = BodyDecoder::new(&config);
            let mut out = Vec::new();
            let mut total = 0;
            for c in split(&input, &cuts) {
                if let BodyProgress::End { consumed } = d.decode(c, &mut out) {
                    prop_assert!(consumed <= c.len());
                    break;
                }
                total += c.len();
            }
            prop_assert!(out.len() <= total + input.len());
        }
        let _ = pop3_proto::parse::apop_timestamp(&input);
    }
}

#[test]
fn apop_timestamp_linear() {
    // Many unclosed brackets: one pass, no quadratic rescanning.
    let mut greeting = b"POP3 ready ".to_vec();
    greeting.extend(std::iter::repeat_n(b'<', 1_000_000));
    greeting.extend_from_slice(b"<1.2@host>");
    let start = std::time::Instant::now();
    assert_eq!(
        pop3_proto::parse::apop_timestamp(&greeting),
        Some(&b"<1.2@host>"[..])
    );
    assert!(start.elapsed().as_secs() < 2);
}

#[test]
fn injection_rejected() {
    assert!(Name::new("a\r\nDELE 1").is_err());
    assert!(Name::new("a b").is_err());
    assert!(Password::new("x\r\nDELE 1").is_err());
    assert!(Text::new("a\nb").is_err());
    assert!(Response::ok("fine\r\n+OK forged").is_err());
    assert!(ResponseCode::new("IN-USE]x").is_err());
    assert!(UniqueId::new("a b").is_err());
    assert!(LanguageListing::new("en", Some("a\r\nb".into())).is_err());
    assert!(Capability::implementation("a\r\nb").is_err());
    assert!(UnknownCapability::new("X", vec!["a\nb".into()]).is_err());
    assert!(InitialResponse::from_encoded("AA\r\n").is_err());
    assert!(Continuation::from_encoded("AA\r\n").is_err());
    let mut out = Vec::new();
    assert!(pop3_proto::encode::encode_multiline_line(b"a\r\n.", &mut out).is_err());
    assert!(out.is_empty());
}

#[test]
fn debug_redacts_secrets() {
    let c = Command::Pass(Password::new("hunter2 secret").unwrap());
    assert!(!format!("{c:?}").contains("hunter2"));
    let ir = InitialResponse::encode(b"\0tim\0tanstaaftanstaaf");
    let c = Command::Auth {
        mechanism: SaslMechanism::new("PLAIN").unwrap(),
        initial_response: Some(ir.clone()),
    };
    assert!(!format!("{c:?}").contains(ir.as_encoded()));
    let d = ApopDigest::compute(b"<1@x>", b"secret");
    assert!(
        !format!(
            "{:?}",
            Command::Apop {
                name: Name::new("u").unwrap(),
                digest: d
            }
        )
        .contains(&d.to_hex())
    );
    let k = Continuation::encode_challenge(b"r=nonce,s=salt,i=4096");
    assert!(!format!("{k:?}").contains(k.as_encoded()));
}

#[test]
fn tolerances() {
    let lenient = ResponseConfig::default();
    let strict = ResponseConfig::strict();
    // A leading blank line.
    let input = b"\r\n+OK ready\r\n";
    let Status::Complete((r, n)) = parse_response(input, &lenient).unwrap() else {
        panic!()
    };
    assert_eq!((r.text(), n), (&b"ready"[..], input.len()));
    assert!(parse_response(input, &strict).is_err());
    // RESP_CODES.
    assert_eq!(
        pop3_proto::parse::parse_capability(b"RESP_CODES", &lenient).unwrap(),
        Capability::RespCodes
    );
    assert!(matches!(
        pop3_proto::parse::parse_capability(b"RESP_CODES", &strict).unwrap(),
        Capability::Unknown(_)
    ));
    // Lines over 512 octets.
    let mut long = b"-ERR ".to_vec();
    long.extend(std::iter::repeat_n(b'x', 600));
    long.extend_from_slice(b"\r\n");
    assert!(
        parse_response(&long, &lenient)
            .unwrap()
            .complete()
            .is_some()
    );
    assert!(parse_response(&long, &strict).is_err());
    // Unstuffed lines keep their dot by default, lose it in strict mode (RFC 1939 §3).
    let wire = b".signature\r\n.\r\n";
    assert_eq!(
        decode_chunks(&lenient, &[wire]).unwrap().0,
        b".signature\r\n"
    );
    assert_eq!(decode_chunks(&strict, &[wire]).unwrap().0, b"signature\r\n");
    // In listings too.
    let Status::Complete((item, _)) = parse_multiline_item(b".x\r\n", &lenient).unwrap() else {
        panic!()
    };
    assert_eq!(item, MultiLineItem::Line(b".x"));
    // CAPA split across reads: incomplete until the end line, then the same list.
    let capa = b"+OK\r\nTOP\r\nUIDL\r\nPIPELINING\r\n.\r\n";
    for k in 0..capa.len() {
        assert!(
            parse_multiline(&capa[..k], &lenient)
                .unwrap()
                .is_incomplete()
        );
    }
}
