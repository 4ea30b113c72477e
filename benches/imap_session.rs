//! The IMAP state machines: memory at rest, allocations per FETCH response in steady state, and
//! the client's throughput on a synchronisation stream next to the bare parser.
//!
//! Run with `cargo bench --bench imap_session`. It first prints (measured with the counting
//! global allocator of `stats_alloc` in this binary):
//!
//! - the size of a `Client` and a `Server` value, and the heap each holds at rest after a
//!   login and a SELECT (live bytes allocated while setting the session up and not freed);
//! - the client's allocations per FETCH response while it receives the `server` stream of
//!   `benches/imap.rs` (10,000 FETCH responses with ENVELOPE, BODYSTRUCTURE and one in four
//!   with a `BODY[]` literal) in 16 KiB reads, after a warm-up pass;
//! - the server's allocations per FETCH response written with `Server::untagged`.
//!
//! Then criterion measures the client machine on that stream (`receive` + `poll_event` for
//! every event) beside the parser alone (framer + `parse_response`), so the cost of the
//! session layer (tag matching, routing, mailbox view) shows as the difference.

use std::alloc::System;
use std::hint::black_box;
use std::time::Duration;

mod common;

use common::*;
use criterion::{Criterion, Throughput};
use mailproto::imap::client::{Client, ClientConfig, ClientEvent};
use mailproto::imap::parse::{Framer, ParseConfig, Status, parse_response};
use mailproto::imap::server::{Server, ServerConfig, ServerEvent};
use mailproto::imap::types::{Mailbox, UntaggedResponse};
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations so far (reallocations included).
fn allocs() -> usize {
    let s = GLOBAL.stats();
    s.allocations + s.reallocations
}

/// Live heap bytes.
fn live() -> isize {
    let s = GLOBAL.stats();
    s.bytes_allocated as isize - s.bytes_deallocated as isize + s.bytes_reallocated
}

/// The FETCH stream without its tagged completions (the session adds its own).
fn fetch_frames(stream: &[u8]) -> Vec<u8> {
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    let mut out = Vec::with_capacity(stream.len());
    let mut pos = 0;
    while pos < stream.len() {
        let Ok(Status::Complete(frame)) = framer.next_frame(&stream[pos..]) else {
            panic!("framing the bench stream at {pos}");
        };
        let message = &stream[pos..pos + frame.len];
        if message.starts_with(b"* ") {
            out.extend_from_slice(message);
        }
        pos += frame.len;
    }
    out
}

/// Drains the client's events; counts FETCH responses.
fn drain(client: &mut Client) -> usize {
    let mut fetches = 0;
    while let Some(event) = client.poll_event() {
        match event {
            ClientEvent::Data {
                response: UntaggedResponse::Fetch { .. },
                ..
            }
            | ClientEvent::Untagged(UntaggedResponse::Fetch { .. }) => fetches += 1,
            ClientEvent::Error(e) => panic!("client error: {e}"),
            other => {
                black_box(other);
            }
        }
    }
    fetches
}

/// A client after greeting, LOGIN and SELECT, with a `UID FETCH 1:*` in flight.
fn client_session() -> Client {
    let mut client = Client::new(ClientConfig::default());
    let mut out = Vec::new();
    client.receive(b"* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] ready\r\n");
    drain(&mut client);
    client.login("user", "password").unwrap();
    client.poll_transmit(&mut out);
    client.receive(b"A1 OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE CONDSTORE] logged in\r\n");
    drain(&mut client);
    client.select(Mailbox::Inbox).unwrap();
    client.poll_transmit(&mut out);
    client.receive(
        b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* 20000 EXISTS\r\n\
          * OK [UIDVALIDITY 1] ok\r\n* OK [UIDNEXT 30000] ok\r\nA2 OK [READ-WRITE] done\r\n",
    );
    drain(&mut client);
    client
}

fn start_fetch(client: &mut Client) {
    let body = mailproto::imap::parse::parse_command(
        b"X UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)\r\n",
        &ParseConfig::default(),
    );
    let Ok(Status::Complete((command, _))) = body else {
        panic!("bench command");
    };
    client.send(command.body.into_owned()).unwrap();
    let mut out = Vec::new();
    client.poll_transmit(&mut out);
}

/// Feeds `stream` in 16 KiB reads, draining events after each; the FETCH responses seen.
fn feed(client: &mut Client, stream: &[u8]) -> usize {
    let mut fetches = 0;
    for chunk in stream.chunks(16 * 1024) {
        let mut rest = chunk;
        while !rest.is_empty() {
            let n = client.receive(rest);
            rest = &rest[n..];
            fetches += drain(client);
        }
    }
    fetches
}

