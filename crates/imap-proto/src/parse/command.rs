//! The command parser (server side); see [`parse_command`].

use mail_sasl::framing::{self, ClientMessage};

use super::response::tagged_ext_value;
use super::{
    Cursor, Fail, Needed, PResult, ParseConfig, ParseError, ParseErrorKind, Status, parse_with,
};
use crate::types::{
    AppendData, AppendMessage, Atom, CatenatePart, Command, CommandBody, CreateParameter,
    EntryType, EventGroup, FetchAttribute, FetchItems, FetchModifier, Flag, GmLabel, ListMailbox,
    ListReturnOption, ListSelectOption, Literal, Mailbox, MailboxFilter, MetadataDepth,
    MetadataOption, NotifyEvent, NotifyRule, NotifySet, ObjectId, OtherArguments, OtherCommand,
    Password, QResyncParameters, QuotaLimit, RenameParameter, SearchKey, SearchReturnOption,
    SelectParameter, SortCriterion, SortKey, StatusAttribute, StoreAction, StoreFlags,
    StoreModifier, TaggedExtValue, ThreadAlgorithm, Vec1, ends_like_literal, is_list_char,
    is_objectid_char,
};

/// Parses one command (RFC 9051 §9 `command`), its final CRLF included.
///
/// Every command of the specifications is parsed (RFC 9051 §6, §9; RFC 3501 §6, §9; the
/// extensions named on each [`CommandBody`] variant), and
/// [`parse_idle_done`] and [`parse_authenticate_data`] read the two client lines that are not
/// tagged commands: IDLE's `DONE` (RFC 2177 §3) and the AUTHENTICATE responses (RFC 9051
/// §6.2.2).
///
/// Hand the parser one complete message from the [`Framer`](super::Framer) (`&buf[..frame.len]`):
/// a command with literals is several lines. On a partial buffer it answers
/// [`Status::Incomplete`], on a bad command a [`ParseError`]; a server then answers `BAD` and
/// drops the message ([`Frame::len`](super::Frame::len) bytes).
///
/// ```
/// use imap_proto::parse::{parse_command, ParseConfig, Status};
/// use imap_proto::types::{CommandBody, FetchAttribute, FetchItems};
///
/// let input = b"A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n";
/// let Status::Complete((cmd, used)) = parse_command(input, &ParseConfig::default())? else {
///     unreachable!()
/// };
/// assert_eq!(used, input.len());
/// assert_eq!(cmd.tag.as_str(), "A654");
/// let CommandBody::Fetch { items: FetchItems::List(items), .. } = &cmd.body else { panic!() };
/// assert_eq!(items[0], FetchAttribute::Flags);
/// # Ok::<(), imap_proto::parse::ParseError>(())
/// ```
///
/// # Tolerances (commands)
///
/// Besides the core tolerances of [`ParseConfig`] (extra spaces, a missing space after `)`,
/// `]` or `"`, UTF-8 in unquoted mailbox names, ...), each listed with its switch there:
///
/// | input | example | setting |
/// | --- | --- | --- |
/// | command names, `UID`, search keys, FETCH attributes, options and keywords in any case (RFC 9051 §9 note 1 makes them case-insensitive) | `a uid fetch 1:* (flags body.peek[header])` | always |
/// | several spaces between arguments, after the tag, inside lists, before CRLF | `a  SEARCH  ALL ` | `allow_extra_spaces` |
/// | no space after `)` where more follows | `a STORE 1 (UNCHANGEDSINCE 5)+FLAGS \Seen` | `allow_missing_spaces` |
/// | dates in SEARCH quoted or not, one or two digit day | `SINCE "1-Feb-1994"` | always (grammar) |
/// | `NIL` where a string is required (ID field names) | `ID (NIL NIL)` | `allow_nil_string` |
/// | a `MessageNew` fetch-attribute list in a NOTIFY group for other mailboxes than the selected one (a remark of RFC 5465 §8, as quoted by a public test suite, reserves it for `selected`; another suite's client sends it) | `NOTIFY SET (personal (MessageNew (FLAGS) MessageExpunge))` | always |
///
/// Not tolerated: a missing space before `(` (no client is known to send it), anything after
/// a literal other than what the grammar allows, and NOTIFY event lists without their
/// parentheses (as in the first example of RFC 5465 §3.1 as published, `(selected MessageNew
/// MessageExpunge)`; the §8 grammar requires them, and mox's server refuses the form).
/// Two `selected`/`selected-delayed` groups in one NOTIFY are an error naming
/// [`NotifyRule::OneSelectedFilter`](crate::types::NotifyRule::OneSelectedFilter) (RFC 5465
/// §6.1; Dovecot refuses it too). The rules on a group's events (§5, §6.1) are not enforced
/// here: the RFC's own §3.1 example, as corrected by verified erratum 1804, has `(subtree Lists
/// (MessageNew))`, and Dovecot 2.3 accepts `MessageNew`, `MessageExpunge` or `FlagChange`
/// alone and mailbox events for `selected`; a server that wants them applies
/// [`EventGroup::check`](crate::types::EventGroup::check).
///
/// # Unknown commands
///
/// A command whose name is not one of [`KNOWN_COMMANDS`](crate::types::KNOWN_COMMANDS) is
/// kept as [`CommandBody::Other`] with the rest of its line, so that a server can answer `BAD`
/// (or a proxy forward it) without a parse error. This is unambiguous because the name alone
/// decides it: a known command with bad arguments is always an error, never `Other`, and an
/// unknown command whose line ends in a literal header is an error too (its message cannot be
/// delimited without knowing its grammar). A `UID` with an unknown sub-command is an error.
pub fn parse_command<'a>(
    input: &'a [u8],
    config: &ParseConfig,
) -> Result<Status<(Command<'a>, usize)>, ParseError> {
    parse_with(input, config, command)
}

/// Parses the `DONE` line that ends IDLE (RFC 2177 §3, RFC 9051 §6.3.13 `idle = "IDLE" CRLF
/// "DONE"`), in any case.
pub fn parse_idle_done(
    input: &[u8],
    config: &ParseConfig,
) -> Result<Status<((), usize)>, ParseError> {
    parse_with(input, config, |c| {
        c.expect_keyword(b"DONE", "DONE")?;
        c.crlf()
    })
}

/// Parses a client line of an AUTHENTICATE exchange (RFC 9051 §6.2.2): base64 data (an empty
/// line is an empty response) or `*`, which cancels. Decoding is that of
/// [`mail_sasl::framing::decode_response`] (strict base64).
pub fn parse_authenticate_data(
    input: &[u8],
    config: &ParseConfig,
) -> Result<Status<(ClientMessage, usize)>, ParseError> {
    parse_with(input, config, |c| {
        let start = c.pos();
        let line = c.text()?;
        c.crlf()?;
        framing::decode_response(line)
            .map_err(|_| c.error_at(start, ParseErrorKind::Invalid("base64")))
    })
}

