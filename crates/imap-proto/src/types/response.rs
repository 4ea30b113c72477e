//! Server responses (RFC 9051 §7, RFC 3501 §7): tagged and untagged status responses with
//! their response codes, continuation requests and every untagged data response of IMAP4rev1,
//! IMAP4rev2 and the common extensions (see [`UntaggedResponse`]).
//!
//! Values borrow from the parsed input and offer `into_owned()`. Free text is a validated
//! [`Text`]: it can hold no CR, LF or NUL and cannot end in something the framer would read as
//! a literal header (`{5}`), so every value encodes to one unambiguous response.

use std::borrow::Cow;
use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};

use super::BodyStructure;
use super::{
    AString, Atom, Capability, Charset, DateTime, Envelope, FlagFetch, FlagPerm, IString, Mailbox,
    MailboxAttribute, NString, NotifyEvent, ObjectId, PartialRange, QuotaResource, Section,
    SectionPart, SequenceSet, Tag, ValueError, Vec1,
};

type VResult<T> = Result<T, ValueError>;

fn owned_bytes(c: Cow<'_, [u8]>) -> Cow<'static, [u8]> {
    Cow::Owned(c.into_owned())
}

fn owned_vec<T, U>(v: Vec<T>, f: impl FnMut(T) -> U) -> Vec<U> {
    v.into_iter().map(f).collect()
}

/// Whether `text` ends in what the lexical framer reads as a literal header: `{digits}` or
/// `{digits+}` (RFC 9051 §4.3, RFC 7888), optionally preceded by `~`.
pub(crate) fn ends_like_literal(text: &[u8]) -> bool {
    let Some(rest) = text.strip_suffix(b"}") else {
        return false;
    };
    let rest = rest.strip_suffix(b"+").unwrap_or(rest);
    let digits = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && rest[..rest.len() - digits].ends_with(b"{")
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/// Human-readable text at the end of a status response or continuation request (RFC 9051 §9
/// `text`, `1*TEXT-CHAR`; UTF-8 is accepted, as servers send it).
///
/// May be empty (RFC 9051 makes the text of `resp-text` optional). It cannot contain CR, LF or
/// NUL, non-ASCII content must be UTF-8, and it cannot end in `{digits}` or `{digits+}`: the
/// framer would take that for a literal (RFC 9051 §4.3). Text parsed from a server under the
/// tolerances may hold other 8-bit bytes and re-encodes as received.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Text<'a>(Cow<'a, [u8]>);

impl<'a> Text<'a> {
    /// Validates the text.
    ///
    /// ```
    /// use imap_proto::types::Text;
    /// assert!(Text::new(&b"LOGIN completed"[..]).is_ok());
    /// assert!(Text::new(&b"two\r\nlines"[..]).is_err());
    /// assert!(Text::new(&b"looks like a literal {5}"[..]).is_err());
    /// ```
    pub fn new(text: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let text = text.into();
        if let Some(offset) = text
            .iter()
            .position(|&b| b == 0 || b == b'\r' || b == b'\n')
        {
            return Err(ValueError::InvalidChar {
                what: "text",
                offset,
            });
        }
        if !text.is_ascii() {
            if let Err(e) = std::str::from_utf8(&text) {
                return Err(ValueError::InvalidChar {
                    what: "text",
                    offset: e.valid_up_to(),
                });
            }
        }
        if ends_like_literal(&text) {
            return Err(ValueError::Invalid("text ending like a literal header"));
        }
        Ok(Self(text))
    }

    /// The empty text.
    pub const fn empty() -> Text<'static> {
        Text(Cow::Borrowed(b""))
    }

    /// Wraps text the parser has already delimited.
    pub(crate) fn unchecked(text: &'a [u8]) -> Self {
        Self(Cow::Borrowed(text))
    }

    /// The text's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The text as UTF-8, if it is.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the text is a non-empty `base64` token (RFC 9051 §9), as in a continuation
    /// request during `AUTHENTICATE`. Whether it *is* a SASL challenge depends on the command
    /// in progress; plain text such as `idle` is also valid base64.
    pub fn is_base64(&self) -> bool {
        let t = &*self.0;
        if t.is_empty() || t.len() % 4 != 0 {
            return false;
        }
        let body = t
            .strip_suffix(b"==")
            .or_else(|| t.strip_suffix(b"="))
            .unwrap_or(t);
        body.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Text<'static> {
        Text(owned_bytes(self.0))
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Text(\"{}\")", self.0.escape_ascii())
    }
}

impl<'a> TryFrom<&'a str> for Text<'a> {
    type Error = ValueError;
    fn try_from(value: &'a str) -> VResult<Self> {
        Self::new(value.as_bytes())
    }
}

/// The raw data of an unknown untagged response ([`UntaggedResponse::Other`],
/// [`UntaggedResponse::OtherNumeric`]).
///
/// Built by hand it is one line of text: no CR, LF or NUL, and not ending like a literal
/// header. Parsed from a server it holds the rest of the message as received, literals
/// (`{n}` CRLF and their data) included.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct UnknownData<'a>(Cow<'a, [u8]>);

impl<'a> UnknownData<'a> {
    /// Validates the data (the rules of [`Text`], 8-bit bytes allowed).
    pub fn new(data: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let data = data.into();
        if let Some(offset) = data
            .iter()
            .position(|&b| b == 0 || b == b'\r' || b == b'\n')
        {
            return Err(ValueError::InvalidChar {
                what: "response data",
                offset,
            });
        }
        if ends_like_literal(&data) {
            return Err(ValueError::Invalid("data ending like a literal header"));
        }
        Ok(Self(data))
    }

    /// Wraps what the parser delimited.
    pub(crate) fn unchecked(data: &'a [u8]) -> Self {
        Self(Cow::Borrowed(data))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether there is no data.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> UnknownData<'static> {
        UnknownData(owned_bytes(self.0))
    }
}

impl fmt::Debug for UnknownData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnknownData(\"{}\")", self.0.escape_ascii())
    }
}

/// `resp-text` (RFC 9051 §7.1, §9): an optional response code in brackets and a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct RespText<'a> {
    code: Option<ResponseCode<'a>>,
    text: Text<'a>,
}

