//! Runs the client and server SASL step machines of one mechanism against each other and
//! prints the exchange as it would appear in SMTP `AUTH` (RFC 4954), with each payload decoded
//! beside it and secrets masked.
//!
//! ```text
//! cargo run --example sasl-exchange -- [MECHANISM] [--wrong-password]
//! ```
//!
//! MECHANISM is any of PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER, SCRAM-SHA-1 and
//! SCRAM-SHA-256 (the default), in any case. With `--wrong-password` the client uses a wrong
//! password (or token) to show the failure path. The exit status is 0 only if authentication
//! succeeded.

use std::process::ExitCode;

use mailproto::sasl::client::ClientSession;
use mailproto::sasl::framing;
use mailproto::sasl::mechanism::{CredentialKind, Mechanism};
use mailproto::sasl::oauth::OAuthError;
use mailproto::sasl::scram::{ScramCredentials, ScramHash};
use mailproto::sasl::server::{FailureReason, ServerSession, ServerStep, TokenCheck};

/// The one account of the demo server.
const USER: &str = "alice@example.org";
const PASSWORD: &str = "correct horse battery staple";
const TOKEN: &str = "ya29.demo-access-token";
const SERVER_HOST: &str = "mx.example.org";

fn main() -> ExitCode {
    let mut mechanism = Mechanism::ScramSha256;
    let mut wrong = false;
    for arg in std::env::args().skip(1) {
        if arg == "--wrong-password" {
            wrong = true;
        } else if arg == "-h" || arg == "--help" {
            println!("usage: sasl-exchange [MECHANISM] [--wrong-password]");
            println!("mechanisms: {}", names());
            return ExitCode::SUCCESS;
        } else {
            match arg.parse() {
                Ok(m) => mechanism = m,
                Err(_) => {
                    eprintln!("unknown mechanism {arg:?}; known: {}", names());
                    return ExitCode::from(2);
                }
            }
        }
    }
    match run(mechanism, wrong) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            if wrong {
                eprintln!("authentication failed, as expected with --wrong-password");
            } else {
                eprintln!("authentication failed");
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn names() -> String {
    Mechanism::ALL
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes a payload printable: control characters as `^@`, `^A`, ...; the password and token
/// replaced by asterisks.
fn show(payload: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(payload).into_owned();
    for secret in [PASSWORD, TOKEN, "wrong password", "expired-token"] {
        text = text.replace(secret, "********");
    }
    let mut out = String::new();
    for c in text.chars() {
        match u32::from(c) {
            0..=0x1f => {
                out.push('^');
                out.push(char::from(b'@' + u8::try_from(u32::from(c)).unwrap_or(0)));
            }
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        "(empty)".to_owned()
    } else {
        out
    }
}

fn print_line(wire: &str, decoded: Option<&[u8]>) {
    match decoded {
        Some(payload) => println!("{wire:<64}  | {}", show(payload)),
        None => println!("{wire}"),
    }
}

fn run(mechanism: Mechanism, wrong: bool) -> Result<bool, mailproto::sasl::Error> {
    let secret = match (mechanism.credential_kind(), wrong) {
        (CredentialKind::Password, false) => PASSWORD,
        (CredentialKind::Password, true) => "wrong password",
        (CredentialKind::Token, false) => TOKEN,
        (CredentialKind::Token, true) => "expired-token",
    };
    let mut client = match mechanism {
        Mechanism::Plain => ClientSession::plain(None, USER, secret)?,
        Mechanism::Login => ClientSession::login(USER, secret)?,
        Mechanism::CramMd5 => ClientSession::cram_md5(USER, secret)?,
        Mechanism::XOAuth2 => ClientSession::xoauth2(USER, secret)?,
        Mechanism::OAuthBearer => {
            ClientSession::oauthbearer(Some(USER), secret, Some(SERVER_HOST), Some(587))?
        }
        Mechanism::ScramSha1 => ClientSession::scram_sha1(USER, secret)?,
        Mechanism::ScramSha256 => ClientSession::scram_sha256(USER, secret)?,
    };
    let mut server = match mechanism {
        Mechanism::CramMd5 => ServerSession::cram_md5(SERVER_HOST),
        m => ServerSession::new(m),
    };
    // What the server stores for SCRAM: derived once, when the password is set.
    let scram_credentials = match ScramHash::for_mechanism(mechanism) {
        Some(hash) => Some(ScramCredentials::generate(hash, PASSWORD, 4096)?),
        None => None,
    };

    println!(
        "# {mechanism} as user {USER}{}",
        if wrong { " (wrong credentials)" } else { "" }
    );

    // C: AUTH <mechanism> [initial response]
    let initial = client.initial_response();
    let mut step = match &initial {
        Some(ir) => {
            let wire = framing::encode_initial_response(ir.as_bytes());
            print_line(&format!("C: AUTH {mechanism} {wire}"), Some(ir.as_bytes()));
            let decoded = framing::decode_initial_response(wire.as_bytes())?;
            server.start(Some(decoded.as_bytes()))?
        }
        None => {
            print_line(&format!("C: AUTH {mechanism}"), None);
            server.start(None)?
        }
    };

    loop {
        step = match step {
            ServerStep::Challenge(challenge) => {
                let wire = format!("334 {}", framing::encode_challenge(&challenge));
                print_line(&format!("S: {}", wire.trim_end()), Some(&challenge));
                // The client side strips "334 " and decodes.
                let payload = wire.strip_prefix("334 ").unwrap_or("");
                let decoded = framing::decode_challenge(payload.as_bytes())?;
                match client.step(&decoded) {
                    Ok(response) => {
                        let line = framing::encode_response(response.as_bytes());
                        print_line(&format!("C: {line}"), Some(response.as_bytes()));
                        if let Some(error) = client.oauth_error() {
                            println!(
                                "#  the server rejected the token: status {:?}",
                                error.status()
                            );
                        }
                        server.receive_line(format!("{line}\r\n").as_bytes())?
                    }
                    Err(e) => {
                        println!("#  client error: {e}; cancelling");
                        print_line("C: *", None);
                        server.receive_line(b"*\r\n")?
                    }
                }
            }
            ServerStep::NeedsPasswordCheck {
                authzid,
                authcid,
                password,
            } => {
                println!(
                    "#  server checks the password of {authcid:?} (authzid {authzid:?}): {password:?}"
                );
                server.password_checked(authcid == USER && password.expose() == PASSWORD)?
            }
            ServerStep::NeedsPassword { username } => {
                println!("#  server looks up the password of {username:?}");
                server.provide_password((username == USER).then_some(PASSWORD))?
            }
            ServerStep::NeedsScramCredentials { username, authzid } => {
                println!(
                    "#  server looks up the SCRAM credentials of {username:?} (authzid {authzid:?})"
                );
                let credentials = scram_credentials.clone().filter(|_| username == USER);
                server.provide_scram_credentials(credentials)?
            }
            ServerStep::NeedsTokenCheck {
                user,
                token,
                host,
                port,
            } => {
                println!(
                    "#  server validates the token for {user:?} (host {host:?}, port {port:?}): {token:?}"
                );
                server.token_checked(if token.expose() == TOKEN {
                    TokenCheck::Valid
                } else {
                    TokenCheck::Invalid(
                        OAuthError::new("invalid_token").with_scope("https://mail.example.org/"),
                    )
                })?
            }
            ServerStep::Success {
                authcid,
                additional_data,
                ..
            } => {
                print_line("S: 235 2.7.0 Authentication successful", None);
                return match client.finish(additional_data.as_deref()) {
                    Ok(()) => {
                        println!(
                            "#  authenticated as {authcid:?}; the client accepted the outcome"
                        );
                        Ok(true)
                    }
                    Err(e) => {
                        println!("#  the client does not trust the server: {e}");
                        Ok(false)
                    }
                };
            }
            ServerStep::Failure(reason) => {
                let line = match reason {
                    FailureReason::Cancelled => "S: 501 5.0.0 Authentication cancelled",
                    _ => "S: 535 5.7.8 Authentication credentials invalid",
                };
                print_line(line, None);
                println!("#  failure: {reason:?}");
                return Ok(false);
            }
        };
    }
}
