#!/usr/bin/env bash
# Start a private Dovecot (IMAP, POP3, LMTP) and Postfix (SMTP) on 127.0.0.1 high ports, with
# configs, TLS certificates, mailbox, queue and logs all inside a fresh run directory
# (default: target/interop). Postfix delivers mail for the test domain to Dovecot over LMTP.
# Writes <run dir>/env with what the tests need. Run install.sh first; stop with stop.sh.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

WAIT_SECONDS=${MAILPROTO_INTEROP_WAIT:-30}

if [ "$(id -u)" -ne 0 ]; then
    interop_log "start: must run as root (Postfix's master and Dovecot's master start as root and drop privileges)"
    exit 1
fi
for bin in dovecot doveconf postfix postconf openssl python3; do
    if ! command -v "$bin" >/dev/null; then
        interop_log "start: $bin not found; run scripts/interop/install.sh first"
        exit 1
    fi
done

# A previous run (possibly still up) is stopped first, by its own pids.
bash "$INTEROP_SCRIPTS/stop.sh"

# Choose the real run directory (see common.sh).
if [ "$INTEROP_DIR_EXPLICIT" -eq 1 ]; then
    RUN_DIR="$INTEROP_LINK"
    if [[ "$RUN_DIR" =~ [[:space:]] ]]; then
        interop_log "start: MAILPROTO_INTEROP_DIR must not contain white space: '$RUN_DIR'"
        exit 1
    fi
    mkdir -p "$(dirname "$RUN_DIR")"
    if ! interop_path_public "$(dirname "$RUN_DIR")"; then
        interop_log "start: the directories above $RUN_DIR must be searchable by others (o+x)"
        exit 1
    fi
    rm -rf "$RUN_DIR"
else
    old=$(interop_run_dir)
    if [ -L "$INTEROP_LINK" ]; then
        rm -rf "$old"
        rm -f "$INTEROP_LINK"
    else
        rm -rf "$INTEROP_LINK"
    fi
    mkdir -p "$(dirname "$INTEROP_LINK")"
    if [[ "$INTEROP_LINK" =~ [[:space:]] ]] || ! interop_path_public "$(dirname "$INTEROP_LINK")"; then
        RUN_DIR="/tmp/mailproto-interop-$(id -u)-$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)"
        interop_log "start: $INTEROP_LINK is not reachable by the servers' users; using $RUN_DIR instead (target/interop links to it)"
        rm -rf "$RUN_DIR"
        ln -s "$RUN_DIR" "$INTEROP_LINK"
    else
        RUN_DIR="$INTEROP_LINK"
    fi
fi
mkdir -p "$RUN_DIR"
chmod 0755 "$RUN_DIR"

# Refuse to start if something else already answers on one of the ports: the readiness check
# would otherwise talk to the wrong server.
port_open() {
    python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket()
s.settimeout(1)
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
sys.exit(0)
EOF
}
for port in "$SMTP_PORT" "$SMTPS_PORT" "$LMTP_PORT" "$IMAP_PORT" "$IMAPS_PORT" "$POP3_PORT" "$SINK_PORT"; do
    if port_open "$port"; then
        interop_log "start: something already listens on 127.0.0.1:$port (override with MAILPROTO_*_PORT)"
        exit 1
    fi
done

# The system account that owns the mailbox.
if ! id "$VMAIL_ACCOUNT" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin --comment "mailproto interop mailbox owner" "$VMAIL_ACCOUNT"
fi
VMAIL_UID=$(id -u "$VMAIL_ACCOUNT")
VMAIL_GID=$(id -g "$VMAIL_ACCOUNT")
for account in postfix dovecot dovenull; do
    if ! id "$account" >/dev/null 2>&1; then
        interop_log "start: system user $account is missing (the Debian packages create it); rerun install.sh"
        exit 1
    fi
done

