//! The serializer: IMAP values into an [`Encoder`], which is a byte buffer that also remembers
//! where literals are, so that the output can be sent as [`Fragment`]s (a line, then a
//! literal) and a client can wait for the server's `+` before a synchronizing literal
//! (RFC 9051 §4.3, §7.5).
//!
//! Strict on output: nothing outside the RFC grammar is ever written. Values are validated when
//! they are built (a quoted string cannot hold CR, LF or NUL; such data is a literal), and the
//! encoder applies the peer's capabilities through [`EncodeOptions`]: LITERAL+/LITERAL-
//! (RFC 7888) decide between `{n}` and `{n+}`, and UTF-8 in quoted strings (RFC 9051, RFC 6855)
//! is written as a literal for a peer that does not accept it.
//!
//! # Conventions for encoders built on this module
//!
//! - Implement [`Encode`] for each type; write keywords and punctuation with
//!   [`Encoder::push`]/[`Encoder::sp`]/[`Encoder::crlf`], values with their own `encode`, and
//!   never write a literal's bytes by hand: use [`Encoder::literal`] (or encode a
//!   [`Literal`](crate::types::Literal)) so it becomes a fragment.
//! - Commands and responses end with [`Encoder::crlf`].
//!
//! ```
//! use imap_proto::encode::{Encode, Encoder, EncodeOptions, Fragment, LiteralPolicy};
//! use imap_proto::types::{AString, LiteralMode, Tag};
//!
//! let mut e = Encoder::new();
//! Tag::new("a1")?.encode(&mut e);
//! e.push(b" LOGIN ");
//! AString::new(&b"alice"[..])?.encode(&mut e);
//! e.sp();
//! AString::new(&b"p\"w\r\nd"[..])?.encode(&mut e); // CR LF: must be a literal
//! e.crlf();
//! assert_eq!(e.as_bytes(), b"a1 LOGIN alice {6}\r\np\"w\r\nd\r\n");
//! let frags: Vec<_> = e.fragments().collect();
//! assert_eq!(frags, [
//!     Fragment::Line(b"a1 LOGIN alice {6}\r\n"),
//!     Fragment::Literal { data: b"p\"w\r\nd", mode: LiteralMode::Sync, binary: false },
//!     Fragment::Line(b"\r\n"),
//! ]);
//!
//! // With LITERAL+ the client need not wait.
//! let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::LiteralPlus, true));
//! AString::new(&b"a\nb"[..])?.encode(&mut e);
//! assert_eq!(e.as_bytes(), b"{3+}\r\na\nb");
//! # Ok::<(), imap_proto::types::ValueError>(())
//! ```

mod body;
mod command;
mod core;
mod fragment;
mod response;

pub use self::command::*;
pub use self::fragment::*;

use crate::parse::LITERAL_MINUS_MAX;
use crate::types::LiteralMode;

/// How the encoder writes literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LiteralPolicy {
    /// Each literal as its value says (`{n}` or `{n+}`). The default: encoding reproduces what
    /// was parsed (round trips, proxies).
    #[default]
    AsIs,
    /// Always `{n}`: a server (non-synchronizing literals are client-to-server only, RFC 7888
    /// §3), or a client whose server has neither LITERAL+ nor LITERAL-.
    Sync,
    /// `{n+}` up to 4096 octets, `{n}` above (the server announced `LITERAL-`, RFC 7888 §5).
    LiteralMinus,
    /// Always `{n+}` (the server announced `LITERAL+`, RFC 7888 §4).
    LiteralPlus,
}

impl LiteralPolicy {
    /// The mode to write a literal of `len` octets that was built with `mode`.
    pub fn apply(self, mode: LiteralMode, len: usize) -> LiteralMode {
        match self {
            LiteralPolicy::AsIs => mode,
            LiteralPolicy::Sync => LiteralMode::Sync,
            LiteralPolicy::LiteralMinus if len as u64 <= LITERAL_MINUS_MAX => LiteralMode::NonSync,
            LiteralPolicy::LiteralMinus => LiteralMode::Sync,
            LiteralPolicy::LiteralPlus => LiteralMode::NonSync,
        }
    }
}

/// What the peer accepts, applied while encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct EncodeOptions {
    /// `{n}` or `{n+}`. Default [`LiteralPolicy::AsIs`].
    pub literals: LiteralPolicy,
    /// Whether quoted strings may carry UTF-8 (IMAP4rev2, or UTF8=ACCEPT enabled, RFC 6855
    /// §3); when false, a quoted string with 8-bit content is written as a literal. Default
    /// true.
    pub utf8_quoted: bool,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        Self {
            literals: LiteralPolicy::AsIs,
            utf8_quoted: true,
        }
    }
}

