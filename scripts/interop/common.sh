# Shared by start.sh, stop.sh and run.sh (sourced, not run). Resolves the repository root and
# the run directory, and holds the fixed defaults of the harness.

INTEROP_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$INTEROP_SCRIPTS/../.." && pwd)

# The default run directory lives in target/ (ignored by git). Postfix's and Dovecot's
# unprivileged users must be able to reach it, and its path must have no white space (the
# servers' config formats cannot quote it). When the repository sits somewhere that breaks
# either rule (say a clone inside a 0700 temporary directory), the real directory goes to /tmp
# and target/interop becomes a symbolic link to it, so every script still finds it by the same
# name.
INTEROP_LINK="$REPO/target/interop"
INTEROP_DIR_EXPLICIT=0
if [ -n "${MAILPROTO_INTEROP_DIR:-}" ]; then
    INTEROP_LINK="$MAILPROTO_INTEROP_DIR"
    case "$INTEROP_LINK" in /*) ;; *) INTEROP_LINK="$PWD/$INTEROP_LINK" ;; esac
    INTEROP_DIR_EXPLICIT=1
fi

SMTP_HOST=127.0.0.1
SMTP_PORT=${MAILPROTO_SMTP_PORT:-10025}
LMTP_PORT=${MAILPROTO_LMTP_PORT:-10024}
IMAP_PORT=${MAILPROTO_IMAP_PORT:-10143}
IMAPS_PORT=${MAILPROTO_IMAPS_PORT:-10993}
POP3_PORT=${MAILPROTO_POP3_PORT:-10110}
# Postfix's implicit-TLS submission port (RFC 8314), and the port Postfix relays the sink domain
# to: nothing listens there until a test starts the smtp-sink example on it.
SMTPS_PORT=${MAILPROTO_SMTPS_PORT:-10465}
SINK_PORT=${MAILPROTO_SINK_PORT:-10026}
SINK_DOMAIN=sink.example.test
MAIL_DOMAIN=example.test
MAIL_USER=${MAILPROTO_MAIL_USER:-mailtest}
MAIL_PASSWORD=${MAILPROTO_MAIL_PASSWORD:-mailtest-secret}
MAIL_ADDRESS="$MAIL_USER@$MAIL_DOMAIN"
# System account that owns the test mailbox on disk (Dovecot will not run mail processes as root).
VMAIL_ACCOUNT=mailproto-vmail

# Is every directory on the way to $1 searchable by any user?
interop_path_public() {
    local d
    d=$(readlink -f "$1" 2>/dev/null || echo "$1")
    while [ -n "$d" ] && [ "$d" != "/" ]; do
        if [ -d "$d" ]; then
            local mode
            mode=$(stat -c '%a' "$d")
            # The last octal digit is "other"; odd means x is set.
            if [ $(( ${mode: -1} & 1 )) -eq 0 ]; then return 1; fi
        fi
        d=$(dirname "$d")
    done
    return 0
}

# The run directory as a real path (following target/interop when it is a link).
interop_run_dir() {
    if [ -L "$INTEROP_LINK" ]; then
        readlink -f "$INTEROP_LINK"
    else
        echo "$INTEROP_LINK"
    fi
}

interop_log() { echo "interop: $*" >&2; }
