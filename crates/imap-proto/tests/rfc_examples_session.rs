//! Every protocol example of the session-level extension RFCs, verbatim, as tests: RFC 2177
//! (IDLE), RFC 3691 (UNSELECT), RFC 5161 (ENABLE), RFC 4959 (SASL-IR), RFC 7888
//! (LITERAL+/LITERAL-), RFC 7889 (APPENDLIMIT), RFC 4978 (COMPRESS, the command and response
//! lines), RFC 8437 (UNAUTHENTICATE), RFC 5530 (response codes) and RFC 4466 (the collected
//! ABNF: its examples and the extended productions it defines); then the lines of RFC 9051 §8
//! (the sample connection), §7.6 and §6.1.1 that the other example tests do not cover.
//!
//! The bytes are the RFCs' own `C:` / `S:` lines, copied from the RFC text (the IETF documents
//! as kept under `rfc/` in the public "jstedfast/MailKit" repository), with `\r\n` added; each
//! test's doc comment names the RFC and section. Where the RFC wraps a line only for the page
//! width, the pieces are joined with one space and the comment says so. Lines marked "(ours)"
//! are not in the RFC: they exercise a production of its formal syntax for which it gives no
//! example (RFC 8437 has no examples at all).
//!
//! Commands go through [`parse_command`], responses through [`parse_response`], IDLE's `DONE`
//! through [`parse_idle_done`] and AUTHENTICATE's client lines through
//! [`parse_authenticate_data`]; each is checked against the expected value, encoded and parsed
//! back (`parse(encode(x)) == x`), compared byte for byte with the input where the RFC's
//! spelling is the canonical one, parsed from every proper prefix (always incomplete, never an
//! error) and fed to the [`Framer`] one byte at a time (exactly one frame, the whole input).
//!
//! Elided lines (`S: ...`, `* 4 FETCH (...)`, `[...]`) are not protocol and are not tested.
//! Where an example contradicts its RFC's own grammar the comment says so and the test pins
//! what the crate does. Where the crate fails an example the test is `#[ignore]`d with the
//! reason.

use std::num::NonZeroU32;

use imap_proto::encode::{
    Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy, encode_authenticate_data,
    encode_idle_done,
};
use imap_proto::parse::{
    Framer, LITERAL_MINUS_MAX, Needed, ParseConfig, ParseError, ParseErrorKind, Status,
    parse_authenticate_data, parse_command, parse_idle_done, parse_response,
};
use imap_proto::types::*;
use mail_sasl::framing::ClientMessage;

// ---- helpers ---------------------------------------------------------------------------------

/// The RFC line plus CRLF.
fn line(s: &str) -> Vec<u8> {
    let mut v = s.as_bytes().to_vec();
    v.extend_from_slice(b"\r\n");
    v
}

/// Every proper prefix is incomplete for `parse` (`Ok(true)`), never an error.
fn prefixes_incomplete(input: &[u8], parse: &dyn Fn(&[u8]) -> Result<bool, ParseError>) {
    for i in 0..input.len() {
        let r = parse(&input[..i]);
        assert!(
            matches!(r, Ok(true)),
            "prefix {i} of {}: {r:?}",
            input.escape_ascii()
        );
    }
}

/// The framer fed one byte at a time gives exactly one frame, the whole input.
fn one_frame(input: &[u8]) {
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    let mut frames = 0;
    for i in 1..=input.len() {
        match framer.next_frame(&input[..i]) {
            Ok(Status::Incomplete(_)) if i < input.len() => {}
            Ok(Status::Complete(f)) if i == input.len() => {
                assert_eq!(f.len, input.len());
                frames += 1;
            }
            other => panic!("framer at {i} of {}: {other:?}", input.escape_ascii()),
        }
    }
    assert_eq!(frames, 1);
}

fn stream_checks(input: &[u8], command: bool) {
    let config = ParseConfig::default();
    if command {
        prefixes_incomplete(input, &|p| {
            parse_command(p, &config).map(|s| matches!(s, Status::Incomplete(_)))
        });
    } else {
        prefixes_incomplete(input, &|p| {
            parse_response(p, &config).map(|s| matches!(s, Status::Incomplete(_)))
        });
    }
    one_frame(input);
}

