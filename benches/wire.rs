//! Wire-level benchmarks: line framing and dot-stuffing on realistic, deterministic streams,
//! next to a `memchr` line scan as the practical upper bound.
//!
//! Run with `cargo bench --bench wire`. Throughput is in input bytes per second. The inputs are
//! built by a small xorshift generator with a fixed seed, so every run measures the same bytes:
//!
//! - `messages`: about 4 MiB of RFC 5322 messages with `Received`/`From`/`To`/`Subject`/`Date`/
//!   `Message-ID`/MIME headers and bodies in plain text, quoted-printable or base64 (76-octet
//!   lines), some lines starting with `.` (signatures, ellipses, stuffing candidates), CRLF line
//!   ends throughout. Used for dot-stuffing, and (stuffed) for un-stuffing.
//! - `commands`: about 4 MiB of an SMTP-like command stream (EHLO, MAIL FROM with parameters,
//!   pipelined RCPT TO, DATA-less transactions, RSET, NOOP, the odd long AUTH line). Used for
//!   line framing.
//!
//! Benchmarks (one group, `wire`):
//!
//! | name | what |
//! | --- | --- |
//! | `memchr_lines/{commands,messages}` | count LFs with `memchr::memchr_iter(..).count()`: the baseline (SIMD count) |
//! | `memchr_line_loop/{commands,messages}` | visit each line found by `memchr_iter`: the per-line baseline |
//! | `parse_line/commands` | the stateless parser over the whole stream |
//! | `line_buffer_16k/commands` | `LineBuffer` fed 16 KiB chunks |
//! | `stuff_normalize/messages` | `Stuffer` with the default policy, one call per message |
//! | `stuff_preserve/messages` | `Stuffer` in byte-exact mode |
//! | `unstuff_16k/stuffed` | `Unstuffer` fed the stuffed messages in 16 KiB chunks |

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::*;
use criterion::{Criterion, Throughput};
use mailproto::sasl::dot::{LineEndings, Progress, Stuffer, Unstuffer};
use mailproto::sasl::line::{LineBuffer, LineConfig, Status, parse_line};

const CHUNK: usize = 16 * 1024;

