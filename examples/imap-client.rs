//! `imap-client`: list, status, fetch, get, search, append, move and idle against an IMAP
//! server, with the sans-IO [`mailproto::imap::client::Client`] driven over a blocking
//! [`TcpStream`] (optionally with rustls, by STARTTLS or implicit TLS).
//!
//! ```text
//! imap-client --server HOST:PORT --user U --password P [--auth MECH] [--starttls|--tls]
//!             [--ca-file PEM] [--server-name NAME] [-v] COMMAND [ARGS]
//!
//!   list                      every mailbox, with its attributes
//!   create MAILBOX            create a mailbox
//!   status MAILBOX            MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN
//!   fetch MAILBOX [SET]       envelopes as a table (UID set, default 1:*)
//!   get MAILBOX UID           the raw message to stdout, byte-exact (streamed)
//!   search MAILBOX QUERY...   UIDs matching IMAP search keys, e.g. `UNSEEN FROM "bob"`
//!   append MAILBOX FILE       append a message (`-` for stdin); prints its UID (UIDPLUS)
//!   move MAILBOX SET DEST     move messages (UID set) to DEST (MOVE, else COPY+EXPUNGE)
//!   idle MAILBOX              print new mail as it arrives (IDLE)
//! ```
//!
//! The driver: `poll_transmit` → `write_all`, `read` → `receive` (keeping what was not taken),
//! `poll_event` → act. A message fetched by `get` goes from the machine's buffer to stdout in
//! chunks, so its size does not matter.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mailproto::imap::client::{Client, ClientConfig, ClientEvent, ClientState, CommandId};
use mailproto::imap::parse::{ParseConfig, Status, parse_command};
use mailproto::imap::types::{
    AppendMessage, Capability, CommandBody, FetchAttribute, FetchData, FetchItems, Flag, FlagFetch,
    Literal, Mailbox, MailboxAttribute, ResponseCode, Section, SequenceSet, State, StatusAttribute,
    StatusValue, StoreAction, StoreFlags, UntaggedResponse, Vec1,
};
use mailproto::sasl::ClientSession;

#[path = "support/tls.rs"]
mod tls;

const HELP: &str = "\
imap-client: list, fetch, search, append, move and idle against an IMAP server

USAGE:
    imap-client --server HOST:PORT --user U --password P [OPTIONS] COMMAND [ARGS]

COMMANDS:
    list                      every mailbox, with its attributes
    create MAILBOX            create a mailbox
    status MAILBOX            MESSAGES, UIDNEXT, UIDVALIDITY and UNSEEN of a mailbox
    fetch MAILBOX [SET]       envelopes as a table (UID set, default 1:*)
    get MAILBOX UID           the raw message to stdout, byte-exact
    search MAILBOX QUERY...   the UIDs matching IMAP search keys, e.g. UNSEEN FROM \"bob\"
    append MAILBOX FILE       append a message (- for stdin); prints its UID when known
    move MAILBOX SET DEST     move messages (UID set) to DEST
    idle MAILBOX              print new mail as it arrives (see --count, --timeout)

OPTIONS:
    --server HOST:PORT   the server (required)
    --user U             the user (required)
    --password P         the password (required)
    --auth MECH          log in with AUTHENTICATE: PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1,
                         SCRAM-SHA-256 (default: LOGIN)
    --starttls           upgrade with STARTTLS (fails if the server does not offer it)
    --tls                implicit TLS from the start (e.g. port 993)
    --ca-file PEM        the trust anchor(s) for TLS (required with --starttls/--tls)
    --server-name NAME   the TLS server name to verify (default: the host of --server)
    --count N            idle: exit after N new messages (default: run until --timeout)
    --timeout SECS       idle: exit after SECS seconds (default 0: no limit)
    -v, --verbose        print the dialogue to stderr (passwords and SASL data hidden)
    -h, --help           print this help

EXIT STATUS:
    0 on success, 1 when the session or the command failed, 2 on a usage error.
";

