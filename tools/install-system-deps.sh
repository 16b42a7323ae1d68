#!/usr/bin/env bash
# The programs some tests drive for real (not Python packages): a PostgreSQL server for the
# store's PostgreSQL tests and Chromium + ChromeDriver for the web chat page's browser test.
# Debian's packages; run as root (CI does). Without them those tests skip and say why.
set -euo pipefail
packages=(postgresql chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-system-deps: not root or no apt-get; missing: ${missing[*]} (their tests will skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "install-system-deps: installed ${missing[*]}"
