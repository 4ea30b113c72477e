//! The server state machine: (no session) — reserved for streaming writers of large messages.
