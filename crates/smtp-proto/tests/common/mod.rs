//! Shared by the integration tests: transcripts fed whole, cut once at every byte boundary and
//! byte by byte, through the client or the server machine, with the same events and output
//! asserted for every cut.
#![allow(dead_code)]

use smtp_proto::client::{Client, ClientConfig, ClientEvent};
use smtp_proto::server::{Server, ServerConfig, ServerEvent};

/// Every way the transcript tests cut `input`: whole, in two at each byte boundary, and byte
/// by byte.
pub fn splits(input: &[u8]) -> Vec<Vec<&[u8]>> {
    let mut all = vec![vec![input]];
    for k in 1..input.len() {
        all.push(vec![&input[..k], &input[k..]]);
    }
    if input.len() > 1 {
        all.push(input.chunks(1).collect());
    }
    all
}

/// What a server application saw: the events (without [`ServerEvent::DataReadable`], whose
/// number depends on how the input was cut) and the message data read, adjacent reads merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// An event.
    Event(ServerEvent),
    /// Message data read with `Server::read_data`.
    Data(Vec<u8>),
}

/// The answers of a server application.
pub type Policy<'a> = dyn FnMut(&mut Server, &ServerEvent) + 'a;

/// Takes every event, reading the data on `DataReadable` and answering the others with
/// `answer`.
pub fn drain_server(server: &mut Server, seen: &mut Vec<Seen>, answer: &mut Policy<'_>) {
    while let Some(ev) = server.poll_event() {
        if ev == ServerEvent::DataReadable {
            while let Some(d) = server.read_data() {
                match seen.last_mut() {
                    Some(Seen::Data(a)) => a.extend_from_slice(d),
                    _ => seen.push(Seen::Data(d.to_vec())),
                }
            }
            continue;
        }
        answer(server, &ev);
        seen.push(Seen::Event(ev));
    }
}

/// Feeds every chunk completely (draining events and output in between, as a caller must);
/// returns the output.
pub fn feed_server(
    server: &mut Server,
    chunks: &[&[u8]],
    seen: &mut Vec<Seen>,
    answer: &mut Policy<'_>,
) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in chunks {
        let mut rest = *chunk;
        let mut stalls = 0;
        loop {
            let n = server.receive(rest);
            rest = &rest[n..];
            let before = (seen.len(), out.len());
            drain_server(server, seen, answer);
            server.poll_transmit(&mut out);
            if rest.is_empty() {
                break;
            }
            let progress = n > 0 || (seen.len(), out.len()) != before;
            stalls = if progress { 0 } else { stalls + 1 };
            assert!(stalls < 3, "server stuck in {:?}", server.state());
        }
    }
    out
}

/// One step of a server transcript: what the client sends, then something the application
/// does (for example `tls_established`).
pub struct ServerStep<'a> {
    /// The client's bytes.
    pub input: &'a [u8],
    /// Done after the input is fed.
    pub then: fn(&mut Server),
}

impl<'a> ServerStep<'a> {
    /// A step with nothing to do after it.
    pub fn input(input: &'a [u8]) -> Self {
        Self {
            input,
            then: |_| {},
        }
    }
}

/// Runs a server transcript with `cuts[i]` as the pieces of step `i`; returns what the
/// application saw and the server's output, greeting included.
fn run_server_once(
    config: &ServerConfig,
    steps: &[ServerStep<'_>],
    pieces: &[Vec<&[u8]>],
    policy: &mut Policy<'_>,
) -> (Vec<Seen>, Vec<u8>) {
    let mut server = Server::new(config.clone()).unwrap();
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    let mut seen = Vec::new();
    for (step, chunks) in steps.iter().zip(pieces) {
        out.extend(feed_server(&mut server, chunks, &mut seen, policy));
        (step.then)(&mut server);
        drain_server(&mut server, &mut seen, policy);
        server.poll_transmit(&mut out);
    }
    (seen, out)
}

/// Runs a server transcript whole, then with each step's input cut at every byte boundary
/// and byte by byte, asserting the same events, data and output every time; returns them.
pub fn server_transcript(
    config: &ServerConfig,
    steps: &[ServerStep<'_>],
    policy: &mut Policy<'_>,
) -> (Vec<Seen>, Vec<u8>) {
    let whole: Vec<Vec<&[u8]>> = steps.iter().map(|s| vec![s.input]).collect();
    let expected = run_server_once(config, steps, &whole, policy);
    for (i, step) in steps.iter().enumerate() {
        for cut in splits(step.input).into_iter().skip(1) {
            let mut pieces = whole.clone();
            pieces[i] = cut;
            let got = run_server_once(config, steps, &pieces, policy);
            assert_eq!(got, expected, "step {i} cut as {:?}", pieces[i]);
        }
    }
    expected
}

/// One step of a client transcript: what the server sends, then the application's action.
pub struct ClientStep<'a> {
    /// The server's bytes.
    pub reply: &'a [u8],
    /// Done after the reply is fed and the events are taken.
    pub then: &'a dyn Fn(&mut Client),
}

/// A client step with nothing to do after it.
pub fn reply(reply: &[u8]) -> ClientStep<'_> {
    ClientStep {
        reply,
        then: &|_| {},
    }
}

/// A client step followed by an action.
pub fn reply_then<'a>(reply: &'a [u8], then: &'a dyn Fn(&mut Client)) -> ClientStep<'a> {
    ClientStep { reply, then }
}

/// Feeds all of `bytes` to the client, calling again while it takes less.
fn feed_client(client: &mut Client, bytes: &[u8], events: &mut Vec<ClientEvent>) {
    let mut rest = bytes;
    let mut stalls = 0;
    while !rest.is_empty() {
        let n = client.receive(rest);
        rest = &rest[n..];
        events.extend(std::iter::from_fn(|| client.poll_event()));
        stalls = if n > 0 { 0 } else { stalls + 1 };
        assert!(stalls < 3, "client takes no input");
    }
}

fn run_client_once(
    config: &ClientConfig,
    steps: &[ClientStep<'_>],
    pieces: &[Vec<&[u8]>],
) -> (Vec<ClientEvent>, Vec<u8>) {
    let mut client = Client::new(config.clone());
    let mut events = Vec::new();
    let mut out = Vec::new();
    for (step, chunks) in steps.iter().zip(pieces) {
        for chunk in chunks {
            feed_client(&mut client, chunk, &mut events);
        }
        (step.then)(&mut client);
        events.extend(std::iter::from_fn(|| client.poll_event()));
        client.poll_transmit(&mut out);
    }
    (events, out)
}

/// Runs a client transcript whole, then with each step's reply cut at every byte boundary
/// and byte by byte, asserting the same events and output every time; returns them.
pub fn client_transcript(
    config: &ClientConfig,
    steps: &[ClientStep<'_>],
) -> (Vec<ClientEvent>, Vec<u8>) {
    let whole: Vec<Vec<&[u8]>> = steps.iter().map(|s| vec![s.reply]).collect();
    let expected = run_client_once(config, steps, &whole);
    for (i, step) in steps.iter().enumerate() {
        for cut in splits(step.reply).into_iter().skip(1) {
            let mut pieces = whole.clone();
            pieces[i] = cut;
            let got = run_client_once(config, steps, &pieces);
            assert_eq!(got, expected, "step {i} cut as {:?}", pieces[i]);
        }
    }
    expected
}

/// The bytes as text, for readable assertions.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
