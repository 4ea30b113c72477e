//! A parsed message: header fields with their raw bytes, the MIME entity tree, typed access.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use super::{
    Address, Charset, ContentDisposition, ContentType, DateTime, ListId, Mailbox, Received,
    TransferEncoding,
};
use crate::parse::{self, MessageConfig};

/// Where one header field lies in the message (offsets into [`Message::raw`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FieldSpan {
    /// Start of the field name.
    pub(crate) start: usize,
    /// End of the field name (white space before the colon excluded).
    pub(crate) name_end: usize,
    /// Just after the colon.
    pub(crate) value_start: usize,
    /// End of the value: before the line break of its last line.
    pub(crate) value_end: usize,
    /// After the line break of the last line.
    pub(crate) end: usize,
}

/// What an entity of the MIME tree holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// A leaf: its body is content (text, an attachment, or anything that is not parsed further).
    Leaf,
    /// A multipart (RFC 2046 §5.1): its children are the body parts between the delimiters.
    Multipart,
    /// An encapsulated message (`message/rfc822`, RFC 2046 §5.2.1; `message/global`, RFC 6532
    /// §3.7): its one child is the enclosed message's top-level entity.
    Message,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PartData {
    pub(crate) header_start: usize,
    pub(crate) body_start: usize,
    pub(crate) body_end: usize,
    pub(crate) fields: (usize, usize),
    pub(crate) parent: Option<usize>,
    pub(crate) first_child: Option<usize>,
    pub(crate) next_sibling: Option<usize>,
    /// 1-based position among the parent's children.
    pub(crate) index: u32,
    pub(crate) depth: usize,
    pub(crate) kind: PartKind,
    /// Multiparts: end of the preamble (it starts at `body_start`).
    pub(crate) preamble_end: usize,
    /// Multiparts: end of the close-delimiter line, when there was one.
    pub(crate) epilogue_start: Option<usize>,
    /// The part has no `Content-Type` and sits in a `multipart/digest`.
    pub(crate) digest_default: bool,
    /// Index in the message's fields of the first `Content-Type` field.
    pub(crate) content_type_field: Option<usize>,
    /// Index in the message's fields of the first `Content-Transfer-Encoding` field.
    pub(crate) transfer_encoding_field: Option<usize>,
}

/// A parsed message (RFC 5322) with its MIME structure (RFC 2045/2046).
///
/// Made by [`Message::parse`] or [`parse::parse_message`]. It keeps the input (borrowed, or
/// owned after [`into_owned`](Message::into_owned)) and the offsets of every header field and
/// MIME entity in it; typed values are parsed on demand from those bytes and borrow from the
/// message where no decoding is needed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Message<'a> {
    pub(crate) raw: Cow<'a, [u8]>,
    pub(crate) fields: Vec<FieldSpan>,
    pub(crate) parts: Vec<PartData>,
    pub(crate) truncated: bool,
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("len", &self.raw.len())
            .field("fields", &self.fields.len())
            .field("parts", &self.parts.len())
            .field("truncated", &self.truncated)
            .finish()
    }
}

impl<'a> Message<'a> {
    /// Parses `input` with the default [`MessageConfig`]; see [`parse::parse_message`].
    pub fn parse(input: &'a [u8]) -> Message<'a> {
        parse::parse_message(input, &MessageConfig::default())
    }

    /// Parses `input` with `config`; see [`parse::parse_message`].
    pub fn parse_with(input: &'a [u8], config: &MessageConfig) -> Message<'a> {
        parse::parse_message(input, config)
    }

    /// A copy that owns its bytes (the offsets stay as they are).
    pub fn into_owned(self) -> Message<'static> {
        Message {
            raw: Cow::Owned(self.raw.into_owned()),
            fields: self.fields,
            parts: self.parts,
            truncated: self.truncated,
        }
    }

    /// The whole input.
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Whether [`MessageConfig::max_parts`] cut the MIME tree short.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The top-level entity: the message itself.
    pub fn root(&self) -> Part<'_> {
        Part {
            raw: &self.raw,
            fields: &self.fields,
            parts: &self.parts,
            idx: 0,
        }
    }

