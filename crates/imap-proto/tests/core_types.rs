//! Core values, parsers, framer and encoder: RFC examples as exact-byte tests, tolerances and
//! limits.

use std::num::{NonZeroU32, NonZeroU64, NonZeroUsize};

use imap_proto::encode::{Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy};
use imap_proto::parse::{
    Cursor, Fail, Frame, Framer, Needed, PResult, ParseConfig, ParseError, ParseErrorKind, Status,
    parse_complete, parse_response, parse_with,
};
use imap_proto::types::*;
use imap_proto::utf7;

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

fn at_least(n: usize) -> Needed {
    Needed::AtLeast(NonZeroUsize::new(n).unwrap())
}

/// Parses all of `input` with a complete cursor and the default configuration.
fn whole<'a, T>(input: &'a [u8], f: impl FnOnce(&mut Cursor<'a>) -> PResult<T>) -> T {
    parse_complete(input, &ParseConfig::default(), f).unwrap()
}

fn whole_err<'a, T: std::fmt::Debug>(
    input: &'a [u8],
    config: &ParseConfig,
    f: impl FnOnce(&mut Cursor<'a>) -> PResult<T>,
) -> ParseError {
    parse_complete(input, config, f).unwrap_err()
}

fn bytes<T: Encode>(v: &T) -> Vec<u8> {
    v.to_bytes()
}

// ---- modified UTF-7 (RFC 3501 §5.1.3, RFC 9051 §5.1.3) ------------------------------------

#[test]
fn utf7_rfc_example() {
    // "~peter/mail/&U,BTFw-/&ZeVnLIqe-" is ~peter/mail/台北/日本語.
    let wire = b"~peter/mail/&U,BTFw-/&ZeVnLIqe-";
    let name = "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}";
    assert_eq!(utf7::decode(wire).unwrap(), name);
    assert_eq!(utf7::encode(name).as_bytes(), wire);
}

#[test]
fn utf7_ampersand_and_ascii() {
    assert_eq!(utf7::encode("&"), "&-");
    assert_eq!(utf7::encode("AT&T"), "AT&-T");
    assert_eq!(utf7::decode(b"AT&-T").unwrap(), "AT&T");
    // All of 0x20-0x7e except '&' represent themselves.
    let printable: String = (0x20u8..=0x7e)
        .filter(|&b| b != b'&')
        .map(char::from)
        .collect();
    assert_eq!(utf7::encode(&printable), printable);
    assert_eq!(utf7::encode("\u{7f}"), "&AH8-");
    assert_eq!(utf7::encode("\t"), "&AAk-");
}

#[test]
fn utf7_strict_and_lenient() {
    for bad in [
        &b"&U,BTFw"[..],       // unterminated
        b"&AGE-",              // 'a' in base64
        b"&ACY-",              // '&' in base64 (must be "&-")
        b"&U,BTFw-&ZeVnLIqe-", // adjacent shifts
        b"&U,BTFx-",           // non-zero padding bits
        b"caf\xc3\xa9",        // raw UTF-8
        b"a\tb",               // control character
    ] {
        assert!(
            utf7::decode(bad).is_err(),
            "{:?}",
            bad.escape_ascii().to_string()
        );
    }
    assert_eq!(utf7::decode_lenient(b"&U,BTFw"), "\u{53f0}\u{5317}");
    assert_eq!(utf7::decode_lenient(b"&AGE-"), "a");
    assert_eq!(utf7::decode_lenient("café".as_bytes()), "café");
    assert_eq!(
        utf7::decode(b"&U,BTFw-"),
        Ok(std::borrow::Cow::Owned("\u{53f0}\u{5317}".to_string()))
    );
}

#[test]
fn mailbox_names() {
    let inbox = whole(b"iNbOx", Cursor::mailbox);
    assert_eq!(inbox, Mailbox::Inbox);
    assert_eq!(bytes(&inbox), b"INBOX");
    let m = whole(b"\"~peter/mail/&U,BTFw-/&ZeVnLIqe-\"", Cursor::mailbox);
    assert_eq!(
        m.to_unicode(false),
        "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}"
    );
    // The quoted form is kept.
    assert_eq!(bytes(&m), b"\"~peter/mail/&U,BTFw-/&ZeVnLIqe-\"");
    // "INBOX.Sent" is not INBOX.
    assert!(!whole(b"INBOX.Sent", Cursor::mailbox).is_inbox());
    // UTF8=ACCEPT (RFC 6855 §3): raw UTF-8, quoted.
    let m = Mailbox::from_utf8_accept("Entwürfe").unwrap();
    assert_eq!(bytes(&m), "\"Entwürfe\"".as_bytes());
    assert_eq!(m.to_unicode(true), "Entwürfe");
    // Without UTF8=ACCEPT the same UTF-8 is a literal (the quoted form needs UTF-8 support).
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::Sync, false));
    m.encode(&mut e);
    assert_eq!(e.as_bytes(), "{9}\r\nEntwürfe".as_bytes());
    // Mailbox names with spaces are quoted, "[Gmail]/Sent Mail" included.
    let m = Mailbox::from_utf8("[Gmail]/Sent Mail").unwrap();
    assert_eq!(bytes(&m), b"\"[Gmail]/Sent Mail\"");
    assert_eq!(
        bytes(&Mailbox::from_utf8("[Gmail]/Drafts").unwrap()),
        b"[Gmail]/Drafts"
    );
}

// ---- atoms, strings, literals (RFC 9051 §4) ----------------------------------------------

