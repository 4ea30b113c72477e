//! Property tests of the command codec: `parse(encode(x)) == x` for every [`Command`] the
//! strategies generate (the whole command grammar, search keys nested), every strict prefix of
//! an encoding is incomplete, and a stream of commands cut anywhere frames and parses to the
//! same commands (chunking invariance).

use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::encode::Encode;
use imap_proto::parse::{Frame, Framer, ParseConfig, Status, parse_command};
use imap_proto::types::*;
use mail_sasl::Response;
use proptest::prelude::*;

mod common;
use common::{append_data, param_other, partial_range};

// ---- core strategies (as in core_props.rs) ---------------------------------------------------

fn chars_of(class: fn(u8) -> bool) -> Vec<u8> {
    (0u8..=255).filter(|&b| class(b)).collect()
}

fn token(class: fn(u8) -> bool, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(chars_of(class)), 1..max)
        .prop_map(|v| String::from_utf8(v).unwrap())
}

fn tag() -> impl Strategy<Value = Tag<'static>> {
    token(is_tag_char, 8).prop_map(|s| Tag::new(s).unwrap())
}

fn atom() -> impl Strategy<Value = Atom<'static>> {
    token(is_atom_char, 10).prop_map(|s| Atom::new(s).unwrap())
}

fn atom_ext() -> impl Strategy<Value = AtomExt<'static>> {
    token(is_astring_char, 10).prop_map(|s| AtomExt::new(s).unwrap())
}

fn quotable() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(chars_of(is_text_char)), 0..16),
        "[^\r\n\0]{0,8}".prop_map(String::into_bytes),
    ]
}

fn quoted() -> impl Strategy<Value = Quoted<'static>> {
    quotable().prop_map(|v| Quoted::new(v).unwrap())
}

fn mode() -> impl Strategy<Value = LiteralMode> {
    prop_oneof![Just(LiteralMode::Sync), Just(LiteralMode::NonSync)]
}

fn literal() -> impl Strategy<Value = Literal<'static>> {
    (proptest::collection::vec(1u8..=255, 0..24), mode())
        .prop_map(|(v, m)| Literal::new(v).unwrap().with_mode(m))
}

fn literal8() -> impl Strategy<Value = Literal<'static>> {
    (proptest::collection::vec(any::<u8>(), 0..24), mode())
        .prop_map(|(v, m)| Literal::binary(v).with_mode(m))
}

fn istring() -> impl Strategy<Value = IString<'static>> {
    prop_oneof![
        3 => quoted().prop_map(IString::Quoted),
        1 => literal().prop_map(IString::Literal),
    ]
}

fn astring() -> impl Strategy<Value = AString<'static>> {
    prop_oneof![
        atom_ext().prop_map(AString::Atom),
        istring().prop_map(AString::String),
    ]
}

fn nstring8() -> impl Strategy<Value = NString<'static>> {
    prop_oneof![
        3 => proptest::option::of(istring()).prop_map(NString),
        1 => literal8().prop_map(|l| NString(Some(IString::Literal(l)))),
    ]
}

fn seq_number() -> impl Strategy<Value = SeqNumber> {
    prop_oneof![
        1 => Just(SeqNumber::Largest),
        4 => (1u32..=u32::MAX).prop_map(|n| SeqNumber::Value(NonZeroU32::new(n).unwrap())),
    ]
}

fn sequence_set() -> impl Strategy<Value = SequenceSet<'static>> {
    let item = prop_oneof![
        seq_number().prop_map(SeqItem::Number),
        (seq_number(), seq_number()).prop_map(|(a, b)| SeqItem::Range(a, b)),
    ];
    (proptest::collection::vec(item, 0..4), any::<bool>()).prop_filter_map(
        "non-empty",
        |(mut items, saved)| {
            if saved {
                items.push(SeqItem::Saved);
            }
            SequenceSet::from_items(items).ok()
        },
    )
}

fn flag() -> impl Strategy<Value = Flag<'static>> {
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

fn mailbox() -> impl Strategy<Value = Mailbox<'static>> {
    prop_oneof![
        astring().prop_map(Mailbox::new),
        "[^\0]{0,8}".prop_map(|s| Mailbox::from_utf8(&s).unwrap()),
        Just(Mailbox::Inbox),
    ]
}

