//! [`Encode`] for commands (client side; RFC 9051 §6, §9 and the extensions of
//! [`CommandBody`]), plus the two client lines that are not tagged commands:
//! [`encode_idle_done`] and [`encode_authenticate_data`].
//!
//! Strings go out in the form they hold (an [`AString`] built with [`AString::new`] is already
//! the cheapest valid form: atom, quoted string or literal); literals become
//! [`Fragment::Literal`](super::Fragment)s and follow the encoder's
//! [`LiteralPolicy`](super::LiteralPolicy) (LITERAL+/LITERAL-). Lists the grammar requires to be
//! non-empty are [`Vec1`]s, so every value encodes to valid syntax.
//!
//! ```
//! use imap_proto::encode::{Encode, Encoder, Fragment};
//! use imap_proto::types::{AString, Command, CommandBody, Password, Tag};
//!
//! let cmd = Command::new(Tag::new("a1")?, CommandBody::Login {
//!     username: AString::new(&b"alice"[..])?,
//!     password: Password(AString::new(&b"sec ret"[..])?),
//! });
//! assert_eq!(cmd.to_bytes(), b"a1 LOGIN alice \"sec ret\"\r\n");
//! # Ok::<(), imap_proto::types::ValueError>(())
//! ```

use mail_sasl::framing::{self, ClientMessage};

use super::{Encode, Encoder};
use crate::types::{
    AppendData, AppendMessage, Atom, CatenatePart, Command, CommandBody, CreateParameter,
    EntryType, EventGroup, FetchAttribute, FetchItems, FetchModifier, ListMailbox,
    ListReturnOption, ListSelectOption, MailboxFilter, MetadataDepth, MetadataOption, NUMBER64_MAX,
    NotifyEvent, NotifySet, ObjectId, OtherArguments, OtherCommand, PartialRange, Password,
    QResyncParameters, QuotaLimit, RenameParameter, SearchKey, SearchReturnOption, SelectParameter,
    SortCriterion, StatusAttribute, StoreAction, StoreFlags, StoreModifier, TaggedExtValue,
    ThreadAlgorithm, Vec1,
};

/// Writes the `DONE` line that ends IDLE (RFC 2177 §3).
pub fn encode_idle_done(e: &mut Encoder) {
    e.push(b"DONE");
    e.crlf();
}

/// Writes a client line of an AUTHENTICATE exchange (RFC 9051 §6.2.2): the response in base64
/// (an empty line for an empty response), or `*` to cancel.
pub fn encode_authenticate_data(message: &ClientMessage, e: &mut Encoder) {
    match message {
        ClientMessage::Cancel => e.push(framing::CANCEL.as_bytes()),
        ClientMessage::Response(r) => e.push(framing::encode_response(r.as_bytes()).as_bytes()),
    }
    e.crlf();
}

/// A `number64`, at most [`NUMBER64_MAX`].
fn number64(e: &mut Encoder, n: u64) {
    e.number(n.min(NUMBER64_MAX));
}

fn kw_arg(e: &mut Encoder, kw: &[u8], arg: &dyn Encode) {
    e.push(kw);
    e.sp();
    arg.encode(e);
}

fn spaced<T: Encode>(e: &mut Encoder, items: &[T]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            e.sp();
        }
        item.encode(e);
    }
}

impl Encode for Command<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.tag.encode(e);
        e.sp();
        self.body.encode(e);
        e.crlf();
    }
}

impl Encode for Password<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.0.encode(e);
    }
}

