#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: Prometheus (promtool and the
# server, for the real-Prometheus tests), Alertmanager (amtool and the server, for the routing
# and delivery tests) and Chromium (the review's dashboard pictures, driven by playwright-core,
# which downloads no browser) from Debian's packages, and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
packages=()
for binary in promtool prometheus amtool prometheus-alertmanager; do
  command -v "$binary" >/dev/null 2>&1 || missing+=("$binary")
done
if [ "${#missing[@]}" -gt 0 ]; then
  packages+=(prometheus prometheus-alertmanager)
fi
if [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
  packages+=(chromium fonts-dejavu-core)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: ${missing[*]} missing; run as root or: sudo apt-get install ${packages[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  # The packages' services are not started: the tests run their own servers on 127.0.0.1.
  apt-get install -y --no-install-recommends "${packages[@]}"
fi
npm ci --no-audit --no-fund
