//! What `imapd` does for each command once the state machine has accepted it: folder
//! operations, SELECT, FETCH, SEARCH, STORE, COPY/MOVE, EXPUNGE, APPEND, and the untagged
//! updates of a selected mailbox. Every handler returns an [`Outcome`]: the untagged responses
//! and the tagged completion the connection loop hands to the server machine.

use std::borrow::Cow;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, MutexGuard};

use mailproto::imap::types::{
    Atom, CommandBody, Condition, Date, DateTime, EsearchData, EsearchResponse, FetchAttribute,
    FetchData, Flag, FlagFetch, FlagPerm, ListResponse, ListReturnOption, ListSelectOption,
    Mailbox, MailboxAttribute, MailboxStatus, NString, RespText, ResponseCode, SearchKey,
    SearchReturnOption, SequenceSet, State, StatusAttribute, StatusValue, StoreAction, Text,
    UntaggedResponse,
};
use mailproto::imap::types::{Delimiter, IString, SectionPart};
use mailproto::msg::types::Message;

use crate::mime;
use crate::search::{self, Candidate};
use crate::store::{Flags, FolderState, MessageEntry, Store, StoreError};

/// The untagged responses of a command and its completion.
#[derive(Debug)]
pub struct Outcome {
    pub untagged: Vec<UntaggedResponse<'static>>,
    pub state: State,
    pub code: Option<ResponseCode<'static>>,
    pub text: String,
}

impl Outcome {
    pub fn ok(text: &str) -> Outcome {
        Outcome {
            untagged: Vec::new(),
            state: State::Ok,
            code: None,
            text: text.to_string(),
        }
    }

    pub fn no(code: Option<ResponseCode<'static>>, text: impl Into<String>) -> Outcome {
        Outcome {
            untagged: Vec::new(),
            state: State::No,
            code,
            text: text.into(),
        }
    }

    pub fn bad(text: impl Into<String>) -> Outcome {
        Outcome {
            untagged: Vec::new(),
            state: State::Bad,
            code: None,
            text: text.into(),
        }
    }

    fn with_code(mut self, code: ResponseCode<'static>) -> Outcome {
        self.code = Some(code);
        self
    }

    fn with_untagged(mut self, untagged: Vec<UntaggedResponse<'static>>) -> Outcome {
        self.untagged = untagged;
        self
    }
}

/// A `resp-text` from a code and plain text (control characters replaced).
pub fn resp_text(code: Option<ResponseCode<'static>>, text: &str) -> RespText<'static> {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = if clean.trim().is_empty() {
        "done".to_string()
    } else {
        clean
    };
    let text = Text::new(clean.into_bytes()).unwrap_or_else(|_| Text::new(&b"done"[..]).unwrap());
    RespText::new(code, text).unwrap_or_else(|_| RespText::text_only("done").unwrap())
}

fn status(
    condition: Condition,
    code: Option<ResponseCode<'static>>,
    text: &str,
) -> UntaggedResponse<'static> {
    UntaggedResponse::Status {
        condition,
        text: resp_text(code, text),
    }
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

fn store_error(e: StoreError) -> Outcome {
    match e {
        StoreError::NoSuchFolder => Outcome::no(Some(ResponseCode::NonExistent), "no such mailbox"),
        StoreError::Exists => Outcome::no(Some(ResponseCode::AlreadyExists), "mailbox exists"),
        StoreError::BadName => Outcome::no(Some(ResponseCode::Cannot), "invalid mailbox name"),
        StoreError::Io(e) => Outcome::no(Some(ResponseCode::ServerBug), format!("i/o error: {e}")),
    }
}

/// The mailbox name as the store knows it: the wire form (modified UTF-7), INBOX as `INBOX`.
fn folder_name(m: &Mailbox<'_>) -> String {
    if m.is_inbox() {
        "INBOX".to_string()
    } else {
        String::from_utf8_lossy(m.as_bytes()).into_owned()
    }
}

fn wire_mailbox(name: &str) -> Mailbox<'static> {
    Mailbox::from_bytes(name.as_bytes().to_vec()).unwrap_or(Mailbox::Inbox)
}

fn flag_of(f: Flags) -> Flag<'static> {
    match f {
        Flags::ANSWERED => Flag::Answered,
        Flags::FLAGGED => Flag::Flagged,
        Flags::DELETED => Flag::Deleted,
        Flags::SEEN => Flag::Seen,
        _ => Flag::Draft,
    }
}

const SYSTEM_FLAGS: [Flags; 5] = [
    Flags::ANSWERED,
    Flags::FLAGGED,
    Flags::DELETED,
    Flags::SEEN,
    Flags::DRAFT,
];