impl<'a> RespText<'a> {
    /// A response text. Without a code, the text must not start with `[` (it would be read
    /// as a response code).
    ///
    /// ```
    /// use imap_proto::types::{RespText, ResponseCode, Text};
    /// let t = RespText::new(Some(ResponseCode::Alert), Text::try_from("System shutdown")?)?;
    /// assert_eq!(t.text().as_str(), Some("System shutdown"));
    /// assert!(RespText::new(None, Text::try_from("[ALERT] oops")?).is_err());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn new(code: Option<ResponseCode<'a>>, text: Text<'a>) -> VResult<Self> {
        if code.is_none() && text.as_bytes().first() == Some(&b'[') {
            return Err(ValueError::Invalid("text starting with '[' without a code"));
        }
        Ok(Self { code, text })
    }

    /// Only text (no code); `text` must not start with `[`.
    pub fn text_only(text: &'a str) -> VResult<Self> {
        Self::new(None, Text::new(text.as_bytes())?)
    }

    /// Wraps what the parser read.
    pub(crate) fn unchecked(code: Option<ResponseCode<'a>>, text: Text<'a>) -> Self {
        Self { code, text }
    }

    /// The response code.
    pub fn code(&self) -> Option<&ResponseCode<'a>> {
        self.code.as_ref()
    }

    /// The text.
    pub fn text(&self) -> &Text<'a> {
        &self.text
    }

    /// The code and the text.
    pub fn into_parts(self) -> (Option<ResponseCode<'a>>, Text<'a>) {
        (self.code, self.text)
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> RespText<'static> {
        RespText {
            code: self.code.map(ResponseCode::into_owned),
            text: self.text.into_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/// A server response (RFC 9051 §2.2.2, §7, §9 `response`): the tagged completion of a
/// command, an untagged response or a continuation request.
///
/// Parsed by [`parse_response`](crate::parse::parse_response) (client side), written with
/// [`Encode`](crate::encode::Encode) (server side).
///
/// ```
/// use imap_proto::encode::Encode;
/// use imap_proto::parse::{parse_response, ParseConfig, Status};
/// use imap_proto::types::{FetchData, Response, UntaggedResponse};
///
/// let input = b"* 12 FETCH (UID 4 BODY[] {5}\r\nhello)\r\n";
/// let Status::Complete((resp, _)) = parse_response(input, &ParseConfig::default())? else {
///     unreachable!()
/// };
/// let Response::Untagged(UntaggedResponse::Fetch { seq, items }) = &resp else { unreachable!() };
/// assert_eq!(seq.get(), 12);
/// assert!(matches!(&items[1], FetchData::BodySection { data, .. } if data.as_bytes() == Some(&b"hello"[..])));
/// assert_eq!(resp.to_bytes(), input);
/// # Ok::<(), imap_proto::parse::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Response<'a> {
    /// `tag SP resp-cond-state` (RFC 9051 §7.1).
    Tagged(TaggedResponse<'a>),
    /// `* …` (RFC 9051 §7.1 to §7.5).
    Untagged(UntaggedResponse<'a>),
    /// `+ …` (RFC 9051 §7.6).
    Continue(RespText<'a>),
}

impl<'a> Response<'a> {
    /// The tag of a tagged response.
    pub fn tag(&self) -> Option<&Tag<'a>> {
        match self {
            Response::Tagged(t) => Some(&t.tag),
            _ => None,
        }
    }

    /// The code and text of a tagged or untagged status response or of a continuation
    /// request.
    pub fn resp_text(&self) -> Option<&RespText<'a>> {
        match self {
            Response::Tagged(t) => Some(&t.text),
            Response::Untagged(UntaggedResponse::Status { text, .. })
            | Response::Continue(text) => Some(text),
            Response::Untagged(_) => None,
        }
    }

    /// The response code, if any.
    pub fn code(&self) -> Option<&ResponseCode<'a>> {
        self.resp_text().and_then(RespText::code)
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Response<'static> {
        match self {
            Response::Tagged(t) => Response::Tagged(t.into_owned()),
            Response::Untagged(u) => Response::Untagged(u.into_owned()),
            Response::Continue(t) => Response::Continue(t.into_owned()),
        }
    }
}

/// The state of a tagged completion (RFC 9051 §7.1 `resp-cond-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// `OK`: the command succeeded.
    Ok,
    /// `NO`: the command failed.
    No,
    /// `BAD`: protocol error.
    Bad,
}

/// The condition of an untagged status response (RFC 9051 §7.1: `resp-cond-state`,
/// `resp-cond-auth`, `resp-cond-bye`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Condition {
    /// `OK`: information (or a greeting).
    Ok,
    /// `NO`: a warning.
    No,
    /// `BAD`: an error not tied to a command.
    Bad,
    /// `PREAUTH`: a greeting for an already authenticated connection (§7.1.4).
    PreAuth,
    /// `BYE`: the server is closing the connection (§7.1.5).
    Bye,
}

impl From<State> for Condition {
    fn from(s: State) -> Self {
        match s {
            State::Ok => Condition::Ok,
            State::No => Condition::No,
            State::Bad => Condition::Bad,
        }
    }
}

/// A tagged status response (RFC 9051 §7.1): `A001 OK [code] text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaggedResponse<'a> {
    /// The tag of the command this completes.
    pub tag: Tag<'a>,
    /// `OK`, `NO` or `BAD`.
    pub state: State,
    /// Code and text.
    pub text: RespText<'a>,
}

impl TaggedResponse<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> TaggedResponse<'static> {
        TaggedResponse {
            tag: self.tag.into_owned(),
            state: self.state,
            text: self.text.into_owned(),
        }
    }
}

