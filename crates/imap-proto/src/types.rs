//! Protocol values: commands, responses, sequence sets, flags, mailbox names (modified UTF-7), envelopes, body structures, literals.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax.
