//! MIME header values: `Content-Type` (RFC 2045 §5.1), `Content-Disposition` (RFC 2183 §2),
//! parameters (RFC 2045 §5.1, RFC 2231 §3-§4), `Content-Transfer-Encoding` (RFC 2045 §6.1).
//!
//! Tolerances for parameters: names and types in any case; white space and comments anywhere;
//! a missing `;` between parameters (the RFC 2231 §4.1 example itself omits them); unquoted
//! values containing spaces or tspecials (`name=my file.pdf`, read up to the next `;`);
//! RFC 2047 encoded words inside values (`name="=?UTF-8?B?...?="`, Outlook and others); raw
//! UTF-8 values (RFC 6532); RFC 2231 sections out of order or with gaps (joined in numeric order);
//! a parameter given both plainly and with RFC 2231 (the RFC 2231 form wins); unknown charsets
//! (lossy UTF-8). A type without subtype is read as `text/plain` for `text` and
//! `multipart/mixed` for `multipart`, anything else as invalid.

use std::borrow::Cow;

use super::encoded_word::decode_text;
use super::lexer::{Cursor, is_fws, is_token, lossy};
use crate::types::{Charset, ContentDisposition, ContentType, Parameter, TransferEncoding};

/// Lowercases ASCII, borrowing when the text already is lowercase.
pub(crate) fn lowercase(b: &[u8]) -> Cow<'_, str> {
    if b.iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(String::from_utf8_lossy(b).to_ascii_lowercase())
    } else {
        crate::types::utf8_lossy(b)
    }
}

/// Limit on parameters kept per field (a real field has a handful).
const MAX_PARAMS: usize = 256;

/// Parses a `Content-Type` value (RFC 2045 §5.1).
///
/// Returns `None` when there is no `type/subtype`; RFC 2045 §5.2 then says to assume
/// `text/plain; charset=us-ascii` ([`ContentType::text_plain`]), which
/// [`Part::content_type`](crate::types::Part::content_type) does.
///
/// ```
/// use rfc5322_msg::parse::parse_content_type;
///
/// let ct = parse_content_type(b" Text/HTML; charset=\"UTF-8\"; format=flowed").unwrap();
/// assert_eq!(ct.mime_type(), "text/html");
/// assert_eq!(ct.charset(), Some("UTF-8"));
/// assert_eq!(ct.param("FORMAT"), Some("flowed"));
/// ```
pub fn parse_content_type(value: &[u8]) -> Option<ContentType<'_>> {
    let mut c = Cursor::new(value);
    c.skip_cfws();
    let main = c.token();
    if main.is_empty() {
        return None;
    }
    c.skip_cfws();
    let sub = if c.eat(b'/') {
        c.skip_cfws();
        c.token()
    } else {
        &b""[..]
    };
    let (main, sub) = if sub.is_empty() {
        if main.eq_ignore_ascii_case(b"text") {
            (lowercase(main), Cow::Borrowed("plain"))
        } else if main.eq_ignore_ascii_case(b"multipart") {
            (lowercase(main), Cow::Borrowed("mixed"))
        } else {
            return None;
        }
    } else {
        (lowercase(main), lowercase(sub))
    };
    let params = parse_params(&mut c);
    Some(ContentType { main, sub, params })
}

/// Parses a `Content-Disposition` value (RFC 2183 §2). `None` when it is empty.
///
/// ```
/// use rfc5322_msg::parse::parse_content_disposition;
///
/// let cd = parse_content_disposition(b"attachment; filename*=utf-8''na%C3%AFve.txt").unwrap();
/// assert!(cd.is_attachment());
/// assert_eq!(cd.filename(), Some("naïve.txt"));
/// ```
pub fn parse_content_disposition(value: &[u8]) -> Option<ContentDisposition<'_>> {
    let mut c = Cursor::new(value);
    c.skip_cfws();
    let kind = c.token();
    let params = parse_params(&mut c);
    if kind.is_empty() && params.is_empty() {
        return None;
    }
    Some(ContentDisposition {
        kind: lowercase(kind),
        params,
    })
}

