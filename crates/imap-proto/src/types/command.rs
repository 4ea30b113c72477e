//! Commands, client to server (RFC 9051 §6, RFC 3501 §6 and the extensions listed in the crate
//! documentation): [`Command`] is a tag and a [`CommandBody`], one variant per command.
//!
//! The search keys, SORT and THREAD are in module `command_search`, the FETCH attributes in
//! module `command_fetch` (both re-exported by [`crate::types`]).
//!
//! Values are validated when they are built: where the grammar needs at least one item the
//! field is a [`Vec1`], names and strings are the validated core types, so every value that
//! exists encodes to valid syntax. Numbers that the grammar limits to 63 bits (`number64`,
//! `mod-sequence-value`) are `u64`; the encoder writes values above
//! [`NUMBER64_MAX`](crate::types::NUMBER64_MAX) as that maximum.

use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU32;

use mail_sasl::Response;

use super::{
    AString, Atom, Capability, DateTime, Flag, IString, Literal, Mailbox, MailboxAttribute,
    NString, QuotaResource, SequenceSet, Tag, TaggedExtValue, ValueError, is_list_char,
};
use super::{
    Charset, FetchAttribute, FetchItems, GmLabel, NotifySet, PartialRange, SearchKey,
    SortCriterion, ThreadAlgorithm,
};

type VResult<T> = Result<T, ValueError>;

// ---------------------------------------------------------------------------------------------
// Vec1
// ---------------------------------------------------------------------------------------------

/// A list with at least one item, for the grammar's `x *(SP x)` lists (`1*` and `"(" x *(SP x)
/// ")"`).
///
/// ```
/// use imap_proto::types::Vec1;
/// assert!(Vec1::new(vec![1, 2]).is_ok());
/// assert!(Vec1::<u8>::new(vec![]).is_err());
/// assert_eq!(Vec1::one(7).as_slice(), &[7]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Vec1<T>(Vec<T>);

impl<T> Vec1<T> {
    /// Fails with [`ValueError::Empty`] when `items` is empty.
    pub fn new(items: Vec<T>) -> VResult<Self> {
        if items.is_empty() {
            Err(ValueError::Empty("list"))
        } else {
            Ok(Self(items))
        }
    }

    /// A list of one item.
    pub fn one(item: T) -> Self {
        Self(vec![item])
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// The first item.
    pub fn first(&self) -> &T {
        // Never empty by construction.
        &self.0[0]
    }

    /// Appends an item.
    pub fn push(&mut self, item: T) {
        self.0.push(item);
    }

    /// The items as a `Vec`.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// Maps every item (for `into_owned`).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Vec1<U> {
        Vec1(self.0.into_iter().map(f).collect())
    }
}

impl<T> std::ops::Deref for Vec1<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> TryFrom<Vec<T>> for Vec1<T> {
    type Error = ValueError;
    fn try_from(v: Vec<T>) -> VResult<Self> {
        Self::new(v)
    }
}

impl<'s, T> IntoIterator for &'s Vec1<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for Vec1<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

// ---------------------------------------------------------------------------------------------
// Command
// ---------------------------------------------------------------------------------------------

/// A command (RFC 9051 §2.2.1, §9 `command = tag SP (command-any / command-auth /
/// command-nonauth / command-select) CRLF`).
///
/// ```
/// use imap_proto::types::{Command, CommandBody, Mailbox, Tag};
/// let cmd = Command::new(Tag::new("A142")?, CommandBody::Select {
///     mailbox: Mailbox::Inbox,
///     parameters: vec![],
/// });
/// assert_eq!(cmd.name(), "SELECT");
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command<'a> {
    /// The client's tag, repeated by the server's tagged response.
    pub tag: Tag<'a>,
    /// The command.
    pub body: CommandBody<'a>,
}

impl<'a> Command<'a> {
    /// A command with `tag`.
    pub fn new(tag: Tag<'a>, body: CommandBody<'a>) -> Self {
        Self { tag, body }
    }

    /// The command name, upper case (`UID FETCH` for the UID forms).
    pub fn name(&self) -> &str {
        self.body.name()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> Command<'static> {
        Command {
            tag: self.tag.into_owned(),
            body: self.body.into_owned(),
        }
    }
}

/// A user's password in `LOGIN` (RFC 9051 §6.2.3): an `astring` whose `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Password<'a>(pub AString<'a>);

impl Password<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> Password<'static> {
        Password(self.0.into_owned())
    }
}

impl fmt::Debug for Password<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

