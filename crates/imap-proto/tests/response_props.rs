//! Property tests of the response side: `parse(encode(x)) == x` for [`Response`] over
//! strategies that generate the whole response grammar (every untagged response, every
//! response code, every FETCH item, nested body structures and threads), every proper prefix
//! of an encoding is incomplete, and a stream of encoded responses framed and parsed in
//! arbitrary chunks gives the same values.
#![allow(dead_code)]

use std::borrow::Cow;
use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::encode::Encode;
use imap_proto::parse::{Framer, ParseConfig, Status, parse_response};
use imap_proto::types::*;
use proptest::prelude::*;

// ---- strategies (core ones shared: tests/common/mod.rs) ----------------------------------

mod common;
use common::*;

// ---- response strategies ------------------------------------------------------------------

const N64: u64 = i64::MAX as u64;

fn nz() -> impl Strategy<Value = NonZeroU32> {
    prop_oneof![1u32..100, 1u32..=u32::MAX].prop_map(|n| NonZeroU32::new(n).unwrap())
}

fn nz64() -> impl Strategy<Value = NonZeroU64> {
    prop_oneof![1u64..1000, 1u64..=N64].prop_map(|n| NonZeroU64::new(n).unwrap())
}

fn n64() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..1000, 0u64..=N64]
}

/// Text: printable ASCII or Unicode, not starting with `[` (the code, if any, is separate)
/// and not ending like a literal header.
fn text() -> impl Strategy<Value = Text<'static>> {
    prop_oneof!["[ -~]{0,30}", "[^\r\n\0]{0,12}",].prop_filter_map("valid text", |s| {
        if s.starts_with('[') {
            return None;
        }
        Text::new(s.into_bytes()).ok()
    })
}

fn object_id() -> impl Strategy<Value = ObjectId<'static>> {
    "[A-Za-z0-9_-]{1,20}".prop_map(|s| ObjectId::new(s).unwrap())
}

fn other_code() -> impl Strategy<Value = OtherCode<'static>> {
    (atom(), proptest::option::of("[ -\\\\^-~]{1,20}"))
        .prop_filter_map("not a known code", |(name, data)| {
            OtherCode::new(name, data.map(|d| Cow::Owned(d.into_bytes()))).ok()
        })
}

fn response_code() -> impl Strategy<Value = ResponseCode<'static>> {
    use ResponseCode as R;
    let simple = proptest::sample::select(vec![
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
    ])
    .prop_map(|n| ResponseCode::from_simple_name(n).unwrap());
    let metadata = prop_oneof![
        any::<u32>().prop_map(MetadataCode::LongEntries),
        any::<u32>().prop_map(MetadataCode::MaxSize),
        Just(MetadataCode::TooMany),
        Just(MetadataCode::NoPrivate),
    ];
    prop_oneof![
        simple,
        proptest::collection::vec(charset(), 0..3).prop_map(R::BadCharset),
        proptest::collection::vec(capability(), 1..4).prop_map(R::Capability),
        proptest::collection::vec(flag_perm(), 0..4).prop_map(R::PermanentFlags),
        nz().prop_map(R::UidNext),
        nz().prop_map(R::UidValidity),
        nz().prop_map(R::Unseen),
        (nz(), sequence_set()).prop_map(|(uid_validity, uids)| R::AppendUid { uid_validity, uids }),
        (nz(), sequence_set(), sequence_set()).prop_map(|(uid_validity, source, dest)| {
            R::CopyUid {
                uid_validity,
                source,
                dest,
            }
        }),
        nz64().prop_map(R::HighestModSeq),
        sequence_set().prop_map(R::Modified),
        object_id().prop_map(R::MailboxId),
        metadata.prop_map(R::Metadata),
        url_text().prop_map(R::BadUrl),
        tag().prop_map(R::NoUpdate),
        proptest::collection::vec(notify_event(), 1..4)
            .prop_map(|v| R::BadEvent(Vec1::new(v).unwrap())),
        other_code().prop_map(R::Other),
    ]
}

fn resp_text() -> impl Strategy<Value = RespText<'static>> {
    (proptest::option::of(response_code()), text()).prop_map(|(c, t)| RespText::new(c, t).unwrap())
}

