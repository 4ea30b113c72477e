//! SEARCH keys (RFC 9051 §6.4.4, RFC 3501 §6.4.4 and extensions), SORT criteria and THREAD
//! algorithms (RFC 5256).

use std::borrow::Cow;
use std::num::NonZeroU32;

use super::{AString, Atom, Date, Flag, SequenceSet, ValueError, Vec1};

type VResult<T> = Result<T, ValueError>;

/// A search key (RFC 9051 §6.4.4, §9 `search-key`; RFC 3501 §6.4.4 for `NEW`, `OLD`, `RECENT`;
/// `MODSEQ` of RFC 7162 §3.1.5; `OLDER`/`YOUNGER` of RFC 5032; `EMAILID`/`THREADID` of RFC
/// 8474 §6; `SAVEDBEFORE`/`SAVEDON`/`SAVEDSINCE`/`SAVEDATESUPPORTED` of RFC 8514; Gmail's
/// `X-GM-RAW`, `X-GM-MSGID`, `X-GM-THRID`, `X-GM-LABELS`).
///
/// Nesting (`NOT`, `OR`, parentheses) is bounded by
/// [`ParseConfig::max_depth`](crate::parse::ParseConfig::max_depth) when parsing. A value built
/// by hand is encoded recursively: keep its depth reasonable (a few thousand levels).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchKey<'a> {
    /// `ALL`.
    All,
    /// `ANSWERED`.
    Answered,
    /// `BCC string`.
    Bcc(AString<'a>),
    /// `BEFORE date`.
    Before(Date),
    /// `BODY string`.
    Body(AString<'a>),
    /// `CC string`.
    Cc(AString<'a>),
    /// `DELETED`.
    Deleted,
    /// `DRAFT`.
    Draft,
    /// `FLAGGED`.
    Flagged,
    /// `FROM string`.
    From(AString<'a>),
    /// `HEADER field-name string`.
    Header(AString<'a>, AString<'a>),
    /// `KEYWORD flag-keyword`.
    Keyword(Atom<'a>),
    /// `LARGER n` (`number64`).
    Larger(u64),
    /// `NEW` (IMAP4rev1).
    New,
    /// `NOT key`.
    Not(Box<SearchKey<'a>>),
    /// `FUZZY search-key` (RFC 6203 §3): the key may match approximately.
    Fuzzy(Box<SearchKey<'a>>),
    /// `OLD` (IMAP4rev1).
    Old,
    /// `ON date`.
    On(Date),
    /// `OR key key`.
    Or(Box<SearchKey<'a>>, Box<SearchKey<'a>>),
    /// `RECENT` (IMAP4rev1).
    Recent,
    /// `SEEN`.
    Seen,
    /// `SENTBEFORE date`.
    SentBefore(Date),
    /// `SENTON date`.
    SentOn(Date),
    /// `SENTSINCE date`.
    SentSince(Date),
    /// `SINCE date`.
    Since(Date),
    /// `SMALLER n` (`number64`).
    Smaller(u64),
    /// `SUBJECT string`.
    Subject(AString<'a>),
    /// `TEXT string`.
    Text(AString<'a>),
    /// `TO string`.
    To(AString<'a>),
    /// `UID set`.
    Uid(SequenceSet<'a>),
    /// `UNANSWERED`.
    Unanswered,
    /// `UNDELETED`.
    Undeleted,
    /// `UNDRAFT`.
    Undraft,
    /// `UNFLAGGED`.
    Unflagged,
    /// `UNKEYWORD flag-keyword`.
    Unkeyword(Atom<'a>),
    /// `UNSEEN`.
    Unseen,
    /// A message sequence set (`$` for the saved result, RFC 5182).
    SequenceSet(SequenceSet<'a>),
    /// `(key ...)`: all of the keys.
    And(Vec1<SearchKey<'a>>),
    /// `MODSEQ ["/flags/<flag>" priv|shared|all] n` (RFC 7162 §3.1.5).
    ModSeq {
        /// The metadata item (a flag) and its type.
        entry: Option<(Flag<'a>, EntryType)>,
        /// The mod-sequence (`mod-sequence-valzer`).
        value: u64,
    },
    /// `OLDER seconds` (RFC 5032).
    Older(NonZeroU32),
    /// `YOUNGER seconds` (RFC 5032).
    Younger(NonZeroU32),
    /// `EMAILID objectid` (RFC 8474 §6).
    EmailId(ObjectId<'a>),
    /// `THREADID objectid` (RFC 8474 §6).
    ThreadId(ObjectId<'a>),
    /// `SAVEDBEFORE date` (RFC 8514).
    SavedBefore(Date),
    /// `SAVEDON date` (RFC 8514).
    SavedOn(Date),
    /// `SAVEDSINCE date` (RFC 8514).
    SavedSince(Date),
    /// `SAVEDATESUPPORTED` (RFC 8514).
    SaveDateSupported,
    /// `X-GM-RAW string` (Gmail search syntax).
    GmRaw(AString<'a>),
    /// `X-GM-MSGID n` (Gmail).
    GmMsgId(u64),
    /// `X-GM-THRID n` (Gmail).
    GmThrId(u64),
    /// `X-GM-LABELS label` (Gmail).
    GmLabels(AString<'a>),
}

impl<'a> SearchKey<'a> {
    /// `OR a b`.
    pub fn or(a: SearchKey<'a>, b: SearchKey<'a>) -> Self {
        SearchKey::Or(Box::new(a), Box::new(b))
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> SearchKey<'static> {
        use SearchKey as K;
        match self {
            K::All => K::All,
            K::Answered => K::Answered,
            K::Bcc(s) => K::Bcc(s.into_owned()),
            K::Before(d) => K::Before(d),
            K::Body(s) => K::Body(s.into_owned()),
            K::Cc(s) => K::Cc(s.into_owned()),
            K::Deleted => K::Deleted,
            K::Draft => K::Draft,
            K::Flagged => K::Flagged,
            K::From(s) => K::From(s.into_owned()),
            K::Header(a, b) => K::Header(a.into_owned(), b.into_owned()),
            K::Keyword(a) => K::Keyword(a.into_owned()),
            K::Larger(n) => K::Larger(n),
            K::New => K::New,
            K::Not(k) => K::Not(Box::new(k.into_owned())),
            K::Fuzzy(k) => K::Fuzzy(Box::new(k.into_owned())),
            K::Old => K::Old,
            K::On(d) => K::On(d),
            K::Or(a, b) => K::Or(Box::new(a.into_owned()), Box::new(b.into_owned())),
            K::Recent => K::Recent,
            K::Seen => K::Seen,
            K::SentBefore(d) => K::SentBefore(d),
            K::SentOn(d) => K::SentOn(d),
            K::SentSince(d) => K::SentSince(d),
            K::Since(d) => K::Since(d),
            K::Smaller(n) => K::Smaller(n),
            K::Subject(s) => K::Subject(s.into_owned()),
            K::Text(s) => K::Text(s.into_owned()),
            K::To(s) => K::To(s.into_owned()),
            K::Uid(s) => K::Uid(s.into_owned()),
            K::Unanswered => K::Unanswered,
            K::Undeleted => K::Undeleted,
            K::Undraft => K::Undraft,
            K::Unflagged => K::Unflagged,
            K::Unkeyword(a) => K::Unkeyword(a.into_owned()),
            K::Unseen => K::Unseen,
            K::SequenceSet(s) => K::SequenceSet(s.into_owned()),
            K::And(v) => K::And(v.map(SearchKey::into_owned)),
            K::ModSeq { entry, value } => K::ModSeq {
                entry: entry.map(|(f, t)| (f.into_owned(), t)),
                value,
            },
            K::Older(n) => K::Older(n),
            K::Younger(n) => K::Younger(n),
            K::EmailId(o) => K::EmailId(o.into_owned()),
            K::ThreadId(o) => K::ThreadId(o.into_owned()),
            K::SavedBefore(d) => K::SavedBefore(d),
            K::SavedOn(d) => K::SavedOn(d),
            K::SavedSince(d) => K::SavedSince(d),
            K::SaveDateSupported => K::SaveDateSupported,
            K::GmRaw(s) => K::GmRaw(s.into_owned()),
            K::GmMsgId(n) => K::GmMsgId(n),
            K::GmThrId(n) => K::GmThrId(n),
            K::GmLabels(s) => K::GmLabels(s.into_owned()),
        }
    }
}

impl<'a> std::ops::Not for SearchKey<'a> {
    type Output = SearchKey<'a>;

    /// `NOT key`.
    fn not(self) -> SearchKey<'a> {
        SearchKey::Not(Box::new(self))
    }
}

/// The `entry-type-req` of the MODSEQ search key (RFC 7162 §3.1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryType {
    /// `priv`.
    Private,
    /// `shared`.
    Shared,
    /// `all`.
    All,
}

impl EntryType {
    /// The name as written (lower case).
    pub fn name(self) -> &'static str {
        match self {
            EntryType::Private => "priv",
            EntryType::Shared => "shared",
            EntryType::All => "all",
        }
    }
}

/// An object identifier (RFC 8474 §4 `objectid = 1*255(ALPHA / DIGIT / "_" / "-")`), as in
/// `EMAILID`, `THREADID` and `MAILBOXID`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId<'a>(Cow<'a, str>);

/// Whether `b` may appear in an [`ObjectId`].
pub const fn is_objectid_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl<'a> ObjectId<'a> {
    /// Validates 1 to 255 characters of `ALPHA / DIGIT / "_" / "-"`.
    pub fn new(id: impl Into<Cow<'a, str>>) -> VResult<Self> {
        let id = id.into();
        if id.is_empty() {
            return Err(ValueError::Empty("objectid"));
        }
        if id.len() > 255 {
            return Err(ValueError::OutOfRange("objectid length"));
        }
        if let Some(offset) = id.bytes().position(|b| !is_objectid_char(b)) {
            return Err(ValueError::InvalidChar {
                what: "objectid",
                offset,
            });
        }
        Ok(Self(id))
    }

    pub(crate) fn unchecked(id: &'a str) -> Self {
        Self(Cow::Borrowed(id))
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> ObjectId<'static> {
        ObjectId(Cow::Owned(self.0.into_owned()))
    }
}

/// A SORT criterion (RFC 5256 §3 `sort-criterion`): an optional `REVERSE` and a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SortCriterion {
    /// `REVERSE`.
    pub reverse: bool,
    /// The key.
    pub key: SortKey,
}

/// A SORT key (RFC 5256 §3; `DISPLAYFROM`/`DISPLAYTO` of RFC 5957; `RELEVANCY` of RFC 6203 §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SortKey {
    /// `ARRIVAL`.
    Arrival,
    /// `CC`.
    Cc,
    /// `DATE`.
    Date,
    /// `FROM`.
    From,
    /// `SIZE`.
    Size,
    /// `SUBJECT`.
    Subject,
    /// `TO`.
    To,
    /// `DISPLAYFROM`.
    DisplayFrom,
    /// `DISPLAYTO`.
    DisplayTo,
    /// `RELEVANCY` (RFC 6203 §6): by the relevancy score of a FUZZY search.
    Relevancy,
}

impl SortKey {
    /// Every key.
    pub const ALL: [SortKey; 10] = [
        SortKey::Arrival,
        SortKey::Cc,
        SortKey::Date,
        SortKey::From,
        SortKey::Size,
        SortKey::Subject,
        SortKey::To,
        SortKey::DisplayFrom,
        SortKey::DisplayTo,
        SortKey::Relevancy,
    ];

    /// The name.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Arrival => "ARRIVAL",
            SortKey::Cc => "CC",
            SortKey::Date => "DATE",
            SortKey::From => "FROM",
            SortKey::Size => "SIZE",
            SortKey::Subject => "SUBJECT",
            SortKey::To => "TO",
            SortKey::DisplayFrom => "DISPLAYFROM",
            SortKey::DisplayTo => "DISPLAYTO",
            SortKey::Relevancy => "RELEVANCY",
        }
    }

    /// The key named `name`, ignoring case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }
}

/// A THREAD algorithm (RFC 5256 §3 `thread-alg`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ThreadAlgorithm<'a> {
    /// `ORDEREDSUBJECT`.
    OrderedSubject,
    /// `REFERENCES`.
    References,
    /// Another algorithm (`thread-alg-ext`, an atom).
    Other(Atom<'a>),
}

impl<'a> ThreadAlgorithm<'a> {
    /// The algorithm named `name`, ignoring case for the known ones.
    pub fn from_atom(name: Atom<'a>) -> Self {
        if name.eq_ignore_ascii_case("ORDEREDSUBJECT") {
            ThreadAlgorithm::OrderedSubject
        } else if name.eq_ignore_ascii_case("REFERENCES") {
            ThreadAlgorithm::References
        } else {
            ThreadAlgorithm::Other(name)
        }
    }

    /// The name.
    pub fn name(&self) -> &str {
        match self {
            ThreadAlgorithm::OrderedSubject => "ORDEREDSUBJECT",
            ThreadAlgorithm::References => "REFERENCES",
            ThreadAlgorithm::Other(a) => a.as_str(),
        }
    }

    /// A `'static` copy.
    pub fn into_owned(self) -> ThreadAlgorithm<'static> {
        match self {
            ThreadAlgorithm::OrderedSubject => ThreadAlgorithm::OrderedSubject,
            ThreadAlgorithm::References => ThreadAlgorithm::References,
            ThreadAlgorithm::Other(a) => ThreadAlgorithm::Other(a.into_owned()),
        }
    }
}

/// The range of a `PARTIAL` search return option, ESEARCH result or FETCH modifier (RFC 9394
/// §5 `partial-range`, which replaces the one of RFC 5267 §4.4): a window of 1-based
/// positions in the ordered list of results.
///
/// ```text
/// partial-range-first = nz-number ":" nz-number              ; 1:500 from the lowest
/// partial-range-last  = MINUS nz-number ":" MINUS nz-number  ; -1:-100 from the highest
/// ```
///
/// [`First`](Self::First) counts from the first (lowest, or first in SORT order) result,
/// [`Last`](Self::Last) from the last one (`-1` is the last result). The two numbers are kept
/// in the order written: `500:1` is valid and means the same window as `1:500`
/// ([`normalized`](Self::normalized) gives the lower bound first). Mixed signs (`-1:5`) and
/// zero are not part of the grammar, so no value holds them.
///
/// ```
/// use imap_proto::types::PartialRange;
/// let newest = PartialRange::new(-1, -100)?;
/// assert!(newest.is_last());
/// assert_eq!(newest.to_string(), "-1:-100");
/// assert_eq!(newest.normalized(), (1, 100));
/// // Of 250 results, the newest 100 are positions 151 to 250.
/// assert_eq!(newest.positions(250), Some((151, 250)));
///
/// let page = PartialRange::first(501, 1000)?;
/// assert_eq!(page.positions(700), Some((501, 700)));
/// assert_eq!(page.positions(400), None);
///
/// assert!(PartialRange::new(0, 5).is_err());
/// assert!(PartialRange::new(-1, 5).is_err());
/// # Ok::<(), imap_proto::types::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialRange {
    /// `a:b` (`partial-range-first`): positions counted from the first result, `1` being
    /// the first.
    First(NonZeroU32, NonZeroU32),
    /// `-a:-b` (`partial-range-last`): positions counted from the last result, `1` (written
    /// `-1`) being the last. The numbers are stored without their minus sign.
    Last(NonZeroU32, NonZeroU32),
}

impl PartialRange {
    /// A range as written, signs included: both numbers positive gives
    /// [`First`](Self::First), both negative [`Last`](Self::Last). Fails with
    /// [`ValueError::OutOfRange`] for zero or a magnitude above `u32::MAX`, and with
    /// [`ValueError::Invalid`] for mixed signs.
    pub fn new(a: i64, b: i64) -> VResult<Self> {
        let mag = |n: i64| {
            u32::try_from(n.unsigned_abs())
                .ok()
                .and_then(NonZeroU32::new)
                .ok_or(ValueError::OutOfRange("partial range"))
        };
        let (x, y) = (mag(a)?, mag(b)?);
        match (a > 0, b > 0) {
            (true, true) => Ok(PartialRange::First(x, y)),
            (false, false) => Ok(PartialRange::Last(x, y)),
            _ => Err(ValueError::Invalid("partial range (mixed signs)")),
        }
    }

    /// `a:b` counted from the first result; [`ValueError::OutOfRange`] when either is zero.
    pub fn first(a: u32, b: u32) -> VResult<Self> {
        Ok(PartialRange::First(nz_partial(a)?, nz_partial(b)?))
    }

    /// `-a:-b` counted from the last result (`a` and `b` given without the minus sign);
    /// [`ValueError::OutOfRange`] when either is zero.
    pub fn last(a: u32, b: u32) -> VResult<Self> {
        Ok(PartialRange::Last(nz_partial(a)?, nz_partial(b)?))
    }

    /// Whether the range counts from the last result (`-a:-b`).
    pub fn is_last(self) -> bool {
        matches!(self, PartialRange::Last(..))
    }

    /// The two numbers as written, without the minus sign of a [`Last`](Self::Last) range.
    pub fn bounds(self) -> (NonZeroU32, NonZeroU32) {
        match self {
            PartialRange::First(a, b) | PartialRange::Last(a, b) => (a, b),
        }
    }

    /// The two numbers as written, signed (`(-1, -100)` for `-1:-100`).
    pub fn signed(self) -> (i64, i64) {
        let (a, b) = self.bounds();
        let (a, b) = (i64::from(a.get()), i64::from(b.get()));
        if self.is_last() { (-a, -b) } else { (a, b) }
    }

    /// The distances from the counting end, smaller first: `(1, 100)` for both `-1:-100` and
    /// `-100:-1` (the order of the two numbers does not change the window).
    pub fn normalized(self) -> (u32, u32) {
        let (a, b) = self.bounds();
        (a.get().min(b.get()), a.get().max(b.get()))
    }

    /// The same window with the smaller number first (`-1:-100` stays, `500:1` becomes
    /// `1:500`).
    pub fn normalize(self) -> Self {
        let (a, b) = self.bounds();
        let (lo, hi) = (a.min(b), a.max(b));
        match self {
            PartialRange::First(..) => PartialRange::First(lo, hi),
            PartialRange::Last(..) => PartialRange::Last(lo, hi),
        }
    }

    /// The 1-based positions `(low, high)` of the window in a list of `total` results,
    /// counted from the first result, clipped to the list; `None` when the window lies
    /// entirely outside it (the ESEARCH answer is then `PARTIAL (range NIL)`).
    pub fn positions(self, total: u32) -> Option<(u32, u32)> {
        let (lo, hi) = self.normalized();
        if lo > total {
            return None;
        }
        let hi = hi.min(total);
        Some(match self {
            PartialRange::First(..) => (lo, hi),
            PartialRange::Last(..) => (total - hi + 1, total - lo + 1),
        })
    }
}

fn nz_partial(n: u32) -> VResult<NonZeroU32> {
    NonZeroU32::new(n).ok_or(ValueError::OutOfRange("partial range"))
}

impl std::fmt::Display for PartialRange {
    /// `a:b` or `-a:-b`, the numbers in the order written.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (a, b) = self.bounds();
        match self {
            PartialRange::First(..) => write!(f, "{a}:{b}"),
            PartialRange::Last(..) => write!(f, "-{a}:-{b}"),
        }
    }
}
