//! MIME examples: RFC 2046 §5.1.1, RFC 2049 Appendix A, RFC 2047 §8, RFC 2231, the section
//! numbering example of RFC 3501 §6.4.5, digests and encapsulated messages.

mod common;

use common::check_invariants;
use rfc5322_msg::types::{Message, PartKind, TransferEncoding};

fn crlf(s: &str) -> Vec<u8> {
    s.replace('\n', "\r\n").into_bytes()
}

#[test]
fn rfc2046_multipart_example() {
    let raw = crlf(
        "From: Nathaniel Borenstein <nsb@bellcore.com>
To: Ned Freed <ned@innosoft.com>
Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)
Subject: Sample message
MIME-Version: 1.0
Content-type: multipart/mixed; boundary=\"simple boundary\"

This is the preamble.  It is to be ignored, though it
is a handy place for composition agents to include an
explanatory note to non-MIME conformant readers.

--simple boundary

This is implicitly typed plain US-ASCII text.
It does NOT end with a linebreak.
--simple boundary
Content-type: text/plain; charset=us-ascii

This is explicitly typed plain US-ASCII text.
It DOES end with a linebreak.

--simple boundary--

This is the epilogue.  It is also to be ignored.
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    let root = msg.root();
    assert_eq!(root.kind(), PartKind::Multipart);
    assert_eq!(root.content_type().mime_type(), "multipart/mixed");
    assert_eq!(root.content_type().boundary(), Some("simple boundary"));
    assert_eq!(root.section().to_string(), "");
    assert_eq!(
        root.preamble().unwrap(),
        &crlf(
            "This is the preamble.  It is to be ignored, though it
is a handy place for composition agents to include an
explanatory note to non-MIME conformant readers.
"
        )[..]
    );
    assert_eq!(
        root.epilogue().unwrap(),
        &crlf("\nThis is the epilogue.  It is also to be ignored.\n")[..]
    );
    assert!(!root.is_unterminated());
    let parts: Vec<_> = root.children().collect();
    assert_eq!(parts.len(), 2);
    let p1 = parts[0];
    assert_eq!(p1.section().to_string(), "1");
    assert!(p1.headers().is_empty());
    assert_eq!(p1.content_type().mime_type(), "text/plain");
    assert_eq!(p1.content_type().charset(), Some("us-ascii"));
    assert_eq!(
        p1.raw_body(),
        b"This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak."
    );
    assert_eq!(p1.raw_header(), b"\r\n");
    let p2 = parts[1];
    assert_eq!(p2.section().to_string(), "2");
    assert_eq!(p2.content_type().charset(), Some("us-ascii"));
    assert_eq!(
        p2.text(),
        "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n"
    );
    assert_eq!(p2.lines(), 2);
}

