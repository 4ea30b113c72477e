//! Reply serializer (server side): RFC 5321 §4.2 replies with RFC 2034 enhanced codes, and
//! EHLO replies built from [`Capabilities`].

use std::borrow::Cow;
use std::fmt;
use std::io::Write as _;

use crate::types::{
    AuthMechanism, Capabilities, Capability, EhloReply, Reply, ReplyCode, ReplyValueError,
    SmtpLimit, is_ehlo_param, is_text_byte,
};

impl Reply<'_> {
    /// Appends the reply to `out` (RFC 5321 §4.2.1): `code "-" text CRLF` for every line but the
    /// last, `code SP text CRLF` for the last.
    ///
    /// The space after the code of the last line is always written, also when its text is
    /// empty: RFC 5321 §4.2.1 says "servers SHOULD send the \<SP\> if subsequent text is not
    /// sent" (§4.2: "senders SHOULD NOT send bare codes"), and RFC 4954 §4 makes it part of
    /// the grammar of an AUTH challenge: `"334" SP [base64] CRLF`, so an empty challenge is
    /// `334 ` CRLF.
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
    /// // An empty AUTH challenge keeps its space (RFC 4954 §4).
    /// let challenge = Reply::single(ReplyCode::AUTH_CHALLENGE, None, "")?;
    /// assert_eq!(challenge.to_bytes(), b"334 \r\n");
    /// # Ok::<(), smtp_proto::types::ReplyValueError>(())
    /// ```
    pub fn encode(&self, out: &mut Vec<u8>) {
        let n = self.line_count();
        for (i, text) in self.lines().enumerate() {
            let enhanced = self.enhanced.as_ref().map(|e| e as &dyn fmt::Display);
            encode_line(out, self.code.get(), i + 1 < n, enhanced, |o| {
                o.extend_from_slice(text)
            });
        }
    }

    /// The encoded reply as a new buffer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}

/// Appends one reply line: `code ("-" / SP) [enhanced SP] text CRLF` (RFC 5321 §4.2,
/// RFC 2034 §3), with `text` written by the closure. The one place reply lines are written,
/// for [`Reply::encode`] and for the server's own replies: it never writes a bare code, and it
/// does not allocate.
pub(crate) fn encode_line(
    out: &mut Vec<u8>,
    code: u16,
    more: bool,
    enhanced: Option<&dyn fmt::Display>,
    text: impl FnOnce(&mut Vec<u8>),
) {
    let code = code.min(999);
    out.extend_from_slice(&[
        b'0' + (code / 100) as u8,
        b'0' + (code / 10 % 10) as u8,
        b'0' + (code % 10) as u8,
        if more { b'-' } else { b' ' },
    ]);
    if let Some(e) = enhanced {
        let _ = write!(out, "{e} ");
    }
    text(out);
    out.extend_from_slice(b"\r\n");
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