#[test]
fn atoms_and_tags() {
    assert_eq!(whole(b"A001", Cursor::tag).as_str(), "A001");
    assert!(Tag::new("A+1").is_err());
    assert!(Tag::new("").is_err());
    assert!(Atom::new("a]b").is_err());
    assert!(Atom::new("a b").is_err());
    assert!(AtomExt::new("[Gmail]").is_ok());
    // A tag ends at '+', an atom at ']'.
    let mut c = Cursor::new(b"A+", &ParseConfig::default()).complete();
    assert_eq!(c.tag().unwrap().as_str(), "A");
    let mut c = Cursor::new(b"abc]", &ParseConfig::default());
    assert_eq!(c.atom().unwrap().as_str(), "abc");
    let mut c = Cursor::new(b"INBOX.%* x", &ParseConfig::default());
    assert_eq!(
        c.take_token(is_list_char, "list-mailbox").unwrap(),
        b"INBOX.%*"
    );
    assert_eq!(c.take_while(|b| b == b' '), b" ");
    assert_eq!(
        c.take_token(is_list_char, "x"),
        Err(Fail::Incomplete(Needed::Unknown))
    );
    // Streaming: a token at the end of the input may go on.
    assert_eq!(
        parse_with(b"A00", &ParseConfig::default(), Cursor::tag),
        Ok(Status::Incomplete(Needed::Unknown))
    );
}

