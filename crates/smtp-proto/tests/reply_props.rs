//! Property tests of the reply codec: round trips, chunked input, no panics.

use std::borrow::Cow;

use mail_sasl::Mechanism;
use proptest::prelude::*;
use smtp_proto::parse::{ReplyConfig, Status, parse_reply};
use smtp_proto::types::{
    AuthMechanism, Capabilities, Capability, EhloReply, EnhancedCode, Reply, ReplyCode, SmtpLimit,
    UnknownCapability,
};

/// Text that cannot be mistaken for an enhanced code: empty, or starting with a non-digit.
fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(Vec::new()),
        "[A-Za-z<>@\" ][A-Za-z0-9<>@.,;:!?()\"' \t-]{0,40}".prop_map(String::into_bytes),
        // 8-bit text (Latin-1 and UTF-8 bytes).
        ("[A-Za-z]", proptest::collection::vec(0x80u8..=0xff, 1..6)).prop_map(|(a, b)| [
            a.into_bytes(),
            b
        ]
        .concat()),
    ]
}

fn reply() -> impl Strategy<Value = Reply<'static>> {
    (
        2u16..=5,
        0u16..=5,
        0u16..=9,
        any::<bool>(),
        0u16..=999,
        0u16..=999,
    )
        .prop_flat_map(|(a, b, c, with_enh, s, d)| {
            let code = ReplyCode::new(a * 100 + b * 10 + c).unwrap();
            let enh = (with_enh && a != 3).then(|| EnhancedCode::new(a as u8, s, d).unwrap());
            proptest::collection::vec(text(), 1..6).prop_map(move |lines| {
                Reply::new(code, enh, lines.into_iter().map(Cow::Owned)).unwrap()
            })
        })
}

fn mechanism() -> impl Strategy<Value = AuthMechanism> {
    prop_oneof![
        (0..Mechanism::ALL.len()).prop_map(|i| AuthMechanism::Known(Mechanism::ALL[i])),
        "[A-Z][A-Z0-9-]{0,10}".prop_map(|s| AuthMechanism::from_name(&s)),
    ]
}

fn limit() -> impl Strategy<Value = SmtpLimit> {
    prop_oneof![
        any::<u64>().prop_map(SmtpLimit::RcptMax),
        any::<u64>().prop_map(SmtpLimit::MailMax),
        any::<u64>().prop_map(SmtpLimit::RcptDomainMax),
        ("X[A-Z0-9]{0,6}", "[a-z0-9]{1,5}").prop_map(|(k, v)| SmtpLimit::Other(k, v)),
    ]
}

fn capability() -> impl Strategy<Value = Capability> {
    let param = "[!-~]{1,12}";
    prop_oneof![
        Just(Capability::Pipelining),
        proptest::option::of(any::<u64>()).prop_map(Capability::Size),
        Just(Capability::EightBitMime),
        Just(Capability::BinaryMime),
        Just(Capability::Chunking),
        Just(Capability::SmtpUtf8),
        Just(Capability::Dsn),
        Just(Capability::EnhancedStatusCodes),
        Just(Capability::StartTls),
        proptest::collection::vec(mechanism(), 0..5).prop_map(Capability::Auth),
        Just(Capability::RequireTls),
        proptest::option::of(param).prop_map(Capability::MtPriority),
        (any::<u64>(), param).prop_map(|(max_interval, max_datetime)| {
            Capability::FutureRelease {
                max_interval,
                max_datetime,
            }
        }),
        proptest::option::of(any::<u64>()).prop_map(Capability::DeliverBy),
        Just(Capability::Etrn),
        Just(Capability::Expn),
        Just(Capability::Help),
        Just(Capability::Vrfy),
        proptest::option::of(param).prop_map(Capability::NoSoliciting),
        proptest::collection::vec(limit(), 0..4).prop_map(Capability::Limits),
        ("X[A-Z0-9]{1,8}", proptest::collection::vec(param, 0..4))
            .prop_map(|(k, p)| { Capability::Unknown(UnknownCapability::new(&k, p).unwrap()) }),
    ]
}

fn ehlo_reply() -> impl Strategy<Value = EhloReply> {
    (
        "[a-z][a-z0-9-]{0,10}\\.example",
        prop_oneof![
            Just(String::new()),
            "[A-Za-z,\\[\\]]([A-Za-z0-9 ,.]{0,20}[A-Za-z])?"
        ],
        proptest::collection::vec(capability(), 0..12),
    )
        .prop_map(|(domain, greeting, caps)| {
            let mut capabilities = Capabilities::new();
            for c in caps {
                capabilities.push(c);
            }
            EhloReply {
                domain,
                greeting,
                capabilities,
            }
        })
}

