//! The message structure of FETCH responses: `ENVELOPE` (RFC 9051 §7.5.2, RFC 3501 §7.4.2) and
//! `BODY`/`BODYSTRUCTURE` (RFC 9051 §7.5.2 and §9 `body`, RFC 3501 §7.4.2), with every extension
//! field (MD5, disposition, language, location and further `body-extension`s).
//!
//! Every leaf is a validated core value ([`NString`], [`IString`]), so any value that exists
//! encodes to the grammar. Lists that the grammar writes as `NIL` or as a parenthesized list
//! (address lists, parameter lists, languages) are `Vec`s: empty is `NIL`.

use super::{IString, NString};

/// A parsed `ENVELOPE` (RFC 9051 §7.5.2 and §9 `envelope`): the main header fields of a
/// message, already split into address structures by the server.
///
/// Address lists are empty when the server sent `NIL`. The group syntax of RFC 5322 is kept as
/// the server sends it (RFC 9051 §9 note: a start-of-group address has a NIL host and the group
/// name as mailbox; the end-of-group address has NIL mailbox and host).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Envelope<'a> {
    /// `Date:` (`env-date`).
    pub date: NString<'a>,
    /// `Subject:` (`env-subject`), as sent (possibly RFC 2047 encoded words).
    pub subject: NString<'a>,
    /// `From:` (`env-from`).
    pub from: Vec<Address<'a>>,
    /// `Sender:` (`env-sender`); servers fill it from `From:` when absent.
    pub sender: Vec<Address<'a>>,
    /// `Reply-To:` (`env-reply-to`); servers fill it from `From:` when absent.
    pub reply_to: Vec<Address<'a>>,
    /// `To:` (`env-to`).
    pub to: Vec<Address<'a>>,
    /// `Cc:` (`env-cc`).
    pub cc: Vec<Address<'a>>,
    /// `Bcc:` (`env-bcc`).
    pub bcc: Vec<Address<'a>>,
    /// `In-Reply-To:` (`env-in-reply-to`).
    pub in_reply_to: NString<'a>,
    /// `Message-ID:` (`env-message-id`).
    pub message_id: NString<'a>,
}

impl Envelope<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Envelope<'static> {
        Envelope {
            date: self.date.into_owned(),
            subject: self.subject.into_owned(),
            from: owned_addresses(self.from),
            sender: owned_addresses(self.sender),
            reply_to: owned_addresses(self.reply_to),
            to: owned_addresses(self.to),
            cc: owned_addresses(self.cc),
            bcc: owned_addresses(self.bcc),
            in_reply_to: self.in_reply_to.into_owned(),
            message_id: self.message_id.into_owned(),
        }
    }
}

fn owned_addresses(v: Vec<Address<'_>>) -> Vec<Address<'static>> {
    v.into_iter().map(Address::into_owned).collect()
}

/// One address of an envelope (RFC 9051 §9 `address`): `(name adl mailbox host)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Address<'a> {
    /// The display name (`addr-name`).
    pub name: NString<'a>,
    /// The obsolete source route (`addr-adl`).
    pub adl: NString<'a>,
    /// The local part (`addr-mailbox`), or the group name at the start of a group, or NIL at
    /// its end.
    pub mailbox: NString<'a>,
    /// The domain (`addr-host`); NIL for group syntax.
    pub host: NString<'a>,
}

impl Address<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Address<'static> {
        Address {
            name: self.name.into_owned(),
            adl: self.adl.into_owned(),
            mailbox: self.mailbox.into_owned(),
            host: self.host.into_owned(),
        }
    }
}

/// A body parameter list (RFC 9051 §9 `body-fld-param`): attribute/value pairs; `NIL` when
/// empty.
pub type BodyParams<'a> = Vec<(IString<'a>, IString<'a>)>;