#[test]
fn quoted_strings() {
    let q = whole(br#""a \"quoted\" \\ string""#, Cursor::quoted);
    assert_eq!(q.as_bytes(), br#"a "quoted" \ string"#);
    assert_eq!(bytes(&q), br#""a \"quoted\" \\ string""#);
    assert!(matches!(
        whole(b"\"plain\"", Cursor::quoted).into_inner(),
        std::borrow::Cow::Borrowed(b"plain")
    ));
    // CR, LF and NUL cannot be in a quoted string.
    let strict = ParseConfig::strict();
    for bad in [&b"\"a\rb\""[..], b"\"a\nb\"", b"\"a\0b\"", b"\"a\\qb\""] {
        whole_err(bad, &strict, Cursor::quoted);
    }
    assert!(Quoted::new(&b"a\r\nb"[..]).is_err());
    // UTF-8 is grammar (RFC 9051); other 8-bit bytes only as a tolerance.
    assert_eq!(
        parse_complete("\"Grüße\"".as_bytes(), &strict, Cursor::quoted)
            .unwrap()
            .as_str(),
        Some("Grüße")
    );
    let e = whole_err(b"\"Gr\xfc\xdfe\"", &strict, Cursor::quoted);
    assert_eq!(
        e,
        ParseError::new(3, ParseErrorKind::Invalid("8-bit in quoted string"))
    );
    assert_eq!(
        whole(b"\"Gr\xfc\xdfe\"", Cursor::quoted).as_bytes(),
        b"Gr\xfc\xdfe"
    );
}

#[test]
fn literals() {
    // RFC 9051 §4.3: {n} CRLF and n octets, CR and LF included.
    let l = whole(b"{11}\r\nFRED\r\nFOOBA", Cursor::literal);
    assert_eq!(l.data(), b"FRED\r\nFOOBA");
    assert_eq!((l.mode(), l.is_binary()), (LiteralMode::Sync, false));
    // RFC 7888: {n+}.
    let l = whole(b"{3+}\r\nabc", Cursor::literal);
    assert_eq!((l.data(), l.mode()), (&b"abc"[..], LiteralMode::NonSync));
    assert_eq!(bytes(&l), b"{3+}\r\nabc");
    // RFC 3516: ~{n} may carry NUL.
    let l = whole(b"~{3}\r\na\0b", Cursor::literal8);
    assert!(l.is_binary());
    assert_eq!(bytes(&l), b"~{3}\r\na\0b");
    // A literal's data is counted, never scanned for the end: exactly what is missing.
    let config = ParseConfig::default();
    assert_eq!(
        parse_with(b"{10}\r\nabc", &config, Cursor::literal),
        Ok(Status::Incomplete(at_least(7)))
    );
    assert_eq!(
        parse_with(b"{10}\r", &config, Cursor::literal),
        Ok(Status::Incomplete(Needed::Unknown))
    );
    // NUL in a plain literal: tolerated by default, refused when strict.
    assert!(parse_complete(b"{1}\r\n\0", &config, Cursor::literal).is_ok());
    assert_eq!(
        whole_err(b"{1}\r\n\0", &ParseConfig::strict(), Cursor::literal),
        ParseError::new(5, ParseErrorKind::Invalid("nul in literal"))
    );
    assert!(Literal::new(&b"a\0"[..]).is_err());
    // Limits.
    let mut small = ParseConfig::default();
    small.max_literal_size = 5;
    small.max_non_sync_literal_size = 2;
    assert_eq!(
        whole_err(b"{6}\r\nabcdef", &small, Cursor::literal),
        ParseError::new(
            0,
            ParseErrorKind::LiteralTooLarge {
                size: 6,
                limit: 5,
                non_sync: false
            }
        )
    );
    assert_eq!(
        whole_err(b"{3+}\r\nabc", &small, Cursor::literal),
        ParseError::new(
            0,
            ParseErrorKind::LiteralTooLarge {
                size: 3,
                limit: 2,
                non_sync: true
            }
        )
    );
    assert!(matches!(
        whole_err(b"{99999999999999999999999}\r\n", &config, Cursor::literal).kind,
        ParseErrorKind::LiteralTooLarge { size: u64::MAX, .. }
    ));
}

#[test]
fn strings_astrings_nstrings() {
    assert_eq!(whole(b"\"\"", Cursor::string).as_bytes(), b"");
    assert_eq!(whole(b"NIL", Cursor::nstring), NString::NIL);
    assert_eq!(whole(b"nil", Cursor::nstring), NString::NIL);
    assert_eq!(
        whole(b"\"NIL\"", Cursor::nstring).as_bytes(),
        Some(&b"NIL"[..])
    );
    assert_eq!(whole(b"NIL", Cursor::astring).as_bytes(), b"NIL");
    assert_eq!(
        whole(b"[Gmail]/Sent", Cursor::astring).as_bytes(),
        b"[Gmail]/Sent"
    );
    // NIL where a string is required (a tolerance: Exchange, Yahoo).
    assert_eq!(whole(b"NIL", Cursor::string).as_bytes(), b"");
    whole_err(b"NIL", &ParseConfig::strict(), Cursor::string);
    // Binary data in FETCH BINARY[]: string / literal8.
    assert!(whole(b"~{2}\r\n\0\0", Cursor::string_or_literal8).is_literal());
    whole_err(b"~{2}\r\n\0\0", &ParseConfig::default(), Cursor::string);
    // Cheapest representations.
    assert_eq!(bytes(&AString::new(&b"simple"[..]).unwrap()), b"simple");
    assert_eq!(bytes(&AString::new(&b""[..]).unwrap()), b"\"\"");
    assert_eq!(bytes(&AString::new(&b"a b"[..]).unwrap()), b"\"a b\"");
    assert_eq!(bytes(&AString::new(&b"a\"b"[..]).unwrap()), b"\"a\\\"b\"");
    assert_eq!(bytes(&AString::new(&b"a\nb"[..]).unwrap()), b"{3}\r\na\nb");
    assert!(AString::new(&b"a\0b"[..]).is_err());
    let long = vec![b'x'; MAX_QUOTED_LEN + 1];
    assert!(matches!(
        IString::new(&long[..]).unwrap(),
        IString::Literal(_)
    ));
    assert_eq!(bytes(&NString::new(None::<&[u8]>).unwrap()), b"NIL");
}

#[test]
fn numbers() {
    assert_eq!(whole(b"4294967295", Cursor::number), u32::MAX);
    whole_err(b"4294967296", &ParseConfig::default(), Cursor::number);
    whole_err(b"0", &ParseConfig::default(), Cursor::nz_number);
    assert_eq!(
        whole(b"9223372036854775807", Cursor::number64),
        i64::MAX as u64
    );
    whole_err(
        b"9223372036854775808",
        &ParseConfig::default(),
        Cursor::number64,
    );
    assert_eq!(whole(b"007", Cursor::number), 7);
    let mut e = Encoder::new();
    e.number(0);
    e.sp();
    e.number(u64::MAX);
    assert_eq!(e.as_bytes(), b"0 18446744073709551615");
}

// ---- sequence sets (RFC 9051 §9, RFC 5182) ---------------------------------------------

#[test]
fn sequence_set_rfc_examples() {
    // RFC 9051 §9: "2,4:7,9,12:*" for a mailbox with 15 messages is 2,4,5,6,7,9,12,13,14,15.
    let s = whole(b"2,4:7,9,12:*", Cursor::sequence_set);
    assert_eq!(
        s.numbers(15).collect::<Vec<_>>(),
        [2, 4, 5, 6, 7, 9, 12, 13, 14, 15]
    );
    assert_eq!(
        s.iter().collect::<Vec<_>>(),
        [
            SeqItem::Number(SeqNumber::Value(nz(2))),
            SeqItem::Range(SeqNumber::Value(nz(4)), SeqNumber::Value(nz(7))),
            SeqItem::Number(SeqNumber::Value(nz(9))),
            SeqItem::Range(SeqNumber::Value(nz(12)), SeqNumber::Largest),
        ]
    );
    // "*:4" with 10 messages is 10,9,8,7,6,5,4, coalesced to 4:10.
    let s = whole(b"*:4", Cursor::sequence_set);
    assert_eq!(s.to_ranges(10), [4..=10]);
    assert_eq!(s.normalized(10).unwrap().as_str(), "4:10");
    // UID 559:* includes the last UID even if it is below 559 (RFC 9051 §6.4.8).
    assert!(whole(b"559:*", Cursor::sequence_set).contains(100, 100));
    // An empty mailbox: '*' items name nothing.
    assert!(whole(b"1:*", Cursor::sequence_set).to_ranges(0).is_empty());
    // RFC 5182: "$" alone, or at the end of the list (RFC 9051 grammar).
    assert!(whole(b"$", Cursor::sequence_set).is_saved());
    assert!(whole(b"1:3,$", Cursor::sequence_set).has_saved());
    for bad in [
        &b"0"[..],
        b"1:0",
        b"4294967296",
        b"1,,2",
        b"1,",
        b",1",
        b"$,1",
        b"1:$",
        b"::",
    ] {
        whole_err(bad, &ParseConfig::default(), Cursor::sequence_set);
        assert!(SequenceSet::new(std::str::from_utf8(bad).unwrap()).is_err());
    }
    assert_eq!(
        SequenceSet::from_numbers([9, 2, 3, 4, 7, 0, 3])
            .unwrap()
            .as_str(),
        "2:4,7,9"
    );
    assert_eq!(
        SequenceSet::from_items([
            SeqItem::Range(SeqNumber::Largest, SeqNumber::Value(nz(4))),
            SeqItem::Saved
        ])
        .unwrap()
        .as_str(),
        "*:4,$"
    );
    assert!(SequenceSet::from_items([SeqItem::Saved, SeqItem::Saved]).is_err());
    let mut few = ParseConfig::default();
    few.max_items = 2;
    assert!(matches!(
        whole_err(b"1,2,3", &few, Cursor::sequence_set).kind,
        ParseErrorKind::TooMany { .. }
    ));
}

// ---- flags (RFC 9051 §2.3.2) -----------------------------------------------------------

#[test]
fn flags() {
    let list = whole(
        br"(\Answered \flagged \Deleted \Seen \Draft $Forwarded \XCustom)",
        Cursor::flag_list,
    );
    assert_eq!(
        list[..5],
        [
            Flag::Answered,
            Flag::Flagged,
            Flag::Deleted,
            Flag::Seen,
            Flag::Draft
        ]
    );
    assert_eq!(list[5], Flag::Keyword(Atom::new("$Forwarded").unwrap()));
    assert_eq!(
        list[6],
        Flag::Extension(FlagExtension::new("XCustom").unwrap())
    );
    let mut e = Encoder::new();
    e.list(&list);
    assert_eq!(
        e.as_bytes(),
        br"(\Answered \Flagged \Deleted \Seen \Draft $Forwarded \XCustom)"
    );
    assert_eq!(whole(br"\Recent", Cursor::flag_fetch), FlagFetch::Recent);
    assert_eq!(whole(br"\*", Cursor::flag_perm), FlagPerm::Wildcard);
    whole_err(br"\Recent", &ParseConfig::default(), Cursor::flag);
    whole_err(br"\*", &ParseConfig::default(), Cursor::flag);
    assert!(FlagExtension::new("seen").is_err());
    assert!(FlagExtension::new("Recent").is_err());
    assert_eq!(Flag::new(r"\SEEN").unwrap(), Flag::Seen);
    // A keyword with ']' inside (tolerance), never at its end.
    let list = whole(b"(a]b c)", Cursor::flag_list);
    assert!(matches!(&list[0], Flag::Keyword(a) if a.as_str() == "a]b"));
    whole_err(b"(a]b c)", &ParseConfig::strict(), Cursor::flag_list);
    let mut c = Cursor::new(b"(a])", &ParseConfig::default());
    assert!(c.flag_list().is_err());
    let list = whole(b"(a]]b c)", Cursor::flag_list);
    assert!(matches!(&list[0], Flag::Keyword(a) if a.as_str() == "a]]b"));
    assert!(whole_err(b"(a]] c)", &ParseConfig::default(), Cursor::flag_list).offset == 2);
    // A shorter buffer than before (a misuse) never panics.
    let mut framer = Framer::new(&ParseConfig::default());
    assert!(framer.next_frame(b"a {1}\r\nx").is_ok());
    assert!(framer.next_frame(b"").is_ok());
    let _ = framer.next_frame(b"\n\n\n\n\n\n\n\n\n");
}

// ---- dates (RFC 9051 §9) -----------------------------------------------------------------

#[test]
fn dates() {
    // RFC 9051 §6.4.4: SEARCH FLAGGED SINCE 1-Feb-1994.
    let d = whole(b"1-Feb-1994", Cursor::date);
    assert_eq!((d.year(), d.month(), d.day()), (1994, 2, 1));
    assert_eq!(bytes(&d), b"1-Feb-1994");
    assert_eq!(whole(b"\"01-feb-1994\"", Cursor::date), d);
    whole_err(b"30-Feb-1994", &ParseConfig::default(), Cursor::date);
    assert!(Date::new(2024, 2, 29).is_ok() && Date::new(2023, 2, 29).is_err());
    // RFC 9051 §7.5.2 INTERNALDATE "17-Jul-1996 02:44:25 -0700".
    let dt = whole(b"\"17-Jul-1996 02:44:25 -0700\"", Cursor::date_time);
    assert_eq!(
        (
            dt.date().day(),
            dt.hour(),
            dt.minute(),
            dt.second(),
            dt.zone_minutes()
        ),
        (17, 2, 44, 25, -420)
    );
    assert_eq!(bytes(&dt), b"\"17-Jul-1996 02:44:25 -0700\"");
    // date-day-fixed: " 7" or "07"; "7" is a tolerance.
    let a = whole(b"\" 7-Jul-1996 02:44:25 +0530\"", Cursor::date_time);
    assert_eq!(
        whole(b"\"07-Jul-1996 02:44:25 +0530\"", Cursor::date_time),
        a
    );
    assert_eq!(
        whole(b"\"7-Jul-1996 02:44:25 +0530\"", Cursor::date_time),
        a
    );
    assert_eq!(a.zone_minutes(), 330);
    whole_err(
        b"\"7-Jul-1996 02:44:25 +0530\"",
        &ParseConfig::strict(),
        Cursor::date_time,
    );
    whole_err(
        b"\"17-Jul-1996 24:00:00 +0000\"",
        &ParseConfig::default(),
        Cursor::date_time,
    );
    // `zone` is any four digits (RFC 9051 §9): minutes above 59 are read as hh * 60 + mm (as
    // imap-codec does; tests/imap_differential.rs) and written back canonically.
    let odd = whole(b"\"17-Jul-1996 02:44:25 +0060\"", Cursor::date_time);
    assert_eq!(odd.zone_minutes(), 60);
    assert_eq!(odd.to_bytes(), b"\"17-Jul-1996 02:44:25 +0100\"");
    whole_err(
        b"\"17-Jul-1996 02:44:25 +9999\"",
        &ParseConfig::default(),
        Cursor::date_time,
    );
}

// ---- sections (RFC 9051 §6.4.5) --------------------------------------------------------

#[test]
fn sections_rfc_examples() {
    // The part specifiers of the RFC 9051 §6.4.5 example message.
    for spec in [
        "HEADER",
        "TEXT",
        "1",
        "2",
        "3",
        "3.HEADER",
        "3.TEXT",
        "3.1",
        "3.2",
        "4",
        "4.1",
        "4.1.MIME",
        "4.2",
        "4.2.HEADER",
        "4.2.TEXT",
        "4.2.1",
        "4.2.2",
        "4.2.2.1",
        "4.2.2.2",
    ] {
        let wire = format!("[{spec}]");
        let s = whole(wire.as_bytes(), Cursor::section);
        assert_eq!(bytes(&s), wire.as_bytes(), "{spec}");
    }
    let s = whole(b"[1.2.HEADER.FIELDS (A B)]", Cursor::section);
    assert_eq!(s.part().unwrap().iter().collect::<Vec<_>>(), [nz(1), nz(2)]);
    let Some(SectionText::HeaderFields(fields)) = s.text() else {
        panic!()
    };
    assert_eq!(fields.len(), 2);
    let s = whole(b"[header.fields.not (DATE \"FROM\")]", Cursor::section);
    assert!(matches!(s.text(), Some(SectionText::HeaderFieldsNot(v)) if v.len() == 2));
    assert_eq!(bytes(&s), b"[HEADER.FIELDS.NOT (DATE \"FROM\")]");
    assert!(whole(b"[]", Cursor::section).is_full());
    for bad in [
        &b"[MIME]"[..],
        b"[0]",
        b"[1.]",
        b"[HEADER.FIELDS ()]",
        b"[1.FOO]",
    ] {
        whole_err(bad, &ParseConfig::default(), Cursor::section);
    }
    // BODY[...]<0.100> and BINARY[1]<0.100>.
    let p = whole(b"<0.100>", Cursor::partial);
    assert_eq!(
        p,
        Partial {
            offset: 0,
            length: NonZeroU64::new(100).unwrap()
        }
    );
    assert_eq!(bytes(&p), b"<0.100>");
    whole_err(b"<0.0>", &ParseConfig::default(), Cursor::partial);
    assert_eq!(whole(b"[1]", Cursor::section_binary).unwrap().as_str(), "1");
    assert_eq!(whole(b"[]", Cursor::section_binary), None);
}

// ---- capabilities and charsets -------------------------------------------------------------

#[test]
fn capabilities() {
    // RFC 9051 §7.2.2: "* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED".
    let caps = whole(
        b"IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED X-UNKNOWN",
        |c| {
            let mut v = vec![c.capability()?];
            while c.opt_sp()? {
                v.push(c.capability()?);
            }
            Ok(v)
        },
    );
    assert_eq!(caps[0], Capability::Imap4rev2);
    assert_eq!(caps[1], Capability::StartTls);
    assert_eq!(caps[2], Capability::Auth(Atom::new("GSSAPI").unwrap()));
    assert_eq!(caps[3], Capability::LoginDisabled);
    assert!(matches!(&caps[4], Capability::Other(u) if u.as_str() == "X-UNKNOWN"));
    let mut e = Encoder::new();
    for (i, c) in caps.iter().enumerate() {
        if i > 0 {
            e.sp();
        }
        c.encode(&mut e);
    }
    assert_eq!(
        e.as_bytes(),
        b"IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED X-UNKNOWN"
    );
    for (wire, cap) in [
        ("literal+", Capability::LiteralPlus),
        ("LITERAL-", Capability::LiteralMinus),
        ("utf8=accept", Capability::Utf8Accept),
        ("X-GM-EXT-1", Capability::XGmExt1),
        ("APPENDLIMIT", Capability::AppendLimit(None)),
    ] {
        assert_eq!(whole(wire.as_bytes(), Cursor::capability), cap, "{wire}");
    }
    assert_eq!(
        whole(b"THREAD=REFERENCES", Cursor::capability).to_string(),
        "THREAD=REFERENCES"
    );
    assert_eq!(
        whole(b"QUOTA=RES-STORAGE", Cursor::capability).to_string(),
        "QUOTA=RES-STORAGE"
    );
    assert!(UnknownCapability::new(Atom::new("idle").unwrap()).is_err());
}

#[test]
fn charsets() {
    assert_eq!(bytes(&Charset::new("UTF-8").unwrap()), b"UTF-8");
    assert_eq!(bytes(&Charset::new("A B").unwrap()), b"\"A B\"");
    assert_eq!(whole(b"\"UTF-8\"", Cursor::charset).as_bytes(), b"UTF-8");
}

// ---- lists, spaces, limits ---------------------------------------------------------------

#[test]
fn lists_and_tolerated_spaces() {
    let num_list = |c: &mut Cursor<'_>| c.list("numbers", Cursor::number);
    assert_eq!(whole(b"(1 2 3)", num_list), [1, 2, 3]);
    assert_eq!(whole(b"()", num_list), Vec::<u32>::new());
    assert_eq!(whole(b"( 1  2 3 )", num_list), [1, 2, 3]);
    whole_err(b"( 1  2 3 )", &ParseConfig::strict(), num_list);
    // Missing space after ')' (a tolerance).
    let pair = |c: &mut Cursor<'_>| {
        let a = c.flag_list()?.len();
        c.sp()?;
        let n = c.number()?;
        Ok((a, n))
    };
    assert_eq!(whole(br"(\Seen)5", pair).1, 5);
    whole_err(br"(\Seen)5", &ParseConfig::strict(), pair);
    // Trailing spaces before CRLF, and bare LF.
    let line = |c: &mut Cursor<'_>| {
        let n = c.number()?;
        let more = c.opt_sp()?;
        if more {
            c.number()?;
        }
        c.crlf()?;
        Ok((n, more))
    };
    assert_eq!(whole(b"7  \r\n", line), (7, false));
    whole_err(b"7 \r\n", &ParseConfig::strict(), line);
    assert_eq!(
        whole_err(b"7\n", &ParseConfig::default(), line),
        ParseError::new(1, ParseErrorKind::BareLf)
    );
    let mut lf = ParseConfig::default();
    lf.allow_bare_lf = true;
    assert_eq!(parse_complete(b"7\n", &lf, line).unwrap(), (7, false));
}

fn nested<'a>(c: &mut Cursor<'a>) -> PResult<usize> {
    if c.peek() == Some(b'(') {
        let v = c.list("lists", nested)?;
        Ok(1 + v.into_iter().max().unwrap_or(0))
    } else {
        c.number().map(|_| 0)
    }
}

