//! SMTP command parser: arbitrary input never panics; every parsed command consumes a sane
//! number of bytes and re-encodes to a line that parses back to the same command; a bad line
//! is skipped with `skip_line` and parsing goes on.
//!
//! Input: byte 0 sets the tolerances and the bare-LF policy; the rest is a command stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::line::BareLf;
use mailproto_fuzz as _;
use smtp_proto::parse::{CommandConfig, Status, parse_command, skip_line};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut input)) = data.split_first() else {
        return;
    };
    let mut config = CommandConfig::default();
    config.allow_space_after_colon = flags & 1 != 0;
    config.allow_unbracketed_path = flags & 2 != 0;
    config.allow_extra_spaces = flags & 4 != 0;
    config.bare_lf = match (flags >> 3) % 3 {
        0 => BareLf::Reject,
        1 => BareLf::Accept,
        _ => BareLf::Normalize,
    };
    if flags & 0x40 != 0 {
        config.max_line_len = 64;
    }
    // Re-encoded commands are canonical (brackets added, CRLF): allow any length for them.
    let mut reparse = config.clone();
    reparse.max_line_len = usize::MAX / 2;
    reparse.bare_lf = BareLf::Reject;

    while !input.is_empty() {
        match parse_command(input, &config) {
            Ok(Status::Complete((command, used))) => {
                assert!(used > 0 && used <= input.len());
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
                let _ = format!("{e}");
                match skip_line(input) {
                    Some(n) => input = &input[n..],
                    None => break,
                }
            }
        }
    }
});
