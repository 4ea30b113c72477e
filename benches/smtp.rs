//! SMTP codec throughput, side by side with stalwart's `smtp-proto` from crates.io, on the same
//! bytes in the same run.
//!
//! Run with `cargo bench --bench smtp`. Throughput is in input bytes per second.
//!
//! - `commands`: the client command stream of `benches/common` (about 4 MiB: EHLO, AUTH PLAIN,
//!   MAIL FROM with SIZE and BODY, pipelined RCPT TO with NOTIFY, RSET/NOOP, QUIT), parsed
//!   command by command into typed values by each library.
//! - `replies`: a server reply stream for such sessions (about 4 MiB: greetings, Postfix-style
//!   multi-line EHLO replies, `250 2.1.0`, `550 5.1.1` refusals, `354`, queued-as, `221`), parsed
//!   reply by reply.
//!
//! Both libraries get the whole stream in memory and must account for every item; the setup
//! asserts that each one parses the same number of commands and replies.

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::*;
use criterion::{Criterion, Throughput};
use mailproto::smtp::parse::{CommandConfig, ReplyConfig, Status, parse_command, parse_reply};
use stalwart_smtp_proto as stalwart;

/// A server's replies to sessions like those of `common::commands`.
fn replies(rng: &mut Rng) -> Vec<u8> {
    let mut out = String::with_capacity(TARGET_LEN + 4096);
    while out.len() < TARGET_LEN {
        let host = format!("mx{}.{}", rng.below(10), rng.pick(DOMAINS));
        out.push_str(&format!("220 {host} ESMTP Postfix\r\n"));
        out.push_str(&format!(
            "250-{host}\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n\
             250-STARTTLS\r\n250-AUTH PLAIN LOGIN SCRAM-SHA-256\r\n250-ENHANCEDSTATUSCODES\r\n\
             250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n"
        ));
        if rng.below(10) == 0 {
            out.push_str("235 2.7.0 Authentication successful\r\n");
        }
        for _ in 0..1 + rng.below(5) {
            out.push_str("250 2.1.0 Ok\r\n");
            for _ in 0..1 + rng.below(20) {
                if rng.below(8) == 0 {
                    out.push_str(&format!(
                        "550 5.1.1 <{}>: Recipient address rejected: User unknown in virtual \
                         mailbox table\r\n",
                        address(rng)
                    ));
                } else {
                    out.push_str("250 2.1.5 Ok\r\n");
                }
            }
            if rng.below(2) == 0 {
                out.push_str("354 End data with <CR><LF>.<CR><LF>\r\n");
                out.push_str(&format!(
                    "250 2.0.0 Ok: queued as {:X}\r\n",
                    rng.next() & 0xff_ffff_ffff
                ));
            } else {
                out.push_str("250 2.0.0 Ok\r\n");
            }
        }
        out.push_str("221 2.0.0 Bye\r\n");
    }
    out.into_bytes()
}

fn ours_commands(data: &[u8], config: &CommandConfig) -> usize {
    let mut pos = 0;
    let mut n = 0;
    while pos < data.len() {
        match parse_command(&data[pos..], config) {
            Ok(Status::Complete((cmd, used))) => {
                black_box(&cmd);
                pos += used;
                n += 1;
            }
            other => panic!("mailproto: {other:?} at {pos}"),
        }
    }
    n
}

fn stalwart_commands(data: &[u8]) -> usize {
    let mut it = data.iter();
    let mut n = 0;
    while !it.as_slice().is_empty() {
        match stalwart::Request::parse(&mut it) {
            Ok(req) => {
                black_box(&req);
                n += 1;
            }
            Err(e) => panic!("stalwart: {e:?}"),
        }
    }
    n
}

fn ours_replies(data: &[u8], config: &ReplyConfig) -> usize {
    let mut pos = 0;
    let mut n = 0;
    while pos < data.len() {
        match parse_reply(&data[pos..], config) {
            Ok(Status::Complete((reply, used))) => {
                black_box(&reply);
                pos += used;
                n += 1;
            }
            other => panic!("mailproto: {other:?} at {pos}"),
        }
    }
    n
}

fn stalwart_replies(data: &[u8]) -> usize {
    let mut it = data.iter();
    let mut receiver = stalwart::response::parser::ResponseReceiver::default();
    let mut n = 0;
    while !it.as_slice().is_empty() {
        match receiver.parse(&mut it) {
            Ok(reply) => {
                black_box(&reply);
                receiver.reset();
                n += 1;
            }
            Err(e) => panic!("stalwart: {e:?}"),
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_5eed_1234_5678);
    let commands = commands(&mut rng);
    let replies = replies(&mut rng);
    let command_config = CommandConfig::default();
    let reply_config = ReplyConfig::default();

    let n = ours_commands(&commands, &command_config);
    assert_eq!(n, stalwart_commands(&commands), "both parse every command");
    let m = ours_replies(&replies, &reply_config);
    assert_eq!(m, stalwart_replies(&replies), "both parse every reply");
    println!(
        "smtp: commands {} bytes ({n} commands), replies {} bytes ({m} replies)",
        commands.len(),
        replies.len()
    );

    let mut g = c.benchmark_group("smtp");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    g.throughput(Throughput::Bytes(commands.len() as u64));
    g.bench_function("commands/mailproto", |b| {
        b.iter(|| ours_commands(&commands, &command_config))
    });
    g.bench_function("commands/stalwart", |b| {
        b.iter(|| stalwart_commands(&commands))
    });
    g.throughput(Throughput::Bytes(replies.len() as u64));
    g.bench_function("replies/mailproto", |b| {
        b.iter(|| ours_replies(&replies, &reply_config))
    });
    g.bench_function("replies/stalwart", |b| {
        b.iter(|| stalwart_replies(&replies))
    });
    g.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so that no undocumented
// public function is generated (the workspace denies `missing_docs`).
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
