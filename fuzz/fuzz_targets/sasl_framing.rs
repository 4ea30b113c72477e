//! The SASL base64 framing: decoding arbitrary lines never panics, and whatever decodes
//! re-encodes to a line that decodes to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mail_sasl::framing::{self, ClientMessage};
use mailproto_fuzz as _;

fuzz_target!(|data: &[u8]| {
    if let Ok(ClientMessage::Response(r)) = framing::decode_response(data) {
        let line = framing::encode_response(r.as_bytes());
        match framing::decode_response(line.as_bytes()) {
            Ok(ClientMessage::Response(again)) => assert_eq!(again, r),
            other => panic!("re-encoded response decoded as {other:?}"),
        }
    }
    if let Ok(r) = framing::decode_initial_response(data) {
        let arg = framing::encode_initial_response(r.as_bytes());
        assert_eq!(
            framing::decode_initial_response(arg.as_bytes()).ok(),
            Some(r)
        );
    }
    if let Ok(c) = framing::decode_challenge(data) {
        let payload = framing::encode_challenge(&c);
        assert_eq!(framing::decode_challenge(payload.as_bytes()).ok(), Some(c));
    }
    // Encoding arbitrary bytes always round-trips.
    let line = framing::encode_response(data);
    assert!(matches!(
        framing::decode_response(line.as_bytes()),
        Ok(ClientMessage::Response(r)) if r.as_bytes() == data
    ));
});
