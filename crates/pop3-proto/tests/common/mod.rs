//! The examples of RFC 1939, 2449, 2595, 5034 and 6856 as transcripts, shared by the codec and
//! state machine tests.
//!
//! A transcript is written as in the RFCs: `S: ` lines from the server, `C: ` lines from the
//! client, each ending in CRLF on the wire. `S: {msg N}` stands for the dot-stuffed bytes of
//! message N of [`message`] (`{top N L}` for its first L body lines), followed in the RFC by
//! the `S: .` end line. Where an RFC elides a message ("<the POP3 server sends message 1>"),
//! a concrete message of the announced size is used.

#![allow(dead_code)]

/// Who sent a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The client.
    C,
    /// The server.
    S,
}

/// A transcript: runs of bytes, alternating sides.
#[derive(Debug, Clone)]
pub struct Transcript {
    /// Which RFC section it is from.
    pub name: &'static str,
    /// The runs, in order.
    pub steps: Vec<(Side, Vec<u8>)>,
}

impl Transcript {
    /// Everything the client sent, concatenated.
    pub fn client_bytes(&self) -> Vec<u8> {
        self.side(Side::C)
    }

    /// Everything the server sent, concatenated.
    pub fn server_bytes(&self) -> Vec<u8> {
        self.side(Side::S)
    }

    fn side(&self, side: Side) -> Vec<u8> {
        self.steps
            .iter()
            .filter(|(s, _)| *s == side)
            .flat_map(|(_, b)| b.iter().copied())
            .collect()
    }
}

/// Message `n` of the examples: RFC 1939's two messages of 120 and 200 octets (§5 `LIST`,
/// §10), and the 369-octet message of the APOP example (§7). Each has lines starting with a
/// dot, so that stuffing is exercised, and CRLF line ends.
pub fn message(n: u32) -> Vec<u8> {
    let (size, subject) = match n {
        1 => (120, "one"),
        2 => (200, "two"),
        _ => (369, "three"),
    };
    let mut m = format!(
        "From: mrose@dbc.mtview.ca.us\r\nSubject: {subject}\r\n\r\n.signature\r\n..two dots\r\n.\r\nbody\r\n"
    )
    .into_bytes();
    let mut line = 0;
    while m.len() + 12 <= size {
        m.extend_from_slice(format!("line {line:04}\r\n").as_bytes());
        line += 1;
    }
    while m.len() + 2 < size {
        m.push(b'x');
    }
    m.extend_from_slice(b"\r\n");
    assert_eq!(m.len(), size);
    m
}

/// The first `lines` body lines of message `n` with its header and blank line (RFC 1939 §7
/// `TOP`).
pub fn top(n: u32, lines: usize) -> Vec<u8> {
    let m = message(n);
    let header_end = m.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let mut end = header_end;
    for _ in 0..lines {
        match m[end..].windows(2).position(|w| w == b"\r\n") {
            Some(i) => end += i + 2,
            None => break,
        }
    }
    m[..end].to_vec()
}

/// Dot-stuffs `data` the way a server sends it (RFC 1939 §3), without the end line.
pub fn stuff(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at_line_start = true;
    for (i, &b) in data.iter().enumerate() {
        if at_line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_line_start = b == b'\n' && i > 0 && data[i - 1] == b'\r';
    }
    out
}

/// Builds a transcript from RFC-style text.
pub fn transcript(name: &'static str, text: &str) -> Transcript {
    let mut steps: Vec<(Side, Vec<u8>)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() {
            continue;
        }
        let (side, rest) = if let Some(r) = line.strip_prefix("C:") {
            (Side::C, r)
        } else if let Some(r) = line.strip_prefix("S:") {
            (Side::S, r)
        } else {
            panic!("bad transcript line {line:?}");
        };
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let bytes = if let Some(n) = rest.strip_prefix("{msg ").and_then(|r| r.strip_suffix('}')) {
            stuff(&message(n.parse().unwrap()))
        } else if let Some(spec) = rest.strip_prefix("{top ").and_then(|r| r.strip_suffix('}')) {
            let (n, l) = spec.split_once(' ').unwrap();
            stuff(&top(n.parse().unwrap(), l.parse().unwrap()))
        } else {
            let mut b = rest.replace("{SP}", " ").into_bytes();
            b.extend_from_slice(b"\r\n");
            b
        };
        match steps.last_mut() {
            Some((s, b)) if *s == side => b.extend_from_slice(&bytes),
            _ => steps.push((side, bytes)),
        }
    }
    Transcript { name, steps }
}

