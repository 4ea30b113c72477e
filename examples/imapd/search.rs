//! SEARCH for `imapd` (RFC 9051 §6.4.4): the keys of the base specification evaluated against
//! one message at a time.
//!
//! Flags, sizes, dates and UIDs come from the folder listing; header and text keys parse the
//! message (with `rfc5322-msg`) only when a key needs it, once per message. String matching is
//! case-insensitive substring matching on the decoded text (encoded words and transfer
//! encodings undone, charsets converted to UTF-8), which RFC 9051 §6.4.4 allows. What the
//! store cannot answer: keywords are never set (KEYWORD matches nothing), there is no `\Recent`
//! (NEW and RECENT match nothing), and keys of extensions this server does not announce are
//! refused with [`Unsupported`].

use mailproto::imap::types::{AString, Date, SearchKey};
use mailproto::msg::types::{Message, PartKind};

use crate::store::{Flags, MessageEntry};

/// A key this server does not implement.
#[derive(Debug)]
pub struct Unsupported(pub &'static str);

/// What SEARCH knows about one message.
pub struct Candidate<'a> {
    /// Its sequence number.
    pub seq: u32,
    /// Its listing entry.
    pub entry: &'a MessageEntry,
    /// The largest sequence number and UID of the mailbox (for `*`).
    pub largest_seq: u32,
    pub largest_uid: u32,
    /// Loads the message when a key needs its content.
    pub load: &'a dyn Fn() -> Vec<u8>,
    raw: Option<Vec<u8>>,
}

impl<'a> Candidate<'a> {
    pub fn new(
        seq: u32,
        entry: &'a MessageEntry,
        largest_seq: u32,
        largest_uid: u32,
        load: &'a dyn Fn() -> Vec<u8>,
    ) -> Self {
        Candidate {
            seq,
            entry,
            largest_seq,
            largest_uid,
            load,
            raw: None,
        }
    }

    fn raw(&mut self) -> &[u8] {
        if self.raw.is_none() {
            self.raw = Some((self.load)());
        }
        self.raw.as_deref().unwrap_or_default()
    }
}

fn lower(s: &AString<'_>) -> String {
    String::from_utf8_lossy(s.as_bytes()).to_lowercase()
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    needle.is_empty() || hay.to_lowercase().contains(needle)
}

/// Days since 1970-01-01 of a calendar date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn key_days(d: &Date) -> i64 {
    days_from_civil(d.year().into(), d.month().into(), d.day().into())
}

fn internal_days(c: &Candidate<'_>) -> i64 {
    c.entry.internal_date.div_euclid(86_400)
}

/// The date of the `Date:` header as written (its own zone), in days; `None` when absent.
fn sent_days(c: &mut Candidate<'_>) -> Option<i64> {
    let raw = c.raw();
    let m = Message::parse(raw);
    let d = m.date()?;
    Some(days_from_civil(
        d.year().into(),
        d.month().into(),
        d.day().into(),
    ))
}

fn header_matches(c: &mut Candidate<'_>, name: &str, needle: &str) -> bool {
    let raw = c.raw();
    let m = Message::parse(raw);
    let headers = m.headers();
    // RFC 9051 §6.4.4: HEADER with an empty string matches every message with the field.
    headers
        .get_all(name)
        .any(|f| contains_ci(&f.text(), needle))
}

fn body_matches(c: &mut Candidate<'_>, needle: &str) -> bool {
    let raw = c.raw();
    let m = Message::parse(raw);
    m.parts()
        .filter(|p| p.kind() == PartKind::Leaf)
        .any(|p| contains_ci(&p.text(), needle))
}

/// Whether message `c` matches `key`.
pub fn matches(key: &SearchKey<'_>, c: &mut Candidate<'_>) -> Result<bool, Unsupported> {
    use SearchKey as K;
    let flags = c.entry.flags;
    Ok(match key {
        K::All => true,
        K::Answered => flags.contains(Flags::ANSWERED),
        K::Unanswered => !flags.contains(Flags::ANSWERED),
        K::Deleted => flags.contains(Flags::DELETED),
        K::Undeleted => !flags.contains(Flags::DELETED),
        K::Draft => flags.contains(Flags::DRAFT),
        K::Undraft => !flags.contains(Flags::DRAFT),
        K::Flagged => flags.contains(Flags::FLAGGED),
        K::Unflagged => !flags.contains(Flags::FLAGGED),
        K::Seen => flags.contains(Flags::SEEN),
        K::Unseen => !flags.contains(Flags::SEEN),
        K::Keyword(_) | K::New | K::Recent => false,
        K::Unkeyword(_) | K::Old => true,
        K::Larger(n) => c.raw().len() as u64 > *n,
        K::Smaller(n) => (c.raw().len() as u64) < *n,
        K::Before(d) => internal_days(c) < key_days(d),
        K::On(d) => internal_days(c) == key_days(d),
        K::Since(d) => internal_days(c) >= key_days(d),
        K::SentBefore(d) => sent_days(c).is_some_and(|s| s < key_days(d)),
        K::SentOn(d) => sent_days(c).is_some_and(|s| s == key_days(d)),
        K::SentSince(d) => sent_days(c).is_some_and(|s| s >= key_days(d)),
        K::From(s) => header_matches(c, "From", &lower(s)),
        K::To(s) => header_matches(c, "To", &lower(s)),
        K::Cc(s) => header_matches(c, "Cc", &lower(s)),
        K::Bcc(s) => header_matches(c, "Bcc", &lower(s)),
        K::Subject(s) => header_matches(c, "Subject", &lower(s)),
        K::Header(name, s) => {
            let name = String::from_utf8_lossy(name.as_bytes()).into_owned();
            header_matches(c, &name, &lower(s))
        }
        K::Body(s) => body_matches(c, &lower(s)),
        K::Text(s) => {
            let needle = lower(s);
            let raw = c.raw();
            let m = Message::parse(raw);
            let in_headers = m.headers().iter().any(|f| contains_ci(&f.text(), &needle));
            in_headers || body_matches(c, &needle)
        }
        K::Uid(set) => !set.has_saved() && set.contains(c.entry.uid, c.largest_uid),
        K::SequenceSet(set) => !set.has_saved() && set.contains(c.seq, c.largest_seq),
        K::Not(k) => !matches(k, c)?,
        K::Or(a, b) => matches(a, c)? || matches(b, c)?,
        K::And(keys) => {
            for k in keys.as_slice() {
                if !matches(k, c)? {
                    return Ok(false);
                }
            }
            true
        }
        K::Older(_) | K::Younger(_) => return Err(Unsupported("WITHIN")),
        K::ModSeq { .. } => return Err(Unsupported("CONDSTORE")),
        K::EmailId(_) | K::ThreadId(_) => return Err(Unsupported("OBJECTID")),
        K::SavedBefore(_) | K::SavedOn(_) | K::SavedSince(_) | K::SaveDateSupported => {
            return Err(Unsupported("SAVEDATE"));
        }
        K::GmRaw(_) | K::GmMsgId(_) | K::GmThrId(_) | K::GmLabels(_) => {
            return Err(Unsupported("X-GM-EXT-1"));
        }
        #[allow(unreachable_patterns)]
        _ => return Err(Unsupported("this search key")),
    })
}