fn charset() -> impl Strategy<Value = Charset<'static>> {
    prop_oneof![
        atom().prop_map(Charset::Atom),
        quoted().prop_map(Charset::Quoted),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (0u16..=9999, 1u8..=12, 1u8..=31).prop_filter_map("valid", |(y, m, d)| Date::new(y, m, d).ok())
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (date(), 0u8..24, 0u8..60, 0u8..=60, -5999i16..=5999)
        .prop_filter_map("valid", |(d, h, m, s, z)| DateTime::new(d, h, m, s, z).ok())
}

fn section_part() -> impl Strategy<Value = SectionPart<'static>> {
    proptest::collection::vec(1u32..=u32::MAX, 1..4).prop_map(|v| {
        let v: Vec<NonZeroU32> = v.into_iter().map(|n| NonZeroU32::new(n).unwrap()).collect();
        SectionPart::from_numbers(&v).unwrap()
    })
}

fn section() -> impl Strategy<Value = Section<'static>> {
    let fields = || proptest::collection::vec(astring(), 1..3);
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

fn partial() -> impl Strategy<Value = Partial> {
    (0..=i64::MAX as u64, 1..=i64::MAX as u64).prop_map(|(offset, len)| Partial {
        offset,
        length: NonZeroU64::new(len).unwrap(),
    })
}

fn capability() -> impl Strategy<Value = Capability<'static>> {
    let known = proptest::sample::select(vec![
        "IMAP4rev2",
        "CONDSTORE",
        "QRESYNC",
        "UTF8=ACCEPT",
        "AUTH=PLAIN",
        "X-GOOD-IDEA",
    ]);
    prop_oneof![
        known.prop_map(|s| Capability::from_atom(Atom::new(s).unwrap())),
        atom().prop_map(Capability::from_atom),
    ]
}

// ---- command strategies ----------------------------------------------------------------------

fn vec1<T: std::fmt::Debug>(
    s: impl Strategy<Value = T>,
    max: usize,
) -> impl Strategy<Value = Vec1<T>> {
    proptest::collection::vec(s, 1..max).prop_map(|v| Vec1::new(v).unwrap())
}

fn number64() -> impl Strategy<Value = u64> {
    prop_oneof![0..=i64::MAX as u64, 0u64..1000]
}

fn status_attribute() -> impl Strategy<Value = StatusAttribute> {
    proptest::sample::select(StatusAttribute::ALL.to_vec())
}

fn mailbox_attribute() -> impl Strategy<Value = MailboxAttribute<'static>> {
    prop_oneof![
        proptest::sample::select(vec![
            "Noselect",
            "HasChildren",
            "Sent",
            "Trash",
            "Drafts",
            "Junk",
            "All",
            "Archive",
            "Flagged",
            "Important",
        ])
        .prop_map(|s| MailboxAttribute::from_name(Atom::new(s).unwrap())),
        atom().prop_map(MailboxAttribute::from_name),
    ]
}

fn list_mailbox() -> impl Strategy<Value = ListMailbox<'static>> {
    prop_oneof![
        token(is_list_char, 10).prop_map(|s| ListMailbox::token(s).unwrap()),
        istring().prop_map(ListMailbox::string),
    ]
}

fn objectid() -> impl Strategy<Value = ObjectId<'static>> {
    "[A-Za-z0-9_-]{1,20}".prop_map(|s| ObjectId::new(s).unwrap())
}