fn parse_all(input: &[u8]) -> Vec<Reply<'static>> {
    let mut out = Vec::new();
    let mut rest = input;
    while let Status::Complete((r, n)) = parse_reply(rest, &ReplyConfig::default()).unwrap() {
        out.push(r.into_owned());
        rest = &rest[n..];
    }
    assert!(rest.is_empty());
    out
}

/// Feeds `input` in chunks as a client would: append, parse while complete, drop consumed bytes.
fn feed(input: &[u8], cuts: &[usize]) -> Vec<Reply<'static>> {
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&input.len())) {
        buf.extend_from_slice(&input[start..end]);
        start = end;
        while let Status::Complete((r, n)) = parse_reply(&buf, &ReplyConfig::default()).unwrap() {
            out.push(r.into_owned());
            buf.drain(..n);
        }
    }
    assert!(buf.is_empty());
    out
}

proptest! {
    #[test]
    fn reply_round_trip(r in reply()) {
        let bytes = r.to_bytes();
        let Status::Complete((back, n)) = parse_reply(&bytes, &ReplyConfig::default()).unwrap()
        else { panic!("incomplete") };
        prop_assert_eq!(n, bytes.len());
        prop_assert_eq!(&back, &r);
        prop_assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn capabilities_round_trip(e in ehlo_reply()) {
        let reply = e.to_reply().unwrap();
        let bytes = reply.to_bytes();
        let parsed = parse_all(&bytes);
        prop_assert_eq!(parsed.len(), 1);
        let back = EhloReply::from_reply(&parsed[0]).unwrap();
        prop_assert_eq!(&back, &e);
        // And the second trip gives the same bytes.
        prop_assert_eq!(back.to_reply().unwrap().to_bytes(), bytes);
    }

    #[test]
    fn chunked_stream(replies in proptest::collection::vec(reply(), 1..5), step in 1usize..20) {
        let mut stream = Vec::new();
        for r in &replies {
            r.encode(&mut stream);
        }
        prop_assert_eq!(&parse_all(&stream), &replies);
        // Byte by byte, and in chunks of `step`.
        let bytewise: Vec<usize> = (1..stream.len()).collect();
        prop_assert_eq!(&feed(&stream, &bytewise), &replies);
        let chunks: Vec<usize> = (step..stream.len()).step_by(step).collect();
        prop_assert_eq!(&feed(&stream, &chunks), &replies);
        // Split in two at every point.
        for cut in 0..=stream.len() {
            prop_assert_eq!(&feed(&stream, &[cut]), &replies);
        }
    }

    #[test]
    fn random_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..300)) {
        for config in [ReplyConfig::default(), ReplyConfig::strict()] {
            if let Ok(Status::Complete((r, n))) = parse_reply(&input, &config) {
                prop_assert!(n <= input.len());
                let _ = EhloReply::from_reply(&r);
                let _ = r.to_bytes();
            }
        }
    }

    #[test]
    fn random_reply_lines_never_panic(
        lines in proptest::collection::vec(
            ("(250|550|334|2[0-9][0-9]|[0-9]{3})[- ]?", proptest::collection::vec(any::<u8>(), 0..40)),
            1..8,
        ),
        lf_only in any::<bool>(),
    ) {
        let mut input = Vec::new();
        for (head, body) in lines {
            input.extend_from_slice(head.as_bytes());
            input.extend(body.into_iter().filter(|&b| b != b'\n'));
            input.extend_from_slice(if lf_only { b"\n" } else { b"\r\n" });
        }
        let mut config = ReplyConfig::default();
        config.bare_lf = mail_sasl::line::BareLf::Accept;
        config.max_line_len = 32;
        config.max_lines = 3;
        for config in [ReplyConfig::default(), config] {
            match parse_reply(&input, &config) {
                Ok(Status::Complete((r, n))) => {
                    prop_assert!(n <= input.len());
                    // Whatever parses re-encodes within the grammar and parses again.
                    let bytes = r.to_bytes();
                    let again = parse_reply(&bytes, &ReplyConfig::default());
                    prop_assert!(matches!(again, Ok(Status::Complete(_))), "{:?}", again);
                    let _ = EhloReply::from_reply(&r);
                }
                Ok(Status::Incomplete(_)) => {}
                Err(e) => prop_assert!(e.offset <= input.len()),
            }
        }
    }
}
