//! Writing header fields: folding (RFC 5322 §2.2.3) at 78 octets where there is a place to fold
//! and never past 998 (§2.1.1), encoded words (RFC 2047), quoted strings, RFC 2231 parameters.

use base64::Engine as _;

/// Preferred line length, CRLF excluded (RFC 5322 §2.1.1).
pub(crate) const FOLD_AT: usize = 78;
/// Longest payload of one encoded word: 75 octets (RFC 2047 §2) less `=?UTF-8?Q?` and `?=`.
const EW_PAYLOAD: usize = 75 - 12;

/// Writes one header field, folding before tokens that would pass [`FOLD_AT`].
pub(crate) struct FieldWriter<'o> {
    out: &'o mut Vec<u8>,
    col: usize,
}

impl<'o> FieldWriter<'o> {
    /// Starts `name:`. The name must be a valid field name.
    pub(crate) fn new(out: &'o mut Vec<u8>, name: &str) -> Self {
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        let col = name.len() + 1;
        Self { out, col }
    }

    /// Writes `token`, preceded by one space (or a fold when the line would get too long).
    /// Tokens never contain CR or LF.
    pub(crate) fn token(&mut self, token: &str) {
        debug_assert!(!token.contains(['\r', '\n']));
        // Fold even right after the colon when the first token does not fit on the line.
        if self.col > 1 && self.col + 1 + token.len() > FOLD_AT {
            self.out.extend_from_slice(b"\r\n ");
            self.col = 1;
        } else {
            self.out.push(b' ');
            self.col += 1;
        }
        self.out.extend_from_slice(token.as_bytes());
        self.col += token.len();
    }

    /// Appends `s` to the current line without a space or a fold (a `,` or `;`).
    pub(crate) fn push(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
        self.col += s.len();
    }

    /// Ends the field.
    pub(crate) fn finish(self) {
        self.out.extend_from_slice(b"\r\n");
    }
}

fn q_safe(b: u8) -> bool {
    // RFC 2047 §5 (3): the characters allowed in a Q-encoded word wherever it appears.
    b.is_ascii_alphanumeric() || matches!(b, b'!' | b'*' | b'+' | b'/' | b'-')
}

/// Splits `text` into encoded words (UTF-8, Q or B, whichever is shorter), each at most 75
/// octets and never splitting a character.
pub(crate) fn encoded_words(text: &str) -> Vec<String> {
    let q_len: usize = text
        .bytes()
        .map(|b| if q_safe(b) || b == b' ' { 1 } else { 3 })
        .sum();
    let b_len = text.len().div_ceil(3) * 4;
    let use_q = q_len <= b_len;
    let mut words = Vec::new();
    let mut chunk = String::new();
    let mut chunk_cost = 0;
    let cost = |c: char| -> usize {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        if use_q {
            s.bytes()
                .map(|b| if q_safe(b) || b == b' ' { 1 } else { 3 })
                .sum()
        } else {
            s.len()
        }
    };
    // B: 45 input octets give 60 base64 characters.
    let limit = if use_q { EW_PAYLOAD } else { 45 };
    for c in text.chars() {
        let k = cost(c);
        if chunk_cost + k > limit && !chunk.is_empty() {
            words.push(encode_word(&chunk, use_q));
            chunk.clear();
            chunk_cost = 0;
        }
        chunk.push(c);
        chunk_cost += k;
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(encode_word(&chunk, use_q));
    }
    words
}

fn encode_word(chunk: &str, q: bool) -> String {
    let mut w = String::with_capacity(75);
    if q {
        w.push_str("=?UTF-8?Q?");
        for b in chunk.bytes() {
            if q_safe(b) {
                w.push(b as char);
            } else if b == b' ' {
                w.push('_');
            } else {
                w.push_str(&format!("={b:02X}"));
            }
        }
    } else {
        w.push_str("=?UTF-8?B?");
        w.push_str(&base64::engine::general_purpose::STANDARD.encode(chunk.as_bytes()));
    }
    w.push_str("?=");
    w
}

/// Whether unstructured `text` can be written as it is: printable (UTF-8 only with
/// `utf8`), no tab, no surrounding or doubled-up white space issues, nothing that reads as an
/// encoded word, every word short enough to fold around.
fn raw_unstructured_ok(text: &str, utf8: bool) -> bool {
    !text.is_empty()
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("=?")
        && text.chars().all(|c| {
            (c.is_ascii() && !c.is_ascii_control()) || (utf8 && !c.is_control() && !c.is_ascii())
        })
        && text.split(' ').all(|w| w.len() <= 70)
}

