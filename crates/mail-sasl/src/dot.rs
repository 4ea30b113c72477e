//! Dot-stuffing (RFC 5321 §4.5.2, RFC 1939 §3).