/// A command (RFC 9051 §9 `command`): tag, SP, the command, CRLF.
pub fn command<'a>(c: &mut Cursor<'a>) -> PResult<Command<'a>> {
    let tag = c.tag()?;
    c.sp()?;
    let body = command_body(c)?;
    c.crlf()?;
    Ok(Command { tag, body })
}

#[inline]
fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// A keyword-like name (letters, digits, `-`, `.`).
fn name<'a>(c: &mut Cursor<'a>, what: &'static str) -> PResult<&'a [u8]> {
    c.take_token(is_name_char, what)
}

/// A parameter or modifier name: the characters of RFC 4466 §2.1 `tagged-label-char`
/// (letters, digits, `-`, `_`, `.`, `:`); [`tagged_ext`] checks the first one.
fn label<'a>(c: &mut Cursor<'a>, what: &'static str) -> PResult<&'a [u8]> {
    c.take_token(
        |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'),
        what,
    )
}

/// The rest of a parameter or modifier this crate does not know (RFC 4466 §2.1
/// `tagged-ext-label [SP tagged-ext-val]`), its `name` (from [`label`], starting at `start`)
/// read. The value is there when SP is followed by what starts a `tagged-ext-val`: a digit,
/// `*` or `$` (`tagged-ext-simple`) or `(`; anything else after SP is the next parameter's
/// name, which starts with a letter, `-`, `_` or `.`, so the grammar is not ambiguous.
fn tagged_ext<'a>(
    c: &mut Cursor<'a>,
    start: usize,
    name: &'a [u8],
    what: &'static str,
) -> PResult<(Atom<'a>, Option<TaggedExtValue<'a>>)> {
    if !name
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Err(c.error_at(start, ParseErrorKind::Expected(what)));
    }
    // `label` bytes are ASCII atom characters.
    let name = Atom::unchecked(std::borrow::Cow::Borrowed(
        std::str::from_utf8(name).unwrap_or_default(),
    ));
    let value = match (c.peek(), c.peek_at(1)) {
        (Some(b' '), Some(b'(' | b'*' | b'$' | b'0'..=b'9')) => {
            c.sp()?;
            Some(tagged_ext_value(c)?)
        }
        (Some(b' '), None) if !c.is_complete() => return Err(Fail::Incomplete(Needed::Unknown)),
        _ => None,
    };
    Ok((name, value))
}

fn vec1<T>(c: &Cursor<'_>, v: Vec<T>) -> PResult<Vec1<T>> {
    Vec1::new(v).map_err(|_| c.error(ParseErrorKind::Invalid("empty list")))
}

/// Items separated by SP until the end of the line or a `)`: `item *(SP item)`.
fn spaced<'a, T>(
    c: &mut Cursor<'a>,
    what: &'static str,
    mut item: impl FnMut(&mut Cursor<'a>) -> PResult<T>,
) -> PResult<Vec1<T>> {
    let mut v = vec![item(c)?];
    loop {
        let save = c.pos();
        if !c.opt_sp()? {
            break;
        }
        if c.peek() == Some(b')') {
            c.set_pos(save);
            break;
        }
        c.check_items(v.len(), what)?;
        v.push(item(c)?);
    }
    vec1(c, v)
}

fn command_body<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    let start = c.pos();
    let name = c.atom()?;
    let n = name.as_str().as_bytes();
    let is = |k: &[u8]| n.eq_ignore_ascii_case(k);
    use CommandBody as B;
    Ok(if is(b"CAPABILITY") {
        B::Capability
    } else if is(b"NOOP") {
        B::Noop
    } else if is(b"LOGOUT") {
        B::Logout
    } else if is(b"STARTTLS") {
        B::StartTls
    } else if is(b"AUTHENTICATE") {
        authenticate(c)?
    } else if is(b"LOGIN") {
        c.sp()?;
        let username = c.astring()?;
        c.sp()?;
        let password = Password(c.astring()?);
        B::Login { username, password }
    } else if is(b"ENABLE") {
        c.sp()?;
        B::Enable {
            capabilities: spaced(c, "capabilities", Cursor::capability)?,
        }
    } else if is(b"SELECT") {
        let (mailbox, parameters) = select(c)?;
        B::Select {
            mailbox,
            parameters,
        }
    } else if is(b"EXAMINE") {
        let (mailbox, parameters) = select(c)?;
        B::Examine {
            mailbox,
            parameters,
        }
    } else if is(b"CREATE") {
        create(c)?
    } else if is(b"DELETE") {
        c.sp()?;
        B::Delete {
            mailbox: c.mailbox()?,
        }
    } else if is(b"RENAME") {
        c.sp()?;
        let from = c.mailbox()?;
        c.sp()?;
        let to = c.mailbox()?;
        let parameters = if c.opt_sp()? {
            c.list_nonempty("rename parameters", rename_parameter)?
        } else {
            Vec::new()
        };
        B::Rename {
            from,
            to,
            parameters,
        }
    } else if is(b"SUBSCRIBE") {
        c.sp()?;
        B::Subscribe {
            mailbox: c.mailbox()?,
        }
    } else if is(b"UNSUBSCRIBE") {
        c.sp()?;
        B::Unsubscribe {
            mailbox: c.mailbox()?,
        }
    } else if is(b"LIST") {
        list(c)?
    } else if is(b"LSUB") {
        c.sp()?;
        let reference = c.mailbox()?;
        c.sp()?;
        B::Lsub {
            reference,
            pattern: list_mailbox(c)?,
        }
    } else if is(b"NAMESPACE") {
        B::Namespace
    } else if is(b"STATUS") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let items = c.list_nonempty("status attributes", status_attribute)?;
        B::Status {
            mailbox,
            items: vec1(c, items)?,
        }
    } else if is(b"APPEND") {
        append(c)?
    } else if is(b"IDLE") {
        B::Idle
    } else if is(b"CHECK") {
        B::Check
    } else if is(b"CLOSE") {
        B::Close
    } else if is(b"UNSELECT") {
        B::Unselect
    } else if is(b"CANCELUPDATE") {
        let mut tags = Vec::new();
        loop {
            c.sp()?;
            c.check_items(tags.len(), "tags")?;
            tags.push(c.quoted_tag()?);
            if c.peek() != Some(b' ') {
                break;
            }
        }
        B::CancelUpdate {
            tags: vec1(c, tags)?,
        }
    } else if is(b"EXPUNGE") {
        B::Expunge
    } else if is(b"UID") {
        c.sp()?;
        let sub_start = c.pos();
        let sub = c.atom()?;
        let s = sub.as_str().as_bytes();
        if s.eq_ignore_ascii_case(b"EXPUNGE") {
            c.sp()?;
            B::UidExpunge {
                set: c.sequence_set()?,
            }
        } else {
            match uid_able(c, s, true)? {
                Some(b) => b,
                None => {
                    return Err(c.error_at(sub_start, ParseErrorKind::Expected("UID command")));
                }
            }
        }
    } else if is(b"GETQUOTA") {
        c.sp()?;
        B::GetQuota { root: c.astring()? }
    } else if is(b"GETQUOTAROOT") {
        c.sp()?;
        B::GetQuotaRoot {
            mailbox: c.mailbox()?,
        }
    } else if is(b"SETQUOTA") {
        c.sp()?;
        let root = c.astring()?;
        c.sp()?;
        let limits = c.list("quota limits", |c| {
            let resource = c.quota_resource()?;
            c.sp()?;
            let limit = c.number64()?;
            Ok(QuotaLimit { resource, limit })
        })?;
        B::SetQuota { root, limits }
    } else if is(b"GETMETADATA") {
        get_metadata(c)?
    } else if is(b"SETMETADATA") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let entries = c.list_nonempty("metadata entries", |c| {
            let entry = c.astring()?;
            c.sp()?;
            let value = c.nstring_or_literal8()?;
            Ok((entry, value))
        })?;
        B::SetMetadata {
            mailbox,
            entries: vec1(c, entries)?,
        }
    } else if is(b"ID") {
        c.sp()?;
        let parameters = if c.nil()? {
            None
        } else {
            Some(c.list("id parameters", |c| {
                let field = c.string()?;
                c.sp()?;
                let value = c.nstring()?;
                Ok((field, value))
            })?)
        };
        B::Id { parameters }
    } else if is(b"GETACL") {
        c.sp()?;
        B::GetAcl {
            mailbox: c.mailbox()?,
        }
    } else if is(b"MYRIGHTS") {
        c.sp()?;
        B::MyRights {
            mailbox: c.mailbox()?,
        }
    } else if is(b"SETACL") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let identifier = c.astring()?;
        c.sp()?;
        B::SetAcl {
            mailbox,
            identifier,
            rights: c.astring()?,
        }
    } else if is(b"DELETEACL") || is(b"LISTRIGHTS") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let identifier = c.astring()?;
        if is(b"DELETEACL") {
            B::DeleteAcl {
                mailbox,
                identifier,
            }
        } else {
            B::ListRights {
                mailbox,
                identifier,
            }
        }
    } else if is(b"COMPRESS") {
        c.sp()?;
        B::Compress {
            algorithm: c.atom()?,
        }
    } else if is(b"UNAUTHENTICATE") {
        B::Unauthenticate
    } else if is(b"NOTIFY") {
        notify(c)?
    } else if let Some(b) = uid_able(c, n, false)? {
        b
    } else {
        if CommandBody::is_known_name(name.as_str()) {
            return Err(c.error_at(start, ParseErrorKind::Expected("command")));
        }
        other(c, name)?
    })
}

