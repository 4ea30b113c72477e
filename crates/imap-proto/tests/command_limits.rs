//! The command parser's tolerances (each documented in `parse::command`'s table), limits
//! (nesting depth, item counts: typed errors, never a panic or a stack overflow), errors, and
//! the constructors that keep every value encodable.

use imap_proto::encode::{Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy};
use imap_proto::parse::{ParseConfig, ParseErrorKind, Status, parse_command};
use imap_proto::types::*;

fn parse(input: &[u8]) -> Command<'_> {
    parse_with(input, &ParseConfig::default())
}

fn parse_with<'a>(input: &'a [u8], config: &ParseConfig) -> Command<'a> {
    match parse_command(input, config) {
        Ok(Status::Complete((c, used))) => {
            assert_eq!(used, input.len());
            c
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
}

fn error(input: &[u8], config: &ParseConfig) -> ParseErrorKind {
    match parse_command(input, config) {
        Err(e) => e.kind,
        other => panic!("{}: expected an error, got {other:?}", input.escape_ascii()),
    }
}

// ---- tolerances ------------------------------------------------------------------------------

#[test]
fn lowercase_commands_and_keywords() {
    let lower = parse(b"a uid fetch 1:* (flags body.peek[header.fields (from)]<0.10>) (changedsince 5 vanished)\r\n");
    let upper = parse(b"a UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (from)]<0.10>) (CHANGEDSINCE 5 VANISHED)\r\n");
    assert_eq!(lower, upper);
    assert_eq!(
        parse(b"a Uid Search return (min) charset utf-8 or not seen Since 1-feb-1994 all\r\n"),
        parse(b"a UID SEARCH RETURN (MIN) CHARSET utf-8 OR NOT SEEN SINCE 1-Feb-1994 ALL\r\n"),
    );
    assert_eq!(
        parse(b"a list (subscribed) \"\" * return (children status (messages))\r\n"),
        parse(b"a LIST (SUBSCRIBED) \"\" * RETURN (CHILDREN STATUS (MESSAGES))\r\n"),
    );
    assert_eq!(
        parse(b"a store 1 +flags.silent (\\seen)\r\n"),
        parse(b"a STORE 1 +FLAGS.SILENT (\\Seen)\r\n"),
    );
    assert_eq!(parse(b"a select inbox (condstore)\r\n").name(), "SELECT");
    // Strict mode keeps case-insensitivity: it is grammar (RFC 9051 §9 note 1).
    assert_eq!(
        parse_with(b"a noop\r\n", &ParseConfig::strict()).body,
        CommandBody::Noop
    );
}

#[test]
fn extra_spaces() {
    let relaxed = parse(b"a  SEARCH  ( ALL  SEEN )  UID 1:2 \r\n");
    assert_eq!(relaxed, parse(b"a SEARCH (ALL SEEN) UID 1:2\r\n"));
    assert_eq!(
        parse(b"a FETCH 1 ( FLAGS  UID )\r\n"),
        parse(b"a FETCH 1 (FLAGS UID)\r\n")
    );
    assert_eq!(
        parse(b"a1 XFOO  bar baz  \r\n"),
        parse(b"a1 XFOO bar baz\r\n")
    );
    let strict = ParseConfig::strict();
    assert!(parse_command(b"a  SEARCH ALL\r\n", &strict).is_err());
    assert!(parse_command(b"a SEARCH ALL \r\n", &strict).is_err());
}

#[test]
fn missing_space_after_parenthesis() {
    assert_eq!(
        parse(b"a STORE 1 (UNCHANGEDSINCE 5)+FLAGS \\Seen\r\n"),
        parse(b"a STORE 1 (UNCHANGEDSINCE 5) +FLAGS \\Seen\r\n")
    );
    assert_eq!(
        parse(b"a APPEND x (\\Seen){1}\r\nA\r\n"),
        parse(b"a APPEND x (\\Seen) {1}\r\nA\r\n")
    );
    assert!(
        parse_command(
            b"a STORE 1 (UNCHANGEDSINCE 5)+FLAGS \\Seen\r\n",
            &ParseConfig::strict()
        )
        .is_err()
    );
}

#[test]
fn quoted_dates_and_nil_strings() {
    assert_eq!(
        parse(b"a SEARCH SINCE \"1-Feb-1994\"\r\n"),
        parse(b"a SEARCH SINCE 1-Feb-1994\r\n")
    );
    assert_eq!(parse(b"a ID (NIL NIL)\r\n"), parse(b"a ID (\"\" NIL)\r\n"));
    assert!(parse_command(b"a ID (NIL NIL)\r\n", &ParseConfig::strict()).is_err());
}

#[test]
fn missing_space_before_parenthesis_is_refused() {
    let config = ParseConfig::default();
    assert!(parse_command(b"a FETCH 1(FLAGS)\r\n", &config).is_err());
    assert!(parse_command(b"a STATUS INBOX(MESSAGES)\r\n", &config).is_err());
}

// ---- limits ----------------------------------------------------------------------------------

fn deep(prefix: &[u8], unit: &[u8], n: usize, suffix: &[u8]) -> Vec<u8> {
    let mut v = prefix.to_vec();
    for _ in 0..n {
        v.extend_from_slice(unit);
    }
    v.extend_from_slice(suffix);
    v
}

#[test]
fn deep_not_is_a_typed_error() {
    let config = ParseConfig::default();
    let input = deep(b"a SEARCH ", b"NOT ", 100_000, b"ALL\r\n");
    assert_eq!(
        error(&input, &config),
        ParseErrorKind::TooDeep {
            limit: config.max_depth
        }
    );
    // Within the limit it parses (and the parser's frames fit in a test thread's stack).
    let ok = deep(b"a SEARCH ", b"NOT ", config.max_depth, b"ALL\r\n");
    let cmd = parse(&ok);
    assert_eq!(cmd.to_bytes(), ok);
    let too_deep = deep(b"a SEARCH ", b"NOT ", config.max_depth + 1, b"ALL\r\n");
    assert!(matches!(
        error(&too_deep, &config),
        ParseErrorKind::TooDeep { .. }
    ));
}

#[test]
fn deep_parentheses_and_or_are_typed_errors() {
    let config = ParseConfig::default();
    let mut input = deep(b"a SEARCH ", b"(", 100_000, b"ALL");
    input.extend(std::iter::repeat_n(b')', 100_000));
    input.extend_from_slice(b"\r\n");
    assert!(matches!(
        error(&input, &config),
        ParseErrorKind::TooDeep { .. }
    ));
    let input = deep(b"a SEARCH ", b"OR ALL ", 100_000, b"ALL\r\n");
    assert!(matches!(
        error(&input, &config),
        ParseErrorKind::TooDeep { .. }
    ));
    // A streaming prefix of a deep command is an error as soon as the depth is exceeded,
    // not incomplete forever.
    let prefix = deep(b"a SEARCH ", b"NOT ", 1000, b"");
    assert!(matches!(
        error(&prefix, &config),
        ParseErrorKind::TooDeep { .. }
    ));
}

#[test]
fn item_counts_are_limited() {
    let mut config = ParseConfig::default();
    config.max_items = 3;
    let err = error(b"a SEARCH 1 2 3 4\r\n", &config);
    assert!(matches!(err, ParseErrorKind::TooMany { .. }), "{err:?}");
    assert!(matches!(
        error(b"a FETCH 1 (UID FLAGS ENVELOPE BODY)\r\n", &config),
        ParseErrorKind::TooMany { .. }
    ));
    assert!(matches!(
        error(b"a ENABLE A B C D\r\n", &config),
        ParseErrorKind::TooMany { .. }
    ));
    assert!(matches!(
        error(
            b"a APPEND x {1}\r\na {1}\r\nb {1}\r\nc {1}\r\nd\r\n",
            &config
        ),
        ParseErrorKind::TooMany { .. }
    ));
    parse_with(b"a SEARCH 1 2 3\r\n", &config);
}

// ---- errors and ambiguity --------------------------------------------------------------------

#[test]
fn known_commands_with_bad_arguments_are_errors_not_other() {
    let config = ParseConfig::default();
    for input in [
        &b"a SELECT\r\n"[..],
        b"a FETCH 1 FLAGZ\r\n",
        b"a SEARCH FOO\r\n",
        b"a UID FOO 1\r\n",
        b"a UID\r\n",
        b"a STORE 1 FLAGS\r\n",
        b"a LIST \"\"\r\n",
        b"a STATUS INBOX ()\r\n",
        b"a NOOP x\r\n",
        b"a FETCH 1 BODY.PEEK\r\n",
        b"a SEARCH MODSEQ \"/flags/\\\\Seen\" any 1\r\n",
        b"a SEARCH EMAILID bad!id\r\n",
        b"a AUTHENTICATE PLAIN AAA=BBB\r\n",
        b"a STORE 1 (UNCHANGEDSINCE 1 UNCHANGEDSINCE 2) FLAGS ()\r\n",
        b"a CREATE x (USE (Sent))\r\n",
        b"a GETMETADATA (DEPTH 2) INBOX /a\r\n",
        b"* NOOP\r\n",
        b"+ NOOP\r\n",
    ] {
        assert!(
            parse_command(input, &config).is_err(),
            "{}",
            input.escape_ascii()
        );
    }
}

#[test]
fn unknown_commands() {
    let c = parse(b"A442 XPIG-LATIN\r\n");
    assert_eq!(c.name(), "XPIG-LATIN");
    let c = parse(b"a1 ID2 (\"x\" 1)\r\n");
    let CommandBody::Other(o) = &c.body else {
        panic!()
    };
    assert_eq!(o.name().as_str(), "ID2");
    assert_eq!(o.arguments().unwrap().as_bytes(), b"(\"x\" 1)");
    assert_eq!(c.to_bytes(), b"a1 ID2 (\"x\" 1)\r\n");
    // An unknown command carrying a literal cannot be delimited: refused.
    assert_eq!(
        error(b"a XFOO {3}\r\nabc\r\n", &ParseConfig::default()),
        ParseErrorKind::Invalid("literal in unknown command")
    );
    // Constructors keep `Other` unambiguous.
    assert!(CommandBody::other(Atom::new("noop").unwrap(), None).is_err());
    assert!(OtherCommand::new(Atom::new("Uid").unwrap(), None).is_err());
    assert!(OtherArguments::new(&b"x {3}"[..]).is_err());
    assert!(OtherArguments::new(&b"x {3+}"[..]).is_err());
    assert!(OtherArguments::new(&b" x"[..]).is_err());
    assert!(OtherArguments::new(&b"a\r\nb"[..]).is_err());
    assert!(OtherArguments::new(&b"x {3} y"[..]).is_ok());
}

#[test]
fn incomplete_input() {
    let config = ParseConfig::default();
    for input in [
        &b""[..],
        b"a",
        b"a ",
        b"a NOOP",
        b"a NOOP\r",
        b"a LOGIN {5}\r\nab",
        b"a SEARCH NOT",
        b"a SEARCH (ALL",
        b"a APPEND x {3}\r\nabc",
        b"a APPEND x {3}\r\nabc ",
    ] {
        assert!(
            parse_command(input, &config).unwrap().is_incomplete(),
            "{}",
            input.escape_ascii()
        );
    }
    // The literal's missing length is exact.
    assert_eq!(
        parse_command(b"a LOGIN {5}\r\nab", &config),
        Ok(Status::Incomplete(imap_proto::parse::Needed::AtLeast(
            3.try_into().unwrap()
        )))
    );
}

// ---- encoding --------------------------------------------------------------------------------

#[test]
fn password_is_not_shown() {
    let c = parse(b"a LOGIN alice hunter2\r\n");
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("hunter2"), "{dbg}");
    let c = parse(b"a AUTHENTICATE PLAIN AGFsaWNlAGh1bnRlcjI=\r\n");
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("hunter2") && !dbg.contains("AGFs"), "{dbg}");
}

