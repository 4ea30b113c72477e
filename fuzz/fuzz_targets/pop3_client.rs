//! POP3 client state machine: arbitrary server bytes, fed in arbitrary chunks, never panic;
//! the scripted application (CAPA, STLS when offered, a login by USER/PASS, APOP or SASL,
//! then STAT, LIST, UIDL, RETR, TOP, DELE, RSET and QUIT, pipelined when offered) may get
//! typed errors from its actions but never a panic; message data arrives in chunks no larger
//! than the configured bound and the client's buffers stay bounded.
//!
//! Input: byte 0 picks the login (bits 0-1: USER/PASS, APOP, SCRAM-SHA-256, PLAIN), whether to
//! try STLS (bit 2), and the chunk size (upper bits); the rest is what the server sends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::ClientSession;
use mail_sasl::scram::ScramClientConfig;
use mailproto_fuzz as _;
use pop3_proto::client::{Client, ClientConfig, ClientEvent};

const DATA_CHUNK: usize = 256;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let mut config = ClientConfig::default();
    config.max_data_chunk = DATA_CHUNK;
    config.max_listing_entries = 64;
    config.max_input = 1024;
    config.response.max_line_len = 1024;
    let mut client = Client::new(config);
    let chunk = 1 + usize::from(flags >> 3);
    let mut tried_tls = flags & 4 == 0;
    let mut logged_in = false;
    let mut out = Vec::new();
    let mut pending: &[u8] = input;
    for _ in 0..input.len() * 4 + 64 {
        client.poll_transmit(&mut out);
        out.clear();
        let take = pending.len().min(chunk);
        let n = client.receive(&pending[..take]);
        assert!(n <= take);
        pending = &pending[n..];
        let mut progress = n > 0;
        let mut actions = Vec::new();
        while let Some(event) = client.poll_event() {
            progress = true;
            match event {
                ClientEvent::MessageData(d) => assert!(d.len() <= DATA_CHUNK),
                ClientEvent::Greeting { .. } => actions.push(0),
                ClientEvent::Capabilities { .. } if !logged_in => actions.push(1),
                ClientEvent::UpgradeTls => actions.push(2),
                ClientEvent::LoggedIn { .. } => {
                    logged_in = true;
                    actions.push(3);
                }
                ClientEvent::LoginFailed { .. } => actions.push(4),
                _ => {}
            }
        }
        assert!(client.buffer_capacity() <= 2 * (DATA_CHUNK + 1024) + 64);
        for a in actions {
            match a {
                0 => {
                    let _ = client.capa();
                }
                1 if !tried_tls && client.capabilities().stls() => {
                    tried_tls = true;
                    let _ = client.stls();
                }
                1 => {
                    let _ = match flags & 3 {
                        0 => client.login("user", "pass word"),
                        1 => client.apop("user", "secret"),
                        2 => {
                            let cheap = ScramClientConfig {
                                min_iterations: 1,
                                max_iterations: 64,
                            };
                            let sasl = ClientSession::scram_sha256("user", "pw")
                                .and_then(|s| s.with_scram_config(cheap))
                                .unwrap();
                            client.authenticate(sasl)
                        }
                        _ => client.authenticate(ClientSession::plain(None, "user", "pw").unwrap()),
                    };
                }
                2 => {
                    let _ = client.tls_established();
                    let _ = client.capa();
                }
                3 => {
                    let _ = client.stat();
                    let _ = client.list(None);
                    let _ = client.uidl(None);
                    let _ = client.list(Some(1));
                    let _ = client.uidl(Some(2));
                    let _ = client.retr(1);
                    let _ = client.top(1, 2);
                    let _ = client.dele(1);
                    let _ = client.rset();
                    let _ = client.noop();
                    let _ = client.quit();
                }
                _ => {
                    let _ = client.quit();
                }
            }
        }
        if client.is_closed() || (!progress && pending.is_empty()) {
            break;
        }
    }
});
