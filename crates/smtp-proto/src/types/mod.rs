//! Protocol values: commands, reverse and forward paths, ESMTP parameters, replies with enhanced
//! status codes and the EHLO capability list.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax (no CR or LF can be injected).

mod command;
mod reply;

pub use command::*;
pub use reply::*;
