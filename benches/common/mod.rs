//! Deterministic generators of realistic mail-protocol streams, shared by the benches.
//!
//! A small xorshift generator with a fixed seed shapes every stream, so each run (and each
//! bench) measures the same bytes.
#![allow(dead_code)]

/// Approximate size of each generated stream.
pub const TARGET_LEN: usize = 4 << 20;

/// xorshift64* (Vigna), enough for shaping test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "message",
    "server",
    "delivery",
    "mailbox",
    "attachment",
    "meeting",
    "tomorrow",
    "regards",
    "invoice",
    "quarterly",
    "report",
    "résumé",
    "naïve",
    "übermorgen",
    "déjà",
];
pub const NAMES: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
];
pub const DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "mail.example.net",
    "lists.example.edu",
    "corp.example",
];
pub const DOT_LINES: &[&str] = &[
    ".",
    "..",
    "...",
    ". indented with a dot",
    ".signature follows",
    "... and so on",
];

pub fn address(rng: &mut Rng) -> String {
    format!(
        "{}{}@{}",
        rng.pick(NAMES),
        rng.below(1000),
        rng.pick(DOMAINS)
    )
}

/// An SMTP client's command stream: EHLO, AUTH PLAIN, transactions of MAIL FROM with
/// SIZE/BODY and pipelined RCPT TO with NOTIFY, RSET/NOOP, QUIT.
pub fn commands(rng: &mut Rng) -> Vec<u8> {
    let mut out = String::with_capacity(TARGET_LEN + 4096);
    while out.len() < TARGET_LEN {
        out.push_str(&format!(
            "EHLO client{}.{}\r\n",
            rng.below(100),
            rng.pick(DOMAINS)
        ));
        if rng.below(10) == 0 {
            // AUTH PLAIN with a base64 initial response.
            out.push_str("AUTH PLAIN ");
            for _ in 0..20 + rng.below(40) {
                out.push('Q');
            }
            out.push_str("==\r\n");
        }
        for _ in 0..1 + rng.below(5) {
            out.push_str(&format!(
                "MAIL FROM:<{}> SIZE={} BODY=8BITMIME\r\n",
                address(rng),
                rng.below(10_000_000)
            ));
            for _ in 0..1 + rng.below(20) {
                out.push_str(&format!("RCPT TO:<{}> NOTIFY=FAILURE\r\n", address(rng)));
            }
            out.push_str(if rng.below(2) == 0 {
                "RSET\r\n"
            } else {
                "NOOP\r\n"
            });
        }
        out.push_str("QUIT\r\n");
    }
    out.into_bytes()
}

/// An RFC 5322 message of roughly `body_lines` lines of text, CRLF, with dot-leading lines and
/// 8-bit words: what a `BODY[]` literal carries.
pub fn message_text(rng: &mut Rng, body_lines: usize) -> String {
    let mut m = format!(
        "Return-Path: <{from}>\r\nReceived: from mx{n}.{d} by imap.example.org; Mon, 23 Nov 2026 10:{mm:02}:00 +0000\r\n\
         From: {name} <{from}>\r\nTo: {to}\r\nSubject: {s1} {s2} {s3}\r\nDate: Mon, 23 Nov 2026 10:{mm:02}:00 +0000\r\n\
         Message-ID: <{id:x}@{d}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n",
        from = address(rng),
        to = address(rng),
        name = rng.pick(NAMES),
        n = rng.below(10),
        d = rng.pick(DOMAINS),
        mm = rng.below(60),
        s1 = rng.pick(WORDS),
        s2 = rng.pick(WORDS),
        s3 = rng.pick(WORDS),
        id = rng.next(),
    );
    for _ in 0..body_lines {
        if rng.below(20) == 0 {
            m.push_str(rng.pick(DOT_LINES));
        } else {
            for w in 0..4 + rng.below(10) {
                if w > 0 {
                    m.push(' ');
                }
                m.push_str(rng.pick(WORDS));
            }
        }
        m.push_str("\r\n");
    }
    m
}