/// A failure, with the exit status it maps to.
#[derive(Debug)]
pub struct Failure {
    /// The exit status: 1 for a failed session, 2 for a usage error.
    pub status: u8,
    /// What went wrong.
    pub message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            status: 2,
            message: message.into(),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { status: 1, message }
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure {
            status: 1,
            message: message.to_owned(),
        }
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// What to do once logged in.
#[derive(Debug, Clone)]
enum Action {
    List,
    Create(String),
    Status(String),
    Fetch(String, String),
    Get(String, u32),
    Search(String, String),
    Append(String, PathBuf),
    Move(String, String, String),
    Idle(String),
}

struct Options {
    server: String,
    user: String,
    password: String,
    auth: Option<String>,
    starttls: bool,
    tls: bool,
    ca_file: Option<PathBuf>,
    server_name: Option<String>,
    count: Option<u64>,
    timeout: u64,
    verbose: bool,
    action: Action,
}

fn parse_args(args: Vec<String>) -> Result<Option<Options>> {
    let mut args = args.into_iter();
    let mut server = None;
    let mut user = None;
    let mut password = None;
    let mut opts = Options {
        server: String::new(),
        user: String::new(),
        password: String::new(),
        auth: None,
        starttls: false,
        tls: false,
        ca_file: None,
        server_name: None,
        count: None,
        timeout: 0,
        verbose: false,
        action: Action::List,
    };
    let mut rest = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| Failure::usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--server" => server = Some(value("--server")?),
            "--user" => user = Some(value("--user")?),
            "--password" => password = Some(value("--password")?),
            "--auth" => opts.auth = Some(value("--auth")?.to_ascii_uppercase()),
            "--starttls" => opts.starttls = true,
            "--tls" => opts.tls = true,
            "--ca-file" => opts.ca_file = Some(PathBuf::from(value("--ca-file")?)),
            "--server-name" => opts.server_name = Some(value("--server-name")?),
            "--count" => {
                opts.count = Some(
                    value("--count")?
                        .parse()
                        .map_err(|_| Failure::usage("--count takes a number"))?,
                );
            }
            "--timeout" => {
                opts.timeout = value("--timeout")?
                    .parse()
                    .map_err(|_| Failure::usage("--timeout takes seconds"))?;
            }
            "-v" | "--verbose" => opts.verbose = true,
            other if other.starts_with("--") && rest.is_empty() => {
                return Err(Failure::usage(format!("unknown option {other}")));
            }
            _ => rest.push(arg),
        }
    }
    opts.server = server.ok_or_else(|| Failure::usage("--server is required"))?;
    opts.user = user.ok_or_else(|| Failure::usage("--user is required"))?;
    opts.password = password.ok_or_else(|| Failure::usage("--password is required"))?;
    if opts.starttls && opts.tls {
        return Err(Failure::usage("--starttls and --tls exclude each other"));
    }
    if (opts.starttls || opts.tls) && opts.ca_file.is_none() {
        return Err(Failure::usage("--starttls and --tls need --ca-file"));
    }
    let words: Vec<&str> = rest.iter().map(String::as_str).collect();
    opts.action = match words.as_slice() {
        ["list"] => Action::List,
        ["create", m] => Action::Create((*m).to_owned()),
        ["status", m] => Action::Status((*m).to_owned()),
        ["fetch", m] => Action::Fetch((*m).to_owned(), "1:*".to_owned()),
        ["fetch", m, set] => Action::Fetch((*m).to_owned(), (*set).to_owned()),
        ["get", m, uid] => Action::Get(
            (*m).to_owned(),
            uid.parse()
                .ok()
                .filter(|&u| u > 0)
                .ok_or_else(|| Failure::usage("get takes a UID"))?,
        ),
        ["search", m, query @ ..] if !query.is_empty() => {
            Action::Search((*m).to_owned(), query.join(" "))
        }
        ["append", m, file] => Action::Append((*m).to_owned(), PathBuf::from(file)),
        ["move", m, set, dest] => {
            Action::Move((*m).to_owned(), (*set).to_owned(), (*dest).to_owned())
        }
        ["idle", m] => Action::Idle((*m).to_owned()),
        [] => return Err(Failure::usage("a COMMAND is required")),
        other => {
            return Err(Failure::usage(format!(
                "unknown command {:?}",
                other.join(" ")
            )));
        }
    };
    Ok(Some(opts))
}

