//! Property tests of the core: `parse(encode(x)) == x` for every core type, every prefix of an
//! encoding is incomplete (never an error, never another value), modified UTF-7 round trips and
//! canonical uniqueness, framer chunking invariance and linear scanning.

use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::encode::{Encode, EncodeOptions, Encoder, LiteralPolicy};
use imap_proto::parse::{
    Cursor, Frame, Framer, Needed, PResult, ParseConfig, Status, parse_complete, parse_with,
};
use imap_proto::types::*;
use imap_proto::utf7;
use proptest::prelude::*;

// ---- strategies ----------------------------------------------------------------------------

fn chars_of(class: fn(u8) -> bool) -> Vec<u8> {
    (0u8..=255).filter(|&b| class(b)).collect()
}

fn token(class: fn(u8) -> bool, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(chars_of(class)), 1..max)
        .prop_map(|v| String::from_utf8(v).unwrap())
}

fn tag() -> impl Strategy<Value = Tag<'static>> {
    token(is_tag_char, 12).prop_map(|s| Tag::new(s).unwrap())
}

fn atom() -> impl Strategy<Value = Atom<'static>> {
    token(is_atom_char, 12).prop_map(|s| Atom::new(s).unwrap())
}

fn atom_ext() -> impl Strategy<Value = AtomExt<'static>> {
    token(is_astring_char, 12).prop_map(|s| AtomExt::new(s).unwrap())
}

/// Quotable content: 7-bit text characters, or any Unicode text without CR, LF, NUL.
fn quotable() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(chars_of(is_text_char)), 0..30),
        "[^\r\n\0]{0,20}".prop_map(String::into_bytes),
    ]
}

fn quoted() -> impl Strategy<Value = Quoted<'static>> {
    quotable().prop_map(|v| Quoted::new(v).unwrap())
}

fn mode() -> impl Strategy<Value = LiteralMode> {
    prop_oneof![Just(LiteralMode::Sync), Just(LiteralMode::NonSync)]
}

fn literal() -> impl Strategy<Value = Literal<'static>> {
    (proptest::collection::vec(1u8..=255, 0..40), mode())
        .prop_map(|(v, m)| Literal::new(v).unwrap().with_mode(m))
}

fn literal8() -> impl Strategy<Value = Literal<'static>> {
    (proptest::collection::vec(any::<u8>(), 0..40), mode())
        .prop_map(|(v, m)| Literal::binary(v).with_mode(m))
}

fn istring() -> impl Strategy<Value = IString<'static>> {
    prop_oneof![
        quoted().prop_map(IString::Quoted),
        literal().prop_map(IString::Literal),
        proptest::collection::vec(1u8..=255, 0..40).prop_map(|v| IString::new(v).unwrap()),
    ]
}

fn astring() -> impl Strategy<Value = AString<'static>> {
    prop_oneof![
        atom_ext().prop_map(AString::Atom),
        istring().prop_map(AString::String),
    ]
}

fn nstring() -> impl Strategy<Value = NString<'static>> {
    proptest::option::of(istring()).prop_map(NString)
}

fn seq_number() -> impl Strategy<Value = SeqNumber> {
    prop_oneof![
        1 => Just(SeqNumber::Largest),
        4 => (1u32..=u32::MAX).prop_map(|n| SeqNumber::Value(NonZeroU32::new(n).unwrap())),
        4 => (1u32..50).prop_map(|n| SeqNumber::Value(NonZeroU32::new(n).unwrap())),
    ]
}

fn sequence_set() -> impl Strategy<Value = SequenceSet<'static>> {
    let item = prop_oneof![
        seq_number().prop_map(SeqItem::Number),
        (seq_number(), seq_number()).prop_map(|(a, b)| SeqItem::Range(a, b)),
    ];
    (proptest::collection::vec(item, 0..6), any::<bool>()).prop_filter_map(
        "non-empty",
        |(mut items, saved)| {
            if saved {
                items.push(SeqItem::Saved);
            }
            SequenceSet::from_items(items).ok()
        },
    )
}

