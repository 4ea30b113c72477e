//! Property and regression tests for CRLF line framing.

use mail_sasl::line::{BareLf, Ending, LineBuffer, LineConfig, LineError, Status, parse_line};
use proptest::prelude::*;

type Event = Result<(Vec<u8>, Ending), LineError>;

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            3 => Just(b'\r'),
            3 => Just(b'\n'),
            6 => Just(b'a'),
            1 => any::<u8>(),
        ],
        0..300,
    )
}

fn policy() -> impl Strategy<Value = BareLf> {
    prop_oneof![
        Just(BareLf::Reject),
        Just(BareLf::Accept),
        Just(BareLf::Normalize)
    ]
}

fn split<'a>(bytes: &'a [u8], seeds: &[usize]) -> Vec<&'a [u8]> {
    let mut cuts: Vec<usize> = seeds.iter().map(|s| s % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut chunks = Vec::new();
    let mut last = 0;
    for c in cuts {
        chunks.push(&bytes[last..c]);
        last = c;
    }
    chunks.push(&bytes[last..]);
    chunks
}

/// The stateless parser applied repeatedly to the whole input, skipping bad lines the way
/// `LineBuffer` documents.
fn reference(config: &LineConfig, mut input: &[u8]) -> Vec<Event> {
    let mut events = Vec::new();
    loop {
        match parse_line(input, config) {
            Ok(Status::Complete(line)) => {
                events.push(Ok((line.content().to_vec(), line.ending())));
                input = &input[line.consumed()..];
            }
            Ok(Status::Incomplete(_)) => return events,
            Err(e @ LineError::BareLf { offset }) => {
                events.push(Err(e));
                input = &input[offset + 1..];
            }
            Err(e) => {
                events.push(Err(e));
                match memchr::memchr(b'\n', input) {
                    Some(lf) => input = &input[lf + 1..],
                    None => return events,
                }
            }
        }
    }
}

fn buffered(config: LineConfig, chunks: &[&[u8]]) -> Vec<Event> {
    let mut lb = LineBuffer::new(config);
    let mut events = Vec::new();
    for chunk in chunks {
        let mut rest = *chunk;
        loop {
            let n = lb.push(rest);
            rest = &rest[n..];
            assert!(lb.buffered() <= lb.capacity());
            loop {
                match lb.next_line() {
                    Ok(Some(l)) => events.push(Ok((l.content().to_vec(), l.ending()))),
                    Ok(None) => break,
                    Err(e) => events.push(Err(e)),
                }
            }
            if rest.is_empty() {
                break;
            }
        }
    }
    events
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any chunking, byte by byte included, gives the same lines and errors as the whole input.
    #[test]
    fn chunk_split_invariance(x in input(), limit in 2usize..40, bare in policy(),
                              seeds in prop::collection::vec(any::<usize>(), 0..10)) {
        let config = LineConfig::new(limit).with_bare_lf(bare);
        let want = reference(&config, &x);
        prop_assert_eq!(&buffered(config, &split(&x, &seeds)), &want);
        let bytes: Vec<&[u8]> = x.chunks(1).collect();
        prop_assert_eq!(&buffered(config, &bytes), &want);
    }

    /// Same with limits above the buffer's minimum capacity (4096) and long lines.
    #[test]
    fn chunk_split_invariance_large(lens in prop::collection::vec(0usize..9000, 1..6), limit in 4000usize..9000,
                                    seeds in prop::collection::vec(any::<usize>(), 0..10)) {
        let mut x = Vec::new();
        for (i, len) in lens.iter().enumerate() {
            x.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, *len));
            x.extend_from_slice(b"\r\n");
        }
        let config = LineConfig::new(limit);
        prop_assert_eq!(buffered(config, &split(&x, &seeds)), reference(&config, &x));
    }

    /// Lines within the limit come out exactly; longer ones are errors; with a large limit and
    /// `Accept`, concatenating lines reproduces the input.
    #[test]
    fn limit_and_reconstruction(x in input(), limit in 2usize..40) {
        let config = LineConfig::new(limit).with_bare_lf(BareLf::Accept);
        let mut rest = &x[..];
        loop {
            match parse_line(rest, &config) {
                Ok(Status::Complete(l)) => {
                    prop_assert!(l.consumed() <= limit);
                    let mut again = l.content().to_vec();
                    again.extend_from_slice(l.ending().as_bytes());
                    prop_assert_eq!(&again[..], &rest[..l.consumed()]);
                    rest = &rest[l.consumed()..];
                }
                Ok(Status::Incomplete(_)) => {
                    prop_assert!(rest.len() < limit && !rest.contains(&b'\n'));
                    break;
                }
                Err(LineError::TooLong { offset, limit: l }) => {
                    prop_assert_eq!((offset, l), (limit, limit));
                    let line_len = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
                    prop_assert!(line_len > limit || !rest.contains(&b'\n'));
                    prop_assert!(rest.len() >= limit);
                    break;
                }
                Err(e) => prop_assert!(false, "{e:?}"),
            }
        }
    }

    /// Each policy: Reject fails on bare LF, Accept and Normalize give the same content with
    /// the ending marked.
    #[test]
    fn bare_lf_policies(x in input()) {
        let big = 1 << 20;
        let reject = reference(&LineConfig::new(big), &x);
        let accept = reference(&LineConfig::new(big).with_bare_lf(BareLf::Accept), &x);
        let normalize = reference(&LineConfig::new(big).with_bare_lf(BareLf::Normalize), &x);
        prop_assert_eq!(accept.len(), normalize.len());
        prop_assert_eq!(accept.len(), reject.len());
        for ((a, n), r) in accept.iter().zip(&normalize).zip(&reject) {
            let (a, n) = (a.as_ref().unwrap(), n.as_ref().unwrap());
            prop_assert_eq!(&a.0, &n.0);
            match a.1 {
                Ending::CrLf => {
                    prop_assert_eq!(n.1, Ending::CrLf);
                    prop_assert_eq!(r.as_ref().unwrap(), a);
                }
                Ending::Lf => {
                    prop_assert_eq!(n.1, Ending::NormalizedLf);
                    let is_bare_lf = matches!(r, Err(LineError::BareLf { .. }));
                    prop_assert!(is_bare_lf);
                }
                Ending::NormalizedLf => prop_assert!(false),
            }
        }
    }
}

