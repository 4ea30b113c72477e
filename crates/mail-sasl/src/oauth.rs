//! OAuth 2.0 mechanisms: message syntax of OAUTHBEARER (RFC 7628) and XOAUTH2, and the JSON
//! error a server returns when it refuses a token.
//!
//! When a server rejects a token it does not fail at once: it sends a challenge holding a JSON
//! object (RFC 7628 §3.2.2), the client answers with a dummy response (`%x01` for OAUTHBEARER,
//! RFC 7628 §3.2.3; an empty response for XOAUTH2), and only then does the server report the
//! failure. [`OAuthError`] is that JSON object, parsed by hand (only top-level string members
//! are extracted; nesting is skipped with a depth limit).

use core::fmt;

use crate::error::Error;
use crate::scram::{Gs2Header, escape_saslname, parse_gs2_header};
use crate::secret::Secret;

/// The error a server reports in an OAuth error challenge (RFC 7628 §3.2.2).
///
/// On the client, read it from
/// [`ClientSession::oauth_error`](crate::client::ClientSession::oauth_error); on the server,
/// build it and pass it to
/// [`ServerSession::token_checked`](crate::server::ServerSession::token_checked).
///
/// ```
/// use mail_sasl::oauth::OAuthError;
///
/// let e = OAuthError::new("invalid_token").with_scope("example_scope");
/// assert_eq!(e.json(), r#"{"status":"invalid_token","scope":"example_scope"}"#);
/// let parsed = OAuthError::parse(e.json().as_bytes());
/// assert_eq!(parsed.status(), Some("invalid_token"));
/// assert_eq!(parsed.scope(), Some("example_scope"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    json: String,
    status: Option<String>,
    scope: Option<String>,
    openid_configuration: Option<String>,
}

impl OAuthError {
    /// An error with the given `status` (RFC 7628 §3.2.2: an error code from the IANA OAuth
    /// Extensions Error Registry such as `invalid_token`, or an HTTP status such as `400` for
    /// XOAUTH2).
    pub fn new(status: &str) -> Self {
        let mut e = Self {
            json: String::new(),
            status: Some(status.to_owned()),
            scope: None,
            openid_configuration: None,
        };
        e.rebuild();
        e
    }

    /// Adds the `scope` member (the scope the token needs).
    pub fn with_scope(mut self, scope: &str) -> Self {
        self.scope = Some(scope.to_owned());
        self.rebuild();
        self
    }

    /// Adds the `openid-configuration` member (the discovery document URL).
    pub fn with_openid_configuration(mut self, url: &str) -> Self {
        self.openid_configuration = Some(url.to_owned());
        self.rebuild();
        self
    }

    /// Parses a server's error challenge. This never fails: if the bytes are not a JSON object
    /// the fields are `None` and [`OAuthError::json`] keeps the text (lossily decoded).
    pub fn parse(challenge: &[u8]) -> Self {
        let json = String::from_utf8_lossy(challenge).into_owned();
        let members = JsonParser::new(&json)
            .top_level_strings()
            .unwrap_or_default();
        let find = |key: &str| {
            members
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        Self {
            status: find("status"),
            scope: find("scope"),
            openid_configuration: find("openid-configuration"),
            json,
        }
    }

    /// The JSON text as sent (or as built).
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The `status` member.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The `scope` member.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// The `openid-configuration` member.
    pub fn openid_configuration(&self) -> Option<&str> {
        self.openid_configuration.as_deref()
    }

    fn rebuild(&mut self) {
        let mut json = String::from("{");
        let members = [
            ("status", &self.status),
            ("scope", &self.scope),
            ("openid-configuration", &self.openid_configuration),
        ];
        for (key, value) in members {
            if let Some(value) = value {
                if json.len() > 1 {
                    json.push(',');
                }
                push_json_string(&mut json, key);
                json.push(':');
                push_json_string(&mut json, value);
            }
        }
        json.push('}');
        self.json = json;
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.status().unwrap_or("unknown error"))
    }
}

fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A tiny JSON reader: enough to pull the top-level string members out of an object.
struct JsonParser<'a> {
    text: &'a str,
    pos: usize,
}

const MAX_DEPTH: usize = 32;

impl<'a> JsonParser<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn top_level_strings(mut self) -> Option<Vec<(String, String)>> {
        let mut members = Vec::new();
        self.eat(b'{')?;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.ws();
                let key = self.string()?;
                self.eat(b':')?;
                self.ws();
                if self.peek() == Some(b'"') {
                    let value = self.string()?;
                    members.push((key, value));
                } else {
                    self.skip_value(1)?;
                }
                self.ws();
                match self.peek()? {
                    b',' => self.pos += 1,
                    b'}' => {
                        self.pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.ws();
        (self.pos == self.text.len()).then_some(members)
    }

    fn string(&mut self) -> Option<String> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos)?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let esc = self.peek()?;
                    self.pos += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                if self.text.get(self.pos..self.pos + 2)? != "\\u" {
                                    return None;
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
                _ => return None, // raw control character
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn skip_value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => {
                self.pos += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    self.string()?;
                    self.eat(b':')?;
                    self.skip_value(depth + 1)?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.skip_value(depth + 1)?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                // number, true, false, null: a run of literal characters
                let start = self.pos;
                while matches!(
                    self.peek(),
                    Some(b'0'..=b'9' | b'a'..=b'z' | b'+' | b'-' | b'.' | b'E')
                ) {
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }
}

/// Whether a value may appear between separators: no control characters except HTAB, CR, LF
/// (RFC 7628 §3.1 `value`).
fn valid_value(s: &str) -> bool {
    s.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
}

/// Builds the OAUTHBEARER client response (RFC 7628 §3.1).
pub(crate) fn oauthbearer_message(
    user: Option<&str>,
    token: &str,
    host: Option<&str>,
    port: Option<u16>,
) -> Vec<u8> {
    let mut out = String::from("n,");
    if let Some(user) = user {
        out.push_str("a=");
        out.push_str(&escape_saslname(user));
    }
    out.push_str(",\x01");
    if let Some(host) = host {
        out.push_str("host=");
        out.push_str(host);
        out.push('\x01');
    }
    if let Some(port) = port {
        out.push_str(&format!("port={port}\x01"));
    }
    out.push_str("auth=Bearer ");
    out.push_str(token);
    out.push_str("\x01\x01");
    out.into_bytes()
}

/// Builds the XOAUTH2 client response.
pub(crate) fn xoauth2_message(user: &str, token: &str) -> Vec<u8> {
    format!("user={user}\x01auth=Bearer {token}\x01\x01").into_bytes()
}

/// Checks the client-side arguments of the OAuth mechanisms.
pub(crate) fn check_client_args(user: &str, token: &str, host: Option<&str>) -> Result<(), Error> {
    if !valid_value(user) || !valid_value(host.unwrap_or("")) {
        return Err(Error::InvalidArgument("control character in user or host"));
    }
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::InvalidArgument(
            "token must be non-empty printable ascii",
        ));
    }
    Ok(())
}

/// What a server extracts from an OAuth client response.
pub(crate) struct TokenRequest {
    pub(crate) user: Option<String>,
    pub(crate) token: Secret,
    pub(crate) host: Option<String>,
    pub(crate) port: Option<u16>,
}

/// Parses `key=value` pairs separated by `%x01` and terminated by an empty pair.
fn parse_kvpairs(body: &str) -> Result<Vec<(&str, &str)>, Error> {
    let inner = if body == "\x01" {
        ""
    } else {
        body.strip_suffix("\x01\x01")
            .ok_or(Error::Malformed("oauth: missing final separators"))?
    };
    if inner.is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split('\x01')
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .ok_or(Error::Malformed("oauth: expected key=value"))?;
            if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(Error::Malformed("oauth: bad key"));
            }
            if !valid_value(value) {
                return Err(Error::Malformed("oauth: control character in value"));
            }
            Ok((key, value))
        })
        .collect()
}

