//! The serializer: serializers that yield fragments (a line, then a literal) so synchronizing literals can wait for `+`.
//!
//! Strict on output: nothing outside the RFC grammar is ever written, and values that would
//! inject CR or LF are rejected when they are constructed.
