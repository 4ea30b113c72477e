//! Serialization of [`Command`]s (RFC 5321 §4.1), each as one line ending in CRLF.
//!
//! The values are validated when built, so the output always follows the grammar. The encoder
//! does not check the line length (RFC 5321 §4.5.3.1.4: 512 octets, raised by extensions); a
//! client that cares compares the length of what was written.

use std::fmt;
use std::io::Write as _;

use crate::types::{
    AddressLiteral, Body, ByMode, Command, Domain, ForwardPath, Hold, MailParams, Mailbox,
    RcptParams, Ret, ReversePath,
};

/// Appends `command` and its CRLF to `out`.
///
/// ```
/// use smtp_proto::encode::encode_command;
/// use smtp_proto::types::*;
///
/// let to = Mailbox::new(LocalPart::from_unquoted("Dana")?, Domain::name("Ivory.example.com")?);
/// let params = RcptParams {
///     notify: Some(Notify { success: true, failure: true, delay: false }),
///     orcpt: Some(Orcpt::new("rfc822", XText::encode(b"Dana@Ivory.example.com")?)?),
///     ..RcptParams::default()
/// };
/// let mut out = Vec::new();
/// encode_command(&Command::Rcpt { to: ForwardPath::Mailbox(to), params }, &mut out);
/// assert_eq!(
///     out,
///     b"RCPT TO:<Dana@Ivory.example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Dana@Ivory.example.com\r\n"
/// );
/// # Ok::<(), CommandValueError>(())
/// ```
pub fn encode_command(command: &Command<'_>, out: &mut Vec<u8>) {
    command.encode(out);
}

impl Command<'_> {
    /// Appends the command line and its CRLF to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Command::Helo(d) => {
                out.extend_from_slice(b"HELO ");
                encode_domain(d, out);
            }
            Command::Ehlo(d) => {
                out.extend_from_slice(b"EHLO ");
                encode_domain(d, out);
            }
            Command::Lhlo(d) => {
                out.extend_from_slice(b"LHLO ");
                encode_domain(d, out);
            }
            Command::Mail { from, params } => {
                out.extend_from_slice(b"MAIL FROM:");
                match from {
                    ReversePath::Null => out.extend_from_slice(b"<>"),
                    ReversePath::Mailbox(m) => encode_path(m, out),
                }
                encode_mail_params(params, out);
            }
            Command::Rcpt { to, params } => {
                out.extend_from_slice(b"RCPT TO:");
                match to {
                    ForwardPath::Postmaster => out.extend_from_slice(b"<Postmaster>"),
                    ForwardPath::Mailbox(m) => encode_path(m, out),
                }
                encode_rcpt_params(params, out);
            }
            Command::Data => out.extend_from_slice(b"DATA"),
            Command::Bdat { size, last } => {
                out.extend_from_slice(b"BDAT ");
                let _ = write!(out, "{size}");
                if *last {
                    out.extend_from_slice(b" LAST");
                }
            }
            Command::Rset => out.extend_from_slice(b"RSET"),
            Command::Vrfy(t) => {
                out.extend_from_slice(b"VRFY ");
                out.extend_from_slice(t.as_str().as_bytes());
            }
            Command::Expn(t) => {
                out.extend_from_slice(b"EXPN ");
                out.extend_from_slice(t.as_str().as_bytes());
            }
            Command::Help(t) => {
                out.extend_from_slice(b"HELP");
                if let Some(t) = t {
                    out.push(b' ');
                    out.extend_from_slice(t.as_str().as_bytes());
                }
            }
            Command::Noop(t) => {
                out.extend_from_slice(b"NOOP");
                if let Some(t) = t {
                    out.push(b' ');
                    out.extend_from_slice(t.as_str().as_bytes());
                }
            }
            Command::Quit => out.extend_from_slice(b"QUIT"),
            Command::StartTls => out.extend_from_slice(b"STARTTLS"),
            Command::Auth {
                mechanism,
                initial_response,
            } => {
                out.extend_from_slice(b"AUTH ");
                out.extend_from_slice(mechanism.as_str().as_bytes());
                if let Some(ir) = initial_response {
                    out.push(b' ');
                    out.extend_from_slice(ir.as_encoded().as_bytes());
                }
            }
            Command::Unknown { verb, args } => {
                out.extend_from_slice(verb.as_str().as_bytes());
                if let Some(t) = args {
                    out.push(b' ');
                    out.extend_from_slice(t.as_str().as_bytes());
                }
            }
        }
        out.extend_from_slice(b"\r\n");
    }

    /// Whether the command carries non-ASCII text (a UTF-8 address or argument), which needs
    /// the `SMTPUTF8` extension (RFC 6531 §3.4).
    pub fn needs_smtputf8(&self) -> bool {
        !self.to_bytes().is_ascii()
    }

    /// The command line with its CRLF, in a new buffer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}

