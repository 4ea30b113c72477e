//! `imapd`: a small IMAP4rev2 (and IMAP4rev1) server over a Maildir.
//!
//! It drives [`mailproto::imap::server::Server`] over `std::net`, one thread per connection,
//! for the users given on the command line, who share one Maildir++ tree (INBOX and `.Folder`
//! sub-directories): LOGIN and AUTHENTICATE PLAIN or SCRAM-SHA-256 (with SASL-IR), optional
//! STARTTLS (rustls), LIST/LSUB, CREATE/DELETE/RENAME, SUBSCRIBE, STATUS, SELECT/EXAMINE,
//! FETCH (ENVELOPE and BODYSTRUCTURE built with `rfc5322-msg`, `BODY[section]<partial>`,
//! BINARY), SEARCH (the base keys, ESEARCH after `ENABLE IMAP4rev2` or with RETURN), STORE,
//! COPY, MOVE, EXPUNGE and UID EXPUNGE, APPEND (MULTIAPPEND), IDLE, UIDPLUS, NAMESPACE.
//!
//! UIDs persist across restarts in a per-folder `imapd-uidlist` (see the `store` module);
//! flags live in the Maildir file names. Messages delivered into `new/` by an MTA are picked
//! up on the next command or, while idling, within a second.
//!
//! ```text
//! imapd --listen 127.0.0.1:1143 --maildir /tmp/maildir --user alice:secret
//! ```

mod mailbox;
mod mime;
mod search;
mod store;
#[path = "../support/tls.rs"]
mod tls;

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailproto::imap::server::{
    AUTOLOGOUT_TIMEOUT_SECS, Server, ServerConfig, ServerEvent, ServerState,
};
use mailproto::imap::types::{Capability, CommandBody, State};
use mailproto::sasl::Mechanism;
use mailproto::sasl::scram::{ScramCredentials, ScramHash};
use mailproto::sasl::server::ServerStep;

use crate::mailbox::{Account, Outcome};
use crate::store::Store;

const USAGE: &str = "\
imapd: a small IMAP4rev2 server over a Maildir

USAGE:
    imapd --listen ADDR --maildir DIR --user USER:PASSWORD [OPTIONS]

OPTIONS:
    --listen ADDR           address to listen on, e.g. 127.0.0.1:1143 (required)
    --maildir DIR           the Maildir++ tree: INBOX in DIR, folders in DIR/.NAME (required)
    --user USER:PASSWORD    a user of the Maildir; repeat for more (at least one)
    --tls-cert PEM          certificate chain for STARTTLS (with --tls-key)
    --tls-key PEM           private key for STARTTLS (with --tls-cert)
    --allow-plaintext       allow LOGIN and AUTHENTICATE PLAIN without TLS even when TLS is
                            configured (always allowed without --tls-cert)
    --hostname NAME         server name (default localhost)
    --max-connections N     exit after N sessions (for tests)
    -v, --verbose           log sessions to stderr (no passwords)
    -h, --help              show this text
";

/// How often a session in IDLE looks at the Maildir for changes.
const IDLE_POLL: Duration = Duration::from_millis(500);