/// Parses a `Content-Transfer-Encoding` value (RFC 2045 §6.1), case-insensitively. An empty
/// value gives `None` (the default, 7bit, applies).
pub fn parse_transfer_encoding(value: &[u8]) -> Option<TransferEncoding<'_>> {
    let mut c = Cursor::new(value);
    c.skip_cfws();
    let start = c.pos;
    while c
        .peek()
        .is_some_and(|b| !is_fws(b) && b != b'(' && b != b';')
    {
        c.pos += 1;
    }
    let tok = &value[start..c.pos];
    if tok.is_empty() {
        return None;
    }
    let eq = |s: &[u8]| tok.eq_ignore_ascii_case(s);
    Some(if eq(b"7bit") {
        TransferEncoding::SevenBit
    } else if eq(b"8bit") {
        TransferEncoding::EightBit
    } else if eq(b"binary") {
        TransferEncoding::Binary
    } else if eq(b"quoted-printable") {
        TransferEncoding::QuotedPrintable
    } else if eq(b"base64") || eq(b"base-64") {
        TransferEncoding::Base64
    } else {
        TransferEncoding::Other(lowercase(tok))
    })
}

struct RawParam<'a> {
    name: &'a [u8],
    section: Option<u32>,
    extended: bool,
    value: Cow<'a, [u8]>,
}

/// Reads `*(";" parameter)` from the cursor and assembles RFC 2231 continuations.
pub(crate) fn parse_params<'a>(c: &mut Cursor<'a>) -> Vec<Parameter<'a>> {
    let mut raw: Vec<RawParam<'a>> = Vec::new();
    let s = c.s;
    while raw.len() < MAX_PARAMS * 4 {
        loop {
            c.skip_cfws();
            if !c.eat(b';') {
                break;
            }
        }
        if c.at_end() {
            break;
        }
        let name_start = c.pos;
        while c.peek().is_some_and(|b| is_token(b) && b != b'=') {
            c.pos += 1;
        }
        let full_name = &s[name_start..c.pos];
        if full_name.is_empty() {
            c.pos += 1;
            continue;
        }
        c.skip_cfws();
        if !c.eat(b'=') {
            continue;
        }
        c.skip_cfws();
        let value: Cow<'a, [u8]> = if c.peek() == Some(b'"') {
            c.quoted_string()
        } else {
            Cow::Borrowed(unquoted_value(c))
        };
        let (name, section, extended) = split_name(full_name);
        if name.is_empty() {
            continue;
        }
        raw.push(RawParam {
            name,
            section,
            extended,
            value,
        });
    }
    assemble(raw)
}

