//! Our client machine against our server machine, in process: every byte one side transmits
//! is fed to the other, and each side's application is scripted. This proves that the two
//! mirrors agree on everything they exchange — greeting, EHLO, STARTTLS, AUTH SCRAM-SHA-256,
//! pipelined envelopes with a refused recipient, DATA with dot-stuffing, BDAT, LMTP — and that
//! the message arrives byte for byte.

use mail_sasl::ClientSession;
use mail_sasl::Mechanism;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::ServerStep;
use smtp_proto::client::{Client, ClientConfig, ClientEvent, Envelope};
use smtp_proto::server::{Server, ServerConfig, ServerEvent};
use smtp_proto::types::{
    AuthMechanism, Capability, Domain, ForwardPath, LocalPart, Mailbox, ReversePath,
};

fn mbox(s: &str) -> Mailbox<'static> {
    let (l, d) = s.rsplit_once('@').unwrap();
    Mailbox::new(
        LocalPart::from_unquoted(l).unwrap(),
        Domain::name(d.to_owned()).unwrap(),
    )
}

#[derive(Clone, Copy)]
struct Options {
    starttls: bool,
    auth: bool,
    chunking: bool,
    pipelining: bool,
    lmtp: bool,
}

/// Both machines, the bytes in flight, and what each application saw.
struct Loop {
    client: Client,
    server: Server,
    to_server: Vec<u8>,
    to_client: Vec<u8>,
    server_tls_pending: bool,
    opts: Options,
    envelope: Option<Envelope>,
    body: Vec<u8>,
    body_sent: usize,
    data_open: bool,
    /// What the server application stored.
    received: Vec<u8>,
    completed: usize,
    client_events: Vec<ClientEvent>,
}

impl Loop {
    fn new(opts: Options, to: &[&str], body: &[u8]) -> Loop {
        let mut server_config = ServerConfig::new("mx.example.org");
        let mut client_config =
            ClientConfig::new(Domain::name("client.example.net".to_owned()).unwrap());
        if opts.lmtp {
            server_config = server_config.lmtp();
            client_config = client_config.lmtp();
        }
        let mut caps = smtp_proto::types::Capabilities::new();
        if opts.pipelining {
            caps.push(Capability::Pipelining);
        }
        caps.push(Capability::Size(Some(10 << 20)));
        caps.push(Capability::EightBitMime);
        caps.push(Capability::EnhancedStatusCodes);
        if opts.chunking {
            caps.push(Capability::Chunking);
        }
        if opts.starttls {
            caps.push(Capability::StartTls);
        }
        if opts.auth {
            caps.push(Capability::Auth(vec![
                AuthMechanism::Known(Mechanism::ScramSha256),
                AuthMechanism::Known(Mechanism::Plain),
            ]));
        }
        server_config.capabilities = caps;
        let envelope = Envelope::new(
            ReversePath::Mailbox(mbox("alice@example.net")),
            to.iter().map(|t| ForwardPath::Mailbox(mbox(t))).collect(),
        );
        Loop {
            client: Client::new(client_config),
            server: Server::new(server_config).unwrap(),
            to_server: Vec::new(),
            to_client: Vec::new(),
            server_tls_pending: false,
            opts,
            envelope: Some(envelope),
            body: body.to_vec(),
            body_sent: 0,
            data_open: false,
            received: Vec::new(),
            completed: 0,
            client_events: Vec::new(),
        }
    }

