//! The client state machine: the client session: greeting, EHLO/LHLO, STARTTLS, AUTH, pipelined envelope, DATA/BDAT.
