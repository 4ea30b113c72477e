//! The parser: parsers for commands (server side) and multi-line replies (client side).
//!
//! Contract (shared by every mailproto crate): a parse function takes `&[u8]` and returns the
//! value with the number of bytes consumed, or *incomplete*, or a typed error with the byte
//! offset. It never consumes a partial item.