LOG_DIR="$RUN_DIR/log"
TLS_DIR="$RUN_DIR/tls"
DC_DIR="$RUN_DIR/dovecot"
PF_DIR="$RUN_DIR/postfix"
MAIL_HOME="$RUN_DIR/mail/$MAIL_USER"
PF_CONF="$PF_DIR/etc"
mkdir -p "$LOG_DIR" "$TLS_DIR" "$DC_DIR/state" "$PF_CONF" "$PF_DIR/data" "$PF_DIR/queue" "$MAIL_HOME"
chmod 0755 "$PF_DIR" "$PF_CONF" "$PF_DIR/queue"
chown postfix:postfix "$PF_DIR/data"
chmod 0700 "$PF_DIR/data"
chmod 0755 "$LOG_DIR"
chown "$VMAIL_UID:$VMAIL_GID" "$RUN_DIR/mail" "$MAIL_HOME"
chmod 0700 "$MAIL_HOME"
# Dovecot opens log_path in its master process (root), Postfix's postlogd writes as root too.
: >"$LOG_DIR/dovecot.log"
: >"$LOG_DIR/postfix.log"

# ---- TLS: a throwaway CA and a server certificate it signs (localhost, 127.0.0.1). A real CA
# plus a leaf lets strict clients (rustls/webpki refuse a CA certificate used as a server's) trust
# CA_CERT as an anchor.
(
    cd "$TLS_DIR"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
        -subj "/CN=mailproto interop test CA" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
    cat >server.ext <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,DNS:mx.$MAIL_DOMAIN,IP:127.0.0.1
EOF
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
        -extfile server.ext -out server.crt 2>/dev/null
    rm -f server.csr server.ext ca.srl
    chmod 0600 ca.key server.key
)

# ---- Dovecot
cat >"$DC_DIR/users" <<EOF
$MAIL_USER:{PLAIN}$MAIL_PASSWORD:$VMAIL_UID:$VMAIL_GID::$MAIL_HOME::
EOF
chmod 0640 "$DC_DIR/users"
chgrp dovecot "$DC_DIR/users"

cat >"$DC_DIR/dovecot.conf" <<EOF
# Written by scripts/interop/start.sh for the mailproto interop tests; regenerated on every start.
protocols = imap pop3 lmtp
listen = 127.0.0.1
base_dir = $DC_DIR/run
state_dir = $DC_DIR/state
log_path = $LOG_DIR/dovecot.log
info_log_path = $LOG_DIR/dovecot.log
debug_log_path = $LOG_DIR/dovecot.log
auth_verbose = yes
verbose_proctitle = yes
hostname = mx.$MAIL_DOMAIN

ssl = yes
ssl_cert = <$TLS_DIR/server.crt
ssl_key = <$TLS_DIR/server.key
ssl_min_protocol = TLSv1.2
# Plaintext logins are fine here: the servers listen on loopback only, and the tests exercise
# both plain and STARTTLS/STLS connections.
disable_plaintext_auth = no
# apop: POP3 APOP (RFC 1939 §7) for pop3-fetch --apop; Dovecot then puts a timestamp in the
# POP3 greeting, and never offers APOP as a SASL mechanism (IMAP, POP3 SASL and SMTP AUTH lists
# stay as they were).
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256 apop