fn flag() -> impl Strategy<Value = Flag<'static>> {
    prop_oneof![
        Just(Flag::Answered),
        Just(Flag::Flagged),
        Just(Flag::Deleted),
        Just(Flag::Seen),
        Just(Flag::Draft),
        atom().prop_map(Flag::Keyword),
        atom().prop_filter_map("not a system flag", |a| FlagExtension::from_atom(a)
            .ok()
            .map(Flag::Extension)),
    ]
}

fn flag_fetch() -> impl Strategy<Value = FlagFetch<'static>> {
    prop_oneof![flag().prop_map(FlagFetch::Flag), Just(FlagFetch::Recent)]
}

fn flag_perm() -> impl Strategy<Value = FlagPerm<'static>> {
    prop_oneof![flag().prop_map(FlagPerm::Flag), Just(FlagPerm::Wildcard)]
}

fn mailbox() -> impl Strategy<Value = Mailbox<'static>> {
    prop_oneof![
        astring().prop_map(Mailbox::new),
        "[^\0]{0,12}".prop_map(|s| Mailbox::from_utf8(&s).unwrap()),
        Just(Mailbox::Inbox),
        "(?i:inbox)".prop_map(|s| Mailbox::from_bytes(s.into_bytes()).unwrap()),
    ]
}

fn charset() -> impl Strategy<Value = Charset<'static>> {
    prop_oneof![
        atom().prop_map(Charset::Atom),
        quoted().prop_map(Charset::Quoted),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (0u16..=9999, 1u8..=12, 1u8..=31).prop_filter_map("valid", |(y, m, d)| Date::new(y, m, d).ok())
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (date(), 0u8..24, 0u8..60, 0u8..=60, -5999i16..=5999)
        .prop_filter_map("valid", |(d, h, m, s, z)| DateTime::new(d, h, m, s, z).ok())
}

fn section_part() -> impl Strategy<Value = SectionPart<'static>> {
    proptest::collection::vec(1u32..=u32::MAX, 1..5).prop_map(|v| {
        let v: Vec<NonZeroU32> = v.into_iter().map(|n| NonZeroU32::new(n).unwrap()).collect();
        SectionPart::from_numbers(&v).unwrap()
    })
}

fn section() -> impl Strategy<Value = Section<'static>> {
    let fields = || proptest::collection::vec(astring(), 1..4);
    let text = prop_oneof![
        Just(SectionText::Header),
        Just(SectionText::Text),
        Just(SectionText::Mime),
        fields().prop_map(SectionText::HeaderFields),
        fields().prop_map(SectionText::HeaderFieldsNot),
    ];
    (
        proptest::option::of(section_part()),
        proptest::option::of(text),
    )
        .prop_filter_map("valid", |(p, t)| Section::new(p, t).ok())
}

fn partial() -> impl Strategy<Value = Partial> {
    (0..=i64::MAX as u64, 1..=i64::MAX as u64).prop_map(|(offset, len)| Partial {
        offset,
        length: NonZeroU64::new(len).unwrap(),
    })
}

fn capability() -> impl Strategy<Value = Capability<'static>> {
    let known = proptest::sample::select(vec![
        "IMAP4rev1",
        "imap4rev2",
        "AUTH=PLAIN",
        "auth=xoauth2",
        "SASL-IR",
        "LITERAL+",
        "LITERAL-",
        "STARTTLS",
        "LOGINDISABLED",
        "IDLE",
        "UIDPLUS",
        "MOVE",
        "CONDSTORE",
        "QRESYNC",
        "ENABLE",
        "UTF8=ACCEPT",
        "ID",
        "NAMESPACE",
        "SPECIAL-USE",
        "ESEARCH",
        "QUOTA",
        "METADATA",
        "SORT",
        "THREAD=REFERENCES",
        "BINARY",
        "UNSELECT",
        "CHILDREN",
        "LIST-EXTENDED",
        "LIST-STATUS",
        "OBJECTID",
        "X-GM-EXT-1",
        "COMPRESS=DEFLATE",
        "APPENDLIMIT",
        "APPENDLIMIT=35651584",
        "QUOTA=RES-STORAGE",
        "QUOTA=RES-",
        "AUTH=",
        "CONTEXT=SEARCH",
        "RIGHTS=texk",
        "I18NLEVEL=1",
    ]);
    prop_oneof![
        known.prop_map(|s| Capability::from_atom(Atom::new(s).unwrap())),
        atom().prop_map(Capability::from_atom),
    ]
}

