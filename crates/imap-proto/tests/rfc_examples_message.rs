//! The protocol examples of the message-handling IMAP extensions, taken verbatim from the RFC
//! texts (the IETF documents, as kept under `rfc/` in the public "jstedfast/MailKit"
//! repository): RFC 4469 (CATENATE), RFC 6855 (UTF8=ACCEPT), RFC 3516 (BINARY), RFC 4315
//! (UIDPLUS), RFC 6851 (MOVE), RFC 3502 (MULTIAPPEND), RFC 8970 (PREVIEW), RFC 8474
//! (OBJECTID), RFC 8514 (SAVEDATE), RFC 8438 (STATUS=SIZE) and RFC 7162 (CONDSTORE/QRESYNC).
//!
//! Each `C:` line is parsed with [`parse_command`], each `S:` line with [`parse_response`]: the
//! value is checked, encoding it gives the RFC's bytes back (where the RFC's spelling is the
//! canonical one; otherwise the value survives encode + parse), every proper prefix is
//! incomplete (never an error), and the [`Framer`] fed one byte at a time yields exactly one
//! frame. Lines the RFC wraps only for the page width are joined with one SP (said at each
//! place); literal counts are checked against the data, and where the RFC's count is off the
//! test says so and uses the right count.

use std::num::{NonZeroU32, NonZeroU64};

use imap_proto::encode::Encode;
use imap_proto::parse::{Framer, ParseConfig, Status, parse_command, parse_response};
use imap_proto::types::*;

// ---- helpers ---------------------------------------------------------------------------------

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

fn nz64(n: u64) -> NonZeroU64 {
    NonZeroU64::new(n).unwrap()
}

fn seq(s: &'static str) -> SequenceSet<'static> {
    SequenceSet::new(s).unwrap()
}

fn mb(s: &'static str) -> Mailbox<'static> {
    Mailbox::from_bytes(s.as_bytes()).unwrap()
}

fn atom(s: &'static str) -> Atom<'static> {
    Atom::new(s).unwrap()
}

fn quoted(s: &'static str) -> AString<'static> {
    AString::String(IString::Quoted(Quoted::new(s.as_bytes()).unwrap()))
}

fn lit(data: &[u8]) -> Literal<'_> {
    Literal::new(data).unwrap()
}

/// Every proper prefix of `input` is incomplete for `parse`; the framer fed one byte at a
/// time yields exactly one frame, the whole input.
fn stream_checks(input: &[u8], is_command: bool) {
    let config = ParseConfig::default();
    for end in 0..input.len() {
        let prefix = &input[..end];
        let outcome = if is_command {
            parse_command(prefix, &config).map(|s| format!("{s:?}"))
        } else {
            parse_response(prefix, &config).map(|s| format!("{s:?}"))
        };
        match outcome {
            Ok(s) if s.starts_with("Incomplete") => {}
            other => panic!("prefix {end} of {}: {other:?}", input.escape_ascii()),
        }
    }
    let mut framer = Framer::new(&config);
    let mut frames = 0;
    for end in 1..=input.len() {
        match framer.next_frame(&input[..end]) {
            Ok(Status::Incomplete(_)) => {}
            Ok(Status::Complete(f)) => {
                assert_eq!(f.len, end, "frame length in {}", input.escape_ascii());
                frames += 1;
            }
            Err(e) => panic!("framer at {end} of {}: {e:?}", input.escape_ascii()),
        }
    }
    assert_eq!(frames, 1, "frames in {}", input.escape_ascii());
}

fn parse_cmd(input: &[u8]) -> Command<'_> {
    match parse_command(input, &ParseConfig::default()) {
        Ok(Status::Complete((c, used))) => {
            assert_eq!(used, input.len(), "not all used: {}", input.escape_ascii());
            c
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
}

fn parse_resp(input: &[u8]) -> Response<'_> {
    match parse_response(input, &ParseConfig::default()) {
        Ok(Status::Complete((r, used))) => {
            assert_eq!(used, input.len(), "not all used: {}", input.escape_ascii());
            r
        }
        other => panic!("{}: {other:?}", input.escape_ascii()),
    }
}

/// A client line of the RFC: parsed, re-encoded (to the same bytes when `exact`), re-parsed
/// to the same value, streamed. Returns the value for the caller's checks.
fn command(input: &[u8], exact: bool) -> Command<'_> {
    let c = parse_cmd(input);
    let bytes = c.to_bytes();
    if exact {
        assert_eq!(
            bytes.escape_ascii().to_string(),
            input.escape_ascii().to_string(),
            "re-encoding differs"
        );
    }
    assert_eq!(parse_cmd(&bytes).into_owned(), c.clone().into_owned());
    stream_checks(input, true);
    c
}

/// A server line of the RFC: as [`command`].
fn response(input: &[u8], exact: bool) -> Response<'_> {
    let r = parse_resp(input);
    let bytes = r.to_bytes();
    if exact {
        assert_eq!(
            bytes.escape_ascii().to_string(),
            input.escape_ascii().to_string(),
            "re-encoding differs"
        );
    }
    assert_eq!(parse_resp(&bytes).into_owned(), r.clone().into_owned());
    stream_checks(input, false);
    r
}

fn cmd_is(input: &str, expected: CommandBody<'_>) {
    let c = command(input.as_bytes(), true);
    assert_eq!(c.body, expected, "{input}");
}

/// As [`cmd_is`], for a line whose spelling the encoder does not keep: the value survives
/// encode + parse.
fn cmd_value_is(input: &str, expected: CommandBody<'_>) {
    let c = command(input.as_bytes(), false);
    assert_eq!(c.body, expected, "{input}");
}

fn resp_is(input: &str, expected: Response<'_>) {
    let r = response(input.as_bytes(), true);
    assert_eq!(r, expected, "{input}");
}

/// As [`resp_is`], for a line whose spelling the encoder does not keep.
fn resp_value_is(input: &str, expected: Response<'_>) {
    let r = response(input.as_bytes(), false);
    assert_eq!(r, expected, "{input}");
}

fn text(s: &str) -> Text<'_> {
    Text::new(s.as_bytes()).unwrap()
}

fn tagged<'a>(
    tag: &'a str,
    state: State,
    code: Option<ResponseCode<'a>>,
    s: &'a str,
) -> Response<'a> {
    Response::Tagged(TaggedResponse {
        tag: Tag::new(tag).unwrap(),
        state,
        text: RespText::new(code, text(s)).unwrap(),
    })
}

fn untagged<'a>(condition: Condition, code: Option<ResponseCode<'a>>, s: &'a str) -> Response<'a> {
    Response::Untagged(UntaggedResponse::Status {
        condition,
        text: RespText::new(code, text(s)).unwrap(),
    })
}

fn ok<'a>(tag: &'a str, s: &'a str) -> Response<'a> {
    tagged(tag, State::Ok, None, s)
}

fn cont(s: &str) -> Response<'_> {
    Response::Continue(RespText::new(None, text(s)).unwrap())
}

fn untagged_data(d: UntaggedResponse<'_>) -> Response<'_> {
    Response::Untagged(d)
}

// ---- RFC 4469 (CATENATE), Appendix A ---------------------------------------------------------
//
// The RFC: "Lines not starting with "C: " or "S: " are continuations of the previous lines";
// they are joined with one SP. A `C:` line with nothing after it is an empty line (CRLF) of the
// literal; the line after a literal that starts with `C:  URL` (two spaces) continues the
// command after the literal with ` URL`.

const B07: &str = "\r\n--------------030308070208000400050907\r\n";
const E07: &str = "\r\n--------------030308070208000400050907--\r\n";
const B03: &str = "\r\n--------------030308070208000400050903\r\n";
const B04: &str = "\r\n--------------030308070208000400050904\r\n";
const E04: &str = "\r\n--------------030308070208000400050904--\r\n";

/// RFC 4469 Appendix A, example 2: the first TEXT literal (the RFC says `{738}`; the data is
/// 721 octets).
const CAT_EX2: &str = "Return-Path: <bar@example.org>\r\n\
Received: from [127.0.0.2]\r\n          by rufus.example.org via TCP (internal) with ESMTPA;\r\n          Thu, 11 Nov 2004 16:57:07 +0000\r\n\
Message-ID: <419399E1.6000505@example.org>\r\n\
Date: Thu, 12 Nov 2004 16:57:05 +0000\r\n\
From: Bob Ar <bar@example.org>\r\n\
X-Accept-Language: en-us, en\r\n\
MIME-Version: 1.0\r\n\
To: foo@example.net\r\n\
Subject: About our holiday trip\r\n\
Content-Type: multipart/mixed;\r\n              boundary=\"------------030308070208000400050907\"\r\n\
\r\n\
--------------030308070208000400050907\r\n\
Content-Type: text/plain; charset=us-ascii; format=flowed\r\n\
Content-Transfer-Encoding: 7bit\r\n\
\r\n\
Our travel agent has sent the updated schedule.\r\n\
\r\n\
Cheers,\r\n\
Bob\r\n\
--------------030308070208000400050907\r\n";

/// RFC 4469 Appendix A, example 3: the second TEXT literal (`{255}`, right).
const CAT_EX3: &str = "\r\n--------------030308070208000400050903\r\n\
Content-type: text/plain; charset=\"us-ascii\"\r\n\
Content-transfer-encoding: 7bit\r\n\
\r\n\
This body part contained a Power Point presentation that was\r\n\
deleted upon your request.\r\n\
--------------030308070208000400050903--\r\n";

/// RFC 4469 Appendix A, example 4: the first TEXT literal (the RFC says `{541}`; the data is
/// 540 octets).
const CAT_EX4: &str = "Return-Path: <foo@example.org>\r\n\
Received: from [127.0.0.2]\r\n          by rufus.example.org via TCP (internal) with ESMTPA;\r\n          Thu, 11 Nov 2004 16:57:07 +0000\r\n\
Message-ID: <419399E1.6000505@example.org>\r\n\
Date: Thu, 21 Nov 2004 16:57:05 +0000\r\n\
From: Farren Oo <foo@example.org>\r\n\
X-Accept-Language: en-us, en\r\n\
MIME-Version: 1.0\r\n\
To: bar@example.org\r\n\
Subject: Digest of the mailing list for today\r\n\
Content-Type: multipart/digest;\r\n              boundary=\"------------030308070208000400050904\"\r\n\
\r\n\
--------------030308070208000400050904\r\n";

fn cat_url(s: &'static str) -> CatenatePart<'static> {
    CatenatePart::Url(quoted(s))
}

fn cat_text(s: &'static str) -> CatenatePart<'static> {
    CatenatePart::Text(lit(s.as_bytes()))
}

fn append_catenate(
    mailbox: &'static str,
    flags: Vec<Flag<'static>>,
    parts: Vec<CatenatePart<'static>>,
) -> CommandBody<'static> {
    CommandBody::Append {
        mailbox: mb(mailbox),
        messages: Vec1::one(AppendMessage {
            flags: Some(flags),
            date: None,
            data: AppendData::Catenate(Vec1::new(parts).unwrap()),
        }),
    }
}

fn draft_flags() -> Vec<Flag<'static>> {
    vec![Flag::Seen, Flag::Draft, Flag::Keyword(atom("$MDNSent"))]
}

/// RFC 4469 Appendix A, example 1 (replacing an attachment): the RFC's bytes. The command is
/// wrapped by the RFC over three lines before the first literal (joined with SP); its three
/// literal counts (42, 42, 44) are right.
#[test]
fn rfc4469_example1_replace_attachment() {
    assert_eq!((B07.len(), E07.len()), (42, 44));
    let input = format!(
        "A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER\" TEXT {{42}}\r\n\
{B07} URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1.MIME\" URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1\" TEXT {{42}}\r\n\
{B07} URL \"/Drafts;UIDVALIDITY=385759045/;UID=30\" TEXT {{44}}\r\n\
{E07})\r\n"
    );
    cmd_is(
        &input,
        append_catenate(
            "Drafts",
            draft_flags(),
            vec![
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER"),
                cat_text(B07),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1.MIME"),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=1"),
                cat_text(B07),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=30"),
                cat_text(E07),
            ],
        ),
    );
    resp_is(
        "+ Ready for literal data\r\n",
        cont("Ready for literal data"),
    );
    resp_is(
        "A003 OK catenate append completed\r\n",
        ok("A003", "catenate append completed"),
    );
}

