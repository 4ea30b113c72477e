//! Lexical tokens of structured header fields (RFC 5322 §3.2): folding white space, comments,
//! atoms, quoted strings and domain literals, with the obsolete forms of §4.1 and the 8-bit
//! characters of RFC 6532 §3.2. Shared by the address, date, message-id and MIME parsers.
//!
//! Every scanner is iterative (nested comments are counted, not recursed into) and stops at the
//! end of the input when a closing delimiter is missing.

use std::borrow::Cow;

use super::encoded_word::EncodedWordRun;

const fn table(chars: &[u8], high: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || (high && b >= 0x80);
        i += 1;
    }
    let mut j = 0;
    while j < chars.len() {
        t[chars[j] as usize] = true;
        j += 1;
    }
    t
}

/// `atext` (RFC 5322 §3.2.3) plus UTF-8 / 8-bit bytes (RFC 6532 §3.2).
static ATEXT: [bool; 256] = table(b"!#$%&'*+-/=?^_`{|}~", true);
/// MIME `token` characters (RFC 2045 §5.1): printable ASCII minus SPACE and `tspecials`; 8-bit
/// bytes are accepted too.
static TOKEN: [bool; 256] = table(b"!#$%&'*+-.^_`{|}~", true);

/// Whether `b` is `atext` or an 8-bit byte.
#[inline]
pub(crate) fn is_atext(b: u8) -> bool {
    ATEXT[b as usize]
}

/// Whether `b` is a MIME token character or an 8-bit byte.
#[inline]
pub(crate) fn is_token(b: u8) -> bool {
    TOKEN[b as usize]
}