fn delimiter() -> impl Strategy<Value = Option<Delimiter>> {
    proptest::option::of((1u8..0x80).prop_filter_map("valid", |b| Delimiter::new(b).ok()))
}

fn mailbox_attribute() -> impl Strategy<Value = MailboxAttribute<'static>> {
    atom().prop_map(MailboxAttribute::from_name)
}

fn tagged_ext_comp() -> impl Strategy<Value = TaggedExtComp<'static>> {
    astring()
        .prop_map(TaggedExtComp::AString)
        .prop_recursive(3, 12, 3, |inner| {
            proptest::collection::vec(inner, 0..3).prop_map(TaggedExtComp::List)
        })
}

fn tagged_ext_value() -> impl Strategy<Value = TaggedExtValue<'static>> {
    prop_oneof![
        (0u64..=N64).prop_map(TaggedExtValue::Number),
        sequence_set()
            .prop_filter("not a plain number", |s| !s
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_digit()))
            .prop_map(TaggedExtValue::SequenceSet),
        proptest::collection::vec(tagged_ext_comp(), 0..3).prop_map(TaggedExtValue::Comp),
        astring()
            .prop_filter("not number-like", |a| !a
                .as_bytes()
                .first()
                .is_some_and(|&b| b.is_ascii_digit() || b == b'*' || b == b'$'))
            .prop_map(TaggedExtValue::AString),
    ]
}

fn list_response() -> impl Strategy<Value = ListResponse<'static>> {
    let item = prop_oneof![
        proptest::collection::vec(astring(), 1..3).prop_map(ListExtendedItem::ChildInfo),
        mailbox().prop_map(ListExtendedItem::OldName),
        (astring(), tagged_ext_value())
            .prop_filter("not a known tag", |(t, _)| {
                !t.as_bytes().eq_ignore_ascii_case(b"CHILDINFO")
                    && !t.as_bytes().eq_ignore_ascii_case(b"OLDNAME")
            })
            .prop_map(|(tag, value)| ListExtendedItem::Other { tag, value }),
    ];
    (
        proptest::collection::vec(mailbox_attribute(), 0..4),
        delimiter(),
        mailbox(),
        proptest::collection::vec(item, 0..3),
    )
        .prop_map(|(attributes, delimiter, mailbox, extended)| ListResponse {
            attributes,
            delimiter,
            mailbox,
            extended,
        })
}

fn namespace() -> impl Strategy<Value = Vec<NamespaceDescr<'static>>> {
    let descr = (
        istring(),
        delimiter(),
        proptest::collection::vec(
            (istring(), proptest::collection::vec(istring(), 1..3)),
            0..2,
        ),
    )
        .prop_map(|(prefix, delimiter, extensions)| NamespaceDescr {
            prefix,
            delimiter,
            extensions,
        });
    proptest::collection::vec(descr, 0..3)
}

fn status_value() -> impl Strategy<Value = StatusValue<'static>> {
    use StatusValue as S;
    const KNOWN: [&str; 11] = [
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
    prop_oneof![
        any::<u32>().prop_map(S::Messages),
        nz().prop_map(S::UidNext),
        nz().prop_map(S::UidValidity),
        any::<u32>().prop_map(S::Unseen),
        any::<u32>().prop_map(S::Deleted),
        n64().prop_map(S::Size),
        any::<u32>().prop_map(S::Recent),
        n64().prop_map(S::HighestModSeq),
        proptest::option::of(n64()).prop_map(S::AppendLimit),
        object_id().prop_map(S::MailboxId),
        n64().prop_map(S::DeletedStorage),
        (atom(), tagged_ext_value())
            .prop_filter("unknown", |(a, _)| !KNOWN
                .iter()
                .any(|k| a.eq_ignore_ascii_case(k)))
            .prop_map(|(a, v)| S::Other(a, v)),
    ]
}