/// An unquoted value: a token, or (lenient) everything up to the next `;` unless the white
/// space inside it is followed by what looks like the next `name=` (a missing `;`).
fn unquoted_value<'a>(c: &mut Cursor<'a>) -> &'a [u8] {
    let s = c.s;
    let start = c.pos;
    let end = memchr::memchr(b';', &s[start..]).map_or(s.len(), |i| start + i);
    let mut cut = end;
    let mut i = start;
    while i < end {
        let b = s[i];
        if b == b'(' {
            cut = i;
            break;
        }
        if is_fws(b) {
            let mut j = i;
            while j < end && is_fws(s[j]) {
                j += 1;
            }
            if j == end || s[j] == b'(' {
                cut = i;
                break;
            }
            let mut k = j;
            while k < end && is_token(s[k]) && s[k] != b'=' {
                k += 1;
            }
            let mut m = k;
            while m < end && is_fws(s[m]) {
                m += 1;
            }
            if k > j && m < end && s[m] == b'=' {
                // `name=` after white space: the `;` before it is missing.
                cut = i;
                break;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    c.pos = cut;
    let mut e = cut;
    while e > start && is_fws(s[e - 1]) {
        e -= 1;
    }
    &s[start..e]
}

/// `title*0*` → (`title`, Some(0), true); `title*` → (`title`, None, true).
fn split_name(full: &[u8]) -> (&[u8], Option<u32>, bool) {
    let Some(star) = memchr::memchr(b'*', full) else {
        return (full, None, false);
    };
    let name = &full[..star];
    let rest = &full[star + 1..];
    if rest.is_empty() {
        return (name, None, true);
    }
    let (digits, extended) = match rest.strip_suffix(b"*") {
        Some(d) => (d, true),
        None => (rest, false),
    };
    if digits.is_empty() || digits.len() > 6 || !digits.iter().all(u8::is_ascii_digit) {
        return (full, None, false);
    }
    let n = digits
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (name, Some(n), extended)
}

fn percent_decode(v: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'%' {
            if let (Some(h), Some(l)) = (
                v.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                v.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(v[i]);
        i += 1;
    }
}

/// Splits `charset'language'rest` (RFC 2231 §4); values without the two quotes have neither.
fn split_charset(v: &[u8]) -> (Option<&[u8]>, Option<&[u8]>, &[u8]) {
    if let Some(q1) = memchr::memchr(b'\'', v) {
        if let Some(q2) = memchr::memchr(b'\'', &v[q1 + 1..]) {
            let q2 = q1 + 1 + q2;
            return (Some(&v[..q1]), Some(&v[q1 + 1..q2]), &v[q2 + 1..]);
        }
    }
    (None, None, v)
}

fn plain_value(v: Cow<'_, [u8]>) -> Cow<'_, str> {
    if memchr::memmem::find(&v, b"=?").is_some() {
        match v {
            Cow::Borrowed(b) => decode_text(b),
            Cow::Owned(o) => Cow::Owned(decode_text(&o).into_owned()),
        }
    } else {
        lossy(v)
    }
}

fn assemble(raw: Vec<RawParam<'_>>) -> Vec<Parameter<'_>> {
    let mut out: Vec<Parameter<'_>> = Vec::new();
    let simple = raw.iter().all(|p| p.section.is_none() && !p.extended);
    if simple {
        for p in raw {
            if out.len() >= MAX_PARAMS {
                break;
            }
            if out
                .iter()
                .any(|o| o.name.as_bytes().eq_ignore_ascii_case(p.name))
            {
                continue;
            }
            out.push(Parameter {
                name: lowercase(p.name),
                value: plain_value(p.value),
                language: None,
            });
        }
        return out;
    }
    let mut done = vec![false; raw.len()];
    for i in 0..raw.len() {
        if done[i] || out.len() >= MAX_PARAMS {
            continue;
        }
        let name = raw[i].name;
        let mut group: Vec<usize> = (i..raw.len())
            .filter(|&j| !done[j] && raw[j].name.eq_ignore_ascii_case(name))
            .collect();
        for &j in &group {
            done[j] = true;
        }
        // Prefer RFC 2231 forms over a plain duplicate.
        let has_2231 = group
            .iter()
            .any(|&j| raw[j].section.is_some() || raw[j].extended);
        if has_2231 {
            group.retain(|&j| raw[j].section.is_some() || raw[j].extended);
        }
        let param = if let Some(&j) = group.iter().find(|&&j| raw[j].section.is_none()) {
            let p = &raw[j];
            if p.extended {
                decode_extended(name, std::slice::from_ref(p))
            } else {
                Parameter {
                    name: lowercase(name),
                    value: plain_value(p.value.clone()),
                    language: None,
                }
            }
        } else {
            let mut sections: Vec<&RawParam<'_>> = group.iter().map(|&j| &raw[j]).collect();
            sections.sort_by_key(|p| p.section);
            sections.dedup_by_key(|p| p.section);
            let owned: Vec<RawParam<'_>> = sections
                .into_iter()
                .map(|p| RawParam {
                    name: p.name,
                    section: p.section,
                    extended: p.extended,
                    value: p.value.clone(),
                })
                .collect();
            decode_extended(name, &owned)
        };
        out.push(param);
    }
    out
}

/// Joins RFC 2231 sections (already in order) and decodes them.
fn decode_extended<'a>(name: &'a [u8], sections: &[RawParam<'a>]) -> Parameter<'a> {
    let mut bytes = Vec::new();
    let mut charset = None;
    let mut language = None;
    let mut any_extended = false;
    for (n, p) in sections.iter().enumerate() {
        if p.extended {
            any_extended = true;
            let mut v: &[u8] = &p.value;
            if n == 0 {
                let (cs, lang, rest) = split_charset(v);
                charset = cs.filter(|c| !c.is_empty()).map(Charset::from_label);
                language = lang.map(|l| crate::types::utf8_lossy(l).into_owned());
                v = rest;
            }
            percent_decode(v, &mut bytes);
        } else {
            bytes.extend_from_slice(&p.value);
        }
    }
    let value = match charset {
        Some(cs) => Cow::Owned(cs.decode(&bytes).into_owned()),
        None if !any_extended => Cow::Owned(plain_value(Cow::Borrowed(&bytes)).into_owned()),
        None => Cow::Owned(crate::types::utf8_lossy(&bytes).into_owned()),
    };
    Parameter {
        name: lowercase(name),
        value,
        language: language.map(Cow::Owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2231_examples() {
        // §3: continuations.
        let ct = parse_content_type(
            b"message/external-body; access-type=URL;\r\n URL*0=\"ftp://\";\r\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"",
        )
        .unwrap();
        assert_eq!(ct.param("access-type"), Some("URL"));
        assert_eq!(
            ct.param("url"),
            Some("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")
        );
        // §4: charset and language.
        let ct = parse_content_type(
            b"application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A",
        )
        .unwrap();
        assert_eq!(ct.param("title"), Some("This is ***fun***"));
        assert_eq!(ct.params()[0].language(), Some("en-us"));
        // §4.1: both, and (as printed in the RFC) without semicolons.
        let ct = parse_content_type(
            b"application/x-stuff\r\n title*0*=us-ascii'en'This%20is%20even%20more%20\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20\r\n title*2=\"isn't it!\"",
        )
        .unwrap();
        assert_eq!(
            ct.param("title"),
            Some("This is even more ***fun*** isn't it!")
        );
        assert_eq!(ct.params()[0].language(), Some("en"));
    }

    #[test]
    fn filenames_every_way() {
        for (v, want) in [
            (&b"attachment; filename=\"report.pdf\""[..], "report.pdf"),
            (b"attachment; filename=report.pdf", "report.pdf"),
            (b"attachment; filename=my file.pdf", "my file.pdf"),
            (b"attachment; filename=\"=?UTF-8?B?0YTQsNC50LsudHh0?=\"", "файл.txt"),
            (b"attachment; filename==?UTF-8?Q?na=C3=AFve.txt?=", "naïve.txt"),
            (b"attachment; filename*=UTF-8''%D1%84%D0%B0%D0%B9%D0%BB.txt", "файл.txt"),
            (b"attachment; filename*=iso-8859-1'de'M%FCller.txt", "Müller.txt"),
            (b"attachment;\r\n filename*0*=UTF-8''%D1%84%D0%B0;\r\n filename*1*=%D0%B9%D0%BB.txt", "файл.txt"),
            (b"attachment; filename*1=\"b.txt\"; filename*0=\"a\"", "ab.txt"),
            ("attachment; filename=\"Übersicht.pdf\"".as_bytes(), "Übersicht.pdf"),
            (b"attachment; filename=\"plain.txt\"; filename*=utf-8''better.txt", "better.txt"),
            (b"attachment; FileName = \"a;b.txt\" ; size=3", "a;b.txt"),
        ] {
            let cd = parse_content_disposition(v).unwrap();
            assert_eq!(cd.filename(), Some(want), "{}", String::from_utf8_lossy(v));
        }
    }

    #[test]
    fn types() {
        assert!(parse_content_type(b"").is_none());
        assert!(parse_content_type(b"garbage").is_none());
        assert_eq!(
            parse_content_type(b"text").unwrap().mime_type(),
            "text/plain"
        );
        let ct = parse_content_type(b"multipart/mixed; boundary=\"simple boundary\"").unwrap();
        assert_eq!(ct.boundary(), Some("simple boundary"));
        let ct =
            parse_content_type(b"multipart/alternative;\r\n\tboundary=\"----=_Part_1\"").unwrap();
        assert_eq!(ct.boundary(), Some("----=_Part_1"));
        let ct =
            parse_content_type(b"text/plain (comment); charset=us-ascii (Plain text)").unwrap();
        assert_eq!(ct.charset(), Some("us-ascii"));
        let ct = parse_content_type(b"text/plain; charset=utf-8 format=flowed").unwrap();
        assert_eq!(ct.charset(), Some("utf-8"));
        assert_eq!(ct.param("format"), Some("flowed"));
        assert!(matches!(ct.main, Cow::Borrowed(_)));
    }

    #[test]
    fn transfer_encodings() {
        assert_eq!(
            parse_transfer_encoding(b" Base64 "),
            Some(TransferEncoding::Base64)
        );
        assert_eq!(
            parse_transfer_encoding(b"Quoted-Printable (c)"),
            Some(TransferEncoding::QuotedPrintable)
        );
        assert_eq!(parse_transfer_encoding(b""), None);
        assert_eq!(
            parse_transfer_encoding(b"X-UUENCODE").unwrap().as_str(),
            "x-uuencode"
        );
    }
}