/// Writes an unstructured value (RFC 5322 §3.2.5): as it is when that reads back the same,
/// else as encoded words (RFC 2047 §5 (1)), which keep every character, spaces included.
pub(crate) fn write_unstructured(w: &mut FieldWriter<'_>, text: &str, utf8: bool) {
    if text.is_empty() {
        return;
    }
    if raw_unstructured_ok(text, utf8) {
        for word in text.split(' ') {
            w.token(word);
        }
    } else {
        for word in encoded_words(text) {
            w.token(&word);
        }
    }
}

/// Writes a display name (RFC 5322 §3.2.5 `phrase`): atoms, a quoted string, or encoded words
/// (RFC 2047 §5 (3)).
pub(crate) fn write_phrase(w: &mut FieldWriter<'_>, name: &str, utf8: bool) {
    let atoms = name.split(' ').all(|word| {
        !word.is_empty()
            && word
                .bytes()
                .all(|b| crate::parse::is_atext_byte(b) && (utf8 || b < 128))
    });
    let short = name.len() <= 60;
    if atoms && short && !name.contains("=?") {
        for word in name.split(' ') {
            w.token(word);
        }
        return;
    }
    let quotable = name.chars().all(|c| {
        (c.is_ascii() && !c.is_ascii_control()) || (utf8 && !c.is_control() && !c.is_ascii())
    });
    if quotable && short && !name.contains("=?") {
        let mut q = String::with_capacity(name.len() + 2);
        q.push('"');
        for c in name.chars() {
            if c == '"' || c == '\\' {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        w.token(&q);
        return;
    }
    for word in encoded_words(name) {
        w.token(&word);
    }
}

fn attr_char(b: u8) -> bool {
    // RFC 2231 §7 attribute-char: token characters except `*`, `'` and `%`.
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
        )
}

fn token_char(b: u8) -> bool {
    crate::parse::is_token_byte(b) && b < 128
}

/// Writes `; name=value` for each parameter: a token, a quoted string, or RFC 2231
/// `name*0*=utf-8''…` sections when the value is not ASCII, is long, or would read as an encoded
/// word.
pub(crate) fn write_params(w: &mut FieldWriter<'_>, params: &[(&str, &str)]) {
    for &(name, value) in params {
        w.push(";");
        if !value.is_empty() && value.len() <= 60 && value.bytes().all(token_char) {
            w.token(&format!("{name}={value}"));
            continue;
        }
        let printable = value.bytes().all(|b| (32..127).contains(&b));
        if printable && value.len() <= 60 && !value.contains("=?") {
            let mut q = format!("{name}=\"");
            for c in value.chars() {
                if c == '"' || c == '\\' {
                    q.push('\\');
                }
                q.push(c);
            }
            q.push('"');
            w.token(&q);
            continue;
        }
        // RFC 2231 §3-4: percent-encoded UTF-8, in sections that fit on a line.
        let mut sections: Vec<String> = Vec::new();
        let mut cur = String::from("utf-8''");
        let budget = FOLD_AT.saturating_sub(name.len() + 8).max(24);
        for c in value.chars() {
            let mut buf = [0u8; 4];
            let mut piece = String::new();
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                if attr_char(b) {
                    piece.push(b as char);
                } else {
                    piece.push_str(&format!("%{b:02X}"));
                }
            }
            if cur.len() + piece.len() > budget && !cur.is_empty() && cur != "utf-8''" {
                sections.push(std::mem::take(&mut cur));
            }
            cur.push_str(&piece);
        }
        sections.push(cur);
        if sections.len() == 1 {
            w.token(&format!("{name}*={}", sections[0]));
        } else {
            for (i, s) in sections.iter().enumerate() {
                if i > 0 {
                    w.push(";");
                }
                w.token(&format!("{name}*{i}*={s}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::decode_text;

    #[test]
    fn words_fit_and_decode() {
        let text = "Ünïcödé ".repeat(20);
        let words = encoded_words(&text);
        assert!(words.iter().all(|w| w.len() <= 75));
        assert_eq!(decode_text(words.join(" ").as_bytes()), text);
        let words = encoded_words("日本語のテキスト");
        assert!(words[0].starts_with("=?UTF-8?B?"));
    }

    #[test]
    fn folding() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out, "Subject");
        write_unstructured(&mut w, "word ".repeat(40).trim_end(), false);
        w.finish();
        for line in out.split(|b| *b == b'\n') {
            assert!(line.len() <= 79);
        }
        assert_eq!(decode_text(&out[8..]), "word ".repeat(40).trim_end());
    }
}
