//! Properties: replies split anywhere give the same events and output; random bytes never panic.

mod client_common;

use client_common::*;
use proptest::prelude::*;
use smtp_proto::client::{Client, ClientConfig, ClientEvent};

/// One step of a scripted session: server bytes, then a client action.
#[derive(Clone, Copy)]
enum Action {
    None,
    Mail,
    Data,
    Quit,
}

/// An ESMTP session with pipelining: a transaction with a refused recipient, one with every
/// recipient refused (354, then the lone dot and 554), and QUIT.
fn script() -> Vec<(&'static [u8], Action)> {
    vec![
        (b"220 mx.example ESMTP\r\n" as &[u8], Action::None),
        (
            b"250-mx.example hi\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 100000\r\n",
            Action::Mail,
        ),
        (
            b"250 2.1.0 ok\r\n250 2.1.5 ok\r\n550-5.1.1 no\r\n550 5.1.1 such user\r\n250 ok\r\n354 go\r\n",
            Action::Data,
        ),
        (b"250 2.0.0 queued as X\r\n", Action::Mail),
        (b"250 ok\r\n550 no\r\n550 no\r\n550 no\r\n354 go\r\n", Action::None),
        (b"554 no valid recipients\r\n", Action::Quit),
        (b"221 bye\r\n", Action::None),
    ]
}

fn act(client: &mut Client, action: Action) {
    match action {
        Action::None => {}
        Action::Mail => client
            .send_mail(envelope(
                "a@b.example",
                &["c@d.example", "e@f.example", "g@h.example"][..],
            ))
            .unwrap(),
        Action::Data => {
            client.send_data(b"Subject: t\r\n\r\n.line\nend").unwrap();
            client.finish_data().unwrap();
        }
        Action::Quit => client.quit().unwrap(),
    }
}

/// Runs the script, feeding each server message in pieces cut at `cuts` (fractions).
fn run(cfg: ClientConfig, cuts: &[usize]) -> (Vec<ClientEvent>, Vec<u8>) {
    let mut client = Client::new(cfg);
    let mut events = Vec::new();
    let mut out = Vec::new();
    let mut cut = cuts.iter().copied().cycle();
    for (bytes, action) in script() {
        let mut rest = bytes;
        while !rest.is_empty() {
            let piece = if cuts.is_empty() {
                rest.len()
            } else {
                cut.next().unwrap_or(1).clamp(1, rest.len())
            };
            let mut chunk = &rest[..piece];
            while !chunk.is_empty() {
                let n = client.receive(chunk);
                assert!(n > 0);
                chunk = &chunk[n..];
                events.extend(std::iter::from_fn(|| client.poll_event()));
            }
            client.poll_transmit(&mut out);
            rest = &rest[piece..];
        }
        act(&mut client, action);
        events.extend(std::iter::from_fn(|| client.poll_event()));
        client.poll_transmit(&mut out);
    }
    assert!(client.is_closed());
    (events, out)
}

fn small_input_config() -> ClientConfig {
    let mut c = config("client.example");
    c.max_input = 80;
    c
}

#[test]
fn byte_by_byte_is_the_same() {
    let whole = run(config("client.example"), &[]);
    assert_eq!(whole.0.len(), 11, "{:?}", whole.0);
    assert_eq!(run(config("client.example"), &[1]), whole);
    // A small input buffer (the longest reply is 68 bytes) gives the same too.
    assert_eq!(run(small_input_config(), &[7]), whole);
}

proptest! {
    #[test]
    fn split_replies_same_result(cuts in proptest::collection::vec(1usize..40, 1..20)) {
        let whole = run(config("client.example"), &[]);
        prop_assert_eq!(run(config("client.example"), &cuts), whole);
    }

    #[test]
    fn random_bytes_never_panic(
        stage in 0usize..4,
        junk in proptest::collection::vec(any::<u8>(), 0..300),
        cut in 1usize..50,
    ) {
        let mut client = Client::new(config("client.example"));
        let mut out = Vec::new();
        for (bytes, action) in script().into_iter().take(stage) {
            client.receive(bytes);
            while client.poll_event().is_some() {}
            act(&mut client, action);
        }
        for chunk in junk.chunks(cut) {
            let mut rest = chunk;
            let mut guard = 0;
            while !rest.is_empty() && guard < 100 {
                let n = client.receive(rest);
                rest = &rest[n..];
                guard += 1;
                while client.poll_event().is_some() {}
            }
            client.poll_transmit(&mut out);
        }
        // Actions never panic either, whatever the state.
        let _ = client.send_data(b"x");
        let _ = client.finish_data();
        let _ = client.noop();
        let _ = client.quit();
    }

    #[test]
    fn random_reply_lines_never_panic(
        lines in proptest::collection::vec((200u16..600, any::<bool>(), "[ -~]{0,20}"), 0..30),
    ) {
        let mut client = Client::new(config("client.example"));
        let mut out = Vec::new();
        for (code, more, text) in lines {
            let line = format!("{code}{}{text}\r\n", if more { '-' } else { ' ' });
            client.receive(line.as_bytes());
            while let Some(e) = client.poll_event() {
                if matches!(e, ClientEvent::Ready { .. }) {
                    let _ = client.send_mail(envelope("a@b.example", &["c@d.example"]));
                }
                if e == ClientEvent::DataReady {
                    let _ = client.send_data(b"data\r\n");
                    let _ = client.finish_data();
                }
            }
            client.poll_transmit(&mut out);
        }
    }

    /// RFC 3207 §4: whatever follows the 220 to STARTTLS, however split, is discarded.
    #[test]
    fn starttls_injection_always_discarded(
        junk in proptest::collection::vec(any::<u8>(), 0..200),
        cut in 0usize..220,
    ) {
        let mut client = Client::new(config("client.example"));
        client.receive(b"220 mx\r\n250-mx\r\n250 STARTTLS\r\n");
        while client.poll_event().is_some() {}
        client.starttls().unwrap();
        let mut out = Vec::new();
        client.poll_transmit(&mut out);
        let mut wire = b"220 go ahead\r\n".to_vec();
        wire.extend_from_slice(&junk);
        let cut = cut.min(wire.len());
        let mut events = Vec::new();
        for part in [&wire[..cut], &wire[cut..]] {
            prop_assert_eq!(client.receive(part), part.len());
            events.extend(std::iter::from_fn(|| client.poll_event()));
        }
        prop_assert_eq!(events, vec![ClientEvent::UpgradeTls]);
        client.tls_established().unwrap();
        out.clear();
        client.poll_transmit(&mut out);
        prop_assert_eq!(out, b"EHLO client.example\r\n".to_vec());
        prop_assert!(client.capabilities().is_empty());
    }
}
