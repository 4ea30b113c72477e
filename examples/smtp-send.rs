//! `smtp-send`: submits one message over SMTP (or LMTP) with the sans-IO
//! [`mailproto::smtp::client::Client`], driven over a blocking [`TcpStream`] (optionally with
//! rustls, by STARTTLS or implicit TLS).
//!
//! ```text
//! smtp-send --server HOST:PORT --from ADDR --to ADDR [--to ADDR...]
//!           [--user U --password P] [--auth MECH] [--starttls|--tls]
//!           [--ca-file PEM] [--server-name NAME] [--helo NAME] [--lmtp] [--no-chunking]
//!           [-v] [FILE]
//! ```
//!
//! The message is read from `FILE` (or stdin when absent or `-`). The exit status is 0 only
//! when every recipient accepted the message; see `--help`.
//!
//! The structure: one small generic driver ([`Driver`]) over any `Read + Write` stream —
//! `poll_transmit` → `write_all`, `read` → `receive` (keeping what was not accepted),
//! `poll_event` → act — used the same way before and after the TLS upgrade.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use mailproto::sasl::ClientSession;
use mailproto::sasl::mechanism::{CredentialKind, Mechanism};
use mailproto::smtp::client::{Client, ClientConfig, ClientEvent, ClientState, Envelope, timeouts};
use mailproto::smtp::types::{
    Body, Capabilities, Capability, Domain, ForwardPath, LocalPart, Mailbox, Reply, ReversePath,
};

#[path = "support/tls.rs"]
mod tls;

const HELP: &str = "\
smtp-send: submit one message over SMTP (or LMTP)

USAGE:
    smtp-send --server HOST:PORT --from ADDR --to ADDR [--to ADDR...] [OPTIONS] [FILE]

The message (header and body, CRLF or LF line ends) is read from FILE, or from stdin when
FILE is absent or '-'.

OPTIONS:
    --server HOST:PORT   the server to connect to (required)
    --from ADDR          the envelope sender (MAIL FROM); '' for the null path <> (required)
    --to ADDR            an envelope recipient (RCPT TO); repeat for more (at least one)
    --user U             authenticate (AUTH) as U; needs --password
    --password P         the password (or token for XOAUTH2/OAUTHBEARER)
    --auth MECH          the SASL mechanism (default: the strongest one advertised)
    --starttls           upgrade with STARTTLS (fails if the server does not offer it)
    --tls                implicit TLS from the start (e.g. port 465)
    --ca-file PEM        the trust anchor(s) for TLS (required with --starttls/--tls)
    --server-name NAME   the TLS server name to verify (default: the host of --server)
    --helo NAME          the name to greet with (default: localhost)
    --lmtp               speak LMTP (LHLO, one reply per recipient)
    --no-chunking        send with DATA (dot-stuffed) even when CHUNKING (BDAT) is offered
    -v, --verbose        print the dialogue to stderr (authentication data is hidden)
    -h, --help           print this help

EXIT STATUS:
    0 when every recipient accepted the message, 1 when the message was refused for at
    least one recipient or the session failed, 2 on a usage error.
";

/// A failure, with the exit status it maps to.
#[derive(Debug)]
pub struct Failure {
    /// The exit status: 1 for a failed delivery or session, 2 for a usage error.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsMode {
    None,
    StartTls,
    Implicit,
}

/// The parsed command line.
#[derive(Debug)]
struct Options {
    server: String,
    from: String,
    to: Vec<String>,
    user: Option<String>,
    password: Option<String>,
    auth: Option<String>,
    tls: TlsMode,
    ca_file: Option<PathBuf>,
    server_name: Option<String>,
    helo: String,
    lmtp: bool,
    no_chunking: bool,
    verbose: bool,
    file: Option<PathBuf>,
}