impl Encode for CommandBody<'_> {
    /// The command without tag and CRLF.
    fn encode(&self, e: &mut Encoder) {
        use CommandBody as C;
        let uid_prefix = |e: &mut Encoder, uid: bool| {
            if uid {
                e.push(b"UID ");
            }
        };
        // `[UID] STORE set [(modifiers)] [+|-]`, shared by FLAGS and X-GM-LABELS.
        let store_prefix = |e: &mut Encoder,
                            uid: bool,
                            set: &crate::types::SequenceSet<'_>,
                            modifiers: &[StoreModifier<'_>],
                            action: StoreAction| {
            uid_prefix(e, uid);
            e.push(b"STORE ");
            set.encode(e);
            e.sp();
            if !modifiers.is_empty() {
                e.list(modifiers);
                e.sp();
            }
            match action {
                StoreAction::Replace => {}
                StoreAction::Add => e.push_byte(b'+'),
                StoreAction::Remove => e.push_byte(b'-'),
            }
        };
        match self {
            C::Capability => e.push(b"CAPABILITY"),
            C::Noop => e.push(b"NOOP"),
            C::Logout => e.push(b"LOGOUT"),
            C::StartTls => e.push(b"STARTTLS"),
            C::Authenticate {
                mechanism,
                initial_response,
            } => {
                e.push(b"AUTHENTICATE ");
                mechanism.encode(e);
                if let Some(r) = initial_response {
                    e.sp();
                    e.push(framing::encode_initial_response(r.as_bytes()).as_bytes());
                }
            }
            C::Login { username, password } => {
                e.push(b"LOGIN ");
                username.encode(e);
                e.sp();
                password.encode(e);
            }
            C::Enable { capabilities } => {
                e.push(b"ENABLE ");
                spaced(e, capabilities);
            }
            C::Select {
                mailbox,
                parameters,
            }
            | C::Examine {
                mailbox,
                parameters,
            } => {
                e.push(if matches!(self, C::Select { .. }) {
                    b"SELECT "
                } else {
                    b"EXAMINE "
                });
                mailbox.encode(e);
                if !parameters.is_empty() {
                    e.sp();
                    e.list(parameters);
                }
            }
            C::Create {
                mailbox,
                parameters,
            } => {
                e.push(b"CREATE ");
                mailbox.encode(e);
                if !parameters.is_empty() {
                    e.sp();
                    e.list(parameters);
                }
            }
            C::Delete { mailbox } => {
                e.push(b"DELETE ");
                mailbox.encode(e);
            }
            C::Rename {
                from,
                to,
                parameters,
            } => {
                e.push(b"RENAME ");
                from.encode(e);
                e.sp();
                to.encode(e);
                if !parameters.is_empty() {
                    e.sp();
                    e.list(parameters);
                }
            }
            C::Subscribe { mailbox } => {
                e.push(b"SUBSCRIBE ");
                mailbox.encode(e);
            }
            C::Unsubscribe { mailbox } => {
                e.push(b"UNSUBSCRIBE ");
                mailbox.encode(e);
            }
            C::List {
                selection,
                reference,
                patterns,
                return_options,
            } => {
                e.push(b"LIST ");
                if let Some(sel) = selection {
                    e.list(sel);
                    e.sp();
                }
                reference.encode(e);
                e.sp();
                if patterns.len() == 1 {
                    patterns.first().encode(e);
                } else {
                    e.list(patterns.as_slice());
                }
                if let Some(ret) = return_options {
                    e.push(b" RETURN ");
                    e.list(ret);
                }
            }
            C::Lsub { reference, pattern } => {
                e.push(b"LSUB ");
                reference.encode(e);
                e.sp();
                pattern.encode(e);
            }
            C::Namespace => e.push(b"NAMESPACE"),
            C::Status { mailbox, items } => {
                e.push(b"STATUS ");
                mailbox.encode(e);
                e.sp();
                e.list(items.as_slice());
            }
            C::Append { mailbox, messages } => {
                e.push(b"APPEND ");
                mailbox.encode(e);
                for m in messages {
                    e.sp();
                    m.encode(e);
                }
            }
            C::Idle => e.push(b"IDLE"),
            C::CancelUpdate { tags } => {
                e.push(b"CANCELUPDATE");
                for t in tags.iter() {
                    e.push(b" \"");
                    e.push(t.as_str().as_bytes());
                    e.push_byte(b'"');
                }
            }
            C::Check => e.push(b"CHECK"),
            C::Close => e.push(b"CLOSE"),
            C::Unselect => e.push(b"UNSELECT"),
            C::Expunge => e.push(b"EXPUNGE"),
            C::UidExpunge { set } => {
                e.push(b"UID EXPUNGE ");
                set.encode(e);
            }
            C::Search {
                uid,
                return_options,
                charset,
                criteria,
            } => {
                uid_prefix(e, *uid);
                e.push(b"SEARCH ");
                if let Some(ret) = return_options {
                    e.push(b"RETURN ");
                    e.list(ret);
                    e.sp();
                }
                if let Some(cs) = charset {
                    e.push(b"CHARSET ");
                    cs.encode(e);
                    e.sp();
                }
                spaced(e, criteria);
            }
            C::Fetch {
                uid,
                set,
                items,
                modifiers,
            } => {
                uid_prefix(e, *uid);
                e.push(b"FETCH ");
                set.encode(e);
                e.sp();
                items.encode(e);
                if !modifiers.is_empty() {
                    e.sp();
                    e.list(modifiers);
                }
            }
            C::Store {
                uid,
                set,
                modifiers,
                action,
                silent,
                flags,
            } => {
                store_prefix(e, *uid, set, modifiers, *action);
                e.push(if *silent { b"FLAGS.SILENT " } else { b"FLAGS " });
                flags.encode(e);
            }
            C::StoreGmLabels {
                uid,
                set,
                modifiers,
                action,
                silent,
                labels,
            } => {
                store_prefix(e, *uid, set, modifiers, *action);
                e.push(if *silent {
                    b"X-GM-LABELS.SILENT "
                } else {
                    b"X-GM-LABELS "
                });
                e.list(labels);
            }
            C::Copy { uid, set, mailbox } | C::Move { uid, set, mailbox } => {
                uid_prefix(e, *uid);
                e.push(if matches!(self, C::Copy { .. }) {
                    b"COPY "
                } else {
                    b"MOVE "
                });
                set.encode(e);
                e.sp();
                mailbox.encode(e);
            }
            C::GetQuota { root } => {
                e.push(b"GETQUOTA ");
                root.encode(e);
            }
            C::GetQuotaRoot { mailbox } => {
                e.push(b"GETQUOTAROOT ");
                mailbox.encode(e);
            }
            C::SetQuota { root, limits } => {
                e.push(b"SETQUOTA ");
                root.encode(e);
                e.sp();
                e.list(limits);
            }
            C::GetMetadata {
                options,
                mailbox,
                entries,
            } => {
                e.push(b"GETMETADATA ");
                if !options.is_empty() {
                    e.list(options);
                    e.sp();
                }
                mailbox.encode(e);
                e.sp();
                if entries.len() == 1 {
                    entries.first().encode(e);
                } else {
                    e.list(entries.as_slice());
                }
            }
            C::SetMetadata { mailbox, entries } => {
                e.push(b"SETMETADATA ");
                mailbox.encode(e);
                e.push(b" (");
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        e.sp();
                    }
                    k.encode(e);
                    e.sp();
                    v.encode(e);
                }
                e.push_byte(b')');
            }
            C::Id { parameters } => {
                e.push(b"ID ");
                match parameters {
                    None => e.push(b"NIL"),
                    Some(p) => {
                        e.push_byte(b'(');
                        for (i, (k, v)) in p.iter().enumerate() {
                            if i > 0 {
                                e.sp();
                            }
                            k.encode(e);
                            e.sp();
                            v.encode(e);
                        }
                        e.push_byte(b')');
                    }
                }
            }
            C::Sort {
                uid,
                return_options,
                criteria,
                charset,
                keys,
            } => {
                uid_prefix(e, *uid);
                e.push(b"SORT ");
                if let Some(ret) = return_options {
                    e.push(b"RETURN ");
                    e.list(ret);
                    e.sp();
                }
                e.list(criteria.as_slice());
                e.sp();
                charset.encode(e);
                e.sp();
                spaced(e, keys);
            }
            C::Thread {
                uid,
                algorithm,
                charset,
                keys,
            } => {
                uid_prefix(e, *uid);
                e.push(b"THREAD ");
                algorithm.encode(e);
                e.sp();
                charset.encode(e);
                e.sp();
                spaced(e, keys);
            }
            C::GetAcl { mailbox } => {
                e.push(b"GETACL ");
                mailbox.encode(e);
            }
            C::MyRights { mailbox } => {
                e.push(b"MYRIGHTS ");
                mailbox.encode(e);
            }
            C::SetAcl {
                mailbox,
                identifier,
                rights,
            } => {
                e.push(b"SETACL ");
                mailbox.encode(e);
                e.sp();
                identifier.encode(e);
                e.sp();
                rights.encode(e);
            }
            C::DeleteAcl {
                mailbox,
                identifier,
            }
            | C::ListRights {
                mailbox,
                identifier,
            } => {
                e.push(if matches!(self, C::DeleteAcl { .. }) {
                    b"DELETEACL "
                } else {
                    b"LISTRIGHTS "
                });
                mailbox.encode(e);
                e.sp();
                identifier.encode(e);
            }
            C::Compress { algorithm } => {
                e.push(b"COMPRESS ");
                algorithm.encode(e);
            }
            C::Unauthenticate => e.push(b"UNAUTHENTICATE"),
            C::Notify { set: None } => e.push(b"NOTIFY NONE"),
            C::Notify { set: Some(s) } => {
                e.push(b"NOTIFY ");
                s.encode(e);
            }
            C::Other(o) => o.encode(e),
        }
    }
}