#[test]
fn depth_and_item_limits() {
    let deep = format!("{}1{}", "(".repeat(100), ")".repeat(100));
    let mut config = ParseConfig::default();
    config.max_depth = 10;
    assert_eq!(
        whole_err(deep.as_bytes(), &config, nested).kind,
        ParseErrorKind::TooDeep { limit: 10 }
    );
    config.max_depth = 100;
    assert_eq!(
        parse_complete(deep.as_bytes(), &config, nested).unwrap(),
        100
    );
    // No stack overflow on hostile nesting with the default limit.
    let hostile = "(".repeat(1_000_000);
    assert!(matches!(
        whole_err(hostile.as_bytes(), &ParseConfig::default(), nested).kind,
        ParseErrorKind::TooDeep { limit: 64 }
    ));
    let mut few = ParseConfig::default();
    few.max_items = 3;
    assert_eq!(
        whole_err(b"(1 2 3 4)", &few, |c| c.list("numbers", Cursor::number)).kind,
        ParseErrorKind::TooMany {
            what: "numbers",
            limit: 3
        }
    );
}

#[test]
fn streaming_is_incomplete_not_error() {
    let config = ParseConfig::default();
    let input = b"A1 LOGIN \"alice\" {6}\r\nsecret\r\n";
    let login = |c: &mut Cursor<'_>| -> PResult<Vec<u8>> {
        c.tag()?;
        c.sp()?;
        c.expect_keyword(b"LOGIN", "LOGIN")?;
        c.sp()?;
        let u = c.astring()?;
        c.sp()?;
        let p = c.astring()?;
        c.crlf()?;
        Ok([u.as_bytes(), p.as_bytes()].concat())
    };
    for i in 0..input.len() {
        match parse_with(&input[..i], &config, login) {
            Ok(Status::Incomplete(_)) => {}
            other => panic!("prefix {i}: {other:?}"),
        }
    }
    assert_eq!(
        parse_with(input, &config, login),
        Ok(Status::Complete((b"alicesecret".to_vec(), input.len())))
    );
    assert_eq!(
        parse_with(&input[..25], &config, login),
        Ok(Status::Incomplete(at_least(3)))
    );
    // Errors are errors even on a prefix.
    assert!(parse_with(b"A1 LOGIN (", &config, login).is_err());
}

