//! The client state machine: (no session: a message is a value, not a dialogue) — reserved for streaming readers of large messages.
