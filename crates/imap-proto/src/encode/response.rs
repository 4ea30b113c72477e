//! [`Encode`] for server responses (RFC 9051 §7, §9 `response`): the server side of the
//! codec. Each [`Response`] is written with its final CRLF; literals (FETCH `BODY[]` data,
//! strings that cannot be quoted) become [`Fragment::Literal`](super::Fragment)s. A server
//! sends literals as they are (`{n}`): use [`LiteralPolicy::Sync`](super::LiteralPolicy) or
//! keep the values' own modes.
//!
//! ```
//! use imap_proto::encode::Encode;
//! use imap_proto::types::{Response, RespText, State, Tag, TaggedResponse};
//!
//! let r = Response::Tagged(TaggedResponse {
//!     tag: Tag::new("A001")?,
//!     state: State::Ok,
//!     text: RespText::text_only("LOGIN completed")?,
//! });
//! assert_eq!(r.to_bytes(), b"A001 OK LOGIN completed\r\n");
//! # Ok::<(), imap_proto::types::ValueError>(())
//! ```

use super::{Encode, Encoder};
use crate::types::{
    Condition, Delimiter, EsearchData, EsearchResponse, FetchData, GmLabel, ListExtendedItem,
    ListResponse, MailboxStatus, MetadataCode, MetadataData, NamespaceDescr, ObjectId, OtherCode,
    QuotaUsage, RespText, Response, ResponseCode, SequenceSet, State, StatusValue, TaggedExtComp,
    TaggedExtValue, TaggedResponse, Text, ThreadNode, UntaggedResponse,
};

fn objectid_paren(e: &mut Encoder, id: &ObjectId<'_>) {
    e.push_byte(b'(');
    e.push(id.as_str().as_bytes());
    e.push_byte(b')');
}

fn delimiter(e: &mut Encoder, d: Option<Delimiter>) {
    match d {
        None => e.push(b"NIL"),
        Some(d) => {
            e.push_byte(b'"');
            if d.get() == b'"' || d.get() == b'\\' {
                e.push_byte(b'\\');
            }
            e.push_byte(d.get());
            e.push_byte(b'"');
        }
    }
}

/// `*(SP item)`.
fn sp_items<T: Encode>(e: &mut Encoder, items: &[T]) {
    for i in items {
        e.sp();
        i.encode(e);
    }
}

impl Encode for Response<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            Response::Tagged(t) => t.encode(e),
            Response::Untagged(u) => u.encode(e),
            Response::Continue(t) => {
                e.push(b"+ ");
                t.encode(e);
                e.crlf();
            }
        }
    }
}

impl Encode for TaggedResponse<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.tag.encode(e);
        e.sp();
        self.state.encode(e);
        e.sp();
        self.text.encode(e);
        e.crlf();
    }
}

impl Encode for State {
    fn encode(&self, e: &mut Encoder) {
        Condition::from(*self).encode(e);
    }
}

impl Encode for Condition {
    fn encode(&self, e: &mut Encoder) {
        e.push(match self {
            Condition::Ok => b"OK",
            Condition::No => b"NO",
            Condition::Bad => b"BAD",
            Condition::PreAuth => b"PREAUTH",
            Condition::Bye => b"BYE",
        });
    }
}

impl Encode for Text<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.as_bytes());
    }
}

impl Encode for RespText<'_> {
    /// `["[" resp-text-code "]" SP] [text]`; after a code with an empty text the `SP` is left
    /// out, as in RFC 9051's own examples (`e NO [CONTACTADMIN]`).
    fn encode(&self, e: &mut Encoder) {
        if let Some(code) = self.code() {
            e.push_byte(b'[');
            code.encode(e);
            e.push_byte(b']');
            if self.text().is_empty() {
                return;
            }
            e.sp();
        }
        self.text().encode(e);
    }
}

impl Encode for OtherCode<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.name().encode(e);
        if let Some(d) = self.data() {
            e.sp();
            e.push(d);
        }
    }
}