fn owned_params(v: BodyParams<'_>) -> BodyParams<'static> {
    v.into_iter()
        .map(|(a, b)| (a.into_owned(), b.into_owned()))
        .collect()
}

fn owned_strings(v: Vec<IString<'_>>) -> Vec<IString<'static>> {
    v.into_iter().map(IString::into_owned).collect()
}

/// A `BODY` or `BODYSTRUCTURE` (RFC 9051 §7.5.2 and §9 `body`): a single part or a multipart
/// with its parts.
///
/// `BODY` (the non-extensible form) has no extension data; `BODYSTRUCTURE` usually has it.
/// Nesting (multiparts, `message/rfc822` parts) is bounded by
/// [`ParseConfig::max_depth`](crate::parse::ParseConfig::max_depth) when parsing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BodyStructure<'a> {
    /// A non-multipart part (`body-type-1part`).
    Single {
        /// The type, subtype, fields and type-specific data.
        body: SinglePart<'a>,
        /// The extension data (`body-ext-1part`), if sent.
        ext: Option<SinglePartExt<'a>>,
    },
    /// A multipart (`body-type-mpart`).
    Multi {
        /// The parts: at least one in the grammar; none under
        /// [`allow_empty_multipart`](crate::parse::ParseConfig::allow_empty_multipart), for
        /// the servers that send `("MIXED")`.
        parts: Vec<BodyStructure<'a>>,
        /// The subtype (`mixed`, `alternative`, …).
        subtype: IString<'a>,
        /// The extension data (`body-ext-mpart`), if sent.
        ext: Option<MultiPartExt<'a>>,
    },
}

impl BodyStructure<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> BodyStructure<'static> {
        match self {
            BodyStructure::Single { body, ext } => BodyStructure::Single {
                body: body.into_owned(),
                ext: ext.map(SinglePartExt::into_owned),
            },
            BodyStructure::Multi {
                parts,
                subtype,
                ext,
            } => BodyStructure::Multi {
                parts: parts.into_iter().map(BodyStructure::into_owned).collect(),
                subtype: subtype.into_owned(),
                ext: ext.map(MultiPartExt::into_owned),
            },
        }
    }
}

/// A non-multipart body part (RFC 9051 §9 `body-type-basic`, `body-type-msg`,
/// `body-type-text`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SinglePart<'a> {
    /// The media type (`TEXT`, `APPLICATION`, `MESSAGE`, …).
    pub media_type: IString<'a>,
    /// The media subtype (`PLAIN`, `OCTET-STREAM`, `RFC822`, …).
    pub subtype: IString<'a>,
    /// The fields every part has.
    pub fields: BodyFields<'a>,
    /// What depends on the type.
    pub specific: SpecificFields<'a>,
}

impl SinglePart<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> SinglePart<'static> {
        SinglePart {
            media_type: self.media_type.into_owned(),
            subtype: self.subtype.into_owned(),
            fields: self.fields.into_owned(),
            specific: self.specific.into_owned(),
        }
    }
}

/// The `body-fields` of a part (RFC 9051 §9).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BodyFields<'a> {
    /// Content-Type parameters (`body-fld-param`); empty is `NIL`.
    pub params: BodyParams<'a>,
    /// Content-ID (`body-fld-id`).
    pub id: NString<'a>,
    /// Content-Description (`body-fld-desc`).
    pub description: NString<'a>,
    /// Content-Transfer-Encoding (`body-fld-enc`).
    pub encoding: IString<'a>,
    /// The size in octets of the encoded body (`body-fld-octets`).
    pub octets: u32,
}

impl BodyFields<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> BodyFields<'static> {
        BodyFields {
            params: owned_params(self.params),
            id: self.id.into_owned(),
            description: self.description.into_owned(),
            encoding: self.encoding.into_owned(),
            octets: self.octets,
        }
    }
}

/// The type-specific fields of a single part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SpecificFields<'a> {
    /// Any type but `TEXT/*` and `MESSAGE/RFC822`/`MESSAGE/GLOBAL` (`body-type-basic`).
    Basic,
    /// `TEXT/*` (`body-type-text`): the size in lines.
    Text {
        /// `body-fld-lines`.
        lines: u64,
    },
    /// `MESSAGE/RFC822` or `MESSAGE/GLOBAL` (RFC 9051 `body-type-msg`, RFC 6532): the
    /// encapsulated message's envelope, body structure and size in lines.
    Message {
        /// The encapsulated message's envelope.
        envelope: Box<Envelope<'a>>,
        /// The encapsulated message's body structure.
        body: Box<BodyStructure<'a>>,
        /// `body-fld-lines`.
        lines: u64,
    },
}

impl SpecificFields<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> SpecificFields<'static> {
        match self {
            SpecificFields::Basic => SpecificFields::Basic,
            SpecificFields::Text { lines } => SpecificFields::Text { lines },
            SpecificFields::Message {
                envelope,
                body,
                lines,
            } => SpecificFields::Message {
                envelope: Box::new(envelope.into_owned()),
                body: Box::new(body.into_owned()),
                lines,
            },
        }
    }
}

