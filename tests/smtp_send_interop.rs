//! The `smtp-send` example against a real Postfix (delivering to Dovecot): plain submission,
//! STARTTLS + AUTH (SCRAM-SHA-256 with 8-bit data over BDAT, PLAIN over dot-stuffed DATA),
//! and a refused recipient. The example's code is
//! included as a module and run in process (`run` is its `main` without the exit), so the test
//! builds nothing itself.
//!
//! Needs the interop servers: `bash scripts/interop/start.sh`, then
//! `MAILPROTO_INTEROP_ENV=$PWD/target/interop/env cargo test --all-features \
//! --test smtp_send_interop -- --ignored`.
#![cfg(all(feature = "smtp", feature = "sasl"))]

#[allow(dead_code)]
#[path = "../examples/smtp-send.rs"]
mod smtp_send;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
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

/// A unique Message-ID and a message (CRLF line ends) carrying it, with lines that need
/// dot-stuffing and, when `eight_bit`, UTF-8 in the body.
fn message(label: &str, addr: &str, eight_bit: bool) -> (String, Vec<u8>) {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let id = format!(
        "<smtp-send.{label}.{nanos}.{}@mailproto.test>",
        std::process::id()
    );
    let mut m = format!(
        "From: <{addr}>\r\nTo: <{addr}>\r\nSubject: smtp-send {label}\r\nMessage-ID: {id}\r\n\
         Date: Mon, 23 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n"
    );
    m.push_str(if eight_bit {
        "Content-Transfer-Encoding: 8bit\r\n"
    } else {
        "Content-Transfer-Encoding: 7bit\r\n"
    });
    m.push_str("\r\n.leading dot\r\n..two dots\r\n.\r\nafter a lone dot\r\n. dot space\r\n");
    if eight_bit {
        m.push_str("8-bit: gr\u{fc}\u{df}e, \u{65e5}\u{672c}\r\n");
    }
    for i in 0..200 {
        m.push_str(&format!(
            "line {i} of the body, long enough to make a few kilobytes\r\n"
        ));
    }
    m.push_str("last line\r\n");
    (id, m.into_bytes())
}

fn write_message(label: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smtp-send-interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{label}.eml"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Polls the Maildir (`new/`, and `cur/` in case another client read it) for the message
/// with `id`; bounded to ~20 s.
fn find_delivered(maildir: &Path, id: &str) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(maildir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(bytes) = std::fs::read(entry.path()) else {
                    continue;
                };
                if bytes.windows(id.len()).any(|w| w == id.as_bytes()) {
                    return bytes;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "message {id} not delivered to {} within 20 s",
            maildir.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The delivered file is the submitted message after the trace headers the servers prepend
/// (Dovecot stores LF line ends, so CRLF is compared as LF when the file has no CR).
fn assert_delivered_exactly(delivered: &[u8], submitted: &[u8]) {
    let expected: Vec<u8> = if delivered.contains(&b'\r') {
        submitted.to_vec()
    } else {
        String::from_utf8(submitted.to_vec())
            .unwrap()
            .replace("\r\n", "\n")
            .into_bytes()
    };
    assert!(
        delivered.ends_with(&expected),
        "the delivered message does not end with the submitted bytes:\n{}",
        String::from_utf8_lossy(delivered)
    );
    let prefix = String::from_utf8_lossy(&delivered[..delivered.len() - expected.len()]);
    for line in prefix.lines() {
        let trace = [
            "Return-Path:",
            "Delivered-To:",
            "Received:",
            "X-Original-To:",
        ]
        .iter()
        .any(|h| line.starts_with(h));
        assert!(
            trace || line.starts_with([' ', '\t']),
            "unexpected line before the message: {line:?}"
        );
    }
}

fn submit_and_check(label: &str, extra: &[&str], eight_bit: bool) {
    submit_and_check_on("SMTP_PORT", label, extra, eight_bit);
}

/// Submits to the port named by the env key `port_key` (`SMTP_PORT`, or `SMTPS_PORT` for
/// Postfix's implicit-TLS port) and checks the delivery in Dovecot's Maildir.
fn submit_and_check_on(port_key: &str, label: &str, extra: &[&str], eight_bit: bool) {
    let env = env();
    let addr = var(&env, "MAIL_ADDRESS");
    let server = format!("{}:{}", var(&env, "SMTP_HOST"), var(&env, port_key));
    let (id, msg) = message(label, addr, eight_bit);
    let file = write_message(label, &msg);
    let mut a = args(&["-v", "--server", &server, "--from", addr, "--to", addr]);
    for arg in extra {
        a.push(match *arg {
            "$CA" => var(&env, "CA_CERT").to_owned(),
            "$NAME" => var(&env, "TLS_SERVER_NAME").to_owned(),
            "$USER" => var(&env, "MAIL_USER").to_owned(),
            "$PASSWORD" => var(&env, "MAIL_PASSWORD").to_owned(),
            other => other.to_owned(),
        });
    }
    a.push(file.display().to_string());
    if let Err(f) = smtp_send::run(a) {
        panic!("smtp-send failed (status {}): {}", f.status, f.message);
    }
    let delivered = find_delivered(Path::new(var(&env, "MAILDIR")), &id);
    assert_delivered_exactly(&delivered, &msg);
    let _ = std::fs::remove_file(file);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn plain_submission() {
    submit_and_check("plain", &[], false);
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn starttls_auth_scram_sha256() {
    submit_and_check(
        "scram",
        &[
            "--starttls",
            "--ca-file",
            "$CA",
            "--server-name",
            "$NAME",
            "--user",
            "$USER",
            "--password",
            "$PASSWORD",
            "--auth",
            "SCRAM-SHA-256",
        ],
        true,
    );
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn starttls_auth_plain() {
    submit_and_check(
        "plain-auth",
        &[
            "--starttls",
            "--ca-file",
            "$CA",
            "--server-name",
            "$NAME",
            "--user",
            "$USER",
            "--password",
            "$PASSWORD",
            "--auth",
            "PLAIN",
            "--no-chunking",
        ],
        false,
    );
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn implicit_tls_auth_scram_sha256() {
    // RFC 8314 submission over TLS from the first byte (Postfix's `smtpd_tls_wrappermode`).
    submit_and_check_on(
        "SMTPS_PORT",
        "implicit-tls",
        &[
            "--tls",
            "--ca-file",
            "$CA",
            "--server-name",
            "$NAME",
            "--user",
            "$USER",
            "--password",
            "$PASSWORD",
            "--auth",
            "SCRAM-SHA-256",
        ],
        true,
    );
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn refused_recipient_fails() {
    let env = env();
    let addr = var(&env, "MAIL_ADDRESS");
    let server = format!("{}:{}", var(&env, "SMTP_HOST"), var(&env, "SMTP_PORT"));
    let (_, msg) = message("refused", addr, false);
    let file = write_message("refused", &msg);
    let path = file.display().to_string();
    // Alone, and next to an accepted recipient: either way the tool must fail.
    for to in [
        &["nobody@elsewhere.invalid"][..],
        &[addr, "nobody@elsewhere.invalid"],
    ] {
        let mut a = args(&["-v", "--server", &server, "--from", addr]);
        for t in to {
            a.extend(args(&["--to", t]));
        }
        a.push(path.clone());
        let err = smtp_send::run(a).expect_err("a refused recipient must make smtp-send fail");
        assert_eq!(err.status, 1, "{}", err.message);
        assert!(err.message.contains("did not accept"), "{}", err.message);
    }
    let _ = std::fs::remove_file(file);
}
