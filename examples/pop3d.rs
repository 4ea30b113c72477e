//! `pop3d`: a POP3 server over a Maildir.
//!
//! It drives [`mailproto::pop3::server::Server`] over `std::net`, one thread per connection,
//! for the users given on the command line, who share the one Maildir: `CAPA`, `UIDL`, `TOP`,
//! `APOP` (a fresh timestamp per greeting), `AUTH PLAIN` and `SCRAM-SHA-256`, `RESP-CODES`,
//! `PIPELINING`, optional `STLS` (rustls). The maildrop lock is held from login to the end of
//! the session; a second session gets `-ERR [IN-USE]`. `DELE` only marks: the files are
//! removed in the UPDATE state after `QUIT`, never when a connection just ends.
//!
//! Messages are the files of `new/` and `cur/`, in name order; line ends are sent as CRLF (a
//! Maildir written with LF is converted, RFC 1939 §11), and sizes count them so. Unique-ids
//! are the Maildir base names (up to the `:` of the flags) when they fit RFC 1939 §7, else a
//! hash of the name.
//!
//! ```text
//! pop3d --listen 127.0.0.1:1110 --maildir /tmp/maildir --user alice:secret
//! ```

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mailproto::pop3::server::{
    AUTOLOGOUT_TIMEOUT_SECS, MessageInfo, Server, ServerConfig, ServerEvent,
};
use mailproto::pop3::types::{AuthMechanism, Capability, MessageNumber, UniqueId};
use mailproto::sasl::scram::{ScramCredentials, ScramHash};
use mailproto::sasl::server::ServerStep;

#[path = "support/tls.rs"]
mod tls;

const USAGE: &str = "\
pop3d: a POP3 server over a Maildir

USAGE:
    pop3d --listen ADDR --maildir DIR --user USER:PASSWORD [OPTIONS]

OPTIONS:
    --listen ADDR           address to listen on, e.g. 127.0.0.1:1110 (required)
    --maildir DIR           the maildrop: messages in DIR/new and DIR/cur (required)
    --user USER:PASSWORD    a user of the maildrop; repeat for more (at least one)
    --tls-cert PEM          certificate chain for STLS (with --tls-key)
    --tls-key PEM           private key for STLS (with --tls-cert)
    --allow-plaintext       allow USER/PASS and AUTH PLAIN without TLS even when TLS is
                            configured (always allowed without --tls-cert)
    --hostname NAME         name used in the APOP timestamp and QUIT (default localhost)
    --max-connections N     exit after N sessions (for tests)
    -v, --verbose           log sessions to stderr (no passwords)
    -h, --help              show this text
";

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
    /// The maildrop lock (RFC 1939 §4): held by at most one session.
    locked: Mutex<bool>,
    sessions: AtomicU64,
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("pop3d: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(opts) {
        eprintln!("pop3d: {e}");
        std::process::exit(1);
    }
}