impl Encode for OtherCommand<'_> {
    /// The name, and the arguments after a space.
    fn encode(&self, e: &mut Encoder) {
        self.name().encode(e);
        if let Some(a) = self.arguments() {
            e.sp();
            a.encode(e);
        }
    }
}

impl Encode for OtherArguments<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.as_bytes());
    }
}

impl Encode for SelectParameter<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            SelectParameter::CondStore => e.push(b"CONDSTORE"),
            SelectParameter::QResync(q) => q.encode(e),
            SelectParameter::Other { name, value } => tagged_ext(e, name, value.as_ref()),
        }
    }
}

/// `tagged-ext-label [SP tagged-ext-val]` (RFC 4466 §2.1), the generic parameter and modifier.
fn tagged_ext(e: &mut Encoder, name: &Atom<'_>, value: Option<&TaggedExtValue<'_>>) {
    name.encode(e);
    if let Some(v) = value {
        e.sp();
        v.encode(e);
    }
}

impl Encode for CreateParameter<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            CreateParameter::Use(attrs) => {
                e.push(b"USE ");
                e.list(attrs);
            }
            CreateParameter::Other { name, value } => tagged_ext(e, name, value.as_ref()),
        }
    }
}

impl Encode for RenameParameter<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            RenameParameter::Other { name, value } => tagged_ext(e, name, value.as_ref()),
        }
    }
}