/// Parses the arguments (without the program name); `Ok(None)` when help was asked for.
fn parse_args(args: Vec<String>) -> Result<Option<Options>> {
    let mut server = None;
    let mut from = None;
    let mut opts = Options {
        server: String::new(),
        from: String::new(),
        to: Vec::new(),
        user: None,
        password: None,
        auth: None,
        tls: TlsMode::None,
        ca_file: None,
        server_name: None,
        helo: "localhost".to_owned(),
        lmtp: false,
        no_chunking: false,
        verbose: false,
        file: None,
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| Failure::usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-v" | "--verbose" => opts.verbose = true,
            "--lmtp" => opts.lmtp = true,
            "--no-chunking" => opts.no_chunking = true,
            "--starttls" | "--tls" => {
                if opts.tls != TlsMode::None {
                    return Err(Failure::usage("--starttls and --tls exclude each other"));
                }
                opts.tls = if arg == "--tls" {
                    TlsMode::Implicit
                } else {
                    TlsMode::StartTls
                };
            }
            "--server" => server = Some(value("--server")?),
            "--from" => from = Some(value("--from")?),
            "--to" => opts.to.push(value("--to")?),
            "--user" => opts.user = Some(value("--user")?),
            "--password" => opts.password = Some(value("--password")?),
            "--auth" => opts.auth = Some(value("--auth")?),
            "--ca-file" => opts.ca_file = Some(PathBuf::from(value("--ca-file")?)),
            "--server-name" => opts.server_name = Some(value("--server-name")?),
            "--helo" => opts.helo = value("--helo")?,
            "-" => opts.file = None,
            s if s.starts_with('-') => {
                return Err(Failure::usage(format!("unknown option {s} (see --help)")));
            }
            _ => {
                if opts.file.is_some() {
                    return Err(Failure::usage("only one FILE may be given"));
                }
                opts.file = Some(PathBuf::from(arg));
            }
        }
    }
    opts.server = server.ok_or_else(|| Failure::usage("--server is required (see --help)"))?;
    opts.from = from.ok_or_else(|| Failure::usage("--from is required (see --help)"))?;
    if opts.to.is_empty() {
        return Err(Failure::usage("at least one --to is required (see --help)"));
    }
    if opts.user.is_some() != opts.password.is_some() {
        return Err(Failure::usage("--user and --password go together"));
    }
    if opts.auth.is_some() && opts.user.is_none() {
        return Err(Failure::usage("--auth needs --user and --password"));
    }
    if opts.tls != TlsMode::None && opts.ca_file.is_none() {
        return Err(Failure::usage(
            "TLS needs --ca-file (the system trust store is not used)",
        ));
    }
    Ok(Some(opts))
}

fn mailbox(addr: &str) -> Result<Mailbox<'static>> {
    let bad = |why: String| Failure::usage(format!("bad address {addr:?}: {why}"));
    let (local, domain) = addr
        .rsplit_once('@')
        .ok_or_else(|| bad("no @domain".into()))?;
    let local = LocalPart::from_unquoted(local).map_err(|e| bad(e.to_string()))?;
    let domain = Domain::name(domain.to_owned()).map_err(|e| bad(e.to_string()))?;
    Ok(Mailbox::new(local, domain))
}

/// `code enhanced text`, the text lines joined with ` / `.
fn describe(reply: &Reply<'_>) -> String {
    let mut s = reply.code().to_string();
    if let Some(e) = reply.enhanced_code() {
        s.push_str(&format!(" {e}"));
    }
    s.push(' ');
    s.push_str(&reply.text_lossy().replace('\n', " / "));
    s
}

fn unexpected(event: &ClientEvent) -> Failure {
    match event {
        ClientEvent::Error(e) => format!("protocol error: {e}").into(),
        ClientEvent::ServiceUnavailable { reply } => {
            format!("service unavailable: {}", describe(reply)).into()
        }
        ClientEvent::HelloRejected { reply } => {
            format!("greeting refused: {}", describe(reply)).into()
        }
        other => format!("unexpected event {other:?}").into(),
    }
}

// ----- the driver -------------------------------------------------------------------------

/// The client machine over a blocking stream.
struct Driver<S> {
    stream: S,
    /// The TCP socket (a clone of the stream's), to set the read timeouts on.
    socket: TcpStream,
    client: Client,
    verbose: bool,
    /// Bytes read but not yet accepted by [`Client::receive`].
    leftover: Vec<u8>,
    /// The output of [`Client::poll_transmit`].
    out: Vec<u8>,
    /// Received bytes not yet logged (an incomplete line).
    log_in: Vec<u8>,
    /// The message data is being sent (logged as a byte count).
    data_phase: bool,
}

