//! Realistic messages (tests/samples/, written by make_samples.py in the styles of Gmail,
//! Outlook, Thunderbird and Apple Mail) and malformed ones. The expected MIME trees, file names
//! and decoded sizes agree with Python's email package (policy.default) on the same files.

mod common;

use common::check_invariants;
use rfc5322_msg::parse::MessageConfig;
use rfc5322_msg::types::{Message, PartKind, TransferEncoding};

/// (section, content type, filename, decoded size of leaves)
type Row = (String, String, Option<String>, Option<usize>);

fn tree(msg: &Message<'_>) -> Vec<Row> {
    msg.parts()
        .map(|p| {
            (
                p.section().to_string(),
                p.content_type().mime_type(),
                p.filename().map(|f| f.into_owned()),
                (p.kind() == PartKind::Leaf).then(|| p.decoded_body().len()),
            )
        })
        .collect()
}

fn row(s: &str, t: &str, f: Option<&str>, n: Option<usize>) -> Row {
    (s.to_owned(), t.to_owned(), f.map(str::to_owned), n)
}

#[test]
fn gmail() {
    let raw = include_bytes!("samples/gmail.eml");
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("Re: Résumé des données"));
    let cc = msg.cc();
    assert_eq!(cc[0].mailboxes()[0].name(), Some("Team, The"));
    assert_eq!(
        msg.message_id().as_deref(),
        Some("CAJ+abc123=def@mail.gmail.example")
    );
    assert_eq!(
        msg.references(),
        ["root-0@example.net", "prev-1@example.net"]
    );
    assert_eq!(
        msg.headers().return_path().as_deref(),
        Some("john@gmail.example")
    );
    assert_eq!(
        msg.date().unwrap().to_rfc3339(),
        "2026-11-23T14:01:02+01:00"
    );
    let dkim = msg.headers().get("dkim-signature").unwrap();
    assert!(dkim.raw().starts_with(
        b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n        d=gmail.example;"
    ));
    assert!(
        dkim.raw()
            .ends_with(b"b=AAAAB3NzaC1yc2EAAAADAQABAAABAQ\r\n")
    );
    assert_eq!(
        tree(&msg),
        [
            row("", "multipart/mixed", None, None),
            row("1", "multipart/alternative", None, None),
            row("1.1", "text/plain", None, Some(103)),
            row("1.2", "text/html", None, Some(93)),
            row("2", "application/pdf", Some("Résumé.pdf"), Some(1560)),
        ]
    );
    let text = msg.part("1.1").unwrap().text();
    assert!(text.contains("Voici le résumé des données. Une ligne très longue qui est coupée."));
    assert!(text.contains("-- \r\nJohn"));
    let pdf = msg.part("2").unwrap();
    assert_eq!(pdf.transfer_encoding(), TransferEncoding::Base64);
    assert!(pdf.decoded_body().starts_with(b"%PDF-1.4\n"));
    assert_eq!(pdf.headers().content_id().as_deref(), Some("f_lq1w2e3r0"));
    assert!(pdf.disposition().unwrap().is_attachment());
}

#[test]
fn outlook() {
    let raw = include_bytes!("samples/outlook.eml");
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("RE: Réunion de l'équipe"));
    let from = &msg.from()[0];
    assert_eq!(from.mailboxes()[0].name(), Some("Smith, Mary"));
    let to: Vec<_> = msg
        .to()
        .iter()
        .map(|a| a.mailboxes()[0].name().unwrap().to_owned())
        .collect();
    assert_eq!(to, ["John Doe", "O'Brien, Pat"]);
    assert_eq!(msg.headers().content_language(), ["fr-FR"]);
    let received = msg.headers().received();
    assert_eq!(
        received[0].date().unwrap().to_rfc3339(),
        "2026-11-23T13:00:05+00:00"
    );
    assert_eq!(
        tree(&msg),
        [
            row("", "multipart/mixed", None, None),
            row("1", "multipart/alternative", None, None),
            row("1.1", "text/plain", None, Some(94)),
            row("1.2", "text/html", None, Some(160)),
            row(
                "2",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Some("Compte rendu réunion.docx"),
                Some(3004)
            ),
        ]
    );
    // windows-1252 under the iso-8859-1 label: 0x80 is the euro sign.
    assert!(
        msg.part("1.1")
            .unwrap()
            .text()
            .contains("Coût estimé : 100 €.")
    );
    let att = msg.part("2").unwrap();
    assert_eq!(
        att.headers().content_description().as_deref(),
        Some("Compte rendu réunion.docx")
    );
    assert_eq!(att.disposition().unwrap().param("size"), Some("3004"));
    assert!(att.decoded_body().starts_with(b"PK\x03\x04"));
}

