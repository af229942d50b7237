#!/usr/bin/env bash
# Makes (once) the Python virtualenv used by the format cross-checks in scripts/formats/:
# $REPO/.venv-crosscheck with exact pins of pandas, pyreadstat, pyarrow, numpy, Polars and DuckDB.
# Idempotent and quiet: installs only when the venv is missing or the pins below changed
# (the stamp file holds the requirement list), printing one line when it does.
# Callers then run "$REPO/.venv-crosscheck/bin/python".
#
#   scripts/python-env.sh
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$REPO/.venv-crosscheck"
STAMP="$VENV/.requirements"
REQUIREMENTS="duckdb==2.0.1
numpy==2.4.6
pandas==3.1.1
polars==2.1.0
pyarrow==26.0.1
pyreadstat==1.3.7"

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$REQUIREMENTS" ]; then
  exit 0
fi
echo "python-env: installing $(echo $REQUIREMENTS) into $VENV" >&2
PYTHON="$(command -v python3)"
if [ ! -x "$VENV/bin/python" ]; then
  rm -rf "$VENV"
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    # Debian/Ubuntu ship venv (ensurepip) separately.
    rm -rf "$VENV"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq >/dev/null
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$PYTHON" -m venv "$VENV" >/dev/null
  fi
fi
rm -f "$STAMP"
printf '%s\n' "$REQUIREMENTS" > "$VENV/.requirements.txt"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$VENV/.requirements.txt" >/dev/null
"$VENV/bin/python" -c 'import duckdb, numpy, pandas, polars, pyarrow, pyreadstat'
printf '%s\n' "$REQUIREMENTS" > "$STAMP"