/// RFC 1939 §10, the example session.
pub fn rfc1939_session() -> Transcript {
    transcript(
        "RFC 1939 §10",
        "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>
         C: APOP mrose c4c9334bac560ecc979e58001b3e22fb
         S: +OK mrose's maildrop has 2 messages (320 octets)
         C: STAT
         S: +OK 2 320
         C: LIST
         S: +OK 2 messages (320 octets)
         S: 1 120
         S: 2 200
         S: .
         C: RETR 1
         S: +OK 120 octets
         S: {msg 1}
         S: .
         C: DELE 1
         S: +OK message 1 deleted
         C: RETR 2
         S: +OK 200 octets
         S: {msg 2}
         S: .
         C: DELE 2
         S: +OK message 2 deleted
         C: QUIT
         S: +OK dewey POP3 server signing off (maildrop empty)",
    )
}

/// The per-command examples of RFC 1939 §4-§7, each preceded by what gets the session into
/// the state the command needs (the RFC's "..."), as a session of its own.
pub fn rfc1939_commands() -> Vec<Transcript> {
    let login = "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>
                 C: USER mrose
                 S: +OK mrose is a real hoopy frood
                 C: PASS tanstaaf
                 S: +OK mrose's maildrop has 2 messages (320 octets)";
    let t = |name: &'static str, body: &str| transcript(name, &format!("{login}\n{body}"));
    vec![
        transcript(
            "RFC 1939 §4 greeting and QUIT",
            "S: +OK POP3 server ready
             C: QUIT
             S: +OK dewey POP3 server signing off",
        ),
        t(
            "RFC 1939 §5 STAT",
            "C: STAT
             S: +OK 2 320",
        ),
        t(
            "RFC 1939 §5 LIST",
            "C: LIST
             S: +OK 2 messages (320 octets)
             S: 1 120
             S: 2 200
             S: .
             C: LIST 2
             S: +OK 2 200
             C: LIST 3
             S: -ERR no such message, only 2 messages in maildrop",
        ),
        t(
            "RFC 1939 §5 RETR",
            "C: RETR 1
             S: +OK 120 octets
             S: {msg 1}
             S: .",
        ),
        t(
            "RFC 1939 §5 DELE",
            "C: DELE 1
             S: +OK message 1 deleted
             C: DELE 2
             S: +OK message 2 deleted
             C: DELE 2
             S: -ERR message 2 already deleted",
        ),
        t(
            "RFC 1939 §5 NOOP",
            "C: NOOP
             S: +OK",
        ),
        t(
            "RFC 1939 §5 RSET",
            "C: RSET
             S: +OK maildrop has 2 messages (320 octets)",
        ),
        t(
            "RFC 1939 §6 QUIT (maildrop empty)",
            "C: DELE 1
             S: +OK message 1 deleted
             C: DELE 2
             S: +OK message 2 deleted
             C: QUIT
             S: +OK dewey POP3 server signing off (maildrop empty)",
        ),
        t(
            "RFC 1939 §6 QUIT (2 messages left)",
            "C: QUIT
             S: +OK dewey POP3 server signing off (2 messages left)",
        ),
        t(
            "RFC 1939 §7 TOP",
            "C: TOP 1 10
             S: +OK
             S: {top 1 10}
             S: .
             C: TOP 100 3
             S: -ERR no such message",
        ),
        t(
            "RFC 1939 §7 UIDL",
            "C: UIDL
             S: +OK
             S: 1 whqtswO00WBw418f9t5JxYwZ
             S: 2 QhdPYR:00WBw1Ph7x7
             S: .
             C: UIDL 2
             S: +OK 2 QhdPYR:00WBw1Ph7x7
             C: UIDL 3
             S: -ERR no such message, only 2 messages in maildrop",
        ),
        transcript(
            "RFC 1939 §7 USER",
            "S: +OK POP3 server ready
             C: USER frated
             S: -ERR sorry, no mailbox for frated here
             C: USER mrose
             S: +OK mrose is a real hoopy frood",
        ),
        transcript(
            "RFC 1939 §7 PASS (maildrop locked)",
            "S: +OK POP3 server ready
             C: USER mrose
             S: +OK mrose is a real hoopy frood
             C: PASS secret
             S: -ERR maildrop already locked",
        ),
        transcript(
            "RFC 1939 §7 PASS",
            "S: +OK POP3 server ready
             C: USER mrose
             S: +OK mrose is a real hoopy frood
             C: PASS secret
             S: +OK mrose's maildrop has 2 messages (320 octets)",
        ),
        transcript(
            "RFC 1939 §7 APOP",
            "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>
             C: APOP mrose c4c9334bac560ecc979e58001b3e22fb
             S: +OK maildrop has 1 message (369 octets)",
        ),
    ]
}