/// A command, without its tag (RFC 9051 §6; RFC 3501 §6 for `LSUB`, `CHECK` and the
/// IMAP4rev1 `SEARCH`/`FETCH`/`STATUS` items; each extension in its variant's documentation).
///
/// The UID forms (RFC 9051 §6.4.9) are the same variants with `uid: true`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommandBody<'a> {
    /// `CAPABILITY` (RFC 9051 §6.1.1).
    Capability,
    /// `NOOP` (RFC 9051 §6.1.2).
    Noop,
    /// `LOGOUT` (RFC 9051 §6.1.3).
    Logout,
    /// `STARTTLS` (RFC 9051 §6.2.1).
    StartTls,
    /// `AUTHENTICATE mechanism [initial-response]` (RFC 9051 §6.2.2; the initial response of
    /// SASL-IR, RFC 4959 §3, decoded from base64, `=` being the empty response). Further client
    /// lines are [`mail_sasl::framing::ClientMessage`]s, parsed with
    /// [`parse_authenticate_data`](crate::parse::parse_authenticate_data).
    Authenticate {
        /// The SASL mechanism name (`auth-type`, an atom).
        mechanism: Atom<'a>,
        /// The initial response (decoded), `None` when absent.
        initial_response: Option<Response>,
    },
    /// `LOGIN userid password` (RFC 9051 §6.2.3).
    Login {
        /// The user name.
        username: AString<'a>,
        /// The password (not shown by `Debug`).
        password: Password<'a>,
    },
    /// `ENABLE capability...` (RFC 5161 §3.1).
    Enable {
        /// The capabilities to enable.
        capabilities: Vec1<Capability<'a>>,
    },
    /// `SELECT mailbox [(params)]` (RFC 9051 §6.3.2; parameters of RFC 4466 §2.1, RFC 7162
    /// §3.1.8 and §3.2.5).
    Select {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// `CONDSTORE`, `QRESYNC (...)`, others (RFC 4466 §2.1); empty when none were given.
        parameters: Vec<SelectParameter<'a>>,
    },
    /// `EXAMINE mailbox [(params)]` (RFC 9051 §6.3.3): a read-only SELECT.
    Examine {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// As for SELECT.
        parameters: Vec<SelectParameter<'a>>,
    },
    /// `CREATE mailbox [(params)]` (RFC 9051 §6.3.4; `create-param` of RFC 4466 §2.2, `USE`
    /// of RFC 6154 §3).
    Create {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// `USE (...)` and others; empty when none were given.
        parameters: Vec<CreateParameter<'a>>,
    },
    /// `DELETE mailbox` (RFC 9051 §6.3.5).
    Delete {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `RENAME from to [(params)]` (RFC 9051 §6.3.6; `rename-param` of RFC 4466 §2.3).
    Rename {
        /// The existing name.
        from: Mailbox<'a>,
        /// The new name.
        to: Mailbox<'a>,
        /// The parameters; empty when none were given.
        parameters: Vec<RenameParameter<'a>>,
    },
    /// `SUBSCRIBE mailbox` (RFC 9051 §6.3.7).
    Subscribe {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `UNSUBSCRIBE mailbox` (RFC 9051 §6.3.8).
    Unsubscribe {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `LIST [(select-opts)] reference pattern(s) [RETURN (return-opts)]` (RFC 9051 §6.3.9,
    /// RFC 5258 §3, RFC 5819 §2, RFC 6154 §5.1).
    List {
        /// Selection options `(...)`, `None` when absent (`Some(vec![])` is `()`).
        selection: Option<Vec<ListSelectOption<'a>>>,
        /// The reference name.
        reference: Mailbox<'a>,
        /// The pattern, or several patterns (written in parentheses when more than one).
        patterns: Vec1<ListMailbox<'a>>,
        /// Return options `RETURN (...)`, `None` when absent.
        return_options: Option<Vec<ListReturnOption>>,
    },
    /// `LSUB reference pattern` (RFC 3501 §6.3.9, obsolete in IMAP4rev2).
    Lsub {
        /// The reference name.
        reference: Mailbox<'a>,
        /// The pattern.
        pattern: ListMailbox<'a>,
    },
    /// `NAMESPACE` (RFC 2342 §5, RFC 9051 §6.3.10).
    Namespace,
    /// `STATUS mailbox (items)` (RFC 9051 §6.3.11).
    Status {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The requested items.
        items: Vec1<StatusAttribute>,
    },
    /// `APPEND mailbox [flags] [date-time] literal` (RFC 9051 §6.3.12), several messages with
    /// MULTIAPPEND (RFC 3502 §6), `literal8` with BINARY (RFC 3516 §4.4).
    Append {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The messages (one without MULTIAPPEND).
        messages: Vec1<AppendMessage<'a>>,
    },
    /// `IDLE` (RFC 2177, RFC 9051 §6.3.13); the client ends it with a `DONE` line, parsed with
    /// [`parse_idle_done`](crate::parse::parse_idle_done).
    Idle,
    /// `CANCELUPDATE tag ...` (RFC 5267 §4.3.5): stop the `UPDATE` notifications of the
    /// searches with these tags.
    CancelUpdate {
        /// The tags of the searching commands (each written as a `quoted`).
        tags: Vec1<Tag<'a>>,
    },
    /// `CHECK` (RFC 3501 §6.4.1, removed from IMAP4rev2).
    Check,
    /// `CLOSE` (RFC 9051 §6.4.1).
    Close,
    /// `UNSELECT` (RFC 3691, RFC 9051 §6.4.2).
    Unselect,
    /// `EXPUNGE` (RFC 9051 §6.4.3).
    Expunge,
    /// `UID EXPUNGE set` (RFC 4315 §2.1, RFC 9051 §6.4.9).
    UidExpunge {
        /// The UIDs.
        set: SequenceSet<'a>,
    },
    /// `[UID] SEARCH [RETURN (...)] [CHARSET c] keys` (RFC 9051 §6.4.4; ESEARCH return options
    /// of RFC 4731 §3.1; SEARCHRES `SAVE` of RFC 5182; `PARTIAL` of RFC 9394 §3.1).
    Search {
        /// `UID SEARCH`.
        uid: bool,
        /// `RETURN (...)`, `None` when absent (`Some(vec![])` is `RETURN ()`).
        return_options: Option<Vec<SearchReturnOption<'a>>>,
        /// `CHARSET ...`.
        charset: Option<Charset<'a>>,
        /// The keys, all of which must match.
        criteria: Vec1<SearchKey<'a>>,
    },
    /// `[UID] FETCH set items [(modifiers)]` (RFC 9051 §6.4.5; modifiers of RFC 4466 §2.4,
    /// RFC 7162 §3.1.4, §3.2.6 and RFC 9394 §4).
    Fetch {
        /// `UID FETCH`.
        uid: bool,
        /// The messages.
        set: SequenceSet<'a>,
        /// A macro, one attribute or a list.
        items: FetchItems<'a>,
        /// `CHANGEDSINCE`, `VANISHED`, `PARTIAL`, others; empty when none were given.
        modifiers: Vec<FetchModifier<'a>>,
    },
    /// `[UID] STORE set [(modifiers)] [+|-]FLAGS[.SILENT] flags` (RFC 9051 §6.4.6;
    /// `store-modifier` of RFC 4466 §2.5, `UNCHANGEDSINCE` of RFC 7162 §3.1.3).
    Store {
        /// `UID STORE`.
        uid: bool,
        /// The messages.
        set: SequenceSet<'a>,
        /// `UNCHANGEDSINCE` (CONDSTORE) and others; empty when none were given. At most one
        /// `UNCHANGEDSINCE` (the parser refuses two).
        modifiers: Vec<StoreModifier<'a>>,
        /// Replace, add or remove.
        action: StoreAction,
        /// `.SILENT`: no untagged FETCH in answer.
        silent: bool,
        /// The flags.
        flags: StoreFlags<'a>,
    },
    /// `[UID] STORE set [(modifiers)] [+|-]X-GM-LABELS[.SILENT] (labels)`: Gmail's
    /// label changes (Gmail IMAP extensions, `X-GM-EXT-1`).
    StoreGmLabels {
        /// `UID STORE`.
        uid: bool,
        /// The messages.
        set: SequenceSet<'a>,
        /// `UNCHANGEDSINCE` (CONDSTORE) and others; empty when none were given. At most one
        /// `UNCHANGEDSINCE` (the parser refuses two).
        modifiers: Vec<StoreModifier<'a>>,
        /// Replace, add or remove.
        action: StoreAction,
        /// `.SILENT`.
        silent: bool,
        /// The labels (possibly none).
        labels: Vec<GmLabel<'a>>,
    },
    /// `[UID] COPY set mailbox` (RFC 9051 §6.4.7).
    Copy {
        /// `UID COPY`.
        uid: bool,
        /// The messages.
        set: SequenceSet<'a>,
        /// The destination.
        mailbox: Mailbox<'a>,
    },
    /// `[UID] MOVE set mailbox` (RFC 6851 §3.1, RFC 9051 §6.4.8).
    Move {
        /// `UID MOVE`.
        uid: bool,
        /// The messages.
        set: SequenceSet<'a>,
        /// The destination.
        mailbox: Mailbox<'a>,
    },
    /// `GETQUOTA root` (RFC 9208 §4.2).
    GetQuota {
        /// The quota root name.
        root: AString<'a>,
    },
    /// `GETQUOTAROOT mailbox` (RFC 9208 §4.3).
    GetQuotaRoot {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `SETQUOTA root (resource limit ...)` (RFC 9208 §4.4).
    SetQuota {
        /// The quota root name.
        root: AString<'a>,
        /// The limits (possibly none, which removes all).
        limits: Vec<QuotaLimit<'a>>,
    },
    /// `GETMETADATA [(options)] mailbox entries` (RFC 5464 §4.2).
    GetMetadata {
        /// `MAXSIZE`, `DEPTH`; empty when none were given.
        options: Vec<MetadataOption>,
        /// The mailbox (`""` for the server).
        mailbox: Mailbox<'a>,
        /// The entry names (written in parentheses when more than one).
        entries: Vec1<AString<'a>>,
    },
    /// `SETMETADATA mailbox (entry value ...)` (RFC 5464 §4.3): a `NIL` value removes the entry.
    SetMetadata {
        /// The mailbox (`""` for the server).
        mailbox: Mailbox<'a>,
        /// Entry names and values (a value may be a `literal8`).
        entries: Vec1<(AString<'a>, NString<'a>)>,
    },
    /// `ID (field value ...)` or `ID NIL` (RFC 2971 §3.1).
    Id {
        /// The fields, `None` for `NIL`.
        parameters: Option<Vec<(IString<'a>, NString<'a>)>>,
    },
    /// `[UID] SORT [RETURN (...)] (criteria) charset keys` (RFC 5256 §3; the return options
    /// of ESORT, RFC 5267 §3, answered by ESEARCH).
    Sort {
        /// `UID SORT`.
        uid: bool,
        /// `RETURN (...)` (RFC 5267 §3 `extended-sort`), `None` when absent (`Some(vec![])`
        /// is `RETURN ()`).
        return_options: Option<Vec<SearchReturnOption<'a>>>,
        /// The sort criteria.
        criteria: Vec1<SortCriterion>,
        /// The charset of the search strings.
        charset: Charset<'a>,
        /// The search keys.
        keys: Vec1<SearchKey<'a>>,
    },
    /// `[UID] THREAD algorithm charset keys` (RFC 5256 §3).
    Thread {
        /// `UID THREAD`.
        uid: bool,
        /// The threading algorithm.
        algorithm: ThreadAlgorithm<'a>,
        /// The charset of the search strings.
        charset: Charset<'a>,
        /// The search keys.
        keys: Vec1<SearchKey<'a>>,
    },
    /// `GETACL mailbox` (RFC 4314 §3.3).
    GetAcl {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `SETACL mailbox identifier [+|-]rights` (RFC 4314 §3.1).
    SetAcl {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// Whose rights.
        identifier: AString<'a>,
        /// The rights, with an optional leading `+` (add) or `-` (remove), as sent.
        rights: AString<'a>,
    },
    /// `DELETEACL mailbox identifier` (RFC 4314 §3.2).
    DeleteAcl {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// Whose rights.
        identifier: AString<'a>,
    },
    /// `LISTRIGHTS mailbox identifier` (RFC 4314 §3.4).
    ListRights {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// Whose rights.
        identifier: AString<'a>,
    },
    /// `MYRIGHTS mailbox` (RFC 4314 §3.5).
    MyRights {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `COMPRESS algorithm` (RFC 4978 §3), e.g. `DEFLATE`.
    Compress {
        /// The algorithm.
        algorithm: Atom<'a>,
    },
    /// `UNAUTHENTICATE` (RFC 8437 §2).
    Unauthenticate,
    /// `NOTIFY SET [STATUS] (filter events) ...` or `NOTIFY NONE` (RFC 5465 §3.1, §8):
    /// which events the server reports unsolicited, for which mailboxes. Allowed in the
    /// authenticated and selected states.
    Notify {
        /// The event groups, `None` for `NOTIFY NONE` (no notifications).
        set: Option<NotifySet<'a>>,
    },
    /// A command this crate does not know, kept as its name and the rest of its line (see
    /// [`OtherCommand`]).
    Other(OtherCommand<'a>),
}

/// A command this crate does not know: its name, never one of [`KNOWN_COMMANDS`], and the
/// rest of its line ([`OtherArguments`] says what can be kept).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OtherCommand<'a> {
    name: Atom<'a>,
    arguments: Option<OtherArguments<'a>>,
}

impl<'a> OtherCommand<'a> {
    /// Fails with [`ValueError::Reserved`] when `name` is a known command (any case), so that
    /// the value cannot be mistaken for, or encode as a malformed, known command.
    pub fn new(name: Atom<'a>, arguments: Option<OtherArguments<'a>>) -> VResult<Self> {
        if CommandBody::is_known_name(name.as_str()) {
            return Err(ValueError::Reserved("command name"));
        }
        Ok(Self { name, arguments })
    }

    /// The command name as sent.
    pub fn name(&self) -> &Atom<'a> {
        &self.name
    }

    /// The text after the name and its space, `None` when the command has no arguments.
    pub fn arguments(&self) -> Option<&OtherArguments<'a>> {
        self.arguments.as_ref()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> OtherCommand<'static> {
        OtherCommand {
            name: self.name.into_owned(),
            arguments: self.arguments.map(OtherArguments::into_owned),
        }
    }
}

/// The names of the commands with their own [`CommandBody`] variant, upper case.
pub const KNOWN_COMMANDS: &[&str] = &[
    "CAPABILITY",
    "NOOP",
    "LOGOUT",
    "STARTTLS",
    "AUTHENTICATE",
    "LOGIN",
    "ENABLE",
    "SELECT",
    "EXAMINE",
    "CREATE",
    "DELETE",
    "RENAME",
    "SUBSCRIBE",
    "UNSUBSCRIBE",
    "LIST",
    "LSUB",
    "NAMESPACE",
    "STATUS",
    "APPEND",
    "IDLE",
    "CHECK",
    "CLOSE",
    "UNSELECT",
    "CANCELUPDATE",
    "EXPUNGE",
    "SEARCH",
    "FETCH",
    "STORE",
    "COPY",
    "MOVE",
    "UID",
    "GETQUOTA",
    "GETQUOTAROOT",
    "SETQUOTA",
    "GETMETADATA",
    "SETMETADATA",
    "ID",
    "SORT",
    "THREAD",
    "GETACL",
    "SETACL",
    "DELETEACL",
    "LISTRIGHTS",
    "MYRIGHTS",
    "COMPRESS",
    "UNAUTHENTICATE",
    "NOTIFY",
];

impl<'a> CommandBody<'a> {
    /// Whether `name` (any case) is a command with its own variant, which therefore cannot be
    /// [`CommandBody::Other`].
    pub fn is_known_name(name: &str) -> bool {
        KNOWN_COMMANDS.iter().any(|k| k.eq_ignore_ascii_case(name))
    }

    /// An unknown command ([`OtherCommand::new`]); fails with [`ValueError::Reserved`] when
    /// `name` is a known one.
    pub fn other(name: Atom<'a>, arguments: Option<OtherArguments<'a>>) -> VResult<Self> {
        OtherCommand::new(name, arguments).map(CommandBody::Other)
    }

    /// The command name, upper case (`UID FETCH` for the UID forms; an unknown command's name
    /// as sent).
    pub fn name(&self) -> &str {
        use CommandBody as C;
        match self {
            C::Capability => "CAPABILITY",
            C::Noop => "NOOP",
            C::Logout => "LOGOUT",
            C::StartTls => "STARTTLS",
            C::Authenticate { .. } => "AUTHENTICATE",
            C::Login { .. } => "LOGIN",
            C::Enable { .. } => "ENABLE",
            C::Select { .. } => "SELECT",
            C::Examine { .. } => "EXAMINE",
            C::Create { .. } => "CREATE",
            C::Delete { .. } => "DELETE",
            C::Rename { .. } => "RENAME",
            C::Subscribe { .. } => "SUBSCRIBE",
            C::Unsubscribe { .. } => "UNSUBSCRIBE",
            C::List { .. } => "LIST",
            C::Lsub { .. } => "LSUB",
            C::Namespace => "NAMESPACE",
            C::Status { .. } => "STATUS",
            C::Append { .. } => "APPEND",
            C::Idle => "IDLE",
            C::Check => "CHECK",
            C::Close => "CLOSE",
            C::Unselect => "UNSELECT",
            C::Expunge => "EXPUNGE",
            C::UidExpunge { .. } => "UID EXPUNGE",
            C::Search { uid: false, .. } => "SEARCH",
            C::Search { uid: true, .. } => "UID SEARCH",
            C::Fetch { uid: false, .. } => "FETCH",
            C::Fetch { uid: true, .. } => "UID FETCH",
            C::Store { uid: false, .. } => "STORE",
            C::Store { uid: true, .. } => "UID STORE",
            C::StoreGmLabels { uid: false, .. } => "STORE",
            C::StoreGmLabels { uid: true, .. } => "UID STORE",
            C::Copy { uid: false, .. } => "COPY",
            C::Copy { uid: true, .. } => "UID COPY",
            C::Move { uid: false, .. } => "MOVE",
            C::Move { uid: true, .. } => "UID MOVE",
            C::GetQuota { .. } => "GETQUOTA",
            C::GetQuotaRoot { .. } => "GETQUOTAROOT",
            C::SetQuota { .. } => "SETQUOTA",
            C::GetMetadata { .. } => "GETMETADATA",
            C::SetMetadata { .. } => "SETMETADATA",
            C::Id { .. } => "ID",
            C::Sort { uid: false, .. } => "SORT",
            C::Sort { uid: true, .. } => "UID SORT",
            C::Thread { uid: false, .. } => "THREAD",
            C::Thread { uid: true, .. } => "UID THREAD",
            C::GetAcl { .. } => "GETACL",
            C::SetAcl { .. } => "SETACL",
            C::DeleteAcl { .. } => "DELETEACL",
            C::ListRights { .. } => "LISTRIGHTS",
            C::MyRights { .. } => "MYRIGHTS",
            C::Compress { .. } => "COMPRESS",
            C::Unauthenticate => "UNAUTHENTICATE",
            C::CancelUpdate { .. } => "CANCELUPDATE",
            C::Notify { .. } => "NOTIFY",
            C::Other(o) => o.name().as_str(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> CommandBody<'static> {
        use CommandBody as C;
        match self {
            C::Capability => C::Capability,
            C::Noop => C::Noop,
            C::Logout => C::Logout,
            C::StartTls => C::StartTls,
            C::Authenticate {
                mechanism,
                initial_response,
            } => C::Authenticate {
                mechanism: mechanism.into_owned(),
                initial_response,
            },
            C::Login { username, password } => C::Login {
                username: username.into_owned(),
                password: password.into_owned(),
            },
            C::Enable { capabilities } => C::Enable {
                capabilities: capabilities.map(Capability::into_owned),
            },
            C::Select {
                mailbox,
                parameters,
            } => C::Select {
                mailbox: mailbox.into_owned(),
                parameters: parameters
                    .into_iter()
                    .map(SelectParameter::into_owned)
                    .collect(),
            },
            C::Examine {
                mailbox,
                parameters,
            } => C::Examine {
                mailbox: mailbox.into_owned(),
                parameters: parameters
                    .into_iter()
                    .map(SelectParameter::into_owned)
                    .collect(),
            },
            C::Create {
                mailbox,
                parameters,
            } => C::Create {
                mailbox: mailbox.into_owned(),
                parameters: parameters
                    .into_iter()
                    .map(CreateParameter::into_owned)
                    .collect(),
            },
            C::Delete { mailbox } => C::Delete {
                mailbox: mailbox.into_owned(),
            },
            C::Rename {
                from,
                to,
                parameters,
            } => C::Rename {
                from: from.into_owned(),
                to: to.into_owned(),
                parameters: parameters
                    .into_iter()
                    .map(RenameParameter::into_owned)
                    .collect(),
            },
            C::Subscribe { mailbox } => C::Subscribe {
                mailbox: mailbox.into_owned(),
            },
            C::Unsubscribe { mailbox } => C::Unsubscribe {
                mailbox: mailbox.into_owned(),
            },
            C::List {
                selection,
                reference,
                patterns,
                return_options,
            } => C::List {
                selection: selection
                    .map(|v| v.into_iter().map(ListSelectOption::into_owned).collect()),
                reference: reference.into_owned(),
                patterns: patterns.map(ListMailbox::into_owned),
                return_options,
            },
            C::Lsub { reference, pattern } => C::Lsub {
                reference: reference.into_owned(),
                pattern: pattern.into_owned(),
            },
            C::Namespace => C::Namespace,
            C::Status { mailbox, items } => C::Status {
                mailbox: mailbox.into_owned(),
                items,
            },
            C::Append { mailbox, messages } => C::Append {
                mailbox: mailbox.into_owned(),
                messages: messages.map(AppendMessage::into_owned),
            },
            C::Idle => C::Idle,
            C::CancelUpdate { tags } => C::CancelUpdate {
                tags: tags.map(Tag::into_owned),
            },
            C::Check => C::Check,
            C::Close => C::Close,
            C::Unselect => C::Unselect,
            C::Expunge => C::Expunge,
            C::UidExpunge { set } => C::UidExpunge {
                set: set.into_owned(),
            },
            C::Search {
                uid,
                return_options,
                charset,
                criteria,
            } => C::Search {
                uid,
                return_options: return_options
                    .map(|v| v.into_iter().map(SearchReturnOption::into_owned).collect()),
                charset: charset.map(Charset::into_owned),
                criteria: criteria.map(SearchKey::into_owned),
            },
            C::Fetch {
                uid,
                set,
                items,
                modifiers,
            } => C::Fetch {
                uid,
                set: set.into_owned(),
                items: items.into_owned(),
                modifiers: modifiers
                    .into_iter()
                    .map(FetchModifier::into_owned)
                    .collect(),
            },
            C::Store {
                uid,
                set,
                modifiers,
                action,
                silent,
                flags,
            } => C::Store {
                uid,
                set: set.into_owned(),
                modifiers: modifiers
                    .into_iter()
                    .map(StoreModifier::into_owned)
                    .collect(),
                action,
                silent,
                flags: flags.into_owned(),
            },
            C::StoreGmLabels {
                uid,
                set,
                modifiers,
                action,
                silent,
                labels,
            } => C::StoreGmLabels {
                uid,
                set: set.into_owned(),
                modifiers: modifiers
                    .into_iter()
                    .map(StoreModifier::into_owned)
                    .collect(),
                action,
                silent,
                labels: labels.into_iter().map(GmLabel::into_owned).collect(),
            },
            C::Copy { uid, set, mailbox } => C::Copy {
                uid,
                set: set.into_owned(),
                mailbox: mailbox.into_owned(),
            },
            C::Move { uid, set, mailbox } => C::Move {
                uid,
                set: set.into_owned(),
                mailbox: mailbox.into_owned(),
            },
            C::GetQuota { root } => C::GetQuota {
                root: root.into_owned(),
            },
            C::GetQuotaRoot { mailbox } => C::GetQuotaRoot {
                mailbox: mailbox.into_owned(),
            },
            C::SetQuota { root, limits } => C::SetQuota {
                root: root.into_owned(),
                limits: limits.into_iter().map(QuotaLimit::into_owned).collect(),
            },
            C::GetMetadata {
                options,
                mailbox,
                entries,
            } => C::GetMetadata {
                options,
                mailbox: mailbox.into_owned(),
                entries: entries.map(AString::into_owned),
            },
            C::SetMetadata { mailbox, entries } => C::SetMetadata {
                mailbox: mailbox.into_owned(),
                entries: entries.map(|(k, v)| (k.into_owned(), v.into_owned())),
            },
            C::Id { parameters } => C::Id {
                parameters: parameters.map(|v| {
                    v.into_iter()
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect()
                }),
            },
            C::Sort {
                uid,
                return_options,
                criteria,
                charset,
                keys,
            } => C::Sort {
                uid,
                return_options: return_options
                    .map(|v| v.into_iter().map(SearchReturnOption::into_owned).collect()),
                criteria,
                charset: charset.into_owned(),
                keys: keys.map(SearchKey::into_owned),
            },
            C::Thread {
                uid,
                algorithm,
                charset,
                keys,
            } => C::Thread {
                uid,
                algorithm: algorithm.into_owned(),
                charset: charset.into_owned(),
                keys: keys.map(SearchKey::into_owned),
            },
            C::GetAcl { mailbox } => C::GetAcl {
                mailbox: mailbox.into_owned(),
            },
            C::SetAcl {
                mailbox,
                identifier,
                rights,
            } => C::SetAcl {
                mailbox: mailbox.into_owned(),
                identifier: identifier.into_owned(),
                rights: rights.into_owned(),
            },
            C::DeleteAcl {
                mailbox,
                identifier,
            } => C::DeleteAcl {
                mailbox: mailbox.into_owned(),
                identifier: identifier.into_owned(),
            },
            C::ListRights {
                mailbox,
                identifier,
            } => C::ListRights {
                mailbox: mailbox.into_owned(),
                identifier: identifier.into_owned(),
            },
            C::MyRights { mailbox } => C::MyRights {
                mailbox: mailbox.into_owned(),
            },
            C::Compress { algorithm } => C::Compress {
                algorithm: algorithm.into_owned(),
            },
            C::Unauthenticate => C::Unauthenticate,
            C::Notify { set } => C::Notify {
                set: set.map(NotifySet::into_owned),
            },
            C::Other(o) => C::Other(o.into_owned()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parts of commands
// ---------------------------------------------------------------------------------------------

/// The arguments of an unknown command: the rest of its line after the name and one space.
///
/// Kept only when unambiguous: 1 or more bytes, no CR, LF or NUL, not starting or ending with
/// a space (the parser's tolerated spaces would change it), and not ending in a literal header
/// (`{n}` / `{n+}`): an unknown command that carries a literal cannot be delimited without
/// knowing its grammar, so the parser refuses it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OtherArguments<'a>(Cow<'a, [u8]>);

impl<'a> OtherArguments<'a> {
    /// Validates the text.
    pub fn new(text: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let text = text.into();
        if text.is_empty() {
            return Err(ValueError::Empty("arguments"));
        }
        if let Some(offset) = text.iter().position(|&b| matches!(b, b'\r' | b'\n' | 0)) {
            return Err(ValueError::InvalidChar {
                what: "arguments",
                offset,
            });
        }
        if text.first() == Some(&b' ') || text.last() == Some(&b' ') {
            return Err(ValueError::Invalid("arguments (edge space)"));
        }
        if super::ends_like_literal(&text) {
            return Err(ValueError::Invalid("arguments (literal)"));
        }
        Ok(Self(text))
    }

    /// The text.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> OtherArguments<'static> {
        OtherArguments(Cow::Owned(self.0.into_owned()))
    }
}

impl fmt::Debug for OtherArguments<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OtherArguments({} octets)", self.0.len())
    }
}

/// A SELECT/EXAMINE parameter (RFC 4466 §2.1 `select-param`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SelectParameter<'a> {
    /// `CONDSTORE` (RFC 7162 §3.1.8).
    CondStore,
    /// `QRESYNC (...)` (RFC 7162 §3.2.5).
    QResync(QResyncParameters<'a>),
    /// A parameter this crate does not know, in the generic syntax of RFC 4466 §2.1
    /// (`select-param-name [SP select-param-value]`), e.g. RFC 5257's `ANNOTATE`. Build it with
    /// [`SelectParameter::other`].
    Other {
        /// The name (a `tagged-ext-label`).
        name: Atom<'a>,
        /// The value, `None` when absent.
        value: Option<TaggedExtValue<'a>>,
    },
}

/// The SELECT/EXAMINE parameter names this crate parses into their own [`SelectParameter`]
/// variants (matched ignoring case); [`SelectParameter::other`] refuses them.
pub const KNOWN_SELECT_PARAMETERS: &[&str] = &["CONDSTORE", "QRESYNC"];

impl<'a> SelectParameter<'a> {
    /// A parameter this crate does not know ([`SelectParameter::Other`]); see
    /// [`check_tagged_ext`] for what is refused.
    ///
    /// ```
    /// use imap_proto::types::{Atom, SelectParameter, TaggedExtValue};
    /// assert!(SelectParameter::other(Atom::new("ANNOTATE")?, None).is_ok());
    /// assert!(SelectParameter::other(Atom::new("condstore")?, None).is_err());
    /// assert!(SelectParameter::other(Atom::new("X>Y")?, None).is_err());
    /// assert!(SelectParameter::other(Atom::new("X")?, Some(TaggedExtValue::Number(1))).is_ok());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: Option<TaggedExtValue<'a>>) -> VResult<Self> {
        check_tagged_ext(
            &name,
            value.as_ref(),
            KNOWN_SELECT_PARAMETERS,
            "select parameter",
        )?;
        Ok(SelectParameter::Other { name, value })
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> SelectParameter<'static> {
        match self {
            SelectParameter::CondStore => SelectParameter::CondStore,
            SelectParameter::QResync(q) => SelectParameter::QResync(q.into_owned()),
            SelectParameter::Other { name, value } => SelectParameter::Other {
                name: name.into_owned(),
                value: value.map(TaggedExtValue::into_owned),
            },
        }
    }
}

/// Checks the name and value of a generic extension parameter or modifier (RFC 4466 §2.1,
/// `tagged-ext-label [SP tagged-ext-val]`), so that it re-parses as itself:
///
/// - the name must be a `tagged-ext-label` (a letter, `-`, `_` or `.`, then those, digits
///   and `:`) and not one of `known` (ignoring case), which have variants of their own;
/// - the value must be a `tagged-ext-val`: a number, a sequence set that is not a plain
///   number (that reads as [`TaggedExtValue::Number`]) or a parenthesized list; a number
///   above [`NUMBER64_MAX`](super::NUMBER64_MAX) is refused, and a lone
///   [`TaggedExtValue::AString`] is refused (it would read as the next parameter's name).
pub fn check_tagged_ext(
    name: &Atom<'_>,
    value: Option<&TaggedExtValue<'_>>,
    known: &[&str],
    what: &'static str,
) -> VResult<()> {
    if let Some(offset) = super::response::tagged_ext_label_error(name.as_str()) {
        return Err(ValueError::InvalidChar { what, offset });
    }
    if known.iter().any(|k| name.eq_ignore_ascii_case(k)) {
        return Err(ValueError::Reserved(what));
    }
    match value {
        Some(TaggedExtValue::Number(n)) if *n > super::NUMBER64_MAX => {
            Err(ValueError::OutOfRange("extension value (above number64)"))
        }
        Some(TaggedExtValue::AString(_)) => Err(ValueError::Invalid(
            "extension value (a lone string is not a tagged-ext-val)",
        )),
        Some(TaggedExtValue::SequenceSet(s)) if s.as_str().bytes().all(|b| b.is_ascii_digit()) => {
            Err(ValueError::Invalid(
                "extension value (a one-number sequence set is a number)",
            ))
        }
        _ => Ok(()),
    }
}

/// A CREATE parameter (RFC 4466 §2.2 `create-param`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CreateParameter<'a> {
    /// `USE (attrs)` (RFC 6154 §3): the special-use attributes of the new mailbox (possibly
    /// none).
    Use(Vec<MailboxAttribute<'a>>),
    /// A parameter this crate does not know (RFC 4466 §2.2, `create-param-name [SP
    /// create-param-value]`). Build it with [`CreateParameter::other`].
    Other {
        /// The name (a `tagged-ext-label`).
        name: Atom<'a>,
        /// The value, `None` when absent.
        value: Option<TaggedExtValue<'a>>,
    },
}

/// The CREATE parameter names this crate parses into their own [`CreateParameter`] variants
/// (matched ignoring case); [`CreateParameter::other`] refuses them.
pub const KNOWN_CREATE_PARAMETERS: &[&str] = &["USE"];

impl<'a> CreateParameter<'a> {
    /// A parameter this crate does not know ([`CreateParameter::Other`]); see
    /// [`check_tagged_ext`] for what is refused.
    ///
    /// ```
    /// use imap_proto::types::{Atom, CreateParameter};
    /// assert!(CreateParameter::other(Atom::new("X-TYPE")?, None).is_ok());
    /// assert!(CreateParameter::other(Atom::new("use")?, None).is_err());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: Option<TaggedExtValue<'a>>) -> VResult<Self> {
        check_tagged_ext(
            &name,
            value.as_ref(),
            KNOWN_CREATE_PARAMETERS,
            "create parameter",
        )?;
        Ok(CreateParameter::Other { name, value })
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> CreateParameter<'static> {
        match self {
            CreateParameter::Use(v) => {
                CreateParameter::Use(v.into_iter().map(MailboxAttribute::into_owned).collect())
            }
            CreateParameter::Other { name, value } => CreateParameter::Other {
                name: name.into_owned(),
                value: value.map(TaggedExtValue::into_owned),
            },
        }
    }
}

/// A RENAME parameter (RFC 4466 §2.3 `rename-param`); this crate types none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RenameParameter<'a> {
    /// A parameter (RFC 4466 §2.3, `rename-param-name [SP rename-param-value]`). Build it with
    /// [`RenameParameter::other`].
    Other {
        /// The name (a `tagged-ext-label`).
        name: Atom<'a>,
        /// The value, `None` when absent.
        value: Option<TaggedExtValue<'a>>,
    },
}

impl<'a> RenameParameter<'a> {
    /// A parameter ([`RenameParameter::Other`]); see [`check_tagged_ext`] for what is refused.
    ///
    /// ```
    /// use imap_proto::types::{Atom, RenameParameter, TaggedExtValue};
    /// assert!(RenameParameter::other(Atom::new("X-KEEP")?, None).is_ok());
    /// assert!(RenameParameter::other(Atom::new("1X")?, None).is_err());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: Option<TaggedExtValue<'a>>) -> VResult<Self> {
        check_tagged_ext(&name, value.as_ref(), &[], "rename parameter")?;
        Ok(RenameParameter::Other { name, value })
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> RenameParameter<'static> {
        match self {
            RenameParameter::Other { name, value } => RenameParameter::Other {
                name: name.into_owned(),
                value: value.map(TaggedExtValue::into_owned),
            },
        }
    }
}

/// The QRESYNC parameter (RFC 7162 §3.2.5): `QRESYNC (uidvalidity modseq [known-uids]
/// [(known-sequence-set known-uid-set)])`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QResyncParameters<'a> {
    /// The last known UIDVALIDITY.
    pub uid_validity: NonZeroU32,
    /// The last known HIGHESTMODSEQ (`mod-sequence-value`).
    pub mod_seq: u64,
    /// The UIDs the client knows about.
    pub known_uids: Option<SequenceSet<'a>>,
    /// Message sequence numbers and their UIDs (`seq-match-data`).
    pub seq_match: Option<(SequenceSet<'a>, SequenceSet<'a>)>,
}

impl QResyncParameters<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> QResyncParameters<'static> {
        QResyncParameters {
            uid_validity: self.uid_validity,
            mod_seq: self.mod_seq,
            known_uids: self.known_uids.map(SequenceSet::into_owned),
            seq_match: self
                .seq_match
                .map(|(a, b)| (a.into_owned(), b.into_owned())),
        }
    }
}

