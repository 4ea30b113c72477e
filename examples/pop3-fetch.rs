//! `pop3-fetch`: downloads the messages of a POP3 maildrop that it has not downloaded before
//! (by UIDL, RFC 1939 §7) into a Maildir, byte-exact, with the sans-IO
//! [`mailproto::pop3::client::Client`] driven over a blocking [`TcpStream`] (optionally with
//! rustls, by STLS or implicit TLS).
//!
//! ```text
//! pop3-fetch --server HOST:PORT --user U --password P [--apop|--auth MECH] [--stls|--tls]
//!            [--ca-file PEM] [--server-name NAME] [--delete] --maildir DIR [-v]
//! ```
//!
//! The unique-ids already fetched are remembered in `DIR/.pop3-fetch-uidl`, one
//! `account uid` per line. Each message is written to `DIR/tmp`, synced and renamed into
//! `DIR/new`, and only then recorded; with `--delete` it is marked with `DELE` after that, and
//! the deletions take effect at `QUIT` (RFC 1939 §6). When anything fails the connection is
//! dropped without `QUIT`, so the server deletes nothing.
//!
//! The driver: `poll_transmit` → `write_all`, `read` → `receive` (keeping what was not taken),
//! `poll_event` → act; message chunks go straight from the machine's buffer to the file.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mailproto::pop3::client::{Client, ClientConfig, ClientEvent, ClientState};
use mailproto::pop3::types::{MessageNumber, Response};
use mailproto::sasl::ClientSession;
use mailproto::sasl::mechanism::{CredentialKind, Mechanism};

#[path = "support/tls.rs"]
mod tls;

const HELP: &str = "\
pop3-fetch: download new messages from a POP3 server into a Maildir

USAGE:
    pop3-fetch --server HOST:PORT --user U --password P --maildir DIR [OPTIONS]

OPTIONS:
    --server HOST:PORT   the server (required)
    --user U             the user (required)
    --password P         the password, or the APOP secret (required)
    --apop               log in with APOP (needs a timestamp in the greeting)
    --auth MECH          log in with SASL AUTH: PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1,
                         SCRAM-SHA-256, or 'best' for the strongest one offered
                         (default: USER and PASS)
    --stls               upgrade with STLS (fails if the server does not offer it)
    --tls                implicit TLS from the start (e.g. port 995)
    --ca-file PEM        the trust anchor(s) for TLS (required with --stls/--tls)
    --server-name NAME   the TLS server name to verify (default: the host of --server)
    --delete             delete each message on the server once it is stored
    --maildir DIR        where to store; tmp/ new/ cur/ are created (required)
    -v, --verbose        print the dialogue to stderr (passwords and SASL data hidden)
    -h, --help           print this help