fn parse_c(input: &[u8]) -> Command<'_> {
    match parse_command(input, &ParseConfig::default()) {
        Ok(Status::Complete((c, used))) => {
            assert_eq!(used, input.len(), "{}", input.escape_ascii());
            c
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
}

fn parse_r(input: &[u8]) -> Response<'_> {
    match parse_response(input, &ParseConfig::default()) {
        Ok(Status::Complete((r, used))) => {
            assert_eq!(used, input.len(), "{}", input.escape_ascii());
            r
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
}

fn assert_same_bytes(encoded: &[u8], input: &[u8]) {
    assert_eq!(
        encoded.escape_ascii().to_string(),
        input.escape_ascii().to_string()
    );
}

/// A command: value, round trip (bytes equal to the input when `exact`), stream checks.
fn check_c(input: &[u8], expected: &Command<'_>, exact: bool) {
    let c = parse_c(input);
    assert_eq!(&c, expected, "{}", input.escape_ascii());
    let encoded = c.to_bytes();
    if exact {
        assert_same_bytes(&encoded, input);
    }
    assert_eq!(parse_c(&encoded).into_owned(), c.clone().into_owned());
    stream_checks(input, true);
}

/// A response: value, round trip (bytes equal to the input when `exact`), stream checks.
fn check_r(input: &[u8], expected: &Response<'_>, exact: bool) {
    let r = parse_r(input);
    assert_eq!(&r, expected, "{}", input.escape_ascii());
    let encoded = r.to_bytes();
    if exact {
        assert_same_bytes(&encoded, input);
    }
    assert_eq!(parse_r(&encoded).into_owned(), r.clone().into_owned());
    stream_checks(input, false);
}

/// Command, canonical spelling: the encoding is the RFC's bytes.
fn c(input: &str, expected: Command<'static>) {
    check_c(&line(input), &expected, true);
}

/// Command whose RFC spelling is not the encoder's: the value round trip only.
fn c_val(input: &str, expected: Command<'static>) {
    check_c(&line(input), &expected, false);
}

/// Response, canonical spelling.
fn s(input: &str, expected: Response<'static>) {
    check_r(&line(input), &expected, true);
}

/// Response whose RFC spelling is not the encoder's: the value round trip only.
fn s_val(input: &str, expected: Response<'static>) {
    check_r(&line(input), &expected, false);
}

/// A command the crate refuses: a parse error (not incomplete); returns it.
fn c_err(input: &[u8]) -> ParseError {
    match parse_command(input, &ParseConfig::default()) {
        Err(e) => e,
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
}

/// IDLE's `DONE` line: parsed by [`parse_idle_done`], written by [`encode_idle_done`].
fn done(input: &[u8]) {
    let config = ParseConfig::default();
    assert_eq!(
        parse_idle_done(input, &config),
        Ok(Status::Complete(((), input.len())))
    );
    let mut e = Encoder::new();
    encode_idle_done(&mut e);
    assert_same_bytes(e.as_bytes(), input);
    prefixes_incomplete(input, &|p| {
        parse_idle_done(p, &config).map(|s| matches!(s, Status::Incomplete(_)))
    });
    one_frame(input);
}

/// A client line of an AUTHENTICATE exchange: parsed by [`parse_authenticate_data`], written
/// by [`encode_authenticate_data`] (to the same bytes), streamed.
fn auth_data(input: &[u8], expected: &ClientMessage) {
    let config = ParseConfig::default();
    match parse_authenticate_data(input, &config) {
        Ok(Status::Complete((m, used))) => {
            assert_eq!(used, input.len());
            assert_eq!(&m, expected);
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
    let mut e = Encoder::new();
    encode_authenticate_data(expected, &mut e);
    assert_same_bytes(e.as_bytes(), input);
    prefixes_incomplete(input, &|p| {
        parse_authenticate_data(p, &config).map(|s| matches!(s, Status::Incomplete(_)))
    });
    one_frame(input);
}

fn tag(t: &'static str) -> Tag<'static> {
    Tag::new(t).unwrap()
}

fn cmd(t: &'static str, body: CommandBody<'static>) -> Command<'static> {
    Command::new(tag(t), body)
}

fn atom(s: &'static str) -> Atom<'static> {
    Atom::new(s).unwrap()
}

fn quoted(s: &'static str) -> Quoted<'static> {
    Quoted::new(s.as_bytes()).unwrap()
}

/// An astring sent as an atom.
fn aa(s: &'static str) -> AString<'static> {
    AString::Atom(AtomExt::new(s).unwrap())
}

/// An astring sent quoted.
fn aq(s: &'static str) -> AString<'static> {
    AString::String(IString::Quoted(quoted(s)))
}

/// A mailbox sent quoted.
fn mq(s: &'static str) -> Mailbox<'static> {
    Mailbox::new(aq(s))
}

/// A mailbox sent as an atom.
fn ma(s: &'static str) -> Mailbox<'static> {
    Mailbox::new(aa(s))
}

fn seq(s: &'static str) -> SequenceSet<'static> {
    SequenceSet::new(s).unwrap()
}

fn v1<T>(v: Vec<T>) -> Vec1<T> {
    Vec1::new(v).unwrap()
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

fn cap(s: &'static str) -> Capability<'static> {
    Capability::from_atom(atom(s))
}

fn rt(code: Option<ResponseCode<'static>>, s: &'static str) -> RespText<'static> {
    RespText::new(code, Text::new(s.as_bytes()).unwrap()).unwrap()
}

fn tagged(
    t: &'static str,
    state: State,
    code: Option<ResponseCode<'static>>,
    s: &'static str,
) -> Response<'static> {
    Response::Tagged(TaggedResponse {
        tag: tag(t),
        state,
        text: rt(code, s),
    })
}

fn ok(t: &'static str, s: &'static str) -> Response<'static> {
    tagged(t, State::Ok, None, s)
}

fn untagged(u: UntaggedResponse<'static>) -> Response<'static> {
    Response::Untagged(u)
}

fn ustatus(
    condition: Condition,
    code: Option<ResponseCode<'static>>,
    s: &'static str,
) -> Response<'static> {
    untagged(UntaggedResponse::Status {
        condition,
        text: rt(code, s),
    })
}

fn cont(s: &'static str) -> Response<'static> {
    Response::Continue(rt(None, s))
}

fn login(user: AString<'static>, pass: AString<'static>) -> CommandBody<'static> {
    CommandBody::Login {
        username: user,
        password: Password(pass),
    }
}

fn fetch_all(n: &'static str) -> CommandBody<'static> {
    CommandBody::Fetch {
        uid: false,
        set: seq(n),
        items: FetchItems::All,
        modifiers: vec![],
    }
}

fn select(mailbox: Mailbox<'static>) -> CommandBody<'static> {
    CommandBody::Select {
        mailbox,
        parameters: vec![],
    }
}

// =============================================================================================
// RFC 2177 (IDLE)
// =============================================================================================

/// RFC 2177 §3, the example (the RFC's bytes): the SELECT before the first IDLE.
///
/// `* FLAGS (Deleted Seen)` names the flags without their backslash: by the grammar (RFC 2060
/// and RFC 3501 `flag`) these are two keywords, `Deleted` and `Seen`, not `\Deleted` and
/// `\Seen` (the RFC surely meant the system flags); the crate reads the keywords.
///
/// `* OK [UIDVALIDITY 1]` has a code and no text, and no space after `]`: RFC 2060/3501 want
/// `"[" resp-text-code "]" SP text` with a non-empty text, RFC 9051 `"[" resp-text-code "]" SP
/// [text]`; both need the space. The crate accepts the line (an empty text, also under
/// [`ParseConfig::strict`]) and writes it back as printed: its encoder leaves the space out
/// after a code with an empty text, as RFC 9051's own examples do.
#[test]
fn rfc2177_s3_select() {
    c("A001 SELECT INBOX", cmd("A001", select(Mailbox::Inbox)));
    s(
        "* FLAGS (Deleted Seen)",
        untagged(UntaggedResponse::Flags(vec![
            FlagFetch::Flag(Flag::Keyword(atom("Deleted"))),
            FlagFetch::Flag(Flag::Keyword(atom("Seen"))),
        ])),
    );
    s("* 3 EXISTS", untagged(UntaggedResponse::Exists(3)));
    s("* 0 RECENT", untagged(UntaggedResponse::Recent(0)));
    s(
        "* OK [UIDVALIDITY 1]",
        ustatus(Condition::Ok, Some(ResponseCode::UidValidity(nz(1))), ""),
    );
    assert!(parse_response(b"* OK [UIDVALIDITY 1]\r\n", &ParseConfig::strict()).is_ok());
    s("A001 OK SELECT completed", ok("A001", "SELECT completed"));
}

/// RFC 2177 §3, the example (the RFC's bytes): the first IDLE, ended by `DONE`.
#[test]
fn rfc2177_s3_first_idle() {
    c("A002 IDLE", cmd("A002", CommandBody::Idle));
    s("+ idling", cont("idling"));
    s("* 4 EXISTS", untagged(UntaggedResponse::Exists(4)));
    done(b"DONE\r\n");
    s("A002 OK IDLE terminated", ok("A002", "IDLE terminated"));
}

/// RFC 2177 §3, the example (the RFC's bytes): the FETCH between the two IDLEs (`* 4 FETCH
/// (...)` is elided in the RFC and not tested).
#[test]
fn rfc2177_s3_fetch_4() {
    c("A003 FETCH 4 ALL", cmd("A003", fetch_all("4")));
    s("A003 OK FETCH completed", ok("A003", "FETCH completed"));
}

/// RFC 2177 §3, the example (the RFC's bytes): the second IDLE, with untagged responses
/// before and after the continuation request.
#[test]
fn rfc2177_s3_second_idle() {
    c("A004 IDLE", cmd("A004", CommandBody::Idle));
    s("* 2 EXPUNGE", untagged(UntaggedResponse::Expunge(nz(2))));
    s("* 3 EXISTS", untagged(UntaggedResponse::Exists(3)));
    s("+ idling", cont("idling"));
    s("* 3 EXPUNGE", untagged(UntaggedResponse::Expunge(nz(3))));
    s("* 2 EXISTS", untagged(UntaggedResponse::Exists(2)));
    s("* 3 EXISTS", untagged(UntaggedResponse::Exists(3)));
    done(b"DONE\r\n");
    s("A004 OK IDLE terminated", ok("A004", "IDLE terminated"));
}

/// RFC 2177 §3, the example (the RFC's bytes): the last FETCH and the third IDLE (`* 3 FETCH
/// (...)` is elided).
#[test]
fn rfc2177_s3_fetch_3_and_idle() {
    c("A005 FETCH 3 ALL", cmd("A005", fetch_all("3")));
    s("A005 OK FETCH completed", ok("A005", "FETCH completed"));
    c("A006 IDLE", cmd("A006", CommandBody::Idle));
}

/// RFC 2177 §4 `idle = "IDLE" CRLF "DONE"`: the client's bytes of the example's first IDLE in
/// one buffer frame as two messages, the command and the `DONE` line; `DONE` is not a command
/// (parse_command refuses it: no tag and command) and is matched in any case (ours: `done`).
#[test]
fn rfc2177_s4_idle_done_stream() {
    let config = ParseConfig::default();
    let buf = b"A002 IDLE\r\nDONE\r\n";
    let mut framer = Framer::new(&config);
    let Ok(Status::Complete(f)) = framer.next_frame(buf) else {
        panic!()
    };
    assert_eq!(f.len, 11);
    assert_eq!(parse_c(&buf[..f.len]).body, CommandBody::Idle);
    let rest = &buf[f.len..];
    let Ok(Status::Complete(f)) = framer.next_frame(rest) else {
        panic!()
    };
    assert_eq!(f.len, rest.len());
    assert_eq!(
        parse_idle_done(rest, &config),
        Ok(Status::Complete(((), 6)))
    );
    assert!(parse_command(rest, &config).is_err());
    assert_eq!(
        parse_idle_done(b"done\r\n", &config),
        Ok(Status::Complete(((), 6)))
    );
    assert!(parse_idle_done(b"DONE \r\n", &ParseConfig::strict()).is_err());
    assert!(parse_idle_done(b"DONX\r\n", &config).is_err());
}

// =============================================================================================
// RFC 3691 (UNSELECT)
// =============================================================================================

/// RFC 3691 §2, the example (the RFC's bytes).
#[test]
fn rfc3691_s2_unselect() {
    c("A341 UNSELECT", cmd("A341", CommandBody::Unselect));
    s(
        "A341 OK Unselect completed",
        ok("A341", "Unselect completed"),
    );
}

/// RFC 3691 §4 `command-select /= "UNSELECT"` (ours): no arguments, any case; the capability.
#[test]
fn rfc3691_s4_syntax() {
    c_val("a unselect", cmd("a", CommandBody::Unselect));
    c_err(b"a UNSELECT INBOX\r\n");
    s(
        "* CAPABILITY IMAP4rev1 UNSELECT",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::Unselect,
        ])),
    );
}

// =============================================================================================
// RFC 5161 (ENABLE)
// =============================================================================================

fn capability_5161() -> Response<'static> {
    untagged(UntaggedResponse::Capability(vec![
        Capability::Imap4rev1,
        Capability::Id,
        Capability::LiteralPlus,
        Capability::Enable,
        cap("X-GOOD-IDEA"),
    ]))
}

/// RFC 5161 §3.1, the first example (the RFC's bytes): CAPABILITY is the same before and after
/// ENABLE.
#[test]
fn rfc5161_s3_1_capability_unchanged() {
    c("t1 CAPABILITY", cmd("t1", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev1 ID LITERAL+ ENABLE X-GOOD-IDEA",
        capability_5161(),
    );
    s("t1 OK foo", ok("t1", "foo"));
    c(
        "t2 ENABLE CONDSTORE X-GOOD-IDEA",
        cmd(
            "t2",
            CommandBody::Enable {
                capabilities: v1(vec![Capability::CondStore, cap("X-GOOD-IDEA")]),
            },
        ),
    );
    s(
        "* ENABLED X-GOOD-IDEA",
        untagged(UntaggedResponse::Enabled(vec![cap("X-GOOD-IDEA")])),
    );
    s("t2 OK foo", ok("t2", "foo"));
    c("t3 CAPABILITY", cmd("t3", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev1 ID LITERAL+ ENABLE X-GOOD-IDEA",
        capability_5161(),
    );
    s("t3 OK foo again", ok("t3", "foo again"));
}

/// RFC 5161 §3.1, the second example (the RFC's bytes): enabling CONDSTORE.
#[test]
fn rfc5161_s3_1_enable_condstore() {
    c(
        "a1 ENABLE CONDSTORE",
        cmd(
            "a1",
            CommandBody::Enable {
                capabilities: v1(vec![Capability::CondStore]),
            },
        ),
    );
    s(
        "* ENABLED CONDSTORE",
        untagged(UntaggedResponse::Enabled(vec![Capability::CondStore])),
    );
    s(
        "a1 OK Conditional Store enabled",
        ok("a1", "Conditional Store enabled"),
    );
}

/// RFC 5161 §3.2 and §4 (ours): `enable-data = "ENABLED" *(SP capability)` may list nothing
/// ("The ENABLED response may contain no capabilities"); `"ENABLE" 1*(SP capability)` needs
/// at least one argument (§3.1: "BAD: No arguments").
#[test]
fn rfc5161_s4_syntax() {
    s("* ENABLED", untagged(UntaggedResponse::Enabled(vec![])));
    c_err(b"a ENABLE\r\n");
}

// =============================================================================================
// RFC 4959 (SASL-IR)
// =============================================================================================

fn plain_response() -> mail_sasl::Response {
    mail_sasl::Response::new(b"test\0test\0test".to_vec())
}

fn authenticate(
    t: &'static str,
    mechanism: &'static str,
    ir: Option<mail_sasl::Response>,
) -> Command<'static> {
    cmd(
        t,
        CommandBody::Authenticate {
            mechanism: atom(mechanism),
            initial_response: ir,
        },
    )
}

/// RFC 4959 §4, the first example (the RFC's bytes): PLAIN with an initial response.
#[test]
fn rfc4959_s4_plain_initial_response() {
    c("C01 CAPABILITY", cmd("C01", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::SaslIr,
            Capability::Auth(atom("PLAIN")),
        ])),
    );
    s("C01 OK Completed", ok("C01", "Completed"));
    c(
        "A01 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=",
        authenticate("A01", "PLAIN", Some(plain_response())),
    );
    s(
        "A01 OK Success (tls protection)",
        ok("A01", "Success (tls protection)"),
    );
}

/// RFC 4959 §4, the second example (the RFC's bytes): PLAIN without an initial response. The
/// RFC notes "there is a space following the "+"": the line is `+ ` (RFC 3501 `"+" SP base64`
/// with an empty base64, RFC 9051 `"+" SP resp-text` with an empty text).
#[test]
fn rfc4959_s4_plain_without_initial_response() {
    c("A01 AUTHENTICATE PLAIN", authenticate("A01", "PLAIN", None));
    s("+ ", cont(""));
    auth_data(
        b"dGVzdAB0ZXN0AHRlc3Q=\r\n",
        &ClientMessage::Response(plain_response()),
    );
    s(
        "A01 OK Success (tls protection)",
        ok("A01", "Success (tls protection)"),
    );
}

/// RFC 4959 §4, the third example (the RFC's bytes): EXTERNAL with an empty initial response
/// (`=`).
#[test]
fn rfc4959_s4_external_empty_initial_response() {
    c("C01 CAPABILITY", cmd("C01", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=EXTERNAL",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::SaslIr,
            Capability::Auth(atom("PLAIN")),
            Capability::Auth(atom("EXTERNAL")),
        ])),
    );
    s("C01 OK Completed", ok("C01", "Completed"));
    c(
        "A01 AUTHENTICATE EXTERNAL =",
        authenticate("A01", "EXTERNAL", Some(mail_sasl::Response::empty())),
    );
    s(
        "A01 OK Success (tls protection)",
        ok("A01", "Success (tls protection)"),
    );
}

/// RFC 4959 §4, the fourth example (the RFC's bytes): EXTERNAL without an initial response;
/// the server sends `+ ` (with the space, as the RFC notes) and the client an empty line
/// (`C:` followed by nothing).
#[test]
fn rfc4959_s4_external_without_initial_response() {
    c(
        "A01 AUTHENTICATE EXTERNAL",
        authenticate("A01", "EXTERNAL", None),
    );
    s("+ ", cont(""));
    auth_data(
        b"\r\n",
        &ClientMessage::Response(mail_sasl::Response::empty()),
    );
    s(
        "A01 OK Success (tls protection)",
        ok("A01", "Success (tls protection)"),
    );
}

/// RFC 4959 §3 (ours): the RFC's own bad initial responses, `=AAA` and `AAA=BBB` ("are not
/// allowed"), are refused, as is a quoted initial response ("MUST be transmitted outside of a
/// quoted string or literal"); the cancel line `*` is not an initial response.
#[test]
fn rfc4959_s3_bad_initial_responses() {
    c_err(b"A01 AUTHENTICATE PLAIN =AAA\r\n");
    c_err(b"A01 AUTHENTICATE PLAIN AAA=BBB\r\n");
    c_err(b"A01 AUTHENTICATE PLAIN \"dGVzdAB0ZXN0AHRlc3Q=\"\r\n");
    auth_data(b"*\r\n", &ClientMessage::Cancel);
    assert!(parse_authenticate_data(b"=AAA\r\n", &ParseConfig::default()).is_err());
}

// =============================================================================================
// RFC 7888 (LITERAL+ / LITERAL-)
// =============================================================================================

fn fred_foobar(mode: LiteralMode) -> Command<'static> {
    let l = |s: &'static str| {
        AString::String(IString::Literal(
            Literal::new(s.as_bytes()).unwrap().with_mode(mode),
        ))
    };
    cmd("A001", login(l("FRED FOOBAR"), l("fat man")))
}

/// RFC 7888 §3, the first example (the RFC's bytes): LOGIN with two non-synchronizing
/// literals. Each line has its own `C:`, so the line breaks are CRLFs (§2: only lines under a
/// single label are joined). `{11+}` announces `FRED FOOBAR` (11 octets, right) and `{7+}`
/// `fat man` (7, right); the space after FOOBAR is the separator, after the literal.
#[test]
fn rfc7888_s3_login_non_sync() {
    let input = b"A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n";
    check_c(input, &fred_foobar(LiteralMode::NonSync), true);
    let c = parse_c(input);
    let CommandBody::Login { username, password } = &c.body else {
        panic!()
    };
    assert_eq!(username.as_bytes(), b"FRED FOOBAR");
    assert_eq!(password.0.as_bytes(), b"fat man");
    s("A001 OK LOGIN completed", ok("A001", "LOGIN completed"));
}

/// RFC 7888 §3, the second example (the RFC's bytes): the same LOGIN with quoted strings,
/// "semantically equivalent": the same user name and password bytes.
#[test]
fn rfc7888_s3_login_quoted() {
    c(
        "A001 LOGIN \"FRED FOOBAR\" \"fat man\"",
        cmd("A001", login(aq("FRED FOOBAR"), aq("fat man"))),
    );
    s("A001 OK LOGIN completed", ok("A001", "LOGIN completed"));
    let quoted = parse_c(b"A001 LOGIN \"FRED FOOBAR\" \"fat man\"\r\n");
    let literal = parse_c(b"A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n");
    let creds = |c: &Command<'_>| match &c.body {
        CommandBody::Login { username, password } => {
            (username.as_bytes().to_vec(), password.0.as_bytes().to_vec())
        }
        _ => panic!(),
    };
    assert_eq!(creds(&quoted), creds(&literal));
}

/// RFC 7888 §3: "The server does not generate a command continuation request in response to
/// a non-synchronizing literal": the framer, fed the first example as a client sends it, never
/// asks for `+`; the same command with synchronizing literals (ours: `{11}`, `{7}`) asks once
/// per literal, when the buffer ends just after the header, and not when the data already
/// follows (a client that did not wait).
#[test]
fn rfc7888_s3_framer_continuations() {
    let config = ParseConfig::default();
    let non_sync = b"A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n";
    let mut framer = Framer::new(&config);
    for i in 1..=non_sync.len() {
        let r = framer.next_frame(&non_sync[..i]).unwrap();
        assert_eq!(framer.take_continuation(), None, "at {i}");
        assert_eq!(matches!(r, Status::Complete(_)), i == non_sync.len());
    }

    let sync = b"A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n";
    let mut framer = Framer::new(&config);
    let mut asked = vec![];
    for i in 1..=sync.len() {
        let r = framer.next_frame(&sync[..i]).unwrap();
        if let Some(h) = framer.take_continuation() {
            asked.push((i, h.size, h.mode, h.binary, h.offset, h.data_start));
            assert_eq!(framer.take_continuation(), None);
        }
        match r {
            Status::Complete(f) => {
                assert_eq!(i, sync.len());
                assert_eq!(f.literals, 2);
            }
            Status::Incomplete(_) => assert!(i < sync.len()),
        }
    }
    assert_eq!(
        asked,
        [
            (17, 11, LiteralMode::Sync, false, 11, 17),
            (34, 7, LiteralMode::Sync, false, 29, 34),
        ]
    );
    // After the first header the framer waits for exactly the literal's octets.
    let mut framer = Framer::new(&config);
    assert_eq!(
        framer.next_frame(&sync[..17]),
        Ok(Status::Incomplete(Needed::AtLeast(11.try_into().unwrap())))
    );
    // The whole command at once: the client did not wait, nothing to ask.
    let mut framer = Framer::new(&config);
    assert!(matches!(framer.next_frame(sync), Ok(Status::Complete(_))));
    assert_eq!(framer.take_continuation(), None);
    // The synchronizing form parses to the same credentials.
    check_c(sync, &fred_foobar(LiteralMode::Sync), true);
}

/// RFC 7888 §3, §4, §5: the encoder applies the peer's policy to the first example's value:
/// without LITERAL+/LITERAL- both literals become synchronizing (and the client must wait for
/// `+` before each: [`Fragment::Literal`] with [`LiteralMode::Sync`]); with LITERAL+ or
/// LITERAL- (both literals are at most 4096 octets) they stay `{n+}`.
#[test]
fn rfc7888_encoder_policies() {
    let value = parse_c(b"A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n").into_owned();
    let encode = |policy| {
        let mut e = Encoder::with_options(EncodeOptions::new(policy, true));
        value.encode(&mut e);
        e
    };
    let e = encode(LiteralPolicy::Sync);
    assert_same_bytes(
        e.as_bytes(),
        b"A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n",
    );
    assert!(e.has_sync_literal());
    let frags: Vec<_> = e.fragments().collect();
    assert_eq!(
        frags,
        [
            Fragment::Line(b"A001 LOGIN {11}\r\n"),
            Fragment::Literal {
                data: b"FRED FOOBAR",
                mode: LiteralMode::Sync,
                binary: false
            },
            Fragment::Line(b" {7}\r\n"),
            Fragment::Literal {
                data: b"fat man",
                mode: LiteralMode::Sync,
                binary: false
            },
            Fragment::Line(b"\r\n"),
        ]
    );
    for policy in [
        LiteralPolicy::AsIs,
        LiteralPolicy::LiteralPlus,
        LiteralPolicy::LiteralMinus,
    ] {
        let e = encode(policy);
        assert_same_bytes(
            e.as_bytes(),
            b"A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n",
        );
        assert!(!e.has_sync_literal());
    }
}

/// RFC 7888 §5 (ours): under LITERAL- a non-synchronizing literal is at most 4096 octets.
/// The encoder writes 4096 octets as `{4096+}` and 4097 as `{4097}`; a server that announces
/// LITERAL- (`max_non_sync_literal_size` = [`LITERAL_MINUS_MAX`]) frames `{4096+}` and refuses
/// `{4097+}` at the header (then answers with TOOBIG, §5), while `{4097}` is accepted.
#[test]
fn rfc7888_s5_literal_minus_limit() {
    assert_eq!(LITERAL_MINUS_MAX, 4096);
    let append = |n: usize| {
        cmd(
            "A1",
            CommandBody::Append {
                mailbox: Mailbox::Inbox,
                messages: v1(vec![AppendMessage::new(
                    Literal::new(vec![b'x'; n]).unwrap(),
                )]),
            },
        )
    };
    let encode = |c: &Command<'_>| {
        let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::LiteralMinus, true));
        c.encode(&mut e);
        e.into_vec()
    };
    assert!(encode(&append(4096)).starts_with(b"A1 APPEND INBOX {4096+}\r\n"));
    assert!(encode(&append(4097)).starts_with(b"A1 APPEND INBOX {4097}\r\n"));

    let mut config = ParseConfig::default();
    config.max_non_sync_literal_size = LITERAL_MINUS_MAX;
    let mut framer = Framer::new(&config);
    assert!(matches!(
        framer.next_frame(b"A1 APPEND INBOX {4096+}\r\n"),
        Ok(Status::Incomplete(_))
    ));
    let mut framer = Framer::new(&config);
    assert_eq!(
        framer.next_frame(b"A1 APPEND INBOX {4097+}\r\n"),
        Err(ParseError::new(
            16,
            ParseErrorKind::LiteralTooLarge {
                size: 4097,
                limit: 4096,
                non_sync: true
            }
        ))
    );
    let mut framer = Framer::new(&config);
    assert!(matches!(
        framer.next_frame(b"A1 APPEND INBOX {4097}\r\n"),
        Ok(Status::Incomplete(_))
    ));
    assert!(framer.take_continuation().is_some());
}