fn esearch() -> impl Strategy<Value = EsearchResponse<'static>> {
    use EsearchData as E;
    const KNOWN: [&str; 10] = [
        "PARTIAL",
        "MIN",
        "MAX",
        "ALL",
        "COUNT",
        "MODSEQ",
        "UID",
        "ADDTO",
        "REMOVEFROM",
        "RELEVANCY",
    ];
    let item = prop_oneof![
        nz().prop_map(E::Min),
        nz().prop_map(E::Max),
        sequence_set().prop_map(E::All),
        any::<u32>().prop_map(E::Count),
        nz64().prop_map(E::ModSeq),
        context_updates().prop_map(E::AddTo),
        context_updates().prop_map(E::RemoveFrom),
        proptest::collection::vec(relevancy_score(), 0..4).prop_map(E::Relevancy),
        (partial_range(), proptest::option::of(sequence_set()))
            .prop_map(|(range, results)| E::Partial { range, results }),
        (atom(), tagged_ext_value())
            .prop_filter("unknown", |(a, _)| !KNOWN
                .iter()
                .any(|k| a.eq_ignore_ascii_case(k)))
            .prop_map(|(name, value)| E::Other { name, value }),
    ];
    (
        proptest::option::of(istring()),
        any::<bool>(),
        proptest::collection::vec(item, 0..4),
    )
        .prop_map(|(tag, uid, data)| EsearchResponse { tag, uid, data })
}

fn thread() -> impl Strategy<Value = ThreadNode> {
    let ids = || proptest::collection::vec(nz(), 1..4);
    ids()
        .prop_map(|ids| ThreadNode::new(ids, vec![]).unwrap())
        .prop_recursive(4, 24, 3, move |inner| {
            (
                proptest::collection::vec(nz(), 0..3),
                proptest::collection::vec(inner, 2..4),
            )
                .prop_map(|(ids, children)| ThreadNode::new(ids, children).unwrap())
        })
}

fn address() -> impl Strategy<Value = Address<'static>> {
    (nstring(), nstring(), nstring(), nstring()).prop_map(|(name, adl, mailbox, host)| Address {
        name,
        adl,
        mailbox,
        host,
    })
}

fn addresses() -> impl Strategy<Value = Vec<Address<'static>>> {
    proptest::collection::vec(address(), 0..3)
}

fn envelope() -> impl Strategy<Value = Envelope<'static>> {
    (
        (nstring(), nstring(), addresses(), addresses(), addresses()),
        (addresses(), addresses(), addresses(), nstring(), nstring()),
    )
        .prop_map(
            |((date, subject, from, sender, reply_to), (to, cc, bcc, in_reply_to, message_id))| {
                Envelope {
                    date,
                    subject,
                    from,
                    sender,
                    reply_to,
                    to,
                    cc,
                    bcc,
                    in_reply_to,
                    message_id,
                }
            },
        )
}

fn params() -> impl Strategy<Value = BodyParams<'static>> {
    proptest::collection::vec((istring(), istring()), 0..3)
}

fn body_extension() -> impl Strategy<Value = BodyExtension<'static>> {
    prop_oneof![
        nstring().prop_map(BodyExtension::NString),
        (0u64..=N64).prop_map(BodyExtension::Number),
    ]
    .prop_recursive(3, 10, 3, |inner| {
        proptest::collection::vec(inner, 1..3).prop_map(BodyExtension::List)
    })
}

fn ext_tail() -> impl Strategy<Value = Option<BodyExtTail<'static>>> {
    let disposition = proptest::option::of(
        (istring(), params()).prop_map(|(kind, params)| Disposition { kind, params }),
    );
    let location = proptest::option::of(
        (nstring(), proptest::collection::vec(body_extension(), 0..3)).prop_map(
            |(location, extensions)| BodyLocation {
                location,
                extensions,
            },
        ),
    );
    let language = proptest::option::of(
        (proptest::collection::vec(istring(), 0..3), location).prop_map(|(languages, location)| {
            BodyLanguage {
                languages,
                location,
            }
        }),
    );
    proptest::option::of(
        (disposition, language).prop_map(|(disposition, language)| BodyExtTail {
            disposition,
            language,
        }),
    )
}

fn body_fields() -> impl Strategy<Value = BodyFields<'static>> {
    (params(), nstring(), nstring(), istring(), any::<u32>()).prop_map(
        |(params, id, description, encoding, octets)| BodyFields {
            params,
            id,
            description,
            encoding,
            octets,
        },
    )
}