/// RFC 4469 Appendix A, example 2 (replacing edited text; APPENDUID of RFC 4315): the RFC's
/// bytes, except the first literal count: the RFC says `{738}` but its 23 lines are 721
/// octets. With `{738}` the literal would swallow 17 octets of the ` URL "/Drafts;...` that
/// follows and the command is an error; with `{721}` it is the RFC's command.
#[test]
fn rfc4469_example2_replace_text() {
    assert_eq!(CAT_EX2.len(), 721);
    let tail = format!(
        " URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;Section=2.MIME\" URL \"/Drafts;UIDVALIDITY=385759045/;UID=20/;Section=2\" TEXT {{44}}\r\n{E07})\r\n"
    );
    let head = "A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (TEXT ";
    let input = format!("{head}{{721}}\r\n{CAT_EX2}{tail}");
    cmd_is(
        &input,
        append_catenate(
            "Drafts",
            draft_flags(),
            vec![
                cat_text(CAT_EX2),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=20/;Section=2.MIME"),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=20/;Section=2"),
                cat_text(E07),
            ],
        ),
    );
    // The published count.
    let published = format!("{head}{{738}}\r\n{CAT_EX2}{tail}");
    assert!(
        parse_command(published.as_bytes(), &ParseConfig::default()).is_err(),
        "{{738}} should misframe"
    );
    resp_is(
        "+ Ready for literal data\r\n",
        cont("Ready for literal data"),
    );
    resp_is(
        "A003 OK [APPENDUID 385759045 45] append Completed\r\n",
        tagged(
            "A003",
            State::Ok,
            Some(ResponseCode::AppendUid {
                uid_validity: nz(385759045),
                uids: seq("45"),
            }),
            "append Completed",
        ),
    );
    cmd_is(
        "A004 UID STORE 20 +FLAGS.SILENT (\\Deleted)\r\n",
        CommandBody::Store {
            uid: true,
            set: seq("20"),
            modifiers: vec![],
            action: StoreAction::Add,
            silent: true,
            flags: StoreFlags::List(vec![Flag::Deleted]),
        },
    );
    resp_is("A004 OK STORE completed\r\n", ok("A004", "STORE completed"));
}

/// RFC 4469 Appendix A, example 3 (stripping an attachment): the RFC's bytes (wrapped over
/// three lines before the first literal, joined with SP); the counts `{42}` and `{255}` are
/// right.
#[test]
fn rfc4469_example3_strip_attachment() {
    assert_eq!((B03.len(), CAT_EX3.len()), (42, 255));
    let input = format!(
        "A003 APPEND Drafts (\\Seen \\Draft $MDNSent) CATENATE (URL \"/Drafts;UIDVALIDITY=385759045/;UID=21/;section=HEADER\" TEXT {{42}}\r\n\
{B03} URL \"/Drafts;UIDVALIDITY=385759045/;UID=21/;section=1.MIME\" URL \"/Drafts;UIDVALIDITY=385759045/;UID=21/;section=1\" TEXT {{255}}\r\n\
{CAT_EX3})\r\n"
    );
    cmd_is(
        &input,
        append_catenate(
            "Drafts",
            draft_flags(),
            vec![
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=21/;section=HEADER"),
                cat_text(B03),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=21/;section=1.MIME"),
                cat_url("/Drafts;UIDVALIDITY=385759045/;UID=21/;section=1"),
                cat_text(CAT_EX3),
            ],
        ),
    );
    resp_is(
        "+ Ready for literal data\r\n",
        cont("Ready for literal data"),
    );
    resp_is(
        "A003 OK append Completed\r\n",
        ok("A003", "append Completed"),
    );
}

/// RFC 4469 Appendix A, example 4 (a digest; BADURL): the RFC's bytes, except the first
/// literal count: the RFC says `{541}`, its 15 lines are 540 octets (with `{541}` the literal
/// takes the SP before `URL` and the command is an error). The second URL is wrapped by the
/// RFC before `TEXT {42}` (joined with SP).
#[test]
fn rfc4469_example4_digest_badurl() {
    assert_eq!((CAT_EX4.len(), B04.len(), E04.len()), (540, 42, 44));
    let head = "A003 APPEND Sent (\\Seen $MDNSent) CATENATE (TEXT ";
    let tail = format!(
        " URL \"/INBOX;UIDVALIDITY=785799047/;UID=11467\" TEXT {{42}}\r\n\
{B04} URL \"/INBOX;UIDVALIDITY=785799047/;UID=113330/;section=1.5.9\" TEXT {{42}}\r\n\
{B04} URL \"/INBOX;UIDVALIDITY=785799047/;UID=11916\" TEXT {{44}}\r\n\
{E04})\r\n"
    );
    let input = format!("{head}{{540}}\r\n{CAT_EX4}{tail}");
    cmd_is(
        &input,
        append_catenate(
            "Sent",
            vec![Flag::Seen, Flag::Keyword(atom("$MDNSent"))],
            vec![
                cat_text(CAT_EX4),
                cat_url("/INBOX;UIDVALIDITY=785799047/;UID=11467"),
                cat_text(B04),
                cat_url("/INBOX;UIDVALIDITY=785799047/;UID=113330/;section=1.5.9"),
                cat_text(B04),
                cat_url("/INBOX;UIDVALIDITY=785799047/;UID=11916"),
                cat_text(E04),
            ],
        ),
    );
    let published = format!("{head}{{541}}\r\n{CAT_EX4}{tail}");
    assert!(
        parse_command(published.as_bytes(), &ParseConfig::default()).is_err(),
        "{{541}} should misframe"
    );
    resp_is(
        "+ Ready for literal data\r\n",
        cont("Ready for literal data"),
    );
    // The NO is wrapped by the RFC inside the URL (`...UID=113330;` / `section=1.5.9"`); joined
    // here without a space, since the URL goes on. The published line keeps the URL in double
    // quotes, which `url-resp-text` (any TEXT-CHAR but "]") allows, so the quotes are part of
    // the BADURL text; verified erratum 4046 drops them (tested in tests/rfc_errata.rs). The
    // URL also differs from the command's (`UID=113330;section` vs `UID=113330/;section`).
    resp_is(
        "A003 NO [BADURL \"/INBOX;UIDVALIDITY=785799047/;UID=113330;section=1.5.9\"] CATENATE append has failed, one message expunged\r\n",
        tagged(
            "A003",
            State::No,
            Some(ResponseCode::BadUrl(
                UrlText::new("\"/INBOX;UIDVALIDITY=785799047/;UID=113330;section=1.5.9\"").unwrap(),
            )),
            "CATENATE append has failed, one message expunged",
        ),
    );
}

// ---- RFC 6855 (UTF8=ACCEPT), RFC 3516 (BINARY) -----------------------------------------------
//
// Neither RFC has a protocol example: RFC 6855 gives only ABNF (§3 `uQUOTED-CHAR`, §4
// `utf8-literal`), RFC 3516 only ABNF (§7) and prose. Their grammar is exercised in
// tests/command_examples.rs (`rfc6855_utf8_append`) and tests/response_examples.rs; nothing
// here.

// ---- RFC 4315 (UIDPLUS) ----------------------------------------------------------------------

fn exists(n: u32) -> Response<'static> {
    untagged_data(UntaggedResponse::Exists(n))
}

fn expunge(n: u32) -> Response<'static> {
    untagged_data(UntaggedResponse::Expunge(nz(n)))
}

/// RFC 4315 §2.1, the UID EXPUNGE example: the RFC's bytes.
#[test]
fn rfc4315_2_1_uid_expunge() {
    cmd_is(
        "A003 UID EXPUNGE 3000:3002\r\n",
        CommandBody::UidExpunge {
            set: seq("3000:3002"),
        },
    );
    for _ in 0..3 {
        resp_is("* 3 EXPUNGE\r\n", expunge(3));
    }
    resp_is(
        "A003 OK UID EXPUNGE completed\r\n",
        ok("A003", "UID EXPUNGE completed"),
    );
}

const MSG_4315: &str = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@example.com>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@example.com\r\n\
Message-Id: <B27397-0100000@example.com>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

/// RFC 4315 §3, the APPEND command of the example: the RFC's bytes (`{297}` is right; the
/// last `C:` line, empty, is the CRLF that ends the command). The RFC shows no continuation
/// request.
#[test]
fn rfc4315_3_append() {
    assert_eq!(MSG_4315.len(), 297);
    cmd_is(
        &format!("A003 APPEND saved-messages (\\Seen) {{297}}\r\n{MSG_4315}\r\n"),
        CommandBody::Append {
            mailbox: mb("saved-messages"),
            messages: Vec1::one(AppendMessage {
                flags: Some(vec![Flag::Seen]),
                date: None,
                data: AppendData::Literal(lit(MSG_4315.as_bytes())),
            }),
        },
    );
    resp_is(
        "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n",
        tagged(
            "A003",
            State::Ok,
            Some(ResponseCode::AppendUid {
                uid_validity: nz(38505),
                uids: seq("3955"),
            }),
            "APPEND completed",
        ),
    );
}

/// RFC 4315 §3, the COPY / UID COPY / SELECT part of the example: the RFC's bytes.
#[test]
fn rfc4315_3_copy_and_select() {
    cmd_is(
        "A004 COPY 2:4 meeting\r\n",
        CommandBody::Copy {
            uid: false,
            set: seq("2:4"),
            mailbox: mb("meeting"),
        },
    );
    resp_is(
        "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
        tagged(
            "A004",
            State::Ok,
            Some(ResponseCode::CopyUid {
                uid_validity: nz(38505),
                source: seq("304,319:320"),
                dest: seq("3956:3958"),
            }),
            "Done",
        ),
    );
    cmd_is(
        "A005 UID COPY 305:310 meeting\r\n",
        CommandBody::Copy {
            uid: true,
            set: seq("305:310"),
            mailbox: mb("meeting"),
        },
    );
    resp_is(
        "A005 OK No matching messages, so nothing copied\r\n",
        ok("A005", "No matching messages, so nothing copied"),
    );
    cmd_is(
        "A006 COPY 2 funny\r\n",
        CommandBody::Copy {
            uid: false,
            set: seq("2"),
            mailbox: mb("funny"),
        },
    );
    resp_is("A006 OK Done\r\n", ok("A006", "Done"));
    cmd_is(
        "A007 SELECT funny\r\n",
        CommandBody::Select {
            mailbox: mb("funny"),
            parameters: vec![],
        },
    );
    resp_is("* 1 EXISTS\r\n", exists(1));
    resp_is("* 1 RECENT\r\n", untagged_data(UntaggedResponse::Recent(1)));
    resp_is(
        "* OK [UNSEEN 1] Message 1 is first unseen\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::Unseen(nz(1))),
            "Message 1 is first unseen",
        ),
    );
    resp_is(
        "* OK [UIDVALIDITY 3857529045] Validity session-only\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(3857529045))),
            "Validity session-only",
        ),
    );
    resp_is(
        "* OK [UIDNEXT 2] Predicted next UID\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(2))),
            "Predicted next UID",
        ),
    );
    resp_is(
        "* NO [UIDNOTSTICKY] Non-persistent UIDs\r\n",
        untagged(
            Condition::No,
            Some(ResponseCode::UidNotSticky),
            "Non-persistent UIDs",
        ),
    );
    resp_is(
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
        untagged_data(UntaggedResponse::Flags(
            [
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft,
            ]
            .into_iter()
            .map(FlagFetch::Flag)
            .collect(),
        )),
    );
    resp_is(
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen)] Limited\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::PermanentFlags(vec![
                FlagPerm::Flag(Flag::Deleted),
                FlagPerm::Flag(Flag::Seen),
            ])),
            "Limited",
        ),
    );
    resp_is(
        "A007 OK [READ-WRITE] SELECT completed\r\n",
        tagged(
            "A007",
            State::Ok,
            Some(ResponseCode::ReadWrite),
            "SELECT completed",
        ),
    );
}

// ---- RFC 6851 (MOVE) -------------------------------------------------------------------------

/// RFC 6851 §3.3, the example: the RFC's bytes. `S: (more expunges)` stands for further
/// EXPUNGE lines and is no protocol line. The untagged OK has a COPYUID code and no text after
/// `]`: RFC 3501's `resp-text = ["[" resp-text-code "]" SP] text` with `text = 1*TEXT-CHAR`
/// wants `SP text`, so the RFC's own line does not match the base grammar (RFC 6851's ABNF
/// does not change `resp-text`); the crate takes it as the code with empty text.
#[test]
fn rfc6851_3_3_uid_move() {
    cmd_is(
        "a UID MOVE 42:69 foo\r\n",
        CommandBody::Move {
            uid: true,
            set: seq("42:69"),
            mailbox: mb("foo"),
        },
    );
    let r = response(b"* OK [COPYUID 432432 42:69 1202:1229]\r\n", true);
    let Response::Untagged(UntaggedResponse::Status {
        condition: Condition::Ok,
        text,
    }) = &r
    else {
        panic!("{r:?}")
    };
    assert_eq!(
        text.code(),
        Some(&ResponseCode::CopyUid {
            uid_validity: nz(432432),
            source: seq("42:69"),
            dest: seq("1202:1229"),
        })
    );
    assert!(text.text().as_bytes().is_empty());
    resp_is("* 22 EXPUNGE\r\n", expunge(22));
    resp_is("a OK Done\r\n", ok("a", "Done"));
}

// ---- RFC 3502 (MULTIAPPEND) ------------------------------------------------------------------

const MSG_3502_1: &str = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n\
From: Fred Foobar <foobar@Blurdybloop.example.COM>\r\n\
Subject: afternoon meeting\r\n\
To: mooch@owatagu.example.net\r\n\
Message-Id: <B27397-0100000@Blurdybloop.example.COM>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

const MSG_3502_2: &str = "Date: Mon, 7 Feb 1994 22:43:04 -0800 (PST)\r\n\
From: Joe Mooch <mooch@OWaTaGu.example.net>\r\n\
Subject: Re: afternoon meeting\r\n\
To: foobar@blurdybloop.example.com\r\n\
Message-Id: <a0434793874930@OWaTaGu.example.net>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n\
3:30 is fine with me.\r\n";