fn run(opts: Options) -> Result<(), BoxError> {
    for sub in ["tmp", "new", "cur"] {
        fs::create_dir_all(opts.maildir.join(sub))?;
    }
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
    eprintln!("pop3d: listening on {}", listener.local_addr()?);
    let shared = Arc::new(Shared {
        passwords: opts.users.iter().cloned().collect(),
        scram,
        tls,
        locked: Mutex::new(false),
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

/// One message of the open maildrop.
struct Message {
    path: PathBuf,
}

/// A session's state beside the machine.
struct State {
    messages: Vec<Message>,
    holds_lock: bool,
}

fn session(shared: &Shared, tcp: TcpStream, n: u64) {
    let mut state = State {
        messages: Vec::new(),
        holds_lock: false,
    };
    let result = drive(shared, tcp, &mut state, n);
    if state.holds_lock {
        if let Ok(mut locked) = shared.locked.lock() {
            *locked = false;
        }
    }
    if let (Err(e), true) = (result, shared.opts.verbose) {
        eprintln!("pop3d: session {n}: {e}");
    }
}

fn server_config(shared: &Shared, n: u64) -> ServerConfig {
    let mut config = ServerConfig::new(shared.opts.hostname.clone());
    config.capabilities.push(Capability::Sasl(vec![
        AuthMechanism::from_name("SCRAM-SHA-256"),
        AuthMechanism::from_name("PLAIN"),
    ]));
    if shared.tls.is_some() {
        config.capabilities.push(Capability::Stls);
    }
    config.capabilities.push(Capability::Expire {
        policy: mailproto::pop3::types::ExpirePolicy::Never,
        per_user: false,
    });
    if let Ok(c) = Capability::implementation("mailproto-pop3d") {
        config.capabilities.push(c);
    }
    config.allow_plaintext_without_tls = shared.tls.is_none() || shared.opts.allow_plaintext;
    // RFC 1939 §7: a timestamp that differs for every greeting.
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    config.apop_timestamp = Some(format!(
        "<{}.{n}.{}@{}>",
        std::process::id(),
        now.as_nanos(),
        shared.opts.hostname
    ));
    config
}

fn drive(shared: &Shared, tcp: TcpStream, state: &mut State, n: u64) -> io::Result<()> {
    tcp.set_read_timeout(Some(Duration::from_secs(AUTOLOGOUT_TIMEOUT_SECS)))?;
    let mut server = Server::new(server_config(shared, n)).map_err(io::Error::other)?;
    let mut stream = Stream::Plain(tcp);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
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
            let got = match stream.read(&mut buf) {
                Ok(0) => {
                    // The client went away: no UPDATE, nothing is deleted (RFC 1939 §6).
                    server.abort();
                    return Ok(());
                }
                Ok(k) => k,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    // RFC 1939 §3: the autologout timer; no response, no UPDATE.
                    server.abort();
                    return Ok(());
                }
                Err(e) => return Err(e),
            };
            pending.extend_from_slice(&buf[..got]);
        }
        let taken = server.receive(&pending);
        pending.drain(..taken);
        while let Some(event) = server.poll_event() {
            let upgrade = matches!(event, ServerEvent::StartTls);
            handle(shared, &mut server, state, event, &mut stream)?;
            if upgrade {
                // The +OK goes out in the clear; the handshake follows it (RFC 2595 §4).
                out.clear();
                server.poll_transmit(&mut out);
                stream.write_all(&out)?;
                stream.flush()?;
                let Stream::Plain(tcp) = stream else {
                    return Err(io::Error::other("STLS twice"));
                };
                let config = shared
                    .tls
                    .clone()
                    .ok_or_else(|| io::Error::other("no TLS configured"))?;
                let mut conn = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
                let mut tcp = tcp;
                while conn.is_handshaking() {
                    conn.complete_io(&mut tcp)?;
                }
                stream = Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp)));
                // Whatever was received before the handshake is dropped (RFC 2595 §4).
                pending.clear();
                server.tls_established().map_err(io::Error::other)?;
            }
        }
    }
}

fn handle(
    shared: &Shared,
    server: &mut Server,
    state: &mut State,
    event: ServerEvent,
    stream: &mut Stream,
) -> io::Result<()> {
    let verbose = shared.opts.verbose;
    let answer = match event {
        // No hint about which names exist: the password decides.
        ServerEvent::User { .. } => server.accept(),
        ServerEvent::CheckPassword { user, password } => {
            let ok = shared.passwords.get(&user).map(String::as_str) == Some(password.expose());
            if verbose {
                eprintln!(
                    "pop3d: PASS for {user}: {}",
                    if ok { "ok" } else { "refused" }
                );
            }
            if ok { server.accept() } else { server.reject() }
        }
        ServerEvent::ApopSecret { user } => {
            server.apop_secret(shared.passwords.get(&user).map(String::as_str))
        }
        ServerEvent::Auth(step) => match step {
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
            ServerStep::NeedsPassword { username } => {
                server.auth_provide_password(shared.passwords.get(&username).map(String::as_str))
            }
            _ => server.auth_password_checked(false),
        },
        ServerEvent::LockMaildrop { user, .. } => {
            let acquired = match shared.locked.lock() {
                Ok(mut locked) if !*locked => {
                    *locked = true;
                    true
                }
                _ => false,
            };
            if !acquired {
                if verbose {
                    eprintln!("pop3d: maildrop of {user} in use");
                }
                server.maildrop_in_use()
            } else {
                state.holds_lock = true;
                match scan(&shared.opts.maildir) {
                    Ok((messages, infos)) => {
                        state.messages = messages;
                        server.maildrop_locked(infos)
                    }
                    Err(e) => {
                        eprintln!("pop3d: reading the maildrop: {e}");
                        if let Ok(mut locked) = shared.locked.lock() {
                            *locked = false;
                        }
                        state.holds_lock = false;
                        server.reject()
                    }
                }
            }
        }
        ServerEvent::Retrieve { msg, .. } => return retrieve(server, state, msg, stream),
        ServerEvent::Update { deleted } => {
            let mut all = true;
            for m in deleted {
                if let Some(message) = state.messages.get(m.index()) {
                    if let Err(e) = fs::remove_file(&message.path) {
                        eprintln!("pop3d: removing {}: {e}", message.path.display());
                        all = false;
                    }
                }
            }
            if all {
                server.accept()
            } else {
                server.reject()
            }
        }
        ServerEvent::StartTls | ServerEvent::Utf8 | ServerEvent::Language { .. } => Ok(()),
        _ => Ok(()),
    };
    answer.map_err(io::Error::other)
}