/// An untagged response (RFC 9051 §7, §9 `response-data`, `mailbox-data`, `message-data`,
/// and the extensions' additions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UntaggedResponse<'a> {
    /// `* OK/NO/BAD/PREAUTH/BYE [code] text` (RFC 9051 §7.1).
    Status {
        /// Which condition.
        condition: Condition,
        /// Code and text.
        text: RespText<'a>,
    },
    /// `* CAPABILITY …` (RFC 9051 §7.2.2).
    Capability(Vec<Capability<'a>>),
    /// `* ENABLED …` (RFC 5161 §3.2, RFC 9051 §7.2.1).
    Enabled(Vec<Capability<'a>>),
    /// `* LIST …` (RFC 9051 §7.3.1, RFC 5258 §3).
    List(ListResponse<'a>),
    /// `* LSUB …` (RFC 3501 §7.2.3).
    Lsub(ListResponse<'a>),
    /// `* NAMESPACE …` (RFC 2342 §5, RFC 9051 §7.3.2).
    Namespace(NamespaceResponse<'a>),
    /// `* STATUS mailbox (…)` (RFC 9051 §7.3.3).
    MailboxStatus(MailboxStatus<'a>),
    /// `* SEARCH …` (RFC 3501 §7.2.5; `(MODSEQ n)` of RFC 7162 §3.1.5).
    Search {
        /// Matching message numbers or UIDs.
        ids: Vec<NonZeroU32>,
        /// The highest mod-sequence of the matches (RFC 7162).
        modseq: Option<NonZeroU64>,
    },
    /// `* ESEARCH …` (RFC 4731 §3.1, RFC 9051 §7.3.4).
    Esearch(EsearchResponse<'a>),
    /// `* FLAGS (…)` (RFC 9051 §7.3.5); `\Recent` is accepted (RFC 3501).
    Flags(Vec<FlagFetch<'a>>),
    /// `* n EXISTS` (RFC 9051 §7.4.1).
    Exists(u32),
    /// `* n RECENT` (RFC 3501 §7.3.2).
    Recent(u32),
    /// `* n EXPUNGE` (RFC 9051 §7.5.1).
    Expunge(NonZeroU32),
    /// `* VANISHED [(EARLIER)] uids` (RFC 7162 §3.2.10).
    Vanished {
        /// Whether `(EARLIER)` was given (a reply to a FETCH/SELECT with QRESYNC).
        earlier: bool,
        /// The expunged UIDs.
        uids: SequenceSet<'a>,
    },
    /// `* n FETCH (…)` (RFC 9051 §7.5.2).
    Fetch {
        /// The message sequence number.
        seq: NonZeroU32,
        /// The data items, at least one.
        items: Vec<FetchData<'a>>,
    },
    /// `* uid UIDFETCH (…)` (RFC 9586 §3.3, `uidfetch-resp = uniqueid SP "UIDFETCH" SP
    /// msg-att`): what a server sends instead of FETCH once the client enabled `UIDONLY`. The
    /// items are those of FETCH; the number is the message's UID (a `UID` item may be left
    /// out).
    UidFetch {
        /// The message's UID.
        uid: NonZeroU32,
        /// The data items, at least one.
        items: Vec<FetchData<'a>>,
    },
    /// `* ID (…)` or `* ID NIL` (RFC 2971 §3.2): field/value pairs; `None` is `NIL`.
    Id(Option<Vec<(IString<'a>, NString<'a>)>>),
    /// `* QUOTA root (…)` (RFC 9208 §5.1).
    Quota {
        /// The quota root.
        root: AString<'a>,
        /// Usage and limit per resource, at least one.
        resources: Vec<QuotaUsage<'a>>,
    },
    /// `* QUOTAROOT mailbox root…` (RFC 9208 §5.2).
    QuotaRoot {
        /// The mailbox asked about.
        mailbox: Mailbox<'a>,
        /// Its quota roots (possibly none).
        roots: Vec<AString<'a>>,
    },
    /// `* METADATA mailbox …` (RFC 5464 §4.4).
    Metadata {
        /// The mailbox (`""` for server annotations).
        mailbox: Mailbox<'a>,
        /// The entries with values, or (unsolicited) the changed entry names.
        data: MetadataData<'a>,
    },
    /// `* SORT …` (RFC 5256 §4; `(MODSEQ n)` of RFC 7162 §3.1.5).
    Sort {
        /// The message numbers or UIDs in sorted order.
        ids: Vec<NonZeroU32>,
        /// The highest mod-sequence of the matches (RFC 7162).
        modseq: Option<NonZeroU64>,
    },
    /// `* THREAD …` (RFC 5256 §4): the thread trees.
    Thread(Vec<ThreadNode>),
    /// `* ACL mailbox identifier rights …` (RFC 4314 §3.6, §7 `acl-data = "ACL" SP mailbox
    /// *(SP identifier SP rights)`): the access control list of a mailbox, the answer to
    /// [`GetAcl`](crate::types::CommandBody::GetAcl).
    Acl {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The identifiers and their rights, in the order sent (possibly none).
        entries: Vec<AclEntry<'a>>,
    },
    /// `* LISTRIGHTS mailbox identifier required optional…` (RFC 4314 §3.7, §7
    /// `listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)`): the
    /// rights that may be granted to an identifier, the answer to
    /// [`ListRights`](crate::types::CommandBody::ListRights).
    ListRights {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The identifier, in the form the command gave it.
        identifier: AString<'a>,
        /// The rights the identifier always has (`""` when none).
        required: AString<'a>,
        /// Groups of rights that may be granted; the rights of one group are granted or
        /// revoked together.
        optional: Vec<AString<'a>>,
    },
    /// `* MYRIGHTS mailbox rights` (RFC 4314 §3.8, §7 `myrights-data`): the rights of the
    /// logged-in user, the answer to [`MyRights`](crate::types::CommandBody::MyRights).
    MyRights {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The rights.
        rights: AString<'a>,
    },
    /// An untagged response this crate does not know (e.g. `* XLIST`, `* NOOP`):
    /// its name and the raw rest of the message, kept for the caller. It is re-encoded as
    /// received; literals inside `rest` are not split into fragments.
    Other {
        /// The response name.
        name: Atom<'a>,
        /// Everything after the name and its space, up to (excluding) the final CRLF.
        rest: UnknownData<'a>,
    },
    /// An untagged response this crate does not know that starts with a number, `* <number>
    /// <name> …` (`message-data` and `mailbox-data` have that shape, RFC 9051 §9), e.g. a
    /// future extension's, or `* 99 NOOP` as some servers send: the number, the name and the
    /// raw rest, kept like [`Other`](UntaggedResponse::Other) (literals inside `rest` are
    /// kept with their data and not split into fragments).
    ///
    /// The known names (`EXISTS`, `RECENT`, `EXPUNGE`, `FETCH`, `UIDFETCH`, in any case) are
    /// never read as this: a malformed `* 1 FETCH (…)` is an error, and so is a name whose
    /// leading letters, digits, `-` and `.` are a known name (`FETCH[`). A value built with
    /// such a name would re-parse as the typed response or fail; the encoder does not check.
    OtherNumeric {
        /// The number before the name (a 32-bit `number`).
        number: u32,
        /// The response name.
        name: Atom<'a>,
        /// Everything after the name and its space, up to (excluding) the final CRLF.
        rest: UnknownData<'a>,
    },
}

impl UntaggedResponse<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> UntaggedResponse<'static> {
        use UntaggedResponse as U;
        match self {
            U::Status { condition, text } => U::Status {
                condition,
                text: text.into_owned(),
            },
            U::Capability(v) => U::Capability(owned_vec(v, Capability::into_owned)),
            U::Enabled(v) => U::Enabled(owned_vec(v, Capability::into_owned)),
            U::List(l) => U::List(l.into_owned()),
            U::Lsub(l) => U::Lsub(l.into_owned()),
            U::Namespace(n) => U::Namespace(n.into_owned()),
            U::MailboxStatus(s) => U::MailboxStatus(s.into_owned()),
            U::Search { ids, modseq } => U::Search { ids, modseq },
            U::Esearch(e) => U::Esearch(e.into_owned()),
            U::Flags(v) => U::Flags(owned_vec(v, FlagFetch::into_owned)),
            U::Exists(n) => U::Exists(n),
            U::Recent(n) => U::Recent(n),
            U::Expunge(n) => U::Expunge(n),
            U::Vanished { earlier, uids } => U::Vanished {
                earlier,
                uids: uids.into_owned(),
            },
            U::Fetch { seq, items } => U::Fetch {
                seq,
                items: owned_vec(items, FetchData::into_owned),
            },
            U::UidFetch { uid, items } => U::UidFetch {
                uid,
                items: owned_vec(items, FetchData::into_owned),
            },
            U::Id(v) => U::Id(v.map(|v| owned_vec(v, |(k, v)| (k.into_owned(), v.into_owned())))),
            U::Quota { root, resources } => U::Quota {
                root: root.into_owned(),
                resources: owned_vec(resources, QuotaUsage::into_owned),
            },
            U::QuotaRoot { mailbox, roots } => U::QuotaRoot {
                mailbox: mailbox.into_owned(),
                roots: owned_vec(roots, AString::into_owned),
            },
            U::Metadata { mailbox, data } => U::Metadata {
                mailbox: mailbox.into_owned(),
                data: data.into_owned(),
            },
            U::Sort { ids, modseq } => U::Sort { ids, modseq },
            U::Thread(v) => U::Thread(v),
            U::Acl { mailbox, entries } => U::Acl {
                mailbox: mailbox.into_owned(),
                entries: owned_vec(entries, AclEntry::into_owned),
            },
            U::ListRights {
                mailbox,
                identifier,
                required,
                optional,
            } => U::ListRights {
                mailbox: mailbox.into_owned(),
                identifier: identifier.into_owned(),
                required: required.into_owned(),
                optional: owned_vec(optional, AString::into_owned),
            },
            U::MyRights { mailbox, rights } => U::MyRights {
                mailbox: mailbox.into_owned(),
                rights: rights.into_owned(),
            },
            U::Other { name, rest } => U::Other {
                name: name.into_owned(),
                rest: rest.into_owned(),
            },
            U::OtherNumeric { number, name, rest } => U::OtherNumeric {
                number,
                name: name.into_owned(),
                rest: rest.into_owned(),
            },
        }
    }
}

/// One entry of an ACL response (RFC 4314 §3.6, §7 `identifier SP rights`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AclEntry<'a> {
    /// Whom the rights are for (a user, a group such as `$team`, `anyone`; a leading `-`
    /// marks negative rights, §2).
    pub identifier: AString<'a>,
    /// The rights, one letter or digit each (`lrswipkxtecda`), as sent.
    pub rights: AString<'a>,
}

impl AclEntry<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> AclEntry<'static> {
        AclEntry {
            identifier: self.identifier.into_owned(),
            rights: self.rights.into_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Response codes
// ---------------------------------------------------------------------------------------------

/// A response code (RFC 9051 §7.1 and §9 `resp-text-code`, with the codes of RFC 4315,
/// RFC 5162/7162, RFC 5182, RFC 5464, RFC 5530, RFC 6154, RFC 8474, RFC 3516, RFC 4978,
/// RFC 4469, RFC 5267, RFC 5465 and RFC 9586).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseCode<'a> {
    /// `ALERT` (RFC 9051 §7.1): show the text to the user.
    Alert,
    /// `BADCHARSET` with the supported charsets (RFC 9051 §7.1).
    BadCharset(Vec<Charset<'a>>),
    /// `CAPABILITY …` (RFC 9051 §7.1).
    Capability(Vec<Capability<'a>>),
    /// `PARSE` (RFC 9051 §7.1): a message's headers could not be parsed.
    Parse,
    /// `PERMANENTFLAGS (…)` (RFC 9051 §7.1).
    PermanentFlags(Vec<FlagPerm<'a>>),
    /// `READ-ONLY` (RFC 9051 §7.1).
    ReadOnly,
    /// `READ-WRITE` (RFC 9051 §7.1).
    ReadWrite,
    /// `TRYCREATE` (RFC 9051 §7.1).
    TryCreate,
    /// `UIDNEXT n` (RFC 9051 §7.1).
    UidNext(NonZeroU32),
    /// `UIDVALIDITY n` (RFC 9051 §7.1).
    UidValidity(NonZeroU32),
    /// `UNSEEN n` (RFC 3501 §7.1).
    Unseen(NonZeroU32),
    /// `CLOSED` (RFC 7162 §3.2.11, RFC 9051 §7.1).
    Closed,
    /// `APPENDUID uidvalidity uids` (RFC 4315 §3, RFC 9051 §7.1).
    AppendUid {
        /// The UIDVALIDITY of the destination mailbox.
        uid_validity: NonZeroU32,
        /// The UIDs assigned (a set with MULTIAPPEND).
        uids: SequenceSet<'a>,
    },
    /// `COPYUID uidvalidity source dest` (RFC 4315 §3, RFC 9051 §7.1).
    CopyUid {
        /// The UIDVALIDITY of the destination mailbox.
        uid_validity: NonZeroU32,
        /// The source UIDs.
        source: SequenceSet<'a>,
        /// The UIDs in the destination, in the same order.
        dest: SequenceSet<'a>,
    },
    /// `UIDNOTSTICKY` (RFC 4315 §3).
    UidNotSticky,
    /// `HIGHESTMODSEQ n` (RFC 7162 §3.1.2.1).
    HighestModSeq(NonZeroU64),
    /// `NOMODSEQ` (RFC 7162 §3.1.2.2).
    NoModSeq,
    /// `MODIFIED set` (RFC 7162 §3.1.3).
    Modified(SequenceSet<'a>),
    /// `UNAVAILABLE` (RFC 5530 §3).
    Unavailable,
    /// `AUTHENTICATIONFAILED` (RFC 5530 §3).
    AuthenticationFailed,
    /// `AUTHORIZATIONFAILED` (RFC 5530 §3).
    AuthorizationFailed,
    /// `EXPIRED` (RFC 5530 §3).
    Expired,
    /// `PRIVACYREQUIRED` (RFC 5530 §3).
    PrivacyRequired,
    /// `CONTACTADMIN` (RFC 5530 §3).
    ContactAdmin,
    /// `NOPERM` (RFC 5530 §3).
    NoPerm,
    /// `INUSE` (RFC 5530 §3).
    InUse,
    /// `EXPUNGEISSUED` (RFC 5530 §3).
    ExpungeIssued,
    /// `CORRUPTION` (RFC 5530 §3).
    Corruption,
    /// `SERVERBUG` (RFC 5530 §3).
    ServerBug,
    /// `CLIENTBUG` (RFC 5530 §3).
    ClientBug,
    /// `CANNOT` (RFC 5530 §3).
    Cannot,
    /// `LIMIT` (RFC 5530 §3).
    Limit,
    /// `OVERQUOTA` (RFC 5530 §3).
    OverQuota,
    /// `ALREADYEXISTS` (RFC 5530 §3).
    AlreadyExists,
    /// `NONEXISTENT` (RFC 5530 §3).
    NonExistent,
    /// `NOTSAVED` (RFC 5182 §2.1).
    NotSaved,
    /// `HASCHILDREN` (RFC 9051 §7.1).
    HasChildren,
    /// `MAILBOXID (id)` (RFC 8474 §4.1).
    MailboxId(ObjectId<'a>),
    /// `METADATA …` (RFC 5464 §4.2.1, §4.3).
    Metadata(MetadataCode),
    /// `UNKNOWN-CTE` (RFC 3516 §4.3, RFC 9051 §7.1).
    UnknownCte,
    /// `USEATTR` (RFC 6154 §6).
    UseAttr,
    /// `COMPRESSIONACTIVE` (RFC 4978 §3).
    CompressionActive,
    /// `TOOBIG` (RFC 4469 §5, RFC 7889 §4, RFC 7888 §4): the message or literal is larger
    /// than the server accepts.
    TooBig,
    /// `BADURL url` (RFC 4469 §4.1, §5 `badurl-response-code`): a CATENATE URL that could
    /// not be used.
    BadUrl(UrlText<'a>),
    /// `NOUPDATE "tag"` (RFC 5267 §4.3.1, `"NOUPDATE" SP quoted`): the server will not send
    /// updates for the search with this tag.
    NoUpdate(Tag<'a>),
    /// `NOTIFICATIONOVERFLOW` (RFC 5465 §5.8, §8): the server stopped sending notifications,
    /// as if the client had sent `NOTIFY NONE` (in an untagged OK), or refuses a NOTIFY that
    /// asks for too much (in the tagged NO).
    NotificationOverflow,
    /// `UIDREQUIRED` (RFC 9586 §3): the command used message sequence numbers, which a
    /// session with `UIDONLY` enabled refuses (in a tagged BAD).
    UidRequired,
    /// `BADEVENT (event ...)` (RFC 5465 §3.1, §8 `unsupported-events-code`): in the NO to a
    /// NOTIFY asking for an unsupported event, the events the server supports.
    BadEvent(Vec1<NotifyEvent<'a>>),
    /// Any other code, with its raw data (`atom [SP 1*<any TEXT-CHAR except "]">]`), and a
    /// known code whose data a server sent malformed (kept rather than failing the line).
    Other(OtherCode<'a>),
}

impl ResponseCode<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ResponseCode<'static> {
        use ResponseCode as C;
        match self {
            C::Alert => C::Alert,
            C::BadCharset(v) => C::BadCharset(owned_vec(v, Charset::into_owned)),
            C::Capability(v) => C::Capability(owned_vec(v, Capability::into_owned)),
            C::Parse => C::Parse,
            C::PermanentFlags(v) => C::PermanentFlags(owned_vec(v, FlagPerm::into_owned)),
            C::ReadOnly => C::ReadOnly,
            C::ReadWrite => C::ReadWrite,
            C::TryCreate => C::TryCreate,
            C::UidNext(n) => C::UidNext(n),
            C::UidValidity(n) => C::UidValidity(n),
            C::Unseen(n) => C::Unseen(n),
            C::Closed => C::Closed,
            C::AppendUid { uid_validity, uids } => C::AppendUid {
                uid_validity,
                uids: uids.into_owned(),
            },
            C::CopyUid {
                uid_validity,
                source,
                dest,
            } => C::CopyUid {
                uid_validity,
                source: source.into_owned(),
                dest: dest.into_owned(),
            },
            C::UidNotSticky => C::UidNotSticky,
            C::HighestModSeq(n) => C::HighestModSeq(n),
            C::NoModSeq => C::NoModSeq,
            C::Modified(s) => C::Modified(s.into_owned()),
            C::Unavailable => C::Unavailable,
            C::AuthenticationFailed => C::AuthenticationFailed,
            C::AuthorizationFailed => C::AuthorizationFailed,
            C::Expired => C::Expired,
            C::PrivacyRequired => C::PrivacyRequired,
            C::ContactAdmin => C::ContactAdmin,
            C::NoPerm => C::NoPerm,
            C::InUse => C::InUse,
            C::ExpungeIssued => C::ExpungeIssued,
            C::Corruption => C::Corruption,
            C::ServerBug => C::ServerBug,
            C::ClientBug => C::ClientBug,
            C::Cannot => C::Cannot,
            C::Limit => C::Limit,
            C::OverQuota => C::OverQuota,
            C::AlreadyExists => C::AlreadyExists,
            C::NonExistent => C::NonExistent,
            C::NotSaved => C::NotSaved,
            C::HasChildren => C::HasChildren,
            C::MailboxId(id) => C::MailboxId(id.into_owned()),
            C::Metadata(m) => C::Metadata(m),
            C::UnknownCte => C::UnknownCte,
            C::UseAttr => C::UseAttr,
            C::CompressionActive => C::CompressionActive,
            C::TooBig => C::TooBig,
            C::BadUrl(u) => C::BadUrl(u.into_owned()),
            C::NoUpdate(t) => C::NoUpdate(t.into_owned()),
            C::NotificationOverflow => C::NotificationOverflow,
            C::UidRequired => C::UidRequired,
            C::BadEvent(v) => C::BadEvent(v.map(NotifyEvent::into_owned)),
            C::Other(o) => C::Other(o.into_owned()),
        }
    }

    /// The name of a code without data, as written (`ALERT`, `READ-ONLY`, …); `None` for
    /// codes with data.
    pub fn simple_name(&self) -> Option<&'static str> {
        use ResponseCode as C;
        Some(match self {
            C::Alert => "ALERT",
            C::Parse => "PARSE",
            C::ReadOnly => "READ-ONLY",
            C::ReadWrite => "READ-WRITE",
            C::TryCreate => "TRYCREATE",
            C::Closed => "CLOSED",
            C::UidNotSticky => "UIDNOTSTICKY",
            C::NoModSeq => "NOMODSEQ",
            C::Unavailable => "UNAVAILABLE",
            C::AuthenticationFailed => "AUTHENTICATIONFAILED",
            C::AuthorizationFailed => "AUTHORIZATIONFAILED",
            C::Expired => "EXPIRED",
            C::PrivacyRequired => "PRIVACYREQUIRED",
            C::ContactAdmin => "CONTACTADMIN",
            C::NoPerm => "NOPERM",
            C::InUse => "INUSE",
            C::ExpungeIssued => "EXPUNGEISSUED",
            C::Corruption => "CORRUPTION",
            C::ServerBug => "SERVERBUG",
            C::ClientBug => "CLIENTBUG",
            C::Cannot => "CANNOT",
            C::Limit => "LIMIT",
            C::OverQuota => "OVERQUOTA",
            C::AlreadyExists => "ALREADYEXISTS",
            C::NonExistent => "NONEXISTENT",
            C::NotSaved => "NOTSAVED",
            C::HasChildren => "HASCHILDREN",
            C::UnknownCte => "UNKNOWN-CTE",
            C::UseAttr => "USEATTR",
            C::CompressionActive => "COMPRESSIONACTIVE",
            C::TooBig => "TOOBIG",
            C::NotificationOverflow => "NOTIFICATIONOVERFLOW",
            C::UidRequired => "UIDREQUIRED",
            _ => return None,
        })
    }

    /// The code without data named `name` (ignoring case), if it is one.
    pub fn from_simple_name(name: &str) -> Option<ResponseCode<'static>> {
        use ResponseCode as C;
        const SIMPLE: [ResponseCode<'static>; 33] = [
            C::Alert,
            C::Parse,
            C::ReadOnly,
            C::ReadWrite,
            C::TryCreate,
            C::Closed,
            C::UidNotSticky,
            C::NoModSeq,
            C::Unavailable,
            C::AuthenticationFailed,
            C::AuthorizationFailed,
            C::Expired,
            C::PrivacyRequired,
            C::ContactAdmin,
            C::NoPerm,
            C::InUse,
            C::ExpungeIssued,
            C::Corruption,
            C::ServerBug,
            C::ClientBug,
            C::Cannot,
            C::Limit,
            C::OverQuota,
            C::AlreadyExists,
            C::NonExistent,
            C::NotSaved,
            C::HasChildren,
            C::UnknownCte,
            C::UseAttr,
            C::CompressionActive,
            C::TooBig,
            C::NotificationOverflow,
            C::UidRequired,
        ];
        SIMPLE
            .iter()
            .find(|c| {
                c.simple_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .cloned()
    }
}

/// Names of the codes this crate types; [`OtherCode::new`] refuses them.
pub(crate) const KNOWN_CODE_NAMES: [&str; 15] = [
    "BADURL",
    "BADEVENT",
    "NOUPDATE",
    "BADCHARSET",
    "CAPABILITY",
    "PERMANENTFLAGS",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "APPENDUID",
    "COPYUID",
    "HIGHESTMODSEQ",
    "MODIFIED",
    "MAILBOXID",
    "METADATA",
];

/// The URL of a `BADURL` code (RFC 4469 §5 `url-resp-text`, corrected by erratum 2002):
/// one or more TEXT-CHARs except `]`, written as is (not an astring, erratum 4046).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UrlText<'a>(Cow<'a, str>);

impl<'a> UrlText<'a> {
    /// A URL; fails when empty, when it starts with a space (read back as part of the
    /// separator, which the parser tolerates doubled: a narrowing of the grammar) or when it
    /// holds `]`, NUL, CR or LF. Other controls and UTF-8 are allowed (erratum 2002); a URL
    /// that is not UTF-8 is kept as an untyped code by the parser.
    ///
    /// ```
    /// use imap_proto::types::UrlText;
    /// assert!(UrlText::new("imap://joe@example.com/INBOX;UIDVALIDITY=1/;UID=20").is_ok());
    /// assert!(UrlText::new(" imap://joe@example.com/").is_err());
    /// ```
    pub fn new(url: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let url = url.into();
        if url.is_empty() {
            return Err(ValueError::Empty("url"));
        }
        if url.starts_with(' ') {
            return Err(ValueError::InvalidChar {
                what: "url",
                offset: 0,
            });
        }
        if let Some(offset) = url.bytes().position(|b| !is_url_resp_char(b)) {
            return Err(ValueError::InvalidChar {
                what: "url",
                offset,
            });
        }
        Ok(Self(url))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> UrlText<'static> {
        UrlText(Cow::Owned(self.0.into_owned()))
    }
}

/// Where `name` stops being a `tagged-ext-label` (RFC 4466 §2.1: `tagged-label-fchar
/// *tagged-label-char`, the first an ALPHA, `-`, `_` or `.`, the rest also a DIGIT or `:`), if
/// it does.
pub(crate) fn tagged_ext_label_error(name: &str) -> Option<usize> {
    let first = |b: u8| b.is_ascii_alphabetic() || matches!(b, b'-' | b'_' | b'.');
    name.bytes()
        .enumerate()
        .position(|(i, b)| !(first(b) || (i > 0 && (b.is_ascii_digit() || b == b':'))))
}

/// A byte of `url-resp-text` (RFC 4469 §5 as corrected by verified erratum 2002:
/// `%x01-09 / %x0B-0C / %x0E-5C / %x5E-FE`, a TEXT-CHAR or 8-bit octet except `]`).
pub(crate) fn is_url_resp_char(b: u8) -> bool {
    !matches!(b, 0 | b'\r' | b'\n' | b']' | 0xff)
}

/// A response code this crate does not type (RFC 9051 §9 `atom [SP 1*<any TEXT-CHAR except
/// "]">]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OtherCode<'a> {
    name: Atom<'a>,
    data: Option<Cow<'a, [u8]>>,
}

impl<'a> OtherCode<'a> {
    /// An unknown code; `data` must be non-empty text without `]`. Names of typed codes are
    /// [`ValueError::Reserved`].
    pub fn new(name: Atom<'a>, data: Option<Cow<'a, [u8]>>) -> VResult<Self> {
        let n = name.as_str();
        if ResponseCode::from_simple_name(n).is_some()
            || KNOWN_CODE_NAMES.iter().any(|k| k.eq_ignore_ascii_case(n))
        {
            return Err(ValueError::Reserved("response code"));
        }
        if let Some(d) = &data {
            if d.is_empty() {
                return Err(ValueError::Empty("response code data"));
            }
            if let Some(offset) = d
                .iter()
                .position(|&b| b == b']' || b < 0x20 || b == 0x7f || b >= 0x80)
            {
                return Err(ValueError::InvalidChar {
                    what: "response code data",
                    offset,
                });
            }
        }
        Ok(Self { name, data })
    }

    pub(crate) fn unchecked(name: Atom<'a>, data: Option<&'a [u8]>) -> Self {
        Self {
            name,
            data: data.map(Cow::Borrowed),
        }
    }

    /// The code's name.
    pub fn name(&self) -> &Atom<'a> {
        &self.name
    }

    /// The raw data after the name and its space (parsed codes may carry an empty one, as in
    /// `[XFOO ]`).
    pub fn data(&self) -> Option<&[u8]> {
        self.data.as_deref()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> OtherCode<'static> {
        OtherCode {
            name: self.name.into_owned(),
            data: self.data.map(owned_bytes),
        }
    }
}

/// The `METADATA` response codes (RFC 5464 §4.2.1, §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetadataCode {
    /// `LONGENTRIES n`: the longest value not returned because of MAXSIZE.
    LongEntries(u32),
    /// `MAXSIZE n`: the largest value the server accepts.
    MaxSize(u32),
    /// `TOOMANY`: too many annotations.
    TooMany,
    /// `NOPRIVATE`: private annotations are not supported.
    NoPrivate,
}

// ---------------------------------------------------------------------------------------------
// Mailbox data
// ---------------------------------------------------------------------------------------------

/// A hierarchy delimiter (RFC 9051 §9 `DQUOTE QUOTED-CHAR DQUOTE` in LIST and NAMESPACE): one
/// 7-bit character other than CR, LF and NUL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Delimiter(u8);

impl Delimiter {
    /// Validates a delimiter.
    pub fn new(c: u8) -> VResult<Self> {
        if c == 0 || c == b'\r' || c == b'\n' || c >= 0x80 {
            return Err(ValueError::InvalidChar {
                what: "delimiter",
                offset: 0,
            });
        }
        Ok(Self(c))
    }

    /// The character.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// A LIST or LSUB response (RFC 9051 §7.3.1, RFC 3501 §7.2.2/§7.2.3, RFC 5258 §3, RFC 6154).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListResponse<'a> {
    /// The mailbox attributes (`\Noselect`, `\HasChildren`, `\Sent`, …).
    pub attributes: Vec<MailboxAttribute<'a>>,
    /// The hierarchy delimiter; `None` is `NIL` (flat namespace).
    pub delimiter: Option<Delimiter>,
    /// The mailbox name.
    pub mailbox: Mailbox<'a>,
    /// Extended data (RFC 5258 §3.4 `mbox-list-extended`): `CHILDINFO`, `OLDNAME`, others;
    /// the encoder writes the known tags quoted, as in the RFCs' examples.
    pub extended: Vec<ListExtendedItem<'a>>,
}

impl ListResponse<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ListResponse<'static> {
        ListResponse {
            attributes: owned_vec(self.attributes, MailboxAttribute::into_owned),
            delimiter: self.delimiter,
            mailbox: self.mailbox.into_owned(),
            extended: owned_vec(self.extended, ListExtendedItem::into_owned),
        }
    }
}

/// An item of a LIST response's extended data (RFC 5258 §3.4 `mbox-list-extended-item`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListExtendedItem<'a> {
    /// `"CHILDINFO" (…)` (RFC 5258 §3.5): the selection criteria the children match
    /// (`SUBSCRIBED`, quoted or not).
    ChildInfo(Vec<AString<'a>>),
    /// `"OLDNAME" (mailbox)` (RFC 5465 §5.4, RFC 9051 §7.3.1).
    OldName(Mailbox<'a>),
    /// Any other `tag SP tagged-ext-val`.
    Other {
        /// The item's tag (an `astring`).
        tag: AString<'a>,
        /// Its value.
        value: TaggedExtValue<'a>,
    },
}

impl ListExtendedItem<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ListExtendedItem<'static> {
        match self {
            ListExtendedItem::ChildInfo(v) => {
                ListExtendedItem::ChildInfo(owned_vec(v, AString::into_owned))
            }
            ListExtendedItem::OldName(m) => ListExtendedItem::OldName(m.into_owned()),
            ListExtendedItem::Other { tag, value } => ListExtendedItem::Other {
                tag: tag.into_owned(),
                value: value.into_owned(),
            },
        }
    }
}

/// A generic extension value (RFC 4466 §2.1 `tagged-ext-val`), as in unknown LIST extended
/// items, ESEARCH return data, STATUS attributes and FETCH items.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaggedExtValue<'a> {
    /// A `number64` (`tagged-ext-simple`).
    Number(u64),
    /// A `sequence-set` that is not a plain number (`tagged-ext-simple`).
    SequenceSet(SequenceSet<'a>),
    /// `"(" [tagged-ext-comp] ")"`.
    Comp(Vec<TaggedExtComp<'a>>),
    /// A lone string or atom: outside RFC 4466's `tagged-ext-val`, but used by RFC 9051's own
    /// LIST example (§7.3.1, `Sample "text"`), so accepted and kept.
    AString(AString<'a>),
}

impl TaggedExtValue<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> TaggedExtValue<'static> {
        match self {
            TaggedExtValue::Number(n) => TaggedExtValue::Number(n),
            TaggedExtValue::SequenceSet(s) => TaggedExtValue::SequenceSet(s.into_owned()),
            TaggedExtValue::Comp(v) => {
                TaggedExtValue::Comp(owned_vec(v, TaggedExtComp::into_owned))
            }
            TaggedExtValue::AString(a) => TaggedExtValue::AString(a.into_owned()),
        }
    }
}

/// A component of a `tagged-ext-comp` (RFC 4466 §2.1): an astring or a parenthesized list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaggedExtComp<'a> {
    /// An astring.
    AString(AString<'a>),
    /// A parenthesized, non-empty list.
    List(Vec<TaggedExtComp<'a>>),
}

impl TaggedExtComp<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> TaggedExtComp<'static> {
        match self {
            TaggedExtComp::AString(a) => TaggedExtComp::AString(a.into_owned()),
            TaggedExtComp::List(v) => TaggedExtComp::List(owned_vec(v, TaggedExtComp::into_owned)),
        }
    }
}

/// A NAMESPACE response (RFC 2342 §5, RFC 9051 §7.3.2): personal, other users' and shared
/// namespaces; an empty list is `NIL`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NamespaceResponse<'a> {
    /// Personal namespaces.
    pub personal: Vec<NamespaceDescr<'a>>,
    /// Other users' namespaces.
    pub other_users: Vec<NamespaceDescr<'a>>,
    /// Shared namespaces.
    pub shared: Vec<NamespaceDescr<'a>>,
}

impl NamespaceResponse<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> NamespaceResponse<'static> {
        NamespaceResponse {
            personal: owned_vec(self.personal, NamespaceDescr::into_owned),
            other_users: owned_vec(self.other_users, NamespaceDescr::into_owned),
            shared: owned_vec(self.shared, NamespaceDescr::into_owned),
        }
    }
}

/// One namespace (RFC 2342 §5 `Namespace_Descr`, RFC 9051 §9 `namespace-descr`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NamespaceDescr<'a> {
    /// The prefix (`""`, `"#shared/"`, …).
    pub prefix: IString<'a>,
    /// The hierarchy delimiter; `None` is `NIL`.
    pub delimiter: Option<Delimiter>,
    /// Extensions (`SP string SP "(" string *(SP string) ")"`), e.g. RFC 5255's
    /// `TRANSLATION`; each value list has at least one string.
    pub extensions: Vec<(IString<'a>, Vec<IString<'a>>)>,
}

