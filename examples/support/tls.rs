//! TLS for the example tools, with rustls and its `ring` provider: a server configuration from
//! PEM files, a verified client connection, and a connection that is plain TCP until STARTTLS
//! (or STLS) and TLS after it. Shared by `imap-client`, `imapd`, `pop3-fetch`, `pop3d`,
//! `smtp-send` and `smtp-sink` through `#[path = "support/tls.rs"] mod tls;`.
#![allow(dead_code)] // every example uses only its side of this module

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ConnectionCommon, SideData};

/// The rustls crypto provider of every example.
fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A server configuration from a PEM certificate chain and a PEM private key.
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, String> {
    let certs = CertificateDer::pem_file_iter(cert)
        .map_err(|e| format!("{}: {e}", cert.display()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: {e}", cert.display()))?;
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| format!("{}: {e}", key.display()))?;
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS configuration: {e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("TLS configuration: {e}"))?;
    Ok(Arc::new(config))
}

/// Why [`connect`] failed.
pub enum ConnectError {
    /// The name to verify is not a valid server name (a usage error).
    BadServerName(String),
    /// Reading the CA file, or the handshake, failed.
    Failed(String),
}

/// A TLS client connection over `tcp` with the handshake done, the server's certificate
/// verified against the CA certificates in the PEM file `ca` for the name `name`.
pub fn connect(
    ca: &Path,
    name: &str,
    mut tcp: TcpStream,
) -> Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>, ConnectError> {
    let failed = ConnectError::Failed;
    let mut roots = rustls::RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(ca)
        .map_err(|e| failed(format!("reading {}: {e}", ca.display())))?;
    for cert in certs {
        let cert = cert.map_err(|e| failed(format!("reading {}: {e}", ca.display())))?;
        roots
            .add(cert)
            .map_err(|e| failed(format!("bad CA certificate in {}: {e}", ca.display())))?;
    }
    if roots.is_empty() {
        return Err(failed(format!("no certificate in {}", ca.display())));
    }
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| failed(format!("TLS configuration: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let server_name = ServerName::try_from(name.to_owned())
        .map_err(|e| ConnectError::BadServerName(format!("bad server name {name:?}: {e}")))?;
    let mut conn = rustls::ClientConnection::new(Arc::new(config), server_name)
        .map_err(|e| failed(format!("TLS: {e}")))?;
    while conn.is_handshaking() {
        conn.complete_io(&mut tcp)
            .map_err(|e| failed(format!("TLS handshake: {e}")))?;
    }
    Ok(rustls::StreamOwned::new(conn, tcp))
}

/// A connection: plain TCP, or TLS after the upgrade. `C` is `rustls::ClientConnection` or
/// `rustls::ServerConnection`.
pub enum Stream<C> {
    /// Before STARTTLS (or without TLS).
    Plain(TcpStream),
    /// After the handshake.
    Tls(Box<rustls::StreamOwned<C, TcpStream>>),
}

impl<C> Stream<C> {
    /// The socket underneath, for timeouts.
    pub fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => &s.sock,
        }
    }
}

impl<C, S> Read for Stream<C>
where
    C: DerefMut + Deref<Target = ConnectionCommon<S>>,
    S: SideData,
{
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl<C, S> Write for Stream<C>
where
    C: DerefMut + Deref<Target = ConnectionCommon<S>>,
    S: SideData,
{
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}
