#!/usr/bin/env bash
# Re-make the README's pictures from data/measures_2568.yaml: page 1 of the PDF (LibreOffice)
# and the web page as a browser shows it (headless Chromium), and the editor (tools/editor_picture.py).
# Needs tools/install-test-deps.sh and the test extra.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
itareport build data/measures_2568.yaml --format pdf,html -o "$work"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/measures_2568.pdf" docs/pdf-page1
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1100,760 --screenshot=docs/html-page1.png "file://$work/measures_2568.html" 2>/dev/null
python tools/editor_picture.py docs/editor.png
ls -l docs/*.png