fn mailbox(name: &str) -> Result<Mailbox<'static>> {
    Mailbox::from_utf8(name).map_err(|e| Failure::usage(format!("bad mailbox name {name:?}: {e}")))
}

fn uid_set(set: &str) -> Result<SequenceSet<'static>> {
    SequenceSet::new(set.to_owned())
        .map_err(|e| Failure::usage(format!("bad UID set {set:?}: {e}")))
}

// ----- the driver -------------------------------------------------------------------------

/// A blocking connection: plain TCP or TLS.
type Stream = tls::Stream<rustls::ClientConnection>;

/// What a command answered.
struct Answer {
    data: Vec<UntaggedResponse<'static>>,
    status: State,
    code: Option<ResponseCode<'static>>,
    text: String,
}

impl Answer {
    fn ok(self, what: &str) -> Result<Answer> {
        if self.status == State::Ok {
            Ok(self)
        } else {
            Err(format!("{what} failed: {:?} {}", self.status, self.text).into())
        }
    }
}

/// The client machine over a blocking stream.
struct Driver {
    stream: Stream,
    client: Client,
    verbose: bool,
    /// Bytes read but not yet taken by [`Client::receive`].
    leftover: Vec<u8>,
    out: Vec<u8>,
    /// Untagged responses that belong to no command (mailbox updates), kept for `idle`.
    updates: Vec<UntaggedResponse<'static>>,
}

impl Driver {
    /// Writes what the machine has to send.
    fn flush(&mut self) -> Result<()> {
        self.out.clear();
        if self.client.poll_transmit(&mut self.out) == 0 {
            return Ok(());
        }
        if self.verbose {
            self.log_out();
        }
        self.stream
            .write_all(&self.out)
            .and_then(|()| self.stream.flush())
            .map_err(|e| format!("writing to the server: {e}").into())
    }

