//! Trace fields (`Received`, RFC 5322 §3.6.7 and RFC 5321 §4.4) and mailing-list fields
//! (`List-*`, RFC 2369 §3; `List-Id`, RFC 2919 §2).

use std::borrow::Cow;

use super::address::parse_address_list;
use super::date::parse_date_time;
use super::lexer::{Cursor, is_fws};
use crate::types::{Address, ListId, Received};

/// Parses a `Received` value: `*received-token ";" date-time` (RFC 5322 §3.6.7) read with the
/// clause keywords of RFC 5321 §4.4 (`from`, `by`, `via`, `with`, `id`, `for`), in any case and
/// order; unknown words and comments are skipped, except the comment after the `from` domain
/// (`TCP-info`), which is kept.
///
/// ```
/// use rfc5322_msg::parse::parse_received;
///
/// let r = parse_received(b"from node.example by x.y.test; 21 Nov 1997 10:01:22 -0600");
/// assert_eq!(r.from(), Some("node.example"));
/// assert_eq!(r.by(), Some("x.y.test"));
/// assert_eq!(r.date().unwrap().to_rfc3339(), "1997-11-21T10:01:22-06:00");
/// ```
pub fn parse_received(value: &[u8]) -> Received<'_> {
    let mut r = Received::default();
    let (tokens, date) = match memchr::memrchr(b';', value) {
        Some(i) => (&value[..i], Some(&value[i + 1..])),
        None => (value, None),
    };
    r.date = date.and_then(parse_date_time);
    let mut c = Cursor::new(tokens);
    let mut pending: Option<u8> = None;
    let mut last_was_from = false;
    loop {
        c.skip_fws();
        match c.peek() {
            None => break,
            Some(b'(') => {
                let (s, e) = c.comment();
                if last_was_from && r.from_info.is_none() {
                    r.from_info = Some(crate::types::utf8_lossy(&tokens[s..e]));
                }
                last_was_from = false;
            }
            Some(_) => {
                let start = c.pos;
                while c.peek().is_some_and(|b| !is_fws(b) && b != b'(') {
                    c.pos += 1;
                }
                let word = &tokens[start..c.pos];
                last_was_from = false;
                if let Some(k) = pending.take() {
                    let text = crate::types::utf8_lossy(word);
                    match k {
                        b'f' => {
                            r.from = Some(text);
                            last_was_from = true;
                        }
                        b'b' => r.by = Some(text),
                        b'v' => r.via = Some(text),
                        b'w' => r.with = Some(text),
                        b'i' => r.id = Some(text),
                        _ => {
                            let t = trim_angle(text);
                            r.for_ = Some(t);
                        }
                    }
                    continue;
                }
                pending = if word.eq_ignore_ascii_case(b"from") {
                    Some(b'f')
                } else if word.eq_ignore_ascii_case(b"by") {
                    Some(b'b')
                } else if word.eq_ignore_ascii_case(b"via") {
                    Some(b'v')
                } else if word.eq_ignore_ascii_case(b"with") {
                    Some(b'w')
                } else if word.eq_ignore_ascii_case(b"id") {
                    Some(b'i')
                } else if word.eq_ignore_ascii_case(b"for") {
                    Some(b'F')
                } else {
                    None
                };
            }
        }
    }
    r
}

fn trim_angle(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_start_matches('<').trim_end_matches('>')),
        Cow::Owned(o) => Cow::Owned(o.trim_start_matches('<').trim_end_matches('>').to_owned()),
    }
}

/// Parses the URLs of a `List-Help`, `List-Unsubscribe`, `List-Subscribe`, `List-Post`,
/// `List-Owner` or `List-Archive` value (RFC 2369 §2): every `<url>`, white space inside the
/// brackets removed, comments skipped. `List-Post: NO` gives no URL.
pub fn parse_list_urls(value: &[u8]) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    let mut c = Cursor::new(value);
    loop {
        c.skip_cfws();
        match c.peek() {
            None => break,
            Some(b'<') => {
                c.pos += 1;
                let start = c.pos;
                let end = memchr::memchr(b'>', &value[start..]).map_or(value.len(), |i| start + i);
                c.pos = (end + 1).min(value.len());
                let url = &value[start..end];
                let url = if url.iter().any(|b| is_fws(*b)) {
                    Cow::Owned(
                        crate::types::utf8_lossy(url)
                            .chars()
                            .filter(|ch| !ch.is_ascii_whitespace())
                            .collect(),
                    )
                } else {
                    crate::types::utf8_lossy(url)
                };
                if !url.is_empty() {
                    out.push(url);
                }
            }
            Some(_) => c.pos += 1,
        }
    }
    out
}

/// Parses a `List-Id` value (RFC 2919 §2): `[phrase] "<" list-id ">"`.
pub fn parse_list_id(value: &[u8]) -> Option<ListId<'_>> {
    let m = match parse_address_list(value).into_iter().next()? {
        Address::Mailbox(m) => m,
        Address::Group(_) => return None,
    };
    if m.address.is_empty() {
        return None;
    }
    Some(ListId {
        name: m.name,
        id: m.address,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn received_rfc5322_a4() {
        let r = parse_received(
            b" from x.y.test\r\n   by example.net\r\n   via TCP\r\n   with ESMTP\r\n   id ABC12345\r\n   for <mary@example.net>;  21 Nov 1997 10:05:43 -0600",
        );
        assert_eq!(r.from(), Some("x.y.test"));
        assert_eq!(r.by(), Some("example.net"));
        assert_eq!(r.via(), Some("TCP"));
        assert_eq!(r.with(), Some("ESMTP"));
        assert_eq!(r.id(), Some("ABC12345"));
        assert_eq!(r.for_recipient(), Some("mary@example.net"));
        assert_eq!(r.date().unwrap().to_rfc3339(), "1997-11-21T10:05:43-06:00");
    }

    #[test]
    fn received_postfix() {
        let r = parse_received(
            b" from mail.example.org (mail.example.org [192.0.2.1])\r\n\tby mx.example.net (Postfix) with ESMTPS id 4AbCd\r\n\tfor <u@example.net>; Mon, 23 Nov 2026 13:00:00 +0000 (UTC)",
        );
        assert_eq!(r.from_info(), Some("mail.example.org [192.0.2.1]"));
        assert_eq!(r.with(), Some("ESMTPS"));
        assert_eq!(r.id(), Some("4AbCd"));
        assert!(r.date().is_some());
    }

    #[test]
    fn lists() {
        assert_eq!(
            parse_list_urls(b"<mailto:list@host.com?subject=help> (List Instructions),\r\n <http://www.host.com/list/>"),
            ["mailto:list@host.com?subject=help", "http://www.host.com/list/"]
        );
        assert!(parse_list_urls(b"NO (posting not allowed)").is_empty());
        let id = parse_list_id(b"List Header Mailing List <list-header.nisto.com>").unwrap();
        assert_eq!(id.name(), Some("List Header Mailing List"));
        assert_eq!(id.id(), "list-header.nisto.com");
    }
}