EXIT STATUS:
    0 on success, 1 when the session failed, 2 on a usage error.
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
        Failure::from(message.to_owned())
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// The messages stored: unique-id and file.
    pub fetched: Vec<(String, PathBuf)>,
    /// How many messages the server held that had been fetched before.
    pub already_seen: usize,
    /// How many messages were deleted on the server (applied at QUIT).
    pub deleted: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Login {
    UserPass,
    Apop,
    Sasl(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsMode {
    None,
    Stls,
    Implicit,
}

/// The parsed command line.
#[derive(Debug)]
struct Options {
    server: String,
    user: String,
    password: String,
    login: Login,
    tls: TlsMode,
    ca_file: Option<PathBuf>,
    server_name: Option<String>,
    delete: bool,
    maildir: PathBuf,
    verbose: bool,
}

fn parse_args(args: Vec<String>) -> Result<Option<Options>> {
    let mut it = args.into_iter();
    let (mut server, mut user, mut password, mut maildir) = (None, None, None, None);
    let mut opts = Options {
        server: String::new(),
        user: String::new(),
        password: String::new(),
        login: Login::UserPass,
        tls: TlsMode::None,
        ca_file: None,
        server_name: None,
        delete: false,
        maildir: PathBuf::new(),
        verbose: false,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| Failure::usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--server" => server = Some(value("--server")?),
            "--user" => user = Some(value("--user")?),
            "--password" => password = Some(value("--password")?),
            "--maildir" => maildir = Some(PathBuf::from(value("--maildir")?)),
            "--apop" => opts.login = Login::Apop,
            "--auth" => opts.login = Login::Sasl(value("--auth")?),
            "--stls" => opts.tls = TlsMode::Stls,
            "--tls" => opts.tls = TlsMode::Implicit,
            "--ca-file" => opts.ca_file = Some(PathBuf::from(value("--ca-file")?)),
            "--server-name" => opts.server_name = Some(value("--server-name")?),
            "--delete" => opts.delete = true,
            "-v" | "--verbose" => opts.verbose = true,
            other => return Err(Failure::usage(format!("unknown argument {other:?}"))),
        }
    }
    opts.server = server.ok_or_else(|| Failure::usage("--server is required"))?;
    opts.user = user.ok_or_else(|| Failure::usage("--user is required"))?;
    opts.password = password.ok_or_else(|| Failure::usage("--password is required"))?;
    opts.maildir = maildir.ok_or_else(|| Failure::usage("--maildir is required"))?;
    if opts.tls != TlsMode::None && opts.ca_file.is_none() {
        return Err(Failure::usage("--stls and --tls need --ca-file"));
    }
    Ok(Some(opts))
}

fn describe(response: &Response<'_>) -> String {
    let status = if response.is_ok() { "+OK" } else { "-ERR" };
    match response.code() {
        Some(code) => format!("{status} [{}] {}", code.as_str(), response.text_lossy()),
        None => format!("{status} {}", response.text_lossy()),
    }
}

fn unexpected(event: &ClientEvent<'_>) -> Failure {
    match event {
        ClientEvent::Error(e) => format!("protocol error: {e}").into(),
        ClientEvent::Response { request, response } => {
            format!("{request:?} refused: {}", describe(response)).into()
        }
        other => format!("unexpected event {other:?}").into(),
    }
}

// ----- the driver -------------------------------------------------------------------------

/// The client machine over a blocking stream.
struct Driver<S> {
    stream: S,
    client: Client,
    verbose: bool,
    /// Bytes read but not yet taken by [`Client::receive`].
    leftover: Vec<u8>,
    out: Vec<u8>,
    /// Received status lines not yet logged (an incomplete line).
    log_in: Vec<u8>,
}

impl<S: Read + Write> Driver<S> {
    fn new(stream: S, client: Client, verbose: bool) -> Self {
        Driver {
            stream,
            client,
            verbose,
            leftover: Vec::new(),
            out: Vec::new(),
            log_in: Vec::new(),
        }
    }

    fn into_parts(self) -> (S, Client) {
        (self.stream, self.client)
    }

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

    /// Reads from the server (unless bytes are left over) and feeds the machine.
    fn fill(&mut self) -> Result<()> {
        if self.leftover.is_empty() {
            let mut buf = [0u8; 32 * 1024];
            let n = match self.stream.read(&mut buf) {
                Ok(0) => return Err("the server closed the connection".into()),
                Ok(n) => n,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Err("timed out waiting for the server".into());
                }
                Err(e) => return Err(format!("reading from the server: {e}").into()),
            };
            if self.verbose {
                self.log_in(&buf[..n]);
            }
            self.leftover.extend_from_slice(&buf[..n]);
        }
        let n = self.client.receive(&self.leftover);
        self.leftover.drain(..n);
        Ok(())
    }

    /// The next event other than message data, which goes to `sink` as it arrives.
    fn next_event(&mut self, mut sink: Option<&mut File>) -> Result<ClientEvent<'static>> {
        loop {
            self.flush()?;
            if self.client.is_closed() && self.client.in_flight() == 0 {
                if let Some(event) = self.client.poll_event().map(ClientEvent::into_owned) {
                    return event.map_err(|_| "message data after the end".into());
                }
                return Err("the session is closed".into());
            }
            let Some(event) = self.client.poll_event().map(ClientEvent::into_owned) else {
                self.fill()?;
                continue;
            };
            match event {
                Ok(event) => {
                    self.flush()?;
                    return Ok(event);
                }
                Err(chunk) => match sink.as_deref_mut() {
                    Some(file) => file
                        .write_all(chunk)
                        .map_err(|e| format!("writing the message: {e}"))?,
                    None => return Err("message data without a message".into()),
                },
            }
        }
    }

    fn log_out(&self) {
        for line in self.out.split_inclusive(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(line);
            let line = line.trim_end_matches(['\r', '\n']);
            let upper = line.get(..5).unwrap_or("").to_ascii_uppercase();
            if upper == "USER " {
                eprintln!("C: {line}");
            } else if upper == "PASS " {
                eprintln!("C: PASS <password>");
            } else if upper == "APOP " {
                let user = line.split(' ').nth(1).unwrap_or("");
                eprintln!("C: APOP {user} <digest>");
            } else if upper == "AUTH " {
                let mech = line.split(' ').nth(1).unwrap_or("");
                eprintln!(
                    "C: AUTH {mech}{}",
                    if line.split(' ').count() > 2 {
                        " <auth data>"
                    } else {
                        ""
                    }
                );
            } else if self.client.state() == ClientState::Authenticating {
                eprintln!("C: <auth data>");
            } else {
                eprintln!("C: {line}");
            }
        }
    }

    fn log_in(&mut self, data: &[u8]) {
        // Status lines only; message contents are not echoed.
        self.log_in.extend_from_slice(data);
        while let Some(pos) = self.log_in.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.log_in.drain(..=pos).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.starts_with("+OK") || line.starts_with("-ERR") {
                eprintln!("S: {line}");
            } else if line.starts_with("+ ") || line == "+" {
                eprintln!("S: + <auth data>");
            }
        }
        if self.log_in.len() > 4096 {
            self.log_in.clear();
        }
    }
}

