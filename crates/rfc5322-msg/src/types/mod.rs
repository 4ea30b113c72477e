//! Message values: the parsed [`Message`] with its header fields (raw bytes kept) and MIME
//! entity tree, and the typed values read from header fields: addresses and groups, date-times,
//! content types and dispositions with their parameters, transfer encodings, charsets, trace
//! and list fields.
//!
//! Values borrow from the message where they can and offer `into_owned()`.

mod address;
mod charset;
mod date;
mod message;
mod mime;
mod trace;

pub use address::*;
pub use charset::*;
pub use date::*;
pub use message::*;
pub use mime::*;
pub use trace::*;
