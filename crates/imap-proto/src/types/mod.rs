//! Protocol values: tags, atoms, strings and literals, sequence sets, flags, mailbox names
//! (modified UTF-7), dates, FETCH sections and capabilities (module `core`); commands,
//! responses, envelopes and body structures are added beside it.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax (no CR, LF or NUL can be injected into
//! a quoted string; data that needs them becomes a literal).

mod body;
mod command;
mod command_fetch;
mod command_search;
mod core;
mod notify;
mod response;

pub use self::body::*;
pub use self::command::*;
pub use self::command_fetch::*;
pub use self::command_search::*;
pub use self::core::*;
pub use self::notify::*;
pub use self::response::*;
