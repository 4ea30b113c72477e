//! The builder: parse(build(x)) gives back x for every builder input, and the output follows
//! the line-length, encoding and injection rules.

mod common;

use common::check_invariants;
use proptest::prelude::*;
use rfc5322_msg::encode::{Attachment, BuildError, MessageBuilder};
use rfc5322_msg::types::{DateTime, Mailbox, Message, Part, PartKind};

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

#[derive(Debug, Clone)]
struct Input {
    subject: String,
    from: (String, String),
    to: Vec<(String, String)>,
    text: Option<String>,
    html: Option<String>,
    inline: Vec<(Vec<u8>, String)>,
    attachments: Vec<(String, String, Vec<u8>)>,
    attached_message: bool,
    utf8: bool,
    eight_bit: bool,
}

fn mailbox_strategy() -> impl Strategy<Value = (String, String)> {
    (
        "[ -~]{0,30}|\\PC{0,20}",
        "[a-z0-9.!#$%&'*+/=?^_`{|}~ -]{1,12}|\\PC{1,6}",
        "[a-z0-9]{1,10}(\\.[a-z]{2,6}){1,2}",
    )
        .prop_map(|(name, local, domain)| (name, format!("{local}@{domain}")))
}

fn input_strategy() -> impl Strategy<Value = Input> {
    (
        "\\PC{0,150}",
        mailbox_strategy(),
        proptest::collection::vec(mailbox_strategy(), 0..4),
        proptest::option::of("(\\PC|\n|\r\n){0,400}"),
        proptest::option::of("(\\PC|\n){0,200}"),
        proptest::collection::vec(
            (
                proptest::collection::vec(any::<u8>(), 0..300),
                "[a-z0-9]{1,10}",
            ),
            0..2,
        ),
        proptest::collection::vec(
            (
                prop_oneof![
                    Just("application/pdf".to_owned()),
                    Just("image/png".to_owned()),
                    Just("text/plain".to_owned()),
                ],
                "\\PC{0,90}",
                proptest::collection::vec(any::<u8>(), 0..500),
            ),
            0..3,
        ),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                subject,
                from,
                to,
                text,
                html,
                inline,
                attachments,
                attached_message,
                utf8,
                eight_bit,
            )| Input {
                subject,
                from,
                to,
                text,
                html,
                inline,
                attachments,
                attached_message,
                utf8,
                eight_bit,
            },
        )
}

fn date() -> DateTime {
    DateTime::new(2026, 11, 23, 13, 5, 9, -300).unwrap()
}

fn build(input: &Input) -> (Vec<u8>, Vec<u8>) {
    let inner = MessageBuilder::new()
        .subject("inner")
        .unwrap()
        .text("inner text\n")
        .build();
    let mut b = MessageBuilder::new()
        .utf8_headers(input.utf8)
        .allow_8bit(input.eight_bit)
        .from(Mailbox::new(Some(&input.from.0), &input.from.1).unwrap())
        .subject(&input.subject)
        .unwrap()
        .date(date())
        .message_id("gen.1@example.org")
        .unwrap()
        .references("a@b")
        .unwrap()
        .references("c@d")
        .unwrap();
    for (name, addr) in &input.to {
        b = b.to(Mailbox::new(Some(name), addr).unwrap());
    }
    if let Some(t) = &input.text {
        b = b.text(t);
    }
    if let Some(h) = &input.html {
        b = b.html(h);
        for (data, id) in &input.inline {
            let part = Attachment::new("image/png", data.clone())
                .unwrap()
                .content_id(&format!("{id}@cid.example"))
                .unwrap();
            b = b.inline(part).unwrap();
        }
    }
    for (ct, name, data) in &input.attachments {
        b = b.attachment(
            Attachment::new(ct, data.clone())
                .unwrap()
                .filename(name)
                .unwrap(),
        );
    }
    if input.attached_message {
        b = b.attachment(Attachment::message(inner.clone()));
    }
    (b.build(), inner)
}

fn expected_name(name: &str) -> Option<String> {
    let t = name.trim_matches([' ', '\t']);
    (!t.is_empty()).then(|| t.to_owned())
}