#[test]
fn literals_become_fragments_and_follow_the_policy() {
    let cmd = Command::new(
        Tag::new("a1").unwrap(),
        CommandBody::Login {
            username: AString::new(&b"alice"[..]).unwrap(),
            password: Password(AString::new(&b"p\r\nw"[..]).unwrap()),
        },
    );
    let mut e = Encoder::new();
    cmd.encode(&mut e);
    assert!(e.has_sync_literal());
    let frags: Vec<_> = e.fragments().collect();
    assert_eq!(
        frags,
        [
            Fragment::Line(b"a1 LOGIN alice {4}\r\n"),
            Fragment::Literal {
                data: b"p\r\nw",
                mode: LiteralMode::Sync,
                binary: false
            },
            Fragment::Line(b"\r\n"),
        ]
    );
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::LiteralPlus, true));
    cmd.encode(&mut e);
    assert_eq!(e.as_bytes(), b"a1 LOGIN alice {4+}\r\np\r\nw\r\n");
    assert!(!e.has_sync_literal());
    // A UTF-8 mailbox name for a peer without UTF8=ACCEPT becomes a literal.
    let cmd = Command::new(
        Tag::new("a2").unwrap(),
        CommandBody::Select {
            mailbox: Mailbox::from_utf8_accept("Entwürfe").unwrap(),
            parameters: vec![],
        },
    );
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::Sync, false));
    cmd.encode(&mut e);
    assert_eq!(e.as_bytes(), "a2 SELECT {9}\r\nEntwürfe\r\n".as_bytes());
    // mUTF-7 otherwise.
    let cmd = Command::new(
        Tag::new("a3").unwrap(),
        CommandBody::Select {
            mailbox: Mailbox::from_utf8("Entwürfe").unwrap(),
            parameters: vec![],
        },
    );
    assert_eq!(cmd.to_bytes(), b"a3 SELECT Entw&APw-rfe\r\n");
}

#[test]
fn validating_constructors() {
    assert!(Vec1::<SearchKey<'_>>::new(vec![]).is_err());
    assert!(ObjectId::new("").is_err());
    assert!(ObjectId::new("a b").is_err());
    assert!(ObjectId::new("x".repeat(256)).is_err());
    assert!(ListMailbox::token("a b").is_err());
    assert!(ListMailbox::token("").is_err());
    assert_eq!(ListMailbox::new(&b"a b"[..]).unwrap().as_token(), None);
    assert_eq!(
        ListMailbox::new(&b"%/*"[..]).unwrap().as_token(),
        Some("%/*")
    );
    // number64 values above 2^63-1 are written as the maximum.
    let cmd = Command::new(
        Tag::new("a").unwrap(),
        CommandBody::Search {
            uid: false,
            return_options: None,
            charset: None,
            criteria: Vec1::one(SearchKey::Larger(u64::MAX)),
        },
    );
    assert_eq!(cmd.to_bytes(), b"a SEARCH LARGER 9223372036854775807\r\n");
}
