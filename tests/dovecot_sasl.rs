//! Interop: the `mail-sasl` client step machines authenticate against real servers.
//!
//! Dovecot (IMAP `AUTHENTICATE`, POP3 `AUTH`) and Postfix (SMTP `AUTH`, answered through
//! Dovecot's auth service) are started by `scripts/interop/start.sh`; these tests read the env file
//! it writes (`MAILPROTO_INTEROP_ENV`). They are `#[ignore]`d in a plain `cargo test` because they
//! need those servers; `scripts/interop/run.sh` runs them through `scripts/interop/rust-tests.sh`
//! with `--ignored`, and there a missing server is a failure, not a skip.
//!
//! Every mechanism Dovecot offers (PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-1, SCRAM-SHA-256) is run in
//! each protocol's framing, with and without an initial response where the mechanism has one, and
//! a wrong password must be refused. SCRAM also verifies Dovecot's server signature.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use mailproto::sasl::client::ClientSession;
use mailproto::sasl::framing;
use mailproto::sasl::line::{LineBuffer, LineConfig};
use mailproto::sasl::scram::ScramHash;

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

#[derive(Clone, Copy, Debug, PartialEq)]
enum Proto {
    Imap,
    Pop3,
    Smtp,
}

/// A blocking connection framed with `mail_sasl::line::LineBuffer`.
struct Conn {
    stream: TcpStream,
    lines: LineBuffer,
    pending: Vec<u8>,
}

impl Conn {
    fn open(host: &str, port: &str) -> Conn {
        let stream = TcpStream::connect(format!("{host}:{port}"))
            .unwrap_or_else(|e| panic!("connect {host}:{port}: {e}"));
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Conn {
            stream,
            lines: LineBuffer::new(LineConfig::default()),
            pending: Vec::new(),
        }
    }

    fn send(&mut self, line: &str) {
        self.stream.write_all(line.as_bytes()).unwrap();
        self.stream.write_all(b"\r\n").unwrap();
    }

    fn read_line(&mut self) -> String {
        loop {
            if let Some(line) = self
                .lines
                .next_line()
                .expect("server sent a malformed line")
            {
                return String::from_utf8_lossy(line.content()).into_owned();
            }
            if self.pending.is_empty() {
                let mut buf = [0u8; 4096];
                let n = self.stream.read(&mut buf).expect("read from server");
                assert!(n > 0, "server closed the connection");
                self.pending.extend_from_slice(&buf[..n]);
            }
            let taken = self.lines.push(&self.pending);
            self.pending.drain(..taken);
        }
    }

    /// Reads the greeting and whatever precedes `AUTH` in the protocol.
    fn greet(host: &str, port: &str, proto: Proto) -> Conn {
        let mut c = Conn::open(host, port);
        let greeting = c.read_line();
        match proto {
            Proto::Imap => assert!(greeting.starts_with("* OK"), "{greeting}"),
            Proto::Pop3 => assert!(greeting.starts_with("+OK"), "{greeting}"),
            Proto::Smtp => {
                assert!(greeting.starts_with("220"), "{greeting}");
                c.send("EHLO client.example.test");
                let mut auth = None;
                loop {
                    let l = c.read_line();
                    assert!(l.starts_with("250"), "{l}");
                    if l[4..].starts_with("AUTH ") {
                        auth = Some(l[9..].to_string());
                    }
                    if l.as_bytes()[3] == b' ' {
                        break;
                    }
                }
                let auth = auth.expect("Postfix advertises AUTH");
                assert!(auth.contains("SCRAM-SHA-256"), "AUTH {auth}");
            }
        }
        c
    }
}

/// What the server said after a SASL exchange.
#[derive(Debug, PartialEq)]
enum Outcome {
    Success,
    Refused(String),
}

/// Runs one AUTH/AUTHENTICATE exchange in `proto`'s framing, driving `client`.
fn authenticate(conn: &mut Conn, proto: Proto, client: &mut ClientSession, ir: bool) -> Outcome {
    let verb = match proto {
        Proto::Imap => "A1 AUTHENTICATE",
        Proto::Pop3 | Proto::Smtp => "AUTH",
    };
    let mech = client.mechanism();
    let initial = if ir { client.initial_response() } else { None };
    match initial {
        Some(r) => conn.send(&format!(
            "{verb} {mech} {}",
            framing::encode_initial_response(r.as_bytes())
        )),
        None => conn.send(&format!("{verb} {mech}")),
    }
    loop {
        let line = conn.read_line();
        let challenge = match proto {
            Proto::Imap if line == "+" => Some(""),
            Proto::Imap | Proto::Pop3 => line.strip_prefix("+ "),
            Proto::Smtp => line.strip_prefix("334 "),
        };
        if let Some(payload) = challenge {
            let challenge = framing::decode_challenge(payload.as_bytes()).expect("valid base64");
            let response = client
                .step(&challenge)
                .unwrap_or_else(|e| panic!("{proto:?} {mech}: client refused a challenge: {e}"));
            conn.send(&framing::encode_response(response.as_bytes()));
            continue;
        }
        let ok = match proto {
            Proto::Imap if line.starts_with("* ") => continue,
            Proto::Imap => line.starts_with("A1 OK"),
            Proto::Pop3 => line.starts_with("+OK"),
            Proto::Smtp => line.starts_with("235"),
        };
        if !ok {
            return Outcome::Refused(line);
        }
        // Success: SCRAM must have seen and verified the server signature by now.
        client
            .finish(None)
            .expect("client verifies the server's outcome");
        assert!(client.is_authenticated());
        return Outcome::Success;
    }
}

