//! IMAP encoder: arbitrary valid values of every command and response type, built directly
//! through the public constructors (never through the parser), encode to bytes that parse back
//! to the same value, consuming all of them, with the default and the strict configuration.
//!
//! For each value and each encoder option (`LiteralPolicy` AsIs / Sync / LiteralPlus /
//! LiteralMinus, UTF-8 in quoted strings on and off):
//! - the encoding parses back; with the default options (AsIs, UTF-8 quoted) to an equal value
//!   and to the bytes of `to_bytes()`; with the others the value may legitimately differ in
//!   literal modes and in quoted strings written as literals, so the parsed value must
//!   re-encode (same options) to the same bytes;
//! - the fragments (`Encoder::fragments`) put back together are the encoding, with as many
//!   literals as the framer counts;
//! - the framer finds exactly one frame, the whole encoding, whether fed at once or byte by
//!   byte, and every proper prefix is incomplete for the framer and the parser, never an error.
//!
//! Input: any bytes, read through `arbitrary::Unstructured` by the builders below (bounded
//! depth and sizes; a value a constructor refuses is replaced by a valid one, never dropped).
#![no_main]

use std::borrow::Cow;
use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::encode::{Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy};
use imap_proto::parse::{Framer, ParseConfig, ParseError, Status, parse_command, parse_response};
use imap_proto::types::*;
use libfuzzer_sys::arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;

type U<'a> = Unstructured<'a>;

/// How deep search keys, body structures, threads and extension lists nest.
const MAX_DEPTH: u32 = 4;
const N64: u64 = NUMBER64_MAX;

// ---- primitives ---------------------------------------------------------------------------

fn int(u: &mut U, lo: u64, hi: u64) -> u64 {
    u.int_in_range(lo..=hi).unwrap_or(lo)
}

fn pick(u: &mut U, n: usize) -> usize {
    u.choose_index(n).unwrap_or(0)
}

fn flip(u: &mut U) -> bool {
    bool::arbitrary(u).unwrap_or(false)
}

fn count(u: &mut U, max: usize) -> usize {
    int(u, 0, max as u64) as usize
}

fn vec_of<T>(u: &mut U, min: usize, max: usize, mut f: impl FnMut(&mut U) -> T) -> Vec<T> {
    let n = min + count(u, max - min);
    (0..n).map(|_| f(u)).collect()
}

fn vec1_of<T>(u: &mut U, max: usize, f: impl FnMut(&mut U) -> T) -> Vec1<T> {
    let v = vec_of(u, 1, max, f);
    Vec1::new(v).expect("at least one item")
}

fn opt<T>(u: &mut U, f: impl FnOnce(&mut U) -> T) -> Option<T> {
    if flip(u) { Some(f(u)) } else { None }
}

fn u32v(u: &mut U) -> u32 {
    match pick(u, 4) {
        0 => int(u, 0, 100) as u32,
        1 => u32::MAX,
        2 => 0,
        _ => u32::arbitrary(u).unwrap_or(0),
    }
}

fn nz32(u: &mut U) -> NonZeroU32 {
    NonZeroU32::new(u32v(u)).unwrap_or(NonZeroU32::MIN)
}

/// A `number64` (at most 2^63 - 1; the encoder clamps larger values).
fn n64(u: &mut U) -> u64 {
    match pick(u, 4) {
        0 => int(u, 0, 1000),
        1 => N64,
        2 => 0,
        _ => int(u, 0, N64),
    }
}

fn nz64(u: &mut U) -> NonZeroU64 {
    NonZeroU64::new(n64(u)).unwrap_or(NonZeroU64::MIN)
}

fn chars_of(class: fn(u8) -> bool) -> Vec<u8> {
    (0u8..0x80).filter(|&b| class(b)).collect()
}

/// 1 to `max` ASCII characters of `class`.
fn token(u: &mut U, class: fn(u8) -> bool, max: usize) -> String {
    let chars = chars_of(class);
    let n = 1 + count(u, max - 1);
    (0..n)
        .map(|_| chars[pick(u, chars.len())] as char)
        .collect()
}

fn unicode_char(u: &mut U) -> char {
    let c = match pick(u, 5) {
        0 => int(u, 0x20, 0x7e),
        1 => int(u, 0x80, 0x7ff),
        2 => int(u, 0x800, 0xffff),
        3 => int(u, 0x1_0000, 0x10_ffff),
        _ => int(u, 1, 0x7f),
    };
    match char::from_u32(c as u32) {
        Some('\0' | '\r' | '\n') | None => 'é',
        Some(c) => c,
    }
}

fn unicode(u: &mut U, max: usize) -> String {
    let n = count(u, max);
    (0..n).map(|_| unicode_char(u)).collect()
}

fn tag(u: &mut U) -> Tag<'static> {
    Tag::new(token(u, is_tag_char, 12)).unwrap_or_else(|_| Tag::new("A1").unwrap())
}

fn atom(u: &mut U) -> Atom<'static> {
    Atom::new(token(u, is_atom_char, 12)).unwrap_or_else(|_| Atom::new("X").unwrap())
}

fn atom_ext(u: &mut U) -> AtomExt<'static> {
    AtomExt::new(token(u, is_astring_char, 12)).unwrap_or_else(|_| AtomExt::new("X").unwrap())
}

/// Content a quoted string can hold: 7-bit text characters, or Unicode without CR, LF, NUL.
fn quotable(u: &mut U) -> Vec<u8> {
    if pick(u, 32) == 0 {
        // Around the longest quoted string `IString::new` picks (1024 octets).
        let n = int(u, 1020, 1030) as usize;
        let b = int(u, 0x20, 0x7e) as u8;
        vec![b; n]
    } else if flip(u) {
        let chars = chars_of(is_text_char);
        let n = count(u, 30);
        (0..n).map(|_| chars[pick(u, chars.len())]).collect()
    } else {
        unicode(u, 20).into_bytes()
    }
}

fn quoted(u: &mut U) -> Quoted<'static> {
    Quoted::new(quotable(u)).unwrap_or_else(|_| Quoted::empty())
}

fn mode(u: &mut U) -> LiteralMode {
    if flip(u) {
        LiteralMode::NonSync
    } else {
        LiteralMode::Sync
    }
}

/// Literal data: mostly short, sometimes just around the LITERAL- limit (4096 octets), where
/// the `LiteralMinus` policy switches from `{n+}` to `{n}`.
fn literal_data(u: &mut U, nul: bool) -> Vec<u8> {
    let mut data = if pick(u, 16) == 0 {
        let n = int(u, 4094, 4098) as usize;
        let b = u8::arbitrary(u).unwrap_or(b'x');
        let mut v = vec![b; n];
        // Some line structure inside.
        for i in (0..n).step_by(77) {
            v[i] = b'\n';
        }
        v
    } else {
        let n = count(u, 40);
        (0..n).map(|_| u8::arbitrary(u).unwrap_or(0)).collect()
    };
    if !nul {
        for b in &mut data {
            if *b == 0 {
                *b = 1;
            }
        }
    }
    data
}

fn literal(u: &mut U) -> Literal<'static> {
    let data = literal_data(u, false);
    let m = mode(u);
    Literal::new(data)
        .unwrap_or_else(|_| Literal::new(&b"x"[..]).unwrap())
        .with_mode(m)
}

fn literal8(u: &mut U) -> Literal<'static> {
    let data = literal_data(u, true);
    let m = mode(u);
    Literal::binary(data).with_mode(m)
}

fn istring(u: &mut U) -> IString<'static> {
    match pick(u, 3) {
        0 => IString::Quoted(quoted(u)),
        1 => IString::Literal(literal(u)),
        _ => IString::new(literal_data(u, false))
            .unwrap_or_else(|_| IString::Quoted(Quoted::empty())),
    }
}

fn astring(u: &mut U) -> AString<'static> {
    match pick(u, 3) {
        0 => AString::Atom(atom_ext(u)),
        1 => AString::String(istring(u)),
        _ => AString::new(quotable(u)).unwrap_or_else(|_| AString::Atom(atom_ext(u))),
    }
}

fn nstring(u: &mut U) -> NString<'static> {
    NString(opt(u, istring))
}

