#!/usr/bin/env bash
# The mail tests start Debian's Dovecot themselves (server/testing/mail-servers.ts) as a real IMAP server.
set -euo pipefail
if [ -x /usr/sbin/dovecot ]; then
  echo "dovecot present: $(/usr/sbin/dovecot --version)"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y dovecot-imapd