impl<S: Read + Write> Driver<S> {
    fn new(stream: S, socket: TcpStream, client: Client, verbose: bool) -> Self {
        Driver {
            stream,
            socket,
            client,
            verbose,
            leftover: Vec::new(),
            out: Vec::new(),
            log_in: Vec::new(),
            data_phase: false,
        }
    }

    /// Gives the stream and the machine back (for the TLS upgrade).
    fn into_parts(self) -> (S, TcpStream, Client) {
        (self.stream, self.socket, self.client)
    }

    /// The read timeout (RFC 5321 §4.5.3.2) for what comes next.
    fn timeout(&self, seconds: u64) -> Result<()> {
        self.socket
            .set_read_timeout(Some(Duration::from_secs(seconds)))
            .map_err(|e| format!("setting the timeout: {e}").into())
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
            let mut buf = [0u8; 16 * 1024];
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

    /// The next event, writing and reading as needed.
    fn next_event(&mut self) -> Result<ClientEvent> {
        loop {
            self.flush()?;
            if let Some(event) = self.client.poll_event() {
                self.flush()?;
                return Ok(event);
            }
            if self.client.is_closed() {
                return Err("the session is closed".into());
            }
            self.fill()?;
        }
    }

    fn log_out(&self) {
        if self.data_phase
            && !(self.out.len() <= 32 && (self.out.starts_with(b"BDAT ") || self.out == b".\r\n"))
        {
            eprintln!("C: <{} octets of message data>", self.out.len());
            return;
        }
        let auth = self.client.state() == ClientState::Auth;
        for line in self.out.split_inclusive(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.len() >= 5 && line[..5].eq_ignore_ascii_case("AUTH ") {
                // `AUTH MECH [initial-response]`: the mechanism only.
                let mut words = line.split(' ');
                let (cmd, mech) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                if words.next().is_some() {
                    eprintln!("C: {cmd} {mech} <auth data>");
                } else {
                    eprintln!("C: {cmd} {mech}");
                }
            } else if auth {
                eprintln!("C: <auth data>");
            } else {
                eprintln!("C: {line}");
            }
        }
    }

    fn log_in(&mut self, data: &[u8]) {
        self.log_in.extend_from_slice(data);
        while let Some(pos) = self.log_in.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.log_in.drain(..=pos).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.starts_with("334") {
                // SASL challenges are part of the authentication data.
                eprintln!("S: {} <auth data>", &line[..line.len().min(3)]);
            } else {
                eprintln!("S: {line}");
            }
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
        let version = stream
            .conn
            .protocol_version()
            .map(|v| format!("{v:?}"))
            .unwrap_or_default();
        let suite = stream
            .conn
            .negotiated_cipher_suite()
            .map(|s| format!("{:?}", s.suite()))
            .unwrap_or_default();
        eprintln!("-- TLS established: {version} {suite}, server name {name}");
    }
    Ok(stream)
}

// ----- the session --------------------------------------------------------------------------

/// The message source: a file (read twice: scanned, then streamed) or stdin (buffered).
enum Source {
    File(PathBuf),
    Memory(Vec<u8>),
}

impl Source {
    fn open(&self) -> Result<Box<dyn Read + '_>> {
        match self {
            Source::File(path) => File::open(path)
                .map(|f| Box::new(f) as Box<dyn Read>)
                .map_err(|e| format!("opening {}: {e}", path.display()).into()),
            Source::Memory(bytes) => Ok(Box::new(&bytes[..])),
        }
    }

    /// The size and whether any byte has the high bit set.
    fn scan(&self) -> Result<(u64, bool)> {
        let mut reader = self.open()?;
        let mut buf = vec![0u8; 64 * 1024];
        let (mut size, mut eight_bit) = (0u64, false);
        loop {
            let n = reader
                .read(&mut buf)
                .map_err(|e| format!("reading the message: {e}"))?;
            if n == 0 {
                return Ok((size, eight_bit));
            }
            size += n as u64;
            eight_bit |= !buf[..n].is_ascii();
        }
    }
}

/// What happened to the transaction.
#[derive(Default)]
struct Outcome {
    mail_refused: Option<String>,
    data_refused: Option<String>,
    /// Per recipient: the RCPT reply and whether it was positive.
    rcpt: Vec<Option<(bool, String)>>,
    /// Per recipient (LMTP) or the one shared reply (SMTP, index 0): the final reply.
    final_replies: Vec<Option<(bool, String)>>,
    /// How many final replies are still expected.
    awaiting: usize,
    aborted: bool,
    done: bool,
    lmtp: bool,
}

