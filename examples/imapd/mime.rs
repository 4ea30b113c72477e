//! ENVELOPE, BODYSTRUCTURE and `BODY[section]` of a stored message, computed with `rfc5322-msg`
//! and expressed in `imap-proto` values (RFC 9051 §7.5.2, §6.4.5).
//!
//! The two protocol crates do not depend on each other; this bridge lives in the example that
//! needs both.

use std::borrow::Cow;

use base64::Engine as _;
use mailproto::imap::types::{
    Address, BodyExtTail, BodyFields, BodyLanguage, BodyLocation, BodyParams, BodyStructure,
    Disposition, Envelope, IString, MultiPartExt, NString, Section, SectionPart, SectionText,
    SinglePart, SinglePartExt, SpecificFields,
};
use mailproto::msg::types::{self as msg, Headers, Message, Part, PartKind};

fn istring(data: impl Into<Vec<u8>>) -> IString<'static> {
    let data: Vec<u8> = data.into();
    // A NUL cannot be sent in a string; such bytes are dropped rather than failing the FETCH.
    let data: Vec<u8> = if data.contains(&0) {
        data.into_iter().filter(|&b| b != 0).collect()
    } else {
        data
    };
    IString::new(data).expect("a string without NUL is always valid")
}

fn nstring(data: Option<impl Into<Vec<u8>>>) -> NString<'static> {
    NString(data.map(istring))
}

/// A header value as IMAP servers put it in the envelope: unfolded, trimmed, encoded words
/// left as they are.
fn raw_value(headers: &Headers<'_>, name: &str) -> NString<'static> {
    nstring(headers.get(name).map(|f| f.unfolded().into_owned()))
}

/// A display name for `addr-name`: ASCII as it is, anything else as one RFC 2047 encoded word
/// (the header was decoded by the parser; a client without UTF8=ACCEPT needs 7-bit).
fn display_name(name: Option<&str>) -> NString<'static> {
    match name {
        None => NString::NIL,
        Some(n) if n.is_ascii() => nstring(Some(n.as_bytes().to_vec())),
        Some(n) => {
            let b64 = base64::engine::general_purpose::STANDARD.encode(n.as_bytes());
            nstring(Some(format!("=?utf-8?B?{b64}?=").into_bytes()))
        }
    }
}