// ----- TLS ----------------------------------------------------------------------------------

type TlsStream = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

fn tls_connect(opts: &Options, host: &str, tcp: TcpStream) -> Result<TlsStream> {
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
    Ok(stream)
}

// ----- the Maildir --------------------------------------------------------------------------

const SEEN_FILE: &str = ".pop3-fetch-uidl";

fn create_maildir(dir: &Path) -> Result<()> {
    for sub in ["tmp", "new", "cur"] {
        fs::create_dir_all(dir.join(sub))
            .map_err(|e| format!("creating {}: {e}", dir.join(sub).display()))?;
    }
    Ok(())
}

/// The unique-ids fetched before for `account`.
fn load_seen(dir: &Path, account: &str) -> Result<HashSet<String>> {
    let text = match fs::read_to_string(dir.join(SEEN_FILE)) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("reading {SEEN_FILE}: {e}").into()),
    };
    Ok(text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(a, _)| *a == account)
        .map(|(_, uid)| uid.to_owned())
        .collect())
}

fn record_seen(dir: &Path, account: &str, uid: &str) -> Result<()> {
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(SEEN_FILE))
        .map_err(|e| format!("opening {SEEN_FILE}: {e}"))?;
    writeln!(f, "{account} {uid}")
        .and_then(|()| f.sync_data())
        .map_err(|e| format!("writing {SEEN_FILE}: {e}").into())
}

/// A Maildir unique name (`time.MmicrosPpidQn.host`).
fn unique_name() -> String {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let host = fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().replace(['/', ':'], "_"))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    format!(
        "{}.M{}P{}Q{}.{host}",
        now.as_secs(),
        now.subsec_micros(),
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    )
}

// ----- the session --------------------------------------------------------------------------

fn sasl_session(
    name: &str,
    user: &str,
    password: &str,
    offered: &[Mechanism],
) -> Result<ClientSession> {
    let mech = if name.eq_ignore_ascii_case("best") {
        Mechanism::strongest(offered.iter().map(|m| m.as_str()), CredentialKind::Password)
            .ok_or("the server offers no SASL mechanism for a password")?
    } else {
        Mechanism::from_bytes(name.as_bytes())
            .map_err(|_| Failure::usage(format!("unsupported mechanism {name:?}")))?
    };
    let session = match mech {
        Mechanism::Plain => ClientSession::plain(None, user, password),
        Mechanism::Login => ClientSession::login(user, password),
        Mechanism::CramMd5 => ClientSession::cram_md5(user, password),
        Mechanism::ScramSha1 => ClientSession::scram_sha1(user, password),
        Mechanism::ScramSha256 => ClientSession::scram_sha256(user, password),
        other => {
            return Err(Failure::usage(format!(
                "{other} needs a token, not a password"
            )));
        }
    };
    session.map_err(|e| format!("SASL: {e}").into())
}

