//! The response parser (client side): every server response of RFC 9051 §7 / RFC 3501 §7 and
//! the extensions listed on [`UntaggedResponse`], with the response codes of
//! [`ResponseCode`].
//!
//! Hand it complete messages from the [`Framer`](super::Framer) (`&buf[..frame.len]`); on a
//! partial buffer it returns [`Status::Incomplete`]. Values borrow from the input; only lists
//! allocate (and quoted strings with `\` escapes).
//!
//! Tolerated, beyond the grammar (see the crate docs for the servers): lowercase keywords,
//! `* OK`/`A1 OK` without text, `+` without text, a response code that does not parse (kept
//! as text), a known code with malformed data (kept as [`ResponseCode::Other`]), extra spaces
//! inside lists and before CRLF, `* SEARCH ` with a trailing space, an empty FETCH list,
//! unknown untagged responses ([`UntaggedResponse::Other`], and
//! [`UntaggedResponse::OtherNumeric`] after a number), `\*` in a FLAGS response, `""` as a
//! LIST delimiter (read as `NIL`), and the body structure quirks of
//! [`body`](super::body_structure).

use std::num::NonZeroUsize;

use super::body::{body_structure, envelope};
use super::core::eq_ignore_case;
use super::parse_with;
use super::{Cursor, Fail, Needed, PResult, ParseConfig, ParseError, ParseErrorKind, Status};
use crate::types::{
    AclEntry, Atom, Condition, Delimiter, EsearchData, EsearchResponse, FetchData, GmLabel,
    KNOWN_FETCH_ITEMS, ListExtendedItem, ListResponse, MailboxStatus, MetadataCode, MetadataData,
    NamespaceDescr, NamespaceResponse, ObjectId, OtherCode, QuotaUsage, RespText, Response,
    ResponseCode, State, StatusValue, TaggedExtComp, TaggedExtValue, TaggedResponse, Text,
    ThreadNode, UnknownData, UntaggedResponse, is_atom_char, is_objectid_char,
};
use crate::types::{RelevancyScore, SequenceSet, UrlText, Vec1, is_url_resp_char};

/// Parses one response from the start of `input`: the value and the number of bytes it
/// used, [`Status::Incomplete`], or the error.
///
/// Hand it a complete message from the [`Framer`](super::Framer); nesting (body structures,
/// threads, extension data) is bounded by [`ParseConfig::max_depth`], lists by
/// [`ParseConfig::max_items`].
///
/// # Tolerances
///
/// Strict on output, tolerant on input. Each tolerance below has a test in
/// `tests/response_examples.rs` reproducing the server's behaviour; the ones gated by a
/// [`ParseConfig`] switch are off under [`ParseConfig::strict`].
///
/// | What the server sends | Seen from | Read as | Switch |
/// | --- | --- | --- | --- |
/// | `NIL` where a `string` is required (`("boundary" NIL)`) | Mail.ru (vmime#159, imap-codec#700) | the empty string | [`allow_nil_string`](ParseConfig::allow_nil_string) |
/// | `()` for an empty address list | Mail.ru, Dovecot (swift-nio-imap#821) | no addresses | always |
/// | `NIL` inside an address list | MailKit#991 | skipped | always |
/// | spaces between the addresses of a list | Outlook.com (net-imap#240) | ignored | always |
/// | a body disposition as a bare string (`"inline"`, `"S/MIME Encrypted Message"`) | Exchange (javamail#278, MailKit#919) | a disposition without parameters | always |
/// | a `TEXT` part without its line count | Yandex (MailKit#1861) | 0 lines | always |
/// | `MESSAGE/RFC822` without envelope and body | several | a basic part | always |
/// | `()` for body parameters, languages or extensions | several | `NIL` | always |
/// | a multipart body structure without parts (`("MIXED")`, `("MIXED" ("BOUNDARY" "x") NIL NIL)`) | Gmail (MailKit#371), ruby bug #7153, a delivery report in net-imap's fixtures, go-imap#701 | [`BodyStructure::Multi`](crate::types::BodyStructure::Multi) with no parts | [`allow_empty_multipart`](ParseConfig::allow_empty_multipart) |
/// | a space before `)` (`(UID 19436 )`), several spaces, trailing spaces before CRLF | qq.com (jakartaee/mail-api#209), Exchange (`* SEARCH `) | ignored | [`allow_extra_spaces`](ParseConfig::allow_extra_spaces) |
/// | no space after `)`, `]` or `"` (`[READ-WRITE]Ok`) | several | as if present | [`allow_missing_spaces`](ParseConfig::allow_missing_spaces) |
/// | lowercase keywords (`* ok`, `fetch (uid 4)`) | Courier, proxies | as uppercase (RFC 9051 §9 note 1) | always |
/// | `* OK`, `A1 OK`, `+` without text | Courier, Cyrus, IDLE continuations | empty text | always |
/// | `[` starting text that is not a response code | several | text | always |
/// | a known response code with malformed data (`[UIDNEXT 0]`) | several | [`ResponseCode::Other`] | always |
/// | an unknown untagged response (`* XLIST`) | Gmail (XLIST) | [`UntaggedResponse::Other`] | always |
/// | an unknown untagged response after a number (`* 99 NOOP`, `* 86 NOOP froopy snood`) | ruby/net-imap's fixtures (no server named); future extensions | [`UntaggedResponse::OtherNumeric`] (`EXISTS`, `RECENT`, `EXPUNGE`, `FETCH` and `UIDFETCH` stay strict) | always |
/// | `""` as a LIST delimiter | several | `NIL` | always |
/// | `BODY[TEXT]<0.28>`: the request's partial echoed instead of the origin octet | WildDuck (wildduck#32) | origin 0 | always |
/// | 8-bit non-UTF-8 bytes in quoted strings (Latin-1 subjects) | several | kept as bytes | [`allow_8bit_quoted`](ParseConfig::allow_8bit_quoted) |
/// | `]` inside flag keywords (`foo]bar`) | several | part of the keyword | [`allow_bracket_in_atom`](ParseConfig::allow_bracket_in_atom) |
/// | `\*` in a FLAGS response (`* FLAGS (\Seen \*)`) | GreenMail (greenmail#633, net-imap#228) | dropped (a `flag-perm`, meaningful only in PERMANENTFLAGS) | [`allow_wildcard_in_flags`](ParseConfig::allow_wildcard_in_flags) |
/// | bare LF line ends | misconfigured proxies | CRLF | [`allow_bare_lf`](ParseConfig::allow_bare_lf) (off by default) |
/// | a lone string or atom as an extension value: `Sample "text"` in LIST extended data, `XSTATE open` in STATUS | RFC 9051 §7.3.1's own example | [`TaggedExtValue::AString`](crate::types::TaggedExtValue::AString) | always |
///
/// ```
/// use imap_proto::parse::{parse_response, ParseConfig, Status};
/// use imap_proto::types::{Response, UntaggedResponse};
///
/// let input = b"* 23 EXISTS\r\nA1 OK done\r\n";
/// let Status::Complete((resp, used)) = parse_response(input, &ParseConfig::default())? else {
///     unreachable!()
/// };
/// assert_eq!(resp, Response::Untagged(UntaggedResponse::Exists(23)));
/// assert_eq!(used, 13);
/// # Ok::<(), imap_proto::parse::ParseError>(())
/// ```
pub fn parse_response<'a>(
    input: &'a [u8],
    config: &ParseConfig,
) -> Result<Status<(Response<'a>, usize)>, ParseError> {
    parse_with(input, config, response)
}

