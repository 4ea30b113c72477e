//! Interop: the `imap-proto` codec against a real IMAP server (Dovecot 2.3).
//!
//! Dovecot is started by `scripts/interop/start.sh`; this test reads the env file it writes
//! (`MAILPROTO_INTEROP_ENV`). It is `#[ignore]`d in a plain `cargo test` because it needs that
//! server; `scripts/interop/run.sh` runs it with `--ignored`, and there a missing server is a
//! failure, not a skip.
//!
//! A small blocking driver speaks IMAP with nothing but the codec: every command is written as
//! IMAP text, parsed with [`parse_command`] (the server-side parser) and sent as the
//! [`Encoder`]'s [`Fragment`]s with the session's [`EncodeOptions`] (waiting for the server's `+`
//! before each synchronizing literal; `{n+}` once Dovecot announced LITERAL+; literals for 8-bit
//! strings since Dovecot 2.3 has no UTF8=ACCEPT). Every byte Dovecot sends goes through the
//! [`Framer`] and [`parse_response`]; each response must parse completely and survive a round
//! trip (`parse(encode(r)) == r`). Failures are collected with the raw bytes and reported
//! together at the end, so one run shows all of them.
//!
//! Covered: every command Dovecot 2.3 offers with its extensions (CAPABILITY, NOOP, ID, ENABLE,
//! STARTTLS, LOGIN, AUTHENTICATE PLAIN with and without SASL-IR, NAMESPACE, LIST (plain and
//! extended with RETURN options), LSUB, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, STATUS,
//! SELECT/EXAMINE with CONDSTORE and QRESYNC, APPEND (flags, date, synchronizing literal,
//! LITERAL+, MULTIAPPEND, literal8), FETCH with every attribute, SEARCH with many keys, CHARSET,
//! ESEARCH, SEARCHRES, SORT, THREAD, STORE, COPY, MOVE, the UID forms, EXPUNGE, UID EXPUNGE,
//! CHECK, CLOSE, UNSELECT, IDLE, GETMETADATA/SETMETADATA, LOGOUT); the names of the mailboxes
//! are unique per run and they are deleted at the end.
//!
//! Also the extensions Dovecot 2.3 offers: CATENATE, ESORT, CONTEXT=SEARCH (`PARTIAL`,
//! `UPDATE`), PREVIEW, NOTIFY (notifications from a second connection), SORT=DISPLAY, WITHIN,
//! SAVEDATE, STATUS=SIZE, BINARY, MOVE. A command the codec cannot express is a failure; only
//! the SNIPPET draft, which predates RFC 8970, is sent as raw text so that at least its response
//! goes through the checks above. Finally the whole stream received on each connection is framed
//! again one byte at a time: the same frames must come out, and every strict prefix of a
//! response must parse as incomplete.
#![cfg(feature = "imap")]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use mailproto::imap::encode::{Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy};
use mailproto::imap::parse::{
    Framer, ParseConfig, Status, parse_command, parse_response, skip_line,
};
use mailproto::imap::types::{
    Capability, Condition, EsearchData, FetchData, Flag, FlagFetch, ListResponse, LiteralMode,
    MailboxAttribute, NString, Response, ResponseCode, State, StatusValue, UntaggedResponse,
};
use rustls::pki_types::ServerName;
use rustls::pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// The env file written by `scripts/interop/start.sh`.
fn interop_env() -> HashMap<String, String> {
    let path = std::env::var("MAILPROTO_INTEROP_ENV")
        .expect("MAILPROTO_INTEROP_ENV is not set: run these tests through scripts/interop/run.sh");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// Everything that went wrong, reported at the end.
static FAILURES: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// Commands the codec could not express (each one a failure, reported at the end).
static GAPS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn fail(msg: String) {
    eprintln!("FAILURE: {msg}");
    FAILURES.lock().unwrap().push(msg);
}

fn check(cond: bool, msg: impl FnOnce() -> String) {
    if !cond {
        fail(msg());
    }
}

/// Bytes for a report: printable ASCII as is, the rest escaped, long data shortened.
fn show(bytes: &[u8]) -> String {
    const MAX: usize = 1500;
    let mut s = String::new();
    for &b in bytes.iter().take(MAX) {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    if bytes.len() > MAX {
        s.push_str(&format!("... ({} bytes)", bytes.len()));
    }
    s
}

/// A synchronizing literal in command text: `{n}` CRLF data.
fn lit(data: &[u8]) -> Vec<u8> {
    let mut v = format!("{{{}}}\r\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v
}

/// Concatenates byte pieces.
fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

type TlsStream = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream>),
    Closed,
}

impl Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Closed => Ok(0),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.write_all(buf),
            Stream::Tls(s) => s.write_all(buf).and_then(|()| s.flush()),
            Stream::Closed => Err(std::io::ErrorKind::NotConnected.into()),
        }
    }
}

/// The result of one command.
#[derive(Debug, Default)]
struct Outcome {
    /// The tagged status (`None` when the command was not sent or the completion did not parse).
    state: Option<State>,
    /// The tagged response code.
    code: Option<ResponseCode<'static>>,
    /// The tagged text.
    text: String,
    /// The untagged responses received while the command ran.
    untagged: Vec<UntaggedResponse<'static>>,
    /// Continuation requests received.
    continues: usize,
}

impl Outcome {
    fn lists(&self) -> impl Iterator<Item = &ListResponse<'static>> {
        self.untagged.iter().filter_map(|u| match u {
            UntaggedResponse::List(l) | UntaggedResponse::Lsub(l) => Some(l),
            _ => None,
        })
    }

    fn fetches(&self) -> impl Iterator<Item = (u32, &Vec<FetchData<'static>>)> {
        self.untagged.iter().filter_map(|u| match u {
            UntaggedResponse::Fetch { seq, items } => Some((seq.get(), items)),
            _ => None,
        })
    }

    /// The items of the FETCH response carrying `UID uid`.
    fn fetch_uid(&self, uid: u32) -> Option<&Vec<FetchData<'static>>> {
        self.fetches().map(|(_, items)| items).find(|items| {
            items
                .iter()
                .any(|i| matches!(i, FetchData::Uid(u) if u.get() == uid))
        })
    }

    fn search(&self) -> Option<Vec<u32>> {
        self.untagged.iter().find_map(|u| match u {
            UntaggedResponse::Search { ids, .. } => Some(ids.iter().map(|n| n.get()).collect()),
            _ => None,
        })
    }

    fn sort(&self) -> Option<Vec<u32>> {
        self.untagged.iter().find_map(|u| match u {
            UntaggedResponse::Sort { ids, .. } => Some(ids.iter().map(|n| n.get()).collect()),
            _ => None,
        })
    }

    fn exists(&self) -> Option<u32> {
        self.untagged.iter().rev().find_map(|u| match u {
            UntaggedResponse::Exists(n) => Some(*n),
            _ => None,
        })
    }

    fn status_codes(&self) -> impl Iterator<Item = &ResponseCode<'static>> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                UntaggedResponse::Status { text, .. } => text.code(),
                _ => None,
            })
            .chain(self.code.as_ref())
    }
}

/// Numbers of a sequence set without `*` (`3:5,7`).
fn numbers(set: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in set.split(',') {
        match part.split_once(':') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.parse().unwrap(), b.parse().unwrap());
                out.extend(a.min(b)..=a.max(b));
            }
            None => out.push(part.parse().unwrap()),
        }
    }
    out
}

/// One connection driven by the codec.
struct Conn {
    label: String,
    stream: Stream,
    buf: Vec<u8>,
    framer: Framer,
    config: ParseConfig,
    options: EncodeOptions,
    next_tag: u32,
    capabilities: Vec<String>,
    responses: usize,
    commands: Vec<String>,
    /// Every byte received, for [`Conn::check_chunking`].
    transcript: Vec<u8>,
    /// The length of every frame the framer found during the session.
    frames: Vec<usize>,
    /// The indexes (in `frames`) of those that did not parse (already reported).
    bad_frames: Vec<usize>,
}

/// What [`Conn::read`] got.
enum Got {
    Resp(Response<'static>),
    /// A message that did not parse (already recorded as a failure).
    Bad(Vec<u8>),
    /// The server closed the connection.
    Eof,
}

impl Conn {
    fn open(env: &HashMap<String, String>, label: &str) -> Conn {
        let addr = format!("{}:{}", env["IMAP_HOST"], env["IMAP_PORT"]);
        let stream = TcpStream::connect(&addr).unwrap_or_else(|e| panic!("connect to {addr}: {e}"));
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let config = ParseConfig::default();
        let mut conn = Conn {
            label: label.to_string(),
            stream: Stream::Plain(stream),
            buf: Vec::new(),
            framer: Framer::new(&config),
            config,
            // Until the capabilities are known: synchronizing literals, 8-bit as literals.
            options: EncodeOptions::new(LiteralPolicy::Sync, false),
            next_tag: 1,
            capabilities: Vec::new(),
            responses: 0,
            commands: Vec::new(),
            transcript: Vec::new(),
            frames: Vec::new(),
            bad_frames: Vec::new(),
        };
        // Dovecot may first send `* OK Waiting for authentication process to respond..` when
        // its auth service is slow; the greeting is the `* OK` with the CAPABILITY code.
        for _ in 0..5 {
            match conn.read() {
                Got::Resp(Response::Untagged(UntaggedResponse::Status {
                    condition: Condition::Ok,
                    text,
                })) => {
                    if let Some(ResponseCode::Capability(caps)) = text.code() {
                        conn.set_capabilities(caps);
                        return conn;
                    }
                    eprintln!("{label}: before the greeting: {text:?}");
                }
                _ => break,
            }
        }
        fail(format!("{label}: no `* OK [CAPABILITY …]` greeting"));
        conn
    }

