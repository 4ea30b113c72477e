//! Modified UTF-7, the mailbox name encoding of IMAP (RFC 3501 §5.1.3, RFC 9051 §5.1.3).
//!
//! Printable US-ASCII (0x20–0x7E) except `&` represents itself; `&` is written `&-`; every
//! other character is written as UTF-16 in a modified BASE64 (`,` instead of `/`, no padding)
//! between `&` and `-`.
//!
//! - [`encode`] always produces the one canonical form.
//! - [`decode`] is strict: it rejects every form [`encode`] would not produce (printable ASCII
//!   in BASE64, an empty or unterminated shift, two adjacent shifts, non-zero padding bits,
//!   a partial UTF-16 unit, an unpaired surrogate, control or 8-bit bytes), so that a name has
//!   exactly one spelling.
//! - [`decode_lenient`] never fails: it accepts the non-canonical forms real servers produce
//!   and replaces what cannot be decoded with U+FFFD; raw UTF-8 (a server that does not encode)
//!   is passed through.
//!
//! ```
//! use imap_proto::utf7;
//!
//! // RFC 3501 §5.1.3: a name mixing English, Chinese and Japanese.
//! let name = "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}";
//! assert_eq!(utf7::encode(name), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
//! assert_eq!(utf7::decode(b"~peter/mail/&U,BTFw-/&ZeVnLIqe-").unwrap(), name);
//! assert_eq!(utf7::encode("Tom & Jerry"), "Tom &- Jerry");
//! assert!(utf7::decode(b"&AGE-").is_err()); // "a" must represent itself
//! assert_eq!(utf7::decode_lenient(b"&AGE-"), "a");
//! ```

use std::borrow::Cow;

/// Why a modified UTF-7 name does not decode strictly. Offsets count from the start of the
/// input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Utf7Error {
    /// A byte outside printable US-ASCII (a control character or an 8-bit byte).
    #[error("invalid byte at {offset}")]
    InvalidByte {
        /// Where.
        offset: usize,
    },
    /// A `&` shift without its closing `-`.
    #[error("unterminated shift at {offset}")]
    Unterminated {
        /// The offset of the `&`.
        offset: usize,
    },
    /// A byte that is not modified BASE64 inside a shift.
    #[error("invalid base64 at {offset}")]
    InvalidBase64 {
        /// Where.
        offset: usize,
    },
    /// The shift does not decode to whole UTF-16 code units with zero padding bits, or holds
    /// an unpaired surrogate.
    #[error("invalid utf-16 in shift at {offset}")]
    InvalidUtf16 {
        /// The offset of the `&`.
        offset: usize,
    },
    /// A valid but non-canonical spelling: printable ASCII in BASE64, or a shift directly after
    /// another shift.
    #[error("non-canonical shift at {offset}")]
    NonCanonical {
        /// The offset of the `&`.
        offset: usize,
    },
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

fn b64_value(b: u8) -> Option<u32> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b',' => 63,
        _ => return None,
    } as u32)
}

const fn represents_itself(c: u32) -> bool {
    c >= 0x20 && c <= 0x7e && c != b'&' as u32
}

/// Whether `name` is printable ASCII without `&`, i.e. its own modified UTF-7 encoding.
fn is_plain(name: &[u8]) -> bool {
    name.iter().all(|&b| represents_itself(u32::from(b)))
}

/// Encodes `name` in modified UTF-7 (RFC 3501 §5.1.3), the canonical form.
pub fn encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    encode_into(name, &mut out);
    out
}