fn sentence_line(rng: &mut Rng, out: &mut String, width: usize) {
    let start = out.len();
    while out.len() - start < width {
        if out.len() > start {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    if rng.below(4) == 0 {
        out.push('.');
    }
}

fn message(rng: &mut Rng, out: &mut Vec<u8>) {
    let mut m = String::new();
    for hop in 0..1 + rng.below(4) {
        m.push_str(&format!(
            "Received: from mx{hop}.{} (mx{hop}.{} [192.0.2.{}])\r\n\tby {} with ESMTPS id {:016x}\r\n\tfor <{}>; Tue, 1 Jul 2025 10:{:02}:{:02} +0000\r\n",
            rng.pick(DOMAINS),
            rng.pick(DOMAINS),
            rng.below(255),
            rng.pick(DOMAINS),
            rng.next(),
            address(rng),
            rng.below(60),
            rng.below(60)
        ));
    }
    let mut subject = String::new();
    let width = 20 + rng.below(40);
    sentence_line(rng, &mut subject, width);
    m.push_str(&format!(
        "From: {} <{}>\r\nTo: {}\r\nSubject: {}\r\nDate: Tue, 1 Jul 2025 10:00:00 +0000\r\nMessage-ID: <{:x}@{}>\r\nMIME-Version: 1.0\r\n",
        rng.pick(NAMES),
        address(rng),
        address(rng),
        subject,
        rng.next(),
        rng.pick(DOMAINS)
    ));
    let kind = rng.below(10);
    let lines = 10 + rng.below(150);
    match kind {
        // Base64 attachment-like body: 76-octet lines.
        0..=2 => {
            m.push_str("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for _ in 0..lines * 3 {
                for _ in 0..76 {
                    m.push(B64[rng.below(64)] as char);
                }
                m.push_str("\r\n");
            }
        }
        // Quoted-printable text: soft line breaks and =XX escapes.
        3..=5 => {
            m.push_str("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
            for _ in 0..lines {
                let mut l = String::new();
                let width = 40 + rng.below(30);
                sentence_line(rng, &mut l, width);
                let qp = l
                    .replace('é', "=C3=A9")
                    .replace('ï', "=C3=AF")
                    .replace('ü', "=C3=BC")
                    .replace('à', "=C3=A0");
                m.push_str(&qp);
                m.push_str(if rng.below(3) == 0 { "=\r\n" } else { "\r\n" });
                if rng.below(25) == 0 {
                    m.push_str(rng.pick(DOT_LINES));
                    m.push_str("\r\n");
                }
            }
        }
        // Plain 8-bit text with paragraphs and dot lines.
        _ => {
            m.push_str("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
            for _ in 0..lines {
                if rng.below(6) == 0 {
                    m.push_str("\r\n");
                }
                if rng.below(20) == 0 {
                    m.push_str(rng.pick(DOT_LINES));
                    m.push_str("\r\n");
                }
                let width = 30 + rng.below(45);
                sentence_line(rng, &mut m, width);
                m.push_str("\r\n");
            }
            m.push_str("-- \r\n.sig line\r\n");
        }
    }
    out.extend_from_slice(m.as_bytes());
}

/// Messages, each ending in CRLF, and the offsets where each starts.
fn messages(rng: &mut Rng) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::with_capacity(TARGET_LEN + 64 * 1024);
    let mut starts = Vec::new();
    while out.len() < TARGET_LEN {
        starts.push(out.len());
        message(rng, &mut out);
    }
    (out, starts)
}

/// Visits every line (start and length) found by `memchr_iter`: what any line framer must do
/// at least. `memchr_iter(..).count()` alone is faster still, as it counts with SIMD without
/// stopping at each match.
fn line_loop(data: &[u8]) -> usize {
    let mut start = 0;
    let mut acc = 0usize;
    for lf in memchr::memchr_iter(b'\n', data) {
        acc = acc.wrapping_add((lf - start) ^ usize::from(data[start]));
        start = lf + 1;
    }
    acc
}

fn stuff_each(stuffer: &mut Stuffer, data: &[u8], starts: &[usize], out: &mut Vec<u8>) {
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(data.len());
        stuffer.stuff(&data[s..e], out).unwrap();
        stuffer.finish(out).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (msgs, starts) = messages(&mut rng);
    let cmds = commands(&mut rng);
    let mut stuffed = Vec::with_capacity(msgs.len() + msgs.len() / 8);
    stuff_each(&mut Stuffer::new(), &msgs, &starts, &mut stuffed);
    let cmd_lines = memchr::memchr_iter(b'\n', &cmds).count();
    let dot_lines = stuffed.windows(3).filter(|w| w == b"\n..").count();
    eprintln!(
        "wire: messages {} bytes ({} messages, {} stuffed dots), commands {} bytes ({} lines), stuffed {} bytes",
        msgs.len(),
        starts.len(),
        dot_lines,
        cmds.len(),
        cmd_lines,
        stuffed.len()
    );

    let mut g = c.benchmark_group("wire");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    g.throughput(Throughput::Bytes(cmds.len() as u64));
    g.bench_function("memchr_lines/commands", |b| {
        b.iter(|| memchr::memchr_iter(b'\n', black_box(&cmds)).count())
    });
    g.bench_function("memchr_line_loop/commands", |b| {
        b.iter(|| line_loop(black_box(&cmds)))
    });
    let config = LineConfig::new(1000);
    g.bench_function("parse_line/commands", |b| {
        b.iter(|| {
            let mut rest = black_box(&cmds[..]);
            let mut n = 0usize;
            while let Ok(Status::Complete(line)) = parse_line(rest, &config) {
                n += line.content().len();
                rest = &rest[line.consumed()..];
            }
            n
        })
    });
    let mut lb = LineBuffer::new(config);
    g.bench_function("line_buffer_16k/commands", |b| {
        b.iter(|| {
            lb.clear();
            let mut n = 0usize;
            for chunk in black_box(&cmds[..]).chunks(CHUNK) {
                let mut rest = chunk;
                while !rest.is_empty() {
                    let k = lb.push(rest);
                    rest = &rest[k..];
                    while let Ok(Some(line)) = lb.next_line() {
                        n += line.content().len();
                    }
                }
            }
            n
        })
    });

    g.throughput(Throughput::Bytes(msgs.len() as u64));
    g.bench_function("memchr_lines/messages", |b| {
        b.iter(|| memchr::memchr_iter(b'\n', black_box(&msgs)).count())
    });
    g.bench_function("memchr_line_loop/messages", |b| {
        b.iter(|| line_loop(black_box(&msgs)))
    });
    let mut out = Vec::with_capacity(stuffed.len() + 1024);
    for (name, policy) in [
        ("stuff_normalize/messages", LineEndings::Normalize),
        ("stuff_preserve/messages", LineEndings::Preserve),
    ] {
        let mut stuffer = Stuffer::with_line_endings(policy);
        g.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                stuff_each(&mut stuffer, black_box(&msgs), &starts, &mut out);
                out.len()
            })
        });
        assert_eq!(out, stuffed);
    }

    g.throughput(Throughput::Bytes(stuffed.len() as u64));
    let mut unstuffer = Unstuffer::new();
    g.bench_function("unstuff_16k/stuffed", |b| {
        b.iter(|| {
            out.clear();
            unstuffer.reset();
            let mut ends = 0;
            for chunk in black_box(&stuffed[..]).chunks(CHUNK) {
                let mut rest = chunk;
                while let Progress::End { consumed } = unstuffer.unstuff(rest, &mut out).unwrap() {
                    ends += 1;
                    rest = &rest[consumed..];
                    unstuffer.reset();
                    if rest.is_empty() {
                        break;
                    }
                }
            }
            ends
        })
    });
    assert_eq!(out, msgs);
    g.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so that no undocumented
// public function is generated (the workspace denies `missing_docs`).
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