// ---- framer --------------------------------------------------------------------------------

fn frames(config: &ParseConfig, input: &[u8]) -> Vec<Vec<u8>> {
    let mut framer = Framer::new(config);
    let mut out = Vec::new();
    let mut rest = input;
    while let Status::Complete(Frame { len, .. }) = framer.next_frame(rest).unwrap() {
        out.push(rest[..len].to_vec());
        rest = &rest[len..];
    }
    out
}

#[test]
fn framer_rfc_literal_examples() {
    let config = ParseConfig::default();
    // RFC 3501 §7.5 / RFC 9051 §7.5: LOGIN with two synchronizing literals.
    let mut framer = Framer::new(&config);
    let mut buf = b"A001 LOGIN {11}\r\n".to_vec();
    assert_eq!(
        framer.next_frame(&buf),
        Ok(Status::Incomplete(at_least(11)))
    );
    let lit = framer.take_continuation().unwrap();
    assert_eq!(
        (lit.offset, lit.data_start, lit.size, lit.binary),
        (11, 17, 11, false)
    );
    assert_eq!(framer.take_continuation(), None);
    buf.extend_from_slice(b"FRED FOOBAR {7}\r\n");
    assert_eq!(framer.next_frame(&buf), Ok(Status::Incomplete(at_least(7))));
    assert_eq!(framer.take_continuation().unwrap().size, 7);
    buf.extend_from_slice(b"fat man\r\n");
    assert_eq!(
        framer.next_frame(&buf),
        Ok(Status::Complete(Frame {
            len: buf.len(),
            literals: 2
        }))
    );
    // RFC 7888 §4: the same with non-synchronizing literals, no continuation.
    let mut framer = Framer::new(&config);
    assert_eq!(
        framer.next_frame(b"A001 LOGIN {11+}\r\n"),
        Ok(Status::Incomplete(at_least(11)))
    );
    assert_eq!(framer.take_continuation(), None);
    // A FETCH response with a literal and a literal8 (RFC 3516 §4.2).
    let stream = b"* 12 FETCH (BODY[HEADER] {5}\r\nab\r\nc)\r\n* 1 FETCH (BINARY[1] ~{3}\r\n\0\r\n)\r\nA1 OK done\r\n";
    assert_eq!(
        frames(&config, stream),
        [
            b"* 12 FETCH (BODY[HEADER] {5}\r\nab\r\nc)\r\n".to_vec(),
            b"* 1 FETCH (BINARY[1] ~{3}\r\n\0\r\n)\r\n".to_vec(),
            b"A1 OK done\r\n".to_vec(),
        ]
    );
    // A zero-length synchronizing literal still needs its continuation.
    let mut framer = Framer::new(&config);
    assert_eq!(
        framer.next_frame(b"A1 LOGIN {0}\r\n"),
        Ok(Status::INCOMPLETE)
    );
    assert_eq!(framer.take_continuation().unwrap().size, 0);
    // '{' not at the end of the line is no literal; "{5}" with text after it neither.
    assert_eq!(frames(&config, b"* OK {5} x\r\n").len(), 1);
}