fn flag_list(f: Flags) -> Vec<FlagFetch<'static>> {
    SYSTEM_FLAGS
        .iter()
        .filter(|x| f.contains(**x))
        .map(|x| FlagFetch::Flag(flag_of(*x)))
        .collect()
}

/// The system flags of a flag list; keywords are ignored (the store cannot keep them).
fn to_flags(list: &[Flag<'_>]) -> Flags {
    let mut f = Flags::empty();
    for flag in list {
        match flag {
            Flag::Answered => f.insert(Flags::ANSWERED),
            Flag::Flagged => f.insert(Flags::FLAGGED),
            Flag::Deleted => f.insert(Flags::DELETED),
            Flag::Seen => f.insert(Flags::SEEN),
            Flag::Draft => f.insert(Flags::DRAFT),
            _ => {}
        }
    }
    f
}

/// Calendar date of days since 1970-01-01.
fn civil(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// INTERNALDATE from seconds since the epoch, in UTC.
pub fn internal_date(secs: i64) -> DateTime {
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    let date = Date::new(y.clamp(1, 9999) as u16, m, d).unwrap_or(Date::new(1970, 1, 1).unwrap());
    DateTime::new(
        date,
        (rem / 3600) as u8,
        (rem / 60 % 60) as u8,
        (rem % 60) as u8,
        0,
    )
    .expect("a valid time of day")
}

/// Seconds since the epoch of an APPEND date-time.
fn epoch_of(dt: &DateTime) -> i64 {
    let d = dt.date();
    let days = crate::search::days_from_civil(d.year().into(), d.month().into(), d.day().into());
    days * 86_400
        + i64::from(dt.hour()) * 3600
        + i64::from(dt.minute()) * 60
        + i64::from(dt.second())
        - i64::from(dt.zone_minutes()) * 60
}

/// Matches a LIST pattern (RFC 9051 §6.3.9): `*` anything, `%` anything but the delimiter.
fn list_match(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|i| list_match(rest, &name[i..])),
        Some((b'%', rest)) => (0..=name.len())
            .take_while(|&i| i == 0 || name[i - 1] != b'.')
            .any(|i| list_match(rest, &name[i..])),
        Some((c, rest)) => name.first() == Some(c) && list_match(rest, &name[1..]),
    }
}

/// The selected mailbox as this session sees it: messages in sequence order.
#[derive(Debug)]
pub struct Selected {
    pub name: String,
    pub read_only: bool,
    pub uidnext: u32,
    pub messages: Vec<MessageEntry>,
}

/// One logged-in user's view of the store.
pub struct Account {
    store: Arc<Mutex<Store>>,
    /// IMAP4rev2 was enabled (ENABLE IMAP4rev2): ESEARCH instead of SEARCH, no RECENT.
    pub rev2: bool,
    pub selected: Option<Selected>,
}

