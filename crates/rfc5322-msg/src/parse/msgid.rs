//! Message identifiers (RFC 5322 §3.6.4 `msg-id`, obsolete forms of §4.5.4): `Message-ID`,
//! `In-Reply-To`, `References`, `Resent-Message-ID`, `Content-ID` (RFC 2045 §7).
//!
//! Tolerances: CFWS inside the brackets (obsolete syntax) is removed; phrases between
//! identifiers (`obs-in-reply-to`) are skipped; commas between identifiers are accepted; an
//! identifier without angle brackets is accepted when it contains an `@`; an unclosed `<` runs to
//! the end of the value.

use std::borrow::Cow;

use super::lexer::{Cursor, TextBuf, is_fws};

/// Parses every message identifier in `value`, without the angle brackets.
///
/// ```
/// use rfc5322_msg::parse::parse_msg_ids;
///
/// let ids = parse_msg_ids(b" <1234@local.machine.example>\r\n <3456@example.net>");
/// assert_eq!(ids, ["1234@local.machine.example", "3456@example.net"]);
/// let ids = parse_msg_ids(b"<1234   @   local(blah)  .machine .example>");
/// assert_eq!(ids, ["1234@local.machine.example"]);
/// ```
pub fn parse_msg_ids(value: &[u8]) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    let mut c = Cursor::new(value);
    loop {
        c.skip_cfws();
        match c.peek() {
            None => break,
            Some(b'<') => {
                c.pos += 1;
                let id = bracketed(&mut c);
                if !id.is_empty() {
                    out.push(id);
                }
            }
            Some(b'"') => {
                c.quoted_string();
            }
            Some(_) => {
                let start = c.pos;
                while c
                    .peek()
                    .is_some_and(|b| !is_fws(b) && !matches!(b, b'<' | b'(' | b',' | b'"'))
                {
                    c.pos += 1;
                }
                if c.pos == start {
                    c.pos += 1;
                    continue;
                }
                let word = &value[start..c.pos];
                if word.contains(&b'@') {
                    out.push(crate::types::utf8_lossy(word));
                }
            }
        }
    }
    out
}

/// Parses the first message identifier in `value` (`Message-ID`, `Content-ID`).
pub fn parse_msg_id(value: &[u8]) -> Option<Cow<'_, str>> {
    let mut c = Cursor::new(value);
    loop {
        c.skip_cfws();
        match c.peek() {
            None => return None,
            Some(b'<') => {
                c.pos += 1;
                let id = bracketed(&mut c);
                if !id.is_empty() {
                    return Some(id);
                }
            }
            Some(_) => return parse_msg_ids(&value[c.pos..]).into_iter().next(),
        }
    }
}

/// After `<`: the identifier up to `>`, CFWS removed.
fn bracketed<'a>(c: &mut Cursor<'a>) -> Cow<'a, str> {
    let s = c.s;
    let mut buf = TextBuf::new(s);
    loop {
        c.skip_cfws();
        match c.peek() {
            None => break,
            Some(b'>') => {
                c.pos += 1;
                break;
            }
            Some(b'<') => break,
            Some(b'"') => {
                let start = c.pos;
                c.quoted_string();
                buf.push_src(start, c.pos);
            }
            Some(b'[') => {
                let lit = c.domain_literal();
                buf.push_cow(&lit);
            }
            Some(_) => {
                let start = c.pos;
                while c
                    .peek()
                    .is_some_and(|b| !is_fws(b) && !matches!(b, b'>' | b'<' | b'(' | b'"' | b'['))
                {
                    c.pos += 1;
                }
                buf.push_src(start, c.pos);
            }
        }
    }
    buf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            parse_msg_id(b" <1234@local.machine.example>").as_deref(),
            Some("1234@local.machine.example")
        );
        assert!(matches!(parse_msg_id(b"<a@b>"), Some(Cow::Borrowed("a@b"))));
        assert_eq!(
            parse_msg_id(b"bare@id.example").as_deref(),
            Some("bare@id.example")
        );
        assert_eq!(parse_msg_id(b"<unclosed@x").as_deref(), Some("unclosed@x"));
        assert_eq!(parse_msg_id(b"").as_deref(), None);
        assert_eq!(parse_msg_id(b"<>").as_deref(), None);
        assert_eq!(
            parse_msg_ids(b"Your message of \"Mon\" <a@b>, <c@d> (comment)"),
            ["a@b", "c@d"]
        );
        assert_eq!(
            parse_msg_ids(b"<\"quoted x\"@[1.2.3.4]>"),
            ["\"quoted x\"@[1.2.3.4]"]
        );
    }
}
