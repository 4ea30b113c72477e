//! The NOTIFY extension (RFC 5465): the argument of `NOTIFY SET`, its event groups, mailbox
//! filters and events. The command is [`CommandBody::Notify`](super::CommandBody::Notify);
//! the response codes are [`ResponseCode::NotificationOverflow`](super::ResponseCode) and
//! [`ResponseCode::BadEvent`](super::ResponseCode).
//!
//! The grammar (RFC 5465 §8):
//!
//! ```text
//! notify           = "NOTIFY" SP (notify-set / notify-none)
//! notify-set       = "SET" [status-indicator] SP event-groups
//! status-indicator = SP "STATUS"
//! notify-none      = "NONE"
//! event-groups     = event-group *(SP event-group)
//! event-group      = "(" filter-mailboxes SP events ")"
//! events           = ( "(" event *(SP event) ")" ) / "NONE"
//! ```
//!
//! The rules of RFC 5465 §5 and §6.1 that the grammar cannot express are checked by the
//! constructors ([`EventGroup::new`], [`NotifySet::new`]), so that a client never sends a
//! command that breaks one, each a [`NotifyRule`]:
//!
//! - at most one `selected` or `selected-delayed` group per command (§6.1);
//! - only message events (`MessageNew`, `MessageExpunge`, `FlagChange`, `AnnotationChange`)
//!   with `selected` / `selected-delayed` (§6.1);
//! - `MessageNew` and `MessageExpunge` always together (§5);
//! - `FlagChange` and `AnnotationChange` only with both `MessageNew` and `MessageExpunge`
//!   (§5).
//!
//! The command parser enforces only the first (Dovecot refuses two selected groups too). The
//! others are left to the server, which can call [`EventGroup::check`] on what it parsed: the
//! RFC's own §3.1 example, as corrected by verified erratum 1804, watches `(subtree Lists
//! (MessageNew))`, and Dovecot 2.3 accepts `MessageNew`, `MessageExpunge` or `FlagChange`
//! alone and mailbox events for `selected`.
//!
//! Not checked: the §8 remark that a `MessageNew` fetch-attribute list belongs with the
//! selected filters (servers differ; a real client's test suite sends `(personal (MessageNew
//! (FLAGS) ...))`), and whether the server supports an event (it answers `NO [BADEVENT
//! (...)]`, §3.1).

use super::{Atom, FetchAttribute, Mailbox, ValueError, Vec1};

type VResult<T> = Result<T, ValueError>;

/// A rule of RFC 5465 that the grammar cannot express (§5, §6.1): the constructors refuse a
/// value that breaks one; a server may answer such a command with `BAD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotifyRule {
    /// At most one of `selected` and `selected-delayed` in a command (RFC 5465 §6.1, §8).
    OneSelectedFilter,
    /// Only message events with `selected` / `selected-delayed` (RFC 5465 §6.1, §8).
    MessageEventsWithSelected,
    /// `MessageNew` and `MessageExpunge` always together (RFC 5465 §5, §8).
    NewWithExpunge,
    /// `FlagChange` and `AnnotationChange` need both `MessageNew` and `MessageExpunge` (RFC
    /// 5465 §5, §8).
    ChangeNeedsNewAndExpunge,
}

impl NotifyRule {
    /// A short description of the broken rule (the text of the [`ValueError::Invalid`] and
    /// [`ParseErrorKind::Invalid`](crate::parse::ParseErrorKind::Invalid) that report it).
    pub const fn message(self) -> &'static str {
        match self {
            NotifyRule::OneSelectedFilter => "notify (more than one selected filter)",
            NotifyRule::MessageEventsWithSelected => {
                "notify (only message events with a selected filter)"
            }
            NotifyRule::NewWithExpunge => "notify (MessageNew and MessageExpunge go together)",
            NotifyRule::ChangeNeedsNewAndExpunge => {
                "notify (FlagChange or AnnotationChange without MessageNew and MessageExpunge)"
            }
        }
    }
}

