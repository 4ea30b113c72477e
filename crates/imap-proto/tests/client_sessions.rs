//! Whole sessions driven through the client state machine: the example sessions of RFC 9051 §8
//! and RFC 3501 §8 and sessions exercising literals, SASL, STARTTLS, IDLE, pipelining and the
//! mailbox view. Each server input is fed whole, split at every byte and byte by byte; the
//! events and the client's output must be identical every time, and the output must be the
//! exact expected bytes.
//!
//! The tags are the client's own (prefix `a00` and a counter), so they differ slightly from
//! the RFC transcripts (`a000` there is `a001` here, and so on); commands are written in
//! upper case.

use imap_proto::client::{Client, ClientConfig, ClientError, ClientEvent, ClientState};
use imap_proto::parse::{ParseConfig, Status, parse_command};
use imap_proto::types::{Capability, CommandBody, EsearchData, Mailbox, State, UntaggedResponse};
use mail_sasl::ClientSession;

// ---- harness -----------------------------------------------------------------------------------

type Action = fn(&mut Client);

enum Step {
    /// A client action.
    Act(Action),
    /// Bytes from the server.
    Server(&'static [u8]),
    /// The client's output since the previous `Expect`.
    Expect(&'static [u8]),
}

use Step::{Act, Expect, Server};

/// A command body parsed from its text (without tag).
fn body(text: &str) -> CommandBody<'static> {
    let line = format!("x {text}\r\n");
    match parse_command(line.as_bytes(), &ParseConfig::default()) {
        Ok(Status::Complete((c, _))) => c.body.into_owned(),
        other => panic!("{other:?}"),
    }
}

fn config() -> ClientConfig {
    let mut c = ClientConfig::default();
    c.tag_prefix = "a00".to_owned();
    c
}

fn drain(c: &mut Client, events: &mut Vec<String>) {
    while let Some(e) = c.poll_event() {
        match e.into_owned() {
            Ok(ev) => events.push(format!("{ev:?}")),
            Err(data) => {
                let s = format!("DATA {}", data.escape_ascii());
                match events.last_mut() {
                    Some(last) if last.starts_with("DATA ") => last.push_str(&s[5..]),
                    _ => events.push(s),
                }
            }
        }
    }
}

fn feed(c: &mut Client, mut data: &[u8], events: &mut Vec<String>) {
    loop {
        let n = c.receive(data);
        data = &data[n..];
        let before = events.len();
        drain(c, events);
        if data.is_empty() {
            break;
        }
        assert!(n > 0 || events.len() > before, "client stuck");
    }
}

const STRIDE: usize = 97;

#[derive(Clone, Copy)]
enum Mode {
    Whole,
    /// Every server input cut at `k`, `k + STRIDE`, `k + 2 * STRIDE`, …
    Stride(usize),
    Bytes,
}

fn drive(steps: &[Step], config: &ClientConfig, mode: Mode) -> (Vec<String>, Vec<u8>, Client) {
    let mut c = Client::new(config.clone());
    let mut events = Vec::new();
    let mut out = Vec::new();
    let mut seen = 0;
    for (i, step) in steps.iter().enumerate() {
        match step {
            Act(f) => {
                f(&mut c);
                c.poll_transmit(&mut out);
            }
            Server(bytes) => {
                let chunks: Vec<&[u8]> = match mode {
                    Mode::Bytes => bytes.chunks(1).collect(),
                    Mode::Stride(k) if k <= bytes.len() => {
                        let mut v = vec![&bytes[..k]];
                        v.extend(bytes[k..].chunks(STRIDE));
                        v
                    }
                    _ => vec![bytes],
                };
                for ch in chunks {
                    feed(&mut c, ch, &mut events);
                    c.poll_transmit(&mut out);
                }
            }
            Expect(e) => {
                assert_eq!(
                    out[seen..].escape_ascii().to_string(),
                    e.escape_ascii().to_string(),
                    "output before step {i}"
                );
                seen = out.len();
            }
        }
    }
    (events, out, c)
}

/// Runs the session in every mode, checks they agree, returns the events and the client.
fn session(steps: &[Step], config: &ClientConfig) -> (Vec<String>, Client) {
    let (events, out, client) = drive(steps, config, Mode::Whole);
    let (e2, o2, _) = drive(steps, config, Mode::Bytes);
    assert_eq!(events, e2, "byte by byte");
    assert_eq!(out, o2, "byte by byte");
    // Together the runs cut every server input at every byte.
    for k in 0..STRIDE {
        let (e3, o3, _) = drive(steps, config, Mode::Stride(k));
        assert_eq!(events, e3, "split at {k} (mod {STRIDE})");
        assert_eq!(out, o3, "split at {k} (mod {STRIDE})");
    }
    (events, client)
}

fn count(events: &[String], prefix: &str) -> usize {
    events.iter().filter(|e| e.starts_with(prefix)).count()
}

// ---- RFC 9051 §8 ---------------------------------------------------------------------------------

const RFC3501_8_FETCH: &[u8] = b"* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\na003 OK FETCH completed\r\n";

const RFC3501_8_HEADER: &[u8] = b"* 12 FETCH (BODY[HEADER] {342}\r\nDate: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\nSubject: IMAP4rev1 WG mtg summary and minutes\r\nTo: imap@cac.washington.edu\r\ncc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\nMessage-Id: <B27397-0100000@cac.washington.edu>\r\nMIME-Version: 1.0\r\nContent-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n)\r\na004 OK FETCH completed\r\n";

#[test]
fn rfc9051_section8() {
    let steps = [
        Server(
            b"* OK [CAPABILITY STARTTLS AUTH=SCRAM-SHA-256 LOGINDISABLED IMAP4rev2] IMAP4rev2 Service Ready\r\n",
        ),
        Act(|c| {
            assert_eq!(c.login("u", "p"), Err(ClientError::LoginDisabled));
            c.starttls().unwrap();
        }),
        Expect(b"a001 STARTTLS\r\n"),
        // The CVE-2011-0411 injection after the OK is discarded.
        Server(b"a001 OK Proceed with TLS negotiation\r\n* OK [CAPABILITY IMAP4rev2 AUTH=PLAIN] injected\r\n"),
        Act(|c| {
            assert_eq!(c.state(), ClientState::TlsUpgrade);
            c.tls_established().unwrap();
            assert!(c.capabilities().is_empty());
            c.capability().unwrap();
        }),
        Expect(b"a002 CAPABILITY\r\n"),
        Server(b"* CAPABILITY IMAP4rev2 AUTH=SCRAM-SHA-256\r\na002 OK done\r\n"),
        Act(|c| {
            let s = ClientSession::scram_sha256("user", "pencil")
                .unwrap()
                .with_nonce("rOprNGfwEbeRWgbNEkqO")
                .unwrap();
            c.authenticate(s).unwrap();
        }),
        Expect(b"a003 AUTHENTICATE SCRAM-SHA-256 biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=\r\n"),
        Server(b"+ cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopaE5sRiRrMCxzPVcyMlphSjBTTlk3c29Fc1VFamI2Z1E9PSxpPTQwOTY=\r\n"),
        Expect(b"Yz1iaXdzLHI9ck9wck5HZndFYmVSV2diTkVrcU8laHZZRHBXVWEyUmFUQ0FmdXhGSWxqKWhObEYkazAscD1kSHpiWmFwV0lrNGpVaE4rVXRlOXl0YWc5empmTUhnc3FtbWl6N0FuZFZRPQ==\r\n"),
        Server(b"+ dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==\r\n"),
        Expect(b"\r\n"),
        Server(b"a003 OK SCRAM-SHA-256 authentication successful\r\n"),
        Act(|c| {
            assert_eq!(c.state(), ClientState::Authenticated);
            c.enable(vec![Capability::Utf8Accept]).unwrap();
        }),
        Expect(b"a004 ENABLE UTF8=ACCEPT\r\n"),
        Server(b"* ENABLED UTF8=ACCEPT\r\na004 OK\r\n"),
        Act(|c| {
            assert!(c.is_enabled(&Capability::Utf8Accept));
            c.send(body("select inbox")).unwrap();
        }),
        Expect(b"a005 SELECT INBOX\r\n"),
        Server(b"* 18 EXISTS\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n* LIST () \"/\" INBOX\r\na005 OK [READ-WRITE] SELECT completed\r\n"),
        Act(|c| {
            assert_eq!(c.state(), ClientState::Selected { read_only: false });
            let m = c.mailbox().unwrap();
            assert_eq!(m.exists, 18);
            assert_eq!(m.flags.len(), 5);
            assert_eq!(m.uid_validity.unwrap().get(), 3857529045);
            c.send(body("fetch 12 full")).unwrap();
        }),
        Expect(b"a006 FETCH 12 FULL\r\n"),
        Server(b"* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev2 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.ed>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\na006 OK FETCH completed\r\n"),
        Act(|c| {
            c.send(body("fetch 12 body[header]")).unwrap();
        }),
        Expect(b"a007 FETCH 12 BODY[HEADER]\r\n"),
        Server(b"* 12 FETCH (BODY[HEADER] {342}\r\nDate: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\nSubject: IMAP4rev2 WG mtg summary and minutes\r\nTo: imap@cac.washington.edu\r\ncc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\nMessage-Id: <B27397-0100000@cac.washington.edu>\r\nMIME-Version: 1.0\r\nContent-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n)\r\na007 OK FETCH completed\r\n"),
        Act(|c| {
            c.send(body("store 12 +flags \\deleted")).unwrap();
        }),
        Expect(b"a008 STORE 12 +FLAGS \\Deleted\r\n"),
        Server(b"* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\na008 OK +FLAGS completed\r\n"),
        Act(|c| {
            c.logout().unwrap();
            assert_eq!(c.state(), ClientState::Logout);
        }),
        Expect(b"a009 LOGOUT\r\n"),
        Server(b"* BYE IMAP4rev2 server terminating connection\r\na009 OK LOGOUT completed\r\n"),
    ];
    let (events, client) = session(&steps, &config());
    assert!(client.is_closed());
    assert!(client.is_tls());
    // Greeting, STARTTLS Done + StartTls, CAPABILITY data + Done, AUTHENTICATE Done, ENABLED data
    // + Done, 4 untagged + LIST data + Done, FETCH data + Done (×3), BYE + Done + Closed.
    assert!(events[0].starts_with("Greeting"));
    assert_eq!(count(&events, "StartTls"), 1);
    assert_eq!(count(&events, "Done"), 9);
    assert_eq!(count(&events, "Data"), 6);
    assert_eq!(count(&events, "Closed"), 1);
    assert_eq!(count(&events, "Error"), 0);
    assert!(!events.iter().any(|e| e.contains("injected")));
    assert_eq!(events.last().unwrap(), "Closed");
}

// ---- RFC 3501 §8 ---------------------------------------------------------------------------------

#[test]
fn rfc3501_section8() {
    let steps = [
        Server(b"* OK IMAP4rev1 Service Ready\r\n"),
        Act(|c| {
            assert!(!c.capabilities_known());
            c.login("mrc", "secret").unwrap();
        }),
        Expect(b"a001 LOGIN mrc secret\r\n"),
        Server(b"a001 OK LOGIN completed\r\n"),
        Act(|c| {
            c.send(body("select inbox")).unwrap();
        }),
        Expect(b"a002 SELECT INBOX\r\n"),
        Server(b"* 18 EXISTS\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* 2 RECENT\r\n* OK [UNSEEN 17] Message 17 is the first unseen message\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\na002 OK [READ-WRITE] SELECT completed\r\n"),
        Act(|c| {
            let m = c.mailbox().unwrap();
            assert_eq!((m.exists, m.recent, m.unseen.unwrap().get()), (18, Some(2), 17));
            c.send(body("fetch 12 full")).unwrap();
        }),
        Expect(b"a003 FETCH 12 FULL\r\n"),
        Server(RFC3501_8_FETCH),
        Act(|c| {
            c.send(body("fetch 12 body[header]")).unwrap();
        }),
        Expect(b"a004 FETCH 12 BODY[HEADER]\r\n"),
        Server(RFC3501_8_HEADER),
        Act(|c| {
            c.send(body("store 12 +flags \\deleted")).unwrap();
        }),
        Expect(b"a005 STORE 12 +FLAGS \\Deleted\r\n"),
        Server(b"* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\na005 OK +FLAGS completed\r\n"),
        Act(|c| {
            c.logout().unwrap();
        }),
        Expect(b"a006 LOGOUT\r\n"),
        Server(b"* BYE IMAP4rev1 server terminating connection\r\na006 OK LOGOUT completed\r\n"),
    ];
    let (events, client) = session(&steps, &config());
    assert!(client.is_closed());
    assert_eq!(count(&events, "Done"), 6);
    assert_eq!(count(&events, "Data"), 3);
    assert_eq!(count(&events, "Untagged"), 6);
    assert_eq!(count(&events, "Error"), 0);
}

// ---- literals -----------------------------------------------------------------------------------

#[test]
fn synchronizing_literal_waits_for_continuation() {
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1] ready\r\n"),
        Act(|c| {
            c.login("fred", "pass\"word\\with\r\nnewline").unwrap();
            c.noop().unwrap();
        }),
        // Only the line up to the literal header; NOOP waits behind LOGIN.
        Expect(b"a001 LOGIN fred {23}\r\n"),
        Server(b"+ Ready for literal data\r\n"),
        Expect(b"pass\"word\\with\r\nnewline\r\n"),
        Server(b"a001 OK LOGIN completed\r\n"),
        Expect(b"a002 NOOP\r\n"),
        Server(b"a002 OK NOOP completed\r\n"),
    ];
    let (events, client) = session(&steps, &config());
    assert_eq!(client.state(), ClientState::Authenticated);
    assert_eq!(count(&events, "Done"), 2);
    assert_eq!(count(&events, "Error"), 0);
}

