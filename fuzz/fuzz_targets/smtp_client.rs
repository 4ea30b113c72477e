//! SMTP client state machine: arbitrary server bytes, fed in arbitrary chunks, never panic;
//! the scripted application (STARTTLS and AUTH when offered, one pipelined transaction with
//! DSN parameters, a body streamed in pieces, the last one as the final chunk when bit 3 is
//! set, then VRFY and QUIT) may get typed errors from its actions but never a panic.
//!
//! Input: byte 0 picks LMTP (bit 0), whether to try STARTTLS (bit 1) and AUTH (bit 2), and the
//! chunk size (upper bits, whose lowest, bit 3, also picks `send_final_data`); the rest is
//! what the server sends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::ClientSession;
use mail_sasl::scram::ScramClientConfig;
use mailproto_fuzz as _;
use smtp_proto::client::{Client, ClientConfig, ClientEvent, Envelope, Recipient};
use smtp_proto::types::{Domain, ForwardPath, LocalPart, Mailbox, Notify, Ret, ReversePath, Text};

fn mbox(local: &str, domain: &str) -> Mailbox<'static> {
    Mailbox::new(
        LocalPart::from_unquoted(local).unwrap(),
        Domain::name(domain.to_owned()).unwrap(),
    )
}

const BODY: &[u8] = b"Subject: x\r\n\r\n.dot\r\nbare\nlf\r\n.\r\nend";

fuzz_target!(|data: &[u8]| {
    let Some((&flags, input)) = data.split_first() else {
        return;
    };
    let mut config = ClientConfig::new(Domain::name("client.example".to_owned()).unwrap());
    if flags & 1 != 0 {
        config = config.lmtp();
    }
    // DSN parameters go when DSN is offered and are dropped otherwise.
    config.drop_unsupported_dsn = true;
    let mut client = Client::new(config);
    let chunk = 1 + usize::from(flags >> 3);
    let final_chunk = flags & 8 != 0;
    let mut config_dsn = Envelope::with_recipients(
        ReversePath::Mailbox(mbox("a", "example.net")),
        vec![
            Recipient::new(ForwardPath::Mailbox(mbox("b", "example.org")))
                .with_notify(Notify::NEVER),
            Recipient::new(ForwardPath::Postmaster),
        ],
    );
    config_dsn.ret = Some(Ret::Hdrs);
    let mut envelope = Some(config_dsn);
    let (mut tried_tls, mut tried_auth) = (flags & 2 == 0, flags & 4 == 0);
    let mut body_sent = 0;
    let mut data_open = false;
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
        while let Some(event) = client.poll_event() {
            progress = true;
            match event {
                ClientEvent::Ready { .. } if !tried_tls => {
                    tried_tls = true;
                    let _ = client.starttls();
                }
                ClientEvent::Ready { .. } if !tried_auth => {
                    tried_auth = true;
                    let cheap = ScramClientConfig {
                        min_iterations: 1,
                        max_iterations: 64,
                    };
                    let sasl = ClientSession::scram_sha256("user", "pw")
                        .and_then(|s| s.with_scram_config(cheap))
                        .unwrap();
                    let _ = client.authenticate(sasl);
                }
                ClientEvent::Ready { .. } | ClientEvent::Authenticated => {
                    if let Some(e) = envelope.take() {
                        let _ = client.send_mail(e);
                    }
                }
                ClientEvent::UpgradeTls => {
                    let _ = client.tls_established();
                }
                ClientEvent::DataReady => data_open = true,
                ClientEvent::MessageAccepted { .. } | ClientEvent::MessageRejected { .. } => {
                    let vrfy = client.vrfy(Text::new("postmaster").unwrap());
                    if vrfy.is_err() {
                        let _ = client.quit();
                    }
                }
                ClientEvent::Reply { .. } | ClientEvent::TransactionAborted => {
                    let _ = client.quit();
                }
                _ => {}
            }
        }
        if data_open {
            let rest = &BODY[body_sent..];
            let sent = if final_chunk {
                client.send_final_data(rest)
            } else {
                client.send_data(rest)
            };
            match sent {
                Ok(n) => {
                    body_sent += n;
                    progress |= n > 0;
                    if body_sent == BODY.len() {
                        if !final_chunk {
                            let _ = client.finish_data();
                        }
                        data_open = false;
                    }
                }
                Err(_) => data_open = false,
            }
        }
        if client.is_closed() || (!progress && pending.is_empty()) {
            break;
        }
    }
});