impl Encode for StoreModifier<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            StoreModifier::UnchangedSince(n) => {
                e.push(b"UNCHANGEDSINCE ");
                number64(e, *n);
            }
            StoreModifier::Other { name, value } => tagged_ext(e, name, value.as_ref()),
        }
    }
}

impl Encode for QResyncParameters<'_> {
    /// `QRESYNC (uidvalidity modseq [known-uids] [(seqs uids)])`.
    fn encode(&self, e: &mut Encoder) {
        e.push(b"QRESYNC (");
        self.uid_validity.encode(e);
        e.sp();
        number64(e, self.mod_seq);
        if let Some(k) = &self.known_uids {
            e.sp();
            k.encode(e);
        }
        if let Some((s, u)) = &self.seq_match {
            e.push(b" (");
            s.encode(e);
            e.sp();
            u.encode(e);
            e.push_byte(b')');
        }
        e.push_byte(b')');
    }
}

impl Encode for ListSelectOption<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            ListSelectOption::Subscribed => e.push(b"SUBSCRIBED"),
            ListSelectOption::Remote => e.push(b"REMOTE"),
            ListSelectOption::RecursiveMatch => e.push(b"RECURSIVEMATCH"),
            ListSelectOption::SpecialUse => e.push(b"SPECIAL-USE"),
            ListSelectOption::Other(a) => a.encode(e),
        }
    }
}

impl Encode for ListReturnOption {
    fn encode(&self, e: &mut Encoder) {
        match self {
            ListReturnOption::Subscribed => e.push(b"SUBSCRIBED"),
            ListReturnOption::Children => e.push(b"CHILDREN"),
            ListReturnOption::SpecialUse => e.push(b"SPECIAL-USE"),
            ListReturnOption::Status(items) => {
                e.push(b"STATUS ");
                e.list(items.as_slice());
            }
        }
    }
}

impl Encode for ListMailbox<'_> {
    fn encode(&self, e: &mut Encoder) {
        match (self.as_token(), self.as_string()) {
            (Some(t), _) => e.push(t.as_bytes()),
            (None, Some(s)) => s.encode(e),
            (None, None) => e.push(b"\"\""),
        }
    }
}

impl Encode for StatusAttribute {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.name().as_bytes());
    }
}

impl Encode for AppendMessage<'_> {
    /// `[flag-list SP] [date-time SP] literal`.
    fn encode(&self, e: &mut Encoder) {
        if let Some(f) = &self.flags {
            e.list(f);
            e.sp();
        }
        if let Some(d) = &self.date {
            d.encode(e);
            e.sp();
        }
        self.data.encode(e);
    }
}

