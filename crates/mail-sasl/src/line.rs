//! CRLF line framing with a maximum length and an explicit bare-LF policy.