fn address(m: &msg::Mailbox<'_>) -> Address<'static> {
    let route = m.route();
    Address {
        name: display_name(m.name()),
        adl: if route.is_empty() {
            NString::NIL
        } else {
            let adl: Vec<String> = route.iter().map(|d| format!("@{d}")).collect();
            nstring(Some(adl.join(",").into_bytes()))
        },
        mailbox: nstring(Some(m.local_part().into_owned().into_bytes())),
        host: match m.domain() {
            Some(d) => nstring(Some(d.as_bytes().to_vec())),
            // RFC 9051 §7.5.2: a missing host is NIL only for group syntax; use the usual
            // placeholder of servers for an unqualified address.
            None => nstring(Some(b"MISSING_DOMAIN".to_vec())),
        },
    }
}

fn addresses(headers: &Headers<'_>, name: &str) -> Vec<Address<'static>> {
    let mut out = Vec::new();
    for a in headers.addresses(name) {
        match a {
            msg::Address::Mailbox(m) => out.push(address(&m)),
            msg::Address::Group(g) => {
                // RFC 9051 §7.5.2: group start (mailbox = name, host NIL), members, group end.
                out.push(Address {
                    mailbox: nstring(Some(g.name().as_bytes().to_vec())),
                    ..Address::default()
                });
                out.extend(g.members().iter().map(address));
                out.push(Address::default());
            }
        }
    }
    out
}

/// The ENVELOPE of a message or encapsulated message (RFC 9051 §7.5.2): sender and reply-to
/// default to from.
pub fn envelope(headers: &Headers<'_>) -> Envelope<'static> {
    let from = addresses(headers, "From");
    let sender = if headers.get("Sender").is_some() {
        addresses(headers, "Sender")
    } else {
        from.clone()
    };
    let reply_to = if headers.get("Reply-To").is_some() {
        addresses(headers, "Reply-To")
    } else {
        from.clone()
    };
    Envelope {
        date: raw_value(headers, "Date"),
        subject: raw_value(headers, "Subject"),
        from,
        sender,
        reply_to,
        to: addresses(headers, "To"),
        cc: addresses(headers, "Cc"),
        bcc: addresses(headers, "Bcc"),
        in_reply_to: raw_value(headers, "In-Reply-To"),
        message_id: raw_value(headers, "Message-ID"),
    }
}

fn params(list: &[msg::Parameter<'_>]) -> BodyParams<'static> {
    list.iter()
        .map(|p| {
            (
                istring(p.name().as_bytes().to_vec()),
                istring(p.value().as_bytes().to_vec()),
            )
        })
        .collect()
}

fn tail(part: &Part<'_>) -> BodyExtTail<'static> {
    let disposition = part.disposition().map(|d| Disposition {
        kind: istring(d.kind().as_bytes().to_vec()),
        params: params(d.params()),
    });
    let language: Vec<IString<'static>> = part
        .headers()
        .get("Content-Language")
        .map(|f| {
            f.text()
                .split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| istring(l.as_bytes().to_vec()))
                .collect()
        })
        .unwrap_or_default();
    BodyExtTail {
        disposition,
        language: Some(BodyLanguage {
            languages: language,
            location: Some(BodyLocation {
                location: raw_value(&part.headers(), "Content-Location"),
                extensions: Vec::new(),
            }),
        }),
    }
}

/// The BODYSTRUCTURE (`extensible`) or BODY of a part (RFC 9051 §7.5.2). Recursion follows the
/// parsed MIME tree, whose depth `rfc5322-msg` bounds.
pub fn body_structure(part: Part<'_>, extensible: bool) -> BodyStructure<'static> {
    let ct = part.content_type();
    if part.kind() == PartKind::Multipart {
        let mut parts: Vec<_> = part
            .children()
            .map(|c| body_structure(c, extensible))
            .collect();
        if parts.is_empty() {
            // RFC 9051 requires at least one part; an empty multipart is shown as one empty
            // text part, as servers do.
            parts.push(BodyStructure::Single {
                body: SinglePart {
                    media_type: istring("TEXT"),
                    subtype: istring("PLAIN"),
                    fields: BodyFields {
                        params: vec![(istring("CHARSET"), istring("US-ASCII"))],
                        id: NString::NIL,
                        description: NString::NIL,
                        encoding: istring("7BIT"),
                        octets: 0,
                    },
                    specific: SpecificFields::Text { lines: 0 },
                },
                ext: None,
            });
        }
        return BodyStructure::Multi {
            parts,
            subtype: istring(ct.subtype().to_ascii_uppercase()),
            ext: extensible.then(|| MultiPartExt {
                params: params(ct.params()),
                tail: Some(tail(&part)),
            }),
        };
    }
    let headers = part.headers();
    let fields = BodyFields {
        params: params(ct.params()),
        id: raw_value(&headers, "Content-ID"),
        description: raw_value(&headers, "Content-Description"),
        encoding: istring(part.transfer_encoding().as_str().to_ascii_uppercase()),
        octets: u32::try_from(part.size()).unwrap_or(u32::MAX),
    };
    let specific = match (part.kind(), part.message()) {
        (PartKind::Message, Some(inner)) => SpecificFields::Message {
            envelope: Box::new(envelope(&inner.headers())),
            body: Box::new(body_structure(inner, extensible)),
            lines: part.lines() as u64,
        },
        _ if ct.is_text() => SpecificFields::Text {
            lines: part.lines() as u64,
        },
        _ => SpecificFields::Basic,
    };
    BodyStructure::Single {
        body: SinglePart {
            media_type: istring(ct.main_type().to_ascii_uppercase()),
            subtype: istring(ct.subtype().to_ascii_uppercase()),
            fields,
            specific,
        },
        ext: extensible.then(|| SinglePartExt {
            md5: raw_value(&headers, "Content-MD5"),
            tail: Some(tail(&part)),
        }),
    }
}

fn part_for<'m>(message: &'m Message<'_>, numbers: &[u32]) -> Option<Part<'m>> {
    message.part_by_section(&msg::Section(numbers.to_vec()))
}

/// The header fields of `header` whose names are (`keep`) or are not in `names`, followed by
/// the empty line (RFC 9051 §6.4.5 HEADER.FIELDS / HEADER.FIELDS.NOT).
fn header_fields(headers: &Headers<'_>, names: &[&[u8]], keep: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for field in headers.iter() {
        let listed = names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(field.name_bytes()));
        if listed == keep {
            out.extend_from_slice(field.raw());
        }
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// The bytes of `BODY[section]` (RFC 9051 §6.4.5), `None` when the message has no such part
/// (servers answer such a FETCH with an empty string, which is what the caller sends).
pub fn section_bytes<'m>(message: &'m Message<'_>, section: &Section<'_>) -> Option<Cow<'m, [u8]>> {
    let numbers = part_numbers(section.part());
    let raw = message.raw();
    let Some(text) = section.text() else {
        if numbers.is_empty() {
            return Some(Cow::Borrowed(raw));
        }
        let part = part_for(message, &numbers)?;
        return Some(Cow::Borrowed(part.raw_body()));
    };
    // HEADER, HEADER.FIELDS and TEXT after a part number address the message encapsulated in
    // that part; MIME addresses the part's own header.
    let target = if numbers.is_empty() {
        message.root()
    } else {
        let part = part_for(message, &numbers)?;
        match text {
            SectionText::Mime => part,
            _ => part.message()?,
        }
    };
    match text {
        SectionText::Header | SectionText::Mime => Some(Cow::Borrowed(target.raw_header())),
        SectionText::Text => Some(Cow::Borrowed(target.raw_body())),
        SectionText::HeaderFields(names) | SectionText::HeaderFieldsNot(names) => {
            let keep = matches!(text, SectionText::HeaderFields(_));
            let names: Vec<&[u8]> = names.iter().map(|n| n.as_bytes()).collect();
            Some(Cow::Owned(header_fields(&target.headers(), &names, keep)))
        }
    }
}

/// The numbers of a section part (`1.2.3`), empty for the whole message.
fn part_numbers(part: Option<&SectionPart<'_>>) -> Vec<u32> {
    part.map(|p| p.iter().map(|n| n.get()).collect())
        .unwrap_or_default()
}

/// The decoded content of a part for `BINARY[part]` (RFC 3516 §4.2): the transfer encoding
/// undone; the whole message for `BINARY[]`. `None` when there is no such part.
pub fn binary_bytes<'m>(
    message: &'m Message<'_>,
    part: Option<&SectionPart<'_>>,
) -> Option<Cow<'m, [u8]>> {
    let numbers = part_numbers(part);
    if numbers.is_empty() {
        return Some(Cow::Borrowed(message.raw()));
    }
    let part = part_for(message, &numbers)?;
    Some(part.decoded_body())
}