    fn server_event(&mut self, event: ServerEvent) {
        match event {
            ServerEvent::Rcpt { to, .. } => {
                let refused =
                    matches!(&to, ForwardPath::Mailbox(m) if m.local_part.as_raw() == "nobody");
                if refused {
                    let reply = smtp_proto::types::Reply::single(
                        smtp_proto::types::ReplyCode::new(550).unwrap(),
                        Some(smtp_proto::types::EnhancedCode::new(5, 1, 1).unwrap()),
                        "no such user",
                    )
                    .unwrap();
                    self.server.reject(&reply).unwrap();
                } else {
                    self.server.accept().unwrap();
                }
            }
            ServerEvent::DataReadable => {
                while let Some(data) = self.server.read_data() {
                    self.received.extend_from_slice(data);
                }
            }
            ServerEvent::MessageComplete { .. } => {
                self.completed += 1;
                self.server.accept().unwrap();
            }
            ServerEvent::Auth(ServerStep::NeedsScramCredentials { username, .. }) => {
                assert_eq!(username, "alice");
                let creds =
                    ScramCredentials::derive(ScramHash::Sha256, "pencil", b"salty", 4096).unwrap();
                self.server
                    .auth_provide_scram_credentials(Some(creds))
                    .unwrap();
            }
            ServerEvent::StartTls => self.server_tls_pending = true,
            ServerEvent::Hello { .. }
            | ServerEvent::Mail { .. }
            | ServerEvent::DataStart
            | ServerEvent::Vrfy(_)
            | ServerEvent::Expn(_) => self.server.accept().unwrap(),
            _ => {}
        }
    }

    fn client_event(&mut self, event: ClientEvent) {
        match &event {
            ClientEvent::Ready { capabilities } => {
                let offers_tls = capabilities.supports(&Capability::StartTls);
                if self.opts.starttls && !self.client.is_tls() {
                    assert!(offers_tls, "STARTTLS is advertised before TLS");
                    self.client.starttls().unwrap();
                } else if self.opts.auth && !self.client.is_authenticated() {
                    assert!(!offers_tls, "STARTTLS is not advertised after TLS");
                    let sasl = ClientSession::scram_sha256("alice", "pencil").unwrap();
                    self.client.authenticate(sasl).unwrap();
                } else {
                    self.start_mail();
                }
            }
            ClientEvent::UpgradeTls => self.client.tls_established().unwrap(),
            ClientEvent::Authenticated => self.start_mail(),
            ClientEvent::DataReady => self.data_open = true,
            _ => {}
        }
        self.client_events.push(event);
    }

    fn start_mail(&mut self) {
        if let Some(envelope) = self.envelope.take() {
            self.client.send_mail(envelope).unwrap();
        }
    }

    /// Shuttles bytes and events until neither side has anything left to do.
    fn run(&mut self) {
        for _ in 0..100_000 {
            let mut progress = false;
            if self.data_open {
                // The client knows where the body ends: the last piece carries the end
                // (`BDAT n LAST`), whatever the output bound cuts it into.
                let n = self
                    .client
                    .send_final_data(&self.body[self.body_sent..])
                    .unwrap();
                self.body_sent += n;
                progress |= n > 0;
                if self.body_sent == self.body.len() {
                    self.data_open = false;
                    progress = true;
                }
            }
            let before = self.to_server.len();
            self.client.poll_transmit(&mut self.to_server);
            progress |= self.to_server.len() > before;
            let n = self.server.receive(&self.to_server);
            self.to_server.drain(..n);
            progress |= n > 0;
            while let Some(event) = self.server.poll_event() {
                progress = true;
                self.server_event(event);
            }
            let before = self.to_client.len();
            self.server.poll_transmit(&mut self.to_client);
            progress |= self.to_client.len() > before;
            if self.server_tls_pending {
                // The 220 is on its way; both sides now do the TLS handshake.
                self.server.tls_established().unwrap();
                self.server_tls_pending = false;
            }
            let n = self.client.receive(&self.to_client);
            self.to_client.drain(..n);
            progress |= n > 0;
            while let Some(event) = self.client.poll_event() {
                progress = true;
                self.client_event(event);
            }
            if !progress {
                return;
            }
        }
        panic!("the two machines never settled");
    }

    fn recipient_codes(&self) -> Vec<(usize, u16)> {
        self.client_events
            .iter()
            .filter_map(|e| match e {
                ClientEvent::Recipient { index, reply } => Some((*index, reply.code().get())),
                _ => None,
            })
            .collect()
    }

