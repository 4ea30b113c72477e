#!/usr/bin/env bash
# Run every cargo-fuzz target (or the ones named) for a bounded time on the stable toolchain.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      (SECONDS defaults to $FUZZ_SECONDS or 30)
#
# cargo-fuzz asks for nightly only because its default AddressSanitizer needs `-Zsanitizer`.
# The coverage instrumentation libFuzzer needs (`-Cpasses=sancov-module`, `-Cllvm-args=...`) is
# stable, so `--sanitizer none` builds and runs on stable. Our crates forbid `unsafe`, so ASan would
# only watch our dependencies; set FUZZ_ASAN=1 to get it anyway (through RUSTC_BOOTSTRAP=1, which
# lets stable rustc accept `-Zsanitizer=address`).
#
# Memory and time are bounded per input: -timeout turns a hang into a finding, -rss_limit_mb
# memory that is touched, and the fuzz crate's capped global allocator (fuzz/src/lib.rs) any single
# allocation over 256 MiB or more than 1 GiB live (libFuzzer's own -malloc_limit_mb needs a
# sanitizer's malloc hooks and does nothing under --sanitizer none). Seeds are read from fuzz/seeds/<target>/ (committed); the growing corpus
# lives in fuzz/corpus/<target>/ (ignored by git). A crash leaves its input in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-${FUZZ_SECONDS:-30}}
[ $# -gt 0 ] && shift
cargo_fuzz_version=0.13.2

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz $cargo_fuzz_version from crates.io"
  cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

sanitizer=(--sanitizer none)
if [ "${FUZZ_ASAN:-0}" = 1 ]; then
  export RUSTC_BOOTSTRAP=1
  sanitizer=(--sanitizer address)
fi

if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo fuzz list); fi

echo "fuzz: building ${#targets[@]} targets"
cargo fuzz build "${sanitizer[@]}"

failed=()
for t in "${targets[@]}"; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus"
  dirs=("$corpus")
  [ -d "fuzz/seeds/$t" ] && dirs+=("fuzz/seeds/$t")
  echo "fuzz: $t for ${secs}s"
  if ! cargo fuzz run "${sanitizer[@]}" "$t" "${dirs[@]}" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 >"fuzz/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 60 "fuzz/$t.log"
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "fuzz/$t.log" | sed "s/^/fuzz: $t /"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${secs}s each without a finding"