fn leaves<'m>(p: Part<'m>, out: &mut Vec<Part<'m>>) {
    if p.kind() == PartKind::Leaf || p.kind() == PartKind::Message {
        out.push(p);
        return;
    }
    for c in p.children() {
        leaves(c, out);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_of_build_gives_back_the_input(input in input_strategy()) {
        let (raw, inner) = build(&input);
        let msg = Message::parse(&raw);
        check_invariants(&raw, &msg);

        // Output rules.
        let header_end = msg.root().header_range().end;
        for line in raw.split(|b| *b == b'\n') {
            prop_assert!(line.len() <= 999, "line over 998 octets");
        }
        for f in msg.headers().iter() {
            if f.is("subject") || f.is("references") || f.is("date") {
                for line in f.raw().split(|b| *b == b'\n') {
                    prop_assert!(line.len() <= 79, "{:?}", String::from_utf8_lossy(f.raw()));
                }
            }
        }
        let ascii_addresses = input.from.1.is_ascii() && input.to.iter().all(|(_, a)| a.is_ascii());
        if !input.utf8 && ascii_addresses {
            prop_assert!(raw[..header_end].is_ascii());
        }
        prop_assert!(memchr::memmem::find(&raw, b"\r\r").is_none());
        for (i, &b) in raw.iter().enumerate() {
            if b == b'\n' {
                prop_assert!(i > 0 && raw[i - 1] == b'\r', "bare LF at {}", i);
            }
        }

        // Header values.
        prop_assert_eq!(msg.subject().map(|s| s.into_owned()), Some(input.subject.clone()));
        let from_list = msg.from();
        let from = &from_list[0].mailboxes()[0];
        prop_assert_eq!(from.name().map(str::to_owned), expected_name(&input.from.0));
        let want_from = Mailbox::new(None, &input.from.1).unwrap();
        prop_assert_eq!(from.address(), want_from.address());
        let to: Vec<(Option<String>, String)> = msg
            .to()
            .iter()
            .flat_map(|a| a.mailboxes().to_vec())
            .map(|m| (m.name().map(str::to_owned), m.address().to_owned()))
            .collect();
        let want_to: Vec<(Option<String>, String)> = input
            .to
            .iter()
            .map(|(n, a)| (expected_name(n), Mailbox::new(None, a).unwrap().address().to_owned()))
            .collect();
        prop_assert_eq!(to, want_to);
        prop_assert_eq!(msg.date().unwrap().to_rfc3339(), date().to_rfc3339());
        prop_assert_eq!(msg.message_id().map(|s| s.into_owned()), Some("gen.1@example.org".to_owned()));
        prop_assert_eq!(msg.references(), ["a@b", "c@d"]);

        // Bodies.
        let mut parts = Vec::new();
        leaves(msg.root(), &mut parts);
        let mut it = parts.into_iter().peekable();
        let has_body = input.text.is_some() || input.html.is_some() || (input.attachments.is_empty() && !input.attached_message);
        if let Some(t) = &input.text {
            let p = it.next().unwrap();
            prop_assert_eq!(p.content_type().mime_type(), "text/plain");
            prop_assert_eq!(p.text(), normalize(t));
        }
        if let Some(h) = &input.html {
            let p = it.next().unwrap();
            prop_assert_eq!(p.content_type().mime_type(), "text/html");
            prop_assert_eq!(p.text(), normalize(h));
            for (data, id) in &input.inline {
                let p = it.next().unwrap();
                prop_assert!(p.disposition().unwrap().is_inline());
                let want_id = format!("{id}@cid.example");
                prop_assert_eq!(p.headers().content_id().map(|s| s.into_owned()), Some(want_id));
                prop_assert_eq!(&*p.decoded_body(), &data[..]);
            }
        }
        if input.text.is_none() && input.html.is_none() && has_body {
            let p = it.next().unwrap();
            prop_assert_eq!(p.text(), "");
        }
        for (ct, name, data) in &input.attachments {
            let p = it.next().unwrap();
            prop_assert!(p.disposition().unwrap().is_attachment());
            prop_assert_eq!(p.content_type().mime_type(), ct.as_str());
            let want = (!name.trim().is_empty()).then(|| name.clone());
            prop_assert_eq!(p.filename().map(|f| f.into_owned()), want);
            prop_assert_eq!(&*p.decoded_body(), &data[..]);
        }
        if input.attached_message {
            let p = it.next().unwrap();
            prop_assert_eq!(p.kind(), PartKind::Message);
            prop_assert_eq!(p.raw_body(), &inner[..]);
            prop_assert_eq!(p.message().unwrap().headers().subject().map(|s| s.into_owned()), Some("inner".to_owned()));
        }
        prop_assert!(it.next().is_none());
    }
}

#[test]
fn simple_message_bytes() {
    let raw = MessageBuilder::new()
        .from(Mailbox::new(Some("John Doe"), "jdoe@machine.example").unwrap())
        .to(Mailbox::new(Some("Mary Smith"), "mary@example.net").unwrap())
        .subject("Saying Hello")
        .unwrap()
        .date(DateTime::new(1997, 11, 21, 9, 55, 6, -360).unwrap())
        .message_id("1234@local.machine.example")
        .unwrap()
        .text("This is a message just to say hello.\nSo, \"Hello\".\n")
        .build();
    assert_eq!(
        String::from_utf8(raw).unwrap(),
        "From: John Doe <jdoe@machine.example>\r\n\
         To: Mary Smith <mary@example.net>\r\n\
         Subject: Saying Hello\r\n\
         Date: Fri, 21 Nov 1997 09:55:06 -0600\r\n\
         Message-ID: <1234@local.machine.example>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         This is a message just to say hello.\r\nSo, \"Hello\".\r\n"
    );
}

