//! `smtp-sink`: an ESMTP/LMTP server that stores every message it accepts in a Maildir.
//!
//! It drives [`mailproto::smtp::server::Server`] over `std::net`, one thread per connection,
//! with optional STARTTLS (rustls) and AUTH (PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-256) against a
//! single configured user. Messages are written byte-exact as received (after un-stuffing),
//! with a `Return-Path:` and a `Received:` header field prepended (RFC 5321 §4.4).
//!
//! ```text
//! smtp-sink --listen 127.0.0.1:2525 --maildir /tmp/sink --user alice:secret
//! ```
//!
//! Run with `--help` for every option.

use std::fs;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mailproto::sasl::Mechanism;
use mailproto::sasl::scram::{ScramCredentials, ScramHash};
use mailproto::sasl::server::ServerStep;
use mailproto::smtp::server::{COMMAND_TIMEOUT_SECS, HelloKind, Server, ServerConfig, ServerEvent};
use mailproto::smtp::types::{
    AddressLiteral, AuthMechanism, Capabilities, Capability, Domain, EnhancedCode, ForwardPath,
    Mailbox, Reply, ReplyCode, ReversePath,
};

#[path = "support/tls.rs"]
mod tls;

const USAGE: &str = "\
smtp-sink: an ESMTP/LMTP server that stores every accepted message in a Maildir

USAGE:
    smtp-sink --listen ADDR --maildir DIR [OPTIONS]

OPTIONS:
    --listen ADDR           address to listen on, e.g. 127.0.0.1:2525 (required)
    --maildir DIR           Maildir to deliver into; tmp/ new/ cur/ are created (required)
    --user USER:PASSWORD    enable AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256 for this user
    --lmtp                  speak LMTP (RFC 2033) instead of ESMTP
    --max-size N            largest message in octets (default 10485760)
    --tls-cert PEM          certificate chain for STARTTLS (with --tls-key)
    --tls-key PEM           private key for STARTTLS (with --tls-cert)
    --hostname NAME         name used in the greeting and Received: (default localhost)
    --domain DOMAIN         accept only recipients @DOMAIN (default: any recipient)
    --max-connections N     exit after N sessions (for tests)
    -h, --help              show this text
";