/// Sends `CAPA`; an `-ERR` (no CAPA support) leaves the capabilities empty.
fn capa<S: Read + Write>(d: &mut Driver<S>) -> Result<()> {
    d.client.capa().map_err(|e| format!("CAPA: {e}"))?;
    match d.next_event(None)? {
        ClientEvent::Capabilities { .. } => Ok(()),
        ClientEvent::Response { response, .. } if !response.is_ok() => Ok(()),
        other => Err(unexpected(&other)),
    }
}

fn login<S: Read + Write>(d: &mut Driver<S>, opts: &Options) -> Result<()> {
    let started = match &opts.login {
        Login::UserPass => d.client.login(&opts.user, &opts.password),
        Login::Apop => d.client.apop(&opts.user, &opts.password),
        Login::Sasl(name) => {
            let offered: Vec<Mechanism> = d.client.capabilities().known_mechanisms().collect();
            let session = sasl_session(name, &opts.user, &opts.password, &offered)?;
            d.client.authenticate(session)
        }
    };
    started.map_err(|e| format!("login: {e}"))?;
    loop {
        match d.next_event(None)? {
            // The +OK to USER.
            ClientEvent::Response { response, .. } if response.is_ok() => {}
            ClientEvent::LoggedIn { .. } => return Ok(()),
            ClientEvent::LoginFailed {
                response, error, ..
            } => {
                let why = error.map(|e| format!(" ({e})")).unwrap_or_default();
                return Err(format!("login refused: {}{why}", describe(&response)).into());
            }
            other => return Err(unexpected(&other)),
        }
    }
}

/// Downloads what is new; `Ok` with the summary once QUIT has been answered.
fn fetch<S: Read + Write>(d: &mut Driver<S>, opts: &Options) -> Result<Summary> {
    let account = format!("{}@{}", opts.user, opts.server);
    let seen = load_seen(&opts.maildir, &account)?;
    d.client.uidl(None).map_err(|e| format!("UIDL: {e}"))?;
    let entries = match d.next_event(None)? {
        ClientEvent::UniqueIds { entries } => entries,
        ClientEvent::Response { response, .. } => {
            return Err(
                format!("the server cannot list unique-ids: {}", describe(&response)).into(),
            );
        }
        other => return Err(unexpected(&other)),
    };
    let mut summary = Summary::default();
    let new: Vec<(MessageNumber, String)> = entries
        .iter()
        .filter(|e| !seen.contains(e.uid.as_str()))
        .map(|e| (e.msg, e.uid.as_str().to_owned()))
        .collect();
    summary.already_seen = entries.len() - new.len();
    // With PIPELINING every RETR goes at once; the machine matches the responses in order.
    for (msg, _) in &new {
        d.client.retr(msg.get()).map_err(|e| format!("RETR: {e}"))?;
    }
    let mut dele_pending = 0;
    let mut current: Option<(File, PathBuf, String)> = None;
    let mut done = 0;
    while done < new.len() || dele_pending > 0 {
        match d.next_event(current.as_mut().map(|(f, _, _)| f))? {
            ClientEvent::MessageStart { msg, .. } => {
                let uid = new
                    .iter()
                    .find(|(m, _)| *m == msg)
                    .map(|(_, u)| u.clone())
                    .ok_or("a message that was not asked for")?;
                let name = unique_name();
                let tmp = opts.maildir.join("tmp").join(&name);
                let file =
                    File::create(&tmp).map_err(|e| format!("creating {}: {e}", tmp.display()))?;
                current = Some((file, tmp, uid));
            }
            ClientEvent::MessageEnd { msg, .. } => {
                let (file, tmp, uid) = current.take().ok_or("a message end without a start")?;
                file.sync_all()
                    .map_err(|e| format!("syncing {}: {e}", tmp.display()))?;
                drop(file);
                let name = tmp.file_name().map(|n| n.to_owned()).unwrap_or_default();
                let dest = opts.maildir.join("new").join(name);
                fs::rename(&tmp, &dest).map_err(|e| format!("storing {}: {e}", dest.display()))?;
                record_seen(&opts.maildir, &account, &uid)?;
                summary.fetched.push((uid, dest));
                done += 1;
                if opts.delete {
                    d.client.dele(msg.get()).map_err(|e| format!("DELE: {e}"))?;
                    dele_pending += 1;
                }
            }
            ClientEvent::Response { request, response } if !response.is_ok() => {
                return Err(format!("{request:?} refused: {}", describe(&response)).into());
            }
            ClientEvent::Response { .. } => {
                // The +OK to a DELE.
                dele_pending -= 1;
                summary.deleted += 1;
            }
            other => return Err(unexpected(&other)),
        }
    }
    d.client.quit().map_err(|e| format!("QUIT: {e}"))?;
    match d.next_event(None)? {
        ClientEvent::Closed { updated: true, .. } => Ok(summary),
        ClientEvent::Closed { response, .. } => Err(format!(
            "QUIT failed, deletions not applied: {}",
            describe(&response)
        )
        .into()),
        other => Err(unexpected(&other)),
    }
}

