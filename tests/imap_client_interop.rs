//! The `imap-client` example against Dovecot: every subcommand. A message appended is fetched
//! back byte-exact (8-bit text, a 1500-octet line, CRLF), found by SEARCH and in the FETCH
//! table, moved to a new mailbox and fetched there; `idle` sees a message that Postfix delivers
//! while it idles. Logins: LOGIN, AUTHENTICATE PLAIN, SCRAM-SHA-256 and CRAM-MD5, under
//! STARTTLS too, and implicit TLS on Dovecot's IMAPS port.
//!
//! The examples' code is included as modules and run in process (`run` is `main` without the
//! exit). Needs the interop servers: `bash scripts/interop/start.sh`, then
//! `MAILPROTO_INTEROP_ENV=$PWD/target/interop/env cargo test --all-features \
//! --test imap_client_interop -- --ignored`.
#![cfg(all(feature = "imap", feature = "msg", feature = "sasl", feature = "smtp"))]
// Both examples bring their own copy of examples/support/tls.rs, as they do when built alone.
#![allow(clippy::duplicate_mod)]

#[allow(dead_code)]
#[path = "../examples/imap-client.rs"]
mod imap_client;

#[allow(dead_code)]
#[path = "../examples/smtp-send.rs"]
mod smtp_send;

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn env() -> HashMap<String, String> {
    let path = std::env::var("MAILPROTO_INTEROP_ENV")
        .expect("MAILPROTO_INTEROP_ENV must name the env file written by scripts/interop/start.sh");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

fn var<'a>(env: &'a HashMap<String, String>, key: &str) -> &'a str {
    env.get(key)
        .unwrap_or_else(|| panic!("{key} missing from the interop env file"))
}

