//! Message parser: arbitrary bytes never panic and never hang; every entity's ranges nest and
//! tile the input, so re-serialization gives the input back; every part is found again by its
//! IMAP section number; every header field is decoded every way it can be (text, addresses,
//! date, message ids, MIME values, trace and list fields) and every body transfer-decoded and
//! charset-decoded; an encoded `message/rfc822` leaf is parsed again from its decoded body.
//!
//! The builder is fed what was decoded (subject, first mailbox, text of the first leaf, file
//! names): what it builds must parse back to the same values.
//!
//! Input: when the first byte is 0x01 the rest is parsed with tiny limits (depth 3, 8 parts,
//! 8 header fields per entity); otherwise the whole input is parsed with the defaults, so plain
//! messages work as seeds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;
use rfc5322_msg::encode::{Attachment, MessageBuilder};
use rfc5322_msg::parse::{self, MessageConfig};
use rfc5322_msg::types::{Mailbox, Message, PartKind};

/// Rebuilds a message from values decoded out of `msg` and checks they read back the same.
fn rebuild(msg: &Message<'_>) {
    let subject = msg
        .subject()
        .unwrap_or_default()
        .replace(|c: char| c.is_control(), "");
    let text = msg
        .root()
        .text()
        .replace(|c: char| c.is_control() && c != '\n', "");
    let mut b = MessageBuilder::new()
        .utf8_headers(subject.len() % 2 == 0)
        .subject(&subject)
        .expect("subject without controls")
        .text(&text);
    let mut want_from = None;
    if let Some(m) = msg
        .from()
        .iter()
        .flat_map(|a| a.mailboxes().to_vec())
        .next()
    {
        if let Ok(m) = Mailbox::new(m.name(), m.address()) {
            want_from = Some((m.name().map(str::to_owned), m.address().to_owned()));
            b = b.from(m);
        }
    }
    let mut want_files = Vec::new();
    for p in msg.parts().take(4) {
        if let Some(f) = p.filename() {
            if let Ok(a) = Attachment::new("application/octet-stream", p.raw_body().to_vec())
                .and_then(|a| a.filename(&f))
            {
                want_files.push((f.into_owned(), p.raw_body().to_vec()));
                b = b.attachment(a);
            }
        }
    }
    let raw = b.build();
    for line in raw.split(|c| *c == b'\n') {
        assert!(line.len() <= 999, "built line over 998 octets");
    }
    let back = Message::parse(&raw);
    assert_eq!(back.to_bytes(), raw);
    assert_eq!(back.subject().as_deref(), Some(subject.as_str()));
    if let Some((name, addr)) = want_from {
        let from = back.from();
        let m = &from[0].mailboxes()[0];
        assert_eq!(m.address(), addr);
        assert_eq!(m.name().map(str::to_owned), name);
    }
    let files: Vec<(String, Vec<u8>)> = back
        .parts()
        .filter(|p| p.disposition().is_some_and(|d| d.is_attachment()))
        .map(|p| {
            (
                p.filename().map(|f| f.into_owned()).unwrap_or_default(),
                p.decoded_body().into_owned(),
            )
        })
        .collect();
    assert_eq!(files, want_files);
}

fn exercise(raw: &[u8], config: &MessageConfig, nested: bool) {
    let msg = Message::parse_with(raw, config);
    assert_eq!(msg.to_bytes(), raw, "re-serialization differs");
    assert!(msg.part_count() >= 1 && msg.part_count() <= config.max_parts);
    for part in msg.parts() {
        let h = part.header_range();
        let b = part.body_range();
        assert!(h.start <= h.end && h.end == b.start && b.start <= b.end && b.end <= raw.len());
        assert!(part.depth() <= config.max_depth);
        assert!(part.headers().len() <= config.max_header_fields);
        let mut pos = h.start;
        for f in part.headers().iter() {
            let r = f.range();
            assert!(r.start >= pos && r.end <= h.end);
            pos = r.end;
            let v = f.raw_value();
            let _ = (
                f.name(),
                f.unfolded(),
                f.text(),
                f.addresses(),
                f.mailboxes(),
            );
            let _ = (f.date(), f.msg_id(), f.msg_ids());
            let _ = parse::parse_content_type(v).map(|c| (c.mime_type(), c.resolved_charset()));
            let _ = parse::parse_content_disposition(v).map(|d| d.filename().map(str::len));
            let _ = parse::parse_transfer_encoding(v);
            let _ = parse::parse_received(v);
            let _ = (
                parse::parse_list_urls(v),
                parse::parse_list_id(v),
                parse::parse_path(v),
            );
        }
        let mut cpos = b.start;
        for c in part.children() {
            assert!(c.header_range().start >= cpos && c.body_range().end <= b.end);
            cpos = c.body_range().end;
        }
        match part.kind() {
            PartKind::Message => {
                let inner = part.message().expect("encapsulated entity");
                assert_eq!(inner.header_range().start, b.start);
                assert_eq!(inner.body_range().end, b.end);
            }
            PartKind::Multipart => assert!(part.children().next().is_some()),
            PartKind::Leaf => assert!(part.children().next().is_none()),
        }
        let section = part.section();
        let found = msg.part_by_section(&section).expect("section resolves");
        assert!(found == part || Some(found) == part.parent());
        let hs = part.headers();
        let _ = (
            hs.subject(),
            hs.from(),
            hs.to(),
            hs.cc(),
            hs.date(),
            hs.message_id(),
        );
        let _ = (
            hs.references(),
            hs.received(),
            hs.return_path(),
            hs.list_id(),
        );
        let _ = (
            hs.mime_version(),
            hs.content_language(),
            hs.content_location(),
            hs.keywords(),
        );
        let _ = (
            part.content_type(),
            part.disposition(),
            part.filename(),
            part.lines(),
        );
        let _ = (part.preamble(), part.epilogue(), part.is_unterminated());
        let decoded = part.decoded_body();
        assert!(decoded.len() <= part.size() + 3);
        let _ = part.text();
        if !nested && part.kind() == PartKind::Leaf && part.content_type().is_message() {
            exercise(&decoded, config, true);
        }
    }
    let owned = msg.clone().into_owned();
    assert_eq!(owned.to_bytes(), raw);
    if !nested {
        rebuild(&msg);
    }
}

fuzz_target!(|data: &[u8]| {
    let (config, raw) = match data.split_first() {
        Some((1, rest)) => {
            let mut c = MessageConfig::default();
            c.max_depth = 3;
            c.max_parts = 8;
            c.max_header_fields = 8;
            (c, rest)
        }
        _ => (MessageConfig::default(), data),
    };
    exercise(raw, &config, false);
});
