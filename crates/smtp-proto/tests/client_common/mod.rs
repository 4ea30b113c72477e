//! Helpers shared by the client tests: a hand-scripted server side.
#![allow(dead_code)]

use smtp_proto::client::{Client, ClientConfig, ClientEvent, Envelope};
use smtp_proto::types::{Domain, ForwardPath, LocalPart, Mailbox, ReversePath};

pub fn mbox(s: &str) -> Mailbox<'static> {
    let (l, d) = s.rsplit_once('@').unwrap();
    Mailbox::new(
        LocalPart::from_unquoted(l).unwrap(),
        Domain::name(d.to_owned()).unwrap(),
    )
}

pub fn rev(s: &str) -> ReversePath<'static> {
    ReversePath::Mailbox(mbox(s))
}

pub fn fwd(s: &str) -> ForwardPath<'static> {
    ForwardPath::Mailbox(mbox(s))
}

pub fn envelope(from: &str, to: &[&str]) -> Envelope {
    Envelope::new(rev(from), to.iter().map(|t| fwd(t)).collect())
}

pub fn config(domain: &str) -> ClientConfig {
    ClientConfig::new(Domain::name(domain.to_owned()).unwrap())
}

/// A client and what it produced so far.
pub struct Harness {
    pub client: Client,
}

impl Harness {
    pub fn new(config: ClientConfig) -> Self {
        Self {
            client: Client::new(config),
        }
    }

    /// Feeds all of `bytes` (calling again while the client takes less).
    pub fn feed(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        let mut stalls = 0;
        while !rest.is_empty() {
            let n = self.client.receive(rest);
            rest = &rest[n..];
            if n == 0 {
                stalls += 1;
                assert!(stalls < 3, "client takes no input");
            }
        }
    }

    /// Feeds and returns the events.
    pub fn reply(&mut self, bytes: &[u8]) -> Vec<ClientEvent> {
        self.feed(bytes);
        self.events()
    }

    pub fn events(&mut self) -> Vec<ClientEvent> {
        std::iter::from_fn(|| self.client.poll_event()).collect()
    }

    /// The bytes to send, as a string (for readable assertions).
    pub fn out(&mut self) -> String {
        let mut out = Vec::new();
        self.client.poll_transmit(&mut out);
        String::from_utf8(out).unwrap()
    }

    /// Greeting plus an EHLO reply with the given capability lines; returns the events.
    pub fn ready(&mut self, caps: &[&str]) -> Vec<ClientEvent> {
        self.feed(b"220 mx.example ESMTP\r\n");
        let hello = self.out();
        assert!(
            hello.starts_with("EHLO ") || hello.starts_with("LHLO "),
            "{hello}"
        );
        let mut ehlo = String::new();
        if caps.is_empty() {
            ehlo.push_str("250 mx.example\r\n");
        } else {
            ehlo.push_str("250-mx.example\r\n");
            for (i, c) in caps.iter().enumerate() {
                let sep = if i + 1 == caps.len() { ' ' } else { '-' };
                ehlo.push_str(&format!("250{sep}{c}\r\n"));
            }
        }
        self.reply(ehlo.as_bytes())
    }
}

/// Whether the event is a reply with this code for recipient `index`.
pub fn is_rcpt(e: &ClientEvent, index: usize, code: u16) -> bool {
    matches!(e, ClientEvent::Recipient { index: i, reply } if *i == index && reply.code().get() == code)
}
