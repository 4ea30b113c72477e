//! The message parser: header sections (RFC 5322 §2.2, §3.5), and the MIME entity tree
//! (RFC 2045 §3, RFC 2046 §5.1 multipart, §5.2.1 message/rfc822, RFC 6532 §3.7 message/global).
//!
//! One pass, no recursion: entities whose end is not known yet sit on an explicit stack; every
//! line that starts with `--` (found with `memmem`) is compared with the boundaries of the open
//! multiparts, innermost first. A delimiter of an outer multipart closes every entity opened
//! inside it, which is how boundaries that are never closed are survived.

use std::borrow::Cow;

use memchr::memmem;

use super::mime::{parse_content_type, parse_transfer_encoding};
use crate::types::{FieldSpan, Message, PartData, PartKind, TransferEncoding};

/// Limits of [`parse_message`]. Inputs beyond them still parse: what exceeds a limit is kept
/// as raw bytes of the enclosing entity.
///
/// No RFC sets these numbers; the defaults are far above what real mail needs and low enough
/// that hostile input stays cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct MessageConfig {
    /// Deepest nesting of multiparts and encapsulated messages; an entity at this depth is a
    /// leaf whatever its type. Default 100 (the root is at depth 0).
    pub max_depth: usize,
    /// Most entities (MIME parts, the root and encapsulated messages included); when reached,
    /// the rest of the input stays in the entity being read and
    /// [`Message::is_truncated`] is set. Default 10,000.
    pub max_parts: usize,
    /// Most header fields recorded per entity; further lines stay in the raw header bytes but
    /// are not fields. Default 10,000.
    pub max_header_fields: usize,
}

impl Default for MessageConfig {
    fn default() -> Self {
        Self {
            max_depth: 100,
            max_parts: 10_000,
            max_header_fields: 10_000,
        }
    }
}

impl MessageConfig {
    /// The defaults: see the field documentation.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Parses a message (RFC 5322 §2.1, §3.5, with MIME structure per RFC 2045/2046). Never fails:
/// any bytes give a message, malformed input degrades.
///
/// What is read, and the tolerances:
///
/// - the header section ends at the first empty line (CRLF or bare LF), or at the first line
///   that is neither a field nor a continuation (which then starts the body, as in Python's
///   email package), or at a delimiter line of an enclosing multipart; a leading mbox `From `
///   line is skipped; white space between a field name and its colon is accepted (RFC 5322
///   §4.5); 8-bit and UTF-8 text is accepted anywhere (RFC 6532);
/// - lines end in CRLF or bare LF, mixed as they come;
/// - a multipart (any subtype) needs a non-empty `boundary`; without one, or without any
///   delimiter line in its body, it is a leaf; the close delimiter may be missing (the part
///   then runs to the end of its parent); text after the boundary on a delimiter line must be
///   white space (RFC 2046 §5.1.1 transport padding);
/// - `message/rfc822` and `message/global` parts encapsulate a message, unless their
///   transfer encoding is base64 or quoted-printable (RFC 2046 §5.2.1 forbids it; such a part
///   is a leaf whose decoded body can be parsed again);
/// - in `multipart/digest` a part without `Content-Type` is `message/rfc822` (RFC 2046 §5.1.5);
/// - the limits of `config` (depth, parts, header fields).
///
/// ```
/// use rfc5322_msg::parse::{MessageConfig, parse_message};
///
/// let raw = b"Subject: hi\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b--\r\n";
/// let msg = parse_message(raw, &MessageConfig::default());
/// assert_eq!(msg.subject().as_deref(), Some("hi"));
/// let part = msg.part("1").unwrap();
/// assert_eq!(part.raw_body(), b"one");
/// assert_eq!(msg.to_bytes(), raw);
/// ```
pub fn parse_message<'a>(input: &'a [u8], config: &MessageConfig) -> Message<'a> {
    let mut b = Builder {
        s: input,
        config: *config,
        fields: Vec::new(),
        parts: Vec::new(),
        stack: Vec::new(),
        truncated: false,
        delim: memmem::Finder::new(b"\n--"),
    };
    b.run();
    Message {
        raw: Cow::Borrowed(input),
        fields: b.fields,
        parts: b.parts,
        truncated: b.truncated,
    }
}

