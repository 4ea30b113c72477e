#![cfg(feature = "imap")]
//! Differential test of the IMAP response parser against imap-codec 1.0 from crates.io (issue
//! 5, "Proof"): the same server response streams are parsed by both, and every response both
//! accept must give equivalent values.
//!
//! Streams:
//!
//! - the generated FETCH streams of the benches (`common::imap_fetch_responses`), with and
//!   without `BODY[]` literals;
//! - every complete server response written as one byte string in
//!   `crates/imap-proto/tests/response_examples.rs` (copied to
//!   `tests/data/imap_responses/examples.rs`), plus the RFC 3501 §8 `BODY[HEADER]` literal
//!   that the examples build in code;
//! - random `Response` values (a seeded generator over our types: `proptest` is not a
//!   dev-dependency of the root package), written with our encoder.
//!
//! Both values are mapped to one normalized form per response kind ([`N`]) and compared with
//! `assert_eq!`-style output: the response bytes and both normalized values.
//!
//! Where the two legitimately differ, the difference is handled explicitly:
//!
//! - Normalizations (both accept, values differ in representation only):
//!   1. imap-codec does not keep the media type string of `TEXT/*` parts nor type and subtype
//!      of `MESSAGE/RFC822` parts (they are implied by its enum variant): the type of text
//!      parts is compared uppercased, type and subtype of message parts uppercased.
//!   2. imap-codec's `quirk_missing_text` (a default feature) turns a missing text after a
//!      response code (`* OK [ALERT]` CRLF) into the text `...`; we keep the empty text. Mapped
//!      only when our text is empty and theirs is exactly `...`.
//!   3. A continuation request whose text is valid base64 is imap-codec's
//!      `CommandContinuationRequest::Base64` (decoded bytes); it is compared with our text
//!      decoded as base64.
//!   4. Flags, capabilities and mailbox attributes are case-insensitive atoms (RFC 9051 §9,
//!      §7.2.2): compared uppercased. imap-codec lowercases `QUOTA=RES-*` names, for one.
//!   5. Response codes imap-codec 1.0 does not type (APPENDUID, COPYUID, HIGHESTMODSEQ, the
//!      RFC 5530 codes, ...) are its `Code::Other` with the raw bytes between the brackets;
//!      ours are typed. Both are compared as name (uppercased) and data bytes, ours written
//!      back with our encoder; (5b) leading zeros of numbers in that data are dropped (both
//!      read `098` as 98 where they type the number); (5c) METADATA code data (keywords) is
//!      compared ignoring case.
//!   6. A `TEXT` part without its line count is a `body-type-basic` for imap-codec (the ABNF's
//!      `media-basic` admits any string); we read a text part of 0 lines (documented).
//!   7. Where a `ParseConfig` tolerance changes our reading (a typed code with 8-bit quoted
//!      data or extra spaces, which imap-codec keeps raw), the strict configuration's reading
//!      must equal imap-codec's value.
//!   8. imap-codec takes anything up to `]` for a response code name (`[CL{SED]`); RFC 9051's
//!      `resp-text-code` ends in an `atom`, and we read such a `[` as text (documented). The
//!      same bytes must be split the same way.
//!   9. imap-codec 1.0 reads `QUOTA==RES-STORAGE` or `QUOTA=RRES-STORAGE` as
//!      `QUOTA=RES-STORAGE` (it splits at the first `res-` anywhere: its bug); RFC 9208 names
//!      `QUOTA=RES-<resource>` only and we keep the others as sent.
//!  10. A text that ends like a literal header (`+ text {20}` CRLF) is framed as a literal
//!      by our lexical framer (documented on `Text`); `parse_response` and imap-codec both end
//!      the response at that CRLF and must read the same value.
//! - Responses only we accept must have a documented reason (`only_ours_reason`), else the
//!   test fails: a tolerance of [`ParseConfig`] (the strict configuration rejects the response
//!   or reads it differently), an extension imap-codec 1.0 does not implement (MODSEQ,
//!   ESEARCH, NAMESPACE, MESSAGE/GLOBAL, ...), 8-bit quoted strings (imap-codec accepts 7-bit
//!   quoted strings only; RFC 9051 and RFC 6855 allow UTF-8), an "always" tolerance of
//!   `parse_response`'s table, an empty text (optional in RFC 9051 `resp-text`), text starting
//!   with `[` that is no code, a zone of 24 hours or more, or a `number64` beyond imap-codec's
//!   `u32` fields. For 8-bit strings, tolerances and "always" tolerances, our value written
//!   back canonically (8-bit strings as literals) must be accepted by imap-codec with an equal
//!   value. Counts per reason are printed (`--nocapture`).
//! - Responses only imap-codec accepts are failures (bugs in our parser).
//!
//! `IMAP_DIFF_DEBUG=1` prints the responses read by an "always" tolerance and those both
//! reject.

#[path = "../benches/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};

use base64::Engine as _;
use imap_codec::decode::{Decoder, GreetingDecodeError, ResponseDecodeError};
use imap_codec::imap_types;
use imap_codec::{GreetingCodec, ResponseCodec};
use imap_types::body as tb;
use imap_types::core as tc;
use imap_types::fetch as tf;
use imap_types::flag as tfl;
use imap_types::response as tr;
use mailproto::imap::encode::{Encode, EncodeOptions, Encoder, LiteralPolicy};
use mailproto::imap::parse::{Framer, ParseConfig, Status, parse_response};
use mailproto::imap::types::*;

// ---- normalized values ------------------------------------------------------------------------

/// Bytes with a readable `Debug`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct B(Vec<u8>);

