//! The server state machine: the server session: per-state command validation and response generation.
