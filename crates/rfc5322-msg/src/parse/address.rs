//! Address lists (RFC 5322 §3.4 and the obsolete forms of §4.4), lenient.
//!
//! Tolerances, beyond the obsolete syntax (`obs-phrase` with dots, routes, CFWS around the dots
//! of local parts and domains, empty list members): encoded words anywhere in a display name,
//! inside quoted strings too, even when their text holds specials such as `,`; a bare
//! `addr-spec` preceded by words (`John Doe john@example.org` gives the name `John Doe`); a
//! missing `>` or `;`; stray `;`, `>` and other specials, which are skipped; addresses without
//! a domain (`root`). 8-bit and UTF-8 text is accepted everywhere (RFC 6532 §3.2).

use std::borrow::Cow;

use super::encoded_word::Scanner;
use super::lexer::{Cursor, Phrase, TextBuf, is_atext};
use crate::types::{Address, Group, Mailbox};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// An atom (or an encoded word) at `src[start..end]`.
    Atom(usize, usize),
    /// A quoted string spanning `src[start..end]` (quotes included).
    Quoted(usize, usize),
    /// A `.`.
    Dot(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    End,
    Angle,
    Colon,
    At,
    Comma,
    Semicolon,
}

struct Parser<'a> {
    c: Cursor<'a>,
    ew: Scanner<'a>,
    toks: Vec<Tok>,
    last_comment: Option<(usize, usize)>,
}

/// Parses an address list (RFC 5322 §3.4 `address-list`, `obs-addr-list` of §4.4): the value of
/// `From`, `To`, `Cc`, `Bcc`, `Reply-To`, `Sender` and their `Resent-` forms.
///
/// Never fails: what cannot be read is skipped.
///
/// ```
/// use rfc5322_msg::parse::parse_address_list;
///
/// let list = parse_address_list(b" A Group:Ed Jones <c@a.test>,joe@where.test;, \"Q.\" <q@x>");
/// assert_eq!(list.len(), 2);
/// let group = list[0].as_group().unwrap();
/// assert_eq!(group.name(), "A Group");
/// assert_eq!(group.members()[0].name(), Some("Ed Jones"));
/// assert_eq!(group.members()[1].address(), "joe@where.test");
/// assert_eq!(list[1].mailboxes()[0].name(), Some("Q."));
/// ```
pub fn parse_address_list(value: &[u8]) -> Vec<Address<'_>> {
    let mut p = Parser {
        c: Cursor::new(value),
        ew: Scanner::new(value),
        toks: Vec::new(),
        last_comment: None,
    };
    let mut out = Vec::new();
    loop {
        p.skip_separators();
        if p.c.at_end() {
            break;
        }
        let before = p.c.pos;
        match p.item(false) {
            Item::Address(a) => out.push(a),
            Item::Nothing => {}
        }
        if p.c.pos == before {
            // Nothing consumed: skip one byte so the loop always advances.
            p.c.pos += 1;
        }
    }
    out
}

/// Parses a `path` (RFC 5322 §3.6.7, the `Return-Path` value): the address inside the angle
/// brackets, `""` for the null path `<>`, or `None` when there is no address at all.
pub fn parse_path(value: &[u8]) -> Option<Cow<'_, str>> {
    let list = parse_address_list(value);
    match list.into_iter().next()? {
        Address::Mailbox(m) => Some(m.address),
        Address::Group(g) => g.members.into_iter().next().map(|m| m.address),
    }
}

enum Item<'a> {
    Address(Address<'a>),
    Nothing,
}

