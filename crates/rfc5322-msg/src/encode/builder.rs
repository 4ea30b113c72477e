//! The message builder (RFC 5322 with MIME, RFC 2045-2047, RFC 2231, RFC 6532).

use std::borrow::Cow;

use super::body::{encode_body, normalize_crlf};
use super::header::{FieldWriter, write_params, write_phrase, write_unstructured};
use crate::types::{DateTime, Mailbox, TransferEncoding};

/// Why a builder value was rejected. Every check happens when the value is given, so a
/// built message is always well-formed and nothing can inject a line break into a header.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A field name outside RFC 5322 §3.6.8 (`1*ftext`), or one the builder writes itself.
    #[error("invalid header field name")]
    FieldName,
    /// A control character (CR and LF included) in a header value.
    #[error("control character in header value")]
    Control,
    /// A message identifier that is not `id-left@id-right` of RFC 5322 §3.6.4: a `dot-atom-text`,
    /// `@`, and a `dot-atom-text` or a `[…]` literal (no angle brackets, white space, comments
    /// or quoted strings).
    #[error("invalid message id")]
    MessageId,
    /// A media type that is not `type/subtype` made of MIME tokens (RFC 2045 §5.1).
    #[error("invalid media type")]
    MediaType,
    /// An inline part without a Content-ID.
    #[error("inline part needs a content id")]
    MissingContentId,
    /// A group without a name (RFC 5322 §3.4: `group = display-name ":" …`).
    #[error("empty group name")]
    GroupName,
}

/// An attachment, an inline image, or an attached message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    main: String,
    sub: String,
    filename: Option<String>,
    content_id: Option<String>,
    data: Vec<u8>,
}

fn is_mime_token(s: &str) -> bool {
    !s.is_empty() && s.len() <= 127 && s.bytes().all(|b| b < 128 && crate::parse::is_token_byte(b))
}

/// `dot-atom-text` (RFC 5322 §3.2.3): atoms of `atext` joined by single dots; ASCII only (the
/// UTF-8 `atext` of RFC 6532 is not accepted, so ids never need SMTPUTF8).
fn is_dot_atom_text(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .bytes()
                    .all(|b| b.is_ascii() && crate::parse::is_atext_byte(b))
        })
}

/// `msg-id` without its angle brackets (RFC 5322 §3.6.4): `id-left "@" id-right`, where
/// `id-left` is a `dot-atom-text` and `id-right` a `dot-atom-text` or a `no-fold-literal`
/// (`"[" *dtext "]"`), in ASCII.
fn check_msg_id(id: &str) -> Result<(), BuildError> {
    let literal = |r: &str| {
        r.strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .is_some_and(|d| d.bytes().all(|b| matches!(b, 33..=90 | 94..=126)))
    };
    let ok = id.len() <= 250
        && id
            .split_once('@')
            .is_some_and(|(l, r)| is_dot_atom_text(l) && (is_dot_atom_text(r) || literal(r)));
    if ok {
        Ok(())
    } else {
        Err(BuildError::MessageId)
    }
}

impl Attachment {
    /// An attachment of media type `mime_type` (`type/subtype`, e.g. `application/pdf`) holding
    /// `data`. It is sent base64-encoded unless it is 7-bit text with short lines.
    pub fn new(mime_type: &str, data: impl Into<Vec<u8>>) -> Result<Self, BuildError> {
        let (main, sub) = mime_type.split_once('/').ok_or(BuildError::MediaType)?;
        if !is_mime_token(main) || !is_mime_token(sub) {
            return Err(BuildError::MediaType);
        }
        Ok(Self {
            main: main.to_ascii_lowercase(),
            sub: sub.to_ascii_lowercase(),
            filename: None,
            content_id: None,
            data: data.into(),
        })
    }

    /// An attached message (`message/rfc822`, RFC 2046 §5.2.1): `message` is a complete message
    /// (such as another builder's output). It is sent unencoded, as RFC 2046 requires.
    pub fn message(message: impl Into<Vec<u8>>) -> Self {
        Self {
            main: "message".into(),
            sub: "rfc822".into(),
            filename: None,
            content_id: None,
            data: message.into(),
        }
    }

