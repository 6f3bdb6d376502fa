#!/usr/bin/env bash
# The browser specs (spec/browser, the Angular demo's) drive Debian's Chromium through
# playwright-core, which never downloads a browser: install the system one unless present.
set -euo pipefail
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "chromium: $("${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
