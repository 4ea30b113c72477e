//! The serializer: a builder that folds header lines, chooses transfer encodings and emits encoded words.
//!
//! Strict on output: nothing outside the RFC grammar is ever written, and values that would
//! inject CR or LF are rejected when they are constructed.