#[test]
fn no_instead_of_continuation_abandons_command() {
    let steps = [
        Server(b"* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n"),
        Act(|c| {
            c.send(body("append saved-messages {5}\r\nhello")).unwrap();
            c.noop().unwrap();
        }),
        Expect(b"a001 APPEND saved-messages {5}\r\n"),
        Server(b"a001 NO [TOOBIG] too large\r\n"),
        Expect(b"a002 NOOP\r\n"),
        Server(b"a002 OK done\r\n"),
    ];
    let (events, _) = session(&steps, &config());
    assert!(events[1].contains("status: No"));
}

#[test]
fn literal_plus_and_minus() {
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"),
        Act(|c| {
            c.login("fred", "a\r\nb").unwrap();
        }),
        Expect(b"a001 LOGIN fred {4+}\r\na\r\nb\r\n"),
    ];
    session(&steps, &config());
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1 LITERAL-] ready\r\n"),
        Act(|c| {
            c.login("fred", "a\r\nb").unwrap();
        }),
        Expect(b"a001 LOGIN fred {4+}\r\na\r\nb\r\n"),
    ];
    session(&steps, &config());
    // LITERAL- only up to 4096 octets (RFC 7888 §5).
    let mut c = Client::new(config());
    c.receive(b"* OK [CAPABILITY IMAP4rev1 LITERAL-] ready\r\n");
    while c.poll_event().is_some() {}
    let big = "x\r\n".repeat(2000);
    c.login("fred", &big).unwrap();
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    assert_eq!(out, b"a001 LOGIN fred {6000}\r\n");
    // Without the capability, or with the option off: synchronizing.
    let mut cfg = config();
    cfg.non_sync_literals = false;
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"),
        Act(|c| {
            c.login("fred", "a\r\nb").unwrap();
        }),
        Expect(b"a001 LOGIN fred {4}\r\n"),
    ];
    session(&steps, &cfg);
}

