//! CRLF line framing: arbitrary input never panics; `LineBuffer` fed in arbitrary chunks (and
//! byte by byte) reports exactly what the stateless `parse_line` finds on the whole input, with
//! the same skip-the-bad-line recovery; lines respect the limit and memory stays bounded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::line::{BareLf, Ending, LineBuffer, LineConfig, LineError, Status, parse_line};
use mailproto_fuzz as _;

type Event = Result<(Vec<u8>, Ending), LineError>;

/// Repeated `parse_line` on the whole input, skipping bad lines as `LineBuffer` does.
fn reference(config: &LineConfig, mut input: &[u8]) -> Vec<Event> {
    let mut events = Vec::new();
    loop {
        match parse_line(input, config) {
            Ok(Status::Complete(line)) => {
                assert!(line.consumed() <= config.max_line_len());
                let mut again = line.content().to_vec();
                again.extend_from_slice(line.ending().as_bytes());
                if line.ending() != Ending::NormalizedLf {
                    assert_eq!(&again[..], &input[..line.consumed()]);
                }
                events.push(Ok((line.content().to_vec(), line.ending())));
                input = &input[line.consumed()..];
            }
            Ok(Status::Incomplete(_)) => {
                assert!(input.len() < config.max_line_len());
                assert!(!input.contains(&b'\n'));
                return events;
            }
            Err(e @ LineError::BareLf { offset }) => {
                assert_eq!(config.bare_lf(), BareLf::Reject);
                assert_eq!(input[offset], b'\n');
                events.push(Err(e));
                input = &input[offset + 1..];
            }
            Err(e) => {
                assert!(input.len() >= config.max_line_len());
                assert!(!input[..config.max_line_len()].contains(&b'\n'));
                events.push(Err(e));
                match input.iter().position(|&b| b == b'\n') {
                    Some(lf) => input = &input[lf + 1..],
                    None => return events,
                }
            }
        }
    }
}

fn buffered<'a>(config: LineConfig, chunks: impl Iterator<Item = &'a [u8]>) -> Vec<Event> {
    let mut lb = LineBuffer::new(config);
    let mut events = Vec::new();
    for chunk in chunks {
        let mut rest = chunk;
        loop {
            let n = lb.push(rest);
            rest = &rest[n..];
            assert!(lb.buffered() <= lb.capacity());
            loop {
                match lb.next_line() {
                    Ok(Some(l)) => events.push(Ok((l.content().to_vec(), l.ending()))),
                    Ok(None) => break,
                    Err(e) => events.push(Err(e)),
                }
            }
            if rest.is_empty() {
                break;
            }
        }
    }
    events
}

fuzz_target!(|data: &[u8]| {
    let [a, b, c, input @ ..] = data else { return };
    let limit = match a >> 6 {
        0 => 2 + usize::from(*a & 63),
        1 => 4000 + 16 * usize::from(*a & 63),
        _ => 64 + usize::from(*a),
    };
    let bare_lf = match b % 3 {
        0 => BareLf::Reject,
        1 => BareLf::Accept,
        _ => BareLf::Normalize,
    };
    let config = LineConfig::new(limit).with_bare_lf(bare_lf);
    let want = reference(&config, input);
    let chunk = 1 + usize::from(*c);
    assert_eq!(buffered(config, input.chunks(chunk)), want);
    if input.len() <= 4096 {
        assert_eq!(buffered(config, input.chunks(1)), want);
    }
});
