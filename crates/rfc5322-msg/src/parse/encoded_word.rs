//! Encoded words (RFC 2047) with the language tags of RFC 2231 §5, and unstructured text
//! (RFC 5322 §3.2.5 `unstructured`) decoded for display.
//!
//! Tolerances: encoded words are recognised even where RFC 2047 §5 does not allow them (glued to
//! other text, inside quoted strings, containing specials in a phrase); the charset and the
//! encoding letter may be in any case; base64 may lack padding; an unknown charset decodes as
//! lossy UTF-8. Adjacent encoded words of the same charset are decoded together, so a multibyte
//! character split across two words (which RFC 2047 §5 forbids but clients produce) comes out
//! whole. Scanning is linear in the input even when it holds a million broken `=?`.

use std::borrow::Cow;

use super::lexer::{TextBuf, lossy};
use super::transfer::{decode_base64_into, decode_q_into};
use crate::types::Charset;

/// One encoded word found in a text: `=?charset[*language]?encoding?text?=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EncodedWord<'a> {
    /// The charset label (without the RFC 2231 language).
    pub(crate) charset: &'a [u8],
    /// The RFC 2231 §5 language tag, when present.
    pub(crate) language: Option<&'a [u8]>,
    /// `true` for `B`, `false` for `Q`.
    pub(crate) base64: bool,
    /// The encoded text.
    pub(crate) text: &'a [u8],
    /// Offset just past the closing `?=`.
    pub(crate) end: usize,
}

/// Finds "the next position at or after `x` where `pred` holds", remembering the last answer so
/// that repeated queries over one text stay linear.
struct NextCache {
    from: usize,
    found: Option<usize>,
}

impl NextCache {
    fn new() -> Self {
        Self {
            from: usize::MAX,
            found: None,
        }
    }

    fn next(&mut self, x: usize, find: impl Fn(usize) -> Option<usize>) -> Option<usize> {
        let valid = self.from <= x && self.found.is_none_or(|f| x <= f);
        if !valid {
            self.from = x;
            self.found = find(x);
        }
        self.found
    }
}

/// Scans one text for encoded words.
pub(crate) struct Scanner<'a> {
    s: &'a [u8],
    terminator: NextCache,
    space: NextCache,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(s: &'a [u8]) -> Self {
        Self {
            s,
            terminator: NextCache::new(),
            space: NextCache::new(),
        }
    }

    /// Parses an encoded word starting at `p` (where `s[p..]` starts with `=?`).
    pub(crate) fn parse_at(&mut self, p: usize) -> Option<EncodedWord<'a>> {
        let s = self.s;
        if s.get(p..p + 2) != Some(b"=?") {
            return None;
        }
        let cs_start = p + 2;
        let mut q = cs_start;
        while q < s.len() && q - cs_start <= 64 {
            let b = s[q];
            if b == b'?' {
                break;
            }
            if !(b.is_ascii_graphic()) || b == b'=' {
                return None;
            }
            q += 1;
        }
        if q == cs_start || s.get(q) != Some(&b'?') {
            return None;
        }
        let label = &s[cs_start..q];
        let (charset, language) = match memchr::memchr(b'*', label) {
            Some(i) => (&label[..i], Some(&label[i + 1..])),
            None => (label, None),
        };
        if charset.is_empty() {
            return None;
        }
        let base64 = match s.get(q + 1) {
            Some(b'B' | b'b') => true,
            Some(b'Q' | b'q') => false,
            _ => return None,
        };
        if s.get(q + 2) != Some(&b'?') {
            return None;
        }
        let text_start = q + 3;
        let term = self.terminator.next(text_start, |x| {
            memchr::memmem::find(&s[x..], b"?=").map(|i| x + i)
        })?;
        let space = self.space.next(text_start, |x| {
            memchr::memchr3(b' ', b'\t', b'\n', &s[x..]).map(|i| x + i)
        });
        if space.is_some_and(|sp| sp < term) {
            return None;
        }
        Some(EncodedWord {
            charset,
            language,
            base64,
            text: &s[text_start..term],
            end: term + 2,
        })
    }
}

/// Parses one encoded word at `p` of `s` (no caching: for isolated words).
pub(crate) fn parse_encoded_word(s: &[u8], p: usize) -> Option<EncodedWord<'_>> {
    Scanner::new(s).parse_at(p)
}

/// Decoded bytes of consecutive encoded words that share a charset, waiting to be converted.
#[derive(Debug, Default)]
pub(crate) struct EncodedWordRun {
    charset: Option<Charset>,
    bytes: Vec<u8>,
    /// The label last resolved, and what it resolved to (labels repeat word after word).
    last: Option<(Vec<u8>, Charset)>,
}

impl EncodedWordRun {
    pub(crate) fn is_empty(&self) -> bool {
        self.charset.is_none()
    }

