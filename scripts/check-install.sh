#!/usr/bin/env bash
# Checks scripts/install.sh (run by CI): installs into a temporary prefix, then the installed binary
# prints its version, `man` renders the page with every subcommand, and bash's completion of
# `ukpanel ex` and `ukpanel export panel --f` offers `export` and `--format`.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
if ! command -v man >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends man-db >/dev/null
fi
bash scripts/install.sh "$prefix" >/dev/null
version=$("$prefix/bin/ukpanel" --version)
[[ "$version" == "ukpanel "* ]] || { echo "check-install: --version printed '$version'" >&2; exit 1; }
page=$(MANWIDTH=100 man -l "$prefix/share/man/man1/ukpanel.1" 2>/dev/null)
for command in reproduce tables export batch inspect select schema synth; do
  grep -qE "^ {5}$command( |\$)" <<<"$page" || { echo "check-install: the man page lacks $command" >&2; exit 1; }
done
offered=$(bash -c '
  source "$1/share/bash-completion/completions/ukpanel"
  # bash calls a completion function with the command, the word being completed and the word before.
  COMP_WORDS=(ukpanel ex); COMP_CWORD=1; COMP_LINE="ukpanel ex"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=(); _ukpanel ukpanel ex ukpanel; echo "${COMPREPLY[*]}"
  COMP_WORDS=(ukpanel export panel --f); COMP_CWORD=3; COMP_LINE="ukpanel export panel --f"; COMP_POINT=${#COMP_LINE}
  COMPREPLY=(); _ukpanel ukpanel --f panel; echo "${COMPREPLY[*]}"' _ "$prefix")
[ "$(head -n 1 <<<"$offered")" = "export" ] && grep -q -- "--format" <<<"$(tail -n 1 <<<"$offered")" || {
  echo "check-install: bash completion offered: $offered" >&2; exit 1; }
echo "install: $version; man page with every subcommand; bash completes 'ex' to export and '--f' to --format"
