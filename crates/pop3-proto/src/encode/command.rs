//! Serialization of [`Command`]s (RFC 1939 §3, RFC 2449 §3), each as one line ending in CRLF.
//!
//! The values are validated when built, so the output always follows the grammar. The encoder
//! does not check the line length (RFC 2449 §4: 255 octets); a client that cares compares the
//! length of what was written ([`Client`](crate::client::Client) does for `AUTH`).

use crate::types::Command;

/// Appends `command` and its CRLF to `out`.
///
/// ```
/// use pop3_proto::encode::encode_command;
/// use pop3_proto::types::{ApopDigest, Command, Name};
///
/// let digest = ApopDigest::compute(b"<1896.697170952@dbc.mtview.ca.us>", b"tanstaaf");
/// let mut out = Vec::new();
/// encode_command(&Command::Apop { name: Name::new("mrose")?, digest }, &mut out);
/// assert_eq!(out, b"APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n");
/// # Ok::<(), pop3_proto::types::CommandValueError>(())
/// ```
pub fn encode_command(command: &Command<'_>, out: &mut Vec<u8>) {
    command.encode(out);
}

impl Command<'_> {
    /// Appends the command line and its CRLF to `out`. Keywords are written in upper case.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.keyword().as_bytes());
        let mut arg = |s: &[u8]| {
            out.push(b' ');
            out.extend_from_slice(s);
        };
        match self {
            Command::User(name) => arg(name.as_str().as_bytes()),
            Command::Pass(password) => arg(password.expose().as_bytes()),
            Command::Apop { name, digest } => {
                arg(name.as_str().as_bytes());
                arg(digest.to_hex().as_bytes());
            }
            Command::List(Some(n))
            | Command::Uidl(Some(n))
            | Command::Retr(n)
            | Command::Dele(n) => arg(n.to_string().as_bytes()),
            Command::Top { msg, lines } => {
                arg(msg.to_string().as_bytes());
                arg(lines.to_string().as_bytes());
            }
            Command::Auth {
                mechanism,
                initial_response,
            } => {
                arg(mechanism.as_str().as_bytes());
                if let Some(ir) = initial_response {
                    arg(ir.as_encoded().as_bytes());
                }
            }
            Command::Lang(Some(range)) => arg(range.as_str().as_bytes()),
            Command::Unknown {
                args: Some(args), ..
            } => arg(args.as_str().as_bytes()),
            Command::Stat
            | Command::List(None)
            | Command::Uidl(None)
            | Command::Noop
            | Command::Rset
            | Command::Quit
            | Command::Capa
            | Command::Stls
            | Command::Utf8
            | Command::Lang(None)
            | Command::Unknown { args: None, .. } => {}
        }
        out.extend_from_slice(b"\r\n");
    }

    /// The command line with its CRLF, in a new buffer.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }
}