/// Command line options.
struct Options {
    listen: String,
    maildir: PathBuf,
    user: Option<(String, String)>,
    lmtp: bool,
    max_size: u64,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    hostname: String,
    domain: Option<String>,
    max_connections: Option<u64>,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut listen = None;
    let mut maildir = None;
    let mut opts = Options {
        listen: String::new(),
        maildir: PathBuf::new(),
        user: None,
        lmtp: false,
        max_size: 10 * 1024 * 1024,
        tls_cert: None,
        tls_key: None,
        hostname: "localhost".to_owned(),
        domain: None,
        max_connections: None,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            "--listen" => listen = Some(value("--listen")?),
            "--maildir" => maildir = Some(PathBuf::from(value("--maildir")?)),
            "--user" => {
                let v = value("--user")?;
                let (u, p) = v.split_once(':').ok_or("--user needs USER:PASSWORD")?;
                opts.user = Some((u.to_owned(), p.to_owned()));
            }
            "--lmtp" => opts.lmtp = true,
            "--max-size" => {
                opts.max_size = value("--max-size")?
                    .parse()
                    .map_err(|e| format!("--max-size: {e}"))?;
            }
            "--tls-cert" => opts.tls_cert = Some(PathBuf::from(value("--tls-cert")?)),
            "--tls-key" => opts.tls_key = Some(PathBuf::from(value("--tls-key")?)),
            "--hostname" => opts.hostname = value("--hostname")?,
            "--domain" => opts.domain = Some(value("--domain")?.to_ascii_lowercase()),
            "--max-connections" => {
                opts.max_connections = Some(
                    value("--max-connections")?
                        .parse()
                        .map_err(|e| format!("--max-connections: {e}"))?,
                );
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    opts.listen = listen.ok_or("--listen is required")?;
    opts.maildir = maildir.ok_or("--maildir is required")?;
    if opts.tls_cert.is_some() != opts.tls_key.is_some() {
        return Err("--tls-cert and --tls-key go together".to_owned());
    }
    Ok(opts)
}

/// What every connection thread shares.
struct Shared {
    opts: Options,
    scram: Option<ScramCredentials>,
    tls: Option<Arc<rustls::ServerConfig>>,
    deliveries: AtomicU64,
    sessions: AtomicU64,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("smtp-sink: {e}");
            eprint!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(opts) {
        eprintln!("smtp-sink: {e}");
        std::process::exit(1);
    }
}

fn run(opts: Options) -> Result<(), BoxError> {
    for sub in ["tmp", "new", "cur"] {
        fs::create_dir_all(opts.maildir.join(sub))
            .map_err(|e| format!("creating {}: {e}", opts.maildir.join(sub).display()))?;
    }
    let scram = match &opts.user {
        Some((_, password)) => {
            let salt = salt();
            Some(ScramCredentials::derive(
                ScramHash::Sha256,
                password,
                &salt,
                4096,
            )?)
        }
        None => None,
    };
    let tls = match (&opts.tls_cert, &opts.tls_key) {
        (Some(cert), Some(key)) => Some(tls::server_config(cert, key)?),
        _ => None,
    };
    // Checks the configuration once, so that a bad host name fails at start.
    let shared = Arc::new(Shared {
        opts,
        scram,
        tls,
        deliveries: AtomicU64::new(0),
        sessions: AtomicU64::new(0),
    });
    Server::new(server_config(&shared)).map_err(|e| format!("configuration: {e}"))?;

    let listener = TcpListener::bind(&shared.opts.listen)
        .map_err(|e| format!("listening on {}: {e}", shared.opts.listen))?;
    eprintln!(
        "smtp-sink: listening on {} ({}), delivering to {}",
        listener.local_addr()?,
        if shared.opts.lmtp { "LMTP" } else { "ESMTP" },
        shared.opts.maildir.display()
    );
    let mut threads = Vec::new();
    let mut accepted = 0u64;
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                eprintln!("smtp-sink: accept: {e}");
                continue;
            }
        };
        accepted += 1;
        let for_thread = Arc::clone(&shared);
        threads.push(std::thread::spawn(move || session(&for_thread, stream)));
        threads.retain(|t| !t.is_finished());
        if shared
            .opts
            .max_connections
            .is_some_and(|max| accepted >= max)
        {
            break;
        }
    }
    for t in threads {
        let _ = t.join();
    }
    eprintln!(
        "smtp-sink: exiting after {} sessions, {} messages",
        shared.sessions.load(Ordering::Relaxed),
        shared.deliveries.load(Ordering::Relaxed)
    );
    Ok(())
}

/// A salt for the SCRAM credentials, unique enough for a test server.
fn salt() -> Vec<u8> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let mut salt = now.to_le_bytes().to_vec();
    salt.extend_from_slice(&std::process::id().to_le_bytes());
    salt
}

fn server_config(shared: &Shared) -> ServerConfig {
    let opts = &shared.opts;
    let mut config = ServerConfig::new(opts.hostname.clone());
    if opts.lmtp {
        config = config.lmtp();
    }
    config.greeting = if opts.lmtp {
        "LMTP mailproto smtp-sink".to_owned()
    } else {
        "ESMTP mailproto smtp-sink".to_owned()
    };
    config.max_message_size = Some(opts.max_size);
    let mut caps = Capabilities::new();
    caps.push(Capability::Pipelining);
    caps.push(Capability::Size(Some(opts.max_size)));
    caps.push(Capability::EightBitMime);
    caps.push(Capability::SmtpUtf8);
    caps.push(Capability::Chunking);
    caps.push(Capability::BinaryMime);
    caps.push(Capability::Dsn);
    caps.push(Capability::EnhancedStatusCodes);
    if shared.tls.is_some() {
        caps.push(Capability::StartTls);
    }
    if opts.user.is_some() {
        caps.push(Capability::Auth(vec![
            AuthMechanism::Known(Mechanism::Plain),
            AuthMechanism::Known(Mechanism::Login),
            AuthMechanism::Known(Mechanism::CramMd5),
            AuthMechanism::Known(Mechanism::ScramSha256),
        ]));
    }
    config.capabilities = caps;
    config
}

/// The connection, before or after STARTTLS.
enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
    /// Only while switching.
    Gone,
}

