#!/usr/bin/env bash
# Playwright drives Debian's chromium: its own browser download cannot reach this network.
set -euo pipefail
# The suite drives its headless shell (playwright.config.ts); chromium is the same browser
# with a window, for looking at a failing screen by hand.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromium-headless-shell ]; then
  echo "chromium present: $(/usr/bin/chromium-headless-shell --version 2>/dev/null || echo /usr/bin/chromium-headless-shell)"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-headless-shell