// ---- round trip helpers ----------------------------------------------------------------

/// `parse(encode(x)) == x` on a complete cursor, and every strict prefix of the encoding is
/// incomplete on a streaming cursor (or, for a value that may end the input, the same value).
fn round_trip<T, F>(value: &T, parse: F) -> Result<(), TestCaseError>
where
    T: Encode + PartialEq + std::fmt::Debug,
    F: for<'b> Fn(&mut Cursor<'b>) -> PResult<T> + Copy,
{
    let wire = value.to_bytes();
    let config = ParseConfig::strict();
    let back = parse_complete(&wire, &config, parse).map_err(|e| {
        TestCaseError::fail(format!("{e} in {:?}", wire.escape_ascii().to_string()))
    })?;
    prop_assert_eq!(&back, value);
    // Streaming: the encoding followed by a delimiter.
    let mut delimited = wire.clone();
    delimited.push(b' ');
    for i in 0..delimited.len() {
        match parse_with(&delimited[..i], &config, parse) {
            Ok(Status::Incomplete(_)) => {}
            Ok(Status::Complete((v, used))) => {
                prop_assert_eq!(&v, value);
                prop_assert_eq!(used, wire.len());
            }
            Err(e) => prop_assert!(
                false,
                "prefix {} of {:?}: {}",
                i,
                wire.escape_ascii().to_string(),
                e
            ),
        }
    }
    prop_assert_eq!(
        parse_with(&delimited, &config, parse),
        Ok(Status::Complete((back, wire.len())))
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tag_round_trip(v in tag()) {
        round_trip(&v, |c| c.tag().map(Tag::into_owned))?;
    }

    #[test]
    fn atom_round_trip(v in atom()) {
        round_trip(&v, |c| c.atom().map(Atom::into_owned))?;
    }

    #[test]
    fn atom_ext_round_trip(v in atom_ext()) {
        round_trip(&v, |c| c.atom_ext().map(AtomExt::into_owned))?;
    }

    #[test]
    fn quoted_round_trip(v in quoted()) {
        round_trip(&v, |c| c.quoted().map(Quoted::into_owned))?;
    }

    #[test]
    fn literal_round_trip(v in literal()) {
        round_trip(&v, |c| c.literal().map(Literal::into_owned))?;
    }

    #[test]
    fn literal8_round_trip(v in literal8()) {
        round_trip(&v, |c| c.literal8().map(Literal::into_owned))?;
    }

    #[test]
    fn istring_round_trip(v in istring()) {
        round_trip(&v, |c| c.string().map(IString::into_owned))?;
    }

    #[test]
    fn astring_round_trip(v in astring()) {
        round_trip(&v, |c| c.astring().map(AString::into_owned))?;
    }

    #[test]
    fn nstring_round_trip(v in nstring()) {
        round_trip(&v, |c| c.nstring().map(NString::into_owned))?;
    }

    #[test]
    fn number_round_trip(v in any::<u32>(), w in 0..=i64::MAX as u64) {
        round_trip(&v, |c| c.number())?;
        round_trip(&w, |c| c.number64())?;
    }

    #[test]
    fn sequence_set_round_trip(v in sequence_set()) {
        round_trip(&v, |c| c.sequence_set().map(SequenceSet::into_owned))?;
        // The text form and the items agree.
        prop_assert_eq!(SequenceSet::from_items(v.iter()).unwrap(), v.clone());
    }

    #[test]
    fn sequence_set_normalization(v in sequence_set(), largest in 0u32..60) {
        let ranges = v.to_ranges(largest);
        for w in ranges.windows(2) {
            prop_assert!(w[0].end().saturating_add(1) < *w[1].start());
        }
        for n in 1..=80u32 {
            let in_ranges = ranges.iter().any(|r| r.contains(&n));
            let star_empty = largest == 0 && v.has_largest();
            if !star_empty {
                prop_assert_eq!(v.contains(n, largest), in_ranges, "{} in {}", n, v);
            }
        }
        if let Some(norm) = v.normalized(largest) {
            prop_assert_eq!(norm.to_ranges(largest), ranges);
        }
    }

    #[test]
    fn flag_round_trip(f in flag(), ff in flag_fetch(), fp in flag_perm()) {
        round_trip(&f, |c| c.flag().map(Flag::into_owned))?;
        round_trip(&ff, |c| c.flag_fetch().map(FlagFetch::into_owned))?;
        round_trip(&fp, |c| c.flag_perm().map(FlagPerm::into_owned))?;
    }

    #[test]
    fn flag_list_round_trip(v in proptest::collection::vec(flag(), 0..5)) {
        let mut e = Encoder::new();
        e.list(&v);
        let back = parse_complete(e.as_bytes(), &ParseConfig::strict(), Cursor::flag_list).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn mailbox_round_trip(v in mailbox()) {
        round_trip(&v, |c| c.mailbox().map(Mailbox::into_owned))?;
    }

    #[test]
    fn mailbox_unicode(name in "[^\0]{0,16}") {
        let m = Mailbox::from_utf8(&name).unwrap();
        if !name.eq_ignore_ascii_case("INBOX") {
            prop_assert_eq!(m.decode_utf7().unwrap(), name.as_str());
        }
    }

    #[test]
    fn charset_round_trip(v in charset()) {
        round_trip(&v, |c| c.charset().map(Charset::into_owned))?;
    }

    #[test]
    fn date_round_trip(d in date(), dt in date_time()) {
        round_trip(&d, |c| c.date())?;
        round_trip(&dt, |c| c.date_time())?;
    }

    #[test]
    fn section_round_trip(s in section(), p in partial(), b in proptest::option::of(section_part())) {
        round_trip(&s, |c| c.section().map(Section::into_owned))?;
        round_trip(&p, |c| c.partial())?;
        // section-binary: "[" [section-part] "]".
        let mut e = Encoder::new();
        e.push_byte(b'[');
        if let Some(b) = &b {
            b.encode(&mut e);
        }
        e.push_byte(b']');
        let back = parse_complete(e.as_bytes(), &ParseConfig::strict(), |c| {
            c.section_binary().map(|p| p.map(SectionPart::into_owned))
        }).unwrap();
        prop_assert_eq!(back, b);
    }

    #[test]
    fn capability_round_trip(v in capability()) {
        round_trip(&v, |c| c.capability().map(Capability::into_owned))?;
    }

    // ---- modified UTF-7 --------------------------------------------------------------------

    #[test]
    fn utf7_round_trip(s in any::<String>()) {
        let e = utf7::encode(&s);
        prop_assert!(e.bytes().all(|b| (0x20..=0x7e).contains(&b)));
        prop_assert_eq!(utf7::decode(e.as_bytes()).unwrap(), s.as_str());
        prop_assert_eq!(utf7::decode_lenient(e.as_bytes()), s.as_str());
    }

    #[test]
    fn utf7_strict_is_canonical(v in proptest::collection::vec(
        proptest::sample::select(b"AZaz09+,&- x".to_vec()), 0..16)) {
        // Whatever decodes strictly is the one encoding of its text.
        if let Ok(s) = utf7::decode(&v) {
            let again = utf7::encode(&s);
            prop_assert_eq!(again.as_bytes(), &v[..]);
        }
        let _ = utf7::decode_lenient(&v);
    }

    #[test]
    fn utf8_quoted_downgrade(v in quotable()) {
        // A peer without UTF-8 support gets 8-bit content as a literal; the content survives.
        let q = Quoted::new(v.clone()).unwrap();
        let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::Sync, false));
        q.encode(&mut e);
        let back = parse_complete(e.as_bytes(), &ParseConfig::strict(), |c| {
            c.string().map(IString::into_owned)
        }).unwrap();
        prop_assert_eq!(back.as_bytes(), &v[..]);
        prop_assert_eq!(back.is_literal(), !v.is_ascii());
    }
}

