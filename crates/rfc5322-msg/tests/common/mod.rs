//! Invariants every parsed message must satisfy, shared by the example tests and the proptests.
#![allow(dead_code)]

use rfc5322_msg::types::{Message, PartKind};

/// Re-serialization is exact, every range lies inside its parent and in order, every part is
/// found again by its IMAP section number, and every accessor runs without panicking.
pub fn check_invariants(raw: &[u8], msg: &Message<'_>) {
    assert_eq!(msg.to_bytes(), raw, "re-serialization differs");
    assert_eq!(msg.raw(), raw);
    for part in msg.parts() {
        let h = part.header_range();
        let b = part.body_range();
        assert!(h.start <= h.end && h.end == b.start && b.start <= b.end && b.end <= raw.len());
        let mut pos = h.start;
        for f in part.headers().iter() {
            let r = f.range();
            assert!(r.start >= pos && r.end <= h.end, "field outside its header");
            assert!(f.raw().starts_with(f.name_bytes()));
            pos = r.end;
        }
        let mut cpos = b.start;
        for c in part.children() {
            assert_eq!(c.parent(), Some(part));
            let ch = c.header_range();
            let cb = c.body_range();
            assert!(
                ch.start >= cpos && cb.end <= b.end,
                "child outside its parent"
            );
            cpos = cb.end;
        }
        match part.kind() {
            PartKind::Message => {
                let inner = part.message().expect("message part has its entity");
                assert_eq!(inner.header_range().start, b.start);
                assert_eq!(inner.body_range().end, b.end);
            }
            PartKind::Multipart => {
                assert!(part.children().count() >= 1);
                let pre = part.preamble().unwrap();
                assert!(pre.len() <= part.size());
            }
            PartKind::Leaf => assert_eq!(part.children().count(), 0),
        }
        let section = part.section();
        let found = msg.part_by_section(&section).expect("section resolves");
        let enclosed_multipart = part.kind() == PartKind::Multipart
            && part.parent().is_some_and(|p| p.kind() == PartKind::Message);
        if enclosed_multipart {
            assert_eq!(Some(found), part.parent(), "section {section}");
        } else {
            assert_eq!(found, part, "section {section}");
        }
        assert_eq!(msg.part(&section.to_string()), Some(found));
        // Every accessor, on arbitrary input.
        let _ = part.content_type();
        let _ = part.transfer_encoding();
        let _ = part.disposition();
        let _ = part.filename();
        let _ = part.text();
        let _ = part.lines();
        let _ = part.epilogue();
        let hs = part.headers();
        let _ = (
            hs.subject(),
            hs.from(),
            hs.to(),
            hs.cc(),
            hs.bcc(),
            hs.sender(),
            hs.reply_to(),
        );
        let _ = (
            hs.date(),
            hs.message_id(),
            hs.in_reply_to(),
            hs.references(),
        );
        let _ = (
            hs.received(),
            hs.return_path(),
            hs.list_id(),
            hs.list_unsubscribe(),
        );
        let _ = (
            hs.mime_version(),
            hs.content_id(),
            hs.content_language(),
            hs.keywords(),
        );
        let _ = (
            hs.content_location(),
            hs.content_description(),
            hs.comments(),
        );
        for f in hs.iter() {
            let _ = (f.text(), f.unfolded(), f.addresses(), f.date(), f.msg_ids());
            let _ = rfc5322_msg::parse::parse_content_type(f.raw_value());
            let _ = rfc5322_msg::parse::parse_content_disposition(f.raw_value());
            let _ = rfc5322_msg::parse::parse_received(f.raw_value());
        }
    }
    let owned = msg.clone().into_owned();
    assert_eq!(owned.to_bytes(), raw);
    assert_eq!(owned.part_count(), msg.part_count());
}