const MSG_3502_3: &str = "Date: Mon, 7 Feb 2000 22:43:04 -0800 (PST)\r\n\
From: Fred Foobar <fred@example.com>\r\n\
Subject: hmm...\r\n";

/// A command the server answers before its literal arrives: the whole input and every prefix
/// are incomplete, and the framer asks for a continuation of `size` octets.
fn cut_short(input: &str, size: u64) {
    let config = ParseConfig::default();
    let input = input.as_bytes();
    for end in 0..=input.len() {
        match parse_command(&input[..end], &config) {
            Ok(Status::Incomplete(_)) => {}
            other => panic!("prefix {end} of {}: {other:?}", input.escape_ascii()),
        }
    }
    let mut framer = Framer::new(&config);
    let mut asked = None;
    for end in 1..=input.len() {
        match framer.next_frame(&input[..end]) {
            Ok(Status::Incomplete(_)) => {}
            other => panic!("framer at {end} of {}: {other:?}", input.escape_ascii()),
        }
        if let Some(h) = framer.take_continuation() {
            asked = Some(h);
        }
    }
    let h = asked.expect("no continuation asked for");
    assert_eq!((h.size, h.mode, h.binary), (size, LiteralMode::Sync, false));
}

/// RFC 3502 §6.3.11, the first example (two messages in one APPEND): the RFC's bytes. The
/// second message starts on the line after the first literal with ` (\Seen)` (`C:  (\Seen)`);
/// the date is `date-day-fixed` with its leading space (`" 7-Feb-1994 ..."`, valid: `(SP
/// DIGIT) / 2DIGIT`), which the encoder writes as `07-Feb-1994`, so the value round trip only.
/// Counts `{329}` and `{295}` are right; the last `C:` line, empty, ends the command.
#[test]
fn rfc3502_multiappend() {
    assert_eq!((MSG_3502_1.len(), MSG_3502_2.len()), (329, 295));
    let input = format!(
        "A003 APPEND saved-messages (\\Seen) {{329}}\r\n{MSG_3502_1} (\\Seen) \" 7-Feb-1994 22:43:04 -0800\" {{295}}\r\n{MSG_3502_2}\r\n"
    );
    cmd_value_is(
        &input,
        CommandBody::Append {
            mailbox: mb("saved-messages"),
            messages: Vec1::new(vec![
                AppendMessage {
                    flags: Some(vec![Flag::Seen]),
                    date: None,
                    data: AppendData::Literal(lit(MSG_3502_1.as_bytes())),
                },
                AppendMessage {
                    flags: Some(vec![Flag::Seen]),
                    date: Some(
                        DateTime::new(Date::new(1994, 2, 7).unwrap(), 22, 43, 4, -8 * 60).unwrap(),
                    ),
                    data: AppendData::Literal(lit(MSG_3502_2.as_bytes())),
                },
            ])
            .unwrap(),
        },
    );
    resp_is(
        "+ Ready for literal data\r\n",
        cont("Ready for literal data"),
    );
    resp_is(
        "A003 OK APPEND completed\r\n",
        ok("A003", "APPEND completed"),
    );
}

/// RFC 3502 §6.3.11, the second and third examples: commands the server refuses before the
/// (next) literal, so they end after a literal header and stay incomplete. `{99}` of A005 is
/// right (three header lines); `{1023}` and `{35403}` are never sent.
#[test]
fn rfc3502_refused_appends() {
    cut_short("A004 APPEND bogusname (\\Flagged) {1023}\r\n", 1023);
    resp_is(
        "A004 NO [TRYCREATE] No such mailbox as bogusname\r\n",
        tagged(
            "A004",
            State::No,
            Some(ResponseCode::TryCreate),
            "No such mailbox as bogusname",
        ),
    );
    assert_eq!(MSG_3502_3.len(), 99);
    cut_short(
        &format!("A005 APPEND test (\\Flagged) {{99}}\r\n{MSG_3502_3} {{35403}}\r\n"),
        35403,
    );
    resp_is(
        "A005 NO APPEND failed: Disk quota exceeded\r\n",
        tagged(
            "A005",
            State::No,
            None,
            "APPEND failed: Disk quota exceeded",
        ),
    );
}

// ---- helpers for FETCH, SEARCH and STATUS ------------------------------------------------------

fn mbq(s: &'static str) -> Mailbox<'static> {
    Mailbox::new(quoted(s))
}

fn oid(s: &'static str) -> ObjectId<'static> {
    ObjectId::new(s).unwrap()
}

fn fetch_cmd(
    uid: bool,
    set: &'static str,
    items: Vec<FetchAttribute<'static>>,
) -> CommandBody<'static> {
    CommandBody::Fetch {
        uid,
        set: seq(set),
        items: FetchItems::List(Vec1::new(items).unwrap()),
        modifiers: vec![],
    }
}

fn fetch_resp(n: u32, items: Vec<FetchData<'static>>) -> Response<'static> {
    untagged_data(UntaggedResponse::Fetch { seq: nz(n), items })
}

fn nstr_q(s: &'static str) -> NString<'static> {
    NString(Some(IString::Quoted(Quoted::new(s.as_bytes()).unwrap())))
}

fn search_cmd(keys: Vec<SearchKey<'static>>) -> CommandBody<'static> {
    CommandBody::Search {
        uid: false,
        return_options: None,
        charset: None,
        criteria: Vec1::new(keys).unwrap(),
    }
}

fn search_resp(ids: &[u32]) -> Response<'static> {
    untagged_data(UntaggedResponse::Search {
        ids: ids.iter().map(|&n| nz(n)).collect(),
        modseq: None,
    })
}

fn status_resp(mailbox: Mailbox<'static>, items: Vec<StatusValue<'static>>) -> Response<'static> {
    untagged_data(UntaggedResponse::MailboxStatus(MailboxStatus {
        mailbox,
        items,
    }))
}

fn caps(list: &[&'static str]) -> Response<'static> {
    untagged_data(UntaggedResponse::Capability(
        list.iter()
            .map(|c| Capability::from_atom(atom(c)))
            .collect(),
    ))
}

/// An envelope with the date given and every other field NIL: stands for the RFC's elided
/// `("date" [...])`.
fn envelope_with_date(date: &'static str) -> String {
    format!("(\"{date}\" NIL NIL NIL NIL NIL NIL NIL NIL NIL)")
}

fn envelope_date(items: &[FetchData<'_>]) -> Vec<u8> {
    items
        .iter()
        .find_map(|i| match i {
            FetchData::Envelope(e) => Some(e.date.0.as_ref().unwrap().as_bytes().to_vec()),
            _ => None,
        })
        .expect("no ENVELOPE")
}

// ---- RFC 8970 (PREVIEW) ----------------------------------------------------------------------

/// RFC 8970 §3.2, the example: the RFC's bytes.
#[test]
fn rfc8970_3_2_preview() {
    cmd_is(
        "A1 FETCH 1 (PREVIEW)\r\n",
        fetch_cmd(false, "1", vec![FetchAttribute::Preview { lazy: false }]),
    );
    resp_is(
        "* 1 FETCH (PREVIEW \"Preview text!\")\r\n",
        fetch_resp(1, vec![FetchData::Preview(nstr_q("Preview text!"))]),
    );
    resp_is("A1 OK FETCH complete.\r\n", ok("A1", "FETCH complete."));
}

const PREVIEW_200: &str = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n\
Curabitur aliquam turpis et ante dictum, et pulvinar dui congue.\r\n\
Maecenas hendrerit, lorem non imperdiet pellentesque, nulla\r\n\
ligula nullam\r\n";

/// RFC 8970 §5, example 1: the RFC's bytes. Each line of the FETCH response has its own `S:`,
/// so the literal holds four CRLF-ended lines and `)` follows on the next line; `{200}` is
/// right. `[...a mailbox is SELECTed...]` is no protocol line.
#[test]
fn rfc8970_5_example1() {
    cmd_is("A1 CAPABILITY\r\n", CommandBody::Capability);
    resp_is(
        "* CAPABILITY IMAP4rev1 PREVIEW\r\n",
        caps(&["IMAP4rev1", "PREVIEW"]),
    );
    resp_is(
        "A1 OK Capability command completed.\r\n",
        ok("A1", "Capability command completed."),
    );
    cmd_is(
        "A2 FETCH 1 (RFC822.SIZE PREVIEW)\r\n",
        fetch_cmd(
            false,
            "1",
            vec![
                FetchAttribute::Rfc822Size,
                FetchAttribute::Preview { lazy: false },
            ],
        ),
    );
    assert_eq!(PREVIEW_200.len(), 200);
    resp_is(
        &format!("* 1 FETCH (RFC822.SIZE 5647 PREVIEW {{200}}\r\n{PREVIEW_200})\r\n"),
        fetch_resp(
            1,
            vec![
                FetchData::Rfc822Size(5647),
                FetchData::Preview(NString(Some(IString::Literal(lit(PREVIEW_200.as_bytes()))))),
            ],
        ),
    );
    resp_is("A2 OK FETCH complete.\r\n", ok("A2", "FETCH complete."));
}

/// RFC 8970 §5, example 2 (LAZY). The RFC wraps each untagged FETCH over two lines under one
/// `S:` (joined with SP, §2: "line breaks ... for editorial clarity only") and elides the
/// envelopes as `("date" [...])`: those four lines are not protocol lines as printed. Tested
/// with the elision filled by NIL for the nine other envelope fields; the PREVIEW parts are the
/// RFC's. The B2 exchange is the RFC's bytes (`{30}` is right).
#[test]
fn rfc8970_5_example2_lazy() {
    cmd_is(
        "B1 FETCH 1:4 (ENVELOPE PREVIEW (LAZY))\r\n",
        fetch_cmd(
            false,
            "1:4",
            vec![
                FetchAttribute::Envelope,
                FetchAttribute::Preview { lazy: true },
            ],
        ),
    );
    let lines = [
        (
            format!(
                "* 1 FETCH (ENVELOPE {} PREVIEW \"Preview text for message 1.\")\r\n",
                envelope_with_date("Wed, 23 Sep 2020 15:03:11 +0000")
            ),
            "Wed, 23 Sep 2020 15:03:11 +0000",
            nstr_q("Preview text for message 1."),
        ),
        (
            format!(
                "* 2 FETCH (PREVIEW \"\" ENVELOPE {})\r\n",
                envelope_with_date("Thu, 24 Sep 2020 12:17:23 +0000")
            ),
            "Thu, 24 Sep 2020 12:17:23 +0000",
            nstr_q(""),
        ),
        (
            format!(
                "* 3 FETCH (ENVELOPE {} PREVIEW NIL)\r\n",
                envelope_with_date("Fri, 25 Sep 2020 09:13:45 +0000")
            ),
            "Fri, 25 Sep 2020 09:13:45 +0000",
            NString(None),
        ),
        (
            format!(
                "* 4 FETCH (ENVELOPE {} PREVIEW NIL)\r\n",
                envelope_with_date("Sat, 26 Sep 2020 07:11:18 +0000")
            ),
            "Sat, 26 Sep 2020 07:11:18 +0000",
            NString(None),
        ),
    ];
    for (line, date, preview) in &lines {
        let r = response(line.as_bytes(), true);
        let Response::Untagged(UntaggedResponse::Fetch { items, .. }) = &r else {
            panic!("{r:?}")
        };
        assert_eq!(envelope_date(items), date.as_bytes());
        assert!(
            items.contains(&FetchData::Preview(preview.clone())),
            "{line}"
        );
    }
    resp_is("B1 OK FETCH completed.\r\n", ok("B1", "FETCH completed."));
    cmd_is(
        "B2 FETCH 3:4 (PREVIEW)\r\n",
        fetch_cmd(false, "3:4", vec![FetchAttribute::Preview { lazy: false }]),
    );
    resp_is(
        "* 3 FETCH (PREVIEW {30}\r\nMessage data from message 3.\r\n)\r\n",
        fetch_resp(
            3,
            vec![FetchData::Preview(NString(Some(IString::Literal(lit(
                b"Message data from message 3.\r\n",
            )))))],
        ),
    );
    resp_is(
        "* 4 FETCH (PREVIEW \"Message 4 preview\")\r\n",
        fetch_resp(4, vec![FetchData::Preview(nstr_q("Message 4 preview"))]),
    );
    resp_is("B2 OK Fetch completed.\r\n", ok("B2", "Fetch completed."));
}

/// RFC 8970 §5, example 3 (with SEARCHRES): the RFC's bytes.
#[test]
fn rfc8970_5_example3_searchres() {
    cmd_is("C1 CAPABILITY\r\n", CommandBody::Capability);
    resp_is(
        "* CAPABILITY IMAP4rev1 PREVIEW SEARCHRES\r\n",
        caps(&["IMAP4rev1", "PREVIEW", "SEARCHRES"]),
    );
    resp_is(
        "C1 OK Capability command completed.\r\n",
        ok("C1", "Capability command completed."),
    );
    cmd_is(
        "C2 SEARCH RETURN (SAVE) FROM \"FOO\"\r\n",
        CommandBody::Search {
            uid: false,
            return_options: Some(vec![SearchReturnOption::Save]),
            charset: None,
            criteria: Vec1::one(SearchKey::From(quoted("FOO"))),
        },
    );
    cmd_is(
        "C3 FETCH $ (UID PREVIEW (LAZY))\r\n",
        CommandBody::Fetch {
            uid: false,
            set: SequenceSet::saved(),
            items: FetchItems::List(
                Vec1::new(vec![
                    FetchAttribute::Uid,
                    FetchAttribute::Preview { lazy: true },
                ])
                .unwrap(),
            ),
            modifiers: vec![],
        },
    );
    resp_is("C2 OK SEARCH completed.\r\n", ok("C2", "SEARCH completed."));
    resp_is(
        "* 5 FETCH (UID 13 PREVIEW \"Preview!\")\r\n",
        fetch_resp(
            5,
            vec![
                FetchData::Uid(nz(13)),
                FetchData::Preview(nstr_q("Preview!")),
            ],
        ),
    );
    resp_is(
        "* 9 FETCH (UID 23 PREVIEW NIL)\r\n",
        fetch_resp(
            9,
            vec![FetchData::Uid(nz(23)), FetchData::Preview(NString(None))],
        ),
    );
    resp_is("C3 OK FETCH completed.\r\n", ok("C3", "FETCH completed."));
    cmd_is(
        "C4 UID FETCH 23 (PREVIEW)\r\n",
        fetch_cmd(true, "23", vec![FetchAttribute::Preview { lazy: false }]),
    );
    resp_is(
        "* 9 FETCH (UID 23 PREVIEW \"Another preview!\")\r\n",
        fetch_resp(
            9,
            vec![
                FetchData::Uid(nz(23)),
                FetchData::Preview(nstr_q("Another preview!")),
            ],
        ),
    );
    resp_is("C4 OK FETCH completed.\r\n", ok("C4", "FETCH completed."));
}

// ---- RFC 8474 (OBJECTID) ---------------------------------------------------------------------

fn ok_code<'a>(tag: &'a str, code: ResponseCode<'a>, s: &'a str) -> Response<'a> {
    tagged(tag, State::Ok, Some(code), s)
}

/// RFC 8474 §4.1, the CREATE example: the RFC's bytes. The commands are lower case
/// (`create`), which the encoder writes upper case: value round trip for them.
#[test]
fn rfc8474_4_1_create() {
    let create = |m| CommandBody::Create {
        mailbox: mb(m),
        parameters: vec![],
    };
    cmd_value_is("3 create foo\r\n", create("foo"));
    resp_is(
        "3 OK [MAILBOXID (F2212ea87-6097-4256-9d51-71338625)] Completed\r\n",
        ok_code(
            "3",
            ResponseCode::MailboxId(oid("F2212ea87-6097-4256-9d51-71338625")),
            "Completed",
        ),
    );
    cmd_value_is("4 create bar\r\n", create("bar"));
    resp_is(
        "4 OK [MAILBOXID (F6352ae03-b7f5-463c-896f-d8b48ee3)] Completed\r\n",
        ok_code(
            "4",
            ResponseCode::MailboxId(oid("F6352ae03-b7f5-463c-896f-d8b48ee3")),
            "Completed",
        ),
    );
    cmd_value_is("5 create foo\r\n", create("foo"));
    resp_is(
        "5 NO Mailbox already exists\r\n",
        tagged("5", State::No, None, "Mailbox already exists"),
    );
}

/// RFC 8474 §4.2, the SELECT example: the RFC's bytes (`[...]` lines are elisions, not
/// protocol lines; `select` is written upper case by the encoder).
#[test]
fn rfc8474_4_2_select() {
    cmd_value_is(
        "27 select \"foo\"\r\n",
        CommandBody::Select {
            mailbox: mbq("foo"),
            parameters: vec![],
        },
    );
    resp_is(
        "* OK [MAILBOXID (F2212ea87-6097-4256-9d51-71338625)] Ok\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::MailboxId(oid(
                "F2212ea87-6097-4256-9d51-71338625",
            ))),
            "Ok",
        ),
    );
    resp_is(
        "27 OK [READ-WRITE] Completed\r\n",
        ok_code("27", ResponseCode::ReadWrite, "Completed"),
    );
}