/// A `response` (RFC 9051 §9: `continue-req / response-data / response-tagged`, with its
/// CRLF).
pub fn response<'a>(c: &mut Cursor<'a>) -> PResult<Response<'a>> {
    match c.peek() {
        Some(b'+') => {
            c.advance(1);
            let text = if matches!(c.peek(), Some(b'\r' | b'\n')) {
                RespText::default()
            } else {
                c.byte(b' ', "SP")?;
                resp_text(c)?
            };
            c.crlf()?;
            Ok(Response::Continue(text))
        }
        Some(b'*') => {
            c.advance(1);
            c.sp()?;
            let u = untagged(c)?;
            c.crlf()?;
            Ok(Response::Untagged(u))
        }
        Some(_) => {
            let tag = c.tag()?;
            c.sp()?;
            let state = if c.keyword(b"OK")? {
                State::Ok
            } else if c.keyword(b"NO")? {
                State::No
            } else if c.keyword(b"BAD")? {
                State::Bad
            } else {
                return Err(c.expected("OK, NO or BAD"));
            };
            let text = cond_text(c)?;
            c.crlf()?;
            Ok(Response::Tagged(TaggedResponse { tag, state, text }))
        }
        None => Err(Fail::Incomplete(Needed::Unknown)),
    }
}

/// After `OK`/`NO`/`BAD`/`PREAUTH`/`BYE`: `SP resp-text`, or nothing before CRLF.
fn cond_text<'a>(c: &mut Cursor<'a>) -> PResult<RespText<'a>> {
    match c.peek() {
        Some(b'\r' | b'\n') => Ok(RespText::default()),
        Some(b' ') => {
            c.advance(1);
            resp_text(c)
        }
        Some(b'[') if c.config().allow_missing_spaces => resp_text(c),
        _ => Err(c.expected("SP")),
    }
}

/// `resp-text` (RFC 9051 §9): `["[" resp-text-code "]" SP] [text]`, up to (excluding) the
/// line end. A bracket that does not start a valid code is read as text.
pub fn resp_text<'a>(c: &mut Cursor<'a>) -> PResult<RespText<'a>> {
    if c.peek() == Some(b'[') {
        let save = c.pos();
        c.advance(1);
        match response_code(c) {
            Ok(code) if c.peek() == Some(b']') => {
                c.advance(1);
                // RFC 9051 §9: `"[" resp-text-code "]" SP text`; `]text` is a tolerance.
                if !c.eat(b' ')
                    && !matches!(c.peek(), Some(b'\r' | b'\n'))
                    && !c.config().allow_missing_spaces
                {
                    return Err(c.expected("SP after ']'"));
                }
                let text = c.text()?;
                return Ok(RespText::unchecked(Some(code), Text::unchecked(text)));
            }
            Err(Fail::Incomplete(n)) => return Err(Fail::Incomplete(n)),
            Err(Fail::Error(e)) if e.is_limit() => return Err(Fail::Error(e)),
            _ => c.set_pos(save),
        }
    }
    // Text may end like a literal header (`{5}`): the framer knows that status responses and
    // continuation requests carry no literal, so the line ends here for both.
    let text = c.text()?;
    Ok(RespText::unchecked(None, Text::unchecked(text)))
}

fn objectid_paren<'a>(c: &mut Cursor<'a>) -> PResult<ObjectId<'a>> {
    c.byte(b'(', "'(' of an object id")?;
    let start = c.pos();
    let id = c.take_token(is_objectid_char, "object id")?;
    if id.len() > 255 {
        return Err(c.error_at(start, ParseErrorKind::Invalid("object id length")));
    }
    c.byte(b')', "')' of an object id")?;
    // Only ASCII bytes were taken.
    Ok(ObjectId::unchecked(
        std::str::from_utf8(id).unwrap_or_default(),
    ))
}