impl<'a> Parser<'a> {
    fn src(&self) -> &'a [u8] {
        self.c.s
    }

    fn skip_separators(&mut self) {
        loop {
            self.c.skip_cfws();
            match self.c.peek() {
                Some(b',' | b';' | b'>' | b')' | b'\\' | b']') => self.c.pos += 1,
                _ => return,
            }
        }
    }

    /// Reads words up to a delimiter into `self.toks`.
    fn words(&mut self) -> Stop {
        self.toks.clear();
        self.last_comment = None;
        loop {
            if let Some(r) = self.c.skip_cfws() {
                self.last_comment = Some(r);
            }
            let Some(b) = self.c.peek() else {
                return Stop::End;
            };
            let start = self.c.pos;
            match b {
                b'<' => return Stop::Angle,
                b':' => return Stop::Colon,
                b'@' => return Stop::At,
                b',' => return Stop::Comma,
                b';' => return Stop::Semicolon,
                b'"' => {
                    self.c.quoted_string();
                    self.toks.push(Tok::Quoted(start, self.c.pos));
                }
                b'.' => {
                    self.c.pos += 1;
                    self.toks.push(Tok::Dot(start));
                }
                b'[' => {
                    self.c.domain_literal();
                    self.toks.push(Tok::Atom(start, self.c.pos));
                }
                b'=' if self.src().get(start + 1) == Some(&b'?') => {
                    match self.ew.parse_at(start) {
                        Some(ew) => self.c.pos = ew.end,
                        None => {
                            self.c.atom();
                        }
                    }
                    self.toks.push(Tok::Atom(start, self.c.pos));
                }
                b if is_atext(b) => {
                    self.c.atom();
                    self.toks.push(Tok::Atom(start, self.c.pos));
                }
                _ => self.c.pos += 1,
            }
        }
    }

    fn phrase(&self, toks: &[Tok]) -> Option<Cow<'a, str>> {
        let src = self.src();
        let mut ph = Phrase::new(src);
        for t in toks {
            match *t {
                Tok::Atom(s, e) => ph.atom(s, e),
                Tok::Quoted(s, e) => {
                    let content = Cursor { s: src, pos: s }.quoted_string();
                    ph.quoted(s, e, &content);
                }
                Tok::Dot(p) => ph.dot(p),
            }
        }
        let text = ph.finish();
        let trimmed = text.trim_matches(|c: char| c == ' ' || c == '\t');
        if trimmed.is_empty() {
            return None;
        }
        Some(match text {
            Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches(|c: char| c == ' ' || c == '\t')),
            Cow::Owned(ref o) if o.len() == trimmed.len() => text,
            Cow::Owned(_) => Cow::Owned(trimmed.to_owned()),
        })
    }

    fn comment_text(&self) -> Option<Cow<'a, str>> {
        let (s, e) = self.last_comment?;
        let raw = &self.src()[s..e];
        let text = if raw.contains(&b'\\') {
            let mut v = Vec::with_capacity(raw.len());
            let mut it = raw.iter();
            while let Some(&b) = it.next() {
                if b == b'\\' {
                    if let Some(&n) = it.next() {
                        v.push(n);
                    }
                } else {
                    v.push(b);
                }
            }
            Cow::Owned(super::encoded_word::decode_text(&v).into_owned())
        } else {
            super::encoded_word::decode_text(raw)
        };
        let t = text.trim();
        if t.is_empty() {
            None
        } else if t.len() == text.len() {
            Some(text)
        } else {
            Some(Cow::Owned(t.to_owned()))
        }
    }

    fn item(&mut self, in_group: bool) -> Item<'a> {
        let stop = self.words();
        match stop {
            Stop::Angle => {
                let name = self.phrase(&self.toks);
                let mut m = self.angle_addr();
                m.name = name;
                Item::Address(Address::Mailbox(m))
            }
            Stop::Colon if !in_group => {
                let name = self.phrase(&self.toks).unwrap_or(Cow::Borrowed(""));
                self.c.pos += 1;
                let mut members = Vec::new();
                loop {
                    self.c.skip_cfws();
                    match self.c.peek() {
                        None => break,
                        Some(b';') => {
                            self.c.pos += 1;
                            break;
                        }
                        Some(b',' | b'>' | b')' | b':' | b'\\' | b']') => self.c.pos += 1,
                        Some(_) => {
                            let before = self.c.pos;
                            if let Item::Address(Address::Mailbox(m)) = self.item(true) {
                                if members.is_empty() {
                                    // Most groups have one member or none; a first push
                                    // would reserve room for four.
                                    members.reserve_exact(1);
                                }
                                members.push(m);
                            }
                            if self.c.pos == before {
                                self.c.pos += 1;
                            }
                        }
                    }
                }
                Item::Address(Address::Group(Group { name, members }))
            }
            Stop::Colon => {
                // A nested group is not allowed: skip the colon and read on.
                self.c.pos += 1;
                Item::Nothing
            }
            Stop::At => {
                // addr-spec: the local part is the trailing run of words joined by dots; words
                // before it (no dot between) are taken as a display name.
                let toks = std::mem::take(&mut self.toks);
                let split = local_part_start(&toks);
                let name = self.phrase(&toks[..split]);
                self.c.pos += 1;
                let mut m = self.addr_spec(&toks[split..], true);
                m.name = name;
                self.toks = toks;
                self.last_comment = self.c.skip_cfws();
                m.comment = self.comment_text();
                Item::Address(Address::Mailbox(m))
            }
            Stop::End | Stop::Comma | Stop::Semicolon => {
                if self.toks.is_empty() {
                    return Item::Nothing;
                }
                let toks = std::mem::take(&mut self.toks);
                let comment = self.comment_text();
                let single_word = toks.iter().filter(|t| !matches!(t, Tok::Dot(_))).count() == 1
                    || toks.windows(2).all(|w| {
                        let end = tok_end(w[0]);
                        let start = tok_start(w[1]);
                        end == start
                    });
                let m = if single_word {
                    let mut m = self.addr_spec(&toks, false);
                    m.comment = comment;
                    m
                } else {
                    Mailbox {
                        name: self.phrase(&toks),
                        address: Cow::Borrowed(""),
                        at: None,
                        route: Vec::new(),
                        comment,
                    }
                };
                self.toks = toks;
                Item::Address(Address::Mailbox(m))
            }
        }
    }

    /// Builds a mailbox from local-part tokens and, when `has_domain`, the domain at the cursor
    /// (just past the `@`).
    fn addr_spec(&mut self, local: &[Tok], has_domain: bool) -> Mailbox<'a> {
        let src = self.src();
        let mut buf = TextBuf::new(src);
        for t in local {
            match *t {
                Tok::Atom(s, e) => buf.push_src(s, e),
                Tok::Quoted(s, _) => {
                    let content = Cursor { s: src, pos: s }.quoted_string();
                    buf.push_cow(&content);
                }
                Tok::Dot(p) => buf.push_src(p, p + 1),
            }
        }
        let local_text = buf.finish();
        let needs_quotes = !is_dot_atom(&local_text);
        let mut addr_buf = TextBuf::new(src);
        if needs_quotes && !local_text.is_empty() {
            let mut q = String::with_capacity(local_text.len() + 2);
            q.push('"');
            for ch in local_text.chars() {
                if ch == '"' || ch == '\\' {
                    q.push('\\');
                }
                q.push(ch);
            }
            q.push('"');
            addr_buf.push_bytes(q.as_bytes());
        } else {
            match &local_text {
                Cow::Borrowed(b) => addr_buf.push_cow(&Cow::Borrowed(b.as_bytes())),
                Cow::Owned(o) => addr_buf.push_bytes(o.as_bytes()),
            }
        }
        if has_domain {
            // The `@` sits just before the cursor.
            addr_buf.push_src(self.c.pos - 1, self.c.pos);
            self.domain(&mut addr_buf);
        }
        let address = addr_buf.finish();
        let at = if has_domain { find_at(&address) } else { None };
        Mailbox {
            name: None,
            address,
            at,
            route: Vec::new(),
            comment: None,
        }
    }

    /// Reads a domain (dot-atom, domain literal, or `obs-domain` with CFWS around the dots).
    fn domain(&mut self, buf: &mut TextBuf<'a>) {
        loop {
            self.c.skip_cfws();
            match self.c.peek() {
                Some(b'[') => {
                    let lit = self.c.domain_literal();
                    buf.push_cow(&lit);
                }
                Some(b) if is_atext(b) => {
                    let start = self.c.pos;
                    self.c.atom();
                    buf.push_src(start, self.c.pos);
                }
                _ => {}
            }
            let save = self.c.pos;
            self.c.skip_cfws();
            if self.c.peek() == Some(b'.') {
                buf.push_src(self.c.pos, self.c.pos + 1);
                self.c.pos += 1;
                continue;
            }
            self.c.pos = save;
            return;
        }
    }

    /// After `<`: an optional obsolete route, an addr-spec, `>`.
    fn angle_addr(&mut self) -> Mailbox<'a> {
        self.c.pos += 1;
        let mut route = Vec::new();
        self.c.skip_cfws();
        if self.c.peek() == Some(b'@') {
            // obs-route = obs-domain-list ":"
            loop {
                self.c.skip_cfws();
                match self.c.peek() {
                    Some(b'@') => {
                        self.c.pos += 1;
                        let mut b = TextBuf::new(self.src());
                        self.domain(&mut b);
                        let d = b.finish();
                        if !d.is_empty() {
                            route.push(d);
                        }
                    }
                    Some(b',') => self.c.pos += 1,
                    Some(b':') => {
                        self.c.pos += 1;
                        break;
                    }
                    _ => break,
                }
            }
        }
        let stop = self.words();
        let toks = std::mem::take(&mut self.toks);
        let mut m = if stop == Stop::At {
            self.c.pos += 1;
            self.addr_spec(&toks, true)
        } else {
            self.addr_spec(&toks, false)
        };
        self.toks = toks;
        // Skip to the closing `>` (lenient: stop at a `,` or the end when it is missing).
        loop {
            self.c.skip_cfws();
            match self.c.peek() {
                Some(b'>') => {
                    self.c.pos += 1;
                    break;
                }
                None | Some(b',') => break,
                Some(b'"') => {
                    self.c.quoted_string();
                }
                Some(_) => self.c.pos += 1,
            }
        }
        m.route = route;
        self.last_comment = self.c.skip_cfws();
        m.comment = self.comment_text();
        m
    }
}

