//! POP3 client throughput on the two streams that dominate a fetch: a `UIDL` listing of 100,000
//! lines and a `RETR` of a 20 MB message, beside a `memchr` per-line loop over the same bytes
//! (the practical upper bound for anything that must look at every line).
//!
//! Run with `cargo bench --bench pop3`. Throughput is in input bytes per second.
//!
//! | name | what |
//! | --- | --- |
//! | `memchr_line_loop/{uidl,retr}` | visit every line found by `memchr_iter`: the baseline |
//! | `client/uidl` | the client machine, in TRANSACTION, parses the `+OK` and 100,000 `n uid` lines (16 KiB reads) into one `UniqueIds` event |
//! | `client/retr` | the client machine un-stuffs a 20 MB dot-stuffed message (64 KiB reads) into `MessageData` chunks |
//!
//! Each iteration starts a fresh client and logs it in (a few dozen bytes), then feeds the
//! stream; the setup asserts that the listing has every entry and the message every byte.

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::*;
use criterion::{Criterion, Throughput};
use mailproto::pop3::client::{Client, ClientConfig, ClientEvent};

const UIDL_LINES: usize = 100_000;
const RETR_LEN: usize = 20 << 20;

/// `+OK`, 100,000 `n uid` lines (Dovecot's UIDL format: `%08Xu%08Xv`), and the terminator.
fn uidl_stream() -> Vec<u8> {
    let mut out = b"+OK\r\n".to_vec();
    for n in 1..=UIDL_LINES {
        out.extend_from_slice(format!("{n} {:08X}{:08X}\r\n", n + 1000, 1_700_000_000).as_bytes());
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// `+OK`, a 20 MB message (text with dot-leading lines, stuffed), and the terminator; and the
/// message's length once un-stuffed.
fn retr_stream(rng: &mut Rng) -> (Vec<u8>, usize) {
    let mut message = Vec::with_capacity(RETR_LEN + 65536);
    while message.len() < RETR_LEN {
        let lines = 50 + rng.below(500);
        message.extend_from_slice(message_text(rng, lines).as_bytes());
    }
    let mut out = format!("+OK {} octets\r\n", message.len()).into_bytes();
    out.reserve(message.len() + message.len() / 50);
    let mut at_line_start = true;
    for &b in &message {
        if at_line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_line_start = b == b'\n';
    }
    out.extend_from_slice(b".\r\n");
    (out, message.len())
}

/// A client logged in and in TRANSACTION.
fn logged_in() -> Client {
    let mut client = Client::new(ClientConfig::default());
    let mut out = Vec::new();
    client.receive(b"+OK POP3 ready\r\n");
    while client.poll_event().is_some() {}
    client.login("user", "password").expect("login");
    client.poll_transmit(&mut out);
    client.receive(b"+OK\r\n+OK logged in\r\n");
    while client.poll_event().is_some() {}
    client
}

/// Feeds `stream` in `chunk`-byte reads; returns (listing entries, message bytes) seen.
fn feed(client: &mut Client, stream: &[u8], chunk: usize) -> (usize, usize) {
    let mut out = Vec::new();
    client.poll_transmit(&mut out);
    let (mut entries, mut bytes) = (0, 0);
    let mut pos = 0;
    while pos < stream.len() {
        let end = (pos + chunk).min(stream.len());
        let taken = client.receive(&stream[pos..end]);
        pos += taken;
        while let Some(event) = client.poll_event() {
            match event {
                ClientEvent::UniqueIds { entries: e } => entries += black_box(e).len(),
                ClientEvent::MessageData(d) => bytes += black_box(d).len(),
                _ => {}
            }
        }
        assert!(taken > 0 || pos == stream.len(), "client stalled at {pos}");
    }
    (entries, bytes)
}

fn uidl_run(stream: &[u8]) -> usize {
    let mut client = logged_in();
    client.uidl(None).expect("uidl");
    feed(&mut client, stream, 16 * 1024).0
}

fn retr_run(stream: &[u8]) -> usize {
    let mut client = logged_in();
    client.retr(1).expect("retr");
    feed(&mut client, stream, 64 * 1024).1
}

fn memchr_line_loop(data: &[u8]) -> usize {
    let mut start = 0;
    let mut n = 0;
    for end in memchr::memchr_iter(b'\n', data) {
        n += black_box(&data[start..end]).len();
        start = end + 1;
    }
    n
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_5eed_1234_5678);
    let uidl = uidl_stream();
    let (retr, message_len) = retr_stream(&mut rng);
    assert_eq!(uidl_run(&uidl), UIDL_LINES, "every UIDL entry");
    assert_eq!(retr_run(&retr), message_len, "every message byte");
    println!(
        "pop3: uidl {} bytes ({UIDL_LINES} lines), retr {} bytes ({message_len} un-stuffed)",
        uidl.len(),
        retr.len()
    );

    let mut g = c.benchmark_group("pop3");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    g.throughput(Throughput::Bytes(uidl.len() as u64));
    g.bench_function("memchr_line_loop/uidl", |b| {
        b.iter(|| memchr_line_loop(&uidl))
    });
    g.bench_function("client/uidl", |b| b.iter(|| uidl_run(&uidl)));
    g.throughput(Throughput::Bytes(retr.len() as u64));
    g.bench_function("memchr_line_loop/retr", |b| {
        b.iter(|| memchr_line_loop(&retr))
    });
    g.bench_function("client/retr", |b| b.iter(|| retr_run(&retr)));
    g.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so that no undocumented
// public function is generated (the workspace denies `missing_docs`).
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