// ---- framer --------------------------------------------------------------------------------

/// One message: parts of (text, literal) and a final text. Texts use an alphabet without LF
/// and `}` so that only the intended literal headers exist; literal data is arbitrary.
fn message() -> impl Strategy<Value = Vec<u8>> {
    let text = "[a-z0-9 ()\\[\\]\"*{+~]{0,12}";
    let lit = (
        proptest::collection::vec(any::<u8>(), 0..40),
        any::<bool>(),
        any::<bool>(),
    );
    (proptest::collection::vec((text, lit), 0..3), text).prop_map(|(parts, last)| {
        let mut m = Vec::new();
        for (t, (data, non_sync, binary)) in parts {
            m.extend_from_slice(t.as_bytes());
            if binary {
                m.push(b'~');
            }
            m.extend_from_slice(
                format!("{{{}{}}}\r\n", data.len(), if non_sync { "+" } else { "" }).as_bytes(),
            );
            m.extend_from_slice(&data);
        }
        m.extend_from_slice(last.as_bytes());
        m.extend_from_slice(b"\r\n");
        m
    })
}

/// Frames `stream` delivered in `chunks`, checking every incomplete answer on the way.
fn frame_chunked(stream: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut framer = Framer::new(&ParseConfig::default());
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut prev = 0;
    let mut ends: Vec<usize> = cuts.iter().copied().filter(|&c| c < stream.len()).collect();
    ends.sort_unstable();
    ends.push(stream.len());
    for end in ends {
        buf.extend_from_slice(&stream[prev.min(end)..end]);
        prev = prev.max(end);
        loop {
            match framer.next_frame(&buf).unwrap() {
                Status::Complete(Frame { len, .. }) => {
                    out.push(buf[..len].to_vec());
                    buf.drain(..len);
                }
                Status::Incomplete(Needed::AtLeast(n)) => {
                    // The announced bytes are really still missing from this message.
                    assert!(framer.in_literal());
                    assert!(n.get() <= stream.len() - prev);
                    break;
                }
                Status::Incomplete(Needed::Unknown) => break,
            }
        }
    }
    assert!(buf.is_empty());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn framer_chunking_invariance(
        msgs in proptest::collection::vec(message(), 1..5),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let stream: Vec<u8> = msgs.concat();
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(stream.len() + 1)).collect();
        prop_assert_eq!(&frame_chunked(&stream, &[]), &msgs);
        prop_assert_eq!(&frame_chunked(&stream, &cuts), &msgs);
        let every: Vec<usize> = (1..stream.len()).collect();
        prop_assert_eq!(&frame_chunked(&stream, &every), &msgs);
    }
}

