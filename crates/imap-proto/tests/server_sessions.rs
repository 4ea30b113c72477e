//! Example sessions driven through the server machine from the server side: the application
//! answers each command with the server lines of the RFC example (parsed, then written through
//! [`Server::untagged`] and [`Server::done`]), and the output must be the example's bytes.
//! Every session is fed whole, split at every byte and byte by byte: identical events and output.

use imap_proto::parse::{ParseConfig, Status, parse_response};
use imap_proto::server::{Server, ServerConfig, ServerEvent};
use imap_proto::types::{CommandBody, Response, ResponseCode, State};
use std::sync::OnceLock;

use imap_proto::types::Capability;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::{Mechanism, ServerSession, ServerStep};

/// The application's answer to a command: untagged lines then the tagged completion.
type Script<'s> = &'s [(&'s str, &'s [&'s [u8]])];

fn config() -> ServerConfig {
    let mut config = ServerConfig::new("imap.example.com");
    config.greeting = "IMAP4rev1 Service Ready".to_owned();
    config.logout_text = "IMAP4rev1 server terminating connection".to_owned();
    config.allow_plaintext_login_without_tls = true;
    config
}

/// Runs the client's `segments` (a TLS handshake, say, between them) through a server, each
/// cut at `cuts` (offsets inside the segment); returns the events seen (Debug) and the output.
fn drive(
    config: ServerConfig,
    script: Script<'_>,
    segments: &[&[u8]],
    cuts: &dyn Fn(usize) -> Vec<usize>,
) -> (Vec<String>, Vec<u8>) {
    let mut server = Server::new(config).unwrap();
    let mut out = Vec::new();
    let mut events = Vec::new();
    server.poll_transmit(&mut out);
    for input in segments {
        let mut chunks = Vec::new();
        let mut last = 0;
        for c in cuts(input.len())
            .into_iter()
            .chain(std::iter::once(input.len()))
        {
            chunks.push(&input[last..c]);
            last = c;
        }
        for chunk in chunks {
            let mut rest = chunk;
            let mut rounds = 0;
            loop {
                let n = server.receive(rest);
                rest = &rest[n..];
                answer(&mut server, script, &mut events);
                server.poll_transmit(&mut out);
                if rest.is_empty() {
                    break;
                }
                rounds += 1;
                assert!(rounds < 10_000, "server stopped taking input");
            }
        }
    }
    (events, out)
}

fn answer(server: &mut Server, script: Script<'_>, events: &mut Vec<String>) {
    while let Some(event) = server.poll_event() {
        let event = event.into_owned();
        events.push(format!("{event:?}"));
        match event {
            ServerEvent::Command { tag, body, .. } => {
                let select = matches!(
                    body,
                    CommandBody::Select { .. } | CommandBody::Examine { .. }
                );
                let lines = script
                    .iter()
                    .find(|(t, _)| *t == tag.as_str())
                    .map(|(_, l)| *l)
                    .unwrap_or_else(|| panic!("no script for {tag}"));
                for line in lines {
                    let Ok(Status::Complete((resp, _))) =
                        parse_response(line, &ParseConfig::default())
                    else {
                        panic!("bad script line {}", line.escape_ascii())
                    };
                    match resp {
                        Response::Untagged(u) => server.untagged(&u).unwrap(),
                        Response::Tagged(t) => {
                            let (code, text) = t.text.into_parts();
                            let text = text.as_str().unwrap().to_owned();
                            if select && t.state == State::Ok {
                                server
                                    .selected(code == Some(ResponseCode::ReadOnly))
                                    .unwrap();
                            } else {
                                server.done(t.state, code, &text).unwrap();
                            }
                        }
                        Response::Continue(_) => panic!("continuation in script"),
                    }
                }
            }
            ServerEvent::Login { password, .. } => {
                if password.expose() == "secret" {
                    server.accept_login().unwrap();
                } else {
                    server.reject_login().unwrap();
                }
            }
            ServerEvent::Auth(ServerStep::NeedsPasswordCheck { password, .. }) => {
                server
                    .auth_password_checked(password.expose() == "secret")
                    .unwrap();
            }
            ServerEvent::Auth(ServerStep::NeedsScramCredentials { username, .. }) => {
                assert_eq!(username, "user");
                server
                    .auth_provide_scram_credentials(Some(rfc7677_credentials()))
                    .unwrap();
            }
            ServerEvent::StartTls => server.tls_established().unwrap(),
            _ => {}
        }
    }
}

/// Whole, split at every byte, byte by byte: the same events and output; returns them.
fn check_chunking(
    config: impl Fn() -> ServerConfig,
    script: Script<'_>,
    segments: &[&[u8]],
) -> (Vec<String>, Vec<u8>) {
    let whole = drive(config(), script, segments, &|_| vec![]);
    let longest = segments.iter().map(|s| s.len()).max().unwrap_or(0);
    for k in 1..longest {
        let split = drive(config(), script, segments, &|len| {
            if k < len { vec![k] } else { vec![] }
        });
        assert_eq!(split, whole, "split at {k}");
    }
    let bytewise = drive(config(), script, segments, &|len| (1..len).collect());
    assert_eq!(bytewise, whole, "byte by byte");
    whole
}

const HEADER: &[u8] = b"Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n\
From: Terry Gray <gray@cac.washington.edu>\r\n\
Subject: IMAP4rev1 WG mtg summary and minutes\r\n\
To: imap@cac.washington.edu\r\n\
cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n\
Message-Id: <B27397-0100000@cac.washington.edu>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\
\r\n";

const FETCH_FULL: &[u8] =
    b"* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" \
RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \
\"IMAP4rev1 WG mtg summary and minutes\" \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((NIL NIL \"imap\" \"cac.washington.edu\")) \
((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")\
(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \
\"<B27397-0100000@cac.washington.edu>\") \
BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n";

/// RFC 3501 §8 (the same session as RFC 9051 §8 without STARTTLS and SCRAM).
#[test]
fn rfc3501_section8_session() {
    let fetch_header = [
        b"* 12 FETCH (BODY[HEADER] {".as_slice(),
        HEADER.len().to_string().as_bytes(),
        b"}\r\n",
        HEADER,
        b")\r\n",
    ]
    .concat();
    let script: Script<'_> = &[
        (
            "a002",
            &[
                b"* 18 EXISTS\r\n",
                b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
                b"* 2 RECENT\r\n",
                b"* OK [UNSEEN 17] Message 17 is the first unseen message\r\n",
                b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
                b"a002 OK [READ-WRITE] SELECT completed\r\n",
            ],
        ),
        ("a003", &[FETCH_FULL, b"a003 OK FETCH completed\r\n"]),
        ("a004", &[&fetch_header, b"a004 OK FETCH completed\r\n"]),
        (
            "a005",
            &[
                b"* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\n",
                b"a005 OK +FLAGS completed\r\n",
            ],
        ),
    ];
    let input = b"a001 login mrc secret\r\n\
a002 select inbox\r\n\
a003 fetch 12 full\r\n\
a004 fetch 12 body[header]\r\n\
a005 store 12 +flags \\deleted\r\n\
a006 logout\r\n";
    let (events, out) = check_chunking(config, script, &[input]);
    let caps = "IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT AUTH=PLAIN";
    let mut expected = Vec::new();
    // Differences from the RFC's transcript: the machine puts the capabilities in the greeting
    // and in the LOGIN completion (RFC 9051 §7.1.1, §6.2.3 allow both).
    expected.extend_from_slice(
        format!("* OK [CAPABILITY {caps}] IMAP4rev1 Service Ready\r\n").as_bytes(),
    );
    expected.extend_from_slice(
        b"a001 OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT] LOGIN completed\r\n",
    );
    for (_, lines) in script {
        for l in *lines {
            expected.extend_from_slice(l);
        }
    }
    expected.extend_from_slice(
        b"* BYE IMAP4rev1 server terminating connection\r\na006 OK LOGOUT completed\r\n",
    );
    assert_eq!(
        out.escape_ascii().to_string(),
        expected.escape_ascii().to_string()
    );
    assert_eq!(events.len(), 6, "{events:#?}");
    assert!(events[0].starts_with("Login { username: \"mrc\""));
    assert!(!events[0].contains("secret"), "password shown in Debug");
    assert!(events[1].starts_with("LoggedIn"));
    assert!(events[2].contains("Select"));
    // FETCH/STORE with sequence numbers: no EXPUNGE allowed (RFC 9051 §7.5.1).
    assert!(events[3].contains("expunge_allowed: false"));
    assert!(events[5].contains("Store") && events[5].contains("expunge_allowed: false"));
}

/// A session with the machine's own answers, AUTHENTICATE with and without SASL-IR,
/// non-synchronizing literals (APPEND, MULTIAPPEND), IDLE, CLOSE. (Synchronizing literals are
/// in `server_limits.rs`, with a client that waits for the continuation request: a client that
/// does not wait gets none, so their output depends on the chunking by design.)
#[test]
fn authenticate_append_idle_session() {
    let script: Script<'_> = &[
        (
            "b1",
            &[b"b1 OK [APPENDUID 38505 3955] APPEND completed\r\n"],
        ),
        (
            "b2",
            &[b"b2 OK [APPENDUID 38505 3956:3957] APPEND completed\r\n"],
        ),
        (
            "b3",
            &[
                b"* 2 EXISTS\r\n",
                b"* OK [UIDVALIDITY 38505] UIDs valid\r\n",
                b"b3 OK [READ-ONLY] EXAMINE completed\r\n",
            ],
        ),
        (
            "b5",
            &[b"* 1 EXPUNGE\r\n", b"b5 OK UID FETCH completed\r\n"],
        ),
        ("b6", &[b"b6 OK CLOSE completed\r\n"]),
    ];
    let mut config = config();
    config
        .capabilities
        .push(imap_proto::types::Capability::MultiAppend);
    let cfg = move || config.clone();
    let input = b"a1 CAPABILITY\r\n\
a2 NOOP\r\n\
a3 AUTHENTICATE PLAIN\r\n\
AHVzZXIAd3Jvbmc=\r\n\
a4 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0\r\n\
b1 APPEND INBOX (\\Seen) {5+}\r\nhello\r\n\
b2 APPEND INBOX {3+}\r\none (\\Draft) {3+}\r\ntwo\r\n\
b3 EXAMINE INBOX\r\n\
b4 IDLE\r\n\
DONE\r\n\
b5 UID FETCH 1:* FLAGS\r\n\
b6 CLOSE\r\n\
b7 FETCH 1 FLAGS\r\n";
    let (events, out) = check_chunking(cfg, script, &[input]);
    let out = String::from_utf8(out).unwrap();
    let expected = "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT MULTIAPPEND AUTH=PLAIN] IMAP4rev1 Service Ready\r\n\
* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT MULTIAPPEND AUTH=PLAIN\r\n\
a1 OK CAPABILITY completed\r\n\
a2 OK NOOP completed\r\n\
+ \r\n\
a3 NO [AUTHENTICATIONFAILED] Authentication failed\r\n\
a4 OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT MULTIAPPEND] Authentication successful\r\n\
b1 OK [APPENDUID 38505 3955] APPEND completed\r\n\
b2 OK [APPENDUID 38505 3956:3957] APPEND completed\r\n\
* 2 EXISTS\r\n\
* OK [UIDVALIDITY 38505] UIDs valid\r\n\
b3 OK [READ-ONLY] EXAMINE completed\r\n\
+ idling\r\n\
b4 OK IDLE terminated\r\n\
* 1 EXPUNGE\r\n\
b5 OK UID FETCH completed\r\n\
b6 OK CLOSE completed\r\n\
b7 BAD No mailbox selected\r\n";
    assert_eq!(out, expected);
    let joined = events.join("\n");
    assert!(
        joined.contains("LoggedIn { user: \"user\", method: Authenticate(Plain) }"),
        "{joined}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.contains("Append") && e.contains("Literal"))
    );
    assert!(events.iter().any(|e| e == "Idle"));
    assert!(events.iter().any(|e| e == "IdleDone"));
    // UID FETCH: EXPUNGE allowed; CLOSE: not.
    assert!(
        events
            .iter()
            .any(|e| e.contains("Fetch { uid: true") && e.contains("expunge_allowed: true"))
    );
    assert!(
        events
            .iter()
            .any(|e| e.contains("body: Close") && e.contains("expunge_allowed: false"))
    );
    assert!(!joined.contains("c2VjcmV0") && !joined.contains("secret"));
}

/// The SCRAM-SHA-256 credentials of RFC 7677 §3 (password `pencil`), derived once.
fn rfc7677_credentials() -> ScramCredentials {
    static CREDS: OnceLock<ScramCredentials> = OnceLock::new();
    CREDS
        .get_or_init(|| {
            let salt = mail_sasl::framing::decode_challenge(b"W22ZaJ0SNY7soEsUEjb6gQ==").unwrap();
            ScramCredentials::derive(ScramHash::Sha256, "pencil", &salt, 4096).unwrap()
        })
        .clone()
}

/// The server nonce part of RFC 7677 §3 (and RFC 9051 §8).
fn rfc7677_session(m: Mechanism) -> ServerSession {
    assert_eq!(m, Mechanism::ScramSha256);
    ServerSession::scram_sha256()
        .with_nonce("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0")
        .unwrap()
}

/// RFC 9051 §8: STARTTLS (a segment boundary stands for the TLS handshake), AUTHENTICATE
/// SCRAM-SHA-256 with SASL-IR (the RFC 7677 exchange, byte for byte), ENABLE IMAP4rev2,
/// SELECT, FETCH, STORE, LOGOUT.
#[test]
fn rfc9051_section8_session() {
    let config = || {
        let mut config = ServerConfig::new("imap.example.com");
        config.greeting = "IMAP4rev2 Service Ready".to_owned();
        config.logout_text = "IMAP4rev2 server terminating connection".to_owned();
        config.capabilities = vec![Capability::Imap4rev2];
        config.auth_mechanisms = vec![Mechanism::ScramSha256];
        config.starttls = true;
        config.sasl_session = Some(rfc7677_session);
        config
    };
    let fetch_full = String::from_utf8(FETCH_FULL.to_vec())
        .unwrap()
        .replace("IMAP4rev1 WG", "IMAP4rev2 WG")
        .replace("cac.washington.edu>", "cac.washington.ed>");
    let header = String::from_utf8(HEADER.to_vec())
        .unwrap()
        .replace("IMAP4rev1 WG", "IMAP4rev2 WG");
    let fetch_header = format!(
        "* 12 FETCH (BODY[HEADER] {{{}}}\r\n{header})\r\n",
        header.len()
    );
    let script: Script<'_> = &[
        (
            "a002",
            &[
                b"* 18 EXISTS\r\n",
                b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n",
                b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
                b"* LIST () \"/\" INBOX (\"OLDNAME\" (\"inbox\"))\r\n",
                b"a002 OK [READ-WRITE] SELECT completed\r\n",
            ],
        ),
        (
            "a003",
            &[fetch_full.as_bytes(), b"a003 OK FETCH completed\r\n"],
        ),
        (
            "a004",
            &[fetch_header.as_bytes(), b"a004 OK FETCH completed\r\n"],
        ),
        (
            "a005",
            &[
                b"* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\n",
                b"a005 OK +FLAGS completed\r\n",
            ],
        ),
    ];
    let before_tls = b"a000 starttls\r\n";
    let after_tls = b"A001 AUTHENTICATE SCRAM-SHA-256 biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=\r\n\
Yz1iaXdzLHI9ck9wck5HZndFYmVSV2diTkVrcU8laHZZRHBXVWEyUmFUQ0FmdXhGSWxqKWhObEYkazAscD1kSHpiWmFwV0lrNGpVaE4rVXRlOXl0YWc5empmTUhnc3FtbWl6N0FuZFZRPQ==\r\n\
\r\n\
babc ENABLE IMAP4rev2\r\n\
a002 select inbox\r\n\
a003 fetch 12 full\r\n\
a004 fetch 12 body[header]\r\n\
a005 store 12 +flags \\deleted\r\n\
a006 logout\r\n";
    let (events, out) = check_chunking(config, script, &[before_tls, after_tls]);
    // Differences from the RFC's transcript, all in human-readable text or capability order:
    // the STARTTLS, AUTHENTICATE and ENABLE completion texts, and the CAPABILITY code the
    // machine adds to the AUTHENTICATE completion.
    let mut expected = String::from(
        "* OK [CAPABILITY IMAP4rev2 STARTTLS AUTH=SCRAM-SHA-256 LOGINDISABLED] IMAP4rev2 Service Ready\r\n\
a000 OK Begin TLS negotiation now\r\n\
+ cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopaE5sRiRrMCxzPVcyMlphSjBTTlk3c29Fc1VFamI2Z1E9PSxpPTQwOTY=\r\n\
+ dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==\r\n\
A001 OK [CAPABILITY IMAP4rev2] Authentication successful\r\n\
* ENABLED IMAP4rev2\r\n\
babc OK ENABLE completed\r\n",
    );
    for (_, lines) in script {
        for l in *lines {
            expected.push_str(std::str::from_utf8(l).unwrap());
        }
    }
    // And the codec writes the OLDNAME mailbox `"inbox"` as `INBOX` (INBOX is
    // case-insensitive, RFC 9051 §5.1).
    let mut expected = expected.replace("(\"OLDNAME\" (\"inbox\"))", "(\"OLDNAME\" (INBOX))");
    expected
        .push_str("* BYE IMAP4rev2 server terminating connection\r\na006 OK LOGOUT completed\r\n");
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    assert_eq!(events[0], "StartTls");
    assert!(events[1].starts_with("Auth(NeedsScramCredentials"));
    assert_eq!(
        events[2],
        "LoggedIn { user: \"user\", method: Authenticate(ScramSha256) }"
    );
    assert_eq!(events[3], "Enabled([Imap4rev2])");
}