/// The commands with a UID form: SEARCH, FETCH, STORE, COPY, MOVE, SORT, THREAD.
fn uid_able<'a>(c: &mut Cursor<'a>, n: &[u8], uid: bool) -> PResult<Option<CommandBody<'a>>> {
    let is = |k: &[u8]| n.eq_ignore_ascii_case(k);
    use CommandBody as B;
    Ok(Some(if is(b"SEARCH") {
        c.sp()?;
        let return_options = if c.keyword_token(b"RETURN")? {
            c.sp()?;
            let v = c.list("search return options", search_return_option)?;
            c.sp()?;
            Some(v)
        } else {
            None
        };
        let charset = if c.keyword_token(b"CHARSET")? {
            c.sp()?;
            let cs = c.charset()?;
            c.sp()?;
            Some(cs)
        } else {
            None
        };
        B::Search {
            uid,
            return_options,
            charset,
            criteria: search_keys(c)?,
        }
    } else if is(b"FETCH") {
        c.sp()?;
        let set = c.sequence_set()?;
        c.sp()?;
        let items = fetch_items(c)?;
        let modifiers = if c.opt_sp()? {
            c.list_nonempty("fetch modifiers", fetch_modifier)?
        } else {
            Vec::new()
        };
        B::Fetch {
            uid,
            set,
            items,
            modifiers,
        }
    } else if is(b"STORE") {
        store(c, uid)?
    } else if is(b"COPY") || is(b"MOVE") {
        c.sp()?;
        let set = c.sequence_set()?;
        c.sp()?;
        let mailbox = c.mailbox()?;
        if is(b"COPY") {
            B::Copy { uid, set, mailbox }
        } else {
            B::Move { uid, set, mailbox }
        }
    } else if is(b"SORT") {
        c.sp()?;
        let return_options = if c.keyword_token(b"RETURN")? {
            c.sp()?;
            let r = c.list("search return options", search_return_option)?;
            c.sp()?;
            Some(r)
        } else {
            None
        };
        let criteria = c.list_nonempty("sort criteria", sort_criterion)?;
        let criteria = vec1(c, criteria)?;
        c.sp()?;
        let charset = c.charset()?;
        c.sp()?;
        B::Sort {
            uid,
            return_options,
            criteria,
            charset,
            keys: search_keys(c)?,
        }
    } else if is(b"THREAD") {
        c.sp()?;
        let algorithm = ThreadAlgorithm::from_atom(c.atom()?);
        c.sp()?;
        let charset = c.charset()?;
        c.sp()?;
        B::Thread {
            uid,
            algorithm,
            charset,
            keys: search_keys(c)?,
        }
    } else {
        return Ok(None);
    }))
}

fn authenticate<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    c.sp()?;
    let mechanism = c.atom()?;
    let initial_response = if c.opt_sp()? {
        let start = c.pos();
        let token = c.take_token(
            |b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='),
            "initial response",
        )?;
        Some(
            framing::decode_initial_response(token)
                .map_err(|_| c.error_at(start, ParseErrorKind::Invalid("base64")))?,
        )
    } else {
        None
    };
    Ok(CommandBody::Authenticate {
        mechanism,
        initial_response,
    })
}

fn select<'a>(
    c: &mut Cursor<'a>,
) -> PResult<(crate::types::Mailbox<'a>, Vec<SelectParameter<'a>>)> {
    c.sp()?;
    let mailbox = c.mailbox()?;
    let parameters = if c.opt_sp()? {
        c.list_nonempty("select parameters", select_parameter)?
    } else {
        Vec::new()
    };
    Ok((mailbox, parameters))
}

