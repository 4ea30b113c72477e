//! POP3 server state machine: arbitrary client bytes, fed in arbitrary chunks, never panic;
//! the application's answers (always accept, or always refuse) are accepted by the machine
//! whenever it asked for them; output stays bounded; UPDATE comes at most once, only after a
//! `QUIT`, and ends the session.
//!
//! Input: byte 0 picks the application's policy (bit 0), whether plaintext logins are allowed
//! without TLS (bit 1), STLS, SASL, UTF8 and LANG announced and an APOP timestamp (bit 2), and
//! the chunk size (upper bits); the rest is what the client sends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::Mechanism;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::{ServerStep, TokenCheck};
use mailproto_fuzz as _;
use pop3_proto::server::{MessageInfo, Server, ServerConfig, ServerEvent};
use pop3_proto::types::{AuthMechanism, Capability, LanguageListing, UniqueId};

const MESSAGES: [&[u8]; 3] = [
    b"Subject: one\r\n\r\n.dot\r\nbody\r\n",
    b"Subject: two\n\nbare lf\n.\n",
    b"",
];

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let accept = flags & 1 == 0;
    let mut config = ServerConfig::new("fuzz.example");
    config.allow_plaintext_without_tls = flags & 2 != 0;
    if flags & 4 != 0 {
        config.capabilities.push(Capability::Stls);
        config.capabilities.push(Capability::Utf8 { user: true });
        config.capabilities.push(Capability::Lang);
        config.capabilities.push(Capability::Sasl(
            Mechanism::ALL
                .iter()
                .map(|m| AuthMechanism::Known(*m))
                .collect(),
        ));
        config.apop_timestamp = Some("<1.2@fuzz.example>".to_owned());
        config.languages = vec![LanguageListing::new("en", Some("English".into())).unwrap()];
    }
    config.max_buffer = 4096;
    let Ok(mut server) = Server::new(config) else {
        return;
    };
    let chunk = 1 + usize::from(flags >> 3);
    let mut out = Vec::new();
    let mut updates = 0;
    let has_quit = input.windows(4).any(|w| w.eq_ignore_ascii_case(b"QUIT"));
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
                ServerEvent::User { .. } | ServerEvent::CheckPassword { .. } => {
                    if accept {
                        server.accept()
                    } else {
                        server.reject()
                    }
                }
                ServerEvent::ApopSecret { .. } => server.apop_secret(accept.then_some("secret")),
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
                    other => panic!("unexpected step {other:?}"),
                },
                ServerEvent::LockMaildrop { .. } => {
                    if accept {
                        let infos = MESSAGES
                            .iter()
                            .enumerate()
                            .map(|(i, m)| MessageInfo {
                                size: m.len() as u64,
                                uid: UniqueId::new(format!("u{i}")).unwrap(),
                            })
                            .collect();
                        server.maildrop_locked(infos)
                    } else {
                        server.maildrop_in_use()
                    }
                }
                ServerEvent::Retrieve { msg, .. } => {
                    if accept {
                        let m = MESSAGES[msg.index()];
                        let mut rest = m;
                        while !rest.is_empty() {
                            let k = server.message_data(&rest[..rest.len().min(5)]).unwrap();
                            rest = &rest[k..];
                            server.poll_transmit(&mut out);
                            out.clear();
                        }
                        server.message_end()
                    } else {
                        server.reject()
                    }
                }
                ServerEvent::Update { .. } => {
                    assert!(has_quit, "update without quit");
                    updates += 1;
                    if accept {
                        server.accept()
                    } else {
                        server.reject()
                    }
                }
                ServerEvent::StartTls => server.tls_established(),
                _ => Ok(()),
            };
            answer.expect("the machine refused the answer to its own question");
        }
        server.poll_transmit(&mut out);
        assert!(out.len() <= 64 * 1024, "output not bounded");
        out.clear();
        assert!(updates <= 1);
        if updates == 1 {
            assert!(server.is_closed());
        }
        if server.is_closed() || (!progress && pending.is_empty()) {
            break;
        }
    }
});