/// `"UTF8" SP "(" literal8 ")"` (RFC 6855 §4).
fn utf8_literal(e: &mut Encoder, l: &crate::types::Literal<'_>) {
    e.push(b"UTF8 (");
    e.literal(l.data(), l.mode(), true);
    e.push_byte(b')');
}

impl Encode for AppendData<'_> {
    /// `literal` / `literal8` / `UTF8 (literal8)` / `CATENATE (cat-part ...)`.
    fn encode(&self, e: &mut Encoder) {
        match self {
            AppendData::Literal(l) => l.encode(e),
            AppendData::Utf8(l) => utf8_literal(e, l),
            AppendData::Catenate(parts) => {
                e.push(b"CATENATE ");
                e.list(parts.as_slice());
            }
        }
    }
}

impl Encode for CatenatePart<'_> {
    /// `URL astring` / `TEXT literal` / `UTF8 (literal8)` (RFC 4469 §5, RFC 6855 §4).
    fn encode(&self, e: &mut Encoder) {
        match self {
            CatenatePart::Url(u) => {
                e.push(b"URL ");
                u.encode(e);
            }
            CatenatePart::Text(l) => {
                e.push(b"TEXT ");
                // `TEXT` takes a `literal`, never a `literal8`.
                e.literal(l.data(), l.mode(), false);
            }
            CatenatePart::Utf8(l) => utf8_literal(e, l),
        }
    }
}

impl Encode for SearchReturnOption<'_> {
    /// `search-return-opt` (RFC 4466 §2.6.1): the name, `PARTIAL`'s range, `UPDATE`'s fetch
    /// attributes in parentheses (RFC 5465 §8), an unknown option's value.
    fn encode(&self, e: &mut Encoder) {
        match self {
            SearchReturnOption::Partial(r) => {
                e.push(b"PARTIAL ");
                r.encode(e);
            }
            SearchReturnOption::Update(Some(v)) => {
                e.push(b"UPDATE ");
                e.list(v);
            }
            SearchReturnOption::Other { name, value } => tagged_ext(e, name, value.as_ref()),
            _ => e.push(self.name().as_bytes()),
        }
    }
}

impl Encode for NotifySet<'_> {
    /// `SET [STATUS] event-group ...` (RFC 5465 §8 `notify-set`).
    fn encode(&self, e: &mut Encoder) {
        e.push(if self.status() {
            b"SET STATUS "
        } else {
            b"SET "
        });
        spaced(e, self.groups());
    }
}

impl Encode for EventGroup<'_> {
    /// `"(" filter-mailboxes SP events ")"`, the events `NONE` or `(event ...)` (RFC 5465
    /// §8).
    fn encode(&self, e: &mut Encoder) {
        e.push_byte(b'(');
        self.filter().encode(e);
        e.sp();
        match self.events() {
            None => e.push(b"NONE"),
            Some(v) => e.list(v),
        }
        e.push_byte(b')');
    }
}

impl Encode for MailboxFilter<'_> {
    /// The name in lower case, then the mailboxes: one bare, several in parentheses (RFC 5465
    /// §8 `one-or-more-mailbox`).
    fn encode(&self, e: &mut Encoder) {
        e.push(self.name().as_bytes());
        match self.mailboxes() {
            [] => {}
            [one] => {
                e.sp();
                one.encode(e);
            }
            many => {
                e.sp();
                e.list(many);
            }
        }
    }
}

impl Encode for NotifyEvent<'_> {
    /// The name (the RFC's spelling), `MessageNew` with its fetch attributes in parentheses
    /// (RFC 5465 §8 `event`).
    fn encode(&self, e: &mut Encoder) {
        e.push(self.name().as_bytes());
        if let NotifyEvent::MessageNew(Some(v)) = self {
            e.sp();
            e.list(v);
        }
    }
}

impl Encode for PartialRange {
    /// `a:b` or `-a:-b` (RFC 9394 §5), the numbers in the order they were given.
    fn encode(&self, e: &mut Encoder) {
        let (a, b) = self.bounds();
        let minus = self.is_last();
        if minus {
            e.push_byte(b'-');
        }
        e.number(u64::from(a.get()));
        e.push(if minus { b":-" } else { b":" });
        e.number(u64::from(b.get()));
    }
}

impl Encode for ObjectId<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.as_str().as_bytes());
    }
}

