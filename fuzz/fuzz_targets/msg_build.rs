//! Message builder: arbitrary builder inputs (addresses, groups, subject, ids, extra
//! unstructured, address and id fields, text and HTML bodies, inline parts, attachments, an attached message, the RFC 6532 and 8BITMIME
//! switches) never panic; a value the builder refuses is refused for a reason its docs give;
//! the built message has CRLF line ends only (no bare CR or LF anywhere), no line over 998
//! octets, and parses back to the same addresses, subject, date, ids, extra fields, parts
//! (types, dispositions, file names, Content-IDs) and bodies (the invariants of the builder
//! proptest, crates/rfc5322-msg/tests/builder.rs).
//!
//! Input: decoded with `arbitrary::Unstructured`, so any bytes are a valid input; strings are
//! either arbitrary UTF-8 or drawn from alphabets that reach the interesting encodings
//! (specials, white space, non-ASCII, long words).
#![no_main]

use libfuzzer_sys::arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;
use rfc5322_msg::encode::{Attachment, BuildError, MessageBuilder};
use rfc5322_msg::types::{DateTime, Mailbox, Message, Part, PartKind};

const ALPHABETS: &[&str] = &[
    "abcxyz ",
    "aA0 .,;:<>@\"\\()[]!#$%&'*+-/=?^_`{|}~\t",
    "é日本語 ü€ =?utf-8?q?x?=",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "\r\n\u{0}\u{7f}\u{85}\u{2028}a",
];

/// A string: arbitrary UTF-8, or up to `max` characters from one of [`ALPHABETS`].
fn string(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    if u.ratio(1, 3)? {
        let s = String::arbitrary(u)?;
        return Ok(s.chars().take(max).collect());
    }
    let alphabet: Vec<char> = u.choose(ALPHABETS)?.chars().collect();
    let len = u.int_in_range(0..=max)?;
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(*u.choose(&alphabet)?);
    }
    Ok(s)
}

fn bytes(u: &mut Unstructured<'_>, max: usize) -> Result<Vec<u8>> {
    let len = u.int_in_range(0..=max)?;
    Ok(u.bytes(len.min(u.len()))?.to_vec())
}

/// A mailbox the builder accepts, or `None` when `Mailbox::new` refused the drawn strings.
fn mailbox(u: &mut Unstructured<'_>) -> Result<Option<Mailbox<'static>>> {
    let name = if u.arbitrary()? {
        Some(string(u, 40)?)
    } else {
        None
    };
    let local = if u.ratio(1, 2)? {
        "user.name+tag".to_owned()
    } else {
        string(u, 20)?
    };
    let domain = if u.ratio(3, 4)? {
        "example.org".to_owned()
    } else {
        string(u, 20)?
    };
    let addr = format!("{local}@{domain}");
    Ok(Mailbox::new(name.as_deref(), &addr).ok())
}

/// Why a rejected value must have been rejected.
fn check_refusal(e: &BuildError, value: &str) {
    if *e == BuildError::Control {
        assert!(value.chars().any(char::is_control), "refused {value:?}");
    }
}

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

fn expected_name(name: Option<&str>) -> Option<String> {
    let t = name?.trim_matches([' ', '\t']);
    (!t.is_empty()).then(|| t.to_owned())
}

fn leaves<'m>(p: Part<'m>, out: &mut Vec<Part<'m>>) {
    if p.kind() != PartKind::Multipart {
        out.push(p);
        return;
    }
    for c in p.children() {
        leaves(c, out);
    }
}

type Pair = (Option<String>, String);