    /// The top-level header section.
    pub fn headers(&self) -> Headers<'_> {
        self.root().headers()
    }

    /// Every entity of the MIME tree in depth-first pre-order (document order), the root
    /// first; an encapsulated message's top entity follows its `message/rfc822` part.
    pub fn parts(&self) -> impl ExactSizeIterator<Item = Part<'_>> + '_ {
        (0..self.parts.len()).map(move |idx| Part {
            raw: &self.raw,
            fields: &self.fields,
            parts: &self.parts,
            idx,
        })
    }

    /// The number of entities in the tree (at least 1).
    pub fn part_count(&self) -> usize {
        self.parts.len()
    }

    /// The entity at pre-order position `index` (0 is the root).
    pub fn part_at(&self, index: usize) -> Option<Part<'_>> {
        (index < self.parts.len()).then(|| Part {
            raw: &self.raw,
            fields: &self.fields,
            parts: &self.parts,
            idx: index,
        })
    }

    /// The entity with IMAP section number `section` (RFC 3501 §6.4.5, RFC 9051 §6.4.5), such
    /// as `"1"` or `"4.2.2.1"`; `""` is the whole message.
    ///
    /// Numbering: the body of a non-multipart message is part 1; the parts of a multipart are
    /// numbered from 1; the parts of a `message/rfc822` part numbered N are numbered N.1, N.2 …
    /// when the enclosed message is a multipart, and its body is N.1 otherwise.
    pub fn part(&self, section: &str) -> Option<Part<'_>> {
        let section: Section = section.parse().ok()?;
        self.part_by_section(&section)
    }

    /// The entity with IMAP section number `section`; see [`Message::part`].
    pub fn part_by_section(&self, section: &Section) -> Option<Part<'_>> {
        enum Ctx {
            MessageBody(usize),
            Multipart(usize),
            Leaf,
        }
        let root = self.root();
        if section.0.is_empty() {
            return Some(root);
        }
        let mut ctx = Ctx::MessageBody(0);
        let mut cur = root;
        for &n in &section.0 {
            cur = match ctx {
                Ctx::MessageBody(e) => {
                    let e = self.part_at(e)?;
                    if e.kind() == PartKind::Multipart {
                        e.child(n)?
                    } else if n == 1 {
                        e
                    } else {
                        return None;
                    }
                }
                Ctx::Multipart(m) => self.part_at(m)?.child(n)?,
                Ctx::Leaf => return None,
            };
            ctx = match cur.kind() {
                PartKind::Multipart => Ctx::Multipart(cur.idx),
                PartKind::Message => match cur.message() {
                    Some(inner) => Ctx::MessageBody(inner.idx),
                    None => Ctx::Leaf,
                },
                PartKind::Leaf => Ctx::Leaf,
            };
        }
        Some(cur)
    }

    /// The serialized message: identical to the input, rebuilt from the parsed fields and
    /// entities (see [`crate::encode::write_message`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.raw.len());
        crate::encode::write_message(self, &mut out);
        out
    }

    /// `Subject` decoded; see [`Headers::subject`].
    pub fn subject(&self) -> Option<Cow<'_, str>> {
        self.headers().subject()
    }
    /// `From`; see [`Headers::from`].
    pub fn from(&self) -> Vec<Address<'_>> {
        self.headers().from()
    }
    /// `Sender`; see [`Headers::sender`].
    pub fn sender(&self) -> Vec<Address<'_>> {
        self.headers().sender()
    }
    /// `Reply-To`; see [`Headers::reply_to`].
    pub fn reply_to(&self) -> Vec<Address<'_>> {
        self.headers().reply_to()
    }
    /// `To`; see [`Headers::to`].
    pub fn to(&self) -> Vec<Address<'_>> {
        self.headers().to()
    }
    /// `Cc`; see [`Headers::cc`].
    pub fn cc(&self) -> Vec<Address<'_>> {
        self.headers().cc()
    }
    /// `Bcc`; see [`Headers::bcc`].
    pub fn bcc(&self) -> Vec<Address<'_>> {
        self.headers().bcc()
    }
    /// `Date`; see [`Headers::date`].
    pub fn date(&self) -> Option<DateTime> {
        self.headers().date()
    }
    /// `Message-ID`; see [`Headers::message_id`].
    pub fn message_id(&self) -> Option<Cow<'_, str>> {
        self.headers().message_id()
    }
    /// `In-Reply-To`; see [`Headers::in_reply_to`].
    pub fn in_reply_to(&self) -> Vec<Cow<'_, str>> {
        self.headers().in_reply_to()
    }
    /// `References`; see [`Headers::references`].
    pub fn references(&self) -> Vec<Cow<'_, str>> {
        self.headers().references()
    }
}