// ---- SASL ---------------------------------------------------------------------------------------

#[test]
fn authenticate_plain_with_and_without_sasl_ir() {
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n"),
        Act(|c| {
            c.authenticate(ClientSession::plain(None, "tim", "tanstaaftanstaaf").unwrap())
                .unwrap();
        }),
        Expect(b"a001 AUTHENTICATE PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n"),
        Server(b"a001 OK [CAPABILITY IMAP4rev1 IDLE] done\r\n"),
        Act(|c| {
            assert_eq!(c.state(), ClientState::Authenticated);
            assert!(c.has_capability(&Capability::Idle));
        }),
    ];
    session(&steps, &config());
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"),
        Act(|c| {
            assert_eq!(
                c.authenticate(ClientSession::login("tim", "x").unwrap()),
                Err(ClientError::NotAdvertised("sasl mechanism"))
            );
            c.authenticate(ClientSession::plain(None, "tim", "tanstaaftanstaaf").unwrap())
                .unwrap();
        }),
        Expect(b"a001 AUTHENTICATE PLAIN\r\n"),
        Server(b"+ \r\n"),
        Expect(b"AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\n"),
        Server(b"a001 NO [AUTHENTICATIONFAILED] bad\r\n"),
        Act(|c| assert_eq!(c.state(), ClientState::NotAuthenticated)),
    ];
    session(&steps, &config());
}