/// An entity whose end is not known yet.
struct Open<'a> {
    part: usize,
    /// The boundary of an open multipart (not yet closed); `None` for leaves, messages and
    /// closed multiparts.
    boundary: Option<Cow<'a, [u8]>>,
    seen_delimiter: bool,
    children: u32,
    last_child: Option<usize>,
    digest: bool,
}

struct Builder<'a> {
    s: &'a [u8],
    config: MessageConfig,
    fields: Vec<FieldSpan>,
    parts: Vec<PartData>,
    stack: Vec<Open<'a>>,
    truncated: bool,
    delim: memmem::Finder<'static>,
}

/// What a delimiter line matched.
struct Delimiter {
    /// Index into the stack of the multipart.
    level: usize,
    /// Start of the line (the first `-`).
    line: usize,
    /// End of the line's text (before its line break).
    line_end: usize,
    /// Start of the next line.
    next: usize,
    close: bool,
}

impl<'a> Builder<'a> {
    fn run(&mut self) {
        let mut pos = match self.open_entity(0, None, 1, 0, false) {
            Some(p) => p,
            None => return,
        };
        let mut at_line_start = true;
        while self.stack.iter().any(|o| o.boundary.is_some()) {
            let Some(d) = self.next_delimiter(pos, at_line_start) else {
                break;
            };
            let s = self.s;
            let mut end = d.line;
            if end > 0 && s[end - 1] == b'\n' {
                end -= 1;
                if end > 0 && s[end - 1] == b'\r' {
                    end -= 1;
                }
            }
            // Close every entity opened inside the multipart, innermost first. An entity ends
            // no earlier than the entities inside it (a header that ran up to the delimiter line
            // owns the line break before it).
            let mut inner_end = end;
            while self.stack.len() > d.level + 1 {
                let Some(o) = self.stack.pop() else { break };
                inner_end = self.close(o, inner_end);
            }
            let top = &mut self.stack[d.level];
            let mp = top.part;
            if !top.seen_delimiter {
                top.seen_delimiter = true;
                let p = &mut self.parts[mp];
                p.preamble_end = end.max(p.body_start);
            }
            if d.close {
                top.boundary = None;
                self.parts[mp].epilogue_start = Some(d.line_end);
                pos = d.next;
                at_line_start = true;
                continue;
            }
            top.children += 1;
            let index = top.children;
            let digest = top.digest;
            let depth = self.parts[mp].depth + 1;
            match self.open_entity(d.next, Some(mp), index, depth, digest) {
                Some(p) => pos = p,
                None => break,
            }
            at_line_start = true;
        }
        let len = self.s.len();
        while let Some(o) = self.stack.pop() {
            self.close(o, len);
        }
    }

    /// Ends entity `o` at `end` (or later, when its header or epilogue reaches further);
    /// returns where it ended.
    fn close(&mut self, o: Open<'a>, end: usize) -> usize {
        let p = &mut self.parts[o.part];
        p.body_end = end.max(p.body_start).max(p.epilogue_start.unwrap_or(0));
        if p.kind == PartKind::Multipart {
            if !o.seen_delimiter {
                // No delimiter at all: not a multipart in any useful sense.
                p.kind = PartKind::Leaf;
                p.preamble_end = p.body_end;
            } else if p.first_child.is_none() {
                p.kind = PartKind::Leaf;
                p.preamble_end = p.body_end;
                p.epilogue_start = None;
            }
        }
        p.body_end
    }

    /// Finds the next delimiter line of an open multipart at or after `pos`.
    fn next_delimiter(&self, mut pos: usize, at_line_start: bool) -> Option<Delimiter> {
        let s = self.s;
        if at_line_start && s[pos..].starts_with(b"--") {
            if let Some(d) = self.match_line(pos) {
                return Some(d);
            }
            pos += 2;
        }
        while pos < s.len() {
            let i = self.delim.find(&s[pos..])?;
            let line = pos + i + 1;
            if let Some(d) = self.match_line(line) {
                return Some(d);
            }
            pos = line + 2;
        }
        None
    }