impl Message<'static> {
    /// Parses an owned buffer with the default [`MessageConfig`].
    pub fn parse_owned(input: Vec<u8>) -> Message<'static> {
        let parsed = parse::parse_message(&input, &MessageConfig::default());
        Message {
            fields: parsed.fields,
            parts: parsed.parts,
            truncated: parsed.truncated,
            raw: Cow::Owned(input),
        }
    }
}

/// An IMAP section number (RFC 3501 §6.4.5): `1.2.3`; empty for the whole message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Section(pub Vec<u32>);

impl Section {
    /// The part numbers.
    pub fn as_slice(&self) -> &[u32] {
        &self.0
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, n) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{n}")?;
        }
        Ok(())
    }
}

/// Why a section number could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid section number")]
pub struct InvalidSection;

impl std::str::FromStr for Section {
    type Err = InvalidSection;

    /// `"1.2.3"` (numbers from 1, separated by dots) or `""`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Ok(Section(Vec::new()));
        }
        s.split('.')
            .map(|n| {
                if n.is_empty() || n.len() > 9 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(InvalidSection);
                }
                let v: u32 = n.parse().map_err(|_| InvalidSection)?;
                if v == 0 { Err(InvalidSection) } else { Ok(v) }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Section)
    }
}

/// One entity of the MIME tree (RFC 2045 §2.4): the message itself, a body part, or the top
/// entity of an encapsulated message. A cheap view into its [`Message`].
#[derive(Clone, Copy)]
pub struct Part<'m> {
    raw: &'m [u8],
    fields: &'m [FieldSpan],
    parts: &'m [PartData],
    idx: usize,
}

impl fmt::Debug for Part<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("index", &self.idx)
            .field("section", &self.section().to_string())
            .field("kind", &self.kind())
            .field("header", &self.header_range())
            .field("body", &self.body_range())
            .finish()
    }
}

impl PartialEq for Part<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.parts, other.parts) && self.idx == other.idx
    }
}

