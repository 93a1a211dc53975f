#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: Prometheus (promtool and the
# server, for the real-Prometheus tests) from Debian's packages, and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: promtool/prometheus missing; run as root or: sudo apt-get install prometheus" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends prometheus
fi
npm ci --no-audit --no-fund