    fn accepted(&self) -> usize {
        self.client_events
            .iter()
            .filter(|e| matches!(e, ClientEvent::MessageAccepted { .. }))
            .count()
    }
}

/// A body with lines that need stuffing and sequences that look like an end of data.
const BODY: &[u8] = b"Subject: loop\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nnot the end\r\n\
                      a line with \r\n.\r\n inside? no: that was the end of a line\r\nlast\r\n";

#[test]
fn starttls_auth_pipelined_data() {
    let opts = Options {
        starttls: true,
        auth: true,
        chunking: false,
        pipelining: true,
        lmtp: false,
    };
    let mut l = Loop::new(opts, &["bob@example.org", "nobody@example.org"], BODY);
    l.run();
    assert!(l.client.is_tls() && l.server.is_tls());
    assert!(l.client.is_authenticated() && l.server.is_authenticated());
    assert_eq!(l.recipient_codes(), vec![(0, 250), (1, 550)]);
    assert_eq!(l.completed, 1);
    assert_eq!(l.accepted(), 1);
    assert_eq!(l.received, BODY, "DATA arrives byte for byte");
}

#[test]
fn bdat_without_pipelining() {
    let opts = Options {
        starttls: false,
        auth: false,
        chunking: true,
        pipelining: false,
        lmtp: false,
    };
    let mut l = Loop::new(opts, &["bob@example.org"], BODY);
    l.run();
    assert_eq!(l.recipient_codes(), vec![(0, 250)]);
    assert_eq!(l.accepted(), 1);
    assert_eq!(l.received, BODY, "BDAT arrives byte for byte");
}

#[test]
fn data_normalizes_bare_line_ends_so_both_sides_agree() {
    let opts = Options {
        starttls: false,
        auth: false,
        chunking: false,
        pipelining: true,
        lmtp: false,
    };
    // A smuggling attempt in the body: with the client's default policy the bare LFs become
    // CRLF and the dot is stuffed, so the server sees data, never a second transaction.
    let body = b"Subject: x\r\n\r\nhello\n.\nMAIL FROM:<evil@example.com>\n";
    let mut l = Loop::new(opts, &["bob@example.org"], body);
    l.run();
    assert_eq!(l.completed, 1);
    assert_eq!(
        l.received,
        b"Subject: x\r\n\r\nhello\r\n.\r\nMAIL FROM:<evil@example.com>\r\n"
    );
}

#[test]
fn large_body_streams_through_both_bounds() {
    let opts = Options {
        starttls: false,
        auth: false,
        chunking: false,
        pipelining: true,
        lmtp: false,
    };
    let mut body = Vec::new();
    for i in 0..20_000 {
        if i % 7 == 0 {
            body.extend_from_slice(b".");
        }
        body.extend_from_slice(format!("line {i} of a long message\r\n").as_bytes());
    }
    let mut l = Loop::new(opts, &["bob@example.org"], &body);
    l.run();
    assert_eq!(l.accepted(), 1);
    assert_eq!(l.received, body);
}

#[test]
fn lmtp_replies_per_recipient() {
    let opts = Options {
        starttls: false,
        auth: false,
        chunking: false,
        pipelining: true,
        lmtp: true,
    };
    let mut l = Loop::new(
        opts,
        &["bob@example.org", "nobody@example.org", "carol@example.org"],
        BODY,
    );
    l.run();
    assert_eq!(l.recipient_codes(), vec![(0, 250), (1, 550), (2, 250)]);
    let per_recipient: Vec<Option<usize>> = l
        .client_events
        .iter()
        .filter_map(|e| match e {
            ClientEvent::MessageAccepted { recipient, .. } => Some(*recipient),
            _ => None,
        })
        .collect();
    assert_eq!(per_recipient, vec![Some(0), Some(2)]);
    assert_eq!(l.received, BODY);
}
