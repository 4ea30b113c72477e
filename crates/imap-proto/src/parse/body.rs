//! Parsers for `ENVELOPE` and `BODY`/`BODYSTRUCTURE` (RFC 9051 §7.5.2 and §9 `envelope`,
//! `body`; RFC 3501 §7.4.2 and §9).
//!
//! Every nested list goes through [`Cursor::enter`]/[`Cursor::leave`] (or [`Cursor::list`]),
//! so a deeply nested body structure is a [`ParseErrorKind::TooDeep`](super::ParseErrorKind)
//! error, never a stack overflow.
//!
//! Tolerated, beyond the grammar (each seen from real servers, see the crate docs):
//! `()` for an empty address list and `NIL` elements inside one (Mail.ru, Dovecot), spaces
//! between addresses (Outlook.com), `NIL` for a parameter value (Mail.ru), a disposition sent
//! as a bare string (Exchange), a disposition without parameters, a `TEXT` part without its
//! line count (Yandex), a `MESSAGE/RFC822` part without envelope and body (sent as a basic
//! part), spaces between the parts of a multipart and before `)`.

use super::core::{eq_ignore_case, vec_for_items};
use super::{Cursor, Fail, PResult};
use crate::types::{
    Address, BodyExtTail, BodyExtension, BodyFields, BodyLanguage, BodyLocation, BodyParams,
    BodyStructure, Disposition, Envelope, IString, MultiPartExt, NString, SinglePart,
    SinglePartExt, SpecificFields,
};

/// An `envelope` (RFC 9051 §9): `"(" env-date SP env-subject SP env-from SP env-sender SP
/// env-reply-to SP env-to SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"`.
pub fn envelope<'a>(c: &mut Cursor<'a>) -> PResult<Envelope<'a>> {
    c.byte(b'(', "'(' of an envelope")?;
    c.enter()?;
    c.skip_extra_spaces();
    let date = c.nstring()?;
    c.sp()?;
    let subject = c.nstring()?;
    c.sp()?;
    let from = address_list(c)?;
    c.sp()?;
    let sender = address_list(c)?;
    c.sp()?;
    let reply_to = address_list(c)?;
    c.sp()?;
    let to = address_list(c)?;
    c.sp()?;
    let cc = address_list(c)?;
    c.sp()?;
    let bcc = address_list(c)?;
    c.sp()?;
    let in_reply_to = c.nstring()?;
    c.sp()?;
    let message_id = c.nstring()?;
    c.skip_extra_spaces();
    c.byte(b')', "')' of an envelope")?;
    c.leave();
    Ok(Envelope {
        date,
        subject,
        from,
        sender,
        reply_to,
        to,
        cc,
        bcc,
        in_reply_to,
        message_id,
    })
}

/// An address list (`"(" 1*address ")" / nil`); `()`, spaces between addresses and `NIL`
/// elements are tolerated.
fn address_list<'a>(c: &mut Cursor<'a>) -> PResult<Vec<Address<'a>>> {
    if c.nil()? {
        return Ok(Vec::new());
    }
    c.byte(b'(', "address list")?;
    c.enter()?;
    // `()` (tolerated) allocates nothing; the usual list of one or more addresses gets the
    // capacity its first push would give, directly.
    let mut out = if c.peek() == Some(b'(') {
        vec_for_items(0)
    } else {
        Vec::new()
    };
    loop {
        while c.eat(b' ') {}
        match c.peek() {
            Some(b')') => {
                c.advance(1);
                break;
            }
            Some(b'(') => {
                c.check_items(out.len(), "addresses")?;
                out.push(address(c)?);
            }
            Some(b'N' | b'n') if c.nil()? => {}
            _ => return Err(c.expected("address")),
        }
    }
    c.leave();
    Ok(out)
}

/// An `address` (RFC 9051 §9): `"(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"`.
fn address<'a>(c: &mut Cursor<'a>) -> PResult<Address<'a>> {
    c.byte(b'(', "'(' of an address")?;
    c.skip_extra_spaces();
    let name = c.nstring()?;
    c.sp()?;
    let adl = c.nstring()?;
    c.sp()?;
    let mailbox = c.nstring()?;
    c.sp()?;
    let host = c.nstring()?;
    c.skip_extra_spaces();
    c.byte(b')', "')' of an address")?;
    Ok(Address {
        name,
        adl,
        mailbox,
        host,
    })
}

