//! Property tests: any input parses without panicking and re-serializes to itself with
//! consistent ranges; generated MIME trees, addresses, dates, encoded words, RFC 2231
//! parameters and transfer encodings read back as what was generated.

mod common;

use base64::Engine as _;
use common::check_invariants;
use proptest::prelude::*;
use rfc5322_msg::parse::{
    decode_base64, decode_quoted_printable, decode_text, parse_address_list, parse_content_type,
    parse_date_time,
};
use rfc5322_msg::types::{DateTime, Message, PartKind};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(raw in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let msg = Message::parse(&raw);
        check_invariants(&raw, &msg);
    }

    /// Inputs made of MIME-ish lines exercise the tree builder much harder than random bytes.
    #[test]
    fn mime_shaped_input(lines in proptest::collection::vec((0usize..LINES.len(), any::<bool>()), 0..80)) {
        let mut raw = Vec::new();
        for (i, crlf) in lines {
            raw.extend_from_slice(LINES[i].as_bytes());
            raw.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
        let msg = Message::parse(&raw);
        check_invariants(&raw, &msg);
    }

    #[test]
    fn generated_trees_round_trip(tree in tree_strategy(), lf in any::<bool>()) {
        let mut raw = Vec::new();
        let mut counter = 0;
        let nl: &[u8] = if lf { b"\n" } else { b"\r\n" };
        write_node(&tree, &mut raw, &mut counter, nl, true);
        let msg = Message::parse(&raw);
        check_invariants(&raw, &msg);
        let mut got = Vec::new();
        read_node(msg.root(), &mut got);
        let mut want = Vec::new();
        flatten(&tree, &mut want);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn mailboxes_round_trip(
        entries in proptest::collection::vec(("[ -~]{0,12}|\\PC{0,8}", "[a-z0-9.!#$%&'*+/=?^_`{|}~ -]{1,12}", "[a-z0-9]{1,8}(\\.[a-z]{2,4}){0,2}"), 1..5)
    ) {
        let mut value = String::new();
        for (i, (name, local, domain)) in entries.iter().enumerate() {
            if i > 0 {
                value.push_str(", ");
            }
            if !name.trim_matches([' ', '\t']).is_empty() {
                value.push('"');
                value.push_str(&name.replace('\\', "\\\\").replace('"', "\\\""));
                value.push_str("\" ");
            }
            value.push('<');
            value.push_str(&quote_local(local));
            value.push('@');
            value.push_str(domain);
            value.push('>');
        }
        let list = parse_address_list(value.as_bytes());
        prop_assert_eq!(list.len(), entries.len(), "{}", value);
        for (a, (name, local, domain)) in list.iter().zip(&entries) {
            let m = a.as_mailbox().unwrap();
            let want_name = name.trim_matches([' ', '\t']);
            prop_assert_eq!(m.name().unwrap_or(""), want_name, "{}", value);
            prop_assert_eq!(&*m.local_part(), local.as_str(), "{}", value);
            prop_assert_eq!(m.domain(), Some(domain.as_str()));
            // The canonical form parses back to the same mailbox.
            let again = parse_address_list(m.address().as_bytes());
            prop_assert_eq!(again[0].as_mailbox().unwrap().address(), m.address());
        }
    }

    #[test]
    fn dates_round_trip(
        year in 1900u16..2100, month in 1u8..=12, day in 1u8..=28, hour in 0u8..24,
        minute in 0u8..60, second in 0u8..60, offset in -(12 * 60i16)..=(14 * 60)
    ) {
        let d = DateTime::new(year, month, day, hour, minute, second, offset).unwrap();
        let text = d.to_string();
        let back = parse_date_time(text.as_bytes()).unwrap();
        prop_assert_eq!(back.to_rfc3339(), d.to_rfc3339());
        prop_assert_eq!(back.timestamp(), d.timestamp());
    }

    #[test]
    fn encoded_words_round_trip(text in "\\PC{1,40}", chunk in 1usize..12, q in any::<bool>()) {
        // Split the UTF-8 bytes anywhere, multibyte sequences included.
        let bytes = text.as_bytes();
        let mut value = String::from("Subject:");
        for piece in bytes.chunks(chunk) {
            value.push(' ');
            value.push_str("=?UTF-8?");
            if q {
                value.push_str("Q?");
                for &b in piece {
                    if b.is_ascii_alphanumeric() {
                        value.push(b as char);
                    } else if b == b' ' {
                        value.push('_');
                    } else {
                        value.push_str(&format!("={b:02X}"));
                    }
                }
            } else {
                value.push_str("B?");
                value.push_str(&base64::engine::general_purpose::STANDARD.encode(piece));
            }
            value.push_str("?=");
        }
        let decoded = decode_text(&value.as_bytes()[8..]);
        prop_assert_eq!(decoded.as_ref(), text.as_str());
    }

    #[test]
    fn rfc2231_round_trip(value in "\\PC{0,40}", chunk in 1usize..10) {
        let mut ct = String::from("application/octet-stream");
        let bytes = value.as_bytes();
        if bytes.is_empty() {
            ct.push_str("; name*=utf-8''");
        }
        for (i, piece) in bytes.chunks(chunk).enumerate() {
            ct.push_str(&format!(";\r\n name*{i}*="));
            if i == 0 {
                ct.push_str("utf-8'en'");
            }
            for &b in piece {
                if b.is_ascii_alphanumeric() {
                    ct.push(b as char);
                } else {
                    ct.push_str(&format!("%{b:02X}"));
                }
            }
        }
        let parsed = parse_content_type(ct.as_bytes()).unwrap();
        prop_assert_eq!(parsed.name().unwrap_or(""), value.as_str());
    }

    #[test]
    fn base64_round_trip(data in proptest::collection::vec(any::<u8>(), 0..600), wrap in 4usize..80) {
        let encoded = base64::engine::general_purpose::STANDARD.encode(&data);
        let mut wrapped = Vec::new();
        for line in encoded.as_bytes().chunks(wrap) {
            wrapped.extend_from_slice(line);
            wrapped.extend_from_slice(b"\r\n");
        }
        prop_assert_eq!(decode_base64(&wrapped), data);
    }

    #[test]
    fn quoted_printable_round_trip(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let encoded = qp_encode(&data);
        prop_assert_eq!(decode_quoted_printable(&encoded), data);
    }
}

const LINES: &[&str] = &[
    "Content-Type: multipart/mixed; boundary=a",
    "Content-Type: multipart/alternative; boundary=\"b\"",
    "Content-Type: multipart/digest; boundary=a",
    "Content-Type: message/rfc822",
    "Content-Type: message/global",
    "Content-Type: text/plain; charset=iso-8859-1",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Disposition: attachment; filename*0*=utf-8''%C3%A9; filename*1=x",
    "Subject: =?utf-8?q?=C3?= =?utf-8?b?qQ==?=",
    "From: a <b@c>, (x) d@e, g:h@i;",
    " folded continuation",
    "--a",
    "--a--",
    "--b",
    "--b--",
    "--a  ",
    "",
    "",
    "text line",
    "=E9=3D soft=",
    "aGVsbG8=",
    "From mbox line",
    "no colon here",
];

#[derive(Debug, Clone)]
enum Node {
    Leaf(String),
    Multipart(Vec<Node>),
    Message(Box<Node>),
}

fn tree_strategy() -> impl Strategy<Value = Node> {
    let leaf = "[a-z ]{0,20}".prop_map(Node::Leaf);
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Node::Multipart),
            inner.prop_map(|n| Node::Message(Box::new(n))),
        ]
    })
}