/// RFC 7888 §8 `literal = "{" number ["+"] "}" CRLF *CHAR8` and §6 (`literal8` with `+`, ours):
/// a non-synchronizing `literal8` in APPEND (BINARY), with a NUL in the data.
#[test]
fn rfc7888_s6_literal8_non_sync() {
    let input = b"A1 APPEND INBOX ~{5+}\r\nab\0cd\r\n";
    let expected = cmd(
        "A1",
        CommandBody::Append {
            mailbox: Mailbox::Inbox,
            messages: v1(vec![AppendMessage::new(
                Literal::binary(&b"ab\0cd"[..]).with_mode(LiteralMode::NonSync),
            )]),
        },
    );
    check_c(input, &expected, true);
    let mut framer = Framer::new(&ParseConfig::default());
    assert!(matches!(
        framer.next_frame(&input[..23]),
        Ok(Status::Incomplete(_))
    ));
    assert_eq!(framer.take_continuation(), None);
}

// =============================================================================================
// RFC 7889 (APPENDLIMIT)
// =============================================================================================

/// RFC 7889 §2 (a), the example (the RFC's bytes): `APPENDLIMIT=<number>`.
#[test]
fn rfc7889_s2_capability_with_value() {
    c("t1 CAPABILITY", cmd("t1", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev1 ID APPENDLIMIT=257890",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::Id,
            Capability::AppendLimit(Some(atom("257890"))),
        ])),
    );
    s("t1 OK foo", ok("t1", "foo"));
}