/// A `body` (RFC 9051 §9): the body structure of `BODY` and `BODYSTRUCTURE`, with any
/// extension data present.
pub fn body_structure<'a>(c: &mut Cursor<'a>) -> PResult<BodyStructure<'a>> {
    c.byte(b'(', "'(' of a body")?;
    c.enter()?;
    c.skip_extra_spaces();
    let body = if c.peek() == Some(b'(') {
        multipart(c)?
    } else {
        let start = c.pos();
        match single_part(c) {
            Ok(body) => body,
            Err(fail) => empty_multipart(c, start, fail)?,
        }
    };
    c.skip_extra_spaces();
    c.byte(b')', "')' of a body")?;
    c.leave();
    Ok(body)
}

/// After a single part failed to parse from `start`: under
/// [`allow_empty_multipart`](super::ParseConfig::allow_empty_multipart), a multipart without
/// parts, as Gmail and others send (`("MIXED")`, `("MIXED" ("BOUNDARY" "x") NIL NIL)`: the
/// subtype and extension data only); otherwise, or if that fails too, the original failure.
/// Kept out of line so that the recursion of [`body_structure`] does not pay for its frame.
#[cold]
#[inline(never)]
fn empty_multipart<'a>(c: &mut Cursor<'a>, start: usize, fail: Fail) -> PResult<BodyStructure<'a>> {
    match fail {
        Fail::Error(e) if c.config().allow_empty_multipart && !e.is_limit() => {
            c.set_pos(start);
            match multipart_tail(c, Vec::new()) {
                // A limit reached on the way is reported as such, never as the first error.
                Err(Fail::Error(e2)) if !e2.is_limit() => Err(Fail::Error(e)),
                other => other,
            }
        }
        fail => Err(fail),
    }
}

fn multipart<'a>(c: &mut Cursor<'a>) -> PResult<BodyStructure<'a>> {
    let mut parts = vec_for_items(0);
    loop {
        c.check_items(parts.len(), "body parts")?;
        parts.push(body_structure(c)?);
        let save = c.pos();
        c.skip_extra_spaces();
        if c.peek() != Some(b'(') {
            c.set_pos(save);
            break;
        }
    }
    c.sp()?;
    multipart_tail(c, parts)
}

/// The rest of a multipart after its parts: `media-subtype [SP body-ext-mpart]`.
fn multipart_tail<'a>(
    c: &mut Cursor<'a>,
    parts: Vec<BodyStructure<'a>>,
) -> PResult<BodyStructure<'a>> {
    let subtype = c.string()?;
    let ext = if c.opt_sp()? {
        let params = body_params(c)?;
        let tail = ext_tail(c)?;
        Some(MultiPartExt { params, tail })
    } else {
        None
    };
    Ok(BodyStructure::Multi {
        parts,
        subtype,
        ext,
    })
}

fn is_message_with_envelope(media_type: &IString<'_>, subtype: &IString<'_>) -> bool {
    eq_ignore_case(media_type.as_bytes(), b"MESSAGE")
        && (eq_ignore_case(subtype.as_bytes(), b"RFC822")
            || eq_ignore_case(subtype.as_bytes(), b"GLOBAL"))
}

fn single_part<'a>(c: &mut Cursor<'a>) -> PResult<BodyStructure<'a>> {
    let media_type = c.string()?;
    c.sp()?;
    let subtype = c.string()?;
    c.sp()?;
    let fields = body_fields(c)?;
    let specific = if eq_ignore_case(media_type.as_bytes(), b"TEXT") {
        let save = c.pos();
        if c.opt_sp()? && c.peek().is_some_and(|b| b.is_ascii_digit()) {
            SpecificFields::Text {
                lines: c.number64()?,
            }
        } else {
            c.set_pos(save);
            SpecificFields::Text { lines: 0 }
        }
    } else if is_message_with_envelope(&media_type, &subtype) {
        let save = c.pos();
        if c.opt_sp()? && c.peek() == Some(b'(') {
            let envelope = envelope(c)?;
            c.sp()?;
            let body = body_structure(c)?;
            c.sp()?;
            let lines = c.number64()?;
            SpecificFields::Message {
                envelope: Box::new(envelope),
                body: Box::new(body),
                lines,
            }
        } else {
            c.set_pos(save);
            SpecificFields::Basic
        }
    } else {
        SpecificFields::Basic
    };
    let ext = if c.opt_sp()? {
        let md5 = c.nstring()?;
        let tail = ext_tail(c)?;
        Some(SinglePartExt { md5, tail })
    } else {
        None
    };
    Ok(BodyStructure::Single {
        body: SinglePart {
            media_type,
            subtype,
            fields,
            specific,
        },
        ext,
    })
}