impl Encode for ResponseCode<'_> {
    /// The code without its brackets.
    fn encode(&self, e: &mut Encoder) {
        if let Some(name) = self.simple_name() {
            e.push(name.as_bytes());
            return;
        }
        match self {
            ResponseCode::BadCharset(v) => {
                e.push(b"BADCHARSET");
                if !v.is_empty() {
                    e.sp();
                    e.list(v);
                }
            }
            ResponseCode::Capability(v) => {
                e.push(b"CAPABILITY");
                sp_items(e, v);
            }
            ResponseCode::PermanentFlags(v) => {
                e.push(b"PERMANENTFLAGS ");
                e.list(v);
            }
            ResponseCode::UidNext(n) => {
                e.push(b"UIDNEXT ");
                e.number(u64::from(n.get()));
            }
            ResponseCode::UidValidity(n) => {
                e.push(b"UIDVALIDITY ");
                e.number(u64::from(n.get()));
            }
            ResponseCode::Unseen(n) => {
                e.push(b"UNSEEN ");
                e.number(u64::from(n.get()));
            }
            ResponseCode::AppendUid { uid_validity, uids } => {
                e.push(b"APPENDUID ");
                e.number(u64::from(uid_validity.get()));
                e.sp();
                uids.encode(e);
            }
            ResponseCode::CopyUid {
                uid_validity,
                source,
                dest,
            } => {
                e.push(b"COPYUID ");
                e.number(u64::from(uid_validity.get()));
                e.sp();
                source.encode(e);
                e.sp();
                dest.encode(e);
            }
            ResponseCode::HighestModSeq(n) => {
                e.push(b"HIGHESTMODSEQ ");
                e.number(n.get());
            }
            ResponseCode::Modified(s) => {
                e.push(b"MODIFIED ");
                s.encode(e);
            }
            ResponseCode::MailboxId(id) => {
                e.push(b"MAILBOXID ");
                objectid_paren(e, id);
            }
            ResponseCode::Metadata(m) => {
                e.push(b"METADATA ");
                match m {
                    MetadataCode::LongEntries(n) => {
                        e.push(b"LONGENTRIES ");
                        e.number(u64::from(*n));
                    }
                    MetadataCode::MaxSize(n) => {
                        e.push(b"MAXSIZE ");
                        e.number(u64::from(*n));
                    }
                    MetadataCode::TooMany => e.push(b"TOOMANY"),
                    MetadataCode::NoPrivate => e.push(b"NOPRIVATE"),
                }
            }
            ResponseCode::BadUrl(u) => {
                e.push(b"BADURL ");
                e.push(u.as_str().as_bytes());
            }
            ResponseCode::NoUpdate(t) => {
                // Tag characters need no escape in a quoted string.
                e.push(b"NOUPDATE \"");
                e.push(t.as_str().as_bytes());
                e.push_byte(b'"');
            }
            ResponseCode::BadEvent(v) => {
                e.push(b"BADEVENT ");
                e.list(v);
            }
            ResponseCode::Other(o) => o.encode(e),
            // Codes without data were written above.
            _ => {}
        }
    }
}

fn ids_modseq(
    e: &mut Encoder,
    name: &[u8],
    ids: &[std::num::NonZeroU32],
    modseq: Option<std::num::NonZeroU64>,
) {
    e.push(name);
    sp_items(e, ids);
    if let Some(m) = modseq {
        e.push(b" (MODSEQ ");
        e.number(m.get());
        e.push_byte(b')');
    }
}

