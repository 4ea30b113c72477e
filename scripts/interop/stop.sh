#!/usr/bin/env bash
# Stop the Dovecot and Postfix instances that start.sh started, by the pids in the run
# directory. A pid is signalled only after checking that it is still that instance's master
# (a stale pid file whose number was reused is left alone), and then only the processes of
# that master's own session are waited for. Safe to run when nothing is running.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

RUN_DIR=$(interop_run_dir)
if [ ! -d "$RUN_DIR" ]; then
    interop_log "stop: no run directory at $RUN_DIR, nothing to stop"
    exit 0
fi

# Processes (other than zombies) whose session id is $1: the master and its children, since
# both masters call setsid() when they daemonize.
session_members() {
    ps -e -o sid=,pid=,stat= | awk -v s="$1" '$1 == s && $3 !~ /^Z/ { print $2 }'
}

# Wait up to $2 seconds for every process of session $1 to go; then SIGKILL what is left.
wait_session() {
    local sid=$1 limit=$2 waited=0
    while [ -n "$(session_members "$sid")" ]; do
        if [ "$waited" -ge $((limit * 10)) ]; then
            local left
            left=$(session_members "$sid" | tr '\n' ' ')
            interop_log "stop: still running after ${limit}s, sending SIGKILL to: $left"
            # shellcheck disable=SC2086
            kill -KILL $left 2>/dev/null || true
            sleep 0.2
            return 0
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# stop_master NAME PIDFILE CHECK: CHECK is a function given the pid that says whether it is ours.
stop_master() {
    local name=$1 pidfile=$2 check=$3 pid
    if [ ! -s "$pidfile" ]; then
        return 0
    fi
    pid=$(head -n1 "$pidfile" | tr -dc '0-9')
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
        interop_log "stop: $name not running (stale pid file $pidfile)"
        rm -f "$pidfile"
        return 0
    fi
    if ! "$check" "$pid"; then
        interop_log "stop: pid $pid from $pidfile is not this run's $name; leaving it alone"
        return 0
    fi
    interop_log "stop: stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    wait_session "$pid" 15
    rm -f "$pidfile"
}

is_our_dovecot() {
    [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dovecot ] &&
        tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$RUN_DIR/dovecot/dovecot.conf"
}

is_our_postfix() {
    [ "$(cat "/proc/$1/comm" 2>/dev/null)" = master ] &&
        [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$(readlink -f "$RUN_DIR/postfix/queue")" ]
}

stop_master postfix "$RUN_DIR/postfix/queue/pid/master.pid" is_our_postfix
stop_master dovecot "$RUN_DIR/dovecot/run/master.pid" is_our_dovecot
interop_log "stop: done"