impl Outcome {
    fn on_event(&mut self, event: ClientEvent) -> Result<()> {
        match event {
            ClientEvent::MailRejected { reply } => self.mail_refused = Some(describe(&reply)),
            ClientEvent::Recipient { index, reply } => {
                let ok = reply.code().is_positive_completion();
                if ok && self.lmtp {
                    self.awaiting += 1;
                }
                self.rcpt[index] = Some((ok, describe(&reply)));
            }
            ClientEvent::DataRejected { reply } => self.data_refused = Some(describe(&reply)),
            ClientEvent::TransactionAborted => {
                self.aborted = true;
                self.done = true;
            }
            ClientEvent::MessageAccepted { recipient, reply }
            | ClientEvent::MessageRejected { recipient, reply } => {
                let ok = reply.code().is_positive_completion();
                let slot = recipient.unwrap_or(0);
                self.final_replies[slot] = Some((ok, describe(&reply)));
                self.awaiting = self.awaiting.saturating_sub(1);
                if self.awaiting == 0 {
                    self.done = true;
                }
            }
            other => return Err(unexpected(&other)),
        }
        Ok(())
    }
}

/// Waits for the `Ready` event and returns the capabilities.
fn expect_ready<S: Read + Write>(d: &mut Driver<S>) -> Result<Capabilities> {
    match d.next_event()? {
        ClientEvent::Ready { capabilities } => Ok(capabilities),
        other => Err(unexpected(&other)),
    }
}

fn sasl_session(
    opts: &Options,
    host: &str,
    port: u16,
    caps: &Capabilities,
) -> Result<ClientSession> {
    let (user, password) = (
        opts.user.as_deref().unwrap_or_default(),
        opts.password.as_deref().unwrap_or_default(),
    );
    let mechanism = match &opts.auth {
        Some(name) => name
            .parse::<Mechanism>()
            .map_err(|_| Failure::usage(format!("unsupported SASL mechanism {name}")))?,
        None => {
            let advertised = caps.auth_mechanisms().iter().map(|m| m.as_str());
            let kind = CredentialKind::Password;
            Mechanism::strongest(advertised, kind)
                .ok_or("the server offers no password mechanism this tool supports")?
        }
    };
    let session = match mechanism {
        Mechanism::Plain => ClientSession::plain(None, user, password),
        Mechanism::Login => ClientSession::login(user, password),
        Mechanism::CramMd5 => ClientSession::cram_md5(user, password),
        Mechanism::ScramSha1 => ClientSession::scram_sha1(user, password),
        Mechanism::ScramSha256 => ClientSession::scram_sha256(user, password),
        Mechanism::XOAuth2 => ClientSession::xoauth2(user, password),
        Mechanism::OAuthBearer => {
            ClientSession::oauthbearer(Some(user), password, Some(host), Some(port))
        }
    };
    session.map_err(|e| format!("SASL {mechanism}: {e}").into())
}

fn authenticate<S: Read + Write>(
    d: &mut Driver<S>,
    opts: &Options,
    host: &str,
    port: u16,
    caps: &Capabilities,
) -> Result<()> {
    if caps.auth_mechanisms().is_empty() {
        return Err("the server does not offer AUTH".into());
    }
    let session = sasl_session(opts, host, port, caps)?;
    let mechanism = session.mechanism();
    d.client
        .authenticate(session)
        .map_err(|e| format!("AUTH {mechanism}: {e}"))?;
    match d.next_event()? {
        ClientEvent::Authenticated => {
            if opts.verbose {
                eprintln!("-- authenticated with {mechanism}");
            }
            Ok(())
        }
        ClientEvent::AuthFailed { reply, error } => {
            let local = error.map(|e| format!(" (local: {e})")).unwrap_or_default();
            Err(format!("authentication failed: {}{local}", describe(&reply)).into())
        }
        other => Err(unexpected(&other)),
    }
}