fn endpoint(env: &HashMap<String, String>, proto: Proto) -> (String, String) {
    let (h, p) = match proto {
        Proto::Imap => ("IMAP_HOST", "IMAP_PORT"),
        Proto::Pop3 => ("POP3_HOST", "POP3_PORT"),
        Proto::Smtp => ("SMTP_HOST", "SMTP_PORT"),
    };
    (env[h].clone(), env[p].clone())
}

fn sessions(user: &str, password: &str) -> Vec<ClientSession> {
    vec![
        ClientSession::plain(None, user, password).unwrap(),
        ClientSession::login(user, password).unwrap(),
        ClientSession::cram_md5(user, password).unwrap(),
        ClientSession::scram(ScramHash::Sha1, user, password).unwrap(),
        ClientSession::scram_sha256(user, password).unwrap(),
    ]
}

fn every_mechanism_against(proto: Proto) {
    let env = interop_env();
    let (host, port) = endpoint(&env, proto);
    let (user, password) = (&env["MAIL_USER"], &env["MAIL_PASSWORD"]);
    for ir in [true, false] {
        for mut client in sessions(user, password) {
            let mech = client.mechanism();
            let mut conn = Conn::greet(&host, &port, proto);
            let outcome = authenticate(&mut conn, proto, &mut client, ir);
            assert_eq!(outcome, Outcome::Success, "{proto:?} {mech} ir={ir}");
        }
    }
    for mut client in sessions(user, "not-the-password") {
        let mech = client.mechanism();
        let mut conn = Conn::greet(&host, &port, proto);
        let outcome = authenticate(&mut conn, proto, &mut client, true);
        assert!(
            matches!(outcome, Outcome::Refused(_)),
            "{proto:?} {mech} accepted a wrong password"
        );
        assert!(!client.is_authenticated());
    }
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn imap_authenticate_every_mechanism() {
    every_mechanism_against(Proto::Imap);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn pop3_auth_every_mechanism() {
    every_mechanism_against(Proto::Pop3);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn smtp_auth_every_mechanism() {
    every_mechanism_against(Proto::Smtp);
}

/// Dovecot's SCRAM-SHA-256 with a forged server-final: the client must not accept it. The
/// exchange is replayed with Dovecot's real first challenge, then a tampered `v=`.
#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn imap_scram_sha256_rejects_forged_server_signature() {
    let env = interop_env();
    let (host, port) = endpoint(&env, Proto::Imap);
    let mut conn = Conn::greet(&host, &port, Proto::Imap);
    let mut client = ClientSession::scram_sha256(&env["MAIL_USER"], &env["MAIL_PASSWORD"]).unwrap();
    let ir = client.initial_response().unwrap();
    conn.send(&format!(
        "A1 AUTHENTICATE SCRAM-SHA-256 {}",
        framing::encode_initial_response(ir.as_bytes())
    ));
    let first = conn.read_line();
    let first = framing::decode_challenge(first.strip_prefix("+ ").unwrap().as_bytes()).unwrap();
    let proof = client.step(&first).unwrap();
    conn.send(&framing::encode_response(proof.as_bytes()));
    let last = conn.read_line();
    let mut server_final =
        framing::decode_challenge(last.strip_prefix("+ ").unwrap().as_bytes()).unwrap();
    assert!(
        server_final.starts_with(b"v="),
        "Dovecot sends v= as a challenge"
    );
    // Change the signature's first base64 character to another valid one: still well-formed,
    // but a different signature.
    server_final[2] = if server_final[2] == b'A' { b'B' } else { b'A' };
    assert!(client.step(&server_final).is_err());
    assert!(!client.is_authenticated());
    conn.send(framing::CANCEL);
    let tagged = conn.read_line();
    assert!(tagged.starts_with("A1 "), "{tagged}");
    assert!(!tagged.starts_with("A1 OK"), "{tagged}");
}