fn write_node(n: &Node, out: &mut Vec<u8>, counter: &mut usize, nl: &[u8], top: bool) {
    if top {
        out.extend_from_slice(b"Subject: generated");
        out.extend_from_slice(nl);
    }
    match n {
        Node::Leaf(text) => {
            out.extend_from_slice(b"Content-Type: text/plain");
            out.extend_from_slice(nl);
            out.extend_from_slice(nl);
            out.extend_from_slice(text.as_bytes());
        }
        Node::Message(inner) => {
            out.extend_from_slice(b"Content-Type: message/rfc822");
            out.extend_from_slice(nl);
            out.extend_from_slice(nl);
            write_node(inner, out, counter, nl, false);
        }
        Node::Multipart(children) => {
            *counter += 1;
            let b = format!("bound{counter}");
            out.extend_from_slice(
                format!("Content-Type: multipart/mixed; boundary={b}").as_bytes(),
            );
            out.extend_from_slice(nl);
            out.extend_from_slice(nl);
            out.extend_from_slice(b"preamble");
            for c in children {
                out.extend_from_slice(nl);
                out.extend_from_slice(format!("--{b}").as_bytes());
                out.extend_from_slice(nl);
                write_node(c, out, counter, nl, false);
            }
            out.extend_from_slice(nl);
            out.extend_from_slice(format!("--{b}--").as_bytes());
            out.extend_from_slice(nl);
            out.extend_from_slice(b"epilogue");
        }
    }
}

/// Pre-order list of (kind, leaf text).
fn flatten(n: &Node, out: &mut Vec<(PartKind, String)>) {
    match n {
        Node::Leaf(t) => out.push((PartKind::Leaf, t.clone())),
        Node::Multipart(c) => {
            out.push((PartKind::Multipart, String::new()));
            for x in c {
                flatten(x, out);
            }
        }
        Node::Message(inner) => {
            out.push((PartKind::Message, String::new()));
            flatten(inner, out);
        }
    }
}

fn read_node(p: rfc5322_msg::types::Part<'_>, out: &mut Vec<(PartKind, String)>) {
    match p.kind() {
        PartKind::Leaf => out.push((PartKind::Leaf, p.text().into_owned())),
        k => {
            out.push((k, String::new()));
            for c in p.children() {
                read_node(c, out);
            }
        }
    }
}

fn quote_local(local: &str) -> String {
    let dot_atom = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains(' ');
    if dot_atom {
        local.to_owned()
    } else {
        format!("\"{}\"", local.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A quoted-printable encoder (RFC 2045 §6.7) for the round trip: CRLF hard breaks kept,
/// soft breaks before 76 columns, trailing white space protected.
fn qp_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == b'\r' && data.get(i + 1) == Some(&b'\n') {
            out.extend_from_slice(b"\r\n");
            col = 0;
            i += 2;
            continue;
        }
        let at_line_end = matches!(data.get(i + 1), None | Some(b'\r'));
        let literal =
            (b == b' ' || b == b'\t') && !at_line_end || (33..=126).contains(&b) && b != b'=';
        let piece: Vec<u8> = if literal {
            vec![b]
        } else {
            format!("={b:02X}").into_bytes()
        };
        if col + piece.len() > 75 {
            out.extend_from_slice(b"=\r\n");
            col = 0;
        }
        col += piece.len();
        out.extend_from_slice(&piece);
        i += 1;
    }
    out
}