/// RFC 2449 §5 (CAPA), §8 (a response code), and the §6.7 EXPIRE forms.
pub fn rfc2449() -> Vec<Transcript> {
    vec![
        transcript(
            "RFC 2449 §5 CAPA",
            "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>
             C: CAPA
             S: +OK Capability list follows
             S: TOP
             S: USER
             S: SASL CRAM-MD5 KERBEROS_V4
             S: RESP-CODES
             S: LOGIN-DELAY 900
             S: PIPELINING
             S: EXPIRE 60
             S: UIDL
             S: IMPLEMENTATION Shlemazle-Plotz-v302
             S: .",
        ),
        transcript(
            "RFC 2449 §8 IN-USE",
            "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>
             C: APOP mrose c4c9334bac560ecc979e58001b3e22fb
             S: -ERR [IN-USE] Do you have another POP session running?",
        ),
        transcript(
            "RFC 2449 §6.7 EXPIRE",
            "S: +OK POP3 server ready
             C: CAPA
             S: +OK Capability list follows
             S: EXPIRE 5 USER
             S: EXPIRE 30
             S: EXPIRE NEVER
             S: EXPIRE 0
             S: LOGIN-DELAY 900 USER
             S: .",
        ),
    ]
}

/// RFC 2595 §4, STLS.
pub fn rfc2595() -> Transcript {
    transcript(
        "RFC 2595 §4 STLS",
        "S: +OK POP3 server ready
         C: CAPA
         S: +OK Capability list follows
         S: STLS
         S: .
         C: STLS
         S: +OK Begin TLS negotiation
         C: STLS
         S: -ERR Command not permitted when TLS active",
    )
}