    fn set_capabilities(&mut self, caps: &[Capability<'_>]) {
        self.capabilities = caps
            .iter()
            .map(|c| c.to_string().to_ascii_uppercase())
            .collect();
    }

    fn has(&self, cap: &str) -> bool {
        self.capabilities.iter().any(|c| c == cap)
    }

    /// Reads more bytes from the server.
    fn fill(&mut self) -> bool {
        let mut tmp = [0u8; 65536];
        match self.stream.read(&mut tmp) {
            Ok(0) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&tmp[..n]);
                self.transcript.extend_from_slice(&tmp[..n]);
                true
            }
            Err(e) => {
                let msg = format!(
                    "{}: reading from Dovecot: {e}; buffered: {}",
                    self.label,
                    show(&self.buf)
                );
                fail(msg.clone());
                report_and_panic(&msg);
            }
        }
    }

    /// The next response: framed by [`Framer`], parsed by [`parse_response`], checked for a
    /// round trip.
    fn read(&mut self) -> Got {
        loop {
            match self.framer.next_frame(&self.buf) {
                Ok(Status::Complete(frame)) => {
                    let raw: Vec<u8> = self.buf.drain(..frame.len).collect();
                    self.responses += 1;
                    self.frames.push(frame.len);
                    match parse_response(&raw, &self.config) {
                        Ok(Status::Complete((resp, used))) => {
                            if used != raw.len() {
                                fail(format!(
                                    "{}: parse_response used {used} of {} bytes: {}",
                                    self.label,
                                    raw.len(),
                                    show(&raw)
                                ));
                            }
                            let again = resp.to_bytes();
                            match parse_response(&again, &self.config) {
                                Ok(Status::Complete((back, _))) if back == resp => {}
                                other => fail(format!(
                                    "{}: round trip differs: received {} re-encoded {} reparsed {:?}",
                                    self.label,
                                    show(&raw),
                                    show(&again),
                                    other.map(|s| matches!(s, Status::Complete(_)))
                                )),
                            }
                            return Got::Resp(resp.into_owned());
                        }
                        Ok(Status::Incomplete(n)) => {
                            fail(format!(
                                "{}: parse_response incomplete ({n:?}) on a complete frame: {}",
                                self.label,
                                show(&raw)
                            ));
                            self.bad_frames.push(self.frames.len() - 1);
                            return Got::Bad(raw);
                        }
                        Err(e) => {
                            self.bad_frames.push(self.frames.len() - 1);
                            fail(format!(
                                "{}: parse_response error `{e}` ({:?}); bytes around it: {:?}; whole response: {}",
                                self.label,
                                e.kind,
                                show(
                                    &raw[e.offset.saturating_sub(20).min(raw.len())
                                        ..(e.offset + 20).min(raw.len())]
                                ),
                                show(&raw)
                            ));
                            return Got::Bad(raw);
                        }
                    }
                }
                Ok(Status::Incomplete(_)) => {
                    if !self.fill() {
                        return Got::Eof;
                    }
                }
                Err(e) => {
                    let n = skip_line(&self.buf).unwrap_or(self.buf.len());
                    let raw: Vec<u8> = self.buf.drain(..n).collect();
                    fail(format!(
                        "{}: framer error `{e}`: {}",
                        self.label,
                        show(&raw)
                    ));
                    self.framer.reset();
                    return Got::Bad(raw);
                }
            }
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if let Err(e) = self.stream.write_all(bytes) {
            let msg = format!("{}: writing to Dovecot: {e}", self.label);
            fail(msg.clone());
            report_and_panic(&msg);
        }
    }

    /// Parses `text` (a command without its tag and CRLF) with [`parse_command`], encodes it
    /// with the session's options and sends it, waiting for `+` before each synchronizing
    /// literal. Returns the tag, or an outcome when the command ended early (rejected before a
    /// literal, or not expressible by the codec).
    fn begin(&mut self, text: &[u8], out: &mut Outcome) -> Option<String> {
        let tag = format!("T{}", self.next_tag);
        self.next_tag += 1;
        let line = cat(&[tag.as_bytes(), b" ", text, b"\r\n"]);
        let shown = show(&text[..text.len().min(120)]);
        self.commands.push(shown.clone());
        let cmd = match parse_command(&line, &self.config) {
            Ok(Status::Complete((cmd, used))) if used == line.len() => cmd,
            other => {
                let why = match other {
                    Ok(Status::Complete((_, used))) => format!("used {used} of {}", line.len()),
                    Ok(Status::Incomplete(n)) => format!("incomplete {n:?}"),
                    Err(e) => format!("{e}"),
                };
                let msg = format!("{}: the codec cannot express `{shown}`: {why}", self.label);
                eprintln!("GAP: {msg}");
                GAPS.lock().unwrap().push(msg);
                return None;
            }
        };
        let mut e = Encoder::with_options(self.options);
        cmd.encode(&mut e);
        // Both directions: what the encoder wrote parses back to a command that encodes to the
        // same bytes (the value itself may differ where the options changed a literal's mode or
        // turned an 8-bit quoted string into a literal).
        match parse_command(e.as_bytes(), &self.config) {
            Ok(Status::Complete((back, used))) if used == e.len() => {
                let mut again = Encoder::with_options(self.options);
                back.encode(&mut again);
                check(again.as_bytes() == e.as_bytes(), || {
                    format!(
                        "{}: command round trip: `{shown}` encoded as {} then as {}",
                        self.label,
                        show(e.as_bytes()),
                        show(again.as_bytes())
                    )
                });
            }
            other => fail(format!(
                "{}: command round trip: `{shown}` encoded as {} reparsed as {:?}",
                self.label,
                show(e.as_bytes()),
                other.map(|s| matches!(s, Status::Complete(_)))
            )),
        }
        let frags: Vec<Fragment<'_>> = e.fragments().collect();
        for f in frags {
            if let Fragment::Literal {
                data,
                mode: LiteralMode::Sync,
                ..
            } = f
            {
                // Wait for the continuation request.
                loop {
                    match self.read() {
                        Got::Resp(Response::Continue(_)) => {
                            out.continues += 1;
                            break;
                        }
                        Got::Resp(Response::Tagged(t)) if t.tag.as_str() == tag => {
                            out.state = Some(t.state);
                            out.text = String::from_utf8_lossy(t.text.text().as_bytes()).into();
                            out.code = t.text.code().cloned();
                            return None;
                        }
                        Got::Resp(Response::Untagged(u)) => out.untagged.push(u),
                        Got::Resp(other) => fail(format!(
                            "{}: unexpected response while waiting for `+`: {other:?}",
                            self.label
                        )),
                        Got::Bad(raw) if raw.starts_with(format!("{tag} ").as_bytes()) => {
                            return None;
                        }
                        Got::Bad(_) => {}
                        Got::Eof => {
                            fail(format!("{}: EOF while waiting for `+`", self.label));
                            return None;
                        }
                    }
                }
                self.write(data);
            } else {
                self.write(f.as_bytes());
            }
        }
        Some(tag)
    }

    /// Reads responses until the tagged completion of `tag`.
    fn finish(&mut self, tag: &str, out: &mut Outcome) {
        loop {
            match self.read() {
                Got::Resp(Response::Tagged(t)) if t.tag.as_str() == tag => {
                    out.state = Some(t.state);
                    out.text = String::from_utf8_lossy(t.text.text().as_bytes()).into();
                    out.code = t.text.code().cloned();
                    return;
                }
                Got::Resp(Response::Tagged(t)) => {
                    fail(format!("{}: completion for another tag: {t:?}", self.label))
                }
                Got::Resp(Response::Untagged(u)) => {
                    if let UntaggedResponse::Capability(c) = &u {
                        let c = c.clone();
                        self.set_capabilities(&c);
                    }
                    out.untagged.push(u);
                }
                Got::Resp(Response::Continue(_)) => out.continues += 1,
                Got::Bad(raw) => {
                    if raw.starts_with(format!("{tag} ").as_bytes()) {
                        return;
                    }
                }
                Got::Eof => {
                    fail(format!(
                        "{}: EOF before the completion of {tag}",
                        self.label
                    ));
                    return;
                }
            }
        }
    }

    /// Sends `text` as is (a command the codec rightly refuses to build) and checks the status.
    fn raw_expect(&mut self, text: &[u8], state: State) -> Outcome {
        let tag = format!("T{}", self.next_tag);
        self.next_tag += 1;
        self.commands.push(show(text));
        self.write(&cat(&[tag.as_bytes(), b" ", text, b"\r\n"]));
        let mut out = Outcome::default();
        self.finish(&tag, &mut out);
        check(out.state == Some(state), || {
            format!(
                "{}: raw `{}` got {:?} {:?}",
                self.label,
                show(text),
                out.state,
                out.text
            )
        });
        out
    }

    /// Runs one command to its completion.
    fn run(&mut self, text: impl AsRef<[u8]>) -> Outcome {
        let mut out = Outcome::default();
        if let Some(tag) = self.begin(text.as_ref(), &mut out) {
            self.finish(&tag, &mut out);
        }
        out
    }

    /// Runs one command and checks its tagged status.
    fn expect(&mut self, text: impl AsRef<[u8]>, state: State) -> Outcome {
        let text = text.as_ref();
        let out = self.run(text);
        if out.state.is_some() && out.state != Some(state) {
            fail(format!(
                "{}: `{}` got {:?} {:?} {:?}, expected {state:?}",
                self.label,
                show(&text[..text.len().min(200)]),
                out.state,
                out.code,
                out.text
            ));
        }
        out
    }

    fn ok(&mut self, text: impl AsRef<[u8]>) -> Outcome {
        self.expect(text, State::Ok)
    }

    /// After a capability change: LITERAL+ for literals when offered.
    fn use_capabilities(&mut self) {
        if self.has("LITERAL+") {
            self.options = EncodeOptions::new(LiteralPolicy::LiteralPlus, false);
        } else if self.has("LITERAL-") {
            self.options = EncodeOptions::new(LiteralPolicy::LiteralMinus, false);
        }
    }

    fn login(&mut self, env: &HashMap<String, String>) {
        let out = self.ok(format!(
            "LOGIN \"{}\" \"{}\"",
            env["MAIL_USER"], env["MAIL_PASSWORD"]
        ));
        if !matches!(out.code, Some(ResponseCode::Capability(_))) {
            // Dovecot sends the new capabilities in the completion's code.
            self.ok("CAPABILITY");
        } else if let Some(ResponseCode::Capability(c)) = &out.code {
            let c = c.clone();
            self.set_capabilities(&c);
        }
    }

    /// STARTTLS (the command is sent through the codec), then the TLS handshake.
    fn starttls(&mut self, env: &HashMap<String, String>) {
        self.ok("STARTTLS");
        assert!(self.buf.is_empty(), "data after the STARTTLS completion");
        let Stream::Plain(mut tcp) = std::mem::replace(&mut self.stream, Stream::Closed) else {
            panic!("STARTTLS on a TLS stream")
        };
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_file_iter(&env["CA_CERT"]).expect("read CA_CERT") {
            roots.add(cert.expect("CA certificate")).unwrap();
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        let name = ServerName::try_from(env["TLS_SERVER_NAME"].clone()).unwrap();
        let mut conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
        while conn.is_handshaking() {
            conn.complete_io(&mut tcp).expect("TLS handshake");
        }
        self.stream = Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp)));
        self.framer = Framer::new(&self.config);
    }

    /// LOGOUT: the BYE and the completion must parse, then the server closes.
    fn logout(&mut self) {
        let out = self.ok("LOGOUT");
        check(
            out.untagged.iter().any(|u| {
                matches!(
                    u,
                    UntaggedResponse::Status {
                        condition: Condition::Bye,
                        ..
                    }
                )
            }),
            || format!("{}: LOGOUT without BYE", self.label),
        );
        check(matches!(self.read(), Got::Eof), || {
            format!("{}: data after LOGOUT", self.label)
        });
        eprintln!(
            "{}: {} commands, {} responses parsed ({} bytes)",
            self.label,
            self.commands.len(),
            self.responses,
            self.transcript.len()
        );
        self.check_chunking();
    }

    /// The whole stream received again, one byte at a time: the framer must find the same
    /// frames, and every strict prefix of a frame must parse as incomplete (never an error,
    /// never a value).
    fn check_chunking(&self) {
        let mut framer = Framer::new(&self.config);
        let mut buf = Vec::new();
        let mut lens = Vec::new();
        for &b in &self.transcript {
            buf.push(b);
            match framer.next_frame(&buf) {
                Ok(Status::Complete(frame)) => {
                    lens.push(frame.len);
                    let whole: Vec<u8> = buf.drain(..frame.len).collect();
                    if whole.len() <= 16 * 1024 && !self.bad_frames.contains(&(lens.len() - 1)) {
                        for cut in 0..whole.len() {
                            match parse_response(&whole[..cut], &self.config) {
                                Ok(Status::Incomplete(_)) => {}
                                other => {
                                    fail(format!(
                                        "{}: prefix of {cut} bytes: {:?} for {}",
                                        self.label,
                                        other.map(|s| matches!(s, Status::Complete(_))),
                                        show(&whole)
                                    ));
                                    break;
                                }
                            }
                        }
                    }
                }
                Ok(Status::Incomplete(_)) => {}
                Err(e) => {
                    fail(format!("{}: byte-wise framing: {e}", self.label));
                    return;
                }
            }
        }
        check(lens == self.frames && buf.is_empty(), || {
            format!(
                "{}: byte-wise framing found {} frames, the session {}",
                self.label,
                lens.len(),
                self.frames.len()
            )
        });
    }
}