    /// Reads from the server (unless bytes are left over) and feeds the machine. `Ok(false)`
    /// when the read timed out.
    fn fill(&mut self) -> Result<bool> {
        if self.leftover.is_empty() {
            let mut buf = [0u8; 64 * 1024];
            let n = match self.stream.read(&mut buf) {
                Ok(0) => return Err("the server closed the connection".into()),
                Ok(n) => n,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Ok(false);
                }
                Err(e) => return Err(format!("reading from the server: {e}").into()),
            };
            if self.verbose {
                log_in(&buf[..n]);
            }
            self.leftover.extend_from_slice(&buf[..n]);
        }
        let n = self.client.receive(&self.leftover);
        self.leftover.drain(..n);
        Ok(true)
    }

    /// The next event; streamed literal data goes to `sink`. `None` when a read timed out.
    fn next_event(&mut self, sink: &mut dyn Write) -> Result<Option<ClientEvent<'static>>> {
        loop {
            self.flush()?;
            match self.client.poll_event().map(ClientEvent::into_owned) {
                Some(Ok(event)) => {
                    self.flush()?;
                    return Ok(Some(event));
                }
                Some(Err(chunk)) => {
                    sink.write_all(chunk)
                        .map_err(|e| format!("writing the message: {e}"))?;
                }
                None => {
                    // Processing a continuation request may have released output.
                    self.flush()?;
                    if self.client.is_closed() {
                        return Err("the session is closed".into());
                    }
                    if !self.fill()? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Runs until command `id` completes; its data is collected, other untagged responses
    /// are kept in `updates`.
    fn wait(&mut self, id: CommandId, sink: &mut dyn Write) -> Result<Answer> {
        let mut data = Vec::new();
        loop {
            let Some(event) = self.next_event(sink)? else {
                return Err("timed out waiting for the server".into());
            };
            match event {
                ClientEvent::Data { command, response } if command == id => data.push(response),
                ClientEvent::Data { .. } => {}
                ClientEvent::Untagged(u) => self.note(u),
                ClientEvent::Done {
                    command,
                    status,
                    code,
                    text,
                } if command == id => {
                    return Ok(Answer {
                        data,
                        status,
                        code,
                        text: String::from_utf8_lossy(text.as_bytes()).into_owned(),
                    });
                }
                ClientEvent::Error(e) => return Err(format!("protocol error: {e}").into()),
                ClientEvent::Closed => return Err("the server closed the session".into()),
                _ => {}
            }
        }
    }

    fn note(&mut self, u: UntaggedResponse<'static>) {
        if let UntaggedResponse::Status { text, .. } = &u
            && matches!(text.code(), Some(ResponseCode::Alert))
        {
            eprintln!(
                "imap-client: server alert: {}",
                String::from_utf8_lossy(text.text().as_bytes())
            );
        }
        self.updates.push(u);
    }

    fn send(&mut self, body: CommandBody<'_>) -> Result<CommandId> {
        self.client
            .send(body)
            .map_err(|e| Failure::from(format!("cannot send: {e}")))
    }

    fn log_out(&self) {
        for line in self.out.split_inclusive(|&b| b == b'\n') {
            let text = String::from_utf8_lossy(line);
            let text = text.trim_end_matches(['\r', '\n']);
            let mut words = text.splitn(3, ' ');
            let tag = words.next().unwrap_or("");
            let verb = words.next().unwrap_or("").to_ascii_uppercase();
            if verb == "LOGIN" {
                eprintln!("C: {tag} LOGIN <user> <password>");
            } else if verb == "AUTHENTICATE" {
                let mech = words.next().unwrap_or("").split(' ').next().unwrap_or("");
                eprintln!("C: {tag} AUTHENTICATE {mech} <auth data>");
            } else if matches!(self.client.state(), ClientState::NotAuthenticated)
                && !text.contains(' ')
            {
                eprintln!("C: <auth data>");
            } else if line.len() > 200 {
                eprintln!(
                    "C: {}... ({} bytes)",
                    &text[..floor_boundary(text, 120)],
                    line.len()
                );
            } else {
                eprintln!("C: {text}");
            }
        }
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Logs the server's lines (not literal contents, not SASL challenges).
fn log_in(data: &[u8]) {
    for line in data.split_inclusive(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.starts_with("+ ") && text.len() > 2 && !text.contains(' ') {
            eprintln!("S: + <auth data>");
        } else if text.starts_with('*')
            || text.starts_with('+')
            || text.contains(" OK")
            || text.contains(" NO")
            || text.contains(" BAD")
        {
            let cut = floor_boundary(text, 200);
            eprintln!("S: {}", &text[..cut]);
        }
    }
}

// ----- TLS ----------------------------------------------------------------------------------

fn tls_connect(opts: &Options, host: &str, tcp: TcpStream) -> Result<Stream> {
    let ca = opts
        .ca_file
        .as_ref()
        .ok_or_else(|| Failure::usage("TLS needs --ca-file"))?;
    let name = opts.server_name.as_deref().unwrap_or(host);
    let stream = tls::connect(ca, name, tcp).map_err(|e| match e {
        tls::ConnectError::BadServerName(m) => Failure::usage(m),
        tls::ConnectError::Failed(m) => Failure::from(m),
    })?;
    if opts.verbose {
        eprintln!("-- TLS established, server name {name}");
    }
    Ok(Stream::Tls(Box::new(stream)))
}

// ----- the session --------------------------------------------------------------------------

fn sasl_session(mech: &str, user: &str, password: &str) -> Result<ClientSession> {
    let session = match mech {
        "PLAIN" => ClientSession::plain(None, user, password),
        "LOGIN" => ClientSession::login(user, password),
        "CRAM-MD5" => ClientSession::cram_md5(user, password),
        "SCRAM-SHA-1" => ClientSession::scram_sha1(user, password),
        "SCRAM-SHA-256" => ClientSession::scram_sha256(user, password),
        other => return Err(Failure::usage(format!("unsupported --auth {other}"))),
    };
    session.map_err(|e| Failure::usage(format!("--auth {mech}: {e}")))
}

/// Connects, upgrades, logs in.
fn open(opts: &Options, stream_literals: bool) -> Result<Driver> {
    let (host, _) = opts
        .server
        .rsplit_once(':')
        .ok_or_else(|| Failure::usage("--server takes HOST:PORT"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let tcp = TcpStream::connect(&opts.server)
        .map_err(|e| format!("connecting to {}: {e}", opts.server))?;
    tcp.set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| format!("socket: {e}"))?;
    let stream = if opts.tls {
        tls_connect(opts, host, tcp)?
    } else {
        Stream::Plain(tcp)
    };
    let mut config = ClientConfig::new();
    if stream_literals {
        config.stream_threshold = Some(0);
    }
    let mut d = Driver {
        stream,
        client: Client::new(config),
        verbose: opts.verbose,
        leftover: Vec::new(),
        out: Vec::new(),
        updates: Vec::new(),
    };
    let mut sink = io::sink();
    match d.next_event(&mut sink)? {
        Some(ClientEvent::Greeting { condition, text }) => {
            if d.client.is_closed() {
                return Err(format!(
                    "the server refused the connection ({condition:?}): {}",
                    String::from_utf8_lossy(text.text().as_bytes())
                )
                .into());
            }
        }
        other => return Err(format!("expected a greeting, got {other:?}").into()),
    }
    if !d.client.capabilities_known() {
        let id = d.client.capability().map_err(|e| format!("{e}"))?;
        d.wait(id, &mut sink)?.ok("CAPABILITY")?;
    }
    if opts.starttls {
        if !d.client.has_capability(&Capability::StartTls) {
            return Err("the server does not offer STARTTLS".into());
        }
        let id = d.client.starttls().map_err(|e| format!("{e}"))?;
        d.wait(id, &mut sink)?.ok("STARTTLS")?;
        match d.next_event(&mut sink)? {
            Some(ClientEvent::StartTls) => {}
            other => return Err(format!("expected the TLS upgrade, got {other:?}").into()),
        }
        let Stream::Plain(tcp) = d.stream else {
            return Err("STARTTLS on a TLS connection".into());
        };
        d.stream = tls_connect(opts, host, tcp)?;
        d.leftover.clear();
        d.client.tls_established().map_err(|e| format!("{e}"))?;
        let id = d.client.capability().map_err(|e| format!("{e}"))?;
        d.wait(id, &mut sink)?.ok("CAPABILITY")?;
    }
    let id = match &opts.auth {
        Some(mech) => d
            .client
            .authenticate(sasl_session(mech, &opts.user, &opts.password)?)
            .map_err(|e| format!("AUTHENTICATE: {e}"))?,
        None => d
            .client
            .login(&opts.user, &opts.password)
            .map_err(|e| format!("LOGIN: {e}"))?,
    };
    d.wait(id, &mut sink)?.ok("login")?;
    if !d.client.capabilities_known() {
        let id = d.client.capability().map_err(|e| format!("{e}"))?;
        d.wait(id, &mut sink)?.ok("CAPABILITY")?;
    }
    Ok(d)
}

fn select(d: &mut Driver, name: &str, read_only: bool) -> Result<()> {
    let mb = mailbox(name)?;
    let id = if read_only {
        d.client.examine(mb)
    } else {
        d.client.select(mb)
    }
    .map_err(|e| format!("SELECT: {e}"))?;
    d.wait(id, &mut io::sink())?
        .ok(&format!("selecting {name}"))?;
    Ok(())
}

fn nstring_text(n: &mailproto::imap::types::NString<'_>) -> String {
    match n.as_bytes() {
        Some(b) => mailproto::msg::parse::decode_text(b).into_owned(),
        None => String::new(),
    }
}

fn fit(s: &str, width: usize) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() <= width {
        format!("{s:width$}")
    } else {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Prints the envelope rows of FETCH responses.
fn print_envelopes(out: &mut dyn Write, data: &[UntaggedResponse<'static>]) -> Result<()> {
    for r in data {
        let UntaggedResponse::Fetch { items, .. } = r else {
            continue;
        };
        let mut uid = 0;
        let mut size = 0;
        let mut flags = String::new();
        let mut date = String::new();
        let mut from = String::new();
        let mut subject = String::new();
        for item in items {
            match item {
                FetchData::Uid(u) => uid = u.get(),
                FetchData::Rfc822Size(s) => size = *s,
                FetchData::Flags(f) => {
                    flags = f
                        .iter()
                        .map(|f| match f {
                            FlagFetch::Flag(Flag::Seen) => 'S',
                            FlagFetch::Flag(Flag::Answered) => 'A',
                            FlagFetch::Flag(Flag::Flagged) => 'F',
                            FlagFetch::Flag(Flag::Deleted) => 'D',
                            FlagFetch::Flag(Flag::Draft) => 'd',
                            _ => '+',
                        })
                        .collect();
                }
                FetchData::Envelope(env) => {
                    date = nstring_text(&env.date);
                    subject = nstring_text(&env.subject);
                    from = env
                        .from
                        .first()
                        .map(|a| {
                            let name = nstring_text(&a.name);
                            if name.is_empty() {
                                format!("{}@{}", nstring_text(&a.mailbox), nstring_text(&a.host))
                            } else {
                                name
                            }
                        })
                        .unwrap_or_default();
                }
                _ => {}
            }
        }
        writeln!(
            out,
            "{uid:>8}  {:5}  {size:>9}  {}  {}  {}",
            flags,
            fit(&date, 31),
            fit(&from, 24),
            subject
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>()
        )
        .map_err(|e| format!("writing: {e}"))?;
    }
    Ok(())
}

fn fetch_envelopes(d: &mut Driver, set: SequenceSet<'static>, uid: bool) -> Result<Answer> {
    let items = FetchItems::List(
        Vec1::new(vec![
            FetchAttribute::Uid,
            FetchAttribute::Flags,
            FetchAttribute::Rfc822Size,
            FetchAttribute::Envelope,
        ])
        .expect("not empty"),
    );
    let id = d.send(CommandBody::Fetch {
        uid,
        set,
        items,
        modifiers: Vec::new(),
    })?;
    d.wait(id, &mut io::sink())?.ok("FETCH")
}

fn act(d: &mut Driver, opts: &Options, out: &mut dyn Write) -> Result<()> {
    let write_err = |e: io::Error| Failure::from(format!("writing: {e}"));
    match &opts.action {
        Action::List => {
            let id = d.send(CommandBody::List {
                selection: None,
                reference: Mailbox::from_utf8("").map_err(|e| format!("{e}"))?,
                patterns: Vec1::one(
                    mailproto::imap::types::ListMailbox::token("*").map_err(|e| format!("{e}"))?,
                ),
                return_options: None,
            })?;
            let answer = d.wait(id, &mut io::sink())?.ok("LIST")?;
            for r in &answer.data {
                if let UntaggedResponse::List(l) = r {
                    let attrs: Vec<String> = l
                        .attributes
                        .iter()
                        .map(|a: &MailboxAttribute<'_>| format!("\\{}", a.name()))
                        .collect();
                    writeln!(out, "{}\t{}", l.mailbox.to_unicode(false), attrs.join(" "))
                        .map_err(write_err)?;
                }
            }
        }
        Action::Create(name) => {
            let id = d.send(CommandBody::Create {
                mailbox: mailbox(name)?,
                parameters: vec![],
            })?;
            d.wait(id, &mut io::sink())?.ok("CREATE")?;
        }
        Action::Status(name) => {
            let items = Vec1::new(vec![
                StatusAttribute::Messages,
                StatusAttribute::UidNext,
                StatusAttribute::UidValidity,
                StatusAttribute::Unseen,
            ])
            .expect("not empty");
            let id = d.send(CommandBody::Status {
                mailbox: mailbox(name)?,
                items,
            })?;
            let answer = d.wait(id, &mut io::sink())?.ok("STATUS")?;
            for r in &answer.data {
                if let UntaggedResponse::MailboxStatus(s) = r {
                    let mut parts = Vec::new();
                    for v in &s.items {
                        match v {
                            StatusValue::Messages(n) => parts.push(format!("MESSAGES {n}")),
                            StatusValue::UidNext(n) => parts.push(format!("UIDNEXT {n}")),
                            StatusValue::UidValidity(n) => parts.push(format!("UIDVALIDITY {n}")),
                            StatusValue::Unseen(n) => parts.push(format!("UNSEEN {n}")),
                            _ => {}
                        }
                    }
                    writeln!(out, "{}", parts.join(" ")).map_err(write_err)?;
                }
            }
        }
        Action::Fetch(name, set) => {
            select(d, name, true)?;
            let answer = fetch_envelopes(d, uid_set(set)?, true)?;
            print_envelopes(out, &answer.data)?;
        }
        Action::Get(name, uid) => {
            select(d, name, true)?;
            let attr = FetchAttribute::BodySection {
                peek: true,
                section: Section::FULL,
                partial: None,
            };
            let id = d.send(CommandBody::Fetch {
                uid: true,
                set: uid_set(&uid.to_string())?,
                items: FetchItems::Single(attr),
                modifiers: Vec::new(),
            })?;
            // The body streams into `out` through the FetchBodyData events.
            let mut counting = Counting {
                inner: out,
                bytes: 0,
            };
            let answer = d.wait(id, &mut counting)?.ok("FETCH")?;
            let found = answer.data.iter().any(|r| {
                matches!(r, UntaggedResponse::Fetch { items, .. }
                    if items.iter().any(|i| matches!(i, FetchData::Uid(u) if u.get() == *uid)))
            });
            if !found && counting.bytes == 0 {
                return Err(format!("no message with UID {uid} in {name}").into());
            }
            counting.flush().map_err(write_err)?;
        }
        Action::Search(name, query) => {
            select(d, name, true)?;
            let text = format!("X UID SEARCH {query}\r\n");
            let body = match parse_command(text.as_bytes(), &ParseConfig::default()) {
                Ok(Status::Complete((cmd, _))) => cmd.body.into_owned(),
                _ => return Err(Failure::usage(format!("bad search query {query:?}"))),
            };
            let id = d.send(body)?;
            let answer = d.wait(id, &mut io::sink())?.ok("SEARCH")?;
            for r in &answer.data {
                match r {
                    UntaggedResponse::Search { ids, .. } => {
                        for id in ids {
                            writeln!(out, "{id}").map_err(write_err)?;
                        }
                    }
                    UntaggedResponse::Esearch(e) => {
                        for item in &e.data {
                            if let mailproto::imap::types::EsearchData::All(set) = item {
                                for n in set.numbers(u32::MAX) {
                                    writeln!(out, "{n}").map_err(write_err)?;
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Action::Append(name, file) => {
            let data = if file.as_os_str() == "-" {
                let mut v = Vec::new();
                io::stdin()
                    .read_to_end(&mut v)
                    .map_err(|e| format!("reading stdin: {e}"))?;
                v
            } else {
                std::fs::read(file).map_err(|e| format!("reading {}: {e}", file.display()))?
            };
            let literal =
                Literal::new(data).map_err(|e| format!("the message cannot be sent: {e}"))?;
            let id = d.send(CommandBody::Append {
                mailbox: mailbox(name)?,
                messages: Vec1::one(AppendMessage::new(literal)),
            })?;
            let answer = d.wait(id, &mut io::sink())?.ok("APPEND")?;
            if let Some(ResponseCode::AppendUid { uid_validity, uids }) = &answer.code {
                writeln!(out, "{uid_validity} {uids}").map_err(write_err)?;
            }
        }
        Action::Move(name, set, dest) => {
            select(d, name, false)?;
            let set = uid_set(set)?;
            if d.client.has_capability(&Capability::Move) {
                let id = d.send(CommandBody::Move {
                    uid: true,
                    set,
                    mailbox: mailbox(dest)?,
                })?;
                d.wait(id, &mut io::sink())?.ok("MOVE")?;
            } else {
                // RFC 6851 §3.3: without MOVE, COPY then flag and expunge the originals.
                let id = d.send(CommandBody::Copy {
                    uid: true,
                    set: set.clone(),
                    mailbox: mailbox(dest)?,
                })?;
                d.wait(id, &mut io::sink())?.ok("COPY")?;
                let id = d.send(CommandBody::Store {
                    uid: true,
                    set: set.clone(),
                    modifiers: vec![],
                    action: StoreAction::Add,
                    silent: true,
                    flags: StoreFlags::List(vec![Flag::Deleted]),
                })?;
                d.wait(id, &mut io::sink())?.ok("STORE")?;
                let id = d.send(CommandBody::UidExpunge { set })?;
                d.wait(id, &mut io::sink())?.ok("UID EXPUNGE")?;
            }
        }
        Action::Idle(name) => idle(d, opts, name, out)?,
    }
    Ok(())
}

fn idle(d: &mut Driver, opts: &Options, name: &str, out: &mut dyn Write) -> Result<()> {
    select(d, name, true)?;
    let mut known = d.client.mailbox().map_or(0, |m| m.exists);
    let deadline = (opts.timeout > 0).then(|| Instant::now() + Duration::from_secs(opts.timeout));
    let mut printed = 0u64;
    d.stream
        .tcp()
        .set_read_timeout(Some(Duration::from_millis(500)))
        .map_err(|e| format!("socket: {e}"))?;
    loop {
        d.updates.clear();
        let idle = d.client.idle().map_err(|e| format!("IDLE: {e}"))?;
        writeln!(out, "-- idling in {name} ({known} messages)")
            .map_err(|e| format!("writing: {e}"))?;
        out.flush().ok();
        // Wait for a change or the deadline.
        let mut grown = false;
        while !grown {
            if deadline.is_some_and(|t| Instant::now() >= t) {
                break;
            }
            match d.next_event(&mut io::sink())? {
                None => continue,
                Some(ClientEvent::Untagged(UntaggedResponse::Exists(n))) => grown = n > known,
                Some(ClientEvent::Untagged(UntaggedResponse::Expunge(_))) => {
                    known = known.saturating_sub(1);
                }
                Some(ClientEvent::Closed) => return Err("the server closed the session".into()),
                Some(ClientEvent::Error(e)) => return Err(format!("protocol error: {e}").into()),
                Some(_) => {}
            }
        }
        d.client.idle_done().map_err(|e| format!("DONE: {e}"))?;
        d.stream
            .tcp()
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| format!("socket: {e}"))?;
        d.wait(idle, &mut io::sink())?.ok("IDLE")?;
        if !grown {
            return Ok(());
        }
        let now = d.client.mailbox().map_or(known, |m| m.exists);
        if now > known {
            let set =
                SequenceSet::new(format!("{}:{now}", known + 1)).map_err(|e| format!("{e}"))?;
            let answer = fetch_envelopes(d, set, false)?;
            print_envelopes(out, &answer.data)?;
            printed += u64::from(now - known);
            known = now;
        }
        out.flush().ok();
        if opts.count.is_some_and(|c| printed >= c) {
            return Ok(());
        }
        d.stream
            .tcp()
            .set_read_timeout(Some(Duration::from_millis(500)))
            .map_err(|e| format!("socket: {e}"))?;
    }
}

/// A writer that counts what passes through.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Runs the tool with `args` (without the program name), writing results to `out`.
pub fn run(args: Vec<String>, out: &mut dyn Write) -> Result<()> {
    let Some(opts) = parse_args(args)? else {
        print!("{HELP}");
        return Ok(());
    };
    let mut d = open(&opts, matches!(opts.action, Action::Get(..)))?;
    let result = act(&mut d, &opts, out);
    // LOGOUT even after a failed command; its own failure matters only when all else worked.
    let logout = d
        .client
        .logout()
        .map_err(|e| Failure::from(format!("LOGOUT: {e}")))
        .and_then(|id| d.wait(id, &mut io::sink()));
    result?;
    match logout {
        Ok(_) => Ok(()),
        // The server may close right after its tagged OK.
        Err(_) if d.client.is_closed() => Ok(()),
        Err(e) => Err(e),
    }
}

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match run(std::env::args().skip(1).collect(), &mut lock) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("imap-client: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}