#[test]
fn thunderbird() {
    let raw = include_bytes!("samples/thunderbird.eml");
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("Привет, мир!"));
    assert_eq!(msg.from()[0].mailboxes()[0].name(), Some("Анна"));
    assert_eq!(
        msg.root().preamble(),
        Some(&b"This is a multi-part message in MIME format."[..])
    );
    assert_eq!(
        tree(&msg),
        [
            row("", "multipart/mixed", None, None),
            row("1", "text/plain", None, Some(60)),
            row("2", "text/plain", Some("очень длинное имя.txt"), Some(14)),
        ]
    );
    let p1 = msg.part("1").unwrap();
    assert_eq!(p1.content_type().param("format"), Some("flowed"));
    assert!(p1.text().starts_with("Привет, Иван!"));
    assert_eq!(msg.part("2").unwrap().text(), "Привет!\n");
}

#[test]
fn apple_mail() {
    let raw = include_bytes!("samples/apple.eml");
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.headers().mime_version().as_deref(), Some("1.0"));
    assert_eq!(
        tree(&msg),
        [
            row("", "multipart/alternative", None, None),
            row("1", "text/plain", None, Some(22)),
            row("2", "multipart/related", None, None),
            row("2.1", "text/html", None, Some(103)),
            row("2.2", "image/png", Some("image001.png"), Some(2048)),
        ]
    );
    let img = msg.part("2.2").unwrap();
    assert!(img.disposition().unwrap().is_inline());
    assert_eq!(
        img.headers().content_id().as_deref(),
        Some("9C8B7A69-5847-3625-1403-F2E1D0C9B8A7@home")
    );
    let expected: Vec<u8> = (0..8).flat_map(|_| 0..=255u8).collect();
    assert_eq!(&*img.decoded_body(), &expected[..]);
    assert_eq!(
        msg.part("2").unwrap().content_type().param("type"),
        Some("text/html")
    );
}

#[test]
fn forwarded() {
    let raw = include_bytes!("samples/forwarded.eml");
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(
        tree(&msg),
        [
            row("", "multipart/mixed", None, None),
            row("1", "text/plain", None, Some(24)),
            row("2", "message/rfc822", Some("Photo.eml"), None),
            row("2", "multipart/alternative", None, None),
            row("2.1", "text/plain", None, Some(18)),
            row("2.2", "text/html", None, Some(25)),
        ]
    );
    let inner = msg.part("2").unwrap().message().unwrap();
    assert_eq!(
        inner.headers().message_id().as_deref(),
        Some("inner-1@icloud.example")
    );
    assert_eq!(inner.depth(), 2);
    assert_eq!(msg.part("2.2").unwrap().text(), "<p>Here is the photo.</p>");
}

#[test]
fn missing_close_delimiter() {
    let raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo, never closed\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    let root = msg.root();
    assert!(root.is_unterminated());
    assert_eq!(root.epilogue(), None);
    assert_eq!(msg.part("2").unwrap().raw_body(), b"two, never closed\r\n");
}

#[test]
fn inner_multipart_closed_by_outer_delimiter() {
    let raw = b"Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\n\r\na\r\n--outer\r\n\r\nb\r\n--outer--\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    let inner = msg.part("1").unwrap();
    assert_eq!(inner.kind(), PartKind::Multipart);
    assert!(inner.is_unterminated());
    assert_eq!(msg.part("1.1").unwrap().raw_body(), b"a");
    assert_eq!(msg.part("2").unwrap().raw_body(), b"b");
}

#[test]
fn boundary_never_appears() {
    let raw = b"Content-Type: multipart/mixed; boundary=nothere\r\n\r\njust text\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.root().kind(), PartKind::Leaf);
    assert_eq!(msg.root().raw_body(), b"just text\r\n");
    let raw = b"Content-Type: multipart/mixed\r\n\r\n--\r\nno boundary parameter\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.root().kind(), PartKind::Leaf);
}

#[test]
fn bare_lf_and_mixed_line_ends() {
    let raw = b"Subject: lf\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--b\r\n\r\ntwo\r\n--b--\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("lf"));
    assert_eq!(msg.part("1").unwrap().raw_body(), b"one");
    assert_eq!(msg.part("2").unwrap().raw_body(), b"two");
    let f = msg.headers().get("subject").unwrap();
    assert_eq!(f.raw(), b"Subject: lf\n");
}