impl Encode for EntryType {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.name().as_bytes());
    }
}

impl Encode for SearchKey<'_> {
    fn encode(&self, e: &mut Encoder) {
        use SearchKey as K;
        match self {
            K::All => e.push(b"ALL"),
            K::Answered => e.push(b"ANSWERED"),
            K::Bcc(s) => kw_arg(e, b"BCC", s),
            K::Before(d) => kw_arg(e, b"BEFORE", d),
            K::Body(s) => kw_arg(e, b"BODY", s),
            K::Cc(s) => kw_arg(e, b"CC", s),
            K::Deleted => e.push(b"DELETED"),
            K::Draft => e.push(b"DRAFT"),
            K::Flagged => e.push(b"FLAGGED"),
            K::From(s) => kw_arg(e, b"FROM", s),
            K::Header(f, v) => {
                e.push(b"HEADER ");
                f.encode(e);
                e.sp();
                v.encode(e);
            }
            K::Keyword(a) => kw_arg(e, b"KEYWORD", a),
            K::Larger(n) => {
                e.push(b"LARGER ");
                number64(e, *n);
            }
            K::New => e.push(b"NEW"),
            K::Not(k) => kw_arg(e, b"NOT", k.as_ref()),
            K::Fuzzy(k) => kw_arg(e, b"FUZZY", k.as_ref()),
            K::Old => e.push(b"OLD"),
            K::On(d) => kw_arg(e, b"ON", d),
            K::Or(a, b) => {
                e.push(b"OR ");
                a.encode(e);
                e.sp();
                b.encode(e);
            }
            K::Recent => e.push(b"RECENT"),
            K::Seen => e.push(b"SEEN"),
            K::SentBefore(d) => kw_arg(e, b"SENTBEFORE", d),
            K::SentOn(d) => kw_arg(e, b"SENTON", d),
            K::SentSince(d) => kw_arg(e, b"SENTSINCE", d),
            K::Since(d) => kw_arg(e, b"SINCE", d),
            K::Smaller(n) => {
                e.push(b"SMALLER ");
                number64(e, *n);
            }
            K::Subject(s) => kw_arg(e, b"SUBJECT", s),
            K::Text(s) => kw_arg(e, b"TEXT", s),
            K::To(s) => kw_arg(e, b"TO", s),
            K::Uid(s) => kw_arg(e, b"UID", s),
            K::Unanswered => e.push(b"UNANSWERED"),
            K::Undeleted => e.push(b"UNDELETED"),
            K::Undraft => e.push(b"UNDRAFT"),
            K::Unflagged => e.push(b"UNFLAGGED"),
            K::Unkeyword(a) => kw_arg(e, b"UNKEYWORD", a),
            K::Unseen => e.push(b"UNSEEN"),
            K::SequenceSet(s) => s.encode(e),
            K::And(v) => e.list(v.as_slice()),
            K::ModSeq { entry, value } => {
                e.push(b"MODSEQ ");
                if let Some((flag, ty)) = entry {
                    let mut name = b"/flags/".to_vec();
                    name.extend_from_slice(&flag.to_bytes());
                    e.quoted_bytes(&name);
                    e.sp();
                    ty.encode(e);
                    e.sp();
                }
                number64(e, *value);
            }
            K::Older(n) => kw_arg(e, b"OLDER", n),
            K::Younger(n) => kw_arg(e, b"YOUNGER", n),
            K::EmailId(o) => kw_arg(e, b"EMAILID", o),
            K::ThreadId(o) => kw_arg(e, b"THREADID", o),
            K::SavedBefore(d) => kw_arg(e, b"SAVEDBEFORE", d),
            K::SavedOn(d) => kw_arg(e, b"SAVEDON", d),
            K::SavedSince(d) => kw_arg(e, b"SAVEDSINCE", d),
            K::SaveDateSupported => e.push(b"SAVEDATESUPPORTED"),
            K::GmRaw(s) => kw_arg(e, b"X-GM-RAW", s),
            K::GmMsgId(n) => {
                e.push(b"X-GM-MSGID ");
                number64(e, *n);
            }
            K::GmThrId(n) => {
                e.push(b"X-GM-THRID ");
                number64(e, *n);
            }
            K::GmLabels(s) => kw_arg(e, b"X-GM-LABELS", s),
        }
    }
}