impl NamespaceDescr<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> NamespaceDescr<'static> {
        NamespaceDescr {
            prefix: self.prefix.into_owned(),
            delimiter: self.delimiter,
            extensions: owned_vec(self.extensions, |(k, v)| {
                (k.into_owned(), owned_vec(v, IString::into_owned))
            }),
        }
    }
}

/// A STATUS response (RFC 9051 §7.3.3): a mailbox and its attribute values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MailboxStatus<'a> {
    /// The mailbox.
    pub mailbox: Mailbox<'a>,
    /// The values, in the order sent.
    pub items: Vec<StatusValue<'a>>,
}

impl MailboxStatus<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> MailboxStatus<'static> {
        MailboxStatus {
            mailbox: self.mailbox.into_owned(),
            items: owned_vec(self.items, StatusValue::into_owned),
        }
    }
}

/// One value of a STATUS response (RFC 9051 §9 `status-att-val`, RFC 7162, RFC 7889,
/// RFC 8474, RFC 9208).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusValue<'a> {
    /// `MESSAGES n`.
    Messages(u32),
    /// `UIDNEXT n`.
    UidNext(NonZeroU32),
    /// `UIDVALIDITY n`.
    UidValidity(NonZeroU32),
    /// `UNSEEN n`.
    Unseen(u32),
    /// `DELETED n` (RFC 9051).
    Deleted(u32),
    /// `SIZE n` (RFC 9051, number64).
    Size(u64),
    /// `RECENT n` (RFC 3501).
    Recent(u32),
    /// `HIGHESTMODSEQ n` (RFC 7162 §3.1.6; 0 when the mailbox does not support mod-sequences).
    HighestModSeq(u64),
    /// `APPENDLIMIT n` or `APPENDLIMIT NIL` (RFC 7889 §4).
    AppendLimit(Option<u64>),
    /// `MAILBOXID (id)` (RFC 8474 §4.2).
    MailboxId(ObjectId<'a>),
    /// `DELETED-STORAGE n` (RFC 9208 §4.2.1).
    DeletedStorage(u64),
    /// An attribute this crate does not know, with its value in the generic extension syntax
    /// (RFC 4466 §2.1 `tagged-ext-val`; RFC 4466 §6 and RFC 9051 §9 ask STATUS extensions to
    /// use it): a number (`XFOO 12`, as [`TaggedExtValue::Number`]), a sequence set or a
    /// parenthesized list (`XBAR (1 "str" (nested))`). The name must not be one of the
    /// attributes above, or the value would not re-parse as itself.
    Other(Atom<'a>, TaggedExtValue<'a>),
}

