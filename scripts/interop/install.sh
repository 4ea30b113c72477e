#!/usr/bin/env bash
# Install the real mail servers the interop suite talks to: Dovecot (IMAP, POP3, LMTP) and
# Postfix (SMTP), plus swaks and openssl. Idempotent: installs only packages that are missing,
# and keeps the packages' maintainer scripts from starting system services.
set -euo pipefail

packages=(dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix swaks libnet-ssleay-perl openssl python3 procps passwd)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "interop install: all packages present (${packages[*]})"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "interop install: missing packages (${missing[*]}) and not root; install them by hand" >&2
    exit 1
fi

echo "interop install: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# Postfix asks how to configure itself; the harness writes its own config, so say "none".
if command -v debconf-set-selections >/dev/null; then
    printf '%s\n' \
        'postfix postfix/main_mailer_type select No configuration' \
        'postfix postfix/mailname string localhost' |
        debconf-set-selections
fi

# Keep postinst scripts from starting dovecot/postfix as system services (no systemd here,
# but sysvinit scripts would still run through invoke-rc.d).
policy=/usr/sbin/policy-rc.d
created_policy=0
cleanup() {
    if [ "$created_policy" -eq 1 ]; then rm -f "$policy"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary: written by mailproto scripts/interop/install.sh\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    created_policy=1
fi

# The package lists may be missing or stale on a fresh machine; refresh once if the install
# fails (no candidate, or a download that 404s). The lock timeout covers an apt run already
# in progress (e.g. an unattended `apt-get update`).
apt_install() {
    apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}
if ! apt_install "${missing[@]}"; then
    echo "interop install: retrying after apt-get update"
    apt-get update -q -o DPkg::Lock::Timeout=300
    apt_install "${missing[@]}"
fi

echo "interop install: done"