/// An nstring or a `literal8`.
fn nstring8(u: &mut U) -> NString<'static> {
    if pick(u, 4) == 0 {
        NString(Some(IString::Literal(literal8(u))))
    } else {
        nstring(u)
    }
}

fn seq_number(u: &mut U) -> SeqNumber {
    match pick(u, 3) {
        0 => SeqNumber::Largest,
        _ => SeqNumber::Value(nz32(u)),
    }
}

fn sequence_set(u: &mut U) -> SequenceSet<'static> {
    let mut items = vec_of(u, 0, 5, |u| {
        if flip(u) {
            SeqItem::Number(seq_number(u))
        } else {
            SeqItem::Range(seq_number(u), seq_number(u))
        }
    });
    if pick(u, 4) == 0 {
        items.push(SeqItem::Saved);
    }
    SequenceSet::from_items(items).unwrap_or_else(|_| SequenceSet::single(nz32(u)))
}

fn flag(u: &mut U) -> Flag<'static> {
    match pick(u, 7) {
        0 => Flag::Answered,
        1 => Flag::Flagged,
        2 => Flag::Deleted,
        3 => Flag::Seen,
        4 => Flag::Draft,
        5 => Flag::Keyword(atom(u)),
        _ => FlagExtension::from_atom(atom(u))
            .map(Flag::Extension)
            .unwrap_or(Flag::Seen),
    }
}

fn flag_fetch(u: &mut U) -> FlagFetch<'static> {
    if pick(u, 5) == 0 {
        FlagFetch::Recent
    } else {
        FlagFetch::Flag(flag(u))
    }
}

fn flag_perm(u: &mut U) -> FlagPerm<'static> {
    if pick(u, 5) == 0 {
        FlagPerm::Wildcard
    } else {
        FlagPerm::Flag(flag(u))
    }
}

fn mailbox(u: &mut U) -> Mailbox<'static> {
    match pick(u, 5) {
        0 => Mailbox::new(astring(u)),
        // Modified UTF-7.
        1 => Mailbox::from_utf8(&unicode(u, 12)).unwrap_or(Mailbox::Inbox),
        // Raw UTF-8 (RFC 6855).
        2 => {
            let s = unicode(u, 12);
            Mailbox::from_utf8_accept(&s)
                .map(Mailbox::into_owned)
                .unwrap_or(Mailbox::Inbox)
        }
        3 => Mailbox::Inbox,
        _ => {
            let spelled: String = "inbox"
                .chars()
                .map(|c| if flip(u) { c.to_ascii_uppercase() } else { c })
                .collect();
            Mailbox::from_bytes(spelled.into_bytes()).unwrap_or(Mailbox::Inbox)
        }
    }
}

fn charset(u: &mut U) -> Charset<'static> {
    match pick(u, 3) {
        0 => Charset::Atom(atom(u)),
        // A quoted charset may be 8-bit; the encoder writes it quoted whatever the options,
        // since `charset = atom / quoted` allows no literal (found by this target).
        1 => Charset::Quoted(quoted(u)),
        _ => Charset::Atom(Atom::new(["UTF-8", "US-ASCII", "ISO-8859-1"][pick(u, 3)]).unwrap()),
    }
}

fn date(u: &mut U) -> Date {
    let y = int(u, 0, 9999) as u16;
    let m = int(u, 1, 12) as u8;
    let d = int(u, 1, 31) as u8;
    Date::new(y, m, d).unwrap_or_else(|_| Date::new(y, m, 28).unwrap())
}

fn date_time(u: &mut U) -> DateTime {
    let d = date(u);
    let h = int(u, 0, 23) as u8;
    let m = int(u, 0, 59) as u8;
    let s = int(u, 0, 60) as u8;
    let z = int(u, 0, 2 * 5999) as i16 - 5999;
    DateTime::new(d, h, m, s, z).unwrap_or_else(|_| DateTime::new(d, h, m, 0, 0).unwrap())
}

fn section_part(u: &mut U) -> SectionPart<'static> {
    let v = vec_of(u, 1, 4, nz32);
    SectionPart::from_numbers(&v).unwrap_or_else(|| SectionPart::new("1").unwrap())
}

fn section(u: &mut U) -> Section<'static> {
    let part = opt(u, section_part);
    let text = opt(u, |u| match pick(u, 5) {
        0 => SectionText::Header,
        1 => SectionText::Text,
        2 => SectionText::Mime,
        3 => SectionText::HeaderFields(vec_of(u, 1, 3, astring)),
        _ => SectionText::HeaderFieldsNot(vec_of(u, 1, 3, astring)),
    });
    let fallback_part = part.clone();
    // MIME needs a part; the header field lists need at least one field.
    Section::new(part, text)
        .unwrap_or_else(|_| Section::new(fallback_part, None).unwrap_or(Section::FULL))
}

fn partial(u: &mut U) -> Partial {
    Partial {
        offset: n64(u),
        length: nz64(u),
    }
}

const CAPABILITIES: &[&str] = &[
    "IMAP4rev1",
    "imap4rev2",
    "AUTH=PLAIN",
    "auth=xoauth2",
    "SASL-IR",
    "LITERAL+",
    "LITERAL-",
    "STARTTLS",
    "LOGINDISABLED",
    "IDLE",
    "UIDPLUS",
    "MOVE",
    "CONDSTORE",
    "QRESYNC",
    "ENABLE",
    "UTF8=ACCEPT",
    "ID",
    "NAMESPACE",
    "SPECIAL-USE",
    "ESEARCH",
    "QUOTA",
    "METADATA",
    "SORT",
    "THREAD=REFERENCES",
    "BINARY",
    "UNSELECT",
    "CHILDREN",
    "LIST-EXTENDED",
    "LIST-STATUS",
    "OBJECTID",
    "X-GM-EXT-1",
    "COMPRESS=DEFLATE",
    "APPENDLIMIT",
    "APPENDLIMIT=35651584",
    "QUOTA=RES-STORAGE",
    "QUOTA=RES-",
    "AUTH=",
    "CONTEXT=SEARCH",
    "RIGHTS=texk",
    "I18NLEVEL=1",
    "UIDONLY",
];

fn capability(u: &mut U) -> Capability<'static> {
    if flip(u) {
        Capability::from_atom(Atom::new(CAPABILITIES[pick(u, CAPABILITIES.len())]).unwrap())
    } else {
        Capability::from_atom(atom(u))
    }
}

const MAILBOX_ATTRIBUTES: &[&str] = &[
    "Noselect",
    "NoInferiors",
    "HasChildren",
    "HasNoChildren",
    "Marked",
    "Unmarked",
    "Subscribed",
    "Remote",
    "NonExistent",
    "Sent",
    "Trash",
    "Drafts",
    "Junk",
    "All",
    "Archive",
    "Flagged",
    "Important",
];

fn mailbox_attribute(u: &mut U) -> MailboxAttribute<'static> {
    if flip(u) {
        let name = MAILBOX_ATTRIBUTES[pick(u, MAILBOX_ATTRIBUTES.len())];
        MailboxAttribute::from_name(Atom::new(name).unwrap())
    } else {
        MailboxAttribute::from_name(atom(u))
    }
}

fn quota_resource(u: &mut U) -> QuotaResource<'static> {
    if flip(u) {
        let name = ["STORAGE", "message", "MAILBOX", "ANNOTATION-STORAGE"][pick(u, 4)];
        QuotaResource::from_name(Atom::new(name).unwrap())
    } else {
        QuotaResource::from_name(atom(u))
    }
}

fn object_id(u: &mut U) -> ObjectId<'static> {
    ObjectId::new(token(u, is_objectid_char, 20)).unwrap_or_else(|_| ObjectId::new("id").unwrap())
}

fn gm_label(u: &mut U) -> GmLabel<'static> {
    if flip(u) {
        GmLabel::System(atom(u))
    } else {
        GmLabel::Label(astring(u))
    }
}

// ---- commands -----------------------------------------------------------------------------

