#!/usr/bin/env bash
# System packages the render tests need (Debian/Ubuntu, as root): LibreOffice to turn
# .docx into PDF (Writer) and open the built .xlsx (Calc), Thai fonts for it to draw with, poppler-utils to read the PDF back,
# Chromium to print and measure the web page (tests/test_formats.py, tests/test_html.py). GNU time: benchmarks/bench.py's peak memory.
set -euo pipefail
PACKAGES="libreoffice-writer-nogui libreoffice-calc-nogui fonts-thai-tlwg poppler-utils fontconfig chromium time"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
fi