/// A LIST selection option (RFC 5258 §3.1, RFC 6154 §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListSelectOption<'a> {
    /// `SUBSCRIBED`.
    Subscribed,
    /// `REMOTE`.
    Remote,
    /// `RECURSIVEMATCH`.
    RecursiveMatch,
    /// `SPECIAL-USE` (RFC 6154).
    SpecialUse,
    /// Another option (`option-extension`, without a value).
    Other(Atom<'a>),
}

impl ListSelectOption<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> ListSelectOption<'static> {
        match self {
            ListSelectOption::Subscribed => ListSelectOption::Subscribed,
            ListSelectOption::Remote => ListSelectOption::Remote,
            ListSelectOption::RecursiveMatch => ListSelectOption::RecursiveMatch,
            ListSelectOption::SpecialUse => ListSelectOption::SpecialUse,
            ListSelectOption::Other(a) => ListSelectOption::Other(a.into_owned()),
        }
    }
}

/// A LIST return option (RFC 5258 §3.2, RFC 5819 §2, RFC 6154 §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListReturnOption {
    /// `SUBSCRIBED`.
    Subscribed,
    /// `CHILDREN`.
    Children,
    /// `SPECIAL-USE` (RFC 6154).
    SpecialUse,
    /// `STATUS (items)` (RFC 5819).
    Status(Vec1<StatusAttribute>),
}