impl Conn {
    fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Conn::Plain(s) => Some(s),
            Conn::Tls(t) => Some(&t.sock),
            Conn::Gone => None,
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(t) => t.read(buf),
            Conn::Gone => Err(io::ErrorKind::NotConnected.into()),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(t) => t.write(buf),
            Conn::Gone => Err(io::ErrorKind::NotConnected.into()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(t) => t.flush(),
            Conn::Gone => Err(io::ErrorKind::NotConnected.into()),
        }
    }
}

/// What the application knows about the session and the message in progress.
struct State {
    id: u64,
    peer: SocketAddr,
    helo: Option<(HelloKind, String)>,
    user: Option<String>,
    from: Option<String>,
    rcpts: Vec<String>,
    message: Vec<u8>,
    messages: u64,
    starttls: bool,
}

fn session(shared: &Shared, stream: TcpStream) {
    let id = shared.sessions.fetch_add(1, Ordering::Relaxed) + 1;
    let peer = stream
        .peer_addr()
        .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
    let started = Instant::now();
    let mut state = State {
        id,
        peer,
        helo: None,
        user: None,
        from: None,
        rcpts: Vec::new(),
        message: Vec::new(),
        messages: 0,
        starttls: false,
    };
    let mut tls = false;
    let result = drive(shared, stream, &mut state, &mut tls);
    let outcome = match result {
        Ok(()) => "closed".to_owned(),
        Err(e) => format!("error: {e}"),
    };
    eprintln!(
        "smtp-sink: session {id} from {peer}: helo={} tls={tls} user={} messages={} {:.3}s {outcome}",
        state.helo.as_ref().map_or("-", |(_, h)| h.as_str()),
        state.user.as_deref().unwrap_or("-"),
        state.messages,
        started.elapsed().as_secs_f64(),
    );
}

fn reply(code: u16, enhanced: (u8, u16, u16), text: &str) -> Reply<'_> {
    let code = ReplyCode::new(code).expect("valid reply code");
    let enhanced = EnhancedCode::new(enhanced.0, enhanced.1, enhanced.2).expect("valid code");
    Reply::single(code, Some(enhanced), text).expect("valid reply text")
}

fn drive(shared: &Shared, stream: TcpStream, state: &mut State, tls: &mut bool) -> io::Result<()> {
    let mut server = Server::new(server_config(shared)).map_err(io::Error::other)?;
    stream.set_read_timeout(Some(Duration::from_secs(COMMAND_TIMEOUT_SECS)))?;
    let mut conn = Conn::Plain(stream);
    let mut out = Vec::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    server.poll_transmit(&mut out);
    conn.write_all(&out)?;
    out.clear();
    loop {
        // Offer what is held, answer the events, write the replies; repeat while that moves.
        loop {
            let taken = server.receive(&pending);
            pending.drain(..taken);
            let mut progress = taken > 0;
            while let Some(event) = server.poll_event() {
                progress = true;
                handle(shared, &mut server, state, event)?;
            }
            server.poll_transmit(&mut out);
            if !out.is_empty() {
                conn.write_all(&out)?;
                conn.flush()?;
                out.clear();
            }
            if state.starttls {
                state.starttls = false;
                let Some(config) = shared.tls.clone() else {
                    return Err(io::Error::other("STARTTLS without a TLS configuration"));
                };
                let Conn::Plain(tcp) = std::mem::replace(&mut conn, Conn::Gone) else {
                    return Err(io::Error::other("STARTTLS twice"));
                };
                let tls_conn = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
                let mut stream = rustls::StreamOwned::new(tls_conn, tcp);
                while stream.conn.is_handshaking() {
                    stream.conn.complete_io(&mut stream.sock)?;
                }
                conn = Conn::Tls(Box::new(stream));
                server.tls_established().map_err(io::Error::other)?;
                *tls = true;
                // Nothing sent before the handshake counts (RFC 3207 §4.2).
                pending.clear();
                reset_transaction(state);
                state.helo = None;
                state.user = None;
                progress = true;
            }
            if server.is_closed() {
                if let Conn::Tls(t) = &mut conn {
                    t.conn.send_close_notify();
                    let _ = t.flush();
                }
                if let Some(tcp) = conn.tcp() {
                    let _ = tcp.shutdown(std::net::Shutdown::Write);
                }
                return Ok(());
            }
            if !progress || pending.is_empty() {
                break;
            }
        }
        let n = match conn.read(&mut buf) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                let text = format!("{} Timeout, closing connection", shared.opts.hostname);
                server.shutdown(&reply(421, (4, 4, 2), &text));
                server.poll_transmit(&mut out);
                conn.write_all(&out)?;
                conn.flush()?;
                return Err(io::Error::new(io::ErrorKind::TimedOut, "client timed out"));
            }
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "client closed without QUIT",
            ));
        }
        pending.extend_from_slice(&buf[..n]);
    }
}

