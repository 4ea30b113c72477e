//! POP3 command parser: arbitrary input never panics; every parsed command consumes a sane
//! number of bytes and re-encodes to a line that parses back to the same command; its response
//! shape is defined; a bad line is skipped with `skip_line` and parsing goes on.
//!
//! Input: byte 0 sets the tolerances (bit 0: extra spaces), the bare-LF policy (bits 1-2) and a
//! short line limit (bit 3); the rest is a command stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::line::BareLf;
use mailproto_fuzz as _;
use pop3_proto::parse::{CommandConfig, Status, parse_command, skip_line};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut input)) = data.split_first() else {
        return;
    };
    let mut config = CommandConfig::default();
    config.allow_extra_spaces = flags & 1 != 0;
    config.bare_lf = match (flags >> 1) % 3 {
        0 => BareLf::Reject,
        1 => BareLf::Accept,
        _ => BareLf::Normalize,
    };
    if flags & 8 != 0 {
        config.max_line_len = 16;
    }
    // Re-encoded commands are canonical (upper-case keywords, single spaces, CRLF).
    let mut reparse = CommandConfig::strict();
    reparse.max_line_len = usize::MAX / 2;

    while !input.is_empty() {
        match parse_command(input, &config) {
            Ok(Status::Complete((command, used))) => {
                assert!(used > 0 && used <= input.len());
                let _ = command.response_shape();
                let wire = command.to_bytes();
                match parse_command(&wire, &reparse) {
                    Ok(Status::Complete((again, n))) => {
                        assert_eq!(n, wire.len());
                        assert_eq!(again, command);
                    }
                    other => panic!("re-encoded {command:?} parsed as {other:?}"),
                }
                input = &input[used..];
            }
            Ok(Status::Incomplete(_)) => break,
            Err(e) => {
                assert!(e.offset <= input.len());
                match skip_line(input) {
                    Some(n) => input = &input[n..],
                    None => break,
                }
            }
        }
    }
});