# The password is stored as {PLAIN}, which every mechanism above can use (CRAM-MD5 and SCRAM
# need the cleartext or their own stored form).
passdb {
  driver = passwd-file
  args = username_format=%n $DC_DIR/users
}
userdb {
  driver = passwd-file
  args = username_format=%n $DC_DIR/users
}
first_valid_uid = $VMAIL_UID
last_valid_uid = $VMAIL_UID
first_valid_gid = $VMAIL_GID
last_valid_gid = $VMAIL_GID
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
pop3_uidl_format = %08Xu%08Xv

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $POP3_PORT
  }
  inet_listener pop3s {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
protocol lmtp {
  postmaster_address = postmaster@$MAIL_DOMAIN
}
# Failed logins answer at once and never slow later tests down: no 2 s failure delay, and no
# per-IP penalty tracking (tests that check refusals log in wrongly on purpose, all from 127.0.0.1).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
# SMTP AUTH in Postfix is answered by Dovecot's auth service through this socket.
service auth {
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF

# ---- Postfix
printf '%s OK\n' "$MAIL_ADDRESS" >"$PF_CONF/vmailbox"
printf 'postmaster@%s %s\n' "$MAIL_DOMAIN" "$MAIL_ADDRESS" >"$PF_CONF/valias"
printf '%s smtp:[127.0.0.1]:%s\n' "$SINK_DOMAIN" "$SINK_PORT" >"$PF_CONF/transport"

cat >"$PF_CONF/main.cf" <<EOF
# Written by scripts/interop/start.sh for the mailproto interop tests; regenerated on every start.
compatibility_level = 3.6
queue_directory = $PF_DIR/queue
data_directory = $PF_DIR/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $LOG_DIR/postfix.log
maillog_file_prefixes = $LOG_DIR

myhostname = mx.$MAIL_DOMAIN
mydomain = $MAIL_DOMAIN
myorigin = \$mydomain
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no
smtpd_banner = \$myhostname ESMTP mailproto-interop

# Loopback only, and never anything off this machine: no relay host, no DNS, and any
# destination other than the test domain is refused at RCPT and would bounce if queued.
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
# The sink domain is relayed to the smtp-sink example on the loopback sink port (started by a
# test), so that Postfix's SMTP client talks to our server: EHLO, STARTTLS, PIPELINING, 8BITMIME.
relay_domains = $SINK_DOMAIN
transport_maps = texthash:$PF_CONF/transport
smtp_tls_security_level = may
smtp_tls_CAfile = $TLS_DIR/ca.crt
smtp_tls_loglevel = 1
smtpd_relay_restrictions = reject_unauth_destination
default_transport = error:interop harness delivers to $MAIL_DOMAIN only
relay_transport = error:interop harness delivers to $MAIL_DOMAIN only
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtp_host_lookup = native
lmtp_host_lookup = native
smtpd_peername_lookup = no

# The test domain: its one mailbox goes to Dovecot over LMTP.
virtual_mailbox_domains = $MAIL_DOMAIN
virtual_mailbox_maps = texthash:$PF_CONF/vmailbox
virtual_alias_maps = texthash:$PF_CONF/valias
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT

# STARTTLS offered, not required; AUTH (through Dovecot) offered, also without TLS.
smtpd_tls_security_level = may
smtpd_tls_cert_file = $TLS_DIR/server.crt
smtpd_tls_key_file = $TLS_DIR/server.key
smtpd_tls_loglevel = 1
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $DC_DIR/run/auth-postfix
smtpd_tls_auth_only = no
smtpd_sasl_security_options = noanonymous
broken_sasl_auth_clients = no

# Fail fast in tests rather than queue for days.
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
EOF

# No chroot anywhere (a chroot would need copies of /etc files inside the queue directory).
cat >"$PF_CONF/master.cf" <<EOF
# Written by scripts/interop/start.sh. service type private unpriv chroot wakeup maxproc command
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd -o smtpd_tls_wrappermode=yes
pickup     unix  n - n 60   1 pickup
cleanup    unix  n - n -    0 cleanup
qmgr       unix  n - n 300  1 qmgr
tlsmgr     unix  - - n 1000? 1 tlsmgr
rewrite    unix  - - n -    - trivial-rewrite
bounce     unix  - - n -    0 bounce
defer      unix  - - n -    0 bounce
trace      unix  - - n -    0 bounce
verify     unix  - - n -    1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n -    - proxymap
proxywrite unix  - - n -    1 proxymap
smtp       unix  - - n -    - smtp
relay      unix  - - n -    - smtp
showq      unix  n - n -    - showq
error      unix  - - n -    - error
retry      unix  - - n -    - error
discard    unix  - - n -    - discard
lmtp       unix  - - n -    - lmtp
anvil      unix  - - n -    1 anvil
scache     unix  - - n -    1 scache
postlog    unix-dgram n - n - 1 postlogd
EOF

# ---- Start them: Dovecot first, since Postfix hands mail and AUTH to it.
tail_logs() {
    for f in "$LOG_DIR/dovecot.log" "$LOG_DIR/postfix.log" "$LOG_DIR/postfix-start.log" "$LOG_DIR/dovecot-start.log"; do
        if [ -s "$f" ]; then
            echo "---- last lines of $f" >&2
            tail -n 30 "$f" >&2
        fi
    done
}
fail() {
    interop_log "start: $*"
    tail_logs
    bash "$INTEROP_SCRIPTS/stop.sh" || true
    exit 1
}

if ! doveconf -c "$DC_DIR/dovecot.conf" -n >"$DC_DIR/doveconf-n.txt" 2>"$LOG_DIR/dovecot-start.log"; then
    fail "Dovecot rejected its configuration"
fi
if ! dovecot -c "$DC_DIR/dovecot.conf" >>"$LOG_DIR/dovecot-start.log" 2>&1; then
    fail "dovecot did not start"
fi

export MAIL_CONFIG="$PF_CONF"
if ! postfix -c "$PF_CONF" check >"$LOG_DIR/postfix-start.log" 2>&1; then
    fail "postfix check failed"
fi
if ! postfix -c "$PF_CONF" start >>"$LOG_DIR/postfix-start.log" 2>&1; then
    fail "postfix did not start"
fi
unset MAIL_CONFIG

# Bounded wait until every port answers with its greeting.
wait_greeting() {
    # A fourth argument, a CA file, makes it an implicit-TLS port (verified as localhost).
    local name=$1 port=$2 expect=$3 ca=${4:-}
    python3 - "$port" "$expect" "$WAIT_SECONDS" "$ca" <<'EOF' || fail "$name on 127.0.0.1:$port did not greet within ${WAIT_SECONDS}s"
import socket, ssl, sys, time
port, expect, limit = int(sys.argv[1]), sys.argv[2].encode(), float(sys.argv[3])
ca = sys.argv[4]
deadline = time.monotonic() + limit
last = "no attempt"
while time.monotonic() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            if ca:
                s = ssl.create_default_context(cafile=ca).wrap_socket(s, server_hostname="localhost")
            line = s.makefile("rb").readline()
            if line.startswith(expect):
                sys.exit(0)
            last = "unexpected greeting %r" % line
    except OSError as e:
        last = str(e)
    time.sleep(0.1)
print("last error: " + last, file=sys.stderr)
sys.exit(1)
EOF
}
wait_greeting IMAP "$IMAP_PORT" "* OK"
wait_greeting IMAPS "$IMAPS_PORT" "* OK" "$TLS_DIR/ca.crt"
wait_greeting POP3 "$POP3_PORT" "+OK"
wait_greeting LMTP "$LMTP_PORT" "220 "
wait_greeting SMTP "$SMTP_PORT" "220 "
wait_greeting SMTPS "$SMTPS_PORT" "220 " "$TLS_DIR/ca.crt"

DOVECOT_PID=$(cat "$DC_DIR/run/master.pid")
POSTFIX_PID=$(tr -dc '0-9' <"$PF_DIR/queue/pid/master.pid")

cat >"$RUN_DIR/env" <<EOF
RUN_DIR=$RUN_DIR
SMTP_HOST=$SMTP_HOST
SMTP_PORT=$SMTP_PORT
SMTPS_PORT=$SMTPS_PORT
SINK_PORT=$SINK_PORT
SINK_DOMAIN=$SINK_DOMAIN
LMTP_PORT=$LMTP_PORT
IMAP_HOST=$SMTP_HOST
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
POP3_HOST=$SMTP_HOST
POP3_PORT=$POP3_PORT
MAIL_USER=$MAIL_USER
MAIL_PASSWORD=$MAIL_PASSWORD
MAIL_ADDRESS=$MAIL_ADDRESS
MAIL_DOMAIN=$MAIL_DOMAIN
TLS_SERVER_NAME=localhost
CA_CERT=$TLS_DIR/ca.crt
MAILDIR=$MAIL_HOME/Maildir
LOG_DIR=$LOG_DIR
DOVECOT_PID=$DOVECOT_PID
POSTFIX_PID=$POSTFIX_PID
EOF
printf '%s\n' "$DOVECOT_PID" >"$RUN_DIR/dovecot.pid"
printf '%s\n' "$POSTFIX_PID" >"$RUN_DIR/postfix.pid"

interop_log "start: Dovecot (pid $DOVECOT_PID) IMAP 127.0.0.1:$IMAP_PORT IMAPS :$IMAPS_PORT POP3 :$POP3_PORT LMTP :$LMTP_PORT;" \
    "Postfix (pid $POSTFIX_PID) SMTP :$SMTP_PORT SMTPS :$SMTPS_PORT (sink domain $SINK_DOMAIN -> :$SINK_PORT); user $MAIL_ADDRESS; env $RUN_DIR/env"
