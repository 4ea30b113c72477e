//! Proptest strategies for the core types, shared by the property tests of the core, the
//! commands and the responses.
#![allow(dead_code)]

use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::types::*;
use proptest::prelude::*;

pub fn chars_of(class: fn(u8) -> bool) -> Vec<u8> {
    (0u8..=255).filter(|&b| class(b)).collect()
}

pub fn token(class: fn(u8) -> bool, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(chars_of(class)), 1..max)
        .prop_map(|v| String::from_utf8(v).unwrap())
}

pub fn tag() -> impl Strategy<Value = Tag<'static>> {
    token(is_tag_char, 12).prop_map(|s| Tag::new(s).unwrap())
}

pub fn atom() -> impl Strategy<Value = Atom<'static>> {
    token(is_atom_char, 12).prop_map(|s| Atom::new(s).unwrap())
}

pub fn atom_ext() -> impl Strategy<Value = AtomExt<'static>> {
    token(is_astring_char, 12).prop_map(|s| AtomExt::new(s).unwrap())
}

/// Quotable content: 7-bit text characters, or any Unicode text without CR, LF, NUL.
pub fn quotable() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(chars_of(is_text_char)), 0..30),
        "[^\r\n\0]{0,20}".prop_map(String::into_bytes),
    ]
}

pub fn quoted() -> impl Strategy<Value = Quoted<'static>> {
    quotable().prop_map(|v| Quoted::new(v).unwrap())
}

pub fn mode() -> impl Strategy<Value = LiteralMode> {
    prop_oneof![Just(LiteralMode::Sync), Just(LiteralMode::NonSync)]
}

pub fn literal() -> impl Strategy<Value = Literal<'static>> {
    (proptest::collection::vec(1u8..=255, 0..40), mode())
        .prop_map(|(v, m)| Literal::new(v).unwrap().with_mode(m))
}

pub fn literal8() -> impl Strategy<Value = Literal<'static>> {
    (proptest::collection::vec(any::<u8>(), 0..40), mode())
        .prop_map(|(v, m)| Literal::binary(v).with_mode(m))
}

pub fn istring() -> impl Strategy<Value = IString<'static>> {
    prop_oneof![
        quoted().prop_map(IString::Quoted),
        literal().prop_map(IString::Literal),
        proptest::collection::vec(1u8..=255, 0..40).prop_map(|v| IString::new(v).unwrap()),
    ]
}

pub fn astring() -> impl Strategy<Value = AString<'static>> {
    prop_oneof![
        atom_ext().prop_map(AString::Atom),
        istring().prop_map(AString::String),
    ]
}

pub fn nstring() -> impl Strategy<Value = NString<'static>> {
    proptest::option::of(istring()).prop_map(NString)
}

pub fn seq_number() -> impl Strategy<Value = SeqNumber> {
    prop_oneof![
        1 => Just(SeqNumber::Largest),
        4 => (1u32..=u32::MAX).prop_map(|n| SeqNumber::Value(NonZeroU32::new(n).unwrap())),
        4 => (1u32..50).prop_map(|n| SeqNumber::Value(NonZeroU32::new(n).unwrap())),
    ]
}

pub fn sequence_set() -> impl Strategy<Value = SequenceSet<'static>> {
    let item = prop_oneof![
        seq_number().prop_map(SeqItem::Number),
        (seq_number(), seq_number()).prop_map(|(a, b)| SeqItem::Range(a, b)),
    ];
    (proptest::collection::vec(item, 0..6), any::<bool>()).prop_filter_map(
        "non-empty",
        |(mut items, saved)| {
            if saved {
                items.push(SeqItem::Saved);
            }
            SequenceSet::from_items(items).ok()
        },
    )
}

pub fn flag() -> impl Strategy<Value = Flag<'static>> {
    prop_oneof![
        Just(Flag::Answered),
        Just(Flag::Flagged),
        Just(Flag::Deleted),
        Just(Flag::Seen),
        Just(Flag::Draft),
        atom().prop_map(Flag::Keyword),
        atom().prop_filter_map("not a system flag", |a| FlagExtension::from_atom(a)
            .ok()
            .map(Flag::Extension)),
    ]
}

pub fn flag_fetch() -> impl Strategy<Value = FlagFetch<'static>> {
    prop_oneof![flag().prop_map(FlagFetch::Flag), Just(FlagFetch::Recent)]
}

pub fn flag_perm() -> impl Strategy<Value = FlagPerm<'static>> {
    prop_oneof![flag().prop_map(FlagPerm::Flag), Just(FlagPerm::Wildcard)]
}

pub fn mailbox() -> impl Strategy<Value = Mailbox<'static>> {
    prop_oneof![
        astring().prop_map(Mailbox::new),
        "[^\0]{0,12}".prop_map(|s| Mailbox::from_utf8(&s).unwrap()),
        Just(Mailbox::Inbox),
        "(?i:inbox)".prop_map(|s| Mailbox::from_bytes(s.into_bytes()).unwrap()),
    ]
}

pub fn charset() -> impl Strategy<Value = Charset<'static>> {
    prop_oneof![
        atom().prop_map(Charset::Atom),
        quoted().prop_map(Charset::Quoted),
    ]
}

pub fn date() -> impl Strategy<Value = Date> {
    (0u16..=9999, 1u8..=12, 1u8..=31).prop_filter_map("valid", |(y, m, d)| Date::new(y, m, d).ok())
}

pub fn date_time() -> impl Strategy<Value = DateTime> {
    (date(), 0u8..24, 0u8..60, 0u8..=60, -5999i16..=5999)
        .prop_filter_map("valid", |(d, h, m, s, z)| DateTime::new(d, h, m, s, z).ok())
}