impl std::fmt::Display for NotifyRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// The argument of `NOTIFY SET` (RFC 5465 §3.1, §8 `notify-set`): whether the server sends a
/// STATUS for each watched mailbox first (`STATUS`), and the event groups.
///
/// ```
/// use imap_proto::types::{EventGroup, MailboxFilter, NotifyEvent, NotifySet, Vec1};
/// let events = Vec1::new(vec![NotifyEvent::MessageNew(None), NotifyEvent::MessageExpunge])?;
/// let set = NotifySet::new(true, Vec1::new(vec![
///     EventGroup::new(MailboxFilter::Selected, Some(events.clone()))?,
///     EventGroup::new(MailboxFilter::Personal, Some(events))?,
/// ])?)?;
/// assert!(set.status());
/// assert_eq!(set.groups().len(), 2);
/// assert!(set.selected().is_some());
///
/// // Two groups for the selected mailbox break RFC 5465 §6.1.
/// assert!(NotifySet::new(false, Vec1::new(vec![
///     EventGroup::none(MailboxFilter::Selected),
///     EventGroup::none(MailboxFilter::SelectedDelayed),
/// ])?).is_err());
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NotifySet<'a> {
    status: bool,
    groups: Vec1<EventGroup<'a>>,
}

impl<'a> NotifySet<'a> {
    /// Checks that at most one group is for the selected mailbox ([`ValueError::Invalid`]
    /// with [`NotifyRule::OneSelectedFilter`]'s message otherwise).
    pub fn new(status: bool, groups: Vec1<EventGroup<'a>>) -> VResult<Self> {
        Self::check(&groups).map_err(|r| ValueError::Invalid(r.message()))?;
        Ok(Self { status, groups })
    }

    /// For the parser, which checks the rule as it reads the groups.
    pub(crate) fn unchecked(status: bool, groups: Vec1<EventGroup<'a>>) -> Self {
        Self { status, groups }
    }

    /// The command-level rule (RFC 5465 §6.1): at most one `selected` / `selected-delayed`
    /// group. Each group's own rules are checked by [`EventGroup::new`].
    pub fn check(groups: &[EventGroup<'_>]) -> Result<(), NotifyRule> {
        if groups.iter().filter(|g| g.filter.is_selected()).count() > 1 {
            return Err(NotifyRule::OneSelectedFilter);
        }
        Ok(())
    }

    /// `STATUS` (`status-indicator`): the server sends a STATUS response for each watched
    /// mailbox other than the selected one before the tagged OK (RFC 5465 §3.1).
    pub fn status(&self) -> bool {
        self.status
    }

    /// The event groups, in the order sent.
    pub fn groups(&self) -> &[EventGroup<'a>] {
        &self.groups
    }

    /// The group for the selected mailbox (`selected` or `selected-delayed`), if any; without
    /// one the client wants no message events for it (RFC 5465 §3.1).
    pub fn selected(&self) -> Option<&EventGroup<'a>> {
        self.groups.iter().find(|g| g.filter.is_selected())
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> NotifySet<'static> {
        NotifySet {
            status: self.status,
            groups: self.groups.map(EventGroup::into_owned),
        }
    }
}

/// One `event-group` (RFC 5465 §8): `"(" filter-mailboxes SP events ")"`, the events `None`
/// for `NONE` (no events for those mailboxes, RFC 5465 §5).
///
/// ```
/// use imap_proto::types::{EventGroup, MailboxFilter, NotifyEvent, NotifyRule, Vec1};
/// // MessageNew without MessageExpunge breaks RFC 5465 §5.
/// let only_new = Vec1::one(NotifyEvent::MessageNew(None));
/// assert_eq!(
///     EventGroup::check(&MailboxFilter::Personal, &only_new),
///     Err(NotifyRule::NewWithExpunge),
/// );
/// assert!(EventGroup::new(MailboxFilter::Personal, Some(only_new)).is_err());
/// // Mailbox events are for other mailboxes, not the selected one (§6.1).
/// let names = Vec1::one(NotifyEvent::MailboxName);
/// assert!(EventGroup::new(MailboxFilter::Selected, Some(names.clone())).is_err());
/// assert!(EventGroup::new(MailboxFilter::Personal, Some(names)).is_ok());
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventGroup<'a> {
    filter: MailboxFilter<'a>,
    events: Option<Vec1<NotifyEvent<'a>>>,
}