/// Synchronizing literals from a client that waits for each continuation request (a segment
/// ends after each literal header): LOGIN with literal user name and password, APPEND and
/// MULTIAPPEND. The `+` lines come at the same place whatever the chunking.
#[test]
fn sync_literals_with_a_waiting_client() {
    let script: Script<'_> = &[
        ("a2", &[b"a2 OK [APPENDUID 1 1] APPEND completed\r\n"]),
        ("a3", &[b"a3 OK [APPENDUID 1 2:3] APPEND completed\r\n"]),
    ];
    let config = || {
        let mut config = config();
        config.capabilities.push(Capability::MultiAppend);
        config
    };
    let segments: &[&[u8]] = &[
        b"a1 LOGIN {4}\r\n",
        b"user {6}\r\n",
        b"secret\r\na2 APPEND INBOX (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {12}\r\n",
        b"Subject: a\r\n\r\na3 APPEND Drafts {1}\r\n",
        b"x {2}\r\n",
        b"yz\r\na4 LOGOUT\r\n",
    ];
    let (events, out) = check_chunking(config, script, segments);
    let out = String::from_utf8(out).unwrap();
    let body = out.split_once("\r\n").unwrap().1;
    assert_eq!(
        body,
        "+ Ready for literal data\r\n\
         + Ready for literal data\r\n\
         a1 OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT MULTIAPPEND] LOGIN completed\r\n\
         + Ready for literal data\r\n\
         a2 OK [APPENDUID 1 1] APPEND completed\r\n\
         + Ready for literal data\r\n\
         + Ready for literal data\r\n\
         a3 OK [APPENDUID 1 2:3] APPEND completed\r\n\
         * BYE IMAP4rev1 server terminating connection\r\n\
         a4 OK LOGOUT completed\r\n"
    );
    assert!(events[2].contains("Append") && events[2].contains("len: 12"));
    assert!(events[3].contains("len: 1") && events[3].contains("len: 2"));
}