/// RFC 8474 §4.3, the STATUS examples and the LIST-STATUS one: the RFC's bytes (lower-case
/// commands: value round trip for those).
#[test]
fn rfc8474_4_3_status() {
    let status = |m| CommandBody::Status {
        mailbox: mb(m),
        items: Vec1::one(StatusAttribute::MailboxId),
    };
    let foo = "F2212ea87-6097-4256-9d51-71338625";
    let bar = "F6352ae03-b7f5-463c-896f-d8b48ee3";
    let mid = |m, id| status_resp(mb(m), vec![StatusValue::MailboxId(oid(id))]);
    cmd_value_is("6 status foo (mailboxid)\r\n", status("foo"));
    resp_is(
        "* STATUS foo (MAILBOXID (F2212ea87-6097-4256-9d51-71338625))\r\n",
        mid("foo", foo),
    );
    resp_is("6 OK Completed\r\n", ok("6", "Completed"));
    cmd_value_is("7 status bar (mailboxid)\r\n", status("bar"));
    resp_is(
        "* STATUS bar (MAILBOXID (F6352ae03-b7f5-463c-896f-d8b48ee3))\r\n",
        mid("bar", bar),
    );
    resp_is("7 OK Completed\r\n", ok("7", "Completed"));
    cmd_value_is(
        "8 rename foo renamed\r\n",
        CommandBody::Rename {
            from: mb("foo"),
            to: mb("renamed"),
            parameters: vec![],
        },
    );
    resp_is(
        "* OK rename foo renamed\r\n",
        untagged(Condition::Ok, None, "rename foo renamed"),
    );
    resp_is("8 OK Completed\r\n", ok("8", "Completed"));
    cmd_value_is("9 status renamed (mailboxid)\r\n", status("renamed"));
    resp_is(
        "* STATUS renamed (MAILBOXID (F2212ea87-6097-4256-9d51-71338625))\r\n",
        mid("renamed", foo),
    );
    resp_is("9 OK Completed\r\n", ok("9", "Completed"));
    cmd_value_is("10 status bar (mailboxid)\r\n", status("bar"));
    resp_is(
        "* STATUS bar (MAILBOXID (F6352ae03-b7f5-463c-896f-d8b48ee3))\r\n",
        mid("bar", bar),
    );
    resp_is("10 OK Completed\r\n", ok("10", "Completed"));

    // LIST-STATUS (RFC 5819).
    cmd_value_is(
        "11 list \"\" \"*\" return (status (mailboxid))\r\n",
        CommandBody::List {
            selection: None,
            reference: mbq(""),
            patterns: Vec1::one(ListMailbox::string(IString::Quoted(
                Quoted::new(&b"*"[..]).unwrap(),
            ))),
            return_options: Some(vec![ListReturnOption::Status(Vec1::one(
                StatusAttribute::MailboxId,
            ))]),
        },
    );
    let list = |m| {
        untagged_data(UntaggedResponse::List(ListResponse {
            attributes: vec![MailboxAttribute::HasNoChildren],
            delimiter: Some(Delimiter::new(b'.').unwrap()),
            mailbox: mb(m),
            extended: vec![],
        }))
    };
    resp_is("* LIST (\\HasNoChildren) \".\" INBOX\r\n", list("INBOX"));
    resp_is(
        "* STATUS INBOX (MAILBOXID (Ff8e3ead4-9389-4aff-adb1-d8d89efd8cbf))\r\n",
        mid("INBOX", "Ff8e3ead4-9389-4aff-adb1-d8d89efd8cbf"),
    );
    resp_is("* LIST (\\HasNoChildren) \".\" bar\r\n", list("bar"));
    resp_is(
        "* STATUS bar (MAILBOXID (F6352ae03-b7f5-463c-896f-d8b48ee3))\r\n",
        mid("bar", bar),
    );
    resp_is(
        "* LIST (\\HasNoChildren) \".\" renamed\r\n",
        list("renamed"),
    );
    resp_is(
        "* STATUS renamed (MAILBOXID (F2212ea87-6097-4256-9d51-71338625))\r\n",
        mid("renamed", foo),
    );
    resp_is(
        "11 OK Completed (0.001 secs 3 calls)\r\n",
        ok("11", "Completed (0.001 secs 3 calls)"),
    );
}

fn ids(email: &'static str, thread: Option<&'static str>) -> Vec<FetchData<'static>> {
    vec![
        FetchData::EmailId(oid(email)),
        FetchData::ThreadId(thread.map(oid)),
    ]
}

/// RFC 8474 §5.3, the APPEND / FETCH / MOVE example and the one without THREADID. The three
/// APPENDs elide their literal (`[...]`, three header lines shown): only the command line up to
/// the literal header is the RFC's; it stays incomplete and asks for a continuation of the
/// RFC's count. The rest is the RFC's bytes; `C: 25 select "foo"` is printed twice in the RFC
/// (a typo; tested once). Lower-case commands: value round trip.
#[test]
fn rfc8474_5_3_emailid_threadid() {
    cut_short(
        "5 append inbox \"20-Mar-2018 03:07:37 +1100\" {733}\r\n",
        733,
    );
    let appenduid = |t, n| {
        ok_code(
            t,
            ResponseCode::AppendUid {
                uid_validity: nz(1521475658),
                uids: seq(n),
            },
            "Completed",
        )
    };
    resp_is(
        "5 OK [APPENDUID 1521475658 1] Completed\r\n",
        appenduid("5", "1"),
    );
    cut_short(
        "11 append inbox \"20-Mar-2018 03:07:37 +1100\" {793}\r\n",
        793,
    );
    resp_is(
        "11 OK [APPENDUID 1521475658 2] Completed\r\n",
        appenduid("11", "2"),
    );
    cut_short(
        "17 append inbox \"20-Mar-2018 03:07:37 +1100\" {736}\r\n",
        736,
    );
    resp_is(
        "17 OK [APPENDUID 1521475658 3] Completed\r\n",
        appenduid("17", "3"),
    );
    let fetch_ids = fetch_cmd(
        false,
        "1:*",
        vec![FetchAttribute::EmailId, FetchAttribute::ThreadId],
    );
    cmd_value_is("22 fetch 1:* (emailid threadid)\r\n", fetch_ids.clone());
    resp_is(
        "* 1 FETCH (EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9))\r\n",
        fetch_resp(1, ids("M6d99ac3275bb4e", Some("T64b478a75b7ea9"))),
    );
    resp_is(
        "* 2 FETCH (EMAILID (M288836c4c7a762) THREADID (T64b478a75b7ea9))\r\n",
        fetch_resp(2, ids("M288836c4c7a762", Some("T64b478a75b7ea9"))),
    );
    resp_is(
        "* 3 FETCH (EMAILID (M5fdc09b49ea703) THREADID (T11863d02dd95b5))\r\n",
        fetch_resp(3, ids("M5fdc09b49ea703", Some("T11863d02dd95b5"))),
    );
    resp_is(
        "22 OK Completed (0.000 sec)\r\n",
        ok("22", "Completed (0.000 sec)"),
    );
    cmd_value_is(
        "23 move 2 foo\r\n",
        CommandBody::Move {
            uid: false,
            set: seq("2"),
            mailbox: mb("foo"),
        },
    );
    resp_is(
        "* OK [COPYUID 1521475659 2 1] Completed\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::CopyUid {
                uid_validity: nz(1521475659),
                source: seq("2"),
                dest: seq("1"),
            }),
            "Completed",
        ),
    );
    resp_is("* 2 EXPUNGE\r\n", expunge(2));
    resp_is("23 OK Completed\r\n", ok("23", "Completed"));
    cmd_value_is("24 fetch 1:* (emailid threadid)\r\n", fetch_ids.clone());
    resp_is(
        "* 1 FETCH (EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9))\r\n",
        fetch_resp(1, ids("M6d99ac3275bb4e", Some("T64b478a75b7ea9"))),
    );
    resp_is(
        "* 2 FETCH (EMAILID (M5fdc09b49ea703) THREADID (T11863d02dd95b5))\r\n",
        fetch_resp(2, ids("M5fdc09b49ea703", Some("T11863d02dd95b5"))),
    );
    resp_is(
        "24 OK Completed (0.000 sec)\r\n",
        ok("24", "Completed (0.000 sec)"),
    );
    cmd_value_is(
        "25 select \"foo\"\r\n",
        CommandBody::Select {
            mailbox: mbq("foo"),
            parameters: vec![],
        },
    );
    resp_is(
        "25 OK [READ-WRITE] Completed\r\n",
        ok_code("25", ResponseCode::ReadWrite, "Completed"),
    );
    cmd_value_is("26 fetch 1:* (emailid threadid)\r\n", fetch_ids.clone());
    resp_is(
        "* 1 FETCH (EMAILID (M288836c4c7a762) THREADID (T64b478a75b7ea9))\r\n",
        fetch_resp(1, ids("M288836c4c7a762", Some("T64b478a75b7ea9"))),
    );
    resp_is(
        "26 OK Completed (0.000 sec)\r\n",
        ok("26", "Completed (0.000 sec)"),
    );

    // "Example: (no THREADID support)".
    cmd_value_is("26 fetch 1:* (emailid threadid)\r\n", fetch_ids);
    resp_is(
        "* 1 FETCH (EMAILID (M00000001) THREADID NIL)\r\n",
        fetch_resp(1, ids("M00000001", None)),
    );
    resp_is(
        "* 2 FETCH (EMAILID (M00000002) THREADID NIL)\r\n",
        fetch_resp(2, ids("M00000002", None)),
    );
    resp_is(
        "26 OK Completed (0.000 sec)\r\n",
        ok("26", "Completed (0.000 sec)"),
    );
}