fn search_key(u: &mut U, depth: u32) -> SearchKey<'static> {
    use SearchKey as K;
    let n = if depth >= MAX_DEPTH { 43 } else { 47 };
    match pick(u, n) {
        0 => K::All,
        1 => K::Answered,
        2 => K::Deleted,
        3 => K::Draft,
        4 => K::Flagged,
        5 => K::New,
        6 => K::Old,
        7 => K::Recent,
        8 => K::Seen,
        9 => K::Unanswered,
        10 => K::Undeleted,
        11 => K::Undraft,
        12 => K::Unflagged,
        13 => K::Unseen,
        14 => K::SaveDateSupported,
        15 => K::Bcc(astring(u)),
        16 => K::Body(astring(u)),
        17 => K::Cc(astring(u)),
        18 => K::From(astring(u)),
        19 => K::Subject(astring(u)),
        20 => K::Text(astring(u)),
        21 => K::To(astring(u)),
        22 => K::GmRaw(astring(u)),
        23 => K::GmLabels(astring(u)),
        24 => K::Header(astring(u), astring(u)),
        25 => K::Before(date(u)),
        26 => K::On(date(u)),
        27 => K::Since(date(u)),
        28 => K::SentBefore(date(u)),
        29 => K::SentOn(date(u)),
        30 => K::SentSince(date(u)),
        31 => K::SavedBefore(date(u)),
        32 => K::SavedOn(date(u)),
        33 => K::SavedSince(date(u)),
        34 => K::Keyword(atom(u)),
        35 => K::Unkeyword(atom(u)),
        36 => K::Larger(n64(u)),
        37 => K::Smaller(n64(u)),
        38 => K::GmMsgId(n64(u)),
        39 => K::GmThrId(n64(u)),
        40 => {
            if flip(u) {
                K::Uid(sequence_set(u))
            } else {
                K::SequenceSet(sequence_set(u))
            }
        }
        41 => match pick(u, 4) {
            0 => K::Older(nz32(u)),
            1 => K::Younger(nz32(u)),
            2 => K::EmailId(object_id(u)),
            _ => K::ThreadId(object_id(u)),
        },
        42 => {
            let entry = opt(u, |u| {
                let t = [EntryType::Private, EntryType::Shared, EntryType::All][pick(u, 3)];
                (flag(u), t)
            });
            K::ModSeq {
                entry,
                value: n64(u),
            }
        }
        43 => K::Not(Box::new(search_key(u, depth + 1))),
        44 => SearchKey::or(search_key(u, depth + 1), search_key(u, depth + 1)),
        45 => K::Fuzzy(Box::new(search_key(u, depth + 1))),
        _ => K::And(vec1_of(u, 3, |u| search_key(u, depth + 1))),
    }
}

fn fetch_attribute(u: &mut U) -> FetchAttribute<'static> {
    use FetchAttribute as A;
    match pick(u, 22) {
        0 => A::Envelope,
        1 => A::Flags,
        2 => A::InternalDate,
        3 => A::Rfc822,
        4 => A::Rfc822Header,
        5 => A::Rfc822Size,
        6 => A::Rfc822Text,
        7 => A::Body,
        8 => A::BodyStructure,
        9 => A::Uid,
        10 => A::ModSeq,
        11 => A::EmailId,
        12 => A::ThreadId,
        13 => A::SaveDate,
        14 => A::GmMsgId,
        15 => A::GmThrId,
        16 => A::GmLabels,
        // Prefixes of `PREVIEW (LAZY)` must be incomplete, not errors (found by this target).
        17 => A::Preview { lazy: flip(u) },
        18 | 19 => A::BodySection {
            peek: flip(u),
            section: section(u),
            partial: opt(u, partial),
        },
        20 => A::Binary {
            peek: flip(u),
            part: opt(u, section_part),
            partial: opt(u, partial),
        },
        _ => A::BinarySize {
            part: opt(u, section_part),
        },
    }
}

fn fetch_items(u: &mut U) -> FetchItems<'static> {
    match pick(u, 6) {
        0 => FetchItems::All,
        1 => FetchItems::Fast,
        2 => FetchItems::Full,
        3 => FetchItems::Single(fetch_attribute(u)),
        _ => FetchItems::List(vec1_of(u, 5, fetch_attribute)),
    }
}

/// An RFC 4466 §3 `tagged-ext-label`: a letter, `-`, `_` or `.`, then those, digits and `:`.
fn tagged_ext_label(u: &mut U) -> Atom<'static> {
    const FIRST: &[u8] = b"abcXYZ-_.";
    const REST: &[u8] = b"abcXYZ-_.09:";
    let mut s = String::new();
    s.push(FIRST[pick(u, FIRST.len())] as char);
    for _ in 0..count(u, 8) {
        s.push(REST[pick(u, REST.len())] as char);
    }
    Atom::new(s).unwrap_or_else(|_| Atom::new("X").unwrap())
}

/// The value of a generic command parameter (RFC 4466 §3 `tagged-ext-val`): never a lone
/// string, which would read as the next parameter's name.
fn param_value(u: &mut U) -> TaggedExtValue<'static> {
    match pick(u, 3) {
        0 => TaggedExtValue::Number(n64(u)),
        1 => {
            let s = sequence_set(u);
            // A set that is one number reads as `Number`.
            if s.as_str().bytes().all(|b| b.is_ascii_digit()) {
                TaggedExtValue::SequenceSet(SequenceSet::all())
            } else {
                TaggedExtValue::SequenceSet(s)
            }
        }
        _ => TaggedExtValue::Comp(vec_of(u, 0, 3, |u| tagged_ext_comp(u, 0))),
    }
}

/// A generic parameter or modifier built with `make` (the type's `other` constructor), or
/// `fallback` when the name is one the crate types.
fn param_other<T>(
    u: &mut U,
    make: fn(Atom<'static>, Option<TaggedExtValue<'static>>) -> Result<T, ValueError>,
    fallback: impl FnOnce(&mut U) -> T,
) -> T {
    let name = tagged_ext_label(u);
    let value = opt(u, param_value);
    match make(name, value) {
        Ok(p) => p,
        Err(_) => fallback(u),
    }
}

fn create_parameter(u: &mut U) -> CreateParameter<'static> {
    if flip(u) {
        CreateParameter::Use(vec_of(u, 0, 3, mailbox_attribute))
    } else {
        param_other(u, CreateParameter::other, |_| CreateParameter::Use(vec![]))
    }
}

fn rename_parameter(u: &mut U) -> RenameParameter<'static> {
    param_other(u, RenameParameter::other, |_| {
        RenameParameter::other(Atom::new("X").unwrap(), None).unwrap()
    })
}

/// STORE modifiers, at most one of them UNCHANGEDSINCE (the parser refuses two).
fn store_modifiers(u: &mut U) -> Vec<StoreModifier<'static>> {
    let mut v = vec_of(u, 0, 2, |u| {
        param_other(u, StoreModifier::other, |u| {
            StoreModifier::UnchangedSince(n64(u))
        })
    });
    v.retain(|m| !matches!(m, StoreModifier::UnchangedSince(_)));
    if flip(u) {
        let at = pick(u, v.len() + 1);
        v.insert(at, StoreModifier::UnchangedSince(n64(u)));
    }
    v
}

fn select_parameter(u: &mut U) -> SelectParameter<'static> {
    let k = pick(u, 3);
    if k == 2 {
        param_other(u, SelectParameter::other, |_| SelectParameter::CondStore)
    } else if k == 0 {
        SelectParameter::CondStore
    } else {
        SelectParameter::QResync(QResyncParameters {
            uid_validity: nz32(u),
            mod_seq: n64(u),
            known_uids: opt(u, sequence_set),
            seq_match: opt(u, |u| (sequence_set(u), sequence_set(u))),
        })
    }
}

fn list_mailbox(u: &mut U) -> ListMailbox<'static> {
    match pick(u, 3) {
        0 => ListMailbox::token(token(u, is_list_char, 10))
            .unwrap_or_else(|_| ListMailbox::token("*").unwrap()),
        1 => ListMailbox::string(istring(u)),
        _ => ListMailbox::new(literal_data(u, false))
            .unwrap_or_else(|_| ListMailbox::token("%").unwrap()),
    }
}

fn store_action(u: &mut U) -> StoreAction {
    [StoreAction::Replace, StoreAction::Add, StoreAction::Remove][pick(u, 3)]
}