fn report_and_panic(msg: &str) -> ! {
    let failures = FAILURES.lock().map(|f| f.join("\n")).unwrap_or_default();
    panic!("{msg}\nfailures so far:\n{failures}");
}

// --- The messages -------------------------------------------------------------------------

fn msg_plain(u: &str) -> Vec<u8> {
    format!(
        "From: Alice Example <alice@example.test>\r\n\
         To: Bob <bob@example.test>, carol@example.test\r\n\
         Cc: \"Dave, D.\" <dave@example.test>\r\n\
         Subject: probe {u} plain\r\n\
         Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\
         Message-ID: <m1.{u}@example.test>\r\n\
         X-Probe: {u}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Hello from the mailproto codec test.\r\n\
         Second line with zebra.\r\n"
    )
    .into_bytes()
}

/// The attachment of [`msg_multipart`].
const ATTACHMENT: &[u8] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

fn msg_multipart(u: &str) -> Vec<u8> {
    format!(
        "From: Bob <bob@example.test>\r\n\
         To: Alice Example <alice@example.test>\r\n\
         Subject: Re: probe {u} plain\r\n\
         Date: Mon, 23 Nov 2026 11:00:00 +0000\r\n\
         Message-ID: <m2.{u}@example.test>\r\n\
         In-Reply-To: <m1.{u}@example.test>\r\n\
         References: <m1.{u}@example.test>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
         \r\n\
         preamble\r\n\
         --b1\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         Content-Language: de\r\n\
         \r\n\
         Gr=C3=BC=C3=9Fe, see the attachment.\r\n\
         --b1\r\n\
         Content-Type: application/octet-stream; name=\"data.bin\"\r\n\
         Content-Disposition: attachment; filename=\"data.bin\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         Content-ID: <att.{u}@example.test>\r\n\
         Content-Description: ten bytes\r\n\
         \r\n\
         {}\r\n\
         --b1--\r\n",
        base64::engine::general_purpose::STANDARD.encode(ATTACHMENT)
    )
    .into_bytes()
}

/// A UTF-8 subject (encoded word) and a nested message/rfc822 part.
fn msg_nested(u: &str) -> Vec<u8> {
    let inner = msg_plain(&format!("{u}-inner"));
    let mut m = format!(
        "From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.test>\r\n\
         To: alice@example.test\r\n\
         Subject: =?UTF-8?Q?K=C3=A4se?= probe {u}\r\n\
         Date: Mon, 23 Nov 2026 12:00:00 +0100\r\n\
         Message-ID: <m3.{u}@example.test>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/alternative; boundary=\"b2\"\r\n\
         \r\n\
         --b2\r\n\
         Content-Type: text/html; charset=us-ascii\r\n\
         \r\n\
         <p>forwarded</p>\r\n\
         --b2\r\n\
         Content-Type: message/rfc822\r\n\
         \r\n"
    )
    .into_bytes();
    m.extend_from_slice(&inner);
    m.extend_from_slice(b"--b2--\r\n");
    m
}

fn msg_small(u: &str, n: u32) -> Vec<u8> {
    format!(
        "From: carol@example.test\r\n\
         To: alice@example.test\r\n\
         Subject: probe {u} small {n}\r\n\
         Date: Mon, 23 Nov 2026 13:0{n}:00 +0000\r\n\
         Message-ID: <s{n}.{u}@example.test>\r\n\
         \r\n\
         small message {n}\r\n"
    )
    .into_bytes()
}

/// A message with a binary part (a NUL byte): only APPENDable as `literal8`.
fn msg_binary(u: &str) -> Vec<u8> {
    let mut m = format!(
        "From: carol@example.test\r\n\
         To: alice@example.test\r\n\
         Subject: probe {u} binary\r\n\
         Date: Mon, 23 Nov 2026 14:00:00 +0000\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: application/octet-stream\r\n\
         Content-Transfer-Encoding: binary\r\n\
         \r\n"
    )
    .into_bytes();
    m.extend_from_slice(b"bin\x00ary\x01data\r\n");
    m
}

// --- Helpers on outcomes ------------------------------------------------------------------

fn append_uids(out: &Outcome) -> (u32, Vec<u32>) {
    match &out.code {
        Some(ResponseCode::AppendUid { uid_validity, uids }) => {
            (uid_validity.get(), numbers(uids.as_str()))
        }
        other => report_and_panic(&format!(
            "APPEND without APPENDUID: {other:?} {:?}",
            out.text
        )),
    }
}

fn body_section<'a>(items: &'a [FetchData<'static>], name: &str) -> Option<&'a NString<'static>> {
    items.iter().find_map(|i| match i {
        FetchData::BodySection { section, data, .. }
            if section
                .to_bytes()
                .eq_ignore_ascii_case(format!("[{name}]").as_bytes()) =>
        {
            Some(data)
        }
        _ => None,
    })
}