impl<'m> Part<'m> {
    fn data(&self) -> &'m PartData {
        &self.parts[self.idx]
    }

    fn at(&self, idx: usize) -> Part<'m> {
        Part { idx, ..*self }
    }

    /// The position of this entity in pre-order ([`Message::parts`]); 0 is the root.
    pub fn index(&self) -> usize {
        self.idx
    }

    /// What the entity holds.
    pub fn kind(&self) -> PartKind {
        self.data().kind
    }

    /// Nesting depth: 0 for the root, one more for each multipart or encapsulated message
    /// around the entity.
    pub fn depth(&self) -> usize {
        self.data().depth
    }

    /// The header section of this entity (for a body part: its MIME header).
    pub fn headers(&self) -> Headers<'m> {
        let (a, b) = self.data().fields;
        Headers {
            raw: self.raw,
            fields: &self.fields[a..b],
        }
    }

    /// The enclosing entity (`None` for the root).
    pub fn parent(&self) -> Option<Part<'m>> {
        self.data().parent.map(|p| self.at(p))
    }

    /// The children: the body parts of a multipart, the enclosed top entity of an
    /// encapsulated message, nothing for a leaf.
    pub fn children(&self) -> impl Iterator<Item = Part<'m>> + 'm {
        let this = *self;
        let mut next = self.data().first_child;
        std::iter::from_fn(move || {
            let cur = next?;
            next = this.parts[cur].next_sibling;
            Some(this.at(cur))
        })
    }

    /// Child number `n` (from 1).
    pub fn child(&self, n: u32) -> Option<Part<'m>> {
        if n == 0 {
            return None;
        }
        self.children().nth((n - 1) as usize)
    }

    /// The position among the parent's children, from 1 (1 for the root).
    pub fn position(&self) -> u32 {
        self.data().index
    }

    /// For an encapsulated message, the enclosed message's top-level entity.
    pub fn message(&self) -> Option<Part<'m>> {
        if self.kind() == PartKind::Message {
            self.data().first_child.map(|c| self.at(c))
        } else {
            None
        }
    }

    /// The IMAP section number (RFC 3501 §6.4.5). The root of a multipart message has the empty
    /// section, the root of any other message is `1`; the top entity of an encapsulated message
    /// has the number of its `message/rfc822` part when it is a multipart, and that number with
    /// `.1` added otherwise.
    pub fn section(&self) -> Section {
        let mut nums = Vec::new();
        let mut cur = self.idx;
        loop {
            let p = &self.parts[cur];
            match p.parent {
                None => {
                    if p.kind != PartKind::Multipart {
                        nums.push(1);
                    }
                    break;
                }
                Some(par) => {
                    match self.parts[par].kind {
                        PartKind::Multipart => nums.push(p.index),
                        _ => {
                            if p.kind != PartKind::Multipart {
                                nums.push(1);
                            }
                        }
                    }
                    cur = par;
                }
            }
        }
        nums.reverse();
        Section(nums)
    }

    /// Offsets of the header section in [`Message::raw`], the empty line that ends it included
    /// (what IMAP's `HEADER` and `MIME` sections return).
    pub fn header_range(&self) -> Range<usize> {
        let d = self.data();
        d.header_start..d.body_start
    }

    /// Offsets of the body in [`Message::raw`] (IMAP's `TEXT`; for a body part, its content).
    /// The line break before a boundary delimiter is not part of the body (RFC 2046 §5.1.1).
    pub fn body_range(&self) -> Range<usize> {
        let d = self.data();
        d.body_start..d.body_end
    }

    /// The header bytes.
    pub fn raw_header(&self) -> &'m [u8] {
        &self.raw[self.header_range()]
    }

    /// The body bytes, still transfer-encoded.
    pub fn raw_body(&self) -> &'m [u8] {
        &self.raw[self.body_range()]
    }

    /// The whole entity: header and body.
    pub fn raw(&self) -> &'m [u8] {
        let d = self.data();
        &self.raw[d.header_start..d.body_end]
    }

    /// The body size in octets, as IMAP's BODYSTRUCTURE reports it (still encoded).
    pub fn size(&self) -> usize {
        let d = self.data();
        d.body_end - d.body_start
    }

    /// The number of lines of the body (BODYSTRUCTURE's line count for `text/*` and
    /// `message/rfc822`): the line breaks, plus one when the body does not end with one.
    pub fn lines(&self) -> usize {
        let body = self.raw_body();
        let n = memchr::memchr_iter(b'\n', body).count();
        if body.is_empty() || body.ends_with(b"\n") {
            n
        } else {
            n + 1
        }
    }

    /// For a multipart, the preamble (RFC 2046 §5.1.1): the text before the first delimiter.
    pub fn preamble(&self) -> Option<&'m [u8]> {
        let d = self.data();
        (d.kind == PartKind::Multipart).then(|| &self.raw[d.body_start..d.preamble_end])
    }

    /// For a multipart closed by a close delimiter, the epilogue: the text after the line of
    /// the close delimiter (`None` when the close delimiter is missing).
    pub fn epilogue(&self) -> Option<&'m [u8]> {
        let d = self.data();
        if d.kind != PartKind::Multipart {
            return None;
        }
        let start = d.epilogue_start?;
        let e = &self.raw[start.min(d.body_end)..d.body_end];
        Some(
            e.strip_prefix(b"\r\n")
                .or_else(|| e.strip_prefix(b"\n"))
                .unwrap_or(e),
        )
    }

    /// Whether this multipart's close delimiter was missing.
    pub fn is_unterminated(&self) -> bool {
        let d = self.data();
        d.kind == PartKind::Multipart && d.epilogue_start.is_none()
    }

    /// The content type: the `Content-Type` field, or the default when it is absent or invalid
    /// (`text/plain; charset=us-ascii`, RFC 2045 §5.2; `message/rfc822` inside
    /// `multipart/digest`, RFC 2046 §5.1.5).
    pub fn content_type(&self) -> ContentType<'m> {
        if let Some(ct) = self.content_type_field() {
            return ct;
        }
        if self.data().digest_default {
            ContentType::message_rfc822()
        } else {
            ContentType::text_plain()
        }
    }

    /// The transfer encoding (RFC 2045 §6); 7bit when the field is absent.
    pub fn transfer_encoding(&self) -> TransferEncoding<'m> {
        self.data()
            .transfer_encoding_field
            .and_then(|i| parse::parse_transfer_encoding(self.field_value(i)))
            .unwrap_or(TransferEncoding::SevenBit)
    }

    fn field_value(&self, i: usize) -> &'m [u8] {
        let f = &self.fields[i];
        &self.raw[f.value_start..f.value_end]
    }

    /// The `Content-Type` field parsed, when present and valid.
    fn content_type_field(&self) -> Option<ContentType<'m>> {
        self.data()
            .content_type_field
            .and_then(|i| parse::parse_content_type(self.field_value(i)))
    }

    /// The `Content-Disposition` (RFC 2183), when present.
    pub fn disposition(&self) -> Option<ContentDisposition<'m>> {
        self.headers().content_disposition()
    }

    /// The file name, decoded however the client encoded it: the `filename` parameter of
    /// `Content-Disposition` (RFC 2183 §2.3, RFC 2231, RFC 2047 inside quotes, raw UTF-8), else
    /// the `name` parameter of `Content-Type`.
    pub fn filename(&self) -> Option<Cow<'m, str>> {
        let take = |params: Vec<super::Parameter<'m>>, name: &str| {
            params
                .into_iter()
                .find(|p| p.name == name)
                .map(|p| p.value)
                .filter(|v| !v.trim().is_empty())
        };
        if let Some(d) = self.disposition() {
            if let Some(f) = take(d.params, "filename") {
                return Some(f);
            }
        }
        let ct = self.content_type_field()?;
        take(ct.params, "name")
    }

    /// The body after transfer decoding (base64 and quoted-printable decoded tolerantly; other
    /// encodings as they are). Borrows unless decoding was needed.
    pub fn decoded_body(&self) -> Cow<'m, [u8]> {
        let body = self.raw_body();
        match self.transfer_encoding() {
            TransferEncoding::Base64 => Cow::Owned(parse::decode_base64(body)),
            TransferEncoding::QuotedPrintable => Cow::Owned(parse::decode_quoted_printable(body)),
            _ => Cow::Borrowed(body),
        }
    }

    /// The charset the body's text is in: the `charset` parameter, resolved; without one, or
    /// for US-ASCII, UTF-8 when the bytes are valid UTF-8 (they often are, undeclared) and
    /// windows-1252 otherwise.
    pub fn charset_for(&self, body: &[u8]) -> Charset {
        let ct = self.content_type_field();
        let declared = ct.as_ref().and_then(|c| c.charset());
        let ascii = match declared {
            None => true,
            Some(l) => {
                let l = l.trim().to_ascii_lowercase();
                matches!(
                    l.as_str(),
                    "us-ascii" | "ascii" | "ansi_x3.4-1968" | "us_ascii" | "iso646-us"
                )
            }
        };
        if ascii {
            if std::str::from_utf8(body).is_ok() {
                Charset::UTF_8
            } else {
                Charset::US_ASCII
            }
        } else {
            Charset::from_label(declared.unwrap_or("").as_bytes())
        }
    }

    /// The body as text: transfer-decoded, then converted from its charset to UTF-8
    /// ([`charset_for`](Part::charset_for)). Meant for `text/*` parts but works on any.
    pub fn text(&self) -> Cow<'m, str> {
        let body = self.decoded_body();
        let cs = self.charset_for(&body);
        match body {
            Cow::Borrowed(b) => cs.decode(b),
            Cow::Owned(v) => Cow::Owned(cs.decode(&v).into_owned()),
        }
    }
}

