//! The parser: whole messages and the values of their header fields.
//!
//! A message is a value, not a stream of items, and real mail is often malformed, so the
//! message parser takes the complete input and never fails: [`parse_message`] returns a
//! [`Message`](crate::types::Message) for any bytes, and malformed input degrades (a header line
//! that is not a field starts the body, a multipart without delimiters is a leaf, a missing close
//! delimiter ends the part at its parent's end). The field-value parsers are just as lenient:
//! they return what they could read (`Vec`, `Option`), never an error. Each module lists its
//! tolerances.
//!
//! The decoders for transfer encodings ([`decode_base64`], [`decode_quoted_printable`]) and
//! encoded words ([`decode_text`]) are public for callers that hold bytes from elsewhere.

mod address;
mod date;
mod encoded_word;
mod lexer;
mod message;
mod mime;
mod msgid;
mod trace;
mod transfer;

pub use address::{parse_address_list, parse_path};
pub use date::parse_date_time;
pub use encoded_word::{decode_text, unfold};
pub use message::{MessageConfig, parse_message};
pub use mime::{parse_content_disposition, parse_content_type, parse_transfer_encoding};
pub use msgid::{parse_msg_id, parse_msg_ids};
pub use trace::{parse_list_id, parse_list_urls, parse_received};
pub use transfer::{
    decode_base64, decode_base64_into, decode_quoted_printable, decode_quoted_printable_into,
};

pub(crate) use encoded_word::trim_wsp;

pub(crate) fn is_atext_byte(b: u8) -> bool {
    lexer::is_atext(b)
}

pub(crate) fn is_token_byte(b: u8) -> bool {
    lexer::is_token(b)
}

pub(crate) fn lexer_cursor(v: &[u8]) -> lexer::Cursor<'_> {
    lexer::Cursor::new(v)
}