/// RFC 7889 §2 (b), the example (the RFC's bytes): `APPENDLIMIT` without a value.
#[test]
fn rfc7889_s2_capability_without_value() {
    c("t1 CAPABILITY", cmd("t1", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev1 ID APPENDLIMIT",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::Id,
            Capability::AppendLimit(None),
        ])),
    );
    s("t1 OK foo", ok("t1", "foo"));
}

/// RFC 7889 §3.1, the example (the RFC's bytes): STATUS APPENDLIMIT.
#[test]
fn rfc7889_s3_1_status() {
    c(
        "t1 STATUS INBOX (APPENDLIMIT)",
        cmd(
            "t1",
            CommandBody::Status {
                mailbox: Mailbox::Inbox,
                items: v1(vec![StatusAttribute::AppendLimit]),
            },
        ),
    );
    s(
        "* STATUS INBOX (APPENDLIMIT 257890)",
        untagged(UntaggedResponse::MailboxStatus(MailboxStatus {
            mailbox: Mailbox::Inbox,
            items: vec![StatusValue::AppendLimit(Some(257890))],
        })),
    );
    s("t1 OK STATUS completed", ok("t1", "STATUS completed"));
}

/// RFC 7889 §3.2, the example (the RFC's bytes): LIST with the STATUS return option.
///
/// `* LIST () "."  "INBOX"` has two spaces between the delimiter and the name; RFC 3501's
/// `mailbox-list` (and RFC 5258's) has one SP there. The crate reads it under its default
/// `allow_extra_spaces` tolerance and refuses it with [`ParseConfig::strict`]; the encoder
/// writes one space (value round trip only). `"INBOX"` is quoted in the LIST and STATUS
/// responses; INBOX is [`Mailbox::Inbox`] and written unquoted (value round trip only).
#[test]
fn rfc7889_s3_2_list_status() {
    c(
        "t1 LIST \"\" % RETURN (STATUS (APPENDLIMIT))",
        cmd(
            "t1",
            CommandBody::List {
                selection: None,
                reference: mq(""),
                patterns: v1(vec![ListMailbox::token("%").unwrap()]),
                return_options: Some(vec![ListReturnOption::Status(v1(vec![
                    StatusAttribute::AppendLimit,
                ]))]),
            },
        ),
    );
    let list = untagged(UntaggedResponse::List(ListResponse {
        attributes: vec![],
        delimiter: Some(Delimiter::new(b'.').unwrap()),
        mailbox: Mailbox::Inbox,
        extended: vec![],
    }));
    s_val("* LIST () \".\"  \"INBOX\"", list.clone());
    assert_eq!(
        parse_r(b"* LIST () \".\"  \"INBOX\"\r\n").to_bytes(),
        b"* LIST () \".\" INBOX\r\n"
    );
    assert!(parse_response(b"* LIST () \".\"  \"INBOX\"\r\n", &ParseConfig::strict()).is_err());
    s_val(
        "* STATUS \"INBOX\" (APPENDLIMIT 257890)",
        untagged(UntaggedResponse::MailboxStatus(MailboxStatus {
            mailbox: Mailbox::Inbox,
            items: vec![StatusValue::AppendLimit(Some(257890))],
        })),
    );
    s("t1 OK List completed.", ok("t1", "List completed."));
}

/// RFC 7889 §5 (ours): `status-att-val =/ "APPENDLIMIT" SP (number / nil)` (NIL: no limit for
/// that mailbox, §3), `APPENDLIMIT=0` (no APPEND at all), and §4's TOOBIG in the tagged NO to
/// an APPEND over the limit.
#[test]
fn rfc7889_s5_syntax() {
    s(
        "* STATUS INBOX (APPENDLIMIT NIL)",
        untagged(UntaggedResponse::MailboxStatus(MailboxStatus {
            mailbox: Mailbox::Inbox,
            items: vec![StatusValue::AppendLimit(None)],
        })),
    );
    s(
        "* CAPABILITY IMAP4rev1 APPENDLIMIT=0",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::AppendLimit(Some(atom("0"))),
        ])),
    );
    s(
        "A1 NO [TOOBIG] Message too large",
        tagged(
            "A1",
            State::No,
            Some(ResponseCode::TooBig),
            "Message too large",
        ),
    );
}

// =============================================================================================
// RFC 4978 (COMPRESS)
// =============================================================================================

/// RFC 4978 §3, the first example (the RFC's bytes): a login sequence ending in COMPRESS.
///
/// The greeting `* OK [CAPABILITY IMAP4REV1 STARTTLS COMPRESS=DEFLATE]` has a code and no text
/// (and no space after `]`, which RFC 3501's `resp-text` requires, as does RFC 9051's); the
/// crate accepts it, also under [`ParseConfig::strict`]. `IMAP4REV1` is read as [`Capability::Imap4rev1`] and written in its
/// registered spelling, the lower-case commands are written in upper case: value round trips.
///
/// The RFC answers `C: c compress deflate` with `S: d OK DEFLATE active`: the tag `d` is not
/// the command's `c` (a typo in the RFC); the line itself is valid and tested as printed.
#[test]
fn rfc4978_s3_login_sequence() {
    s_val(
        "* OK [CAPABILITY IMAP4REV1 STARTTLS COMPRESS=DEFLATE]",
        ustatus(
            Condition::Ok,
            Some(ResponseCode::Capability(vec![
                Capability::Imap4rev1,
                Capability::StartTls,
                Capability::Compress(atom("DEFLATE")),
            ])),
            "",
        ),
    );
    assert!(
        parse_response(
            b"* OK [CAPABILITY IMAP4REV1 STARTTLS COMPRESS=DEFLATE]\r\n",
            &ParseConfig::strict()
        )
        .is_ok()
    );
    c_val("a starttls", cmd("a", CommandBody::StartTls));
    s("a OK TLS active", ok("a", "TLS active"));
    c_val("b login arnt tnra", cmd("b", login(aa("arnt"), aa("tnra"))));
    s("b OK Logged in as arnt", ok("b", "Logged in as arnt"));
    c_val(
        "c compress deflate",
        cmd(
            "c",
            CommandBody::Compress {
                algorithm: atom("deflate"),
            },
        ),
    );
    s("d OK DEFLATE active", ok("d", "DEFLATE active"));
}

/// RFC 4978 §3, the second example (the RFC's bytes): COMPRESS refused with
/// COMPRESSIONACTIVE (the greeting is the one of the first example; `[...]` is elided).
#[test]
fn rfc4978_s3_compression_active() {
    c_val(
        "c compress deflate",
        cmd(
            "c",
            CommandBody::Compress {
                algorithm: atom("deflate"),
            },
        ),
    );
    s(
        "c NO [COMPRESSIONACTIVE] DEFLATE active via TLS",
        tagged(
            "c",
            State::No,
            Some(ResponseCode::CompressionActive),
            "DEFLATE active via TLS",
        ),
    );
}

/// RFC 4978 §5 (ours): `compress = "COMPRESS" SP algorithm` in its canonical spelling, the
/// argument is required; `capability =/ "COMPRESS=" algorithm`.
#[test]
fn rfc4978_s5_syntax() {
    c(
        "A1 COMPRESS DEFLATE",
        cmd(
            "A1",
            CommandBody::Compress {
                algorithm: atom("DEFLATE"),
            },
        ),
    );
    c_err(b"A1 COMPRESS\r\n");
    s(
        "* CAPABILITY IMAP4rev1 COMPRESS=DEFLATE",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::Compress(atom("DEFLATE")),
        ])),
    );
}

// =============================================================================================
// RFC 8437 (UNAUTHENTICATE): the RFC has no protocol examples; these lines are ours.
// =============================================================================================

/// RFC 8437 §6 (ours): `command-auth =/ "UNAUTHENTICATE"`, `command-select =/
/// "UNAUTHENTICATE"`, `capability =/ "UNAUTHENTICATE"`; §3: no arguments, and the only results
/// are OK and BAD.
#[test]
fn rfc8437_s6_syntax() {
    c("a UNAUTHENTICATE", cmd("a", CommandBody::Unauthenticate));
    c_val("a unauthenticate", cmd("a", CommandBody::Unauthenticate));
    c_err(b"a UNAUTHENTICATE now\r\n");
    s(
        "* CAPABILITY IMAP4rev1 SASL-IR UNAUTHENTICATE",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev1,
            Capability::SaslIr,
            Capability::Unauthenticate,
        ])),
    );
    s(
        "a OK Completed, now in not authenticated state",
        ok("a", "Completed, now in not authenticated state"),
    );
}