/// Streams the message after `DataReady`, honouring the machine's backpressure. One buffer
/// is read ahead, so the last piece is known and goes with the end of the data (`BDAT n
/// LAST`, RFC 3030 §2) instead of a separate empty `BDAT 0 LAST`.
fn send_body<S: Read + Write>(
    d: &mut Driver<S>,
    source: &Source,
    outcome: &mut Outcome,
) -> Result<()> {
    d.timeout(timeouts::DATA_BLOCK)?;
    let mut reader = source.open()?;
    let mut read = |buf: &mut Vec<u8>| -> Result<()> {
        buf.resize(64 * 1024, 0);
        let n = reader
            .read(buf)
            .map_err(|e| format!("reading the message: {e}"))?;
        buf.truncate(n);
        Ok(())
    };
    let mut current = Vec::new();
    let mut next = Vec::new();
    read(&mut current)?;
    d.data_phase = true;
    let mut ended = false;
    'file: loop {
        let last = current.is_empty() || {
            read(&mut next)?;
            next.is_empty()
        };
        let mut off = 0;
        // An empty last piece still ends the data (`BDAT 0 LAST` / the lone dot).
        while off < current.len() || (last && !ended) {
            let piece = &current[off..];
            let sent = if last {
                d.client.send_final_data(piece)
            } else {
                d.client.send_data(piece)
            };
            let taken = match sent {
                Ok(taken) => taken,
                // The transaction failed meanwhile (refused recipients, a refused chunk): the
                // events say why.
                Err(_) if outcome.done || d.client.state() != ClientState::Data => break 'file,
                Err(e) => return Err(format!("sending the message: {e}").into()),
            };
            off += taken;
            ended = last && off == current.len();
            d.flush()?;
            if taken == 0 && !ended {
                // Output is full until the server answers (BDAT without PIPELINING).
                d.fill()?;
                while let Some(event) = d.client.poll_event() {
                    outcome.on_event(event)?;
                }
                if outcome.done {
                    break 'file;
                }
            }
        }
        if last {
            break;
        }
        std::mem::swap(&mut current, &mut next);
    }
    d.data_phase = false;
    d.timeout(timeouts::DATA_TERMINATION)
}

/// From the first `Ready` on: STARTTLS is done by the caller; AUTH, the transaction, QUIT.
fn transact<S: Read + Write>(
    d: &mut Driver<S>,
    opts: &Options,
    host: &str,
    port: u16,
    caps: Capabilities,
    source: &Source,
) -> Result<Outcome> {
    if opts.user.is_some() {
        authenticate(d, opts, host, port, &caps)?;
    }
    let (size, eight_bit) = source.scan()?;
    let from = if opts.from.is_empty() {
        ReversePath::Null
    } else {
        ReversePath::Mailbox(mailbox(&opts.from)?)
    };
    let to = opts
        .to
        .iter()
        .map(|a| mailbox(a).map(ForwardPath::Mailbox))
        .collect::<Result<Vec<_>>>()?;
    let mut envelope = Envelope::new(from, to);
    envelope.size = Some(size);
    if eight_bit {
        if caps.supports(&Capability::EightBitMime) {
            envelope.body = Some(Body::EightBitMime);
        } else if opts.verbose {
            eprintln!("-- the message has 8-bit data but the server does not offer 8BITMIME");
        }
    }
    let n = opts.to.len();
    let mut outcome = Outcome {
        rcpt: vec![None; n],
        final_replies: vec![None; n],
        awaiting: usize::from(!opts.lmtp),
        lmtp: opts.lmtp,
        ..Outcome::default()
    };
    d.timeout(timeouts::MAIL)?;
    d.client
        .send_mail(envelope)
        .map_err(|e| format!("starting the transaction: {e}"))?;
    while !outcome.done {
        match d.next_event()? {
            ClientEvent::DataReady => send_body(d, source, &mut outcome)?,
            event => outcome.on_event(event)?,
        }
        if opts.lmtp && outcome.awaiting == 0 && d.client.state() == ClientState::Ready {
            // LMTP with no accepted recipient ends with TransactionAborted; with every final
            // reply in, the transaction is over.
            outcome.done = true;
        }
    }
    // QUIT; its reply (or a missing one) changes nothing for the outcome.
    d.timeout(timeouts::MAIL)?;
    if d.client.quit().is_ok() {
        while let Ok(event) = d.next_event() {
            if matches!(event, ClientEvent::Closed { .. }) {
                break;
            }
        }
    }
    Ok(outcome)
}