    /// Sets the file name (any Unicode; written with RFC 2231 when needed). Control characters
    /// are rejected.
    pub fn filename(mut self, name: &str) -> Result<Self, BuildError> {
        if name.chars().any(char::is_control) {
            return Err(BuildError::Control);
        }
        self.filename = Some(name.to_owned());
        Ok(self)
    }

    /// Sets the Content-ID (RFC 2045 §7) that an HTML body refers to as `cid:…`.
    pub fn content_id(mut self, id: &str) -> Result<Self, BuildError> {
        check_msg_id(id)?;
        self.content_id = Some(id.to_owned());
        Ok(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Mailbox(Mailbox<'static>),
    Group(String, Vec<Mailbox<'static>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Mailboxes(String, Vec<Entry>),
    Date(DateTime),
    Ids(String, Vec<String>),
    Text(String, String),
}

/// Fields the builder writes from typed values, which the other kinds of setter may not use.
const ADDRESS_FIELDS: &[&str] = &["from", "sender", "reply-to", "to", "cc", "bcc"];
const ID_FIELDS: &[&str] = &["message-id", "in-reply-to", "references"];

fn check_field_name(name: &str, also_forbidden: &[&[&str]]) -> Result<(), BuildError> {
    let taken = |list: &[&str]| list.iter().any(|r| r.eq_ignore_ascii_case(name));
    if name.is_empty()
        || name.len() > 76
        || !name.bytes().all(|b| (33..127).contains(&b) && b != b':')
        || taken(RESERVED)
        || also_forbidden.iter().any(|l| taken(l))
    {
        Err(BuildError::FieldName)
    } else {
        Ok(())
    }
}

/// Builds a message: header fields, a text and/or HTML body, inline images, attachments and
/// attached messages, in the usual structure (`multipart/mixed` around
/// `multipart/alternative` around `multipart/related`, each only when needed).
///
/// Output rules: CRLF line ends; header lines folded at 78 octets where they can be and never
/// longer than 998; non-ASCII header text as RFC 2047 encoded words (or raw UTF-8 with
/// [`utf8_headers`](MessageBuilder::utf8_headers), RFC 6532); parameters with RFC 2231 when
/// needed; each body in the cheapest valid transfer encoding; boundaries checked against every
/// body so they cannot collide; text bodies with their line breaks made CRLF.
///
/// ```
/// use rfc5322_msg::encode::{Attachment, MessageBuilder};
/// use rfc5322_msg::types::{DateTime, Mailbox, Message};
///
/// let raw = MessageBuilder::new()
///     .from(Mailbox::new(Some("Jörg"), "joerg@example.org")?)
///     .to(Mailbox::new(None, "mary@example.net")?)
///     .subject("Grüße")?
///     .date(DateTime::new(2026, 11, 23, 13, 0, 0, 60)?)
///     .message_id("1234@example.org")?
///     .text("Hallo!\n")
///     .attachment(Attachment::new("application/pdf", vec![0u8; 10])?.filename("Bericht.pdf")?)
///     .build();
/// let msg = Message::parse(&raw);
/// assert_eq!(msg.subject().as_deref(), Some("Grüße"));
/// assert_eq!(msg.part("1").unwrap().text(), "Hallo!\r\n");
/// assert_eq!(msg.part("2").unwrap().filename().as_deref(), Some("Bericht.pdf"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageBuilder {
    fields: Vec<Field>,
    text: Option<String>,
    html: Option<String>,
    inline: Vec<Attachment>,
    attachments: Vec<Attachment>,
    utf8_headers: bool,
    eight_bit: bool,
}

/// Fields the builder writes itself.
const RESERVED: &[&str] = &[
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-disposition",
    "content-id",
];

impl MessageBuilder {
    /// An empty message.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes non-ASCII header text as raw UTF-8 (RFC 6532; the message then needs SMTPUTF8)
    /// instead of encoded words. Default off.
    pub fn utf8_headers(mut self, on: bool) -> Self {
        self.utf8_headers = on;
        self
    }

    /// Allows the `8bit` transfer encoding for bodies (the message then needs 8BITMIME,
    /// RFC 6152). Default off.
    pub fn allow_8bit(mut self, on: bool) -> Self {
        self.eight_bit = on;
        self
    }

    fn add_entry(mut self, name: &str, entry: Entry) -> Self {
        for f in &mut self.fields {
            if let Field::Mailboxes(n, list) = f {
                if n.eq_ignore_ascii_case(name) {
                    list.push(entry);
                    return self;
                }
            }
        }
        self.fields
            .push(Field::Mailboxes(name.to_owned(), vec![entry]));
        self
    }

    fn add_mailbox(self, name: &str, m: Mailbox<'_>) -> Self {
        self.add_entry(name, Entry::Mailbox(m.into_owned()))
    }

    fn add_group<'m>(
        self,
        field: &str,
        name: &str,
        members: impl IntoIterator<Item = Mailbox<'m>>,
    ) -> Result<Self, BuildError> {
        if name.chars().any(char::is_control) {
            return Err(BuildError::Control);
        }
        if name.trim_matches([' ', '\t']).is_empty() {
            return Err(BuildError::GroupName);
        }
        let members = members.into_iter().map(Mailbox::into_owned).collect();
        Ok(self.add_entry(field, Entry::Group(name.to_owned(), members)))
    }

    /// Adds an author (`From`, RFC 5322 §3.6.2).
    pub fn from(self, m: Mailbox<'_>) -> Self {
        self.add_mailbox("From", m)
    }
    /// Sets the `Sender` (RFC 5322 §3.6.2).
    pub fn sender(self, m: Mailbox<'_>) -> Self {
        self.add_mailbox("Sender", m)
    }
    /// Adds a `Reply-To` mailbox.
    pub fn reply_to(self, m: Mailbox<'_>) -> Self {
        self.add_mailbox("Reply-To", m)
    }
    /// Adds a `To` recipient.
    pub fn to(self, m: Mailbox<'_>) -> Self {
        self.add_mailbox("To", m)
    }
    /// Adds a `Cc` recipient.
    pub fn cc(self, m: Mailbox<'_>) -> Self {
        self.add_mailbox("Cc", m)
    }
    /// Adds a `Bcc` recipient.
    pub fn bcc(self, m: Mailbox<'_>) -> Self {
        self.add_mailbox("Bcc", m)
    }

    /// Adds a group of `To` recipients (RFC 5322 §3.4: `name: member, member;`). `members` may
    /// be empty (`Undisclosed recipients:;`). The name is any Unicode without control
    /// characters, not empty.
    pub fn to_group<'m>(
        self,
        name: &str,
        members: impl IntoIterator<Item = Mailbox<'m>>,
    ) -> Result<Self, BuildError> {
        self.add_group("To", name, members)
    }
    /// Adds a group of `Cc` recipients; see [`to_group`](MessageBuilder::to_group).
    pub fn cc_group<'m>(
        self,
        name: &str,
        members: impl IntoIterator<Item = Mailbox<'m>>,
    ) -> Result<Self, BuildError> {
        self.add_group("Cc", name, members)
    }
    /// Adds a group of `Bcc` recipients; see [`to_group`](MessageBuilder::to_group).
    pub fn bcc_group<'m>(
        self,
        name: &str,
        members: impl IntoIterator<Item = Mailbox<'m>>,
    ) -> Result<Self, BuildError> {
        self.add_group("Bcc", name, members)
    }

    /// Adds a mailbox to an address field of the caller's choice (`Resent-To`,
    /// `Disposition-Notification-To` of RFC 8098, …), written like `To` (RFC 5322 §3.4). Mailboxes
    /// given under the same name (compared case-insensitively) share one field. The name must
    /// be `1*ftext` and not a field the builder writes with another syntax (MIME fields,
    /// `Message-ID`, `In-Reply-To`, `References`).
    pub fn address_header(self, name: &str, m: Mailbox<'_>) -> Result<Self, BuildError> {
        check_field_name(name, &[ID_FIELDS])?;
        let canonical = ADDRESS_FIELDS
            .iter()
            .zip(["From", "Sender", "Reply-To", "To", "Cc", "Bcc"])
            .find(|(l, _)| l.eq_ignore_ascii_case(name))
            .map_or(name, |(_, c)| c);
        Ok(self.add_mailbox(canonical, m))
    }

    /// Adds a group to an address field of the caller's choice; see
    /// [`address_header`](MessageBuilder::address_header) and
    /// [`to_group`](MessageBuilder::to_group).
    pub fn address_header_group<'m>(
        self,
        field: &str,
        name: &str,
        members: impl IntoIterator<Item = Mailbox<'m>>,
    ) -> Result<Self, BuildError> {
        check_field_name(field, &[ID_FIELDS])?;
        self.add_group(field, name, members)
    }

    /// Adds a message identifier to a field of the caller's choice (`Resent-Message-ID`,
    /// `Original-Message-ID`, …), written `<id>` like `References` (RFC 5322 §3.6.4); ids given
    /// under the same name share one field. The name must be `1*ftext` and not a MIME or
    /// address field; the id is checked as for [`message_id`](MessageBuilder::message_id).
    pub fn id_header(self, name: &str, id: &str) -> Result<Self, BuildError> {
        check_field_name(name, &[ADDRESS_FIELDS])?;
        let canonical = ID_FIELDS
            .iter()
            .zip(["Message-ID", "In-Reply-To", "References"])
            .find(|(l, _)| l.eq_ignore_ascii_case(name))
            .map_or(name, |(_, c)| c);
        self.add_id(canonical, id)
    }

    /// Sets the `Date` (RFC 5322 §3.6.1). There is no clock here: the caller gives the time.
    pub fn date(mut self, d: DateTime) -> Self {
        self.fields.retain(|f| !matches!(f, Field::Date(_)));
        self.fields.push(Field::Date(d));
        self
    }

    fn add_id(mut self, name: &str, id: &str) -> Result<Self, BuildError> {
        check_msg_id(id)?;
        for f in &mut self.fields {
            if let Field::Ids(n, list) = f {
                if n.eq_ignore_ascii_case(name) {
                    if name == "Message-ID" {
                        list.clear();
                    }
                    list.push(id.to_owned());
                    return Ok(self);
                }
            }
        }
        self.fields
            .push(Field::Ids(name.to_owned(), vec![id.to_owned()]));
        Ok(self)
    }

    /// Sets the `Message-ID`, without angle brackets (RFC 5322 §3.6.4).
    pub fn message_id(self, id: &str) -> Result<Self, BuildError> {
        self.add_id("Message-ID", id)
    }
    /// Adds an `In-Reply-To` identifier.
    pub fn in_reply_to(self, id: &str) -> Result<Self, BuildError> {
        self.add_id("In-Reply-To", id)
    }
    /// Adds a `References` identifier.
    pub fn references(self, id: &str) -> Result<Self, BuildError> {
        self.add_id("References", id)
    }

    /// Sets the `Subject` (any Unicode; control characters are rejected).
    pub fn subject(self, subject: &str) -> Result<Self, BuildError> {
        self.header("Subject", subject)
    }

    /// Adds an unstructured header field (`X-Mailer`, `Comments`, …). The name must be
    /// `1*ftext` (RFC 5322 §3.6.8) and not a MIME field the builder writes; the value may be any
    /// Unicode without control characters.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, BuildError> {
        check_field_name(name, &[])?;
        if value.chars().any(char::is_control) {
            return Err(BuildError::Control);
        }
        if name.eq_ignore_ascii_case("subject") {
            self.fields
                .retain(|f| !matches!(f, Field::Text(n, _) if n.eq_ignore_ascii_case("subject")));
        }
        self.fields
            .push(Field::Text(name.to_owned(), value.to_owned()));
        Ok(self)
    }

    /// Sets the plain-text body (UTF-8; line breaks become CRLF).
    pub fn text(mut self, text: &str) -> Self {
        self.text = Some(text.to_owned());
        self
    }

    /// Sets the HTML body (UTF-8; line breaks become CRLF).
    pub fn html(mut self, html: &str) -> Self {
        self.html = Some(html.to_owned());
        self
    }

    /// Adds an inline part for the HTML body (an image referred to as `cid:…`); it needs a
    /// Content-ID.
    pub fn inline(mut self, part: Attachment) -> Result<Self, BuildError> {
        if part.content_id.is_none() {
            return Err(BuildError::MissingContentId);
        }
        self.inline.push(part);
        Ok(self)
    }

    /// Adds an attachment (or an attached message).
    pub fn attachment(mut self, part: Attachment) -> Self {
        self.attachments.push(part);
        self
    }

    /// The message.
    pub fn build(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    /// Writes the message into `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let utf8 = self.utf8_headers;
        for f in &self.fields {
            match f {
                Field::Date(d) => {
                    let mut w = FieldWriter::new(out, "Date");
                    w.token(&d.to_string());
                    w.finish();
                }
                Field::Mailboxes(name, list) => {
                    let mut w = FieldWriter::new(out, name);
                    for (i, e) in list.iter().enumerate() {
                        if i > 0 {
                            w.push(",");
                        }
                        match e {
                            Entry::Mailbox(m) => write_mailbox(&mut w, m, utf8),
                            Entry::Group(name, members) => {
                                write_phrase(&mut w, name, utf8);
                                w.push(":");
                                for (j, m) in members.iter().enumerate() {
                                    if j > 0 {
                                        w.push(",");
                                    }
                                    write_mailbox(&mut w, m, utf8);
                                }
                                w.push(";");
                            }
                        }
                    }
                    w.finish();
                }
                Field::Ids(name, ids) => {
                    let mut w = FieldWriter::new(out, name);
                    for id in ids {
                        w.token(&format!("<{id}>"));
                    }
                    w.finish();
                }
                Field::Text(name, value) => {
                    let mut w = FieldWriter::new(out, name);
                    write_unstructured(&mut w, value, utf8);
                    w.finish();
                }
            }
        }
        out.extend_from_slice(b"MIME-Version: 1.0\r\n");
        let entity = self.structure();
        write_entity(&entity, out, 0);
    }

    fn structure(&self) -> Entity<'_> {
        let text = self.text.as_deref().map(|t| self.leaf_text("plain", t));
        let html = self.html.as_deref().map(|h| {
            let leaf = self.leaf_text("html", h);
            if self.inline.is_empty() {
                leaf
            } else {
                let mut children = vec![leaf];
                children.extend(self.inline.iter().map(|a| self.leaf_attachment(a, true)));
                Entity::Multipart {
                    sub: "related",
                    params: vec![("type", Cow::Borrowed("text/html"))],
                    children,
                }
            }
        });
        let body = match (text, html) {
            (Some(t), Some(h)) => Some(Entity::Multipart {
                sub: "alternative",
                params: Vec::new(),
                children: vec![t, h],
            }),
            (Some(t), None) => Some(t),
            (None, Some(h)) => Some(h),
            (None, None) if self.attachments.is_empty() => Some(self.leaf_text("plain", "")),
            (None, None) => None,
        };
        if self.attachments.is_empty() {
            return body.unwrap_or_else(|| self.leaf_text("plain", ""));
        }
        let mut children: Vec<Entity<'_>> = body.into_iter().collect();
        children.extend(
            self.attachments
                .iter()
                .map(|a| self.leaf_attachment(a, false)),
        );
        Entity::Multipart {
            sub: "mixed",
            params: Vec::new(),
            children,
        }
    }

    fn leaf_text(&self, sub: &'static str, text: &str) -> Entity<'_> {
        let data = normalize_crlf(text);
        let (cte, body) = encode_body(&data, true, self.eight_bit);
        Entity::Leaf {
            main: "text",
            sub,
            params: vec![("charset", Cow::Borrowed("utf-8"))],
            disposition: None,
            content_id: None,
            cte,
            body,
        }
    }

    fn leaf_attachment<'s>(&self, a: &'s Attachment, inline: bool) -> Entity<'s> {
        let (cte, body) = if a.main == "message" {
            let cte = if a.data.is_ascii() {
                TransferEncoding::SevenBit
            } else {
                TransferEncoding::EightBit
            };
            let cte = if a.data.contains(&0) || has_long_line(&a.data) {
                TransferEncoding::Binary
            } else {
                cte
            };
            (cte, a.data.clone())
        } else {
            encode_body(&a.data, false, self.eight_bit)
        };
        let mut params = Vec::new();
        if let Some(f) = &a.filename {
            params.push(("name", Cow::Borrowed(f.as_str())));
        }
        let disposition = Some((
            if inline { "inline" } else { "attachment" },
            a.filename.as_deref(),
        ));
        Entity::Leaf {
            main: &a.main,
            sub: &a.sub,
            params,
            disposition,
            content_id: a.content_id.as_deref(),
            cte,
            body,
        }
    }
}