fn is_special_type(t: &IString<'_>, s: &IString<'_>) -> bool {
    t.as_bytes().eq_ignore_ascii_case(b"TEXT")
        || (t.as_bytes().eq_ignore_ascii_case(b"MESSAGE")
            && (s.as_bytes().eq_ignore_ascii_case(b"RFC822")
                || s.as_bytes().eq_ignore_ascii_case(b"GLOBAL")))
}

fn single_ext() -> impl Strategy<Value = Option<SinglePartExt<'static>>> {
    proptest::option::of(
        (nstring(), ext_tail()).prop_map(|(md5, tail)| SinglePartExt { md5, tail }),
    )
}

fn body_structure() -> impl Strategy<Value = BodyStructure<'static>> {
    let basic = (istring(), istring(), body_fields(), single_ext())
        .prop_filter("basic type", |(t, s, _, _)| !is_special_type(t, s))
        .prop_map(|(media_type, subtype, fields, ext)| BodyStructure::Single {
            body: SinglePart {
                media_type,
                subtype,
                fields,
                specific: SpecificFields::Basic,
            },
            ext,
        });
    let text = (istring(), body_fields(), 0u64..=N64, single_ext()).prop_map(
        |(subtype, fields, lines, ext)| BodyStructure::Single {
            body: SinglePart {
                media_type: IString::new(&b"TEXT"[..]).unwrap(),
                subtype,
                fields,
                specific: SpecificFields::Text { lines },
            },
            ext,
        },
    );
    prop_oneof![basic, text].prop_recursive(4, 16, 3, |inner| {
        let multi = (
            proptest::collection::vec(inner.clone(), 1..3),
            istring(),
            proptest::option::of(
                (params(), ext_tail()).prop_map(|(params, tail)| MultiPartExt { params, tail }),
            ),
        )
            .prop_map(|(parts, subtype, ext)| BodyStructure::Multi {
                parts,
                subtype,
                ext,
            });
        let message = (
            prop_oneof![Just("RFC822"), Just("global")],
            body_fields(),
            envelope(),
            inner,
            0u64..=N64,
            single_ext(),
        )
            .prop_map(
                |(sub, fields, envelope, body, lines, ext)| BodyStructure::Single {
                    body: SinglePart {
                        media_type: IString::new(&b"message"[..]).unwrap(),
                        subtype: IString::new(sub.as_bytes().to_vec()).unwrap(),
                        fields,
                        specific: SpecificFields::Message {
                            envelope: Box::new(envelope),
                            body: Box::new(body),
                            lines,
                        },
                    },
                    ext,
                },
            );
        prop_oneof![multi, message]
    })
}

fn nstring8() -> impl Strategy<Value = NString<'static>> {
    prop_oneof![
        nstring(),
        literal8().prop_map(|l| NString(Some(IString::Literal(l)))),
    ]
}

fn gm_label() -> impl Strategy<Value = GmLabel<'static>> {
    prop_oneof![
        atom().prop_map(GmLabel::System),
        astring().prop_map(GmLabel::Label),
    ]
}

fn fetch_data() -> impl Strategy<Value = FetchData<'static>> {
    use FetchData as F;
    prop_oneof![
        proptest::collection::vec(flag_fetch(), 0..4).prop_map(F::Flags),
        envelope().prop_map(|e| F::Envelope(Box::new(e))),
        date_time().prop_map(F::InternalDate),
        nstring().prop_map(F::Rfc822),
        nstring().prop_map(F::Rfc822Header),
        nstring().prop_map(F::Rfc822Text),
        n64().prop_map(F::Rfc822Size),
        body_structure().prop_map(|b| F::Body(Box::new(b))),
        body_structure().prop_map(|b| F::BodyStructure(Box::new(b))),
        (section(), proptest::option::of(any::<u32>()), nstring()).prop_map(
            |(section, origin, data)| F::BodySection {
                section,
                origin,
                data
            }
        ),
        (
            proptest::option::of(section_part()),
            proptest::option::of(any::<u32>()),
            nstring8()
        )
            .prop_map(|(section, origin, data)| F::Binary {
                section,
                origin,
                data
            }),
        (proptest::option::of(section_part()), any::<u32>())
            .prop_map(|(section, size)| F::BinarySize { section, size }),
        nz().prop_map(F::Uid),
        nz64().prop_map(F::ModSeq),
        object_id().prop_map(F::EmailId),
        proptest::option::of(object_id()).prop_map(F::ThreadId),
        proptest::option::of(date_time()).prop_map(F::SaveDate),
        n64().prop_map(F::GmMsgId),
        n64().prop_map(F::GmThrId),
        proptest::collection::vec(gm_label(), 0..3).prop_map(F::GmLabels),
    ]
}