fn known_code<'a>(c: &mut Cursor<'a>, name: &str) -> PResult<Option<ResponseCode<'a>>> {
    if let Some(code) = ResponseCode::from_simple_name(name) {
        return Ok(Some(code));
    }
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    let code = if is("BADCHARSET") {
        if c.peek() == Some(b' ') {
            c.sp()?;
            ResponseCode::BadCharset(c.list_nonempty("charsets", Cursor::charset)?)
        } else {
            ResponseCode::BadCharset(Vec::new())
        }
    } else if is("CAPABILITY") {
        let mut caps = Vec::new();
        while c.peek() == Some(b' ') {
            c.sp()?;
            c.check_items(caps.len(), "capabilities")?;
            caps.push(c.capability()?);
        }
        // `capability-data` has at least one capability (RFC 9051 §9): an empty list is a
        // known code with malformed data, kept as `Other` like the rest.
        if caps.is_empty() {
            return Ok(None);
        }
        ResponseCode::Capability(caps)
    } else if is("PERMANENTFLAGS") {
        c.sp()?;
        ResponseCode::PermanentFlags(c.list("flags", Cursor::flag_perm)?)
    } else if is("UIDNEXT") {
        c.sp()?;
        ResponseCode::UidNext(c.nz_number()?)
    } else if is("UIDVALIDITY") {
        c.sp()?;
        ResponseCode::UidValidity(c.nz_number()?)
    } else if is("UNSEEN") {
        c.sp()?;
        ResponseCode::Unseen(c.nz_number()?)
    } else if is("APPENDUID") {
        c.sp()?;
        let uid_validity = c.nz_number()?;
        c.sp()?;
        let uids = c.sequence_set()?;
        ResponseCode::AppendUid { uid_validity, uids }
    } else if is("COPYUID") {
        c.sp()?;
        let uid_validity = c.nz_number()?;
        c.sp()?;
        let source = c.sequence_set()?;
        c.sp()?;
        let dest = c.sequence_set()?;
        ResponseCode::CopyUid {
            uid_validity,
            source,
            dest,
        }
    } else if is("HIGHESTMODSEQ") {
        c.sp()?;
        ResponseCode::HighestModSeq(c.nz_number64()?)
    } else if is("MODIFIED") {
        c.sp()?;
        ResponseCode::Modified(c.sequence_set()?)
    } else if is("MAILBOXID") {
        c.sp()?;
        ResponseCode::MailboxId(objectid_paren(c)?)
    } else if is("BADURL") {
        c.sp()?;
        let url = c.take_while(is_url_resp_char);
        let url = std::str::from_utf8(url)
            .ok()
            .and_then(|u| UrlText::new(u).ok())
            .ok_or_else(|| c.error(ParseErrorKind::Expected("url")))?;
        ResponseCode::BadUrl(url)
    } else if is("NOUPDATE") {
        c.sp()?;
        ResponseCode::NoUpdate(c.quoted_tag()?)
    } else if is("BADEVENT") {
        // `unsupported-events-code = "BADEVENT" SP "(" event *(SP event) ")"` (RFC 5465 §8).
        c.sp()?;
        let v = c.list_nonempty("events", super::notify_event)?;
        ResponseCode::BadEvent(
            Vec1::new(v).map_err(|_| c.error(ParseErrorKind::Expected("event")))?,
        )
    } else if is("METADATA") {
        c.sp()?;
        let m = if c.keyword_token(b"LONGENTRIES")? {
            c.sp()?;
            MetadataCode::LongEntries(c.number()?)
        } else if c.keyword_token(b"MAXSIZE")? {
            c.sp()?;
            MetadataCode::MaxSize(c.number()?)
        } else if c.keyword_token(b"TOOMANY")? {
            MetadataCode::TooMany
        } else if c.keyword_token(b"NOPRIVATE")? {
            MetadataCode::NoPrivate
        } else {
            return Err(c.expected("METADATA code"));
        };
        ResponseCode::Metadata(m)
    } else {
        return Ok(None);
    };
    Ok(Some(code))
}

/// A `resp-text-code` (RFC 9051 §9), without the brackets. A known code whose data does not
/// parse is kept as [`ResponseCode::Other`].
pub fn response_code<'a>(c: &mut Cursor<'a>) -> PResult<ResponseCode<'a>> {
    let name = c.atom()?;
    let after = c.pos();
    match known_code(c, name.as_str()) {
        Ok(Some(code)) if c.peek() == Some(b']') => return Ok(code),
        // The typed code is complete but its `]` has not arrived: wait for it rather than
        // re-read the code as unknown data, whose `]` might lie inside a quoted string of it
        // (found by fuzzing).
        Ok(Some(_)) if c.at_end() && !c.is_complete() => {
            return Err(Fail::Incomplete(Needed::Unknown));
        }
        Err(Fail::Incomplete(n)) => return Err(Fail::Incomplete(n)),
        // A limit is an error, never a reason to keep the code as unknown data: under higher
        // limits the same bytes would parse as the typed code (found by fuzzing).
        Err(Fail::Error(e)) if e.is_limit() => return Err(Fail::Error(e)),
        _ => c.set_pos(after),
    }
    // Kept even when empty (`[XFOO ]`), so that re-encoding reproduces the space.
    let data = if c.eat(b' ') {
        Some(c.take_while(|b| b != b']' && b != b'\r' && b != b'\n'))
    } else {
        None
    };
    if c.peek() != Some(b']') {
        return Err(c.expected("']'"));
    }
    Ok(ResponseCode::Other(OtherCode::unchecked(name, data)))
}

#[inline]
fn is_name_char(b: u8) -> bool {
    NAME_CHARS[b as usize] & 1 != 0
}

/// A FETCH item name: the known ones, and RFC 4466 `tagged-ext-label` characters for the
/// rest (`_` and `:` too; a leading digit is tolerated).
#[inline]
fn is_fetch_name_char(b: u8) -> bool {
    NAME_CHARS[b as usize] & 2 != 0
}