fn write_mailbox(w: &mut FieldWriter<'_>, m: &Mailbox<'_>, utf8: bool) {
    match m.name() {
        Some(n) => {
            write_phrase(w, n, utf8);
            w.token(&format!("<{}>", m.address()));
        }
        None => w.token(m.address()),
    }
}

fn has_long_line(data: &[u8]) -> bool {
    data.split(|b| *b == b'\n').any(|l| l.len() > 999)
}

enum Entity<'a> {
    Leaf {
        main: &'a str,
        sub: &'a str,
        params: Vec<(&'static str, Cow<'a, str>)>,
        disposition: Option<(&'static str, Option<&'a str>)>,
        content_id: Option<&'a str>,
        cte: TransferEncoding<'static>,
        body: Vec<u8>,
    },
    Multipart {
        sub: &'static str,
        params: Vec<(&'static str, Cow<'a, str>)>,
        children: Vec<Entity<'a>>,
    },
}

/// A boundary that no line of `bodies` starts with (RFC 2046 §5.1.1). `=_` never occurs in
/// base64 or quoted-printable output, and 7-bit bodies are checked.
fn boundary(depth: usize, children: &[Vec<u8>]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in children {
        for &b in c.iter().take(4096) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        h = (h ^ c.len() as u64).wrapping_mul(0x100_0000_01b3);
    }
    let mut attempt = 0u32;
    loop {
        let b = format!("=_mp{depth}_{h:016x}{attempt:x}");
        let needle = format!("--{b}");
        let collides = children.iter().any(|c| {
            memchr::memmem::find_iter(c, needle.as_bytes()).any(|i| i == 0 || c[i - 1] == b'\n')
        });
        if !collides {
            return b;
        }
        attempt += 1;
    }
}