fn untagged() -> impl Strategy<Value = UntaggedResponse<'static>> {
    use UntaggedResponse as U;
    let condition = prop_oneof![
        Just(Condition::Ok),
        Just(Condition::No),
        Just(Condition::Bad),
        Just(Condition::PreAuth),
        Just(Condition::Bye),
    ];
    let ids = || proptest::collection::vec(nz(), 0..5);
    prop_oneof![
        (condition, resp_text()).prop_map(|(condition, text)| U::Status { condition, text }),
        proptest::collection::vec(capability(), 1..5).prop_map(U::Capability),
        proptest::collection::vec(capability(), 0..3).prop_map(U::Enabled),
        list_response().prop_map(U::List),
        list_response().prop_map(U::Lsub),
        (namespace(), namespace(), namespace()).prop_map(|(personal, other_users, shared)| {
            U::Namespace(NamespaceResponse {
                personal,
                other_users,
                shared,
            })
        }),
        (mailbox(), proptest::collection::vec(status_value(), 0..4))
            .prop_map(|(mailbox, items)| U::MailboxStatus(MailboxStatus { mailbox, items })),
        (ids(), proptest::option::of(nz64())).prop_map(|(ids, modseq)| U::Search { ids, modseq }),
        (ids(), proptest::option::of(nz64())).prop_map(|(ids, modseq)| U::Sort { ids, modseq }),
        esearch().prop_map(U::Esearch),
        proptest::collection::vec(flag_fetch(), 0..5).prop_map(U::Flags),
        any::<u32>().prop_map(U::Exists),
        any::<u32>().prop_map(U::Recent),
        nz().prop_map(U::Expunge),
        (any::<bool>(), sequence_set()).prop_map(|(earlier, uids)| U::Vanished { earlier, uids }),
        (nz(), proptest::collection::vec(fetch_data(), 1..4))
            .prop_map(|(seq, items)| U::Fetch { seq, items }),
        (nz(), proptest::collection::vec(fetch_data(), 1..4))
            .prop_map(|(uid, items)| U::UidFetch { uid, items }),
        proptest::option::of(proptest::collection::vec((istring(), nstring()), 0..3))
            .prop_map(U::Id),
        (
            astring(),
            proptest::collection::vec(
                (atom(), n64(), n64()).prop_map(|(r, usage, limit)| QuotaUsage {
                    resource: QuotaResource::from_name(r),
                    usage,
                    limit
                }),
                0..3
            )
        )
            .prop_map(|(root, resources)| U::Quota { root, resources }),
        (mailbox(), proptest::collection::vec(astring(), 0..3))
            .prop_map(|(mailbox, roots)| U::QuotaRoot { mailbox, roots }),
        (
            mailbox(),
            prop_oneof![
                proptest::collection::vec((astring(), nstring8()), 1..3)
                    .prop_map(MetadataData::Values),
                proptest::collection::vec(astring(), 1..3).prop_map(MetadataData::Entries),
            ]
        )
            .prop_map(|(mailbox, data)| U::Metadata { mailbox, data }),
        proptest::collection::vec(thread(), 0..3).prop_map(U::Thread),
        (
            mailbox(),
            proptest::collection::vec(
                (astring(), astring())
                    .prop_map(|(identifier, rights)| AclEntry { identifier, rights }),
                0..3
            )
        )
            .prop_map(|(mailbox, entries)| U::Acl { mailbox, entries }),
        (
            mailbox(),
            astring(),
            astring(),
            proptest::collection::vec(astring(), 0..3)
        )
            .prop_map(|(mailbox, identifier, required, optional)| U::ListRights {
                mailbox,
                identifier,
                required,
                optional
            }),
        (mailbox(), astring()).prop_map(|(mailbox, rights)| U::MyRights { mailbox, rights }),
        ("X[A-Z0-9-]{0,8}", "[ -~]{0,20}").prop_filter_map("valid", |(name, rest)| {
            let rest = rest.trim_start_matches(' ').to_string();
            UnknownData::new(rest.into_bytes())
                .ok()
                .map(|rest| U::Other {
                    name: Atom::new(name).unwrap(),
                    rest,
                })
        }),
        (any::<u32>(), "[A-Za-z][A-Za-z0-9.-]{0,8}", "[ -~]{0,20}").prop_filter_map(
            "valid, not a known name",
            |(number, name, rest)| {
                const KNOWN: [&str; 5] = ["EXISTS", "RECENT", "EXPUNGE", "FETCH", "UIDFETCH"];
                if KNOWN.iter().any(|k| name.eq_ignore_ascii_case(k)) {
                    return None;
                }
                let rest = rest.trim_start_matches(' ').to_string();
                UnknownData::new(rest.into_bytes())
                    .ok()
                    .map(|rest| U::OtherNumeric {
                        number,
                        name: Atom::new(name).unwrap(),
                        rest,
                    })
            }
        ),
    ]
}