#[test]
fn encodings_in_headers() {
    let raw = MessageBuilder::new()
        .from(Mailbox::new(Some("Doe, John"), "j@x.example").unwrap())
        .to(Mailbox::new(Some("Jörg Müller"), "j@y.example").unwrap())
        .subject("Grüße aus Köln")
        .unwrap()
        .attachment(
            Attachment::new("application/pdf", vec![0xFF, 0, 1])
                .unwrap()
                .filename("Übersicht 2026.pdf")
                .unwrap(),
        )
        .build();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(text.contains("From: \"Doe, John\" <j@x.example>\r\n"));
    assert!(text.contains("To: =?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <j@y.example>\r\n"));
    assert!(
        text.contains("Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\r\n"),
        "{text}"
    );
    assert!(text.is_ascii());
    let msg = Message::parse(&raw);
    assert_eq!(msg.subject().as_deref(), Some("Grüße aus Köln"));
    assert_eq!(msg.to()[0].mailboxes()[0].name(), Some("Jörg Müller"));
    assert_eq!(msg.from()[0].mailboxes()[0].name(), Some("Doe, John"));
    assert_eq!(
        msg.part("1").unwrap().filename().as_deref(),
        Some("Übersicht 2026.pdf")
    );
    assert!(text.contains("filename*=utf-8''%C3%9Cbersicht%202026.pdf"));
    assert!(text.contains("Content-Transfer-Encoding: base64\r\n"));
    let utf8 = MessageBuilder::new()
        .utf8_headers(true)
        .to(Mailbox::new(Some("Jörg Müller"), "j@y.example").unwrap())
        .subject("Grüße aus Köln")
        .unwrap()
        .build();
    let text = String::from_utf8(utf8).unwrap();
    assert!(text.contains("To: Jörg Müller <j@y.example>\r\n"));
    assert!(text.contains("Subject: Grüße aus Köln\r\n"));
}

#[test]
fn injection_is_impossible() {
    assert_eq!(
        MessageBuilder::new()
            .subject("a\r\nBcc: victim@example.org")
            .unwrap_err(),
        BuildError::Control
    );
    assert_eq!(
        MessageBuilder::new().header("X-A\r\nB", "v").unwrap_err(),
        BuildError::FieldName
    );
    assert_eq!(
        MessageBuilder::new()
            .header("Content-Type", "x/y")
            .unwrap_err(),
        BuildError::FieldName
    );
    assert!(Mailbox::new(Some("a\nb"), "x@y").is_err());
    assert!(Mailbox::new(None, "x\r\n@y").is_err());
    assert!(Mailbox::new(None, "x@y z").is_err());
    assert!(Mailbox::new(None, "no-at-sign").is_err());
    assert_eq!(
        MessageBuilder::new().message_id("a b@c").unwrap_err(),
        BuildError::MessageId
    );
    assert_eq!(
        MessageBuilder::new().message_id("<a@c>").unwrap_err(),
        BuildError::MessageId
    );
    assert!(Attachment::new("text/plain\r\nX: y", vec![]).is_err());
    assert!(
        Attachment::new("text/plain", vec![])
            .unwrap()
            .filename("a\nb")
            .is_err()
    );
    let no_cid = Attachment::new("image/png", vec![]).unwrap();
    assert_eq!(
        MessageBuilder::new().inline(no_cid).unwrap_err(),
        BuildError::MissingContentId
    );
}

#[test]
fn boundaries_never_collide() {
    // A 7-bit body that contains the boundary the builder would pick first.
    let probe = MessageBuilder::new()
        .text("x")
        .attachment(Attachment::new("text/plain", b"y".to_vec()).unwrap())
        .build();
    let msg = Message::parse(&probe);
    let first = msg.root().content_type().boundary().unwrap().to_owned();
    let evil = format!("x\r\n--{first}\r\n--{first}--\r\n");
    let raw = MessageBuilder::new()
        .text(&evil)
        .attachment(Attachment::new("text/plain", b"y".to_vec()).unwrap())
        .build();
    let msg = Message::parse(&raw);
    assert_eq!(msg.part("1").unwrap().text(), evil);
    assert_eq!(msg.root().children().count(), 2);
}

#[test]
fn long_words_are_encoded_to_fit() {
    let long = "x".repeat(2000);
    let raw = MessageBuilder::new().subject(&long).unwrap().build();
    for line in raw.split(|b| *b == b'\n') {
        assert!(line.len() <= 79);
    }
    assert_eq!(
        Message::parse(&raw).subject().as_deref(),
        Some(long.as_str())
    );
}