/// A header section: the fields of one entity, in order. A cheap view into its [`Message`].
#[derive(Clone, Copy)]
pub struct Headers<'m> {
    raw: &'m [u8],
    fields: &'m [FieldSpan],
}

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'m> Headers<'m> {
    /// The number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The fields in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = HeaderField<'m>> + 'm {
        let raw = self.raw;
        self.fields
            .iter()
            .map(move |&span| HeaderField { raw, span })
    }

    /// Every field named `name` (case-insensitive), in order.
    pub fn get_all<'n>(&self, name: &'n str) -> impl Iterator<Item = HeaderField<'m>> + 'n
    where
        'm: 'n,
    {
        self.iter()
            .filter(move |f| f.name_bytes().eq_ignore_ascii_case(name.as_bytes()))
    }

    /// The first field named `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<HeaderField<'m>> {
        self.get_all(name).next()
    }

    /// The raw value of the first field named `name`.
    pub fn raw_value(&self, name: &str) -> Option<&'m [u8]> {
        self.get(name).map(|f| f.raw_value())
    }

    /// The first `name` field as decoded unstructured text (RFC 5322 §3.2.5, RFC 2047).
    pub fn text(&self, name: &str) -> Option<Cow<'m, str>> {
        self.get(name).map(|f| f.text())
    }

    /// The addresses of the first `name` field.
    pub fn addresses(&self, name: &str) -> Vec<Address<'m>> {
        self.get(name).map(|f| f.addresses()).unwrap_or_default()
    }

    /// `Subject` (RFC 5322 §3.6.5), unfolded, encoded words decoded.
    pub fn subject(&self) -> Option<Cow<'m, str>> {
        self.text("subject")
    }
    /// `From` (RFC 5322 §3.6.2).
    pub fn from(&self) -> Vec<Address<'m>> {
        self.addresses("from")
    }
    /// `Sender` (RFC 5322 §3.6.2).
    pub fn sender(&self) -> Vec<Address<'m>> {
        self.addresses("sender")
    }
    /// `Reply-To` (RFC 5322 §3.6.2).
    pub fn reply_to(&self) -> Vec<Address<'m>> {
        self.addresses("reply-to")
    }
    /// `To` (RFC 5322 §3.6.3).
    pub fn to(&self) -> Vec<Address<'m>> {
        self.addresses("to")
    }
    /// `Cc` (RFC 5322 §3.6.3).
    pub fn cc(&self) -> Vec<Address<'m>> {
        self.addresses("cc")
    }
    /// `Bcc` (RFC 5322 §3.6.3).
    pub fn bcc(&self) -> Vec<Address<'m>> {
        self.addresses("bcc")
    }
    /// `Date` (RFC 5322 §3.6.1).
    pub fn date(&self) -> Option<DateTime> {
        self.get("date").and_then(|f| f.date())
    }
    /// `Message-ID` without angle brackets (RFC 5322 §3.6.4).
    pub fn message_id(&self) -> Option<Cow<'m, str>> {
        self.get("message-id").and_then(|f| f.msg_id())
    }
    /// `In-Reply-To` identifiers (RFC 5322 §3.6.4).
    pub fn in_reply_to(&self) -> Vec<Cow<'m, str>> {
        self.get("in-reply-to")
            .map(|f| f.msg_ids())
            .unwrap_or_default()
    }
    /// `References` identifiers (RFC 5322 §3.6.4).
    pub fn references(&self) -> Vec<Cow<'m, str>> {
        self.get("references")
            .map(|f| f.msg_ids())
            .unwrap_or_default()
    }
    /// `Comments` fields, decoded (RFC 5322 §3.6.5).
    pub fn comments(&self) -> Vec<Cow<'m, str>> {
        self.get_all("comments").map(|f| f.text()).collect()
    }
    /// `Keywords` (RFC 5322 §3.6.5): the phrases of every `Keywords` field, decoded.
    pub fn keywords(&self) -> Vec<Cow<'m, str>> {
        let mut out = Vec::new();
        for f in self.get_all("keywords") {
            let text = f.text();
            match text {
                Cow::Borrowed(t) => out.extend(
                    t.split(',')
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(Cow::Borrowed),
                ),
                Cow::Owned(t) => out.extend(
                    t.split(',')
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(|k| Cow::Owned(k.to_owned())),
                ),
            }
        }
        out
    }
    /// `Return-Path` (RFC 5322 §3.6.7): the address, `""` for the null path `<>`.
    pub fn return_path(&self) -> Option<Cow<'m, str>> {
        self.get("return-path")
            .and_then(|f| parse::parse_path(f.raw_value()))
    }
    /// Every `Received` field, in order (newest first, as servers prepend them).
    pub fn received(&self) -> Vec<Received<'m>> {
        self.get_all("received")
            .map(|f| parse::parse_received(f.raw_value()))
            .collect()
    }
    /// `Resent-From` of the first (newest) resent block (RFC 5322 §3.6.6).
    pub fn resent_from(&self) -> Vec<Address<'m>> {
        self.addresses("resent-from")
    }
    /// `Resent-To` of the first resent block.
    pub fn resent_to(&self) -> Vec<Address<'m>> {
        self.addresses("resent-to")
    }
    /// `Resent-Date` of the first resent block.
    pub fn resent_date(&self) -> Option<DateTime> {
        self.get("resent-date").and_then(|f| f.date())
    }
    /// `Resent-Message-ID` of the first resent block.
    pub fn resent_message_id(&self) -> Option<Cow<'m, str>> {
        self.get("resent-message-id").and_then(|f| f.msg_id())
    }
    /// `List-Id` (RFC 2919).
    pub fn list_id(&self) -> Option<ListId<'m>> {
        self.get("list-id")
            .and_then(|f| parse::parse_list_id(f.raw_value()))
    }
    /// The URLs of a `List-*` field of RFC 2369 (`"list-unsubscribe"`, `"list-post"`,
    /// `"list-help"`, `"list-subscribe"`, `"list-owner"`, `"list-archive"`).
    pub fn list_urls(&self, name: &str) -> Vec<Cow<'m, str>> {
        self.get(name)
            .map(|f| parse::parse_list_urls(f.raw_value()))
            .unwrap_or_default()
    }
    /// `List-Unsubscribe` URLs (RFC 2369 §3.2).
    pub fn list_unsubscribe(&self) -> Vec<Cow<'m, str>> {
        self.list_urls("list-unsubscribe")
    }
    /// `List-Post` URLs (RFC 2369 §3.4); empty for `NO`.
    pub fn list_post(&self) -> Vec<Cow<'m, str>> {
        self.list_urls("list-post")
    }
    /// `MIME-Version` (RFC 2045 §4), comments removed (normally `1.0`).
    pub fn mime_version(&self) -> Option<Cow<'m, str>> {
        let f = self.get("mime-version")?;
        let v = f.raw_value();
        let mut out = String::new();
        let mut c = parse::lexer_cursor(v);
        loop {
            c.skip_cfws();
            let start = c.pos;
            while c
                .peek()
                .is_some_and(|b| !b.is_ascii_whitespace() && b != b'(')
            {
                c.pos += 1;
            }
            if c.pos == start {
                break;
            }
            out.push_str(&String::from_utf8_lossy(&v[start..c.pos]));
        }
        Some(Cow::Owned(out))
    }
    /// `Content-Type` (RFC 2045 §5), when present and valid.
    pub fn content_type(&self) -> Option<ContentType<'m>> {
        self.get("content-type")
            .and_then(|f| parse::parse_content_type(f.raw_value()))
    }
    /// `Content-Transfer-Encoding` (RFC 2045 §6), when present.
    pub fn content_transfer_encoding(&self) -> Option<TransferEncoding<'m>> {
        self.get("content-transfer-encoding")
            .and_then(|f| parse::parse_transfer_encoding(f.raw_value()))
    }
    /// `Content-Disposition` (RFC 2183), when present.
    pub fn content_disposition(&self) -> Option<ContentDisposition<'m>> {
        self.get("content-disposition")
            .and_then(|f| parse::parse_content_disposition(f.raw_value()))
    }
    /// `Content-ID` without angle brackets (RFC 2045 §7).
    pub fn content_id(&self) -> Option<Cow<'m, str>> {
        self.get("content-id").and_then(|f| f.msg_id())
    }
    /// `Content-Description` decoded (RFC 2045 §8).
    pub fn content_description(&self) -> Option<Cow<'m, str>> {
        self.text("content-description")
    }
    /// `Content-Language` tags (RFC 3282).
    pub fn content_language(&self) -> Vec<Cow<'m, str>> {
        let Some(f) = self.get("content-language") else {
            return Vec::new();
        };
        let v = f.raw_value();
        let mut out = Vec::new();
        let mut c = parse::lexer_cursor(v);
        loop {
            c.skip_cfws();
            if c.peek() == Some(b',') {
                c.pos += 1;
                continue;
            }
            let start = c.pos;
            while c
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                c.pos += 1;
            }
            if c.pos == start {
                if c.at_end() {
                    break;
                }
                c.pos += 1;
                continue;
            }
            out.push(String::from_utf8_lossy(&v[start..c.pos]));
        }
        out
    }
    /// `Content-Location` (RFC 2557 §4.2), unfolded with white space removed.
    pub fn content_location(&self) -> Option<Cow<'m, str>> {
        let f = self.get("content-location")?;
        let v = parse::unfold(f.raw_value());
        let t = String::from_utf8_lossy(&v);
        let t: String = t.split_whitespace().collect();
        Some(Cow::Owned(t.trim_matches('"').to_owned()))
    }
}