/// A `list-mailbox` (RFC 9051 §9): a LIST pattern, unquoted (`1*list-char`, which allows the
/// wildcards `%` and `*`) or a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListMailbox<'a>(ListMailboxForm<'a>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ListMailboxForm<'a> {
    Token(Cow<'a, str>),
    String(IString<'a>),
}

impl<'a> ListMailbox<'a> {
    /// The pattern in its cheapest form: unquoted when every byte is a `list-char`, else a
    /// quoted string or literal. Fails on NUL.
    pub fn new(pattern: impl Into<Cow<'a, [u8]>>) -> VResult<Self> {
        let pattern = pattern.into();
        if !pattern.is_empty() && pattern.iter().all(|&b| is_list_char(b)) {
            let s = match pattern {
                Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).unwrap_or_default()),
                Cow::Owned(v) => Cow::Owned(String::from_utf8(v).unwrap_or_default()),
            };
            return Ok(Self(ListMailboxForm::Token(s)));
        }
        IString::new(pattern).map(Self::string)
    }

    /// An unquoted pattern: fails unless `token` is one or more `list-char`s.
    pub fn token(token: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let token = token.into();
        if token.is_empty() {
            return Err(ValueError::Empty("list-mailbox"));
        }
        if let Some(offset) = token.bytes().position(|b| !is_list_char(b)) {
            return Err(ValueError::InvalidChar {
                what: "list-mailbox",
                offset,
            });
        }
        Ok(Self(ListMailboxForm::Token(token)))
    }

    /// A pattern sent as a string.
    pub fn string(s: IString<'a>) -> Self {
        Self(ListMailboxForm::String(s))
    }

    pub(crate) fn token_unchecked(s: &'a str) -> Self {
        Self(ListMailboxForm::Token(Cow::Borrowed(s)))
    }

    /// The pattern.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            ListMailboxForm::Token(t) => t.as_bytes(),
            ListMailboxForm::String(s) => s.as_bytes(),
        }
    }

    /// The unquoted form, if it is one.
    pub fn as_token(&self) -> Option<&str> {
        match &self.0 {
            ListMailboxForm::Token(t) => Some(t),
            ListMailboxForm::String(_) => None,
        }
    }

    /// The string form, if it is one.
    pub fn as_string(&self) -> Option<&IString<'a>> {
        match &self.0 {
            ListMailboxForm::Token(_) => None,
            ListMailboxForm::String(s) => Some(s),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> ListMailbox<'static> {
        ListMailbox(match self.0 {
            ListMailboxForm::Token(t) => ListMailboxForm::Token(Cow::Owned(t.into_owned())),
            ListMailboxForm::String(s) => ListMailboxForm::String(s.into_owned()),
        })
    }
}