#[test]
fn rfc2049_appendix_a() {
    let raw = crlf(
        "MIME-Version: 1.0
From: Nathaniel Borenstein <nsb@nsb.fv.com>
To: Ned Freed <ned@innosoft.com>
Date: Fri, 07 Oct 1994 16:15:05 -0700 (PDT)
Subject: A multipart example
Content-Type: multipart/mixed;
              boundary=unique-boundary-1

This is the preamble area of a multipart message.
Mail readers that understand multipart format
should ignore this preamble.

If you are reading this text, you might want to
consider changing to a mail reader that understands
how to properly display multipart messages.

--unique-boundary-1

  ... Some text appears here ...

[Note that the blank between the boundary and the start
 of the text in this part means no header fields were
 given and this is text in the US-ASCII character set.
 It could have been done with explicit typing as in the
 next part.]

--unique-boundary-1
Content-type: text/plain; charset=US-ASCII

This could have been part of the previous part, but
illustrates explicit versus implicit typing of body
parts.

--unique-boundary-1
Content-Type: multipart/parallel; boundary=unique-boundary-2

--unique-boundary-2
Content-Type: audio/basic
Content-Transfer-Encoding: base64

  ... base64-encoded 8000 Hz single-channel
      mu-law-format audio data goes here ...

--unique-boundary-2
Content-Type: image/jpeg
Content-Transfer-Encoding: base64

  ... base64-encoded image data goes here ...

--unique-boundary-2--

--unique-boundary-1
Content-type: text/enriched

This is <bold><italic>enriched.</italic></bold>
<smaller>as defined in RFC 1896</smaller>

Isn't it
<bigger><bigger>cool?</bigger></bigger>

--unique-boundary-1
Content-Type: message/rfc822

From: (mailbox in US-ASCII)
To: (address in US-ASCII)
Subject: (subject in US-ASCII)
Content-Type: Text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: Quoted-printable

  ... Additional text in ISO-8859-1 goes here ...

--unique-boundary-1--
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    assert_eq!(msg.headers().mime_version().as_deref(), Some("1.0"));
    let tree: Vec<(String, String, PartKind)> = msg
        .parts()
        .map(|p| {
            (
                p.section().to_string(),
                p.content_type().mime_type(),
                p.kind(),
            )
        })
        .collect();
    let want = [
        ("", "multipart/mixed", PartKind::Multipart),
        ("1", "text/plain", PartKind::Leaf),
        ("2", "text/plain", PartKind::Leaf),
        ("3", "multipart/parallel", PartKind::Multipart),
        ("3.1", "audio/basic", PartKind::Leaf),
        ("3.2", "image/jpeg", PartKind::Leaf),
        ("4", "text/enriched", PartKind::Leaf),
        ("5", "message/rfc822", PartKind::Message),
        ("5.1", "text/plain", PartKind::Leaf),
    ];
    let want: Vec<(String, String, PartKind)> = want
        .iter()
        .map(|(s, t, k)| (s.to_string(), t.to_string(), *k))
        .collect();
    assert_eq!(tree, want);
    let inner = msg.part("5.1").unwrap();
    assert_eq!(inner.transfer_encoding(), TransferEncoding::QuotedPrintable);
    assert_eq!(inner.content_type().charset(), Some("ISO-8859-1"));
    assert_eq!(
        inner.headers().subject().as_deref(),
        Some("(subject in US-ASCII)")
    );
    assert_eq!(
        inner.text(),
        "  ... Additional text in ISO-8859-1 goes here ...\r\n"
    );
    let m5 = msg.part("5").unwrap();
    assert_eq!(m5.message(), Some(inner));
    assert_eq!(m5.raw_body(), inner.raw());
    let p3 = msg.part("3").unwrap();
    assert_eq!(p3.epilogue(), Some(&b""[..]));
    assert_eq!(p3.preamble(), Some(&b""[..]));
    assert_eq!(
        msg.part("3.2").unwrap().raw_body(),
        b"  ... base64-encoded image data goes here ...\r\n"
    );
    assert_eq!(msg.part("6"), None);
    assert_eq!(msg.part("1.1"), None);
}

#[test]
fn rfc2047_section8_messages() {
    let raw = crlf(
        "From: =?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>
To: =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>
CC: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>
Subject: =?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=
    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=

",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    let name =
        |l: Vec<rfc5322_msg::types::Address<'_>>| l[0].mailboxes()[0].name().map(str::to_owned);
    assert_eq!(name(msg.from()).as_deref(), Some("Keith Moore"));
    assert_eq!(name(msg.to()).as_deref(), Some("Keld Jørn Simonsen"));
    assert_eq!(name(msg.cc()).as_deref(), Some("André Pirard"));
    assert_eq!(msg.cc()[0].mailboxes()[0].address(), "PIRARD@vm1.ulg.ac.be");
    assert_eq!(
        msg.subject().as_deref(),
        Some("If you can read this you understand the example.")
    );

    let raw = crlf(
        "From: =?ISO-8859-1?Q?Olle_J=E4rnefors?= <ojarnef@admin.kth.se>
To: ietf-822@dimacs.rutgers.edu, ojarnef@admin.kth.se
Subject: Time for ISO 10646?

",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    assert_eq!(msg.from()[0].mailboxes()[0].name(), Some("Olle Järnefors"));
    assert_eq!(msg.to().len(), 2);
    assert_eq!(msg.subject().as_deref(), Some("Time for ISO 10646?"));

    let raw = crlf(
        "To: Dave Crocker <dcrocker@mordor.stanford.edu>
Cc: ietf-822@dimacs.rutgers.edu, paf@comsol.se
From: =?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>
Subject: Re: RFC-HDR care and feeding

",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    assert_eq!(
        msg.from()[0].mailboxes()[0].name(),
        Some("Patrik Fältström")
    );

    let raw = crlf(
        "From: Nathaniel Borenstein <nsb@thumper.bellcore.com>
      (=?iso-8859-8?b?7eXs+SDv4SDp7Oj08A==?=)
To: Greg Vaudreuil <gvaudre@NRI.Reston.VA.US>, Ned Freed
   <ned@innosoft.com>, Keith Moore <moore@cs.utk.edu>
Subject: Test of new header generator
MIME-Version: 1.0
Content-type: text/plain; charset=ISO-8859-1

",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    let from = &msg.from()[0].mailboxes()[0].clone();
    assert_eq!(from.name(), Some("Nathaniel Borenstein"));
    assert_eq!(from.comment(), Some("םולש ןב ילטפנ"));
    let to: Vec<_> = msg
        .to()
        .iter()
        .map(|a| a.mailboxes()[0].name().unwrap().to_owned())
        .collect();
    assert_eq!(to, ["Greg Vaudreuil", "Ned Freed", "Keith Moore"]);
    assert_eq!(msg.root().content_type().charset(), Some("ISO-8859-1"));

    // The table of §8, as comments and as unstructured text.
    for (input, want) in [
        ("(=?ISO-8859-1?Q?a?=)", "(a)"),
        ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
        ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
        ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
    ] {
        let raw = format!("Subject: {input}\r\nFrom: x@y {input}\r\n\r\n");
        let msg = Message::parse(raw.as_bytes());
        assert_eq!(msg.subject().as_deref(), Some(want), "{input}");
        let comment = msg.from()[0].mailboxes()[0].comment().map(str::to_owned);
        assert_eq!(
            comment.as_deref(),
            Some(&want[1..want.len() - 1]),
            "{input}"
        );
    }
}

#[test]
fn rfc2231_examples_in_messages() {
    let raw = crlf(
        "Content-Type: application/x-stuff;
 title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A

",
    );
    let msg = Message::parse(&raw);
    let ct = msg.root().content_type();
    assert_eq!(ct.param("title"), Some("This is ***fun***"));
    assert_eq!(ct.params()[0].language(), Some("en-us"));

    let raw = crlf(
        "Content-Type: application/x-stuff;
 title*0*=us-ascii'en'This%20is%20even%20more%20;
 title*1*=%2A%2A%2Afun%2A%2A%2A%20;
 title*2=\"isn't it!\"

",
    );
    let msg = Message::parse(&raw);
    assert_eq!(
        msg.root().content_type().param("title"),
        Some("This is even more ***fun*** isn't it!")
    );

    let raw = crlf(
        "Content-Type: message/external-body; access-type=URL;
 URL*0=\"ftp://\";
 URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"

",
    );
    let msg = Message::parse(&raw);
    let ct = msg.root().content_type();
    assert_eq!(ct.mime_type(), "message/external-body");
    assert_eq!(
        ct.param("URL"),
        Some("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")
    );
    // message/external-body is not an encapsulated message.
    assert_eq!(msg.root().kind(), PartKind::Leaf);

    // §5: language in encoded words.
    let msg = Message::parse(b"Subject: =?US-ASCII*EN?Q?Keith_Moore?=\r\n\r\n");
    assert_eq!(msg.subject().as_deref(), Some("Keith Moore"));
}

/// The structure of the RFC 3501 §6.4.5 example, built as a message.
#[test]
fn rfc3501_section_numbers() {
    let raw = crlf(
        "Subject: sections
Content-Type: multipart/mixed; boundary=o

--o
Content-Type: text/plain

one
--o
Content-Type: application/octet-stream

two
--o
Content-Type: message/rfc822

Subject: three
Content-Type: multipart/mixed; boundary=t

--t
Content-Type: text/plain

3.1
--t
Content-Type: application/octet-stream

3.2
--t--
--o
Content-Type: multipart/mixed; boundary=f

--f
Content-Type: image/gif

4.1
--f
Content-Type: message/rfc822

Subject: four-two
Content-Type: multipart/mixed; boundary=ft

--ft
Content-Type: text/plain

4.2.1
--ft
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain

4.2.2.1
--alt
Content-Type: text/richtext

4.2.2.2
--alt--
--ft--
--f--
--o--
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    for (section, ct, body) in [
        ("1", "text/plain", Some("one")),
        ("2", "application/octet-stream", Some("two")),
        ("3", "message/rfc822", None),
        ("3.1", "text/plain", Some("3.1")),
        ("3.2", "application/octet-stream", Some("3.2")),
        ("4", "multipart/mixed", None),
        ("4.1", "image/gif", Some("4.1")),
        ("4.2", "message/rfc822", None),
        ("4.2.1", "text/plain", Some("4.2.1")),
        ("4.2.2", "multipart/alternative", None),
        ("4.2.2.1", "text/plain", Some("4.2.2.1")),
        ("4.2.2.2", "text/richtext", Some("4.2.2.2")),
    ] {
        let p = msg
            .part(section)
            .unwrap_or_else(|| panic!("no part {section}"));
        assert_eq!(p.content_type().mime_type(), ct, "{section}");
        assert_eq!(p.section().to_string(), section);
        if let Some(body) = body {
            assert_eq!(p.raw_body(), body.as_bytes(), "{section}");
        }
    }
    // 3.HEADER and 4.2.HEADER are the enclosed messages' headers.
    let m3 = msg.part("3").unwrap().message().unwrap();
    assert_eq!(m3.headers().subject().as_deref(), Some("three"));
    assert_eq!(m3.section().to_string(), "3");
    let m42 = msg.part("4.2").unwrap().message().unwrap();
    assert_eq!(m42.headers().subject().as_deref(), Some("four-two"));
    // 4.1.MIME is the part's own header.
    assert_eq!(
        msg.part("4.1").unwrap().raw_header(),
        b"Content-Type: image/gif\r\n\r\n"
    );
    assert_eq!(msg.part("5"), None);
    assert_eq!(msg.part("0"), None);
    assert_eq!(msg.part("4.1.1"), None);
    assert_eq!(msg.part("x"), None);
}

#[test]
fn non_multipart_sections() {
    let raw = b"Subject: plain\r\n\r\nbody\r\n";
    let msg = Message::parse(raw);
    check_invariants(raw, &msg);
    assert_eq!(msg.part("1"), Some(msg.root()));
    assert_eq!(msg.part(""), Some(msg.root()));
    assert_eq!(msg.part("2"), None);

    // A message whose body is an encapsulated message.
    let raw = crlf(
        "Content-Type: message/rfc822

Subject: inner

inner body
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    assert_eq!(msg.root().kind(), PartKind::Message);
    assert_eq!(msg.root().section().to_string(), "1");
    let inner = msg.part("1.1").unwrap();
    assert_eq!(inner.raw_body(), b"inner body\r\n");
    assert_eq!(
        msg.root().message().unwrap().headers().subject().as_deref(),
        Some("inner")
    );
}

#[test]
fn digest_defaults_to_message() {
    let raw = crlf(
        "Content-Type: multipart/digest; boundary=d

--d

Subject: first

one
--d
Content-Type: text/plain

not a message
--d--
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    let p1 = msg.part("1").unwrap();
    assert_eq!(p1.kind(), PartKind::Message);
    assert_eq!(p1.content_type().mime_type(), "message/rfc822");
    assert_eq!(
        p1.message().unwrap().headers().subject().as_deref(),
        Some("first")
    );
    assert_eq!(msg.part("1.1").unwrap().raw_body(), b"one");
    assert_eq!(msg.part("2").unwrap().kind(), PartKind::Leaf);
}

#[test]
fn message_global_and_encoded_message() {
    let raw = crlf(
        "Content-Type: multipart/mixed; boundary=b

--b
Content-Type: message/global

Subject: Grüße
From: Jörg <jörg@bücher.example>

Hallo
--b
Content-Type: message/rfc822
Content-Transfer-Encoding: base64

U3ViamVjdDogaGkNCg0KYm9keQ0K
--b--
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    let g = msg.part("1").unwrap();
    assert_eq!(g.kind(), PartKind::Message);
    let inner = g.message().unwrap();
    assert_eq!(inner.headers().subject().as_deref(), Some("Grüße"));
    assert_eq!(
        inner.headers().from()[0].mailboxes()[0].address(),
        "jörg@bücher.example"
    );
    // Base64 message/rfc822 is a leaf whose decoded body parses as a message.
    let enc = msg.part("2").unwrap();
    assert_eq!(enc.kind(), PartKind::Leaf);
    let body = enc.decoded_body();
    let again = Message::parse(&body);
    assert_eq!(again.subject().as_deref(), Some("hi"));
}

#[test]
fn rfc2045_and_rfc2183_field_examples() {
    // RFC 2045 §5.1: these two are equivalent.
    for v in [
        &b"Content-type: text/plain; charset=us-ascii (Plain text)\r\n\r\n"[..],
        b"Content-type: text/plain; charset=\"us-ascii\"\r\n\r\n",
    ] {
        let msg = Message::parse(v);
        let ct = msg.root().content_type();
        assert_eq!(ct.mime_type(), "text/plain");
        assert_eq!(ct.charset(), Some("us-ascii"));
        assert_eq!(ct.params().len(), 1);
    }
    // RFC 2045 §6.1: the encoding is case-insensitive; §6.7 example soft line break.
    let raw = crlf(
        "Content-Transfer-Encoding: QUOTED-PRINTABLE

Now's the time =
for all folk to come=
 to the aid of their country.
",
    );
    let msg = Message::parse(&raw);
    assert_eq!(
        msg.root().transfer_encoding(),
        TransferEncoding::QuotedPrintable
    );
    assert_eq!(
        msg.root().text(),
        "Now's the time for all folk to come to the aid of their country.\r\n"
    );
    // RFC 2183 §3.
    let raw = crlf(
        "Content-Type: image/jpeg
Content-Disposition: attachment; filename=genome.jpeg;
  modification-date=\"Wed, 12 Feb 1997 16:29:51 -0500\";
Content-Description: a complete map of the human genome

jpeg
",
    );
    let msg = Message::parse(&raw);
    check_invariants(&raw, &msg);
    let part = msg.root();
    let d = part.disposition().unwrap();
    assert!(d.is_attachment());
    assert_eq!(d.filename(), Some("genome.jpeg"));
    assert_eq!(
        d.param("modification-date"),
        Some("Wed, 12 Feb 1997 16:29:51 -0500")
    );
    assert_eq!(
        part.headers().content_description().as_deref(),
        Some("a complete map of the human genome")
    );
    assert_eq!(part.filename().as_deref(), Some("genome.jpeg"));
    // RFC 2183 §2.10 inline example.
    let msg = Message::parse(b"Content-Disposition: inline\r\n\r\n");
    assert!(msg.root().disposition().unwrap().is_inline());
}
