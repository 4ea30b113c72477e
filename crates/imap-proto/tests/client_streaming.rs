//! Streaming of large FETCH literals: bounded memory, the same data and events whatever the
//! chunking, and the rest of the FETCH response delivered with the streamed item emptied.

use imap_proto::client::{Client, ClientConfig, ClientEvent};
use imap_proto::parse::{ParseConfig, Status, parse_command};
use imap_proto::types::{CommandBody, FetchData, Mailbox, UntaggedResponse};

fn body(text: &str) -> CommandBody<'static> {
    let line = format!("x {text}\r\n");
    match parse_command(line.as_bytes(), &ParseConfig::default()) {
        Ok(Status::Complete((c, _))) => c.body.into_owned(),
        other => panic!("{other:?}"),
    }
}

fn selected(config: ClientConfig) -> Client {
    let mut c = Client::new(config);
    c.receive(b"* PREAUTH ready\r\n");
    while c.poll_event().is_some() {}
    c.select(Mailbox::Inbox).unwrap();
    c.receive(b"* 20 EXISTS\r\nA1 OK done\r\n");
    while c.poll_event().is_some() {}
    c.poll_transmit(&mut Vec::new());
    c
}

/// Events as strings, consecutive data chunks joined (their split depends on the input's).
fn run(config: &ClientConfig, input: &[u8], chunk: usize) -> Vec<String> {
    let mut c = selected(config.clone());
    c.send(body("fetch 1:20 (uid body[])")).unwrap();
    let mut events: Vec<String> = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let n = c.receive(&rest[..chunk.min(rest.len())]);
        rest = &rest[n..];
        while let Some(e) = c.poll_event() {
            match e.into_owned() {
                Ok(ev) => events.push(format!("{ev:?}")),
                Err(data) => {
                    assert!(data.len() <= config.stream_chunk);
                    let s = data.escape_ascii().to_string();
                    match events.last_mut() {
                        Some(last) if last.starts_with("DATA ") => last.push_str(&s),
                        _ => events.push(format!("DATA {s}")),
                    }
                }
            }
        }
    }
    events
}

#[test]
fn streamed_items_whatever_the_chunking() {
    let mut config = ClientConfig::default();
    config.stream_threshold = Some(10);
    config.stream_chunk = 4;
    let input: &[u8] = b"* 1 FETCH (UID 7 BODY[] {12}\r\nHello World!)\r\n\
* 2 FETCH (UID 8 BODY[HEADER] {3}\r\nab\n BODY[TEXT] {11}\r\n0123456789X BINARY[1] ~{10}\r\n\x00123456789)\r\n\
* 3 FETCH (UID 9 ENVELOPE (NIL {10}\r\nlong subje NIL NIL NIL NIL NIL NIL NIL NIL))\r\n\
A2 OK done\r\n";
    let whole = run(&config, input, input.len());
    for chunk in 1..input.len() {
        assert_eq!(run(&config, input, chunk), whole, "chunk {chunk}");
    }
    let text = whole.join("\n");
    assert_eq!(
        whole
            .iter()
            .filter(|e| e.starts_with("FetchBodyStart"))
            .count(),
        3
    );
    assert_eq!(
        whole
            .iter()
            .filter(|e| e.starts_with("FetchBodyEnd"))
            .count(),
        3
    );
    assert!(text.contains("DATA Hello World!"));
    assert!(text.contains("DATA 0123456789X"));
    assert!(text.contains("DATA \\x00123456789"));
    // The small literal and the envelope's literal are not streamed.
    assert!(!text.contains("DATA ab"));
    assert!(!text.contains("DATA long"));
    assert_eq!(whole.iter().filter(|e| e.starts_with("Data")).count(), 3);
    assert!(whole.last().unwrap().starts_with("Done"));
}

