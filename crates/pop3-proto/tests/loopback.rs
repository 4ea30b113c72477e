//! Our client against our server, byte streams split into chunks of several sizes: every login
//! method, STLS, CAPA, pipelined UIDL/RETR/DELE, TOP, QUIT with UPDATE, messages byte-exact.

use mail_sasl::ClientSession;
use mail_sasl::dot::LineEndings;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::ServerStep;
use pop3_proto::client::{Client, ClientConfig, ClientEvent, LoginMethod};
use pop3_proto::server::{MessageInfo, Server, ServerConfig, ServerEvent};
use pop3_proto::types::{AuthMechanism, Capability, MessageNumber, UniqueId};

/// The maildrop: messages with dot lines, a long line and (the last) bare LF line ends.
fn maildrop() -> Vec<Vec<u8>> {
    let long = "x".repeat(3000);
    vec![
        b"Subject: one\r\n\r\n.\r\n..\r\n.leading dot\r\nend\r\n".to_vec(),
        format!("Subject: two\r\n\r\n{long}\r\n.{long}\r\n").into_bytes(),
        b"Subject: three\r\n\r\nno final newline".to_vec(),
        Vec::new(),
        b"Subject: lf\n\n.dot\nbody\n".to_vec(),
    ]
}

/// What the client will receive for a message: line ends normalized to CRLF, a final CRLF
/// added when missing (RFC 1939 §11).
fn on_the_wire(m: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, &b) in m.iter().enumerate() {
        if b == b'\n' && (i == 0 || m[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    if !out.is_empty() && !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}

struct Harness {
    client: Client,
    server: Server,
    chunk: usize,
    messages: Vec<Vec<u8>>,
    /// Client events, message data merged into `Data`.
    events: Vec<String>,
    bodies: Vec<Vec<u8>>,
    updates: Vec<Vec<MessageNumber>>,
    scram: ScramCredentials,
}

impl Harness {
    fn new(mut server: ServerConfig, chunk: usize) -> Self {
        server.capabilities.push(Capability::Sasl(
            ["SCRAM-SHA-256", "PLAIN", "CRAM-MD5"]
                .iter()
                .map(|m| AuthMechanism::from_name(m))
                .collect(),
        ));
        server.capabilities.push(Capability::Stls);
        server.apop_timestamp = Some("<4711.1@loopback>".into());
        Self {
            client: Client::new(ClientConfig::default()),
            server: Server::new(server).unwrap(),
            chunk,
            messages: maildrop(),
            events: Vec::new(),
            bodies: Vec::new(),
            updates: Vec::new(),
            scram: ScramCredentials::generate(ScramHash::Sha256, "secret", 4096).unwrap(),
        }
    }

    /// Moves bytes both ways until nothing moves.
    fn pump(&mut self) {
        loop {
            let mut moved = false;
            let mut c2s = Vec::new();
            self.client.poll_transmit(&mut c2s);
            for piece in c2s.chunks(self.chunk) {
                let mut rest = piece;
                while !rest.is_empty() {
                    let n = self.server.receive(rest);
                    rest = &rest[n..];
                    self.serve();
                }
                moved = true;
            }
            self.serve();
            let mut s2c = Vec::new();
            self.server.poll_transmit(&mut s2c);
            for piece in s2c.chunks(self.chunk) {
                let mut rest = piece;
                while !rest.is_empty() {
                    let n = self.client.receive(rest);
                    rest = &rest[n..];
                    self.drain();
                }
                moved = true;
            }
            self.drain();
            if !moved {
                return;
            }
        }
    }

    /// The server's application.
    fn serve(&mut self) {
        while let Some(ev) = self.server.poll_event() {
            match ev {
                ServerEvent::User { .. } => self.server.accept().unwrap(),
                ServerEvent::CheckPassword { user, password } => {
                    if user == "alice" && password.expose() == "secret" {
                        self.server.accept().unwrap()
                    } else {
                        self.server.reject().unwrap()
                    }
                }
                ServerEvent::ApopSecret { user } => self
                    .server
                    .apop_secret((user == "alice").then_some("secret"))
                    .unwrap(),
                ServerEvent::Auth(ServerStep::NeedsPasswordCheck {
                    authcid, password, ..
                }) => self
                    .server
                    .auth_password_checked(authcid == "alice" && password.expose() == "secret")
                    .unwrap(),
                ServerEvent::Auth(ServerStep::NeedsPassword { username }) => self
                    .server
                    .auth_provide_password((username == "alice").then_some("secret"))
                    .unwrap(),
                ServerEvent::Auth(ServerStep::NeedsScramCredentials { username, .. }) => {
                    let creds = (username == "alice").then(|| self.scram.clone());
                    self.server.auth_provide_scram_credentials(creds).unwrap()
                }
                ServerEvent::LockMaildrop { .. } => {
                    let infos = self
                        .messages
                        .iter()
                        .enumerate()
                        .map(|(i, m)| MessageInfo {
                            size: on_the_wire(m).len() as u64,
                            uid: UniqueId::new(format!("msg-{i}")).unwrap(),
                        })
                        .collect();
                    self.server.maildrop_locked(infos).unwrap();
                }
                ServerEvent::Retrieve { msg, .. } => {
                    let m = self.messages[msg.index()].clone();
                    let mut rest = &m[..];
                    while !rest.is_empty() {
                        let piece = &rest[..rest.len().min(self.chunk)];
                        let n = self.server.message_data(piece).unwrap();
                        rest = &rest[n..];
                        if n == 0 {
                            // Output is full: let the client read it.
                            let mut s2c = Vec::new();
                            self.server.poll_transmit(&mut s2c);
                            let mut r = &s2c[..];
                            while !r.is_empty() {
                                let k = self.client.receive(r);
                                r = &r[k..];
                                self.drain();
                            }
                        }
                    }
                    self.server.message_end().unwrap();
                }
                ServerEvent::Update { deleted } => {
                    self.updates.push(deleted);
                    self.server.accept().unwrap();
                }
                ServerEvent::StartTls => self.server.tls_established().unwrap(),
                other => panic!("{other:?}"),
            }
        }
    }

    fn drain(&mut self) {
        let mut upgrade = false;
        while let Some(ev) = self.client.poll_event() {
            match ev {
                ClientEvent::MessageStart { .. } => self.bodies.push(Vec::new()),
                ClientEvent::MessageData(d) => self.bodies.last_mut().unwrap().extend_from_slice(d),
                ClientEvent::UpgradeTls => upgrade = true,
                other => self.events.push(format!("{other:?}")),
            }
        }
        if upgrade {
            // Both ends "start TLS".
            self.client.tls_established().unwrap();
            self.events.push("Tls".into());
        }
    }

    fn last(&self) -> &str {
        self.events.last().map_or("", String::as_str)
    }
}

fn session(login: &str, chunk: usize) -> Harness {
    let mut config = ServerConfig::new("loopback");
    config.allow_plaintext_without_tls = login != "stls";
    let mut h = Harness::new(config, chunk);
    h.pump();
    assert!(h.last().starts_with("Greeting"), "{:?}", h.events);
    h.client.capa().unwrap();
    h.pump();
    assert!(h.client.capabilities().pipelining());
    match login {
        "user" => h.client.login("alice", "secret").unwrap(),
        "apop" => h.client.apop("alice", "secret").unwrap(),
        "plain" => h
            .client
            .authenticate(ClientSession::plain(None, "alice", "secret").unwrap())
            .unwrap(),
        "cram" => h
            .client
            .authenticate(ClientSession::cram_md5("alice", "secret").unwrap())
            .unwrap(),
        "scram" => h
            .client
            .authenticate(ClientSession::scram_sha256("alice", "secret").unwrap())
            .unwrap(),
        "stls" => {
            // Before TLS neither USER nor PLAIN is offered.
            assert!(!h.client.capabilities().has("USER"));
            h.client.stls().unwrap();
            h.pump();
            assert_eq!(h.last(), "Tls");
            h.client.capa().unwrap();
            h.pump();
            assert!(h.client.capabilities().has("USER"));
            assert!(!h.client.capabilities().stls());
            h.client.login("alice", "secret").unwrap();
        }
        _ => unreachable!(),
    }
    h.pump();
    assert!(h.last().starts_with("LoggedIn"), "{login}: {:?}", h.events);
    h
}

#[test]
fn every_login_method_and_a_full_session() {
    let expected: Vec<Vec<u8>> = maildrop().iter().map(|m| on_the_wire(m)).collect();
    for chunk in [1, 3, 7, 64, 1460, 1 << 20] {
        for login in ["user", "apop", "plain", "cram", "scram", "stls"] {
            let mut h = session(login, chunk);
            let method = match login {
                "apop" => LoginMethod::Apop,
                "plain" => LoginMethod::Sasl(mail_sasl::Mechanism::Plain),
                "cram" => LoginMethod::Sasl(mail_sasl::Mechanism::CramMd5),
                "scram" => LoginMethod::Sasl(mail_sasl::Mechanism::ScramSha256),
                _ => LoginMethod::UserPass,
            };
            assert!(
                h.last().contains(&format!("method: {method:?}")),
                "{}",
                h.last()
            );
            // Pipelined: UIDL, then RETR and DELE of every message, then QUIT.
            h.client.uidl(None).unwrap();
            h.client.stat().unwrap();
            for i in 1..=5 {
                h.client.retr(i).unwrap();
                h.client.dele(i).unwrap();
            }
            h.client.rset().unwrap();
            h.client.top(1, 1).unwrap();
            h.client.dele(2).unwrap();
            h.client.dele(4).unwrap();
            h.client.quit().unwrap();
            h.pump();
            assert_eq!(&h.bodies[..5], &expected[..], "{login} {chunk}");
            assert_eq!(h.bodies[5], b"Subject: one\r\n\r\n.\r\n");
            assert_eq!(
                h.updates,
                [vec![
                    MessageNumber::new(2).unwrap(),
                    MessageNumber::new(4).unwrap()
                ]]
            );
            assert!(h.last().contains("updated: true"), "{}", h.last());
            assert!(h.client.is_closed() && h.server.is_closed());
            let uids = h
                .events
                .iter()
                .find(|e| e.starts_with("UniqueIds"))
                .unwrap();
            assert!(uids.contains("msg-4"));
        }
    }
}

#[test]
fn wrong_password_then_right_one() {
    let mut config = ServerConfig::new("loopback");
    config.allow_plaintext_without_tls = true;
    let mut h = Harness::new(config, 5);
    h.pump();
    h.client.login("alice", "wrong").unwrap();
    h.pump();
    assert!(h.last().starts_with("LoginFailed") && h.last().contains("Auth"));
    h.client
        .authenticate(ClientSession::scram_sha256("alice", "wrong").unwrap())
        .unwrap();
    h.pump();
    assert!(h.last().starts_with("LoginFailed"), "{}", h.last());
    h.client.apop("alice", "secret").unwrap();
    h.pump();
    assert!(h.last().starts_with("LoggedIn"));
    // A dropped connection deletes nothing.
    h.client.dele(1).unwrap();
    h.pump();
    h.server.abort();
    assert!(h.updates.is_empty());
}

#[test]
fn byte_exact_with_preserve() {
    let mut config = ServerConfig::new("loopback");
    config.allow_plaintext_without_tls = true;
    config.line_endings = LineEndings::Preserve;
    let mut h = Harness::new(config, 11);
    h.messages = vec![b"a\nb\r.c\r\n.\n.\r\n".to_vec()];
    h.pump();
    h.client.login("alice", "secret").unwrap();
    h.pump();
    h.client.retr(1).unwrap();
    h.pump();
    assert_eq!(h.bodies, [b"a\nb\r.c\r\n.\n.\r\n".to_vec()]);
}