/// RFC 8474 §6, the SEARCH example: the RFC's bytes (lower case: value round trip).
#[test]
fn rfc8474_6_search() {
    cmd_value_is(
        "27 search emailid M6d99ac3275bb4e\r\n",
        search_cmd(vec![SearchKey::EmailId(oid("M6d99ac3275bb4e"))]),
    );
    resp_is("* SEARCH 1\r\n", search_resp(&[1]));
    resp_is(
        "27 OK Completed (1 msgs in 0.000 secs)\r\n",
        ok("27", "Completed (1 msgs in 0.000 secs)"),
    );
    cmd_value_is(
        "28 search threadid T64b478a75b7ea9\r\n",
        search_cmd(vec![SearchKey::ThreadId(oid("T64b478a75b7ea9"))]),
    );
    resp_is("* SEARCH 1 2\r\n", search_resp(&[1, 2]));
    resp_is(
        "28 OK Completed (2 msgs in 0.000 secs)\r\n",
        ok("28", "Completed (2 msgs in 0.000 secs)"),
    );
}

// ---- RFC 8514 (SAVEDATE) ---------------------------------------------------------------------

/// RFC 8514 §4.2, the FETCH example: the RFC's bytes.
#[test]
fn rfc8514_4_2_fetch_savedate() {
    cmd_is(
        "A101 FETCH 998 (SAVEDATE)\r\n",
        fetch_cmd(false, "998", vec![FetchAttribute::SaveDate]),
    );
    resp_is(
        "* 998 FETCH (SAVEDATE \"01-Jan-2015 18:50:53 +0100\")\r\n",
        fetch_resp(
            998,
            vec![FetchData::SaveDate(Some(
                DateTime::new(Date::new(2015, 1, 1).unwrap(), 18, 50, 53, 60).unwrap(),
            ))],
        ),
    );
    resp_is(
        "A101 OK Fetch completed.\r\n",
        ok("A101", "Fetch completed."),
    );
}

/// RFC 8514 §4.3, the SEARCH example: the RFC's bytes.
#[test]
fn rfc8514_4_3_search_saved() {
    let day = Date::new(2014, 12, 28).unwrap();
    cmd_is(
        "A102 SEARCH SAVEDON 28-Dec-2014\r\n",
        search_cmd(vec![SearchKey::SavedOn(day)]),
    );
    resp_is("* SEARCH 993 994\r\n", search_resp(&[993, 994]));
    resp_is(
        "A102 OK Search completed.\r\n",
        ok("A102", "Search completed."),
    );
    cmd_is(
        "A103 SEARCH SAVEDSINCE 28-Dec-2014\r\n",
        search_cmd(vec![SearchKey::SavedSince(day)]),
    );
    resp_is(
        "* SEARCH 993 994 995 996 997 998 999 1000 1001\r\n",
        search_resp(&[993, 994, 995, 996, 997, 998, 999, 1000, 1001]),
    );
    resp_is(
        "A103 OK Search completed.\r\n",
        ok("A103", "Search completed."),
    );
}

// ---- RFC 8438 (STATUS=SIZE) ------------------------------------------------------------------

/// RFC 8438 §3, the STATUS example: the RFC's bytes.
#[test]
fn rfc8438_3_status_size() {
    cmd_is(
        "A01 STATUS frop (MESSAGES SIZE UIDNEXT)\r\n",
        CommandBody::Status {
            mailbox: mb("frop"),
            items: Vec1::new(vec![
                StatusAttribute::Messages,
                StatusAttribute::Size,
                StatusAttribute::UidNext,
            ])
            .unwrap(),
        },
    );
    resp_is(
        "* STATUS frop (MESSAGES 8 SIZE 44421 UIDNEXT 242344)\r\n",
        status_resp(
            mb("frop"),
            vec![
                StatusValue::Messages(8),
                StatusValue::Size(44421),
                StatusValue::UidNext(nz(242344)),
            ],
        ),
    );
    resp_is("A01 OK STATUS completed\r\n", ok("A01", "STATUS completed"));
}

/// RFC 8438 §3, the SELECT + FETCH RFC822.SIZE equivalent: the RFC's bytes.
#[test]
fn rfc8438_3_select_and_fetch_sizes() {
    cmd_is(
        "A02 SELECT \"frop\"\r\n",
        CommandBody::Select {
            mailbox: mbq("frop"),
            parameters: vec![],
        },
    );
    resp_is(
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
        untagged_data(UntaggedResponse::Flags(
            [
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft,
            ]
            .into_iter()
            .map(FlagFetch::Flag)
            .collect(),
        )),
    );
    resp_is("* 8 EXISTS\r\n", exists(8));
    resp_is("* 1 RECENT\r\n", untagged_data(UntaggedResponse::Recent(1)));
    resp_is(
        "* OK [UNSEEN 7] First unseen.\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::Unseen(nz(7))),
            "First unseen.",
        ),
    );
    resp_is(
        "* OK [UIDVALIDITY 1364851417] UIDs valid\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(1364851417))),
            "UIDs valid",
        ),
    );
    resp_is(
        "* OK [UIDNEXT 242344] Predicted next UID\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(242344))),
            "Predicted next UID",
        ),
    );
    resp_is(
        "* OK [HIGHESTMODSEQ 3914] Highest\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::HighestModSeq(nz64(3914))),
            "Highest",
        ),
    );
    resp_is(
        "A02 OK [READ-WRITE] Select completed.\r\n",
        ok_code("A02", ResponseCode::ReadWrite, "Select completed."),
    );
    cmd_is(
        "A03 FETCH 1:* (RFC822.SIZE)\r\n",
        fetch_cmd(false, "1:*", vec![FetchAttribute::Rfc822Size]),
    );
    for (n, size) in [
        (1, 3224),
        (2, 1222),
        (3, 444),
        (4, 4516),
        (5, 544),
        (6, 922),
        (7, 31126),
        (8, 2423),
    ] {
        resp_is(
            &format!("* {n} FETCH (RFC822.SIZE {size})\r\n"),
            fetch_resp(n, vec![FetchData::Rfc822Size(size)]),
        );
    }
    resp_is("A03 OK Fetch completed.\r\n", ok("A03", "Fetch completed."));
}

/// RFC 8438 §3, the LIST-STATUS example: the RFC's bytes (`%` is a bare pattern).
#[test]
fn rfc8438_3_list_status() {
    cmd_is(
        "A04 LIST \"\" % RETURN (STATUS (MESSAGES SIZE))\r\n",
        CommandBody::List {
            selection: None,
            reference: mbq(""),
            patterns: Vec1::one(ListMailbox::token("%").unwrap()),
            return_options: Some(vec![ListReturnOption::Status(
                Vec1::new(vec![StatusAttribute::Messages, StatusAttribute::Size]).unwrap(),
            )]),
        },
    );
    let list = |m| {
        untagged_data(UntaggedResponse::List(ListResponse {
            attributes: vec![],
            delimiter: Some(Delimiter::new(b'.').unwrap()),
            mailbox: mbq(m),
            extended: vec![],
        }))
    };
    let sizes = |m, n, s| status_resp(mbq(m), vec![StatusValue::Messages(n), StatusValue::Size(s)]);
    // `"INBOX"` is written as the atom `INBOX` (the name is case-insensitive): value round trip.
    resp_value_is("* LIST () \".\" \"INBOX\"\r\n", list("INBOX"));
    resp_value_is(
        "* STATUS \"INBOX\" (MESSAGES 17 SIZE 16234)\r\n",
        sizes("INBOX", 17, 16234),
    );
    resp_is("* LIST () \".\" \"frop\"\r\n", list("frop"));
    resp_is(
        "* STATUS \"frop\" (MESSAGES 8 SIZE 44421)\r\n",
        sizes("frop", 8, 44421),
    );
    resp_is("A04 OK List completed.\r\n", ok("A04", "List completed."));
}

// ---- RFC 7162 (CONDSTORE / QRESYNC) ----------------------------------------------------------
//
// §2: "If a single "C:" or "S:" label applies to multiple lines, then the line breaks between
// those lines are for editorial clarity only": such lines are joined with one SP (where a break
// falls after a `,` inside a set, or inside a hyphenated word, with nothing; said at the place).
// `[...]`, `...` and `S: ...` mark elisions and are no protocol lines.

fn fl(names: &[&'static str]) -> Vec<FlagFetch<'static>> {
    names
        .iter()
        .map(|n| FlagFetch::Flag(Flag::new(n).unwrap()))
        .collect()
}

fn ms(n: u64) -> FetchData<'static> {
    FetchData::ModSeq(nz64(n))
}

fn uid(n: u32) -> FetchData<'static> {
    FetchData::Uid(nz(n))
}

fn flags(names: &[&'static str]) -> FetchData<'static> {
    FetchData::Flags(fl(names))
}

fn store(
    uid: bool,
    set: &'static str,
    unchanged_since: Option<u64>,
    action: StoreAction,
    silent: bool,
    names: &[&'static str],
) -> CommandBody<'static> {
    CommandBody::Store {
        uid,
        set: seq(set),
        modifiers: unchanged_since
            .map(imap_proto::types::StoreModifier::UnchangedSince)
            .into_iter()
            .collect(),
        action,
        silent,
        flags: StoreFlags::List(names.iter().map(|n| Flag::new(n).unwrap()).collect()),
    }
}

fn code_only<'a>(condition: Condition, code: ResponseCode<'a>) -> Response<'a> {
    untagged(condition, Some(code), "")
}

fn hms(n: u64) -> ResponseCode<'static> {
    ResponseCode::HighestModSeq(nz64(n))
}

fn modified(set: &'static str) -> ResponseCode<'static> {
    ResponseCode::Modified(seq(set))
}

fn vanished(earlier: bool, uids: &'static str) -> Response<'static> {
    untagged_data(UntaggedResponse::Vanished {
        earlier,
        uids: seq(uids),
    })
}

fn select(
    mailbox: &'static str,
    parameters: Vec<SelectParameter<'static>>,
) -> CommandBody<'static> {
    CommandBody::Select {
        mailbox: mb(mailbox),
        parameters,
    }
}

fn qresync(
    uid_validity: u32,
    mod_seq: u64,
    known_uids: Option<&'static str>,
    seq_match: Option<(&'static str, &'static str)>,
) -> SelectParameter<'static> {
    SelectParameter::QResync(QResyncParameters {
        uid_validity: nz(uid_validity),
        mod_seq,
        known_uids: known_uids.map(seq),
        seq_match: seq_match.map(|(a, b)| (seq(a), seq(b))),
    })
}

fn permanent(names: &[&'static str], wildcard: bool, s: &'static str) -> Response<'static> {
    let mut v: Vec<FlagPerm<'static>> = names
        .iter()
        .map(|n| FlagPerm::Flag(Flag::new(n).unwrap()))
        .collect();
    if wildcard {
        v.push(FlagPerm::Wildcard);
    }
    untagged(Condition::Ok, Some(ResponseCode::PermanentFlags(v)), s)
}

/// The SELECT responses RFC 7162 §3.1.2.1, §3.1.2.2, §3.1.8 and §6 share (mailbox of 172
/// messages, UIDVALIDITY 3857529045).
fn select_172(uidnext: u32) {
    resp_is("* 172 EXISTS\r\n", exists(172));
    resp_is("* 1 RECENT\r\n", untagged_data(UntaggedResponse::Recent(1)));
    resp_is(
        "* OK [UNSEEN 12] Message 12 is first unseen\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::Unseen(nz(12))),
            "Message 12 is first unseen",
        ),
    );
    resp_is(
        "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(3857529045))),
            "UIDs valid",
        ),
    );
    resp_is(
        &format!("* OK [UIDNEXT {uidnext}] Predicted next UID\r\n"),
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(uidnext))),
            "Predicted next UID",
        ),
    );
    resp_is(
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
        untagged_data(UntaggedResponse::Flags(fl(&[
            "\\Answered",
            "\\Flagged",
            "\\Deleted",
            "\\Seen",
            "\\Draft",
        ]))),
    );
    resp_is(
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
        permanent(&["\\Deleted", "\\Seen"], true, "Limited"),
    );
}

/// RFC 7162 §3.1.2.1, Example 1: the RFC's bytes. `* OK [HIGHESTMODSEQ 715194045007]` has no
/// SP and text after `]`, against RFC 3501's `resp-text` (`"]" SP text`, `text = 1*TEXT-CHAR`);
/// verified erratum 5055 adds ` Ok` (tested in tests/rfc_errata.rs). The crate takes the
/// published line as the code with empty text and writes it back the same.
#[test]
fn rfc7162_3_1_2_1_example1_highestmodseq() {
    cmd_is("A142 SELECT INBOX\r\n", select("INBOX", vec![]));
    select_172(4392);
    resp_is(
        "* OK [HIGHESTMODSEQ 715194045007]\r\n",
        code_only(Condition::Ok, hms(715194045007)),
    );
    resp_is(
        "A142 OK [READ-WRITE] SELECT completed\r\n",
        ok_code("A142", ResponseCode::ReadWrite, "SELECT completed"),
    );
}