impl Encode for UntaggedResponse<'_> {
    fn encode(&self, e: &mut Encoder) {
        use UntaggedResponse as U;
        e.push(b"* ");
        match self {
            U::Status { condition, text } => {
                condition.encode(e);
                e.sp();
                text.encode(e);
            }
            U::Capability(v) => {
                e.push(b"CAPABILITY");
                sp_items(e, v);
            }
            U::Enabled(v) => {
                e.push(b"ENABLED");
                sp_items(e, v);
            }
            U::List(l) => {
                e.push(b"LIST ");
                l.encode(e);
            }
            U::Lsub(l) => {
                e.push(b"LSUB ");
                l.encode(e);
            }
            U::Namespace(n) => {
                e.push(b"NAMESPACE");
                for list in [&n.personal, &n.other_users, &n.shared] {
                    e.sp();
                    if list.is_empty() {
                        e.push(b"NIL");
                    } else {
                        e.push_byte(b'(');
                        for d in list {
                            d.encode(e);
                        }
                        e.push_byte(b')');
                    }
                }
            }
            U::MailboxStatus(s) => s.encode(e),
            U::Search { ids, modseq } => ids_modseq(e, b"SEARCH", ids, *modseq),
            U::Sort { ids, modseq } => ids_modseq(e, b"SORT", ids, *modseq),
            U::Esearch(r) => r.encode(e),
            U::Flags(v) => {
                e.push(b"FLAGS ");
                e.list(v);
            }
            U::Exists(n) => {
                e.number(u64::from(*n));
                e.push(b" EXISTS");
            }
            U::Recent(n) => {
                e.number(u64::from(*n));
                e.push(b" RECENT");
            }
            U::Expunge(n) => {
                e.number(u64::from(n.get()));
                e.push(b" EXPUNGE");
            }
            U::Vanished { earlier, uids } => {
                e.push(b"VANISHED ");
                if *earlier {
                    e.push(b"(EARLIER) ");
                }
                uids.encode(e);
            }
            U::Fetch { seq, items } => {
                e.number(u64::from(seq.get()));
                e.push(b" FETCH ");
                e.list(items);
            }
            U::UidFetch { uid, items } => {
                e.number(u64::from(uid.get()));
                e.push(b" UIDFETCH ");
                e.list(items);
            }
            U::Id(None) => e.push(b"ID NIL"),
            U::Id(Some(fields)) => {
                e.push(b"ID (");
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        e.sp();
                    }
                    k.encode(e);
                    e.sp();
                    v.encode(e);
                }
                e.push_byte(b')');
            }
            U::Quota { root, resources } => {
                e.push(b"QUOTA ");
                root.encode(e);
                e.sp();
                e.list(resources);
            }
            U::QuotaRoot { mailbox, roots } => {
                e.push(b"QUOTAROOT ");
                mailbox.encode(e);
                sp_items(e, roots);
            }
            U::Metadata { mailbox, data } => {
                e.push(b"METADATA ");
                mailbox.encode(e);
                e.sp();
                match data {
                    MetadataData::Values(v) => {
                        e.push_byte(b'(');
                        for (i, (k, v)) in v.iter().enumerate() {
                            if i > 0 {
                                e.sp();
                            }
                            k.encode(e);
                            e.sp();
                            v.encode(e);
                        }
                        e.push_byte(b')');
                    }
                    MetadataData::Entries(v) => {
                        for (i, k) in v.iter().enumerate() {
                            if i > 0 {
                                e.sp();
                            }
                            k.encode(e);
                        }
                    }
                }
            }
            U::Thread(v) => {
                e.push(b"THREAD");
                if !v.is_empty() {
                    e.sp();
                    for t in v {
                        t.encode(e);
                    }
                }
            }
            U::Acl { mailbox, entries } => {
                e.push(b"ACL ");
                mailbox.encode(e);
                for entry in entries {
                    e.sp();
                    entry.identifier.encode(e);
                    e.sp();
                    entry.rights.encode(e);
                }
            }
            U::ListRights {
                mailbox,
                identifier,
                required,
                optional,
            } => {
                e.push(b"LISTRIGHTS ");
                mailbox.encode(e);
                e.sp();
                identifier.encode(e);
                e.sp();
                required.encode(e);
                sp_items(e, optional);
            }
            U::MyRights { mailbox, rights } => {
                e.push(b"MYRIGHTS ");
                mailbox.encode(e);
                e.sp();
                rights.encode(e);
            }
            U::Other { name, rest } => {
                name.encode(e);
                if !rest.is_empty() {
                    e.sp();
                    e.push(rest.as_bytes());
                }
            }
            U::OtherNumeric { number, name, rest } => {
                e.number(u64::from(*number));
                e.sp();
                name.encode(e);
                if !rest.is_empty() {
                    e.sp();
                    e.push(rest.as_bytes());
                }
            }
        }
        e.crlf();
    }
}

impl Encode for ListResponse<'_> {
    /// `mailbox-list`: attributes, delimiter, name and extended data.
    fn encode(&self, e: &mut Encoder) {
        e.list(&self.attributes);
        e.sp();
        delimiter(e, self.delimiter);
        e.sp();
        self.mailbox.encode(e);
        if !self.extended.is_empty() {
            e.sp();
            e.list(&self.extended);
        }
    }
}

impl Encode for ListExtendedItem<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            ListExtendedItem::ChildInfo(v) => {
                e.push(b"\"CHILDINFO\" ");
                e.list(v);
            }
            ListExtendedItem::OldName(m) => {
                e.push(b"\"OLDNAME\" (");
                m.encode(e);
                e.push_byte(b')');
            }
            ListExtendedItem::Other { tag, value } => {
                tag.encode(e);
                e.sp();
                value.encode(e);
            }
        }
    }
}

impl Encode for TaggedExtValue<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            TaggedExtValue::Number(n) => e.number(*n),
            TaggedExtValue::SequenceSet(s) => s.encode(e),
            TaggedExtValue::Comp(v) => e.list(v),
            TaggedExtValue::AString(a) => a.encode(e),
        }
    }
}