fn pairs(list: &[Mailbox<'_>]) -> Vec<Pair> {
    list.iter()
        .map(|m| (expected_name(m.name()), m.address().to_owned()))
        .collect()
}

fn parsed_pairs(msg: &Message<'_>, field: &str) -> Vec<Pair> {
    msg.headers()
        .addresses(field)
        .iter()
        .flat_map(|a| a.mailboxes().to_vec())
        .map(|m| (m.name().map(str::to_owned), m.address().to_owned()))
        .collect()
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let utf8 = u.arbitrary()?;
    let eight_bit = u.arbitrary()?;
    let mut b = MessageBuilder::new()
        .utf8_headers(utf8)
        .allow_8bit(eight_bit);

    let mut from = Vec::new();
    let mut to = Vec::new();
    let mut cc = Vec::new();
    for _ in 0..u.int_in_range(0..=5)? {
        let Some(m) = mailbox(u)? else { continue };
        match u.int_in_range(0..=2)? {
            0 => {
                from.push(m.clone());
                b = b.from(m);
            }
            1 => {
                to.push(m.clone());
                b = b.to(m);
            }
            _ => {
                cc.push(m.clone());
                b = b.cc(m);
            }
        }
    }

    // Groups in Bcc, an address field and an id field of our own.
    let mut groups = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let name = string(u, 40)?;
        let mut members = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            if let Some(m) = mailbox(u)? {
                members.push(m);
            }
        }
        match b.clone().bcc_group(&name, members.clone()) {
            Ok(nb) => {
                b = nb;
                groups.push((expected_name(Some(&name)).expect("named"), members));
            }
            Err(BuildError::GroupName) => assert!(name.trim_matches([' ', '\t']).is_empty()),
            Err(e) => check_refusal(&e, &name),
        }
    }
    let mut notify = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        if let Some(m) = mailbox(u)? {
            b = b
                .address_header("Disposition-Notification-To", m.clone())
                .expect("valid name");
            notify.push(m);
        }
    }
    let mut original_ids = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let id = format!("{}@x.example", string(u, 12)?);
        if let Ok(nb) = b.clone().id_header("Original-Message-ID", &id) {
            b = nb;
            original_ids.push(id);
        }
    }

    let subject = string(u, 300)?;
    let mut want_subject = None;
    match b.clone().subject(&subject) {
        Ok(nb) => {
            b = nb;
            want_subject = Some(subject);
        }
        Err(e) => check_refusal(&e, &subject),
    }

    let date = DateTime::new(
        u.int_in_range(1900..=2200)?,
        u.int_in_range(1..=12)?,
        u.int_in_range(1..=28)?,
        u.int_in_range(0..=23)?,
        u.int_in_range(0..=59)?,
        u.int_in_range(0..=59)?,
        u.int_in_range(-1439..=1439)?,
    )
    .expect("valid date");
    b = b.date(date);

    let id = if u.arbitrary()? {
        string(u, 30)?
    } else {
        format!("{}@{}", string(u, 10)?, "ids.example")
    };
    let mut want_id = None;
    if let Ok(nb) = b.clone().message_id(&id) {
        b = nb;
        want_id = Some(id);
    }

    // Extra unstructured fields under names no other check reads.
    let mut extra = Vec::new();
    for i in 0..u.int_in_range(0..=3)? {
        let suffix = string(u, 10)?;
        let name = format!("X-F{i}{suffix}");
        let value = string(u, 200)?;
        match b.clone().header(&name, &value) {
            Ok(nb) => {
                b = nb;
                extra.push((name, value));
            }
            Err(e) => {
                if e == BuildError::FieldName {
                    assert!(
                        name.len() > 76
                            || !name.bytes().all(|c| (33..127).contains(&c) && c != b':'),
                        "refused name {name:?}"
                    );
                } else {
                    check_refusal(&e, &value);
                }
            }
        }
    }

    let text = if u.arbitrary()? {
        Some(string(u, 2000)?)
    } else {
        None
    };
    let html = if u.arbitrary()? {
        Some(string(u, 2000)?)
    } else {
        None
    };
    if let Some(t) = &text {
        b = b.text(t);
    }
    let mut inline = Vec::new();
    if let Some(h) = &html {
        b = b.html(h);
        for i in 0..u.int_in_range(0..=2)? {
            let data = bytes(u, 3000)?;
            let cid = format!("img{i}@cid.example");
            let part = Attachment::new("image/png", data.clone())
                .expect("valid type")
                .content_id(&cid)
                .expect("valid id");
            b = b.inline(part).expect("has a content id");
            inline.push((cid, data));
        }
    }
    let mut attachments = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let mime = if u.ratio(3, 4)? {
            u.choose(&[
                "application/pdf",
                "text/plain",
                "image/jpeg",
                "application/x-Odd.Type+zip",
            ])?
            .to_string()
        } else {
            string(u, 30)?
        };
        let data = bytes(u, 5000)?;
        let Ok(a) = Attachment::new(&mime, data.clone()) else {
            continue;
        };
        let name = string(u, 200)?;
        let a = match a.filename(&name) {
            Ok(a) => a,
            Err(e) => {
                check_refusal(&e, &name);
                continue;
            }
        };
        attachments.push((mime.to_ascii_lowercase(), name, data));
        b = b.attachment(a);
    }
    let inner = if u.arbitrary()? {
        let inner_subject = string(u, 50)?.replace(char::is_control, "");
        let inner = MessageBuilder::new()
            .subject(&inner_subject)
            .expect("no controls")
            .text(&string(u, 200)?)
            .build();
        b = b.attachment(Attachment::message(inner.clone()));
        Some((inner_subject, inner))
    } else {
        None
    };

    let raw = b.build();

    // Output rules: CRLF only, lines of at most 998 octets.
    for (i, &c) in raw.iter().enumerate() {
        match c {
            b'\n' => assert!(i > 0 && raw[i - 1] == b'\r', "bare LF at {i}"),
            b'\r' => assert_eq!(raw.get(i + 1), Some(&b'\n'), "bare CR at {i}"),
            _ => {}
        }
    }
    for line in raw.split(|c| *c == b'\n') {
        assert!(line.len() <= 999, "line over 998 octets");
    }
    let msg = Message::parse(&raw);
    assert_eq!(msg.to_bytes(), raw);
    let header_end = msg.root().header_range().end;
    if !utf8 && raw[..header_end].iter().any(|c| !c.is_ascii()) {
        // Only an address can put 8-bit into the header without RFC 6532.
        assert!(
            from.iter()
                .chain(&to)
                .chain(&cc)
                .chain(&notify)
                .chain(groups.iter().flat_map(|(_, m)| m))
                .any(|m| !m.address().is_ascii()),
            "{}",
            String::from_utf8_lossy(&raw[..header_end])
        );
    }

    // Header values back.
    assert_eq!(msg.subject().map(|s| s.into_owned()), want_subject);
    assert_eq!(parsed_pairs(&msg, "from"), pairs(&from));
    assert_eq!(parsed_pairs(&msg, "to"), pairs(&to));
    assert_eq!(parsed_pairs(&msg, "cc"), pairs(&cc));
    assert_eq!(
        parsed_pairs(&msg, "Disposition-Notification-To"),
        pairs(&notify)
    );
    let bcc = msg.bcc();
    assert_eq!(bcc.len(), groups.len());
    for (got, (name, members)) in bcc.iter().zip(&groups) {
        let g = got.as_group().expect("a group");
        assert_eq!(g.name(), name);
        let got_members: Vec<Pair> = g
            .members()
            .iter()
            .map(|m| (m.name().map(str::to_owned), m.address().to_owned()))
            .collect();
        assert_eq!(got_members, pairs(members));
    }
    let ids: Vec<String> = msg
        .headers()
        .get("Original-Message-ID")
        .map(|f| f.msg_ids().into_iter().map(|i| i.into_owned()).collect())
        .unwrap_or_default();
    assert_eq!(ids, original_ids);
    assert_eq!(msg.date().map(|d| d.to_rfc3339()), Some(date.to_rfc3339()));
    assert_eq!(msg.message_id().map(|s| s.into_owned()), want_id);
    for (name, value) in &extra {
        assert_eq!(
            msg.headers().text(name).as_deref(),
            Some(value.as_str()),
            "{name}"
        );
    }

    // Parts and bodies back, in order.
    let mut parts = Vec::new();
    leaves(msg.root(), &mut parts);
    let mut it = parts.into_iter();
    if let Some(t) = &text {
        let p = it.next().expect("text part");
        assert_eq!(p.content_type().mime_type(), "text/plain");
        assert_eq!(p.text(), normalize(t));
    }
    if let Some(h) = &html {
        let p = it.next().expect("html part");
        assert_eq!(p.content_type().mime_type(), "text/html");
        assert_eq!(p.text(), normalize(h));
        for (cid, data) in &inline {
            let p = it.next().expect("inline part");
            assert!(p.disposition().expect("disposition").is_inline());
            assert_eq!(p.headers().content_id().as_deref(), Some(cid.as_str()));
            assert_eq!(&*p.decoded_body(), &data[..]);
        }
    }
    if text.is_none() && html.is_none() && attachments.is_empty() && inner.is_none() {
        assert_eq!(it.next().expect("empty body").text(), "");
    }
    for (mime, name, data) in &attachments {
        let p = it.next().expect("attachment");
        assert!(p.disposition().expect("disposition").is_attachment());
        assert_eq!(&p.content_type().mime_type(), mime);
        let want = (!name.trim().is_empty()).then(|| name.clone());
        assert_eq!(p.filename().map(|f| f.into_owned()), want);
        assert_eq!(&*p.decoded_body(), &data[..]);
    }
    if let Some((subject, inner)) = &inner {
        let p = it.next().expect("attached message");
        assert_eq!(p.kind(), PartKind::Message);
        assert_eq!(p.raw_body(), &inner[..]);
        let enclosed = p.message().expect("enclosed entity");
        assert_eq!(
            enclosed.headers().subject().as_deref(),
            Some(subject.as_str())
        );
    }
    assert!(it.next().is_none(), "unexpected part");
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});