/// Waits for the greeting and asks for the capabilities.
fn greet<S: Read + Write>(d: &mut Driver<S>) -> Result<()> {
    match d.next_event(None)? {
        ClientEvent::Greeting { .. } => {}
        ClientEvent::ServiceUnavailable { response } => {
            return Err(format!("the server refused the session: {}", describe(&response)).into());
        }
        other => return Err(unexpected(&other)),
    }
    capa(d)
}

/// Login and download over an established (plain or TLS) stream.
fn transact<S: Read + Write>(mut d: Driver<S>, opts: &Options) -> Result<Summary> {
    login(&mut d, opts)?;
    fetch(&mut d, opts)
}

/// Runs the tool with the arguments (without the program name), printing a summary to
/// stdout.
pub fn run(args: Vec<String>) -> std::result::Result<Summary, Failure> {
    let Some(opts) = parse_args(args)? else {
        print!("{HELP}");
        return Ok(Summary::default());
    };
    create_maildir(&opts.maildir)?;
    let (host, port) = opts
        .server
        .rsplit_once(':')
        .ok_or_else(|| Failure::usage("--server must be HOST:PORT"))?;
    let port: u16 = port
        .parse()
        .map_err(|_| Failure::usage(format!("bad port {port:?}")))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let tcp = TcpStream::connect((host, port))
        .map_err(|e| format!("connecting to {}: {e}", opts.server))?;
    // RFC 1939 §3 servers log out after 10 minutes at the earliest.
    tcp.set_read_timeout(Some(Duration::from_secs(600)))
        .and_then(|()| tcp.set_write_timeout(Some(Duration::from_secs(600))))
        .map_err(|e| format!("setting the timeouts: {e}"))?;
    let client = Client::new(ClientConfig::default());
    let summary = match opts.tls {
        TlsMode::Implicit => {
            let tls = tls_connect(&opts, host, tcp)?;
            let mut d = Driver::new(tls, client, opts.verbose);
            greet(&mut d)?;
            transact(d, &opts)?
        }
        TlsMode::None => {
            let mut d = Driver::new(tcp, client, opts.verbose);
            greet(&mut d)?;
            transact(d, &opts)?
        }
        TlsMode::Stls => {
            let mut d = Driver::new(tcp, client, opts.verbose);
            greet(&mut d)?;
            if !d.client.capabilities().stls() {
                return Err("the server does not offer STLS".into());
            }
            d.client.stls().map_err(|e| format!("STLS: {e}"))?;
            match d.next_event(None)? {
                ClientEvent::UpgradeTls => {}
                other => return Err(unexpected(&other)),
            }
            let (tcp, mut client) = d.into_parts();
            let tls = tls_connect(&opts, host, tcp)?;
            client
                .tls_established()
                .map_err(|e| format!("after the TLS upgrade: {e}"))?;
            // RFC 2595 §4: capabilities are asked again under TLS.
            let mut d = Driver::new(tls, client, opts.verbose);
            capa(&mut d)?;
            transact(d, &opts)?
        }
    };
    println!(
        "fetched {} new message(s), {} seen before, {} deleted",
        summary.fetched.len(),
        summary.already_seen,
        summary.deleted
    );
    Ok(summary)
}

#[allow(dead_code)]
fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(_) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("pop3-fetch: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}
