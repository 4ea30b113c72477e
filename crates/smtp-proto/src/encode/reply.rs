//! Reply serializer (server side): RFC 5321 §4.2 replies with RFC 2034 enhanced codes, and
//! EHLO replies built from [`Capabilities`].

use std::borrow::Cow;
use std::io::Write as _;

use crate::types::{
    AuthMechanism, Capabilities, Capability, EhloReply, Reply, ReplyCode, ReplyValueError,
    SmtpLimit, is_ehlo_param, is_text_byte,
};

impl Reply<'_> {
    /// Appends the reply to `out` (RFC 5321 §4.2.1): `code "-" text CRLF` for every line but the
    /// last, `code SP text CRLF` for the last (`code CRLF` when its text is empty).
    ///
    /// The enhanced status code is written at the start of the text of *every* line, followed
    /// by one space even when the text is empty: RFC 2034 §4 says "when responses are continued
    /// across multiple lines the same status code must appear at the beginning of the text in
    /// each line of the response", and §3 that the code "is always followed by one or more
    /// spaces". The parser strips the code and one space from each line again.
    ///
    /// ```
    /// use smtp_proto::types::{EnhancedCode, Reply, ReplyCode};
    ///
    /// let reply = Reply::new(
    ///     ReplyCode::OK,
    ///     Some(EnhancedCode::new(2, 1, 0)?),
    ///     [&b"Sender ok"[..], b"really"],
    /// )?;
    /// let mut out = Vec::new();
    /// reply.encode(&mut out);
    /// assert_eq!(out, b"250-2.1.0 Sender ok\r\n250 2.1.0 really\r\n");
    /// # Ok::<(), smtp_proto::types::ReplyValueError>(())
    /// ```
    pub fn encode(&self, out: &mut Vec<u8>) {
        let digits = self.code.digits();
        let n = self.lines.len();
        for (i, text) in self.lines.iter().enumerate() {
            out.extend_from_slice(&digits);
            if i + 1 < n {
                out.push(b'-');
            } else if self.enhanced.is_some() || !text.is_empty() {
                out.push(b' ');
            }
            if let Some(e) = self.enhanced {
                // Written in place: no per-reply allocation on the server's hot path.
                let _ = write!(out, "{e} ");
            }
            out.extend_from_slice(text);
            out.extend_from_slice(b"\r\n");
        }
    }

    /// The encoded reply as a new buffer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}

/// Appends `reply` to `out`; the same as [`Reply::encode`].
pub fn encode_reply(reply: &Reply<'_>, out: &mut Vec<u8>) {
    reply.encode(out);
}

fn push_num(line: &mut String, n: u64) {
    line.push(' ');
    line.push_str(&n.to_string());
}

fn push_param(line: &mut String, p: &str) -> Result<(), ReplyValueError> {
    if !is_ehlo_param(p) {
        return Err(ReplyValueError::EhloSyntax);
    }
    line.push(' ');
    line.push_str(p);
    Ok(())
}

/// The `ehlo-line` of one capability (RFC 5321 §4.1.1.1).
fn capability_line(cap: &Capability) -> Result<String, ReplyValueError> {
    let mut line = cap.keyword().to_owned();
    match cap {
        Capability::Size(Some(n)) | Capability::DeliverBy(Some(n)) => push_num(&mut line, *n),
        Capability::Auth(mechs) => {
            for m in mechs {
                if let AuthMechanism::Other(_) = m {
                    push_param(&mut line, m.as_str())?;
                } else {
                    line.push(' ');
                    line.push_str(m.as_str());
                }
            }
        }
        Capability::MtPriority(Some(p)) | Capability::NoSoliciting(Some(p)) => {
            push_param(&mut line, p)?;
        }
        Capability::FutureRelease {
            max_interval,
            max_datetime,
        } => {
            push_num(&mut line, *max_interval);
            push_param(&mut line, max_datetime)?;
        }
        Capability::Limits(limits) => {
            for l in limits {
                let p = match l {
                    SmtpLimit::RcptMax(n) => format!("RCPTMAX={n}"),
                    SmtpLimit::MailMax(n) => format!("MAILMAX={n}"),
                    SmtpLimit::RcptDomainMax(n) => format!("RCPTDOMAINMAX={n}"),
                    SmtpLimit::Other(k, v) => format!("{k}={v}"),
                };
                push_param(&mut line, &p)?;
            }
        }
        Capability::Unknown(u) => {
            for p in u.params() {
                push_param(&mut line, p)?;
            }
        }
        _ => {}
    }
    Ok(line)
}

impl Capabilities {
    /// Builds the `250` EHLO reply (RFC 5321 §4.1.1.1) announcing these capabilities, one per
    /// line after `domain`, keywords in upper case.
    ///
    /// Fails when `domain` or a parameter is not `ehlo-param` syntax (no spaces or controls).
    pub fn to_reply(&self, domain: &str) -> Result<Reply<'static>, ReplyValueError> {
        EhloReply {
            domain: domain.to_owned(),
            greeting: String::new(),
            capabilities: self.clone(),
        }
        .to_reply()
    }
}

impl EhloReply {
    /// Builds the `250` reply: `domain [SP greeting]` then one line per capability.
    pub fn to_reply(&self) -> Result<Reply<'static>, ReplyValueError> {
        if !is_ehlo_param(&self.domain)
            || !self.greeting.bytes().all(is_text_byte)
            || self.greeting.starts_with([' ', '\t'])
            || self.greeting.ends_with([' ', '\t'])
        {
            return Err(ReplyValueError::EhloSyntax);
        }
        let mut first = self.domain.clone();
        if !self.greeting.is_empty() {
            first.push(' ');
            first.push_str(&self.greeting);
        }
        let mut lines: Vec<Cow<'static, [u8]>> = vec![Cow::Owned(first.into_bytes())];
        for cap in self.capabilities.iter() {
            lines.push(Cow::Owned(capability_line(cap)?.into_bytes()));
        }
        Reply::new(ReplyCode::OK, None, lines)
    }
}