/// Whether the FETCH item name `name` (of [`is_fetch_name_char`] bytes) is `known` ignoring
/// ASCII case, without branches per byte.
///
/// Exact on those bytes: setting bit 5 lowercases a letter, leaves digits, `-`, `.` and `:`
/// as they are and moves `_` to 0x7F, so no two of them become the same byte unless they are
/// the same letter.
#[inline(always)]
fn eq_fetch_name(name: &[u8], known: &[u8]) -> bool {
    name.len() == known.len()
        && name
            .iter()
            .zip(known)
            .fold(0u8, |acc, (&x, &y)| acc | ((x | 0x20) ^ (y | 0x20)))
            == 0
}

/// Bit 1: [`is_name_char`] (letters, digits, `-`, `.`); bit 2: [`is_fetch_name_char`]
/// (those, `_` and `:`).
const NAME_CHARS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            t[i] = 3;
        } else if b == b'_' || b == b':' {
            t[i] = 2;
        }
        i += 1;
    }
    t
};

/// The untagged response after `* `.
fn untagged<'a>(c: &mut Cursor<'a>) -> PResult<UntaggedResponse<'a>> {
    if c.peek().is_some_and(|b| b.is_ascii_digit()) {
        let start = c.pos();
        let n = c.number()?;
        c.sp()?;
        let name_start = c.pos();
        let name = c.take_token(is_name_char, "response name")?;
        let nz = |c: &Cursor<'a>| {
            std::num::NonZeroU32::new(n)
                .ok_or_else(|| c.error_at(start, ParseErrorKind::Invalid("nz-number")))
        };
        return if eq_ignore_case(name, b"FETCH") {
            let seq = nz(c)?;
            c.sp()?;
            // Room for a header sync's usual items (UID FLAGS INTERNALDATE RFC822.SIZE
            // ENVELOPE BODYSTRUCTURE, often MODSEQ) without growing the Vec.
            let items = c.list_with_capacity("fetch data items", 8, fetch_data)?;
            Ok(UntaggedResponse::Fetch { seq, items })
        } else if eq_ignore_case(name, b"UIDFETCH") {
            // RFC 9586 §3.3: `uniqueid SP "UIDFETCH" SP msg-att`, the items of FETCH.
            let uid = nz(c)?;
            c.sp()?;
            let items = c.list_with_capacity("fetch data items", 8, fetch_data)?;
            Ok(UntaggedResponse::UidFetch { uid, items })
        } else if eq_ignore_case(name, b"EXISTS") {
            Ok(UntaggedResponse::Exists(n))
        } else if name.eq_ignore_ascii_case(b"EXPUNGE") {
            Ok(UntaggedResponse::Expunge(nz(c)?))
        } else if name.eq_ignore_ascii_case(b"RECENT") {
            Ok(UntaggedResponse::Recent(n))
        } else {
            // Unknown (`* 99 NOOP`, a future extension's): the name and the raw rest, kept as
            // for `Other`. Only names outside the ones above get here, so a known response
            // with bad syntax stays an error.
            c.set_pos(name_start);
            let name = c.atom()?;
            let rest = if c.eat(b' ') {
                raw_rest(c)?
            } else {
                &c.input()[c.pos()..c.pos()]
            };
            Ok(UntaggedResponse::OtherNumeric {
                number: n,
                name,
                rest: UnknownData::unchecked(rest),
            })
        };
    }
    let start = c.pos();
    let name = c.take_token(is_name_char, "untagged response")?;
    let is = |n: &[u8]| eq_ignore_case(name, n);
    let status = |c: &mut Cursor<'a>, condition| {
        Ok(UntaggedResponse::Status {
            condition,
            text: cond_text(c)?,
        })
    };
    if is(b"OK") {
        return status(c, Condition::Ok);
    }
    if is(b"NO") {
        return status(c, Condition::No);
    }
    if is(b"BAD") {
        return status(c, Condition::Bad);
    }
    if is(b"PREAUTH") {
        return status(c, Condition::PreAuth);
    }
    if is(b"BYE") {
        return status(c, Condition::Bye);
    }
    if is(b"CAPABILITY") || is(b"ENABLED") {
        let mut caps = Vec::new();
        while c.opt_sp()? {
            c.check_items(caps.len(), "capabilities")?;
            caps.push(c.capability()?);
        }
        // `capability-data` needs at least one (`ENABLED` may be empty, RFC 5161 §4).
        if caps.is_empty() && is(b"CAPABILITY") {
            return Err(c.expected("capability"));
        }
        return Ok(if is(b"ENABLED") {
            UntaggedResponse::Enabled(caps)
        } else {
            UntaggedResponse::Capability(caps)
        });
    }
    if is(b"LIST") {
        return list_response(c).map(UntaggedResponse::List);
    }
    if is(b"LSUB") {
        return list_response(c).map(UntaggedResponse::Lsub);
    }
    if is(b"FLAGS") {
        c.sp()?;
        if !c.config().allow_wildcard_in_flags {
            return c
                .list("flags", Cursor::flag_fetch)
                .map(UntaggedResponse::Flags);
        }
        // `\*` (GreenMail) is read and dropped: it names no flag.
        let flags = c.list("flags", Cursor::flag_fetch_or_wildcard)?;
        return Ok(UntaggedResponse::Flags(
            flags.into_iter().flatten().collect(),
        ));
    }
    if is(b"SEARCH") || is(b"SORT") {
        let (ids, modseq) = id_list(c)?;
        return Ok(if is(b"SORT") {
            UntaggedResponse::Sort { ids, modseq }
        } else {
            UntaggedResponse::Search { ids, modseq }
        });
    }
    if is(b"ESEARCH") {
        return esearch(c).map(UntaggedResponse::Esearch);
    }
    if is(b"STATUS") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let items = c.list("status items", status_value)?;
        return Ok(UntaggedResponse::MailboxStatus(MailboxStatus {
            mailbox,
            items,
        }));
    }
    if is(b"NAMESPACE") {
        c.sp()?;
        let personal = namespace(c)?;
        c.sp()?;
        let other_users = namespace(c)?;
        c.sp()?;
        let shared = namespace(c)?;
        return Ok(UntaggedResponse::Namespace(NamespaceResponse {
            personal,
            other_users,
            shared,
        }));
    }
    if is(b"VANISHED") {
        c.sp()?;
        let earlier = if c.peek() == Some(b'(') {
            c.advance(1);
            c.expect_keyword(b"EARLIER", "EARLIER")?;
            c.byte(b')', "')'")?;
            c.sp()?;
            true
        } else {
            false
        };
        let uids = c.sequence_set()?;
        return Ok(UntaggedResponse::Vanished { earlier, uids });
    }
    if is(b"ID") {
        c.sp()?;
        if c.nil()? {
            return Ok(UntaggedResponse::Id(None));
        }
        let fields = c.list("id fields", |c| {
            let k = c.string()?;
            c.sp()?;
            let v = c.nstring()?;
            Ok((k, v))
        })?;
        return Ok(UntaggedResponse::Id(Some(fields)));
    }
    if is(b"QUOTA") {
        c.sp()?;
        let root = c.astring()?;
        c.sp()?;
        let resources = c.list("quota resources", |c| {
            let resource = c.quota_resource()?;
            c.sp()?;
            let usage = c.number64()?;
            c.sp()?;
            let limit = c.number64()?;
            Ok(QuotaUsage {
                resource,
                usage,
                limit,
            })
        })?;
        return Ok(UntaggedResponse::Quota { root, resources });
    }
    if is(b"QUOTAROOT") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        let mut roots = Vec::new();
        while c.opt_sp()? {
            c.check_items(roots.len(), "quota roots")?;
            roots.push(c.astring()?);
        }
        return Ok(UntaggedResponse::QuotaRoot { mailbox, roots });
    }
    if is(b"METADATA") {
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let data = if c.peek() == Some(b'(') {
            MetadataData::Values(c.list_nonempty("metadata entries", |c| {
                let entry = c.astring()?;
                c.sp()?;
                let value = c.nstring_or_literal8()?;
                Ok((entry, value))
            })?)
        } else {
            let mut entries = vec![c.astring()?];
            while c.opt_sp()? {
                c.check_items(entries.len(), "metadata entries")?;
                entries.push(c.astring()?);
            }
            MetadataData::Entries(entries)
        };
        return Ok(UntaggedResponse::Metadata { mailbox, data });
    }
    if is(b"ACL") {
        // RFC 4314 §7: `"ACL" SP mailbox *(SP identifier SP rights)`.
        c.sp()?;
        let mailbox = c.mailbox()?;
        let mut entries = Vec::new();
        while c.opt_sp()? {
            c.check_items(entries.len(), "acl entries")?;
            let identifier = c.astring()?;
            c.sp()?;
            let rights = c.astring()?;
            entries.push(AclEntry { identifier, rights });
        }
        return Ok(UntaggedResponse::Acl { mailbox, entries });
    }
    if is(b"LISTRIGHTS") {
        // RFC 4314 §7: `"LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)`.
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let identifier = c.astring()?;
        c.sp()?;
        let required = c.astring()?;
        let mut optional = Vec::new();
        while c.opt_sp()? {
            c.check_items(optional.len(), "rights")?;
            optional.push(c.astring()?);
        }
        return Ok(UntaggedResponse::ListRights {
            mailbox,
            identifier,
            required,
            optional,
        });
    }
    if is(b"MYRIGHTS") {
        // RFC 4314 §7: `"MYRIGHTS" SP mailbox SP rights`.
        c.sp()?;
        let mailbox = c.mailbox()?;
        c.sp()?;
        let rights = c.astring()?;
        return Ok(UntaggedResponse::MyRights { mailbox, rights });
    }
    if is(b"THREAD") {
        // `thread-data = "THREAD" [SP 1*thread-list]` (RFC 5256 §4): after the SP at least
        // one thread. `opt_sp` leaves trailing spaces unread under `allow_extra_spaces`, and
        // takes one under strict, where the missing thread is then an error (as for SEARCH
        // and ESEARCH).
        let mut threads = Vec::new();
        if c.opt_sp()? {
            loop {
                c.check_items(threads.len(), "threads")?;
                threads.push(thread_list(c)?);
                let save = c.pos();
                c.skip_extra_spaces();
                if c.peek() != Some(b'(') {
                    c.set_pos(save);
                    break;
                }
            }
        }
        return Ok(UntaggedResponse::Thread(threads));
    }
    // Unknown: keep the name (an atom) and the raw rest of the message.
    c.set_pos(start);
    let name = c.atom()?;
    let rest = if c.eat(b' ') {
        raw_rest(c)?
    } else {
        &c.input()[c.pos()..c.pos()]
    };
    Ok(UntaggedResponse::Other {
        name,
        rest: UnknownData::unchecked(rest),
    })
}