#[test]
fn authenticate_cancels_bad_challenge_and_rejects_bad_server_signature() {
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev1 AUTH=SCRAM-SHA-256] ready\r\n"),
        Act(|c| {
            let s = ClientSession::scram_sha256("user", "pencil")
                .unwrap()
                .with_nonce("fixed")
                .unwrap();
            c.authenticate(s).unwrap();
        }),
        Expect(b"a001 AUTHENTICATE SCRAM-SHA-256\r\n"),
        Server(b"+ \r\n"),
        Server(b"+ !!notbase64\r\n"),
        Server(b"a001 BAD cancelled\r\n"),
    ];
    let (events, client) = session(&steps, &config());
    assert_eq!(client.state(), ClientState::NotAuthenticated);
    assert_eq!(count(&events, "Error(Sasl"), 1);
    // A wrong server signature after OK closes the session.
    let steps = [
        Server(b"* OK [CAPABILITY IMAP4rev2 AUTH=SCRAM-SHA-256] ready\r\n"),
        Act(|c| {
            let s = ClientSession::scram_sha256("user", "pencil")
                .unwrap()
                .with_nonce("rOprNGfwEbeRWgbNEkqO")
                .unwrap();
            c.authenticate(s).unwrap();
        }),
        Server(b"+ cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopaE5sRiRrMCxzPVcyMlphSjBTTlk3c29Fc1VFamI2Z1E9PSxpPTQwOTY=\r\n"),
        Server(b"a001 OK authenticated (without the server signature)\r\n"),
    ];
    let (events, client) = session(&steps, &config());
    assert!(client.is_closed());
    assert_eq!(count(&events, "Error(Sasl"), 1);
}

// ---- STARTTLS, BYE, greeting ------------------------------------------------------------------