impl<'a> EventGroup<'a> {
    /// Checks the rules of RFC 5465 §5 and §6.1 ([`EventGroup::check`]); a broken one is a
    /// [`ValueError::Invalid`] with the [`NotifyRule`]'s message.
    pub fn new(filter: MailboxFilter<'a>, events: Option<Vec1<NotifyEvent<'a>>>) -> VResult<Self> {
        if let Some(e) = &events {
            Self::check(&filter, e).map_err(|r| ValueError::Invalid(r.message()))?;
        }
        Ok(Self { filter, events })
    }

    /// For the parser, which leaves the rules of a group's events to the server.
    pub(crate) fn unchecked(
        filter: MailboxFilter<'a>,
        events: Option<Vec1<NotifyEvent<'a>>>,
    ) -> Self {
        Self { filter, events }
    }

    /// `(filter NONE)`: no events for these mailboxes.
    pub fn none(filter: MailboxFilter<'a>) -> Self {
        Self {
            filter,
            events: None,
        }
    }

    /// The rules of one group's event list (RFC 5465 §5, §6.1): only message events with a
    /// selected filter; `MessageNew` and `MessageExpunge` together; `FlagChange` and
    /// `AnnotationChange` with both.
    pub fn check(filter: &MailboxFilter<'_>, events: &[NotifyEvent<'_>]) -> Result<(), NotifyRule> {
        if filter.is_selected() && !events.iter().all(NotifyEvent::is_message_event) {
            return Err(NotifyRule::MessageEventsWithSelected);
        }
        let new = events
            .iter()
            .any(|e| matches!(e, NotifyEvent::MessageNew(_)));
        let expunge = events
            .iter()
            .any(|e| matches!(e, NotifyEvent::MessageExpunge));
        if new != expunge {
            return Err(NotifyRule::NewWithExpunge);
        }
        let change = events
            .iter()
            .any(|e| matches!(e, NotifyEvent::FlagChange | NotifyEvent::AnnotationChange));
        if change && !new {
            return Err(NotifyRule::ChangeNeedsNewAndExpunge);
        }
        Ok(())
    }

    /// Which mailboxes.
    pub fn filter(&self) -> &MailboxFilter<'a> {
        &self.filter
    }

    /// The events, `None` for `NONE`.
    pub fn events(&self) -> Option<&[NotifyEvent<'a>]> {
        self.events.as_deref()
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> EventGroup<'static> {
        EventGroup {
            filter: self.filter.into_owned(),
            events: self.events.map(|v| v.map(NotifyEvent::into_owned)),
        }
    }
}