/// The rest of a message up to its final line end, skipping over literals.
fn raw_rest<'a>(c: &mut Cursor<'a>) -> PResult<&'a [u8]> {
    let input = c.input();
    let start = c.pos();
    loop {
        let line_start = c.pos();
        c.text().or_else(|e| match e {
            // NUL is not text but may be in an unknown response; keep scanning.
            Fail::Error(_) => {
                let rest = c.rest();
                match memchr::memchr2(b'\r', b'\n', rest) {
                    Some(i) => {
                        c.advance(i);
                        Ok(&input[..0])
                    }
                    None => Err(Fail::Incomplete(Needed::Unknown)),
                }
            }
            other => Err(other),
        })?;
        let end = c.pos();
        let line = &input[line_start..end];
        if !crate::types::ends_like_literal(line) {
            return Ok(&input[start..end]);
        }
        // `{n}` or `{n+}` (or `~{n}`): skip the line end and n octets.
        let open = line.iter().rposition(|&b| b == b'{').unwrap_or(0);
        let size: u64 = line[open + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .fold(0u64, |a, &b| {
                a.saturating_mul(10).saturating_add(u64::from(b - b'0'))
            });
        if size > c.config().max_literal_size {
            return Err(c.error_at(
                line_start + open,
                ParseErrorKind::LiteralTooLarge {
                    size,
                    limit: c.config().max_literal_size,
                    non_sync: line.ends_with(b"+}"),
                },
            ));
        }
        match (c.peek(), c.peek_at(1)) {
            (Some(b'\r'), Some(b'\n')) => c.advance(2),
            (Some(b'\n'), _) if c.config().allow_bare_lf => c.advance(1),
            (None, _) | (Some(b'\r'), None) => return Err(Fail::Incomplete(Needed::Unknown)),
            _ => return Err(c.expected("CRLF")),
        }
        let Ok(size) = usize::try_from(size) else {
            return Err(c.error_at(
                line_start + open,
                ParseErrorKind::LiteralTooLarge {
                    size,
                    limit: usize::MAX as u64,
                    non_sync: line.ends_with(b"+}"),
                },
            ));
        };
        let avail = input.len() - c.pos();
        if avail < size {
            let missing = NonZeroUsize::new(size - avail).unwrap_or(NonZeroUsize::MIN);
            return Err(Fail::Incomplete(Needed::AtLeast(missing)));
        }
        c.advance(size);
    }
}