fn other_command(u: &mut U) -> CommandBody<'static> {
    let arguments = opt(u, |u| {
        let chars = chars_of(|b| (0x20..0x7f).contains(&b));
        let n = 1 + count(u, 20);
        let text: Vec<u8> = (0..n).map(|_| chars[pick(u, chars.len())]).collect();
        OtherArguments::new(text).ok()
    })
    .flatten();
    CommandBody::other(atom(u), arguments)
        .unwrap_or_else(|_| CommandBody::other(Atom::new("XNOTKNOWN").unwrap(), None).unwrap())
}

fn command_body(u: &mut U) -> CommandBody<'static> {
    use CommandBody as B;
    match pick(u, 58) {
        0 => B::Capability,
        1 => B::Noop,
        2 => B::Logout,
        3 => B::StartTls,
        4 => B::Namespace,
        5 => B::Idle,
        6 => B::Check,
        7 => B::Close,
        8 => B::Unselect,
        9 => B::Expunge,
        10 => B::Unauthenticate,
        11 => B::Authenticate {
            mechanism: atom(u),
            initial_response: opt(u, |u| {
                let n = count(u, 20);
                mail_sasl::Response::new((0..n).map(|_| u8::arbitrary(u).unwrap_or(0)).collect())
            }),
        },
        12 => B::Login {
            username: astring(u),
            password: Password(astring(u)),
        },
        13 => B::Enable {
            capabilities: vec1_of(u, 4, capability),
        },
        14 => B::Select {
            mailbox: mailbox(u),
            parameters: vec_of(u, 0, 2, select_parameter),
        },
        15 => B::Examine {
            mailbox: mailbox(u),
            parameters: vec_of(u, 0, 2, select_parameter),
        },
        16 => B::Create {
            mailbox: mailbox(u),
            parameters: vec_of(u, 0, 3, create_parameter),
        },
        17 => B::Delete {
            mailbox: mailbox(u),
        },
        18 => B::Rename {
            from: mailbox(u),
            to: mailbox(u),
            parameters: vec_of(u, 0, 2, rename_parameter),
        },
        19 => B::Subscribe {
            mailbox: mailbox(u),
        },
        20 => B::Unsubscribe {
            mailbox: mailbox(u),
        },
        21 | 22 => B::List {
            selection: opt(u, |u| {
                vec_of(u, 0, 3, |u| match pick(u, 5) {
                    0 => ListSelectOption::Subscribed,
                    1 => ListSelectOption::Remote,
                    2 => ListSelectOption::RecursiveMatch,
                    3 => ListSelectOption::SpecialUse,
                    _ => {
                        let a = atom(u);
                        if ["SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE"]
                            .iter()
                            .any(|k| a.eq_ignore_ascii_case(k))
                        {
                            ListSelectOption::Remote
                        } else {
                            ListSelectOption::Other(a)
                        }
                    }
                })
            }),
            reference: mailbox(u),
            patterns: vec1_of(u, 3, list_mailbox),
            return_options: opt(u, |u| {
                vec_of(u, 0, 3, |u| match pick(u, 4) {
                    0 => ListReturnOption::Subscribed,
                    1 => ListReturnOption::Children,
                    2 => ListReturnOption::SpecialUse,
                    _ => ListReturnOption::Status(vec1_of(u, 3, status_attribute)),
                })
            }),
        },
        23 => B::Lsub {
            reference: mailbox(u),
            pattern: list_mailbox(u),
        },
        24 => B::Status {
            mailbox: mailbox(u),
            items: vec1_of(u, 4, status_attribute),
        },
        25 | 26 => B::Append {
            mailbox: mailbox(u),
            messages: vec1_of(u, 3, |u| AppendMessage {
                flags: opt(u, |u| vec_of(u, 0, 3, flag)),
                date: opt(u, date_time),
                data: append_data(u),
            }),
        },
        27 => B::UidExpunge {
            set: sequence_set(u),
        },
        28..=30 => B::Search {
            uid: flip(u),
            return_options: opt(u, search_return_options),
            charset: opt(u, charset),
            criteria: vec1_of(u, 4, |u| search_key(u, 0)),
        },
        31..=33 => B::Fetch {
            uid: flip(u),
            set: sequence_set(u),
            items: fetch_items(u),
            modifiers: vec_of(u, 0, 2, |u| match pick(u, 4) {
                0 => FetchModifier::ChangedSince(n64(u)),
                1 => FetchModifier::Vanished,
                2 => FetchModifier::Partial(partial_range(u)),
                _ => param_other(u, FetchModifier::other, |_| FetchModifier::Vanished),
            }),
        },
        34 => {
            let (uid, set, modifiers) = (flip(u), sequence_set(u), store_modifiers(u));
            B::Store {
                uid,
                set,
                modifiers,
                action: store_action(u),
                silent: flip(u),
                flags: if flip(u) {
                    StoreFlags::List(vec_of(u, 0, 3, flag))
                } else {
                    StoreFlags::Bare(vec1_of(u, 3, flag))
                },
            }
        }
        35 => {
            let (uid, set, modifiers) = (flip(u), sequence_set(u), store_modifiers(u));
            B::StoreGmLabels {
                uid,
                set,
                modifiers,
                action: store_action(u),
                silent: flip(u),
                labels: vec_of(u, 0, 3, gm_label),
            }
        }
        36 => B::Copy {
            uid: flip(u),
            set: sequence_set(u),
            mailbox: mailbox(u),
        },
        37 => B::Move {
            uid: flip(u),
            set: sequence_set(u),
            mailbox: mailbox(u),
        },
        38 => B::GetQuota { root: astring(u) },
        39 => B::GetQuotaRoot {
            mailbox: mailbox(u),
        },
        40 => B::SetQuota {
            root: astring(u),
            limits: vec_of(u, 0, 3, |u| QuotaLimit {
                resource: quota_resource(u),
                limit: n64(u),
            }),
        },
        41 => B::GetMetadata {
            options: vec_of(u, 0, 2, |u| {
                if flip(u) {
                    MetadataOption::MaxSize(u32v(u))
                } else {
                    MetadataOption::Depth(
                        [
                            MetadataDepth::Zero,
                            MetadataDepth::One,
                            MetadataDepth::Infinity,
                        ][pick(u, 3)],
                    )
                }
            }),
            mailbox: mailbox(u),
            entries: vec1_of(u, 3, astring),
        },
        42 => B::SetMetadata {
            mailbox: mailbox(u),
            entries: vec1_of(u, 3, |u| (astring(u), nstring8(u))),
        },
        43 => B::Id {
            parameters: opt(u, |u| vec_of(u, 0, 3, |u| (istring(u), nstring(u)))),
        },
        44 => B::Sort {
            uid: flip(u),
            return_options: opt(u, search_return_options),
            criteria: vec1_of(u, 3, |u| SortCriterion {
                reverse: flip(u),
                key: SortKey::ALL[pick(u, SortKey::ALL.len())],
            }),
            charset: charset(u),
            keys: vec1_of(u, 3, |u| search_key(u, 0)),
        },
        45 => B::Thread {
            uid: flip(u),
            algorithm: match pick(u, 3) {
                0 => ThreadAlgorithm::OrderedSubject,
                1 => ThreadAlgorithm::References,
                _ => ThreadAlgorithm::from_atom(atom(u)),
            },
            charset: charset(u),
            keys: vec1_of(u, 3, |u| search_key(u, 0)),
        },
        46 => B::GetAcl {
            mailbox: mailbox(u),
        },
        47 => B::SetAcl {
            mailbox: mailbox(u),
            identifier: astring(u),
            rights: astring(u),
        },
        48 => B::DeleteAcl {
            mailbox: mailbox(u),
            identifier: astring(u),
        },
        49 => B::ListRights {
            mailbox: mailbox(u),
            identifier: astring(u),
        },
        50 => B::MyRights {
            mailbox: mailbox(u),
        },
        51 => B::Compress { algorithm: atom(u) },
        52 => B::CancelUpdate {
            tags: vec1_of(u, 3, tag),
        },
        53 => B::Notify {
            set: opt(u, notify_set),
        },
        _ => other_command(u),
    }
}

