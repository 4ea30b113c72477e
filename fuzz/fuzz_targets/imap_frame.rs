//! IMAP framer: arbitrary input never panics; fed in arbitrary chunks (and byte by byte) the
//! framer finds exactly the frames (and the first error) it finds on the whole input; every
//! frame ends with LF; `Needed::AtLeast(n)` never asks for more than the message still holds;
//! a continuation is only requested for a synchronizing literal whose data has not started.
//! Each frame is then walked with the core `Cursor` parsers (no panics, progress guaranteed).
//!
//! Input: byte 0 sets the limits and tolerances, byte 1 the chunk size; the rest is a stream
//! of commands or responses.
#![no_main]

use imap_proto::parse::{Cursor, Framer, Needed, PResult, ParseConfig, ParseError, Status};
use imap_proto::types::LiteralMode;
use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;

type Frames = (Vec<Vec<u8>>, Option<ParseError>);

fn frame(config: &ParseConfig, input: &[u8], chunk: usize) -> Frames {
    let mut framer = Framer::new(config);
    let mut buf: Vec<u8> = Vec::new();
    let mut out = Vec::new();
    let mut delivered = 0;
    while delivered < input.len() || delivered == 0 {
        let end = (delivered + chunk).min(input.len());
        buf.extend_from_slice(&input[delivered..end]);
        delivered = end;
        loop {
            match framer.next_frame(&buf) {
                Ok(Status::Complete(f)) => {
                    assert!(f.len <= buf.len());
                    assert_eq!(buf[f.len - 1], b'\n');
                    assert!(framer.take_continuation().is_none());
                    out.push(buf[..f.len].to_vec());
                    buf.drain(..f.len);
                }
                Ok(Status::Incomplete(needed)) => {
                    if let Needed::AtLeast(n) = needed {
                        assert!(framer.in_literal());
                        assert!(framer.position() == buf.len() + n.get());
                    }
                    if let Some(h) = framer.take_continuation() {
                        assert_eq!(h.mode, LiteralMode::Sync);
                        assert_eq!(h.data_start, buf.len());
                        assert!(h.offset < h.data_start);
                    }
                    break;
                }
                Err(e) => return (out, Some(e)),
            }
        }
        if input.is_empty() {
            break;
        }
    }
    (out, None)
}

/// Parses whatever core value starts at each position; skips a byte after an error.
fn walk(c: &mut Cursor<'_>) {
    let mut guard = 0;
    while !c.at_end() && guard < 10_000 {
        guard += 1;
        let start = c.pos();
        let r: PResult<()> = match c.peek() {
            Some(b'(') => c.list("items", |c| c.astring().map(drop)).map(drop),
            Some(b'"') => {
                if c.date_time().is_ok() {
                    Ok(())
                } else {
                    c.set_pos(start);
                    c.quoted().map(drop)
                }
            }
            Some(b'{' | b'~') => c.nstring_or_literal8().map(drop),
            Some(b'[') => c.section().map(drop),
            Some(b'<') => c.partial().map(drop),
            Some(b'\\') => c.flag_fetch().map(drop),
            Some(b' ') => c.sp(),
            Some(b'\r' | b'\n') => c.crlf(),
            Some(b'0'..=b'9' | b'*' | b'$') => {
                if c.sequence_set().is_ok() {
                    Ok(())
                } else {
                    c.set_pos(start);
                    c.date().map(drop)
                }
            }
            _ => {
                if c.capability().is_ok() {
                    Ok(())
                } else {
                    c.set_pos(start);
                    c.mailbox().map(|m| {
                        let _ = m.to_unicode(false);
                    })
                }
            }
        };
        if r.is_err() || c.pos() == start {
            c.set_pos(start + 1);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let &[flags, chunk, ref input @ ..] = data else {
        return;
    };
    let mut config = ParseConfig::default();
    config.allow_bare_lf = flags & 1 != 0;
    if flags & 2 != 0 {
        config.max_line_len = 16 + usize::from(flags >> 4);
    }
    if flags & 4 != 0 {
        config.max_literal_size = u64::from(flags);
        config.max_non_sync_literal_size = u64::from(flags >> 2);
    }
    if flags & 8 != 0 {
        config.max_message_size = 64 + u64::from(flags);
    }
    let whole = frame(&config, input, input.len().max(1));
    assert_eq!(frame(&config, input, 1 + usize::from(chunk)), whole);
    if input.len() <= 2048 {
        assert_eq!(frame(&config, input, 1), whole);
    }
    let strict = ParseConfig::strict();
    for f in &whole.0 {
        walk(&mut Cursor::new(f, &config).complete());
        walk(&mut Cursor::new(f, &strict));
    }
});
