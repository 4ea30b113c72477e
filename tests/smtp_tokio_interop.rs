//! The `smtp-tokio` example (an async embedding of the SMTP client machine) against a real
//! Postfix, which delivers to Dovecot: the message must arrive byte for byte in the Maildir,
//! and a refused recipient must be reported as refused. The example's code is included as a
//! module and run in process on a tokio runtime.
//!
//! Needs the interop servers: `bash scripts/interop/run.sh` runs it.
#![cfg(feature = "smtp")]

#[allow(dead_code)]
#[path = "../examples/smtp-tokio.rs"]
mod smtp_tokio;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn env() -> HashMap<String, String> {
    let path = std::env::var("MAILPROTO_INTEROP_ENV")
        .expect("MAILPROTO_INTEROP_ENV must name the env file written by scripts/interop/start.sh");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The delivered file whose content holds `id`, waiting up to 30 s for Postfix and Dovecot.
fn find_delivered(maildir: &Path, id: &str) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(maildir.join(sub)) {
                for e in entries.flatten() {
                    let bytes = std::fs::read(e.path()).unwrap_or_default();
                    if bytes.windows(id.len()).any(|w| w == id.as_bytes()) {
                        return bytes;
                    }
                }
            }
        }
        assert!(Instant::now() < deadline, "{id} not delivered within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn async_submission_is_delivered_byte_for_byte() {
    let env = env();
    let addr = &env["MAIL_ADDRESS"];
    let server = format!("{}:{}", env["SMTP_HOST"], env["SMTP_PORT"]);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let id = format!("<smtp-tokio.{nanos}@mailproto.test>");
    let mut message = format!(
        "From: <{addr}>\r\nTo: <{addr}>\r\nSubject: smtp-tokio\r\nMessage-ID: {id}\r\n\
         Date: Mon, 23 Nov 2026 12:00:00 +0000\r\n\r\n.leading dot\r\n.\r\n"
    );
    for i in 0..500 {
        message.push_str(&format!("line {i} of an asynchronously sent body\r\n"));
    }
    let outcome = runtime()
        .block_on(smtp_tokio::send(
            &server,
            "client.example.test",
            addr,
            std::slice::from_ref(addr),
            message.as_bytes(),
        ))
        .unwrap();
    assert!(outcome.refused.is_empty(), "{:?}", outcome.refused);
    assert!(outcome.accepted.is_some());
    let delivered = find_delivered(Path::new(&env["MAILDIR"]), &id);
    // Dovecot stores LF line ends; the body must be exactly what was sent, after the trace
    // fields Postfix and Dovecot prepend.
    let sent = message.replace("\r\n", "\n");
    assert!(
        delivered.ends_with(sent.as_bytes()),
        "delivered message differs from the one sent"
    );
}

#[test]
#[ignore = "needs the interop servers: bash scripts/interop/run.sh"]
fn refused_recipient_is_reported() {
    let env = env();
    let addr = &env["MAIL_ADDRESS"];
    let server = format!("{}:{}", env["SMTP_HOST"], env["SMTP_PORT"]);
    let to = vec![
        format!("nobody-here@{}", env["MAIL_DOMAIN"]),
        "someone@elsewhere.example".to_owned(),
    ];
    let outcome = runtime()
        .block_on(smtp_tokio::send(
            &server,
            "client.example.test",
            addr,
            &to,
            b"Subject: refused\r\n\r\nbody\r\n",
        ))
        .unwrap();
    assert_eq!(outcome.refused.len(), 2, "{:?}", outcome.refused);
    assert!(outcome.accepted.is_none());
}
