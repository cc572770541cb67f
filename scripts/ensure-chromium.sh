#!/usr/bin/env bash
# The report's browser test drives Debian's Chromium through playwright-core, which never downloads a browser.
# Installs it (with Japanese fonts, so saved screenshots are legible) on a machine that lacks it.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing; install Debian's 'chromium' package (as root: apt-get install chromium fonts-noto-cjk)" >&2
  exit 1
fi
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; } >/dev/null 2>&1 || {
  echo "ensure-chromium: could not install chromium with apt-get" >&2
  exit 1
}