/// `body-fields` (RFC 9051 §9).
fn body_fields<'a>(c: &mut Cursor<'a>) -> PResult<BodyFields<'a>> {
    let params = body_params(c)?;
    c.sp()?;
    let id = c.nstring()?;
    c.sp()?;
    let description = c.nstring()?;
    c.sp()?;
    let encoding = c.string()?;
    c.sp()?;
    let octets = c.number()?;
    Ok(BodyFields {
        params,
        id,
        description,
        encoding,
        octets,
    })
}

/// `body-fld-param` (RFC 9051 §9): `"(" string SP string *(SP string SP string) ")" / nil`.
fn body_params<'a>(c: &mut Cursor<'a>) -> PResult<BodyParams<'a>> {
    if c.nil()? {
        return Ok(Vec::new());
    }
    c.list("body parameters", |c| {
        let name = c.string()?;
        c.sp()?;
        let value = c.string()?;
        Ok((name, value))
    })
}

/// `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`.
fn ext_tail<'a>(c: &mut Cursor<'a>) -> PResult<Option<BodyExtTail<'a>>> {
    if !c.opt_sp()? {
        return Ok(None);
    }
    let disposition = disposition(c)?;
    let language = if c.opt_sp()? {
        let languages = languages(c)?;
        let location = if c.opt_sp()? {
            let location = c.nstring()?;
            let mut extensions = Vec::new();
            while c.opt_sp()? {
                c.check_items(extensions.len(), "body extensions")?;
                extensions.push(body_extension(c)?);
            }
            Some(BodyLocation {
                location,
                extensions,
            })
        } else {
            None
        };
        Some(BodyLanguage {
            languages,
            location,
        })
    } else {
        None
    };
    Ok(Some(BodyExtTail {
        disposition,
        language,
    }))
}

/// `body-fld-dsp` (RFC 9051 §9): `"(" string SP body-fld-param ")" / nil`; a bare string
/// (Exchange) and a list without parameters are tolerated.
fn disposition<'a>(c: &mut Cursor<'a>) -> PResult<Option<Disposition<'a>>> {
    if c.nil()? {
        return Ok(None);
    }
    if c.peek() != Some(b'(') {
        let kind = c.string()?;
        return Ok(Some(Disposition {
            kind,
            params: Vec::new(),
        }));
    }
    c.advance(1);
    c.enter()?;
    c.skip_extra_spaces();
    let kind = c.string()?;
    let save = c.pos();
    c.skip_extra_spaces();
    let params = if c.peek() == Some(b')') {
        Vec::new()
    } else {
        c.set_pos(save);
        c.sp()?;
        body_params(c)?
    };
    c.skip_extra_spaces();
    c.byte(b')', "')' of a disposition")?;
    c.leave();
    Ok(Some(Disposition { kind, params }))
}

/// `body-fld-lang` (RFC 9051 §9): `nstring / "(" string *(SP string) ")"`.
fn languages<'a>(c: &mut Cursor<'a>) -> PResult<Vec<IString<'a>>> {
    if c.peek() == Some(b'(') {
        return c.list("languages", Cursor::string);
    }
    Ok(c.nstring()?.0.into_iter().collect())
}

/// `body-extension` (RFC 9051 §9): `nstring / number / number64 / "(" body-extension *(SP
/// body-extension) ")"`.
fn body_extension<'a>(c: &mut Cursor<'a>) -> PResult<BodyExtension<'a>> {
    match c.peek() {
        // `()` is outside the grammar; read as NIL so that it re-encodes to valid syntax.
        Some(b'(') => c.list("body extensions", body_extension).map(|v| {
            if v.is_empty() {
                BodyExtension::NString(NString::NIL)
            } else {
                BodyExtension::List(v)
            }
        }),
        Some(b) if b.is_ascii_digit() => c.number64().map(BodyExtension::Number),
        _ => c.nstring().map(BodyExtension::NString),
    }
}