/// Streams a message file through the machine (which stuffs it, converts line ends and cuts
/// `TOP`), writing out what it produces as it goes.
fn retrieve(
    server: &mut Server,
    state: &State,
    msg: MessageNumber,
    stream: &mut Stream,
) -> io::Result<()> {
    let Some(message) = state.messages.get(msg.index()) else {
        return server.reject().map_err(io::Error::other);
    };
    let mut file = match fs::File::open(&message.path) {
        Ok(f) => f,
        Err(_) => return server.reject().map_err(io::Error::other),
    };
    let mut buf = vec![0u8; 16 * 1024];
    let mut out = Vec::new();
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let mut rest = &buf[..n];
        while !rest.is_empty() {
            let k = server.message_data(rest).map_err(io::Error::other)?;
            rest = &rest[k..];
            out.clear();
            server.poll_transmit(&mut out);
            stream.write_all(&out)?;
        }
    }
    server.message_end().map_err(io::Error::other)
}

/// The size the client will count: bare LF and bare CR become CRLF, and a last line without
/// an end gets one (as the machine's stuffer sends it).
fn wire_size(data: &[u8]) -> u64 {
    let mut size = 0u64;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => {
                size += 2;
                i += 2;
                continue;
            }
            b'\r' | b'\n' => size += 2,
            _ => size += 1,
        }
        i += 1;
    }
    if matches!(data.last(), Some(b) if *b != b'\n' && *b != b'\r') {
        size += 2;
    }
    size
}

/// The messages of the Maildir (`new/` and `cur/`, in name order).
fn scan(maildir: &Path) -> io::Result<(Vec<Message>, Vec<MessageInfo>)> {
    let mut names = Vec::new();
    for sub in ["new", "cur"] {
        for entry in fs::read_dir(maildir.join(sub))? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') {
                    names.push((name, entry.path()));
                }
            }
        }
    }
    names.sort();
    let mut messages = Vec::new();
    let mut infos = Vec::new();
    let mut seen = HashSet::new();
    for (name, path) in names {
        let data = fs::read(&path)?;
        let base = name.split(':').next().unwrap_or(&name).to_owned();
        let mut uid = UniqueId::new(base.clone())
            .ok()
            .filter(|_| !seen.contains(&base))
            .unwrap_or_else(|| hashed_uid(&name));
        while seen.contains(uid.as_str()) {
            uid = hashed_uid(&format!("{}{}", uid.as_str(), name));
        }
        seen.insert(uid.as_str().to_owned());
        infos.push(MessageInfo {
            size: wire_size(&data),
            uid,
        });
        messages.push(Message { path });
    }
    Ok((messages, infos))
}

/// A unique-id from a name that does not fit RFC 1939 §7 (FNV-1a, hex).
fn hashed_uid(name: &str) -> UniqueId<'static> {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    // 17 characters of [0-9a-h]: always a valid unique-id.
    UniqueId::new(format!("h{hash:016x}")).unwrap_or_else(|_| hashed_uid("h"))
}