impl fmt::Debug for B {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

fn b(x: impl AsRef<[u8]>) -> B {
    B(x.as_ref().to_vec())
}

fn upper(x: impl AsRef<[u8]>) -> B {
    B(x.as_ref().to_ascii_uppercase())
}

/// One response, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
enum N {
    Status {
        tag: Option<String>,
        condition: &'static str,
        code: Option<NCode>,
        text: B,
    },
    Continue {
        code: Option<NCode>,
        text: B,
    },
    Capability(Vec<B>),
    Enabled(Vec<B>),
    List {
        lsub: bool,
        attributes: Vec<B>,
        delimiter: Option<u8>,
        mailbox: B,
    },
    MailboxStatus {
        mailbox: B,
        items: Vec<(&'static str, u64)>,
    },
    Search(Vec<u32>),
    Flags(Vec<B>),
    Exists(u32),
    Recent(u32),
    Expunge(u32),
    Fetch {
        seq: u32,
        items: Vec<NItem>,
    },
    Quota {
        root: B,
        resources: Vec<(B, u64, u64)>,
    },
    QuotaRoot {
        mailbox: B,
        roots: Vec<B>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NCode {
    BadCharset(Vec<B>),
    Capability(Vec<B>),
    PermanentFlags(Vec<B>),
    UidNext(u32),
    UidValidity(u32),
    Unseen(u32),
    /// Any other code: the name uppercased and the data as sent.
    Other(B, Option<B>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NItem {
    Uid(u32),
    Flags(Vec<B>),
    Rfc822Size(u64),
    /// Seconds since the epoch and the zone in minutes.
    InternalDate(i64, i32),
    Envelope(Box<NEnvelope>),
    Body(Box<NBody>),
    BodyStructure(Box<NBody>),
    BodySection {
        part: Vec<u32>,
        text: Option<&'static str>,
        fields: Vec<B>,
        origin: Option<u32>,
        data: Option<B>,
    },
    Rfc822(Option<B>),
    Rfc822Header(Option<B>),
    Rfc822Text(Option<B>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct NEnvelope {
    date: Option<B>,
    subject: Option<B>,
    from: Vec<NAddress>,
    sender: Vec<NAddress>,
    reply_to: Vec<NAddress>,
    to: Vec<NAddress>,
    cc: Vec<NAddress>,
    bcc: Vec<NAddress>,
    in_reply_to: Option<B>,
    message_id: Option<B>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct NAddress {
    name: Option<B>,
    adl: Option<B>,
    mailbox: Option<B>,
    host: Option<B>,
}

type NParams = Vec<(B, B)>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum NBody {
    Single {
        media_type: B,
        subtype: B,
        params: NParams,
        id: Option<B>,
        description: Option<B>,
        encoding: B,
        octets: u32,
        kind: NKind,
        /// MD5 and the tail.
        ext: Option<(Option<B>, Option<NTail>)>,
    },
    Multi {
        parts: Vec<NBody>,
        subtype: B,
        /// Parameters and the tail.
        ext: Option<(NParams, Option<NTail>)>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NKind {
    Basic,
    Text {
        lines: u64,
    },
    Message {
        envelope: Box<NEnvelope>,
        body: Box<NBody>,
        lines: u64,
    },
}

/// Languages, then location and further extensions.
type NLanguage = (Vec<B>, Option<(Option<B>, Vec<NExt>)>);

/// Disposition (`None` is NIL) and what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NTail {
    disposition: Option<(B, NParams)>,
    language: Option<NLanguage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NExt {
    NString(Option<B>),
    Number(u64),
    List(Vec<NExt>),
}

// ---- our side ---------------------------------------------------------------------------------

/// Why a value of ours has no counterpart in imap-codec 1.0.
type Gap = &'static str;

fn o_ns(s: &NString<'_>) -> Option<B> {
    s.as_bytes().map(b)
}

fn o_flag(f: &Flag<'_>) -> B {
    upper(f.to_bytes())
}

fn o_flag_fetch(f: &FlagFetch<'_>) -> B {
    match f {
        FlagFetch::Flag(f) => o_flag(f),
        FlagFetch::Recent => upper("\\Recent"),
    }
}

fn o_caps(v: &[Capability<'_>]) -> Vec<B> {
    v.iter().map(|c| upper(c.to_string())).collect()
}

fn o_mailbox(m: &Mailbox<'_>) -> B {
    b(m.as_bytes())
}

fn o_code(c: &ResponseCode<'_>) -> NCode {
    match c {
        ResponseCode::BadCharset(v) => {
            NCode::BadCharset(v.iter().map(|c| b(c.as_bytes())).collect())
        }
        ResponseCode::Capability(v) => NCode::Capability(o_caps(v)),
        ResponseCode::PermanentFlags(v) => NCode::PermanentFlags(
            v.iter()
                .map(|f| match f {
                    FlagPerm::Flag(f) => o_flag(f),
                    FlagPerm::Wildcard => b("\\*"),
                })
                .collect(),
        ),
        ResponseCode::UidNext(n) => NCode::UidNext(n.get()),
        ResponseCode::UidValidity(n) => NCode::UidValidity(n.get()),
        ResponseCode::Unseen(n) => NCode::Unseen(n.get()),
        // Normalization 5: written back, then split like imap-codec's raw `Code::Other`.
        other => split_code(&other.to_bytes()),
    }
}

/// `NAME [SP data]` as name (uppercased) and data. Normalization 5b: leading zeros of the
/// numbers in the data are dropped (both parsers read `098` as 98 where they type the
/// number; where imap-codec does not, it keeps `098`).
fn split_code(raw: &[u8]) -> NCode {
    let strip = |d: &[u8]| {
        let mut out: Vec<u8> = Vec::with_capacity(d.len());
        for (i, &c) in d.iter().enumerate() {
            let run_start = i == 0 || !d[i - 1].is_ascii_digit();
            let in_zeros = run_start
                || d[..i]
                    .iter()
                    .rev()
                    .take_while(|x| x.is_ascii_digit())
                    .all(|&x| x == b'0');
            let leading_zero =
                c == b'0' && d.get(i + 1).is_some_and(u8::is_ascii_digit) && in_zeros;
            if !leading_zero {
                out.push(c);
            }
        }
        B(out)
    };
    match raw.iter().position(|&c| c == b' ') {
        // Normalization 5c: the data of METADATA (RFC 5464 §4.3: LONGENTRIES, MAXSIZE,
        // TOOMANY, NOPRIVATE and a number) is keywords, matched ignoring case; ours is typed
        // and written back in capitals.
        Some(i) if raw[..i].eq_ignore_ascii_case(b"METADATA") => {
            NCode::Other(upper(&raw[..i]), Some(upper(strip(&raw[i + 1..]).0)))
        }
        Some(i) => NCode::Other(upper(&raw[..i]), Some(strip(&raw[i + 1..]))),
        None => NCode::Other(upper(raw), None),
    }
}

fn o_resp_text(t: &RespText<'_>) -> (Option<NCode>, B) {
    (t.code().map(o_code), b(t.text().as_bytes()))
}

fn o_address(a: &Address<'_>) -> NAddress {
    NAddress {
        name: o_ns(&a.name),
        adl: o_ns(&a.adl),
        mailbox: o_ns(&a.mailbox),
        host: o_ns(&a.host),
    }
}

fn o_envelope(e: &Envelope<'_>) -> NEnvelope {
    let l = |v: &[Address<'_>]| v.iter().map(o_address).collect();
    NEnvelope {
        date: o_ns(&e.date),
        subject: o_ns(&e.subject),
        from: l(&e.from),
        sender: l(&e.sender),
        reply_to: l(&e.reply_to),
        to: l(&e.to),
        cc: l(&e.cc),
        bcc: l(&e.bcc),
        in_reply_to: o_ns(&e.in_reply_to),
        message_id: o_ns(&e.message_id),
    }
}

fn o_params(p: &BodyParams<'_>) -> NParams {
    p.iter()
        .map(|(k, v)| (b(k.as_bytes()), b(v.as_bytes())))
        .collect()
}

fn o_ext(e: &BodyExtension<'_>) -> NExt {
    match e {
        BodyExtension::NString(s) => NExt::NString(o_ns(s)),
        BodyExtension::Number(n) => NExt::Number(*n),
        BodyExtension::List(v) => NExt::List(v.iter().map(o_ext).collect()),
    }
}

fn o_tail(t: &BodyExtTail<'_>) -> NTail {
    NTail {
        disposition: t
            .disposition
            .as_ref()
            .map(|d| (b(d.kind.as_bytes()), o_params(&d.params))),
        language: t.language.as_ref().map(|l| {
            (
                l.languages.iter().map(|s| b(s.as_bytes())).collect(),
                l.location.as_ref().map(|loc| {
                    (
                        o_ns(&loc.location),
                        loc.extensions.iter().map(o_ext).collect(),
                    )
                }),
            )
        }),
    }
}

fn o_body(x: &BodyStructure<'_>) -> NBody {
    match x {
        BodyStructure::Single { body, ext } => {
            let (media_type, subtype, kind) = match &body.specific {
                SpecificFields::Basic => (
                    b(body.media_type.as_bytes()),
                    b(body.subtype.as_bytes()),
                    NKind::Basic,
                ),
                // Normalization 1.
                SpecificFields::Text { lines } => (
                    upper(body.media_type.as_bytes()),
                    b(body.subtype.as_bytes()),
                    NKind::Text { lines: *lines },
                ),
                SpecificFields::Message {
                    envelope,
                    body: inner,
                    lines,
                } => (
                    upper(body.media_type.as_bytes()),
                    upper(body.subtype.as_bytes()),
                    NKind::Message {
                        envelope: Box::new(o_envelope(envelope)),
                        body: Box::new(o_body(inner)),
                        lines: *lines,
                    },
                ),
            };
            let f = &body.fields;
            NBody::Single {
                media_type,
                subtype,
                params: o_params(&f.params),
                id: o_ns(&f.id),
                description: o_ns(&f.description),
                encoding: b(f.encoding.as_bytes()),
                octets: f.octets,
                kind,
                ext: ext
                    .as_ref()
                    .map(|e| (o_ns(&e.md5), e.tail.as_ref().map(o_tail))),
            }
        }
        BodyStructure::Multi {
            parts,
            subtype,
            ext,
        } => NBody::Multi {
            parts: parts.iter().map(o_body).collect(),
            subtype: b(subtype.as_bytes()),
            ext: ext
                .as_ref()
                .map(|e| (o_params(&e.params), e.tail.as_ref().map(o_tail))),
        },
    }
}

/// Days from 1970-01-01 to the civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn o_date_time(t: &DateTime) -> NItem {
    let d = t.date();
    let days = days_from_civil(d.year().into(), d.month().into(), d.day().into());
    let local = days * 86_400
        + i64::from(t.hour()) * 3600
        + i64::from(t.minute()) * 60
        + i64::from(t.second());
    NItem::InternalDate(
        local - i64::from(t.zone_minutes()) * 60,
        i32::from(t.zone_minutes()),
    )
}

fn o_section(s: &Section<'_>) -> (Vec<u32>, Option<&'static str>, Vec<B>) {
    let part = s
        .part()
        .map(|p| p.iter().map(NonZeroU32::get).collect())
        .unwrap_or_default();
    let fields = |v: &[AString<'_>]| v.iter().map(|a| b(a.as_bytes())).collect();
    match s.text() {
        None => (part, None, vec![]),
        Some(SectionText::Header) => (part, Some("HEADER"), vec![]),
        Some(SectionText::HeaderFields(v)) => (part, Some("HEADER.FIELDS"), fields(v)),
        Some(SectionText::HeaderFieldsNot(v)) => (part, Some("HEADER.FIELDS.NOT"), fields(v)),
        Some(SectionText::Text) => (part, Some("TEXT"), vec![]),
        Some(SectionText::Mime) => (part, Some("MIME"), vec![]),
    }
}

fn o_item(f: &FetchData<'_>) -> Result<NItem, Gap> {
    Ok(match f {
        FetchData::Uid(n) => NItem::Uid(n.get()),
        FetchData::Flags(v) => NItem::Flags(v.iter().map(o_flag_fetch).collect()),
        FetchData::Rfc822Size(n) => NItem::Rfc822Size(*n),
        FetchData::InternalDate(t) => o_date_time(t),
        FetchData::Envelope(e) => NItem::Envelope(Box::new(o_envelope(e))),
        FetchData::Body(x) => NItem::Body(Box::new(o_body(x))),
        FetchData::BodyStructure(x) => NItem::BodyStructure(Box::new(o_body(x))),
        FetchData::BodySection {
            section,
            origin,
            data,
        } => {
            let (part, text, fields) = o_section(section);
            NItem::BodySection {
                part,
                text,
                fields,
                origin: *origin,
                data: o_ns(data),
            }
        }
        FetchData::Rfc822(s) => NItem::Rfc822(o_ns(s)),
        FetchData::Rfc822Header(s) => NItem::Rfc822Header(o_ns(s)),
        FetchData::Rfc822Text(s) => NItem::Rfc822Text(o_ns(s)),
        FetchData::ModSeq(_) => {
            return Err(
                "FETCH MODSEQ (RFC 7162): imap-codec 1.0 has no CONDSTORE unless built with ext_condstore_qresync, and has no MODSEQ item even then",
            );
        }
        FetchData::Binary { .. } | FetchData::BinarySize { .. } => {
            return Err("FETCH BINARY[] / BINARY.SIZE[] (RFC 3516): not in imap-codec 1.0");
        }
        FetchData::EmailId(_) | FetchData::ThreadId(_) => {
            return Err("FETCH EMAILID/THREADID (RFC 8474): not in imap-codec 1.0");
        }
        FetchData::SaveDate(_) => return Err("FETCH SAVEDATE (RFC 8514): not in imap-codec 1.0"),
        FetchData::GmMsgId(_) | FetchData::GmThrId(_) | FetchData::GmLabels(_) => {
            return Err("FETCH X-GM-* (Gmail): not in imap-codec 1.0");
        }
        FetchData::Preview(_) => return Err("FETCH PREVIEW (RFC 8970): not in imap-codec 1.0"),
        FetchData::Other { .. } => {
            return Err(
                "unknown FETCH item kept as Other (RFC 4466 tagged-ext-val): imap-codec 1.0 rejects",
            );
        }
        _ => return Err("FETCH item added after this test was written"),
    })
}

fn o_status_item(s: &StatusValue<'_>) -> Result<(&'static str, u64), Gap> {
    Ok(match s {
        StatusValue::Messages(n) => ("MESSAGES", (*n).into()),
        StatusValue::Recent(n) => ("RECENT", (*n).into()),
        StatusValue::UidNext(n) => ("UIDNEXT", n.get().into()),
        StatusValue::UidValidity(n) => ("UIDVALIDITY", n.get().into()),
        StatusValue::Unseen(n) => ("UNSEEN", (*n).into()),
        StatusValue::Deleted(n) => ("DELETED", (*n).into()),
        StatusValue::DeletedStorage(n) => ("DELETED-STORAGE", *n),
        StatusValue::Size(_) => return Err("STATUS SIZE (RFC 8438): not in imap-codec 1.0"),
        StatusValue::HighestModSeq(_) => {
            return Err("STATUS HIGHESTMODSEQ (RFC 7162): not in imap-codec 1.0");
        }
        StatusValue::AppendLimit(_) => {
            return Err("STATUS APPENDLIMIT (RFC 7889): not in imap-codec 1.0");
        }
        StatusValue::MailboxId(_) => {
            return Err("STATUS MAILBOXID (RFC 8474): not in imap-codec 1.0");
        }
        StatusValue::Other(..) => {
            return Err("STATUS with an unknown item: imap-codec 1.0 rejects");
        }
        _ => return Err("STATUS item added after this test was written"),
    })
}

fn o_list(l: &ListResponse<'_>, lsub: bool) -> Result<N, Gap> {
    if !l.extended.is_empty() {
        return Err("LIST-EXTENDED data (RFC 5258 §3.4): not in imap-codec 1.0");
    }
    Ok(N::List {
        lsub,
        attributes: l
            .attributes
            .iter()
            .map(|a| upper(format!("\\{}", a.name())))
            .collect(),
        delimiter: l.delimiter.map(Delimiter::get),
        mailbox: o_mailbox(&l.mailbox),
    })
}

/// Our value, normalized; `Err` when imap-codec 1.0 has no counterpart.
fn ours_norm(r: &Response<'_>) -> Result<N, Gap> {
    use UntaggedResponse as U;
    Ok(match r {
        Response::Tagged(t) => {
            let (code, text) = o_resp_text(&t.text);
            N::Status {
                tag: Some(t.tag.as_str().to_owned()),
                condition: match t.state {
                    State::Ok => "OK",
                    State::No => "NO",
                    State::Bad => "BAD",
                },
                code,
                text,
            }
        }
        Response::Continue(t) => {
            let (code, text) = o_resp_text(t);
            N::Continue { code, text }
        }
        Response::Untagged(u) => match u {
            U::Status { condition, text } => {
                let (code, text) = o_resp_text(text);
                N::Status {
                    tag: None,
                    condition: match condition {
                        Condition::Ok => "OK",
                        Condition::No => "NO",
                        Condition::Bad => "BAD",
                        Condition::PreAuth => "PREAUTH",
                        Condition::Bye => "BYE",
                    },
                    code,
                    text,
                }
            }
            U::Capability(v) => N::Capability(o_caps(v)),
            U::Enabled(v) => N::Enabled(o_caps(v)),
            U::List(l) => o_list(l, false)?,
            U::Lsub(l) => o_list(l, true)?,
            U::MailboxStatus(s) => N::MailboxStatus {
                mailbox: o_mailbox(&s.mailbox),
                items: s
                    .items
                    .iter()
                    .map(o_status_item)
                    .collect::<Result<_, _>>()?,
            },
            U::Search { ids, modseq } => {
                if modseq.is_some() {
                    return Err("SEARCH with (MODSEQ n) (RFC 7162 §3.1.5): not in imap-codec 1.0");
                }
                N::Search(ids.iter().map(|n| n.get()).collect())
            }
            U::Flags(v) => N::Flags(v.iter().map(o_flag_fetch).collect()),
            U::Exists(n) => N::Exists(*n),
            U::Recent(n) => N::Recent(*n),
            U::Expunge(n) => N::Expunge(n.get()),
            U::Fetch { seq, items } => N::Fetch {
                seq: seq.get(),
                items: items.iter().map(o_item).collect::<Result<_, _>>()?,
            },
            U::Quota { root, resources } => N::Quota {
                root: b(root.as_bytes()),
                resources: resources
                    .iter()
                    .map(|q| (upper(q.resource.name()), q.usage, q.limit))
                    .collect(),
            },
            U::QuotaRoot { mailbox, roots } => N::QuotaRoot {
                mailbox: o_mailbox(mailbox),
                roots: roots.iter().map(|a| b(a.as_bytes())).collect(),
            },
            U::Namespace(_) => return Err("NAMESPACE (RFC 2342): not in imap-codec 1.0"),
            U::Esearch(_) => return Err("ESEARCH (RFC 4731): not in imap-codec 1.0"),
            U::Vanished { .. } => return Err("VANISHED (RFC 7162): not in imap-codec 1.0"),
            U::Id(_) => return Err("ID (RFC 2971): not in imap-codec 1.0 responses"),
            U::Metadata { .. } => return Err("METADATA (RFC 5464): not in imap-codec 1.0"),
            U::Sort { .. } => return Err("SORT (RFC 5256): not in imap-codec 1.0"),
            U::Thread(_) => return Err("THREAD (RFC 5256): not in imap-codec 1.0"),
            U::Other { .. } => {
                return Err("unknown untagged response kept as Other: imap-codec 1.0 rejects");
            }
            _ => return Err("untagged response added after this test was written"),
        },
    })
}

// ---- imap-codec's side ------------------------------------------------------------------------

fn t_is(s: &tc::IString<'_>) -> B {
    b(s.as_ref())
}

fn t_ns(s: &tc::NString<'_>) -> Option<B> {
    s.0.as_ref().map(t_is)
}

fn t_flag(f: &tfl::Flag<'_>) -> B {
    upper(f.to_string())
}

fn t_mailbox(m: &imap_types::mailbox::Mailbox<'_>) -> B {
    match m {
        imap_types::mailbox::Mailbox::Inbox => b("INBOX"),
        imap_types::mailbox::Mailbox::Other(o) => b(o.as_ref()),
    }
}

fn t_caps(v: &[tr::Capability<'_>]) -> Vec<B> {
    v.iter().map(|c| upper(c.to_string())).collect()
}

fn t_code(c: &tr::Code<'_>) -> NCode {
    use tr::Code as C;
    match c {
        C::BadCharset { allowed } => {
            NCode::BadCharset(allowed.iter().map(|c| b(AsRef::<str>::as_ref(c))).collect())
        }
        C::Capability(v) => NCode::Capability(t_caps(v.as_ref())),
        C::PermanentFlags(v) => NCode::PermanentFlags(
            v.iter()
                .map(|f| match f {
                    tfl::FlagPerm::Flag(f) => t_flag(f),
                    tfl::FlagPerm::Asterisk => b("\\*"),
                })
                .collect(),
        ),
        C::UidNext(n) => NCode::UidNext(n.get()),
        C::UidValidity(n) => NCode::UidValidity(n.get()),
        C::Unseen(n) => NCode::Unseen(n.get()),
        C::Alert => split_code(b"ALERT"),
        C::Parse => split_code(b"PARSE"),
        C::ReadOnly => split_code(b"READ-ONLY"),
        C::ReadWrite => split_code(b"READ-WRITE"),
        C::TryCreate => split_code(b"TRYCREATE"),
        C::CompressionActive => split_code(b"COMPRESSIONACTIVE"),
        C::OverQuota => split_code(b"OVERQUOTA"),
        C::TooBig => split_code(b"TOOBIG"),
        C::Other(o) => split_code(o.inner()),
    }
}

fn t_address(a: &imap_types::envelope::Address<'_>) -> NAddress {
    NAddress {
        name: t_ns(&a.name),
        adl: t_ns(&a.adl),
        mailbox: t_ns(&a.mailbox),
        host: t_ns(&a.host),
    }
}

fn t_envelope(e: &imap_types::envelope::Envelope<'_>) -> NEnvelope {
    let l = |v: &[imap_types::envelope::Address<'_>]| v.iter().map(t_address).collect();
    NEnvelope {
        date: t_ns(&e.date),
        subject: t_ns(&e.subject),
        from: l(&e.from),
        sender: l(&e.sender),
        reply_to: l(&e.reply_to),
        to: l(&e.to),
        cc: l(&e.cc),
        bcc: l(&e.bcc),
        in_reply_to: t_ns(&e.in_reply_to),
        message_id: t_ns(&e.message_id),
    }
}

fn t_params(p: &[(tc::IString<'_>, tc::IString<'_>)]) -> NParams {
    p.iter().map(|(k, v)| (t_is(k), t_is(v))).collect()
}

fn t_ext(e: &tb::BodyExtension<'_>) -> NExt {
    match e {
        tb::BodyExtension::NString(s) => NExt::NString(t_ns(s)),
        tb::BodyExtension::Number(n) => NExt::Number((*n).into()),
        tb::BodyExtension::List(v) => NExt::List(v.as_ref().iter().map(t_ext).collect()),
    }
}

fn t_tail(d: &tb::Disposition<'_>) -> NTail {
    NTail {
        disposition: d
            .disposition
            .as_ref()
            .map(|(kind, params)| (t_is(kind), t_params(params))),
        language: d.tail.as_ref().map(|l| {
            (
                l.language.iter().map(t_is).collect(),
                l.tail.as_ref().map(|loc| {
                    (
                        t_ns(&loc.location),
                        loc.extensions.iter().map(t_ext).collect(),
                    )
                }),
            )
        }),
    }
}

fn t_body(x: &tb::BodyStructure<'_>) -> NBody {
    match x {
        tb::BodyStructure::Single {
            body,
            extension_data,
        } => {
            let (media_type, subtype, kind) = match &body.specific {
                // Normalization 6: a TEXT part without its line count is a `body-type-basic`
                // for imap-codec (the ABNF's `media-basic` admits any string); our parser
                // reads it as a text part of 0 lines (documented "always" tolerance).
                tb::SpecificFields::Basic { r#type, subtype }
                    if AsRef::<[u8]>::as_ref(r#type).eq_ignore_ascii_case(b"TEXT") =>
                {
                    TEXT_WITHOUT_LINES.with(|c| c.set(c.get() + 1));
                    (b("TEXT"), t_is(subtype), NKind::Text { lines: 0 })
                }
                tb::SpecificFields::Basic { r#type, subtype } => {
                    (t_is(r#type), t_is(subtype), NKind::Basic)
                }
                // Normalization 1: the type of text parts and type/subtype of message parts
                // are implied.
                tb::SpecificFields::Text {
                    subtype,
                    number_of_lines,
                } => (
                    b("TEXT"),
                    t_is(subtype),
                    NKind::Text {
                        lines: (*number_of_lines).into(),
                    },
                ),
                tb::SpecificFields::Message {
                    envelope,
                    body_structure,
                    number_of_lines,
                } => (
                    b("MESSAGE"),
                    b("RFC822"),
                    NKind::Message {
                        envelope: Box::new(t_envelope(envelope)),
                        body: Box::new(t_body(body_structure)),
                        lines: (*number_of_lines).into(),
                    },
                ),
            };
            let f = &body.basic;
            NBody::Single {
                media_type,
                subtype,
                params: t_params(&f.parameter_list),
                id: t_ns(&f.id),
                description: t_ns(&f.description),
                encoding: t_is(&f.content_transfer_encoding),
                octets: f.size,
                kind,
                ext: extension_data
                    .as_ref()
                    .map(|e| (t_ns(&e.md5), e.tail.as_ref().map(t_tail))),
            }
        }
        tb::BodyStructure::Multi {
            bodies,
            subtype,
            extension_data,
        } => NBody::Multi {
            parts: bodies.as_ref().iter().map(t_body).collect(),
            subtype: t_is(subtype),
            ext: extension_data
                .as_ref()
                .map(|e| (t_params(&e.parameter_list), e.tail.as_ref().map(t_tail))),
        },
    }
}

thread_local! {
    /// How many times normalization 6 applied on this thread (each test runs on its own).
    static TEXT_WITHOUT_LINES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn t_part(p: &tf::Part) -> Vec<u32> {
    p.0.as_ref().iter().map(|n| n.get()).collect()
}

fn t_section(s: Option<&tf::Section<'_>>) -> (Vec<u32>, Option<&'static str>, Vec<B>) {
    let part = |p: &Option<tf::Part>| p.as_ref().map(t_part).unwrap_or_default();
    let fields = |v: &tc::NonEmptyVec<tc::AString<'_>>| {
        v.as_ref()
            .iter()
            .map(|a| b(AsRef::<[u8]>::as_ref(a)))
            .collect()
    };
    match s {
        None => (vec![], None, vec![]),
        Some(tf::Section::Part(p)) => (t_part(p), None, vec![]),
        Some(tf::Section::Header(p)) => (part(p), Some("HEADER"), vec![]),
        Some(tf::Section::HeaderFields(p, v)) => (part(p), Some("HEADER.FIELDS"), fields(v)),
        Some(tf::Section::HeaderFieldsNot(p, v)) => (part(p), Some("HEADER.FIELDS.NOT"), fields(v)),
        Some(tf::Section::Text(p)) => (part(p), Some("TEXT"), vec![]),
        Some(tf::Section::Mime(p)) => (t_part(p), Some("MIME"), vec![]),
    }
}

fn t_item(i: &tf::MessageDataItem<'_>) -> NItem {
    use tf::MessageDataItem as M;
    match i {
        M::Uid(n) => NItem::Uid(n.get()),
        M::Flags(v) => NItem::Flags(
            v.iter()
                .map(|f| match f {
                    tfl::FlagFetch::Flag(f) => t_flag(f),
                    tfl::FlagFetch::Recent => upper("\\Recent"),
                })
                .collect(),
        ),
        M::Rfc822Size(n) => NItem::Rfc822Size((*n).into()),
        M::InternalDate(d) => {
            let d = d.as_ref();
            NItem::InternalDate(d.timestamp(), d.offset().local_minus_utc() / 60)
        }
        M::Envelope(e) => NItem::Envelope(Box::new(t_envelope(e))),
        M::Body(x) => NItem::Body(Box::new(t_body(x))),
        M::BodyStructure(x) => NItem::BodyStructure(Box::new(t_body(x))),
        M::BodyExt {
            section,
            origin,
            data,
        } => {
            let (part, text, fields) = t_section(section.as_ref());
            NItem::BodySection {
                part,
                text,
                fields,
                origin: *origin,
                data: t_ns(data),
            }
        }
        M::Rfc822(s) => NItem::Rfc822(t_ns(s)),
        M::Rfc822Header(s) => NItem::Rfc822Header(t_ns(s)),
        M::Rfc822Text(s) => NItem::Rfc822Text(t_ns(s)),
    }
}

fn t_status(s: &tr::Status<'_>) -> N {
    let (tag, condition, code, text) = match s {
        tr::Status::Ok { tag, code, text } => (tag.as_ref(), "OK", code, text),
        tr::Status::No { tag, code, text } => (tag.as_ref(), "NO", code, text),
        tr::Status::Bad { tag, code, text } => (tag.as_ref(), "BAD", code, text),
        tr::Status::Bye { code, text } => (None, "BYE", code, text),
    };
    N::Status {
        tag: tag.map(|t| t.inner().to_owned()),
        condition,
        code: code.as_ref().map(t_code),
        text: b(text.inner()),
    }
}

fn theirs_norm(r: &tr::Response<'_>) -> N {
    use tr::Data as D;
    match r {
        tr::Response::Status(s) => t_status(s),
        tr::Response::CommandContinuationRequest(c) => match c {
            tr::CommandContinuationRequest::Basic(c) => N::Continue {
                code: c.code().map(t_code),
                text: b(c.text().inner()),
            },
            // Normalization 3 is applied in `compare`: the decoded bytes are kept here.
            tr::CommandContinuationRequest::Base64(d) => N::Continue {
                code: None,
                text: B([b"<base64>".as_slice(), d].concat()),
            },
        },
        tr::Response::Data(d) => match d {
            D::Capability(v) => N::Capability(t_caps(v.as_ref())),
            D::List {
                items,
                delimiter,
                mailbox,
            }
            | D::Lsub {
                items,
                delimiter,
                mailbox,
            } => N::List {
                lsub: matches!(d, D::Lsub { .. }),
                attributes: items.iter().map(|a| upper(a.to_string())).collect(),
                delimiter: delimiter.as_ref().map(|c| {
                    let c = c.inner();
                    u8::try_from(c).unwrap_or(0xff)
                }),
                mailbox: t_mailbox(mailbox),
            },
            D::Status { mailbox, items } => N::MailboxStatus {
                mailbox: t_mailbox(mailbox),
                items: items
                    .iter()
                    .map(|i| {
                        use imap_types::status::StatusDataItem as S;
                        match i {
                            S::Messages(n) => ("MESSAGES", u64::from(*n)),
                            S::Recent(n) => ("RECENT", (*n).into()),
                            S::UidNext(n) => ("UIDNEXT", n.get().into()),
                            S::UidValidity(n) => ("UIDVALIDITY", n.get().into()),
                            S::Unseen(n) => ("UNSEEN", (*n).into()),
                            S::Deleted(n) => ("DELETED", (*n).into()),
                            S::DeletedStorage(n) => ("DELETED-STORAGE", *n),
                        }
                    })
                    .collect(),
            },
            D::Search(v) => N::Search(v.iter().map(|n| n.get()).collect()),
            D::Flags(v) => N::Flags(v.iter().map(t_flag).collect()),
            D::Exists(n) => N::Exists(*n),
            D::Recent(n) => N::Recent(*n),
            D::Expunge(n) => N::Expunge(n.get()),
            D::Fetch { seq, items } => N::Fetch {
                seq: seq.get(),
                items: items.as_ref().iter().map(t_item).collect(),
            },
            D::Enabled { capabilities } => {
                N::Enabled(capabilities.iter().map(|c| upper(c.to_string())).collect())
            }
            D::Quota { root, quotas } => N::Quota {
                root: b(AsRef::<[u8]>::as_ref(root)),
                resources: quotas
                    .as_ref()
                    .iter()
                    .map(|q| (upper(q.resource.to_string()), q.usage, q.limit))
                    .collect(),
            },
            D::QuotaRoot { mailbox, roots } => N::QuotaRoot {
                mailbox: t_mailbox(mailbox),
                roots: roots.iter().map(|a| b(AsRef::<[u8]>::as_ref(a))).collect(),
            },
        },
    }
}

fn theirs_greeting(g: &tr::Greeting<'_>) -> N {
    N::Status {
        tag: None,
        condition: match g.kind {
            tr::GreetingKind::Ok => "OK",
            tr::GreetingKind::PreAuth => "PREAUTH",
            tr::GreetingKind::Bye => "BYE",
        },
        code: g.code.as_ref().map(t_code),
        text: b(g.text.inner()),
    }
}

/// imap-codec on the start of `rest`: the normalized value and the length consumed.
fn theirs(rest: &[u8]) -> Option<(N, usize)> {
    match ResponseCodec::default().decode(rest) {
        Ok((r, v)) => return Some((theirs_norm(&v), rest.len() - r.len())),
        Err(
            ResponseDecodeError::Failed
            | ResponseDecodeError::Incomplete
            | ResponseDecodeError::LiteralFound { .. },
        ) => {}
    }
    // `* PREAUTH` exists only as a greeting in imap-codec.
    match GreetingCodec::default().decode(rest) {
        Ok((r, g)) => Some((theirs_greeting(&g), rest.len() - r.len())),
        Err(GreetingDecodeError::Failed | GreetingDecodeError::Incomplete) => None,
    }
}

// ---- the comparison ---------------------------------------------------------------------------

/// The tolerances of [`ParseConfig`], each turned on alone on top of the strict configuration.
fn tolerances() -> Vec<(&'static str, ParseConfig)> {
    let with = |f: fn(&mut ParseConfig)| {
        let mut c = ParseConfig::strict();
        f(&mut c);
        c
    };
    vec![
        ("allow_bare_lf", with(|c| c.allow_bare_lf = true)),
        ("allow_extra_spaces", with(|c| c.allow_extra_spaces = true)),
        (
            "allow_missing_spaces",
            with(|c| c.allow_missing_spaces = true),
        ),
        ("allow_nil_string", with(|c| c.allow_nil_string = true)),
        (
            "allow_bracket_in_atom",
            with(|c| c.allow_bracket_in_atom = true),
        ),
        ("allow_8bit_quoted", with(|c| c.allow_8bit_quoted = true)),
        ("allow_utf8_atoms", with(|c| c.allow_utf8_atoms = true)),
        (
            "allow_nul_in_literal",
            with(|c| c.allow_nul_in_literal = true),
        ),
        (
            "allow_single_digit_day",
            with(|c| c.allow_single_digit_day = true),
        ),
    ]
}

/// The bytes of a message outside literal data.
fn outside_literals(msg: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < msg.len() {
        let Some(end) = msg[i..].windows(3).position(|w| w == b"}\r\n") else {
            out.extend_from_slice(&msg[i..]);
            break;
        };
        let close = i + end;
        out.extend_from_slice(&msg[i..close + 3]);
        let head = &msg[i..close];
        let head = head.strip_suffix(b"+").unwrap_or(head);
        let digits = head.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let n = std::str::from_utf8(&head[head.len() - digits..])
            .ok()
            .and_then(|d| d.parse::<usize>().ok())
            .filter(|_| head[..head.len() - digits].ends_with(b"{"));
        i = close + 3 + n.unwrap_or(0);
    }
    out
}

/// Why a response we accept may be rejected by imap-codec, `Err` with the details if nothing
/// explains it.
fn only_ours_reason(msg: &[u8], ours: &Response<'_>) -> Result<String, String> {
    // A tolerance gated by a `ParseConfig` switch: the strict configuration rejects the
    // response or reads it differently; name the switches that alone give our value.
    let strict = match parse_response(msg, &ParseConfig::strict()) {
        Ok(Status::Complete((r, n))) if n == msg.len() => Some(r),
        _ => None,
    };
    if strict.as_ref() != Some(ours) {
        let names: Vec<&str> = tolerances()
            .into_iter()
            .filter(|(_, cfg)| {
                matches!(parse_response(msg, cfg), Ok(Status::Complete((r, _))) if r == *ours)
            })
            .map(|(name, _)| name)
            .collect();
        // Our reading, written back canonically, must mean the same to imap-codec (if it
        // knows the response kind at all).
        let verified = if canonical_agrees(ours)? {
            ", canonical form verified"
        } else {
            ""
        };
        return Ok(if names.is_empty() {
            format!("several ParseConfig tolerances together{verified}")
        } else {
            format!("tolerance ParseConfig::{}{verified}", names.join(" or "))
        });
    }
    if let Err(gap) = ours_norm(ours) {
        return Ok(gap.into());
    }
    if has_message_global(ours) {
        return Ok(
            "MESSAGE/GLOBAL part (RFC 9051 body-type-msg, RFC 6532): not in imap-codec 1.0".into(),
        );
    }
    // Our value written back in canonical form, 8-bit strings as literals: when imap-codec
    // accepts that with an equal value, the rejection was of the surface syntax only. Either
    // 8-bit quoted strings (RFC 9051 §4.3, RFC 6855; imap-codec 1.0 takes 7-bit quoted
    // strings only) or an "always" tolerance of parse_response's table (not gated by a
    // switch).
    let canonical = canonical(ours);
    if canonical != msg && canonical_agrees(ours)? {
        if !outside_literals(msg).is_ascii() && outside_literals(&canonical).is_ascii() {
            return Ok("8-bit quoted strings (RFC 9051, RFC 6855): imap-codec 1.0 takes 7-bit quoted strings only, and reads our literal form alike".into());
        }
        let kind = always_kind(msg);
        if kind == "other" {
            return Err("imap-codec reads our canonical form alike, but no tolerance of parse_response's table matches the bytes".into());
        }
        return Ok(format!("'always' tolerance of parse_response: {kind}"));
    }
    if !outside_literals(&canonical).is_ascii() {
        return Ok("8-bit text or atom (RFC 9051 UTF-8 text, allow_utf8_atoms); imap-codec 1.0 takes 7-bit TEXT-CHARs only".into());
    }
    if let Some(t) = ours.resp_text() {
        if t.text().is_empty() && t.code().is_none() {
            return Ok("empty text (RFC 9051 resp-text: text is optional); imap-codec 1.0 needs 1*TEXT-CHAR".into());
        }
        if t.code().is_none() && t.text().as_bytes().starts_with(b"[") {
            return Ok("text starting with '[' that is no response code (RFC 9051 `text` allows it); imap-codec 1.0 insists on a code".into());
        }
        if t.text().is_empty() {
            return Ok("a code and no text; imap-codec 1.0's quirk_missing_text covers status responses only".into());
        }
    }
    if zone_beyond_a_day(ours) {
        return Ok("a zone of 24 hours or more (`+3835`: the ABNF's 4DIGIT allows it); imap-codec 1.0 (chrono) rejects".into());
    }
    if beyond_u32(ours) {
        return Ok("number64 (RFC 9051) beyond imap-codec's u32 fields".into());
    }
    Err("no documented reason".into())
}

/// Our value written back: canonical form, 8-bit strings as literals.
fn canonical(ours: &Response<'_>) -> Vec<u8> {
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::AsIs, false));
    ours.encode(&mut e);
    e.into_vec()
}

/// Whether imap-codec accepts our canonical form; `Err` if it reads a different value.
fn canonical_agrees(ours: &Response<'_>) -> Result<bool, String> {
    let Ok(o) = ours_norm(ours) else {
        return Ok(false);
    };
    let canonical = canonical(ours);
    let Some((t, len)) = theirs(&canonical) else {
        return Ok(false);
    };
    let mut scratch = Report::default();
    let t = reconcile(&canonical, &o, t, &mut scratch);
    if len != canonical.len() || o != t {
        return Err(format!(
            "our canonical form b\"{}\" reads differently in imap-codec: {t:?}",
            canonical.escape_ascii()
        ));
    }
    Ok(true)
}

/// Which "always" tolerances of `parse_response`'s table the bytes show.
fn always_kind(msg: &[u8]) -> String {
    let m = outside_literals(msg);
    let has = |p: &[u8]| m.windows(p.len()).any(|w| w == p);
    let mut kinds = Vec::new();
    if has(b"\"\" ") && m.starts_with(b"* L") {
        kinds.push("\"\" as a LIST delimiter");
    }
    if has(b"()") {
        kinds.push("() for an empty address list, parameters, languages or extensions");
    }
    if has(b"(NIL (") || has(b") NIL)") || has(b") NIL (") {
        kinds.push("NIL inside an address list");
    }
    if has(b") (") && has(b"ENVELOPE") {
        kinds.push("spaces between addresses");
    }
    if has(b"NIL \"") || has(b"\" NIL NIL)") {
        kinds.push("a bare string disposition, or MESSAGE/RFC822 without envelope");
    }
    let partial_echoed = m.windows(2).enumerate().any(|(i, w)| {
        w == b"]<" && {
            let inner = m[i + 2..].split(|&c| c == b'>').next().unwrap_or_default();
            inner.contains(&b'.') && inner.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        }
    });
    if partial_echoed {
        kinds.push("the request's <origin.length> echoed as origin");
    }
    if m.starts_with(b"+\r\n") {
        kinds.push("+ without text");
    }
    if m.ends_with(b"] \r\n") {
        kinds.push("empty text after a code (RFC 9051: text is optional)");
    }
    if m.windows(2)
        .any(|w| w[0] == b']' && !matches!(w[1], b' ' | b'\r') && !(w[1] == b'<' && has(b"]<0")))
    {
        kinds.push("no space after ']' (ParseConfig::strict accepts it too)");
    }
    if std::env::var_os("IMAP_DIFF_DEBUG").is_some() {
        eprintln!("always: b\"{}\"", msg.escape_ascii());
    }
    if kinds.is_empty() {
        "other".into()
    } else {
        kinds.join("; ")
    }
}

fn has_message_global(r: &Response<'_>) -> bool {
    fn body(x: &BodyStructure<'_>) -> bool {
        match x {
            BodyStructure::Single { body: p, .. } => match &p.specific {
                SpecificFields::Message { body: inner, .. } => {
                    p.subtype.as_bytes().eq_ignore_ascii_case(b"GLOBAL") || body(inner)
                }
                _ => false,
            },
            BodyStructure::Multi { parts, .. } => parts.iter().any(body),
        }
    }
    let Response::Untagged(UntaggedResponse::Fetch { items, .. }) = r else {
        return false;
    };
    items.iter().any(|i| match i {
        FetchData::Body(x) | FetchData::BodyStructure(x) => body(x),
        _ => false,
    })
}

fn zone_beyond_a_day(r: &Response<'_>) -> bool {
    let Response::Untagged(UntaggedResponse::Fetch { items, .. }) = r else {
        return false;
    };
    items.iter().any(
        |i| matches!(i, FetchData::InternalDate(d) if d.zone_minutes().unsigned_abs() >= 24 * 60),
    )
}

fn beyond_u32(r: &Response<'_>) -> bool {
    fn ext(e: &BodyExtension<'_>) -> bool {
        match e {
            BodyExtension::Number(n) => *n > u32::MAX.into(),
            BodyExtension::NString(_) => false,
            BodyExtension::List(v) => v.iter().any(ext),
        }
    }
    fn tail(t: &Option<BodyExtTail<'_>>) -> bool {
        t.as_ref()
            .and_then(|t| t.language.as_ref())
            .and_then(|l| l.location.as_ref())
            .is_some_and(|l| l.extensions.iter().any(ext))
    }
    fn body(x: &BodyStructure<'_>) -> bool {
        match x {
            BodyStructure::Single { body: p, ext } => {
                let big = match &p.specific {
                    SpecificFields::Basic => false,
                    SpecificFields::Text { lines } => *lines > u32::MAX.into(),
                    SpecificFields::Message { body: b, lines, .. } => {
                        *lines > u32::MAX.into() || body(b)
                    }
                };
                big || ext.as_ref().is_some_and(|e| tail(&e.tail))
            }
            BodyStructure::Multi { parts, ext, .. } => {
                parts.iter().any(body) || ext.as_ref().is_some_and(|e| tail(&e.tail))
            }
        }
    }
    let Response::Untagged(UntaggedResponse::Fetch { items, .. }) = r else {
        return false;
    };
    items.iter().any(|i| match i {
        FetchData::Rfc822Size(n) => *n > u32::MAX.into(),
        FetchData::Body(x) | FetchData::BodyStructure(x) => body(x),
        _ => false,
    })
}

/// The results of one or more streams.
#[derive(Default)]
struct Report {
    both: usize,
    both_rejected: usize,
    only_ours: BTreeMap<String, usize>,
    normalized: BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Report {
    fn fail(&mut self, msg: &[u8], what: &str, ours: &dyn fmt::Debug, theirs: &dyn fmt::Debug) {
        if self.failures.len() < 20 {
            self.failures.push(format!(
                "{what}\n  bytes:  b\"{}\"\n  ours:   {ours:?}\n  theirs: {theirs:?}",
                msg.escape_ascii()
            ));
        } else if self.failures.len() == 20 {
            self.failures.push("(further failures not shown)".into());
        }
    }

    fn print(&self, name: &str) {
        println!(
            "{name}: {} compared equal, {} rejected by both, only ours: {}",
            self.both,
            self.both_rejected,
            self.only_ours.values().sum::<usize>()
        );
        for (reason, n) in &self.only_ours {
            println!("  only ours {n:>6}: {reason}");
        }
        for (what, n) in &self.normalized {
            println!("  normalized {n:>5}: {what}");
        }
    }

    fn assert_ok(&self, name: &str) {
        self.print(name);
        let n = TEXT_WITHOUT_LINES.with(std::cell::Cell::get);
        if n > 0 {
            println!(
                "  normalized {n:>5}: 6: TEXT part without its line count (imap-codec: basic)"
            );
        }
        assert!(
            self.failures.is_empty(),
            "{name}: {} disagreement(s):\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

/// Normalization 2 on `theirs` against `ours`: whether it applied.
fn missing_text(ours: &N, theirs: &mut N) -> bool {
    match (ours, theirs) {
        (
            N::Status {
                text: o,
                code: Some(_),
                ..
            }
            | N::Continue {
                text: o,
                code: Some(_),
            },
            N::Status {
                text: t,
                code: Some(_),
                ..
            }
            | N::Continue {
                text: t,
                code: Some(_),
            },
        ) if o.0.is_empty() && t.0 == b"..." => {
            t.0.clear();
            true
        }
        _ => false,
    }
}

/// Normalization 9 on two capability lists: imap-codec 1.0 reads any capability that starts
/// with `QUOTA=` and holds `RES-` somewhere as `QUOTA=RES-<rest>` (`QUOTA==RES-STORAGE`,
/// `QUOTA=RRES-STORAGE`: it splits at the first `res-`, an imap-codec bug); RFC 9208 §3.1
/// names `QUOTA=RES-<resource>` only, and we keep the others as sent. Counts the fixes.
fn quota_res_caps(ours: &[B], theirs: &mut [B]) -> usize {
    let mut n = 0;
    for (o, t) in ours.iter().zip(theirs.iter_mut()) {
        let stray = o.0.starts_with(b"QUOTA=")
            && !o.0.starts_with(b"QUOTA=RES-")
            && t.0.starts_with(b"QUOTA=RES-")
            && o.0.ends_with(&t.0[b"QUOTA=".len()..]);
        if stray {
            *t = o.clone();
            n += 1;
        }
    }
    n
}

/// Applies the documented normalizations to imap-codec's value, given ours.
fn reconcile(msg: &[u8], ours: &N, mut theirs: N, report: &mut Report) -> N {
    let mut count = |what: &'static str| *report.normalized.entry(what).or_default() += 1;
    if missing_text(ours, &mut theirs) {
        count("2: missing text after a code, imap-codec's \"...\"");
    }
    if let (
        N::Continue {
            text: o,
            code: None,
        },
        N::Continue {
            text: t,
            code: None,
        },
    ) = (ours, &mut theirs)
    {
        if let Some(decoded) = t.0.strip_prefix(b"<base64>") {
            let ours_decoded = base64::engine::general_purpose::STANDARD.decode(&o.0);
            if ours_decoded.as_deref() == Ok(decoded) {
                count("3: base64 continuation");
                *t = o.clone();
            }
        }
    }
    let fixed = match (ours, &mut theirs) {
        (N::Capability(o), N::Capability(t)) | (N::Enabled(o), N::Enabled(t)) => {
            quota_res_caps(o, t)
        }
        (
            N::Status {
                code: Some(NCode::Capability(o)),
                ..
            }
            | N::Continue {
                code: Some(NCode::Capability(o)),
                ..
            },
            N::Status {
                code: Some(NCode::Capability(t)),
                ..
            }
            | N::Continue {
                code: Some(NCode::Capability(t)),
                ..
            },
        ) => quota_res_caps(o, t),
        _ => 0,
    };
    if fixed > 0 {
        count("9: imap-codec's QUOTA=RES- split (its bug)");
    }
    if *ours == theirs {
        return theirs;
    }
    // Normalization 7: where a ParseConfig tolerance changes our reading (a typed code whose
    // data holds 8-bit quoted strings or extra spaces, say), the strict configuration's
    // reading must equal imap-codec's.
    if let Ok(Status::Complete((strict, n))) = parse_response(msg, &ParseConfig::strict()) {
        let default = parse_response(msg, &ParseConfig::default());
        let differs = !matches!(&default, Ok(Status::Complete((d, _))) if *d == strict);
        if let (true, true, Ok(strict)) = (n == msg.len(), differs, ours_norm(&strict)) {
            let mut t = theirs.clone();
            missing_text(&strict, &mut t);
            if strict == t {
                count("7: a tolerance changes our reading; the strict one equals imap-codec's");
                return ours.clone();
            }
        }
    }
    // Normalization 8: imap-codec takes anything up to `]` for a response code
    // (`[CL{SED]`), also when it is no atom; RFC 9051 `resp-text-code` ends in `atom`, so we
    // read `[` and what follows as text (documented). Same bytes, split differently; with no
    // text after `]`, imap-codec's text is its "..." (normalization 2).
    if let (
        N::Status {
            code: None,
            text: o,
            ..
        }
        | N::Continue {
            code: None,
            text: o,
        },
        N::Status {
            code: Some(NCode::Other(name, data)),
            text: t,
            ..
        }
        | N::Continue {
            code: Some(NCode::Other(name, data)),
            text: t,
        },
    ) = (ours, &theirs)
    {
        let is_atom_char =
            |c: &u8| !(c.is_ascii_control() || *c >= 0x80 || b"(){ %*\"\\]".contains(c));
        let mut joined = b"[".to_vec();
        joined.extend_from_slice(&name.0);
        if let Some(d) = data {
            joined.push(b' ');
            joined.extend_from_slice(&d.0);
        }
        joined.push(b']');
        if !(t.0 == b"..." && o.0.ends_with(b"]")) {
            joined.push(b' ');
            joined.extend_from_slice(&t.0);
        }
        if (name.0.is_empty() || !name.0.iter().all(is_atom_char))
            && o.0.eq_ignore_ascii_case(&joined)
        {
            count("8: a non-atom code name: imap-codec's code, our text");
            return ours.clone();
        }
    }
    theirs
}

/// Compares one message (one frame of ours) and what imap-codec makes of the same bytes.
fn compare_message(msg: &[u8], rest: &[u8], report: &mut Report) {
    let theirs = theirs(rest);
    let ours = match parse_response(msg, &ParseConfig::default()) {
        Ok(Status::Complete((r, n))) if n == msg.len() => Some(r),
        // Normalization 10: a text that ends like a literal header (`+ text {20}` CRLF) is
        // framed as a literal by our lexical framer (documented on `Text`), while
        // `parse_response` and imap-codec end the response at that CRLF: both must read the
        // same value there. What follows is the rest of the frame.
        Ok(Status::Complete((r, n))) => {
            let same = theirs.as_ref().is_some_and(|(t, len)| {
                *len == n && ours_norm(&r).is_ok_and(|o| reconcile(msg, &o, t.clone(), report) == o)
            });
            if same {
                *report
                    .normalized
                    .entry("10: text ending like a literal header: our framer reads a literal")
                    .or_default() += 1;
            } else {
                report.fail(
                    msg,
                    &format!("our frame is {} bytes, parse_response used {n}", msg.len()),
                    &ours_norm(&r),
                    &theirs,
                );
            }
            return;
        }
        _ => None,
    };
    match (ours, theirs) {
        (None, None) => {
            if std::env::var_os("IMAP_DIFF_DEBUG").is_some() {
                eprintln!("both reject: b\"{}\"", msg.escape_ascii());
            }
            report.both_rejected += 1;
        }
        (None, Some((t, len))) => report.fail(
            msg,
            "only imap-codec accepts (a bug in our parser)",
            &parse_response(msg, &ParseConfig::default()),
            &(t, len),
        ),
        (Some(o), None) => match only_ours_reason(msg, &o) {
            Ok(reason) => *report.only_ours.entry(reason).or_default() += 1,
            Err(why) => report.fail(
                msg,
                &format!("only we accept: {why}"),
                &ours_norm(&o),
                &"rejected",
            ),
        },
        (Some(o), Some((t, len))) => {
            if len != msg.len() {
                report.fail(
                    msg,
                    &format!("lengths differ: ours {}, imap-codec {len}", msg.len()),
                    &ours_norm(&o),
                    &t,
                );
                return;
            }
            match ours_norm(&o) {
                Err(gap) => report.fail(
                    msg,
                    &format!("imap-codec accepts what we say it lacks ({gap})"),
                    &o,
                    &t,
                ),
                Ok(on) => {
                    let t = reconcile(msg, &on, t, report);
                    if on == t {
                        report.both += 1;
                    } else {
                        report.fail(msg, "values differ", &on, &t);
                    }
                }
            }
        }
    }
}

/// Walks a stream of responses with our framer, comparing each message.
fn compare_stream(data: &[u8], report: &mut Report) {
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    let mut pos = 0;
    while pos < data.len() {
        let len = match framer.next_frame(&data[pos..]) {
            Ok(Status::Complete(frame)) => frame.len,
            other => {
                // Nothing of ours to compare; imap-codec must not accept it either.
                if let Some((t, len)) = theirs(&data[pos..]) {
                    report.fail(
                        &data[pos..pos + len],
                        "our framer rejects what imap-codec accepts",
                        &other,
                        &t,
                    );
                } else {
                    if std::env::var_os("IMAP_DIFF_DEBUG").is_some() {
                        eprintln!("framer: {other:?} b\"{}\"", data[pos..].escape_ascii());
                    }
                    report.both_rejected += 1;
                }
                return;
            }
        };
        compare_message(&data[pos..pos + len], &data[pos..], report);
        pos += len;
    }
}

// ---- the streams -----------------------------------------------------------------------------

const EXAMPLES: &[&[u8]] = include!("data/imap_responses/examples.rs");

/// The RFC 3501 §8 header that response_examples.rs sends as a `BODY[HEADER]` literal.
const RFC3501_8_HEADER: &[u8] = b"Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\nSubject: IMAP4rev1 WG mtg summary and minutes\r\nTo: imap@cac.washington.edu\r\ncc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\nMessage-Id: <B27397-0100000@cac.washington.edu>\r\nMIME-Version: 1.0\r\nContent-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n";

#[test]
fn generated_fetch_streams() {
    for (name, bodies) in [("headers", false), ("bodies", true)] {
        let mut rng = common::Rng(0x5eed_5eed_1234_5678);
        let data = common::imap_fetch_responses(&mut rng, bodies);
        let mut report = Report::default();
        compare_stream(&data, &mut report);
        report.assert_ok(&format!("fetch stream {name} ({} bytes)", data.len()));
        assert!(report.both > 1000, "the stream was compared");
        assert!(report.only_ours.is_empty() && report.both_rejected == 0);
    }
}

/// The benches' mixed server stream (LIST, STATUS, SEARCH, FETCH with literals, tagged
/// OKs): beyond the brief's FETCH streams, as more coverage of the same kinds.
#[test]
fn generated_server_stream() {
    let mut rng = common::Rng(0x5eed_0000_abcd_ef01);
    let data = common::imap_server_stream(&mut rng);
    let mut report = Report::default();
    compare_stream(&data, &mut report);
    report.assert_ok(&format!("server stream ({} bytes)", data.len()));
    assert!(report.both > 1000, "the stream was compared");
}

/// The examples of response_examples.rs whose literal data is appended in code there.
fn examples_with_literals() -> Vec<Vec<u8>> {
    let join = |parts: &[&[u8]]| parts.concat();
    vec![
        join(&[
            b"* 12 FETCH (BODY[HEADER] {342}\r\n",
            RFC3501_8_HEADER,
            b")\r\n",
        ]),
        join(&[
            b"* METADATA \"INBOX\" (/private/comment {33}\r\n",
            b"My new comment across\r\ntwo lines.",
            b")\r\n",
        ]),
        join(&[
            b"* 1 FETCH (BINARY[1] ~{6}\r\n",
            b"a\0b\r\nc",
            b" BINARY.SIZE[1] 6)\r\n",
        ]),
        b"* 12 FETCH (BODY[] {5}\r\nhello UID 3)\r\n".to_vec(),
        join(&[
            b"* 1 FETCH (BODY[TEXT]<0.28> {28}\r\n",
            &[b'x'; 28],
            b")\r\n",
        ]),
    ]
}

#[test]
fn response_examples() {
    let mut report = Report::default();
    let extra = examples_with_literals();
    for example in EXAMPLES
        .iter()
        .copied()
        .chain(extra.iter().map(Vec::as_slice))
    {
        compare_stream(example, &mut report);
    }
    report.assert_ok(&format!(
        "response examples ({})",
        EXAMPLES.len() + extra.len()
    ));
    assert!(report.both > 100, "most examples are compared");
}

// ---- random responses -------------------------------------------------------------------------

mod random {
    //! A seeded generator of [`Response`] values over the grammar both libraries share, with
    //! some of ours only (to exercise the classification). `proptest` is not a dev-dependency
    //! of the root package, so this uses the benches' xorshift generator; a failure prints the
    //! case number, the bytes and both values.

    use super::*;
    use common::Rng;

    fn nz(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n.max(1)).unwrap()
    }

    fn pick<T: Clone>(rng: &mut Rng, v: &[T]) -> T {
        v[rng.below(v.len())].clone()
    }

    fn small(rng: &mut Rng) -> u32 {
        match rng.below(4) {
            0 => rng.next() as u32,
            _ => rng.below(100_000) as u32,
        }
    }

    const ATOM: &[u8] =
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$&'+,/:;<=>?@^`|~";

    fn atom_text(rng: &mut Rng) -> String {
        (0..1 + rng.below(10))
            .map(|_| char::from(ATOM[rng.below(ATOM.len())]))
            .collect()
    }

    fn atom(rng: &mut Rng) -> Atom<'static> {
        Atom::new(atom_text(rng)).unwrap()
    }

    /// Bytes for a string: 7-bit text, quoted specials, any CHAR8 (a literal), UTF-8 words.
    fn string_bytes(rng: &mut Rng) -> Vec<u8> {
        match rng.below(6) {
            0 => Vec::new(),
            1 => (0..rng.below(20))
                .map(|_| 1 + rng.below(255) as u8)
                .collect(),
            2 => "Grüße from Zürich".as_bytes().to_vec(),
            3 => b"a \"quoted\" \\ back\\slash".to_vec(),
            _ => (0..1 + rng.below(25))
                .map(|_| 0x20 + rng.below(0x5f) as u8)
                .collect(),
        }
    }

    fn istring(rng: &mut Rng) -> IString<'static> {
        let v = string_bytes(rng);
        if rng.below(3) == 0 {
            IString::Literal(Literal::new(v).unwrap())
        } else if v.is_ascii() || rng.below(4) == 0 {
            IString::new(v).unwrap()
        } else {
            IString::new(
                v.to_ascii_lowercase()
                    .iter()
                    .map(|&c| c & 0x7f)
                    .filter(|&c| c != 0)
                    .collect::<Vec<u8>>(),
            )
            .unwrap()
        }
    }

    fn nstring(rng: &mut Rng) -> NString<'static> {
        if rng.below(4) == 0 {
            NString(None)
        } else {
            NString(Some(istring(rng)))
        }
    }

    fn astring(rng: &mut Rng) -> AString<'static> {
        if rng.below(2) == 0 {
            AString::Atom(AtomExt::new(atom_text(rng)).unwrap())
        } else {
            AString::String(istring(rng))
        }
    }

    fn flag(rng: &mut Rng) -> Flag<'static> {
        match rng.below(8) {
            0 => Flag::Answered,
            1 => Flag::Flagged,
            2 => Flag::Deleted,
            3 => Flag::Seen,
            4 => Flag::Draft,
            5 => FlagExtension::from_atom(atom(rng))
                .map(Flag::Extension)
                .unwrap_or(Flag::Seen),
            _ => Flag::Keyword(atom(rng)),
        }
    }

    fn flag_fetch(rng: &mut Rng) -> Vec<FlagFetch<'static>> {
        (0..rng.below(5))
            .map(|_| {
                if rng.below(8) == 0 {
                    FlagFetch::Recent
                } else {
                    FlagFetch::Flag(flag(rng))
                }
            })
            .collect()
    }

    fn mailbox(rng: &mut Rng) -> Mailbox<'static> {
        match rng.below(4) {
            0 => Mailbox::Inbox,
            1 => Mailbox::from_utf8("Entwürfe/Ärger").unwrap(),
            _ => Mailbox::new(astring(rng)),
        }
    }

    fn capability(rng: &mut Rng) -> Capability<'static> {
        let names = [
            "IMAP4rev1",
            "IMAP4rev2",
            "IDLE",
            "LITERAL+",
            "LITERAL-",
            "AUTH=PLAIN",
            "AUTH=XOAUTH2",
            "SASL-IR",
            "ENABLE",
            "MOVE",
            "QUOTA",
            "QUOTA=RES-STORAGE",
            "COMPRESS=DEFLATE",
            "UTF8=ACCEPT",
            "UIDPLUS",
            "CONDSTORE",
            "X-GM-EXT-1",
            "ID",
            "NAMESPACE",
        ];
        let name = if rng.below(4) == 0 {
            atom_text(rng)
        } else {
            pick(rng, &names).to_owned()
        };
        Capability::from_atom(Atom::new(name).unwrap())
    }

    fn text(rng: &mut Rng) -> Text<'static> {
        let words = [
            "completed",
            "Ready",
            "LOGIN",
            "x",
            "100%",
            "(a)",
            "*",
            "über",
            "[b]",
        ];
        let mut s = pick(rng, &words[..7]).to_owned();
        for _ in 0..rng.below(3) {
            s.push(' ');
            s.push_str(pick(rng, &words));
        }
        Text::new(s.into_bytes()).unwrap()
    }

    fn set(rng: &mut Rng) -> SequenceSet<'static> {
        let a = 1 + rng.below(1000) as u32;
        let b = a + rng.below(5) as u32;
        SequenceSet::new(format!("{a}:{b},{}", b + 3)).unwrap()
    }

    fn code(rng: &mut Rng) -> Option<ResponseCode<'static>> {
        Some(match rng.below(16) {
            0 => return None,
            1 => ResponseCode::Alert,
            2 => ResponseCode::BadCharset(vec![Charset::new("UTF-8").unwrap()]),
            3 => ResponseCode::Capability(vec![Capability::Imap4rev1, capability(rng)]),
            4 => ResponseCode::PermanentFlags(vec![FlagPerm::Flag(flag(rng)), FlagPerm::Wildcard]),
            5 => ResponseCode::ReadOnly,
            6 => ResponseCode::TryCreate,
            7 => ResponseCode::UidNext(nz(small(rng))),
            8 => ResponseCode::UidValidity(nz(small(rng))),
            9 => ResponseCode::Unseen(nz(small(rng))),
            10 => ResponseCode::AppendUid {
                uid_validity: nz(small(rng)),
                uids: set(rng),
            },
            11 => ResponseCode::CopyUid {
                uid_validity: nz(small(rng)),
                source: set(rng),
                dest: set(rng),
            },
            12 => ResponseCode::HighestModSeq(NonZeroU64::new(1 + rng.next() / 2).unwrap()),
            13 => ResponseCode::NonExistent,
            14 => ResponseCode::Other(OtherCode::new(Atom::new("X-FOO").unwrap(), None).unwrap()),
            _ => ResponseCode::OverQuota,
        })
    }

    fn resp_text(rng: &mut Rng) -> RespText<'static> {
        RespText::new(code(rng), text(rng)).unwrap()
    }

    fn address(rng: &mut Rng) -> Address<'static> {
        Address {
            name: nstring(rng),
            adl: nstring(rng),
            mailbox: nstring(rng),
            host: nstring(rng),
        }
    }

    fn addresses(rng: &mut Rng) -> Vec<Address<'static>> {
        (0..rng.below(3)).map(|_| address(rng)).collect()
    }

    fn envelope(rng: &mut Rng) -> Envelope<'static> {
        Envelope {
            date: nstring(rng),
            subject: nstring(rng),
            from: addresses(rng),
            sender: addresses(rng),
            reply_to: addresses(rng),
            to: addresses(rng),
            cc: addresses(rng),
            bcc: addresses(rng),
            in_reply_to: nstring(rng),
            message_id: nstring(rng),
        }
    }

    fn params(rng: &mut Rng) -> BodyParams<'static> {
        (0..rng.below(3))
            .map(|_| (istring(rng), istring(rng)))
            .collect()
    }

    fn extension(rng: &mut Rng, depth: usize) -> BodyExtension<'static> {
        match rng.below(if depth > 2 { 2 } else { 3 }) {
            0 => BodyExtension::NString(nstring(rng)),
            1 => BodyExtension::Number(small(rng).into()),
            _ => BodyExtension::List(
                (0..1 + rng.below(3))
                    .map(|_| extension(rng, depth + 1))
                    .collect(),
            ),
        }
    }

    fn tail(rng: &mut Rng) -> Option<BodyExtTail<'static>> {
        if rng.below(3) == 0 {
            return None;
        }
        Some(BodyExtTail {
            disposition: (rng.below(2) == 0).then(|| Disposition {
                kind: istring(rng),
                params: params(rng),
            }),
            language: (rng.below(2) == 0).then(|| BodyLanguage {
                languages: (0..rng.below(3)).map(|_| istring(rng)).collect(),
                location: (rng.below(2) == 0).then(|| BodyLocation {
                    location: nstring(rng),
                    extensions: (0..rng.below(3)).map(|_| extension(rng, 0)).collect(),
                }),
            }),
        })
    }

    fn fields(rng: &mut Rng) -> BodyFields<'static> {
        BodyFields {
            params: params(rng),
            id: nstring(rng),
            description: nstring(rng),
            encoding: istring(rng),
            octets: small(rng),
        }
    }