/// RFC 8437 §3 (ours): "the client is permitted to pipeline the UNAUTHENTICATE command with a
/// subsequent AUTHENTICATE command" (with SASL-IR, one round trip): both commands in one
/// buffer frame and parse one after the other.
#[test]
fn rfc8437_s3_pipelined_authenticate() {
    let buf = b"a UNAUTHENTICATE\r\nb AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n";
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    let Ok(Status::Complete(f)) = framer.next_frame(buf) else {
        panic!()
    };
    assert_eq!(parse_c(&buf[..f.len]).body, CommandBody::Unauthenticate);
    let rest = &buf[f.len..];
    let Ok(Status::Complete(f)) = framer.next_frame(rest) else {
        panic!()
    };
    assert_eq!(f.len, rest.len());
    assert_eq!(
        parse_c(rest),
        authenticate("b", "PLAIN", Some(plain_response()))
    );
}

// =============================================================================================
// RFC 5530 (response codes)
// =============================================================================================

const EXPERIMENT_IV: &str = "/archive/projects/experiment-iv";

fn fred_foo() -> CommandBody<'static> {
    login(aq("fred"), aq("foo"))
}

fn no(t: &'static str, code: ResponseCode<'static>, s: &'static str) -> Response<'static> {
    tagged(t, State::No, Some(code), s)
}

fn ok_code(t: &'static str, code: ResponseCode<'static>, s: &'static str) -> Response<'static> {
    tagged(t, State::Ok, Some(code), s)
}

/// RFC 5530 §3 UNAVAILABLE, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_unavailable() {
    c("a LOGIN \"fred\" \"foo\"", cmd("a", fred_foo()));
    s(
        "a NO [UNAVAILABLE] User's backend down for maintenance",
        no(
            "a",
            ResponseCode::Unavailable,
            "User's backend down for maintenance",
        ),
    );
}

/// RFC 5530 §3 AUTHENTICATIONFAILED, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_authenticationfailed() {
    c("b LOGIN \"fred\" \"foo\"", cmd("b", fred_foo()));
    s(
        "b NO [AUTHENTICATIONFAILED] Authentication failed",
        no(
            "b",
            ResponseCode::AuthenticationFailed,
            "Authentication failed",
        ),
    );
}

/// RFC 5530 §3 AUTHORIZATIONFAILED, both examples (the RFC's bytes; the SASL exchange is
/// elided, `[...]`).
#[test]
fn rfc5530_s3_authorizationfailed() {
    c("c1 AUTHENTICATE PLAIN", authenticate("c1", "PLAIN", None));
    s(
        "c1 NO [AUTHORIZATIONFAILED] No such authorization-ID",
        no(
            "c1",
            ResponseCode::AuthorizationFailed,
            "No such authorization-ID",
        ),
    );
    c("c2 AUTHENTICATE PLAIN", authenticate("c2", "PLAIN", None));
    s(
        "c2 NO [AUTHORIZATIONFAILED] Authenticator is not an admin",
        no(
            "c2",
            ResponseCode::AuthorizationFailed,
            "Authenticator is not an admin",
        ),
    );
}

/// RFC 5530 §3 EXPIRED, the example (the RFC's bytes; `login` in lower case: value round
/// trip).
#[test]
fn rfc5530_s3_expired() {
    c_val("d login \"fred\" \"foo\"", cmd("d", fred_foo()));
    s(
        "d NO [EXPIRED] That password isn't valid any more",
        no(
            "d",
            ResponseCode::Expired,
            "That password isn't valid any more",
        ),
    );
}

/// RFC 5530 §3 PRIVACYREQUIRED, both examples (the RFC's bytes; lower-case commands: value
/// round trips; `inbox` is INBOX).
#[test]
fn rfc5530_s3_privacyrequired() {
    let refused = || {
        no(
            "d",
            ResponseCode::PrivacyRequired,
            "Connection offers no privacy",
        )
    };
    c_val("d login \"fred\" \"foo\"", cmd("d", fred_foo()));
    s(
        "d NO [PRIVACYREQUIRED] Connection offers no privacy",
        refused(),
    );
    c_val("d select inbox", cmd("d", select(Mailbox::Inbox)));
    s(
        "d NO [PRIVACYREQUIRED] Connection offers no privacy",
        refused(),
    );
}

/// RFC 5530 §3 CONTACTADMIN, the example (the RFC's bytes). `e OK [CONTACTADMIN]` has no text
/// and no space after `]` (RFC 3501 `resp-text` needs both, RFC 9051's needs the space); the
/// crate reads an empty text, also under [`ParseConfig::strict`], and writes the line back as
/// printed.
#[test]
fn rfc5530_s3_contactadmin() {
    c_val("e login \"fred\" \"foo\"", cmd("e", fred_foo()));
    s(
        "e OK [CONTACTADMIN]",
        ok_code("e", ResponseCode::ContactAdmin, ""),
    );
    assert!(parse_response(b"e OK [CONTACTADMIN]\r\n", &ParseConfig::strict()).is_ok());
}

/// RFC 5530 §3 NOPERM, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_noperm() {
    c_val(
        "f select \"/archive/projects/experiment-iv\"",
        cmd("f", select(mq(EXPERIMENT_IV))),
    );
    s(
        "f NO [NOPERM] Access denied",
        no("f", ResponseCode::NoPerm, "Access denied"),
    );
}

/// RFC 5530 §3 INUSE, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_inuse() {
    c_val(
        "g delete \"/archive/projects/experiment-iv\"",
        cmd(
            "g",
            CommandBody::Delete {
                mailbox: mq(EXPERIMENT_IV),
            },
        ),
    );
    s(
        "g NO [INUSE] Mailbox in use",
        no("g", ResponseCode::InUse, "Mailbox in use"),
    );
}

/// RFC 5530 §3 EXPUNGEISSUED, the example (the RFC's bytes): an OK with the code, after the
/// SEARCH results.
#[test]
fn rfc5530_s3_expungeissued() {
    c_val(
        "h search from fred@example.com",
        cmd(
            "h",
            CommandBody::Search {
                uid: false,
                return_options: None,
                charset: None,
                criteria: v1(vec![SearchKey::From(aa("fred@example.com"))]),
            },
        ),
    );
    s(
        "* SEARCH 1 2 3 5 8 13 21 42",
        untagged(UntaggedResponse::Search {
            ids: [1, 2, 3, 5, 8, 13, 21, 42].into_iter().map(nz).collect(),
            modseq: None,
        }),
    );
    s(
        "h OK [EXPUNGEISSUED] Search completed",
        ok_code("h", ResponseCode::ExpungeIssued, "Search completed"),
    );
}

/// RFC 5530 §3 CORRUPTION, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_corruption() {
    c_val(
        "i select \"/archive/projects/experiment-iv\"",
        cmd("i", select(mq(EXPERIMENT_IV))),
    );
    s(
        "i NO [CORRUPTION] Cannot open mailbox",
        no("i", ResponseCode::Corruption, "Cannot open mailbox"),
    );
}

/// RFC 5530 §3 SERVERBUG, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_serverbug() {
    c_val(
        "j select \"/archive/projects/experiment-iv\"",
        cmd("j", select(mq(EXPERIMENT_IV))),
    );
    s(
        "j NO [SERVERBUG] This should not happen",
        no("j", ResponseCode::ServerBug, "This should not happen"),
    );
}

/// RFC 5530 §3 CLIENTBUG, the example (the RFC's bytes; the responses between are elided):
/// STATUS of a mailbox that is selected, answered OK with CLIENTBUG.
#[test]
fn rfc5530_s3_clientbug() {
    c_val(
        "k1 select \"/archive/projects/experiment-iv\"",
        cmd("k1", select(mq(EXPERIMENT_IV))),
    );
    s(
        "k1 OK [READ-ONLY] Done",
        ok_code("k1", ResponseCode::ReadOnly, "Done"),
    );
    c_val(
        "k2 status \"/archive/projects/experiment-iv\" (messages)",
        cmd(
            "k2",
            CommandBody::Status {
                mailbox: mq(EXPERIMENT_IV),
                items: v1(vec![StatusAttribute::Messages]),
            },
        ),
    );
    s(
        "k2 OK [CLIENTBUG] Done",
        ok_code("k2", ResponseCode::ClientBug, "Done"),
    );
}

/// RFC 5530 §3 CANNOT, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_cannot() {
    c_val(
        "l create \"///////\"",
        cmd(
            "l",
            CommandBody::Create {
                mailbox: mq("///////"),
                parameters: vec![],
            },
        ),
    );
    s(
        "l NO [CANNOT] Adjacent slashes are not supported",
        no(
            "l",
            ResponseCode::Cannot,
            "Adjacent slashes are not supported",
        ),
    );
}

/// RFC 5530 §3 LIMIT, the example (the RFC's bytes). `f1 f2 f3 f4 f5 ... f250` abbreviates 250
/// flags, but as printed it is valid syntax on its own: `...` is an atom (`.` is an
/// ATOM-CHAR), so the line is a STORE of seven keywords, `f1` to `f5`, `...` and `f250`. The
/// line is tested as printed, and with the 250 flags written out.
#[test]
fn rfc5530_s3_limit() {
    let store = |names: Vec<String>| CommandBody::Store {
        uid: false,
        set: seq("42"),
        modifiers: vec![],
        action: StoreAction::Replace,
        silent: false,
        flags: StoreFlags::Bare(v1(names
            .into_iter()
            .map(|n| Flag::Keyword(Atom::new(n).unwrap()))
            .collect())),
    };
    let printed = ["f1", "f2", "f3", "f4", "f5", "...", "f250"];
    c(
        "m STORE 42 FLAGS f1 f2 f3 f4 f5 ... f250",
        cmd("m", store(printed.iter().map(|s| s.to_string()).collect())),
    );
    let all: Vec<String> = (1..=250).map(|i| format!("f{i}")).collect();
    let input = format!("m STORE 42 FLAGS {}", all.join(" "));
    check_c(&line(&input), &cmd("m", store(all)), true);
    s(
        "m NO [LIMIT] At most 32 flags in one mailbox supported",
        no(
            "m",
            ResponseCode::Limit,
            "At most 32 flags in one mailbox supported",
        ),
    );
}