fn nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn base(env: &HashMap<String, String>, login: &[&str]) -> Vec<String> {
    let server = format!("{}:{}", var(env, "IMAP_HOST"), var(env, "IMAP_PORT"));
    let mut a: Vec<String> = [
        "--server",
        &server,
        "--user",
        var(env, "MAIL_USER"),
        "--password",
        var(env, "MAIL_PASSWORD"),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    a.extend(login.iter().map(|s| (*s).to_owned()));
    a
}

/// Runs the tool; its standard output.
fn run(base: &[String], command: &[&str]) -> Vec<u8> {
    let mut a = base.to_vec();
    a.extend(command.iter().map(|s| (*s).to_owned()));
    let mut out = Vec::new();
    imap_client::run(a.clone(), &mut out)
        .unwrap_or_else(|f| panic!("imap-client {a:?} failed: {}", f.message));
    out
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// A message (CRLF) with a unique subject token, 8-bit text and a 1500-octet line.
fn message(token: &str) -> Vec<u8> {
    let mut m = format!(
        "From: Imap Client <sender@example.test>\r\nTo: <mailtest@example.test>\r\n\
         Subject: imap-client {token}\r\nMessage-ID: <{token}@mailproto.test>\r\n\
         Date: Mon, 23 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         8-bit: gr\u{fc}\u{df}e \u{20ac}\r\n. a dot line\r\n"
    );
    m.push_str(&"z".repeat(1500));
    m.push_str("\r\n");
    m.into_bytes()
}

fn append(base: &[String], mailbox: &str, bytes: &[u8]) -> u32 {
    let file = std::env::temp_dir().join(format!("imap-client-{}.eml", nanos()));
    std::fs::write(&file, bytes).unwrap();
    let out = text(&run(base, &["append", mailbox, file.to_str().unwrap()]));
    std::fs::remove_file(&file).ok();
    // "UIDVALIDITY UID" from APPENDUID.
    out.split_whitespace()
        .nth(1)
        .and_then(|u| u.parse().ok())
        .unwrap_or_else(|| panic!("no APPENDUID in {out:?}"))
}

fn round_trip(label: &str, login: &[&str]) {
    let env = env();
    let base = base(&env, login);
    let token = format!("{label}-{}", nanos());
    let bytes = message(&token);
    assert!(
        text(&run(&base, &["list"])).contains("INBOX"),
        "{label}: list"
    );
    let uid = append(&base, "INBOX", &bytes);
    assert_eq!(
        run(&base, &["get", "INBOX", &uid.to_string()]),
        bytes,
        "{label}: not byte-exact"
    );
    let table = text(&run(&base, &["fetch", "INBOX", &uid.to_string()]));
    assert!(table.contains(&token), "{label}: fetch table {table:?}");
    assert!(
        table.contains("Imap Client"),
        "{label}: fetch table {table:?}"
    );
    let found = text(&run(
        &base,
        &["search", "INBOX", "SUBJECT", &format!("\"{token}\"")],
    ));
    assert_eq!(found.trim(), uid.to_string(), "{label}: search");
    let status = text(&run(&base, &["status", "INBOX"]));
    assert!(
        status.starts_with("MESSAGES "),
        "{label}: status {status:?}"
    );
}

#[test]
#[ignore = "needs the interop servers (scripts/interop/start.sh)"]
fn login_append_get_fetch_search_status() {
    round_trip("login", &[]);
}

#[test]
#[ignore = "needs the interop servers (scripts/interop/start.sh)"]
fn authenticate_mechanisms() {
    round_trip("plain", &["--auth", "PLAIN"]);
    round_trip("scram", &["--auth", "SCRAM-SHA-256"]);
    round_trip("cram", &["--auth", "CRAM-MD5"]);
}

#[test]
#[ignore = "needs the interop servers (scripts/interop/start.sh)"]
fn starttls_scram() {
    let env = env();
    round_trip(
        "starttls",
        &[
            "--starttls",
            "--ca-file",
            var(&env, "CA_CERT"),
            "--server-name",
            var(&env, "TLS_SERVER_NAME"),
            "--auth",
            "SCRAM-SHA-256",
        ],
    );
}

#[test]
#[ignore = "needs the interop servers (scripts/interop/start.sh)"]
fn implicit_tls() {
    let env = env();
    let server = format!("{}:{}", var(&env, "IMAP_HOST"), var(&env, "IMAPS_PORT"));
    let mut base = base(
        &env,
        &[
            "--tls",
            "--ca-file",
            var(&env, "CA_CERT"),
            "--server-name",
            var(&env, "TLS_SERVER_NAME"),
        ],
    );
    base[1] = server;
    let token = format!("tls-{}", nanos());
    let bytes = message(&token);
    let uid = append(&base, "INBOX", &bytes);
    assert_eq!(run(&base, &["get", "INBOX", &uid.to_string()]), bytes);
}

#[test]
#[ignore = "needs the interop servers (scripts/interop/start.sh)"]
fn move_to_a_new_mailbox() {
    let env = env();
    let base = base(&env, &[]);
    let token = format!("move-{}", nanos());
    let folder = format!("Moved{}", nanos());
    run(&base, &["create", &folder]);
    let bytes = message(&token);
    let uid = append(&base, "INBOX", &bytes);
    run(&base, &["move", "INBOX", &uid.to_string(), &folder]);
    let gone = text(&run(
        &base,
        &["search", "INBOX", "SUBJECT", &format!("\"{token}\"")],
    ));
    assert!(gone.trim().is_empty(), "still in INBOX: {gone:?}");
    let moved = text(&run(
        &base,
        &["search", &folder, "SUBJECT", &format!("\"{token}\"")],
    ));
    let moved_uid = moved.trim().to_owned();
    assert!(!moved_uid.is_empty(), "not in {folder}");
    assert_eq!(run(&base, &["get", &folder, &moved_uid]), bytes);
    assert!(text(&run(&base, &["list"])).contains(&folder));
}

/// A writer shared with the idling thread.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
#[ignore = "needs the interop servers (scripts/interop/start.sh)"]
fn idle_sees_a_message_delivered_by_postfix() {
    let env = env();
    let base = base(&env, &[]);
    let token = format!("idle-{}", nanos());
    let out = Shared::default();
    let mut thread_out = out.clone();
    let mut args = base.clone();
    args.extend(["idle", "INBOX", "--count", "1", "--timeout", "60"].map(String::from));
    let idler = std::thread::spawn(move || imap_client::run(args, &mut thread_out));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !text(&out.0.lock().unwrap()).contains("-- idling") {
        assert!(
            Instant::now() < deadline,
            "imap-client never started idling"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Deliver through Postfix (SMTP submission to the local domain, then Dovecot LMTP).
    let file = std::env::temp_dir().join(format!("imap-client-idle-{}.eml", nanos()));
    std::fs::write(&file, message(&token)).unwrap();
    let smtp = format!("{}:{}", var(&env, "SMTP_HOST"), var(&env, "SMTP_PORT"));
    smtp_send::run(
        [
            "--server",
            &smtp,
            "--from",
            "sender@example.test",
            "--to",
            var(&env, "MAIL_ADDRESS"),
            file.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec(),
    )
    .unwrap_or_else(|f| panic!("smtp-send failed: {}", f.message));
    std::fs::remove_file(&file).ok();
    let result = idler.join().expect("the idling thread panicked");
    let printed = text(&out.0.lock().unwrap());
    result.unwrap_or_else(|f| {
        panic!(
            "imap-client idle failed: {} (output {printed:?})",
            f.message
        )
    });
    assert!(
        printed.contains(&token),
        "the new message was not printed: {printed:?}"
    );
}