fn write_entity(e: &Entity<'_>, out: &mut Vec<u8>, depth: usize) {
    match e {
        Entity::Leaf {
            main,
            sub,
            params,
            disposition,
            content_id,
            cte,
            body,
        } => {
            let mut w = FieldWriter::new(out, "Content-Type");
            w.token(&format!("{main}/{sub}"));
            let p: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
            write_params(&mut w, &p);
            w.finish();
            if *cte != TransferEncoding::SevenBit {
                let mut w = FieldWriter::new(out, "Content-Transfer-Encoding");
                w.token(cte.as_str());
                w.finish();
            }
            if let Some((kind, filename)) = disposition {
                let mut w = FieldWriter::new(out, "Content-Disposition");
                w.token(kind);
                if let Some(f) = filename {
                    write_params(&mut w, &[("filename", f)]);
                }
                w.finish();
            }
            if let Some(id) = content_id {
                let mut w = FieldWriter::new(out, "Content-ID");
                w.token(&format!("<{id}>"));
                w.finish();
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(body);
        }
        Entity::Multipart {
            sub,
            params,
            children,
        } => {
            let bodies: Vec<Vec<u8>> = children
                .iter()
                .map(|c| {
                    let mut v = Vec::new();
                    write_entity(c, &mut v, depth + 1);
                    v
                })
                .collect();
            let b = boundary(depth, &bodies);
            let mut w = FieldWriter::new(out, "Content-Type");
            w.token(&format!("multipart/{sub}"));
            let mut p: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_ref())).collect();
            p.push(("boundary", &b));
            write_params(&mut w, &p);
            w.finish();
            out.extend_from_slice(b"\r\n");
            for body in &bodies {
                out.extend_from_slice(b"--");
                out.extend_from_slice(b.as_bytes());
                out.extend_from_slice(b"\r\n");
                out.extend_from_slice(body);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"--");
            out.extend_from_slice(b.as_bytes());
            out.extend_from_slice(b"--\r\n");
        }
    }
}