/// The extension data of a single part (RFC 9051 §9 `body-ext-1part`): MD5, then optionally
/// disposition, language, location and further extensions, each present only when the one
/// before it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SinglePartExt<'a> {
    /// Content-MD5 (`body-fld-md5`).
    pub md5: NString<'a>,
    /// The rest, if sent.
    pub tail: Option<BodyExtTail<'a>>,
}

impl SinglePartExt<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> SinglePartExt<'static> {
        SinglePartExt {
            md5: self.md5.into_owned(),
            tail: self.tail.map(BodyExtTail::into_owned),
        }
    }
}

/// The extension data of a multipart (RFC 9051 §9 `body-ext-mpart`): the Content-Type
/// parameters, then optionally disposition, language, location and further extensions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MultiPartExt<'a> {
    /// Content-Type parameters (`body-fld-param`); empty is `NIL`.
    pub params: BodyParams<'a>,
    /// The rest, if sent.
    pub tail: Option<BodyExtTail<'a>>,
}

impl MultiPartExt<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> MultiPartExt<'static> {
        MultiPartExt {
            params: owned_params(self.params),
            tail: self.tail.map(BodyExtTail::into_owned),
        }
    }
}

/// Disposition and what may follow it (`[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc
/// *(SP body-extension)]]]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct BodyExtTail<'a> {
    /// Content-Disposition (`body-fld-dsp`); `None` is `NIL`.
    pub disposition: Option<Disposition<'a>>,
    /// Content-Language (`body-fld-lang`), empty for `NIL`, and what follows, if sent.
    pub language: Option<BodyLanguage<'a>>,
}

impl BodyExtTail<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> BodyExtTail<'static> {
        BodyExtTail {
            disposition: self.disposition.map(Disposition::into_owned),
            language: self.language.map(BodyLanguage::into_owned),
        }
    }
}

/// Content-Language and what may follow it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct BodyLanguage<'a> {
    /// The language tags (`body-fld-lang`): empty is `NIL`, one is written as a string, more
    /// as a list.
    pub languages: Vec<IString<'a>>,
    /// Content-Location and further extensions, if sent.
    pub location: Option<BodyLocation<'a>>,
}

impl BodyLanguage<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> BodyLanguage<'static> {
        BodyLanguage {
            languages: owned_strings(self.languages),
            location: self.location.map(BodyLocation::into_owned),
        }
    }
}

/// Content-Location (RFC 2557) and further extension data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct BodyLocation<'a> {
    /// `body-fld-loc`.
    pub location: NString<'a>,
    /// Further `body-extension`s, for future standards.
    pub extensions: Vec<BodyExtension<'a>>,
}

impl BodyLocation<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> BodyLocation<'static> {
        BodyLocation {
            location: self.location.into_owned(),
            extensions: self
                .extensions
                .into_iter()
                .map(BodyExtension::into_owned)
                .collect(),
        }
    }
}

/// Content-Disposition (RFC 9051 §9 `body-fld-dsp`, RFC 2183): `("attachment" ("filename"
/// "x.pdf"))`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Disposition<'a> {
    /// The disposition type (`inline`, `attachment`).
    pub kind: IString<'a>,
    /// Its parameters; empty is `NIL`.
    pub params: BodyParams<'a>,
}

impl Disposition<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Disposition<'static> {
        Disposition {
            kind: self.kind.into_owned(),
            params: owned_params(self.params),
        }
    }
}

/// A future extension field (RFC 9051 §9 `body-extension`): an nstring, a number or a
/// non-empty list of extensions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BodyExtension<'a> {
    /// A string or NIL.
    NString(NString<'a>),
    /// A `number` or `number64`.
    Number(u64),
    /// A parenthesized list; the encoder writes an empty one as `NIL`.
    List(Vec<BodyExtension<'a>>),
}

impl BodyExtension<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> BodyExtension<'static> {
        match self {
            BodyExtension::NString(s) => BodyExtension::NString(s.into_owned()),
            BodyExtension::Number(n) => BodyExtension::Number(n),
            BodyExtension::List(v) => {
                BodyExtension::List(v.into_iter().map(BodyExtension::into_owned).collect())
            }
        }
    }
}