/// `select-param` (RFC 4466 §2.1): `CONDSTORE` (RFC 7162 §3.1.8), `QRESYNC (...)` (RFC 7162
/// §3.2.5), or any other name with an optional `tagged-ext-val` as
/// [`SelectParameter::Other`]; a known name with a bad value is an error.
fn select_parameter<'a>(c: &mut Cursor<'a>) -> PResult<SelectParameter<'a>> {
    let start = c.pos();
    let n = label(c, "select parameter")?;
    if n.eq_ignore_ascii_case(b"CONDSTORE") {
        return Ok(SelectParameter::CondStore);
    }
    if !n.eq_ignore_ascii_case(b"QRESYNC") {
        let (name, value) = tagged_ext(c, start, n, "select parameter")?;
        return Ok(SelectParameter::Other { name, value });
    }
    c.sp()?;
    c.byte(b'(', "'('")?;
    c.enter()?;
    c.skip_extra_spaces();
    let uid_validity = c.nz_number()?;
    c.sp()?;
    let mod_seq = c.number64()?;
    let mut known_uids = None;
    let mut seq_match = None;
    if c.opt_sp()? && c.peek() != Some(b')') {
        if c.peek() != Some(b'(') {
            known_uids = Some(c.sequence_set()?);
            if !(c.opt_sp()? && c.peek() == Some(b'(')) {
                c.skip_extra_spaces();
                c.byte(b')', "')'")?;
                c.leave();
                return Ok(SelectParameter::QResync(QResyncParameters {
                    uid_validity,
                    mod_seq,
                    known_uids,
                    seq_match,
                }));
            }
        }
        c.byte(b'(', "'('")?;
        c.enter()?;
        c.skip_extra_spaces();
        let seqs = c.sequence_set()?;
        c.sp()?;
        let uids = c.sequence_set()?;
        c.skip_extra_spaces();
        c.byte(b')', "')'")?;
        c.leave();
        seq_match = Some((seqs, uids));
    }
    c.skip_extra_spaces();
    c.byte(b')', "')'")?;
    c.leave();
    Ok(SelectParameter::QResync(QResyncParameters {
        uid_validity,
        mod_seq,
        known_uids,
        seq_match,
    }))
}

fn create<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    c.sp()?;
    let mailbox = c.mailbox()?;
    let parameters = if c.opt_sp()? {
        c.list_nonempty("create parameters", create_parameter)?
    } else {
        Vec::new()
    };
    Ok(CommandBody::Create {
        mailbox,
        parameters,
    })
}

/// `create-param` (RFC 4466 §2.2): `USE (attrs)` (RFC 6154 §3), or any other name with an
/// optional `tagged-ext-val` as [`CreateParameter::Other`].
fn create_parameter<'a>(c: &mut Cursor<'a>) -> PResult<CreateParameter<'a>> {
    let start = c.pos();
    let n = label(c, "create parameter")?;
    if n.eq_ignore_ascii_case(b"USE") {
        c.sp()?;
        return Ok(CreateParameter::Use(
            c.list("special-use attributes", Cursor::mailbox_attribute)?,
        ));
    }
    let (name, value) = tagged_ext(c, start, n, "create parameter")?;
    Ok(CreateParameter::Other { name, value })
}

/// `rename-param` (RFC 4466 §2.3): any name with an optional `tagged-ext-val`.
fn rename_parameter<'a>(c: &mut Cursor<'a>) -> PResult<RenameParameter<'a>> {
    let start = c.pos();
    let n = label(c, "rename parameter")?;
    let (name, value) = tagged_ext(c, start, n, "rename parameter")?;
    Ok(RenameParameter::Other { name, value })
}

/// A `list-mailbox` (RFC 9051 §9): `1*list-char` or a string.
pub fn list_mailbox<'a>(c: &mut Cursor<'a>) -> PResult<ListMailbox<'a>> {
    match c.peek() {
        Some(b'"' | b'{') => c.string().map(ListMailbox::string),
        _ => {
            let t = c.take_token(is_list_char, "list-mailbox")?;
            // list-char is 7-bit.
            Ok(ListMailbox::token_unchecked(
                std::str::from_utf8(t).unwrap_or_default(),
            ))
        }
    }
}

fn list<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    c.sp()?;
    let selection = if c.peek() == Some(b'(') {
        let v = c.list("list selection options", |c| {
            let a = c.atom()?;
            Ok(if a.eq_ignore_ascii_case("SUBSCRIBED") {
                ListSelectOption::Subscribed
            } else if a.eq_ignore_ascii_case("REMOTE") {
                ListSelectOption::Remote
            } else if a.eq_ignore_ascii_case("RECURSIVEMATCH") {
                ListSelectOption::RecursiveMatch
            } else if a.eq_ignore_ascii_case("SPECIAL-USE") {
                ListSelectOption::SpecialUse
            } else {
                ListSelectOption::Other(a)
            })
        })?;
        c.sp()?;
        Some(v)
    } else {
        None
    };
    let reference = c.mailbox()?;
    c.sp()?;
    let patterns = if c.peek() == Some(b'(') {
        let v = c.list_nonempty("list patterns", list_mailbox)?;
        vec1(c, v)?
    } else {
        Vec1::one(list_mailbox(c)?)
    };
    let return_options = if c.opt_sp()? {
        c.expect_keyword(b"RETURN", "RETURN")?;
        c.sp()?;
        Some(c.list("list return options", |c| {
            let start = c.pos();
            let n = name(c, "list return option")?;
            Ok(if n.eq_ignore_ascii_case(b"SUBSCRIBED") {
                ListReturnOption::Subscribed
            } else if n.eq_ignore_ascii_case(b"CHILDREN") {
                ListReturnOption::Children
            } else if n.eq_ignore_ascii_case(b"SPECIAL-USE") {
                ListReturnOption::SpecialUse
            } else if n.eq_ignore_ascii_case(b"STATUS") {
                c.sp()?;
                let v = c.list_nonempty("status attributes", status_attribute)?;
                ListReturnOption::Status(vec1(c, v)?)
            } else {
                return Err(c.error_at(start, ParseErrorKind::Expected("list return option")));
            })
        })?)
    } else {
        None
    };
    Ok(CommandBody::List {
        selection,
        reference,
        patterns,
        return_options,
    })
}

/// A `status-att` (RFC 9051 §9 and the extensions of [`StatusAttribute`]).
pub fn status_attribute(c: &mut Cursor<'_>) -> PResult<StatusAttribute> {
    let start = c.pos();
    let n = name(c, "status attribute")?;
    std::str::from_utf8(n)
        .ok()
        .and_then(StatusAttribute::from_name)
        .ok_or_else(|| c.error_at(start, ParseErrorKind::Expected("status attribute")))
}

fn append<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    c.sp()?;
    let mailbox = c.mailbox()?;
    c.sp()?;
    let mut messages = Vec::new();
    loop {
        let flags = if c.peek() == Some(b'(') {
            let f = c.flag_list()?;
            c.sp()?;
            Some(f)
        } else {
            None
        };
        let date = if c.peek() == Some(b'"') {
            let d = c.date_time()?;
            c.sp()?;
            Some(d)
        } else {
            None
        };
        let data = append_data(c)?;
        messages.push(AppendMessage { flags, date, data });
        if !c.opt_sp()? {
            break;
        }
        c.check_items(messages.len(), "messages")?;
    }
    Ok(CommandBody::Append {
        mailbox,
        messages: vec1(c, messages)?,
    })
}

/// `append-data` (RFC 4466 §2.1.1): `literal` / `literal8` (RFC 3516 §4.4) / `utf8-literal`
/// (RFC 6855 §4) / `"CATENATE" SP "(" cat-part *(SP cat-part) ")"` (RFC 4469 §5).
fn append_data<'a>(c: &mut Cursor<'a>) -> PResult<AppendData<'a>> {
    Ok(match c.peek() {
        Some(b'~') => AppendData::Literal(c.literal8()?),
        Some(b'{') | None => AppendData::Literal(c.literal()?),
        _ => {
            if c.keyword_token(b"UTF8")? {
                AppendData::Utf8(utf8_literal(c)?)
            } else if c.keyword_token(b"CATENATE")? {
                c.sp()?;
                let parts = c.list_nonempty("catenate parts", cat_part)?;
                AppendData::Catenate(vec1(c, parts)?)
            } else {
                return Err(c.expected("message literal"));
            }
        }
    })
}

