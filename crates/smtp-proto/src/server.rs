//! The server state machine: the server session: command validation per state, reply generation, DATA/BDAT reception ending only on `<CRLF>.<CRLF>`.