/// RFC 7162 §3.1.2.2, Example 2: the RFC's bytes; the NOMODSEQ line is wrapped by the RFC
/// (joined with SP).
#[test]
fn rfc7162_3_1_2_2_example2_nomodseq() {
    cmd_is("A142 SELECT INBOX\r\n", select("INBOX", vec![]));
    select_172(4392);
    resp_is(
        "* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::NoModSeq),
            "Sorry, this mailbox format doesn't support modsequences",
        ),
    );
    resp_is(
        "A142 OK [READ-WRITE] SELECT completed\r\n",
        ok_code("A142", ResponseCode::ReadWrite, "SELECT completed"),
    );
}

/// RFC 7162 §3.1.3, Examples 3 to 8: the RFC's bytes; each STORE command is wrapped by the
/// RFC over two lines (joined with SP).
#[test]
fn rfc7162_3_1_3_examples3_to_8_store_unchangedsince() {
    use StoreAction::{Add, Remove};
    // Example 3.
    cmd_is(
        "a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)\r\n",
        store(true, "6,4,8", Some(12121230045), Add, true, &["\\Deleted"]),
    );
    resp_is(
        "* 1 FETCH (UID 4 MODSEQ (12121231000))\r\n",
        fetch_resp(1, vec![uid(4), ms(12121231000)]),
    );
    resp_is(
        "* 2 FETCH (UID 6 MODSEQ (12121230852))\r\n",
        fetch_resp(2, vec![uid(6), ms(12121230852)]),
    );
    resp_is(
        "* 4 FETCH (UID 8 MODSEQ (12121230956))\r\n",
        fetch_resp(4, vec![uid(8), ms(12121230956)]),
    );
    resp_is(
        "a103 OK Conditional Store completed\r\n",
        ok("a103", "Conditional Store completed"),
    );
    // Example 4.
    cmd_is(
        "a104 STORE * (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted $Processed)\r\n",
        store(
            false,
            "*",
            Some(12121230045),
            Add,
            true,
            &["\\Deleted", "$Processed"],
        ),
    );
    resp_is(
        "* 50 FETCH (MODSEQ (12111230047))\r\n",
        fetch_resp(50, vec![ms(12111230047)]),
    );
    resp_is(
        "a104 OK Store (conditional) completed\r\n",
        ok("a104", "Store (conditional) completed"),
    );
    // Example 5.
    cmd_is(
        "c101 STORE 50 (UNCHANGEDSINCE 12121230045) -FLAGS.SILENT (\\Deleted)\r\n",
        store(false, "50", Some(12121230045), Remove, true, &["\\Deleted"]),
    );
    resp_is(
        "* OK [HIGHESTMODSEQ 12111230047]\r\n",
        code_only(Condition::Ok, hms(12111230047)),
    );
    resp_is(
        "* 50 FETCH (MODSEQ (12111230048))\r\n",
        fetch_resp(50, vec![ms(12111230048)]),
    );
    resp_is(
        "c101 OK Store (conditional) completed\r\n",
        ok("c101", "Store (conditional) completed"),
    );
    // Examples 6 and 7 (same command).
    let d105 = store(false, "7,5,9", Some(320162338), Add, true, &["\\Deleted"]);
    cmd_is(
        "d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Deleted)\r\n",
        d105,
    );
    resp_is(
        "* 5 FETCH (MODSEQ (320162350))\r\n",
        fetch_resp(5, vec![ms(320162350)]),
    );
    let d105_ok = tagged(
        "d105",
        State::Ok,
        Some(modified("7,9")),
        "Conditional STORE failed",
    );
    resp_is(
        "d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n",
        d105_ok.clone(),
    );
    resp_is(
        "* 7 FETCH (MODSEQ (320162342) FLAGS (\\Seen \\Deleted))\r\n",
        fetch_resp(7, vec![ms(320162342), flags(&["\\Seen", "\\Deleted"])]),
    );
    resp_is(
        "* 9 FETCH (MODSEQ (320162349) FLAGS (\\Answered))\r\n",
        fetch_resp(9, vec![ms(320162349), flags(&["\\Answered"])]),
    );
    // Example 8.
    cmd_is(
        "a102 STORE 12 (UNCHANGEDSINCE 0) +FLAGS.SILENT ($MDNSent)\r\n",
        store(false, "12", Some(0), Add, true, &["$MDNSent"]),
    );
    resp_is(
        "a102 OK [MODIFIED 12] Conditional STORE failed\r\n",
        tagged(
            "a102",
            State::Ok,
            Some(modified("12")),
            "Conditional STORE failed",
        ),
    );
}

/// RFC 7162 §3.1.3, Examples 9 and 10 (and §3.1.12, which repeats the a106 command and the
/// last FETCH): the RFC's bytes; wrapped commands and FETCH lines joined with SP.
#[test]
fn rfc7162_3_1_3_examples9_10_modified() {
    let a106 = store(
        false,
        "100:150",
        Some(212030000000),
        StoreAction::Add,
        true,
        &["$Processed"],
    );
    cmd_is(
        "a106 STORE 100:150 (UNCHANGEDSINCE 212030000000) +FLAGS.SILENT ($Processed)\r\n",
        a106,
    );
    for n in [100, 102, 150] {
        resp_is(
            &format!("* {n} FETCH (MODSEQ (303181230852))\r\n"),
            fetch_resp(n, vec![ms(303181230852)]),
        );
    }
    let failed = tagged(
        "a106",
        State::Ok,
        Some(modified("101")),
        "Conditional STORE failed",
    );
    resp_is(
        "a106 OK [MODIFIED 101] Conditional STORE failed\r\n",
        failed,
    );
    cmd_is("a107 NOOP\r\n", CommandBody::Noop);
    resp_is(
        "* 101 FETCH (MODSEQ (303011130956) FLAGS ($Processed))\r\n",
        fetch_resp(101, vec![ms(303011130956), flags(&["$Processed"])]),
    );
    cmd_is("b107 NOOP\r\n", CommandBody::Noop);
    resp_is(
        "* 101 FETCH (MODSEQ (303011130956) FLAGS (\\Deleted \\Answered))\r\n",
        fetch_resp(
            101,
            vec![ms(303011130956), flags(&["\\Deleted", "\\Answered"])],
        ),
    );
    cmd_is(
        "b108 STORE 101 (UNCHANGEDSINCE 303011130956) +FLAGS.SILENT ($Processed)\r\n",
        store(
            false,
            "101",
            Some(303011130956),
            StoreAction::Add,
            true,
            &["$Processed"],
        ),
    );
    resp_is(
        "* 101 FETCH (MODSEQ (303181230852))\r\n",
        fetch_resp(101, vec![ms(303181230852)]),
    );
    resp_is(
        "b108 OK Conditional Store completed\r\n",
        ok("b108", "Conditional Store completed"),
    );
    resp_is(
        "* 101 FETCH (MODSEQ (303011130956) FLAGS ($Processed \\Deleted \\Answered))\r\n",
        fetch_resp(
            101,
            vec![
                ms(303011130956),
                flags(&["$Processed", "\\Deleted", "\\Answered"]),
            ],
        ),
    );
    resp_is(
        "a106 OK Conditional STORE completed\r\n",
        ok("a106", "Conditional STORE completed"),
    );
}

/// RFC 7162 §3.1.3, Example 9: `S: a107 OK` and `S: b107 OK` are tagged OKs with no text,
/// which RFC 3501's `resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text` (text at least one
/// TEXT-CHAR) does not allow (nor RFC 9051's, where `text` is optional but the SP before it
/// is not): the RFC's own lines contradict the base grammar. The crate accepts them as an OK
/// with empty text and writes that back as `a107 OK ` + CRLF (the RFC 9051 form), so value
/// round trip only.
#[test]
fn rfc7162_3_1_3_example9_bare_ok() {
    for t in ["a107", "b107"] {
        let input = format!("{t} OK\r\n");
        let r = response(input.as_bytes(), false);
        assert_eq!(r.to_bytes(), format!("{t} OK \r\n").into_bytes());
        let Response::Tagged(TaggedResponse { tag, state, text }) = &r else {
            panic!("{r:?}")
        };
        assert_eq!((tag.as_str(), *state), (t, State::Ok));
        assert_eq!(text.code(), None);
        assert!(text.text().as_bytes().is_empty());
    }
}

/// RFC 7162 §3.1.3, Example 11 and the note after it: `\SEEN` is written `\Seen` by the
/// encoder (flags are case-insensitive), so value round trip for those lines; the rest exact.
/// The `e105` command is printed without `C:` over two lines (joined with SP).
#[test]
fn rfc7162_3_1_3_example11_no_modified() {
    use StoreAction::Add;
    cmd_value_is(
        "B001 STORE 1:7 (UNCHANGEDSINCE 320172338) +FLAGS (\\SEEN)\r\n",
        store(false, "1:7", Some(320172338), Add, false, &["\\Seen"]),
    );
    for n in [1, 3] {
        resp_value_is(
            &format!("* {n} FETCH (MODSEQ (320172342) FLAGS (\\SEEN))\r\n"),
            fetch_resp(n, vec![ms(320172342), flags(&["\\Seen"])]),
        );
    }
    resp_is(
        "B001 NO [MODIFIED 2] Some of the messages no longer exist.\r\n",
        tagged(
            "B001",
            State::No,
            Some(modified("2")),
            "Some of the messages no longer exist.",
        ),
    );
    cmd_is("B002 NOOP\r\n", CommandBody::Noop);
    resp_is("* 4 EXPUNGE\r\n", expunge(4));
    resp_is(
        "* 2 FETCH (MODSEQ (320172340) FLAGS (\\Deleted \\Answered))\r\n",
        fetch_resp(2, vec![ms(320172340), flags(&["\\Deleted", "\\Answered"])]),
    );
    resp_is("B002 OK NOOP Completed.\r\n", ok("B002", "NOOP Completed."));
    cmd_is(
        "b003 STORE 2 (UNCHANGEDSINCE 320172340) +FLAGS (\\Seen)\r\n",
        store(false, "2", Some(320172340), Add, false, &["\\Seen"]),
    );
    resp_value_is(
        "* 2 FETCH (MODSEQ (320180050) FLAGS (\\SEEN \\Flagged))\r\n",
        fetch_resp(2, vec![ms(320180050), flags(&["\\Seen", "\\Flagged"])]),
    );
    resp_is(
        "b003 OK Conditional Store completed\r\n",
        ok("b003", "Conditional Store completed"),
    );
    cmd_is(
        "e105 STORE 7,3:9 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)\r\n",
        store(false, "7,3:9", Some(12121230045), Add, true, &["\\Deleted"]),
    );
}

/// RFC 7162 §3.1.4.1, Example 12, and §3.1.4.2, Example 13: the RFC's bytes (a FETCH line
/// wrapped by the RFC is joined with SP).
#[test]
fn rfc7162_3_1_4_examples12_13_changedsince_modseq() {
    cmd_is(
        "s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n",
        CommandBody::Fetch {
            uid: true,
            set: seq("1:*"),
            items: FetchItems::List(Vec1::one(FetchAttribute::Flags)),
            modifiers: vec![FetchModifier::ChangedSince(12345)],
        },
    );
    resp_is(
        "* 1 FETCH (UID 4 MODSEQ (65402) FLAGS (\\Seen))\r\n",
        fetch_resp(1, vec![uid(4), ms(65402), flags(&["\\Seen"])]),
    );
    resp_is(
        "* 2 FETCH (UID 6 MODSEQ (75403) FLAGS (\\Deleted))\r\n",
        fetch_resp(2, vec![uid(6), ms(75403), flags(&["\\Deleted"])]),
    );
    resp_is(
        "* 4 FETCH (UID 8 MODSEQ (29738) FLAGS ($NoJunk $AutoJunk $MDNSent))\r\n",
        fetch_resp(
            4,
            vec![
                uid(8),
                ms(29738),
                flags(&["$NoJunk", "$AutoJunk", "$MDNSent"]),
            ],
        ),
    );
    resp_is("s100 OK FETCH completed\r\n", ok("s100", "FETCH completed"));
    cmd_is(
        "a FETCH 1:3 (MODSEQ)\r\n",
        fetch_cmd(false, "1:3", vec![FetchAttribute::ModSeq]),
    );
    for (n, m) in [(1, 624140003), (2, 624140007), (3, 624140005)] {
        resp_is(
            &format!("* {n} FETCH (MODSEQ ({m}))\r\n"),
            fetch_resp(n, vec![ms(m)]),
        );
    }
    resp_is("a OK Fetch complete\r\n", ok("a", "Fetch complete"));
}