impl StatusValue<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> StatusValue<'static> {
        use StatusValue as S;
        match self {
            S::Messages(n) => S::Messages(n),
            S::UidNext(n) => S::UidNext(n),
            S::UidValidity(n) => S::UidValidity(n),
            S::Unseen(n) => S::Unseen(n),
            S::Deleted(n) => S::Deleted(n),
            S::Size(n) => S::Size(n),
            S::Recent(n) => S::Recent(n),
            S::HighestModSeq(n) => S::HighestModSeq(n),
            S::AppendLimit(n) => S::AppendLimit(n),
            S::MailboxId(id) => S::MailboxId(id.into_owned()),
            S::DeletedStorage(n) => S::DeletedStorage(n),
            S::Other(a, v) => S::Other(a.into_owned(), v.into_owned()),
        }
    }
}

/// An ESEARCH response (RFC 4731 §3.1, RFC 9051 §7.3.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct EsearchResponse<'a> {
    /// The tag of the command (`(TAG "A282")`), the search correlator.
    pub tag: Option<IString<'a>>,
    /// Whether the results are UIDs.
    pub uid: bool,
    /// The return data, in the order sent.
    pub data: Vec<EsearchData<'a>>,
}

impl EsearchResponse<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> EsearchResponse<'static> {
        EsearchResponse {
            tag: self.tag.map(IString::into_owned),
            uid: self.uid,
            data: owned_vec(self.data, EsearchData::into_owned),
        }
    }
}

