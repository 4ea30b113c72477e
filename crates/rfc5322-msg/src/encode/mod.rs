//! The serializers.
//!
//! - [`write_message`]: re-serialization of a parsed, unmodified [`Message`]: every header
//!   field is written from its exact raw bytes, every body and delimiter line from the spans the
//!   parser recorded, so the output equals the input byte for byte (what DKIM signatures and
//!   IMAP `BODY[]` need).
//! - [`MessageBuilder`]: new messages, folded at 78 octets and never past 998, RFC 2047 encoded
//!   words (or RFC 6532 UTF-8), RFC 2231 parameters, the cheapest valid transfer encoding per
//!   body, boundaries that cannot collide.
//!
//! Strict on output: nothing outside the RFC grammar is ever written by the builder, and values
//! that would inject CR or LF are rejected when they are constructed.

mod body;
mod builder;
mod header;

pub use builder::{Attachment, BuildError, MessageBuilder};

use crate::types::{Message, PartKind};

/// Writes `msg` into `out`: the header fields of each entity in order, then its body (leaf
/// content; multipart preamble, delimiter lines, body parts and epilogue; an encapsulated
/// message), in document order. For a message from [`crate::parse::parse_message`] the output
/// is the input.
pub fn write_message(msg: &Message<'_>, out: &mut Vec<u8>) {
    let raw = msg.raw();
    let mut pos = 0;
    // Spans are visited in document order; `copy` writes the bytes between the last written
    // span and the next one (line breaks, delimiter lines, separators), then the span.
    let copy = |out: &mut Vec<u8>, pos: &mut usize, start: usize, end: usize| {
        if start >= *pos {
            out.extend_from_slice(&raw[*pos..start]);
            out.extend_from_slice(&raw[start..end]);
            *pos = end;
        } else {
            debug_assert!(false, "spans out of order");
        }
    };
    for part in msg.parts() {
        for field in part.headers().iter() {
            let r = field.range();
            copy(out, &mut pos, r.start, r.end);
        }
        let h = part.header_range();
        copy(out, &mut pos, h.end, h.end);
        if part.kind() == PartKind::Leaf {
            let b = part.body_range();
            copy(out, &mut pos, b.start, b.end);
        }
    }
    out.extend_from_slice(&raw[pos.min(raw.len())..]);
}