    fn body(rng: &mut Rng, depth: usize, ext: bool) -> BodyStructure<'static> {
        let single_ext = |rng: &mut Rng| {
            (ext && rng.below(3) != 0).then(|| SinglePartExt {
                md5: nstring(rng),
                tail: tail(rng),
            })
        };
        match rng.below(if depth > 2 { 2 } else { 4 }) {
            0 => {
                let t = pick(rng, &["application", "IMAGE", "audio", "x-foo"]);
                BodyStructure::Single {
                    body: SinglePart {
                        media_type: IString::new(t.as_bytes().to_vec()).unwrap(),
                        subtype: IString::new(atom_text(rng).into_bytes()).unwrap(),
                        fields: fields(rng),
                        specific: SpecificFields::Basic,
                    },
                    ext: single_ext(rng),
                }
            }
            1 => BodyStructure::Single {
                body: SinglePart {
                    media_type: IString::new(pick(rng, &["TEXT", "text"]).as_bytes().to_vec())
                        .unwrap(),
                    subtype: istring(rng),
                    fields: fields(rng),
                    specific: SpecificFields::Text {
                        lines: small(rng).into(),
                    },
                },
                ext: single_ext(rng),
            },
            2 => BodyStructure::Multi {
                parts: (0..1 + rng.below(3))
                    .map(|_| body(rng, depth + 1, ext))
                    .collect(),
                subtype: istring(rng),
                ext: (ext && rng.below(3) != 0).then(|| MultiPartExt {
                    params: params(rng),
                    tail: tail(rng),
                }),
            },
            _ => BodyStructure::Single {
                body: SinglePart {
                    media_type: IString::new(&b"MESSAGE"[..]).unwrap(),
                    subtype: IString::new(&b"RFC822"[..]).unwrap(),
                    fields: fields(rng),
                    specific: SpecificFields::Message {
                        envelope: Box::new(envelope(rng)),
                        body: Box::new(body(rng, depth + 1, ext)),
                        lines: small(rng).into(),
                    },
                },
                ext: single_ext(rng),
            },
        }
    }

