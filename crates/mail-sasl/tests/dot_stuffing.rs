//! Property and regression tests for dot-stuffing (RFC 5321 §4.5.2, RFC 1939 §3).

use mail_sasl::dot::{LineEndings, Progress, StuffError, Stuffer, UnstuffError, Unstuffer};
use proptest::prelude::*;

/// Bytes with CR, LF and `.` frequent enough to build every interesting sequence.
fn data() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            3 => Just(b'\r'),
            3 => Just(b'\n'),
            3 => Just(b'.'),
            2 => Just(b'a'),
            1 => any::<u8>(),
        ],
        0..200,
    )
}

/// Split points (sorted, deduplicated, within `len`) from arbitrary seeds.
fn split(bytes: &[u8], seeds: &[usize]) -> Vec<Vec<u8>> {
    let mut cuts: Vec<usize> = seeds.iter().map(|s| s % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut chunks = Vec::new();
    let mut last = 0;
    for c in cuts {
        chunks.push(bytes[last..c].to_vec());
        last = c;
    }
    chunks.push(bytes[last..].to_vec());
    chunks
}

fn stuff_chunks(policy: LineEndings, chunks: &[Vec<u8>]) -> Result<(Vec<u8>, bool), StuffError> {
    let mut s = Stuffer::with_line_endings(policy);
    let mut out = Vec::new();
    for c in chunks {
        s.stuff(c, &mut out)?;
    }
    let added = s.finish(&mut out)?;
    Ok((out, added))
}

/// Un-stuffs `chunks`; returns the data and the total input used up to the end, if found.
fn unstuff_chunks(
    u: &mut Unstuffer,
    chunks: &[Vec<u8>],
) -> (Vec<u8>, Result<Option<usize>, UnstuffError>) {
    let mut out = Vec::new();
    let mut offset = 0;
    for c in chunks {
        match u.unstuff(c, &mut out) {
            Ok(Progress::Continue) => offset += c.len(),
            Ok(Progress::End { consumed }) => return (out, Ok(Some(offset + consumed))),
            Err(e) => return (out, Err(e)),
        }
    }
    (out, Ok(None))
}

/// A byte-at-a-time reference for the strict receiver.
fn reference_unstuff(wire: &[u8]) -> (Vec<u8>, Option<usize>) {
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < wire.len() {
        if line_start {
            if wire[i..].starts_with(b".\r\n") {
                return (out, Some(i + 3));
            }
            if wire[i] == b'.' {
                i += 1;
                line_start = false;
                continue;
            }
        }
        // A line start is only the byte after a CRLF. (A CR right after a removed line-start
        // dot followed by LF is the terminator, handled above.)
        line_start = wire[i] == b'\n' && i > 0 && wire[i - 1] == b'\r';
        out.push(wire[i]);
        i += 1;
    }
    (out, None)
}

/// Bare CR and bare LF replaced by CRLF.
fn normalize(x: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < x.len() {
        match x[i] {
            b'\r' if x.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(b"\r\n");
                i += 2;
                continue;
            }
            b'\r' | b'\n' => out.extend_from_slice(b"\r\n"),
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn has_bare_cr_or_lf(x: &[u8]) -> bool {
    normalize(x) != x
}

/// What the receiver should get back: `x`, plus CRLF when it does not end in one.
fn expected(x: &[u8]) -> (Vec<u8>, bool) {
    if x.is_empty() || x.ends_with(b"\r\n") {
        (x.to_vec(), false)
    } else {
        let mut v = x.to_vec();
        v.extend_from_slice(b"\r\n");
        (v, true)
    }
}

/// A lenient receiver model: any LF, or any CR not followed by LF, ends a line; the data ends
/// at a line that is just `.` (with either line end).
fn lenient_end(wire: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut line_start = true;
    while i < wire.len() {
        if line_start && wire[i] == b'.' {
            let rest = &wire[i + 1..];
            if rest.starts_with(b"\r\n") {
                return Some(i + 3);
            }
            if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
                return Some(i + 2);
            }
        }
        if wire[i] == b'\r' && wire.get(i + 1) == Some(&b'\n') {
            i += 2;
            line_start = true;
        } else {
            line_start = wire[i] == b'\r' || wire[i] == b'\n';
            i += 1;
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Byte-exact round trip with arbitrary chunkings on both sides, and nothing after the
    /// terminator is consumed.
    #[test]
    fn preserve_round_trip(x in data(), s1 in prop::collection::vec(any::<usize>(), 0..8),
                           s2 in prop::collection::vec(any::<usize>(), 0..8),
                           tail in prop::collection::vec(any::<u8>(), 0..16)) {
        let (wire, added) = stuff_chunks(LineEndings::Preserve, &split(&x, &s1)).unwrap();
        let (want, want_added) = expected(&x);
        prop_assert_eq!(added, want_added);
        let mut with_tail = wire.clone();
        with_tail.extend_from_slice(&tail);
        let mut u = Unstuffer::new();
        let (got, end) = unstuff_chunks(&mut u, &split(&with_tail, &s2));
        prop_assert_eq!(got, want);
        prop_assert_eq!(end, Ok(Some(wire.len())));
    }

    /// Byte-by-byte feeding on both sides.
    #[test]
    fn preserve_round_trip_bytewise(x in data()) {
        let bytes: Vec<Vec<u8>> = x.iter().map(|b| vec![*b]).collect();
        let (wire, _) = stuff_chunks(LineEndings::Preserve, &bytes).unwrap();
        let (whole, _) = stuff_chunks(LineEndings::Preserve, std::slice::from_ref(&x)).unwrap();
        prop_assert_eq!(&wire, &whole);
        let wire_bytes: Vec<Vec<u8>> = wire.iter().map(|b| vec![*b]).collect();
        let (got, end) = unstuff_chunks(&mut Unstuffer::new(), &wire_bytes);
        prop_assert_eq!(got, expected(&x).0);
        prop_assert_eq!(end, Ok(Some(wire.len())));
    }

    /// The default policy: the receiver gets the normalized data, the wire has only CRLF line
    /// ends, and a lenient receiver finds the same end as a strict one.
    #[test]
    fn normalize_round_trip(x in data(), s1 in prop::collection::vec(any::<usize>(), 0..8),
                            s2 in prop::collection::vec(any::<usize>(), 0..8)) {
        let (wire, added) = stuff_chunks(LineEndings::Normalize, &split(&x, &s1)).unwrap();
        let (whole, _) = stuff_chunks(LineEndings::Normalize, std::slice::from_ref(&x)).unwrap();
        prop_assert_eq!(&wire, &whole);
        prop_assert!(!has_bare_cr_or_lf(&wire));
        let (want, want_added) = expected(&normalize(&x));
        prop_assert_eq!(added, want_added);
        let (got, end) = unstuff_chunks(&mut Unstuffer::new(), &split(&wire, &s2));
        prop_assert_eq!(got, want);
        prop_assert_eq!(end, Ok(Some(wire.len())));
        prop_assert_eq!(lenient_end(&wire), Some(wire.len()));
    }

    /// Reject fails exactly when the data has a bare CR or LF, and otherwise equals Preserve.
    #[test]
    fn reject_matches_preserve(x in data(), s1 in prop::collection::vec(any::<usize>(), 0..8)) {
        let r = stuff_chunks(LineEndings::Reject, &split(&x, &s1));
        if has_bare_cr_or_lf(&x) {
            prop_assert!(r.is_err());
        } else {
            prop_assert_eq!(r.unwrap(), stuff_chunks(LineEndings::Preserve, std::slice::from_ref(&x)).unwrap());
        }
    }

    /// On arbitrary wire bytes the unstuffer matches a byte-at-a-time reference, whatever the
    /// chunking.
    #[test]
    fn unstuff_matches_reference(wire in data(), s in prop::collection::vec(any::<usize>(), 0..8)) {
        let (want, want_end) = reference_unstuff(&wire);
        let (mut got, end) = unstuff_chunks(&mut Unstuffer::new(), &split(&wire, &s));
        prop_assert_eq!(end, Ok(want_end));
        if want_end.is_none() && got.len() + 1 == want.len() {
            // Input that stops after a line-start `.<CR>`: the unstuffer holds the CR back
            // until it knows whether an LF (the end of data) follows.
            prop_assert!(wire.ends_with(b".\r"));
            got.push(b'\r');
        }
        prop_assert_eq!(got, want);
    }

    /// Smuggling sequences inside the data never end it early.
    #[test]
    fn smuggling_never_ends_early(a in data(), b in data(), which in 0usize..6) {
        let seqs: [&[u8]; 6] = [b"\n.\n", b"\r.\r\n", b"\n.\r\n", b"\r\n.\n", b"\r.\r", b"\n.\r"];
        // No CRLF in a or b, so the only CRLF.CRLF is the real terminator.
        let clean = |v: &[u8]| -> Vec<u8> { v.iter().map(|&c| if c == b'\r' { b'x' } else { c }).collect() };
        // Not a `.` alone at the start either.
        let mut wire = b"x".to_vec();
        wire.extend_from_slice(&clean(&a));
        wire.extend_from_slice(seqs[which]);
        wire.extend_from_slice(&clean(&b));
        // Not a `.` alone before the terminator's CRLF.
        wire.push(b'x');
        let body_len = wire.len();
        wire.extend_from_slice(b"\r\n.\r\nNEXT");
        let (_, end) = unstuff_chunks(&mut Unstuffer::new(), std::slice::from_ref(&wire));
        prop_assert_eq!(end, Ok(Some(body_len + 5)));
        // Whatever a sender is given, the wire it produces ends where it should.
        for policy in [LineEndings::Normalize, LineEndings::Preserve] {
            let (stuffed, _) = stuff_chunks(policy, &[wire[..body_len].to_vec()]).unwrap();
            let (_, end) = unstuff_chunks(&mut Unstuffer::new(), std::slice::from_ref(&stuffed));
            prop_assert_eq!(end, Ok(Some(stuffed.len())));
        }
    }

    /// With a size limit the output is the data cut at the limit, the end is still found, and
    /// the error comes exactly when the data is larger.
    #[test]
    fn max_size(x in data(), limit in 0u64..200, s in prop::collection::vec(any::<usize>(), 0..8)) {
        let (wire, _) = stuff_chunks(LineEndings::Preserve, std::slice::from_ref(&x)).unwrap();
        let want = expected(&x).0;
        let (got, end) = unstuff_chunks(&mut Unstuffer::with_max_size(limit), &split(&wire, &s));
        let cut = want.len().min(limit as usize);
        prop_assert_eq!(&got[..], &want[..cut]);
        if want.len() as u64 > limit {
            match end {
                Err(UnstuffError::TooLarge { limit: l, size, .. }) => {
                    prop_assert_eq!(l, limit);
                    prop_assert_eq!(size, want.len() as u64);
                }
                other => prop_assert!(false, "expected TooLarge, got {:?}", other),
            }
        } else {
            prop_assert_eq!(end, Ok(Some(wire.len())));
        }
    }
}

#[test]
fn smuggling_examples() {
    // The 2023 SMTP smuggling payloads: each is data, and the real terminator is found after.
    for payload in [
        &b"\n.\nMAIL FROM:<evil@example>\r\n"[..],
        b"\r.\r\nMAIL FROM:<evil@example>\r\n",
        b"\n.\r\nMAIL FROM:<evil@example>\r\n",
        b"\r\n.\nMAIL FROM:<evil@example>\r\n",
        b"\r\n.\rMAIL FROM:<evil@example>\r\n",
    ] {
        let mut wire = b"Subject: x\r\n\r\nhello".to_vec();
        wire.extend_from_slice(payload);
        let len = wire.len();
        wire.extend_from_slice(b".\r\nQUIT\r\n");
        let mut u = Unstuffer::new();
        let mut out = Vec::new();
        assert_eq!(
            u.unstuff(&wire, &mut out),
            Ok(Progress::End { consumed: len + 3 }),
            "{payload:?}"
        );
        assert!(out.ends_with(b"MAIL FROM:<evil@example>\r\n"));
    }
    // At the very start of the data too.
    let mut u = Unstuffer::new();
    let mut out = Vec::new();
    assert_eq!(
        u.unstuff(b"\n.\r\nx\r\n.\r\n", &mut out),
        Ok(Progress::End { consumed: 10 })
    );
    assert_eq!(out, b"\n.\r\nx\r\n");
}

#[test]
fn normalized_sender_defuses_smuggling() {
    let mut s = Stuffer::new();
    let mut wire = Vec::new();
    s.stuff(b"hello\n.\nMAIL FROM:<evil@example>\r\n", &mut wire)
        .unwrap();
    s.finish(&mut wire).unwrap();
    assert_eq!(wire, b"hello\r\n..\r\nMAIL FROM:<evil@example>\r\n.\r\n");
    assert_eq!(lenient_end(&wire), Some(wire.len()));
    // Preserve would have handed a lenient receiver an early end.
    let mut s = Stuffer::with_line_endings(LineEndings::Preserve);
    let mut wire = Vec::new();
    s.stuff(b"hello\n.\nMAIL FROM:<evil@example>\r\n", &mut wire)
        .unwrap();
    s.finish(&mut wire).unwrap();
    assert_eq!(lenient_end(&wire), Some(8));
}

#[test]
fn pop3_multiline_response() {
    // RFC 1939 §3: the +OK line is read by the line framer; the rest by the unstuffer.
    let wire = b"+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n+OK next\r\n";
    let body = &wire[16..];
    let mut u = Unstuffer::new();
    let mut out = Vec::new();
    assert_eq!(
        u.unstuff(body, &mut out),
        Ok(Progress::End { consumed: 17 })
    );
    assert_eq!(out, b"1 120\r\n2 200\r\n");
    assert_eq!(&body[17..], b"+OK next\r\n");
}