#[test]
fn starttls_discards_until_established() {
    let mut c = Client::new(config());
    c.receive(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
    while c.poll_event().is_some() {}
    c.starttls().unwrap();
    let cap = c.capability().unwrap();
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    // CAPABILITY waits behind STARTTLS.
    assert_eq!(out, b"a001 STARTTLS\r\n");
    c.receive(b"a001 OK begin TLS\r\na002 OK fake\r\n");
    assert!(matches!(
        c.poll_event(),
        Some(ClientEvent::Done {
            status: State::Ok,
            ..
        })
    ));
    assert_eq!(c.poll_event(), Some(ClientEvent::StartTls));
    assert_eq!(c.poll_event(), None);
    assert_eq!(c.receive(b"* BYE injected\r\n"), 16);
    assert_eq!(c.poll_event(), None);
    out.clear();
    c.poll_transmit(&mut out);
    assert!(out.is_empty());
    assert!(c.capability().is_err());
    c.tls_established().unwrap();
    c.poll_transmit(&mut out);
    assert_eq!(out, b"a002 CAPABILITY\r\n");
    c.receive(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na002 OK done\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == cap));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == cap));
    assert!(c.capabilities_known());
    assert!(c.starttls().is_err());
}

#[test]
fn unexpected_bye_closes() {
    let steps = [
        Server(b"* PREAUTH ready\r\n"),
        Act(|c| {
            c.noop().unwrap();
        }),
        Expect(b"a001 NOOP\r\n"),
        Server(b"* BYE Autologout; idle for too long\r\na001 OK ignored\r\n"),
        Act(|c| {
            assert!(c.is_closed());
            assert!(c.noop().is_err());
        }),
    ];
    let (events, _) = session(&steps, &config());
    assert_eq!(count(&events, "Closed"), 1);
    assert_eq!(count(&events, "Done"), 0);
    let (events, c) = session(&[Server(b"* BYE go away\r\n")], &config());
    assert!(c.is_closed());
    assert_eq!(events.len(), 2);
    let (events, c) = session(&[Server(b"garbage\r\n")], &config());
    assert!(c.is_closed());
    assert_eq!(events.len(), 2);
}

// ---- state checks -------------------------------------------------------------------------------