#[test]
fn final_event_has_empty_item() {
    let mut config = ClientConfig::default();
    config.stream_threshold = Some(5);
    let mut c = selected(config);
    let f = c.send(body("fetch 1 body[]")).unwrap();
    c.receive(b"* 1 FETCH (BODY[] {6}\r\nabcdef UID 3)\r\n");
    match c.poll_event() {
        Some(ClientEvent::FetchBodyStart {
            command,
            seq,
            item,
            size,
        }) => {
            assert_eq!((command, seq.get(), size), (Some(f), 1, 6));
            assert!(
                matches!(item, FetchData::BodySection { data, .. } if data.as_bytes() == Some(&b""[..]))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.poll_event(), Some(ClientEvent::FetchBodyData(b"abcdef")));
    assert!(matches!(
        c.poll_event(),
        Some(ClientEvent::FetchBodyEnd { size: 6, .. })
    ));
    match c.poll_event() {
        Some(ClientEvent::Data {
            command,
            response: UntaggedResponse::Fetch { items, .. },
        }) => {
            assert_eq!(command, f);
            assert_eq!(items.len(), 2);
            assert!(
                matches!(&items[0], FetchData::BodySection { data, .. } if data.as_bytes() == Some(&b""[..]))
            );
            assert!(matches!(&items[1], FetchData::Uid(u) if u.get() == 3));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.poll_event(), None);
}

/// A 64 MiB literal streams through a buffer whose capacity does not grow with it.
#[test]
fn streams_64_mib_with_constant_buffer() {
    const SIZE: usize = 64 * 1024 * 1024;
    const READ: usize = 16 * 1024;
    let mut config = ClientConfig::default();
    config.stream_threshold = Some(1024 * 1024);
    config.stream_chunk = 64 * 1024;
    let mut c = selected(config);
    c.send(body("fetch 1 body[]")).unwrap();
    let mut received: u64 = 0;
    let mut checksum: u64 = 0;
    let mut events = 0;
    let mut max_capacity = 0;
    let mut feed = |c: &mut Client, data: &[u8]| {
        let mut rest = data;
        while !rest.is_empty() {
            let n = c.receive(rest);
            rest = &rest[n..];
            while let Some(e) = c.poll_event() {
                events += 1;
                if let ClientEvent::FetchBodyData(d) = e {
                    received += d.len() as u64;
                    checksum = d.iter().fold(checksum, |s, &b| {
                        s.wrapping_mul(31).wrapping_add(u64::from(b))
                    });
                }
            }
            max_capacity = max_capacity.max(c.buffer_capacity());
        }
    };
    feed(
        &mut c,
        format!("* 1 FETCH (UID 5 BODY[] {{{SIZE}}}\r\n").as_bytes(),
    );
    let block: Vec<u8> = (0..READ).map(|i| b'a' + (i % 26) as u8).collect();
    let mut expected: u64 = 0;
    for _ in 0..SIZE / READ {
        expected = block.iter().fold(expected, |s, &b| {
            s.wrapping_mul(31).wrapping_add(u64::from(b))
        });
        feed(&mut c, &block);
    }
    feed(&mut c, b")\r\nA2 OK FETCH completed\r\n");
    eprintln!("64 MiB streamed; largest input buffer capacity {max_capacity} bytes");
    assert_eq!(received, SIZE as u64);
    assert_eq!(checksum, expected);
    assert!(events > SIZE / (64 * 1024));
    assert!(
        max_capacity <= 256 * 1024,
        "buffer grew to {max_capacity} bytes"
    );
    assert_eq!(c.in_flight(), 0);
}

#[test]
fn unsolicited_streamed_fetch() {
    let mut config = ClientConfig::default();
    config.stream_threshold = Some(4);
    config.stream_chunk = 2;
    let mut c = selected(config);
    c.receive(b"* 3 FETCH (RFC822.TEXT {5}\r\nhello)\r\n");
    assert!(matches!(
        c.poll_event(),
        Some(ClientEvent::FetchBodyStart {
            command: None,
            size: 5,
            item: FetchData::Rfc822Text(_),
            ..
        })
    ));
    let mut data = Vec::new();
    loop {
        match c.poll_event() {
            Some(ClientEvent::FetchBodyData(d)) => {
                assert!(d.len() <= 2);
                data.extend_from_slice(d);
            }
            Some(ClientEvent::FetchBodyEnd { command: None, .. }) => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(data, b"hello");
    assert!(matches!(
        c.poll_event(),
        Some(ClientEvent::Untagged(UntaggedResponse::Fetch { .. }))
    ));
    assert_eq!(c.poll_event(), None);
}