/// One item of ESEARCH return data (RFC 4731 §3.1 `search-return-data`, RFC 7162 §3.1.5,
/// RFC 5267 §4.3.2, §4.4, RFC 6203 §4, RFC 9394 §3.1). ESORT (RFC 5267 §3) answers SORT
/// with the same response: there `ALL` lists the messages in sort order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EsearchData<'a> {
    /// `MIN n`.
    Min(NonZeroU32),
    /// `MAX n`.
    Max(NonZeroU32),
    /// `ALL set`.
    All(SequenceSet<'a>),
    /// `COUNT n`.
    Count(u32),
    /// `MODSEQ n` (RFC 7162).
    ModSeq(NonZeroU64),
    /// `ADDTO (position set ...)` (RFC 5267 §4.3.2 `ret-data-addto`): messages that entered
    /// an `UPDATE` search's result, each set inserted at its context position (`0` is the
    /// start).
    AddTo(Vec1<(u32, SequenceSet<'a>)>),
    /// `REMOVEFROM (position set ...)` (RFC 5267 §4.3.2 `ret-data-removefrom`): messages
    /// that left the result.
    RemoveFrom(Vec1<(u32, SequenceSet<'a>)>),
    /// `RELEVANCY (score ...)` (RFC 6203 §4 `score-list`): one score per result, in order.
    Relevancy(Vec<RelevancyScore>),
    /// `PARTIAL (range results)` (RFC 9394 §5 `ret-data-partial = "PARTIAL" SP "(" partial-range
    /// SP partial-results ")"`): the results at the positions asked for by a `PARTIAL` return
    /// option, e.g. `PARTIAL (-1:-100 200:250,252:300)`.
    Partial {
        /// The range, as the client sent it.
        range: PartialRange,
        /// The results in that window; `None` (`NIL`) when there are none.
        results: Option<SequenceSet<'a>>,
    },
    /// Any other `search-modifier-name SP search-return-value`.
    Other {
        /// The name.
        name: Atom<'a>,
        /// The value.
        value: TaggedExtValue<'a>,
    },
}

impl EsearchData<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> EsearchData<'static> {
        match self {
            EsearchData::Min(n) => EsearchData::Min(n),
            EsearchData::Max(n) => EsearchData::Max(n),
            EsearchData::All(s) => EsearchData::All(s.into_owned()),
            EsearchData::Count(n) => EsearchData::Count(n),
            EsearchData::ModSeq(n) => EsearchData::ModSeq(n),
            EsearchData::AddTo(v) => EsearchData::AddTo(v.map(|(p, s)| (p, s.into_owned()))),
            EsearchData::RemoveFrom(v) => {
                EsearchData::RemoveFrom(v.map(|(p, s)| (p, s.into_owned())))
            }
            EsearchData::Relevancy(v) => EsearchData::Relevancy(v),
            EsearchData::Partial { range, results } => EsearchData::Partial {
                range,
                results: results.map(SequenceSet::into_owned),
            },
            EsearchData::Other { name, value } => EsearchData::Other {
                name: name.into_owned(),
                value: value.into_owned(),
            },
        }
    }
}

/// A relevancy score of a FUZZY search (RFC 6203 §4 `rel-score`): 1 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelevancyScore(u8);

impl RelevancyScore {
    /// The highest score.
    pub const MAX: u8 = 100;

    /// A score; [`ValueError::OutOfRange`] outside 1 to 100.
    pub fn new(score: u32) -> Result<Self, ValueError> {
        match u8::try_from(score) {
            Ok(n @ 1..=Self::MAX) => Ok(Self(n)),
            _ => Err(ValueError::OutOfRange("relevancy score")),
        }
    }

    /// The score.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// One resource of a QUOTA response (RFC 9208 §5.1 `quota-resource`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuotaUsage<'a> {
    /// The resource (`STORAGE`, `MESSAGE`, …).
    pub resource: QuotaResource<'a>,
    /// Current usage (number64).
    pub usage: u64,
    /// The limit (number64).
    pub limit: u64,
}

impl QuotaUsage<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> QuotaUsage<'static> {
        QuotaUsage {
            resource: self.resource.into_owned(),
            usage: self.usage,
            limit: self.limit,
        }
    }
}

