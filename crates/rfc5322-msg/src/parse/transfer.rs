//! Content-Transfer-Encoding decoders (RFC 2045 §6), tolerant of what real mail contains, and the
//! `Q` encoding of encoded words (RFC 2047 §4.2).

const fn b64_table() -> [u8; 256] {
    let mut t = [0xFFu8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    // The URL-safe alphabet (RFC 4648 §5) shows up in the wild; it does not clash.
    t[b'-' as usize] = 62;
    t[b'_' as usize] = 63;
    t
}

static B64: [u8; 256] = b64_table();

/// Decodes base64 (RFC 2045 §6.8), appending to `out`.
///
/// Tolerant: characters outside the alphabet (line breaks, spaces, garbage) are skipped, padding
/// may be missing or wrong, and a `=` ends the current quantum so that concatenated base64
/// chunks (each padded) decode as a whole. A trailing lone sextet, which holds no full octet, is
/// dropped.
pub fn decode_base64_into(input: &[u8], out: &mut Vec<u8>) {
    // Every valid character carries 6 bits, so the output is at most 3/4 of the input.
    let start = out.len();
    out.resize(start + input.len() / 4 * 3 + 8, 0);
    let buf = &mut out[start..];
    let mut w = 0;
    let mut acc: u32 = 0;
    let mut n = 0u32;
    let mut i = 0;
    let len = input.len();
    while i < len {
        if n == 0 && i + 8 <= len {
            let mut v: u64 = 0;
            let mut bad = 0u8;
            for &c in &input[i..i + 8] {
                let d = B64[c as usize];
                bad |= d;
                v = (v << 6) | u64::from(d & 63);
            }
            if bad < 64 {
                buf[w..w + 6].copy_from_slice(&v.to_be_bytes()[2..]);
                w += 6;
                i += 8;
                continue;
            }
        }
        let byte = input[i];
        let v = B64[byte as usize];
        if v < 64 {
            acc = (acc << 6) | u32::from(v);
            n += 1;
            if n == 4 {
                buf[w..w + 3].copy_from_slice(&acc.to_be_bytes()[1..]);
                w += 3;
                acc = 0;
                n = 0;
            }
        } else if byte == b'=' {
            w += flush_b64(acc, n, &mut buf[w..]);
            acc = 0;
            n = 0;
        }
        i += 1;
    }
    w += flush_b64(acc, n, &mut buf[w..]);
    out.truncate(start + w);
}

/// Writes the whole octets of a partial quantum of `n` sextets; returns how many.
fn flush_b64(acc: u32, n: u32, buf: &mut [u8]) -> usize {
    match n {
        2 => {
            buf[0] = (acc >> 4) as u8;
            1
        }
        3 => {
            buf[0] = (acc >> 10) as u8;
            buf[1] = (acc >> 2) as u8;
            2
        }
        _ => 0,
    }
}

/// Decodes base64 (RFC 2045 §6.8) tolerantly; see [`decode_base64_into`].
pub fn decode_base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    decode_base64_into(input, &mut out);
    out
}

#[inline]
fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Decodes quoted-printable (RFC 2045 §6.7), appending to `out`.
///
/// Line breaks are kept as they are in the input (CRLF or LF). Tolerant: white space at the end
/// of a line is removed (rule 3: it was added in transport), `=` at the end of a line (after
/// that removal) is a soft line break whether the line ends in CRLF or LF, lowercase hex digits
/// are accepted, and an `=` that starts no valid escape is kept as a literal `=`.
pub fn decode_quoted_printable_into(input: &[u8], out: &mut Vec<u8>) {
    out.reserve(input.len());
    let mut pos = 0;
    while pos < input.len() {
        let (line_end, next) = match memchr::memchr(b'\n', &input[pos..]) {
            Some(i) => {
                let lf = pos + i;
                let end = if lf > pos && input[lf - 1] == b'\r' {
                    lf - 1
                } else {
                    lf
                };
                (end, lf + 1)
            }
            None => (input.len(), input.len()),
        };
        let mut end = line_end;
        while end > pos && matches!(input[end - 1], b' ' | b'\t') {
            end -= 1;
        }
        let line = &input[pos..end];
        let mut soft = false;
        let mut i = 0;
        while i < line.len() {
            match memchr::memchr(b'=', &line[i..]) {
                None => {
                    out.extend_from_slice(&line[i..]);
                    break;
                }
                Some(j) => {
                    out.extend_from_slice(&line[i..i + j]);
                    let eq = i + j;
                    if eq + 1 == line.len() {
                        soft = true;
                        break;
                    }
                    match (
                        line.get(eq + 1).copied().and_then(hex),
                        line.get(eq + 2).copied().and_then(hex),
                    ) {
                        (Some(h), Some(l)) => {
                            out.push((h << 4) | l);
                            i = eq + 3;
                        }
                        _ => {
                            out.push(b'=');
                            i = eq + 1;
                        }
                    }
                }
            }
        }
        if !soft {
            out.extend_from_slice(&input[line_end..next]);
        }
        pos = next;
    }
}

/// Decodes quoted-printable (RFC 2045 §6.7) tolerantly; see [`decode_quoted_printable_into`].
pub fn decode_quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    decode_quoted_printable_into(input, &mut out);
    out
}

/// Decodes the `Q` encoding of an encoded word (RFC 2047 §4.2): `_` is a space, `=XX` an octet;
/// an `=` that starts no valid escape is kept.
pub(crate) fn decode_q_into(input: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        match b {
            b'_' => out.push(b' '),
            b'=' => match (
                input.get(i + 1).copied().and_then(hex),
                input.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => {
                    out.push((h << 4) | l);
                    i += 2;
                }
                _ => out.push(b'='),
            },
            _ => out.push(b),
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_tolerance() {
        assert_eq!(decode_base64(b"aGVsbG8gd29ybGQ="), b"hello world");
        assert_eq!(decode_base64(b"aGVsbG8gd29ybGQ"), b"hello world");
        assert_eq!(
            decode_base64(b"aGVs\r\nbG8g\r\n d29y bGQ=\r\n"),
            b"hello world"
        );
        assert_eq!(decode_base64(b"aGk=aGk="), b"hihi");
        assert_eq!(decode_base64(b"aGk==="), b"hi");
        assert_eq!(decode_base64(b"!!aGk*"), b"hi");
        assert_eq!(decode_base64(b"a"), b"");
        assert_eq!(decode_base64(b""), b"");
    }

    #[test]
    fn qp_rfc2045() {
        assert_eq!(decode_quoted_printable(b"a=3Db=\r\nc\r\n"), b"a=bc\r\n");
        assert_eq!(decode_quoted_printable(b"soft=\nbreak\n"), b"softbreak\n");
        assert_eq!(
            decode_quoted_printable(b"trailing   \r\nx"),
            b"trailing\r\nx"
        );
        assert_eq!(decode_quoted_printable(b"bad =ZZ =4 ="), b"bad =ZZ =4 ");
        assert_eq!(decode_quoted_printable(b"lower=e9"), b"lower\xe9");
        assert_eq!(
            decode_quoted_printable(b"eq at end= \r\nnext"),
            b"eq at endnext"
        );
    }

    #[test]
    fn q() {
        let mut out = Vec::new();
        decode_q_into(b"Keith_Moore=3F=zz", &mut out);
        assert_eq!(out, b"Keith Moore?=zz");
    }
}
