//! The `pop3-fetch` example against Dovecot's POP3: USER/PASS, APOP, AUTH PLAIN, AUTH
//! SCRAM-SHA-256 and STLS. Messages with lines that begin with a dot and lines over 1000 octets
//! are put straight into Dovecot's Maildir (SMTP would fold the long lines), fetched, compared
//! byte for byte, deleted with `--delete`, and must then be gone from the server.
//!
//! The example's code is included as a module and run in process (`run` is its `main`
//! without the exit). Needs the interop servers: `bash scripts/interop/start.sh`, then
//! `MAILPROTO_INTEROP_ENV=$PWD/target/interop/env cargo test --all-features \
//! --test pop3_fetch_interop -- --ignored`.
#![cfg(all(feature = "pop3", feature = "sasl"))]

#[allow(dead_code)]
#[path = "../examples/pop3-fetch.rs"]
mod pop3_fetch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

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

/// A message (CRLF) with its Message-ID, dot lines, a lone dot, a 1500-octet line and 8-bit.
fn message(label: &str, n: usize) -> (String, Vec<u8>) {
    let id = format!("<pop3-fetch.{label}.{n}.{}@mailproto.test>", nanos());
    let mut m = format!(
        "From: <sender@example.test>\r\nTo: <mailtest@example.test>\r\n\
         Subject: pop3-fetch {label} {n}\r\nMessage-ID: {id}\r\n\
         Date: Mon, 23 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         .leading dot\r\n..two dots\r\n.\r\nafter a lone dot\r\n8-bit: gr\u{fc}\u{df}e\r\n"
    );
    m.push_str(&"y".repeat(1500));
    m.push_str("\r\n");
    for i in 0..50 {
        m.push_str(&format!("line {i}\r\n"));
    }
    (id, m.into_bytes())
}

/// Puts messages into the Maildir's `new/`, owned like the Maildir (Dovecot's mail user).
fn deliver(maildir: &Path, label: &str) -> Vec<(String, Vec<u8>)> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = std::fs::metadata(maildir).unwrap_or_else(|e| panic!("{}: {e}", maildir.display()));
    let mut out = Vec::new();
    for n in 0..3 {
        let (id, bytes) = message(label, n);
        let name = format!("{}.M{n}P{}.pop3-fetch-interop", nanos(), std::process::id());
        let tmp = maildir.join("tmp").join(&name);
        std::fs::write(&tmp, &bytes).unwrap();
        std::os::unix::fs::chown(&tmp, Some(meta.uid()), Some(meta.gid())).unwrap();
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::rename(&tmp, maildir.join("new").join(&name)).unwrap();
        out.push((id, bytes));
    }
    out
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn fresh_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "pop3-fetch-interop-{}-{label}-{}",
        std::process::id(),
        nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fetched file holding `id`.
fn find(files: &[(String, PathBuf)], id: &str) -> Option<Vec<u8>> {
    files
        .iter()
        .map(|(_, p)| std::fs::read(p).unwrap())
        .find(|b| b.windows(id.len()).any(|w| w == id.as_bytes()))
}

fn run(base: &[String], dir: &Path, extra: &[&str]) -> pop3_fetch::Summary {
    let mut a = base.to_vec();
    a.extend(args(&["--maildir", dir.to_str().unwrap()]));
    a.extend(args(extra));
    pop3_fetch::run(a).unwrap_or_else(|f| panic!("pop3-fetch failed: {}", f.message))
}

fn fetch_and_delete(label: &str, login: &[&str]) {
    let env = env();
    let server = format!("{}:{}", var(&env, "POP3_HOST"), var(&env, "POP3_PORT"));
    let mut base = args(&[
        "--server",
        &server,
        "--user",
        var(&env, "MAIL_USER"),
        "--password",
        var(&env, "MAIL_PASSWORD"),
    ]);
    base.extend(args(login));
    let maildir = PathBuf::from(var(&env, "MAILDIR"));
    let dir = fresh_dir(label);
    // First everything already on the server, so that `--delete` below removes only ours.
    run(&base, &dir, &[]);
    let ours = deliver(&maildir, label);
    let summary = run(&base, &dir, &["--delete"]);
    for (id, bytes) in &ours {
        let got = find(&summary.fetched, id).unwrap_or_else(|| panic!("{label}: {id} not fetched"));
        assert!(got == *bytes, "{label}: {id} not byte-exact");
    }
    assert_eq!(summary.deleted, summary.fetched.len(), "{label}");
    // Nothing new for this Maildir now; and the messages are gone from the server.
    let again = run(&base, &dir, &[]);
    assert!(again.fetched.is_empty(), "{label}: fetched again");
    let other = fresh_dir(&format!("{label}-check"));
    let check = run(&base, &other, &[]);
    for (id, _) in &ours {
        assert!(
            find(&check.fetched, id).is_none(),
            "{label}: {id} still on the server"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn user_pass() {
    fetch_and_delete("user", &[]);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn apop() {
    fetch_and_delete("apop", &["--apop"]);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn auth_plain() {
    fetch_and_delete("plain", &["--auth", "PLAIN"]);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn auth_scram_sha_256() {
    fetch_and_delete("scram", &["--auth", "SCRAM-SHA-256"]);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn stls_with_user_pass() {
    let env = env();
    let ca = var(&env, "CA_CERT").to_owned();
    let name = var(&env, "TLS_SERVER_NAME").to_owned();
    fetch_and_delete(
        "stls",
        &["--stls", "--ca-file", &ca, "--server-name", &name],
    );
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn wrong_password_is_refused() {
    let env = env();
    let server = format!("{}:{}", var(&env, "POP3_HOST"), var(&env, "POP3_PORT"));
    let dir = fresh_dir("wrong");
    let result = pop3_fetch::run(args(&[
        "--server",
        &server,
        "--user",
        var(&env, "MAIL_USER"),
        "--password",
        "not-the-password",
        "--maildir",
        dir.to_str().unwrap(),
    ]));
    let failure = result.expect_err("a wrong password was accepted");
    assert!(
        failure.message.contains("login refused"),
        "{}",
        failure.message
    );
    assert!(!failure.message.contains("not-the-password"));
    let _ = std::fs::remove_dir_all(&dir);
}