/// An RFC 5465 `event`: every known one (`MessageNew` with or without fetch attributes) and
/// unknown ones (`event-ext`), with no regard to the rules of §5 (as `BADEVENT` lists them).
fn notify_event(u: &mut U) -> NotifyEvent<'static> {
    use NotifyEvent as E;
    match pick(u, 11) {
        0 => E::MessageNew(None),
        1 => E::MessageNew(Some(vec1_of(u, 3, fetch_attribute))),
        2 => E::MessageExpunge,
        3 => E::FlagChange,
        4 => E::AnnotationChange,
        5 => E::MailboxName,
        6 => E::SubscriptionChange,
        7 => E::MailboxMetadataChange,
        8 => E::ServerMetadataChange,
        9 => E::QuotaChange,
        _ => OtherEvent::new(atom(u))
            .map(E::Other)
            .unwrap_or(E::QuotaChange),
    }
}

/// A valid RFC 5465 event group: the message events as §5 allows them, other events only
/// without a selected filter (§6.1), rotated into any order.
fn event_group(u: &mut U) -> EventGroup<'static> {
    use MailboxFilter as F;
    let filter = match pick(u, 8) {
        0 => F::Selected,
        1 => F::SelectedDelayed,
        2 => F::Inboxes,
        3 => F::Personal,
        4 => F::Subscribed,
        5 => F::Subtree(vec1_of(u, 3, mailbox)),
        6 => F::SubtreeOne(vec1_of(u, 3, mailbox)),
        _ => F::Mailboxes(vec1_of(u, 3, mailbox)),
    };
    if flip(u) {
        return EventGroup::none(filter);
    }
    let mut events = Vec::new();
    if flip(u) {
        events.push(NotifyEvent::MessageNew(opt(u, |u| {
            vec1_of(u, 3, fetch_attribute)
        })));
        events.push(NotifyEvent::MessageExpunge);
        if flip(u) {
            events.push(NotifyEvent::FlagChange);
        }
        if flip(u) {
            events.push(NotifyEvent::AnnotationChange);
        }
    }
    if !filter.is_selected() {
        events.extend(
            vec_of(u, 0, 3, notify_event)
                .into_iter()
                .filter(|e| !e.is_message_event()),
        );
    }
    if events.is_empty() {
        return EventGroup::none(filter);
    }
    let n = pick(u, events.len());
    events.rotate_left(n);
    let events = Vec1::new(events).expect("not empty");
    EventGroup::new(filter.clone(), Some(events)).unwrap_or_else(|_| EventGroup::none(filter))
}

/// A valid `NOTIFY SET` argument: at most one selected group (RFC 5465 §6.1).
fn notify_set(u: &mut U) -> NotifySet<'static> {
    let mut selected = false;
    let groups: Vec<_> = vec_of(u, 1, 4, event_group)
        .into_iter()
        .filter(|g| !g.filter().is_selected() || !std::mem::replace(&mut selected, true))
        .collect();
    let groups = Vec1::new(groups).expect("the first group is kept");
    NotifySet::new(flip(u), groups).expect("one selected group at most")
}

/// ESEARCH/ESORT return options (RFC 4731, RFC 5182, RFC 5267, RFC 5465 §8, RFC 6203, RFC
/// 9394, and the generic form of RFC 4466 §2.6.1).
fn search_return_options(u: &mut U) -> Vec<SearchReturnOption<'static>> {
    vec_of(u, 0, 3, |u| match pick(u, 11) {
        8 => SearchReturnOption::Partial(partial_range(u)),
        9 => SearchReturnOption::Update(Some(vec1_of(u, 3, fetch_attribute))),
        10 => param_other(u, SearchReturnOption::other, |_| SearchReturnOption::Count),
        i => [
            SearchReturnOption::Min,
            SearchReturnOption::Max,
            SearchReturnOption::All,
            SearchReturnOption::Count,
            SearchReturnOption::Save,
            SearchReturnOption::Context,
            SearchReturnOption::Update(None),
            SearchReturnOption::Relevancy,
        ][i]
            .clone(),
    })
}

/// A `partial-range` (RFC 9394 §5): either form, the numbers in any order.
fn partial_range(u: &mut U) -> PartialRange {
    let (a, b) = (nz32(u), nz32(u));
    if flip(u) {
        PartialRange::Last(a, b)
    } else {
        PartialRange::First(a, b)
    }
}

/// APPEND data: literal, literal8, `UTF8 (literal8)` (RFC 6855) or CATENATE (RFC 4469).
fn append_data(u: &mut U) -> AppendData<'static> {
    match pick(u, 4) {
        0 => AppendData::Literal(literal(u)),
        1 => AppendData::Literal(literal8(u)),
        2 => AppendData::Utf8(literal8(u)),
        _ => AppendData::Catenate(vec1_of(u, 4, |u| match pick(u, 3) {
            0 => CatenatePart::Url(astring(u)),
            1 => CatenatePart::Text(literal(u)),
            _ => CatenatePart::Utf8(literal8(u)),
        })),
    }
}

fn status_attribute(u: &mut U) -> StatusAttribute {
    StatusAttribute::ALL[pick(u, StatusAttribute::ALL.len())]
}

fn command(u: &mut U) -> Command<'static> {
    Command::new(tag(u), command_body(u))
}

// ---- responses ----------------------------------------------------------------------------

/// Response text: printable ASCII or Unicode, not ending like a literal header; without a
/// code it must not start with `[`.
fn text(u: &mut U) -> Text<'static> {
    let s = if flip(u) {
        token(u, |b| (0x20..0x7f).contains(&b), 30)
    } else {
        unicode(u, 12)
    };
    Text::new(s.into_bytes()).unwrap_or_else(|_| Text::empty())
}

const SIMPLE_CODES: &[&str] = &[
    "ALERT",
    "PARSE",
    "READ-ONLY",
    "READ-WRITE",
    "TRYCREATE",
    "CLOSED",
    "UIDNOTSTICKY",
    "NOMODSEQ",
    "UNAVAILABLE",
    "AUTHENTICATIONFAILED",
    "AUTHORIZATIONFAILED",
    "EXPIRED",
    "PRIVACYREQUIRED",
    "CONTACTADMIN",
    "NOPERM",
    "INUSE",
    "EXPUNGEISSUED",
    "CORRUPTION",
    "SERVERBUG",
    "CLIENTBUG",
    "CANNOT",
    "LIMIT",
    "OVERQUOTA",
    "ALREADYEXISTS",
    "NONEXISTENT",
    "NOTSAVED",
    "HASCHILDREN",
    "UNKNOWN-CTE",
    "USEATTR",
    "COMPRESSIONACTIVE",
    "TOOBIG",
    "NOTIFICATIONOVERFLOW",
    "UIDREQUIRED",
];

fn response_code(u: &mut U) -> ResponseCode<'static> {
    use ResponseCode as R;
    match pick(u, 19) {
        0 | 1 => R::from_simple_name(SIMPLE_CODES[pick(u, SIMPLE_CODES.len())]).unwrap_or(R::Alert),
        2 => R::BadCharset(vec_of(u, 0, 3, charset)),
        3 => R::Capability(vec_of(u, 1, 4, capability)),
        4 => R::PermanentFlags(vec_of(u, 0, 4, flag_perm)),
        5 => R::UidNext(nz32(u)),
        6 => R::UidValidity(nz32(u)),
        7 => R::Unseen(nz32(u)),
        8 => R::AppendUid {
            uid_validity: nz32(u),
            uids: sequence_set(u),
        },
        9 => R::CopyUid {
            uid_validity: nz32(u),
            source: sequence_set(u),
            dest: sequence_set(u),
        },
        10 => R::HighestModSeq(nz64(u)),
        11 => R::Modified(sequence_set(u)),
        12 => R::MailboxId(object_id(u)),
        13 => R::Metadata(match pick(u, 4) {
            0 => MetadataCode::LongEntries(u32v(u)),
            1 => MetadataCode::MaxSize(u32v(u)),
            2 => MetadataCode::TooMany,
            _ => MetadataCode::NoPrivate,
        }),
        14 => {
            // `url-resp-text` (RFC 4469 §5, erratum 2002): any text but `]`, controls and UTF-8
            // included.
            let url: String = unicode(u, 30).replace(']', "x");
            UrlText::new(url).map(R::BadUrl).unwrap_or(R::Parse)
        }
        15 => R::NoUpdate(tag(u)),
        16 => R::BadEvent(vec1_of(u, 4, notify_event)),
        _ => {
            let name = atom(u);
            let data = opt(u, |u| {
                // Printable ASCII but `]`.
                token(u, |b| (0x20..0x7f).contains(&b) && b != b']', 20)
            });
            OtherCode::new(name, data.map(|d| Cow::Owned(d.into_bytes())))
                .map(R::Other)
                .unwrap_or(R::Parse)
        }
    }
}

