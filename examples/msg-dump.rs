//! `msg-dump`: parses one message (RFC 5322 with MIME) with [`mailproto::msg`] and prints what
//! was found as one JSON object.
//!
//! ```text
//! msg-dump FILE        (FILE `-` or absent: standard input)
//! ```
//!
//! The object:
//!
//! ```text
//! {"subject": decoded text or null,
//!  "from", "sender", "reply_to", "to", "cc", "bcc":
//!      [{"name": decoded display name or null, "address": "local@domain"}]
//!      (group members flattened; [] when the field is absent),
//!  "date": RFC 3339 with the message's own offset ("2001-05-04T14:05:44-04:00") or null,
//!  "message_id": the id without angle brackets or null,
//!  "in_reply_to": [ids], "references": [ids],
//!  "headers": [{"name": ..., "value": the raw value unfolded, as text}],
//!  "parts": [every entity of the MIME tree in depth-first pre-order, the child of a
//!            message/rfc822 node being the enclosed message's top entity:
//!    {"path": IMAP section number ("" for the root of a multipart message),
//!     "content_type": lowercase "type/subtype", "charset": lowercase or null,
//!     "disposition": "inline" | "attachment" | null, "filename": decoded or null,
//!     "transfer_encoding": lowercase or null,
//!     "size": octets after transfer decoding (null for multipart and message nodes),
//!     "text": the decoded text of a text/* leaf, else null}]}
//! ```
//!
//! Choices where the RFCs leave room: an entity without `Content-Type` is `text/plain` with
//! charset `us-ascii` (RFC 2045 §5.2), or `message/rfc822` inside `multipart/digest` (RFC 2046
//! §5.1.5); a disposition type other than `inline` is reported as `attachment` (RFC 2183 §2.8:
//! unrecognized types are treated as `attachment`); an unknown offset (`-0000`, military and
//! unknown zones, RFC 5322 §4.3) is written `-00:00` (RFC 3339 §4.3); header values that are not
//! UTF-8 are shown with U+FFFD in place of the invalid bytes.
//!
//! The output is a single line; `dump` is the whole program without the I/O, so tests include
//! this file as a module (`#[path]`).

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use mailproto::msg::types::{Address, Message, PartKind};

/// Appends `s` to `out` as a JSON string (RFC 8259 §7), quotes included.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_opt(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => json_string(out, s),
        None => out.push_str("null"),
    }
}

fn json_list<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        each(out, item);
    }
    out.push(']');
}

fn addresses(out: &mut String, list: &[Address<'_>]) {
    let mailboxes: Vec<_> = list.iter().flat_map(|a| a.mailboxes()).collect();
    json_list(out, &mailboxes, |out, m| {
        out.push_str("{\"name\": ");
        json_opt(out, m.name());
        out.push_str(", \"address\": ");
        json_string(out, m.address());
        out.push('}');
    });
}

/// The JSON object for the message in `bytes` (one line, no line break at the end).
pub fn dump(bytes: &[u8]) -> String {
    let msg = Message::parse(bytes);
    let h = msg.headers();
    let mut out = String::with_capacity(1024 + bytes.len() / 2);
    out.push_str("{\"subject\": ");
    json_opt(&mut out, msg.subject().as_deref());
    for (key, list) in [
        ("from", msg.from()),
        ("sender", msg.sender()),
        ("reply_to", msg.reply_to()),
        ("to", msg.to()),
        ("cc", msg.cc()),
        ("bcc", msg.bcc()),
    ] {
        let _ = write!(out, ", \"{key}\": ");
        addresses(&mut out, &list);
    }
    out.push_str(", \"date\": ");
    json_opt(&mut out, msg.date().map(|d| d.to_rfc3339()).as_deref());
    out.push_str(", \"message_id\": ");
    json_opt(&mut out, msg.message_id().as_deref());
    out.push_str(", \"in_reply_to\": ");
    json_list(&mut out, &msg.in_reply_to(), |o, id| json_string(o, id));
    out.push_str(", \"references\": ");
    json_list(&mut out, &msg.references(), |o, id| json_string(o, id));
    out.push_str(", \"headers\": ");
    let fields: Vec<_> = h.iter().collect();
    json_list(&mut out, &fields, |o, f| {
        o.push_str("{\"name\": ");
        json_string(o, f.name());
        o.push_str(", \"value\": ");
        json_string(o, &String::from_utf8_lossy(&f.unfolded()));
        o.push('}');
    });
    out.push_str(", \"parts\": [");
    for (i, p) in msg.parts().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let ct = p.content_type();
        let charset = ct.charset().map(|c| c.trim().to_ascii_lowercase());
        let disposition = p.disposition().map(|d| {
            if d.kind().eq_ignore_ascii_case("inline") {
                "inline"
            } else {
                "attachment"
            }
        });
        let cte = p
            .headers()
            .content_transfer_encoding()
            .map(|t| t.as_str().to_ascii_lowercase());
        out.push_str("{\"path\": ");
        json_string(&mut out, &p.section().to_string());
        out.push_str(", \"content_type\": ");
        json_string(&mut out, &ct.mime_type().to_ascii_lowercase());
        out.push_str(", \"charset\": ");
        json_opt(&mut out, charset.as_deref());
        out.push_str(", \"disposition\": ");
        json_opt(&mut out, disposition);
        out.push_str(", \"filename\": ");
        json_opt(&mut out, p.filename().as_deref());
        out.push_str(", \"transfer_encoding\": ");
        json_opt(&mut out, cte.as_deref());
        out.push_str(", \"size\": ");
        if p.kind() == PartKind::Leaf {
            let _ = write!(out, "{}", p.decoded_body().len());
        } else {
            out.push_str("null");
        }
        out.push_str(", \"text\": ");
        if p.kind() == PartKind::Leaf && ct.is_text() {
            json_string(&mut out, &p.text());
        } else {
            out.push_str("null");
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") || args.len() > 1 {
        eprintln!("usage: msg-dump [FILE]   (prints the message in FILE, or stdin, as JSON)");
        return if args.len() > 1 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let mut bytes = Vec::new();
    let read = match args.first().map(String::as_str) {
        None | Some("-") => io::stdin().read_to_end(&mut bytes).map(|_| ()),
        Some(path) => std::fs::read(path).map(|b| bytes = b),
    };
    if let Err(e) = read {
        eprintln!(
            "msg-dump: {}: {e}",
            args.first().map_or("stdin", String::as_str)
        );
        return ExitCode::FAILURE;
    }
    let mut json = dump(&bytes);
    json.push('\n');
    if let Err(e) = io::stdout().lock().write_all(json.as_bytes()) {
        eprintln!("msg-dump: writing: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
