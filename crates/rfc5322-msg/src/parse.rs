//! The parser: a lenient parser that never fails on a real message: malformed input degrades, it does not error.
//!
//! Contract (shared by every mailproto crate): a parse function takes `&[u8]` and returns the
//! value with the number of bytes consumed, or *incomplete*, or a typed error with the byte
//! offset. It never consumes a partial item.