fn search_key() -> impl Strategy<Value = SearchKey<'static>> {
    use SearchKey as K;
    let leaf = prop_oneof![
        proptest::sample::select(vec![
            K::All,
            K::Answered,
            K::Deleted,
            K::Draft,
            K::Flagged,
            K::New,
            K::Old,
            K::Recent,
            K::Seen,
            K::Unanswered,
            K::Undeleted,
            K::Undraft,
            K::Unflagged,
            K::Unseen,
            K::SaveDateSupported,
        ]),
        astring().prop_map(K::Bcc),
        astring().prop_map(K::Body),
        astring().prop_map(K::Cc),
        astring().prop_map(K::From),
        astring().prop_map(K::Subject),
        astring().prop_map(K::Text),
        astring().prop_map(K::To),
        astring().prop_map(K::GmRaw),
        astring().prop_map(K::GmLabels),
        (astring(), astring()).prop_map(|(a, b)| K::Header(a, b)),
        date().prop_map(K::Before),
        date().prop_map(K::On),
        date().prop_map(K::Since),
        date().prop_map(K::SentBefore),
        date().prop_map(K::SentOn),
        date().prop_map(K::SentSince),
        date().prop_map(K::SavedBefore),
        date().prop_map(K::SavedOn),
        date().prop_map(K::SavedSince),
        atom().prop_map(K::Keyword),
        atom().prop_map(K::Unkeyword),
        number64().prop_map(K::Larger),
        number64().prop_map(K::Smaller),
        number64().prop_map(K::GmMsgId),
        number64().prop_map(K::GmThrId),
        sequence_set().prop_map(K::Uid),
        sequence_set().prop_map(K::SequenceSet),
        (1u32..=u32::MAX).prop_map(|n| K::Older(NonZeroU32::new(n).unwrap())),
        (1u32..=u32::MAX).prop_map(|n| K::Younger(NonZeroU32::new(n).unwrap())),
        objectid().prop_map(K::EmailId),
        objectid().prop_map(K::ThreadId),
        (
            proptest::option::of((
                flag(),
                proptest::sample::select(vec![
                    EntryType::Private,
                    EntryType::Shared,
                    EntryType::All
                ])
            )),
            number64()
        )
            .prop_map(|(entry, value)| K::ModSeq { entry, value }),
    ];
    leaf.boxed().prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|k| !k),
            inner.clone().prop_map(|k| SearchKey::Fuzzy(Box::new(k))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| SearchKey::or(a, b)),
            vec1(inner, 4).prop_map(SearchKey::And),
        ]
    })
}

fn fetch_attribute() -> impl Strategy<Value = FetchAttribute<'static>> {
    use FetchAttribute as A;
    prop_oneof![
        proptest::sample::select(vec![
            A::Envelope,
            A::Flags,
            A::InternalDate,
            A::Rfc822,
            A::Rfc822Header,
            A::Rfc822Size,
            A::Rfc822Text,
            A::Body,
            A::BodyStructure,
            A::Uid,
            A::ModSeq,
            A::EmailId,
            A::ThreadId,
            A::SaveDate,
            A::GmMsgId,
            A::GmThrId,
            A::GmLabels,
        ]),
        (any::<bool>(), section(), proptest::option::of(partial())).prop_map(
            |(peek, section, partial)| A::BodySection {
                peek,
                section,
                partial
            }
        ),
        (
            any::<bool>(),
            proptest::option::of(section_part()),
            proptest::option::of(partial())
        )
            .prop_map(|(peek, part, partial)| A::Binary {
                peek,
                part,
                partial
            }),
        proptest::option::of(section_part()).prop_map(|part| A::BinarySize { part }),
    ]
}

fn fetch_items() -> impl Strategy<Value = FetchItems<'static>> {
    prop_oneof![
        Just(FetchItems::All),
        Just(FetchItems::Fast),
        Just(FetchItems::Full),
        fetch_attribute().prop_map(FetchItems::Single),
        vec1(fetch_attribute(), 5).prop_map(FetchItems::List),
    ]
}

fn select_parameter() -> impl Strategy<Value = SelectParameter<'static>> {
    prop_oneof![
        Just(SelectParameter::CondStore),
        (
            1u32..=u32::MAX,
            number64(),
            proptest::option::of(sequence_set()),
            proptest::option::of((sequence_set(), sequence_set()))
        )
            .prop_map(|(v, m, k, s)| SelectParameter::QResync(QResyncParameters {
                uid_validity: NonZeroU32::new(v).unwrap(),
                mod_seq: m,
                known_uids: k,
                seq_match: s,
            })),
        param_other(SelectParameter::other),
    ]
}