/// RFC 5034 §3 and §6.
pub fn rfc5034() -> Vec<Transcript> {
    vec![
        transcript(
            "RFC 5034 §3 SASL capability",
            "S: +OK pop.example.com BlurdyBlurp POP3 server ready
             C: CAPA
             S: +OK List of capabilities follows
             S: SASL PLAIN DIGEST-MD5 GSSAPI ANONYMOUS
             S: STLS
             S: IMPLEMENTATION BlurdyBlurp POP3 server
             S: .",
        ),
        transcript(
            "RFC 5034 §6 AUTH PLAIN with initial response",
            "S: +OK pop.example.com BlurdyBlurp POP3 server ready
             C: CAPA
             S: +OK List of capabilities follows
             S: SASL DIGEST-MD5 GSSAPI ANONYMOUS
             S: STLS
             S: IMPLEMENTATION BlurdyBlurp POP3 server
             S: .
             C: STLS
             S: +OK Begin TLS negotiation now
             C: CAPA
             S: +OK List of capabilities follows
             S: SASL PLAIN DIGEST-MD5 GSSAPI ANONYMOUS
             S: IMPLEMENTATION BlurdyBlurp POP3 server
             S: .
             C: AUTH PLAIN dGVzdAB0ZXN0AHRlc3Q=
             S: +OK Maildrop locked and ready",
        ),
        transcript(
            "RFC 5034 §6 AUTH PLAIN without initial response",
            "S: +OK pop.example.com BlurdyBlurp POP3 server ready
             C: CAPA
             S: +OK List of capabilities follows
             S: SASL PLAIN DIGEST-MD5 GSSAPI ANONYMOUS
             S: IMPLEMENTATION BlurdyBlurp POP3 server
             S: .
             C: AUTH PLAIN
             S: +{SP}
             C: dGVzdAB0ZXN0AHRlc3Q=
             S: +OK Maildrop locked and ready",
        ),
        transcript(
            "RFC 5034 §6 AUTH DIGEST-MD5",
            "S: +OK pop.example.com BlurdyBlurp POP3 server ready
             C: CAPA
             S: +OK List of capabilities follows
             S: SASL DIGEST-MD5 GSSAPI ANONYMOUS
             S: STLS
             S: IMPLEMENTATION BlurdyBlurp POP3 server
             S: .
             C: AUTH DIGEST-MD5
             S: + cmVhbG09ImVsd29vZC5pbm5vc29mdC5jb20iLG5vbmNlPSJPQTZNRzl0RVFHbTJoaCIscW9wPSJhdXRoIixhbGdvcml0aG09bWQ1LXNlc3MsY2hhcnNldD11dGYtOA==
             C: Y2hhcnNldD11dGYtOCx1c2VybmFtZT0iY2hyaXMiLHJlYWxtPSJlbHdvb2QuaW5ub3NvZnQuY29tIixub25jZT0iT0E2TUc5dEVRR20yaGgiLG5jPTAwMDAwMDAxLGNub25jZT0iT0E2TUhYaDZWcVRyUmsiLGRpZ2VzdC11cmk9InBvcC9lbHdvb2QuaW5ub3NvZnQuY29tIixyZXNwb25zZT1iMGQ1NmQyZjA1NGMyNGI2MjA3MjMyMjEwNjQ2OGRiOSxxb3A9YXV0aA==
             S: + cnNwYXV0aD0wYjk3MTQ2MmNlZjVlOGY5MzBkYjlhMzNiMDJmYzlhMA==
             C:
             S: +OK Maildrop locked and ready",
        ),
    ]
}

/// RFC 6856 §3.3, LANG (after a `CAPA` that announces it, which the RFC's example leaves
/// out).
pub fn rfc6856() -> Transcript {
    transcript(
        "RFC 6856 §3.3 LANG",
        "S: +OK POP3 server ready
         C: CAPA
         S: +OK Capability list follows
         S: USER
         S: LANG
         S: .
         C: USER karen
         S: +OK Hello, karen
         C: PASS password
         S: +OK karen's maildrop contains 2 messages (320 octets)
         C: LANG MUL
         S: -ERR invalid language MUL
         C: LANG
         S: +OK Language listing follows:
         S: en English
         S: en-boont English Boontling dialect
         S: de Deutsch
         S: it Italiano
         S: es Espanol
         S: sv Svenska
         S: .
         C: LANG
         S: -ERR Server is unable to list languages
         C: LANG es
         S: +OK es Idioma cambiado
         C: LANG uga
         S: -ERR es Idioma <<UGA>> no es conocido
         C: LANG sv
         S: +OK sv Kommandot \"LANG\" lyckades
         C: LANG *
         S: +OK es Idioma cambiado",
    )
}

/// Every transcript.
pub fn all() -> Vec<Transcript> {
    let mut v = vec![rfc1939_session()];
    v.extend(rfc1939_commands());
    v.extend(rfc2449());
    v.push(rfc2595());
    v.extend(rfc5034());
    v.push(rfc6856());
    v
}
