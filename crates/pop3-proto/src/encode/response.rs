//! Response serializer (server side): status lines with response codes (RFC 1939 §3,
//! RFC 2449 §8), SASL continuations (RFC 5034 §4), and the lines of multi-line responses:
//! listings, capabilities and languages, dot-stuffed (RFC 1939 §3).

use crate::parse::MultiLine;
use crate::types::{
    Capabilities, Capability, Continuation, DropListing, ExpirePolicy, LanguageListing, Response,
    ResponseValueError, ScanListing, ServerLine, StatusIndicator, UniqueIdListing,
};

impl Response<'_> {
    /// Appends the response line to `out` (RFC 2449 §3 `single-line`): the status, then
    /// ` [code]` if any, then a space and the text if not empty, then CRLF.
    ///
    /// ```
    /// use pop3_proto::types::{Response, ResponseCode};
    ///
    /// let r = Response::err_with_code(ResponseCode::IN_USE, "Do you have another POP session running?")?;
    /// assert_eq!(r.to_bytes(), b"-ERR [IN-USE] Do you have another POP session running?\r\n");
    /// assert_eq!(Response::ok("")?.to_bytes(), b"+OK\r\n");
    /// # Ok::<(), pop3_proto::types::ResponseValueError>(())
    /// ```
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.status.as_str().as_bytes());
        if let Some(code) = &self.code {
            out.extend_from_slice(b" [");
            out.extend_from_slice(code.as_str().as_bytes());
            out.push(b']');
        }
        if !self.text.is_empty() {
            out.push(b' ');
            out.extend_from_slice(&self.text);
        }
        out.extend_from_slice(b"\r\n");
    }

    /// The encoded response line as a new buffer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}

/// Appends `response` to `out`; the same as [`Response::encode`].
pub fn encode_response(response: &Response<'_>, out: &mut Vec<u8>) {
    response.encode(out);
}

impl Continuation<'_> {
    /// Appends `+ ` and the base64 payload and CRLF (RFC 5034 §4; an empty challenge is `+ `
    /// alone).
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"+ ");
        out.extend_from_slice(self.as_encoded().as_bytes());
        out.extend_from_slice(b"\r\n");
    }
}

impl ServerLine<'_> {
    /// Appends the line to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            ServerLine::Response(r) => r.encode(out),
            ServerLine::Continuation(c) => c.encode(out),
        }
    }
}

/// Appends one line of a multi-line response: dot-stuffed when it starts with `.` (RFC 1939
/// §3), then CRLF. Fails, writing nothing, if the line holds CR or LF.
pub fn encode_multiline_line(line: &[u8], out: &mut Vec<u8>) -> Result<(), ResponseValueError> {
    if memchr::memchr2(b'\r', b'\n', line).is_some() {
        return Err(ResponseValueError::Text);
    }
    if line.first() == Some(&b'.') {
        out.push(b'.');
    }
    out.extend_from_slice(line);
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Appends the end line of a multi-line response, `.` CRLF.
pub fn encode_multiline_end(out: &mut Vec<u8>) {
    out.extend_from_slice(b".\r\n");
}

impl MultiLine<'_> {
    /// Appends the whole response: the first line, and for `+OK` the lines (stuffed) and the end
    /// line. Fails, writing nothing, if a line holds CR or LF.
    pub fn encode(&self, out: &mut Vec<u8>) -> Result<(), ResponseValueError> {
        if self
            .lines
            .iter()
            .any(|l| memchr::memchr2(b'\r', b'\n', l).is_some())
        {
            return Err(ResponseValueError::Text);
        }
        self.response.encode(out);
        if self.response.is_ok() {
            for line in &self.lines {
                encode_multiline_line(line, out)?;
            }
            encode_multiline_end(out);
        }
        Ok(())
    }
}

impl DropListing {
    /// The `+OK count size` response to `STAT` (RFC 1939 §5).
    pub fn to_response(&self) -> Response<'static> {
        Response {
            status: StatusIndicator::Ok,
            code: None,
            text: format!("{} {}", self.count, self.size).into_bytes().into(),
        }
    }
}

impl ScanListing {
    /// Appends the listing line `msg size` and CRLF.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(format!("{} {}\r\n", self.msg, self.size).as_bytes());
    }

    /// The `+OK msg size` response to `LIST msg` (RFC 1939 §5).
    pub fn to_response(&self) -> Response<'static> {
        Response {
            status: StatusIndicator::Ok,
            code: None,
            text: format!("{} {}", self.msg, self.size).into_bytes().into(),
        }
    }
}

impl UniqueIdListing<'_> {
    /// Appends the listing line `msg unique-id` and CRLF.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(format!("{} {}\r\n", self.msg, self.uid).as_bytes());
    }

    /// The `+OK msg unique-id` response to `UIDL msg` (RFC 1939 §7).
    pub fn to_response(&self) -> Response<'static> {
        Response {
            status: StatusIndicator::Ok,
            code: None,
            text: format!("{} {}", self.msg, self.uid).into_bytes().into(),
        }
    }
}

impl LanguageListing {
    /// Appends the listing line `tag [description]` and CRLF.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let mut line = self.tag().as_bytes().to_vec();
        if let Some(d) = self.description() {
            line.push(b' ');
            line.extend_from_slice(d.as_bytes());
        }
        // The tag is letters, digits and `-`, the description has no CR or LF.
        let _ = encode_multiline_line(&line, out);
    }
}

impl Capability {
    /// Appends the capability line (RFC 2449 §3 `capability`) and CRLF, the tag in upper case.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.tag().as_bytes());
        let mut param = |p: &str| {
            out.push(b' ');
            out.extend_from_slice(p.as_bytes());
        };
        match self {
            Capability::Sasl(mechs) => {
                for m in mechs {
                    param(m.as_str());
                }
            }
            Capability::LoginDelay { seconds, per_user } => {
                param(&seconds.to_string());
                if *per_user {
                    param("USER");
                }
            }
            Capability::Expire { policy, per_user } => {
                match policy {
                    ExpirePolicy::Days(d) => param(&d.to_string()),
                    ExpirePolicy::Never => param("NEVER"),
                }
                if *per_user {
                    param("USER");
                }
            }
            Capability::Implementation(text) => param(text),
            Capability::Utf8 { user: true } => param("USER"),
            Capability::Unknown(u) => {
                for p in u.params() {
                    param(p);
                }
            }
            _ => {}
        }
        out.extend_from_slice(b"\r\n");
    }
}

impl Capabilities {
    /// Appends a whole `CAPA` response (RFC 2449 §5): `response` (which must be `+OK`; a
    /// `-ERR` is written alone), one line per capability, and the end line.
    ///
    /// ```
    /// use pop3_proto::types::{Capabilities, Capability, Response};
    ///
    /// let caps: Capabilities = [Capability::Top, Capability::Uidl].into_iter().collect();
    /// let mut out = Vec::new();
    /// caps.encode_response(&Response::ok("Capability list follows")?, &mut out);
    /// assert_eq!(out, b"+OK Capability list follows\r\nTOP\r\nUIDL\r\n.\r\n");
    /// # Ok::<(), pop3_proto::types::ResponseValueError>(())
    /// ```
    pub fn encode_response(&self, response: &Response<'_>, out: &mut Vec<u8>) {
        response.encode(out);
        if response.is_ok() {
            for c in self.iter() {
                c.encode(out);
            }
            encode_multiline_end(out);
        }
    }
}