/// A word that may stand in an IMAP quoted string without UTF8=ACCEPT: non-ASCII words come
/// as RFC 2047 encoded words, as servers send them in ENVELOPE.
fn imap_word(rng: &mut Rng) -> String {
    let w = rng.pick(WORDS);
    if w.is_ascii() {
        return w.to_owned();
    }
    let mut q = String::from("=?utf-8?Q?");
    for b in w.bytes() {
        if b.is_ascii_alphanumeric() {
            q.push(b as char);
        } else {
            q.push_str(&format!("={b:02X}"));
        }
    }
    q.push_str("?=");
    q
}

fn imap_address(rng: &mut Rng) -> String {
    let name = rng.pick(NAMES);
    format!(
        "(\"{} {}\" NIL \"{}{}\" \"{}\")",
        name,
        imap_word(rng),
        name,
        rng.below(1000),
        rng.pick(DOMAINS)
    )
}

fn imap_envelope(rng: &mut Rng) -> String {
    let to: Vec<String> = (0..1 + rng.below(3)).map(|_| imap_address(rng)).collect();
    let from = imap_address(rng);
    format!(
        "(\"Mon, 23 Nov 2026 10:{:02}:00 +0000\" \"{} {} {}\" ({from}) ({from}) ({from}) ({}) NIL NIL {} \"<{:x}@{}>\")",
        rng.below(60),
        imap_word(rng),
        imap_word(rng),
        imap_word(rng),
        to.join(""),
        if rng.below(3) == 0 {
            format!("\"<{:x}@example.org>\"", rng.next())
        } else {
            "NIL".to_owned()
        },
        rng.next(),
        rng.pick(DOMAINS)
    )
}

fn imap_bodystructure(rng: &mut Rng) -> String {
    let text = |rng: &mut Rng, sub: &str| {
        format!(
            "(\"text\" \"{sub}\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" {} {} NIL NIL NIL NIL)",
            rng.below(20_000),
            rng.below(400)
        )
    };
    match rng.below(3) {
        0 => text(rng, "plain"),
        1 => format!(
            "({}{} \"alternative\" (\"boundary\" \"b{:x}\") NIL NIL NIL)",
            text(rng, "plain"),
            text(rng, "html"),
            rng.next()
        ),
        _ => format!(
            "(({}{} \"alternative\" (\"boundary\" \"a{:x}\") NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"report-{}.pdf\") NIL NIL \"base64\" {} NIL (\"attachment\" (\"filename\" \"report-{}.pdf\")) NIL NIL) \"mixed\" (\"boundary\" \"m{:x}\") NIL NIL NIL)",
            text(rng, "plain"),
            text(rng, "html"),
            rng.next(),
            rng.below(100),
            rng.below(500_000),
            rng.below(100),
            rng.next()
        ),
    }
}

/// A server's response stream for a mail client's sync: `* n FETCH` responses with UID, FLAGS,
/// INTERNALDATE, RFC822.SIZE, ENVELOPE and BODYSTRUCTURE (header sync), with `bodies` one in
/// four also carrying the whole message as a `BODY[]` literal, EXISTS/RECENT updates, and
/// tagged OKs. This is the "realistic FETCH stream" of ARCHITECTURE.md's benchmark section.
pub fn imap_fetch_responses(rng: &mut Rng, bodies: bool) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(TARGET_LEN + 65536);
    let mut seq = 0u32;
    let mut tag = 0u32;
    while out.len() < TARGET_LEN {
        tag += 1;
        for _ in 0..10 + rng.below(40) {
            seq += 1;
            let flags = match rng.below(4) {
                0 => "",
                1 => "\\Seen",
                2 => "\\Seen \\Answered",
                _ => "\\Flagged $Forwarded",
            };
            out.extend_from_slice(
                format!(
                    "* {seq} FETCH (UID {} FLAGS ({flags}) INTERNALDATE \"23-Nov-2026 10:{:02}:{:02} +0000\" RFC822.SIZE {} ENVELOPE {} BODYSTRUCTURE {}",
                    seq + 1000,
                    rng.below(60),
                    rng.below(60),
                    rng.below(100_000),
                    imap_envelope(rng),
                    imap_bodystructure(rng)
                )
                .as_bytes(),
            );
            if bodies && rng.below(4) == 0 {
                let lines = 10 + rng.below(200);
                let body = message_text(rng, lines);
                out.extend_from_slice(format!(" BODY[] {{{}}}\r\n", body.len()).as_bytes());
                out.extend_from_slice(body.as_bytes());
            }
            out.extend_from_slice(b")\r\n");
        }
        if rng.below(5) == 0 {
            out.extend_from_slice(format!("* {} EXISTS\r\n* 1 RECENT\r\n", seq + 1).as_bytes());
        }
        out.extend_from_slice(
            format!("A{tag:04} OK FETCH completed (0.001 + 0.000 secs).\r\n").as_bytes(),
        );
    }
    out
}