#[test]
fn state_checks() {
    let mut c = Client::new(config());
    assert!(matches!(c.noop(), Err(ClientError::InvalidState { .. })));
    c.receive(b"* OK ready\r\n");
    while c.poll_event().is_some() {}
    assert!(matches!(
        c.send(body("fetch 1 flags")),
        Err(ClientError::InvalidState {
            action: "FETCH",
            state: ClientState::NotAuthenticated
        })
    ));
    assert!(matches!(
        c.select(Mailbox::Inbox),
        Err(ClientError::InvalidState {
            action: "SELECT",
            ..
        })
    ));
    assert!(c.send(body("authenticate plain")).is_err());
    c.login("a", "b").unwrap();
    assert!(c.login("a", "b").is_err());
    assert!(c.starttls().is_err());
    c.receive(b"a001 OK done\r\n");
    while c.poll_event().is_some() {}
    c.poll_transmit(&mut Vec::new());
    assert!(c.login("a", "b").is_err());
    assert!(matches!(
        c.send(body("compress deflate")),
        Err(ClientError::InvalidArgument(_))
    ));
    assert!(c.send(body("fetch 1 flags")).is_err());
    c.idle().unwrap();
    assert_eq!(c.state(), ClientState::Idle);
    assert!(matches!(
        c.noop(),
        Err(ClientError::InvalidState {
            state: ClientState::Idle,
            ..
        })
    ));
    c.idle_done().unwrap();
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    assert_eq!(out, b"a002 IDLE\r\n");
    c.receive(b"+ idling\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Idling { .. })));
    out.clear();
    c.poll_transmit(&mut out);
    assert_eq!(out, b"DONE\r\n");
    c.receive(b"a002 OK IDLE terminated\r\n");
    while c.poll_event().is_some() {}
    assert_eq!(c.state(), ClientState::Authenticated);
    c.examine(Mailbox::Inbox).unwrap();
    c.receive(b"* 3 EXISTS\r\na003 OK [READ-ONLY] done\r\n");
    while c.poll_event().is_some() {}
    assert_eq!(c.state(), ClientState::Selected { read_only: true });
    assert!(c.enable(vec![Capability::CondStore]).is_err());
    c.send(body("close")).unwrap();
    c.receive(b"a004 OK closed\r\n");
    while c.poll_event().is_some() {}
    assert_eq!(c.state(), ClientState::Authenticated);
    assert!(c.mailbox().is_none());
}

// ---- IDLE ---------------------------------------------------------------------------------------

#[test]
fn idle_session() {
    let steps = [
        Server(b"* PREAUTH [CAPABILITY IMAP4rev1 IDLE] ready\r\n"),
        Act(|c| {
            c.select(Mailbox::Inbox).unwrap();
        }),
        Expect(b"a001 SELECT INBOX\r\n"),
        Server(b"* 3 EXISTS\r\na001 OK [READ-WRITE] done\r\n"),
        Act(|c| {
            c.idle().unwrap();
        }),
        Expect(b"a002 IDLE\r\n"),
        Server(b"+ idling\r\n* 4 EXISTS\r\n* 2 EXPUNGE\r\n"),
        Act(|c| {
            assert_eq!(c.mailbox().unwrap().exists, 3);
            c.idle_done().unwrap();
        }),
        Expect(b"DONE\r\n"),
        Server(b"a002 OK IDLE terminated\r\n"),
        Act(|c| assert_eq!(c.state(), ClientState::Selected { read_only: false })),
    ];
    let (events, _) = session(&steps, &config());
    assert_eq!(count(&events, "Idling"), 1);
    assert_eq!(count(&events, "Untagged(Exists"), 2);
    assert_eq!(count(&events, "Untagged(Expunge"), 1);
}

// ---- pipelining (RFC 9051 §5.5) ----------------------------------------------------------------

fn selected() -> Client {
    let mut c = Client::new(config());
    c.receive(b"* PREAUTH ready\r\n");
    while c.poll_event().is_some() {}
    c.select(Mailbox::Inbox).unwrap();
    c.receive(b"* 10 EXISTS\r\na001 OK done\r\n");
    while c.poll_event().is_some() {}
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    c
}

fn sent_now(cmds: &[&str]) -> String {
    let mut c = selected();
    for cmd in cmds {
        c.send(body(cmd)).unwrap();
    }
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn pipelining_rules() {
    // Valid non-waiting sequences (RFC 9051 §5.5).
    assert_eq!(
        sent_now(&[
            "fetch 1 flags",
            "store 1 +flags (\\Seen)",
            "search 1",
            "check"
        ]),
        "a002 FETCH 1 FLAGS\r\na003 STORE 1 +FLAGS (\\Seen)\r\na004 SEARCH 1\r\na005 CHECK\r\n"
    );
    assert_eq!(
        sent_now(&["store 1 +flags (\\Seen)", "copy 1 x", "expunge"]),
        "a002 STORE 1 +FLAGS (\\Seen)\r\na003 COPY 1 x\r\na004 EXPUNGE\r\n"
    );
    assert_eq!(
        sent_now(&["noop", "uid fetch 1:* flags"]),
        "a002 NOOP\r\na003 UID FETCH 1:* FLAGS\r\n"
    );
    // Invalid ones wait at the ambiguous command.
    assert_eq!(
        sent_now(&["fetch 1 flags", "noop", "store 1 +flags (\\Seen)"]),
        "a002 FETCH 1 FLAGS\r\na003 NOOP\r\n"
    );
    assert_eq!(
        sent_now(&["store 1 +flags (\\Seen)", "copy 1 x", "fetch 1 flags"]),
        "a002 STORE 1 +FLAGS (\\Seen)\r\na003 COPY 1 x\r\n"
    );
    assert_eq!(sent_now(&["copy 1 x", "copy 1 x"]), "a002 COPY 1 x\r\n");
    assert_eq!(sent_now(&["check", "fetch 1 flags"]), "a002 CHECK\r\n");
    assert_eq!(
        sent_now(&["uid search all", "search 1:2"]),
        "a002 UID SEARCH ALL\r\n"
    );
    // State-changing commands wait for everything before and hold back everything after.
    assert_eq!(sent_now(&["noop", "select x", "noop"]), "a002 NOOP\r\n");
    // The saved result waits for the search.
    assert_eq!(
        sent_now(&["search return (save) all", "uid fetch $ flags"]),
        "a002 SEARCH RETURN (SAVE) ALL\r\n"
    );
    // Released when the blocker completes; responses routed by tag.
    let mut c = selected();
    let f = c.send(body("fetch 1 flags")).unwrap();
    let n = c.noop().unwrap();
    let s = c.send(body("store 1 +flags (\\Seen)")).unwrap();
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    c.receive(b"* 1 FETCH (FLAGS ())\r\na003 OK noop\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == f));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == n));
    out.clear();
    c.poll_transmit(&mut out);
    assert_eq!(out, b"a004 STORE 1 +FLAGS (\\Seen)\r\n");
    c.receive(b"a002 OK fetch\r\n* 1 FETCH (FLAGS (\\Seen))\r\na004 OK store\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == f));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == s));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == s));
    // Unknown tag, unexpected continuation: reported, not fatal.
    c.receive(b"zz9 OK what\r\n+ what\r\n");
    assert_eq!(
        c.poll_event(),
        Some(ClientEvent::Error(ClientError::UnexpectedTag))
    );
    assert_eq!(
        c.poll_event(),
        Some(ClientEvent::Error(ClientError::UnexpectedContinuation))
    );
    assert!(!c.is_closed());
    // Without pipelining: one at a time.
    let mut cfg = config();
    cfg.pipelining = false;
    let mut c = Client::new(cfg);
    c.receive(b"* PREAUTH ready\r\n");
    while c.poll_event().is_some() {}
    c.noop().unwrap();
    c.noop().unwrap();
    out.clear();
    c.poll_transmit(&mut out);
    assert_eq!(out, b"a001 NOOP\r\n");
}

// ---- mailbox view -------------------------------------------------------------------------------

#[test]
fn qresync_mailbox_view() {
    let steps = [
        Server(b"* PREAUTH [CAPABILITY IMAP4rev1 QRESYNC CONDSTORE ENABLE] ready\r\n"),
        Act(|c| {
            c.enable(vec![Capability::QResync]).unwrap();
        }),
        Expect(b"a001 ENABLE QRESYNC\r\n"),
        Server(b"* ENABLED QRESYNC\r\na001 OK\r\n"),
        Act(|c| {
            c.send(body("select INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))"))
                .unwrap();
        }),
        Expect(b"a002 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n"),
        Server(b"* OK [CLOSED]\r\n* 100 EXISTS\r\n* 11 RECENT\r\n* OK [UIDVALIDITY 67890007] UIDVALIDITY\r\n* OK [UIDNEXT 600] Predicted next UID\r\n* OK [HIGHESTMODSEQ 20010715194045007] Highest\r\n* OK [UNSEEN 7] There are some unseen messages in the mailbox\r\n* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen)\r\n* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen \\*)] Permanent flags\r\n* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n* 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (90060115194045001))\r\na002 OK [READ-WRITE] mailbox selected\r\n"),
        Act(|c| {
            let m = c.mailbox().unwrap();
            assert_eq!(m.exists, 100);
            assert_eq!(m.uid_validity.unwrap().get(), 67890007);
            assert_eq!(m.uid_next.unwrap().get(), 600);
            assert_eq!(m.highest_modseq, Some(90060115194045001));
            assert_eq!(m.permanent_flags.as_ref().unwrap().len(), 6);
            c.noop().unwrap();
        }),
        Expect(b"a003 NOOP\r\n"),
        Server(b"* VANISHED 405,407,410\r\n* 5 EXPUNGE\r\n* 98 EXISTS\r\na003 OK [HIGHESTMODSEQ 90060115194045009] done\r\n"),
        Act(|c| {
            let m = c.mailbox().unwrap();
            assert_eq!(m.exists, 98);
            assert_eq!(m.highest_modseq, Some(90060115194045009));
        }),
    ];
    let (events, _) = session(&steps, &config());
    // VANISHED (EARLIER) and the FETCH belong to the SELECT; the later VANISHED is untagged.
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("Data") && e.contains("Vanished { earlier: true"))
    );
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("Untagged(Vanished { earlier: false"))
    );
}

