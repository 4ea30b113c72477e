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
    extras: Extras,
}

/// Groups in `Cc`, and structured fields of the caller's choice.
#[derive(Debug, Clone)]
struct Extras {
    cc_groups: Vec<(String, Vec<(String, String)>)>,
    notify: Vec<(String, String)>,
    original_ids: Vec<String>,
}

fn extras_strategy() -> impl Strategy<Value = Extras> {
    (
        proptest::collection::vec(
            (
                "[ -~]{1,30}|\\PC{1,20}",
                proptest::collection::vec(mailbox_strategy(), 0..3),
            ),
            0..3,
        ),
        proptest::collection::vec(mailbox_strategy(), 0..3),
        proptest::collection::vec("[a-z0-9.+=_-]{1,20}@[a-z]{1,10}(\\.[a-z]{2,4})?", 0..3),
    )
        .prop_map(|(cc_groups, notify, original_ids)| Extras {
            cc_groups: cc_groups
                .into_iter()
                .map(|(n, m)| {
                    let n = if n.trim_matches([' ', '\t']).is_empty() {
                        "G".to_owned()
                    } else {
                        n
                    };
                    (n, m)
                })
                .collect(),
            notify,
            original_ids: original_ids
                .into_iter()
                .filter(|i| !i.starts_with('.') && !i.contains("..") && !i.contains(".@"))
                .collect(),
        })
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
        extras_strategy(),
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
                extras,
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
                extras,
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
    for (group, members) in &input.extras.cc_groups {
        let members = members
            .iter()
            .map(|(n, a)| Mailbox::new(Some(n), a).unwrap());
        b = b.cc_group(group, members).unwrap();
    }
    for (name, addr) in &input.extras.notify {
        b = b
            .address_header(
                "Disposition-Notification-To",
                Mailbox::new(Some(name), addr).unwrap(),
            )
            .unwrap();
    }
    for id in &input.extras.original_ids {
        b = b.id_header("Original-Message-ID", id).unwrap();
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
        let ascii_addresses = input.from.1.is_ascii()
            && input.to.iter().all(|(_, a)| a.is_ascii())
            && input.extras.notify.iter().all(|(_, a)| a.is_ascii())
            && input.extras.cc_groups.iter().flat_map(|(_, m)| m).all(|(_, a)| a.is_ascii());
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
        let pairs = |list: &[(String, String)]| -> Vec<(Option<String>, String)> {
            list.iter()
                .map(|(n, a)| (expected_name(n), Mailbox::new(None, a).unwrap().address().to_owned()))
                .collect()
        };
        let cc = msg.cc();
        prop_assert_eq!(cc.len(), input.extras.cc_groups.len());
        for (got, (name, members)) in cc.iter().zip(&input.extras.cc_groups) {
            let g = got.as_group().expect("a group");
            prop_assert_eq!(Some(g.name().to_owned()), expected_name(name));
            let got_members: Vec<(Option<String>, String)> = g
                .members()
                .iter()
                .map(|m| (m.name().map(str::to_owned), m.address().to_owned()))
                .collect();
            prop_assert_eq!(got_members, pairs(members));
        }
        let notify: Vec<(Option<String>, String)> = msg
            .headers()
            .addresses("Disposition-Notification-To")
            .iter()
            .flat_map(|a| a.mailboxes().to_vec())
            .map(|m| (m.name().map(str::to_owned), m.address().to_owned()))
            .collect();
        prop_assert_eq!(notify, pairs(&input.extras.notify));
        let ids = msg
            .headers()
            .get("Original-Message-ID")
            .map(|f| f.msg_ids().into_iter().map(|i| i.into_owned()).collect::<Vec<_>>())
            .unwrap_or_default();
        prop_assert_eq!(ids, input.extras.original_ids.clone());
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

/// Found by fuzz/fuzz_targets/msg_build.rs: an id with a `(` was accepted and read back cut at
/// the comment, and a non-ASCII one was written raw without RFC 6532. Identifiers are now
/// ASCII `dot-atom-text "@" (dot-atom-text / no-fold-literal)`.
#[test]
fn message_ids_are_rfc5322_msg_ids() {
    for bad in [
        "0=`~](`!,=@ids.example",
        "a(b@c",
        "a@b)",
        "a..b@c",
        ".a@c",
        "a@c.",
        "\"q\"@c",
        "a@[b[c]",
        "a,b@c",
        "a@b@c",
        "a;b@c",
        "?ü?=本-@ids.example",
    ] {
        assert_eq!(
            MessageBuilder::new().message_id(bad).unwrap_err(),
            BuildError::MessageId,
            "{bad}"
        );
    }
    for good in [
        "CAJ+abc123=def@mail.gmail.example",
        "a.b.c@[192.168.0.1]",
        "!#$%&'*+-/=?^_`{|}~@x",
        "1234@local.machine.example",
    ] {
        let raw = MessageBuilder::new()
            .message_id(good)
            .unwrap()
            .in_reply_to(good)
            .unwrap()
            .build();
        let msg = Message::parse(&raw);
        assert_eq!(msg.message_id().as_deref(), Some(good));
        assert_eq!(msg.in_reply_to(), [good]);
    }
}

#[test]
fn groups_and_custom_structured_fields() {
    let raw = MessageBuilder::new()
        .from(Mailbox::new(None, "a@example.org").unwrap())
        .to_group(
            "A Group",
            [
                Mailbox::new(Some("Ed Jones"), "c@a.test").unwrap(),
                Mailbox::new(None, "joe@where.test").unwrap(),
            ],
        )
        .unwrap()
        .to(Mailbox::new(None, "solo@x.test").unwrap())
        .bcc_group("Undisclosed recipients", [])
        .unwrap()
        .cc_group("Équipe: «a»", [Mailbox::new(None, "e@x.test").unwrap()])
        .unwrap()
        .address_header(
            "Disposition-Notification-To",
            Mailbox::new(Some("Doe, John"), "j@x.test").unwrap(),
        )
        .unwrap()
        .address_header("to", Mailbox::new(None, "late@x.test").unwrap())
        .unwrap()
        .id_header("Original-Message-ID", "orig.1@example.org")
        .unwrap()
        .id_header("references", "r@x")
        .unwrap()
        .build();
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(
        text.contains(
            "To: A Group: Ed Jones <c@a.test>, joe@where.test;, solo@x.test, late@x.test\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("Bcc: Undisclosed recipients:;\r\n"), "{text}");
    assert!(text.contains("Disposition-Notification-To: \"Doe, John\" <j@x.test>\r\n"));
    assert!(text.contains("Original-Message-ID: <orig.1@example.org>\r\n"));
    assert!(text.contains("References: <r@x>\r\n"));
    assert!(text.is_ascii());
    let msg = Message::parse(&raw);
    let to = msg.to();
    let g = to[0].as_group().unwrap();
    assert_eq!(g.name(), "A Group");
    assert_eq!(g.members()[0].name(), Some("Ed Jones"));
    assert_eq!(g.members()[1].address(), "joe@where.test");
    assert_eq!(to[1].as_mailbox().unwrap().address(), "solo@x.test");
    assert_eq!(to[2].as_mailbox().unwrap().address(), "late@x.test");
    let bcc = msg.bcc();
    assert_eq!(bcc[0].as_group().unwrap().name(), "Undisclosed recipients");
    assert!(bcc[0].as_group().unwrap().members().is_empty());
    assert_eq!(msg.cc()[0].as_group().unwrap().name(), "Équipe: «a»");
    assert_eq!(msg.references(), ["r@x"]);

    let b = MessageBuilder::new();
    assert_eq!(
        b.clone().to_group(" ", []).unwrap_err(),
        BuildError::GroupName
    );
    assert_eq!(
        b.clone().to_group("a\r\nBcc: x@y", []).unwrap_err(),
        BuildError::Control
    );
    let m = || Mailbox::new(None, "x@y.z").unwrap();
    for bad in ["Message-ID", "content-type", "X:Y", "", "In-Reply-To"] {
        assert_eq!(
            b.clone().address_header(bad, m()).unwrap_err(),
            BuildError::FieldName,
            "{bad}"
        );
    }
    for bad in ["From", "cc", "Content-ID", "X Y"] {
        assert_eq!(
            b.clone().id_header(bad, "a@b").unwrap_err(),
            BuildError::FieldName,
            "{bad}"
        );
    }
}

/// The full structure: multipart/mixed > (multipart/alternative > text, multipart/related >
/// (html, inline image)), attachments, an attached message that has its own attachment.
#[test]
fn full_structure() {
    let inner = MessageBuilder::new()
        .subject("inner")
        .unwrap()
        .text("inner text")
        .attachment(
            Attachment::new("application/pdf", vec![1, 2, 3])
                .unwrap()
                .filename("in.pdf")
                .unwrap(),
        )
        .build();
    let raw = MessageBuilder::new()
        .subject("outer")
        .unwrap()
        .text("plain")
        .html("<img src=\"cid:logo@x\">")
        .inline(
            Attachment::new("image/png", vec![0x89, b'P', b'N', b'G'])
                .unwrap()
                .content_id("logo@x")
                .unwrap()
                .filename("logo.png")
                .unwrap(),
        )
        .unwrap()
        .attachment(
            Attachment::new("application/zip", vec![0; 100])
                .unwrap()
                .filename("a.zip")
                .unwrap(),
        )
        .attachment(Attachment::message(inner.clone()))
        .build();
    let msg = Message::parse(&raw);
    let tree: Vec<(String, String)> = msg
        .parts()
        .map(|p| (p.section().to_string(), p.content_type().mime_type()))
        .collect();
    let want = [
        ("", "multipart/mixed"),
        ("1", "multipart/alternative"),
        ("1.1", "text/plain"),
        ("1.2", "multipart/related"),
        ("1.2.1", "text/html"),
        ("1.2.2", "image/png"),
        ("2", "application/zip"),
        ("3", "message/rfc822"),
        ("3", "multipart/mixed"),
        ("3.1", "text/plain"),
        ("3.2", "application/pdf"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(tree, want);
    let img = msg.part("1.2.2").unwrap();
    assert_eq!(img.headers().content_id().as_deref(), Some("logo@x"));
    assert!(img.disposition().unwrap().is_inline());
    assert_eq!(img.filename().as_deref(), Some("logo.png"));
    assert_eq!(
        msg.part("1.2").unwrap().content_type().param("type"),
        Some("text/html")
    );
    assert_eq!(msg.part("3").unwrap().raw_body(), &inner[..]);
    assert_eq!(
        msg.part("3.2").unwrap().filename().as_deref(),
        Some("in.pdf")
    );
    assert_eq!(&*msg.part("3.2").unwrap().decoded_body(), &[1, 2, 3]);
}
