//! Body transfer encodings (RFC 2045 §6): the cheapest valid one is chosen for each body.

use base64::Engine as _;

use crate::types::TransferEncoding;

/// Line length limit of RFC 5322 §2.1.1, CRLF excluded.
const MAX_LINE: usize = 998;

/// Turns every line break (CRLF, bare LF, bare CR) into CRLF (RFC 2046 §4.1.1: text line
/// breaks are CRLF in canonical form).
pub(crate) fn normalize_crlf(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() + b.len() / 32);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' => {
                out.extend_from_slice(b"\r\n");
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => out.extend_from_slice(b"\r\n"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether `data` may be sent unencoded: CRLF line breaks only, no NUL, lines of at most 998
/// octets, and (unless `eight_bit`) only 7-bit bytes (RFC 2045 §2.7, §2.8).
fn sendable_as_is(data: &[u8], eight_bit: bool) -> bool {
    let mut line = 0;
    for (i, &b) in data.iter().enumerate() {
        match b {
            0 => return false,
            b'\r' if data.get(i + 1) != Some(&b'\n') => return false,
            b'\n' => {
                if i == 0 || data[i - 1] != b'\r' {
                    return false;
                }
                line = 0;
                continue;
            }
            b if b >= 0x80 && !eight_bit => return false,
            _ => {}
        }
        if b != b'\r' {
            line += 1;
        }
        if line > MAX_LINE {
            return false;
        }
    }
    true
}

/// Quoted-printable (RFC 2045 §6.7): CRLF line breaks kept as hard breaks, lines of at most 76
/// characters, white space before a line break and every `=` encoded.
pub(crate) fn encode_quoted_printable(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 8);
    let mut col = 0;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == b'\r' && data.get(i + 1) == Some(&b'\n') {
            out.extend_from_slice(b"\r\n");
            col = 0;
            i += 2;
            continue;
        }
        let before_break = matches!(data.get(i + 1), None | Some(b'\r'));
        let literal =
            ((b == b' ' || b == b'\t') && !before_break) || ((33..=126).contains(&b) && b != b'=');
        let width = if literal { 1 } else { 3 };
        // Room for a soft break `=` at the end of the line.
        if col + width > 75 {
            out.extend_from_slice(b"=\r\n");
            col = 0;
        }
        if literal {
            out.push(b);
        } else {
            out.extend_from_slice(format!("={b:02X}").as_bytes());
        }
        col += width;
        i += 1;
    }
    out
}

/// Base64 (RFC 2045 §6.8) in lines of 76 characters.
pub(crate) fn encode_base64(data: &[u8]) -> Vec<u8> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(data);
    let mut out = Vec::with_capacity(encoded.len() + encoded.len() / 38 + 2);
    for (i, line) in encoded.as_bytes().chunks(76).enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(line);
    }
    out
}

/// Picks the cheapest valid transfer encoding for `data` and encodes it: 7bit when the bytes
/// may go as they are, 8bit when `eight_bit` allows it (8BITMIME, RFC 6152), else the shorter
/// of quoted-printable (only for `text`) and base64.
pub(crate) fn encode_body(
    data: &[u8],
    text: bool,
    eight_bit: bool,
) -> (TransferEncoding<'static>, Vec<u8>) {
    if sendable_as_is(data, false) {
        return (TransferEncoding::SevenBit, data.to_vec());
    }
    if eight_bit && sendable_as_is(data, true) {
        return (TransferEncoding::EightBit, data.to_vec());
    }
    let b64 = encode_base64(data);
    if text {
        let qp = encode_quoted_printable(data);
        if qp.len() <= b64.len() {
            return (TransferEncoding::QuotedPrintable, qp);
        }
    }
    (TransferEncoding::Base64, b64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{decode_base64, decode_quoted_printable};

    #[test]
    fn choices() {
        assert_eq!(
            encode_body(b"plain\r\ntext", true, false).0,
            TransferEncoding::SevenBit
        );
        assert_eq!(
            encode_body("café\r\n".as_bytes(), true, true).0,
            TransferEncoding::EightBit
        );
        assert_eq!(
            encode_body("café\r\n".as_bytes(), true, false).0,
            TransferEncoding::QuotedPrintable
        );
        assert_eq!(
            encode_body("日本語のテキスト".as_bytes(), true, false).0,
            TransferEncoding::Base64
        );
        assert_eq!(
            encode_body(b"bare\nlf", false, false).0,
            TransferEncoding::Base64
        );
        assert_eq!(
            encode_body(&[b'a'; 1000], true, false).0,
            TransferEncoding::QuotedPrintable
        );
        let mut line = vec![b'a'; 998];
        line.extend_from_slice(b"\r\n");
        assert_eq!(
            encode_body(&line, true, false).0,
            TransferEncoding::SevenBit
        );
        line.insert(0, b'a');
        assert_eq!(
            encode_body(&line, true, false).0,
            TransferEncoding::QuotedPrintable
        );
    }

    #[test]
    fn round_trips() {
        let data = "trailing space \r\n= sign\r\n\ttab\r\nnon-ascii é\r\n".as_bytes();
        let qp = encode_quoted_printable(data);
        assert!(qp.split(|b| *b == b'\n').all(|l| l.len() <= 77));
        assert_eq!(decode_quoted_printable(&qp), data);
        let bin: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_base64(&encode_base64(&bin)), bin);
        assert_eq!(normalize_crlf("a\nb\rc\r\nd"), b"a\r\nb\r\nc\r\nd");
    }
}