/// RFC 5530 §3 OVERQUOTA, both examples (the RFC's bytes): NO, and OK with the code (over the
/// soft quota).
#[test]
fn rfc5530_s3_overquota() {
    let copy = || CommandBody::Copy {
        uid: true,
        set: seq("1:*"),
        mailbox: ma("oldmail"),
    };
    c_val("n1 uid copy 1:* oldmail", cmd("n1", copy()));
    s(
        "n1 NO [OVERQUOTA] Sorry",
        no("n1", ResponseCode::OverQuota, "Sorry"),
    );
    c_val("n2 uid copy 1:* oldmail", cmd("n2", copy()));
    s(
        "n2 OK [OVERQUOTA] You are now over your soft quota",
        ok_code(
            "n2",
            ResponseCode::OverQuota,
            "You are now over your soft quota",
        ),
    );
}

/// RFC 5530 §3 ALREADYEXISTS, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_alreadyexists() {
    c(
        "o RENAME this that",
        cmd(
            "o",
            CommandBody::Rename {
                from: ma("this"),
                to: ma("that"),
                parameters: vec![],
            },
        ),
    );
    s(
        "o NO [ALREADYEXISTS] Mailbox \"that\" already exists",
        no(
            "o",
            ResponseCode::AlreadyExists,
            "Mailbox \"that\" already exists",
        ),
    );
}

/// RFC 5530 §3 NONEXISTENT, the example (the RFC's bytes).
#[test]
fn rfc5530_s3_nonexistent() {
    c(
        "p RENAME this that",
        cmd(
            "p",
            CommandBody::Rename {
                from: ma("this"),
                to: ma("that"),
                parameters: vec![],
            },
        ),
    );
    s(
        "p NO [NONEXISTENT] No such mailbox",
        no("p", ResponseCode::NonExistent, "No such mailbox"),
    );
}

/// The 17 codes of RFC 5530 §4 `resp-text-code =/ ...`, in the order of the ABNF.
const RFC5530_CODES: [(&str, ResponseCode<'static>); 17] = [
    ("UNAVAILABLE", ResponseCode::Unavailable),
    ("AUTHENTICATIONFAILED", ResponseCode::AuthenticationFailed),
    ("AUTHORIZATIONFAILED", ResponseCode::AuthorizationFailed),
    ("EXPIRED", ResponseCode::Expired),
    ("PRIVACYREQUIRED", ResponseCode::PrivacyRequired),
    ("CONTACTADMIN", ResponseCode::ContactAdmin),
    ("NOPERM", ResponseCode::NoPerm),
    ("INUSE", ResponseCode::InUse),
    ("EXPUNGEISSUED", ResponseCode::ExpungeIssued),
    ("CORRUPTION", ResponseCode::Corruption),
    ("SERVERBUG", ResponseCode::ServerBug),
    ("CLIENTBUG", ResponseCode::ClientBug),
    ("CANNOT", ResponseCode::Cannot),
    ("LIMIT", ResponseCode::Limit),
    ("OVERQUOTA", ResponseCode::OverQuota),
    ("ALREADYEXISTS", ResponseCode::AlreadyExists),
    ("NONEXISTENT", ResponseCode::NonExistent),
];

/// RFC 5530 §4 (ours): every code of the ABNF in tagged OK/NO/BAD (§3: CLIENTBUG "can
/// accompany all of OK, NO, and BAD") and in untagged OK/NO/BAD/BYE/PREAUTH, with and without
/// text, typed, written back as sent; the names are case-insensitive (§4) and written in upper
/// case; each is its own [`ResponseCode::simple_name`].
#[test]
fn rfc5530_s4_every_code_everywhere() {
    let states = [("OK", State::Ok), ("NO", State::No), ("BAD", State::Bad)];
    let conditions = [
        ("OK", Condition::Ok),
        ("NO", Condition::No),
        ("BAD", Condition::Bad),
        ("BYE", Condition::Bye),
        ("PREAUTH", Condition::PreAuth),
    ];
    for (name, code) in RFC5530_CODES {
        assert_eq!(code.simple_name(), Some(name));
        assert_eq!(ResponseCode::from_simple_name(name), Some(code.clone()));
        for (word, state) in states {
            let input = line(&format!("A1 {word} [{name}] Some text"));
            let expected = Response::Tagged(TaggedResponse {
                tag: tag("A1"),
                state,
                text: rt(Some(code.clone()), "Some text"),
            });
            check_r(&input, &expected, true);
            let input = line(&format!("A1 {word} [{name}]"));
            let expected = Response::Tagged(TaggedResponse {
                tag: tag("A1"),
                state,
                text: rt(Some(code.clone()), ""),
            });
            check_r(&input, &expected, true);
        }
        for (word, condition) in conditions {
            let input = line(&format!("* {word} [{name}] Some text"));
            check_r(
                &input,
                &ustatus(condition, Some(code.clone()), "Some text"),
                true,
            );
        }
        let lower = line(&format!("A1 NO [{}] x", name.to_ascii_lowercase()));
        check_r(&lower, &no("A1", code.clone(), "x"), false);
    }
}

/// RFC 5530 §6 (ours): the codes of the IANA registry as the RFC lists it. Those without data
/// that the crate types are read as their variant; the others (names of extensions the crate
/// does not implement, whose data syntax is not in RFC 5530) are kept as
/// [`ResponseCode::Other`] with their name, here without data. Codes that carry data
/// (BADCHARSET, PERMANENTFLAGS, UIDNEXT, ...) are covered by their own RFCs' tests.
#[test]
fn rfc5530_s6_registry() {
    let typed = [
        ("ALERT", ResponseCode::Alert),
        ("PARSE", ResponseCode::Parse),
        ("READ-ONLY", ResponseCode::ReadOnly),
        ("READ-WRITE", ResponseCode::ReadWrite),
        ("TRYCREATE", ResponseCode::TryCreate),
        ("UNKNOWN-CTE", ResponseCode::UnknownCte),
        ("UIDNOTSTICKY", ResponseCode::UidNotSticky),
        ("TOOBIG", ResponseCode::TooBig),
        ("NOMODSEQ", ResponseCode::NoModSeq),
        ("COMPRESSIONACTIVE", ResponseCode::CompressionActive),
        ("CLOSED", ResponseCode::Closed),
        ("NOTSAVED", ResponseCode::NotSaved),
        ("NOTIFICATIONOVERFLOW", ResponseCode::NotificationOverflow),
        ("BADCHARSET", ResponseCode::BadCharset(vec![])),
    ];
    for (name, code) in typed {
        let input = line(&format!("A1 NO [{name}] x"));
        check_r(&input, &no("A1", code, "x"), true);
    }
    let other = [
        "NEWNAME",
        "REFERRAL",
        "URLMECH",
        "BADCOMPARATOR",
        "ANNOTATE",
        "ANNOTATIONS",
        "TEMPFAIL",
        "MAXCONVERTMESSAGES",
        "MAXCONVERTPARTS",
        "UNDEFINED-FILTER",
    ];
    for name in other {
        let input = line(&format!("A1 NO [{name}] x"));
        let code = ResponseCode::Other(OtherCode::new(Atom::new(name).unwrap(), None).unwrap());
        check_r(&input, &no("A1", code, "x"), true);
    }
}

// =============================================================================================
// RFC 4466 (collected extensions to the IMAP4 ABNF)
// =============================================================================================

/// A `select-param` the crate does not type (RFC 4466 §3), built with its constructor.
fn other_select(
    name: &'static str,
    value: Option<TaggedExtValue<'static>>,
) -> SelectParameter<'static> {
    SelectParameter::other(atom(name), value).unwrap()
}

/// RFC 4466 §2.1, the first example (the RFC's bytes): `a SELECT INBOX (ANNOTATE)`, a
/// `select-param` without value (§3 `select-param = select-param-name [SP
/// select-param-value]`), kept as [`SelectParameter::Other`].
#[test]
fn rfc4466_s2_1_select_annotate() {
    c(
        "a SELECT INBOX (ANNOTATE)",
        cmd(
            "a",
            CommandBody::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![other_select("ANNOTATE", None)],
            },
        ),
    );
}

/// RFC 4466 §2.1, the second example (the RFC's bytes; the command is wrapped for the page
/// width after `("UID Responses")`, joined here with one space): three parameters, `ANNOTATE`,
/// `RESPONSES ("UID Responses")` (a `tagged-ext-val` in parentheses) and `CONDSTORE` (typed).
#[test]
fn rfc4466_s2_1_examine_three_params() {
    c(
        "a EXAMINE INBOX (ANNOTATE RESPONSES (\"UID Responses\") CONDSTORE)",
        cmd(
            "a",
            CommandBody::Examine {
                mailbox: Mailbox::Inbox,
                parameters: vec![
                    other_select("ANNOTATE", None),
                    other_select(
                        "RESPONSES",
                        Some(TaggedExtValue::Comp(vec![TaggedExtComp::AString(
                            AString::String(IString::Quoted(quoted("UID Responses"))),
                        )])),
                    ),
                    SelectParameter::CondStore,
                ],
            },
        ),
    );
}

/// RFC 4466 §2.1, the third example (the RFC's bytes): a parameter the server does not
/// support. The line parses (the server machine answers it BAD unless the application lists
/// the name in `ServerConfig::extension_parameters`).
#[test]
fn rfc4466_s2_1_select_blurdybloop() {
    c(
        "a SELECT INBOX (BLURDYBLOOP)",
        cmd(
            "a",
            CommandBody::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![other_select("BLURDYBLOOP", None)],
            },
        ),
    );
}

/// RFC 4466 §2.1, the responses of the three examples (the RFC's bytes; `S: ...` is elided).
#[test]
fn rfc4466_s2_1_responses() {
    s("a OK SELECT complete", ok("a", "SELECT complete"));
    s("a OK EXAMINE complete", ok("a", "EXAMINE complete"));
    s(
        "a BAD Unknown parameter in SELECT command",
        tagged("a", State::Bad, None, "Unknown parameter in SELECT command"),
    );
}

