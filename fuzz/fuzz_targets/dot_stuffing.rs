//! Dot-stuffing: arbitrary input never panics; the stuffer and unstuffer give the same result
//! for any chunking; `unstuff(stuff(x))` is `x` (plus CRLF when `x` does not end in one) in
//! byte-exact mode and the normalized `x` by default; the unstuffer never reads past the
//! terminator.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::dot::{LineEndings, Progress, Stuffer, Unstuffer};
use mailproto_fuzz as _;

fn stuff<'a>(
    policy: LineEndings,
    chunks: impl Iterator<Item = &'a [u8]>,
) -> Option<(Vec<u8>, bool)> {
    let mut s = Stuffer::with_line_endings(policy);
    let mut out = Vec::new();
    for c in chunks {
        s.stuff(c, &mut out).ok()?;
    }
    let added = s.finish(&mut out).ok()?;
    Some((out, added))
}

/// The data, and how many input bytes were used up to the terminator, if it was found.
fn unstuff<'a>(chunks: impl Iterator<Item = &'a [u8]>) -> (Vec<u8>, Option<usize>) {
    let mut u = Unstuffer::new();
    let mut out = Vec::new();
    let mut offset = 0;
    for c in chunks {
        match u.unstuff(c, &mut out).unwrap() {
            Progress::Continue => offset += c.len(),
            Progress::End { consumed } => {
                assert!(consumed <= c.len());
                return (out, Some(offset + consumed));
            }
        }
    }
    (out, None)
}

fn normalize(x: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(x.len());
    let mut i = 0;
    while i < x.len() {
        match x[i] {
            b'\r' if x.get(i + 1) == Some(&b'\n') => {
                out.extend_from_slice(b"\r\n");
                i += 1;
            }
            b'\r' | b'\n' => out.extend_from_slice(b"\r\n"),
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn with_final_crlf(mut x: Vec<u8>) -> (Vec<u8>, bool) {
    if x.is_empty() || x.ends_with(b"\r\n") {
        (x, false)
    } else {
        x.extend_from_slice(b"\r\n");
        (x, true)
    }
}

fuzz_target!(|data: &[u8]| {
    let [a, b, input @ ..] = data else { return };
    let (c1, c2) = (1 + usize::from(*a), 1 + usize::from(*b));

    // Arbitrary wire bytes: chunking does not matter.
    let whole = unstuff(std::iter::once(input));
    assert_eq!(unstuff(input.chunks(c1)), whole);

    for policy in [
        LineEndings::Preserve,
        LineEndings::Normalize,
        LineEndings::Reject,
    ] {
        let Some((wire, added)) = stuff(policy, std::iter::once(input)) else {
            assert_eq!(policy, LineEndings::Reject);
            assert_ne!(normalize(input), input);
            continue;
        };
        assert_eq!(stuff(policy, input.chunks(c1)), Some((wire.clone(), added)));
        let expected = match policy {
            LineEndings::Normalize => normalize(input),
            _ => input.to_vec(),
        };
        let (expected, expected_added) = with_final_crlf(expected);
        assert_eq!(added, expected_added);
        // Bytes after the terminator (a pipelined command) are not consumed.
        let mut stream = wire.clone();
        stream.extend_from_slice(input);
        let (got, end) = unstuff(stream.chunks(c2));
        assert_eq!(end, Some(wire.len()));
        assert_eq!(got, expected);
    }
});
