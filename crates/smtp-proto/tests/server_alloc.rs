//! Message data streams through the server machine without an allocation per chunk
//! (ARCHITECTURE.md: "steady state does not allocate per item"), for `DATA` and for `BDAT`,
//! counted by a counting global allocator. Runs without the test harness (see Cargo.toml), so
//! nothing else allocates meanwhile.

use std::alloc::System;

use smtp_proto::server::{Server, ServerConfig, ServerEvent};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Feeds `input` completely, accepting every decision and reading the data into a checksum
/// (no copy, no allocation in the driver itself).
fn pump(server: &mut Server, input: &[u8], out: &mut Vec<u8>, data: &mut (u64, u64)) {
    let mut rest = input;
    loop {
        let n = server.receive(rest);
        rest = &rest[n..];
        while let Some(ev) = server.poll_event() {
            match ev {
                ServerEvent::DataReadable => {
                    while let Some(d) = server.read_data() {
                        data.0 += d.len() as u64;
                        data.1 = d
                            .iter()
                            .fold(data.1, |h, &b| h.wrapping_mul(31) ^ u64::from(b));
                    }
                }
                ServerEvent::Hello { .. }
                | ServerEvent::Mail { .. }
                | ServerEvent::Rcpt { .. }
                | ServerEvent::DataStart
                | ServerEvent::MessageComplete { .. } => server.accept().unwrap(),
                _ => {}
            }
        }
        out.clear();
        server.poll_transmit(out);
        if rest.is_empty() {
            return;
        }
        assert!(n > 0, "server stuck in {:?}", server.state());
    }
}

fn server() -> Server {
    let mut config = ServerConfig::new("mx.example.org");
    config.max_message_size = None;
    let mut server = Server::new(config).unwrap();
    let mut out = Vec::new();
    server.poll_transmit(&mut out);
    server
}

/// Allocations (and reallocations) while `f` runs.
fn allocations(f: impl FnOnce()) -> usize {
    let region = Region::new(GLOBAL);
    f();
    let stats = region.change();
    stats.allocations + stats.reallocations
}

/// The counter counts: a copy of a chunk, as `DataChunk(Vec<u8>)` made, is seen.
fn counter_sees_a_copy() {
    let chunk = vec![b'x'; 4096];
    let n = allocations(|| {
        let copy = std::hint::black_box(chunk.to_vec());
        drop(copy);
    });
    assert!(n >= 1, "the counting allocator counts nothing");
}

/// `DATA`: 4 MiB of dot-stuffed lines in 4 KiB reads, after a warm-up.
fn data_does_not_allocate_per_chunk() {
    let mut server = server();
    let mut out = Vec::with_capacity(64 * 1024);
    let mut data = (0u64, 0u64);
    pump(
        &mut server,
        b"EHLO c.example\r\nMAIL FROM:<a@c.example>\r\nRCPT TO:<b@mx.example.org>\r\nDATA\r\n",
        &mut out,
        &mut data,
    );
    const LINE: &[u8] = b"..a stuffed line of the message body\r\n";
    let mut chunk = Vec::new();
    while chunk.len() + LINE.len() <= 4096 {
        chunk.extend_from_slice(LINE);
    }
    for _ in 0..16 {
        pump(&mut server, &chunk, &mut out, &mut data);
    }
    let n = allocations(|| {
        for _ in 0..1024 {
            pump(&mut server, &chunk, &mut out, &mut data);
        }
    });
    assert_eq!(n, 0, "DATA: {n} allocations for 1024 chunks");
    pump(&mut server, b".\r\nQUIT\r\n", &mut out, &mut data);
    // Every line lost its stuffed dot.
    let lines = (chunk.len() / LINE.len()) as u64;
    assert_eq!(data.0, 1040 * lines * (LINE.len() as u64 - 1));
    assert!(server.is_closed());
}

/// `BDAT`: 1024 chunks of 4 KiB, each with its command line and its `250` reply.
fn bdat_does_not_allocate_per_chunk() {
    let mut server = server();
    let mut out = Vec::with_capacity(64 * 1024);
    let mut data = (0u64, 0u64);
    pump(
        &mut server,
        b"EHLO c.example\r\nMAIL FROM:<a@c.example>\r\nRCPT TO:<b@mx.example.org>\r\n",
        &mut out,
        &mut data,
    );
    let mut chunk = b"BDAT 4096\r\n".to_vec();
    chunk.resize(chunk.len() + 4096, b'\x00');
    for _ in 0..16 {
        pump(&mut server, &chunk, &mut out, &mut data);
    }
    let n = allocations(|| {
        for _ in 0..1024 {
            pump(&mut server, &chunk, &mut out, &mut data);
        }
    });
    assert_eq!(n, 0, "BDAT: {n} allocations for 1024 chunks");
    assert_eq!(data.0, 1040 * 4096);
    pump(&mut server, b"BDAT 0 LAST\r\nQUIT\r\n", &mut out, &mut data);
    assert!(server.is_closed());
}

fn main() {
    let tests: [(&str, fn()); 3] = [
        ("counter_sees_a_copy", counter_sees_a_copy),
        (
            "data_does_not_allocate_per_chunk",
            data_does_not_allocate_per_chunk,
        ),
        (
            "bdat_does_not_allocate_per_chunk",
            bdat_does_not_allocate_per_chunk,
        ),
    ];
    for (name, test) in tests {
        test();
        println!("test {name} ... ok");
    }
    println!("{} passed, 0 failed", tests.len());
}