    /// Whether the line at `line` (starting with `--`) is a delimiter of an open multipart.
    fn match_line(&self, line: usize) -> Option<Delimiter> {
        let s = self.s;
        let (content_end, next) = match memchr::memchr(b'\n', &s[line..]) {
            Some(i) => (line + i, line + i + 1),
            None => (s.len(), s.len()),
        };
        let content = &s[line + 2..content_end];
        let line_end = if content_end > line + 2 && s[content_end - 1] == b'\r' {
            content_end - 1
        } else {
            content_end
        };
        for (level, o) in self.stack.iter().enumerate().rev() {
            let Some(b) = &o.boundary else { continue };
            let Some(rest) = content.strip_prefix(&b[..]) else {
                continue;
            };
            let (close, rest) = match rest.strip_prefix(b"--") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            if rest.iter().all(|c| matches!(c, b' ' | b'\t' | b'\r')) {
                return Some(Delimiter {
                    level,
                    line,
                    line_end,
                    next,
                    close,
                });
            }
        }
        None
    }

    /// Whether `line` (a header line) is a delimiter of an open multipart.
    fn is_delimiter_line(&self, line: usize) -> bool {
        self.s[line..].starts_with(b"--") && self.match_line(line).is_some()
    }

    /// Reads the entity whose header starts at `start`, and the chain of encapsulated messages
    /// inside it. Returns where scanning for delimiters goes on, or `None` when the part limit
    /// was reached.
    fn open_entity(
        &mut self,
        mut start: usize,
        mut parent: Option<usize>,
        mut index: u32,
        mut depth: usize,
        mut digest: bool,
    ) -> Option<usize> {
        loop {
            if self.parts.len() >= self.config.max_parts {
                self.truncated = true;
                return None;
            }
            let field_start = self.fields.len();
            let body_start = self.scan_header(start);
            let idx = self.parts.len();
            let mut ct_field = None;
            let mut cte_field = None;
            let mut ct_index = None;
            let mut cte_index = None;
            for (i, f) in self.fields[field_start..].iter().enumerate() {
                let name = &self.s[f.start..f.name_end];
                if ct_field.is_none() && name.eq_ignore_ascii_case(b"content-type") {
                    ct_field = Some(*f);
                    ct_index = Some(field_start + i);
                } else if cte_field.is_none()
                    && name.eq_ignore_ascii_case(b"content-transfer-encoding")
                {
                    cte_field = Some(*f);
                    cte_index = Some(field_start + i);
                }
            }
            let mut kind = PartKind::Leaf;
            let mut boundary = None;
            let mut sub_digest = false;
            let ct = ct_field.and_then(|f| parse_content_type(&self.s[f.value_start..f.value_end]));
            if depth < self.config.max_depth {
                match &ct {
                    Some(ct) if ct.is_multipart() => {
                        if let Some(b) = ct.boundary() {
                            let b = b.trim_end_matches([' ', '\t']);
                            if !b.is_empty() {
                                kind = PartKind::Multipart;
                                sub_digest = ct.subtype() == "digest";
                                boundary = Some(match subslice(self.s, b.as_bytes()) {
                                    Some(r) => Cow::Borrowed(r),
                                    None => Cow::Owned(b.as_bytes().to_vec()),
                                });
                            }
                        }
                    }
                    Some(ct) if ct.is_message() => {
                        let encoded = cte_field
                            .and_then(|f| {
                                parse_transfer_encoding(&self.s[f.value_start..f.value_end])
                            })
                            .is_some_and(|e| {
                                matches!(
                                    e,
                                    TransferEncoding::Base64 | TransferEncoding::QuotedPrintable
                                )
                            });
                        if !encoded {
                            kind = PartKind::Message;
                        }
                    }
                    None if digest => kind = PartKind::Message,
                    _ => {}
                }
            }
            if kind == PartKind::Message && self.parts.len() + 1 >= self.config.max_parts {
                // No room for the enclosed entity: keep the encapsulated message as a leaf.
                kind = PartKind::Leaf;
                self.truncated = true;
            }
            self.parts.push(PartData {
                header_start: start,
                body_start,
                body_end: self.s.len(),
                fields: (field_start, self.fields.len()),
                parent,
                first_child: None,
                next_sibling: None,
                index,
                depth,
                kind,
                preamble_end: body_start,
                epilogue_start: None,
                digest_default: digest && ct.is_none(),
                content_type_field: ct_index,
                transfer_encoding_field: cte_index,
            });
            if let Some(p) = parent {
                if let Some(o) = self.stack.iter_mut().rev().find(|o| o.part == p) {
                    match o.last_child {
                        Some(prev) => self.parts[prev].next_sibling = Some(idx),
                        None => self.parts[p].first_child = Some(idx),
                    }
                    o.last_child = Some(idx);
                }
            }
            self.stack.push(Open {
                part: idx,
                boundary,
                seen_delimiter: false,
                children: 0,
                last_child: None,
                digest: sub_digest,
            });
            if kind != PartKind::Message {
                return Some(body_start);
            }
            start = body_start;
            parent = Some(idx);
            index = 1;
            depth += 1;
            digest = false;
        }
    }

