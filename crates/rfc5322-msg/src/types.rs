//! Protocol values: header fields with their raw bytes, addresses and groups, date-times, content types and dispositions, the MIME part tree.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax.
