//! Properties of the client state machine: any server input, in any chunking, gives the same
//! events and output and never panics; tags are unique; commands with literals are written
//! byte for byte as the encoder writes them, in pieces released by continuation requests.

use imap_proto::client::{Client, ClientConfig, ClientEvent};
use imap_proto::encode::{Encode, EncodeOptions, Encoder, LiteralPolicy};
use imap_proto::types::{AString, Command, CommandBody, Password, Tag};
use proptest::prelude::*;

fn events_for(input: &[u8], chunks: &[usize], config: &ClientConfig) -> (Vec<String>, Vec<u8>) {
    let mut c = Client::new(config.clone());
    let mut events = Vec::new();
    let mut out = Vec::new();
    let mut rest = input;
    let mut i = 0;
    let mut stuck = 0;
    while !rest.is_empty() {
        let size = chunks
            .get(i % chunks.len().max(1))
            .copied()
            .unwrap_or(1)
            .max(1);
        i += 1;
        let n = c.receive(&rest[..size.min(rest.len())]);
        rest = &rest[n..];
        let before = events.len();
        while let Some(e) = c.poll_event() {
            match e.into_owned() {
                Ok(ClientEvent::Greeting { .. }) => {
                    events.push("greeting".to_owned());
                    let _ = c.noop();
                    let _ = c.login("user", "p\r\nw");
                }
                Ok(ev) => events.push(format!("{ev:?}")),
                Err(d) => {
                    let s = d.escape_ascii().to_string();
                    match events.last_mut() {
                        Some(last) if last.starts_with("DATA ") => last.push_str(&s),
                        _ => events.push(format!("DATA {s}")),
                    }
                }
            }
        }
        c.poll_transmit(&mut out);
        if n == 0 && events.len() == before {
            stuck += 1;
            assert!(stuck < 3, "stuck");
        }
    }
    (events, out)
}

fn response_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] ready\r\n".to_vec()),
        Just(b"* PREAUTH ready\r\n".to_vec()),
        Just(b"+ go\r\n".to_vec()),
        Just(b"A1 OK done\r\n".to_vec()),
        Just(b"A2 OK [CAPABILITY IMAP4rev2] done\r\n".to_vec()),
        Just(b"A2 NO no\r\n".to_vec()),
        Just(b"* 3 EXISTS\r\n".to_vec()),
        Just(b"* 2 EXPUNGE\r\n".to_vec()),
        Just(b"* VANISHED 1:3\r\n".to_vec()),
        Just(b"* 1 FETCH (UID 3 BODY[] {20}\r\n01234567890123456789)\r\n".to_vec()),
        Just(
            b"* 1 FETCH (BODY[TEXT] {3}\r\nabc BINARY[] ~{17}\r\n\x0023456789abcdefg)\r\n".to_vec()
        ),
        Just(b"* CAPABILITY IMAP4rev1\r\n".to_vec()),
        Just(b"* BYE bye\r\n".to_vec()),
        Just(b"garbage line\r\n".to_vec()),
        Just(b"* LIST () \"/\" {5}\r\nINBOX\r\n".to_vec()),
        prop::collection::vec(any::<u8>(), 0..24),
    ]
}

fn session_input() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(response_piece(), 1..12).prop_map(|v| v.concat())
}

fn configs() -> [ClientConfig; 2] {
    let mut plain = ClientConfig::default();
    plain.parse.max_line_len = 256;
    plain.parse.max_message_size = 1024;
    let mut streaming = plain.clone();
    streaming.stream_threshold = Some(10);
    streaming.stream_chunk = 3;
    [plain, streaming]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn chunking_invariance(input in session_input(), chunks in prop::collection::vec(1usize..40, 1..8)) {
        for config in configs() {
            let whole = events_for(&input, &[input.len().max(1)], &config);
            let split = events_for(&input, &chunks, &config);
            prop_assert_eq!(&whole, &split);
            let bytes = events_for(&input, &[1], &config);
            prop_assert_eq!(&whole, &bytes);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..512)) {
        for config in configs() {
            let mut with_greeting = b"* PREAUTH x\r\n".to_vec();
            with_greeting.extend_from_slice(&input);
            events_for(&with_greeting, &[7], &config);
            events_for(&input, &[13], &config);
        }
    }

    #[test]
    fn tags_unique_and_increasing(n in 1usize..50, prefix in "[A-Za-z][A-Za-z0-9]{0,4}") {
        let mut config = ClientConfig::default();
        config.tag_prefix = prefix.clone();
        let mut c = Client::new(config);
        c.receive(b"* PREAUTH ready\r\n");
        while c.poll_event().is_some() {}
        let ids: Vec<_> = (0..n).map(|_| c.noop().unwrap()).collect();
        let mut out = Vec::new();
        c.poll_transmit(&mut out);
        let expected: String = (1..=n).map(|i| format!("{prefix}{i} NOOP\r\n")).collect();
        prop_assert_eq!(String::from_utf8(out).unwrap(), expected);
        for w in ids.windows(2) {
            prop_assert!(w[0] < w[1]);
        }
    }

    #[test]
    fn literals_released_by_continuations(user in prop::collection::vec(1u8..=255, 1..40),
                                          pass in prop::collection::vec(1u8..=255, 1..40)) {
        let user_s = String::from_utf8_lossy(&user).replace('\0', "x");
        let pass_s = String::from_utf8_lossy(&pass).replace('\0', "x");
        let mut c = Client::new(ClientConfig::default());
        c.receive(b"* OK [CAPABILITY IMAP4rev1] ready\r\n");
        while c.poll_event().is_some() {}
        c.login(&user_s, &pass_s).unwrap();
        let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::Sync, false));
        Command::new(
            Tag::new("A1").unwrap(),
            CommandBody::Login {
                username: AString::new(user_s.as_bytes()).unwrap(),
                password: Password(AString::new(pass_s.as_bytes()).unwrap()),
            },
        )
        .encode(&mut e);
        // IMAP4rev1 without UTF8=ACCEPT: 8-bit strings go as literals.
        let expected = e.into_vec();
        let mut out = Vec::new();
        for _ in 0..3 {
            c.poll_transmit(&mut out);
            if out.len() >= expected.len() {
                break;
            }
            c.receive(b"+ go on\r\n");
            while let Some(e) = c.poll_event() {
                prop_assert!(!matches!(e, ClientEvent::Error(_)), "{:?}", e);
            }
        }
        c.poll_transmit(&mut out);
        prop_assert_eq!(out, expected);
    }
}