/// A corpus of realistic messages (about 4 MiB in all), each a complete RFC 5322 message with
/// CRLF line ends: plain text; multipart/alternative with quoted-printable text and HTML;
/// multipart/mixed with a base64 attachment (one in six of hundreds of KB); a forwarded
/// message/rfc822 holding an alternative with Latin-1 quoted-printable and base64 HTML; folded
/// headers, Received chains, RFC 2047 encoded words in Subject and display names, RFC 2231 file
/// names. What a mail archive or an IMAP server's store holds.
pub fn mime_messages(rng: &mut Rng) -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut total = 0;
    while total < TARGET_LEN {
        let mut m = String::new();
        for hop in 0..1 + rng.below(4) {
            m.push_str(&format!(
                "Received: from mx{hop}.{d} (mx{hop}.{d} [192.0.2.{ip}])\r\n\tby mail.example.org (Postfix) with ESMTPS id {id:X}\r\n\tfor <{to}>; Mon, 23 Nov 2026 10:{mm:02}:{ss:02} +0000\r\n",
                d = rng.pick(DOMAINS),
                ip = rng.below(255),
                id = rng.next() & 0xff_ffff_ffff,
                to = address(rng),
                mm = rng.below(60),
                ss = rng.below(60),
            ));
        }
        m.push_str(&format!(
            "From: {} {} <{}>\r\nTo: {} <{}>, {}\r\nSubject: {} {} {}\r\nDate: Mon, 23 Nov 2026 10:{:02}:00 +0100\r\nMessage-ID: <{:x}@{}>\r\nMIME-Version: 1.0\r\n",
            rng.pick(NAMES),
            imap_word(rng),
            address(rng),
            rng.pick(NAMES),
            address(rng),
            address(rng),
            imap_word(rng),
            imap_word(rng),
            imap_word(rng),
            rng.below(60),
            rng.next(),
            rng.pick(DOMAINS),
        ));
        let text = |rng: &mut Rng, lines: usize| {
            let mut t = String::new();
            for _ in 0..lines {
                for w in 0..4 + rng.below(10) {
                    if w > 0 {
                        t.push(' ');
                    }
                    t.push_str(rng.pick(WORDS));
                }
                t.push_str("\r\n");
            }
            t
        };
        // Quoted-printable of UTF-8 text (RFC 2045 §6.7): non-ASCII bytes and '=' escaped.
        let qp = |t: &str| {
            let mut q = String::new();
            for b in t.bytes() {
                match b {
                    b'=' => q.push_str("=3D"),
                    b'\r' | b'\n' | b' '..=b'~' => q.push(b as char),
                    _ => q.push_str(&format!("={b:02X}")),
                }
            }
            q
        };
        match rng.below(4) {
            3 => {
                // A forwarded message: text, then the original as message/rfc822 (itself
                // multipart/alternative).
                let b = format!("fwd{:x}", rng.next());
                m.push_str(&format!(
                    "Content-Type: multipart/mixed; boundary=\"{b}\"\r\n\r\n--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nForwarded message below.\r\n--{b}\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n"
                ));
                let ib = format!("inner{:x}", rng.next());
                m.push_str(&format!(
                    "From: {} <{}>\r\nSubject: {} {}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"{ib}\"\r\n\r\n--{ib}\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
                    rng.pick(NAMES),
                    address(rng),
                    imap_word(rng),
                    imap_word(rng),
                ));
                let lines = 5 + rng.below(40);
                let t = text(rng, lines);
                m.push_str(&qp(&t));
                m.push_str(&format!(
                    "--{ib}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                ));
                let html = base64::engine::general_purpose::STANDARD.encode(t.as_bytes());
                for chunk in html.as_bytes().chunks(76) {
                    m.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                    m.push_str("\r\n");
                }
                m.push_str(&format!("--{ib}--\r\n--{b}--\r\n"));
            }
            0 => {
                m.push_str("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
                let lines = 5 + rng.below(60);
                m.push_str(&text(rng, lines));
            }
            1 => {
                let b = format!("alt{:x}", rng.next());
                m.push_str(&format!(
                    "Content-Type: multipart/alternative;\r\n\tboundary=\"{b}\"\r\n\r\nThis is a multi-part message in MIME format.\r\n--{b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                ));
                let lines = 5 + rng.below(60);
                let t = text(rng, lines);
                m.push_str(&qp(&t));
                m.push_str(&format!(
                    "--{b}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>"
                ));
                m.push_str(&qp(&t.replace("\r\n", "</p>\r\n<p>")));
                m.push_str(&format!("</p></body></html>\r\n--{b}--\r\n"));
            }
            _ => {
                let b = format!("mix{:x}", rng.next());
                let n = rng.below(100);
                m.push_str(&format!(
                    "Content-Type: multipart/mixed; boundary=\"{b}\"\r\n\r\n--{b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                ));
                let lines = 3 + rng.below(20);
                m.push_str(&text(rng, lines));
                m.push_str(&format!(
                    "--{b}\r\nContent-Type: application/pdf; name=\"report-{n}.pdf\"\r\nContent-Disposition: attachment;\r\n filename*=utf-8''r%C3%A9sum%C3%A9-{n}.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                ));
                // Mostly small attachments, one in six of hundreds of KB.
                let len = if rng.below(6) == 0 {
                    100_000 + rng.below(300_000)
                } else {
                    1000 + rng.below(40_000)
                };
                let blob: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                let encoded = base64::engine::general_purpose::STANDARD.encode(&blob);
                for chunk in encoded.as_bytes().chunks(76) {
                    m.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                    m.push_str("\r\n");
                }
                m.push_str(&format!("--{b}--\r\n"));
            }
        }
        total += m.len();
        out.push(m.into_bytes());
    }
    out
}

/// The realistic server stream: 10,000 `* n FETCH` responses (UID, FLAGS,
/// INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE; one in four with the message as a
/// `BODY[]` literal), with the LIST, STATUS, SELECT and SEARCH traffic of a client's sync in
/// between, and tagged completions. (No `HIGHESTMODSEQ` in STATUS: imap-codec 1.0 rejects it.)
pub fn imap_server_stream(rng: &mut Rng) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(16 << 20);
    let mailboxes = [
        "INBOX",
        "Sent",
        "Drafts",
        "Archive/2025",
        "Lists/rust-users",
        "Trash",
    ];
    let mut tag = 0u32;
    let mut seq = 0u32;
    while seq < 10_000 {
        tag += 1;
        // LIST with special-use attributes, then STATUS of each mailbox.
        for (i, m) in mailboxes.iter().enumerate() {
            let attrs = match i {
                0 => "\\HasNoChildren",
                1 => "\\HasNoChildren \\Sent",
                2 => "\\HasNoChildren \\Drafts",
                5 => "\\HasNoChildren \\Trash",
                _ => "\\HasChildren",
            };
            out.extend_from_slice(format!("* LIST ({attrs}) \"/\" \"{m}\"\r\n").as_bytes());
        }
        out.extend_from_slice(
            format!("L{tag} OK List completed (0.001 + 0.000 secs).\r\n").as_bytes(),
        );
        for m in &mailboxes {
            out.extend_from_slice(
                format!(
                    "* STATUS \"{m}\" (MESSAGES {} UIDNEXT {} UIDVALIDITY 1700000000 UNSEEN {})\r\n",
                    rng.below(50_000),
                    rng.below(60_000) + 1,
                    rng.below(100),
                )
                .as_bytes(),
            );
        }
        out.extend_from_slice(format!("S{tag} OK Status completed.\r\n").as_bytes());
        out.extend_from_slice(
            format!(
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $MDNSent)\r\n\
                 * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded $MDNSent \\*)] Flags permitted.\r\n\
                 * {} EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1700000000] UIDs valid\r\n* OK [UIDNEXT {}] Predicted next UID\r\n\
                 * OK [HIGHESTMODSEQ {}] Highest\r\nX{tag} OK [READ-WRITE] Select completed (0.002 + 0.000 secs).\r\n",
                seq + 500,
                seq + 1501,
                rng.below(1_000_000) + 1
            )
            .as_bytes(),
        );
        let hits: Vec<String> = (0..20 + rng.below(200))
            .map(|_| (rng.below(50_000) + 1).to_string())
            .collect();
        out.extend_from_slice(
            format!(
                "* SEARCH {}\r\nQ{tag} OK Search completed (0.004 + 0.000 secs).\r\n",
                hits.join(" ")
            )
            .as_bytes(),
        );
        // A batch of FETCH responses.
        for _ in 0..50 {
            seq += 1;
            let flags = match rng.below(4) {
                0 => "",
                1 => "\\Seen",
                2 => "\\Seen \\Answered",
                _ => "\\Flagged $Forwarded",
            };
            out.extend_from_slice(
                format!(
                    "* {seq} FETCH (UID {} FLAGS ({flags}) INTERNALDATE \"23-Nov-2026 10:{:02}:{:02} +0000\" RFC822.SIZE {} ENVELOPE {} BODYSTRUCTURE {}",
                    seq + 1000,
                    rng.below(60),
                    rng.below(60),
                    rng.below(100_000),
                    imap_envelope(rng),
                    imap_bodystructure(rng)
                )
                .as_bytes(),
            );
            if rng.below(4) == 0 {
                let lines = 10 + rng.below(200);
                let body = message_text(rng, lines);
                out.extend_from_slice(format!(" BODY[] {{{}}}\r\n", body.len()).as_bytes());
                out.extend_from_slice(body.as_bytes());
            }
            out.extend_from_slice(b")\r\n");
        }
        out.extend_from_slice(
            format!("F{tag} OK Fetch completed (0.010 + 0.000 secs).\r\n").as_bytes(),
        );
    }
    out
}

/// A client's command stream for such a sync (about 4 MiB): LIST, STATUS, SELECT, UID SEARCH,
/// UID FETCH of headers and bodies with sections and partials, STORE, MOVE, APPEND with a
/// LITERAL+ message. Only what imap-codec 1.0 also parses (it has no LIST-EXTENDED RETURN,
/// SELECT/FETCH CONDSTORE modifiers, ESEARCH RETURN or BINARY), so that both do the same work.
pub fn imap_client_stream(rng: &mut Rng) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(TARGET_LEN + 65536);
    let mut tag = 0u32;
    while out.len() < TARGET_LEN {
        tag += 1;
        let t = |c: char| format!("{c}{tag:05}");
        out.extend_from_slice(format!("{} LIST \"\" \"*\"\r\n", t('L')).as_bytes());
        out.extend_from_slice(format!("{} STATUS \"Archive/2025\" (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)\r\n", t('S')).as_bytes());
        out.extend_from_slice(format!("{} SELECT INBOX\r\n", t('X')).as_bytes());
        out.extend_from_slice(
            format!(
                "{} UID SEARCH SINCE 1-Nov-2026 NOT DELETED OR FROM \"{}\" SUBJECT \"{}\"\r\n",
                t('Q'),
                rng.pick(NAMES),
                imap_word(rng)
            )
            .as_bytes(),
        );
        let a = rng.below(40_000) + 1;
        out.extend_from_slice(
            format!(
                "{} UID FETCH {a}:{} (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (LIST-ID REFERENCES)])\r\n",
                t('F'),
                a + 50,
            )
            .as_bytes(),
        );
        out.extend_from_slice(
            format!(
                "{} UID FETCH {} (BODY.PEEK[] BODY.PEEK[1]<0.2048>)\r\n",
                t('B'),
                a + rng.below(50)
            )
            .as_bytes(),
        );
        out.extend_from_slice(
            format!(
                "{} UID STORE {}:{} +FLAGS.SILENT (\\Seen $Forwarded)\r\n",
                t('T'),
                a,
                a + rng.below(10)
            )
            .as_bytes(),
        );
        out.extend_from_slice(
            format!(
                "{} UID MOVE {} \"Archive/2025\"\r\n",
                t('M'),
                a + rng.below(50)
            )
            .as_bytes(),
        );
        let lines = 5 + rng.below(60);
        let msg = message_text(rng, lines);
        out.extend_from_slice(
            format!(
                "{} APPEND \"Sent\" (\\Seen) \"23-Nov-2026 10:00:00 +0000\" {{{}+}}\r\n",
                t('A'),
                msg.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(msg.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}
