//! The server state machine: the server session: per-state command validation, literal continuation requests, response generation.
