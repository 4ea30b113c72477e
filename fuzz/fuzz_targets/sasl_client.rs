//! Drives every SASL client mechanism with arbitrary server challenges.
//!
//! Input: byte 0 picks the mechanism (low 3 bits) and whether the initial response is taken
//! (bit 3); the rest is split at 0xFF into challenges, the last piece being the additional
//! data passed to `finish`. Nothing may panic, and after an error the session must stay failed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::client::ClientSession;
use mail_sasl::mechanism::Mechanism;
use mail_sasl::scram::ScramClientConfig;
use mailproto_fuzz as _;

fn client(mechanism: Mechanism) -> ClientSession {
    // A fixed nonce lets the fuzzer build server-first messages that pass the nonce check;
    // a low iteration cap keeps each run fast.
    let cheap = ScramClientConfig {
        min_iterations: 1,
        max_iterations: 64,
    };
    let session = match mechanism {
        Mechanism::Plain => ClientSession::plain(Some("admin"), "user", "pw"),
        Mechanism::Login => ClientSession::login("user", "pw"),
        Mechanism::CramMd5 => ClientSession::cram_md5("user", "pw"),
        Mechanism::XOAuth2 => ClientSession::xoauth2("user", "token"),
        Mechanism::OAuthBearer => {
            ClientSession::oauthbearer(Some("user"), "token", Some("host"), Some(143))
        }
        Mechanism::ScramSha1 => ClientSession::scram_sha1("user", "pw")
            .and_then(|c| c.with_nonce("fuzz"))
            .and_then(|c| c.with_scram_config(cheap)),
        Mechanism::ScramSha256 => ClientSession::scram_sha256("user", "pw")
            .and_then(|c| c.with_nonce("fuzz"))
            .and_then(|c| c.with_scram_config(cheap)),
    };
    session.expect("valid constructor arguments")
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mechanism = Mechanism::ALL[usize::from(selector & 7) % Mechanism::ALL.len()];
    let mut session = client(mechanism);
    if selector & 8 != 0 {
        let _ = session.initial_response();
    }
    let mut pieces: Vec<&[u8]> = rest.split(|&b| b == 0xff).collect();
    let finish_data = if pieces.len() > 1 { pieces.pop() } else { None };
    let mut failed = false;
    for challenge in pieces {
        match session.step(challenge) {
            Ok(_) => assert!(!failed, "a failed session produced a response"),
            Err(_) => failed = true,
        }
    }
    let finished = session.finish(finish_data);
    if failed {
        assert!(finished.is_err(), "a failed session finished");
    }
    assert_eq!(finished.is_ok(), session.is_authenticated());
    let _ = format!("{session:?}");
});
