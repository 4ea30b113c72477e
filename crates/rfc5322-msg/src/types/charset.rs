//! Character sets (RFC 2045 §5.1 `charset` parameter, RFC 2047 §2, RFC 2231 §4) decoded to UTF-8
//! through `encoding_rs`.
//!
//! Every WHATWG Encoding Standard label is recognised, plus the legacy aliases real mail uses
//! (`cp936`, `ms949`, `windows-31j`, `iso8859_1`, `latin-1`, `koi8r`, `tis620`, `x-utf8`, …) and
//! UTF-7 (RFC 2152), which `encoding_rs` does not implement. A charset that is not known at all
//! decodes as UTF-8 with U+FFFD for invalid sequences, which is also what the WHATWG
//! "replacement" encoding (labels such as `iso-2022-kr` or `hz-gb-2312`) is mapped to: mail text
//! is better read lossily than replaced by a single U+FFFD.

use std::borrow::Cow;
use std::fmt;

use encoding_rs::Encoding;

/// A character set a message declares, resolved to a decoder.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Charset(Inner);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Inner {
    Encoding(&'static Encoding),
    Utf7,
    Unknown,
}

impl fmt::Debug for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Charset({})", self.name())
    }
}

impl Default for Charset {
    /// US-ASCII, the default charset of `text/*` (RFC 2045 §5.2); decoded as windows-1252 like
    /// the WHATWG label `us-ascii`, so that stray 8-bit bytes still read as something.
    fn default() -> Self {
        Self::US_ASCII
    }
}

/// Legacy aliases not in the WHATWG list, lowercased, with the WHATWG label they stand for.
const ALIASES: &[(&str, &str)] = &[
    ("cp936", "gbk"),
    ("ms936", "gbk"),
    ("windows-936", "gbk"),
    ("euc-cn", "gbk"),
    ("x-euc-cn", "gbk"),
    ("gb2312-80", "gbk"),
    ("cp949", "euc-kr"),
    ("ms949", "euc-kr"),
    ("windows-949", "euc-kr"),
    ("uhc", "euc-kr"),
    ("ks_c_5601", "euc-kr"),
    ("ks_c_5601-1989", "euc-kr"),
    ("x-windows-949", "euc-kr"),
    ("euckr", "euc-kr"),
    ("cp932", "shift_jis"),
    ("windows-932", "shift_jis"),
    ("x-ms-cp932", "shift_jis"),
    ("shiftjis", "shift_jis"),
    ("eucjp", "euc-jp"),
    ("x-euc", "euc-jp"),
    ("cp950", "big5"),
    ("ms950", "big5"),
    ("windows-950", "big5"),
    ("big5hkscs", "big5"),
    ("x-x-big5", "big5"),
    ("tis620", "tis-620"),
    ("cp874", "windows-874"),
    ("koi8r", "koi8-r"),
    ("koi8u", "koi8-u"),
    ("x-utf8", "utf-8"),
    ("utf-8n", "utf-8"),
    ("ascii7", "us-ascii"),
    ("us_ascii", "us-ascii"),
    ("646", "us-ascii"),
    ("iso_646.irv:1991", "us-ascii"),
    ("cp367", "us-ascii"),
    ("ibm367", "us-ascii"),
    ("cp819", "iso-8859-1"),
    ("ibm819", "iso-8859-1"),
    ("mac", "macintosh"),
    ("macroman", "macintosh"),
    ("x-mac-ce", "x-mac-ce"),
];

/// Labels that mean "no information": decoded as lossy UTF-8.
const UNKNOWN: &[&str] = &[
    "unknown-8bit",
    "x-unknown",
    "unknown",
    "default",
    "charset",
    "x-user-defined-8bit",
];

impl Charset {
    /// UTF-8.
    pub const UTF_8: Charset = Charset(Inner::Encoding(encoding_rs::UTF_8));
    /// US-ASCII, read as windows-1252 (the WHATWG mapping of the label `us-ascii`).
    pub const US_ASCII: Charset = Charset(Inner::Encoding(encoding_rs::WINDOWS_1252));
    /// UTF-7 (RFC 2152).
    pub const UTF_7: Charset = Charset(Inner::Utf7);
    /// A charset this crate does not know: decoded as UTF-8, invalid sequences replaced.
    pub const UNKNOWN: Charset = Charset(Inner::Unknown);