/// Appends the modified UTF-7 encoding of `name` to `out`.
pub fn encode_into(name: &str, out: &mut String) {
    let mut bits: u32 = 0;
    let mut nbits: u32 = 0;
    let mut shifted = false;
    let flush = |out: &mut String, bits: &mut u32, nbits: &mut u32| {
        if *nbits > 0 {
            let v = (*bits << (6 - *nbits)) & 0x3f;
            out.push(ALPHABET[v as usize] as char);
        }
        *bits = 0;
        *nbits = 0;
        out.push('-');
    };
    for c in name.chars() {
        if represents_itself(c as u32) || c == '&' {
            if shifted {
                flush(out, &mut bits, &mut nbits);
                shifted = false;
            }
            out.push(c);
            if c == '&' {
                out.push('-');
            }
            continue;
        }
        if !shifted {
            out.push('&');
            shifted = true;
        }
        let mut units = [0u16; 2];
        for &unit in c.encode_utf16(&mut units).iter() {
            bits = (bits << 16) | u32::from(unit);
            nbits += 16;
            while nbits >= 6 {
                nbits -= 6;
                out.push(ALPHABET[((bits >> nbits) & 0x3f) as usize] as char);
            }
            bits &= (1 << nbits) - 1;
        }
    }
    if shifted {
        flush(out, &mut bits, &mut nbits);
    }
}

/// Decodes one shift's BASE64 `run` (between `&` and `-`) into UTF-16 units appended to
/// `units`. Returns `Err(offset in run)` on a bad character, `Ok(false)` if the bit count or
/// padding is wrong.
fn decode_run(run: &[u8], units: &mut Vec<u16>) -> Result<bool, usize> {
    let mut bits: u32 = 0;
    let mut nbits: u32 = 0;
    for (i, &b) in run.iter().enumerate() {
        let v = b64_value(b).ok_or(i)?;
        bits = (bits << 6) | v;
        nbits += 6;
        if nbits >= 16 {
            nbits -= 16;
            units.push((bits >> nbits) as u16);
            bits &= (1 << nbits) - 1;
        }
    }
    Ok(nbits < 6 && bits == 0)
}

/// Decodes a modified UTF-7 name strictly (see the [module documentation](self)).
///
/// Borrows when `name` is plain printable ASCII without `&`.
pub fn decode(name: &[u8]) -> Result<Cow<'_, str>, Utf7Error> {
    if is_plain(name) {
        // Printable ASCII is UTF-8.
        return Ok(Cow::Borrowed(std::str::from_utf8(name).unwrap_or_default()));
    }
    let mut out = String::with_capacity(name.len());
    let mut units = Vec::new();
    let mut i = 0;
    let mut after_shift = false;
    while i < name.len() {
        let b = name[i];
        if b != b'&' {
            if !represents_itself(u32::from(b)) {
                return Err(Utf7Error::InvalidByte { offset: i });
            }
            out.push(b as char);
            i += 1;
            after_shift = false;
            continue;
        }
        let amp = i;
        let Some(dash) = name[i + 1..].iter().position(|&c| c == b'-') else {
            return Err(Utf7Error::Unterminated { offset: amp });
        };
        let run = &name[i + 1..i + 1 + dash];
        i += dash + 2;
        if run.is_empty() {
            out.push('&');
            after_shift = false;
            continue;
        }
        if after_shift {
            return Err(Utf7Error::NonCanonical { offset: amp });
        }
        units.clear();
        match decode_run(run, &mut units) {
            Err(off) => {
                return Err(Utf7Error::InvalidBase64 {
                    offset: amp + 1 + off,
                });
            }
            Ok(false) => return Err(Utf7Error::InvalidUtf16 { offset: amp }),
            Ok(true) => {}
        }
        for c in char::decode_utf16(units.iter().copied()) {
            let c = c.map_err(|_| Utf7Error::InvalidUtf16 { offset: amp })?;
            if represents_itself(c as u32) || c == '&' {
                return Err(Utf7Error::NonCanonical { offset: amp });
            }
            out.push(c);
        }
        after_shift = true;
    }
    Ok(Cow::Owned(out))
}