/// CATENATE (RFC 4469) with synchronizing `TEXT` literals and a `UTF8 (~{n})` part (RFC 6855
/// §4) from a client that waits for each continuation request: one `+` per literal, wherever
/// it comes inside the parenthesized part list; without CATENATE advertised the command is
/// refused with BAD once read.
#[test]
fn catenate_sync_literals_with_a_waiting_client() {
    let script: Script<'_> = &[("a2", &[b"a2 OK [APPENDUID 1 1] APPEND completed\r\n"])];
    let segments: &[&[u8]] = &[
        b"a1 LOGIN user secret\r\na0 ENABLE UTF8=ACCEPT\r\n",
        b"a2 APPEND Drafts (\\Seen) CATENATE (URL \"/Drafts;UIDVALIDITY=1/;UID=20/;section=HEADER\" TEXT {4}\r\n",
        b"\r\n\r\n URL /Drafts/;UID=20/;section=1 TEXT {3}\r\n",
        b"abc UTF8 (~{2}\r\n",
        b"\xc3\xa9))\r\na3 LOGOUT\r\n",
    ];
    let with = || {
        let mut config = config();
        config.capabilities.push(Capability::Catenate);
        config.capabilities.push(Capability::Utf8Accept);
        config
    };
    let (events, out) = check_chunking(with, script, segments);
    let out = String::from_utf8(out).unwrap();
    let body = out.split_once("\r\n").unwrap().1;
    assert_eq!(
        body,
        "a1 OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE ENABLE UNSELECT CATENATE UTF8=ACCEPT] LOGIN completed\r\n\
         * ENABLED UTF8=ACCEPT\r\n\
         a0 OK ENABLE completed\r\n\
         + Ready for literal data\r\n\
         + Ready for literal data\r\n\
         + Ready for literal data\r\n\
         a2 OK [APPENDUID 1 1] APPEND completed\r\n\
         * BYE IMAP4rev1 server terminating connection\r\n\
         a3 OK LOGOUT completed\r\n"
    );
    let append = events.iter().find(|e| e.contains("Append")).unwrap();
    assert!(
        append.contains("Catenate") && append.contains("Utf8"),
        "{append}"
    );
    // Not advertised: the literals are still requested (framing is lexical), then BAD.
    let (_, out) = check_chunking(config, &[], segments);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("+ Ready for literal data\r\n+ Ready for literal data\r\n+ Ready for literal data\r\na2 BAD CATENATE not supported\r\n"),
        "{out}"
    );
}

