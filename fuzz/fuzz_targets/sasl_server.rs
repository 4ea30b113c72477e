//! Drives every SASL server mechanism with arbitrary client messages.
//!
//! Input: byte 0 picks the mechanism (low 3 bits), whether the first piece is an initial
//! response (bit 3), the caller's verdicts (bit 4), whether responses go through the base64
//! line decoder (bit 5) and whether SCRAM puts its final message in the success data (bit 6);
//! the rest is split at 0xFF into client messages. Nothing may panic, and once the session
//! reports an outcome or an error it must refuse further input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::mechanism::Mechanism;
use mail_sasl::oauth::OAuthError;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::{ServerSession, ServerStep, TokenCheck};
use mailproto_fuzz as _;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mechanism = Mechanism::ALL[usize::from(selector & 7) % Mechanism::ALL.len()];
    let accept = selector & 16 != 0;
    let as_lines = selector & 32 != 0;
    let mut server =
        ServerSession::new(mechanism).with_additional_data_in_success(selector & 64 != 0);
    let mut pieces = rest.split(|&b| b == 0xff);
    let ir = if selector & 8 != 0 {
        pieces.next()
    } else {
        None
    };
    let mut step = server.start(ir);
    for _ in 0..16 {
        step = match step {
            Ok(ServerStep::Challenge(_)) => match pieces.next() {
                Some(p) if as_lines => server.receive_line(p),
                Some(p) => server.step(p),
                None => break,
            },
            Ok(ServerStep::NeedsPasswordCheck { .. }) => server.password_checked(accept),
            Ok(ServerStep::NeedsPassword { .. }) => server.provide_password(accept.then_some("pw")),
            Ok(ServerStep::NeedsScramCredentials { .. }) => {
                let hash = ScramHash::for_mechanism(mechanism).expect("scram mechanism");
                let creds = ScramCredentials::derive(hash, "pw", b"salt", 2).expect("derive");
                server.provide_scram_credentials(accept.then_some(creds))
            }
            Ok(ServerStep::NeedsTokenCheck { .. }) => server.token_checked(if accept {
                TokenCheck::Valid
            } else {
                TokenCheck::Invalid(OAuthError::new("invalid_token"))
            }),
            Ok(ServerStep::Success { .. } | ServerStep::Failure(_)) | Err(_) => {
                assert!(server.is_done());
                assert!(server.step(b"").is_err());
                break;
            }
        };
    }
    let _ = format!("{server:?}");
});
