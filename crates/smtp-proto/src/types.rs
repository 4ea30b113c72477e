//! Protocol values: commands (`MAIL`, `RCPT`, `DATA`, `BDAT`, …), reverse and forward paths, ESMTP parameters, replies with enhanced status codes and the EHLO keyword list.
//!
//! Values borrow from the input where they can and offer `into_owned()`; constructors validate,
//! so every value that exists serializes to valid syntax.