/// RFC 6855 §4: the `UTF8 (~{n})` data item of APPEND (whole or as a CATENATE part) is refused
/// with BAD until the client has enabled UTF8=ACCEPT, even where the server advertises it; the
/// application never sees the command.
#[test]
fn utf8_append_requires_enable() {
    let segments: &[&[u8]] = &[
        b"a1 LOGIN user secret\r\n",
        b"a2 APPEND Drafts UTF8 (~{2+}\r\n\xc3\xa9)\r\n",
        b"a3 APPEND Drafts CATENATE (TEXT {1+}\r\nx UTF8 (~{2+}\r\n\xc3\xa9))\r\n",
        b"a4 LOGOUT\r\n",
    ];
    let with = || {
        let mut config = config();
        config.capabilities.push(Capability::Catenate);
        config.capabilities.push(Capability::Utf8Accept);
        config
    };
    let (events, out) = check_chunking(with, &[], segments);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("a2 BAD UTF8 data requires ENABLE UTF8=ACCEPT\r\n")
            && out.contains("a3 BAD UTF8 data requires ENABLE UTF8=ACCEPT\r\n"),
        "{out}"
    );
    assert!(!events.iter().any(|e| e.contains("Append")), "{events:?}");
}

/// RFC 5465: NOTIFY (both `SET` and `NONE`) is refused with BAD unless the server announces
/// NOTIFY, and never reaches the application then; announced, it is handed over like any other
/// command of the authenticated state.
#[test]
fn notify_only_when_announced() {
    let segments: &[&[u8]] = &[
        b"a1 LOGIN user secret\r\n",
        b"a2 NOTIFY SET STATUS (selected (MessageNew (UID) MessageExpunge)) (subtree Lists (MessageNew MessageExpunge))\r\n",
        b"a3 NOTIFY NONE\r\n",
        b"a4 LOGOUT\r\n",
    ];
    let (events, out) = check_chunking(config, &[], segments);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("a2 BAD NOTIFY not supported\r\na3 BAD NOTIFY not supported\r\n"),
        "{out}"
    );
    assert!(!events.iter().any(|e| e.contains("Notify")), "{events:?}");
    let with = || {
        let mut config = config();
        config.capabilities.push(Capability::Notify);
        config
    };
    let script: Script<'_> = &[
        ("a2", &[b"a2 OK NOTIFY completed\r\n"]),
        ("a3", &[b"a3 OK NOTIFY completed\r\n"]),
    ];
    let (events, out) = check_chunking(with, script, segments);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("a2 OK NOTIFY completed\r\na3 OK NOTIFY completed\r\n"),
        "{out}"
    );
    assert_eq!(
        events.iter().filter(|e| e.contains("Notify")).count(),
        2,
        "{events:?}"
    );
}