/// The rest of `utf8-literal = "UTF8" SP "(" literal8 ")"` (RFC 6855 §4), after `UTF8`.
fn utf8_literal<'a>(c: &mut Cursor<'a>) -> PResult<Literal<'a>> {
    c.sp()?;
    c.byte(b'(', "'(' of UTF8")?;
    let l = c.literal8()?;
    c.byte(b')', "')' of UTF8")?;
    Ok(l)
}

/// `cat-part = text-literal / url` (RFC 4469 §5), `cat-part =/ utf8-literal` (RFC 6855 §4).
fn cat_part<'a>(c: &mut Cursor<'a>) -> PResult<CatenatePart<'a>> {
    if c.keyword_token(b"URL")? {
        c.sp()?;
        Ok(CatenatePart::Url(c.astring()?))
    } else if c.keyword_token(b"TEXT")? {
        c.sp()?;
        Ok(CatenatePart::Text(c.literal()?))
    } else if c.keyword_token(b"UTF8")? {
        Ok(CatenatePart::Utf8(utf8_literal(c)?))
    } else {
        Err(c.expected("URL, TEXT or UTF8"))
    }
}

/// `search-return-opt` (RFC 4466 §2.6.1; RFC 4731 §3.1; `SAVE` of RFC 5182, `CONTEXT` and
/// `UPDATE` of RFC 5267 §4, `UPDATE (fetch-att ...)` of RFC 5465 §8, `RELEVANCY` of RFC 6203
/// §4, `PARTIAL partial-range` of RFC 9394 §5), or any other name with an optional
/// `tagged-ext-val` as [`SearchReturnOption::Other`]; a known name with a bad value is an
/// error.
fn search_return_option<'a>(c: &mut Cursor<'a>) -> PResult<SearchReturnOption<'a>> {
    let start = c.pos();
    let n = label(c, "search return option")?;
    let is = |k: &[u8]| n.eq_ignore_ascii_case(k);
    Ok(if is(b"MIN") {
        SearchReturnOption::Min
    } else if is(b"MAX") {
        SearchReturnOption::Max
    } else if is(b"ALL") {
        SearchReturnOption::All
    } else if is(b"COUNT") {
        SearchReturnOption::Count
    } else if is(b"SAVE") {
        SearchReturnOption::Save
    } else if is(b"CONTEXT") {
        SearchReturnOption::Context
    } else if is(b"UPDATE") {
        // RFC 5465 §8's ABNF has no SP before `(`, its §7 example has one: both are read.
        let mut atts = None;
        if c.peek() == Some(b'(') {
            let v = c.list_nonempty("fetch attributes", fetch_attribute)?;
            atts = Some(vec1(c, v)?);
        } else if c.peek() == Some(b' ') {
            match c.peek_at(1) {
                Some(b'(') => {
                    c.advance(1);
                    let v = c.list_nonempty("fetch attributes", fetch_attribute)?;
                    atts = Some(vec1(c, v)?);
                }
                None if !c.is_complete() => return Err(Fail::Incomplete(Needed::Unknown)),
                _ => {}
            }
        }
        SearchReturnOption::Update(atts)
    } else if is(b"RELEVANCY") {
        SearchReturnOption::Relevancy
    } else if is(b"PARTIAL") {
        c.sp()?;
        SearchReturnOption::Partial(c.partial_range()?)
    } else {
        let (name, value) = tagged_ext(c, start, n, "search return option")?;
        SearchReturnOption::Other { name, value }
    })
}

/// `search-key *(SP search-key)` (RFC 9051 §9 `search-program` without the charset).
pub fn search_keys<'a>(c: &mut Cursor<'a>) -> PResult<Vec1<SearchKey<'a>>> {
    spaced(c, "search keys", search_key)
}

fn nested<'a>(c: &mut Cursor<'a>) -> PResult<Box<SearchKey<'a>>> {
    c.enter()?;
    let k = search_key(c)?;
    c.leave();
    Ok(Box::new(k))
}

/// A `search-key` (RFC 9051 §6.4.4, §9; see [`SearchKey`] for the extensions). `NOT`, `OR` and
/// parentheses each count one level of [`ParseConfig::max_depth`].
pub fn search_key<'a>(c: &mut Cursor<'a>) -> PResult<SearchKey<'a>> {
    use SearchKey as K;
    match c.peek() {
        Some(b'(') => {
            let v = c.list_nonempty("search keys", search_key)?;
            return Ok(K::And(vec1(c, v)?));
        }
        Some(b'0'..=b'9' | b'*' | b'$') => return c.sequence_set().map(K::SequenceSet),
        _ => {}
    }
    let start = c.pos();
    let n = c.take_token(|b| b.is_ascii_alphanumeric() || b == b'-', "search key")?;
    let is = |k: &[u8]| n.eq_ignore_ascii_case(k);
    macro_rules! arg {
        ($parse:expr) => {{
            c.sp()?;
            $parse
        }};
    }
    Ok(if is(b"ALL") {
        K::All
    } else if is(b"ANSWERED") {
        K::Answered
    } else if is(b"BCC") {
        K::Bcc(arg!(c.astring()?))
    } else if is(b"BEFORE") {
        K::Before(arg!(c.date()?))
    } else if is(b"BODY") {
        K::Body(arg!(c.astring()?))
    } else if is(b"CC") {
        K::Cc(arg!(c.astring()?))
    } else if is(b"DELETED") {
        K::Deleted
    } else if is(b"DRAFT") {
        K::Draft
    } else if is(b"FLAGGED") {
        K::Flagged
    } else if is(b"FROM") {
        K::From(arg!(c.astring()?))
    } else if is(b"HEADER") {
        let field = arg!(c.astring()?);
        K::Header(field, arg!(c.astring()?))
    } else if is(b"KEYWORD") {
        K::Keyword(arg!(c.atom()?))
    } else if is(b"LARGER") {
        K::Larger(arg!(c.number64()?))
    } else if is(b"NEW") {
        K::New
    } else if is(b"NOT") {
        K::Not(arg!(nested(c)?))
    } else if is(b"FUZZY") {
        K::Fuzzy(arg!(nested(c)?))
    } else if is(b"OLD") {
        K::Old
    } else if is(b"ON") {
        K::On(arg!(c.date()?))
    } else if is(b"OR") {
        let a = arg!(nested(c)?);
        K::Or(a, arg!(nested(c)?))
    } else if is(b"RECENT") {
        K::Recent
    } else if is(b"SEEN") {
        K::Seen
    } else if is(b"SENTBEFORE") {
        K::SentBefore(arg!(c.date()?))
    } else if is(b"SENTON") {
        K::SentOn(arg!(c.date()?))
    } else if is(b"SENTSINCE") {
        K::SentSince(arg!(c.date()?))
    } else if is(b"SINCE") {
        K::Since(arg!(c.date()?))
    } else if is(b"SMALLER") {
        K::Smaller(arg!(c.number64()?))
    } else if is(b"SUBJECT") {
        K::Subject(arg!(c.astring()?))
    } else if is(b"TEXT") {
        K::Text(arg!(c.astring()?))
    } else if is(b"TO") {
        K::To(arg!(c.astring()?))
    } else if is(b"UID") {
        K::Uid(arg!(c.sequence_set()?))
    } else if is(b"UNANSWERED") {
        K::Unanswered
    } else if is(b"UNDELETED") {
        K::Undeleted
    } else if is(b"UNDRAFT") {
        K::Undraft
    } else if is(b"UNFLAGGED") {
        K::Unflagged
    } else if is(b"UNKEYWORD") {
        K::Unkeyword(arg!(c.atom()?))
    } else if is(b"UNSEEN") {
        K::Unseen
    } else if is(b"MODSEQ") {
        modseq_key(c)?
    } else if is(b"OLDER") {
        K::Older(arg!(c.nz_number()?))
    } else if is(b"YOUNGER") {
        K::Younger(arg!(c.nz_number()?))
    } else if is(b"EMAILID") {
        K::EmailId(arg!(objectid(c)?))
    } else if is(b"THREADID") {
        K::ThreadId(arg!(objectid(c)?))
    } else if is(b"SAVEDBEFORE") {
        K::SavedBefore(arg!(c.date()?))
    } else if is(b"SAVEDON") {
        K::SavedOn(arg!(c.date()?))
    } else if is(b"SAVEDSINCE") {
        K::SavedSince(arg!(c.date()?))
    } else if is(b"SAVEDATESUPPORTED") {
        K::SaveDateSupported
    } else if is(b"X-GM-RAW") {
        K::GmRaw(arg!(c.astring()?))
    } else if is(b"X-GM-MSGID") {
        K::GmMsgId(arg!(c.number64()?))
    } else if is(b"X-GM-THRID") {
        K::GmThrId(arg!(c.number64()?))
    } else if is(b"X-GM-LABELS") {
        K::GmLabels(arg!(c.astring()?))
    } else {
        return Err(c.error_at(start, ParseErrorKind::Expected("search key")));
    })
}

