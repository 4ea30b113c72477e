//! POP3 response parsers: arbitrary input never panics; status lines, `AUTH` lines and whole
//! multi-line responses re-encode to bytes that parse back the same; capability, scan,
//! unique-id and language listings rebuild what they read; message bodies decode the same
//! whatever the chunking, never producing more bytes than they read.
//!
//! Input: byte 0 sets the tolerances (bit 0: blank lines, bit 1: `RESP_CODES`, bit 2:
//! unstuffed dots, bit 3: 512-octet lines), bits 4-5 pick the parser (status lines, `AUTH`
//! lines, multi-line responses, a body) and bits 6-7 the body's chunk size; the rest is what a
//! server sends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailproto_fuzz as _;
use pop3_proto::parse::{
    BodyDecoder, BodyProgress, ResponseConfig, Status, parse_multiline, parse_response,
    parse_server_line, skip_line,
};
use pop3_proto::types::{LanguageListing, Response, ScanListing, UniqueIdListing};

fn config(flags: u8) -> ResponseConfig {
    let mut c = ResponseConfig::default();
    c.skip_blank_lines = flags & 1 != 0;
    c.resp_codes_underscore = flags & 2 != 0;
    c.restore_unstuffed_dots = flags & 4 != 0;
    if flags & 8 != 0 {
        c.max_line_len = 512;
    }
    c
}

fn decode(config: &ResponseConfig, input: &[u8], chunk: usize) -> (Vec<u8>, Option<usize>) {
    let mut d = BodyDecoder::new(config);
    let mut out = Vec::new();
    let mut used = 0;
    for piece in input.chunks(chunk) {
        match d.decode(piece, &mut out) {
            BodyProgress::Continue => used += piece.len(),
            BodyProgress::End { consumed } => {
                assert!(consumed <= piece.len());
                assert_eq!(d.size(), out.len() as u64);
                return (out, Some(used + consumed));
            }
        }
        assert!(out.len() <= used);
    }
    (out, None)
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut input)) = data.split_first() else {
        return;
    };
    let config = config(flags);
    let mut reparse = config;
    reparse.max_line_len = usize::MAX / 2;
    reparse.skip_blank_lines = false;

    match (flags >> 4) & 3 {
        0 => {
            while !input.is_empty() {
                match parse_response(input, &config) {
                    Ok(Status::Complete((r, used))) => {
                        assert!(used > 0 && used <= input.len());
                        let wire = r.to_bytes();
                        let Ok(Status::Complete((again, n))) = parse_response(&wire, &reparse)
                        else {
                            panic!("re-encoded {r:?}")
                        };
                        assert_eq!((again, n), (r.clone(), wire.len()));
                        let _ = r.apop_timestamp();
                        input = &input[used..];
                    }
                    Ok(Status::Incomplete(_)) => break,
                    Err(_) => match skip_line(input) {
                        Some(n) => input = &input[n..],
                        None => break,
                    },
                }
            }
        }
        1 => {
            while !input.is_empty() {
                match parse_server_line(input, &config) {
                    Ok(Status::Complete((line, used))) => {
                        assert!(used > 0 && used <= input.len());
                        let mut wire = Vec::new();
                        line.encode(&mut wire);
                        let Ok(Status::Complete((again, _))) = parse_server_line(&wire, &reparse)
                        else {
                            panic!("re-encoded {line:?}")
                        };
                        assert_eq!(again, line);
                        input = &input[used..];
                    }
                    Ok(Status::Incomplete(_)) => break,
                    Err(_) => match skip_line(input) {
                        Some(n) => input = &input[n..],
                        None => break,
                    },
                }
            }
        }
        2 => {
            while !input.is_empty() {
                match parse_multiline(input, &config) {
                    Ok(Status::Complete((m, used))) => {
                        assert!(used > 0 && used <= input.len());
                        let mut wire = Vec::new();
                        if m.encode(&mut wire).is_ok() {
                            let Ok(Status::Complete((again, n))) = parse_multiline(&wire, &reparse)
                            else {
                                panic!("re-encoded {m:?}")
                            };
                            assert_eq!((again, n), (m.clone(), wire.len()));
                        }
                        let caps = m.capabilities(&config);
                        let mut wire = Vec::new();
                        caps.encode_response(&Response::ok("").unwrap(), &mut wire);
                        let Ok(Status::Complete((back, _))) = parse_multiline(&wire, &reparse)
                        else {
                            panic!("capabilities {caps:?}")
                        };
                        assert_eq!(back.capabilities(&reparse), caps);
                        for line in &m.lines {
                            if let Ok(l) = ScanListing::parse(line) {
                                let mut w = Vec::new();
                                l.encode(&mut w);
                                assert_eq!(ScanListing::parse(&w[..w.len() - 2]).unwrap(), l);
                            }
                            if let Ok(l) = UniqueIdListing::parse(line) {
                                let mut w = Vec::new();
                                l.encode(&mut w);
                                assert_eq!(UniqueIdListing::parse(&w[..w.len() - 2]).unwrap(), l);
                            }
                            if let Ok(l) = LanguageListing::parse(line) {
                                let mut w = Vec::new();
                                l.encode(&mut w);
                                assert_eq!(LanguageListing::parse(&w[..w.len() - 2]).unwrap(), l);
                            }
                        }
                        input = &input[used..];
                    }
                    Ok(Status::Incomplete(_)) => break,
                    Err(_) => match skip_line(input) {
                        Some(n) => input = &input[n..],
                        None => break,
                    },
                }
            }
        }
        _ => {
            let chunk = 1 + usize::from(flags >> 6) * 3;
            let whole = decode(&config, input, input.len().max(1));
            assert_eq!(decode(&config, input, chunk), whole);
            assert_eq!(decode(&config, input, 1), whole);
        }
    }
});