impl Account {
    pub fn new(store: Arc<Mutex<Store>>) -> Account {
        Account {
            store,
            rev2: false,
            selected: None,
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Handles a command of the authenticated or selected state. `updates_allowed` says
    /// whether EXPUNGE may be sent now (RFC 9051 §7.5.1), as the server machine reports it.
    pub fn handle(
        &mut self,
        tag: &str,
        command: &CommandBody<'_>,
        updates_allowed: bool,
    ) -> Outcome {
        use CommandBody as C;
        let mut outcome = match command {
            C::Noop | C::Check => Outcome::ok("NOOP completed"),
            C::Create { mailbox, .. } => match self.store().create(&folder_name(mailbox)) {
                Ok(()) => Outcome::ok("CREATE completed"),
                Err(e) => store_error(e),
            },
            C::Delete { mailbox } => {
                let name = folder_name(mailbox);
                if self.selected.as_ref().is_some_and(|s| s.name == name) {
                    return Outcome::no(Some(ResponseCode::InUse), "mailbox is selected");
                }
                match self.store().delete(&name) {
                    Ok(()) => Outcome::ok("DELETE completed"),
                    Err(e) => store_error(e),
                }
            }
            C::Rename { from, to, .. } => {
                match self.store().rename(&folder_name(from), &folder_name(to)) {
                    Ok(()) => Outcome::ok("RENAME completed"),
                    Err(e) => store_error(e),
                }
            }
            C::Subscribe { mailbox } | C::Unsubscribe { mailbox } => {
                let on = matches!(command, C::Subscribe { .. });
                match self.store().subscribe(&folder_name(mailbox), on) {
                    Ok(()) => Outcome::ok("done"),
                    Err(e) => store_error(e.into()),
                }
            }
            C::List {
                selection,
                reference,
                patterns,
                return_options,
            } => self.list(
                selection.as_deref(),
                reference,
                patterns.as_slice(),
                return_options.as_deref(),
                false,
            ),
            C::Lsub { reference, pattern } => {
                self.list(None, reference, std::slice::from_ref(pattern), None, true)
            }
            C::Namespace => {
                Outcome::ok("NAMESPACE completed").with_untagged(vec![UntaggedResponse::Other {
                    name: Atom::new("NAMESPACE").unwrap(),
                    rest: mailproto::imap::types::UnknownData::new(&b"((\"\" \".\")) NIL NIL"[..])
                        .unwrap()
                        .into_owned(),
                }])
            }
            C::Status { mailbox, items } => self.status(mailbox, items.as_slice()),
            C::Select { mailbox, .. } => self.select(mailbox, false),
            C::Examine { mailbox, .. } => self.select(mailbox, true),
            C::Append { mailbox, messages } => self.append(mailbox, messages.as_slice()),
            C::Close => {
                if let Some(sel) = self.selected.take()
                    && !sel.read_only
                {
                    let store = self.store();
                    for m in sel
                        .messages
                        .iter()
                        .filter(|m| m.flags.contains(Flags::DELETED))
                    {
                        let _ = store.remove(m);
                    }
                }
                Outcome::ok("CLOSE completed")
            }
            C::Unselect => {
                self.selected = None;
                Outcome::ok("UNSELECT completed")
            }
            C::Expunge => self.expunge(None),
            C::UidExpunge { set } => self.expunge(Some(set)),
            C::Search {
                uid,
                return_options,
                criteria,
                ..
            } => self.search(tag, *uid, return_options.as_deref(), criteria.as_slice()),
            C::Fetch {
                uid, set, items, ..
            } => self.fetch(*uid, set, &items.attributes()),
            C::Store {
                uid,
                set,
                action,
                silent,
                flags,
                ..
            } => self.store_flags(*uid, set, *action, *silent, flags.as_slice()),
            C::Copy { uid, set, mailbox } => self.copy(*uid, set, mailbox, false),
            C::Move { uid, set, mailbox } => self.copy(*uid, set, mailbox, true),
            other => Outcome::bad(format!("{} is not supported", other.name())),
        };
        // Announce what changed in the selected mailbox meanwhile (new mail, other sessions).
        if !matches!(
            command,
            C::Select { .. } | C::Examine { .. } | C::Close | C::Unselect
        ) {
            let mut updates = self.updates(updates_allowed);
            if !updates.is_empty() {
                updates.append(&mut outcome.untagged);
                outcome.untagged = updates;
            }
        }
        outcome
    }

    fn list(
        &self,
        selection: Option<&[ListSelectOption<'_>]>,
        reference: &Mailbox<'_>,
        patterns: &[mailproto::imap::types::ListMailbox<'_>],
        return_options: Option<&[ListReturnOption]>,
        lsub: bool,
    ) -> Outcome {
        let subscribed_only = lsub
            || selection
                .is_some_and(|s| s.iter().any(|o| matches!(o, ListSelectOption::Subscribed)));
        let want_subscribed = return_options
            .is_some_and(|r| r.iter().any(|o| matches!(o, ListReturnOption::Subscribed)));
        let reference = folder_name(reference);
        let reference = if reference == "INBOX" && !reference.is_empty() {
            String::from_utf8_lossy(reference.as_bytes()).into_owned()
        } else {
            reference
        };
        let store = self.store();
        let folders = match store.folders() {
            Ok(f) => f,
            Err(e) => return store_error(e.into()),
        };
        let subs = store.subscriptions();
        let mut untagged = Vec::new();
        // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root.
        if patterns.iter().all(|p| p.as_bytes().is_empty()) {
            untagged.push(UntaggedResponse::List(ListResponse {
                attributes: vec![MailboxAttribute::NoSelect],
                delimiter: Some(Delimiter::new(b'.').unwrap()),
                mailbox: Mailbox::from_bytes(Vec::new()).unwrap_or(Mailbox::Inbox),
                extended: Vec::new(),
            }));
            return Outcome::ok("LIST completed").with_untagged(untagged);
        }
        for name in &folders {
            let matched = patterns.iter().any(|p| {
                let full = [reference.as_bytes(), p.as_bytes()].concat();
                let pattern_is_inbox = full.eq_ignore_ascii_case(b"INBOX");
                list_match(&full, name.as_bytes()) || (pattern_is_inbox && name == "INBOX")
            });
            if !matched {
                continue;
            }
            let is_subscribed = subs.iter().any(|s| s == name);
            if subscribed_only && !is_subscribed {
                continue;
            }
            let prefix = format!("{name}.");
            let children = folders.iter().any(|f| f.starts_with(&prefix));
            let mut attributes = vec![if children {
                MailboxAttribute::HasChildren
            } else {
                MailboxAttribute::HasNoChildren
            }];
            if (want_subscribed || subscribed_only) && is_subscribed && !lsub {
                attributes.push(MailboxAttribute::Subscribed);
            }
            match name.as_str() {
                "Sent" => attributes.push(MailboxAttribute::Sent),
                "Trash" => attributes.push(MailboxAttribute::Trash),
                "Drafts" => attributes.push(MailboxAttribute::Drafts),
                "Junk" => attributes.push(MailboxAttribute::Junk),
                "Archive" => attributes.push(MailboxAttribute::Archive),
                _ => {}
            }
            let response = ListResponse {
                attributes,
                delimiter: Some(Delimiter::new(b'.').unwrap()),
                mailbox: wire_mailbox(name),
                extended: Vec::new(),
            };
            untagged.push(if lsub {
                UntaggedResponse::Lsub(response)
            } else {
                UntaggedResponse::List(response)
            });
        }
        Outcome::ok(if lsub {
            "LSUB completed"
        } else {
            "LIST completed"
        })
        .with_untagged(untagged)
    }

    fn status(&self, mailbox: &Mailbox<'_>, items: &[StatusAttribute]) -> Outcome {
        let name = folder_name(mailbox);
        let state = match self.store().scan(&name, true) {
            Ok(s) => s,
            Err(e) => return store_error(e),
        };
        let mut values = Vec::new();
        for item in items {
            values.push(match item {
                StatusAttribute::Messages => StatusValue::Messages(state.messages.len() as u32),
                StatusAttribute::UidNext => StatusValue::UidNext(nz(state.uidnext)),
                StatusAttribute::UidValidity => StatusValue::UidValidity(nz(state.uidvalidity)),
                StatusAttribute::Unseen => StatusValue::Unseen(
                    state
                        .messages
                        .iter()
                        .filter(|m| !m.flags.contains(Flags::SEEN))
                        .count() as u32,
                ),
                StatusAttribute::Deleted => StatusValue::Deleted(
                    state
                        .messages
                        .iter()
                        .filter(|m| m.flags.contains(Flags::DELETED))
                        .count() as u32,
                ),
                StatusAttribute::Recent => StatusValue::Recent(0),
                StatusAttribute::Size => StatusValue::Size(
                    state
                        .messages
                        .iter()
                        .map(|m| std::fs::metadata(&m.path).map_or(0, |md| md.len()))
                        .sum(),
                ),
                _ => continue,
            });
        }
        Outcome::ok("STATUS completed").with_untagged(vec![UntaggedResponse::MailboxStatus(
            MailboxStatus {
                mailbox: wire_mailbox(&name),
                items: values,
            },
        )])
    }

    fn select(&mut self, mailbox: &Mailbox<'_>, read_only: bool) -> Outcome {
        self.selected = None;
        let name = folder_name(mailbox);
        let state: FolderState = match self.store().scan(&name, read_only) {
            Ok(s) => s,
            Err(e) => return store_error(e),
        };
        let exists = state.messages.len() as u32;
        let mut untagged = vec![
            UntaggedResponse::Flags(flag_list(Flags::ALL)),
            UntaggedResponse::Exists(exists),
        ];
        if !self.rev2 {
            untagged.push(UntaggedResponse::Recent(0));
        }
        if let Some(pos) = state
            .messages
            .iter()
            .position(|m| !m.flags.contains(Flags::SEEN))
            && !self.rev2
        {
            untagged.push(status(
                Condition::Ok,
                Some(ResponseCode::Unseen(nz(pos as u32 + 1))),
                "first unseen",
            ));
        }
        untagged.push(status(
            Condition::Ok,
            Some(ResponseCode::PermanentFlags(
                SYSTEM_FLAGS
                    .iter()
                    .map(|f| FlagPerm::Flag(flag_of(*f)))
                    .collect(),
            )),
            if read_only {
                "no permanent flags in a read-only mailbox"
            } else {
                "limited"
            },
        ));
        untagged.push(status(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(state.uidvalidity))),
            "UIDs valid",
        ));
        untagged.push(status(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(state.uidnext))),
            "predicted next UID",
        ));
        untagged.push(UntaggedResponse::List(ListResponse {
            attributes: Vec::new(),
            delimiter: Some(Delimiter::new(b'.').unwrap()),
            mailbox: wire_mailbox(&name),
            extended: Vec::new(),
        }));
        self.selected = Some(Selected {
            name,
            read_only,
            uidnext: state.uidnext,
            messages: state.messages,
        });
        let code = if read_only {
            ResponseCode::ReadOnly
        } else {
            ResponseCode::ReadWrite
        };
        Outcome::ok(if read_only {
            "EXAMINE completed"
        } else {
            "SELECT completed"
        })
        .with_code(code)
        .with_untagged(untagged)
    }