fn parser_only(stream: &[u8], config: &ParseConfig) -> usize {
    let mut framer = Framer::new(config);
    let mut pos = 0;
    let mut n = 0;
    while pos < stream.len() {
        let Ok(Status::Complete(frame)) = framer.next_frame(&stream[pos..]) else {
            panic!("framing at {pos}");
        };
        let Ok(Status::Complete((response, _))) =
            parse_response(&stream[pos..pos + frame.len], config)
        else {
            panic!("parsing at {pos}");
        };
        black_box(&response);
        pos += frame.len;
        n += 1;
    }
    n
}

fn server_session() -> Server {
    let mut config = ServerConfig::new("bench.example");
    config.allow_plaintext_login_without_tls = true;
    let mut server = Server::new(config).unwrap();
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    server.receive(b"A1 LOGIN user password\r\n");
    while let Some(event) = server.poll_event() {
        if matches!(event, ServerEvent::Login { .. }) {
            server.accept_login().unwrap();
        }
    }
    server.receive(b"A2 SELECT INBOX\r\n");
    let Some(ServerEvent::Command { .. }) = server.poll_event() else {
        panic!("no SELECT event");
    };
    server.untagged(&UntaggedResponse::Exists(20000)).unwrap();
    server.selected(false).unwrap();
    out.clear();
    server.poll_transmit(&mut out);
    server
}

fn memory_report(frames: &[u8]) {
    println!(
        "imap_session: size_of Client {} bytes, Server {} bytes",
        size_of::<Client>(),
        size_of::<Server>()
    );

    let before = live();
    let client = client_session();
    let client_rest = live() - before;
    let before = live();
    let server = server_session();
    let server_rest = live() - before;
    println!(
        "imap_session: heap at rest after LOGIN and SELECT: client {client_rest} bytes, server {server_rest} bytes"
    );
    drop((client, server));

    // Client: warm up (buffers grow to their steady size), then count.
    let mut client = client_session();
    start_fetch(&mut client);
    feed(&mut client, frames);
    let a = allocs();
    let n = feed(&mut client, frames);
    let per = (allocs() - a) as f64 / n as f64;
    let a = allocs();
    let parsed = parser_only(frames, &ParseConfig::default());
    let parser_per = (allocs() - a) as f64 / parsed as f64;
    println!(
        "imap_session: client: {n} FETCH responses in steady state, {per:.2} allocations per response; the parser alone: {parser_per:.2} per response (the vectors of ENVELOPE addresses and BODYSTRUCTURE parts)"
    );

    // Server: the FETCH responses parsed once, then written through the machine.
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    let mut responses = Vec::new();
    let mut pos = 0;
    while pos < frames.len() && responses.len() < 2000 {
        let Ok(Status::Complete(frame)) = framer.next_frame(&frames[pos..]) else {
            break;
        };
        if let Ok(Status::Complete((
            mailproto::imap::types::Response::Untagged(u @ UntaggedResponse::Fetch { .. }),
            _,
        ))) = parse_response(&frames[pos..pos + frame.len], &config)
        {
            responses.push(u.into_owned());
        }
        pos += frame.len;
    }
    let mut server = server_session();
    let mut out = Vec::with_capacity(1 << 20);
    let run = |server: &mut Server, out: &mut Vec<u8>| {
        server.receive(b"A3 UID FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE BODY.PEEK[])\r\n");
        let Some(ServerEvent::Command { .. }) = server.poll_event() else {
            panic!("no FETCH event");
        };
        for r in &responses {
            server.untagged(r).unwrap();
            out.clear();
            server.poll_transmit(out);
        }
        server
            .done(mailproto::imap::types::State::Ok, None, "done")
            .unwrap();
        out.clear();
        server.poll_transmit(out);
    };
    run(&mut server, &mut out);
    let a = allocs();
    run(&mut server, &mut out);
    let per = (allocs() - a) as f64 / responses.len() as f64;
    println!(
        "imap_session: server: {} FETCH responses written in steady state, {per:.2} allocations per response",
        responses.len()
    );
}

fn main() {
    let mut rng = Rng(0x5eed_5eed_1234_5678);
    let frames = fetch_frames(&imap_fetch_responses(&mut rng, true));
    memory_report(&frames);

    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    let config = ParseConfig::default();
    let mut group = c.benchmark_group("imap_session/fetch_stream");
    group.throughput(Throughput::Bytes(frames.len() as u64));
    group.bench_function("parser_only", |b| {
        b.iter(|| parser_only(black_box(&frames), &config))
    });
    group.bench_function("client_machine", |b| {
        b.iter_batched(
            || {
                let mut client = client_session();
                start_fetch(&mut client);
                client
            },
            |mut client| feed(&mut client, black_box(&frames)),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
    c.final_summary();
}