/// RFC 4466 §3 `select-param` (ours): a parameter with a `tagged-ext-simple` value (a
/// sequence set, a number), a known name with a bad value (an error, not `Other`), and a
/// name that is not a `tagged-ext-label` (a leading digit; a lone string after the name).
#[test]
fn rfc4466_s2_1_generic_select_params() {
    c(
        "a SELECT INBOX (X-FOO 1:5 X_BAR:2 7 CONDSTORE)",
        cmd(
            "a",
            CommandBody::Select {
                mailbox: Mailbox::Inbox,
                parameters: vec![
                    other_select("X-FOO", Some(TaggedExtValue::SequenceSet(seq("1:5")))),
                    other_select("X_BAR:2", Some(TaggedExtValue::Number(7))),
                    SelectParameter::CondStore,
                ],
            },
        ),
    );
    c(
        "a EXAMINE INBOX (CONDSTORE)",
        cmd(
            "a",
            CommandBody::Examine {
                mailbox: Mailbox::Inbox,
                parameters: vec![SelectParameter::CondStore],
            },
        ),
    );
    // CONDSTORE takes no value: ` 5` is not a parameter name.
    assert_eq!(
        c_err(b"a SELECT INBOX (CONDSTORE 5)\r\n"),
        ParseError::new(26, ParseErrorKind::Expected("select parameter"))
    );
    // QRESYNC needs its list.
    assert_eq!(c_err(b"a SELECT INBOX (QRESYNC)\r\n").offset, 23);
    assert_eq!(
        c_err(b"a SELECT INBOX (1X)\r\n"),
        ParseError::new(16, ParseErrorKind::Expected("select parameter"))
    );
    assert_eq!(
        c_err(b"a SELECT INBOX (X \"str\")\r\n"),
        ParseError::new(18, ParseErrorKind::Expected("select parameter"))
    );
}

/// RFC 4466 §3 `create-params` and `rename-params` (ours; §2.2 and §2.3 define none and give
/// no example): CREATE's `USE` (RFC 6154) is typed, other parameters are kept.
#[test]
fn rfc4466_s3_create_rename_params() {
    c(
        "a CREATE foo (USE (\\Drafts))",
        cmd(
            "a",
            CommandBody::Create {
                mailbox: ma("foo"),
                parameters: vec![CreateParameter::Use(vec![MailboxAttribute::Drafts])],
            },
        ),
    );
    c(
        "a CREATE foo (X-FOO USE ())",
        cmd(
            "a",
            CommandBody::Create {
                mailbox: ma("foo"),
                parameters: vec![
                    CreateParameter::other(atom("X-FOO"), None).unwrap(),
                    CreateParameter::Use(vec![]),
                ],
            },
        ),
    );
    c(
        "a RENAME foo bar (X-FOO (1 (a)))",
        cmd(
            "a",
            CommandBody::Rename {
                from: ma("foo"),
                to: ma("bar"),
                parameters: vec![
                    RenameParameter::other(
                        atom("X-FOO"),
                        Some(TaggedExtValue::Comp(vec![
                            TaggedExtComp::AString(aa("1")),
                            TaggedExtComp::List(vec![TaggedExtComp::AString(aa("a"))]),
                        ])),
                    )
                    .unwrap(),
                ],
            },
        ),
    );
    // USE needs its list.
    assert_eq!(
        c_err(b"a CREATE foo (USE)\r\n"),
        ParseError::new(17, ParseErrorKind::Expected("SP"))
    );
    assert_eq!(
        c_err(b"a RENAME foo bar ()\r\n"),
        ParseError::new(17, ParseErrorKind::Expected("rename parameters"))
    );
}

/// RFC 4466 §3 `fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"` (ours; §2.4
/// defines none and gives no example): the modifiers of RFC 7162 parse and round trip,
/// several in one list, and other modifiers are kept.
#[test]
fn rfc4466_s3_fetch_modifiers() {
    c(
        "a FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: false,
                set: seq("1:*"),
                items: FetchItems::List(v1(vec![FetchAttribute::Flags])),
                modifiers: vec![FetchModifier::ChangedSince(12345)],
            },
        ),
    );
    c(
        "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: true,
                set: seq("1:*"),
                items: FetchItems::List(v1(vec![FetchAttribute::Flags])),
                modifiers: vec![FetchModifier::ChangedSince(1), FetchModifier::Vanished],
            },
        ),
    );
    c(
        "a FETCH 1 FLAGS (X-FOO VANISHED)",
        cmd(
            "a",
            CommandBody::Fetch {
                uid: false,
                set: seq("1"),
                items: FetchItems::Single(FetchAttribute::Flags),
                modifiers: vec![
                    FetchModifier::other(atom("X-FOO"), None).unwrap(),
                    FetchModifier::Vanished,
                ],
            },
        ),
    );
    // CHANGEDSINCE needs a number, not a list.
    assert_eq!(c_err(b"a FETCH 1 FLAGS (CHANGEDSINCE (1))\r\n").offset, 30);
}

/// RFC 4466 §3 `store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags` (ours;
/// §2.5 defines no modifier and gives no example): RFC 7162's UNCHANGEDSINCE parses and round
/// trips, other modifiers are kept.
#[test]
fn rfc4466_s3_store_modifiers() {
    c(
        "a STORE 1 (UNCHANGEDSINCE 5) +FLAGS (\\Seen)",
        cmd(
            "a",
            CommandBody::Store {
                uid: false,
                set: seq("1"),
                modifiers: vec![StoreModifier::UnchangedSince(5)],
                action: StoreAction::Add,
                silent: false,
                flags: StoreFlags::List(vec![Flag::Seen]),
            },
        ),
    );
    c(
        "a STORE 1 (X-FOO 5) +FLAGS (\\Seen)",
        cmd(
            "a",
            CommandBody::Store {
                uid: false,
                set: seq("1"),
                modifiers: vec![
                    StoreModifier::other(atom("X-FOO"), Some(TaggedExtValue::Number(5))).unwrap(),
                ],
                action: StoreAction::Add,
                silent: false,
                flags: StoreFlags::List(vec![Flag::Seen]),
            },
        ),
    );
    // UNCHANGEDSINCE needs its number.
    assert_eq!(
        c_err(b"a STORE 1 (UNCHANGEDSINCE) +FLAGS (\\Seen)\r\n").offset,
        25
    );
}

/// RFC 4466 §3 `search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP
/// search-return-opt)] ")"` and `search-program = ["CHARSET" SP charset SP] search-key ...`
/// with `charset = atom / quoted` (ours; §2.6.1 defines no option and gives no example): an
/// empty list is allowed; RFC 4731's options with an atom CHARSET; a quoted CHARSET; an unknown
/// option, with or without parameters, in the generic syntax (`search-return-opt =
/// search-modifier-name [SP search-mod-params]`).
#[test]
fn rfc4466_s3_search_return_opts() {
    let search = |return_options, charset| CommandBody::Search {
        uid: false,
        return_options,
        charset,
        criteria: v1(vec![SearchKey::All]),
    };
    c(
        "a SEARCH RETURN () ALL",
        cmd("a", search(Some(vec![]), None)),
    );
    c(
        "a SEARCH RETURN (MIN MAX COUNT ALL) CHARSET UTF-8 ALL",
        cmd(
            "a",
            search(
                Some(vec![
                    SearchReturnOption::Min,
                    SearchReturnOption::Max,
                    SearchReturnOption::Count,
                    SearchReturnOption::All,
                ]),
                Some(Charset::Atom(atom("UTF-8"))),
            ),
        ),
    );
    c(
        "a SEARCH CHARSET \"UTF-8\" ALL",
        cmd("a", search(None, Some(Charset::Quoted(quoted("UTF-8"))))),
    );
    // An unknown option, with or without parameters, is kept as `Other` (RFC 4466 §2.6.1's
    // generic syntax); the server machine answers it BAD unless the application lists it.
    c(
        "a SEARCH RETURN (X-FOO) ALL",
        cmd(
            "a",
            search(
                Some(vec![
                    SearchReturnOption::other(atom("X-FOO"), None).unwrap(),
                ]),
                None,
            ),
        ),
    );
    c(
        "a SEARCH RETURN (X-FOO (1 2)) ALL",
        cmd(
            "a",
            search(
                Some(vec![
                    SearchReturnOption::other(
                        atom("X-FOO"),
                        Some(TaggedExtValue::Comp(vec![
                            TaggedExtComp::AString(AString::Atom(AtomExt::new("1").unwrap())),
                            TaggedExtComp::AString(AString::Atom(AtomExt::new("2").unwrap())),
                        ])),
                    )
                    .unwrap(),
                ]),
                None,
            ),
        ),
    );
    assert_eq!(
        c_err(b"a SEARCH RETURN (X-FOO \"s\") ALL\r\n"),
        ParseError::new(23, ParseErrorKind::Expected("search return option"))
    );
}

fn esearch(
    t: Option<IString<'static>>,
    uid: bool,
    data: Vec<EsearchData<'static>>,
) -> Response<'static> {
    untagged(UntaggedResponse::Esearch(EsearchResponse {
        tag: t,
        uid,
        data,
    }))
}

/// RFC 4466 §2.6.2, the three examples (the RFC's bytes): ESEARCH with and without the search
/// correlator and the UID indicator.
#[test]
fn rfc4466_s2_6_2_esearch() {
    s(
        "* ESEARCH UID COUNT 5 ALL 4:19,21,28",
        esearch(
            None,
            true,
            vec![EsearchData::Count(5), EsearchData::All(seq("4:19,21,28"))],
        ),
    );
    s(
        "* ESEARCH (TAG \"a567\") UID COUNT 5 ALL 4:19,21,28",
        esearch(
            Some(IString::Quoted(quoted("a567"))),
            true,
            vec![EsearchData::Count(5), EsearchData::All(seq("4:19,21,28"))],
        ),
    );
    s(
        "* ESEARCH COUNT 5 ALL 1:17,21",
        esearch(
            None,
            false,
            vec![EsearchData::Count(5), EsearchData::All(seq("1:17,21"))],
        ),
    );
}