    /// Untagged EXISTS/EXPUNGE/FETCH FLAGS for what changed in the selected mailbox since
    /// this session last looked (new deliveries, other sessions). Expunges are reported only
    /// when `expunge_allowed` (RFC 9051 §7.5.1); otherwise the vanished messages stay in the
    /// view until a later command may report them.
    pub fn updates(&mut self, expunge_allowed: bool) -> Vec<UntaggedResponse<'static>> {
        let Some(sel) = self.selected.as_ref() else {
            return Vec::new();
        };
        let Ok(now) = self.store().scan(&sel.name, sel.read_only) else {
            return Vec::new();
        };
        let sel = self.selected.as_mut().expect("checked above");
        let mut out = Vec::new();
        if expunge_allowed {
            let mut seq = 0;
            let mut kept = Vec::with_capacity(sel.messages.len());
            for m in sel.messages.drain(..) {
                seq += 1;
                if now.messages.binary_search_by_key(&m.uid, |n| n.uid).is_ok() {
                    kept.push(m);
                } else {
                    out.push(UntaggedResponse::Expunge(nz(seq)));
                    seq -= 1;
                }
            }
            sel.messages = kept;
        }
        for (i, m) in sel.messages.iter_mut().enumerate() {
            if let Ok(j) = now.messages.binary_search_by_key(&m.uid, |n| n.uid) {
                let fresh = &now.messages[j];
                if fresh.flags != m.flags {
                    out.push(UntaggedResponse::Fetch {
                        seq: nz(i as u32 + 1),
                        items: vec![FetchData::Flags(flag_list(fresh.flags))],
                    });
                }
                *m = fresh.clone();
            }
        }
        let last = sel.messages.last().map_or(0, |m| m.uid);
        let before = sel.messages.len();
        sel.messages
            .extend(now.messages.iter().filter(|m| m.uid > last).cloned());
        sel.uidnext = now.uidnext;
        if sel.messages.len() != before {
            out.push(UntaggedResponse::Exists(sel.messages.len() as u32));
        }
        out
    }

    /// The sequence indexes (0-based) named by `set`.
    fn resolve(&self, uid: bool, set: &SequenceSet<'_>) -> Vec<usize> {
        let Some(sel) = &self.selected else {
            return Vec::new();
        };
        let n = sel.messages.len() as u32;
        if uid {
            let largest = sel.messages.last().map_or(0, |m| m.uid);
            sel.messages
                .iter()
                .enumerate()
                .filter(|(_, m)| set.contains(m.uid, largest))
                .map(|(i, _)| i)
                .collect()
        } else {
            (1..=n)
                .filter(|&s| set.contains(s, n))
                .map(|s| s as usize - 1)
                .collect()
        }
    }

    fn append(
        &mut self,
        mailbox: &Mailbox<'_>,
        messages: &[mailproto::imap::types::AppendMessage<'_>],
    ) -> Outcome {
        let name = folder_name(mailbox);
        let store = self.store();
        if !store.exists(&name) {
            return Outcome::no(Some(ResponseCode::TryCreate), "no such mailbox");
        }
        let mut uids = Vec::new();
        let mut validity = 0;
        for m in messages {
            let flags = to_flags(m.flags.as_deref().unwrap_or_default());
            let date = m.date.as_ref().map(epoch_of);
            // CATENATE is not advertised (the server machine refuses it): a literal, a
            // literal8 or UTF8 (literal8).
            let Some(data) = m.data.literal() else {
                return Outcome::no(Some(ResponseCode::Cannot), "CATENATE not supported");
            };
            match store.append(&name, data.data(), flags, date) {
                Ok((v, uid)) => {
                    validity = v;
                    uids.push(uid);
                }
                Err(e) => return store_error(e),
            }
        }
        drop(store);
        let set = SequenceSet::from_numbers(uids).expect("at least one message");
        Outcome::ok("APPEND completed").with_code(ResponseCode::AppendUid {
            uid_validity: nz(validity),
            uids: set,
        })
    }

    fn expunge(&mut self, only: Option<&SequenceSet<'_>>) -> Outcome {
        let Some(sel) = self.selected.as_mut() else {
            return Outcome::bad("no mailbox selected");
        };
        if sel.read_only {
            return Outcome::no(Some(ResponseCode::Cannot), "mailbox is read-only");
        }
        let largest = sel.messages.last().map_or(0, |m| m.uid);
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let mut untagged = Vec::new();
        let mut seq = 0u32;
        let mut kept = Vec::new();
        for m in sel.messages.drain(..) {
            seq += 1;
            let chosen = only.is_none_or(|s| s.contains(m.uid, largest));
            if chosen && m.flags.contains(Flags::DELETED) {
                if let Err(e) = store.remove(&m) {
                    kept.push(m);
                    eprintln!("imapd: expunge: {e}");
                    continue;
                }
                untagged.push(UntaggedResponse::Expunge(nz(seq)));
                seq -= 1;
            } else {
                kept.push(m);
            }
        }
        sel.messages = kept;
        Outcome::ok("EXPUNGE completed").with_untagged(untagged)
    }

    fn search(
        &mut self,
        tag: &str,
        uid: bool,
        return_options: Option<&[SearchReturnOption<'_>]>,
        keys: &[SearchKey<'_>],
    ) -> Outcome {
        let Some(sel) = &self.selected else {
            return Outcome::bad("no mailbox selected");
        };
        let largest_seq = sel.messages.len() as u32;
        let largest_uid = sel.messages.last().map_or(0, |m| m.uid);
        let store = self.store();
        let mut hits = Vec::new();
        for (i, entry) in sel.messages.iter().enumerate() {
            let load = || store.read(entry).unwrap_or_default();
            let mut c = Candidate::new(i as u32 + 1, entry, largest_seq, largest_uid, &load);
            let mut all = true;
            for key in keys {
                match search::matches(key, &mut c) {
                    Ok(true) => {}
                    Ok(false) => {
                        all = false;
                        break;
                    }
                    Err(search::Unsupported(what)) => {
                        return Outcome::no(
                            Some(ResponseCode::Cannot),
                            format!("{what} is not supported"),
                        );
                    }
                }
            }
            if all {
                hits.push(if uid { entry.uid } else { i as u32 + 1 });
            }
        }
        drop(store);
        let untagged = if self.rev2 || return_options.is_some() {
            let opts = return_options
                .filter(|o| !o.is_empty())
                .unwrap_or(&[SearchReturnOption::All]);
            let mut data = Vec::new();
            for o in opts {
                match o {
                    SearchReturnOption::Min => {
                        if let Some(&m) = hits.iter().min() {
                            data.push(EsearchData::Min(nz(m)));
                        }
                    }
                    SearchReturnOption::Max => {
                        if let Some(&m) = hits.iter().max() {
                            data.push(EsearchData::Max(nz(m)));
                        }
                    }
                    SearchReturnOption::All => {
                        if let Some(set) = SequenceSet::from_numbers(hits.iter().copied()) {
                            data.push(EsearchData::All(set));
                        }
                    }
                    SearchReturnOption::Count => data.push(EsearchData::Count(hits.len() as u32)),
                    // RFC 9394 §3.1: the window of the (ascending) result list.
                    SearchReturnOption::Partial(range) => {
                        let results = range.positions(hits.len() as u32).and_then(|(p, q)| {
                            let window = &hits[p as usize - 1..q as usize];
                            SequenceSet::from_numbers(window.iter().copied())
                        });
                        data.push(EsearchData::Partial {
                            range: *range,
                            results,
                        });
                    }
                    _ => {
                        return Outcome::no(
                            Some(ResponseCode::Cannot),
                            "return option not supported",
                        );
                    }
                }
            }
            vec![UntaggedResponse::Esearch(EsearchResponse {
                tag: IString::new(tag.as_bytes().to_vec()).ok(),
                uid,
                data,
            })]
        } else {
            vec![UntaggedResponse::Search {
                ids: hits.into_iter().map(nz).collect(),
                modseq: None,
            }]
        };
        Outcome::ok("SEARCH completed").with_untagged(untagged)
    }

    fn fetch(
        &mut self,
        uid: bool,
        set: &SequenceSet<'_>,
        attributes: &[FetchAttribute<'_>],
    ) -> Outcome {
        let indexes = self.resolve(uid, set);
        let Some(sel) = self.selected.as_mut() else {
            return Outcome::bad("no mailbox selected");
        };
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let mut untagged = Vec::with_capacity(indexes.len());
        let sets_seen = !sel.read_only
            && attributes.iter().any(|a| {
                matches!(
                    a,
                    FetchAttribute::BodySection { peek: false, .. }
                        | FetchAttribute::Binary { peek: false, .. }
                        | FetchAttribute::Rfc822
                        | FetchAttribute::Rfc822Text
                )
            });
        let needs_content = attributes.iter().any(|a| {
            !matches!(
                a,
                FetchAttribute::Flags | FetchAttribute::Uid | FetchAttribute::InternalDate
            )
        });
        for i in indexes {
            let entry = &mut sel.messages[i];
            let mut flags_changed = false;
            if sets_seen && !entry.flags.contains(Flags::SEEN) {
                let mut f = entry.flags;
                f.insert(Flags::SEEN);
                if store.set_flags(entry, f).is_ok() {
                    flags_changed = true;
                }
            }
            let raw = if needs_content {
                match store.read(entry) {
                    Ok(r) => r,
                    Err(_) => continue, // expunged by someone else meanwhile
                }
            } else {
                Vec::new()
            };
            let message = Message::parse(&raw);
            let mut items = Vec::new();
            if uid {
                items.push(FetchData::Uid(nz(entry.uid)));
            }
            for a in attributes {
                let item = match a {
                    FetchAttribute::Uid if uid => continue,
                    FetchAttribute::Uid => FetchData::Uid(nz(entry.uid)),
                    FetchAttribute::Flags => FetchData::Flags(flag_list(entry.flags)),
                    FetchAttribute::InternalDate => {
                        FetchData::InternalDate(internal_date(entry.internal_date))
                    }
                    FetchAttribute::Rfc822Size => FetchData::Rfc822Size(raw.len() as u64),
                    FetchAttribute::Envelope => {
                        FetchData::Envelope(Box::new(mime::envelope(&message.headers())))
                    }
                    FetchAttribute::Body => {
                        FetchData::Body(Box::new(mime::body_structure(message.root(), false)))
                    }
                    FetchAttribute::BodyStructure => FetchData::BodyStructure(Box::new(
                        mime::body_structure(message.root(), true),
                    )),
                    FetchAttribute::Rfc822 => FetchData::Rfc822(data_nstring(Cow::Borrowed(&raw))),
                    FetchAttribute::Rfc822Header => FetchData::Rfc822Header(data_nstring(
                        Cow::Borrowed(message.root().raw_header()),
                    )),
                    FetchAttribute::Rfc822Text => FetchData::Rfc822Text(data_nstring(
                        Cow::Borrowed(message.root().raw_body()),
                    )),
                    FetchAttribute::BodySection {
                        section, partial, ..
                    } => {
                        let bytes = mime::section_bytes(&message, section)
                            .unwrap_or(Cow::Borrowed(&b""[..]));
                        let (origin, bytes) =
                            cut(bytes, partial.map(|p| (p.offset, p.length.get())));
                        FetchData::BodySection {
                            section: section.clone().into_owned(),
                            origin,
                            data: data_nstring(bytes),
                        }
                    }
                    FetchAttribute::Binary { part, partial, .. } => {
                        let bytes = mime::binary_bytes(&message, part.as_ref())
                            .unwrap_or(Cow::Borrowed(&b""[..]));
                        let (origin, bytes) =
                            cut(bytes, partial.map(|p| (p.offset, p.length.get())));
                        FetchData::Binary {
                            section: part.clone().map(SectionPart::into_owned),
                            origin,
                            data: binary_nstring(bytes),
                        }
                    }
                    FetchAttribute::BinarySize { part } => {
                        let size =
                            mime::binary_bytes(&message, part.as_ref()).map_or(0, |b| b.len());
                        FetchData::BinarySize {
                            section: part.clone().map(SectionPart::into_owned),
                            size: size as u32,
                        }
                    }
                    other => {
                        return Outcome::bad(format!("FETCH item {other:?} is not supported"));
                    }
                };
                items.push(item);
            }
            if flags_changed
                && !attributes
                    .iter()
                    .any(|a| matches!(a, FetchAttribute::Flags))
            {
                items.push(FetchData::Flags(flag_list(entry.flags)));
            }
            untagged.push(UntaggedResponse::Fetch {
                seq: nz(i as u32 + 1),
                items,
            });
        }
        Outcome::ok("FETCH completed").with_untagged(untagged)
    }

    fn store_flags(
        &mut self,
        uid: bool,
        set: &SequenceSet<'_>,
        action: StoreAction,
        silent: bool,
        flags: &[Flag<'_>],
    ) -> Outcome {
        let indexes = self.resolve(uid, set);
        let Some(sel) = self.selected.as_mut() else {
            return Outcome::bad("no mailbox selected");
        };
        if sel.read_only {
            return Outcome::no(Some(ResponseCode::Cannot), "mailbox is read-only");
        }
        let given = to_flags(flags);
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let mut untagged = Vec::new();
        for i in indexes {
            let entry = &mut sel.messages[i];
            let mut f = entry.flags;
            match action {
                StoreAction::Replace => f = given,
                StoreAction::Add => f.insert(given),
                StoreAction::Remove => f.remove(given),
            }
            if let Err(e) = store.set_flags(entry, f) {
                return Outcome::no(Some(ResponseCode::ServerBug), format!("i/o error: {e}"));
            }
            if !silent {
                let mut items = vec![FetchData::Flags(flag_list(entry.flags))];
                if uid {
                    items.push(FetchData::Uid(nz(entry.uid)));
                }
                untagged.push(UntaggedResponse::Fetch {
                    seq: nz(i as u32 + 1),
                    items,
                });
            }
        }
        Outcome::ok("STORE completed").with_untagged(untagged)
    }

    fn copy(
        &mut self,
        uid: bool,
        set: &SequenceSet<'_>,
        mailbox: &Mailbox<'_>,
        remove: bool,
    ) -> Outcome {
        let indexes = self.resolve(uid, set);
        let dest = folder_name(mailbox);
        let Some(sel) = self.selected.as_mut() else {
            return Outcome::bad("no mailbox selected");
        };
        if remove && sel.read_only {
            return Outcome::no(Some(ResponseCode::Cannot), "mailbox is read-only");
        }
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if !store.exists(&dest) {
            return Outcome::no(Some(ResponseCode::TryCreate), "no such mailbox");
        }
        if indexes.is_empty() {
            return Outcome::ok(if remove {
                "MOVE completed"
            } else {
                "COPY completed"
            });
        }
        let entries: Vec<&MessageEntry> = indexes.iter().map(|&i| &sel.messages[i]).collect();
        let (validity, new_uids) = match store.copy_entries(&entries, &dest, remove) {
            Ok(r) => r,
            Err(e) => return store_error(e),
        };
        let source = SequenceSet::from_numbers(entries.iter().map(|e| e.uid)).expect("non-empty");
        let dest_set = SequenceSet::from_numbers(new_uids).expect("non-empty");
        let code = ResponseCode::CopyUid {
            uid_validity: nz(validity),
            source,
            dest: dest_set,
        };
        drop(store);
        if !remove {
            return Outcome::ok("COPY completed").with_code(code);
        }
        // RFC 6851 §4.3: the COPYUID goes in an untagged OK before the expunges.
        let mut untagged = vec![status(Condition::Ok, Some(code), "moved")];
        for &i in indexes.iter().rev() {
            sel.messages.remove(i);
            untagged.push(UntaggedResponse::Expunge(nz(i as u32 + 1)));
        }
        Outcome::ok("MOVE completed").with_untagged(untagged)
    }
}

/// `<offset.length>` applied (RFC 9051 §6.4.5): the origin to report and the cut bytes.
fn cut(bytes: Cow<'_, [u8]>, partial: Option<(u64, u64)>) -> (Option<u32>, Cow<'_, [u8]>) {
    let Some((offset, length)) = partial else {
        return (None, bytes);
    };
    let start = (offset as usize).min(bytes.len());
    let end = start.saturating_add(length as usize).min(bytes.len());
    let cut = match bytes {
        Cow::Borrowed(b) => Cow::Borrowed(&b[start..end]),
        Cow::Owned(v) => Cow::Owned(v[start..end].to_vec()),
    };
    (Some(offset as u32), cut)
}

/// Message data as a literal, as servers send it (NUL, which a literal cannot carry, becomes
/// a space; BINARY uses literal8 for such data).
fn data_nstring(bytes: Cow<'_, [u8]>) -> NString<'static> {
    let bytes = bytes.into_owned();
    let bytes = if bytes.contains(&0) {
        bytes
            .into_iter()
            .map(|b| if b == 0 { b' ' } else { b })
            .collect()
    } else {
        bytes
    };
    match mailproto::imap::types::Literal::new(bytes) {
        Ok(lit) => NString(Some(IString::Literal(lit))),
        Err(_) => NString::NIL,
    }
}

/// Decoded data for BINARY: a literal8 when it holds NUL (RFC 3516 §4.2).
fn binary_nstring(bytes: Cow<'_, [u8]>) -> NString<'static> {
    let bytes = bytes.into_owned();
    if bytes.contains(&0) {
        let lit = mailproto::imap::types::Literal::binary(bytes);
        NString(Some(IString::Literal(lit)))
    } else {
        NString::new(Some(bytes)).unwrap_or(NString::NIL)
    }
}
