//! IMAP server state machine: arbitrary client bytes, fed in arbitrary chunks, never panic;
//! the application's answers are accepted by the machine whenever it asked for them; an
//! untagged EXPUNGE is accepted exactly when `updates_allowed()` says so; commands reach the
//! application only in their state; output stays bounded.
//!
//! Input: byte 0 picks the application's policy (bit 0: accept logins and complete commands
//! with OK, else NO/BAD), whether plaintext logins are allowed without TLS (bit 1), extra
//! capabilities (bit 2: STARTTLS, MULTIAPPEND, IMAP4rev2, CONDSTORE, QRESYNC, UTF8=ACCEPT,
//! every SASL mechanism; without it LITERAL+ is removed) and the chunk size (upper bits); the
//! rest is what the client sends.
#![no_main]

use imap_proto::server::{Server, ServerConfig, ServerEvent, ServerState};
use imap_proto::types::{Capability, CommandBody, State, UntaggedResponse};
use libfuzzer_sys::fuzz_target;
use mail_sasl::Mechanism;
use mail_sasl::scram::{ScramCredentials, ScramHash};
use mail_sasl::server::{ServerStep, TokenCheck};
use mailproto_fuzz as _;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let accept = flags & 1 == 0;
    let mut config = ServerConfig::new("fuzz.example");
    config.allow_plaintext_login_without_tls = flags & 2 != 0;
    if flags & 4 != 0 {
        config.starttls = true;
        config.capabilities.extend([
            Capability::MultiAppend,
            Capability::Imap4rev2,
            Capability::CondStore,
            Capability::QResync,
            Capability::Utf8Accept,
        ]);
        config.auth_mechanisms = Mechanism::ALL.to_vec();
    } else {
        config
            .capabilities
            .retain(|c| *c != Capability::LiteralPlus);
    }
    config.max_buffer = 4096;
    config.max_auth_line_len = 1024;
    config.parse.max_line_len = 1024;
    config.parse.max_literal_size = 64 * 1024;
    config.parse.max_message_size = 128 * 1024;
    let Ok(mut server) = Server::new(config) else {
        return;
    };
    let chunk = 1 + usize::from(flags >> 3);
    let mut out = Vec::new();
    let mut pending: &[u8] = input;
    for _ in 0..input.len() * 4 + 64 {
        let take = pending.len().min(chunk);
        let n = server.receive(&pending[..take]);
        assert!(n <= take);
        pending = &pending[n..];
        let mut progress = n > 0;
        loop {
            let state = server.state();
            let Some(event) = server.poll_event() else {
                break;
            };
            progress = true;
            let answer = match event {
                ServerEvent::Command { body, .. } => {
                    let select = matches!(
                        body,
                        CommandBody::Select { .. } | CommandBody::Examine { .. }
                    );
                    let needs_auth = !matches!(
                        body,
                        CommandBody::Id { .. } | CommandBody::Noop | CommandBody::Capability
                    );
                    assert!(
                        !needs_auth || !matches!(state, ServerState::NotAuthenticated),
                        "command before authentication reached the application"
                    );
                    // Try an update: accepted exactly when allowed.
                    let allowed = server.updates_allowed();
                    let expunge = UntaggedResponse::Expunge(1.try_into().unwrap());
                    assert_eq!(server.untagged(&expunge).is_ok(), allowed);
                    if select {
                        let _ = server.untagged(&UntaggedResponse::Exists(1));
                        if accept {
                            server.selected(false)
                        } else {
                            server.select_failed(None, "no")
                        }
                    } else if accept {
                        server.done(State::Ok, None, "done")
                    } else if flags & 16 != 0 {
                        server.done(State::Bad, None, "bad")
                    } else {
                        server.done(State::No, None, "no")
                    }
                }
                ServerEvent::Login { .. } => {
                    if accept {
                        server.accept_login()
                    } else {
                        server.reject_login()
                    }
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
                    other => panic!("unexpected step {other:?}"),
                },
                ServerEvent::StartTls => server.tls_established(),
                ServerEvent::Idle => {
                    let _ = server.untagged(&UntaggedResponse::Exists(2));
                    Ok(())
                }
                _ => Ok(()),
            };
            answer.expect("the machine refused the answer to its own question");
        }
        server.poll_transmit(&mut out);
        assert!(out.len() <= 1024 * 1024, "output not bounded");
        out.clear();
        if server.is_closed() || (!progress && pending.is_empty()) {
            break;
        }
    }
});