fn create_parameter() -> impl Strategy<Value = CreateParameter<'static>> {
    prop_oneof![
        proptest::collection::vec(mailbox_attribute(), 0..3).prop_map(CreateParameter::Use),
        param_other(CreateParameter::other),
    ]
}

/// STORE modifiers, at most one of them UNCHANGEDSINCE (the parser refuses two), anywhere.
fn store_modifiers() -> impl Strategy<Value = Vec<StoreModifier<'static>>> {
    (
        proptest::collection::vec(param_other(StoreModifier::other), 0..3),
        proptest::option::of(number64()),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut v, n, at)| {
            if let Some(n) = n {
                let i = at.index(v.len() + 1);
                v.insert(i, StoreModifier::UnchangedSince(n));
            }
            v
        })
}

fn other_arguments() -> impl Strategy<Value = OtherArguments<'static>> {
    "[!-~][ -~]{0,10}[!-z|~]".prop_filter_map("valid", |s| OtherArguments::new(s.into_bytes()).ok())
}

fn body() -> impl Strategy<Value = CommandBody<'static>> {
    use CommandBody as B;
    let simple = proptest::sample::select(vec![
        B::Capability,
        B::Noop,
        B::Logout,
        B::StartTls,
        B::Namespace,
        B::Idle,
        B::Check,
        B::Close,
        B::Unselect,
        B::Expunge,
    ]);
    let auth = prop_oneof![
        (
            atom(),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..20))
        )
            .prop_map(|(mechanism, ir)| B::Authenticate {
                mechanism,
                initial_response: ir.map(Response::new),
            }),
        (astring(), astring()).prop_map(|(u, p)| B::Login {
            username: u,
            password: Password(p)
        }),
        vec1(capability(), 4).prop_map(|capabilities| B::Enable { capabilities }),
    ];
    let mailboxes = prop_oneof![
        (
            mailbox(),
            proptest::collection::vec(select_parameter(), 0..3)
        )
            .prop_map(|(mailbox, parameters)| B::Select {
                mailbox,
                parameters
            }),
        (
            mailbox(),
            proptest::collection::vec(select_parameter(), 0..3)
        )
            .prop_map(|(mailbox, parameters)| B::Examine {
                mailbox,
                parameters
            }),
        (
            mailbox(),
            proptest::collection::vec(create_parameter(), 0..3)
        )
            .prop_map(|(mailbox, parameters)| B::Create {
                mailbox,
                parameters
            }),
        mailbox().prop_map(|mailbox| B::Delete { mailbox }),
        (
            mailbox(),
            mailbox(),
            proptest::collection::vec(param_other(RenameParameter::other), 0..3)
        )
            .prop_map(|(from, to, parameters)| B::Rename {
                from,
                to,
                parameters
            }),
        mailbox().prop_map(|mailbox| B::Subscribe { mailbox }),
        mailbox().prop_map(|mailbox| B::Unsubscribe { mailbox }),
        mailbox().prop_map(|mailbox| B::GetQuotaRoot { mailbox }),
        (mailbox(), vec1(status_attribute(), 4))
            .prop_map(|(mailbox, items)| B::Status { mailbox, items }),
        (mailbox(), list_mailbox()).prop_map(|(reference, pattern)| B::Lsub { reference, pattern }),
    ];
    let select_opt = prop_oneof![
        Just(ListSelectOption::Subscribed),
        Just(ListSelectOption::Remote),
        Just(ListSelectOption::RecursiveMatch),
        Just(ListSelectOption::SpecialUse),
        atom()
            .prop_filter("unknown", |a| ![
                "SUBSCRIBED",
                "REMOTE",
                "RECURSIVEMATCH",
                "SPECIAL-USE"
            ]
            .iter()
            .any(|k| a.eq_ignore_ascii_case(k)))
            .prop_map(ListSelectOption::Other),
    ];
    let return_opt = prop_oneof![
        Just(ListReturnOption::Subscribed),
        Just(ListReturnOption::Children),
        Just(ListReturnOption::SpecialUse),
        vec1(status_attribute(), 3).prop_map(ListReturnOption::Status),
    ];
    let list = (
        proptest::option::of(proptest::collection::vec(select_opt, 0..3)),
        mailbox(),
        vec1(list_mailbox(), 3),
        proptest::option::of(proptest::collection::vec(return_opt, 0..3)),
    )
        .prop_map(|(selection, reference, patterns, return_options)| B::List {
            selection,
            reference,
            patterns,
            return_options,
        });
    let append_message = (
        proptest::option::of(proptest::collection::vec(flag(), 0..3)),
        proptest::option::of(date_time()),
        append_data(),
    )
        .prop_map(|(flags, date, data)| AppendMessage { flags, date, data });
    let append = (mailbox(), vec1(append_message, 3))
        .prop_map(|(mailbox, messages)| B::Append { mailbox, messages });
    let ret_opt = proptest::sample::select(vec![
        SearchReturnOption::Min,
        SearchReturnOption::Max,
        SearchReturnOption::All,
        SearchReturnOption::Count,
        SearchReturnOption::Save,
        SearchReturnOption::Context,
        SearchReturnOption::Update(None),
        SearchReturnOption::Relevancy,
    ])
    .boxed();
    let ret_opt = prop_oneof![
        3 => ret_opt,
        1 => partial_range().prop_map(SearchReturnOption::Partial),
        1 => vec1(fetch_attribute(), 3).prop_map(|v| SearchReturnOption::Update(Some(v))),
        1 => param_other(SearchReturnOption::other),
    ];
    let search = (
        any::<bool>(),
        proptest::option::of(proptest::collection::vec(ret_opt.clone(), 0..3)),
        proptest::option::of(charset()),
        vec1(search_key(), 4),
    )
        .prop_map(|(uid, return_options, charset, criteria)| B::Search {
            uid,
            return_options,
            charset,
            criteria,
        });
    let modifier = prop_oneof![
        number64().prop_map(FetchModifier::ChangedSince),
        Just(FetchModifier::Vanished),
        partial_range().prop_map(FetchModifier::Partial),
        param_other(FetchModifier::other),
    ];
    let fetch = (
        any::<bool>(),
        sequence_set(),
        fetch_items(),
        proptest::collection::vec(modifier, 0..3),
    )
        .prop_map(|(uid, set, items, modifiers)| B::Fetch {
            uid,
            set,
            items,
            modifiers,
        });
    let store = (
        any::<bool>(),
        sequence_set(),
        store_modifiers(),
        proptest::sample::select(vec![
            StoreAction::Replace,
            StoreAction::Add,
            StoreAction::Remove,
        ]),
        any::<bool>(),
        prop_oneof![
            proptest::collection::vec(flag(), 0..3).prop_map(StoreFlags::List),
            vec1(flag(), 3).prop_map(StoreFlags::Bare),
        ],
    )
        .prop_map(|(uid, set, modifiers, action, silent, flags)| B::Store {
            uid,
            set,
            modifiers,
            action,
            silent,
            flags,
        });
    let gm_label = prop_oneof![
        atom().prop_map(GmLabel::System),
        astring().prop_map(GmLabel::Label),
    ];
    let store_labels = (
        any::<bool>(),
        sequence_set(),
        store_modifiers(),
        proptest::sample::select(vec![
            StoreAction::Replace,
            StoreAction::Add,
            StoreAction::Remove,
        ]),
        any::<bool>(),
        proptest::collection::vec(gm_label, 0..3),
    )
        .prop_map(
            |(uid, set, modifiers, action, silent, labels)| B::StoreGmLabels {
                uid,
                set,
                modifiers,
                action,
                silent,
                labels,
            },
        );
    let selected = prop_oneof![
        sequence_set().prop_map(|set| B::UidExpunge { set }),
        (any::<bool>(), sequence_set(), mailbox()).prop_map(|(uid, set, mailbox)| B::Copy {
            uid,
            set,
            mailbox
        }),
        (any::<bool>(), sequence_set(), mailbox()).prop_map(|(uid, set, mailbox)| B::Move {
            uid,
            set,
            mailbox
        }),
        search.boxed(),
        fetch.boxed(),
        store.boxed(),
        store_labels.boxed(),
    ];
    let quota_resource = prop_oneof![
        proptest::sample::select(vec!["STORAGE", "message", "MAILBOX", "ANNOTATION-STORAGE"])
            .prop_map(|s| QuotaResource::from_name(Atom::new(s).unwrap())),
        atom().prop_map(QuotaResource::from_name),
    ];
    let metadata_option = prop_oneof![
        any::<u32>().prop_map(MetadataOption::MaxSize),
        proptest::sample::select(vec![
            MetadataDepth::Zero,
            MetadataDepth::One,
            MetadataDepth::Infinity
        ])
        .prop_map(MetadataOption::Depth),
    ];
    let sort_key = proptest::sample::select(SortKey::ALL.to_vec());
    let extensions = prop_oneof![
        astring().prop_map(|root| B::GetQuota { root }),
        (
            astring(),
            proptest::collection::vec(
                (quota_resource, number64())
                    .prop_map(|(resource, limit)| QuotaLimit { resource, limit }),
                0..3
            )
        )
            .prop_map(|(root, limits)| B::SetQuota { root, limits }),
        (
            proptest::collection::vec(metadata_option, 0..3),
            mailbox(),
            vec1(astring(), 3)
        )
            .prop_map(|(options, mailbox, entries)| B::GetMetadata {
                options,
                mailbox,
                entries
            }),
        (mailbox(), vec1((astring(), nstring8()), 3))
            .prop_map(|(mailbox, entries)| B::SetMetadata { mailbox, entries }),
        proptest::option::of(proptest::collection::vec(
            (istring(), proptest::option::of(istring()).prop_map(NString)),
            0..3
        ))
        .prop_map(|parameters| B::Id { parameters }),
        (
            any::<bool>(),
            proptest::option::of(proptest::collection::vec(ret_opt.clone(), 0..3)),
            vec1(
                (any::<bool>(), sort_key).prop_map(|(reverse, key)| SortCriterion { reverse, key }),
                3
            ),
            charset(),
            vec1(search_key(), 3)
        )
            .prop_map(|(uid, return_options, criteria, charset, keys)| B::Sort {
                uid,
                return_options,
                criteria,
                charset,
                keys
            }),
        (
            any::<bool>(),
            prop_oneof![
                Just(ThreadAlgorithm::OrderedSubject),
                Just(ThreadAlgorithm::References),
                atom().prop_map(ThreadAlgorithm::from_atom),
            ],
            charset(),
            vec1(search_key(), 3)
        )
            .prop_map(|(uid, algorithm, charset, keys)| B::Thread {
                uid,
                algorithm,
                charset,
                keys
            }),
        mailbox().prop_map(|mailbox| B::GetAcl { mailbox }),
        mailbox().prop_map(|mailbox| B::MyRights { mailbox }),
        (mailbox(), astring(), astring()).prop_map(|(mailbox, identifier, rights)| B::SetAcl {
            mailbox,
            identifier,
            rights
        }),
        (mailbox(), astring()).prop_map(|(mailbox, identifier)| B::DeleteAcl {
            mailbox,
            identifier
        }),
        (mailbox(), astring()).prop_map(|(mailbox, identifier)| B::ListRights {
            mailbox,
            identifier
        }),
        atom().prop_map(|algorithm| B::Compress { algorithm }),
        Just(B::Unauthenticate),
        vec1(tag(), 3).prop_map(|tags| B::CancelUpdate { tags }),
        proptest::option::of(notify_set()).prop_map(|set| B::Notify { set }),
        (atom(), proptest::option::of(other_arguments())).prop_filter_map(
            "unknown name",
            |(name, arguments)| CommandBody::other(name, arguments).ok()
        ),
    ];
    prop_oneof![
        simple.boxed(),
        auth.boxed(),
        mailboxes.boxed(),
        list.boxed(),
        append.boxed(),
        selected.boxed(),
        extensions.boxed(),
    ]
}