/// A STATUS data item name (RFC 9051 §6.3.11, §9 `status-att`; `RECENT` of RFC 3501;
/// `HIGHESTMODSEQ` of RFC 7162 §3.1.9; `APPENDLIMIT` of RFC 7889; `MAILBOXID` of RFC 8474;
/// `SIZE` of RFC 8438; `DELETED-STORAGE` of RFC 9208 §4.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StatusAttribute {
    /// `MESSAGES`.
    Messages,
    /// `UIDNEXT`.
    UidNext,
    /// `UIDVALIDITY`.
    UidValidity,
    /// `UNSEEN`.
    Unseen,
    /// `DELETED`.
    Deleted,
    /// `SIZE`.
    Size,
    /// `RECENT` (IMAP4rev1).
    Recent,
    /// `HIGHESTMODSEQ`.
    HighestModSeq,
    /// `APPENDLIMIT`.
    AppendLimit,
    /// `MAILBOXID`.
    MailboxId,
    /// `DELETED-STORAGE`.
    DeletedStorage,
}

impl StatusAttribute {
    /// Every item, in the order above.
    pub const ALL: [StatusAttribute; 11] = [
        StatusAttribute::Messages,
        StatusAttribute::UidNext,
        StatusAttribute::UidValidity,
        StatusAttribute::Unseen,
        StatusAttribute::Deleted,
        StatusAttribute::Size,
        StatusAttribute::Recent,
        StatusAttribute::HighestModSeq,
        StatusAttribute::AppendLimit,
        StatusAttribute::MailboxId,
        StatusAttribute::DeletedStorage,
    ];