/// Appends a domain or address literal.
pub(crate) fn encode_domain(d: &Domain<'_>, out: &mut Vec<u8>) {
    match d {
        Domain::Name(n) => out.extend_from_slice(n.as_str().as_bytes()),
        Domain::Literal(l) => {
            out.push(b'[');
            match l {
                AddressLiteral::Ipv4(a) => {
                    let _ = write!(out, "{a}");
                }
                AddressLiteral::Ipv6(a) => {
                    let _ = write!(out, "IPv6:{a}");
                }
                AddressLiteral::General(g) => {
                    out.extend_from_slice(g.tag().as_bytes());
                    out.push(b':');
                    out.extend_from_slice(g.content().as_bytes());
                }
            }
            out.push(b']');
        }
    }
}

fn encode_path(m: &Mailbox<'_>, out: &mut Vec<u8>) {
    out.push(b'<');
    out.extend_from_slice(m.local_part.as_raw().as_bytes());
    out.push(b'@');
    encode_domain(&m.domain, out);
    out.push(b'>');
}

fn param(out: &mut Vec<u8>, keyword: &str, value: Option<&str>) {
    out.push(b' ');
    out.extend_from_slice(keyword.as_bytes());
    if let Some(v) = value {
        out.push(b'=');
        out.extend_from_slice(v.as_bytes());
    }
}

fn encode_mail_params(p: &MailParams<'_>, out: &mut Vec<u8>) {
    if let Some(size) = p.size {
        param(out, "SIZE", Some(&size.to_string()));
    }
    if let Some(body) = p.body {
        let v = match body {
            Body::SevenBit => "7BIT",
            Body::EightBitMime => "8BITMIME",
            Body::BinaryMime => "BINARYMIME",
        };
        param(out, "BODY", Some(v));
    }
    if p.smtputf8 {
        param(out, "SMTPUTF8", None);
    }
    if let Some(ret) = p.ret {
        let v = match ret {
            Ret::Full => "FULL",
            Ret::Hdrs => "HDRS",
        };
        param(out, "RET", Some(v));
    }
    if let Some(envid) = &p.envid {
        param(out, "ENVID", Some(envid.as_str()));
    }
    if let Some(auth) = &p.auth {
        param(out, "AUTH", Some(auth.as_str()));
    }
    if p.requiretls {
        param(out, "REQUIRETLS", None);
    }
    if let Some(prio) = p.mt_priority {
        param(out, "MT-PRIORITY", Some(&prio.get().to_string()));
    }
    match &p.hold {
        Some(Hold::For(s)) => param(out, "HOLDFOR", Some(&s.to_string())),
        Some(Hold::Until(v)) => param(out, "HOLDUNTIL", Some(v.as_str())),
        None => {}
    }
    if let Some(by) = p.by {
        let mut v = by.time().to_string();
        v.push(';');
        v.push(match by.mode() {
            ByMode::Notify => 'N',
            ByMode::Return => 'R',
        });
        if by.trace() {
            v.push('T');
        }
        param(out, "BY", Some(&v));
    }
    for o in &p.other {
        param(out, o.keyword(), o.value());
    }
}

fn encode_rcpt_params(p: &RcptParams<'_>, out: &mut Vec<u8>) {
    if let Some(n) = p.notify {
        let mut v = String::new();
        if n.is_never() {
            v.push_str("NEVER");
        } else {
            for (on, name) in [
                (n.success, "SUCCESS"),
                (n.failure, "FAILURE"),
                (n.delay, "DELAY"),
            ] {
                if on {
                    if !v.is_empty() {
                        v.push(',');
                    }
                    v.push_str(name);
                }
            }
        }
        param(out, "NOTIFY", Some(&v));
    }
    if let Some(o) = &p.orcpt {
        let v = format!("{};{}", o.addr_type(), o.address().as_str());
        param(out, "ORCPT", Some(&v));
    }
    for o in &p.other {
        param(out, o.keyword(), o.value());
    }
}

fn display(f: &mut fmt::Formatter<'_>, write: impl FnOnce(&mut Vec<u8>)) -> fmt::Result {
    let mut out = Vec::new();
    write(&mut out);
    // Every part is built from `str`s and ASCII, so the bytes are UTF-8.
    f.write_str(&String::from_utf8_lossy(&out))
}

/// The wire form: a domain name or a bracketed address literal.
impl fmt::Display for Domain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(f, |out| encode_domain(self, out))
    }
}

/// The wire form `local-part@domain`, without angle brackets.
impl fmt::Display for Mailbox<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(f, |out| {
            out.extend_from_slice(self.local_part.as_raw().as_bytes());
            out.push(b'@');
            encode_domain(&self.domain, out);
        })
    }
}
