//! The client state machine: the client session: AUTHORIZATION (USER/PASS, APOP, AUTH, STLS), TRANSACTION, UPDATE.
