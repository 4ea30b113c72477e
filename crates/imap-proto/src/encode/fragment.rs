//! [`Fragment`]s: an encoded command or response cut at its literals.

#[allow(unused_imports)] // for the documentation links
use super::Encoder;
use super::LiteralMark;
use crate::types::LiteralMode;

/// A piece of encoded output.///
/// A client sends a command with synchronizing literals in steps (RFC 9051 §4.3, §7.5): the
/// line up to and including the literal header `{n}` CRLF, then, after the server's
/// continuation request (`+ …`), the literal's data, then the rest. [`Encoder::fragments`]
/// yields exactly those steps: [`Fragment::Line`] (send at once) and [`Fragment::Literal`]
/// (with [`LiteralMode::Sync`], wait for `+` first; with [`LiteralMode::NonSync`], send at
/// once). Concatenated, the fragments are [`Encoder::as_bytes`].
///
/// A server's literals (`{n}` in a FETCH response) need no continuation; a server simply sends
/// [`Encoder::as_bytes`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fragment<'a> {
    /// Protocol text, ending with a literal header and CRLF, or with the message's CRLF.
    Line(&'a [u8]),
    /// A literal's data (its header is at the end of the preceding line).
    Literal {
        /// The octets.
        data: &'a [u8],
        /// `Sync`: a client waits for a continuation request before sending `data`.
        mode: LiteralMode,
        /// Whether it is a `literal8`.
        binary: bool,
    },
}

impl<'a> Fragment<'a> {
    /// The fragment's bytes.
    pub fn as_bytes(&self) -> &'a [u8] {
        match *self {
            Fragment::Line(b) => b,
            Fragment::Literal { data, .. } => data,
        }
    }
}

impl std::fmt::Debug for Fragment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Lines and literals may carry credentials: show only the shape.
        match self {
            Fragment::Line(b) => f.debug_struct("Line").field("len", &b.len()).finish(),
            Fragment::Literal { data, mode, binary } => f
                .debug_struct("Literal")
                .field("len", &data.len())
                .field("mode", mode)
                .field("binary", binary)
                .finish(),
        }
    }
}

/// The fragments of an [`Encoder`]'s output, from [`Encoder::fragments`].
#[derive(Debug, Clone)]
pub struct Fragments<'a> {
    buf: &'a [u8],
    marks: std::slice::Iter<'a, LiteralMark>,
    pos: usize,
    pending: Option<LiteralMark>,
}

impl<'a> Fragments<'a> {
    pub(super) fn new(buf: &'a [u8], marks: &'a [LiteralMark]) -> Self {
        Self {
            buf,
            marks: marks.iter(),
            pos: 0,
            pending: None,
        }
    }
}

impl<'a> Iterator for Fragments<'a> {
    type Item = Fragment<'a>;

    fn next(&mut self) -> Option<Fragment<'a>> {
        if let Some(m) = self.pending.take() {
            self.pos = m.data_end;
            return Some(Fragment::Literal {
                data: &self.buf[m.data_start..m.data_end],
                mode: m.mode,
                binary: m.binary,
            });
        }
        if let Some(m) = self.marks.next() {
            let line = &self.buf[self.pos..m.data_start];
            self.pending = Some(*m);
            return Some(Fragment::Line(line));
        }
        if self.pos < self.buf.len() {
            let line = &self.buf[self.pos..];
            self.pos = self.buf.len();
            return Some(Fragment::Line(line));
        }
        None
    }
}