fn bearer_token(pairs: &[(&str, &str)]) -> Result<Secret, Error> {
    let auth = pairs
        .iter()
        .find(|(k, _)| *k == "auth")
        .map(|(_, v)| *v)
        .ok_or(Error::Malformed("oauth: missing auth"))?;
    let (scheme, token) = auth
        .split_once(' ')
        .ok_or(Error::Malformed("oauth: auth is not 'Bearer <token>'"))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(Error::Malformed("oauth: auth is not 'Bearer <token>'"));
    }
    Ok(Secret::new(token))
}

/// Parses an OAUTHBEARER client response (RFC 7628 §3.1).
pub(crate) fn parse_oauthbearer(message: &[u8]) -> Result<TokenRequest, Error> {
    let text = core::str::from_utf8(message).map_err(|_| Error::Utf8)?;
    let (Gs2Header { authzid, .. }, rest) = parse_gs2_header(text)?;
    let body = rest.strip_prefix('\x01').ok_or(Error::Malformed(
        "oauth: expected separator after gs2 header",
    ))?;
    let pairs = parse_kvpairs(body)?;
    let token = bearer_token(&pairs)?;
    let find = |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let port = match find("port") {
        Some(p) => Some(
            p.parse::<u16>()
                .map_err(|_| Error::Malformed("oauth: bad port"))?,
        ),
        None => None,
    };
    Ok(TokenRequest {
        user: authzid,
        token,
        host: find("host").map(str::to_owned),
        port,
    })
}

/// Parses an XOAUTH2 client response (`user=...^Aauth=Bearer ...^A^A`).
pub(crate) fn parse_xoauth2(message: &[u8]) -> Result<TokenRequest, Error> {
    let text = core::str::from_utf8(message).map_err(|_| Error::Utf8)?;
    let pairs = parse_kvpairs(text)?;
    let user = pairs
        .iter()
        .find(|(k, _)| *k == "user")
        .map(|(_, v)| (*v).to_owned())
        .ok_or(Error::Malformed("xoauth2: missing user"))?;
    let token = bearer_token(&pairs)?;
    Ok(TokenRequest {
        user: Some(user),
        token,
        host: None,
        port: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_parsing() {
        let e = OAuthError::parse(
            br#" { "status" : "invalid_token", "n": [1, {"a": null}, -2.5e3], "scope":"a \"b\" \u00e9\ud83d\ude00" } "#,
        );
        assert_eq!(e.status(), Some("invalid_token"));
        assert_eq!(e.scope(), Some("a \"b\" \u{e9}\u{1f600}"));
        assert_eq!(OAuthError::parse(b"not json").status(), None);
        assert_eq!(OAuthError::parse(b"{\"status\":\"x\"").status(), None);
        assert_eq!(OAuthError::parse(b"{}").status(), None);
        let deep = "[".repeat(100);
        assert_eq!(
            OAuthError::parse(format!("{{\"a\":{deep}}}").as_bytes()).status(),
            None
        );
    }

    #[test]
    fn builds_json() {
        let e = OAuthError::new("a\"b\n");
        assert_eq!(e.json(), "{\"status\":\"a\\\"b\\u000a\"}");
        assert_eq!(
            OAuthError::parse(e.json().as_bytes()).status(),
            Some("a\"b\n")
        );
    }

    #[test]
    fn oauthbearer_round_trip() {
        let msg = oauthbearer_message(Some("u,1"), "tok", Some("h"), Some(143));
        assert_eq!(
            msg,
            b"n,a=u=2C1,\x01host=h\x01port=143\x01auth=Bearer tok\x01\x01"
        );
        let req = parse_oauthbearer(&msg).unwrap();
        assert_eq!(req.user.as_deref(), Some("u,1"));
        assert_eq!(req.token.expose(), "tok");
        assert_eq!(req.port, Some(143));
        assert!(parse_oauthbearer(b"n,,\x01\x01").is_err());
        assert!(parse_oauthbearer(b"n,,\x01auth=Bearer x\x01").is_err());
    }
}