struct Options {
    listen: String,
    maildir: PathBuf,
    users: Vec<(String, String)>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    allow_plaintext: bool,
    hostname: String,
    max_connections: Option<u64>,
    verbose: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut opts = Options {
        listen: String::new(),
        maildir: PathBuf::new(),
        users: Vec::new(),
        tls_cert: None,
        tls_key: None,
        allow_plaintext: false,
        hostname: "localhost".to_owned(),
        max_connections: None,
        verbose: false,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            "--listen" => opts.listen = value("--listen")?,
            "--maildir" => opts.maildir = PathBuf::from(value("--maildir")?),
            "--user" => {
                let v = value("--user")?;
                let (u, p) = v.split_once(':').ok_or("--user takes USER:PASSWORD")?;
                opts.users.push((u.to_owned(), p.to_owned()));
            }
            "--tls-cert" => opts.tls_cert = Some(PathBuf::from(value("--tls-cert")?)),
            "--tls-key" => opts.tls_key = Some(PathBuf::from(value("--tls-key")?)),
            "--allow-plaintext" => opts.allow_plaintext = true,
            "--hostname" => opts.hostname = value("--hostname")?,
            "--max-connections" => {
                opts.max_connections = Some(
                    value("--max-connections")?
                        .parse()
                        .map_err(|_| "--max-connections takes a number")?,
                );
            }
            "-v" | "--verbose" => opts.verbose = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if opts.listen.is_empty() || opts.maildir.as_os_str().is_empty() || opts.users.is_empty() {
        return Err("--listen, --maildir and --user are required".to_owned());
    }
    if opts.tls_cert.is_some() != opts.tls_key.is_some() {
        return Err("--tls-cert and --tls-key go together".to_owned());
    }
    Ok(opts)
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What every session shares.
struct Shared {
    opts: Options,
    passwords: HashMap<String, String>,
    scram: HashMap<String, ScramCredentials>,
    tls: Option<Arc<rustls::ServerConfig>>,
    /// The Maildir, behind the one lock that makes UID assignment safe between sessions.
    store: Arc<Mutex<Store>>,
    sessions: AtomicU64,
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("imapd: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(opts) {
        eprintln!("imapd: {e}");
        std::process::exit(1);
    }
}

fn run(opts: Options) -> Result<(), BoxError> {
    let store = Store::open(&opts.maildir)?;
    let tls = match (&opts.tls_cert, &opts.tls_key) {
        (Some(cert), Some(key)) => Some(tls::server_config(cert, key)?),
        _ => None,
    };
    let mut scram = HashMap::new();
    for (user, password) in &opts.users {
        scram.insert(
            user.clone(),
            ScramCredentials::generate(ScramHash::Sha256, password, 4096)?,
        );
    }
    let listener = TcpListener::bind(&opts.listen)?;
    eprintln!("imapd: listening on {}", listener.local_addr()?);
    let shared = Arc::new(Shared {
        passwords: opts.users.iter().cloned().collect(),
        scram,
        tls,
        store: Arc::new(Mutex::new(store)),
        sessions: AtomicU64::new(0),
        opts,
    });
    let mut threads = Vec::new();
    for stream in listener.incoming() {
        let stream = stream?;
        let for_thread = Arc::clone(&shared);
        let n = shared.sessions.fetch_add(1, Ordering::Relaxed) + 1;
        threads.push(std::thread::spawn(move || session(&for_thread, stream, n)));
        if shared.opts.max_connections.is_some_and(|max| n >= max) {
            break;
        }
    }
    for t in threads {
        let _ = t.join();
    }
    Ok(())
}

type Stream = tls::Stream<rustls::ServerConnection>;

fn session(shared: &Shared, tcp: TcpStream, n: u64) {
    if let (Err(e), true) = (drive(shared, tcp, n), shared.opts.verbose) {
        eprintln!("imapd: session {n}: {e}");
    }
}

fn server_config(shared: &Shared) -> ServerConfig {
    let mut config = ServerConfig::new(shared.opts.hostname.clone());
    config.greeting = "mailproto imapd ready".to_owned();
    config.capabilities.extend([
        Capability::Imap4rev2,
        Capability::UidPlus,
        Capability::Move,
        Capability::MultiAppend,
        Capability::Namespace,
        Capability::ESearch,
        Capability::Partial,
        Capability::Children,
        Capability::Binary,
    ]);
    config.auth_mechanisms = vec![Mechanism::ScramSha256, Mechanism::Plain];
    config.starttls = shared.tls.is_some();
    config.allow_plaintext_login_without_tls = shared.tls.is_none() || shared.opts.allow_plaintext;
    config
}

/// What to do with the machine once the event that asked for it is no longer borrowed.
enum Action {
    None,
    Complete { outcome: Outcome, select: bool },
    Login(bool),
    Auth(ServerStep),
    StartTls,
}

fn io_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

fn drive(shared: &Shared, tcp: TcpStream, n: u64) -> io::Result<()> {
    let mut server = Server::new(server_config(shared)).map_err(io_err)?;
    let mut stream = Stream::Plain(tcp);
    let mut account: Option<Account> = None;
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut pending: Vec<u8> = Vec::new();
    loop {
        out.clear();
        server.poll_transmit(&mut out);
        if !out.is_empty() {
            stream.write_all(&out)?;
            stream.flush()?;
        }
        if server.is_closed() {
            return Ok(());
        }
        if pending.is_empty() {
            let idling = server.state() == ServerState::Idle;
            stream.tcp().set_read_timeout(Some(if idling {
                IDLE_POLL
            } else {
                Duration::from_secs(AUTOLOGOUT_TIMEOUT_SECS)
            }))?;
            match stream.read(&mut buf) {
                Ok(0) => {
                    server.abort();
                    return Ok(());
                }
                Ok(k) => pending.extend_from_slice(&buf[..k]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    if idling {
                        // RFC 2177: tell the idling client what changed.
                        if let Some(acc) = account.as_mut() {
                            for update in acc.updates(true) {
                                server.untagged(&update).map_err(io_err)?;
                            }
                        }
                        continue;
                    }
                    // RFC 9051 §5.4: the autologout timer.
                    server.shutdown("autologout");
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
        let taken = server.receive(&pending);
        pending.drain(..taken);
        loop {
            let action = match server.poll_event() {
                None => break,
                Some(ServerEvent::Command {
                    tag,
                    body,
                    expunge_allowed,
                }) => {
                    let select = matches!(
                        body,
                        CommandBody::Select { .. } | CommandBody::Examine { .. }
                    );
                    if shared.opts.verbose {
                        eprintln!("imapd: session {n}: {} {}", tag.as_str(), body.name());
                    }
                    let outcome = match account.as_mut() {
                        Some(acc) => acc.handle(tag.as_str(), &body, expunge_allowed),
                        None => Outcome::bad("not authenticated"),
                    };
                    Action::Complete { outcome, select }
                }
                Some(ServerEvent::Login { username, password }) => Action::Login(
                    shared.passwords.get(&username).map(String::as_str) == Some(password.expose()),
                ),
                Some(ServerEvent::Auth(step)) => Action::Auth(step),
                Some(ServerEvent::LoggedIn { user, .. }) => {
                    if shared.opts.verbose {
                        eprintln!("imapd: session {n}: {user} logged in");
                    }
                    account = Some(Account::new(Arc::clone(&shared.store)));
                    Action::None
                }
                Some(ServerEvent::Enabled(caps)) => {
                    if let Some(acc) = account.as_mut()
                        && caps.iter().any(|c| matches!(c, Capability::Imap4rev2))
                    {
                        acc.rev2 = true;
                    }
                    Action::None
                }
                Some(ServerEvent::StartTls) => Action::StartTls,
                Some(_) => Action::None,
            };
            match action {
                Action::None => {}
                Action::Complete { outcome, select } => {
                    for u in &outcome.untagged {
                        if let Err(e) = server.untagged(u) {
                            eprintln!("imapd: session {n}: response refused: {e}");
                        }
                    }
                    if select && outcome.state == State::Ok {
                        let read_only = account
                            .as_ref()
                            .and_then(|a| a.selected.as_ref())
                            .is_some_and(|s| s.read_only);
                        server.selected(read_only).map_err(io_err)?;
                    } else if select {
                        server
                            .select_failed(outcome.code.clone(), &outcome.text)
                            .map_err(io_err)?;
                    } else {
                        server
                            .done(outcome.state, outcome.code.clone(), &outcome.text)
                            .map_err(io_err)?;
                    }
                }
                Action::Login(ok) => {
                    if ok {
                        server.accept_login().map_err(io_err)?;
                    } else {
                        server.reject_login().map_err(io_err)?;
                    }
                }
                Action::Auth(step) => {
                    match step {
                        ServerStep::NeedsPasswordCheck {
                            authzid,
                            authcid,
                            password,
                        } => {
                            let ok = authzid.is_none_or(|z| z == authcid)
                                && shared.passwords.get(&authcid).map(String::as_str)
                                    == Some(password.expose());
                            server.auth_password_checked(ok)
                        }
                        ServerStep::NeedsScramCredentials { username, authzid } => {
                            let creds = shared
                                .scram
                                .get(&username)
                                .filter(|_| authzid.is_none_or(|z| z == username))
                                .cloned();
                            server.auth_provide_scram_credentials(creds)
                        }
                        ServerStep::NeedsPassword { username } => server.auth_provide_password(
                            shared.passwords.get(&username).map(String::as_str),
                        ),
                        _ => server.auth_password_checked(false),
                    }
                    .map_err(io_err)?;
                }
                Action::StartTls => {
                    // The OK goes out in the clear; the handshake follows it (RFC 9051 §6.2.1).
                    out.clear();
                    server.poll_transmit(&mut out);
                    stream.write_all(&out)?;
                    stream.flush()?;
                    let Stream::Plain(tcp) = stream else {
                        return Err(io::Error::other("STARTTLS twice"));
                    };
                    let config = shared
                        .tls
                        .clone()
                        .ok_or_else(|| io::Error::other("no TLS configured"))?;
                    let mut conn = rustls::ServerConnection::new(config).map_err(io_err)?;
                    let mut tcp = tcp;
                    tcp.set_read_timeout(Some(Duration::from_secs(60)))?;
                    while conn.is_handshaking() {
                        conn.complete_io(&mut tcp)?;
                    }
                    stream = tls::Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp)));
                    // Whatever was received before the handshake is dropped (the
                    // CVE-2011-0411 class).
                    pending.clear();
                    server.tls_established().map_err(io_err)?;
                }
            }
        }
    }
}