impl EncodeOptions {
    /// The options with a literal policy and UTF-8 acceptance.
    pub fn new(literals: LiteralPolicy, utf8_quoted: bool) -> Self {
        Self {
            literals,
            utf8_quoted,
        }
    }
}

/// A value that can be written in IMAP syntax.
pub trait Encode {
    /// Appends the value to `e`.
    fn encode(&self, e: &mut Encoder);

    /// The value's bytes with the default [`EncodeOptions`] (literals inline).
    fn to_bytes(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        self.encode(&mut e);
        e.into_vec()
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, e: &mut Encoder) {
        (**self).encode(e);
    }
}

/// Where a literal's data sits in the encoder's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LiteralMark {
    pub(crate) data_start: usize,
    pub(crate) data_end: usize,
    pub(crate) mode: LiteralMode,
    pub(crate) binary: bool,
}

/// An output buffer that remembers where literals are; see the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct Encoder {
    buf: Vec<u8>,
    marks: Vec<LiteralMark>,
    options: EncodeOptions,
}

impl Encoder {
    /// An empty encoder with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty encoder with the given options.
    pub fn with_options(options: EncodeOptions) -> Self {
        Self {
            buf: Vec::new(),
            marks: Vec::new(),
            options,
        }
    }

    /// An encoder that appends to `buf` (reusing its allocation); literal positions count from
    /// the start of `buf`, so [`fragments`](Encoder::fragments) yields what was in `buf` first
    /// as part of the first line.
    pub fn from_vec(buf: Vec<u8>, options: EncodeOptions) -> Self {
        Self {
            buf,
            marks: Vec::new(),
            options,
        }
    }

    /// The options.
    pub fn options(&self) -> &EncodeOptions {
        &self.options
    }

    /// Changes the options for what is encoded next.
    pub fn set_options(&mut self, options: EncodeOptions) {
        self.options = options;
    }

    /// Appends raw bytes: keywords and punctuation. The caller makes sure they are valid here
    /// (never CR or LF other than through [`crlf`](Encoder::crlf)).
    #[inline]
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Appends one raw byte.
    #[inline]
    pub fn push_byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    /// Appends `SP`.
    #[inline]
    pub fn sp(&mut self) {
        self.buf.push(b' ');
    }

    /// Appends `CRLF`.
    #[inline]
    pub fn crlf(&mut self) {
        self.buf.extend_from_slice(b"\r\n");
    }

    /// Appends a decimal number.
    #[inline]
    pub fn number(&mut self, n: u64) {
        let mut tmp = [0u8; 20];
        let mut i = tmp.len();
        let mut n = n;
        loop {
            i -= 1;
            tmp[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&tmp[i..]);
    }

    /// Appends a literal: its header (`{n}`, `{n+}`, `~{n}`, `~{n+}`, the mode chosen by the
    /// [`LiteralPolicy`]), CRLF and the data, and records it as a [`Fragment::Literal`].
    ///
    /// The caller guarantees the grammar: no NUL unless `binary`, and `binary` only where
    /// `literal8` is allowed. [`Literal`](crate::types::Literal) values uphold this.
    pub fn literal(&mut self, data: &[u8], mode: LiteralMode, binary: bool) {
        let mode = self.options.literals.apply(mode, data.len());
        if binary {
            self.buf.push(b'~');
        }
        self.buf.push(b'{');
        self.number(data.len() as u64);
        if mode == LiteralMode::NonSync {
            self.buf.push(b'+');
        }
        self.buf.extend_from_slice(b"}\r\n");
        let data_start = self.buf.len();
        self.buf.extend_from_slice(data);
        self.marks.push(LiteralMark {
            data_start,
            data_end: self.buf.len(),
            mode,
            binary,
        });
    }

    /// Appends a parenthesized list of `items` separated by `SP`.
    pub fn list<T: Encode>(&mut self, items: impl IntoIterator<Item = T>) {
        self.buf.push(b'(');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            item.encode(self);
        }
        self.buf.push(b')');
    }

    /// Everything written so far, literals inline.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The buffer, literals inline.
    pub fn into_vec(self) -> Vec<u8> {
        self.buf
    }

    /// How many bytes have been written.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Whether a synchronizing literal has been written (a client must then send the
    /// [`fragments`](Encoder::fragments) one by one, waiting for `+` before each such literal).
    pub fn has_sync_literal(&self) -> bool {
        self.marks.iter().any(|m| m.mode == LiteralMode::Sync)
    }

    /// Empties the buffer, keeping its allocation and the options.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.marks.clear();
    }

    /// The output as lines and literals, in order.
    pub fn fragments(&self) -> Fragments<'_> {
        Fragments::new(&self.buf, &self.marks)
    }
}