fn id_list<'a>(
    c: &mut Cursor<'a>,
) -> PResult<(Vec<std::num::NonZeroU32>, Option<std::num::NonZeroU64>)> {
    let mut ids = Vec::new();
    let mut modseq = None;
    while c.opt_sp()? {
        if c.peek() == Some(b'(') {
            c.advance(1);
            c.expect_keyword(b"MODSEQ", "MODSEQ")?;
            c.sp()?;
            modseq = Some(c.nz_number64()?);
            c.byte(b')', "')'")?;
            break;
        }
        c.check_items(ids.len(), "numbers")?;
        ids.push(c.nz_number()?);
    }
    Ok((ids, modseq))
}

fn delimiter(c: &mut Cursor<'_>) -> PResult<Option<Delimiter>> {
    if c.nil()? {
        return Ok(None);
    }
    let start = c.pos();
    let q = c.quoted()?;
    match q.as_bytes() {
        [] => Ok(None),
        [b] => Delimiter::new(*b)
            .map(Some)
            .map_err(|_| c.error_at(start, ParseErrorKind::Invalid("delimiter"))),
        _ => Err(c.error_at(start, ParseErrorKind::Invalid("delimiter"))),
    }
}

/// `mailbox-list` (RFC 9051 §9, RFC 5258 §3.4), after `LIST`/`LSUB`.
fn list_response<'a>(c: &mut Cursor<'a>) -> PResult<ListResponse<'a>> {
    c.sp()?;
    let attributes = c.list("mailbox attributes", Cursor::mailbox_attribute)?;
    c.sp()?;
    let delimiter = delimiter(c)?;
    c.sp()?;
    let mailbox = c.mailbox()?;
    let extended = if c.opt_sp()? {
        c.list("list extended items", |c| {
            let tag = c.astring()?;
            c.sp()?;
            if tag.as_bytes().eq_ignore_ascii_case(b"CHILDINFO") {
                Ok(ListExtendedItem::ChildInfo(
                    c.list_nonempty("child info", Cursor::astring)?,
                ))
            } else if tag.as_bytes().eq_ignore_ascii_case(b"OLDNAME") {
                c.byte(b'(', "'('")?;
                let m = c.mailbox()?;
                c.byte(b')', "')'")?;
                Ok(ListExtendedItem::OldName(m))
            } else {
                Ok(ListExtendedItem::Other {
                    tag,
                    value: tagged_ext_value(c)?,
                })
            }
        })?
    } else {
        Vec::new()
    };
    Ok(ListResponse {
        attributes,
        delimiter,
        mailbox,
        extended,
    })
}

/// `tagged-ext-val` (RFC 4466 §2.1).
pub(crate) fn tagged_ext_value<'a>(c: &mut Cursor<'a>) -> PResult<TaggedExtValue<'a>> {
    if c.peek() == Some(b'(') {
        return c
            .list("extension values", tagged_ext_comp)
            .map(TaggedExtValue::Comp);
    }
    if !c
        .peek()
        .is_some_and(|b| b.is_ascii_digit() || b == b'*' || b == b'$')
    {
        return c.astring().map(TaggedExtValue::AString);
    }
    let start = c.pos();
    let digits = c.rest().iter().take_while(|b| b.is_ascii_digit()).count();
    let next = c.peek_at(digits);
    if digits > 0 && !next.is_some_and(|b| b == b':' || b == b',' || b == b'*') {
        if let Ok(n) = c.number64() {
            return Ok(TaggedExtValue::Number(n));
        }
        c.set_pos(start);
    }
    c.sequence_set().map(TaggedExtValue::SequenceSet)
}

fn tagged_ext_comp<'a>(c: &mut Cursor<'a>) -> PResult<TaggedExtComp<'a>> {
    if c.peek() == Some(b'(') {
        return c
            .list("extension values", tagged_ext_comp)
            .map(TaggedExtComp::List);
    }
    c.astring().map(TaggedExtComp::AString)
}

/// `namespace` (RFC 2342 §5, RFC 9051 §9): `nil / "(" 1*namespace-descr ")"`.
fn namespace<'a>(c: &mut Cursor<'a>) -> PResult<Vec<NamespaceDescr<'a>>> {
    if c.nil()? {
        return Ok(Vec::new());
    }
    c.byte(b'(', "namespace")?;
    c.enter()?;
    let mut out = Vec::new();
    loop {
        c.skip_extra_spaces();
        if c.eat(b')') {
            break;
        }
        c.check_items(out.len(), "namespaces")?;
        c.byte(b'(', "'(' of a namespace")?;
        c.enter()?;
        let prefix = c.string()?;
        c.sp()?;
        let delimiter = delimiter(c)?;
        let mut extensions = Vec::new();
        while c.opt_sp()? {
            c.check_items(extensions.len(), "namespace extensions")?;
            let name = c.string()?;
            c.sp()?;
            let values = c.list_nonempty("namespace extension values", Cursor::string)?;
            extensions.push((name, values));
        }
        c.skip_extra_spaces();
        c.byte(b')', "')' of a namespace")?;
        c.leave();
        out.push(NamespaceDescr {
            prefix,
            delimiter,
            extensions,
        });
    }
    c.leave();
    Ok(out)
}