/// Status responses and continuation requests end in free text and carry no literal: text that
/// ends like a literal header is text there (RFC 9051 §7.1, §7.5), for the framer and the parser
/// alike, whole and byte by byte. Elsewhere the same ending still announces a literal.
#[test]
fn framer_status_text_ending_like_a_literal() {
    let config = ParseConfig::default();
    let lines: [&[u8]; 10] = [
        b"+ Ready for {20}\r\n",
        b"+ {5}\r\n",
        b"* OK see {5}\r\n",
        b"* no quota {5+}\r\n",
        b"*  BAD  spaced {0}\r\n",
        b"* BYE bye {1}\r\n",
        b"* PREAUTH hi ~{3}\r\n",
        b"* OK[ALERT] x {2}\r\n",
        b"A1 OK done {5}\r\n",
        b"a.b NO [TRYCREATE] nope {12}\r\n",
    ];
    for line in lines {
        let mut stream = line.to_vec();
        stream.extend_from_slice(b"* 1 EXISTS\r\n");
        let expected = vec![line.to_vec(), b"* 1 EXISTS\r\n".to_vec()];
        assert_eq!(
            frames(&config, &stream),
            expected,
            "{:?}",
            String::from_utf8_lossy(line)
        );
        // Fed one byte at a time, the frames are the same.
        let mut framer = Framer::new(&config);
        let mut got = Vec::new();
        let mut buf = Vec::new();
        for &b in &stream {
            buf.push(b);
            if let Status::Complete(frame) = framer.next_frame(&buf).unwrap() {
                got.push(buf.drain(..frame.len).collect::<Vec<u8>>());
            }
        }
        assert_eq!(got, expected);
        let Status::Complete((resp, used)) = parse_response(line, &config).unwrap() else {
            panic!("incomplete: {line:?}");
        };
        assert_eq!(used, line.len());
        // The text comes back as received.
        let out = resp.to_bytes();
        assert!(
            line.ends_with(b"}\r\n") && out.ends_with(b"}\r\n"),
            "{out:?}"
        );
    }
    // Not a status response: the same ending is a literal.
    for msg in [
        &b"* LIST () \"/\" {5}\r\nINBOX\r\n"[..],
        b"* 1 FETCH (BODY[] {2}\r\nOK)\r\n",
        b"* OKAY {2}\r\nab\r\n",
        b"A1 LOGIN {2}\r\nab {2}\r\ncd\r\n",
    ] {
        let mut framer = Framer::new(&config);
        let Status::Complete(frame) = framer.next_frame(msg).unwrap() else {
            panic!("incomplete: {msg:?}");
        };
        assert_eq!((frame.len, frame.literals > 0), (msg.len(), true));
    }
}

