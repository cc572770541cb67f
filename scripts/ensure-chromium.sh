#!/usr/bin/env bash
# The report's browser test drives Debian's Chromium through playwright-core, which never downloads a browser, and
# checks that the report's Japanese text renders in a Japanese font (not tofu). Installs Chromium and the Noto CJK
# fonts on a machine that lacks either.
set -u
has_chromium() { [ -x /usr/bin/chromium ]; }
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja family 2>/dev/null | head -n 1)" ]; }
if has_chromium && has_cjk_font; then exit 0; fi
packages=()
has_chromium || packages+=(chromium)
has_cjk_font || packages+=(fonts-noto-cjk fontconfig)
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: missing ${packages[*]}; install them with Debian's apt (as root: apt-get install ${packages[*]})" >&2
  exit 1
fi
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } >/dev/null 2>&1 || {
  echo "ensure-chromium: could not install ${packages[*]} with apt-get" >&2
  exit 1
}
has_cjk_font || { echo "ensure-chromium: fonts-noto-cjk is installed but fontconfig lists no Japanese font" >&2; exit 1; }