#[test]
fn framer_never_rescans_a_large_literal() {
    const SIZE: usize = 1 << 20;
    let mut stream = format!("A1 APPEND INBOX {{{SIZE}}}\r\n").into_bytes();
    let header = stream.len();
    stream.extend(std::iter::repeat_n(b'x', SIZE));
    stream.extend_from_slice(b" FLAGS\r\n");
    let mut framer = Framer::new(&ParseConfig::default());
    let mut buf = Vec::with_capacity(stream.len());
    let mut complete = None;
    for &b in &stream {
        buf.push(b);
        match framer.next_frame(&buf).unwrap() {
            Status::Complete(f) => complete = Some(f),
            Status::Incomplete(_) => {}
        }
    }
    assert_eq!(
        complete,
        Some(Frame {
            len: stream.len(),
            literals: 1
        })
    );
    // Only the lines were examined, each byte once (plus the header's digits re-read once).
    let lines = (header + 8) as u64;
    assert!(
        framer.scanned() <= lines + 16,
        "scanned {} bytes for {} bytes of lines",
        framer.scanned(),
        lines
    );
}

#[test]
fn framer_long_line_byte_by_byte_is_linear() {
    let mut line = vec![b'a'; 100_000];
    line.extend_from_slice(b"\r\n");
    let mut framer = Framer::new(&ParseConfig::default());
    for i in 1..=line.len() {
        let status = framer.next_frame(&line[..i]).unwrap();
        assert_eq!(status.is_incomplete(), i < line.len());
    }
    assert_eq!(framer.scanned(), line.len() as u64);
}

#[test]
fn framer_continuation_once_per_sync_literal() {
    let stream = b"A1 LOGIN {3}\r\nabc {3+}\r\ndef {3}\r\nghi\r\n";
    let mut framer = Framer::new(&ParseConfig::default());
    let mut conts = Vec::new();
    for i in 1..=stream.len() {
        let _ = framer.next_frame(&stream[..i]).unwrap();
        if let Some(h) = framer.take_continuation() {
            conts.push((i, h.size, h.mode));
        }
    }
    assert_eq!(
        conts,
        [(14, 3, LiteralMode::Sync), (33, 3, LiteralMode::Sync)]
    );
}