// ---- more literal and routing cases -------------------------------------------------------------

#[test]
fn multiappend_waits_for_each_continuation() {
    let steps = [
        Server(b"* PREAUTH [CAPABILITY IMAP4rev1 MULTIAPPEND] ready\r\n"),
        Act(|c| {
            c.send(body("append saved (\\Seen) {5}\r\nhello {5}\r\nworld"))
                .unwrap();
        }),
        Expect(b"a001 APPEND saved (\\Seen) {5}\r\n"),
        Server(b"+ Ready for literal data\r\n"),
        Expect(b"hello {5}\r\n"),
        Server(b"+ Ready for literal data\r\n"),
        Expect(b"world\r\n"),
        Server(b"a001 OK [APPENDUID 38505 3955:3956] APPEND completed\r\n"),
    ];
    let (events, _) = session(&steps, &config());
    assert_eq!(count(&events, "Done"), 1);
    assert_eq!(count(&events, "Error"), 0);
}

#[test]
fn esearch_routed_by_tag_correlator() {
    let mut c = Client::new(config());
    c.receive(b"* PREAUTH ready\r\n");
    while c.poll_event().is_some() {}
    c.select(Mailbox::Inbox).unwrap();
    c.receive(b"* 10 EXISTS\r\na001 OK done\r\n");
    while c.poll_event().is_some() {}
    let s1 = c.send(body("uid search return (min) all")).unwrap();
    let f = c.send(body("uid fetch 1 flags")).unwrap();
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    // A UID FETCH may follow a UID SEARCH without waiting.
    assert!(out.ends_with(b"a002 UID SEARCH RETURN (MIN) ALL\r\na003 UID FETCH 1 FLAGS\r\n"));
    c.receive(
        b"* ESEARCH (TAG \"a002\") UID MIN 4\r\n* 1 FETCH (UID 1 FLAGS ())\r\na002 OK done\r\n",
    );
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == s1));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == f));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == s1));
    c.receive(b"* 2 FETCH (FLAGS (\\Seen))\r\na003 BAD whatever\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == f));
    assert!(
        matches!(c.poll_event(), Some(ClientEvent::Done { command, status: State::Bad, .. }) if command == f)
    );
    // With nothing in flight a FETCH response is unsolicited.
    c.receive(b"* 3 FETCH (FLAGS ())\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Untagged(_))));
    // A failed SELECT leaves no mailbox selected (RFC 9051 §6.3.2); BAD changes nothing.
    c.send(body("select nosuch")).unwrap();
    c.receive(b"a004 BAD syntax\r\n");
    while c.poll_event().is_some() {}
    assert!(matches!(c.state(), ClientState::Selected { .. }));
    c.send(body("select nosuch")).unwrap();
    c.receive(b"a005 NO no such mailbox\r\n");
    while c.poll_event().is_some() {}
    assert_eq!(c.state(), ClientState::Authenticated);
    assert!(c.mailbox().is_none());
}

/// CATENATE (RFC 4469) `TEXT` literals and a `UTF8 (~{n})` part (RFC 6855 §4): the client
/// stops after each synchronizing literal header, inside the part list, until `+`.
#[test]
fn catenate_waits_for_each_continuation() {
    let steps = [
        Server(b"* PREAUTH [CAPABILITY IMAP4rev1 CATENATE UTF8=ACCEPT] ready\r\n"),
        Act(|c| {
            c.send(body(
                "append Drafts CATENATE (URL \"/Drafts/;UID=20/;section=HEADER\" TEXT {4}\r\n\r\n\r\n URL /Drafts/;UID=20/;section=1 TEXT {3}\r\nabc UTF8 (~{2}\r\n\u{e9}))",
            ))
            .unwrap();
        }),
        Expect(
            b"a001 APPEND Drafts CATENATE (URL \"/Drafts/;UID=20/;section=HEADER\" TEXT {4}\r\n",
        ),
        Server(b"+ Ready for literal data\r\n"),
        Expect(b"\r\n\r\n URL /Drafts/;UID=20/;section=1 TEXT {3}\r\n"),
        Server(b"+ Ready for literal data\r\n"),
        Expect(b"abc UTF8 (~{2}\r\n"),
        Server(b"+ Ready for literal data\r\n"),
        Expect("\u{e9}))\r\n".as_bytes()),
        Server(b"a001 NO [BADURL /Drafts/;UID=20/;section=1] no such part\r\n"),
    ];
    let (events, _) = session(&steps, &config());
    assert_eq!(count(&events, "Done"), 1);
    assert_eq!(count(&events, "Error"), 0);
    assert!(events.iter().any(|e| e.contains("BadUrl")), "{events:?}");
}

/// RFC 5267 §4.3: the ESEARCH of an `UPDATE` search answers the command while it is in
/// flight; the `ADDTO`/`REMOVEFROM` updates that follow its completion are unsolicited.
/// `CANCELUPDATE` needs a selected mailbox.
#[test]
fn esort_update_notifications_are_unsolicited() {
    let mut c = Client::new(config());
    c.receive(b"* PREAUTH [CAPABILITY IMAP4rev1 ESORT CONTEXT=SORT] ready\r\n");
    while c.poll_event().is_some() {}
    assert!(c.send(body("cancelupdate \"a002\"")).is_err());
    c.select(Mailbox::Inbox).unwrap();
    c.receive(b"* 10 EXISTS\r\na001 OK done\r\n");
    while c.poll_event().is_some() {}
    let s = c
        .send(body("uid sort return (update all) (date) UTF-8 all"))
        .unwrap();
    let mut out = Vec::new();
    c.poll_transmit(&mut out);
    assert!(
        out.ends_with(b"a002 UID SORT RETURN (UPDATE ALL) (DATE) UTF-8 ALL\r\n"),
        "{}",
        out.escape_ascii()
    );
    c.receive(b"* ESEARCH (TAG \"a002\") UID ALL 5,3,4\r\na002 OK done\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Data { command, .. }) if command == s));
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == s));
    c.receive(b"* ESEARCH (TAG \"a002\") UID ADDTO (1 7)\r\n");
    match c.poll_event() {
        Some(ClientEvent::Untagged(UntaggedResponse::Esearch(e))) => {
            assert!(matches!(e.data.as_slice(), [EsearchData::AddTo(_)]))
        }
        other => panic!("{other:?}"),
    }
    let cancel = c.send(body("cancelupdate \"a002\"")).unwrap();
    c.receive(b"a003 OK done\r\n");
    assert!(matches!(c.poll_event(), Some(ClientEvent::Done { command, .. }) if command == cancel));
}
