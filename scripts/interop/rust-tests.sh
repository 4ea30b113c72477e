#!/usr/bin/env bash
# Rust interop tests: the `#[ignore]`d tests of the root package's tests/ that need the servers
# started by start.sh. Called by run.sh with MAILPROTO_INTEROP_ENV set; a missing server fails
# these tests.
set -euo pipefail
: "${MAILPROTO_INTEROP_ENV:?run through scripts/interop/run.sh}"
cargo test --all-features --tests -- --ignored --test-threads=1