/// Decodes a modified UTF-7 name, accepting non-canonical forms, and never fails.
///
/// Accepted on top of [`decode`]: printable ASCII and `&` encoded in BASE64, adjacent shifts,
/// non-zero padding bits, a shift left open at the end of the name, raw UTF-8 (passed through).
/// Unpaired surrogates, stray bytes and undecodable shifts become U+FFFD.
pub fn decode_lenient(name: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = decode(name) {
        return s;
    }
    let mut out = String::with_capacity(name.len());
    let mut units = Vec::new();
    let mut i = 0;
    while i < name.len() {
        let b = name[i];
        if b == b'&' {
            let end = name[i + 1..]
                .iter()
                .position(|&c| c == b'-')
                .map_or(name.len(), |d| i + 1 + d);
            let run = &name[i + 1..end];
            i = (end + 1).min(name.len());
            if run.is_empty() {
                out.push('&');
                continue;
            }
            units.clear();
            if decode_run(run, &mut units).is_err() {
                // Not BASE64 after all: keep the bytes as they were.
                out.push('&');
                out.push_str(&String::from_utf8_lossy(run));
                if end < name.len() {
                    out.push('-');
                }
                continue;
            }
            out.extend(char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('\u{fffd}')));
            continue;
        }
        // A run of non-'&' bytes: pass valid UTF-8 through, replace the rest.
        let end = name[i..]
            .iter()
            .position(|&c| c == b'&')
            .map_or(name.len(), |d| i + d);
        out.push_str(&String::from_utf8_lossy(&name[i..end]));
        i = end;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_examples() {
        assert_eq!(
            encode("~peter/mail/日本語/台北"),
            "~peter/mail/&ZeVnLIqe-/&U,BTFw-"
        );
        assert_eq!(decode(b"&ZeVnLIqe-").unwrap(), "日本語");
    }

    #[test]
    fn ampersand_and_plain() {
        assert_eq!(encode("&"), "&-");
        assert_eq!(decode(b"&-&-").unwrap(), "&&");
        assert!(matches!(decode(b"INBOX").unwrap(), Cow::Borrowed("INBOX")));
    }

    #[test]
    fn strict_rejections() {
        assert_eq!(decode(b"&Jjo"), Err(Utf7Error::Unterminated { offset: 0 }));
        assert_eq!(decode(b"a\x01"), Err(Utf7Error::InvalidByte { offset: 1 }));
        assert_eq!(
            decode(b"\xc3\xa9"),
            Err(Utf7Error::InvalidByte { offset: 0 })
        );
        // Two adjacent shifts: the canonical form merges them.
        assert_eq!(
            decode(b"&Jjo-&ItY-"),
            Err(Utf7Error::NonCanonical { offset: 5 })
        );
        let merged = encode("\u{263a}\u{22d6}");
        assert_eq!(decode(merged.as_bytes()).unwrap(), "\u{263a}\u{22d6}");
        // Non-zero padding bits.
        assert_eq!(decode(b"&Jjp-"), Err(Utf7Error::InvalidUtf16 { offset: 0 }));
        // An unpaired high surrogate.
        assert_eq!(decode(b"&2D0-"), Err(Utf7Error::InvalidUtf16 { offset: 0 }));
        assert_eq!(
            decode(b"&A/A-"),
            Err(Utf7Error::InvalidBase64 { offset: 2 })
        );
    }

    #[test]
    fn astral_plane() {
        let s = "mail \u{1f600}";
        let e = encode(s);
        assert_eq!(decode(e.as_bytes()).unwrap(), s);
    }

    #[test]
    fn lenient() {
        assert_eq!(decode_lenient(b"&Jjo-&ItY-"), "\u{263a}\u{22d6}");
        assert_eq!(decode_lenient(b"&Jjo"), "\u{263a}");
        assert_eq!(decode_lenient("Entwürfe".as_bytes()), "Entwürfe");
        assert_eq!(decode_lenient(b"a&*-b"), "a&*-b");
    }
}