    fn section(rng: &mut Rng) -> Section<'static> {
        let part = (rng.below(2) == 0).then(|| {
            SectionPart::from_numbers(&[nz(1 + rng.below(3) as u32), nz(1 + rng.below(3) as u32)])
                .unwrap()
        });
        let headers = |rng: &mut Rng| (0..1 + rng.below(3)).map(|_| astring(rng)).collect();
        let text = match rng.below(7) {
            0 | 1 => None,
            2 => Some(SectionText::Header),
            3 => Some(SectionText::HeaderFields(headers(rng))),
            4 => Some(SectionText::HeaderFieldsNot(headers(rng))),
            5 => Some(SectionText::Text),
            _ => part.as_ref().map(|_| SectionText::Mime),
        };
        Section::new(part, text).unwrap()
    }

    fn fetch_item(rng: &mut Rng) -> FetchData<'static> {
        match rng.below(12) {
            0 => FetchData::Uid(nz(small(rng))),
            1 => FetchData::Flags(flag_fetch(rng)),
            2 => FetchData::Rfc822Size(if rng.below(10) == 0 {
                u64::from(u32::MAX) + 1 + rng.below(1000) as u64
            } else {
                small(rng).into()
            }),
            3 => FetchData::InternalDate(
                DateTime::new(
                    Date::new(
                        1970 + rng.below(100) as u16,
                        1 + rng.below(12) as u8,
                        1 + rng.below(28) as u8,
                    )
                    .unwrap(),
                    rng.below(24) as u8,
                    rng.below(60) as u8,
                    rng.below(60) as u8,
                    rng.below(24 * 60) as i16 - 12 * 60,
                )
                .unwrap(),
            ),
            4 => FetchData::Envelope(Box::new(envelope(rng))),
            5 => FetchData::Body(Box::new(body(rng, 0, false))),
            6 | 7 => FetchData::BodyStructure(Box::new(body(rng, 0, true))),
            8 => FetchData::BodySection {
                section: section(rng),
                origin: (rng.below(3) == 0).then(|| small(rng)),
                data: nstring(rng),
            },
            9 => FetchData::Rfc822(nstring(rng)),
            10 => FetchData::Rfc822Header(nstring(rng)),
            _ => {
                if rng.below(4) == 0 {
                    FetchData::ModSeq(NonZeroU64::new(1 + rng.next() / 2).unwrap())
                } else {
                    FetchData::Rfc822Text(nstring(rng))
                }
            }
        }
    }

    pub fn response(rng: &mut Rng) -> Response<'static> {
        use UntaggedResponse as U;
        let u = match rng.below(16) {
            0 => {
                return Response::Tagged(TaggedResponse {
                    tag: Tag::new(atom_text(rng).replace('+', "x")).unwrap(),
                    state: pick(rng, &[State::Ok, State::No, State::Bad]),
                    text: resp_text(rng),
                });
            }
            1 => {
                return Response::Continue(if rng.below(2) == 0 {
                    let data: Vec<u8> = (0..1 + rng.below(30)).map(|_| rng.next() as u8).collect();
                    let text = base64::engine::general_purpose::STANDARD.encode(data);
                    RespText::new(None, Text::new(text.into_bytes()).unwrap()).unwrap()
                } else {
                    resp_text(rng)
                });
            }
            2 => U::Status {
                condition: pick(
                    rng,
                    &[
                        Condition::Ok,
                        Condition::No,
                        Condition::Bad,
                        Condition::PreAuth,
                        Condition::Bye,
                    ],
                ),
                text: resp_text(rng),
            },
            3 => U::Capability((0..1 + rng.below(5)).map(|_| capability(rng)).collect()),
            4 | 5 => {
                let l = ListResponse {
                    attributes: (0..rng.below(3))
                        .map(|_| {
                            pick(
                                rng,
                                &[
                                    MailboxAttribute::NoSelect,
                                    MailboxAttribute::NoInferiors,
                                    MailboxAttribute::Marked,
                                    MailboxAttribute::HasChildren,
                                    MailboxAttribute::Sent,
                                ],
                            )
                        })
                        .collect(),
                    delimiter: pick(
                        rng,
                        &[None, Some(b'/'), Some(b'.'), Some(b'"'), Some(b'\\')],
                    )
                    .map(|c| Delimiter::new(c).unwrap()),
                    mailbox: mailbox(rng),
                    extended: vec![],
                };
                if rng.below(2) == 0 {
                    U::List(l)
                } else {
                    U::Lsub(l)
                }
            }
            6 => U::MailboxStatus(MailboxStatus {
                mailbox: mailbox(rng),
                items: (0..rng.below(4))
                    .map(|_| match rng.below(7) {
                        0 => StatusValue::Messages(small(rng)),
                        1 => StatusValue::UidNext(nz(small(rng))),
                        2 => StatusValue::UidValidity(nz(small(rng))),
                        3 => StatusValue::Unseen(small(rng)),
                        4 => StatusValue::Recent(small(rng)),
                        5 => StatusValue::Deleted(small(rng)),
                        _ => StatusValue::Size(small(rng).into()),
                    })
                    .collect(),
            }),
            7 => U::Search {
                ids: (0..rng.below(5)).map(|_| nz(small(rng))).collect(),
                modseq: (rng.below(5) == 0).then(|| NonZeroU64::new(7).unwrap()),
            },
            8 => match rng.below(4) {
                0 => U::Enabled((0..1 + rng.below(3)).map(|_| capability(rng)).collect()),
                1 => U::Quota {
                    root: astring(rng),
                    resources: (0..1 + rng.below(3))
                        .map(|_| QuotaUsage {
                            resource: QuotaResource::from_name(
                                Atom::new(pick(rng, &["STORAGE", "MESSAGE", "MAILBOX", "X-FOO"]))
                                    .unwrap(),
                            ),
                            usage: small(rng).into(),
                            limit: small(rng).into(),
                        })
                        .collect(),
                },
                2 => U::QuotaRoot {
                    mailbox: mailbox(rng),
                    roots: (0..rng.below(3)).map(|_| astring(rng)).collect(),
                },
                _ => U::Flags(flag_fetch(rng)),
            },
            9 => U::Exists(small(rng)),
            10 => U::Recent(small(rng)),
            11 => U::Expunge(nz(small(rng))),
            _ => U::Fetch {
                seq: nz(small(rng)),
                items: (0..1 + rng.below(4)).map(|_| fetch_item(rng)).collect(),
            },
        };
        Response::Untagged(u)
    }
}

