//! SMTP server state machine: arbitrary client bytes, fed in arbitrary chunks, never panic,
//! never make the machine hold more than its configured buffer, and the application's answers
//! (always accept, or always refuse) are accepted by the machine whenever it asked for them.
//!
//! Input: byte 0 picks LMTP (bit 0), the application's policy (bit 1), AUTH and STARTTLS
//! announced (bit 2) and the chunk size (upper bits); the rest is what the client sends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::Mechanism;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::{ServerStep, TokenCheck};
use mailproto_fuzz as _;
use smtp_proto::server::{Server, ServerConfig, ServerEvent};
use smtp_proto::types::{AuthMechanism, Capability, EnhancedCode, Reply, ReplyCode};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let mut config = ServerConfig::new("mx.example.org");
    if flags & 1 != 0 {
        config = config.lmtp();
    }
    if flags & 4 != 0 {
        config.capabilities.push(Capability::StartTls);
        config.capabilities.push(Capability::Auth(
            Mechanism::ALL
                .iter()
                .map(|m| AuthMechanism::Known(*m))
                .collect(),
        ));
    }
    config.max_recipients = 5;
    config.max_message_size = Some(4096);
    let max_buffer = config.max_buffer.max(config.max_auth_line_len);
    let accept = flags & 2 == 0;
    let refusal = Reply::single(
        ReplyCode::new(550).unwrap(),
        Some(EnhancedCode::new(5, 7, 1).unwrap()),
        "refused",
    )
    .unwrap();
    let Ok(mut server) = Server::new(config) else {
        return;
    };
    let chunk = 1 + usize::from(flags >> 3);
    let mut out = Vec::new();
    let mut tls_pending = false;
    let mut data_bytes = 0usize;
    let mut pending: &[u8] = input;
    for _ in 0..input.len() * 4 + 64 {
        let take = pending.len().min(chunk);
        let n = server.receive(&pending[..take]);
        assert!(n <= take);
        pending = &pending[n..];
        let mut progress = n > 0;
        while let Some(event) = server.poll_event() {
            progress = true;
            let answer = match event {
                ServerEvent::DataReadable => {
                    while let Some(d) = server.read_data() {
                        data_bytes += d.len();
                        assert!(d.len() <= max_buffer, "a data read larger than the buffer");
                    }
                    Ok(())
                }
                ServerEvent::StartTls => {
                    tls_pending = true;
                    Ok(())
                }
                ServerEvent::Auth(step) => match step {
                    ServerStep::NeedsPasswordCheck { .. } => server.auth_password_checked(accept),
                    ServerStep::NeedsPassword { .. } => server.auth_provide_password(Some("pw")),
                    ServerStep::NeedsScramCredentials { .. } => {
                        let creds =
                            ScramCredentials::derive(ScramHash::Sha256, "pw", b"salt", 1).ok();
                        server.auth_provide_scram_credentials(creds)
                    }
                    ServerStep::NeedsTokenCheck { .. } => server.auth_token_checked(if accept {
                        TokenCheck::Valid
                    } else {
                        TokenCheck::Invalid(mail_sasl::oauth::OAuthError::new("invalid_token"))
                    }),
                    _ => Ok(()),
                },
                ServerEvent::Hello { .. }
                | ServerEvent::Mail { .. }
                | ServerEvent::Rcpt { .. }
                | ServerEvent::Vrfy(_)
                | ServerEvent::Expn(_)
                | ServerEvent::DataStart
                | ServerEvent::MessageComplete { .. } => {
                    if accept {
                        server.accept()
                    } else {
                        server.reject(&refusal)
                    }
                }
                _ => Ok(()),
            };
            answer.expect("the machine accepts an answer to what it asked");
        }
        let before = out.len();
        server.poll_transmit(&mut out);
        progress |= out.len() > before;
        if tls_pending {
            let _ = server.tls_established();
            tls_pending = false;
        }
        out.clear();
        if server.is_closed() || (!progress && pending.is_empty()) {
            break;
        }
    }
    assert!(
        data_bytes <= input.len(),
        "more data delivered than was received"
    );
});
