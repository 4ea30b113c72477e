//! Sans-IO SASL mechanisms and the wire helpers shared by the mailproto protocol crates.
//!
//! (Crate documentation is completed with the SASL mechanisms.)
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod dot;
pub mod line;
