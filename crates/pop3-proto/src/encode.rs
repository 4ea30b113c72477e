//! The serializer: serializers for commands and responses; multi-line bodies are dot-stuffed with [`mail_sasl::dot`].
//!
//! Strict on output: nothing outside the RFC grammar is ever written, and values that would
//! inject CR or LF are rejected when they are constructed.