fn command() -> impl Strategy<Value = Command<'static>> {
    (tag(), body().boxed()).prop_map(|(t, b)| Command::new(t, b))
}

// ---- properties ------------------------------------------------------------------------------

fn parse_all(input: &[u8], config: &ParseConfig) -> Result<(Command<'static>, usize), String> {
    match parse_command(input, config) {
        Ok(Status::Complete((c, used))) => Ok((c.into_owned(), used)),
        Ok(Status::Incomplete(n)) => Err(format!("incomplete {n:?}")),
        Err(e) => Err(e.to_string()),
    }
}

/// Frames and parses `stream` delivered cut at `cuts`.
fn frame_and_parse(stream: &[u8], cuts: &[usize]) -> Vec<Command<'static>> {
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut prev = 0;
    let mut ends: Vec<usize> = cuts.iter().copied().filter(|&c| c < stream.len()).collect();
    ends.sort_unstable();
    ends.push(stream.len());
    for end in ends {
        buf.extend_from_slice(&stream[prev.min(end)..end]);
        prev = prev.max(end);
        while let Status::Complete(Frame { len, .. }) = framer.next_frame(&buf).unwrap() {
            let (c, used) = parse_all(&buf[..len], &config).unwrap();
            assert_eq!(used, len);
            out.push(c);
            buf.drain(..len);
        }
    }
    assert!(buf.is_empty());
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn command_round_trip(cmd in command()) {
        let wire = cmd.to_bytes();
        for config in [ParseConfig::default(), ParseConfig::strict()] {
            let (back, used) = parse_all(&wire, &config)
                .map_err(|e| TestCaseError::fail(format!("{e} in {}", wire.escape_ascii())))?;
            prop_assert_eq!(&back, &cmd, "{}", wire.escape_ascii());
            prop_assert_eq!(used, wire.len());
        }
        // Every strict prefix is incomplete, never an error or another command.
        let config = ParseConfig::default();
        for i in 0..wire.len() {
            match parse_command(&wire[..i], &config) {
                Ok(Status::Incomplete(_)) => {}
                other => prop_assert!(false, "prefix {} of {}: {:?}", i, wire.escape_ascii(), other),
            }
        }
        // `into_owned` keeps the value.
        prop_assert_eq!(cmd.clone().into_owned(), cmd);
    }

    #[test]
    fn command_stream_chunking_invariance(
        cmds in proptest::collection::vec(command(), 1..4),
        cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let stream: Vec<u8> = cmds.iter().flat_map(|c| c.to_bytes()).collect();
        let cuts: Vec<usize> = cuts.iter().map(|i| i.index(stream.len() + 1)).collect();
        prop_assert_eq!(&frame_and_parse(&stream, &[]), &cmds);
        prop_assert_eq!(&frame_and_parse(&stream, &cuts), &cmds);
        let every: Vec<usize> = (1..stream.len()).collect();
        prop_assert_eq!(&frame_and_parse(&stream, &every), &cmds);
    }
}