#[test]
fn header_without_separator() {
    // A line that is no field starts the body (no blank line).
    let raw = b"Subject: x\r\nthis is body text\r\nmore\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.headers().len(), 1);
    assert_eq!(msg.root().raw_body(), b"this is body text\r\nmore\r\n");
    // A part header ended by the next delimiter.
    let raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b\r\n\r\nok\r\n--b--";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.part("1").unwrap().raw_body(), b"");
    assert_eq!(msg.part("2").unwrap().raw_body(), b"ok");
    // No headers at all.
    let raw = b"Hello there\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert!(msg.headers().is_empty());
    assert_eq!(msg.root().text(), "Hello there\r\n");
    // Headers only, no body, no final line break.
    let raw = b"Subject: only";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("only"));
    assert_eq!(msg.root().size(), 0);
    // Nothing.
    let msg = Message::parse(b"");
    check_invariants(b"", &msg);
    assert_eq!(msg.part_count(), 1);
}

#[test]
fn mbox_from_line_and_odd_fields() {
    let raw = b"From sender@example.org Mon Nov 23 13:00:00 2026\r\nSubject  : spaced\r\nX-Empty:\r\n\r\nbody";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("spaced"));
    assert_eq!(msg.headers().get("x-empty").unwrap().raw_value(), b"");
    assert_eq!(msg.root().raw_body(), b"body");
}

#[test]
fn transport_padding_prefixes_and_reused_boundaries() {
    let raw = b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b  \t\r\n\r\none\r\n--bb\r\nstill one\r\n--b-- \r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.root().children().count(), 1);
    assert_eq!(
        msg.part("1").unwrap().raw_body(),
        b"one\r\n--bb\r\nstill one"
    );
    // The same boundary inside and out: the innermost multipart takes the delimiters.
    let raw = b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\nin\r\n--x--\r\n--x\r\n\r\nafter\r\n--x--\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.part("1.1").unwrap().raw_body(), b"in");
    assert_eq!(msg.part("2").unwrap().raw_body(), b"after");
}

#[test]
fn tolerant_decoding() {
    let raw = b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n w6lj\r\nb2xl=\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.root().text(), "école");
    let raw = b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 =ZZ 100%=\r\n=3D done=";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.root().text(), "Café =ZZ 100%= done");
    // Unknown charset: lossy UTF-8. Mislabelled US-ASCII holding UTF-8: UTF-8.
    let raw = b"Content-Type: text/plain; charset=x-klingon\r\n\r\nok \xFF";
    assert_eq!(Message::parse(raw).root().text(), "ok \u{FFFD}");
    let raw = "Content-Type: text/plain; charset=us-ascii\r\n\r\nnaïve".as_bytes();
    assert_eq!(Message::parse(raw).root().text(), "naïve");
    let raw = b"Content-Type: text/plain\r\n\r\nna\xEFve";
    assert_eq!(Message::parse(raw).root().text(), "naïve");
}

#[test]
fn utf8_and_8bit_headers() {
    let raw =
        "Subject: Grüße aus Köln\r\nFrom: Jörg Müller <jörg@bücher.example>\r\n\r\n".as_bytes();
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("Grüße aus Köln"));
    let m = msg.from()[0].mailboxes()[0].clone();
    assert_eq!(m.name(), Some("Jörg Müller"));
    assert_eq!(m.address(), "jörg@bücher.example");
    let raw = b"Subject: Gr\xFC\xDFe\r\nFrom: J\xF6rg <j@x>\r\n\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.subject().as_deref(), Some("Gr\u{FFFD}\u{FFFD}e"));
}

