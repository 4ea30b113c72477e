//! [`Encode`] for `ENVELOPE` and `BODY`/`BODYSTRUCTURE` (RFC 9051 §7.5.2 and §9 `envelope`,
//! `body`).
//!
//! Empty address lists, parameter lists and languages are written as `NIL`; one language as
//! a string, several as a list.

use super::{Encode, Encoder};
use crate::types::{
    Address, BodyExtTail, BodyExtension, BodyFields, BodyParams, BodyStructure, Disposition,
    Envelope, IString, MultiPartExt, SinglePart, SinglePartExt, SpecificFields,
};

fn address_list(e: &mut Encoder, list: &[Address<'_>]) {
    if list.is_empty() {
        e.push(b"NIL");
        return;
    }
    e.push_byte(b'(');
    for a in list {
        a.encode(e);
    }
    e.push_byte(b')');
}

pub(crate) fn body_params(e: &mut Encoder, params: &BodyParams<'_>) {
    if params.is_empty() {
        e.push(b"NIL");
        return;
    }
    e.push_byte(b'(');
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            e.sp();
        }
        k.encode(e);
        e.sp();
        v.encode(e);
    }
    e.push_byte(b')');
}

impl Encode for Envelope<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        self.date.encode(e);
        e.sp();
        self.subject.encode(e);
        for list in [
            &self.from,
            &self.sender,
            &self.reply_to,
            &self.to,
            &self.cc,
            &self.bcc,
        ] {
            e.sp();
            address_list(e, list);
        }
        e.sp();
        self.in_reply_to.encode(e);
        e.sp();
        self.message_id.encode(e);
        e.push_byte(b')');
    }
}

impl Encode for Address<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        self.name.encode(e);
        e.sp();
        self.adl.encode(e);
        e.sp();
        self.mailbox.encode(e);
        e.sp();
        self.host.encode(e);
        e.push_byte(b')');
    }
}

impl Encode for BodyStructure<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        match self {
            BodyStructure::Single { body, ext } => {
                body.encode(e);
                if let Some(ext) = ext {
                    e.sp();
                    ext.encode(e);
                }
            }
            BodyStructure::Multi {
                parts,
                subtype,
                ext,
            } => {
                for p in parts {
                    p.encode(e);
                }
                // A multipart without parts (a tolerance of the parser) is `("MIXED")`.
                if !parts.is_empty() {
                    e.sp();
                }
                subtype.encode(e);
                if let Some(ext) = ext {
                    e.sp();
                    ext.encode(e);
                }
            }
        }
        e.push_byte(b')');
    }
}

impl Encode for SinglePart<'_> {
    /// The part without its parentheses and extension data.
    fn encode(&self, e: &mut Encoder) {
        self.media_type.encode(e);
        e.sp();
        self.subtype.encode(e);
        e.sp();
        self.fields.encode(e);
        match &self.specific {
            SpecificFields::Basic => {}
            SpecificFields::Text { lines } => {
                e.sp();
                e.number(*lines);
            }
            SpecificFields::Message {
                envelope,
                body,
                lines,
            } => {
                e.sp();
                envelope.encode(e);
                e.sp();
                body.encode(e);
                e.sp();
                e.number(*lines);
            }
        }
    }
}

impl Encode for BodyFields<'_> {
    fn encode(&self, e: &mut Encoder) {
        body_params(e, &self.params);
        e.sp();
        self.id.encode(e);
        e.sp();
        self.description.encode(e);
        e.sp();
        self.encoding.encode(e);
        e.sp();
        e.number(u64::from(self.octets));
    }
}

impl Encode for SinglePartExt<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.md5.encode(e);
        if let Some(t) = &self.tail {
            e.sp();
            t.encode(e);
        }
    }
}

impl Encode for MultiPartExt<'_> {
    fn encode(&self, e: &mut Encoder) {
        body_params(e, &self.params);
        if let Some(t) = &self.tail {
            e.sp();
            t.encode(e);
        }
    }
}

fn languages(e: &mut Encoder, langs: &[IString<'_>]) {
    match langs {
        [] => e.push(b"NIL"),
        [one] => one.encode(e),
        many => e.list(many),
    }
}

impl Encode for BodyExtTail<'_> {
    fn encode(&self, e: &mut Encoder) {
        match &self.disposition {
            Some(d) => d.encode(e),
            None => e.push(b"NIL"),
        }
        if let Some(lang) = &self.language {
            e.sp();
            languages(e, &lang.languages);
            if let Some(loc) = &lang.location {
                e.sp();
                loc.location.encode(e);
                for x in &loc.extensions {
                    e.sp();
                    x.encode(e);
                }
            }
        }
    }
}

impl Encode for Disposition<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        self.kind.encode(e);
        e.sp();
        body_params(e, &self.params);
        e.push_byte(b')');
    }
}

impl Encode for BodyExtension<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            BodyExtension::NString(s) => s.encode(e),
            BodyExtension::Number(n) => e.number(*n),
            BodyExtension::List(v) if v.is_empty() => e.push(b"NIL"),
            BodyExtension::List(v) => e.list(v),
        }
    }
}
