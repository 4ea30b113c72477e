//! FETCH attributes (RFC 9051 §6.4.5, RFC 3501 §6.4.5 and extensions).

use super::{Partial, Section, SectionPart, Vec1};

/// What FETCH asks for (RFC 9051 §9 `fetch`): a macro, one attribute or a parenthesized list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FetchItems<'a> {
    /// `ALL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)`.
    All,
    /// `FAST`: `(FLAGS INTERNALDATE RFC822.SIZE)`.
    Fast,
    /// `FULL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY)`.
    Full,
    /// One attribute without parentheses.
    Single(FetchAttribute<'a>),
    /// `(attribute ...)`.
    List(Vec1<FetchAttribute<'a>>),
}

impl<'a> FetchItems<'a> {
    /// The attributes asked for, the macros expanded (RFC 9051 §6.4.5).
    pub fn attributes(&self) -> Vec<FetchAttribute<'a>> {
        use FetchAttribute as A;
        match self {
            FetchItems::All => vec![A::Flags, A::InternalDate, A::Rfc822Size, A::Envelope],
            FetchItems::Fast => vec![A::Flags, A::InternalDate, A::Rfc822Size],
            FetchItems::Full => vec![
                A::Flags,
                A::InternalDate,
                A::Rfc822Size,
                A::Envelope,
                A::Body,
            ],
            FetchItems::Single(a) => vec![a.clone()],
            FetchItems::List(v) => v.to_vec(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> FetchItems<'static> {
        match self {
            FetchItems::All => FetchItems::All,
            FetchItems::Fast => FetchItems::Fast,
            FetchItems::Full => FetchItems::Full,
            FetchItems::Single(a) => FetchItems::Single(a.into_owned()),
            FetchItems::List(v) => FetchItems::List(v.map(FetchAttribute::into_owned)),
        }
    }
}

/// A FETCH attribute (RFC 9051 §6.4.5, §9 `fetch-att`; `RFC822*` of RFC 3501; `BINARY*` of
/// RFC 3516 §4.1; `MODSEQ` of RFC 7162 §3.1.4; `EMAILID`/`THREADID` of RFC 8474 §5;
/// `SAVEDATE` of RFC 8514; Gmail's `X-GM-MSGID`, `X-GM-THRID`, `X-GM-LABELS`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FetchAttribute<'a> {
    /// `ENVELOPE`.
    Envelope,
    /// `FLAGS`.
    Flags,
    /// `INTERNALDATE`.
    InternalDate,
    /// `RFC822` (IMAP4rev1): `BODY[]`.
    Rfc822,
    /// `RFC822.HEADER` (IMAP4rev1): `BODY.PEEK[HEADER]`.
    Rfc822Header,
    /// `RFC822.SIZE`.
    Rfc822Size,
    /// `RFC822.TEXT` (IMAP4rev1): `BODY[TEXT]`.
    Rfc822Text,
    /// `BODY`: the body structure without extension data.
    Body,
    /// `BODYSTRUCTURE`.
    BodyStructure,
    /// `UID`.
    Uid,
    /// `BODY[section]<partial>` or `BODY.PEEK[...]`.
    BodySection {
        /// `.PEEK`: do not set `\Seen`.
        peek: bool,
        /// The section.
        section: Section<'a>,
        /// `<offset.length>`.
        partial: Option<Partial>,
    },
    /// `BINARY[part]<partial>` or `BINARY.PEEK[...]` (RFC 3516).
    Binary {
        /// `.PEEK`.
        peek: bool,
        /// The part, `None` for `[]`.
        part: Option<SectionPart<'a>>,
        /// `<offset.length>`.
        partial: Option<Partial>,
    },
    /// `BINARY.SIZE[part]` (RFC 3516).
    BinarySize {
        /// The part, `None` for `[]`.
        part: Option<SectionPart<'a>>,
    },
    /// `MODSEQ` (RFC 7162).
    ModSeq,
    /// `EMAILID` (RFC 8474).
    EmailId,
    /// `THREADID` (RFC 8474).
    ThreadId,
    /// `SAVEDATE` (RFC 8514).
    SaveDate,
    /// `PREVIEW`, or `PREVIEW (LAZY)` when `lazy` (RFC 8970 §3.1): a short plain-text preview
    /// of the message; LAZY lets the server answer `NIL` rather than compute it now.
    Preview {
        /// The `LAZY` modifier.
        lazy: bool,
    },
    /// `X-GM-MSGID` (Gmail).
    GmMsgId,
    /// `X-GM-THRID` (Gmail).
    GmThrId,
    /// `X-GM-LABELS` (Gmail).
    GmLabels,
}

impl FetchAttribute<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> FetchAttribute<'static> {
        use FetchAttribute as A;
        match self {
            A::Envelope => A::Envelope,
            A::Flags => A::Flags,
            A::InternalDate => A::InternalDate,
            A::Rfc822 => A::Rfc822,
            A::Rfc822Header => A::Rfc822Header,
            A::Rfc822Size => A::Rfc822Size,
            A::Rfc822Text => A::Rfc822Text,
            A::Body => A::Body,
            A::BodyStructure => A::BodyStructure,
            A::Uid => A::Uid,
            A::BodySection {
                peek,
                section,
                partial,
            } => A::BodySection {
                peek,
                section: section.into_owned(),
                partial,
            },
            A::Binary {
                peek,
                part,
                partial,
            } => A::Binary {
                peek,
                part: part.map(SectionPart::into_owned),
                partial,
            },
            A::BinarySize { part } => A::BinarySize {
                part: part.map(SectionPart::into_owned),
            },
            A::ModSeq => A::ModSeq,
            A::EmailId => A::EmailId,
            A::ThreadId => A::ThreadId,
            A::SaveDate => A::SaveDate,
            A::Preview { lazy } => A::Preview { lazy },
            A::GmMsgId => A::GmMsgId,
            A::GmThrId => A::GmThrId,
            A::GmLabels => A::GmLabels,
        }
    }
}