#[test]
fn limits() {
    let raw = b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n\r\ndeep\r\n--c--\r\n--b--\r\n--a--\r\n";
    let mut config = MessageConfig::default();
    config.max_depth = 2;
    let msg = Message::parse_with(raw, &config);
    check_invariants(raw, &msg);
    let p = msg.part("1.1").unwrap();
    assert_eq!(p.depth(), 2);
    assert_eq!(p.kind(), PartKind::Leaf);
    assert_eq!(p.content_type().mime_type(), "multipart/mixed");
    assert_eq!(p.raw_body(), b"--c\r\n\r\ndeep\r\n--c--");
    assert_eq!(
        Message::parse(raw).part("1.1.1").unwrap().raw_body(),
        b"deep"
    );

    let mut raw = b"Content-Type: multipart/mixed; boundary=a\r\n\r\n".to_vec();
    for i in 0..10 {
        raw.extend_from_slice(format!("--a\r\n\r\npart {i}\r\n").as_bytes());
    }
    raw.extend_from_slice(b"--a--\r\n");
    let mut config = MessageConfig::default();
    config.max_parts = 4;
    let msg = Message::parse_with(&raw, &config);
    check_invariants(&raw, &msg);
    assert!(msg.is_truncated());
    assert_eq!(msg.part_count(), 4);

    // Found by fuzzing: the part limit reached right at an encapsulated message.
    let raw = b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nx\r\n--a--\r\n";
    let mut config = MessageConfig::default();
    config.max_parts = 2;
    let msg = Message::parse_with(raw, &config);
    check_invariants(raw, &msg);
    assert!(msg.is_truncated());
    assert_eq!(msg.part("1").unwrap().kind(), PartKind::Leaf);
    assert_eq!(msg.part("1").unwrap().raw_body(), b"Subject: in\r\n\r\nx");

    let mut raw = Vec::new();
    for i in 0..20 {
        raw.extend_from_slice(format!("X-{i}: v\r\n").as_bytes());
    }
    raw.extend_from_slice(b"\r\nbody");
    let mut config = MessageConfig::default();
    config.max_header_fields = 5;
    let msg = Message::parse_with(&raw, &config);
    check_invariants(&raw, &msg);
    assert_eq!(msg.headers().len(), 5);
    assert_eq!(msg.root().raw_body(), b"body");
}

fn timed(what: &str, f: impl FnOnce()) {
    let start = std::time::Instant::now();
    f();
    let t = start.elapsed();
    // Debug builds are ~20x slower than release; the bound is for debug.
    assert!(t.as_secs_f64() < 10.0, "{what} took {t:?}");
    eprintln!("{what}: {t:?}");
}

#[test]
fn pathological_inputs_are_linear() {
    // 100,000 nested multiparts, each with its own boundary.
    let mut raw = Vec::new();
    for i in 0..100_000 {
        raw.extend_from_slice(
            format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n").as_bytes(),
        );
    }
    timed("100k nested multiparts", || {
        let msg = Message::parse(&raw);
        assert!(msg.part_count() <= 102);
        assert_eq!(msg.to_bytes(), raw);
    });
    // The same boundary 100,000 times, nested.
    let mut raw = Vec::new();
    for _ in 0..100_000 {
        raw.extend_from_slice(b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n");
    }
    timed("100k nested multiparts, one boundary", || {
        let msg = Message::parse(&raw);
        assert_eq!(msg.to_bytes(), raw);
    });
    // 100,000 sibling parts.
    let mut raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n".to_vec();
    for _ in 0..100_000 {
        raw.extend_from_slice(b"--b\r\n\r\nx\r\n");
    }
    timed("100k sibling parts", || {
        let msg = Message::parse(&raw);
        assert!(msg.is_truncated());
        assert_eq!(msg.to_bytes(), raw);
    });
    // A header of 1,000,000 encoded words.
    let mut raw = b"Subject:".to_vec();
    for _ in 0..1_000_000 {
        raw.extend_from_slice(b" =?utf-8?q?a?=");
    }
    raw.extend_from_slice(b"\r\n\r\n");
    timed("1M encoded words", || {
        let msg = Message::parse(&raw);
        assert_eq!(msg.subject().unwrap().len(), 1_000_000);
    });
    // Broken encoded words, comments and quotes that never close.
    let mut raw = b"From: ".to_vec();
    for _ in 0..300_000 {
        raw.extend_from_slice(b"=?a?q?(\"<[");
    }
    raw.extend_from_slice(b"\r\nSubject: ");
    for _ in 0..300_000 {
        raw.extend_from_slice(b"=?a?q?a=");
    }
    raw.extend_from_slice(b"\r\n\r\n");
    timed("unclosed everything", || {
        let msg = Message::parse(&raw);
        let _ = msg.from();
        let _ = msg.subject();
        let _ = msg.headers().content_type();
    });
    // One million header lines, and one million lines starting with "--".
    let raw = b"X: y\r\n".repeat(1_000_000);
    timed("1M header fields", || {
        let msg = Message::parse(&raw);
        assert_eq!(msg.headers().len(), 10_000);
    });
    let mut raw = b"Content-Type: multipart/mixed; boundary=boundary\r\n\r\n".to_vec();
    raw.extend_from_slice(&b"--boundar\r\n".repeat(1_000_000));
    timed("1M near-delimiters", || {
        let msg = Message::parse(&raw);
        assert_eq!(msg.root().kind(), PartKind::Leaf);
    });
}