/// Whether `s` is a `dot-atom-text` (RFC 5322 §3.2.3, with RFC 6532 UTF-8).
fn is_dot_atom(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|w| !w.is_empty() && w.bytes().all(is_atext))
}

/// Offset of the `@` after the local part of a canonical addr-spec.
fn find_at(addr: &str) -> Option<usize> {
    let b = addr.as_bytes();
    if b.first() == Some(&b'"') {
        let mut i = 1;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b'"' => return (b.get(i + 1) == Some(&b'@')).then_some(i + 1),
                _ => {}
            }
            i += 1;
        }
        None
    } else {
        memchr::memchr(b'@', b)
    }
}

fn tok_start(t: Tok) -> usize {
    match t {
        Tok::Atom(s, _) | Tok::Quoted(s, _) | Tok::Dot(s) => s,
    }
}

fn tok_end(t: Tok) -> usize {
    match t {
        Tok::Atom(_, e) | Tok::Quoted(_, e) => e,
        Tok::Dot(p) => p + 1,
    }
}

/// Index of the first token of the local part: the last word and every word joined to it by
/// dots (or written right against it).
fn local_part_start(toks: &[Tok]) -> usize {
    let mut i = toks.len();
    let mut want_word = true;
    while i > 0 {
        let t = toks[i - 1];
        let is_dot = matches!(t, Tok::Dot(_));
        if want_word {
            if is_dot {
                // "a.@b" or "..": keep the dot in the local part.
                i -= 1;
                continue;
            }
            i -= 1;
            want_word = false;
        } else if is_dot {
            i -= 1;
            want_word = true;
        } else if tok_end(t) == tok_start(toks[i]) {
            // Two words written together (`"a"b`): one local part.
            i -= 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(v: &str) -> Mailbox<'_> {
        let list = parse_address_list(v.as_bytes());
        assert_eq!(list.len(), 1, "{v}: {list:?}");
        list.into_iter().next().unwrap().mailboxes()[0].clone()
    }

    #[test]
    fn simple_forms() {
        let m = one("John Doe <jdoe@machine.example>");
        assert_eq!(m.name(), Some("John Doe"));
        assert_eq!(m.address(), "jdoe@machine.example");
        assert!(matches!(m.address, Cow::Borrowed(_)));
        assert!(matches!(m.name, Some(Cow::Borrowed(_))));
        assert_eq!(m.local_part(), "jdoe");
        assert_eq!(m.domain(), Some("machine.example"));
        let m = one("jdoe@example.org");
        assert_eq!(m.name(), None);
        assert_eq!(m.address(), "jdoe@example.org");
        let m = one("\"Giant; \\\"Big\\\" Box\" <sysservices@example.net>");
        assert_eq!(m.name(), Some("Giant; \"Big\" Box"));
    }

    #[test]
    fn quoted_local_parts() {
        let m = one("\"john doe\"@example.com");
        assert_eq!(m.address(), "\"john doe\"@example.com");
        assert_eq!(m.local_part(), "john doe");
        let m = one("<\"john\"@example.com>");
        assert_eq!(m.address(), "john@example.com");
        let m = one("\"a\\\"b\"@x");
        assert_eq!(m.local_part(), "a\"b");
        assert_eq!(m.address(), "\"a\\\"b\"@x");
    }

    #[test]
    fn obsolete() {
        let list =
            parse_address_list(b"Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example");
        assert_eq!(list.len(), 2);
        let m = &list[0].mailboxes()[0];
        assert_eq!(m.address(), "mary@example.net");
        assert_eq!(m.route(), &["node.test"]);
        assert_eq!(list[1].mailboxes()[0].address(), "jdoe@test.example");
        let m = one("John Doe <jdoe@machine(comment).  example>");
        assert_eq!(m.address(), "jdoe@machine.example");
        let m = one("John . Doe @ example . com");
        assert_eq!(m.address(), "John.Doe@example.com");
        assert_eq!(m.name(), None);
        let m = one("<@a.test,@b.test:x@y.test>");
        assert_eq!(m.route(), &["a.test", "b.test"]);
    }

    #[test]
    fn domain_literal() {
        let m = one("<root@[192.168.0.1]>");
        assert_eq!(m.domain(), Some("[192.168.0.1]"));
        let m = one("root@[ IPv6:::1 ]");
        assert_eq!(m.address(), "root@[IPv6:::1]");
    }

    #[test]
    fn encoded_names() {
        let m = one("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>");
        assert_eq!(m.name(), Some("Keld Jørn Simonsen"));
        let m = one("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>");
        assert_eq!(m.name(), Some("André Pirard"));
        let m = one("\"=?utf-8?Q?J=C3=B6rg?= Doe\" <j@x>");
        assert_eq!(m.name(), Some("Jörg Doe"));
        let m = one("=?utf-8?Q?Doe,_John?= <j@x>");
        assert_eq!(m.name(), Some("Doe, John"));
        let m = one("=?utf-8?B?w6k=?= =?utf-8?B?w6k=?= <j@x>");
        assert_eq!(m.name(), Some("éé"));
    }

    #[test]
    fn comments() {
        let m = one("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>");
        assert_eq!(m.name(), Some("Pete"));
        assert_eq!(m.address(), "pete@silly.test");
        let m = one("jdoe@example.org (John Doe)");
        assert_eq!(m.comment(), Some("John Doe"));
        assert_eq!(m.name(), None);
    }

    #[test]
    fn lenient() {
        let m = one("John Doe john@example.com");
        assert_eq!(m.name(), Some("John Doe"));
        assert_eq!(m.address(), "john@example.com");
        let m = one("Joe <joe@example.com");
        assert_eq!(m.address(), "joe@example.com");
        let m = one("root");
        assert_eq!(m.address(), "root");
        assert_eq!(m.domain(), None);
        let list = parse_address_list(b"a@b.c;; <d@e.f> ,");
        assert_eq!(list.len(), 2);
        assert_eq!(parse_path(b"<>").as_deref(), Some(""));
        assert_eq!(
            parse_path(b" <bounce@x.test> ").as_deref(),
            Some("bounce@x.test")
        );
        assert_eq!(
            one("Jörg <jörg@bücher.example>").address(),
            "jörg@bücher.example"
        );
    }
}