/// `status-att-val` (RFC 9051 §9 and the extensions); an unknown attribute's value is a
/// `tagged-ext-val` (RFC 4466 §2.1, §6).
fn status_value<'a>(c: &mut Cursor<'a>) -> PResult<StatusValue<'a>> {
    let name = c.atom()?;
    c.sp()?;
    let n = name.as_str();
    let is = |k: &str| n.eq_ignore_ascii_case(k);
    Ok(if is("MESSAGES") {
        StatusValue::Messages(c.number()?)
    } else if is("UIDNEXT") {
        StatusValue::UidNext(c.nz_number()?)
    } else if is("UIDVALIDITY") {
        StatusValue::UidValidity(c.nz_number()?)
    } else if is("UNSEEN") {
        StatusValue::Unseen(c.number()?)
    } else if is("DELETED") {
        StatusValue::Deleted(c.number()?)
    } else if is("SIZE") {
        StatusValue::Size(c.number64()?)
    } else if is("RECENT") {
        StatusValue::Recent(c.number()?)
    } else if is("HIGHESTMODSEQ") {
        StatusValue::HighestModSeq(c.number64()?)
    } else if is("APPENDLIMIT") {
        if c.nil()? {
            StatusValue::AppendLimit(None)
        } else {
            StatusValue::AppendLimit(Some(c.number64()?))
        }
    } else if is("MAILBOXID") {
        StatusValue::MailboxId(objectid_paren(c)?)
    } else if is("DELETED-STORAGE") {
        StatusValue::DeletedStorage(c.number64()?)
    } else {
        // RFC 4466 §6 / RFC 9051 §9: an extension's value is a `tagged-ext-val`.
        StatusValue::Other(name, tagged_ext_value(c)?)
    })
}

/// `esearch-response` (RFC 4731 §3.1, RFC 9051 §9), after `ESEARCH`.
fn esearch<'a>(c: &mut Cursor<'a>) -> PResult<EsearchResponse<'a>> {
    let mut r = EsearchResponse::default();
    let mut first = true;
    while c.opt_sp()? {
        if first && c.peek() == Some(b'(') {
            c.advance(1);
            c.expect_keyword(b"TAG", "TAG")?;
            c.sp()?;
            r.tag = Some(c.string()?);
            c.byte(b')', "')'")?;
            first = false;
            continue;
        }
        first = false;
        if !r.uid && r.data.is_empty() && c.keyword_token(b"UID")? {
            r.uid = true;
            continue;
        }
        c.check_items(r.data.len(), "search return data")?;
        let name = c.atom()?;
        c.sp()?;
        let n = name.as_str();
        let is = |k: &str| n.eq_ignore_ascii_case(k);
        r.data.push(if is("MIN") {
            EsearchData::Min(c.nz_number()?)
        } else if is("MAX") {
            EsearchData::Max(c.nz_number()?)
        } else if is("ALL") {
            EsearchData::All(c.sequence_set()?)
        } else if is("COUNT") {
            EsearchData::Count(c.number()?)
        } else if is("MODSEQ") {
            EsearchData::ModSeq(c.nz_number64()?)
        } else if is("ADDTO") {
            EsearchData::AddTo(context_updates(c)?)
        } else if is("REMOVEFROM") {
            EsearchData::RemoveFrom(context_updates(c)?)
        } else if is("PARTIAL") {
            partial_data(c)?
        } else if is("RELEVANCY") {
            EsearchData::Relevancy(c.list("relevancy scores", |c| {
                let start = c.pos();
                let n = c.number()?;
                RelevancyScore::new(n)
                    .map_err(|_| c.error_at(start, ParseErrorKind::Invalid("relevancy score")))
            })?)
        } else {
            EsearchData::Other {
                name,
                value: tagged_ext_value(c)?,
            }
        });
    }
    Ok(r)
}

/// The rest of `ret-data-partial = "PARTIAL" SP "(" partial-range SP partial-results ")"`,
/// `partial-results = sequence-set / "NIL"` (RFC 9394 §5), after `PARTIAL SP`.
fn partial_data<'a>(c: &mut Cursor<'a>) -> PResult<EsearchData<'a>> {
    c.byte(b'(', "'(' of PARTIAL")?;
    c.skip_extra_spaces();
    let range = c.partial_range()?;
    c.sp()?;
    let results = if c.nil()? {
        None
    } else {
        Some(c.sequence_set()?)
    };
    c.skip_extra_spaces();
    c.byte(b')', "')' of PARTIAL")?;
    Ok(EsearchData::Partial { range, results })
}

/// `"(" context-position SP sequence-set *(SP context-position SP sequence-set) ")"` of
/// `ret-data-addto` / `ret-data-removefrom` (RFC 5267 §5).
fn context_updates<'a>(c: &mut Cursor<'a>) -> PResult<Vec1<(u32, SequenceSet<'a>)>> {
    let v = c.list_nonempty("context updates", |c| {
        let p = c.number()?;
        c.sp()?;
        Ok((p, c.sequence_set()?))
    })?;
    Vec1::new(v).map_err(|_| c.error(ParseErrorKind::Expected("context update")))
}

