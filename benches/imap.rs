//! IMAP response parsing throughput, side by side with the crates.io `imap-proto` (tokio-imap's
//! parser, client side) and `imap-codec` on the same bytes in the same run.
//!
//! Run with `cargo bench --bench imap`. Throughput is in input bytes per second.
//!
//! Two streams (`common::imap_fetch_responses`, about 4 MiB each) of what a mail client receives
//! when it syncs a mailbox: `* n FETCH (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE
//! BODYSTRUCTURE)` responses (single parts, alternatives, mixed with attachments; RFC 2047
//! encoded names and subjects), EXISTS/RECENT updates and tagged OKs:
//!
//! - `headers`: the header sync alone (no literals): the grammar-heavy stream;
//! - `bodies`: one FETCH in four also carries the whole message as a `BODY[]` literal.
//!
//! Every library parses the stream response by response into typed values. mailproto runs as a
//! client would: its `Framer` finds the end of each response (skipping literal data), then
//! `parse_response` parses it. The setup checks that the three count the same responses.

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::*;
use criterion::{Criterion, Throughput};
use imap_codec::decode::Decoder;
use mailproto::imap::parse::{Framer, ParseConfig, Status, parse_response};

fn ours(data: &[u8], config: &ParseConfig) -> usize {
    let mut framer = Framer::new(config);
    let mut pos = 0;
    let mut n = 0;
    while pos < data.len() {
        let frame = match framer.next_frame(&data[pos..]) {
            Ok(Status::Complete(frame)) => frame,
            other => panic!("mailproto framer at {pos}: {other:?}"),
        };
        let message = &data[pos..pos + frame.len];
        match parse_response(message, config) {
            Ok(Status::Complete((response, used))) => {
                debug_assert_eq!(used, frame.len);
                black_box(&response);
            }
            other => panic!("mailproto at {pos}: {other:?}"),
        }
        pos += frame.len;
        n += 1;
    }
    n
}

fn tokio_imap(data: &[u8]) -> usize {
    let mut rest = data;
    let mut n = 0;
    while !rest.is_empty() {
        match tokio_imap_proto::Response::parse(rest) {
            Ok((r, response)) => {
                black_box(&response);
                rest = r;
                n += 1;
            }
            Err(e) => panic!("imap-proto at {}: {e:?}", data.len() - rest.len()),
        }
    }
    n
}

fn imap_codec(data: &[u8]) -> usize {
    let codec = imap_codec::ResponseCodec::default();
    let mut rest = data;
    let mut n = 0;
    while !rest.is_empty() {
        match codec.decode(rest) {
            Ok((r, response)) => {
                black_box(&response);
                rest = r;
                n += 1;
            }
            Err(e) => panic!("imap-codec at {}: {e:?}", data.len() - rest.len()),
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_5eed_1234_5678);
    let config = ParseConfig::default();
    let mut g = c.benchmark_group("imap");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    for (name, bodies) in [("headers", false), ("bodies", true)] {
        let data = imap_fetch_responses(&mut rng, bodies);
        let n = ours(&data, &config);
        assert_eq!(n, tokio_imap(&data), "imap-proto parses every response");
        assert_eq!(n, imap_codec(&data), "imap-codec parses every response");
        println!("imap {name}: {} bytes, {n} responses", data.len());
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_function(format!("{name}/mailproto"), |b| {
            b.iter(|| ours(&data, &config))
        });
        g.bench_function(format!("{name}/imap-proto"), |b| {
            b.iter(|| tokio_imap(&data))
        });
        g.bench_function(format!("{name}/imap-codec"), |b| {
            b.iter(|| imap_codec(&data))
        });
    }
    g.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so that no undocumented
// public function is generated (the workspace denies `missing_docs`).
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
