//! Deterministic generators of realistic mail-protocol streams, shared by the benches.
//!
//! A small xorshift generator with a fixed seed shapes every stream, so each run (and each
//! bench) measures the same bytes.
#![allow(dead_code)]

/// Approximate size of each generated stream.
pub const TARGET_LEN: usize = 4 << 20;

/// xorshift64* (Vigna), enough for shaping test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "message",
    "server",
    "delivery",
    "mailbox",
    "attachment",
    "meeting",
    "tomorrow",
    "regards",
    "invoice",
    "quarterly",
    "report",
    "résumé",
    "naïve",
    "übermorgen",
    "déjà",
];
pub const NAMES: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
];
pub const DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "mail.example.net",
    "lists.example.edu",
    "corp.example",
];
pub const DOT_LINES: &[&str] = &[
    ".",
    "..",
    "...",
    ". indented with a dot",
    ".signature follows",
    "... and so on",
];

pub fn address(rng: &mut Rng) -> String {
    format!(
        "{}{}@{}",
        rng.pick(NAMES),
        rng.below(1000),
        rng.pick(DOMAINS)
    )
}

/// An SMTP client's command stream: EHLO, AUTH PLAIN, transactions of MAIL FROM with
/// SIZE/BODY and pipelined RCPT TO with NOTIFY, RSET/NOOP, QUIT.
pub fn commands(rng: &mut Rng) -> Vec<u8> {
    let mut out = String::with_capacity(TARGET_LEN + 4096);
    while out.len() < TARGET_LEN {
        out.push_str(&format!(
            "EHLO client{}.{}\r\n",
            rng.below(100),
            rng.pick(DOMAINS)
        ));
        if rng.below(10) == 0 {
            // AUTH PLAIN with a base64 initial response.
            out.push_str("AUTH PLAIN ");
            for _ in 0..20 + rng.below(40) {
                out.push('Q');
            }
            out.push_str("==\r\n");
        }
        for _ in 0..1 + rng.below(5) {
            out.push_str(&format!(
                "MAIL FROM:<{}> SIZE={} BODY=8BITMIME\r\n",
                address(rng),
                rng.below(10_000_000)
            ));
            for _ in 0..1 + rng.below(20) {
                out.push_str(&format!("RCPT TO:<{}> NOTIFY=FAILURE\r\n", address(rng)));
            }
            out.push_str(if rng.below(2) == 0 {
                "RSET\r\n"
            } else {
                "NOOP\r\n"
            });
        }
        out.push_str("QUIT\r\n");
    }
    out.into_bytes()
}