/// RFC 7162 §3.1.4.2, Example 14 (three sessions): the RFC's bytes (`...` lines are
/// elisions; one FETCH line wrapped by the RFC is joined with SP).
#[test]
fn rfc7162_3_1_4_2_example14_sessions() {
    use StoreAction::{Add, Remove};
    cmd_is("A142 SELECT INBOX\r\n", select("INBOX", vec![]));
    resp_is(
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
        untagged_data(UntaggedResponse::Flags(fl(&[
            "\\Answered",
            "\\Flagged",
            "\\Deleted",
            "\\Seen",
            "\\Draft",
        ]))),
    );
    resp_is(
        "* OK [PERMANENTFLAGS (\\Answered \\Deleted \\Seen \\*)] Limited\r\n",
        permanent(&["\\Answered", "\\Deleted", "\\Seen"], true, "Limited"),
    );
    cmd_is(
        "A160 STORE 7 +FLAGS.SILENT (\\Deleted)\r\n",
        store(false, "7", None, Add, true, &["\\Deleted"]),
    );
    resp_is(
        "* 7 FETCH (MODSEQ (2121231000))\r\n",
        fetch_resp(7, vec![ms(2121231000)]),
    );
    resp_is("A160 OK Store completed\r\n", ok("A160", "Store completed"));
    for t in ["C180", "D210"] {
        cmd_is(&format!("{t} NOOP\r\n"), CommandBody::Noop);
        resp_is(
            "* 7 FETCH (FLAGS (\\Deleted \\Answered) MODSEQ (12121231000))\r\n",
            fetch_resp(
                7,
                vec![flags(&["\\Deleted", "\\Answered"]), ms(12121231000)],
            ),
        );
    }
    resp_is("C180 OK Noop completed\r\n", ok("C180", "Noop completed"));
    resp_is("D210 OK Noop completed\r\n", ok("D210", "Noop completed"));
    cmd_is(
        "A240 STORE 7 +FLAGS.SILENT (\\Seen)\r\n",
        store(false, "7", None, Add, true, &["\\Seen"]),
    );
    resp_is(
        "* 7 FETCH (MODSEQ (12121231777))\r\n",
        fetch_resp(7, vec![ms(12121231777)]),
    );
    resp_is("A240 OK Store completed\r\n", ok("A240", "Store completed"));
    cmd_is("C270 NOOP\r\n", CommandBody::Noop);
    resp_is(
        "* 7 FETCH (FLAGS (\\Deleted \\Answered \\Seen) MODSEQ (12121231777))\r\n",
        fetch_resp(
            7,
            vec![
                flags(&["\\Deleted", "\\Answered", "\\Seen"]),
                ms(12121231777),
            ],
        ),
    );
    resp_is("C270 OK Noop completed\r\n", ok("C270", "Noop completed"));
    cmd_is("D300 NOOP\r\n", CommandBody::Noop);
    resp_is("D300 OK Noop completed\r\n", ok("D300", "Noop completed"));
    cmd_is(
        "A330 STORE 7 -FLAGS.SILENT (\\Answered \\Seen)\r\n",
        store(false, "7", None, Remove, true, &["\\Answered", "\\Seen"]),
    );
    resp_is(
        "* 7 FETCH (MODSEQ (12121245160))\r\n",
        fetch_resp(7, vec![ms(12121245160)]),
    );
    resp_is("A330 OK Store completed\r\n", ok("A330", "Store completed"));
    for t in ["C360", "D390"] {
        cmd_is(&format!("{t} NOOP\r\n"), CommandBody::Noop);
        resp_is(
            "* 7 FETCH (FLAGS (\\Deleted) MODSEQ (12121245160))\r\n",
            fetch_resp(7, vec![flags(&["\\Deleted"]), ms(12121245160)]),
        );
    }
    resp_is("C360 OK Noop completed\r\n", ok("C360", "Noop completed"));
    resp_is("D390 OK Noop completed\r\n", ok("D390", "Noop completed"));
}

/// RFC 7162 §3.1.5, Examples 15 and 16: the RFC's bytes. In Example 15 the entry name
/// `"/flags/\\draft"` (a quoted string: `\\` is one backslash, so the flag `\draft`) is
/// written by the encoder as `"/flags/\\Draft"` (the system flag's canonical case): value
/// round trip.
#[test]
fn rfc7162_3_1_5_examples15_16_search_modseq() {
    cmd_value_is(
        "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338\r\n",
        search_cmd(vec![SearchKey::ModSeq {
            entry: Some((Flag::Draft, EntryType::All)),
            value: 620162338,
        }]),
    );
    resp_is(
        "* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n",
        untagged_data(UntaggedResponse::Search {
            ids: [2, 5, 6, 7, 11, 12, 18, 19, 20, 23].map(nz).to_vec(),
            modseq: Some(nz64(917162500)),
        }),
    );
    resp_is("a OK Search complete\r\n", ok("a", "Search complete"));
    cmd_is(
        "t SEARCH OR NOT MODSEQ 720162338 LARGER 50000\r\n",
        search_cmd(vec![SearchKey::Or(
            Box::new(SearchKey::Not(Box::new(SearchKey::ModSeq {
                entry: None,
                value: 720162338,
            }))),
            Box::new(SearchKey::Larger(50000)),
        )]),
    );
    resp_is("* SEARCH\r\n", search_resp(&[]));
    resp_is(
        "t OK Search complete, nothing found\r\n",
        ok("t", "Search complete, nothing found"),
    );
}

/// RFC 7162 §3.1.7, Example 17, and §3.1.8, Example 18: the RFC's bytes (the STATUS response
/// is wrapped by the RFC, joined with SP).
#[test]
fn rfc7162_3_1_7_example17_18_status_condstore() {
    cmd_is(
        "A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)\r\n",
        CommandBody::Status {
            mailbox: mb("blurdybloop"),
            items: Vec1::new(vec![
                StatusAttribute::UidNext,
                StatusAttribute::Messages,
                StatusAttribute::HighestModSeq,
            ])
            .unwrap(),
        },
    );
    resp_is(
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)\r\n",
        status_resp(
            mb("blurdybloop"),
            vec![
                StatusValue::Messages(231),
                StatusValue::UidNext(nz(44292)),
                StatusValue::HighestModSeq(7011231777),
            ],
        ),
    );
    resp_is(
        "A042 OK STATUS completed\r\n",
        ok("A042", "STATUS completed"),
    );
    cmd_is(
        "A142 SELECT INBOX (CONDSTORE)\r\n",
        select("INBOX", vec![SelectParameter::CondStore]),
    );
    select_172(4392);
    resp_is(
        "* OK [HIGHESTMODSEQ 715194045007]\r\n",
        code_only(Condition::Ok, hms(715194045007)),
    );
    resp_is(
        "A142 OK [READ-WRITE] SELECT completed, CONDSTORE is now enabled\r\n",
        ok_code(
            "A142",
            ResponseCode::ReadWrite,
            "SELECT completed, CONDSTORE is now enabled",
        ),
    );
}

/// RFC 7162 §3.1.10, Examples 19 and 20: the RFC's bytes.
#[test]
fn rfc7162_3_1_10_examples19_20_esearch() {
    let modseq = SearchKey::ModSeq {
        entry: None,
        value: 1234,
    };
    cmd_is(
        "a SEARCH RETURN (ALL) MODSEQ 1234\r\n",
        CommandBody::Search {
            uid: false,
            return_options: Some(vec![SearchReturnOption::All]),
            charset: None,
            criteria: Vec1::one(modseq.clone()),
        },
    );
    let esearch = |all| {
        untagged_data(UntaggedResponse::Esearch(EsearchResponse {
            tag: Some(IString::Quoted(Quoted::new(&b"a"[..]).unwrap())),
            uid: false,
            data: vec![EsearchData::All(seq(all)), EsearchData::ModSeq(nz64(1236))],
        }))
    };
    resp_is(
        "* ESEARCH (TAG \"a\") ALL 1:3,5 MODSEQ 1236\r\n",
        esearch("1:3,5"),
    );
    resp_is(
        "a OK Extended SEARCH completed\r\n",
        ok("a", "Extended SEARCH completed"),
    );
    let c = command(b"a SORT RETURN (ALL) (DATE) UTF-8 MODSEQ 1234\r\n", true);
    let CommandBody::Sort {
        uid: false,
        return_options: Some(ret),
        criteria,
        charset,
        keys,
    } = &c.body
    else {
        panic!("{c:?}")
    };
    assert_eq!(ret, &vec![SearchReturnOption::All]);
    assert_eq!(criteria.len(), 1);
    assert_eq!(charset, &Charset::Atom(atom("UTF-8")));
    assert_eq!(keys, &Vec1::one(modseq));
    resp_is(
        "* ESEARCH (TAG \"a\") ALL 5,3,2,1 MODSEQ 1236\r\n",
        esearch("5,3,2,1"),
    );
    resp_is(
        "a OK Extended SORT completed\r\n",
        ok("a", "Extended SORT completed"),
    );
}

/// The permanent-flags line of the QRESYNC examples (wrapped by the RFC, joined with SP).
fn qresync_permanent() {
    resp_is(
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen \\*)] Permanent flags\r\n",
        permanent(
            &["\\Answered", "\\Flagged", "\\Draft", "\\Deleted", "\\Seen"],
            true,
            "Permanent flags",
        ),
    );
    resp_is(
        "* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen)\r\n",
        untagged_data(UntaggedResponse::Flags(fl(&[
            "\\Answered",
            "\\Flagged",
            "\\Draft",
            "\\Deleted",
            "\\Seen",
        ]))),
    );
}

/// RFC 7162 §3.2.5, the UIDVALIDITY-mismatch example: the RFC's bytes (the command, the
/// HIGHESTMODSEQ line and the PERMANENTFLAGS line are wrapped by the RFC, joined with SP).
#[test]
fn rfc7162_3_2_5_uidvalidity_mismatch() {
    cmd_is(
        "A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n",
        select(
            "INBOX",
            vec![qresync(
                67890007,
                20050715194045000,
                Some("41,43:211,214:541"),
                None,
            )],
        ),
    );
    resp_is("* 464 EXISTS\r\n", exists(464));
    resp_is("* 3 RECENT\r\n", untagged_data(UntaggedResponse::Recent(3)));
    resp_is(
        "* OK [UIDVALIDITY 3857529045] UIDVALIDITY\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(3857529045))),
            "UIDVALIDITY",
        ),
    );
    resp_is(
        "* OK [UIDNEXT 550] Predicted next UID\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(550))),
            "Predicted next UID",
        ),
    );
    resp_is(
        "* OK [HIGHESTMODSEQ 90060128194045007] Highest mailbox mod-sequence\r\n",
        untagged(
            Condition::Ok,
            Some(hms(90060128194045007)),
            "Highest mailbox mod-sequence",
        ),
    );
    resp_is(
        "* OK [UNSEEN 12] Message 12 is first unseen\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::Unseen(nz(12))),
            "Message 12 is first unseen",
        ),
    );
    qresync_permanent();
    resp_is(
        "A02 OK [READ-WRITE] Sorry, UIDVALIDITY mismatch\r\n",
        ok_code(
            "A02",
            ResponseCode::ReadWrite,
            "Sorry, UIDVALIDITY mismatch",
        ),
    );
}

/// RFC 7162 §3.2.5.1, the example: the RFC's bytes (wrapped lines joined with SP).
#[test]
fn rfc7162_3_2_5_1_qresync_select() {
    cmd_is(
        "A03 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541))\r\n",
        select(
            "INBOX",
            vec![qresync(
                67890007,
                90060115194045000,
                Some("41:211,214:541"),
                None,
            )],
        ),
    );
    resp_is(
        "* OK [CLOSED]\r\n",
        code_only(Condition::Ok, ResponseCode::Closed),
    );
    resp_is("* 100 EXISTS\r\n", exists(100));
    resp_is(
        "* 11 RECENT\r\n",
        untagged_data(UntaggedResponse::Recent(11)),
    );
    resp_is(
        "* OK [UIDVALIDITY 67890007] UIDVALIDITY\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(67890007))),
            "UIDVALIDITY",
        ),
    );
    resp_is(
        "* OK [UIDNEXT 600] Predicted next UID\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(600))),
            "Predicted next UID",
        ),
    );
    resp_is(
        "* OK [HIGHESTMODSEQ 90060115205545359] Highest mailbox mod-sequence\r\n",
        untagged(
            Condition::Ok,
            Some(hms(90060115205545359)),
            "Highest mailbox mod-sequence",
        ),
    );
    resp_is(
        "* OK [UNSEEN 7] There are some unseen messages in the mailbox\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::Unseen(nz(7))),
            "There are some unseen messages in the mailbox",
        ),
    );
    qresync_permanent();
    resp_is(
        "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n",
        vanished(true, "41,43:116,118,120:211,214:540"),
    );
    resp_is(
        "* 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (90060115194045001))\r\n",
        fetch_resp(
            49,
            vec![
                uid(117),
                flags(&["\\Seen", "\\Answered"]),
                ms(90060115194045001),
            ],
        ),
    );
    resp_is(
        "* 50 FETCH (UID 119 FLAGS (\\Draft $MDNSent) MODSEQ (90060115194045308))\r\n",
        fetch_resp(
            50,
            vec![
                uid(119),
                flags(&["\\Draft", "$MDNSent"]),
                ms(90060115194045308),
            ],
        ),
    );
    resp_is(
        "* 51 FETCH (UID 541 FLAGS (\\Seen $Forwarded) MODSEQ (90060115194045001))\r\n",
        fetch_resp(
            51,
            vec![
                uid(541),
                flags(&["\\Seen", "$Forwarded"]),
                ms(90060115194045001),
            ],
        ),
    );
    resp_is(
        "A03 OK [READ-WRITE] mailbox selected\r\n",
        ok_code("A03", ResponseCode::ReadWrite, "mailbox selected"),
    );
}