    /// Splits the header section starting at `start` into fields; returns where the body
    /// starts.
    fn scan_header(&mut self, start: usize) -> usize {
        let s = self.s;
        let len = s.len();
        let mut pos = start;
        let mut count = 0usize;
        // The field being read: (index in self.fields) or a field over the limit (None).
        let mut current: Option<Option<usize>> = None;
        // A leading mbox `From ` line of the top-level message.
        if start == 0
            && s.starts_with(b"From ")
            && s[4..].iter().find(|b| !matches!(b, b' ' | b'\t')) != Some(&b':')
        {
            pos = memchr::memchr(b'\n', s).map_or(len, |i| i + 1);
        }
        while pos < len {
            let (content_end, next) = match memchr::memchr(b'\n', &s[pos..]) {
                Some(i) => {
                    let lf = pos + i;
                    let ce = if lf > pos && s[lf - 1] == b'\r' {
                        lf - 1
                    } else {
                        lf
                    };
                    (ce, lf + 1)
                }
                None => (len, len),
            };
            let first = s[pos];
            if content_end == pos {
                // Empty line: the separator.
                return next;
            }
            if first == b' ' || first == b'\t' {
                match current {
                    Some(Some(fi)) => {
                        let f = &mut self.fields[fi];
                        f.value_end = content_end;
                        f.end = next;
                    }
                    Some(None) => {}
                    None => {
                        if s[pos..content_end]
                            .iter()
                            .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
                        {
                            // A white-space line before any field: taken as the separator.
                            return next;
                        }
                    }
                }
                pos = next;
                continue;
            }
            if first == b'-' && !self.stack.is_empty() && self.is_delimiter_line(pos) {
                return pos;
            }
            // field-name *WSP ":" (RFC 5322 §3.6.8, §4.5)
            let mut i = pos;
            while i < content_end && s[i] > 32 && s[i] < 127 && s[i] != b':' {
                i += 1;
            }
            let name_end = i;
            while i < content_end && (s[i] == b' ' || s[i] == b'\t') {
                i += 1;
            }
            if name_end == pos || i >= content_end || s[i] != b':' {
                // Not a field: the body starts here.
                return pos;
            }
            count += 1;
            if count > self.config.max_header_fields {
                current = Some(None);
            } else {
                self.fields.push(FieldSpan {
                    start: pos,
                    name_end,
                    value_start: i + 1,
                    value_end: content_end,
                    end: next,
                });
                current = Some(Some(self.fields.len() - 1));
            }
            pos = next;
        }
        len
    }
}

fn subslice<'a>(whole: &'a [u8], part: &[u8]) -> Option<&'a [u8]> {
    let (s, e) = super::lexer::subslice_range(whole, part)?;
    Some(&whole[s..e])
}
