//! Embedding a sans-IO state machine in an async runtime: `smtp-proto`'s [`Client`] driven by
//! tokio.
//!
//! ```text
//! cargo run --example smtp-tokio -- --server 127.0.0.1:10025 --from a@example.test \
//!     --to mailtest@example.test message.eml
//! ```
//!
//! The machine never touches the socket: the loop below writes what
//! [`Client::poll_transmit`] gives, reads into [`Client::receive`], and acts on
//! [`Client::poll_event`]. The same three calls work under any runtime (or none, see the
//! blocking `smtp-send` example); only this loop knows about tokio. Each wait for the server
//! is bounded by the RFC 5321 §4.5.3.2 timeout the machine recommends (`timeouts`), which the
//! machine itself cannot apply since it has no clock.
//!
//! This example speaks plain SMTP (no TLS, no AUTH) to keep the embedding in view: it is
//! meant for a local relay or a test server. The message is sent with PIPELINING and BDAT when
//! the server offers them, DATA with dot-stuffing otherwise. Exit status 0 when every
//! recipient accepted the message.

use std::time::Duration;

use smtp_proto::client::{Client, ClientConfig, ClientEvent, Envelope, timeouts};
use smtp_proto::types::{Domain, ForwardPath, LocalPart, Mailbox, ReversePath};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// What a run achieved, for `main` and the interop test.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The replies of recipients that were refused, as text.
    pub refused: Vec<String>,
    /// The reply to the end of the data, when the message was taken.
    pub accepted: Option<String>,
}

struct Args {
    server: String,
    from: String,
    to: Vec<String>,
    helo: String,
    file: Option<String>,
}

fn parse_args(args: Vec<String>) -> Result<Args, String> {
    let mut it = args.into_iter();
    let mut a = Args {
        server: String::new(),
        from: String::new(),
        to: Vec::new(),
        helo: "localhost".to_owned(),
        file: None,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--server" => a.server = value("--server")?,
            "--from" => a.from = value("--from")?,
            "--to" => a.to.push(value("--to")?),
            "--helo" => a.helo = value("--helo")?,
            "-h" | "--help" => {
                return Err(
                    "usage: smtp-tokio --server HOST:PORT --from ADDR --to ADDR... \
                            [--helo NAME] [FILE]"
                        .to_owned(),
                );
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            _ => a.file = Some(arg),
        }
    }
    if a.server.is_empty() || a.from.is_empty() || a.to.is_empty() {
        return Err("--server, --from and at least one --to are required".to_owned());
    }
    Ok(a)
}

fn mailbox(addr: &str) -> Result<Mailbox<'static>, String> {
    let (local, domain) = addr
        .rsplit_once('@')
        .ok_or(format!("{addr}: not local@domain"))?;
    let local = LocalPart::from_unquoted(local).map_err(|e| format!("{addr}: {e}"))?;
    let domain = Domain::name(domain.to_owned()).map_err(|e| format!("{addr}: {e}"))?;
    Ok(Mailbox::new(local, domain))
}

/// The connection and the machine, and the one loop that moves bytes between them.
struct Session {
    stream: TcpStream,
    client: Client,
    out: Vec<u8>,
    input: Vec<u8>,
}

impl Session {
    /// Writes whatever the machine has to send.
    async fn flush(&mut self) -> Result<(), String> {
        loop {
            self.out.clear();
            if self.client.poll_transmit(&mut self.out) == 0 {
                return Ok(());
            }
            self.stream
                .write_all(&self.out)
                .await
                .map_err(|e| format!("write: {e}"))?;
        }
    }

    /// The next event: flushes output, then reads until the machine has something to say,
    /// waiting at most `limit` seconds for the server.
    async fn event(&mut self, limit: u64) -> Result<ClientEvent, String> {
        loop {
            self.flush().await?;
            if let Some(event) = self.client.poll_event() {
                return Ok(event);
            }
            let mut buf = [0u8; 8192];
            let n = timeout(Duration::from_secs(limit), self.stream.read(&mut buf))
                .await
                .map_err(|_| format!("no reply within {limit}s"))?
                .map_err(|e| format!("read: {e}"))?;
            if n == 0 {
                return Err("the server closed the connection".to_owned());
            }
            self.input.extend_from_slice(&buf[..n]);
            // The machine takes what fits in its bounded buffer; the rest waits here.
            let taken = self.client.receive(&self.input);
            self.input.drain(..taken);
        }
    }
}