fn reset_transaction(state: &mut State) {
    state.from = None;
    state.rcpts.clear();
    state.message.clear();
}

fn handle(
    shared: &Shared,
    server: &mut Server,
    state: &mut State,
    event: ServerEvent,
) -> io::Result<()> {
    let r = match event {
        ServerEvent::Hello { kind, domain } => {
            reset_transaction(state);
            state.helo = Some((kind, domain_str(&domain)));
            server.accept()
        }
        ServerEvent::Mail { from, .. } => {
            reset_transaction(state);
            state.from = Some(match &from {
                ReversePath::Null => String::new(),
                ReversePath::Mailbox(m) => mailbox_str(m),
            });
            server.accept()
        }
        ServerEvent::Rcpt { to, .. } => {
            let (addr, domain) = match &to {
                ForwardPath::Postmaster => ("Postmaster".to_owned(), None),
                ForwardPath::Mailbox(m) => (mailbox_str(m), Some(domain_str(&m.domain))),
            };
            let allowed = match (&shared.opts.domain, domain) {
                (Some(want), Some(d)) => d.eq_ignore_ascii_case(want),
                _ => true,
            };
            if allowed {
                state.rcpts.push(addr);
                server.accept()
            } else {
                server.reject(&reply(550, (5, 1, 1), "Recipient domain not served here"))
            }
        }
        ServerEvent::DataStart | ServerEvent::Vrfy(_) | ServerEvent::Expn(_) => server.accept(),
        ServerEvent::DataReadable => {
            // The data is lent by the machine (no allocation per chunk); copy it out.
            while let Some(data) = server.read_data() {
                state.message.extend_from_slice(data);
            }
            Ok(())
        }
        ServerEvent::MessageComplete { size } => {
            let delivered = deliver(shared, state, server.is_tls());
            let count = server.recipients().max(1);
            let r = match &delivered {
                Ok(name) => {
                    state.messages += 1;
                    shared.deliveries.fetch_add(1, Ordering::Relaxed);
                    eprintln!(
                        "smtp-sink: session {} message {name}: from=<{}> to={} size={size}",
                        state.id,
                        state.from.as_deref().unwrap_or(""),
                        state
                            .rcpts
                            .iter()
                            .map(|r| format!("<{r}>"))
                            .collect::<Vec<_>>()
                            .join(","),
                    );
                    let text = format!("Queued as {name}");
                    let ok = reply(250, (2, 0, 0), &text);
                    if shared.opts.lmtp {
                        server.respond_each(&vec![ok; count])
                    } else {
                        server.respond(&ok)
                    }
                }
                Err(e) => {
                    eprintln!("smtp-sink: session {} delivery failed: {e}", state.id);
                    let fail = reply(451, (4, 3, 0), "Local error in processing");
                    if shared.opts.lmtp {
                        server.respond_each(&vec![fail; count])
                    } else {
                        server.reject(&fail)
                    }
                }
            };
            reset_transaction(state);
            r
        }
        ServerEvent::MessageAborted(reason) => {
            eprintln!(
                "smtp-sink: session {} message dropped: {reason:?}",
                state.id
            );
            reset_transaction(state);
            Ok(())
        }
        ServerEvent::Reset => {
            reset_transaction(state);
            Ok(())
        }
        ServerEvent::Auth(step) => auth(shared, server, step),
        ServerEvent::Authenticated { authcid, .. } => {
            state.user = Some(authcid);
            Ok(())
        }
        ServerEvent::AuthFailed => {
            eprintln!("smtp-sink: session {} authentication failed", state.id);
            Ok(())
        }
        ServerEvent::StartTls => {
            state.starttls = true;
            Ok(())
        }
        _ => Ok(()),
    };
    r.map_err(io::Error::other)
}