/// A bug of ours found by this test (reported to the coordinator): `parse_response`'s
/// tolerance table lists a missing space after `]` (`[READ-WRITE]Ok`) under
/// `allow_missing_spaces`, off under `ParseConfig::strict`, but the strict configuration
/// accepts it with the same value. imap-codec rejects it, so the classification above can only
/// name it an "always" tolerance. Fails until the parser honours the switch here.
#[test]
fn strict_rejects_missing_space_after_code() {
    let msg = b"* OK [READ-WRITE]Ok\r\n";
    assert!(theirs(msg).is_none(), "imap-codec rejects it");
    let strict = parse_response(msg, &ParseConfig::strict());
    assert!(
        !matches!(strict, Ok(Status::Complete(_))),
        "ParseConfig::strict accepts b\"{}\": {strict:?}",
        msg.escape_ascii()
    );
}

#[test]
fn random_responses() {
    let seed = std::env::var("IMAP_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0x0d1f_f0d1_ff00_1234);
    let mut rng = common::Rng(seed | 1);
    let mut report = Report::default();
    for case in 0..10_000 {
        let value = random::response(&mut rng);
        let bytes = value.to_bytes();
        let before = report.failures.len();
        compare_stream(&bytes, &mut report);
        if report.failures.len() > before {
            report
                .failures
                .last_mut()
                .unwrap()
                .insert_str(0, &format!("case {case}: "));
        }
        // Our own round trip, so that a difference is imap-codec's or the encoder's.
        match parse_response(&bytes, &ParseConfig::default()) {
            Ok(Status::Complete((back, _))) => assert_eq!(back, value, "{}", bytes.escape_ascii()),
            other => panic!("case {case}: {other:?} for {}", bytes.escape_ascii()),
        }
    }
    report.assert_ok("random responses (10000)");
    assert!(
        report.only_ours.keys().any(|k| k.starts_with("number64")),
        "the generator reaches the number64 case"
    );
    assert!(report.both > 1000, "most random responses are compared");
}

/// Byte-level mutations of the random responses and of the examples (a byte deleted,
/// duplicated or replaced by a grammar character): whatever both accept must compare equal,
/// nothing may be accepted by imap-codec alone, and what only we accept needs a reason.
#[test]
fn mutated_responses() {
    const CHARS: &[u8] = b" ()[]{}<>\"\\\r\n*+0123NILnil.:,~";
    // `IMAP_DIFF_SEED` and `IMAP_DIFF_ROUNDS` explore further (defaults: the committed run).
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let rounds = env("IMAP_DIFF_ROUNDS", 16);
    let mut rng = common::Rng(env("IMAP_DIFF_SEED", 0xfeed_beef_0bad_cafe) | 1);
    let mut report = Report::default();
    let mut inputs: Vec<Vec<u8>> = EXAMPLES.iter().map(|e| e.to_vec()).collect();
    for _ in 0..2000 {
        inputs.push(random::response(&mut rng).to_bytes());
    }
    for (case, input) in inputs.iter().enumerate() {
        for _ in 0..rounds {
            let mut m = input.clone();
            let at = rng.below(m.len());
            match rng.below(3) {
                0 => {
                    m.remove(at);
                }
                1 => m.insert(at, m[at]),
                _ => m[at] = CHARS[rng.below(CHARS.len())],
            }
            if !m.ends_with(b"\r\n") {
                continue;
            }
            let before = report.failures.len();
            compare_stream(&m, &mut report);
            if report.failures.len() > before {
                report
                    .failures
                    .last_mut()
                    .unwrap()
                    .insert_str(0, &format!("input {case}: "));
            }
        }
    }
    report.assert_ok("mutated responses");
}

/// A disagreement found by this test (reported to the coordinator): a zone whose minutes are
/// 60 or more (`+0575`) is a `4DIGIT` of RFC 9051's `zone` ABNF, and imap-codec 1.0 accepts it
/// (375 minutes), while we reject the whole response; yet we accept `+3835` (38 hours), which
/// imap-codec rejects. Responses only imap-codec accepts fail this test by design.
#[test]
fn zone_minutes_over_59() {
    let msg = b"* 1 FETCH (INTERNALDATE \"07-Mar-1994 07:23:25 +0575\")\r\n";
    let mut report = Report::default();
    compare_stream(msg, &mut report);
    report.assert_ok("zone +0575");
}

/// A disagreement found by the mutation test (reported to the coordinator): RFC 9051's
/// `capability-data` needs at least one capability, and imap-codec keeps `[CAPABILITY]`
/// without one as an unknown code (`Code::Other`), as our own docs promise for "a known
/// response code with malformed data"; we read a typed, empty `ResponseCode::Capability`,
/// also under `ParseConfig::strict`.
#[test]
fn capability_code_without_capabilities() {
    let mut report = Report::default();
    for msg in [&b"* OK [CAPABILITY] x\r\n"[..], b"* CAPABILITY\r\n"] {
        compare_stream(msg, &mut report);
    }
    report.assert_ok("empty CAPABILITY");
}