fn response() -> impl Strategy<Value = Response<'static>> {
    let state = prop_oneof![Just(State::Ok), Just(State::No), Just(State::Bad)];
    prop_oneof![
        1 => (tag(), state, resp_text())
            .prop_map(|(tag, state, text)| Response::Tagged(TaggedResponse { tag, state, text })),
        4 => untagged().prop_map(Response::Untagged),
        1 => resp_text().prop_map(Response::Continue),
    ]
}

// ---- properties ---------------------------------------------------------------------------

fn parse_all(bytes: &[u8]) -> Result<Response<'_>, String> {
    match parse_response(bytes, &ParseConfig::default()) {
        Ok(Status::Complete((r, used))) if used == bytes.len() => Ok(r),
        other => Err(format!("{other:?}")),
    }
}

/// Runs a property in a thread with a large stack: the nested strategies (body structures in
/// messages in body structures, with envelopes) build deep value trees in debug builds. The
/// parser itself is bounded by `max_depth` (see `parser_stack_is_bounded`).
fn run<S, F>(cases: u32, strategy: fn() -> S, test: F)
where
    S: Strategy + 'static,
    F: Fn(S::Value) -> Result<(), TestCaseError> + Send + 'static,
{
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
                cases,
                ..ProptestConfig::default()
            });
            if let Err(e) = runner.run(&strategy(), test) {
                panic!("{e}");
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn response_round_trip() {
    run(512, response, |r| {
        let bytes = r.to_bytes();
        let parsed = parse_all(&bytes).map_err(|e| {
            TestCaseError::fail(format!("{e} for {:?}", String::from_utf8_lossy(&bytes)))
        })?;
        prop_assert_eq!(&parsed, &r, "{}", String::from_utf8_lossy(&bytes));
        // Strict parsing accepts everything the encoder writes.
        let strict = parse_response(&bytes, &ParseConfig::strict());
        prop_assert!(
            matches!(strict, Ok(Status::Complete(_))),
            "strict: {:?}",
            strict
        );
        // Every proper prefix is incomplete.
        for end in (0..bytes.len()).step_by(1 + bytes.len() / 64) {
            let p = parse_response(&bytes[..end], &ParseConfig::default());
            prop_assert!(
                matches!(p, Ok(Status::Incomplete(_))),
                "prefix {}: {:?}",
                end,
                p
            );
        }
        Ok(())
    });
}

fn stream_strategy() -> impl Strategy<Value = (Vec<Response<'static>>, Vec<prop::sample::Index>)> {
    (
        proptest::collection::vec(response(), 1..6),
        proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
    )
}

#[test]
fn response_stream_chunking_invariance() {
    run(256, stream_strategy, |(rs, cuts)| {
        let mut stream = Vec::new();
        for r in &rs {
            r.encode_into_stream(&mut stream);
        }
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(stream.len() + 1)).collect();
        cuts.push(stream.len());
        cuts.sort_unstable();
        let cfg = ParseConfig::default();
        let mut framer = Framer::new(&cfg);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        let mut prev = 0;
        for cut in cuts {
            buf.extend_from_slice(&stream[prev..cut]);
            prev = cut;
            while let Status::Complete(f) = framer.next_frame(&buf).unwrap() {
                got.push(parse_all(&buf[..f.len]).unwrap().into_owned());
                buf.drain(..f.len);
            }
        }
        prop_assert!(buf.is_empty());
        prop_assert_eq!(got, rs);
        Ok(())
    });
}