#[test]
fn framer_limits() {
    let mut config = ParseConfig::default();
    config.max_line_len = 10;
    config.max_literal_size = 100;
    config.max_non_sync_literal_size = 4;
    config.max_message_size = 200;
    let mut framer = Framer::new(&config);
    // Known to be too long before the LF arrives.
    assert_eq!(
        framer.next_frame(b"0123456789"),
        Err(ParseError::new(
            10,
            ParseErrorKind::LineTooLong { limit: 10 }
        ))
    );
    framer.reset();
    assert!(framer.next_frame(b"01234567\r\n").is_ok());
    let mut framer = Framer::new(&config);
    assert_eq!(
        framer.next_frame(b"a {101}\r\n"),
        Err(ParseError::new(
            2,
            ParseErrorKind::LiteralTooLarge {
                size: 101,
                limit: 100,
                non_sync: false
            }
        ))
    );
    framer.reset();
    assert_eq!(
        framer.next_frame(b"a ~{5+}\r\n"),
        Err(ParseError::new(
            2,
            ParseErrorKind::LiteralTooLarge {
                size: 5,
                limit: 4,
                non_sync: true
            }
        ))
    );
    framer.reset();
    assert_eq!(
        framer.next_frame(b"a {99}\r\n"),
        Ok(Status::Incomplete(at_least(99)))
    );
    let mut framer = Framer::new(&config);
    let mut msg = b"a {100}\r\n".to_vec();
    msg.extend_from_slice(&[b'x'; 100]);
    msg.extend_from_slice(b"{100}\r\n");
    assert_eq!(
        framer.next_frame(&msg),
        Err(ParseError::new(
            109,
            ParseErrorKind::MessageTooLarge { limit: 200 }
        ))
    );
    let mut framer = Framer::new(&config);
    assert_eq!(
        framer.next_frame(b"a\nb"),
        Err(ParseError::new(1, ParseErrorKind::BareLf))
    );
    config.allow_bare_lf = true;
    assert_eq!(
        frames(&config, b"a {1}\nx\nb\n"),
        [b"a {1}\nx\n".to_vec(), b"b\n".to_vec()]
    );
}

// ---- encoder and fragments -------------------------------------------------------------

