//! Support shared by the mailproto fuzz targets.
//!
//! libFuzzer's `-malloc_limit_mb` needs the malloc hooks a sanitizer installs; with
//! `--sanitizer none` (how we fuzz on the stable toolchain) it is silently inert, and
//! `-rss_limit_mb` only notices memory that is actually touched. [`CappedAlloc`] closes that gap:
//! it is the global allocator of every fuzz target and aborts the process (which libFuzzer
//! reports as a crash and saves the input) when one allocation or the live total exceeds a cap.
//! Every target links it with `use mailproto_fuzz as _;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Largest single allocation a parser may make on fuzz input.
pub const MAX_ALLOCATION: usize = 256 << 20;
/// Largest total of live allocations.
pub const MAX_LIVE: usize = 1 << 30;

/// A global allocator that aborts on allocations beyond [`MAX_ALLOCATION`] / [`MAX_LIVE`].
pub struct CappedAlloc {
    live: AtomicUsize,
}

impl CappedAlloc {
    /// Records `grow` more live bytes for an allocation whose size is now `size`.
    fn check(&self, size: usize, grow: usize) {
        let live = self.live.fetch_add(grow, Ordering::Relaxed) + grow;
        if size > MAX_ALLOCATION || live > MAX_LIVE {
            // Printing could allocate; write a fixed message and abort.
            let msg: &[u8] = b"mailproto-fuzz: allocation cap exceeded (unbounded allocation)\n";
            let _ = std::io::Write::write_all(&mut std::io::stderr(), msg);
            std::process::abort();
        }
    }
}

// SAFETY: every method forwards to `System` with the caller's layout unchanged; the only
// addition is bookkeeping of sizes in an atomic counter.
unsafe impl GlobalAlloc for CappedAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.check(layout.size(), layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        self.check(layout.size(), layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.live.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            self.check(new_size, new_size - layout.size());
        } else {
            self.live
                .fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CappedAlloc = CappedAlloc {
    live: AtomicUsize::new(0),
};