fn resp_text(u: &mut U) -> RespText<'static> {
    let code = opt(u, response_code);
    let text = text(u);
    RespText::new(code.clone(), text)
        .unwrap_or_else(|_| RespText::new(code, Text::empty()).expect("empty text"))
}

fn delimiter(u: &mut U) -> Option<Delimiter> {
    opt(u, |u| int(u, 1, 0x7f) as u8).and_then(|b| Delimiter::new(b).ok())
}

fn tagged_ext_comp(u: &mut U, depth: u32) -> TaggedExtComp<'static> {
    if depth < MAX_DEPTH && pick(u, 3) == 0 {
        TaggedExtComp::List(vec_of(u, 0, 3, |u| tagged_ext_comp(u, depth + 1)))
    } else {
        TaggedExtComp::AString(astring(u))
    }
}

fn tagged_ext_value(u: &mut U) -> TaggedExtValue<'static> {
    match pick(u, 4) {
        0 => TaggedExtValue::Number(n64(u)),
        1 => {
            let s = sequence_set(u);
            // A set that is one number reads as `Number`.
            if s.as_str().bytes().all(|b| b.is_ascii_digit()) {
                TaggedExtValue::SequenceSet(SequenceSet::all())
            } else {
                TaggedExtValue::SequenceSet(s)
            }
        }
        2 => TaggedExtValue::Comp(vec_of(u, 0, 3, |u| tagged_ext_comp(u, 0))),
        _ => {
            let a = astring(u);
            // A string starting like a number or a set reads as one.
            if a.as_bytes()
                .first()
                .is_some_and(|&b| b.is_ascii_digit() || b == b'*' || b == b'$')
            {
                TaggedExtValue::Number(0)
            } else {
                TaggedExtValue::AString(a)
            }
        }
    }
}

fn list_response(u: &mut U) -> ListResponse<'static> {
    ListResponse {
        attributes: vec_of(u, 0, 4, mailbox_attribute),
        delimiter: delimiter(u),
        mailbox: mailbox(u),
        extended: vec_of(u, 0, 3, |u| match pick(u, 3) {
            0 => ListExtendedItem::ChildInfo(vec_of(u, 1, 3, astring)),
            1 => ListExtendedItem::OldName(mailbox(u)),
            _ => {
                let tag = astring(u);
                if tag.as_bytes().eq_ignore_ascii_case(b"CHILDINFO")
                    || tag.as_bytes().eq_ignore_ascii_case(b"OLDNAME")
                {
                    ListExtendedItem::OldName(Mailbox::Inbox)
                } else {
                    ListExtendedItem::Other {
                        tag,
                        value: tagged_ext_value(u),
                    }
                }
            }
        }),
    }
}

fn namespaces(u: &mut U) -> Vec<NamespaceDescr<'static>> {
    vec_of(u, 0, 2, |u| NamespaceDescr {
        prefix: istring(u),
        delimiter: delimiter(u),
        extensions: vec_of(u, 0, 2, |u| (istring(u), vec_of(u, 1, 2, istring))),
    })
}

const STATUS_NAMES: &[&str] = &[
    "MESSAGES",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "DELETED",
    "SIZE",
    "RECENT",
    "HIGHESTMODSEQ",
    "APPENDLIMIT",
    "MAILBOXID",
    "DELETED-STORAGE",
];

fn status_value(u: &mut U) -> StatusValue<'static> {
    use StatusValue as S;
    match pick(u, 12) {
        0 => S::Messages(u32v(u)),
        1 => S::UidNext(nz32(u)),
        2 => S::UidValidity(nz32(u)),
        3 => S::Unseen(u32v(u)),
        4 => S::Deleted(u32v(u)),
        5 => S::Size(n64(u)),
        6 => S::Recent(u32v(u)),
        7 => S::HighestModSeq(n64(u)),
        8 => S::AppendLimit(opt(u, n64)),
        9 => S::MailboxId(object_id(u)),
        10 => S::DeletedStorage(n64(u)),
        _ => {
            let a = atom(u);
            if STATUS_NAMES.iter().any(|k| a.eq_ignore_ascii_case(k)) {
                S::Messages(0)
            } else {
                S::Other(a, tagged_ext_value(u))
            }
        }
    }
}

fn esearch(u: &mut U) -> EsearchResponse<'static> {
    use EsearchData as E;
    const KNOWN: [&str; 10] = [
        "MIN",
        "MAX",
        "ALL",
        "COUNT",
        "MODSEQ",
        "UID",
        "ADDTO",
        "REMOVEFROM",
        "RELEVANCY",
        "PARTIAL",
    ];
    let updates = |u: &mut U| vec1_of(u, 3, |u| (u32v(u), sequence_set(u)));
    EsearchResponse {
        tag: opt(u, istring),
        uid: flip(u),
        data: vec_of(u, 0, 4, |u| match pick(u, 10) {
            0 => E::Min(nz32(u)),
            1 => E::Max(nz32(u)),
            2 => E::All(sequence_set(u)),
            3 => E::Count(u32v(u)),
            4 => E::ModSeq(nz64(u)),
            5 => E::AddTo(updates(u)),
            6 => E::RemoveFrom(updates(u)),
            7 => E::Relevancy(vec_of(u, 0, 4, |u| {
                RelevancyScore::new(int(u, 1, 100) as u32).expect("1 to 100")
            })),
            8 => E::Partial {
                range: partial_range(u),
                results: opt(u, sequence_set),
            },
            _ => {
                let name = atom(u);
                if KNOWN.iter().any(|k| name.eq_ignore_ascii_case(k)) {
                    E::Count(0)
                } else {
                    E::Other {
                        name,
                        value: tagged_ext_value(u),
                    }
                }
            }
        }),
    }
}

fn thread(u: &mut U, depth: u32) -> ThreadNode {
    let ids = vec_of(u, 0, 3, nz32);
    let children = if depth < MAX_DEPTH && pick(u, 3) == 0 {
        vec_of(u, 2, 3, |u| thread(u, depth + 1))
    } else {
        Vec::new()
    };
    ThreadNode::new(ids, children)
        .unwrap_or_else(|_| ThreadNode::new(vec![NonZeroU32::MIN], Vec::new()).unwrap())
}

fn address(u: &mut U) -> Address<'static> {
    Address {
        name: nstring(u),
        adl: nstring(u),
        mailbox: nstring(u),
        host: nstring(u),
    }
}

fn envelope(u: &mut U) -> Envelope<'static> {
    Envelope {
        date: nstring(u),
        subject: nstring(u),
        from: vec_of(u, 0, 2, address),
        sender: vec_of(u, 0, 2, address),
        reply_to: vec_of(u, 0, 2, address),
        to: vec_of(u, 0, 2, address),
        cc: vec_of(u, 0, 2, address),
        bcc: vec_of(u, 0, 2, address),
        in_reply_to: nstring(u),
        message_id: nstring(u),
    }
}

fn params(u: &mut U) -> BodyParams<'static> {
    vec_of(u, 0, 2, |u| (istring(u), istring(u)))
}

fn body_extension(u: &mut U, depth: u32) -> BodyExtension<'static> {
    match pick(u, 3) {
        0 => BodyExtension::NString(nstring(u)),
        1 => BodyExtension::Number(n64(u)),
        // An empty list is written as NIL: at least one item.
        _ if depth < MAX_DEPTH => {
            BodyExtension::List(vec_of(u, 1, 2, |u| body_extension(u, depth + 1)))
        }
        _ => BodyExtension::Number(0),
    }
}

fn ext_tail(u: &mut U) -> Option<BodyExtTail<'static>> {
    opt(u, |u| BodyExtTail {
        disposition: opt(u, |u| Disposition {
            kind: istring(u),
            params: params(u),
        }),
        language: opt(u, |u| BodyLanguage {
            languages: vec_of(u, 0, 3, istring),
            location: opt(u, |u| BodyLocation {
                location: nstring(u),
                extensions: vec_of(u, 0, 3, |u| body_extension(u, 0)),
            }),
        }),
    })
}