/// The data of a METADATA response (RFC 5464 §4.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MetadataData<'a> {
    /// `(entry value …)`: entries and their values (`nstring / literal8`), at least one.
    Values(Vec<(AString<'a>, NString<'a>)>),
    /// `entry …` (unsolicited): the names of changed entries, at least one.
    Entries(Vec<AString<'a>>),
}

impl MetadataData<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> MetadataData<'static> {
        match self {
            MetadataData::Values(v) => {
                MetadataData::Values(owned_vec(v, |(k, v)| (k.into_owned(), v.into_owned())))
            }
            MetadataData::Entries(v) => MetadataData::Entries(owned_vec(v, AString::into_owned)),
        }
    }
}

/// One thread of a THREAD response (RFC 5256 §4 `thread-list`): message numbers in a chain,
/// then either nothing or at least two sub-threads (`thread-nested`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ThreadNode {
    ids: Vec<NonZeroU32>,
    children: Vec<ThreadNode>,
}

impl ThreadNode {
    /// A thread: `ids` followed by `children`. A thread-list needs ids or at least two
    /// children, and children after ids number zero or at least two (RFC 5256 §4
    /// `thread-nested = 2*thread-list`).
    pub fn new(ids: Vec<NonZeroU32>, children: Vec<ThreadNode>) -> VResult<Self> {
        if children.len() == 1 || (ids.is_empty() && children.is_empty()) {
            return Err(ValueError::Invalid("thread list"));
        }
        Ok(Self { ids, children })
    }

    pub(crate) fn unchecked(ids: Vec<NonZeroU32>, children: Vec<ThreadNode>) -> Self {
        Self { ids, children }
    }

    /// The chain of message numbers (parent first).
    pub fn ids(&self) -> &[NonZeroU32] {
        &self.ids
    }

    /// The sub-threads of the last message of the chain.
    pub fn children(&self) -> &[ThreadNode] {
        &self.children
    }
}

// ---------------------------------------------------------------------------------------------
// FETCH data
// ---------------------------------------------------------------------------------------------