impl Encode for TaggedExtComp<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            TaggedExtComp::AString(a) => a.encode(e),
            TaggedExtComp::List(v) => e.list(v),
        }
    }
}

impl Encode for NamespaceDescr<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        self.prefix.encode(e);
        e.sp();
        delimiter(e, self.delimiter);
        for (name, values) in &self.extensions {
            e.sp();
            name.encode(e);
            e.sp();
            e.list(values);
        }
        e.push_byte(b')');
    }
}

impl Encode for MailboxStatus<'_> {
    /// `STATUS mailbox (…)`.
    fn encode(&self, e: &mut Encoder) {
        e.push(b"STATUS ");
        self.mailbox.encode(e);
        e.sp();
        e.list(&self.items);
    }
}

impl Encode for StatusValue<'_> {
    fn encode(&self, e: &mut Encoder) {
        let (name, n): (&[u8], u64) = match self {
            StatusValue::Messages(n) => (b"MESSAGES", u64::from(*n)),
            StatusValue::UidNext(n) => (b"UIDNEXT", u64::from(n.get())),
            StatusValue::UidValidity(n) => (b"UIDVALIDITY", u64::from(n.get())),
            StatusValue::Unseen(n) => (b"UNSEEN", u64::from(*n)),
            StatusValue::Deleted(n) => (b"DELETED", u64::from(*n)),
            StatusValue::Size(n) => (b"SIZE", *n),
            StatusValue::Recent(n) => (b"RECENT", u64::from(*n)),
            StatusValue::HighestModSeq(n) => (b"HIGHESTMODSEQ", *n),
            StatusValue::DeletedStorage(n) => (b"DELETED-STORAGE", *n),
            StatusValue::AppendLimit(None) => {
                e.push(b"APPENDLIMIT NIL");
                return;
            }
            StatusValue::AppendLimit(Some(n)) => (b"APPENDLIMIT", *n),
            StatusValue::MailboxId(id) => {
                e.push(b"MAILBOXID ");
                objectid_paren(e, id);
                return;
            }
            StatusValue::Other(a, v) => {
                a.encode(e);
                e.sp();
                v.encode(e);
                return;
            }
        };
        e.push(name);
        e.sp();
        e.number(n);
    }
}

impl Encode for EsearchResponse<'_> {
    /// `ESEARCH [(TAG "…")] [UID] data…`.
    fn encode(&self, e: &mut Encoder) {
        e.push(b"ESEARCH");
        if let Some(t) = &self.tag {
            e.push(b" (TAG ");
            t.encode(e);
            e.push_byte(b')');
        }
        if self.uid {
            e.push(b" UID");
        }
        sp_items(e, &self.data);
    }
}

/// `"(" context-position SP sequence-set *(SP context-position SP sequence-set) ")"` (RFC 5267
/// §5).
fn context_updates(e: &mut Encoder, v: &[(u32, SequenceSet<'_>)]) {
    e.push_byte(b'(');
    for (i, (p, s)) in v.iter().enumerate() {
        if i > 0 {
            e.sp();
        }
        e.number(u64::from(*p));
        e.sp();
        s.encode(e);
    }
    e.push_byte(b')');
}

impl Encode for EsearchData<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            EsearchData::Min(n) => {
                e.push(b"MIN ");
                e.number(u64::from(n.get()));
            }
            EsearchData::Max(n) => {
                e.push(b"MAX ");
                e.number(u64::from(n.get()));
            }
            EsearchData::All(s) => {
                e.push(b"ALL ");
                s.encode(e);
            }
            EsearchData::Count(n) => {
                e.push(b"COUNT ");
                e.number(u64::from(*n));
            }
            EsearchData::ModSeq(n) => {
                e.push(b"MODSEQ ");
                e.number(n.get());
            }
            EsearchData::AddTo(v) => {
                e.push(b"ADDTO ");
                context_updates(e, v);
            }
            EsearchData::RemoveFrom(v) => {
                e.push(b"REMOVEFROM ");
                context_updates(e, v);
            }
            EsearchData::Relevancy(v) => {
                e.push(b"RELEVANCY (");
                for (i, s) in v.iter().enumerate() {
                    if i > 0 {
                        e.sp();
                    }
                    e.number(u64::from(s.get()));
                }
                e.push_byte(b')');
            }
            EsearchData::Partial { range, results } => {
                e.push(b"PARTIAL (");
                range.encode(e);
                e.sp();
                match results {
                    Some(s) => s.encode(e),
                    None => e.push(b"NIL"),
                }
                e.push_byte(b')');
            }
            EsearchData::Other { name, value } => {
                name.encode(e);
                e.sp();
                value.encode(e);
            }
        }
    }
}

