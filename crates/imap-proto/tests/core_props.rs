//! Property tests of the core: `parse(encode(x)) == x` for every core type, every prefix of an
//! encoding is incomplete (never an error, never another value), modified UTF-7 round trips and
//! canonical uniqueness, framer chunking invariance and linear scanning.

use imap_proto::encode::{Encode, EncodeOptions, Encoder, LiteralPolicy};
use imap_proto::parse::{
    Cursor, Frame, Framer, Needed, PResult, ParseConfig, Status, parse_complete, parse_with,
};
use imap_proto::types::*;
use imap_proto::utf7;
use proptest::prelude::*;

// ---- strategies (shared: tests/common/mod.rs) ---------------------------------------------

mod common;
use common::*;

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

    /// RFC 9394 §5 `partial-range`: both forms, the numbers in any order.
    #[test]
    fn partial_range_round_trip(last in any::<bool>(), a in 1..=u32::MAX, b in 1..=u32::MAX) {
        let r = if last { PartialRange::last(a, b) } else { PartialRange::first(a, b) }.unwrap();
        round_trip(&r, |c| c.partial_range())?;
        prop_assert_eq!(r.to_bytes(), r.to_string().into_bytes());
        prop_assert_eq!(PartialRange::new(r.signed().0, r.signed().1), Ok(r));
        let (lo, hi) = r.normalized();
        prop_assert!(lo <= hi);
        prop_assert_eq!(r.normalize().normalized(), (lo, hi));
        // `positions` stays inside the list and keeps the window's width when it fits.
        let total = a.max(b);
        let (p, q) = r.positions(total).unwrap();
        prop_assert!(1 <= p && p <= q && q <= total);
        prop_assert_eq!(q - p, hi - lo);
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

    /// RFC 9586's `UIDONLY` (not in the shared strategy's list): typed in any case, written
    /// in the registered spelling, and read back as itself.
    #[test]
    fn uidonly_capability_any_case(mask in any::<u8>()) {
        let name: String = "UIDONLY"
            .chars()
            .enumerate()
            .map(|(i, ch)| if mask & (1 << i) != 0 { ch.to_ascii_lowercase() } else { ch })
            .collect();
        let cap = Capability::from_atom(Atom::new(name).unwrap());
        prop_assert_eq!(&cap, &Capability::UidOnly);
        prop_assert_eq!(cap.to_string(), "UIDONLY");
        round_trip(&cap, |c| c.capability().map(Capability::into_owned))?;
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
/// and `}` so that only the intended literal headers exist; literal data is arbitrary. Each
/// message starts with `t1 x`, so that it is never a status response or continuation request
/// (whose text never announces a literal: `framer_status_text_ending_like_a_literal`).
fn message() -> impl Strategy<Value = Vec<u8>> {
    let text = "[a-z0-9 ()\\[\\]\"*{+~]{0,12}";
    let lit = (
        proptest::collection::vec(any::<u8>(), 0..40),
        any::<bool>(),
        any::<bool>(),
    );
    (proptest::collection::vec((text, lit), 0..3), text).prop_map(|(parts, last)| {
        let mut m = b"t1 x".to_vec();
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