fn body_fields(u: &mut U) -> BodyFields<'static> {
    BodyFields {
        params: params(u),
        id: nstring(u),
        description: nstring(u),
        encoding: istring(u),
        octets: u32v(u),
    }
}

fn single_ext(u: &mut U) -> Option<SinglePartExt<'static>> {
    opt(u, |u| SinglePartExt {
        md5: nstring(u),
        tail: ext_tail(u),
    })
}

/// `name` in a random case, as a quoted string or a literal.
fn spelled(u: &mut U, name: &str) -> IString<'static> {
    let s: Vec<u8> = name
        .bytes()
        .map(|b| if flip(u) { b.to_ascii_lowercase() } else { b })
        .collect();
    if pick(u, 4) == 0 {
        IString::Literal(Literal::new(s).unwrap().with_mode(mode(u)))
    } else {
        IString::Quoted(Quoted::new(s).unwrap())
    }
}

fn is_special_type(t: &IString<'_>, s: &IString<'_>) -> bool {
    t.as_bytes().eq_ignore_ascii_case(b"TEXT")
        || (t.as_bytes().eq_ignore_ascii_case(b"MESSAGE")
            && (s.as_bytes().eq_ignore_ascii_case(b"RFC822")
                || s.as_bytes().eq_ignore_ascii_case(b"GLOBAL")))
}

fn body_structure(u: &mut U, depth: u32) -> BodyStructure<'static> {
    let n = if depth >= MAX_DEPTH { 2 } else { 4 };
    match pick(u, n) {
        0 => {
            let (mut media_type, subtype) = (istring(u), istring(u));
            // TEXT/* and MESSAGE/RFC822|GLOBAL have their own fields: not basic.
            if is_special_type(&media_type, &subtype) {
                media_type = spelled(u, "APPLICATION");
            }
            BodyStructure::Single {
                body: SinglePart {
                    media_type,
                    subtype,
                    fields: body_fields(u),
                    specific: SpecificFields::Basic,
                },
                ext: single_ext(u),
            }
        }
        1 => BodyStructure::Single {
            body: SinglePart {
                media_type: spelled(u, "TEXT"),
                subtype: istring(u),
                fields: body_fields(u),
                specific: SpecificFields::Text { lines: n64(u) },
            },
            ext: single_ext(u),
        },
        2 => BodyStructure::Multi {
            parts: vec_of(u, 1, 3, |u| body_structure(u, depth + 1)),
            subtype: istring(u),
            ext: opt(u, |u| MultiPartExt {
                params: params(u),
                tail: ext_tail(u),
            }),
        },
        _ => {
            let subtype = if flip(u) { "RFC822" } else { "GLOBAL" };
            BodyStructure::Single {
                body: SinglePart {
                    media_type: spelled(u, "MESSAGE"),
                    subtype: spelled(u, subtype),
                    fields: body_fields(u),
                    specific: SpecificFields::Message {
                        envelope: Box::new(envelope(u)),
                        body: Box::new(body_structure(u, depth + 1)),
                        lines: n64(u),
                    },
                },
                ext: single_ext(u),
            }
        }
    }
}

fn fetch_data(u: &mut U) -> FetchData<'static> {
    use FetchData as F;
    match pick(u, 23) {
        0 => F::Flags(vec_of(u, 0, 4, flag_fetch)),
        1 => F::Envelope(Box::new(envelope(u))),
        2 => F::InternalDate(date_time(u)),
        3 => F::Rfc822(nstring(u)),
        4 => F::Rfc822Header(nstring(u)),
        5 => F::Rfc822Text(nstring(u)),
        6 => F::Rfc822Size(n64(u)),
        7 => F::Body(Box::new(body_structure(u, 0))),
        8 => F::BodyStructure(Box::new(body_structure(u, 0))),
        9 => F::BodySection {
            section: section(u),
            origin: opt(u, u32v),
            data: nstring(u),
        },
        10 => F::Binary {
            section: opt(u, section_part),
            origin: opt(u, u32v),
            data: nstring8(u),
        },
        11 => F::BinarySize {
            section: opt(u, section_part),
            size: u32v(u),
        },
        12 => F::Uid(nz32(u)),
        13 => F::ModSeq(nz64(u)),
        14 => F::EmailId(object_id(u)),
        15 => F::ThreadId(opt(u, object_id)),
        16 => F::SaveDate(opt(u, date_time)),
        17 => F::Preview(nstring(u)),
        18 => F::GmMsgId(n64(u)),
        19 => F::GmThrId(n64(u)),
        20 => F::GmLabels(vec_of(u, 0, 3, gm_label)),
        // Names are RFC 4466 `tagged-ext-label`s; the parser reads them all, and the
        // constructor refuses anything else (found by this target: it used to take any atom).
        21 => {
            let name = Atom::new(token(
                u,
                |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':' | b'>'),
                12,
            ))
            .unwrap_or_else(|_| Atom::new("SNIPPET").unwrap());
            FetchData::other(name, tagged_ext_value(u)).unwrap_or(F::Uid(NonZeroU32::MIN))
        }
        _ => F::Body(Box::new(body_structure(u, 0))),
    }
}

fn untagged(u: &mut U) -> UntaggedResponse<'static> {
    use UntaggedResponse as R;
    match pick(u, 29) {
        0 => R::Status {
            condition: [
                Condition::Ok,
                Condition::No,
                Condition::Bad,
                Condition::PreAuth,
                Condition::Bye,
            ][pick(u, 5)],
            text: resp_text(u),
        },
        1 => R::Capability(vec_of(u, 1, 5, capability)),
        2 => R::Enabled(vec_of(u, 0, 3, capability)),
        3 => R::List(list_response(u)),
        4 => R::Lsub(list_response(u)),
        5 => R::Namespace(NamespaceResponse {
            personal: namespaces(u),
            other_users: namespaces(u),
            shared: namespaces(u),
        }),
        6 => R::MailboxStatus(MailboxStatus {
            mailbox: mailbox(u),
            items: vec_of(u, 0, 4, status_value),
        }),
        7 => R::Search {
            ids: vec_of(u, 0, 5, nz32),
            modseq: opt(u, nz64),
        },
        8 => R::Sort {
            ids: vec_of(u, 0, 5, nz32),
            modseq: opt(u, nz64),
        },
        9 => R::Esearch(esearch(u)),
        10 => R::Flags(vec_of(u, 0, 5, flag_fetch)),
        11 => R::Exists(u32v(u)),
        12 => R::Recent(u32v(u)),
        13 => R::Expunge(nz32(u)),
        14 => R::Vanished {
            earlier: flip(u),
            uids: sequence_set(u),
        },
        15..=17 => R::Fetch {
            seq: nz32(u),
            items: vec_of(u, 1, 4, fetch_data),
        },
        18 => R::Id(opt(u, |u| vec_of(u, 0, 3, |u| (istring(u), nstring(u))))),
        19 => R::Quota {
            root: astring(u),
            resources: vec_of(u, 0, 3, |u| QuotaUsage {
                resource: quota_resource(u),
                usage: n64(u),
                limit: n64(u),
            }),
        },
        20 => R::QuotaRoot {
            mailbox: mailbox(u),
            roots: vec_of(u, 0, 3, astring),
        },
        21 => R::Metadata {
            mailbox: mailbox(u),
            data: if flip(u) {
                MetadataData::Values(vec_of(u, 1, 3, |u| (astring(u), nstring8(u))))
            } else {
                MetadataData::Entries(vec_of(u, 1, 3, astring))
            },
        },
        22 => R::Thread(vec_of(u, 0, 3, |u| thread(u, 0))),
        24 => R::UidFetch {
            uid: nz32(u),
            items: vec_of(u, 1, 4, fetch_data),
        },
        25 => R::Acl {
            mailbox: mailbox(u),
            entries: vec_of(u, 0, 3, |u| AclEntry {
                identifier: astring(u),
                rights: astring(u),
            }),
        },
        26 => R::ListRights {
            mailbox: mailbox(u),
            identifier: astring(u),
            required: astring(u),
            optional: vec_of(u, 0, 3, astring),
        },
        27 => R::MyRights {
            mailbox: mailbox(u),
            rights: astring(u),
        },
        23 => {
            // `* <number> <name> …` with a name that is not typed (those re-parse as their
            // typed response). Letters, digits, `-` and `.`: the parser decides on that
            // prefix of the name whether it is typed (`FETCH[` is a bad FETCH).
            const KNOWN: [&str; 5] = ["EXISTS", "RECENT", "EXPUNGE", "FETCH", "UIDFETCH"];
            let number = u32v(u);
            let name = Atom::new(token(
                u,
                |b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.',
                10,
            ))
            .unwrap_or_else(|_| Atom::new("NOOP").unwrap());
            let rest = token(u, |b| (0x20..0x7f).contains(&b), 20);
            let rest = rest.trim_start_matches(' ').to_string();
            match UnknownData::new(rest.into_bytes()) {
                Ok(rest) if !KNOWN.iter().any(|k| name.eq_ignore_ascii_case(k)) => {
                    R::OtherNumeric { number, name, rest }
                }
                _ => R::Exists(number),
            }
        }
        _ => {
            let name = format!("X{}", token(u, |b| b.is_ascii_uppercase() || b == b'-', 8));
            let rest = token(u, |b| (0x20..0x7f).contains(&b), 20);
            let rest = rest.trim_start_matches(' ').to_string();
            match (Atom::new(name), UnknownData::new(rest.into_bytes())) {
                (Ok(name), Ok(rest)) => R::Other { name, rest },
                _ => R::Exists(0),
            }
        }
    }
}