#[test]
fn fragments_and_literal_policies() {
    let data = AString::new(&b"fat\r\nman"[..]).unwrap();
    let encode = |policy| {
        let mut e = Encoder::with_options(EncodeOptions::new(policy, true));
        e.push(b"A001 LOGIN ");
        data.encode(&mut e);
        e.sp();
        data.encode(&mut e);
        e.crlf();
        e
    };
    let e = encode(LiteralPolicy::Sync);
    assert_eq!(
        e.as_bytes(),
        b"A001 LOGIN {8}\r\nfat\r\nman {8}\r\nfat\r\nman\r\n"
    );
    assert!(e.has_sync_literal());
    let frags: Vec<_> = e.fragments().collect();
    assert_eq!(
        frags,
        [
            Fragment::Line(b"A001 LOGIN {8}\r\n"),
            Fragment::Literal {
                data: b"fat\r\nman",
                mode: LiteralMode::Sync,
                binary: false
            },
            Fragment::Line(b" {8}\r\n"),
            Fragment::Literal {
                data: b"fat\r\nman",
                mode: LiteralMode::Sync,
                binary: false
            },
            Fragment::Line(b"\r\n"),
        ]
    );
    assert_eq!(
        frags
            .iter()
            .flat_map(|f| f.as_bytes())
            .copied()
            .collect::<Vec<_>>(),
        e.as_bytes()
    );
    let e = encode(LiteralPolicy::LiteralPlus);
    assert_eq!(
        e.as_bytes(),
        b"A001 LOGIN {8+}\r\nfat\r\nman {8+}\r\nfat\r\nman\r\n"
    );
    assert!(!e.has_sync_literal());
    // LITERAL-: non-synchronizing up to 4096 octets only.
    let big = IString::Literal(Literal::new(vec![b'x'; 4097]).unwrap());
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::LiteralMinus, true));
    data.encode(&mut e);
    big.encode(&mut e);
    assert!(e.as_bytes().starts_with(b"{8+}\r\n"));
    assert!(e.as_bytes()[14..].starts_with(b"{4097}\r\n"));
    // AsIs keeps what was parsed.
    let parsed = whole(b"{3+}\r\nabc", Cursor::literal);
    assert_eq!(bytes(&parsed), b"{3+}\r\nabc");
    // Debug output never shows the data.
    assert!(!format!("{frags:?}").contains("fat"));
    assert!(!format!("{:?}", Literal::new(&b"secret"[..]).unwrap()).contains("secret"));
}

#[test]
fn no_injection_through_values() {
    // Data with CR, LF or NUL can never be written as an atom or a quoted string.
    for data in [&b"a\r\nb"[..], b"\r", b"\n", b"x\r\nA2 DELETE INBOX"] {
        let s = AString::new(data).unwrap();
        let out = bytes(&s);
        assert!(
            out.starts_with(b"{"),
            "{:?}",
            out.escape_ascii().to_string()
        );
    }
    assert!(Quoted::new(&b"\n"[..]).is_err());
    assert!(AtomExt::new("a\r").is_err());
    assert!(Tag::new("a\n").is_err());
    assert!(IString::new(&b"\0"[..]).is_err());
}

#[test]
fn into_owned_outlives_input() {
    let owned: Vec<AString<'static>> = {
        let input = b"(\"a\" b {1}\r\nc)".to_vec();
        let v = parse_complete(&input, &ParseConfig::default(), |c| {
            c.list("x", Cursor::astring)
        })
        .unwrap();
        v.into_iter().map(AString::into_owned).collect()
    };
    assert_eq!(
        owned.iter().map(AString::as_bytes).collect::<Vec<_>>(),
        [&b"a"[..], b"b", b"c"]
    );
    let _ = Fail::Incomplete(Needed::Unknown);
}

#[test]
fn mailbox_attributes_and_quota_resources() {
    use imap_proto::encode::Encode;
    use imap_proto::types::{MailboxAttribute, QuotaResource};
    let cfg = ParseConfig::default();
    for (input, expect, out) in [
        (
            &b"\\noselect "[..],
            MailboxAttribute::NoSelect,
            &b"\\Noselect"[..],
        ),
        (
            b"\\HasNoChildren)",
            MailboxAttribute::HasNoChildren,
            b"\\HasNoChildren",
        ),
        (b"\\SENT ", MailboxAttribute::Sent, b"\\Sent"),
        (b"\\Important)", MailboxAttribute::Important, b"\\Important"),
    ] {
        let (attr, used) = match parse_with(input, &cfg, |c| c.mailbox_attribute()).unwrap() {
            Status::Complete(v) => v,
            other => panic!("{other:?}"),
        };
        assert_eq!(attr, expect);
        assert_eq!(used, input.len() - 1);
        assert_eq!(attr.to_bytes(), out);
    }
    let other = match parse_with(b"\\X-Local ", &cfg, |c| c.mailbox_attribute()).unwrap() {
        Status::Complete((a, _)) => a,
        other => panic!("{other:?}"),
    };
    assert!(matches!(&other, MailboxAttribute::Other(a) if a.as_str() == "X-Local"));
    assert!(!other.is_special_use());
    assert!(MailboxAttribute::Trash.is_special_use());
    assert_eq!(other.to_bytes(), b"\\X-Local");
    assert!(parse_with(b"Noselect ", &cfg, |c| c.mailbox_attribute()).is_err());

    for (input, expect) in [
        (&b"storage "[..], QuotaResource::Storage),
        (b"MESSAGE ", QuotaResource::Message),
        (b"Mailbox ", QuotaResource::Mailbox),
        (b"annotation-storage ", QuotaResource::AnnotationStorage),
    ] {
        let (r, _) = match parse_with(input, &cfg, |c| c.quota_resource()).unwrap() {
            Status::Complete(v) => v,
            other => panic!("{other:?}"),
        };
        assert_eq!(r, expect);
        assert_eq!(r.to_bytes(), r.name().as_bytes());
        assert_eq!(
            r.name(),
            std::str::from_utf8(input)
                .unwrap()
                .trim()
                .to_ascii_uppercase()
        );
    }
}