    /// Resolves a charset label (case-insensitive, surrounding spaces and quotes ignored).
    ///
    /// Never fails: a label nobody knows gives [`Charset::UNKNOWN`].
    pub fn from_label(label: &[u8]) -> Charset {
        let label = trim_label(label);
        if label.is_empty() || label.len() > 64 {
            return Charset::UNKNOWN;
        }
        if let Some(c) = Self::lookup(label) {
            return c;
        }
        let mut lower = [0u8; 64];
        let lower = &mut lower[..label.len()];
        lower.copy_from_slice(label);
        lower.make_ascii_lowercase();
        let Ok(lower) = std::str::from_utf8(lower) else {
            return Charset::UNKNOWN;
        };
        if UNKNOWN.contains(&lower) {
            return Charset::UNKNOWN;
        }
        if matches!(
            lower,
            "utf-7" | "utf7" | "unicode-1-1-utf-7" | "csunicode11utf7" | "x-utf-7"
        ) {
            return Charset::UTF_7;
        }
        if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == lower) {
            if let Some(c) = Self::lookup(to.as_bytes()) {
                return c;
            }
        }
        // `iso_8859_1`, `iso 8859-15`, `latin-1`, `windows_1251`, `cp-1252`: drop the separators
        // and try again, then try the `iso-8859-N` and `windows-125N` spellings.
        let mut compact = [0u8; 64];
        let mut n = 0;
        for &b in lower.as_bytes() {
            if !matches!(b, b'-' | b'_' | b' ' | b'.' | b':') {
                compact[n] = b;
                n += 1;
            }
        }
        let compact = &compact[..n];
        if let Some(c) = Self::lookup(compact) {
            return c;
        }
        if let Some(rest) = compact.strip_prefix(b"iso8859") {
            let mut l = *b"iso-8859-00";
            return match rest.len() {
                1 => {
                    l[9] = rest[0];
                    Self::lookup(&l[..10])
                }
                2 => {
                    l[9..11].copy_from_slice(rest);
                    Self::lookup(&l)
                }
                _ => None,
            }
            .unwrap_or(Charset::UNKNOWN);
        }
        for prefix in [&b"windows"[..], b"win", b"cp", b"ms"] {
            if let Some(rest) = compact.strip_prefix(prefix) {
                if rest.len() == 4 && rest.iter().all(u8::is_ascii_digit) {
                    let mut l = *b"windows-0000";
                    l[8..].copy_from_slice(rest);
                    return Self::lookup(&l).unwrap_or(Charset::UNKNOWN);
                }
            }
        }
        if let Some(&[digit]) = compact.strip_prefix(b"latin") {
            return Self::lookup(&[b'l', digit]).unwrap_or(Charset::UNKNOWN);
        }
        Charset::UNKNOWN
    }

    fn lookup(label: &[u8]) -> Option<Charset> {
        let e = Encoding::for_label(label)?;
        if e == encoding_rs::REPLACEMENT {
            return Some(Charset::UNKNOWN);
        }
        Some(Charset(Inner::Encoding(e)))
    }

    /// The canonical name: the `encoding_rs` (WHATWG) name, `UTF-7`, or `unknown`.
    pub fn name(&self) -> &'static str {
        match self.0 {
            Inner::Encoding(e) => e.name(),
            Inner::Utf7 => "UTF-7",
            Inner::Unknown => "unknown",
        }
    }

    /// The `encoding_rs` encoding, when there is one.
    pub fn encoding(&self) -> Option<&'static Encoding> {
        match self.0 {
            Inner::Encoding(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the label was recognised.
    pub fn is_known(&self) -> bool {
        !matches!(self.0, Inner::Unknown)
    }

    /// Decodes `bytes` to UTF-8, replacing what cannot be decoded with U+FFFD.
    ///
    /// Borrows when no conversion is needed (UTF-8 input that is valid, or ASCII-only input in an
    /// ASCII-compatible charset). A UTF-8 byte order mark at the start is dropped.
    pub fn decode<'b>(&self, bytes: &'b [u8]) -> Cow<'b, str> {
        match self.0 {
            Inner::Encoding(e) => {
                if e == encoding_rs::UTF_8 {
                    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    return utf8_lossy(bytes);
                }
                if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                    // A BOM decides the byte order when there is one (RFC 2781 §4.3).
                    return Cow::Owned(e.decode(bytes).0.into_owned());
                }
                e.decode_without_bom_handling(bytes).0
            }
            Inner::Utf7 => decode_utf7(bytes),
            Inner::Unknown => utf8_lossy(bytes),
        }
    }
}