/// The events of RFC 5465 other than the message events (`mailbox-event`, `user-event`,
/// `event-ext`).
fn other_event() -> impl Strategy<Value = NotifyEvent<'static>> {
    prop_oneof![
        proptest::sample::select(vec![
            NotifyEvent::MailboxName,
            NotifyEvent::SubscriptionChange,
            NotifyEvent::MailboxMetadataChange,
            NotifyEvent::ServerMetadataChange,
            NotifyEvent::QuotaChange,
        ]),
        atom().prop_filter_map("unknown event", |a| OtherEvent::new(a)
            .ok()
            .map(NotifyEvent::Other)),
    ]
}

/// A valid RFC 5465 event group: the message events as the rules of §5 allow them (none, or
/// MessageNew and MessageExpunge with FlagChange / AnnotationChange), other events only for
/// the filters that are not `selected` (§6.1), in any order.
fn event_group() -> impl Strategy<Value = EventGroup<'static>> {
    use MailboxFilter as F;
    let filter = prop_oneof![
        Just(F::Selected),
        Just(F::SelectedDelayed),
        Just(F::Inboxes),
        Just(F::Personal),
        Just(F::Subscribed),
        vec1(mailbox(), 3).prop_map(F::Subtree),
        vec1(mailbox(), 3).prop_map(F::SubtreeOne),
        vec1(mailbox(), 3).prop_map(F::Mailboxes),
    ];
    let message = (
        any::<bool>(),
        proptest::option::of(vec1(fetch_attribute(), 3)),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(on, fetch, flags, annotations)| {
            let mut v = Vec::new();
            if on {
                v.push(NotifyEvent::MessageNew(fetch));
                v.push(NotifyEvent::MessageExpunge);
                if flags {
                    v.push(NotifyEvent::FlagChange);
                }
                if annotations {
                    v.push(NotifyEvent::AnnotationChange);
                }
            }
            v
        });
    (
        filter,
        any::<bool>(),
        message,
        proptest::collection::vec(other_event(), 0..3),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(filter, none, mut events, others, rotate)| {
            if !filter.is_selected() {
                events.extend(others);
            }
            if none || events.is_empty() {
                return EventGroup::none(filter);
            }
            let n = rotate.index(events.len());
            events.rotate_left(n);
            EventGroup::new(filter, Some(Vec1::new(events).unwrap())).unwrap()
        })
}