    /// The name.
    pub fn name(self) -> &'static str {
        match self {
            StatusAttribute::Messages => "MESSAGES",
            StatusAttribute::UidNext => "UIDNEXT",
            StatusAttribute::UidValidity => "UIDVALIDITY",
            StatusAttribute::Unseen => "UNSEEN",
            StatusAttribute::Deleted => "DELETED",
            StatusAttribute::Size => "SIZE",
            StatusAttribute::Recent => "RECENT",
            StatusAttribute::HighestModSeq => "HIGHESTMODSEQ",
            StatusAttribute::AppendLimit => "APPENDLIMIT",
            StatusAttribute::MailboxId => "MAILBOXID",
            StatusAttribute::DeletedStorage => "DELETED-STORAGE",
        }
    }

    /// The item named `name`, ignoring case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name))
    }
}

/// One message of APPEND (RFC 9051 §6.3.12 `append-message`, RFC 3502 §6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppendMessage<'a> {
    /// The flag list, `None` when absent (`Some(vec![])` is `()`).
    pub flags: Option<Vec<Flag<'a>>>,
    /// The internal date.
    pub date: Option<DateTime>,
    /// The message: a literal, a `literal8`, `UTF8 (literal8)` or `CATENATE (...)`.
    pub data: AppendData<'a>,
}

