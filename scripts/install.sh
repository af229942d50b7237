#!/usr/bin/env bash
# Installs ukpanel under PREFIX (default /usr/local; ~/.local works without root):
#   PREFIX/bin/ukpanel                                   the release build (one static executable)
#   PREFIX/share/man/man1/ukpanel.1                      the manual (swift-argument-parser's generate-manual plugin)
#   PREFIX/share/bash-completion/completions/ukpanel     shell completions (ukpanel --generate-completion-script)
#   PREFIX/share/zsh/site-functions/_ukpanel
#   PREFIX/share/fish/vendor_completions.d/ukpanel.fish
# Then `man ukpanel` works when PREFIX/share/man is on MANPATH (it is for /usr/local), and bash, zsh
# and fish complete subcommands and options when they load completions from those folders.
#
#   scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-/usr/local}
bash scripts/setup.sh
bash scripts/build-release.sh
bin=.build/release/ukpanel
# The manual is made from the debug build, so that the plugin does not rebuild the release
# executable without its static-linking flags.
swift package --allow-writing-to-package-directory generate-manual --configuration debug >/dev/null 2>&1 || {
  echo "install: the manual could not be generated (swift package generate-manual)" >&2
  exit 1
}
manual=.build/plugins/GenerateManual/outputs/ukpanel/ukpanel.1
mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$bin" "$prefix/bin/ukpanel"
install -m 0644 "$manual" "$prefix/share/man/man1/ukpanel.1"
"$bin" --generate-completion-script bash >"$prefix/share/bash-completion/completions/ukpanel"
"$bin" --generate-completion-script zsh >"$prefix/share/zsh/site-functions/_ukpanel"
"$bin" --generate-completion-script fish >"$prefix/share/fish/vendor_completions.d/ukpanel.fish"
echo "installed $("$prefix/bin/ukpanel" --version) in $prefix (bin, man page, bash/zsh/fish completions)"