/// One header field (RFC 5322 §2.2) with its exact bytes, for DKIM (RFC 6376 §3.4) and
/// faithful re-serialization.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HeaderField<'m> {
    raw: &'m [u8],
    span: FieldSpan,
}

impl fmt::Debug for HeaderField<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("HeaderField")
            .field(&self.name())
            .field(&String::from_utf8_lossy(self.raw_value()))
            .finish()
    }
}

impl<'m> HeaderField<'m> {
    /// The field name as written (white space before the colon excluded). Field names are
    /// printable US-ASCII (RFC 5322 §3.6.8).
    pub fn name(&self) -> &'m str {
        std::str::from_utf8(self.name_bytes()).unwrap_or("")
    }

    /// The field name's bytes.
    pub fn name_bytes(&self) -> &'m [u8] {
        &self.raw[self.span.start..self.span.name_end]
    }

    /// Whether the field is named `name` (case-insensitive).
    pub fn is(&self, name: &str) -> bool {
        self.name_bytes().eq_ignore_ascii_case(name.as_bytes())
    }

    /// The value exactly as written: everything after the colon, folding included, up to (not
    /// including) the line break that ends the field.
    pub fn raw_value(&self) -> &'m [u8] {
        &self.raw[self.span.value_start..self.span.value_end]
    }

    /// The whole field exactly as written, name and final line break included.
    pub fn raw(&self) -> &'m [u8] {
        &self.raw[self.span.start..self.span.end]
    }

    /// Offsets of the whole field in [`Message::raw`].
    pub fn range(&self) -> Range<usize> {
        self.span.start..self.span.end
    }

    /// The value unfolded (RFC 5322 §2.2.3: line breaks removed) with surrounding white space
    /// trimmed; borrowed when the field was not folded.
    pub fn unfolded(&self) -> Cow<'m, [u8]> {
        match parse::unfold(self.raw_value()) {
            Cow::Borrowed(b) => Cow::Borrowed(parse::trim_wsp(b)),
            Cow::Owned(v) => Cow::Owned(parse::trim_wsp(&v).to_vec()),
        }
    }

    /// The value as `unstructured` text (RFC 5322 §3.2.5) for display: unfolded, encoded words
    /// decoded (RFC 2047), 8-bit read as UTF-8 (RFC 6532).
    pub fn text(&self) -> Cow<'m, str> {
        parse::decode_text(self.raw_value())
    }

    /// The value as an address list (RFC 5322 §3.4).
    pub fn addresses(&self) -> Vec<Address<'m>> {
        parse::parse_address_list(self.raw_value())
    }

    /// The mailboxes of the value, group members included.
    pub fn mailboxes(&self) -> Vec<Mailbox<'m>> {
        let mut out = Vec::new();
        for a in self.addresses() {
            match a {
                Address::Mailbox(m) => out.push(m),
                Address::Group(g) => out.extend(g.members),
            }
        }
        out
    }

    /// The value as a date-time (RFC 5322 §3.3).
    pub fn date(&self) -> Option<DateTime> {
        parse::parse_date_time(self.raw_value())
    }

    /// The first message identifier of the value (RFC 5322 §3.6.4).
    pub fn msg_id(&self) -> Option<Cow<'m, str>> {
        parse::parse_msg_id(self.raw_value())
    }

    /// Every message identifier of the value (RFC 5322 §3.6.4).
    pub fn msg_ids(&self) -> Vec<Cow<'m, str>> {
        parse::parse_msg_ids(self.raw_value())
    }
}