impl<'a> AppendMessage<'a> {
    /// A message with no flags and no date.
    pub fn new(data: impl Into<AppendData<'a>>) -> Self {
        Self {
            flags: None,
            date: None,
            data: data.into(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> AppendMessage<'static> {
        AppendMessage {
            flags: self
                .flags
                .map(|v| v.into_iter().map(Flag::into_owned).collect()),
            date: self.date,
            data: self.data.into_owned(),
        }
    }
}

/// The data of one APPEND message (RFC 4466 §2.1.1 `append-data`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AppendData<'a> {
    /// A `literal` (RFC 9051 §6.3.12), or a `literal8` (`~{n}`, RFC 3516 §4.4).
    Literal(Literal<'a>),
    /// `UTF8 (literal8)` (RFC 6855 §4 `utf8-literal`): a message with UTF-8 headers. The
    /// literal is always written as a `literal8` (`~{n}`), whatever its
    /// [`is_binary`](Literal::is_binary) says.
    Utf8(Literal<'a>),
    /// `CATENATE (cat-part ...)` (RFC 4469 §5): the message is built from URLs and texts.
    Catenate(Vec1<CatenatePart<'a>>),
}

impl<'a> AppendData<'a> {
    /// The message literal of [`Literal`](AppendData::Literal) and [`Utf8`](AppendData::Utf8);
    /// `None` for CATENATE.
    pub fn literal(&self) -> Option<&Literal<'a>> {
        match self {
            AppendData::Literal(l) | AppendData::Utf8(l) => Some(l),
            AppendData::Catenate(_) => None,
        }
    }

    /// The literals this data carries, in order (the message data, or the `TEXT`/`UTF8`
    /// parts of CATENATE).
    pub fn literals(&self) -> Vec<&Literal<'a>> {
        match self {
            AppendData::Literal(l) | AppendData::Utf8(l) => vec![l],
            AppendData::Catenate(parts) => parts
                .iter()
                .filter_map(|p| match p {
                    CatenatePart::Text(l) | CatenatePart::Utf8(l) => Some(l),
                    CatenatePart::Url(_) => None,
                })
                .collect(),
        }
    }

    /// The total size of the literals (URLs count zero).
    pub fn literal_size(&self) -> u64 {
        self.literals().iter().map(|l| l.len() as u64).sum()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> AppendData<'static> {
        match self {
            AppendData::Literal(l) => AppendData::Literal(l.into_owned()),
            AppendData::Utf8(l) => AppendData::Utf8(l.into_owned()),
            AppendData::Catenate(v) => AppendData::Catenate(v.map(CatenatePart::into_owned)),
        }
    }
}

impl<'a> From<Literal<'a>> for AppendData<'a> {
    fn from(l: Literal<'a>) -> Self {
        AppendData::Literal(l)
    }
}

/// One part of CATENATE (RFC 4469 §5 `cat-part`; `utf8-literal` of RFC 6855 §4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CatenatePart<'a> {
    /// `URL astring`: an IMAP URL (RFC 5092) of a message or part on the server.
    Url(AString<'a>),
    /// `TEXT literal`: always written as a plain literal (`{n}`), so its data must not hold
    /// NUL (build it with [`Literal::new`]).
    Text(Literal<'a>),
    /// `UTF8 (literal8)` (RFC 6855 §4), always written as a `literal8`.
    Utf8(Literal<'a>),
}

impl CatenatePart<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> CatenatePart<'static> {
        match self {
            CatenatePart::Url(u) => CatenatePart::Url(u.into_owned()),
            CatenatePart::Text(l) => CatenatePart::Text(l.into_owned()),
            CatenatePart::Utf8(l) => CatenatePart::Utf8(l.into_owned()),
        }
    }
}

/// A FETCH modifier (RFC 4466 §2.4 `fetch-modifier`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FetchModifier<'a> {
    /// `CHANGEDSINCE mod-sequence-value` (RFC 7162 §3.1.4.1).
    ChangedSince(u64),
    /// `VANISHED` (RFC 7162 §3.2.6, UID FETCH only).
    Vanished,
    /// `PARTIAL partial-range` (RFC 9394 §4, `fetch-modifier =/ "PARTIAL" SP
    /// partial-range`): fetch only the messages at these positions of the set, e.g. `UID
    /// FETCH 1:* (FLAGS) (PARTIAL -1:-30)` for the 30 newest.
    Partial(PartialRange),
    /// A modifier this crate does not know, in the generic syntax of RFC 4466 §2.4
    /// (`fetch-modifier-name [SP fetch-modif-params]`). Build it with [`FetchModifier::other`].
    Other {
        /// The name (a `tagged-ext-label`).
        name: Atom<'a>,
        /// The value, `None` when absent.
        value: Option<TaggedExtValue<'a>>,
    },
}

/// The FETCH modifier names this crate parses into their own [`FetchModifier`] variants
/// (matched ignoring case), and `LAZY` (RFC 8970's preview modifier: `FETCH 1 PREVIEW (LAZY)`
/// is PREVIEW's, so a fetch modifier of that name would not re-parse as itself, and the
/// parser refuses it); [`FetchModifier::other`] refuses them.
pub const KNOWN_FETCH_MODIFIERS: &[&str] = &["CHANGEDSINCE", "VANISHED", "PARTIAL", "LAZY"];

impl<'a> FetchModifier<'a> {
    /// A modifier this crate does not know ([`FetchModifier::Other`]); see
    /// [`check_tagged_ext`] for what is refused.
    ///
    /// ```
    /// use imap_proto::types::{Atom, FetchModifier, TaggedExtValue};
    /// assert!(FetchModifier::other(Atom::new("X-LIMIT")?, Some(TaggedExtValue::Number(5))).is_ok());
    /// assert!(FetchModifier::other(Atom::new("Vanished")?, None).is_err());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: Option<TaggedExtValue<'a>>) -> VResult<Self> {
        check_tagged_ext(
            &name,
            value.as_ref(),
            KNOWN_FETCH_MODIFIERS,
            "fetch modifier",
        )?;
        Ok(FetchModifier::Other { name, value })
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> FetchModifier<'static> {
        match self {
            FetchModifier::ChangedSince(n) => FetchModifier::ChangedSince(n),
            FetchModifier::Vanished => FetchModifier::Vanished,
            FetchModifier::Partial(r) => FetchModifier::Partial(r),
            FetchModifier::Other { name, value } => FetchModifier::Other {
                name: name.into_owned(),
                value: value.map(TaggedExtValue::into_owned),
            },
        }
    }
}

/// A STORE modifier (RFC 4466 §2.5 `store-modifier`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreModifier<'a> {
    /// `UNCHANGEDSINCE mod-sequence-valzer` (RFC 7162 §3.1.3).
    UnchangedSince(u64),
    /// A modifier this crate does not know, in the generic syntax of RFC 4466 §2.5
    /// (`store-modifier-name [SP store-modif-params]`). Build it with [`StoreModifier::other`].
    Other {
        /// The name (a `tagged-ext-label`).
        name: Atom<'a>,
        /// The value, `None` when absent.
        value: Option<TaggedExtValue<'a>>,
    },
}

/// The STORE modifier names this crate parses into their own [`StoreModifier`] variants
/// (matched ignoring case); [`StoreModifier::other`] refuses them.
pub const KNOWN_STORE_MODIFIERS: &[&str] = &["UNCHANGEDSINCE"];

impl<'a> StoreModifier<'a> {
    /// A modifier this crate does not know ([`StoreModifier::Other`]); see
    /// [`check_tagged_ext`] for what is refused.
    ///
    /// ```
    /// use imap_proto::types::{Atom, StoreModifier, TaggedExtValue};
    /// assert!(StoreModifier::other(Atom::new("X-NOTIFY")?, None).is_ok());
    /// assert!(StoreModifier::other(Atom::new("UnchangedSince")?, None).is_err());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: Option<TaggedExtValue<'a>>) -> VResult<Self> {
        check_tagged_ext(
            &name,
            value.as_ref(),
            KNOWN_STORE_MODIFIERS,
            "store modifier",
        )?;
        Ok(StoreModifier::Other { name, value })
    }

    /// The `UNCHANGEDSINCE` value, if present (the first one).
    pub fn unchanged_since(modifiers: &[StoreModifier<'_>]) -> Option<u64> {
        modifiers.iter().find_map(|m| match m {
            StoreModifier::UnchangedSince(n) => Some(*n),
            _ => None,
        })
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> StoreModifier<'static> {
        match self {
            StoreModifier::UnchangedSince(n) => StoreModifier::UnchangedSince(n),
            StoreModifier::Other { name, value } => StoreModifier::Other {
                name: name.into_owned(),
                value: value.map(TaggedExtValue::into_owned),
            },
        }
    }
}