fn modseq_key<'a>(c: &mut Cursor<'a>) -> PResult<SearchKey<'a>> {
    c.sp()?;
    let entry = if c.peek() == Some(b'"') {
        let start = c.pos();
        let q = c.quoted()?;
        let bad = |c: &Cursor<'_>| c.error_at(start, ParseErrorKind::Invalid("modseq entry name"));
        let flag = q
            .as_bytes()
            .get(..7)
            .filter(|p| p.eq_ignore_ascii_case(b"/flags/"))
            .and_then(|_| std::str::from_utf8(&q.as_bytes()[7..]).ok())
            .and_then(|s| Flag::new(s).ok())
            .map(Flag::into_owned)
            .ok_or_else(|| bad(c))?;
        c.sp()?;
        let tstart = c.pos();
        let t = c.take_token(|b| b.is_ascii_alphabetic(), "entry type")?;
        let ty = if t.eq_ignore_ascii_case(b"priv") {
            EntryType::Private
        } else if t.eq_ignore_ascii_case(b"shared") {
            EntryType::Shared
        } else if t.eq_ignore_ascii_case(b"all") {
            EntryType::All
        } else {
            return Err(c.error_at(tstart, ParseErrorKind::Expected("entry type")));
        };
        c.sp()?;
        Some((flag, ty))
    } else {
        None
    };
    Ok(SearchKey::ModSeq {
        entry,
        value: c.number64()?,
    })
}

fn objectid<'a>(c: &mut Cursor<'a>) -> PResult<ObjectId<'a>> {
    let start = c.pos();
    let t = c.take_token(is_objectid_char, "objectid")?;
    if t.len() > 255 {
        return Err(c.error_at(start, ParseErrorKind::Invalid("objectid length")));
    }
    Ok(ObjectId::unchecked(
        std::str::from_utf8(t).unwrap_or_default(),
    ))
}

fn fetch_items<'a>(c: &mut Cursor<'a>) -> PResult<FetchItems<'a>> {
    if c.peek() == Some(b'(') {
        let v = c.list_nonempty("fetch attributes", fetch_attribute)?;
        return Ok(FetchItems::List(vec1(c, v)?));
    }
    let start = c.pos();
    let n = name(c, "fetch attribute")?;
    if !matches!(c.peek(), Some(b'[' | b'<')) {
        if n.eq_ignore_ascii_case(b"ALL") {
            return Ok(FetchItems::All);
        } else if n.eq_ignore_ascii_case(b"FAST") {
            return Ok(FetchItems::Fast);
        } else if n.eq_ignore_ascii_case(b"FULL") {
            return Ok(FetchItems::Full);
        }
    }
    c.set_pos(start);
    fetch_attribute(c).map(FetchItems::Single)
}

/// `notify = "NOTIFY" SP (notify-set / notify-none)` (RFC 5465 §8), after `NOTIFY`. A second
/// selected group is an [`ParseErrorKind::Invalid`] with
/// [`NotifyRule::OneSelectedFilter`]'s message (§6.1, §8), at that group; the rules on each
/// group's events are left to the server (see [`parse_command`]).
fn notify<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    c.sp()?;
    if c.keyword_token(b"NONE")? {
        return Ok(CommandBody::Notify { set: None });
    }
    if !c.keyword_token(b"SET")? {
        return Err(c.expected("SET or NONE"));
    }
    c.sp()?;
    let status = c.keyword_token(b"STATUS")?;
    if status {
        c.sp()?;
    }
    let mut selected = false;
    let groups = spaced(c, "event groups", |c| {
        let start = c.pos();
        let group = event_group(c)?;
        if group.filter().is_selected() {
            if selected {
                return Err(c.error_at(
                    start,
                    ParseErrorKind::Invalid(NotifyRule::OneSelectedFilter.message()),
                ));
            }
            selected = true;
        }
        Ok(group)
    })?;
    Ok(CommandBody::Notify {
        set: Some(NotifySet::unchecked(status, groups)),
    })
}

/// `event-group = "(" filter-mailboxes SP events ")"`, `events = ( "(" event *(SP event) ")" )
/// / "NONE"` (RFC 5465 §8).
fn event_group<'a>(c: &mut Cursor<'a>) -> PResult<EventGroup<'a>> {
    c.byte(b'(', "'(' of an event group")?;
    c.enter()?;
    c.skip_extra_spaces();
    let filter = mailbox_filter(c)?;
    c.sp()?;
    let events = if c.keyword_token(b"NONE")? {
        None
    } else {
        let v = c.list_nonempty("events", notify_event)?;
        Some(vec1(c, v)?)
    };
    c.skip_extra_spaces();
    c.byte(b')', "')' of an event group")?;
    c.leave();
    Ok(EventGroup::unchecked(filter, events))
}