/// One data item of a FETCH response (RFC 9051 §7.5.2 `msg-att`, RFC 3501 §7.4.2, with
/// RFC 3516, RFC 7162, RFC 8474, RFC 8514 and Gmail's `X-GM-*`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FetchData<'a> {
    /// `FLAGS (…)`.
    Flags(Vec<FlagFetch<'a>>),
    /// `ENVELOPE (…)`.
    Envelope(Box<Envelope<'a>>),
    /// `INTERNALDATE "…"`.
    InternalDate(DateTime),
    /// `RFC822 nstring` (RFC 3501).
    Rfc822(NString<'a>),
    /// `RFC822.HEADER nstring` (RFC 3501).
    Rfc822Header(NString<'a>),
    /// `RFC822.TEXT nstring` (RFC 3501).
    Rfc822Text(NString<'a>),
    /// `RFC822.SIZE n` (number64 in RFC 9051).
    Rfc822Size(u64),
    /// `BODY (…)`: the non-extensible body structure.
    Body(Box<BodyStructure<'a>>),
    /// `BODYSTRUCTURE (…)`.
    BodyStructure(Box<BodyStructure<'a>>),
    /// `BODY[section]<origin> nstring`.
    BodySection {
        /// The section.
        section: Section<'a>,
        /// The origin octet of a partial fetch (`<n>`).
        origin: Option<u32>,
        /// The data.
        data: NString<'a>,
    },
    /// `BINARY[part]<origin> (nstring / literal8)` (RFC 3516 §4.2, RFC 9051 §7.5.2).
    Binary {
        /// The part (`None` for `BINARY[]`).
        section: Option<SectionPart<'a>>,
        /// The offset in the decoded data of a partial fetch (`<n>`).
        origin: Option<u32>,
        /// The decoded data.
        data: NString<'a>,
    },
    /// `BINARY.SIZE[part] n` (RFC 3516 §4.2).
    BinarySize {
        /// The part (`None` for `BINARY.SIZE[]`).
        section: Option<SectionPart<'a>>,
        /// The decoded size.
        size: u32,
    },
    /// `UID n`.
    Uid(NonZeroU32),
    /// `MODSEQ (n)` (RFC 7162 §3.1.4).
    ModSeq(NonZeroU64),
    /// `EMAILID (id)` (RFC 8474 §5.1).
    EmailId(ObjectId<'a>),
    /// `THREADID (id)` or `THREADID NIL` (RFC 8474 §5.2).
    ThreadId(Option<ObjectId<'a>>),
    /// `SAVEDATE "…"` or `SAVEDATE NIL` (RFC 8514 §4).
    SaveDate(Option<DateTime>),
    /// `PREVIEW nstring` (RFC 8970 §3.2): up to 256 characters of the message's text.
    Preview(NString<'a>),
    /// An item this crate does not know, kept with its value in the generic extension syntax
    /// (RFC 4466 §2.1 `tagged-ext-val`), e.g. Dovecot's `SNIPPET (FUZZY "…")` from the draft
    /// that became RFC 8970. Build it with [`FetchData::other`].
    Other {
        /// The item's name.
        name: Atom<'a>,
        /// Its value.
        value: TaggedExtValue<'a>,
    },
    /// `X-GM-MSGID n` (Gmail).
    GmMsgId(u64),
    /// `X-GM-THRID n` (Gmail).
    GmThrId(u64),
    /// `X-GM-LABELS (…)` (Gmail): labels are astrings or `\`-names such as `\Inbox`.
    GmLabels(Vec<GmLabel<'a>>),
}

/// The FETCH item names this crate parses into their own [`FetchData`] variants (matched
/// ignoring case); [`FetchData::other`] refuses them.
pub const KNOWN_FETCH_ITEMS: &[&str] = &[
    "FLAGS",
    "ENVELOPE",
    "INTERNALDATE",
    "RFC822",
    "RFC822.HEADER",
    "RFC822.TEXT",
    "RFC822.SIZE",
    "BODY",
    "BODYSTRUCTURE",
    "BINARY",
    "BINARY.SIZE",
    "UID",
    "MODSEQ",
    "EMAILID",
    "THREADID",
    "SAVEDATE",
    "PREVIEW",
    "X-GM-MSGID",
    "X-GM-THRID",
    "X-GM-LABELS",
];

impl<'a> FetchData<'a> {
    /// An item this crate does not know ([`FetchData::Other`]); the name must be an RFC 4466
    /// `tagged-ext-label` (a letter, `-`, `_` or `.`, then those, digits and `:`), and a known
    /// name is refused, so that every value re-parses as itself.
    ///
    /// ```
    /// use imap_proto::types::{AString, Atom, FetchData, TaggedExtComp, TaggedExtValue};
    /// let snippet = FetchData::other(
    ///     Atom::new("SNIPPET")?,
    ///     TaggedExtValue::Comp(vec![
    ///         TaggedExtComp::AString(AString::new(&b"FUZZY"[..])?),
    ///         TaggedExtComp::AString(AString::new(&b"Hello"[..])?),
    ///     ]),
    /// )?;
    /// assert!(FetchData::other(Atom::new("uid")?, TaggedExtValue::Number(1)).is_err());
    /// assert!(FetchData::other(Atom::new("X>Y")?, TaggedExtValue::Number(1)).is_err());
    /// assert!(FetchData::other(Atom::new("X_Y:1")?, TaggedExtValue::Number(1)).is_ok());
    /// # let _ = snippet;
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: TaggedExtValue<'a>) -> VResult<Self> {
        if let Some(offset) = tagged_ext_label_error(name.as_str()) {
            return Err(ValueError::InvalidChar {
                what: "fetch item name",
                offset,
            });
        }
        if KNOWN_FETCH_ITEMS
            .iter()
            .any(|k| name.eq_ignore_ascii_case(k))
        {
            return Err(ValueError::Reserved("fetch item"));
        }
        Ok(FetchData::Other { name, value })
    }
}

impl FetchData<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> FetchData<'static> {
        use FetchData as F;
        match self {
            F::Flags(v) => F::Flags(owned_vec(v, FlagFetch::into_owned)),
            F::Envelope(e) => F::Envelope(Box::new(e.into_owned())),
            F::InternalDate(d) => F::InternalDate(d),
            F::Rfc822(s) => F::Rfc822(s.into_owned()),
            F::Rfc822Header(s) => F::Rfc822Header(s.into_owned()),
            F::Rfc822Text(s) => F::Rfc822Text(s.into_owned()),
            F::Rfc822Size(n) => F::Rfc822Size(n),
            F::Body(b) => F::Body(Box::new(b.into_owned())),
            F::BodyStructure(b) => F::BodyStructure(Box::new(b.into_owned())),
            F::BodySection {
                section,
                origin,
                data,
            } => F::BodySection {
                section: section.into_owned(),
                origin,
                data: data.into_owned(),
            },
            F::Binary {
                section,
                origin,
                data,
            } => F::Binary {
                section: section.map(SectionPart::into_owned),
                origin,
                data: data.into_owned(),
            },
            F::BinarySize { section, size } => F::BinarySize {
                section: section.map(SectionPart::into_owned),
                size,
            },
            F::Uid(n) => F::Uid(n),
            F::ModSeq(n) => F::ModSeq(n),
            F::EmailId(id) => F::EmailId(id.into_owned()),
            F::ThreadId(id) => F::ThreadId(id.map(ObjectId::into_owned)),
            F::SaveDate(d) => F::SaveDate(d),
            F::Preview(s) => F::Preview(s.into_owned()),
            F::Other { name, value } => F::Other {
                name: name.into_owned(),
                value: value.into_owned(),
            },
            F::GmMsgId(n) => F::GmMsgId(n),
            F::GmThrId(n) => F::GmThrId(n),
            F::GmLabels(v) => F::GmLabels(owned_vec(v, GmLabel::into_owned)),
        }
    }
}

/// A Gmail label in `X-GM-LABELS` (Gmail IMAP extensions): a system label written with a
/// backslash (`\Inbox`, `\Sent`, `\Important`) or a user label (an astring).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GmLabel<'a> {
    /// `\name`.
    System(Atom<'a>),
    /// A user label.
    Label(AString<'a>),
}

impl GmLabel<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> GmLabel<'static> {
        match self {
            GmLabel::System(a) => GmLabel::System(a.into_owned()),
            GmLabel::Label(a) => GmLabel::Label(a.into_owned()),
        }
    }
}
