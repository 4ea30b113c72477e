//! Protocol values: commands (`USER`, `PASS`, `APOP`, `STAT`, `LIST`, `UIDL`, `RETR`, `TOP`, …),
//! `+OK`/`-ERR` responses with typed response codes, the SASL continuation, listings and the
//! `CAPA` capability list.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax (no CR or LF can be injected).

mod capability;
mod command;
mod response;

pub use capability::*;
pub use command::*;
pub use response::*;
