//! IMAP client state machine: arbitrary server bytes, fed in arbitrary chunks, never panic;
//! the scripted application (CAPABILITY, STARTTLS when chosen, LOGIN or AUTHENTICATE, ENABLE,
//! SELECT, pipelined FETCH/STORE/SEARCH/COPY, APPEND with a synchronizing literal, IDLE and
//! DONE, LOGOUT) may get typed errors from its actions but never a panic; streamed literal
//! chunks are no larger than the configured bound and the input buffer stays bounded.
//!
//! Input: byte 0 picks the login (bits 0-1: LOGIN, PLAIN, SCRAM-SHA-256 with cheap iterations,
//! LOGIN with a literal password), STARTTLS (bit 2), streaming (bit 3), pipelining off (bit 4)
//! and the chunk size (upper bits); the rest is what the server sends.
#![no_main]

use imap_proto::client::{Client, ClientConfig, ClientEvent};
use imap_proto::parse::{ParseConfig, Status, parse_command};
use imap_proto::types::{Capability, CommandBody, Mailbox};
use libfuzzer_sys::fuzz_target;
use mail_sasl::ClientSession;
use mail_sasl::scram::ScramClientConfig;
use mailproto_fuzz as _;

const CHUNK: usize = 64;
const LINE: usize = 1024;
const MESSAGE: u64 = 8192;

fn body(text: &str) -> Option<CommandBody<'static>> {
    let line = format!("x {text}\r\n");
    match parse_command(line.as_bytes(), &ParseConfig::default()) {
        Ok(Status::Complete((c, _))) => Some(c.body.into_owned()),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let mut config = ClientConfig::default();
    config.parse.max_line_len = LINE;
    config.parse.max_message_size = MESSAGE;
    config.parse.max_literal_size = 4096;
    config.parse.max_non_sync_literal_size = 4096;
    config.stream_chunk = CHUNK;
    if flags & 8 != 0 {
        config.stream_threshold = Some(16);
    }
    config.pipelining = flags & 16 == 0;
    let mut client = Client::new(config);
    let chunk = 1 + usize::from(flags >> 5) * 7;
    let mut out = Vec::new();
    let mut pending: &[u8] = input;
    let mut logged_in = false;
    let mut tls_tried = flags & 4 == 0;
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
                ClientEvent::FetchBodyData(d) => assert!(d.len() <= CHUNK && !d.is_empty()),
                ClientEvent::Greeting { .. } => actions.push(0),
                ClientEvent::StartTls => actions.push(1),
                ClientEvent::Done { .. } => actions.push(2),
                ClientEvent::Idling { .. } => actions.push(3),
                _ => {}
            }
        }
        assert!(client.buffer_capacity() <= 4 * (MESSAGE as usize + LINE) + CHUNK);
        for a in actions {
            match a {
                0 => {
                    let _ = client.capability();
                    if !tls_tried {
                        tls_tried = true;
                        let _ = client.starttls();
                    }
                }
                1 => {
                    let _ = client.tls_established();
                    let _ = client.capability();
                }
                3 => {
                    let _ = client.idle_done();
                }
                _ => {}
            }
            let state = client.state();
            use imap_proto::client::ClientState as S;
            if state == S::NotAuthenticated && client.in_flight() == 0 {
                let _ = match flags & 3 {
                    0 => client.login("user", "pass word"),
                    1 => client.authenticate(ClientSession::plain(None, "user", "pw").unwrap()),
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
                    _ => client.login("user", "pass\r\nword"),
                };
            }
            if state == S::Authenticated && !logged_in && client.in_flight() == 0 {
                logged_in = true;
                let _ = client.enable(vec![Capability::QResync]);
                let _ = client.select(Mailbox::Inbox);
            }
            if matches!(state, S::Selected { .. }) && client.in_flight() == 0 {
                for cmd in [
                    "fetch 1:* (uid flags body.peek[])",
                    "store 1 +flags (\\Seen)",
                    "search all",
                    "uid fetch 1:* (flags) (changedsince 1 vanished)",
                    "copy 1 Trash",
                    "append Drafts {5}\r\nhello",
                    "uid search return (save) all",
                    "uid fetch $ flags",
                ] {
                    if let Some(b) = body(cmd) {
                        let _ = client.send(b);
                    }
                }
                let _ = client.idle();
                let _ = client.idle_done();
                let _ = client.logout();
            }
        }
        if client.is_closed() || (!progress && pending.is_empty()) {
            break;
        }
    }
});
