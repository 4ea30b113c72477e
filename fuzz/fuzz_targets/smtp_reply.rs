//! SMTP reply parser: arbitrary input never panics; every parsed reply consumes a sane number
//! of bytes and re-encodes to bytes that parse back to the same reply; an EHLO reading of every
//! 250 reply never panics and its capabilities rebuild a reply that reads back the same.
//!
//! Input: byte 0 sets the tolerances and the bare-LF policy; the rest is a reply stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::line::BareLf;
use mailproto_fuzz as _;
use smtp_proto::parse::{ReplyConfig, Status, parse_reply, skip_line};
use smtp_proto::types::EhloReply;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut input)) = data.split_first() else {
        return;
    };
    let mut config = ReplyConfig::default();
    config.enhanced_codes = flags & 1 != 0;
    config.repeated_enhanced_codes = flags & 2 != 0;
    config.allow_8bit = flags & 4 != 0;
    config.lenient_spacing = flags & 8 != 0;
    config.bare_lf = match (flags >> 4) % 3 {
        0 => BareLf::Reject,
        1 => BareLf::Accept,
        _ => BareLf::Normalize,
    };
    if flags & 0x80 != 0 {
        config.max_line_len = 64;
        config.max_lines = 4;
    }
    // The encoder writes the enhanced code on every line (RFC 2034 §4) and CRLF: allow any
    // length, and strip the repeated codes, when reading its output back.
    let mut reparse = config;
    reparse.max_line_len = usize::MAX / 2;
    reparse.bare_lf = BareLf::Reject;
    reparse.repeated_enhanced_codes = true;
    reparse.allow_8bit = true;

    while !input.is_empty() {
        match parse_reply(input, &config) {
            Ok(Status::Complete((reply, used))) => {
                assert!(used > 0 && used <= input.len());
                let wire = reply.to_bytes();
                match parse_reply(&wire, &reparse) {
                    Ok(Status::Complete((again, n))) => {
                        assert_eq!(n, wire.len());
                        assert_eq!(again, reply);
                    }
                    other => panic!("re-encoded {reply:?} parsed as {other:?}"),
                }
                if reply.code().get() == 250
                    && let Ok(ehlo) = EhloReply::from_reply(&reply)
                    && let Ok(rebuilt) = ehlo.to_reply()
                {
                    let back = EhloReply::from_reply(&rebuilt).expect("rebuilt ehlo");
                    assert_eq!(back, ehlo);
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
