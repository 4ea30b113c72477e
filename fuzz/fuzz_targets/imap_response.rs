//! IMAP response parser (client side) and encoder (server side): arbitrary input never panics;
//! fed through the framer in chunks, every frame is parsed; every parsed response re-encodes
//! to bytes that parse back to the same value (with fragments whose concatenation is those
//! bytes), and every proper prefix of that encoding is incomplete, never an error.
//!
//! Input: byte 0 sets the tolerances and limits, byte 1 the chunk size; the rest is a stream
//! of server responses.
#![no_main]

use imap_proto::encode::{Encode, EncodeOptions, Encoder, Fragment, LiteralPolicy};
use imap_proto::parse::{Framer, ParseConfig, Status, parse_response, skip_line};
use imap_proto::types::Response;
use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;

fn config(flags: u8) -> ParseConfig {
    let mut c = if flags & 1 != 0 {
        ParseConfig::strict()
    } else {
        ParseConfig::default()
    };
    c.allow_bare_lf = flags & 2 != 0;
    if flags & 4 != 0 {
        c.max_depth = 8;
        c.max_items = 16;
        c.max_line_len = 256;
        c.max_literal_size = 1024;
    }
    c
}

fn check(resp: &Response<'_>, cfg: &ParseConfig) {
    let wire = resp.to_bytes();
    // The same tolerances (the value may hold what they let in), without the small limits:
    // the encoding may be longer than a small line limit.
    let mut reparse = *cfg;
    reparse.max_literal_size = u64::MAX;
    reparse.max_non_sync_literal_size = u64::MAX;
    reparse.max_message_size = u64::MAX;
    reparse.max_line_len = usize::MAX / 2;
    reparse.max_depth = 1 << 16;
    reparse.max_items = usize::MAX;
    match parse_response(&wire, &reparse) {
        Ok(Status::Complete((again, n))) => {
            assert_eq!(n, wire.len(), "{:?}", String::from_utf8_lossy(&wire));
            assert_eq!(&again, resp, "{:?}", String::from_utf8_lossy(&wire));
        }
        other => panic!(
            "re-encoded {resp:?} as {:?}, parsed as {other:?}",
            String::from_utf8_lossy(&wire)
        ),
    }
    let step = 1 + wire.len() / 16;
    for end in (0..wire.len()).step_by(step) {
        assert!(
            matches!(
                parse_response(&wire[..end], &reparse),
                Ok(Status::Incomplete(_))
            ),
            "prefix {end} of {:?}",
            String::from_utf8_lossy(&wire)
        );
    }
    // Fragments (server side: literals as `{n}`) put back together are a valid encoding.
    let mut e = Encoder::with_options(EncodeOptions::new(LiteralPolicy::Sync, true));
    resp.encode(&mut e);
    let mut joined = Vec::new();
    for f in e.fragments() {
        match f {
            Fragment::Line(l) => joined.extend_from_slice(l),
            Fragment::Literal { data, .. } => joined.extend_from_slice(data),
        }
    }
    assert_eq!(joined, e.as_bytes());
}

fuzz_target!(|data: &[u8]| {
    let [flags, chunk, input @ ..] = data else {
        return;
    };
    let cfg = config(*flags);
    let chunk = usize::from(*chunk).max(1);
    let mut framer = Framer::new(&cfg);
    let mut buf: Vec<u8> = Vec::new();
    let mut delivered = 0;
    let mut frames = 0;
    while delivered < input.len() {
        let end = (delivered + chunk).min(input.len());
        buf.extend_from_slice(&input[delivered..end]);
        delivered = end;
        loop {
            match framer.next_frame(&buf) {
                Ok(Status::Complete(f)) => {
                    frames += 1;
                    let frame = &buf[..f.len];
                    if let Ok(Status::Complete((resp, used))) = parse_response(frame, &cfg) {
                        assert!(used > 0 && used <= frame.len());
                        check(&resp, &cfg);
                    }
                    buf.drain(..f.len);
                    if frames > 64 {
                        return;
                    }
                }
                Ok(Status::Incomplete(_)) => break,
                Err(_) => match skip_line(&buf) {
                    Some(n) => {
                        buf.drain(..n);
                        framer.reset();
                    }
                    None => break,
                },
            }
        }
    }
    // Whatever is left unframed still parses without panicking.
    let _ = parse_response(&buf, &cfg);
    let _ = parse_response(input, &cfg);
});
