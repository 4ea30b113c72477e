#!/usr/bin/env bash
# The interop suite: install (when missing) and start real Dovecot and Postfix, run every test
# under tests/interop/ (Python standard library, unittest), then scripts/interop/rust-tests.sh
# when it exists, and stop the servers (also on failure or interrupt). Exits non-zero if
# anything failed. Prints `interop: N passed, N failed` for the Python tests.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

started=$(date +%s)
bash "$INTEROP_SCRIPTS/install.sh"

cleanup() {
    bash "$INTEROP_SCRIPTS/stop.sh" || interop_log "run: stop.sh failed"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$INTEROP_SCRIPTS/start.sh"
RUN_DIR=$(interop_run_dir)
export MAILPROTO_INTEROP_ENV="$RUN_DIR/env"

status=0
python3 "$INTEROP_SCRIPTS/run_tests.py" || status=1

if [ -f "$INTEROP_SCRIPTS/rust-tests.sh" ]; then
    interop_log "run: scripts/interop/rust-tests.sh (MAILPROTO_INTEROP_ENV=$MAILPROTO_INTEROP_ENV)"
    (cd "$REPO" && bash "$INTEROP_SCRIPTS/rust-tests.sh") || status=1
fi

if [ "$status" -ne 0 ]; then
    interop_log "run: FAILED; server logs are in $RUN_DIR/log (kept until the next start)"
fi
interop_log "run: finished in $(( $(date +%s) - started ))s"
exit "$status"