/// RFC 4466 §3 `esearch-response`, `search-return-data`, `tagged-ext-val` and
/// `tagged-ext-label` (ours): no return data at all (`*(SP search-return-data)`), with and
/// without the correlator; a `tag-string` sent as a literal (`tag-string = string`); unknown
/// return data with each form of `tagged-ext-val` (a number, a sequence set, a parenthesized
/// `tagged-ext-comp` with a nested list); a label using every `tagged-label-char` class
/// (`X.FOO_1:2`).
#[test]
fn rfc4466_s3_esearch_generic() {
    s("* ESEARCH", esearch(None, false, vec![]));
    s(
        "* ESEARCH (TAG \"a1\")",
        esearch(Some(IString::Quoted(quoted("a1"))), false, vec![]),
    );
    check_r(
        b"* ESEARCH (TAG {4}\r\na567) COUNT 5\r\n",
        &esearch(
            Some(IString::Literal(Literal::new(&b"a567"[..]).unwrap())),
            false,
            vec![EsearchData::Count(5)],
        ),
        true,
    );
    s(
        "* ESEARCH (TAG \"a1\") X-FOO 42 X-SET 1:5,7 X-LIST (a \"b c\" (d))",
        esearch(
            Some(IString::Quoted(quoted("a1"))),
            false,
            vec![
                EsearchData::Other {
                    name: atom("X-FOO"),
                    value: TaggedExtValue::Number(42),
                },
                EsearchData::Other {
                    name: atom("X-SET"),
                    value: TaggedExtValue::SequenceSet(seq("1:5,7")),
                },
                EsearchData::Other {
                    name: atom("X-LIST"),
                    value: TaggedExtValue::Comp(vec![
                        TaggedExtComp::AString(aa("a")),
                        TaggedExtComp::AString(aq("b c")),
                        TaggedExtComp::List(vec![TaggedExtComp::AString(aa("d"))]),
                    ]),
                },
            ],
        ),
    );
    s(
        "* ESEARCH X.FOO_1:2 7",
        esearch(
            None,
            false,
            vec![EsearchData::Other {
                name: atom("X.FOO_1:2"),
                value: TaggedExtValue::Number(7),
            }],
        ),
    );
}

/// RFC 4466 §3 `status-att-list = status-att-val *(SP status-att-val)` ("Extensions should use
/// the generic syntax defined by tagged-ext", ours): an unknown STATUS item with a number
/// after a known one.
#[test]
fn rfc4466_s3_status_att_val() {
    s(
        "* STATUS foo (MESSAGES 3 X-FOO 7)",
        untagged(UntaggedResponse::MailboxStatus(MailboxStatus {
            mailbox: ma("foo"),
            items: vec![
                StatusValue::Messages(3),
                StatusValue::Other(atom("X-FOO"), TaggedExtValue::Number(7)),
            ],
        })),
    );
}

/// RFC 4466 §3 `literal8 = "~{" number ["+"] "}" CRLF *OCTET` and `append-data = literal /
/// literal8 / append-data-ext` (ours): APPEND with a synchronizing and a non-synchronizing
/// `literal8` (the data holds NUL); the framer asks for `+` for `~{5}` only. The `+` form is
/// also tested with RFC 7888 ([`rfc7888_s6_literal8_non_sync`]).
#[test]
fn rfc4466_s3_literal8() {
    let append = |mode| {
        cmd(
            "A1",
            CommandBody::Append {
                mailbox: Mailbox::Inbox,
                messages: v1(vec![AppendMessage::new(
                    Literal::binary(&b"ab\0cd"[..]).with_mode(mode),
                )]),
            },
        )
    };
    for (input, mode) in [
        (
            &b"A1 APPEND INBOX ~{5}\r\nab\0cd\r\n"[..],
            LiteralMode::Sync,
        ),
        (b"A1 APPEND INBOX ~{5+}\r\nab\0cd\r\n", LiteralMode::NonSync),
    ] {
        check_c(input, &append(mode), true);
        let header_end = input.iter().position(|&b| b == b'\n').unwrap() + 1;
        let mut framer = Framer::new(&ParseConfig::default());
        assert_eq!(
            framer.next_frame(&input[..header_end]),
            Ok(Status::Incomplete(Needed::AtLeast(5.try_into().unwrap())))
        );
        let h = framer.take_continuation();
        assert_eq!(h.is_some(), mode == LiteralMode::Sync);
        if let Some(h) = h {
            assert!(h.binary);
            assert_eq!((h.offset, h.size), (16, 5));
        }
    }
    // A NUL in a plain literal is not CHAR8; the strict parser refuses it.
    assert!(parse_command(b"A1 APPEND INBOX {5}\r\nab\0cd\r\n", &ParseConfig::strict()).is_err());
}

/// RFC 4466 §3 `append-opts = [SP flag-list] [SP date-time] *(SP append-ext)` and
/// `append-data-ext = tagged-ext` (ours; no extension of RFC 4466 itself uses them): the crate
/// implements the known forms (literal, literal8, RFC 6855's UTF8, RFC 4469's CATENATE) and
/// refuses an unknown `append-ext` or `append-data-ext` with a parse error.
#[test]
fn rfc4466_s3_append_ext() {
    assert_eq!(
        c_err(b"a APPEND INBOX (\\Seen) X-EXT 5 {3}\r\nabc\r\n"),
        ParseError::new(23, ParseErrorKind::Expected("message literal"))
    );
    assert_eq!(
        c_err(b"a APPEND INBOX X-DATA (1 2)\r\n"),
        ParseError::new(15, ParseErrorKind::Expected("message literal"))
    );
}

// =============================================================================================
// RFC 9051 §8 (sample connection) and §7.6: the lines the existing tests do not cover
// =============================================================================================

/// RFC 9051 §8, the client's lines (the RFC's bytes; they are not among the existing command
/// tests). The AUTHENTICATE command is wrapped for the page width before its initial response
/// ("A long line in this sample is broken for editorial clarity"), joined with one space; the
/// client's SCRAM line is wrapped inside the base64 and joined without a space (base64 holds
/// none); `C:` with nothing after it is the empty client response. The lower-case commands are
/// written in upper case by the encoder (value round trips).
#[test]
fn rfc9051_s8_client_lines() {
    c_val("a000 starttls", cmd("a000", CommandBody::StartTls));
    c(
        "A001 AUTHENTICATE SCRAM-SHA-256 biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=",
        authenticate(
            "A001",
            "SCRAM-SHA-256",
            Some(mail_sasl::Response::new(
                b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO".to_vec(),
            )),
        ),
    );
    auth_data(
        b"Yz1iaXdzLHI9ck9wck5HZndFYmVSV2diTkVrcU8laHZZRHBXVWEyUmFUQ0FmdXhGSWxqKWhObEYkazAscD1kSHpiWmFwV0lrNGpVaE4rVXRlOXl0YWc5empmTUhnc3FtbWl6N0FuZFZRPQ==\r\n",
        &ClientMessage::Response(mail_sasl::Response::new(
            b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
                .to_vec(),
        )),
    );
    auth_data(
        b"\r\n",
        &ClientMessage::Response(mail_sasl::Response::empty()),
    );
    c(
        "babc ENABLE IMAP4rev2",
        cmd(
            "babc",
            CommandBody::Enable {
                capabilities: v1(vec![Capability::Imap4rev2]),
            },
        ),
    );
    c_val("a002 select inbox", cmd("a002", select(Mailbox::Inbox)));
    c_val(
        "a003 fetch 12 full",
        cmd(
            "a003",
            CommandBody::Fetch {
                uid: false,
                set: seq("12"),
                items: FetchItems::Full,
                modifiers: vec![],
            },
        ),
    );
    c_val(
        "a004 fetch 12 body[header]",
        cmd(
            "a004",
            CommandBody::Fetch {
                uid: false,
                set: seq("12"),
                items: FetchItems::Single(FetchAttribute::BodySection {
                    peek: false,
                    section: Section::new(None, Some(SectionText::Header)).unwrap(),
                    partial: None,
                }),
                modifiers: vec![],
            },
        ),
    );
    c_val(
        "a005 store 12 +flags \\deleted",
        cmd(
            "a005",
            CommandBody::Store {
                uid: false,
                set: seq("12"),
                modifiers: vec![],
                action: StoreAction::Add,
                silent: false,
                flags: StoreFlags::Bare(v1(vec![Flag::Deleted])),
            },
        ),
    );
    c_val("a006 logout", cmd("a006", CommandBody::Logout));
}

/// RFC 9051 §8, `S: a003 OK FETCH completed` (the RFC's bytes; the only server line of the
/// sample that the existing tests do not have).
#[test]
fn rfc9051_s8_fetch_completed() {
    s("a003 OK FETCH completed", ok("a003", "FETCH completed"));
}

/// RFC 9051 §7.6, the example (the RFC's bytes): LOGIN with two synchronizing literals, each
/// answered by a continuation request (each line has its own label: real CRLFs). The framer
/// asks for `+` after `{11}` and after `{7}`. `A044 BLURDYBLOOP {102856}` is an unknown
/// command ending in a literal header: the crate cannot delimit it and refuses it (a parse
/// error, on which the server answers BAD before the client sends the literal, as the RFC's
/// `A044 BAD No such command as "BLURDYBLOOP"` does); its responses are tested as printed.
#[test]
fn rfc9051_s7_6_continuation() {
    let input = b"A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n";
    check_c(input, &fred_foobar(LiteralMode::Sync), true);
    s(
        "+ Ready for additional command text",
        cont("Ready for additional command text"),
    );
    s("A001 OK LOGIN completed", ok("A001", "LOGIN completed"));
    let config = ParseConfig::default();
    let mut framer = Framer::new(&config);
    assert!(matches!(
        framer.next_frame(b"A044 BLURDYBLOOP {102856}\r\n"),
        Ok(Status::Incomplete(_))
    ));
    assert_eq!(framer.take_continuation().map(|h| h.size), Some(102856));
    assert!(parse_command(b"A044 BLURDYBLOOP {102856}\r\n", &config).is_err());
    s(
        "A044 BAD No such command as \"BLURDYBLOOP\"",
        tagged(
            "A044",
            State::Bad,
            None,
            "No such command as \"BLURDYBLOOP\"",
        ),
    );
}

/// RFC 9051 §6.1.1, the example (the RFC's bytes): the two client lines after the first
/// CAPABILITY, which the existing command tests do not have (`abcd CAPABILITY` is there). The
/// server's first CAPABILITY response is wrapped for the page width before `LOGINDISABLED`,
/// joined with one space.
#[test]
fn rfc9051_s6_1_1_capability_starttls() {
    s(
        "* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev2,
            Capability::StartTls,
            Capability::Auth(atom("GSSAPI")),
            Capability::LoginDisabled,
        ])),
    );
    c("efgh STARTTLS", cmd("efgh", CommandBody::StartTls));
    s(
        "efgh OK STARTTLS completed",
        ok("efgh", "STARTTLS completed"),
    );
    c("ijkl CAPABILITY", cmd("ijkl", CommandBody::Capability));
    s(
        "* CAPABILITY IMAP4rev2 AUTH=GSSAPI AUTH=PLAIN",
        untagged(UntaggedResponse::Capability(vec![
            Capability::Imap4rev2,
            Capability::Auth(atom("GSSAPI")),
            Capability::Auth(atom("PLAIN")),
        ])),
    );
    s(
        "ijkl OK CAPABILITY completed",
        ok("ijkl", "CAPABILITY completed"),
    );
}