/// UTF-8 with invalid sequences replaced; validates with `std::str::from_utf8` first, which is
/// much faster than the lossy decoder on the (common) valid input.
pub(crate) fn utf8_lossy(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

fn trim_label(s: &[u8]) -> &[u8] {
    let junk = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'');
    let start = s.iter().position(|b| !junk(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !junk(b)).map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

/// UTF-7 (RFC 2152): `+` starts a run of modified base64 holding UTF-16 code units, ended by
/// any byte outside the base64 alphabet (a `-` ending it is absorbed); `+-` is a plus sign.
fn decode_utf7(bytes: &[u8]) -> Cow<'_, str> {
    if !bytes.contains(&b'+') && bytes.is_ascii() {
        // Only ASCII and no shift: identical to the input.
        return utf8_lossy(bytes);
    }
    let mut units: Vec<u16> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'+' {
            units.push(u16::from(b));
            i += 1;
            continue;
        }
        i += 1;
        if bytes.get(i) == Some(&b'-') {
            units.push(u16::from(b'+'));
            i += 1;
            continue;
        }
        let mut acc: u32 = 0;
        let mut bits = 0;
        while i < bytes.len() {
            let v = match bytes[i] {
                c @ b'A'..=b'Z' => c - b'A',
                c @ b'a'..=b'z' => c - b'a' + 26,
                c @ b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => break,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 16 {
                bits -= 16;
                units.push((acc >> bits) as u16);
                acc &= (1 << bits) - 1;
            }
            i += 1;
        }
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
    }
    Cow::Owned(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for (label, name) in [
            ("utf-8", "UTF-8"),
            ("UTF8", "UTF-8"),
            (" \"utf-8\" ", "UTF-8"),
            ("x-utf8", "UTF-8"),
            ("gb2312", "GBK"),
            ("cp936", "GBK"),
            ("ks_c_5601-1987", "EUC-KR"),
            ("iso-8859-8-i", "ISO-8859-8-I"),
            ("x-mac-cyrillic", "x-mac-cyrillic"),
            ("x-mac-roman", "macintosh"),
            ("latin1", "windows-1252"),
            ("latin-1", "windows-1252"),
            ("latin-2", "ISO-8859-2"),
            ("cp1252", "windows-1252"),
            ("cp-1251", "windows-1251"),
            ("win-1250", "windows-1250"),
            ("ansi_x3.4-1968", "windows-1252"),
            ("us-ascii", "windows-1252"),
            ("iso_8859_15", "ISO-8859-15"),
            ("ISO8859-2", "ISO-8859-2"),
            ("iso 8859-5", "ISO-8859-5"),
            ("koi8r", "KOI8-R"),
            ("tis620", "windows-874"),
            ("utf-7", "UTF-7"),
            ("iso-2022-kr", "unknown"),
            ("klingon", "unknown"),
            ("", "unknown"),
        ] {
            assert_eq!(
                Charset::from_label(label.as_bytes()).name(),
                name,
                "{label}"
            );
        }
    }

    #[test]
    fn decodes() {
        assert_eq!(
            Charset::from_label(b"iso-8859-1").decode(b"J\xF8rn"),
            "Jørn"
        );
        assert_eq!(
            Charset::from_label(b"koi8-r").decode(b"\xF0\xD2\xC9"),
            "При"
        );
        assert!(matches!(
            Charset::from_label(b"us-ascii").decode(b"plain"),
            Cow::Borrowed(_)
        ));
        assert_eq!(Charset::UNKNOWN.decode(b"a\xFFb"), "a\u{FFFD}b");
        assert_eq!(Charset::UTF_8.decode(b"\xEF\xBB\xBFhi"), "hi");
    }

    #[test]
    fn utf7() {
        // RFC 2152 §Examples.
        assert_eq!(decode_utf7(b"A+ImIDkQ."), "A\u{2262}\u{391}.");
        assert_eq!(decode_utf7(b"Hi Mom -+Jjo--!"), "Hi Mom -\u{263A}-!");
        assert_eq!(decode_utf7(b"+ZeVnLIqe-"), "日本語");
        assert_eq!(decode_utf7(b"1 +- 1"), "1 + 1");
    }
}
