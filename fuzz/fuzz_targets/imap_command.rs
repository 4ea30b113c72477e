//! IMAP command parser: arbitrary input never panics; the stream is framed (whole, in chunks
//! and byte by byte, with the same frames), each frame is parsed as a command, and every parsed
//! command re-encodes to bytes that parse back to the same command, consuming all of them; the
//! re-encoding with LITERAL+ parses back to the same command up to literal modes. Each frame is
//! also offered to the `DONE` and AUTHENTICATE line parsers (no panics).
//!
//! Input: byte 0 sets the tolerances and limits, byte 1 the chunk size; the rest is a stream of
//! commands.
#![no_main]

use imap_proto::encode::{Encode, EncodeOptions, Encoder, LiteralPolicy};
use imap_proto::parse::{
    Framer, ParseConfig, Status, parse_authenticate_data, parse_command, parse_idle_done,
};
use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;

fn frames(config: &ParseConfig, input: &[u8], chunk: usize) -> Vec<Vec<u8>> {
    let mut framer = Framer::new(config);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut delivered = 0;
    while delivered < input.len() {
        let end = (delivered + chunk).min(input.len());
        buf.extend_from_slice(&input[delivered..end]);
        delivered = end;
        loop {
            match framer.next_frame(&buf) {
                Ok(Status::Complete(f)) => {
                    out.push(buf[..f.len].to_vec());
                    buf.drain(..f.len);
                }
                Ok(Status::Incomplete(_)) => break,
                Err(_) => return out,
            }
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let &[flags, chunk, ref input @ ..] = data else {
        return;
    };
    let mut config = if flags & 1 != 0 {
        ParseConfig::strict()
    } else {
        ParseConfig::default()
    };
    config.allow_bare_lf = flags & 2 != 0;
    if flags & 4 != 0 {
        config.max_depth = usize::from(flags >> 4);
    }
    if flags & 8 != 0 {
        config.max_items = 1 + usize::from(flags >> 4);
    }
    // Re-encoded commands end in CRLF and are within the limits of the first parse.
    let mut reparse = config;
    reparse.allow_bare_lf = false;

    let whole = frames(&config, input, input.len().max(1));
    assert_eq!(frames(&config, input, 1 + usize::from(chunk)), whole);
    if input.len() <= 1024 {
        assert_eq!(frames(&config, input, 1), whole);
    }
    for frame in &whole {
        let _ = parse_idle_done(frame, &config);
        let _ = parse_authenticate_data(frame, &config);
        let Ok(Status::Complete((cmd, used))) = parse_command(frame, &config) else {
            continue;
        };
        assert_eq!(used, frame.len());
        let wire = cmd.to_bytes();
        match parse_command(&wire, &reparse) {
            Ok(Status::Complete((again, n))) => {
                assert_eq!(n, wire.len());
                assert_eq!(again, cmd, "{}", wire.escape_ascii());
            }
            other => panic!(
                "{} re-encoded as {} parsed as {other:?}",
                frame.escape_ascii(),
                wire.escape_ascii()
            ),
        }
        let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::LiteralPlus, true));
        cmd.encode(&mut e);
        let plus = e.into_vec();
        match parse_command(&plus, &reparse) {
            Ok(Status::Complete((again, n))) => {
                assert_eq!(n, plus.len());
                assert_eq!(again.tag, cmd.tag);
                assert_eq!(again.name(), cmd.name());
            }
            other => panic!("{} with LITERAL+ parsed as {other:?}", plus.escape_ascii()),
        }
    }
});