/// `filter-mailboxes` (RFC 5465 §8; `subtree-one` of RFC 7377 §2), any case.
fn mailbox_filter<'a>(c: &mut Cursor<'a>) -> PResult<MailboxFilter<'a>> {
    let start = c.pos();
    let n = c.take_token(|b| b.is_ascii_alphabetic() || b == b'-', "mailbox filter")?;
    let is = |k: &[u8]| n.eq_ignore_ascii_case(k);
    Ok(if is(b"selected") {
        MailboxFilter::Selected
    } else if is(b"selected-delayed") {
        MailboxFilter::SelectedDelayed
    } else if is(b"inboxes") {
        MailboxFilter::Inboxes
    } else if is(b"personal") {
        MailboxFilter::Personal
    } else if is(b"subscribed") {
        MailboxFilter::Subscribed
    } else if is(b"subtree") {
        c.sp()?;
        MailboxFilter::Subtree(one_or_more_mailbox(c)?)
    } else if is(b"subtree-one") {
        c.sp()?;
        MailboxFilter::SubtreeOne(one_or_more_mailbox(c)?)
    } else if is(b"mailboxes") {
        c.sp()?;
        MailboxFilter::Mailboxes(one_or_more_mailbox(c)?)
    } else {
        return Err(c.error_at(start, ParseErrorKind::Expected("mailbox filter")));
    })
}

/// `one-or-more-mailbox = mailbox / many-mailboxes`, `many-mailboxes = "(" mailbox *(SP
/// mailbox) ")"` (RFC 5465 §8).
fn one_or_more_mailbox<'a>(c: &mut Cursor<'a>) -> PResult<Vec1<Mailbox<'a>>> {
    if c.peek() == Some(b'(') {
        let v = c.list_nonempty("mailboxes", Cursor::mailbox)?;
        vec1(c, v)
    } else {
        c.mailbox().map(Vec1::one)
    }
}

/// A NOTIFY `event` (RFC 5465 §8): a known event name (any case), `MessageNew` with its
/// optional `(fetch-att ...)` list, or another atom (`event-ext`).
pub fn notify_event<'a>(c: &mut Cursor<'a>) -> PResult<NotifyEvent<'a>> {
    let event = NotifyEvent::from_atom(c.atom()?);
    if matches!(event, NotifyEvent::MessageNew(_)) && c.peek() == Some(b' ') {
        match c.peek_at(1) {
            Some(b'(') => {
                c.advance(1);
                let v = c.list_nonempty("fetch attributes", fetch_attribute)?;
                return Ok(NotifyEvent::MessageNew(Some(vec1(c, v)?)));
            }
            None if !c.is_complete() => return Err(Fail::Incomplete(Needed::Unknown)),
            _ => {}
        }
    }
    Ok(event)
}

/// A `fetch-att` (RFC 9051 §9; see [`FetchAttribute`] for the extensions).
pub fn fetch_attribute<'a>(c: &mut Cursor<'a>) -> PResult<FetchAttribute<'a>> {
    use FetchAttribute as A;
    let start = c.pos();
    let n = name(c, "fetch attribute")?;
    let is = |k: &[u8]| n.eq_ignore_ascii_case(k);
    let partial = |c: &mut Cursor<'a>| -> PResult<_> {
        if c.peek() == Some(b'<') {
            c.partial().map(Some)
        } else {
            Ok(None)
        }
    };
    Ok(if is(b"BODY") || is(b"BODY.PEEK") {
        let peek = n.len() > 4;
        if c.peek() == Some(b'[') {
            let section = c.section()?;
            A::BodySection {
                peek,
                section,
                partial: partial(c)?,
            }
        } else if peek {
            return Err(c.expected("'['"));
        } else {
            A::Body
        }
    } else if is(b"BINARY") || is(b"BINARY.PEEK") {
        let part = c.section_binary()?;
        A::Binary {
            peek: n.len() > 6,
            part,
            partial: partial(c)?,
        }
    } else if is(b"BINARY.SIZE") {
        A::BinarySize {
            part: c.section_binary()?,
        }
    } else if is(b"ENVELOPE") {
        A::Envelope
    } else if is(b"FLAGS") {
        A::Flags
    } else if is(b"INTERNALDATE") {
        A::InternalDate
    } else if is(b"RFC822") {
        A::Rfc822
    } else if is(b"RFC822.HEADER") {
        A::Rfc822Header
    } else if is(b"RFC822.SIZE") {
        A::Rfc822Size
    } else if is(b"RFC822.TEXT") {
        A::Rfc822Text
    } else if is(b"BODYSTRUCTURE") {
        A::BodyStructure
    } else if is(b"UID") {
        A::Uid
    } else if is(b"MODSEQ") {
        A::ModSeq
    } else if is(b"EMAILID") {
        A::EmailId
    } else if is(b"THREADID") {
        A::ThreadId
    } else if is(b"SAVEDATE") {
        A::SaveDate
    } else if is(b"PREVIEW") {
        // RFC 8970 §3.1: `"PREVIEW" [SP "(" preview-mod *(SP preview-mod) ")"]`, and LAZY is
        // the one modifier defined.
        // A single attribute may be followed by the command's modifier list
        // (`PREVIEW (CHANGEDSINCE 5)`, `PREVIEW (LAZY-X)`), so only ` (LAZY)` is the preview
        // modifiers (a fetch modifier named LAZY is refused, see `fetch_modifier`).
        const PROBE: &[u8] = b" (LAZY)";
        let rest = c.rest();
        if rest.len() < PROBE.len()
            && !c.is_complete()
            && rest.eq_ignore_ascii_case(&PROBE[..rest.len()])
        {
            // The input stops inside what may be ` (LAZY)`: wait for more rather than decide.
            return Err(Fail::Incomplete(Needed::Unknown));
        }
        let lazy = rest
            .get(..PROBE.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(PROBE));
        if lazy {
            c.sp()?;
            c.byte(b'(', "'('")?;
            c.expect_keyword(b"LAZY", "LAZY")?;
            c.byte(b')', "')'")?;
        }
        A::Preview { lazy }
    } else if is(b"X-GM-MSGID") {
        A::GmMsgId
    } else if is(b"X-GM-THRID") {
        A::GmThrId
    } else if is(b"X-GM-LABELS") {
        A::GmLabels
    } else {
        return Err(c.error_at(start, ParseErrorKind::Expected("fetch attribute")));
    })
}