/// How STORE changes the flags (RFC 9051 §6.4.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreAction {
    /// `FLAGS`: replace.
    Replace,
    /// `+FLAGS`: add.
    Add,
    /// `-FLAGS`: remove.
    Remove,
}

/// The flags of STORE (RFC 9051 §9 `store-att-flags`): a parenthesized list (possibly empty)
/// or flags separated by spaces (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StoreFlags<'a> {
    /// `(flag ...)`.
    List(Vec<Flag<'a>>),
    /// `flag ...` without parentheses.
    Bare(Vec1<Flag<'a>>),
}

impl<'a> StoreFlags<'a> {
    /// The flags.
    pub fn as_slice(&self) -> &[Flag<'a>] {
        match self {
            StoreFlags::List(v) => v,
            StoreFlags::Bare(v) => v,
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> StoreFlags<'static> {
        match self {
            StoreFlags::List(v) => StoreFlags::List(v.into_iter().map(Flag::into_owned).collect()),
            StoreFlags::Bare(v) => StoreFlags::Bare(v.map(Flag::into_owned)),
        }
    }
}

/// A resource limit of SETQUOTA (RFC 9208 §4.4 `setquota-resource`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QuotaLimit<'a> {
    /// The resource.
    pub resource: QuotaResource<'a>,
    /// The limit (`number64`).
    pub limit: u64,
}

impl QuotaLimit<'_> {
    /// A `'static` copy.
    pub fn into_owned(self) -> QuotaLimit<'static> {
        QuotaLimit {
            resource: self.resource.into_owned(),
            limit: self.limit,
        }
    }
}

/// A GETMETADATA option (RFC 5464 §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetadataOption {
    /// `MAXSIZE n` (§4.2.1): only values up to n octets.
    MaxSize(u32),
    /// `DEPTH 0|1|infinity` (§4.2.2).
    Depth(MetadataDepth),
}

/// The `DEPTH` of GETMETADATA (RFC 5464 §4.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetadataDepth {
    /// `0`: the entry only.
    Zero,
    /// `1`: the entry and its children.
    One,
    /// `infinity`: the whole subtree.
    Infinity,
}

/// An ESEARCH return option (RFC 4466 §2.6.1 `search-return-opt`: RFC 4731 §3.1, RFC 9051
/// §6.4.4; `SAVE` of RFC 5182 §2.1; `CONTEXT`, `UPDATE` of RFC 5267 §4 with the fetch
/// attributes of RFC 5465 §7; `PARTIAL` of RFC 5267 §4.4 as updated by RFC 9394; `RELEVANCY`
/// of RFC 6203 §4; any other in the generic syntax of RFC 4466 §2.6.1).
///
/// RFC 9394 §3.1 allows at most one `PARTIAL` or `ALL` in a command; the parser does not
/// enforce it (a server refuses such a command itself).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchReturnOption<'a> {
    /// `MIN`.
    Min,
    /// `MAX`.
    Max,
    /// `ALL`.
    All,
    /// `COUNT`.
    Count,
    /// `SAVE`.
    Save,
    /// `CONTEXT` (RFC 5267 §4.2): the client will refine this search.
    Context,
    /// `UPDATE` (RFC 5267 §4.3): keep the result up to date with `ADDTO`/`REMOVEFROM`; with
    /// RFC 5465 §7–§8 (`modifier-update = "UPDATE" ["(" fetch-att *(SP fetch-att) ")"]`),
    /// the attributes to send in a FETCH response for each message added to the result
    /// (under NOTIFY), e.g. `UPDATE (UID BODY[HEADER.FIELDS (TO FROM SUBJECT)])`. The parser
    /// reads the list with or without the SP before `(` (§8's ABNF has none, §7's example
    /// has one); the encoder writes the SP.
    Update(Option<Vec1<FetchAttribute<'a>>>),
    /// `RELEVANCY` (RFC 6203 §4): return the relevancy scores.
    Relevancy,
    /// `PARTIAL partial-range` (RFC 5267 §4.4, RFC 9394 §3.1, §5): return only the results at
    /// these positions (a page), answered by [`EsearchData::Partial`](super::EsearchData).
    Partial(PartialRange),
    /// An option this crate does not know, in the generic syntax of RFC 4466 §2.6.1 and §3
    /// (`search-return-opt = search-modifier-name [SP search-mod-params]`, a
    /// `tagged-ext-label` and a `tagged-ext-val`). Build it with
    /// [`SearchReturnOption::other`].
    Other {
        /// The name (a `tagged-ext-label`).
        name: Atom<'a>,
        /// The value, `None` when absent.
        value: Option<TaggedExtValue<'a>>,
    },
}

/// The SEARCH/SORT return option names this crate parses into their own
/// [`SearchReturnOption`] variants (matched ignoring case); [`SearchReturnOption::other`]
/// refuses them.
pub const KNOWN_SEARCH_RETURN_OPTIONS: &[&str] = &[
    "MIN",
    "MAX",
    "ALL",
    "COUNT",
    "SAVE",
    "CONTEXT",
    "UPDATE",
    "RELEVANCY",
    "PARTIAL",
];

impl<'a> SearchReturnOption<'a> {
    /// An option this crate does not know ([`SearchReturnOption::Other`]); see
    /// [`check_tagged_ext`] for what is refused.
    ///
    /// ```
    /// use imap_proto::types::{Atom, SearchReturnOption, TaggedExtValue};
    /// assert!(SearchReturnOption::other(Atom::new("X-FUZZY")?, Some(TaggedExtValue::Number(5))).is_ok());
    /// assert!(SearchReturnOption::other(Atom::new("count")?, None).is_err());
    /// # Ok::<(), imap_proto::types::ValueError>(())
    /// ```
    pub fn other(name: Atom<'a>, value: Option<TaggedExtValue<'a>>) -> VResult<Self> {
        check_tagged_ext(
            &name,
            value.as_ref(),
            KNOWN_SEARCH_RETURN_OPTIONS,
            "search return option",
        )?;
        Ok(SearchReturnOption::Other { name, value })
    }

    /// The name (`PARTIAL` without its range, `UPDATE` without its fetch attributes, an
    /// [`Other`](SearchReturnOption::Other) option's name as given).
    pub fn name(&self) -> &str {
        match self {
            SearchReturnOption::Min => "MIN",
            SearchReturnOption::Max => "MAX",
            SearchReturnOption::All => "ALL",
            SearchReturnOption::Count => "COUNT",
            SearchReturnOption::Save => "SAVE",
            SearchReturnOption::Context => "CONTEXT",
            SearchReturnOption::Update(_) => "UPDATE",
            SearchReturnOption::Relevancy => "RELEVANCY",
            SearchReturnOption::Partial(_) => "PARTIAL",
            SearchReturnOption::Other { name, .. } => name.as_str(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> SearchReturnOption<'static> {
        use SearchReturnOption as R;
        match self {
            R::Min => R::Min,
            R::Max => R::Max,
            R::All => R::All,
            R::Count => R::Count,
            R::Save => R::Save,
            R::Context => R::Context,
            R::Update(v) => R::Update(v.map(|v| v.map(FetchAttribute::into_owned))),
            R::Relevancy => R::Relevancy,
            R::Partial(r) => R::Partial(r),
            R::Other { name, value } => R::Other {
                name: name.into_owned(),
                value: value.map(TaggedExtValue::into_owned),
            },
        }
    }
}