/// `thread-list` (RFC 5256 §4), nesting bounded by [`ParseConfig::max_depth`].
fn thread_list(c: &mut Cursor<'_>) -> PResult<ThreadNode> {
    c.byte(b'(', "'(' of a thread")?;
    c.enter()?;
    let mut ids = Vec::new();
    let mut children = Vec::new();
    loop {
        while c.eat(b' ') {}
        match c.peek() {
            Some(b')') => {
                c.advance(1);
                break;
            }
            Some(b'(') => {
                c.check_items(children.len(), "threads")?;
                children.push(thread_list(c)?);
            }
            Some(b) if b.is_ascii_digit() && children.is_empty() => {
                c.check_items(ids.len(), "thread members")?;
                ids.push(c.nz_number()?);
            }
            _ => return Err(c.expected("thread member")),
        }
    }
    c.leave();
    Ok(ThreadNode::unchecked(ids, children))
}

/// The origin octet of a partial FETCH item (`<n>`), if present.
fn origin(c: &mut Cursor<'_>) -> PResult<Option<u32>> {
    if !c.eat(b'<') {
        return Ok(None);
    }
    let o = c.number()?;
    // WildDuck (zone-eu/wildduck#32) echoed the request's `<origin.length>`.
    if c.eat(b'.') {
        c.number()?;
    }
    c.byte(b'>', "'>'")?;
    Ok(Some(o))
}

/// One `msg-att` item of a FETCH response (RFC 9051 §9 `msg-att-dynamic`,
/// `msg-att-static`, and the extensions').
pub fn fetch_data<'a>(c: &mut Cursor<'a>) -> PResult<FetchData<'a>> {
    let start = c.pos();
    let name = c.take_token(is_fetch_name_char, "fetch data item")?;
    let is = |n: &[u8]| eq_fetch_name(name, n);
    // The most frequent first.
    if is(b"UID") {
        c.sp()?;
        return c.nz_number().map(FetchData::Uid);
    }
    if is(b"FLAGS") {
        c.sp()?;
        return c.list("flags", Cursor::flag_fetch).map(FetchData::Flags);
    }
    if is(b"BODY") {
        if c.peek() == Some(b'[') {
            let section = c.section()?;
            let origin = origin(c)?;
            c.sp()?;
            let data = c.nstring()?;
            return Ok(FetchData::BodySection {
                section,
                origin,
                data,
            });
        }
        c.sp()?;
        return body_structure(c).map(|b| FetchData::Body(Box::new(b)));
    }
    if is(b"BODYSTRUCTURE") {
        c.sp()?;
        return body_structure(c).map(|b| FetchData::BodyStructure(Box::new(b)));
    }
    if is(b"ENVELOPE") {
        c.sp()?;
        return envelope(c).map(|e| FetchData::Envelope(Box::new(e)));
    }
    if is(b"INTERNALDATE") {
        c.sp()?;
        return c.date_time().map(FetchData::InternalDate);
    }
    if is(b"RFC822.SIZE") {
        c.sp()?;
        return c.number64().map(FetchData::Rfc822Size);
    }
    if is(b"RFC822") {
        c.sp()?;
        return c.nstring().map(FetchData::Rfc822);
    }
    if is(b"RFC822.HEADER") {
        c.sp()?;
        return c.nstring().map(FetchData::Rfc822Header);
    }
    if is(b"RFC822.TEXT") {
        c.sp()?;
        return c.nstring().map(FetchData::Rfc822Text);
    }
    if is(b"MODSEQ") {
        c.sp()?;
        c.byte(b'(', "'('")?;
        let m = c.nz_number64()?;
        c.byte(b')', "')'")?;
        return Ok(FetchData::ModSeq(m));
    }
    if is(b"BINARY") {
        let section = c.section_binary()?;
        let origin = origin(c)?;
        c.sp()?;
        let data = c.nstring_or_literal8()?;
        return Ok(FetchData::Binary {
            section,
            origin,
            data,
        });
    }
    if is(b"BINARY.SIZE") {
        let section = c.section_binary()?;
        c.sp()?;
        let size = c.number()?;
        return Ok(FetchData::BinarySize { section, size });
    }
    if is(b"EMAILID") {
        c.sp()?;
        return objectid_paren(c).map(FetchData::EmailId);
    }
    if is(b"THREADID") {
        c.sp()?;
        if c.nil()? {
            return Ok(FetchData::ThreadId(None));
        }
        return objectid_paren(c).map(|id| FetchData::ThreadId(Some(id)));
    }
    if is(b"SAVEDATE") {
        c.sp()?;
        if c.nil()? {
            return Ok(FetchData::SaveDate(None));
        }
        return c.date_time().map(|d| FetchData::SaveDate(Some(d)));
    }
    if is(b"X-GM-MSGID") {
        c.sp()?;
        return c.number64().map(FetchData::GmMsgId);
    }
    if is(b"X-GM-THRID") {
        c.sp()?;
        return c.number64().map(FetchData::GmThrId);
    }
    if is(b"X-GM-LABELS") {
        c.sp()?;
        return c
            .list("labels", |c| {
                if c.eat(b'\\') {
                    c.atom().map(GmLabel::System)
                } else {
                    c.astring().map(GmLabel::Label)
                }
            })
            .map(FetchData::GmLabels);
    }
    if is(b"PREVIEW") {
        c.sp()?;
        return c.nstring().map(FetchData::Preview);
    }
    // Any other item: `name SP tagged-ext-val` (RFC 4466 §2.1), kept. A known name that got
    // here had bad syntax: an error, not `Other`.
    if name.is_empty()
        || KNOWN_FETCH_ITEMS
            .iter()
            .any(|k| name.eq_ignore_ascii_case(k.as_bytes()))
        || !name.iter().all(|&b| is_atom_char(b))
    {
        return Err(c.error_at(start, ParseErrorKind::Expected("fetch data item")));
    }
    let name = Atom::new(String::from_utf8_lossy(name))
        .map_err(|_| c.error_at(start, ParseErrorKind::Expected("fetch data item")))?;
    c.sp()?;
    let value = tagged_ext_value(c)?;
    Ok(FetchData::Other { name, value })
}