#[test]
fn too_long_detected_without_lf_and_skipped() {
    // 1000 octets including CRLF is SMTP's text line limit (RFC 5321 §4.5.3.1.6).
    let config = LineConfig::new(1000);
    let mut lb = LineBuffer::new(config);
    let mut line = vec![b'x'; 998];
    line.extend_from_slice(b"\r\n");
    assert_eq!(lb.push(&line), 1000);
    assert_eq!(lb.next_line().unwrap().unwrap().content().len(), 998);

    // One byte more: the error comes as soon as 1000 bytes without LF are there.
    assert_eq!(lb.push(&[b'y'; 999]), 999);
    assert_eq!(lb.next_line(), Ok(None));
    assert_eq!(lb.push(b"y"), 1);
    assert_eq!(
        lb.next_line(),
        Err(LineError::TooLong {
            offset: 1000,
            limit: 1000
        })
    );
    // The rest of the line, however long, is dropped without being buffered.
    for _ in 0..100 {
        assert_eq!(lb.push(&[b'y'; 10_000]), 10_000);
        assert_eq!(lb.buffered(), 0);
        assert_eq!(lb.next_line(), Ok(None));
    }
    assert_eq!(lb.push(b"\r\nRSET\r\n"), 8);
    assert_eq!(lb.next_line().unwrap().unwrap().content(), b"RSET");
    assert_eq!(lb.position(), 1000 + 1000 + 1_000_000 + 8);
}

#[test]
fn push_returns_what_fits() {
    let mut lb = LineBuffer::new(LineConfig::new(10));
    assert_eq!(lb.capacity(), 4096);
    let data = b"abc\r\n".repeat(1000);
    let n = lb.push(&data);
    assert_eq!(n, 4096);
    let mut count = 0;
    while lb.next_line().unwrap().is_some() {
        count += 1;
    }
    assert_eq!(count, 4096 / 5);
    assert_eq!(lb.push(&data[n..]), data.len() - n);
}

#[test]
fn incomplete_consumes_nothing() {
    let config = LineConfig::default();
    for input in [&b""[..], b"A1 NOOP", b"A1 NOOP\r"] {
        assert_eq!(parse_line(input, &config), Ok(Status::INCOMPLETE));
    }
}

#[test]
fn crlf_split_between_chunks() {
    let got = buffered(
        LineConfig::default(),
        &[b"A1 NOOP\r", b"\nA2 LOGOUT\r", b"\n"],
    );
    assert_eq!(
        got,
        [
            Ok((b"A1 NOOP".to_vec(), Ending::CrLf)),
            Ok((b"A2 LOGOUT".to_vec(), Ending::CrLf)),
        ]
    );
}