fn has_flag(items: &[FetchData<'static>], flag: &Flag<'_>) -> bool {
    items.iter().any(|i| match i {
        FetchData::Flags(f) => f
            .iter()
            .any(|x| matches!(x, FlagFetch::Flag(g) if g == flag)),
        _ => false,
    })
}

fn status_value(out: &Outcome, pick: fn(&StatusValue<'static>) -> Option<u64>) -> Option<u64> {
    out.untagged.iter().find_map(|u| match u {
        UntaggedResponse::MailboxStatus(s) => s.items.iter().find_map(pick),
        _ => None,
    })
}

fn list_has(out: &Outcome, name: &str) -> bool {
    out.lists().any(|l| l.mailbox.as_bytes() == name.as_bytes())
}

fn list_attrs<'a>(out: &'a Outcome, name: &str) -> Vec<&'a MailboxAttribute<'static>> {
    out.lists()
        .filter(|l| l.mailbox.as_bytes() == name.as_bytes())
        .flat_map(|l| l.attributes.iter())
        .collect()
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

// --- The session --------------------------------------------------------------------------

#[test]
#[ignore = "needs the interop servers: scripts/interop/run.sh"]
fn imap_codec_against_dovecot() {
    let env = interop_env();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let u = format!("mp{}x{}", std::process::id(), nanos % 1_000_000_000);
    let base = u.clone();
    let child = format!("{base}/child");
    let other = format!("{base}-other");
    let renamed = format!("{base}-renamed");
    // "Käse" in modified UTF-7.
    let utf7 = format!("{base}-K&AOQ-se");
    let drafts = format!("{base}-drafts");
    // A name that must be quoted, with an escaped `"`.
    let odd = format!("{base} odd\"name");
    let odd_quoted = format!("\"{base} odd\\\"name\"");
    let deep = format!("{base}-x/y/z");

    // --- Not authenticated: CAPABILITY, NOOP, ID, STARTTLS, AUTHENTICATE ------------------
    {
        let mut c = Conn::open(&env, "tls");
        let out = c.ok("CAPABILITY");
        check(c.has("IMAP4REV1") && c.has("STARTTLS"), || {
            format!(
                "pre-login capabilities: {:?} {:?}",
                c.capabilities, out.untagged
            )
        });
        c.ok("NOOP");
        let out = c.ok("ID (\"name\" \"mailproto-imap-codec-test\" \"version\" \"0.1\")");
        check(
            out.untagged
                .iter()
                .any(|u| matches!(u, UntaggedResponse::Id(_))),
            || "ID without `* ID`".into(),
        );
        c.ok("ID NIL");
        c.starttls(&env);
        c.ok("CAPABILITY");
        check(!c.has("STARTTLS"), || {
            "STARTTLS offered again after TLS".into()
        });
        // AUTHENTICATE PLAIN without an initial response: `+` then the base64 line.
        let plain = base64::engine::general_purpose::STANDARD
            .encode(format!("\0{}\0{}", env["MAIL_USER"], env["MAIL_PASSWORD"]));
        let mut out = Outcome::default();
        if let Some(tag) = c.begin(b"AUTHENTICATE PLAIN", &mut out) {
            match c.read() {
                Got::Resp(Response::Continue(_)) => {
                    c.write(format!("{plain}\r\n").as_bytes());
                }
                _ => fail("AUTHENTICATE PLAIN: no continuation request".into()),
            }
            c.finish(&tag, &mut out);
            check(out.state == Some(State::Ok), || {
                format!("AUTHENTICATE PLAIN: {:?} {:?}", out.state, out.text)
            });
        }
        c.ok("NAMESPACE");
        c.logout();
    }
    {
        // SASL-IR on the plaintext loopback connection (Dovecot allows it there).
        let mut c = Conn::open(&env, "sasl-ir");
        check(c.has("SASL-IR") && c.has("AUTH=PLAIN"), || {
            format!("SASL-IR/AUTH=PLAIN not offered: {:?}", c.capabilities)
        });
        let bad = base64::engine::general_purpose::STANDARD
            .encode(format!("\0{}\0wrong-password", env["MAIL_USER"]));
        let out = c.expect(format!("AUTHENTICATE PLAIN {bad}"), State::No);
        check(
            matches!(out.code, Some(ResponseCode::AuthenticationFailed)),
            || format!("wrong password: code {:?}", out.code),
        );
        let plain = base64::engine::general_purpose::STANDARD
            .encode(format!("\0{}\0{}", env["MAIL_USER"], env["MAIL_PASSWORD"]));
        let out = c.ok(format!("AUTHENTICATE PLAIN {plain}"));
        check(out.continues == 0, || "SASL-IR got a continuation".into());
        c.expect("LOGIN a b", State::Bad);
        c.logout();
    }

    // --- The main session ----------------------------------------------------------------
    let mut c = Conn::open(&env, "main");
    c.expect(
        format!("LOGIN \"{}\" \"wrong\"", env["MAIL_USER"]),
        State::No,
    );
    c.login(&env);
    c.use_capabilities();
    eprintln!("post-login capabilities: {}", c.capabilities.join(" "));
    let out = c.ok("ENABLE CONDSTORE");
    check(
        out.untagged
            .iter()
            .any(|u| matches!(u, UntaggedResponse::Enabled(v) if !v.is_empty())),
        || format!("ENABLE CONDSTORE: {:?}", out.untagged),
    );
    let out = c.ok("NAMESPACE");
    check(
        out.untagged
            .iter()
            .any(|u| matches!(u, UntaggedResponse::Namespace(n) if !n.personal.is_empty())),
        || format!("NAMESPACE: {:?}", out.untagged),
    );
    c.ok("NOOP");
    // CHECK needs a selected mailbox.
    c.expect("CHECK", State::Bad);

    // CREATE, also a hierarchy, a modified UTF-7 name and one with USE.
    c.ok(format!("CREATE {base}"));
    c.ok(format!("CREATE {child}"));
    c.ok(format!("CREATE {other}"));
    c.ok(format!("CREATE \"{utf7}\""));
    c.ok(format!("CREATE {odd_quoted}"));
    c.ok(format!("CREATE {deep}"));
    let out = c.expect(format!("CREATE {base}"), State::No);
    check(
        matches!(out.code, Some(ResponseCode::AlreadyExists)),
        || format!("CREATE twice: code {:?}", out.code),
    );
    let create_use = c.run(format!("CREATE {drafts} (USE (\\Drafts))"));
    eprintln!(
        "CREATE with USE: {:?} {:?} {:?}",
        create_use.state, create_use.code, create_use.text
    );
    if create_use.state != Some(State::Ok) {
        c.ok(format!("CREATE {drafts}"));
    }
    c.ok(format!("RENAME {other} {renamed}"));
    c.ok(format!("SUBSCRIBE {base}"));
    c.ok(format!("SUBSCRIBE {child}"));
    c.ok(format!("UNSUBSCRIBE {child}"));

    let out = c.ok(format!("LIST \"\" \"{base}*\""));
    for name in [&base, &child, &renamed, &utf7, &drafts, &odd, &deep] {
        check(list_has(&out, name), || format!("LIST misses {name}"));
    }
    check(!list_has(&out, &other), || {
        "LIST shows the renamed mailbox".into()
    });
    check(
        out.lists()
            .all(|l| l.delimiter.map(|d| d.get()) == Some(b'/')),
        || "LIST delimiter is not /".into(),
    );
    for l in out.lists() {
        if l.mailbox.as_bytes() == utf7.as_bytes() {
            check(
                l.mailbox.decode_utf7().ok().as_deref() == Some(&*format!("{base}-Käse")),
                || format!("modified UTF-7 decodes to {:?}", l.mailbox),
            );
        }
    }
    let out = c.ok(format!("LIST \"\" {base}%"));
    check(list_has(&out, &base) && !list_has(&out, &child), || {
        "LIST with % shows the child".into()
    });
    let out = c.ok(format!(
        "LIST (SUBSCRIBED) \"\" \"{base}*\" RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE))"
    ));
    check(
        list_attrs(&out, &base).contains(&&MailboxAttribute::Subscribed),
        || {
            format!(
                "extended LIST: {base} not \\Subscribed: {:?}",
                list_attrs(&out, &base)
            )
        },
    );
    check(!list_has(&out, &child), || {
        "LIST (SUBSCRIBED) shows the unsubscribed child".into()
    });
    let out = c.ok(format!(
        "LIST \"\" \"{base}*\" RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN UIDNEXT UIDVALIDITY SIZE RECENT HIGHESTMODSEQ))"
    ));
    check(
        list_attrs(&out, &base).contains(&&MailboxAttribute::HasChildren),
        || {
            format!(
                "LIST RETURN (CHILDREN): {base}: {:?}",
                list_attrs(&out, &base)
            )
        },
    );
    check(
        out.untagged
            .iter()
            .filter(|u| matches!(u, UntaggedResponse::MailboxStatus(_)))
            .count()
            >= 5,
        || "LIST RETURN (STATUS): fewer than 5 STATUS responses".into(),
    );
    // Dovecot 2.3 accepts CREATE … (USE …) without CREATE-SPECIAL-USE but only remembers the
    // attribute with a mailbox attribute dictionary, which the interop setup does not have.
    eprintln!(
        "attributes of the mailbox created with USE (\\Drafts): {:?}",
        list_attrs(&out, &drafts)
    );
    let out = c.ok(format!("LIST \"\" \"{base}-x*\""));
    eprintln!(
        "LIST of a deep hierarchy: {:?}",
        out.lists().collect::<Vec<_>>()
    );
    c.ok("STATUS INBOX (MESSAGES UIDNEXT)");
    c.ok("LIST \"\" INBOX");
    let out = c.ok("LIST (SPECIAL-USE) \"\" \"*\"");
    eprintln!(
        "special-use mailboxes: {:?}",
        out.lists()
            .map(|l| (
                String::from_utf8_lossy(l.mailbox.as_bytes()).into_owned(),
                l.attributes.clone()
            ))
            .collect::<Vec<_>>()
    );
    c.ok("LIST \"\" \"\"");
    c.ok(format!("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"{base}*\""));
    c.ok(format!("LIST \"\" (\"{base}\" \"{base}/*\")"));
    let out = c.ok(format!("LSUB \"\" \"{base}*\""));
    check(list_has(&out, &base) && !list_has(&out, &child), || {
        format!("LSUB: {:?}", out.untagged)
    });

    // APPEND: flags and date with a synchronizing literal first.
    let m1 = msg_plain(&u);
    c.options = EncodeOptions::new(LiteralPolicy::Sync, false);
    let out = c.ok(cat(&[
        format!("APPEND {base} (\\Seen $Probe) \"23-Nov-2026 10:00:00 +0000\" ").as_bytes(),
        &lit(&m1),
    ]));
    check(out.continues == 1, || {
        format!("sync APPEND: {} continuations", out.continues)
    });
    let (uidvalidity, uids) = append_uids(&out);
    let uid1 = uids[0];
    // With LITERAL+.
    c.use_capabilities();
    let m2 = msg_multipart(&u);
    let out = c.ok(cat(&[
        format!("APPEND {base} (\\Flagged) ").as_bytes(),
        &lit(&m2),
    ]));
    check(out.continues == 0, || "LITERAL+ APPEND waited for +".into());
    let (v, uids) = append_uids(&out);
    check(v == uidvalidity, || "UIDVALIDITY changed".into());
    let uid2 = uids[0];
    // MULTIAPPEND.
    let m3 = msg_nested(&u);
    let m4 = msg_small(&u, 1);
    let out = c.ok(cat(&[
        format!("APPEND {base} ").as_bytes(),
        &lit(&m3),
        b" (\\Draft) \"23-Nov-2026 12:00:00 +0100\" ",
        &lit(&m4),
    ]));
    let (_, uids) = append_uids(&out);
    check(uids.len() == 2, || {
        format!("MULTIAPPEND APPENDUID {uids:?}")
    });
    let (uid3, uid4) = (uids[0], uids[uids.len() - 1]);
    // A binary literal8.
    let m5 = msg_binary(&u);
    let mut uid5 = None;
    if c.has("BINARY") {
        let out = c.ok(cat(&[format!("APPEND {base} ~").as_bytes(), &lit(&m5)]));
        uid5 = Some(append_uids(&out).1[0]);
    }
    if c.has("CATENATE") {
        // CATENATE (RFC 4469): a TEXT part (a LITERAL+ literal once announced).
        let text = b"Subject: catenated\r\n\r\nbody\r\n";
        let out = c.ok(cat(&[
            format!("APPEND {base} CATENATE (TEXT ").as_bytes(),
            &lit(text),
            b")",
        ]));
        let (_, uids) = append_uids(&out);
        c.ok(format!("SELECT {base}"));
        let out = c.ok(format!("UID FETCH {} (UID BODY.PEEK[])", uids[0]));
        check(
            out.fetch_uid(uids[0])
                .and_then(|i| body_section(i, ""))
                .and_then(|d| d.as_bytes())
                == Some(&text[..]),
            || format!("CATENATE result: {:?}", out.untagged),
        );
        c.ok(format!("UID STORE {} +FLAGS.SILENT (\\Deleted)", uids[0]));
        c.ok(format!("UID EXPUNGE {}", uids[0]));
        c.ok("UNSELECT");
    }
    // APPEND to a missing mailbox: TRYCREATE.
    let out = c.expect(
        cat(&[format!("APPEND {base}-missing ").as_bytes(), &lit(&m4)]),
        State::No,
    );
    check(matches!(out.code, Some(ResponseCode::TryCreate)), || {
        format!("APPEND to a missing mailbox: {:?}", out.code)
    });
    let total = if uid5.is_some() { 5 } else { 4 };

    // STATUS with every item Dovecot knows.
    let out = c.ok(format!(
        "STATUS {base} (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)"
    ));
    check(
        status_value(&out, |v| match v {
            StatusValue::Messages(n) => Some(u64::from(*n)),
            _ => None,
        }) == Some(total),
        || format!("STATUS MESSAGES: {:?}", out.untagged),
    );
    check(
        status_value(&out, |v| match v {
            StatusValue::Unseen(n) => Some(u64::from(*n)),
            _ => None,
        }) == Some(total - 1),
        || format!("STATUS UNSEEN: {:?}", out.untagged),
    );
    check(
        status_value(&out, |v| match v {
            StatusValue::UidValidity(n) => Some(u64::from(n.get())),
            _ => None,
        }) == Some(u64::from(uidvalidity)),
        || format!("STATUS UIDVALIDITY: {:?}", out.untagged),
    );
    let status_size = status_value(&out, |v| match v {
        StatusValue::Size(n) => Some(*n),
        _ => None,
    });
    let deleted = c.run(format!("STATUS {base} (DELETED)"));
    eprintln!("STATUS DELETED: {:?} {:?}", deleted.state, deleted.text);
    c.run(format!("STATUS {base} (APPENDLIMIT MAILBOXID)"));

    // SELECT with CONDSTORE.
    let out = c.ok(format!("SELECT {base} (CONDSTORE)"));
    check(out.exists() == Some(total as u32), || {
        format!("SELECT EXISTS {:?}", out.exists())
    });
    check(matches!(out.code, Some(ResponseCode::ReadWrite)), || {
        format!("SELECT code {:?}", out.code)
    });
    let codes: Vec<_> = out.status_codes().collect();
    for (what, ok) in [
        (
            "UIDVALIDITY",
            codes
                .iter()
                .any(|c| matches!(c, ResponseCode::UidValidity(v) if v.get() == uidvalidity)),
        ),
        (
            "UIDNEXT",
            codes.iter().any(|c| matches!(c, ResponseCode::UidNext(_))),
        ),
        (
            "PERMANENTFLAGS",
            codes
                .iter()
                .any(|c| matches!(c, ResponseCode::PermanentFlags(_))),
        ),
        (
            "HIGHESTMODSEQ",
            codes
                .iter()
                .any(|c| matches!(c, ResponseCode::HighestModSeq(_))),
        ),
    ] {
        check(ok, || format!("SELECT without {what}: {codes:?}"));
    }
    check(
        out.untagged
            .iter()
            .any(|u| matches!(u, UntaggedResponse::Flags(_))),
        || "SELECT without FLAGS".into(),
    );

    // RFC822.SIZE of every message against the appended lengths.
    let out = c.ok("FETCH 1:* (UID RFC822.SIZE)");
    let sizes: u64 = out
        .fetches()
        .flat_map(|(_, items)| items.iter())
        .filter_map(|i| match i {
            FetchData::Rfc822Size(n) => Some(*n),
            _ => None,
        })
        .sum();
    check(status_size == Some(sizes), || {
        format!("STATUS SIZE {status_size:?}, sum of RFC822.SIZE {sizes}")
    });
    // The literal8 message is left out: Dovecot stores its binary part in base64 (see below).
    let appended: Vec<(u32, &[u8])> = vec![(uid1, &m1), (uid2, &m2), (uid3, &m3), (uid4, &m4)];
    for (uid, data) in &appended {
        let got = out.fetch_uid(*uid).and_then(|items| {
            items.iter().find_map(|i| match i {
                FetchData::Rfc822Size(n) => Some(*n),
                _ => None,
            })
        });
        check(got == Some(data.len() as u64), || {
            format!("RFC822.SIZE of UID {uid}: {got:?}, appended {}", data.len())
        });
    }

    // FETCH: the exact appended bytes, and every attribute.
    let out = c.ok(format!(
        "UID FETCH {uid1} (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.PEEK[] MODSEQ)"
    ));
    match out.fetch_uid(uid1) {
        Some(items) => {
            check(
                body_section(items, "").and_then(|d| d.as_bytes()) == Some(&m1[..]),
                || format!("BODY[] of {uid1} differs from the appended message"),
            );
            check(has_flag(items, &Flag::Seen), || {
                format!("flags of {uid1}: {items:?}")
            });
            check(
                items
                    .iter()
                    .any(|i| matches!(i, FetchData::Rfc822Size(n) if *n == m1.len() as u64)),
                || "RFC822.SIZE".into(),
            );
            check(
                items.iter().any(|i| matches!(i, FetchData::Envelope(e) if e.subject.as_bytes() == Some(format!("probe {u} plain").as_bytes()) && e.to.len() == 2 && e.cc.len() == 1)),
                || format!("ENVELOPE: {items:?}"),
            );
            check(
                items.iter().any(|i| matches!(i, FetchData::ModSeq(_))),
                || "MODSEQ".into(),
            );
            check(
                items
                    .iter()
                    .any(|i| matches!(i, FetchData::InternalDate(_))),
                || "INTERNALDATE".into(),
            );
        }
        None => fail(format!(
            "UID FETCH {uid1}: no FETCH with that UID: {:?}",
            out.untagged
        )),
    }
    let out = c.ok(format!("UID FETCH {uid2} (BODYSTRUCTURE BODY ENVELOPE)"));
    match out.fetch_uid(uid2) {
        Some(items) => {
            let bs = items.iter().find_map(|i| match i {
                FetchData::BodyStructure(b) => Some(b),
                _ => None,
            });
            check(
                matches!(bs.map(|b| &**b), Some(mailproto::imap::types::BodyStructure::Multi { parts, ext: Some(_), .. }) if parts.len() == 2),
                || format!("BODYSTRUCTURE of the multipart: {bs:?}"),
            );
            check(
                items.iter().any(|i| matches!(i, FetchData::Body(_))),
                || "BODY".into(),
            );
        }
        None => fail(format!("UID FETCH {uid2}: {:?}", out.untagged)),
    }
    let out = c.ok(format!(
        "UID FETCH {uid3} (BODYSTRUCTURE BODY.PEEK[2.HEADER] BODY.PEEK[2.1] BODY.PEEK[2.TEXT] BODY.PEEK[HEADER.FIELDS (SUBJECT)] BINARY.SIZE[1])"
    ));
    if let Some(items) = out.fetch_uid(uid3) {
        check(
            body_section(items, "2.HEADER")
                .and_then(|d| d.as_bytes())
                .is_some_and(|h| h.windows(5).any(|w| w == b"inner")),
            || format!("BODY[2.HEADER] of the nested message: {items:?}"),
        );
        check(
            body_section(items, "HEADER.FIELDS (SUBJECT)").and_then(|d| d.as_bytes())
                == Some(format!("Subject: =?UTF-8?Q?K=C3=A4se?= probe {u}\r\n\r\n").as_bytes()),
            || format!("BODY[HEADER.FIELDS (SUBJECT)]: {items:?}"),
        );
        let bs = items.iter().find_map(|i| match i {
            FetchData::BodyStructure(b) => Some(&**b),
            _ => None,
        });
        check(
            matches!(bs, Some(mailproto::imap::types::BodyStructure::Multi { parts, .. }) if parts.len() == 2),
            || format!("BODYSTRUCTURE of the nested message: {bs:?}"),
        );
    } else {
        fail(format!("UID FETCH {uid3}: {:?}", out.untagged));
    }
    let out = c.ok(format!(
        "UID FETCH {uid2} (BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[2.MIME] BODY.PEEK[HEADER] BODY.PEEK[HEADER.FIELDS (Subject From)] BODY.PEEK[HEADER.FIELDS.NOT (Subject)] BODY.PEEK[TEXT]<0.10> BODY.PEEK[1]<2.5>)"
    ));
    if let Some(items) = out.fetch_uid(uid2) {
        check(
            body_section(items, "1").and_then(|d| d.as_bytes())
                == Some(&b"Gr=C3=BC=C3=9Fe, see the attachment."[..]),
            || format!("BODY[1]: {:?}", body_section(items, "1")),
        );
        check(
            items.iter().any(|i| matches!(i, FetchData::BodySection { origin: Some(2), data, .. } if data.as_bytes() == Some(b"=C3=B"))),
            || format!("BODY[1]<2.5>: {items:?}"),
        );
        check(
            items.iter().any(|i| matches!(i, FetchData::BodySection { origin: Some(0), data, .. } if data.as_bytes() == Some(b"preamble\r\n"))),
            || "BODY[TEXT]<0.10>".into(),
        );
    } else {
        fail(format!("BODY sections of {uid2}: {:?}", out.untagged));
    }
    let out = c.ok(format!(
        "UID FETCH {uid2} (BINARY.PEEK[2] BINARY.SIZE[2] BINARY.PEEK[1] BINARY.PEEK[2]<1.3>)"
    ));
    if let Some(items) = out.fetch_uid(uid2) {
        check(
            items.iter().any(|i| matches!(i, FetchData::Binary { origin: None, data, .. } if data.as_bytes() == Some(ATTACHMENT))),
            || format!("BINARY[2]: {items:?}"),
        );
        check(
            items
                .iter()
                .any(|i| matches!(i, FetchData::BinarySize { size: 10, .. })),
            || "BINARY.SIZE[2]".into(),
        );
        check(
            items.iter().any(|i| matches!(i, FetchData::Binary { origin: None, data, .. } if data.as_bytes() == Some("Grüße, see the attachment.".as_bytes()))),
            || "BINARY[1] (decoded quoted-printable)".into(),
        );
        check(
            items.iter().any(|i| matches!(i, FetchData::Binary { origin: Some(1), data, .. } if data.as_bytes() == Some(&ATTACHMENT[1..4]))),
            || "BINARY[2]<1.3>".into(),
        );
    } else {
        fail(format!("BINARY of {uid2}: {:?}", out.untagged));
    }
    if let Some(uid5) = uid5 {
        let out = c.ok(format!(
            "UID FETCH {uid5} (BODY.PEEK[] BINARY.PEEK[1] BINARY.PEEK[])"
        ));
        if let Some(items) = out.fetch_uid(uid5) {
            check(
                items.iter().any(|i| matches!(i, FetchData::Binary { section: None, data, .. } if data.as_bytes() == Some(&m5[..]))),
                || format!("BINARY[] of the literal8 message: {items:?}"),
            );
            // Dovecot stores the binary part in base64 (RFC 3516 §4.3 lets a server change
            // the encoding); BINARY[1] decodes it back.
            let body = body_section(items, "").and_then(|d| d.as_bytes());
            check(
                body.is_some_and(|b| {
                    b.windows(33)
                        .any(|w| w == b"Content-Transfer-Encoding: base64")
                        && b.ends_with(b"YmluAGFyeQFkYXRhDQo=")
                }),
                || {
                    format!(
                        "BODY[] of the literal8 message: {}",
                        show(body.unwrap_or_default())
                    )
                },
            );
            check(
                items.iter().any(|i| matches!(i, FetchData::Binary { section: Some(_), data, .. } if data.as_bytes() == Some(b"bin\x00ary\x01data\r\n"))),
                || format!("BINARY[1] of the literal8 message: {items:?}"),
            );
        }
    }
    // RFC822.* (RFC822 and RFC822.TEXT set \Seen).
    let out = c.ok(format!(
        "UID FETCH {uid4} (RFC822.HEADER RFC822.TEXT RFC822 RFC822.SIZE)"
    ));
    if let Some(items) = out.fetch_uid(uid4) {
        check(
            items
                .iter()
                .any(|i| matches!(i, FetchData::Rfc822(d) if d.as_bytes() == Some(&m4[..]))),
            || format!("RFC822: {items:?}"),
        );
    } else {
        fail(format!("RFC822 of {uid4}: {:?}", out.untagged));
    }
    c.ok("FETCH 1:* ALL");
    c.ok("FETCH 1:* FAST");
    c.ok("FETCH 1:* FULL");
    c.ok("FETCH 1:* (FLAGS UID MODSEQ)");
    c.ok("FETCH 1:* (FLAGS) (CHANGEDSINCE 1)");
    if c.has("SAVEDATE") {
        let out = c.ok("FETCH 1:* (SAVEDATE)");
        check(
            out.fetches()
                .all(|(_, items)| items.iter().any(|i| matches!(i, FetchData::SaveDate(_)))),
            || "SAVEDATE".into(),
        );
    }
    for (cap, attrs) in [
        ("OBJECTID", "(EMAILID THREADID)"),
        ("X-GM-EXT-1", "(X-GM-MSGID)"),
    ] {
        if c.has(cap) {
            c.ok(format!("FETCH 1:* {attrs}"));
        }
    }
    // PREVIEW (RFC 8970).
    if c.has("PREVIEW") {
        c.ok("FETCH 1:* (UID PREVIEW)");
        c.ok("FETCH 1 (PREVIEW (LAZY))");
    }
    // SNIPPET, the draft before RFC 8970, which the command codec has no type for: sent as raw
    // text, so that at least its response goes through the response parser.
    if c.has("SNIPPET=FUZZY") {
        c.raw_expect(b"FETCH 2 (SNIPPET (FUZZY))", State::Ok);
    }
    c.raw_expect(b"FETCH 1 (NOSUCHATTR)", State::Bad);

    // SEARCH.
    let out = c.ok(format!("UID SEARCH SUBJECT \"probe {u}\""));
    check(
        out.search().map(|v| v.len()) == Some(total as usize),
        || format!("SEARCH SUBJECT: {:?}", out.search()),
    );
    let out = c.ok("SEARCH CHARSET UTF-8 SUBJECT \"K\u{e4}se\"");
    check(out.search() == Some(vec![3]), || {
        format!("SEARCH CHARSET UTF-8: {:?}", out.search())
    });
    let out = c.ok(format!(
        "UID SEARCH CHARSET UTF-8 BODY zebra HEADER X-Probe \"{u}\""
    ));
    check(out.search() == Some(vec![uid1]), || {
        format!("SEARCH BODY HEADER: {:?}", out.search())
    });
    let out = c.expect("SEARCH CHARSET X-NO-SUCH-CHARSET ALL", State::No);
    check(
        matches!(out.code, Some(ResponseCode::BadCharset(_))),
        || format!("BADCHARSET: {:?}", out.code),
    );
    for q in [
        "SEARCH ALL",
        "SEARCH OR SEEN FLAGGED",
        "SEARCH NOT DELETED SINCE 1-Jan-2000 BEFORE 1-Jan-2100 LARGER 10 SMALLER 100000",
        "SEARCH ANSWERED UNANSWERED",
        "SEARCH DRAFT UNDRAFT FLAGGED UNFLAGGED SEEN UNSEEN DELETED UNDELETED",
        "SEARCH NEW OLD RECENT",
        "SEARCH KEYWORD $Probe UNKEYWORD $Other",
        "SEARCH FROM alice TO bob CC dave BCC nobody",
        "SEARCH ON 23-Nov-2026 SENTON 23-Nov-2026 SENTBEFORE 1-Jan-2100 SENTSINCE 1-Jan-2000",
        "SEARCH TEXT zebra",
        "SEARCH 1:3 UID 1:*",
        "SEARCH (OR (SEEN) (NOT (FLAGGED OR DRAFT ANSWERED))) *",
        "SEARCH MODSEQ 1",
        "SEARCH MODSEQ \"/flags/\\\\Seen\" all 1",
        "SEARCH YOUNGER 3600000 OLDER 1",
        "UID SEARCH RETURN () ALL",
    ] {
        c.ok(q);
    }
    let out = c.ok("SEARCH KEYWORD $Probe");
    check(out.search() == Some(vec![1]), || {
        format!("SEARCH KEYWORD: {:?}", out.search())
    });
    let out = c.ok("SEARCH FLAGGED");
    check(out.search() == Some(vec![2]), || {
        format!("SEARCH FLAGGED: {:?}", out.search())
    });
    // ESEARCH.
    let out = c.ok("SEARCH RETURN (MIN MAX COUNT ALL) ALL");
    match out.untagged.iter().find_map(|u| match u {
        UntaggedResponse::Esearch(e) => Some(e),
        _ => None,
    }) {
        Some(e) => {
            check(e.tag.is_some() && !e.uid, || {
                format!("ESEARCH tag/uid: {e:?}")
            });
            check(e.data.contains(&EsearchData::Min(nz(1))), || {
                format!("ESEARCH MIN: {e:?}")
            });
            check(e.data.contains(&EsearchData::Max(nz(total as u32))), || {
                format!("ESEARCH MAX: {e:?}")
            });
            check(e.data.contains(&EsearchData::Count(total as u32)), || {
                format!("ESEARCH COUNT: {e:?}")
            });
        }
        None => fail(format!("SEARCH RETURN: no ESEARCH: {:?}", out.untagged)),
    }
    let out = c.ok("UID SEARCH RETURN (COUNT MIN) FLAGGED");
    check(
        out.untagged
            .iter()
            .any(|u| matches!(u, UntaggedResponse::Esearch(e) if e.uid)),
        || "UID ESEARCH without UID".into(),
    );
    c.ok("SEARCH RETURN (COUNT) NOT ALL");
    let out = c.ok("SEARCH RETURN (MAX) MODSEQ 1");
    check(
        out.untagged.iter().any(|u| matches!(u, UntaggedResponse::Esearch(e) if e.data.iter().any(|d| matches!(d, EsearchData::ModSeq(_))))),
        || format!("ESEARCH with MODSEQ criteria: {:?}", out.untagged),
    );
    // SEARCHRES.
    c.ok(format!("UID SEARCH RETURN (SAVE) SUBJECT \"{u} small\""));
    let out = c.ok("UID FETCH $ (UID)");
    check(
        out.fetches().count() == 1 && out.fetch_uid(uid4).is_some(),
        || format!("UID FETCH $: {:?}", out.untagged),
    );
    let out = c.ok("SEARCH $");
    check(out.search() == Some(vec![4]), || {
        format!("SEARCH $: {:?}", out.search())
    });
    c.ok("SEARCH RETURN (SAVE MIN) FLAGGED");
    if c.has("CONTEXT=SEARCH") {
        // CONTEXT=SEARCH (RFC 5267 §4; PARTIAL as RFC 9394 §3.1 restates it): a window of the
        // result, a window past its end (NIL), and UPDATE.
        let partial = |out: &Outcome| {
            out.untagged.iter().find_map(|u| match u {
                UntaggedResponse::Esearch(e) => e.data.iter().find_map(|d| match d {
                    EsearchData::Partial { range, results } => {
                        Some((range.normalized(), results.as_ref().map(|s| s.to_string())))
                    }
                    _ => None,
                }),
                _ => None,
            })
        };
        let out = c.ok("SEARCH RETURN (PARTIAL 1:2) ALL");
        check(
            partial(&out) == Some(((1, 2), Some("1:2".to_string()))),
            || format!("SEARCH RETURN (PARTIAL 1:2): {:?}", out.untagged),
        );
        let out = c.ok("UID SEARCH RETURN (PARTIAL 1000:1001) ALL");
        check(partial(&out) == Some(((1000, 1001), None)), || {
            format!("SEARCH RETURN (PARTIAL 1000:1001): {:?}", out.untagged)
        });
        c.ok("UID SEARCH RETURN (UPDATE COUNT) FLAGGED");
    }
    if c.has("PARTIAL") {
        // RFC 9394 §4: the last 2 messages' UIDs through the FETCH modifier.
        c.ok("UID FETCH 1:* (UID) (PARTIAL -1:-2)");
    }

    // SORT and THREAD.
    if c.has("SORT") {
        let out = c.ok("SORT (DATE) UTF-8 ALL");
        check(out.sort().map(|v| v.len()) == Some(total as usize), || {
            format!("SORT (DATE): {:?}", out.sort())
        });
        let out = c.ok("UID SORT (REVERSE ARRIVAL) UTF-8 ALL");
        // uid1 and uid4 were appended with dates in the past (uid1 the earliest).
        check(
            out.sort()
                .is_some_and(|v| v.len() == total as usize && v.ends_with(&[uid4, uid1])),
            || format!("UID SORT (REVERSE ARRIVAL): {:?}", out.sort()),
        );
        c.ok("SORT (SUBJECT REVERSE DATE FROM TO CC SIZE) US-ASCII ALL");
        c.ok("SORT (ARRIVAL) UTF-8 SUBJECT probe");
        if c.has("SORT=DISPLAY") {
            c.ok("SORT (DISPLAYFROM DISPLAYTO) UTF-8 ALL");
        }
        if c.has("ESORT") {
            // ESORT (RFC 5267 §3): its answer is an ESEARCH.
            let out = c.ok("SORT RETURN (MIN MAX COUNT ALL) (DATE) UTF-8 ALL");
            check(
                out.untagged.iter().any(|u| matches!(u, UntaggedResponse::Esearch(e) if e.data.contains(&EsearchData::Count(total as u32)))),
                || format!("ESORT: {:?}", out.untagged),
            );
        }
    }
    for alg in ["REFERENCES", "ORDEREDSUBJECT", "REFS"] {
        if c.has(&format!("THREAD={alg}")) {
            let out = c.ok(format!("THREAD {alg} UTF-8 ALL"));
            check(
                out.untagged
                    .iter()
                    .any(|u| matches!(u, UntaggedResponse::Thread(t) if !t.is_empty())),
                || format!("THREAD {alg}: {:?}", out.untagged),
            );
            c.ok(format!("UID THREAD {alg} UTF-8 SUBJECT probe"));
        }
    }

    // STORE.
    let out = c.ok("STORE 1 +FLAGS.SILENT (\\Answered)");
    // Under CONDSTORE the server still reports the new MODSEQ (RFC 7162 §3.1.3), not FLAGS.
    check(
        out.fetches()
            .all(|(_, items)| !items.iter().any(|i| matches!(i, FetchData::Flags(_)))),
        || format!("STORE .SILENT sent FLAGS: {:?}", out.untagged),
    );
    let out = c.ok("STORE 1 +FLAGS (\\Flagged $Other)");
    check(
        out.fetches()
            .any(|(_, items)| has_flag(items, &Flag::Flagged)),
        || format!("STORE +FLAGS: {:?}", out.untagged),
    );
    c.ok("STORE 1 -FLAGS (\\Flagged)");
    c.ok("STORE 1 FLAGS (\\Seen \\Answered $Probe)");
    c.ok(format!("UID STORE {uid1} -FLAGS.SILENT ($Other)"));
    let out = c.ok(format!(
        "UID STORE {uid1},{uid2} (UNCHANGEDSINCE 1) +FLAGS (\\Flagged)"
    ));
    check(matches!(out.code, Some(ResponseCode::Modified(_))), || {
        format!("STORE UNCHANGEDSINCE 1: code {:?}", out.code)
    });
    c.ok("STORE 1:* (UNCHANGEDSINCE 9223372036854775807) +FLAGS.SILENT ($Seen2)");
    c.ok("FETCH 1:* (FLAGS) (CHANGEDSINCE 2)");

    // COPY and MOVE, with COPYUID.
    let out = c.ok(format!("COPY 1:2 {child}"));
    check(
        out.status_codes()
            .any(|c| matches!(c, ResponseCode::CopyUid { .. })),
        || format!("COPY without COPYUID: {:?}", out.code),
    );
    c.ok(format!("UID COPY {uid3} {child}"));
    let out = c.expect(format!("COPY 1 {base}-missing"), State::No);
    check(matches!(out.code, Some(ResponseCode::TryCreate)), || {
        format!("COPY to a missing mailbox: {:?}", out.code)
    });
    if c.has("MOVE") {
        let out = c.ok(format!("MOVE 2 {renamed}"));
        check(
            out.untagged
                .iter()
                .any(|u| matches!(u, UntaggedResponse::Expunge(n) if n.get() == 2)),
            || format!("MOVE without EXPUNGE: {:?}", out.untagged),
        );
        check(
            out.status_codes()
                .any(|c| matches!(c, ResponseCode::CopyUid { .. })),
            || "MOVE without COPYUID".into(),
        );
        c.ok(format!("UID MOVE {uid3} {renamed}"));
    }
    let out = c.ok(format!("STATUS {renamed} (MESSAGES)"));
    check(
        status_value(&out, |v| match v {
            StatusValue::Messages(n) => Some(u64::from(*n)),
            _ => None,
        }) == Some(2),
        || format!("STATUS after MOVE: {:?}", out.untagged),
    );
    c.ok("CHECK");

    // IDLE with an APPEND from a second connection.
    if c.has("IDLE") {
        let mut out = Outcome::default();
        if let Some(tag) = c.begin(b"IDLE", &mut out) {
            match c.read() {
                Got::Resp(Response::Continue(_)) => {}
                _ => fail("IDLE without continuation".into()),
            }
            let mut other_conn = Conn::open(&env, "idle-appender");
            other_conn.login(&env);
            other_conn.use_capabilities();
            other_conn.ok(cat(&[
                format!("APPEND {base} ").as_bytes(),
                &lit(&msg_small(&u, 2)),
            ]));
            // A flag change from the other session too: a FETCH arrives while idling.
            other_conn.ok(format!("SELECT {base}"));
            other_conn.ok("STORE 1 +FLAGS.SILENT ($FromOther)");
            other_conn.logout();
            let (mut seen_exists, mut seen_fetch) = (false, false);
            while !(seen_exists && seen_fetch) {
                match c.read() {
                    Got::Resp(Response::Untagged(UntaggedResponse::Exists(_))) => {
                        seen_exists = true
                    }
                    Got::Resp(Response::Untagged(UntaggedResponse::Fetch { items, .. }))
                        if has_flag(
                            &items,
                            &Flag::Keyword(
                                mailproto::imap::types::Atom::new("$FromOther").unwrap(),
                            ),
                        ) =>
                    {
                        seen_fetch = true;
                    }
                    Got::Resp(r) => eprintln!("while idling: {r:?}"),
                    Got::Bad(_) => {}
                    Got::Eof => {
                        fail("EOF while idling".into());
                        break;
                    }
                }
            }
            let mut e = Encoder::new();
            mailproto::imap::encode::encode_idle_done(&mut e);
            c.write(e.as_bytes());
            c.finish(&tag, &mut out);
            check(out.state == Some(State::Ok), || {
                format!("IDLE: {:?}", out.state)
            });
        }
    }

    // NOTIFY (RFC 5465): a message appended and a mailbox created by a second connection are
    // announced to this one (EXISTS and the FETCH items asked for on the selected mailbox, LIST
    // for the new name), STATUS of every personal mailbox with `SET STATUS`, a BADEVENT code
    // for an event Dovecot does not offer (or OK), and NOTIFY NONE.
    // On a connection of its own, since NOTIFY changes which responses Dovecot sends.
    if c.has("NOTIFY") {
        let mut c = Conn::open(&env, "notify");
        c.login(&env);
        c.use_capabilities();
        c.ok(format!("SELECT {base}"));
        c.ok("NOTIFY SET (selected (MessageNew (UID FLAGS) MessageExpunge FlagChange)) (personal (MailboxName SubscriptionChange))");
        let mut other_conn = Conn::open(&env, "notify-peer");
        other_conn.login(&env);
        other_conn.use_capabilities();
        other_conn.ok(cat(&[
            format!("APPEND {base} ").as_bytes(),
            &lit(&msg_small(&u, 3)),
        ]));
        other_conn.ok(format!("CREATE {base}-notified"));
        other_conn.logout();
        let mut seen = Vec::new();
        for _ in 0..50 {
            seen.extend(c.ok("NOOP").untagged);
            let exists = seen
                .iter()
                .any(|r| matches!(r, UntaggedResponse::Exists(_)));
            let fetch = seen.iter().any(|r| {
                matches!(r, UntaggedResponse::Fetch { items, .. }
                    if items.iter().any(|i| matches!(i, FetchData::Uid(_))))
            });
            let list = seen.iter().any(|r| {
                matches!(r, UntaggedResponse::List(l)
                    if l.mailbox.as_bytes().ends_with(b"-notified"))
            });
            if exists && fetch && list {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        check(
            seen.iter()
                .any(|r| matches!(r, UntaggedResponse::Exists(_))),
            || format!("NOTIFY MessageNew: {seen:?}"),
        );
        check(
            seen.iter().any(|r| {
                matches!(r, UntaggedResponse::List(l)
                    if l.mailbox.as_bytes().ends_with(b"-notified"))
            }),
            || format!("NOTIFY MailboxName: {seen:?}"),
        );
        let out = c.ok("NOTIFY SET STATUS (personal (MessageNew MessageExpunge))");
        check(
            out.untagged
                .iter()
                .any(|r| matches!(r, UntaggedResponse::MailboxStatus(_))),
            || format!("NOTIFY SET STATUS: {:?}", out.untagged),
        );
        let out = c.run("NOTIFY SET (personal (MessageNew MessageExpunge QuotaChange))");
        // RFC 5465 §5 asks for NO [BADEVENT …] (or OK); Dovecot 2.3 answers BAD.
        check(
            out.state.is_some()
                && (out.state != Some(State::No)
                    || matches!(out.code, Some(ResponseCode::BadEvent(_)))),
            || format!("NOTIFY QuotaChange: {:?} {:?}", out.state, out.code),
        );
        eprintln!(
            "NOTIFY QuotaChange: {:?} {:?} {:?}",
            out.state, out.code, out.text
        );
        // RFC 5465 §3.1's examples as corrected by verified erratum 1804 (MessageNew alone
        // for the subtree: Dovecot accepts it, as the parser does).
        c.ok("notify set status (selected (MessageNew (uid body.peek[header.fields (from to subject)]) MessageExpunge)) (subtree Lists (MessageNew))");
        c.ok("notify set (selected (MessageNew (uid body.peek[header.fields (from to subject)]) MessageExpunge)) (subtree Lists (MessageNew)) (mailboxes misc (MessageNew))");
        c.ok("NOTIFY NONE");
        c.ok(format!("DELETE {base}-notified"));
        c.logout();
    }

    // EXPUNGE and UID EXPUNGE.
    let out = c.ok("NOOP");
    eprintln!("after IDLE: NOOP {:?}", out.untagged);
    c.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
    let out = c.ok("EXPUNGE");
    check(
        out.untagged
            .iter()
            .any(|u| matches!(u, UntaggedResponse::Expunge(n) if n.get() == 1)),
        || format!("EXPUNGE: {:?}", out.untagged),
    );
    c.ok(format!("UID STORE {uid4} +FLAGS.SILENT (\\Deleted)"));
    let out = c.ok(format!("UID EXPUNGE {uid4}"));
    check(
        out.untagged
            .iter()
            .filter(|u| matches!(u, UntaggedResponse::Expunge(_)))
            .count()
            == 1,
        || format!("UID EXPUNGE: {:?}", out.untagged),
    );
    c.ok("UNSELECT");
    c.expect("FETCH 1 FLAGS", State::Bad);

    // EXAMINE, CLOSE.
    let out = c.ok(format!("EXAMINE {base} (CONDSTORE)"));
    check(matches!(out.code, Some(ResponseCode::ReadOnly)), || {
        format!("EXAMINE code {:?}", out.code)
    });
    // Dovecot answers OK ("Store ignored with read-only mailbox") and changes nothing.
    let out = c.run("STORE 1 +FLAGS (\\Flagged)");
    eprintln!(
        "STORE in EXAMINE: {:?} {:?} {:?}",
        out.state, out.code, out.text
    );
    check(out.fetches().count() == 0, || {
        "STORE in EXAMINE changed flags".into()
    });
    c.ok("CLOSE");
    c.ok(format!("SELECT {child}"));
    c.ok("STORE 1:* +FLAGS.SILENT (\\Deleted)");
    c.ok("CLOSE");
    let out = c.ok(format!("STATUS {child} (MESSAGES)"));
    check(
        status_value(&out, |v| match v {
            StatusValue::Messages(n) => Some(u64::from(*n)),
            _ => None,
        }) == Some(0),
        || "CLOSE did not expunge".into(),
    );
    let out = c.expect("SELECT nosuchmailbox-mailproto", State::No);
    eprintln!("SELECT missing: {:?}", out.code);

    // METADATA and QUOTA, answered however Dovecot is configured.
    let md = c.run("GETMETADATA \"\" /private/comment");
    eprintln!("GETMETADATA: {:?} {:?} {:?}", md.state, md.code, md.text);
    let md = c.run(format!("SETMETADATA {base} (/private/comment \"probe\")"));
    eprintln!("SETMETADATA: {:?} {:?} {:?}", md.state, md.code, md.text);
    c.run(format!(
        "GETMETADATA (MAXSIZE 1024 DEPTH infinity) {base} (/private/comment /shared/comment)"
    ));
    if c.has("QUOTA") {
        c.ok("GETQUOTAROOT INBOX");
        c.ok("GETQUOTA \"\"");
    } else {
        let q = c.run("GETQUOTAROOT INBOX");
        eprintln!("GETQUOTAROOT without QUOTA: {:?} {:?}", q.state, q.text);
    }
    c.raw_expect(b"XNOSUCHCOMMAND", State::Bad);
    c.raw_expect(b"SEARCH (ALL", State::Bad);
    let out = c.ok(format!("STATUS {base} (MESSAGES HIGHESTMODSEQ)"));
    let highest = status_value(&out, |v| match v {
        StatusValue::HighestModSeq(n) => Some(*n),
        _ => None,
    })
    .unwrap_or(1);
    c.logout();

    // --- QRESYNC in its own session ----------------------------------------------------------
    {
        let mut q = Conn::open(&env, "qresync");
        q.login(&env);
        q.use_capabilities();
        if q.has("QRESYNC") {
            let out = q.ok("ENABLE QRESYNC");
            check(
                out.untagged
                    .iter()
                    .any(|u| matches!(u, UntaggedResponse::Enabled(v) if !v.is_empty())),
                || format!("ENABLE QRESYNC: {:?}", out.untagged),
            );
            let out = q.ok(format!(
                "SELECT {base} (QRESYNC ({uidvalidity} 1 1:{}))",
                uid4 + 10
            ));
            check(
                out.untagged
                    .iter()
                    .any(|u| matches!(u, UntaggedResponse::Vanished { earlier: true, .. })),
                || {
                    format!(
                        "SELECT QRESYNC without VANISHED (EARLIER): {:?}",
                        out.untagged
                    )
                },
            );
            q.ok("UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)");
            q.ok(format!(
                "EXAMINE {base} (QRESYNC ({uidvalidity} {highest}))"
            ));
            q.ok(format!(
                "SELECT {base} (QRESYNC ({uidvalidity} 1 1:{} (1:2 {uid2}:{uid3})))",
                uid4 + 10
            ));
            q.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
            let out = q.ok("EXPUNGE");
            check(
                out.untagged
                    .iter()
                    .any(|u| matches!(u, UntaggedResponse::Vanished { earlier: false, .. })),
                || format!("EXPUNGE under QRESYNC without VANISHED: {:?}", out.untagged),
            );
            q.ok("CLOSE");
        }
        q.logout();
    }

    // --- UTF8=ACCEPT (not in Dovecot 2.3) in its own session ---------------------------------
    {
        let mut s = Conn::open(&env, "utf8");
        // Dovecot answers `* ENABLED` (empty) and OK "ENABLE ignored in non-authenticated
        // state."
        let out = s.run("ENABLE CONDSTORE");
        check(
            out.state.is_some()
                && out
                    .untagged
                    .iter()
                    .all(|u| matches!(u, UntaggedResponse::Enabled(v) if v.is_empty())),
            || format!("ENABLE before LOGIN: {out:?}"),
        );
        // LOGIN with the password as a synchronizing literal: the `+` is awaited.
        let out = s.ok(cat(&[
            format!("LOGIN {} ", env["MAIL_USER"]).as_bytes(),
            &lit(env["MAIL_PASSWORD"].as_bytes()),
        ]));
        check(out.continues == 1, || {
            format!("LOGIN literal: {} continuations", out.continues)
        });
        let out = s.ok("ENABLE XNOSUCHEXTENSION");
        check(
            out.untagged
                .iter()
                .all(|u| matches!(u, UntaggedResponse::Enabled(v) if v.is_empty())),
            || format!("ENABLE of an unknown extension: {:?}", out.untagged),
        );
        let out = s.ok("ENABLE UTF8=ACCEPT CONDSTORE");
        eprintln!("ENABLE UTF8=ACCEPT CONDSTORE: {:?}", out.untagged);
        if s.has("UTF8=ACCEPT") {
            s.options = EncodeOptions::new(LiteralPolicy::Sync, true);
            s.ok(format!("STATUS \"{base}-Käse\" (MESSAGES)"));
        }
        s.logout();
    }

    // --- Clean up --------------------------------------------------------------------------
    {
        let mut d = Conn::open(&env, "cleanup");
        d.login(&env);
        d.ok(format!("UNSUBSCRIBE {base}"));
        // The parents of a deep name are \Noselect placeholders, not mailboxes.
        let out = d.expect(format!("DELETE {base}-x"), State::No);
        check(matches!(out.code, Some(ResponseCode::NonExistent)), || {
            format!(
                "DELETE of a \\Noselect parent: {:?} {:?}",
                out.code, out.text
            )
        });
        // A mailbox with a child.
        let first = d.run(format!("DELETE {base}"));
        eprintln!(
            "DELETE of a mailbox with a child: {:?} {:?} {:?}",
            first.state, first.code, first.text
        );
        for name in [&child, &renamed, &utf7, &drafts, &deep] {
            d.ok(format!("DELETE \"{name}\""));
        }
        let out = d.ok(format!("LIST \"\" {base}"));
        if list_has(&out, &base) {
            d.ok(format!("DELETE {base}"));
        }
        d.ok(format!("DELETE {odd_quoted}"));
        let out = d.expect(format!("DELETE {base}"), State::No);
        check(matches!(out.code, Some(ResponseCode::NonExistent)), || {
            format!("DELETE twice: {:?}", out.code)
        });
        let out = d.ok(format!("LIST \"\" \"{base}*\""));
        check(out.lists().count() == 0, || {
            format!("left over: {:?}", out.untagged)
        });
        d.logout();
    }

    // Every command sent through the codec must be expressible by it: a gap is a failure.
    let gaps = GAPS.lock().unwrap().clone();
    if !gaps.is_empty() {
        fail(format!(
            "commands the codec could not express ({}):\n  {}",
            gaps.len(),
            gaps.join("\n  ")
        ));
    }
    let failures = FAILURES.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