    /// Adds the payload of `ew`; a change of charset first flushes what was pending.
    pub(crate) fn push(&mut self, ew: &EncodedWord<'_>, buf: &mut TextBuf<'_>) {
        let cs = match &self.last {
            Some((label, cs)) if label[..] == *ew.charset => *cs,
            _ => {
                let cs = Charset::from_label(ew.charset);
                self.last = Some((ew.charset.to_vec(), cs));
                cs
            }
        };
        if self.charset.is_some_and(|c| c != cs) {
            self.flush(buf);
        }
        self.charset = Some(cs);
        if ew.base64 {
            decode_base64_into(ew.text, &mut self.bytes);
        } else {
            decode_q_into(ew.text, &mut self.bytes);
        }
    }

    /// Converts the pending bytes to UTF-8 and appends them to `buf`.
    pub(crate) fn flush(&mut self, buf: &mut TextBuf<'_>) {
        if let Some(cs) = self.charset.take() {
            let text = cs.decode(&self.bytes);
            buf.push_bytes(text.as_bytes());
            self.bytes.clear();
        }
    }
}

/// Removes the line breaks of folding (RFC 5322 §2.2.3: unfolding removes every CRLF that is
/// followed by white space; bare CR and LF are removed the same way). Borrows when there are none.
pub fn unfold(value: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr2(b'\r', b'\n', value).is_none() {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .iter()
            .copied()
            .filter(|b| *b != b'\r' && *b != b'\n')
            .collect(),
    )
}

/// Decodes an `unstructured` field value (RFC 5322 §3.2.5) for display: unfolds it, decodes
/// encoded words (RFC 2047 §5 (1), §6.2) and reads 8-bit text as UTF-8 (RFC 6532), replacing
/// invalid sequences. White space between two adjacent encoded words is dropped (RFC 2047 §6.2);
/// leading and trailing white space is removed. Borrows when nothing needs decoding.
pub fn decode_text(value: &[u8]) -> Cow<'_, str> {
    match unfold(value) {
        Cow::Borrowed(b) => decode_unfolded(trim_wsp(b)),
        Cow::Owned(v) => Cow::Owned(decode_unfolded(trim_wsp(&v)).into_owned()),
    }
}

pub(crate) fn trim_wsp(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |i| i + 1);
    &s[start..end]
}

fn decode_unfolded(s: &[u8]) -> Cow<'_, str> {
    let finder = memchr::memmem::Finder::new(b"=?");
    if finder.find(s).is_none() {
        return lossy(Cow::Borrowed(s));
    }
    let mut scanner = Scanner::new(s);
    let mut buf = TextBuf::new(s);
    let mut run = EncodedWordRun::default();
    let mut i = 0;
    let mut last_ew_end = None;
    let mut search = 0;
    while let Some(off) = finder.find(&s[search..]) {
        let p = search + off;
        match scanner.parse_at(p) {
            Some(ew) => {
                let gap = &s[i..p];
                let adjacent =
                    last_ew_end == Some(i) && gap.iter().all(|b| matches!(b, b' ' | b'\t'));
                if !adjacent {
                    run.flush(&mut buf);
                    buf.push_src(i, p);
                }
                run.push(&ew, &mut buf);
                i = ew.end;
                search = ew.end;
                last_ew_end = Some(ew.end);
            }
            None => search = p + 1,
        }
    }
    run.flush(&mut buf);
    buf.push_src(i, s.len());
    buf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2047_section8_spacing() {
        for (input, want) in [
            ("(=?ISO-8859-1?Q?a?=)", "(a)"),
            ("(=?ISO-8859-1?Q?a?= b)", "(a b)"),
            ("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
            ("(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
            ("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
        ] {
            assert_eq!(decode_text(input.as_bytes()), want, "{input}");
        }
    }

    #[test]
    fn split_multibyte_and_language() {
        // "é" (C3 A9) split across two words.
        assert_eq!(decode_text(b"=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?="), "café");
        assert_eq!(decode_text(b"=?utf-8?B?w6k=?==?utf-8?B?w6k=?="), "éé");
        assert_eq!(decode_text(b"=?US-ASCII*EN?Q?Keith_Moore?="), "Keith Moore");
        assert_eq!(decode_text(b"=?utf-8*en?q?hi?= there"), "hi there");
    }

    #[test]
    fn broken_words_are_text() {
        assert_eq!(decode_text(b"=?utf-8?X?abc?="), "=?utf-8?X?abc?=");
        assert_eq!(decode_text(b"=?utf-8?Q?a b?="), "=?utf-8?Q?a b?=");
        assert_eq!(decode_text(b"a =?"), "a =?");
        assert!(matches!(decode_text(b" plain "), Cow::Borrowed("plain")));
    }

    #[test]
    fn pathological_is_linear() {
        let mut s = Vec::new();
        for _ in 0..200_000 {
            s.extend_from_slice(b"=?a?q?a=");
        }
        let start = std::time::Instant::now();
        let out = decode_text(&s);
        assert_eq!(out.len(), s.len());
        assert!(start.elapsed().as_secs() < 5);
    }
}