/// Which mailboxes an event group watches (RFC 5465 §6, §8 `filter-mailboxes`; `subtree-one`
/// of RFC 7377 §2, which extends `filter-mailboxes-other`).
///
/// Written in lower case, as in the RFC's examples; read in any case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MailboxFilter<'a> {
    /// `selected` (RFC 5465 §6.1.1): the selected mailbox, events sent as they happen.
    Selected,
    /// `selected-delayed` (RFC 5465 §6.1.2): the selected mailbox, expunges held back until
    /// a command allows them (so that message sequence numbers stay usable).
    SelectedDelayed,
    /// `inboxes` (RFC 5465 §6.3): the mailboxes where new mail is delivered.
    Inboxes,
    /// `personal` (RFC 5465 §6.2): the user's personal mailboxes.
    Personal,
    /// `subscribed` (RFC 5465 §6.4): the subscribed mailboxes.
    Subscribed,
    /// `subtree mailbox` or `subtree (mailbox ...)` (RFC 5465 §6.5): these mailboxes and all
    /// below them.
    Subtree(Vec1<Mailbox<'a>>),
    /// `subtree-one ...` (RFC 7377 §2): these mailboxes and their direct children.
    SubtreeOne(Vec1<Mailbox<'a>>),
    /// `mailboxes mailbox` or `mailboxes (mailbox ...)` (RFC 5465 §6.6): exactly these.
    Mailboxes(Vec1<Mailbox<'a>>),
}

impl<'a> MailboxFilter<'a> {
    /// The filter's name as written (lower case).
    pub fn name(&self) -> &'static str {
        match self {
            MailboxFilter::Selected => "selected",
            MailboxFilter::SelectedDelayed => "selected-delayed",
            MailboxFilter::Inboxes => "inboxes",
            MailboxFilter::Personal => "personal",
            MailboxFilter::Subscribed => "subscribed",
            MailboxFilter::Subtree(_) => "subtree",
            MailboxFilter::SubtreeOne(_) => "subtree-one",
            MailboxFilter::Mailboxes(_) => "mailboxes",
        }
    }

    /// Whether this is `selected` or `selected-delayed` (`filter-mailboxes-selected`).
    pub fn is_selected(&self) -> bool {
        matches!(
            self,
            MailboxFilter::Selected | MailboxFilter::SelectedDelayed
        )
    }

    /// The mailboxes named by `subtree`, `subtree-one` and `mailboxes` (empty for the others).
    /// One mailbox is written without parentheses.
    pub fn mailboxes(&self) -> &[Mailbox<'a>] {
        match self {
            MailboxFilter::Subtree(v)
            | MailboxFilter::SubtreeOne(v)
            | MailboxFilter::Mailboxes(v) => v,
            _ => &[],
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> MailboxFilter<'static> {
        match self {
            MailboxFilter::Selected => MailboxFilter::Selected,
            MailboxFilter::SelectedDelayed => MailboxFilter::SelectedDelayed,
            MailboxFilter::Inboxes => MailboxFilter::Inboxes,
            MailboxFilter::Personal => MailboxFilter::Personal,
            MailboxFilter::Subscribed => MailboxFilter::Subscribed,
            MailboxFilter::Subtree(v) => MailboxFilter::Subtree(v.map(Mailbox::into_owned)),
            MailboxFilter::SubtreeOne(v) => MailboxFilter::SubtreeOne(v.map(Mailbox::into_owned)),
            MailboxFilter::Mailboxes(v) => MailboxFilter::Mailboxes(v.map(Mailbox::into_owned)),
        }
    }
}

/// An event a client can ask to be notified of (RFC 5465 §5, §8 `event`).
///
/// Names are matched ignoring case ([`NotifyEvent::from_atom`]) and written in the RFC's
/// spelling (`MessageNew`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotifyEvent<'a> {
    /// `MessageNew [(fetch-att ...)]` (RFC 5465 §5.2): a message arrived; for the selected
    /// mailbox the server sends EXISTS and a FETCH with these attributes (`None` without the
    /// list).
    MessageNew(Option<Vec1<FetchAttribute<'a>>>),
    /// `MessageExpunge` (RFC 5465 §5.3): messages were expunged.
    MessageExpunge,
    /// `FlagChange` (RFC 5465 §5.1): flags changed.
    FlagChange,
    /// `AnnotationChange` (RFC 5465 §5.1): message annotations changed.
    AnnotationChange,
    /// `MailboxName` (RFC 5465 §5.4): a mailbox was created, deleted or renamed.
    MailboxName,
    /// `SubscriptionChange` (RFC 5465 §5.5): the subscription list changed.
    SubscriptionChange,
    /// `MailboxMetadataChange` (RFC 5465 §5.6): mailbox METADATA changed.
    MailboxMetadataChange,
    /// `ServerMetadataChange` (RFC 5465 §5.7): server METADATA changed.
    ServerMetadataChange,
    /// `QuotaChange` (RFC 5465 §8 `user-event`): the user's quota changed.
    QuotaChange,
    /// Another event (`event-ext`, an atom).
    Other(OtherEvent<'a>),
}

/// The names of the events with their own [`NotifyEvent`] variant.
const KNOWN_EVENTS: [&str; 9] = [
    "MessageNew",
    "MessageExpunge",
    "FlagChange",
    "AnnotationChange",
    "MailboxName",
    "SubscriptionChange",
    "MailboxMetadataChange",
    "ServerMetadataChange",
    "QuotaChange",
];

impl<'a> NotifyEvent<'a> {
    /// The event named `name` (ignoring case; `MessageNew` without a fetch list).
    pub fn from_atom(name: Atom<'a>) -> Self {
        use NotifyEvent as E;
        let is = |k: &str| name.eq_ignore_ascii_case(k);
        if is("MessageNew") {
            E::MessageNew(None)
        } else if is("MessageExpunge") {
            E::MessageExpunge
        } else if is("FlagChange") {
            E::FlagChange
        } else if is("AnnotationChange") {
            E::AnnotationChange
        } else if is("MailboxName") {
            E::MailboxName
        } else if is("SubscriptionChange") {
            E::SubscriptionChange
        } else if is("MailboxMetadataChange") {
            E::MailboxMetadataChange
        } else if is("ServerMetadataChange") {
            E::ServerMetadataChange
        } else if is("QuotaChange") {
            E::QuotaChange
        } else {
            E::Other(OtherEvent(name))
        }
    }

    /// The name (the RFC's spelling for the known events, as sent for the others).
    pub fn name(&self) -> &str {
        use NotifyEvent as E;
        match self {
            E::MessageNew(_) => "MessageNew",
            E::MessageExpunge => "MessageExpunge",
            E::FlagChange => "FlagChange",
            E::AnnotationChange => "AnnotationChange",
            E::MailboxName => "MailboxName",
            E::SubscriptionChange => "SubscriptionChange",
            E::MailboxMetadataChange => "MailboxMetadataChange",
            E::ServerMetadataChange => "ServerMetadataChange",
            E::QuotaChange => "QuotaChange",
            E::Other(o) => o.name().as_str(),
        }
    }

    /// Whether this is a `message-event` (RFC 5465 §8): `MessageNew`, `MessageExpunge`,
    /// `FlagChange` or `AnnotationChange`, the only events allowed with the selected filters.
    pub fn is_message_event(&self) -> bool {
        use NotifyEvent as E;
        matches!(
            self,
            E::MessageNew(_) | E::MessageExpunge | E::FlagChange | E::AnnotationChange
        )
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> NotifyEvent<'static> {
        use NotifyEvent as E;
        match self {
            E::MessageNew(v) => E::MessageNew(v.map(|v| v.map(FetchAttribute::into_owned))),
            E::MessageExpunge => E::MessageExpunge,
            E::FlagChange => E::FlagChange,
            E::AnnotationChange => E::AnnotationChange,
            E::MailboxName => E::MailboxName,
            E::SubscriptionChange => E::SubscriptionChange,
            E::MailboxMetadataChange => E::MailboxMetadataChange,
            E::ServerMetadataChange => E::ServerMetadataChange,
            E::QuotaChange => E::QuotaChange,
            E::Other(o) => E::Other(o.into_owned()),
        }
    }
}

/// An event this crate does not know (`event-ext`, RFC 5465 §8): its name, never one of the
/// known events (any case), so that the value cannot be mistaken for one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OtherEvent<'a>(Atom<'a>);

impl<'a> OtherEvent<'a> {
    /// Fails with [`ValueError::Reserved`] when `name` is a known event (any case).
    pub fn new(name: Atom<'a>) -> VResult<Self> {
        if KNOWN_EVENTS.iter().any(|k| name.eq_ignore_ascii_case(k)) {
            return Err(ValueError::Reserved("notify event"));
        }
        Ok(Self(name))
    }

    /// The name as sent.
    pub fn name(&self) -> &Atom<'a> {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> OtherEvent<'static> {
        OtherEvent(self.0.into_owned())
    }
}