/// Sends `message` from `from` to every address of `to` through the server at `server`.
pub async fn send(
    server: &str,
    helo: &str,
    from: &str,
    to: &[String],
    message: &[u8],
) -> Result<Outcome, String> {
    let domain = Domain::name(helo.to_owned()).map_err(|e| format!("--helo: {e}"))?;
    let envelope = Envelope::new(
        ReversePath::Mailbox(mailbox(from)?),
        to.iter()
            .map(|a| mailbox(a).map(ForwardPath::Mailbox))
            .collect::<Result<_, _>>()?,
    );
    let stream = timeout(
        Duration::from_secs(timeouts::GREETING),
        TcpStream::connect(server),
    )
    .await
    .map_err(|_| format!("{server}: connect timed out"))?
    .map_err(|e| format!("{server}: {e}"))?;
    let mut s = Session {
        stream,
        client: Client::new(ClientConfig::new(domain)),
        out: Vec::new(),
        input: Vec::new(),
    };
    let mut outcome = Outcome::default();

    match s.event(timeouts::GREETING).await? {
        ClientEvent::Ready { .. } => {}
        other => return Err(format!("no session: {other:?}")),
    }
    s.client
        .send_mail(envelope)
        .map_err(|e| format!("envelope: {e}"))?;
    // One loop for the whole transaction: with BDAT (CHUNKING) the data may go out before the
    // RCPT replies arrive, so every event can come at any point until the transaction ends.
    let mut limit = timeouts::RCPT;
    loop {
        match s.event(limit).await? {
            ClientEvent::Recipient { index, reply } => {
                if !reply.code().is_positive_completion() {
                    outcome
                        .refused
                        .push(format!("{}: {}", to[index], reply.text_lossy()));
                }
            }
            ClientEvent::DataReady => {
                // The whole message in as few calls as the machine's buffer allows; it stuffs
                // (DATA) or frames (`BDAT n LAST`) it.
                let mut rest = message;
                while !rest.is_empty() {
                    let n = s
                        .client
                        .send_final_data(rest)
                        .map_err(|e| format!("data: {e}"))?;
                    rest = &rest[n..];
                    s.flush().await?;
                }
                if message.is_empty() {
                    s.client.finish_data().map_err(|e| format!("data: {e}"))?;
                }
                limit = timeouts::DATA_TERMINATION;
            }
            ClientEvent::MessageAccepted { reply, .. } => {
                outcome.accepted = Some(reply.text_lossy());
                break;
            }
            ClientEvent::TransactionAborted => break,
            ClientEvent::MailRejected { reply }
            | ClientEvent::DataRejected { reply }
            | ClientEvent::MessageRejected { reply, .. } => {
                return Err(format!("refused: {}", reply.text_lossy()));
            }
            other => return Err(format!("unexpected {other:?}")),
        }
    }
    s.client.quit().map_err(|e| format!("quit: {e}"))?;
    loop {
        match s.event(timeouts::MAIL).await? {
            ClientEvent::Closed { .. } => return Ok(outcome),
            // Replies still owed by the aborted transaction's pipeline (RSET) come first.
            ClientEvent::Reply { .. } | ClientEvent::Recipient { .. } => {}
            other => return Err(format!("unexpected {other:?}")),
        }
    }
}

/// `main` without the exit, for the interop test.
pub async fn run(args: Vec<String>) -> Result<Outcome, String> {
    let a = parse_args(args)?;
    let message = match &a.file {
        Some(path) => tokio::fs::read(path)
            .await
            .map_err(|e| format!("{path}: {e}"))?,
        None => {
            let mut m = Vec::new();
            tokio::io::stdin()
                .read_to_end(&mut m)
                .await
                .map_err(|e| format!("stdin: {e}"))?;
            m
        }
    };
    send(&a.server, &a.helo, &a.from, &a.to, &message).await
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match run(std::env::args().skip(1).collect()).await {
        Ok(outcome) if outcome.refused.is_empty() && outcome.accepted.is_some() => {
            println!("accepted: {}", outcome.accepted.unwrap_or_default());
        }
        Ok(outcome) => {
            for r in &outcome.refused {
                eprintln!("refused {r}");
            }
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("smtp-tokio: {e}");
            std::process::exit(2);
        }
    }
}
