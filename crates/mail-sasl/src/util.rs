//! Small private helpers: constant-time comparison, hex, randomness.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::Error;

/// Compares two byte strings in time that depends only on their lengths (via `subtle`).
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq as _;
    a.ct_eq(b).into()
}

/// Lowercase hexadecimal.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Decodes hexadecimal of either case.
pub(crate) fn unhex(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    text.chunks_exact(2)
        .map(|pair| Some((nibble(pair[0])? << 4) | nibble(pair[1])?))
        .collect()
}

/// Fills a buffer from the operating system's random number generator.
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<(), Error> {
    getrandom::fill(buf).map_err(|_| Error::Random)
}

/// A fresh nonce: 18 random bytes in base64 (24 printable characters, never a comma).
pub(crate) fn random_nonce() -> Result<String, Error> {
    let mut buf = [0u8; 18];
    random_bytes(&mut buf)?;
    Ok(STANDARD.encode(buf))
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub(crate) fn unb64(text: &[u8]) -> Result<Vec<u8>, Error> {
    STANDARD.decode(text).map_err(|_| Error::Base64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
        assert_eq!(hex(&[0x00, 0xb9, 0x1f]), "00b91f");
        assert_eq!(unhex(b"00B91f"), Some(vec![0x00, 0xb9, 0x1f]));
        assert_eq!(unhex(b"0g"), None);
        assert_eq!(unhex(b"0"), None);
        let n = random_nonce().unwrap();
        assert_eq!(n.len(), 24);
        assert!(!n.contains(','));
    }
}