/// The responses the two §3.2.5.2 examples share (wrapped lines joined with SP; in the B04
/// example the HIGHESTMODSEQ text is broken inside `mod-` / `sequence`, joined without SP).
fn rfc7162_3_2_5_2_common() {
    resp_is("* 10003 EXISTS\r\n", exists(10003));
    resp_is("* 4 RECENT\r\n", untagged_data(UntaggedResponse::Recent(4)));
    resp_is(
        "* OK [UIDVALIDITY 67890007] UIDVALIDITY\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidValidity(nz(67890007))),
            "UIDVALIDITY",
        ),
    );
    resp_is(
        "* OK [UIDNEXT 30013] Predicted next UID\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::UidNext(nz(30013))),
            "Predicted next UID",
        ),
    );
    resp_is(
        "* OK [HIGHESTMODSEQ 90060115205545359] Highest mailbox mod-sequence\r\n",
        untagged(
            Condition::Ok,
            Some(hms(90060115205545359)),
            "Highest mailbox mod-sequence",
        ),
    );
    resp_is(
        "* OK [UNSEEN 7] There are some unseen messages in the mailbox\r\n",
        untagged(
            Condition::Ok,
            Some(ResponseCode::Unseen(nz(7))),
            "There are some unseen messages in the mailbox",
        ),
    );
    qresync_permanent();
    for (n, u, f, m) in [
        (
            1,
            3,
            &["\\Seen", "\\Answered", "$Important"][..],
            90060115194045001,
        ),
        (
            9889,
            29667,
            &["\\Seen", "\\Answered"][..],
            90060115194045027,
        ),
        (9890, 29670, &["\\Draft", "$MDNSent"][..], 90060115194045028),
        (
            9999,
            29997,
            &["\\Seen", "$Forwarded"][..],
            90060115194045031,
        ),
    ] {
        let line = format!(
            "* {n} FETCH (UID {u} FLAGS ({}) MODSEQ ({m}))\r\n",
            f.join(" ")
        );
        resp_is(&line, fetch_resp(n, vec![uid(u), flags(f), ms(m)]));
    }
}

/// RFC 7162 §3.2.5.2, the two examples (without and with the sequence match data): the
/// RFC's bytes, wrapped lines joined. The A04 `* VANISHED (EARLIER) 1:2,4:5,...,[...],
/// 29668:...` line elides part of its set and is not a protocol line; not tested. In the B04
/// command the RFC breaks the line after `15000,` and after `29991,` inside the UID sets: those
/// breaks are joined without SP (with SP the set would end at the `,` and the command is
/// refused, tested too).
#[test]
fn rfc7162_3_2_5_2_sequence_match_data() {
    cmd_is(
        "A04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997))\r\n",
        select(
            "INBOX",
            vec![qresync(67890007, 90060115194045000, Some("1:29997"), None)],
        ),
    );
    rfc7162_3_2_5_2_common();
    resp_is(
        "A04 OK [READ-WRITE] mailbox selected\r\n",
        ok_code("A04", ResponseCode::ReadWrite, "mailbox selected"),
    );
    cmd_is(
        "B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))\r\n",
        select(
            "INBOX",
            vec![qresync(
                67890007,
                90060115194045000,
                Some("1:29997"),
                Some((
                    "5000,7500,9000,9990:9999",
                    "15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997",
                )),
            )],
        ),
    );
    let spaced = b"B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000, 22500,27000,29970,29973,29976,29979,29982,29985,29988,29991, 29994,29997)))\r\n";
    assert!(parse_command(spaced, &ParseConfig::default()).is_err());
    rfc7162_3_2_5_2_common();
    resp_is(
        "B04 OK [READ-WRITE] mailbox selected\r\n",
        ok_code("B04", ResponseCode::ReadWrite, "mailbox selected"),
    );
}

/// RFC 7162 §3.2.6, the two examples: the RFC's bytes (wrapped lines joined with SP).
#[test]
fn rfc7162_3_2_6_vanished_modifier() {
    let fetch = |modifiers| CommandBody::Fetch {
        uid: true,
        set: seq("300:500"),
        items: FetchItems::List(Vec1::one(FetchAttribute::Flags)),
        modifiers,
    };
    let results = || {
        resp_is(
            "* 1 FETCH (UID 404 MODSEQ (65402) FLAGS (\\Seen))\r\n",
            fetch_resp(1, vec![uid(404), ms(65402), flags(&["\\Seen"])]),
        );
        resp_is(
            "* 2 FETCH (UID 406 MODSEQ (75403) FLAGS (\\Deleted))\r\n",
            fetch_resp(2, vec![uid(406), ms(75403), flags(&["\\Deleted"])]),
        );
        resp_is(
            "* 4 FETCH (UID 408 MODSEQ (29738) FLAGS ($NoJunk $AutoJunk $MDNSent))\r\n",
            fetch_resp(
                4,
                vec![
                    uid(408),
                    ms(29738),
                    flags(&["$NoJunk", "$AutoJunk", "$MDNSent"]),
                ],
            ),
        );
        resp_is("s100 OK FETCH completed\r\n", ok("s100", "FETCH completed"));
    };
    cmd_is(
        "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345)\r\n",
        fetch(vec![FetchModifier::ChangedSince(12345)]),
    );
    results();
    cmd_is(
        "s101 UID SEARCH 300:500\r\n",
        CommandBody::Search {
            uid: true,
            return_options: None,
            charset: None,
            criteria: Vec1::one(SearchKey::SequenceSet(seq("300:500"))),
        },
    );
    resp_is(
        "* SEARCH 404 406 407 408 410 412\r\n",
        search_resp(&[404, 406, 407, 408, 410, 412]),
    );
    resp_is(
        "s101 OK search completed\r\n",
        ok("s101", "search completed"),
    );
    cmd_is(
        "s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
        fetch(vec![
            FetchModifier::ChangedSince(12345),
            FetchModifier::Vanished,
        ]),
    );
    resp_is(
        "* VANISHED (EARLIER) 300:310,405,411\r\n",
        vanished(true, "300:310,405,411"),
    );
    results();
}

/// RFC 7162 §3.2.7 to §3.2.10: the EXPUNGE, CLOSE, UID EXPUNGE and VANISHED examples: the
/// RFC's bytes. The tag `.` of §3.2.9 is a valid `tag`.
#[test]
fn rfc7162_3_2_7_to_10_expunge_vanished() {
    // §3.2.7.
    cmd_is("A202 EXPUNGE\r\n", CommandBody::Expunge);
    for n in [3, 3, 5, 8] {
        resp_is(&format!("* {n} EXPUNGE\r\n"), expunge(n));
    }
    resp_is(
        "A202 OK [HIGHESTMODSEQ 20010715194045319] expunged\r\n",
        ok_code("A202", hms(20010715194045319), "expunged"),
    );
    cmd_is("B202 EXPUNGE\r\n", CommandBody::Expunge);
    resp_is(
        "* VANISHED 405,407,410,425\r\n",
        vanished(false, "405,407,410,425"),
    );
    resp_is(
        "B202 OK [HIGHESTMODSEQ 20010715194045319] expunged\r\n",
        ok_code("B202", hms(20010715194045319), "expunged"),
    );
    // §3.2.8.
    cmd_is("A202 CLOSE\r\n", CommandBody::Close);
    resp_is("A202 OK done\r\n", ok("A202", "done"));
    // §3.2.9.
    cmd_is(
        ". UID EXPUNGE 3000:3002\r\n",
        CommandBody::UidExpunge {
            set: seq("3000:3002"),
        },
    );
    resp_is("* 3 EXPUNGE\r\n", expunge(3));
    resp_is(
        ". OK [HIGHESTMODSEQ 20010715194045319] Ok\r\n",
        ok_code(".", hms(20010715194045319), "Ok"),
    );
    // §3.2.10.2.
    resp_is(
        "* VANISHED 505,507,510,625\r\n",
        vanished(false, "505,507,510,625"),
    );
    resp_is(
        "A202 OK EXPUNGE completed\r\n",
        ok("A202", "EXPUNGE completed"),
    );
    cmd_is("A210 EXPUNGE\r\n", CommandBody::Expunge);
    resp_is("* VANISHED 504,508\r\n", vanished(false, "504,508"));
    resp_is(
        "A210 OK EXPUNGE completed\r\n",
        ok("A210", "EXPUNGE completed"),
    );
    // "Any of the following responses would constitute a broken server implementation": wrong
    // for that mailbox, but valid syntax.
    for u in ["1", "3", "5"] {
        resp_is(&format!("* VANISHED {u}\r\n"), vanished(false, u));
    }
}

/// RFC 7162 §6, the HIGHESTMODSEQ example: the RFC's bytes. `+FLAGS.SILENT \Seen` is the
/// bare-flag form of `store-att-flags`. The NOOP is tagged `A152` but answered `A153` (a typo
/// in the RFC; the lines are tested as printed).
#[test]
fn rfc7162_6_highestmodseq_delayed() {
    let bare_seen = |set, unchanged_since: Option<u64>| CommandBody::Store {
        uid: false,
        set: seq(set),
        modifiers: unchanged_since
            .map(imap_proto::types::StoreModifier::UnchangedSince)
            .into_iter()
            .collect(),
        action: StoreAction::Add,
        silent: true,
        flags: StoreFlags::Bare(Vec1::one(Flag::Seen)),
    };
    cmd_is(
        "A150 STORE 1:2 (UNCHANGEDSINCE 96) +FLAGS.SILENT \\Seen\r\n",
        bare_seen("1:2", Some(96)),
    );
    resp_is(
        "* 1 FETCH (UID 6 MODSEQ (103))\r\n",
        fetch_resp(1, vec![uid(6), ms(103)]),
    );
    resp_is(
        "* 2 FETCH (UID 7 MODSEQ (101))\r\n",
        fetch_resp(2, vec![uid(7), ms(101)]),
    );
    resp_is(
        "* OK [HIGHESTMODSEQ 99] VANISHED reply with MODSEQ 100 is delayed\r\n",
        untagged(
            Condition::Ok,
            Some(hms(99)),
            "VANISHED reply with MODSEQ 100 is delayed",
        ),
    );
    resp_is(
        "A150 OK [MODIFIED 3] done\r\n",
        tagged("A150", State::Ok, Some(modified("3")), "done"),
    );
    cmd_is(
        "A151 STORE 3 +FLAGS.SILENT \\Seen\r\n",
        bare_seen("3", None),
    );
    resp_is(
        "* 3 FETCH (UID 8 MODSEQ (104))\r\n",
        fetch_resp(3, vec![uid(8), ms(104)]),
    );
    resp_is(
        "A151 OK [HIGHESTMODSEQ 99] Still delaying VANISHED\r\n",
        ok_code("A151", hms(99), "Still delaying VANISHED"),
    );
    cmd_is("A152 NOOP\r\n", CommandBody::Noop);
    resp_is("* VANISHED 8\r\n", vanished(false, "8"));
    resp_is(
        "A153 OK [HIGHESTMODSEQ 104] done\r\n",
        ok_code("A153", hms(104), "done"),
    );
}

/// RFC 7162 §6, the resynchronization example: the RFC's bytes (wrapped lines joined with SP;
/// the `...` line is an elision).
#[test]
fn rfc7162_6_qresync_resync() {
    cmd_is(
        "A142 SELECT INBOX (QRESYNC (3857529045 20010715194032001 1:198))\r\n",
        select(
            "INBOX",
            vec![qresync(3857529045, 20010715194032001, Some("1:198"), None)],
        ),
    );
    select_172(201);
    resp_is(
        "* OK [HIGHESTMODSEQ 20010715194045007] Highest mailbox mod-sequence\r\n",
        untagged(
            Condition::Ok,
            Some(hms(20010715194045007)),
            "Highest mailbox mod-sequence",
        ),
    );
    resp_is(
        "* VANISHED (EARLIER) 1:5,7:8,10:15\r\n",
        vanished(true, "1:5,7:8,10:15"),
    );
    resp_is(
        "* 2 FETCH (UID 6 MODSEQ (20010715205008000) FLAGS (\\Deleted))\r\n",
        fetch_resp(
            2,
            vec![uid(6), ms(20010715205008000), flags(&["\\Deleted"])],
        ),
    );
    resp_is(
        "* 5 FETCH (UID 9 MODSEQ (20010715195517000) FLAGS ($NoJunk $AutoJunk $MDNSent))\r\n",
        fetch_resp(
            5,
            vec![
                uid(9),
                ms(20010715195517000),
                flags(&["$NoJunk", "$AutoJunk", "$MDNSent"]),
            ],
        ),
    );
    resp_is(
        "A142 OK [READ-WRITE] SELECT completed\r\n",
        ok_code("A142", ResponseCode::ReadWrite, "SELECT completed"),
    );
}