impl Encode for FetchItems<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            FetchItems::All => e.push(b"ALL"),
            FetchItems::Fast => e.push(b"FAST"),
            FetchItems::Full => e.push(b"FULL"),
            FetchItems::Single(a) => a.encode(e),
            FetchItems::List(v) => e.list(v.as_slice()),
        }
    }
}

impl Encode for FetchAttribute<'_> {
    fn encode(&self, e: &mut Encoder) {
        use FetchAttribute as A;
        match self {
            A::Envelope => e.push(b"ENVELOPE"),
            A::Flags => e.push(b"FLAGS"),
            A::InternalDate => e.push(b"INTERNALDATE"),
            A::Rfc822 => e.push(b"RFC822"),
            A::Rfc822Header => e.push(b"RFC822.HEADER"),
            A::Rfc822Size => e.push(b"RFC822.SIZE"),
            A::Rfc822Text => e.push(b"RFC822.TEXT"),
            A::Body => e.push(b"BODY"),
            A::BodyStructure => e.push(b"BODYSTRUCTURE"),
            A::Uid => e.push(b"UID"),
            A::BodySection {
                peek,
                section,
                partial,
            } => {
                e.push(if *peek { b"BODY.PEEK" } else { b"BODY" });
                section.encode(e);
                if let Some(p) = partial {
                    p.encode(e);
                }
            }
            A::Binary {
                peek,
                part,
                partial,
            } => {
                e.push(if *peek { b"BINARY.PEEK[" } else { b"BINARY[" });
                if let Some(p) = part {
                    p.encode(e);
                }
                e.push_byte(b']');
                if let Some(p) = partial {
                    p.encode(e);
                }
            }
            A::BinarySize { part } => {
                e.push(b"BINARY.SIZE[");
                if let Some(p) = part {
                    p.encode(e);
                }
                e.push_byte(b']');
            }
            A::ModSeq => e.push(b"MODSEQ"),
            A::EmailId => e.push(b"EMAILID"),
            A::ThreadId => e.push(b"THREADID"),
            A::SaveDate => e.push(b"SAVEDATE"),
            A::Preview { lazy: false } => e.push(b"PREVIEW"),
            A::Preview { lazy: true } => e.push(b"PREVIEW (LAZY)"),
            A::GmMsgId => e.push(b"X-GM-MSGID"),
            A::GmThrId => e.push(b"X-GM-THRID"),
            A::GmLabels => e.push(b"X-GM-LABELS"),
        }
    }
}

impl Encode for FetchModifier<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            FetchModifier::ChangedSince(n) => {
                e.push(b"CHANGEDSINCE ");
                number64(e, *n);
            }
            FetchModifier::Vanished => e.push(b"VANISHED"),
            FetchModifier::Partial(r) => {
                e.push(b"PARTIAL ");
                r.encode(e);
            }
            FetchModifier::Other { name, value } => tagged_ext(e, name, value.as_ref()),
        }
    }
}

impl Encode for StoreFlags<'_> {
    fn encode(&self, e: &mut Encoder) {
        match self {
            StoreFlags::List(v) => e.list(v),
            StoreFlags::Bare(v) => spaced(e, v),
        }
    }
}

impl Encode for QuotaLimit<'_> {
    fn encode(&self, e: &mut Encoder) {
        self.resource.encode(e);
        e.sp();
        number64(e, self.limit);
    }
}

impl Encode for MetadataOption {
    fn encode(&self, e: &mut Encoder) {
        match self {
            MetadataOption::MaxSize(n) => {
                e.push(b"MAXSIZE ");
                n.encode(e);
            }
            MetadataOption::Depth(d) => e.push(match d {
                MetadataDepth::Zero => b"DEPTH 0",
                MetadataDepth::One => b"DEPTH 1",
                MetadataDepth::Infinity => b"DEPTH infinity",
            }),
        }
    }
}

impl Encode for SortCriterion {
    fn encode(&self, e: &mut Encoder) {
        if self.reverse {
            e.push(b"REVERSE ");
        }
        e.push(self.key.name().as_bytes());
    }
}

impl Encode for ThreadAlgorithm<'_> {
    fn encode(&self, e: &mut Encoder) {
        e.push(self.name().as_bytes());
    }
}

impl<T: Encode> Encode for Vec1<T> {
    /// A parenthesized list.
    fn encode(&self, e: &mut Encoder) {
        e.list(self.as_slice());
    }
}
