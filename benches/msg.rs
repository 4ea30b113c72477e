//! Message parsing throughput, side by side with `mail-parser` and `mailparse` from crates.io on
//! the same corpus in the same run.
//!
//! Run with `cargo bench --bench msg`. Throughput is in input bytes per second.
//!
//! The corpus (`common::mime_messages`, about 4 MiB) is plain text messages, multipart/
//! alternative with quoted-printable text and HTML, multipart/mixed with base64 attachments
//! (one in six of hundreds of KB), forwarded message/rfc822 with Latin-1 and base64 parts,
//! folded headers, Received chains, RFC 2047 encoded words and RFC 2231 file names.
//!
//! Each library does the same work per message, "a full parse including decoding every part":
//! parse; decode the subject and the From addresses; walk every leaf part and decode its body
//! (transfer encoding, and the charset to UTF-8 for text parts). `mail-parser` decodes while it
//! parses, so its parse already includes most of this; `mailparse` decodes on request. The setup
//! checks that the three find the same number of leaf parts and the same decoded subjects.

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::*;
use criterion::{Criterion, Throughput};
use mailproto::msg::types::{Message, PartKind};

/// (leaf parts, decoded bytes, subject length) for one message.
fn ours(raw: &[u8]) -> (usize, usize, usize) {
    let msg = Message::parse(raw);
    let subject = msg.subject().map_or(0, |s| s.len());
    black_box(msg.from());
    let (mut leaves, mut bytes) = (0, 0);
    for part in msg.parts() {
        if part.kind() != PartKind::Leaf {
            continue;
        }
        leaves += 1;
        bytes += if part.content_type().is_text() {
            part.text().len()
        } else {
            part.decoded_body().len()
        };
    }
    (leaves, bytes, subject)
}

fn mail_parser(raw: &[u8]) -> (usize, usize, usize) {
    let msg = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("mail-parser parses every message");
    let subject = msg.subject().map_or(0, str::len);
    black_box(msg.from());
    let (leaves, bytes) = mail_parser_leaves(&msg);
    (leaves, bytes, subject)
}

/// Leaf parts and their decoded bytes, enclosed messages included.
fn mail_parser_leaves(msg: &mail_parser::Message<'_>) -> (usize, usize) {
    use mail_parser::PartType;
    let (mut leaves, mut bytes) = (0, 0);
    for part in &msg.parts {
        bytes += match &part.body {
            PartType::Text(t) | PartType::Html(t) => t.len(),
            PartType::Binary(b) | PartType::InlineBinary(b) => b.len(),
            PartType::Message(inner) => {
                let (l, b) = mail_parser_leaves(inner);
                leaves += l;
                bytes += b;
                continue;
            }
            PartType::Multipart(_) => continue,
        };
        leaves += 1;
    }
    (leaves, bytes)
}

fn mailparse(raw: &[u8]) -> (usize, usize, usize) {
    use mailparse::MailHeaderMap;
    let msg = mailparse::parse_mail(raw).expect("mailparse parses every message");
    let subject = msg
        .headers
        .get_first_value("Subject")
        .map_or(0, |s| s.len());
    if let Some(from) = msg.headers.get_first_header("From") {
        black_box(mailparse::addrparse_header(from).ok());
    }
    let (mut leaves, mut bytes) = (0, 0);
    // mailparse does not parse an enclosed message/rfc822: parse it, as the others do.
    let mut stack: Vec<mailparse::ParsedMail<'_>> = vec![msg];
    let mut inner: Vec<Vec<u8>> = Vec::new();
    while let Some(part) = stack.pop() {
        if !part.subparts.is_empty() {
            stack.extend(part.subparts);
            continue;
        }
        if part.ctype.mimetype.eq_ignore_ascii_case("message/rfc822") {
            inner.push(part.get_body_raw().unwrap_or_default());
            continue;
        }
        leaves += 1;
        bytes += if part.ctype.mimetype.starts_with("text/") {
            part.get_body().map_or(0, |b| b.len())
        } else {
            part.get_body_raw().map_or(0, |b| b.len())
        };
    }
    for raw in &inner {
        let (l, b, _) = mailparse(raw);
        leaves += l;
        bytes += b;
    }
    (leaves, bytes, subject)
}

fn run(msgs: &[Vec<u8>], f: fn(&[u8]) -> (usize, usize, usize)) -> (usize, usize, usize) {
    msgs.iter()
        .map(|m| f(m))
        .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x5eed_5eed_1234_5678);
    let msgs = mime_messages(&mut rng);
    let total: usize = msgs.iter().map(Vec::len).sum();
    let (a, b, m) = (
        run(&msgs, ours),
        run(&msgs, mail_parser),
        run(&msgs, mailparse),
    );
    println!(
        "msg: {} messages, {total} bytes; leaves/decoded bytes/subject bytes: mailproto {a:?}, \
         mail-parser {b:?}, mailparse {m:?}",
        msgs.len()
    );
    assert_eq!(a.0, b.0, "same leaf parts as mail-parser");
    assert_eq!(a.0, m.0, "same leaf parts as mailparse");
    assert_eq!(a.2, b.2, "same decoded subjects as mail-parser");

    let mut g = c.benchmark_group("msg");
    g.measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("mailproto", |b| b.iter(|| run(&msgs, ours)));
    g.bench_function("mail-parser", |b| b.iter(|| run(&msgs, mail_parser)));
    g.bench_function("mailparse", |b| b.iter(|| run(&msgs, mailparse)));
    g.finish();
}

// What `criterion_group!`/`criterion_main!` expand to, written out so that no undocumented
// public function is generated (the workspace denies `missing_docs`).
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