pub fn section_part() -> impl Strategy<Value = SectionPart<'static>> {
    proptest::collection::vec(1u32..=u32::MAX, 1..5).prop_map(|v| {
        let v: Vec<NonZeroU32> = v.into_iter().map(|n| NonZeroU32::new(n).unwrap()).collect();
        SectionPart::from_numbers(&v).unwrap()
    })
}

pub fn section() -> impl Strategy<Value = Section<'static>> {
    let fields = || proptest::collection::vec(astring(), 1..4);
    let text = prop_oneof![
        Just(SectionText::Header),
        Just(SectionText::Text),
        Just(SectionText::Mime),
        fields().prop_map(SectionText::HeaderFields),
        fields().prop_map(SectionText::HeaderFieldsNot),
    ];
    (
        proptest::option::of(section_part()),
        proptest::option::of(text),
    )
        .prop_filter_map("valid", |(p, t)| Section::new(p, t).ok())
}

pub fn partial() -> impl Strategy<Value = Partial> {
    (0..=i64::MAX as u64, 1..=i64::MAX as u64).prop_map(|(offset, len)| Partial {
        offset,
        length: NonZeroU64::new(len).unwrap(),
    })
}

pub fn capability() -> impl Strategy<Value = Capability<'static>> {
    let known = proptest::sample::select(vec![
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
    ]);
    prop_oneof![
        known.prop_map(|s| Capability::from_atom(Atom::new(s).unwrap())),
        atom().prop_map(Capability::from_atom),
    ]
}

/// `url-resp-text` of BADURL (RFC 4469 §5).
pub fn url_text() -> impl Strategy<Value = UrlText<'static>> {
    // Text but `]`, controls and UTF-8 included (RFC 4469 erratum 2002), not starting with a
    // space (see `UrlText::new`).
    "[!-\\\\^-~\t\u{e9}][ -\\\\^-~\t\u{1}\u{e9}\u{20ac}]{0,29}"
        .prop_map(|s| UrlText::new(s).unwrap())
}

/// RFC 9394 §5 `partial-range`: either form, the numbers in any order.
pub fn partial_range() -> impl Strategy<Value = PartialRange> {
    (any::<bool>(), 1..=u32::MAX, 1..=u32::MAX).prop_map(|(last, a, b)| {
        if last {
            PartialRange::last(a, b)
        } else {
            PartialRange::first(a, b)
        }
        .unwrap()
    })
}

/// A relevancy score, 1 to 100 (RFC 6203 §4).
pub fn relevancy_score() -> impl Strategy<Value = RelevancyScore> {
    (1u32..=100).prop_map(|n| RelevancyScore::new(n).unwrap())
}

/// `context-position SP sequence-set` pairs of ADDTO/REMOVEFROM (RFC 5267 §4.3.2).
pub fn context_updates() -> impl Strategy<Value = Vec1<(u32, SequenceSet<'static>)>> {
    proptest::collection::vec((any::<u32>(), sequence_set()), 1..4)
        .prop_map(|v| Vec1::new(v).unwrap())
}

/// A CATENATE part (RFC 4469 §5, RFC 6855 §4).
pub fn catenate_part() -> impl Strategy<Value = CatenatePart<'static>> {
    prop_oneof![
        astring().prop_map(CatenatePart::Url),
        literal().prop_map(CatenatePart::Text),
        literal8().prop_map(CatenatePart::Utf8),
    ]
}

/// The data of an APPEND message: literal, literal8, `UTF8 (literal8)` or CATENATE.
pub fn append_data() -> impl Strategy<Value = AppendData<'static>> {
    prop_oneof![
        literal().prop_map(AppendData::Literal),
        literal8().prop_map(AppendData::Literal),
        literal8().prop_map(AppendData::Utf8),
        proptest::collection::vec(catenate_part(), 1..4)
            .prop_map(|v| AppendData::Catenate(Vec1::new(v).unwrap())),
    ]
}

/// An RFC 4466 §3 `tagged-ext-label` (a letter, `-`, `_` or `.`, then those, digits and `:`).
pub fn tagged_ext_label() -> impl Strategy<Value = Atom<'static>> {
    "[A-Za-z_.-][A-Za-z0-9_.:-]{0,10}".prop_map(|s| Atom::new(s).unwrap())
}

fn tagged_ext_comp() -> impl Strategy<Value = TaggedExtComp<'static>> {
    astring()
        .prop_map(TaggedExtComp::AString)
        .prop_recursive(3, 12, 3, |inner| {
            proptest::collection::vec(inner, 0..3).prop_map(TaggedExtComp::List)
        })
}

/// The value of a generic command parameter or modifier (RFC 4466 §3 `tagged-ext-val`): a
/// `number64`, a sequence set that is not a plain number, or a parenthesized list; never a
/// lone string (that would read as the next parameter's name).
pub fn param_value() -> impl Strategy<Value = TaggedExtValue<'static>> {
    prop_oneof![
        (0u64..=NUMBER64_MAX).prop_map(TaggedExtValue::Number),
        sequence_set()
            .prop_filter("not a plain number", |s| !s
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_digit()))
            .prop_map(TaggedExtValue::SequenceSet),
        proptest::collection::vec(tagged_ext_comp(), 0..3).prop_map(TaggedExtValue::Comp),
    ]
}

/// A generic parameter or modifier, `name [SP value]`, built with `make` (the `other`
/// constructor of the parameter type, which refuses the names the crate types).
pub fn param_other<T: std::fmt::Debug>(
    make: fn(Atom<'static>, Option<TaggedExtValue<'static>>) -> Result<T, ValueError>,
) -> impl Strategy<Value = T> {
    (tagged_ext_label(), proptest::option::of(param_value()))
        .prop_filter_map("not a typed name", move |(n, v)| make(n, v).ok())
}