fn response(u: &mut U) -> Response<'static> {
    match pick(u, 6) {
        0 => Response::Tagged(TaggedResponse {
            tag: tag(u),
            state: [State::Ok, State::No, State::Bad][pick(u, 3)],
            text: resp_text(u),
        }),
        1 => Response::Continue(resp_text(u)),
        _ => Response::Untagged(untagged(u)),
    }
}

// ---- checks -------------------------------------------------------------------------------

const OPTIONS: [(LiteralPolicy, bool); 8] = [
    (LiteralPolicy::AsIs, true),
    (LiteralPolicy::Sync, true),
    (LiteralPolicy::LiteralPlus, true),
    (LiteralPolicy::LiteralMinus, true),
    (LiteralPolicy::AsIs, false),
    (LiteralPolicy::Sync, false),
    (LiteralPolicy::LiteralPlus, false),
    (LiteralPolicy::LiteralMinus, false),
];

/// A command or a response: parsed back as an owned value.
trait Value: Encode + PartialEq + std::fmt::Debug + Sized {
    fn parse(input: &[u8], cfg: &ParseConfig) -> Result<Status<(Self, usize)>, ParseError>;
}

impl Value for Command<'static> {
    fn parse(input: &[u8], cfg: &ParseConfig) -> Result<Status<(Self, usize)>, ParseError> {
        parse_command(input, cfg).map(|s| match s {
            Status::Complete((c, n)) => Status::Complete((c.into_owned(), n)),
            Status::Incomplete(n) => Status::Incomplete(n),
        })
    }
}

impl Value for Response<'static> {
    fn parse(input: &[u8], cfg: &ParseConfig) -> Result<Status<(Self, usize)>, ParseError> {
        parse_response(input, cfg).map(|s| match s {
            Status::Complete((r, n)) => Status::Complete((r.into_owned(), n)),
            Status::Incomplete(n) => Status::Incomplete(n),
        })
    }
}

fn encode_with<T: Encode + ?Sized>(x: &T, options: EncodeOptions) -> Encoder {
    let mut e = Encoder::with_options(options);
    x.encode(&mut e);
    e
}

fn check<T: Value>(x: &T) {
    let configs = [ParseConfig::default(), ParseConfig::strict()];
    for (i, &(policy, utf8)) in OPTIONS.iter().enumerate() {
        let options = EncodeOptions::new(policy, utf8);
        let e = encode_with(x, options);
        let wire = e.as_bytes();
        let show = || String::from_utf8_lossy(wire).into_owned();
        if i == 0 {
            assert_eq!(wire, &x.to_bytes()[..], "default options");
        }

        // Fragments put back together are the encoding.
        let mut joined = Vec::new();
        let mut literals = 0;
        for f in e.fragments() {
            match f {
                Fragment::Line(l) => joined.extend_from_slice(l),
                Fragment::Literal { data, .. } => {
                    literals += 1;
                    joined.extend_from_slice(data);
                }
            }
        }
        assert_eq!(joined, wire, "fragments of {:?}", show());

        // Parse back, with both configurations.
        for cfg in &configs {
            match T::parse(wire, cfg) {
                Ok(Status::Complete((back, used))) => {
                    assert_eq!(used, wire.len(), "{:?}", show());
                    if i == 0 {
                        assert_eq!(&back, x, "{:?}", show());
                    } else {
                        // Literal modes and quoted-as-literal may differ: the parsed value
                        // must encode (same options) to the same bytes.
                        let again = encode_with(&back, options);
                        assert_eq!(
                            String::from_utf8_lossy(again.as_bytes()),
                            show(),
                            "{policy:?}/{utf8}: {x:?} parsed as {back:?}"
                        );
                    }
                }
                other => panic!(
                    "{policy:?}/{utf8}: {x:?} encoded as {:?} parsed as {other:?}",
                    show()
                ),
            }
        }

        // The framer finds one frame, the whole encoding, at once and byte by byte.
        let cfg = &configs[0];
        match Framer::new(cfg).next_frame(wire) {
            Ok(Status::Complete(f)) => {
                assert_eq!(f.len, wire.len(), "frame of {:?}", show());
                assert_eq!(f.literals, literals, "literals of {:?}", show());
            }
            other => panic!("framing {:?}: {other:?}", show()),
        }
        let mut framer = Framer::new(cfg);
        for end in 1..=wire.len() {
            match framer.next_frame(&wire[..end]) {
                Ok(Status::Incomplete(_)) if end < wire.len() => {}
                Ok(Status::Complete(f)) if end == wire.len() => assert_eq!(f.len, end),
                other => panic!("framing {:?} byte by byte, at {end}: {other:?}", show()),
            }
        }

        // Two in a row, delivered in chunks: two frames, each parsing to the value.
        if i == 0 {
            let mut stream = wire.to_vec();
            stream.extend_from_slice(wire);
            let chunk = 1 + wire.len() / 3;
            let mut framer = Framer::new(cfg);
            let mut buf = Vec::new();
            let mut frames = 0;
            for piece in stream.chunks(chunk) {
                buf.extend_from_slice(piece);
                while let Status::Complete(f) = framer.next_frame(&buf).expect("framing") {
                    assert_eq!(f.len, wire.len(), "stream of {:?}", show());
                    match T::parse(&buf[..f.len], cfg) {
                        Ok(Status::Complete((back, used))) => {
                            assert_eq!(used, f.len);
                            assert_eq!(&back, x, "stream of {:?}", show());
                        }
                        other => panic!("stream of {:?}: {other:?}", show()),
                    }
                    buf.drain(..f.len);
                    frames += 1;
                }
            }
            assert_eq!((frames, buf.len()), (2, 0), "stream of {:?}", show());
        }

        // Every proper prefix is incomplete (all of them for the first options and short
        // encodings, a sample otherwise).
        let step = if i == 0 && wire.len() <= 1024 {
            1
        } else if i == 0 {
            1 + wire.len() / 256
        } else {
            1 + wire.len() / 32
        };
        for end in (0..wire.len()).step_by(step) {
            let prefix = &wire[..end];
            assert!(
                matches!(T::parse(prefix, cfg), Ok(Status::Incomplete(_))),
                "{policy:?}/{utf8}: prefix {end} of {:?}: {:?}",
                show(),
                T::parse(prefix, cfg)
            );
            assert!(
                matches!(
                    Framer::new(cfg).next_frame(prefix),
                    Ok(Status::Incomplete(_))
                ),
                "framer, prefix {end} of {:?}",
                show()
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if flip(&mut u) {
        check(&command(&mut u));
    } else {
        check(&response(&mut u));
    }
});