impl Encode for QuotaUsage<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.resource.encode(e);
        e.sp();
        e.number(self.usage);
        e.sp();
        e.number(self.limit);
    }
}

impl Encode for ThreadNode {
    /// `"(" … ")"`: the ids separated by SP, then the sub-threads.
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        for (i, id) in self.ids().iter().enumerate() {
            if i > 0 {
                e.sp();
            }
            e.number(u64::from(id.get()));
        }
        if !self.ids().is_empty() && !self.children().is_empty() {
            e.sp();
        }
        for c in self.children() {
            c.encode(e);
        }
        e.push_byte(b')');
    }
}

impl Encode for GmLabel<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            GmLabel::System(a) => {
                e.push_byte(b'\\');
                a.encode(e);
            }
            GmLabel::Label(a) => a.encode(e),
        }
    }
}

fn origin_octet(e: &mut Encoder, origin: Option<u32>) {
    if let Some(o) = origin {
        e.push_byte(b'<');
        e.number(u64::from(o));
        e.push_byte(b'>');
    }
}

impl Encode for FetchData<'_> {
    fn encode(&self, e: &mut Encoder) {
        use FetchData as F;
        match self {
            F::Flags(v) => {
                e.push(b"FLAGS ");
                e.list(v);
            }
            F::Envelope(env) => {
                e.push(b"ENVELOPE ");
                env.encode(e);
            }
            F::InternalDate(d) => {
                e.push(b"INTERNALDATE ");
                d.encode(e);
            }
            F::Rfc822(s) => {
                e.push(b"RFC822 ");
                s.encode(e);
            }
            F::Rfc822Header(s) => {
                e.push(b"RFC822.HEADER ");
                s.encode(e);
            }
            F::Rfc822Text(s) => {
                e.push(b"RFC822.TEXT ");
                s.encode(e);
            }
            F::Rfc822Size(n) => {
                e.push(b"RFC822.SIZE ");
                e.number(*n);
            }
            F::Body(b) => {
                e.push(b"BODY ");
                b.encode(e);
            }
            F::BodyStructure(b) => {
                e.push(b"BODYSTRUCTURE ");
                b.encode(e);
            }
            F::BodySection {
                section,
                origin,
                data,
            } => {
                e.push(b"BODY");
                section.encode(e);
                origin_octet(e, *origin);
                e.sp();
                data.encode(e);
            }
            F::Binary {
                section,
                origin,
                data,
            } => {
                e.push(b"BINARY[");
                if let Some(p) = section {
                    p.encode(e);
                }
                e.push_byte(b']');
                origin_octet(e, *origin);
                e.sp();
                data.encode(e);
            }
            F::BinarySize { section, size } => {
                e.push(b"BINARY.SIZE[");
                if let Some(p) = section {
                    p.encode(e);
                }
                e.push(b"] ");
                e.number(u64::from(*size));
            }
            F::Uid(n) => {
                e.push(b"UID ");
                e.number(u64::from(n.get()));
            }
            F::ModSeq(n) => {
                e.push(b"MODSEQ (");
                e.number(n.get());
                e.push_byte(b')');
            }
            F::EmailId(id) => {
                e.push(b"EMAILID ");
                objectid_paren(e, id);
            }
            F::ThreadId(None) => e.push(b"THREADID NIL"),
            F::ThreadId(Some(id)) => {
                e.push(b"THREADID ");
                objectid_paren(e, id);
            }
            F::SaveDate(None) => e.push(b"SAVEDATE NIL"),
            F::SaveDate(Some(d)) => {
                e.push(b"SAVEDATE ");
                d.encode(e);
            }
            F::Preview(s) => {
                e.push(b"PREVIEW ");
                s.encode(e);
            }
            F::Other { name, value } => {
                name.encode(e);
                e.sp();
                value.encode(e);
            }
            F::GmMsgId(n) => {
                e.push(b"X-GM-MSGID ");
                e.number(*n);
            }
            F::GmThrId(n) => {
                e.push(b"X-GM-THRID ");
                e.number(*n);
            }
            F::GmLabels(v) => {
                e.push(b"X-GM-LABELS ");
                e.list(v);
            }
        }
    }
}