/// A valid `NOTIFY SET` argument: at most one selected group (RFC 5465 §6.1).
fn notify_set() -> impl Strategy<Value = NotifySet<'static>> {
    (any::<bool>(), vec1(event_group(), 4)).prop_map(|(status, groups)| {
        let mut selected = false;
        let groups: Vec<_> = groups
            .into_iter()
            .filter(|g| !g.filter().is_selected() || !std::mem::replace(&mut selected, true))
            .collect();
        NotifySet::new(status, Vec1::new(groups).unwrap()).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// RFC 5465: every valid NOTIFY command round-trips, every prefix of its encoding is
    /// incomplete, and the constructors accept exactly what the parser accepts.
    #[test]
    fn notify_round_trip(t in tag(), set in proptest::option::of(notify_set())) {
        let cmd = Command::new(t, CommandBody::Notify { set });
        let wire = cmd.to_bytes();
        for config in [ParseConfig::default(), ParseConfig::strict()] {
            let (back, used) = parse_all(&wire, &config)
                .map_err(|e| TestCaseError::fail(format!("{e} in {}", wire.escape_ascii())))?;
            prop_assert_eq!(&back, &cmd, "{}", wire.escape_ascii());
            prop_assert_eq!(used, wire.len());
        }
        for i in 0..wire.len() {
            match parse_command(&wire[..i], &ParseConfig::default()) {
                Ok(Status::Incomplete(_)) => {}
                other => prop_assert!(false, "prefix {} of {}: {:?}", i, wire.escape_ascii(), other),
            }
        }
    }

    /// Any event list, valid or not, parses (the rules on events are the server's to apply),
    /// and the constructor refuses exactly the groups that `EventGroup::check` names a rule for.
    #[test]
    fn notify_rules_agree(
        selected in any::<bool>(),
        events in proptest::collection::vec(prop_oneof![
            Just(NotifyEvent::MessageNew(None)),
            Just(NotifyEvent::MessageExpunge),
            Just(NotifyEvent::FlagChange),
            Just(NotifyEvent::AnnotationChange),
            other_event(),
        ], 1..5),
    ) {
        let filter = if selected { MailboxFilter::Selected } else { MailboxFilter::Personal };
        let events = Vec1::new(events).unwrap();
        let rule = EventGroup::check(&filter, &events);
        let mut line = format!("a NOTIFY SET ({} (", filter.name());
        for (i, e) in events.iter().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(e.name());
        }
        line.push_str("))\r\n");
        let parsed = parse_command(line.as_bytes(), &ParseConfig::default());
        let parsed = match parsed {
            Ok(Status::Complete((c, _))) => c,
            other => return Err(TestCaseError::fail(format!("{line}: {other:?}"))),
        };
        let CommandBody::Notify { set: Some(set) } = parsed.body else {
            return Err(TestCaseError::fail(line));
        };
        prop_assert_eq!(set.groups()[0].events(), Some(&events[..]));
        match rule {
            Ok(()) => prop_assert!(EventGroup::new(filter, Some(events)).is_ok()),
            Err(r) => prop_assert_eq!(
                EventGroup::new(filter, Some(events)),
                Err(ValueError::Invalid(r.message()))
            ),
        }
    }
}