/// Connects and runs the whole session.
fn session(opts: &Options, source: &Source) -> Result<Outcome> {
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
    tcp.set_read_timeout(Some(Duration::from_secs(timeouts::GREETING)))
        .and_then(|()| tcp.set_write_timeout(Some(Duration::from_secs(timeouts::DATA_BLOCK))))
        .map_err(|e| format!("setting the timeouts: {e}"))?;
    let socket = tcp
        .try_clone()
        .map_err(|e| format!("cloning the socket: {e}"))?;
    let domain = Domain::name(opts.helo.clone())
        .map_err(|e| Failure::usage(format!("bad --helo {:?}: {e}", opts.helo)))?;
    let mut config = ClientConfig::new(domain);
    if opts.lmtp {
        config = config.lmtp();
    }
    config.prefer_chunking = !opts.no_chunking;
    let client = Client::new(config);
    match opts.tls {
        TlsMode::Implicit => {
            let tls = tls_connect(opts, host, tcp)?;
            let mut d = Driver::new(tls, socket, client, opts.verbose);
            let caps = expect_ready(&mut d)?;
            transact(&mut d, opts, host, port, caps, source)
        }
        TlsMode::None => {
            let mut d = Driver::new(tcp, socket, client, opts.verbose);
            let caps = expect_ready(&mut d)?;
            transact(&mut d, opts, host, port, caps, source)
        }
        TlsMode::StartTls => {
            let mut d = Driver::new(tcp, socket, client, opts.verbose);
            let caps = expect_ready(&mut d)?;
            if !caps.supports(&Capability::StartTls) {
                return Err("the server does not offer STARTTLS".into());
            }
            d.client.starttls().map_err(|e| format!("STARTTLS: {e}"))?;
            match d.next_event()? {
                ClientEvent::UpgradeTls => {}
                ClientEvent::StartTlsRefused { reply } => {
                    return Err(format!("STARTTLS refused: {}", describe(&reply)).into());
                }
                other => return Err(unexpected(&other)),
            }
            let (tcp, socket, client) = d.into_parts();
            let tls = tls_connect(opts, host, tcp)?;
            let mut d = Driver::new(tls, socket, client, opts.verbose);
            d.client
                .tls_established()
                .map_err(|e| format!("after the TLS upgrade: {e}"))?;
            let caps = expect_ready(&mut d)?;
            transact(&mut d, opts, host, port, caps, source)
        }
    }
}

/// Runs the tool with the arguments (without the program name), printing the per-recipient
/// results to stdout. `Ok` only when every recipient accepted the message.
pub fn run(args: Vec<String>) -> std::result::Result<(), Failure> {
    let Some(opts) = parse_args(args)? else {
        print!("{HELP}");
        return Ok(());
    };
    let source = match &opts.file {
        Some(path) => Source::File(path.clone()),
        None => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("reading stdin: {e}"))?;
            Source::Memory(bytes)
        }
    };
    let outcome = session(&opts, &source)?;
    let mut failed = 0;
    for (i, addr) in opts.to.iter().enumerate() {
        let line = match (&outcome.mail_refused, &outcome.rcpt[i]) {
            (Some(why), _) => format!("refused at MAIL FROM: {why}"),
            (None, Some((false, why))) => format!("refused at RCPT TO: {why}"),
            (None, None) => "no reply to RCPT TO".to_owned(),
            (None, Some((true, _))) => {
                let slot = if opts.lmtp { i } else { 0 };
                match (&outcome.final_replies[slot], &outcome.data_refused) {
                    (Some((true, why)), _) => format!("accepted: {why}"),
                    (Some((false, why)), _) => format!("refused after the data: {why}"),
                    (None, Some(why)) => format!("refused at DATA: {why}"),
                    (None, None) => "not delivered (the transaction was aborted)".to_owned(),
                }
            }
        };
        if !line.starts_with("accepted") {
            failed += 1;
        }
        println!("{addr}: {line}");
    }
    if failed > 0 || outcome.aborted {
        return Err(format!(
            "{failed} of {} recipient(s) did not accept the message",
            opts.to.len()
        )
        .into());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("smtp-send: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}
