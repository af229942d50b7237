#!/usr/bin/env bash
# Installs the system packages ukpanel needs (zlib headers; gzip and python3 for the tests'
# independent cross-checks). Idempotent: does nothing when they are present.
set -euo pipefail
need=()
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev pkg-config)
command -v gzip >/dev/null || need+=(gzip)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
