//! Protocol values: tags, atoms, strings and literals, sequence sets, flags, mailbox names
//! (modified UTF-7), dates, FETCH sections and capabilities (module `core`); commands,
//! responses, envelopes and body structures are added beside it.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax (no CR, LF or NUL can be injected into
//! a quoted string; data that needs them becomes a literal).

mod core;

pub use self::core::*;