/// Whether `b` is white space or a line-break byte (folding white space, RFC 5322 §3.2.2).
#[inline]
pub(crate) fn is_fws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A position in a field value.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    pub(crate) s: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(s: &'a [u8]) -> Self {
        Self { s, pos: 0 }
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    #[inline]
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    #[inline]
    pub(crate) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Skips folding white space; returns whether there was any.
    pub(crate) fn skip_fws(&mut self) -> bool {
        let start = self.pos;
        while self.pos < self.s.len() && is_fws(self.s[self.pos]) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Skips `CFWS` (RFC 5322 §3.2.2): white space and comments. Returns the content range of
    /// the last top-level comment skipped, if any.
    pub(crate) fn skip_cfws(&mut self) -> Option<(usize, usize)> {
        let mut last = None;
        loop {
            self.skip_fws();
            if self.peek() == Some(b'(') {
                last = Some(self.comment());
            } else {
                return last;
            }
        }
    }

    /// At `(`: skips a comment, nested comments and quoted pairs included (RFC 5322 §3.2.2), and
    /// returns the range of its content (without the outer parentheses).
    pub(crate) fn comment(&mut self) -> (usize, usize) {
        debug_assert_eq!(self.peek(), Some(b'('));
        self.pos += 1;
        let start = self.pos;
        let mut depth = 1usize;
        while self.pos < self.s.len() {
            match self.s[self.pos] {
                b'\\' => self.pos += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        let end = self.pos;
                        self.pos += 1;
                        return (start, end);
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.pos = self.s.len();
        (start, self.s.len())
    }

    /// A run of `atext` (possibly empty).
    pub(crate) fn atom(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.pos < self.s.len() && is_atext(self.s[self.pos]) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// A run of MIME token characters (possibly empty).
    pub(crate) fn token(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.pos < self.s.len() && is_token(self.s[self.pos]) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// At `"`: a quoted string (RFC 5322 §3.2.4), returned unescaped with line breaks of
    /// folding removed; borrowed when there is nothing to unescape. Unterminated strings run to
    /// the end of the input.
    pub(crate) fn quoted_string(&mut self) -> Cow<'a, [u8]> {
        debug_assert_eq!(self.peek(), Some(b'"'));
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<Vec<u8>> = None;
        while self.pos < self.s.len() {
            let b = self.s[self.pos];
            match b {
                b'"' => {
                    let end = self.pos;
                    self.pos += 1;
                    return match owned {
                        Some(v) => Cow::Owned(v),
                        None => Cow::Borrowed(&self.s[start..end]),
                    };
                }
                b'\\' | b'\r' | b'\n' => {
                    let v = owned.get_or_insert_with(|| self.s[start..self.pos].to_vec());
                    if b == b'\\' {
                        self.pos += 1;
                        if let Some(&c) = self.s.get(self.pos) {
                            v.push(c);
                        }
                    }
                }
                _ => {
                    if let Some(v) = owned.as_mut() {
                        v.push(b);
                    }
                }
            }
            self.pos += 1;
        }
        self.pos = self.s.len();
        match owned {
            Some(v) => Cow::Owned(v),
            None => Cow::Borrowed(&self.s[start..]),
        }
    }

    /// At `[`: a domain literal (RFC 5322 §3.4.1) returned with its brackets, white space
    /// removed; unterminated literals run to the end of the input.
    pub(crate) fn domain_literal(&mut self) -> Cow<'a, [u8]> {
        debug_assert_eq!(self.peek(), Some(b'['));
        let start = self.pos;
        self.pos += 1;
        let mut has_ws = false;
        while self.pos < self.s.len() {
            match self.s[self.pos] {
                b']' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => self.pos += 1,
                b if is_fws(b) => has_ws = true,
                _ => {}
            }
            self.pos += 1;
        }
        self.pos = self.pos.min(self.s.len());
        let raw = &self.s[start..self.pos];
        if has_ws {
            Cow::Owned(raw.iter().copied().filter(|b| !is_fws(*b)).collect())
        } else {
            Cow::Borrowed(raw)
        }
    }
}

/// Builds text from pieces of a source slice and decoded strings, borrowing the source as long
/// as the pieces are contiguous in it.
#[derive(Debug)]
pub(crate) struct TextBuf<'a> {
    src: &'a [u8],
    state: State,
}

#[derive(Debug)]
enum State {
    Empty,
    Borrowed(usize, usize),
    Owned(Vec<u8>),
}

impl<'a> TextBuf<'a> {
    pub(crate) fn new(src: &'a [u8]) -> Self {
        Self {
            src,
            state: State::Empty,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        match &self.state {
            State::Empty => true,
            State::Borrowed(s, e) => s == e,
            State::Owned(v) => v.is_empty(),
        }
    }

    /// Appends `src[start..end]`.
    pub(crate) fn push_src(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        match &mut self.state {
            State::Empty => self.state = State::Borrowed(start, end),
            State::Borrowed(_, e) if *e == start => *e = end,
            State::Borrowed(s, e) => {
                let mut v = Vec::with_capacity(*e - *s + end - start + 16);
                v.extend_from_slice(&self.src[*s..*e]);
                v.extend_from_slice(&self.src[start..end]);
                self.state = State::Owned(v);
            }
            State::Owned(v) => v.extend_from_slice(&self.src[start..end]),
        }
    }

    /// Appends bytes that are not in the source.
    pub(crate) fn push_bytes(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.owned().extend_from_slice(bytes);
    }

    fn owned(&mut self) -> &mut Vec<u8> {
        match self.state {
            State::Owned(_) => {}
            State::Empty => self.state = State::Owned(Vec::new()),
            State::Borrowed(s, e) => self.state = State::Owned(self.src[s..e].to_vec()),
        }
        match &mut self.state {
            State::Owned(v) => v,
            _ => unreachable!("just made owned"),
        }
    }

    /// Appends `bytes`, borrowing when they are a sub-slice of the source.
    pub(crate) fn push_cow(&mut self, bytes: &[u8]) {
        match subslice_range(self.src, bytes) {
            Some((s, e)) => self.push_src(s, e),
            None => self.push_bytes(bytes),
        }
    }

    /// The text, with invalid UTF-8 replaced by U+FFFD.
    pub(crate) fn finish(self) -> Cow<'a, str> {
        match self.state {
            State::Empty => Cow::Borrowed(""),
            State::Borrowed(s, e) => crate::types::utf8_lossy(&self.src[s..e]),
            State::Owned(v) => match String::from_utf8(v) {
                Ok(s) => Cow::Owned(s),
                Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
            },
        }
    }
}

/// The range of `part` within `whole`, when `part` is a sub-slice of it.
pub(crate) fn subslice_range(whole: &[u8], part: &[u8]) -> Option<(usize, usize)> {
    let w = whole.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    if p >= w && p + part.len() <= w + whole.len() {
        Some((p - w, p - w + part.len()))
    } else {
        None
    }
}

/// Converts bytes to text: UTF-8 (RFC 6532), invalid sequences replaced.
pub(crate) fn lossy(bytes: Cow<'_, [u8]>) -> Cow<'_, str> {
    match bytes {
        Cow::Borrowed(b) => crate::types::utf8_lossy(b),
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(s) => Cow::Owned(s),
            Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        },
    }
}

/// A `phrase` (RFC 5322 §3.2.5, `obs-phrase` of §4.1) being assembled into display text: words
/// are joined by one space where the source had white space, quoted strings are unquoted,
/// encoded words (RFC 2047 §5 (3)) decoded with the white space between adjacent ones dropped,
/// and encoded words inside quoted strings (a common client mistake) decoded too.
pub(crate) struct Phrase<'a> {
    buf: TextBuf<'a>,
    run: EncodedWordRun,
    last_was_ew: bool,
    last_end: usize,
}

impl<'a> Phrase<'a> {
    pub(crate) fn new(src: &'a [u8]) -> Self {
        Self {
            buf: TextBuf::new(src),
            run: EncodedWordRun::default(),
            last_was_ew: false,
            last_end: usize::MAX,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty() && self.run.is_empty()
    }

    fn space(&mut self, gap_start: usize, word_start: usize) {
        if self.is_empty() || gap_start >= word_start {
            return;
        }
        self.run.flush(&mut self.buf);
        if word_start - gap_start == 1 && self.buf.src.get(gap_start) == Some(&b' ') {
            self.buf.push_src(gap_start, word_start);
        } else {
            self.buf.push_bytes(b" ");
        }
    }

    /// Adds the atom `src[start..end]` (an encoded word is decoded).
    pub(crate) fn atom(&mut self, start: usize, end: usize) {
        let src = self.buf.src;
        let word = &src[start..end];
        if word.starts_with(b"=?") {
            if let Some(ew) = super::encoded_word::parse_encoded_word(word, 0) {
                if ew.end == word.len() {
                    if !(self.last_was_ew && self.last_end <= start) {
                        self.space(self.last_end, start);
                    }
                    self.run.push(&ew, &mut self.buf);
                    self.last_was_ew = true;
                    self.last_end = end;
                    return;
                }
            }
        }
        self.space(self.last_end, start);
        self.run.flush(&mut self.buf);
        self.buf.push_src(start, end);
        self.last_was_ew = false;
        self.last_end = end;
    }

    /// Adds a quoted string that spanned `src[start..end]` with unescaped content `content`.
    pub(crate) fn quoted(&mut self, start: usize, end: usize, content: &[u8]) {
        self.space(self.last_end, start);
        self.run.flush(&mut self.buf);
        if memchr::memmem::find(content, b"=?").is_some() {
            let text = super::encoded_word::decode_text(content);
            self.buf.push_bytes(text.as_bytes());
        } else {
            self.buf.push_cow(content);
        }
        self.last_was_ew = false;
        self.last_end = end;
    }

    /// Adds a `.` of `obs-phrase` at `pos`.
    pub(crate) fn dot(&mut self, pos: usize) {
        self.space(self.last_end, pos);
        self.run.flush(&mut self.buf);
        self.buf.push_src(pos, pos + 1);
        self.last_was_ew = false;
        self.last_end = pos + 1;
    }

    pub(crate) fn finish(mut self) -> Cow<'a, str> {
        self.run.flush(&mut self.buf);
        self.buf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_nest() {
        let mut c = Cursor::new(b" (a (b) \\) c) x");
        let r = c.skip_cfws().unwrap();
        assert_eq!(&c.s[r.0..r.1], b"a (b) \\) c");
        assert_eq!(c.peek(), Some(b'x'));
        let mut c = Cursor::new(b"(unterminated (");
        c.skip_cfws();
        assert!(c.at_end());
    }

    #[test]
    fn quoted() {
        let mut c = Cursor::new(b"\"a b\" x");
        assert!(matches!(c.quoted_string(), Cow::Borrowed(b"a b")));
        let mut c = Cursor::new(b"\"Giant; \\\"Big\\\" Box\"");
        assert_eq!(&*c.quoted_string(), b"Giant; \"Big\" Box");
        let mut c = Cursor::new(b"\"a\r\n b");
        assert_eq!(&*c.quoted_string(), b"a b");
    }

    #[test]
    fn text_buf() {
        let src = b"hello world";
        let mut t = TextBuf::new(src);
        t.push_src(0, 5);
        t.push_src(5, 11);
        assert!(matches!(t.finish(), Cow::Borrowed("hello world")));
        let mut t = TextBuf::new(src);
        t.push_src(0, 5);
        t.push_src(6, 11);
        assert_eq!(t.finish(), "helloworld");
    }
}
