#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; never download a browser build.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian chromium for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
  exit 0
fi
echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH)." >&2
exit 1