/// `fetch-modifier` (RFC 4466 §2.4): `CHANGEDSINCE` (RFC 7162 §3.1.4.1), `VANISHED` (RFC 7162
/// §3.2.6), `PARTIAL partial-range` (RFC 9394 §4), or any other name with an optional
/// `tagged-ext-val` as [`FetchModifier::Other`].
fn fetch_modifier<'a>(c: &mut Cursor<'a>) -> PResult<FetchModifier<'a>> {
    let start = c.pos();
    let n = label(c, "fetch modifier")?;
    if n.eq_ignore_ascii_case(b"CHANGEDSINCE") {
        c.sp()?;
        Ok(FetchModifier::ChangedSince(c.number64()?))
    } else if n.eq_ignore_ascii_case(b"VANISHED") {
        Ok(FetchModifier::Vanished)
    } else if n.eq_ignore_ascii_case(b"PARTIAL") {
        c.sp()?;
        Ok(FetchModifier::Partial(c.partial_range()?))
    } else if n.eq_ignore_ascii_case(b"LAZY") {
        // RFC 8970's preview modifier: after a lone PREVIEW, `(LAZY)` is read as PREVIEW's, so
        // a fetch modifier of that name would have no spelling of its own.
        Err(c.error_at(start, ParseErrorKind::Expected("fetch modifier")))
    } else {
        let (name, value) = tagged_ext(c, start, n, "fetch modifier")?;
        Ok(FetchModifier::Other { name, value })
    }
}

/// `store-modifier` (RFC 4466 §2.5): `UNCHANGEDSINCE mod-sequence-valzer` (RFC 7162 §3.1.3),
/// or any other name with an optional `tagged-ext-val` as [`StoreModifier::Other`].
fn store_modifier<'a>(c: &mut Cursor<'a>) -> PResult<StoreModifier<'a>> {
    let start = c.pos();
    let n = label(c, "store modifier")?;
    if n.eq_ignore_ascii_case(b"UNCHANGEDSINCE") {
        c.sp()?;
        return Ok(StoreModifier::UnchangedSince(c.number64()?));
    }
    let (name, value) = tagged_ext(c, start, n, "store modifier")?;
    Ok(StoreModifier::Other { name, value })
}

fn store<'a>(c: &mut Cursor<'a>, uid: bool) -> PResult<CommandBody<'a>> {
    c.sp()?;
    let set = c.sequence_set()?;
    c.sp()?;
    let modifiers = if c.peek() == Some(b'(') {
        let start = c.pos();
        let v = c.list_nonempty("store modifiers", store_modifier)?;
        // One UNCHANGEDSINCE: two would be two conditions on one value.
        if v.iter()
            .filter(|m| matches!(m, StoreModifier::UnchangedSince(_)))
            .count()
            > 1
        {
            return Err(c.error_at(start, ParseErrorKind::Invalid("store modifiers")));
        }
        c.sp()?;
        v
    } else {
        Vec::new()
    };
    let action = if c.eat(b'+') {
        StoreAction::Add
    } else if c.eat(b'-') {
        StoreAction::Remove
    } else {
        StoreAction::Replace
    };
    let labels_silent = if c.keyword(b"X-GM-LABELS.SILENT")? {
        Some(true)
    } else if c.keyword(b"X-GM-LABELS")? {
        Some(false)
    } else {
        None
    };
    if let Some(silent) = labels_silent {
        c.sp()?;
        let labels = c.list("labels", gm_label)?;
        return Ok(CommandBody::StoreGmLabels {
            uid,
            set,
            modifiers,
            action,
            silent,
            labels,
        });
    }
    let silent = if c.keyword(b"FLAGS.SILENT")? {
        true
    } else if c.keyword(b"FLAGS")? {
        false
    } else {
        return Err(c.expected("FLAGS"));
    };
    c.sp()?;
    let flags = if c.peek() == Some(b'(') {
        StoreFlags::List(c.flag_list()?)
    } else {
        StoreFlags::Bare(spaced(c, "flags", Cursor::flag)?)
    };
    Ok(CommandBody::Store {
        uid,
        set,
        modifiers,
        action,
        silent,
        flags,
    })
}

/// A Gmail label: `\name` or an astring.
fn gm_label<'a>(c: &mut Cursor<'a>) -> PResult<GmLabel<'a>> {
    if c.eat(b'\\') {
        c.atom().map(GmLabel::System)
    } else {
        c.astring().map(GmLabel::Label)
    }
}

fn get_metadata<'a>(c: &mut Cursor<'a>) -> PResult<CommandBody<'a>> {
    c.sp()?;
    let options = if c.peek() == Some(b'(') {
        let v = c.list_nonempty("metadata options", |c| {
            let start = c.pos();
            let n = name(c, "metadata option")?;
            if n.eq_ignore_ascii_case(b"MAXSIZE") {
                c.sp()?;
                Ok(MetadataOption::MaxSize(c.number()?))
            } else if n.eq_ignore_ascii_case(b"DEPTH") {
                c.sp()?;
                let vstart = c.pos();
                let d = c.take_token(|b| b.is_ascii_alphanumeric(), "depth")?;
                Ok(MetadataOption::Depth(if d == b"0" {
                    MetadataDepth::Zero
                } else if d == b"1" {
                    MetadataDepth::One
                } else if d.eq_ignore_ascii_case(b"infinity") {
                    MetadataDepth::Infinity
                } else {
                    return Err(c.error_at(vstart, ParseErrorKind::Expected("depth")));
                }))
            } else {
                Err(c.error_at(start, ParseErrorKind::Expected("metadata option")))
            }
        })?;
        c.sp()?;
        v
    } else {
        Vec::new()
    };
    let mailbox = c.mailbox()?;
    c.sp()?;
    let entries = if c.peek() == Some(b'(') {
        let v = c.list_nonempty("metadata entries", Cursor::astring)?;
        vec1(c, v)?
    } else {
        Vec1::one(c.astring()?)
    };
    Ok(CommandBody::GetMetadata {
        options,
        mailbox,
        entries,
    })
}

fn sort_criterion(c: &mut Cursor<'_>) -> PResult<SortCriterion> {
    let mut start = c.pos();
    let mut n = name(c, "sort key")?;
    let reverse = n.eq_ignore_ascii_case(b"REVERSE");
    if reverse {
        c.sp()?;
        start = c.pos();
        n = name(c, "sort key")?;
    }
    let key = std::str::from_utf8(n)
        .ok()
        .and_then(SortKey::from_name)
        .ok_or_else(|| c.error_at(start, ParseErrorKind::Expected("sort key")))?;
    Ok(SortCriterion { reverse, key })
}

fn other<'a>(c: &mut Cursor<'a>, name: crate::types::Atom<'a>) -> PResult<CommandBody<'a>> {
    let arguments = if c.peek() == Some(b' ') {
        c.skip_extra_spaces();
        if c.peek() == Some(b' ') {
            c.advance(1);
        }
        let start = c.pos();
        let text = c.text()?;
        let mut end = text.len();
        while end > 0 && text[end - 1] == b' ' {
            end -= 1;
        }
        let text = &text[..end];
        if ends_like_literal(text) {
            return Err(c.error_at(start, ParseErrorKind::Invalid("literal in unknown command")));
        }
        if text.is_empty() {
            None
        } else {
            Some(
                OtherArguments::new(text)
                    .map_err(|_| c.error_at(start, ParseErrorKind::Invalid("arguments")))?,
            )
        }
    } else {
        None
    };
    // The caller checked that the name is not a known one.
    OtherCommand::new(name, arguments)
        .map(CommandBody::Other)
        .map_err(|_| c.error(ParseErrorKind::Expected("command")))
}