fn auth(
    shared: &Shared,
    server: &mut Server,
    step: ServerStep,
) -> Result<(), mailproto::smtp::server::ServerError> {
    let user = shared.opts.user.as_ref();
    let known = |name: &str| user.is_some_and(|(u, _)| u == name);
    match step {
        ServerStep::NeedsPasswordCheck {
            authzid,
            authcid,
            password,
        } => {
            let ok = known(&authcid)
                && user.is_some_and(|(_, p)| p == password.expose())
                && authzid
                    .as_deref()
                    .is_none_or(|z| z.is_empty() || z == authcid);
            server.auth_password_checked(ok)
        }
        ServerStep::NeedsPassword { username } => {
            let password = user.filter(|_| known(&username)).map(|(_, p)| p.as_str());
            server.auth_provide_password(password)
        }
        ServerStep::NeedsScramCredentials { username, authzid } => {
            let ok = known(&username)
                && authzid
                    .as_deref()
                    .is_none_or(|z| z.is_empty() || z == username);
            server.auth_provide_scram_credentials(shared.scram.clone().filter(|_| ok))
        }
        ServerStep::NeedsTokenCheck { .. } => {
            // No token mechanism is announced; refuse the session rather than guess.
            server.shutdown(&reply(421, (4, 7, 0), "Unexpected authentication step"));
            Ok(())
        }
        _ => Ok(()),
    }
}

fn domain_str(domain: &Domain<'_>) -> String {
    match domain {
        Domain::Name(n) => n.as_str().to_owned(),
        Domain::Literal(AddressLiteral::Ipv4(a)) => format!("[{a}]"),
        Domain::Literal(AddressLiteral::Ipv6(a)) => format!("[IPv6:{a}]"),
        Domain::Literal(AddressLiteral::General(g)) => format!("[{}:{}]", g.tag(), g.content()),
    }
}

fn mailbox_str(m: &Mailbox<'_>) -> String {
    format!("{}@{}", m.local_part.as_raw(), domain_str(&m.domain))
}

/// Writes the message to `tmp/` and renames it into `new/`; returns the unique name.
fn deliver(shared: &Shared, state: &State, tls: bool) -> io::Result<String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let host: String = shared
        .opts
        .hostname
        .chars()
        .map(|c| match c {
            '/' => "\\057".to_owned(),
            ':' => "\\072".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let q = COUNTER.fetch_add(1, Ordering::Relaxed) + 1;
    let name = format!(
        "{}.M{}P{}Q{q}.{host}",
        now.as_secs(),
        now.subsec_micros(),
        std::process::id(),
    );

    let (kind, helo) = state
        .helo
        .clone()
        .unwrap_or((HelloKind::Helo, "unknown".to_owned()));
    // RFC 3848 protocol names.
    let mut protocol = match kind {
        HelloKind::Helo => "SMTP".to_owned(),
        HelloKind::Ehlo => "ESMTP".to_owned(),
        HelloKind::Lhlo => "LMTP".to_owned(),
    };
    if kind != HelloKind::Helo {
        if tls {
            protocol.push('S');
        }
        if state.user.is_some() {
            protocol.push('A');
        }
    }
    let ip = match state.peer.ip() {
        std::net::IpAddr::V4(a) => a.to_string(),
        std::net::IpAddr::V6(a) => format!("IPv6:{a}"),
    };
    let mut received = format!(
        "Received: from {helo} ([{ip}])\r\n\tby {} (mailproto smtp-sink) with {protocol} id {}.{q}",
        shared.opts.hostname,
        std::process::id(),
    );
    if let [only] = state.rcpts.as_slice() {
        received.push_str(&format!("\r\n\tfor <{only}>"));
    }
    received.push_str(&format!("; {}\r\n", rfc5322_date(now.as_secs())));

    let mut data = Vec::with_capacity(state.message.len() + received.len() + 64);
    data.extend_from_slice(b"Return-Path: <");
    data.extend_from_slice(state.from.as_deref().unwrap_or("").as_bytes());
    data.extend_from_slice(b">\r\n");
    data.extend_from_slice(received.as_bytes());
    data.extend_from_slice(&state.message);

    let tmp = shared.opts.maildir.join("tmp").join(&name);
    let new = shared.opts.maildir.join("new").join(&name);
    let write = || -> io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(&data)?;
        f.sync_all()?;
        fs::rename(&tmp, &new)
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(name)
}

/// `Mon, 23 Nov 2026 10:00:00 +0000` for a Unix time (RFC 5322 §3.3).
fn rfc5322_date(secs: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{}, {day} {} {year} {:02}:{:02}:{:02} +0000",
        DAYS[(days % 7) as usize],
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