#[test]
fn into_owned_preserves() {
    run(256, response, |r| {
        let bytes = r.to_bytes();
        let parsed = parse_all(&bytes).unwrap();
        let owned: Response<'static> = parsed.clone().into_owned();
        prop_assert_eq!(owned, parsed);
        Ok(())
    });
}

/// The parser's recursion is bounded by `max_depth`: the deepest body structure and thread it
/// accepts parse in a thread with a 512 KiB stack (debug build).
#[test]
fn parser_stack_is_bounded() {
    std::thread::Builder::new()
        .stack_size(512 << 10)
        .spawn(|| {
            let depth = ParseConfig::default().max_depth - 3;
            // message/rfc822 parts nested inside each other: body -> envelope -> body ...
            let mut s = Vec::new();
            for _ in 0..depth / 2 {
                s.extend_from_slice(b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 1 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ");
            }
            s.extend_from_slice(b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)");
            for _ in 0..depth / 2 {
                s.extend_from_slice(b" 1)");
            }
            let mut input = b"* 1 FETCH (BODYSTRUCTURE ".to_vec();
            input.extend_from_slice(&s);
            input.extend_from_slice(b")\r\n");
            let r = parse_all(&input).unwrap();
            assert_eq!(r.to_bytes(), input);
            let mut input = b"* THREAD ".to_vec();
            for _ in 0..depth {
                input.extend_from_slice(b"(1 ");
            }
            input.extend_from_slice(b"(2)(3)");
            input.extend(std::iter::repeat_n(b')', depth));
            input.extend_from_slice(b"\r\n");
            // Single-child nesting is outside RFC 5256's shape but parses (tolerated).
            parse_all(&input).unwrap();
        })
        .unwrap()
        .join()
        .unwrap();
}

trait EncodeIntoStream {
    fn encode_into_stream(&self, out: &mut Vec<u8>);
}

impl EncodeIntoStream for Response<'_> {
    fn encode_into_stream(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_bytes());
    }
}

/// An RFC 5465 `event` as listed by `BADEVENT`: every known event (`MessageNew` with or
/// without fetch attributes, a section included so that a `]` appears inside the code) and
/// unknown ones.
fn notify_event() -> impl Strategy<Value = NotifyEvent<'static>> {
    use FetchAttribute as A;
    let attrs = proptest::sample::select(vec![
        A::Uid,
        A::Flags,
        A::Envelope,
        A::ModSeq,
        A::BodySection {
            peek: true,
            section: Section::new(None, Some(SectionText::Header)).unwrap(),
            partial: None,
        },
    ]);
    prop_oneof![
        proptest::sample::select(vec![
            NotifyEvent::MessageNew(None),
            NotifyEvent::MessageExpunge,
            NotifyEvent::FlagChange,
            NotifyEvent::AnnotationChange,
            NotifyEvent::MailboxName,
            NotifyEvent::SubscriptionChange,
            NotifyEvent::MailboxMetadataChange,
            NotifyEvent::ServerMetadataChange,
            NotifyEvent::QuotaChange,
        ]),
        proptest::collection::vec(attrs, 1..3)
            .prop_map(|v| NotifyEvent::MessageNew(Some(Vec1::new(v).unwrap()))),
        atom().prop_filter_map("unknown event", |a| OtherEvent::new(a)
            .ok()
            .map(NotifyEvent::Other)),
    ]
}
