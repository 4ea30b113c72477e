//! The client state machine: the client session: tags, literal continuations, untagged-response routing, IDLE, STARTTLS, AUTHENTICATE.
