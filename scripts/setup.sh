#!/usr/bin/env bash
# Installs the system packages ukpanel needs (zlib, zstd, ISA-L and libcrypto headers; gzip, igzip, python3, zip and
# unzip for the tests' independent cross-checks and benchmarks; scripts/python-env.sh adds pandas and
# pyreadstat). Idempotent: does nothing when they are present.
set -euo pipefail
need=()
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev pkg-config)
pkg-config --exists libzstd 2>/dev/null || need+=(libzstd-dev pkg-config)
pkg-config --exists libisal 2>/dev/null || need+=(libisal-dev pkg-config)
pkg-config --exists libcrypto 2>/dev/null || need+=(libssl-dev pkg-config)
command -v igzip >/dev/null || need+=(isal)
command -v gzip >/dev/null || need+=(gzip)
command -v python3 >/dev/null || need+=(python3)
command -v zip >/dev/null || need+=(zip)
command -v unzip >/dev/null || need+=(unzip)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
